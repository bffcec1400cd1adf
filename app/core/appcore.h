#pragma once

#include "config/appconfig.h"
#include "domain/cancelpolicy.h"
#include "domain/provider.h"
#include "services/workflowsettings.h"
#include "storage/databaselocation.h"

#include <QDateTime>
#include <QString>

#include <memory>

namespace CancelDesk::Storage {
class Database;
class OrderStore;
class CancelJournal;
} // namespace CancelDesk::Storage
namespace CancelDesk::Providers {
class ProviderRegistry;
}
namespace CancelDesk::Services {
class CancelService;
class RefreshService;
class RecoveryJob;
class Exporter;
class Importer;
} // namespace CancelDesk::Services

namespace CancelDesk::Core {

struct AppCoreOptions
{
    // The settings, already read (Config::loadConfig). A face that runs a
    // sandbox points config.providers at it (Config::useSandbox) first.
    Config::AppConfig config;
    QString databasePath;
    // The team database's password when the face has one (the console's
    // keychain); empty: libpq's PGPASSWORD or ~/.pgpass. Storage::Database::setPassword.
    QString databasePassword;
    // The time every service reads. Empty: the system clock corrected by the
    // providers' Date-header skew (F9). Tests pass one they move.
    Services::Clock clock;
    // The operator for this run (the CLI's --operator). Empty: the configured
    // one, else the OS user's name.
    QString operatorName;
};

// The program's parts wired once, for every face (the console's AppSession,
// canceldesk-cli, tests): the cancel rules, the database with the order store
// and the cancel journal, the providers, and the services over them.
//
// In two steps, because the CLI opens its store before it knows whether a
// command needs the network: openStorage() (rules, database, stores, import
// and export), then attachProviders() (the provider registry, refresh and
// cancel). open() does both. Each step builds all of its parts or none.
class AppCore final
{
    Q_DISABLE_COPY_MOVE(AppCore)

public:
    explicit AppCore(AppCoreOptions options);
    ~AppCore();

    // openStorage() and attachProviders() with the providers of the config.
    bool open(QString *error);
    // Loads the cancel rules (with the configured override file and UQPAY time
    // zone), opens and migrates the database and builds the order store, the
    // cancel journal, the exporter and the importer. A translated error on
    // failure; then nothing is kept.
    bool openStorage(QString *error);
    // Why the last openStorage() could not open the database
    // (Storage::Database::openFailure); None when it did.
    Storage::OpenFailure openFailure() const { return m_openFailure; }
    // Builds the provider registry from these settings (they replace
    // config().providers; an empty set is allowed: no provider is available)
    // and the refresh and cancel services over it. After openStorage(), once.
    void attachProviders(const Providers::ProviderSettings &settings);

    bool isOpen() const { return m_database != nullptr; }
    bool hasProviders() const { return m_providers != nullptr; }

    // F11: whether the journal holds active attempts that recovery may have to
    // resume (cheap; the CLI attaches the providers only then). False with
    // *error set when the journal cannot be read.
    bool hasUnfinishedAttempts(QString *error) const;
    // Starts resuming the attempts of processes that are gone. Null before
    // attachProviders().
    Services::RecoveryJob *recover();

    // Valid after openStorage().
    Storage::Database &database() const;
    Storage::OrderStore &orders() const;
    Storage::CancelJournal &journal() const;
    Services::Exporter &exporter() const;
    Services::Importer &importer() const;
    // Valid after attachProviders().
    Providers::ProviderRegistry &providers() const;
    Services::RefreshService &refresh() const;
    Services::CancelService &cancels() const;

    const Config::AppConfig &config() const { return m_config; }
    QString environment() const { return m_config.environment; }
    const Domain::CancelPolicy &policy() const { return m_policy; }
    QString databasePath() const { return m_databasePath; }
    // Whether this provider is available (configured and attached).
    bool providerConfigured(Domain::Provider provider) const;

    // The operator recorded in the cancel log: the one given for this run, else
    // the configured one, else the OS user's name.
    QString operatorName() const;
    // Changes it for this run (and in config()); empty goes back to the OS user.
    void setOperatorName(const QString &name);

    QDateTime now() const;
    Services::Clock clock() const;

private:
    void closeStorage();

    Config::AppConfig m_config;
    QString m_databasePath;
    QString m_databasePassword;
    Storage::OpenFailure m_openFailure = Storage::OpenFailure::None;
    Services::Clock m_testClock;
    QString m_operatorName;
    Domain::CancelPolicy m_policy;
    // Declared in the order they are built: destroyed the other way round, the
    // services before the providers and the stores they use.
    std::unique_ptr<Storage::Database> m_database;
    std::unique_ptr<Storage::OrderStore> m_orders;
    std::unique_ptr<Storage::CancelJournal> m_journal;
    std::unique_ptr<Services::Exporter> m_exporter;
    std::unique_ptr<Services::Importer> m_importer;
    std::unique_ptr<Providers::ProviderRegistry> m_providers;
    std::unique_ptr<Services::RefreshService> m_refresh;
    std::unique_ptr<Services::CancelService> m_cancels;
};

} // namespace CancelDesk::Core
