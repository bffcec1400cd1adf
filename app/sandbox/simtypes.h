#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <utility>

namespace CancelDesk::Sandbox {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;
// The sandbox's notion of "now" (UTC); tests move it.
using ClockFn = std::function<QDateTime()>;

// One HTTP request, copied out of QHttpServerRequest (which cannot outlive the
// handler) so that it can be answered later and handled without a socket.
struct SimRequest
{
    QByteArray method;  // "GET", "POST", …
    QString path;       // decoded, without the query
    QByteArray rawPath; // as sent (percent-encoded): what Antom signs
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;

    // Case-insensitive; the first value; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

struct SimResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    HeaderList headers;
};

// What a request is about, for matching scenarios.
enum class Operation { Other, Token, List, Inquiry, Cancel };

struct Target
{
    Operation operation = Operation::Other;
    // The payment's ids the request names (Antom: paymentId and, when known,
    // paymentRequestId); empty when the request names none.
    QStringList paymentIds;
};

SimResponse jsonResponse(int status, const QJsonObject &object);
QByteArray compactJson(const QJsonObject &object);

// "2025-08-29T11:00:41+08:00" for a UTC instant shown at a fixed UTC offset.
QString isoAtOffset(const QDateTime &utc, int offsetSeconds);
// RFC 7231 "Sun, 06 Nov 1994 08:49:37 GMT" for the Date header.
QByteArray httpDate(const QDateTime &utc);
// A random lower-case hex string of 2*bytes characters (credentials, tokens).
QByteArray randomHex(int bytes);
// RFC 4122 version-4 UUID check (UQPAY x-idempotency-key).
bool isUuid(QByteArrayView text);

// The ids of the payments a provider generates for --demo-count
// (SandboxOptions::generatedCount): prefix + n zero-padded to digits, for n =
// 1…count. Deterministic, so that a client told the count and the pattern
// (the "generated" object of the announcement) can name every one without a
// list of thousands of ids.
struct GeneratedIds
{
    QString prefix;
    int digits = 0;

    QString id(int n) const;
    QJsonObject toJson() const; // {"prefix": …, "digits": …}
};

constexpr int kUtcPlus8 = 8 * 3600;
constexpr int kUtcMinus3 = -3 * 3600;

} // namespace CancelDesk::Sandbox
