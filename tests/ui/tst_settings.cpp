#include "config/appconfig.h"
#include "i18n/language.h"
#include "sandboxserver.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "testsupport.h"
#include "uitestsession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <optional>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

// A store that answers on a later turn of the event loop, as the keychain
// does over D-Bus.
class LaterSecretStore final : public Ui::SecretStore
{
public:
    QHash<QString, QByteArray> values;
    int asked = 0;

    void readSecrets(const QStringList &keys, const QObject *context, ReadDone done) override
    {
        Ui::SecretValues found;
        for (const QString &key : keys) {
            if (values.contains(key))
                found.values.insert(key, values.value(key));
        }
        later(context, [done, found] { done(found); });
    }
    void applyChanges(const QList<Ui::SecretChange> &changes, const QObject *context,
                      ApplyDone done) override
    {
        later(context, [this, changes, done] {
            for (const Ui::SecretChange &change : changes) {
                if (change.value)
                    values.insert(change.key, *change.value);
                else
                    values.remove(change.key);
            }
            done(QString());
        });
    }
    void probe(const QObject *context, ProbeDone done) override
    {
        later(context, [done] { done(true); });
    }
    QString description() const override { return u"the test keychain"_s; }

private:
    void later(const QObject *context, std::function<void()> answer)
    {
        ++asked;
        QTimer::singleShot(20, this, [guard = QPointer<const QObject>(context), answer] {
            if (guard)
                answer();
        });
    }
};

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fileStoreIsPrivate();
    void fileStoreRefusesFileOthersCanRead();
    void withoutDbusFallsBackToFile();
    void dialogWaitsForASlowStoreWithoutBlocking();
    void dialogSavesKeysAndSecrets();
    void clearingARequiredSecretIsRefused();
    void productionNeedsConfirmation();
    void invalidUrlIsRefusedAndFileUnchanged();
    void invalidCancelRulesAreRefused();
    void teamDatabaseUrlIsSavedWithoutAPassword();
    void replacedInlineSecretLeavesTheFile();
    void retranslatesOnLanguageChange();
    void testConnectionProbesTheEnteredSettings();
    void requiredFieldsAreMarkedAndPagesOpen();
    void screenshots();

private:
    template<typename T> static T *find(QWidget &dialog, const QString &name)
    {
        return Test::findNamed<T>(dialog, name);
    }
    static void type(QWidget &dialog, const QString &name, const QString &text)
    {
        Test::typeInto(dialog, name, text);
    }
    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QString writeAntomKey(const QString &dir);

    QTemporaryDir m_dir;
};

void TestSettings::initTestCase()
{
    // No keychain in tests: QtKeychain then fails and the file store is used.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    QVERIFY(m_dir.isValid());
}

QString TestSettings::writeAntomKey(const QString &dir)
{
    const QString path = dir + u"/merchant_private.pem"_s;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(Test::fixture(u"antom/merchant_private_pkcs8.pem"_s));
    f.close();
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

void TestSettings::fileStoreIsPrivate()
{
    const QString path = m_dir.filePath(u"private/canceldesk-secrets.ini"_s);
    Ui::FileSecretStore store(path);
    QVERIFY(!store.isAvailable());
    QVERIFY(store.description().contains(QDir::toNativeSeparators(path)));
    QVERIFY(store.read(u"uqpay/api_key"_s).isEmpty());
    QVERIFY(store.lastError().isEmpty());

    QString error;
    QVERIFY2(store.write(u"uqpay/api_key"_s, "s3cret-value", &error), qPrintable(error));
    // Mode 0600: rw for the user, nothing for group and others.
    QCOMPARE(QFile::permissions(path) & 0x0fff, QFileDevice::ReadUser | QFileDevice::WriteUser);
    QVERIFY(store.write(u"liquido/api_key"_s, "other-value", &error));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QCOMPARE(store.read(u"uqpay/api_key"_s), QByteArray("s3cret-value"));
    QCOMPARE(store.read(u"liquido/api_key"_s), QByteArray("other-value"));

    QVERIFY(store.remove(u"uqpay/api_key"_s, &error));
    QVERIFY(store.read(u"uqpay/api_key"_s).isEmpty());
    QCOMPARE(store.read(u"liquido/api_key"_s), QByteArray("other-value"));
    QVERIFY(!readAll(path).contains("s3cret-value"));
}

void TestSettings::fileStoreRefusesFileOthersCanRead()
{
    const QString path = m_dir.filePath(u"open-secrets.ini"_s);
    Ui::FileSecretStore store(path);
    QString error;
    QVERIFY(store.write(u"uqpay/api_key"_s, "s3cret-value", &error));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                            | QFileDevice::ReadGroup | QFileDevice::ReadOther));

    QVERIFY(store.read(u"uqpay/api_key"_s).isEmpty());
    QVERIFY2(store.lastError().contains(u"chmod 600"_s), qPrintable(store.lastError()));
    QVERIFY(store.lastError().contains(QDir::toNativeSeparators(path)));
    QVERIFY(!store.lastError().contains(u"s3cret"_s));

    QVERIFY(!store.write(u"liquido/api_key"_s, "another-secret", &error));
    QVERIFY2(error.contains(u"chmod 600"_s), qPrintable(error));
    QVERIFY(!error.contains(u"another-secret"_s));
    QVERIFY(!readAll(path).contains("another-secret"));

    // The dialog says so, too.
    Ui::SettingsDialog dialog(m_dir.filePath(u"none.ini"_s), store);
    dialog.show();
    auto *message = find<QLabel>(dialog, u"settingsError"_s);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"chmod 600"_s), qPrintable(message->text()));
    QVERIFY(!message->text().contains(u"s3cret"_s));
}

void TestSettings::withoutDbusFallsBackToFile()
{
    // The keychain answers asynchronously (no nested event loop): within its
    // timeout, without D-Bus, with "unavailable".
    Ui::KeychainSecretStore keychain(u"CancelDesk-test"_s);
    std::optional<bool> available;
    keychain.probe(this, [&available](bool answer) { available = answer; });
    QTRY_VERIFY_WITH_TIMEOUT(available.has_value(), 20000);
    QVERIFY(!*available);
    std::optional<Ui::SecretValues> read;
    keychain.readSecrets({u"uqpay/api_key"_s}, this,
                         [&read](const Ui::SecretValues &values) { read = values; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 20000);
    QVERIFY(read->values.value(u"uqpay/api_key"_s).isEmpty()); // no crash, nothing

    const QString fallback = m_dir.filePath(u"fallback-secrets.ini"_s);
    std::unique_ptr<Ui::SecretStore> store;
    bool opened = false;
    Ui::openSecretStore(fallback, this, [&](std::unique_ptr<Ui::SecretStore> chosen) {
        store = std::move(chosen);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 20000);
    auto *file = qobject_cast<Ui::FileSecretStore *>(store.get());
    QVERIFY(file);
    QVERIFY(!file->isAvailable());
    QVERIFY2(store->description().contains(QDir::toNativeSeparators(fallback)),
             qPrintable(store->description()));
    QString error;
    QVERIFY(file->write(u"liquido/api_key"_s, "v", &error));
    QCOMPARE(file->read(u"liquido/api_key"_s), QByteArray("v"));
}

void TestSettings::dialogWaitsForASlowStoreWithoutBlocking()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    LaterSecretStore store;
    store.values.insert(u"uqpay/api_key"_s, "stored-key");
    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Whether a secret is stored shows once the store has answered.
    auto *status = find<QLabel>(dialog, u"uqpayApiKeyStatus"_s);
    QTRY_VERIFY2(status->text().startsWith(u"stored in the test keychain"_s),
                 qPrintable(status->text()));

    type(dialog, u"operatorEdit"_s, u"Alice"_s);
    type(dialog, u"liquidoApiKeyEdit"_s, u"new-key"_s);
    const int asked = store.asked;
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    // The click returned while the store was still to answer: no nested event
    // loop ran its answer inside it.
    QVERIFY(store.asked > asked);
    QCOMPARE(saved.count(), 0);
    QVERIFY(!QFileInfo::exists(config));
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(store.values.value(u"liquido/api_key"_s), QByteArray("new-key"));
    QCOMPARE(store.values.value(u"uqpay/api_key"_s), QByteArray("stored-key"));
    QSettings ini(config, QSettings::IniFormat);
    QCOMPARE(ini.value(u"operator"_s).toString(), u"Alice"_s);
    QVERIFY(!readAll(config).contains("new-key"));
}

void TestSettings::dialogSavesKeysAndSecrets()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    const QString antomKey = writeAntomKey(dir.path());
    QVERIFY(!antomKey.isEmpty());
    Ui::MemorySecretStore store;

    {
        Ui::SettingsDialog dialog(config, store);
        QCOMPARE(dialog.objectName(), u"settingsDialog"_s);
        QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!find<QLabel>(dialog, u"keychainNote"_s)->isVisible());
        QCOMPARE(find<QLabel>(dialog, u"uqpayApiKeyStatus"_s)->text(), u"not set"_s);

        auto *env = find<QComboBox>(dialog, u"environmentCombo"_s);
        env->setCurrentIndex(env->findData(u"test"_s));
        type(dialog, u"operatorEdit"_s, u"Alice"_s);
        find<QSpinBox>(dialog, u"timeoutSpin"_s)->setValue(20000);
        type(dialog, u"uqpayClientIdEdit"_s, u"uq-client"_s);
        type(dialog, u"uqpayApiKeyEdit"_s, u"uq-secret-123"_s);
        type(dialog, u"uqpayTimezoneEdit"_s, u"+08:00"_s);
        type(dialog, u"antomClientIdEdit"_s, u"SANDBOX_5Y"_s);
        type(dialog, u"antomPrivateKeyEdit"_s, antomKey);
        type(dialog, u"liquidoClientIdEdit"_s, u"lq-client"_s);
        type(dialog, u"liquidoClientSecretEdit"_s, u"lq-secret-456"_s);
        type(dialog, u"liquidoApiKeyEdit"_s, u"lq-api-789"_s);
        QVERIFY(find<QLineEdit>(dialog, u"uqpayApiKeyEdit"_s)->echoMode() == QLineEdit::Password);

        QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        QVERIFY2(!find<QLabel>(dialog, u"settingsError"_s)->isVisible(),
                 qPrintable(find<QLabel>(dialog, u"settingsError"_s)->text()));
        QVERIFY(!dialog.isVisible());
    }

    QSettings ini(config, QSettings::IniFormat);
    QStringList keys = ini.allKeys();
    keys.sort();
    // [general] keys are top-level keys for QSettings.
    QStringList expected = {u"environment"_s,
                            u"operator"_s,
                            u"network/timeout_ms"_s,
                            u"uqpay/client_id"_s,
                            u"uqpay/timezone"_s,
                            u"antom/client_id"_s,
                            u"antom/private_key_file"_s,
                            u"liquido/client_id"_s};
    expected.sort();
    QCOMPARE(keys, expected);
    QCOMPARE(ini.value(u"environment"_s).toString(), u"test"_s);
    QCOMPARE(ini.value(u"operator"_s).toString(), u"Alice"_s);
    QCOMPARE(ini.value(u"network/timeout_ms"_s).toString(), u"20000"_s);

    const QByteArray text = readAll(config);
    QVERIFY(text.toLower().contains("[general]\nenvironment=test"));
    for (const char *secret : {"uq-secret-123", "lq-secret-456", "lq-api-789"})
        QVERIFY2(!text.contains(secret), secret);
    QCOMPARE(store.read(u"uqpay/api_key"_s), QByteArray("uq-secret-123"));
    QCOMPARE(store.read(u"liquido/client_secret"_s), QByteArray("lq-secret-456"));
    QCOMPARE(store.read(u"liquido/api_key"_s), QByteArray("lq-api-789"));

    const Config::ConfigLoad loaded =
        Config::loadConfig(config, [&](const QString &k) { return store.read(k); });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.config.environment, u"test"_s);
    QCOMPARE(loaded.config.operatorName, u"Alice"_s);
    QVERIFY(loaded.config.providers.uqpay);
    QCOMPARE(loaded.config.providers.uqpay->apiKey.reveal(), QByteArray("uq-secret-123"));
    QVERIFY(loaded.config.providers.antom);
    QVERIFY(loaded.config.providers.liquido);
    QCOMPARE(loaded.config.providers.liquido->apiKey.reveal(), QByteArray("lq-api-789"));
    QCOMPARE(loaded.config.network.timeout.count(), 20000);

    // Reopened: the values come back, the secrets never do.
    Ui::SettingsDialog again(config, store);
    again.show();
    QCOMPARE(find<QLineEdit>(again, u"uqpayClientIdEdit"_s)->text(), u"uq-client"_s);
    QCOMPARE(find<QComboBox>(again, u"environmentCombo"_s)->currentData().toString(), u"test"_s);
    auto *key = find<QLineEdit>(again, u"uqpayApiKeyEdit"_s);
    QVERIFY(key->text().isEmpty());
    QVERIFY(key->placeholderText().contains(u"unchanged"_s));
    QVERIFY(find<QLabel>(again, u"uqpayApiKeyStatus"_s)->text().startsWith(u"stored in"_s));
    QVERIFY(find<QPushButton>(again, u"uqpayApiKeyClear"_s)->isEnabled());
}

void TestSettings::clearingARequiredSecretIsRefused()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    {
        QSettings ini(config, QSettings::IniFormat);
        ini.setValue(u"environment"_s, u"test"_s);
        ini.setValue(u"liquido/client_id"_s, u"lq"_s);
    }
    Ui::MemorySecretStore store;
    QString error;
    store.write(u"liquido/client_secret"_s, "cs-value", &error);
    store.write(u"liquido/api_key"_s, "ak-value", &error);
    const QByteArray before = readAll(config);

    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    QTest::mouseClick(find<QPushButton>(dialog, u"liquidoApiKeyClear"_s), Qt::LeftButton);
    QVERIFY(!find<QPushButton>(dialog, u"liquidoApiKeyClear"_s)->isEnabled());
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    auto *message = find<QLabel>(dialog, u"settingsError"_s);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"[liquido] api_key is required"_s),
             qPrintable(message->text()));
    QVERIFY(
        message->text().contains(QDir::toNativeSeparators(QFileInfo(config).absoluteFilePath())));
    QVERIFY(!message->text().contains(u"cs-value"_s));
    QVERIFY(dialog.isVisible());
    QCOMPARE(saved.count(), 0);
    QCOMPARE(store.read(u"liquido/api_key"_s), QByteArray("ak-value"));
    QCOMPARE(readAll(config), before);
}

void TestSettings::productionNeedsConfirmation()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(config, store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *env = find<QComboBox>(dialog, u"environmentCombo"_s);
    env->setCurrentIndex(env->findData(u"test"_s));
    QCOMPARE(env->currentData().toString(), u"test"_s);

    // Declined: back to the previous environment.
    env->setCurrentIndex(env->findData(u"production"_s));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
    QCOMPARE(box->objectName(), u"productionConfirmBox"_s);
    QVERIFY(
        box->text().contains(u"Switch to Production? Cancels will be sent to real payments."_s));
    box->grab().save(Test::shotPath(u"settings-production-confirm-en.png"_s));
    QTest::mouseClick(box->findChild<QPushButton *>(u"productionConfirmNo"_s), Qt::LeftButton);
    QTRY_COMPARE(env->currentData().toString(), u"test"_s);
    QTRY_VERIFY(!QApplication::activeModalWidget()
                || QApplication::activeModalWidget()->objectName() != u"productionConfirmBox"_s);

    // Accepted: saved as production.
    env->setCurrentIndex(env->findData(u"production"_s));
    QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
    QTest::mouseClick(box->findChild<QPushButton *>(u"productionConfirmYes"_s), Qt::LeftButton);
    QTRY_VERIFY(!qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
    QCOMPARE(env->currentData().toString(), u"production"_s);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    QSettings ini(config, QSettings::IniFormat);
    QCOMPARE(ini.value(u"environment"_s).toString(), u"production"_s);

    // Already production: leaving and coming back from test asks again, but
    // opening the dialog on production does not ask.
    Ui::SettingsDialog reopened(config, store);
    reopened.show();
    QCOMPARE(find<QComboBox>(reopened, u"environmentCombo"_s)->currentData().toString(),
             u"production"_s);
    QVERIFY(!reopened.findChild<QMessageBox *>());
}

// F20: the team database is chosen on the General page; a URL holding a
// password is refused (the console asks for it when it connects and keeps
// it in the keychain), and the message does not repeat it.
void TestSettings::teamDatabaseUrlIsSavedWithoutAPassword()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    type(dialog, u"databaseUrlEdit"_s, u"postgresql://alice:s3cret-pw@db.example.com/team"_s);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    auto *message = find<QLabel>(dialog, u"settingsError"_s);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"must not hold a password"_s), qPrintable(message->text()));
    QVERIFY(!message->text().contains(u"s3cret-pw"_s));
    QCOMPARE(saved.count(), 0);
    QVERIFY(!QFileInfo::exists(config));

    type(dialog, u"databaseUrlEdit"_s, u"postgresql://alice@db.example.com:5433/team"_s);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    QSettings ini(config, QSettings::IniFormat);
    QCOMPARE(ini.value(u"database/url"_s).toString(),
             u"postgresql://alice@db.example.com:5433/team"_s);

    // Opened again, it shows what is saved; emptied, the key goes.
    Ui::SettingsDialog again(config, store);
    QSignalSpy savedAgain(&again, &Ui::SettingsDialog::settingsSaved);
    again.show();
    QCOMPARE(find<QLineEdit>(again, u"databaseUrlEdit"_s)->text(),
             u"postgresql://alice@db.example.com:5433/team"_s);
    type(again, u"databaseUrlEdit"_s, QString());
    QTest::mouseClick(find<QPushButton>(again, u"saveButton"_s), Qt::LeftButton);
    QTRY_COMPARE(savedAgain.count(), 1);
    ini.sync();
    QVERIFY(!ini.contains(u"database/url"_s));
}

void TestSettings::invalidUrlIsRefusedAndFileUnchanged()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    {
        QSettings ini(config, QSettings::IniFormat);
        ini.setValue(u"environment"_s, u"test"_s);
        ini.setValue(u"operator"_s, u"Bob"_s);
    }
    const QByteArray before = readAll(config);
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    type(dialog, u"uqpayBaseUrlEdit"_s, u"http://api.example.com"_s);
    type(dialog, u"uqpayClientIdEdit"_s, u"uq-client"_s);
    type(dialog, u"uqpayApiKeyEdit"_s, u"never-shown-secret"_s);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);

    auto *message = find<QLabel>(dialog, u"settingsError"_s);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"[uqpay] base_url must use https"_s),
             qPrintable(message->text()));
    QVERIFY(
        message->text().contains(QDir::toNativeSeparators(QFileInfo(config).absoluteFilePath())));
    QVERIFY(!message->text().contains(u"never-shown-secret"_s));
    QCOMPARE(find<QTabWidget>(dialog, u"settingsTabs"_s)->currentWidget()->objectName(),
             u"uqpayPage"_s);
    dialog.grab().save(Test::shotPath(u"settings-error-en.png"_s));
    QVERIFY(dialog.isVisible());
    QCOMPARE(saved.count(), 0);
    QCOMPARE(readAll(config), before);
    QVERIFY(!store.contains(u"uqpay/api_key"_s));
    // No candidate file is left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"canceldesk.ini"_s});

    // Loopback http is allowed (the sandbox).
    type(dialog, u"uqpayBaseUrlEdit"_s, u"http://127.0.0.1:8080"_s);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
}

void TestSettings::invalidCancelRulesAreRefused()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    const QString rules = dir.filePath(u"rules.json"_s);
    {
        QFile f(rules);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
    }
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    type(dialog, u"cancelRulesEdit"_s, rules);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    auto *message = find<QLabel>(dialog, u"settingsError"_s);
    QTRY_VERIFY(message->isVisible());
    QVERIFY(message->text().startsWith(u"Cancel window overrides:"_s));
    QCOMPARE(find<QLabel>(dialog, u"cancelRulesStatus"_s)->text(), message->text());
    QCOMPARE(saved.count(), 0);
    QVERIFY(!QFileInfo::exists(config));

    find<QLineEdit>(dialog, u"cancelRulesEdit"_s)->clear();
    find<QSpinBox>(dialog, u"typedConfirmationSpin"_s)->setValue(250);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    // Written by the dialog, read by the config reader (what the main window uses).
    QCOMPARE(Config::loadConfig(config).config.typedConfirmationAbove, qint64(250));
}

void TestSettings::replacedInlineSecretLeavesTheFile()
{
    // The CLI may keep a secret inline (file 0600); a secret set in the GUI
    // goes to the store and the inline copy, which would win, is removed.
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    {
        QSettings ini(config, QSettings::IniFormat);
        ini.setValue(u"environment"_s, u"test"_s);
        ini.setValue(u"uqpay/client_id"_s, u"uq"_s);
        ini.setValue(u"uqpay/api_key"_s, u"old-inline-key"_s);
        ini.setValue(u"sandbox_announcement"_s, u"keep-me"_s);
    }
    QVERIFY(QFile::setPermissions(config, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    QVERIFY(find<QLabel>(dialog, u"uqpayApiKeyStatus"_s)->text().contains(u"configuration file"_s));
    QVERIFY(find<QLineEdit>(dialog, u"uqpayApiKeyEdit"_s)->text().isEmpty());
    type(dialog, u"uqpayApiKeyEdit"_s, u"new-key"_s);
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);

    const QByteArray text = readAll(config);
    QVERIFY(!text.contains("old-inline-key"));
    QVERIFY(!text.contains("new-key"));
    QVERIFY(text.contains("keep-me")); // keys the dialog does not edit stay
    // Replaced atomically, keeping the file private.
    QCOMPARE(QFile::permissions(config) & 0x0fff, QFileDevice::ReadUser | QFileDevice::WriteUser);
    QCOMPARE(store.read(u"uqpay/api_key"_s), QByteArray("new-key"));
    const Config::ConfigLoad loaded =
        Config::loadConfig(config, [&](const QString &k) { return store.read(k); });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.config.providers.uqpay->apiKey.reveal(), QByteArray("new-key"));
}

namespace {
class MarkingTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (QByteArrayView(context) == "CancelDesk::Ui::SettingsDialog"
            && QByteArrayView(source) == "General")
            return u"[General]"_s;
        return {};
    }
    bool isEmpty() const override { return false; }
};
} // namespace

void TestSettings::testConnectionProbesTheEnteredSettings()
{
    // The settings as typed, not yet saved, against the simulated providers on
    // 127.0.0.1; nothing is written and nothing is changed at the "provider".
    QTemporaryDir dir;
    Sandbox::SandboxServer sandbox;
    Sandbox::SandboxOptions options;
    options.stateDir = dir.filePath(u"sandbox"_s);
    options.seedDemo = false;
    QVERIFY(sandbox.start(options) != 0);
    const QJsonObject announced = sandbox.config();
    const auto cfg = [&announced](const char *provider, const char *key) {
        return announced.value(QLatin1StringView(provider))
            .toObject()
            .value(QLatin1StringView(key))
            .toString();
    };
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(config, store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *env = find<QComboBox>(dialog, u"environmentCombo"_s);
    env->setCurrentIndex(env->findData(u"test"_s));
    type(dialog, u"uqpayBaseUrlEdit"_s, cfg("uqpay", "base_url"));
    type(dialog, u"uqpayClientIdEdit"_s, cfg("uqpay", "client_id"));
    type(dialog, u"uqpayApiKeyEdit"_s, cfg("uqpay", "api_key"));
    type(dialog, u"antomBaseUrlEdit"_s, cfg("antom", "base_url"));
    type(dialog, u"antomClientIdEdit"_s, cfg("antom", "client_id"));
    type(dialog, u"antomPrivateKeyEdit"_s, cfg("antom", "merchant_private_key_file"));
    type(dialog, u"antomPublicKeyEdit"_s, cfg("antom", "antom_public_key_file"));
    type(dialog, u"liquidoBaseUrlEdit"_s, cfg("liquido", "base_url"));
    type(dialog, u"liquidoAuthUrlEdit"_s, cfg("liquido", "auth_url"));
    type(dialog, u"liquidoClientIdEdit"_s, cfg("liquido", "client_id"));
    type(dialog, u"liquidoClientSecretEdit"_s, cfg("liquido", "client_secret"));
    type(dialog, u"liquidoApiKeyEdit"_s, cfg("liquido", "api_key"));

    auto *test = find<QPushButton>(dialog, u"testConnectionButton"_s);
    auto *result = find<QLabel>(dialog, u"connectionResult"_s);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().count(u"reachable"_s) == 3, 20000);
    QVERIFY2(!find<QLabel>(dialog, u"settingsError"_s)->isVisible(),
             qPrintable(find<QLabel>(dialog, u"settingsError"_s)->text()));
    for (const QString &provider :
         {u"UQPAY: reachable"_s, u"Antom: reachable"_s, u"Liquido: reachable"_s})
        QVERIFY2(result->text().contains(provider), qPrintable(result->text()));
    QTRY_VERIFY(test->isEnabled());

    // A wrong API key is named as such, for that provider only.
    type(dialog, u"uqpayApiKeyEdit"_s, u"not-the-key"_s);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().count(u"reachable"_s) == 2, 20000);
    QVERIFY2(result->text().contains(u"UQPAY: credentials refused"_s), qPrintable(result->text()));

    // Nothing was saved, no secret was stored.
    QVERIFY(!QFileInfo::exists(config));
    QVERIFY(store.read(u"uqpay/api_key"_s).isEmpty());
}

void TestSettings::requiredFieldsAreMarkedAndPagesOpen()
{
    QTemporaryDir dir;
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(dir.filePath(u"canceldesk.ini"_s), store);
    dialog.showPage(u"liquido"_s);
    dialog.show();
    auto *tabs = find<QTabWidget>(dialog, u"settingsTabs"_s);
    QCOMPARE(tabs->currentWidget()->objectName(), u"liquidoPage"_s);
    QStringList marked;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->text().endsWith(u" *"_s) && label->buddy())
            marked << label->buddy()->objectName();
    }
    marked.sort();
    QStringList expected = {u"uqpayClientIdEdit"_s,   u"uqpayApiKeyEdit"_s,
                            u"antomClientIdEdit"_s,   u"antomPrivateKeyEdit"_s,
                            u"liquidoClientIdEdit"_s, u"liquidoClientSecretEdit"_s,
                            u"liquidoApiKeyEdit"_s};
    expected.sort();
    QCOMPARE(marked, expected);
    QVERIFY(find<QLabel>(dialog, u"liquidoPageRequiredNote"_s)->text().startsWith(u"* "_s));
    // The operator field shows the name used when it is left empty.
    QVERIFY(find<QLineEdit>(dialog, u"operatorEdit"_s)
                ->placeholderText()
                .startsWith(Config::osUserName()));
    dialog.showPage(u"general"_s);
    QCOMPARE(tabs->currentIndex(), 0);
}

void TestSettings::retranslatesOnLanguageChange()
{
    Ui::MemorySecretStore store;
    Ui::SettingsDialog dialog(m_dir.filePath(u"none.ini"_s), store);
    dialog.show();
    auto *tabs = find<QTabWidget>(dialog, u"settingsTabs"_s);
    QCOMPARE(tabs->tabText(0), u"General"_s);
    MarkingTranslator translator;
    QCoreApplication::installTranslator(&translator);
    QTRY_COMPARE(tabs->tabText(0), u"[General]"_s);
    QCoreApplication::removeTranslator(&translator);
    QTRY_COMPARE(tabs->tabText(0), u"General"_s);
}

void TestSettings::screenshots()
{
    QTemporaryDir dir;
    const QString config = dir.filePath(u"canceldesk.ini"_s);
    {
        QSettings ini(config, QSettings::IniFormat);
        ini.setValue(u"environment"_s, u"test"_s);
        ini.setValue(u"operator"_s, u"Alice"_s);
        ini.setValue(u"uqpay/client_id"_s, u"uq-client"_s);
        ini.setValue(u"liquido/client_id"_s, u"lq-client"_s);
    }
    Ui::FileSecretStore store(dir.filePath(u"canceldesk-secrets.ini"_s));
    QString error;
    store.write(u"uqpay/api_key"_s, "x", &error);
    store.write(u"liquido/client_secret"_s, "y", &error);

    I18n::Translations translations;
    QVERIFY(translations.apply(u"en"_s));
    Ui::SettingsDialog dialog(config, store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(find<QLabel>(dialog, u"keychainNote"_s)->isVisible());
    QVERIFY(find<QLabel>(dialog, u"keychainNote"_s)->text().contains(u"readable only by you"_s));
    auto *tabs = find<QTabWidget>(dialog, u"settingsTabs"_s);
    const QStringList names = {u"general"_s, u"network"_s, u"uqpay"_s, u"antom"_s, u"liquido"_s};
    for (const QString &lang : {u"en"_s, u"zh_CN"_s}) {
        QVERIFY(translations.apply(lang));
        QCoreApplication::processEvents();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            dialog.adjustSize();
            QCoreApplication::processEvents();
            const QString file = Test::shotPath(
                u"settings-%1-%2.png"_s.arg(names.value(i), lang == u"en" ? u"en"_s : u"zh"_s));
            QVERIFY(dialog.grab().save(file));
        }
    }
}

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
