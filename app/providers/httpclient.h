#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <chrono>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace CancelDesk::Providers {

// What went wrong below HTTP semantics. An HTTP response of any status is not
// a transport error: the provider backends judge statuses and bodies.
enum class TransportError {
    None,
    InsecureUrl, // plain http:// to a host that is not loopback, or not http(s)
    Timeout,     // no complete answer within the request's timeout (a bound on the
                 // whole request, not only on silence)
    ConnectionRefused,
    HostNotFound,
    Tls,          // handshake or certificate failure (never ignored)
    Network,      // any other socket-level failure
    Redirect,     // a 3xx: redirects are never followed silently
    BodyTooLarge, // the response passed the size cap
    Aborted,      // the caller aborted the call
};
QString transportErrorKey(TransportError error);
// A translated sentence for operators ("The provider did not answer in time.").
QString transportErrorText(TransportError error);

// The longest wait a Retry-After may ask for; a longer one is nonsense, not advice.
inline constexpr std::chrono::milliseconds kMaxRetryAfter = std::chrono::hours(24);
// A Retry-After header (RFC 9110 §10.2.3): delta-seconds, or an HTTP date
// (HttpClient::parseHttpDate) taken relative to nowUtc, where a date that has
// passed means 0. -1 ms when the header is absent or unreadable, when it asks
// for more than kMaxRetryAfter, or for a date when nowUtc is invalid. The one
// reading of the header for every provider.
std::chrono::milliseconds parseRetryAfter(QByteArrayView value, const QDateTime &nowUtc);

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;
    // Bounds the whole request — connecting, sending, waiting and reading —
    // and also any silence; 0: the client's default.
    std::chrono::milliseconds timeout{0};
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    HeaderList headers;
    qint64 elapsedMs = 0;

    // Case-insensitive lookup; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

struct HttpResult
{
    TransportError error = TransportError::None;
    // For logs: technical detail without secrets, headers or bodies.
    QString detail;
    HttpResponse response;

    bool ok() const { return error == TransportError::None; }
};

} // namespace CancelDesk::Providers

Q_DECLARE_METATYPE(CancelDesk::Providers::HttpResult)

namespace CancelDesk::Providers {

struct HttpClientOptions
{
    // Each request's whole-request bound ([network] timeout_ms).
    std::chrono::milliseconds timeout{15000};
    qint64 maxResponseBytes = qint64(4) * 1024 * 1024;
    QByteArray userAgent = "CancelDesk/0.1";
    // PEM file with extra trusted CA certificates (a company proxy, a provider's
    // private CA). Peer verification stays on either way.
    QString caFile;
};

// One call in flight. Delivers finished() exactly once — a response, a
// transport error, or Aborted — and deletes itself afterwards. Connect to
// finished() right after HttpClient::send() returns.
class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    ~HttpCall() override;
    void abort();
    bool isFinished() const { return m_delivered; }

Q_SIGNALS:
    void finished(const CancelDesk::Providers::HttpResult &result);

private:
    friend class HttpClient;
    explicit HttpCall(QObject *parent);
    void attach(QNetworkReply *reply, qint64 maxBytes, std::chrono::milliseconds deadline);
    void deliver(const HttpResult &result);
    void onReplyFinished();

    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_timer;
    qint64 m_maxBytes = 0;
    bool m_tooLarge = false;
    bool m_aborted = false;
    bool m_tlsFailed = false;
    bool m_delivered = false;
};

// Owns the program's only QNetworkAccessManager (STYLE.md §4): a deadline
// for each whole request, User-Agent, no redirects, a response-size cap, TLS verification
// always on, plain http:// only to loopback, and an estimate of the local
// clock's skew from the providers' Date headers.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(HttpClientOptions options = {}, QObject *parent = nullptr);
    ~HttpClient() override;

    // Never returns null; a refused request still delivers its error through
    // finished(), asynchronously.
    HttpCall *send(const HttpRequest &request);

    // Whether url may be used: https anywhere, http only to 127.0.0.0/8, ::1
    // or localhost.
    static bool isAllowedUrl(const QUrl &url);
    static bool isLoopbackHost(const QString &host);
    // An HTTP date (RFC 7231 §7.1.1.1: IMF-fixdate, RFC 850 or asctime) as
    // UTC; invalid when it is none of them. Used for Date and Retry-After.
    static QDateTime parseHttpDate(QByteArrayView value);

    // Provider clock minus local clock, estimated from Date headers (1 s
    // resolution); 0 until a Date header has been seen.
    std::chrono::milliseconds clockSkew() const { return m_clockSkew; }
    // Local UTC time corrected by the skew.
    QDateTime correctedNowUtc() const;
    const HttpClientOptions &options() const { return m_options; }
    // A translated problem with the CA file, if any (checked at construction).
    QString configurationError() const { return m_configError; }

Q_SIGNALS:
    void clockSkewChanged(std::chrono::milliseconds skew);

private:
    void observeDate(const HttpResponse &response, const QDateTime &sentAtUtc);

    HttpClientOptions m_options;
    QNetworkAccessManager *m_manager = nullptr;
    QSslConfiguration m_ssl;
    QString m_configError;
    std::chrono::milliseconds m_clockSkew{0};
    std::chrono::milliseconds m_emittedSkew{0};
    QList<qint64> m_skewSamples;
    bool m_haveSkew = false;
};

} // namespace CancelDesk::Providers
