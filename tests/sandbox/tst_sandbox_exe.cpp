// The state directory and the canceldesk-sandbox executable (PRODUCT.md F19).

#include "sandboxtest.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>

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

    void executableHelpAndBadInput()
    {
        QProcess help;
        help.start(QStringLiteral(CANCELDESK_SANDBOX_EXE), {u"--help"_s});
        QVERIFY(help.waitForFinished(20000));
        QCOMPARE(help.exitCode(), 0);
        const QByteArray text = help.readAllStandardOutput();
        QVERIFY(text.contains("--state-dir"));
        QVERIFY(text.contains("--scenario"));

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
