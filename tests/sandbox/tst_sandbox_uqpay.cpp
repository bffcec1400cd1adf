// The simulated UQPAY (PROVIDERS.md §1, §4.5) over real loopback HTTP.

#include "sandboxtest.h"
#include "uqpaysim.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QMessageAuthenticationCode>

using namespace CancelDesk;
using namespace CancelDesk::SandboxTest;
using Sandbox::SandboxServer;
using Sandbox::UqpayIntent;

class TestSandboxUqpay : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> start(const QDateTime &clock = {})
    {
        return startSandbox(m_state.path(), clock, 200);
    }

    QString addIntent(SandboxServer &server, const QString &method, const QString &status,
                      qint64 createdAgoSeconds, qint64 paidAgoSeconds = -1)
    {
        UqpayIntent intent;
        intent.id = server.uqpay().newIntentId();
        intent.merchantOrderId = u"SO-T"_s;
        intent.amount = Domain::Money{888, u"SGD"_s};
        intent.methodType = method;
        intent.status = status;
        intent.created = server.now().addSecs(-createdAgoSeconds);
        if (paidAgoSeconds >= 0)
            intent.completed = server.now().addSecs(-paidAgoSeconds);
        server.uqpay().addIntent(intent);
        return intent.id;
    }

    Reply cancel(Http &http, SandboxServer &server, const QByteArray &token, const QString &id,
                 const QByteArray &key,
                 const QByteArray &body = R"({"cancellation_reason":"requested_by_customer"})")
    {
        Headers headers = uqpayHeaders(server, token);
        if (!key.isEmpty())
            headers.append({"x-idempotency-key", key});
        return http.send("POST", url(server, u"/api/v2/payment_intents/%1/cancel"_s.arg(id)),
                         headers, body);
    }

    Reply retrieve(Http &http, SandboxServer &server, const QByteArray &token, const QString &id)
    {
        return http.send("GET", url(server, u"/api/v2/payment_intents/"_s + id),
                         uqpayHeaders(server, token));
    }

    QTemporaryDir m_state;

private Q_SLOTS:
    void tokenRotation()
    {
        auto server = start();
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_PAYMENT_METHOD"_s, 60);
        const QByteArray first = uqpayToken(http, *server);
        QVERIFY(!first.isEmpty());
        QCOMPARE(retrieve(http, *server, first, id).status, 200);

        const QByteArray second = uqpayToken(http, *server);
        QVERIFY(second != first);
        const Reply old = retrieve(http, *server, first, id);
        QCOMPARE(old.status, 401);
        QCOMPARE(old.json().value("type"_L1).toString(), u"unauthorized_error"_s);
        QCOMPARE(retrieve(http, *server, second, id).status, 200);
    }

    void tokenResponseShape()
    {
        const QDateTime t0 = at(u"2026-03-02T10:00:00+08:00"_s);
        auto server = start(t0);
        Http http;
        const Reply reply =
            http.send("POST", url(*server, u"/api/v1/connect/token"_s),
                      {{"x-client-id", cfg(*server, u"uqpay"_s, u"client_id"_s).toLatin1()},
                       {"x-api-key", cfg(*server, u"uqpay"_s, u"api_key"_s).toLatin1()}});
        QCOMPARE(reply.status, 200);
        // expired_at in Unix seconds, 30 minutes ahead.
        QCOMPARE(reply.json().value("expired_at"_L1).toInteger(), t0.toSecsSinceEpoch() + 1800);

        const Reply wrong = http.send("POST", url(*server, u"/api/v1/connect/token"_s),
                                      {{"x-client-id", "nobody"}, {"x-api-key", "nothing"}});
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.json().value("type"_L1).toString(), u"unauthorized_error"_s);
    }

    void tokenExpires()
    {
        auto server = start(at(u"2026-03-02T10:00:00+08:00"_s));
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s, 60);
        const QByteArray token = uqpayToken(http, *server);
        server->advanceClock(29 * 60);
        QCOMPARE(retrieve(http, *server, token, id).status, 200);
        server->advanceClock(2 * 60);
        QCOMPARE(retrieve(http, *server, token, id).status, 401);
    }

    void bearerPrefixRequired()
    {
        auto server = start();
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_PAYMENT_METHOD"_s, 60);
        const QByteArray token = uqpayToken(http, *server);
        const QByteArray clientId = cfg(*server, u"uqpay"_s, u"client_id"_s).toLatin1();
        const Reply bare = http.send("GET", url(*server, u"/api/v2/payment_intents/"_s + id),
                                     {{"x-client-id", clientId}, {"x-auth-token", token}});
        QCOMPARE(bare.status, 401);
        QCOMPARE(bare.json().value("type"_L1).toString(), u"unauthorized_error"_s);
        QCOMPARE(bare.json().value("message"_L1).toString(), u"invalid auth token format"_s);

        const Reply missing = http.send("GET", url(*server, u"/api/v2/payment_intents/"_s + id),
                                        {{"x-client-id", clientId}});
        QCOMPARE(missing.status, 401);
        const Reply noClient = http.send("GET", url(*server, u"/api/v2/payment_intents/"_s + id),
                                         {{"x-auth-token", "Bearer " + token}});
        QCOMPARE(noClient.status, 401);
    }

    void notFoundIs400()
    {
        auto server = start();
        Http http;
        const Reply reply = retrieve(http, *server, uqpayToken(http, *server), u"PI404"_s);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value("type"_L1).toString(), u"not_found"_s);
        QVERIFY(reply.json().contains("code"_L1));
        QVERIFY(reply.json().contains("message"_L1));
    }

    void unknownRouteIs404()
    {
        auto server = start();
        Http http;
        QCOMPARE(http.send("GET", url(*server, u"/api/v2/unknown"_s)).status, 404);
        QCOMPARE(http.send("GET", url(*server, u"/elsewhere"_s)).status, 404);
    }

    void retrieveShape()
    {
        auto server = start();
        Http http;
        const QString id = addIntent(*server, u"wechatpay"_s, u"REQUIRES_CUSTOMER_ACTION"_s, 60);
        const QJsonObject pi = retrieve(http, *server, uqpayToken(http, *server), id).json();
        QCOMPARE(pi.value("payment_intent_id"_L1).toString(), id);
        QCOMPARE(pi.value("amount"_L1).toString(), u"8.88"_s); // decimal string, major units
        QCOMPARE(pi.value("currency"_L1).toString(), u"SGD"_s);
        QCOMPARE(pi.value("cancel_time"_L1).toString(), QString()); // unset = "" in REST
        QVERIFY(
            QDateTime::fromString(pi.value("create_time"_L1).toString(), Qt::ISODate).isValid());
        QVERIFY(pi.value("create_time"_L1).toString().endsWith("+08:00"_L1));
        QCOMPARE(
            pi.value("latest_payment_attempt"_L1).toObject().value("attempt_status"_L1).toString(),
            u"AUTHENTICATION_REDIRECTED"_s);
    }

    void listPaging()
    {
        const QDateTime t0 = at(u"2026-03-02T10:00:00+08:00"_s);
        auto server = start(t0);
        Http http;
        QStringList ids;
        for (int i = 0; i < 5; ++i)
            ids.append(addIntent(*server, u"card"_s, u"REQUIRES_CAPTURE"_s, (i + 1) * 60));
        addIntent(*server, u"card"_s, u"SUCCEEDED"_s, 10 * 60, 9 * 60);
        const QByteArray token = uqpayToken(http, *server);

        QUrlQuery q;
        q.addQueryItem(u"page_size"_s, u"2"_s);
        q.addQueryItem(u"page_number"_s, u"2"_s);
        q.addQueryItem(u"payment_intent_status"_s, u"REQUIRES_CAPTURE"_s);
        const Reply page = http.send("GET", url(*server, u"/api/v2/payment_intents"_s, q),
                                     uqpayHeaders(*server, token));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value("total_items"_L1).toInt(), 5);
        QCOMPARE(page.json().value("total_pages"_L1).toInt(), 3);
        const QJsonArray data = page.json().value("data"_L1).toArray();
        QCOMPARE(data.size(), 2);
        // Newest first: page 2 holds the 3rd and 4th newest.
        QCOMPARE(data.at(0).toObject().value("payment_intent_id"_L1).toString(), ids.at(2));

        // Exclusive bounds: an intent created exactly at start_time is not included.
        QUrlQuery bounds;
        bounds.addQueryItem(u"page_size"_s, u"100"_s);
        bounds.addQueryItem(u"page_number"_s, u"1"_s);
        bounds.addQueryItem(
            u"start_time"_s,
            t0.addSecs(-3 * 60).toTimeZone(QTimeZone(8 * 3600)).toString(Qt::ISODate));
        bounds.addQueryItem(
            u"end_time"_s,
            t0.addSecs(-1 * 60).toTimeZone(QTimeZone(8 * 3600)).toString(Qt::ISODate));
        QUrl boundedUrl = url(*server, u"/api/v2/payment_intents"_s);
        boundedUrl.setQuery(bounds.query(QUrl::FullyEncoded).replace(u'+', u"%2B"_s),
                            QUrl::StrictMode);
        const Reply bounded = http.send("GET", boundedUrl, uqpayHeaders(*server, token));
        QCOMPARE(bounded.status, 200);
        QCOMPARE(bounded.json().value("total_items"_L1).toInt(), 1);
        QCOMPARE(bounded.json()
                     .value("data"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("payment_intent_id"_L1)
                     .toString(),
                 ids.at(1));

        for (const QString &size : {u"0"_s, u"101"_s, u"x"_s}) {
            QUrlQuery bad;
            bad.addQueryItem(u"page_size"_s, size);
            const Reply refused = http.send("GET", url(*server, u"/api/v2/payment_intents"_s, bad),
                                            uqpayHeaders(*server, token));
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.json().value("type"_L1).toString(), u"invalid_request_error"_s);
        }
    }

    void idempotencyKeyRequired()
    {
        auto server = start();
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_PAYMENT_METHOD"_s, 60);
        const QByteArray token = uqpayToken(http, *server);
        const Reply missing = cancel(http, *server, token, id, {});
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.json().value("type"_L1).toString(), u"idempotency_error"_s);
        const Reply notUuid = cancel(http, *server, token, id, "not-a-uuid");
        QCOMPARE(notUuid.status, 400);
        QCOMPARE(notUuid.json().value("type"_L1).toString(), u"idempotency_error"_s);
        // Neither attempt cancelled anything.
        QCOMPARE(retrieve(http, *server, token, id).json().value("intent_status"_L1).toString(),
                 u"REQUIRES_PAYMENT_METHOD"_s);
    }

    void idempotentReplayIsByteIdentical()
    {
        auto server = start();
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_CUSTOMER_ACTION"_s, 60);
        const QString other = addIntent(*server, u"card"_s, u"REQUIRES_PAYMENT_METHOD"_s, 60);
        const QByteArray token = uqpayToken(http, *server);
        const QByteArray key = newUuid();

        const Reply first = cancel(http, *server, token, id, key);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value("intent_status"_L1).toString(), u"CANCELLED"_s); // card: sync
        QVERIFY(!first.json().value("cancel_time"_L1).toString().isEmpty());

        const Reply replay = cancel(http, *server, token, id, key);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.body, first.body);

        // A new key is a new operation: the intent is terminal now.
        const Reply fresh = cancel(http, *server, token, id, newUuid());
        QCOMPARE(fresh.status, 400);
        QCOMPARE(fresh.json().value("type"_L1).toString(), u"payment_error"_s);

        // The same key with another body or another intent is refused.
        const Reply otherBody =
            cancel(http, *server, token, id, key, R"({"cancellation_reason":"duplicate"})");
        QCOMPARE(otherBody.status, 400);
        QCOMPARE(otherBody.json().value("type"_L1).toString(), u"idempotency_error"_s);
        const Reply otherIntent = cancel(http, *server, token, other, key);
        QCOMPARE(otherIntent.status, 400);
        QCOMPARE(otherIntent.json().value("type"_L1).toString(), u"idempotency_error"_s);
        QCOMPARE(retrieve(http, *server, token, other).json().value("intent_status"_L1).toString(),
                 u"REQUIRES_PAYMENT_METHOD"_s);
    }

    void failureIsReplayedToo()
    {
        auto server = start(at(u"2026-03-02T10:00:00+08:00"_s));
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"SUCCEEDED"_s, 600, 500);
        const QByteArray token = uqpayToken(http, *server);
        const QByteArray key = newUuid();
        const Reply first = cancel(http, *server, token, id, key);
        QCOMPARE(first.status, 400);
        QCOMPARE(first.json().value("type"_L1).toString(), u"payment_error"_s);
        QCOMPARE(cancel(http, *server, token, id, key).body, first.body);

        // The cache lives 24 hours; after that the key is processed afresh.
        const QString missing = u"PI9999"_s;
        const QByteArray key2 = newUuid();
        const Reply notFound = cancel(http, *server, token, missing, key2);
        QCOMPARE(notFound.status, 400);
        QCOMPARE(notFound.json().value("type"_L1).toString(), u"not_found"_s);
        UqpayIntent late;
        late.id = missing;
        late.amount = Domain::Money{100, u"SGD"_s};
        late.status = u"REQUIRES_CAPTURE"_s;
        late.created = server->now();
        server->uqpay().addIntent(late);
        QCOMPARE(cancel(http, *server, token, missing, key2).body, notFound.body);
        server->advanceClock(24 * 3600 + 60);
        const QByteArray token2 = uqpayToken(http, *server);
        const Reply after = cancel(http, *server, token2, missing, key2);
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json().value("intent_status"_L1).toString(), u"CANCELLED"_s);
    }

    void walletCancelIsAsynchronous()
    {
        // A webhook receiver on loopback, to see the signed acquiring.cancel.succeeded.
        QHttpServer receiver;
        QByteArray hookBody;
        QByteArray hookTimestamp;
        QByteArray hookSignature;
        receiver.setMissingHandler(
            [&](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                hookBody = request.body();
                hookTimestamp = request.value("x-wk-timestamp");
                hookSignature = request.value("x-wk-signature");
                responder.write(QHttpServerResponder::StatusCode::Ok);
            });
        const quint16 hookPort = receiver.listen(QHostAddress::LocalHost, 0);
        QVERIFY(hookPort != 0);

        auto server = start();
        server->setUqpayWebhookUrl(QUrl(u"http://127.0.0.1:%1/hooks/uqpay"_s.arg(hookPort)));
        QSignalSpy flipped(server.get(), &SandboxServer::cancelFlipped);
        QSignalSpy delivered(server.get(), &SandboxServer::webhookDelivered);
        Http http;
        const QString id = addIntent(*server, u"wechatpay"_s, u"REQUIRES_CUSTOMER_ACTION"_s, 60);
        const QByteArray token = uqpayToken(http, *server);

        const Reply accepted = cancel(http, *server, token, id, newUuid());
        QCOMPARE(accepted.status, 200);
        // Like seed 000: the 200 still shows the old status and no cancel_time.
        QCOMPARE(accepted.json().value("intent_status"_L1).toString(),
                 u"REQUIRES_CUSTOMER_ACTION"_s);
        QCOMPARE(accepted.json().value("cancel_time"_L1).toString(), QString());
        QCOMPARE(accepted.json().value("cancellation_reason"_L1).toString(),
                 u"requested_by_customer"_s);

        QTRY_COMPARE_WITH_TIMEOUT(flipped.count(), 1, 20000);
        const QJsonObject after = retrieve(http, *server, token, id).json();
        QCOMPARE(after.value("intent_status"_L1).toString(), u"CANCELLED"_s);
        QVERIFY(!after.value("cancel_time"_L1).toString().isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(delivered.count(), 1, 20000);
        QCOMPARE(delivered.at(0).at(1).toInt(), 200);
        const QJsonObject event = QJsonDocument::fromJson(hookBody).object();
        QCOMPARE(event.value("event_type"_L1).toString(), u"acquiring.cancel.succeeded"_s);
        QCOMPARE(event.value("source_id"_L1).toString(), id);
        QCOMPARE(event.value("data"_L1).toObject().value("cancel_status"_L1).toString(),
                 u"SUCCEEDED"_s);
        QCOMPARE(event.value("data"_L1).toObject().value("amount"_L1).toString(), u"8.88"_s);
        // x-wk-signature = hex HMAC-SHA512(secret, raw body + timestamp).
        const QByteArray secret = cfg(*server, u"uqpay"_s, u"webhook_secret"_s).toLatin1();
        QCOMPARE(hookSignature, QMessageAuthenticationCode::hash(hookBody + hookTimestamp, secret,
                                                                 QCryptographicHash::Sha512)
                                    .toHex());
    }

    void walletSameDayCutoff_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<qint64>("paidAgo");
        QTest::addColumn<int>("status");
        QTest::addRow("paid this morning") << u"2026-03-02T10:00:00+08:00"_s << qint64(3600) << 200;
        QTest::addRow("paid yesterday")
            << u"2026-03-02T10:00:00+08:00"_s << qint64(12 * 3600) << 400;
        QTest::addRow("after 23:00") << u"2026-03-02T23:10:00+08:00"_s << qint64(3600) << 400;
    }

    void walletSameDayCutoff()
    {
        QFETCH(QString, now);
        QFETCH(qint64, paidAgo);
        QFETCH(int, status);
        auto server = start(at(now));
        Http http;
        const QString id = addIntent(*server, u"grabpay"_s, u"SUCCEEDED"_s, paidAgo + 60, paidAgo);
        const Reply reply = cancel(http, *server, uqpayToken(http, *server), id, newUuid());
        QCOMPARE(reply.status, status);
        if (status == 400)
            QCOMPARE(reply.json().value("type"_L1).toString(), u"payment_error"_s);
    }

    void unpaidIntentFailsAfter30Minutes()
    {
        auto server = start(at(u"2026-03-02T10:00:00+08:00"_s));
        Http http;
        const QString id = addIntent(*server, u"card"_s, u"REQUIRES_PAYMENT_METHOD"_s, 0);
        QCOMPARE(retrieve(http, *server, uqpayToken(http, *server), id)
                     .json()
                     .value("intent_status"_L1)
                     .toString(),
                 u"REQUIRES_PAYMENT_METHOD"_s);
        server->advanceClock(30 * 60);
        const QJsonObject pi = retrieve(http, *server, uqpayToken(http, *server), id).json();
        QCOMPARE(pi.value("intent_status"_L1).toString(), u"FAILED"_s);
        const Reply refused = cancel(http, *server, uqpayToken(http, *server), id, newUuid());
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value("type"_L1).toString(), u"payment_error"_s);
    }

    void demoDataIsSeeded()
    {
        auto server = std::make_unique<SandboxServer>();
        Sandbox::SandboxOptions options;
        options.stateDir = m_state.path();
        QVERIFY(server->start(options) != 0);
        const QStringList ids = server->demoIds(u"uqpay"_s);
        QVERIFY(ids.size() >= 10);
        Http http;
        const QByteArray token = uqpayToken(http, *server);
        QSet<QString> statuses;
        for (const QString &id : ids) {
            const Reply reply = retrieve(http, *server, token, id);
            QCOMPARE(reply.status, 200);
            QVERIFY(id.startsWith("PI"_L1));
            statuses.insert(reply.json().value("intent_status"_L1).toString());
        }
        QVERIFY(statuses.size() >= 5);
    }
};

QTEST_GUILESS_MAIN(TestSandboxUqpay)
#include "tst_sandbox_uqpay.moc"
