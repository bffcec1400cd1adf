#pragma once

#include "domain/cancelreason.h"
#include "domain/order.h"
#include "domain/provider.h"
#include "httpclient.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <optional>

namespace CancelDesk::Providers {

// Why a provider call did not produce a trusted answer.
enum class FailureKind {
    None,
    Transport,      // see ProviderFailure::transport
    Configuration,  // missing credentials, unreadable key, bad URL
    Authentication, // credentials refused (after one token refresh)
    RateLimited,    // 429; retryAfter when the provider said
    ServerError,    // 5xx
    Protocol,       // malformed, truncated, wrong content type, unsigned or forged response
    NotFound,       // the provider does not know the payment
    Rejected,       // a business "no" (UQPAY 4xx, Antom F, Liquido transferStatusCode != 200)
    Unsupported,    // e.g. listing at a provider without a list API
};
QString failureKindKey(FailureKind kind);

struct ProviderFailure
{
    FailureKind kind = FailureKind::None;
    TransportError transport = TransportError::None;
    int httpStatus = 0;
    // The provider's own code and message (UQPAY code, Antom resultCode,
    // Liquido transferStatusCode/transferErrorMsg), or our detail for
    // protocol errors. Never contains a secret.
    QString code;
    QString message;
    std::chrono::milliseconds retryAfter{-1}; // -1: not given

    bool isFailure() const { return kind != FailureKind::None; }
};
// A translated sentence for operators, e.g. "Antom's answer was not signed, so it
// cannot be trusted."
QString failureText(const ProviderFailure &failure);
// A failure kept for later (Order::lastSyncError): its kind and the provider's
// words, not a sentence, so that it is worded in the language of whoever reads
// it, when they read it. storedFailureText() words it; text stored before this
// encoding existed is returned as it is.
QString encodeFailure(const ProviderFailure &failure);
std::optional<ProviderFailure> decodeFailure(const QString &stored);
QString storedFailureText(const QString &stored);
// HttpClient's transport error as a failure, for every provider: InsecureUrl is
// Configuration (nothing left), anything else Transport; the HTTP status is kept
// when there was an answer (a redirect not followed, a body over the size cap).
ProviderFailure transportFailure(const HttpResult &result);

// How a cancel request ended, as far as the provider said (PROVIDERS.md §4.3).
enum class CancelOutcome {
    Succeeded,  // the provider confirms the payment is cancelled
    Confirming, // accepted, not final yet (UQPAY async): poll retrieve
    Rejected,   // the provider said no: final, never retried automatically
    Unknown,    // Antom U, timeout, 5xx, 429, connection error: retry the same request
};
QString cancelOutcomeKey(CancelOutcome outcome);

// What the operator should do after a rejection (PROVIDERS.md §2.5 table).
enum class Guidance {
    None,
    Refund,              // CANCEL_WINDOW_EXCEED, not cancellable: refund instead
    CheckPaymentId,      // ORDER_NOT_EXIST / not_found
    CheckStatus,         // ORDER_STATUS_INVALID: inquire, show state, contact support
    AlreadyRefunded,     // PROCESS_FAIL
    FixConfiguration,    // CLIENT_INVALID, INVALID_SIGNATURE, KEY_NOT_FOUND, …
    FundMerchantBalance, // MERCHANT_BALANCE_NOT_ENOUGH
    RetryLater,          // rate limits
    ContactSupport,      // U three times, unknown codes
};
QString guidanceKey(Guidance guidance);
QString guidanceText(Guidance guidance); // translated

struct CancelRequest
{
    QString paymentId;
    QString merchantReference;
    // The journaled key (UQPAY x-idempotency-key). Antom and Liquido retries
    // are idempotent by payment id; the backend must send identical bytes for
    // the same request.
    QString idempotencyKey;
    Domain::CancelReason reason = Domain::CancelReason::RequestedByCustomer;
};

struct ListRequest
{
    QDateTime fromUtc; // exclusive bounds, as UQPAY documents
    QDateTime toUtc;
    int page = 1;       // 1-based
    int pageSize = 100; // 1..100
};

struct ProviderResult
{
    ProviderFailure failure;
    // retrieve, and cancel when the answer carries the payment.
    std::optional<Domain::Order> order;
    // list
    QList<Domain::Order> orders;
    int page = 0;
    int totalPages = 0;
    qint64 totalItems = 0;
    // cancel
    CancelOutcome outcome = CancelOutcome::Unknown;
    Guidance guidance = Guidance::None;
    QDateTime cancelTime; // UTC, when the provider gave one
    // As answered, also on success ("SUCCESS", "S", …).
    QString providerCode;
    QString providerMessage;
    int httpStatus = 0;
    qint64 latencyMs = 0;

    bool ok() const { return !failure.isFailure(); }
};

} // namespace CancelDesk::Providers

Q_DECLARE_METATYPE(CancelDesk::Providers::ProviderResult)

namespace CancelDesk::Providers {

// One provider call in flight; delivers finished() exactly once and deletes
// itself afterwards. abort() delivers a Transport/Aborted failure.
class ProviderCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderCall)

public:
    explicit ProviderCall(QObject *parent = nullptr);
    ~ProviderCall() override;

    void abort();
    bool isFinished() const { return m_delivered; }

    // For backends: the HTTP call currently serving this call (token fetch,
    // then the request itself); abort() aborts it.
    void setCurrent(HttpCall *call);
    // Delivers once; later calls are ignored. Emits on the next event-loop turn
    // when called synchronously from send, so callers can always connect first.
    void deliver(ProviderResult result);
    // Convenience: deliver a failure asynchronously.
    void fail(ProviderFailure failure);

Q_SIGNALS:
    void finished(const CancelDesk::Providers::ProviderResult &result);

private:
    QPointer<HttpCall> m_current;
    bool m_delivered = false;
    bool m_aborted = false;
};

// One payment provider. Backends build requests and parse answers; the
// HttpClient they are given does the transport.
class PaymentProvider : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentProvider)

public:
    explicit PaymentProvider(QObject *parent = nullptr);
    ~PaymentProvider() override;

    virtual Domain::Provider kind() const = 0;
    virtual ProviderCall *retrieve(const QString &paymentId) = 0;
    virtual ProviderCall *cancel(const CancelRequest &request) = 0;
    virtual bool supportsListing() const { return false; }
    // Default: delivers FailureKind::Unsupported.
    virtual ProviderCall *list(const ListRequest &request);
};

} // namespace CancelDesk::Providers
