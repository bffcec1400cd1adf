#pragma once

#include "services/workflowsettings.h"

#include <QString>

namespace CancelDesk::Domain {
class CancelPolicy;
}
namespace CancelDesk::Storage {
class OrderStore;
class CancelJournal;
} // namespace CancelDesk::Storage
namespace CancelDesk::Providers {
class ProviderRegistry;
}
namespace CancelDesk::Services {
class CancelService;
class RefreshService;
} // namespace CancelDesk::Services

namespace CancelDesk::Ui {

// What the cancel dialogs (CancelDialog, BulkCancelDialog) work with, handed
// in by whoever opens them (the main window, tests).
struct CancelSources
{
    // Sends the cancels; with refresh, the signals that say which orders
    // changed when there is no order list to follow.
    Services::CancelService &cancels;
    const Services::RefreshService &refresh;
    // Read only without an order list (when the dialog opens and when a
    // service says the order changed, never on the tick).
    const Storage::OrderStore &orders;
    const Storage::CancelJournal &journal;
    const Domain::CancelPolicy &policy;
    // Whether the order's provider is configured.
    const Providers::ProviderRegistry &providers;
    Services::Clock clock;
    // Named in the dialog and recorded with every attempt.
    QString environment;
    bool builtInSandbox = false;
    QString operatorName;
};

} // namespace CancelDesk::Ui
