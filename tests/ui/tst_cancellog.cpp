#include "dialogs/exportdialog.h"
#include "i18n/language.h"
#include "models/cancellogmodel.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "services/exporter.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "testsupport.h"
#include "uitestsession.h"
#include "views/cancellogview.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QtTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::CancelReason;
using Domain::Provider;
using Storage::AttemptFilter;
using Storage::AttemptState;
using Storage::CancelAttempt;

namespace {

const QByteArray kBom = QByteArrayLiteral("\xEF\xBB\xBF");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

template<typename T> T *child(QWidget &parent, const QString &name)
{
    T *w = parent.findChild<T *>(name);
    if (!w)
        qFatal("no %s", qPrintable(name));
    return w;
}

void chooseData(QComboBox *combo, int value)
{
    const int i = combo->findData(value);
    QVERIFY(i >= 0);
    combo->setCurrentIndex(i);
}

// Closes a dialog (deleted on close) and waits until it is gone, so that the
// next findChild() does not find it.
void closeDialog(QDialog *dialog)
{
    QPointer<QDialog> guard(dialog);
    dialog->close();
    QTRY_VERIFY(guard.isNull());
}

} // namespace

class TestCancelLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void modelPagesThroughTheJournal();
    void filtersNarrowTheRows();
    void dateRangeIsInclusiveOnBothDays();
    void realCancelShowsAfterReload();
    void providerCodeColumnShowsTheProvidersCode();
    void exportsCsvWithBom();
    void exportsCsvWithoutBom();
    void exportsJsonLines();
    void stopLeavesNoFile();
    void exportWithLocalizedHeadersAndErrors();
    void exportsXlsx();
    void verifyReportsOkAndTampering();
    void countsSayWhatTheyCount();
    void noteAndReasonAreShownInFull();
    void localRefusalReadsNotSent();
    void quickRangesSetTheDateFilter();
    void headShowsCopiesAndVerifiesAgainst();
    void screenshots();

private:
    CancelAttempt addAttempt(const QString &paymentId, Provider provider = Provider::Uqpay,
                             CancelReason reason = CancelReason::RequestedByCustomer,
                             const QString &operatorName = u"li.na"_s,
                             std::optional<AttemptState> finalState = AttemptState::Succeeded,
                             const QDateTime &requestedAt = {}, const QString &providerCode = {},
                             const QString &note = {});
    void seedVaried();
    // A cancel through the session's CancelService (the in-process sandbox),
    // waited for.
    Services::CancelReport cancelNow(const Domain::OrderKey &order);
    Storage::CancelJournal &journal() { return m_test->session().journal(); }
    // Export through the dialog, clicking its buttons; returns the file.
    QString exportThroughDialog(Ui::CancelLogView &view, int formatIndex, bool bom,
                                const QString &name);

    std::unique_ptr<Test::UiTestSession> m_test;
};

void TestCancelLog::init()
{
    m_test = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
}

void TestCancelLog::cleanup()
{
    m_test.reset();
}

CancelAttempt TestCancelLog::addAttempt(const QString &paymentId, Provider provider,
                                        CancelReason reason, const QString &operatorName,
                                        std::optional<AttemptState> finalState,
                                        const QDateTime &requestedAt, const QString &providerCode,
                                        const QString &note)
{
    CancelAttempt a;
    a.provider = provider;
    a.paymentId = paymentId;
    a.merchantReference = u"REF-"_s + paymentId;
    a.amount = {150000, u"PHP"_s};
    a.paymentMethod = u"CARD"_s;
    a.operatorName = operatorName;
    a.environment = u"sandbox"_s;
    a.reason = reason;
    a.note = !note.isEmpty()                 ? note
             : reason == CancelReason::Other ? u"customer called twice"_s
                                             : QString();
    a.requestedAt = requestedAt;
    a.statusBefore = u"PENDING"_s;
    const Storage::JournalResult prepared = journal().prepare(a);
    if (!prepared.ok())
        qFatal("prepare failed: %s", qPrintable(prepared.message));
    if (!finalState)
        return prepared.attempt;
    CancelAttempt done = prepared.attempt;
    done.state = *finalState;
    done.providerCode = !providerCode.isEmpty()                  ? providerCode
                        : *finalState == AttemptState::Succeeded ? u"SUCCESS"_s
                                                                 : u"DECLINED"_s;
    done.providerMessage =
        *finalState == AttemptState::Succeeded ? u"Cancelled"_s : u"Not cancellable"_s;
    done.httpStatus = 200;
    done.tries = 1;
    done.latencyMs = 120;
    done.statusAfter = u"CANCELLED"_s;
    done.finishedAt = done.requestedAt.addSecs(2);
    const Storage::JournalResult recorded = journal().record(done);
    if (!recorded.ok())
        qFatal("record failed: %s", qPrintable(recorded.message));
    return recorded.attempt;
}

void TestCancelLog::seedVaried()
{
    addAttempt(u"U-1"_s, Provider::Uqpay, CancelReason::RequestedByCustomer, u"li.na"_s,
               AttemptState::Succeeded);
    addAttempt(u"U-2"_s, Provider::Uqpay, CancelReason::Duplicate, u"wang.wei"_s,
               AttemptState::Rejected);
    addAttempt(u"A-1"_s, Provider::Antom, CancelReason::Fraudulent, u"li.na"_s,
               AttemptState::Unresolved);
    addAttempt(u"A-2"_s, Provider::Antom, CancelReason::Other, u"zhang.min"_s,
               AttemptState::Succeeded);
    addAttempt(u"L-1"_s, Provider::Liquido, CancelReason::Abandoned, u"wang.wei"_s, std::nullopt);
}

void TestCancelLog::modelPagesThroughTheJournal()
{
    const int n = Ui::CancelLogModel::kBatch * 2 + 37;
    {
        Storage::Database &db = m_test->session().database();
        QSqlQuery(db.connection()).exec(u"PRAGMA synchronous=OFF"_s); // seeding speed only
        for (int i = 0; i < n; ++i)
            addAttempt(u"P-%1"_s.arg(i), Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
                       std::nullopt);
    }
    {
        // Only the first batch is read until more is asked for.
        Ui::CancelLogModel firstOnly(journal());
        firstOnly.setFilter({});
        QCOMPARE(firstOnly.totalCount(), qint64(n));
        QCOMPARE(firstOnly.rowCount(), Ui::CancelLogModel::kBatch);
        QVERIFY(firstOnly.canFetchMore({}));
    }
    Ui::CancelLogModel model(journal());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    QCOMPARE(model.totalCount(), qint64(n));
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), n);
    QCOMPARE(qint64(model.rowCount()), journal().count({}));
    // In id order, no row twice.
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.attemptAt(r - 1).id < model.attemptAt(r).id);
    QCOMPARE(model.index(0, Ui::CancelLogModel::PaymentIdColumn).data().toString(), u"P-0"_s);
    QCOMPARE(model.index(0, Ui::CancelLogModel::AmountColumn)
                 .data(Ui::CancelLogModel::SortRole)
                 .toLongLong(),
             150000);
    QCOMPARE(model.index(0, Ui::CancelLogModel::OutcomeColumn).data().toString(),
             Storage::attemptStateLabel(AttemptState::Prepared));
    QVERIFY(model.index(0, Ui::CancelLogModel::OutcomeColumn)
                .data(Qt::ForegroundRole)
                .value<QColor>()
                .isValid());
}

void TestCancelLog::filtersNarrowTheRows()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *table = child<QTableView>(view, u"cancelLogTable"_s);
    QCOMPARE(table->model(), view.model());
    QTRY_COMPARE(view.model()->rowCount(), 5);
    QCOMPARE(qint64(view.model()->rowCount()), journal().count({}));
    QCOMPARE(child<QLabel>(view, u"countLabel"_s)->text(), u"5 cancel attempts shown"_s);

    auto *provider = child<QComboBox>(view, u"providerCombo"_s);
    auto *outcome = child<QComboBox>(view, u"outcomeCombo"_s);
    auto *reason = child<QComboBox>(view, u"reasonCombo"_s);
    auto *op = child<QLineEdit>(view, u"operatorEdit"_s);
    QCOMPARE(provider->count(), 4);
    QCOMPARE(outcome->count(), 10); // all, and the nine states
    QCOMPARE(reason->count(), 6);

    chooseData(provider, int(Provider::Antom));
    QTRY_COMPARE(view.model()->rowCount(), 2);
    AttemptFilter f;
    f.provider = Provider::Antom;
    QCOMPARE(qint64(view.model()->rowCount()), journal().count(f));
    for (int r = 0; r < 2; ++r)
        QCOMPARE(view.model()->attemptAt(r).provider, Provider::Antom);

    chooseData(outcome, int(AttemptState::Succeeded));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attemptAt(0).paymentId, u"A-2"_s);

    chooseData(provider, -1);
    QTRY_COMPARE(view.model()->rowCount(), 2); // U-1, A-2
    chooseData(outcome, -1);
    chooseData(reason, int(CancelReason::Duplicate));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attemptAt(0).paymentId, u"U-2"_s);
    chooseData(reason, -1);
    QTRY_COMPARE(view.model()->rowCount(), 5);

    QTest::keyClicks(op, u"wang.wei"_s);
    QTRY_COMPARE(view.model()->rowCount(), 2);
    f = {};
    f.operatorName = u"wang.wei"_s;
    QCOMPARE(qint64(view.model()->rowCount()), journal().count(f));
    chooseData(outcome, int(AttemptState::Prepared));
    QTRY_COMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attemptAt(0).paymentId, u"L-1"_s);
    op->clear();
    chooseData(outcome, -1);
    QTRY_COMPARE(view.model()->rowCount(), 5);

    // A new attempt shows after reload() (what the main window does on journalChanged).
    addAttempt(u"U-3"_s);
    view.reload();
    QTRY_COMPARE(view.model()->rowCount(), 6);
}

void TestCancelLog::dateRangeIsInclusiveOnBothDays()
{
    const QDate day(2026, 3, 10);
    const QTime lateTime(23, 30);
    const QDateTime lateOnToDay = QDateTime(day, lateTime).toUTC(); // local time
    const QDateTime nextMidnight = QDateTime(day.addDays(1), QTime(0, 0)).toUTC();
    const QDateTime startOfFromDay = QDateTime(day.addDays(-1), QTime(0, 0)).toUTC();
    const QDateTime beforeFromDay = startOfFromDay.addSecs(-1);
    addAttempt(u"D-late"_s, Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Succeeded, lateOnToDay);
    addAttempt(u"D-next"_s, Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Succeeded, nextMidnight);
    addAttempt(u"D-first"_s, Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Succeeded, startOfFromDay);
    addAttempt(u"D-before"_s, Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Succeeded, beforeFromDay);

    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), 4);

    auto *note = child<QLabel>(view, u"rangeNote"_s);
    QVERIFY(note->text().contains(u"Both days are included"_s));
    QVERIFY(note->text().contains(Domain::timeZoneLabel(QTimeZone::systemTimeZone())));

    auto *from = child<QDateEdit>(view, u"fromDate"_s);
    auto *to = child<QDateEdit>(view, u"toDate"_s);
    QVERIFY(from->calendarPopup());
    child<QCheckBox>(view, u"dateFilterCheck"_s)->click();
    from->setDate(day.addDays(-1));
    to->setDate(day);
    QTRY_COMPARE(view.model()->rowCount(), 2);
    QStringList ids;
    for (int r = 0; r < view.model()->rowCount(); ++r)
        ids << view.model()->attemptAt(r).paymentId;
    QCOMPARE(ids, QStringList({u"D-late"_s, u"D-first"_s}));
    const AttemptFilter filter = view.currentFilter();
    QCOMPARE(filter.requestedFrom,
             Services::exportRangeStart(day.addDays(-1), QTimeZone::systemTimeZone()));
    QCOMPARE(filter.requestedTo, Services::exportRangeEnd(day, QTimeZone::systemTimeZone()));

    // The export starts from the same dates.
    const Services::ExportOptions preset = view.exportPreset();
    QCOMPARE(preset.from, std::optional<QDate>(day.addDays(-1)));
    QCOMPARE(preset.to, std::optional<QDate>(day));
    QCOMPARE(journal().count(Services::exportFilter(preset)), 2);

    // One day: only the 23:30 one.
    from->setDate(day);
    QTRY_COMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attemptAt(0).paymentId, u"D-late"_s);
    // The next day: only midnight.
    to->setDate(day.addDays(1));
    from->setDate(day.addDays(1));
    QTRY_COMPARE(view.model()->filter().requestedFrom,
                 Services::exportRangeStart(day.addDays(1), QTimeZone::systemTimeZone()));
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->attemptAt(0).paymentId, u"D-next"_s);
    // Off again: everything.
    child<QCheckBox>(view, u"dateFilterCheck"_s)->click();
    QTRY_COMPARE(view.model()->rowCount(), 4);
}

void TestCancelLog::realCancelShowsAfterReload()
{
    QVERIFY(m_test->loadDemo());
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&m_test->session(), &Ui::AppSession::journalChanged, &view, &Ui::CancelLogView::reload);
    QTRY_COMPARE(view.model()->rowCount(), 0);

    qint64 attemptId = 0;
    const QStringList ids = m_test->session().demoIds().value(Provider::Uqpay);
    QVERIFY(!ids.isEmpty());
    for (const QString &id : ids) {
        Services::CancelOrderRequest request;
        request.order = {Provider::Uqpay, id};
        request.reason = CancelReason::RequestedByCustomer;
        request.operatorName = u"li.na"_s;
        request.environment = u"sandbox"_s;
        Services::CancelJob *job = m_test->session().cancels().cancel(request);
        QVERIFY(job);
        QSignalSpy finished(job, &Services::CancelJob::finished);
        QVERIFY(finished.wait(20000));
        const auto report = finished.first().first().value<Services::CancelReport>();
        if (report.attemptId != 0) {
            attemptId = report.attemptId;
            break;
        }
    }
    QVERIFY(attemptId != 0);
    // The service announced every journaled state (AppSession forwards it as
    // journalChanged); the view shows the final one once its reload has run.
    QTRY_COMPARE(qint64(view.model()->rowCount()), journal().count({}));
    QVERIFY(view.model()->rowCount() >= 1);
    const CancelAttempt last = view.model()->attemptAt(view.model()->rowCount() - 1);
    QCOMPARE(last.id, attemptId);
    QTRY_COMPARE(view.model()
                     ->index(view.model()->rowCount() - 1, Ui::CancelLogModel::OutcomeColumn)
                     .data()
                     .toString(),
                 Storage::attemptStateLabel(journal().find(attemptId)->state));
}

Services::CancelReport TestCancelLog::cancelNow(const Domain::OrderKey &order)
{
    Services::CancelOrderRequest request;
    request.order = order;
    request.reason = CancelReason::Duplicate;
    request.operatorName = u"li.na"_s;
    request.environment = u"sandbox"_s;
    Services::CancelJob *job = m_test->session().cancels().cancel(request);
    if (!job)
        qFatal("no cancel job");
    QSignalSpy finished(job, &Services::CancelJob::finished);
    if (!finished.wait(30000))
        qFatal("the cancel of %s did not finish", qPrintable(order.paymentId));
    return finished.first().first().value<Services::CancelReport>();
}

void TestCancelLog::providerCodeColumnShowsTheProvidersCode()
{
    QVERIFY(m_test->loadDemo());
    // UQPAY answers a cancel with the payment intent and no code of its own;
    // Antom with a result code; a refusal with the provider's error code.
    const Domain::OrderKey card = m_test->demo(Provider::Uqpay, 3);   // CARD, PENDING
    const Domain::OrderKey wallet = m_test->demo(Provider::Uqpay, 5); // WECHATPAY: async
    const Domain::OrderKey antom = m_test->demo(Provider::Antom, 4);  // ALIPAY_HK, PENDING
    const Domain::OrderKey late = m_test->demo(Provider::Uqpay, 0);
    Sandbox::Scenario windowExceeded;
    windowExceeded.paymentId = late.paymentId;
    windowExceeded.kind = Sandbox::Scenario::Kind::WindowExceeded;
    m_test->session().sandbox()->addScenario(windowExceeded);

    QCOMPARE(cancelNow(card).state, std::optional(AttemptState::Succeeded));
    QCOMPARE(cancelNow(wallet).state, std::optional(AttemptState::Succeeded));
    QCOMPARE(cancelNow(antom).state, std::optional(AttemptState::Succeeded));
    QCOMPARE(cancelNow(late).state, std::optional(AttemptState::Rejected));

    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), 4);
    QHash<QString, QString> codes;
    for (int r = 0; r < 4; ++r) {
        codes.insert(
            view.model()->attemptAt(r).paymentId,
            view.model()->index(r, Ui::CancelLogModel::ProviderCodeColumn).data().toString());
    }
    // Never the payment's status (CANCELLED, REQUIRES_CUSTOMER_ACTION): that
    // is the order's, shown in the main list and as status_after.
    QCOMPARE(codes.value(card.paymentId), QString());
    QCOMPARE(codes.value(wallet.paymentId), QString());
    QCOMPARE(codes.value(antom.paymentId), u"SUCCESS"_s);
    QCOMPARE(codes.value(late.paymentId), u"cancel_payment_intent_failed"_s);
}

QString TestCancelLog::exportThroughDialog(Ui::CancelLogView &view, int formatIndex, bool bom,
                                           const QString &name)
{
    child<QPushButton>(view, u"exportButton"_s)->click();
    auto *dialog = view.findChild<Ui::ExportDialog *>(u"exportDialog"_s);
    if (!dialog)
        qFatal("no export dialog");
    [&] { QTRY_VERIFY(dialog->isVisible()); }();
    auto *format = child<QComboBox>(*dialog, u"formatCombo"_s);
    format->setCurrentIndex(formatIndex);
    auto *bomCheck = child<QCheckBox>(*dialog, u"bomCheck"_s);
    if (bomCheck->isEnabled() && bomCheck->isChecked() != bom)
        bomCheck->click();
    auto *path = child<QLineEdit>(*dialog, u"pathEdit"_s);
    const QString file = m_test->path(name);
    path->clear();
    QTest::keyClicks(path, file);
    auto *start = child<QPushButton>(*dialog, u"startButton"_s);
    QTest::mouseClick(start, Qt::LeftButton);
    auto *result = child<QLabel>(*dialog, u"resultLabel"_s);
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && result->text().startsWith(u"Exported"),
                                 20000);
    }();
    if (!result->text().contains(QDir::toNativeSeparators(file)))
        qWarning("result: %s", qPrintable(result->text()));
    auto *bar = child<QProgressBar>(*dialog, u"progressBar"_s);
    if (bar->value() != bar->maximum())
        qWarning("progress bar not full");
    closeDialog(dialog);
    return file;
}

void TestCancelLog::exportsCsvWithBom()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Export follows the view's filter: Antom only.
    chooseData(child<QComboBox>(view, u"providerCombo"_s), int(Provider::Antom));
    QTRY_COMPARE(view.model()->rowCount(), 2);

    child<QPushButton>(view, u"exportButton"_s)->click();
    auto *dialog = view.findChild<Ui::ExportDialog *>(u"exportDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *bomCheck = child<QCheckBox>(*dialog, u"bomCheck"_s);
    QVERIFY(bomCheck->isChecked()); // F15: with BOM by default
    QVERIFY(bomCheck->isEnabled());
    child<QComboBox>(*dialog, u"formatCombo"_s)->setCurrentIndex(2);
    QVERIFY(!bomCheck->isEnabled()); // CSV only
    child<QComboBox>(*dialog, u"formatCombo"_s)->setCurrentIndex(0);
    QVERIFY(bomCheck->isEnabled());
    QVERIFY(child<QLineEdit>(*dialog, u"pathEdit"_s)->text().endsWith(u".csv"_s));
    // An empty path is refused in words.
    child<QLineEdit>(*dialog, u"pathEdit"_s)->clear();
    child<QPushButton>(*dialog, u"startButton"_s)->click();
    QVERIFY(!dialog->isRunning());
    QVERIFY(!child<QLabel>(*dialog, u"resultLabel"_s)->text().isEmpty());
    closeDialog(dialog);

    const QString file = exportThroughDialog(view, 0, true, u"log.csv"_s);
    const QByteArray data = readAll(file);
    QVERIFY(data.startsWith(kBom));
    const QString text = QString::fromUtf8(data.mid(kBom.size()));
    QStringList lines = text.split(u"\r\n"_s);
    if (lines.last().isEmpty())
        lines.removeLast();
    QCOMPARE(lines.first(), Services::exportColumns().join(u','));
    QCOMPARE(lines.size(), 1 + 2);
    QVERIFY(lines.at(1).contains(u"A-1"_s));
    QVERIFY(lines.at(2).contains(u"A-2"_s));
}

void TestCancelLog::exportsCsvWithoutBom()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString file = exportThroughDialog(view, 0, false, u"nobom.csv"_s);
    const QByteArray data = readAll(file);
    QVERIFY(!data.startsWith(kBom));
    QVERIFY(data.startsWith(Services::exportColumns().join(u',').toUtf8()));
    QCOMPARE(data.count("\r\n"), 1 + 5);
}

void TestCancelLog::exportsJsonLines()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString file = exportThroughDialog(view, 2, true, u"log.jsonl"_s);
    const QByteArray data = readAll(file);
    QVERIFY(!data.startsWith(kBom));
    QList<QByteArray> lines = data.split('\n');
    if (lines.last().isEmpty())
        lines.removeLast();
    QCOMPARE(lines.size(), 5);
    for (const QByteArray &line : std::as_const(lines)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isObject());
        QVERIFY(doc.object().contains(u"attempt_id"_s));
    }
}

void TestCancelLog::exportWithLocalizedHeadersAndErrors()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    child<QPushButton>(view, u"exportButton"_s)->click();
    auto *dialog = view.findChild<Ui::ExportDialog *>(u"exportDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *headers = child<QCheckBox>(*dialog, u"localizedHeadersCheck"_s);
    QVERIFY(!headers->isChecked());
    headers->click();
    auto *path = child<QLineEdit>(*dialog, u"pathEdit"_s);
    auto *start = child<QPushButton>(*dialog, u"startButton"_s);
    auto *result = child<QLabel>(*dialog, u"resultLabel"_s);

    // A folder cannot be written as a file: the error is said in words.
    path->setText(QDir::toNativeSeparators(m_test->path(u"."_s)));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dialog->isRunning() && result->text().startsWith(u"The export failed: "_s), 20000);
    QVERIFY(result->text().size() > u"The export failed: "_s.size());
    QVERIFY(start->isEnabled());

    const QString file = m_test->path(u"titled.csv"_s);
    path->setText(file);
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dialog->isRunning() && result->text().startsWith(u"Exported 5 rows"_s), 20000);
    QVERIFY(result->text().contains(QDir::toNativeSeparators(file)));
    // The manifest beside it (F16a) is named too.
    QVERIFY2(result->text().contains(QDir::toNativeSeparators(Services::manifestPath(file))),
             qPrintable(result->text()));
    QStringList lines = QString::fromUtf8(readAll(file).mid(kBom.size())).split(u"\r\n"_s);
    if (lines.last().isEmpty())
        lines.removeLast();
    // One header row: the localised titles replace the keys.
    QCOMPARE(lines.size(), 1 + 5);
    QStringList titles;
    for (const QString &key : Services::exportColumns())
        titles << Services::exportColumnTitle(key);
    QCOMPARE(lines.at(0), titles.join(u','));
    for (const QString &line : std::as_const(lines))
        QVERIFY(!line.contains(u"payment_id"_s));
    closeDialog(dialog);
}

void TestCancelLog::stopLeavesNoFile()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    child<QPushButton>(view, u"exportButton"_s)->click();
    auto *dialog = view.findChild<Ui::ExportDialog *>(u"exportDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const QString file = m_test->path(u"stopped.csv"_s);
    child<QLineEdit>(*dialog, u"pathEdit"_s)->setText(file);
    auto *stop = child<QPushButton>(*dialog, u"stopButton"_s);
    QVERIFY(!stop->isEnabled());
    // Stop before the export has begun (it begins when the event loop runs):
    // it ends at its first row, without a file.
    child<QPushButton>(*dialog, u"startButton"_s)->click();
    QVERIFY(dialog->isRunning());
    QVERIFY(stop->isEnabled());
    QVERIFY(!child<QPushButton>(*dialog, u"startButton"_s)->isEnabled());
    stop->click();
    auto *result = child<QLabel>(*dialog, u"resultLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 20000);
    QCOMPARE(result->text(), u"Export stopped; no file was written."_s);
    QVERIFY(!QFile::exists(file));
    QVERIFY(!stop->isEnabled());
    closeDialog(dialog);
}

void TestCancelLog::exportsXlsx()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString file = exportThroughDialog(view, 1, true, u"log.xlsx"_s);
    QVERIFY(QFile::exists(file));
    QVERIFY(readAll(file).startsWith("PK"));
}

void TestCancelLog::verifyReportsOkAndTampering()
{
    seedVaried();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *verify = child<QPushButton>(view, u"verifyButton"_s);
    auto *result = child<QLabel>(view, u"verifyResult"_s);
    QTest::mouseClick(verify, Qt::LeftButton);
    QTRY_VERIFY(result->text().startsWith(u"Chain verified"_s));
    const Storage::VerifyResult clean = journal().verify();
    QVERIFY(clean.ok);
    QVERIFY(result->text().contains(QString::number(clean.entriesChecked)));
    QTRY_VERIFY(verify->isEnabled());

    // Someone drops the trigger and edits an entry.
    QSqlQuery q(m_test->session().database().connection());
    QVERIFY(q.exec(u"DROP TRIGGER journal_entries_no_update"_s));
    QVERIFY(q.exec(u"UPDATE journal_entries SET provider_message = 'edited' WHERE seq = 3"_s));
    const Storage::VerifyResult bad = journal().verify();
    QVERIFY(!bad.ok);
    QTest::mouseClick(verify, Qt::LeftButton);
    QTRY_VERIFY(result->text().startsWith(u"Log check failed"_s));
    QVERIFY(result->text().contains(u"entry %1 "_s.arg(bad.firstBadEntry)));
    QVERIFY(result->text().contains(u"attempt %1"_s.arg(bad.firstBadAttempt)));
    QVERIFY(result->text().contains(bad.problem));
}

void TestCancelLog::countsSayWhatTheyCount()
{
    seedVaried(); // 5 attempts, 9 log entries
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *count = child<QLabel>(view, u"countLabel"_s);
    QTRY_COMPARE(count->text(), u"5 cancel attempts shown"_s);
    chooseData(child<QComboBox>(view, u"providerCombo"_s), int(Provider::Liquido));
    QTRY_COMPARE(count->text(), u"1 cancel attempt shown"_s);

    // Verify counts log entries of the whole log, and says so.
    const Storage::VerifyResult clean = journal().verify();
    QCOMPARE(clean.entriesChecked, 9);
    auto *result = child<QLabel>(view, u"verifyResult"_s);
    QTest::mouseClick(child<QPushButton>(view, u"verifyButton"_s), Qt::LeftButton);
    QTRY_VERIFY(result->text().startsWith(u"Chain verified"_s));
    QCOMPARE(result->text(), u"Chain verified: 9 log entries (every state change of every "
                             "attempt, whole log) intact."_s);
    QVERIFY(!count->toolTip().isEmpty());
}

void TestCancelLog::noteAndReasonAreShownInFull()
{
    const QString note = u"Customer phoned twice; second card payment is the duplicate. "
                         "Ticket 4411, approved by the shift lead."_s;
    addAttempt(u"U-1"_s, Provider::Uqpay, CancelReason::Other, u"li.na"_s, AttemptState::Rejected,
               {}, u"ORDER_STATUS_INVALID"_s, note);
    addAttempt(u"U-2"_s, Provider::Uqpay, CancelReason::Duplicate);
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), 2);
    using M = Ui::CancelLogModel;
    const auto cell = [&](int row, int column) {
        return view.model()->index(row, column).data().toString();
    };
    // The reason as recorded, without the picker's "(note required)".
    QCOMPARE(cell(0, M::ReasonColumn), u"Other"_s);
    QVERIFY(!cell(0, M::ReasonColumn).contains(u"note required"_s));
    QCOMPARE(cell(1, M::ReasonColumn), Domain::cancelReasonLabel(CancelReason::Duplicate));
    auto *reasons = child<QComboBox>(view, u"reasonCombo"_s);
    QCOMPARE(reasons->itemText(reasons->findData(int(CancelReason::Other))), u"Other"_s);
    // The note has a column of its own.
    QCOMPARE(view.model()->headerData(M::NoteColumn, Qt::Horizontal).toString(), u"Note"_s);
    QCOMPARE(cell(0, M::NoteColumn), note);
    QCOMPARE(cell(1, M::NoteColumn), QString());

    // Selecting a row shows the attempt in full below the table.
    auto *details = child<QLabel>(view, u"attemptDetails"_s);
    QVERIFY(details->text().startsWith(u"Select an attempt"_s));
    auto *table = child<QTableView>(view, u"cancelLogTable"_s);
    const QRect rect = table->visualRect(view.model()->index(0, M::PaymentIdColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(details->text().contains(note));
    QVERIFY(details->text().contains(u"Reason: Other"_s));
    QVERIFY(details->text().contains(u"ORDER_STATUS_INVALID"_s));
    QVERIFY(details->text().contains(u"Not cancellable"_s)); // the provider's message
    QTest::keyClick(table, Qt::Key_Down);
    QTRY_VERIFY(details->text().contains(u"Note: none"_s));
    QVERIFY(details->text().contains(u"U-2"_s));
}

void TestCancelLog::localRefusalReadsNotSent()
{
    addAttempt(u"U-1"_s, Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Rejected, {}, u"LOCAL_CONFIGURATION"_s);
    addAttempt(u"A-1"_s, Provider::Antom, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Rejected, {}, u"ORDER_STATUS_INVALID"_s);
    addAttempt(u"L-1"_s, Provider::Liquido, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Rejected, {}, u"LOCAL_STOPPED"_s);
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    QAbstractItemModelTester tester(view.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), 3);
    using M = Ui::CancelLogModel;
    const auto outcome = [&](int row) { return view.model()->index(row, M::OutcomeColumn); };
    const auto code = [&](int row) {
        return view.model()->index(row, M::ProviderCodeColumn).data().toString();
    };
    // Refused locally: never a provider rejection.
    QCOMPARE(outcome(0).data().toString(), u"Not sent"_s);
    QVERIFY(outcome(0).data(Qt::ToolTipRole).toString().contains(u"UQPAY never received"_s));
    QCOMPARE(code(0), u"LOCAL_CONFIGURATION"_s);
    QCOMPARE(outcome(2).data().toString(), u"Not sent"_s);
    QCOMPARE(code(2), u"LOCAL_STOPPED"_s);
    // The provider's own refusal stays a rejection.
    QCOMPARE(outcome(1).data().toString(), Storage::attemptStateLabel(AttemptState::Rejected));
    QVERIFY(outcome(1).data(Qt::ToolTipRole).isNull());
    QCOMPARE(code(1), u"ORDER_STATUS_INVALID"_s);
    // Filtering by Rejected still finds all three.
    chooseData(child<QComboBox>(view, u"outcomeCombo"_s), int(AttemptState::Rejected));
    QTRY_COMPARE(view.model()->filter().state, std::optional(AttemptState::Rejected));
    QCOMPARE(view.model()->rowCount(), 3);

    // The export keeps the contract value.
    const QString file = exportThroughDialog(view, 2, false, u"refusals.jsonl"_s);
    QList<QByteArray> lines = readAll(file).split('\n');
    lines.removeAll(QByteArray());
    QCOMPARE(lines.size(), 3);
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(first.value(u"outcome"_s).toString(), u"REJECTED"_s);
    QCOMPARE(first.value(u"provider_code"_s).toString(), u"LOCAL_CONFIGURATION"_s);
    QCOMPARE(first.keys().size(), Services::exportColumns().size());
}

void TestCancelLog::quickRangesSetTheDateFilter()
{
    // Attempts at noon (local) today, 6 and 7 days ago, on the 1st of the
    // month and the day before it.
    const QDate today = m_test->now().toLocalTime().date();
    const auto noon = [](QDate d) { return QDateTime(d, QTime(12, 0)).toUTC(); };
    const QDate first(today.year(), today.month(), 1);
    const QList<std::pair<QString, QDate>> seeded{{u"today"_s, today},
                                                  {u"6-days"_s, today.addDays(-6)},
                                                  {u"7-days"_s, today.addDays(-7)},
                                                  {u"first"_s, first},
                                                  {u"last-month"_s, first.addDays(-1)}};
    for (const auto &[id, day] : seeded)
        addAttempt(id, Provider::Uqpay, CancelReason::Duplicate, u"li.na"_s,
                   AttemptState::Succeeded, noon(day));
    // The ids seeded on days from..to, as the filter should find them.
    const auto within = [&](QDate from, QDate to) {
        QStringList ids;
        for (const auto &[id, day] : seeded) {
            if (day >= from && day <= to)
                ids << id;
        }
        ids.sort();
        return ids;
    };

    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), 5);
    auto *check = child<QCheckBox>(view, u"dateFilterCheck"_s);
    auto *from = child<QDateEdit>(view, u"fromDate"_s);
    auto *to = child<QDateEdit>(view, u"toDate"_s);
    QVERIFY(!check->isChecked());
    const auto shown = [&] {
        QStringList ids;
        for (int r = 0; r < view.model()->rowCount(); ++r)
            ids << view.model()->attemptAt(r).paymentId;
        ids.sort();
        return ids;
    };
    const QTimeZone zone = QTimeZone::systemTimeZone();

    QTest::mouseClick(child<QPushButton>(view, u"todayButton"_s), Qt::LeftButton);
    QVERIFY(check->isChecked());
    QVERIFY(from->isEnabled() && to->isEnabled());
    QCOMPARE(from->date(), today);
    QCOMPARE(to->date(), today);
    QTRY_COMPARE(view.model()->filter().requestedFrom, Services::exportRangeStart(today, zone));
    QCOMPARE(view.model()->filter().requestedTo, Services::exportRangeEnd(today, zone));
    QCOMPARE(shown(), within(today, today));

    QTest::mouseClick(child<QPushButton>(view, u"last7DaysButton"_s), Qt::LeftButton);
    QCOMPARE(from->date(), today.addDays(-6));
    QCOMPARE(to->date(), today);
    QTRY_COMPARE(view.model()->filter().requestedFrom,
                 Services::exportRangeStart(today.addDays(-6), zone));
    QCOMPARE(shown(), within(today.addDays(-6), today));
    QVERIFY(shown().contains(u"6-days"_s));
    QVERIFY(!shown().contains(u"7-days"_s));

    QTest::mouseClick(child<QPushButton>(view, u"thisMonthButton"_s), Qt::LeftButton);
    QCOMPARE(from->date(), first);
    QCOMPARE(to->date(), today);
    QTRY_COMPARE(view.model()->filter().requestedFrom, Services::exportRangeStart(first, zone));
    QCOMPARE(shown(), within(first, today));
    QVERIFY(shown().contains(u"first"_s));
    QVERIFY(!shown().contains(u"last-month"_s));
    // The export starts from the same range.
    QCOMPARE(view.exportPreset().from, std::optional<QDate>(first));
    QCOMPARE(view.exportPreset().to, std::optional<QDate>(today));
}

void TestCancelLog::headShowsCopiesAndVerifiesAgainst()
{
    seedVaried();
    const Storage::JournalHead head = *journal().head();
    QCOMPARE(head.seq, 9); // L-1, still PREPARED, wrote the last entry
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // The head: seq and an abbreviated hash; the full hash in the tooltip.
    auto *label = child<QLabel>(view, u"headLabel"_s);
    QTRY_VERIFY(label->text().contains(u"9"_s));
    QVERIFY2(label->text().contains(head.hash.left(12)), qPrintable(label->text()));
    QVERIFY(!label->text().contains(head.hash));
    QVERIFY(label->toolTip().contains(head.hash));

    // Copy puts SEQ:HASH on the clipboard.
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(child<QPushButton>(view, u"copyHeadButton"_s), Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), head.toString());

    // Verify against… the pasted head, and against an export's manifest.
    auto *result = child<QLabel>(view, u"verifyResult"_s);
    const auto verifyAgainst = [&](const QString &expected) {
        QTest::mouseClick(child<QPushButton>(view, u"verifyAgainstButton"_s), Qt::LeftButton);
        auto *dialog = view.findChild<QDialog *>(u"verifyAgainstDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *ok = child<QDialogButtonBox>(*dialog, u"buttonBox"_s)->button(QDialogButtonBox::Ok);
        auto *edit = child<QLineEdit>(*dialog, u"expectedHeadEdit"_s);
        edit->clear();
        QVERIFY(!ok->isEnabled()); // nothing to verify against yet
        QTest::keyClicks(edit, u"12:abc"_s);
        QVERIFY(!ok->isEnabled()); // not a head
        edit->clear();
        QTest::keyClicks(edit, expected);
        QVERIFY(ok->isEnabled());
        result->clear();
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(!view.findChild<QDialog *>(u"verifyAgainstDialog"_s));
    };
    verifyAgainst(head.toString());
    QTRY_VERIFY(result->text().startsWith(u"Chain verified"_s));
    QVERIFY2(result->text().contains(u"Entry 9 is still there"_s), qPrintable(result->text()));
    const QString file = exportThroughDialog(view, 0, true, u"anchored.csv"_s);
    const QString manifest = Services::manifestPath(file);
    QVERIFY(QFile::exists(manifest));

    // The newest attempt removed whole: Verify log passes, the kept head fails.
    QSqlQuery q(m_test->session().database().connection());
    QVERIFY(q.exec(u"SELECT name FROM sqlite_master WHERE type = 'trigger'"_s));
    QStringList triggers;
    while (q.next())
        triggers << q.value(0).toString();
    for (const QString &t : std::as_const(triggers))
        QVERIFY(q.exec(u"DROP TRIGGER %1"_s.arg(t)));
    QVERIFY(q.exec(u"DELETE FROM journal_entries WHERE attempt_id = 5"_s));
    QVERIFY(q.exec(u"DELETE FROM cancel_attempts WHERE id = 5"_s));
    QTest::mouseClick(child<QPushButton>(view, u"verifyButton"_s), Qt::LeftButton);
    QTRY_VERIFY(result->text().startsWith(u"Chain verified"_s));
    view.reload();
    QTRY_VERIFY(label->text().contains(u"8"_s));

    verifyAgainst(head.toString());
    QTRY_VERIFY(result->text().startsWith(u"Log check failed"_s));
    QVERIFY2(result->text().contains(u"Entry 9 is missing"_s), qPrintable(result->text()));
    verifyAgainst(manifest);
    QTRY_VERIFY(result->text().startsWith(u"Log check failed"_s));
    QVERIFY2(result->text().contains(u"Entry 9 is missing"_s), qPrintable(result->text()));
}

void TestCancelLog::screenshots()
{
    seedVaried();
    addAttempt(u"U-9"_s, Provider::Uqpay, CancelReason::Other, u"li.na"_s, AttemptState::Rejected,
               {}, u"ORDER_STATUS_INVALID"_s,
               u"Customer phoned twice; the second card payment is the duplicate. Ticket 4411."_s);
    addAttempt(u"L-2"_s, Provider::Liquido, CancelReason::Duplicate, u"li.na"_s,
               AttemptState::Rejected, {}, u"LOCAL_CONFIGURATION"_s);
    I18n::Translations translations;
    QVERIFY(translations.apply(u"en"_s));
    QCoreApplication::processEvents();
    Ui::CancelLogView view(m_test->session().journal(), m_test->session().exporter(),
                           m_test->session().clock());
    view.resize(1200, 700); // as the main window opens it
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.model()->rowCount(), 7);
    child<QPushButton>(view, u"verifyButton"_s)->click();
    QTRY_VERIFY(child<QLabel>(view, u"verifyResult"_s)->text().startsWith(u"Chain verified"_s));
    auto *table = child<QTableView>(view, u"cancelLogTable"_s);
    // U-9 selected: its note and answer in full below the table.
    table->selectRow(5);
    QTRY_VERIFY(child<QLabel>(view, u"attemptDetails"_s)->text().contains(u"Ticket 4411"_s));
    QVERIFY(view.grab().save(Test::shotPath(u"cancellog-view-en.png"_s)));

    child<QPushButton>(view, u"exportButton"_s)->click();
    auto *dialog = view.findChild<Ui::ExportDialog *>(u"exportDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->grab().save(Test::shotPath(u"cancellog-export-en.png"_s)));
    closeDialog(dialog);
    child<QPushButton>(view, u"verifyAgainstButton"_s)->click();
    auto *against = view.findChild<QDialog *>(u"verifyAgainstDialog"_s);
    QVERIFY(against);
    QTRY_VERIFY(against->isVisible());
    child<QLineEdit>(*against, u"expectedHeadEdit"_s)->setText(journal().head()->toString());
    QVERIFY(against->grab().save(Test::shotPath(u"cancellog-verifyagainst-en.png"_s)));
    closeDialog(against);

    // With the date range on (Last 7 days), so the inclusive-days note is seen with it.
    child<QPushButton>(view, u"last7DaysButton"_s)->click();
    QTRY_VERIFY(view.model()->filter().requestedFrom.isValid());
    QCOMPARE(view.model()->rowCount(), 7);
    QVERIFY(view.grab().save(Test::shotPath(u"cancellog-view-dates-en.png"_s)));

    QVERIFY(translations.apply(u"zh_CN"_s));
    // LanguageChange arrives through the event loop; the combos follow it.
    auto *outcome = child<QComboBox>(view, u"outcomeCombo"_s);
    QTRY_COMPARE(outcome->itemText(outcome->findData(int(AttemptState::Succeeded))),
                 Storage::attemptStateLabel(AttemptState::Succeeded));
    QVERIFY(outcome->itemText(outcome->findData(int(AttemptState::Succeeded))) != u"Succeeded"_s);
    table->selectRow(5);
    QVERIFY(view.grab().save(Test::shotPath(u"cancellog-view-zh.png"_s)));
    child<QPushButton>(view, u"exportButton"_s)->click();
    QTRY_VERIFY(view.findChild<Ui::ExportDialog *>(u"exportDialog"_s));
    dialog = view.findChild<Ui::ExportDialog *>(u"exportDialog"_s);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->grab().save(Test::shotPath(u"cancellog-export-zh.png"_s)));
    closeDialog(dialog);
    QVERIFY(translations.apply(u"en"_s));
    QCoreApplication::processEvents();
}

QTEST_MAIN(TestCancelLog)
#include "tst_cancellog.moc"
