#pragma once

#include "domain/provider.h"
#include "httpclient.h"
#include "paymentprovider.h"
#include "providerconfig.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <optional>

namespace CancelDesk::Providers {

// Everything needed to talk to the providers. A provider without a config is
// simply not available.
struct ProviderSettings
{
    HttpClientOptions http;
    std::optional<UqpayConfig> uqpay;
    std::optional<AntomConfig> antom;
    std::optional<LiquidoConfig> liquido;
};

// What canceldesk-sandbox announces on its first stdout line (PRODUCT.md F19).
struct SandboxAnnouncement
{
    int port = 0;
    ProviderSettings settings;
    QHash<Domain::Provider, QStringList> demoIds;
    QString error; // translated; empty on success

    bool ok() const { return error.isEmpty(); }
};

// Parses the announcement line and reads the key files it names. Refuses
// anything that is not loopback HTTP: this is for the sandbox only.
SandboxAnnouncement parseSandboxAnnouncement(const QByteArray &jsonLine);

// Owns the one HttpClient and a backend per configured provider; the
// composition roots (GUI main, CLI main, tests) create one.
class ProviderRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderRegistry)

public:
    explicit ProviderRegistry(const ProviderSettings &settings, QObject *parent = nullptr);
    ~ProviderRegistry() override;

    // Null when the provider is not configured.
    PaymentProvider *provider(Domain::Provider provider) const;
    QList<Domain::Provider> configured() const;
    HttpClient &http() { return *m_http; }

private:
    HttpClient *m_http = nullptr;
    QHash<Domain::Provider, PaymentProvider *> m_providers;
};

} // namespace CancelDesk::Providers
