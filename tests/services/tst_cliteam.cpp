// Team mode end to end (PRODUCT.md §12, issue 14's "done when"): canceldesk-cli
// as four database logins against one PostgreSQL server this test starts, and
// a canceldesk-sandbox: team init and grants by the owner, a cancel at the
// threshold waits (exit 7, nothing sent), the requester cannot approve (exit
// 8), another approver's approval sends that same attempt once, decline,
// lapse, an auditor cannot cancel, and every login sees one verified chain.

#include "clirunner.h"
#include "pgserver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using CancelDesk::Test::json;
using CancelDesk::Test::PgServer;
using CancelDesk::Test::Run;
using CancelDesk::Test::Sandbox;

class TestCliTeam final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Sandbox m_sandbox;
    PgServer *m_server = nullptr;
    QString m_config;
    QString m_database;

    QString urlAs(const QString &login) const
    {
        return m_server->urlFor(m_database).replace(u"postgres@"_s, login + u'@');
    }

    Run as(const QString &login, QStringList args)
    {
        args.prepend(u"--json"_s);
        return CancelDesk::Test::runCli(args, m_sandbox.announcementFile, m_dir.path(), m_config,
                                        urlAs(login));
    }

    // The journal as the auditor exports it.
    QList<QJsonObject> log()
    {
        const QString out = m_dir.filePath(u"log.jsonl"_s);
        QFile::remove(out);
        const Run run =
            as(u"dave"_s, {u"log"_s, u"export"_s, u"--out"_s, out, u"--format"_s, u"jsonl"_s});
        if (run.code != 0)
            qWarning("log export: %s", run.err.constData());
        return CancelDesk::Test::jsonLines(out);
    }

    // What the CLI said about one order (orders add), for its currency.
    QJsonObject addOrder(const QString &login, int index)
    {
        const Run run = as(login, {u"orders"_s, u"add"_s, u"--provider"_s, u"uqpay"_s, u"--id"_s,
                                   m_sandbox.demo(u"uqpay"_s, index)});
        if (run.code != 0)
            qWarning("orders add: %s", run.err.constData());
        return json(run).value(u"order"_s).toObject();
    }

    qint64 waitingCancel(const QString &paymentId)
    {
        const Run run =
            as(u"alice"_s, {u"cancel"_s, paymentId, u"--reason"_s, u"duplicate"_s, u"--yes"_s});
        const QJsonObject o = json(run);
        if (run.code != 7 || o.value(u"outcome"_s).toString() != u"AWAITING_APPROVAL"
            || o.value(u"sent"_s).toBool())
            qWarning("cancel %s: %d %s %s", qPrintable(paymentId), run.code, run.out.constData(),
                     run.err.constData());
        return run.code == 7 ? o.value(u"attempt_id"_s).toInteger() : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_server = PgServer::instance();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error)); // never a silent skip
        const QString url = m_server->createDatabase(&error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        m_database = QUrl(url).path().mid(1);
        for (const QString &login : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s})
            QVERIFY2(m_server->createLogin(login, u"pw-"_s + login, &error), qPrintable(error));
        QVERIFY(QDir().mkpath(m_dir.filePath(u"sandbox"_s)));
        QVERIFY(m_sandbox.start(m_dir.filePath(u"sandbox"_s)));
        m_config = m_dir.filePath(u"canceldesk.ini"_s);
        QFile ini(m_config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        // The configured operator name is what a team store ignores (F21).
        ini.write("[general]\nenvironment=sandbox\noperator=Somebody Else\n"
                  "[network]\ntimeout_ms=5000\nmax_retries=2\nretry_base_ms=20\n");
    }

    void cleanupTestCase() { m_sandbox.stop(); }

    // The owner sets the team up; nobody else may.
    void ownerSetsUpTheTeam()
    {
        Run run = as(u"postgres"_s, {u"team"_s, u"init"_s});
        QVERIFY2(run.code == 0, run.out.constData());
        run = as(u"postgres"_s, {u"team"_s, u"init"_s}); // again: safe
        QVERIFY2(run.code == 0, run.out.constData());
        const QList<std::pair<QString, QString>> grants{{u"alice"_s, u"operator"_s},
                                                        {u"bob"_s, u"approver"_s},
                                                        {u"carol"_s, u"approver"_s},
                                                        {u"dave"_s, u"auditor"_s}};
        for (const auto &[login, role] : grants) {
            run = as(u"postgres"_s, {u"team"_s, u"grant"_s, login, role});
            QVERIFY2(run.code == 0, run.out.constData());
        }
        run = as(u"postgres"_s, {u"team"_s, u"grant"_s, u"nobody"_s, u"operator"_s});
        QCOMPARE(run.code, 5);
        QVERIFY2(run.out.contains("nobody"), run.out.constData());
        run = as(u"postgres"_s, {u"team"_s, u"grant"_s, u"alice"_s, u"boss"_s});
        QCOMPARE(run.code, 2);

        // Orders by the operator; every uqpay currency needs four eyes.
        for (int index : {0, 2, 3}) {
            const QJsonObject order = addOrder(u"alice"_s, index);
            QVERIFY(!order.isEmpty());
            const QString currency = order.value(u"currency"_s).toString();
            // One whole unit: every demo amount is at least that.
            run = as(u"postgres"_s, {u"team"_s, u"threshold"_s, currency, u"1"_s});
            QVERIFY2(run.code == 0, run.out.constData());
        }
        // Thresholds are the owner's.
        run = as(u"bob"_s, {u"team"_s, u"threshold"_s, u"USD"_s, u"1.00"_s});
        QCOMPARE(run.code, 8);
        run = as(u"alice"_s, {u"team"_s, u"grant"_s, u"alice"_s, u"approver"_s});
        QCOMPARE(run.code, 8);
    }

    void fourEyesApproval()
    {
        const QString id = m_sandbox.demo(u"uqpay"_s, 0);
        const qint64 attempt = waitingCancel(id);
        QVERIFY(attempt > 0);
        Run run = as(u"bob"_s, {u"approvals"_s, u"list"_s});
        QCOMPARE(run.code, 0);
        const QJsonArray queue = json(run).value(u"approvals"_s).toArray();
        QCOMPARE(queue.size(), 1);
        QCOMPARE(queue.at(0).toObject().value(u"requested_by"_s).toString(), u"alice"_s);

        // Never the requester; never an operator.
        run = as(u"alice"_s, {u"approve"_s, QString::number(attempt), u"--yes"_s});
        QVERIFY2(run.code == 8, run.out.constData());
        // bob approves: this process sends alice's attempt, once, with its key.
        run = as(u"bob"_s, {u"approvals"_s, u"approve"_s, QString::number(attempt), u"--yes"_s});
        QVERIFY2(run.code == 0, run.out.constData());
        QCOMPARE(json(run).value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        QCOMPARE(json(run).value(u"attempt_id"_s).toInteger(), attempt);
        QCOMPARE(json(run).value(u"tries"_s).toInt(), 1);
        run = as(u"carol"_s, {u"approve"_s, QString::number(attempt), u"--yes"_s});
        QCOMPARE(run.code, 3); // already decided

        // The export's row of the attempt: alice's request, sent once.
        int rows = 0;
        for (const QJsonObject &row : log()) {
            if (row.value(u"attempt_id"_s).toInteger() != attempt)
                continue;
            ++rows;
            QCOMPARE(row.value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
            QCOMPARE(row.value(u"operator"_s).toString(), u"alice"_s);
        }
        QCOMPARE(rows, 1);
    }

    void declineAndLapse()
    {
        const qint64 declined = waitingCancel(m_sandbox.demo(u"uqpay"_s, 2));
        QVERIFY(declined > 0);
        Run run = as(u"carol"_s, {u"decline"_s, QString::number(declined)});
        QCOMPARE(run.code, 2); // a decline needs its note
        run = as(u"carol"_s,
                 {u"decline"_s, QString::number(declined), u"--note"_s, u"refund it instead"_s});
        QVERIFY2(run.code == 0, QByteArray(run.out + run.err).constData());
        QCOMPARE(json(run).value(u"state"_s).toString(), u"DECLINED"_s);
        QCOMPARE(json(run).value(u"approver"_s).toString(), u"carol"_s);

        const qint64 lapsing = waitingCancel(m_sandbox.demo(u"uqpay"_s, 3));
        QVERIFY(lapsing > 0);
        // A day and a minute later by the database's clock: any command's
        // recovery records that the request lapsed.
        QString error;
        QVERIFY2(m_server->exec(m_database,
                                u"CREATE OR REPLACE FUNCTION canceldesk.test_clock_offset_ms() "
                                "RETURNS bigint LANGUAGE sql STABLE SET search_path = canceldesk, "
                                "pg_temp AS 'SELECT 86460000::bigint'"_s,
                                &error),
                 qPrintable(error));
        run = as(u"bob"_s, {u"approvals"_s, u"list"_s});
        QCOMPARE(run.code, 0);
        QCOMPARE(json(run).value(u"approvals"_s).toArray().size(), 0);
        run = as(u"bob"_s, {u"approve"_s, QString::number(lapsing), u"--yes"_s});
        QCOMPARE(run.code, 3);
        bool expired = false;
        for (const QJsonObject &row : log())
            expired |= row.value(u"attempt_id"_s).toInteger() == lapsing
                       && row.value(u"outcome"_s).toString() == u"EXPIRED";
        QVERIFY(expired);
    }

    void auditorOnlyReads()
    {
        QVERIFY(!addOrder(u"alice"_s, 1).isEmpty());
        const Run run = as(u"dave"_s, {u"cancel"_s, m_sandbox.demo(u"uqpay"_s, 1), u"--reason"_s,
                                       u"duplicate"_s, u"--yes"_s});
        QVERIFY2(run.code == 8, run.out.constData());
    }

    // One chain for the team: verified and the same head from every login.
    void everyLoginSeesOneChain()
    {
        QString head;
        for (const QString &login : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s}) {
            Run run = as(login, {u"log"_s, u"verify"_s});
            QVERIFY2(run.code == 0, run.out.constData());
            run = as(login, {u"log"_s, u"head"_s});
            QCOMPARE(run.code, 0);
            if (head.isEmpty())
                head = QString::fromUtf8(run.out);
            QCOMPARE(QString::fromUtf8(run.out), head);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliTeam)
#include "tst_cliteam.moc"
