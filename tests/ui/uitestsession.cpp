#include "uitestsession.h"

#include "domain/cancelreason.h"
#include "mainwindow.h"
#include "services/refreshservice.h"
#include "testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

namespace CancelDesk::Test {

UiTestSession::UiTestSession(const QDateTime &start)
    : m_now(std::make_shared<QDateTime>(start.toUTC()))
{}

UiTestSession::~UiTestSession() = default;

bool UiTestSession::open(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    Ui::SessionOptions options;
    options.config.environment = QStringLiteral("sandbox");
    options.config.operatorName = QStringLiteral("Test Operator");
    options.config.network.timeout = std::chrono::milliseconds(5000);
    options.config.network.maxRetries = 2;
    options.config.network.retryBase = std::chrono::milliseconds(20);
    options.config.network.confirmTimeout = std::chrono::seconds(5);
    options.config.network.pollInterval = std::chrono::milliseconds(50);
    m_location = Test::storeLocation(m_dir, QStringLiteral("canceldesk.sqlite"));
    options.databasePath = m_location;
    options.sandboxStateDir = m_dir.filePath(QStringLiteral("sandbox"));
    const std::shared_ptr<QDateTime> now = m_now;
    options.clock = [now] { return *now; };
    options.liveFeed = m_liveFeed;
    m_session = std::make_unique<Ui::AppSession>(std::move(options));
    return m_session->open(error);
}

bool UiTestSession::loadDemo()
{
    Services::RefreshJob *job = m_session->loadDemoOrders();
    if (!job)
        return false;
    QSignalSpy finished(job, &Services::RefreshJob::finished);
    return finished.wait(30000) || finished.count() > 0;
}

Domain::OrderKey UiTestSession::demo(Domain::Provider provider, int index) const
{
    return {provider, m_session->demoIds().value(provider).value(index)};
}

QList<Storage::CancelAttempt> UiTestSession::attempts(const Domain::OrderKey &order) const
{
    Storage::AttemptFilter filter;
    filter.provider = order.provider;
    filter.paymentId = order.paymentId;
    return m_session->journal().list(filter);
}

void UiTestSession::advance(qint64 seconds)
{
    *m_now = m_now->addSecs(seconds);
}

bool startConsole(Ui::Console &console)
{
    // The secrets are read asynchronously first (the keychain answers over D-Bus).
    QSignalSpy started(&console, &Ui::Console::started);
    QSignalSpy failed(&console, &Ui::Console::failed);
    console.start();
    (void)QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 30000);
    if (started.isEmpty()) {
        qWarning("console did not start: %s",
                 qPrintable(failed.isEmpty() ? QStringLiteral("no answer")
                                             : failed.first().first().toString()));
        return false;
    }
    return true;
}

std::unique_ptr<Ui::Console> startConsoleIn(const QTemporaryDir &home, Ui::SecretStore *secrets,
                                            I18n::Translations *translations)
{
    Ui::ConsoleOptions options;
    options.configPath = home.filePath(QStringLiteral("config/canceldesk.ini"));
    options.dataDir = home.filePath(QStringLiteral("data"));
    options.secrets = secrets;
    options.translations = translations;
    auto console = std::make_unique<Ui::Console>(options);
    if (!startConsole(*console))
        return nullptr;
    return console;
}

Ui::MainWindow *waitForNewWindow(const Ui::Console &console, Ui::MainWindow *old, int timeoutMs)
{
    const QPointer<Ui::MainWindow> watched(old);
    const bool replaced =
        QTest::qWaitFor([&] { return watched.isNull() && console.window() != nullptr; }, timeoutMs);
    if (!replaced) {
        qWarning("the console did not replace its window within %d ms", timeoutMs);
        return nullptr;
    }
    return console.window();
}

QDialog *cancelFromTheList(Ui::MainWindow &window, const Domain::OrderKey &key)
{
    const auto failed = [](const QString &step) {
        qWarning("cancelFromTheList: %s", qPrintable(step));
        return nullptr;
    };
    window.selectOrder(key);
    auto *cancel = window.findChild<QAction *>(QStringLiteral("cancelAction"));
    if (!cancel || !QTest::qWaitFor([cancel] { return cancel->isEnabled(); }))
        return failed(QStringLiteral("the Cancel action stays disabled: ")
                      + (cancel ? cancel->toolTip() : QString()));
    window.orderView().setFocus();
    QTest::keyClick(&window.orderView(), Qt::Key_Delete);
    QDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] {
            dialog = window.findChild<QDialog *>(QStringLiteral("cancelDialog"));
            return dialog && dialog->isVisible();
        }))
        return failed(QStringLiteral("Del opened no cancel dialog"));
    auto *reason = dialog->findChild<QComboBox *>(QStringLiteral("reasonCombo"));
    reason->setCurrentIndex(reason->findData(int(Domain::CancelReason::Duplicate)));
    auto *send = dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    if (!QTest::qWaitFor([send] { return send->isEnabled(); }))
        return failed(QStringLiteral("the dialog's Cancel button stays disabled"));
    QTest::mouseClick(send, Qt::LeftButton);
    if (!QTest::qWaitFor([dialog] { return !dialog->property("outcome").toString().isEmpty(); },
                         30000))
        return failed(QStringLiteral("no outcome within 30 s"));
    return dialog;
}

void typeInto(QWidget &parent, const QString &name, const QString &text)
{
    QLineEdit *edit = findNamed<QLineEdit>(parent, name);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

} // namespace CancelDesk::Test
