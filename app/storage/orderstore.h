#pragma once

#include "domain/cancelpolicy.h"
#include "domain/order.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace CancelDesk::Storage {

class Database;
class WriteTransaction;

// Where a status change came from (status history, F6).
enum class StatusSource { Import, Refresh, Cancel, Manual };
QString statusSourceKey(StatusSource source);
std::optional<StatusSource> statusSourceFromKey(QStringView key);

struct StatusChange
{
    QDateTime at;      // UTC
    QString rawBefore; // empty for the first record of an order
    QString rawAfter;
    Domain::NormStatus statusAfter = Domain::NormStatus::Unknown;
    StatusSource source = StatusSource::Refresh;
    QString note;
};

// Sorting is on stored values: provider and status by their keys, amount by
// minor units, times as instants. Ties are broken by the row id in the same
// direction, so pages never overlap or skip. An unknown time sorts before every
// known one (ascending), except the cancel deadline: "no deadline" counts as
// later than every deadline (last ascending, first descending).
struct OrderQuery
{
    enum class Sort {
        Provider,
        PaymentId,
        MerchantReference,
        Method,
        Amount,
        Status,
        Created,
        Deadline,
        LastSynced
    };

    std::optional<Domain::Provider> provider;
    std::optional<Domain::NormStatus> status;
    QString method; // exact, case-insensitive
    // Matches payment ids and merchant references that start with this text
    // (what operators paste); uses the indexes.
    QString text;
    // Cancel deadline window: from inclusive, to exclusive; invalid = open.
    QDateTime deadlineFrom;
    QDateTime deadlineTo;
    // Only orders carrying all these flags (e.g. Conflict).
    Domain::StatusFlags requiredFlags;

    Sort sort = Sort::Created;
    Qt::SortOrder order = Qt::DescendingOrder;
    int offset = 0;
    int limit = 200; // <= 0: no limit
    // Only the orders whose row id is in (idAfter, idUpTo]; 0: open. Set by
    // OrderStore::partition() to read one list on several threads.
    qint64 idAfter = 0;
    qint64 idUpTo = 0;
    // Whether Order::lastPayload is read (lists that show many rows skip it).
    bool withPayload = true;
};

struct UpsertResult
{
    bool ok = false;
    bool inserted = false;
    bool statusChanged = false;
    // The incoming status contradicted a confirmed cancel; it was not applied and
    // the order now carries the Conflict flag (F7).
    bool conflict = false;
    QString error; // translated, when !ok
};

// Orders of all providers, keyed by (provider, payment id), with their status
// history. Indexed for 1,000,000 orders.
class OrderStore final
{
public:
    // policy, when given, computes each order's cancel deadline on upsert so that
    // deadline queries and sorting work in SQL.
    explicit OrderStore(Database &db, const Domain::CancelPolicy *policy = nullptr);
    Q_DISABLE_COPY_MOVE(OrderStore)

    // Inserts or updates; records a status-history row when the raw status is new
    // or changed. A CANCELLED order whose incoming status is not CANCELLED keeps
    // CANCELLED and gets the Conflict flag instead (F7).
    UpsertResult upsert(const Domain::Order &order, StatusSource source);
    // The same inside a write transaction the caller holds on this store's
    // database, in this thread (CancelJournal::record's alsoWrite: an attempt's
    // final state and the order's status commit together, F11 step 6).
    UpsertResult upsertInTransaction(const Domain::Order &order, StatusSource source);
    // All or nothing, in one transaction.
    bool upsertMany(const QList<Domain::Order> &orders, StatusSource source, QString *error);

    std::optional<Domain::Order> find(Domain::Provider provider, const QString &paymentId) const;
    // find() for many orders in a few statements (one per provider and batch
    // of keys): one entry per key, nullopt when not stored. Empty with *error
    // set when they cannot be read.
    QList<std::optional<Domain::Order>> findMany(const QList<Domain::OrderKey> &keys,
                                                 QString *error = nullptr) const;
    QList<Domain::Order> query(const OrderQuery &query, QString *error = nullptr) const;
    // Streams the matching orders in the query's order without holding them
    // (the console's 1,000,000-row list); stop by returning false.
    bool forEach(const OrderQuery &query, const std::function<bool(const Domain::Order &)> &visit,
                 QString *error = nullptr) const;
    qint64 count(const OrderQuery &query, QString *error = nullptr) const;
    // `query` cut into at most `parts` queries by row id, lowest ids first:
    // together they match each of query's orders exactly once, each in
    // query's order, however the store changes meanwhile. Fewer when the
    // store holds fewer ids; empty with *error set when it cannot be read.
    QList<OrderQuery> partition(const OrderQuery &query, int parts, QString *error = nullptr) const;
    QList<StatusChange> history(Domain::Provider provider, const QString &paymentId) const;
    // How many orders of that provider share the merchant reference (F4).
    int referenceCount(Domain::Provider provider, const QString &merchantReference) const;

    // Records a failed sync without touching the status (nor lastSyncedAt, which
    // stays the last successful sync). The next successful sync clears it.
    bool recordSyncError(Domain::Provider provider, const QString &paymentId, const QDateTime &at,
                         const QString &error);
    // When the error of Order::lastSyncError happened; invalid when there is none.
    QDateTime lastSyncErrorAt(Domain::Provider provider, const QString &paymentId) const;
    Database &database() const { return m_db; }

    // A person reviewed the conflict (F7): drops the flag and notes it in the history.
    bool clearConflict(Domain::Provider provider, const QString &paymentId);

    // EXPLAIN QUERY PLAN of the statement query() runs, one line per step; for
    // tests and benchmarks that check the indexes are used.
    QStringList queryPlan(const OrderQuery &query, QString *error = nullptr) const;

private:
    friend class OrderBatch;

    Database &m_db;
    const Domain::CancelPolicy *m_policy = nullptr;
};

// Many upserts in one write transaction that the caller streams into (F2
// import of a large file, without holding its rows in memory): nothing is
// visible to others until commit(); destroyed without commit(), everything
// added rolls back. Reads through the store on the same thread see the
// batch's own writes.
class UpsertStatements;

class OrderBatch final
{
public:
    OrderBatch(OrderStore &store, StatusSource source);
    ~OrderBatch();
    Q_DISABLE_COPY_MOVE(OrderBatch)

    bool begin(QString *error);
    // The stored order, read inside the batch (its own writes included). An
    // upsert() of the same order right after does not read it again.
    std::optional<Domain::Order> find(Domain::Provider provider, const QString &paymentId);
    // Adds the order if it is not stored yet (inserted), else leaves the
    // stored one as it is (ok, not inserted): an import's new rows cost one
    // statement, not a read and then a write.
    UpsertResult insertIfNew(const Domain::Order &order);
    // insertIfNew() of several orders (distinct payments): on PostgreSQL as
    // one statement for the orders and one for their history (each statement
    // is a round trip to the server there), on SQLite one by one. Result i is
    // orders[i]'s; after a failed one the rest are not tried (not ok, no
    // error). A failure rolls the whole batch back at its end, as always.
    QList<UpsertResult> insertManyIfNew(const QList<Domain::Order> &orders);
    UpsertResult upsert(const Domain::Order &order);
    bool commit(QString *error);

private:
    struct LastFound;
    void restoreSettings();
    // The batch's row_version for new orders, read once; false with *error.
    bool ensureVersion(QString *error);
    // insertManyIfNew() as two statements (PostgreSQL); nullopt when one
    // failed (the caller undoes it and tries the orders one by one).
    std::optional<QList<UpsertResult>> insertTogether(const QList<Domain::Order> &orders);
    // SQLite's page cache during a batch: 64 MiB (a negative cache_size is KiB).
    static constexpr int kBatchCacheSize = -64 * 1024;

    OrderStore &m_store;
    StatusSource m_source;
    std::unique_ptr<WriteTransaction> m_tx;
    // Prepared once for the whole batch.
    std::unique_ptr<UpsertStatements> m_statements;
    std::unique_ptr<LastFound> m_last;
    // The row_version of the batch's new orders (SQLite; 0 on PostgreSQL),
    // read at the first insertIfNew().
    std::optional<qint64> m_version;
    // The SQLite connection's own page cache size, while the batch runs.
    std::optional<qint64> m_savedCacheSize;
};

} // namespace CancelDesk::Storage
