#include "uqpaysim.h"

#include "domain/order.h"
#include "domain/orderstatus.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

constexpr qint64 kTokenTtlSeconds = 30 * 60;
constexpr qint64 kUnpaidExpirySeconds = 30 * 60;
constexpr qint64 kReplaySeconds = 24 * 3600;

bool isTerminal(const QString &status)
{
    return status == "SUCCEEDED"_L1 || status == "CANCELLED"_L1 || status == "FAILED"_L1;
}

bool isUnpaid(const QString &status)
{
    return status == "REQUIRES_PAYMENT_METHOD"_L1 || status == "REQUIRES_CUSTOMER_ACTION"_L1
           || status == "PENDING"_L1;
}

bool isCard(const QString &methodType)
{
    static const QStringList cards{u"card"_s, u"visa"_s, u"mastercard"_s, u"unionpay"_s,
                                   u"amex"_s, u"jcb"_s,  u"diners"_s,     u"discover"_s};
    return cards.contains(methodType.toLower());
}

QString attemptStatus(const UqpayIntent &intent)
{
    const QString &s = intent.status;
    if (s == "REQUIRES_CUSTOMER_ACTION"_L1)
        return u"AUTHENTICATION_REDIRECTED"_s;
    if (s == "PENDING"_L1)
        return u"PENDING_AUTHORIZATION"_s;
    if (s == "REQUIRES_CAPTURE"_L1)
        return u"AUTHORIZED"_s;
    if (s == "SUCCEEDED"_L1)
        return u"SUCCEEDED"_s;
    if (s == "CANCELLED"_L1)
        return u"CANCELLED"_s;
    if (s == "FAILED"_L1)
        return intent.expired ? u"EXPIRED"_s : u"FAILED"_s;
    return {};
}

QString ts(const QDateTime &utc)
{
    return isoAtOffset(utc, kUtcPlus8);
}

} // namespace

UqpaySim::UqpaySim(ClockFn clock, SandboxCredentials credentials, Domain::CancelPolicy policy)
    : m_clock(std::move(clock))
    , m_credentials(std::move(credentials))
    , m_policy(std::move(policy))
{
    m_idBase = QDateTime::currentMSecsSinceEpoch() * 1000;
}

bool UqpaySim::handles(const SimRequest &request) const
{
    return request.path.startsWith("/api/"_L1);
}

Target UqpaySim::target(const SimRequest &request) const
{
    Target t;
    const QStringList parts = request.path.split(u'/');
    // "", "api", "v2", "payment_intents", id, "cancel"
    if (request.path == "/api/v1/connect/token"_L1) {
        t.operation = Operation::Token;
    } else if (parts.size() >= 4 && parts[2] == "v2"_L1 && parts[3] == "payment_intents"_L1) {
        if (parts.size() == 4) {
            t.operation = Operation::List;
        } else if (parts.size() == 5 && request.method == "GET") {
            t.operation = Operation::Inquiry;
            t.paymentIds = {parts[4]};
        } else if (parts.size() == 6 && parts[5] == "cancel"_L1 && request.method == "POST") {
            t.operation = Operation::Cancel;
            t.paymentIds = {parts[4]};
        }
    }
    return t;
}

SimResponse UqpaySim::error(int status, const QString &type, const QString &code,
                            const QString &message)
{
    return jsonResponse(status,
                        QJsonObject{{"type"_L1, type}, {"code"_L1, code}, {"message"_L1, message}});
}

SimResponse UqpaySim::errorResponse(const SimRequest &request, int httpStatus) const
{
    Q_UNUSED(request);
    if (httpStatus == 429)
        return jsonResponse(429, QJsonObject{{"code"_L1, u"too_many_requests"_s},
                                             {"message"_L1, u"Too many requests"_s}});
    if (httpStatus >= 500)
        return error(httpStatus, u"api_error"_s, u"api_error"_s,
                     u"An internal error occurred. Please retry."_s);
    return error(httpStatus, u"invalid_request_error"_s, u"invalid_parameter"_s,
                 u"The request could not be processed"_s);
}

void UqpaySim::applyState(const Scenario &scenario, const QString &paymentId)
{
    auto it = m_intents.find(paymentId);
    if (it == m_intents.end())
        return;
    switch (scenario.kind) {
    case Scenario::Kind::AsyncCancelDelay:
        it->asyncDelayMs = scenario.ms;
        break;
    case Scenario::Kind::WindowExceeded:
        it->forceReject = true;
        break;
    case Scenario::Kind::AlreadyRefunded:
        it->refunded = true;
        break;
    default:
        break;
    }
}

void UqpaySim::addIntent(const UqpayIntent &intent)
{
    UqpayIntent copy = intent;
    if (!copy.updated.isValid())
        copy.updated = copy.completed.isValid() ? copy.completed : copy.created;
    m_intents.insert(copy.id, copy);
}

const UqpayIntent *UqpaySim::intent(const QString &id)
{
    auto it = m_intents.find(id);
    if (it == m_intents.end())
        return nullptr;
    refresh(*it);
    return &*it;
}

QString UqpaySim::newIntentId()
{
    return u"PI%1"_s.arg(m_idBase + ++m_idSeq, 19, 10, QLatin1Char('0'));
}

QList<UqpaySim::Flip> UqpaySim::takeScheduledFlips()
{
    return std::exchange(m_flips, {});
}

QByteArray UqpaySim::webhookSignature(const QByteArray &secret, const QByteArray &body,
                                      const QByteArray &timestamp)
{
    return QMessageAuthenticationCode::hash(body + timestamp, secret, QCryptographicHash::Sha512)
        .toHex();
}

QByteArray UqpaySim::completeCancel(const QString &id)
{
    auto it = m_intents.find(id);
    if (it == m_intents.end() || !it->cancelPending)
        return {};
    it->cancelPending = false;
    it->status = u"CANCELLED"_s;
    it->cancelled = now();
    it->updated = it->cancelled;
    const QJsonObject data{
        {"amount"_L1, it->amount.toDecimalString()},
        {"cancel_status"_L1, u"SUCCEEDED"_s},
        {"cancel_time"_L1, ts(it->cancelled)},
        {"currency"_L1, it->amount.currency},
        {"payment_intent_id"_L1, it->id},
    };
    return compactJson(QJsonObject{
        {"version"_L1, u"V1.6.0"_s},
        {"event_name"_L1, u"ACQUIRING"_s},
        {"event_type"_L1, u"acquiring.cancel.succeeded"_s},
        {"event_id"_L1, QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {"source_id"_L1, it->id},
        {"data"_L1, data},
    });
}

void UqpaySim::refresh(UqpayIntent &intent) const
{
    // A PI not completed within 30 min expires (PROVIDERS.md §1.2).
    if (isUnpaid(intent.status) && !intent.cancelPending && intent.created.isValid()
        && now() >= intent.created.addSecs(kUnpaidExpirySeconds)) {
        intent.status = u"FAILED"_s;
        intent.expired = true;
        intent.updated = intent.created.addSecs(kUnpaidExpirySeconds);
    }
}

QJsonObject UqpaySim::toJson(const UqpayIntent &intent) const
{
    const QString amount = intent.amount.toDecimalString();
    const bool paid = intent.status == "SUCCEEDED"_L1;
    QJsonObject json{
        {"payment_intent_id"_L1, intent.id},
        {"amount"_L1, amount},
        {"currency"_L1, intent.amount.currency},
        {"captured_amount"_L1, paid ? amount : u"0"_s},
        {"available_payment_method_types"_L1, QJsonValue::Null},
        {"intent_status"_L1, intent.status},
        {"cancellation_reason"_L1, intent.cancellationReason},
        {"merchant_order_id"_L1, intent.merchantOrderId},
        {"description"_L1, intent.description},
        {"metadata"_L1, QJsonObject{{"source"_L1, u"canceldesk-sandbox"_s}}},
        {"create_time"_L1, ts(intent.created)},
        {"update_time"_L1, ts(intent.updated)},
        {"complete_time"_L1, ts(intent.completed)},
        {"cancel_time"_L1, ts(intent.cancelled)},
        {"client_secret"_L1, u"eyJhb****XTg"_s},
        {"return_url"_L1, u"https://merchant.example/result"_s},
    };
    if (intent.status == "REQUIRES_CUSTOMER_ACTION"_L1 && !isCard(intent.methodType)) {
        json.insert(
            "next_action"_L1,
            QJsonObject{{"display_qr_code"_L1,
                         QJsonObject{{"expires_at"_L1, ts(intent.created.addSecs(1800))},
                                     {"qr_code"_L1, u"weixin://wxpay/bizpayurl?pr=sandbox"_s}}}});
    } else {
        json.insert("next_action"_L1, QJsonObject{});
    }
    const QString attempt = attemptStatus(intent);
    if (attempt.isEmpty()) {
        json.insert("latest_payment_attempt"_L1, QJsonValue::Null);
    } else {
        json.insert("latest_payment_attempt"_L1,
                    QJsonObject{
                        {"attempt_id"_L1, QString(u"PA"_s + intent.id.mid(2))},
                        {"attempt_status"_L1, attempt},
                        {"amount"_L1, amount},
                        {"captured_amount"_L1, paid ? amount : u"0"_s},
                        {"currency"_L1, intent.amount.currency},
                        {"refunded_amount"_L1, intent.refunded ? amount : u"0"_s},
                        {"failure_code"_L1, intent.expired ? u"payment_expired"_s : QString()},
                        {"create_time"_L1, ts(intent.created)},
                        {"update_time"_L1, ts(intent.updated)},
                        {"complete_time"_L1, ts(intent.completed)},
                        {"payment_method"_L1, QJsonObject{{"type"_L1, intent.methodType}}},
                    });
    }
    return json;
}

SimResponse UqpaySim::handle(const SimRequest &request)
{
    const QStringList parts = request.path.split(u'/');
    if (request.path == "/api/v1/connect/token"_L1 && request.method == "POST")
        return issueToken(request);

    const Target t = target(request);
    if (t.operation == Operation::List && request.method == "GET") {
        if (auto denied = checkAuth(request))
            return *denied;
        return list(request);
    }
    if (t.operation == Operation::Inquiry) {
        if (auto denied = checkAuth(request))
            return *denied;
        return retrieve(t.paymentIds.constFirst());
    }
    if (t.operation == Operation::Cancel) {
        if (auto denied = checkAuth(request))
            return *denied;
        return cancel(request, t.paymentIds.constFirst());
    }
    // Unknown routes are a plain 404 (PROVIDERS.md §1.5), not an envelope.
    SimResponse notFound;
    notFound.status = 404;
    notFound.contentType = "text/plain; charset=utf-8";
    notFound.body = "404 page not found";
    return notFound;
}

SimResponse UqpaySim::issueToken(const SimRequest &request)
{
    const QByteArray clientId = request.header("x-client-id");
    const QByteArray apiKey = request.header("x-api-key");
    if (clientId.isEmpty() || apiKey.isEmpty())
        return error(401, u"unauthorized_error"_s, u"unauthorized"_s,
                     u"x-client-id and x-api-key are required"_s);
    if (clientId != m_credentials.uqpayClientId.toLatin1()
        || apiKey != m_credentials.uqpayApiKey.reveal())
        return error(401, u"unauthorized_error"_s, u"unauthorized"_s,
                     u"invalid client id or api key"_s);
    // Acquiring allows one active token: issuing revokes the previous one.
    m_token = "sbx." + randomHex(32);
    m_tokenExpiry = now().addSecs(kTokenTtlSeconds);
    return jsonResponse(200, QJsonObject{{"auth_token"_L1, QString::fromLatin1(m_token)},
                                         {"expired_at"_L1, m_tokenExpiry.toSecsSinceEpoch()}});
}

SimResponse UqpaySim::expiredTokenResponse(const SimRequest &request)
{
    // Expire the token the request carries, if it is the live one; a request
    // with a wrong or no token gets its ordinary answer.
    if (const auto denied = checkAuth(request))
        return *denied;
    m_tokenExpiry = now();
    return error(401, u"unauthorized_error"_s, u"unauthorized"_s,
                 u"auth token is invalid or expired"_s);
}

std::optional<SimResponse> UqpaySim::checkAuth(const SimRequest &request) const
{
    const QByteArray header = request.header("x-auth-token").trimmed();
    if (header.isEmpty())
        return error(401, u"unauthorized_error"_s, u"unauthorized"_s, u"missing auth token"_s);
    if (!header.startsWith("Bearer "))
        return error(401, u"unauthorized_error"_s, u"unauthorized"_s,
                     u"invalid auth token format"_s);
    const QByteArray token = header.mid(7).trimmed();
    if (m_token.isEmpty() || token != m_token || now() >= m_tokenExpiry)
        return error(401, u"unauthorized_error"_s, u"unauthorized"_s,
                     u"auth token is invalid or expired"_s);
    if (request.header("x-client-id") != m_credentials.uqpayClientId.toLatin1())
        return error(401, u"unauthorized_error"_s, u"unauthorized"_s, u"invalid x-client-id"_s);
    return std::nullopt;
}

SimResponse UqpaySim::retrieve(const QString &id)
{
    const UqpayIntent *found = intent(id);
    if (!found)
        return error(400, u"not_found"_s, u"resource_not_found"_s,
                     u"payment intent %1 not found"_s.arg(id));
    return jsonResponse(200, toJson(*found));
}

SimResponse UqpaySim::list(const SimRequest &request)
{
    const auto bad = [](const QString &message) {
        return error(400, u"invalid_request_error"_s, u"invalid_parameter"_s, message);
    };
    bool ok = true;
    const QString pageSizeText = request.query.queryItemValue(u"page_size"_s);
    const int pageSize = pageSizeText.isEmpty() ? 10 : pageSizeText.toInt(&ok);
    if (!ok || pageSize < 1 || pageSize > 100)
        return bad(u"page_size must be between 1 and 100"_s);
    const QString pageNumberText = request.query.queryItemValue(u"page_number"_s);
    const int pageNumber = pageNumberText.isEmpty() ? 1 : pageNumberText.toInt(&ok);
    if (!ok || pageNumber < 1)
        return bad(u"page_number must be 1 or more"_s);
    QDateTime start;
    QDateTime end;
    for (const auto &[name, value] :
         {std::pair{u"start_time"_s, &start}, std::pair{u"end_time"_s, &end}}) {
        const QString text = request.query.queryItemValue(name, QUrl::FullyDecoded);
        if (text.isEmpty())
            continue;
        *value = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!value->isValid())
            return bad(u"%1 must be an ISO-8601 time"_s.arg(name));
    }
    const QString status = request.query.queryItemValue(u"payment_intent_status"_s);

    QList<UqpayIntent *> matching;
    for (auto it = m_intents.begin(); it != m_intents.end(); ++it) {
        refresh(*it);
        // Both bounds are exclusive (PROVIDERS.md §1.2).
        if (start.isValid() && !(it->created > start))
            continue;
        if (end.isValid() && !(it->created < end))
            continue;
        if (!status.isEmpty() && it->status != status)
            continue;
        matching.append(&*it);
    }
    std::sort(matching.begin(), matching.end(), [](const UqpayIntent *a, const UqpayIntent *b) {
        return a->created != b->created ? a->created > b->created : a->id > b->id;
    });
    const qsizetype total = matching.size();
    const qsizetype pages = (total + pageSize - 1) / pageSize;
    QJsonArray data;
    for (qsizetype i = qsizetype(pageNumber - 1) * pageSize;
         i < total && i < qsizetype(pageNumber) * pageSize; ++i)
        data.append(toJson(*matching[i]));
    return jsonResponse(
        200, QJsonObject{{"total_pages"_L1, pages}, {"total_items"_L1, total}, {"data"_L1, data}});
}

SimResponse UqpaySim::cancel(const SimRequest &request, const QString &id)
{
    const QByteArray key = request.header("x-idempotency-key").trimmed();
    if (key.isEmpty())
        return error(400, u"idempotency_error"_s, u"idempotency_key_missing"_s,
                     u"x-idempotency-key is required"_s);
    if (!isUuid(key))
        return error(400, u"idempotency_error"_s, u"invalid_idempotency_key"_s,
                     u"x-idempotency-key must be a UUID"_s);

    const QDateTime current = now();
    for (auto it = m_idempotency.begin(); it != m_idempotency.end();) {
        if (it->storedAt.addSecs(kReplaySeconds) <= current)
            it = m_idempotency.erase(it);
        else
            ++it;
    }
    const QByteArray fingerprint = id.toUtf8() + '\n' + request.body;
    if (auto it = m_idempotency.constFind(key); it != m_idempotency.constEnd()) {
        if (it->fingerprint != fingerprint)
            return error(400, u"idempotency_error"_s, u"idempotency_key_reused"_s,
                         u"x-idempotency-key was used with a different request"_s);
        // The cached first answer, byte for byte, even when it was a failure.
        return it->response;
    }
    SimResponse response = doCancel(id, request.body);
    m_idempotency.insert(key, IdempotentEntry{fingerprint, current, response});
    return response;
}

SimResponse UqpaySim::doCancel(const QString &id, const QByteArray &body)
{
    QString reason;
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return error(400, u"invalid_request_error"_s, u"invalid_parameter"_s,
                         u"the request body is not a JSON object"_s);
        const QJsonValue value = document.object().value("cancellation_reason"_L1);
        if (!value.isUndefined() && !value.isNull() && !value.isString())
            return error(400, u"invalid_request_error"_s, u"invalid_parameter"_s,
                         u"cancellation_reason must be a string"_s);
        reason = value.toString();
    }
    auto it = m_intents.find(id);
    if (it == m_intents.end())
        return error(400, u"not_found"_s, u"resource_not_found"_s,
                     u"payment intent %1 not found"_s.arg(id));
    UqpayIntent &intent = *it;
    refresh(intent);
    const auto refuse = [](const QString &message) {
        return error(400, u"payment_error"_s, u"cancel_payment_intent_failed"_s, message);
    };
    if (intent.cancelPending)
        return jsonResponse(200, toJson(intent)); // already accepted, still in progress
    if (intent.status == "CANCELLED"_L1)
        return refuse(u"payment intent is already cancelled"_s);
    if (intent.refunded)
        return refuse(u"payment intent has a refund and cannot be cancelled"_s);
    if (intent.forceReject)
        return refuse(u"payment intent can no longer be cancelled"_s);

    Domain::Order order;
    order.provider = Domain::Provider::Uqpay;
    order.paymentId = intent.id;
    order.paymentMethod = intent.methodType.toUpper();
    order.amount = intent.amount;
    order.rawStatus = intent.status;
    const auto mapped = Domain::mapProviderStatus(Domain::Provider::Uqpay, intent.status);
    order.status = mapped.status;
    order.flags = mapped.flags;
    order.createdAt = intent.created;
    order.paidAt = intent.completed;
    const bool card = isCard(intent.methodType);
    const bool eligible =
        card ? !isTerminal(intent.status) : m_policy.decide(order, now()).isEligible();
    if (!eligible)
        return refuse(u"payment intent in status %1 cannot be cancelled"_s.arg(intent.status));

    intent.cancellationReason = reason;
    if (card) {
        intent.status = u"CANCELLED"_s;
        intent.cancelled = now();
        intent.updated = intent.cancelled;
        return jsonResponse(200, toJson(intent));
    }
    // Wallets: accepted now, final later (seed 000: the 200 still shows the
    // old status and an empty cancel_time).
    const SimResponse accepted = jsonResponse(200, toJson(intent));
    intent.cancelPending = true;
    intent.updated = now();
    m_flips.append(
        Flip{intent.id, intent.asyncDelayMs >= 0 ? intent.asyncDelayMs : m_defaultAsyncDelayMs});
    return accepted;
}

} // namespace CancelDesk::Sandbox
