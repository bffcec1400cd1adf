#include "liquidosim.h"

#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

constexpr qint64 kTokenTtlSeconds = 3600;

// PROVIDERS.md §3.3: the method/status pairs Liquido BR cancels.
bool isCancellable(const QString &method, const QString &status)
{
    if (method == "PIX_DYNAMIC_QR"_L1 || method == "BOLETO"_L1 || method == "PIC_PAY"_L1)
        return status == "IN_PROGRESS"_L1;
    if (method == "CREDIT_CARD"_L1 || method == "CARD"_L1)
        return status == "AUTHORIZED"_L1;
    return false;
}

QString utcTime(const QDateTime &utc)
{
    // The seed's pix expirationTime is written "2023-09-22 11:01:27 UTC".
    return QLocale::c().toString(utc.toUTC(), u"yyyy-MM-dd HH:mm:ss") + u" UTC"_s;
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

LiquidoSim::LiquidoSim(ClockFn clock, SandboxCredentials credentials)
    : m_clock(std::move(clock))
    , m_credentials(std::move(credentials))
{
    m_idBase = QDateTime::currentMSecsSinceEpoch();
}

QString LiquidoSim::liquidoTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    const QDateTime local = utc.toTimeZone(QTimeZone(kUtcMinus3));
    return QLocale::c().toString(local, u"yyyy-MM-dd HH:mm:ss") + u" GMT-03:00"_s;
}

bool LiquidoSim::handles(const SimRequest &request) const
{
    return request.path == "/oauth2/token"_L1 || request.path.startsWith("/v1/"_L1);
}

Target LiquidoSim::target(const SimRequest &request) const
{
    Target t;
    if (request.path == "/oauth2/token"_L1) {
        t.operation = Operation::Token;
        return t;
    }
    const QStringList parts = request.path.split(u'/');
    // "", "v1", "payments", "charges", key  |  …, "charges", "cancel", key
    if (parts.size() == 5 && parts[1] == "v1"_L1 && parts[2] == "payments"_L1
        && parts[3] == "charges"_L1 && request.method == "GET") {
        t.operation = Operation::Inquiry;
        t.paymentIds = {parts[4]};
    } else if (parts.size() == 6 && parts[1] == "v1"_L1 && parts[2] == "payments"_L1
               && parts[3] == "charges"_L1 && parts[4] == "cancel"_L1 && request.method == "POST") {
        t.operation = Operation::Cancel;
        t.paymentIds = {parts[5]};
    }
    return t;
}

SimResponse LiquidoSim::error(int status, const QString &message, const QJsonObject &extra)
{
    QJsonObject json = extra;
    json.insert("status"_L1, status);
    json.insert("message"_L1, message);
    json.insert("transferErrorMsg"_L1, message);
    return jsonResponse(status, json);
}

SimResponse LiquidoSim::errorResponse(const SimRequest &request, int httpStatus) const
{
    Q_UNUSED(request);
    if (httpStatus == 429)
        return error(429, u"Too Many Requests"_s);
    return error(httpStatus, httpStatus >= 500 ? u"Internal Server Error"_s : u"Bad Request"_s);
}

void LiquidoSim::applyState(const Scenario &scenario, const QString &key)
{
    auto it = m_charges.find(key);
    if (it == m_charges.end())
        return;
    if (scenario.kind == Scenario::Kind::WindowExceeded)
        it->forceReject = true;
    else if (scenario.kind == Scenario::Kind::AlreadyRefunded && it->status == "SETTLED"_L1)
        it->status = u"REFUNDED"_s;
}

void LiquidoSim::addCharge(const LiquidoCharge &charge)
{
    m_charges.insert(charge.idempotencyKey, charge);
}

const LiquidoCharge *LiquidoSim::charge(const QString &key)
{
    auto it = m_charges.find(key);
    if (it == m_charges.end())
        return nullptr;
    refresh(*it);
    return &*it;
}

QString LiquidoSim::newKey()
{
    return u"cd-sbx-%1-%2"_s.arg(m_idBase).arg(++m_idSeq, 3, 10, QLatin1Char('0'));
}

void LiquidoSim::refresh(LiquidoCharge &charge) const
{
    if (charge.status == "IN_PROGRESS"_L1 && charge.expiration.isValid()
        && now() >= charge.expiration) {
        charge.status = u"EXPIRED"_s;
        charge.finalStatus = charge.expiration;
    }
}

QJsonObject LiquidoSim::toJson(const LiquidoCharge &c) const
{
    const bool failed = c.status == "FAILED"_L1 || c.status == "EXPIRED"_L1;
    QJsonObject details;
    if (c.method == "PIX_DYNAMIC_QR"_L1) {
        details.insert(
            "pix"_L1,
            QJsonObject{
                {"qrCode"_L1, QString(u"00020101021226580014BR.GOV.BCB.PIX0136"_s + c.idempotencyKey
                                      + u"5204000053039865802BR"_s)},
                {"qrCodeType"_L1, u"DYNAMIC"_s},
                {"expirationTime"_L1, c.expiration.isValid() ? utcTime(c.expiration) : QString()},
            });
    } else if (c.method == "BOLETO"_L1) {
        details.insert("boleto"_L1,
                       QJsonObject{
                           {"digitalLine"_L1, u"34191790010104351004791020150008386520026000"_s},
                           {"barcode"_L1, u"34193865200260001790001043510047902015000"_s},
                           {"expirationTime"_L1, liquidoTime(c.expiration)},
                       });
    } else if (c.method == "CREDIT_CARD"_L1 || c.method == "CARD"_L1) {
        details.insert("card"_L1, QJsonObject{
                                      {"cardInfo"_L1, QJsonObject{{"brand"_L1, u"VISA"_s},
                                                                  {"bin"_L1, u"411111"_s},
                                                                  {"last4"_L1, u"1111"_s},
                                                                  {"expirationMonth"_L1, 12},
                                                                  {"expirationYear"_L1, 2030}}},
                                      {"cardId"_L1, QString(u"card_"_s + c.idempotencyKey)},
                                  });
    }
    return QJsonObject{
        {"transferStatusCode"_L1, failed ? 2001 : 200},
        {"transferErrorMsg"_L1,
         failed ? QJsonValue(c.status == "EXPIRED"_L1 ? u"payment expired"_s : u"payment failed"_s)
                : QJsonValue(QJsonValue::Null)},
        {"idempotencyKey"_L1, c.idempotencyKey},
        {"referenceId"_L1, c.idempotencyKey},
        {"paymentMethod"_L1, c.method},
        {"paymentFlow"_L1, u"DIRECT"_s},
        {"amount"_L1, c.amount},
        {"currency"_L1, c.currency},
        {"country"_L1, u"BR"_s},
        {"finalAmount"_L1, c.amount},
        {"finalCurrency"_L1, c.currency},
        {"createTime"_L1, liquidoTime(c.created)},
        {"scheduledTime"_L1, liquidoTime(c.created)},
        {"finalStatusTime"_L1, c.finalStatus.isValid() ? QJsonValue(liquidoTime(c.finalStatus))
                                                       : QJsonValue(QJsonValue::Null)},
        {"payer"_L1, QJsonObject{{"name"_L1, u"Thiago Gabriel"_s},
                                 {"email"_L1, u"thiago@example.com"_s},
                                 {"phone"_L1, u"+55 81987654321"_s},
                                 {"document"_L1, QJsonObject{{"documentId"_L1, u"00123456789"_s},
                                                             {"type"_L1, u"CPF"_s}}},
                                 {"billingAddress"_L1, QJsonObject{{"zipCode"_L1, u"04849333"_s},
                                                                   {"state"_L1, u"SP"_s},
                                                                   {"city"_L1, u"sao paulo"_s},
                                                                   {"country"_L1, u"BR"_s}}}}},
        {"transferStatus"_L1, c.status},
        {"description"_L1, c.description},
        {"callbackUrl"_L1, u"http://127.0.0.1/notifications"_s},
        {"transferDetails"_L1, details},
        {"subMerchantId"_L1, QJsonValue(QJsonValue::Null)},
    };
}

SimResponse LiquidoSim::handle(const SimRequest &request)
{
    if (request.path == "/oauth2/token"_L1) {
        if (request.method != "POST")
            return error(405, u"Method Not Allowed"_s);
        return issueToken(request);
    }
    const Target t = target(request);
    if (t.operation != Operation::Inquiry && t.operation != Operation::Cancel)
        return error(404, u"Not Found"_s);
    if (auto denied = checkAuth(request))
        return *denied;
    const QString key = t.paymentIds.constFirst();
    auto it = m_charges.find(key);
    if (it == m_charges.end())
        return error(404, u"Payment not found: %1"_s.arg(key),
                     QJsonObject{{"idempotencyKey"_L1, key}});
    refresh(*it);
    if (t.operation == Operation::Inquiry)
        return jsonResponse(200, toJson(*it));
    return cancel(*it);
}

SimResponse LiquidoSim::issueToken(const SimRequest &request)
{
    const auto oauthError = [](int status, const QString &code, const QString &description) {
        return jsonResponse(status,
                            QJsonObject{{"error"_L1, code}, {"error_description"_L1, description}});
    };
    if (!request.header("Content-Type").toLower().contains("application/x-www-form-urlencoded"))
        return oauthError(400, u"invalid_request"_s,
                          u"Content-Type must be application/x-www-form-urlencoded"_s);
    // Form encoding writes spaces as '+', which QUrlQuery would keep literally.
    QByteArray form = request.body;
    form.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(form));
    QString clientId = query.queryItemValue(u"client_id"_s, QUrl::FullyDecoded);
    QString clientSecret = query.queryItemValue(u"client_secret"_s, QUrl::FullyDecoded);
    // OAuth 2 also allows the client to authenticate with HTTP Basic.
    const QByteArray authorization = request.header("Authorization");
    if (clientId.isEmpty() && authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0) {
            clientId = QString::fromUtf8(decoded.left(colon));
            clientSecret = QString::fromUtf8(decoded.mid(colon + 1));
        }
    }
    if (query.queryItemValue(u"grant_type"_s) != "client_credentials"_L1)
        return oauthError(400, u"unsupported_grant_type"_s,
                          u"grant_type must be client_credentials"_s);
    if (clientId != m_credentials.liquidoClientId
        || clientSecret.toUtf8() != m_credentials.liquidoClientSecret.reveal())
        return oauthError(401, u"invalid_client"_s, u"Bad client credentials"_s);

    const qint64 issued = now().toSecsSinceEpoch();
    const QByteArray header = base64Url(R"({"alg":"RS256","typ":"JWT"})");
    const QByteArray payload = base64Url(compactJson(QJsonObject{
        {"iss"_L1, u"canceldesk-sandbox"_s},
        {"client_id"_L1, clientId},
        {"iat"_L1, issued},
        {"exp"_L1, issued + kTokenTtlSeconds},
    }));
    const QByteArray token =
        header + '.' + payload + '.' + base64Url(QByteArray::fromHex(randomHex(32)));
    m_tokens.insert(token, now().addSecs(kTokenTtlSeconds));
    return jsonResponse(200, QJsonObject{{"access_token"_L1, QString::fromLatin1(token)},
                                         {"expires_in"_L1, kTokenTtlSeconds},
                                         {"token_type"_L1, u"Bearer"_s}});
}

SimResponse LiquidoSim::expiredTokenResponse(const SimRequest &request)
{
    // Expire the token the request carries; a request with a wrong or no
    // token gets its ordinary answer.
    if (const auto denied = checkAuth(request))
        return *denied;
    m_tokens.remove(request.header("Authorization").trimmed().mid(7).trimmed());
    return error(401, u"Unauthorized: invalid or expired token"_s);
}

std::optional<SimResponse> LiquidoSim::checkAuth(const SimRequest &request) const
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    // The seed writes "bearer" in lower case: the scheme is case-insensitive.
    if (!authorization.toLower().startsWith("bearer "))
        return error(401, u"Unauthorized: missing bearer token"_s);
    const QByteArray token = authorization.mid(7).trimmed();
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd() || now() >= *it)
        return error(401, u"Unauthorized: invalid or expired token"_s);
    if (request.header("x-api-key") != m_credentials.liquidoApiKey.reveal())
        return error(401, u"Unauthorized: invalid x-api-key"_s);
    return std::nullopt;
}

SimResponse LiquidoSim::cancel(LiquidoCharge &c)
{
    // Documented choice for the UNCONFIRMED repeat: 200 with the same object.
    if (c.status == "CANCELLED"_L1)
        return jsonResponse(200, toJson(c));
    if (c.forceReject || !isCancellable(c.method, c.status)) {
        const QString message =
            c.forceReject ? u"The charge can no longer be cancelled; refund it instead"_s
                          : u"Cancel is not supported for %1 in status %2; refund it instead"_s.arg(
                              c.method, c.status);
        return error(400, message,
                     QJsonObject{{"transferStatusCode"_L1, 400},
                                 {"idempotencyKey"_L1, c.idempotencyKey},
                                 {"transferStatus"_L1, c.status}});
    }
    c.status = u"CANCELLED"_s;
    c.finalStatus = now();
    return jsonResponse(200, toJson(c));
}

} // namespace CancelDesk::Sandbox
