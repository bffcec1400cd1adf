// A QtKeychain job outlives the store that started it (issue 16). libsecret
// keeps a job's address until its D-Bus call returns; a store dropped while
// one waited (the console's probe gives the keychain 5 s, a keyring prompt
// can stay open much longer) used to delete its jobs with it, and the late
// answer then ran on freed memory: the console crashed when the operator
// dismissed the prompt. Here a Secret Service of our own on a private session
// bus (the test runs under dbus-run-session) holds every call, the store
// times out and is deleted, and only then does the service answer.
#include "settings/secretstore.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QPointer>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;

namespace {

// org.freedesktop.secrets that answers nothing until told to, then fails
// every call it held.
class SilentSecretService final : public QDBusVirtualObject
{
    Q_OBJECT

public:
    using QDBusVirtualObject::QDBusVirtualObject;

    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &message, const QDBusConnection &) override
    {
        message.setDelayedReply(true);
        m_held.append(message);
        return true;
    }
    qsizetype held() const { return m_held.size(); }
    void failEverything()
    {
        for (const QDBusMessage &message : std::as_const(m_held))
            QDBusConnection::sessionBus().send(message.createErrorReply(
                u"org.freedesktop.DBus.Error.Failed"_s, u"the prompt was dismissed"_s));
        m_held.clear();
    }

private:
    QList<QDBusMessage> m_held;
};

} // namespace

class TestKeychainJobs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobOutlivesADeletedStore()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), "no session bus: run this test under dbus-run-session");
        SilentSecretService service;
        QVERIFY(bus.registerVirtualObject(u"/org/freedesktop/secrets"_s, &service,
                                          QDBusConnection::SubPath));
        QVERIFY2(bus.registerService(u"org.freedesktop.secrets"_s),
                 "another Secret Service owns the name on this bus");

        auto store = std::make_unique<Ui::KeychainSecretStore>(u"CancelDesk-test-jobs"_s);
        store->setTimeout(300);
        QString answer;
        bool answered = false;
        store->applyChanges({{u"uqpay/api_key"_s, QByteArray("secret")}}, this,
                            [&](const QString &error) {
                                answer = error;
                                answered = true;
                            });
        // The write waits on the service until the store gives up on it.
        QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
        QVERIFY2(!answer.isEmpty(), "a held write cannot have succeeded");
        QVERIFY(service.held() > 0);

        // The store goes (as openSecretStore drops it for the file store);
        // then the service answers the calls it held.
        QPointer<Ui::KeychainSecretStore> gone = store.get();
        store.reset();
        QVERIFY(!gone);
        service.failEverything();
        // libsecret's callbacks run on this thread's event loop: with the job
        // deleted with the store this crashed (or ASan reported a
        // heap-use-after-free); now the job ends and deletes itself.
        QTest::qWait(1000);
        // Anything libsecret asks next is failed too.
        service.failEverything();
        QTest::qWait(300);

        bus.unregisterService(u"org.freedesktop.secrets"_s);
        bus.unregisterObject(u"/org/freedesktop/secrets"_s, QDBusConnection::UnregisterTree);
    }
};

QTEST_MAIN(TestKeychainJobs)
#include "tst_keychainjobs.moc"
