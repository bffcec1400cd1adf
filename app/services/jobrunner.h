#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace CancelDesk::Services {

using JobId = quint64;

namespace Detail {
struct JobState;
}

// What a worker sees of its job (KDAB hotspot's JobTracker is the model).
// Thread-safe; handed to the work function on the worker thread.
class JobControl final
{
public:
    explicit JobControl(std::shared_ptr<Detail::JobState> state);

    JobId id() const;
    // True once the owner cancelled the job, a newer job of the same kind
    // superseded it, the owner was destroyed, or the runner is going away. The
    // worker should return soon after; its result is dropped.
    bool isCancelled() const;
    // Delivered queued on the runner's thread, and only while the job is
    // current. Cheap, but the worker should still call it every few hundred
    // items rather than per item.
    void reportProgress(qint64 done, qint64 total);

private:
    std::shared_ptr<Detail::JobState> m_state;
};

// One small way to run background work: each job has an id and a kind, runs
// on the runner's own thread pool, reports progress, can be cancelled (the
// worker polls JobControl::isCancelled()), and delivers its result to a
// callback on the runner's thread (queued) — unless it became stale on the
// way: cancelled, superseded by a newer job of the same kind for the same
// owner, or its owner was destroyed. Then nothing is delivered.
//
// The work runs while the runner's owner may go away, so the work function
// captures what it needs by value (or objects that outlive the runner). The
// runner's destructor cancels every job and waits for the workers: it must
// go before anything the workers use (a Database: its thread connections end
// with the pool's threads, which end here too).
class JobRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobRunner)

public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    // Starts work(JobControl &) -> Result on a worker thread; onResult(Result)
    // is called on the runner's thread when it is done and still wanted.
    // owner: the object the result is for (same thread as the runner); when
    // it is destroyed the job is cancelled. kind: a newer job of the same kind
    // for the same owner cancels this one.
    template<typename Work, typename OnResult>
    JobId start(const QString &kind, const QObject *owner, Work work, OnResult onResult,
                Progress onProgress = {})
    {
        using Result = std::invoke_result_t<Work &, JobControl &>;
        static_assert(!std::is_void_v<Result>, "a job returns its result");
        auto deliver = [onResult = std::move(onResult)](const std::shared_ptr<void> &r) mutable {
            onResult(std::move(*static_cast<Result *>(r.get())));
        };
        auto run = [work = std::move(work)](JobControl &control) mutable -> std::shared_ptr<void> {
            return std::make_shared<Result>(work(control));
        };
        return startErased(kind, owner, std::move(run), std::move(deliver), std::move(onProgress));
    }

    // The result of a cancelled job is dropped; the worker sees isCancelled().
    void cancel(JobId id);
    // Every job of this kind (for any owner).
    void cancelKind(const QString &kind);
    void cancelAll();

    // Started and its worker has not returned yet (cancelled ones included).
    bool isRunning(JobId id) const { return m_jobs.contains(id); }
    // Started, not cancelled, not yet delivered.
    bool isCurrent(JobId id) const;
    int runningCount() const { return int(m_jobs.size()); }
    // At most this many jobs run at once; the rest queue (default 2).
    void setMaxThreadCount(int count) { m_pool.setMaxThreadCount(count); }

Q_SIGNALS:
    // On the runner's thread, for current jobs only (after the job's own
    // progress callback).
    void progress(CancelDesk::Services::JobId id, qint64 done, qint64 total);
    // The worker of id has returned; delivered tells whether its result went to
    // onResult (false: it was cancelled or stale and dropped).
    void finished(CancelDesk::Services::JobId id, bool delivered);

private:
    using ErasedWork = std::function<std::shared_ptr<void>(JobControl &)>;
    using ErasedDeliver = std::function<void(const std::shared_ptr<void> &)>;

    JobId startErased(const QString &kind, const QObject *owner, ErasedWork work,
                      ErasedDeliver deliver, Progress onProgress);
    void finish(const std::shared_ptr<Detail::JobState> &state,
                const std::shared_ptr<void> &result);
    void onProgress(const std::shared_ptr<Detail::JobState> &state, qint64 done, qint64 total);
    friend class JobControl;

    QThreadPool m_pool;
    JobId m_nextId = 1;
    QHash<JobId, std::shared_ptr<Detail::JobState>> m_jobs;
};

namespace Detail {

// Shared by the runner (its thread) and the worker. Only `cancelled` is
// touched by both; the rest is the runner's.
struct JobState
{
    JobId id = 0;
    QString kind;
    QPointer<const QObject> owner;
    bool hasOwner = false;
    std::atomic_bool cancelled{false};
    // The runner, for progress reports from the worker: valid while the job
    // runs (the runner waits for its workers before it goes).
    JobRunner *runner = nullptr;
    JobRunner::Progress progress;
    std::function<void(const std::shared_ptr<void> &)> deliver;
    QMetaObject::Connection ownerWatch;
};

} // namespace Detail

} // namespace CancelDesk::Services
