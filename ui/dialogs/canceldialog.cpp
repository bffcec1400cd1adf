#include "canceldialog.h"

#include "domain/cancelreason.h"
#include "eligibility.h"
#include "format.h"
#include "models/ordertablemodel.h"
#include "ordersummary.h"
#include "providers/providerregistry.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

using Storage::AttemptState;

CancelDialog::CancelDialog(CancelSources sources, const OrderTableModel &orders,
                           const Domain::OrderKey &order, QWidget *parent)
    : CancelDialog(std::move(sources), order, parent, &orders)
{}

CancelDialog::CancelDialog(CancelSources sources, const Domain::OrderKey &order, QWidget *parent)
    : CancelDialog(std::move(sources), order, parent, nullptr)
{}

CancelDialog::CancelDialog(CancelSources sources, const Domain::OrderKey &order, QWidget *parent,
                           const OrderTableModel *orders)
    : SendingDialog(parent)
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
    m_outcome = OutcomeViews::addTo(layout); // the progress, then the outcome
    layout->addStretch(1);
    buildButtons(layout);
    // Start on the reason, never on a button that Space would press.
    setFocusProxy(m_reason.reason);
    m_reason.reason->setFocus();
}

// The headline, then the order, its countdown and eligibility.
void CancelDialog::buildSummary(QVBoxLayout *layout)
{
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("headlineLabel"));
    setLabelBold(m_headline, 1.3);
    layout->addWidget(m_headline);
    m_summary = new OrderSummaryWidget(m_sources.context, m_key);
    layout->addWidget(m_summary);
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

void CancelDialog::updateSummary()
{
    m_summary->setOrder(m_order);
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
    m_summary->setDecision(m_decision);
    m_summary->setNow(m_sources.reads.clock());
    updateEligibility();
    updateButtons();
}

void CancelDialog::updateEligibility()
{
    if (m_phase != Phase::Editing) {
        m_summary->setEligibility({}, {}, false);
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
    m_summary->setEligibility(text, color, prominent);
    if (isVisible())
        growToFitHeight(this);
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

    m_outcome.showSending(tr("Checking the payment and writing the cancel log…"));
    updateEligibility();
    updateButtons();
}

void CancelDialog::onStateChanged(Storage::AttemptState state)
{
    m_liveState = state;
    if (m_phase != Phase::Sending)
        return;
    m_outcome.setState(state, m_key.provider);
}

void CancelDialog::onFinished(const Services::CancelReport &report)
{
    m_report = report;
    m_phase = Phase::Done;
    m_ticker->stop();
    // The service stored the order's new status (it arrives by signal,
    // onOrdersChanged); the countdown no longer applies.
    m_summary->setCountdownVisible(false);
    m_headline->setText(tr("Cancel result"));
    m_outcome.hideSending();
    showOutcome();
    updateEligibility();
    updateButtons();
    Q_EMIT cancelFinished(report);
}

void CancelDialog::showOutcome()
{
    m_outcome.showOutcome(this, CancelOutcome::of(*m_report, m_sources.context));
    growToFitHeight(this);
}

} // namespace CancelDesk::Ui
