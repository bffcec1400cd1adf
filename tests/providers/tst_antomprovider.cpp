#include "providers/antom/antomprovider.h"
#include "providers/antom/antomsignature.h"
#include "providers/httpclient.h"
#include "testsupport.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTimeZone>
#include <QtTest>

#include <memory>
#include <optional>

using namespace CancelDesk;
using namespace CancelDesk::Providers;
using namespace CancelDesk::Providers::Antom;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(CancelDesk::Providers::FailureKind)
Q_DECLARE_METATYPE(CancelDesk::Providers::CancelOutcome)
Q_DECLARE_METATYPE(CancelDesk::Providers::Guidance)
Q_DECLARE_METATYPE(CancelDesk::Domain::NormStatus)

namespace {

const QString kClientId = u"SANDBOX_5Y0B8N2ZTEST"_s;
const QString kPaymentId = u"2019061218401080010018882020035XXXX"_s;

QByteArray fixture(const QString &name)
{
    return Test::fixture(u"antom/"_s + name);
}

std::shared_ptr<const RsaKey> privateFixture(const QString &name)
{
    const KeyLoadResult loaded = RsaKey::loadPrivate(Secret(fixture(name)));
    if (!loaded.ok())
        qFatal("fixture key %s did not load", qPrintable(name));
    return loaded.key;
}

QByteArray resultOnly(const char *code, const char *status, const QByteArray &extra = {})
{
    return "{\"result\":{\"resultCode\":\"" + QByteArray(code) + "\",\"resultStatus\":\""
           + QByteArray(status) + "\",\"resultMessage\":\"msg\"}" + extra + "}";
}

QByteArray cancelSuccessBody(const QString &paymentId = kPaymentId)
{
    return resultOnly("SUCCESS", "S",
                      ",\"paymentId\":\"" + paymentId.toLatin1()
                          + "\",\"paymentRequestId\":\"pay_1\","
                            "\"cancelTime\":\"2019-06-12T19:07:11+08:00\"");
}

// A fake Antom: checks the merchant's request signature over the full
// /ams/sandbox/api path (answering INVALID_SIGNATURE when it does not hold, as
// Antom does) and signs its answers with its own key, or deliberately not.
class FakeAntom
{
public:
    enum class Signing {
        Signed,
        SignedUpperCaseHeaders,
        Unsigned,
        MissingResponseTime,
        WrongKey,
        TamperedBody,
        WrongPath,
        GarbageHeader,
        ResponseTime6MinLate,  // signed, response-time 6 min after Request-Time
        ResponseTime6MinEarly, // signed, 6 min before (a replayed answer)
        ResponseTime4MinLate,  // signed, within the bound: trusted
        ResponseTimeIso,       // signed, ISO-8601 at UTC+8 (Antom's documented form)
        ResponseTimeGarbage,   // signed over a response-time that is no time
    };
    struct Reply
    {
        QByteArray body;
        int status = 200;
        Signing signing = Signing::Signed;
    };
    struct Seen
    {
        QByteArray path;
        QByteArray contentType;
        QByteArray clientId;
        QByteArray requestTime;
        QByteArray signatureHeader;
        QByteArray body;
        bool signatureValid = false;
    };

    FakeAntom()
        : m_merchantKey(RsaKey::loadPublic(fixture(u"merchant_public.pem"_s)).key)
        , m_antomKey(privateFixture(u"antom_private.pem"_s))
        , m_otherKey(privateFixture(u"merchant_private_pkcs8.pem"_s))
    {
        for (const QString &endpoint : {u"cancel"_s, u"inquiryPayment"_s}) {
            m_server.route(u"/ams/sandbox/api/v1/payments/"_s + endpoint,
                           QHttpServerRequest::Method::Post,
                           [this](const QHttpServerRequest &request) { return handle(request); });
        }
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_port; }
    void enqueue(Reply reply) { m_replies.append(std::move(reply)); }
    const QList<Seen> &seen() const { return m_seen; }

private:
    QHttpServerResponse handle(const QHttpServerRequest &request)
    {
        Seen seen;
        seen.path = request.url().path().toLatin1();
        seen.contentType = request.value("Content-Type");
        seen.clientId = request.value("Client-Id");
        seen.requestTime = request.value("Request-Time");
        seen.signatureHeader = request.value("Signature");
        seen.body = request.body();
        const std::optional<SignatureHeader> signature = parseSignatureHeader(seen.signatureHeader);
        seen.signatureValid =
            signature
            && m_merchantKey->verify(
                signingContent("POST", seen.path, seen.clientId, seen.requestTime, seen.body),
                signature->signature);
        m_seen.append(seen);

        Reply reply;
        if (!seen.signatureValid)
            reply.body = resultOnly("INVALID_SIGNATURE", "F");
        else if (!m_replies.isEmpty())
            reply = m_replies.takeFirst();
        else
            reply.body = resultOnly("UNKNOWN_EXCEPTION", "U");

        // Antom answers in its own time, close to the request's.
        const qint64 requestMs = seen.requestTime.toLongLong();
        QByteArray time = QByteArray::number(requestMs);
        switch (reply.signing) {
        case Signing::ResponseTime6MinLate:
            time = QByteArray::number(requestMs + 6 * 60 * 1000);
            break;
        case Signing::ResponseTime6MinEarly:
            time = QByteArray::number(requestMs - 6 * 60 * 1000);
            break;
        case Signing::ResponseTime4MinLate:
            time = QByteArray::number(requestMs + 4 * 60 * 1000);
            break;
        case Signing::ResponseTimeIso:
            time = QDateTime::fromMSecsSinceEpoch(requestMs, QTimeZone(8 * 3600))
                       .toString(Qt::ISODate)
                       .toLatin1();
            break;
        case Signing::ResponseTimeGarbage:
            time = "yesterday";
            break;
        default:
            break;
        }
        QByteArray signedBody = reply.body;
        QByteArray signedPath = seen.path;
        QByteArray sentBody = reply.body;
        const RsaKey *key = m_antomKey.get();
        switch (reply.signing) {
        case Signing::WrongKey:
            key = m_otherKey.get();
            break;
        case Signing::TamperedBody:
            sentBody.replace("\"F\"", "\"S\"");
            break;
        case Signing::WrongPath:
            signedPath.replace("/ams/sandbox/api", "/ams/api");
            break;
        default:
            break;
        }
        const QByteArray signatureHeader = formatSignatureHeader(
            key->sign(signingContent("POST", signedPath, seen.clientId, time, signedBody)), 1);

        QHttpServerResponse response("application/json", sentBody,
                                     static_cast<QHttpServerResponder::StatusCode>(reply.status));
        switch (reply.signing) {
        case Signing::Unsigned:
            break;
        case Signing::SignedUpperCaseHeaders:
            response.addHeader("Signature", signatureHeader);
            response.addHeader("Response-Time", time);
            break;
        case Signing::MissingResponseTime:
            response.addHeader("signature", signatureHeader);
            break;
        case Signing::GarbageHeader:
            response.addHeader("signature", "algorithm=RSA256,keyVersion=1,signature=%%%");
            response.addHeader("response-time", time);
            break;
        default:
            response.addHeader("signature", signatureHeader);
            response.addHeader("response-time", time);
            break;
        }
        return response;
    }

    QHttpServer m_server;
    std::shared_ptr<const RsaKey> m_merchantKey;
    std::shared_ptr<const RsaKey> m_antomKey;
    std::shared_ptr<const RsaKey> m_otherKey; // not Antom's: forgeries
    QList<Reply> m_replies;
    QList<Seen> m_seen;
    quint16 m_port = 0;
};

} // namespace

Q_DECLARE_METATYPE(FakeAntom::Signing)

class TestAntomProvider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void cancelSignedSuccess();
    void cancelRejected_data();
    void cancelRejected();
    void cancelUnknown();
    void untrustedAnswers_data();
    void untrustedAnswers();
    void answerAboutAnotherPayment();
    void retrySendsIdenticalBody();
    void bodyDependsOnlyOnThePayment();
    void inquiryMapsStatuses_data();
    void inquiryMapsStatuses();
    void inquiryNotFound();
    void configurationRefused_data();
    void configurationRefused();
    void withoutAntomKeyNothingIsVerified();
    void connectionRefused();

private:
    AntomConfig config() const;
    ProviderResult run(ProviderCall *call);

    std::unique_ptr<FakeAntom> m_fake;
    std::unique_ptr<HttpClient> m_http;
};

void TestAntomProvider::init()
{
    m_fake = std::make_unique<FakeAntom>();
    QVERIFY(m_fake->port() != 0);
    m_http = std::make_unique<HttpClient>();
}

void TestAntomProvider::cleanup()
{
    m_http.reset();
    m_fake.reset();
}

AntomConfig TestAntomProvider::config() const
{
    AntomConfig config;
    config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_fake->port()));
    config.clientId = kClientId;
    config.keyVersion = 2;
    config.merchantPrivateKey = Secret(fixture(u"merchant_private_pkcs8.pem"_s));
    config.antomPublicKey = fixture(u"antom_public.pem"_s);
    return config;
}

ProviderResult TestAntomProvider::run(ProviderCall *call)
{
    std::optional<ProviderResult> result;
    connect(call, &ProviderCall::finished, this,
            [&result](const ProviderResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000))
        qFatal("the provider call never finished");
    return *result;
}

void TestAntomProvider::cancelSignedSuccess()
{
    AntomProvider provider(config(), *m_http);
    QVERIFY2(provider.configurationError().isEmpty(), qPrintable(provider.configurationError()));
    QVERIFY(provider.verifiesResponses());
    QCOMPARE(provider.kind(), Domain::Provider::Antom);
    provider.setClock([] { return qint64(1685599933871); });
    m_fake->enqueue({cancelSuccessBody()});

    CancelRequest request;
    request.paymentId = kPaymentId;
    request.merchantReference = u"pay_1"_s;
    const ProviderResult result = run(provider.cancel(request));

    QVERIFY2(result.ok(), qPrintable(failureText(result.failure)));
    QCOMPARE(result.outcome, CancelOutcome::Succeeded);
    QCOMPARE(result.cancelTime, Test::at(u"2019-06-12T19:07:11+08:00"_s));
    QCOMPARE(result.providerCode, u"SUCCESS"_s);
    QCOMPARE(result.httpStatus, 200);

    QCOMPARE(m_fake->seen().size(), 1);
    const FakeAntom::Seen &seen = m_fake->seen().constFirst();
    QCOMPARE(seen.path, QByteArray("/ams/sandbox/api/v1/payments/cancel"));
    QCOMPARE(seen.contentType, QByteArray("application/json; charset=UTF-8"));
    QCOMPARE(seen.clientId, kClientId.toLatin1());
    QCOMPARE(seen.requestTime, QByteArray("1685599933871"));
    QCOMPARE(seen.body, "{\"paymentId\":\"" + kPaymentId.toLatin1() + "\"}");
    QVERIFY(seen.signatureValid);
    const std::optional<SignatureHeader> header = parseSignatureHeader(seen.signatureHeader);
    QVERIFY(header);
    QCOMPARE(header->algorithm, QByteArray("RSA256"));
    QCOMPARE(header->keyVersion, 2);
    // The value is sent URL-encoded, as Antom's SDKs do.
    const QByteArray value =
        seen.signatureHeader.mid(seen.signatureHeader.indexOf("signature=") + 10);
    QVERIFY(!value.contains('+') && !value.contains('/') && !value.contains('='));
}

void TestAntomProvider::cancelRejected_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Guidance>("guidance");
    QTest::addRow("window exceeded (seed 001)") << fixture(u"cancel_window_exceed_seed001.json"_s)
                                                << u"CANCEL_WINDOW_EXCEED"_s << Guidance::Refund;
    QTest::addRow("refunded (seed 003)") << fixture(u"cancel_process_fail_seed003.json"_s)
                                         << u"PROCESS_FAIL"_s << Guidance::AlreadyRefunded;
    QTest::addRow("not exist") << resultOnly("ORDER_NOT_EXIST", "F") << u"ORDER_NOT_EXIST"_s
                               << Guidance::CheckPaymentId;
    QTest::addRow("status invalid") << resultOnly("ORDER_STATUS_INVALID", "F")
                                    << u"ORDER_STATUS_INVALID"_s << Guidance::CheckStatus;
    QTest::addRow("balance") << resultOnly("MERCHANT_BALANCE_NOT_ENOUGH", "F")
                             << u"MERCHANT_BALANCE_NOT_ENOUGH"_s << Guidance::FundMerchantBalance;
    QTest::addRow("key not found")
        << resultOnly("KEY_NOT_FOUND", "F") << u"KEY_NOT_FOUND"_s << Guidance::FixConfiguration;
}

void TestAntomProvider::cancelRejected()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(Guidance, guidance);
    AntomProvider provider(config(), *m_http);
    m_fake->enqueue({body});
    CancelRequest request;
    request.paymentId = kPaymentId;
    const ProviderResult result = run(provider.cancel(request));
    QCOMPARE(result.outcome, CancelOutcome::Rejected);
    QCOMPARE(result.failure.kind, FailureKind::Rejected);
    QCOMPARE(result.failure.code, code);
    QCOMPARE(result.providerCode, code);
    QCOMPARE(result.guidance, guidance);
    QCOMPARE(result.failure.httpStatus, 200);
    QVERIFY(m_fake->seen().constFirst().signatureValid);
}

void TestAntomProvider::cancelUnknown()
{
    AntomProvider provider(config(), *m_http);
    m_fake->enqueue({fixture(u"cancel_unknown.json"_s)});
    CancelRequest request;
    request.paymentId = kPaymentId;
    const ProviderResult result = run(provider.cancel(request));
    QCOMPARE(result.outcome, CancelOutcome::Unknown);
    QVERIFY(!result.ok());
    QCOMPARE(result.providerCode, u"UNKNOWN_EXCEPTION"_s);
    QVERIFY(!result.cancelTime.isValid());
}

void TestAntomProvider::untrustedAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<FakeAntom::Signing>("signing");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<CancelOutcome>("outcome");

    using S = FakeAntom::Signing;
    const QByteArray success = cancelSuccessBody();
    // The control: signature headers are found whatever their case.
    QTest::addRow("signed, upper-case header names")
        << success << 200 << S::SignedUpperCaseHeaders << FailureKind::None << QString()
        << CancelOutcome::Succeeded;
    QTest::addRow("unsigned success") << success << 200 << S::Unsigned << FailureKind::Protocol
                                      << u"unsigned_response"_s << CancelOutcome::Unknown;
    QTest::addRow("no response-time")
        << success << 200 << S::MissingResponseTime << FailureKind::Protocol
        << u"unsigned_response"_s << CancelOutcome::Unknown;
    QTest::addRow("signed by another key") << success << 200 << S::WrongKey << FailureKind::Protocol
                                           << u"forged_response"_s << CancelOutcome::Unknown;
    QTest::addRow("F turned into S after signing")
        << resultOnly("CANCEL_WINDOW_EXCEED", "F") << 200 << S::TamperedBody
        << FailureKind::Protocol << u"forged_response"_s << CancelOutcome::Unknown;
    QTest::addRow("signed over /ams/api") << success << 200 << S::WrongPath << FailureKind::Protocol
                                          << u"forged_response"_s << CancelOutcome::Unknown;
    QTest::addRow("garbage signature header")
        << success << 200 << S::GarbageHeader << FailureKind::Protocol << u"forged_response"_s
        << CancelOutcome::Unknown;
    // A genuine answer is trusted only about the request it answers: one
    // stamped far from our Request-Time may be replayed.
    QTest::addRow("response-time 6 min late")
        << success << 200 << S::ResponseTime6MinLate << FailureKind::Protocol << u"stale_response"_s
        << CancelOutcome::Unknown;
    QTest::addRow("response-time 6 min early")
        << success << 200 << S::ResponseTime6MinEarly << FailureKind::Protocol
        << u"stale_response"_s << CancelOutcome::Unknown;
    QTest::addRow("rejection with stale response-time")
        << resultOnly("CANCEL_WINDOW_EXCEED", "F") << 200 << S::ResponseTime6MinEarly
        << FailureKind::Protocol << u"stale_response"_s << CancelOutcome::Unknown;
    QTest::addRow("response-time not a time")
        << success << 200 << S::ResponseTimeGarbage << FailureKind::Protocol
        << u"untrusted_response"_s << CancelOutcome::Unknown;
    QTest::addRow("response-time 4 min late")
        << success << 200 << S::ResponseTime4MinLate << FailureKind::None << QString()
        << CancelOutcome::Succeeded;
    QTest::addRow("response-time ISO-8601")
        << success << 200 << S::ResponseTimeIso << FailureKind::None << QString()
        << CancelOutcome::Succeeded;
    // S that names no payment: not our cancel for certain.
    QTest::addRow("signed S without paymentId")
        << resultOnly("SUCCESS", "S", ",\"cancelTime\":\"2019-06-12T19:07:11+08:00\"") << 200
        << S::Signed << FailureKind::Protocol << u"missing_field"_s << CancelOutcome::Unknown;
    QTest::addRow("unsigned rejection")
        << resultOnly("CANCEL_WINDOW_EXCEED", "F") << 200 << S::Unsigned << FailureKind::Protocol
        << u"unsigned_response"_s << CancelOutcome::Unknown;
    QTest::addRow("unsigned 500") << QByteArray("<html>oops</html>") << 500 << S::Unsigned
                                  << FailureKind::Protocol << u"unsigned_response"_s
                                  << CancelOutcome::Unknown;
    QTest::addRow("signed 500") << QByteArray("<html>oops</html>") << 500 << S::Signed
                                << FailureKind::ServerError << u"http_500"_s
                                << CancelOutcome::Unknown;
    QTest::addRow("signed 429") << QByteArray() << 429 << S::Signed << FailureKind::RateLimited
                                << u"http_429"_s << CancelOutcome::Unknown;
    // Not followed, but answered: the status is kept (the transport mapping of
    // all three providers).
    QTest::addRow("redirect") << QByteArray() << 302 << S::Signed << FailureKind::Transport
                              << u"redirect"_s << CancelOutcome::Unknown;
    QTest::addRow("signed S body with 404") << success << 404 << S::Signed << FailureKind::Protocol
                                            << u"http_404"_s << CancelOutcome::Unknown;
    QTest::addRow("signed html") << QByteArray("<html><body>login</body></html>") << 200
                                 << S::Signed << FailureKind::Protocol << u"invalid_json"_s
                                 << CancelOutcome::Unknown;
    QTest::addRow("signed, no result")
        << QByteArray("{\"paymentId\":\"x\"}") << 200 << S::Signed << FailureKind::Protocol
        << u"missing_result"_s << CancelOutcome::Unknown;
}

void TestAntomProvider::untrustedAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(FakeAntom::Signing, signing);
    QFETCH(FailureKind, kind);
    QFETCH(QString, code);
    QFETCH(CancelOutcome, outcome);

    AntomProvider provider(config(), *m_http);
    m_fake->enqueue({body, status, signing});
    CancelRequest request;
    request.paymentId = kPaymentId;
    const ProviderResult result = run(provider.cancel(request));
    QCOMPARE(result.failure.kind, kind);
    QCOMPARE(result.failure.code, code);
    QCOMPARE(result.outcome, outcome);
    QCOMPARE(result.httpStatus, status);
    if (kind != FailureKind::None) {
        QVERIFY(result.outcome != CancelOutcome::Succeeded);
        QVERIFY(!result.cancelTime.isValid());
        QVERIFY(result.providerCode.isEmpty()); // nothing from the body was believed
    }
    QVERIFY(m_fake->seen().constFirst().signatureValid);
}

void TestAntomProvider::answerAboutAnotherPayment()
{
    AntomProvider provider(config(), *m_http);
    m_fake->enqueue({cancelSuccessBody(u"SOME_OTHER_PAYMENT"_s)});
    CancelRequest request;
    request.paymentId = kPaymentId;
    const ProviderResult result = run(provider.cancel(request));
    QCOMPARE(result.failure.kind, FailureKind::Protocol);
    QCOMPARE(result.outcome, CancelOutcome::Unknown);
}

void TestAntomProvider::retrySendsIdenticalBody()
{
    AntomProvider provider(config(), *m_http);
    qint64 now = 1685599933000;
    provider.setClock([&now] { return now; });
    m_fake->enqueue({fixture(u"cancel_unknown.json"_s)});
    m_fake->enqueue({cancelSuccessBody()});

    CancelRequest request;
    request.paymentId = kPaymentId;
    request.merchantReference = u"pay_1"_s;
    request.idempotencyKey = u"4b7a8f4e-4f59-4d3e-9f0e-0d8c3a1c2b10"_s;
    QCOMPARE(run(provider.cancel(request)).outcome, CancelOutcome::Unknown);
    now += 1500;
    QCOMPARE(run(provider.cancel(request)).outcome, CancelOutcome::Succeeded);

    QCOMPARE(m_fake->seen().size(), 2);
    const FakeAntom::Seen &first = m_fake->seen().at(0);
    const FakeAntom::Seen &second = m_fake->seen().at(1);
    QCOMPARE(second.body, first.body);
    QCOMPARE(first.body, AntomProvider::cancelBody(request));
    QCOMPARE(first.requestTime, QByteArray("1685599933000"));
    QCOMPARE(second.requestTime, QByteArray("1685599934500"));
    // A fresh time means a fresh signature, each valid.
    QVERIFY(first.signatureHeader != second.signatureHeader);
    QVERIFY(first.signatureValid);
    QVERIFY(second.signatureValid);
}

void TestAntomProvider::bodyDependsOnlyOnThePayment()
{
    CancelRequest a;
    a.paymentId = kPaymentId;
    a.merchantReference = u"pay_1"_s;
    a.idempotencyKey = u"key-1"_s;
    a.reason = Domain::CancelReason::Duplicate;
    CancelRequest b = a;
    b.idempotencyKey = u"key-2"_s;
    b.reason = Domain::CancelReason::Fraudulent;
    QCOMPARE(AntomProvider::cancelBody(a), "{\"paymentId\":\"" + kPaymentId.toLatin1() + "\"}");
    QCOMPARE(AntomProvider::cancelBody(b), AntomProvider::cancelBody(a));

    CancelRequest byReference;
    byReference.merchantReference = u"pay_1"_s;
    QCOMPARE(AntomProvider::cancelBody(byReference),
             QByteArray("{\"paymentRequestId\":\"pay_1\"}"));
    QCOMPARE(AntomProvider::inquiryBody(kPaymentId),
             "{\"paymentId\":\"" + kPaymentId.toLatin1() + "\"}");
}

void TestAntomProvider::inquiryMapsStatuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("paymentId");
    QTest::addColumn<Domain::NormStatus>("status");

    const QByteArray wallet = fixture(u"inquiry_wallet_success.json"_s);
    QTest::addRow("success") << wallet << kPaymentId << Domain::NormStatus::Succeeded;
    QTest::addRow("processing") << QByteArray(wallet).replace("\"paymentStatus\": \"SUCCESS\"",
                                                              "\"paymentStatus\": \"PROCESSING\"")
                                << kPaymentId << Domain::NormStatus::Pending;
    QTest::addRow("cancelled") << QByteArray(wallet).replace("\"paymentStatus\": \"SUCCESS\"",
                                                             "\"paymentStatus\": \"CANCELLED\"")
                               << kPaymentId << Domain::NormStatus::Cancelled;
    QTest::addRow("card authorised")
        << fixture(u"inquiry_card_authorized.json"_s) << u"20190608114010800100188820200350000"_s
        << Domain::NormStatus::Authorized;
}

void TestAntomProvider::inquiryMapsStatuses()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, paymentId);
    QFETCH(Domain::NormStatus, status);

    AntomProvider provider(config(), *m_http);
    m_fake->enqueue({body});
    const ProviderResult result = run(provider.retrieve(paymentId));
    QVERIFY2(result.ok(), qPrintable(failureText(result.failure)));
    QVERIFY(result.order);
    QCOMPARE(result.order->paymentId, paymentId);
    QCOMPARE(result.order->status, status);
    QCOMPARE(result.order->lastPayload, body);

    const FakeAntom::Seen &seen = m_fake->seen().constFirst();
    QCOMPARE(seen.path, QByteArray("/ams/sandbox/api/v1/payments/inquiryPayment"));
    QCOMPARE(seen.body, "{\"paymentId\":\"" + paymentId.toLatin1() + "\"}");
    QVERIFY(seen.signatureValid);
    // The default clock: epoch milliseconds.
    bool isNumber = false;
    QVERIFY(seen.requestTime.toLongLong(&isNumber) > 1600000000000LL);
    QVERIFY(isNumber);
}

void TestAntomProvider::inquiryNotFound()
{
    AntomProvider provider(config(), *m_http);
    m_fake->enqueue({fixture(u"inquiry_order_not_exist.json"_s)});
    const ProviderResult result = run(provider.retrieve(kPaymentId));
    QCOMPARE(result.failure.kind, FailureKind::NotFound);
    QCOMPARE(result.failure.code, u"ORDER_NOT_EXIST"_s);
    QCOMPARE(result.guidance, Guidance::CheckPaymentId);
    QVERIFY(!result.order);
}

void TestAntomProvider::configurationRefused_data()
{
    QTest::addColumn<QString>("what");
    QTest::addRow("no private key") << u"no-key"_s;
    QTest::addRow("garbage private key") << u"garbage-key"_s;
    QTest::addRow("public key as private key") << u"public-as-private"_s;
    QTest::addRow("1024-bit private key") << u"short-key"_s;
    QTest::addRow("unreadable Antom public key") << u"bad-antom-key"_s;
    QTest::addRow("base URL with a path") << u"base-path"_s;
    QTest::addRow("plain http to a remote host") << u"insecure-base"_s;
    QTest::addRow("no client id") << u"no-client"_s;
    QTest::addRow("client id with a newline") << u"client-newline"_s;
}

void TestAntomProvider::configurationRefused()
{
    QFETCH(QString, what);
    AntomConfig c = config();
    if (what == "no-key"_L1)
        c.merchantPrivateKey = Secret();
    else if (what == "garbage-key"_L1)
        c.merchantPrivateKey = Secret("-----BEGIN PRIVATE KEY-----\nSECRETMARKERxyz\n"
                                      "-----END PRIVATE KEY-----\n");
    else if (what == "public-as-private"_L1)
        c.merchantPrivateKey = Secret(fixture(u"merchant_public.pem"_s));
    else if (what == "short-key"_L1)
        c.merchantPrivateKey = Secret(fixture(u"rsa1024_private.pem"_s));
    else if (what == "bad-antom-key"_L1)
        c.antomPublicKey = "SECRETMARKER";
    else if (what == "base-path"_L1)
        c.baseUrl.setPath(u"/ams/api"_s);
    else if (what == "insecure-base"_L1)
        c.baseUrl = QUrl(u"http://open-sea-global.alipay.com"_s);
    else if (what == "no-client"_L1)
        c.clientId.clear();
    else if (what == "client-newline"_L1)
        c.clientId = u"SANDBOX_A\r\nX-Evil: 1"_s;

    AntomProvider provider(c, *m_http);
    QVERIFY(!provider.configurationError().isEmpty());
    QVERIFY(!provider.configurationError().contains("SECRETMARKER"_L1));
    QVERIFY(!provider.configurationError().contains("MII"_L1));

    CancelRequest request;
    request.paymentId = kPaymentId;
    const ProviderResult cancelled = run(provider.cancel(request));
    QCOMPARE(cancelled.failure.kind, FailureKind::Configuration);
    QVERIFY(cancelled.outcome != CancelOutcome::Succeeded);
    QVERIFY(!cancelled.failure.message.contains("SECRETMARKER"_L1));
    const ProviderResult retrieved = run(provider.retrieve(kPaymentId));
    QCOMPARE(retrieved.failure.kind, FailureKind::Configuration);
    QVERIFY(!retrieved.order);

    // Give a request that was sent anyway every chance to arrive.
    QTest::qWait(100);
    QCOMPARE(m_fake->seen().size(), 0);
}

void TestAntomProvider::withoutAntomKeyNothingIsVerified()
{
    // As Antom's SDKs: no Antom public key configured, no verification.
    AntomConfig c = config();
    c.antomPublicKey.clear();
    AntomProvider provider(c, *m_http);
    QVERIFY(provider.configurationError().isEmpty());
    QVERIFY(!provider.verifiesResponses());
    m_fake->enqueue({cancelSuccessBody(), 200, FakeAntom::Signing::Unsigned});
    CancelRequest request;
    request.paymentId = kPaymentId;
    QCOMPARE(run(provider.cancel(request)).outcome, CancelOutcome::Succeeded);
}

void TestAntomProvider::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    AntomConfig c = config();
    c.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    AntomProvider provider(c, *m_http);
    CancelRequest request;
    request.paymentId = kPaymentId;
    const ProviderResult result = run(provider.cancel(request));
    QCOMPARE(result.failure.kind, FailureKind::Transport);
    QCOMPARE(result.outcome, CancelOutcome::Unknown);
}

QTEST_GUILESS_MAIN(TestAntomProvider)
#include "tst_antomprovider.moc"
