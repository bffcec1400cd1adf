#pragma once

#include "cancelsources.h"
#include "domain/cancelpolicy.h"
#include "domain/order.h"
#include "storage/canceljournal.h"

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QDialog>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCloseEvent;
class QFormLayout;
class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace CancelDesk::Services {
struct CancelReport;
}

namespace CancelDesk::Ui {

// Sets the label's text colour (its palette's WindowText).
void setLabelColor(QLabel *label, const QColor &color);
// The colour of an attempt's outcome, in the countdown's colours so that the
// dialogs read like the list: green succeeded, red rejected, grey declined or
// expired, amber anything still open or unknown.
QColor outcomeColor(Storage::AttemptState state);
// Makes the label's font bold, its point size scale times as large.
void setLabelBold(QLabel *label, qreal scale = 1.0);
// Word-wrapped labels grow in height for a width, which a top-level layout
// does not enforce: grows the window to its layout's height for its width
// rather than squeeze it (never shrinks it).
void growToFitHeight(QWidget *window);

// What an operator decides on before a cancel is sent (PRODUCT.md F9, F10,
// F23): the environment, the order (one row per fact), its cancel deadline
// in both zones, the live countdown, the full-amount note and one line on
// eligibility. Shared by the cancel dialog and the approve dialog, so that the
// approver sees exactly what the requester saw. It only shows what it is
// given: the dialogs read the order and decide.
class OrderSummaryWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderSummaryWidget)

public:
    OrderSummaryWidget(const OperatorContext &context, const Domain::OrderKey &key,
                       QWidget *parent = nullptr);
    ~OrderSummaryWidget() override;

    // The order as known now; nullopt: only its provider and payment id.
    void setOrder(const std::optional<Domain::Order> &order);
    // The cancel policy's decision: its deadline drives the countdown.
    void setDecision(const Domain::PolicyDecision &decision);
    // The countdown and the deadline, at this instant (the dialog's tick).
    void setNow(const QDateTime &nowUtc);
    // The countdown row (hidden once the cancel has finished).
    void setCountdownVisible(bool visible);
    // The eligibility line: hidden when text is empty; bold when prominent.
    void setEligibility(const QString &text, const QColor &color, bool prominent);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateOrder();
    void updateTime();

    OperatorContext m_context;
    Domain::OrderKey m_key;
    std::optional<Domain::Order> m_order;
    Domain::PolicyDecision m_decision;
    QDateTime m_now;

    QFormLayout *m_form = nullptr;
    QLabel *m_environmentValue = nullptr;
    QLabel *m_providerValue = nullptr;
    QLabel *m_paymentIdValue = nullptr;
    QLabel *m_referenceValue = nullptr;
    QLabel *m_amountValue = nullptr;
    QLabel *m_methodValue = nullptr;
    QLabel *m_statusValue = nullptr;
    QLabel *m_deadlineValue = nullptr;
    QLabel *m_countdownLabel = nullptr;
    QLabel *m_fullAmountLabel = nullptr;
    QLabel *m_eligibilityLabel = nullptr;
};

// What the cancel and approve dialogs show once a cancel they started has
// finished (F11), and while it runs.
struct CancelOutcome
{
    Q_DECLARE_TR_FUNCTIONS(CancelOutcome)

public:
    QString key; // the dialog's "outcome" property: succeeded, rejected, refused, …
    QString title;
    QStringList details;
    QColor color;

    // The outcome of a job's report, with the attempt and environment named.
    static CancelOutcome of(const Services::CancelReport &report, const OperatorContext &context);
    // "State: Sent. Sent to UQPAY; waiting for its answer…"
    static QString progressText(Storage::AttemptState state, Domain::Provider provider);

private:
    static CancelOutcome notSent(const Services::CancelReport &report);
    static CancelOutcome ofAttempt(const Services::CancelReport &report);
    static QStringList rejectionDetails(const Services::CancelReport &report);
};

// The cancel and approve dialogs: a cancel they start runs in place, and is
// never lost. While it runs (isSending) the dialog refuses to close: Esc,
// Close and the window's close button do nothing until its outcome is in.
class SendingDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendingDialog)

public:
    using QDialog::QDialog;

    // Whether a cancel has been started and has not finished yet.
    virtual bool isSending() const = 0;

    void reject() override;

protected:
    void closeEvent(QCloseEvent *event) override;
};

// The progress while a cancel runs, then its outcome (F11), in place in the
// cancel and approve dialogs: a busy bar and the state line, then the outcome's
// bold title and its details. All hidden until shown; the object names are the
// ones the tests find (progressBar, stateLabel, outcomeTitle, outcomeLabel).
struct OutcomeViews
{
    QProgressBar *progress = nullptr;
    QLabel *state = nullptr;
    QLabel *title = nullptr;
    QLabel *text = nullptr;

    // Creates the four widgets, hidden, at the end of layout.
    static OutcomeViews addTo(QVBoxLayout *layout);
    // The busy bar and the state line with this text.
    void showSending(const QString &stateText);
    // The state line for the job's state (CancelOutcome::progressText).
    void setState(Storage::AttemptState state, Domain::Provider provider);
    // Hides the busy bar and the state line.
    void hideSending();
    // Shows the outcome, and sets dialog's "outcome" property to its key.
    void showOutcome(QWidget *dialog, const CancelOutcome &outcome);
};

} // namespace CancelDesk::Ui
