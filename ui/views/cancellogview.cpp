#include "cancellogview.h"

#include "dialogs/exportdialog.h"
#include "dialogs/verifyagainstdialog.h"
#include "domain/cancelpolicy.h"
#include "domain/cancelreason.h"
#include "domain/provider.h"
#include "models/cancellogmodel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QTimeZone>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

using Storage::AttemptState;

namespace {

constexpr int kAll = -1;

const AttemptState kStates[] = {
    AttemptState::Prepared,         AttemptState::Sent,     AttemptState::Confirming,
    AttemptState::Succeeded,        AttemptState::Rejected, AttemptState::Unresolved,
    AttemptState::AwaitingApproval, AttemptState::Declined, AttemptState::Expired};

QLabel *buddyLabel(QWidget *parent, QWidget *buddy, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setBuddy(buddy);
    return label;
}

} // namespace

CancelLogView::CancelLogView(const Storage::CancelJournal &journal, Services::Exporter &exporter,
                             Services::Clock clock, QWidget *parent)
    : QWidget(parent)
    , m_journal(journal)
    , m_exporter(exporter)
    , m_clock(std::move(clock))
{
    setObjectName(u"cancelLogView"_s);

    m_model = new CancelLogModel(m_journal, this);
    m_jobs = new Services::JobRunner(this);

    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(0);
    connect(m_reloadTimer, &QTimer::timeout, this, &CancelLogView::applyFilter);

    // Created in the order Tab visits them; laid out apart.
    createDateFilters();
    createFieldFilters();
    createTable();
    createDetails();
    createActions();
    layOut();
    connectControls();

    retranslateUi();
    applyFilter();
    fitColumns();
}

void CancelLogView::createDateFilters()
{
    m_dateCheck = new QCheckBox(this);
    m_dateCheck->setObjectName(u"dateFilterCheck"_s);
    const QDate today = m_clock().toLocalTime().date();
    m_fromDate = new QDateEdit(today.addDays(-30), this);
    m_fromDate->setObjectName(u"fromDate"_s);
    m_fromDate->setCalendarPopup(true);
    m_fromDate->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_toDate = new QDateEdit(today, this);
    m_toDate->setObjectName(u"toDate"_s);
    m_toDate->setCalendarPopup(true);
    m_toDate->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_fromLabel = buddyLabel(this, m_fromDate, u"fromLabel"_s);
    m_toLabel = buddyLabel(this, m_toDate, u"toLabel"_s);
    m_rangeNote = new QLabel(this);
    m_rangeNote->setObjectName(u"rangeNote"_s);
    // Wraps rather than widen the filter rows beyond the window.
    m_rangeNote->setWordWrap(true);
    m_fromDate->setEnabled(false);
    m_toDate->setEnabled(false);
    m_todayButton = new QPushButton(this);
    m_todayButton->setObjectName(u"todayButton"_s);
    m_last7Button = new QPushButton(this);
    m_last7Button->setObjectName(u"last7DaysButton"_s);
    m_monthButton = new QPushButton(this);
    m_monthButton->setObjectName(u"thisMonthButton"_s);
}

void CancelLogView::createFieldFilters()
{
    m_providerCombo = new QComboBox(this);
    m_providerCombo->setObjectName(u"providerCombo"_s);
    m_operatorEdit = new QLineEdit(this);
    m_operatorEdit->setObjectName(u"operatorEdit"_s);
    m_operatorEdit->setClearButtonEnabled(true);
    m_outcomeCombo = new QComboBox(this);
    m_outcomeCombo->setObjectName(u"outcomeCombo"_s);
    m_reasonCombo = new QComboBox(this);
    m_reasonCombo->setObjectName(u"reasonCombo"_s);
    m_providerLabel = buddyLabel(this, m_providerCombo, u"providerLabel"_s);
    m_operatorLabel = buddyLabel(this, m_operatorEdit, u"operatorLabel"_s);
    m_outcomeLabel = buddyLabel(this, m_outcomeCombo, u"outcomeLabel"_s);
    m_reasonLabel = buddyLabel(this, m_reasonCombo, u"reasonLabel"_s);
    fillCombos();
}

void CancelLogView::createTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(u"cancelLogTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
}

void CancelLogView::createDetails()
{
    // The selected attempt in full: a note or an answer is often longer than
    // its column.
    m_details = new QLabel(this);
    m_details->setObjectName(u"attemptDetails"_s);
    m_details->setTextFormat(Qt::PlainText); // notes are the operator's text
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setFrameShape(QFrame::StyledPanel);
    m_details->setMargin(6);
    // Room for its usual five lines, so that the table does not jump when
    // another row is selected.
    m_details->setMinimumHeight(5 * m_details->fontMetrics().lineSpacing() + 2 * 6 + 4);
}

void CancelLogView::createActions()
{
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"countLabel"_s);
    // Created in the order they sit (Tab follows creation): Verify, then Export.
    m_verifyButton = new QPushButton(this);
    m_verifyButton->setObjectName(u"verifyButton"_s);
    m_exportButton = new QPushButton(this);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_verifyLabel = new QLabel(this);
    m_verifyLabel->setObjectName(u"verifyResult"_s);
    m_verifyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verifyLabel->setWordWrap(true);

    m_headLabel = new QLabel(this);
    m_headLabel->setObjectName(u"headLabel"_s);
    m_headLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyHeadButton = new QPushButton(this);
    m_copyHeadButton->setObjectName(u"copyHeadButton"_s);
    m_verifyAgainstButton = new QPushButton(this);
    m_verifyAgainstButton->setObjectName(u"verifyAgainstButton"_s);
}

void CancelLogView::layOut()
{
    auto *filters = new QGridLayout;
    filters->addWidget(m_dateCheck, 0, 0);
    filters->addWidget(m_fromLabel, 0, 1);
    filters->addWidget(m_fromDate, 0, 2);
    filters->addWidget(m_toLabel, 0, 3);
    filters->addWidget(m_toDate, 0, 4);
    auto *quick = new QHBoxLayout;
    quick->addWidget(m_todayButton);
    quick->addWidget(m_last7Button);
    quick->addWidget(m_monthButton);
    quick->addWidget(m_rangeNote, 1);
    filters->addLayout(quick, 0, 5, 1, 5);
    filters->addWidget(m_providerLabel, 1, 1);
    filters->addWidget(m_providerCombo, 1, 2);
    filters->addWidget(m_operatorLabel, 1, 3);
    filters->addWidget(m_operatorEdit, 1, 4);
    filters->addWidget(m_outcomeLabel, 1, 5);
    filters->addWidget(m_outcomeCombo, 1, 6);
    filters->addWidget(m_reasonLabel, 1, 7);
    filters->addWidget(m_reasonCombo, 1, 8);
    filters->setColumnStretch(9, 1);

    auto *headRow = new QHBoxLayout;
    headRow->addWidget(m_headLabel);
    headRow->addWidget(m_copyHeadButton);
    headRow->addStretch(1);
    headRow->addWidget(m_verifyAgainstButton);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_countLabel);
    actions->addStretch(1);
    actions->addWidget(m_verifyLabel, 2);
    actions->addWidget(m_verifyButton);
    actions->addWidget(m_exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(actions);
    layout->addLayout(headRow);
}

void CancelLogView::connectControls()
{
    connect(m_dateCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_fromDate->setEnabled(on);
        m_toDate->setEnabled(on);
        reload();
    });
    connect(m_todayButton, &QPushButton::clicked, this,
            [this] { applyQuickRange(QuickRange::Today); });
    connect(m_last7Button, &QPushButton::clicked, this,
            [this] { applyQuickRange(QuickRange::Last7Days); });
    connect(m_monthButton, &QPushButton::clicked, this,
            [this] { applyQuickRange(QuickRange::ThisMonth); });
    connect(m_fromDate, &QDateEdit::dateChanged, this, &CancelLogView::reload);
    connect(m_toDate, &QDateEdit::dateChanged, this, &CancelLogView::reload);
    connect(m_providerCombo, &QComboBox::currentIndexChanged, this, &CancelLogView::reload);
    connect(m_outcomeCombo, &QComboBox::currentIndexChanged, this, &CancelLogView::reload);
    connect(m_reasonCombo, &QComboBox::currentIndexChanged, this, &CancelLogView::reload);
    connect(m_operatorEdit, &QLineEdit::textChanged, this, &CancelLogView::reload);
    connect(m_exportButton, &QPushButton::clicked, this, &CancelLogView::openExportDialog);
    connect(m_verifyButton, &QPushButton::clicked, this, &CancelLogView::verifyLog);
    connect(m_copyHeadButton, &QPushButton::clicked, this, &CancelLogView::copyHead);
    connect(m_verifyAgainstButton, &QPushButton::clicked, this,
            &CancelLogView::openVerifyAgainstDialog);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CancelLogView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CancelLogView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CancelLogView::updateDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CancelLogView::updateDetails);
}

void CancelLogView::fitColumns()
{
    m_table->resizeColumnsToContents();
    const int cap = 32 * m_table->fontMetrics().averageCharWidth();
    if (m_table->columnWidth(CancelLogModel::MessageColumn) > cap)
        m_table->setColumnWidth(CancelLogModel::MessageColumn, cap);
}

CancelLogView::~CancelLogView()
{
    // A verify still running reads the journal's database: the runner waits
    // for it (and delivers nothing) before the view, and its owner, go on.
    delete m_jobs;
}

void CancelLogView::fillCombos()
{
    m_providerCombo->addItem(QString(), kAll);
    for (Domain::Provider p : Domain::allProviders())
        m_providerCombo->addItem(QString(), int(p));
    m_outcomeCombo->addItem(QString(), kAll);
    for (AttemptState s : kStates)
        m_outcomeCombo->addItem(QString(), int(s));
    m_reasonCombo->addItem(QString(), kAll);
    for (Domain::CancelReason r : Domain::allCancelReasons())
        m_reasonCombo->addItem(QString(), int(r));
}

void CancelLogView::retranslateUi()
{
    m_dateCheck->setText(tr("Requested between"));
    m_table->setAccessibleName(tr("Cancel log entries"));
    m_fromLabel->setText(tr("&From"));
    m_toLabel->setText(tr("&To"));
    m_rangeNote->setText(tr("Both days are included; times in your time zone (%1)")
                             .arg(Domain::timeZoneLabel(QTimeZone::systemTimeZone())));
    m_providerLabel->setText(tr("&Provider"));
    m_operatorLabel->setText(tr("&Operator"));
    m_operatorEdit->setPlaceholderText(tr("Any operator"));
    m_outcomeLabel->setText(tr("O&utcome"));
    m_reasonLabel->setText(tr("&Reason"));

    m_providerCombo->setItemText(0, tr("All providers"));
    for (int i = 1; i < m_providerCombo->count(); ++i)
        m_providerCombo->setItemText(
            i, Domain::providerDisplayName(Domain::Provider(m_providerCombo->itemData(i).toInt())));
    m_outcomeCombo->setItemText(0, tr("All outcomes"));
    for (int i = 1; i < m_outcomeCombo->count(); ++i)
        m_outcomeCombo->setItemText(
            i, Storage::attemptStateLabel(AttemptState(m_outcomeCombo->itemData(i).toInt())));
    m_reasonCombo->setItemText(0, tr("All reasons"));
    for (int i = 1; i < m_reasonCombo->count(); ++i)
        m_reasonCombo->setItemText(i, Services::loggedReasonLabel(Domain::CancelReason(
                                          m_reasonCombo->itemData(i).toInt())));
    m_todayButton->setText(tr("Today"));
    m_last7Button->setText(tr("Last 7 days"));
    m_last7Button->setToolTip(tr("Today and the 6 days before it."));
    m_monthButton->setText(tr("This month"));
    m_monthButton->setToolTip(tr("From the first day of this month to today."));

    m_exportButton->setText(tr("&Export…"));
    m_verifyButton->setText(tr("&Verify log"));
    m_verifyButton->setToolTip(
        tr("Checks the hash chain of the whole cancel log and names the first entry that was "
           "changed or removed."));
    m_copyHeadButton->setText(tr("&Copy head"));
    m_copyHeadButton->setToolTip(
        tr("Copies the head as SEQ:HASH. Keep it outside CancelDesk: Verify against… proves "
           "later that nothing up to it was removed or changed."));
    m_verifyAgainstButton->setText(tr("Verify &against…"));
    m_verifyAgainstButton->setToolTip(
        tr("Checks the cancel log against a head or an export manifest kept earlier."));
    m_model->retranslate();
    fitColumns(); // the texts changed width
    updateCount();
    updateHead();
    updateDetails();
    if (m_verified)
        showVerifyResult(m_lastVerify);
}

void CancelLogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CancelLogView::applyQuickRange(QuickRange range)
{
    // The operator's today, by the clock given (tests move it).
    const QDate today = m_clock().toLocalTime().date();
    QDate from = today;
    switch (range) {
    case QuickRange::Today:
        break;
    case QuickRange::Last7Days:
        from = today.addDays(-6);
        break;
    case QuickRange::ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        break;
    }
    // Widen first so that from <= to holds at every step (QDateEdit has no
    // range here, but the filter reads both).
    m_toDate->setDate(today);
    m_fromDate->setDate(from);
    if (!m_dateCheck->isChecked())
        m_dateCheck->setChecked(true); // its toggled() enables the dates and reloads
    reload();
}

Storage::AttemptFilter CancelLogView::currentFilter() const
{
    Storage::AttemptFilter filter;
    if (m_dateCheck->isChecked()) {
        const QTimeZone zone = QTimeZone::systemTimeZone();
        filter.requestedFrom = Services::exportRangeStart(m_fromDate->date(), zone);
        filter.requestedTo = Services::exportRangeEnd(m_toDate->date(), zone);
    }
    if (const int p = m_providerCombo->currentData().toInt(); p != kAll)
        filter.provider = Domain::Provider(p);
    filter.operatorName = m_operatorEdit->text().trimmed();
    if (const int s = m_outcomeCombo->currentData().toInt(); s != kAll)
        filter.state = AttemptState(s);
    if (const int r = m_reasonCombo->currentData().toInt(); r != kAll)
        filter.reason = Domain::CancelReason(r);
    return filter;
}

Services::ExportOptions CancelLogView::exportPreset() const
{
    Services::ExportOptions options;
    options.operatorZone = QTimeZone::systemTimeZone();
    options.filter = currentFilter();
    // The exporter computes the range from the dates itself (same functions).
    options.filter.requestedFrom = QDateTime();
    options.filter.requestedTo = QDateTime();
    if (m_dateCheck->isChecked()) {
        options.from = m_fromDate->date();
        options.to = m_toDate->date();
    }
    return options;
}

void CancelLogView::reload()
{
    m_reloadTimer->start();
}

void CancelLogView::applyFilter()
{
    m_model->setFilter(currentFilter());
    // One indexed row, read with the page the model reads.
    m_headError.clear();
    m_head = m_journal.head(&m_headError);
    updateHead();
}

void CancelLogView::updateHead()
{
    m_copyHeadButton->setEnabled(m_head.has_value());
    if (!m_head) {
        m_headLabel->setText(tr("Head: unknown"));
        m_headLabel->setToolTip(m_headError);
        return;
    }
    if (m_head->seq == 0) {
        m_headLabel->setText(tr("Head: entry 0 (the cancel log is empty)"));
        m_headLabel->setToolTip(m_head->toString());
        return;
    }
    // 12 hex digits tell heads apart by eye; the tooltip and Copy give all 64.
    m_headLabel->setText(tr("Head: entry %1 · %2…").arg(m_head->seq).arg(m_head->hash.left(12)));
    m_headLabel->setToolTip(tr("Head of the cancel log: %1").arg(m_head->toString()));
}

void CancelLogView::copyHead()
{
    if (m_head)
        QGuiApplication::clipboard()->setText(m_head->toString());
}

void CancelLogView::openVerifyAgainstDialog()
{
    auto *dialog = new VerifyAgainstDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto expected = dialog->expectedHead())
            startVerify(expected);
    });
    dialog->open();
}

void CancelLogView::updateCount()
{
    if (!m_model->errorString().isEmpty()) {
        m_countLabel->setText(m_model->errorString());
        return;
    }
    const int total = int(m_model->totalCount());
    // Singular apart, so that English reads right without a plural catalogue.
    // Attempts, not log entries: Verify log counts those (several per attempt).
    m_countLabel->setText(total == 1 ? tr("1 cancel attempt shown")
                                     : tr("%n cancel attempts shown", "", total));
    m_countLabel->setToolTip(
        tr("Cancel attempts that match the filters. The cancel log holds several entries for "
           "each attempt, one for every change of its state."));
}

void CancelLogView::updateDetails()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount()) {
        m_details->setText(
            tr("Select an attempt to see its reason, note and the provider's answer in full."));
        return;
    }
    m_details->setText(detailsText(m_model->attemptAt(current.row())));
}

QString CancelLogView::detailsText(const Storage::CancelAttempt &a) const
{
    QStringList lines;
    lines << tr("Attempt %1 · %2 · payment %3 · %4")
                 .arg(a.id)
                 .arg(Domain::providerDisplayName(a.provider), a.paymentId,
                      CancelLogModel::outcomeText(a));
    lines << tr("Reason: %1").arg(Services::loggedReasonLabel(a.reason));
    lines << (a.note.isEmpty() ? tr("Note: none") : tr("Note: %1").arg(a.note));
    if (CancelLogModel::wasNeverSent(a)) {
        lines << CancelLogModel::outcomeToolTip(a);
        if (!a.providerMessage.isEmpty())
            lines << tr("Why: %1").arg(a.providerMessage);
    } else if (!a.providerCode.isEmpty() || !a.providerMessage.isEmpty()) {
        QStringList answer{a.providerCode, a.providerMessage};
        answer.removeAll(QString());
        lines << tr("Provider's answer: %1").arg(answer.join(u" – "_s));
    }
    return lines.join(u'\n');
}

void CancelLogView::openExportDialog()
{
    auto *dialog = new ExportDialog(m_exporter, exportPreset(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void CancelLogView::verifyLog()
{
    startVerify(std::nullopt);
}

void CancelLogView::startVerify(const std::optional<Storage::JournalHead> &expected)
{
    if (m_verifying)
        return;
    m_verifying = true;
    m_verifyButton->setEnabled(false);
    m_verifyAgainstButton->setEnabled(false);
    m_verified = false;
    m_verifyLabel->setStyleSheet(QString());
    m_verifyLabel->setText(tr("Checking the cancel log…"));
    const Storage::CancelJournal *journal = &m_journal;
    // verify() reads the whole journal: off the GUI thread (its own connection).
    // It stops between rows once the job is cancelled (the view closes), so
    // the runner's destructor does not wait for the whole walk.
    m_jobs->start(
        u"verify"_s, this,
        [journal, expected](Services::JobControl &control) {
            const Storage::VerifyHooks hooks{
                [&control] { return control.isCancelled(); },
                [&control](qint64 done, qint64 total) { control.reportProgress(done, total); }};
            return expected ? journal->verifyAgainst(*expected, hooks) : journal->verify(hooks);
        },
        [this, expected](const Storage::VerifyResult &result) { onVerified(result, expected); },
        [this](qint64 done, qint64 total) { showVerifyProgress(done, total); });
}

void CancelLogView::showVerifyProgress(qint64 done, qint64 total)
{
    if (!m_verifying || total <= 0)
        return;
    m_verifyLabel->setText(tr("Checking the cancel log… %1%").arg(done * 100 / total));
}

void CancelLogView::onVerified(const Storage::VerifyResult &result,
                               const std::optional<Storage::JournalHead> &expected)
{
    m_verifying = false;
    m_verifyButton->setEnabled(true);
    m_verifyAgainstButton->setEnabled(true);
    m_lastExpected = expected;
    showVerifyResult(result);
}

void CancelLogView::showVerifyResult(const Storage::VerifyResult &result)
{
    m_lastVerify = result;
    m_verified = true;
    if (result.stopped) {
        // Neither intact nor altered: nothing was checked to the end.
        m_verifyLabel->setStyleSheet(QString());
        m_verifyLabel->setText(tr("Verification stopped before the end: nothing was verified."));
    } else if (result.ok) {
        const int checked = int(result.entriesChecked);
        m_verifyLabel->setStyleSheet(u"color: #1b7f3b;"_s);
        // Entries, not attempts: the chain has one per state change, and it is
        // the whole log whatever the filters show.
        QString text = checked == 1
                           ? tr("Chain verified: 1 log entry (every state change of every "
                                "attempt, whole log) intact.")
                           : tr("Chain verified: %n log entries (every state change of every "
                                "attempt, whole log) intact.",
                                "", checked);
        if (m_lastExpected && m_lastExpected->seq > 0)
            text +=
                u' '
                + tr("Entry %1 is still there with the expected hash.").arg(m_lastExpected->seq);
        m_verifyLabel->setText(text);
    } else {
        m_verifyLabel->setStyleSheet(u"color: #b3261e;"_s);
        m_verifyLabel->setText(tr("Log check failed at entry %1 (attempt %2): %3")
                                   .arg(result.firstBadEntry)
                                   .arg(result.firstBadAttempt)
                                   .arg(result.problem));
    }
}

} // namespace CancelDesk::Ui
