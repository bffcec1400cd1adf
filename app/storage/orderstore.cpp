#include "orderstore.h"

#include "database.h"
#include "keybatch.h"
#include "rowcursor.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <array>
#include <map>
#include <string>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

using Domain::NormStatus;
using Domain::Order;
using Domain::Provider;
using Domain::StatusFlag;
using Domain::StatusFlags;

namespace {

struct SourceName
{
    StatusSource source;
    const char16_t *key;
};

constexpr std::array<SourceName, 4> kSourceNames{{
    {StatusSource::Import, u"import"},
    {StatusSource::Refresh, u"refresh"},
    {StatusSource::Cancel, u"cancel"},
    {StatusSource::Manual, u"manual"},
}};

// The order columns in the order orderFromRow() reads them.
const QString kOrderColumns =
    u"id, provider, payment_id, merchant_reference, payment_method, amount_minor, currency, "
    "raw_status, status, flags, created_at, paid_at, auth_expires_at, method_deadline, "
    "cancel_deadline, last_payload, last_synced_at, last_sync_error"_s;

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant();
}

// Qt binds a null QString as SQL NULL; text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QString textAt(const QSqlQuery &q, int index)
{
    return q.value(index).toString();
}

QString textAt(const RowCursor &q, int index)
{
    return q.text(index); // no QVariant on the long walks
}

qint64 intAt(const QSqlQuery &q, int index)
{
    return q.value(index).toLongLong();
}

qint64 intAt(const RowCursor &q, int index)
{
    return q.int64(index);
}

// Rows come from a QSqlQuery, or a RowCursor on the long walks.
template<typename Row> QDateTime timeAt(const Row &q, int index)
{
    if (q.isNull(index))
        return {};
    return QDateTime::fromMSecsSinceEpoch(intAt(q, index), Qt::UTC);
}

template<typename Row> Order orderFromRow(const Row &q)
{
    Order o;
    o.provider = Domain::providerFromKey(textAt(q, 1)).value_or(Provider::Uqpay);
    o.paymentId = textAt(q, 2);
    o.merchantReference = textAt(q, 3);
    o.paymentMethod = textAt(q, 4);
    o.amount = {intAt(q, 5), textAt(q, 6)};
    o.rawStatus = textAt(q, 7);
    o.status = Domain::statusFromKey(textAt(q, 8)).value_or(NormStatus::Unknown);
    o.flags = StatusFlags::fromInt(int(intAt(q, 9)));
    o.createdAt = timeAt(q, 10);
    o.paidAt = timeAt(q, 11);
    o.authExpiresAt = timeAt(q, 12);
    o.methodDeadline = timeAt(q, 13);
    o.cancelDeadline = timeAt(q, 14);
    o.lastPayload = q.value(15).toByteArray();
    o.lastSyncedAt = timeAt(q, 16);
    o.lastSyncError = textAt(q, 17);
    return o;
}

QString failure(const QSqlQuery &q)
{
    return Database::errorText(q.lastError());
}

struct StoredOrder
{
    qint64 id = 0;
    Order order;
};

} // namespace

// The statements of an upsert, each prepared once on first use and reused:
// an import of 200,000 rows would otherwise compile each of them 200,000
// times (most of its time). One per upsert, or one per OrderBatch.
class UpsertStatements
{
public:
    enum Kind { Select, Insert, InsertIfNew, Update, History, LastHistory, KindCount };

    explicit UpsertStatements(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    const QSqlDatabase &db() const { return m_db; }
    // The statement, prepared on its first run (RowCursor::exec(binds): on
    // SQLite bound and stepped through sqlite3 itself; Qt's binding cost a
    // QVariant, a placeholder name and a UTF-16 copy per value).
    RowCursor &get(Kind kind);
    // A statement of the batch's own (several rows at once), prepared on its
    // first run and kept by its text.
    RowCursor &many(const QString &sql);

private:
    QSqlDatabase m_db;
    std::array<std::unique_ptr<RowCursor>, KindCount> m_queries;
    std::map<QString, std::unique_ptr<RowCursor>> m_many;
};

namespace {

// The values of one run of a statement, by position.
class Binder
{
public:
    Binder &operator<<(const QVariant &value)
    {
        m_values.append(value);
        return *this;
    }
    const QVariantList &values() const { return m_values; }

private:
    QVariantList m_values;
};

// Runs a statement that returns no rows to its end; false with *error.
bool runToEnd(RowCursor &q, const Binder &b, QString *error)
{
    const bool ok = q.exec(b.values()) && (q.next() || q.error().isEmpty());
    if (!ok && error)
        *error = q.error();
    q.finish();
    return ok;
}

std::optional<StoredOrder> loadOrder(UpsertStatements &st, Provider provider,
                                     const QString &paymentId, QString *error)
{
    RowCursor &q = st.get(UpsertStatements::Select);
    Binder b;
    b << Domain::providerKey(provider) << text(paymentId);
    std::optional<StoredOrder> found;
    if (q.exec(b.values()) && q.next())
        found = StoredOrder{q.int64(0), orderFromRow(q)};
    if (!q.error().isEmpty()) {
        if (error)
            *error = q.error();
        found.reset();
    }
    q.finish(); // the statement is reused: release it now
    return found;
}

std::optional<StoredOrder> loadOrder(const QSqlDatabase &db, Provider provider,
                                     const QString &paymentId, QString *error)
{
    UpsertStatements st(db);
    return loadOrder(st, provider, paymentId, error);
}

// What an update keeps from the stored order: a value the incoming record does
// not know (an import without payload, a CSV without times) never erases one
// that is known. The sync error follows the sync: only a record that was
// synced (lastSyncedAt set) replaces it.
Order merge(const Order &stored, const Order &incoming)
{
    Order m = incoming;
    if (m.merchantReference.isEmpty())
        m.merchantReference = stored.merchantReference;
    if (m.paymentMethod.isEmpty())
        m.paymentMethod = stored.paymentMethod;
    if (m.amount.currency.isEmpty())
        m.amount = stored.amount;
    if (m.rawStatus.isEmpty() && m.status == NormStatus::Unknown) {
        m.rawStatus = stored.rawStatus;
        m.status = stored.status;
        m.flags |= stored.flags;
    }
    const auto keep = [](QDateTime &value, const QDateTime &old) {
        if (!value.isValid())
            value = old;
    };
    keep(m.createdAt, stored.createdAt);
    keep(m.paidAt, stored.paidAt);
    keep(m.authExpiresAt, stored.authExpiresAt);
    keep(m.methodDeadline, stored.methodDeadline);
    keep(m.cancelDeadline, stored.cancelDeadline);
    if (m.lastPayload.isEmpty())
        m.lastPayload = stored.lastPayload;
    if (!incoming.lastSyncedAt.isValid()) {
        m.lastSyncedAt = stored.lastSyncedAt;
        m.lastSyncError = stored.lastSyncError;
    }
    // Only a person clears a conflict (clearConflict()).
    if (stored.flags.testFlag(StatusFlag::Conflict))
        m.flags |= StatusFlag::Conflict;
    return m;
}

QString validate(const Order &order)
{
    if (order.paymentId.trimmed().isEmpty())
        return QCoreApplication::translate("OrderStore", "The order has no payment ID.");
    if (!order.amount.currency.isEmpty() && !order.amount.isValid())
        return QCoreApplication::translate("OrderStore",
                                           "The amount of order %1 is not valid in %2.")
            .arg(order.paymentId, order.amount.currency);
    if (order.amount.currency.isEmpty() && order.amount.minor != 0)
        return QCoreApplication::translate("OrderStore", "The amount of order %1 has no currency.")
            .arg(order.paymentId);
    return {};
}

// A field name that holds a credential: UQPAY's client_secret, API keys,
// access, auth and refresh tokens, passwords, private keys. Compared without
// case, '_' or '-'.
bool isSecretField(const QString &name)
{
    QString key = name.toLower();
    key.remove(u'_');
    key.remove(u'-');
    static const QStringList kParts{u"secret"_s,      u"password"_s,  u"apikey"_s,
                                    u"accesstoken"_s, u"authtoken"_s, u"refreshtoken"_s,
                                    u"privatekey"_s,  u"idtoken"_s};
    return key == u"token"
           || std::any_of(kParts.cbegin(), kParts.cend(),
                          [&key](const QString &part) { return key.contains(part); });
}

// Drops secret fields at any depth; true when something was dropped.
bool dropSecrets(QJsonValue &value)
{
    bool dropped = false;
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end();) {
            if (isSecretField(it.key())) {
                it = object.erase(it);
                dropped = true;
                continue;
            }
            QJsonValue child = it.value();
            if (dropSecrets(child)) {
                it.value() = child;
                dropped = true;
            }
            ++it;
        }
        if (dropped)
            value = object;
    } else if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue child = array.at(i);
            if (dropSecrets(child)) {
                array.replace(i, child);
                dropped = true;
            }
        }
        if (dropped)
            value = array;
    }
    return dropped;
}

// The provider's answer is kept for the status view, never its secrets (a
// UQPAY payment intent carries its client_secret). Every write of an order
// goes through here. Bytes without a secret, or that are not JSON, are kept
// exactly.
QByteArray payloadToStore(const QByteArray &payload)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError)
        return payload;
    QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    if (!dropSecrets(root))
        return payload;
    return root.isObject() ? QJsonDocument(root.toObject()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(root.toArray()).toJson(QJsonDocument::Compact);
}

void bindOrderValues(Binder &b, const Order &o)
{
    b << text(o.merchantReference) << text(o.paymentMethod) << o.amount.minor
      << text(o.amount.currency) << text(o.rawStatus) << Domain::statusKey(o.status)
      << o.flags.toInt() << msOrNull(o.createdAt) << msOrNull(o.paidAt) << msOrNull(o.authExpiresAt)
      << msOrNull(o.methodDeadline) << msOrNull(o.cancelDeadline)
      << (o.lastPayload.isEmpty() ? QVariant() : QVariant(payloadToStore(o.lastPayload)))
      << msOrNull(o.lastSyncedAt) << text(o.lastSyncError);
}

// A new order's values, in insertOrdersSql()'s columns; version when ifNew.
void bindNewOrder(Binder &b, const Order &o, std::optional<qint64> version)
{
    b << Domain::providerKey(o.provider) << o.paymentId;
    bindOrderValues(b, o);
    if (version)
        b << *version;
}

// A history row's values, in insertHistorySql()'s columns.
void bindHistory(Binder &b, qint64 orderId, const StatusChange &change)
{
    b << orderId << change.at.toMSecsSinceEpoch() << text(change.rawBefore) << text(change.rawAfter)
      << Domain::statusKey(change.statusAfter) << statusSourceKey(change.source)
      << text(change.note);
}

// The first history row of a new order that comes with a status.
StatusChange firstStatus(const Order &o, StatusSource source, const QDateTime &now)
{
    return {now, {}, o.rawStatus, o.status, source, {}};
}

bool addHistory(UpsertStatements &st, qint64 orderId, const StatusChange &change, QString *error)
{
    Binder b;
    bindHistory(b, orderId, change);
    return runToEnd(st.get(UpsertStatements::History), b, error);
}

// The raw value of the newest history row, to note a repeated contradiction once.
QString lastHistoryRaw(UpsertStatements &st, qint64 orderId)
{
    RowCursor &q = st.get(UpsertStatements::LastHistory);
    Binder b;
    b << orderId;
    QString raw;
    if (q.exec(b.values()) && q.next())
        raw = q.text(0);
    q.finish();
    return raw;
}

// The note of a history row that records a contradicted cancel (F7). Stored in
// English with the stable "conflict:" prefix so the UI can recognise and word it.
QString conflictNote(const Order &incoming)
{
    return u"conflict: provider reported %1 (%2) after a confirmed cancel; CANCELLED kept"_s.arg(
        incoming.rawStatus, Domain::statusKey(incoming.status));
}

// A new order, with its first history row when it comes with a status.
// ifNewAtVersion (a batch): an order already stored is left as it is (ok, not
// inserted), and a new one takes this row_version (SQLite; PostgreSQL's
// trigger numbers it whatever is given).
UpsertResult insertOrder(UpsertStatements &st, Order o, StatusSource source,
                         const Domain::CancelPolicy *policy, const QDateTime &now,
                         std::optional<qint64> ifNewAtVersion = std::nullopt)
{
    UpsertResult r;
    if (policy)
        o.cancelDeadline = policy->deadline(o);
    const bool ifNew = ifNewAtVersion.has_value();
    RowCursor &q = st.get(ifNew ? UpsertStatements::InsertIfNew : UpsertStatements::Insert);
    Binder b;
    bindNewOrder(b, o, ifNewAtVersion);
    // RETURNING, not lastInsertId(): PostgreSQL's driver would ask again.
    if (!q.exec(b.values()) || !q.next()) {
        const QString error = q.error();
        q.finish();
        if (ifNew && error.isEmpty()) {
            r.ok = true; // it was there: nothing written
            return r;
        }
        r.error = error.isEmpty()
                      ? QCoreApplication::translate("OrderStore", "The new order was not stored.")
                      : error;
        return r;
    }
    const qint64 id = q.int64(0);
    q.finish();
    if (!o.rawStatus.isEmpty() && !addHistory(st, id, firstStatus(o, source, now), &r.error))
        return r;
    r.ok = true;
    r.inserted = true;
    r.statusChanged = !o.rawStatus.isEmpty();
    return r;
}

// Settles the status of o, the stored order merged with the incoming record,
// and returns the history row that records the change, if any. F7: a confirmed
// cancel is not overwritten by a later contradicting status; a person reviews
// the flagged order. Sets r.conflict and r.statusChanged.
std::optional<StatusChange> settleStatus(UpsertStatements &st, const StoredOrder &stored,
                                         const Order &incoming, Order &o, StatusSource source,
                                         const QDateTime &now, UpsertResult &r)
{
    const Order &old = stored.order;
    const bool reported = !incoming.rawStatus.isEmpty() || incoming.status != NormStatus::Unknown;
    if (reported && old.status == NormStatus::Cancelled && o.status != NormStatus::Cancelled) {
        r.conflict = true;
        o.rawStatus = old.rawStatus;
        o.status = NormStatus::Cancelled;
        o.flags = old.flags | StatusFlag::Conflict;
        const bool alreadyNoted = old.flags.testFlag(StatusFlag::Conflict)
                                  && lastHistoryRaw(st, stored.id) == incoming.rawStatus;
        if (alreadyNoted)
            return std::nullopt;
        return StatusChange{
            now,    old.rawStatus,         incoming.rawStatus, NormStatus::Cancelled,
            source, conflictNote(incoming)};
    }
    if (o.rawStatus != old.rawStatus || o.status != old.status) {
        r.statusChanged = true;
        return StatusChange{now, old.rawStatus, o.rawStatus, o.status, source, {}};
    }
    return std::nullopt;
}

// A known order: merged with what is stored (merge()), its status settled.
UpsertResult updateOrder(UpsertStatements &st, const StoredOrder &stored, const Order &incoming,
                         StatusSource source, const Domain::CancelPolicy *policy,
                         const QDateTime &now)
{
    UpsertResult r;
    Order o = merge(stored.order, incoming);
    const std::optional<StatusChange> change =
        settleStatus(st, stored, incoming, o, source, now, r);
    if (policy)
        o.cancelDeadline = policy->deadline(o);

    Binder b;
    bindOrderValues(b, o);
    b << text(o.lastSyncError) << stored.id;
    if (!runToEnd(st.get(UpsertStatements::Update), b, &r.error))
        return r;
    if (change && !addHistory(st, stored.id, *change, &r.error))
        return r;
    r.ok = true;
    return r;
}

// When a status change of this record is dated: a status the provider
// reported is dated when it was retrieved, on the same clock as lastSyncedAt,
// so that the history and "last confirmed" compare (the status view tells a
// refresh that confirmed from one that changed); else now.
QDateTime statusTime(const Order &incoming)
{
    return incoming.lastSyncedAt.isValid() ? incoming.lastSyncedAt
                                           : QDateTime::currentDateTimeUtc();
}

// known: what the caller has just read of this order (OrderBatch::find), so
// that it is not read again; null: read it here.
UpsertResult upsertIn(UpsertStatements &st, const Order &incoming, StatusSource source,
                      const Domain::CancelPolicy *policy,
                      const std::optional<StoredOrder> *known = nullptr)
{
    UpsertResult r;
    r.error = validate(incoming);
    if (!r.error.isEmpty())
        return r;

    const QDateTime now = statusTime(incoming);
    std::optional<StoredOrder> loaded;
    if (!known) {
        loaded = loadOrder(st, incoming.provider, incoming.paymentId, &r.error);
        if (!r.error.isEmpty())
            return r;
    }
    const std::optional<StoredOrder> &stored = known ? *known : loaded;
    return stored ? updateOrder(st, *stored, incoming, source, policy, now)
                  : insertOrder(st, incoming, source, policy, now);
}

UpsertResult upsertIn(const QSqlDatabase &db, const Order &incoming, StatusSource source,
                      const Domain::CancelPolicy *policy)
{
    UpsertStatements st(db);
    return upsertIn(st, incoming, source, policy);
}

// The smallest string above every string that starts with prefix, in SQLite's
// BINARY order (UTF-8 bytes, which is code point order): "PI12" -> "PI13". Lets
// a prefix search be an index range instead of a LIKE that scans. Empty when
// no such bound exists.
QString prefixUpperBound(const QString &prefix)
{
    std::u32string cps = prefix.toStdU32String();
    while (!cps.empty()) {
        char32_t next = cps.back() + 1;
        cps.pop_back();
        if (next == 0xD800)
            next = 0xE000; // surrogates are not characters
        if (next <= 0x10FFFF) {
            cps.push_back(next);
            return QString::fromStdU32String(cps);
        }
    }
    return {};
}

struct BuiltQuery
{
    QString where; // with leading " WHERE", or empty
    QString orderBy;
    QVariantList binds;
};

// The id/reference prefix search. Two index ranges joined by OR: SQLite
// answers it with both indexes (MULTI-INDEX OR) instead of scanning.
void addPrefixTerm(const QString &prefix, QStringList &terms, QVariantList &binds)
{
    const QString upper = prefixUpperBound(prefix);
    if (upper.isEmpty()) {
        terms.append(u"(payment_id >= ? OR merchant_reference >= ?)"_s);
        binds << prefix << prefix;
    } else {
        terms.append(u"((payment_id >= ? AND payment_id < ?) "
                     "OR (merchant_reference >= ? AND merchant_reference < ?))"_s);
        binds << prefix << upper << prefix << upper;
    }
}

// The cancel deadline window. "(cancel_deadline IS NULL) = 0" names the
// first column of the orders_deadline index, so the window is a range of that
// index (PostgreSQL: "IS FALSE"; its planner turns "= false" into IS NOT
// NULL, which the expression index does not serve). With a prefix search it is left out: the
// comparisons alone exclude NULLs and are then only filters.
void addDeadlineTerms(const OrderQuery &query, Engine engine, bool prefixSearch, QStringList &terms,
                      QVariantList &binds)
{
    if (!prefixSearch) {
        // SQLite's booleans are integers; PostgreSQL's are not.
        terms.append(engine == Engine::Sqlite ? u"(cancel_deadline IS NULL) = 0"_s
                                              : u"(cancel_deadline IS NULL) IS FALSE"_s);
    }
    if (query.deadlineFrom.isValid()) {
        terms.append(u"cancel_deadline >= ?"_s);
        binds.append(query.deadlineFrom.toMSecsSinceEpoch());
    }
    if (query.deadlineTo.isValid()) {
        terms.append(u"cancel_deadline < ?"_s);
        binds.append(query.deadlineTo.toMSecsSinceEpoch());
    }
}

// What ORDER BY sorts on for query.sort (dir: ASC or DESC).
QString sortColumn(OrderQuery::Sort sort, bool deadlineWindow, const QString &dir)
{
    switch (sort) {
    case OrderQuery::Sort::Provider:
        return u"provider"_s;
    case OrderQuery::Sort::PaymentId:
        return u"payment_id"_s;
    case OrderQuery::Sort::MerchantReference:
        return u"merchant_reference"_s;
    case OrderQuery::Sort::Method:
        return u"payment_method"_s;
    case OrderQuery::Sort::Amount:
        return u"amount_minor"_s;
    case OrderQuery::Sort::Status:
        return u"status"_s;
    case OrderQuery::Sort::Created:
        return u"created_at"_s;
    case OrderQuery::Sort::Deadline:
        // Without a window the IS NULL term puts "no deadline" last (ascending)
        // and matches the index's first column; inside a window there are no
        // NULLs and the index is already in deadline order.
        return deadlineWindow ? u"cancel_deadline"_s
                              : u"cancel_deadline IS NULL %1, cancel_deadline"_s.arg(dir);
    case OrderQuery::Sort::LastSynced:
        return u"last_synced_at"_s;
    }
    return {};
}

// The method filter: case-insensitive in ASCII, as the methods are.
QString methodTerm(Engine engine)
{
    return engine == Engine::Sqlite ? u"payment_method = ? COLLATE NOCASE"_s
                                    : u"lower(payment_method) = lower(?)"_s;
}

// SQLite sorts NULL before every value; PostgreSQL after, unless told. Said
// for the nullable sort columns, so both engines list alike and PostgreSQL
// walks the indexes (declared NULLS FIRST).
QString nullsOrder(const OrderQuery &query, Engine engine)
{
    if (engine == Engine::Sqlite)
        return {};
    switch (query.sort) {
    case OrderQuery::Sort::Created:
    case OrderQuery::Sort::Deadline:
    case OrderQuery::Sort::LastSynced:
        return query.order == Qt::AscendingOrder ? u" NULLS FIRST"_s : u" NULLS LAST"_s;
    default:
        return {};
    }
}

BuiltQuery buildQuery(const OrderQuery &query, Engine engine)
{
    BuiltQuery b;
    QStringList terms;
    const QString prefix = query.text.trimmed();
    // A pasted id is far more selective than any other filter, but without
    // statistics SQLite would rather walk the provider/status index (a third of
    // a million rows), and so would PostgreSQL before its first ANALYZE. An
    // expression (SQLite's unary +, PostgreSQL's || '') keeps a term out of
    // index selection.
    const bool keepOutOfIndex = !prefix.isEmpty();
    const auto equals = [engine, keepOutOfIndex](const QString &column) -> QString {
        if (!keepOutOfIndex)
            return column + u" = ?"_s;
        if (engine == Engine::Sqlite)
            return u"+"_s + column + u" = ?"_s;
        return column + u" || '' = ?"_s;
    };
    if (query.provider) {
        terms.append(equals(u"provider"_s));
        b.binds.append(Domain::providerKey(*query.provider));
    }
    if (query.status) {
        terms.append(equals(u"status"_s));
        b.binds.append(Domain::statusKey(*query.status));
    }
    if (!query.method.trimmed().isEmpty()) {
        terms.append(methodTerm(engine));
        b.binds.append(query.method.trimmed());
    }
    if (!prefix.isEmpty())
        addPrefixTerm(prefix, terms, b.binds);
    const bool deadlineWindow = query.deadlineFrom.isValid() || query.deadlineTo.isValid();
    if (deadlineWindow)
        addDeadlineTerms(query, engine, !prefix.isEmpty(), terms, b.binds);
    if (query.requiredFlags.toInt() != 0) {
        terms.append(u"(flags & ?) = ?"_s);
        b.binds << query.requiredFlags.toInt() << query.requiredFlags.toInt();
    }
    // A part of the rows (partition()): the sort's index still picks them,
    // so the id range is kept out of index selection.
    const QString id = engine == Engine::Sqlite ? u"+id"_s : u"id + 0"_s;
    if (query.idAfter != 0) {
        terms.append(id + u" > ?"_s);
        b.binds.append(query.idAfter);
    }
    if (query.idUpTo != 0) {
        terms.append(id + u" <= ?"_s);
        b.binds.append(query.idUpTo);
    }
    if (!terms.isEmpty())
        b.where = u" WHERE "_s + terms.join(u" AND "_s);

    const QString dir = query.order == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
    b.orderBy = u" ORDER BY %1 %2%3, id %2"_s.arg(sortColumn(query.sort, deadlineWindow, dir), dir,
                                                  nullsOrder(query, engine));
    return b;
}

// The page: LIMIT only with a limit (PostgreSQL refuses SQLite's -1 for
// "none"), OFFSET only past the first row.
QString selectSql(const BuiltQuery &b, const OrderQuery &query)
{
    QString columns = kOrderColumns;
    if (!query.withPayload)
        columns.replace(u"last_payload"_s, u"NULL"_s);
    QString sql = u"SELECT "_s + columns + u" FROM orders"_s + b.where + b.orderBy;
    if (query.limit > 0)
        sql += u" LIMIT ?"_s;
    if (query.offset > 0)
        sql += u" OFFSET ?"_s;
    return sql;
}

// The values for selectSql()'s placeholders, in order.
QVariantList selectBinds(const OrderQuery &query, const BuiltQuery &b)
{
    QVariantList values = b.binds;
    if (query.limit > 0)
        values.append(query.limit);
    if (query.offset > 0)
        values.append(query.offset);
    return values;
}

void bindAll(QSqlQuery &q, const OrderQuery &query, const BuiltQuery &b)
{
    const QVariantList values = selectBinds(query, b);
    for (const QVariant &v : values)
        q.addBindValue(v);
}

// The statement with its values written in as literals, the way the driver
// quotes them. PostgreSQL cannot prepare an EXPLAIN; our statements hold no
// '?' but their placeholders.
QString withLiterals(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QString out;
    qsizetype next = 0;
    for (const QChar c : sql) {
        if (c != u'?' || next >= values.size()) {
            out.append(c);
            continue;
        }
        const QVariant &value = values.at(next++);
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        out.append(db.driver()->formatValue(field));
    }
    return out;
}

} // namespace

namespace {

// "(?, …, ?), …": rows of placeholders.
QString valueRows(int rows, int columns)
{
    const QString row = u"("_s + QStringList(columns, u"?"_s).join(u", "_s) + u")"_s;
    return QStringList(rows, row).join(u", "_s);
}

// INSERT of new orders, returning their ids and keys (bindNewOrder() binds
// each). ifNew (a batch): an order already stored is left as it is (no row
// returned), and a new one is given its row_version (schema 8).
QString insertOrdersSql(int rows, bool ifNew)
{
    const QString columns =
        u"provider, payment_id, merchant_reference, payment_method, amount_minor, currency, "
        "raw_status, status, flags, created_at, paid_at, auth_expires_at, method_deadline, "
        "cancel_deadline, last_payload, last_synced_at, last_sync_error"_s;
    return u"INSERT INTO orders (%1%2) VALUES %3 %4RETURNING id, provider, payment_id"_s.arg(
        columns, ifNew ? u", row_version"_s : QString(), valueRows(rows, ifNew ? 18 : 17),
        ifNew ? u"ON CONFLICT (provider, payment_id) DO NOTHING "_s : QString());
}

// INSERT of status history rows (bindHistory() binds each).
QString insertHistorySql(int rows)
{
    return u"INSERT INTO status_history (order_id, at, raw_before, raw_after, status_after, "
           "source, note) VALUES "_s
           + valueRows(rows, 7);
}

} // namespace

RowCursor &UpsertStatements::many(const QString &sql)
{
    std::unique_ptr<RowCursor> &q = m_many[sql];
    if (!q)
        q = std::make_unique<RowCursor>(m_db, sql);
    return *q;
}

RowCursor &UpsertStatements::get(Kind kind)
{
    std::unique_ptr<RowCursor> &q = m_queries[kind];
    if (q)
        return *q;
    static const std::array<QString, KindCount> sql{
        u"SELECT "_s + kOrderColumns + u" FROM orders WHERE provider = ? AND payment_id = ?"_s,
        insertOrdersSql(1, false),
        insertOrdersSql(1, true),
        u"UPDATE orders SET merchant_reference = ?, payment_method = ?, amount_minor = ?, "
        "currency = ?, raw_status = ?, status = ?, flags = ?, created_at = ?, paid_at = ?, "
        "auth_expires_at = ?, method_deadline = ?, cancel_deadline = ?, last_payload = ?, "
        "last_synced_at = ?, last_sync_error = ?, "
        "last_sync_error_at = CASE WHEN ? = '' THEN NULL ELSE last_sync_error_at END "
        "WHERE id = ?"_s,
        insertHistorySql(1),
        u"SELECT raw_after FROM status_history WHERE order_id = ? "
        "ORDER BY at DESC, id DESC LIMIT 1"_s,
    };
    // A statement that does not prepare fails at its first exec() with the
    // driver's error, which the caller reports.
    q = std::make_unique<RowCursor>(m_db, sql[kind]);
    return *q;
}

QString statusSourceKey(StatusSource source)
{
    for (const SourceName &s : kSourceNames) {
        if (s.source == source)
            return QString::fromUtf16(s.key);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<StatusSource> statusSourceFromKey(QStringView key)
{
    for (const SourceName &s : kSourceNames) {
        if (key == QStringView(s.key))
            return s.source;
    }
    return std::nullopt;
}

OrderStore::OrderStore(Database &db, const Domain::CancelPolicy *policy)
    : m_db(db)
    , m_policy(policy)
{}

UpsertResult OrderStore::upsert(const Order &order, StatusSource source)
{
    UpsertResult r;
    r.error = validate(order);
    if (!r.error.isEmpty())
        return r;
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    if (!tx.begin(&r.error))
        return r;
    r = upsertIn(db, order, source, m_policy);
    if (r.ok && !tx.commit(&r.error))
        r.ok = false;
    return r;
}

UpsertResult OrderStore::upsertInTransaction(const Order &order, StatusSource source)
{
    UpsertResult r;
    r.error = validate(order);
    if (!r.error.isEmpty())
        return r;
    return upsertIn(m_db.connection(), order, source, m_policy);
}

bool OrderStore::upsertMany(const QList<Order> &orders, StatusSource source, QString *error)
{
    QString ignored;
    QString *const err = error ? error : &ignored;
    OrderBatch batch(*this, source);
    if (!batch.begin(err))
        return false;
    for (qsizetype i = 0; i < orders.size(); ++i) {
        const UpsertResult r = batch.upsert(orders.at(i));
        if (!r.ok) {
            // The batch rolls back: nothing of it is written.
            *err = QCoreApplication::translate("OrderStore", "Order %1 of %2: %3")
                       .arg(i + 1)
                       .arg(orders.size())
                       .arg(r.error);
            return false;
        }
    }
    return batch.commit(err);
}

struct OrderBatch::LastFound
{
    Provider provider = Provider::Uqpay;
    QString paymentId;
    std::optional<StoredOrder> stored;
};

OrderBatch::OrderBatch(OrderStore &store, StatusSource source)
    : m_store(store)
    , m_source(source)
{}

// An open transaction rolls back; the statements go first.
OrderBatch::~OrderBatch()
{
    m_statements.reset();
    m_tx.reset();
    restoreSettings();
}

void OrderBatch::restoreSettings()
{
    if (!m_savedCacheSize)
        return;
    QSqlQuery q(m_store.m_db.connection());
    q.exec(u"PRAGMA cache_size = %1"_s.arg(*m_savedCacheSize));
    m_savedCacheSize.reset();
}

bool OrderBatch::begin(QString *error)
{
    Q_ASSERT(!m_tx);
    const QSqlDatabase db = m_store.m_db.connection();
    if (engineOf(db) == Engine::Sqlite) {
        // A large batch outgrows SQLite's 2 MB page cache, which then spills
        // half-built pages into the WAL again and again: 64 MiB for the batch
        // (memory stays bounded), the connection's own size back at commit or
        // rollback. (temp_store = MEMORY would also keep the statement
        // journals off /var/tmp, but changing it drops the connection's TEMP
        // objects, so it is not done here.)
        QSqlQuery q(db);
        if (q.exec(u"PRAGMA cache_size"_s) && q.next())
            m_savedCacheSize = q.value(0).toLongLong();
        q.exec(u"PRAGMA cache_size = %1"_s.arg(kBatchCacheSize));
    }
    auto tx = std::make_unique<WriteTransaction>(db);
    if (!tx->begin(error)) {
        restoreSettings();
        return false;
    }
    m_tx = std::move(tx);
    m_statements = std::make_unique<UpsertStatements>(db);
    return true;
}

std::optional<Order> OrderBatch::find(Provider provider, const QString &paymentId)
{
    Q_ASSERT(m_tx);
    auto last = std::make_unique<LastFound>();
    last->provider = provider;
    last->paymentId = paymentId;
    QString error;
    last->stored = loadOrder(*m_statements, provider, paymentId, &error);
    if (!error.isEmpty())
        return std::nullopt; // not kept: upsert() reads again and reports it
    std::optional<Order> found;
    if (last->stored)
        found = last->stored->order;
    m_last = std::move(last);
    return found;
}

bool OrderBatch::ensureVersion(QString *error)
{
    if (m_version)
        return true;
    // One above every order's version (SQLite); the trigger's job for a
    // single insert, done once for the batch (schema 8).
    if (engineOf(m_statements->db()) != Engine::Sqlite) {
        m_version = 0;
        return true;
    }
    QSqlQuery q(m_statements->db());
    if (!q.exec(u"SELECT coalesce(max(row_version), 0) + 1 FROM orders"_s) || !q.next()) {
        *error = failure(q);
        return false;
    }
    m_version = q.value(0).toLongLong();
    return true;
}

UpsertResult OrderBatch::insertIfNew(const Order &order)
{
    Q_ASSERT(m_tx);
    m_last.reset();
    UpsertResult r;
    r.error = validate(order);
    if (!r.error.isEmpty() || !ensureVersion(&r.error))
        return r;
    return insertOrder(*m_statements, order, m_source, m_store.m_policy, statusTime(order),
                       m_version);
}

QList<UpsertResult> OrderBatch::insertManyIfNew(const QList<Order> &orders)
{
    Q_ASSERT(m_tx);
    m_last.reset();
    if (orders.isEmpty())
        return {};
    if (engineOf(m_statements->db()) != Engine::Sqlite) {
        // A failed statement would leave no way to tell which order failed:
        // then the chunk is undone to the savepoint and tried one by one
        // below, which names it (and its line) as a single insert would.
        Savepoint savepoint(m_statements->db());
        if (std::optional<QList<UpsertResult>> together = insertTogether(orders))
            return *together;
        savepoint.rollback();
    }
    // SQLite is in-process: one statement per order costs no round trip.
    QList<UpsertResult> results(orders.size());
    for (qsizetype i = 0; i < orders.size(); ++i) {
        results[i] = insertIfNew(orders.at(i));
        if (!results.at(i).ok)
            break;
    }
    return results;
}

std::optional<QList<UpsertResult>> OrderBatch::insertTogether(const QList<Order> &orders)
{
    QList<UpsertResult> results(orders.size());
    // The orders before the first one that does not validate go together;
    // that one then reports its error.
    qsizetype valid = 0;
    while (valid < orders.size()) {
        results[valid].error = validate(orders.at(valid));
        if (!results.at(valid).error.isEmpty())
            break;
        ++valid;
    }
    QString error;
    if (valid > 0 && !ensureVersion(&error))
        return std::nullopt;
    QList<Order> rows;
    rows.reserve(valid);
    Binder b;
    for (qsizetype i = 0; i < valid; ++i) {
        Order o = orders.at(i);
        if (m_store.m_policy)
            o.cancelDeadline = m_store.m_policy->deadline(o);
        bindNewOrder(b, o, m_version);
        rows.append(std::move(o));
    }
    QHash<QString, qint64> ids; // providerKey + '\n' + payment id of the inserted ones
    if (valid > 0) {
        RowCursor &q = m_statements->many(insertOrdersSql(int(valid), true));
        if (q.exec(b.values())) {
            while (q.next())
                ids.insert(q.text(1) + u'\n' + q.text(2), q.int64(0));
        }
        const bool failed = !q.error().isEmpty();
        q.finish();
        if (failed)
            return std::nullopt;
    }
    // Their first history rows, likewise in one statement.
    Binder h;
    int history = 0;
    for (qsizetype i = 0; i < valid; ++i) {
        const Order &o = rows.at(i);
        const auto id = ids.constFind(Domain::providerKey(o.provider) + u'\n' + o.paymentId);
        UpsertResult &r = results[i];
        r.ok = true;
        if (id == ids.cend())
            continue; // it was there: nothing written
        r.inserted = true;
        r.statusChanged = !o.rawStatus.isEmpty();
        if (o.rawStatus.isEmpty())
            continue;
        bindHistory(h, *id, firstStatus(o, m_source, statusTime(o)));
        ++history;
    }
    if (history > 0 && !runToEnd(m_statements->many(insertHistorySql(history)), h, &error))
        return std::nullopt;
    return results;
}

UpsertResult OrderBatch::upsert(const Order &order)
{
    Q_ASSERT(m_tx);
    // What find() read of this very order (the import asks first) is still
    // what is stored: the transaction is ours and nothing was written since.
    std::unique_ptr<LastFound> last = std::move(m_last);
    const bool known =
        last && last->provider == order.provider && last->paymentId == order.paymentId;
    return upsertIn(*m_statements, order, m_source, m_store.m_policy,
                    known ? &last->stored : nullptr);
}

bool OrderBatch::commit(QString *error)
{
    Q_ASSERT(m_tx);
    m_statements.reset();
    m_last.reset();
    if (!m_tx->commit(error))
        return false;
    m_tx.reset();
    restoreSettings();
    return true;
}

std::optional<Order> OrderStore::find(Provider provider, const QString &paymentId) const
{
    const std::optional<StoredOrder> stored =
        loadOrder(m_db.connection(), provider, paymentId, nullptr);
    if (!stored)
        return std::nullopt;
    return stored->order;
}

QList<std::optional<Order>> OrderStore::findMany(const QList<Domain::OrderKey> &keys,
                                                 QString *error) const
{
    const auto keyOf = [](Provider provider, const QString &paymentId) -> QString {
        return Domain::providerKey(provider) + QChar(0) + paymentId;
    };
    QHash<QString, Order> read;
    const bool ok = selectByKeys(
        m_db.connection(), u"SELECT "_s + kOrderColumns + u" FROM orders"_s, {}, keys,
        [&](const QSqlQuery &q) {
            Order o = orderFromRow(q);
            read.insert(keyOf(o.provider, o.paymentId), std::move(o));
        },
        error);
    if (!ok)
        return {};
    QList<std::optional<Order>> found(keys.size());
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (const auto o = read.constFind(keyOf(keys.at(i).provider, keys.at(i).paymentId));
            o != read.cend())
            found[i] = *o;
    }
    return found;
}

QList<Order> OrderStore::query(const OrderQuery &query, QString *error) const
{
    QList<Order> orders;
    if (query.limit > 0)
        orders.reserve(query.limit);
    forEach(
        query,
        [&orders](const Order &o) {
            orders.append(o);
            return true;
        },
        error);
    return orders;
}

bool OrderStore::forEach(const OrderQuery &query, const std::function<bool(const Order &)> &visit,
                         QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    const BuiltQuery b = buildQuery(query, engineOf(db));
    // The list reads every order at start: sqlite3's own rows, not Qt's
    // QVariants (RowCursor).
    RowCursor q(db, selectSql(b, query), selectBinds(query, b));
    if (!q.exec()) {
        if (error)
            *error = q.error();
        return false;
    }
    while (q.next()) {
        if (!visit(orderFromRow(q)))
            return true;
    }
    // next() also ends the rows on a failed step (a damaged page): that must
    // not pass for the end of the list.
    if (!q.error().isEmpty()) {
        if (error)
            *error = q.error();
        return false;
    }
    return true;
}

namespace {

// q on the one row of `columns` (aggregates) over query's orders.
bool aggregate(const QSqlDatabase &db, QSqlQuery &q, const QString &columns,
               const OrderQuery &query, QString *error)
{
    const BuiltQuery b = buildQuery(query, engineOf(db));
    q.prepare(u"SELECT "_s + columns + u" FROM orders"_s + b.where);
    for (const QVariant &v : b.binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        if (error)
            *error = failure(q);
        return false;
    }
    return true;
}

} // namespace

QList<OrderQuery> OrderStore::partition(const OrderQuery &query, int parts, QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    if (!aggregate(db, q, u"MIN(id), MAX(id)"_s, query, error))
        return {};
    if (q.isNull(0))
        return {query}; // nothing matches: one (empty) part
    // Ids are handed out in order and seldom deleted: equal id ranges hold
    // about equal numbers of rows. The first part's range is open below and
    // the last's above, so rows added meanwhile still land in exactly one.
    const qint64 low = q.value(0).toLongLong();
    const qint64 high = q.value(1).toLongLong();
    const qint64 span = high - low + 1;
    const qint64 count = std::clamp<qint64>(parts, 1, span);
    QList<OrderQuery> out;
    for (qint64 i = 0; i < count; ++i) {
        OrderQuery part = query;
        if (i > 0)
            part.idAfter = low - 1 + span * i / count;
        if (i + 1 < count)
            part.idUpTo = low - 1 + span * (i + 1) / count;
        out.append(part);
    }
    return out;
}

qint64 OrderStore::count(const OrderQuery &query, QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    if (!aggregate(db, q, u"COUNT(*)"_s, query, error))
        return -1;
    return q.value(0).toLongLong();
}

QStringList OrderStore::queryPlan(const OrderQuery &query, QString *error) const
{
    const QSqlDatabase db = m_db.connection();
    const Engine engine = engineOf(db);
    const BuiltQuery b = buildQuery(query, engine);
    QSqlQuery q(db);
    bool ran = false;
    if (engine == Engine::Sqlite) {
        q.prepare(u"EXPLAIN QUERY PLAN "_s + selectSql(b, query));
        bindAll(q, query, b);
        ran = q.exec();
    } else {
        ran = q.exec(u"EXPLAIN "_s + withLiterals(db, selectSql(b, query), selectBinds(query, b)));
    }
    QStringList plan;
    if (!ran) {
        if (error)
            *error = failure(q);
        return plan;
    }
    // SQLite's columns: id, parent, notused, detail; PostgreSQL's: one line.
    const int detail = engine == Engine::Sqlite ? 3 : 0;
    while (q.next())
        plan.append(q.value(detail).toString());
    return plan;
}

QList<StatusChange> OrderStore::history(Provider provider, const QString &paymentId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT h.at, h.raw_before, h.raw_after, h.status_after, h.source, h.note "
              "FROM status_history h JOIN orders o ON o.id = h.order_id "
              "WHERE o.provider = ? AND o.payment_id = ? ORDER BY h.at, h.id"_s);
    q.addBindValue(Domain::providerKey(provider));
    q.addBindValue(text(paymentId));
    QList<StatusChange> changes;
    if (!q.exec())
        return changes;
    while (q.next()) {
        StatusChange c;
        c.at = timeAt(q, 0);
        c.rawBefore = q.value(1).toString();
        c.rawAfter = q.value(2).toString();
        c.statusAfter = Domain::statusFromKey(q.value(3).toString()).value_or(NormStatus::Unknown);
        c.source = statusSourceFromKey(q.value(4).toString()).value_or(StatusSource::Refresh);
        c.note = q.value(5).toString();
        changes.append(c);
    }
    return changes;
}

int OrderStore::referenceCount(Provider provider, const QString &merchantReference) const
{
    if (merchantReference.isEmpty())
        return 0;
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT COUNT(*) FROM orders WHERE merchant_reference = ? AND provider = ?"_s);
    q.addBindValue(merchantReference);
    q.addBindValue(Domain::providerKey(provider));
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toInt();
}

bool OrderStore::recordSyncError(Provider provider, const QString &paymentId, const QDateTime &at,
                                 const QString &error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"UPDATE orders SET last_sync_error = ?, last_sync_error_at = ? "
              "WHERE provider = ? AND payment_id = ?"_s);
    q.addBindValue(text(error));
    q.addBindValue(msOrNull(at.isValid() ? at : QDateTime::currentDateTimeUtc()));
    q.addBindValue(Domain::providerKey(provider));
    q.addBindValue(text(paymentId));
    return q.exec() && q.numRowsAffected() == 1;
}

QDateTime OrderStore::lastSyncErrorAt(Provider provider, const QString &paymentId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT last_sync_error_at FROM orders WHERE provider = ? AND payment_id = ?"_s);
    q.addBindValue(Domain::providerKey(provider));
    q.addBindValue(text(paymentId));
    if (!q.exec() || !q.next())
        return {};
    return timeAt(q, 0);
}

bool OrderStore::clearConflict(Provider provider, const QString &paymentId)
{
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    QString error;
    if (!tx.begin(&error))
        return false;
    const std::optional<StoredOrder> stored = loadOrder(db, provider, paymentId, &error);
    if (!stored)
        return false;
    if (!stored->order.flags.testFlag(StatusFlag::Conflict))
        return true;
    QSqlQuery q(db);
    q.prepare(u"UPDATE orders SET flags = ? WHERE id = ?"_s);
    q.addBindValue((stored->order.flags & ~StatusFlags(StatusFlag::Conflict)).toInt());
    q.addBindValue(stored->id);
    if (!q.exec())
        return false;
    const StatusChange note{QDateTime::currentDateTimeUtc(),
                            stored->order.rawStatus,
                            stored->order.rawStatus,
                            stored->order.status,
                            StatusSource::Manual,
                            u"conflict cleared"_s};
    UpsertStatements st(db);
    if (!addHistory(st, stored->id, note, &error))
        return false;
    return tx.commit(&error);
}

} // namespace CancelDesk::Storage
