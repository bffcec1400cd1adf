#pragma once

#include <QHash>
#include <QMetaObject>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <atomic>

class QSqlError;
class QThread;

namespace CancelDesk::Storage {

// The SQLite file behind the order store and the cancel journal.
//
// One named connection per thread (QSqlDatabase connections must not cross
// threads), each opened with WAL, busy_timeout, foreign keys and synchronous=FULL
// (a journaled cancel must survive a power cut). The schema is migrated with the
// numbered scripts in :/migrations (resources/migrations/NNNN_name.sql) and its
// version is tracked in PRAGMA user_version.
class Database final
{
public:
    explicit Database(const QString &path);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens the file (creating it and its folder) and migrates to the latest
    // schema. On failure returns false and a translated message in *error.
    bool open(QString *error);
    // Opens and migrates only up to targetVersion; tests use this to build a
    // database as an earlier release left it.
    bool openAtVersion(int targetVersion, QString *error);

    static int latestSchemaVersion();
    int schemaVersion() const;
    QString path() const { return m_path; }

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
    // tables and columns, never bound values, so it carries no secrets.
    static QString errorText(const QSqlError &error);

private:
    bool migrate(int targetVersion, QString *error);
    // connection(), reporting why it could not be opened.
    QSqlDatabase openConnection(QString *error) const;
    bool configure(QSqlDatabase &db, QString *error) const;
    void dropConnection(QThread *thread) const;

    QString m_path;
    QString m_connectionPrefix;
    mutable QMutex m_mutex;
    mutable QHash<QThread *, QString> m_connections;
    mutable QHash<QThread *, QMetaObject::Connection> m_threadWatches;
    mutable std::atomic<quint64> m_mainThreadUses{0};
};

// Splits a migration script into statements at the semicolons that end them:
// not inside quotes, comments or a trigger body (CREATE TRIGGER … BEGIN … END;,
// including CASE … END inside it). Comments are kept with their statement;
// statements that are only whitespace and comments are dropped.
QStringList splitSqlScript(QStringView script);

// BEGIN IMMEDIATE … COMMIT, rolled back when it goes out of scope uncommitted.
// IMMEDIATE takes SQLite's write lock at once, so two processes that both read
// and then write cannot deadlock; busy_timeout makes the second one wait.
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

} // namespace CancelDesk::Storage
