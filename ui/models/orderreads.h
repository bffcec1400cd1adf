#pragma once

#include "services/workflowsettings.h"

namespace CancelDesk::Domain {
class CancelPolicy;
}
namespace CancelDesk::Storage {
class OrderStore;
class CancelJournal;
} // namespace CancelDesk::Storage

namespace CancelDesk::Ui {

// What the views that show orders read: the orders with their history, their
// cancel attempts, the cancel rules and the time. The order list reads the
// stores on worker threads (each with its own connection); the status view
// and the cancel dialogs read them on the GUI thread, but only when an order
// is opened or a service says it changed, never on the tick.
struct OrderReads
{
    const Storage::OrderStore &orders;
    const Storage::CancelJournal &journal;
    const Domain::CancelPolicy &policy;
    Services::Clock clock;
};

} // namespace CancelDesk::Ui
