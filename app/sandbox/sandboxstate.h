#pragma once

#include "providers/antom/antomsignature.h"
#include "providers/secret.h"

#include <QString>

#include <memory>

namespace CancelDesk::Sandbox {

// The sandbox's credentials. They are sandbox-only values, but they are
// handled like real ones (Secret) so that no habit of printing them forms.
struct SandboxCredentials
{
    QString uqpayClientId;
    Providers::Secret uqpayApiKey;
    // HMAC-SHA512 key of UQPAY webhooks (x-wk-signature).
    Providers::Secret uqpayWebhookSecret;
    QString antomClientId; // "SANDBOX_…"
    QString liquidoClientId;
    Providers::Secret liquidoClientSecret;
    Providers::Secret liquidoApiKey;
};

// What --state-dir keeps between runs: credentials.json and two RSA key pairs,
// the merchant's (the client signs with its private half, the sandbox verifies
// with the public half) and "Antom"'s (the sandbox signs responses, the client
// verifies). Private keys and credentials are written mode 0600.
struct SandboxState
{
    QString directory;
    SandboxCredentials credentials;
    std::shared_ptr<const Providers::Antom::RsaKey> merchantPublicKey;
    std::shared_ptr<const Providers::Antom::RsaKey> antomPrivateKey;
    QString merchantPrivateKeyFile;
    QString merchantPublicKeyFile;
    QString antomPrivateKeyFile;
    QString antomPublicKeyFile;
};

struct StateLoadResult
{
    SandboxState state;
    QString error; // names the file; never key material
    bool ok() const { return error.isEmpty(); }
};

// Reads the state in directory, creating what is missing (the directory, keys,
// credentials). The same directory gives the same credentials and keys.
StateLoadResult loadOrCreateState(const QString &directory);

} // namespace CancelDesk::Sandbox
