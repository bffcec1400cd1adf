#include "bulkcanceldialog.h"

#include "domain/cancelreason.h"
#include "eligibility.h"
#include "format.h"
#include "models/ordertablemodel.h"
#include "ordersummary.h"
#include "providers/paymentprovider.h"
#include "providers/providerregistry.h"
#include "services/exporter.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

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

// RFC 4180: comma separated, CRLF line ends, a field with a comma, quote, CR or
// LF in quotes with inner quotes doubled.
QString toCsv(const QList<QStringList> &rows)
{
    QString out;
    for (const QStringList &row : rows) {
        QStringList fields;
        fields.reserve(row.size());
        for (const QString &value : row)
            fields.append(Services::csvField(value));
        out += fields.join(u',') + u"\r\n"_s;
    }
    return out;
}

// Tab-separated for pasting into a spreadsheet or a ticket: a tab or line break
// inside a value would split it, so it becomes a space.
QString toTsv(const QList<QStringList> &rows)
{
    QString out;
    for (const QStringList &row : rows) {
        QStringList fields;
        fields.reserve(row.size());
        for (QString value : row) {
            value.replace(u'\t', u' ').replace(u'\r', u' ').replace(u'\n', u' ');
            fields.append(value);
        }
        out += fields.join(u'\t') + u'\n';
    }
    return out;
}

} // namespace

BulkCancelDialog::BulkCancelDialog(CancelSources sources, const OrderTableModel &list,
                                   const QList<Domain::OrderKey> &orders, QWidget *parent)
    : BulkCancelDialog(std::move(sources), orders, parent, &list)
{}

BulkCancelDialog::BulkCancelDialog(CancelSources sources, const QList<Domain::OrderKey> &orders,
                                   QWidget *parent)
    : BulkCancelDialog(std::move(sources), orders, parent, nullptr)
{}

BulkCancelDialog::BulkCancelDialog(CancelSources sources, const QList<Domain::OrderKey> &orders,
                                   QWidget *parent, const OrderTableModel *list)
    : QDialog(parent)
    , m_sources(std::move(sources))
    , m_list(list)
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("bulkCancelDialog"));
    m_rows.reserve(orders.size());
    for (const Domain::OrderKey &key : orders) {
        // The same order selected twice is cancelled once.
        const bool seen = std::any_of(m_rows.cbegin(), m_rows.cend(),
                                      [&key](const Row &r) { return r.key == key; });
        if (!seen)
            m_rows.append(Row{key, nullptr, std::nullopt, {}, false, false, std::nullopt});
    }
    for (Row &row : m_rows)
        readFacts(row);
    // What the cancels (or refreshes) write arrives as signals.
    if (m_list) {
        connect(m_list, &OrderTableModel::ordersUpdated, this, &BulkCancelDialog::onOrdersChanged);
    } else {
        followServiceChanges(m_sources, this,
                             [this](const Domain::OrderKey &key) { onOrdersChanged({key}); });
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
    resize(980, 540);
    auto *layout = new QVBoxLayout(this);
    buildSummary(layout);
    buildTable(layout);
    buildInput(layout);
    buildProgress(layout);
    buildButtons(layout);
    setFocusProxy(m_reason.reason);
    m_reason.reason->setFocus();
}

// What is selected, in which environment, and the totals per currency.
void BulkCancelDialog::buildSummary(QVBoxLayout *layout)
{
    m_summaryLabel = new QLabel;
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    QFont f = m_summaryLabel->font();
    f.setBold(true);
    m_summaryLabel->setFont(f);
    layout->addWidget(m_summaryLabel);
    // Named inside the dialog, not only on the main window's banner.
    m_environmentLabel = new QLabel;
    m_environmentLabel->setObjectName(QStringLiteral("environmentLabel"));
    m_environmentLabel->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;")
            .arg(environmentColor(m_sources.context.environment).name()));
    layout->addWidget(m_environmentLabel);
    m_totalsLabel = new QLabel;
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    m_totalsLabel->setWordWrap(true);
    m_totalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_totalsLabel);
}

// One row per order: what will (not) be sent, then each outcome.
void BulkCancelDialog::buildTable(QVBoxLayout *layout)
{
    m_table = new QTableWidget(int(m_rows.size()), ColumnCount);
    m_table->setObjectName(QStringLiteral("ordersTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(OutcomeColumn, QHeaderView::Stretch);
    for (int r = 0; r < m_rows.size(); ++r)
        for (int c = 0; c < ColumnCount; ++c)
            m_table->setItem(r, c, cell(QString()));
    layout->addWidget(m_table, 1);
}

// The reason and note for all, then the typed confirmation.
void BulkCancelDialog::buildInput(QVBoxLayout *layout)
{
    auto *input = new QFormLayout;
    input->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_reason = ReasonFields::addTo(input);
    m_confirm = TypedConfirmationFields::addTo(input, 9);
    layout->addLayout(input);
    connect(m_reason.reason, &QComboBox::currentIndexChanged, this,
            &BulkCancelDialog::updateControls);
    connect(m_reason.note, &QLineEdit::textChanged, this, &BulkCancelDialog::updateControls);
    connect(m_confirm.edit(), &QLineEdit::textChanged, this, &BulkCancelDialog::updateControls);
}

// The progress of the run, its result and what became of the report.
void BulkCancelDialog::buildProgress(QVBoxLayout *layout)
{
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
    m_reportNoteLabel = new QLabel;
    m_reportNoteLabel->setObjectName(QStringLiteral("reportNoteLabel"));
    m_reportNoteLabel->setWordWrap(true);
    m_reportNoteLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reportNoteLabel->hide();
    layout->addWidget(m_reportNoteLabel);
}

void BulkCancelDialog::buildButtons(QVBoxLayout *layout)
{
    auto *buttons = new QHBoxLayout;
    m_copyButton = addNonDefaultButton(buttons, QStringLiteral("copyReportButton"));
    m_exportButton = addNonDefaultButton(buttons, QStringLiteral("exportReportButton"));
    buttons->addStretch(1);
    m_keepButton = addNonDefaultButton(buttons, QStringLiteral("keepButton"));
    m_cancelButton = addNonDefaultButton(buttons, QStringLiteral("cancelButton"));
    m_stopButton = addNonDefaultButton(buttons, QStringLiteral("stopButton"));
    m_retryButton = addNonDefaultButton(buttons, QStringLiteral("retryButton"));
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
    connect(m_retryButton, &QPushButton::clicked, this, &BulkCancelDialog::retryUnresolved);
    connect(m_copyButton, &QPushButton::clicked, this, &BulkCancelDialog::copyReport);
    connect(m_exportButton, &QPushButton::clicked, this, &BulkCancelDialog::exportReport);
    connect(m_closeButton, &QPushButton::clicked, this, &BulkCancelDialog::accept);
}

void BulkCancelDialog::retranslateUi()
{
    setWindowTitle(tr("Cancel several payments"));
    m_table->setAccessibleName(tr("Orders to cancel"));
    m_environmentLabel->setText(
        tr("Environment: %1")
            .arg(environmentText(m_sources.context.environment, m_sources.context.builtInSandbox)));
    m_reason.retranslate(tr("Cancel &reason (for all):"));
    m_keepButton->setText(tr("&Keep payments"));
    m_stopButton->setText(m_job && !m_stopButton->isEnabled() ? tr("Stopping…") : tr("&Stop"));
    m_copyButton->setText(tr("C&opy report"));
    m_copyButton->setToolTip(tr("Copy the report to the clipboard, tab-separated."));
    m_exportButton->setText(tr("&Export report…"));
    m_exportButton->setToolTip(tr("Save the report as a CSV file."));
    m_closeButton->setText(tr("Close"));
    fillTable();
    updateControls();
    if (m_phase == Phase::Done)
        updateResultSummary();
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

void BulkCancelDialog::setTypedConfirmationThreshold(qint64 majorUnits)
{
    m_threshold = qMax<qint64>(0, majorUnits);
    updateControls();
}

void BulkCancelDialog::readFacts(Row &row)
{
    std::optional<OrderFacts> facts = readOrderFacts(m_sources, m_list, row.key);
    row.facts = facts ? std::make_shared<const OrderFacts>(std::move(*facts)) : nullptr;
    if (row.facts)
        row.order = row.facts->order;
    else
        row.order.reset();
}

void BulkCancelDialog::onOrdersChanged(const QList<Domain::OrderKey> &keys)
{
    bool any = false;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!keys.contains(m_rows.at(i).key))
            continue;
        readFacts(m_rows[i]);
        any = true;
        if (m_phase != Phase::Reviewing)
            fillRow(i); // the status the cancel left behind
    }
    if (any && m_phase == Phase::Reviewing) {
        decideAll();
        fillTable();
        updateControls();
    }
}

void BulkCancelDialog::decideAll()
{
    // The core's rule on what the list knows, at this second: no store read.
    const QDateTime now = m_sources.reads.clock();
    for (Row &row : m_rows) {
        row.check =
            row.facts
                ? row.facts->checkAt(now, m_sources.providers.provider(row.key.provider) != nullptr)
                : Services::CancelCheck{};
    }
}

bool BulkCancelDialog::willSend(const Row &row) const
{
    return m_phase == Phase::Reviewing ? row.order && row.check.mayCancel() : row.send;
}

int BulkCancelDialog::sendableCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [this](const Row &r) { return willSend(r); }));
}

bool BulkCancelDialog::needsTypedConfirmation() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [this](const Row &r) {
        return willSend(r) && r.order && Ui::needsTypedConfirmation(r.order->amount, m_threshold);
    });
}

QList<Domain::Money> BulkCancelDialog::totals() const
{
    QList<Domain::Money> sums;
    for (const Row &row : m_rows) {
        if (!willSend(row) || !row.order || row.order->amount.currency.isEmpty())
            continue;
        const Domain::Money &amount = row.order->amount;
        auto it = std::find_if(sums.begin(), sums.end(), [&amount](const Domain::Money &m) {
            return m.currency == amount.currency;
        });
        if (it == sums.end()) {
            sums.append(amount);
            continue;
        }
        // Beyond 9.2e18 minor units no real batch goes; saturate rather than wrap.
        if (qAddOverflow(it->minor, amount.minor, &it->minor))
            it->minor = std::numeric_limits<qint64>::max();
    }
    return sums;
}

QString BulkCancelDialog::notSentText(const Row &row) const
{
    if (!row.order)
        return tr("Not sent: the payment is not in the order list.");
    if (row.check.verdict == Services::CancelCheck::Verdict::ActiveAttempt
        || row.check.verdict == Services::CancelCheck::Verdict::NotConfigured)
        return tr("Not sent: %1").arg(Services::cancelCheckNote(row.check));
    return tr("Not sent: %1").arg(explainDecision(row.check.decision));
}

QString BulkCancelDialog::outcomeText(int index) const
{
    const Row &row = m_rows.at(index);
    if (m_phase == Phase::Reviewing) {
        if (!willSend(row))
            return notSentText(row);
        if (row.check.isRetry())
            return tr("Will be sent: %1").arg(Services::cancelCheckNote(row.check));
        const QString warning = explainDecision(row.check.decision);
        return warning.isEmpty() ? tr("Will be sent") : tr("Will be sent (%1)").arg(warning);
    }
    if (!row.send)
        return notSentText(row);
    if (row.awaiting) {
        const auto current = std::find_if(m_runRows.cbegin(), m_runRows.cend(),
                                          [this](int i) { return m_rows.at(i).awaiting; });
        return current != m_runRows.cend() && *current == index ? tr("Sending…") : tr("Waiting");
    }
    if (!row.report)
        return {};
    const CancelReport &r = *row.report;
    if (r.refusal != Refusal::None && r.refusal != Refusal::Configuration)
        return tr("Not sent: %1")
            .arg(r.refusal == Refusal::Ineligible ? explainDecision(r.decision) : r.message);
    if (!r.state)
        return tr("Not sent: %1").arg(r.message); // stopped before it started
    const QString provider = Domain::providerDisplayName(r.order.provider);
    switch (*r.state) {
    case AttemptState::Succeeded:
        return Storage::attemptStateLabel(*r.state);
    case AttemptState::Rejected: {
        QString text = r.refusal == Refusal::Configuration ? tr("Rejected: %1").arg(r.message)
                       : r.providerCode.isEmpty()
                           ? tr("Rejected by %1").arg(provider)
                           : tr("Rejected by %1: %2").arg(provider, r.providerCode);
        if (const QString g = Providers::guidanceText(r.guidance); !g.isEmpty())
            text = tr("%1 — %2").arg(text, g);
        return text;
    }
    case AttemptState::Unresolved:
        // The summary under the table says the rest; the tooltip has the details.
        return tr("%1 — retry it here, never as a new cancel.")
            .arg(Storage::attemptStateLabel(*r.state));
    case AttemptState::AwaitingApproval:
    case AttemptState::Declined:
    case AttemptState::Expired:
        return Storage::attemptStateLabel(*r.state);
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        break;
    }
    return tr("Outcome not known yet — do not cancel this payment again. %1").arg(r.message);
}

QColor BulkCancelDialog::outcomeColor(const Row &row) const
{
    if (!willSend(row))
        return countdownColor(Countdown::Level::Closed);
    if (row.awaiting || !row.report)
        return m_phase == Phase::Reviewing ? countdownColor(Countdown::Level::Normal) : QColor();
    if (!row.report->state)
        return countdownColor(Countdown::Level::Closed);
    return Ui::outcomeColor(*row.report->state);
}

void BulkCancelDialog::fillRow(int r)
{
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
    const QString outcome = outcomeText(r);
    QTableWidgetItem *item = m_table->item(r, OutcomeColumn);
    item->setText(outcome);
    const QString message = row.report ? row.report->message : QString();
    item->setToolTip(message.isEmpty() || message == outcome ? outcome
                                                             : tr("%1\n%2").arg(outcome, message));
    const QColor color = outcomeColor(row);
    item->setForeground(color.isValid() ? QBrush(color) : QBrush());
}

void BulkCancelDialog::fillTable()
{
    m_table->setHorizontalHeaderLabels(
        {tr("Provider"), tr("Payment ID"), tr("Amount"), tr("Status"),
         m_phase == Phase::Reviewing ? tr("Will it be sent?") : tr("Outcome")});
    for (int r = 0; r < m_rows.size(); ++r)
        fillRow(r);
}

void BulkCancelDialog::updateTotals()
{
    QStringList parts;
    for (const Domain::Money &total : totals())
        parts.append(formatMoneyFull(total));
    m_totalsLabel->setVisible(!parts.isEmpty());
    //: amounts in different currencies are listed, never added
    const QString list = parts.join(tr(" · "));
    m_totalsLabel->setText(m_phase == Phase::Reviewing ? tr("Total to cancel: %1").arg(list)
                                                       : tr("Total sent to cancel: %1").arg(list));
}

void BulkCancelDialog::updateControls()
{
    const bool reviewing = m_phase == Phase::Reviewing;
    const bool done = m_phase == Phase::Done;
    const int total = int(m_rows.size());
    const int sendable = sendableCount();
    const int notSent = total - sendable;
    m_summaryLabel->setText(tr("%n order(s) selected.", nullptr, total) + u' '
                            + (reviewing ? tr("%n will be sent.", nullptr, sendable) + u' '
                                               + tr("%n will not be sent.", nullptr, notSent)
                                         : tr("%n sent.", nullptr, sendable) + u' '
                                               + tr("%n not sent.", nullptr, notSent)));
    updateTotals();
    const QString problem = m_reason.validate();
    m_reason.problem->setText(problem);
    m_reason.problem->setVisible(reviewing && !problem.isEmpty());
    m_reason.reason->setEnabled(reviewing);
    m_reason.note->setEnabled(reviewing);

    // The same rule as the cancel dialog, for any order that will be sent.
    QStringList currencies;
    for (const Row &row : std::as_const(m_rows)) {
        if (willSend(row) && row.order
            && Ui::needsTypedConfirmation(row.order->amount, m_threshold))
            currencies.append(row.order->amount.currency);
    }
    m_confirm.expectCount(sendable);
    m_confirm.update(needsTypedConfirmation(), reviewing, m_threshold, currencies);

    m_cancelButton->setText(tr("&Cancel %n payment(s)", nullptr, sendable));
    m_cancelButton->setVisible(reviewing);
    m_cancelButton->setEnabled(reviewing && sendable > 0 && problem.isEmpty()
                               && m_confirm.isConfirmed());
    m_keepButton->setVisible(reviewing);
    m_stopButton->setVisible(m_phase == Phase::Running);
    const int unresolved = int(unresolvedRows().size());
    m_retryButton->setText(tr("&Retry unresolved (%n)", nullptr, unresolved));
    m_retryButton->setToolTip(
        tr("Send the unresolved cancels again as the same attempts, with the same idempotency "
           "keys — never new cancels."));
    m_retryButton->setVisible(done && unresolved > 0);
    m_copyButton->setVisible(done);
    m_exportButton->setVisible(done);
    m_closeButton->setVisible(done);
}

void BulkCancelDialog::start()
{
    // Double-click safe: only the first click finds the dialog reviewing.
    if (m_phase != Phase::Reviewing || m_job)
        return;
    decideAll(); // on this very second
    fillTable();
    updateControls();
    if (!m_cancelButton->isEnabled())
        return; // something changed: the operator sees what and decides again
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        row.send = row.order && row.check.mayCancel();
        if (row.send)
            rows.append(i);
    }
    runJob(rows);
}

QList<int> BulkCancelDialog::unresolvedRows() const
{
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (row.send && row.report && row.report->state == AttemptState::Unresolved)
            rows.append(i);
    }
    return rows;
}

void BulkCancelDialog::retryUnresolved()
{
    if (m_phase != Phase::Done || m_job)
        return;
    // CancelService::check gives RetryUnresolved for these: each is sent again
    // as its journaled attempt (same key and body), never as a new one. One
    // reconciled or taken by another window meanwhile is refused by the service.
    const QList<int> rows = unresolvedRows();
    if (!rows.isEmpty())
        runJob(rows);
}

void BulkCancelDialog::runJob(const QList<int> &rows)
{
    QList<Domain::OrderKey> keys;
    keys.reserve(rows.size());
    for (int i : rows) {
        m_rows[i].awaiting = true;
        keys.append(m_rows.at(i).key);
    }
    m_runRows = rows;
    m_phase = Phase::Running;
    m_job =
        m_sources.cancels.cancelMany(keys, currentReason(), m_reason.trimmedNote(),
                                     m_sources.context.operatorName, m_sources.context.environment);
    connect(m_job, &Services::BulkCancelJob::reported, this, &BulkCancelDialog::onReported);
    connect(m_job, &Services::BulkCancelJob::progress, this, &BulkCancelDialog::onProgress);
    connect(m_job, &Services::BulkCancelJob::finished, this, &BulkCancelDialog::onFinished);
    m_progress->setRange(0, int(keys.size()));
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m sent"));
    m_progress->show();
    m_resultLabel->hide();
    m_reportNoteLabel->hide();
    m_stopButton->setEnabled(true);
    m_stopButton->setText(tr("&Stop"));
    fillTable();
    updateControls();
}

void BulkCancelDialog::onReported(const CancelReport &report)
{
    // The job reports the orders it was given, in that order.
    for (int i : std::as_const(m_runRows)) {
        Row &row = m_rows[i];
        if (row.key == report.order && row.awaiting) {
            row.awaiting = false;
            // A retry stopped before it was sent leaves the attempt as it
            // was (unresolved): keep saying so, and keep offering the retry.
            const bool untouched = !report.state && report.refusal == Refusal::None;
            if (!(untouched && row.report))
                row.report = report;
            // (The status the cancel left behind came by signal: onOrdersChanged.)
            fillRow(i);
            break;
        }
    }
    // The next one is being sent now.
    for (int i : std::as_const(m_runRows)) {
        if (m_rows.at(i).awaiting) {
            fillRow(i);
            break;
        }
    }
}

void BulkCancelDialog::onProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void BulkCancelDialog::onFinished(const QList<CancelReport> &reports)
{
    for (const CancelReport &report : reports)
        onReported(report); // any not delivered on its own (none expected)
    QList<CancelReport> all;
    all.reserve(m_rows.size());
    for (Row &row : m_rows) {
        row.awaiting = false;
        if (!row.report) {
            CancelReport r;
            r.order = row.key;
            r.refusal = row.order ? Refusal::Ineligible : Refusal::NotFound;
            r.decision = row.check.decision;
            if (row.order && row.check.verdict == Services::CancelCheck::Verdict::ActiveAttempt)
                r.refusal = Refusal::ActiveAttempt;
            if (row.order && row.check.verdict == Services::CancelCheck::Verdict::NotConfigured)
                r.refusal = Refusal::Configuration;
            r.message = !row.order ? tr("The payment is not in the order list.")
                        : r.refusal == Refusal::Ineligible ? explainDecision(row.check.decision)
                                                           : Services::cancelCheckNote(row.check);
            row.report = r;
        }
        all.append(*row.report);
    }
    m_phase = Phase::Done;
    m_job.clear();
    m_runRows.clear();
    m_progress->setValue(m_progress->maximum());
    updateResultSummary();
    fillTable();
    updateControls();
    Q_EMIT bulkFinished(all);
}

void BulkCancelDialog::updateResultSummary()
{
    int succeeded = 0, rejected = 0, unknown = 0, notSent = 0;
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.report || !row.report->state || row.report->refusal == Refusal::ActiveAttempt) {
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
    QString text = tr("Succeeded: %1 · Rejected: %2 · Outcome unknown: %3 · Not sent: %4")
                       .arg(succeeded)
                       .arg(rejected)
                       .arg(unknown)
                       .arg(notSent);
    QPalette p = m_resultLabel->palette();
    p.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    if (unknown > 0) {
        text += u'\n'
                + tr("Do not make new cancels of the payments with an unknown outcome: retry them "
                     "here (the same attempts, with the same keys) or let a refresh reconcile "
                     "them.");
        p.setColor(QPalette::WindowText, countdownColor(Countdown::Level::Amber));
    }
    m_resultLabel->setPalette(p);
    m_resultLabel->setText(text);
    m_resultLabel->show();
}

QList<QStringList> BulkCancelDialog::reportRows() const
{
    QList<QStringList> rows;
    rows.append({tr("Provider"), tr("Payment ID"), tr("Amount"), tr("Currency"), tr("Status"),
                 tr("Outcome"), tr("Cancel attempt")});
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const bool known = row.order && !row.order->amount.currency.isEmpty();
        rows.append({Domain::providerDisplayName(row.key.provider), row.key.paymentId,
                     known ? row.order->amount.toDecimalString() : QString(),
                     known ? row.order->amount.currency : QString(),
                     row.order ? Domain::statusLabel(row.order->status) : QString(), outcomeText(i),
                     row.report && row.report->attemptId > 0
                         ? QString::number(row.report->attemptId)
                         : QString()});
    }
    return rows;
}

void BulkCancelDialog::copyReport()
{
    QGuiApplication::clipboard()->setText(toTsv(reportRows()));
    m_reportNoteLabel->setText(tr("The report is on the clipboard (tab-separated)."));
    m_reportNoteLabel->show();
}

QString BulkCancelDialog::exportError(const QString &path, const QString &problem) const
{
    return tr("The report could not be written to %1: %2")
        .arg(QDir::toNativeSeparators(path), problem);
}

void BulkCancelDialog::exportReport()
{
    QString path = m_exportPathForTest;
    if (path.isEmpty()) {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString name =
            QStringLiteral("bulk-cancel-%1.csv")
                .arg(m_sources.reads.clock().toString(QStringLiteral("yyyyMMdd-HHmmss")));
        path = QFileDialog::getSaveFileName(this, tr("Export bulk cancel report"),
                                            QDir(folder).filePath(name), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
    }
    QSaveFile file(path);
    QString problem;
    if (!file.open(QIODevice::WriteOnly))
        problem = file.errorString();
    // A BOM so that spreadsheets read the Chinese texts as UTF-8.
    else if (file.write("\xEF\xBB\xBF") < 0 || file.write(toCsv(reportRows()).toUtf8()) < 0)
        problem = file.errorString();
    else if (!file.commit())
        problem = file.errorString();
    m_reportNoteLabel->setText(problem.isEmpty()
                                   ? tr("Report saved to %1.").arg(QDir::toNativeSeparators(path))
                                   : exportError(path, problem));
    m_reportNoteLabel->show();
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
