#pragma once

#include "core/appcore.h"
#include "domain/order.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QCommandLineParser;

namespace CancelDesk::Services {
struct CancelReport;
struct RefreshSummary;
class RefreshJob;
} // namespace CancelDesk::Services

namespace CancelDesk::Cli {

class Output;

// One canceldesk-cli invocation: its output, its options and the core
// (Core::AppCore), whose store opens first and whose providers are attached
// only when a command needs the network.
class Session final
{
    Q_DISABLE_COPY_MOVE(Session)

public:
    Session(Output &out, QCommandLineParser &parser);
    ~Session();

    Output &out() { return m_out; }
    QCommandLineParser &parser() { return m_parser; }
    Core::AppCore &core() { return *m_core; }
    const Config::AppConfig &config() const { return m_core->config(); }
    QString operatorName() const { return m_core->operatorName(); }

    // The config, the cancel rules and the database. Returns an exit code, or
    // -1 to go on.
    int open(const QString &command);
    // The providers: from the config, or in the sandbox environment from the
    // announcement of a running canceldesk-sandbox. Empty string on success.
    QString connect();

    // F11: every command first resumes attempts left by a process that is gone.
    // Keeps the reports (none when there was nothing to resume) or why it could
    // not run, for recovered() and recoveryError().
    void recover();
    const QList<Services::CancelReport> &recovered() const { return m_recovered; }
    const QString &recoveryError() const { return m_recoveryError; }

    // Runs the event loop until the job has finished.
    Services::RefreshSummary wait(Services::RefreshJob *job);

    // The orders in the store with this payment id (one per provider at most).
    QList<Domain::Order> ordersWithId(const QString &paymentId,
                                      std::optional<Domain::Provider> provider) const;

private:
    QString configPath() const;

    Output &m_out;
    QCommandLineParser &m_parser;
    std::unique_ptr<Core::AppCore> m_core;
    QList<Services::CancelReport> m_recovered;
    QString m_recoveryError;
};

} // namespace CancelDesk::Cli
