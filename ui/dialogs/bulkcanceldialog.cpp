#include "bulkcanceldialog.h"

#include "appsession.h"
#include "domain/cancelreason.h"
#include "eligibility.h"
#include "format.h"
#include "providers/paymentprovider.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace CancelDesk::Ui {

using Services::CancelReport;
using Storage::AttemptState;
using Refusal = CancelReport::Refusal;

namespace {

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

BulkCancelDialog::BulkCancelDialog(AppSession &session, const QList<Domain::OrderKey> &orders,
                                   QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("bulkCancelDialog"));
    m_rows.reserve(orders.size());
    for (const Domain::OrderKey &key : orders) {
        // The same order selected twice is cancelled once.
        const bool seen = std::any_of(m_rows.cbegin(), m_rows.cend(),
                                      [&key](const Row &r) { return r.key == key; });
        if (!seen)
            m_rows.append(Row{key, std::nullopt, {}, false, std::nullopt});
    }
    buildUi();
    decideAll();
    retranslateUi();

    // Deadlines pass while the operator reads the list: decide again every second.
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        if (m_phase != Phase::Reviewing)
            return;
        decideAll();
        fillTable();
        updateControls();
    });
    m_ticker->start();
}

BulkCancelDialog::~BulkCancelDialog() = default;

void BulkCancelDialog::buildUi()
{
    resize(900, 480);
    auto *layout = new QVBoxLayout(this);

    m_summaryLabel = new QLabel;
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    QFont f = m_summaryLabel->font();
    f.setBold(true);
    m_summaryLabel->setFont(f);
    layout->addWidget(m_summaryLabel);

    m_table = new QTableWidget(int(m_rows.size()), ColumnCount);
    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(PlanColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    for (int r = 0; r < m_rows.size(); ++r)
        for (int c = 0; c < ColumnCount; ++c)
            m_table->setItem(r, c, cell(QString()));
    layout->addWidget(m_table, 1);

    auto *input = new QFormLayout;
    input->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_reason = ReasonFields::addTo(input);
    layout->addLayout(input);

    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_resultLabel = new QLabel;
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->hide();
    layout->addWidget(m_resultLabel);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_keepButton = addNonDefaultButton(buttons, QStringLiteral("keepButton"));
    m_cancelButton = addNonDefaultButton(buttons, QStringLiteral("cancelButton"));
    m_stopButton = addNonDefaultButton(buttons, QStringLiteral("stopButton"));
    m_closeButton = addNonDefaultButton(buttons, QStringLiteral("closeButton"));
    layout->addLayout(buttons);

    connect(m_keepButton, &QPushButton::clicked, this, &BulkCancelDialog::reject);
    connect(m_cancelButton, &QPushButton::clicked, this, &BulkCancelDialog::start);
    connect(m_stopButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->stop();
        m_stopButton->setEnabled(false);
        m_stopButton->setText(tr("Stopping…"));
    });
    connect(m_closeButton, &QPushButton::clicked, this, &BulkCancelDialog::accept);
    connect(m_reason.reason, &QComboBox::currentIndexChanged, this,
            &BulkCancelDialog::updateControls);
    connect(m_reason.note, &QLineEdit::textChanged, this, &BulkCancelDialog::updateControls);
    setFocusProxy(m_reason.reason);
    m_reason.reason->setFocus();
}

void BulkCancelDialog::retranslateUi()
{
    setWindowTitle(tr("Cancel several payments"));
    m_table->setHorizontalHeaderLabels({tr("Provider"), tr("Payment ID"), tr("Amount"),
                                        tr("Status"), tr("Will it be sent?"), tr("Result")});
    m_reason.retranslate(tr("Cancel &reason (for all):"));
    m_keepButton->setText(tr("&Keep payments"));
    m_stopButton->setText(m_job && !m_stopButton->isEnabled() ? tr("Stopping…") : tr("&Stop"));
    m_closeButton->setText(tr("Close"));
    fillTable();
    updateControls();
}

void BulkCancelDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

Domain::CancelReason BulkCancelDialog::currentReason() const
{
    return m_reason.current();
}

void BulkCancelDialog::decideAll()
{
    for (Row &row : m_rows) {
        row.order = m_session.orders().find(row.key.provider, row.key.paymentId);
        row.check = row.order ? m_session.cancels().check(*row.order) : Services::CancelCheck{};
    }
}

int BulkCancelDialog::sendableCount() const
{
    if (m_phase != Phase::Reviewing)
        return int(m_sentRows.size());
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const Row &r) { return r.order && r.check.mayCancel(); }));
}

QString BulkCancelDialog::planText(const Row &row) const
{
    const bool willSend =
        m_phase == Phase::Reviewing ? row.order && row.check.mayCancel() : row.send;
    if (willSend) {
        if (row.check.isRetry())
            return tr("Will be sent: %1").arg(Services::cancelCheckNote(row.check));
        const QString warning = explainDecision(row.check.decision);
        return warning.isEmpty() ? tr("Will be sent") : tr("Will be sent (%1)").arg(warning);
    }
    if (!row.order)
        return tr("Not sent: the payment is not in the order list.");
    if (row.check.verdict == Services::CancelCheck::Verdict::ActiveAttempt)
        return tr("Not sent: %1").arg(Services::cancelCheckNote(row.check));
    return tr("Not sent: %1").arg(explainDecision(row.check.decision));
}

QString BulkCancelDialog::resultText(const Row &row) const
{
    if (m_phase == Phase::Reviewing)
        return {};
    if (!row.send)
        return tr("Not sent");
    if (!row.report) {
        const int position = int(m_sentRows.indexOf(int(&row - m_rows.constData())));
        if (position < m_done)
            return tr("Finished");
        return position == m_done ? tr("Sending…") : tr("Waiting");
    }
    const CancelReport &r = *row.report;
    if (r.refusal != Refusal::None && r.refusal != Refusal::Configuration)
        return tr("Not sent: %1")
            .arg(r.refusal == Refusal::Ineligible ? explainDecision(r.decision) : r.message);
    if (!r.state)
        return r.message; // stopped before it started
    switch (*r.state) {
    case AttemptState::Succeeded:
        return Storage::attemptStateLabel(*r.state);
    case AttemptState::Rejected: {
        QString text = r.providerCode.isEmpty()
                           ? Storage::attemptStateLabel(*r.state)
                           : tr("%1: %2").arg(Storage::attemptStateLabel(*r.state), r.providerCode);
        if (const QString g = Providers::guidanceText(r.guidance); !g.isEmpty())
            text = tr("%1 — %2").arg(text, g);
        return text;
    }
    case AttemptState::Unresolved:
        return tr("%1 — do not cancel this payment again; CancelDesk will reconcile it.")
            .arg(Storage::attemptStateLabel(*r.state));
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        break;
    }
    return tr("Outcome not known yet — do not cancel this payment again. %1").arg(r.message);
}

QColor BulkCancelDialog::resultColor(const Row &row) const
{
    if (!row.report || !row.report->state)
        return row.send ? QColor() : countdownColor(Countdown::Level::Closed);
    switch (*row.report->state) {
    case AttemptState::Succeeded:
        return countdownColor(Countdown::Level::Normal);
    case AttemptState::Rejected:
        return countdownColor(Countdown::Level::Red);
    case AttemptState::Unresolved:
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        break;
    }
    return countdownColor(Countdown::Level::Amber);
}

void BulkCancelDialog::fillTable()
{
    for (int r = 0; r < m_rows.size(); ++r) {
        const Row &row = m_rows.at(r);
        m_table->item(r, ProviderColumn)->setText(Domain::providerDisplayName(row.key.provider));
        m_table->item(r, PaymentIdColumn)->setText(row.key.paymentId);
        if (row.order) {
            m_table->item(r, AmountColumn)->setText(formatMoneyFull(row.order->amount));
            m_table->item(r, AmountColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->item(r, StatusColumn)->setText(Domain::statusLabel(row.order->status));
            m_table->item(r, StatusColumn)->setToolTip(row.order->rawStatus);
            m_table->item(r, StatusColumn)->setForeground(statusColor(row.order->status));
        } else {
            m_table->item(r, AmountColumn)->setText(QStringLiteral("—"));
            m_table->item(r, StatusColumn)->setText(QStringLiteral("—"));
        }
        const QString plan = planText(row);
        QTableWidgetItem *planItem = m_table->item(r, PlanColumn);
        planItem->setText(plan);
        planItem->setToolTip(plan);
        const bool willSend =
            m_phase == Phase::Reviewing ? row.order && row.check.mayCancel() : row.send;
        planItem->setForeground(willSend ? countdownColor(Countdown::Level::Normal)
                                         : countdownColor(Countdown::Level::Closed));
        QTableWidgetItem *resultItem = m_table->item(r, ResultColumn);
        resultItem->setText(resultText(row));
        resultItem->setToolTip(row.report ? row.report->message : QString());
        resultItem->setForeground(resultColor(row));
    }
}

void BulkCancelDialog::updateControls()
{
    const bool reviewing = m_phase == Phase::Reviewing;
    const int total = int(m_rows.size());
    const int sendable = sendableCount();
    const int notSent = total - sendable;
    m_summaryLabel->setText(tr("%n order(s) selected.", nullptr, total) + u' '
                            + tr("%n will be sent.", nullptr, sendable) + u' '
                            + tr("%n will not be sent.", nullptr, notSent));
    const QString problem = m_reason.validate();
    m_reason.problem->setText(problem);
    m_reason.problem->setVisible(reviewing && !problem.isEmpty());
    m_reason.reason->setEnabled(reviewing);
    m_reason.note->setEnabled(reviewing);

    m_cancelButton->setText(tr("&Cancel %n payment(s)", nullptr, sendable));
    m_cancelButton->setVisible(reviewing);
    m_cancelButton->setEnabled(reviewing && sendable > 0 && problem.isEmpty());
    m_keepButton->setVisible(reviewing);
    m_stopButton->setVisible(m_phase == Phase::Running);
    m_closeButton->setVisible(m_phase == Phase::Done);
}

void BulkCancelDialog::start()
{
    // Double-click safe: only the first click finds the dialog reviewing.
    if (m_phase != Phase::Reviewing || m_job)
        return;
    decideAll(); // on this very second
    QList<Domain::OrderKey> keys;
    m_sentRows.clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        row.send = row.order && row.check.mayCancel();
        if (row.send) {
            keys.append(row.key);
            m_sentRows.append(i);
        }
    }
    if (keys.isEmpty() || !m_reason.validate().isEmpty()) {
        fillTable();
        updateControls();
        return;
    }
    m_phase = Phase::Running;
    m_done = 0;
    m_job = m_session.cancels().cancelMany(keys, currentReason(), m_reason.trimmedNote(),
                                           m_session.operatorName(), m_session.environment());
    connect(m_job, &Services::BulkCancelJob::progress, this, &BulkCancelDialog::onProgress);
    connect(m_job, &Services::BulkCancelJob::finished, this, &BulkCancelDialog::onFinished);
    m_progress->setRange(0, int(keys.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m sent"));
    m_progress->show();
    m_stopButton->setEnabled(true);
    m_stopButton->setText(tr("&Stop"));
    fillTable();
    updateControls();
}

void BulkCancelDialog::onProgress(int done, int total)
{
    m_done = done;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    fillTable();
}

void BulkCancelDialog::onFinished(const QList<Services::CancelReport> &reports)
{
    // The job reports the orders it was given, in that order.
    for (const CancelReport &report : reports) {
        for (int index : std::as_const(m_sentRows)) {
            Row &row = m_rows[index];
            if (row.key == report.order && !row.report) {
                row.report = report;
                break;
            }
        }
    }
    QList<CancelReport> all;
    all.reserve(m_rows.size());
    int succeeded = 0, rejected = 0, unknown = 0, notSent = 0;
    for (Row &row : m_rows) {
        if (!row.report) {
            CancelReport r;
            r.order = row.key;
            r.refusal = row.order ? Refusal::Ineligible : Refusal::NotFound;
            r.decision = row.check.decision;
            if (row.order && row.check.verdict == Services::CancelCheck::Verdict::ActiveAttempt)
                r.refusal = Refusal::ActiveAttempt;
            r.message = !row.order ? tr("The payment is not in the order list.")
                        : r.refusal == Refusal::ActiveAttempt ? Services::cancelCheckNote(row.check)
                                                              : explainDecision(row.check.decision);
            row.report = r;
        }
        all.append(*row.report);
        if (!row.report->state || row.report->refusal == Refusal::ActiveAttempt) {
            ++notSent;
            continue;
        }
        switch (*row.report->state) {
        case AttemptState::Succeeded:
            ++succeeded;
            break;
        case AttemptState::Rejected:
            ++rejected;
            break;
        default:
            ++unknown;
            break;
        }
    }
    // Show the statuses the cancels left behind.
    for (Row &row : m_rows)
        row.order = m_session.orders().find(row.key.provider, row.key.paymentId);
    m_phase = Phase::Done;
    m_done = int(m_sentRows.size());
    m_progress->setValue(m_progress->maximum());
    m_resultLabel->setText(tr("Succeeded: %1 · Rejected: %2 · Outcome unknown: %3 · Not sent: %4")
                               .arg(succeeded)
                               .arg(rejected)
                               .arg(unknown)
                               .arg(notSent));
    if (unknown > 0) {
        m_resultLabel->setText(m_resultLabel->text() + u'\n'
                               + tr("Do not cancel the payments with an unknown outcome again; "
                                    "CancelDesk will reconcile them."));
        QPalette p = m_resultLabel->palette();
        p.setColor(QPalette::WindowText, countdownColor(Countdown::Level::Amber));
        m_resultLabel->setPalette(p);
    }
    m_resultLabel->show();
    fillTable();
    updateControls();
    Q_EMIT bulkFinished(all);
}

void BulkCancelDialog::reject()
{
    if (m_phase == Phase::Running)
        return; // Stop first: cancels in flight are not abandoned
    QDialog::reject();
}

void BulkCancelDialog::closeEvent(QCloseEvent *event)
{
    if (m_phase == Phase::Running) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

} // namespace CancelDesk::Ui
