#include "appsession.h"

#include "core/appcore.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "services/importer.h"
#include "services/refreshservice.h"
#include "storage/changefeed.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace CancelDesk::Ui {

AppSession::AppSession(SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

AppSession::~AppSession()
{
    // The feed reads the core's database; the services and their jobs go
    // before the sandbox they talk to.
    m_feed.reset();
    m_core.reset();
    m_sandbox.reset();
}

bool AppSession::open(QString *error)
{
    m_openFailure = Storage::OpenFailure::Other; // until the core has said
    Config::AppConfig &config = m_options.config;
    if (config.environment == u"sandbox" && !config.hasProviders() && !useBuiltInSandbox(error))
        return false;
    Core::AppCoreOptions options;
    options.config = config;
    options.databasePath = m_options.databasePath;
    options.databasePassword = m_options.databasePassword;
    options.clock = m_options.clock;
    auto core = std::make_unique<Core::AppCore>(std::move(options));
    const bool opened = core->open(error);
    m_openFailure = core->openFailure();
    if (!opened)
        return false;
    m_core = std::move(core);
    connect(&m_core->importer(), &Services::Importer::ordersImported, this,
            &AppSession::ordersReset);
    connect(&m_core->refresh(), &Services::RefreshService::orderUpdated, this,
            [this](const Domain::OrderKey &key) { Q_EMIT ordersChanged({key}); });
    connect(&m_core->refresh(), &Services::RefreshService::attemptSettled, this,
            [this] { Q_EMIT journalChanged(); });
    // The services say what they wrote; no widget emits these for them.
    connect(&m_core->cancels(), &Services::CancelService::attemptChanged, this,
            [this](const Domain::OrderKey &key) {
                Q_EMIT ordersChanged({key});
                Q_EMIT journalChanged();
            });
    connect(&m_core->cancels(), &Services::CancelService::orderWritten, this,
            [this](const Domain::OrderKey &key) { Q_EMIT ordersChanged({key}); });
    if (!teamLogin().isEmpty()) {
        QString ignored; // no roles shown is the answer when they cannot be read
        m_teamRoles = Storage::teamRolesOfLogin(m_core->database(), &ignored);
    }
    if (m_options.liveFeed)
        followChanges();
    return true;
}

// F24: what other consoles and the CLI write reaches the views through the
// same signals as this session's own writes. The feed reads on its own thread
// and names the orders (those an attempt holds too), so nothing here touches
// the store on the GUI thread. It reports this session's own writes as well:
// the views take a second reload of the same rows in stride.
void AppSession::followChanges()
{
    m_feed = std::make_unique<Storage::ChangeFeed>(m_core->database());
    connect(m_feed.get(), &Storage::ChangeFeed::ordersChanged, this, &AppSession::ordersChanged);
    // Too many to name: the list reloads.
    connect(m_feed.get(), &Storage::ChangeFeed::ordersChangedSince, this,
            [this] { Q_EMIT ordersReset(); });
    connect(m_feed.get(), &Storage::ChangeFeed::journalChanged, this,
            [this] { Q_EMIT journalChanged(); });
    connect(m_feed.get(), &Storage::ChangeFeed::thresholdsChanged, this,
            &AppSession::journalChanged);
    m_feed->start();
}

// The in-process sandbox (the console's, else one started here) as the
// providers of this session.
bool AppSession::useBuiltInSandbox(QString *error)
{
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
    return true;
}

Storage::Database &AppSession::database() const
{
    return m_core->database();
}
Storage::OrderStore &AppSession::orders() const
{
    return m_core->orders();
}
Storage::CancelJournal &AppSession::journal() const
{
    return m_core->journal();
}
const Domain::CancelPolicy &AppSession::policy() const
{
    return m_core->policy();
}
Providers::ProviderRegistry &AppSession::providers() const
{
    return m_core->providers();
}
Services::CancelService &AppSession::cancels() const
{
    return m_core->cancels();
}
Services::RefreshService &AppSession::refresh() const
{
    return m_core->refresh();
}
Services::Exporter &AppSession::exporter() const
{
    return m_core->exporter();
}
Services::Importer &AppSession::importer() const
{
    return m_core->importer();
}

const Config::AppConfig &AppSession::config() const
{
    return m_core ? m_core->config() : m_options.config;
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
    return m_core && m_core->providerConfigured(provider);
}

void AppSession::setOperatorName(const QString &name)
{
    m_options.config.operatorName = name.trimmed();
    if (m_core)
        m_core->setOperatorName(name);
}

QString AppSession::operatorName() const
{
    if (m_core)
        return m_core->operatorName();
    const QString configured = m_options.config.operatorName.trimmed();
    return configured.isEmpty() ? Config::osUserName() : configured;
}

QString AppSession::teamLogin() const
{
    return m_core ? m_core->database().teamLogin() : QString();
}

QDateTime AppSession::now() const
{
    return clock()();
}

Services::Clock AppSession::clock() const
{
    if (m_core)
        return m_core->clock();
    return m_options.clock ? m_options.clock : Services::systemClock();
}

OrderReads AppSession::orderReads() const
{
    return OrderReads{
        .orders = orders(), .journal = journal(), .policy = policy(), .clock = clock()};
}

CancelSources AppSession::cancelSources() const
{
    return CancelSources{
        .cancels = cancels(),
        .refresh = refresh(),
        .reads = orderReads(),
        .providers = providers(),
        .context = {.operatorName = operatorName(),
                    .environment = environment(),
                    .builtInSandbox = usesBuiltInSandbox()},
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
    Services::RefreshJob *job = m_core->refresh().refresh(keys);
    connect(job, &Services::RefreshJob::finished, this, [this] { Q_EMIT ordersReset(); });
    return job;
}

} // namespace CancelDesk::Ui
