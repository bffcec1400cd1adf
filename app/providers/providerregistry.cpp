#include "providerregistry.h"

#include "antom/antomprovider.h"
#include "liquido/liquidoprovider.h"
#include "uqpay/uqpayprovider.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace CancelDesk::Providers {
namespace {

// Under the context lupdate files them in (the namespace's): a helper named
// tr() with another context made lupdate and the run time disagree, and the
// messages stayed English.
QString announcementText(const char *text)
{
    return QCoreApplication::translate("CancelDesk::Providers", text);
}

// The announcement must point at this machine: it carries credentials, and
// a client configured from it must never send them elsewhere.
bool loopbackHttp(const QUrl &url)
{
    return url.isValid() && url.scheme() == u"http" && HttpClient::isLoopbackHost(url.host());
}

bool readFile(const QString &path, QByteArray *out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    *out = file.readAll();
    return true;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

SandboxAnnouncement parseSandboxAnnouncement(const QByteArray &jsonLine)
{
    SandboxAnnouncement result;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(jsonLine.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        result.error = announcementText(QT_TRANSLATE_NOOP(
            "CancelDesk::Providers", "The sandbox's first line is not a JSON object."));
        return result;
    }
    const QJsonObject root = doc.object();
    result.port = root.value(u"port").toInt();

    const QJsonObject uqpay = root.value(u"uqpay").toObject();
    const QJsonObject antom = root.value(u"antom").toObject();
    const QJsonObject liquido = root.value(u"liquido").toObject();

    UqpayConfig u;
    u.baseUrl = QUrl(uqpay.value(u"base_url").toString());
    u.clientId = uqpay.value(u"client_id").toString();
    u.apiKey = Secret(uqpay.value(u"api_key").toString().toUtf8());

    AntomConfig a;
    a.baseUrl = QUrl(antom.value(u"base_url").toString());
    a.clientId = antom.value(u"client_id").toString();
    a.keyVersion = antom.value(u"key_version").toInt(1);
    QByteArray privateKey;
    if (!readFile(antom.value(u"merchant_private_key_file").toString(), &privateKey)) {
        result.error = announcementText(QT_TRANSLATE_NOOP(
            "CancelDesk::Providers", "The sandbox's merchant private key file cannot be read."));
        return result;
    }
    a.merchantPrivateKey = Secret(privateKey);
    if (!readFile(antom.value(u"antom_public_key_file").toString(), &a.antomPublicKey)) {
        result.error = announcementText(QT_TRANSLATE_NOOP(
            "CancelDesk::Providers", "The sandbox's Antom public key file cannot be read."));
        return result;
    }

    LiquidoConfig l;
    l.baseUrl = QUrl(liquido.value(u"base_url").toString());
    l.authUrl = QUrl(liquido.value(u"auth_url").toString());
    l.clientId = liquido.value(u"client_id").toString();
    l.clientSecret = Secret(liquido.value(u"client_secret").toString().toUtf8());
    l.apiKey = Secret(liquido.value(u"api_key").toString().toUtf8());

    for (const QUrl &url : {u.baseUrl, a.baseUrl, l.baseUrl, l.authUrl}) {
        if (!loopbackHttp(url)) {
            result.error = announcementText(QT_TRANSLATE_NOOP(
                "CancelDesk::Providers",
                "The sandbox announced an address that is not on this computer."));
            return result;
        }
    }
    if (u.clientId.isEmpty() || a.clientId.isEmpty() || l.clientId.isEmpty()) {
        result.error = announcementText(QT_TRANSLATE_NOOP(
            "CancelDesk::Providers", "The sandbox's announcement lacks a client ID."));
        return result;
    }

    result.settings.uqpay = std::move(u);
    result.settings.antom = std::move(a);
    result.settings.liquido = std::move(l);
    const QJsonObject demo = root.value(u"demo").toObject();
    for (const Domain::Provider p : Domain::allProviders())
        result.demoIds.insert(p, stringList(demo.value(Domain::providerKey(p))));
    return result;
}

ProviderRegistry::ProviderRegistry(const ProviderSettings &settings, QObject *parent)
    : QObject(parent)
    , m_http(new HttpClient(settings.http, this))
{
    if (settings.uqpay)
        m_providers.insert(Domain::Provider::Uqpay,
                           new Uqpay::UqpayProvider(*settings.uqpay, *m_http, this));
    if (settings.antom)
        m_providers.insert(Domain::Provider::Antom,
                           new Antom::AntomProvider(*settings.antom, *m_http, this));
    if (settings.liquido)
        m_providers.insert(Domain::Provider::Liquido,
                           new Liquido::LiquidoProvider(*settings.liquido, *m_http, this));
}

ProviderRegistry::~ProviderRegistry() = default;

PaymentProvider *ProviderRegistry::provider(Domain::Provider provider) const
{
    return m_providers.value(provider, nullptr);
}

QList<Domain::Provider> ProviderRegistry::configured() const
{
    QList<Domain::Provider> list;
    for (const Domain::Provider p : Domain::allProviders()) {
        if (m_providers.contains(p))
            list.append(p);
    }
    return list;
}

} // namespace CancelDesk::Providers
