// canceldesk-cli as a subprocess against real canceldesk-sandbox processes:
// the commands, outcome values and exit codes of PRODUCT.md §10.
#include "antomsim.h"
#include "canceltest.h"
#include "clirunner.h"
#include "domain/cancelpolicy.h"
#include "liquidosim.h"
#include "pgserver.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"
#include "uqpaysim.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <signal.h>

using namespace Qt::Literals::StringLiterals;

using CancelDesk::Test::Run;
using CancelDesk::Test::Sandbox;

class TestCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Sandbox m_sandbox;
    Sandbox m_unknownSandbox; // answers every cancel with an unknown outcome
    Sandbox m_lateSandbox;    // refuses every cancel as too late (Antom F)
    Sandbox m_heldSandbox;    // holds the first cancel's answer (kill mid-cancel)
    Sandbox m_flakySandbox;   // answers the first two cancels with an unknown outcome
    Sandbox m_asyncSandbox;   // UQPAY wallet cancels flip to CANCELLED after 300 ms
    Sandbox m_lostSandbox;    // performs every cancel but drops the answer
    QString m_config;
    QString m_db;
    QList<QByteArray> m_seen;    // every output, for the secret check
    Sandbox m_secretSandbox;     // known, distinctive credentials (everyCommandKeepsSecrets)
    QList<QByteArray> m_secrets; // those and the merchant's private key, line by line
    QStringList m_written;       // files the CLI wrote there, for the secret check

    static inline const QByteArray kUqpayKey = "UQKEY-7c1e9a52d4f8b360-SECRET";
    static inline const QByteArray kWebhookSecret = "whsec_WEBHOOK-5e2d9f0a71c4-SECRET";
    static inline const QByteArray kLiquidoSecret = "LQSECRET-3b9f17d2e8a6c054";
    static inline const QByteArray kLiquidoKey = "LQKEY-a61f0c9e4d27b583";
    static inline const QByteArray kWrongKey = "UQKEY-WRONG-0f8e2d7c6b5a-SECRET";
    static inline const QByteArray kNotAKey = "NOTAKEY-c3d9e1f7a2b84605-SECRET";

    Run cli(const QStringList &args, const Sandbox *sandbox = nullptr, QString db = {})
    {
        const Run run =
            CancelDesk::Test::runCli(args, (sandbox ? sandbox : &m_sandbox)->announcementFile,
                                     m_dir.path(), m_config, db.isEmpty() ? m_db : db);
        m_seen << run.out << run.err;
        return run;
    }

    // The cancel log of db, exported as JSON Lines and read back.
    QList<QJsonObject> exportedLog(const QString &name, const Sandbox *sandbox, const QString &db)
    {
        const QString out = m_dir.filePath(name + u".jsonl"_s);
        const Run run =
            cli({u"log"_s, u"export"_s, u"--out"_s, out, u"--format"_s, u"jsonl"_s}, sandbox, db);
        QList<QJsonObject> entries;
        QFile f(out);
        if (run.code != 0 || !f.open(QIODevice::ReadOnly))
            return entries;
        for (const QByteArray &line : f.readAll().trimmed().split('\n'))
            entries.append(QJsonDocument::fromJson(line).object());
        return entries;
    }

    static QJsonObject json(const Run &run) { return CancelDesk::Test::json(run); }

    // What someone with the database file does: drops the append-only
    // triggers, then runs the statements. Returns the rows they changed, -1
    // when one failed.
    // Every row of a PostgreSQL store as text, each table's after its name.
    static QByteArray databaseText(const QString &url)
    {
        CancelDesk::Storage::Database store(url);
        QString error;
        if (!store.open(&error))
            return {};
        QByteArray text;
        QSqlQuery q(store.connection());
        const QStringList tables{u"orders"_s, u"status_history"_s, u"cancel_attempts"_s,
                                 u"journal_entries"_s};
        for (const QString &table : tables) {
            text += table.toUtf8() + '\n';
            if (!q.exec(u"SELECT t::text FROM %1 t"_s.arg(table)))
                return {};
            while (q.next())
                text += q.value(0).toString().toUtf8() + '\n';
        }
        return text;
    }

    static int tamper(const QString &path, const QStringList &statements)
    {
        int changed = 0;
        {
            // The store as the program opens it, then disarmed.
            CancelDesk::Storage::Database store(path);
            QString error;
            if (!store.open(&error))
                return -1;
            QSqlDatabase db = store.connection();
            if (!CancelDesk::Test::disarmStore(db))
                return -1;
            QSqlQuery q(db);
            for (const QString &statement : statements) {
                if (!q.exec(statement)) {
                    qWarning("%s", qPrintable(q.lastError().text()));
                    return -1;
                }
                changed += q.numRowsAffected();
            }
            q.finish();
        }
        return changed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"a"_s)));
        QVERIFY(m_sandbox.start(m_dir.filePath(u"a"_s)));

        const auto startWith = [this](Sandbox &sandbox, const QString &name,
                                      const QByteArray &scenarios) {
            return sandbox.startWith(m_dir.filePath(name), scenarios);
        };
        QVERIFY(startWith(m_unknownSandbox, u"unknown"_s,
                          R"([{"payment": "*", "kind": "unknown", "on": "cancel", "times": -1}])"));
        QVERIFY(startWith(m_lateSandbox, u"late"_s,
                          R"([{"payment": "*", "kind": "window_exceeded"}])"));
        QVERIFY(startWith(
            m_heldSandbox, u"held"_s,
            R"([{"payment": "*", "kind": "timeout", "on": "cancel", "ms": 20000, "times": 1}])"));
        QVERIFY(startWith(m_flakySandbox, u"flaky"_s,
                          R"([{"payment": "*", "kind": "unknown", "on": "cancel", "times": 2}])"));
        QVERIFY(startWith(m_asyncSandbox, u"async"_s,
                          R"([{"payment": "*", "kind": "async_cancel_delay", "ms": 300}])"));
        QVERIFY(startWith(
            m_lostSandbox, u"lost"_s,
            R"([{"payment": "*", "kind": "timeout", "on": "cancel", "ms": 100, "times": -1}])"));

        // Short waits so that the suite stays fast.
        m_config = m_dir.filePath(u"canceldesk.ini"_s);
        QFile ini(m_config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[general]\nenvironment=sandbox\noperator=Test Operator\n"
                  "[network]\ntimeout_ms=5000\nmax_retries=2\nretry_base_ms=20\n"
                  "confirm_timeout_s=3\npoll_interval_ms=50\nconcurrency=2\n");
        ini.close();
        m_db = CancelDesk::Test::storeLocation(m_dir, u"cli.sqlite"_s);
    }

    void cleanupTestCase()
    {
        m_sandbox.stop();
        m_unknownSandbox.stop();
        m_lateSandbox.stop();
        m_heldSandbox.stop();
        m_flakySandbox.stop();
        m_asyncSandbox.stop();
        m_lostSandbox.stop();
        m_secretSandbox.stop();
    }

    void help()
    {
        const Run run = cli({u"--help"_s});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains("log verify"));
        QVERIFY(run.out.contains("log head"));
        QVERIFY(run.out.contains("--expect-head SEQ:HASH"));
        QVERIFY(run.out.contains("--expect-manifest FILE"));
        QVERIFY(run.out.contains("CANCELDESK_SANDBOX_ANNOUNCEMENT"));
        // Every command group, team mode's too (the man page is made from this text).
        for (const char *command :
             {"orders add", "refresh", "cancel PAYMENT_ID", "recover", "log export", "team init",
              "team grant", "team threshold", "approvals list", "approve ATTEMPT_ID",
              "decline ATTEMPT_ID", "db copy --to URL", "6 cancel log verification failed",
              "7 awaiting approval", "8 not permitted"})
            QVERIFY2(run.out.contains(command), command);
    }

    // --version names the program and its version on the first line (what
    // help2man reads), then the libraries as loaded; --json gives both as fields.
    void version()
    {
        const QString expected = QStringLiteral(CANCELDESK_EXPECTED_VERSION);
        const Run text = cli({u"--version"_s});
        QCOMPARE(text.code, 0);
        const QStringList lines = QString::fromUtf8(text.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), u"canceldesk-cli "_s + expected);
        const QRegularExpression components(
            uR"(^Qt (\d+\.\d+\.\d+), OpenSSL 3\.\d+\.\d+, SQLite 3\.\d+\.\d+, libpq \d+\.\d+$)"_s);
        const QRegularExpressionMatch match = components.match(lines.at(1));
        QVERIFY2(match.hasMatch(), qPrintable(lines.at(1)));
        // The Qt the CLI loaded is the one this test loaded.
        QCOMPARE(match.captured(1), QString::fromLatin1(qVersion()));

        const QJsonObject json = CancelDesk::Test::json(cli({u"--json"_s, u"--version"_s}));
        QCOMPARE(json.value("command"_L1).toString(), u"version"_s);
        QCOMPARE(json.value("version"_L1).toString(), expected);
        const QJsonObject parts = json.value("components"_L1).toObject();
        QCOMPARE(parts.value("Qt"_L1).toString(), QString::fromLatin1(qVersion()));
        QVERIFY(lines.at(1).contains(u"SQLite "_s + parts.value("SQLite"_L1).toString()));
        QVERIFY(lines.at(1).contains(u"libpq "_s + parts.value("libpq"_L1).toString()));

        QProcess sandbox;
        sandbox.start(CancelDesk::Test::sandboxExecutable(), {u"--version"_s});
        QVERIFY(sandbox.waitForFinished(20000));
        QCOMPARE(sandbox.exitCode(), 0);
        const QStringList sandboxLines =
            QString::fromUtf8(sandbox.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(sandboxLines.value(0), u"canceldesk-sandbox "_s + expected);
        QCOMPARE(sandboxLines.value(1), lines.at(1));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("no command") << QStringList{};
        QTest::addRow("unknown command") << QStringList{u"frobnicate"_s};
        QTest::addRow("unknown option") << QStringList{u"--frob"_s, u"recover"_s};
        QTest::addRow("bad language") << QStringList{u"--lang"_s, u"xx"_s, u"recover"_s};
        QTest::addRow("add without id")
            << QStringList{u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s};
        QTest::addRow("add bad provider")
            << QStringList{u"orders"_s, u"add"_s, u"--provider"_s, u"paypal"_s, u"--id"_s, u"x"_s};
        QTest::addRow("list bad status")
            << QStringList{u"orders"_s, u"list"_s, u"--status"_s, u"NOPE"_s};
        QTest::addRow("list bad format")
            << QStringList{u"orders"_s, u"list"_s, u"--format"_s, u"xml"_s};
        QTest::addRow("refresh nothing") << QStringList{u"refresh"_s};
        QTest::addRow("cancel without reason") << QStringList{u"cancel"_s, u"X"_s, u"--yes"_s};
        QTest::addRow("cancel bad reason")
            << QStringList{u"cancel"_s, u"X"_s, u"--reason"_s, u"bored"_s, u"--yes"_s};
        QTest::addRow("cancel other without note")
            << QStringList{u"cancel"_s, u"X"_s, u"--reason"_s, u"other"_s, u"--yes"_s};
        QTest::addRow("cancel unknown id") << QStringList{
            u"cancel"_s, u"NOT-IN-STORE"_s, u"--reason"_s, u"duplicate"_s, u"--yes"_s};
        QTest::addRow("export without out") << QStringList{u"log"_s, u"export"_s};
        QTest::addRow("export bad date") << QStringList{u"log"_s,   u"export"_s, u"--out"_s,
                                                        u"x.csv"_s, u"--from"_s, u"2026-13-01"_s};
        QTest::addRow("export bad format")
            << QStringList{u"log"_s, u"export"_s, u"--out"_s, u"x.pdf"_s, u"--format"_s, u"pdf"_s};
        const QString hash(64, u'a');
        QTest::addRow("head with an argument") << QStringList{u"log"_s, u"head"_s, u"x"_s};
        QTest::addRow("expected head without hash")
            << QStringList{u"log"_s, u"verify"_s, u"--expect-head"_s, u"12"_s};
        QTest::addRow("expected head with a short hash")
            << QStringList{u"log"_s, u"verify"_s, u"--expect-head"_s, u"12:abc"_s};
        QTest::addRow("expected head with a bad seq")
            << QStringList{u"log"_s, u"verify"_s, u"--expect-head"_s, u"x:"_s + hash};
        QTest::addRow("expected head and manifest") << QStringList{
            u"log"_s,   u"verify"_s, u"--expect-head"_s, u"1:"_s + hash, u"--expect-manifest"_s,
            u"m.json"_s};
        QTest::addRow("missing manifest")
            << QStringList{u"log"_s, u"verify"_s, u"--expect-manifest"_s, u"no-such.json"_s};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run run = cli(args);
        QCOMPARE(run.code, 2);
        QVERIFY(!run.err.isEmpty());
    }

    void missingConfigFile()
    {
        QProcess p;
        p.start(QStringLiteral(CANCELDESK_CLI_EXE), {u"--config"_s, m_dir.filePath(u"nope.ini"_s),
                                                     u"--db"_s, m_db, u"log"_s, u"verify"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
    }

    // A configuration file that must be refused: the CLI exits 5 and says why.
    void configRefused_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<int>("perms");
        QTest::addColumn<QString>("fix"); // followed by the file's path
        const int k0644 = int(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                              | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        QTest::addRow("secret readable by others")
            << QByteArray("[uqpay]\nclient_id=c\napi_key=VERY-SECRET-KEY\n") << k0644
            << u"chmod 600 "_s;
        // It decides where keys are sent: refused even without a secret in it.
        QTest::addRow("writable by the group")
            << QByteArray("[general]\nenvironment=sandbox\n")
            << (k0644 | int(QFileDevice::WriteGroup)) << u"chmod go-w "_s;
    }

    void configRefused()
    {
        QFETCH(QByteArray, ini);
        QFETCH(int, perms);
        QFETCH(QString, fix);
        const QString path = m_dir.filePath(
            QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".ini"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ini);
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::Permissions(perms)));
        QProcess p;
        p.start(QStringLiteral(CANCELDESK_CLI_EXE),
                {u"--config"_s, path, u"--db"_s, m_db, u"log"_s, u"verify"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 5);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(fix + path), qPrintable(err));
        QVERIFY(!err.contains(u"VERY-SECRET-KEY"_s));
    }

    // F20: a --db URL holding a password is a usage error, and no output
    // repeats it.
    void dbUrlWithPasswordRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addRow("in the user part") << u"postgresql://alice:Hunter2Secret@127.0.0.1/cd"_s;
        QTest::addRow("as a parameter") << u"postgresql://127.0.0.1/cd?password=Hunter2Secret"_s;
    }

    void dbUrlWithPasswordRefused()
    {
        QFETCH(QString, url);
        QProcess p;
        p.start(QStringLiteral(CANCELDESK_CLI_EXE), {u"--config"_s, m_config, u"--db"_s, url,
                                                     u"--lang"_s, u"en"_s, u"log"_s, u"verify"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(err.contains(u"PGPASSWORD"_s), qPrintable(err));
        QVERIFY2(!err.contains(u"Hunter2Secret"_s) && !out.contains(u"Hunter2Secret"_s),
                 qPrintable(err));
    }

    // Where the store is: --db, else [database] url, else the environment's
    // own file (that last one is tst_appconfig's: here it would be the home).
    void databasePrecedence()
    {
        const QString dir = m_dir.filePath(u"precedence"_s);
        QVERIFY(QDir().mkpath(dir));
        const QString fromConfig = QDir(dir).filePath(u"from-config.sqlite"_s);
        const QString fromOption = QDir(dir).filePath(u"from-option.sqlite"_s);
        const QString config = QDir(dir).filePath(u"canceldesk.ini"_s);
        QFile ini(config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[general]\nenvironment=sandbox\n[database]\nurl=" + fromConfig.toUtf8() + "\n");
        ini.close();

        // Should the default win by mistake, it lands here, not in the home.
        const QString defaultData = QDir(dir).filePath(u"data"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, defaultData);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CANCELDESK_CLI_EXE),
                {u"--config"_s, config, u"--lang"_s, u"en"_s, u"log"_s, u"verify"_s});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFileInfo::exists(fromConfig));
        QVERIFY(!QFileInfo::exists(fromOption));

        QVERIFY(QFile::remove(fromConfig));
        p.start(QStringLiteral(CANCELDESK_CLI_EXE), {u"--config"_s, config, u"--db"_s, fromOption,
                                                     u"--lang"_s, u"en"_s, u"log"_s, u"verify"_s});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFileInfo::exists(fromOption));
        QVERIFY(!QFileInfo::exists(fromConfig));
        QVERIFY(!QFileInfo::exists(defaultData));
    }

    void ordersAdd_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("index");
        QTest::addRow("uqpay card") << u"uqpay"_s << 0;
        QTest::addRow("uqpay second") << u"uqpay"_s << 2;
        QTest::addRow("antom refunded") << u"antom"_s << 10;
        QTest::addRow("liquido settled") << u"liquido"_s << 5;
        QTest::addRow("liquido card") << u"liquido"_s << 3;
    }

    void ordersAdd()
    {
        QFETCH(QString, provider);
        QFETCH(int, index);
        const QString id = m_sandbox.demo(provider, index);
        QVERIFY(!id.isEmpty());
        const Run run =
            cli({u"--json"_s, u"orders"_s, u"add"_s, u"--provider"_s, provider, u"--id"_s, id});
        QVERIFY2(run.code == 0, run.err.constData());
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"command"_s).toString(), u"orders add"_s);
        QCOMPARE(result.value(u"order"_s).toObject().value(u"payment_id"_s).toString(), id);
        QCOMPARE(result.value(u"order"_s).toObject().value(u"provider"_s).toString(), provider);
    }

    void addUnknownFails()
    {
        const Run run = cli(
            {u"orders"_s, u"add"_s, u"--provider"_s, u"liquido"_s, u"--id"_s, u"no-such-charge"_s});
        QCOMPARE(run.code, 5);
    }

    void ordersList()
    {
        Run run = cli({u"orders"_s, u"list"_s, u"--format"_s, u"json"_s});
        QCOMPARE(run.code, 0);
        const QJsonArray all = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(all.size(), 5);
        run = cli({u"orders"_s, u"list"_s, u"--provider"_s, u"liquido"_s, u"--json"_s});
        QCOMPARE(run.code, 0);
        const QJsonArray liquido = json(run).value(u"orders"_s).toArray();
        QCOMPARE(liquido.size(), 2);
        for (const QJsonValue &o : liquido)
            QCOMPARE(o.toObject().value(u"provider"_s).toString(), u"liquido"_s);
        run = cli({u"orders"_s, u"list"_s, u"--format"_s, u"csv"_s});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.startsWith("provider,payment_id,"));
        QCOMPARE(run.out.count("\r\n"), 6);
        // Global options after the command work too.
        run = cli({u"orders"_s, u"list"_s, u"--lang"_s, u"zh_CN"_s});
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains(m_sandbox.demo(u"uqpay"_s, 0).toUtf8()));
    }

    void refresh()
    {
        Run run = cli({u"--json"_s, u"refresh"_s, u"--all"_s});
        QVERIFY2(run.code == 0, run.err.constData());
        QCOMPARE(json(run).value(u"total"_s).toInt(), 5);
        QCOMPARE(json(run).value(u"failed"_s).toInt(), 0);
        run = cli({u"refresh"_s, m_sandbox.demo(u"uqpay"_s, 0)});
        QCOMPARE(run.code, 0);
        run = cli({u"refresh"_s, u"NOT-IN-STORE"_s});
        QCOMPARE(run.code, 2);
    }

    void ordersImport()
    {
        const QString path = m_dir.filePath(u"import.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("provider,payment_id,amount,currency,merchant_reference\r\n"
                   "uqpay,PI-IMPORTED-1,12.50,SGD,SO-9001\r\n"
                   "nowhere,X-2,1.00,USD,SO-9002\r\n"
                   "liquido,lq-imported-3,10.00,BRL,SO-9003\r\n");
        file.close();
        Run run = cli({u"--json"_s, u"orders"_s, u"import"_s, path});
        // Bad rows make it bad input; the good ones are imported all the same.
        QCOMPARE(run.code, 2);
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"imported"_s).toInt(), 2);
        const QJsonArray issues = result.value(u"issues"_s).toArray();
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.at(0).toObject().value(u"line"_s).toInt(), 3);
        run = cli({u"orders"_s, u"list"_s, u"--format"_s, u"json"_s});
        QVERIFY(run.out.contains("PI-IMPORTED-1"));
        QVERIFY(run.out.contains("lq-imported-3"));
        run = cli({u"orders"_s, u"import"_s, m_dir.filePath(u"missing.csv"_s)});
        QCOMPARE(run.code, 2);
    }

    void cancelNeedsTerminalOrYes()
    {
        const Run run =
            cli({u"cancel"_s, m_sandbox.demo(u"uqpay"_s, 0), u"--reason"_s, u"duplicate"_s});
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains("--yes"));
    }

    void cancelAsksOnTerminal()
    {
        // util-linux script(1) gives the CLI a pseudo-terminal as stdin.
        const QString script = QStandardPaths::findExecutable(u"script"_s);
        // Debian's essential bsdutils ships it: a missing one is a broken machine,
        // not a reason to skip silently.
        QVERIFY2(!script.isEmpty(), "script(1) (bsdutils) is not installed");
        const QString id = m_sandbox.demo(u"uqpay"_s, 2);
        const QString command =
            u"'%1' --config '%2' --db '%3' --lang en cancel %4 --reason "
            u"duplicate"_s.arg(QStringLiteral(CANCELDESK_CLI_EXE), m_config, m_db, id);
        for (const QByteArray &answer : {QByteArray("no\n"), QByteArray("yes\n")}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"CANCELDESK_SANDBOX_ANNOUNCEMENT"_s, m_sandbox.announcementFile);
            p.setProcessEnvironment(env);
            p.start(script, {u"-q"_s, u"-e"_s, u"-c"_s, command, u"/dev/null"_s});
            QVERIFY(p.waitForStarted());
            p.write(answer);
            p.closeWriteChannel();
            QVERIFY(p.waitForFinished(60000));
            const QByteArray out = p.readAll();
            m_seen << out;
            QVERIFY2(out.contains(QByteArray("Cancel payment " + id.toUtf8())), out.constData());
            QVERIFY2(out.contains("Type yes"), out.constData());
            QCOMPARE(p.exitCode(), answer == "yes\n" ? 0 : 2);
        }
    }

    void cancelSucceeded()
    {
        const Run run = cli({u"--json"_s, u"cancel"_s, m_sandbox.demo(u"uqpay"_s, 0), u"--reason"_s,
                             u"duplicate"_s, u"--yes"_s});
        QVERIFY2(run.code == 0, run.out.constData());
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"command"_s).toString(), u"cancel"_s);
        QCOMPARE(result.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QVERIFY(result.value(u"sent"_s).toBool());
        QVERIFY(result.value(u"attempt_id"_s).toInteger() > 0);
    }

    void cancelRejectedByAntom()
    {
        // ALIPAY_HK, unpaid, created 3 minutes before the sandbox started: locally
        // cancellable for 14 minutes; this sandbox answers CANCEL_WINDOW_EXCEED (F).
        const QString db = m_dir.filePath(u"late.sqlite"_s);
        const QString id = m_lateSandbox.demo(u"antom"_s, 4);
        Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"antom"_s, u"--id"_s, id},
                      &m_lateSandbox, db);
        QVERIFY2(run.code == 0, run.err.constData());
        run = cli(
            {u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"requested_by_customer"_s, u"--yes"_s},
            &m_lateSandbox, db);
        QCOMPARE(run.code, 3);
        const QJsonObject result = json(run);
        QVERIFY(result.value(u"sent"_s).toBool());
        QCOMPARE(result.value(u"outcome"_s).toString(), u"REJECTED"_s);
        QCOMPARE(result.value(u"provider_code"_s).toString(), u"CANCEL_WINDOW_EXCEED"_s);
        QCOMPARE(result.value(u"guidance"_s).toString(), u"refund"_s);
    }

    void cancelRefundedAntomRefusedLocally()
    {
        // The sandbox's Antom payment with a refund: never cancellable, known
        // locally from the inquiry, so nothing is sent.
        const Run run = cli({u"--json"_s, u"cancel"_s, m_sandbox.demo(u"antom"_s, 10),
                             u"--reason"_s, u"requested_by_customer"_s, u"--yes"_s});
        QCOMPARE(run.code, 3);
        QCOMPARE(json(run).value(u"sent"_s).toBool(), false);
        QCOMPARE(json(run).value(u"refusal"_s).toString(), u"ineligible"_s);
    }

    void cancelIneligibleLiquidoSendsNothing()
    {
        const Run run = cli({u"--json"_s, u"cancel"_s, m_sandbox.demo(u"liquido"_s, 5),
                             u"--reason"_s, u"duplicate"_s, u"--yes"_s});
        QCOMPARE(run.code, 3);
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"sent"_s).toBool(), false);
        QCOMPARE(result.value(u"refusal"_s).toString(), u"ineligible"_s);
        QVERIFY(result.value(u"outcome"_s).isNull());
    }

    void cancelUnknownForeverIsUnresolved()
    {
        const QString db = m_dir.filePath(u"unknown.sqlite"_s);
        const QString id = m_unknownSandbox.demo(u"uqpay"_s, 0);
        Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id},
                      &m_unknownSandbox, db);
        QVERIFY2(run.code == 0, run.err.constData());
        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"abandoned"_s, u"--yes"_s},
                  &m_unknownSandbox, db);
        QCOMPARE(run.code, 4);
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"outcome"_s).toString(), u"UNRESOLVED"_s);
        QVERIFY(result.value(u"tries"_s).toInt() >= 1);
    }

    void cancelUnknownThenSucceeded()
    {
        // Antom ALIPAY_HK, unpaid: two signed U answers, then S on the same
        // (identical) request.
        const QString db = m_dir.filePath(u"flaky.sqlite"_s);
        const QString id = m_flakySandbox.demo(u"antom"_s, 4);
        Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"antom"_s, u"--id"_s, id},
                      &m_flakySandbox, db);
        QVERIFY2(run.code == 0, run.err.constData());
        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                  &m_flakySandbox, db);
        QVERIFY2(run.code == 0, run.out.constData());
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QCOMPARE(result.value(u"tries"_s).toInt(), 3);
        // One attempt in the log, not three.
        const QList<QJsonObject> log = exportedLog(u"flaky"_s, &m_flakySandbox, db);
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().value(u"tries"_s).toInt(), 3);
    }

    void uqpayAsyncCancelConfirmedByPolling()
    {
        // WeChat Pay intent: UQPAY answers 200 with the intent unchanged; the
        // CLI polls until it is CANCELLED.
        const QString db = m_dir.filePath(u"async.sqlite"_s);
        const QString id = m_asyncSandbox.demo(u"uqpay"_s, 5);
        Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id},
                      &m_asyncSandbox, db);
        QVERIFY2(run.code == 0, run.err.constData());
        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"abandoned"_s, u"--yes"_s},
                  &m_asyncSandbox, db);
        QVERIFY2(run.code == 0, run.out.constData());
        const QJsonObject result = json(run);
        QCOMPARE(result.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QCOMPARE(result.value(u"tries"_s).toInt(), 1);
        QCOMPARE(exportedLog(u"async"_s, &m_asyncSandbox, db).first().value(u"status_after"_s),
                 u"CANCELLED"_s);
        run = cli({u"--json"_s, u"orders"_s, u"list"_s}, &m_asyncSandbox, db);
        const QJsonArray orders = json(run).value(u"orders"_s).toArray();
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.at(0).toObject().value(u"status"_s).toString(), u"CANCELLED"_s);
    }

    void unresolvedThenReconciledByRefresh()
    {
        // The cancel takes effect at UQPAY but every answer is lost: UNRESOLVED
        // (exit 4). A later refresh sees CANCELLED and settles the attempt.
        const QString db = m_dir.filePath(u"lost.sqlite"_s);
        const QString id = m_lostSandbox.demo(u"uqpay"_s, 0);
        Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id},
                      &m_lostSandbox, db);
        QVERIFY2(run.code == 0, run.err.constData());
        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                  &m_lostSandbox, db);
        QCOMPARE(run.code, 4);
        QCOMPARE(json(run).value(u"outcome"_s).toString(), u"UNRESOLVED"_s);

        run = cli({u"--json"_s, u"refresh"_s, id}, &m_lostSandbox, db);
        QVERIFY2(run.code == 0, run.out.constData());
        QCOMPARE(json(run).value(u"reconciled"_s).toInt(), 1);

        const QList<QJsonObject> log = exportedLog(u"lost"_s, &m_lostSandbox, db);
        QCOMPARE(log.size(), 1);
        const QJsonObject &entry = log.first();
        QCOMPARE(entry.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QCOMPARE(entry.value(u"provider_code"_s).toString(), u"RECONCILED"_s);
        QCOMPARE(entry.value(u"status_after"_s).toString(), u"CANCELLED"_s);
        run = cli({u"log"_s, u"verify"_s}, &m_lostSandbox, db);
        QVERIFY2(run.code == 0, run.out.constData());
    }

    void killedMidCancelThenRecovered()
    {
        const QString db = m_dir.filePath(u"held.sqlite"_s);
        const QString id = m_heldSandbox.demo(u"uqpay"_s, 0);
        Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id},
                      &m_heldSandbox, db);
        QVERIFY2(run.code == 0, run.err.constData());

        // The first cancel is sent and then waits for an answer that is held back.
        QProcess first;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CANCELDESK_SANDBOX_ANNOUNCEMENT"_s, m_heldSandbox.announcementFile);
        first.setProcessEnvironment(env);
        first.setStandardInputFile(QProcess::nullDevice());
        first.start(QStringLiteral(CANCELDESK_CLI_EXE),
                    {u"--config"_s, m_config, u"--db"_s, db, u"--lang"_s, u"en"_s, u"cancel"_s, id,
                     u"--reason"_s, u"duplicate"_s, u"--yes"_s});
        QByteArray err;
        for (int i = 0; i < 200 && !err.contains("Sent"); ++i) {
            first.waitForReadyRead(50);
            err += first.readAllStandardError();
        }
        QVERIFY2(err.contains("Sent"), err.constData());

        // A second process may not cancel the same order meanwhile (F12), nor
        // take over the attempt of a process that is still running.
        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                  &m_heldSandbox, db);
        QCOMPARE(run.code, 3);
        QCOMPARE(json(run).value(u"refusal"_s).toString(), u"active_attempt"_s);
        QCOMPARE(json(run).value(u"sent"_s).toBool(), false);

        first.kill();
        QVERIFY(first.waitForFinished(10000));

        run = cli({u"--json"_s, u"recover"_s}, &m_heldSandbox, db);
        QVERIFY2(run.code == 0, run.out.constData());
        const QJsonArray recovered = json(run).value(u"recovered"_s).toArray();
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.at(0).toObject().value(u"payment_id"_s).toString(), id);
        QCOMPARE(recovered.at(0).toObject().value(u"outcome"_s).toString(), u"SUCCEEDED"_s);

        // Nothing left to resume; one attempt, one key, in the log.
        run = cli({u"--json"_s, u"recover"_s}, &m_heldSandbox, db);
        QCOMPARE(run.code, 0);
        QCOMPARE(json(run).value(u"recovered"_s).toArray().size(), 0);
        const QList<QJsonObject> log = exportedLog(u"held"_s, &m_heldSandbox, db);
        QCOMPARE(log.size(), 1);
        const QJsonObject &entry = log.first();
        QCOMPARE(entry.value(u"payment_id"_s).toString(), id);
        QCOMPARE(entry.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
    }

    // ---------------------------------------------------------------------------
    // Kills and concurrency (issue 7). These run the CLI against an in-process
    // sandbox, so that the test can count the cancels a provider saw
    // (requestServed) and look at the payment's state there; the CLI therefore
    // runs asynchronously while this event loop serves it (liveCli()).

private:
    struct LiveSandbox
    {
        CancelDesk::Sandbox::SandboxServer server;
        QString announcementFile;
        QStringList cancels; // "path status" of every cancel request answered or dropped

        int answeredCancels() const
        {
            int n = 0;
            for (const QString &c : cancels)
                n += c.endsWith(u" 0"_s) ? 0 : 1;
            return n;
        }

        // Cancels the provider carried out: neither dropped nor refused for a
        // token another process revoked meanwhile (UQPAY's one active token;
        // the identical request then goes again with a fresh one).
        int performedCancels() const
        {
            int n = 0;
            for (const QString &c : cancels)
                n += c.endsWith(u" 0"_s) || c.endsWith(u" 401"_s) ? 0 : 1;
            return n;
        }

        // The payment's status as the provider holds it.
        QString status(const QString &provider, const QString &id)
        {
            if (provider == u"uqpay") {
                const auto *intent = server.uqpay().intent(id);
                return intent ? intent->status : QString();
            }
            if (provider == u"antom") {
                const auto *payment = server.antom().payment(id);
                return payment ? payment->status : QString();
            }
            const auto *charge = server.liquido().charge(id);
            return charge ? charge->status : QString();
        }
    };

    std::unique_ptr<LiveSandbox> startLive(const QString &name, const QByteArray &scenarios = {})
    {
        auto live = std::make_unique<LiveSandbox>();
        CancelDesk::Sandbox::SandboxOptions options;
        // Shared by every live sandbox: generating the keys is the slow part.
        options.stateDir = m_dir.filePath(u"live-state"_s);
        if (live->server.start(options) == 0) {
            qWarning("%s", qPrintable(live->server.errorString()));
            return nullptr;
        }
        if (!scenarios.isEmpty() && !live->server.loadScenarios(scenarios))
            return nullptr;
        QObject::connect(
            &live->server, &CancelDesk::Sandbox::SandboxServer::requestServed, &live->server,
            [cancels = &live->cancels](const QString &, const QString &path, int status) {
                if (path.contains(u"cancel"_s))
                    cancels->append(path + u' ' + QString::number(status));
            });
        live->announcementFile = m_dir.filePath(name + u"-announcement.json"_s);
        QFile file(live->announcementFile);
        if (!file.open(QIODevice::WriteOnly))
            return nullptr;
        file.write(QJsonDocument(live->server.config()).toJson(QJsonDocument::Compact) + '\n');
        file.close();
        if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return nullptr;
        return live;
    }

    // Starts canceldesk-cli without waiting; stopAt sets the test-only stop
    // point CANCELDESK_TEST_STOP_AT (see canceljob.cpp).
    void startCli(QProcess &p, const QStringList &args, const LiveSandbox &live, const QString &db,
                  const QString &stopAt = {}, const QString &config = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CANCELDESK_SANDBOX_ANNOUNCEMENT"_s, live.announcementFile);
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"xdg-config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"xdg-data"_s));
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        env.remove(u"CANCELDESK_TEST_STOP_AT"_s);
        if (!stopAt.isEmpty())
            env.insert(u"CANCELDESK_TEST_STOP_AT"_s, stopAt);
        p.setProcessEnvironment(env);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(CANCELDESK_CLI_EXE),
                QStringList{u"--config"_s, config.isEmpty() ? m_config : config, u"--db"_s, db,
                            u"--lang"_s, u"en"_s}
                    + args);
    }

    // Waits for a started CLI with the event loop running (the sandbox serves it).
    Run finishCli(QProcess &p)
    {
        Run run;
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 120000)) {
            p.kill();
            p.waitForFinished();
            return run;
        }
        run.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        m_seen << run.out << run.err;
        return run;
    }

    Run liveCli(const QStringList &args, const LiveSandbox &live, const QString &db)
    {
        QProcess p;
        startCli(p, args, live, db);
        return finishCli(p);
    }

    // Whether the process is stopped (SIGSTOP), from /proc/PID/stat.
    static bool isStopped(qint64 pid)
    {
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        return close > 0 && line.mid(close + 2, 1) == "T";
    }

    // The attempts of the cancel log in db, read directly.
    static QList<CancelDesk::Storage::CancelAttempt> attemptsIn(const QString &db, bool *intact)
    {
        CancelDesk::Storage::Database database(db);
        QString error;
        if (!database.open(&error))
            return {};
        CancelDesk::Storage::CancelJournal journal(database);
        if (intact)
            *intact = journal.verify().ok;
        return journal.list({});
    }

private Q_SLOTS:
    // F11 recovery after a SIGKILL at each step: journaled (PREPARED, nothing
    // sent), SENT (journaled, the request not yet out) and CONFIRMING (UQPAY
    // wallet, accepted, not final). The next start — `recover`, or any other
    // command — resumes the same attempt with the same key; the provider sees
    // exactly one cancel and the log holds one attempt, SUCCEEDED.
    void killedAtEachStepThenRecovered_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("stopAt");
        QTest::addColumn<QStringList>("next"); // the command of the next start
        QTest::addColumn<QByteArray>("scenarios");
        const QStringList recover{u"--json"_s, u"recover"_s};
        const QStringList list{u"orders"_s, u"list"_s};
        const QStringList verify{u"log"_s, u"verify"_s};
        const QByteArray none;
        // UQPAY WeChat Pay: accepted, CANCELLED 300 ms later.
        const QByteArray async = R"([{"payment": "*", "kind": "async_cancel_delay", "ms": 300}])";
        QTest::addRow("prepared uqpay") << u"uqpay"_s << 0 << u"prepared"_s << recover << none;
        QTest::addRow("prepared antom") << u"antom"_s << 4 << u"prepared"_s << list << none;
        QTest::addRow("prepared liquido") << u"liquido"_s << 3 << u"prepared"_s << recover << none;
        QTest::addRow("sent uqpay") << u"uqpay"_s << 0 << u"sent"_s << verify << none;
        QTest::addRow("sent antom") << u"antom"_s << 4 << u"sent"_s << recover << none;
        QTest::addRow("sent liquido") << u"liquido"_s << 3 << u"sent"_s << list << none;
        QTest::addRow("confirming uqpay") << u"uqpay"_s << 5 << u"confirming"_s << recover << async;
        QTest::addRow("confirming uqpay, next command")
            << u"uqpay"_s << 5 << u"confirming"_s << list << async;
    }

    void killedAtEachStepThenRecovered()
    {
        QFETCH(QString, provider);
        QFETCH(int, index);
        QFETCH(QString, stopAt);
        QFETCH(QStringList, next);
        QFETCH(QByteArray, scenarios);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const auto live = startLive(tag, scenarios);
        QVERIFY(live);
        const QString db = m_dir.filePath(u"kill-"_s + tag + u".sqlite"_s);
        const QString id = live->server.demoIds(provider).value(index);
        QVERIFY(!id.isEmpty());
        Run run =
            liveCli({u"orders"_s, u"add"_s, u"--provider"_s, provider, u"--id"_s, id}, *live, db);
        QVERIFY2(run.code == 0, run.err.constData());
        const QString before = live->status(provider, id);

        QProcess first;
        startCli(first, {u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s}, *live, db,
                 stopAt);
        QVERIFY(first.waitForStarted());
        const qint64 pid = first.processId();
        QVERIFY(QTest::qWaitFor(
            [&] { return isStopped(pid) || first.state() == QProcess::NotRunning; }, 60000));
        QVERIFY2(isStopped(pid), first.readAllStandardError().constData());

        // Stopped right after the journal write: the attempt is there, in that state.
        bool intact = false;
        QList<CancelDesk::Storage::CancelAttempt> attempts = attemptsIn(db, &intact);
        QCOMPARE(attempts.size(), 1);
        const CancelDesk::Storage::CancelAttempt journaled = attempts.first();
        QCOMPARE(CancelDesk::Storage::attemptStateKey(journaled.state), stopAt.toUpper());
        QVERIFY(!journaled.idempotencyKey.isEmpty());
        QCOMPARE(journaled.ownerPid, pid);
        // Nothing reached the provider before CONFIRMING; the accepted wallet
        // cancel did.
        QCOMPARE(live->cancels.size(), stopAt == u"confirming" ? 1 : 0);
        if (stopAt != u"confirming")
            QCOMPARE(live->status(provider, id), before);

        ::kill(static_cast<pid_t>(pid), SIGKILL);
        QVERIFY(QTest::qWaitFor([&first] { return first.state() == QProcess::NotRunning; }, 10000));

        run = liveCli(next, *live, db);
        QVERIFY2(run.code == 0, QByteArray(run.out + run.err).constData());
        if (next.contains(u"recover"_s)) {
            const QJsonArray recovered = json(run).value(u"recovered"_s).toArray();
            QCOMPARE(recovered.size(), 1);
            QCOMPARE(recovered.at(0).toObject().value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
            QCOMPARE(recovered.at(0).toObject().value(u"attempt_id"_s).toInteger(), journaled.id);
        } else {
            QVERIFY2(run.err.contains("Resumed:") && run.err.contains("SUCCEEDED"),
                     run.err.constData());
        }

        // One attempt, the same one with the same key, final; the provider saw
        // one cancel and holds the payment cancelled.
        attempts = attemptsIn(db, &intact);
        QVERIFY(intact);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().id, journaled.id);
        QCOMPARE(attempts.first().idempotencyKey, journaled.idempotencyKey);
        QCOMPARE(attempts.first().state, CancelDesk::Storage::AttemptState::Succeeded);
        // SENT counts the try before the request leaves: stopped there, the
        // first try never left and recovery's resend is the second.
        QCOMPARE(attempts.first().tries, stopAt == u"sent" ? 2 : 1);
        QCOMPARE(live->cancels.size(), 1);
        QCOMPARE(live->answeredCancels(), 1);
        QCOMPARE(live->status(provider, id), u"CANCELLED"_s);

        // Nothing left to resume.
        run = liveCli({u"--json"_s, u"recover"_s}, *live, db);
        QCOMPARE(run.code, 0);
        QCOMPARE(json(run).value(u"recovered"_s).toArray().size(), 0);
        QCOMPARE(live->cancels.size(), 1);
    }

    // A kill after the request reached the provider and its answer was lost:
    // recovery first asks the provider. Applied there → confirmed from the
    // status, not sent again; not applied → the identical request (same key,
    // same body, same charge path) is sent once more, and only once.
    void killedAfterTheRequestArrivedThenRecovered_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("applied");
        QTest::addRow("uqpay applied") << u"uqpay"_s << 0 << true;
        QTest::addRow("antom applied") << u"antom"_s << 4 << true;
        QTest::addRow("liquido applied") << u"liquido"_s << 3 << true;
        QTest::addRow("uqpay not applied") << u"uqpay"_s << 0 << false;
        QTest::addRow("antom not applied") << u"antom"_s << 4 << false;
        QTest::addRow("liquido not applied") << u"liquido"_s << 3 << false;
    }

    void killedAfterTheRequestArrivedThenRecovered()
    {
        QFETCH(QString, provider);
        QFETCH(int, index);
        QFETCH(bool, applied);
        const QString tag =
            u"arrived-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        // The first cancel's connection is dropped without an answer.
        const QByteArray scenario =
            R"([{"payment": "*", "kind": "timeout", "on": "cancel", "ms": 300, "times": 1, )"
            R"("apply": )"
            + QByteArray(applied ? "true" : "false") + "}]";
        const auto live = startLive(tag, scenario);
        QVERIFY(live);
        const QString db = m_dir.filePath(tag + u".sqlite"_s);
        const QString id = live->server.demoIds(provider).value(index);
        Run run =
            liveCli({u"orders"_s, u"add"_s, u"--provider"_s, provider, u"--id"_s, id}, *live, db);
        QVERIFY2(run.code == 0, run.err.constData());

        // A long backoff: after the dropped answer the CLI waits to retry, and
        // is killed meanwhile (SENT, one try).
        const QString config = m_dir.filePath(u"slow-retry.ini"_s);
        {
            QFile ini(config);
            QVERIFY(ini.open(QIODevice::WriteOnly));
            ini.write("[general]\nenvironment=sandbox\noperator=Test Operator\n"
                      "[network]\ntimeout_ms=5000\nmax_retries=2\nretry_base_ms=60000\n"
                      "confirm_timeout_s=3\npoll_interval_ms=50\n");
        }
        QProcess first;
        startCli(first, {u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s}, *live, db, {},
                 config);
        QVERIFY(first.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return !live->cancels.isEmpty(); }, 60000));
        QCOMPARE(live->answeredCancels(), 0);
        QCOMPARE(live->status(provider, id) == u"CANCELLED", applied);
        QCOMPARE(first.state(), QProcess::Running);
        first.kill();
        QVERIFY(first.waitForFinished(10000));
        bool intact = false;
        QList<CancelDesk::Storage::CancelAttempt> attempts = attemptsIn(db, &intact);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().state, CancelDesk::Storage::AttemptState::Sent);
        const QString key = attempts.first().idempotencyKey;

        run = liveCli({u"--json"_s, u"recover"_s}, *live, db);
        QVERIFY2(run.code == 0, run.out.constData());
        const QJsonArray recovered = json(run).value(u"recovered"_s).toArray();
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.at(0).toObject().value(u"outcome"_s).toString(), u"SUCCEEDED"_s);

        attempts = attemptsIn(db, &intact);
        QVERIFY(intact);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().state, CancelDesk::Storage::AttemptState::Succeeded);
        QCOMPARE(attempts.first().idempotencyKey, key);
        QCOMPARE(live->status(provider, id), u"CANCELLED"_s);
        // Qt's HTTP stack may resend a request once by itself when a reused
        // keep-alive connection drops without an answer (the same key, the
        // identical body: idempotent at the provider), so whether the killed
        // process or recovery got the answer depends on timing. What holds:
        // at most one cancel was answered, at most one was sent after the
        // dropped one, and the journal counts one or two tries.
        QVERIFY2(attempts.first().tries >= 1 && attempts.first().tries <= 2,
                 qPrintable(QString::number(attempts.first().tries)));
        QVERIFY2(live->answeredCancels() <= 1, qPrintable(live->cancels.join(u", "_s)));
        QVERIFY2(live->cancels.size() <= 2, qPrintable(live->cancels.join(u", "_s)));
        if (!applied)
            QCOMPARE(live->answeredCancels(), 1); // the only way it got cancelled
    }

    // F12 across processes: two CLIs cancelling the same order at once. The one
    // that journals first is held right after SENT is written; the other is
    // refused (exit 3, refusal active_attempt) without sending; then the first
    // goes on and cancels. The provider sees one cancel.
    void twoClisCancelTheSameOrderAtOnce()
    {
        const auto live = startLive(u"race"_s);
        QVERIFY(live);
        const QString db = m_dir.filePath(u"race.sqlite"_s);
        const QString id = live->server.demoIds(u"uqpay"_s).value(0);
        Run run =
            liveCli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id}, *live, db);
        QVERIFY2(run.code == 0, run.err.constData());

        const QStringList cancel{u"--json"_s,   u"cancel"_s,    id,
                                 u"--reason"_s, u"duplicate"_s, u"--yes"_s};
        QProcess a;
        QProcess b;
        startCli(a, cancel, *live, db, u"sent"_s);
        startCli(b, cancel, *live, db, u"sent"_s);
        QVERIFY(a.waitForStarted() && b.waitForStarted());
        const auto settled = [](QProcess &done, QProcess &held) {
            return done.state() == QProcess::NotRunning && isStopped(held.processId());
        };
        QVERIFY(QTest::qWaitFor([&] { return settled(a, b) || settled(b, a); }, 60000));
        QProcess &loser = a.state() == QProcess::NotRunning ? a : b;
        QProcess &winner = &loser == &a ? b : a;
        const qint64 winnerPid = winner.processId();

        const Run refused = finishCli(loser);
        QCOMPARE(refused.code, 3);
        QCOMPARE(json(refused).value(u"refusal"_s).toString(), u"active_attempt"_s);
        QCOMPARE(json(refused).value(u"sent"_s).toBool(), false);
        QVERIFY(json(refused).value(u"message"_s).toString().contains(u"in progress"_s));
        QCOMPARE(live->cancels.size(), 0);

        ::kill(static_cast<pid_t>(winnerPid), SIGCONT);
        const Run done = finishCli(winner);
        QVERIFY2(done.code == 0, done.out.constData());
        QCOMPARE(json(done).value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        // Both CLIs fetched a UQPAY token before deciding, so the held one may
        // find its token revoked and resend the identical request once.
        QCOMPARE(live->performedCancels(), 1);
        bool intact = false;
        QCOMPARE(attemptsIn(db, &intact).size(), 1);
        QVERIFY(intact);
    }

    // F12 between the GUI and the CLI: an in-process CancelService (standing for
    // the GUI) has the order's cancel in flight; a CLI cancel of the same order
    // is refused (exit 3) and sends nothing, and the CLI does not take over the
    // attempt of a process that is alive.
    void cliRefusedWhileTheGuiCancels()
    {
        // The answer is delayed, and the event loop does not run while the CLI
        // does: the in-process cancel stays in flight meanwhile.
        const auto live = startLive(
            u"gui"_s, R"([{"payment": "*", "kind": "delay", "on": "cancel", "ms": 2000}])");
        QVERIFY(live);
        const QString db = m_dir.filePath(u"gui.sqlite"_s);
        const QString id = live->server.demoIds(u"antom"_s).value(4);
        Run run =
            liveCli({u"orders"_s, u"add"_s, u"--provider"_s, u"antom"_s, u"--id"_s, id}, *live, db);
        QVERIFY2(run.code == 0, run.err.constData());

        namespace CD = CancelDesk;
        const CD::Domain::PolicyLoadResult policy = CD::Domain::CancelPolicy::load();
        QVERIFY(policy.ok());
        const CD::Providers::SandboxAnnouncement announcement =
            CD::Providers::parseSandboxAnnouncement(
                QJsonDocument(live->server.config()).toJson(QJsonDocument::Compact));
        QVERIFY(announcement.ok());
        CD::Providers::ProviderRegistry registry(announcement.settings);
        CD::Storage::Database database(db);
        QString error;
        QVERIFY2(database.open(&error), qPrintable(error));
        CD::Storage::OrderStore orders(database, &policy.policy);
        CD::Storage::CancelJournal journal(database);
        CD::Services::WorkflowSettings settings;
        CD::Services::CancelService service(orders, journal, registry, policy.policy, settings,
                                            CD::Services::systemClock());

        CD::Services::CancelJob *job = service.cancel({{CD::Domain::Provider::Antom, id},
                                                       CD::Domain::CancelReason::Duplicate,
                                                       {},
                                                       u"GUI Operator"_s,
                                                       u"sandbox"_s});
        std::optional<CD::Services::CancelReport> guiReport;
        connect(job, &CD::Services::CancelJob::finished, this,
                [&guiReport](const CD::Services::CancelReport &r) { guiReport = r; });
        {
            QEventLoop untilSent;
            connect(job, &CD::Services::CancelJob::stateChanged, &untilSent,
                    [&untilSent](CD::Storage::AttemptState s) {
                        if (s == CD::Storage::AttemptState::Sent)
                            untilSent.quit();
                    });
            untilSent.exec();
        }
        QVERIFY(!guiReport);

        // Blocking: the GUI's cancel waits while the CLI runs.
        {
            QProcess p;
            startCli(p, {u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                     *live, db);
            QVERIFY(p.waitForFinished(120000));
            run = finishCli(p);
        }
        QCOMPARE(run.code, 3);
        QCOMPARE(json(run).value(u"refusal"_s).toString(), u"active_attempt"_s);
        QCOMPARE(json(run).value(u"sent"_s).toBool(), false);
        QVERIFY(!json(run).value(u"message"_s).toString().isEmpty());

        QVERIFY(QTest::qWaitFor([&guiReport] { return guiReport.has_value(); }, 60000));
        QCOMPARE(guiReport->state, CD::Storage::AttemptState::Succeeded);
        QCOMPARE(live->cancels.size(), 1);
        QCOMPARE(live->status(u"antom"_s, id), u"CANCELLED"_s);
        const auto attempts = journal.list({});
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().operatorName, u"GUI Operator"_s);
    }

    // A write command while another connection holds the database's write lock
    // beyond the busy timeout: a clear error, exit 5, and for cancel nothing is
    // sent (the journal could not be written first).
    void lockedDatabaseRefusesWrites()
    {
        const auto live = startLive(u"locked"_s);
        QVERIFY(live);
        const QString db = m_dir.filePath(u"locked.sqlite"_s);
        const QString id = live->server.demoIds(u"uqpay"_s).value(0);
        Run run =
            liveCli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id}, *live, db);
        QVERIFY2(run.code == 0, run.err.constData());
        const QString csv = m_dir.filePath(u"locked-import.csv"_s);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("provider,payment_id,amount,currency\r\nuqpay,PI-LOCKED-1,1.00,SGD\r\n");
        file.close();

        {
            QSqlDatabase lock = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
            lock.setDatabaseName(db);
            QVERIFY(lock.open());
            QSqlQuery q(lock);
            QVERIFY2(q.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(q.lastError().text()));

            run = liveCli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                          *live, db);
            QCOMPARE(run.code, 5);
            QCOMPARE(json(run).value(u"refusal"_s).toString(), u"storage"_s);
            QCOMPARE(json(run).value(u"sent"_s).toBool(), false);
            QVERIFY2(json(run).value(u"message"_s).toString().contains(u"busy"_s),
                     run.out.constData());
            QCOMPARE(live->cancels.size(), 0);

            run = liveCli({u"--json"_s, u"orders"_s, u"import"_s, csv}, *live, db);
            QVERIFY(run.code != 0);
            QCOMPARE(run.code, 5);
            QVERIFY2(json(run).value(u"error"_s).toString().contains(u"busy"_s),
                     run.out.constData());
            QCOMPARE(json(run).value(u"committed"_s).toBool(), false);

            QVERIFY(q.exec(u"ROLLBACK"_s));
            lock.close();
        }
        QSqlDatabase::removeDatabase(u"locker"_s);

        // Nothing half-written: no attempt, no imported order; and once the lock
        // is gone the same commands work.
        bool intact = false;
        QCOMPARE(attemptsIn(db, &intact).size(), 0);
        run = liveCli({u"--json"_s, u"orders"_s, u"import"_s, csv}, *live, db);
        QVERIFY2(run.code == 0, run.out.constData());
        run = liveCli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                      *live, db);
        QVERIFY2(run.code == 0, run.out.constData());
        QCOMPARE(live->cancels.size(), 1);
    }

    void recoverOnly()
    {
        const Run run = cli({u"--json"_s, u"recover"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(json(run).value(u"command"_s).toString(), u"recover"_s);
        QVERIFY(json(run).value(u"recovered"_s).isArray());
    }

    void exportFormats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addRow("csv") << u"csv"_s << u"log.csv"_s;
        QTest::addRow("jsonl") << u"jsonl"_s << u"log.jsonl"_s;
        QTest::addRow("xlsx") << u"xlsx"_s << u"log.xlsx"_s;
    }

    void exportFormats()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        const QString out = m_dir.filePath(file);
        const Run run =
            cli({u"--json"_s, u"log"_s, u"export"_s, u"--out"_s, out, u"--format"_s, format,
                 u"--from"_s, QDate::currentDate().addDays(-1).toString(Qt::ISODate), u"--to"_s,
                 QDate::currentDate().addDays(1).toString(Qt::ISODate)});
        QVERIFY2(run.code == 0, run.out.constData());
        QVERIFY(QFile::exists(out));
        QVERIFY(json(run).value(u"rows"_s).toInteger() >= 1);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        if (format == u"csv")
            QVERIFY(content.startsWith("\xEF\xBB\xBF"
                                       "attempt_id,"));
        else if (format == u"jsonl")
            QVERIFY(QJsonDocument::fromJson(content.left(content.indexOf('\n'))).isObject());
        else
            QVERIFY(content.startsWith("PK"));
    }

    void exportWithoutBom()
    {
        const QString out = m_dir.filePath(u"nobom.csv"_s);
        const Run run = cli({u"log"_s, u"export"_s, u"--out"_s, out, u"--no-bom"_s});
        QCOMPARE(run.code, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("attempt_id,"));
    }

    void verifyAgainstAKeptHead()
    {
        // A cancel log of its own: two finished attempts written by the core.
        const QString db = m_dir.filePath(u"anchors.sqlite"_s);
        {
            CancelDesk::Storage::Database store(db);
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            CancelDesk::Storage::CancelJournal journal(store);
            for (const QString &id : {u"PI_ANCHOR_1"_s, u"PI_ANCHOR_2"_s}) {
                CancelDesk::Domain::Order order;
                order.paymentId = id;
                order.amount = {1999, u"USD"_s};
                const CancelDesk::Storage::JournalResult prepared =
                    journal.prepare(CancelDesk::Test::draftAttempt(order, u"li.na"_s));
                QVERIFY2(prepared.ok(), qPrintable(prepared.message));
                CancelDesk::Storage::CancelAttempt done = prepared.attempt;
                done.state = CancelDesk::Storage::AttemptState::Succeeded;
                done.finishedAt = QDateTime::currentDateTimeUtc();
                QVERIFY(journal.record(done).ok());
            }
        }

        // log head: SEQ:HASH, and with --json exactly {"seq": N, "hash": "…"}.
        Run run = cli({u"--json"_s, u"log"_s, u"head"_s}, nullptr, db);
        QCOMPARE(run.code, 0);
        const QJsonObject head = json(run);
        QCOMPARE(head.keys(), (QStringList{u"hash"_s, u"seq"_s}));
        QCOMPARE(head.value(u"seq"_s).toInteger(), 4);
        const QString hash = head.value(u"hash"_s).toString();
        QVERIFY2(QRegularExpression(u"^[0-9a-f]{64}$"_s).match(hash).hasMatch(), qPrintable(hash));
        // Byte for byte as PRODUCT.md §10 writes it.
        QCOMPARE(run.out, u"{\"seq\": 4, \"hash\": \"%1\"}\n"_s.arg(hash).toUtf8());
        const QString kept = u"4:"_s + hash;
        run = cli({u"log"_s, u"head"_s}, nullptr, db);
        QCOMPARE(run.code, 0);
        QCOMPARE(QString::fromUtf8(run.out).trimmed(), kept);

        // Intact: against the head and against an export's manifest.
        run = cli({u"--json"_s, u"log"_s, u"verify"_s, u"--expect-head"_s, kept}, nullptr, db);
        QCOMPARE(run.code, 0);
        QVERIFY(json(run).value(u"intact"_s).toBool());
        QCOMPARE(json(run).value(u"expected_head"_s).toObject().value(u"seq"_s).toInteger(), 4);
        const QString out = m_dir.filePath(u"anchors.csv"_s);
        run = cli({u"--json"_s, u"log"_s, u"export"_s, u"--out"_s, out}, nullptr, db);
        QCOMPARE(run.code, 0);
        const QString manifest = out + u".manifest.json"_s;
        QCOMPARE(json(run).value(u"manifest"_s).toString(), manifest);
        QFile m(manifest);
        QVERIFY(m.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(m.readAll()).object();
        QCOMPARE(written.value(u"rows"_s).toInteger(), 2);
        QCOMPARE(written.value(u"head"_s).toObject(), head);
        run = cli({u"log"_s, u"verify"_s, u"--expect-manifest"_s, manifest}, nullptr, db);
        QCOMPARE(run.code, 0);

        // The newest attempt removed whole: the chain inside still verifies,
        // the kept head does not.
        QCOMPARE(tamper(db, {u"DELETE FROM journal_entries WHERE attempt_id = 2"_s,
                             u"DELETE FROM cancel_attempts WHERE id = 2"_s}),
                 3);
        run = cli({u"log"_s, u"verify"_s}, nullptr, db);
        QCOMPARE(run.code, 0);
        run = cli({u"--json"_s, u"log"_s, u"verify"_s, u"--expect-head"_s, kept}, nullptr, db);
        QCOMPARE(run.code, 6);
        QCOMPARE(json(run).value(u"intact"_s).toBool(), false);
        QCOMPARE(json(run).value(u"first_bad_entry"_s).toInteger(), 4);
        QVERIFY2(json(run).value(u"problem"_s).toString().contains(u"Entry 4 is missing"_s),
                 run.out.constData());
        run = cli({u"log"_s, u"verify"_s, u"--expect-manifest"_s, manifest}, nullptr, db);
        QCOMPARE(run.code, 6);
        QVERIFY(run.err.contains("Entry 4 is missing"));
        run = cli({u"log"_s, u"verify"_s, u"--expect-head"_s, u"4:"_s}, nullptr, db);
        QCOMPARE(run.code, 2);
    }

    void verifyThenTamper()
    {
        Run run = cli({u"--json"_s, u"log"_s, u"verify"_s});
        QCOMPARE(run.code, 0);
        QVERIFY(json(run).value(u"intact"_s).toBool());
        QVERIFY(json(run).value(u"entries_checked"_s).toInteger() >= 2);

        QCOMPARE(tamper(m_db, {u"UPDATE journal_entries SET note = 'edited' "
                               "WHERE seq = (SELECT MIN(seq) FROM journal_entries)"_s}),
                 1);

        run = cli({u"--json"_s, u"log"_s, u"verify"_s});
        QCOMPARE(run.code, 6);
        QCOMPARE(json(run).value(u"intact"_s).toBool(), false);
        QVERIFY(json(run).value(u"first_bad_entry"_s).toInteger() >= 1);
        run = cli({u"log"_s, u"verify"_s});
        QCOMPARE(run.code, 6);
        QVERIFY(!run.err.isEmpty());
    }

    void everyCommandKeepsSecrets()
    {
        // A sandbox whose credentials are known and distinctive, and a config
        // that names them directly (0600), as a production setup would.
        const QString dir = m_dir.filePath(u"secrets"_s);
        QVERIFY(QDir().mkpath(dir + u"/state"_s));
        QFile credentials(dir + u"/state/credentials.json"_s);
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write(
            QJsonDocument(QJsonObject{
                              {u"uqpay_client_id"_s, u"uq-client-4417"_s},
                              {u"uqpay_api_key"_s, QString::fromLatin1(kUqpayKey)},
                              {u"uqpay_webhook_secret"_s, QString::fromLatin1(kWebhookSecret)},
                              {u"antom_client_id"_s, u"SANDBOX_ANTOM4417"_s},
                              {u"liquido_client_id"_s, u"lq-client-4417"_s},
                              {u"liquido_client_secret"_s, QString::fromLatin1(kLiquidoSecret)},
                              {u"liquido_api_key"_s, QString::fromLatin1(kLiquidoKey)},
                          })
                .toJson());
        credentials.close();
        // The first cancel meets three unknown answers: UNRESOLVED.
        QVERIFY(m_secretSandbox.startWith(
            dir, R"([{"payment": "*", "kind": "unknown", "on": "cancel", "times": 3}])"));
        QFile pem(m_secretSandbox.announcement.value(u"antom"_s)
                      .toObject()
                      .value(u"merchant_private_key_file"_s)
                      .toString());
        QVERIFY(pem.open(QIODevice::ReadOnly));
        // Every base64 line of the merchant's private key is a secret.
        for (const QByteArray &line : pem.readAll().split('\n')) {
            if (!line.startsWith("-----") && line.trimmed().size() >= 32)
                m_secrets << line.trimmed();
        }
        QVERIFY(m_secrets.size() >= 10);
        m_secrets << kUqpayKey << kWebhookSecret << kLiquidoSecret << kLiquidoKey << kWrongKey
                  << kNotAKey;

        const QString base = m_secretSandbox.announcement.value(u"uqpay"_s)
                                 .toObject()
                                 .value(u"base_url"_s)
                                 .toString();
        const auto writeConfig = [&](const QString &name, const QByteArray &uqpayKey,
                                     const QString &url, const QString &keyFile) {
            const QString path = dir + u"/"_s + name;
            QFile ini(path);
            if (!ini.open(QIODevice::WriteOnly))
                return QString();
            ini.write("[general]\nenvironment=sandbox\noperator=Secret Keeper\n"
                      "[network]\ntimeout_ms=2000\nmax_retries=2\nretry_base_ms=20\n"
                      "confirm_timeout_s=3\npoll_interval_ms=50\n"
                      "[uqpay]\nbase_url="
                      + url.toUtf8() + "\nclient_id=uq-client-4417\napi_key=" + uqpayKey
                      + "\n[antom]\nbase_url=" + url.toUtf8()
                      + "\nclient_id=SANDBOX_ANTOM4417\nsandbox=true\nkey_version=1\n"
                        "private_key_file="
                      + keyFile.toUtf8() + "\nantom_public_key_file="
                      + m_secretSandbox.announcement.value(u"antom"_s)
                            .toObject()
                            .value(u"antom_public_key_file"_s)
                            .toString()
                            .toUtf8()
                      + "\n[liquido]\nbase_url=" + url.toUtf8() + "\nauth_url=" + url.toUtf8()
                      + "/oauth2/token\nclient_id=lq-client-4417\nclient_secret=" + kLiquidoSecret
                      + "\napi_key=" + kLiquidoKey + '\n');
            ini.close();
            ini.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            return path;
        };
        const QString good = writeConfig(u"good.ini"_s, kUqpayKey, base, pem.fileName());
        const QString wrong = writeConfig(u"wrong.ini"_s, kWrongKey, base, pem.fileName());
        const QString notAKeyFile = dir + u"/not-a-key.pem"_s;
        QFile notAKey(notAKeyFile);
        QVERIFY(notAKey.open(QIODevice::WriteOnly));
        notAKey.write("-----BEGIN PRIVATE KEY-----\n" + kNotAKey + "\n-----END PRIVATE KEY-----\n");
        notAKey.close();
        QVERIFY(notAKey.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QString badKey = writeConfig(u"badkey.ini"_s, kUqpayKey, base, notAKeyFile);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString deadUrl = u"http://127.0.0.1:%1"_s.arg(probe.serverPort());
        probe.close();
        const QString unreachable =
            writeConfig(u"unreachable.ini"_s, kUqpayKey, deadUrl, pem.fileName());
        QVERIFY(!good.isEmpty() && !wrong.isEmpty() && !badKey.isEmpty() && !unreachable.isEmpty());

        const QString db = dir + u"/secrets.sqlite"_s;
        m_written << db;
        const auto run = [&](const QString &config, QStringList args) {
            const Run r = CancelDesk::Test::runCli(args, QString(), m_dir.path(), config, db);
            m_seen << r.out << r.err;
            return r;
        };
        const auto demo = [this](const QString &provider, int index) {
            return m_secretSandbox.demo(provider, index);
        };

        QCOMPARE(run(good, {u"--help"_s}).code, 0);
        for (const auto &[provider, index] :
             {std::pair{u"uqpay"_s, 0}, std::pair{u"uqpay"_s, 1}, std::pair{u"uqpay"_s, 2},
              std::pair{u"uqpay"_s, 3}, std::pair{u"antom"_s, 4}, std::pair{u"antom"_s, 10},
              std::pair{u"liquido"_s, 3}}) {
            const Run r = run(good, {u"orders"_s, u"add"_s, u"--provider"_s, provider, u"--id"_s,
                                     demo(provider, index)});
            QVERIFY2(r.code == 0, r.err.constData());
        }
        const QString csv = dir + u"/import.csv"_s;
        QFile importFile(csv);
        QVERIFY(importFile.open(QIODevice::WriteOnly));
        importFile.write("provider,payment_id,amount,currency\nuqpay,PI-SECRET-TEST,1.00,USD\n"
                         "nowhere,X,1.00,USD\n");
        importFile.close();
        QCOMPARE(run(good, {u"orders"_s, u"import"_s, csv}).code, 2);
        for (const QString &format : {u"table"_s, u"csv"_s, u"json"_s})
            QCOMPARE(run(good, {u"orders"_s, u"list"_s, u"--format"_s, format}).code, 0);
        QCOMPARE(run(good, {u"--json"_s, u"refresh"_s, demo(u"uqpay"_s, 0)}).code, 0);

        // Each outcome: UNRESOLVED (three unknown answers), SUCCEEDED,
        // refused locally, REJECTED for credentials the provider refuses.
        for (const QStringList &args : {QStringList{}, QStringList{u"--json"_s}}) {
            const bool first = args.isEmpty();
            Run r = run(good, args
                                  + QStringList{u"cancel"_s, demo(u"uqpay"_s, first ? 0 : 2),
                                                u"--reason"_s, u"duplicate"_s, u"--yes"_s});
            QCOMPARE(r.code, first ? 4 : 0);
            r = run(good, args
                              + QStringList{u"cancel"_s, demo(u"antom"_s, first ? 4 : 10),
                                            u"--reason"_s, u"duplicate"_s, u"--yes"_s});
            QCOMPARE(r.code, first ? 0 : 3);
        }
        Run r = run(wrong, {u"--json"_s, u"cancel"_s, demo(u"liquido"_s, 3), u"--reason"_s,
                            u"duplicate"_s, u"--yes"_s});
        QCOMPARE(r.code, 0); // Liquido's credentials are right in that file
        r = run(wrong, {u"--json"_s, u"refresh"_s, u"--all"_s});
        QCOMPARE(r.code, 5);
        r = run(wrong, {u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s,
                        demo(u"uqpay"_s, 4)});
        QCOMPARE(r.code, 5);
        r = run(wrong, {u"--json"_s, u"cancel"_s, demo(u"uqpay"_s, 1), u"--reason"_s,
                        u"duplicate"_s, u"--yes"_s});
        QCOMPARE(r.code, 5);
        QCOMPARE(json(r).value(u"outcome"_s).toString(), u"REJECTED"_s);
        // A key file that is not a key, a provider nobody answers at.
        QCOMPARE(run(badKey, {u"--json"_s, u"refresh"_s, u"--all"_s}).code, 5);
        QCOMPARE(run(badKey, {u"log"_s, u"verify"_s}).code, 5);
        QCOMPARE(run(unreachable, {u"refresh"_s, u"--all"_s}).code, 5);
        r = run(unreachable, {u"--json"_s, u"cancel"_s, demo(u"uqpay"_s, 3), u"--reason"_s,
                              u"duplicate"_s, u"--yes"_s});
        QCOMPARE(r.code, 4);
        QCOMPARE(json(r).value(u"outcome"_s).toString(), u"UNRESOLVED"_s);
        QCOMPARE(run(good, {u"--json"_s, u"recover"_s}).code, 0);

        for (const QString &format : {u"csv"_s, u"xlsx"_s, u"jsonl"_s}) {
            const QString out = dir + u"/secrets."_s + format;
            QCOMPARE(
                run(good, {u"log"_s, u"export"_s, u"--out"_s, out, u"--format"_s, format}).code, 0);
            m_written << out;
        }
        QCOMPARE(run(good, {u"--json"_s, u"log"_s, u"verify"_s}).code, 0);
    }

    void noSecretInAnyOutput()
    {
        QVERIFY(m_seen.size() > 20);
        QList<QByteArray> secrets = m_sandbox.secrets() + m_unknownSandbox.secrets()
                                    + m_lateSandbox.secrets() + m_heldSandbox.secrets()
                                    + m_secretSandbox.secrets() + m_secrets;
        // Distinctive pieces of each as well: 12 characters every 4, so that
        // any 15 or more in a row of a secret, cut or wrapped, are found.
        for (const QByteArray &secret : QList<QByteArray>(secrets)) {
            QVERIFY(secret.size() >= 16);
            for (qsizetype at = 0; at + 12 <= secret.size(); at += 4)
                secrets << secret.mid(at, 12);
        }
        for (const QByteArray &output : std::as_const(m_seen)) {
            // The message names the secret by its place in the list, never by
            // any of its characters.
            for (qsizetype i = 0; i < secrets.size(); ++i)
                QVERIFY2(!output.contains(secrets.at(i)),
                         qPrintable(u"secret #%1 appeared in the CLI's output"_s.arg(i)));
            // The sandbox's bearer tokens: UQPAY "sbx.<hex>", Liquido a JWT.
            QVERIFY(!QRegularExpression(u"sbx\\.[0-9a-f]{16}"_s)
                         .match(QString::fromUtf8(output))
                         .hasMatch());
            QVERIFY(!output.contains("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"));
        }
        // Nor in any file the CLI wrote: exports (the workbook unzipped), the
        // databases.
        QStringList files{m_dir.filePath(u"log.csv"_s), m_dir.filePath(u"log.jsonl"_s),
                          m_dir.filePath(u"log.xlsx"_s), m_db};
        files += m_written;
        const QString unzip = QStandardPaths::findExecutable(u"unzip"_s);
        for (const QString &name : std::as_const(files)) {
            QList<QByteArray> contents;
            if (name == m_db && CancelDesk::Test::enginePostgres()) {
                contents << databaseText(m_db);
                QVERIFY2(contents.first().contains("journal_entries"), qPrintable(name));
            }
            for (const QString &path : QStringList{name, name + u"-wal"_s, name + u"-journal"_s}) {
                QFile f(path);
                if (f.open(QIODevice::ReadOnly))
                    contents << f.readAll();
            }
            QVERIFY2(!contents.isEmpty(), qPrintable(name));
            if (name.endsWith(u".xlsx"_s)) {
                // The sheets are deflated: read them through unzip when there
                // is one (the raw zip is scanned too).
                QVERIFY2(contents.first().startsWith("PK"), qPrintable(name));
                if (!unzip.isEmpty()) {
                    QProcess p;
                    p.start(unzip, {u"-p"_s, name});
                    QVERIFY(p.waitForFinished(30000));
                    contents << p.readAllStandardOutput();
                    QVERIFY(contents.last().contains("<worksheet"));
                }
            }
            for (const QByteArray &content : std::as_const(contents)) {
                for (const QByteArray &secret : std::as_const(secrets))
                    QVERIFY2(!content.contains(secret),
                             qPrintable(u"a secret appeared in %1"_s.arg(name)));
            }
        }
    }

    // F26: db copy moves the store into an empty team database, where the
    // cancel log has the same head.
    // A local store of its own with a journaled cancel: the provider refuses
    // it (this suite's sandbox whose cancel window has closed), so it goes
    // PREPARED → REJECTED whatever earlier tests did to the shared sandbox.
    QString journaledStore(const QString &name)
    {
        const QString source = m_dir.filePath(name);
        const QString id = m_lateSandbox.demo(u"uqpay"_s, 0);
        const Run add = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id},
                            &m_lateSandbox, source);
        const Run cancel = cli({u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                               &m_lateSandbox, source);
        if (add.code != 0 || cancel.code != 3) {
            qWarning("%s %s", add.err.constData(), cancel.out.constData());
            return {};
        }
        return source;
    }

    void dbCopyToTeamDatabase()
    {
        QString error;
        const QString target = CancelDesk::Test::PgServer::instance()->createDatabase(&error);
        QVERIFY2(!target.isEmpty(), qPrintable(error));
        const QString source = journaledStore(u"copy-source.sqlite"_s);
        QVERIFY(!source.isEmpty());
        const Run copy = cli({u"--json"_s, u"db"_s, u"copy"_s, u"--to"_s, target}, nullptr, source);
        QVERIFY2(copy.code == 0, QByteArray(copy.out + copy.err).constData());
        const QJsonObject result = json(copy);
        QVERIFY(result.value(u"intact"_s).toBool());
        QVERIFY(result.value(u"journal_entries"_s).toInteger() > 0);
        QVERIFY(result.value(u"orders"_s).toInteger() > 0);
        const auto copied =
            CancelDesk::Storage::JournalHead::fromJson(result.value(u"head"_s).toObject());
        QVERIFY(copied);

        const Run sourceHead = cli({u"log"_s, u"head"_s}, nullptr, source);
        QCOMPARE(sourceHead.code, 0);
        const Run targetHead = cli({u"log"_s, u"head"_s}, nullptr, target);
        QVERIFY2(targetHead.code == 0, targetHead.err.constData());
        QCOMPARE(targetHead.out, sourceHead.out);
        QCOMPARE(QString::fromUtf8(targetHead.out).trimmed(), copied->toString());

        // The text form names the head, and a second copy into the same
        // (now full) database is refused without writing.
        const Run again = cli({u"db"_s, u"copy"_s, u"--to"_s, target}, nullptr, source);
        QCOMPARE(again.code, 5);
        QVERIFY2(again.err.contains("not empty"), again.err.constData());
        QCOMPARE(cli({u"log"_s, u"head"_s}, nullptr, target).out, targetHead.out);
    }

    // A log whose chain is broken stays broken where it is copied to: the copy
    // keeps the evidence and says so (exit 6), it never re-hashes.
    void dbCopyKeepsATamperedLogBroken()
    {
        QString error;
        const QString target = CancelDesk::Test::PgServer::instance()->createDatabase(&error);
        QVERIFY2(!target.isEmpty(), qPrintable(error));
        const QString source = journaledStore(u"tampered-source.sqlite"_s);
        QVERIFY(!source.isEmpty());
        QCOMPARE(tamper(source, {u"UPDATE journal_entries SET note = 'edited' WHERE seq = 1"_s}),
                 1);
        QCOMPARE(cli({u"log"_s, u"verify"_s}, nullptr, source).code, 6);
        const Run copy = cli({u"--json"_s, u"db"_s, u"copy"_s, u"--to"_s, target}, nullptr, source);
        QCOMPARE(copy.code, 6);
        QCOMPARE(json(copy).value(u"intact"_s).toBool(), false);
        QCOMPARE(cli({u"log"_s, u"verify"_s}, nullptr, target).code, 6);
    }

    void dbCopyWithoutAUsableTarget_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("password in the user part")
            << QStringList{u"--to"_s, u"postgresql://alice:Hunter2Secret@127.0.0.1/cd"_s};
        QTest::addRow("password as a parameter")
            << QStringList{u"--to"_s, u"postgresql://127.0.0.1/cd?password=Hunter2Secret"_s};
        QTest::addRow("no --to") << QStringList{};
    }

    void dbCopyWithoutAUsableTarget()
    {
        QFETCH(QStringList, args);
        const Run run = cli(QStringList{u"db"_s, u"copy"_s} + args);
        QCOMPARE(run.code, 2);
        QVERIFY(!run.out.contains("Hunter2Secret") && !run.err.contains("Hunter2Secret"));
        QVERIFY(!run.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
