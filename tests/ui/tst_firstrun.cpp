// Issue 12: a new operator's first run, as they would do it — a fresh home,
// the console as ui/main.cpp builds it (Console), nothing configured — ends in
// confirmed cancels, across a Settings save and a restart; and a switch to
// Production with nothing configured shows no sandbox order and refuses a
// cancel with a clear reason.

#include "appsession.h"
#include "config/appconfig.h"
#include "console.h"
#include "domain/currency.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "uitestsession.h"
#include "views/providerstrip.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;
using Domain::Provider;
using Ui::OrderTableModel;

class TestFirstRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void newOperatorCancelsAcrossSaveAndRestart();
    void productionWithNothingConfiguredShowsNoSandboxOrder();
    void firstRunPanelSavesTheNameAndTheLanguage();
    void firstRunLanguageFollowsTheLanguageMenu();
    void resetSandboxStartsAfreshOnPurpose();

private:
    std::unique_ptr<Ui::Console> startConsole();
    // Console::start() again (the settings on disk changed); false if it failed.
    bool restart(Ui::Console &console);
    void waitForOrders(Ui::Console &console);
    // An order the rules allow to cancel now, not yet used, below the
    // typed-confirmation threshold (1,000 in major units), of the provider.
    Domain::OrderKey eligibleOrder(Ui::AppSession &session, Provider provider);
    void cancelFromTheList(Ui::MainWindow *window, const Domain::OrderKey &key);
    void writeConfig(const QByteArray &ini);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<Ui::FileSecretStore> m_secrets;
    I18n::Translations m_translations;
    QList<Domain::OrderKey> m_used;
};

void TestFirstRun::init()
{
    QSettings().clear(); // a first start: no window state, no first-run mark
    QVERIFY(m_translations.apply(u"en"_s));
    m_home = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<Ui::FileSecretStore>(m_home->filePath(u"secrets.ini"_s));
    m_used.clear();
}

void TestFirstRun::cleanup()
{
    m_secrets.reset();
    m_home.reset();
}

std::unique_ptr<Ui::Console> TestFirstRun::startConsole()
{
    return CancelDesk::Test::startConsoleIn(*m_home, m_secrets.get(), &m_translations);
}

bool TestFirstRun::restart(Ui::Console &console)
{
    return CancelDesk::Test::startConsole(console);
}

void TestFirstRun::waitForOrders(Ui::Console &console)
{
    // The store was empty: the window fetches every demo payment.
    int demo = 0;
    for (const QStringList &ids : console.session()->demoIds())
        demo += int(ids.size());
    QVERIFY(demo >= 30);
    QVERIFY(QTest::qWaitForWindowExposed(console.window()));
    QTRY_COMPARE_WITH_TIMEOUT(console.window()->orderModel().rowCount(), demo, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!console.window()->orderModel().isBusy(), 30000);
}

Domain::OrderKey TestFirstRun::eligibleOrder(Ui::AppSession &session, Provider provider)
{
    for (const QString &id : session.demoIds().value(provider)) {
        const Domain::OrderKey key{provider, id};
        if (m_used.contains(key))
            continue;
        const std::optional<Domain::Order> order = session.orders().find(provider, id);
        if (!order || !session.cancels().check(*order).mayCancel())
            continue;
        qint64 limit = 1000;
        for (int i = 0; i < Domain::currencyExponent(order->amount.currency); ++i)
            limit *= 10;
        if (order->amount.minor >= limit)
            continue;
        m_used.append(key);
        return key;
    }
    return {};
}

void TestFirstRun::cancelFromTheList(Ui::MainWindow *window, const Domain::OrderKey &key)
{
    QVERIFY2(!key.paymentId.isEmpty(), "no eligible demo order");
    QDialog *dialog = CancelDesk::Test::cancelFromTheList(*window, key);
    QVERIFY(dialog);
    const QString outcome = dialog->property("outcome").toString();
    if (outcome != u"succeeded"_s) {
        auto *details = dialog->findChild<QLabel *>(u"outcomeLabel"_s);
        QFAIL(qPrintable(u"%1 %2: %3 — %4"_s.arg(Domain::providerKey(key.provider), key.paymentId,
                                                 outcome, details ? details->text() : QString())));
    }
    dialog->findChild<QPushButton *>(u"closeButton"_s)->click();
    QTRY_VERIFY(window->findChild<QDialog *>(u"cancelDialog"_s) == nullptr);
}

void TestFirstRun::writeConfig(const QByteArray &ini)
{
    QDir().mkpath(m_home->filePath(u"config"_s));
    QFile file(m_home->filePath(u"config/canceldesk.ini"_s));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(ini);
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

void TestFirstRun::newOperatorCancelsAcrossSaveAndRestart()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    waitForOrders(*console);
    Ui::MainWindow *window = console->window();
    const int orders = window->orderModel().rowCount();

    // The first-run panel shows the name that will be recorded; nothing has
    // to be typed before the first cancel.
    auto *panel = window->findChild<QWidget *>(u"firstRunPanel"_s);
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    auto *name = panel->findChild<QLineEdit *>(u"firstRunOperator"_s);
    QCOMPARE(name->text(), Config::osUserName());
    QVERIFY(!name->text().isEmpty());

    // Every provider of the sandbox is configured and answers.
    for (Provider p : {Provider::Uqpay, Provider::Antom, Provider::Liquido}) {
        auto *status =
            window->findChild<QToolButton *>(u"providerStatus_"_s + Domain::providerKey(p));
        QVERIFY(status);
        QTRY_VERIFY2(status->toolTip().contains(u": reachable"_s), qPrintable(status->toolTip()));
    }

    // 1. Launch, cancel.
    cancelFromTheList(window, eligibleOrder(*console->session(), Provider::Uqpay));
    if (QTest::currentTestFailed())
        return;

    // 2. Save Settings (nothing changed): the console rebuilds its session,
    // the sandbox is not restarted, and the next cancel works.
    Sandbox::SandboxServer *sandbox = console->session()->sandbox();
    QVERIFY(sandbox);
    const quint16 port = sandbox->port();
    window->findChild<QAction *>(u"settingsAction"_s)->trigger();
    Ui::SettingsDialog *settings = nullptr;
    QTRY_VERIFY((settings = window->findChild<Ui::SettingsDialog *>()) != nullptr);
    QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
    // Rebuilding the session restarts the sandbox: slow on a loaded machine.
    QVERIFY((window = Test::waitForNewWindow(*console, window)) != nullptr);
    QCOMPARE(console->session()->sandbox(), sandbox);
    QCOMPARE(console->session()->sandbox()->port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(window->orderModel().rowCount(), orders, 30000);
    cancelFromTheList(window, eligibleOrder(*console->session(), Provider::Antom));
    if (QTest::currentTestFailed())
        return;

    // 3. Restart: the same store, the same sandbox payments; a third cancel.
    const QStringList uqpayIds = console->session()->demoIds().value(Provider::Uqpay);
    console.reset();
    console = startConsole();
    QVERIFY(console);
    window = console->window();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_COMPARE_WITH_TIMEOUT(window->orderModel().rowCount(), orders, 30000);
    QCOMPARE(console->session()->demoIds().value(Provider::Uqpay), uqpayIds);
    // The earlier cancels are still there, in the log and at the "provider".
    QCOMPARE(console->session()->journal().list({}).size(), 2);
    cancelFromTheList(window, eligibleOrder(*console->session(), Provider::Liquido));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(console->session()->journal().list({}).size(), 3);
    for (const Storage::CancelAttempt &a : console->session()->journal().list({})) {
        QCOMPARE(a.state, Storage::AttemptState::Succeeded);
        QCOMPARE(a.operatorName, Config::osUserName());
        QCOMPARE(a.environment, u"sandbox"_s);
    }
}

void TestFirstRun::productionWithNothingConfiguredShowsNoSandboxOrder()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    waitForOrders(*console);
    const QString sandboxStore = console->databasePath(u"sandbox"_s);

    // The operator switches to Production and configures nothing.
    writeConfig("[general]\nenvironment=production\n");
    QVERIFY(restart(*console));
    Ui::MainWindow *window = console->window();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(!console->session()->usesBuiltInSandbox());
    QCOMPARE(console->session()->environment(), u"production"_s);
    QVERIFY(console->session()->database().path() != sandboxStore);
    QTRY_VERIFY(!window->orderModel().isBusy());
    QCOMPARE(window->orderModel().rowCount(), 0);
    QCOMPARE(console->session()->orders().count({}), 0);

    auto *banner = window->findChild<QLabel *>(u"environmentBanner"_s);
    QVERIFY(banner->text().startsWith(u"PRODUCTION"_s));
    QVERIFY2(banner->text().contains(u"No provider is configured"_s), qPrintable(banner->text()));
    for (Provider p : {Provider::Uqpay, Provider::Antom, Provider::Liquido}) {
        auto *status =
            window->findChild<QToolButton *>(u"providerStatus_"_s + Domain::providerKey(p));
        QVERIFY(status);
        QVERIFY2(status->toolTip().contains(u"not configured"_s), qPrintable(status->toolTip()));
    }

    // An order in the production store (imported): a cancel is impossible,
    // and says why, before anything is written to the cancel log.
    Domain::Order order;
    order.provider = Provider::Uqpay;
    order.paymentId = u"PI0000000000000000001"_s;
    order.merchantReference = u"SO-9001"_s;
    order.paymentMethod = u"CARD"_s;
    order.amount = Domain::Money{1250, u"SGD"_s};
    order.rawStatus = u"REQUIRES_PAYMENT_METHOD"_s;
    order.status = Domain::NormStatus::Pending;
    order.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    QVERIFY(console->session()->orders().upsert(order, Storage::StatusSource::Import).ok);
    Q_EMIT console->session()->ordersReset();
    QTRY_COMPARE(window->orderModel().rowCount(), 1);
    window->selectOrder({order.provider, order.paymentId});
    auto *cancel = window->findChild<QAction *>(u"cancelAction"_s);
    QTRY_VERIFY2(cancel->toolTip().contains(u"UQPAY is not configured"_s),
                 qPrintable(cancel->toolTip()));
    const std::optional<Domain::Order> stored =
        console->session()->orders().find(order.provider, order.paymentId);
    QVERIFY(stored);
    QCOMPARE(console->session()->cancels().check(*stored).verdict,
             Services::CancelCheck::Verdict::NotConfigured);
    QVERIFY(console->session()->journal().list({}).isEmpty());

    // Back to the sandbox: its own store, its orders again.
    writeConfig("[general]\nenvironment=sandbox\n");
    QVERIFY(restart(*console));
    QTRY_VERIFY_WITH_TIMEOUT(console->window()->orderModel().rowCount() >= 30, 30000);
    QCOMPARE(console->session()->database().path(), sandboxStore);
}

void TestFirstRun::firstRunPanelSavesTheNameAndTheLanguage()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    Ui::MainWindow *window = console->window();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *panel = window->findChild<QWidget *>(u"firstRunPanel"_s);
    QVERIFY(panel && panel->isVisible());

    // The language, in its own words, applies at once and is remembered.
    auto *language = panel->findChild<QComboBox *>(u"firstRunLanguage"_s);
    QCOMPARE(language->currentData().toString(), u"en"_s);
    language->setFocus();
    QTest::keyClick(language, Qt::Key_Down);
    QCOMPARE(language->currentData().toString(), u"zh_CN"_s);
    QCOMPARE(m_translations.current(), u"zh_CN"_s);
    QCOMPARE(QSettings().value(u"ui/language"_s).toString(), u"zh_CN"_s);
    QVERIFY(window->findChild<QAction *>(u"chineseAction"_s)->isChecked());
    auto *start = panel->findChild<QPushButton *>(u"firstRunStart"_s);
    QTRY_VERIFY2(start->text().contains(u"开始"_s), qPrintable(start->text()));

    // An empty name cannot be accepted; a typed one is saved for the console
    // and the CLI, and used at once.
    auto *name = panel->findChild<QLineEdit *>(u"firstRunOperator"_s);
    name->clear();
    QVERIFY(!start->isEnabled());
    QTest::keyClicks(name, u"Li Lei"_s);
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY(window->findChild<QWidget *>(u"firstRunPanel"_s) == nullptr);
    QCOMPARE(console->session()->operatorName(), u"Li Lei"_s);
    const Config::ConfigLoad load =
        Config::loadConfig(m_home->filePath(u"config/canceldesk.ini"_s));
    QVERIFY2(load.ok(), qPrintable(load.error));
    QCOMPARE(load.config.operatorName, u"Li Lei"_s);

    // Not shown again.
    console.reset();
    console = startConsole();
    QVERIFY(console);
    QVERIFY(console->window()->findChild<QWidget *>(u"firstRunPanel"_s) == nullptr);
    QCOMPARE(console->session()->operatorName(), u"Li Lei"_s);
    QVERIFY(m_translations.apply(u"en"_s));
}

void TestFirstRun::firstRunLanguageFollowsTheLanguageMenu()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    Ui::MainWindow *window = console->window();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *panel = window->findChild<QWidget *>(u"firstRunPanel"_s);
    QVERIFY(panel && panel->isVisible());
    auto *language = panel->findChild<QComboBox *>(u"firstRunLanguage"_s);
    QCOMPARE(language->currentData().toString(), u"en"_s);

    // Language > 中文 in the main window's menu: the panel's combo says so too,
    // and does not offer English as the language in use.
    window->findChild<QAction *>(u"chineseAction"_s)->trigger();
    QCOMPARE(m_translations.current(), u"zh_CN"_s);
    QTRY_COMPARE(language->currentData().toString(), u"zh_CN"_s);
    QCOMPARE(language->currentText(), u"中文"_s);

    // And back to English.
    window->findChild<QAction *>(u"englishAction"_s)->trigger();
    QCOMPARE(m_translations.current(), u"en"_s);
    QTRY_COMPARE(language->currentData().toString(), u"en"_s);
    QCOMPARE(language->currentText(), u"English"_s);
    QVERIFY(window->findChild<QAction *>(u"englishAction"_s)->isChecked());
}

void TestFirstRun::resetSandboxStartsAfreshOnPurpose()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    waitForOrders(*console);
    cancelFromTheList(console->window(), eligibleOrder(*console->session(), Provider::Uqpay));
    if (QTest::currentTestFailed())
        return;
    const QStringList before = console->session()->demoIds().value(Provider::Uqpay);
    QCOMPARE(console->session()->journal().list({}).size(), 1);

    // File > Reset sandbox…, confirmed: new demo payments, an empty log.
    Ui::MainWindow *window = console->window();
    auto *reset = window->findChild<QAction *>(u"resetSandboxAction"_s);
    QVERIFY(reset && reset->isVisible());
    QTimer::singleShot(0, this, [] {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
        QCOMPARE(box->objectName(), u"resetSandboxConfirm"_s);
        box->findChild<QPushButton *>(u"resetSandboxButton"_s)->click();
    });
    reset->trigger();
    // Rebuilding the session restarts the sandbox: slow on a loaded machine.
    QVERIFY(Test::waitForNewWindow(*console, window) != nullptr);
    waitForOrders(*console);
    QVERIFY(console->session()->demoIds().value(Provider::Uqpay) != before);
    QVERIFY(console->session()->journal().list({}).isEmpty());
    cancelFromTheList(console->window(), eligibleOrder(*console->session(), Provider::Uqpay));
}

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
