#pragma once

#include "providers/httpclient.h"
#include "providers/paymentprovider.h"
#include "providers/providerconfig.h"
#include "providers/secret.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace CancelDesk::Providers::Liquido {

// Liquido Brazil pay-in (PROVIDERS.md §3): OAuth client credentials, then
// retrieve (GET /v1/payments/charges/{key}) and cancel
// (POST /v1/payments/charges/cancel/{key}). There is no list API.
//
// The access token is cached until shortly before it expires
// (tokenReuseFor()); only one token request is in flight at a time and the
// calls that need a token meanwhile wait for it. A 401 on an API call
// refreshes the token once and repeats the call once; a second 401 is an
// Authentication failure.
class LiquidoProvider final : public PaymentProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiquidoProvider)

public:
    explicit LiquidoProvider(LiquidoConfig config, HttpClient &http, QObject *parent = nullptr);
    ~LiquidoProvider() override;

    Domain::Provider kind() const override;
    ProviderCall *retrieve(const QString &paymentId) override;
    // Uses request.paymentId (the charge's idempotencyKey) in the path; the
    // journaled request.idempotencyKey is not sent: Liquido's cancel is
    // idempotent by the charge key.
    ProviderCall *cancel(const CancelRequest &request) override;
    bool supportsListing() const override { return false; }

    // The body of every cancel POST. No body is documented; Liquido's own Node
    // SDK posts "{}" with Content-Type application/json, and an empty JSON body
    // is refused by some frameworks, so "{}" it is — the same bytes on every
    // retry.
    static QByteArray cancelBody();

    // Per-request transfer timeout; 0 (default) uses the HttpClient's.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_requestTimeout = timeout; }
    // Forget the cached token, e.g. after the credentials changed.
    void clearToken();

private:
    enum class Operation { Retrieve, Cancel };
    struct Attempt;
    struct TokenGrant
    {
        ProviderFailure failure;
        QByteArray token;
        quint64 generation = 0;
    };
    using TokenWaiter = std::function<void(const TokenGrant &)>;

    ProviderCall *start(Operation operation, const QString &paymentId);
    void send(ProviderCall *call, const std::shared_ptr<Attempt> &attempt);
    void withToken(ProviderCall *call, TokenWaiter waiter);
    void requestToken();
    void onTokenFinished(const HttpResult &result);
    HttpRequest apiRequest(const Attempt &attempt, const QByteArray &token) const;
    ProviderFailure configurationProblem() const;

    LiquidoConfig m_config;
    HttpClient &m_http;
    std::chrono::milliseconds m_requestTimeout{0};

    Secret m_token;
    QDeadlineTimer m_tokenReusableUntil{0};
    // Bumped with every new token, so that a late 401 for an old token does not
    // throw away a newer one.
    quint64 m_tokenGeneration = 0;
    QPointer<HttpCall> m_tokenCall;
    struct Waiter
    {
        QPointer<ProviderCall> call;
        TokenWaiter resume;
    };
    QList<Waiter> m_waiters;
};

} // namespace CancelDesk::Providers::Liquido
