// Core::AppCore (issue 13): the one composition of rules, database, stores,
// providers and services that the console and the CLI share. It opens on an
// empty folder, builds every part, and on a failure gives a translated error
// and keeps nothing half-built.

#include "core/appcore.h"
#include "i18n/language.h"
#include "providers/providerregistry.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;

namespace {

// Settings for two providers at a loopback port nobody is asked on: building
// the backends must not touch the network.
Providers::ProviderSettings twoProviders()
{
    Providers::ProviderSettings settings;
    Providers::UqpayConfig uqpay;
    uqpay.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
    uqpay.clientId = u"client"_s;
    settings.uqpay = uqpay;
    Providers::AntomConfig antom;
    antom.baseUrl = QUrl(u"http://127.0.0.1:9"_s);
    antom.clientId = u"SANDBOX_client"_s;
    settings.antom = antom;
    return settings;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestAppCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensOnAnEmptyFolderAndBuildsEveryPart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDateTime start = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        Core::AppCoreOptions options;
        options.config.environment = u"test"_s;
        options.config.providers = twoProviders();
        options.config.uqpayTimeZone = QTimeZone("Asia/Singapore");
        options.databasePath = dir.filePath(u"store.sqlite"_s);
        options.clock = [start] { return start; };
        Core::AppCore core(options);
        QVERIFY(!core.isOpen());

        QString error;
        QVERIFY2(core.open(&error), qPrintable(error));
        QVERIFY(error.isEmpty());
        QVERIFY(core.isOpen());
        QVERIFY(core.hasProviders());
        QVERIFY(QFileInfo::exists(options.databasePath));
        QCOMPARE(core.database().schemaVersion(), Storage::Database::latestSchemaVersion());
        QVERIFY(core.providerConfigured(Provider::Uqpay));
        QVERIFY(core.providerConfigured(Provider::Antom));
        QVERIFY(!core.providerConfigured(Provider::Liquido));
        QCOMPARE(core.providers().configured().size(), 2);
        // The rules carry the configured merchant zone of UQPAY.
        QCOMPARE(core.policy().providerTimeZone(Provider::Uqpay), QTimeZone("Asia/Singapore"));
        QCOMPARE(core.cancels().policy().providerTimeZone(Provider::Uqpay),
                 QTimeZone("Asia/Singapore"));
        // One clock for every service, and for Antom's request time.
        QCOMPARE(core.now(), start);
        QCOMPARE(core.cancels().now(), start);
        QVERIFY(core.config().providers.antom->clockMs);
        QCOMPARE(core.config().providers.antom->clockMs(), start.toMSecsSinceEpoch());

        // The store and the journal work on the new file.
        QString readError;
        QVERIFY(core.orders().query({}, &readError).isEmpty());
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        QVERIFY(core.journal().verify().ok);
        QVERIFY(!core.hasUnfinishedAttempts(&readError));
        QVERIFY(readError.isEmpty());
        Services::RecoveryJob *job = core.recover();
        QVERIFY(job);
        QSignalSpy finished(job, &Services::RecoveryJob::finished);
        QVERIFY(finished.wait(5000));
        QVERIFY(finished.first().first().value<QList<Services::CancelReport>>().isEmpty());
    }

    // The CLI's way: the store first, the providers only when a command needs them.
    void attachesProvidersAfterTheStore()
    {
        QTemporaryDir dir;
        Core::AppCoreOptions options;
        options.config.environment = u"sandbox"_s;
        options.databasePath = dir.filePath(u"store.sqlite"_s);
        Core::AppCore core(options);
        QString error;
        QVERIFY2(core.openStorage(&error), qPrintable(error));
        QVERIFY(core.isOpen());
        QVERIFY(!core.hasProviders());
        QVERIFY(!core.providerConfigured(Provider::Uqpay));
        QVERIFY(!core.recover());
        // Without a test clock: the system's (corrected by the providers later).
        QVERIFY(qAbs(core.now().secsTo(QDateTime::currentDateTimeUtc())) < 3600);

        core.attachProviders(twoProviders());
        QVERIFY(core.hasProviders());
        QVERIFY(core.providerConfigured(Provider::Uqpay));
        QVERIFY(core.config().hasProviders());
        // No test clock: Antom stamps its requests with the system clock.
        QVERIFY(!core.config().providers.antom->clockMs);
        QVERIFY(core.recover());
    }

    void operatorNameFallsBack()
    {
        QTemporaryDir dir;
        Core::AppCoreOptions options;
        options.config.operatorName = u"Configured"_s;
        options.databasePath = dir.filePath(u"store.sqlite"_s);
        options.operatorName = u"  Given  "_s;
        Core::AppCore core(options);
        QCOMPARE(core.operatorName(), u"Given"_s);
        core.setOperatorName(u" Chosen "_s);
        QCOMPARE(core.operatorName(), u"Chosen"_s);
        QCOMPARE(core.config().operatorName, u"Chosen"_s);
        core.setOperatorName({});
        QCOMPARE(core.operatorName(), Config::osUserName());
    }

    void failsOnUnreadableRules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("missing file") << u"missing.json"_s;
        QTest::addRow("a folder") << u"rules.d"_s;
    }

    void failsOnUnreadableRules()
    {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(u"rules.d"_s));
        Core::AppCoreOptions options;
        options.config.cancelRulesOverrideFile = dir.filePath(name);
        options.config.providers = twoProviders();
        options.databasePath = dir.filePath(u"store.sqlite"_s);
        Core::AppCore core(options);
        QString error;
        QVERIFY(!core.open(&error));
        QVERIFY(error.contains(name));
        // Nothing half-built: no store, no providers, not even the database file.
        QVERIFY(!core.isOpen());
        QVERIFY(!core.hasProviders());
        QVERIFY(!core.recover());
        QVERIFY(!QFileInfo::exists(options.databasePath));
    }

    void failsOnADatabaseThatCannotBeOpened_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addRow("under a file") << u"file/store.sqlite"_s;
        QTest::addRow("a folder") << u"folder"_s;
        QTest::addRow("not a database") << u"garbage.sqlite"_s;
    }

    void failsOnADatabaseThatCannotBeOpened()
    {
        QFETCH(QString, relativePath);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(u"folder"_s));
        QVERIFY(writeFile(dir.filePath(u"file"_s), "not a folder"));
        QVERIFY(writeFile(dir.filePath(u"garbage.sqlite"_s), QByteArray(8192, 'x')));
        Core::AppCoreOptions options;
        options.config.providers = twoProviders();
        options.databasePath = dir.filePath(relativePath);
        Core::AppCore core(options);
        QString error;
        QVERIFY(!core.open(&error));
        // Names the file, or the folder that cannot hold it.
        QVERIFY2(error.contains(QDir::toNativeSeparators(QFileInfo(options.databasePath).path())),
                 qPrintable(error));
        QVERIFY(!core.isOpen());
        QVERIFY(!core.hasProviders());
        QVERIFY(!core.recover());
    }

    void errorsAreTranslated()
    {
        I18n::Translations translations;
        QVERIFY(translations.apply(u"zh_CN"_s));
        QTemporaryDir dir;
        {
            Core::AppCoreOptions options;
            options.config.cancelRulesOverrideFile = dir.filePath(u"missing.json"_s);
            options.databasePath = dir.filePath(u"store.sqlite"_s);
            Core::AppCore core(options);
            QString error;
            QVERIFY(!core.open(&error));
            QVERIFY2(error.startsWith(u"无法读取取消规则覆盖文件"_s), qPrintable(error));
        }
        {
            Core::AppCoreOptions options;
            QVERIFY(writeFile(dir.filePath(u"file"_s), "not a folder"));
            options.databasePath = dir.filePath(u"file/store.sqlite"_s);
            Core::AppCore core(options);
            QString error;
            QVERIFY(!core.open(&error));
            QVERIFY2(error.startsWith(u"无法创建文件夹"_s), qPrintable(error));
        }
        QVERIFY(translations.apply(u"en"_s));
    }
};

QTEST_GUILESS_MAIN(TestAppCore)
#include "tst_appcore.moc"
