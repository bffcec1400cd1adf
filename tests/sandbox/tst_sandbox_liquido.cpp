// The simulated Liquido BR (PROVIDERS.md §3, §4.5) over real loopback HTTP.

#include "liquidosim.h"
#include "sandboxtest.h"

#include <QRegularExpression>

using namespace CancelDesk;
using namespace CancelDesk::SandboxTest;
using Sandbox::LiquidoCharge;
using Sandbox::SandboxServer;

class TestSandboxLiquido : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> start(const QDateTime &clock = {})
    {
        return startSandbox(m_state.path(), clock);
    }

    QString add(SandboxServer &server, const QString &method, const QString &status,
                qint64 expiresIn = 0)
    {
        LiquidoCharge c;
        c.idempotencyKey = server.liquido().newKey();
        c.method = method;
        c.status = status;
        c.amount = 12345;
        c.created = server.now().addSecs(-120);
        if (expiresIn > 0)
            c.expiration = server.now().addSecs(expiresIn);
        server.liquido().addCharge(c);
        return c.idempotencyKey;
    }

    QUrl chargeUrl(SandboxServer &server, const QString &key)
    {
        return url(server, u"/v1/payments/charges/"_s + key);
    }
    QUrl cancelUrl(SandboxServer &server, const QString &key)
    {
        return url(server, u"/v1/payments/charges/cancel/"_s + key);
    }

    QTemporaryDir m_state;
    Http m_http;

private Q_SLOTS:
    void oauthForm()
    {
        auto server = start();
        const QUrl auth(cfg(*server, u"liquido"_s, u"auth_url"_s));
        QUrlQuery form;
        form.addQueryItem(u"client_id"_s, cfg(*server, u"liquido"_s, u"client_id"_s));
        form.addQueryItem(u"client_secret"_s, cfg(*server, u"liquido"_s, u"client_secret"_s));
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        const QByteArray body = form.toString(QUrl::FullyEncoded).toLatin1();

        const Reply ok = m_http.send("POST", auth,
                                     {{"Content-Type", "application/x-www-form-urlencoded"}}, body);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value("expires_in"_L1).toInt(), 3600);
        QCOMPARE(ok.json().value("token_type"_L1).toString(), u"Bearer"_s);
        QVERIFY(!ok.json().value("access_token"_L1).toString().isEmpty());

        // The same credentials as JSON are not the documented form.
        const QByteArray json =
            QJsonDocument(QJsonObject{{"client_id"_L1, form.queryItemValue(u"client_id"_s)},
                                      {"client_secret"_L1, form.queryItemValue(u"client_secret"_s)},
                                      {"grant_type"_L1, u"client_credentials"_s}})
                .toJson();
        QCOMPARE(m_http.send("POST", auth, {{"Content-Type", "application/json"}}, json).status,
                 400);

        QUrlQuery wrong = form;
        wrong.removeAllQueryItems(u"client_secret"_s);
        wrong.addQueryItem(u"client_secret"_s, u"guess"_s);
        QCOMPARE(m_http
                     .send("POST", auth, {{"Content-Type", "application/x-www-form-urlencoded"}},
                           wrong.toString(QUrl::FullyEncoded).toLatin1())
                     .status,
                 401);
        QUrlQuery grant = form;
        grant.removeAllQueryItems(u"grant_type"_s);
        grant.addQueryItem(u"grant_type"_s, u"password"_s);
        QCOMPARE(m_http
                     .send("POST", auth, {{"Content-Type", "application/x-www-form-urlencoded"}},
                           grant.toString(QUrl::FullyEncoded).toLatin1())
                     .status,
                 400);
    }

    void bothHeadersRequired()
    {
        auto server = start();
        const QString key = add(*server, u"PIX_DYNAMIC_QR"_s, u"IN_PROGRESS"_s, 600);
        const QByteArray token = liquidoToken(m_http, *server);
        QVERIFY(!token.isEmpty());
        const QByteArray apiKey = cfg(*server, u"liquido"_s, u"api_key"_s).toLatin1();
        QCOMPARE(m_http.send("GET", chargeUrl(*server, key), {{"Authorization", "Bearer " + token}})
                     .status,
                 401);
        QCOMPARE(m_http.send("GET", chargeUrl(*server, key), {{"x-api-key", apiKey}}).status, 401);
        QCOMPARE(m_http
                     .send("GET", chargeUrl(*server, key),
                           {{"Authorization", "Bearer nonsense"}, {"x-api-key", apiKey}})
                     .status,
                 401);
        QCOMPARE(m_http
                     .send("GET", chargeUrl(*server, key),
                           {{"Authorization", "Bearer " + token}, {"x-api-key", "wrong"}})
                     .status,
                 401);
        // The seed writes the scheme in lower case.
        QCOMPARE(m_http
                     .send("GET", chargeUrl(*server, key),
                           {{"Authorization", "bearer " + token}, {"x-api-key", apiKey}})
                     .status,
                 200);
        QCOMPARE(m_http.send("GET", chargeUrl(*server, key), liquidoHeaders(*server, token)).status,
                 200);
    }

    void tokenExpiresAfterAnHour()
    {
        auto server = start(at(u"2026-03-02T10:00:00-03:00"_s));
        const QString key = add(*server, u"PIC_PAY"_s, u"IN_PROGRESS"_s);
        const QByteArray token = liquidoToken(m_http, *server);
        server->advanceClock(3599);
        QCOMPARE(m_http.send("GET", chargeUrl(*server, key), liquidoHeaders(*server, token)).status,
                 200);
        server->advanceClock(2);
        QCOMPARE(m_http.send("GET", chargeUrl(*server, key), liquidoHeaders(*server, token)).status,
                 401);
    }

    void retrieveShape()
    {
        auto server = start(at(u"2026-03-02T10:00:00-03:00"_s));
        const QString key = add(*server, u"PIX_DYNAMIC_QR"_s, u"IN_PROGRESS"_s, 1800);
        const Reply reply = m_http.send("GET", chargeUrl(*server, key),
                                        liquidoHeaders(*server, liquidoToken(m_http, *server)));
        QCOMPARE(reply.status, 200);
        const QJsonObject charge = reply.json();
        QCOMPARE(charge.value("idempotencyKey"_L1).toString(), key);
        QCOMPARE(charge.value("referenceId"_L1).toString(), key);
        QVERIFY(charge.value("amount"_L1).isDouble()); // Long minor units
        QCOMPARE(charge.value("amount"_L1).toInteger(), 12345);
        QCOMPARE(charge.value("transferStatusCode"_L1).toInt(), 200);
        // Non-ISO times.
        QCOMPARE(charge.value("createTime"_L1).toString(), u"2026-03-02 09:58:00 GMT-03:00"_s);
        static const QRegularExpression liquidoTime(QStringLiteral(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (GMT[+-]\\d\\d:\\d\\d|UTC)$"));
        const QString expiry = charge.value("transferDetails"_L1)
                                   .toObject()
                                   .value("pix"_L1)
                                   .toObject()
                                   .value("expirationTime"_L1)
                                   .toString();
        QVERIFY2(liquidoTime.match(expiry).hasMatch(), qPrintable(expiry));
        QCOMPARE(m_http
                     .send("GET", chargeUrl(*server, u"nope"_s),
                           liquidoHeaders(*server, liquidoToken(m_http, *server)))
                     .status,
                 404);
    }

    void cancel_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("eligible");
        QTest::addRow("PIX in progress") << u"PIX_DYNAMIC_QR"_s << u"IN_PROGRESS"_s << true;
        QTest::addRow("boleto in progress") << u"BOLETO"_s << u"IN_PROGRESS"_s << true;
        QTest::addRow("PicPay in progress") << u"PIC_PAY"_s << u"IN_PROGRESS"_s << true;
        QTest::addRow("credit card authorised") << u"CREDIT_CARD"_s << u"AUTHORIZED"_s << true;
        QTest::addRow("card authorised") << u"CARD"_s << u"AUTHORIZED"_s << true;
        QTest::addRow("PIX settled") << u"PIX_DYNAMIC_QR"_s << u"SETTLED"_s << false;
        QTest::addRow("card settled") << u"CREDIT_CARD"_s << u"SETTLED"_s << false;
        QTest::addRow("card in progress") << u"CREDIT_CARD"_s << u"IN_PROGRESS"_s << false;
        QTest::addRow("boleto authorised") << u"BOLETO"_s << u"AUTHORIZED"_s << false;
        QTest::addRow("Mercado Pago") << u"MERCADO_PAGO"_s << u"IN_PROGRESS"_s << false;
        QTest::addRow("PIX refunded") << u"PIX_DYNAMIC_QR"_s << u"REFUNDED"_s << false;
    }

    void cancel()
    {
        QFETCH(QString, method);
        QFETCH(QString, status);
        QFETCH(bool, eligible);
        auto server = start();
        const QString key = add(*server, method, status, method == "PIX_DYNAMIC_QR"_L1 ? 1800 : 0);
        const Headers headers = liquidoHeaders(*server, liquidoToken(m_http, *server));
        const Reply reply = m_http.send("POST", cancelUrl(*server, key), headers);
        if (eligible) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value("transferStatus"_L1).toString(), u"CANCELLED"_s);
            QCOMPARE(reply.json().value("transferStatusCode"_L1).toInt(), 200);
            QCOMPARE(reply.json().value("referenceId"_L1).toString(), key);
            // Repeat: 200 with the same object (documented choice).
            const Reply again = m_http.send("POST", cancelUrl(*server, key), headers);
            QCOMPARE(again.status, 200);
            QCOMPARE(again.body, reply.body);
        } else {
            QVERIFY(reply.status >= 400 && reply.status < 500);
            QVERIFY(!reply.json().value("transferErrorMsg"_L1).toString().isEmpty());
            const Reply after = m_http.send("GET", chargeUrl(*server, key), headers);
            QCOMPARE(after.json().value("transferStatus"_L1).toString(), status);
        }
    }

    void expiredPixIsNotCancellable()
    {
        auto server = start(at(u"2026-03-02T10:00:00-03:00"_s));
        const QString key = add(*server, u"PIX_DYNAMIC_QR"_s, u"IN_PROGRESS"_s, 300);
        server->advanceClock(301);
        const Headers headers = liquidoHeaders(*server, liquidoToken(m_http, *server));
        const Reply reply = m_http.send("POST", cancelUrl(*server, key), headers);
        QCOMPARE(reply.status, 400);
        QCOMPARE(m_http.send("GET", chargeUrl(*server, key), headers)
                     .json()
                     .value("transferStatus"_L1)
                     .toString(),
                 u"EXPIRED"_s);
    }

    void demoDataIsSeeded()
    {
        auto server = std::make_unique<SandboxServer>();
        Sandbox::SandboxOptions options;
        options.stateDir = m_state.path();
        QVERIFY(server->start(options) != 0);
        const Headers headers = liquidoHeaders(*server, liquidoToken(m_http, *server));
        QSet<QString> pairs;
        for (const QString &key : server->demoIds(u"liquido"_s)) {
            const QJsonObject charge = m_http.send("GET", chargeUrl(*server, key), headers).json();
            pairs.insert(charge.value("paymentMethod"_L1).toString() + u'/'
                         + charge.value("transferStatus"_L1).toString());
        }
        for (const QString &pair :
             {u"PIX_DYNAMIC_QR/IN_PROGRESS"_s, u"BOLETO/IN_PROGRESS"_s, u"CREDIT_CARD/AUTHORIZED"_s,
              u"PIC_PAY/IN_PROGRESS"_s, u"PIX_DYNAMIC_QR/SETTLED"_s})
            QVERIFY2(pairs.contains(pair), qPrintable(pair));
    }
};

QTEST_GUILESS_MAIN(TestSandboxLiquido)
#include "tst_sandbox_liquido.moc"
