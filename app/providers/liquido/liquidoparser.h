#pragma once

#include "domain/order.h"
#include "providers/httpclient.h"
#include "providers/paymentprovider.h"
#include "providers/secret.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringView>

#include <chrono>

// Pure functions from Liquido's bytes to CancelDesk values (PROVIDERS.md §3):
// no sockets, no clocks unless passed in, so they are unit-testable and
// fuzzable. Nothing here ever returns a trusted success for a malformed,
// truncated, wrong-typed or HTML body: that is FailureKind::Protocol.
namespace CancelDesk::Providers::Liquido {

struct TimeParse
{
    QDateTime utc; // valid on success, always Qt::UTC
    QString error; // translated reason on failure

    bool ok() const { return error.isEmpty() && utc.isValid(); }
};

// Liquido's time strings are not ISO and vary between doc pages and
// endpoints. Accepted, case-insensitively for the zone words:
//   "2022-06-02 11:45:44 GMT+08:00"  "2022-06-02 11:45:44 GMT-03:00"
//   "2022-06-02 11:45:44 UTC"        "2022-06-02 11:45:44 GMT"
//   "2022-06-02 11:45:44.123 GMT+8"  "2022-06-02 11:45:44 +0800"
//   "2022-06-02T11:45:44Z"           "2022-06-02T11:45:44.5-03:00[America/Sao_Paulo]"
// Seconds are optional, fractions (1–9 digits) are truncated to milliseconds,
// offsets up to ±14:00. A time without a zone is refused rather than guessed:
// a wrong guess would move a cancel deadline by hours.
TimeParse parseLiquidoTime(QStringView text);

// A payment deadline (boleto due/expiration date): anything parseLiquidoTime
// accepts, or a date alone ("2024-05-10", "10/05/2024" as Brazil writes it),
// which means the end of that day in Brazil (23:59:59 at -03:00; Brazil has had
// no daylight saving time since 2019).
TimeParse parseLiquidoDeadline(QStringView text);

// One charge object as returned by create, retrieve and cancel.
struct ChargeParse
{
    ProviderFailure failure; // Protocol when the body is not a usable charge
    Domain::Order order;     // provider Liquido; lastPayload = the raw bytes
    bool hasTransferStatusCode = false;
    int transferStatusCode = 0;
    QString transferErrorMsg;

    bool ok() const { return !failure.isFailure(); }
    // transferStatusCode present and not 200: a business failure inside a 200.
    bool reportsFailure() const { return hasTransferStatusCode && transferStatusCode != 200; }
};
ChargeParse parseCharge(const QByteArray &body);

// The code and message of an error body. Liquido's error shape is
// UNCONFIRMED, so the plausible variants are read: {message},
// {error, error_description}, {transferStatusCode, transferErrorMsg},
// {code, msg}, Spring's {status, error, message}, {errors:[{message}]} and
// {error:{code,message}}.
struct ErrorBody
{
    bool isJsonObject = false;
    QString code;
    QString message;
};
ErrorBody parseErrorBody(const QByteArray &body);

// GET /v1/payments/charges/{key}. A charge whose transferStatusCode is not 200
// (a FAILED charge, say) is still a successful retrieve: the order comes back
// with providerCode/providerMessage set. The answer must be about paymentId.
ProviderResult parseRetrieveResponse(const QString &paymentId, const HttpResponse &response,
                                     const QDateTime &nowUtc = QDateTime());

// POST /v1/payments/charges/cancel/{key}, classified as PROVIDERS.md §4.3:
// a charge showing CANCELLED → Succeeded; a charge showing any other status,
// or transferStatusCode != 200, or a 4xx → Rejected (404 → NotFound); 429,
// 5xx and anything untrustworthy → Unknown (reconcile by retrieve, then retry).
ProviderResult parseCancelResponse(const QString &paymentId, const HttpResponse &response,
                                   const QDateTime &nowUtc = QDateTime());

// What a failure that is not an HTTP answer (transport, configuration, the
// token endpoint) means for a retrieve or a cancel.
ProviderResult failureResult(const ProviderFailure &failure, bool isCancel);

// The OAuth client-credentials answer: {access_token, expires_in, token_type}.
struct TokenParse
{
    ProviderFailure failure;
    Secret accessToken;
    // -1 when Liquido did not say: then the token serves only the calls
    // waiting for it and is not cached.
    std::chrono::seconds expiresIn{-1};

    bool ok() const { return !failure.isFailure(); }
};
TokenParse parseTokenResponse(const HttpResponse &response, const QDateTime &nowUtc = QDateTime());

// application/x-www-form-urlencoded body for the token request. Every byte but
// the RFC 3986 unreserved ones is percent-encoded, so secrets containing
// '&', '+', '=', '%' or spaces arrive intact.
QByteArray tokenRequestBody(const QString &clientId, const Secret &clientSecret);

// How long a token of the given lifetime is reused: until 60 s before it
// expires, or a quarter of its lifetime before for short-lived tokens.
std::chrono::milliseconds tokenReuseFor(std::chrono::seconds expiresIn);

// Guidance after a cancel was refused, from the charge's raw transferStatus.
Guidance guidanceForStatus(QStringView rawStatus);

} // namespace CancelDesk::Providers::Liquido
