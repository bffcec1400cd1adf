#include "sandboxserver.h"

#include "antomsim.h"
#include "domain/cancelpolicy.h"
#include "liquidosim.h"
#include "uqpaysim.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

bool isLoopbackUrl(const QUrl &url)
{
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return false;
    if (url.host().compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

QByteArray oversizedBody(qint64 bytes)
{
    // Valid JSON, just too big: the client's size cap must stop it, not the parser.
    const QByteArray head = R"({"padding":")";
    const QByteArray tail = R"("})";
    const qint64 fill = qMax<qint64>(0, bytes - head.size() - tail.size());
    return head + QByteArray(fill, 'x') + tail;
}

const QByteArray kHtmlPage =
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    "<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>\n";

} // namespace

struct SandboxServer::Held
{
    std::unique_ptr<QHttpServerResponder> responder;
    QPointer<QTcpSocket> socket;
    SimResponse response;
    bool drop = false;
    bool truncate = false;
    QString method;
    QString path;
    QTimer *timer = nullptr;
};

SandboxServer::SandboxServer(QObject *parent)
    : QObject(parent)
    , m_clockSource([] { return QDateTime::currentDateTimeUtc(); })
{}

SandboxServer::~SandboxServer()
{
    // Held answers refer to sockets the HTTP server owns: forget them first.
    for (auto &[id, held] : m_held)
        delete held->timer;
    m_held.clear();
    delete m_http;
}

QDateTime SandboxServer::now() const
{
    return m_clockSource().toUTC().addSecs(m_clockOffsetSeconds);
}

void SandboxServer::setClock(ClockFn source)
{
    m_clockSource = source ? std::move(source) : [] { return QDateTime::currentDateTimeUtc(); };
}

void SandboxServer::advanceClock(qint64 seconds)
{
    m_clockOffsetSeconds += seconds;
}

void SandboxServer::setAsyncCancelDelay(int ms)
{
    m_asyncCancelDelayMs = qMax(0, ms);
    if (m_uqpay)
        m_uqpay->setDefaultAsyncDelayMs(m_asyncCancelDelayMs);
}

void SandboxServer::setUqpayWebhookUrl(const QUrl &url)
{
    m_webhookUrl = url;
}

void SandboxServer::addScenario(const Scenario &scenario)
{
    m_scenarios.add(scenario);
}

bool SandboxServer::loadScenarios(const QByteArray &json, QString *error)
{
    const ScenarioParseResult parsed = parseScenarios(json);
    if (!parsed.ok()) {
        if (error)
            *error = parsed.error;
        return false;
    }
    for (const Scenario &scenario : parsed.scenarios)
        m_scenarios.add(scenario);
    return true;
}

bool SandboxServer::loadScenarioFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    QString why;
    if (!loadScenarios(file.readAll(), &why)) {
        if (error)
            *error = u"%1: %2"_s.arg(path, why);
        return false;
    }
    return true;
}

void SandboxServer::clearScenarios()
{
    m_scenarios.clear();
}

QUrl SandboxServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

QStringList SandboxServer::demoIds(const QString &provider) const
{
    if (provider == "uqpay"_L1 && m_uqpay)
        return m_uqpay->demoIds();
    if (provider == "antom"_L1 && m_antom)
        return m_antom->demoIds();
    if (provider == "liquido"_L1 && m_liquido)
        return m_liquido->demoIds();
    return {};
}

quint16 SandboxServer::start(const SandboxOptions &options)
{
    if (m_http) {
        m_error = u"the sandbox is already running"_s;
        return 0;
    }
    QString directory = options.stateDir;
    if (directory.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            m_error = u"cannot create a temporary state directory"_s;
            return 0;
        }
        directory = m_tempDir->path();
    }
    StateLoadResult loaded = loadOrCreateState(directory);
    if (!loaded.ok()) {
        m_error = loaded.error;
        return 0;
    }
    m_state = loaded.state;

    Domain::PolicyLoadResult policy = Domain::CancelPolicy::load();
    if (!policy.ok()) {
        m_error = policy.error;
        return 0;
    }
    if (!options.scenarioFile.isEmpty() && !loadScenarioFile(options.scenarioFile, &m_error))
        return 0;
    if (!options.uqpayWebhookUrl.isEmpty()) {
        if (!isLoopbackUrl(options.uqpayWebhookUrl)) {
            m_error = u"the webhook URL must be a loopback http(s) URL"_s;
            return 0;
        }
        m_webhookUrl = options.uqpayWebhookUrl;
    }

    if (options.generatedCount < 0 || options.generatedCount > kMaxGeneratedPerProvider) {
        m_error = u"the generated payment count must be 0-%1"_s.arg(kMaxGeneratedPerProvider);
        return 0;
    }

    const ClockFn clock = [this] { return now(); };
    m_uqpay = std::make_unique<UqpaySim>(clock, m_state.credentials, policy.policy);
    m_antom = std::make_unique<AntomSim>(clock, m_state, policy.policy);
    m_liquido = std::make_unique<LiquidoSim>(clock, m_state.credentials);
    m_asyncCancelDelayMs = qMax(0, options.asyncCancelDelayMs);
    m_uqpay->setDefaultAsyncDelayMs(m_asyncCancelDelayMs);
    if (options.persist)
        m_paymentsFile = QDir(directory).filePath(u"payments.json"_s);
    if (!restorePayments()) {
        if (options.seedDemo) {
            m_uqpay->seedDemo();
            m_antom->seedDemo();
            m_liquido->seedDemo();
        }
        if (options.generatedCount > 0) {
            m_uqpay->seedGenerated(options.generatedCount);
            m_antom->seedGenerated(options.generatedCount);
            m_liquido->seedGenerated(options.generatedCount);
            m_generatedCount = options.generatedCount;
        }
    }
    savePayments();
    scheduleFlips(); // wallet cancels accepted before a restart

    m_http = new QHttpServer(this);
    // Every request goes through one dispatcher, which needs the responder to
    // answer late (delay, timeout) or badly (truncated) on purpose.
    m_http->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            onRequest(request, std::move(responder));
        });
    m_port = m_http->listen(QHostAddress::LocalHost, options.port);
    if (m_port == 0) {
        m_error = u"cannot listen on 127.0.0.1:%1"_s.arg(options.port);
        delete m_http;
        m_http = nullptr;
        return 0;
    }
    return m_port;
}

QJsonObject SandboxServer::config() const
{
    const QString base = baseUrl().toString();
    const SandboxCredentials &c = m_state.credentials;
    QJsonObject config{
        {"port"_L1, m_port},
        {"state_dir"_L1, m_state.directory},
        {"uqpay"_L1,
         QJsonObject{{"base_url"_L1, base},
                     {"client_id"_L1, c.uqpayClientId},
                     {"api_key"_L1, QString::fromLatin1(c.uqpayApiKey.reveal())},
                     {"webhook_secret"_L1, QString::fromLatin1(c.uqpayWebhookSecret.reveal())}}},
        {"antom"_L1, QJsonObject{{"base_url"_L1, base},
                                 {"client_id"_L1, c.antomClientId},
                                 {"key_version"_L1, 1},
                                 {"sandbox"_L1, true},
                                 {"merchant_private_key_file"_L1, m_state.merchantPrivateKeyFile},
                                 {"antom_public_key_file"_L1, m_state.antomPublicKeyFile}}},
        {"liquido"_L1,
         QJsonObject{{"base_url"_L1, base},
                     {"auth_url"_L1, QString(base + u"/oauth2/token"_s)},
                     {"client_id"_L1, c.liquidoClientId},
                     {"client_secret"_L1, QString::fromLatin1(c.liquidoClientSecret.reveal())},
                     {"api_key"_L1, QString::fromLatin1(c.liquidoApiKey.reveal())}}},
        {"demo"_L1, QJsonObject{{"uqpay"_L1, QJsonArray::fromStringList(demoIds(u"uqpay"_s))},
                                {"antom"_L1, QJsonArray::fromStringList(demoIds(u"antom"_s))},
                                {"liquido"_L1, QJsonArray::fromStringList(demoIds(u"liquido"_s))}}},
    };
    if (m_generatedCount > 0) {
        // Thousands of ids do not belong on one line: the count and the
        // pattern name them all (id = prefix + n zero-padded to digits).
        config.insert("generated"_L1,
                      QJsonObject{{"count"_L1, m_generatedCount},
                                  {"uqpay"_L1, UqpaySim::generatedIds().toJson()},
                                  {"antom"_L1, AntomSim::generatedIds().toJson()},
                                  {"liquido"_L1, LiquidoSim::generatedIds().toJson()}});
    }
    return config;
}

namespace {

SimRequest simRequest(const QHttpServerRequest &httpRequest)
{
    SimRequest request;
    request.method = methodName(httpRequest.method());
    request.path = httpRequest.url().path();
    request.rawPath = httpRequest.url().path(QUrl::FullyEncoded).toLatin1();
    request.query = httpRequest.query();
    for (const auto &header : httpRequest.headers())
        request.headers.append({header.first, header.second});
    request.body = httpRequest.body();
    return request;
}

// How a scripted fault bends an answer on its way out.
struct Shaping
{
    bool sign = true;
    bool forge = false;
    bool truncate = false;
};

// The simulator's answer, or the one a scripted fault puts in its place.
SimResponse answer(ProviderSim &sim, const SimRequest &request,
                   const std::optional<Scenario> &scenario, Shaping &shaping)
{
    using Kind = Scenario::Kind;
    const Kind kind = scenario ? scenario->kind : Kind::Delay;
    if (!scenario)
        return sim.handle(request);
    switch (kind) {
    case Kind::Unknown:
        return sim.unknownResponse(request);
    case Kind::HttpError:
        shaping.sign = false;
        return sim.errorResponse(request, scenario->status);
    case Kind::RateLimit: {
        shaping.sign = false;
        SimResponse response = sim.errorResponse(request, 429);
        response.headers.append({"Retry-After", QByteArray::number(scenario->retryAfterSeconds)});
        return response;
    }
    case Kind::TokenExpired:
        return sim.expiredTokenResponse(request);
    case Kind::Timeout:
        // Lost before the provider saw it: nothing happens, nothing comes back.
        return scenario->apply ? sim.handle(request) : SimResponse{};
    default:
        return sim.handle(request);
    }
}

// Faults that damage a real answer: the body, its type, its signature.
void damage(SimResponse &response, const Scenario &scenario, Shaping &shaping)
{
    using Kind = Scenario::Kind;
    switch (scenario.kind) {
    case Kind::MalformedJson:
        response.body = response.body.left(response.body.size() / 2) + "\",,}{";
        break;
    case Kind::TruncatedBody:
        shaping.truncate = true;
        break;
    case Kind::Html:
        response.contentType = "text/html; charset=utf-8";
        response.body = kHtmlPage;
        shaping.sign = false;
        break;
    case Kind::WrongContentType:
        response.contentType = "text/plain; charset=utf-8";
        break;
    case Kind::Oversized:
        response.body = oversizedBody(scenario.bytes);
        break;
    case Kind::Unsigned:
        shaping.sign = false;
        break;
    case Kind::ForgedSignature:
        shaping.forge = true;
        break;
    default:
        break;
    }
}

} // namespace

ProviderSim *SandboxServer::simFor(const SimRequest &request) const
{
    for (ProviderSim *candidate :
         {static_cast<ProviderSim *>(m_uqpay.get()), static_cast<ProviderSim *>(m_antom.get()),
          static_cast<ProviderSim *>(m_liquido.get())}) {
        if (candidate->handles(request))
            return candidate;
    }
    return nullptr;
}

void SandboxServer::onRequest(const QHttpServerRequest &httpRequest,
                              QHttpServerResponder &&responder)
{
    const SimRequest request = simRequest(httpRequest);
    const QString method = QString::fromLatin1(request.method);
    ProviderSim *sim = simFor(request);
    if (!sim) {
        SimResponse notFound;
        notFound.status = 404;
        notFound.contentType = "text/plain; charset=utf-8";
        notFound.body = "404 page not found";
        notFound.headers.append({"Date", httpDate(now())});
        deliver(responder, notFound, false);
        Q_EMIT requestServed(method, request.path, notFound.status);
        return;
    }

    const Target target = sim->target(request);
    for (const Scenario &state : m_scenarios.states(target)) {
        for (const QString &id : target.paymentIds)
            sim->applyState(state, id);
    }
    const std::optional<Scenario> scenario = m_scenarios.take(target);
    Shaping shaping;
    SimResponse response = answer(*sim, request, scenario, shaping);
    scheduleFlips();
    savePayments();
    if (scenario)
        damage(response, *scenario, shaping);
    sim->finish(request, response, shaping.sign, shaping.forge);
    response.headers.append({"Date", httpDate(now())});

    if (scenario
        && (scenario->kind == Scenario::Kind::Delay || scenario->kind == Scenario::Kind::Timeout)) {
        hold(std::move(responder), response, scenario->ms,
             scenario->kind == Scenario::Kind::Timeout, false, method, request.path);
        return;
    }
    deliver(responder, response, shaping.truncate);
    Q_EMIT requestServed(method, request.path, response.status);
}

void SandboxServer::deliver(QHttpServerResponder &responder, const SimResponse &response,
                            bool truncate)
{
    QTcpSocket *socket = responder.socket();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    if (!truncate) {
        responder.writeBody(response.body);
        return;
    }
    // Promise the whole body, send half, hang up.
    responder.writeBody(response.body.left(response.body.size() / 2));
    socket->disconnectFromHost();
}

void SandboxServer::hold(QHttpServerResponder &&responder, SimResponse response, int ms, bool drop,
                         bool truncate, const QString &method, const QString &path)
{
    const quint64 id = ++m_nextHeld;
    auto held = std::make_unique<Held>();
    held->socket = responder.socket();
    held->responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    held->response = std::move(response);
    held->drop = drop;
    held->truncate = truncate;
    held->method = method;
    held->path = path;
    held->timer = new QTimer(this);
    held->timer->setSingleShot(true);
    // A delay is a promise of "not before": a coarse timer may fire early.
    held->timer->setTimerType(Qt::PreciseTimer);
    connect(held->timer, &QTimer::timeout, this, [this, id] {
        auto it = m_held.find(id);
        if (it == m_held.end())
            return;
        std::unique_ptr<Held> done = std::move(it->second);
        m_held.erase(it);
        done->timer->deleteLater();
        if (!done->socket || done->socket->state() != QAbstractSocket::ConnectedState)
            return; // the client gave up first
        if (done->drop) {
            done->socket->abort();
            Q_EMIT requestServed(done->method, done->path, 0);
            return;
        }
        deliver(*done->responder, done->response, done->truncate);
        Q_EMIT requestServed(done->method, done->path, done->response.status);
    });
    held->timer->start(ms);
    m_held.emplace(id, std::move(held));
}

void SandboxServer::scheduleFlips()
{
    if (!m_uqpay)
        return;
    for (const UqpaySim::Flip &flip : m_uqpay->takeScheduledFlips()) {
        QTimer::singleShot(flip.delayMs, this, [this, id = flip.id] { this->flip(id); });
    }
}

void SandboxServer::flip(const QString &paymentId)
{
    const QByteArray webhook = m_uqpay->completeCancel(paymentId);
    if (webhook.isEmpty())
        return;
    savePayments();
    Q_EMIT cancelFlipped(paymentId);
    if (m_webhookUrl.isValid() && isLoopbackUrl(m_webhookUrl))
        postWebhook(webhook);
}

void SandboxServer::postWebhook(const QByteArray &body)
{
    if (!m_webhookNetwork)
        m_webhookNetwork = new QNetworkAccessManager(this);
    const QByteArray timestamp = QByteArray::number(now().toSecsSinceEpoch());
    QNetworkRequest request(m_webhookUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("x-wk-timestamp", timestamp);
    request.setRawHeader("x-wk-signature",
                         UqpaySim::webhookSignature(m_state.credentials.uqpayWebhookSecret.reveal(),
                                                    body, timestamp));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_webhookNetwork->post(request, body);
    const QUrl url = m_webhookUrl;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        Q_EMIT webhookDelivered(url, status);
    });
}

} // namespace CancelDesk::Sandbox

namespace CancelDesk::Sandbox {

bool SandboxServer::restorePayments()
{
    if (m_paymentsFile.isEmpty() || !QFileInfo::exists(m_paymentsFile))
        return false;
    QFile file(m_paymentsFile);
    QJsonParseError parseError;
    const QJsonDocument document = file.open(QIODevice::ReadOnly)
                                       ? QJsonDocument::fromJson(file.readAll(), &parseError)
                                       : QJsonDocument();
    file.close();
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value("version"_L1).toInt() != 1) {
        // Never lose it: set it aside for a look, and start afresh.
        const QString aside = m_paymentsFile + u".unreadable-"_s
                              + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddThhmmssZ"_s);
        QFile::rename(m_paymentsFile, aside);
        m_startWarning = u"%1 could not be read; it was renamed to %2 and the sandbox started "
                         u"with new demo payments"_s.arg(m_paymentsFile, aside);
        return false;
    }
    m_uqpay->restoreState(root.value("uqpay"_L1).toObject());
    m_antom->restoreState(root.value("antom"_L1).toObject());
    m_liquido->restoreState(root.value("liquido"_L1).toObject());
    return true;
}

void SandboxServer::savePayments()
{
    if (m_paymentsFile.isEmpty() || !m_uqpay)
        return;
    const QByteArray json = QJsonDocument(QJsonObject{{"version"_L1, 1},
                                                      {"uqpay"_L1, m_uqpay->saveState()},
                                                      {"antom"_L1, m_antom->saveState()},
                                                      {"liquido"_L1, m_liquido->saveState()}})
                                .toJson(QJsonDocument::Compact);
    if (json == m_savedPayments)
        return;
    QSaveFile file(m_paymentsFile);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(json) != json.size() || !file.commit()) {
        qWarning("sandbox: cannot write %s: %s", qPrintable(m_paymentsFile),
                 qPrintable(file.errorString()));
        return;
    }
    m_savedPayments = json;
}

} // namespace CancelDesk::Sandbox
