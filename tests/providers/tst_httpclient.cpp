#include "providers/httpclient.h"

#include <QLocale>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using namespace CancelDesk::Providers;

namespace {

// A loopback HTTP/1.1 server that answers each request with canned raw bytes,
// so that every byte on the wire (chunking, lengths, dates) is under the
// test's control.
class RawServer
{
public:
    // Returns the raw answer for a raw request; an empty answer means "never
    // answer" (the connection stays open and silent).
    using Responder = std::function<QByteArray(const QByteArray &request)>;

    explicit RawServer(Responder responder)
        : m_responder(std::move(responder))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket] { onReadyRead(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    }

    QUrl url(const QString &path = u"/"_s, const QString &scheme = u"http"_s) const
    {
        QUrl u;
        u.setScheme(scheme);
        u.setHost(u"127.0.0.1"_s);
        u.setPort(m_server.serverPort());
        u.setPath(path);
        return u;
    }

    const QList<QByteArray> &requests() const { return m_requests; }

    // The value of a header in a raw request; empty when absent.
    static QByteArray headerOf(const QByteArray &request, const QByteArray &name)
    {
        const QList<QByteArray> lines = request.left(request.indexOf("\r\n\r\n")).split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const qint64 length = headerOf(buffer, "Content-Length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray request = buffer.left(end + 4 + length);
        buffer.remove(0, request.size());
        m_requests.append(request);
        const QByteArray answer = m_responder(request);
        if (answer.isEmpty())
            return;
        socket->write(answer);
        socket->flush();
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Responder m_responder;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray httpAnswer(int status, const QByteArray &reason, const QByteArray &body,
                      const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
           + "\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n"
           + body;
}

QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

HttpResult waitForResult(HttpCall *call)
{
    QSignalSpy spy(call, &HttpCall::finished);
    if (!spy.wait(10000))
        return {};
    return spy.constFirst().constFirst().value<HttpResult>();
}

HttpRequest get(const QUrl &url)
{
    HttpRequest request;
    request.url = url;
    return request;
}

} // namespace

class TestHttpClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<HttpResult>(); }

    void okResponseWithBodyAndHeaders()
    {
        RawServer server([](const QByteArray &) {
            return httpAnswer(200, "OK", R"({"ok":true})", "X-Test: yes\r\n");
        });
        HttpClientOptions options;
        options.userAgent = "CancelDesk-Test/1";
        HttpClient client(options);
        HttpRequest request;
        request.method = "POST";
        request.url = server.url(u"/api/v1/thing"_s);
        request.headers = {{"x-client-id", "client-1"}, {"Content-Type", "application/json"}};
        request.body = R"({"a":1})";

        const HttpResult result = waitForResult(client.send(request));
        QVERIFY2(result.ok(), qPrintable(result.detail));
        QCOMPARE(result.response.status, 200);
        QCOMPARE(result.response.body, QByteArray(R"({"ok":true})"));
        QCOMPARE(result.response.header("x-test"), QByteArray("yes"));
        QVERIFY(result.response.hasHeader("CONTENT-TYPE"));
        QVERIFY(!result.response.hasHeader("X-Missing"));
        QVERIFY(result.response.elapsedMs >= 0);

        QCOMPARE(server.requests().size(), 1);
        const QByteArray &sent = server.requests().constFirst();
        QVERIFY(sent.startsWith("POST /api/v1/thing HTTP/1.1\r\n"));
        QCOMPARE(RawServer::headerOf(sent, "User-Agent"), QByteArray("CancelDesk-Test/1"));
        QCOMPARE(RawServer::headerOf(sent, "x-client-id"), QByteArray("client-1"));
        QVERIFY(sent.endsWith("\r\n\r\n"
                              R"({"a":1})"));
    }

    void httpErrorIsAResponse_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::addRow("400") << 400 << QByteArray("Bad Request");
        QTest::addRow("401") << 401 << QByteArray("Unauthorized");
        QTest::addRow("403") << 403 << QByteArray("Forbidden");
        QTest::addRow("404") << 404 << QByteArray("Not Found");
        QTest::addRow("409") << 409 << QByteArray("Conflict");
        QTest::addRow("418") << 418 << QByteArray("I'm a teapot");
        QTest::addRow("422") << 422 << QByteArray("Unprocessable Entity");
        QTest::addRow("429") << 429 << QByteArray("Too Many Requests");
        QTest::addRow("500") << 500 << QByteArray("Internal Server Error");
        QTest::addRow("502") << 502 << QByteArray("Bad Gateway");
        QTest::addRow("503") << 503 << QByteArray("Service Unavailable");
    }

    void httpErrorIsAResponse()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        const QByteArray body = R"({"type":"not_found","code":"x","message":"m"})";
        RawServer server([&](const QByteArray &) {
            return httpAnswer(status, reason, body, "Retry-After: 7\r\n");
        });
        HttpClient client;
        const HttpResult result = waitForResult(client.send(get(server.url())));
        QVERIFY2(result.ok(), qPrintable(transportErrorKey(result.error)));
        QCOMPARE(result.response.status, status);
        QCOMPARE(result.response.body, body);
        QCOMPARE(result.response.header("retry-after"), QByteArray("7"));
    }

    void timeout()
    {
        RawServer server([](const QByteArray &) { return QByteArray(); });
        HttpClient client;
        HttpRequest request = get(server.url());
        request.timeout = 300ms;
        const HttpResult result = waitForResult(client.send(request));
        QCOMPARE(result.error, TransportError::Timeout);
        QCOMPARE(server.requests().size(), 1);
    }

    void clientDefaultTimeout()
    {
        RawServer server([](const QByteArray &) { return QByteArray(); });
        HttpClientOptions options;
        options.timeout = 300ms;
        HttpClient client(options);
        const HttpResult result = waitForResult(client.send(get(server.url())));
        QCOMPARE(result.error, TransportError::Timeout);
    }

    // A server trickling a byte every 100 ms resets Qt's transfer timeout on
    // each byte; the request's own deadline (its timeout, for the whole
    // request) still ends it, as a timeout.
    void tricklingServerTimesOut()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QPointer<QTcpSocket> peer;
        QTimer trickle;
        trickle.setInterval(100);
        int sent = 0;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
            peer = server.nextPendingConnection();
            // 1000 bytes at 10 a second: 100 s if nothing stopped it.
            peer->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Content-Length: 1000\r\n\r\n");
            trickle.start();
        });
        QObject::connect(&trickle, &QTimer::timeout, &server, [&] {
            if (peer && peer->state() == QAbstractSocket::ConnectedState) {
                peer->write("x");
                ++sent;
            }
        });

        HttpClient client;
        HttpRequest request = get(QUrl(u"http://127.0.0.1:%1/"_s.arg(server.serverPort())));
        request.timeout = 1000ms;
        const HttpResult result = waitForResult(client.send(request));
        trickle.stop();
        QCOMPARE(result.error, TransportError::Timeout);
        QVERIFY2(sent > 0, "the server never trickled");
        QCOMPARE(result.response.body, QByteArray());
        // The connection is dropped, not left trickling.
        QTRY_VERIFY(!peer || peer->state() != QAbstractSocket::ConnectedState);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            port = closed.serverPort();
        }
        HttpClient client;
        const HttpResult result =
            waitForResult(client.send(get(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)))));
        QCOMPARE(result.error, TransportError::ConnectionRefused);
        QVERIFY(!result.ok());
    }

    void redirectIsNotFollowed()
    {
        RawServer server([](const QByteArray &request) {
            if (request.startsWith("GET /start "))
                return httpAnswer(302, "Found", {}, "Location: /elsewhere\r\n");
            return httpAnswer(200, "OK", "{}");
        });
        HttpClient client;
        const HttpResult result = waitForResult(client.send(get(server.url(u"/start"_s))));
        QCOMPARE(result.error, TransportError::Redirect);
        QCOMPARE(result.response.status, 302);
        QTest::qWait(100);
        QCOMPARE(server.requests().size(), 1);
    }

    void bodyTooLarge_data()
    {
        QTest::addColumn<QByteArray>("answer");
        const QByteArray big(2000, 'x');
        QTest::addRow("content-length") << httpAnswer(200, "OK", big);
        QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                             "Connection: close\r\n\r\n";
        for (int i = 0; i < 4; ++i)
            chunked += "200\r\n" + QByteArray(512, 'y') + "\r\n";
        chunked += "0\r\n\r\n";
        QTest::addRow("chunked") << chunked;
        QTest::addRow("error status")
            << httpAnswer(500, "Internal Server Error", QByteArray(5000, 'z'));
    }

    void bodyTooLarge()
    {
        QFETCH(QByteArray, answer);
        RawServer server([&](const QByteArray &) { return answer; });
        HttpClientOptions options;
        options.maxResponseBytes = 1000;
        HttpClient client(options);
        HttpCall *call = client.send(get(server.url()));
        QSignalSpy spy(call, &HttpCall::finished);
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.constFirst().constFirst().value<HttpResult>().error,
                 TransportError::BodyTooLarge);
        QTest::qWait(100);
        QCOMPARE(spy.size(), 1);
    }

    void bodyAtTheCapIsFine()
    {
        RawServer server(
            [](const QByteArray &) { return httpAnswer(200, "OK", QByteArray(1000, 'x')); });
        HttpClientOptions options;
        options.maxResponseBytes = 1000;
        HttpClient client(options);
        const HttpResult result = waitForResult(client.send(get(server.url())));
        QVERIFY(result.ok());
        QCOMPARE(result.response.body.size(), 1000);
    }

    void insecureUrlRefusedWithoutNetwork()
    {
        HttpClient client;
        HttpCall *call = client.send(get(QUrl(u"http://example.com/api"_s)));
        QVERIFY(call);
        QSignalSpy spy(call, &HttpCall::finished);
        // Asynchronous: the caller can connect after send() returns.
        QCOMPARE(spy.size(), 0);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.size(), 1);
        const auto result = spy.constFirst().constFirst().value<HttpResult>();
        QCOMPARE(result.error, TransportError::InsecureUrl);
        QCOMPARE(result.response.status, 0);
    }

    void isAllowedUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("https") << u"https://api-sandbox.uqpaytech.com/api"_s << true;
        QTest::addRow("https upper") << u"HTTPS://example.com/"_s << true;
        QTest::addRow("http loopback") << u"http://127.0.0.1:8080/x"_s << true;
        QTest::addRow("http 127/8") << u"http://127.4.5.6/"_s << true;
        QTest::addRow("http ::1") << u"http://[::1]:9000/"_s << true;
        QTest::addRow("http localhost") << u"http://localhost:1234/"_s << true;
        QTest::addRow("http LOCALHOST") << u"http://LOCALHOST/"_s << true;
        QTest::addRow("http remote") << u"http://example.com/"_s << false;
        QTest::addRow("http private") << u"http://10.0.0.1/"_s << false;
        QTest::addRow("http lookalike") << u"http://127.0.0.1.example.com/"_s << false;
        QTest::addRow("http localhost lookalike") << u"http://localhost.example.com/"_s << false;
        QTest::addRow("ftp loopback") << u"ftp://127.0.0.1/"_s << false;
        QTest::addRow("file") << u"file:///etc/passwd"_s << false;
        QTest::addRow("empty") << QString() << false;
        QTest::addRow("no host") << u"https:///path"_s << false;
    }

    void isAllowedUrl()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(HttpClient::isAllowedUrl(QUrl(url)), allowed);
    }

    void tlsFailureIsTls()
    {
        // A plain-HTTP server behind an https:// URL: the handshake fails.
        QTcpServer garbage;
        QVERIFY(garbage.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&garbage, &QTcpServer::newConnection, &garbage, [&garbage] {
            while (QTcpSocket *socket = garbage.nextPendingConnection()) {
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
        HttpClient client;
        const HttpResult result = waitForResult(
            client.send(get(QUrl(u"https://127.0.0.1:%1/"_s.arg(garbage.serverPort())))));
        QCOMPARE(result.error, TransportError::Tls);
    }

    void abortDeliversOnceAndNothingLater()
    {
        RawServer server([](const QByteArray &) { return QByteArray(); });
        HttpClient client;
        HttpCall *call = client.send(get(server.url()));
        QPointer<HttpCall> guard(call);
        QSignalSpy spy(call, &HttpCall::finished);
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, 5000);
        call->abort();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.constFirst().constFirst().value<HttpResult>().error, TransportError::Aborted);
        if (guard)
            guard->abort(); // again, before it is deleted: ignored
        QTest::qWait(200);
        QCOMPARE(spy.size(), 1);
        QVERIFY(guard.isNull());
    }

    void abortBeforeInsecureUrlDelivery()
    {
        HttpClient client;
        HttpCall *call = client.send(get(QUrl(u"http://example.com/"_s)));
        QSignalSpy spy(call, &HttpCall::finished);
        call->abort();
        QTest::qWait(100);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.constFirst().constFirst().value<HttpResult>().error, TransportError::Aborted);
    }

    void abortInsideFinishedIsHarmless()
    {
        RawServer server([](const QByteArray &) { return httpAnswer(200, "OK", "{}"); });
        HttpClient client;
        HttpCall *call = client.send(get(server.url()));
        int deliveries = 0;
        QObject::connect(call, &HttpCall::finished, call, [&deliveries, call](const HttpResult &) {
            ++deliveries;
            QVERIFY(call->isFinished());
            call->abort();
        });
        QTRY_COMPARE_WITH_TIMEOUT(deliveries, 1, 5000);
        QTest::qWait(100);
        QCOMPARE(deliveries, 1);
    }

    void deliveredOnceAndDeleted()
    {
        RawServer server([](const QByteArray &) { return httpAnswer(404, "Not Found", "{}"); });
        HttpClient client;
        HttpCall *call = client.send(get(server.url()));
        QPointer<HttpCall> guard(call);
        QSignalSpy spy(call, &HttpCall::finished);
        QVERIFY(spy.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
        QCOMPARE(spy.size(), 1);
    }

    void clockSkewFromDateHeader()
    {
        RawServer server([](const QByteArray &) {
            const QByteArray date = httpDate(QDateTime::currentDateTimeUtc().addSecs(120));
            return httpAnswer(200, "OK", "{}", "Date: " + date + "\r\n");
        });
        HttpClient client;
        QCOMPARE(client.clockSkew(), 0ms);
        QSignalSpy skewSpy(&client, &HttpClient::clockSkewChanged);
        QVERIFY(waitForResult(client.send(get(server.url()))).ok());
        QVERIFY2(client.clockSkew() >= 118s && client.clockSkew() <= 122s,
                 qPrintable(QString::number(client.clockSkew().count())));
        QCOMPARE(skewSpy.size(), 1);
        const QDateTime corrected = client.correctedNowUtc();
        const qint64 ahead = QDateTime::currentDateTimeUtc().secsTo(corrected);
        QVERIFY2(ahead >= 117 && ahead <= 123, qPrintable(QString::number(ahead)));

        // A second, consistent sample does not move it by a second or more.
        QVERIFY(waitForResult(client.send(get(server.url()))).ok());
        QVERIFY(client.clockSkew() >= 118s && client.clockSkew() <= 122s);
        QCOMPARE(skewSpy.size(), 1);
    }

    void clockSkewFromErrorResponsesAndIgnoresGarbage()
    {
        int n = 0;
        RawServer server([&n](const QByteArray &) {
            ++n;
            const QByteArray date = n == 1
                                        ? QByteArray("not a date")
                                        : httpDate(QDateTime::currentDateTimeUtc().addSecs(-300));
            return httpAnswer(500, "Internal Server Error", "{}", "Date: " + date + "\r\n");
        });
        HttpClient client;
        QVERIFY(waitForResult(client.send(get(server.url()))).ok());
        QCOMPARE(client.clockSkew(), 0ms);
        QVERIFY(waitForResult(client.send(get(server.url()))).ok());
        QVERIFY2(client.clockSkew() >= -302s && client.clockSkew() <= -298s,
                 qPrintable(QString::number(client.clockSkew().count())));
    }

    void parseHttpDate_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
        QTest::addRow("imf") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << t;
        QTest::addRow("imf padded") << QByteArray("  Sun, 06 Nov 1994 08:49:37 GMT ") << t;
        QTest::addRow("rfc850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << t;
        QTest::addRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << t;
        QTest::addRow("lower month") << QByteArray("Sun, 06 nov 1994 08:49:37 GMT") << t;
        QTest::addRow("2026") << QByteArray("Mon, 13 Apr 2026 10:06:35 GMT")
                              << QDateTime(QDate(2026, 4, 13), QTime(10, 6, 35), Qt::UTC);
        QTest::addRow("garbage") << QByteArray("yesterday") << QDateTime();
        QTest::addRow("empty") << QByteArray() << QDateTime();
        QTest::addRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << QDateTime();
        QTest::addRow("bad day") << QByteArray("Sun, 31 Feb 1994 08:49:37 GMT") << QDateTime();
        QTest::addRow("local zone") << QByteArray("Sun, 06 Nov 1994 08:49:37 PST") << QDateTime();
    }

    void parseHttpDate()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = HttpClient::parseHttpDate(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(parsed, expected);
    }

    // The one Retry-After reading every provider uses (UQPAY, Antom, Liquido).
    void parseRetryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<qint64>("expectedMs"); // -1: not given / not trusted
        const QDateTime now(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC);
        QTest::addRow("absent") << QByteArray() << now << qint64(-1);
        QTest::addRow("blank") << QByteArray("  ") << now << qint64(-1);
        QTest::addRow("zero") << QByteArray("0") << now << qint64(0);
        QTest::addRow("seconds") << QByteArray("7") << now << qint64(7000);
        QTest::addRow("padded") << QByteArray(" 12 ") << now << qint64(12000);
        QTest::addRow("a day") << QByteArray("86400") << now << qint64(86400000);
        QTest::addRow("over a day") << QByteArray("86401") << now << qint64(-1);
        QTest::addRow("absurd") << QByteArray("99999999") << now << qint64(-1);
        QTest::addRow("overflow") << QByteArray("99999999999999999999999") << now << qint64(-1);
        QTest::addRow("negative") << QByteArray("-3") << now << qint64(-1);
        QTest::addRow("plus sign") << QByteArray("+5") << now << qint64(-1);
        QTest::addRow("fraction") << QByteArray("1.5") << now << qint64(-1);
        QTest::addRow("words") << QByteArray("soon") << now << qint64(-1);
        QTest::addRow("date ahead")
            << QByteArray("Mon, 01 Jan 2024 12:00:30 GMT") << now << qint64(30000);
        QTest::addRow("date rfc850")
            << QByteArray("Monday, 01-Jan-24 12:01:00 GMT") << now << qint64(60000);
        QTest::addRow("date asctime")
            << QByteArray("Mon Jan  1 12:00:05 2024") << now << qint64(5000);
        QTest::addRow("date passed")
            << QByteArray("Mon, 01 Jan 2024 11:00:00 GMT") << now << qint64(0);
        QTest::addRow("date a day ahead")
            << QByteArray("Tue, 02 Jan 2024 12:00:00 GMT") << now << qint64(86400000);
        QTest::addRow("date over a day ahead")
            << QByteArray("Tue, 02 Jan 2024 12:00:01 GMT") << now << qint64(-1);
        QTest::addRow("date without a clock")
            << QByteArray("Mon, 01 Jan 2024 12:00:30 GMT") << QDateTime() << qint64(-1);
        QTest::addRow("seconds without a clock") << QByteArray("7") << QDateTime() << qint64(7000);
        QTest::addRow("date in a local zone")
            << QByteArray("Mon, 01 Jan 2024 12:00:30 PST") << now << qint64(-1);
    }

    void parseRetryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(QDateTime, now);
        QFETCH(qint64, expectedMs);
        QCOMPARE(qint64(CancelDesk::Providers::parseRetryAfter(value, now).count()), expectedMs);
    }

    void badCaFileIsAConfigurationError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"ca.pem"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a certificate");
        file.close();

        HttpClientOptions options;
        options.caFile = path;
        HttpClient client(options);
        QVERIFY(!client.configurationError().isEmpty());

        HttpClientOptions missing;
        missing.caFile = dir.filePath(u"missing.pem"_s);
        QVERIFY(!HttpClient(missing).configurationError().isEmpty());

        QVERIFY(HttpClient().configurationError().isEmpty());

        // Requests still work (and TLS still verifies, see tlsFailureIsTls).
        RawServer server([](const QByteArray &) { return httpAnswer(200, "OK", "{}"); });
        QVERIFY(waitForResult(client.send(get(server.url()))).ok());
    }

    void transportErrorTexts()
    {
        const TransportError all[] = {
            TransportError::InsecureUrl,
            TransportError::Timeout,
            TransportError::ConnectionRefused,
            TransportError::HostNotFound,
            TransportError::Tls,
            TransportError::Network,
            TransportError::Redirect,
            TransportError::BodyTooLarge,
            TransportError::Aborted,
        };
        QSet<QString> keys;
        for (TransportError e : all) {
            QVERIFY(!transportErrorText(e).isEmpty());
            keys.insert(transportErrorKey(e));
        }
        QCOMPARE(keys.size(), int(std::size(all)));
        QVERIFY(transportErrorText(TransportError::None).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
