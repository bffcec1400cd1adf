#include "uqpayprovider.h"

#include "uqpayparser.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTimer>

#include <utility>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace CancelDesk::Providers::Uqpay {

namespace {

// The SDK refreshes this long before expired_at; UQPAY's tokens live 30 min.
constexpr std::chrono::milliseconds kRefreshMargin = 5min;
// Assumed when the token answer carries no expired_at (the documented TTL).
constexpr std::chrono::milliseconds kDefaultLifetime = 30min;
// How many fresh tokens one call tries after 401s (token revoked by another
// process) before it gives up with an unknown outcome.
constexpr int kRetriesAfter401 = 4;

QString tokenContentionText(int tokens)
{
    return QCoreApplication::translate("UqpayProvider",
                                       "UQPAY refused %n fresh token(s) in a row; another program "
                                       "may be fetching tokens with the same client ID.",
                                       nullptr, tokens);
}

} // namespace

UqpayProvider::UqpayProvider(UqpayConfig config, HttpClient &http, QObject *parent)
    : PaymentProvider(parent)
    , m_config(std::move(config))
    , m_http(http)
{}

UqpayProvider::~UqpayProvider() = default;

ProviderCall *UqpayProvider::retrieve(const QString &paymentId)
{
    auto op = std::make_shared<Op>();
    op->kind = OpKind::Retrieve;
    op->paymentId = paymentId.trimmed();
    op->request.method = "GET";
    op->request.url = paymentIntentUrl(m_config.baseUrl, op->paymentId);
    return start(std::move(op));
}

ProviderCall *UqpayProvider::cancel(const CancelRequest &request)
{
    auto op = std::make_shared<Op>();
    op->kind = OpKind::Cancel;
    op->paymentId = request.paymentId.trimmed();
    op->request.method = "POST";
    op->request.url = paymentIntentUrl(m_config.baseUrl, op->paymentId, u"/cancel");
    // The journaled key: a retry of the same attempt reuses it, and UQPAY
    // answers a repeat with the first result instead of cancelling twice.
    op->request.headers.append({"x-idempotency-key", request.idempotencyKey.toUtf8()});
    op->request.body = cancelBody(request.reason);
    return start(std::move(op));
}

ProviderCall *UqpayProvider::list(const ListRequest &request)
{
    auto op = std::make_shared<Op>();
    op->kind = OpKind::List;
    op->page = std::max(request.page, 1);
    op->request.method = "GET";
    op->request.url = listUrl(m_config.baseUrl, request);
    return start(std::move(op));
}

ProviderCall *UqpayProvider::start(const OpPtr &op)
{
    auto *call = new ProviderCall(this);
    op->call = call;
    op->timer.start();

    QString problem = configurationProblem();
    if (problem.isEmpty() && op->kind == OpKind::Cancel
        && op->request.headers.constFirst().second.trimmed().isEmpty())
        // Without a key a retry could cancel twice or be refused unpredictably.
        problem = QCoreApplication::translate("UqpayProvider",
                                              "The cancel request has no idempotency key.");
    if (!problem.isEmpty()) {
        ProviderFailure failure;
        failure.kind = FailureKind::Configuration;
        failure.message = problem;
        fail(op, std::move(failure));
        return call;
    }
    if (op->kind != OpKind::List && op->paymentId.isEmpty()) {
        ProviderFailure failure;
        failure.kind = FailureKind::NotFound;
        failure.message = QCoreApplication::translate("UqpayProvider", "The payment ID is empty.");
        fail(op, std::move(failure));
        return call;
    }
    dispatch(op);
    return call;
}

QString UqpayProvider::configurationProblem() const
{
    if (!m_config.baseUrl.isValid() || m_config.baseUrl.host().isEmpty())
        return QCoreApplication::translate("UqpayProvider", "The UQPAY base URL is not set.");
    if (m_config.clientId.trimmed().isEmpty())
        return QCoreApplication::translate("UqpayProvider", "The UQPAY client ID is not set.");
    if (m_config.apiKey.isEmpty())
        return QCoreApplication::translate("UqpayProvider", "The UQPAY API key is not set.");
    return {};
}

bool UqpayProvider::tokenUsable() const
{
    return !m_token.isEmpty() && !m_tokenRefreshAt.hasExpired();
}

void UqpayProvider::dispatch(const OpPtr &op)
{
    if (tokenUsable()) {
        sendWithToken(op);
        return;
    }
    m_waitingForToken.append(op);
    fetchToken();
}

void UqpayProvider::fetchToken()
{
    // One request at a time: each new token revokes the previous one.
    if (m_tokenCall)
        return;

    HttpRequest request;
    request.method = "POST";
    request.url = tokenUrl(m_config.baseUrl);
    request.headers = {
        {"x-client-id", m_config.clientId.toUtf8()},
        {"x-api-key", m_config.apiKey.reveal()},
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
    };
    ++m_tokenRequests;
    m_tokenCall = m_http.send(request);
    connect(m_tokenCall, &HttpCall::finished, this, [this](const HttpResult &result) {
        m_tokenCall = nullptr;
        const QList<OpPtr> waiting = std::exchange(m_waitingForToken, {});

        ProviderFailure failure;
        if (!result.ok()) {
            failure = transportFailure(result);
        } else {
            const QDateTime serverNow = m_http.correctedNowUtc();
            TokenResult token = parseTokenResponse(result.response, serverNow);
            if (!token.ok()) {
                failure = token.failure;
            } else {
                m_token = std::move(token.token);
                ++m_tokenGeneration;
                // Measured against the provider's clock (the skew is already
                // updated from this answer's Date), kept on a monotonic timer.
                const std::chrono::milliseconds lifetime =
                    token.expiresAtUtc.isValid() ? std::chrono::milliseconds(
                        std::max<qint64>(0, serverNow.msecsTo(token.expiresAtUtc)))
                                                 : kDefaultLifetime;
                // Short-lived tokens keep half their life as the margin.
                const auto margin = std::min(kRefreshMargin, lifetime / 2);
                m_tokenRefreshAt = QDeadlineTimer(lifetime - margin);
            }
        }
        for (const OpPtr &op : waiting) {
            if (!op->call || op->call->isFinished())
                continue; // aborted while waiting
            if (failure.isFailure())
                fail(op, failure);
            else
                sendWithToken(op);
        }
    });
}

HeaderList UqpayProvider::apiHeaders() const
{
    HeaderList headers = {
        // The Bearer prefix is mandatory: without it UQPAY answers
        // unauthorized_error "invalid auth token format".
        {"x-auth-token", "Bearer " + m_token},
        {"x-client-id", m_config.clientId.toUtf8()},
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
    };
    if (!m_config.onBehalfOf.trimmed().isEmpty())
        headers.append({"x-on-behalf-of", m_config.onBehalfOf.trimmed().toUtf8()});
    return headers;
}

void UqpayProvider::sendWithToken(const OpPtr &op)
{
    HttpRequest request = op->request;
    request.headers = apiHeaders() + op->request.headers;
    op->tokenGeneration = m_tokenGeneration;
    HttpCall *http = m_http.send(request);
    op->call->setCurrent(http);
    connect(http, &HttpCall::finished, this,
            [this, op](const HttpResult &result) { onApiResult(op, result); });
}

void UqpayProvider::onApiResult(const OpPtr &op, const HttpResult &result)
{
    // Aborted calls have delivered already (ProviderCall::abort does it).
    if (!op->call || op->call->isFinished() || result.error == TransportError::Aborted)
        return;
    op->call->setCurrent(nullptr);

    if (!result.ok())
        fail(op, transportFailure(result));
    else if (result.response.status == 401 && op->retriesAfter401 < kRetriesAfter401)
        retryWithNewToken(op);
    else if (result.response.status == 401)
        giveUpAfter401(op, result.response);
    else
        deliverAnswer(op, result.response);
}

void UqpayProvider::retryWithNewToken(const OpPtr &op)
{
    // UQPAY keeps one active token per client: another CancelDesk (the console
    // and a CLI, two operators' machines) fetching one revokes ours, and ours
    // theirs. A 401 with a token the token endpoint just gave us is that, not
    // bad credentials: fetch a new one and send the identical request again, a
    // few times, after a short random pause so that two processes stop
    // revoking each other in lock step.
    ++op->retriesAfter401;
    // Only drop the token this call used; if another call has already
    // replaced it, the new one is simply used.
    if (op->tokenGeneration == m_tokenGeneration)
        m_token.clear();
    if (op->retriesAfter401 == 1) {
        dispatch(op);
        return;
    }
    const auto pause = std::chrono::milliseconds(QRandomGenerator::global()->bounded(50, 250)
                                                 * op->retriesAfter401);
    QTimer::singleShot(pause, this, [this, op] {
        if (op->call && !op->call->isFinished())
            dispatch(op);
    });
}

void UqpayProvider::giveUpAfter401(const OpPtr &op, const HttpResponse &response)
{
    // Still refused after several fresh tokens: most likely another process
    // keeps taking the token. The request was not carried out, but that is no
    // verdict on the cancel: unknown, retry later.
    ProviderFailure failure = classifyError(response, m_http.correctedNowUtc());
    failure.kind = FailureKind::Authentication;
    failure.message = tokenContentionText(op->retriesAfter401 + 1);
    ProviderResult answer = failureResult(op, std::move(failure));
    if (op->kind == OpKind::Cancel) {
        answer.outcome = CancelOutcome::Unknown;
        answer.guidance = Guidance::RetryLater;
    }
    answer.httpStatus = 401;
    finish(op, std::move(answer));
}

void UqpayProvider::deliverAnswer(const OpPtr &op, const HttpResponse &response)
{
    const QDateTime now = m_http.correctedNowUtc();
    ProviderResult answer;
    switch (op->kind) {
    case OpKind::Retrieve:
        answer = parseRetrieveResponse(response, now);
        break;
    case OpKind::List:
        answer = parseListResponse(response, now);
        answer.page = op->page;
        break;
    case OpKind::Cancel:
        answer = parseCancelResponse(response, now);
        break;
    }
    if (answer.order && answer.order->paymentId != op->paymentId) {
        // An answer about another payment is not an answer about this one.
        ProviderFailure failure;
        failure.kind = FailureKind::Protocol;
        failure.httpStatus = response.status;
        failure.message =
            u"the answer is about payment %1, not %2"_s.arg(answer.order->paymentId, op->paymentId);
        fail(op, std::move(failure));
        return;
    }
    answer.httpStatus = response.status;
    finish(op, std::move(answer));
}

void UqpayProvider::finish(const OpPtr &op, ProviderResult result)
{
    if (!op->call)
        return;
    result.latencyMs = op->timer.elapsed();
    op->call->deliver(std::move(result));
}

ProviderResult UqpayProvider::failureResult(const OpPtr &op, ProviderFailure failure)
{
    if (op->kind == OpKind::Cancel)
        return cancelFailure(std::move(failure));
    ProviderResult result;
    result.httpStatus = failure.httpStatus;
    result.providerCode = failure.code;
    result.providerMessage = failure.message;
    result.failure = std::move(failure);
    return result;
}

void UqpayProvider::fail(const OpPtr &op, ProviderFailure failure)
{
    finish(op, failureResult(op, std::move(failure)));
}

} // namespace CancelDesk::Providers::Uqpay
