#include "ordertablemodel.h"

#include "domain/cancelpolicy.h"
#include "format.h"
#include "models/ordersort.h"
#include "providers/paymentprovider.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"

#include <QFont>
#include <QSemaphore>
#include <QtConcurrent/QtConcurrentRun>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <numeric>

namespace CancelDesk::Ui {

using Domain::NormStatus;
using Domain::Provider;
using Row = OrderSnapshot::Row;

// A million rows: every byte here is a megabyte (STYLE.md §5).
static_assert(sizeof(Row) <= 64, "OrderSnapshot::Row must stay compact");

namespace {

// Arena strings longer than this are cut (ids and references are far shorter).
constexpr qsizetype kMaxArenaString = 0xFFFF;

// What decides a row's decision shape (OrderSnapshot::decisionIndex's key):
// which rule applies depends on these, never on times.
struct DecisionKey
{
    quint32 provider;
    quint32 status;
    quint32 flags;
    quint32 method;    // index into strings
    bool hasDeadline;  // whether the window can close at all
    quint32 rawStatus; // index into strings

    // Whether the fields fit the 64-bit key (a raw status index past 2^23
    // is not cached).
    bool packs() const
    {
        return provider <= 0xFF && status <= 0xFF && flags <= 0xFF && method <= 0xFFFF
               && rawStatus < (1U << 23);
    }
    quint64 pack() const
    {
        return (quint64(provider) << 56) | (quint64(status) << 48) | (quint64(flags) << 40)
               | (quint64(method) << 24) | (quint64(hasDeadline) << 23)
               | quint64(rawStatus & 0x7FFFFF);
    }
    static DecisionKey unpack(quint64 key)
    {
        return {quint32(key >> 56),          quint32((key >> 48) & 0xFF),
                quint32((key >> 40) & 0xFF), quint32((key >> 24) & 0xFFFF),
                ((key >> 23) & 1) != 0,      quint32(key & 0x7FFFFF)};
    }
};

qint64 msOf(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : OrderSnapshot::kNoTime;
}

QDateTime timeOf(qint64 ms)
{
    return ms == OrderSnapshot::kNoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QByteArrayView bytes(const QByteArray &arena, quint32 offset, quint16 length)
{
    return QByteArrayView(arena.constData() + offset, length);
}

bool containsCaseless(QByteArrayView haystack, const QByteArray &lowerNeedle)
{
    if (lowerNeedle.isEmpty())
        return true;
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    return std::search(haystack.begin(), haystack.end(), lowerNeedle.begin(), lowerNeedle.end(),
                       [&lower](char a, char b) { return lower(a) == b; })
           != haystack.end();
}

// Whether the window of a cancellable order is still open at now.
bool openAt(const Row &r, qint64 nowMs)
{
    return r.eligible && (r.deadlineMs == OrderSnapshot::kNoTime || r.deadlineMs > nowMs);
}

// Open now, and its known deadline at most withinMs away.
bool closingWithin(const Row &r, qint64 nowMs, qint64 withinMs)
{
    return openAt(r, nowMs) && r.deadlineMs != OrderSnapshot::kNoTime
           && r.deadlineMs - nowMs <= withinMs;
}

// The text search: in the payment id or the merchant reference.
bool textMatches(const OrderSnapshot &s, const Row &r, const QByteArray &lowerNeedle)
{
    return containsCaseless(bytes(s.arena, r.idOffset, r.idLength), lowerNeedle)
           || containsCaseless(bytes(s.arena, r.refOffset, r.refLength), lowerNeedle);
}

bool passesPreset(const Row &r, OrderFilter::Preset preset, qint64 nowMs)
{
    using Preset = OrderFilter::Preset;
    switch (preset) {
    case Preset::All:
        return true;
    case Preset::CancellableNow:
        return openAt(r, nowMs);
    case Preset::ExpiringWithinHour:
        return closingWithin(r, nowMs, 3600 * 1000);
    case Preset::Unresolved:
        return r.unresolved;
    case Preset::Conflicts:
        return (r.flags & quint8(Domain::StatusFlag::Conflict)) != 0;
    }
    return true;
}

// The snapshot's index of a payment method name (nullopt: no filter); false
// when a name is given and no order has it.
bool methodIndex(const OrderSnapshot &s, const QString &name, std::optional<quint32> *index)
{
    *index = std::nullopt;
    if (name.isEmpty())
        return true;
    for (qsizetype i = 0; i < s.strings.size(); ++i) {
        if (s.strings.at(i).compare(name, Qt::CaseInsensitive) == 0)
            *index = quint32(i);
    }
    return index->has_value();
}

} // namespace

QString OrderSnapshot::paymentId(const Row &r) const
{
    return QString::fromUtf8(bytes(arena, r.idOffset, r.idLength));
}

QString OrderSnapshot::merchantReference(const Row &r) const
{
    return QString::fromUtf8(bytes(arena, r.refOffset, r.refLength));
}

quint32 OrderSnapshot::intern(const QString &s)
{
    const auto it = stringIndex.constFind(s);
    if (it != stringIndex.cend())
        return *it;
    const auto i = quint32(strings.size());
    strings.append(s);
    stringIndex.insert(s, i);
    return i;
}

QString OrderSnapshot::keyOf(Provider provider, const QString &paymentId)
{
    return Domain::providerKey(provider) + QLatin1Char('\n') + paymentId;
}

quint64 OrderSnapshot::digestOf(Provider provider, QByteArrayView utf8)
{
    // A fixed seed per provider: the digest only has to be stable within the
    // process, and equal ids at two providers differ.
    return quint64(qHash(utf8, size_t(0x9E3779B97F4A7C15ULL) * (size_t(provider) + 1)));
}

std::optional<quint32> OrderSnapshot::find(Provider provider, const QString &id) const
{
    if (keySlots.empty())
        return std::nullopt;
    const QByteArray utf8 = id.toUtf8().left(kMaxArenaString);
    const size_t mask = keySlots.size() - 1;
    for (size_t at = size_t(digestOf(provider, utf8)) & mask; keySlots[at] != 0;
         at = (at + 1) & mask) {
        const quint32 i = keySlots[at] - 1;
        const Row &r = rows[i];
        if (r.provider == quint8(provider) && bytes(arena, r.idOffset, r.idLength) == utf8)
            return i;
    }
    return std::nullopt;
}

void OrderSnapshot::reserveKeys(size_t count)
{
    size_t size = 1024;
    while (size < count * 2)
        size *= 2;
    if (size <= keySlots.size())
        return;
    // The rows filed so far are filed again in the larger table.
    const std::vector<quint32> filed = std::exchange(keySlots, std::vector<quint32>(size, 0));
    keyCount = 0;
    for (const quint32 slot : filed) {
        if (slot != 0)
            placeKey(slot - 1);
    }
}

void OrderSnapshot::addKey(quint32 i)
{
    reserveKeys(keyCount + 1);
    placeKey(i);
}

void OrderSnapshot::placeKey(quint32 i)
{
    const Row &r = rows[i];
    const size_t mask = keySlots.size() - 1;
    size_t at = size_t(digestOf(Provider(r.provider), bytes(arena, r.idOffset, r.idLength))) & mask;
    while (keySlots[at] != 0)
        at = (at + 1) & mask;
    keySlots[at] = i + 1;
    ++keyCount;
}

void OrderSnapshot::fill(Row &row, const Domain::Order &order,
                         const Domain::PolicyDecision &decision)
{
    const auto append = [this](const QString &s, quint32 *offset, quint16 *length) {
        const QByteArray utf8 = s.toUtf8().left(kMaxArenaString);
        // Unchanged text keeps its place (updates of one order).
        if (*length == utf8.size() && bytes(arena, *offset, *length) == utf8
            && (*length > 0 || *offset > 0))
            return;
        *offset = quint32(arena.size());
        *length = quint16(utf8.size());
        arena.append(utf8);
    };
    append(order.paymentId, &row.idOffset, &row.idLength);
    append(order.merchantReference, &row.refOffset, &row.refLength);
    row.amountMinor = order.amount.minor;
    row.currency = quint16(intern(order.amount.currency));
    row.method = quint16(intern(order.paymentMethod));
    row.rawStatus = intern(order.rawStatus);
    row.provider = quint8(order.provider);
    row.status = quint8(order.status);
    row.flags = quint8(order.flags.toInt());
    row.createdMs = msOf(order.createdAt);
    row.syncedMs = msOf(order.lastSyncedAt);
    row.eligible = decision.isEligible();
    // A deadline matters while the order is cancellable, and to say when the
    // window closed; a cancelled or failed payment shows none.
    const bool showDeadline =
        decision.isEligible() || decision.reason == Domain::IneligibleReason::WindowClosed;
    row.deadlineMs = showDeadline ? msOf(decision.deadlineUtc) : kNoTime;
    row.syncFailed = !order.lastSyncError.isEmpty();
}

void OrderSnapshot::setSyncError(quint32 i, const Domain::Order &order)
{
    if (order.lastSyncError.isEmpty())
        syncErrors.remove(i);
    else
        syncErrors.insert(i, order.lastSyncError);
}

void OrderSnapshot::setDecision(Row &row, const Domain::Order &order,
                                const Domain::PolicyDecision &decision,
                                const Domain::CancelPolicy &policy, const QDateTime &nowUtc)
{
    // Which rule applies depends on the provider, method, statuses and flags,
    // never on times; whether a deadline is known decides whether the window
    // can close at all. Rows alike share one shape, computed once.
    const bool hasDeadline = decision.deadlineUtc.isValid();
    const DecisionKey decisionKey{row.provider, row.status,  row.flags,
                                  row.method,   hasDeadline, row.rawStatus};
    const bool cacheable = decisionKey.packs();
    const quint64 key = decisionKey.pack();
    if (cacheable) {
        if (const auto it = decisionIndex.constFind(key); it != decisionIndex.cend()) {
            row.decision = *it;
            return;
        }
    }
    DecisionShape shape;
    if (decision.isEligible()) {
        shape.open = decision;
        shape.closed = hasDeadline ? policy.decide(order, decision.deadlineUtc) : decision;
    } else if (decision.reason == Domain::IneligibleReason::WindowClosed && hasDeadline) {
        shape.closed = decision;
        shape.open = policy.decide(order, decision.deadlineUtc.addMSecs(-1));
    } else {
        shape.open = shape.closed = decision;
    }
    Q_UNUSED(nowUtc);
    shape.open.deadlineUtc = shape.closed.deadlineUtc = QDateTime();
    row.decision = shapeIndex(shape);
    if (cacheable)
        decisionIndex.insert(key, row.decision);
}

quint16 OrderSnapshot::shapeIndex(const DecisionShape &shape)
{
    const auto same = [](const Domain::PolicyDecision &a, const Domain::PolicyDecision &b) {
        return a.eligibility == b.eligibility && a.reason == b.reason && a.instead == b.instead
               && a.warning == b.warning && a.providerZone == b.providerZone
               && a.ruleId == b.ruleId;
    };
    quint16 i = 0;
    while (i < decisions.size()
           && !(same(decisions[i].open, shape.open) && same(decisions[i].closed, shape.closed)))
        ++i;
    if (i == decisions.size()) {
        if (decisions.size() >= 0xFFFF)
            return 0; // cannot happen with real rules; the first shape is a safe "ask again"
        decisions.push_back(shape);
    }
    return i;
}

void OrderSnapshot::setAttempts(quint32 i, Row &row, const Attempts &a)
{
    row.activeAttempt = a.flags.activeAttemptId != 0;
    row.unresolved = a.flags.unresolvedAttemptId != 0;
    if (row.activeAttempt || row.unresolved)
        attempts.insert(i, a);
    else
        attempts.remove(i);
}

OrderFacts OrderSnapshot::facts(quint32 i) const
{
    const Row &r = rows[i];
    OrderFacts f;
    f.order.provider = Provider(r.provider);
    f.order.paymentId = paymentId(r);
    f.order.merchantReference = merchantReference(r);
    f.order.paymentMethod = string(r.method);
    f.order.amount = {r.amountMinor, string(r.currency)};
    f.order.rawStatus = string(r.rawStatus);
    f.order.status = NormStatus(r.status);
    f.order.flags = Domain::StatusFlags::fromInt(r.flags);
    f.order.createdAt = timeOf(r.createdMs);
    f.order.lastSyncedAt = timeOf(r.syncedMs);
    f.order.lastSyncError = syncErrors.value(i);
    f.duplicateReference = r.duplicateReference;
    if (r.decision < decisions.size()) {
        f.open = decisions[r.decision].open;
        f.closed = decisions[r.decision].closed;
    }
    f.deadline = timeOf(r.deadlineMs);
    if (const auto it = attempts.constFind(i); it != attempts.cend()) {
        f.attempts = it->flags;
        f.unresolvedReason = it->unresolvedReason;
        f.unresolvedNote = it->unresolvedNote;
    }
    return f;
}

Domain::PolicyDecision OrderFacts::decisionAt(const QDateTime &nowUtc) const
{
    // As CancelPolicy::decide: cancellable strictly before the deadline.
    Domain::PolicyDecision d =
        open.isEligible() && deadline.isValid() && nowUtc >= deadline ? closed : open;
    d.deadlineUtc = deadline;
    return d;
}

Services::CancelCheck OrderFacts::checkAt(const QDateTime &nowUtc, bool providerConfigured) const
{
    return Services::checkCancel(decisionAt(nowUtc), order.provider, attempts, providerConfigured);
}

namespace {

// What the rows keep of these orders' open attempts: the active one, and the
// newest UNRESOLVED one (with its reason and note, for a retry). One entry per
// key, read in a few statements however many keys there are.
QList<OrderSnapshot::Attempts> readAttempts(const Storage::CancelJournal &journal,
                                            const QList<Domain::OrderKey> &keys)
{
    QHash<QString, OrderSnapshot::Attempts> read;
    // Oldest first: a newer UNRESOLVED attempt replaces an older one.
    for (const Storage::CancelAttempt &a : journal.openAttemptsOf(keys)) {
        OrderSnapshot::Attempts &to = read[OrderSnapshot::keyOf(a.provider, a.paymentId)];
        if (a.state == Storage::AttemptState::Unresolved) {
            to.flags.unresolvedAttemptId = a.id;
            to.unresolvedReason = a.reason;
            to.unresolvedNote = a.note;
        } else {
            to.flags.setActive(a);
        }
    }
    QList<OrderSnapshot::Attempts> attempts;
    attempts.reserve(keys.size());
    for (const Domain::OrderKey &key : keys)
        attempts.append(read.value(OrderSnapshot::keyOf(key.provider, key.paymentId)));
    return attempts;
}

} // namespace

std::optional<OrderFacts> OrderFacts::read(const Storage::OrderStore &orders,
                                           const Storage::CancelJournal &journal,
                                           const Domain::CancelPolicy &policy,
                                           const Domain::OrderKey &key, const QDateTime &nowUtc)
{
    const std::optional<Domain::Order> order = orders.find(key.provider, key.paymentId);
    if (!order)
        return std::nullopt;
    OrderSnapshot s;
    OrderSnapshot::Row row;
    const Domain::PolicyDecision decision = policy.decide(*order, nowUtc);
    s.fill(row, *order, decision);
    s.setDecision(row, *order, decision, policy, nowUtc);
    s.setSyncError(0, *order);
    s.setAttempts(0, row, readAttempts(journal, {key}).constFirst());
    row.duplicateReference = orders.referenceCount(key.provider, order->merchantReference) > 1
                             && !order->merchantReference.isEmpty();
    s.rows.push_back(row);
    OrderFacts f = s.facts(0);
    // The whole order, as read (times the row does not keep included).
    f.order = *order;
    return f;
}

OrderTableModel::OrderTableModel(OrderReads sources, QObject *parent)
    : QAbstractTableModel(parent)
    , m_sources(std::move(sources))
    , m_snapshot(std::make_shared<OrderSnapshot>())
    , m_now(m_sources.clock())
{
    m_loadPool.setMaxThreadCount(kMaxLoadThreads);
    connect(&m_viewWatcher, &QFutureWatcher<ViewResult>::finished, this,
            &OrderTableModel::applyView);
    connect(&m_loadWatcher, &QFutureWatcher<LoadResult>::finished, this,
            &OrderTableModel::applyLoad);
    connect(&m_updateWatcher, &QFutureWatcher<UpdateResult>::finished, this, [this] {
        m_updating = false;
        const UpdateResult result = m_updateWatcher.result();
        if (m_loading) {
            // A reload's snapshot is about to replace the rows these were read
            // for, and may have been read before these writes: read them
            // again once it is shown (finishLoad).
            queueKeys(result.keys);
            return;
        }
        applyUpdates(result);
        applyPendingUpdates(); // keys that came while reading
    });
}

OrderTableModel::~OrderTableModel()
{
    m_viewWatcher.waitForFinished();
    m_loadWatcher.waitForFinished();
    m_updateWatcher.waitForFinished();
}

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_view.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OrderTableModel::syncErrorOf(int row) const
{
    // Stored as a failure kind: worded now, in the current language.
    return Providers::storedFailureText(m_snapshot->syncErrors.value(m_view[size_t(row)]));
}

QString OrderTableModel::activeAttemptText(const OrderSnapshot::Attempts &attempts)
{
    const Services::AttemptFlags &a = attempts.flags;
    if (a.activeAwaitingApproval) {
        return a.activeBy.isEmpty() ? tr("awaiting approval")
                                    : tr("awaiting approval (asked by %1)").arg(a.activeBy);
    }
    if (!a.activeBy.isEmpty())
        return tr("being cancelled by %1").arg(a.activeBy);
    return tr("being cancelled");
}

QString OrderTableModel::badgeText(const OrderSnapshot::Row &row) const
{
    const auto status = Domain::NormStatus(row.status);
    const auto flags = Domain::StatusFlags::fromInt(row.flags);
    QString text = Domain::statusLabel(status);
    if (flags.testFlag(Domain::StatusFlag::Conflict))
        text = tr("%1 · conflict").arg(text);
    else if (flags.testFlag(Domain::StatusFlag::ChargedBack))
        text = tr("%1 · charged back").arg(text);
    else if (flags.testFlag(Domain::StatusFlag::Refunded))
        text = tr("%1 · refunded").arg(text);
    if (row.unresolved)
        text = tr("%1 · cancel unresolved").arg(text);
    return text;
}

QString OrderTableModel::syncFailedText(const QString &error)
{
    return tr("Last sync failed: %1").arg(error);
}

const Row *OrderTableModel::rowAt(int row) const
{
    if (row < 0 || size_t(row) >= m_view.size())
        return nullptr;
    const quint32 i = m_view[size_t(row)];
    return i < m_snapshot->rows.size() ? &m_snapshot->rows[i] : nullptr;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    const Row *r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    const OrderSnapshot &s = *m_snapshot;
    const auto provider = Provider(r->provider);
    const auto status = NormStatus(r->status);
    const qint64 nowMs = m_now.toMSecsSinceEpoch();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ProviderColumn:
            return Domain::providerDisplayName(provider);
        case PaymentIdColumn:
            return s.paymentId(*r);
        case ReferenceColumn:
            return r->duplicateReference ? tr("%1 (shared)").arg(s.merchantReference(*r))
                                         : s.merchantReference(*r);
        case MethodColumn:
            return s.string(r->method);
        case AmountColumn:
            return formatMoney({r->amountMinor, s.string(r->currency)});
        case StatusColumn: {
            const QString badge = badgeText(*r);
            if (!r->activeAttempt)
                return badge;
            // The same separator as the badge's own parts, in every language.
            return QStringLiteral("%1 · %2").arg(
                badge, activeAttemptText(s.attempts.value(m_view[size_t(index.row())])));
        }
        case CreatedColumn:
            return formatLocalTime(timeOf(r->createdMs));
        case DeadlineColumn:
            return formatLocalTime(timeOf(r->deadlineMs));
        case CountdownColumn:
            return countdown(timeOf(r->deadlineMs), m_sources.policy.providerTimeZone(provider),
                             m_now)
                .text;
        case SyncedColumn:
            return r->syncedMs == OrderSnapshot::kNoTime ? tr("never")
                                                         : formatAge(timeOf(r->syncedMs), m_now);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn: {
            // The whole badge (a narrow column elides "· refunded") and the
            // provider's own value.
            QString tip = data(index, Qt::DisplayRole).toString() + QLatin1Char('\n')
                          + tr("Provider status: %1").arg(s.string(r->rawStatus));
            if (r->syncFailed)
                tip += QLatin1Char('\n') + syncFailedText(syncErrorOf(index.row()));
            return tip;
        }
        case AmountColumn:
            return formatMoneyWithCode({r->amountMinor, s.string(r->currency)});
        case ReferenceColumn:
            return r->duplicateReference
                       ? tr("Other orders at %1 share this merchant reference; check which one "
                            "to cancel.")
                             .arg(Domain::providerDisplayName(provider))
                       : QVariant();
        case DeadlineColumn:
        case CountdownColumn:
            return countdown(timeOf(r->deadlineMs), m_sources.policy.providerTimeZone(provider),
                             m_now)
                .tooltip;
        case SyncedColumn:
            return r->syncFailed ? QString(formatLocalTime(timeOf(r->syncedMs)) + QLatin1Char('\n')
                                           + syncFailedText(syncErrorOf(index.row())))
                                 : formatLocalTime(timeOf(r->syncedMs));
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return statusColor(status);
        if (index.column() == SyncedColumn && r->syncFailed)
            return QColor(0xC6, 0x28, 0x28);
        if (index.column() == CountdownColumn) {
            return countdownColor(countdown(timeOf(r->deadlineMs), QTimeZone::utc(), m_now).level);
        }
        return {};
    case Qt::FontRole:
        if (index.column() == CountdownColumn && openAt(*r, nowMs)
            && r->deadlineMs != OrderSnapshot::kNoTime && r->deadlineMs - nowMs < 3600 * 1000) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn || index.column() == CountdownColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case ProviderColumn:
            return int(r->provider);
        case PaymentIdColumn:
            return s.paymentId(*r);
        case ReferenceColumn:
            return s.merchantReference(*r);
        case MethodColumn:
            return s.string(r->method);
        case AmountColumn:
            return r->amountMinor;
        case StatusColumn:
            return int(r->status);
        case CreatedColumn:
            return r->createdMs;
        case DeadlineColumn:
        case CountdownColumn:
            return r->deadlineMs;
        case SyncedColumn:
            return r->syncedMs;
        default:
            return {};
        }
    case OrderKeyProviderRole:
        return int(r->provider);
    case PaymentIdRole:
        return s.paymentId(*r);
    case DeadlineRole:
        return timeOf(r->deadlineMs);
    case StatusRole:
        return int(r->status);
    case CountdownLevelRole:
        return int(countdown(timeOf(r->deadlineMs), QTimeZone::utc(), m_now).level);
    case EligibleRole:
        return openAt(*r, nowMs);
    case FlagsRole:
        return int(r->flags);
    case DuplicateRole:
        return r->duplicateReference;
    case UnresolvedRole:
        return r->unresolved;
    case SyncErrorRole:
        return r->syncFailed ? QVariant(syncErrorOf(index.row())) : QVariant();
    case BadgeRole:
        return badgeText(*r);
    case ActiveAttemptRole:
        return r->activeAttempt
                   ? QVariant(activeAttemptText(s.attempts.value(m_view[size_t(index.row())])))
                   : QVariant();
    default:
        return {};
    }
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case PaymentIdColumn:
        return tr("Payment ID");
    case ReferenceColumn:
        return tr("Merchant reference");
    case MethodColumn:
        return tr("Method");
    case AmountColumn:
        return tr("Amount");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created");
    case DeadlineColumn:
        return tr("Cancel deadline");
    case CountdownColumn:
        return tr("Time left");
    case SyncedColumn:
        return tr("Last synced");
    default:
        return {};
    }
}

void OrderTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildView();
}

void OrderTableModel::setFilter(const OrderFilter &filter)
{
    m_filter = filter;
    rebuildView();
}

void OrderTableModel::setNow(const QDateTime &nowUtc)
{
    const bool minuteChanged = m_now.secsTo(nowUtc) >= 60 || nowUtc < m_now;
    m_now = nowUtc;
    // The time-bound presets move with the clock; once a minute is enough.
    if (minuteChanged
        && (m_filter.preset == OrderFilter::Preset::CancellableNow
            || m_filter.preset == OrderFilter::Preset::ExpiringWithinHour))
        rebuildView();
}

void OrderSnapshot::append(const Domain::Order &order, const Domain::CancelPolicy &policy,
                           const QDateTime &nowUtc, const QHash<QString, Attempts> &attemptsByKey)
{
    appendUnfiled(order, policy, nowUtc, attemptsByKey);
    addKey(quint32(rows.size() - 1));
}

void OrderSnapshot::appendUnfiled(const Domain::Order &order, const Domain::CancelPolicy &policy,
                                  const QDateTime &nowUtc,
                                  const QHash<QString, Attempts> &attemptsByKey)
{
    Row row;
    const Domain::PolicyDecision decision = policy.decide(order, nowUtc);
    fill(row, order, decision);
    setDecision(row, order, decision, policy, nowUtc);
    const auto i = quint32(rows.size());
    if (!attemptsByKey.isEmpty()) {
        const auto a = attemptsByKey.constFind(keyOf(order.provider, order.paymentId));
        if (a != attemptsByKey.cend())
            setAttempts(i, row, *a);
    }
    setSyncError(i, order);
    rows.push_back(row);
}

void OrderSnapshot::fileKeys()
{
    keySlots.clear();
    keyCount = 0;
    reserveKeys(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        placeKey(quint32(i));
}

void OrderSnapshot::takeParts(std::vector<OrderSnapshot> &parts)
{
    Q_ASSERT(rows.empty());
    // What each part's string and decision indexes are here.
    struct Map
    {
        quint32 arenaBase = 0;
        std::vector<quint32> strings;
        std::vector<quint16> decisions;
    };
    std::vector<Map> maps(parts.size());
    size_t total = 0;
    for (size_t p = 0; p < parts.size(); ++p) {
        OrderSnapshot &part = parts[p];
        Map &map = maps[p];
        map.arenaBase = quint32(arena.size());
        if (arena.isEmpty())
            arena = std::move(part.arena);
        else
            arena.append(part.arena);
        part.arena = QByteArray();
        for (const QString &string : std::as_const(part.strings))
            map.strings.push_back(intern(string));
        for (const DecisionShape &shape : part.decisions)
            map.decisions.push_back(shapeIndex(shape));
        // The cached shapes, under this snapshot's string indexes.
        for (auto it = part.decisionIndex.cbegin(); it != part.decisionIndex.cend(); ++it) {
            DecisionKey key = DecisionKey::unpack(it.key());
            key.method = map.strings[key.method];
            key.rawStatus = map.strings[key.rawStatus];
            if (key.packs())
                decisionIndex.insert(key.pack(), map.decisions[*it]);
        }
        total += part.rows.size();
    }
    // Each part is in the load's order, newest first (a missing time last);
    // on equal times the higher ids come first, as in the store's order, and
    // parts hold ascending id ranges.
    rows.reserve(total);
    std::vector<size_t> next(parts.size(), 0);
    for (;;) {
        std::optional<size_t> from;
        for (size_t p = parts.size(); p-- > 0;) {
            if (next[p] < parts[p].rows.size()
                && (!from
                    || parts[p].rows[next[p]].createdMs > parts[*from].rows[next[*from]].createdMs))
                from = p;
        }
        if (!from)
            break;
        const size_t p = *from;
        const OrderSnapshot &part = parts[p];
        const Map &map = maps[p];
        const quint32 j = quint32(next[p]++);
        Row row = part.rows[j];
        row.idOffset += map.arenaBase;
        row.refOffset += map.arenaBase;
        row.method = quint16(map.strings[row.method]);
        row.currency = quint16(map.strings[row.currency]);
        row.rawStatus = map.strings[row.rawStatus];
        row.decision = map.decisions[row.decision];
        const auto i = quint32(rows.size());
        if (row.syncFailed)
            syncErrors.insert(i, part.syncErrors.value(j));
        if (row.activeAttempt || row.unresolved)
            attempts.insert(i, part.attempts.value(j));
        rows.push_back(row);
    }
    parts.clear();
}

void OrderSnapshot::markDuplicateReferences()
{
    // (digest of provider + reference, row), sorted: equal references are
    // neighbours. No string is copied; digests that collide are told apart
    // by the bytes.
    std::vector<std::pair<quint64, quint32>> refs;
    refs.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        const Row &r = rows[i];
        if (r.refLength > 0) {
            const QByteArrayView ref = bytes(arena, r.refOffset, r.refLength);
            refs.emplace_back(digestOf(Provider(r.provider), ref), quint32(i));
        }
    }
    std::sort(refs.begin(), refs.end());
    const auto same = [this](quint32 a, quint32 b) {
        const Row &x = rows[a];
        const Row &y = rows[b];
        return x.provider == y.provider
               && bytes(arena, x.refOffset, x.refLength) == bytes(arena, y.refOffset, y.refLength);
    };
    for (size_t run = 0; run < refs.size();) {
        size_t end = run + 1;
        while (end < refs.size() && refs[end].first == refs[run].first)
            ++end;
        for (size_t i = run; i < end; ++i) {
            bool shared = false;
            for (size_t j = run; j < end && !shared; ++j)
                shared = j != i && same(refs[i].second, refs[j].second);
            rows[refs[i].second].duplicateReference = shared;
        }
        run = end;
    }
}

void OrderTableModel::reload()
{
    if (m_loading) {
        m_reloadAgain = true;
        return;
    }
    m_loading = true;
    const quint64 loadId = ++m_loadId;
    const Storage::OrderStore *store = &m_sources.orders;
    const Storage::CancelJournal *journal = &m_sources.journal;
    const Domain::CancelPolicy policy = m_sources.policy;
    const QDateTime now = m_sources.clock();
    m_loadWatcher.setFuture(QtConcurrent::run(&m_loadPool, [this, loadId, store, journal, policy,
                                                            now] {
        // The store hands this worker thread its own database connection.
        LoadResult result;
        // The few orders with a cancel in progress or unresolved (F12, §10).
        QHash<QString, OrderSnapshot::Attempts> attempts;
        Storage::AttemptFilter unresolvedOnly;
        unresolvedOnly.state = Storage::AttemptState::Unresolved;
        journal->forEach(unresolvedOnly, [&attempts](const Storage::CancelAttempt &a) {
            // In id order: the newest unresolved one wins.
            OrderSnapshot::Attempts &e = attempts[OrderSnapshot::keyOf(a.provider, a.paymentId)];
            e.flags.unresolvedAttemptId = a.id;
            e.unresolvedReason = a.reason;
            e.unresolvedNote = a.note;
            return true;
        });
        for (const Storage::CancelAttempt &a : journal->unfinished())
            attempts[OrderSnapshot::keyOf(a.provider, a.paymentId)].flags.setActive(a);
        // A request awaiting approval holds its order too (not in flight, so
        // not among unfinished()).
        Storage::AttemptFilter awaiting;
        awaiting.state = Storage::AttemptState::AwaitingApproval;
        journal->forEach(awaiting, [&attempts](const Storage::CancelAttempt &a) {
            attempts[OrderSnapshot::keyOf(a.provider, a.paymentId)].flags.setActive(a);
            return true;
        });
        Storage::OrderQuery query;
        query.sort = Storage::OrderQuery::Sort::Created;
        query.order = Qt::DescendingOrder;
        query.withPayload = false;
        // The newest `limit` orders (0: all) into snapshot; false with result.error.
        const auto read = [&](OrderSnapshot &snapshot, int limit) {
            query.limit = limit;
            return store->forEach(
                query,
                [&](const Domain::Order &order) {
                    snapshot.append(order, policy, now, attempts);
                    return true;
                },
                &result.error);
        };
        // The newest orders first, shown while the rest are read (a large
        // store takes seconds), with their shared references asked of the
        // store: the cancel dialog warns from them at once.
        auto first = std::make_shared<OrderSnapshot>();
        if (!read(*first, kFirstRows))
            return result;
        if (first->rows.size() < size_t(kFirstRows)) {
            first->markDuplicateReferences(); // that was all of them
            result.snapshot = SnapshotHandoff(std::move(first));
            return result;
        }
        for (Row &row : first->rows) {
            if (row.refLength > 0)
                row.duplicateReference =
                    store->referenceCount(Provider(row.provider), first->merchantReference(row))
                    > 1;
        }
        const qint64 total = store->count({});
        auto shown = std::make_shared<QSemaphore>();
        QMetaObject::invokeMethod(
            this,
            [this, loadId, total, shown, handoff = SnapshotHandoff(std::move(first))] {
                applyFirstRows(handoff.take(), total, loadId, shown);
            },
            Qt::QueuedConnection);
        // The first rows are shown before the parts take every core: on two
        // cores they would otherwise wait for the GUI thread's turn (and, in
        // team mode, the server's).
        shown->tryAcquire(1, kFirstRowsWaitMs);

        // The whole store, in parts read side by side on their own threads
        // and connections (building the rows is most of a load), then put
        // together in the load's order.
        query.limit = 0;
        const int threads = std::clamp(QThread::idealThreadCount(), 1, kMaxLoadThreads);
        const QList<Storage::OrderQuery> parts =
            total >= kSplitLoadFrom ? store->partition(query, threads, &result.error)
                                    : QList<Storage::OrderQuery>{query};
        if (parts.isEmpty())
            return result;
        std::vector<OrderSnapshot> pieces(size_t(parts.size()));
        std::vector<QString> errors(size_t(parts.size()));
        for (OrderSnapshot &piece : pieces)
            piece.rows.reserve(size_t(std::max<qint64>(total, 0)) / pieces.size() + 1024);
        const auto readPart = [&](size_t p) {
            return store->forEach(
                parts.at(qsizetype(p)),
                [&](const Domain::Order &order) {
                    pieces[p].appendUnfiled(order, policy, now, attempts);
                    return true;
                },
                &errors[p]);
        };
        QList<QFuture<bool>> others;
        for (size_t p = 1; p < pieces.size(); ++p)
            others.append(QtConcurrent::run(&m_loadPool, readPart, p));
        bool ok = readPart(0);
        // A pool thread waiting lends its place to its pool meanwhile: the
        // parts run even when every thread of the pool is busy.
        for (QFuture<bool> &other : others)
            ok = other.result() && ok;
        if (!ok) {
            for (const QString &e : errors)
                result.error = result.error.isEmpty() ? e : result.error;
            return result;
        }
        auto snapshot = std::make_shared<OrderSnapshot>();
        snapshot->takeParts(pieces);
        // The two passes over all rows touch different fields.
        QFuture<void> duplicates =
            QtConcurrent::run(&m_loadPool, [&snapshot] { snapshot->markDuplicateReferences(); });
        snapshot->fileKeys();
        duplicates.waitForFinished();
        result.snapshot = SnapshotHandoff(std::move(snapshot));
        return result;
    }));
}

void OrderTableModel::applyFirstRows(std::shared_ptr<OrderSnapshot> snapshot, qint64 total,
                                     quint64 loadId, std::shared_ptr<QSemaphore> shown)
{
    // Only for the load still running, and only before its whole snapshot.
    if (!snapshot || !m_loading || loadId != m_loadId || m_loadWatcher.isFinished()) {
        shown->release();
        return;
    }
    if (m_firstRowsShown)
        m_firstRowsShown->release();
    m_firstRowsShown = std::move(shown);
    m_expectedOrders = total;
    m_incoming = std::move(snapshot);
    m_incomingPartial = true;
    dropSortedRows();
    rebuildView();
}

void OrderTableModel::applyLoad()
{
    const LoadResult result = m_loadWatcher.result();
    std::shared_ptr<OrderSnapshot> snapshot = result.snapshot.take();
    if (!snapshot) {
        m_loading = false;
        Q_EMIT loadFailed(result.error);
        finishLoad();
        return;
    }
    // Still loading until the new snapshot is shown (applyView swaps it in);
    // updates meanwhile wait and are applied to it.
    m_incoming = std::move(snapshot);
    m_incomingPartial = false;
    dropSortedRows();
    rebuildView();
}

void OrderTableModel::finishLoad()
{
    if (m_reloadAgain) {
        m_reloadAgain = false;
        reload();
    } else if (!m_pendingKeys.isEmpty()) {
        applyPendingUpdates();
    }
}

void OrderTableModel::dropSortedRows()
{
    m_sorted.reset();
    ++m_sortEpoch;
}

void OrderTableModel::rebuildView()
{
    ++m_generation;
    if (m_viewWatcher.isRunning())
        return; // applyView() starts the newest request when this one ends
    const std::shared_ptr<const OrderSnapshot> snapshot = m_incoming ? m_incoming : m_snapshot;
    m_viewWatcher.setFuture(QtConcurrent::run(&OrderTableModel::computeView, snapshot, m_filter,
                                              m_sortColumn, m_sortOrder, m_now, m_generation,
                                              m_sorted, m_sortEpoch));
}

OrderTableModel::ViewResult
OrderTableModel::computeView(std::shared_ptr<const OrderSnapshot> snapshot, OrderFilter filter,
                             int sortColumn, Qt::SortOrder order, QDateTime now, quint64 generation,
                             std::shared_ptr<const SortedRows> sorted, quint64 sortEpoch)
{
    ViewResult result;
    result.generation = generation;
    result.snapshot = snapshot;
    result.sortEpoch = sortEpoch;
    const OrderSnapshot &s = *snapshot;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const QByteArray needle = filter.text.trimmed().toLower().toUtf8();
    std::optional<quint32> method;
    if (!methodIndex(s, filter.method, &method))
        return result; // no order has it
    using Preset = OrderFilter::Preset;
    if (filter.preset == Preset::CancellableNow) {
        sortColumn = DeadlineColumn;
        order = Qt::AscendingOrder;
    }
    const auto passes = [&](const Row &r) {
        return !((filter.provider && r.provider != quint8(*filter.provider))
                 || (filter.status && r.status != quint8(*filter.status))
                 || (method && r.method != *method) || !passesPreset(r, filter.preset, nowMs)
                 || (!needle.isEmpty() && !textMatches(s, r, needle)));
    };
    const size_t total = s.rows.size();
    const auto keepPassing = [&](const std::vector<quint32> &inOrder) {
        result.rows.reserve(inOrder.size());
        for (const quint32 i : inOrder) {
            if (passes(s.rows[i]))
                result.rows.push_back(i);
        }
    };
    if (sorted && sorted->column == sortColumn && sorted->order == order
        && sorted->rows.size() == total) {
        // The whole snapshot is in this order already: a filter change is one pass.
        keepPassing(sorted->rows);
    } else {
        for (size_t i = 0; i < total; ++i) {
            if (passes(s.rows[i]))
                result.rows.push_back(quint32(i));
        }
        if (result.rows.size() * 4 >= total && total >= kSortAllFrom) {
            // Most rows show: sort them all once and keep that order, so that
            // the next filter change (clearing one included) needs no sort.
            auto all = std::make_shared<SortedRows>();
            all->column = sortColumn;
            all->order = order;
            all->rows.resize(total);
            std::iota(all->rows.begin(), all->rows.end(), 0U);
            sortSnapshotRows(s, all->rows, sortColumn, order);
            if (result.rows.size() == total) {
                result.rows = all->rows;
            } else {
                result.rows.clear();
                keepPassing(all->rows);
            }
            result.sorted = std::move(all);
        } else {
            sortSnapshotRows(s, result.rows, sortColumn, order);
        }
    }
    // Nothing under the preset and filters: would the text alone find some?
    const bool restricted = filter.preset != Preset::All || filter.provider || filter.status
                            || !filter.method.isEmpty();
    if (result.rows.empty() && !needle.isEmpty() && restricted) {
        result.matchesInAll = int(std::count_if(
            s.rows.begin(), s.rows.end(), [&](const Row &r) { return textMatches(s, r, needle); }));
    }
    return result;
}

void OrderTableModel::applyView()
{
    ViewResult result = m_viewWatcher.result();
    // A whole sorted order computed for the rows as they still are is kept,
    // even when the view it came with is already out of date.
    if (result.sorted && result.sortEpoch == m_sortEpoch)
        m_sorted = std::move(result.sorted);
    if (result.generation != m_generation) {
        // A newer filter, sort or snapshot came meanwhile: compute that one.
        --m_generation;
        rebuildView();
        return;
    }
    const bool newSnapshot = m_incoming && result.snapshot.lock() == m_incoming;
    const bool partial = newSnapshot && m_incomingPartial;
    moveRows(result, newSnapshot);
    m_incomingPartial = m_incomingPartial && !partial;
    if (newSnapshot && m_firstRowsShown) {
        m_firstRowsShown->release(); // the load reads on
        m_firstRowsShown.reset();
    }
    if (newSnapshot && !partial) {
        m_expectedOrders = -1;
        m_loading = false;
    }
    Q_EMIT viewChanged();
    if (newSnapshot && !partial) {
        Q_EMIT loaded(int(m_snapshot->rows.size()));
        finishLoad();
    }
}

// Wireshark's packet list: a sort or filter is a layout change, not a reset,
// and the persistent indexes (selection, current row) follow their orders.
// Rows the new view hides become invalid and leave the selection.
void OrderTableModel::moveRows(ViewResult &result, bool newSnapshot)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    const std::vector<qint64> targets = snapshotRowsOf(from, newSnapshot);
    m_appliedGeneration = result.generation;
    m_view = std::move(result.rows);
    if (newSnapshot)
        m_snapshot = std::exchange(m_incoming, nullptr);
    m_matchesInAll = result.matchesInAll;
    m_viewPosValid = false;
    const std::vector<int> rows = viewRowsOf(targets);
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i)
        to.append(rows[size_t(i)] < 0 ? QModelIndex()
                                      : createIndex(rows[size_t(i)], from.at(i).column()));
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// The snapshot row each index shows now, in the snapshot about to be shown
// (-1: none). Rows of a new snapshot are found again by their order key.
std::vector<qint64> OrderTableModel::snapshotRowsOf(const QModelIndexList &indexes,
                                                    bool newSnapshot) const
{
    std::vector<qint64> rows;
    rows.reserve(size_t(indexes.size()));
    for (const QModelIndex &index : indexes) {
        const Row *r = rowAt(index.row());
        if (!r) {
            rows.push_back(-1);
        } else if (!newSnapshot) {
            rows.push_back(m_view[size_t(index.row())]);
        } else {
            const std::optional<quint32> at =
                m_incoming->find(Provider(r->provider), m_snapshot->paymentId(*r));
            rows.push_back(at ? qint64(*at) : -1);
        }
    }
    return rows;
}

// Where the current view shows these snapshot rows (-1: hidden).
std::vector<int> OrderTableModel::viewRowsOf(const std::vector<qint64> &snapshotRows) const
{
    std::vector<int> rows(snapshotRows.size(), -1);
    for (size_t i = 0; i < snapshotRows.size(); ++i)
        rows[i] = viewRowOf(snapshotRows[i]);
    return rows;
}

// One inverse of the view, shared by the selection mapping, the in-place
// updates and rowOf(): built in one pass the first time it is needed after
// the view changed, then each look-up is constant time.
int OrderTableModel::viewRowOf(qint64 snapshotRow) const
{
    if (snapshotRow < 0)
        return -1;
    if (!m_viewPosValid) {
        m_viewPos.assign(m_snapshot->rows.size(), -1);
        for (size_t v = 0; v < m_view.size(); ++v)
            m_viewPos[m_view[v]] = int(v);
        m_viewPosValid = true;
    }
    return size_t(snapshotRow) < m_viewPos.size() ? m_viewPos[size_t(snapshotRow)] : -1;
}

void OrderTableModel::queueKeys(const QList<Domain::OrderKey> &keys)
{
    for (const Domain::OrderKey &key : keys) {
        const QString k = OrderSnapshot::keyOf(key.provider, key.paymentId);
        if (!m_pendingUpdates.contains(k)) {
            m_pendingUpdates.insert(k);
            m_pendingKeys.append(key);
        }
    }
}

void OrderTableModel::updateOrders(const QList<Domain::OrderKey> &keys)
{
    queueKeys(keys);
    // Bursts (a bulk refresh) are read together on the next turn.
    if (!m_updateScheduled) {
        m_updateScheduled = true;
        QTimer::singleShot(0, this, [this] {
            m_updateScheduled = false;
            if (!m_loading)
                applyPendingUpdates();
        });
    }
}

OrderSnapshot &OrderTableModel::writableSnapshot()
{
    // A worker still sorting the old rows keeps its copy.
    if (m_snapshot.use_count() > 1)
        m_snapshot = std::make_shared<OrderSnapshot>(*m_snapshot);
    return *m_snapshot;
}

void OrderTableModel::applyPendingUpdates()
{
    // One read at a time; keys that come meanwhile wait for the next one.
    if (m_updating || m_pendingKeys.isEmpty())
        return;
    startPendingUpdates();
}

void OrderTableModel::startPendingUpdates()
{
    const QList<Domain::OrderKey> keys = std::exchange(m_pendingKeys, {});
    m_pendingUpdates.clear();
    m_updating = true;
    const Storage::OrderStore *store = &m_sources.orders;
    const Storage::CancelJournal *journal = &m_sources.journal;
    // The GUI thread never waits on the disk: the orders and their attempts
    // are read on a worker thread (its own connection) and applied when back.
    m_updateWatcher.setFuture(QtConcurrent::run([store, journal, keys] {
        UpdateResult result;
        result.keys = keys;
        // A few statements for all the keys, not a few per key.
        result.orders = store->findMany(keys);
        result.attempts = readAttempts(*journal, keys);
        if (result.orders.size() != keys.size()) // the read failed: nothing to apply
            result.orders = QList<std::optional<Domain::Order>>(keys.size());
        return result;
    }));
}

void OrderTableModel::applyUpdates(const UpdateResult &result)
{
    OrderSnapshot &s = writableSnapshot();
    const QDateTime now = m_sources.clock();
    const Domain::CancelPolicy &policy = m_sources.policy;
    bool membershipMayChange = false;
    QList<quint32> changed;
    QList<Domain::OrderKey> updated;
    for (qsizetype k = 0; k < result.keys.size(); ++k) {
        const Domain::OrderKey &key = result.keys.at(k);
        const std::optional<Domain::Order> &order = result.orders.at(k);
        if (!order)
            continue;
        updated.append(key);
        const Domain::PolicyDecision decision = policy.decide(*order, now);
        const std::optional<quint32> at = s.find(key.provider, key.paymentId);
        if (!at) {
            Row row;
            const auto i = quint32(s.rows.size());
            s.fill(row, *order, decision);
            s.setDecision(row, *order, decision, policy, now);
            s.setAttempts(i, row, result.attempts.at(k));
            s.setSyncError(i, *order);
            s.rows.push_back(row);
            s.addKey(i);
            membershipMayChange = true;
            dropSortedRows(); // it sorted fewer rows
            continue;
        }
        Row &row = s.rows[*at];
        const Row before = row;
        s.fill(row, *order, decision);
        s.setDecision(row, *order, decision, policy, now);
        s.setAttempts(*at, row, result.attempts.at(k));
        row.duplicateReference = before.duplicateReference;
        s.setSyncError(*at, *order);
        if (m_sorted && sortValueChanged(s, before, row, m_sorted->column))
            dropSortedRows();
        if (before.status != row.status || before.flags != row.flags
            || before.eligible != row.eligible || before.unresolved != row.unresolved
            || before.activeAttempt != row.activeAttempt || before.deadlineMs != row.deadlineMs)
            membershipMayChange = true;
        changed.append(*at);
    }
    if (!updated.isEmpty())
        Q_EMIT ordersUpdated(updated);
    const bool filtered = !(m_filter == OrderFilter{});
    if (membershipMayChange
        && (filtered || m_sortColumn == StatusColumn || m_sortColumn == DeadlineColumn
            || m_sortColumn == CountdownColumn || changed.size() < updated.size())) {
        rebuildView();
        return;
    }
    for (const quint32 i : changed) {
        if (const int row = viewRowOf(i); row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

std::optional<OrderFacts> OrderTableModel::facts(const Domain::OrderKey &key) const
{
    const std::optional<quint32> at = m_snapshot->find(key.provider, key.paymentId);
    if (!at)
        return std::nullopt;
    return m_snapshot->facts(*at);
}

std::optional<Domain::OrderKey> OrderTableModel::keyAt(int row) const
{
    const Row *r = rowAt(row);
    if (!r)
        return std::nullopt;
    return Domain::OrderKey{Provider(r->provider), m_snapshot->paymentId(*r)};
}

int OrderTableModel::rowOf(const Domain::OrderKey &key) const
{
    const std::optional<quint32> at = m_snapshot->find(key.provider, key.paymentId);
    return at ? viewRowOf(*at) : -1;
}

QList<Domain::OrderKey> OrderTableModel::visibleKeys() const
{
    QList<Domain::OrderKey> keys;
    keys.reserve(qsizetype(m_view.size()));
    for (const quint32 i : m_view) {
        const Row &r = m_snapshot->rows[i];
        keys.append({Provider(r.provider), m_snapshot->paymentId(r)});
    }
    return keys;
}

QList<Domain::OrderKey> OrderTableModel::closingSoon(const QDateTime &nowUtc,
                                                     std::chrono::milliseconds within) const
{
    const qint64 nowMs = nowUtc.toMSecsSinceEpoch();
    std::vector<std::pair<qint64, quint32>> closing;
    for (size_t i = 0; i < m_snapshot->rows.size(); ++i) {
        const Row &r = m_snapshot->rows[i];
        if (closingWithin(r, nowMs, within.count()))
            closing.emplace_back(r.deadlineMs, quint32(i));
    }
    std::sort(closing.begin(), closing.end());
    QList<Domain::OrderKey> keys;
    keys.reserve(qsizetype(closing.size()));
    for (const auto &[deadline, i] : closing) {
        const Row &r = m_snapshot->rows[i];
        keys.append({Provider(r.provider), m_snapshot->paymentId(r)});
    }
    return keys;
}

QList<Domain::OrderKey> OrderTableModel::unresolvedOrders() const
{
    QList<Domain::OrderKey> keys;
    for (auto it = m_snapshot->attempts.cbegin(); it != m_snapshot->attempts.cend(); ++it) {
        const Row &r = m_snapshot->rows[it.key()];
        if (r.unresolved)
            keys.append({Provider(r.provider), m_snapshot->paymentId(r)});
    }
    return keys;
}

QStringList OrderTableModel::methods() const
{
    QSet<quint16> used;
    for (const Row &r : m_snapshot->rows)
        used.insert(r.method);
    QStringList names;
    for (const quint16 i : used) {
        if (!m_snapshot->string(i).isEmpty())
            names.append(m_snapshot->string(i));
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

} // namespace CancelDesk::Ui
