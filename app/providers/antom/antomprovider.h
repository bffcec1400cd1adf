#pragma once

#include "providers/paymentprovider.h"
#include "providers/providerconfig.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace CancelDesk::Providers::Antom {

class RsaKey;

// Antom AMS v1 (PROVIDERS.md §2): inquiryPayment and cancel, each a signed
// JSON POST to {base}{/ams/api or /ams/sandbox/api}/v1/payments/…. Requests
// are signed with the merchant private key; when Antom's public key is
// configured every response must carry a valid signature, or its body is never
// trusted (FailureKind::Protocol, a cancel's outcome stays Unknown).
class AntomProvider final : public PaymentProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AntomProvider)

public:
    AntomProvider(AntomConfig config, HttpClient &http, QObject *parent = nullptr);
    ~AntomProvider() override;

    Domain::Provider kind() const override { return Domain::Provider::Antom; }
    // POST …/v1/payments/inquiryPayment with {"paymentId": …}.
    ProviderCall *retrieve(const QString &paymentId) override;
    // POST …/v1/payments/cancel. Antom has no idempotency header: a retry is
    // the identical body (cancelBody()), with a fresh Request-Time and Signature.
    ProviderCall *cancel(const CancelRequest &request) override;

    // A translated description of what keeps this backend from working (no or
    // an unreadable private key, an unreadable Antom public key, a bad base
    // URL, no client id); empty when it is ready. Calls fail with
    // FailureKind::Configuration, without touching the network, until fixed.
    QString configurationError() const { return m_configError; }
    bool verifiesResponses() const { return m_antomKey != nullptr; }

    // The request bodies, deterministic for the same input so that a resent
    // cancel is byte-for-byte the first one: {"paymentId":"…"}, or
    // {"paymentRequestId":"…"} when only the merchant reference is known
    // (paymentId wins at Antom anyway, so it is never sent with it).
    static QByteArray cancelBody(const CancelRequest &request);
    static QByteArray inquiryBody(const QString &paymentId);

    // For tests: the clock that stamps Request-Time (epoch milliseconds).
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }

private:
    enum class Operation { Inquiry, Cancel };
    ProviderCall *post(Operation operation, const QByteArray &endpoint, const QByteArray &body,
                       const QString &expectedPaymentId);

    AntomConfig m_config;
    HttpClient &m_http;
    std::shared_ptr<const RsaKey> m_privateKey;
    std::shared_ptr<const RsaKey> m_antomKey;
    QString m_configError;
    std::function<qint64()> m_nowMs;
};

} // namespace CancelDesk::Providers::Antom
