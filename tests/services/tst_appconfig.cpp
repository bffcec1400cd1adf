// The configuration reader: every key of PRODUCT.md §10, defaults, refusals.
#include "config/appconfig.h"
#include "domain/cancelpolicy.h"
#include "providers/antom/antomsignature.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;

class TestAppConfig final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_privatePem; // a PKCS#8 key, 0600
    QString m_publicPem;

    QString write(const QString &name, const QByteArray &content,
                  QFileDevice::Permissions perms = QFileDevice::ReadOwner | QFileDevice::WriteOwner)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        file.close();
        QFile::setPermissions(path, perms);
        return path;
    }

    static constexpr QFileDevice::Permissions k0644 =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
        | QFileDevice::ReadOther;
    static constexpr QFileDevice::Permissions k0600 =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const auto key = Providers::Antom::RsaKey::generate();
        QVERIFY(key);
        m_privatePem = write(u"merchant.pem"_s, key->privatePem().reveal());
        m_publicPem = write(u"antom_public.pem"_s, key->publicPem(), k0644);
    }

    void missingFileGivesDefaults()
    {
        const auto load = Config::loadConfig(m_dir.filePath(u"nope.ini"_s));
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.config.environment, u"sandbox"_s);
        QVERIFY(!load.config.hasProviders());
        QCOMPARE(load.config.network.maxRetries, 3);
        QCOMPARE(load.config.network.timeout, std::chrono::milliseconds(15000));
        QCOMPARE(load.config.network.retryBase, std::chrono::milliseconds(500));
        QCOMPARE(load.config.network.confirmTimeout, std::chrono::seconds(60));
        QCOMPARE(load.config.network.pollInterval, std::chrono::milliseconds(1000));
        QCOMPARE(load.config.network.concurrency, 6);
        QCOMPARE(load.config.typedConfirmationAbove, qint64(1000));
        QVERIFY(load.config.databaseUrl.isEmpty());
        QVERIFY(load.config.path.isEmpty());
    }

    void defaultPaths()
    {
        QVERIFY(Config::defaultConfigPath().endsWith(u"/canceldesk.ini"_s));
        QVERIFY(Config::defaultDatabasePath(u"production"_s)
                    .endsWith(u"/canceldesk-production.sqlite"_s));
    }

    void oneStorePerEnvironment()
    {
        QTemporaryDir dir;
        const QString sandbox = Config::databasePathIn(dir.path(), u"sandbox"_s);
        const QString test = Config::databasePathIn(dir.path(), u"test"_s);
        const QString production = Config::databasePathIn(dir.path(), u"production"_s);
        QCOMPARE(QSet<QString>({sandbox, test, production}).size(), 3);
        QCOMPARE(QFileInfo(sandbox).fileName(), u"canceldesk-sandbox.sqlite"_s);
        QCOMPARE(QFileInfo(sandbox).absolutePath(), QFileInfo(dir.path()).absoluteFilePath());
    }

    void theOldSingleStoreIsAdoptedOnce()
    {
        QTemporaryDir dir;
        const QString legacy = QDir(dir.path()).filePath(u"canceldesk.sqlite"_s);
        {
            QFile f(legacy);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("orders");
        }
        // The environment that opens it first gets it; the others start empty.
        const QString sandbox = Config::databasePathIn(dir.path(), u"sandbox"_s);
        QVERIFY(sandbox.endsWith(u"canceldesk-sandbox.sqlite"_s));
        QVERIFY(!QFileInfo::exists(legacy));
        QFile adopted(sandbox);
        QVERIFY(adopted.open(QIODevice::ReadOnly));
        QCOMPARE(adopted.readAll(), QByteArray("orders"));
        QVERIFY(!QFileInfo::exists(Config::databasePathIn(dir.path(), u"production"_s)));

        // A legacy store that may be open elsewhere (SQLite side files) is not moved.
        QTemporaryDir busy;
        const QString busyLegacy = QDir(busy.path()).filePath(u"canceldesk.sqlite"_s);
        for (const QString &name : QStringList{busyLegacy, busyLegacy + u"-wal"_s}) {
            QFile f(name);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QCOMPARE(Config::databasePathIn(busy.path(), u"test"_s), busyLegacy);
        QVERIFY(QFileInfo::exists(busyLegacy));
    }

    void everyKeyRead()
    {
        const QString keyFile = write(u"uqpay.key"_s, "uq-secret-from-file\n");
        const QByteArray ini = "[general]\nenvironment=test\noperator=Li Lei\n"
                               "cancel_rules=rules.json\nsandbox_announcement=ann.json\n"
                               "typed_confirmation_above=250\n"
                               "[network]\ntimeout_ms=2000\nmax_retries=5\nretry_base_ms=20\n"
                               "confirm_timeout_s=7\npoll_interval_ms=50\nconcurrency=2\n"
                               "[uqpay]\nbase_url=https://uq.example.com\nclient_id=uq-client\n"
                               "api_key_file="
                               + keyFile.toUtf8()
                               + "\non_behalf_of=sub-1\ntimezone=+07:00\n"
                                 "[antom]\nbase_url=https://antom.example.com\n"
                                 "client_id=ANTOM1\nsandbox=true\nkey_version=3\n"
                                 "private_key_file="
                               + m_privatePem.toUtf8()
                               + "\nantom_public_key_file=" + m_publicPem.toUtf8()
                               + "\n[liquido]\nbase_url=http://127.0.0.1:9/\n"
                                 "auth_url=http://localhost:9/oauth2/token\nclient_id=lq\n"
                                 "client_secret=lq-secret\napi_key=lq-api\n";
        const QString path = write(u"full.ini"_s, ini);
        const auto load = Config::loadConfig(path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        const Config::AppConfig &c = load.config;
        QCOMPARE(c.path, path);
        QCOMPARE(c.environment, u"test"_s);
        QCOMPARE(c.operatorName, u"Li Lei"_s);
        QCOMPARE(c.cancelRulesOverrideFile, m_dir.filePath(u"rules.json"_s));
        QCOMPARE(c.sandboxAnnouncementFile, m_dir.filePath(u"ann.json"_s));
        QCOMPARE(c.typedConfirmationAbove, qint64(250));
        QCOMPARE(c.network.timeout, std::chrono::milliseconds(2000));
        QCOMPARE(c.providers.http.timeout, std::chrono::milliseconds(2000));
        QCOMPARE(c.network.maxRetries, 5);
        QCOMPARE(c.network.retryBase, std::chrono::milliseconds(20));
        QCOMPARE(c.network.confirmTimeout, std::chrono::seconds(7));
        QCOMPARE(c.network.pollInterval, std::chrono::milliseconds(50));
        QCOMPARE(c.network.concurrency, 2);
        QVERIFY(c.providers.uqpay);
        QCOMPARE(c.providers.uqpay->baseUrl, QUrl(u"https://uq.example.com"_s));
        QCOMPARE(c.providers.uqpay->clientId, u"uq-client"_s);
        QCOMPARE(c.providers.uqpay->apiKey.reveal(), "uq-secret-from-file");
        QCOMPARE(c.providers.uqpay->onBehalfOf, u"sub-1"_s);
        QVERIFY(c.uqpayTimeZone);
        QCOMPARE(c.uqpayTimeZone->offsetFromUtc(QDateTime::currentDateTimeUtc()), 7 * 3600);
        QVERIFY(c.providers.antom);
        QCOMPARE(c.providers.antom->baseUrl, QUrl(u"https://antom.example.com"_s));
        QCOMPARE(c.providers.antom->clientId, u"ANTOM1"_s);
        QVERIFY(c.providers.antom->sandbox);
        QCOMPARE(c.providers.antom->keyVersion, 3);
        QVERIFY(!c.providers.antom->merchantPrivateKey.isEmpty());
        QVERIFY(!c.providers.antom->antomPublicKey.isEmpty());
        QVERIFY(c.providers.liquido);
        QCOMPARE(c.providers.liquido->baseUrl, QUrl(u"http://127.0.0.1:9/"_s));
        QCOMPARE(c.providers.liquido->authUrl, QUrl(u"http://localhost:9/oauth2/token"_s));
        QCOMPARE(c.providers.liquido->clientId, u"lq"_s);
        QCOMPARE(c.providers.liquido->clientSecret.reveal(), "lq-secret");
        QCOMPARE(c.providers.liquido->apiKey.reveal(), "lq-api");
    }

    void inlineApiKeyAndDefaultUrls()
    {
        const QString path =
            write(u"inline.ini"_s, "[uqpay]\nclient_id=c\napi_key=k\n"
                                   "[liquido]\nclient_id=l\nclient_secret=s\napi_key=a\n");
        const auto load = Config::loadConfig(path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.config.providers.uqpay->apiKey.reveal(), "k");
        QCOMPARE(load.config.providers.uqpay->baseUrl,
                 QUrl(u"https://api-sandbox.uqpaytech.com"_s));
        QCOMPARE(load.config.providers.liquido->baseUrl, QUrl(u"https://api-qa.liquido.com"_s));
        QCOMPARE(load.config.providers.liquido->authUrl,
                 QUrl(u"https://auth-dev.liquido.com/oauth2/token"_s));
        QVERIFY(!load.config.providers.antom);
    }

    void badValuesRefused_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("named"); // the key the message must name

        QTest::addRow("environment")
            << QByteArray("[general]\nenvironment=staging\n") << u"environment"_s;
        QTest::addRow("typed_confirmation_above negative")
            << QByteArray("[general]\ntyped_confirmation_above=-1\n")
            << u"typed_confirmation_above"_s;
        QTest::addRow("typed_confirmation_above text")
            << QByteArray("[general]\ntyped_confirmation_above=lots\n")
            << u"typed_confirmation_above"_s;
        QTest::addRow("timeout_ms text")
            << QByteArray("[network]\ntimeout_ms=soon\n") << u"timeout_ms"_s;
        QTest::addRow("timeout_ms zero")
            << QByteArray("[network]\ntimeout_ms=0\n") << u"timeout_ms"_s;
        QTest::addRow("max_retries negative")
            << QByteArray("[network]\nmax_retries=-1\n") << u"max_retries"_s;
        QTest::addRow("max_retries huge")
            << QByteArray("[network]\nmax_retries=1000\n") << u"max_retries"_s;
        QTest::addRow("retry_base_ms")
            << QByteArray("[network]\nretry_base_ms=1.5\n") << u"retry_base_ms"_s;
        QTest::addRow("confirm_timeout_s")
            << QByteArray("[network]\nconfirm_timeout_s=0\n") << u"confirm_timeout_s"_s;
        QTest::addRow("poll_interval_ms")
            << QByteArray("[network]\npoll_interval_ms=x\n") << u"poll_interval_ms"_s;
        QTest::addRow("concurrency")
            << QByteArray("[network]\nconcurrency=0\n") << u"concurrency"_s;
        QTest::addRow("timezone") << QByteArray("[uqpay]\ntimezone=Mars/Olympus\n")
                                  << u"timezone"_s;
        QTest::addRow("uqpay http") << QByteArray("[uqpay]\nclient_id=c\napi_key_file=k\n"
                                                  "base_url=http://api.example.com\n")
                                    << u"base_url"_s;
        QTest::addRow("uqpay no key") << QByteArray("[uqpay]\nclient_id=c\n") << u"api_key"_s;
        QTest::addRow("uqpay key file missing")
            << QByteArray("[uqpay]\nclient_id=c\napi_key_file=/nonexistent/key\n")
            << u"api_key_file"_s;
        // A key file that exists but cannot be read (a folder: unreadable even
        // for root, where permission bits would not stop the read).
        QTest::addRow("uqpay key file unreadable")
            << QByteArray("[uqpay]\nclient_id=c\napi_key_file=/\n") << u"api_key_file"_s;
        QTest::addRow("antom key file unreadable")
            << QByteArray("[antom]\nclient_id=a\nprivate_key_file=/\n") << u"private_key_file"_s;
        QTest::addRow("antom sandbox")
            << QByteArray("[antom]\nclient_id=a\nsandbox=maybe\n") << u"sandbox"_s;
        QTest::addRow("antom key_version")
            << QByteArray("[antom]\nclient_id=a\nkey_version=x\n") << u"key_version"_s;
        QTest::addRow("antom no key")
            << QByteArray("[antom]\nclient_id=a\n") << u"private_key_file"_s;
        QTest::addRow("antom url")
            << QByteArray("[antom]\nclient_id=a\nbase_url=ftp://x\n") << u"base_url"_s;
        QTest::addRow("liquido auth_url http")
            << QByteArray("[liquido]\nclient_id=l\nauth_url=http://auth.example.com/t\n")
            << u"auth_url"_s;
    }

    void badValuesRefused()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, named);
        // A file of its own per row: QSettings caches files by name, size and time.
        const QString path = write(
            u"bad-%1.ini"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_'),
            ini);
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(named), qPrintable(load.error));
        QVERIFY2(load.error.contains(path), qPrintable(load.error));
        QVERIFY(!load.config.hasProviders());
    }

    void secretFilePermissions_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<bool>("configOpen");
        QTest::addRow("uqpay api_key 0644")
            << QByteArray("[uqpay]\nclient_id=c\napi_key=TOPSECRET\n") << true;
        QTest::addRow("liquido client_secret 0644")
            << QByteArray("[liquido]\nclient_id=c\nclient_secret=TOPSECRET\napi_key=x\n") << true;
        QTest::addRow("uqpay api_key_file 0644") << QByteArray() << false;
        QTest::addRow("antom private_key_file 0644") << QByteArray() << false;
    }

    void secretFilePermissions()
    {
        QFETCH(QByteArray, ini);
        QFETCH(bool, configOpen);
        QString secretPath;
        if (!configOpen) {
            const bool antom = QByteArray(QTest::currentDataTag()).startsWith("antom");
            secretPath = antom ? m_dir.filePath(u"open.pem"_s) : m_dir.filePath(u"open.key"_s);
            QVERIFY(QFile::copy(antom ? m_privatePem : write(u"tmp.key"_s, "TOPSECRET"), secretPath)
                    || QFile::exists(secretPath));
            QFile::setPermissions(secretPath, k0644);
            ini = antom ? QByteArray("[antom]\nclient_id=a\nprivate_key_file=")
                        : QByteArray("[uqpay]\nclient_id=c\napi_key_file=");
            ini += secretPath.toUtf8() + '\n';
        }
        const QString path = write(
            u"perm-%1.ini"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_'),
            ini, configOpen ? k0644 : QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        const QString offending = configOpen ? path : secretPath;
        QVERIFY2(load.error.contains(u"chmod 600 "_s + offending), qPrintable(load.error));
        QVERIFY(!load.error.contains(u"TOPSECRET"_s));
        QVERIFY(!load.config.hasProviders());

        // The same, private to the user, is accepted.
        QFile::setPermissions(offending, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const auto again = Config::loadConfig(path);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QVERIFY(again.config.hasProviders());
    }

    // A file that decides where keys are sent (the configuration, Antom's
    // public key) may not be changed by group or others, even without a secret.
    void writableFilesRefused_data()
    {
        QTest::addColumn<QString>("which"); // config | public_key
        QTest::addColumn<int>("perms");
        QTest::addRow("config 0664") << u"config"_s << int(k0644 | QFileDevice::WriteGroup);
        QTest::addRow("config 0646") << u"config"_s << int(k0644 | QFileDevice::WriteOther);
        QTest::addRow("antom public key 0664")
            << u"public_key"_s << int(k0644 | QFileDevice::WriteGroup);
        QTest::addRow("antom public key 0606")
            << u"public_key"_s << int(k0600 | QFileDevice::ReadOther | QFileDevice::WriteOther);
    }

    void writableFilesRefused()
    {
        QFETCH(QString, which);
        QFETCH(int, perms);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
        const bool config = which == u"config";
        const QString publicKey = m_dir.filePath(u"pub-%1.pem"_s.arg(tag));
        QVERIFY(QFile::copy(m_publicPem, publicKey));
        QVERIFY(QFile::setPermissions(publicKey, config ? k0644 : QFileDevice::Permissions(perms)));
        const QString path = write(u"writable-%1.ini"_s.arg(tag),
                                   "[general]\nenvironment=production\n[antom]\nclient_id=a\n"
                                   "private_key_file="
                                       + m_privatePem.toUtf8()
                                       + "\nantom_public_key_file=" + publicKey.toUtf8() + "\n",
                                   config ? QFileDevice::Permissions(perms) : k0644);
        const QString offending = config ? path : publicKey;
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(u"chmod go-w "_s + offending), qPrintable(load.error));
        QVERIFY(!load.config.hasProviders());

        QVERIFY(QFile::setPermissions(offending, k0644));
        const auto again = Config::loadConfig(path);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QVERIFY(again.config.providers.antom);
    }

    // Secret files keep the stricter rule: not even readable by others.
    void writableSecretFilesRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addRow("api_key_file 0620") << u"uqpay/api_key_file"_s;
        QTest::addRow("private_key_file 0620") << u"antom/private_key_file"_s;
    }

    void writableSecretFilesRefused()
    {
        QFETCH(QString, key);
        const bool antom = key.startsWith(u"antom");
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_');
        const QString secret = m_dir.filePath(u"secret-%1"_s.arg(tag));
        if (antom)
            QVERIFY(QFile::copy(m_privatePem, secret));
        else
            write(u"secret-%1"_s.arg(tag), "TOPSECRET");
        QVERIFY(QFile::setPermissions(secret, k0600 | QFileDevice::WriteGroup));
        const QByteArray ini = (antom ? QByteArray("[antom]\nclient_id=a\nprivate_key_file=")
                                      : QByteArray("[uqpay]\nclient_id=c\napi_key_file="))
                               + secret.toUtf8();
        const QString path = write(u"secret-%1.ini"_s.arg(tag), ini + "\n");
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(u"chmod 600 "_s + secret), qPrintable(load.error));
    }

    // A file of another user is not trusted, whatever its mode: that user
    // could change it.
    void fileOfAnotherUserRefused()
    {
        QString path;
        if (::geteuid() == 0) {
            path = write(u"foreign.ini"_s, "[general]\nenvironment=sandbox\n", k0644);
            QVERIFY(::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0);
        } else {
            path = u"/etc/passwd"_s; // root's, 0644
        }
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(path), qPrintable(load.error));
        QVERIFY2(load.error.contains(u"another user"_s), qPrintable(load.error));
    }

    // The cancel rules override decides which cancels are allowed.
    void writableRulesOverrideRefused()
    {
        const QString rules =
            write(u"rules-override.json"_s,
                  R"({"version": 1, "providers": {"uqpay": {"timezone": "+07:00"}}})",
                  k0644 | QFileDevice::WriteGroup);
        const Domain::PolicyLoadResult refused = Domain::CancelPolicy::load(rules);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(u"chmod go-w "_s + rules), qPrintable(refused.error));

        QVERIFY(QFile::setPermissions(rules, k0644));
        const Domain::PolicyLoadResult loaded = Domain::CancelPolicy::load(rules);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    }

    // Without Antom's public key its answers cannot be verified: refused in
    // production, a warning (shown in the console's banner) elsewhere.
    void antomWithoutPublicKey_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("production") << u"production"_s << false;
        QTest::addRow("test") << u"test"_s << true;
        QTest::addRow("sandbox") << u"sandbox"_s << true;
    }

    void antomWithoutPublicKey()
    {
        QFETCH(QString, environment);
        QFETCH(bool, accepted);
        const QString path =
            write(u"nopub-%1.ini"_s.arg(environment),
                  "[general]\nenvironment=" + environment.toUtf8()
                      + "\n[antom]\nclient_id=a\nprivate_key_file=" + m_privatePem.toUtf8() + "\n");
        const auto load = Config::loadConfig(path);
        QCOMPARE(load.ok(), accepted);
        if (accepted) {
            QVERIFY(load.config.providers.antom);
            QCOMPARE(load.warnings.size(), 1);
            QVERIFY2(load.warnings.first().contains(u"antom_public_key_file"_s),
                     qPrintable(load.warnings.first()));
        } else {
            QVERIFY2(load.error.contains(u"antom_public_key_file"_s), qPrintable(load.error));
            QVERIFY2(load.error.contains(path), qPrintable(load.error));
            QVERIFY(!load.config.hasProviders());
        }

        // With the key: no warning anywhere.
        const QString withKey =
            write(u"withpub-%1.ini"_s.arg(environment),
                  "[general]\nenvironment=" + environment.toUtf8()
                      + "\n[antom]\nclient_id=a\nprivate_key_file=" + m_privatePem.toUtf8()
                      + "\nantom_public_key_file=" + m_publicPem.toUtf8() + "\n");
        const auto good = Config::loadConfig(withKey);
        QVERIFY2(good.ok(), qPrintable(good.error));
        QVERIFY(good.warnings.isEmpty());
    }

    void secretsFromTheKeychainLookup()
    {
        // The GUI keeps secrets in the keychain: the file names no secret, so it
        // may be readable by others, and the lookup supplies what is missing.
        const QString path =
            write(u"keychain.ini"_s, "[uqpay]\nclient_id=c\n[liquido]\nclient_id=l\n", k0644);
        QStringList asked;
        const auto lookup = [&asked](const QString &key) {
            asked << key;
            return key == u"liquido/api_key"_s ? QByteArray() : QByteArray("kc-") + key.toUtf8();
        };
        auto load = Config::loadConfig(path, lookup);
        // Liquido's API key is in neither place: named as missing, nothing revealed.
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(u"api_key"_s), qPrintable(load.error));
        QVERIFY(!load.error.contains(u"kc-"_s));
        QCOMPARE(asked, (QStringList{u"uqpay/api_key"_s, u"liquido/client_secret"_s,
                                     u"liquido/api_key"_s}));

        const QString full = write(u"keychain2.ini"_s, "[uqpay]\nclient_id=c\n", k0644);
        load = Config::loadConfig(full, lookup);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.config.providers.uqpay->apiKey.reveal(), "kc-uqpay/api_key");
        // A secret written in the file wins over the lookup.
        const QString inlineFile =
            write(u"keychain3.ini"_s, "[uqpay]\nclient_id=c\napi_key=file\n");
        load = Config::loadConfig(inlineFile, lookup);
        QCOMPARE(load.config.providers.uqpay->apiKey.reveal(), "file");
    }

    void openFileWithoutSecretAccepted()
    {
        const QString path = write(u"open.ini"_s, "[general]\nenvironment=production\n", k0644);
        const auto load = Config::loadConfig(path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.config.environment, u"production"_s);
    }

    void pemThatIsNotAKey()
    {
        const QString notKey = write(u"cert.pem"_s, "-----BEGIN CERTIFICATE-----\nTUlJQmlq\n"
                                                    "-----END CERTIFICATE-----\n");
        const QString path = write(
            u"antom.ini"_s, "[antom]\nclient_id=a\nprivate_key_file=" + notKey.toUtf8() + "\n");
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(u"private_key_file"_s), qPrintable(load.error));
        QVERIFY(!load.config.providers.antom);

        // A public key where the private one belongs is refused too.
        const QString wrong = write(u"antom2.ini"_s, "[antom]\nclient_id=a\nprivate_key_file="
                                                         + m_publicPem.toUtf8() + "\n");
        QVERIFY(!Config::loadConfig(wrong).ok());
    }

    void relativeKeyFileFromConfigFolder()
    {
        const QString path =
            write(u"rel.ini"_s, "[antom]\nclient_id=a\nprivate_key_file=merchant.pem\n");
        const auto load = Config::loadConfig(path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QVERIFY(load.config.providers.antom);
    }

    void databaseUrlRead_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("url");
        QTest::addRow("postgresql") << QByteArray("postgresql://alice@db.example.com:6543/cd")
                                    << u"postgresql://alice@db.example.com:6543/cd"_s;
        QTest::addRow("encoded, parameters")
            << QByteArray("postgresql://o%27brien@db.example.com/my%20orders?sslmode=verify-full"
                          "&application_name=CancelDesk%20desk")
            << u"postgresql://o%27brien@db.example.com/my%20orders?sslmode=verify-full"
               "&application_name=CancelDesk%20desk"_s;
        QTest::addRow("socket") << QByteArray("postgres://postgres@/cd?host=/tmp/pg/sock&port=5433")
                                << u"postgres://postgres@/cd?host=/tmp/pg/sock&port=5433"_s;
        QTest::addRow("sqlite file")
            << QByteArray("/srv/canceldesk/shared.sqlite") << u"/srv/canceldesk/shared.sqlite"_s;
        QTest::addRow("empty") << QByteArray() << QString();
    }

    void databaseUrlRead()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, url);
        const QString path = write(
            u"db-%1.ini"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_'),
            "[general]\nenvironment=production\n[database]\nurl=" + value + "\n", k0644);
        const auto load = Config::loadConfig(path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(load.config.databaseUrl, url);
    }

    void databaseRefusals_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("named");  // the key the message must name
        QTest::addColumn<QString>("says");   // and what it must say
        QTest::addColumn<QString>("secret"); // never in the message

        QTest::addRow("password in the url")
            << QByteArray("[database]\nurl=postgresql://alice:Hunter2Secret@db.example.com/cd\n")
            << u"url"_s << u"PGPASSWORD"_s << u"Hunter2Secret"_s;
        QTest::addRow("password parameter")
            << QByteArray("[database]\nurl=postgresql://db.example.com/cd?password=Hunter2Secret\n")
            << u"url"_s << u"PGPASSWORD"_s << u"Hunter2Secret"_s;
        QTest::addRow("unknown parameter")
            << QByteArray("[database]\nurl=postgresql://db.example.com/cd?sslcompression=1\n")
            << u"url"_s << u"sslcompression"_s << u"db.example.com"_s;
        QTest::addRow("no database") << QByteArray("[database]\nurl=postgresql://db.example.com\n")
                                     << u"url"_s << u"dbname"_s << u"postgresql://db.example.com"_s;
        QTest::addRow("password key")
            << QByteArray("[database]\nurl=postgresql://alice@db.example.com/cd\n"
                          "password=Hunter2Secret\n")
            << u"password"_s << u"PGPASSWORD"_s << u"Hunter2Secret"_s;
        QTest::addRow("password_file key")
            << QByteArray("[database]\nurl=postgresql://alice@db.example.com/cd\n"
                          "password_file=/home/a/Hunter2Secret.txt\n")
            << u"password_file"_s << u"~/.pgpass"_s << u"Hunter2Secret"_s;
        QTest::addRow("empty password key")
            << QByteArray("[database]\npassword=\n") << u"password"_s << u"PGPASSWORD"_s
            << u"Hunter2Secret"_s;
    }

    void databaseRefusals()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, named);
        QFETCH(QString, says);
        QFETCH(QString, secret);
        // Private (0600) or not, a database password is never read from the file.
        const QString path = write(
            u"dbbad-%1.ini"_s.arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'_'),
            ini);
        const auto load = Config::loadConfig(path);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(path), qPrintable(load.error));
        QVERIFY2(load.error.contains(u"[database] "_s + named), qPrintable(load.error));
        QVERIFY2(load.error.contains(says), qPrintable(load.error));
        QVERIFY2(!load.error.contains(secret), qPrintable(load.error));
        QVERIFY(load.config.databaseUrl.isEmpty());
    }

    void databasePrecedence()
    {
        QTemporaryDir data;
        Config::AppConfig config;
        config.environment = u"test"_s;
        // Nothing given: the environment's own SQLite file.
        QCOMPARE(Config::chooseDatabase(config, {}, data.path()),
                 Config::databasePathIn(data.path(), u"test"_s));
        QVERIFY(Config::chooseDatabase(config).endsWith(u"/canceldesk-test.sqlite"_s));
        // [database] url over the per-environment file.
        config.databaseUrl = u"postgresql://team@db.example.com/cd"_s;
        QCOMPARE(Config::chooseDatabase(config, {}, data.path()), config.databaseUrl);
        // --db over both.
        QCOMPARE(Config::chooseDatabase(config, u"/tmp/mine.sqlite"_s, data.path()),
                 u"/tmp/mine.sqlite"_s);
        QCOMPARE(Config::chooseDatabase(config, u"postgres:///other"_s, data.path()),
                 u"postgres:///other"_s);
        // Read from a file, the same order.
        const QString path =
            write(u"precedence.ini"_s, "[general]\nenvironment=production\n[database]\n"
                                       "url=postgresql://team@db.example.com/cd\n");
        const auto load = Config::loadConfig(path);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QCOMPARE(Config::chooseDatabase(load.config, {}, data.path()),
                 u"postgresql://team@db.example.com/cd"_s);
        QCOMPARE(Config::chooseDatabase(load.config, u"x.sqlite"_s, data.path()), u"x.sqlite"_s);
    }

    void sandboxAnnouncement()
    {
        Config::AppConfig config;
        QString error = Config::applySandboxAnnouncement(config, m_dir.filePath(u"none"_s));
        QVERIFY(!error.isEmpty());
        const QByteArray line =
            "{\"port\":1,\"uqpay\":{\"base_url\":\"http://127.0.0.1:1\","
            "\"client_id\":\"u\",\"api_key\":\"SBXKEY\"},"
            "\"antom\":{\"base_url\":\"http://127.0.0.1:1\",\"client_id\":"
            "\"SANDBOX_1\",\"key_version\":1,\"merchant_private_key_file\":\""
            + m_privatePem.toUtf8() + "\",\"antom_public_key_file\":\"" + m_publicPem.toUtf8()
            + "\"},\"liquido\":{\"base_url\":\"http://127.0.0.1:1\","
              "\"auth_url\":\"http://127.0.0.1:1/oauth2/token\","
              "\"client_id\":\"l\",\"client_secret\":\"s\",\"api_key\":\"a\"}}\n";
        const QString open = write(u"ann-open.json"_s, line, k0644);
        error = Config::applySandboxAnnouncement(config, open);
        QVERIFY2(error.contains(u"chmod 600"_s), qPrintable(error));
        const QString ann = write(u"ann.json"_s, line);
        error = Config::applySandboxAnnouncement(config, ann);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(config.providers.uqpay && config.providers.antom && config.providers.liquido);
    }
};

QTEST_GUILESS_MAIN(TestAppConfig)
#include "tst_appconfig.moc"
