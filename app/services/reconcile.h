#pragma once

#include "domain/order.h"
#include "storage/canceljournal.h"

#include <QDateTime>

#include <optional>

namespace CancelDesk::Services {

// F11 step 5: what a freshly retrieved status says about an UNRESOLVED cancel
// attempt of that order. CANCELLED settles it as SUCCEEDED; a payment that can
// no longer be cancelled (FAILED, refunded or charged back, or paid with its
// cancel window closed) settles it as REJECTED; anything else leaves it
// UNRESOLVED (nullopt): the cancel may still be on its way.
std::optional<Storage::AttemptState> reconciledOutcome(const Domain::Order &order,
                                                       const QDateTime &nowUtc);
// Whether reconciledOutcome() can settle anything for this status, whatever
// the deadline and the time (a pending payment never does).
bool maySettle(const Domain::Order &order);

// Applies reconciledOutcome() to every UNRESOLVED attempt of the order.
// `fresh` is the provider's own answer of this refresh — never the stored
// status, which may be an import's or hold a contradicted CANCELLED (F7) —
// with the cancel deadline the store computed for it. Nobody reconciles an
// order whose statuses conflict (`conflicted`) until it has been reviewed. An
// attempt the provider accepted (it reached CONFIRMING: UQPAY's asynchronous
// wallet cancel) is not closed REJECTED by a SUCCEEDED past the deadline: it
// may still flip to CANCELLED. Returns how many were settled; -1 and *error
// when the journal could not be read or written.
int reconcileUnresolved(Storage::CancelJournal &journal, const Domain::Order &fresh,
                        bool conflicted, const QDateTime &nowUtc, QString *error = nullptr);

} // namespace CancelDesk::Services
