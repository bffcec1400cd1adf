// Issue 16: the real keychain. The provider secrets Settings saves go to the
// Secret Service when one answers and come back after a restart; without one,
// the console takes its 0600 file and says so.
//
// Run by CTest in four sessions (settings.cmake):
//  - tst_keychain_secret_service: keychain_session.sh, a private bus with
//    gnome-keyring unlocked; two runs of this executable, the second reading
//    what the first wrote;
//  - tst_keychain_slow_secret_service: the same, the keyring answering after
//    the console gave up on it;
//  - tst_keychain_no_secret_service: keychain_session.sh --no-secret-service,
//    a private bus on which nothing provides org.freedesktop.secrets;
//  - tst_keychain_no_bus: no session bus at all.
// Run by hand (not through keychain_session.sh) it never reaches the user's
// keychain: it has no session bus, and the Secret Service tests skip.

#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "uitestsession.h"

#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>
#include <signal.h>
#include <sys/stat.h>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

using Attributes = QMap<QString, QString>;

// Set by keychain_session.sh; empty when run otherwise (then: no bus).
const QString kSecretService = u"secret-service"_s;
const QString kNoSecretService = u"no-secret-service"_s;
QString sessionMode()
{
    return qEnvironmentVariable("CANCELDESK_KEYCHAIN_SESSION");
}

// A service name of this session only: nothing under "CancelDesk" is touched
// but the probe entry that openSecretStore writes and deletes.
QString testService()
{
    const QString service = qEnvironmentVariable("CANCELDESK_KEYCHAIN_SERVICE");
    return service.isEmpty() ? u"CancelDesk-test-%1"_s.arg(QCoreApplication::applicationPid())
                             : service;
}

// The values one session writes and its later runs expect: tied to the
// session's service, so nothing left by another run can pass for them.
QHash<QString, QByteArray> providerSecrets(const QString &tag)
{
    return {
        {u"uqpay/api_key"_s, "uq-key-" + tag.toUtf8()},
        {u"liquido/client_secret"_s, u"lq-sécret-密钥-%1"_s.arg(tag).toUtf8()},
        {u"liquido/api_key"_s, "lq-api-" + tag.toUtf8()},
    };
}

// The Settings field of each secret (objectName prefix).
const QHash<QString, QString> &fieldOf()
{
    static const QHash<QString, QString> fields = {
        {u"uqpay/api_key"_s, u"uqpayApiKey"_s},
        {u"liquido/client_secret"_s, u"liquidoClientSecret"_s},
        {u"liquido/api_key"_s, u"liquidoApiKey"_s},
    };
    return fields;
}

// What the Secret Service itself holds (org.freedesktop.Secret.Service
// SearchItems), not what QtKeychain says: its items with these attributes.
// QtKeychain's libsecret backend tags an item "server" (the service) and
// "user" (the key).
struct SearchResult
{
    qsizetype unlocked = 0;
    qsizetype locked = 0;
    QString error;
};

SearchResult searchSecretService(const Attributes &attributes)
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
                                       u"org.freedesktop.Secret.Service"_s, u"SearchItems"_s);
    call << QVariant::fromValue(attributes);
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 10000);
    SearchResult result;
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 2) {
        result.error = reply.errorName() + u": "_s + reply.errorMessage();
        return result;
    }
    result.unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(0)).size();
    result.locked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().at(1)).size();
    return result;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    // tst_keychain_secret_service, first run
    void keychainIsChosen();
    void settingsStoresSecretsInTheKeychain();
    // tst_keychain_secret_service, second run (a new process)
    void secretsSurviveARestart();
    void removedSecretsAreGone();
    // tst_keychain_no_secret_service, tst_keychain_no_bus
    void fileIsChosenWithoutSecretService();
    void settingsSaysSecretsAreInAFile();
    // tst_keychain_slow_secret_service
    void lateAnswerAfterFallbackIsHarmless();

private:
    template<typename T> static T *find(QWidget &dialog, const QString &name)
    {
        return Test::findNamed<T>(dialog, name);
    }
    static void type(QWidget &dialog, const QString &name, const QString &text)
    {
        Test::typeInto(dialog, name, text);
    }
    // The store the console would take (main.cpp: openSecretStore).
    void open(const QString &fallbackFile, std::unique_ptr<Ui::SecretStore> &store);
    void read(Ui::SecretStore &store, Ui::SecretValues &values);
    // As the operator does: types the secrets (and what a provider needs
    // with them) into Settings and saves; Settings hands the secrets to store.
    void saveThroughSettings(Ui::SecretStore &store, const QString &config,
                             const QHash<QString, QByteArray> &secrets);
    // Settings, opened on store, shows each secret "stored in <description>".
    void settingsShowsStored(Ui::SecretStore &store, const QString &config);
    static void checkPrivateFile(const QString &path);

    QTemporaryDir m_dir;
};

void TestKeychain::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qDBusRegisterMetaType<Attributes>();
    if (sessionMode().isEmpty()) {
        // Not in keychain_session.sh: no session bus, so not the user's
        // keychain either (QtKeychain connects later, on its first job).
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + QFile::encodeName(m_dir.filePath(u"no-bus"_s)));
        QVERIFY(!QDBusConnection::sessionBus().isConnected());
        return;
    }
    QVERIFY2(sessionMode() == kSecretService || sessionMode() == kNoSecretService,
             qPrintable(sessionMode()));
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    QVERIFY2(bus, "keychain_session.sh gave no session bus");
    const bool owned = bus->isServiceRegistered(u"org.freedesktop.secrets"_s);
    if (sessionMode() == kSecretService) {
        QVERIFY2(owned, "no Secret Service on the session bus");
    } else {
        QVERIFY(!owned);
        QVERIFY(!bus->activatableServiceNames().value().contains(u"org.freedesktop.secrets"_s));
    }
}

void TestKeychain::open(const QString &fallbackFile, std::unique_ptr<Ui::SecretStore> &store)
{
    bool opened = false;
    Ui::openSecretStore(fallbackFile, this, [&](std::unique_ptr<Ui::SecretStore> chosen) {
        store = std::move(chosen);
        opened = true;
    });
    // Twice the keychain's job timeout, and more: a machine under load.
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
    QVERIFY(store);
}

void TestKeychain::read(Ui::SecretStore &store, Ui::SecretValues &values)
{
    bool answered = false;
    store.readSecrets(Ui::providerSecretKeys(), this, [&](const Ui::SecretValues &found) {
        values = found;
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
}

void TestKeychain::saveThroughSettings(Ui::SecretStore &store, const QString &config,
                                       const QHash<QString, QByteArray> &secrets)
{
    Ui::SettingsDialog dialog(config, store);
    QSignalSpy saved(&dialog, &Ui::SettingsDialog::settingsSaved);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *env = find<QComboBox>(dialog, u"environmentCombo"_s);
    QVERIFY(env);
    env->setCurrentIndex(env->findData(u"test"_s));
    type(dialog, u"operatorEdit"_s, u"Alice"_s);
    type(dialog, u"uqpayClientIdEdit"_s, u"uq-client"_s);
    type(dialog, u"uqpayTimezoneEdit"_s, u"+08:00"_s);
    type(dialog, u"liquidoClientIdEdit"_s, u"lq-client"_s);
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        auto *edit = find<QLineEdit>(dialog, fieldOf().value(it.key()) + u"Edit"_s);
        QVERIFY(edit);
        // keyClicks types Latin-1 only: a secret with other letters is pasted.
        const QString text = QString::fromUtf8(it.value());
        if (text.toLatin1() == it.value())
            type(dialog, edit->objectName(), text);
        else
            edit->setText(text);
        QCOMPARE(edit->text(), text);
        auto *status = find<QLabel>(dialog, fieldOf().value(it.key()) + u"Status"_s);
        QVERIFY(status);
        QCOMPARE(status->text(), u"will be stored in %1 when you save"_s.arg(store.description()));
    }
    QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
    auto *error = find<QLabel>(dialog, u"settingsError"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(saved.count() == 1 || error->isVisible(), "Settings did not save",
                              30000);
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
    QCOMPARE(saved.count(), 1);
    // The secrets went to the store, not into the configuration file.
    const QByteArray ini = readAll(config);
    QVERIFY(ini.contains("uq-client"));
    for (const QByteArray &value : secrets)
        QVERIFY2(!ini.contains(value), ini.constData());
}

void TestKeychain::settingsShowsStored(Ui::SecretStore &store, const QString &config)
{
    Ui::SettingsDialog dialog(config, store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString stored = u"stored in %1"_s.arg(store.description());
    for (const QString &key : Ui::providerSecretKeys()) {
        auto *status = find<QLabel>(dialog, fieldOf().value(key) + u"Status"_s);
        QVERIFY(status);
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), stored, 30000);
        // The value itself is never shown.
        QVERIFY(find<QLineEdit>(dialog, fieldOf().value(key) + u"Edit"_s)->text().isEmpty());
    }
    QVERIFY2(!find<QLabel>(dialog, u"settingsError"_s)->isVisible(),
             qPrintable(find<QLabel>(dialog, u"settingsError"_s)->text()));
}

void TestKeychain::checkPrivateFile(const QString &path)
{
    struct stat info = {};
    QVERIFY2(::stat(QFile::encodeName(path).constData(), &info) == 0, qPrintable(path));
    const auto mode = info.st_mode & 07777;
    QVERIFY2(mode == 0600, qPrintable(u"%1 has mode %2, not 600"_s.arg(path).arg(mode, 0, 8)));
}

// ---- a Secret Service answers --------------------------------------------------

void TestKeychain::keychainIsChosen()
{
    if (sessionMode() != kSecretService)
        QSKIP("needs the private Secret Service of tests/ui/keychain_session.sh "
              "(ctest -R tst_keychain_secret_service)");
    const QString fallback = m_dir.filePath(u"chosen/canceldesk-secrets.ini"_s);
    std::unique_ptr<Ui::SecretStore> store;
    open(fallback, store);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(qobject_cast<Ui::KeychainSecretStore *>(store.get()),
             qPrintable(u"the console took "_s + store->description()));
    QVERIFY(!qobject_cast<Ui::FileSecretStore *>(store.get()));
    QCOMPARE(store->description(), u"the system keychain"_s);
    QVERIFY(!QFileInfo::exists(fallback));
    // The probe cleaned up after itself.
    const SearchResult probe =
        searchSecretService({{u"server"_s, u"CancelDesk"_s}, {u"user"_s, u"canceldesk-probe"_s}});
    QVERIFY2(probe.error.isEmpty(), qPrintable(probe.error));
    QCOMPARE(probe.unlocked + probe.locked, 0);

    // Settings, given this store, does not say the keychain is missing.
    Ui::SettingsDialog dialog(m_dir.filePath(u"chosen/canceldesk.ini"_s), *store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    bool probed = false;
    store->probe(this, [&probed](bool available) { probed = available; });
    QTRY_VERIFY(probed); // after the dialog's own probe
    QVERIFY(!find<QLabel>(dialog, u"keychainNote"_s)->isVisible());
}

void TestKeychain::settingsStoresSecretsInTheKeychain()
{
    if (sessionMode() != kSecretService)
        QSKIP("needs the private Secret Service of tests/ui/keychain_session.sh "
              "(ctest -R tst_keychain_secret_service)");
    const QString service = testService();
    const auto secrets = providerSecrets(service);
    const SearchResult before = searchSecretService({{u"server"_s, service}});
    QVERIFY2(before.error.isEmpty(), qPrintable(before.error));
    QCOMPARE(before.unlocked + before.locked, 0);

    const QString config = m_dir.filePath(u"keychain/canceldesk.ini"_s);
    {
        Ui::KeychainSecretStore store(service);
        saveThroughSettings(store, config, secrets);
        if (QTest::currentTestFailed())
            return;
    }
    // In the Secret Service, one unlocked item per secret, under the service.
    for (const QString &key : Ui::providerSecretKeys()) {
        const SearchResult found = searchSecretService({{u"server"_s, service}, {u"user"_s, key}});
        QVERIFY2(found.error.isEmpty(), qPrintable(found.error));
        QCOMPARE(found.unlocked, 1);
        QCOMPARE(found.locked, 0);
    }

    // "Restarted": a new store reads them back, as they were typed.
    Ui::KeychainSecretStore reopened(service);
    Ui::SecretValues values;
    read(reopened, values);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QCOMPARE(values.values, secrets);
}

void TestKeychain::secretsSurviveARestart()
{
    if (sessionMode() != kSecretService)
        QSKIP("needs the private Secret Service of tests/ui/keychain_session.sh "
              "(ctest -R tst_keychain_secret_service)");
    // Another process than the one that saved them (keychain_session.sh runs
    // settingsStoresSecretsInTheKeychain first).
    Ui::KeychainSecretStore store(testService());
    Ui::SecretValues values;
    read(store, values);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QCOMPARE(values.values, providerSecrets(testService()));
    settingsShowsStored(store, m_dir.filePath(u"restart/canceldesk.ini"_s));
}

void TestKeychain::removedSecretsAreGone()
{
    if (sessionMode() != kSecretService)
        QSKIP("needs the private Secret Service of tests/ui/keychain_session.sh "
              "(ctest -R tst_keychain_secret_service)");
    const QString service = testService();
    // There to be removed (the first run saved them; secretsSurviveARestart
    // read them).
    for (const QString &key : Ui::providerSecretKeys()) {
        const SearchResult found = searchSecretService({{u"server"_s, service}, {u"user"_s, key}});
        QVERIFY2(found.error.isEmpty(), qPrintable(found.error));
        QCOMPARE(found.unlocked, 1);
    }
    // As Settings does for a cleared secret: a change without a value.
    QList<Ui::SecretChange> changes;
    for (const QString &key : Ui::providerSecretKeys())
        changes.append({key, std::nullopt});
    {
        Ui::KeychainSecretStore store(service);
        std::optional<QString> error;
        store.applyChanges(changes, this, [&error](const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 30000);
        QVERIFY2(error->isEmpty(), qPrintable(*error));
    }
    const SearchResult after = searchSecretService({{u"server"_s, service}});
    QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
    QCOMPARE(after.unlocked + after.locked, 0);

    Ui::KeychainSecretStore reopened(service);
    Ui::SecretValues values;
    read(reopened, values);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error)); // absent, not unreadable
    QVERIFY(values.values.isEmpty());
}

// ---- no Secret Service ---------------------------------------------------------

void TestKeychain::fileIsChosenWithoutSecretService()
{
    if (sessionMode() == kSecretService)
        QSKIP("a Secret Service answers in this session");
    const QString fallback = m_dir.filePath(u"fallback/canceldesk-secrets.ini"_s);
    const auto secrets = providerSecrets(u"file"_s);
    {
        std::unique_ptr<Ui::SecretStore> store;
        QElapsedTimer opening;
        opening.start();
        open(fallback, store);
        if (QTest::currentTestFailed())
            return;
        // Told so at once (an error, not the keychain's 5 s timeout): the
        // console does not start late for it.
        QVERIFY2(opening.elapsed() < 4000, qPrintable(u"%1 ms"_s.arg(opening.elapsed())));
        auto *file = qobject_cast<Ui::FileSecretStore *>(store.get());
        QVERIFY2(file, qPrintable(u"the console took "_s + store->description()));
        QVERIFY(!qobject_cast<Ui::KeychainSecretStore *>(store.get()));
        QCOMPARE(file->path(), fallback);
        QCOMPARE(store->description(),
                 u"the file %1 (readable only by you)"_s.arg(QDir::toNativeSeparators(fallback)));

        QList<Ui::SecretChange> changes;
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
            changes.append({it.key(), it.value()});
        std::optional<QString> error;
        store->applyChanges(changes, this, [&error](const QString &e) { error = e; });
        QTRY_VERIFY(error.has_value());
        QVERIFY2(error->isEmpty(), qPrintable(*error));
    }
    checkPrivateFile(fallback);
    if (QTest::currentTestFailed())
        return;

    // "Restarted": the console takes the file again and reads them back.
    std::unique_ptr<Ui::SecretStore> reopened;
    open(fallback, reopened);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(qobject_cast<Ui::FileSecretStore *>(reopened.get()));
    Ui::SecretValues values;
    read(*reopened, values);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(values.error.isEmpty(), qPrintable(values.error));
    QCOMPARE(values.values, secrets);
}

void TestKeychain::settingsSaysSecretsAreInAFile()
{
    if (sessionMode() == kSecretService)
        QSKIP("a Secret Service answers in this session");
    const QString fallback = m_dir.filePath(u"settings/canceldesk-secrets.ini"_s);
    const QString config = m_dir.filePath(u"settings/canceldesk.ini"_s);
    const QString inFile =
        u"the file %1 (readable only by you)"_s.arg(QDir::toNativeSeparators(fallback));
    std::unique_ptr<Ui::SecretStore> store;
    open(fallback, store);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(qobject_cast<Ui::FileSecretStore *>(store.get()),
             qPrintable(u"the console took "_s + store->description()));

    {
        // What the operator reads at the top of Settings.
        Ui::SettingsDialog dialog(config, *store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *note = find<QLabel>(dialog, u"keychainNote"_s);
        QVERIFY(note);
        QTRY_VERIFY(note->isVisible());
        QCOMPARE(note->text(),
                 u"The system keychain is not available on this computer. Secrets are stored in "
                 "%1 instead; the file is refused if other users can read it."_s.arg(inFile));
    }

    const auto secrets = providerSecrets(u"settings"_s);
    saveThroughSettings(*store, config, secrets);
    if (QTest::currentTestFailed())
        return;
    checkPrivateFile(fallback);
    if (QTest::currentTestFailed())
        return;
    settingsShowsStored(*store, config);
    if (QTest::currentTestFailed())
        return;
    Ui::SecretValues values;
    read(*store, values);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(values.values, secrets);
}

// ---- a Secret Service that answers late -------------------------------------------

void TestKeychain::lateAnswerAfterFallbackIsHarmless()
{
    if (sessionMode() != kSecretService)
        QSKIP("needs the private Secret Service of tests/ui/keychain_session.sh "
              "(ctest -R tst_keychain_slow_secret_service)");
    // The Secret Service stops answering for longer than the keychain's job
    // timeout (5 s), as when the operator takes time to type the password of
    // a locked keyring: the console gives up and takes the file. Then the
    // Secret Service answers the probe it gave up on.
    const QDBusMessage owner = QDBusConnection::sessionBus().call(
        QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s, u"/"_s, u"org.freedesktop.DBus"_s,
                                       u"GetConnectionUnixProcessID"_s)
        << u"org.freedesktop.secrets"_s);
    const auto daemon = static_cast<pid_t>(owner.arguments().value(0).toLongLong());
    QVERIFY2(daemon > 0, qPrintable(owner.errorMessage()));
    QCOMPARE(::kill(daemon, SIGSTOP), 0);
    auto resume = qScopeGuard([daemon] { ::kill(daemon, SIGCONT); });

    const QString fallback = m_dir.filePath(u"late/canceldesk-secrets.ini"_s);
    std::unique_ptr<Ui::SecretStore> store;
    open(fallback, store);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(qobject_cast<Ui::FileSecretStore *>(store.get()),
             qPrintable(u"the console took "_s + store->description()));

    resume.dismiss();
    QCOMPARE(::kill(daemon, SIGCONT), 0);
    // The Secret Service answers what it held in order: when it has answered
    // this, the answer to the probe the console gave up on is on its way too.
    const SearchResult answered = searchSecretService({{u"server"_s, u"CancelDesk"_s}});
    QVERIFY2(answered.error.isEmpty(), qPrintable(answered.error));
    // It reaches the console, which goes on with its file.
    QTest::qWait(1000);
    QString error;
    auto *file = qobject_cast<Ui::FileSecretStore *>(store.get());
    QVERIFY2(file->write(u"uqpay/api_key"_s, "after-the-late-answer", &error), qPrintable(error));
    QCOMPARE(file->read(u"uqpay/api_key"_s), QByteArray("after-the-late-answer"));
}

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
