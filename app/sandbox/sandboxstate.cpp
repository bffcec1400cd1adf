#include "sandboxstate.h"

#include "simtypes.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

using Providers::Secret;
using Providers::Antom::RsaKey;

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kReadable =
    kOwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther;

bool writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    // Before any byte is written, so a private key is never readable by others.
    if (!file.setPermissions(permissions))
        return false;
    file.write(bytes);
    return file.commit();
}

std::optional<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

// Loads a key pair from <name>_private.pem / <name>_public.pem, generating it
// when either file is missing.
QString loadPair(const QString &directory, const QString &name,
                 std::shared_ptr<const RsaKey> *privateKey,
                 std::shared_ptr<const RsaKey> *publicKey, QString *privateFile,
                 QString *publicFile)
{
    *privateFile = QDir(directory).filePath(name + "_private.pem"_L1);
    *publicFile = QDir(directory).filePath(name + "_public.pem"_L1);
    if (QFile::exists(*privateFile) && QFile::exists(*publicFile)) {
        const auto privatePem = readFile(*privateFile);
        const auto publicPem = readFile(*publicFile);
        if (!privatePem || !publicPem)
            return u"cannot read %1"_s.arg(*privateFile);
        QFile::setPermissions(*privateFile, kOwnerOnly);
        const auto loadedPrivate = RsaKey::loadPrivate(Secret(*privatePem));
        const auto loadedPublic = RsaKey::loadPublic(*publicPem);
        if (!loadedPrivate.ok())
            return u"%1: %2"_s.arg(*privateFile, loadedPrivate.error);
        if (!loadedPublic.ok())
            return u"%1: %2"_s.arg(*publicFile, loadedPublic.error);
        *privateKey = loadedPrivate.key;
        *publicKey = loadedPublic.key;
        return {};
    }
    const auto generated = RsaKey::generate();
    if (!generated)
        return u"cannot generate the %1 key pair"_s.arg(name);
    const auto loadedPublic = RsaKey::loadPublic(generated->publicPem());
    if (!loadedPublic.ok())
        return u"cannot export the %1 public key"_s.arg(name);
    if (!writeFile(*privateFile, generated->privatePem().reveal(), kOwnerOnly))
        return u"cannot write %1"_s.arg(*privateFile);
    if (!writeFile(*publicFile, generated->publicPem(), kReadable))
        return u"cannot write %1"_s.arg(*publicFile);
    *privateKey = generated;
    *publicKey = loadedPublic.key;
    return {};
}

SandboxCredentials newCredentials()
{
    SandboxCredentials c;
    c.uqpayClientId = QString::fromLatin1("sbx" + randomHex(10));
    c.uqpayApiKey = Secret(randomHex(24));
    c.uqpayWebhookSecret = Secret("whsec_" + randomHex(24));
    c.antomClientId = QString::fromLatin1("SANDBOX_" + randomHex(8).toUpper());
    c.liquidoClientId = QString::fromLatin1("sbx-" + randomHex(12));
    c.liquidoClientSecret = Secret(randomHex(24));
    c.liquidoApiKey = Secret(randomHex(20));
    return c;
}

QJsonObject toJson(const SandboxCredentials &c)
{
    return QJsonObject{
        {"uqpay_client_id"_L1, c.uqpayClientId},
        {"uqpay_api_key"_L1, QString::fromLatin1(c.uqpayApiKey.reveal())},
        {"uqpay_webhook_secret"_L1, QString::fromLatin1(c.uqpayWebhookSecret.reveal())},
        {"antom_client_id"_L1, c.antomClientId},
        {"liquido_client_id"_L1, c.liquidoClientId},
        {"liquido_client_secret"_L1, QString::fromLatin1(c.liquidoClientSecret.reveal())},
        {"liquido_api_key"_L1, QString::fromLatin1(c.liquidoApiKey.reveal())},
    };
}

std::optional<SandboxCredentials> fromJson(const QJsonObject &o)
{
    SandboxCredentials c;
    c.uqpayClientId = o.value("uqpay_client_id"_L1).toString();
    c.uqpayApiKey = Secret(o.value("uqpay_api_key"_L1).toString().toLatin1());
    c.uqpayWebhookSecret = Secret(o.value("uqpay_webhook_secret"_L1).toString().toLatin1());
    c.antomClientId = o.value("antom_client_id"_L1).toString();
    c.liquidoClientId = o.value("liquido_client_id"_L1).toString();
    c.liquidoClientSecret = Secret(o.value("liquido_client_secret"_L1).toString().toLatin1());
    c.liquidoApiKey = Secret(o.value("liquido_api_key"_L1).toString().toLatin1());
    if (c.uqpayClientId.isEmpty() || c.uqpayApiKey.isEmpty() || c.uqpayWebhookSecret.isEmpty()
        || !c.antomClientId.startsWith("SANDBOX_"_L1) || c.liquidoClientId.isEmpty()
        || c.liquidoClientSecret.isEmpty() || c.liquidoApiKey.isEmpty())
        return std::nullopt;
    return c;
}

} // namespace

StateLoadResult loadOrCreateState(const QString &directory)
{
    StateLoadResult result;
    SandboxState &state = result.state;
    state.directory = QDir(directory).absolutePath();
    if (!QDir().mkpath(state.directory)) {
        result.error = u"cannot create the state directory %1"_s.arg(state.directory);
        return result;
    }

    const QString credentialsFile = QDir(state.directory).filePath(u"credentials.json"_s);
    std::optional<SandboxCredentials> credentials;
    if (const auto bytes = readFile(credentialsFile)) {
        credentials = fromJson(QJsonDocument::fromJson(*bytes).object());
        if (!credentials) {
            result.error = u"%1 is not a sandbox credentials file"_s.arg(credentialsFile);
            return result;
        }
        QFile::setPermissions(credentialsFile, kOwnerOnly);
    } else {
        credentials = newCredentials();
        if (!writeFile(credentialsFile,
                       QJsonDocument(toJson(*credentials)).toJson(QJsonDocument::Indented),
                       kOwnerOnly)) {
            result.error = u"cannot write %1"_s.arg(credentialsFile);
            return result;
        }
    }
    state.credentials = *credentials;

    std::shared_ptr<const RsaKey> merchantPrivate;
    std::shared_ptr<const RsaKey> antomPublic;
    result.error =
        loadPair(state.directory, u"merchant"_s, &merchantPrivate, &state.merchantPublicKey,
                 &state.merchantPrivateKeyFile, &state.merchantPublicKeyFile);
    if (!result.ok())
        return result;
    result.error = loadPair(state.directory, u"antom"_s, &state.antomPrivateKey, &antomPublic,
                            &state.antomPrivateKeyFile, &state.antomPublicKeyFile);
    return result;
}

} // namespace CancelDesk::Sandbox
