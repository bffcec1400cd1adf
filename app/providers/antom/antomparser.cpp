#include "antomparser.h"

#include "domain/money.h"
#include "domain/order.h"
#include "domain/orderstatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <variant>

namespace CancelDesk::Providers::Antom {

using namespace Qt::Literals::StringLiterals;

namespace {

// Antom documents 256 characters for resultMessage; anything longer is cut so
// a hostile answer cannot flood the journal.
constexpr qsizetype kMaxMessage = 512;

struct Problem
{
    QString code;
    QString field;
};

ProviderResult protocolFailure(const Problem &problem)
{
    ProviderResult result;
    result.failure.kind = FailureKind::Protocol;
    result.failure.code = problem.code;
    result.failure.message = problem.field;
    result.outcome = CancelOutcome::Unknown;
    return result;
}

// Typed access to Antom's all-strings JSON. The first problem wins; later
// reads are no-ops once one is recorded.
class Reader
{
public:
    bool ok() const { return !m_problem.has_value(); }
    const Problem &problem() const { return *m_problem; }
    void fail(const QString &code, const QString &field)
    {
        if (!m_problem)
            m_problem = Problem{code, field};
    }

    // Absent or null → nullopt; the expected JSON type → its value; anything
    // else is recorded as a wrong type.
    template<typename T>
    std::optional<T> optTyped(const QJsonObject &object, QLatin1StringView key, const QString &path,
                              bool (QJsonValue::*isType)() const, T (QJsonValue::*toType)() const)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!(value.*isType)()) {
            fail(u"wrong_type"_s, path);
            return std::nullopt;
        }
        return (value.*toType)();
    }

    // Antom sends numbers and booleans as strings too: a JSON number is a wrong type.
    std::optional<QString> optString(const QJsonObject &object, QLatin1StringView key,
                                     const QString &path)
    {
        return optTyped(object, key, path, &QJsonValue::isString, &QJsonValue::toString);
    }

    QString reqString(const QJsonObject &object, QLatin1StringView key, const QString &path)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull()) {
            fail(u"missing_field"_s, path);
            return {};
        }
        std::optional<QString> text = optString(object, key, path);
        if (text && text->isEmpty())
            fail(u"missing_field"_s, path);
        return text.value_or(QString());
    }

    std::optional<QJsonObject> optObject(const QJsonObject &object, QLatin1StringView key,
                                         const QString &path)
    {
        return optTyped(object, key, path, &QJsonValue::isObject, &QJsonValue::toObject);
    }

    std::optional<QJsonArray> optArray(const QJsonObject &object, QLatin1StringView key,
                                       const QString &path)
    {
        return optTyped(object, key, path, &QJsonValue::isArray, &QJsonValue::toArray);
    }

    // An empty string counts as absent: some gateways send "" for unset times.
    QDateTime optTime(const QJsonObject &object, QLatin1StringView key, const QString &path)
    {
        const std::optional<QString> text = optString(object, key, path);
        if (!text || text->isEmpty())
            return {};
        const std::optional<QDateTime> time = parseAntomTime(*text);
        if (!time) {
            fail(u"invalid_time"_s, path);
            return {};
        }
        return *time;
    }

private:
    std::optional<Problem> m_problem;
};

struct Envelope
{
    QJsonObject root;
    QString code;
    QString status; // "S", "F" or "U"
    QString message;
};

std::variant<Envelope, Problem> parseEnvelope(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Problem{u"invalid_json"_s, u"body"_s};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Problem{u"invalid_json"_s, u"body"_s};
    if (!document.isObject())
        return Problem{u"not_an_object"_s, u"body"_s};

    Envelope envelope;
    envelope.root = document.object();
    Reader reader;
    const QJsonValue resultValue = envelope.root.value("result"_L1);
    if (resultValue.isUndefined() || resultValue.isNull())
        return Problem{u"missing_result"_s, u"result"_s};
    if (!resultValue.isObject())
        return Problem{u"wrong_type"_s, u"result"_s};
    const QJsonObject result = resultValue.toObject();
    envelope.status = reader.reqString(result, "resultStatus"_L1, u"result.resultStatus"_s);
    envelope.code = reader.reqString(result, "resultCode"_L1, u"result.resultCode"_s);
    envelope.message = reader.optString(result, "resultMessage"_L1, u"result.resultMessage"_s)
                           .value_or(QString())
                           .left(kMaxMessage);
    if (!reader.ok())
        return reader.problem();
    if (envelope.status != "S"_L1 && envelope.status != "F"_L1 && envelope.status != "U"_L1)
        return Problem{u"invalid_value"_s, u"result.resultStatus"_s};
    return envelope;
}

bool isConfigurationCode(QStringView code)
{
    static constexpr QLatin1StringView kCodes[] = {
        "CLIENT_INVALID"_L1,       "MEDIA_TYPE_NOT_ACCEPTABLE"_L1,
        "METHOD_NOT_SUPPORTED"_L1, "INVALID_SIGNATURE"_L1,
        "KEY_NOT_FOUND"_L1,        "ACCESS_DENIED"_L1,
        "PARAM_ILLEGAL"_L1,        "INVALID_API"_L1,
        "NO_INTERFACE_DEF"_L1,
    };
    for (const QLatin1StringView c : kCodes) {
        if (code == c)
            return true;
    }
    return false;
}

// The codes that say our credentials or signature were refused.
bool isCredentialCode(QStringView code)
{
    return code == "CLIENT_INVALID"_L1 || code == "INVALID_SIGNATURE"_L1
           || code == "KEY_NOT_FOUND"_L1 || code == "ACCESS_DENIED"_L1;
}

const auto kRateLimitCode = "REQUEST_TRAFFIC_EXCEED_LIMIT"_L1;

void copyEnvelope(ProviderResult &result, const Envelope &envelope)
{
    result.providerCode = envelope.code;
    result.providerMessage = envelope.message;
}

void setProviderFailure(ProviderResult &result, FailureKind kind, const Envelope &envelope)
{
    result.failure.kind = kind;
    result.failure.code = envelope.code;
    result.failure.message = envelope.message;
}

} // namespace

std::optional<QDateTime> parseAntomTime(QStringView text)
{
    const QString trimmed = text.trimmed().toString();
    // Date, 'T', time and an offset; Qt alone would also take a bare date or a
    // local time, which are ambiguous here.
    if (trimmed.size() < 20 || trimmed.at(10) != u'T')
        return std::nullopt;
    const QDateTime parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    if (parsed.timeSpec() != Qt::UTC && parsed.timeSpec() != Qt::OffsetFromUTC)
        return std::nullopt;
    return parsed.toUTC();
}

Guidance guidanceForResultCode(QStringView resultCode)
{
    if (resultCode == "CANCEL_WINDOW_EXCEED"_L1)
        return Guidance::Refund;
    if (resultCode == "ORDER_NOT_EXIST"_L1)
        return Guidance::CheckPaymentId;
    if (resultCode == "ORDER_STATUS_INVALID"_L1)
        return Guidance::CheckStatus;
    if (resultCode == "PROCESS_FAIL"_L1)
        return Guidance::AlreadyRefunded;
    if (isConfigurationCode(resultCode))
        return Guidance::FixConfiguration;
    if (resultCode == "MERCHANT_BALANCE_NOT_ENOUGH"_L1)
        return Guidance::FundMerchantBalance;
    if (resultCode == kRateLimitCode)
        return Guidance::RetryLater;
    return Guidance::None;
}

namespace {

// result.resultStatus U or F of an inquiry: the query itself failed (the
// payment's state is in paymentStatus only when it succeeded).
ProviderResult inquiryFailure(ProviderResult result, const Envelope &envelope)
{
    FailureKind kind = FailureKind::Rejected;
    if (envelope.status == "U"_L1)
        kind =
            envelope.code == kRateLimitCode ? FailureKind::RateLimited : FailureKind::ServerError;
    else if (envelope.code == "ORDER_NOT_EXIST"_L1)
        kind = FailureKind::NotFound;
    else if (envelope.code == kRateLimitCode)
        kind = FailureKind::RateLimited;
    else if (isCredentialCode(envelope.code))
        kind = FailureKind::Authentication;
    else if (isConfigurationCode(envelope.code))
        kind = FailureKind::Configuration;
    setProviderFailure(result, kind, envelope);
    result.guidance = guidanceForResultCode(envelope.code);
    return result;
}

// paymentAmount {currency, value}: required, exact minor units.
void readPaymentAmount(Reader &reader, const QJsonObject &root, Domain::Order &order)
{
    const std::optional<QJsonObject> amount =
        reader.optObject(root, "paymentAmount"_L1, u"paymentAmount"_s);
    if (reader.ok() && !amount)
        reader.fail(u"missing_field"_s, u"paymentAmount"_s);
    if (!reader.ok())
        return;
    const QString currency = reader.reqString(*amount, "currency"_L1, u"paymentAmount.currency"_s);
    const QString value = reader.reqString(*amount, "value"_L1, u"paymentAmount.value"_s);
    if (!reader.ok())
        return;
    const Domain::MoneyResult money = Domain::parseMinorUnitString(value, currency);
    if (money.ok())
        order.amount = money.value;
    else
        reader.fail(u"invalid_amount"_s, u"paymentAmount"_s);
}

struct TransactionFacts
{
    bool captured = false;
    bool refunded = false;
};

// transactions[]: whether a capture succeeded and whether a refund exists.
TransactionFacts readTransactions(Reader &reader, const QJsonObject &root)
{
    TransactionFacts facts;
    const std::optional<QJsonArray> transactions =
        reader.optArray(root, "transactions"_L1, u"transactions"_s);
    if (!transactions)
        return facts;
    for (qsizetype i = 0; i < transactions->size() && reader.ok(); ++i) {
        const QString path = u"transactions[%1]"_s.arg(i);
        const QJsonValue entry = transactions->at(i);
        if (!entry.isObject()) {
            reader.fail(u"wrong_type"_s, path);
            break;
        }
        const QJsonObject transaction = entry.toObject();
        const QString type =
            reader.optString(transaction, "transactionType"_L1, path + u".transactionType"_s)
                .value_or(QString())
                .toUpper();
        const QString status =
            reader.optString(transaction, "transactionStatus"_L1, path + u".transactionStatus"_s)
                .value_or(QString())
                .toUpper();
        if (type == "CAPTURE"_L1 && status == "SUCCESS"_L1)
            facts.captured = true;
        // A refund in flight blocks a cancel as much as a finished one
        // (PROCESS_FAIL); only a failed refund does not count.
        if (type == "REFUND"_L1 && status != "FAIL"_L1)
            facts.refunded = true;
    }
    return facts;
}

} // namespace

ProviderResult parseInquiryResponse(const QByteArray &body, QStringView expectedPaymentId)
{
    auto parsed = parseEnvelope(body);
    if (const Problem *problem = std::get_if<Problem>(&parsed))
        return protocolFailure(*problem);
    const Envelope &envelope = std::get<Envelope>(parsed);

    ProviderResult result;
    copyEnvelope(result, envelope);
    // For inquiry, result only says whether the query worked, not the payment.
    if (envelope.status == "U"_L1 || envelope.status == "F"_L1)
        return inquiryFailure(std::move(result), envelope);

    const QJsonObject &root = envelope.root;
    Reader reader;
    Domain::Order order;
    order.provider = Domain::Provider::Antom;
    order.paymentId = reader.reqString(root, "paymentId"_L1, u"paymentId"_s);
    order.merchantReference =
        reader.optString(root, "paymentRequestId"_L1, u"paymentRequestId"_s).value_or(QString());
    order.rawStatus = reader.reqString(root, "paymentStatus"_L1, u"paymentStatus"_s);
    order.paymentMethod = reader.optString(root, "paymentMethodType"_L1, u"paymentMethodType"_s)
                              .value_or(QString())
                              .trimmed()
                              .toUpper();
    reader.optString(root, "paymentResultCode"_L1, u"paymentResultCode"_s);
    reader.optString(root, "paymentResultMessage"_L1, u"paymentResultMessage"_s);
    reader.optObject(root, "actualPaymentAmount"_L1, u"actualPaymentAmount"_s);
    order.createdAt = reader.optTime(root, "paymentCreateTime"_L1, u"paymentCreateTime"_s);
    order.paidAt = reader.optTime(root, "paymentTime"_L1, u"paymentTime"_s);
    order.authExpiresAt = reader.optTime(root, "authExpiryTime"_L1, u"authExpiryTime"_s);
    readPaymentAmount(reader, root, order);
    const TransactionFacts transactions = readTransactions(reader, root);

    if (!reader.ok())
        return protocolFailure(reader.problem());
    if (!expectedPaymentId.isEmpty() && order.paymentId != expectedPaymentId)
        return protocolFailure({u"payment_id_mismatch"_s, u"paymentId"_s});

    Domain::StatusHints hints;
    hints.isCard = order.paymentMethod == "CARD"_L1;
    hints.hasAuthExpiry = order.authExpiresAt.isValid();
    hints.captured = transactions.captured;
    const Domain::MappedStatus mapped =
        Domain::mapProviderStatus(Domain::Provider::Antom, order.rawStatus, hints);
    order.status = mapped.status;
    order.flags = mapped.flags;
    if (transactions.refunded)
        order.flags |= Domain::StatusFlag::Refunded;
    order.lastPayload = body;
    result.order = std::move(order);
    return result;
}

ProviderResult parseCancelResponse(const QByteArray &body, QStringView expectedPaymentId)
{
    auto parsed = parseEnvelope(body);
    if (const Problem *problem = std::get_if<Problem>(&parsed))
        return protocolFailure(*problem);
    const Envelope &envelope = std::get<Envelope>(parsed);

    ProviderResult result;
    copyEnvelope(result, envelope);
    Reader reader;
    const std::optional<QString> paymentId =
        reader.optString(envelope.root, "paymentId"_L1, u"paymentId"_s);
    reader.optString(envelope.root, "paymentRequestId"_L1, u"paymentRequestId"_s);
    const QDateTime cancelTime = reader.optTime(envelope.root, "cancelTime"_L1, u"cancelTime"_s);
    if (!reader.ok())
        return protocolFailure(reader.problem());
    // An answer about another payment says nothing about ours.
    if (!expectedPaymentId.isEmpty() && paymentId && !paymentId->isEmpty()
        && *paymentId != expectedPaymentId)
        return protocolFailure({u"payment_id_mismatch"_s, u"paymentId"_s});

    if (envelope.status == "S"_L1) {
        // A success must say which payment it cancelled; one that does not
        // cannot be ours for certain.
        if (!paymentId || paymentId->isEmpty())
            return protocolFailure({u"missing_field"_s, u"paymentId"_s});
        result.outcome = CancelOutcome::Succeeded;
        result.cancelTime = cancelTime;
        return result;
    }
    result.guidance = guidanceForResultCode(envelope.code);
    if (envelope.code == kRateLimitCode) {
        // Not a "no": the request was not processed; resend it later.
        result.outcome = CancelOutcome::Unknown;
        setProviderFailure(result, FailureKind::RateLimited, envelope);
        return result;
    }
    if (envelope.status == "F"_L1) {
        result.outcome = CancelOutcome::Rejected;
        setProviderFailure(result, FailureKind::Rejected, envelope);
        return result;
    }
    // U: the outcome is unknown; the identical request is to be resent.
    result.outcome = CancelOutcome::Unknown;
    setProviderFailure(result, FailureKind::ServerError, envelope);
    return result;
}

ProviderResult resultForHttpStatus(int httpStatus, const QByteArray &retryAfterHeader,
                                   const QDateTime &nowUtc)
{
    ProviderResult result;
    result.outcome = CancelOutcome::Unknown;
    result.httpStatus = httpStatus;
    result.failure.httpStatus = httpStatus;
    result.failure.code = u"http_%1"_s.arg(httpStatus);
    if (httpStatus == 429) {
        result.failure.kind = FailureKind::RateLimited;
        result.guidance = Guidance::RetryLater;
        result.failure.retryAfter = parseRetryAfter(retryAfterHeader, nowUtc);
    } else if (httpStatus >= 500 && httpStatus <= 599) {
        result.failure.kind = FailureKind::ServerError;
    } else {
        result.failure.kind = FailureKind::Protocol;
    }
    return result;
}

} // namespace CancelDesk::Providers::Antom
