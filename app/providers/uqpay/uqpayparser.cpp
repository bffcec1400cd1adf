#include "uqpayparser.h"

#include "domain/money.h"
#include "domain/orderstatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Providers::Uqpay {

namespace {

// A provider message is shown and journaled; a runaway one is cut.
constexpr qsizetype kMaxMessageChars = 500;
// Token lifetimes beyond this are not believed (30 min is documented).
constexpr qint64 kMaxTokenLifetimeS = qint64(24) * 3600;

QByteArray apiRoot(const QUrl &base)
{
    QByteArray root =
        base.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    // PRODUCT.md §10 configures the host; PROVIDERS.md quotes the SDK's base
    // with /api. Both work.
    if (root.endsWith("/api"))
        root.chop(4);
    return root;
}

QUrl makeUrl(const QByteArray &encoded)
{
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

QString clip(QString text)
{
    if (text.size() > kMaxMessageChars) {
        text.truncate(kMaxMessageChars);
        text.append(u"…"_s);
    }
    return text;
}

// A non-negative integer from a JSON number or a numeric string.
std::optional<qint64> integerValue(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!std::isfinite(d) || d < 0 || d > 9.0e15 || std::floor(d) != d)
            return std::nullopt;
        return qint64(d);
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (ok && n >= 0)
            return n;
    }
    return std::nullopt;
}

// The method code from an object that may carry one: payment_method as a
// string or as an object with a type, or payment_method_type.
QString methodCode(const QJsonObject &object)
{
    const QJsonValue method = object.value(u"payment_method");
    if (method.isString() && !method.toString().trimmed().isEmpty())
        return method.toString().trimmed().toUpper();
    if (method.isObject()) {
        const QJsonValue type = method.toObject().value(u"type");
        if (type.isString() && !type.toString().trimmed().isEmpty())
            return type.toString().trimmed().toUpper();
    }
    const QJsonValue type = object.value(u"payment_method_type");
    if (type.isString() && !type.toString().trimmed().isEmpty())
        return type.toString().trimmed().toUpper();
    return {};
}

struct Envelope
{
    bool present = false; // a JSON object with type, code or message
    bool legacy = false;  // envelope B: numeric code, no type
    QString type;
    QString code;
    QString message;
};

Envelope readEnvelope(const QByteArray &body)
{
    Envelope e;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return e;
    const QJsonObject obj = doc.object();
    const QJsonValue type = obj.value(u"type");
    const QJsonValue code = obj.value(u"code");
    const QJsonValue message = obj.value(u"message");
    if (type.isString())
        e.type = type.toString().trimmed();
    if (code.isString()) {
        e.code = code.toString().trimmed();
    } else if (code.isDouble()) {
        const double d = code.toDouble();
        e.code = std::isfinite(d) && std::floor(d) == d && std::abs(d) < 1e15
                     ? QString::number(qint64(d))
                     : QString::number(d);
        e.legacy = e.type.isEmpty();
    }
    if (message.isString())
        e.message = clip(message.toString());
    e.present = !e.type.isEmpty() || !e.code.isEmpty() || !e.message.isEmpty();
    return e;
}

ProviderFailure protocolFailure(int httpStatus, const QString &detail)
{
    ProviderFailure f;
    f.kind = FailureKind::Protocol;
    f.httpStatus = httpStatus;
    f.message = detail;
    return f;
}

bool isSuccessStatus(int status)
{
    return status >= 200 && status < 300;
}

// The failure plus whether it came in the legacy envelope (for cancel).
struct Classified
{
    ProviderFailure failure;
    Envelope envelope;
};

Classified classify(const HttpResponse &response, const QDateTime &nowUtc)
{
    Classified c;
    c.envelope = readEnvelope(response.body);
    const Envelope &e = c.envelope;
    ProviderFailure &f = c.failure;
    f.httpStatus = response.status;
    f.code = e.code;
    f.message = e.message;
    const int status = response.status;

    if (e.type == u"not_found" || e.code == u"not_found" || e.code == u"resource_not_found") {
        // UQPAY answers an unknown payment with HTTP 400, not 404.
        f.kind = FailureKind::NotFound;
        if (f.code.isEmpty())
            f.code = e.type;
    } else if (status == 401 || e.type == u"unauthorized_error") {
        f.kind = FailureKind::Authentication;
        if (f.code.isEmpty())
            f.code = e.type;
    } else if (status == 429 || e.code == u"velocity_limit_exceeded"
               || e.code == u"too_many_requests") { // NOLINT(bugprone-branch-clone): see e.legacy
        f.kind = FailureKind::RateLimited;
        f.retryAfter = parseRetryAfter(response.header("Retry-After"), nowUtc);
    } else if (status >= 500 || (e.type == u"api_error" && e.code == u"api_error")) {
        f.kind = FailureKind::ServerError;
    } else if (!e.present) {
        f = protocolFailure(status, u"HTTP %1 without a readable UQPAY error body"_s.arg(status));
    } else if (e.legacy) {
        // Envelope B is the legacy "idempotency pending": the first request
        // with this key is still being processed. Try again, same key.
        f.kind = FailureKind::RateLimited;
        f.retryAfter = parseRetryAfter(response.header("Retry-After"), nowUtc);
    } else if (status >= 400) {
        f.kind = FailureKind::Rejected;
        if (f.code.isEmpty())
            f.code = e.type;
    } else {
        f = protocolFailure(status, u"unexpected HTTP %1 answer"_s.arg(status));
    }
    return c;
}

} // namespace

// --- Requests ---------------------------------------------------------------

QUrl tokenUrl(const QUrl &base)
{
    return makeUrl(apiRoot(base) + "/api/v1/connect/token");
}

QUrl paymentIntentUrl(const QUrl &base, QStringView paymentId, QStringView suffix)
{
    return makeUrl(apiRoot(base) + "/api/v2/payment_intents/"
                   + QUrl::toPercentEncoding(paymentId.toString())
                   + QUrl::toPercentEncoding(suffix.toString(), "/"));
}

QString formatTime(const QDateTime &utc)
{
    return utc.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u"+00:00"_s;
}

QUrl listUrl(const QUrl &base, const ListRequest &request)
{
    QByteArray query = "page_size=" + QByteArray::number(std::clamp(request.pageSize, 1, 100))
                       + "&page_number=" + QByteArray::number(std::max(request.page, 1));
    // '+' must be %2B: a form decoder reads a bare '+' as a space.
    if (request.fromUtc.isValid())
        query += "&start_time=" + QUrl::toPercentEncoding(formatTime(request.fromUtc));
    if (request.toUtc.isValid())
        query += "&end_time=" + QUrl::toPercentEncoding(formatTime(request.toUtc));
    return makeUrl(apiRoot(base) + "/api/v2/payment_intents?" + query);
}

QByteArray cancelBody(Domain::CancelReason reason)
{
    // One key, no whitespace: deterministic by construction.
    const QJsonObject body{{u"cancellation_reason"_s, Domain::cancelReasonKey(reason)}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// --- Answers ----------------------------------------------------------------

TimeResult parseTime(const QJsonValue &value)
{
    TimeResult r;
    if (value.isNull() || value.isUndefined()) {
        r.valid = true;
        return r;
    }
    if (!value.isString())
        return r;
    const QString text = value.toString().trimmed();
    if (text.isEmpty()) {
        r.valid = true;
        return r;
    }
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Without an offset Qt would read local time; UQPAY always sends one.
    if (!parsed.isValid() || parsed.timeSpec() == Qt::LocalTime)
        return r;
    r.utc = parsed.toUTC();
    r.valid = true;
    return r;
}

namespace {

// The readers of parsePaymentIntent(): each fills its fields of the order and
// answers why the intent is refused, or an empty string.

QString readIds(const QJsonObject &intent, Domain::Order &order)
{
    const QJsonValue id = intent.value(u"payment_intent_id");
    if (!id.isString() || id.toString().trimmed().isEmpty())
        return u"payment_intent_id missing or not a string"_s;
    order.paymentId = id.toString().trimmed();

    const QJsonValue merchantRef = intent.value(u"merchant_order_id");
    if (merchantRef.isString())
        order.merchantReference = merchantRef.toString();
    else if (!merchantRef.isNull() && !merchantRef.isUndefined())
        return u"merchant_order_id is not a string"_s;
    return {};
}

QString readAmount(const QJsonObject &intent, Domain::Order &order)
{
    const QJsonValue amount = intent.value(u"amount");
    const QJsonValue currency = intent.value(u"currency");
    // Amounts are decimal strings; a JSON number may already have lost
    // precision, so it is refused rather than guessed.
    if (!amount.isString() || !currency.isString())
        return u"amount or currency missing or not a string"_s;
    const QString currencyCode = currency.toString().trimmed().toUpper();
    const Domain::MoneyResult money = Domain::parseDecimalAmount(amount.toString(), currencyCode);
    if (!money.ok())
        return u"amount \"%1\" %2: %3"_s.arg(clip(amount.toString()), clip(currencyCode),
                                             Domain::moneyErrorText(money.error, currencyCode));
    order.amount = money.value;
    return {};
}

QString readStatus(const QJsonObject &intent, Domain::Order &order)
{
    const QJsonValue status = intent.value(u"intent_status");
    if (!status.isString() || status.toString().trimmed().isEmpty())
        return u"intent_status missing or not a string"_s;
    order.rawStatus = status.toString().trimmed();
    const Domain::MappedStatus mapped =
        Domain::mapProviderStatus(Domain::Provider::Uqpay, order.rawStatus);
    order.status = mapped.status;
    order.flags = mapped.flags;
    return {};
}

QString readTimes(const QJsonObject &intent, OrderResult &r)
{
    const struct
    {
        const char16_t *key;
        QDateTime *target;
    } times[] = {{u"create_time", &r.order.createdAt},
                 {u"complete_time", &r.order.paidAt},
                 {u"cancel_time", &r.cancelTime}};
    for (const auto &t : times) {
        const TimeResult parsed = parseTime(intent.value(QStringView(t.key)));
        if (!parsed.valid)
            return u"%1 is not an ISO-8601 time with offset"_s.arg(QStringView(t.key));
        *t.target = parsed.utc;
    }
    return {};
}

// The method, from the intent or else its latest attempt, and a refund on
// that attempt, which is worth a flag (PRODUCT.md §4). Never refuses.
void readMethodAndRefund(const QJsonObject &intent, Domain::Order &order)
{
    order.paymentMethod = methodCode(intent);
    const QJsonValue attemptValue = intent.value(u"latest_payment_attempt");
    if (!attemptValue.isObject())
        return;
    const QJsonObject attempt = attemptValue.toObject();
    if (order.paymentMethod.isEmpty())
        order.paymentMethod = methodCode(attempt);
    const QJsonValue refunded = attempt.value(u"refunded_amount");
    if (refunded.isString()) {
        const Domain::MoneyResult refund =
            Domain::parseDecimalAmount(refunded.toString(), order.amount.currency);
        if (refund.ok() && refund.value.minor > 0)
            order.flags |= Domain::StatusFlag::Refunded;
    }
}

} // namespace

OrderResult parsePaymentIntent(const QJsonObject &intent, const QByteArray &raw)
{
    OrderResult r;
    r.order.provider = Domain::Provider::Uqpay;
    r.order.lastPayload = raw;
    // The first problem refuses the intent; the fields after it stay unread.
    r.error = readIds(intent, r.order);
    if (r.error.isEmpty())
        r.error = readAmount(intent, r.order);
    if (r.error.isEmpty())
        r.error = readStatus(intent, r.order);
    if (r.error.isEmpty())
        r.error = readTimes(intent, r);
    if (r.error.isEmpty())
        readMethodAndRefund(intent, r.order);
    return r;
}

OrderResult parsePaymentIntent(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        OrderResult r;
        r.error = u"not JSON: %1 at offset %2"_s.arg(error.errorString()).arg(error.offset);
        return r;
    }
    if (!doc.isObject()) {
        OrderResult r;
        r.error = u"not a JSON object"_s;
        return r;
    }
    return parsePaymentIntent(doc.object(), body);
}

ProviderFailure classifyError(const HttpResponse &response, const QDateTime &nowUtc)
{
    return classify(response, nowUtc).failure;
}

TokenResult parseTokenResponse(const HttpResponse &response, const QDateTime &nowUtc)
{
    TokenResult r;
    if (!isSuccessStatus(response.status)) {
        r.failure = classifyError(response, nowUtc);
        if (response.status == 404) {
            r.failure.kind = FailureKind::Configuration;
            r.failure.message = u"the token endpoint was not found; check the base URL"_s;
        } else if (response.status >= 400 && response.status < 500 && response.status != 429
                   && r.failure.kind != FailureKind::RateLimited) {
            // The token call has one job: any other refusal is of the credentials.
            r.failure.kind = FailureKind::Authentication;
        }
        return r;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        r.failure = protocolFailure(response.status, u"token answer is not a JSON object"_s);
        return r;
    }
    const QJsonObject obj = doc.object();
    const QJsonValue token = obj.value(u"auth_token");
    if (!token.isString() || token.toString().isEmpty()) {
        r.failure = protocolFailure(response.status, u"token answer without auth_token"_s);
        return r;
    }
    const QJsonValue expiry = obj.value(u"expired_at");
    if (!expiry.isUndefined() && !expiry.isNull()) {
        std::optional<qint64> seconds = integerValue(expiry);
        if (!seconds) {
            r.failure = protocolFailure(response.status, u"token expired_at is not a number"_s);
            return r;
        }
        // Documented as Unix seconds; a millisecond value is recognised by size.
        if (*seconds > 100'000'000'000LL)
            *seconds /= 1000;
        const qint64 nowS = nowUtc.toSecsSinceEpoch();
        r.expiresAtUtc =
            QDateTime::fromSecsSinceEpoch(std::min(*seconds, nowS + kMaxTokenLifetimeS), Qt::UTC);
    }
    r.token = token.toString().toUtf8();
    return r;
}

ProviderResult parseRetrieveResponse(const HttpResponse &response, const QDateTime &nowUtc)
{
    ProviderResult result;
    result.httpStatus = response.status;
    if (!isSuccessStatus(response.status)) {
        result.failure = classifyError(response, nowUtc);
        result.providerCode = result.failure.code;
        result.providerMessage = result.failure.message;
        return result;
    }
    OrderResult parsed = parsePaymentIntent(response.body);
    if (!parsed.ok()) {
        result.failure = protocolFailure(response.status, parsed.error);
        return result;
    }
    parsed.order.lastSyncedAt = nowUtc;
    result.providerCode = parsed.order.rawStatus;
    result.order = std::move(parsed.order);
    return result;
}

ProviderResult parseListResponse(const HttpResponse &response, const QDateTime &nowUtc)
{
    ProviderResult result;
    result.httpStatus = response.status;
    if (!isSuccessStatus(response.status)) {
        result.failure = classifyError(response, nowUtc);
        result.providerCode = result.failure.code;
        result.providerMessage = result.failure.message;
        return result;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        result.failure = protocolFailure(response.status, u"list answer is not a JSON object"_s);
        return result;
    }
    const QJsonObject obj = doc.object();
    const std::optional<qint64> totalPages = integerValue(obj.value(u"total_pages"));
    const std::optional<qint64> totalItems = integerValue(obj.value(u"total_items"));
    if (!totalPages || !totalItems || *totalPages > std::numeric_limits<int>::max()) {
        result.failure =
            protocolFailure(response.status, u"list answer without total_pages/total_items"_s);
        return result;
    }
    const QJsonValue data = obj.value(u"data");
    if (!data.isArray() && !data.isNull()) {
        result.failure = protocolFailure(response.status, u"list answer without a data array"_s);
        return result;
    }
    const QJsonArray items = data.toArray();
    result.orders.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!item.isObject()) {
            result.failure =
                protocolFailure(response.status, u"data[%1] is not an object"_s.arg(i));
            result.orders.clear();
            return result;
        }
        const QJsonObject intent = item.toObject();
        OrderResult parsed =
            parsePaymentIntent(intent, QJsonDocument(intent).toJson(QJsonDocument::Compact));
        if (!parsed.ok()) {
            // One untrustworthy row makes the page untrustworthy.
            result.failure =
                protocolFailure(response.status, u"data[%1]: %2"_s.arg(i).arg(parsed.error));
            result.orders.clear();
            return result;
        }
        parsed.order.lastSyncedAt = nowUtc;
        result.orders.append(std::move(parsed.order));
    }
    result.totalPages = int(*totalPages);
    result.totalItems = *totalItems;
    return result;
}

ProviderResult cancelFailure(ProviderFailure failure)
{
    ProviderResult result;
    result.httpStatus = failure.httpStatus;
    result.providerCode = failure.code;
    result.providerMessage = failure.message;
    switch (failure.kind) {
    case FailureKind::Configuration:
    case FailureKind::Authentication:
        // Nothing was cancelled and repeating the same credentials cannot help.
        result.outcome = CancelOutcome::Rejected;
        result.guidance = Guidance::FixConfiguration;
        break;
    case FailureKind::RateLimited:
        result.outcome = CancelOutcome::Unknown;
        result.guidance = Guidance::RetryLater;
        break;
    default:
        result.outcome = CancelOutcome::Unknown;
        break;
    }
    result.failure = std::move(failure);
    return result;
}

ProviderResult parseCancelResponse(const HttpResponse &response, const QDateTime &nowUtc)
{
    if (isSuccessStatus(response.status)) {
        ProviderResult result;
        result.httpStatus = response.status;
        OrderResult parsed = parsePaymentIntent(response.body);
        if (!parsed.ok()) {
            // The cancel may well have happened: unknown, never success.
            result.failure = protocolFailure(response.status, parsed.error);
            result.outcome = CancelOutcome::Unknown;
            return result;
        }
        parsed.order.lastSyncedAt = nowUtc;
        // No providerCode: UQPAY answers an accepted cancel with the payment
        // intent alone. Its status is the payment's (result.order), not a code
        // of the provider's; the cancel log must not show it as one.
        result.cancelTime = parsed.cancelTime;
        // UQPAY may accept a cancel before the intent flips (the seed's WeChat
        // QR example answers 200 with REQUIRES_CUSTOMER_ACTION).
        result.outcome = parsed.order.status == Domain::NormStatus::Cancelled
                             ? CancelOutcome::Succeeded
                             : CancelOutcome::Confirming;
        result.order = std::move(parsed.order);
        return result;
    }

    const Classified c = classify(response, nowUtc);
    ProviderResult result = cancelFailure(c.failure);
    switch (c.failure.kind) {
    case FailureKind::NotFound:
        result.outcome = CancelOutcome::Rejected;
        result.guidance = Guidance::CheckPaymentId;
        break;
    case FailureKind::Rejected:
        result.outcome = CancelOutcome::Rejected;
        if (c.envelope.type == u"payment_error")
            // The documented answer for an intent that is terminal or not
            // cancellable on its channel: the money has to go back by refund.
            result.guidance = Guidance::Refund;
        else if (c.envelope.type == u"idempotency_error"
                 || c.envelope.type == u"invalid_request_error"
                 || c.envelope.type == u"account_error")
            result.guidance = Guidance::FixConfiguration;
        else if (c.envelope.type.isEmpty())
            result.guidance = Guidance::ContactSupport;
        else
            result.guidance = Guidance::CheckStatus;
        break;
    default:
        break; // cancelFailure decided
    }
    return result;
}

} // namespace CancelDesk::Providers::Uqpay
