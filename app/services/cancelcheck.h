#pragma once

#include "domain/cancelpolicy.h"
#include "domain/order.h"

#include <QDateTime>
#include <QString>

namespace CancelDesk::Storage {
struct CancelAttempt;
}

namespace CancelDesk::Services {

// What the cancel log knows of an order's attempts, as far as the cancel rule
// needs it (the order list keeps these per row; the service reads the journal).
struct AttemptFlags
{
    qint64 activeAttemptId = 0;     // PREPARED, SENT, CONFIRMING or AWAITING_APPROVAL (F12)
    qint64 unresolvedAttemptId = 0; // the newest UNRESOLVED one
    // Of the active attempt: who asked for it (its operator; in team mode a
    // login, possibly at another console, F24) and whether it waits for a
    // second person's approval (F23) rather than being sent.
    QString activeBy;
    bool activeAwaitingApproval = false;

    // Notes an attempt that holds its order (Storage::holdsOrder) as the
    // active one.
    void setActive(const Storage::CancelAttempt &attempt);
};

// "May this order be cancelled now, and how?" — answered here and only here
// (PRODUCT.md F8, F11 step 1, F12, §10), for CancelService itself, the cancel
// and bulk-cancel dialogs, the main window's actions and the CLI.
struct CancelCheck
{
    enum class Verdict {
        NewAttempt,      // eligible: a new attempt is journaled, then sent
        RetryUnresolved, // eligible, and an earlier cancel's outcome is unknown:
                         // that same attempt is retried (same key, identical
                         // body), never a new one
        Ineligible,      // the cancel rules say no; decision says why and what instead
        ActiveAttempt,   // another cancel of this order is in progress
        NotConfigured,   // the rules allow it, but the order's provider is not
                         // configured in this environment: nothing can be sent
    };
    Verdict verdict = Verdict::Ineligible;
    Domain::PolicyDecision decision;
    qint64 attemptId = 0;          // the attempt retried, or the active one
    QString attemptBy;             // ActiveAttempt: who asked for it (empty when unknown)
    bool awaitingApproval = false; // ActiveAttempt: it waits for approval, nothing sent yet
    Domain::Provider provider = Domain::Provider::Uqpay; // the order's

    bool mayCancel() const
    {
        return verdict == Verdict::NewAttempt || verdict == Verdict::RetryUnresolved;
    }
    bool isRetry() const { return verdict == Verdict::RetryUnresolved; }
};

CancelCheck checkCancel(const Domain::Order &order, const Domain::CancelPolicy &policy,
                        const QDateTime &nowUtc, const AttemptFlags &attempts);
// The same rule on a decision already made (the order list keeps one per row,
// so that the console asks it every second without reading the store).
// providerConfigured false turns a cancellable order into NotConfigured.
CancelCheck checkCancel(const Domain::PolicyDecision &decision, Domain::Provider provider,
                        const AttemptFlags &attempts, bool providerConfigured);

// The one sentence that goes with a check, translated: for a retry, that the
// earlier attempt is sent again with its key; for an active attempt, that it is
// in progress and by whom (or awaits approval); for a provider not configured, that nothing can be
// sent to it. Empty for a plain new attempt and for Ineligible (the decision's own explanation says
// why; see Ui::explainDecision).
QString cancelCheckNote(const CancelCheck &check);

} // namespace CancelDesk::Services
