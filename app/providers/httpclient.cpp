#include "httpclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Providers {

namespace {

// How many Date samples the skew estimate keeps; the median of a few samples
// shrugs off one odd answer (a proxy with a wrong clock, a stalled request).
constexpr qsizetype kSkewSamples = 5;
// clockSkewChanged fires when the estimate moved at least this far since the
// last emission: Date headers have a resolution of one second.
constexpr qint64 kSkewEmitThresholdMs = 1000;

int monthFromName(QStringView name)
{
    static constexpr const char16_t *kMonths[] = {u"jan", u"feb", u"mar", u"apr", u"may", u"jun",
                                                  u"jul", u"aug", u"sep", u"oct", u"nov", u"dec"};
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QStringView(kMonths[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

QDateTime utcDateTime(int year, int month, int day, int hour, int minute, int second)
{
    const QDate date(year, month, day);
    // 60 is a leap second: RFC 7231 allows it, QTime does not.
    const QTime time(hour, minute, std::min(second, 59));
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QString transportErrorKey(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return u"none"_s;
    case TransportError::InsecureUrl:
        return u"insecure_url"_s;
    case TransportError::Timeout:
        return u"timeout"_s;
    case TransportError::ConnectionRefused:
        return u"connection_refused"_s;
    case TransportError::HostNotFound:
        return u"host_not_found"_s;
    case TransportError::Tls:
        return u"tls"_s;
    case TransportError::Network:
        return u"network"_s;
    case TransportError::Redirect:
        return u"redirect"_s;
    case TransportError::BodyTooLarge:
        return u"body_too_large"_s;
    case TransportError::Aborted:
        return u"aborted"_s;
    }
    Q_UNREACHABLE();
    return {};
}

QString transportErrorText(TransportError error)
{
    // Under the context lupdate files them in (the namespace's): a lambda named
    // tr() with another context made lupdate and the run time disagree, and
    // the messages stayed English.
    const auto text = [](const char *source) {
        return QCoreApplication::translate("CancelDesk::Providers", source);
    };
    switch (error) {
    case TransportError::None:
        return {};
    case TransportError::InsecureUrl:
        return text(QT_TRANSLATE_NOOP("CancelDesk::Providers",
                                      "The provider address is not secure (https is required)."));
    case TransportError::Timeout:
        return text(
            QT_TRANSLATE_NOOP("CancelDesk::Providers", "The provider did not answer in time."));
    case TransportError::ConnectionRefused:
        return text(
            QT_TRANSLATE_NOOP("CancelDesk::Providers", "The provider refused the connection."));
    case TransportError::HostNotFound:
        return text(QT_TRANSLATE_NOOP("CancelDesk::Providers",
                                      "The provider's server name could not be found."));
    case TransportError::Tls:
        return text(
            QT_TRANSLATE_NOOP("CancelDesk::Providers",
                              "The secure connection to the provider could not be established."));
    case TransportError::Network:
        return text(
            QT_TRANSLATE_NOOP("CancelDesk::Providers", "A network error interrupted the request."));
    case TransportError::Redirect:
        return text(QT_TRANSLATE_NOOP(
            "CancelDesk::Providers",
            "The provider redirected the request elsewhere; it was not followed."));
    case TransportError::BodyTooLarge:
        return text(
            QT_TRANSLATE_NOOP("CancelDesk::Providers", "The provider's answer was too large."));
    case TransportError::Aborted:
        return text(QT_TRANSLATE_NOOP("CancelDesk::Providers", "The request was stopped."));
    }
    Q_UNREACHABLE();
    return {};
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// ---------------------------------------------------------------------------
// HttpCall

HttpCall::HttpCall(QObject *parent)
    : QObject(parent)
{
    m_timer.start();
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        // Destroyed before delivery (the client went away): stop the transfer
        // without letting the reply call back into a half-destroyed object.
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCall::abort()
{
    if (m_delivered)
        return;
    m_aborted = true;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
    }
    HttpResult result;
    result.error = TransportError::Aborted;
    result.detail = u"aborted by the caller"_s;
    deliver(std::move(result));
}

void HttpCall::attach(QNetworkReply *reply, qint64 maxBytes, std::chrono::milliseconds deadline)
{
    m_reply = reply;
    m_maxBytes = maxBytes;

    // Qt's transfer timeout restarts with every byte: a server trickling one
    // byte now and then would hold the request forever. The deadline bounds
    // the whole request.
    QTimer::singleShot(deadline, this, [this, deadline] {
        if (m_delivered || !m_reply)
            return;
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        HttpResult result;
        result.error = TransportError::Timeout;
        result.detail = u"no complete answer within %1 ms"_s.arg(deadline.count());
        result.response.elapsedMs = m_timer.elapsed();
        deliver(std::move(result));
    });

    const auto tooLarge = [this](const QString &detail) {
        if (m_delivered || !m_reply)
            return;
        m_tooLarge = true;
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        HttpResult result;
        result.error = TransportError::BodyTooLarge;
        result.detail = detail;
        result.response.status =
            m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.response.elapsedMs = m_timer.elapsed();
        deliver(std::move(result));
    };

    connect(reply, &QNetworkReply::metaDataChanged, this, [this, tooLarge] {
        if (!m_reply || m_maxBytes <= 0)
            return;
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_maxBytes)
            tooLarge(u"Content-Length %1 exceeds the limit of %2 bytes"_s.arg(length.toLongLong())
                         .arg(m_maxBytes));
    });
    // Chunked or length-less bodies are counted as they arrive; the reply
    // buffers them, so the cap is checked against what it holds.
    connect(reply, &QNetworkReply::readyRead, this, [this, tooLarge] {
        if (!m_reply || m_maxBytes <= 0)
            return;
        if (m_reply->bytesAvailable() > m_maxBytes)
            tooLarge(u"response body exceeds the limit of %1 bytes"_s.arg(m_maxBytes));
    });
    connect(reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
}

void HttpCall::deliver(const HttpResult &result)
{
    if (m_delivered)
        return;
    m_delivered = true;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    Q_EMIT finished(result);
    deleteLater();
}

void HttpCall::onReplyFinished()
{
    if (m_delivered || !m_reply)
        return;
    QNetworkReply *reply = m_reply;

    HttpResult result;
    HttpResponse &response = result.response;
    response.elapsedMs = m_timer.elapsed();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    response.status = statusAttr.isValid() ? statusAttr.toInt() : 0;

    const QNetworkReply::NetworkError error = reply->error();
    // An HTTP status with a body (4xx/5xx) is an answer, not a transport
    // failure: Qt reports it as a content, server or (for 400) protocol
    // error, but the backends judge it. A socket error after the headers (a
    // truncated body) stays a transport error.
    const bool httpAnswer = response.status > 0
                            && ((error >= QNetworkReply::ContentAccessDenied
                                 && error <= QNetworkReply::UnknownContentError)
                                || error == QNetworkReply::ProtocolInvalidOperationError // 400
                                || (error >= QNetworkReply::InternalServerError
                                    && error <= QNetworkReply::UnknownServerError));
    if (error == QNetworkReply::NoError || httpAnswer) {
        for (const auto &[name, value] : reply->rawHeaderPairs())
            response.headers.append({name, value});
        response.body = reply->readAll();
        if (m_maxBytes > 0 && response.body.size() > m_maxBytes) {
            result.error = TransportError::BodyTooLarge;
            result.detail = u"response body exceeds the limit of %1 bytes"_s.arg(m_maxBytes);
            response.body.clear();
        } else if (response.status >= 300 && response.status < 400) {
            // Redirects are never followed: a provider API does not move, and
            // following one could send credentials to another host.
            result.error = TransportError::Redirect;
            result.detail = u"HTTP %1 redirect not followed"_s.arg(response.status);
        }
        deliver(std::move(result));
        return;
    }

    switch (error) {
    case QNetworkReply::OperationCanceledError:
        // Our own aborts (caller, size cap) are delivered before the reply
        // finishes; a cancel we did not ask for is Qt's transfer timeout.
        result.error = m_aborted    ? TransportError::Aborted
                       : m_tooLarge ? TransportError::BodyTooLarge
                                    : TransportError::Timeout;
        break;
    case QNetworkReply::TimeoutError:
        result.error = TransportError::Timeout;
        break;
    case QNetworkReply::ConnectionRefusedError:
        result.error = TransportError::ConnectionRefused;
        break;
    case QNetworkReply::HostNotFoundError:
        result.error = TransportError::HostNotFound;
        break;
    case QNetworkReply::SslHandshakeFailedError:
        result.error = TransportError::Tls;
        break;
    default:
        result.error = m_tlsFailed ? TransportError::Tls : TransportError::Network;
        break;
    }
    // errorString() names the host and the failure, never headers or bodies.
    result.detail = reply->errorString();
    deliver(std::move(result));
}

// ---------------------------------------------------------------------------
// HttpClient

HttpClient::HttpClient(HttpClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_manager->setTransferTimeout(int(m_options.timeout.count()));

    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_options.caFile.isEmpty()) {
        QList<QSslCertificate> extra;
        QFile file(m_options.caFile);
        if (file.open(QIODevice::ReadOnly))
            extra = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (extra.isEmpty()) {
            m_configError =
                QCoreApplication::translate(
                    "HttpClient", "The CA certificate file %1 could not be read or holds no "
                                  "PEM certificate; only the system's certificates are trusted.")
                    .arg(m_options.caFile);
        } else {
            // Adding certificates switches off Qt's on-demand loading of the
            // system store, so the system certificates are added explicitly.
            m_ssl.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
        }
    }
}

HttpClient::~HttpClient() = default;

bool HttpClient::isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0
        || host.compare(u"localhost."_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool HttpClient::isAllowedUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return true;
    return scheme == u"http" && isLoopbackHost(url.host());
}

QDateTime HttpClient::parseHttpDate(QByteArrayView value)
{
    const QString text = QString::fromLatin1(value).simplified();
    // IMF-fixdate (RFC 7231 §7.1.1.1): "Sun, 06 Nov 1994 08:49:37 GMT". Day
    // names are not checked: a wrong weekday is harmless.
    static const QRegularExpression imf(
        u"^[A-Za-z]{3}, (\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (?:GMT|UTC)$"_s);
    // Obsolete RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT".
    static const QRegularExpression rfc850(
        u"^[A-Za-z]+, (\\d{1,2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$"_s);
    // asctime: "Sun Nov  6 08:49:37 1994" (simplified() folded the double space).
    static const QRegularExpression asctime(
        u"^[A-Za-z]{3} ([A-Za-z]{3}) (\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$"_s);

    QRegularExpressionMatch m = imf.match(text);
    if (m.hasMatch())
        return utcDateTime(m.captured(3).toInt(), monthFromName(m.capturedView(2)),
                           m.captured(1).toInt(), m.captured(4).toInt(), m.captured(5).toInt(),
                           m.captured(6).toInt());
    m = rfc850.match(text);
    if (m.hasMatch()) {
        // RFC 7231: a two-digit year more than 50 years ahead is in the past.
        int year = 2000 + m.captured(3).toInt();
        if (year > QDate::currentDate().year() + 50)
            year -= 100;
        return utcDateTime(year, monthFromName(m.capturedView(2)), m.captured(1).toInt(),
                           m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    }
    m = asctime.match(text);
    if (m.hasMatch())
        return utcDateTime(m.captured(6).toInt(), monthFromName(m.capturedView(1)),
                           m.captured(2).toInt(), m.captured(3).toInt(), m.captured(4).toInt(),
                           m.captured(5).toInt());
    return {};
}

std::chrono::milliseconds parseRetryAfter(QByteArrayView value, const QDateTime &nowUtc)
{
    using std::chrono::milliseconds;
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return milliseconds(-1);
    // delta-seconds = 1*DIGIT: no sign, no fraction.
    if (std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        bool ok = false;
        const qint64 seconds = text.toLongLong(&ok);
        if (!ok
            || seconds > std::chrono::duration_cast<std::chrono::seconds>(kMaxRetryAfter).count())
            return milliseconds(-1);
        return std::chrono::seconds(seconds);
    }
    const QDateTime at = HttpClient::parseHttpDate(text);
    if (!at.isValid() || !nowUtc.isValid())
        return milliseconds(-1);
    const qint64 ms = nowUtc.msecsTo(at);
    if (ms > kMaxRetryAfter.count())
        return milliseconds(-1);
    return milliseconds(std::max<qint64>(0, ms));
}

QDateTime HttpClient::correctedNowUtc() const
{
    return QDateTime::currentDateTimeUtc().addMSecs(m_clockSkew.count());
}

HttpCall *HttpClient::send(const HttpRequest &request)
{
    auto *call = new HttpCall(this);

    if (!isAllowedUrl(request.url)) {
        // Delivered on the next turn so that the caller can connect first; no
        // socket is opened.
        const QString scheme = request.url.scheme();
        QTimer::singleShot(0, call, [call, scheme] {
            HttpResult result;
            result.error = TransportError::InsecureUrl;
            result.detail = u"refused a %1 URL to a non-loopback host"_s.arg(
                scheme.isEmpty() ? u"scheme-less"_s : scheme);
            call->deliver(std::move(result));
        });
        return call;
    }

    QNetworkRequest req(request.url);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);
    req.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);
    const auto timeout = request.timeout.count() > 0 ? request.timeout : m_options.timeout;
    req.setTransferTimeout(int(timeout.count()));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    // Provider answers are never cached and never carry our cookies around.
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (request.url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0)
        req.setSslConfiguration(m_ssl);

    const QDateTime sentAtUtc = QDateTime::currentDateTimeUtc();
    QNetworkReply *reply = m_manager->sendCustomRequest(req, request.method, request.body);
    // TLS errors are never ignored; remembering them lets the failure be named.
    connect(reply, &QNetworkReply::sslErrors, call, [call] { call->m_tlsFailed = true; });
    call->attach(reply, m_options.maxResponseBytes, timeout);
    // Connected before the caller's slot, so the skew is known when it runs.
    connect(call, &HttpCall::finished, this, [this, sentAtUtc](const HttpResult &result) {
        if (result.response.status > 0 && result.error != TransportError::Aborted)
            observeDate(result.response, sentAtUtc);
    });
    return call;
}

void HttpClient::observeDate(const HttpResponse &response, const QDateTime &sentAtUtc)
{
    const QByteArray date = response.header("Date");
    if (date.isEmpty())
        return;
    const QDateTime serverUtc = parseHttpDate(date);
    if (!serverUtc.isValid())
        return;
    // The server stamped the answer somewhere in the round trip: compare with
    // its local midpoint. Date truncates to the second, so on average the
    // server's clock was half a second later than it says.
    const qint64 midpointMs = sentAtUtc.toMSecsSinceEpoch() + response.elapsedMs / 2;
    const qint64 sample = serverUtc.toMSecsSinceEpoch() + 500 - midpointMs;

    m_skewSamples.append(sample);
    if (m_skewSamples.size() > kSkewSamples)
        m_skewSamples.removeFirst();
    QList<qint64> sorted = m_skewSamples;
    std::sort(sorted.begin(), sorted.end());
    const qint64 median =
        sorted.size() % 2 == 1
            ? sorted.at(sorted.size() / 2)
            : (sorted.at(sorted.size() / 2 - 1) + sorted.at(sorted.size() / 2)) / 2;
    m_clockSkew = std::chrono::milliseconds(median);
    m_haveSkew = true;
    if (std::abs(median - m_emittedSkew.count()) >= kSkewEmitThresholdMs) {
        m_emittedSkew = m_clockSkew;
        Q_EMIT clockSkewChanged(m_clockSkew);
    }
}

} // namespace CancelDesk::Providers
