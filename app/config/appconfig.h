#pragma once

#include "providers/providerregistry.h"
#include "services/workflowsettings.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>
#include <optional>

namespace CancelDesk::Config {

// The settings of canceldesk.ini (PRODUCT.md §10: the keys are a public
// contract). Secrets are held as Providers::Secret so that they never print.
struct AppConfig
{
    QString environment = QStringLiteral("sandbox"); // sandbox | test | production
    QString operatorName;
    Services::WorkflowSettings network;
    Providers::ProviderSettings providers;
    // [uqpay] timezone: the merchant zone for UQPAY's calendar cut-offs.
    std::optional<QTimeZone> uqpayTimeZone;
    // [general] cancel_rules: a per-merchant override of the cancel windows.
    QString cancelRulesOverrideFile;
    // [general] sandbox_announcement: a file holding canceldesk-sandbox's first
    // stdout line; used in the sandbox environment when no provider is configured.
    QString sandboxAnnouncementFile;
    // [general] typed_confirmation_above: from this amount (major units of each
    // payment's own currency) a cancel needs the amount typed (PRODUCT.md F11).
    qint64 typedConfirmationAbove = kTypedConfirmationDefault;
    static constexpr qint64 kTypedConfirmationDefault = 1000;
    // The settings dialog's spin box goes no higher.
    static constexpr qint64 kTypedConfirmationMax = 1000000000;
    // [database] url: where the store is, a postgresql:// URL (team mode) or a
    // SQLite file; empty: the environment's own SQLite file. Checked with
    // Storage::DatabaseLocation::parse, so it never holds a password. Which
    // store is used: see chooseDatabase().
    QString databaseUrl;
    // The file that was read; empty when none existed (defaults).
    QString path;

    bool hasProviders() const { return providers.uqpay || providers.antom || providers.liquido; }
};

struct ConfigLoad
{
    AppConfig config;
    QString error; // translated, names the file and the key, never a secret
    // Translated; accepted but weaker than it should be (e.g. Antom's answers
    // unverified outside production). The console's banner shows them.
    QStringList warnings;
    bool ok() const { return error.isEmpty(); }
};

// Reads and validates path. A missing file gives the defaults (sandbox). The
// file and every file it names must belong to the current user and must not be
// writable by group or others (they decide where keys are sent); a file that
// holds a secret (api_key, client_secret) or a secret file it names
// (api_key_file, private_key_file) must not be accessible by group or others.
// In production, Antom needs antom_public_key_file. [database] url must parse
// (Storage::DatabaseLocation) and [database] password or password_file is
// refused: a database password never comes from this file.
// secrets, when given, supplies a secret the file does not hold (the GUI keeps
// them in the OS keychain): called with "uqpay/api_key", "liquido/client_secret"
// or "liquido/api_key"; an empty answer means it has none.
using SecretLookup = std::function<QByteArray(const QString &key)>;
ConfigLoad loadConfig(const QString &path, const SecretLookup &secrets = {});
// QStandardPaths::AppConfigLocation + "/canceldesk.ini".
QString defaultConfigPath();
// The store of one environment: every environment keeps its own orders and
// cancel log, so production never shows a sandbox order.
// QStandardPaths::AppDataLocation + "/canceldesk-<environment>.sqlite".
QString defaultDatabasePath(const QString &environment);
// Where the store is, the first one given wins (PRODUCT.md F20):
//   1. commandLine, the CLI's --db (a SQLite file or a postgresql:// URL),
//   2. [database] url (config.databaseUrl),
//   3. the environment's own SQLite file in dataDir (databasePathIn; an empty
//      dataDir is the standard one, as in defaultDatabasePath).
// The text goes to Storage::DatabaseLocation::parse.
QString chooseDatabase(const AppConfig &config, const QString &commandLine = {},
                       const QString &dataDir = {});
// The same inside dataDir. A store of the single-file layout before 0.3
// ("canceldesk.sqlite") is adopted by the first environment that opens it: it
// is renamed to that environment's file, unless SQLite's side files show it
// may be in use (then it is used where it is, this time).
QString databasePathIn(const QString &dataDir, const QString &environment);
// The operator name when none is configured: the user's full name from the
// password database (GECOS), else the login, else $USER. The console and the
// CLI record the same name for the same person.
QString osUserName();

// Configures the providers from a canceldesk-sandbox announcement file (its
// first stdout line). Returns a translated error, empty on success.
QString applySandboxAnnouncement(AppConfig &config, const QString &announcementFile);
// Configures the providers from a parsed announcement (the GUI's in-process
// sandbox), keeping the network options of config.
void useSandbox(AppConfig &config, const Providers::SandboxAnnouncement &announcement);

} // namespace CancelDesk::Config
