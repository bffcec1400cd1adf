#include "appconfig.h"

#include "domain/cancelpolicy.h"
#include "platform/trustedfile.h"
#include "providers/antom/antomsignature.h"
#include "providers/httpclient.h"
#include "storage/databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>
#include <iterator>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Config {
namespace {

using Platform::FileTrust;
using Platform::readTrustedFile;
using Platform::TrustedFileRead;

// Reads the settings of one file and collects the first problem.
class Reader
{
public:
    Reader(QSettings &settings, QString path, SecretLookup secrets = {})
        : m_settings(settings)
        , m_path(std::move(path))
        , m_secrets(std::move(secrets))
    {}

    // A secret written in the file, else the one the lookup (the GUI's
    // keychain) holds for the key; empty when neither has it.
    QString secret(const QString &key) const
    {
        const QString inlineValue = string(key);
        if (!inlineValue.isEmpty() || !m_secrets)
            return inlineValue;
        return QString::fromUtf8(m_secrets(key));
    }

    bool has(const QString &key) const { return m_settings.contains(resolve(key)); }

    // QSettings turns "a,b" into a list; config values are single strings.
    QString string(const QString &key, const QString &fallback = {}) const
    {
        if (!has(key))
            return fallback;
        const QVariant value = m_settings.value(resolve(key));
        if (value.metaType().id() == QMetaType::QStringList)
            return value.toStringList().join(u',').trimmed();
        return value.toString().trimmed();
    }

    template<typename T> T number(const QString &key, T fallback, qint64 min, qint64 max)
    {
        if (!has(key))
            return fallback;
        bool ok = false;
        const qint64 value = string(key).toLongLong(&ok);
        if (!ok || value < min || value > max) {
            fail(QCoreApplication::translate("Config",
                                             "%1: [%2] %3 must be a whole number from %4 to %5.")
                     .arg(QDir::toNativeSeparators(m_path), section(key), name(key))
                     .arg(min)
                     .arg(max));
            return fallback;
        }
        return static_cast<T>(value);
    }

    bool boolean(const QString &key, bool fallback)
    {
        if (!has(key))
            return fallback;
        const QString value = string(key).toLower();
        if (value == u"true" || value == u"1" || value == u"yes")
            return true;
        if (value == u"false" || value == u"0" || value == u"no" || value.isEmpty())
            return false;
        fail(QCoreApplication::translate("Config", "%1: [%2] %3 must be true or false.")
                 .arg(QDir::toNativeSeparators(m_path), section(key), name(key)));
        return fallback;
    }

    QUrl url(const QString &key, const QString &fallback)
    {
        const QString value = string(key, fallback);
        const QUrl url(value, QUrl::StrictMode);
        if (value.isEmpty() || !url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"https" && url.scheme() != u"http")) {
            fail(QCoreApplication::translate("Config", "%1: [%2] %3 is not a valid http(s) URL.")
                     .arg(QDir::toNativeSeparators(m_path), section(key), name(key)));
            return {};
        }
        if (!Providers::HttpClient::isAllowedUrl(url)) {
            fail(QCoreApplication::translate(
                     "Config",
                     "%1: [%2] %3 must use https (plain http is allowed only to this computer).")
                     .arg(QDir::toNativeSeparators(m_path), section(key), name(key)));
            return {};
        }
        return url;
    }

    // A path as written, relative paths taken from the config file's folder.
    QString filePath(const QString &key) const
    {
        const QString value = string(key);
        if (value.isEmpty())
            return {};
        return QFileInfo(QFileInfo(m_path).absoluteDir(), value).absoluteFilePath();
    }

    // Reads a file the config names: nobody else may change it, and a secret
    // file must be private to the user.
    std::optional<QByteArray> readFile(const QString &key, bool secret)
    {
        const QString path = filePath(key);
        TrustedFileRead file =
            readTrustedFile(path, secret ? FileTrust::Secret : FileTrust::Unwritable);
        if (file.status == TrustedFileRead::Status::CannotOpen) {
            fail(QCoreApplication::translate("Config", "%1: [%2] %3: the file %4 cannot be read.")
                     .arg(QDir::toNativeSeparators(m_path), section(key), name(key),
                          QDir::toNativeSeparators(path)));
            return std::nullopt;
        }
        if (!file.ok()) {
            fail(file.error);
            return std::nullopt;
        }
        return std::move(file.data);
    }

    void missing(const QString &key)
    {
        fail(QCoreApplication::translate("Config", "%1: [%2] %3 is required.")
                 .arg(QDir::toNativeSeparators(m_path), section(key), name(key)));
    }

    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    QString error() const { return m_error; }

    void warn(const QString &message) { m_warnings.append(message); }
    QStringList warnings() const { return m_warnings; }

private:
    // QSettings reads the keys of an INI [general] section (any case) as
    // top-level keys.
    QString resolve(const QString &key) const
    {
        if (key.startsWith(u"general/"_s) && !m_settings.contains(key))
            return key.mid(8);
        return key;
    }
    static QString section(const QString &key) { return key.section(u'/', 0, 0); }
    static QString name(const QString &key) { return key.section(u'/', 1); }

    QSettings &m_settings;
    QString m_path;
    QString m_error;
    QStringList m_warnings;
    SecretLookup m_secrets;
};

void readGeneral(Reader &r, AppConfig &config)
{
    config.environment = r.string(u"general/environment"_s, u"sandbox"_s).toLower();
    if (config.environment != u"sandbox" && config.environment != u"test"
        && config.environment != u"production")
        r.fail(QCoreApplication::translate(
                   "Config", "%1: [general] environment must be sandbox, test or production.")
                   .arg(QDir::toNativeSeparators(config.path)));
    config.operatorName = r.string(u"general/operator"_s);
    config.cancelRulesOverrideFile = r.filePath(u"general/cancel_rules"_s);
    config.sandboxAnnouncementFile = r.filePath(u"general/sandbox_announcement"_s);
    config.typedConfirmationAbove =
        r.number<qint64>(u"general/typed_confirmation_above"_s, config.typedConfirmationAbove, 0,
                         AppConfig::kTypedConfirmationMax);
}

void readNetwork(Reader &r, AppConfig &config)
{
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    Services::WorkflowSettings &n = config.network;
    n.timeout =
        milliseconds(r.number<qint64>(u"network/timeout_ms"_s, n.timeout.count(), 100, 600000));
    n.maxRetries = r.number<int>(u"network/max_retries"_s, n.maxRetries, 0, 20);
    n.retryBase =
        milliseconds(r.number<qint64>(u"network/retry_base_ms"_s, n.retryBase.count(), 1, 600000));
    n.confirmTimeout = seconds(
        r.number<qint64>(u"network/confirm_timeout_s"_s, n.confirmTimeout.count(), 1, 86400));
    n.pollInterval = milliseconds(
        r.number<qint64>(u"network/poll_interval_ms"_s, n.pollInterval.count(), 10, 3600000));
    n.concurrency = r.number<int>(u"network/concurrency"_s, n.concurrency, 1, 64);
    config.providers.http.timeout = n.timeout;
}

// The provider sections count as configured once they name a client id.
void readUqpay(Reader &r, AppConfig &config)
{
    if (r.has(u"uqpay/timezone"_s)) {
        const auto zone = Domain::parseTimeZone(r.string(u"uqpay/timezone"_s));
        if (!zone)
            r.fail(QCoreApplication::translate(
                       "Config",
                       "%1: [uqpay] timezone must be UTC, an offset like +08:00, or a zone "
                       "name like Asia/Shanghai.")
                       .arg(QDir::toNativeSeparators(config.path)));
        else
            config.uqpayTimeZone = *zone;
    }
    if (r.string(u"uqpay/client_id"_s).isEmpty())
        return;
    Providers::UqpayConfig u;
    u.baseUrl = r.url(u"uqpay/base_url"_s, u"https://api-sandbox.uqpaytech.com"_s);
    u.clientId = r.string(u"uqpay/client_id"_s);
    u.onBehalfOf = r.string(u"uqpay/on_behalf_of"_s);
    const bool hasFile = !r.string(u"uqpay/api_key_file"_s).isEmpty();
    const QString inlineKey = hasFile ? r.string(u"uqpay/api_key"_s) : r.secret(u"uqpay/api_key"_s);
    if (!inlineKey.isEmpty() && hasFile) {
        r.fail(QCoreApplication::translate("Config",
                                           "%1: [uqpay] set api_key or api_key_file, not both.")
                   .arg(QDir::toNativeSeparators(config.path)));
    } else if (hasFile) {
        if (const auto key = r.readFile(u"uqpay/api_key_file"_s, true))
            u.apiKey = Providers::Secret(key->trimmed());
    } else if (!inlineKey.isEmpty()) {
        u.apiKey = Providers::Secret(inlineKey.toUtf8());
    } else {
        r.missing(u"uqpay/api_key"_s);
    }
    config.providers.uqpay = std::move(u);
}

void readAntom(Reader &r, AppConfig &config)
{
    if (r.string(u"antom/client_id"_s).isEmpty())
        return;
    Providers::AntomConfig a;
    a.baseUrl = r.url(u"antom/base_url"_s, u"https://open-sea-global.alipay.com"_s);
    a.clientId = r.string(u"antom/client_id"_s);
    a.sandbox = r.boolean(u"antom/sandbox"_s, false);
    a.keyVersion = r.number<int>(u"antom/key_version"_s, 1, 1, 1000000);
    if (r.string(u"antom/private_key_file"_s).isEmpty()) {
        r.missing(u"antom/private_key_file"_s);
    } else if (const auto pem = r.readFile(u"antom/private_key_file"_s, true)) {
        Providers::Secret key(*pem);
        const auto loaded = Providers::Antom::RsaKey::loadPrivate(key);
        if (!loaded.ok())
            r.fail(QCoreApplication::translate(
                       "Config",
                       "%1: [antom] private_key_file: %2 is not a usable RSA private key (%3)")
                       .arg(QDir::toNativeSeparators(config.path),
                            QDir::toNativeSeparators(r.filePath(u"antom/private_key_file"_s)),
                            loaded.error));
        else
            a.merchantPrivateKey = std::move(key);
    }
    if (!r.string(u"antom/antom_public_key_file"_s).isEmpty()) {
        if (const auto pem = r.readFile(u"antom/antom_public_key_file"_s, false)) {
            const auto loaded = Providers::Antom::RsaKey::loadPublic(*pem);
            if (!loaded.ok())
                r.fail(
                    QCoreApplication::translate(
                        "Config",
                        "%1: [antom] antom_public_key_file: %2 is not a usable RSA public "
                        "key (%3)")
                        .arg(QDir::toNativeSeparators(config.path),
                             QDir::toNativeSeparators(r.filePath(u"antom/antom_public_key_file"_s)),
                             loaded.error));
            else
                a.antomPublicKey = *pem;
        }
    } else if (config.environment == u"production") {
        // Unverified answers could be forged: a forged "S" would mark a
        // payment cancelled that was not.
        r.fail(QCoreApplication::translate(
                   "Config",
                   "%1: [antom] antom_public_key_file is required in the production environment: "
                   "without Antom's public key, forged answers would be trusted.")
                   .arg(QDir::toNativeSeparators(config.path)));
    } else {
        r.warn(QCoreApplication::translate(
                   "Config",
                   "%1: [antom] antom_public_key_file is not set: Antom's answers are not "
                   "verified. This is allowed only outside production.")
                   .arg(QDir::toNativeSeparators(config.path)));
    }
    config.providers.antom = std::move(a);
}

void readLiquido(Reader &r, AppConfig &config)
{
    if (r.string(u"liquido/client_id"_s).isEmpty())
        return;
    Providers::LiquidoConfig l;
    l.baseUrl = r.url(u"liquido/base_url"_s, u"https://api-qa.liquido.com"_s);
    l.authUrl = r.url(u"liquido/auth_url"_s, u"https://auth-dev.liquido.com/oauth2/token"_s);
    l.clientId = r.string(u"liquido/client_id"_s);
    const QString secret = r.secret(u"liquido/client_secret"_s);
    const QString apiKey = r.secret(u"liquido/api_key"_s);
    if (secret.isEmpty())
        r.missing(u"liquido/client_secret"_s);
    if (apiKey.isEmpty())
        r.missing(u"liquido/api_key"_s);
    l.clientSecret = Providers::Secret(secret.toUtf8());
    l.apiKey = Providers::Secret(apiKey.toUtf8());
    config.providers.liquido = std::move(l);
}

// F20: a database password never comes from the file (whatever its mode) nor
// from the URL; libpq reads PGPASSWORD and ~/.pgpass, the console the keychain.
void readDatabase(Reader &r, AppConfig &config)
{
    for (const QString &key : {u"password"_s, u"password_file"_s}) {
        if (r.has(u"database/"_s + key)) {
            r.fail(QCoreApplication::translate(
                       "Config",
                       "%1: [database] %2 is not allowed: a database password is never read "
                       "from the settings file. Give it in the PGPASSWORD environment "
                       "variable, in ~/.pgpass (mode 0600) or in the OS keychain.")
                       .arg(QDir::toNativeSeparators(config.path), key));
            return;
        }
    }
    const QString url = r.string(u"database/url"_s);
    if (url.isEmpty())
        return;
    const Storage::DatabaseLocationParse parsed = Storage::DatabaseLocation::parse(url);
    if (!parsed.ok()) {
        r.fail(QCoreApplication::translate("Config", "%1: [database] url: %2")
                   .arg(QDir::toNativeSeparators(config.path), parsed.error));
        return;
    }
    config.databaseUrl = url;
}

QString unreadableText(const QString &path)
{
    return QCoreApplication::translate("Config", "The configuration file %1 cannot be read.")
        .arg(QDir::toNativeSeparators(path));
}

// The file decides where keys are sent: it is judged on the opened file, and
// QSettings parses a private copy of exactly the bytes judged, not whatever the
// path points at a moment later. False with *error set when it cannot be.
bool copyJudgedFile(const QString &path, const TrustedFileRead &file, QTemporaryFile &copy,
                    QString *error)
{
    if (file.status == TrustedFileRead::Status::CannotOpen) {
        *error = unreadableText(path);
        return false;
    }
    if (!file.ok()) {
        *error = file.error;
        return false;
    }
    if (!copy.open() || copy.write(file.data) != file.data.size() || !copy.flush()) {
        *error = unreadableText(path);
        return false;
    }
    copy.close();
    return true;
}

// Whether the file itself holds a secret (rather than naming a file or leaving
// it to the keychain).
bool holdsInlineSecret(const Reader &r)
{
    const QString keys[] = {u"uqpay/api_key"_s, u"liquido/client_secret"_s, u"liquido/api_key"_s};
    return std::any_of(std::cbegin(keys), std::cend(keys),
                       [&r](const QString &key) { return !r.string(key).isEmpty(); });
}

} // namespace

ConfigLoad loadConfig(const QString &path, const SecretLookup &secrets)
{
    ConfigLoad load;
    AppConfig &config = load.config;
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        return load; // defaults: the sandbox
    config.path = info.absoluteFilePath();
    const TrustedFileRead file = readTrustedFile(config.path, FileTrust::Unwritable);
    QTemporaryFile copy;
    if (!copyJudgedFile(config.path, file, copy, &load.error))
        return load;
    QSettings settings(copy.fileName(), QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        load.error = QCoreApplication::translate(
                         "Config", "The configuration file %1 is not a valid INI file.")
                         .arg(QDir::toNativeSeparators(config.path));
        return load;
    }
    Reader r(settings, config.path, secrets);
    // Checked before anything else is read, so that the refusal does not
    // depend on other mistakes in the file.
    if (file.readableByOthers && holdsInlineSecret(r)) {
        load.error = Platform::secretReadableError(config.path);
        return load;
    }

    readGeneral(r, config);
    readNetwork(r, config);
    readUqpay(r, config);
    readAntom(r, config);
    readLiquido(r, config);
    readDatabase(r, config);

    load.error = r.error();
    load.warnings = r.warnings();
    if (!load.ok()) { // never half a configuration
        load.config.providers = {};
        load.config.databaseUrl.clear();
    }
    return load;
}

QString defaultConfigPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + u"/canceldesk.ini"_s;
}

QString osUserName()
{
    if (const passwd *pw = ::getpwuid(::getuid()); pw) {
        // GECOS: "Full Name,Room,Work phone,Home phone,Other".
        const QString fullName =
            pw->pw_gecos ? QString::fromLocal8Bit(pw->pw_gecos).section(u',', 0, 0).trimmed()
                         : QString();
        if (!fullName.isEmpty())
            return fullName;
        if (pw->pw_name && *pw->pw_name)
            return QString::fromLocal8Bit(pw->pw_name);
    }
    return qEnvironmentVariable("USER");
}

QString databasePathIn(const QString &dataDir, const QString &environment)
{
    const QDir dir(dataDir);
    const QString path = dir.filePath(u"canceldesk-%1.sqlite"_s.arg(environment));
    const QString legacy = dir.filePath(u"canceldesk.sqlite"_s);
    if (QFileInfo::exists(path) || !QFileInfo::exists(legacy))
        return path;
    for (const char16_t *side : {u"-wal", u"-shm", u"-journal"}) {
        if (QFileInfo::exists(legacy + QStringView(side)))
            return legacy;
    }
    return QFile::rename(legacy, path) ? path : legacy;
}

QString defaultDatabasePath(const QString &environment)
{
    return databasePathIn(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation),
                          environment);
}

QString chooseDatabase(const AppConfig &config, const QString &commandLine, const QString &dataDir)
{
    if (!commandLine.isEmpty())
        return commandLine;
    if (!config.databaseUrl.isEmpty())
        return config.databaseUrl;
    // Only now: finding the environment's file may adopt an old single store.
    return dataDir.isEmpty() ? defaultDatabasePath(config.environment)
                             : databasePathIn(dataDir, config.environment);
}

QString applySandboxAnnouncement(AppConfig &config, const QString &announcementFile)
{
    // It carries the sandbox's credentials.
    const TrustedFileRead file = readTrustedFile(announcementFile, FileTrust::Secret);
    if (file.status == TrustedFileRead::Status::CannotOpen)
        return QCoreApplication::translate("Config",
                                           "The sandbox announcement file %1 cannot be read.")
            .arg(QDir::toNativeSeparators(announcementFile));
    if (!file.ok())
        return file.error;
    const Providers::SandboxAnnouncement announcement =
        Providers::parseSandboxAnnouncement(file.data.left(file.data.indexOf('\n')));
    if (!announcement.ok())
        return QCoreApplication::translate("Config", "%1: %2")
            .arg(QDir::toNativeSeparators(announcementFile), announcement.error);
    useSandbox(config, announcement);
    return {};
}

void useSandbox(AppConfig &config, const Providers::SandboxAnnouncement &announcement)
{
    const Providers::HttpClientOptions http = config.providers.http;
    config.providers = announcement.settings;
    config.providers.http = http;
}

} // namespace CancelDesk::Config
