#include "antomprovider.h"

#include "antomparser.h"
#include "antomsignature.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <chrono>
#include <cstdlib>
#include <optional>

namespace CancelDesk::Providers::Antom {

using namespace Qt::Literals::StringLiterals;

namespace {

// Antom limits paymentId and paymentRequestId to 64 characters.
constexpr qsizetype kMaxIdLength = 64;

// A signed answer whose response-time is further than this from our
// Request-Time is a replay or comes from a badly wrong clock: not trusted.
constexpr std::chrono::minutes kMaxResponseTimeSkew{5};

// What a response handler needs, copied so that it does not depend on the
// provider's lifetime.
struct Exchange
{
    bool isCancel = false;
    QByteArray path;
    QByteArray clientId;
    std::shared_ptr<const RsaKey> antomKey;
    QString expectedPaymentId;
    qint64 requestTimeMs = 0;
};

ProviderResult protocol(const QString &code, const QString &detail)
{
    ProviderResult result;
    result.failure.kind = FailureKind::Protocol;
    result.failure.code = code;
    result.failure.message = detail;
    result.outcome = CancelOutcome::Unknown;
    return result;
}

// Antom's response-time: epoch milliseconds like Request-Time, or ISO-8601
// with an offset ("2019-05-28T12:12:12+08:00"). Empty when neither.
std::optional<qint64> parseResponseTime(const QByteArray &header)
{
    const QByteArray text = header.trimmed();
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    const QDateTime time = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs);
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

// Antom signs "POST <path>\n<client id>.<response-time>.<raw body>" with its
// key. Without a valid signature nothing in the answer is believed, not even
// its HTTP status. Returns an empty optional when the response is authentic.
std::optional<ProviderResult> checkResponseSignature(const Exchange &exchange,
                                                     const HttpResponse &response)
{
    if (!exchange.antomKey)
        return std::nullopt;
    const QByteArray header = response.header("signature");
    const QByteArray time = response.header("response-time");
    if (header.trimmed().isEmpty())
        return protocol(u"unsigned_response"_s, u"signature"_s);
    if (time.trimmed().isEmpty())
        return protocol(u"unsigned_response"_s, u"response-time"_s);
    const std::optional<SignatureHeader> signature = parseSignatureHeader(header);
    if (!signature)
        return protocol(u"forged_response"_s, u"signature"_s);
    if (!signature->algorithm.isEmpty() && signature->algorithm.toUpper() != "RSA256")
        return protocol(u"forged_response"_s, u"algorithm"_s);
    const QByteArray content =
        signingContent("POST", exchange.path, exchange.clientId, time, response.body);
    if (!exchange.antomKey->verify(content, signature->signature))
        return protocol(u"forged_response"_s, u"signature"_s);
    // A genuine but old answer (replayed, or for an earlier request) says
    // nothing about this request.
    const std::optional<qint64> responseMs = parseResponseTime(time);
    if (!responseMs)
        return protocol(u"untrusted_response"_s, u"response-time"_s);
    const qint64 skewMs = std::abs(*responseMs - exchange.requestTimeMs);
    if (skewMs > std::chrono::milliseconds(kMaxResponseTimeSkew).count())
        return protocol(u"stale_response"_s, u"response-time"_s);
    return std::nullopt;
}

ProviderResult handleResponse(const Exchange &exchange, const HttpResult &http)
{
    ProviderResult result;
    if (!http.ok()) {
        // No answer: for a cancel, whether Antom acted is unknown; the
        // identical request is to be resent (PROVIDERS.md §2.5).
        result.failure = transportFailure(http);
        result.failure.code = transportErrorKey(http.error);
        result.httpStatus = result.failure.httpStatus;
        result.outcome = CancelOutcome::Unknown;
        result.latencyMs = http.response.elapsedMs;
        return result;
    }
    const HttpResponse &response = http.response;
    if (std::optional<ProviderResult> forged = checkResponseSignature(exchange, response))
        result = std::move(*forged);
    else if (response.status != 200)
        result = resultForHttpStatus(
            response.status, response.header("retry-after"),
            // The provider clock when the answer came.
            QDateTime::fromMSecsSinceEpoch(exchange.requestTimeMs + response.elapsedMs, Qt::UTC));
    else if (exchange.isCancel)
        result = parseCancelResponse(response.body, exchange.expectedPaymentId);
    else
        result = parseInquiryResponse(response.body, exchange.expectedPaymentId);

    result.httpStatus = response.status;
    if (result.failure.isFailure())
        result.failure.httpStatus = response.status;
    result.latencyMs = response.elapsedMs;
    return result;
}

bool isHeaderSafe(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

QByteArray compactJson(const QJsonObject &object)
{
    // QJsonObject keeps its keys sorted and the compact form has no
    // whitespace, so equal input gives identical bytes.
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

AntomProvider::AntomProvider(AntomConfig config, HttpClient &http, QObject *parent)
    : PaymentProvider(parent)
    , m_config(std::move(config))
    , m_http(http)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    if (m_config.clockMs)
        m_nowMs = m_config.clockMs;
    QStringList problems;
    m_config.clientId = m_config.clientId.trimmed();
    if (m_config.clientId.isEmpty())
        problems << tr("No Antom client ID is configured.");
    else if (!isHeaderSafe(m_config.clientId))
        problems << tr("The Antom client ID contains characters that are not allowed.");

    const QUrl &base = m_config.baseUrl;
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() || (scheme != "https"_L1 && scheme != "http"_L1))
        problems << tr("The Antom base URL is not a valid web address.");
    else if ((!base.path().isEmpty() && base.path() != "/"_L1) || base.hasQuery()
             || base.hasFragment() || !base.userInfo().isEmpty())
        // The path is part of what is signed; a base with its own path would be
        // signed differently from what Antom checks.
        problems << tr("The Antom base URL must be the host only, e.g. "
                       "https://open-sea-global.alipay.com.");
    else if (!HttpClient::isAllowedUrl(base))
        problems << tr("The Antom base URL must use https; plain http is allowed only to this "
                       "computer.");
    if (m_config.keyVersion < 1)
        problems << tr("The Antom key version must be 1 or higher.");

    const KeyLoadResult privateKey = RsaKey::loadPrivate(m_config.merchantPrivateKey);
    // The loaded key is all that is needed; do not keep another copy of the text.
    m_config.merchantPrivateKey = Secret();
    if (privateKey.ok())
        m_privateKey = privateKey.key;
    else
        problems << tr("Merchant private key: %1").arg(privateKey.error);

    if (!m_config.antomPublicKey.trimmed().isEmpty()) {
        const KeyLoadResult publicKey = RsaKey::loadPublic(m_config.antomPublicKey);
        if (publicKey.ok())
            m_antomKey = publicKey.key;
        else
            // Refused rather than ignored: silently not verifying would trust forgeries.
            problems << tr("Antom public key: %1").arg(publicKey.error);
    }
    m_configError = problems.join(u' ');
}

AntomProvider::~AntomProvider() = default;

QByteArray AntomProvider::cancelBody(const CancelRequest &request)
{
    QJsonObject object;
    const QString paymentId = request.paymentId.trimmed();
    if (!paymentId.isEmpty())
        object.insert("paymentId"_L1, paymentId);
    else
        object.insert("paymentRequestId"_L1, request.merchantReference.trimmed());
    return compactJson(object);
}

QByteArray AntomProvider::inquiryBody(const QString &paymentId)
{
    QJsonObject object;
    object.insert("paymentId"_L1, paymentId.trimmed());
    return compactJson(object);
}

ProviderCall *AntomProvider::retrieve(const QString &paymentId)
{
    const QString id = paymentId.trimmed();
    if (id.isEmpty() || id.size() > kMaxIdLength) {
        auto *call = new ProviderCall(this);
        ProviderFailure failure;
        failure.kind = FailureKind::Configuration;
        failure.code = u"invalid_payment_id"_s;
        failure.message = tr("The Antom payment ID is empty or longer than 64 characters.");
        call->fail(failure);
        return call;
    }
    return post(Operation::Inquiry, "/v1/payments/inquiryPayment", inquiryBody(id), id);
}

ProviderCall *AntomProvider::cancel(const CancelRequest &request)
{
    const QString paymentId = request.paymentId.trimmed();
    const QString id = paymentId.isEmpty() ? request.merchantReference.trimmed() : paymentId;
    if (id.isEmpty() || id.size() > kMaxIdLength) {
        auto *call = new ProviderCall(this);
        ProviderFailure failure;
        failure.kind = FailureKind::Configuration;
        failure.code = u"invalid_payment_id"_s;
        failure.message = tr("The Antom payment ID is empty or longer than 64 characters.");
        call->fail(failure);
        return call;
    }
    return post(Operation::Cancel, "/v1/payments/cancel", cancelBody(request), paymentId);
}

ProviderCall *AntomProvider::post(Operation operation, const QByteArray &endpoint,
                                  const QByteArray &body, const QString &expectedPaymentId)
{
    auto *call = new ProviderCall(this);
    if (!m_configError.isEmpty() || !m_privateKey) {
        ProviderFailure failure;
        failure.kind = FailureKind::Configuration;
        failure.code = u"antom_configuration"_s;
        failure.message = m_configError;
        call->fail(failure);
        return call;
    }

    Exchange exchange;
    exchange.isCancel = operation == Operation::Cancel;
    // The signed path includes /ams/api (or /ams/sandbox/api): Antom checks
    // the full path, and signing only /v1/… is rejected.
    exchange.path = m_config.apiPathPrefix() + endpoint;
    exchange.clientId = m_config.clientId.toUtf8();
    exchange.antomKey = m_antomKey;
    exchange.expectedPaymentId = expectedPaymentId;

    exchange.requestTimeMs = m_nowMs();
    const QByteArray requestTime = QByteArray::number(exchange.requestTimeMs);
    const QByteArray signature = m_privateKey->sign(
        signingContent("POST", exchange.path, exchange.clientId, requestTime, body));
    if (signature.isEmpty()) {
        ProviderFailure failure;
        failure.kind = FailureKind::Configuration;
        failure.code = u"signing_failed"_s;
        failure.message = tr("The request could not be signed with the merchant private key.");
        call->fail(failure);
        return call;
    }

    HttpRequest request;
    request.method = "POST";
    request.url = m_config.baseUrl;
    request.url.setPath(QString::fromLatin1(exchange.path));
    request.headers = {
        {"Content-Type", "application/json; charset=UTF-8"},
        {"Client-Id", exchange.clientId},
        {"Request-Time", requestTime},
        {"Signature", formatSignatureHeader(signature, m_config.keyVersion)},
    };
    request.body = body;

    HttpCall *http = m_http.send(request);
    call->setCurrent(http);
    connect(http, &HttpCall::finished, call,
            [call, exchange = std::move(exchange)](const HttpResult &result) {
                call->deliver(handleResponse(exchange, result));
            });
    return call;
}

} // namespace CancelDesk::Providers::Antom
