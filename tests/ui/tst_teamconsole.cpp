// The console in a team (PRODUCT.md F20-F25, issue 14's "done when"): the
// console started as it runs for an operator (ui/console.h), on a PostgreSQL
// server this test starts, as the login carol over TCP with a scram-sha-256
// password, beside two canceldesk-cli processes as the logins alice and bob.
//
//  - The password: none saved, the login dialog asks; a wrong one is refused
//    and asked again; the right one opens the store and is kept in the secret
//    store; the next start uses it without asking; a stale saved one asks
//    again, and Quit ends the console.
//  - Three logins, one server: alice's CLI asks for a cancel at the threshold
//    (exit 7, nothing sent) and cannot approve it (exit 8); the console shows
//    it in its approvals queue within seconds; carol approves it there and the
//    console sends alice's attempt once, with its key; the log entry names
//    both; a second cancel of an order the console cancelled sends nothing;
//    `log verify` is clean and `log head` is the same from every client.

#include "clirunner.h"
#include "console.h"
#include "dialogs/approvedialog.h"
#include "dialogs/databaselogindialog.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "pgserver.h"
#include "sandboxserver.h"
#include "settings/secretstore.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "uitestsession.h"
#include "views/approvalsdock.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <QUrl>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Test::PgServer;
using Test::Run;

namespace {

constexpr int kArrivesMs = 15000;
constexpr int kOutcomeTimeoutMs = 30000;

template<typename T> T *child(const QObject &parent, const char *name)
{
    auto *w = parent.findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

} // namespace

class TestTeamConsole final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void loginDialogAsksThenThePasswordIsKept();
    void savedPasswordOpensWithoutAsking();
    void staleSavedPasswordAsksAgainAndQuitEnds();
    void consoleIsTheThirdLogin();

private:
    // carol's URL over TCP (a password is needed there).
    QString consoleUrl() const
    {
        return u"postgresql://carol@127.0.0.1:%1/%2"_s.arg(m_server->port()).arg(m_database);
    }
    QString passwordKey() const
    {
        return Ui::databasePasswordKey(
            Storage::DatabaseLocation::parse(consoleUrl()).location.displayName());
    }
    // A console over this test's settings and the secret store, started:
    // waits for started(), failed() or the login dialog.
    std::unique_ptr<Ui::Console> makeConsole();
    bool waitForConsole(Ui::Console &console);
    // The CLI as this login (over the socket, which trusts it), talking to
    // the console's in-process sandbox.
    Run as(const QString &login, QStringList args);

    PgServer *m_server = nullptr;
    QString m_database;
    QTemporaryDir m_home;
    I18n::Translations m_translations;
    Ui::MemorySecretStore m_secrets;
    std::unique_ptr<Ui::Console> m_console;
    std::unique_ptr<QSignalSpy> m_started;
    std::unique_ptr<QSignalSpy> m_failed;
    QString m_announcement;
};

void TestTeamConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    // The console has only what it is given (its secret store, the dialog).
    qunsetenv("PGPASSWORD");
    qputenv("PGPASSFILE", QFile::encodeName(m_home.filePath(u"no-pgpass"_s)));
    m_server = PgServer::instance();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error)); // never a silent skip
    const QString url = m_server->createDatabase(&error);
    QVERIFY2(!url.isEmpty(), qPrintable(error));
    m_database = QUrl(url).path().mid(1);
    for (const QString &login : {u"alice"_s, u"bob"_s, u"carol"_s})
        QVERIFY2(m_server->createLogin(login, u"pw-"_s + login, &error), qPrintable(error));

    QVERIFY(QDir().mkpath(m_home.filePath(u"config"_s)));
    QFile ini(m_home.filePath(u"config/canceldesk.ini"_s));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write(u"[general]\nenvironment=sandbox\noperator=Somebody Else\n"
              "[network]\ntimeout_ms=5000\nmax_retries=2\nretry_base_ms=20\n"
              "[database]\nurl=%1\n"_s.arg(consoleUrl())
                  .toUtf8());
    ini.close();

    // The owner sets the team up with the CLI (the sandbox is not needed).
    m_announcement = m_home.filePath(u"no-announcement.json"_s);
    for (const QStringList &args :
         {QStringList{u"team"_s, u"init"_s},
          {u"team"_s, u"grant"_s, u"alice"_s, u"operator"_s},
          {u"team"_s, u"grant"_s, u"bob"_s, u"approver"_s},
          {u"team"_s, u"grant"_s, u"carol"_s, u"approver"_s},
          // UQPAY demo 0 is 12.50 SGD: its cancel waits for a second person.
          {u"team"_s, u"threshold"_s, u"SGD"_s, u"10.00"_s}}) {
        const Run run = as(u"postgres"_s, args);
        QVERIFY2(run.code == 0, QByteArray(run.out + run.err).constData());
    }
}

void TestTeamConsole::cleanup()
{
    m_console.reset();
    m_started.reset();
    m_failed.reset();
}

std::unique_ptr<Ui::Console> TestTeamConsole::makeConsole()
{
    Ui::ConsoleOptions options;
    options.configPath = m_home.filePath(u"config/canceldesk.ini"_s);
    options.dataDir = m_home.filePath(u"data"_s);
    options.secrets = &m_secrets;
    options.translations = &m_translations;
    auto console = std::make_unique<Ui::Console>(options);
    m_started = std::make_unique<QSignalSpy>(console.get(), &Ui::Console::started);
    m_failed = std::make_unique<QSignalSpy>(console.get(), &Ui::Console::failed);
    return console;
}

bool TestTeamConsole::waitForConsole(Ui::Console &console)
{
    return QTest::qWaitFor(
        [&] {
            return !m_started->isEmpty() || !m_failed->isEmpty()
                   || (console.loginDialog() && console.loginDialog()->isVisible());
        },
        30000);
}

Run TestTeamConsole::as(const QString &login, QStringList args)
{
    args.prepend(u"--json"_s);
    const QString url = m_server->urlFor(m_database).replace(u"postgres@"_s, login + u'@');
    return Test::runCli(args, m_announcement, m_home.path(),
                        m_home.filePath(u"config/canceldesk.ini"_s), url,
                        Test::Wait::ServingEvents);
}

void TestTeamConsole::loginDialogAsksThenThePasswordIsKept()
{
    QVERIFY(!m_secrets.contains(passwordKey()));
    m_console = makeConsole();
    m_console->start();
    QVERIFY(waitForConsole(*m_console));
    Ui::DatabaseLoginDialog *dialog = m_console->loginDialog();
    QVERIFY2(dialog, m_failed->isEmpty() ? "started without a password"
                                         : qPrintable(m_failed->first().first().toString()));
    QCOMPARE(child<QLabel>(*dialog, "databaseLoginHeadline")->text(),
             u"The team database needs the password of carol."_s);
    QCOMPARE(child<QLabel>(*dialog, "databaseLoginLocation")->text(),
             Storage::DatabaseLocation::parse(consoleUrl()).location.displayName());
    auto *connectButton = child<QPushButton>(*dialog, "connectButton");
    QVERIFY(!connectButton->isEnabled()); // nothing typed: nothing new to try

    // A wrong password: refused, asked again, nothing kept.
    QTest::keyClicks(child<QLineEdit>(*dialog, "databasePassword"), u"pw-wrong"_s);
    QVERIFY(child<QCheckBox>(*dialog, "rememberPassword")->isChecked());
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_VERIFY(m_console->loginDialog() && m_console->loginDialog() != dialog
                && m_console->loginDialog()->isVisible());
    dialog = m_console->loginDialog();
    QCOMPARE(child<QLabel>(*dialog, "databaseLoginHeadline")->text(),
             u"The team database did not accept the password of carol."_s);
    const QString detail = child<QLabel>(*dialog, "databaseLoginDetail")->text();
    QVERIFY2(detail.contains(u"password authentication failed"_s), qPrintable(detail));
    QVERIFY2(!detail.contains(u"pw-"_s), qPrintable(detail));
    QVERIFY(m_started->isEmpty());
    QVERIFY(!m_secrets.contains(passwordKey()));

    // The right one: the console opens as carol, and keeps it.
    QTest::keyClicks(child<QLineEdit>(*dialog, "databasePassword"), u"pw-carol"_s);
    QTest::mouseClick(child<QPushButton>(*dialog, "connectButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_started->size(), 1, 30000);
    QVERIFY(m_failed->isEmpty());
    QVERIFY(!m_console->loginDialog());
    QCOMPARE(m_console->session()->teamLogin(), u"carol"_s);
    QTRY_COMPARE(m_secrets.read(passwordKey()), "pw-carol"_ba);
    // Nowhere else: not in the settings file.
    QFile ini(m_home.filePath(u"config/canceldesk.ini"_s));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("pw-carol"));
}

void TestTeamConsole::savedPasswordOpensWithoutAsking()
{
    QCOMPARE(m_secrets.read(passwordKey()), "pw-carol"_ba);
    m_console = makeConsole();
    m_console->start();
    QVERIFY(waitForConsole(*m_console));
    QVERIFY2(m_started->size() == 1,
             m_console->loginDialog() ? qPrintable(
                 child<QLabel>(*m_console->loginDialog(), "databaseLoginDetail")->text())
                                      : "failed");
    QCOMPARE(m_console->session()->teamLogin(), u"carol"_s);
}

void TestTeamConsole::staleSavedPasswordAsksAgainAndQuitEnds()
{
    QString error;
    QVERIFY(m_secrets.write(passwordKey(), "pw-changed-since", &error));
    m_console = makeConsole();
    m_console->start();
    QVERIFY(waitForConsole(*m_console));
    Ui::DatabaseLoginDialog *dialog = m_console->loginDialog();
    QVERIFY(dialog);
    QVERIFY2(child<QLabel>(*dialog, "databaseLoginHeadline")
                 ->text()
                 .startsWith(u"The team database did not accept the saved password of carol."_s),
             qPrintable(child<QLabel>(*dialog, "databaseLoginHeadline")->text()));
    QTest::mouseClick(child<QPushButton>(*dialog, "quitButton"), Qt::LeftButton);
    QTRY_COMPARE(m_failed->size(), 1);
    QVERIFY(m_failed->first().first().toString().isEmpty()); // nothing more to say
    QVERIFY(m_started->isEmpty());
    QVERIFY(!m_console->window());
    QVERIFY(m_secrets.write(passwordKey(), "pw-carol", &error)); // for the next case
}

void TestTeamConsole::consoleIsTheThirdLogin()
{
    m_console = makeConsole();
    m_console->start();
    QVERIFY(waitForConsole(*m_console));
    QCOMPARE(m_started->size(), 1);
    Ui::MainWindow *window = m_console->window();
    Ui::AppSession *session = m_console->session();
    QVERIFY(window && session && session->sandbox());
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QCOMPARE(session->teamLogin(), u"carol"_s);

    // The CLIs talk to the console's own sandbox.
    m_announcement = m_home.filePath(u"announcement.json"_s);
    {
        QFile f(m_announcement);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        f.write(QJsonDocument(session->sandbox()->config()).toJson(QJsonDocument::Compact) + '\n');
    }
    QSignalSpy served(session->sandbox(), &Sandbox::SandboxServer::requestServed);
    // The cancels the sandbox acted on. One refused at the door (401: each
    // process's token replaces the one before, as UQPAY's do) is sent again
    // with the same key, and is not one.
    const auto cancelsSent = [&served](const QString &paymentId) {
        int n = 0;
        for (const QList<QVariant> &request : std::as_const(served)) {
            const QString path = request.at(1).toString();
            n += path.contains(u"cancel"_s) && path.contains(paymentId)
                         && request.at(2).toInt() < 400
                     ? 1
                     : 0;
        }
        return n;
    };
    const QString waiting = session->demoIds().value(Domain::Provider::Uqpay).value(0);
    QVERIFY(!waiting.isEmpty());
    const Domain::OrderKey waitingKey{Domain::Provider::Uqpay, waiting};
    QTRY_VERIFY_WITH_TIMEOUT(window->orderModel().rowOf(waitingKey) >= 0, 30000);

    // alice asks (her CLI): it waits for a second person; nothing is sent.
    Run run = as(u"alice"_s, {u"cancel"_s, waiting, u"--reason"_s, u"duplicate"_s, u"--yes"_s});
    QVERIFY2(run.code == 7, QByteArray(run.out + run.err).constData());
    const qint64 attempt = Test::json(run).value(u"attempt_id"_s).toInteger();
    QVERIFY(attempt > 0);
    QCOMPARE(cancelsSent(waiting), 0);
    // She cannot approve it herself (the database refuses).
    run = as(u"alice"_s, {u"approve"_s, QString::number(attempt), u"--yes"_s});
    QVERIFY2(run.code == 8, QByteArray(run.out + run.err).constData());

    // carol's console shows it, live, in the queue and in the status bar.
    auto *count = child<QLabel>(*window, "approvalsCount");
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().contains(u"Approvals waiting: 1"_s),
                              qPrintable(count->text()), kArrivesMs);
    auto &dock = *child<Ui::ApprovalsDock>(*window, "approvalsDock");
    dock.show();
    auto &table = *child<QTableView>(*window, "approvalsTable");
    QTRY_COMPARE(table.model()->rowCount(), 1);
    QTest::mouseClick(table.viewport(), Qt::LeftButton, {},
                      table.visualRect(table.model()->index(0, 0)).center());
    auto *approve = child<QPushButton>(dock, "approveButton");
    QTRY_VERIFY2(approve->isEnabled(), qPrintable(approve->toolTip()));
    QTest::mouseClick(approve, Qt::LeftButton);
    Ui::ApproveDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<Ui::ApproveDialog *>(u"approveDialog"_s))
                && dialog->isVisible());
    QCOMPARE(child<QLabel>(*dialog, "requesterValue")->text(), u"alice"_s);
    QTest::mouseClick(child<QPushButton>(*dialog, "approveButton"), Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = dialog->findChild<QMessageBox *>(u"approveConfirmation"_s))
                && confirm->isVisible());
    QTest::mouseClick(child<QPushButton>(*confirm, "confirmApproveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    QCOMPARE(cancelsSent(waiting), 1);
    child<QPushButton>(*dialog, "closeButton")->click();
    QTRY_VERIFY(!window->findChild<Ui::ApproveDialog *>(u"approveDialog"_s));

    // The journal: alice's attempt, sent once with its key, approved by carol.
    Storage::AttemptFilter filter;
    filter.provider = Domain::Provider::Uqpay;
    filter.paymentId = waiting;
    const QList<Storage::CancelAttempt> attempts = session->journal().list(filter);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().id, attempt);
    QCOMPARE(attempts.first().state, Storage::AttemptState::Succeeded);
    QCOMPARE(attempts.first().operatorName, u"alice"_s);
    QCOMPARE(attempts.first().approver, u"carol"_s);
    QCOMPARE(attempts.first().tries, 1);
    // bob's export says the same.
    const QString out = m_home.filePath(u"log.jsonl"_s);
    run = as(u"bob"_s, {u"log"_s, u"export"_s, u"--out"_s, out, u"--format"_s, u"jsonl"_s});
    QVERIFY2(run.code == 0, QByteArray(run.out + run.err).constData());
    int rows = 0;
    for (const QJsonObject &row : Test::jsonLines(out)) {
        if (row.value(u"attempt_id"_s).toInteger() != attempt)
            continue;
        ++rows;
        QCOMPARE(row.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QCOMPARE(row.value(u"operator"_s).toString(), u"alice"_s);
    }
    QCOMPARE(rows, 1);

    // An order the console cancelled is not cancelled again by a CLI.
    // UQPAY demo 1: 99.00 USD, no threshold for USD.
    const QString other = session->demoIds().value(Domain::Provider::Uqpay).value(1);
    const Domain::OrderKey otherKey{Domain::Provider::Uqpay, other};
    QTRY_VERIFY(window->orderModel().rowOf(otherKey) >= 0);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QDialog *cancel = Test::cancelFromTheList(*window, otherKey);
    QVERIFY(cancel);
    QCOMPARE(cancel->property("outcome").toString(), u"succeeded"_s);
    cancel->close();
    const int sentBefore = cancelsSent(other);
    QCOMPARE(sentBefore, 1);
    run = as(u"bob"_s, {u"cancel"_s, other, u"--reason"_s, u"duplicate"_s, u"--yes"_s});
    QVERIFY2(run.code != 0, run.out);
    QCOMPARE(cancelsSent(other), sentBefore);

    // One chain for the team: it verifies, and every client sees the same head.
    run = as(u"bob"_s, {u"log"_s, u"verify"_s});
    QVERIFY2(run.code == 0, QByteArray(run.out + run.err).constData());
    const Run aliceHead = as(u"alice"_s, {u"log"_s, u"head"_s});
    const Run bobHead = as(u"bob"_s, {u"log"_s, u"head"_s});
    QCOMPARE(aliceHead.code, 0);
    QCOMPARE(bobHead.code, 0);
    const auto consoleHead = session->journal().head();
    QVERIFY(consoleHead);
    QCOMPARE(Test::json(aliceHead), consoleHead->toJson());
    QCOMPARE(Test::json(bobHead), consoleHead->toJson());
    QVERIFY(consoleHead->seq > 0);
}

QTEST_MAIN(TestTeamConsole)
#include "tst_teamconsole.moc"
