#pragma once

#include "cancelsources.h"
#include "domain/cancelpolicy.h"
#include "domain/order.h"
#include "ordersummary.h"
#include "services/cancelservice.h"
#include "storage/canceljournal.h"

#include <QPointer>

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace CancelDesk::Ui {

struct OrderFacts;

// Four eyes (PRODUCT.md F23): one cancel waiting for approval, as a second
// person decides on it. It shows what the requester saw in the cancel dialog
// (the order, its eligibility and live countdown: OrderSummaryWidget), who
// asked, why and when, and when the request lapses. Approve asks for a
// confirmation, then sends that same attempt with its key (CancelService::
// approve) and shows the outcome in place; while it runs the dialog refuses to
// close. Decline needs a note for the requester. The requester's own request,
// a lapsed one and an order that can no longer be cancelled cannot be
// approved: the dialog says why.
class ApproveDialog final : public SendingDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApproveDialog)

public:
    // The request as the approvals queue read it. The order is read from the
    // store when the dialog opens and again when a service says it changed
    // (never on the tick). The approver is sources.context.operatorName.
    ApproveDialog(CancelSources sources, const Storage::CancelAttempt &request,
                  QWidget *parent = nullptr);
    ~ApproveDialog() override;

    qint64 attemptId() const { return m_request.id; }
    // Opened to decline: the note takes the focus.
    void focusDeclineNote();
    // Whether an approved cancel is being sent.
    bool isSending() const override { return m_phase == Phase::Sending; }

    // Why the requester cannot approve: the dialog's and the queue's words.
    static QString ownRequestText();

Q_SIGNALS:
    // The request was approved (and the cancel finished) or declined.
    void decided(qint64 attemptId);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Phase { Deciding, Sending, Done };

    void buildUi();
    void buildRequest(QVBoxLayout *layout);
    void buildButtons(QVBoxLayout *layout);
    void retranslateUi();
    void updateHeadline();
    void tick();
    void readFacts();
    void updateRequest();
    void updateEligibility();
    void updateButtons();
    // Why Approve is disabled now; empty when it is not.
    QString approveBlocker() const;
    bool isOwnRequest() const;
    bool isLapsed() const;
    void confirmApprove();
    void startApprove();
    void onStateChanged(Storage::AttemptState state);
    void onApproveFinished(const Services::CancelReport &report);
    void decline();
    void showDone(const CancelOutcome &outcome);

    CancelSources m_sources;
    Storage::CancelAttempt m_request;
    Domain::OrderKey m_key;
    std::unique_ptr<OrderFacts> m_facts; // nullptr when the order is unknown
    std::optional<Domain::Order> m_order;
    Domain::PolicyDecision m_decision;
    Phase m_phase = Phase::Deciding;
    QPointer<Services::CancelJob> m_job;
    std::optional<Storage::AttemptState> m_liveState;

    QTimer *m_ticker = nullptr;
    QLabel *m_headline = nullptr;
    OrderSummaryWidget *m_summary = nullptr;
    QFormLayout *m_requestForm = nullptr;
    QLabel *m_requesterValue = nullptr;
    QLabel *m_reasonValue = nullptr;
    QLabel *m_requestedValue = nullptr;
    QLabel *m_approvalDeadlineValue = nullptr;
    QFormLayout *m_noteForm = nullptr;
    QLineEdit *m_noteEdit = nullptr;
    QLabel *m_noteProblem = nullptr;
    OutcomeViews m_outcome; // the progress, then the outcome
    QPushButton *m_declineButton = nullptr;
    QPushButton *m_approveButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace CancelDesk::Ui
