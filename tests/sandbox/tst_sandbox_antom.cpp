// The simulated Antom (PROVIDERS.md §2, §4.5) over real loopback HTTP, with
// requests signed as the SDKs do (antomsignature.h) using the merchant key
// from the sandbox's state directory.

#include "antomsim.h"
#include "sandboxtest.h"

#include <QJsonArray>

using namespace CancelDesk;
using namespace CancelDesk::SandboxTest;
using Sandbox::AntomPayment;
using Sandbox::SandboxServer;

namespace {

const QByteArray kInquiry = "/ams/api/v1/payments/inquiryPayment";
const QByteArray kCancel = "/ams/api/v1/payments/cancel";
const QByteArray kSandboxCancel = "/ams/sandbox/api/v1/payments/cancel";

// Every non-array field is a JSON string (PROVIDERS.md §2.3).
bool allScalarsAreStrings(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allScalarsAreStrings(it.value()))
                return false;
        }
        return true;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!allScalarsAreStrings(item))
                return false;
        }
        return true;
    }
    return value.isString();
}

} // namespace

class TestSandboxAntom : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> start(const QDateTime &clock = {})
    {
        auto server = startSandbox(m_state.path(), clock);
        m_keys = antomKeys(*server);
        if (!m_keys.merchantPrivate || !m_keys.antomPublic)
            qFatal("cannot load the sandbox's Antom keys");
        return server;
    }

    QString add(SandboxServer &server, const QString &method, const QString &status,
                qint64 createdAgo, qint64 paidAgo = -1, bool captured = false,
                bool refunded = false)
    {
        AntomPayment p;
        p.paymentId = server.antom().newPaymentId();
        p.paymentRequestId = u"req_"_s + p.paymentId;
        p.amount = Domain::Money{1000, u"USD"_s};
        p.method = method;
        p.status = status;
        p.created = server.now().addSecs(-createdAgo);
        if (paidAgo >= 0)
            p.paid = server.now().addSecs(-paidAgo);
        if (method == "CARD"_L1 && p.paid.isValid())
            p.authExpiry = p.paid.addSecs(7 * 24 * 3600);
        p.captured = captured;
        p.refunded = refunded;
        server.antom().addPayment(p);
        return p.paymentId;
    }

    Reply call(SandboxServer &server, const QByteArray &path, const QString &paymentId)
    {
        return antomCall(m_http, server, path, antomBody(paymentId), m_keys);
    }

    QTemporaryDir m_state;
    AntomKeys m_keys;
    Http m_http;

private Q_SLOTS:
    void signedInquiryAndSignedResponse()
    {
        auto server = start();
        const QString id = add(*server, u"ALIPAY_CN"_s, u"SUCCESS"_s, 120, 60);
        const Reply reply = call(*server, kInquiry, id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(resultStatus(reply), u"S"_s);
        QCOMPARE(reply.json().value("paymentStatus"_L1).toString(), u"SUCCESS"_s);
        QCOMPARE(reply.json().value("paymentAmount"_L1).toObject().value("value"_L1).toString(),
                 u"1000"_s);
        QVERIFY(allScalarsAreStrings(reply.json()));
        QVERIFY(reply.hasHeader("response-time"));
        QVERIFY(antomResponseVerifies(reply, *server, kInquiry, m_keys));
        // A response checked against another path must not verify: the path is signed.
        QVERIFY(!antomResponseVerifies(reply, *server, kCancel, m_keys));
    }

    void paymentRequestIdWorksToo()
    {
        auto server = start();
        const QString id = add(*server, u"GCASH"_s, u"SUCCESS"_s, 120, 60);
        const QByteArray body =
            QJsonDocument(QJsonObject{{"paymentRequestId"_L1, QString(u"req_"_s + id)}})
                .toJson(QJsonDocument::Compact);
        const Reply reply = antomCall(m_http, *server, kInquiry, body, m_keys);
        QCOMPARE(resultStatus(reply), u"S"_s);
        QCOMPARE(reply.json().value("paymentId"_L1).toString(), id);
    }

    void badSignature_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("code");
        QTest::addRow("missing") << QByteArray() << u"INVALID_SIGNATURE"_s;
        QTest::addRow("garbage") << QByteArray("algorithm=RSA256,keyVersion=1,signature=AAAA")
                                 << u"INVALID_SIGNATURE"_s;
        QTest::addRow("not a header") << QByteArray("hello") << u"INVALID_SIGNATURE"_s;
        QTest::addRow("path without /ams/api")
            << QByteArray("short-path") << u"INVALID_SIGNATURE"_s;
        QTest::addRow("unknown key version") << QByteArray("key-version-7") << u"KEY_NOT_FOUND"_s;
    }

    void badSignature()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, code);
        auto server = start();
        const QString id = add(*server, u"ALIPAY_CN"_s, u"SUCCESS"_s, 120, 60);
        const QByteArray clientId = cfg(*server, u"antom"_s, u"client_id"_s).toLatin1();
        const QByteArray body = antomBody(id);
        if (header == "short-path" || header == "key-version-7") {
            // Signed properly, but over "/v1/payments/cancel" (the classic mistake),
            // or announced with a key version the sandbox does not have.
            const bool shortPath = header == "short-path";
            header = QByteArray(); // signature computed by antomCall's clock below
            const QByteArray time = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
            const QByteArray signature =
                m_keys.merchantPrivate->sign(Providers::Antom::signingContent(
                    "POST", shortPath ? QByteArray("/v1/payments/cancel") : kCancel, clientId, time,
                    body));
            const Reply reply = m_http.send("POST", url(*server, QString::fromLatin1(kCancel)),
                                            {{"Content-Type", "application/json; charset=UTF-8"},
                                             {"Client-Id", clientId},
                                             {"Request-Time", time},
                                             {"Signature", Providers::Antom::formatSignatureHeader(
                                                               signature, shortPath ? 1 : 7)}},
                                            body);
            QCOMPARE(reply.status, 200);
            QCOMPARE(resultStatus(reply), u"F"_s);
            QCOMPARE(resultCode(reply), code);
        } else {
            const Reply reply = antomCall(m_http, *server, kCancel, body, m_keys, header);
            QCOMPARE(reply.status, 200); // always HTTP 200 (PROVIDERS.md §2.3)
            QCOMPARE(resultStatus(reply), u"F"_s);
            QCOMPARE(resultCode(reply), code);
            QVERIFY(antomResponseVerifies(reply, *server, kCancel, m_keys));
        }
        // Nothing was cancelled.
        QCOMPARE(server->antom().payment(id)->status, u"SUCCESS"_s);
    }

    void tamperedBodyIsRejected()
    {
        auto server = start();
        const QString id = add(*server, u"ALIPAY_CN"_s, u"SUCCESS"_s, 120, 60);
        const QByteArray clientId = cfg(*server, u"antom"_s, u"client_id"_s).toLatin1();
        const QByteArray time = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        const QByteArray signed_ = antomBody(id);
        const QByteArray sent = antomBody(id + u"0"_s);
        const QByteArray signature = m_keys.merchantPrivate->sign(
            Providers::Antom::signingContent("POST", kInquiry, clientId, time, signed_));
        const Reply reply =
            m_http.send("POST", url(*server, QString::fromLatin1(kInquiry)),
                        {{"Content-Type", "application/json"},
                         {"Client-Id", clientId},
                         {"Request-Time", time},
                         {"Signature", Providers::Antom::formatSignatureHeader(signature, 1)}},
                        sent);
        QCOMPARE(resultCode(reply), u"INVALID_SIGNATURE"_s);
    }

    void unknownClientIdIsClientInvalid()
    {
        auto server = start();
        const QString id = add(*server, u"ALIPAY_CN"_s, u"SUCCESS"_s, 120, 60);
        const QByteArray body = antomBody(id);
        const QByteArray time = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        const QByteArray signature = m_keys.merchantPrivate->sign(
            Providers::Antom::signingContent("POST", kInquiry, "SANDBOX_NOBODY", time, body));
        const Reply reply =
            m_http.send("POST", url(*server, QString::fromLatin1(kInquiry)),
                        {{"Content-Type", "application/json"},
                         {"Client-Id", "SANDBOX_NOBODY"},
                         {"Request-Time", time},
                         {"Signature", Providers::Antom::formatSignatureHeader(signature, 1)}},
                        body);
        QCOMPARE(reply.status, 200);
        QCOMPARE(resultCode(reply), u"CLIENT_INVALID"_s);
        QCOMPARE(resultStatus(reply), u"F"_s);
    }

    void orderNotExist()
    {
        auto server = start();
        const Reply reply = call(*server, kCancel, u"2099000000000000000000000000001"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(resultCode(reply), u"ORDER_NOT_EXIST"_s);
    }

    void cancelIsIdempotent()
    {
        auto server = start(at(u"2026-03-02T10:00:00+08:00"_s));
        const QString id = add(*server, u"ALIPAY_CN"_s, u"SUCCESS"_s, 300, 240);
        const Reply first = call(*server, kSandboxCancel, id);
        QCOMPARE(resultStatus(first), u"S"_s);
        QCOMPARE(resultCode(first), u"SUCCESS"_s);
        const QString cancelTime = first.json().value("cancelTime"_L1).toString();
        QCOMPARE(cancelTime, u"2026-03-02T10:00:00+08:00"_s);
        QVERIFY(antomResponseVerifies(first, *server, kSandboxCancel, m_keys));

        server->advanceClock(3600); // even past the window: a repeat is answered the same
        const Reply again = call(*server, kCancel, id);
        QCOMPARE(resultStatus(again), u"S"_s);
        QCOMPARE(again.json().value("cancelTime"_L1).toString(), cancelTime);

        const Reply inquiry = call(*server, kInquiry, id);
        QCOMPARE(inquiry.json().value("paymentStatus"_L1).toString(), u"CANCELLED"_s);
    }

    void windows_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("status");
        QTest::addColumn<qint64>("createdAgo");
        QTest::addColumn<qint64>("paidAgo");
        QTest::addColumn<bool>("captured");
        QTest::addColumn<bool>("refunded");
        QTest::addColumn<qint64>("advance"); // seconds the clock moves before the cancel
        QTest::addColumn<QString>("code");
        // The clock starts at 2026-03-02 10:00 UTC+8; paid at 09:00 UTC+8.
        // T+1 00:15 UTC+8 is 14 h 15 min later.
        const qint64 toCutoff = 14 * 3600 + 15 * 60;
        QTest::addRow("other, before T+1 00:15")
            << u"ALIPAY_CN"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << false
            << toCutoff - 61 << u"SUCCESS"_s;
        QTest::addRow("other, after T+1 00:15")
            << u"ALIPAY_CN"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << false
            << toCutoff + 60 << u"CANCEL_WINDOW_EXCEED"_s;
        QTest::addRow("other, refunded")
            << u"ALIPAY_CN"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << true
            << qint64(0) << u"PROCESS_FAIL"_s;
        QTest::addRow("other, unpaid in 14 min")
            << u"ALIPAY_HK"_s << u"PROCESSING"_s << qint64(60) << qint64(-1) << false << false
            << qint64(0) << u"SUCCESS"_s;
        QTest::addRow("DANA never") << u"DANA"_s << u"SUCCESS"_s << qint64(120) << qint64(60)
                                    << false << false << qint64(0) << u"CANCEL_WINDOW_EXCEED"_s;
        QTest::addRow("JKOPay never") << u"JKOPAY"_s << u"SUCCESS"_s << qint64(120) << qint64(60)
                                      << false << false << qint64(0) << u"CANCEL_WINDOW_EXCEED"_s;
        QTest::addRow("Thai banking unpaid")
            << u"ONLINEBANKING_SCB"_s << u"PROCESSING"_s << qint64(240) << qint64(-1) << false
            << false << qint64(0) << u"SUCCESS"_s;
        QTest::addRow("Thai banking unpaid, 14 min gone")
            << u"ONLINEBANKING_SCB"_s << u"PROCESSING"_s << qint64(240) << qint64(-1) << false
            << false << qint64(11 * 60) << u"ORDER_STATUS_INVALID"_s;
        QTest::addRow("Thai banking paid")
            << u"ONLINEBANKING_SCB"_s << u"SUCCESS"_s << qint64(240) << qint64(200) << false
            << false << qint64(0) << u"ORDER_STATUS_INVALID"_s;
        QTest::addRow("card authorised")
            << u"CARD"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << false
            << qint64(0) << u"SUCCESS"_s;
        QTest::addRow("card captured") << u"CARD"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600)
                                       << true << false << qint64(0) << u"ORDER_STATUS_INVALID"_s;
        QTest::addRow("card authorised, 8 days")
            << u"CARD"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << false
            << qint64(8 * 24 * 3600) << u"CANCEL_WINDOW_EXCEED"_s;
        QTest::addRow("Mercado Pago, 6 days")
            << u"MERCADOPAGO_BR"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << false
            << qint64(6 * 24 * 3600) << u"SUCCESS"_s;
        QTest::addRow("Mercado Pago, 8 days")
            << u"MERCADOPAGO_BR"_s << u"SUCCESS"_s << qint64(3700) << qint64(3600) << false << false
            << qint64(8 * 24 * 3600) << u"CANCEL_WINDOW_EXCEED"_s;
    }

    void windows()
    {
        QFETCH(QString, method);
        QFETCH(QString, status);
        QFETCH(qint64, createdAgo);
        QFETCH(qint64, paidAgo);
        QFETCH(bool, captured);
        QFETCH(bool, refunded);
        QFETCH(qint64, advance);
        QFETCH(QString, code);
        auto server = start(at(u"2026-03-02T10:00:00+08:00"_s));
        const QString id = add(*server, method, status, createdAgo, paidAgo, captured, refunded);
        server->advanceClock(advance);
        const Reply reply = call(*server, kCancel, id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(resultCode(reply), code);
        QCOMPARE(resultStatus(reply), code == "SUCCESS"_L1 ? u"S"_s : u"F"_s);
        QCOMPARE(reply.json().contains("cancelTime"_L1), code == "SUCCESS"_L1);
        QVERIFY(antomResponseVerifies(reply, *server, kCancel, m_keys));
    }

    void nonPostAndUnknownApiStay200()
    {
        auto server = start();
        const Reply get = m_http.send("GET", url(*server, QString::fromLatin1(kInquiry)));
        QCOMPARE(get.status, 200);
        QCOMPARE(resultStatus(get), u"F"_s);
        const Reply unknown = call(*server, "/ams/api/v1/payments/teleport", u"1"_s);
        QCOMPARE(unknown.status, 200);
        QCOMPARE(resultStatus(unknown), u"F"_s);
    }

    void demoDataIsSeeded()
    {
        auto server = std::make_unique<SandboxServer>();
        Sandbox::SandboxOptions options;
        options.stateDir = m_state.path();
        QVERIFY(server->start(options) != 0);
        m_keys = antomKeys(*server);
        const QStringList ids = server->demoIds(u"antom"_s);
        QVERIFY(ids.size() >= 10);
        QSet<QString> methods;
        for (const QString &id : ids) {
            const Reply reply = call(*server, kInquiry, id);
            QCOMPARE(resultStatus(reply), u"S"_s);
            QVERIFY(allScalarsAreStrings(reply.json()));
            methods.insert(reply.json().value("paymentMethodType"_L1).toString());
        }
        for (const QString &method :
             {u"CARD"_s, u"ALIPAY_CN"_s, u"ONLINEBANKING_SCB"_s, u"MERCADOPAGO_BR"_s, u"DANA"_s})
            QVERIFY2(methods.contains(method), qPrintable(method));
    }
};

QTEST_GUILESS_MAIN(TestSandboxAntom)
#include "tst_sandbox_antom.moc"
