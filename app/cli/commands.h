#pragma once

#include <QStringList>

namespace CancelDesk::Services {
struct CancelReport;
}

namespace CancelDesk::Cli {

// PRODUCT.md §10: a public contract, scripts depend on these values.
enum ExitCode : int {
    ExitSuccess = 0,          // for cancel: the cancellation is confirmed
    ExitUsage = 2,            // usage error or bad input
    ExitRefused = 3,          // refused by the provider or locally ineligible (nothing sent)
    ExitUnresolved = 4,       // outcome unknown after retries
    ExitFailure = 5,          // network, configuration, authentication or protocol error
    ExitVerifyFailed = 6,     // the cancel log's hash chain is broken
    ExitAwaitingApproval = 7, // team mode: recorded, nothing sent; a second person decides
    ExitNotPermitted = 8,     // the database role lacks the right, or four eyes forbid it
};

// The exit code a cancel ends with.
int exitCodeFor(const Services::CancelReport &report);

// Runs one canceldesk-cli invocation (arguments as QCoreApplication::arguments(),
// program name first) and returns its exit code. Needs a QCoreApplication; runs
// the event loop while the services work.
int run(const QStringList &arguments);

} // namespace CancelDesk::Cli
