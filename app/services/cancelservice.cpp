#include "cancelservice.h"

#include "providers/providerregistry.h"
#include "storage/canceljournal.h"

namespace CancelDesk::Services {

CancelService::CancelService(Storage::OrderStore &orders, Storage::CancelJournal &journal,
                             Providers::ProviderRegistry &providers, Domain::CancelPolicy policy,
                             WorkflowSettings settings, Clock clock, QObject *parent)
    : QObject(parent)
    , m_orders(orders)
    , m_journal(journal)
    , m_providers(providers)
    , m_policy(std::move(policy))
    , m_settings(settings)
    , m_clock(clock ? std::move(clock) : systemClock())
{
    qRegisterMetaType<CancelReport>();
}

CancelService::~CancelService() = default;

CancelJob *CancelService::cancel(const CancelOrderRequest &request)
{
    auto *job = new CancelJob(*this, this);
    job->startFresh(request);
    return job;
}

CancelJob *CancelService::approve(qint64 attemptId, const QString &approver)
{
    auto *job = new CancelJob(*this, this);
    job->startApproved(attemptId, approver);
    return job;
}

Storage::JournalResult CancelService::decline(qint64 attemptId, const QString &approver,
                                              const QString &note)
{
    Storage::JournalResult r = m_journal.decline(attemptId, approver, note);
    if (r.ok())
        Q_EMIT attemptChanged({r.attempt.provider, r.attempt.paymentId});
    return r;
}

AttemptFlags CancelService::attemptFlags(Domain::Provider provider, const QString &paymentId) const
{
    AttemptFlags flags;
    if (const auto active = m_journal.activeFor(provider, paymentId))
        flags.setActive(*active);
    if (const auto unresolved = m_journal.unresolvedFor(provider, paymentId))
        flags.unresolvedAttemptId = unresolved->id;
    return flags;
}

CancelCheck CancelService::check(const Domain::Order &order) const
{
    CancelCheck check =
        checkCancel(order, m_policy, m_clock(), attemptFlags(order.provider, order.paymentId));
    // Nothing to send it to: said before anything is journaled, not as a
    // rejection after (the sandbox's orders in an environment without providers).
    if (check.mayCancel() && !m_providers.provider(order.provider))
        check.verdict = CancelCheck::Verdict::NotConfigured;
    return check;
}

} // namespace CancelDesk::Services
