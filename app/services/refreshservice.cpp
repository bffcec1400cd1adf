#include "refreshservice.h"

#include "backoff.h"
#include "providers/providerregistry.h"
#include "reconcile.h"
#include "storage/canceljournal.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Services {

using Domain::Order;
using Domain::OrderKey;
using Domain::Provider;
using Providers::FailureKind;
using Providers::ProviderCall;
using Providers::ProviderFailure;
using Providers::ProviderResult;
using Providers::TransportError;

namespace {

// A provider that asks for minutes of patience is honoured, but a refresh never
// waits longer than this for one order.
constexpr std::chrono::milliseconds kMaxRetryDelay{60000};
constexpr int kSyncPageSize = 100;
constexpr int kAllOrdersChunk = 5000;
// How long the first answer waits for others to share its transaction, and
// the most a batch holds (beyond that it goes at once).
constexpr std::chrono::milliseconds kBatchWindow{100};
constexpr qsizetype kMaxBatch = 500;

// Failures that a later try may not repeat. A rejection, a bad configuration
// or an untrusted answer is not retried: it would fail the same way.
bool isRetryable(const ProviderFailure &failure)
{
    switch (failure.kind) {
    case FailureKind::RateLimited:
    case FailureKind::ServerError:
        return true;
    case FailureKind::Transport:
        switch (failure.transport) {
        case TransportError::Timeout:
        case TransportError::ConnectionRefused:
        case TransportError::HostNotFound:
        case TransportError::Network:
            return true;
        default:
            return false;
        }
    default:
        return false;
    }
}

QString notConfiguredText(Provider provider)
{
    return QCoreApplication::translate("RefreshService", "%1 is not configured.")
        .arg(Domain::providerDisplayName(provider));
}

} // namespace

// ---------------------------------------------------------------------------
// RefreshJob

RefreshJob::RefreshJob(Storage::OrderStore &store, Storage::StorageWorker &writer,
                       Providers::ProviderRegistry &registry, const WorkflowSettings &settings,
                       Clock clock, Mode mode, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_writer(writer)
    , m_registry(registry)
    , m_settings(settings)
    , m_clock(std::move(clock))
    , m_mode(mode)
{
    m_settings.concurrency = std::max(1, m_settings.concurrency);
    m_settings.maxRetries = std::max(0, m_settings.maxRetries);
    m_pumpTimer = new QTimer(this);
    m_pumpTimer->setSingleShot(true);
    connect(m_pumpTimer, &QTimer::timeout, this, &RefreshJob::pump);
    m_batchTimer = new QTimer(this);
    m_batchTimer->setSingleShot(true);
    m_batchTimer->setInterval(kBatchWindow);
    connect(m_batchTimer, &QTimer::timeout, this, [this] {
        // A batch still being written: what waits goes when it is done (onWritten).
        if (m_tickets.isEmpty())
            flush();
    });
    connect(&m_writer, &Storage::StorageWorker::written, this, &RefreshJob::onWritten);
}

RefreshJob::~RefreshJob()
{
    // Nothing learned is dropped: what waits for the batch timer goes now.
    flush();
}

void RefreshJob::startRetrieve(const QList<OrderKey> &orders, Storage::StatusSource source)
{
    m_source = source;
    QSet<QString> seen;
    for (const OrderKey &key : orders) {
        // The same order twice would be retrieved twice for nothing.
        const QString id = Domain::providerKey(key.provider) + u'\n' + key.paymentId;
        if (seen.contains(id))
            continue;
        seen.insert(id);
        m_queue[key.provider].append(key);
        ++m_summary.total;
    }
    // On the next turn: the caller connects to the signals first.
    QTimer::singleShot(0, this, [this] {
        m_started = true;
        if (m_summary.total > 0)
            Q_EMIT progress(0, m_summary.total, 0);
        pump();
    });
}

void RefreshJob::startSync(const QDateTime &fromUtc, const QDateTime &toUtc)
{
    m_from = fromUtc;
    m_to = toUtc;
    QTimer::singleShot(0, this, [this] {
        m_started = true;
        pump();
    });
}

void RefreshJob::stop()
{
    if (m_stopped || m_finished)
        return;
    m_stopped = true;
    m_summary.stopped = true;
    m_queue.clear();
    m_pumpTimer->stop();
    std::vector<quint64> ids;
    for (const auto &[id, task] : m_tasks)
        ids.push_back(id);
    for (const quint64 id : ids) {
        const auto it = m_tasks.find(id);
        if (it == m_tasks.end())
            continue;
        if (it->second.retryTimer) {
            delete it->second.retryTimer;
            const Provider p =
                m_mode == Mode::UqpaySync ? Provider::Uqpay : it->second.key.provider;
            --m_active[p];
            m_tasks.erase(it);
        } else if (it->second.call) {
            // Delivers Aborted synchronously; onResult() forgets the task.
            it->second.call->abort();
        }
    }
    if (m_started)
        maybeFinish();
}

void RefreshJob::pump()
{
    if (m_finished)
        return;
    if (m_stopped) {
        maybeFinish();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    qint64 wakeInMs = -1;
    const auto holdFor = [&](Provider p) -> qint64 {
        const auto hold = m_holdUntil.find(p);
        if (hold == m_holdUntil.end() || !hold->second.isValid() || hold->second <= now)
            return 0;
        return now.msecsTo(hold->second);
    };

    if (m_mode == Mode::UqpaySync) {
        // Pages are fetched one after the other: the total is known only from
        // the first answer, and UQPAY lists newest first.
        const bool more = m_totalPages < 0 ? m_nextPage == 1 : m_nextPage <= m_totalPages;
        if (more && m_active[Provider::Uqpay] == 0) {
            if (const qint64 wait = holdFor(Provider::Uqpay); wait > 0) {
                wakeInMs = wait;
            } else {
                Task task;
                task.page = m_nextPage++;
                const quint64 id = m_nextTask++;
                m_tasks.emplace(id, task);
                ++m_active[Provider::Uqpay];
                send(id);
            }
        }
    } else {
        for (auto &[provider, queue] : m_queue) {
            if (const qint64 wait = holdFor(provider); wait > 0) {
                if (!queue.isEmpty())
                    wakeInMs = wakeInMs < 0 ? wait : std::min(wakeInMs, wait);
                continue;
            }
            while (!queue.isEmpty() && m_active[provider] < m_settings.concurrency && !m_stopped) {
                Task task;
                task.key = queue.takeFirst();
                const quint64 id = m_nextTask++;
                m_tasks.emplace(id, task);
                ++m_active[provider];
                send(id);
            }
        }
    }
    if (wakeInMs > 0)
        m_pumpTimer->start(int(std::min<qint64>(wakeInMs, kMaxRetryDelay.count())));
    maybeFinish();
}

void RefreshJob::send(quint64 taskId)
{
    const auto it = m_tasks.find(taskId);
    if (it == m_tasks.end())
        return;
    Task &task = it->second;
    task.retryTimer = nullptr;
    const Provider p = m_mode == Mode::UqpaySync ? Provider::Uqpay : task.key.provider;
    Providers::PaymentProvider *backend = m_registry.provider(p);
    ProviderCall *call = nullptr;
    if (backend && m_mode == Mode::UqpaySync) {
        Providers::ListRequest request;
        request.fromUtc = m_from;
        request.toUtc = m_to;
        request.page = task.page;
        request.pageSize = kSyncPageSize;
        call = backend->list(request);
    } else if (backend) {
        call = backend->retrieve(task.key.paymentId);
    }
    if (!call) {
        // Not a network failure: reported at once, never retried.
        const OrderKey key = task.key;
        m_tasks.erase(it);
        --m_active[p];
        if (m_mode == Mode::UqpaySync) {
            m_totalPages = 0;
            fail({Provider::Uqpay, {}}, notConfiguredText(p));
        } else {
            Providers::ProviderFailure missing;
            missing.kind = Providers::FailureKind::Configuration;
            missing.code = Domain::providerDisplayName(p);
            fail(key, notConfiguredText(p), Providers::encodeFailure(missing));
        }
        // Later (not inside pump's loop): keep the call stack flat.
        QTimer::singleShot(0, this, &RefreshJob::pump);
        return;
    }
    task.call = call;
    connect(call, &ProviderCall::finished, this,
            [this, taskId](const ProviderResult &result) { onResult(taskId, result); });
}

void RefreshJob::onResult(quint64 taskId, const ProviderResult &result)
{
    const auto it = m_tasks.find(taskId);
    if (it == m_tasks.end())
        return;
    it->second.call = nullptr;
    const bool aborted = result.failure.kind == FailureKind::Transport
                         && result.failure.transport == TransportError::Aborted;
    if (m_stopped && aborted) {
        // Stopped by the operator: neither done nor failed.
        const Provider p = m_mode == Mode::UqpaySync ? Provider::Uqpay : it->second.key.provider;
        m_tasks.erase(it);
        --m_active[p];
        maybeFinish();
        return;
    }
    if (!result.ok() && !m_stopped && retryLater(taskId, result.failure))
        return;

    const Task task = it->second;
    m_tasks.erase(it);
    const Provider p = m_mode == Mode::UqpaySync ? Provider::Uqpay : task.key.provider;
    --m_active[p];
    if (m_mode == Mode::UqpaySync)
        onPage(task, result);
    else
        onRetrieved(task, result);
    pump();
}

bool RefreshJob::retryLater(quint64 taskId, const ProviderFailure &failure)
{
    Task &task = m_tasks.at(taskId);
    if (!isRetryable(failure) || task.attempt >= m_settings.maxRetries)
        return false;
    // The provider's Retry-After, capped like the backoff, wins when longer.
    const std::chrono::milliseconds delay =
        jitteredBackoff(task.attempt, m_settings.retryBase, kMaxRetryDelay,
                        std::min(failure.retryAfter, kMaxRetryDelay));
    ++task.attempt;
    if (failure.kind == FailureKind::RateLimited) {
        // The provider asked everyone to slow down, not just this order.
        const Provider p = m_mode == Mode::UqpaySync ? Provider::Uqpay : task.key.provider;
        const QDateTime until = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
        QDateTime &hold = m_holdUntil[p];
        if (!hold.isValid() || hold < until)
            hold = until;
    }
    // The task keeps its concurrency slot while it waits.
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    task.retryTimer = timer;
    connect(timer, &QTimer::timeout, this, [this, taskId, timer] {
        timer->deleteLater();
        send(taskId);
    });
    timer->start(int(delay.count()));
    return true;
}

void RefreshJob::onRetrieved(const Task &task, const ProviderResult &result)
{
    if (!result.ok() || !result.order) {
        ProviderFailure failure = result.failure;
        if (!failure.isFailure()) {
            failure.kind = FailureKind::Protocol;
            failure.message = u"retrieve answer without a payment"_s;
        }
        fail(task.key, Providers::failureText(failure), Providers::encodeFailure(failure));
        return;
    }
    Order order = *result.order;
    order.provider = task.key.provider;
    if (order.paymentId.isEmpty())
        order.paymentId = task.key.paymentId;
    store(std::move(order));
}

void RefreshJob::onPage(const Task &task, const ProviderResult &result)
{
    if (!result.ok()) {
        // Without this page the rest cannot be trusted to be complete.
        m_totalPages = 0;
        fail({Provider::Uqpay, {}},
             QCoreApplication::translate("RefreshService", "Page %1 of the UQPAY list: %2")
                 .arg(task.page)
                 .arg(Providers::failureText(result.failure)));
        return;
    }
    if (task.page == 1) {
        m_totalPages = result.totalPages;
        m_summary.total = int(std::min<qint64>(result.totalItems, std::numeric_limits<int>::max()));
    }
    for (const Order &o : result.orders) {
        // A payment created while paging shifts the newest-first pages by one;
        // one that shows up twice is stored once.
        if (m_synced.contains(o.paymentId))
            continue;
        m_synced.insert(o.paymentId);
        if (m_summary.done + m_pendingOrders >= m_summary.total)
            ++m_summary.total;
        store(o);
    }
}

void RefreshJob::fail(const OrderKey &key, const QString &text, const QString &stored)
{
    ++m_summary.done;
    ++m_summary.failed;
    if (m_mode == Mode::UqpaySync && m_summary.total < m_summary.done + m_pendingOrders)
        m_summary.total = m_summary.done + m_pendingOrders;
    m_summary.errors.append({key, text});
    // The order's record changes too (on the storage thread): views that mark
    // failed syncs follow when it is written.
    if (!key.paymentId.isEmpty()) {
        Storage::OrderWrite w;
        w.order.provider = key.provider;
        w.order.paymentId = key.paymentId;
        w.syncError = stored.isEmpty() ? text : stored;
        w.syncErrorAt = m_clock();
        queue(std::move(w));
    }
    Q_EMIT progress(m_summary.done, m_summary.total, m_summary.failed);
}

void RefreshJob::store(Order order)
{
    order.lastSyncedAt = m_clock();
    order.lastSyncError.clear();
    ++m_pendingOrders;
    queue({std::move(order), {}, {}});
}

void RefreshJob::queue(Storage::OrderWrite write)
{
    m_writes.append(std::move(write));
    if (m_writes.size() >= kMaxBatch)
        return flush();
    if (!m_batchTimer->isActive())
        m_batchTimer->start();
}

void RefreshJob::flush()
{
    m_batchTimer->stop();
    if (m_writes.isEmpty())
        return;
    ++m_summary.writeBatches;
    Storage::OrderStore *store = &m_store;
    const QDateTime now = m_clock(); // read here: the clock is this thread's
    m_tickets.insert(
        m_writer.write(std::exchange(m_writes, {}), m_source,
                       [store, now](const Order &fresh, Storage::OrderWritten &written) {
                           reconcile(*store, now, fresh, written);
                       }));
}

void RefreshJob::onWritten(quint64 ticket, const QList<Storage::OrderWritten> &outcomes)
{
    if (!m_tickets.remove(ticket))
        return; // another job's
    for (const Storage::OrderWritten &w : outcomes) {
        if (w.syncErrorOnly) {
            if (w.ok)
                Q_EMIT orderUpdated(w.key);
            continue;
        }
        --m_pendingOrders;
        ++m_summary.done;
        if (!w.ok) {
            ++m_summary.failed;
            m_summary.errors.append({w.key, w.error});
            continue;
        }
        if (w.conflict)
            ++m_summary.conflicts;
        if (w.settled > 0) {
            m_summary.reconciled += w.settled;
            Q_EMIT attemptSettled(w.key);
        } else if (!w.settleError.isEmpty()) {
            m_summary.errors.append({w.key, w.settleError});
        }
        Q_EMIT orderUpdated(w.key);
    }
    Q_EMIT progress(m_summary.done, m_summary.total, m_summary.failed);
    // What came in while this batch was written, unless its window is still open.
    if (m_tickets.isEmpty() && !m_writes.isEmpty() && !m_batchTimer->isActive())
        flush();
    maybeFinish();
}

void RefreshJob::reconcile(Storage::OrderStore &store, const QDateTime &nowUtc, const Order &fresh,
                           Storage::OrderWritten &written)
{
    // The provider's answer of this refresh decides, with the cancel deadline
    // the store computed for it (F11 step 5); the stored status may be an
    // import's, or a CANCELLED kept under F7 against this very answer.
    // Only a final answer settles an attempt: an order still pending needs
    // no reads, whatever its deadline.
    if (!maySettle(fresh))
        return;
    const std::optional<Order> stored = store.find(fresh.provider, fresh.paymentId);
    if (!stored)
        return;
    Order basis = fresh;
    basis.cancelDeadline = stored->cancelDeadline;
    const bool conflicted =
        written.conflict || stored->flags.testFlag(Domain::StatusFlag::Conflict);
    Storage::CancelJournal journal(store.database());
    QString error;
    const int settled = reconcileUnresolved(journal, basis, conflicted, nowUtc, &error);
    if (settled > 0)
        written.settled = settled;
    else if (settled < 0)
        written.settleError =
            QCoreApplication::translate("RefreshService",
                                        "The status was stored, but the unresolved cancel "
                                        "attempt could not be reconciled: %1")
                .arg(error);
}

void RefreshJob::maybeFinish()
{
    if (m_finished || !m_started || !m_tasks.empty())
        return;
    // What was learned is written before the job says it is done.
    flush();
    if (!m_tickets.isEmpty())
        return;
    if (!m_stopped) {
        if (m_mode == Mode::UqpaySync) {
            if (m_totalPages < 0 || m_nextPage <= m_totalPages)
                return;
        } else {
            for (const auto &[provider, queue] : m_queue) {
                if (!queue.isEmpty())
                    return;
            }
        }
    }
    m_finished = true;
    m_pumpTimer->stop();
    Q_EMIT finished(m_summary);
    deleteLater();
}

// ---------------------------------------------------------------------------
// RefreshService

RefreshService::RefreshService(Storage::OrderStore &store, Providers::ProviderRegistry &registry,
                               WorkflowSettings settings, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_registry(registry)
    , m_settings(settings)
    , m_clock(clock ? std::move(clock) : systemClock())
{
    qRegisterMetaType<RefreshSummary>();
    m_autoTimer = new QTimer(this);
    connect(m_autoTimer, &QTimer::timeout, this, &RefreshService::runAutoRefresh);
    m_writer = std::make_unique<Storage::StorageWorker>(m_store);
}

RefreshService::~RefreshService()
{
    // The jobs (children) go first: they may still hand batches over.
    qDeleteAll(findChildren<RefreshJob *>(Qt::FindDirectChildrenOnly));
}

RefreshJob *RefreshService::newJob(RefreshJob::Mode mode)
{
    auto *job = new RefreshJob(m_store, *m_writer, m_registry, m_settings, m_clock, mode, this);
    connect(job, &RefreshJob::orderUpdated, this, &RefreshService::orderUpdated);
    connect(job, &RefreshJob::attemptSettled, this, &RefreshService::attemptSettled);
    return job;
}

RefreshJob *RefreshService::refresh(const QList<OrderKey> &orders)
{
    RefreshJob *job = newJob(RefreshJob::Mode::Retrieve);
    job->startRetrieve(orders, Storage::StatusSource::Refresh);
    return job;
}

RefreshJob *RefreshService::refreshAll()
{
    // Keys only, read in chunks: at a million orders the full rows would not fit.
    QList<OrderKey> keys;
    Storage::OrderQuery q;
    q.sort = Storage::OrderQuery::Sort::PaymentId;
    q.order = Qt::AscendingOrder;
    q.limit = kAllOrdersChunk;
    for (q.offset = 0;; q.offset += kAllOrdersChunk) {
        const QList<Order> chunk = m_store.query(q);
        for (const Order &o : chunk)
            keys.append({o.provider, o.paymentId});
        if (chunk.size() < kAllOrdersChunk)
            break;
    }
    return refresh(keys);
}

RefreshJob *RefreshService::addById(const OrderKey &order)
{
    RefreshJob *job = newJob(RefreshJob::Mode::Retrieve);
    OrderKey key = order;
    key.paymentId = key.paymentId.trimmed();
    job->startRetrieve({key}, Storage::StatusSource::Manual);
    return job;
}

RefreshJob *RefreshService::syncUqpay(const QDateTime &fromUtc, const QDateTime &toUtc)
{
    RefreshJob *job = newJob(RefreshJob::Mode::UqpaySync);
    job->startSync(fromUtc.toUTC(), toUtc.toUTC());
    return job;
}

void RefreshService::setAutoRefresh(bool enabled, std::chrono::seconds interval)
{
    setAutoRefreshInterval(enabled, interval);
}

void RefreshService::setAutoRefreshInterval(bool enabled, std::chrono::milliseconds interval)
{
    if (!enabled || interval.count() <= 0) {
        m_autoTimer->stop();
        return;
    }
    m_autoTimer->start(interval);
}

bool RefreshService::autoRefreshEnabled() const
{
    return m_autoTimer->isActive();
}

QList<OrderKey> RefreshService::nonTerminalOrders() const
{
    QList<OrderKey> keys;
    for (const Domain::NormStatus status :
         {Domain::NormStatus::Pending, Domain::NormStatus::RequiresAction,
          Domain::NormStatus::Authorized, Domain::NormStatus::Unknown}) {
        Storage::OrderQuery q;
        q.status = status;
        q.sort = Storage::OrderQuery::Sort::PaymentId;
        q.order = Qt::AscendingOrder;
        q.limit = kAllOrdersChunk;
        for (q.offset = 0;; q.offset += kAllOrdersChunk) {
            const QList<Order> chunk = m_store.query(q);
            for (const Order &o : chunk)
                keys.append({o.provider, o.paymentId});
            if (chunk.size() < kAllOrdersChunk)
                break;
        }
    }
    return keys;
}

void RefreshService::runAutoRefresh()
{
    // A slow round is not stacked with the next one.
    if (m_autoJob)
        return;
    RefreshJob *job = refresh(nonTerminalOrders());
    m_autoJob = job;
    connect(job, &RefreshJob::finished, this,
            [this](const RefreshSummary &summary) { Q_EMIT autoRefreshFinished(summary); });
}

} // namespace CancelDesk::Services
