// The console's sandbox keeps its payments and their cancels in its state
// folder (SandboxOptions::persist): a restart continues where the last run
// stopped, so the orders in the console's store still exist at the provider.

#include "antomsim.h"
#include "liquidosim.h"
#include "sandboxtest.h"
#include "uqpaysim.h"

#include <QDir>
#include <QJsonArray>

using namespace CancelDesk;
using namespace CancelDesk::SandboxTest;
using Sandbox::SandboxServer;

namespace {

const QDateTime kStart = at(u"2026-03-02T10:00:00+08:00"_s);

std::unique_ptr<SandboxServer> startKept(const QString &dir, const QDateTime &clock = kStart)
{
    auto server = std::make_unique<SandboxServer>();
    server->setClock([clock] { return clock; });
    Sandbox::SandboxOptions options;
    options.stateDir = dir;
    options.persist = true;
    options.asyncCancelDelayMs = 200;
    if (server->start(options) == 0)
        qFatal("sandbox did not start: %s", qPrintable(server->errorString()));
    return server;
}

QJsonObject everything(const SandboxServer &server)
{
    return {{"uqpay"_L1, server.uqpay().saveState()},
            {"antom"_L1, server.antom().saveState()},
            {"liquido"_L1, server.liquido().saveState()}};
}

Reply uqpayCancel(Http &http, const SandboxServer &server, const QString &id, const QByteArray &key)
{
    Headers headers = uqpayHeaders(server, uqpayToken(http, server));
    headers.append({"x-idempotency-key", key});
    return http.send("POST", url(server, u"/api/v2/payment_intents/%1/cancel"_s.arg(id)), headers,
                     R"({"cancellation_reason":"requested_by_customer"})");
}

QString intentStatus(Http &http, const SandboxServer &server, const QString &id)
{
    return http
        .send("GET", url(server, u"/api/v2/payment_intents/"_s + id),
              uqpayHeaders(server, uqpayToken(http, server)))
        .json()
        .value("intent_status"_L1)
        .toString();
}

} // namespace

class TestSandboxPersist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restartKeepsPaymentsCancelsAndReplays()
    {
        QTemporaryDir dir;
        Http http;
        QByteArray firstBody;
        QString card;
        QJsonObject before;
        QStringList demo;
        const QByteArray key = newUuid();
        {
            auto server = startKept(dir.path());
            demo = server->demoIds(u"uqpay"_s) + server->demoIds(u"antom"_s)
                   + server->demoIds(u"liquido"_s);
            QVERIFY(demo.size() >= 30);
            card = server->demoIds(u"uqpay"_s).first(); // unpaid card: a synchronous cancel
            const Reply first = uqpayCancel(http, *server, card, key);
            QCOMPARE(first.status, 200);
            firstBody = first.body;
            before = everything(*server);
            QVERIFY(QFileInfo(server->paymentsFile()).exists());
            QCOMPARE(QFileInfo(server->paymentsFile()).permissions()
                         & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                     QFileDevice::Permissions());
        }

        auto again = startKept(dir.path());
        QVERIFY(again->startWarning().isEmpty());
        // The same demo payments, not new ones, in every provider.
        QCOMPARE(again->demoIds(u"uqpay"_s) + again->demoIds(u"antom"_s)
                     + again->demoIds(u"liquido"_s),
                 demo);
        QCOMPARE(everything(*again), before);
        QCOMPARE(intentStatus(http, *again, card), u"CANCELLED"_s);
        // The retry of a cancel with its key after the restart is the replay
        // of the first answer, byte for byte (UQPAY's 24-hour idempotency).
        const Reply replay = uqpayCancel(http, *again, card, key);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.body, firstBody);
    }

    void aWalletCancelAcceptedBeforeARestartStillCompletes()
    {
        QTemporaryDir dir;
        Http http;
        QString wallet;
        {
            auto server = startKept(dir.path());
            Sandbox::UqpayIntent intent;
            intent.id = server->uqpay().newIntentId();
            intent.merchantOrderId = u"SO-W1"_s;
            intent.amount = Domain::Money{8800, u"CNY"_s};
            intent.methodType = u"wechatpay"_s;
            intent.status = u"REQUIRES_CUSTOMER_ACTION"_s;
            intent.created = server->now().addSecs(-120);
            intent.updated = intent.created;
            intent.asyncDelayMs = 60000; // not before this server stops
            server->uqpay().addIntent(intent);
            wallet = intent.id;
            QCOMPARE(uqpayCancel(http, *server, wallet, newUuid()).status, 200);
            QVERIFY(intentStatus(http, *server, wallet) != u"CANCELLED"_s);
        }
        // The restarted provider finishes what it accepted.
        QJsonObject state;
        {
            QFile file(QDir(dir.path()).filePath(u"payments.json"_s));
            QVERIFY(file.open(QIODevice::ReadOnly));
            state = QJsonDocument::fromJson(file.readAll()).object();
        }
        QJsonObject uqpay = state.value("uqpay"_L1).toObject();
        QJsonArray intents = uqpay.value("intents"_L1).toArray();
        for (int i = 0; i < intents.size(); ++i) {
            QJsonObject o = intents.at(i).toObject();
            if (o.value("id"_L1).toString() == wallet) {
                QVERIFY(o.value("cancel_pending"_L1).toBool());
                o.insert("async_delay_ms"_L1, 100);
                intents.replace(i, o);
            }
        }
        uqpay.insert("intents"_L1, intents);
        state.insert("uqpay"_L1, uqpay);
        {
            QFile file(QDir(dir.path()).filePath(u"payments.json"_s));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(state).toJson());
        }
        auto again = startKept(dir.path());
        QSignalSpy flipped(again.get(), &SandboxServer::cancelFlipped);
        QVERIFY(flipped.wait(5000));
        QCOMPARE(flipped.first().first().toString(), wallet);
        QCOMPARE(intentStatus(http, *again, wallet), u"CANCELLED"_s);
    }

    void anUnreadableFileIsSetAsideNotLost()
    {
        QTemporaryDir dir;
        QStringList first;
        {
            auto server = startKept(dir.path());
            first = server->demoIds(u"uqpay"_s);
        }
        const QString file = QDir(dir.path()).filePath(u"payments.json"_s);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("{\"version\": 1, \"uqpay\": [trunc");
        }
        auto again = startKept(dir.path());
        QVERIFY(!again->startWarning().isEmpty());
        QVERIFY(again->startWarning().contains(u"payments.json"_s));
        const QStringList aside =
            QDir(dir.path()).entryList({u"payments.json.unreadable-*"_s}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QVERIFY(readAll(QDir(dir.path()).filePath(aside.first())).startsWith("{\"version\": 1"));
        // Started afresh with new demo payments, and keeps them from now on.
        QVERIFY(again->demoIds(u"uqpay"_s).size() >= 10);
        QVERIFY(again->demoIds(u"uqpay"_s) != first);
        QVERIFY(QFileInfo::exists(file));
    }

    void withoutPersistNothingIsWritten()
    {
        QTemporaryDir dir;
        auto server = startSandbox(dir.path(), kStart);
        QVERIFY(server->paymentsFile().isEmpty());
        QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath(u"payments.json"_s)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxPersist)
#include "tst_sandbox_persist.moc"
