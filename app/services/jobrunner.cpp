#include "jobrunner.h"

#include <QThread>

namespace CancelDesk::Services {

JobControl::JobControl(std::shared_ptr<Detail::JobState> state)
    : m_state(std::move(state))
{}

JobId JobControl::id() const
{
    return m_state->id;
}

bool JobControl::isCancelled() const
{
    return m_state->cancelled.load(std::memory_order_relaxed);
}

void JobControl::reportProgress(qint64 done, qint64 total)
{
    if (isCancelled())
        return;
    JobRunner *runner = m_state->runner;
    QMetaObject::invokeMethod(
        runner, [runner, state = m_state, done, total] { runner->onProgress(state, done, total); },
        Qt::QueuedConnection);
}

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(2);
    m_pool.setObjectName(QStringLiteral("canceldesk-jobs"));
}

JobRunner::~JobRunner()
{
    cancelAll();
    // The workers may use what our owner owns: they end before it does. Their
    // queued deliveries die with this object, undelivered.
    m_pool.waitForDone();
}

JobId JobRunner::startErased(const QString &kind, const QObject *owner, ErasedWork work,
                             ErasedDeliver deliver, Progress onProgress)
{
    Q_ASSERT(!owner || owner->thread() == thread());
    // A newer job of a kind supersedes the older ones of the same owner.
    for (const std::shared_ptr<Detail::JobState> &job : std::as_const(m_jobs)) {
        if (job->kind == kind && job->owner == owner && job->hasOwner == (owner != nullptr))
            job->cancelled = true;
    }
    auto state = std::make_shared<Detail::JobState>();
    state->id = m_nextId++;
    state->kind = kind;
    state->owner = owner;
    state->hasOwner = owner != nullptr;
    state->runner = this;
    state->progress = std::move(onProgress);
    state->deliver = std::move(deliver);
    if (owner) {
        // No one would see the result: let the worker stop early.
        state->ownerWatch = connect(owner, &QObject::destroyed, this,
                                    [raw = state.get()] { raw->cancelled = true; });
    }
    m_jobs.insert(state->id, state);

    m_pool.start([this, state, work = std::move(work)]() mutable {
        JobControl control(state);
        std::shared_ptr<void> result;
        if (!control.isCancelled())
            result = work(control);
        // Destroyed here, on the worker: it holds what the work captured.
        work = nullptr;
        QMetaObject::invokeMethod(
            this, [this, state, result] { finish(state, result); }, Qt::QueuedConnection);
    });
    return state->id;
}

bool JobRunner::isCurrent(JobId id) const
{
    const std::shared_ptr<Detail::JobState> job = m_jobs.value(id);
    return job && !job->cancelled;
}

void JobRunner::cancel(JobId id)
{
    if (const std::shared_ptr<Detail::JobState> job = m_jobs.value(id))
        job->cancelled = true;
}

void JobRunner::cancelKind(const QString &kind)
{
    for (const std::shared_ptr<Detail::JobState> &job : std::as_const(m_jobs)) {
        if (job->kind == kind)
            job->cancelled = true;
    }
}

void JobRunner::cancelAll()
{
    for (const std::shared_ptr<Detail::JobState> &job : std::as_const(m_jobs))
        job->cancelled = true;
}

void JobRunner::onProgress(const std::shared_ptr<Detail::JobState> &state, qint64 done,
                           qint64 total)
{
    if (state->cancelled || !m_jobs.contains(state->id) || (state->hasOwner && !state->owner))
        return;
    if (state->progress)
        state->progress(done, total);
    Q_EMIT progress(state->id, done, total);
}

void JobRunner::finish(const std::shared_ptr<Detail::JobState> &state,
                       const std::shared_ptr<void> &result)
{
    m_jobs.remove(state->id);
    disconnect(state->ownerWatch);
    const bool wanted =
        !state->cancelled && result && (!state->hasOwner || state->owner != nullptr);
    // Taken out of the state here, on this thread: the worker may hold the
    // state last.
    auto deliver = std::exchange(state->deliver, {});
    state->progress = {};
    const QPointer<JobRunner> self(this);
    if (wanted)
        deliver(result);
    // The callback may have deleted its owner, and with it this runner.
    if (self)
        Q_EMIT finished(state->id, wanted);
}

} // namespace CancelDesk::Services
