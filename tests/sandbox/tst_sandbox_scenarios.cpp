// Every scenario kind of app/sandbox/README.md, observed from the client side.

#include "antomsim.h"
#include "liquidosim.h"
#include "sandboxtest.h"
#include "scenario.h"
#include "uqpaysim.h"

#include <QElapsedTimer>

using namespace CancelDesk;
using namespace CancelDesk::SandboxTest;
using Sandbox::SandboxServer;
using Sandbox::Scenario;

namespace {
const QByteArray kCancel = "/ams/api/v1/payments/cancel";
const QByteArray kInquiry = "/ams/api/v1/payments/inquiryPayment";
} // namespace

class TestSandboxScenarios : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> start()
    {
        auto server = std::make_unique<SandboxServer>();
        Sandbox::SandboxOptions options;
        options.stateDir = m_state.path();
        options.seedDemo = false;
        options.asyncCancelDelayMs = 60000; // only scenarios make it short
        if (server->start(options) == 0)
            qFatal("sandbox did not start: %s", qPrintable(server->errorString()));
        m_keys = antomKeys(*server);
        return server;
    }

    QString addIntent(SandboxServer &server, const QString &method, const QString &status)
    {
        Sandbox::UqpayIntent intent;
        intent.id = server.uqpay().newIntentId();
        intent.amount = Domain::Money{500, u"USD"_s};
        intent.methodType = method;
        intent.status = status;
        intent.created = server.now().addSecs(-60);
        server.uqpay().addIntent(intent);
        return intent.id;
    }

    QString addAntom(SandboxServer &server)
    {
        Sandbox::AntomPayment p;
        p.paymentId = server.antom().newPaymentId();
        p.paymentRequestId = u"req_"_s + p.paymentId;
        p.amount = Domain::Money{1000, u"USD"_s};
        p.method = u"ALIPAY_HK"_s;
        p.status = u"PROCESSING"_s;
        p.created = server.now().addSecs(-30);
        server.antom().addPayment(p);
        return p.paymentId;
    }

    // A cancellable Liquido charge (PicPay, in progress).
    Sandbox::LiquidoCharge addPicPay(SandboxServer &server)
    {
        Sandbox::LiquidoCharge charge;
        charge.idempotencyKey = server.liquido().newKey();
        charge.method = u"PIC_PAY"_s;
        charge.status = u"IN_PROGRESS"_s;
        charge.created = server.now();
        server.liquido().addCharge(charge);
        return charge;
    }

    Scenario scenario(const QString &id, Scenario::Kind kind, int times = 1)
    {
        Scenario s;
        s.paymentId = id;
        s.kind = kind;
        s.times = times;
        return s;
    }

    Reply retrieve(SandboxServer &server, const QString &id, int timeoutMs = 20000)
    {
        return m_http.send("GET", url(server, u"/api/v2/payment_intents/"_s + id),
                           uqpayHeaders(server, m_token), {}, timeoutMs);
    }

    Reply cancel(SandboxServer &server, const QString &id, const QByteArray &key,
                 int timeoutMs = 20000)
    {
        Headers headers = uqpayHeaders(server, m_token);
        headers.append({"x-idempotency-key", key});
        return m_http.send("POST", url(server, u"/api/v2/payment_intents/%1/cancel"_s.arg(id)),
                           headers, {}, timeoutMs);
    }

    QTemporaryDir m_state;
    Http m_http;
    AntomKeys m_keys;
    QByteArray m_token;

private Q_SLOTS:
    void antomUnknownThenSuccess()
    {
        auto server = start();
        const QString id = addAntom(*server);
        QVERIFY(server->loadScenarios(
            u"{\"scenarios\":[{\"payment\":\"%1\",\"kind\":\"unknown\",\"on\":\"cancel\",\"times\":2}]}"_s
                .arg(id)
                .toUtf8()));
        for (int i = 0; i < 2; ++i) {
            const Reply u = antomCall(m_http, *server, kCancel, antomBody(id), m_keys);
            QCOMPARE(u.status, 200);
            QCOMPARE(resultStatus(u), u"U"_s);
            QCOMPARE(resultCode(u), u"UNKNOWN_EXCEPTION"_s);
            QVERIFY(antomResponseVerifies(u, *server, kCancel, m_keys));
            // Not applied: the payment is still open.
            QCOMPARE(server->antom().payment(id)->status, u"PROCESSING"_s);
        }
        // "on": "cancel" leaves inquiries alone.
        QCOMPARE(resultStatus(antomCall(m_http, *server, kInquiry, antomBody(id), m_keys)), u"S"_s);
        const Reply s = antomCall(m_http, *server, kCancel, antomBody(id), m_keys);
        QCOMPARE(resultStatus(s), u"S"_s);
    }

    void antomSignatureScenarios()
    {
        auto server = start();
        const QString id = addAntom(*server);
        server->addScenario(scenario(id, Scenario::Kind::Unsigned));
        server->addScenario(scenario(id, Scenario::Kind::ForgedSignature));
        const Reply unsignedReply = antomCall(m_http, *server, kInquiry, antomBody(id), m_keys);
        QCOMPARE(resultStatus(unsignedReply), u"S"_s);
        QVERIFY(!unsignedReply.hasHeader("signature"));
        QVERIFY(!antomResponseVerifies(unsignedReply, *server, kInquiry, m_keys));
        const Reply forged = antomCall(m_http, *server, kInquiry, antomBody(id), m_keys);
        QVERIFY(forged.hasHeader("signature"));
        QVERIFY(!antomResponseVerifies(forged, *server, kInquiry, m_keys));
        const Reply normal = antomCall(m_http, *server, kInquiry, antomBody(id), m_keys);
        QVERIFY(antomResponseVerifies(normal, *server, kInquiry, m_keys));
    }

    void httpErrorOnceThenOk()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        Scenario s = scenario(id, Scenario::Kind::HttpError, 2);
        s.status = 503;
        server->addScenario(s);
        for (int i = 0; i < 2; ++i) {
            const Reply failed = retrieve(*server, id);
            QCOMPARE(failed.status, 503);
            QCOMPARE(failed.json().value("type"_L1).toString(), u"api_error"_s);
        }
        QCOMPARE(retrieve(*server, id).status, 200);
    }

    void rateLimitWithRetryAfter()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        Scenario s = scenario(id, Scenario::Kind::RateLimit);
        s.retryAfterSeconds = 7;
        server->addScenario(s);
        const Reply limited = cancel(*server, id, newUuid());
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("Retry-After"), QByteArray("7"));
        // Not applied and not cached: a retry goes through.
        QCOMPARE(retrieve(*server, id).json().value("intent_status"_L1).toString(),
                 u"REQUIRES_CAPTURE"_s);
        QCOMPARE(cancel(*server, id, newUuid()).status, 200);
    }

    void bodyScenarios_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addRow("malformed_json") << u"malformed_json"_s;
        QTest::addRow("truncated_body") << u"truncated_body"_s;
        QTest::addRow("html") << u"html"_s;
        QTest::addRow("wrong_content_type") << u"wrong_content_type"_s;
        QTest::addRow("oversized") << u"oversized"_s;
    }

    void bodyScenarios()
    {
        QFETCH(QString, kind);
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        QVERIFY(server->loadScenarios(
            u"{\"scenarios\":[{\"payment\":\"%1\",\"kind\":\"%2\"}]}"_s.arg(id, kind).toUtf8()));
        const Reply reply = retrieve(*server, id);
        if (kind == "malformed_json"_L1) {
            QCOMPARE(reply.status, 200);
            QVERIFY(!reply.isJson());
        } else if (kind == "truncated_body"_L1) {
            const qint64 promised = reply.header("Content-Length").toLongLong();
            QVERIFY(reply.error != QNetworkReply::NoError || reply.body.size() < promised);
        } else if (kind == "html"_L1) {
            QVERIFY(reply.header("Content-Type").startsWith("text/html"));
            QVERIFY(reply.body.startsWith("<!DOCTYPE html>"));
        } else if (kind == "wrong_content_type"_L1) {
            QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
            QVERIFY(reply.isJson());
        } else if (kind == "oversized"_L1) {
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.body.size() >= 6 * 1024 * 1024);
        }
        // Once only: the next answer is normal.
        const Reply next = retrieve(*server, id);
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json().value("payment_intent_id"_L1).toString(), id);
    }

    void delayAnswersLater()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        Scenario s = scenario(id, Scenario::Kind::Delay);
        s.ms = 400;
        server->addScenario(s);
        QElapsedTimer timer;
        timer.start();
        const Reply reply = retrieve(*server, id);
        QCOMPARE(reply.status, 200);
        QVERIFY(timer.elapsed() >= 400); // a lower bound: never flaky on a slow machine
    }

    void timeoutHoldsTheAnswerButApplies()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        Scenario s = scenario(id, Scenario::Kind::Timeout);
        s.on = Scenario::On::Cancel;
        s.ms = 30000;
        server->addScenario(s);
        const QByteArray key = newUuid();
        const Reply lost = cancel(*server, id, key, 500);
        QVERIFY(lost.error != QNetworkReply::NoError);
        QCOMPARE(lost.status, 0);
        // The provider did cancel; a retry with the same key gets the cached answer.
        QCOMPARE(retrieve(*server, id).json().value("intent_status"_L1).toString(), u"CANCELLED"_s);
        const Reply retry = cancel(*server, id, key);
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json().value("intent_status"_L1).toString(), u"CANCELLED"_s);
    }

    void timeoutWithoutApplying()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        QVERIFY(server->loadScenarios(
            u"[{\"payment\":\"%1\",\"kind\":\"timeout\",\"on\":\"cancel\",\"ms\":5000,\"apply\":false}]"_s
                .arg(id)
                .toUtf8()));
        const Reply lost = cancel(*server, id, newUuid(), 500);
        QVERIFY(lost.error != QNetworkReply::NoError);
        QCOMPARE(retrieve(*server, id).json().value("intent_status"_L1).toString(),
                 u"REQUIRES_CAPTURE"_s);
    }

    void asyncCancelDelay()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString fast = addIntent(*server, u"alipaycn"_s, u"REQUIRES_CUSTOMER_ACTION"_s);
        const QString slow = addIntent(*server, u"alipaycn"_s, u"REQUIRES_CUSTOMER_ACTION"_s);
        Scenario s = scenario(fast, Scenario::Kind::AsyncCancelDelay);
        s.ms = 100;
        server->addScenario(s);
        QSignalSpy flipped(server.get(), &SandboxServer::cancelFlipped);
        QCOMPARE(cancel(*server, fast, newUuid()).status, 200);
        QCOMPARE(cancel(*server, slow, newUuid()).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(flipped.count(), 1, 20000);
        QCOMPARE(flipped.at(0).at(0).toString(), fast);
        QCOMPARE(retrieve(*server, fast).json().value("intent_status"_L1).toString(),
                 u"CANCELLED"_s);
        QCOMPARE(retrieve(*server, slow).json().value("intent_status"_L1).toString(),
                 u"REQUIRES_CUSTOMER_ACTION"_s);
    }

    void windowExceeded()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString pi = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        const QString antom = addAntom(*server);
        const Sandbox::LiquidoCharge charge = addPicPay(*server);
        for (const QString &id : {pi, antom, charge.idempotencyKey})
            server->addScenario(scenario(id, Scenario::Kind::WindowExceeded));

        const Reply uqpay = cancel(*server, pi, newUuid());
        QCOMPARE(uqpay.status, 400);
        QCOMPARE(uqpay.json().value("type"_L1).toString(), u"payment_error"_s);
        QCOMPARE(resultCode(antomCall(m_http, *server, kCancel, antomBody(antom), m_keys)),
                 u"CANCEL_WINDOW_EXCEED"_s);
        const Reply liquido = m_http.send(
            "POST", url(*server, u"/v1/payments/charges/cancel/"_s + charge.idempotencyKey),
            liquidoHeaders(*server, liquidoToken(m_http, *server)));
        QCOMPARE(liquido.status, 400);
    }

    void alreadyRefunded()
    {
        auto server = start();
        const QString id = addAntom(*server);
        // Also addressable by the merchant's paymentRequestId.
        server->addScenario(scenario(u"req_"_s + id, Scenario::Kind::AlreadyRefunded));
        QCOMPARE(resultCode(antomCall(m_http, *server, kCancel, antomBody(id), m_keys)),
                 u"PROCESS_FAIL"_s);
    }

    void tokenExpired()
    {
        auto server = start();
        m_token = uqpayToken(m_http, *server);
        const QString pi = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        const QString antom = addAntom(*server);
        const Sandbox::LiquidoCharge charge = addPicPay(*server);
        for (const QString &id : {pi, antom, charge.idempotencyKey}) {
            Scenario s = scenario(id, Scenario::Kind::TokenExpired);
            s.on = Scenario::On::Cancel;
            server->addScenario(s);
        }

        // UQPAY: 401 as for an expired token; not applied; the old token is dead.
        const QByteArray key = newUuid();
        const Reply expired = cancel(*server, pi, key);
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.json().value("type"_L1).toString(), u"unauthorized_error"_s);
        QVERIFY(expired.json().value("message"_L1).toString().contains(u"expired"_s));
        QCOMPARE(server->uqpay().intent(pi)->status, u"REQUIRES_CAPTURE"_s);
        QCOMPARE(retrieve(*server, pi).status, 401);
        // A new token and the identical request (same key) go through.
        m_token = uqpayToken(m_http, *server);
        QCOMPARE(cancel(*server, pi, key).status, 200);
        QCOMPARE(server->uqpay().intent(pi)->status, u"CANCELLED"_s);

        // Liquido: the same with its own 401.
        const QByteArray oldToken = liquidoToken(m_http, *server);
        const QUrl cancelUrl =
            url(*server, u"/v1/payments/charges/cancel/"_s + charge.idempotencyKey);
        const Reply liquidoExpired =
            m_http.send("POST", cancelUrl, liquidoHeaders(*server, oldToken));
        QCOMPARE(liquidoExpired.status, 401);
        QCOMPARE(server->liquido().charge(charge.idempotencyKey)->status, u"IN_PROGRESS"_s);
        QCOMPARE(m_http
                     .send("GET", url(*server, u"/v1/payments/charges/"_s + charge.idempotencyKey),
                           liquidoHeaders(*server, oldToken))
                     .status,
                 401);
        const Reply liquidoOk =
            m_http.send("POST", cancelUrl, liquidoHeaders(*server, liquidoToken(m_http, *server)));
        QCOMPARE(liquidoOk.status, 200);
        QCOMPARE(server->liquido().charge(charge.idempotencyKey)->status, u"CANCELLED"_s);

        // Antom signs every request and has no token: its normal answer.
        QCOMPARE(resultStatus(antomCall(m_http, *server, kCancel, antomBody(antom), m_keys)),
                 u"S"_s);
    }

    void wildcardAndFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"scenarios.json"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(
            R"({"scenarios":[{"payment":"*","kind":"http_error","status":502,"on":"inquiry"}]})");
        out.close();
        auto server = std::make_unique<SandboxServer>();
        Sandbox::SandboxOptions options;
        options.stateDir = m_state.path();
        options.seedDemo = false;
        options.scenarioFile = file;
        QVERIFY(server->start(options) != 0);
        m_token = uqpayToken(m_http, *server); // tokens are not scenario targets
        QVERIFY(!m_token.isEmpty());
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s);
        QCOMPARE(retrieve(*server, id).status, 502);
        QCOMPARE(retrieve(*server, id).status, 200);
    }

    void badScenarioFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("not json") << QByteArray("{");
        QTest::addRow("no list") << QByteArray(R"({"x":1})");
        QTest::addRow("unknown kind") << QByteArray(R"([{"payment":"P","kind":"explode"}])");
        QTest::addRow("no payment") << QByteArray(R"([{"kind":"delay"}])");
        QTest::addRow("bad status")
            << QByteArray(R"([{"payment":"P","kind":"http_error","status":200}])");
        QTest::addRow("hold too long")
            << QByteArray(R"([{"payment":"P","kind":"timeout","ms":60000}])");
        QTest::addRow("zero times") << QByteArray(R"([{"payment":"P","kind":"delay","times":0}])");
        QTest::addRow("bad on") << QByteArray(R"([{"payment":"P","kind":"delay","on":"refund"}])");
    }

    void badScenarioFiles()
    {
        QFETCH(QByteArray, json);
        const Sandbox::ScenarioParseResult parsed = Sandbox::parseScenarios(json);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.scenarios.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxScenarios)
#include "tst_sandbox_scenarios.moc"
