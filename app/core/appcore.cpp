#include "appcore.h"

#include "providers/httpclient.h"
#include "providers/providerregistry.h"
#include "services/cancelservice.h"
#include "services/exporter.h"
#include "services/importer.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"

namespace CancelDesk::Core {

AppCore::AppCore(AppCoreOptions options)
    : m_config(std::move(options.config))
    , m_databasePath(std::move(options.databasePath))
    , m_databasePassword(std::move(options.databasePassword))
    , m_testClock(std::move(options.clock))
    , m_operatorName(options.operatorName.trimmed())
{}

AppCore::~AppCore()
{
    // Jobs first: they hold references into the store and the providers.
    m_cancels.reset();
    m_refresh.reset();
    m_providers.reset();
    closeStorage();
}

bool AppCore::open(QString *error)
{
    if (!openStorage(error))
        return false;
    attachProviders(m_config.providers);
    return true;
}

bool AppCore::openStorage(QString *error)
{
    Q_ASSERT(!isOpen());
    m_openFailure = Storage::OpenFailure::Other; // until the store is open
    Domain::PolicyLoadResult loaded = Domain::CancelPolicy::load(m_config.cancelRulesOverrideFile);
    if (!loaded.ok()) {
        *error = loaded.error;
        return false;
    }
    Domain::CancelPolicy policy = std::move(loaded.policy);
    if (m_config.uqpayTimeZone)
        policy.setProviderTimeZone(Domain::Provider::Uqpay, *m_config.uqpayTimeZone);

    auto database = std::make_unique<Storage::Database>(m_databasePath);
    database->setPassword(m_databasePassword);
    if (!database->open(error)) {
        m_openFailure = database->openFailure();
        return false;
    }
    m_openFailure = Storage::OpenFailure::None;
    m_policy = std::move(policy);
    m_database = std::move(database);
    m_orders = std::make_unique<Storage::OrderStore>(*m_database, &m_policy);
    m_journal = std::make_unique<Storage::CancelJournal>(*m_database);
    m_exporter = std::make_unique<Services::Exporter>(*m_database);
    m_importer = std::make_unique<Services::Importer>(*m_orders, &m_policy);
    return true;
}

void AppCore::attachProviders(const Providers::ProviderSettings &settings)
{
    Q_ASSERT(isOpen() && !hasProviders());
    m_config.providers = settings;
    // A test clock stamps Antom's request time (the sandbox judges it against
    // the same clock).
    if (m_testClock && m_config.providers.antom) {
        m_config.providers.antom->clockMs = [testClock = m_testClock] {
            return testClock().toMSecsSinceEpoch();
        };
    }
    m_providers = std::make_unique<Providers::ProviderRegistry>(m_config.providers);
    const Services::Clock clock = this->clock();
    m_refresh = std::make_unique<Services::RefreshService>(*m_orders, *m_providers,
                                                           m_config.network, clock);
    m_cancels = std::make_unique<Services::CancelService>(*m_orders, *m_journal, *m_providers,
                                                          m_policy, m_config.network, clock);
}

void AppCore::closeStorage()
{
    m_importer.reset();
    m_exporter.reset();
    m_journal.reset();
    m_orders.reset();
    m_database.reset();
}

bool AppCore::hasUnfinishedAttempts(QString *error) const
{
    QString readError;
    const bool any = !m_journal->unfinished(&readError).isEmpty();
    if (!any && !readError.isEmpty())
        *error = readError;
    return any;
}

Services::RecoveryJob *AppCore::recover()
{
    return m_cancels ? m_cancels->recover() : nullptr;
}

Storage::Database &AppCore::database() const
{
    return *m_database;
}
Storage::OrderStore &AppCore::orders() const
{
    return *m_orders;
}
Storage::CancelJournal &AppCore::journal() const
{
    return *m_journal;
}
Services::Exporter &AppCore::exporter() const
{
    return *m_exporter;
}
Services::Importer &AppCore::importer() const
{
    return *m_importer;
}
Providers::ProviderRegistry &AppCore::providers() const
{
    return *m_providers;
}
Services::RefreshService &AppCore::refresh() const
{
    return *m_refresh;
}
Services::CancelService &AppCore::cancels() const
{
    return *m_cancels;
}

bool AppCore::providerConfigured(Domain::Provider provider) const
{
    return m_providers && m_providers->provider(provider) != nullptr;
}

QString AppCore::operatorName() const
{
    // F21: in a team store the operator is the database login, whatever
    // --operator or [general] operator say.
    if (m_database) {
        if (const QString login = m_database->teamLogin(); !login.isEmpty())
            return login;
    }
    if (!m_operatorName.isEmpty())
        return m_operatorName;
    const QString configured = m_config.operatorName.trimmed();
    return configured.isEmpty() ? Config::osUserName() : configured;
}

void AppCore::setOperatorName(const QString &name)
{
    m_operatorName = name.trimmed();
    m_config.operatorName = m_operatorName;
}

QDateTime AppCore::now() const
{
    return clock()();
}

Services::Clock AppCore::clock() const
{
    if (m_testClock)
        return m_testClock;
    // The console's and the CLI's clock alike: local UTC corrected by the
    // providers' Date headers (F9). The core outlives every service that reads it.
    return [this] {
        return m_providers ? m_providers->http().correctedNowUtc()
                           : QDateTime::currentDateTimeUtc();
    };
}

} // namespace CancelDesk::Core
