// The change feed (PRODUCT.md F24): what another connection (on PostgreSQL:
// another console) writes reaches this console's feed within 2 seconds, on
// both engines: NOTIFY on PostgreSQL, polling on SQLite. A large import is
// one signal, not one per order; an attempt change names its operator; a
// feed whose server process is killed reconnects and misses nothing.

#include "canceltest.h"
#include "domain/order.h"
#include "storage/canceljournal.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Storage::AttemptState;
using Storage::ChangeFeed;

namespace {

// The product's promise (F24).
constexpr int kPromiseMs = 2000;

Domain::Order order(const QString &paymentId, Domain::NormStatus status)
{
    Domain::Order o;
    o.provider = Domain::Provider::Uqpay;
    o.paymentId = paymentId;
    o.amount = {1000, u"USD"_s};
    o.status = status;
    o.rawStatus = u"REQUIRES_PAYMENT_METHOD"_s;
    o.createdAt = QDateTime::currentDateTimeUtc();
    return o;
}

bool hasKey(const QSignalSpy &spy, const QString &paymentId)
{
    for (const QList<QVariant> &args : spy) {
        const auto keys = args.at(0).value<QList<Domain::OrderKey>>();
        for (const Domain::OrderKey &key : keys) {
            if (key.provider == Domain::Provider::Uqpay && key.paymentId == paymentId)
                return true;
        }
    }
    return false;
}

// Whether ordersChangedSince asked for a reload that covers this version.
bool covers(const QSignalSpy &spy, qint64 rowVersion)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toLongLong() <= rowVersion)
            return true;
    }
    return false;
}

bool hasAttempt(const QSignalSpy &spy, qint64 id, const QString &state, const QString &by)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toLongLong() == id && args.at(1).toString() == state
            && args.at(2).toString() == by)
            return true;
    }
    return false;
}

qint64 maxSeq(const QSignalSpy &spy)
{
    qint64 seq = 0;
    for (const QList<QVariant> &args : spy)
        seq = qMax(seq, args.at(0).toLongLong());
    return seq;
}

} // namespace

class TestChangeFeed final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_location;
    // This console's store (the feed's) and another console's.
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::Database> m_other;
    std::unique_ptr<Storage::OrderStore> m_otherOrders;
    std::unique_ptr<Storage::CancelJournal> m_otherJournal;
    std::unique_ptr<ChangeFeed> m_feed;

    qint64 rowVersion(const QString &paymentId)
    {
        QSqlQuery q(m_other->connection());
        q.prepare(u"SELECT row_version FROM orders WHERE provider = 'uqpay' AND payment_id = ?"_s);
        q.addBindValue(paymentId);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    // Whether the feed reported this order's latest write.
    static bool reported(const QSignalSpy &changed, const QSignalSpy &since,
                         const QString &paymentId, qint64 version)
    {
        return hasKey(changed, paymentId) || covers(since, version);
    }

    bool startFeed()
    {
        m_feed->start();
        const ChangeFeed::Mode expected =
            Test::enginePostgres() ? ChangeFeed::Mode::Listening : ChangeFeed::Mode::Polling;
        return QTest::qWaitFor([&] { return m_feed->mode() == expected; }, 10000);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_location = Test::storeLocation(*m_dir, u"feed.sqlite"_s);
        m_db = std::make_unique<Storage::Database>(m_location);
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        m_other = std::make_unique<Storage::Database>(m_location);
        QVERIFY2(m_other->open(&error), qPrintable(error));
        m_otherOrders = std::make_unique<Storage::OrderStore>(*m_other);
        m_otherJournal = std::make_unique<Storage::CancelJournal>(*m_other);
        m_feed = std::make_unique<ChangeFeed>(*m_db);
        QVERIFY(startFeed());
    }

    void cleanup()
    {
        m_feed.reset();
        m_otherJournal.reset();
        m_otherOrders.reset();
        m_other.reset();
        m_db.reset();
        m_dir.reset();
    }

    void orderWrittenElsewhereArrives()
    {
        QSignalSpy changed(m_feed.get(), &ChangeFeed::ordersChanged);
        QSignalSpy since(m_feed.get(), &ChangeFeed::ordersChangedSince);
        QVERIFY(m_otherOrders
                    ->upsert(order(u"PI_NEW"_s, Domain::NormStatus::Pending),
                             Storage::StatusSource::Manual)
                    .ok);
        const qint64 inserted = rowVersion(u"PI_NEW"_s);
        QVERIFY(inserted > 0);
        QTRY_VERIFY_WITH_TIMEOUT(reported(changed, since, u"PI_NEW"_s, inserted), kPromiseMs);
        // Listening, the feed names the order itself.
        if (Test::enginePostgres())
            QVERIFY(hasKey(changed, u"PI_NEW"_s));

        changed.clear();
        since.clear();
        QVERIFY(m_otherOrders
                    ->upsert(order(u"PI_NEW"_s, Domain::NormStatus::Succeeded),
                             Storage::StatusSource::Manual)
                    .ok);
        const qint64 updated = rowVersion(u"PI_NEW"_s);
        QVERIFY(updated > inserted);
        QTRY_VERIFY_WITH_TIMEOUT(reported(changed, since, u"PI_NEW"_s, updated), kPromiseMs);
    }

    void attemptAndJournalArrive()
    {
        QVERIFY(m_otherOrders
                    ->upsert(order(u"PI_CANCEL"_s, Domain::NormStatus::Pending),
                             Storage::StatusSource::Manual)
                    .ok);
        QSignalSpy attempts(m_feed.get(), &ChangeFeed::attemptChanged);
        QSignalSpy journal(m_feed.get(), &ChangeFeed::journalChanged);
        QSignalSpy orders(m_feed.get(), &ChangeFeed::ordersChanged);
        const Storage::JournalResult p = m_otherJournal->prepare(
            Test::draftAttempt(order(u"PI_CANCEL"_s, Domain::NormStatus::Pending), u"alice"_s));
        QVERIFY2(p.ok(), qPrintable(p.message));
        // The attempt names who is cancelling the order.
        QTRY_VERIFY_WITH_TIMEOUT(hasAttempt(attempts, p.attempt.id, u"PREPARED"_s, u"alice"_s),
                                 kPromiseMs);
        QTRY_VERIFY_WITH_TIMEOUT(maxSeq(journal) >= 1, kPromiseMs);
        // And the order it holds, whose row now says who is cancelling it.
        QTRY_VERIFY_WITH_TIMEOUT(hasKey(orders, u"PI_CANCEL"_s), kPromiseMs);
        const qint64 firstSeq = maxSeq(journal);

        Storage::CancelAttempt sent = *m_otherJournal->find(p.attempt.id);
        sent.state = AttemptState::Sent;
        sent.tries += 1;
        const Storage::JournalResult r = m_otherJournal->record(sent);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QTRY_VERIFY_WITH_TIMEOUT(hasAttempt(attempts, p.attempt.id, u"SENT"_s, u"alice"_s),
                                 kPromiseMs);
        QTRY_VERIFY_WITH_TIMEOUT(maxSeq(journal) > firstSeq, kPromiseMs);
    }

    // One transaction of 500 orders: one reload, not 500 signals.
    void largeImportIsOneSignal()
    {
        QSignalSpy changed(m_feed.get(), &ChangeFeed::ordersChanged);
        QSignalSpy since(m_feed.get(), &ChangeFeed::ordersChangedSince);
        QList<Domain::Order> orders;
        for (int i = 0; i < 500; ++i)
            orders.append(order(u"PI_IMPORT_%1"_s.arg(i), Domain::NormStatus::Pending));
        QString error;
        QVERIFY2(m_otherOrders->upsertMany(orders, Storage::StatusSource::Import, &error),
                 qPrintable(error));
        const qint64 first = rowVersion(u"PI_IMPORT_0"_s);
        QVERIFY(first > 0);
        QTRY_VERIFY_WITH_TIMEOUT(covers(since, first), kPromiseMs);
        // Nothing more comes of it (a poll or two later).
        QTest::qWait(ChangeFeed::kPollIntervalMs + 500);
        QCOMPARE(since.count(), 1);
        QVERIFY2(changed.count() <= 1, qPrintable(QString::number(changed.count())));
    }

    void thresholdsArrive()
    {
        QSignalSpy thresholds(m_feed.get(), &ChangeFeed::thresholdsChanged);
        QSqlQuery q(m_other->connection());
        QVERIFY(q.exec(u"INSERT INTO approval_thresholds (currency, amount_minor) "
                       "VALUES ('USD', 100000)"_s));
        QTRY_VERIFY_WITH_TIMEOUT(thresholds.count() >= 1, kPromiseMs);
    }

    // PostgreSQL: the feed's server process is killed (a restart, a network
    // cut). The feed connects again, asks for a reload of what it may have
    // missed (by name, when it is a few orders), and a later change still
    // arrives.
    void reconnectsAfterItsBackendIsKilled()
    {
        if (!Test::enginePostgres())
            QSKIP("SQLite has no server process");
        const qint64 pid = m_feed->backendPid();
        QVERIFY(pid > 0);
        QSignalSpy since(m_feed.get(), &ChangeFeed::ordersChangedSince);
        QSignalSpy named(m_feed.get(), &ChangeFeed::ordersChanged);
        QSignalSpy journal(m_feed.get(), &ChangeFeed::journalChanged);
        QSqlQuery kill(m_other->connection());
        QVERIFY(kill.exec(u"SELECT pg_terminate_backend(%1)"_s.arg(pid)));
        QVERIFY(kill.next() && kill.value(0).toBool());
        // Written while the feed may not be listening.
        QVERIFY(m_otherOrders
                    ->upsert(order(u"PI_GAP"_s, Domain::NormStatus::Pending),
                             Storage::StatusSource::Manual)
                    .ok);
        const qint64 gap = rowVersion(u"PI_GAP"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_feed->reconnects() >= 1, 10000);
        QTRY_COMPARE(m_feed->mode(), ChangeFeed::Mode::Listening);
        QVERIFY(m_feed->backendPid() > 0);
        QVERIFY(m_feed->backendPid() != pid);
        QTRY_VERIFY_WITH_TIMEOUT(reported(named, since, u"PI_GAP"_s, gap), kPromiseMs);
        QTRY_VERIFY(journal.count() >= 1);

        QSignalSpy changed(m_feed.get(), &ChangeFeed::ordersChanged);
        QVERIFY(m_otherOrders
                    ->upsert(order(u"PI_AFTER"_s, Domain::NormStatus::Pending),
                             Storage::StatusSource::Manual)
                    .ok);
        QTRY_VERIFY_WITH_TIMEOUT(hasKey(changed, u"PI_AFTER"_s), kPromiseMs);
    }

    // stop() ends the thread and closes its connection.
    void stopClosesTheConnection()
    {
        const qint64 pid = m_feed->backendPid();
        m_feed->stop();
        QCOMPARE(m_feed->mode(), ChangeFeed::Mode::Stopped);
        QVERIFY(!m_feed->isRunning());
        if (Test::enginePostgres()) {
            QVERIFY(pid > 0);
            const auto gone = [&] {
                QSqlQuery q(m_other->connection());
                return q.exec(u"SELECT count(*) FROM pg_stat_activity WHERE pid = %1"_s.arg(pid))
                       && q.next() && q.value(0).toInt() == 0;
            };
            QTRY_VERIFY(gone());
        }
        // And it can start again.
        QVERIFY(startFeed());
    }
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "tst_changefeed.moc"
