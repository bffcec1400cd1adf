#include "cancelcheck.h"

#include "storage/canceljournal.h"

#include <QCoreApplication>

namespace CancelDesk::Services {

void AttemptFlags::setActive(const Storage::CancelAttempt &attempt)
{
    activeAttemptId = attempt.id;
    activeBy = attempt.operatorName;
    activeAwaitingApproval = attempt.state == Storage::AttemptState::AwaitingApproval;
}

CancelCheck checkCancel(const Domain::Order &order, const Domain::CancelPolicy &policy,
                        const QDateTime &nowUtc, const AttemptFlags &attempts)
{
    return checkCancel(policy.decide(order, nowUtc), order.provider, attempts, true);
}

CancelCheck checkCancel(const Domain::PolicyDecision &decision, Domain::Provider provider,
                        const AttemptFlags &attempts, bool providerConfigured)
{
    CancelCheck check;
    check.provider = provider;
    check.decision = decision;
    if (attempts.activeAttemptId != 0) {
        // F12: whatever the rules say, never a second cancel while one is out.
        check.verdict = CancelCheck::Verdict::ActiveAttempt;
        check.attemptId = attempts.activeAttemptId;
        check.attemptBy = attempts.activeBy;
        check.awaitingApproval = attempts.activeAwaitingApproval;
        return check;
    }
    if (!check.decision.isEligible()) {
        check.verdict = CancelCheck::Verdict::Ineligible;
        return check;
    }
    if (attempts.unresolvedAttemptId != 0) {
        check.verdict = CancelCheck::Verdict::RetryUnresolved;
        check.attemptId = attempts.unresolvedAttemptId;
    } else {
        check.verdict = CancelCheck::Verdict::NewAttempt;
    }
    // Nothing to send it to: said before anything is journaled.
    if (!providerConfigured)
        check.verdict = CancelCheck::Verdict::NotConfigured;
    return check;
}

QString cancelCheckNote(const CancelCheck &check)
{
    switch (check.verdict) {
    case CancelCheck::Verdict::RetryUnresolved:
        return QCoreApplication::translate(
                   "CancelCheck",
                   "The outcome of the earlier cancel (attempt %1) is unknown. Cancelling again "
                   "retries that same attempt with the same key and reason; no second cancel "
                   "is made.")
            .arg(check.attemptId);
    case CancelCheck::Verdict::ActiveAttempt:
        if (check.awaitingApproval && !check.attemptBy.isEmpty()) {
            return QCoreApplication::translate(
                       "CancelCheck",
                       "%2 asked to cancel this payment; the cancel awaits a second person's "
                       "approval (attempt %1). Do not cancel it again.")
                .arg(QString::number(check.attemptId), check.attemptBy);
        }
        if (!check.attemptBy.isEmpty()) {
            return QCoreApplication::translate(
                       "CancelCheck",
                       "A cancel of this payment by %2 is in progress (attempt %1). Do not "
                       "cancel it again.")
                .arg(QString::number(check.attemptId), check.attemptBy);
        }
        return QCoreApplication::translate(
                   "CancelCheck",
                   "A cancel of this payment is in progress (attempt %1). Do not cancel it again.")
            .arg(check.attemptId);
    case CancelCheck::Verdict::NotConfigured:
        return QCoreApplication::translate(
                   "CancelCheck",
                   "%1 is not configured in this environment, so nothing can be sent to it. "
                   "Add its credentials in Settings.")
            .arg(Domain::providerDisplayName(check.provider));
    case CancelCheck::Verdict::NewAttempt:
    case CancelCheck::Verdict::Ineligible:
        break;
    }
    return {};
}

} // namespace CancelDesk::Services
