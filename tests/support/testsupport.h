#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

class QTemporaryDir;

class QSqlDatabase;

namespace CancelDesk::Test {

// UTC instant from "2026-03-01T23:59:00+08:00"-style text; fails the test on bad text.
QDateTime at(const QString &isoWithOffset);

// The bytes of tests/data/<relativePath>; aborts the test program when the
// fixture is missing, so a renamed file cannot turn into an empty payload.
QByteArray fixture(const QString &relativePath);

// Where tests save review screenshots: $CANCELDESK_SHOTS_DIR, else
// <temp>/canceldesk-shots (created). Never a fixed path outside the temp folder.
QString shotPath(const QString &fileName);

// The storage engine under test: "sqlite" or "postgresql", from
// $CANCELDESK_TEST_ENGINE (empty: sqlite; anything else aborts). CMake sets it
// for tests registered with ENGINES (tests/CMakeLists.txt).
QString engine();
bool enginePostgres();

// Where a test's store lives: dir.filePath(fileName) on sqlite, else a fresh
// empty database on this process's PgServer (its postgresql:// URL). When the
// server cannot start the test program aborts with the reason and the log
// tail: it never skips (a QSKIP counts as passed).
QString storeLocation(const QTemporaryDir &dir, const QString &fileName);

// A trigger that makes every INSERT or UPDATE (event) on table fail with
// message, or only those of the row whose payment_id is onlyPaymentId: a
// write that fails inside a transaction, on either engine. SQLite: a TEMP
// trigger of this connection; PostgreSQL: a trigger on the table (the test's
// own database). False with *error when it cannot be made.
bool addRefusingTrigger(const QSqlDatabase &db, const QString &name, const QString &event,
                        const QString &table, const QString &onlyPaymentId, const QString &message,
                        QString *error = nullptr);
bool dropRefusingTrigger(const QSqlDatabase &db, const QString &name, const QString &table);

// What someone with the file, or a superuser's login, does before editing a
// store by hand: SQLite's triggers dropped and its foreign keys off; a
// PostgreSQL session that fires no triggers (foreign keys' included). False
// with *error when that fails (or a SQLite store has no triggers to drop).
bool disarmStore(const QSqlDatabase &db, QString *error = nullptr);

// Lets plain SQL write cancel_attempts rows the rules of schema 0002–0005 and
// the approval states' identity rules allow, so those rules can be tried by
// hand on both engines. PostgreSQL also checks what SQLite cannot: that an
// attempt equals its newest journal entry, the four-eyes transitions and
// leases by the database clock; those triggers are disabled here (as the
// owner) and tried in tst_teamrules. Nothing to do on SQLite.
bool letRawSqlWriteAttempts(const QSqlDatabase &db, QString *error = nullptr);

// Moves the database's clock (canceldesk.now_ms(), schema 6) offsetMs ahead of
// the real one, so that a lease or an approval deadline lapses without a
// wait. PostgreSQL only: SQLite has no clock of its own (Database::clockNow()
// is the local one) and judges no lease in the database; true there.
bool moveDatabaseClock(const QSqlDatabase &db, qint64 offsetMs, QString *error = nullptr);

// Whether the store has an index of that name.
bool hasIndex(const QSqlDatabase &db, const QString &name);

} // namespace CancelDesk::Test
