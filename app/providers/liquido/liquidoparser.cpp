#include "liquidoparser.h"

#include "domain/money.h"
#include "domain/orderstatus.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Providers::Liquido {

namespace {

// Provider text shown to people is bounded: an error page must not flood the
// journal or a dialog.
constexpr qsizetype kMaxMessageChars = 300;
constexpr qsizetype kMaxTimeChars = 80;
constexpr int kMaxOffsetMinutes = 14 * 60;
// Brasília time: UTC-3 all year since Brazil dropped daylight saving in 2019.
constexpr int kBrazilOffsetSeconds = -3 * 3600;

QString bounded(QStringView text, qsizetype max = kMaxMessageChars)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.size() <= max)
        return trimmed.toString();
    return trimmed.left(max).toString() + u'…';
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// A small cursor over a time string; every read checks bounds.
class Scanner
{
public:
    explicit Scanner(QStringView text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text[m_pos]; }
    bool accept(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool acceptWordCi(QStringView word)
    {
        if (m_text.size() - m_pos < word.size())
            return false;
        if (m_text.mid(m_pos, word.size()).compare(word, Qt::CaseInsensitive) != 0)
            return false;
        m_pos += word.size();
        return true;
    }
    int skipSpaces()
    {
        int n = 0;
        while (!atEnd() && peek() == u' ') {
            ++m_pos;
            ++n;
        }
        return n;
    }
    // Reads minDigits..maxDigits ASCII digits; -1 when fewer are there.
    int digits(int minDigits, int maxDigits, int *count = nullptr)
    {
        int value = 0;
        int n = 0;
        while (n < maxDigits && !atEnd() && isAsciiDigit(peek())) {
            value = value * 10 + (peek().unicode() - u'0');
            ++m_pos;
            ++n;
        }
        if (count)
            *count = n;
        if (n < minDigits)
            return -1;
        return value;
    }
    QStringView rest() const { return m_text.mid(m_pos); }
    void skipTo(qsizetype pos) { m_pos = pos; }
    qsizetype pos() const { return m_pos; }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

struct DatePart
{
    QDate date;
    QString error;
};

// yyyy-M-d or yyyy/M/d.
DatePart scanIsoDate(Scanner &s)
{
    const int year = s.digits(4, 4);
    const QChar sep = s.peek();
    if (year < 0 || (sep != u'-' && sep != u'/'))
        return {{},
                QCoreApplication::translate("LiquidoParser",
                                            "it does not start with a date (year-month-day)")};
    s.accept(sep);
    const int month = s.digits(1, 2);
    if (month < 0 || !s.accept(sep))
        return {{},
                QCoreApplication::translate("LiquidoParser",
                                            "it does not start with a date (year-month-day)")};
    const int day = s.digits(1, 2);
    if (day < 0)
        return {{},
                QCoreApplication::translate("LiquidoParser",
                                            "it does not start with a date (year-month-day)")};
    if (s.peek().isDigit())
        return {{},
                QCoreApplication::translate("LiquidoParser",
                                            "it does not start with a date (year-month-day)")};
    const QDate date(year, month, day);
    if (!date.isValid())
        return {{}, QCoreApplication::translate("LiquidoParser", "the date does not exist")};
    return {date, {}};
}

// ±H, ±HH, ±HH:MM, ±HHMM → minutes east of UTC; nullopt when malformed.
std::optional<int> scanOffset(Scanner &s)
{
    int sign = 0;
    if (s.accept(u'+'))
        sign = 1;
    else if (s.accept(u'-'))
        sign = -1;
    else
        return std::nullopt;
    int hourDigits = 0;
    const int firstDigits = s.digits(1, 4, &hourDigits);
    if (firstDigits < 0 || hourDigits == 3)
        return std::nullopt;
    int hours = firstDigits;
    int minutes = 0;
    if (hourDigits == 4) {
        hours = firstDigits / 100;
        minutes = firstDigits % 100;
    } else if (s.accept(u':')) {
        int minuteDigits = 0;
        minutes = s.digits(2, 2, &minuteDigits);
        if (minutes < 0)
            return std::nullopt;
    }
    if (minutes >= 60)
        return std::nullopt;
    const int total = hours * 60 + minutes;
    if (total > kMaxOffsetMinutes)
        return std::nullopt;
    return sign * total;
}

TimeParse failTime(QStringView text, const QString &reason)
{
    return {{},
            QCoreApplication::translate("LiquidoParser", "\"%1\" is not a time Liquido sends: %2.")
                .arg(bounded(text, 40), reason)};
}

QString notTimeOfDay()
{
    return QCoreApplication::translate("LiquidoParser",
                                       "the time of day is not hours:minutes[:seconds]");
}

// Brazil writes dates day first: dd/MM/yyyy, taken as the end of that day in
// Brasília. Empty error on success.
TimeParse parseBrazilDate(QStringView original, QStringView text, const QString &isoError)
{
    Scanner br(text);
    const int day = br.digits(1, 2);
    const bool sep1 = br.accept(u'/');
    const int month = br.digits(1, 2);
    const bool sep2 = br.accept(u'/');
    const int year = br.digits(4, 4);
    if (day < 0 || !sep1 || month < 0 || !sep2 || year < 0 || !br.atEnd())
        return failTime(original, isoError);
    const QDate date(year, month, day);
    if (!date.isValid())
        return failTime(original,
                        QCoreApplication::translate("LiquidoParser", "the date does not exist"));
    return {QDateTime(date, QTime(23, 59, 59), Qt::UTC).addSecs(-kBrazilOffsetSeconds), {}};
}

// ".fraction" after the seconds: up to nanoseconds, only milliseconds kept;
// -1 when malformed.
int scanMillis(Scanner &s)
{
    int fractionDigits = 0;
    int fraction = 0;
    for (; fractionDigits < 9 && !s.atEnd() && isAsciiDigit(s.peek()); ++fractionDigits) {
        if (fractionDigits < 3)
            fraction = fraction * 10 + (s.peek().unicode() - u'0');
        s.skipTo(s.pos() + 1);
    }
    if (fractionDigits == 0 || isAsciiDigit(s.peek()))
        return -1;
    for (int i = fractionDigits; i < 3; ++i)
        fraction *= 10;
    return fraction;
}

struct TimeOfDayParse
{
    QTime time;
    QString error; // the reason, when not empty
};

// hours:minutes[:seconds[.fraction]]
TimeOfDayParse scanTimeOfDay(Scanner &s)
{
    const int hour = s.digits(1, 2);
    if (hour < 0 || !s.accept(u':'))
        return {{}, notTimeOfDay()};
    const int minute = s.digits(2, 2);
    if (minute < 0)
        return {{}, notTimeOfDay()};
    int second = 0;
    int millis = 0;
    if (s.accept(u':')) {
        second = s.digits(2, 2);
        if (second < 0)
            return {{}, notTimeOfDay()};
        if (s.accept(u'.') || s.accept(u',')) {
            millis = scanMillis(s);
            if (millis < 0)
                return {{},
                        QCoreApplication::translate("LiquidoParser",
                                                    "the fraction of a second is malformed")};
        }
    }
    if (isAsciiDigit(s.peek()))
        return {{}, notTimeOfDay()};
    const QTime time(hour, minute, second, millis);
    if (!time.isValid())
        return {{}, QCoreApplication::translate("LiquidoParser", "the time of day does not exist")};
    return {time, {}};
}

struct ZoneParse
{
    int offsetMinutes = 0;
    QString error; // the reason, when not empty
};

// Z, UTC, GMT (each with an optional offset) or an offset, then optionally
// java.time's [Region], and nothing else.
ZoneParse scanZone(Scanner &s)
{
    const auto malformedOffset = [] {
        return ZoneParse{
            0, QCoreApplication::translate("LiquidoParser", "the time zone offset is malformed")};
    };
    ZoneParse zone;
    if (s.accept(u'Z') || s.accept(u'z')) {
        zone.offsetMinutes = 0;
    } else if (s.acceptWordCi(u"UTC") || s.acceptWordCi(u"GMT")) {
        // "GMT", "GMT+08:00", "UTC +8"
        const qsizetype before = s.pos();
        s.skipSpaces();
        if (s.peek() == u'+' || s.peek() == u'-') {
            const std::optional<int> offset = scanOffset(s);
            if (!offset)
                return malformedOffset();
            zone.offsetMinutes = *offset;
        } else {
            s.skipTo(before);
        }
    } else if (s.peek() == u'+' || s.peek() == u'-') {
        const std::optional<int> offset = scanOffset(s);
        if (!offset)
            return malformedOffset();
        zone.offsetMinutes = *offset;
    } else {
        return {0, QCoreApplication::translate("LiquidoParser",
                                               "the time zone is not UTC, GMT or an offset")};
    }

    // java.time's ZonedDateTime appends the region: the offset before it rules.
    s.skipSpaces();
    if (s.accept(u'[')) {
        const qsizetype close = s.rest().indexOf(u']');
        if (close <= 0)
            return {0, QCoreApplication::translate("LiquidoParser", "the time zone is malformed")};
        s.skipTo(s.pos() + close + 1);
    }
    s.skipSpaces();
    if (!s.atEnd())
        return {
            0, QCoreApplication::translate("LiquidoParser", "unexpected text after the time zone")};
    return zone;
}

TimeParse parseTime(QStringView original, bool allowDateOnly)
{
    const QStringView text = original.trimmed();
    if (text.isEmpty())
        return failTime(original, QCoreApplication::translate("LiquidoParser", "it is empty"));
    if (text.size() > kMaxTimeChars)
        return failTime(original, QCoreApplication::translate("LiquidoParser", "it is too long"));

    Scanner s(text);
    const DatePart datePart = scanIsoDate(s);
    if (!datePart.error.isEmpty()) {
        if (!allowDateOnly)
            return failTime(original, datePart.error);
        return parseBrazilDate(original, text, datePart.error);
    }
    if (s.atEnd()) {
        if (!allowDateOnly)
            return failTime(original, QCoreApplication::translate(
                                          "LiquidoParser", "it has a date but no time of day"));
        return {QDateTime(datePart.date, QTime(23, 59, 59), Qt::UTC).addSecs(-kBrazilOffsetSeconds),
                {}};
    }

    if (!s.accept(u'T') && !s.accept(u't') && s.skipSpaces() == 0)
        return failTime(original,
                        QCoreApplication::translate(
                            "LiquidoParser", "the date and the time of day are not separated"));
    const TimeOfDayParse timeOfDay = scanTimeOfDay(s);
    if (!timeOfDay.error.isEmpty())
        return failTime(original, timeOfDay.error);

    s.skipSpaces();
    if (s.atEnd())
        return failTime(original,
                        QCoreApplication::translate("LiquidoParser", "it has no time zone"));
    const ZoneParse zone = scanZone(s);
    if (!zone.error.isEmpty())
        return failTime(original, zone.error);
    return {
        QDateTime(datePart.date, timeOfDay.time, Qt::UTC).addSecs(-qint64(zone.offsetMinutes) * 60),
        {}};
}

ProviderFailure protocol(const QString &detail)
{
    ProviderFailure failure;
    failure.kind = FailureKind::Protocol;
    failure.message = detail;
    return failure;
}

QString wrongType(QLatin1String field)
{
    return QCoreApplication::translate("LiquidoParser", "Liquido's field %1 has the wrong type.")
        .arg(field);
}

QString missing(QLatin1String field)
{
    return QCoreApplication::translate("LiquidoParser", "Liquido's answer has no %1.").arg(field);
}

// A field that is absent or JSON null.
bool isAbsent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

// Optional string: absent/null → empty; non-string → error.
bool optionalString(const QJsonObject &o, QLatin1String key, QString *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (isAbsent(v)) {
        out->clear();
        return true;
    }
    if (!v.isString()) {
        *error = wrongType(key);
        return false;
    }
    *out = v.toString();
    return true;
}

bool optionalObject(const QJsonObject &o, QLatin1String key, QJsonObject *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (isAbsent(v)) {
        *out = QJsonObject();
        return true;
    }
    if (!v.isObject()) {
        *error = wrongType(key);
        return false;
    }
    *out = v.toObject();
    return true;
}

// A time field: absent/null/"" → invalid QDateTime (not known); a string is
// parsed with parser; anything else is an error. A string that is not a time
// is an error too: a deadline we cannot read must not silently vanish.
bool optionalTime(const QJsonObject &o, QLatin1String key, QDateTime *out, QString *error,
                  TimeParse (*parser)(QStringView) = parseLiquidoTime)
{
    const QJsonValue v = o.value(key);
    *out = QDateTime();
    if (isAbsent(v))
        return true;
    if (!v.isString()) {
        *error = wrongType(key);
        return false;
    }
    const QString text = v.toString();
    if (text.trimmed().isEmpty())
        return true;
    const TimeParse t = parser(text);
    if (!t.ok()) {
        *error = QCoreApplication::translate("LiquidoParser", "Liquido's field %1: %2")
                     .arg(key, t.error);
        return false;
    }
    *out = t.utc;
    return true;
}

// A non-negative integer held as a JSON number (integral) or a digit string.
std::optional<qint64> integerValue(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        // 2^53: beyond it a JSON number is no longer an exact integer.
        constexpr double kExactLimit = 9007199254740992.0;
        if (!std::isfinite(d) || d != std::trunc(d) || std::fabs(d) > kExactLimit)
            return std::nullopt;
        const qint64 i = v.toInteger(std::numeric_limits<qint64>::min());
        if (i == std::numeric_limits<qint64>::min())
            return std::nullopt;
        return i;
    }
    if (v.isString()) {
        const QString text = v.toString().trimmed();
        if (text.isEmpty() || text.size() > 18)
            return std::nullopt;
        qint64 value = 0;
        for (const QChar c : text) {
            if (!isAsciiDigit(c))
                return std::nullopt;
            value = value * 10 + (c.unicode() - u'0');
        }
        return value;
    }
    return std::nullopt;
}

QString valueAsText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        if (const std::optional<qint64> i = integerValue(v))
            return QString::number(*i);
        return QString::number(v.toDouble());
    }
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

// The boleto's payment deadline, where Liquido may put it (UNCONFIRMED: the
// seed only documents pix). The expiration wins over the due date: the charge
// stays cancellable for as long as it can still be paid.
bool boletoDeadline(const QJsonObject &charge, const QJsonObject &details, QDateTime *out,
                    QString *error)
{
    *out = QDateTime();
    QJsonObject boleto;
    if (!optionalObject(details, "boleto"_L1, &boleto, error))
        return false;
    for (const QLatin1String key : {"expirationTime"_L1, "expirationDate"_L1, "dueDate"_L1}) {
        QDateTime t;
        if (!optionalTime(boleto, key, &t, error, parseLiquidoDeadline))
            return false;
        if (t.isValid()) {
            *out = t;
            return true;
        }
    }
    // The create request's paymentTerm.paymentDeadline (Unix seconds), when
    // echoed back.
    QJsonObject term;
    if (!optionalObject(charge, "paymentTerm"_L1, &term, error))
        return false;
    const QJsonValue deadline = term.value("paymentDeadline"_L1);
    if (isAbsent(deadline))
        return true;
    if (deadline.isString() && !integerValue(deadline)) {
        QDateTime t;
        if (!optionalTime(term, "paymentDeadline"_L1, &t, error, parseLiquidoDeadline))
            return false;
        *out = t;
        return true;
    }
    const std::optional<qint64> seconds = integerValue(deadline);
    // Seconds between 2001 and 2286; milliseconds are recognised by size.
    if (!seconds || *seconds <= 0) {
        *error = wrongType("paymentTerm.paymentDeadline"_L1);
        return false;
    }
    *out = *seconds > 10'000'000'000LL ? QDateTime::fromMSecsSinceEpoch(*seconds, Qt::UTC)
                                       : QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
    return true;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

struct JsonRoot
{
    QJsonObject object;
    QString error; // set when the body is not a JSON object
};

JsonRoot jsonObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return {{}, QCoreApplication::translate("LiquidoParser", "Liquido's answer is empty.")};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const bool html = body.trimmed().startsWith('<');
        return {{},
                html ? QCoreApplication::translate(
                    "LiquidoParser", "Liquido answered with a web page instead of JSON.")
                     : QCoreApplication::translate(
                           "LiquidoParser", "Liquido's answer is not valid JSON (%1 at byte %2).")
                           .arg(parseError.errorString())
                           .arg(parseError.offset)};
    }
    if (!doc.isObject())
        return {
            {},
            QCoreApplication::translate("LiquidoParser", "Liquido's answer is not a JSON object.")};
    return {doc.object(), {}};
}

bool isCancelledStatus(const Domain::Order &order)
{
    return order.rawStatus.trimmed().compare(u"CANCELLED"_s, Qt::CaseInsensitive) == 0;
}

// Code and message of an in-200 failure read from a body that is not a full
// charge ({transferStatusCode: 2xxx, transferErrorMsg: "…"}).
std::optional<ErrorBody> inBandFailure(const QJsonObject &o)
{
    const QJsonValue code = o.value("transferStatusCode"_L1);
    const std::optional<qint64> n = integerValue(code);
    if (!n || *n == 200)
        return std::nullopt;
    ErrorBody e;
    e.isJsonObject = true;
    e.code = QString::number(*n);
    const QJsonValue msg = o.value("transferErrorMsg"_L1);
    if (msg.isString())
        e.message = bounded(msg.toString());
    return e;
}

ProviderResult base(const HttpResponse &response)
{
    ProviderResult r;
    r.httpStatus = response.status;
    r.latencyMs = response.elapsedMs;
    return r;
}

void setOutcome(ProviderResult &r, CancelOutcome outcome, Guidance guidance)
{
    r.outcome = outcome;
    r.guidance = guidance;
}

// A failure Liquido reported inside a 2xx (transferStatusCode != 200): a
// business refusal, kept with its code and message.
void rejectInBand(ProviderResult &r, int httpStatus, const ErrorBody &inBand)
{
    r.failure.kind = FailureKind::Rejected;
    r.failure.httpStatus = httpStatus;
    r.failure.code = inBand.code;
    r.failure.message = inBand.message;
    r.providerCode = inBand.code;
    r.providerMessage = inBand.message;
}

// Statuses whose meaning does not depend on the body: 401/403 (credentials),
// 429, 408 and 5xx. Returns false for others.
bool classifyByStatus(ProviderResult &r, const HttpResponse &response, const ErrorBody &error,
                      const QDateTime &nowUtc)
{
    const int status = response.status;
    ProviderFailure f;
    f.httpStatus = status;
    f.code = error.code;
    f.message = error.message;
    if (status == 401 || status == 403) {
        f.kind = FailureKind::Authentication;
        r.failure = f;
        setOutcome(r, CancelOutcome::Rejected, Guidance::FixConfiguration);
        return true;
    }
    if (status == 429) {
        f.kind = FailureKind::RateLimited;
        f.retryAfter = parseRetryAfter(headerValue(response.headers, "Retry-After"), nowUtc);
        r.failure = f;
        setOutcome(r, CancelOutcome::Unknown, Guidance::RetryLater);
        return true;
    }
    if (status == 408 || status >= 500) {
        f.kind = FailureKind::ServerError;
        r.failure = f;
        setOutcome(r, CancelOutcome::Unknown, Guidance::None);
        return true;
    }
    return false;
}

ProviderResult protocolResult(ProviderResult r, const QString &detail)
{
    r.failure = protocol(detail);
    r.failure.httpStatus = r.httpStatus;
    // The cancel may have happened: reconcile by retrieve, never call it done.
    setOutcome(r, CancelOutcome::Unknown, Guidance::None);
    return r;
}

bool sameKey(const Domain::Order &order, const QString &paymentId)
{
    return paymentId.isEmpty() || order.paymentId == paymentId;
}

QString otherPaymentText()
{
    return QCoreApplication::translate("LiquidoParser",
                                       "Liquido answered about a different payment.");
}

} // namespace

TimeParse parseLiquidoTime(QStringView text)
{
    return parseTime(text, false);
}

TimeParse parseLiquidoDeadline(QStringView text)
{
    return parseTime(text, true);
}

namespace {

// A required, non-blank string field; empty error on success.
QString requiredString(const QJsonObject &o, QLatin1String name, QString *value)
{
    const QJsonValue v = o.value(name);
    if (isAbsent(v))
        return missing(name);
    if (!v.isString())
        return wrongType(name);
    *value = v.toString();
    return value->trimmed().isEmpty() ? missing(name) : QString();
}

// transferStatusCode / transferErrorMsg: they explain a body that is otherwise
// not a charge, so they are read first.
QString readTransferOutcome(const QJsonObject &o, ChargeParse *out)
{
    const QJsonValue code = o.value("transferStatusCode"_L1);
    if (!isAbsent(code)) {
        const std::optional<qint64> n = integerValue(code);
        if (!n || *n > std::numeric_limits<int>::max())
            return wrongType("transferStatusCode"_L1);
        out->hasTransferStatusCode = true;
        out->transferStatusCode = int(*n);
    }
    QString errorMsg;
    QString error;
    if (!optionalString(o, "transferErrorMsg"_L1, &errorMsg, &error))
        return error;
    out->transferErrorMsg = bounded(errorMsg);
    return {};
}

// Money: Long minor units (100 = BRL 1.00). Some doc pages type amounts as
// strings, so a digit string is read too; fractions and signs never are.
QString readAmount(const QJsonObject &o, Domain::Order *order)
{
    QString currency;
    QString error;
    if (!optionalString(o, "currency"_L1, &currency, &error))
        return error;
    if (currency.trimmed().isEmpty())
        return missing("currency"_L1);
    const QJsonValue amount = o.value("amount"_L1);
    if (isAbsent(amount))
        return missing("amount"_L1);
    if (!amount.isDouble() && !amount.isString())
        return wrongType("amount"_L1);
    const std::optional<qint64> minor = integerValue(amount);
    if (!minor) {
        const bool negative = amount.isDouble() ? amount.toDouble() < 0
                                                : amount.toString().trimmed().startsWith(u'-');
        return negative
                   ? QCoreApplication::translate("LiquidoParser", "Liquido's amount is negative.")
                   : QCoreApplication::translate(
                       "LiquidoParser", "Liquido's amount is not a whole number of minor units.");
    }
    const Domain::MoneyResult money = Domain::fromMinorUnits(*minor, currency.trimmed().toUpper());
    if (!money.ok())
        return QCoreApplication::translate("LiquidoParser", "Liquido's amount: %1")
            .arg(Domain::moneyErrorText(money.error, currency.trimmed()));
    order->amount = money.value;
    return {};
}

// createTime, the payment time and the method's own deadline (PIX expiry or
// boleto due date).
QString readTimes(const QJsonObject &o, Domain::Order *order)
{
    QString error;
    if (!optionalTime(o, "createTime"_L1, &order->createdAt, &error))
        return error;
    QDateTime finalStatusTime;
    if (!optionalTime(o, "finalStatusTime"_L1, &finalStatusTime, &error))
        return error;
    // finalStatusTime is when the charge reached its current state. It is the
    // payment time only for states reached by paying: SETTLED, and AUTHORIZED
    // for cards. For REFUNDED or CHARGED_BACK it is the refund/chargeback time,
    // so the payment time stays unknown rather than wrong.
    if ((order->status == Domain::NormStatus::Succeeded && order->flags == Domain::StatusFlags())
        || order->status == Domain::NormStatus::Authorized)
        order->paidAt = finalStatusTime;

    QJsonObject details;
    if (!optionalObject(o, "transferDetails"_L1, &details, &error))
        return error;
    QJsonObject pix;
    if (!optionalObject(details, "pix"_L1, &pix, &error))
        return error;
    QDateTime pixExpiry;
    if (!optionalTime(pix, "expirationTime"_L1, &pixExpiry, &error))
        return error;
    QDateTime boletoDue;
    if (!boletoDeadline(o, details, &boletoDue, &error))
        return error;
    order->methodDeadline = pixExpiry.isValid() ? pixExpiry : boletoDue;
    return {};
}

} // namespace

ChargeParse parseCharge(const QByteArray &body)
{
    ChargeParse out;
    const JsonRoot root = jsonObject(body);
    if (!root.error.isEmpty()) {
        out.failure = protocol(root.error);
        return out;
    }
    const QJsonObject &o = root.object;
    QString error;
    const auto fail = [&out](const QString &detail) {
        out.failure = protocol(detail);
        return out;
    };
    if (error = readTransferOutcome(o, &out); !error.isEmpty())
        return fail(error);

    Domain::Order &order = out.order;
    order.provider = Domain::Provider::Liquido;
    order.lastPayload = body;
    if (error = requiredString(o, "idempotencyKey"_L1, &order.paymentId); !error.isEmpty())
        return fail(error);
    if (!optionalString(o, "referenceId"_L1, &order.merchantReference, &error))
        return fail(error);
    if (error = requiredString(o, "transferStatus"_L1, &order.rawStatus); !error.isEmpty())
        return fail(error);
    const Domain::MappedStatus mapped =
        Domain::mapProviderStatus(Domain::Provider::Liquido, order.rawStatus);
    order.status = mapped.status;
    order.flags = mapped.flags;

    QString method;
    if (!optionalString(o, "paymentMethod"_L1, &method, &error))
        return fail(error);
    order.paymentMethod = method.trimmed().toUpper();
    if (error = readAmount(o, &order); !error.isEmpty())
        return fail(error);
    if (error = readTimes(o, &order); !error.isEmpty())
        return fail(error);
    return out;
}

ErrorBody parseErrorBody(const QByteArray &body)
{
    ErrorBody e;
    const JsonRoot root = jsonObject(body);
    if (!root.error.isEmpty())
        return e;
    e.isJsonObject = true;
    const QJsonObject &o = root.object;

    const auto text = [](const QJsonValue &v) { return bounded(valueAsText(v)); };
    const auto first = [&](const QJsonObject &obj, std::initializer_list<QLatin1String> keys) {
        for (const QLatin1String key : keys) {
            const QString value = text(obj.value(key));
            if (!value.isEmpty())
                return value;
        }
        return QString();
    };

    e.code = first(o, {"transferStatusCode"_L1, "code"_L1, "errorCode"_L1, "error_code"_L1});
    e.message = first(o, {"transferErrorMsg"_L1, "error_description"_L1, "message"_L1,
                          "errorMessage"_L1, "msg"_L1, "detail"_L1});

    const QJsonValue error = o.value("error"_L1);
    if (error.isObject()) {
        const QJsonObject inner = error.toObject();
        if (e.code.isEmpty())
            e.code = first(inner, {"code"_L1, "type"_L1});
        if (e.message.isEmpty())
            e.message = first(inner, {"message"_L1, "description"_L1});
    } else if (error.isString()) {
        // OAuth's {error: "invalid_client"} is a code; Spring's {error: "Bad
        // Request", message: …} is a reason phrase, kept when nothing else is.
        if (e.code.isEmpty() && !o.contains("status"_L1))
            e.code = text(error);
        else if (e.message.isEmpty())
            e.message = text(error);
    }
    if (e.message.isEmpty()) {
        const QJsonArray errors = o.value("errors"_L1).toArray();
        if (!errors.isEmpty()) {
            const QJsonValue firstError = errors.first();
            e.message = firstError.isObject()
                            ? first(firstError.toObject(), {"message"_L1, "msg"_L1, "detail"_L1})
                            : text(firstError);
        }
    }
    return e;
}

ProviderResult parseRetrieveResponse(const QString &paymentId, const HttpResponse &response,
                                     const QDateTime &nowUtc)
{
    ProviderResult r = base(response);
    const int status = response.status;
    if (status >= 200 && status < 300) {
        ChargeParse charge = parseCharge(response.body);
        if (!charge.ok()) {
            const JsonRoot root = jsonObject(response.body);
            if (const std::optional<ErrorBody> inBand = inBandFailure(root.object)) {
                rejectInBand(r, status, *inBand);
                return r;
            }
            return protocolResult(r, charge.failure.message);
        }
        if (!sameKey(charge.order, paymentId))
            return protocolResult(r, otherPaymentText());
        if (charge.hasTransferStatusCode)
            r.providerCode = QString::number(charge.transferStatusCode);
        r.providerMessage = charge.transferErrorMsg;
        r.order = std::move(charge.order);
        return r;
    }

    const ErrorBody error = parseErrorBody(response.body);
    r.providerCode = error.code;
    r.providerMessage = error.message;
    if (classifyByStatus(r, response, error, nowUtc))
        return r;
    if (status >= 400 && status < 500) {
        if (!error.isJsonObject && !response.body.trimmed().isEmpty())
            return protocolResult(r, jsonObject(response.body).error);
        r.failure.kind = status == 404 ? FailureKind::NotFound : FailureKind::Rejected;
        r.failure.httpStatus = status;
        r.failure.code = error.code;
        r.failure.message = error.message;
        return r;
    }
    return protocolResult(
        r, QCoreApplication::translate("LiquidoParser", "Liquido answered with HTTP status %1.")
               .arg(status));
}

namespace {

// A cancel answered with the charge: cancelled is success whatever code came
// with it (a repeat of an earlier, successful cancel may be answered as an
// error); any other state is a rejection that says what the payment is.
ProviderResult cancelResultFromCharge(ProviderResult r, ChargeParse &charge,
                                      const HttpResponse &response)
{
    if (charge.hasTransferStatusCode)
        r.providerCode = QString::number(charge.transferStatusCode);
    r.providerMessage = charge.transferErrorMsg;
    Domain::Order &order = charge.order;
    if (isCancelledStatus(order)) {
        setOutcome(r, CancelOutcome::Succeeded, Guidance::None);
        const QJsonObject o = jsonObject(response.body).object;
        QDateTime when;
        QString ignored;
        if (optionalTime(o, "finalStatusTime"_L1, &when, &ignored))
            r.cancelTime = when;
    } else {
        ProviderFailure f;
        f.kind = FailureKind::Rejected;
        f.httpStatus = response.status;
        if (charge.reportsFailure()) {
            f.code = QString::number(charge.transferStatusCode);
            f.message = charge.transferErrorMsg;
        } else {
            // 200 and a charge that is still, say, SETTLED: the cancel did
            // not take effect.
            f.code = order.rawStatus.trimmed().toUpper();
            f.message = charge.transferErrorMsg.isEmpty()
                            ? QCoreApplication::translate(
                                  "LiquidoParser",
                                  "Liquido answered, but the payment is %1, not cancelled.")
                                  .arg(f.code)
                            : charge.transferErrorMsg;
        }
        r.failure = f;
        setOutcome(r, CancelOutcome::Rejected, guidanceForStatus(order.rawStatus));
    }
    r.order = std::move(order);
    return r;
}

// A 2xx cancel answer: the charge, or an in-band failure.
ProviderResult cancelSuccessAnswer(ProviderResult r, const QString &paymentId,
                                   const HttpResponse &response)
{
    ChargeParse charge = parseCharge(response.body);
    if (!charge.ok()) {
        const JsonRoot root = jsonObject(response.body);
        if (const std::optional<ErrorBody> inBand = inBandFailure(root.object)) {
            rejectInBand(r, response.status, *inBand);
            setOutcome(r, CancelOutcome::Rejected, Guidance::CheckStatus);
            return r;
        }
        return protocolResult(r, charge.failure.message);
    }
    if (!sameKey(charge.order, paymentId))
        return protocolResult(r, otherPaymentText());
    return cancelResultFromCharge(std::move(r), charge, response);
}

// A 4xx cancel answer not classified by its status alone.
ProviderResult cancelClientError(ProviderResult r, const QString &paymentId,
                                 const HttpResponse &response, const ErrorBody &error)
{
    const int status = response.status;
    if (!error.isJsonObject && !response.body.trimmed().isEmpty())
        return protocolResult(r, jsonObject(response.body).error);
    // The PHP SDK json-decodes 4xx bodies: one may carry the charge.
    ChargeParse charge = parseCharge(response.body);
    if (charge.ok() && sameKey(charge.order, paymentId) && status != 404) {
        ProviderResult withCharge = cancelResultFromCharge(std::move(r), charge, response);
        if (withCharge.failure.isFailure()) {
            withCharge.failure.code = error.code.isEmpty() ? withCharge.failure.code : error.code;
            if (!error.message.isEmpty())
                withCharge.failure.message = error.message;
        }
        return withCharge;
    }
    ProviderFailure f;
    f.kind = status == 404 ? FailureKind::NotFound : FailureKind::Rejected;
    f.httpStatus = status;
    f.code = error.code;
    f.message = error.message;
    r.failure = f;
    setOutcome(r, CancelOutcome::Rejected,
               status == 404 ? Guidance::CheckPaymentId : Guidance::CheckStatus);
    return r;
}

} // namespace

ProviderResult parseCancelResponse(const QString &paymentId, const HttpResponse &response,
                                   const QDateTime &nowUtc)
{
    ProviderResult r = base(response);
    const int status = response.status;
    if (status >= 200 && status < 300)
        return cancelSuccessAnswer(std::move(r), paymentId, response);

    const ErrorBody error = parseErrorBody(response.body);
    r.providerCode = error.code;
    r.providerMessage = error.message;
    if (classifyByStatus(r, response, error, nowUtc))
        return r;
    if (status >= 400 && status < 500)
        return cancelClientError(std::move(r), paymentId, response, error);
    return protocolResult(
        r, QCoreApplication::translate("LiquidoParser", "Liquido answered with HTTP status %1.")
               .arg(status));
}

ProviderResult failureResult(const ProviderFailure &failure, bool isCancel)
{
    ProviderResult r;
    r.failure = failure;
    r.httpStatus = failure.httpStatus;
    if (!isCancel)
        return r;
    switch (failure.kind) {
    case FailureKind::Configuration:
    case FailureKind::Authentication:
        // Nothing reached the charge, and retrying cannot help.
        setOutcome(r, CancelOutcome::Rejected, Guidance::FixConfiguration);
        break;
    case FailureKind::NotFound:
        setOutcome(r, CancelOutcome::Rejected, Guidance::CheckPaymentId);
        break;
    case FailureKind::Rejected:
    case FailureKind::Unsupported:
        setOutcome(r, CancelOutcome::Rejected, Guidance::CheckStatus);
        break;
    case FailureKind::RateLimited:
        setOutcome(r, CancelOutcome::Unknown, Guidance::RetryLater);
        break;
    case FailureKind::None:
    case FailureKind::Transport:
    case FailureKind::ServerError:
    case FailureKind::Protocol:
        setOutcome(r, CancelOutcome::Unknown, Guidance::None);
        break;
    }
    return r;
}

TokenParse parseTokenResponse(const HttpResponse &response, const QDateTime &nowUtc)
{
    TokenParse out;
    const int status = response.status;
    if (status < 200 || status >= 300) {
        const ErrorBody error = parseErrorBody(response.body);
        ProviderFailure f;
        f.httpStatus = status;
        f.code = error.code;
        f.message = error.message;
        if (status == 429) {
            f.kind = FailureKind::RateLimited;
            f.retryAfter = parseRetryAfter(headerValue(response.headers, "Retry-After"), nowUtc);
        } else if (status == 408 || status >= 500) {
            f.kind = FailureKind::ServerError;
        } else if (status == 400 || status == 401 || status == 403) {
            // invalid_client / unauthorized_client: the credentials are wrong.
            f.kind = FailureKind::Authentication;
        } else if (status == 404) {
            f.kind = FailureKind::Configuration; // the token URL is wrong
        } else {
            f.kind = FailureKind::Protocol;
        }
        out.failure = f;
        return out;
    }

    const JsonRoot root = jsonObject(response.body);
    if (!root.error.isEmpty()) {
        out.failure = protocol(root.error);
        return out;
    }
    const QJsonObject &o = root.object;
    const QJsonValue token = o.value("access_token"_L1);
    if (!token.isString() || token.toString().isEmpty()) {
        out.failure =
            protocol(isAbsent(token) ? missing("access_token"_L1) : wrongType("access_token"_L1));
        return out;
    }
    const QString tokenText = token.toString();
    // It goes into a header: visible ASCII only, so it can never split one.
    for (const QChar c : tokenText) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e) {
            out.failure = protocol(QCoreApplication::translate(
                "LiquidoParser",
                "Liquido's access token contains characters a header cannot carry."));
            return out;
        }
    }
    const QJsonValue type = o.value("token_type"_L1);
    if (!isAbsent(type)
        && (!type.isString() || type.toString().compare(u"Bearer"_s, Qt::CaseInsensitive) != 0)) {
        out.failure = protocol(
            QCoreApplication::translate("LiquidoParser", "Liquido's token is not a bearer token."));
        return out;
    }
    const QJsonValue expires = o.value("expires_in"_L1);
    if (!isAbsent(expires)) {
        const std::optional<qint64> seconds = integerValue(expires);
        if (!seconds || *seconds < 0) {
            out.failure = protocol(wrongType("expires_in"_L1));
            return out;
        }
        // Bounded to a year: a token is refreshed well before anyway.
        out.expiresIn = std::chrono::seconds(std::min<qint64>(*seconds, 366LL * 86400));
    }
    out.accessToken = Secret(tokenText.toLatin1());
    return out;
}

QByteArray tokenRequestBody(const QString &clientId, const Secret &clientSecret)
{
    // QByteArray::toPercentEncoding keeps only A-Z a-z 0-9 - . _ ~ as is.
    QByteArray body = "client_id=" + clientId.toUtf8().toPercentEncoding();
    body += "&client_secret=" + clientSecret.reveal().toPercentEncoding();
    body += "&grant_type=client_credentials";
    return body;
}

std::chrono::milliseconds tokenReuseFor(std::chrono::seconds expiresIn)
{
    using namespace std::chrono;
    if (expiresIn <= seconds(0))
        return milliseconds(0);
    const milliseconds lifetime = expiresIn;
    const milliseconds margin = std::min<milliseconds>(seconds(60), lifetime / 4);
    return lifetime - margin;
}

Guidance guidanceForStatus(QStringView rawStatus)
{
    const QString s = rawStatus.trimmed().toString().toUpper();
    if (s == u"SETTLED")
        return Guidance::Refund;
    if (s == u"REFUNDING" || s == u"REFUNDED")
        return Guidance::AlreadyRefunded;
    return Guidance::CheckStatus;
}

} // namespace CancelDesk::Providers::Liquido
