#include "appsession.h"

#include "providers/httpclient.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "services/exporter.h"
#include "services/importer.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace CancelDesk::Ui {

AppSession::AppSession(SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

AppSession::~AppSession()
{
    // Jobs first (they hold references into the store and the providers).
    m_cancels.reset();
    m_refresh.reset();
    m_exporter.reset();
    m_importer.reset();
    m_providers.reset();
    m_sandbox.reset();
}

bool AppSession::open(QString *error)
{
    Domain::PolicyLoadResult policy =
        Domain::CancelPolicy::load(m_options.config.cancelRulesOverrideFile);
    if (!policy.ok()) {
        *error = policy.error;
        return false;
    }
    m_policy = policy.policy;
    if (m_options.config.uqpayTimeZone)
        m_policy.setProviderTimeZone(Domain::Provider::Uqpay, *m_options.config.uqpayTimeZone);

    m_database = std::make_unique<Storage::Database>(m_options.databasePath);
    if (!m_database->open(error))
        return false;
    m_orders = std::make_unique<Storage::OrderStore>(*m_database, &m_policy);
    m_journal = std::make_unique<Storage::CancelJournal>(*m_database);

    if (m_options.config.environment == u"sandbox" && !m_options.config.hasProviders()) {
        m_sandbox = m_options.sandbox;
        if (!m_sandbox) {
            m_sandbox = startBuiltInSandbox(m_options.sandboxStateDir, m_options.clock, error);
            if (!m_sandbox)
                return false;
        }
        if (!m_sandbox->startWarning().isEmpty())
            m_options.configWarnings.append(m_sandbox->startWarning());
        const Providers::SandboxAnnouncement announcement = Providers::parseSandboxAnnouncement(
            QJsonDocument(m_sandbox->config()).toJson(QJsonDocument::Compact));
        if (!announcement.ok()) {
            *error = announcement.error;
            return false;
        }
        Config::useSandbox(m_options.config, announcement);
        m_demoIds = announcement.demoIds;
    }

    // A test clock stamps the sandbox's Antom response-time: the backend
    // judges it against the same clock.
    if (m_options.clock && m_options.config.providers.antom) {
        const Services::Clock testClock = m_options.clock;
        m_options.config.providers.antom->clockMs = [testClock] {
            return testClock().toMSecsSinceEpoch();
        };
    }
    m_providers = std::make_unique<Providers::ProviderRegistry>(m_options.config.providers);
    const Services::Clock clock = this->clock();
    m_refresh = std::make_unique<Services::RefreshService>(*m_orders, *m_providers,
                                                           m_options.config.network, clock);
    m_cancels = std::make_unique<Services::CancelService>(
        *m_orders, *m_journal, *m_providers, m_policy, m_options.config.network, clock);
    m_exporter = std::make_unique<Services::Exporter>(*m_database);
    m_importer = std::make_unique<Services::Importer>(*m_orders, &m_policy);

    connect(m_refresh.get(), &Services::RefreshService::orderUpdated, this,
            [this](const Domain::OrderKey &key) { Q_EMIT ordersChanged({key}); });
    connect(m_refresh.get(), &Services::RefreshService::attemptSettled, this,
            [this] { Q_EMIT journalChanged(); });
    // The services say what they wrote; no widget emits these for them.
    connect(m_cancels.get(), &Services::CancelService::attemptChanged, this,
            [this](const Domain::OrderKey &key) {
                Q_EMIT ordersChanged({key});
                Q_EMIT journalChanged();
            });
    connect(m_cancels.get(), &Services::CancelService::orderWritten, this,
            [this](const Domain::OrderKey &key) { Q_EMIT ordersChanged({key}); });
    return true;
}

Storage::Database &AppSession::database() const
{
    return *m_database;
}
Storage::OrderStore &AppSession::orders() const
{
    return *m_orders;
}
Storage::CancelJournal &AppSession::journal() const
{
    return *m_journal;
}
Providers::ProviderRegistry &AppSession::providers() const
{
    return *m_providers;
}
Services::CancelService &AppSession::cancels() const
{
    return *m_cancels;
}
Services::RefreshService &AppSession::refresh() const
{
    return *m_refresh;
}
Services::Exporter &AppSession::exporter() const
{
    return *m_exporter;
}
Services::Importer &AppSession::importer() const
{
    return *m_importer;
}

std::shared_ptr<Sandbox::SandboxServer>
AppSession::startBuiltInSandbox(const QString &stateDir, const Services::Clock &clock,
                                QString *error)
{
    auto sandbox = std::make_shared<Sandbox::SandboxServer>();
    Sandbox::SandboxOptions sandboxOptions;
    sandboxOptions.stateDir = stateDir;
    // A kept folder keeps the payments too: the orders in the store go on
    // existing at the "provider" after a restart.
    sandboxOptions.persist = !stateDir.isEmpty();
    // A test clock drives the simulated providers too (demo payments are
    // created relative to it; windows close when the test moves it).
    if (clock)
        sandbox->setClock(clock);
    if (sandbox->start(sandboxOptions) == 0) {
        *error =
            QCoreApplication::translate("AppSession", "The built-in sandbox could not start: %1")
                .arg(sandbox->errorString());
        return nullptr;
    }
    return sandbox;
}

bool AppSession::providerConfigured(Domain::Provider provider) const
{
    return m_providers && m_providers->provider(provider) != nullptr;
}

void AppSession::setOperatorName(const QString &name)
{
    m_options.config.operatorName = name.trimmed();
}

QString AppSession::operatorName() const
{
    const QString configured = m_options.config.operatorName.trimmed();
    return configured.isEmpty() ? Config::osUserName() : configured;
}

QDateTime AppSession::now() const
{
    return clock()();
}

Services::Clock AppSession::clock() const
{
    if (m_options.clock)
        return m_options.clock;
    // The registry outlives every service that reads this clock.
    return [this] {
        return m_providers ? m_providers->http().correctedNowUtc()
                           : QDateTime::currentDateTimeUtc();
    };
}

Services::RefreshJob *AppSession::loadDemoOrders()
{
    if (!m_sandbox)
        return nullptr;
    QList<Domain::OrderKey> keys;
    for (auto it = m_demoIds.cbegin(); it != m_demoIds.cend(); ++it) {
        for (const QString &id : it.value())
            keys.append({it.key(), id});
    }
    Services::RefreshJob *job = m_refresh->refresh(keys);
    connect(job, &Services::RefreshJob::finished, this, [this] { Q_EMIT ordersReset(); });
    return job;
}

} // namespace CancelDesk::Ui
