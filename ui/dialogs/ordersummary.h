#pragma once

#include "cancelsources.h"
#include "domain/cancelpolicy.h"
#include "domain/order.h"
#include "storage/canceljournal.h"

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;

namespace CancelDesk::Services {
struct CancelReport;
}

namespace CancelDesk::Ui {

// Sets the label's text colour (its palette's WindowText).
void setLabelColor(QLabel *label, const QColor &color);

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

} // namespace CancelDesk::Ui
