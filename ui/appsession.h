#pragma once

#include "config/appconfig.h"
#include "core/appcore.h" // declares the parts this session hands out
#include "dialogs/cancelsources.h"
#include "domain/order.h"
#include "storage/teamsetup.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace CancelDesk::Services {
class RefreshJob;
}
namespace CancelDesk::Sandbox {
class SandboxServer;
}
namespace CancelDesk::Storage {
class ChangeFeed;
}

namespace CancelDesk::Ui {

struct SessionOptions
{
    Config::AppConfig config;
    QString databasePath;
    // The team database's password from the keychain or the console's login
    // dialog; empty: libpq's PGPASSWORD or ~/.pgpass (Core::AppCoreOptions).
    QString databasePassword;
    // In the sandbox environment with no provider configured, the simulator
    // runs in this process (PRODUCT.md F19): this one when given (the console
    // keeps it across session rebuilds), else one started here whose keys live
    // in sandboxStateDir (empty: a temporary directory).
    std::shared_ptr<Sandbox::SandboxServer> sandbox;
    QString sandboxStateDir;
    // The time every view and service reads. Empty: the system clock corrected
    // by the providers' Date-header skew. Tests pass one they move.
    Services::Clock clock;
    // Translated warnings of the configuration load (Config::ConfigLoad), shown
    // in the main window's environment banner.
    QStringList configWarnings;
    // Whether the session follows what other consoles and the CLI change in
    // the store (PRODUCT.md F24, Storage::ChangeFeed): on by default.
    bool liveFeed = true;
};

// Everything one console window works with, built from the settings: the
// core's parts (Core::AppCore: the store, the cancel journal, the cancel rules,
// the providers and the services over them), wired there as for the CLI, and
// the built-in sandbox, which only the console runs. Widgets get what they need
// from here and never build services themselves.
class AppSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppSession)

public:
    explicit AppSession(SessionOptions options, QObject *parent = nullptr);
    ~AppSession() override;

    // The in-process sandbox of the console (PRODUCT.md F19), keeping its
    // keys, payments and cancels in stateDir (empty: a temporary folder, kept
    // nowhere). Null with a translated error when it cannot start.
    static std::shared_ptr<Sandbox::SandboxServer>
    startBuiltInSandbox(const QString &stateDir, const Services::Clock &clock, QString *error);

    // Starts (or takes) the in-process sandbox when needed and points the
    // providers at it, then opens the core: the cancel rules, the database and
    // the services. A translated error on failure.
    bool open(QString *error);
    // Why open() could not open the store (Storage::OpenFailure): the console
    // asks for the team database's password when the login was refused.
    Storage::OpenFailure openFailure() const { return m_openFailure; }

    // The composition this session delegates to. Valid after open().
    Core::AppCore &core() const { return *m_core; }

    Storage::Database &database() const;
    Storage::OrderStore &orders() const;
    Storage::CancelJournal &journal() const;
    const Domain::CancelPolicy &policy() const;
    Providers::ProviderRegistry &providers() const;
    Services::CancelService &cancels() const;
    Services::RefreshService &refresh() const;
    Services::Exporter &exporter() const;
    Services::Importer &importer() const;
    // The in-process sandbox, or null.
    Sandbox::SandboxServer *sandbox() const { return m_sandbox.get(); }
    // What tells this session of changes made elsewhere (F24), or null when
    // the session does not follow them.
    Storage::ChangeFeed *changeFeed() const { return m_feed.get(); }

    const Config::AppConfig &config() const;
    QString environment() const { return config().environment; }
    QStringList configWarnings() const { return m_options.configWarnings; }
    QString operatorName() const;
    // Team mode (PRODUCT.md §12): the database login this session works as,
    // and its CancelDesk roles, read when the session opened. Empty when the
    // store is not a team store (SQLite, or a PostgreSQL store before
    // `team init`).
    QString teamLogin() const;
    QList<Storage::TeamRole> teamRoles() const { return m_teamRoles; }
    bool usesBuiltInSandbox() const { return m_sandbox != nullptr; }
    // Whether the current environment has this provider configured (the
    // built-in sandbox configures all three).
    bool providerConfigured(Domain::Provider provider) const;
    // The operator name configured, or the OS user's name; setOperatorName
    // changes it for this session (the first-run panel, which also saves it).
    void setOperatorName(const QString &name);
    // The demo payment ids of the in-process sandbox, per provider.
    QHash<Domain::Provider, QStringList> demoIds() const { return m_demoIds; }

    QDateTime now() const;
    Services::Clock clock() const;

    // What the views that show orders read, and what the cancel dialogs work
    // with: handed to the widgets MainWindow builds (and to those tests build).
    OrderReads orderReads() const;
    CancelSources cancelSources() const;

    // Adds the sandbox's demo payments to the store (add by id: retrieved over
    // HTTP like real ones); null when there is no built-in sandbox.
    Services::RefreshJob *loadDemoOrders();

Q_SIGNALS:
    // Orders were written (refresh, cancel, import, add): views reload them.
    void ordersChanged(const QList<CancelDesk::Domain::OrderKey> &orders);
    // Many or unknown orders changed (import, sync): views reload everything.
    void ordersReset();
    // A cancel attempt was journaled or changed.
    void journalChanged();

private:
    bool useBuiltInSandbox(QString *error);
    void followChanges();

    SessionOptions m_options;
    Storage::OpenFailure m_openFailure = Storage::OpenFailure::None;
    std::shared_ptr<Sandbox::SandboxServer> m_sandbox;
    QHash<Domain::Provider, QStringList> m_demoIds;
    // After the sandbox: its services talk to it, so they go first.
    std::unique_ptr<Core::AppCore> m_core;
    QList<Storage::TeamRole> m_teamRoles;
    // Reads the core's database: goes before it.
    std::unique_ptr<Storage::ChangeFeed> m_feed;
};

} // namespace CancelDesk::Ui
