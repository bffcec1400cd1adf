#include "antomsim.h"

#include "domain/order.h"
#include "domain/orderstatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

using Providers::Antom::formatSignatureHeader;
using Providers::Antom::parseSignatureHeader;
using Providers::Antom::signingContent;

constexpr qint64 kUnpaidValiditySeconds = 14 * 60;
constexpr qint64 kMercadoPagoValiditySeconds = 7 * 24 * 3600;
constexpr int kMaxIdLength = 64;

bool isMercadoPago(const QString &method)
{
    return method.startsWith("MERCADOPAGO"_L1);
}

QString ts(const QDateTime &utc)
{
    return isoAtOffset(utc, kUtcPlus8);
}

QJsonObject amountJson(const Domain::Money &money)
{
    // Every scalar is a JSON string, minor units included (PROVIDERS.md §2.3, §2.8).
    return QJsonObject{{"currency"_L1, money.currency}, {"value"_L1, QString::number(money.minor)}};
}

QJsonObject transaction(const QString &type, const QString &id, const Domain::Money &amount,
                        const QDateTime &time)
{
    return QJsonObject{
        {"transactionType"_L1, type},
        {"transactionStatus"_L1, u"SUCCESS"_s},
        {"transactionId"_L1, id},
        {"transactionRequestId"_L1, id},
        {"transactionAmount"_L1, amountJson(amount)},
        {"transactionTime"_L1, ts(time)},
        {"transactionResult"_L1, QJsonObject{{"resultCode"_L1, u"SUCCESS"_s},
                                             {"resultStatus"_L1, u"S"_s},
                                             {"resultMessage"_L1, u"success"_s}}},
    };
}

} // namespace

AntomSim::AntomSim(ClockFn clock, SandboxState state, Domain::CancelPolicy policy)
    : m_clock(std::move(clock))
    , m_state(std::move(state))
    , m_policy(std::move(policy))
{
    m_idBase = QDateTime::currentMSecsSinceEpoch();
}

bool AntomSim::handles(const SimRequest &request) const
{
    return request.path.startsWith("/ams/"_L1);
}

QString AntomSim::pathSuffix(const QString &path) const
{
    for (const QLatin1String prefix : {"/ams/api"_L1, "/ams/sandbox/api"_L1}) {
        if (path.startsWith(prefix + u'/'))
            return path.mid(prefix.size());
    }
    return {};
}

Target AntomSim::target(const SimRequest &request) const
{
    Target t;
    const QString suffix = pathSuffix(request.path);
    if (suffix == "/v1/payments/inquiryPayment"_L1)
        t.operation = Operation::Inquiry;
    else if (suffix == "/v1/payments/cancel"_L1)
        t.operation = Operation::Cancel;
    else
        return t;
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString paymentId = body.value("paymentId"_L1).toString();
    const QString requestId = body.value("paymentRequestId"_L1).toString();
    if (!paymentId.isEmpty()) {
        t.paymentIds.append(paymentId);
        if (auto it = m_payments.constFind(paymentId); it != m_payments.constEnd())
            t.paymentIds.append(it->paymentRequestId);
    } else if (!requestId.isEmpty()) {
        t.paymentIds.append(requestId);
        if (auto it = m_byRequestId.constFind(requestId); it != m_byRequestId.constEnd())
            t.paymentIds.append(*it);
    }
    return t;
}

SimResponse AntomSim::result(const QString &code, const QString &status, const QString &message,
                             QJsonObject extra) const
{
    extra.insert("result"_L1, QJsonObject{{"resultCode"_L1, code},
                                          {"resultStatus"_L1, status},
                                          {"resultMessage"_L1, message}});
    SimResponse response = jsonResponse(200, extra);
    response.contentType = "application/json; charset=UTF-8";
    return response;
}

SimResponse AntomSim::errorResponse(const SimRequest &request, int httpStatus) const
{
    Q_UNUSED(request);
    // A gateway-level failure in front of Antom: no result envelope, no signature.
    SimResponse response;
    response.status = httpStatus;
    response.body =
        compactJson(QJsonObject{{"status"_L1, httpStatus}, {"error"_L1, u"gateway error"_s}});
    if (httpStatus == 429) {
        response.body = compactJson(QJsonObject{
            {"result"_L1, QJsonObject{{"resultCode"_L1, u"REQUEST_TRAFFIC_EXCEED_LIMIT"_s},
                                      {"resultStatus"_L1, u"U"_s},
                                      {"resultMessage"_L1, u"request traffic exceed limit"_s}}}});
    }
    return response;
}

SimResponse AntomSim::unknownResponse(const SimRequest &request) const
{
    Q_UNUSED(request);
    return result(u"UNKNOWN_EXCEPTION"_s, u"U"_s,
                  u"An API calling is failed, which is caused by unknown reasons."_s);
}

void AntomSim::applyState(const Scenario &scenario, const QString &id)
{
    auto it = m_payments.find(m_byRequestId.value(id, id));
    if (it == m_payments.end())
        return;
    if (scenario.kind == Scenario::Kind::WindowExceeded)
        it->forceReject = true;
    else if (scenario.kind == Scenario::Kind::AlreadyRefunded)
        it->refunded = true;
}

void AntomSim::finish(const SimRequest &request, SimResponse &response, bool sign, bool forge) const
{
    const QByteArray clientId = m_state.credentials.antomClientId.toLatin1();
    const QByteArray responseTime = ts(now()).toLatin1();
    response.headers.append({"client-id", clientId});
    if (!sign)
        return;
    response.headers.append({"response-time", responseTime});
    // The response is signed over the request's method and path (PROVIDERS.md §2.2).
    QByteArray signature = m_state.antomPrivateKey->sign(
        signingContent("POST", request.rawPath, clientId, responseTime, response.body));
    if (forge && !signature.isEmpty())
        signature[signature.size() / 2] = static_cast<char>(signature[signature.size() / 2] ^ 0x5a);
    response.headers.append({"signature", formatSignatureHeader(signature, 1)});
}

void AntomSim::addPayment(const AntomPayment &payment)
{
    m_payments.insert(payment.paymentId, payment);
    if (!payment.paymentRequestId.isEmpty())
        m_byRequestId.insert(payment.paymentRequestId, payment.paymentId);
}

const AntomPayment *AntomSim::payment(const QString &paymentId)
{
    auto it = m_payments.find(paymentId);
    if (it == m_payments.end())
        return nullptr;
    refresh(*it);
    return &*it;
}

QString AntomSim::newPaymentId()
{
    // Antom's ids are long digit strings ("2019061218401080010018882020035XXXX").
    return u"20%1%2"_s.arg(m_idBase, 15, 10, QLatin1Char('0'))
        .arg(++m_idSeq, 15, 10, QLatin1Char('0'));
}

void AntomSim::refresh(AntomPayment &payment) const
{
    // An unpaid order is valid for 14 minutes (Mercado Pago: 7 days), then closes.
    if (payment.status != "PROCESSING"_L1 || !payment.created.isValid())
        return;
    const qint64 validity =
        isMercadoPago(payment.method) ? kMercadoPagoValiditySeconds : kUnpaidValiditySeconds;
    if (now() >= payment.created.addSecs(validity))
        payment.status = u"FAIL"_s;
}

AntomPayment *AntomSim::find(const QJsonObject &body)
{
    const QString paymentId = body.value("paymentId"_L1).toString();
    const QString id = !paymentId.isEmpty()
                           ? paymentId
                           : m_byRequestId.value(body.value("paymentRequestId"_L1).toString());
    auto it = m_payments.find(id);
    if (it == m_payments.end())
        return nullptr;
    refresh(*it);
    return &*it;
}

SimResponse AntomSim::handle(const SimRequest &request)
{
    const QString suffix = pathSuffix(request.path);
    const bool isInquiry = suffix == "/v1/payments/inquiryPayment"_L1;
    const bool isCancel = suffix == "/v1/payments/cancel"_L1;
    if (!isInquiry && !isCancel)
        return result(u"NO_INTERFACE_DEF"_s, u"F"_s, u"API is not defined."_s);
    if (request.method != "POST")
        return result(u"METHOD_NOT_SUPPORTED"_s, u"F"_s,
                      u"The server does not implement the requested HTTP method."_s);

    const QByteArray clientId = request.header("Client-Id");
    if (clientId != m_state.credentials.antomClientId.toLatin1())
        return result(u"CLIENT_INVALID"_s, u"F"_s, u"The client ID is invalid."_s);
    const QByteArray contentType = request.header("Content-Type").toLower();
    if (!contentType.isEmpty() && !contentType.contains("application/json"))
        return result(
            u"MEDIA_TYPE_NOT_ACCEPTABLE"_s, u"F"_s,
            u"The server does not implement the media type that is acceptable to the client."_s);

    const auto header = parseSignatureHeader(request.header("Signature"));
    if (!header || header->algorithm.compare("RSA256", Qt::CaseInsensitive) != 0)
        return result(u"INVALID_SIGNATURE"_s, u"F"_s, u"The signature is invalid."_s);
    if (header->keyVersion != 0 && header->keyVersion != 1)
        return result(u"KEY_NOT_FOUND"_s, u"F"_s, u"The key is not found."_s);
    const QByteArray content = signingContent(request.method, request.rawPath, clientId,
                                              request.header("Request-Time"), request.body);
    if (!m_state.merchantPublicKey->verify(content, header->signature))
        return result(u"INVALID_SIGNATURE"_s, u"F"_s, u"The signature is invalid."_s);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return result(u"PARAM_ILLEGAL"_s, u"F"_s, u"The request body is not valid JSON."_s);
    const QJsonObject body = document.object();
    const QJsonValue paymentId = body.value("paymentId"_L1);
    const QJsonValue requestId = body.value("paymentRequestId"_L1);
    if ((!paymentId.isUndefined() && !paymentId.isString())
        || (!requestId.isUndefined() && !requestId.isString()))
        return result(u"PARAM_ILLEGAL"_s, u"F"_s, u"Ids must be strings."_s);
    if (paymentId.toString().isEmpty() && requestId.toString().isEmpty())
        return result(u"PARAM_ILLEGAL"_s, u"F"_s,
                      u"paymentId and paymentRequestId cannot both be null."_s);
    if (paymentId.toString().size() > kMaxIdLength || requestId.toString().size() > kMaxIdLength)
        return result(u"PARAM_ILLEGAL"_s, u"F"_s, u"An id is longer than 64 characters."_s);

    AntomPayment *payment = find(body);
    if (!payment)
        return result(u"ORDER_NOT_EXIST"_s, u"F"_s, u"The order does not exist."_s);
    return isInquiry ? inquiry(*payment) : cancel(*payment);
}

SimResponse AntomSim::inquiry(AntomPayment &p) const
{
    QJsonObject json{
        {"paymentId"_L1, p.paymentId},           {"paymentRequestId"_L1, p.paymentRequestId},
        {"paymentStatus"_L1, p.status},          {"paymentAmount"_L1, amountJson(p.amount)},
        {"paymentCreateTime"_L1, ts(p.created)}, {"paymentMethodType"_L1, p.method},
    };
    QString resultCode = u"SUCCESS"_s;
    QString resultMessage = u"success."_s;
    if (p.status == "PROCESSING"_L1) {
        resultCode = u"PAYMENT_IN_PROCESS"_s;
        resultMessage = u"The payment is being processed."_s;
    } else if (p.status == "FAIL"_L1 || p.status == "CANCELLED"_L1) {
        resultCode = u"ORDER_IS_CLOSED"_s;
        resultMessage = u"The order is closed."_s;
    }
    json.insert("paymentResultCode"_L1, resultCode);
    json.insert("paymentResultMessage"_L1, resultMessage);
    if (p.paid.isValid() && p.status != "PROCESSING"_L1 && p.status != "FAIL"_L1) {
        json.insert("paymentTime"_L1, ts(p.paid));
        json.insert("actualPaymentAmount"_L1, amountJson(p.amount));
    }
    if (p.authExpiry.isValid())
        json.insert("authExpiryTime"_L1, ts(p.authExpiry));
    QJsonArray transactions;
    if (p.captured)
        transactions.append(transaction(u"CAPTURE"_s, p.paymentId + u"C"_s, p.amount, p.paid));
    if (p.refunded)
        transactions.append(transaction(u"REFUND"_s, p.paymentId + u"R"_s, p.amount,
                                        p.paid.isValid() ? p.paid.addSecs(600) : p.created));
    if (p.status == "CANCELLED"_L1)
        transactions.append(transaction(u"CANCEL"_s, p.paymentId + u"X"_s, p.amount, p.cancelled));
    if (!transactions.isEmpty())
        json.insert("transactions"_L1, transactions);
    return result(u"SUCCESS"_s, u"S"_s, u"success."_s, json);
}

SimResponse AntomSim::cancel(AntomPayment &p)
{
    const QJsonObject ids{{"paymentId"_L1, p.paymentId},
                          {"paymentRequestId"_L1, p.paymentRequestId}};
    const auto fail = [&](const QString &code, const QString &message) {
        return result(code, u"F"_s, message, ids);
    };
    // Idempotent by payment id: a repeat gets the same answer and cancelTime.
    if (p.status == "CANCELLED"_L1) {
        QJsonObject json = ids;
        json.insert("cancelTime"_L1, ts(p.cancelled));
        return result(u"SUCCESS"_s, u"S"_s, u"success."_s, json);
    }
    if (p.refunded)
        return fail(u"PROCESS_FAIL"_s,
                    u"A general business failure occurred. The payment has been refunded."_s);
    if (p.forceReject)
        return fail(
            u"CANCEL_WINDOW_EXCEED"_s,
            u"The cancellation date is beyond the period that is supported for cancellation."_s);
    if (p.status == "FAIL"_L1)
        return fail(
            u"ORDER_STATUS_INVALID"_s,
            u"The transaction cannot be further processed because the order status is invalid."_s);

    Domain::Order order;
    order.provider = Domain::Provider::Antom;
    order.paymentId = p.paymentId;
    order.merchantReference = p.paymentRequestId;
    order.paymentMethod = p.method;
    order.amount = p.amount;
    order.rawStatus = p.status;
    Domain::StatusHints hints;
    hints.isCard = p.method == "CARD"_L1;
    hints.hasAuthExpiry = p.authExpiry.isValid();
    hints.captured = p.captured;
    const auto mapped = Domain::mapProviderStatus(Domain::Provider::Antom, p.status, hints);
    order.status = mapped.status;
    order.flags = mapped.flags;
    order.createdAt = p.created;
    order.paidAt = p.paid;
    order.authExpiresAt = p.authExpiry;
    const Domain::PolicyDecision decision = m_policy.decide(order, now());
    if (!decision.isEligible()) {
        switch (decision.reason) {
        case Domain::IneligibleReason::Refunded:
            return fail(u"PROCESS_FAIL"_s, u"A general business failure occurred."_s);
        case Domain::IneligibleReason::StatusNotCancellable:
        case Domain::IneligibleReason::PaymentFailed:
        case Domain::IneligibleReason::StatusUnknown:
            return fail(
                u"ORDER_STATUS_INVALID"_s,
                u"The transaction cannot be further processed because the order status is invalid."_s);
        default:
            // Window closed, or a method that is never cancellable.
            return fail(
                u"CANCEL_WINDOW_EXCEED"_s,
                u"The cancellation date is beyond the period that is supported for cancellation."_s);
        }
    }
    p.status = u"CANCELLED"_s;
    p.cancelled = now();
    QJsonObject json = ids;
    json.insert("cancelTime"_L1, ts(p.cancelled));
    return result(u"SUCCESS"_s, u"S"_s, u"success."_s, json);
}

} // namespace CancelDesk::Sandbox
