#include "testsupport.h"

#include "pgserver.h"
#include "storage/database.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace CancelDesk::Test {

QDateTime at(const QString &isoWithOffset)
{
    const QDateTime t = QDateTime::fromString(isoWithOffset, Qt::ISODate);
    if (!t.isValid())
        qFatal("bad test time: %s", qPrintable(isoWithOffset));
    return t.toUTC();
}

QByteArray fixture(const QString &relativePath)
{
    QFile file(QStringLiteral(CANCELDESK_TEST_DATA_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test fixture %s", qPrintable(relativePath));
    return file.readAll();
}

QString shotPath(const QString &fileName)
{
    QString dir = qEnvironmentVariable("CANCELDESK_SHOTS_DIR");
    if (dir.isEmpty())
        dir = QDir::temp().filePath(QStringLiteral("canceldesk-shots"));
    QDir().mkpath(dir);
    return QDir(dir).filePath(fileName);
}

QString engine()
{
    const QString name = qEnvironmentVariable("CANCELDESK_TEST_ENGINE");
    if (name.isEmpty() || name == QLatin1String("sqlite"))
        return QStringLiteral("sqlite");
    if (name == QLatin1String("postgresql"))
        return name;
    qFatal("CANCELDESK_TEST_ENGINE=%s: use sqlite or postgresql", qPrintable(name));
}

bool enginePostgres()
{
    return engine() == QLatin1String("postgresql");
}

QString storeLocation(const QTemporaryDir &dir, const QString &fileName)
{
    if (!enginePostgres())
        return dir.filePath(fileName);
    QString error;
    const QString url = PgServer::instance()->createDatabase(&error);
    if (url.isEmpty())
        qFatal("CANCELDESK_TEST_ENGINE=postgresql, but no test database: %s", qPrintable(error));
    return url;
}

using namespace Qt::Literals::StringLiterals;

namespace {

bool run(const QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool isPostgres(const QSqlDatabase &db)
{
    return Storage::engineOf(db) == Storage::Engine::PostgreSql;
}

} // namespace

bool addRefusingTrigger(const QSqlDatabase &db, const QString &name, const QString &event,
                        const QString &table, const QString &onlyPaymentId, const QString &message,
                        QString *error)
{
    if (!isPostgres(db)) {
        const QString when = onlyPaymentId.isEmpty()
                                 ? QString()
                                 : u"WHEN NEW.payment_id = '%1' "_s.arg(onlyPaymentId);
        return run(
            db,
            u"CREATE TEMP TRIGGER %1 BEFORE %2 ON %3 %4BEGIN SELECT RAISE(ABORT, '%5'); END"_s.arg(
                name, event, table, when, message),
            error);
    }
    const QString when =
        onlyPaymentId.isEmpty() ? QString() : u"WHEN (NEW.payment_id = '%1') "_s.arg(onlyPaymentId);
    return run(db,
               u"CREATE FUNCTION %1_fn() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN RAISE EXCEPTION '%2'; END $$"_s.arg(name, message),
               error)
           && run(
               db,
               u"CREATE TRIGGER %1 BEFORE %2 ON %3 FOR EACH ROW %4EXECUTE FUNCTION %1_fn()"_s.arg(
                   name, event, table, when),
               error);
}

bool disarmStore(const QSqlDatabase &db, QString *error)
{
    if (isPostgres(db))
        return run(db, u"SET session_replication_role = replica"_s, error);
    if (!run(db, u"PRAGMA foreign_keys = OFF"_s, error))
        return false;
    QSqlQuery q(db);
    if (!q.exec(u"SELECT name FROM sqlite_master WHERE type = 'trigger'"_s)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    QStringList triggers;
    while (q.next())
        triggers.append(q.value(0).toString());
    if (triggers.isEmpty()) {
        if (error)
            *error = u"the store has no triggers"_s;
        return false;
    }
    for (const QString &t : std::as_const(triggers)) {
        if (!run(db, u"DROP TRIGGER \"%1\""_s.arg(t), error))
            return false;
    }
    return true;
}

bool dropRefusingTrigger(const QSqlDatabase &db, const QString &name, const QString &table)
{
    if (!isPostgres(db))
        return run(db, u"DROP TRIGGER %1"_s.arg(name), nullptr);
    return run(db, u"DROP TRIGGER %1 ON %2"_s.arg(name, table), nullptr)
           && run(db, u"DROP FUNCTION %1_fn()"_s.arg(name), nullptr);
}

bool letRawSqlWriteAttempts(const QSqlDatabase &db, QString *error)
{
    if (!isPostgres(db))
        return true;
    return run(db, u"ALTER TABLE cancel_attempts DISABLE TRIGGER cancel_attempts_journaled"_s,
               error)
           && run(db,
                  u"ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_attempt_matches"_s,
                  error)
           && run(db, u"ALTER TABLE cancel_attempts DISABLE TRIGGER cancel_attempts_four_eyes"_s,
                  error)
           && run(db, u"ALTER TABLE cancel_attempts DISABLE TRIGGER cancel_attempts_lease"_s,
                  error);
}

bool moveDatabaseClock(const QSqlDatabase &db, qint64 offsetMs, QString *error)
{
    if (!isPostgres(db))
        return true;
    // Only the owner may replace it (see 0006_team.sql); a GUC any login
    // could set would not do.
    return run(db,
               u"CREATE OR REPLACE FUNCTION canceldesk.test_clock_offset_ms() RETURNS bigint "
               "LANGUAGE sql STABLE SET search_path = canceldesk, pg_temp "
               "AS $$ SELECT %1::bigint $$"_s.arg(offsetMs),
               error);
}

bool hasIndex(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(isPostgres(db)
                  ? u"SELECT count(*) FROM pg_indexes WHERE indexname = ?"_s
                  : u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?"_s);
    q.addBindValue(name);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
}

} // namespace CancelDesk::Test
