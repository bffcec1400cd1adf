#pragma once

#include "domain/order.h"
#include "services/cancelservice.h"
#include "storage/canceljournal.h"

#include <QList>

namespace CancelDesk::Test {

// Runs the event loop until the job delivers finished() and returns its
// report; fails the test program when it does not finish, or delivers twice.
Services::CancelReport await(Services::CancelJob *job);

// Runs the event loop until recovery finishes and returns its reports.
QList<Services::CancelReport> await(Services::RecoveryJob *job);

// A cancel attempt for a stored order, ready for CancelJournal::prepare() (a
// sandbox attempt by the given operator; no owner set).
Storage::CancelAttempt draftAttempt(const Domain::Order &order, const QString &operatorName);

// A process id that no longer exists (a finished child), for attempts whose
// owner has crashed.
qint64 deadPid();

} // namespace CancelDesk::Test
