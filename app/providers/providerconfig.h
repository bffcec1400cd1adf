#pragma once

#include "secret.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

namespace CancelDesk::Providers {

// Connection settings per provider (PRODUCT.md §10 config keys). Secrets are
// held as Secret so that they never print.

struct UqpayConfig
{
    // Without /api: paths are /api/v1/connect/token and /api/v2/payment_intents/….
    QUrl baseUrl;
    QString clientId;
    Secret apiKey;
    QString onBehalfOf; // x-on-behalf-of; empty = master account
};

struct AntomConfig
{
    // Host only: paths are /ams/api/v1/payments/… (/ams/sandbox/api/… in sandbox).
    QUrl baseUrl;
    QString clientId;
    bool sandbox = false;
    int keyVersion = 1;
    Secret merchantPrivateKey; // PEM (PKCS#8) or Antom's bare base64
    // Antom's public key; when set, every response signature is verified and
    // an unsigned or forged response is never trusted.
    QByteArray antomPublicKey;
    // The clock (epoch milliseconds) that stamps Request-Time and judges
    // Antom's response-time; empty: the system clock. A test clock that
    // drives the in-process sandbox drives this too.
    std::function<qint64()> clockMs;

    // "/ams/sandbox/api" when sandbox is set or the client id starts with
    // SANDBOX_ (as Antom's SDKs do), else "/ams/api".
    QByteArray apiPathPrefix() const
    {
        return sandbox || clientId.startsWith(QLatin1String("SANDBOX_")) ? "/ams/sandbox/api"
                                                                         : "/ams/api";
    }
};

struct LiquidoConfig
{
    QUrl baseUrl;
    QUrl authUrl; // full token URL, e.g. https://auth-dev.liquido.com/oauth2/token
    QString clientId;
    Secret clientSecret;
    Secret apiKey;
};

} // namespace CancelDesk::Providers
