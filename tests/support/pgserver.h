#pragma once

#include <QString>

#include <memory>

class QProcess;
class QSqlDatabase;

namespace CancelDesk::Test {

// A throwaway PostgreSQL 15 server for one test process (plan-issue14 §4.1).
//
// start() runs initdb into a fresh /tmp/cdpg-XXXXXX (short: the socket path
// must fit in 107 bytes) and starts `postgres` itself as a child of the test
// process, through `setpriv --pdeathsig QUIT` (and, when the test runs as
// root, --reuid/--regid postgres: the server refuses to run as root). So the
// server never outlives the test, not even one killed with SIGKILL or
// aborted by qFatal: the kernel sends the postmaster SIGQUIT (immediate
// shutdown) when the test's main thread ends. stop() (also run from a
// qAddPostRoutine and the destructor) shuts it down fast and deletes the
// folder; a folder left by a killed test is deleted by the next start()
// anywhere on the machine (sweepStale()).
//
// Auth: the Unix socket trusts everyone (connect as postgres, no password);
// TCP on 127.0.0.1:port() needs a scram-sha-256 password (createLogin()).
// Binaries: /usr/lib/postgresql/15/bin, or $CANCELDESK_PG_BINDIR.
//
// Start and stop on the main thread: the parent-death signal follows the
// thread that started the server. The other calls work from any thread.
class PgServer final
{
public:
    // The one server of this test process; not started until start() or
    // the first createDatabase() / createLogin() / exec().
    static PgServer *instance();

    // A server of its own (tests of this class); binDir empty: the default.
    explicit PgServer(const QString &binDir = {});
    ~PgServer();
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;

    // Idempotent. On failure *error says why, with the tail of the
    // initdb or server log.
    bool start(QString *error = nullptr);
    // Fast shutdown, then the folder is deleted. Idempotent.
    void stop();
    bool isRunning() const;

    // postgresql://postgres@/postgres?host=<socketDir>&port=<port>
    QString adminUrl() const;
    // The same for another database.
    QString urlFor(const QString &database) const;
    QString socketDir() const;
    int port() const;
    QString binDir() const;
    QString rootDir() const;  // /tmp/cdpg-XXXXXX; empty when stopped
    qint64 serverPid() const; // the postmaster; 0 when stopped

    // A new empty database t_<n>_<pid> (TEMPLATE template0, owner postgres);
    // returns its URL, or empty with *error set.
    QString createDatabase(QString *error = nullptr);
    // CREATE ROLE login LOGIN PASSWORD password, or ALTER ROLE when it exists.
    bool createLogin(const QString &login, const QString &password, QString *error = nullptr);
    // Runs sql (one or more statements, results dropped) in database as the
    // superuser over the socket.
    bool exec(const QString &database, const QString &sql, QString *error = nullptr);
    // An open QPSQL connection as postgres over the socket, added under
    // connectionName (the caller removes it), or an invalid one with *error.
    QSqlDatabase connectAsAdmin(const QString &connectionName, const QString &database,
                                QString *error = nullptr);

    // The last lines of the server log (or of initdb's output).
    QString logTail(int lines = 25) const;

    // Deletes /tmp/cdpg-* folders whose test process is gone (stopping a
    // server still running there). Returns how many it deleted.
    static int sweepStale();

private:
    bool startLocked(QString *error);
    void stopLocked();
    bool initDb(QString *error);
    bool launch(int port, bool *bindFailed, QString *error);

    struct State;
    std::unique_ptr<State> d;
};

} // namespace CancelDesk::Test
