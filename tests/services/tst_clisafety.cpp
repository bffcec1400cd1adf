// Cancel safety through canceldesk-cli (issue 11, PRODUCT.md §10): an
// UNRESOLVED cancel always exits 4; cancelling such an order again retries
// that same attempt, never a new one; the CLI decides eligibility on the
// providers' clock, as the console does.

#include "clirunner.h"
#include "sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

using CancelDesk::Test::Run;
using CancelDesk::Test::Sandbox;

class TestCliSafety final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_config;

    Run cli(const QStringList &args, const QString &announcement, const QString &db)
    {
        return CancelDesk::Test::runCli(args, announcement, m_dir.path(), m_config, db);
    }

    // Runs the CLI while this event loop serves an in-process sandbox.
    Run liveCli(const QStringList &args, const QString &announcement, const QString &db)
    {
        return CancelDesk::Test::runCli(QStringList{u"--lang"_s, u"en"_s} + args, announcement,
                                        m_dir.path(), m_config, db,
                                        CancelDesk::Test::Wait::ServingEvents);
    }

    QList<QJsonObject> log(const QString &announcement, const QString &db)
    {
        const QString out = db + u".jsonl"_s;
        const Run run = cli({u"log"_s, u"export"_s, u"--out"_s, out, u"--format"_s, u"jsonl"_s},
                            announcement, db);
        QList<QJsonObject> entries;
        QFile f(out);
        if (run.code != 0 || !f.open(QIODevice::ReadOnly))
            return entries;
        for (const QByteArray &line : f.readAll().trimmed().split('\n'))
            entries.append(QJsonDocument::fromJson(line).object());
        return entries;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_config = m_dir.filePath(u"canceldesk.ini"_s);
        QFile ini(m_config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[general]\nenvironment=sandbox\noperator=Test Operator\n"
                  "[network]\ntimeout_ms=5000\nmax_retries=2\nretry_base_ms=20\n"
                  "confirm_timeout_s=3\npoll_interval_ms=50\nconcurrency=2\n");
    }

    // Every answer to the cancel is malformed (a protocol failure): the cancel
    // may well have happened, so the exit code is 4 (UNRESOLVED), never 5,
    // which reads as "nothing happened" and invites a scripted retry.
private:
    // Starts a sandbox with the scenarios, adds its first UQPAY payment to db
    // and cancels it once (--json); *id names the payment.
    Run startAddAndCancel(Sandbox &sandbox, const QString &name, const QByteArray &scenarios,
                          QString *id)
    {
        if (!sandbox.startWith(m_dir.filePath(name), scenarios))
            return {};
        const QString db = m_dir.filePath(name + u".sqlite"_s);
        *id = sandbox.demo(u"uqpay"_s, 0);
        const Run added = cli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, *id},
                              sandbox.announcementFile, db);
        if (added.code != 0)
            return added;
        return cli({u"--json"_s, u"cancel"_s, *id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                   sandbox.announcementFile, db);
    }

private Q_SLOTS:
    // Every answer to the cancel is malformed (a protocol failure): the cancel
    // may well have happened, so the exit code is 4 (UNRESOLVED), never 5,
    // which reads as "nothing happened" and invites a scripted retry.
    void unresolvedAfterProtocolFailuresExits4()
    {
        Sandbox sandbox;
        QString id;
        const Run run = startAddAndCancel(
            sandbox, u"malformed"_s,
            R"([{"payment": "*", "kind": "malformed_json", "on": "cancel", "times": -1}])", &id);
        const QJsonObject result = CancelDesk::Test::json(run);
        QCOMPARE(result.value(u"outcome"_s).toString(), u"UNRESOLVED"_s);
        QCOMPARE(result.value(u"failure"_s).toString(), u"protocol"_s);
        QCOMPARE(run.code, 4);
        sandbox.stop();
    }

    // §10: cancelling an order whose last cancel ended UNRESOLVED retries that
    // same attempt (same key, identical body); it never sends a second cancel
    // with a new key.
    void cancelAgainRetriesTheUnresolvedAttempt()
    {
        Sandbox sandbox;
        QString id;
        Run run = startAddAndCancel(
            sandbox, u"unknown3"_s,
            R"([{"payment": "*", "kind": "unknown", "on": "cancel", "times": 3}])", &id);
        QCOMPARE(run.code, 4);
        const qint64 attempt = CancelDesk::Test::json(run).value(u"attempt_id"_s).toInteger();

        const QString db = m_dir.filePath(u"unknown3.sqlite"_s);
        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"abandoned"_s, u"--yes"_s},
                  sandbox.announcementFile, db);
        QVERIFY2(run.code == 0, run.out.constData());
        const QJsonObject result = CancelDesk::Test::json(run);
        QCOMPARE(result.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QCOMPARE(result.value(u"attempt_id"_s).toInteger(), attempt);
        QVERIFY(result.value(u"retried"_s).toBool());

        const QList<QJsonObject> entries = log(sandbox.announcementFile, db);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().value(u"reason_code"_s).toString(), u"duplicate"_s);
        QCOMPARE(entries.first().value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        sandbox.stop();
    }

    // The CLI decides on the provider's clock (its Date header), like the
    // console: the provider's clock is 45 minutes ahead, so the UQPAY card
    // intent's 30-minute window has closed although the local clock says it
    // is open. The cancel is refused locally and nothing is sent.
    void eligibilityOnTheProvidersClock()
    {
        CancelDesk::Sandbox::SandboxServer server;
        CancelDesk::Sandbox::SandboxOptions options;
        options.stateDir = m_dir.filePath(u"skew-state"_s);
        QVERIFY2(server.start(options) != 0, qPrintable(server.errorString()));
        int cancels = 0;
        connect(&server, &CancelDesk::Sandbox::SandboxServer::requestServed, this,
                [&cancels](const QString &, const QString &path, int) {
                    cancels += path.contains(u"cancel"_s) ? 1 : 0;
                });
        const QString announcement = m_dir.filePath(u"skew-announcement.json"_s);
        {
            QFile file(announcement);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(server.config()).toJson(QJsonDocument::Compact) + '\n');
            file.close();
            QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        const QString db = m_dir.filePath(u"skew.sqlite"_s);
        const QString id = server.demoIds(u"uqpay"_s).value(0);
        Run run = liveCli({u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s, id},
                          announcement, db);
        QVERIFY2(run.code == 0, run.err.constData());

        server.setClock([] { return QDateTime::currentDateTimeUtc().addSecs(45 * 60); });
        run = liveCli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                      announcement, db);
        QCOMPARE(run.code, 3);
        QCOMPARE(CancelDesk::Test::json(run).value(u"refusal"_s).toString(), u"ineligible"_s);
        QCOMPARE(cancels, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
