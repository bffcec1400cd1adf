#include "domain/cancelpolicy.h"
#include "providers/uqpay/uqpayparser.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "storage/rowcursor.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <numeric>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Storage;
using Domain::NormStatus;
using Domain::Order;
using Domain::OrderKey;
using Domain::Provider;
using Domain::StatusFlag;
using Domain::StatusFlags;
using Sort = OrderQuery::Sort;

Q_DECLARE_METATYPE(OrderQuery)
Q_DECLARE_METATYPE(CancelDesk::Domain::Provider)
Q_DECLARE_METATYPE(CancelDesk::Storage::StatusSource)
Q_DECLARE_METATYPE(CancelDesk::Storage::OrderQuery::Sort)

namespace {

const QDateTime kBase = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC); // 2026-01-01

Order makeOrder(Provider provider, const QString &id, const QString &raw = u"PENDING"_s)
{
    Order o;
    o.provider = provider;
    o.paymentId = id;
    o.merchantReference = u"REF-"_s + id;
    o.paymentMethod = u"CARD"_s;
    o.amount = {1000, u"USD"_s};
    o.rawStatus = raw;
    o.status = Domain::mapProviderStatus(provider, raw).status;
    o.createdAt = kBase;
    return o;
}

QStringList ids(const QList<Order> &orders)
{
    QStringList list;
    for (const Order &o : orders)
        list.append(o.paymentId);
    return list;
}

// The 30 orders the query and sort tests run on: every column has ties and
// unknown values, so the id tie-break and NULL ordering are exercised.
QList<Order> catalogue()
{
    const Provider providers[] = {Provider::Uqpay, Provider::Antom, Provider::Liquido};
    const char16_t *methods[] = {u"CARD", u"WECHATPAY", u"PIX_DYNAMIC_QR", u"card"};
    const char16_t *raws[][3] = {{u"PENDING", u"PROCESSING", u"IN_PROGRESS"},
                                 {u"SUCCEEDED", u"SUCCESS", u"SETTLED"},
                                 {u"CANCELLED", u"CANCELLED", u"CANCELLED"},
                                 {u"REQUIRES_CAPTURE", u"FAIL", u"REFUNDED"}};
    QList<Order> orders;
    for (int i = 0; i < 30; ++i) {
        const int p = i % 3;
        Order o;
        o.provider = providers[p];
        o.paymentId = u"%1%2"_s.arg(p == 0   ? u"PI"_s
                                    : p == 1 ? u"2026"_s
                                             : u"LQ-"_s)
                          .arg(i * 7 % 30, 3, 10, QChar(u'0'));
        o.merchantReference = i % 5 == 0 ? QString() : u"M-%1"_s.arg(i % 4);
        o.paymentMethod = QString::fromUtf16(methods[i % 4]);
        o.amount = {qint64((i * 13) % 7) * 100, u"USD"_s};
        o.rawStatus = QString::fromUtf16(raws[(i / 3) % 4][p]);
        const Domain::MappedStatus mapped = Domain::mapProviderStatus(o.provider, o.rawStatus);
        o.status = mapped.status;
        o.flags = mapped.flags;
        if (i % 9 == 4 || i == 23)
            o.flags |= StatusFlag::Conflict;
        o.createdAt = i % 11 == 3 ? QDateTime() : kBase.addSecs((i % 6) * 600);
        o.cancelDeadline = i % 4 == 1 ? QDateTime() : kBase.addSecs(3600 + (i % 5) * 900);
        o.lastSyncedAt = i % 3 == 0 ? QDateTime() : kBase.addSecs(i % 2 * 60);
        orders.append(o);
    }
    return orders;
}

// -1, 0, 1 comparison of two known-or-unknown instants; unknown first.
int compareTimes(const QDateTime &a, const QDateTime &b, bool unknownLast = false)
{
    if (a.isValid() != b.isValid()) {
        const int unknownFirst = a.isValid() ? 1 : -1;
        return unknownLast ? -unknownFirst : unknownFirst;
    }
    if (!a.isValid())
        return 0;
    return a < b ? -1 : (b < a ? 1 : 0);
}

template<typename T> int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareBy(Sort sort, const Order &a, const Order &b)
{
    switch (sort) {
    case Sort::Provider:
        return compareValues(Domain::providerKey(a.provider), Domain::providerKey(b.provider));
    case Sort::PaymentId:
        return compareValues(a.paymentId, b.paymentId);
    case Sort::MerchantReference:
        return compareValues(a.merchantReference, b.merchantReference);
    case Sort::Method:
        return compareValues(a.paymentMethod, b.paymentMethod);
    case Sort::Amount:
        return compareValues(a.amount.minor, b.amount.minor);
    case Sort::Status:
        return compareValues(Domain::statusKey(a.status), Domain::statusKey(b.status));
    case Sort::Created:
        return compareTimes(a.createdAt, b.createdAt);
    case Sort::Deadline:
        return compareTimes(a.cancelDeadline, b.cancelDeadline, true);
    case Sort::LastSynced:
        return compareTimes(a.lastSyncedAt, b.lastSyncedAt);
    }
    return 0;
}

// Every line of an EXPLAIN QUERY PLAN that reads the orders table uses an index.
bool onPostgres()
{
    return Test::engine() == u"postgresql";
}

// Whether the plan reads orders through indexes only. PostgreSQL: no
// sequential scan, asked of a connection where the planner avoids one
// whenever an index can serve (preferIndexes()).
bool usesIndexes(const QStringList &plan)
{
    if (onPostgres())
        return !plan.isEmpty() && !plan.join(u" "_s).contains(u"Seq Scan"_s);
    for (const QString &line : plan) {
        if (line.startsWith(u"SCAN orders"_s) && !line.contains(u"USING"_s))
            return false;
    }
    return !plan.isEmpty();
}

// Whether the rows are sorted after they are read, not read in order.
bool sortsInTemporaryStore(const QStringList &plan)
{
    return plan.join(u" "_s).contains(onPostgres() ? u"Sort"_s : u"TEMP B-TREE"_s);
}

// SQLite plans without statistics by the indexes alone; PostgreSQL's planner
// rightly prefers a sequential scan of a small table. Told to avoid scans
// (and sorts, when the order should come from an index) wherever an index can
// do, it shows what the indexes allow.
void preferIndexes(Database &db, bool avoidSorts)
{
    if (!onPostgres())
        return;
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(u"SET enable_seqscan = off"_s));
    QVERIFY(q.exec(avoidSorts ? u"SET enable_sort = off"_s : u"SET enable_sort = on"_s));
}

} // namespace

class TestOrderStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void insertThenFindRoundTrips();
    void cursorReadsWhatQSqlQueryReads();
    void storedPayloadHasNoSecrets();
    void storedOrderSurvivesReopen();
    void updateRecordsStatusHistory();
    void sameStatusAddsNoHistory();
    void unknownValuesDoNotEraseKnownOnes();
    void invalidOrderIsRefused_data();
    void invalidOrderIsRefused();
    void cancelledOrderIsProtected_data();
    void cancelledOrderIsProtected();
    void repeatedContradictionIsNotedOnce();
    void cancelledSpellingChangeIsNoConflict();
    void clearConflictNeedsAPerson();
    void queryFilters_data();
    void queryFilters();
    void sortEveryColumnWithPaging_data();
    void sortEveryColumnWithPaging();
    void prefixSearchIsLiteral_data();
    void prefixSearchIsLiteral();
    void referenceCountPerProvider();
    void upsertManyIsAllOrNothing();
    void upsertManyWritesEveryRow();
    void batchInsertsOnlyNewOrders();
    void batchThatRollsBackWritesNothing();
    void findManyReadsLikeFind();
    void queriesUseIndexes_data();
    void queriesUseIndexes();
    void planCheckCanFail();
    void recordSyncError();
    void policyDeadlineIsStoredAndQueried();
    void statusSourceKeys_data();
    void statusSourceKeys();

private:
    void loadCatalogue();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<OrderStore> m_store;
    QList<Order> m_catalogue;
};

void TestOrderStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestOrderStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>(Test::storeLocation(*m_dir, u"orders.sqlite"_s));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_store = std::make_unique<OrderStore>(*m_db);
}

void TestOrderStore::cleanup()
{
    m_store.reset();
    m_db.reset();
    m_dir.reset();
}

void TestOrderStore::loadCatalogue()
{
    m_catalogue = catalogue();
    QString error;
    QVERIFY2(m_store->upsertMany(m_catalogue, StatusSource::Import, &error), qPrintable(error));
}

// A UQPAY payment intent carries its client_secret (valid 60 min): the copy
// kept with the order must not, nor any other secret-looking field, at any depth.
// The long walks read rows through the engine's own library (RowCursor:
// sqlite3, libpq); every value must read as Qt's driver gives it, for every
// type the schemas use, and ? must become libpq's $n outside literals only.
void TestOrderStore::cursorReadsWhatQSqlQueryReads()
{
    const QSqlDatabase db = m_db->connection();
    const bool postgres = db.driverName() == u"QPSQL"_s;
    QSqlQuery q(db);
    QVERIFY2(q.exec(postgres ? u"CREATE TABLE cursor_t (id bigint PRIMARY KEY, i integer, "
                               "b bigint, t text, label text, blob bytea)"_s
                             : u"CREATE TABLE cursor_t (id INTEGER PRIMARY KEY, i INTEGER, "
                               "b INTEGER, t TEXT, label TEXT, blob BLOB)"_s),
             qPrintable(q.lastError().text()));
    const QStringList texts{u""_s,           u"plain"_s,         u"it's \"quoted\" ?"_s,
                            u"取消台 😀 é"_s, u"line\nbreak\t"_s, u"12"_s,
                            u"-7x"_s};
    q.prepare(u"INSERT INTO cursor_t (id, i, b, t, label, blob) VALUES (?, ?, ?, ?, ?, ?)"_s);
    for (int id = 1; id <= 40; ++id) {
        q.addBindValue(id);
        q.addBindValue(id % 5 == 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(id * 3 - 50));
        q.addBindValue(id % 7 == 0 ? QVariant(QMetaType::fromType<qlonglong>())
                                   : QVariant(qlonglong(id) * 1000000007LL * (id % 2 ? 1 : -1)));
        q.addBindValue(id % 9 == 0 ? QString() : texts.at(id % texts.size()));
        q.addBindValue(id % 2 ? u"what?"_s : u"other"_s);
        // Bytes that read as a number, too: as Qt's QByteArray they convert to it.
        q.addBindValue(id % 4 == 0   ? QByteArray()
                       : id % 6 == 0 ? QByteArray("42")
                                     : QByteArray("\x00\x01?'\xff", 5).repeated(id % 3));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    // A ? inside a literal stays one; the two outside are values.
    const QString sql = u"SELECT id, i, b, t, label, blob FROM cursor_t "
                        "WHERE label <> 'what?' AND id > ? AND id <= ? ORDER BY id"_s;
    struct Read
    {
        bool isNull;
        QVariant value;
        QString text;
        qint64 integer;
    };
    QList<QList<Read>> expected;
    QSqlQuery plain(db);
    plain.setForwardOnly(true);
    plain.prepare(sql);
    plain.addBindValue(4);
    plain.addBindValue(qlonglong(36));
    QVERIFY2(plain.exec(), qPrintable(plain.lastError().text()));
    while (plain.next()) {
        QList<Read> row;
        for (int c = 0; c < 6; ++c)
            row.append({plain.isNull(c), plain.value(c), plain.value(c).toString(),
                        plain.value(c).toLongLong()});
        expected.append(row);
    }
    plain.finish();
    QCOMPARE(expected.size(), 16); // the even ids 6…36

    // Both ways of reading: the rows one by one, and (SQLite) copied ahead by
    // a thread; each outside and inside a transaction.
    for (const auto &[mode, inTransaction] :
         {std::pair{RowCursor::Mode::Direct, false}, std::pair{RowCursor::Mode::ReadAhead, false},
          std::pair{RowCursor::Mode::Direct, true}, std::pair{RowCursor::Mode::ReadAhead, true}}) {
        QSqlDatabase tx = db;
        if (inTransaction)
            QVERIFY(tx.transaction());
        RowCursor cursor(db, sql, {4, qlonglong(36)}, mode);
        QVERIFY2(cursor.exec(), qPrintable(cursor.error()));
        qsizetype r = 0;
        while (cursor.next()) {
            QVERIFY(r < expected.size());
            for (int c = 0; c < 6; ++c) {
                const Read &want = expected.at(r).at(c);
                QCOMPARE(cursor.isNull(c), want.isNull);
                QCOMPARE(cursor.value(c), want.value);
                QCOMPARE(cursor.text(c), want.text);
                QCOMPARE(cursor.int64(c), want.integer);
                QCOMPARE(cursor.utf8(c), want.isNull ? QByteArray() : want.text.toUtf8());
            }
            // Read from the engine's own rows, not through a QSqlQuery.
            QCOMPARE(cursor.storedInteger(0), std::optional<qint64>(expected.at(r).at(0).integer));
            QCOMPARE(cursor.storedText(4), std::optional<QByteArrayView>("other"));
            ++r;
        }
        QVERIFY2(cursor.error().isEmpty(), qPrintable(cursor.error()));
        QCOMPARE(r, expected.size());
        // Read again with other values, and left part-way: the connection then
        // serves the next statement.
        QVERIFY(cursor.exec({0, 2}));
        QVERIFY(cursor.next());
        cursor.finish();
        QVERIFY2(q.exec(u"SELECT count(*) FROM cursor_t"_s) && q.next(),
                 qPrintable(q.lastError().text()));
        QCOMPARE(q.value(0).toInt(), 40);
        q.finish();
        if (inTransaction)
            QVERIFY2(tx.commit(), qPrintable(tx.lastError().text()));
    }
    QVERIFY2(q.exec(u"DROP TABLE cursor_t"_s), qPrintable(q.lastError().text()));

    // A long read in a transaction (verify's): several of the read-ahead's
    // batches on SQLite, each row once and in order; the transaction goes on.
    const QString series =
        postgres ? u"SELECT g, 'n' || g FROM generate_series(1, 4500) AS g ORDER BY g"_s
                 : u"WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s "
                   "WHERE g < 4500) SELECT g, 'n' || g FROM s ORDER BY g"_s;
    QSqlDatabase tx = db;
    QVERIFY(tx.transaction());
    RowCursor walk(db, series, {}, RowCursor::Mode::ReadAhead);
    QVERIFY2(walk.exec(), qPrintable(walk.error()));
    qint64 seen = 0;
    while (walk.next()) {
        ++seen;
        QCOMPARE(walk.int64(0), seen);
        QCOMPARE(walk.text(1), u"n"_s + QString::number(seen));
    }
    QVERIFY2(walk.error().isEmpty(), qPrintable(walk.error()));
    QCOMPARE(seen, qint64(4500));
    QVERIFY2(q.exec(u"SELECT 1"_s) && q.next(), qPrintable(q.lastError().text()));
    q.finish();
    QVERIFY2(tx.commit(), qPrintable(tx.lastError().text()));
}

void TestOrderStore::storedPayloadHasNoSecrets()
{
    const QByteArray body = R"({
        "payment_intent_id": "PI2000000000000000777",
        "merchant_order_id": "M-777",
        "amount": "1500", "currency": "JPY",
        "intent_status": "REQUIRES_PAYMENT_METHOD",
        "create_time": "2026-04-13T17:58:02+08:00",
        "client_secret": "CS-TOPSECRET-1",
        "next_action": {"redirect": {"url": "https://pay.example.com", "access_token": "AT-TOPSECRET-2"}},
        "attempts": [{"attempt_id": "A1", "Api-Key": "AK-TOPSECRET-3", "refresh_token": "RT-TOPSECRET-4"}],
        "description": "keeps the rest"
    })";
    const Providers::Uqpay::OrderResult parsed = Providers::Uqpay::parsePaymentIntent(body);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QVERIFY(parsed.order.lastPayload.contains("CS-TOPSECRET-1"));

    const UpsertResult r = m_store->upsert(parsed.order, StatusSource::Refresh);
    QVERIFY2(r.ok, qPrintable(r.error));
    const auto found = m_store->find(Provider::Uqpay, u"PI2000000000000000777"_s);
    QVERIFY(found);
    const QByteArray stored = found->lastPayload;
    QVERIFY(!stored.isEmpty());
    for (const char *secret :
         {"client_secret", "TOPSECRET", "access_token", "Api-Key", "refresh_token"})
        QVERIFY2(!stored.contains(secret), stored.constData());
    // What is not secret stays, at every depth.
    const QJsonObject json = QJsonDocument::fromJson(stored).object();
    QCOMPARE(json.value(u"description"_s).toString(), u"keeps the rest"_s);
    QCOMPARE(json.value(u"next_action"_s)[u"redirect"_s][u"url"_s].toString(),
             u"https://pay.example.com"_s);
    QCOMPARE(json.value(u"attempts"_s)[0][u"attempt_id"_s].toString(), u"A1"_s);
}

void TestOrderStore::insertThenFindRoundTrips()
{
    Order o = makeOrder(Provider::Antom, u"20260101ABC"_s, u"SUCCESS"_s);
    o.merchantReference = u"商户-1"_s;
    o.paymentMethod = u"ALIPAY_CN"_s;
    o.amount = {9007199254740993, u"JPY"_s}; // beyond a double's exact range
    o.flags = StatusFlag::Refunded | StatusFlag::ChargedBack;
    o.paidAt = kBase.addSecs(10);
    o.authExpiresAt = kBase.addDays(7);
    o.methodDeadline = kBase.addSecs(3600);
    o.cancelDeadline = kBase.addSecs(1800);
    o.lastPayload = QByteArray("{\"paymentStatus\":\"SUCCESS\"}\0binary", 34);
    o.lastSyncedAt = kBase.addSecs(20);
    o.lastSyncError = u"timeout"_s;

    const UpsertResult r = m_store->upsert(o, StatusSource::Refresh);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.inserted);
    QVERIFY(r.statusChanged);
    QVERIFY(!r.conflict);

    const auto found = m_store->find(Provider::Antom, o.paymentId);
    QVERIFY(found);
    QCOMPARE(*found, o);
    QCOMPARE(found->createdAt.timeSpec(), Qt::UTC);
    // Keyed by provider and id together.
    QVERIFY(!m_store->find(Provider::Uqpay, o.paymentId));
    QVERIFY(!m_store->find(Provider::Antom, u"20260101AB"_s));
}

void TestOrderStore::storedOrderSurvivesReopen()
{
    const Order o = makeOrder(Provider::Liquido, u"LQ-1"_s, u"IN_PROGRESS"_s);
    QVERIFY(m_store->upsert(o, StatusSource::Import).ok);
    const QString path = m_db->path();
    m_store.reset();
    m_db.reset();
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const auto found = OrderStore(db).find(Provider::Liquido, u"LQ-1"_s);
    QVERIFY(found);
    QCOMPARE(*found, o);
}

void TestOrderStore::updateRecordsStatusHistory()
{
    Order o = makeOrder(Provider::Uqpay, u"PI_1"_s, u"REQUIRES_PAYMENT_METHOD"_s);
    QVERIFY(m_store->upsert(o, StatusSource::Import).ok);
    o.rawStatus = u"SUCCEEDED"_s;
    o.status = NormStatus::Succeeded;
    o.amount = {2500, u"USD"_s};
    const UpsertResult r = m_store->upsert(o, StatusSource::Refresh);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!r.inserted);
    QVERIFY(r.statusChanged);
    QCOMPARE(m_store->find(Provider::Uqpay, u"PI_1"_s)->amount.minor, 2500);
    QCOMPARE(m_store->find(Provider::Uqpay, u"PI_1"_s)->status, NormStatus::Succeeded);

    const QList<StatusChange> history = m_store->history(Provider::Uqpay, u"PI_1"_s);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).rawBefore, QString());
    QCOMPARE(history.at(0).rawAfter, u"REQUIRES_PAYMENT_METHOD"_s);
    QCOMPARE(history.at(0).statusAfter, NormStatus::Pending);
    QCOMPARE(history.at(0).source, StatusSource::Import);
    QCOMPARE(history.at(1).rawBefore, u"REQUIRES_PAYMENT_METHOD"_s);
    QCOMPARE(history.at(1).rawAfter, u"SUCCEEDED"_s);
    QCOMPARE(history.at(1).statusAfter, NormStatus::Succeeded);
    QCOMPARE(history.at(1).source, StatusSource::Refresh);
    QVERIFY(history.at(0).at <= history.at(1).at);
    QVERIFY(qAbs(history.at(1).at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void TestOrderStore::sameStatusAddsNoHistory()
{
    Order o = makeOrder(Provider::Uqpay, u"PI_2"_s);
    QVERIFY(m_store->upsert(o, StatusSource::Import).ok);
    o.lastSyncedAt = kBase.addSecs(5);
    const UpsertResult r = m_store->upsert(o, StatusSource::Refresh);
    QVERIFY(r.ok);
    QVERIFY(!r.statusChanged);
    QCOMPARE(m_store->history(Provider::Uqpay, u"PI_2"_s).size(), 1);
    QCOMPARE(m_store->find(Provider::Uqpay, u"PI_2"_s)->lastSyncedAt, kBase.addSecs(5));
}

void TestOrderStore::unknownValuesDoNotEraseKnownOnes()
{
    Order full = makeOrder(Provider::Antom, u"A1"_s, u"SUCCESS"_s);
    full.paidAt = kBase.addSecs(30);
    full.lastPayload = "{\"x\":1}";
    full.lastSyncedAt = kBase.addSecs(40);
    QVERIFY(m_store->upsert(full, StatusSource::Refresh).ok);

    // A CSV import that knows only the key and the reference.
    Order sparse;
    sparse.provider = Provider::Antom;
    sparse.paymentId = u"A1"_s;
    sparse.merchantReference = u"NEW-REF"_s;
    const UpsertResult r = m_store->upsert(sparse, StatusSource::Import);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!r.statusChanged);

    Order expected = full;
    expected.merchantReference = u"NEW-REF"_s;
    QCOMPARE(*m_store->find(Provider::Antom, u"A1"_s), expected);
    QCOMPARE(m_store->history(Provider::Antom, u"A1"_s).size(), 1);
}

void TestOrderStore::invalidOrderIsRefused_data()
{
    QTest::addColumn<QString>("paymentId");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addRow("no id") << QString() << qint64(100) << u"USD"_s;
    QTest::addRow("blank id") << u"  "_s << qint64(100) << u"USD"_s;
    QTest::addRow("negative amount") << u"X"_s << qint64(-1) << u"USD"_s;
    QTest::addRow("unknown currency") << u"X"_s << qint64(1) << u"XXQ"_s;
    QTest::addRow("amount without currency") << u"X"_s << qint64(5) << QString();
}

void TestOrderStore::invalidOrderIsRefused()
{
    QFETCH(QString, paymentId);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    Order o = makeOrder(Provider::Uqpay, paymentId);
    o.amount = {minor, currency};
    const UpsertResult r = m_store->upsert(o, StatusSource::Import);
    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());
    QCOMPARE(m_store->count({}), 0);
}

void TestOrderStore::cancelledOrderIsProtected_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("cancelledRaw");
    QTest::addColumn<QString>("laterRaw");
    QTest::addRow("antom paid notice after cancel")
        << Provider::Antom << u"CANCELLED"_s << u"SUCCESS"_s;
    QTest::addRow("uqpay succeeded after cancel")
        << Provider::Uqpay << u"CANCELLED"_s << u"SUCCEEDED"_s;
    QTest::addRow("liquido settled after cancel")
        << Provider::Liquido << u"CANCELLED"_s << u"SETTLED"_s;
    QTest::addRow("unknown value after cancel")
        << Provider::Uqpay << u"CANCELED"_s << u"SOMETHING_NEW"_s;
}

void TestOrderStore::cancelledOrderIsProtected()
{
    QFETCH(Provider, provider);
    QFETCH(QString, cancelledRaw);
    QFETCH(QString, laterRaw);
    const Order cancelled = makeOrder(provider, u"P1"_s, cancelledRaw);
    QCOMPARE(cancelled.status, NormStatus::Cancelled);
    QVERIFY(m_store->upsert(cancelled, StatusSource::Cancel).ok);

    Order later = makeOrder(provider, u"P1"_s, laterRaw);
    later.lastPayload = "{\"late\":true}";
    const UpsertResult r = m_store->upsert(later, StatusSource::Refresh);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.conflict);
    QVERIFY(!r.statusChanged);

    const auto stored = m_store->find(provider, u"P1"_s);
    QCOMPARE(stored->status, NormStatus::Cancelled);
    QCOMPARE(stored->rawStatus, cancelledRaw);
    QVERIFY(stored->flags.testFlag(StatusFlag::Conflict));
    QCOMPARE(stored->lastPayload, QByteArray("{\"late\":true}")); // kept for the review

    const QList<StatusChange> history = m_store->history(provider, u"P1"_s);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.last().rawBefore, cancelledRaw);
    QCOMPARE(history.last().rawAfter, laterRaw);
    QCOMPARE(history.last().statusAfter, NormStatus::Cancelled);
    QVERIFY2(history.last().note.startsWith(u"conflict:"_s), qPrintable(history.last().note));
    QVERIFY(history.last().note.contains(laterRaw));

    // Conflicts are found with the flag filter.
    OrderQuery q;
    q.requiredFlags = StatusFlag::Conflict;
    QCOMPARE(ids(m_store->query(q)), QStringList{u"P1"_s});
}

void TestOrderStore::repeatedContradictionIsNotedOnce()
{
    QVERIFY(
        m_store->upsert(makeOrder(Provider::Antom, u"P"_s, u"CANCELLED"_s), StatusSource::Cancel)
            .ok);
    const Order paid = makeOrder(Provider::Antom, u"P"_s, u"SUCCESS"_s);
    QVERIFY(m_store->upsert(paid, StatusSource::Refresh).conflict);
    QVERIFY(m_store->upsert(paid, StatusSource::Refresh).conflict);
    QCOMPARE(m_store->history(Provider::Antom, u"P"_s).size(), 2);
    // A different contradiction is noted again.
    QVERIFY(m_store->upsert(makeOrder(Provider::Antom, u"P"_s, u"FAIL"_s), StatusSource::Refresh)
                .conflict);
    QCOMPARE(m_store->history(Provider::Antom, u"P"_s).size(), 3);
    QCOMPARE(m_store->find(Provider::Antom, u"P"_s)->status, NormStatus::Cancelled);
}

void TestOrderStore::cancelledSpellingChangeIsNoConflict()
{
    QVERIFY(
        m_store->upsert(makeOrder(Provider::Uqpay, u"PI"_s, u"CANCELLED"_s), StatusSource::Cancel)
            .ok);
    const UpsertResult r =
        m_store->upsert(makeOrder(Provider::Uqpay, u"PI"_s, u"CANCELED"_s), StatusSource::Refresh);
    QVERIFY(r.ok);
    QVERIFY(!r.conflict);
    QVERIFY(r.statusChanged);
    const auto stored = m_store->find(Provider::Uqpay, u"PI"_s);
    QCOMPARE(stored->rawStatus, u"CANCELED"_s);
    QVERIFY(!stored->flags.testFlag(StatusFlag::Conflict));
    // A later status that only omits the status (an import) is no contradiction.
    Order sparse;
    sparse.provider = Provider::Uqpay;
    sparse.paymentId = u"PI"_s;
    QVERIFY(!m_store->upsert(sparse, StatusSource::Import).conflict);
}

void TestOrderStore::clearConflictNeedsAPerson()
{
    QVERIFY(
        m_store->upsert(makeOrder(Provider::Antom, u"P"_s, u"CANCELLED"_s), StatusSource::Cancel)
            .ok);
    QVERIFY(m_store->upsert(makeOrder(Provider::Antom, u"P"_s, u"SUCCESS"_s), StatusSource::Refresh)
                .conflict);
    // A later consistent refresh does not clear it by itself.
    QVERIFY(
        m_store->upsert(makeOrder(Provider::Antom, u"P"_s, u"CANCELLED"_s), StatusSource::Refresh)
            .ok);
    QVERIFY(m_store->find(Provider::Antom, u"P"_s)->flags.testFlag(StatusFlag::Conflict));

    QVERIFY(m_store->clearConflict(Provider::Antom, u"P"_s));
    QVERIFY(!m_store->find(Provider::Antom, u"P"_s)->flags.testFlag(StatusFlag::Conflict));
    const QList<StatusChange> history = m_store->history(Provider::Antom, u"P"_s);
    QCOMPARE(history.last().source, StatusSource::Manual);
    QVERIFY(!m_store->clearConflict(Provider::Antom, u"missing"_s));
}

void TestOrderStore::queryFilters_data()
{
    QTest::addColumn<OrderQuery>("query");

    const auto with = [](auto change) {
        OrderQuery q;
        q.limit = 0;
        change(q);
        return q;
    };
    QTest::addRow("everything") << with([](OrderQuery &) {});
    QTest::addRow("provider") << with([](OrderQuery &q) { q.provider = Provider::Antom; });
    QTest::addRow("status") << with([](OrderQuery &q) { q.status = NormStatus::Succeeded; });
    QTest::addRow("provider and status") << with([](OrderQuery &q) {
        q.provider = Provider::Liquido;
        q.status = NormStatus::Pending;
    });
    QTest::addRow("method, any case") << with([](OrderQuery &q) { q.method = u"Card"_s; });
    QTest::addRow("payment id prefix") << with([](OrderQuery &q) { q.text = u"PI0"_s; });
    QTest::addRow("prefix with spaces") << with([](OrderQuery &q) { q.text = u"  LQ-01 "_s; });
    QTest::addRow("reference prefix") << with([](OrderQuery &q) { q.text = u"M-2"_s; });
    QTest::addRow("deadline window") << with([](OrderQuery &q) {
        q.deadlineFrom = kBase.addSecs(3600 + 900);
        q.deadlineTo = kBase.addSecs(3600 + 3 * 900);
    });
    QTest::addRow("deadline from")
        << with([](OrderQuery &q) { q.deadlineFrom = kBase.addSecs(3600 + 3 * 900); });
    QTest::addRow("deadline to") << with(
        [](OrderQuery &q) { q.deadlineTo = kBase.addSecs(3600 + 900); });
    QTest::addRow("conflict flag")
        << with([](OrderQuery &q) { q.requiredFlags = StatusFlag::Conflict; });
    QTest::addRow("two flags") << with(
        [](OrderQuery &q) { q.requiredFlags = StatusFlag::Conflict | StatusFlag::Refunded; });
    QTest::addRow("everything at once") << with([](OrderQuery &q) {
        q.provider = Provider::Uqpay;
        q.status = NormStatus::Pending;
        q.method = u"card"_s;
        q.text = u"PI"_s;
        q.deadlineFrom = kBase;
    });
    QTest::addRow("nothing matches") << with([](OrderQuery &q) { q.text = u"ZZZ"_s; });
}

void TestOrderStore::queryFilters()
{
    QFETCH(OrderQuery, query);
    loadCatalogue();

    const QString text = query.text.trimmed();
    QStringList expected;
    for (const Order &o : std::as_const(m_catalogue)) {
        if (query.provider && o.provider != *query.provider)
            continue;
        if (query.status && o.status != *query.status)
            continue;
        if (!query.method.isEmpty()
            && o.paymentMethod.compare(query.method, Qt::CaseInsensitive) != 0)
            continue;
        if (!text.isEmpty() && !o.paymentId.startsWith(text)
            && !o.merchantReference.startsWith(text))
            continue;
        if (query.deadlineFrom.isValid()
            && (!o.cancelDeadline.isValid() || o.cancelDeadline < query.deadlineFrom))
            continue;
        if (query.deadlineTo.isValid()
            && (!o.cancelDeadline.isValid() || o.cancelDeadline >= query.deadlineTo))
            continue;
        if ((o.flags & query.requiredFlags) != query.requiredFlags)
            continue;
        expected.append(o.paymentId);
    }
    query.sort = Sort::PaymentId;
    query.order = Qt::AscendingOrder;
    std::sort(expected.begin(), expected.end());

    QString error;
    const QStringList actual = ids(m_store->query(query, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(actual, expected);
    QCOMPARE(m_store->count(query), qint64(expected.size()));
    // Read in parts (the list's load on several threads), each order comes
    // exactly once, in its part's place in the query's order.
    for (const int count : {1, 2, 3, 7, 100}) {
        const QList<OrderQuery> parts = m_store->partition(query, count, &error);
        QVERIFY2(!parts.isEmpty(), qPrintable(error));
        QVERIFY(parts.size() <= count);
        if (count <= expected.size() && expected.size() > 20)
            QCOMPARE(parts.size(), count);
        QStringList together;
        for (const OrderQuery &part : parts) {
            const QStringList read = ids(m_store->query(part, &error));
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(std::is_sorted(read.begin(), read.end()));
            QCOMPARE(m_store->count(part), qint64(read.size()));
            together += read;
        }
        std::sort(together.begin(), together.end());
        QCOMPARE(together, expected);
    }
    // The catalogue is varied enough that the filters mean something.
    if (QByteArray(QTest::currentDataTag()) == "everything")
        QCOMPARE(actual.size(), 30);
    else if (QByteArray(QTest::currentDataTag()) != "nothing matches")
        QVERIFY(!actual.isEmpty() && actual.size() < 30);
}

void TestOrderStore::sortEveryColumnWithPaging_data()
{
    QTest::addColumn<Sort>("sort");
    QTest::addColumn<Qt::SortOrder>("order");
    const struct
    {
        Sort sort;
        const char *name;
    } columns[] = {{Sort::Provider, "provider"},     {Sort::PaymentId, "payment id"},
                   {Sort::MerchantReference, "ref"}, {Sort::Method, "method"},
                   {Sort::Amount, "amount"},         {Sort::Status, "status"},
                   {Sort::Created, "created"},       {Sort::Deadline, "deadline"},
                   {Sort::LastSynced, "last synced"}};
    for (const auto &c : columns) {
        QTest::addRow("%s asc", c.name) << c.sort << Qt::AscendingOrder;
        QTest::addRow("%s desc", c.name) << c.sort << Qt::DescendingOrder;
    }
}

void TestOrderStore::sortEveryColumnWithPaging()
{
    QFETCH(Sort, sort);
    QFETCH(Qt::SortOrder, order);
    loadCatalogue();

    // Rows were inserted in catalogue order, so the row id is the index + 1.
    QList<int> rows(m_catalogue.size());
    std::iota(rows.begin(), rows.end(), 0);
    std::sort(rows.begin(), rows.end(), [&](int a, int b) {
        int c = compareBy(sort, m_catalogue.at(a), m_catalogue.at(b));
        if (c == 0)
            c = compareValues(a, b);
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    QStringList expected;
    for (int row : std::as_const(rows))
        expected.append(m_catalogue.at(row).paymentId);

    QStringList paged;
    OrderQuery q;
    q.sort = sort;
    q.order = order;
    q.limit = 7;
    for (q.offset = 0; q.offset < 40; q.offset += q.limit) {
        QString error;
        const QList<Order> page = m_store->query(q, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(page.size() <= q.limit);
        paged += ids(page);
    }
    QCOMPARE(paged, expected);
}

void TestOrderStore::prefixSearchIsLiteral_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("percent is not a wildcard") << u"A%"_s << QStringList{u"A%B"_s};
    QTest::addRow("underscore is not a wildcard") << u"A_"_s << QStringList{u"A_C"_s};
    QTest::addRow("case matters") << u"a"_s << QStringList{u"abc"_s};
    QTest::addRow("whole id") << u"A%B"_s << QStringList{u"A%B"_s};
    QTest::addRow("not in the middle") << u"B"_s << QStringList{};
    QTest::addRow("chinese reference") << u"订单"_s << QStringList{u"ZH"_s};
    QTest::addRow("last code point") << u"\U0010FFFF"_s << QStringList{u"MAX"_s};
}

void TestOrderStore::prefixSearchIsLiteral()
{
    QFETCH(QString, prefix);
    QFETCH(QStringList, expected);
    for (const QString &id : {u"A%B"_s, u"A_C"_s, u"AXB"_s, u"abc"_s, u"ZH"_s, u"MAX"_s}) {
        Order o = makeOrder(Provider::Uqpay, id);
        o.merchantReference = id == u"ZH"    ? u"订单-7"_s
                              : id == u"MAX" ? u"\U0010FFFF\U0010FFFFx"_s
                                             : QString();
        QVERIFY(m_store->upsert(o, StatusSource::Import).ok);
    }
    OrderQuery q;
    q.text = prefix;
    q.sort = Sort::PaymentId;
    q.order = Qt::AscendingOrder;
    QCOMPARE(ids(m_store->query(q)), expected);
}

void TestOrderStore::referenceCountPerProvider()
{
    for (const QString &id : {u"PI1"_s, u"PI2"_s, u"PI3"_s}) {
        Order o = makeOrder(Provider::Uqpay, id);
        o.merchantReference = u"ORDER-42"_s;
        QVERIFY(m_store->upsert(o, StatusSource::Import).ok);
    }
    Order other = makeOrder(Provider::Antom, u"A1"_s, u"SUCCESS"_s);
    other.merchantReference = u"ORDER-42"_s;
    QVERIFY(m_store->upsert(other, StatusSource::Import).ok);

    QCOMPARE(m_store->referenceCount(Provider::Uqpay, u"ORDER-42"_s), 3);
    QCOMPARE(m_store->referenceCount(Provider::Antom, u"ORDER-42"_s), 1);
    QCOMPARE(m_store->referenceCount(Provider::Liquido, u"ORDER-42"_s), 0);
    QCOMPARE(m_store->referenceCount(Provider::Uqpay, u"ORDER-4"_s), 0);
    QCOMPARE(m_store->referenceCount(Provider::Uqpay, QString()), 0);
}

void TestOrderStore::upsertManyIsAllOrNothing()
{
    const Order existing = makeOrder(Provider::Uqpay, u"KEEP"_s);
    QVERIFY(m_store->upsert(existing, StatusSource::Import).ok);

    QList<Order> batch;
    for (int i = 0; i < 5; ++i)
        batch.append(makeOrder(Provider::Uqpay, u"B%1"_s.arg(i)));
    Order changed = existing;
    changed.rawStatus = u"SUCCEEDED"_s;
    changed.status = NormStatus::Succeeded;
    batch.insert(1, changed);
    batch[4].paymentId.clear(); // the bad row

    QString error;
    QVERIFY(!m_store->upsertMany(batch, StatusSource::Import, &error));
    QVERIFY2(error.contains(u"5"_s) && error.contains(u"6"_s), qPrintable(error));
    QCOMPARE(m_store->count({}), 1);
    QCOMPARE(*m_store->find(Provider::Uqpay, u"KEEP"_s), existing);
    QCOMPARE(m_store->history(Provider::Uqpay, u"KEEP"_s).size(), 1);
}

void TestOrderStore::upsertManyWritesEveryRow()
{
    QList<Order> batch;
    for (int i = 0; i < 100; ++i)
        batch.append(makeOrder(Provider::Liquido, u"LQ%1"_s.arg(i), u"IN_PROGRESS"_s));
    batch.append(makeOrder(Provider::Liquido, u"LQ5"_s, u"SETTLED"_s)); // twice in one batch
    QString error;
    QVERIFY2(m_store->upsertMany(batch, StatusSource::Import, &error), qPrintable(error));
    QCOMPARE(m_store->count({}), 100);
    QCOMPARE(m_store->find(Provider::Liquido, u"LQ5"_s)->status, NormStatus::Succeeded);
    QCOMPARE(m_store->history(Provider::Liquido, u"LQ5"_s).size(), 2);
    QVERIFY(m_store->upsertMany({}, StatusSource::Import, &error));
}

namespace {

qint64 rowVersion(Database &db, const QString &paymentId)
{
    QSqlQuery q(db.connection());
    q.prepare(u"SELECT row_version FROM orders WHERE payment_id = ?"_s);
    q.addBindValue(paymentId);
    return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
}

// PRAGMA cache_size and temp_store of this thread's SQLite connection.
QString sqliteSettings(Database &db)
{
    QSqlQuery q(db.connection());
    QStringList values;
    for (const QString &pragma : {u"PRAGMA cache_size"_s, u"PRAGMA temp_store"_s}) {
        if (q.exec(pragma) && q.next())
            values.append(q.value(0).toString());
    }
    return values.join(u' ');
}

} // namespace

// An import's batch: insertIfNew() writes a new order (with its history) in
// one statement and leaves a stored one as it is; find() inside the batch sees
// the batch's own writes, and upsert() right after it merges. The new orders
// share one row_version above every earlier one (the change feed asks for
// "above the last seen", schema 8), and a later write goes above them.
void TestOrderStore::batchInsertsOnlyNewOrders()
{
    QVERIFY(
        m_store->upsert(makeOrder(Provider::Uqpay, u"U1"_s, u"SUCCEEDED"_s), StatusSource::Import)
            .ok);
    const qint64 before = rowVersion(*m_db, u"U1"_s);
    QVERIFY(before > 0);
    const QString settings = onPostgres() ? QString() : sqliteSettings(*m_db);
    {
        OrderBatch batch(*m_store, StatusSource::Import);
        QString error;
        QVERIFY2(batch.begin(&error), qPrintable(error));
        UpsertResult r = batch.insertIfNew(makeOrder(Provider::Uqpay, u"U1"_s, u"CANCELLED"_s));
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(!r.inserted);
        for (const QString &id : {u"U2"_s, u"U3"_s}) {
            r = batch.insertIfNew(makeOrder(Provider::Uqpay, id, u"SUCCEEDED"_s));
            QVERIFY2(r.ok && r.inserted, qPrintable(r.error));
        }
        QCOMPARE(batch.find(Provider::Uqpay, u"U2"_s)->rawStatus, u"SUCCEEDED"_s);
        QCOMPARE(batch.find(Provider::Uqpay, u"U1"_s)->rawStatus, u"SUCCEEDED"_s);
        r = batch.upsert(makeOrder(Provider::Uqpay, u"U1"_s, u"CANCELLED"_s));
        QVERIFY2(r.ok && r.statusChanged, qPrintable(r.error));
        QVERIFY2(batch.commit(&error), qPrintable(error));
    }
    QCOMPARE(m_store->find(Provider::Uqpay, u"U1"_s)->status, NormStatus::Cancelled);
    QCOMPARE(m_store->history(Provider::Uqpay, u"U1"_s).size(), 2);
    QCOMPARE(m_store->history(Provider::Uqpay, u"U2"_s).size(), 1);
    const qint64 u2 = rowVersion(*m_db, u"U2"_s);
    const qint64 u3 = rowVersion(*m_db, u"U3"_s);
    QVERIFY(u2 > before && u3 > before);
    QVERIFY(rowVersion(*m_db, u"U1"_s) > before);
    if (!onPostgres())
        QCOMPARE(u2, u3); // one for the batch (a sequence numbers each on PostgreSQL)
    QVERIFY(m_store->upsert(makeOrder(Provider::Uqpay, u"U4"_s), StatusSource::Import).ok);
    QVERIFY(rowVersion(*m_db, u"U4"_s) > qMax(u2, u3));
    // The connection's own page cache and temporary store are back.
    if (!onPostgres())
        QCOMPARE(sqliteSettings(*m_db), settings);
}

void TestOrderStore::batchThatRollsBackWritesNothing()
{
    const QString settings = onPostgres() ? QString() : sqliteSettings(*m_db);
    {
        OrderBatch batch(*m_store, StatusSource::Import);
        QString error;
        QVERIFY2(batch.begin(&error), qPrintable(error));
        const UpsertResult r = batch.insertIfNew(makeOrder(Provider::Antom, u"A1"_s));
        QVERIFY2(r.ok && r.inserted, qPrintable(r.error));
        if (!onPostgres())
            QVERIFY(sqliteSettings(*m_db) != settings); // the batch's own, meanwhile
    }                                                   // no commit
    QVERIFY(!m_store->find(Provider::Antom, u"A1"_s));
    QCOMPARE(m_store->count({}), 0);
    if (!onPostgres())
        QCOMPARE(sqliteSettings(*m_db), settings);
}

// The list's in-place update reads a batch of orders at once: the answer is
// the one find() gives per key, in the keys' order, across providers and
// across more keys than one statement takes.
void TestOrderStore::findManyReadsLikeFind()
{
    QList<Order> batch;
    for (int i = 0; i < 1200; ++i)
        batch.append(makeOrder(i % 3 == 0 ? Provider::Antom : Provider::Liquido, u"P%1"_s.arg(i)));
    QString error;
    QVERIFY2(m_store->upsertMany(batch, StatusSource::Import, &error), qPrintable(error));

    QList<OrderKey> keys;
    for (int i = 1199; i >= 0; --i) // not in storage order
        keys.append({i % 3 == 0 ? Provider::Antom : Provider::Liquido, u"P%1"_s.arg(i)});
    keys.append({Provider::Uqpay, u"P3"_s});     // stored, but at another provider
    keys.append({Provider::Liquido, u"NOPE"_s}); // not stored
    keys.insert(7, {Provider::Antom, u"P9"_s});  // asked twice
    const QList<std::optional<Order>> found = m_store->findMany(keys, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(found.size(), keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const std::optional<Order> one = m_store->find(keys.at(i).provider, keys.at(i).paymentId);
        QCOMPARE(found.at(i).has_value(), one.has_value());
        if (one) {
            QCOMPARE(found.at(i)->paymentId, keys.at(i).paymentId);
            QCOMPARE(found.at(i)->provider, keys.at(i).provider);
            QCOMPARE(found.at(i)->status, one->status);
            QCOMPARE(found.at(i)->amount, one->amount);
        }
    }
    QVERIFY(!found.constLast());
    QVERIFY(!found.at(found.size() - 2));
    QVERIFY(found.at(7));
    QVERIFY(m_store->findMany({}, &error).isEmpty());
}

void TestOrderStore::queriesUseIndexes_data()
{
    QTest::addColumn<OrderQuery>("query");
    QTest::addColumn<bool>("sortedByIndex");

    OrderQuery newest; // the list as it opens
    QTest::addRow("first page, newest first") << newest << true;
    OrderQuery part = newest; // the list's whole load, read in parts by id
    part.limit = 0;
    part.idAfter = 100;
    part.idUpTo = 900;
    QTest::addRow("a part of the whole list") << part << true;
    OrderQuery oldest;
    oldest.order = Qt::AscendingOrder;
    oldest.offset = 400;
    QTest::addRow("a later page, oldest first") << oldest << true;
    OrderQuery byDeadline;
    byDeadline.sort = Sort::Deadline;
    byDeadline.order = Qt::AscendingOrder;
    QTest::addRow("by deadline ascending") << byDeadline << true;
    byDeadline.order = Qt::DescendingOrder;
    QTest::addRow("by deadline descending") << byDeadline << true;
    OrderQuery cancellableNow; // the preset: deadline in the future, soonest first
    cancellableNow.sort = Sort::Deadline;
    cancellableNow.order = Qt::AscendingOrder;
    cancellableNow.deadlineFrom = kBase;
    QTest::addRow("cancellable now") << cancellableNow << true;
    cancellableNow.deadlineTo = kBase.addSecs(3600);
    QTest::addRow("expiring within 1 h") << cancellableNow << true;
    OrderQuery providerStatus;
    providerStatus.provider = Provider::Uqpay;
    providerStatus.status = NormStatus::Pending;
    QTest::addRow("provider and status") << providerStatus << true;
    // A pasted id: both prefix ranges, whatever else is filtered.
    OrderQuery prefix;
    prefix.text = u"PI_12"_s;
    QTest::addRow("id prefix") << prefix << false;
    prefix.provider = Provider::Uqpay;
    QTest::addRow("id prefix of one provider") << prefix << false;
    prefix.status = NormStatus::Pending;
    QTest::addRow("id prefix, provider and status") << prefix << false;
    prefix.deadlineFrom = kBase;
    prefix.sort = Sort::Deadline;
    QTest::addRow("id prefix in the deadline window") << prefix << false;
    OrderQuery byId;
    byId.sort = Sort::PaymentId;
    QTest::addRow("by payment id") << byId << true;
}

void TestOrderStore::queriesUseIndexes()
{
    QFETCH(OrderQuery, query);
    QFETCH(bool, sortedByIndex);
    // Without ANALYZE statistics SQLite's plan does not depend on the row count,
    // so a few thousand rows stand in for 1,000,000.
    QList<Order> orders;
    for (int i = 0; i < 1000; ++i) {
        Order o = makeOrder(Provider(i % 3), u"PI_%1"_s.arg(i));
        o.createdAt = kBase.addSecs(i);
        o.cancelDeadline = i % 2 ? kBase.addSecs(i) : QDateTime();
        orders.append(o);
    }
    QString error;
    QVERIFY2(m_store->upsertMany(orders, StatusSource::Import, &error), qPrintable(error));

    preferIndexes(*m_db, sortedByIndex);
    const QStringList plan = m_store->queryPlan(query, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString shown = plan.join(u" | "_s);
    QVERIFY2(usesIndexes(plan), qPrintable(shown));
    if (sortedByIndex)
        QVERIFY2(!sortsInTemporaryStore(plan), qPrintable(shown));
    if (!query.text.isEmpty())
        QVERIFY2(shown.contains(onPostgres() ? u"BitmapOr"_s : u"MULTI-INDEX OR"_s),
                 qPrintable(shown));
    // And the statement returns what it should.
    QVERIFY(!m_store->query(query).isEmpty());
}

void TestOrderStore::planCheckCanFail()
{
    // Sorting by amount has no index on purpose: the check must notice.
    OrderQuery q;
    q.sort = Sort::Amount;
    preferIndexes(*m_db, true);
    const QStringList plan = m_store->queryPlan(q);
    if (!onPostgres()) // there, reading the primary key counts as an index
        QVERIFY2(!usesIndexes(plan), qPrintable(plan.join(u" | "_s)));
    QVERIFY2(sortsInTemporaryStore(plan), qPrintable(plan.join(u" | "_s)));
}

void TestOrderStore::recordSyncError()
{
    Order o = makeOrder(Provider::Antom, u"A"_s, u"PROCESSING"_s);
    o.lastSyncedAt = kBase;
    QVERIFY(m_store->upsert(o, StatusSource::Refresh).ok);
    const QDateTime failedAt = kBase.addSecs(300);
    QVERIFY(m_store->recordSyncError(Provider::Antom, u"A"_s, failedAt, u"timeout after 15 s"_s));

    auto stored = m_store->find(Provider::Antom, u"A"_s);
    QCOMPARE(stored->lastSyncError, u"timeout after 15 s"_s);
    QCOMPARE(stored->status, NormStatus::Pending);
    QCOMPARE(stored->rawStatus, u"PROCESSING"_s);
    QCOMPARE(stored->lastSyncedAt, kBase);
    QCOMPARE(m_store->lastSyncErrorAt(Provider::Antom, u"A"_s), failedAt);
    QCOMPARE(m_store->history(Provider::Antom, u"A"_s).size(), 1);

    // An import (not a sync) leaves the error; the next good sync clears it.
    Order imported = o;
    imported.lastSyncedAt = {};
    QVERIFY(m_store->upsert(imported, StatusSource::Import).ok);
    QCOMPARE(m_store->find(Provider::Antom, u"A"_s)->lastSyncError, u"timeout after 15 s"_s);
    o.lastSyncedAt = kBase.addSecs(600);
    QVERIFY(m_store->upsert(o, StatusSource::Refresh).ok);
    stored = m_store->find(Provider::Antom, u"A"_s);
    QCOMPARE(stored->lastSyncError, QString());
    QVERIFY(!m_store->lastSyncErrorAt(Provider::Antom, u"A"_s).isValid());

    QVERIFY(!m_store->recordSyncError(Provider::Antom, u"unknown"_s, failedAt, u"x"_s));
}

void TestOrderStore::statusSourceKeys_data()
{
    QTest::addColumn<StatusSource>("source");
    QTest::addColumn<QString>("key");
    QTest::addRow("import") << StatusSource::Import << u"import"_s;
    QTest::addRow("refresh") << StatusSource::Refresh << u"refresh"_s;
    QTest::addRow("cancel") << StatusSource::Cancel << u"cancel"_s;
    QTest::addRow("manual") << StatusSource::Manual << u"manual"_s;
}

void TestOrderStore::statusSourceKeys()
{
    QFETCH(StatusSource, source);
    QFETCH(QString, key);
    QCOMPARE(statusSourceKey(source), key);
    QCOMPARE(statusSourceFromKey(key), std::optional<StatusSource>(source));
    QVERIFY(!statusSourceFromKey(key.toUpper()));
}

void TestOrderStore::policyDeadlineIsStoredAndQueried()
{
    const Domain::PolicyLoadResult loaded = Domain::CancelPolicy::load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    OrderStore store(*m_db, &loaded.policy);

    // UQPAY card, unpaid: the shipped rules give creation + 30 min.
    Order card = makeOrder(Provider::Uqpay, u"PI-DEADLINE"_s, u"REQUIRES_PAYMENT_METHOD"_s);
    QVERIFY(store.upsert(card, StatusSource::Import).ok);
    QCOMPARE(store.find(Provider::Uqpay, card.paymentId)->cancelDeadline, kBase.addSecs(30 * 60));

    // Liquido SETTLED PIX has no window: no deadline is stored.
    Order settled = makeOrder(Provider::Liquido, u"LQ-SETTLED"_s, u"SETTLED"_s);
    settled.paymentMethod = u"PIX_DYNAMIC_QR"_s;
    QVERIFY(store.upsert(settled, StatusSource::Import).ok);
    QVERIFY(!store.find(Provider::Liquido, settled.paymentId)->cancelDeadline.isValid());

    // A caller's own deadline is replaced by the policy's answer.
    Order antom = makeOrder(Provider::Antom, u"ANTOM-T1"_s, u"SUCCESS"_s);
    antom.paymentMethod = u"ALIPAY_CN"_s;
    antom.paidAt = CancelDesk::Test::at(u"2026-01-01T23:59:00+08:00"_s);
    antom.cancelDeadline = kBase.addYears(1);
    QVERIFY(store.upsert(antom, StatusSource::Import).ok);
    QCOMPARE(store.find(Provider::Antom, antom.paymentId)->cancelDeadline,
             CancelDesk::Test::at(u"2026-01-02T00:15:00+08:00"_s));

    // The deadline window query sees exactly the two orders with a deadline in it.
    OrderQuery q;
    q.deadlineFrom = kBase;
    q.deadlineTo = CancelDesk::Test::at(u"2026-01-02T00:15:01+08:00"_s);
    q.sort = Sort::Deadline;
    q.order = Qt::AscendingOrder;
    QCOMPARE(ids(store.query(q)), (QStringList{u"PI-DEADLINE"_s, u"ANTOM-T1"_s}));
}

QTEST_GUILESS_MAIN(TestOrderStore)
#include "tst_orderstore.moc"
