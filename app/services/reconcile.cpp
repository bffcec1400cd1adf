#include "reconcile.h"

namespace CancelDesk::Services {

using Domain::NormStatus;
using Storage::AttemptState;

std::optional<AttemptState> reconciledOutcome(const Domain::Order &order, const QDateTime &nowUtc)
{
    if (order.status == NormStatus::Cancelled)
        return AttemptState::Succeeded;
    if (order.flags.testFlag(Domain::StatusFlag::Refunded)
        || order.flags.testFlag(Domain::StatusFlag::ChargedBack)
        || order.status == NormStatus::Failed)
        return AttemptState::Rejected;
    if (order.status == NormStatus::Succeeded
        && (!order.cancelDeadline.isValid() || order.cancelDeadline <= nowUtc))
        return AttemptState::Rejected;
    return std::nullopt;
}

bool maySettle(const Domain::Order &order)
{
    // At the end of time every cancel window has closed.
    static const QDateTime last(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
    return reconciledOutcome(order, last).has_value();
}

int reconcileUnresolved(Storage::CancelJournal &journal, const Domain::Order &fresh,
                        bool conflicted, const QDateTime &nowUtc, QString *error)
{
    if (conflicted || fresh.flags.testFlag(Domain::StatusFlag::Conflict))
        return 0;
    const Domain::Order &order = fresh;
    const std::optional<AttemptState> outcome = reconciledOutcome(order, nowUtc);
    if (!outcome)
        return 0;
    // Paid and past the deadline, but nothing says the cancel failed.
    const bool onlyLate = *outcome == AttemptState::Rejected
                          && order.status == NormStatus::Succeeded
                          && !order.flags.testFlag(Domain::StatusFlag::Refunded)
                          && !order.flags.testFlag(Domain::StatusFlag::ChargedBack);
    Storage::AttemptFilter filter;
    filter.provider = order.provider;
    filter.paymentId = order.paymentId;
    filter.state = AttemptState::Unresolved;
    // Few attempts per order: read them all before writing.
    const QList<Storage::CancelAttempt> unresolved = journal.list(filter);
    int settled = 0;
    for (const Storage::CancelAttempt &attempt : unresolved) {
        if (onlyLate && journal.wasAccepted(attempt.id))
            continue; // accepted in time; the provider may still flip it
        const Storage::JournalResult r = journal.reconcile(
            attempt.id, *outcome, Domain::statusKey(order.status), order.rawStatus, nowUtc);
        if (r.ok()) {
            ++settled;
        } else if (r.error != Storage::JournalError::InvalidTransition) {
            // (InvalidTransition: another process settled it first.)
            if (error)
                *error = r.message;
            return -1;
        }
    }
    return settled;
}

} // namespace CancelDesk::Services
