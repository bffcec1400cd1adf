#include "clisession.h"

#include "commands.h"
#include "output.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/databaselocation.h"
#include "storage/orderstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {

Session::Session(Output &out, QCommandLineParser &parser)
    : m_out(out)
    , m_parser(parser)
{}

Session::~Session() = default;

QString Session::configPath() const
{
    return m_parser.isSet(u"config"_s) ? m_parser.value(u"config"_s) : Config::defaultConfigPath();
}

int Session::open(const QString &command)
{
    const QString configPath = this->configPath();
    if (m_parser.isSet(u"config"_s) && !QFileInfo::exists(configPath))
        return m_out.finish(
            command, ExitUsage, {},
            QCoreApplication::translate("Cli", "The configuration file %1 does not exist.")
                .arg(QDir::toNativeSeparators(configPath)));
    // --db is checked first: a URL holding a password is a usage error (2).
    const QString db = m_parser.isSet(u"db"_s) ? m_parser.value(u"db"_s) : QString();
    if (m_parser.isSet(u"db"_s)) {
        const Storage::DatabaseLocationParse given = Storage::DatabaseLocation::parse(db);
        if (!given.ok())
            return m_out.finish(command, ExitUsage, {},
                                QCoreApplication::translate("Cli", "--db: %1").arg(given.error));
    }
    Config::ConfigLoad load = Config::loadConfig(configPath);
    if (!load.ok())
        return m_out.finish(command, ExitFailure, {}, load.error);
    // What the console shows in its banner (e.g. Antom answers that cannot
    // be verified outside production) goes to stderr here.
    for (const QString &warning : std::as_const(load.warnings))
        m_out.note(warning);

    Core::AppCoreOptions options;
    options.databasePath = Config::chooseDatabase(load.config, db);
    options.config = std::move(load.config);
    options.operatorName = m_parser.value(u"operator"_s);
    m_core = std::make_unique<Core::AppCore>(std::move(options));
    QString error;
    if (!m_core->openStorage(&error))
        return m_out.finish(command, ExitFailure, {}, error);
    return -1;
}

QString Session::connect()
{
    if (m_core->hasProviders())
        return {};
    Config::AppConfig config = m_core->config();
    if (!config.hasProviders() && config.environment == u"sandbox") {
        QString announcement = qEnvironmentVariable("CANCELDESK_SANDBOX_ANNOUNCEMENT");
        if (announcement.isEmpty())
            announcement = config.sandboxAnnouncementFile;
        if (announcement.isEmpty())
            return QCoreApplication::translate(
                "Cli", "No provider is configured. For the sandbox, start canceldesk-sandbox, "
                       "save its first output line to a file (mode 600) and name that file in "
                       "CANCELDESK_SANDBOX_ANNOUNCEMENT or [general] sandbox_announcement.");
        const QString error = Config::applySandboxAnnouncement(config, announcement);
        if (!error.isEmpty())
            return error;
    }
    if (!config.hasProviders())
        return QCoreApplication::translate("Cli", "No provider is configured in %1.")
            .arg(QDir::toNativeSeparators(config.path.isEmpty() ? Config::defaultConfigPath()
                                                                : config.path));
    m_core->attachProviders(config.providers);
    return {};
}

void Session::recover()
{
    m_recovered.clear();
    m_recoveryError.clear();
    // Approval requests that lapsed (F23): no provider is asked.
    m_core->journal().expireLapsed(&m_recoveryError);
    if (!m_recoveryError.isEmpty())
        return;
    if (!m_core->hasUnfinishedAttempts(&m_recoveryError))
        return;
    if (const QString problem = connect(); !problem.isEmpty()) {
        m_recoveryError = problem;
        return;
    }
    QEventLoop loop;
    Services::RecoveryJob *job = m_core->recover();
    QObject::connect(job, &Services::RecoveryJob::finished, &loop,
                     [&](const QList<Services::CancelReport> &reports) {
                         m_recovered = reports;
                         loop.quit();
                     });
    loop.exec();
}

Services::RefreshSummary Session::wait(Services::RefreshJob *job)
{
    Services::RefreshSummary summary;
    QEventLoop loop;
    QObject::connect(job, &Services::RefreshJob::finished, &loop,
                     [&](const Services::RefreshSummary &s) {
                         summary = s;
                         loop.quit();
                     });
    loop.exec();
    return summary;
}

QList<Domain::Order> Session::ordersWithId(const QString &paymentId,
                                           std::optional<Domain::Provider> provider) const
{
    QList<Domain::Order> found;
    for (const Domain::Provider p : Domain::allProviders()) {
        if (provider && *provider != p)
            continue;
        if (auto order = m_core->orders().find(p, paymentId))
            found.append(*order);
    }
    return found;
}

} // namespace CancelDesk::Cli
