#pragma once

#include "providers/paymentprovider.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace CancelDesk::Providers::Antom {

// Pure parsing of Antom's AMS answers (PROVIDERS.md §2.3–§2.5): bytes in, a
// ProviderResult out, no sockets. Antom answers business outcomes with HTTP 200
// and result{resultCode, resultStatus S|F|U, resultMessage}; every non-array
// field is a JSON string ("20", "true"). Anything malformed, truncated, of the
// wrong type or not JSON at all is FailureKind::Protocol and never a success.
//
// Protocol failures carry a stable code in ProviderFailure::code
// ("invalid_json", "not_an_object", "missing_result", "wrong_type",
// "missing_field", "invalid_value", "invalid_amount", "invalid_time",
// "payment_id_mismatch") and the offending field's name in message — never a
// piece of the body.

// What to do after a cancel resultCode (the table of PROVIDERS.md §2.5).
// Unknown codes give Guidance::None.
Guidance guidanceForResultCode(QStringView resultCode);

// The answer to a 200 inquiryPayment. S: result.order is set (Antom paymentId,
// paymentRequestId as merchant reference, amount, raw + mapped status, flags,
// times, method). F/U: a failure (ORDER_NOT_EXIST → NotFound). When
// expectedPaymentId is given, an answer about another payment is Protocol.
ProviderResult parseInquiryResponse(const QByteArray &body, QStringView expectedPaymentId = {});

// The answer to a 200 cancel. S → Succeeded (+ cancelTime); F → Rejected with
// the code and Guidance (REQUEST_TRAFFIC_EXCEED_LIMIT: RateLimited, Unknown);
// U → Unknown: resend the identical request. When expectedPaymentId is given,
// an answer about another payment is Protocol (outcome Unknown).
ProviderResult parseCancelResponse(const QByteArray &body, QStringView expectedPaymentId = {});

// A non-200 answer, whose body is never trusted (Antom itself always answers
// 200): 429 → RateLimited (Retry-After honoured, see parseRetryAfter(), dates
// relative to nowUtc), 5xx → ServerError, anything else → Protocol. The outcome
// is always Unknown.
ProviderResult resultForHttpStatus(int httpStatus, const QByteArray &retryAfterHeader = {},
                                   const QDateTime &nowUtc = QDateTime::currentDateTimeUtc());

// ISO-8601 with an explicit offset or Z ("2019-06-12T19:07:11+08:00") → UTC;
// nullopt when malformed or without an offset.
std::optional<QDateTime> parseAntomTime(QStringView text);

} // namespace CancelDesk::Providers::Antom
