#pragma once

#include <QDateTime>

#include <chrono>
#include <functional>

namespace CancelDesk::Services {

// The time source every service reads (UTC). Production passes the system
// clock corrected by the providers' Date-header skew; tests pass one they move.
using Clock = std::function<QDateTime()>;
inline Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

// [network] of the config file (PRODUCT.md §10).
struct WorkflowSettings
{
    std::chrono::milliseconds timeout{15000};
    int maxRetries = 3;
    std::chrono::milliseconds retryBase{500}; // jittered exponential backoff base
    std::chrono::seconds confirmTimeout{60};  // CONFIRMING polls this long, then UNRESOLVED
    std::chrono::milliseconds pollInterval{1000};
    int concurrency = 6; // per provider
    // How often a running cancel renews its lease (a third of the lease, so
    // two renewals may fail before another host may take it over). Not in
    // the config file; tests shorten it.
    std::chrono::milliseconds leaseRenewal{40000};
};

} // namespace CancelDesk::Services
