#pragma once

// Plain-HTTP helpers for the sandbox tests. They build requests from
// PROVIDERS.md, not from CancelDesk's provider backends, so the sandbox is
// checked against the documents rather than against our own clients.

#include "providers/antom/antomsignature.h"
#include "sandboxserver.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>
#include <QUuid>

#include <memory>
#include <optional>

namespace CancelDesk::SandboxTest {

using namespace Qt::Literals::StringLiterals;
using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Reply
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    bool isJson() const
    {
        QJsonParseError e;
        QJsonDocument::fromJson(body, &e);
        return e.error == QJsonParseError::NoError;
    }
};

class Http
{
public:
    Reply send(const QByteArray &verb, const QUrl &url, const Headers &headers = {},
               const QByteArray &body = {}, int timeoutMs = 20000)
    {
        QNetworkRequest request(url);
        request.setTransferTimeout(timeoutMs);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 10000);
        Reply result;
        result.error = reply->error();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen())
            result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return result;
    }

private:
    QNetworkAccessManager m_network;
};

// A sandbox without demo data, keeping its keys in stateDir, optionally on a
// fixed clock. Aborts the test program when it cannot listen.
inline std::unique_ptr<Sandbox::SandboxServer>
startSandbox(const QString &stateDir, const QDateTime &clock = {}, int asyncCancelDelayMs = 2000)
{
    auto server = std::make_unique<Sandbox::SandboxServer>();
    if (clock.isValid())
        server->setClock([clock] { return clock; });
    Sandbox::SandboxOptions options;
    options.stateDir = stateDir;
    options.seedDemo = false;
    options.asyncCancelDelayMs = asyncCancelDelayMs;
    if (server->start(options) == 0)
        qFatal("sandbox did not start: %s", qPrintable(server->errorString()));
    return server;
}

inline QUrl url(const Sandbox::SandboxServer &server, const QString &path,
                const QUrlQuery &query = {})
{
    QUrl u = server.baseUrl();
    u.setPath(path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

inline QString cfg(const Sandbox::SandboxServer &server, const QString &provider,
                   const QString &key)
{
    return server.config().value(provider).toObject().value(key).toString();
}

inline QByteArray newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

// --- UQPAY ---------------------------------------------------------------

inline QByteArray uqpayToken(Http &http, const Sandbox::SandboxServer &server)
{
    const Reply reply =
        http.send("POST", url(server, u"/api/v1/connect/token"_s),
                  {{"x-client-id", cfg(server, u"uqpay"_s, u"client_id"_s).toLatin1()},
                   {"x-api-key", cfg(server, u"uqpay"_s, u"api_key"_s).toLatin1()}});
    return reply.json().value("auth_token"_L1).toString().toLatin1();
}

inline Headers uqpayHeaders(const Sandbox::SandboxServer &server, const QByteArray &token)
{
    return {{"x-client-id", cfg(server, u"uqpay"_s, u"client_id"_s).toLatin1()},
            {"x-auth-token", "Bearer " + token},
            {"Content-Type", "application/json"}};
}

// --- Antom ---------------------------------------------------------------

struct AntomKeys
{
    std::shared_ptr<const Providers::Antom::RsaKey> merchantPrivate;
    std::shared_ptr<const Providers::Antom::RsaKey> antomPublic;
};

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline AntomKeys antomKeys(const Sandbox::SandboxServer &server)
{
    AntomKeys keys;
    keys.merchantPrivate =
        Providers::Antom::RsaKey::loadPrivate(
            Providers::Secret(readAll(cfg(server, u"antom"_s, u"merchant_private_key_file"_s))))
            .key;
    keys.antomPublic = Providers::Antom::RsaKey::loadPublic(
                           readAll(cfg(server, u"antom"_s, u"antom_public_key_file"_s)))
                           .key;
    return keys;
}

// A signed Antom request as PROVIDERS.md §2.2 describes it.
inline Reply antomCall(Http &http, const Sandbox::SandboxServer &server, const QByteArray &path,
                       const QByteArray &body, const AntomKeys &keys,
                       std::optional<QByteArray> signatureHeader = std::nullopt,
                       int timeoutMs = 20000)
{
    const QByteArray clientId = cfg(server, u"antom"_s, u"client_id"_s).toLatin1();
    const QByteArray requestTime = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    if (!signatureHeader) {
        const QByteArray signature = keys.merchantPrivate->sign(
            Providers::Antom::signingContent("POST", path, clientId, requestTime, body));
        signatureHeader = Providers::Antom::formatSignatureHeader(signature, 1);
    }
    Headers headers{{"Content-Type", "application/json; charset=UTF-8"},
                    {"Client-Id", clientId},
                    {"Request-Time", requestTime}};
    if (!signatureHeader->isEmpty())
        headers.append({"Signature", *signatureHeader});
    QUrl u = server.baseUrl();
    u.setPath(QString::fromLatin1(path));
    return http.send("POST", u, headers, body, timeoutMs);
}

// Whether the response's signature verifies with the Antom public key.
inline bool antomResponseVerifies(const Reply &reply, const Sandbox::SandboxServer &server,
                                  const QByteArray &path, const AntomKeys &keys)
{
    const auto header = Providers::Antom::parseSignatureHeader(reply.header("signature"));
    if (!header || !reply.hasHeader("response-time"))
        return false;
    const QByteArray clientId = cfg(server, u"antom"_s, u"client_id"_s).toLatin1();
    return keys.antomPublic->verify(Providers::Antom::signingContent("POST", path, clientId,
                                                                     reply.header("response-time"),
                                                                     reply.body),
                                    header->signature);
}

inline QString resultCode(const Reply &reply)
{
    return reply.json().value("result"_L1).toObject().value("resultCode"_L1).toString();
}

inline QString resultStatus(const Reply &reply)
{
    return reply.json().value("result"_L1).toObject().value("resultStatus"_L1).toString();
}

inline QByteArray antomBody(const QString &paymentId)
{
    return QJsonDocument(QJsonObject{{"paymentId"_L1, paymentId}}).toJson(QJsonDocument::Compact);
}

// --- Liquido -------------------------------------------------------------

inline QByteArray liquidoToken(Http &http, const Sandbox::SandboxServer &server)
{
    QUrlQuery form;
    form.addQueryItem(u"client_id"_s, cfg(server, u"liquido"_s, u"client_id"_s));
    form.addQueryItem(u"client_secret"_s, cfg(server, u"liquido"_s, u"client_secret"_s));
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    const Reply reply = http.send("POST", QUrl(cfg(server, u"liquido"_s, u"auth_url"_s)),
                                  {{"Content-Type", "application/x-www-form-urlencoded"}},
                                  form.toString(QUrl::FullyEncoded).toLatin1());
    return reply.json().value("access_token"_L1).toString().toLatin1();
}

inline Headers liquidoHeaders(const Sandbox::SandboxServer &server, const QByteArray &token)
{
    return {{"Authorization", "Bearer " + token},
            {"x-api-key", cfg(server, u"liquido"_s, u"api_key"_s).toLatin1()},
            {"Content-Type", "application/json"}};
}

// A fixed instant as the sandbox clock, movable with advanceClock().
inline QDateTime at(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toUTC();
}

} // namespace CancelDesk::SandboxTest
