#include "pgserver.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QMutex>
#include <QProcess>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <pwd.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace CancelDesk::Test {

namespace {

constexpr auto kDefaultBinDir = "/usr/lib/postgresql/15/bin";
constexpr auto kDirPrefix = "cdpg-";
constexpr auto kOwnerFile = "owner";
constexpr auto kServerLog = "server.log";
constexpr auto kInitDbLog = "initdb.log";
constexpr int kPortAttempts = 3;
constexpr int kReadySeconds = 30;
constexpr int kInitDbSeconds = 120;

QString quotedIdentifier(const QString &name)
{
    return u'"' + QString(name).replace(u'"', u"\"\""_s) + u'"';
}

QString quotedLiteral(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', u"''"_s) + u'\'';
}

QString tailOf(const QString &path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return all.mid(qMax(0, all.size() - lines)).join(u'\n');
}

// Field 22 of /proc/<pid>/stat (start time in clock ticks), with the state;
// empty when there is no such process. A zombie counts as gone.
QString processStartTime(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // fields[0] is field 3 (state); field 22 is fields[19].
    if (fields.size() < 20 || fields.at(0) == "Z" || fields.at(0) == "X")
        return {};
    return QString::fromLatin1(fields.at(19));
}

bool processAlive(qint64 pid)
{
    return pid > 0 && !processStartTime(pid).isEmpty();
}

void removeSharedMemory(const QByteArray &keyAndId)
{
    const QList<QByteArray> fields = keyAndId.simplified().split(' ');
    bool keyOk = false;
    bool idOk = false;
    const qint64 key = fields.value(0).toLongLong(&keyOk);
    const int id = fields.value(1).toInt(&idOk);
    if (fields.size() != 2 || !keyOk || !idOk || key == 0)
        return;
    shmid_ds info{};
    if (::shmctl(id, IPC_STAT, &info) == 0 && qint64(info.shm_perm.__key) == key)
        ::shmctl(id, IPC_RMID, nullptr);
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const int port = probe.serverPort();
    probe.close();
    return port;
}

struct PostgresUser
{
    uid_t uid = 0;
    gid_t gid = 0;
    bool found = false;
};

PostgresUser postgresUser()
{
    PostgresUser user;
    if (const passwd *pw = ::getpwnam("postgres")) {
        user.uid = pw->pw_uid;
        user.gid = pw->pw_gid;
        user.found = true;
    }
    return user;
}

bool onMainThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return !app || QThread::currentThread() == app->thread();
}

std::atomic<PgServer *> g_instance{nullptr};

void stopInstanceAtExit()
{
    if (PgServer *server = g_instance.load())
        server->stop();
}

} // namespace

struct PgServer::State
{
    mutable QMutex mutex;
    QString binDir;
    QString root;
    QString dataDir;
    QString sockDir;
    int port = 0;
    std::unique_ptr<QProcess> postgres;
    bool asRoot = false;
    PostgresUser user;
    QString lastLog; // which log logTail() reads
    QAtomicInteger<int> databases = 0;
    QAtomicInteger<int> connections = 0;
};

PgServer *PgServer::instance()
{
    // A function-local static: its destructor stops the server when the
    // test exits without a QCoreApplication (qAddPostRoutine covers the rest).
    static PgServer server;
    g_instance.store(&server);
    return &server;
}

PgServer::PgServer(const QString &binDir)
    : d(std::make_unique<State>())
{
    d->binDir = binDir;
    if (d->binDir.isEmpty())
        d->binDir = qEnvironmentVariable("CANCELDESK_PG_BINDIR");
    if (d->binDir.isEmpty())
        d->binDir = QString::fromLatin1(kDefaultBinDir);
}

PgServer::~PgServer()
{
    stop();
    PgServer *self = this;
    g_instance.compare_exchange_strong(self, nullptr);
}

bool PgServer::start(QString *error)
{
    QMutexLocker lock(&d->mutex);
    QString why;
    const bool ok = startLocked(&why);
    if (error)
        *error = why;
    return ok;
}

bool PgServer::isRunning() const
{
    QMutexLocker lock(&d->mutex);
    return d->postgres && d->postgres->state() == QProcess::Running;
}

bool PgServer::startLocked(QString *error)
{
    if (d->postgres) {
        if (d->postgres->state() == QProcess::Running && processAlive(d->postgres->processId()))
            return true;
        const QString tail = logTail(25);
        stopLocked();
        *error = u"the test PostgreSQL server has stopped by itself; its log ends:\n"_s + tail;
        return false;
    }
    if (!onMainThread()) {
        *error = u"start the test PostgreSQL server on the main thread (its parent-death "
                 "signal follows the thread that starts it)"_s;
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        *error = u"Qt's PostgreSQL driver QPSQL is missing (Debian: libqt6sql6-psql)"_s;
        return false;
    }
    for (const char *tool : {"initdb", "postgres"}) {
        const QString path = QDir(d->binDir).filePath(QString::fromLatin1(tool));
        if (!QFileInfo(path).isExecutable()) {
            *error =
                u"no PostgreSQL %1 at %2 (install postgresql, or set CANCELDESK_PG_BINDIR)"_s.arg(
                    QString::fromLatin1(tool), path);
            return false;
        }
    }
    if (QStandardPaths::findExecutable(u"setpriv"_s).isEmpty()) {
        *error = u"setpriv (util-linux) is not on PATH"_s;
        return false;
    }
    d->asRoot = ::geteuid() == 0;
    if (d->asRoot) {
        d->user = postgresUser();
        if (!d->user.found) {
            *error = u"running as root, but there is no postgres user to run the server as"_s;
            return false;
        }
    }

    sweepStale();

    QByteArray pattern = QByteArray("/tmp/") + kDirPrefix + "XXXXXX";
    if (!::mkdtemp(pattern.data())) {
        *error = u"mkdtemp %1 failed: %2"_s.arg(QString::fromLatin1(pattern),
                                                QString::fromLocal8Bit(::strerror(errno)));
        return false;
    }
    d->root = QString::fromLocal8Bit(pattern);
    d->dataDir = d->root + u"/data"_s;
    d->sockDir = d->root + u"/sock"_s;
    {
        // "<pid> <start time>" of this test, for sweepStale(); written whole
        // (QSaveFile renames it into place) so a sweep never reads half of it.
        QSaveFile owner(d->root + u'/' + QLatin1StringView(kOwnerFile));
        const qint64 pid = QCoreApplication::applicationPid();
        if (!owner.open(QIODevice::WriteOnly)
            || owner.write(u"%1 %2\n"_s.arg(pid).arg(processStartTime(pid)).toLatin1()) < 0
            || !owner.commit()) {
            *error = u"cannot write %1"_s.arg(owner.fileName());
            stopLocked();
            return false;
        }
    }
    if (!QDir().mkdir(d->sockDir)) {
        *error = u"cannot create %1"_s.arg(d->sockDir);
        stopLocked();
        return false;
    }
    if (d->asRoot) {
        for (const QString &path : {d->root, d->sockDir}) {
            if (::chown(QFile::encodeName(path).constData(), d->user.uid, d->user.gid) != 0) {
                *error = u"chown %1 to postgres failed: %2"_s.arg(
                    path, QString::fromLocal8Bit(::strerror(errno)));
                stopLocked();
                return false;
            }
        }
    }

    if (!initDb(error)) {
        stopLocked();
        return false;
    }
    for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
        const int port = freePort();
        if (port == 0) {
            *error = u"cannot find a free TCP port on 127.0.0.1"_s;
            continue;
        }
        bool bindFailed = false;
        if (launch(port, &bindFailed, error))
            break;
        if (!bindFailed || attempt == kPortAttempts) {
            stopLocked();
            return false;
        }
    }
    if (!d->postgres) {
        stopLocked();
        return false;
    }
    static bool postRoutineAdded = false;
    if (this == g_instance.load() && !postRoutineAdded && QCoreApplication::instance()) {
        qAddPostRoutine(stopInstanceAtExit);
        postRoutineAdded = true;
    }
    return true;
}

// Runs a PostgreSQL tool (as postgres when root) with the parent-death
// signal set, in the server folder, with C messages.
static void prepare(QProcess *process, const QString &program, const QStringList &arguments,
                    bool asRoot, const QString &workDir)
{
    QStringList args;
    if (asRoot)
        args << u"--reuid=postgres"_s << u"--regid=postgres"_s << u"--init-groups"_s;
    args << u"--pdeathsig=QUIT"_s << u"--"_s << program << arguments;
    process->setProgram(QStandardPaths::findExecutable(u"setpriv"_s));
    process->setArguments(args);
    process->setWorkingDirectory(workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C"_s);
    env.remove(u"PGDATA"_s);
    env.remove(u"PGOPTIONS"_s);
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::MergedChannels);
}

bool PgServer::initDb(QString *error)
{
    const QString log = d->root + u'/' + QLatin1StringView(kInitDbLog);
    d->lastLog = log;
    QProcess initdb;
    prepare(&initdb, QDir(d->binDir).filePath(u"initdb"_s),
            {u"-D"_s, d->dataDir, u"-U"_s, u"postgres"_s, u"--auth-local=trust"_s,
             u"--auth-host=scram-sha-256"_s, u"--no-sync"_s, u"-E"_s, u"UTF8"_s, u"--locale=C"_s},
            d->asRoot, d->root);
    initdb.setStandardOutputFile(log);
    initdb.start();
    if (!initdb.waitForStarted()) {
        *error = u"cannot run initdb: %1"_s.arg(initdb.errorString());
        return false;
    }
    if (!initdb.waitForFinished(kInitDbSeconds * 1000)) {
        initdb.kill();
        initdb.waitForFinished();
        *error = u"initdb took more than %1 s; its output ends:\n%2"_s.arg(kInitDbSeconds)
                     .arg(tailOf(log, 25));
        return false;
    }
    if (initdb.exitStatus() != QProcess::NormalExit || initdb.exitCode() != 0) {
        *error = u"initdb failed (exit %1); its output ends:\n%2"_s.arg(initdb.exitCode())
                     .arg(tailOf(log, 25));
        return false;
    }
    return true;
}

bool PgServer::launch(int port, bool *bindFailed, QString *error)
{
    const QString log = d->root + u'/' + QLatin1StringView(kServerLog);
    d->lastLog = log;
    auto postgres = std::make_unique<QProcess>();
    prepare(postgres.get(), QDir(d->binDir).filePath(u"postgres"_s),
            {u"-D"_s, d->dataDir, u"-p"_s, QString::number(port), u"-k"_s, d->sockDir, u"-c"_s,
             u"listen_addresses=127.0.0.1"_s, u"-c"_s, u"fsync=off"_s, u"-c"_s,
             u"synchronous_commit=off"_s, u"-c"_s, u"full_page_writes=off"_s, u"-c"_s,
             u"max_connections=150"_s, u"-c"_s, u"shared_buffers=32MB"_s},
            d->asRoot, d->root);
    postgres->setStandardOutputFile(log, QIODevice::Append);
    postgres->start();
    if (!postgres->waitForStarted()) {
        *error = u"cannot run postgres: %1"_s.arg(postgres->errorString());
        return false;
    }
    const qint64 pid = postgres->processId();
    const QString pidFile = d->dataDir + u"/postmaster.pid"_s;
    QDeadlineTimer deadline(kReadySeconds * 1000);
    while (true) {
        // postmaster.pid line 8 says "ready" once connections are accepted
        // (what pg_ctl -w waits for).
        QFile file(pidFile);
        if (file.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = file.readAll().split('\n');
            if (lines.size() >= 8 && lines.at(0).trimmed().toLongLong() == pid
                && lines.at(7).trimmed() == "ready")
                break;
        }
        if (postgres->waitForFinished(20)) {
            const QString tail = tailOf(log, 25);
            *bindFailed = tail.contains(u"could not bind"_s)
                          || tail.contains(u"could not create any TCP/IP sockets"_s);
            *error = u"postgres exited while starting on port %1 (exit %2); its log ends:\n%3"_s
                         .arg(port)
                         .arg(postgres->exitCode())
                         .arg(tail);
            return false;
        }
        if (deadline.hasExpired()) {
            ::kill(pid_t(pid), SIGQUIT);
            postgres->waitForFinished(5000);
            *error = u"postgres was not ready after %1 s on port %2; its log ends:\n%3"_s
                         .arg(kReadySeconds)
                         .arg(port)
                         .arg(tailOf(log, 25));
            return false;
        }
    }
    d->port = port;
    d->postgres = std::move(postgres);
    return true;
}

void PgServer::stop()
{
    QMutexLocker lock(&d->mutex);
    stopLocked();
}

void PgServer::stopLocked()
{
    if (d->postgres) {
        const pid_t pid = pid_t(d->postgres->processId());
        if (d->postgres->state() != QProcess::NotRunning) {
            // SIGINT: fast shutdown (backends end, a checkpoint, exit).
            ::kill(pid, SIGINT);
            if (!d->postgres->waitForFinished(30000)) {
                ::kill(pid, SIGQUIT);
                if (!d->postgres->waitForFinished(5000)) {
                    d->postgres->kill();
                    d->postgres->waitForFinished(5000);
                }
            }
        }
        d->postgres.reset();
    }
    if (!d->root.isEmpty())
        QDir(d->root).removeRecursively();
    d->root.clear();
    d->dataDir.clear();
    d->sockDir.clear();
    d->port = 0;
}

QString PgServer::urlFor(const QString &database) const
{
    QMutexLocker lock(&d->mutex);
    return u"postgresql://postgres@/%1?host=%2&port=%3"_s.arg(database, d->sockDir).arg(d->port);
}

QString PgServer::adminUrl() const
{
    return urlFor(u"postgres"_s);
}

QString PgServer::socketDir() const
{
    QMutexLocker lock(&d->mutex);
    return d->sockDir;
}

int PgServer::port() const
{
    QMutexLocker lock(&d->mutex);
    return d->port;
}

QString PgServer::binDir() const
{
    return d->binDir;
}

QString PgServer::rootDir() const
{
    QMutexLocker lock(&d->mutex);
    return d->root;
}

qint64 PgServer::serverPid() const
{
    QMutexLocker lock(&d->mutex);
    return d->postgres ? d->postgres->processId() : 0;
}

QString PgServer::logTail(int lines) const
{
    return tailOf(d->lastLog, lines);
}

QSqlDatabase PgServer::connectAsAdmin(const QString &connectionName, const QString &database,
                                      QString *error)
{
    QString sockDir;
    int port = 0;
    {
        QMutexLocker lock(&d->mutex);
        QString why;
        if (!startLocked(&why)) {
            if (error)
                *error = why;
            return {};
        }
        sockDir = d->sockDir;
        port = d->port;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(sockDir);
    db.setPort(port);
    db.setUserName(u"postgres"_s);
    db.setDatabaseName(database);
    if (!db.open()) {
        if (error)
            *error = u"cannot connect to %1 as postgres: %2"_s.arg(database, db.lastError().text());
        return db;
    }
    return db;
}

bool PgServer::exec(const QString &database, const QString &sql, QString *error)
{
    const QString name = u"cdpg-admin-%1"_s.arg(d->connections.fetchAndAddRelaxed(1));
    QString why;
    bool ok = false;
    {
        QSqlDatabase db = connectAsAdmin(name, database, &why);
        if (db.isOpen()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                why = u"%1 failed: %2"_s.arg(sql.left(200), query.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (error)
        *error = ok ? QString() : why;
    return ok;
}

QString PgServer::createDatabase(QString *error)
{
    // FILE_COPY: copying template0's files is about twice as fast here as
    // PostgreSQL 15's default WAL_LOG (0.06-0.1 s against 0.1-0.2 s; fsync is off).
    const QString name = u"t_%1_%2"_s.arg(d->databases.fetchAndAddRelaxed(1) + 1)
                             .arg(QCoreApplication::applicationPid());
    if (!exec(
            u"postgres"_s,
            u"CREATE DATABASE %1 TEMPLATE template0 OWNER postgres STRATEGY FILE_COPY"_s.arg(name),
            error))
        return {};
    return urlFor(name);
}

bool PgServer::createLogin(const QString &login, const QString &password, QString *error)
{
    const QString sql = uR"(DO $cdpg$ BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = %1) THEN
    ALTER ROLE %2 LOGIN PASSWORD %3;
  ELSE
    CREATE ROLE %2 LOGIN PASSWORD %3;
  END IF;
END $cdpg$)"_s;
    if (password.contains(u"$cdpg$"_s) || login.contains(u"$cdpg$"_s)) {
        if (error)
            *error = u"login or password contains $cdpg$"_s;
        return false;
    }
    return exec(u"postgres"_s,
                sql.arg(quotedLiteral(login), quotedIdentifier(login), quotedLiteral(password)),
                error);
}

int PgServer::sweepStale()
{
    int removed = 0;
    const QDir tmp(u"/tmp"_s);
    const QStringList dirs = tmp.entryList({QLatin1StringView(kDirPrefix) + u'*'},
                                           QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &name : dirs) {
        const QString root = tmp.filePath(name);
        QFile owner(root + u'/' + QLatin1StringView(kOwnerFile));
        if (!owner.open(QIODevice::ReadOnly))
            continue; // not made by PgServer, or being made right now: not ours to judge
        const QStringList fields = QString::fromLatin1(owner.readAll()).simplified().split(u' ');
        const qint64 ownerPid = fields.value(0).toLongLong();
        if (ownerPid <= 0)
            continue; // unreadable: leave it
        const QString started = processStartTime(ownerPid);
        if (!started.isEmpty() && (fields.value(1).isEmpty() || started == fields.value(1)))
            continue; // its test is still running
        // Its test is gone. A postmaster should have gone with it; if one
        // is still there (no parent-death signal), stop it first.
        QFile pidFile(root + u"/data/postmaster.pid"_s);
        if (pidFile.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = pidFile.readAll().split('\n');
            const qint64 pid = lines.value(0).trimmed().toLongLong();
            const QByteArray dataDir = lines.value(1).trimmed();
            if (processAlive(pid) && QString::fromLocal8Bit(dataDir) == root + u"/data"_s) {
                ::kill(pid_t(pid), SIGQUIT);
                QDeadlineTimer deadline(10000);
                while (processAlive(pid) && !deadline.hasExpired())
                    QThread::msleep(20);
            }
            // A postmaster killed outright (ctest's timeout sends SIGKILL to
            // the whole tree) leaves its postmaster.pid and its small System V
            // segment (line 7: key and id); remove that segment too.
            if (!processAlive(pid))
                removeSharedMemory(lines.value(6));
        }
        if (QDir(root).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace CancelDesk::Test
