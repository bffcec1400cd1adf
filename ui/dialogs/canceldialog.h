#pragma once

#include "cancelsources.h"
#include "domain/cancelpolicy.h"
#include "domain/order.h"
#include "ordersummary.h"
#include "reasonfields.h"
#include "services/cancelservice.h"
#include "typedconfirmation.h"

#include <QPointer>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace CancelDesk::Ui {

class OrderTableModel;
struct OrderFacts;

// The cancel dialog of PRODUCT.md F10: the order, the live countdown, a reason,
// a typed confirmation for large amounts, then the cancel itself (F11) with its
// progress and outcome in place.
//
// A cancel in flight is never lost: while it runs the dialog refuses to close
// (Esc, Close, the window's close button), and the job itself is parented to
// the CancelService, so it finishes even if the dialog is destroyed anyway.
class CancelDialog final : public SendingDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelDialog)

public:
    // The order as the order list knows it: the countdown and the checks read
    // the list's row, and follow its updates; nothing is read from the store.
    CancelDialog(CancelSources sources, const OrderTableModel &orders,
                 const Domain::OrderKey &order, QWidget *parent = nullptr);
    // Without an order list: the order is read from the store when the dialog
    // opens and again when a service says it changed (never on the tick).
    CancelDialog(CancelSources sources, const Domain::OrderKey &order, QWidget *parent = nullptr);
    ~CancelDialog() override;

    // Typed confirmation when the amount is this many major units or more in
    // its own currency (typedconfirmation.h, shared with the bulk cancel);
    // 0 = always. Default 1000.
    void setTypedConfirmationThreshold(qint64 majorUnits);
    bool needsTypedConfirmation() const;
    // Whether a cancel has been started and has not finished yet.
    bool isSending() const override { return m_phase == Phase::Sending; }

Q_SIGNALS:
    void cancelFinished(const CancelDesk::Services::CancelReport &report);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Phase { Editing, Sending, Done };

    CancelDialog(CancelSources sources, const Domain::OrderKey &order, QWidget *parent,
                 const OrderTableModel *orders);

    void buildUi();
    void buildSummary(QVBoxLayout *layout);
    void buildInput(QVBoxLayout *layout);
    void buildButtons(QVBoxLayout *layout);
    void retranslateUi();
    void tick();
    void updateSummary();
    void updateEligibility();
    void updateButtons();
    void startCancel();
    void onStateChanged(Storage::AttemptState state);
    void onFinished(const Services::CancelReport &report);
    void showOutcome();
    Domain::CancelReason currentReason() const;
    // The core's CancelCheck on the facts at hand, now (no store read).
    void checkOrder();
    // Takes the order's facts again from the list (or, without one, the store).
    void readFacts();
    void onOrdersChanged(const QList<Domain::OrderKey> &keys);

    CancelSources m_sources;
    const OrderTableModel *m_orders = nullptr;
    Domain::OrderKey m_key;
    std::unique_ptr<OrderFacts> m_facts; // nullptr when the order is unknown
    std::optional<Domain::Order> m_order;
    Domain::PolicyDecision m_decision;
    bool m_wasEligible = false;
    QString m_blocker; // an active attempt (F12): nothing may be sent
    // The order's earlier cancel is UNRESOLVED: pressing Cancel retries that
    // attempt with its key and reason (PRODUCT.md §10); the note says so.
    QString m_retryNote;
    qint64 m_retryShown = 0; // the retried attempt whose reason the fields show
    qint64 m_threshold = kDefaultTypedConfirmationThreshold;
    Phase m_phase = Phase::Editing;
    QPointer<Services::CancelJob> m_job;
    std::optional<Storage::AttemptState> m_liveState;
    std::optional<Services::CancelReport> m_report;

    QTimer *m_ticker = nullptr;
    QLabel *m_headline = nullptr;
    // The order, its countdown and eligibility (shared with ApproveDialog).
    OrderSummaryWidget *m_summary = nullptr;
    ReasonFields m_reason;
    TypedConfirmationFields m_confirm;
    OutcomeViews m_outcome; // the progress, then the outcome
    QPushButton *m_keepButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace CancelDesk::Ui
