// F2 dialogs (Add by ID, Import with preview, UQPAY sync), driven through their
// real buttons against the in-process sandbox over loopback HTTP.

#include "dialogs/addorderdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/syncdialog.h"
#include "i18n/language.h"
#include "sandboxserver.h"
#include "storage/orderstore.h"
#include "testsupport.h"
#include "uitestsession.h"
#include "uqpaysim.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;

namespace {

constexpr int kNetworkTimeoutMs = 30000;

template<typename T> T *child(QWidget &parent, const QString &name)
{
    T *w = parent.findChild<T *>(name);
    if (!w)
        qFatal("no child %s", qPrintable(name));
    return w;
}

// Without the English catalogue (it is built from the merged .ts files) a %n
// plural reads "2 order(s)"; with it, "2 orders". Tests accept both.
QString plural(QString text)
{
    return text.replace(u"(s)"_s, u"s"_s);
}

qint64 orderCount(Ui::AppSession &session)
{
    return session.orders().count(Storage::OrderQuery{});
}

// Wraps every string of the console's own classes in ‹…›: shows that a
// language switch reaches each text, before real translations exist.
class MarkingTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        if (!QByteArrayView(context).startsWith("CancelDesk::Ui::"))
            return {};
        return u"‹"_s + QString::fromUtf8(sourceText) + u"›"_s;
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestOrderDialogs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void addByIdForEachProvider_data();
    void addByIdForEachProvider();
    void addByUnknownIdShowsFailure();
    void addNeedsAnId();

    void importPreviewsThenImports();
    void importRefusesUnknownFileType();
    void importNeedsAFreshPreview();

    void syncStoresUqpayDemoIntents();
    void syncStopBeforeStartFinishesOnce();
    void syncStopWhileRunningFinishesOnce();
    void syncNeedsAValidRange();

    void withoutProvidersNothingCanStart();
    void retranslatesAtRuntime();
    void screenshots();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    void save(QWidget &w, const QString &name);

    std::unique_ptr<Test::UiTestSession> m_ui;
    QString m_shotsDir;
    QTemporaryDir m_shotsFallback;
};

void TestOrderDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Screenshots go where CANCELDESK_SHOTS_DIR says (to look at them), else
    // to a temporary folder: they are taken, and checked for size, either way.
    m_shotsDir = qEnvironmentVariable("CANCELDESK_SHOTS_DIR");
    if (m_shotsDir.isEmpty())
        m_shotsDir = m_shotsFallback.path();
    QVERIFY(QDir().mkpath(m_shotsDir));
}

void TestOrderDialogs::init()
{
    m_ui = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_ui->open(&error), qPrintable(error));
}

void TestOrderDialogs::cleanup()
{
    m_ui.reset();
}

QString TestOrderDialogs::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_ui->path(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestOrderDialogs::save(QWidget &w, const QString &name)
{
    QCoreApplication::processEvents();
    const QPixmap shot = w.grab();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.width() > 200 && shot.height() > 100);
    const QString file = QDir(m_shotsDir).filePath(u"orders-"_s + name + u".png"_s);
    QVERIFY2(shot.save(file), qPrintable(file));
}

// ---------------------------------------------------------------------------
// Add by ID

void TestOrderDialogs::addByIdForEachProvider_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addRow("uqpay") << Provider::Uqpay;
    QTest::addRow("antom") << Provider::Antom;
    QTest::addRow("liquido") << Provider::Liquido;
}

void TestOrderDialogs::addByIdForEachProvider()
{
    QFETCH(Provider, provider);
    const QStringList ids = m_ui->session().demoIds().value(provider);
    QVERIFY(!ids.isEmpty());
    const QString id = ids.first();

    Ui::AddOrderDialog dialog(m_ui->session().refresh(), m_ui->session().orders(),
                              m_ui->session().providers());
    QSignalSpy added(&dialog, &Ui::AddOrderDialog::orderAdded);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *combo = child<QComboBox>(dialog, u"providerCombo"_s);
    auto *edit = child<QLineEdit>(dialog, u"paymentIdEdit"_s);
    auto *addButton = child<QPushButton>(dialog, u"addButton"_s);
    auto *result = child<QLabel>(dialog, u"resultLabel"_s);
    // Only configured providers are offered; the sandbox configures all three.
    QCOMPARE(combo->count(), 3);
    const int index = combo->findData(static_cast<int>(provider));
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);

    QVERIFY(!addButton->isEnabled());
    edit->setFocus();
    QTest::keyClicks(edit, u"  "_s + id + u"  "_s); // as pasted, with spaces around it
    QCOMPARE(dialog.paymentId(), id);
    QVERIFY(addButton->isEnabled());
    QTest::mouseClick(addButton, Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, kNetworkTimeoutMs);
    const auto key = added.first().first().value<Domain::OrderKey>();
    QCOMPARE(key.provider, provider);
    QCOMPARE(key.paymentId, id);
    const auto order = m_ui->session().orders().find(provider, id);
    QVERIFY(order);
    QCOMPARE(m_ui->session().orders().history(provider, id).first().source,
             Storage::StatusSource::Manual);
    QVERIFY2(result->text().contains(id), qPrintable(result->text()));
    QVERIFY2(result->text().contains(order->amount.currency), qPrintable(result->text()));
    QVERIFY2(result->text().contains(Domain::statusLabel(order->status)),
             qPrintable(result->text()));

    // Add another: back to an empty id, ready for the next one.
    auto *again = child<QPushButton>(dialog, u"addAgainButton"_s);
    QVERIFY(again->isVisible());
    QVERIFY(!addButton->isVisible());
    QTest::mouseClick(again, Qt::LeftButton);
    QVERIFY(addButton->isVisible());
    QVERIFY(edit->text().isEmpty());
    QVERIFY(!addButton->isEnabled());
    QVERIFY(result->text().isEmpty());
}

void TestOrderDialogs::addByUnknownIdShowsFailure()
{
    Ui::AddOrderDialog dialog(m_ui->session().refresh(), m_ui->session().orders(),
                              m_ui->session().providers());
    QSignalSpy added(&dialog, &Ui::AddOrderDialog::orderAdded);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *combo = child<QComboBox>(dialog, u"providerCombo"_s);
    combo->setCurrentIndex(combo->findData(static_cast<int>(Provider::Uqpay)));
    auto *edit = child<QLineEdit>(dialog, u"paymentIdEdit"_s);
    auto *addButton = child<QPushButton>(dialog, u"addButton"_s);
    auto *again = child<QPushButton>(dialog, u"addAgainButton"_s);
    auto *result = child<QLabel>(dialog, u"resultLabel"_s);
    QTest::keyClicks(edit, u"PI-NO-SUCH-PAYMENT"_s);
    QTest::mouseClick(addButton, Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"could not be added"_s), kNetworkTimeoutMs);
    QVERIFY2(result->text().contains(u"PI-NO-SUCH-PAYMENT"_s), qPrintable(result->text()));
    QCOMPARE(added.count(), 0);
    QCOMPARE(orderCount(m_ui->session()), 0);

    // Nothing was added, so nothing offers to add "another": Add stays, with
    // the id kept and editable to fix a typo and try again.
    QVERIFY(!again->isVisible());
    QVERIFY(addButton->isVisible());
    QVERIFY(addButton->isEnabled());
    QVERIFY(addButton->isDefault());
    QCOMPARE(edit->text(), u"PI-NO-SUCH-PAYMENT"_s);
    QVERIFY(!edit->isReadOnly());
    QVERIFY(combo->isEnabled());
    edit->selectAll();
    QTest::keyClicks(edit, u"PI-STILL-NO-SUCH"_s);
    QTest::mouseClick(addButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"could not be added"_s), kNetworkTimeoutMs);
    QVERIFY2(result->text().contains(u"PI-STILL-NO-SUCH"_s), qPrintable(result->text()));
    QVERIFY(!again->isVisible());
    QVERIFY(addButton->isEnabled());
}

void TestOrderDialogs::addNeedsAnId()
{
    Ui::AddOrderDialog dialog(m_ui->session().refresh(), m_ui->session().orders(),
                              m_ui->session().providers());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *edit = child<QLineEdit>(dialog, u"paymentIdEdit"_s);
    auto *addButton = child<QPushButton>(dialog, u"addButton"_s);
    QVERIFY(!addButton->isEnabled());
    QTest::keyClicks(edit, u"   "_s);
    QVERIFY(!addButton->isEnabled());
    QTest::mouseClick(addButton, Qt::LeftButton);
    QVERIFY(!child<QPushButton>(dialog, u"addAgainButton"_s)->isVisible());
    // A pasted id with a line break after it.
    edit->clear();
    edit->insert(u"PI123\n"_s);
    QCOMPARE(dialog.paymentId(), u"PI123"_s);
    QVERIFY(addButton->isEnabled());
}

// ---------------------------------------------------------------------------
// Import

void TestOrderDialogs::importPreviewsThenImports()
{
    const QString path = writeFile(u"orders.csv"_s, "provider,payment_id,amount,currency\n"
                                                    "uqpay,PI900,10.00,USD\n"
                                                    "uqpay,PI901,1.234,USD\n"
                                                    "antom,2026030299999,1000,JPY\n"
                                                    "stripe,PI903,1.00,USD\n");
    Ui::ImportDialog dialog(m_ui->session().importer());
    QAbstractItemModelTester tester(dialog.issueModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy imported(&dialog, &Ui::ImportDialog::imported);
    QSignalSpy reset(&m_ui->session(), &Ui::AppSession::ordersReset);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *importButton = child<QPushButton>(dialog, u"importButton"_s);
    auto *summary = child<QLabel>(dialog, u"summaryLabel"_s);
    auto *table = child<QTableView>(dialog, u"issuesTable"_s);
    QCOMPARE(table->model(), dialog.issueModel());
    QVERIFY(!importButton->isEnabled());

    dialog.setPath(path);
    QTRY_VERIFY_WITH_TIMEOUT(importButton->isEnabled(), kNetworkTimeoutMs);
    QVERIFY2(plural(summary->text()).contains(u"4 rows: 2 good (0 unchanged), 2 bad"_s),
             qPrintable(summary->text()));
    QAbstractItemModel *model = table->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->data(model->index(0, Ui::ImportIssueModel::LineColumn)).toInt(), 3);
    QCOMPARE(model->data(model->index(1, Ui::ImportIssueModel::LineColumn)).toInt(), 5);
    const QString amountReason =
        model->data(model->index(0, Ui::ImportIssueModel::ReasonColumn)).toString();
    const QString providerReason =
        model->data(model->index(1, Ui::ImportIssueModel::ReasonColumn)).toString();
    QVERIFY2(amountReason.contains(u"decimal"_s, Qt::CaseInsensitive), qPrintable(amountReason));
    QVERIFY2(providerReason.contains(u"stripe"_s, Qt::CaseInsensitive), qPrintable(providerReason));
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), u"Line"_s);
    // A preview writes nothing.
    QCOMPARE(orderCount(m_ui->session()), 0);
    QCOMPARE(imported.count(), 0);

    QTest::mouseClick(importButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, kNetworkTimeoutMs);
    QCOMPARE(imported.first().first().toInt(), 2);
    QCOMPARE(orderCount(m_ui->session()), 2);
    QVERIFY(m_ui->session().orders().find(Provider::Uqpay, u"PI900"_s));
    QVERIFY(m_ui->session().orders().find(Provider::Antom, u"2026030299999"_s));
    QCOMPARE(reset.count(), 1);
    auto *result = child<QLabel>(dialog, u"resultLabel"_s);
    QVERIFY2(plural(result->text()).contains(u"2 orders written"_s), qPrintable(result->text()));
    QVERIFY2(plural(result->text()).contains(u"2 bad rows skipped"_s), qPrintable(result->text()));
    // Done: importing the same file again needs a new preview.
    QVERIFY(!importButton->isEnabled());
    QVERIFY(child<QPushButton>(dialog, u"closeButton"_s)->isEnabled());

    // Previewing it again: both good rows are now unchanged.
    dialog.setPath(path);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u"2 good (2 unchanged)"_s),
                             kNetworkTimeoutMs);
}

void TestOrderDialogs::importRefusesUnknownFileType()
{
    const QString path = writeFile(u"orders.txt"_s, "provider,payment_id,amount,currency\n"
                                                    "uqpay,PI900,10.00,USD\n");
    Ui::ImportDialog dialog(m_ui->session().importer());
    QSignalSpy imported(&dialog, &Ui::ImportDialog::imported);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *summary = child<QLabel>(dialog, u"summaryLabel"_s);
    auto *importButton = child<QPushButton>(dialog, u"importButton"_s);
    auto *progress = child<QProgressBar>(dialog, u"progressBar"_s);

    dialog.setPath(path);
    QTRY_VERIFY_WITH_TIMEOUT(!progress->isVisible(), kNetworkTimeoutMs);
    QVERIFY2(summary->text().contains(u"only .csv and .json"_s), qPrintable(summary->text()));
    QVERIFY(!importButton->isEnabled());
    QTest::mouseClick(importButton, Qt::LeftButton);
    QCOMPARE(dialog.issueModel()->rowCount(), 0);
    QCOMPARE(imported.count(), 0);
    QCOMPARE(orderCount(m_ui->session()), 0);
}

void TestOrderDialogs::importNeedsAFreshPreview()
{
    const QString good = writeFile(u"good.csv"_s, Test::fixture(u"import/good.csv"_s));
    const QString allBad = writeFile(u"bad.csv"_s, "provider,payment_id,amount,currency\n"
                                                   "stripe,X1,1.00,USD\n");
    Ui::ImportDialog dialog(m_ui->session().importer());
    QAbstractItemModelTester tester(dialog.issueModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *importButton = child<QPushButton>(dialog, u"importButton"_s);
    auto *pathEdit = child<QLineEdit>(dialog, u"pathEdit"_s);
    auto *progress = child<QProgressBar>(dialog, u"progressBar"_s);

    dialog.setPath(good);
    QTRY_VERIFY_WITH_TIMEOUT(importButton->isEnabled(), kNetworkTimeoutMs);
    // Typing another path: the preview no longer applies.
    pathEdit->setFocus();
    QTest::keyClicks(pathEdit, u"x"_s);
    QVERIFY(!importButton->isEnabled());
    // Return previews the typed path (it does not import).
    pathEdit->setText(QDir::toNativeSeparators(allBad));
    QTest::keyClick(pathEdit, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!progress->isVisible(), kNetworkTimeoutMs);
    QCOMPARE(dialog.issueModel()->rowCount(), 1);
    // No good row: nothing to import.
    QVERIFY(!importButton->isEnabled());
    QCOMPARE(orderCount(m_ui->session()), 0);
}

// ---------------------------------------------------------------------------
// UQPAY sync

void TestOrderDialogs::syncStoresUqpayDemoIntents()
{
    Ui::SyncDialog dialog(m_ui->session().refresh(), m_ui->session().providers(),
                          m_ui->session().now());
    QSignalSpy synced(&dialog, &Ui::SyncDialog::synced);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *syncButton = child<QPushButton>(dialog, u"syncButton"_s);
    auto *stopButton = child<QPushButton>(dialog, u"stopButton"_s);
    QVERIFY(syncButton->isEnabled());
    QVERIFY(!stopButton->isEnabled());
    QVERIFY(!child<QLabel>(dialog, u"notConfiguredLabel"_s)->isVisible());
    QVERIFY(child<QLabel>(dialog, u"boundsNote"_s)->text().contains(u"exclusive"_s));

    // The default range is the last day up to just after now.
    const QDateTime now = m_ui->now();
    QVERIFY(dialog.toUtc() > now);
    QVERIFY(dialog.toUtc() <= now.addSecs(120));
    QVERIFY(dialog.fromUtc() < now.addDays(-1).addSecs(60));

    // The demo has one intent paid 26 h ago: the range covers the last two days.
    auto *fromEdit = child<QDateTimeEdit>(dialog, u"fromEdit"_s);
    fromEdit->setDateTime(now.addDays(-2).toLocalTime());
    QCOMPARE(dialog.fromUtc(), now.addDays(-2));
    QTest::mouseClick(syncButton, Qt::LeftButton);
    QVERIFY(!syncButton->isEnabled());
    QVERIFY(stopButton->isEnabled());

    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, kNetworkTimeoutMs);
    const QStringList ids = m_ui->session().demoIds().value(Provider::Uqpay);
    QVERIFY(!ids.isEmpty());
    QCOMPARE(synced.first().first().toInt(), ids.size());
    for (const QString &id : ids)
        QVERIFY2(m_ui->session().orders().find(Provider::Uqpay, id), qPrintable(id));
    QCOMPARE(orderCount(m_ui->session()), ids.size());
    auto *result = child<QLabel>(dialog, u"resultLabel"_s);
    QVERIFY2(result->text().contains(u"Sync finished"_s), qPrintable(result->text()));
    QVERIFY(!child<QPlainTextEdit>(dialog, u"errorsText"_s)->isVisible());
    auto *progress = child<QProgressBar>(dialog, u"progressBar"_s);
    QCOMPARE(progress->value(), progress->maximum());
    QVERIFY(syncButton->isEnabled());
    QVERIFY(!stopButton->isEnabled());
}

void TestOrderDialogs::syncStopBeforeStartFinishesOnce()
{
    Ui::SyncDialog dialog(m_ui->session().refresh(), m_ui->session().providers(),
                          m_ui->session().now());
    QSignalSpy synced(&dialog, &Ui::SyncDialog::synced);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *syncButton = child<QPushButton>(dialog, u"syncButton"_s);
    auto *stopButton = child<QPushButton>(dialog, u"stopButton"_s);
    // Stop before the job has even started (it starts on the next event loop turn).
    QTest::mouseClick(syncButton, Qt::LeftButton);
    QTest::mouseClick(stopButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, kNetworkTimeoutMs);
    QVERIFY(!dialog.isRunning());
    QVERIFY(syncButton->isEnabled());
    QVERIFY(!stopButton->isEnabled());
    auto *result = child<QLabel>(dialog, u"resultLabel"_s);
    QVERIFY2(result->text().startsWith(u"Stopped"_s), qPrintable(result->text()));
    // No second finished() turns up later (it would show as a second synced()).
    QVERIFY(!synced.wait(300));
    QCOMPARE(synced.count(), 1);
}

void TestOrderDialogs::syncStopWhileRunningFinishesOnce()
{
    // Several pages of 100, so that there is something to stop.
    Sandbox::SandboxServer *sandbox = m_ui->session().sandbox();
    QVERIFY(sandbox);
    const QDateTime now = sandbox->now();
    for (int i = 0; i < 450; ++i) {
        Sandbox::UqpayIntent intent;
        intent.id = sandbox->uqpay().newIntentId();
        intent.merchantOrderId = u"BULK-%1"_s.arg(i);
        intent.amount = {100 + i, u"USD"_s};
        intent.methodType = u"card"_s;
        intent.status = u"SUCCEEDED"_s;
        intent.created = now.addSecs(-3600 - i);
        intent.completed = intent.created.addSecs(30);
        sandbox->uqpay().addIntent(intent);
    }

    Ui::SyncDialog dialog(m_ui->session().refresh(), m_ui->session().providers(),
                          m_ui->session().now());
    QSignalSpy synced(&dialog, &Ui::SyncDialog::synced);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *syncButton = child<QPushButton>(dialog, u"syncButton"_s);
    auto *stopButton = child<QPushButton>(dialog, u"stopButton"_s);
    auto *progress = child<QProgressBar>(dialog, u"progressBar"_s);
    // Press Stop as soon as the first page is in (queued: from the event loop,
    // as a click would come, not from inside the job's signal).
    connect(
        progress, &QProgressBar::valueChanged, stopButton,
        [stopButton] {
            if (stopButton->isEnabled())
                stopButton->click();
        },
        Qt::QueuedConnection);
    QTest::mouseClick(syncButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, kNetworkTimeoutMs);
    QVERIFY(!dialog.isRunning());
    QVERIFY(syncButton->isEnabled());
    auto *result = child<QLabel>(dialog, u"resultLabel"_s);
    // Whether the stop came before the last page depends on timing; either
    // way the job finished exactly once and what was stored is reported.
    QVERIFY2(result->text().startsWith(u"Stopped"_s) || result->text().startsWith(u"Sync"_s),
             qPrintable(result->text()));
    QCOMPARE(synced.first().first().toInt(), orderCount(m_ui->session()));
    QVERIFY(!synced.wait(300));
    QCOMPARE(synced.count(), 1);
}

void TestOrderDialogs::syncNeedsAValidRange()
{
    Ui::SyncDialog dialog(m_ui->session().refresh(), m_ui->session().providers(),
                          m_ui->session().now());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *syncButton = child<QPushButton>(dialog, u"syncButton"_s);
    const QDateTime now = m_ui->now();
    dialog.setRange(now, now.addDays(-1));
    QVERIFY(!syncButton->isEnabled());
    QVERIFY(child<QLabel>(dialog, u"utcRangeLabel"_s)->text().contains(u"before"_s));
    dialog.setRange(now.addDays(-1), now);
    QVERIFY(syncButton->isEnabled());
}

// ---------------------------------------------------------------------------
// No provider configured

void TestOrderDialogs::withoutProvidersNothingCanStart()
{
    // Production without credentials: no built-in sandbox, no provider at all.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Ui::SessionOptions options;
    options.config.environment = u"production"_s;
    options.databasePath = dir.filePath(u"canceldesk.sqlite"_s);
    Ui::AppSession session(std::move(options));
    QString error;
    QVERIFY2(session.open(&error), qPrintable(error));

    Ui::AddOrderDialog add(session.refresh(), session.orders(), session.providers());
    add.show();
    QVERIFY(QTest::qWaitForWindowExposed(&add));
    QCOMPARE(child<QComboBox>(add, u"providerCombo"_s)->count(), 0);
    QVERIFY(child<QLabel>(add, u"noProvidersLabel"_s)->isVisible());
    QTest::keyClicks(child<QLineEdit>(add, u"paymentIdEdit"_s), u"PI1"_s);
    QVERIFY(!child<QPushButton>(add, u"addButton"_s)->isEnabled());

    Ui::SyncDialog sync(session.refresh(), session.providers(), session.now());
    QSignalSpy synced(&sync, &Ui::SyncDialog::synced);
    sync.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sync));
    QVERIFY(child<QLabel>(sync, u"notConfiguredLabel"_s)->isVisible());
    auto *syncButton = child<QPushButton>(sync, u"syncButton"_s);
    QVERIFY(!syncButton->isEnabled());
    QVERIFY(!child<QDateTimeEdit>(sync, u"fromEdit"_s)->isEnabled());
    QTest::mouseClick(syncButton, Qt::LeftButton);
    QVERIFY(!sync.isRunning());
    QCOMPARE(synced.count(), 0);
}

// ---------------------------------------------------------------------------
// Language

void TestOrderDialogs::retranslatesAtRuntime()
{
    const QString path = writeFile(u"bad.csv"_s, "provider,payment_id,amount,currency\n"
                                                 "stripe,X1,1.00,USD\n");
    Ui::AddOrderDialog add(m_ui->session().refresh(), m_ui->session().orders(),
                           m_ui->session().providers());
    Ui::ImportDialog import(m_ui->session().importer());
    QAbstractItemModelTester tester(import.issueModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    Ui::SyncDialog sync(m_ui->session().refresh(), m_ui->session().providers(),
                        m_ui->session().now());
    QSignalSpy headers(import.issueModel(), &QAbstractItemModel::headerDataChanged);
    import.setPath(path);
    auto *summary = child<QLabel>(import, u"summaryLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(import.issueModel()->rowCount() == 1, kNetworkTimeoutMs);

    MarkingTranslator marking;
    QVERIFY(QCoreApplication::installTranslator(&marking));
    // LanguageChange is posted: let the event loop deliver it.
    QTRY_COMPARE(child<QPushButton>(add, u"addButton"_s)->text(), u"‹&Add›"_s);
    QCOMPARE(add.windowTitle(), u"‹Add order by payment ID›"_s);
    QTRY_COMPARE(child<QPushButton>(import, u"importButton"_s)->text(), u"‹&Import›"_s);
    QVERIFY2(summary->text().startsWith(u"‹"_s), qPrintable(summary->text()));
    QVERIFY(headers.count() >= 1);
    QCOMPARE(import.issueModel()->headerData(0, Qt::Horizontal).toString(), u"‹Line›"_s);
    QTRY_COMPARE(child<QPushButton>(sync, u"syncButton"_s)->text(), u"‹&Sync›"_s);
    QVERIFY(child<QLabel>(sync, u"boundsNote"_s)->text().startsWith(u"‹"_s));

    QVERIFY(QCoreApplication::removeTranslator(&marking));
    QTRY_COMPARE(child<QPushButton>(add, u"addButton"_s)->text(), u"&Add"_s);
    QTRY_COMPARE(child<QPushButton>(sync, u"syncButton"_s)->text(), u"&Sync"_s);
    QTRY_COMPARE(import.issueModel()->headerData(0, Qt::Horizontal).toString(), u"Line"_s);
}

// ---------------------------------------------------------------------------
// Screenshots (CANCELDESK_SHOTS_DIR), English and Chinese

void TestOrderDialogs::screenshots()
{
    I18n::Translations translations;
    QVERIFY(translations.apply(u"en"_s));
    const QStringList languages{u"en"_s, u"zh_CN"_s};

    const QString badRows = writeFile(u"bad_rows.csv"_s, Test::fixture(u"import/bad_rows.csv"_s));
    const QString uqpayId = m_ui->session().demoIds().value(Provider::Uqpay).value(0);

    Ui::AddOrderDialog add(m_ui->session().refresh(), m_ui->session().orders(),
                           m_ui->session().providers());
    QSignalSpy added(&add, &Ui::AddOrderDialog::orderAdded);
    add.show();
    QVERIFY(QTest::qWaitForWindowExposed(&add));
    QTest::keyClicks(child<QLineEdit>(add, u"paymentIdEdit"_s), uqpayId);
    QTest::mouseClick(child<QPushButton>(add, u"addButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, kNetworkTimeoutMs);

    Ui::ImportDialog import(m_ui->session().importer());
    import.show();
    QVERIFY(QTest::qWaitForWindowExposed(&import));
    import.setPath(badRows);
    QTRY_VERIFY_WITH_TIMEOUT(import.issueModel()->rowCount() > 0, kNetworkTimeoutMs);

    Ui::SyncDialog sync(m_ui->session().refresh(), m_ui->session().providers(),
                        m_ui->session().now());
    QSignalSpy synced(&sync, &Ui::SyncDialog::synced);
    sync.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sync));
    QTest::mouseClick(child<QPushButton>(sync, u"syncButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, kNetworkTimeoutMs);

    // Until the Chinese strings are merged into the .ts files, a catalogue
    // built from them can be given here to look at the Chinese layout.
    QTranslator extra;
    const QString extraQm = qEnvironmentVariable("CANCELDESK_SHOTS_QM");
    for (const QString &language : languages) {
        QVERIFY(translations.apply(language));
        if (language == u"zh_CN"_s && !extraQm.isEmpty()) {
            QVERIFY2(extra.load(extraQm), qPrintable(extraQm));
            QCoreApplication::installTranslator(&extra);
        }
        // LanguageChange is posted: let it arrive.
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        const QString suffix = language == u"en"_s ? u"en"_s : u"zh"_s;
        save(add, u"add-"_s + suffix);
        save(import, u"import-"_s + suffix);
        save(sync, u"sync-"_s + suffix);
    }
    QCoreApplication::removeTranslator(&extra);
}

QTEST_MAIN(TestOrderDialogs)
#include "tst_orderdialogs.moc"
