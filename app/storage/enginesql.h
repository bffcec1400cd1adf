#pragma once

// What differs between SQLite and PostgreSQL below Database: the settings a
// connection starts with, where the schema version is kept, how an error is
// told. Internal to app/storage.

#include "database.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

class QSqlError;

namespace CancelDesk::Storage::EngineSql {

// A writer holding the lock makes others wait this long before "busy" (SQLite's
// busy_timeout, PostgreSQL's lock_timeout); long enough for any single
// transaction of ours, short enough to report.
constexpr int kLockWaitMs = 5000;

// The statements a fresh connection runs first. SQLite: WAL, busy_timeout,
// foreign keys, synchronous=FULL. PostgreSQL: the canceldesk schema first on
// the search path, UTC, the lock wait, synchronous commits.
QStringList connectionSettings(Engine engine);

// Reads the schema version: SQLite's PRAGMA user_version, or PostgreSQL's
// canceldesk.schema_version (0 while that table does not exist). False with
// *sqlError when it cannot be read.
bool readVersion(const QSqlDatabase &db, int *version, QSqlError *sqlError);

// The statements that make a fresh PostgreSQL database ready for its first
// migration (the schema and its version table); none on SQLite.
QStringList versionBootstrap(Engine engine);

// The statement that records the version a migration reached, in the
// migration's own transaction.
QString writeVersion(Engine engine, int version);

// The database clock in epoch ms (PostgreSQL: canceldesk.now_ms(), from
// schema 6 on). False on SQLite, before schema 6, or when the query fails.
bool serverClockMs(const QSqlDatabase &db, qint64 *ms);

// The session's login when the store is a team store (canceldesk.team_mode(),
// schema 6), else empty. False with *sqlError when the query fails.
bool readTeamLogin(const QSqlDatabase &db, QString *login, QSqlError *sqlError);

// The migrations' resource folder for the engine.
QString migrationFolder(Engine engine);

// A PostgreSQL error's SQLSTATE ("42501"), empty for SQLite's numeric codes.
QString sqlState(const QSqlError &error);

// errorText() for a PostgreSQL error, by its SQLSTATE class; empty when the
// state has no sentence of its own.
QString postgresErrorText(const QSqlError &error);

// Whether a failed PostgreSQL connect (QPSQL's open(), which has no SQLSTATE)
// failed at the login: the server refused the password or wanted one that
// was not given. Read from libpq's message (its English words, or SQLSTATE
// class 28 when there is one); a message libpq translated is not recognised
// and counts as not reaching the server.
bool isLoginRefused(const QSqlError &error);

} // namespace CancelDesk::Storage::EngineSql
