// The rules a PostgreSQL team store enforces by itself (PRODUCT.md F21-F25,
// migration postgresql/0006_team.sql and resources/team/postgresql/roles.sql):
// tried with plain SQL as each login, the way someone with psql and no
// CancelDesk would try them. Runs on a private server (Test::PgServer) and
// fails, never skips, when it cannot start one.

#include "pgserver.h"
#include "storage/canceljournal.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtTest>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using CancelDesk::Test::PgServer;

namespace {

// What CancelJournal does for one change, in SQL, for this session only
// (pg_temp): take the journal lock, read the head, write the attempt row,
// append its entry (recorded by this login in a team store, by the operator
// it names in a single-login store). The hash is not CancelDesk's
// (the database checks links and form, `log verify` the content).
const QString kSessionHelpers = uR"SQL(
CREATE FUNCTION pg_temp.write(a canceldesk.cancel_attempts, is_new boolean) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
    head_seq bigint; head_hash text; s bigint; h text; cols text;
BEGIN
    PERFORM pg_advisory_xact_lock(1128552268);
    SELECT seq, entry_hash INTO head_seq, head_hash FROM canceldesk.journal_entries
    ORDER BY seq DESC LIMIT 1;
    s := coalesce(head_seq, 0) + 1;
    h := encode(sha256(convert_to(s::text || a.state || clock_timestamp()::text, 'UTF8')), 'hex');
    a.entry_seq := s;
    a.entry_hash := h;
    IF is_new THEN
        INSERT INTO canceldesk.cancel_attempts SELECT a.*;
    ELSE
        SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
        FROM information_schema.columns
        WHERE table_schema = 'canceldesk' AND table_name = 'cancel_attempts';
        EXECUTE format('UPDATE canceldesk.cancel_attempts SET (%s) = (SELECT %s FROM (SELECT ($1).*) r) WHERE id = $2',
                       cols, cols) USING a, a.id;
    END IF;
    SELECT string_agg(quote_ident(c.column_name), ', ' ORDER BY c.ordinal_position) INTO cols
    FROM information_schema.columns c
    WHERE c.table_schema = 'canceldesk' AND c.table_name = 'cancel_attempts'
      AND c.column_name NOT IN ('id', 'entry_seq', 'entry_hash');
    EXECUTE format('INSERT INTO canceldesk.journal_entries (seq, attempt_id, recorded_at, format, prev_hash, entry_hash, recorded_by, %s)
                    SELECT $1, $2, canceldesk.now_ms(), 4, $3, $4, $6, %s FROM (SELECT ($5).*) r', cols, cols)
        USING s, a.id, coalesce(head_hash, repeat('0', 64)), h, a,
              CASE WHEN canceldesk.team_mode() THEN session_user::text ELSE a.operator END;
    RETURN s;
END
$fn$;
CREATE FUNCTION pg_temp.prepare(attempt_id bigint, payment text, amount bigint, st text,
                                extra jsonb DEFAULT '{}') RETURNS bigint
LANGUAGE sql AS $fn$
    SELECT pg_temp.write(jsonb_populate_record(NULL::canceldesk.cancel_attempts,
        jsonb_build_object('id', attempt_id, 'provider', 'uqpay', 'payment_id', payment,
            'merchant_reference', '', 'amount_minor', amount, 'currency', 'USD',
            'payment_method', '', 'operator', session_user, 'environment', 'sandbox',
            'reason', 'duplicate', 'note', '', 'idempotency_key', 'key-' || attempt_id,
            'state', st, 'provider_code', '', 'provider_message', '', 'http_status', 0,
            'tries', 0, 'requested_at', canceldesk.now_ms(), 'latency_ms', -1,
            'status_before', '', 'status_after', '', 'owner_host', '', 'owner_pid', 0,
            'owner_instance', '', 'approver', '', 'decision_note', '', 'entry_seq', 0,
            'entry_hash', '') || extra), true)
$fn$;
CREATE FUNCTION pg_temp.change(attempt_id bigint, changes jsonb) RETURNS bigint
LANGUAGE sql AS $fn$
    SELECT pg_temp.write(jsonb_populate_record(a, changes), false)
    FROM canceldesk.cancel_attempts a WHERE a.id = attempt_id
$fn$;
)SQL"_s;

// The entry columns a hand-made entry copies from the newest one.
const QString kEntryCopy =
    u"attempt_id, recorded_at, format, provider, payment_id, merchant_reference, amount_minor, "
    "currency, payment_method, operator, environment, reason, note, idempotency_key, state, "
    "provider_code, provider_message, http_status, tries, requested_at, finished_at, "
    "latency_ms, status_before, status_after, owner_host, owner_pid, lease_until, "
    "owner_instance, approver, decision_note, approval_deadline"_s;

QString resourceText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// What one statement (or transaction) gave: "ok" or the SQLSTATE.
struct Outcome
{
    QString state; // "ok" or a SQLSTATE
    QString message;
};

} // namespace

class TestTeamRules final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void migrationMakesNoRoles();
    void singleLoginStore();
    void rolesScriptRunsTwice();
    void auditorCannotWrite();
    void operatorIsTheLogin();
    void journalIsAppendOnly();
    void chainCannotFork();
    void attemptNeedsItsEntryAtCommit();
    void fourEyes();
    void lapsedRequestExpires();
    void leasesByTheDatabaseClock();
    void onlyTheOwnerMovesTheClock();
    void cancelJournalWritesThroughTheRules();
    void psqlAuditorInsertIsRefused();
    void psqlOperatorTruncateIsRefused();
    void storeOpensWithThePasswordItIsGiven();

private:
    // A new database with schema canceldesk migrated to the newest version,
    // as the owner (postgres); its name.
    QString migratedDatabase();
    QSqlDatabase connect(const QString &login, const QString &database);
    QSqlDatabase as(const QString &login) { return connect(login, m_team); }
    // Runs sql (one or more statements, one implicit transaction).
    static Outcome run(const QSqlDatabase &db, const QString &sql);
    // BEGIN, sql, COMMIT: where a deferred rule answers.
    static Outcome runAndCommit(const QSqlDatabase &db, const QString &sql);
    static qint64 number(const QSqlDatabase &db, const QString &sql);
    void setClockOffset(qint64 ms);
    // psql -c sql as login on the team database: exit code and stderr.
    std::pair<int, QString> psql(const QString &login, const QString &sql);

    PgServer *m_server = nullptr;
    QString m_team;   // migrated, roles.sql run: a team store
    QString m_single; // migrated only: a single-login store
    QStringList m_connections;
};

#define QCOMPARE_STATE(outcome, expected)                                                          \
    do {                                                                                           \
        const Outcome o_ = (outcome);                                                              \
        QVERIFY2(o_.state == QLatin1StringView(expected),                                          \
                 qPrintable(u"expected %1, got %2: %3"_s.arg(QLatin1StringView(expected),          \
                                                             o_.state, o_.message)));              \
    } while (false)

void TestTeamRules::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = PgServer::instance();
    QString error;
    // Fails loudly: a skipped rules test would read as a passed one.
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_single = migratedDatabase();
    QVERIFY(!m_single.isEmpty());
    m_team = migratedDatabase();
    QVERIFY(!m_team.isEmpty());

    // `team init`: the roles and grants, then one login per role.
    const QString roles = resourceText(u":/team/postgresql/roles.sql"_s);
    QVERIFY(!roles.isEmpty());
    QVERIFY2(m_server->exec(m_team, roles, &error), qPrintable(error));
    const QList<std::pair<QString, QString>> logins{{u"alice"_s, u"canceldesk_operator"_s},
                                                    {u"bob"_s, u"canceldesk_approver"_s},
                                                    {u"carol"_s, u"canceldesk_approver"_s},
                                                    {u"dave"_s, u"canceldesk_auditor"_s}};
    for (const auto &[login, role] : logins) {
        QVERIFY2(m_server->createLogin(login, u"pw-"_s + login, &error), qPrintable(error));
        QVERIFY2(m_server->exec(m_team, u"GRANT %1 TO %2"_s.arg(role, login), &error),
                 qPrintable(error));
    }
    QVERIFY2(m_server->exec(m_team,
                            u"INSERT INTO canceldesk.approval_thresholds VALUES ('USD', 100000)"_s,
                            &error),
             qPrintable(error));
}

void TestTeamRules::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_connections)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
}

void TestTeamRules::cleanup()
{
    setClockOffset(0); // a failed test must not leave the clock moved
}

QString TestTeamRules::migratedDatabase()
{
    QString error;
    const QString url = m_server->createDatabase(&error);
    if (url.isEmpty()) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    // The owner migrates through CancelDesk's own runner (as `team init` will).
    {
        CancelDesk::Storage::Database db(url);
        if (!db.open(&error)) {
            qWarning("%s: %s", qPrintable(url), qPrintable(error));
            return {};
        }
        if (db.schemaVersion() != CancelDesk::Storage::Database::latestSchemaVersion()) {
            qWarning("schema version %d", db.schemaVersion());
            return {};
        }
    }
    return QUrl(url).path().mid(1);
}

QSqlDatabase TestTeamRules::connect(const QString &login, const QString &database)
{
    const QString name = login + u'@' + database;
    if (m_connections.contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(m_server->socketDir()); // the socket trusts every login
    db.setPort(m_server->port());
    db.setDatabaseName(database);
    db.setUserName(login);
    m_connections.append(name);
    if (!db.open()) {
        qWarning("%s: %s", qPrintable(name), qPrintable(db.lastError().text()));
        return db;
    }
    QSqlQuery q(db);
    if (!q.exec(u"SET search_path = canceldesk"_s) || !q.exec(kSessionHelpers))
        qWarning("%s: %s", qPrintable(name), qPrintable(q.lastError().text()));
    return db;
}

Outcome TestTeamRules::run(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return {u"ok"_s, {}};
    return {q.lastError().nativeErrorCode(), q.lastError().databaseText()};
}

Outcome TestTeamRules::runAndCommit(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(u"BEGIN"_s))
        return {q.lastError().nativeErrorCode(), q.lastError().databaseText()};
    if (!q.exec(sql)) {
        const Outcome failed{u"statement "_s + q.lastError().nativeErrorCode(),
                             q.lastError().databaseText()};
        q.exec(u"ROLLBACK"_s);
        return failed;
    }
    // A COMMIT that fails ends the transaction too.
    if (!q.exec(u"COMMIT"_s))
        return {q.lastError().nativeErrorCode(), q.lastError().databaseText()};
    return {u"ok"_s, {}};
}

qint64 TestTeamRules::number(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

void TestTeamRules::setClockOffset(qint64 ms)
{
    QString error;
    QVERIFY2(
        m_server->exec(m_team,
                       u"CREATE OR REPLACE FUNCTION canceldesk.test_clock_offset_ms() "
                       "RETURNS bigint LANGUAGE sql STABLE "
                       "SET search_path = canceldesk, pg_temp AS 'SELECT %1::bigint'"_s.arg(ms),
                       &error),
        qPrintable(error));
}

std::pair<int, QString> TestTeamRules::psql(const QString &login, const QString &sql)
{
    QProcess p;
    p.setProgram(QDir(m_server->binDir()).filePath(u"psql"_s));
    p.setArguments({u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, m_server->socketDir(),
                    u"-p"_s, QString::number(m_server->port()), u"-U"_s, login, u"-d"_s, m_team,
                    u"-c"_s, sql});
    p.start();
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit)
        return {-1, p.errorString()};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
}

void TestTeamRules::migrationMakesNoRoles()
{
    // Only `team init` (roles.sql) makes roles: the migrated single-login
    // store has none of its own, and its schema is still usable by PUBLIC's
    // rights of a fresh database.
    const QSqlDatabase owner = connect(u"postgres"_s, m_single);
    QVERIFY(owner.isOpen());
    QCOMPARE(number(owner, u"SELECT count(*) FROM pg_tables WHERE schemaname = 'canceldesk' AND "
                           "tablename = 'approval_thresholds'"_s),
             1);
    QCOMPARE(number(owner, u"SELECT canceldesk.team_mode()::int"_s), 0);
    QCOMPARE(number(as(u"postgres"_s), u"SELECT canceldesk.team_mode()::int"_s), 1);
    const QString migration = resourceText(u":/migrations/postgresql/0006_team.sql"_s).toUpper();
    QVERIFY(!migration.contains(u"CREATE ROLE"_s));
    QVERIFY(!migration.contains(u"GRANT "_s));
}

// No roles granted in this database: one login writes for everyone and names
// the operator itself, as on SQLite. The rules that name a person are
// skipped; the chain, attempt = entry and the approval states still hold.
void TestTeamRules::singleLoginStore()
{
    const QSqlDatabase db = connect(u"postgres"_s, m_single);
    QVERIFY(db.isOpen());
    QCOMPARE_STATE(run(db, u"SELECT pg_temp.prepare(1, 'S1', 5, 'PREPARED', "
                           "'{\"operator\":\"li.na\"}')"_s),
                   "ok");
    QCOMPARE(number(db, u"SELECT count(*) FROM journal_entries WHERE recorded_by = 'li.na'"_s), 1);
    // Still no fork, and no attempt without its entry.
    QCOMPARE_STATE(run(db, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                           "recorded_by, %1) SELECT 2, repeat('0', 64), entry_hash, 'li.na', %1 "
                           "FROM journal_entries WHERE seq = 1"_s.arg(kEntryCopy)),
                   "42501");
    QCOMPARE_STATE(runAndCommit(db, u"UPDATE cancel_attempts SET tries = 9 WHERE id = 1"_s),
                   "23000");
    // Approving needs a named approver, not a second login.
    QCOMPARE_STATE(run(db, u"SELECT pg_temp.prepare(2, 'S2', 5, 'AWAITING_APPROVAL', "
                           "jsonb_build_object('operator', 'li.na', 'approval_deadline', "
                           "canceldesk.now_ms() + 3600000))"_s),
                   "ok");
    QCOMPARE_STATE(run(db, u"SELECT pg_temp.change(2, '{\"state\":\"PREPARED\"}')"_s), "42501");
    QCOMPARE_STATE(run(db, u"SELECT pg_temp.change(2, '{\"state\":\"PREPARED\", "
                           "\"approver\":\"li.na\"}')"_s),
                   "ok");
}

void TestTeamRules::rolesScriptRunsTwice()
{
    QString error;
    QVERIFY2(m_server->exec(m_team, resourceText(u":/team/postgresql/roles.sql"_s), &error),
             qPrintable(error));
    QCOMPARE(number(as(u"postgres"_s),
                    u"SELECT count(*) FROM pg_roles WHERE rolname LIKE 'canceldesk\\_%'"_s),
             3);
    QCOMPARE(number(as(u"postgres"_s),
                    u"SELECT pg_has_role('canceldesk_approver', 'canceldesk_operator', "
                    "'MEMBER')::int"_s),
             1);
}

void TestTeamRules::auditorCannotWrite()
{
    const QSqlDatabase dave = as(u"dave"_s);
    QVERIFY(dave.isOpen());
    QCOMPARE_STATE(run(dave, u"SELECT count(*) FROM cancel_attempts"_s), "ok");
    QCOMPARE_STATE(run(dave,
                       u"INSERT INTO orders (provider, payment_id, amount_minor, currency, "
                       "status, created_at) VALUES ('uqpay', 'D1', 1, 'USD', 'PENDING', 0)"_s),
                   "42501");
    QCOMPARE_STATE(run(dave, u"SELECT pg_temp.prepare(90, 'D2', 5, 'PREPARED')"_s), "42501");
    QCOMPARE_STATE(run(dave, u"INSERT INTO approval_thresholds VALUES ('EUR', 1)"_s), "42501");
}

void TestTeamRules::operatorIsTheLogin()
{
    const QSqlDatabase alice = as(u"alice"_s);
    QVERIFY(alice.isOpen());
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(10, 'P10', 5000, 'PREPARED', "
                              "'{\"operator\":\"bob\"}')"_s),
                   "42501");
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(10, 'P10', 5000, 'PREPARED')"_s), "ok");
    QCOMPARE(number(alice, u"SELECT count(*) FROM journal_entries WHERE attempt_id = 10 AND "
                           "recorded_by = 'alice'"_s),
             1);
    // An entry recorded in someone else's name, well linked otherwise.
    QCOMPARE_STATE(run(alice, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                              "recorded_by, %1) SELECT seq + 1, entry_hash, entry_hash, 'bob', %1 "
                              "FROM journal_entries ORDER BY seq DESC LIMIT 1"_s.arg(kEntryCopy)),
                   "42501");
}

void TestTeamRules::journalIsAppendOnly()
{
    const QSqlDatabase alice = as(u"alice"_s);
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(20, 'P20', 5000, 'PREPARED')"_s), "ok");
    QCOMPARE_STATE(run(alice, u"UPDATE journal_entries SET note = 'x'"_s), "42501");
    QCOMPARE_STATE(run(alice, u"DELETE FROM journal_entries"_s), "42501");
    QCOMPARE_STATE(run(alice, u"TRUNCATE journal_entries"_s), "42501");
    QCOMPARE_STATE(run(alice, u"DELETE FROM cancel_attempts"_s), "42501");
    // Not even the owner, short of dropping the triggers (which the hash
    // chain and a kept head catch).
    const QSqlDatabase owner = as(u"postgres"_s);
    QCOMPARE_STATE(run(owner, u"UPDATE journal_entries SET note = 'x'"_s), "23000");
    QCOMPARE_STATE(run(owner, u"DELETE FROM journal_entries"_s), "23000");
    QCOMPARE_STATE(run(owner, u"TRUNCATE journal_entries CASCADE"_s), "23000");
}

void TestTeamRules::chainCannotFork()
{
    const QSqlDatabase alice = as(u"alice"_s);
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(30, 'P30', 5000, 'PREPARED')"_s), "ok");
    const qint64 head = number(alice, u"SELECT max(seq) FROM journal_entries"_s);
    // A second entry after an older one: a fork.
    QCOMPARE_STATE(run(alice, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                              "recorded_by, %1) SELECT seq + 1, entry_hash, repeat('a', 64), "
                              "'alice', %1 FROM journal_entries WHERE seq = %2"_s.arg(kEntryCopy)
                                  .arg(head - 1)),
                   "42501");
    // The next seq with a prev_hash that is not the head's: a splice.
    QCOMPARE_STATE(run(alice, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                              "recorded_by, %1) SELECT seq + 1, repeat('0', 64), repeat('a', 64), "
                              "'alice', %1 FROM journal_entries WHERE seq = %2"_s.arg(kEntryCopy)
                                  .arg(head)),
                   "42501");
    // A seq that skips.
    QCOMPARE_STATE(run(alice, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                              "recorded_by, %1) SELECT seq + 2, entry_hash, repeat('a', 64), "
                              "'alice', %1 FROM journal_entries WHERE seq = %2"_s.arg(kEntryCopy)
                                  .arg(head)),
                   "42501");
    // A malformed hash.
    QCOMPARE_STATE(run(alice, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                              "recorded_by, %1) SELECT seq + 1, entry_hash, 'XYZ', "
                              "'alice', %1 FROM journal_entries WHERE seq = %2"_s.arg(kEntryCopy)
                                  .arg(head)),
                   "42501");
    QCOMPARE(number(alice, u"SELECT max(seq) FROM journal_entries"_s), head);
}

void TestTeamRules::attemptNeedsItsEntryAtCommit()
{
    const QSqlDatabase alice = as(u"alice"_s);
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(40, 'P40', 5000, 'PREPARED')"_s), "ok");
    // The statement passes; COMMIT refuses (the deferred check), as the
    // client writes the attempt row before its entry.
    QCOMPARE_STATE(runAndCommit(alice, u"UPDATE cancel_attempts SET tries = 5 WHERE id = 40"_s),
                   "23000");
    // A well-linked entry that its attempt does not match.
    QCOMPARE_STATE(runAndCommit(alice, u"INSERT INTO journal_entries (seq, prev_hash, entry_hash, "
                                       "recorded_by, %1) SELECT seq + 1, entry_hash, "
                                       "repeat('b', 64), 'alice', %1 FROM journal_entries "
                                       "ORDER BY seq DESC LIMIT 1"_s.arg(kEntryCopy)),
                   "23000");
    // The client's order, row first and entry second, commits.
    QCOMPARE_STATE(runAndCommit(alice, u"SELECT pg_temp.change(40, '{\"state\":\"SENT\"}')"_s),
                   "ok");
    QCOMPARE(number(alice, u"SELECT tries FROM cancel_attempts WHERE id = 40"_s), 0);
}

void TestTeamRules::fourEyes()
{
    const QSqlDatabase alice = as(u"alice"_s);
    const QSqlDatabase bob = as(u"bob"_s);
    const QSqlDatabase carol = as(u"carol"_s);
    // At or above the threshold a cancel starts AWAITING_APPROVAL.
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(50, 'P50', 100000, 'PREPARED')"_s), "42501");
    const QString request = u"SELECT pg_temp.prepare(%1, 'P%1', 200000, 'AWAITING_APPROVAL', "
                            "jsonb_build_object('approval_deadline', canceldesk.now_ms() + "
                            "3600000))"_s;
    QCOMPARE_STATE(run(alice, request.arg(50)), "ok");
    // It holds the order.
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(51, 'P50', 5, 'PREPARED')"_s), "23505");
    // Nor can it be talked into PREPARED by its requester ...
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.change(50, '{\"state\":\"PREPARED\", "
                              "\"approver\":\"alice\"}')"_s),
                   "42501");
    // ... an approver who requested it himself ...
    QCOMPARE_STATE(run(bob, request.arg(52)), "ok");
    QCOMPARE_STATE(run(bob, u"SELECT pg_temp.change(52, '{\"state\":\"PREPARED\", "
                            "\"approver\":\"bob\"}')"_s),
                   "42501");
    // ... or an approver naming someone else.
    QCOMPARE_STATE(run(carol, u"SELECT pg_temp.change(50, '{\"state\":\"PREPARED\", "
                              "\"approver\":\"bob\"}')"_s),
                   "42501");
    // Another approver, in his own name: allowed.
    QCOMPARE_STATE(runAndCommit(carol, u"SELECT pg_temp.change(50, '{\"state\":\"PREPARED\", "
                                       "\"approver\":\"carol\"}')"_s),
                   "ok");
    QCOMPARE(number(carol, u"SELECT count(*) FROM journal_entries WHERE attempt_id = 50 AND "
                           "state = 'PREPARED' AND approver = 'carol' AND recorded_by = "
                           "'carol'"_s),
             1);
    // The approver, once named, stays.
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.change(50, '{\"approver\":\"bob\"}')"_s), "42501");
    // Declining needs a note; DECLINED is final.
    QCOMPARE_STATE(run(carol, u"SELECT pg_temp.change(52, '{\"state\":\"DECLINED\", "
                              "\"approver\":\"carol\"}')"_s),
                   "42501");
    QCOMPARE_STATE(run(carol, u"SELECT pg_temp.change(52, '{\"state\":\"DECLINED\", "
                              "\"approver\":\"carol\", \"decision_note\":\"not a duplicate\"}')"_s),
                   "ok");
    QCOMPARE_STATE(run(bob, u"SELECT pg_temp.change(52, '{\"state\":\"PREPARED\"}')"_s), "23000");
    // Nothing goes back to waiting.
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.change(50, '{\"state\":\"AWAITING_APPROVAL\"}')"_s),
                   "42501");
}

void TestTeamRules::lapsedRequestExpires()
{
    const QSqlDatabase alice = as(u"alice"_s);
    const QSqlDatabase carol = as(u"carol"_s);
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(60, 'P60', 200000, 'AWAITING_APPROVAL', "
                              "jsonb_build_object('approval_deadline', canceldesk.now_ms() + "
                              "60000))"_s),
                   "ok");
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.change(60, '{\"state\":\"EXPIRED\"}')"_s), "42501");
    setClockOffset(120000);
    QCOMPARE_STATE(run(carol, u"SELECT pg_temp.change(60, '{\"state\":\"PREPARED\", "
                              "\"approver\":\"carol\"}')"_s),
                   "42501");
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.change(60, '{\"state\":\"EXPIRED\"}')"_s), "ok");
    setClockOffset(0);
}

void TestTeamRules::leasesByTheDatabaseClock()
{
    const QSqlDatabase alice = as(u"alice"_s);
    const QSqlDatabase bob = as(u"bob"_s);
    // More than ten minutes ahead of the database clock: refused.
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(70, 'P70', 5, 'PREPARED', "
                              "jsonb_build_object('owner_host', 'hostA', 'owner_pid', 1, "
                              "'lease_until', canceldesk.now_ms() + 3600000))"_s),
                   "42501");
    QCOMPARE_STATE(run(alice, u"SELECT pg_temp.prepare(70, 'P70', 5, 'PREPARED', "
                              "jsonb_build_object('owner_host', 'hostA', 'owner_pid', 1, "
                              "'lease_until', canceldesk.now_ms() + 120000))"_s),
                   "ok");
    const QString takeOver = u"SELECT pg_temp.change(70, jsonb_build_object('owner_host', "
                             "'hostB', 'owner_pid', 2, 'lease_until', canceldesk.now_ms() + "
                             "120000))"_s;
    // Another host, while the lease runs by the database's clock.
    QCOMPARE_STATE(run(bob, takeOver), "42501");
    // Handing it back to recovery is for the login that holds it.
    QCOMPARE_STATE(run(bob, u"SELECT pg_temp.change(70, '{\"owner_host\":\"\", "
                            "\"owner_pid\":0}')"_s),
                   "42501");
    // Once it ran out: taken over.
    setClockOffset(180000);
    QCOMPARE_STATE(run(bob, takeOver), "ok");
    setClockOffset(0);
    QCOMPARE(number(bob, u"SELECT owner_pid FROM cancel_attempts WHERE id = 70"_s), 2);
}

void TestTeamRules::onlyTheOwnerMovesTheClock()
{
    const QSqlDatabase alice = as(u"alice"_s);
    QCOMPARE_STATE(run(alice, u"CREATE OR REPLACE FUNCTION canceldesk.test_clock_offset_ms() "
                              "RETURNS bigint LANGUAGE sql AS 'SELECT 7200000::bigint'"_s),
                   "42501");
    // A setting of her own session moves nothing either.
    QCOMPARE_STATE(run(alice, u"SET canceldesk.clock_offset_ms = '7200000'"_s), "ok");
    const qint64 skew =
        number(alice, u"SELECT canceldesk.now_ms() - (extract(epoch FROM clock_timestamp()) * "
                      "1000)::bigint"_s);
    QVERIFY2(qAbs(skew) < 60000, qPrintable(QString::number(skew)));
}

// CancelDesk's own writes (attempt row first, then its entry, under the
// journal lock) pass the rules: in a single-login store for any operator
// name, in a team store for the login's own.
void TestTeamRules::cancelJournalWritesThroughTheRules()
{
    using namespace CancelDesk;
    const auto draft = [](const QString &paymentId, const QString &operatorName) {
        Storage::CancelAttempt a;
        a.provider = Domain::Provider::Uqpay;
        a.paymentId = paymentId;
        a.merchantReference = u"REF-"_s + paymentId;
        a.amount = {1999, u"USD"_s};
        a.paymentMethod = u"CARD"_s;
        a.operatorName = operatorName;
        a.environment = u"sandbox"_s;
        a.reason = Domain::CancelReason::Duplicate;
        a.note = u"customer paid twice"_s;
        return a;
    };
    const auto write = [&draft](const QString &url, const QString &paymentId,
                                const QString &operatorName) -> QString {
        Storage::Database db(url);
        QString error;
        if (!db.open(&error))
            return error;
        Storage::CancelJournal journal(db);
        const Storage::JournalResult prepared = journal.prepare(draft(paymentId, operatorName));
        if (!prepared.ok())
            return prepared.message;
        Storage::CancelAttempt sent = prepared.attempt;
        sent.state = Storage::AttemptState::Sent;
        sent.tries = 1;
        if (const Storage::JournalResult r = journal.record(sent); !r.ok())
            return r.message;
        const Storage::VerifyResult v = journal.verify();
        return v.ok ? u"ok"_s : v.problem;
    };
    // Fresh stores: the hand-written entries of the other tests carry no
    // CancelDesk hashes, so `log verify` would stop at them.
    const QString single = migratedDatabase();
    const QString team = migratedDatabase();
    QVERIFY(!single.isEmpty() && !team.isEmpty());
    QString error;
    QVERIFY2(m_server->exec(team, resourceText(u":/team/postgresql/roles.sql"_s), &error),
             qPrintable(error));
    QCOMPARE(write(m_server->urlFor(single), u"J1"_s, u"li.na"_s), u"ok"_s);
    QCOMPARE(number(connect(u"postgres"_s, single),
                    u"SELECT count(*) FROM journal_entries WHERE payment_id = 'J1' AND "
                    "format = 4 AND recorded_by = 'li.na'"_s),
             2);
    const QString asAlice = m_server->urlFor(team).replace(u"postgres@"_s, u"alice@"_s);
    QVERIFY2(asAlice.contains(u"alice@"_s), qPrintable(asAlice));
    QCOMPARE(write(asAlice, u"J2"_s, u"alice"_s), u"ok"_s);
    // In a team store the requester is the login, whatever name the client
    // was given (F21): CancelDesk writes the login, the database would refuse
    // anything else (operatorIsTheLogin).
    QCOMPARE(write(asAlice, u"J3"_s, u"li.na"_s), u"ok"_s);
    const QSqlDatabase owner = connect(u"postgres"_s, team);
    QCOMPARE(number(owner, u"SELECT count(*) FROM cancel_attempts WHERE payment_id = 'J3' AND "
                           "operator = 'alice'"_s),
             1);
    QCOMPARE(number(owner, u"SELECT count(*) FROM journal_entries WHERE payment_id = 'J3' AND "
                           "operator = 'alice' AND recorded_by = 'alice'"_s),
             2);
}

void TestTeamRules::psqlAuditorInsertIsRefused()
{
    const auto [code, error] =
        psql(u"dave"_s, u"INSERT INTO canceldesk.approval_thresholds VALUES ('USD', 0)"_s);
    QCOMPARE(code, 1);
    QVERIFY2(error.contains(u"permission denied"_s), qPrintable(error));
    QCOMPARE(number(as(u"dave"_s), u"SELECT amount_minor FROM approval_thresholds "
                                   "WHERE currency = 'USD'"_s),
             100000);
}

void TestTeamRules::psqlOperatorTruncateIsRefused()
{
    const qint64 before = number(as(u"alice"_s), u"SELECT count(*) FROM journal_entries"_s);
    QVERIFY(before > 0);
    const auto [code, error] = psql(u"alice"_s, u"TRUNCATE canceldesk.journal_entries CASCADE"_s);
    QCOMPARE(code, 1);
    QVERIFY2(error.contains(u"permission denied"_s), qPrintable(error));
    QCOMPARE(number(as(u"alice"_s), u"SELECT count(*) FROM journal_entries"_s), before);
}

// F20: the console gives the store the password from its keychain (or its
// login dialog): a login over TCP (scram-sha-256) opens with it, and a store
// without it, or with a wrong one, says the login was refused (the console
// then asks) without ever repeating the password.
void TestTeamRules::storeOpensWithThePasswordItIsGiven()
{
    qunsetenv("PGPASSWORD"); // only what the store is given
    qputenv("PGPASSFILE", "/nonexistent/.pgpass");
    using CancelDesk::Storage::Database;
    using CancelDesk::Storage::OpenFailure;
    const QString url = u"postgresql://carol@127.0.0.1:%1/%2"_s.arg(m_server->port()).arg(m_team);
    const QString secret = u"pw-carol"_s;
    {
        Database db(url);
        db.setPassword(secret);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(db.openFailure(), OpenFailure::None);
        QCOMPARE(db.teamLogin(), u"carol"_s);
    }
    for (const QString &given : {QString(), u"pw-wrong-one"_s}) {
        Database db(url);
        db.setPassword(given);
        QString error;
        QVERIFY(!db.open(&error));
        QCOMPARE(db.openFailure(), OpenFailure::LoginRefused);
        QVERIFY2(error.contains(u"refused the login of carol"_s), qPrintable(error));
        QVERIFY2(!error.contains(u"pw-"_s), qPrintable(error));
    }
    {
        // Nobody listening there: not a login problem.
        Database db(u"postgresql://carol@127.0.0.1:1/%1?connect_timeout=2"_s.arg(m_team));
        db.setPassword(secret);
        QString error;
        QVERIFY(!db.open(&error));
        QCOMPARE(db.openFailure(), OpenFailure::NoConnection);
        QVERIFY2(!error.contains(secret), qPrintable(error));
    }
    qunsetenv("PGPASSFILE");
}

QTEST_GUILESS_MAIN(TestTeamRules)
#include "tst_teamrules.moc"
