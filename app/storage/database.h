#pragma once

#include "databaselocation.h"

#include <QDateTime>
#include <QHash>
#include <QMetaObject>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <atomic>

class QThread;

namespace CancelDesk::Storage {

// The engine behind a store: the embedded SQLite file, or a team's PostgreSQL
// database (PRODUCT.md §12). Statements that differ between the two are chosen
// in app/storage, by the connection's engine; services never see SQL.
using Engine = DatabaseLocation::Engine;

// The engine a connection talks to (by its Qt driver).
Engine engineOf(const QSqlDatabase &db);

// The store behind the order store and the cancel journal: a SQLite file (the
// default) or a team's PostgreSQL database (DatabaseLocation).
//
// One named connection per thread (QSqlDatabase connections must not cross
// threads). SQLite's are opened with WAL, busy_timeout, foreign keys and
// synchronous=FULL (a journaled cancel must survive a power cut);
// PostgreSQL's with the canceldesk schema on the search path, UTC and a lock
// wait (EngineSql). A PostgreSQL connection that was lost is opened again by
// the next connection() of its thread. The schema is migrated with the
// numbered scripts in :/migrations/<engine> (resources/migrations/<engine>/
// NNNN_name.sql, the same versions on both engines); its version is kept in
// PRAGMA user_version or in canceldesk.schema_version.
class Database final
{
public:
    // A SQLite file path or a postgresql:// URL (DatabaseLocation::parse); a
    // URL that cannot be used makes open() fail with the parser's message.
    explicit Database(const QString &location);
    explicit Database(const DatabaseLocation &location);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // The team database's password (PostgreSQL) when the caller has one: the
    // console's, from the OS keychain or typed into its login dialog. Set
    // before open(); every connection of this store uses it. Empty (the
    // default): libpq reads PGPASSWORD or ~/.pgpass. Never in a message.
    void setPassword(const QString &password);

    // Opens the file (creating it and its folder) and migrates to the latest
    // schema. On failure returns false and a translated message in *error.
    bool open(QString *error);

    // Why the last open() failed (Storage::OpenFailure).
    OpenFailure openFailure() const { return m_openFailure; }
    // Opens and migrates only up to targetVersion; tests use this to build a
    // database as an earlier release left it.
    bool openAtVersion(int targetVersion, QString *error);

    static int latestSchemaVersion();
    int schemaVersion() const;
    Engine engine() const { return m_location.engine; }
    const DatabaseLocation &location() const { return m_location; }
    // SQLite: the file; PostgreSQL: the URL without any secret. For messages
    // and keys, never to connect with.
    QString path() const { return m_location.displayName(); }

    // The calling thread's connection, opened on first use. It is closed and
    // removed when that thread finishes (or with the Database). Threads that use
    // it must be finished before the Database is destroyed.
    QSqlDatabase connection() const;

    // How many times the application's main (GUI) thread has asked for its
    // connection, i.e. used the database. The console keeps the disk off that
    // thread except on the cancel path (journal first); tests watch this count
    // to see that ticks, selection and dialogs do not read the store.
    quint64 mainThreadUses() const { return m_mainThreadUses.load(std::memory_order_relaxed); }

    // A translated sentence for a failed statement. SQLite's own text names
    // tables and columns, never bound values; PostgreSQL's never holds the
    // password. Neither carries a secret.
    static QString errorText(const QSqlError &error);

    // The time by which leases and approval deadlines are judged: the
    // PostgreSQL server's clock (canceldesk.now_ms()), which every machine of
    // a team shares; the local clock for SQLite, or when the server's cannot
    // be read (the database then refuses a write anyway). UTC.
    QDateTime clockNow() const;

    // The login this store is written as when it is a team store (F21:
    // PostgreSQL, and `team init` has made its roles): every attempt it
    // writes names that login as its operator, every journal entry as its
    // writer. Empty for SQLite and single-login stores, where the operator is
    // the name the operator gave. Read when the store opens; refreshTeamLogin()
    // reads it again (after `team init`).
    QString teamLogin() const;
    bool refreshTeamLogin(QString *error);

private:
    bool migrate(int targetVersion, QString *error);
    // connection(), reporting why it could not be opened.
    QSqlDatabase openConnection(QString *error) const;
    QSqlDatabase addConnection(const QString &name, QString *error) const;
    bool configure(QSqlDatabase &db, QString *error) const;
    void dropConnection(QThread *thread) const;

    DatabaseLocation m_location;
    QString m_locationError; // the URL parser's message, when it refused
    QString m_connectionPrefix;
    mutable QMutex m_mutex;
    mutable QHash<QThread *, QString> m_connections;
    mutable QHash<QThread *, QMetaObject::Connection> m_threadWatches;
    mutable std::atomic<quint64> m_mainThreadUses{0};
    // canceldesk.now_ms() exists (PostgreSQL, schema 6 on).
    static constexpr int kServerClockVersion = 6;
    std::atomic<bool> m_serverClock{false};
    QString m_teamLogin; // guarded by m_mutex
    QString m_password;  // set before any connection is opened
    // The last connection of any thread that would not open (m_mutex).
    mutable QSqlError m_connectError;
    OpenFailure m_openFailure = OpenFailure::None;
};

// Splits a migration script into statements at the semicolons that end them:
// not inside quotes, comments or a trigger body (CREATE TRIGGER … BEGIN … END;,
// including CASE … END inside it) or a PostgreSQL dollar-quoted string
// ($$ … $$, $tag$ … $tag$: function bodies). Comments are kept with their statement;
// statements that are only whitespace and comments are dropped.
QStringList splitSqlScript(QStringView script);

// A write transaction, rolled back when it goes out of scope uncommitted.
// Writers are serialised, whichever process or machine they run on:
//  - SQLite: BEGIN IMMEDIATE takes the file's write lock at once, so two
//    processes that both read and then write cannot deadlock; busy_timeout
//    makes the second one wait.
//  - PostgreSQL: BEGIN (read committed), then one transaction-scoped advisory
//    lock that every CancelDesk writer of the database takes first. Every
//    statement after it sees all that was committed before, so reading the
//    chain head or an order's active attempt and then writing is atomic, as
//    it is on SQLite.
class WriteTransaction final
{
public:
    explicit WriteTransaction(const QSqlDatabase &db);
    ~WriteTransaction();
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    bool begin(QString *error);
    bool commit(QString *error);

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

// A read-only transaction for reads that must see one snapshot (verify, the
// export's rows and its head) while others append. Ended when it goes out of
// scope. On SQLite a snapshot cannot start inside an open transaction and is
// then simply not taken (the caller's transaction already is one); on
// PostgreSQL (repeatable read, read only) it must not be nested.
class ReadSnapshot final
{
public:
    explicit ReadSnapshot(const QSqlDatabase &db);
    ~ReadSnapshot();
    Q_DISABLE_COPY_MOVE(ReadSnapshot)

    bool isActive() const { return m_active; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

// A savepoint inside a write transaction, for a statement that may fail
// (a unique index) and be explained by further reads. PostgreSQL aborts the
// whole transaction at a failed statement unless it is rolled back to a
// savepoint; SQLite keeps going either way. Released when it goes out of
// scope.
class Savepoint final
{
public:
    explicit Savepoint(const QSqlDatabase &db);
    ~Savepoint();
    Q_DISABLE_COPY_MOVE(Savepoint)

    // Undoes what was done since the savepoint, so the transaction goes on.
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace CancelDesk::Storage
