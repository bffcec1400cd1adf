// The state directory and the canceldesk-sandbox executable (PRODUCT.md F19).

#include "antomsim.h"
#include "liquidosim.h"
#include "sandboxtest.h"
#include "uqpaysim.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

using namespace CancelDesk;
using namespace CancelDesk::SandboxTest;
using Sandbox::SandboxServer;

class TestSandboxExe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateDirIsReused()
    {
        QTemporaryDir dir;
        Sandbox::SandboxOptions options;
        options.stateDir = dir.path();
        options.seedDemo = false;

        QJsonObject first;
        QByteArray merchantKey;
        QByteArray antomKey;
        {
            SandboxServer server;
            QVERIFY(server.start(options) != 0);
            first = server.config();
            merchantKey = readAll(cfg(server, u"antom"_s, u"merchant_private_key_file"_s));
            antomKey = readAll(cfg(server, u"antom"_s, u"antom_public_key_file"_s));
            QVERIFY(merchantKey.contains("PRIVATE KEY"));
            QVERIFY(antomKey.contains("PUBLIC KEY"));
        }
        SandboxServer again;
        QVERIFY(again.start(options) != 0);
        const QJsonObject second = again.config();
        for (const QString &provider : {u"uqpay"_s, u"antom"_s, u"liquido"_s}) {
            QJsonObject a = first.value(provider).toObject();
            QJsonObject b = second.value(provider).toObject();
            a.remove(u"base_url"_s);
            a.remove(u"auth_url"_s);
            b.remove(u"base_url"_s);
            b.remove(u"auth_url"_s);
            QCOMPARE(b, a);
        }
        QCOMPARE(readAll(cfg(again, u"antom"_s, u"merchant_private_key_file"_s)), merchantKey);
        QCOMPARE(readAll(cfg(again, u"antom"_s, u"antom_public_key_file"_s)), antomKey);

        // Private keys and credentials are readable by the owner only.
        for (const QString &name :
             {u"merchant_private.pem"_s, u"antom_private.pem"_s, u"credentials.json"_s}) {
            const QFileDevice::Permissions p = QFileInfo(dir.filePath(name)).permissions();
            QVERIFY2(!(p
                       & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                          | QFileDevice::WriteOther)),
                     qPrintable(name));
        }
    }

    void twoServersOnePortEach()
    {
        QTemporaryDir dir;
        Sandbox::SandboxOptions options;
        options.stateDir = dir.path();
        options.seedDemo = false;
        SandboxServer a;
        SandboxServer b;
        const quint16 pa = a.start(options);
        QVERIFY(pa != 0);
        options.port = pa; // taken
        QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(u"listen failed"_s));
        QCOMPARE(b.start(options), quint16(0));
        QVERIFY(!b.errorString().isEmpty());
    }

    void executablePrintsConfigFirst()
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProgram(QStringLiteral(CANCELDESK_SANDBOX_EXE));
        process.setArguments({u"--port"_s, u"0"_s, u"--state-dir"_s, dir.path(), u"--quiet"_s});
        process.start();
        QVERIFY(process.waitForStarted(20000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 60000);
        const QByteArray line = process.readLine();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject config = document.object();

        const int port = config.value("port"_L1).toInt();
        QVERIFY(port > 0 && port < 65536);
        const QString base = u"http://127.0.0.1:%1"_s.arg(port);
        const QJsonObject uqpay = config.value("uqpay"_L1).toObject();
        const QJsonObject antom = config.value("antom"_L1).toObject();
        const QJsonObject liquido = config.value("liquido"_L1).toObject();
        const QJsonObject demo = config.value("demo"_L1).toObject();
        QCOMPARE(uqpay.value("base_url"_L1).toString(), base);
        QVERIFY(!uqpay.value("client_id"_L1).toString().isEmpty());
        QVERIFY(!uqpay.value("api_key"_L1).toString().isEmpty());
        QCOMPARE(antom.value("base_url"_L1).toString(), base);
        QVERIFY(antom.value("client_id"_L1).toString().startsWith("SANDBOX_"_L1));
        QCOMPARE(antom.value("key_version"_L1).toInt(), 1);
        QVERIFY(QFileInfo::exists(antom.value("merchant_private_key_file"_L1).toString()));
        QVERIFY(QFileInfo::exists(antom.value("antom_public_key_file"_L1).toString()));
        QCOMPARE(liquido.value("base_url"_L1).toString(), base);
        QCOMPARE(liquido.value("auth_url"_L1).toString(), base + u"/oauth2/token"_s);
        for (const char *key : {"client_id", "client_secret", "api_key"})
            QVERIFY2(!liquido.value(QLatin1String(key)).toString().isEmpty(), key);
        for (const char *provider : {"uqpay", "antom", "liquido"})
            QVERIFY2(!demo.value(QLatin1String(provider)).toArray().isEmpty(), provider);

        // It serves: a UQPAY token and a demo intent.
        Http http;
        const Reply token =
            http.send("POST", QUrl(base + u"/api/v1/connect/token"_s),
                      {{"x-client-id", uqpay.value("client_id"_L1).toString().toLatin1()},
                       {"x-api-key", uqpay.value("api_key"_L1).toString().toLatin1()}});
        QCOMPARE(token.status, 200);

        process.terminate(); // SIGTERM: a clean shutdown
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    // --demo-count: every provider serves N more payments with ids the
    // announcement's pattern names, over plain HTTP, the same every run.
    void generatedPaymentsAreServed()
    {
        QTemporaryDir dir;
        Sandbox::SandboxOptions options;
        options.stateDir = dir.path();
        options.generatedCount = 250;
        SandboxServer server;
        QVERIFY(server.start(options) != 0);
        const QJsonObject config = server.config();
        const QJsonObject generated = config.value("generated"_L1).toObject();
        QCOMPARE(generated.value("count"_L1).toInt(), 250);
        // The demo ids stay the normal ones: the generated are described, not listed.
        const QJsonObject demo = config.value("demo"_L1).toObject();
        for (const QString &provider : {u"uqpay"_s, u"antom"_s, u"liquido"_s}) {
            QVERIFY2(demo.value(provider).toArray().size() < 20, qPrintable(provider));
            QVERIFY2(!generated.value(provider).toObject().value("prefix"_L1).toString().isEmpty(),
                     qPrintable(provider));
        }
        const auto idOf = [&](const QString &provider, int n) -> QString {
            const QJsonObject pattern = generated.value(provider).toObject();
            return pattern.value("prefix"_L1).toString()
                   + QString::number(n).rightJustified(pattern.value("digits"_L1).toInt(), u'0');
        };

        Http http;
        const QByteArray uqpayToken = SandboxTest::uqpayToken(http, server);
        const QByteArray liquidoToken = SandboxTest::liquidoToken(http, server);
        const AntomKeys keys = antomKeys(server);
        QSet<QString> uqpayStatuses;
        QSet<QString> antomMethods;
        QSet<QString> liquidoStatuses;
        for (const int n : {1, 2, 3, 7, 12, 99, 123, 250}) {
            const Reply u =
                http.send("GET", url(server, u"/api/v2/payment_intents/"_s + idOf(u"uqpay"_s, n)),
                          uqpayHeaders(server, uqpayToken));
            QCOMPARE(u.status, 200);
            QCOMPARE(u.json().value("payment_intent_id"_L1).toString(), idOf(u"uqpay"_s, n));
            uqpayStatuses.insert(u.json().value("intent_status"_L1).toString());

            const Reply a = antomCall(http, server, "/ams/api/v1/payments/inquiryPayment",
                                      antomBody(idOf(u"antom"_s, n)), keys);
            QCOMPARE(a.status, 200);
            QCOMPARE(resultCode(a), u"SUCCESS"_s);
            QCOMPARE(a.json().value("paymentId"_L1).toString(), idOf(u"antom"_s, n));
            QVERIFY(antomResponseVerifies(a, server, "/ams/api/v1/payments/inquiryPayment", keys));
            antomMethods.insert(a.json().value("paymentMethodType"_L1).toString());

            const Reply l =
                http.send("GET", url(server, u"/v1/payments/charges/"_s + idOf(u"liquido"_s, n)),
                          liquidoHeaders(server, liquidoToken));
            QCOMPARE(l.status, 200);
            QCOMPARE(l.json().value("idempotencyKey"_L1).toString(), idOf(u"liquido"_s, n));
            QVERIFY(l.json().value("amount"_L1).toInteger() > 0);
            liquidoStatuses.insert(l.json().value("transferStatus"_L1).toString());
        }
        // A mix, not one payment copied N times.
        QVERIFY(uqpayStatuses.size() >= 3);
        QVERIFY(antomMethods.size() >= 3);
        QVERIFY(liquidoStatuses.size() >= 3);
        // One past the count does not exist.
        QCOMPARE(http.send("GET",
                           url(server, u"/api/v2/payment_intents/"_s + idOf(u"uqpay"_s, 251)),
                           uqpayHeaders(server, uqpayToken))
                     .status,
                 400);
        QCOMPARE(http.send("GET", url(server, u"/v1/payments/charges/"_s + idOf(u"liquido"_s, 251)),
                           liquidoHeaders(server, liquidoToken))
                     .status,
                 404);

        // Deterministic: another sandbox generates the same payments.
        QTemporaryDir otherDir;
        options.stateDir = otherDir.path();
        SandboxServer other;
        QVERIFY(other.start(options) != 0);
        for (const int n : {1, 100, 250}) {
            const Sandbox::UqpayIntent *a = server.uqpay().intent(idOf(u"uqpay"_s, n));
            const Sandbox::UqpayIntent *b = other.uqpay().intent(idOf(u"uqpay"_s, n));
            QVERIFY(a && b);
            QCOMPARE(b->amount.minor, a->amount.minor);
            QCOMPARE(b->status, a->status);
            QCOMPARE(b->methodType, a->methodType);
            const Sandbox::LiquidoCharge *c = other.liquido().charge(idOf(u"liquido"_s, n));
            QVERIFY(c);
            QCOMPARE(c->amount, server.liquido().charge(idOf(u"liquido"_s, n))->amount);
        }

        // Without --demo-count the announcement has no "generated".
        QTemporaryDir plainDir;
        options.stateDir = plainDir.path();
        options.generatedCount = 0;
        SandboxServer plain;
        QVERIFY(plain.start(options) != 0);
        QVERIFY(!plain.config().contains("generated"_L1));

        options.generatedCount = Sandbox::kMaxGeneratedPerProvider + 1;
        SandboxServer tooMany;
        QCOMPARE(tooMany.start(options), quint16(0));
        QVERIFY(!tooMany.errorString().isEmpty());
    }

    void executableDemoCount()
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProgram(QStringLiteral(CANCELDESK_SANDBOX_EXE));
        process.setArguments({u"--port"_s, u"0"_s, u"--state-dir"_s, dir.path(), u"--quiet"_s,
                              u"--demo-count"_s, u"10000"_s});
        process.start();
        QVERIFY(process.waitForStarted(20000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 60000);
        const QByteArray line = process.readLine();
        // The count and the pattern, not ten thousand ids.
        QVERIFY2(line.size() < 8000, QByteArray::number(line.size()).constData());
        const QJsonObject config = QJsonDocument::fromJson(line).object();
        const QJsonObject generated = config.value("generated"_L1).toObject();
        QCOMPARE(generated.value("count"_L1).toInt(), 10000);
        const QJsonObject liquido = generated.value("liquido"_L1).toObject();
        const QString last =
            liquido.value("prefix"_L1).toString()
            + QString::number(10000).rightJustified(liquido.value("digits"_L1).toInt(), u'0');

        // The last one is there, over HTTP, from the executable.
        const QJsonObject credentials = config.value("liquido"_L1).toObject();
        QUrlQuery form;
        form.addQueryItem(u"client_id"_s, credentials.value("client_id"_L1).toString());
        form.addQueryItem(u"client_secret"_s, credentials.value("client_secret"_L1).toString());
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        Http http;
        const Reply token = http.send("POST", QUrl(credentials.value("auth_url"_L1).toString()),
                                      {{"Content-Type", "application/x-www-form-urlencoded"}},
                                      form.toString(QUrl::FullyEncoded).toLatin1());
        QCOMPARE(token.status, 200);
        const Reply charge = http.send(
            "GET",
            QUrl(credentials.value("base_url"_L1).toString() + u"/v1/payments/charges/"_s + last),
            {{"Authorization",
              "Bearer " + token.json().value("access_token"_L1).toString().toLatin1()},
             {"x-api-key", credentials.value("api_key"_L1).toString().toLatin1()}});
        QCOMPARE(charge.status, 200);
        QCOMPARE(charge.json().value("idempotencyKey"_L1).toString(), last);

        process.terminate();
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 0);
    }

    void executableDemoCountBadValue_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addRow("negative") << u"-1"_s;
        QTest::addRow("not a number") << u"many"_s;
        QTest::addRow("too many") << QString::number(Sandbox::kMaxGeneratedPerProvider + 1);
    }

    void executableDemoCountBadValue()
    {
        QFETCH(QString, value);
        QProcess process;
        process.start(QStringLiteral(CANCELDESK_SANDBOX_EXE),
                      {u"--port"_s, u"0"_s, u"--demo-count"_s, value});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardOutput().isEmpty());
        const QByteArray error = process.readAllStandardError();
        QVERIFY2(error.contains("--demo-count"), error.constData());
        QVERIFY2(error.contains(QByteArray::number(Sandbox::kMaxGeneratedPerProvider)),
                 error.constData());
    }

    void executableHelpAndBadInput()
    {
        QProcess help;
        help.start(QStringLiteral(CANCELDESK_SANDBOX_EXE), {u"--help"_s});
        QVERIFY(help.waitForFinished(20000));
        QCOMPARE(help.exitCode(), 0);
        const QByteArray text = help.readAllStandardOutput();
        QVERIFY(text.contains("--state-dir"));
        QVERIFY(text.contains("--scenario"));
        QVERIFY(text.contains("--demo-count"));

        QTemporaryDir dir;
        const QString bad = dir.filePath(u"bad.json"_s);
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"([{"payment":"P","kind":"explode"}])");
        file.close();
        QProcess refused;
        refused.start(QStringLiteral(CANCELDESK_SANDBOX_EXE),
                      {u"--port"_s, u"0"_s, u"--state-dir"_s, dir.path(), u"--scenario"_s, bad});
        QVERIFY(refused.waitForFinished(60000));
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY(refused.readAllStandardOutput().isEmpty());
        QVERIFY(refused.readAllStandardError().contains("explode"));

        QProcess badPort;
        badPort.start(QStringLiteral(CANCELDESK_SANDBOX_EXE), {u"--port"_s, u"70000"_s});
        QVERIFY(badPort.waitForFinished(20000));
        QCOMPARE(badPort.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSandboxExe)
#include "tst_sandbox_exe.moc"
