#pragma once

#include "providers/httpclient.h"
#include "providers/paymentprovider.h"
#include "providers/providerconfig.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace CancelDesk::Providers::Uqpay {

// UQPAY Global Acquiring (PROVIDERS.md §1). One access token, fetched from one
// place: UQPAY allows a single active token per client and a new one revokes
// the old, so calls that need a token while it is being fetched wait for it.
// A 401 refreshes the token once and repeats the call once.
class UqpayProvider final : public PaymentProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UqpayProvider)

public:
    explicit UqpayProvider(UqpayConfig config, HttpClient &http, QObject *parent = nullptr);
    ~UqpayProvider() override;

    Domain::Provider kind() const override { return Domain::Provider::Uqpay; }
    ProviderCall *retrieve(const QString &paymentId) override;
    ProviderCall *cancel(const CancelRequest &request) override;
    bool supportsListing() const override { return true; }
    ProviderCall *list(const ListRequest &request) override;

    // How many token requests were sent (diagnostics).
    int tokenRequestCount() const { return m_tokenRequests; }

private:
    enum class OpKind { Retrieve, List, Cancel };
    struct Op
    {
        OpKind kind = OpKind::Retrieve;
        QPointer<ProviderCall> call;
        HttpRequest request; // built once: a repeat sends the same bytes
        QString paymentId;   // retrieve/cancel: the id the answer must carry
        int page = 0;
        int tokenGeneration = -1;
        int retriesAfter401 = 0; // token refreshes for this call
        QElapsedTimer timer;
    };
    using OpPtr = std::shared_ptr<Op>;

    ProviderCall *start(const OpPtr &op);
    bool tokenUsable() const;
    void dispatch(const OpPtr &op);
    void sendWithToken(const OpPtr &op);
    void fetchToken();
    void onApiResult(const OpPtr &op, const HttpResult &result);
    // A 401: another process may have taken the token; fetch one and resend.
    void retryWithNewToken(const OpPtr &op);
    void giveUpAfter401(const OpPtr &op, const HttpResponse &response);
    // Any answer but a 401, parsed for the op's kind.
    void deliverAnswer(const OpPtr &op, const HttpResponse &response);
    void finish(const OpPtr &op, ProviderResult result);
    void fail(const OpPtr &op, ProviderFailure failure);
    static ProviderResult failureResult(const OpPtr &op, ProviderFailure failure);
    QString configurationProblem() const;
    HeaderList apiHeaders() const;

    UqpayConfig m_config;
    HttpClient &m_http;
    QByteArray m_token; // never logged
    QDeadlineTimer m_tokenRefreshAt;
    int m_tokenGeneration = 0;
    QPointer<HttpCall> m_tokenCall;
    QList<OpPtr> m_waitingForToken;
    int m_tokenRequests = 0;
};

} // namespace CancelDesk::Providers::Uqpay
