#include "cancelcheck.h"

#include <QCoreApplication>

namespace CancelDesk::Services {

CancelCheck checkCancel(const Domain::Order &order, const Domain::CancelPolicy &policy,
                        const QDateTime &nowUtc, const AttemptFlags &attempts)
{
    CancelCheck check;
    check.provider = order.provider;
    check.decision = policy.decide(order, nowUtc);
    if (attempts.activeAttemptId != 0) {
        // F12: whatever the rules say, never a second cancel while one is out.
        check.verdict = CancelCheck::Verdict::ActiveAttempt;
        check.attemptId = attempts.activeAttemptId;
        return check;
    }
    if (!check.decision.isEligible()) {
        check.verdict = CancelCheck::Verdict::Ineligible;
        return check;
    }
    if (attempts.unresolvedAttemptId != 0) {
        check.verdict = CancelCheck::Verdict::RetryUnresolved;
        check.attemptId = attempts.unresolvedAttemptId;
        return check;
    }
    check.verdict = CancelCheck::Verdict::NewAttempt;
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
