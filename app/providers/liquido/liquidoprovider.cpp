#include "liquidoprovider.h"

#include "liquidoparser.h"

#include <QElapsedTimer>
#include <QUrl>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Providers::Liquido {

struct LiquidoProvider::Attempt
{
    Operation operation = Operation::Retrieve;
    QString paymentId;
    bool retriedAfter401 = false;
    QElapsedTimer timer;
};

namespace {

// Header values must not be able to split a header or smuggle another one.
bool isHeaderSafe(const QByteArray &value)
{
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return false;
    }
    return true;
}

bool isUsableUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
           && (url.scheme() == u"https"_s || url.scheme() == u"http"_s);
}

} // namespace

LiquidoProvider::LiquidoProvider(LiquidoConfig config, HttpClient &http, QObject *parent)
    : PaymentProvider(parent)
    , m_config(std::move(config))
    , m_http(http)
{}

LiquidoProvider::~LiquidoProvider() = default;

Domain::Provider LiquidoProvider::kind() const
{
    return Domain::Provider::Liquido;
}

QByteArray LiquidoProvider::cancelBody()
{
    return QByteArrayLiteral("{}");
}

void LiquidoProvider::clearToken()
{
    m_token = Secret();
    m_tokenReusableUntil = QDeadlineTimer(0);
}

ProviderCall *LiquidoProvider::retrieve(const QString &paymentId)
{
    return start(Operation::Retrieve, paymentId);
}

ProviderCall *LiquidoProvider::cancel(const CancelRequest &request)
{
    return start(Operation::Cancel, request.paymentId);
}

ProviderFailure LiquidoProvider::configurationProblem() const
{
    ProviderFailure f;
    f.kind = FailureKind::Configuration;
    if (!isUsableUrl(m_config.baseUrl) || !HttpClient::isAllowedUrl(m_config.baseUrl)) {
        f.message = tr("The Liquido API address must be an https:// URL (http:// only on this "
                       "computer).");
        return f;
    }
    if (!isUsableUrl(m_config.authUrl) || !HttpClient::isAllowedUrl(m_config.authUrl)) {
        f.message = tr("The Liquido token address must be an https:// URL (http:// only on this "
                       "computer).");
        return f;
    }
    if (m_config.clientId.trimmed().isEmpty() || m_config.clientSecret.isEmpty()) {
        f.message = tr("The Liquido client ID or client secret is missing.");
        return f;
    }
    if (m_config.apiKey.isEmpty() || !isHeaderSafe(m_config.apiKey.reveal())) {
        f.message = tr("The Liquido API key is missing or contains line breaks.");
        return f;
    }
    return {};
}

ProviderCall *LiquidoProvider::start(Operation operation, const QString &paymentId)
{
    auto *call = new ProviderCall(this);
    const bool isCancel = operation == Operation::Cancel;
    if (paymentId.trimmed().isEmpty()) {
        ProviderFailure f;
        f.kind = FailureKind::NotFound;
        f.message = tr("The payment ID is empty.");
        call->deliver(failureResult(f, isCancel));
        return call;
    }
    const ProviderFailure problem = configurationProblem();
    if (problem.isFailure()) {
        call->deliver(failureResult(problem, isCancel));
        return call;
    }
    auto attempt = std::make_shared<Attempt>();
    attempt->operation = operation;
    attempt->paymentId = paymentId;
    attempt->timer.start();
    send(call, attempt);
    return call;
}

HttpRequest LiquidoProvider::apiRequest(const Attempt &attempt, const QByteArray &token) const
{
    const bool isCancel = attempt.operation == Operation::Cancel;
    QUrl url = m_config.baseUrl;
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    // The key is merchant-chosen: encode everything but unreserved characters,
    // so that '/', '?', '#' or '%' in it cannot change the path.
    path += (isCancel ? "/v1/payments/charges/cancel/"_L1 : "/v1/payments/charges/"_L1)
            + QString::fromLatin1(attempt.paymentId.toUtf8().toPercentEncoding());
    url.setPath(path, QUrl::TolerantMode);
    url.setQuery(QString());
    url.setFragment(QString());

    HttpRequest request;
    request.method = isCancel ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    request.url = url;
    request.timeout = m_requestTimeout;
    request.headers = {
        {QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token},
        {QByteArrayLiteral("x-api-key"), m_config.apiKey.reveal()},
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
    };
    if (isCancel)
        request.body = cancelBody();
    return request;
}

void LiquidoProvider::send(ProviderCall *call, const std::shared_ptr<Attempt> &attempt)
{
    withToken(call, [this, call, attempt](const TokenGrant &grant) {
        const bool isCancel = attempt->operation == Operation::Cancel;
        if (grant.failure.isFailure()) {
            ProviderResult r = failureResult(grant.failure, isCancel);
            r.latencyMs = attempt->timer.elapsed();
            call->deliver(std::move(r));
            return;
        }
        HttpCall *http = m_http.send(apiRequest(*attempt, grant.token));
        call->setCurrent(http);
        const quint64 generation = grant.generation;
        connect(http, &HttpCall::finished, call,
                [this, call, attempt, generation, isCancel](const HttpResult &result) {
                    if (!result.ok()) {
                        ProviderResult r = failureResult(transportFailure(result), isCancel);
                        r.latencyMs = attempt->timer.elapsed();
                        if (result.error == TransportError::Aborted) {
                            // ProviderCall::abort() aborts the HTTP call, which
                            // reports synchronously, and then delivers its own
                            // Aborted result: deliver later so that it is not
                            // delivered twice.
                            QMetaObject::invokeMethod(
                                call, [call, r] { call->deliver(r); }, Qt::QueuedConnection);
                            return;
                        }
                        call->deliver(std::move(r));
                        return;
                    }
                    if (result.response.status == 401 && !attempt->retriedAfter401) {
                        // The token may have been revoked or expired early:
                        // one fresh token, one repeat of the identical request.
                        attempt->retriedAfter401 = true;
                        if (generation == m_tokenGeneration)
                            clearToken();
                        send(call, attempt);
                        return;
                    }
                    const QDateTime now = m_http.correctedNowUtc();
                    ProviderResult r =
                        isCancel ? parseCancelResponse(attempt->paymentId, result.response, now)
                                 : parseRetrieveResponse(attempt->paymentId, result.response, now);
                    r.latencyMs = attempt->timer.elapsed();
                    call->deliver(std::move(r));
                });
    });
}

void LiquidoProvider::withToken(ProviderCall *call, TokenWaiter waiter)
{
    if (!m_token.isEmpty() && !m_tokenReusableUntil.hasExpired()) {
        waiter(TokenGrant{{}, m_token.reveal(), m_tokenGeneration});
        return;
    }
    m_waiters.append(Waiter{call, std::move(waiter)});
    if (!m_tokenCall)
        requestToken();
}

void LiquidoProvider::requestToken()
{
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = m_config.authUrl;
    request.timeout = m_requestTimeout;
    request.headers = {
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")},
        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
    };
    request.body = tokenRequestBody(m_config.clientId, m_config.clientSecret);
    m_tokenCall = m_http.send(request);
    connect(m_tokenCall, &HttpCall::finished, this, &LiquidoProvider::onTokenFinished);
}

void LiquidoProvider::onTokenFinished(const HttpResult &result)
{
    m_tokenCall = nullptr;
    TokenGrant grant;
    if (!result.ok()) {
        grant.failure = transportFailure(result);
    } else {
        const TokenParse parsed = parseTokenResponse(result.response, m_http.correctedNowUtc());
        if (!parsed.ok()) {
            grant.failure = parsed.failure;
        } else {
            ++m_tokenGeneration;
            m_token = parsed.accessToken;
            // Without expires_in the token serves only the calls waiting now.
            m_tokenReusableUntil = parsed.expiresIn.count() >= 0
                                       ? QDeadlineTimer(tokenReuseFor(parsed.expiresIn))
                                       : QDeadlineTimer(0);
            grant.token = m_token.reveal();
            grant.generation = m_tokenGeneration;
        }
    }
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters) {
        if (w.call && !w.call->isFinished())
            w.resume(grant);
    }
}

} // namespace CancelDesk::Providers::Liquido
