#include "providers/liquido/liquidoprovider.h"
#include "testsupport.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include <deque>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Providers;
using namespace CancelDesk::Providers::Liquido;

namespace {

// Deliberately awkward: form encoding must carry '&', '=', '+', '%' and spaces.
const QByteArray kClientId = "cd-client 1";
const QByteArray kClientSecret = "s3&cret=+x %41 y";
const QByteArray kApiKey = "api-KEY-8f3a";

QByteArray seedCharge()
{
    return Test::fixture(QStringLiteral("liquido/cancel_seed002.json"));
}

QByteArray formValue(const QByteArray &body, const QByteArray &name)
{
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            continue;
        QByteArray key = pair.left(eq);
        QByteArray value = pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        if (QByteArray::fromPercentEncoding(key) == name)
            return QByteArray::fromPercentEncoding(value);
    }
    return QByteArray();
}

struct Recorded
{
    QByteArray method;
    QByteArray target; // the request path as sent, still percent-encoded
    QByteArray body;
    QByteArray authorization;
    QByteArray apiKey;
    QByteArray contentType;
    QByteArray accept;
};

struct Scripted
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    bool hang = false; // never answer: the client times out
};

// A fake Liquido on 127.0.0.1: the token endpoint and the two charge
// endpoints, enforcing form-encoded OAuth, Bearer tokens and x-api-key.
class FakeLiquido
{
public:
    FakeLiquido()
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                handle(request, std::move(responder));
            });
        port = m_server.listen(QHostAddress::LocalHost, 0);
    }
    ~FakeLiquido()
    {
        // Held responders go before the server that owns their sockets.
        m_held.clear();
    }

    QUrl url(const QString &path = QString()) const
    {
        QUrl u;
        u.setScheme(u"http"_s);
        u.setHost(u"127.0.0.1"_s);
        u.setPort(port);
        u.setPath(path);
        return u;
    }

    void addCharge(const QString &key, const QString &status,
                   const QString &method = u"PIX_DYNAMIC_QR"_s)
    {
        m_charges[key] = {status, method};
    }
    QString status(const QString &key) const { return m_charges.value(key).first; }
    void revokeTokens() { m_validTokens.clear(); }

    quint16 port = 0;
    int tokenTtl = 3600;
    bool includeTtl = true;
    int tokenDelayMs = 0;
    bool alwaysUnauthorized = false;
    std::deque<Scripted> script; // answers for the next API calls, after auth
    QList<QByteArray> tokenBodies;
    QList<QByteArray> tokenContentTypes;
    QList<Recorded> api;

private:
    QByteArray charge(const QString &key) const
    {
        QJsonObject o = QJsonDocument::fromJson(seedCharge()).object();
        o.insert("idempotencyKey"_L1, key);
        o.insert("referenceId"_L1, key);
        o.insert("transferStatus"_L1, m_charges.value(key).first);
        o.insert("paymentMethod"_L1, m_charges.value(key).second);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    static void reply(QHttpServerResponder &responder, int status, const QByteArray &body,
                      const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
        responder.writeHeader("Content-Type", "application/json");
        for (const auto &[name, value] : headers)
            responder.writeHeader(name, value);
        responder.writeHeader("Content-Length", QByteArray::number(body.size()));
        responder.writeBody(body);
    }

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
    {
        const QByteArray target = request.url().path(QUrl::FullyEncoded).toLatin1();
        if (target == "/oauth2/token") {
            token(request, std::move(responder));
            return;
        }
        Recorded r;
        r.method = request.method() == QHttpServerRequest::Method::Post  ? "POST"
                   : request.method() == QHttpServerRequest::Method::Get ? "GET"
                                                                         : "OTHER";
        r.target = target;
        r.body = request.body();
        r.authorization = request.value("Authorization");
        r.apiKey = request.value("x-api-key");
        r.contentType = request.value("Content-Type");
        r.accept = request.value("Accept");
        api.append(r);

        const QByteArray bearer = "Bearer ";
        if (alwaysUnauthorized || !r.authorization.startsWith(bearer)
            || !m_validTokens.contains(r.authorization.mid(bearer.size()))) {
            reply(responder, 401, R"({"message":"Unauthorized"})");
            return;
        }
        if (r.apiKey != kApiKey) {
            reply(responder, 403, R"({"message":"Forbidden"})");
            return;
        }
        if (!script.empty()) {
            const Scripted s = script.front();
            script.pop_front();
            if (s.hang) {
                m_held.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
                return;
            }
            reply(responder, s.status, s.body, s.headers);
            return;
        }

        const QByteArray getPrefix = "/v1/payments/charges/";
        const QByteArray cancelPrefix = "/v1/payments/charges/cancel/";
        if (r.method == "POST" && target.startsWith(cancelPrefix)) {
            const QString key =
                QString::fromUtf8(QByteArray::fromPercentEncoding(target.mid(cancelPrefix.size())));
            if (!m_charges.contains(key)) {
                reply(responder, 404, R"({"message":"Charge not found"})");
                return;
            }
            const auto [status, method] = m_charges.value(key);
            const bool eligible = (status == u"IN_PROGRESS" && method != u"CREDIT_CARD")
                                  || (status == u"AUTHORIZED" && method == u"CREDIT_CARD");
            if (!eligible) {
                reply(
                    responder, 400,
                    R"({"transferStatusCode":2011,"transferErrorMsg":"Payment cannot be cancelled"})");
                return;
            }
            m_charges[key].first = u"CANCELLED"_s;
            reply(responder, 200, charge(key));
            return;
        }
        if (r.method == "GET" && target.startsWith(getPrefix)) {
            const QString key =
                QString::fromUtf8(QByteArray::fromPercentEncoding(target.mid(getPrefix.size())));
            if (!m_charges.contains(key)) {
                reply(responder, 404, R"({"message":"Charge not found"})");
                return;
            }
            reply(responder, 200, charge(key));
            return;
        }
        reply(responder, 404, R"({"message":"No route"})");
    }

    void token(const QHttpServerRequest &request, QHttpServerResponder &&responder)
    {
        const QByteArray body = request.body();
        tokenBodies.append(body);
        tokenContentTypes.append(request.value("Content-Type"));
        if (request.method() != QHttpServerRequest::Method::Post
            || request.value("Content-Type") != "application/x-www-form-urlencoded"
            || formValue(body, "grant_type") != "client_credentials"
            || formValue(body, "client_id") != kClientId
            || formValue(body, "client_secret") != kClientSecret) {
            reply(responder, 401, R"({"error":"invalid_client"})");
            return;
        }
        const QByteArray issued = "tok-" + QByteArray::number(tokenBodies.size());
        m_validTokens.insert(issued);
        QJsonObject o{{"access_token"_L1, QString::fromLatin1(issued)},
                      {"token_type"_L1, u"Bearer"_s}};
        if (includeTtl)
            o.insert("expires_in"_L1, tokenTtl);
        const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
        if (tokenDelayMs <= 0) {
            reply(responder, 200, json);
            return;
        }
        // Answer later, so that concurrent calls pile up behind this request.
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        QTimer::singleShot(tokenDelayMs, &m_server, [held, json] { reply(*held, 200, json); });
    }

    QHttpServer m_server;
    QHash<QString, std::pair<QString, QString>> m_charges;
    QSet<QByteArray> m_validTokens;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_held;
};

ProviderResult waitFor(ProviderCall *call)
{
    QSignalSpy spy(call, &ProviderCall::finished);
    if (!spy.wait(10000) || spy.count() != 1) {
        ProviderResult none;
        none.failure.kind = FailureKind::Unsupported;
        none.failure.message = u"no result"_s;
        return none;
    }
    return spy.at(0).at(0).value<ProviderResult>();
}

CancelRequest cancelOf(const QString &key)
{
    CancelRequest r;
    r.paymentId = key;
    r.merchantReference = key;
    r.idempotencyKey = u"journal-key-1"_s;
    return r;
}

// Messages printed while a test runs, to prove secrets never reach a log.
QStringList g_messages;
void recordMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages.append(message);
}

} // namespace

Q_DECLARE_METATYPE(CancelDesk::Providers::CancelOutcome)
Q_DECLARE_METATYPE(CancelDesk::Providers::FailureKind)

class TestLiquidoProvider final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tokenIsFormEncodedAndHeadersAreSent();
    void tokenIsReused();
    void tokenWithoutLifetimeIsNotCached();
    void oneTokenRequestForConcurrentCalls();
    void unauthorizedRefreshesOnceAndRetries();
    void concurrentUnauthorizedShareOneRefresh();
    void unauthorizedTwiceIsAuthenticationFailure();
    void wrongApiKeyIsAuthenticationFailure();
    void wrongSecretIsAuthenticationFailure();
    void cancelSucceeds();
    void cancelRejected_data();
    void cancelRejected();
    void cancelServerErrorIsUnknownAndRetryIsIdentical();
    void cancelTimeoutIsUnknownAndRetryIsIdentical();
    void cancelRateLimited();
    void keyIsPercentEncoded();
    void retrieveNotFound();
    void noListing();
    void configurationProblemsSendNothing();
    void abortDeliversOnce();
    void secretsNeverLeak();

private:
    LiquidoConfig config() const;
    std::unique_ptr<FakeLiquido> m_fake;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<LiquidoProvider> m_provider;
};

LiquidoConfig TestLiquidoProvider::config() const
{
    LiquidoConfig c;
    c.baseUrl = m_fake->url();
    c.authUrl = m_fake->url(u"/oauth2/token"_s);
    c.clientId = QString::fromLatin1(kClientId);
    c.clientSecret = Secret(kClientSecret);
    c.apiKey = Secret(kApiKey);
    return c;
}

void TestLiquidoProvider::init()
{
    m_fake = std::make_unique<FakeLiquido>();
    QVERIFY(m_fake->port != 0);
    m_http = std::make_unique<HttpClient>();
    m_provider = std::make_unique<LiquidoProvider>(config(), *m_http);
    m_fake->addCharge(u"pix-1"_s, u"IN_PROGRESS"_s);
    m_fake->addCharge(u"pix-2"_s, u"IN_PROGRESS"_s);
    m_fake->addCharge(u"settled-1"_s, u"SETTLED"_s);
}

void TestLiquidoProvider::cleanup()
{
    m_provider.reset();
    m_http.reset();
    m_fake.reset();
}

void TestLiquidoProvider::tokenIsFormEncodedAndHeadersAreSent()
{
    const ProviderResult r = waitFor(m_provider->retrieve(u"pix-1"_s));
    QVERIFY2(r.ok(), qPrintable(failureText(r.failure)));
    QVERIFY(r.order.has_value());
    QCOMPARE(r.order->paymentId, u"pix-1"_s);
    QCOMPARE(r.order->status, Domain::NormStatus::Pending);
    QCOMPARE(r.httpStatus, 200);

    QCOMPARE(m_fake->tokenBodies.size(), 1);
    QCOMPARE(m_fake->tokenContentTypes.first(), QByteArray("application/x-www-form-urlencoded"));
    const QByteArray body = m_fake->tokenBodies.first();
    // The secret survives, and its '&' and '=' did not become separators.
    QCOMPARE(formValue(body, "client_secret"), kClientSecret);
    QCOMPARE(formValue(body, "client_id"), kClientId);
    QCOMPARE(formValue(body, "grant_type"), QByteArray("client_credentials"));
    QCOMPARE(body.count('&'), 2);
    QCOMPARE(body.count('='), 3);

    QCOMPARE(m_fake->api.size(), 1);
    const Recorded &get = m_fake->api.first();
    QCOMPARE(get.method, QByteArray("GET"));
    QCOMPARE(get.target, QByteArray("/v1/payments/charges/pix-1"));
    QCOMPARE(get.authorization, QByteArray("Bearer tok-1"));
    QCOMPARE(get.apiKey, kApiKey);
    QCOMPARE(get.contentType, QByteArray("application/json"));
    QCOMPARE(get.accept, QByteArray("application/json"));
}

void TestLiquidoProvider::tokenIsReused()
{
    QVERIFY(waitFor(m_provider->retrieve(u"pix-1"_s)).ok());
    QVERIFY(waitFor(m_provider->retrieve(u"pix-2"_s)).ok());
    QVERIFY(waitFor(m_provider->cancel(cancelOf(u"pix-1"_s))).ok());
    QCOMPARE(m_fake->tokenBodies.size(), 1);
    QCOMPARE(m_fake->api.size(), 3);
    for (const Recorded &r : std::as_const(m_fake->api))
        QCOMPARE(r.authorization, QByteArray("Bearer tok-1"));

    // After clearToken() a new one is fetched.
    m_provider->clearToken();
    QVERIFY(waitFor(m_provider->retrieve(u"pix-2"_s)).ok());
    QCOMPARE(m_fake->tokenBodies.size(), 2);
    QCOMPARE(m_fake->api.last().authorization, QByteArray("Bearer tok-2"));
}

void TestLiquidoProvider::tokenWithoutLifetimeIsNotCached()
{
    m_fake->includeTtl = false;
    QVERIFY(waitFor(m_provider->retrieve(u"pix-1"_s)).ok());
    QVERIFY(waitFor(m_provider->retrieve(u"pix-2"_s)).ok());
    QCOMPARE(m_fake->tokenBodies.size(), 2);

    m_fake->includeTtl = true;
    m_fake->tokenTtl = 0;
    QVERIFY(waitFor(m_provider->retrieve(u"pix-1"_s)).ok());
    QVERIFY(waitFor(m_provider->retrieve(u"pix-2"_s)).ok());
    QCOMPARE(m_fake->tokenBodies.size(), 4);
}

void TestLiquidoProvider::oneTokenRequestForConcurrentCalls()
{
    m_fake->tokenDelayMs = 100;
    QList<ProviderCall *> calls;
    for (int i = 0; i < 5; ++i)
        calls.append(m_provider->retrieve(i % 2 ? u"pix-1"_s : u"pix-2"_s));
    calls.append(m_provider->cancel(cancelOf(u"pix-1"_s)));
    calls.append(m_provider->cancel(cancelOf(u"pix-2"_s)));
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (ProviderCall *c : std::as_const(calls))
        spies.append(std::make_shared<QSignalSpy>(c, &ProviderCall::finished));
    for (const auto &spy : std::as_const(spies))
        QTRY_COMPARE_WITH_TIMEOUT(spy->count(), 1, 10000);
    for (const auto &spy : std::as_const(spies)) {
        const auto r = spy->at(0).at(0).value<ProviderResult>();
        QVERIFY2(r.ok(), qPrintable(failureText(r.failure)));
    }
    QCOMPARE(m_fake->tokenBodies.size(), 1);
    QCOMPARE(m_fake->api.size(), 7);
}

void TestLiquidoProvider::unauthorizedRefreshesOnceAndRetries()
{
    QVERIFY(waitFor(m_provider->retrieve(u"pix-1"_s)).ok());
    m_fake->revokeTokens(); // tok-1 is cached but no longer valid
    const ProviderResult r = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QVERIFY2(r.ok(), qPrintable(failureText(r.failure)));
    QCOMPARE(r.outcome, CancelOutcome::Succeeded);
    QCOMPARE(m_fake->tokenBodies.size(), 2);
    QCOMPARE(m_fake->api.size(), 3);
    QCOMPARE(m_fake->api[1].authorization, QByteArray("Bearer tok-1"));
    QCOMPARE(m_fake->api[2].authorization, QByteArray("Bearer tok-2"));
    // The repeat is the same request.
    QCOMPARE(m_fake->api[2].target, m_fake->api[1].target);
    QCOMPARE(m_fake->api[2].body, m_fake->api[1].body);
}

void TestLiquidoProvider::concurrentUnauthorizedShareOneRefresh()
{
    QVERIFY(waitFor(m_provider->retrieve(u"pix-1"_s)).ok());
    m_fake->revokeTokens();
    m_fake->tokenDelayMs = 50;
    ProviderCall *a = m_provider->retrieve(u"pix-1"_s);
    ProviderCall *b = m_provider->retrieve(u"pix-2"_s);
    ProviderCall *c = m_provider->retrieve(u"settled-1"_s);
    QSignalSpy sa(a, &ProviderCall::finished), sb(b, &ProviderCall::finished),
        sc(c, &ProviderCall::finished);
    QTRY_COMPARE_WITH_TIMEOUT(sa.count() + sb.count() + sc.count(), 3, 10000);
    for (QSignalSpy *s : {&sa, &sb, &sc})
        QVERIFY(s->at(0).at(0).value<ProviderResult>().ok());
    QCOMPARE(m_fake->tokenBodies.size(), 2);
    QCOMPARE(m_fake->api.size(), 1 + 3 + 3);
}

void TestLiquidoProvider::unauthorizedTwiceIsAuthenticationFailure()
{
    m_fake->alwaysUnauthorized = true;
    const ProviderResult r = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QCOMPARE(r.failure.kind, FailureKind::Authentication);
    QCOMPARE(r.outcome, CancelOutcome::Rejected);
    QCOMPARE(r.guidance, Guidance::FixConfiguration);
    QCOMPARE(r.httpStatus, 401);
    QCOMPARE(m_fake->api.size(), 2);         // one retry, no more
    QCOMPARE(m_fake->tokenBodies.size(), 2); // one refresh, no more
    QCOMPARE(m_fake->status(u"pix-1"_s), u"IN_PROGRESS"_s);
}

void TestLiquidoProvider::wrongApiKeyIsAuthenticationFailure()
{
    LiquidoConfig c = config();
    c.apiKey = Secret("not-the-key");
    LiquidoProvider provider(c, *m_http);
    const ProviderResult r = waitFor(provider.retrieve(u"pix-1"_s));
    QCOMPARE(r.failure.kind, FailureKind::Authentication);
    QCOMPARE(r.httpStatus, 403);
    QVERIFY(!r.order.has_value());
}

void TestLiquidoProvider::wrongSecretIsAuthenticationFailure()
{
    LiquidoConfig c = config();
    c.clientSecret = Secret("s3&cret=+x %41 Y");
    LiquidoProvider provider(c, *m_http);
    const ProviderResult r = waitFor(provider.cancel(cancelOf(u"pix-1"_s)));
    QCOMPARE(r.failure.kind, FailureKind::Authentication);
    QCOMPARE(r.failure.code, u"invalid_client"_s);
    QCOMPARE(r.outcome, CancelOutcome::Rejected);
    QCOMPARE(r.guidance, Guidance::FixConfiguration);
    QCOMPARE(m_fake->api.size(), 0); // no API call without a token
}

void TestLiquidoProvider::cancelSucceeds()
{
    const ProviderResult r = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QVERIFY2(r.ok(), qPrintable(failureText(r.failure)));
    QCOMPARE(r.outcome, CancelOutcome::Succeeded);
    QVERIFY(r.order.has_value());
    QCOMPARE(r.order->status, Domain::NormStatus::Cancelled);
    QCOMPARE(r.order->paymentId, u"pix-1"_s);
    QVERIFY(r.cancelTime.isValid());
    QVERIFY(r.latencyMs >= 0);

    QCOMPARE(m_fake->api.size(), 1);
    const Recorded &post = m_fake->api.first();
    QCOMPARE(post.method, QByteArray("POST"));
    QCOMPARE(post.target, QByteArray("/v1/payments/charges/cancel/pix-1"));
    QCOMPARE(post.body, LiquidoProvider::cancelBody());
    QCOMPARE(post.body, QByteArray("{}"));
    QCOMPARE(post.contentType, QByteArray("application/json"));
    QCOMPARE(post.apiKey, kApiKey);
    QCOMPARE(m_fake->status(u"pix-1"_s), u"CANCELLED"_s);
}

void TestLiquidoProvider::cancelRejected_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("scriptStatus"); // 0: the fake's own behaviour
    QTest::addColumn<QByteArray>("scriptBody");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<Guidance>("guidance");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("httpStatus");

    QTest::addRow("4xx ineligible") << u"settled-1"_s << 0 << QByteArray() << FailureKind::Rejected
                                    << Guidance::CheckStatus << u"2011"_s << 400;
    QTest::addRow("404 unknown charge") << u"nobody"_s << 0 << QByteArray() << FailureKind::NotFound
                                        << Guidance::CheckPaymentId << QString() << 404;

    QJsonObject o = QJsonDocument::fromJson(seedCharge()).object();
    o.insert("idempotencyKey"_L1, u"pix-2"_s);
    o.insert("transferStatus"_L1, u"SETTLED"_s);
    o.insert("transferStatusCode"_L1, 2011);
    o.insert("transferErrorMsg"_L1, u"Payment was already paid"_s);
    QTest::addRow("in-200 failure")
        << u"pix-2"_s << 200 << QJsonDocument(o).toJson() << FailureKind::Rejected
        << Guidance::Refund << u"2011"_s << 200;
    o.insert("transferStatusCode"_L1, 200);
    o.insert("transferErrorMsg"_L1, QJsonValue::Null);
    QTest::addRow("200 but not cancelled")
        << u"pix-2"_s << 200 << QJsonDocument(o).toJson() << FailureKind::Rejected
        << Guidance::Refund << u"SETTLED"_s << 200;
}

void TestLiquidoProvider::cancelRejected()
{
    QFETCH(QString, key);
    QFETCH(int, scriptStatus);
    QFETCH(QByteArray, scriptBody);
    QFETCH(FailureKind, kind);
    QFETCH(Guidance, guidance);
    QFETCH(QString, code);
    QFETCH(int, httpStatus);
    if (scriptStatus)
        m_fake->script.push_back({scriptStatus, scriptBody, {}, false});

    const ProviderResult r = waitFor(m_provider->cancel(cancelOf(key)));
    QCOMPARE(r.outcome, CancelOutcome::Rejected);
    QCOMPARE(r.failure.kind, kind);
    QCOMPARE(r.guidance, guidance);
    QCOMPARE(r.failure.code, code);
    QCOMPARE(r.httpStatus, httpStatus);
    QVERIFY(!failureText(r.failure).isEmpty());
    QVERIFY(!guidanceText(r.guidance).isEmpty());
    QCOMPARE(m_fake->api.size(), 1); // a rejection is never retried
}

void TestLiquidoProvider::cancelServerErrorIsUnknownAndRetryIsIdentical()
{
    m_fake->script.push_back({500, "<html><body>Internal Server Error</body></html>", {}, false});
    const ProviderResult first = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QCOMPARE(first.outcome, CancelOutcome::Unknown);
    QCOMPARE(first.failure.kind, FailureKind::ServerError);
    QCOMPARE(first.httpStatus, 500);

    // The service reconciles by retrieve, then retries the same cancel.
    const ProviderResult state = waitFor(m_provider->retrieve(u"pix-1"_s));
    QVERIFY(state.ok());
    QCOMPARE(state.order->status, Domain::NormStatus::Pending);
    const ProviderResult second = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QCOMPARE(second.outcome, CancelOutcome::Succeeded);

    QCOMPARE(m_fake->api.size(), 3);
    const Recorded &a = m_fake->api[0];
    const Recorded &b = m_fake->api[2];
    QCOMPARE(b.method, a.method);
    QCOMPARE(b.target, a.target);
    QCOMPARE(b.body, a.body);
    QCOMPARE(b.contentType, a.contentType);
    QCOMPARE(b.authorization, a.authorization);
    QCOMPARE(b.apiKey, a.apiKey);
}

void TestLiquidoProvider::cancelTimeoutIsUnknownAndRetryIsIdentical()
{
    m_provider->setRequestTimeout(std::chrono::milliseconds(300));
    QVERIFY(waitFor(m_provider->retrieve(u"pix-2"_s)).ok()); // token first: only the cancel hangs
    Scripted hang;
    hang.hang = true;
    m_fake->script.push_back(hang);
    const ProviderResult first = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QCOMPARE(first.outcome, CancelOutcome::Unknown);
    QCOMPARE(first.failure.kind, FailureKind::Transport);
    QCOMPARE(first.failure.transport, TransportError::Timeout);

    const ProviderResult second = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QVERIFY2(second.ok(), qPrintable(failureText(second.failure)));
    QCOMPARE(second.outcome, CancelOutcome::Succeeded);
    QCOMPARE(m_fake->api.size(), 3);
    QCOMPARE(m_fake->api[2].target, m_fake->api[1].target);
    QCOMPARE(m_fake->api[2].body, m_fake->api[1].body);
    QCOMPARE(m_fake->api[2].authorization, m_fake->api[1].authorization);
}

void TestLiquidoProvider::cancelRateLimited()
{
    m_fake->script.push_back(
        {429, R"({"message":"Too Many Requests"})", {{"Retry-After", "3"}}, false});
    const ProviderResult r = waitFor(m_provider->cancel(cancelOf(u"pix-1"_s)));
    QCOMPARE(r.outcome, CancelOutcome::Unknown);
    QCOMPARE(r.failure.kind, FailureKind::RateLimited);
    QCOMPARE(r.guidance, Guidance::RetryLater);
    QCOMPARE(r.failure.retryAfter, std::chrono::milliseconds(3000));
    QCOMPARE(m_fake->status(u"pix-1"_s), u"IN_PROGRESS"_s);
}

void TestLiquidoProvider::keyIsPercentEncoded()
{
    const QString key = u"a/b c?d#e%f+g&ç"_s;
    m_fake->addCharge(key, u"IN_PROGRESS"_s);
    const ProviderResult got = waitFor(m_provider->retrieve(key));
    QVERIFY2(got.ok(), qPrintable(failureText(got.failure)));
    QCOMPARE(got.order->paymentId, key);
    QCOMPARE(m_fake->api.last().target,
             QByteArray("/v1/payments/charges/a%2Fb%20c%3Fd%23e%25f%2Bg%26%C3%A7"));

    const ProviderResult cancelled = waitFor(m_provider->cancel(cancelOf(key)));
    QCOMPARE(cancelled.outcome, CancelOutcome::Succeeded);
    QCOMPARE(m_fake->api.last().target,
             QByteArray("/v1/payments/charges/cancel/a%2Fb%20c%3Fd%23e%25f%2Bg%26%C3%A7"));
}

void TestLiquidoProvider::retrieveNotFound()
{
    const ProviderResult r = waitFor(m_provider->retrieve(u"nobody"_s));
    QCOMPARE(r.failure.kind, FailureKind::NotFound);
    QCOMPARE(r.failure.message, u"Charge not found"_s);
    QVERIFY(!r.order.has_value());
}

void TestLiquidoProvider::noListing()
{
    QVERIFY(!m_provider->supportsListing());
    QCOMPARE(m_provider->kind(), Domain::Provider::Liquido);
    const ProviderResult r = waitFor(m_provider->list(ListRequest{}));
    QCOMPARE(r.failure.kind, FailureKind::Unsupported);
    QCOMPARE(m_fake->api.size(), 0);
}

void TestLiquidoProvider::configurationProblemsSendNothing()
{
    const auto check = [this](LiquidoConfig c) {
        LiquidoProvider provider(std::move(c), *m_http);
        const ProviderResult r = waitFor(provider.cancel(cancelOf(u"pix-1"_s)));
        QCOMPARE(r.failure.kind, FailureKind::Configuration);
        QCOMPARE(r.outcome, CancelOutcome::Rejected);
        QCOMPARE(r.guidance, Guidance::FixConfiguration);
        QVERIFY(!r.failure.message.isEmpty());
    };
    LiquidoConfig c = config();
    c.clientSecret = Secret();
    check(c);
    c = config();
    c.apiKey = Secret("key\r\nX-Injected: 1");
    check(c);
    c = config();
    c.baseUrl = QUrl(u"http://api.liquido.example"_s); // plain http off this machine
    check(c);
    c = config();
    c.authUrl = QUrl();
    check(c);
    QCOMPARE(m_fake->tokenBodies.size(), 0);
    QCOMPARE(m_fake->api.size(), 0);

    const ProviderResult empty = waitFor(m_provider->retrieve(u"  "_s));
    QCOMPARE(empty.failure.kind, FailureKind::NotFound);
    QCOMPARE(m_fake->api.size(), 0);
}

void TestLiquidoProvider::abortDeliversOnce()
{
    // Aborted while waiting for the token: the other waiter still completes.
    m_fake->tokenDelayMs = 100;
    ProviderCall *aborted = m_provider->retrieve(u"pix-1"_s);
    ProviderCall *other = m_provider->retrieve(u"pix-2"_s);
    QSignalSpy abortedSpy(aborted, &ProviderCall::finished);
    QSignalSpy otherSpy(other, &ProviderCall::finished);
    aborted->abort();
    QCOMPARE(abortedSpy.count(), 1);
    QCOMPARE(abortedSpy.at(0).at(0).value<ProviderResult>().failure.transport,
             TransportError::Aborted);
    QTRY_COMPARE_WITH_TIMEOUT(otherSpy.count(), 1, 10000);
    QVERIFY(otherSpy.at(0).at(0).value<ProviderResult>().ok());
    QCOMPARE(m_fake->api.size(), 1);

    // Aborted while the API call is in flight: still exactly one delivery.
    Scripted hang;
    hang.hang = true;
    m_fake->script.push_back(hang);
    ProviderCall *inFlight = m_provider->cancel(cancelOf(u"pix-1"_s));
    QSignalSpy inFlightSpy(inFlight, &ProviderCall::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->api.size(), 2, 10000);
    inFlight->abort();
    QCOMPARE(inFlightSpy.count(), 1);
    QTest::qWait(50);
    QCOMPARE(inFlightSpy.count(), 1);
    QCOMPARE(abortedSpy.count(), 1);
}

void TestLiquidoProvider::secretsNeverLeak()
{
    g_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(recordMessage);
    QList<ProviderResult> results;
    results.append(waitFor(m_provider->retrieve(u"pix-1"_s)));
    m_fake->script.push_back({500, "oops", {}, false});
    results.append(waitFor(m_provider->cancel(cancelOf(u"pix-1"_s))));
    results.append(waitFor(m_provider->cancel(cancelOf(u"settled-1"_s))));
    m_fake->alwaysUnauthorized = true;
    results.append(waitFor(m_provider->cancel(cancelOf(u"pix-2"_s))));
    {
        LiquidoConfig c = config();
        c.clientSecret = Secret("wrong-secret-value");
        LiquidoProvider provider(c, *m_http);
        results.append(waitFor(provider.retrieve(u"pix-1"_s)));
    }
    qInstallMessageHandler(previous);

    const QStringList secrets = {QString::fromLatin1(kClientSecret), QString::fromLatin1(kApiKey),
                                 u"wrong-secret-value"_s, u"tok-1"_s, u"tok-2"_s};
    for (const ProviderResult &r : std::as_const(results)) {
        const QString visible = failureText(r.failure) + r.failure.message + r.failure.code
                                + r.providerCode + r.providerMessage;
        for (const QString &secret : secrets)
            QVERIFY2(!visible.contains(secret), qPrintable(secret));
    }
    for (const QString &message : std::as_const(g_messages)) {
        for (const QString &secret : secrets)
            QVERIFY2(!message.contains(secret), qPrintable(message));
    }
}

QTEST_GUILESS_MAIN(TestLiquidoProvider)
#include "tst_liquidoprovider.moc"
