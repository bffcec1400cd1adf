#pragma once

#include "domain/cancelreason.h"
#include "domain/order.h"
#include "providers/httpclient.h"
#include "providers/paymentprovider.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <chrono>

// UQPAY Global Acquiring v1.6 (PROVIDERS.md §1): pure functions from bytes to
// results, without sockets, so that every answer shape can be unit-tested and
// fuzzed. A malformed, truncated, wrong-typed or HTML body is always
// FailureKind::Protocol and never a trusted success.
namespace CancelDesk::Providers::Uqpay {

// --- Requests ---------------------------------------------------------------

// {base}/api/v1/connect/token. A base that already ends in /api is accepted.
QUrl tokenUrl(const QUrl &base);
// {base}/api/v2/payment_intents/{id}{suffix}; the id is percent-encoded as one
// path segment, so "a/b" cannot reach another route.
QUrl paymentIntentUrl(const QUrl &base, QStringView paymentId, QStringView suffix = {});
// {base}/api/v2/payment_intents?page_size&page_number[&start_time][&end_time],
// times as ISO-8601 with an explicit +00:00 offset ('+' percent-encoded).
QUrl listUrl(const QUrl &base, const ListRequest &request);
// ISO-8601 with offset, seconds resolution: "2026-04-13T10:06:35+00:00".
QString formatTime(const QDateTime &utc);
// The cancel body, {"cancellation_reason":"<reason key>"}: always the same
// bytes for the same reason, so a retry is byte-identical.
QByteArray cancelBody(Domain::CancelReason reason);

// --- Answers ----------------------------------------------------------------

struct TokenResult
{
    QByteArray token;       // a credential: never log or show it
    QDateTime expiresAtUtc; // invalid when the answer did not say
    ProviderFailure failure;

    bool ok() const { return !failure.isFailure(); }
};
// POST /v1/connect/token → {"auth_token":"…","expired_at":<Unix seconds>}.
// A refusal (4xx except 429) is Authentication; an unknown route (404) is
// Configuration.
TokenResult parseTokenResponse(const HttpResponse &response, const QDateTime &nowUtc);

struct OrderResult
{
    Domain::Order order;
    QDateTime cancelTime; // cancel_time, invalid when "" or null
    QString error;        // why the intent was refused; empty when ok

    bool ok() const { return error.isEmpty(); }
};
// One PaymentIntent object. raw becomes Order::lastPayload.
OrderResult parsePaymentIntent(const QJsonObject &intent, const QByteArray &raw);
// A whole body holding one PaymentIntent.
OrderResult parsePaymentIntent(const QByteArray &body);

// ISO-8601 with offset (fractions allowed) → UTC. "" and null are "not set"
// (valid = true, time invalid); text without an offset is refused.
struct TimeResult
{
    QDateTime utc;
    bool valid = false;
};
TimeResult parseTime(const QJsonValue &value);

// A non-2xx answer (or a 2xx that is not what was asked) as a failure:
// envelope A {type, code, message}, legacy envelope B {code:<number>, message},
// or no JSON at all.
//  - not_found (HTTP 400!) → NotFound
//  - 401 / unauthorized_error → Authentication
//  - 429 / velocity_limit_exceeded / too_many_requests → RateLimited (+ Retry-After)
//  - 5xx / api_error → ServerError
//  - other 4xx with an envelope → Rejected (code + message)
//  - anything unreadable that is not 429/5xx → Protocol
ProviderFailure classifyError(const HttpResponse &response, const QDateTime &nowUtc);

// Whole answers. They fill failure, order(s), providerCode/Message and
// httpStatus; latency and page are the caller's.
ProviderResult parseRetrieveResponse(const HttpResponse &response, const QDateTime &nowUtc);
ProviderResult parseListResponse(const HttpResponse &response, const QDateTime &nowUtc);
// The cancel classification of PROVIDERS.md §4.3:
//  200 + CANCELLED → Succeeded; 200 + anything else → Confirming (UQPAY may
//  accept before the intent flips; poll Retrieve); 400 family → Rejected with
//  guidance; 401 after the refresh → Rejected (nothing was cancelled; fix the
//  credentials); 429, 5xx, legacy "pending" envelope, unreadable → Unknown
//  (retry with the same idempotency key).
ProviderResult parseCancelResponse(const HttpResponse &response, const QDateTime &nowUtc);
// A transport failure or a failure before the cancel was sent, as a cancel
// result: Configuration/Authentication are final (Rejected, FixConfiguration),
// everything else Unknown.
ProviderResult cancelFailure(ProviderFailure failure);

} // namespace CancelDesk::Providers::Uqpay
