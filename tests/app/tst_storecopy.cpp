// StoreCopy (PRODUCT.md F26, `db copy --to URL`): a store copied into an
// empty one, on the engine under test, verifies there with the source's head;
// a target that is not empty, a copy that fails midway and (PostgreSQL) a
// login that does not own the schema leave the target as it was.

#include "handjournal.h"
#include "pgserver.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "storage/storecopy.h"
#include "testsupport.h"

#include <QFile>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <QUrl>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Storage;
using Domain::CancelReason;
using Domain::Provider;

namespace {

bool exec(const QSqlDatabase &db, const QString &sql, QString *error = nullptr)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

qint64 count(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT COUNT(*) FROM %1"_s.arg(table)) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

CancelAttempt draft(Provider provider, const QString &paymentId, qint64 amount = 1999)
{
    CancelAttempt a;
    a.provider = provider;
    a.paymentId = paymentId;
    a.merchantReference = u"REF-"_s + paymentId;
    a.amount = {amount, u"USD"_s};
    a.paymentMethod = u"CARD"_s;
    a.operatorName = u"li.na"_s;
    a.environment = u"sandbox"_s;
    a.reason = CancelReason::Duplicate;
    a.note = u"customer paid twice — 重复付款"_s;
    a.statusBefore = u"PENDING"_s;
    return a;
}

Domain::Order order(Provider provider, const QString &paymentId, Domain::NormStatus status,
                    const QString &raw)
{
    Domain::Order o;
    o.provider = provider;
    o.paymentId = paymentId;
    o.merchantReference = u"REF-"_s + paymentId;
    o.paymentMethod = u"CARD"_s;
    o.amount = {1999, u"USD"_s};
    o.rawStatus = raw;
    o.status = status;
    o.createdAt = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
    o.paidAt = o.createdAt.addSecs(60);
    // Bytes that are not text: bytea/BLOB must carry them unchanged.
    static constexpr char kPayload[] = "{\"raw\":\"\x00\xff\x01\"}";
    o.lastPayload = QByteArray(kPayload, sizeof(kPayload) - 1); // 13 bytes, the NUL inside too
    o.lastSyncedAt = o.createdAt.addSecs(120);
    return o;
}

// Every row of a table as text, ordered by key, leaving out `skip`.
QStringList rows(const QSqlDatabase &db, const QString &table, const QString &orderBy,
                 const QStringList &skip = {})
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT * FROM %1 ORDER BY %2"_s.arg(table, orderBy)))
        return {u"error: "_s + q.lastError().text()};
    QStringList out;
    while (q.next()) {
        const QSqlRecord r = q.record();
        QStringList names;
        for (int i = 0; i < r.count(); ++i) {
            if (!skip.contains(r.fieldName(i)))
                names.append(r.fieldName(i));
        }
        std::sort(names.begin(), names.end());
        QStringList cells;
        for (const QString &name : std::as_const(names)) {
            const QVariant v = r.value(name);
            QString text;
            if (v.isNull())
                text = u"NULL"_s;
            else if (v.metaType().id() == QMetaType::QByteArray)
                text = QString::fromLatin1(v.toByteArray().toHex());
            else
                text = v.toString();
            cells.append(name + u'=' + text);
        }
        out.append(cells.join(u"|"_s));
    }
    return out;
}

QString resourceText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing resource %s", qPrintable(path));
    return QString::fromUtf8(f.readAll());
}

const QStringList kTables{u"orders"_s, u"status_history"_s, u"cancel_attempts"_s,
                          u"journal_entries"_s, u"approval_thresholds"_s};

} // namespace

class TestStoreCopy final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void copiesEverything();
    void copiesFromTheEngineUnderTest();
    void copiesManyRowsInBatches();
    void newIdsFollowTheCopiedOnes();
    void refusesAStoreThatIsNotEmpty();
    void keepsTheTargetsThresholds();
    void failureMidwayLeavesTargetEmpty();
    void progressCanStop();
    void refusesALoginThatDoesNotOwnTheSchema();

private:
    // A SQLite store with journal formats 1-3 (written by schemas 2, 3 and
    // 5), opened at 6 and then used: cancels in several states, orders with
    // status history.
    void buildOldSource(const QString &path);
    // Orders and cancels in several states, written by this release.
    void fill(Database &db);
    JournalResult moveTo(CancelJournal &journal, qint64 id, AttemptState state);
    void compareStores(Database &source, Database &target, const QString &paymentId = u"PI_A"_s);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStoreCopy::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStoreCopy::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStoreCopy::cleanup()
{
    m_dir.reset();
}

JournalResult TestStoreCopy::moveTo(CancelJournal &journal, qint64 id, AttemptState state)
{
    CancelAttempt a = *journal.find(id);
    a.state = state;
    if (!inFlight(state))
        a.finishedAt = journal.clockNow();
    if (state == AttemptState::Sent)
        a.tries += 1;
    return journal.record(a);
}

void TestStoreCopy::fill(Database &db)
{
    OrderStore orders(db);
    using Domain::NormStatus;
    const QList<std::pair<Provider, QString>> keys{{Provider::Uqpay, u"PI_A"_s},
                                                   {Provider::Antom, u"2026B"_s},
                                                   {Provider::Liquido, u"LQ-C"_s},
                                                   {Provider::Uqpay, u"PI_D"_s},
                                                   {Provider::Uqpay, u"PI_E"_s}};
    for (const auto &[provider, id] : keys) {
        QVERIFY(orders
                    .upsert(order(provider, id, NormStatus::Pending, u"PENDING"_s),
                            StatusSource::Import)
                    .ok);
        QVERIFY(orders
                    .upsert(order(provider, id, NormStatus::Succeeded, u"SUCCEEDED"_s),
                            StatusSource::Refresh)
                    .ok);
    }
    CancelJournal journal(db);
    QList<qint64> ids;
    for (const auto &[provider, id] : keys) {
        const JournalResult r = journal.prepare(draft(provider, id));
        QVERIFY2(r.ok(), qPrintable(r.message));
        ids.append(r.attempt.id);
    }
    QVERIFY(moveTo(journal, ids[0], AttemptState::Sent).ok());
    QVERIFY(moveTo(journal, ids[0], AttemptState::Succeeded).ok());
    QVERIFY(moveTo(journal, ids[1], AttemptState::Sent).ok());
    QVERIFY(moveTo(journal, ids[1], AttemptState::Rejected).ok());
    QVERIFY(moveTo(journal, ids[2], AttemptState::Sent).ok());
    QVERIFY(moveTo(journal, ids[2], AttemptState::Unresolved).ok());
    QVERIFY(moveTo(journal, ids[3], AttemptState::Sent).ok());
    QVERIFY(moveTo(journal, ids[3], AttemptState::Confirming).ok());
    // ids[4] stays PREPARED (and leased to this process).
    const VerifyResult v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
}

void TestStoreCopy::buildOldSource(const QString &path)
{
    QString error;
    QString prev = QString(64, u'0');
    for (const auto &[version, format] : {std::pair{2, 1}, std::pair{3, 2}, std::pair{5, 3}}) {
        Database old(path);
        QVERIFY2(old.openAtVersion(version, &error), qPrintable(error));
        prev = Test::writeOldEntry(old.connection(), format, format, format, prev);
        QVERIFY(!prev.isEmpty());
    }
    Database db(path);
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    CancelJournal journal(db);
    // Attempt 1 (format 1) finishes now (format 4); 2 and 3 stay as they were.
    CancelAttempt a = *journal.find(1);
    a.state = AttemptState::Succeeded;
    a.finishedAt = journal.clockNow();
    const JournalResult r = journal.record(a);
    QVERIFY2(r.ok(), qPrintable(r.message));
    fill(db);
    QVERIFY(
        exec(db.connection(),
             u"INSERT INTO approval_thresholds (currency, amount_minor) VALUES ('USD', 100000)"_s));
    const VerifyResult v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(u"SELECT COUNT(DISTINCT format) FROM journal_entries"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 4);
}

void TestStoreCopy::compareStores(Database &source, Database &target, const QString &paymentId)
{
    const QSqlDatabase s = source.connection();
    const QSqlDatabase t = target.connection();
    // row_version is the target's own (its trigger numbers every write).
    QCOMPARE(rows(t, u"orders"_s, u"id"_s, {u"row_version"_s}),
             rows(s, u"orders"_s, u"id"_s, {u"row_version"_s}));
    QCOMPARE(rows(t, u"status_history"_s, u"id"_s), rows(s, u"status_history"_s, u"id"_s));
    QCOMPARE(rows(t, u"cancel_attempts"_s, u"id"_s), rows(s, u"cancel_attempts"_s, u"id"_s));
    QCOMPARE(rows(t, u"journal_entries"_s, u"seq"_s), rows(s, u"journal_entries"_s, u"seq"_s));
    QCOMPARE(rows(t, u"approval_thresholds"_s, u"currency"_s),
             rows(s, u"approval_thresholds"_s, u"currency"_s));
    // The domain's view agrees too (types, not only text).
    OrderStore so(source);
    OrderStore to(target);
    const auto sourceOrder = so.find(Provider::Uqpay, paymentId);
    const auto targetOrder = to.find(Provider::Uqpay, paymentId);
    QVERIFY(sourceOrder && targetOrder);
    QCOMPARE(*targetOrder, *sourceOrder);
    QCOMPARE(targetOrder->lastPayload.size(), 13);
    QCOMPARE(to.history(Provider::Uqpay, paymentId).size(),
             so.history(Provider::Uqpay, paymentId).size());
}

void TestStoreCopy::copiesEverything()
{
    const QString sourcePath = m_dir->filePath(u"old.sqlite"_s);
    buildOldSource(sourcePath);
    if (QTest::currentTestFailed())
        return;
    Database source(sourcePath);
    QString error;
    QVERIFY2(source.open(&error), qPrintable(error));
    const QString targetLocation = Test::storeLocation(*m_dir, u"target.sqlite"_s);
    Database target(targetLocation);
    QVERIFY2(target.open(&error), qPrintable(error));
    if (Test::enginePostgres()) {
        // `team init` has made it a team store: the rules that name the login
        // (operator, recorded_by) apply, and only the copy may write others'
        // names.
        QVERIFY2(Test::PgServer::instance()->exec(QUrl(targetLocation).path().mid(1),
                                                  resourceText(u":/team/postgresql/roles.sql"_s),
                                                  &error),
                 qPrintable(error));
        QSqlQuery team(target.connection());
        QVERIFY(team.exec(u"SELECT canceldesk.team_mode()"_s) && team.next());
        QVERIFY(team.value(0).toBool());
    }

    qint64 lastDone = -1;
    qint64 lastTotal = -1;
    StoreCopy copy(source, target);
    copy.setProgress([&](qint64 done, qint64 total) {
        lastDone = done;
        lastTotal = total;
        return true;
    });
    const CopyResult r = copy.run();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.verify.ok);

    const QSqlDatabase s = source.connection();
    QCOMPARE(r.counts.orders, count(s, u"orders"_s));
    QCOMPARE(r.counts.history, count(s, u"status_history"_s));
    QCOMPARE(r.counts.attempts, count(s, u"cancel_attempts"_s));
    QCOMPARE(r.counts.entries, count(s, u"journal_entries"_s));
    QCOMPARE(r.counts.thresholds, 1);
    QCOMPARE(r.counts.attempts, 8);
    QCOMPARE(r.verify.entriesChecked, r.counts.entries);
    for (const QString &table : kTables)
        QCOMPARE(count(target.connection(), table), count(s, table));
    QCOMPARE(lastDone, lastTotal);
    QCOMPARE(lastTotal, r.counts.orders + r.counts.history + r.counts.attempts + r.counts.entries
                            + r.counts.thresholds);

    CancelJournal sourceJournal(source);
    CancelJournal targetJournal(target);
    const auto sourceHead = sourceJournal.head();
    QVERIFY(sourceHead && sourceHead->seq > 0);
    QCOMPARE(r.sourceHead, *sourceHead);
    QCOMPARE(r.targetHead, *sourceHead);
    QCOMPARE(*targetJournal.head(), *sourceHead);
    const VerifyResult v = targetJournal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    compareStores(source, target);
}

// PostgreSQL to PostgreSQL (or SQLite to SQLite): the source is read on the
// engine under test too.
void TestStoreCopy::copiesFromTheEngineUnderTest()
{
    QString error;
    Database source(Test::storeLocation(*m_dir, u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    fill(source);
    if (QTest::currentTestFailed())
        return;
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    const CopyResult r = StoreCopy(source, target).run();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.counts.orders, 5);
    QCOMPARE(r.counts.history, count(source.connection(), u"status_history"_s));
    QCOMPARE(r.counts.attempts, 5);
    QCOMPARE(r.targetHead, *CancelJournal(source).head());
    compareStores(source, target);
}

// More rows than one statement takes: full batches and a shorter last one,
// the journal's link checked row by row within each statement.
void TestStoreCopy::copiesManyRowsInBatches()
{
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    QList<Domain::Order> many;
    for (int i = 0; i < 250; ++i)
        many.append(order(Provider::Uqpay, u"PI_%1"_s.arg(i, 4, 10, QChar(u'0')),
                          Domain::NormStatus::Pending, u"PENDING"_s));
    QVERIFY2(OrderStore(source).upsertMany(many, StatusSource::Import, &error), qPrintable(error));
    CancelJournal journal(source);
    for (int i = 0; i < 60; ++i) {
        const JournalResult r = journal.prepare(draft(Provider::Uqpay, many.at(i).paymentId));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QVERIFY(moveTo(journal, r.attempt.id, AttemptState::Succeeded).ok());
    }
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    StoreCopy copy(source, target);
    int calls = 0;
    copy.setProgress([&calls](qint64, qint64) {
        ++calls;
        return true;
    });
    const CopyResult r = copy.run();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.counts.orders, 250);
    QCOMPARE(r.counts.history, count(source.connection(), u"status_history"_s));
    QCOMPARE(r.counts.attempts, 60);
    QCOMPARE(r.counts.entries, 120);
    QVERIFY(calls > 10); // told along the way, not only at the end
    QCOMPARE(r.verify.entriesChecked, 120);
    compareStores(source, target, u"PI_0249"_s);
}

// After the copy the target is an ordinary store: new orders, history and
// attempts get ids after the copied ones, and the chain goes on.
void TestStoreCopy::newIdsFollowTheCopiedOnes()
{
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    fill(source);
    if (QTest::currentTestFailed())
        return;
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    const CopyResult r = StoreCopy(source, target).run();
    QVERIFY2(r.ok(), qPrintable(r.error));

    OrderStore orders(target);
    QVERIFY(
        orders
            .upsert(order(Provider::Antom, u"2026NEW"_s, Domain::NormStatus::Pending, u"PENDING"_s),
                    StatusSource::Import)
            .ok);
    QSqlQuery q(target.connection());
    QVERIFY(q.exec(u"SELECT id FROM orders WHERE payment_id = '2026NEW'"_s) && q.next());
    QCOMPARE(q.value(0).toLongLong(), r.counts.orders + 1);
    q.finish();
    QVERIFY(q.exec(u"SELECT max(id) FROM status_history"_s) && q.next());
    QCOMPARE(q.value(0).toLongLong(), r.counts.history + 1);
    q.finish();
    CancelJournal journal(target);
    const JournalResult p = journal.prepare(draft(Provider::Antom, u"2026NEW"_s));
    QVERIFY2(p.ok(), qPrintable(p.message));
    QCOMPARE(p.attempt.id, r.counts.attempts + 1);
    const VerifyResult v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(journal.head()->seq, r.targetHead.seq + 1);
}

void TestStoreCopy::refusesAStoreThatIsNotEmpty()
{
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    fill(source);
    if (QTest::currentTestFailed())
        return;
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    // One order is enough to refuse.
    QVERIFY(OrderStore(target)
                .upsert(order(Provider::Uqpay, u"PI_THERE"_s, Domain::NormStatus::Pending,
                              u"PENDING"_s),
                        StatusSource::Import)
                .ok);
    QStringList before;
    for (const QString &table : kTables)
        before << rows(target.connection(), table,
                       table == u"approval_thresholds" ? u"currency"_s
                       : table == u"journal_entries"   ? u"seq"_s
                                                       : u"id"_s);
    const CopyResult r = StoreCopy(source, target).run();
    QVERIFY(!r.ok());
    QCOMPARE(r.status, CopyResult::Status::TargetNotReady);
    QVERIFY2(r.error.contains(u"not empty"_s), qPrintable(r.error));
    QStringList after;
    for (const QString &table : kTables)
        after << rows(target.connection(), table,
                      table == u"approval_thresholds" ? u"currency"_s
                      : table == u"journal_entries"   ? u"seq"_s
                                                      : u"id"_s);
    QCOMPARE(after, before);
    QCOMPARE(r.counts.orders, 0);
}

// `team threshold` may come before the copy: the target's threshold for a
// currency stays, the source's others are copied.
void TestStoreCopy::keepsTheTargetsThresholds()
{
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    QVERIFY(exec(source.connection(), u"INSERT INTO approval_thresholds (currency, amount_minor) "
                                      "VALUES ('USD', 100000), ('EUR', 50000)"_s));
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    QVERIFY(
        exec(target.connection(),
             u"INSERT INTO approval_thresholds (currency, amount_minor) VALUES ('USD', 5000)"_s));
    const CopyResult r = StoreCopy(source, target).run();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.counts.thresholds, 1);
    QCOMPARE(
        rows(target.connection(), u"approval_thresholds"_s, u"currency"_s),
        (QStringList{u"amount_minor=50000|currency=EUR"_s, u"amount_minor=5000|currency=USD"_s}));
}

void TestStoreCopy::failureMidwayLeavesTargetEmpty()
{
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    fill(source);
    if (QTest::currentTestFailed())
        return;
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    // Orders, history and the first attempts are in when the fourth
    // attempt's row is refused.
    QVERIFY2(Test::addRefusingTrigger(target.connection(), u"refuse_copy"_s, u"INSERT"_s,
                                      u"cancel_attempts"_s, u"PI_D"_s, u"disk on fire"_s, &error),
             qPrintable(error));
    const CopyResult r = StoreCopy(source, target).run();
    QVERIFY(!r.ok());
    QCOMPARE(r.status, CopyResult::Status::Failed);
    QVERIFY2(r.error.contains(u"disk on fire"_s), qPrintable(r.error));
    QVERIFY(r.counts.orders > 0); // it got that far
    for (const QString &table : kTables)
        QCOMPARE(count(target.connection(), table), 0);
    // Without the trigger the same target takes the copy.
    QVERIFY(Test::dropRefusingTrigger(target.connection(), u"refuse_copy"_s, u"cancel_attempts"_s));
    const CopyResult again = StoreCopy(source, target).run();
    QVERIFY2(again.ok(), qPrintable(again.error));
}

void TestStoreCopy::progressCanStop()
{
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    fill(source);
    if (QTest::currentTestFailed())
        return;
    Database target(Test::storeLocation(*m_dir, u"target.sqlite"_s));
    QVERIFY2(target.open(&error), qPrintable(error));
    StoreCopy copy(source, target);
    copy.setProgress([](qint64, qint64) { return false; });
    const CopyResult r = copy.run();
    QCOMPARE(r.status, CopyResult::Status::Stopped);
    for (const QString &table : kTables)
        QCOMPARE(count(target.connection(), table), 0);
}

void TestStoreCopy::refusesALoginThatDoesNotOwnTheSchema()
{
    if (!Test::enginePostgres())
        QSKIP("PostgreSQL only: a SQLite store has no logins.");
    QString error;
    Database source(m_dir->filePath(u"source.sqlite"_s));
    QVERIFY2(source.open(&error), qPrintable(error));
    fill(source);
    if (QTest::currentTestFailed())
        return;
    const QString ownerUrl = Test::storeLocation(*m_dir, u"target.sqlite"_s);
    {
        Database owner(ownerUrl); // postgres migrates it
        QVERIFY2(owner.open(&error), qPrintable(error));
    }
    Test::PgServer *server = Test::PgServer::instance();
    QVERIFY2(server->createLogin(u"mover"_s, u"secret-pw"_s, &error), qPrintable(error));
    QUrl url(ownerUrl);
    url.setUserName(u"mover"_s); // the socket trusts every login
    const QString moverUrl = url.toString();

    // A login granted nothing cannot even open the store, and says why.
    {
        Database mover(moverUrl);
        QVERIFY(!mover.open(&error));
        QVERIFY2(error.contains(u"Not permitted"_s) || error.contains(u"permission"_s),
                 qPrintable(error));
        // What db copy says instead: who may copy.
        const QString problem = StoreCopy::ownerProblem(mover);
        QVERIFY2(problem.contains(u"owner of the team database (postgres)"_s)
                     && problem.contains(u"mover"_s),
                 qPrintable(problem));
    }
    // A login that may read and write (an operator's rights) is still not
    // the owner: the copy is refused before anything is written.
    const QString database = url.path().mid(1);
    QVERIFY2(server->exec(database,
                          u"GRANT USAGE ON SCHEMA canceldesk TO mover; "
                          "GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA canceldesk TO mover; "
                          "GRANT USAGE ON ALL SEQUENCES IN SCHEMA canceldesk TO mover; "
                          "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA canceldesk TO mover"_s,
                          &error),
             qPrintable(error));
    Database mover(moverUrl);
    QVERIFY2(mover.open(&error), qPrintable(error));
    const CopyResult r = StoreCopy(source, mover).run();
    QCOMPARE(r.status, CopyResult::Status::NotOwner);
    QCOMPARE(r.error, StoreCopy::ownerProblem(mover));
    QVERIFY2(r.error.contains(u"owner"_s) && r.error.contains(u"mover"_s), qPrintable(r.error));
    Database owner(ownerUrl);
    QVERIFY2(owner.open(&error), qPrintable(error));
    QVERIFY(StoreCopy::ownerProblem(owner).isEmpty());
    for (const QString &table : kTables)
        QCOMPARE(count(owner.connection(), table), 0);
}

QTEST_GUILESS_MAIN(TestStoreCopy)
#include "tst_storecopy.moc"
