#include "approvedialog.h"

#include "domain/cancelreason.h"
#include "eligibility.h"
#include "format.h"
#include "models/ordertablemodel.h"
#include "ordersummary.h"
#include "reasonfields.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

using Services::CancelReport;
using Storage::AttemptState;

namespace {

QLabel *valueLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

ApproveDialog::ApproveDialog(CancelSources sources, const Storage::CancelAttempt &request,
                             QWidget *parent)
    : SendingDialog(parent)
    , m_sources(std::move(sources))
    , m_request(request)
    , m_key{request.provider, request.paymentId}
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("approveDialog"));
    buildUi();
    // The order's status may change meanwhile (a refresh, the cancel once
    // approved): read it again when a service says so.
    followServiceChanges(m_sources, this, [this](const Domain::OrderKey &key) {
        if (key == m_key) {
            readFacts();
            tick();
        }
    });
    readFacts();
    retranslateUi();

    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ApproveDialog::tick);
    m_ticker->start();
}

ApproveDialog::~ApproveDialog() = default;

QString ApproveDialog::ownRequestText()
{
    return tr("You asked for this cancel: another person must approve it.");
}

void ApproveDialog::buildUi()
{
    setMinimumWidth(560);
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("headlineLabel"));
    setLabelBold(m_headline, 1.3);
    layout->addWidget(m_headline);
    m_summary = new OrderSummaryWidget(m_sources.context, m_key);
    layout->addWidget(m_summary);
    buildRequest(layout);
    m_outcome = OutcomeViews::addTo(layout); // the progress, then the outcome
    layout->addStretch(1);
    buildButtons(layout);
    // Start on the note, never on a button that Space would press.
    setFocusProxy(m_noteEdit);
    m_noteEdit->setFocus();
}

// Who asked, why, when, and when the request lapses; then the note a decline
// needs.
void ApproveDialog::buildRequest(QVBoxLayout *layout)
{
    m_requestForm = new QFormLayout;
    m_requestForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_requesterValue = valueLabel(QStringLiteral("requesterValue"));
    m_reasonValue = valueLabel(QStringLiteral("requestReasonValue"));
    m_requestedValue = valueLabel(QStringLiteral("requestedAtValue"));
    m_approvalDeadlineValue = valueLabel(QStringLiteral("approvalDeadlineValue"));
    for (QLabel *value :
         {m_requesterValue, m_reasonValue, m_requestedValue, m_approvalDeadlineValue})
        m_requestForm->addRow(new QLabel, value);
    layout->addLayout(m_requestForm);

    m_noteForm = new QFormLayout;
    m_noteForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_noteEdit = new QLineEdit;
    m_noteEdit->setObjectName(QStringLiteral("declineNoteEdit"));
    m_noteEdit->setMaxLength(500);
    m_noteForm->addRow(new QLabel, m_noteEdit);
    m_noteProblem = new QLabel;
    m_noteProblem->setObjectName(QStringLiteral("declineProblemLabel"));
    m_noteProblem->setWordWrap(true);
    setLabelColor(m_noteProblem, countdownColor(Countdown::Level::Red));
    m_noteProblem->hide();
    m_noteForm->addRow(QString(), m_noteProblem);
    layout->addLayout(m_noteForm);
    connect(m_noteEdit, &QLineEdit::textChanged, this, [this] {
        if (!m_noteEdit->text().trimmed().isEmpty())
            m_noteProblem->hide();
    });
}

void ApproveDialog::buildButtons(QVBoxLayout *layout)
{
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_closeButton = addNonDefaultButton(buttons, QStringLiteral("closeButton"));
    m_declineButton = addNonDefaultButton(buttons, QStringLiteral("declineButton"));
    m_approveButton = addNonDefaultButton(buttons, QStringLiteral("approveButton"));
    layout->addLayout(buttons);
    connect(m_closeButton, &QPushButton::clicked, this, &ApproveDialog::reject);
    connect(m_declineButton, &QPushButton::clicked, this, &ApproveDialog::decline);
    connect(m_approveButton, &QPushButton::clicked, this, &ApproveDialog::confirmApprove);
}

void ApproveDialog::retranslateUi()
{
    setWindowTitle(tr("Approve cancel"));
    updateHeadline();
    const QStringList rows = {tr("Requested by:"), tr("Cancel reason:"), tr("Requested at:"),
                              tr("Approval deadline:")};
    for (int i = 0; i < rows.size() && i < m_requestForm->rowCount(); ++i) {
        if (auto *label =
                qobject_cast<QLabel *>(m_requestForm->itemAt(i, QFormLayout::LabelRole)->widget()))
            label->setText(rows.at(i));
    }
    if (auto *label =
            qobject_cast<QLabel *>(m_noteForm->itemAt(0, QFormLayout::LabelRole)->widget())) {
        label->setText(tr("&Note for the requester:"));
        label->setBuddy(m_noteEdit);
    }
    m_noteEdit->setPlaceholderText(tr("Required to decline: why not"));
    m_declineButton->setText(tr("&Decline"));
    m_approveButton->setText(tr("&Approve and send…"));
    m_closeButton->setText(tr("Close"));
    updateRequest();
    tick();
}

void ApproveDialog::updateHeadline()
{
    switch (m_phase) {
    case Phase::Deciding:
        m_headline->setText(tr("Approve this cancel?"));
        break;
    case Phase::Sending:
        m_headline->setText(tr("Sending the approved cancel"));
        break;
    case Phase::Done:
        m_headline->setText(tr("Approval result"));
        break;
    }
}

void ApproveDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ApproveDialog::focusDeclineNote()
{
    m_noteEdit->setFocus();
}

void ApproveDialog::readFacts()
{
    std::optional<OrderFacts> facts = readOrderFacts(m_sources, nullptr, m_key);
    m_facts = facts ? std::make_unique<OrderFacts>(std::move(*facts)) : nullptr;
    if (m_facts)
        m_order = m_facts->order;
    else
        m_order.reset();
    m_summary->setOrder(m_order);
}

bool ApproveDialog::isOwnRequest() const
{
    return m_request.operatorName == m_sources.context.operatorName.trimmed();
}

bool ApproveDialog::isLapsed() const
{
    return m_request.approvalDeadline.isValid()
           && m_sources.reads.clock() >= m_request.approvalDeadline;
}

void ApproveDialog::updateRequest()
{
    m_requesterValue->setText(m_request.operatorName);
    const QString reason = Domain::cancelReasonLabel(m_request.reason);
    m_reasonValue->setText(m_request.note.isEmpty() ? reason
                                                    : tr("%1 — “%2”").arg(reason, m_request.note));
    m_requestedValue->setText(formatLocalTime(m_request.requestedAt));
}

void ApproveDialog::tick()
{
    const QDateTime now = m_sources.reads.clock();
    // Deadlines pass: decide again on this second, on the facts read when a
    // service last said the order changed.
    if (m_facts)
        m_decision = m_facts->decisionAt(now);
    m_summary->setDecision(m_decision);
    m_summary->setNow(now);
    if (!m_request.approvalDeadline.isValid()) {
        m_approvalDeadlineValue->setText(tr("none"));
    } else {
        const QString at = formatLocalTime(m_request.approvalDeadline);
        m_approvalDeadlineValue->setText(
            isLapsed()
                ? tr("%1 (your time) · lapsed").arg(at)
                : tr("%1 (your time) · lapses in %2")
                      .arg(at, countdown(m_request.approvalDeadline, QTimeZone(), now).text));
    }
    updateEligibility();
    updateButtons();
}

QString ApproveDialog::approveBlocker() const
{
    if (isOwnRequest())
        return ownRequestText();
    if (isLapsed())
        return tr("This request has lapsed: it waited past its approval deadline and can no "
                  "longer be approved. Nothing was sent.");
    if (!m_order)
        return tr("Payment %1 is not in the order list. Add or refresh it first.")
            .arg(m_key.paymentId);
    if (!m_decision.isEligible())
        return tr("This payment can no longer be cancelled; nothing was sent. %1")
            .arg(explainDecision(m_decision));
    return {};
}

void ApproveDialog::updateEligibility()
{
    if (m_phase != Phase::Deciding) {
        m_summary->setEligibility({}, {}, false);
        return;
    }
    const QString blocker = approveBlocker();
    if (!blocker.isEmpty())
        m_summary->setEligibility(
            blocker,
            countdownColor(isOwnRequest() ? Countdown::Level::Amber : Countdown::Level::Red), true);
    else // the policy's warning, if any
        m_summary->setEligibility(explainDecision(m_decision),
                                  countdownColor(Countdown::Level::Amber), false);
    if (isVisible())
        growToFitHeight(this);
}

void ApproveDialog::updateButtons()
{
    const bool deciding = m_phase == Phase::Deciding;
    const QString blocker = approveBlocker();
    // Declining needs the same second person, and a request still waiting.
    const bool mayDecide = !isOwnRequest() && !isLapsed();
    m_approveButton->setVisible(m_phase != Phase::Done);
    m_approveButton->setEnabled(deciding && blocker.isEmpty());
    m_approveButton->setToolTip(blocker);
    m_declineButton->setVisible(m_phase != Phase::Done);
    m_declineButton->setEnabled(deciding && mayDecide);
    m_declineButton->setToolTip(isOwnRequest() ? ownRequestText() : QString());
    m_noteEdit->setEnabled(deciding && mayDecide);
    m_noteForm->setRowVisible(m_noteEdit, m_phase != Phase::Done);
    m_closeButton->setEnabled(m_phase != Phase::Sending);
}

void ApproveDialog::confirmApprove()
{
    if (m_phase != Phase::Deciding || m_confirmation)
        return;
    tick(); // decide on this very second
    if (!m_approveButton->isEnabled())
        return;
    // Window-modal and asynchronous: the dialog keeps ticking behind it.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Approve cancel"),
                                tr("Approve and send the cancel of payment %1 (%2, %3), requested "
                                   "by %4? It is sent at once, with the requester's idempotency "
                                   "key.")
                                    .arg(m_key.paymentId, formatMoneyFull(m_request.amount),
                                         Domain::providerDisplayName(m_key.provider),
                                         m_request.operatorName),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("approveConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("Approve and send"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmApproveButton"));
    QPushButton *back = box->addButton(tr("Back"), QMessageBox::RejectRole);
    back->setObjectName(QStringLiteral("backButton"));
    box->setDefaultButton(back);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton *clicked) {
        if (clicked == yes)
            startApprove();
    });
    m_confirmation = box;
    box->open();
}

void ApproveDialog::startApprove()
{
    // Double-click safe: the first call leaves Deciding before anything else.
    if (m_phase != Phase::Deciding || m_job)
        return;
    tick();
    if (!m_approveButton->isEnabled())
        return;
    m_phase = Phase::Sending;
    m_job = m_sources.cancels.approve(m_request.id, m_sources.context.operatorName);
    connect(m_job, &Services::CancelJob::stateChanged, this, &ApproveDialog::onStateChanged);
    connect(m_job, &Services::CancelJob::finished, this, &ApproveDialog::onApproveFinished);
    updateHeadline();
    m_outcome.showSending(tr("Approving and writing the cancel log…"));
    updateEligibility();
    updateButtons();
}

void ApproveDialog::onStateChanged(AttemptState state)
{
    m_liveState = state;
    if (m_phase == Phase::Sending)
        m_outcome.setState(state, m_key.provider);
}

void ApproveDialog::onApproveFinished(const CancelReport &report)
{
    m_outcome.hideSending();
    // Refused before anything was sent (the requester, a lapsed or already
    // decided request, the team database's rules): the journal's own words.
    if (report.refusal != CancelReport::Refusal::None
        && report.refusal != CancelReport::Refusal::Configuration)
        showDone({QStringLiteral("refused"),
                  tr("Not approved — nothing was sent"),
                  {report.message},
                  countdownColor(Countdown::Level::Red)});
    else
        showDone(CancelOutcome::of(report, m_sources.context));
    Q_EMIT decided(m_request.id);
}

void ApproveDialog::decline()
{
    if (m_phase != Phase::Deciding)
        return;
    const QString note = m_noteEdit->text().trimmed();
    if (note.isEmpty()) {
        m_noteProblem->setText(tr("Declining needs a note for the requester: say why not."));
        m_noteProblem->show();
        m_noteEdit->setFocus();
        growToFitHeight(this);
        return;
    }
    // Nothing is sent: the journal alone.
    const Storage::JournalResult r =
        m_sources.cancels.decline(m_request.id, m_sources.context.operatorName, note);
    if (!r.ok()) {
        showDone({QStringLiteral("refused"),
                  tr("Not declined"),
                  {r.message},
                  countdownColor(Countdown::Level::Red)});
        return;
    }
    showDone({QStringLiteral("declined"),
              tr("Declined — nothing was sent"),
              {tr("%1 asked for this cancel; your note tells them why not: %2")
                   .arg(m_request.operatorName, note),
               tr("Cancel attempt #%1 is in the cancel log.").arg(m_request.id)},
              countdownColor(Countdown::Level::Closed)});
    Q_EMIT decided(m_request.id);
}

void ApproveDialog::showDone(const CancelOutcome &outcome)
{
    m_phase = Phase::Done;
    m_ticker->stop();
    m_summary->setCountdownVisible(false);
    m_noteProblem->hide();
    updateHeadline();
    m_outcome.showOutcome(this, outcome);
    updateEligibility();
    updateButtons();
    growToFitHeight(this);
}

} // namespace CancelDesk::Ui
