#include "canceldialog.h"

#include "domain/cancelreason.h"
#include "eligibility.h"
#include "format.h"
#include "models/ordertablemodel.h"
#include "providers/paymentprovider.h"
#include "providers/providerregistry.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

using Services::CancelReport;
using Storage::AttemptState;
using Refusal = CancelReport::Refusal;

namespace {

QLabel *valueLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void setBold(QLabel *label, qreal scale = 1.0)
{
    QFont f = label->font();
    f.setBold(true);
    if (scale != 1.0)
        f.setPointSizeF(f.pointSizeF() * scale);
    label->setFont(f);
}

// The colours format.h uses for the countdown, reused so the dialog reads the
// same as the list: green done, red refused, amber unknown.
QColor outcomeColor(AttemptState state)
{
    switch (state) {
    case AttemptState::Succeeded:
        return countdownColor(Countdown::Level::Normal);
    case AttemptState::Rejected:
        return countdownColor(Countdown::Level::Red);
    case AttemptState::Declined:
    case AttemptState::Expired:
        return countdownColor(Countdown::Level::Closed);
    case AttemptState::Unresolved:
    case AttemptState::AwaitingApproval:
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        break;
    }
    return countdownColor(Countdown::Level::Amber);
}

} // namespace

CancelDialog::CancelDialog(CancelSources sources, const OrderTableModel &orders,
                           const Domain::OrderKey &order, QWidget *parent)
    : CancelDialog(std::move(sources), order, parent, &orders)
{}

CancelDialog::CancelDialog(CancelSources sources, const Domain::OrderKey &order, QWidget *parent)
    : CancelDialog(std::move(sources), order, parent, nullptr)
{}

CancelDialog::CancelDialog(CancelSources sources, const Domain::OrderKey &order, QWidget *parent,
                           const OrderTableModel *orders)
    : QDialog(parent)
    , m_sources(std::move(sources))
    , m_orders(orders)
    , m_key(order)
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("cancelDialog"));
    buildUi();
    retranslateUi();

    // Changes arrive as signals: the list's rows read again after a refresh
    // or a cancel or, without a list, what the services say they wrote.
    if (m_orders) {
        connect(m_orders, &OrderTableModel::ordersUpdated, this, &CancelDialog::onOrdersChanged);
        connect(m_orders, &OrderTableModel::loaded, this, [this] { onOrdersChanged({m_key}); });
    } else {
        followServiceChanges(m_sources, this,
                             [this](const Domain::OrderKey &key) { onOrdersChanged({key}); });
    }
    readFacts();
    checkOrder();
    m_wasEligible = m_order && m_decision.isEligible();
    updateSummary();
    tick();

    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &CancelDialog::tick);
    m_ticker->start();
}

CancelDialog::~CancelDialog() = default;

void CancelDialog::buildUi()
{
    setMinimumWidth(560);
    auto *layout = new QVBoxLayout(this);
    buildSummary(layout);
    buildInput(layout);
    buildProgress(layout);
    layout->addStretch(1);
    buildButtons(layout);
    // Start on the reason, never on a button that Space would press.
    setFocusProxy(m_reason.reason);
    m_reason.reason->setFocus();
}

// The headline, the order (one row per fact), the full-amount note and the
// eligibility line.
void CancelDialog::buildSummary(QVBoxLayout *layout)
{
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("headlineLabel"));
    setBold(m_headline, 1.3);
    layout->addWidget(m_headline);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Named inside the dialog, not only on the main window's banner.
    m_environmentValue = valueLabel(QStringLiteral("environmentValue"));
    setBold(m_environmentValue, 1.0);
    setLabelColor(m_environmentValue, environmentColor(m_sources.context.environment));
    m_providerValue = valueLabel(QStringLiteral("providerValue"));
    m_paymentIdValue = valueLabel(QStringLiteral("paymentIdValue"));
    m_referenceValue = valueLabel(QStringLiteral("referenceValue"));
    m_amountValue = valueLabel(QStringLiteral("amountValue"));
    setBold(m_amountValue, 1.15);
    m_methodValue = valueLabel(QStringLiteral("methodValue"));
    m_statusValue = valueLabel(QStringLiteral("statusValue"));
    m_deadlineValue = valueLabel(QStringLiteral("deadlineValue"));
    m_deadlineValue->setWordWrap(true);
    m_countdownLabel = valueLabel(QStringLiteral("countdownLabel"));
    setBold(m_countdownLabel, 1.15);
    for (QLabel *value :
         {m_environmentValue, m_providerValue, m_paymentIdValue, m_referenceValue, m_amountValue,
          m_methodValue, m_statusValue, m_deadlineValue, m_countdownLabel})
        m_form->addRow(new QLabel, value);
    layout->addLayout(m_form);

    m_fullAmountLabel = new QLabel;
    m_fullAmountLabel->setObjectName(QStringLiteral("fullAmountLabel"));
    m_fullAmountLabel->setWordWrap(true);
    layout->addWidget(m_fullAmountLabel);

    m_eligibilityLabel = new QLabel;
    m_eligibilityLabel->setObjectName(QStringLiteral("eligibilityLabel"));
    m_eligibilityLabel->setWordWrap(true);
    m_eligibilityLabel->setTextFormat(Qt::PlainText);
    m_eligibilityLabel->setFrameShape(QFrame::StyledPanel);
    m_eligibilityLabel->setMargin(6);
    layout->addWidget(m_eligibilityLabel);
}

// The reason and note, then the typed confirmation.
void CancelDialog::buildInput(QVBoxLayout *layout)
{
    auto *input = new QFormLayout;
    input->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_reason = ReasonFields::addTo(input);
    m_confirm = TypedConfirmationFields::addTo(input, 4);
    layout->addLayout(input);
    connect(m_reason.reason, &QComboBox::currentIndexChanged, this, &CancelDialog::updateButtons);
    connect(m_reason.note, &QLineEdit::textChanged, this, &CancelDialog::updateButtons);
    connect(m_confirm.edit(), &QLineEdit::textChanged, this, &CancelDialog::updateButtons);
}

// The progress while the cancel runs, then its outcome.
void CancelDialog::buildProgress(QVBoxLayout *layout)
{
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 0); // busy: the provider decides how long it takes
    m_progress->setTextVisible(false);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_stateLabel->setWordWrap(true);
    m_stateLabel->hide();
    layout->addWidget(m_stateLabel);

    m_outcomeTitle = new QLabel;
    m_outcomeTitle->setObjectName(QStringLiteral("outcomeTitle"));
    m_outcomeTitle->setTextFormat(Qt::PlainText);
    m_outcomeTitle->setWordWrap(true);
    setBold(m_outcomeTitle, 1.4);
    m_outcomeTitle->hide();
    layout->addWidget(m_outcomeTitle);
    m_outcomeLabel = new QLabel;
    m_outcomeLabel->setObjectName(QStringLiteral("outcomeLabel"));
    m_outcomeLabel->setTextFormat(Qt::PlainText);
    m_outcomeLabel->setWordWrap(true);
    m_outcomeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcomeLabel->hide();
    layout->addWidget(m_outcomeLabel);
}

void CancelDialog::buildButtons(QVBoxLayout *layout)
{
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_keepButton = addNonDefaultButton(buttons, QStringLiteral("keepButton"));
    m_cancelButton = addNonDefaultButton(buttons, QStringLiteral("cancelButton"));
    m_closeButton = addNonDefaultButton(buttons, QStringLiteral("closeButton"));
    m_closeButton->hide();
    layout->addLayout(buttons);

    connect(m_keepButton, &QPushButton::clicked, this, &CancelDialog::reject);
    connect(m_cancelButton, &QPushButton::clicked, this, &CancelDialog::startCancel);
    connect(m_closeButton, &QPushButton::clicked, this, [this] {
        if (m_report && m_report->state == AttemptState::Succeeded)
            accept();
        else
            reject();
    });
}

void CancelDialog::retranslateUi()
{
    setWindowTitle(tr("Cancel payment"));
    m_headline->setText(m_phase == Phase::Done ? tr("Cancel result") : tr("Cancel this payment?"));
    const QStringList rows = {
        tr("Environment:"), tr("Provider:"),       tr("Payment ID:"), tr("Merchant reference:"),
        tr("Amount:"),      tr("Payment method:"), tr("Status:"),     tr("Cancel deadline:"),
        tr("Time left:")};
    m_environmentValue->setText(
        environmentText(m_sources.context.environment, m_sources.context.builtInSandbox));
    for (int i = 0; i < rows.size() && i < m_form->rowCount(); ++i) {
        if (auto *label =
                qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::LabelRole)->widget()))
            label->setText(rows.at(i));
    }
    m_fullAmountLabel->setText(
        tr("The full amount is cancelled. Partial cancels are not possible; use a refund for "
           "part of the amount."));
    m_reason.retranslate(tr("Cancel &reason:"));
    m_keepButton->setText(tr("&Keep payment"));
    m_cancelButton->setText(tr("&Cancel payment"));
    m_closeButton->setText(tr("Close"));
    updateSummary();
    tick();
    if (m_liveState)
        onStateChanged(*m_liveState);
    if (m_report)
        showOutcome();
}

void CancelDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void CancelDialog::setTypedConfirmationThreshold(qint64 majorUnits)
{
    m_threshold = qMax<qint64>(0, majorUnits);
    updateButtons();
}

bool CancelDialog::needsTypedConfirmation() const
{
    if (m_threshold <= 0)
        return true;
    return m_order && Ui::needsTypedConfirmation(m_order->amount, m_threshold);
}

Domain::CancelReason CancelDialog::currentReason() const
{
    return m_reason.current();
}

void CancelDialog::setLabelColor(QLabel *label, const QColor &color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

void CancelDialog::updateSummary()
{
    if (!m_order) {
        for (QLabel *l : {m_providerValue, m_referenceValue, m_amountValue, m_methodValue,
                          m_statusValue, m_deadlineValue})
            l->setText(QStringLiteral("—"));
        m_providerValue->setText(Domain::providerDisplayName(m_key.provider));
        m_paymentIdValue->setText(m_key.paymentId);
        return;
    }
    const Domain::Order &o = *m_order;
    m_providerValue->setText(Domain::providerDisplayName(o.provider));
    m_paymentIdValue->setText(o.paymentId);
    m_referenceValue->setText(o.merchantReference.isEmpty() ? QStringLiteral("—")
                                                            : o.merchantReference);
    m_amountValue->setText(formatMoneyFull(o.amount));
    m_methodValue->setText(o.paymentMethod.isEmpty() ? QStringLiteral("—") : o.paymentMethod);
    m_statusValue->setText(tr("%1 (provider: %2)").arg(Domain::statusLabel(o.status), o.rawStatus));
    setLabelColor(m_statusValue, statusColor(o.status));
}

void CancelDialog::readFacts()
{
    std::optional<OrderFacts> facts = readOrderFacts(m_sources, m_orders, m_key);
    m_facts = facts ? std::make_unique<OrderFacts>(std::move(*facts)) : nullptr;
    if (m_facts)
        m_order = m_facts->order;
    else
        m_order.reset();
}

void CancelDialog::onOrdersChanged(const QList<Domain::OrderKey> &keys)
{
    if (!keys.contains(m_key))
        return;
    readFacts();
    if (m_phase == Phase::Editing)
        checkOrder();
    updateSummary();
    if (m_phase == Phase::Editing)
        tick();
}

void CancelDialog::checkOrder()
{
    m_blocker.clear();
    m_retryNote.clear();
    if (!m_facts)
        return;
    // F8, F12 and §10: the core's one answer, on what the list knows.
    const Services::CancelCheck check = m_facts->checkAt(
        m_sources.reads.clock(), m_sources.providers.provider(m_key.provider) != nullptr);
    m_decision = check.decision;
    if (check.verdict == Services::CancelCheck::Verdict::ActiveAttempt
        || check.verdict == Services::CancelCheck::Verdict::NotConfigured)
        m_blocker = Services::cancelCheckNote(check);
    else if (check.isRetry())
        m_retryNote = Services::cancelCheckNote(check);
    if (check.isRetry() && check.attemptId != m_retryShown) {
        // The reason and note that will be sent are the attempt's own.
        m_retryShown = check.attemptId;
        m_reason.show(m_facts->unresolvedReason, m_facts->unresolvedNote);
    }
}

void CancelDialog::tick()
{
    if (m_phase == Phase::Editing) {
        // Deadlines pass: decide again on this second (what changed in the
        // store came by signal, onOrdersChanged).
        checkOrder();
        if (m_order)
            updateSummary();
    }
    const Countdown c =
        countdown(m_decision.deadlineUtc, m_decision.providerZone, m_sources.reads.clock());
    m_countdownLabel->setText(c.text);
    m_countdownLabel->setToolTip(c.tooltip);
    m_countdownLabel->setProperty("countdownLevel", static_cast<int>(c.level));
    setLabelColor(m_countdownLabel, countdownColor(c.level));
    if (m_decision.deadlineUtc.isValid()) {
        const QString provider =
            formatProviderTime(m_decision.deadlineUtc, m_decision.providerZone);
        const QString local = formatLocalTime(m_decision.deadlineUtc);
        m_deadlineValue->setText(
            provider.isEmpty() ? tr("%1 (your time)").arg(local)
                               : tr("%1 (your time) · %2 (provider's time)").arg(local, provider));
    } else {
        m_deadlineValue->setText(tr("none known"));
    }
    updateEligibility();
    updateButtons();
}

void CancelDialog::updateEligibility()
{
    if (m_phase != Phase::Editing) {
        m_eligibilityLabel->hide();
        return;
    }
    QString text;
    QColor color;
    bool prominent = false;
    if (!m_order) {
        text = tr("Payment %1 is not in the order list. Add or refresh it first.")
                   .arg(m_key.paymentId);
        color = countdownColor(Countdown::Level::Red);
        prominent = true;
    } else if (!m_decision.isEligible()) {
        text = explainDecision(m_decision);
        if (m_wasEligible)
            text = tr("This payment can no longer be cancelled; nothing was sent. %1").arg(text);
        color = countdownColor(Countdown::Level::Red);
        prominent = true;
    } else if (!m_blocker.isEmpty()) {
        text = m_blocker;
        color = countdownColor(Countdown::Level::Amber);
        prominent = true;
    } else if (!m_retryNote.isEmpty()) {
        text = m_retryNote;
        color = countdownColor(Countdown::Level::Amber);
        prominent = true;
    } else {
        text = explainDecision(m_decision); // the warning, if any
        color = countdownColor(Countdown::Level::Amber);
    }
    m_eligibilityLabel->setText(text);
    m_eligibilityLabel->setVisible(!text.isEmpty());
    setLabelColor(m_eligibilityLabel, color);
    QFont f = m_eligibilityLabel->font();
    f.setBold(prominent);
    m_eligibilityLabel->setFont(f);
    if (isVisible())
        fitHeight();
}

void CancelDialog::updateButtons()
{
    const bool editing = m_phase == Phase::Editing;
    // A retry sends the earlier attempt's reason; the picker does not apply.
    const bool retry = !m_retryNote.isEmpty();
    const QString problem = retry ? QString() : m_reason.validate();
    const bool reasonOk = problem.isEmpty();
    // Say why only once the operator has picked "other"; an empty note for
    // the other reasons is fine.
    m_reason.problem->setText(problem);
    m_reason.problem->setVisible(editing && !reasonOk);
    setLabelColor(m_reason.problem, countdownColor(Countdown::Level::Red));

    m_confirm.expectIdEnding(m_key.paymentId);
    m_confirm.update(needsTypedConfirmation(), editing, m_threshold,
                     m_order ? QStringList{m_order->amount.currency} : QStringList());

    for (QWidget *w :
         {static_cast<QWidget *>(m_reason.reason), static_cast<QWidget *>(m_reason.note)})
        w->setEnabled(editing && !retry);
    m_keepButton->setVisible(m_phase != Phase::Done);
    m_keepButton->setEnabled(editing);
    m_cancelButton->setVisible(m_phase != Phase::Done);
    m_cancelButton->setEnabled(editing && m_order && m_decision.isEligible() && m_blocker.isEmpty()
                               && reasonOk && m_confirm.isConfirmed());
    m_closeButton->setVisible(m_phase == Phase::Done);
}

void CancelDialog::startCancel()
{
    // Double-click safe: the first click leaves Editing before anything else
    // can run, and the store refuses a second active attempt anyway (F12).
    if (m_phase != Phase::Editing || m_job)
        return;
    tick(); // decide on this very second
    if (!m_cancelButton->isEnabled())
        return;
    m_phase = Phase::Sending;
    m_cancelButton->setEnabled(false);

    Services::CancelOrderRequest request;
    request.order = m_key;
    request.reason = currentReason();
    request.note = m_reason.trimmedNote();
    request.operatorName = m_sources.context.operatorName;
    request.environment = m_sources.context.environment;
    m_job = m_sources.cancels.cancel(request);
    connect(m_job, &Services::CancelJob::stateChanged, this, &CancelDialog::onStateChanged);
    connect(m_job, &Services::CancelJob::finished, this, &CancelDialog::onFinished);

    m_progress->show();
    m_stateLabel->setText(tr("Checking the payment and writing the cancel log…"));
    m_stateLabel->show();
    updateEligibility();
    updateButtons();
}

void CancelDialog::onStateChanged(Storage::AttemptState state)
{
    m_liveState = state;
    if (m_phase != Phase::Sending)
        return;
    QString text;
    switch (state) {
    case AttemptState::Prepared:
        text = tr("Written to the cancel log; sending to %1…")
                   .arg(Domain::providerDisplayName(m_key.provider));
        break;
    case AttemptState::Sent:
        text = tr("Sent to %1; waiting for its answer…")
                   .arg(Domain::providerDisplayName(m_key.provider));
        break;
    case AttemptState::Confirming:
        text = tr("%1 accepted the cancel; waiting for it to become final…")
                   .arg(Domain::providerDisplayName(m_key.provider));
        break;
    case AttemptState::Succeeded:
    case AttemptState::Rejected:
    case AttemptState::Unresolved:
    case AttemptState::AwaitingApproval:
    case AttemptState::Declined:
    case AttemptState::Expired:
        text = Storage::attemptStateLabel(state);
        break;
    }
    m_stateLabel->setText(tr("State: %1. %2").arg(Storage::attemptStateLabel(state), text));
}

void CancelDialog::onFinished(const Services::CancelReport &report)
{
    m_report = report;
    m_phase = Phase::Done;
    m_ticker->stop();
    // The service stored the order's new status (it arrives by signal,
    // onOrdersChanged); the countdown no longer applies.
    m_form->setRowVisible(m_countdownLabel, false);
    m_headline->setText(tr("Cancel result"));
    m_progress->hide();
    m_stateLabel->hide();
    showOutcome();
    updateEligibility();
    updateButtons();
    Q_EMIT cancelFinished(report);
}

void CancelDialog::showOutcome()
{
    const CancelReport &r = *m_report;
    const bool notSent =
        (r.refusal != Refusal::None && r.refusal != Refusal::Configuration) || !r.state;
    Outcome outcome = notSent ? notSentOutcome(r) : attemptOutcome(r);
    if (r.attemptId > 0)
        outcome.details << tr("Cancel attempt #%1 is in the cancel log.").arg(r.attemptId);
    outcome.details << tr("Environment: %1")
                           .arg(environmentText(m_sources.context.environment,
                                                m_sources.context.builtInSandbox));

    setProperty("outcome", outcome.key);
    m_outcomeTitle->setText(outcome.title);
    m_outcomeLabel->setText(outcome.details.join(QLatin1Char('\n')));
    setLabelColor(m_outcomeTitle, outcome.color);
    m_outcomeTitle->show();
    m_outcomeLabel->show();
    fitHeight();
}

// Refused before anything was sent, or stopped before it started.
CancelDialog::Outcome CancelDialog::notSentOutcome(const CancelReport &r) const
{
    Outcome o{QStringLiteral("refused"), tr("Not sent"), {}, countdownColor(Countdown::Level::Red)};
    switch (r.refusal) {
    case Refusal::ActiveAttempt:
        o.details << tr("Another cancel of this payment is in progress. Do not cancel it "
                        "again.");
        o.color = countdownColor(Countdown::Level::Amber);
        break;
    case Refusal::Ineligible:
        o.details << explainDecision(r.decision);
        break;
    case Refusal::None:
    case Refusal::NotFound:
    case Refusal::InvalidInput:
    case Refusal::Configuration:
    case Refusal::Storage:
    case Refusal::NotPermitted:
        o.details << r.message;
        break;
    }
    return o;
}

// The attempt's state as the provider (or the lack of an answer) left it.
CancelDialog::Outcome CancelDialog::attemptOutcome(const CancelReport &r) const
{
    const QString provider = Domain::providerDisplayName(r.order.provider);
    Outcome o{{}, {}, {}, outcomeColor(*r.state)};
    switch (*r.state) {
    case AttemptState::Succeeded:
        o.key = QStringLiteral("succeeded");
        o.title = tr("Cancelled — %1 confirms the payment is cancelled").arg(provider);
        o.details << r.message;
        break;
    case AttemptState::Rejected:
        o.key = r.sent ? QStringLiteral("rejected") : QStringLiteral("refused");
        // Only the provider's own "no" is a rejection by it; our backend
        // refusing before anything left (an unreadable key) is not.
        o.title = r.sent ? tr("Rejected by %1").arg(provider)
                         : tr("Not sent — %1 was not contacted").arg(provider);
        o.details = rejectionDetails(r);
        break;
    case AttemptState::Unresolved:
        o.key = QStringLiteral("unresolved");
        o.title = tr("Outcome unknown (unresolved)");
        o.details << tr("Outcome unknown — do not make a new cancel of this payment. A status "
                        "refresh reconciles it; pressing Cancel again retries this same attempt "
                        "with the same key, never a second cancel.");
        if (r.tries > 0)
            o.details << tr("Requests sent with the same idempotency key: %1").arg(r.tries);
        if (!r.providerCode.isEmpty())
            o.details << tr("Last answer: %1").arg(r.providerCode);
        break;
    case AttemptState::AwaitingApproval:
        o.key = QStringLiteral("awaiting");
        o.title = tr("Waiting for approval — nothing was sent");
        o.details << r.message;
        break;
    case AttemptState::Declined:
        o.key = QStringLiteral("declined");
        o.title = tr("Declined — nothing was sent");
        o.details << r.message;
        break;
    case AttemptState::Expired:
        o.key = QStringLiteral("expired");
        o.title = tr("Not approved in time — nothing was sent");
        o.details << r.message;
        break;
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        o.key = QStringLiteral("interrupted");
        o.title = tr("Outcome not known yet — do not cancel this payment again");
        o.details << r.message;
        break;
    }
    return o;
}

QStringList CancelDialog::rejectionDetails(const CancelReport &r) const
{
    QStringList details;
    if (r.refusal == Refusal::Configuration) {
        details << r.message;
    } else {
        if (!r.providerCode.isEmpty())
            details << tr("Provider code: %1").arg(r.providerCode);
        if (!r.providerMessage.isEmpty())
            details << tr("Provider message: %1").arg(r.providerMessage);
        if (r.httpStatus > 0)
            details << tr("HTTP status: %1").arg(r.httpStatus);
    }
    if (const QString guidance = Providers::guidanceText(r.guidance); !guidance.isEmpty())
        details << guidance;
    return details;
}

void CancelDialog::fitHeight()
{
    // Word-wrapped labels grow in height for a width, which a top-level
    // layout does not enforce: grow the window rather than squeeze the summary.
    layout()->activate();
    const int wanted = layout()->totalHeightForWidth(width());
    if (wanted > height())
        resize(width(), wanted);
}

void CancelDialog::reject()
{
    // Closing must not lose a cancel in flight: wait for its outcome.
    if (m_phase == Phase::Sending)
        return;
    QDialog::reject();
}

void CancelDialog::closeEvent(QCloseEvent *event)
{
    if (m_phase == Phase::Sending) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace CancelDesk::Ui
