#pragma once

#include "services/cancelservice.h"

#include <QList>

namespace CancelDesk::Test {

// Runs the event loop until the job delivers finished() and returns its
// report; fails the test program when it does not finish, or delivers twice.
Services::CancelReport await(Services::CancelJob *job);

// Runs the event loop until recovery finishes and returns its reports.
QList<Services::CancelReport> await(Services::RecoveryJob *job);

// A process id that no longer exists (a finished child), for attempts whose
// owner has crashed.
qint64 deadPid();

} // namespace CancelDesk::Test
