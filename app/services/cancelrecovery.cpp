// Recovery (PRODUCT.md F11): attempts whose owning process is gone, or that this
// process gave up after a journal failure, are taken over and resumed with
// their own key.
#include "cancelservice.h"
#include "cancelservice_p.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QTimer>

namespace CancelDesk::Services {

using Storage::ProcessOwner;

namespace {

QString givenUpKey(const QString &database, qint64 id)
{
    return database + u'#' + QString::number(id);
}

QMutex &givenUpMutex()
{
    static QMutex m;
    return m;
}

QSet<QString> &givenUpKeys()
{
    static QSet<QString> k;
    return k;
}

} // namespace

void GivenUpAttempts::set(const QString &database, qint64 id, bool givenUp)
{
    QMutexLocker lock(&givenUpMutex());
    if (givenUp)
        givenUpKeys().insert(givenUpKey(database, id));
    else
        givenUpKeys().remove(givenUpKey(database, id));
}

bool GivenUpAttempts::contains(const QString &database, qint64 id)
{
    QMutexLocker lock(&givenUpMutex());
    return givenUpKeys().contains(givenUpKey(database, id));
}

RecoveryJob::RecoveryJob(CancelService &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    const QDateTime now = m_service.m_journal.clockNow();
    const QString database = m_service.m_journal.databasePath();
    // Approval requests whose cancel window has closed lapse (F23).
    for (const Storage::CancelAttempt &a : m_service.m_journal.expireLapsed())
        Q_EMIT m_service.attemptChanged({a.provider, a.paymentId});
    for (const Storage::CancelAttempt &a : m_service.m_journal.unfinished()) {
        const bool givenUpHere =
            a.owner() == ProcessOwner::self() && GivenUpAttempts::contains(database, a.id);
        if (givenUpHere || CancelService::ownerIsGone(a, now))
            m_pending.append(a);
    }
    QMetaObject::invokeMethod(this, &RecoveryJob::next, Qt::QueuedConnection);
}

RecoveryJob::~RecoveryJob() = default;

void RecoveryJob::next()
{
    while (!m_pending.isEmpty()) {
        const Storage::CancelAttempt a = m_pending.takeFirst();
        // Compare-and-swap on the old owner: of two processes recovering at once
        // only one gets it.
        // The lease too: an owner that renewed it meanwhile is alive.
        const Storage::JournalResult taken = m_service.m_journal.setOwner(
            a.id, a.owner(), a.leaseUntil, ProcessOwner::self(), leaseFromNow(m_service.m_journal));
        if (!taken.ok())
            continue;
        auto *job = new CancelJob(m_service, &m_service);
        job->startRecovered(taken.attempt);
        connect(job, &CancelJob::finished, this, [this](const CancelReport &report) {
            m_reports.append(report);
            next();
        });
        return;
    }
    Q_EMIT finished(m_reports);
    deleteLater();
}

RecoveryJob *CancelService::recover()
{
    return new RecoveryJob(*this, this);
}

bool CancelService::ownerIsGone(const Storage::CancelAttempt &attempt, const QDateTime &nowUtc)
{
    // Another host cannot be asked: its lease, renewed while it works, says.
    return Storage::ownerIsGone(attempt.owner(),
                                !attempt.leaseUntil.isValid() || attempt.leaseUntil < nowUtc);
}

void CancelService::startPeriodicRecovery(std::chrono::milliseconds interval)
{
    if (!m_recoveryTimer) {
        m_recoveryTimer = new QTimer(this);
        connect(m_recoveryTimer, &QTimer::timeout, this, [this] {
            if (m_periodicRecovery)
                return; // the last one is still at work
            m_periodicRecovery = recover();
            connect(m_periodicRecovery, &RecoveryJob::finished, this,
                    [this](const QList<CancelReport> &reports) {
                        if (!reports.isEmpty())
                            Q_EMIT recovered(reports);
                    });
        });
    }
    m_recoveryTimer->start(interval);
}

} // namespace CancelDesk::Services
