#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>
#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Storage;

namespace {

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning("query failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

bool exec(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning("exec failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

QStringList objects(const QSqlDatabase &db, const QString &type)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' "
              "ORDER BY name"_s);
    q.addBindValue(type);
    QStringList names;
    if (q.exec()) {
        while (q.next())
            names.append(q.value(0).toString());
    }
    return names;
}

QStringList columns(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    QStringList names;
    if (q.exec(u"PRAGMA table_info(%1)"_s.arg(table))) {
        while (q.next())
            names.append(q.value(1).toString());
    }
    return names;
}

// Rows as an older release wrote them, with plain SQL valid at that schema version.
bool insertFixture(const QSqlDatabase &db, int version)
{
    bool ok = true;
    if (version >= 1) {
        ok = ok
             && exec(db, u"INSERT INTO orders (provider, payment_id, merchant_reference, "
                         "payment_method, amount_minor, currency, raw_status, status, flags, "
                         "created_at, cancel_deadline, last_payload) VALUES ('uqpay', 'PI_OLD', "
                         "'M-1', 'CARD', 1234, 'USD', 'SUCCEEDED', 'SUCCEEDED', 1, "
                         "1700000000000, 1700000600000, x'7B7D')"_s)
             && exec(db, u"INSERT INTO status_history (order_id, at, raw_after, status_after, "
                         "source) VALUES (1, 1700000000000, 'SUCCEEDED', 'SUCCEEDED', 'import')"_s);
    }
    if (version >= 2) {
        ok = ok
             && exec(db, u"INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, "
                         "currency, operator, environment, reason, idempotency_key, state, "
                         "requested_at, entry_seq, entry_hash) VALUES (1, 'uqpay', 'PI_OLD', "
                         "1234, 'USD', 'li.na', 'sandbox', 'duplicate', 'key-1', 'REJECTED', "
                         "1700000100000, 1, 'h1')"_s)
             && exec(db, u"INSERT INTO journal_entries (seq, attempt_id, provider, payment_id, "
                         "merchant_reference, amount_minor, currency, payment_method, operator, "
                         "environment, reason, note, idempotency_key, state, provider_code, "
                         "provider_message, http_status, tries, requested_at, finished_at, "
                         "latency_ms, status_before, status_after, recorded_at, prev_hash, "
                         "entry_hash) VALUES (1, 1, 'uqpay', 'PI_OLD', '', 1234, 'USD', '', "
                         "'li.na', 'sandbox', 'duplicate', '', 'key-1', 'REJECTED', '', '', 0, "
                         "0, 1700000100000, NULL, -1, '', '', 1700000100000, 'p', 'h1')"_s);
    }
    return ok;
}

class Worker final : public QThread
{
public:
    explicit Worker(Database &db)
        : m_db(db)
    {}

    QString connectionName;
    int orders = -1;
    int foreignKeys = -1;
    QString journalMode;

protected:
    void run() override
    {
        const QSqlDatabase db = m_db.connection();
        connectionName = db.connectionName();
        orders = scalar(db, u"SELECT COUNT(*) FROM orders"_s).toInt();
        foreignKeys = scalar(db, u"PRAGMA foreign_keys"_s).toInt();
        journalMode = scalar(db, u"PRAGMA journal_mode"_s).toString();
    }

private:
    Database &m_db;
};

} // namespace

class TestDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void migrationsAreDiscovered();
    void freshDatabaseReachesLatestVersion();
    void everyConnectionHasThePragmas();
    void openCreatesTheFolder();
    void newDatabaseIsPrivate_data();
    void newDatabaseIsPrivate();
    void upgradeFromEveryEarlierVersion_data();
    void upgradeFromEveryEarlierVersion();
    void openAtVersionStopsThere();
    void openAtVersionRejectsUnknownVersions();
    void newerSchemaIsRefused();
    void fileThatIsNotADatabase();
    void failedMigrationLeavesThePreviousVersion();
    void connectionsArePerThread();
    void twoDatabaseObjectsDoNotShareConnections();
    void writeTransactionRollsBackUnlessCommitted();
    void writeTransactionTakesTheWriteLockAtBegin();
    void errorTextHasNoBoundValues();
    void splitSqlScript_data();
    void splitSqlScript();

private:
    QString dbPath(const QString &name = u"canceldesk.sqlite"_s) const
    {
        return m_dir->filePath(name);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDatabase::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestDatabase::migrationsAreDiscovered()
{
    // The same versions, under the same names, for both engines.
    const QStringList files =
        QDir(u":/migrations/sqlite"_s).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    QCOMPARE(QDir(u":/migrations/postgresql"_s).entryList({u"*.sql"_s}, QDir::Files, QDir::Name),
             files);
    QCOMPARE(Database::latestSchemaVersion(), files.size());
    QCOMPARE(Database::latestSchemaVersion(), 8);
    for (qsizetype i = 0; i < files.size(); ++i)
        QVERIFY2(files.at(i).startsWith(u"%1_"_s.arg(i + 1, 4, 10, QChar(u'0'))),
                 qPrintable(files.at(i)));
}

void TestDatabase::freshDatabaseReachesLatestVersion()
{
    Database db(dbPath());
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    const QSqlDatabase c = db.connection();
    QCOMPARE(objects(c, u"table"_s),
             QStringList({u"approval_thresholds"_s, u"cancel_attempts"_s, u"journal_entries"_s,
                          u"orders"_s, u"status_history"_s}));
    const QStringList indexes = objects(c, u"index"_s);
    for (const QString &index :
         {u"orders_created"_s, u"orders_provider_status"_s, u"orders_reference"_s,
          u"orders_deadline"_s, u"orders_payment_id"_s, u"cancel_attempts_one_active"_s,
          u"journal_entries_attempt"_s, u"orders_row_version"_s})
        QVERIFY2(indexes.contains(index), qPrintable(index));
    const QStringList triggers = objects(c, u"trigger"_s);
    QVERIFY(triggers.contains(u"journal_entries_no_update"_s));
    QVERIFY(triggers.contains(u"journal_entries_no_delete"_s));
    QVERIFY(columns(c, u"cancel_attempts"_s).contains(u"lease_until"_s));
    QVERIFY(columns(c, u"journal_entries"_s).contains(u"format"_s));

    // Opening again is a no-op.
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
}

void TestDatabase::everyConnectionHasThePragmas()
{
    Database db(dbPath());
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const QSqlDatabase c = db.connection();
    QCOMPARE(scalar(c, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(c, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(c, u"PRAGMA synchronous"_s).toInt(), 2); // FULL
    QCOMPARE(scalar(c, u"PRAGMA busy_timeout"_s).toInt(), 5000);
    // WAL is a property of the file: a second Database object sees it too.
    Database again(dbPath());
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(scalar(again.connection(), u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(again.connection(), u"PRAGMA foreign_keys"_s).toInt(), 1);
}

void TestDatabase::openCreatesTheFolder()
{
    const QString path = m_dir->filePath(u"a/b/c/store.sqlite"_s);
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QVERIFY(QFile::exists(path));
    QCOMPARE(db.path(), path);
}

void TestDatabase::newDatabaseIsPrivate_data()
{
    QTest::addColumn<int>("umask");
    QTest::addRow("umask 022") << 022;
    QTest::addRow("umask 000") << 0;
}

// The store holds payments and the cancel log: its folder is 0700 and the
// file (and its -wal and -shm) 0600 when CancelDesk creates them, whatever
// the umask.
void TestDatabase::newDatabaseIsPrivate()
{
    QFETCH(int, umask);
    const mode_t previous = ::umask(mode_t(umask));
    const auto restore = qScopeGuard([previous] { ::umask(previous); });
    const QString folder = m_dir->filePath(u"private/store"_s);
    const QString path = folder + u"/canceldesk.sqlite"_s;
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    // A write, so that the -wal and -shm files exist.
    QVERIFY(exec(db.connection(), u"CREATE TABLE probe (x)"_s));

    const auto mode = [](const QString &file) {
        struct stat st
        {
        };
        if (::stat(QFile::encodeName(file).constData(), &st) != 0)
            return -1;
        return int(st.st_mode & 07777);
    };
    QCOMPARE(mode(folder), 0700);
    QCOMPARE(mode(m_dir->filePath(u"private"_s)), 0700);
    QCOMPARE(mode(path), 0600);
    QVERIFY(QFile::exists(path + u"-wal"_s));
    QCOMPARE(mode(path + u"-wal"_s), 0600);
    QCOMPARE(mode(path + u"-shm"_s), 0600);
}

void TestDatabase::upgradeFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("from");
    for (int v = 0; v < Database::latestSchemaVersion(); ++v)
        QTest::addRow("from %d", v) << v;
}

void TestDatabase::upgradeFromEveryEarlierVersion()
{
    QFETCH(int, from);
    QString error;
    {
        Database old(dbPath());
        QVERIFY2(old.openAtVersion(from, &error), qPrintable(error));
        QCOMPARE(old.schemaVersion(), from);
        QVERIFY(insertFixture(old.connection(), from));
    }
    Database db(dbPath());
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());

    OrderStore store(db);
    const auto order = store.find(Domain::Provider::Uqpay, u"PI_OLD"_s);
    QCOMPARE(order.has_value(), from >= 1);
    if (from >= 1) {
        QCOMPARE(order->merchantReference, u"M-1"_s);
        QCOMPARE(order->amount, (Domain::Money{1234, u"USD"_s}));
        QCOMPARE(order->status, Domain::NormStatus::Succeeded);
        QCOMPARE(order->flags, Domain::StatusFlags(Domain::StatusFlag::Refunded));
        QCOMPARE(order->createdAt, QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC));
        QCOMPARE(order->cancelDeadline, QDateTime::fromMSecsSinceEpoch(1700000600000, Qt::UTC));
        QCOMPARE(order->lastPayload, QByteArray("{}"));
        QCOMPARE(store.history(Domain::Provider::Uqpay, u"PI_OLD"_s).size(), 1);
        // The upgraded database takes new data as well.
        Domain::Order fresh = *order;
        fresh.paymentId = u"PI_NEW"_s;
        QVERIFY(store.upsert(fresh, StatusSource::Import).ok);
    }

    CancelJournal journal(db);
    const auto attempt = journal.find(1);
    QCOMPARE(attempt.has_value(), from >= 2);
    if (from >= 2) {
        QCOMPARE(attempt->idempotencyKey, u"key-1"_s);
        QCOMPARE(attempt->state, AttemptState::Rejected);
        QCOMPARE(attempt->reason, Domain::CancelReason::Duplicate);
        // Columns added later carry their defaults.
        QCOMPARE(attempt->ownerHost, QString());
        QCOMPARE(attempt->ownerPid, 0);
        QVERIFY(!attempt->leaseUntil.isValid());
        QCOMPARE(scalar(db.connection(), u"SELECT format FROM journal_entries"_s).toInt(), 1);
    }
}

void TestDatabase::openAtVersionStopsThere()
{
    QString error;
    Database db(dbPath());
    QVERIFY2(db.openAtVersion(1, &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), 1);
    QCOMPARE(objects(db.connection(), u"table"_s), QStringList({u"orders"_s, u"status_history"_s}));
    QVERIFY2(db.openAtVersion(2, &error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), 2);
    QVERIFY(!columns(db.connection(), u"cancel_attempts"_s).contains(u"owner_host"_s));
    // Never downwards.
    QVERIFY(!db.openAtVersion(1, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(db.schemaVersion(), 2);
}

void TestDatabase::openAtVersionRejectsUnknownVersions()
{
    QString error;
    Database db(dbPath());
    QVERIFY(!db.openAtVersion(-1, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!db.openAtVersion(Database::latestSchemaVersion() + 1, &error));
    QVERIFY(!error.isEmpty());
}

void TestDatabase::newerSchemaIsRefused()
{
    QString error;
    const int newer = Database::latestSchemaVersion() + 1;
    {
        Database db(dbPath());
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(exec(db.connection(), u"PRAGMA user_version = %1"_s.arg(newer)));
    }
    Database db(dbPath());
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
    QVERIFY2(error.contains(QString::number(newer)), qPrintable(error));
    // Nothing was changed: the newer program can still use its file.
    QCOMPARE(db.schemaVersion(), newer);
}

void TestDatabase::fileThatIsNotADatabase()
{
    QFile file(dbPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray junk = QByteArray("this is a spreadsheet, not a database\n").repeated(200);
    file.write(junk);
    file.close();

    Database db(dbPath());
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(u"not a CancelDesk database"_s), qPrintable(error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(dbPath())), qPrintable(error));
    QCOMPARE(db.schemaVersion(), -1);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), junk);
}

void TestDatabase::failedMigrationLeavesThePreviousVersion()
{
    QString error;
    {
        Database db(dbPath());
        QVERIFY2(db.openAtVersion(2, &error), qPrintable(error));
        // Something in the way of migration 3's last statement.
        QVERIFY(exec(db.connection(), u"CREATE TABLE orders_payment_id (x)"_s));
    }
    Database db(dbPath());
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(u"schema version 3"_s), qPrintable(error));
    QCOMPARE(db.schemaVersion(), 2);
    // The earlier statements of migration 3 were rolled back with it.
    QVERIFY(!columns(db.connection(), u"cancel_attempts"_s).contains(u"owner_host"_s));
    QVERIFY(!objects(db.connection(), u"index"_s).contains(u"orders_deadline"_s));
}

void TestDatabase::connectionsArePerThread()
{
    Database db(dbPath());
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QVERIFY(insertFixture(db.connection(), 1));
    const QString mainName = db.connection().connectionName();
    QCOMPARE(db.connection().connectionName(), mainName); // reused

    Worker worker(db);
    worker.start();
    QVERIFY(worker.wait(10000));
    QVERIFY(!worker.connectionName.isEmpty());
    QVERIFY(worker.connectionName != mainName);
    QCOMPARE(worker.orders, 1);
    QCOMPARE(worker.foreignKeys, 1);
    QCOMPARE(worker.journalMode, u"wal"_s);
    // Closed and removed when its thread finished.
    QVERIFY(!QSqlDatabase::connectionNames().contains(worker.connectionName));
    QVERIFY(QSqlDatabase::connectionNames().contains(mainName));
}

void TestDatabase::twoDatabaseObjectsDoNotShareConnections()
{
    QString error;
    QString firstName;
    {
        Database a(dbPath());
        Database b(dbPath());
        QVERIFY2(a.open(&error), qPrintable(error));
        QVERIFY2(b.open(&error), qPrintable(error));
        firstName = a.connection().connectionName();
        QVERIFY(firstName != b.connection().connectionName());
        QVERIFY(insertFixture(a.connection(), 1));
        QCOMPARE(scalar(b.connection(), u"SELECT COUNT(*) FROM orders"_s).toInt(), 1);
    }
    QVERIFY(!QSqlDatabase::connectionNames().contains(firstName));
}

void TestDatabase::writeTransactionRollsBackUnlessCommitted()
{
    Database db(dbPath());
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const QSqlDatabase c = db.connection();
    {
        WriteTransaction tx(c);
        QVERIFY2(tx.begin(&error), qPrintable(error));
        QVERIFY(insertFixture(c, 1));
        QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM orders"_s).toInt(), 1);
    }
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM orders"_s).toInt(), 0);
    {
        WriteTransaction tx(c);
        QVERIFY2(tx.begin(&error), qPrintable(error));
        QVERIFY(insertFixture(c, 1));
        QVERIFY2(tx.commit(&error), qPrintable(error));
    }
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM orders"_s).toInt(), 1);
}

void TestDatabase::writeTransactionTakesTheWriteLockAtBegin()
{
    QString error;
    Database a(dbPath());
    Database b(dbPath());
    QVERIFY2(a.open(&error), qPrintable(error));
    QVERIFY2(b.open(&error), qPrintable(error));
    const QSqlDatabase cb = b.connection();
    QVERIFY(exec(cb, u"PRAGMA busy_timeout = 50"_s)); // keep the test fast

    WriteTransaction first(a.connection());
    QVERIFY2(first.begin(&error), qPrintable(error));
    // A deferred BEGIN would succeed here and fail only at the first write.
    WriteTransaction second(cb);
    QVERIFY(!second.begin(&error));
    QVERIFY2(error.contains(u"busy"_s), qPrintable(error));
    // Readers are not blocked (WAL).
    QCOMPARE(scalar(cb, u"SELECT COUNT(*) FROM orders"_s).toInt(), 0);
    QVERIFY2(first.commit(&error), qPrintable(error));
    WriteTransaction third(cb);
    QVERIFY2(third.begin(&error), qPrintable(error));
}

void TestDatabase::errorTextHasNoBoundValues()
{
    Database db(dbPath());
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const QString secret = u"sk_live_DO_NOT_LEAK"_s;
    QSqlQuery q(db.connection());
    q.prepare(u"INSERT INTO orders (provider, payment_id) VALUES (?, ?)"_s);
    q.addBindValue(u"uqpay"_s);
    q.addBindValue(secret);
    QVERIFY(q.exec());
    QVERIFY(!q.exec()); // the same key again
    const QString text = Database::errorText(q.lastError());
    QVERIFY(!text.isEmpty());
    QVERIFY2(!text.contains(secret), qPrintable(text));
    QVERIFY2(text.contains(u"UNIQUE"_s), qPrintable(text));
}

void TestDatabase::splitSqlScript_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");

    QTest::addRow("two statements")
        << u"CREATE TABLE a (x);\nCREATE TABLE b (y);\n"_s
        << QStringList{u"CREATE TABLE a (x)"_s, u"CREATE TABLE b (y)"_s};
    QTest::addRow("no final semicolon")
        << u"SELECT 1; SELECT 2"_s << QStringList{u"SELECT 1"_s, u"SELECT 2"_s};
    QTest::addRow("semicolon in a string")
        << u"INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 1;"_s
        << QStringList{u"INSERT INTO t VALUES ('a;b', 'it''s; fine')"_s, u"SELECT 1"_s};
    QTest::addRow("semicolon in identifiers")
        << u"CREATE TABLE \"x;y\" ([a;b], `c;d`);"_s
        << QStringList{u"CREATE TABLE \"x;y\" ([a;b], `c;d`)"_s};
    QTest::addRow("semicolon in comments") << u"-- one; two\nSELECT 1 /* three; */;"_s
                                           << QStringList{u"-- one; two\nSELECT 1 /* three; */"_s};
    QTest::addRow("only comments are dropped")
        << u"SELECT 1;\n-- the end;\n/* really; */\n"_s << QStringList{u"SELECT 1"_s};
    const QString trigger = u"CREATE TRIGGER t BEFORE UPDATE ON a\nBEGIN\n"
                            "    SELECT RAISE(ABORT, 'no; never');\n"
                            "    UPDATE b SET y = 1;\nEND"_s;
    QTest::addRow("trigger body") << trigger + u";\nSELECT 2;"_s
                                  << QStringList{trigger, u"SELECT 2"_s};
    const QString caseTrigger = u"CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN\n"
                                "  SELECT CASE WHEN NEW.x > 1 THEN RAISE(ABORT, 'big') END;\n"
                                "  SELECT 1;\nend"_s;
    QTest::addRow("CASE inside a trigger")
        << caseTrigger + u"; SELECT 3"_s << QStringList{caseTrigger, u"SELECT 3"_s};
    QTest::addRow("BEGIN outside a trigger")
        << u"BEGIN; SELECT CASE WHEN 1 THEN 2 END; COMMIT;"_s
        << QStringList{u"BEGIN"_s, u"SELECT CASE WHEN 1 THEN 2 END"_s, u"COMMIT"_s};
    QTest::addRow("empty") << u"  \n ;; \n"_s << QStringList{};
    const QString function = u"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                             "BEGIN\n  IF NEW.x > 1 THEN RAISE EXCEPTION 'big; no'; END IF;\n"
                             "  RETURN NEW;\nEND\n$$"_s;
    QTest::addRow("dollar-quoted function body")
        << function + u";\nSELECT 1;"_s << QStringList{function, u"SELECT 1"_s};
    const QString tagged = u"DO $body$ BEGIN PERFORM 1; PERFORM '$$'; END $body$"_s;
    QTest::addRow("tagged dollar quote holding $$")
        << tagged + u"; SELECT 2"_s << QStringList{tagged, u"SELECT 2"_s};
    QTest::addRow("$1 is not a quote") << u"PREPARE p AS SELECT $1; SELECT 2"_s
                                       << QStringList{u"PREPARE p AS SELECT $1"_s, u"SELECT 2"_s};
    QTest::addRow("PostgreSQL trigger without a body")
        << u"CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
           "CREATE TABLE b (y);"_s
        << QStringList{u"CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()"_s,
                       u"CREATE TABLE b (y)"_s};
}

void TestDatabase::splitSqlScript()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(Storage::splitSqlScript(script), statements);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
