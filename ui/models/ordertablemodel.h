#pragma once

#include "domain/cancelpolicy.h"
#include "domain/cancelreason.h"
#include "domain/order.h"
#include "models/orderreads.h"
#include "services/cancelcheck.h"
#include "services/workflowsettings.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QSemaphore>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace CancelDesk::Storage {
class CancelJournal;
class OrderStore;
} // namespace CancelDesk::Storage

namespace CancelDesk::Ui {

// What the order list knows of one order, enough for the Cancel action and
// the cancel dialogs to decide and word the core's answer (CancelCheck) at any
// second without reading the store.
struct OrderFacts
{
    // The fields a row keeps; no payload, no payment/authorisation times.
    Domain::Order order;
    bool duplicateReference = false;
    // The policy's decision before and after the deadline (the clock only
    // picks one), without the deadline itself.
    Domain::PolicyDecision open;
    Domain::PolicyDecision closed;
    QDateTime deadline; // invalid when none is known or it does not matter
    Services::AttemptFlags attempts;
    // The unresolved attempt's own reason and note: a retry sends those.
    Domain::CancelReason unresolvedReason = Domain::CancelReason::RequestedByCustomer;
    QString unresolvedNote;

    Domain::PolicyDecision decisionAt(const QDateTime &nowUtc) const;
    // The core's rule (Services::checkCancel) on these facts.
    Services::CancelCheck checkAt(const QDateTime &nowUtc, bool providerConfigured) const;

    // Reads one order's facts from the store and the journal: for the few
    // callers without an order list (the CLI-like tests, screenshots).
    static std::optional<OrderFacts> read(const Storage::OrderStore &orders,
                                          const Storage::CancelJournal &journal,
                                          const Domain::CancelPolicy &policy,
                                          const Domain::OrderKey &key, const QDateTime &nowUtc);
};

// What the order list shows (F3): text over the ids, provider / status /
// method filters, and the presets.
struct OrderFilter
{
    enum class Preset { All, CancellableNow, ExpiringWithinHour, Unresolved, Conflicts };
    Preset preset = Preset::All;
    QString text; // case-insensitive, anywhere in the payment id or merchant reference
    std::optional<Domain::Provider> provider;
    std::optional<Domain::NormStatus> status;
    QString method; // exact, case-insensitive

    friend bool operator==(const OrderFilter &, const OrderFilter &) = default;
};

// The compact rows of every order in the store (STYLE.md §5: no per-row
// objects). Strings live in one UTF-8 arena; a row is ~64 bytes. Immutable
// once shared with a worker (copy on write).
struct OrderSnapshot
{
    struct Row
    {
        qint64 amountMinor = 0;
        qint64 createdMs = 0;  // kNoTime when unknown
        qint64 deadlineMs = 0; // kNoTime when none is known or it does not matter
        qint64 syncedMs = 0;   // kNoTime when never
        quint32 idOffset = 0;
        quint32 refOffset = 0;
        quint16 idLength = 0;
        quint16 refLength = 0;
        quint16 method = 0;    // index into strings
        quint16 currency = 0;  // index into strings
        quint32 rawStatus = 0; // index into strings
        quint8 provider = 0;
        quint8 status = 0;
        quint8 flags = 0;
        // Cancellable by its status and method (the window is checked with
        // deadlineMs at the time of asking).
        bool eligible = false;
        bool duplicateReference = false;
        bool unresolved = false;    // an UNRESOLVED cancel attempt waits for reconciliation
        bool syncFailed = false;    // the last refresh failed; the text is in syncErrors
        bool activeAttempt = false; // a cancel is in progress (F12); ids in attempts
        quint16 decision = 0;       // index into decisions
    };
    // The clock-independent part of the policy's decision, shared by the rows
    // that decide alike (one per rule and status: a handful).
    struct DecisionShape
    {
        Domain::PolicyDecision open;   // before the deadline, deadline left out
        Domain::PolicyDecision closed; // at or after it
    };
    // The rows with an active or unresolved cancel attempt (few).
    struct Attempts
    {
        Services::AttemptFlags flags;
        Domain::CancelReason unresolvedReason = Domain::CancelReason::RequestedByCustomer;
        QString unresolvedNote;
    };
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    std::vector<Row> rows;
    QByteArray arena;
    // Short repeated strings (methods, currencies, raw statuses), interned.
    QStringList strings;
    QHash<QString, quint32> stringIndex;
    // (provider, payment id) -> row index: open addressing over the rows'
    // own UTF-8 ids, a slot holding row + 1 (0: empty), at most half full.
    // 4 bytes a slot and no key copied (8 MiB at a million orders); rows
    // that land on the same slots are told apart by their stored id.
    std::vector<quint32> keySlots;
    size_t keyCount = 0;
    // Row -> the last sync error as stored (Providers::encodeFailure), for
    // the few rows whose last refresh failed; worded when shown.
    QHash<quint32, QString> syncErrors;
    std::vector<DecisionShape> decisions;
    QHash<quint64, quint16> decisionIndex; // see setDecision()
    QHash<quint32, Attempts> attempts;

    // Adds one stored order as a row (its decision now, its attempts from
    // attemptsByKey: keyOf() -> attempts).
    void append(const Domain::Order &order, const Domain::CancelPolicy &policy,
                const QDateTime &nowUtc, const QHash<QString, Attempts> &attemptsByKey);
    // append() without filing the row's key (a part read on its own thread).
    void appendUnfiled(const Domain::Order &order, const Domain::CancelPolicy &policy,
                       const QDateTime &nowUtc, const QHash<QString, Attempts> &attemptsByKey);
    // Makes this empty snapshot the parts' rows, in the load's order (newest
    // first), as one read of the store would have given them; parts are
    // appendUnfiled() reads of OrderStore::partition()'s queries, in its
    // order, and are emptied. Keys are not filed (fileKeys()).
    void takeParts(std::vector<OrderSnapshot> &parts);
    // Files every row's key (after takeParts()).
    void fileKeys();
    // Marks the rows whose merchant reference another row of the same
    // provider shares (F4), over all rows.
    void markDuplicateReferences();

    QString paymentId(const Row &r) const;
    QString merchantReference(const Row &r) const;
    const QString &string(quint32 i) const { return strings.at(qsizetype(i)); }
    quint32 intern(const QString &s);
    static QString keyOf(Domain::Provider provider, const QString &paymentId);
    // A 64-bit digest of a provider's id or reference (UTF-8 as in the arena).
    static quint64 digestOf(Domain::Provider provider, QByteArrayView utf8);
    std::optional<quint32> find(Domain::Provider provider, const QString &paymentId) const;
    // Files row i (already in rows) under its provider and payment id.
    void addKey(quint32 i);
    // Room for this many keys without growing the table.
    void reserveKeys(size_t count);
    void placeKey(quint32 i); // addKey() once there is room
    // Fills a row from a stored order (appending its strings to the arena).
    void fill(Row &row, const Domain::Order &order, const Domain::PolicyDecision &decision);
    // Keeps (or forgets) the order's last sync error for row i.
    void setSyncError(quint32 i, const Domain::Order &order);
    // Keeps the shape of `decision` (the policy's for the order now) in row.
    void setDecision(Row &row, const Domain::Order &order, const Domain::PolicyDecision &decision,
                     const Domain::CancelPolicy &policy, const QDateTime &nowUtc);
    // The index of `shape` in decisions, added when new.
    quint16 shapeIndex(const DecisionShape &shape);
    // Keeps (or forgets) row i's attempts.
    void setAttempts(quint32 i, Row &row, const Attempts &a);
    OrderFacts facts(quint32 i) const;
};

// F3 order list over the whole store, for 1,000,000 orders: compact rows,
// filtering and sorting on raw values on a worker thread (a newer request wins
// over an older one), updates of single orders in place, and a countdown that
// only repaints what is visible (the view repaints; the model reads the clock
// it was given at each tick through setNow()).
class OrderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTableModel)

public:
    enum Column {
        ProviderColumn,
        PaymentIdColumn,
        ReferenceColumn,
        MethodColumn,
        AmountColumn,
        StatusColumn,
        CreatedColumn,
        DeadlineColumn,
        CountdownColumn,
        SyncedColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw values: integers, times as ms
        OrderKeyProviderRole,    // int(Domain::Provider)
        PaymentIdRole,
        DeadlineRole,       // QDateTime UTC, invalid when none
        StatusRole,         // int(Domain::NormStatus)
        CountdownLevelRole, // int(Countdown::Level)
        EligibleRole,       // bool: cancellable by status, window still open
        FlagsRole,          // int(Domain::StatusFlags)
        DuplicateRole,      // bool
        UnresolvedRole,     // bool
        // QString: who is cancelling it, or that the cancel awaits approval
        // ("being cancelled by bob"); invalid when no cancel is active. The
        // status column's text ends with it; the badge shows it beside the pill.
        ActiveAttemptRole,
        BadgeRole,    // QString: the status column's text without ActiveAttemptRole
        SyncErrorRole // QString: why the last refresh failed, in the current language;
                      // invalid when it did not
    };

    // Reads the stores on worker threads only.
    explicit OrderTableModel(OrderReads sources, QObject *parent = nullptr);
    ~OrderTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Reads every order from the store on a worker thread; loaded() follows.
    void reload();
    // Re-reads these orders and their cancel attempts (after a refresh or a
    // cancel) on a worker thread and updates them in place; ordersUpdated()
    // follows.
    void updateOrders(const QList<Domain::OrderKey> &keys);
    // What the list knows of an order (no store read); nullopt when unknown.
    std::optional<OrderFacts> facts(const Domain::OrderKey &key) const;

    void setFilter(const OrderFilter &filter);
    OrderFilter filter() const { return m_filter; }
    // The time the countdown and the presets use; call each tick.
    void setNow(const QDateTime &nowUtc);
    QDateTime now() const { return m_now; }

    bool isBusy() const
    {
        return m_loading || m_updating || m_updateScheduled || m_appliedGeneration != m_generation;
    }
    int totalOrders() const { return int(m_snapshot ? m_snapshot->rows.size() : 0); }
    // Reading the store (a large one shows its newest orders meanwhile).
    bool isLoading() const { return m_loading; }
    // While the newest orders show and the rest are read: how many the store
    // holds; -1 otherwise.
    qint64 expectedOrders() const { return m_expectedOrders; }
    std::optional<Domain::OrderKey> keyAt(int row) const;
    // The row showing that order, -1 when filtered out or unknown.
    int rowOf(const Domain::OrderKey &key) const;
    // Visible orders, in display order (F5 "refresh all visible").
    QList<Domain::OrderKey> visibleKeys() const;
    // Every order (filtered out or not) that can be cancelled at nowUtc and
    // whose cancel deadline is at most `within` away, soonest first; one pass
    // over the rows (a few milliseconds at 1,000,000).
    QList<Domain::OrderKey> closingSoon(const QDateTime &nowUtc,
                                        std::chrono::milliseconds within) const;
    // Every order with an unresolved cancel attempt (few).
    QList<Domain::OrderKey> unresolvedOrders() const;
    // Distinct payment methods in the store (for the method filter).
    QStringList methods() const;
    // When the search text finds nothing under the preset and the other
    // filters: how many orders it finds among all orders; -1 otherwise.
    int matchesInAllOrders() const { return m_matchesInAll; }

Q_SIGNALS:
    void loaded(int orders);
    void loadFailed(const QString &error);
    // The visible rows changed (filter, sort or reload applied).
    void viewChanged();
    // These orders' rows were read again (updateOrders()); facts() has them.
    void ordersUpdated(const QList<CancelDesk::Domain::OrderKey> &keys);

private:
    // Every row of a snapshot in one sort (computeView keeps it, so that
    // filter changes under that sort need no sort).
    struct SortedRows
    {
        int column = 0;
        Qt::SortOrder order = Qt::AscendingOrder;
        std::vector<quint32> rows;
    };
    // Below this many orders a filter change simply sorts what passes.
    static constexpr size_t kSortAllFrom = 4096;
    struct ViewResult
    {
        quint64 generation = 0;
        // The whole snapshot sorted, when this computation sorted it all;
        // kept only if no update changed a sorted value meanwhile (sortEpoch).
        std::shared_ptr<const SortedRows> sorted;
        quint64 sortEpoch = 0;
        // What rows index into; weak, so that the result the finished future
        // keeps is not a second owner of the snapshot (writableSnapshot()
        // would then copy every row at the next in-place update).
        std::weak_ptr<const OrderSnapshot> snapshot;
        std::vector<quint32> rows;
        int matchesInAll = -1; // see matchesInAllOrders()
    };
    // Hands the loaded snapshot from the worker to the model once. A
    // finished QFuture keeps its result, so a plain shared_ptr there would
    // stay a second owner (see ViewResult); take() empties the one box that
    // the future's copy shares.
    class SnapshotHandoff
    {
    public:
        SnapshotHandoff() = default;
        explicit SnapshotHandoff(std::shared_ptr<OrderSnapshot> snapshot)
            : m_box(std::make_shared<std::shared_ptr<OrderSnapshot>>(std::move(snapshot)))
        {}
        std::shared_ptr<OrderSnapshot> take() const
        {
            return m_box ? std::exchange(*m_box, nullptr) : nullptr;
        }

    private:
        std::shared_ptr<std::shared_ptr<OrderSnapshot>> m_box;
    };
    struct LoadResult
    {
        SnapshotHandoff snapshot;
        QString error;
    };
    struct UpdateResult
    {
        QList<Domain::OrderKey> keys;
        QList<std::optional<Domain::Order>> orders; // one per key; nullopt when gone
        QList<OrderSnapshot::Attempts> attempts;    // one per key
    };

    void rebuildView();
    void applyView();
    void moveRows(ViewResult &result, bool newSnapshot);
    std::vector<qint64> snapshotRowsOf(const QModelIndexList &indexes, bool newSnapshot) const;
    std::vector<int> viewRowsOf(const std::vector<qint64> &snapshotRows) const;
    // Where the view shows a snapshot row; -1 when hidden or unknown.
    int viewRowOf(qint64 snapshotRow) const;
    void applyLoad();
    void applyFirstRows(std::shared_ptr<OrderSnapshot> snapshot, qint64 total, quint64 loadId,
                        std::shared_ptr<QSemaphore> shown);
    void finishLoad();
    void applyPendingUpdates();
    void queueKeys(const QList<Domain::OrderKey> &keys);
    void startPendingUpdates();
    void applyUpdates(const UpdateResult &result);
    OrderSnapshot &writableSnapshot();
    const OrderSnapshot::Row *rowAt(int row) const;
    QString syncErrorOf(int row) const;
    static QString syncFailedText(const QString &error);
    // The words beside the status badge of an order with an active cancel
    // (F12, F24): by whom, or that it awaits approval (F23).
    static QString activeAttemptText(const OrderSnapshot::Attempts &attempts);
    // The status column's badge: the status and its flags ("Succeeded ·
    // refunded", "… · cancel unresolved").
    QString badgeText(const OrderSnapshot::Row &row) const;
    static ViewResult computeView(std::shared_ptr<const OrderSnapshot> snapshot, OrderFilter filter,
                                  int sortColumn, Qt::SortOrder order, QDateTime now,
                                  quint64 generation, std::shared_ptr<const SortedRows> sorted,
                                  quint64 sortEpoch);
    // Forgets the kept sorted order (the rows it sorted changed).
    void dropSortedRows();

    OrderReads m_sources;
    std::shared_ptr<OrderSnapshot> m_snapshot;
    // A freshly loaded snapshot waiting for its first view: swapped in with it,
    // in one layout change, so the shown rows always index the shown snapshot.
    std::shared_ptr<OrderSnapshot> m_incoming;
    std::vector<quint32> m_view; // snapshot row indices in display order
    int m_matchesInAll = -1;
    // How many of the newest orders show before the whole store is read.
    static constexpr int kFirstRows = 1000;
    // Stores this large are read in parts on up to this many threads.
    static constexpr qint64 kSplitLoadFrom = 20000;
    static constexpr int kMaxLoadThreads = 4;
    static constexpr int kFirstRowsWaitMs = 250;
    bool m_incomingPartial = false; // m_incoming holds only the newest orders
    // Released when they are shown: the load waits for it (kFirstRowsWaitMs at most).
    std::shared_ptr<QSemaphore> m_firstRowsShown;
    qint64 m_expectedOrders = -1;               // see expectedOrders()
    quint64 m_loadId = 0;                       // counts reload()s
    std::shared_ptr<const SortedRows> m_sorted; // of the shown (or incoming) snapshot
    quint64 m_sortEpoch = 0;                    // counts dropSortedRows()
    // Snapshot row -> view row (-1: hidden), built on first use after the
    // view changes (one pass, 4 bytes a row); see viewPositions().
    mutable std::vector<int> m_viewPos;
    mutable bool m_viewPosValid = false;
    OrderFilter m_filter;
    int m_sortColumn = CreatedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QDateTime m_now;
    quint64 m_generation = 0;
    quint64 m_appliedGeneration = 0;
    bool m_loading = false;
    bool m_reloadAgain = false;
    QSet<QString> m_pendingUpdates; // keys waiting for the batch timer
    QList<Domain::OrderKey> m_pendingKeys;
    bool m_updateScheduled = false;
    bool m_updating = false;
    // The load's threads. Not the global pool: Qt's raster painting waits
    // for that pool's threads, and a load there froze the window.
    QThreadPool m_loadPool;
    QFutureWatcher<ViewResult> m_viewWatcher;
    QFutureWatcher<LoadResult> m_loadWatcher;
    QFutureWatcher<UpdateResult> m_updateWatcher;
};

} // namespace CancelDesk::Ui
