#include "enginesql.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage::EngineSql {
QStringList connectionSettings(Engine engine)
{
    if (engine == Engine::PostgreSql) {
        // Constants of ours, not bound values. Times are stored as epoch
        // milliseconds, so the zone only matters to the server's own clock
        // reads; UTC keeps them unambiguous.
        return {
            u"SET search_path = canceldesk"_s,
            u"SET TIME ZONE 'UTC'"_s,
            u"SET lock_timeout = %1"_s.arg(kLockWaitMs),
            u"SET synchronous_commit = on"_s,
        };
    }
    //   busy_timeout       wait for another process's write instead of failing at once
    //   journal_mode=WAL   readers do not block the writer (list refresh while cancelling)
    //   foreign_keys=ON    off by default in SQLite, per connection
    //   synchronous=FULL   a committed PREPARED attempt survives a power cut (F11)
    return {
        u"PRAGMA busy_timeout = %1"_s.arg(kLockWaitMs),
        u"PRAGMA journal_mode = WAL"_s,
        u"PRAGMA foreign_keys = ON"_s,
        u"PRAGMA synchronous = FULL"_s,
    };
}

bool readVersion(const QSqlDatabase &db, int *version, QSqlError *sqlError)
{
    QSqlQuery q(db);
    if (engineOf(db) == Engine::Sqlite) {
        if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
            *sqlError = q.lastError();
            return false;
        }
        *version = q.value(0).toInt();
        return true;
    }
    if (!q.exec(u"SELECT to_regclass('canceldesk.schema_version') IS NOT NULL"_s) || !q.next()) {
        *sqlError = q.lastError();
        return false;
    }
    if (!q.value(0).toBool()) {
        *version = 0;
        return true;
    }
    if (!q.exec(u"SELECT version FROM canceldesk.schema_version"_s) || !q.next()) {
        *sqlError = q.lastError();
        return false;
    }
    *version = q.value(0).toInt();
    return true;
}

QStringList versionBootstrap(Engine engine)
{
    if (engine == Engine::Sqlite)
        return {};
    return {
        u"CREATE SCHEMA IF NOT EXISTS canceldesk"_s,
        u"CREATE TABLE IF NOT EXISTS canceldesk.schema_version (version integer NOT NULL)"_s,
        u"INSERT INTO canceldesk.schema_version (version) SELECT 0 "
        "WHERE NOT EXISTS (SELECT 1 FROM canceldesk.schema_version)"_s,
    };
}

QString writeVersion(Engine engine, int version)
{
    return engine == Engine::Sqlite
               ? u"PRAGMA user_version = %1"_s.arg(version)
               : u"UPDATE canceldesk.schema_version SET version = %1"_s.arg(version);
}

bool serverClockMs(const QSqlDatabase &db, qint64 *ms)
{
    if (engineOf(db) != Engine::PostgreSql)
        return false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT canceldesk.now_ms()"_s) || !q.next())
        return false;
    bool ok = false;
    *ms = q.value(0).toLongLong(&ok);
    return ok;
}

bool readTeamLogin(const QSqlDatabase &db, QString *login, QSqlError *sqlError)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT session_user, canceldesk.team_mode()"_s) || !q.next()) {
        *sqlError = q.lastError();
        return false;
    }
    *login = q.value(1).toBool() ? q.value(0).toString() : QString();
    return true;
}

QString migrationFolder(Engine engine)
{
    return engine == Engine::Sqlite ? u":/migrations/sqlite"_s : u":/migrations/postgresql"_s;
}

QString sqlState(const QSqlError &error)
{
    // SQLite's codes are numbers below 10000; a SQLSTATE is five characters,
    // digits and capitals ("23505", "55P03").
    const QString code = error.nativeErrorCode();
    if (code.size() != 5)
        return {};
    bool numeric = false;
    const int value = code.toInt(&numeric);
    if (numeric && value < 10000)
        return {};
    return code;
}

namespace {

// The server's own sentence, without libpq's "ERROR:" and the CONTEXT lines
// (which name our trigger functions, nothing an operator can act on).
QString primaryMessage(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    text = text.section(u'\n', 0, 0).trimmed();
    for (const QString &prefix : {u"ERROR:"_s, u"FATAL:"_s}) {
        if (text.startsWith(prefix))
            text = text.mid(prefix.size()).trimmed();
    }
    return text;
}

} // namespace

QString postgresErrorText(const QSqlError &error)
{
    const QString state = sqlState(error);
    if (state.isEmpty())
        return {};
    // 55P03 lock not available (lock_timeout), 40P01 deadlock, 40001
    // serialization failure: another writer held on too long.
    if (state == u"55P03" || state == u"40P01" || state == u"40001") {
        return QCoreApplication::translate(
            "Database", "The team database is busy: another CancelDesk is writing to it. Try "
                        "again in a moment.");
    }
    if (state == u"42501") {
        // Our team rules say why in the server's words (the login's role, four
        // eyes, a lease); a missing grant names the table.
        return QCoreApplication::translate("Database", "Not permitted by the team database: %1.")
            .arg(primaryMessage(error));
    }
    if (state.startsWith(u"08") || state == u"57P01" || state == u"57P02" || state == u"57P03") {
        return QCoreApplication::translate(
            "Database", "The connection to the team database was lost, so nothing was written. "
                        "CancelDesk connects again at the next step.");
    }
    if (state.startsWith(u"28")) {
        return QCoreApplication::translate(
            "Database", "The team database refused the login. Check the user name and the "
                        "password (PGPASSWORD, ~/.pgpass or the keychain).");
    }
    if (state == u"3D000")
        return QCoreApplication::translate("Database", "The team database does not exist.");
    if (state == u"53100") {
        return QCoreApplication::translate(
            "Database", "The team database's disk is full, so nothing was written. Ask its "
                        "administrator to free some space.");
    }
    if (state == u"25006") {
        return QCoreApplication::translate(
            "Database", "The team database is read-only (a standby server?): nothing can be "
                        "written to it.");
    }
    return {};
}

bool isLoginRefused(const QSqlError &error)
{
    if (sqlState(error).startsWith(u"28"))
        return true;
    if (error.type() != QSqlError::ConnectionError)
        return false;
    // libpq: "fe_sendauth: no password supplied"; the server: "password
    // authentication failed for user …", "… authentication failed …".
    const QString text = error.databaseText();
    return text.contains(u"fe_sendauth"_s) || text.contains(u"password"_s, Qt::CaseInsensitive)
           || text.contains(u"authentication failed"_s, Qt::CaseInsensitive);
}

} // namespace CancelDesk::Storage::EngineSql
