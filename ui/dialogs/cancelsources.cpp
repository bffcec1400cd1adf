#include "cancelsources.h"

#include "models/ordertablemodel.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"

namespace CancelDesk::Ui {

std::optional<OrderFacts> readOrderFacts(const CancelSources &sources, const OrderTableModel *list,
                                         const Domain::OrderKey &key)
{
    if (list)
        return list->facts(key);
    return OrderFacts::read(sources.reads.orders, sources.reads.journal, sources.reads.policy, key,
                            sources.reads.clock());
}

void followServiceChanges(const CancelSources &sources, const QObject *context,
                          const std::function<void(const Domain::OrderKey &)> &changed)
{
    QObject::connect(&sources.cancels, &Services::CancelService::attemptChanged, context, changed);
    QObject::connect(&sources.cancels, &Services::CancelService::orderWritten, context, changed);
    QObject::connect(&sources.refresh, &Services::RefreshService::orderUpdated, context, changed);
}

} // namespace CancelDesk::Ui
