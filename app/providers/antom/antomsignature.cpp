#include "antomsignature.h"

#include <QCoreApplication>
#include <QList>

#include <limits>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace CancelDesk::Providers::Antom {

namespace {

// RAII for every OpenSSL object this file touches.
struct PkeyDeleter
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxDeleter
{
    void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
};
struct BioDeleter
{
    void operator()(BIO *p) const { BIO_free_all(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

// A private byte buffer that is wiped when it goes out of scope. Reserved up
// front so that appending never reallocates and leaves stray copies behind.
class WipedBytes
{
public:
    explicit WipedBytes(qsizetype capacity) { m_bytes.reserve(capacity); }
    ~WipedBytes() { wipe(m_bytes); }
    Q_DISABLE_COPY_MOVE(WipedBytes)

    QByteArray &bytes() { return m_bytes; }
    static void wipe(QByteArray &bytes)
    {
        if (!bytes.isEmpty() && !bytes.isDetached())
            return; // shared: the other owner still needs it; it is not ours to wipe
        if (!bytes.isEmpty())
            OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }

private:
    QByteArray m_bytes;
};

// Keys are small; anything bigger is not a key and is refused before parsing.
constexpr qsizetype kMaxKeyInput = qsizetype(64) * 1024;
constexpr int kMinRsaBits = 2048;

QString keyText(const char *text)
{
    return QCoreApplication::translate("AntomKey", text);
}

// A PEM with a passphrase must never make OpenSSL prompt on the terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

BioPtr readOnlyBio(const QByteArray &data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_ctrl(bio, BIO_CTRL_INFO, 0, static_cast<void *>(&data));
    if (size <= 0 || data == nullptr)
        return {};
    return QByteArray(data, qsizetype(size));
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

// Percent-decoding that leaves '+' alone: a base64 value never holds a space,
// so a '+' is a raw base64 character (Antom and its SDKs send the value
// URL-encoded, some proxies and older integrations send it raw).
std::optional<QByteArray> percentDecode(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '%') {
            out.append(c);
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        if (!isHexDigit(text[i + 1]) || !isHexDigit(text[i + 2]))
            return std::nullopt;
        out.append(char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
        i += 2;
    }
    return out;
}

// Java's URLEncoder (what Antom's SDK uses): unreserved are A–Z a–z 0–9 . - * _,
// a space becomes '+', everything else %XX in upper case.
QByteArray javaUrlEncode(QByteArrayView text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
            || c == '-' || c == '*' || c == '_') {
            out.append(c);
        } else if (c == ' ') {
            out.append('+');
        } else {
            out.append('%');
            out.append(kHex[u >> 4]);
            out.append(kHex[u & 0x0f]);
        }
    }
    return out;
}

KeyLoadResult failed(QString error)
{
    // Whatever OpenSSL queued while parsing must not surface later, elsewhere.
    ERR_clear_error();
    return KeyLoadResult{nullptr, std::move(error)};
}

// The key must be RSA with at least 2048 bits (Antom's keys are 2048-bit).
QString checkRsa(EVP_PKEY *pkey)
{
    if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA)
        return keyText("The key is not an RSA key; Antom uses RSA keys.");
    const int bits = EVP_PKEY_get_bits(pkey);
    if (bits < kMinRsaBits)
        return QCoreApplication::translate("AntomKey",
                                           "The RSA key has only %1 bits; at least %2 are needed.")
            .arg(bits)
            .arg(kMinRsaBits);
    return {};
}

} // namespace

struct RsaKey::Impl
{
    PkeyPtr pkey;
    bool isPrivate = false;
};

RsaKey::RsaKey(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

RsaKey::~RsaKey() = default;

KeyLoadResult RsaKey::loadPrivate(const Secret &pemOrBase64)
{
    const QByteArray &input = pemOrBase64.reveal();
    if (input.trimmed().isEmpty())
        return failed(keyText("No private key is configured."));
    if (input.size() > kMaxKeyInput)
        return failed(keyText("The private key could not be read: the file is far too large."));

    PkeyPtr pkey;
    if (input.contains("-----BEGIN")) {
        if (input.contains("ENCRYPTED"))
            return failed(keyText("The private key is protected by a passphrase; CancelDesk "
                                  "needs it unencrypted (keep the file private instead)."));
        if (input.contains("PUBLIC KEY-----") && !input.contains("PRIVATE KEY-----"))
            return failed(keyText("This is a public key; the merchant private key is needed."));
        // Read in place: no copy of the key text is made.
        const BioPtr bio = readOnlyBio(input);
        if (!bio)
            return failed(keyText("The private key could not be read."));
        pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr));
    } else {
        // Antom's dashboard form: bare base64 DER (PKCS#8, or PKCS#1), possibly
        // wrapped over lines. Both intermediate buffers are wiped.
        WipedBytes compact(input.size());
        for (const char c : input) {
            if (!isSpace(c))
                compact.bytes().append(c);
        }
        WipedBytes der(0);
        auto decoded = QByteArray::fromBase64Encoding(compact.bytes(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            WipedBytes::wipe(decoded.decoded);
            return failed(keyText("The private key could not be read: it is neither PEM nor "
                                  "base64."));
        }
        der.bytes() = std::move(decoded.decoded);
        const auto *p = reinterpret_cast<const unsigned char *>(der.bytes().constData());
        pkey.reset(d2i_AutoPrivateKey(nullptr, &p, long(der.bytes().size())));
    }
    if (!pkey)
        return failed(keyText("The private key could not be read: it is not a valid, "
                              "unencrypted RSA private key."));
    if (const QString problem = checkRsa(pkey.get()); !problem.isEmpty())
        return failed(problem);

    ERR_clear_error();
    auto impl = std::make_unique<Impl>();
    impl->pkey = std::move(pkey);
    impl->isPrivate = true;
    return KeyLoadResult{std::shared_ptr<const RsaKey>(new RsaKey(std::move(impl))), {}};
}

KeyLoadResult RsaKey::loadPublic(const QByteArray &pemOrBase64)
{
    if (pemOrBase64.trimmed().isEmpty())
        return failed(keyText("No public key is configured."));
    if (pemOrBase64.size() > kMaxKeyInput)
        return failed(keyText("The public key could not be read: the file is far too large."));

    PkeyPtr pkey;
    if (pemOrBase64.contains("-----BEGIN")) {
        if (pemOrBase64.contains("PRIVATE KEY-----"))
            return failed(keyText("This is a private key; Antom's public key is needed here. "
                                  "Keep the private key secret."));
        const BioPtr bio = readOnlyBio(pemOrBase64);
        if (!bio)
            return failed(keyText("The public key could not be read."));
        pkey.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, &noPassphrase, nullptr));
    } else {
        QByteArray compact;
        compact.reserve(pemOrBase64.size());
        for (const char c : pemOrBase64) {
            if (!isSpace(c))
                compact.append(c);
        }
        const auto decoded =
            QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return failed(keyText("The public key could not be read: it is neither PEM nor "
                                  "base64."));
        const auto *p = reinterpret_cast<const unsigned char *>(decoded.decoded.constData());
        pkey.reset(d2i_PUBKEY(nullptr, &p, long(decoded.decoded.size())));
    }
    if (!pkey)
        return failed(keyText("The public key could not be read: it is not an X.509 "
                              "(SubjectPublicKeyInfo) RSA public key."));
    if (const QString problem = checkRsa(pkey.get()); !problem.isEmpty())
        return failed(problem);

    ERR_clear_error();
    auto impl = std::make_unique<Impl>();
    impl->pkey = std::move(pkey);
    impl->isPrivate = false;
    return KeyLoadResult{std::shared_ptr<const RsaKey>(new RsaKey(std::move(impl))), {}};
}

std::shared_ptr<const RsaKey> RsaKey::generate()
{
    // EVP_RSA_gen() is a macro with a C cast; the explicit context is equivalent.
    const PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0
        || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), kMinRsaBits) <= 0) {
        ERR_clear_error();
        return nullptr;
    }
    EVP_PKEY *raw = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &raw) <= 0) {
        ERR_clear_error();
        return nullptr;
    }
    auto impl = std::make_unique<Impl>();
    impl->pkey.reset(raw);
    impl->isPrivate = true;
    return std::shared_ptr<const RsaKey>(new RsaKey(std::move(impl)));
}

bool RsaKey::isPrivate() const
{
    return m_impl->isPrivate;
}

int RsaKey::bits() const
{
    return EVP_PKEY_get_bits(m_impl->pkey.get());
}

Secret RsaKey::privatePem() const
{
    if (!m_impl->isPrivate)
        return {};
    // A secure-memory BIO clears its buffer when freed.
    const BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), m_impl->pkey.get(), nullptr, nullptr, 0, nullptr,
                                    nullptr)
               != 1) {
        ERR_clear_error();
        return {};
    }
    return Secret(bioContents(bio.get()));
}

QByteArray RsaKey::publicPem() const
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_impl->pkey.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

QByteArray RsaKey::sign(const QByteArray &content) const
{
    if (!m_impl->isPrivate)
        return {};
    const MdCtxPtr md(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by md
    size_t length = 0;
    if (!md || EVP_DigestSignInit(md.get(), &pctx, EVP_sha256(), nullptr, m_impl->pkey.get()) != 1
        || EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) <= 0
        || EVP_DigestSign(md.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(content.constData()),
                          size_t(content.size()))
               != 1) {
        ERR_clear_error();
        return {};
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(content.constData()),
                       size_t(content.size()))
        != 1) {
        ERR_clear_error();
        return {};
    }
    signature.truncate(qsizetype(length));
    return signature;
}

bool RsaKey::verify(const QByteArray &content, const QByteArray &rawSignature) const
{
    if (rawSignature.isEmpty())
        return false;
    const MdCtxPtr md(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by md
    const bool ok =
        md && EVP_DigestVerifyInit(md.get(), &pctx, EVP_sha256(), nullptr, m_impl->pkey.get()) == 1
        && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) > 0
        && EVP_DigestVerify(
               md.get(), reinterpret_cast<const unsigned char *>(rawSignature.constData()),
               size_t(rawSignature.size()),
               reinterpret_cast<const unsigned char *>(content.constData()), size_t(content.size()))
               == 1;
    ERR_clear_error(); // a failed verification queues an error
    return ok;
}

QByteArray signingContent(const QByteArray &method, const QByteArray &path,
                          const QByteArray &clientId, const QByteArray &time,
                          const QByteArray &body)
{
    QByteArray content;
    content.reserve(method.size() + path.size() + clientId.size() + time.size() + body.size() + 4);
    content.append(method).append(' ').append(path).append('\n');
    content.append(clientId).append('.').append(time).append('.').append(body);
    return content;
}

QByteArray encodeSignatureValue(const QByteArray &rawSignature)
{
    return javaUrlEncode(rawSignature.toBase64());
}

std::optional<QByteArray> decodeSignatureValue(QByteArrayView value)
{
    const std::optional<QByteArray> base64 = percentDecode(value.trimmed());
    if (!base64 || base64->isEmpty())
        return std::nullopt;
    const auto decoded =
        QByteArray::fromBase64Encoding(*base64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

std::optional<SignatureHeader> parseSignatureHeader(const QByteArray &header)
{
    SignatureHeader parsed;
    bool haveAlgorithm = false;
    bool haveVersion = false;
    bool haveSignature = false;
    for (const QByteArray &rawPart : header.split(',')) {
        const QByteArray part = rawPart.trimmed();
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        const QByteArray name = part.left(eq).trimmed().toLower();
        const QByteArray value = part.mid(eq + 1).trimmed();
        // A repeated field is ambiguous: which one would the other side check?
        if (name == "algorithm") {
            if (haveAlgorithm)
                return std::nullopt;
            haveAlgorithm = true;
            parsed.algorithm = value;
        } else if (name == "keyversion") {
            if (haveVersion)
                return std::nullopt;
            haveVersion = true;
            bool ok = false;
            const int version = value.toInt(&ok);
            if (!ok || version < 0)
                return std::nullopt;
            parsed.keyVersion = version;
        } else if (name == "signature") {
            if (haveSignature)
                return std::nullopt;
            haveSignature = true;
            std::optional<QByteArray> raw = decodeSignatureValue(value);
            if (!raw)
                return std::nullopt;
            parsed.signature = std::move(*raw);
        }
        // Unknown fields are ignored: Antom may add some.
    }
    if (!haveSignature)
        return std::nullopt;
    return parsed;
}

QByteArray formatSignatureHeader(const QByteArray &rawSignature, int keyVersion)
{
    return QByteArrayLiteral("algorithm=RSA256,keyVersion=") + QByteArray::number(keyVersion)
           + QByteArrayLiteral(",signature=") + encodeSignatureValue(rawSignature);
}

} // namespace CancelDesk::Providers::Antom
