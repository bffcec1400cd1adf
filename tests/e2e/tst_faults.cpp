// The provider fault matrix, end to end: canceldesk-cli as a subprocess against
// canceldesk-sandbox processes scripted with every fault of app/sandbox/README.md,
// for each provider, once as a transient fault (the retry with the same key or
// body succeeds) and once as a permanent one. PRODUCT.md F11 (states, retries)
// and §10 (outcomes, exit codes).

#include "clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using CancelDesk::Test::CliRunner;
using CancelDesk::Test::json;
using CancelDesk::Test::Run;
using CancelDesk::Test::Sandbox;

namespace {

// The exit codes of PRODUCT.md §10.
constexpr int kSuccess = 0;
constexpr int kUnresolved = 4;
constexpr int kFailure = 5;

// Two cancellable demo payments per provider (see app/sandbox/demodata.cpp):
// UQPAY cards awaiting a method / authorised, Antom ALIPAY_HK unpaid / a card
// authorised, Liquido a card authorised / PicPay awaiting the payer.
int demoIndex(const QString &provider, int which = 0)
{
    if (provider == u"uqpay")
        return which == 0 ? 0 : 2;
    if (provider == u"antom")
        return which == 0 ? 4 : 0;
    return which == 0 ? 3 : 4;
}

// The sandbox kinds and their parameters; "refused" is no scenario but a port
// nothing listens on. (JSON built as objects: moc 6.4 misreads raw strings
// that end in a quote.)
QJsonObject faultFields(const QString &fault)
{
    if (fault == u"timeout")
        // Held longer than the CLI's timeout_ms (1000), then dropped.
        return {{"kind"_L1, u"timeout"_s}, {"ms"_L1, 3000}};
    if (fault == u"http_500" || fault == u"http_503")
        return {{"kind"_L1, u"http_error"_s}, {"status"_L1, fault.mid(5).toInt()}};
    if (fault == u"rate_limit")
        return {{"kind"_L1, u"rate_limit"_s}, {"retry_after"_L1, 1}};
    if (fault == u"oversized")
        // Just over the client's 4 MiB cap.
        return {{"kind"_L1, u"oversized"_s}, {"bytes"_L1, 4200000}};
    return {{"kind"_L1, fault}};
}

QByteArray scenarios(const QString &fault, const QString &on, int times)
{
    QJsonArray list;
    if (fault != u"refused") {
        QJsonObject scenario = faultFields(fault);
        scenario.insert("payment"_L1, u"*"_s);
        scenario.insert("on"_L1, on);
        scenario.insert("times"_L1, times);
        list.append(scenario);
    }
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

// Applied, with a correct (for Antom: correctly signed) answer that is only
// labelled text/plain: the clients read it, and it is the truth.
bool tolerated(const QString &fault)
{
    return fault == u"wrong_content_type";
}

// Faults whose request the provider never performs.
bool notApplied(const QString &fault)
{
    return fault == u"http_500" || fault == u"http_503" || fault == u"rate_limit"
           || fault == u"unknown" || fault == u"refused" || fault == u"token_expired";
}

struct Expected
{
    QString outcome;
    int code = 0;
};

// What F11 and §10 make of a fault that never goes away. An UNRESOLVED cancel
// always exits 4, whatever the last failure was (§10): 5 would read as
// "nothing happened" and invite a scripted retry.
Expected permanentOutcome(const QString &provider, const QString &fault)
{
    if (fault == u"token_expired") {
        // Antom has no token. UQPAY keeps one active token per client: a
        // token refused right after it was issued is another process taking
        // it, so the cancel stays unknown (never "rejected, fix the
        // configuration"). Liquido's refused fresh token is the credentials.
        if (provider == u"antom")
            return {u"SUCCEEDED"_s, kSuccess};
        return provider == u"uqpay" ? Expected{u"UNRESOLVED"_s, kUnresolved}
                                    : Expected{u"REJECTED"_s, kFailure};
    }
    if (tolerated(fault))
        return {u"SUCCEEDED"_s, kSuccess};
    if (notApplied(fault))
        return {u"UNRESOLVED"_s, kUnresolved};
    // Applied, answer lost or spoiled. Liquido reconciles with a GET of the
    // charge before it sends again (PROVIDERS.md §4.3), and that trusted
    // answer says CANCELLED; the others stay unknown.
    if (provider == u"liquido")
        return {u"SUCCEEDED"_s, kSuccess};
    return {u"UNRESOLVED"_s, kUnresolved};
}

bool hasCjk(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

// The first run of three or more English words: an untranslated sentence.
// The technical detail in parentheses after a message, "(code: detail)", quotes
// the provider's or the transport's own words and is left out.
QString englishSentence(const QString &text)
{
    static const QRegularExpression detail(u"[（(][^（()）]*[)）]"_s);
    static const QRegularExpression words(u"\\b[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}\\b){2,}"_s);
    QString sentences = text;
    sentences.remove(detail);
    return words.match(sentences).captured();
}

// A free port that nothing listens on.
quint16 deadPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot find a free port");
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestFaults final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_config;
    QString m_deadAnnouncement; // every provider at a port nothing listens on
    int m_runs = 0;

    // A fresh sandbox with the scenarios (one after another, in one state
    // directory, so the keys are generated once).
    bool startSandbox(Sandbox &sandbox, const QByteArray &scenarioJson)
    {
        return sandbox.startWith(m_dir.filePath(u"sandbox"_s), scenarioJson);
    }

    // The sandbox's announcement with every address moved to a dead port.
    QString deadAnnouncement(const Sandbox &sandbox)
    {
        QJsonObject announcement = sandbox.announcement;
        const QString dead = u"http://127.0.0.1:%1"_s.arg(deadPort());
        for (const QString &provider : {u"uqpay"_s, u"antom"_s, u"liquido"_s}) {
            QJsonObject p = announcement.value(provider).toObject();
            p.insert(u"base_url"_s, dead);
            if (p.contains(u"auth_url"_s))
                p.insert(u"auth_url"_s, QString(dead + u"/oauth2/token"_s));
            announcement.insert(provider, p);
        }
        QFile file(m_deadAnnouncement);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write the dead announcement");
        file.write(QJsonDocument(announcement).toJson(QJsonDocument::Compact) + '\n');
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return m_deadAnnouncement;
    }

    Run cli(const QStringList &args, const QString &announcement, const QString &db)
    {
        return CancelDesk::Test::runCli(args, announcement, m_dir.path(), m_config, db);
    }

    QString newDb() { return m_dir.filePath(u"run%1.sqlite"_s.arg(++m_runs)); }

    // The one order of db, as `orders list --json` shows it.
    // lang: the language the CLI words stored messages in (the sync error).
    QJsonObject onlyOrder(const Sandbox &sandbox, const QString &db, const QString &lang = {})
    {
        QStringList args{u"--json"_s};
        if (!lang.isEmpty())
            args << u"--lang"_s << lang;
        args << u"orders"_s << u"list"_s;
        const Run run = cli(args, sandbox.announcementFile, db);
        const QJsonArray orders = json(run).value(u"orders"_s).toArray();
        return orders.size() == 1 ? orders.at(0).toObject() : QJsonObject();
    }

    // The payment as an import would bring it in: no network.
    Run importOrder(const Sandbox &sandbox, const QString &provider, const QString &id,
                    const QString &db)
    {
        const QString csv = m_dir.filePath(u"order%1.csv"_s.arg(m_runs));
        QFile file(csv);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("provider,payment_id,amount,currency,status\n" + provider.toUtf8() + ','
                   + id.toUtf8() + ",10.00,USD,"
                   + (provider == u"uqpay"   ? "REQUIRES_PAYMENT_METHOD"
                      : provider == u"antom" ? "PROCESSING"
                                             : "AUTHORIZED")
                   + '\n');
        file.close();
        return cli({u"orders"_s, u"import"_s, csv}, sandbox.announcementFile, db);
    }

    // Every cancel attempt of db: "STATE/tries".
    static QStringList attempts(const QString &db)
    {
        QStringList found;
        {
            QSqlDatabase sql = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"faults"_s);
            sql.setDatabaseName(db);
            sql.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
            if (sql.open()) {
                QSqlQuery q(sql);
                q.exec(u"SELECT state, tries FROM cancel_attempts ORDER BY id"_s);
                while (q.next())
                    found << u"%1/%2"_s.arg(q.value(0).toString()).arg(q.value(1).toInt());
            }
        }
        QSqlDatabase::removeDatabase(u"faults"_s);
        return found;
    }

    // A message fit for the operator in the language asked for.
    static void checkLanguage(const QString &lang, const QString &text)
    {
        QVERIFY2(!text.trimmed().isEmpty(), "no message");
        if (lang == u"zh_CN") {
            QVERIFY2(hasCjk(text), qPrintable(text));
            QVERIFY2(englishSentence(text).isEmpty(),
                     qPrintable(u"untranslated: \"%1\" in %2"_s.arg(englishSentence(text), text)));
        } else {
            QVERIFY2(text.contains(QRegularExpression(u"[A-Za-z]{2,} [a-z]{3,}"_s)),
                     qPrintable(text));
            QVERIFY2(!hasCjk(text), qPrintable(text));
        }
    }

    void addMatrixRows(bool withTransient)
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<bool>("permanent");
        const QStringList common{u"timeout"_s,        u"refused"_s,
                                 u"http_500"_s,       u"http_503"_s,
                                 u"rate_limit"_s,     u"malformed_json"_s,
                                 u"truncated_body"_s, u"html"_s,
                                 u"oversized"_s,      u"wrong_content_type"_s,
                                 u"unknown"_s,        u"token_expired"_s};
        for (const QString &provider : {u"uqpay"_s, u"antom"_s, u"liquido"_s}) {
            QStringList faults = common;
            if (provider == u"antom")
                faults << u"unsigned"_s << u"forged_signature"_s;
            for (const QString &fault : std::as_const(faults)) {
                // A dead port cannot come back for the retry.
                if (withTransient && fault != u"refused")
                    QTest::addRow("%s %s transient", qPrintable(provider), qPrintable(fault))
                        << provider << fault << false;
                QTest::addRow("%s %s permanent", qPrintable(provider), qPrintable(fault))
                    << provider << fault << true;
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_deadAnnouncement = m_dir.filePath(u"dead-announcement.json"_s);
        // Short waits so that the matrix stays fast.
        m_config = m_dir.filePath(u"canceldesk.ini"_s);
        QFile ini(m_config);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[general]\nenvironment=sandbox\noperator=Fault Tester\n"
                  "[network]\ntimeout_ms=1000\nmax_retries=2\nretry_base_ms=20\n"
                  "confirm_timeout_s=2\npoll_interval_ms=50\nconcurrency=2\n");
        ini.close();
    }

    void cancelUnderFault_data() { addMatrixRows(true); }

    void cancelUnderFault()
    {
        QFETCH(QString, provider);
        QFETCH(QString, fault);
        QFETCH(bool, permanent);
        const Expected expected =
            permanent ? permanentOutcome(provider, fault) : Expected{u"SUCCEEDED"_s, kSuccess};

        // A permanent fault serves both languages (on two payments); a
        // transient one is used up by the first cancel.
        std::unique_ptr<Sandbox> sandboxHolder;
        for (const QString &lang : {u"en"_s, u"zh_CN"_s}) {
            const bool first = lang == u"en";
            if (!permanent || first) {
                sandboxHolder = std::make_unique<Sandbox>();
                QVERIFY(startSandbox(*sandboxHolder,
                                     scenarios(fault, u"cancel"_s, permanent ? -1 : 1)));
            }
            Sandbox &sandbox = *sandboxHolder;
            const QString db = newDb();
            const QString id =
                sandbox.demo(provider, demoIndex(provider, permanent && !first ? 1 : 0));
            Run run = cli({u"orders"_s, u"add"_s, u"--provider"_s, provider, u"--id"_s, id},
                          sandbox.announcementFile, db);
            QVERIFY2(run.code == 0, run.err.constData());
            const QJsonObject before = onlyOrder(sandbox, db);
            QVERIFY(!before.isEmpty());
            QVERIFY(before.value(u"status"_s).toString() != u"CANCELLED");

            const QString announcement =
                fault == u"refused" ? deadAnnouncement(sandbox) : sandbox.announcementFile;
            run = cli({u"--json"_s, u"--lang"_s, lang, u"cancel"_s, id, u"--reason"_s,
                       u"duplicate"_s, u"--yes"_s},
                      announcement, db);
            const QJsonObject result = json(run);
            QVERIFY2(!result.isEmpty(), run.out.constData());
            QCOMPARE(result.value(u"outcome"_s).toString(), expected.outcome);
            QCOMPARE(run.code, expected.code);
            QVERIFY(result.value(u"sent"_s).toBool() || fault == u"refused");
            // In words, in the operator's language.
            checkLanguage(lang, result.value(u"message"_s).toString() + u' '
                                    + result.value(u"guidance_text"_s).toString());

            // One attempt, however many tries, in its final state.
            const QStringList journal = attempts(db);
            QCOMPARE(journal.size(), 1);
            QVERIFY2(journal.first().startsWith(expected.outcome + u'/'),
                     qPrintable(journal.first()));
            QCOMPARE(journal.first(),
                     u"%1/%2"_s.arg(expected.outcome).arg(result.value(u"tries"_s).toInt()));

            // Cancelled locally only on a trusted confirmation.
            const QJsonObject after = onlyOrder(sandbox, db);
            if (expected.outcome == u"SUCCEEDED")
                QCOMPARE(after.value(u"status"_s).toString(), u"CANCELLED"_s);
            else
                QCOMPARE(after.value(u"status"_s), before.value(u"status"_s));

            if (expected.outcome == u"UNRESOLVED" && !notApplied(fault)) {
                // The provider did cancel: a refresh (its inquiry is not
                // scripted) is the trusted answer that settles the attempt.
                run = cli({u"--json"_s, u"refresh"_s, id}, sandbox.announcementFile, db);
                QVERIFY2(run.code == 0, run.out.constData());
                QCOMPARE(json(run).value(u"reconciled"_s).toInt(), 1);
                QCOMPARE(attempts(db).size(), 1);
                QVERIFY2(attempts(db).first().startsWith(u"SUCCEEDED/"_s),
                         qPrintable(attempts(db).first()));
                QCOMPARE(onlyOrder(sandbox, db).value(u"status"_s).toString(), u"CANCELLED"_s);
            }
            if (!permanent || !first) {
                sandbox.stop();
                QCOMPARE(sandbox.process.exitCode(), 0); // the sandbox survived it too
            }
        }
    }

    void tokenExpiresMidRun_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addRow("uqpay") << u"uqpay"_s;
        QTest::addRow("liquido") << u"liquido"_s;
    }

    void tokenExpiresMidRun()
    {
        // The token the CLI got first expires (and is revoked) at the next
        // refresh and again at the cancel: the client fetches a new one once
        // and resends the identical request each time.
        QFETCH(QString, provider);
        Sandbox sandbox;
        QVERIFY(startSandbox(
            sandbox, R"([{"payment": "*", "kind": "token_expired", "on": "inquiry", "times": 1},
                         {"payment": "*", "kind": "token_expired", "on": "cancel", "times": 1}])"));
        const QString db = newDb();
        const QString id = sandbox.demo(provider, demoIndex(provider));
        Run run = importOrder(sandbox, provider, id, db);
        QVERIFY2(run.code == 0, run.err.constData());
        run = cli({u"--json"_s, u"refresh"_s, id}, sandbox.announcementFile, db);
        QVERIFY2(run.code == 0, run.out.constData());
        QCOMPARE(json(run).value(u"failed"_s).toInt(), 0);
        QVERIFY(onlyOrder(sandbox, db).value(u"last_sync_error"_s).toString().isEmpty());

        run = cli({u"--json"_s, u"cancel"_s, id, u"--reason"_s, u"duplicate"_s, u"--yes"_s},
                  sandbox.announcementFile, db);
        QVERIFY2(run.code == kSuccess, run.out.constData());
        QCOMPARE(json(run).value(u"outcome"_s).toString(), u"SUCCEEDED"_s);
        // The re-authentication is not a retry: one try, one attempt.
        QCOMPARE(attempts(db), QStringList{u"SUCCEEDED/1"_s});
        QCOMPARE(onlyOrder(sandbox, db).value(u"status"_s).toString(), u"CANCELLED"_s);
        sandbox.stop();
    }

    void refreshUnderFault_data() { addMatrixRows(false); }

    void refreshUnderFault()
    {
        QFETCH(QString, provider);
        QFETCH(QString, fault);
        if (fault == u"token_expired" && provider == u"antom")
            QSKIP("Antom has no access token: nothing fails");
        Sandbox sandbox;
        QVERIFY(startSandbox(sandbox, scenarios(fault, u"inquiry"_s, -1)));
        const QString db = newDb();
        const QString id = sandbox.demo(provider, demoIndex(provider));
        // In through an import: an inquiry would meet the fault already.
        Run run = importOrder(sandbox, provider, id, db);
        QVERIFY2(run.code == 0, run.err.constData());
        const QJsonObject before = onlyOrder(sandbox, db);
        QVERIFY(before.value(u"last_sync_error"_s).toString().isEmpty());

        const QString announcement =
            fault == u"refused" ? deadAnnouncement(sandbox) : sandbox.announcementFile;
        for (const QString &lang : {u"en"_s, u"zh_CN"_s}) {
            run = cli({u"--json"_s, u"--lang"_s, lang, u"refresh"_s, id}, announcement, db);
            if (tolerated(fault)) {
                QCOMPARE(run.code, kSuccess);
                QVERIFY(onlyOrder(sandbox, db).value(u"last_sync_error"_s).toString().isEmpty());
                continue;
            }
            QCOMPARE(run.code, kFailure);
            const QJsonObject summary = json(run);
            QCOMPARE(summary.value(u"failed"_s).toInt(), 1);
            const QString error =
                summary.value(u"errors"_s).toArray().at(0).toObject().value(u"error"_s).toString();
            checkLanguage(lang, error);

            // The order keeps its status and records why it could not sync.
            const QJsonObject after = onlyOrder(sandbox, db, lang);
            QCOMPARE(after.value(u"status"_s), before.value(u"status"_s));
            QCOMPARE(after.value(u"raw_status"_s), before.value(u"raw_status"_s));
            checkLanguage(lang, after.value(u"last_sync_error"_s).toString());
            // Stored as a kind, not a sentence: read in the other language,
            // its sentence is worded in that one. (The detail in brackets -- a
            // provider's message, Qt's socket error, a parser's detail -- is
            // kept as it was recorded.)
            const QString other = lang == u"en" ? u"zh_CN"_s : u"en"_s;
            const QString reread =
                onlyOrder(sandbox, db, other).value(u"last_sync_error"_s).toString();
            const QString sentence = reread.section(u'(', 0, 0).section(u'（', 0, 0);
            checkLanguage(other, sentence);
        }
        sandbox.stop();
        QCOMPARE(sandbox.process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
