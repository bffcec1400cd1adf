#pragma once

#include "providers/secret.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace CancelDesk::Providers::Antom {

// Antom's RSA256 message signatures (PROVIDERS.md §2.2), through OpenSSL 3:
// SHA-256 with RSA PKCS#1 v1.5 over
//     "<METHOD> <PATH>\n<Client-Id>.<Request-Time or Response-Time>.<raw body>"
// where PATH includes /ams/api (or /ams/sandbox/api). The signature is standard
// base64, then URL-encoded, in a header
//     Signature: algorithm=RSA256,keyVersion=1,signature=<url-encoded base64>
// Used by the Antom backend (sign requests, verify responses) and by the
// sandbox (verify requests, sign responses).

// The exact bytes that are signed.
QByteArray signingContent(const QByteArray &method, const QByteArray &path,
                          const QByteArray &clientId, const QByteArray &time,
                          const QByteArray &body);

struct SignatureHeader
{
    QByteArray algorithm; // "RSA256"
    int keyVersion = 0;   // 0 when absent
    QByteArray signature; // raw signature bytes (URL- and base64-decoded)
};

// Parses "algorithm=RSA256,keyVersion=1,signature=…" (order and spaces free,
// names case-insensitive). nullopt when malformed or the signature part is
// missing or not valid base64 after URL-decoding.
std::optional<SignatureHeader> parseSignatureHeader(const QByteArray &header);
// Formats the header value from raw signature bytes.
QByteArray formatSignatureHeader(const QByteArray &rawSignature, int keyVersion);

// The signature= value alone: base64, then URL-encoded as Java's URLEncoder
// does ('+' -> %2B, '/' -> %2F, '=' -> %3D).
QByteArray encodeSignatureValue(const QByteArray &rawSignature);
// The reverse, tolerant of a raw (not URL-encoded) base64 value; nullopt when
// the percent-encoding or the base64 is malformed, or the result is empty.
std::optional<QByteArray> decodeSignatureValue(QByteArrayView value);

class RsaKey;

struct KeyLoadResult
{
    std::shared_ptr<const RsaKey> key;
    QString error; // translated; never contains key material
    bool ok() const { return key != nullptr; }
};

// An RSA key (private for signing, public for verifying). Immutable, shareable.
class RsaKey
{
public:
    ~RsaKey();
    // PEM: PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"; public: SPKI "PUBLIC
    // KEY". Also accepts Antom's dashboard form: bare base64 DER without PEM
    // armour. Refuses non-RSA keys and keys shorter than 2048 bits.
    static KeyLoadResult loadPrivate(const Secret &pemOrBase64);
    static KeyLoadResult loadPublic(const QByteArray &pemOrBase64);
    // Generates a 2048-bit key pair (the sandbox's merchant and "Antom" keys).
    static std::shared_ptr<const RsaKey> generate();

    bool isPrivate() const;
    int bits() const;
    // PEM exports (PKCS#8 private, SPKI public).
    Secret privatePem() const;
    QByteArray publicPem() const;

    // Raw signature bytes; empty on failure (e.g. a public key).
    QByteArray sign(const QByteArray &content) const;
    bool verify(const QByteArray &content, const QByteArray &rawSignature) const;

    struct Impl;

private:
    explicit RsaKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace CancelDesk::Providers::Antom
