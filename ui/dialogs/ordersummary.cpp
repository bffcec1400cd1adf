#include "ordersummary.h"

#include "eligibility.h"
#include "format.h"
#include "providers/paymentprovider.h"
#include "services/cancelservice.h"

#include <QCloseEvent>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLayout>
#include <QProgressBar>
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

} // namespace

// The colours format.h uses for the countdown, reused so the dialogs read the
// same as the list: green done, red refused, amber unknown.
QColor outcomeColor(Storage::AttemptState state)
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

void setLabelColor(QLabel *label, const QColor &color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

void setLabelBold(QLabel *label, qreal scale)
{
    QFont f = label->font();
    f.setBold(true);
    if (scale != 1.0)
        f.setPointSizeF(f.pointSizeF() * scale);
    label->setFont(f);
}

void growToFitHeight(QWidget *window)
{
    window->layout()->activate();
    const int wanted = window->layout()->totalHeightForWidth(window->width());
    if (wanted > window->height())
        window->resize(window->width(), wanted);
}

OrderSummaryWidget::OrderSummaryWidget(const OperatorContext &context, const Domain::OrderKey &key,
                                       QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_key(key)
{
    setObjectName(QStringLiteral("orderSummary"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Named inside the dialog, not only on the main window's banner.
    m_environmentValue = valueLabel(QStringLiteral("environmentValue"));
    setLabelBold(m_environmentValue, 1.0);
    setLabelColor(m_environmentValue, environmentColor(m_context.environment));
    m_providerValue = valueLabel(QStringLiteral("providerValue"));
    m_paymentIdValue = valueLabel(QStringLiteral("paymentIdValue"));
    m_referenceValue = valueLabel(QStringLiteral("referenceValue"));
    m_amountValue = valueLabel(QStringLiteral("amountValue"));
    setLabelBold(m_amountValue, 1.15);
    m_methodValue = valueLabel(QStringLiteral("methodValue"));
    m_statusValue = valueLabel(QStringLiteral("statusValue"));
    m_deadlineValue = valueLabel(QStringLiteral("deadlineValue"));
    m_deadlineValue->setWordWrap(true);
    m_countdownLabel = valueLabel(QStringLiteral("countdownLabel"));
    setLabelBold(m_countdownLabel, 1.15);
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
    m_eligibilityLabel->hide();
    layout->addWidget(m_eligibilityLabel);

    retranslateUi();
}

OrderSummaryWidget::~OrderSummaryWidget() = default;

void OrderSummaryWidget::retranslateUi()
{
    const QStringList rows = {
        tr("Environment:"), tr("Provider:"),       tr("Payment ID:"), tr("Merchant reference:"),
        tr("Amount:"),      tr("Payment method:"), tr("Status:"),     tr("Cancel deadline:"),
        tr("Time left:")};
    for (int i = 0; i < rows.size() && i < m_form->rowCount(); ++i) {
        if (auto *label =
                qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::LabelRole)->widget()))
            label->setText(rows.at(i));
    }
    m_environmentValue->setText(environmentText(m_context.environment, m_context.builtInSandbox));
    m_fullAmountLabel->setText(
        tr("The full amount is cancelled. Partial cancels are not possible; use a refund for "
           "part of the amount."));
    updateOrder();
    updateTime();
}

void OrderSummaryWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void OrderSummaryWidget::setOrder(const std::optional<Domain::Order> &order)
{
    m_order = order;
    updateOrder();
}

void OrderSummaryWidget::setDecision(const Domain::PolicyDecision &decision)
{
    m_decision = decision;
    updateTime();
}

void OrderSummaryWidget::setNow(const QDateTime &nowUtc)
{
    m_now = nowUtc;
    updateTime();
}

void OrderSummaryWidget::setCountdownVisible(bool visible)
{
    m_form->setRowVisible(m_countdownLabel, visible);
}

void OrderSummaryWidget::setEligibility(const QString &text, const QColor &color, bool prominent)
{
    m_eligibilityLabel->setText(text);
    m_eligibilityLabel->setVisible(!text.isEmpty());
    setLabelColor(m_eligibilityLabel, color);
    QFont f = m_eligibilityLabel->font();
    f.setBold(prominent);
    m_eligibilityLabel->setFont(f);
}

void OrderSummaryWidget::updateOrder()
{
    if (!m_order) {
        for (QLabel *l : {m_referenceValue, m_amountValue, m_methodValue, m_statusValue})
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

void OrderSummaryWidget::updateTime()
{
    const Countdown c = countdown(m_decision.deadlineUtc, m_decision.providerZone, m_now);
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
}

CancelOutcome CancelOutcome::of(const CancelReport &r, const OperatorContext &context)
{
    const bool notSentAtAll =
        (r.refusal != Refusal::None && r.refusal != Refusal::Configuration) || !r.state;
    CancelOutcome outcome = notSentAtAll ? notSent(r) : ofAttempt(r);
    if (r.attemptId > 0)
        outcome.details << tr("Cancel attempt #%1 is in the cancel log.").arg(r.attemptId);
    outcome.details
        << tr("Environment: %1").arg(environmentText(context.environment, context.builtInSandbox));
    return outcome;
}

QString CancelOutcome::progressText(AttemptState state, Domain::Provider provider)
{
    QString text;
    switch (state) {
    case AttemptState::Prepared:
        text = tr("Written to the cancel log; sending to %1…")
                   .arg(Domain::providerDisplayName(provider));
        break;
    case AttemptState::Sent:
        text = tr("Sent to %1; waiting for its answer…").arg(Domain::providerDisplayName(provider));
        break;
    case AttemptState::Confirming:
        text = tr("%1 accepted the cancel; waiting for it to become final…")
                   .arg(Domain::providerDisplayName(provider));
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
    return tr("State: %1. %2").arg(Storage::attemptStateLabel(state), text);
}

// Refused before anything was sent, or stopped before it started.
CancelOutcome CancelOutcome::notSent(const CancelReport &r)
{
    CancelOutcome o{
        QStringLiteral("refused"), tr("Not sent"), {}, countdownColor(Countdown::Level::Red)};
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
CancelOutcome CancelOutcome::ofAttempt(const CancelReport &r)
{
    const QString provider = Domain::providerDisplayName(r.order.provider);
    CancelOutcome o{{}, {}, {}, outcomeColor(*r.state)};
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

QStringList CancelOutcome::rejectionDetails(const CancelReport &r)
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

void SendingDialog::reject()
{
    // Closing must not lose a cancel in flight: wait for its outcome.
    if (isSending())
        return;
    QDialog::reject();
}

void SendingDialog::closeEvent(QCloseEvent *event)
{
    if (isSending()) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

OutcomeViews OutcomeViews::addTo(QVBoxLayout *layout)
{
    OutcomeViews v;
    v.progress = new QProgressBar;
    v.progress->setObjectName(QStringLiteral("progressBar"));
    v.progress->setRange(0, 0); // busy: the provider decides how long it takes
    v.progress->setTextVisible(false);
    v.progress->hide();
    layout->addWidget(v.progress);
    v.state = new QLabel;
    v.state->setObjectName(QStringLiteral("stateLabel"));
    v.state->setWordWrap(true);
    v.state->hide();
    layout->addWidget(v.state);

    v.title = new QLabel;
    v.title->setObjectName(QStringLiteral("outcomeTitle"));
    v.title->setTextFormat(Qt::PlainText);
    v.title->setWordWrap(true);
    setLabelBold(v.title, 1.4);
    v.title->hide();
    layout->addWidget(v.title);
    v.text = new QLabel;
    v.text->setObjectName(QStringLiteral("outcomeLabel"));
    v.text->setTextFormat(Qt::PlainText);
    v.text->setWordWrap(true);
    v.text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v.text->hide();
    layout->addWidget(v.text);
    return v;
}

void OutcomeViews::showSending(const QString &stateText)
{
    progress->show();
    state->setText(stateText);
    state->show();
}

void OutcomeViews::setState(AttemptState attemptState, Domain::Provider provider)
{
    state->setText(CancelOutcome::progressText(attemptState, provider));
}

void OutcomeViews::hideSending()
{
    progress->hide();
    state->hide();
}

void OutcomeViews::showOutcome(QWidget *dialog, const CancelOutcome &outcome)
{
    dialog->setProperty("outcome", outcome.key);
    title->setText(outcome.title);
    text->setText(outcome.details.join(QLatin1Char('\n')));
    setLabelColor(title, outcome.color);
    title->show();
    text->show();
}

} // namespace CancelDesk::Ui
