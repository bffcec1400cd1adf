#pragma once

#include "domain/order.h"
#include "models/orderreads.h"

#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace CancelDesk::Providers {
class ProviderRegistry;
}
namespace CancelDesk::Services {
class CancelService;
class RefreshService;
} // namespace CancelDesk::Services

namespace CancelDesk::Ui {

// Who sends the cancels, and where: named in the dialog and recorded with
// every attempt.
struct OperatorContext
{
    QString operatorName;
    QString environment; // "sandbox" | "test" | "production"
    bool builtInSandbox = false;
};

// What the cancel dialogs (CancelDialog, BulkCancelDialog) work with, handed
// in by whoever opens them (AppSession::cancelSources() for the main window
// and the tests).
struct CancelSources
{
    // Sends the cancels.
    Services::CancelService &cancels;
    // With the cancel service, the signals that say which orders changed when
    // the dialog has no order list to follow.
    const Services::RefreshService &refresh;
    // Read only without an order list: when the dialog opens and when a
    // service says the order changed, never on the tick.
    OrderReads reads;
    // Whether the order's provider is configured.
    const Providers::ProviderRegistry &providers;
    OperatorContext context;
};

class OrderTableModel;
struct OrderFacts;

// What the cancel dialogs know of an order: the list's row when there is a
// list, else what the store says now (never called on the tick).
std::optional<OrderFacts> readOrderFacts(const CancelSources &sources, const OrderTableModel *list,
                                         const Domain::OrderKey &key);
// Without an order list: calls changed(key) for every order the cancel and the
// refresh services say they wrote, while context lives.
void followServiceChanges(const CancelSources &sources, const QObject *context,
                          const std::function<void(const Domain::OrderKey &)> &changed);

} // namespace CancelDesk::Ui
