#pragma once

#include "domain/order.h"
#include "providers/paymentprovider.h"
#include "storage/orderstore.h"
#include "storage/storageworker.h"
#include "workflowsettings.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <utility>

class QTimer;

namespace CancelDesk::Providers {
class ProviderRegistry;
}

namespace CancelDesk::Services {

// What a refresh (or an add-by-id, or a UQPAY sync) did. For a sync, total and
// done count payment intents.
struct RefreshSummary
{
    int total = 0;
    int done = 0; // finished, successfully or not
    int failed = 0;
    // Orders whose confirmed cancel the provider contradicted (F7): the store
    // kept CANCELLED and flagged them.
    int conflicts = 0;
    // UNRESOLVED cancel attempts the retrieved status settled (F11 step 5).
    int reconciled = 0;
    // One translated sentence per failed order.
    QList<std::pair<Domain::OrderKey, QString>> errors;
    bool stopped = false;
    // Store transactions the job's writes took: answers are written in
    // batches, not one transaction (and fsync) per order.
    int writeBatches = 0;
};

} // namespace CancelDesk::Services

Q_DECLARE_METATYPE(CancelDesk::Services::RefreshSummary)

namespace CancelDesk::Services {

class RefreshService;

// One bulk refresh, add-by-id or sync in progress. Runs on the event loop of
// the thread that created it (network I/O is asynchronous, nothing blocks).
// Emits finished() exactly once — also after stop() — and then deletes itself.
class RefreshJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshJob)

public:
    ~RefreshJob() override;

    // Starts no new request and aborts the ones in flight; finished() follows
    // with stopped = true.
    void stop();
    bool isFinished() const { return m_finished; }
    RefreshSummary summary() const { return m_summary; }

Q_SIGNALS:
    void progress(int done, int total, int failed);
    void finished(const CancelDesk::Services::RefreshSummary &summary);
    // An order was written to the store (its status, or why it failed to sync).
    void orderUpdated(const CancelDesk::Domain::OrderKey &order);
    // The order's status settled its UNRESOLVED cancel attempts (F11 step 5).
    void attemptSettled(const CancelDesk::Domain::OrderKey &order);

private:
    friend class RefreshService;

    enum class Mode { Retrieve, UqpaySync };

    // One request with its retries: a retrieve of one order, or one list page.
    struct Task
    {
        Domain::OrderKey key; // Retrieve
        int page = 0;         // UqpaySync
        int attempt = 0;
        QPointer<Providers::ProviderCall> call;
        QTimer *retryTimer = nullptr;
    };

    RefreshJob(Storage::OrderStore &store, Storage::StorageWorker &writer,
               Providers::ProviderRegistry &registry, const WorkflowSettings &settings, Clock clock,
               Mode mode, QObject *parent);

    void startRetrieve(const QList<Domain::OrderKey> &orders, Storage::StatusSource source);
    void startSync(const QDateTime &fromUtc, const QDateTime &toUtc);

    void pump();
    void send(quint64 taskId);
    void onResult(quint64 taskId, const Providers::ProviderResult &result);
    void onRetrieved(const Task &task, const Providers::ProviderResult &result);
    void onPage(const Task &task, const Providers::ProviderResult &result);
    bool retryLater(quint64 taskId, const Providers::ProviderFailure &failure);
    // text for this run's summary; stored (encodeFailure) for the order's
    // lastSyncError, worded again whenever it is shown. Without it, text.
    void fail(const Domain::OrderKey &key, const QString &text, const QString &stored = {});
    // Queues the order for the storage thread; written in batches (queue()).
    void store(Domain::Order order);
    // Group commit: what answers bring while a batch is being written (or
    // within kBatchWindow of the first) goes into the next batch, so a
    // refresh whose answers trickle in one by one takes a few transactions,
    // not one per order.
    void queue(Storage::OrderWrite write);
    void flush();
    void onWritten(quint64 ticket, const QList<Storage::OrderWritten> &outcomes);
    // On the storage thread, after the order's batch committed.
    static void reconcile(Storage::OrderStore &store, const QDateTime &nowUtc,
                          const Domain::Order &fresh, Storage::OrderWritten &written);
    void maybeFinish();

    Storage::OrderStore &m_store;
    Storage::StorageWorker &m_writer;
    // Orders waiting to be handed over, and batches being written.
    QList<Storage::OrderWrite> m_writes;
    QSet<quint64> m_tickets;
    int m_pendingOrders = 0; // handed over (or waiting), not written yet
    QTimer *m_batchTimer = nullptr;
    Providers::ProviderRegistry &m_registry;
    WorkflowSettings m_settings;
    Clock m_clock;
    Mode m_mode;
    Storage::StatusSource m_source = Storage::StatusSource::Refresh;

    // Orders not started yet, per provider (bounded concurrency per provider).
    std::map<Domain::Provider, QList<Domain::OrderKey>> m_queue;
    std::map<Domain::Provider, int> m_active;
    // Set by a 429: no new request to that provider before then.
    std::map<Domain::Provider, QDateTime> m_holdUntil;
    std::map<quint64, Task> m_tasks;
    quint64 m_nextTask = 0;
    QTimer *m_pumpTimer = nullptr;

    // UqpaySync
    QDateTime m_from;
    QDateTime m_to;
    int m_nextPage = 1;
    int m_totalPages = -1;
    QSet<QString> m_synced;

    RefreshSummary m_summary;
    bool m_started = false;
    bool m_stopped = false;
    bool m_finished = false;
};

// F5 status refresh and F2 add-by-id / UQPAY sync: retrieves orders from their
// providers with bounded concurrency per provider, retries rate limits, server
// errors and transport failures with jittered exponential backoff (honouring
// Retry-After), and writes what it learns to the order store. A refresh that
// contradicts a confirmed cancel is flagged by the store, not applied (F7).
class RefreshService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshService)

public:
    RefreshService(Storage::OrderStore &store, Providers::ProviderRegistry &registry,
                   WorkflowSettings settings, Clock clock, QObject *parent = nullptr);
    ~RefreshService() override;

    // The jobs start on the next turn of the event loop, so connect first.
    RefreshJob *refresh(const QList<Domain::OrderKey> &orders);
    // Every order in the store, terminal ones included (a SUCCEEDED payment
    // can still be refunded, a CANCELLED one contradicted). The GUI's "all
    // visible" passes its visible orders to refresh() instead.
    RefreshJob *refreshAll();
    // F2 Add by ID: retrieves the payment and stores it (StatusSource::Manual).
    // An unknown id ends with failed = 1 and the provider's reason.
    RefreshJob *addById(const Domain::OrderKey &order);
    // F2 Sync: pages through UQPAY's list endpoint (bounds exclusive, as UQPAY
    // documents) and stores every intent.
    RefreshJob *syncUqpay(const QDateTime &fromUtc, const QDateTime &toUtc);

    // Refreshes every non-terminal order each interval; a round is skipped
    // while the previous one still runs.
    void setAutoRefresh(bool enabled, std::chrono::seconds interval);
    // Same, with a finer interval (tests).
    void setAutoRefreshInterval(bool enabled, std::chrono::milliseconds interval);
    bool autoRefreshEnabled() const;

    // The orders that are not in a terminal status.
    QList<Domain::OrderKey> nonTerminalOrders() const;

Q_SIGNALS:
    void orderUpdated(const CancelDesk::Domain::OrderKey &order);
    void attemptSettled(const CancelDesk::Domain::OrderKey &order);
    void autoRefreshFinished(const CancelDesk::Services::RefreshSummary &summary);

private:
    RefreshJob *newJob(RefreshJob::Mode mode);
    // Writes what the jobs learn on the storage thread (before the members
    // above it are gone, and before the Database).
    std::unique_ptr<Storage::StorageWorker> m_writer;
    void runAutoRefresh();

    Storage::OrderStore &m_store;
    Providers::ProviderRegistry &m_registry;
    WorkflowSettings m_settings;
    Clock m_clock;
    QTimer *m_autoTimer = nullptr;
    QPointer<RefreshJob> m_autoJob;
};

} // namespace CancelDesk::Services
