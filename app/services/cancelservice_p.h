#pragma once

// Shared by the cancel workflow's sources (canceljob.cpp, cancelrecovery.cpp);
// not part of the service's interface.

#include "storage/canceljournal.h"

#include <QDateTime>
#include <QString>

namespace CancelDesk::Services {

// Attempts a CancelJob of this process gave up (a journal failure) when the
// journal could not even record that it let go of them: the journal still names
// this live process as their owner, so ownerIsGone() never hands them to
// recovery. Listed here, by database file and attempt id, recovery in this
// process takes them over; an attempt a job is still handling never is.
class GivenUpAttempts
{
public:
    static void set(const QString &database, qint64 id, bool givenUp);
    static bool contains(const QString &database, qint64 id);
};

inline QDateTime leaseFromNow(const Storage::CancelJournal &journal)
{
    // Leases are about real elapsed time between processes, not the
    // skew-corrected provider clock; by the database's clock, which all the
    // machines sharing a team store judge them by.
    return journal.clockNow().addSecs(Storage::CancelJournal::kLeaseSeconds);
}

} // namespace CancelDesk::Services
