// The test PostgreSQL server (tests/support/pgserver.h, plan-issue14 §4.1):
// it starts, the socket trusts the superuser, TCP wants a login's scram
// password, each createDatabase() is a new empty database, stop() leaves
// nothing behind, the server dies with a killed test, and a test in
// postgresql mode aborts (never skips) when there is no server.

#include "pgserver.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>
#include <sys/shm.h>
#include <sys/types.h>

using namespace Qt::Literals::StringLiterals;
using CancelDesk::Test::PgServer;

namespace {

// The test program runs itself with this variable set to play a test that
// aborts or is killed.
constexpr auto kChildVariable = "CANCELDESK_PGSERVER_CHILD";

bool processAlive(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    const char state = close > 0 && close + 2 < text.size() ? text.at(close + 2) : 'X';
    return state != 'Z' && state != 'X'; // a zombie has ended
}

// A QPSQL connection that removes itself.
class Connection
{
public:
    Connection(const QString &host, int port, const QString &user, const QString &password,
               const QString &database = u"postgres"_s)
        : m_name(u"tst-%1"_s.arg(++s_count))
    {
        m_db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_name);
        m_db.setHostName(host);
        m_db.setPort(port);
        m_db.setUserName(user);
        m_db.setPassword(password);
        m_db.setDatabaseName(database);
        m_db.open();
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QString error() const { return m_db.lastError().text(); }
    QVariant value(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql) || !query.next())
            qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return query.value(0);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

// The database name in one of PgServer's URLs.
QString databaseOf(const QString &url)
{
    static const QRegularExpression form(
        u"^postgresql://postgres@/([^?]+)\\?host=(/[^&]+)&port=(\\d+)$"_s);
    const QRegularExpressionMatch match = form.match(url);
    return match.hasMatch() ? match.captured(1) : QString();
}

struct ChildRun
{
    QProcess::ExitStatus status = QProcess::NormalExit;
    int code = 0;
    QString output;
};

ChildRun runChild(const QString &role, const QList<QPair<QString, QString>> &variables)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildVariable), role);
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    if (!child.waitForFinished(60000))
        qFatal("the child test program did not finish");
    return {child.exitStatus(), child.exitCode(), QString::fromUtf8(child.readAll())};
}

} // namespace

class TestPgServer final : public QObject
{
    Q_OBJECT

private:
    PgServer *m_server = nullptr;

    // Runs this program as a test that starts its server and waits.
    static void startServingChild(QProcess *child, qint64 *postmaster, QString *root)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildVariable), u"serve"_s);
        child->setProcessEnvironment(env);
        child->start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child->waitForStarted());
        QString line;
        while (!line.contains(u'\n') && child->waitForReadyRead(60000))
            line += QString::fromUtf8(child->readAllStandardOutput());
        const QStringList ready = line.trimmed().split(u' ');
        QVERIFY2(ready.size() == 3 && ready.at(0) == u"READY"_s,
                 qPrintable(line + QString::fromUtf8(child->readAllStandardError())));
        *postmaster = ready.at(1).toLongLong();
        *root = ready.at(2);
        QVERIFY(processAlive(*postmaster));
        QVERIFY(QFile::exists(*root));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Only the passwords the tests give: no ~/.pgpass, no PGPASSWORD.
        qputenv("PGPASSFILE", "/nonexistent/pgpass");
        qunsetenv("PGPASSWORD");
        m_server = PgServer::instance();
        QElapsedTimer timer;
        timer.start();
        QString error;
        // Fails, never skips: a QSKIP would count as passed.
        QVERIFY2(m_server->start(&error), qPrintable(error));
        qInfo("initdb and start: %lld ms", timer.elapsed());
    }

    void startIsIdempotent()
    {
        const int port = m_server->port();
        const QString root = m_server->rootDir();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QCOMPARE(m_server->port(), port);
        QCOMPARE(m_server->rootDir(), root);
        QVERIFY(m_server->isRunning());
    }

    void urlNamesTheSocketFolderAndPort()
    {
        const QString socket = u"%1/.s.PGSQL.%2"_s.arg(m_server->socketDir()).arg(m_server->port());
        QVERIFY2(QFile::exists(socket), qPrintable(socket));
        QVERIFY(socket.toUtf8().size() < 108);
        QVERIFY(m_server->socketDir().startsWith(m_server->rootDir() + u'/'));
        QCOMPARE(m_server->adminUrl(),
                 u"postgresql://postgres@/postgres?host=%1&port=%2"_s.arg(m_server->socketDir())
                     .arg(m_server->port()));
        QCOMPARE(m_server->urlFor(u"x"_s),
                 u"postgresql://postgres@/x?host=%1&port=%2"_s.arg(m_server->socketDir())
                     .arg(m_server->port()));
        QVERIFY(!m_server->binDir().isEmpty());
    }

    void superuserConnectsOverTheSocketWithoutPassword()
    {
        Connection db(m_server->socketDir(), m_server->port(), u"postgres"_s, {});
        QVERIFY2(db.isOpen(), qPrintable(db.error()));
        QCOMPARE(db.value(u"SELECT current_user"_s).toString(), u"postgres"_s);
        QCOMPARE(db.value(u"SELECT inet_server_addr() IS NULL"_s).toBool(), true); // a socket
        QCOMPARE(db.value(u"SHOW fsync"_s).toString(), u"off"_s);
        QCOMPARE(db.value(u"SHOW max_connections"_s).toString(), u"150"_s);
        QCOMPARE(db.value(u"SHOW server_encoding"_s).toString(), u"UTF8"_s);
        QCOMPARE(db.value(u"SELECT current_setting('server_version_num')::int / 10000"_s).toInt(),
                 15);
    }

    void superuserNeedsAPasswordOverTcp()
    {
        Connection db(u"127.0.0.1"_s, m_server->port(), u"postgres"_s, {});
        QVERIFY(!db.isOpen());
    }

    void loginNeedsItsPasswordOverTcp()
    {
        const QString password = u"pa'ss \"wörd\\"_s;
        QString error;
        QVERIFY2(m_server->createLogin(u"op_tcp"_s, password, &error), qPrintable(error));
        {
            Connection db(u"127.0.0.1"_s, m_server->port(), u"op_tcp"_s, password);
            QVERIFY2(db.isOpen(), qPrintable(db.error()));
            QCOMPARE(db.value(u"SELECT session_user"_s).toString(), u"op_tcp"_s);
            QCOMPARE(db.value(u"SELECT host(inet_server_addr())"_s).toString(), u"127.0.0.1"_s);
        }
        {
            Connection db(u"127.0.0.1"_s, m_server->port(), u"op_tcp"_s, u"wrong"_s);
            QVERIFY(!db.isOpen());
            QVERIFY2(db.error().contains(u"password authentication failed"_s),
                     qPrintable(db.error()));
        }
        {
            Connection db(u"127.0.0.1"_s, m_server->port(), u"op_tcp"_s, {});
            QVERIFY(!db.isOpen());
        }
        Connection admin(m_server->socketDir(), m_server->port(), u"postgres"_s, {});
        QVERIFY2(admin.isOpen(), qPrintable(admin.error()));
        QVERIFY(admin
                    .value(u"SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid "
                           "WHERE rolname = 'op_tcp'"_s)
                    .toBool());
    }

    void createLoginIsRepeatable()
    {
        QString error;
        QVERIFY2(m_server->createLogin(u"op_again"_s, u"one"_s, &error), qPrintable(error));
        QVERIFY2(m_server->createLogin(u"op_again"_s, u"two"_s, &error), qPrintable(error));
        Connection old(u"127.0.0.1"_s, m_server->port(), u"op_again"_s, u"one"_s);
        QVERIFY(!old.isOpen());
        Connection now(u"127.0.0.1"_s, m_server->port(), u"op_again"_s, u"two"_s);
        QVERIFY2(now.isOpen(), qPrintable(now.error()));
    }

    void createDatabaseGivesFreshEmptyDatabases()
    {
        QString error;
        QElapsedTimer timer;
        timer.start();
        const QString first = m_server->createDatabase(&error);
        QVERIFY2(!first.isEmpty(), qPrintable(error));
        const QString second = m_server->createDatabase(&error);
        QVERIFY2(!second.isEmpty(), qPrintable(error));
        qInfo("createDatabase: %lld ms for two", timer.elapsed());
        QVERIFY(first != second);
        const QString firstName = databaseOf(first);
        const QString secondName = databaseOf(second);
        QVERIFY2(!firstName.isEmpty(), qPrintable(first));
        QVERIFY2(!secondName.isEmpty(), qPrintable(second));
        QVERIFY2(QRegularExpression(u"^t_\\d+_%1$"_s.arg(QCoreApplication::applicationPid()))
                     .match(firstName)
                     .hasMatch(),
                 qPrintable(firstName));
        QCOMPARE(first, m_server->urlFor(firstName));

        QVERIFY2(m_server->exec(firstName,
                                u"CREATE TABLE marker (a int); "
                                "INSERT INTO marker VALUES (1), (2)"_s,
                                &error),
                 qPrintable(error));
        const QString tables = u"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"_s;
        Connection one(m_server->socketDir(), m_server->port(), u"postgres"_s, {}, firstName);
        QVERIFY2(one.isOpen(), qPrintable(one.error()));
        QCOMPARE(one.value(tables).toInt(), 1);
        QCOMPARE(one.value(u"SELECT count(*) FROM marker"_s).toInt(), 2);
        QCOMPARE(one.value(u"SELECT pg_get_userbyid(datdba) FROM pg_database "
                           "WHERE datname = current_database()"_s)
                     .toString(),
                 u"postgres"_s);
        Connection two(m_server->socketDir(), m_server->port(), u"postgres"_s, {}, secondName);
        QVERIFY2(two.isOpen(), qPrintable(two.error()));
        QCOMPARE(two.value(tables).toInt(), 0);
    }

    void execReportsTheError()
    {
        QString error;
        QVERIFY(!m_server->exec(u"postgres"_s, u"SELECT no_such_column"_s, &error));
        QVERIFY2(error.contains(u"no_such_column"_s), qPrintable(error));
        QVERIFY(!m_server->exec(u"no_such_database"_s, u"SELECT 1"_s, &error));
        QVERIFY2(error.contains(u"no_such_database"_s), qPrintable(error));
        QVERIFY2(m_server->exec(u"postgres"_s, u"SELECT 1"_s, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
    }

    void startGivesTheReasonWhenTheBinariesAreMissing()
    {
        PgServer broken(u"/nonexistent-pg-bin"_s);
        QString error;
        QVERIFY(!broken.start(&error));
        QVERIFY2(error.contains(u"/nonexistent-pg-bin/"_s), qPrintable(error));
        QVERIFY(!broken.isRunning());
        QVERIFY(broken.createDatabase(&error).isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void storeLocationFollowsTheEngine()
    {
        const QByteArray saved = qgetenv("CANCELDESK_TEST_ENGINE");
        const auto restore = qScopeGuard([&] { qputenv("CANCELDESK_TEST_ENGINE", saved); });
        QTemporaryDir dir;
        qputenv("CANCELDESK_TEST_ENGINE", "");
        QCOMPARE(CancelDesk::Test::engine(), u"sqlite"_s);
        QCOMPARE(CancelDesk::Test::storeLocation(dir, u"x.sqlite"_s), dir.filePath(u"x.sqlite"_s));
        qputenv("CANCELDESK_TEST_ENGINE", "sqlite");
        QCOMPARE(CancelDesk::Test::storeLocation(dir, u"x.sqlite"_s), dir.filePath(u"x.sqlite"_s));
        qputenv("CANCELDESK_TEST_ENGINE", "postgresql");
        QCOMPARE(CancelDesk::Test::engine(), u"postgresql"_s);
        const QString url = CancelDesk::Test::storeLocation(dir, u"x.sqlite"_s);
        const QString name = databaseOf(url);
        QVERIFY2(!name.isEmpty(), qPrintable(url));
        QCOMPARE(url, m_server->urlFor(name));
        Connection db(m_server->socketDir(), m_server->port(), u"postgres"_s, {}, name);
        QVERIFY2(db.isOpen(), qPrintable(db.error()));
    }

    void storeLocationAbortsWhenTheServerCannotStart()
    {
        const ChildRun run =
            runChild(u"storeLocation"_s, {{u"CANCELDESK_TEST_ENGINE"_s, u"postgresql"_s},
                                          {u"CANCELDESK_PG_BINDIR"_s, u"/nonexistent-pg-bin"_s}});
        QVERIFY2(run.status == QProcess::CrashExit || run.code != 0, qPrintable(run.output));
        QVERIFY2(!run.output.contains(u"returned"_s), qPrintable(run.output));
        QVERIFY2(run.output.contains(u"no test database"_s), qPrintable(run.output));
        QVERIFY2(run.output.contains(u"/nonexistent-pg-bin/"_s), qPrintable(run.output));
    }

    void anUnknownEngineAborts()
    {
        const ChildRun run = runChild(u"engine"_s, {{u"CANCELDESK_TEST_ENGINE"_s, u"mysql"_s}});
        QVERIFY2(run.status == QProcess::CrashExit || run.code != 0, qPrintable(run.output));
        QVERIFY2(run.output.contains(u"CANCELDESK_TEST_ENGINE=mysql"_s), qPrintable(run.output));
    }

    void theServerDiesWithAKilledTest()
    {
        QProcess child;
        qint64 postmaster = 0;
        QString root;
        startServingChild(&child, &postmaster, &root);
        if (QTest::currentTestFailed())
            return;

        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        // The kernel sends the postmaster SIGQUIT when its parent dies.
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(postmaster), 30000);
        // Its folder stays until the next start (or this sweep) removes it.
        QVERIFY(QFile::exists(root));
        QVERIFY(PgServer::sweepStale() >= 1);
        QVERIFY(!QFile::exists(root));
    }

    // ctest's timeout kills the test and every process under it with SIGKILL:
    // then postmaster.pid and the server's System V segment stay behind
    // until the next start's sweep.
    void aServerKilledOutrightIsSweptWithItsSharedMemory()
    {
        QProcess child;
        qint64 postmaster = 0;
        QString root;
        startServingChild(&child, &postmaster, &root);
        if (QTest::currentTestFailed())
            return;
        QFile pidFile(root + u"/data/postmaster.pid"_s);
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = pidFile.readAll().split('\n');
        const QList<QByteArray> keyAndId = lines.value(6).simplified().split(' ');
        QCOMPARE(keyAndId.size(), 2);
        const int segment = keyAndId.at(1).toInt();
        shmid_ds info{};
        QCOMPARE(::shmctl(segment, IPC_STAT, &info), 0);

        ::kill(pid_t(postmaster), SIGKILL);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(postmaster), 30000);
        QVERIFY(QFile::exists(pidFile.fileName()));
        QVERIFY(PgServer::sweepStale() >= 1);
        QVERIFY(!QFile::exists(root));
        QCOMPARE(::shmctl(segment, IPC_STAT, &info), -1);
    }

    // Last: it stops the shared server (and starts a new one).
    void stopEndsTheServerAndDeletesItsFolder()
    {
        const QString root = m_server->rootDir();
        const qint64 postmaster = m_server->serverPid();
        QVERIFY(QFile::exists(root));
        QVERIFY(processAlive(postmaster));
        QElapsedTimer timer;
        timer.start();
        m_server->stop();
        qInfo("stop: %lld ms", timer.elapsed());
        QVERIFY(!m_server->isRunning());
        QVERIFY(!processAlive(postmaster));
        QVERIFY(!QFile::exists(root));
        QVERIFY(m_server->rootDir().isEmpty());
        m_server->stop(); // again: nothing to do

        // Lazily started again by the next use, in a new folder.
        QString error;
        const QString url = m_server->createDatabase(&error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        QVERIFY(m_server->rootDir() != root);
        QVERIFY(m_server->isRunning());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray child = qgetenv(kChildVariable);
    if (child == "storeLocation") {
        QTemporaryDir dir;
        const QString where = CancelDesk::Test::storeLocation(dir, u"x.sqlite"_s);
        std::printf("returned %s\n", qPrintable(where));
        return 0;
    }
    if (child == "engine") {
        std::printf("returned %s\n", qPrintable(CancelDesk::Test::engine()));
        return 0;
    }
    if (child == "serve") {
        QString error;
        PgServer *server = PgServer::instance();
        if (!server->start(&error))
            qFatal("%s", qPrintable(error));
        std::printf("READY %lld %s\n", server->serverPid(), qPrintable(server->rootDir()));
        std::fflush(stdout);
        QThread::sleep(120); // killed long before
        return 0;
    }
    TestPgServer test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pgserver.moc"
