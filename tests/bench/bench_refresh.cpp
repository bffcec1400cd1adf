// Measures `canceldesk-cli refresh --all` of N orders against
// `canceldesk-sandbox --demo-count` (issue 15: at least 0.8x the throughput of
// `curl --parallel` at the same concurrency against the same sandbox, with
// the status writes batched) and prints both figures and the ratio. Asserts
// nothing.
// Usage:
//   bench_refresh [--orders N] [--concurrency C] [--runs R] [--no-syncs]
//                 [--cli PATH] [--sandbox PATH]
// N orders (default 10,000) are spread evenly over UQPAY, Antom and Liquido:
// the sandbox generates them (--demo-count), `canceldesk-cli orders import`
// puts their keys into a new SQLite store (not timed), and the timed figure
// is the whole `canceldesk-cli --json refresh --all` process (start-up, the
// tokens, every retrieve, every write, exit) with [network] concurrency = C
// (default: WorkflowSettings', 6 per provider).
// Baseline: one `curl --parallel --parallel-max C` process per provider, all
// three at once, sending the same retrieve requests with the same headers:
// UQPAY and Liquido with a token fetched beforehand (not timed), Antom with
// the Signature header CancelDesk would send, computed beforehand with the
// merchant key (not timed: curl cannot sign, so curl's figure leaves out the
// RSA signing and the response verification CancelDesk does per request).
// Floor: the same requests through one bare QNetworkAccessManager inside
// this process (no start-up, no signing, no verifying, no parsing, no store):
// what Qt's HTTP client itself reaches against the same sandbox, and so the
// most CancelDesk's refresh, which sends through it, could reach.
// The runs alternate curl, the bare Qt client and CancelDesk; the best of each
// is compared. One
// more (untimed) refresh counts its fsync/fdatasync calls with perf stat (or
// strace): batched writes need a few per second, not one per order.

#include "benchtools.h"
#include "providers/antom/antomprovider.h"
#include "providers/antom/antomsignature.h"
#include "providers/providerregistry.h"
#include "services/workflowsettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

const std::array<QString, 3> kProviders{u"uqpay"_s, u"antom"_s, u"liquido"_s};

bool writeFile(const QString &path, const QByteArray &data, bool secret = false)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return false;
    file.close();
    return !secret || file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

// A curl config value: quoted, with the two characters curl unescapes.
QByteArray quoted(const QByteArray &value)
{
    QByteArray escaped = value;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + escaped + '"';
}

// canceldesk-sandbox --demo-count, running until the bench ends.
struct Sandbox
{
    QProcess process;
    QByteArray line; // the announcement
    QJsonObject config;

    bool start(const QString &program, const QString &stateDir, int perProvider, QString *error)
    {
        process.setStandardErrorFile(QProcess::nullDevice());
        process.start(program, {u"--port"_s, u"0"_s, u"--state-dir"_s, stateDir, u"--quiet"_s,
                                u"--demo-count"_s, QString::number(perProvider)});
        if (!process.waitForStarted(20000)) {
            *error = u"%1 did not start: %2"_s.arg(program, process.errorString());
            return false;
        }
        QElapsedTimer waited;
        waited.start();
        while (!line.contains('\n') && waited.elapsed() < 60000) {
            process.waitForReadyRead(200);
            line += process.readAllStandardOutput();
        }
        line = line.left(line.indexOf('\n') + 1);
        config = QJsonDocument::fromJson(line).object();
        if (config.isEmpty()) {
            *error = u"canceldesk-sandbox printed no announcement"_s;
            return false;
        }
        return true;
    }

    ~Sandbox()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(10000))
            process.kill();
    }
};

struct CurlRun
{
    qint64 ms = -1;
    int ok = 0; // answers that carry the payment (Antom: resultStatus S)
    QString error;
};

// What marks a good retrieve answer of each provider in curl's output (the
// bodies, compact JSON, one after the other). Antom's inquiry result says
// "success." (its transactions' results say "success").
const std::array<QByteArray, 3> kAnswerMarks{R"("payment_intent_id":")",
                                             R"("resultMessage":"success.","resultStatus":"S")",
                                             R"("idempotencyKey":")"};

// One curl per provider (its own config file), all at once; timed from
// before the first start to after the last exit.
CurlRun runCurls(const QString &curl, const QList<std::pair<int, QString>> &configFiles,
                 int concurrency)
{
    CurlRun run;
    std::vector<std::unique_ptr<QProcess>> processes;
    QElapsedTimer timer;
    timer.start();
    for (const auto &[provider, file] : configFiles) {
        auto process = std::make_unique<QProcess>();
        process->setStandardInputFile(QProcess::nullDevice());
        process->start(curl, {u"--silent"_s, u"--parallel"_s, u"--parallel-max"_s,
                              QString::number(concurrency), u"--config"_s, file});
        processes.push_back(std::move(process));
    }
    for (const auto &process : processes) {
        if (!process->waitForFinished(-1) || process->exitStatus() != QProcess::NormalExit) {
            run.error = u"curl: %1"_s.arg(process->errorString());
            return run;
        }
    }
    run.ms = timer.elapsed();
    for (std::size_t i = 0; i < processes.size(); ++i) {
        QProcess *process = processes[i].get();
        run.ok += int(process->readAllStandardOutput().count(
            kAnswerMarks[std::size_t(configFiles.at(qsizetype(i)).first)]));
        if (process->exitCode() != 0 && run.error.isEmpty())
            run.error = u"curl exited %1: %2"_s.arg(process->exitCode())
                            .arg(QString::fromLocal8Bit(process->readAllStandardError()).trimmed());
    }
    return run;
}

// A token from the provider's token endpoint, fetched with curl.
QByteArray curlToken(const QString &curl, const QStringList &arguments, const QString &field)
{
    const Bench::ToolRun run = Bench::runTool(curl, QStringList{u"--silent"_s} + arguments);
    return QJsonDocument::fromJson(run.out).object().value(field).toString().toLatin1();
}

// One retrieve as the providers' backends send it: its URL, its body (empty:
// a GET) and its headers ("Name: value"). curl and the bare Qt client send
// exactly these.
struct Retrieve
{
    int provider = 0; // index into kProviders
    QByteArray url;
    QByteArray body;
    QList<QByteArray> headers;
};

// One run's retrieves: UQPAY and Liquido with a token fetched now (not timed),
// Antom each signed now as AntomProvider signs it (not timed).
std::optional<std::vector<Retrieve>> retrieveRequests(const QString &curl,
                                                      const Providers::ProviderSettings &settings,
                                                      const std::array<QStringList, 3> &ids,
                                                      QString *error)
{
    const Providers::UqpayConfig &uqpay = *settings.uqpay;
    const Providers::AntomConfig &antom = *settings.antom;
    const Providers::LiquidoConfig &liquido = *settings.liquido;
    const QByteArray uqpayToken =
        curlToken(curl,
                  {u"--request"_s, u"POST"_s, u"--header"_s, u"x-client-id: "_s + uqpay.clientId,
                   u"--header"_s, u"x-api-key: "_s + QString::fromLatin1(uqpay.apiKey.reveal()),
                   uqpay.baseUrl.toString() + u"/api/v1/connect/token"_s},
                  u"auth_token"_s);
    const QByteArray liquidoToken =
        curlToken(curl,
                  {u"--data"_s,
                   u"client_id=%1&client_secret=%2&grant_type=client_credentials"_s.arg(
                       liquido.clientId, QString::fromLatin1(liquido.clientSecret.reveal())),
                   liquido.authUrl.toString()},
                  u"access_token"_s);
    if (uqpayToken.isEmpty() || liquidoToken.isEmpty()) {
        *error = u"no UQPAY or Liquido token for curl"_s;
        return std::nullopt;
    }
    const Providers::Antom::KeyLoadResult key =
        Providers::Antom::RsaKey::loadPrivate(antom.merchantPrivateKey);
    if (!key.ok()) {
        *error = u"the merchant private key: %1"_s.arg(key.error);
        return std::nullopt;
    }

    std::vector<Retrieve> requests;
    // UQPAY and Liquido: GETs with two headers of their own, then JSON's.
    const auto gets = [&requests](int provider, const QByteArray &authHeader,
                                  const QByteArray &keyHeader, const QString &urlPrefix,
                                  const QStringList &paymentIds) {
        for (const QString &id : paymentIds)
            requests.push_back({provider,
                                (urlPrefix + id).toUtf8(),
                                {},
                                {authHeader, keyHeader, "Content-Type: application/json",
                                 "Accept: application/json"}});
    };
    gets(0, "x-auth-token: Bearer " + uqpayToken, "x-client-id: " + uqpay.clientId.toUtf8(),
         uqpay.baseUrl.toString() + u"/api/v2/payment_intents/"_s, ids[0]);
    gets(2, "Authorization: Bearer " + liquidoToken, "x-api-key: " + liquido.apiKey.reveal(),
         liquido.baseUrl.toString() + u"/v1/payments/charges/"_s, ids[2]);
    // Antom: each POST signed as AntomProvider signs it.
    const QByteArray path = antom.apiPathPrefix() + "/v1/payments/inquiryPayment";
    const QByteArray clientId = antom.clientId.toUtf8();
    const QByteArray url = antom.baseUrl.toString().toUtf8() + path;
    for (const QString &id : ids[1]) {
        const QByteArray body = Providers::Antom::AntomProvider::inquiryBody(id);
        const QByteArray requestTime = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        const QByteArray signature = key.key->sign(
            Providers::Antom::signingContent("POST", path, clientId, requestTime, body));
        requests.push_back(
            {1,
             url,
             body,
             {"Content-Type: application/json; charset=UTF-8", "Client-Id: " + clientId,
              "Request-Time: " + requestTime,
              "Signature: "
                  + Providers::Antom::formatSignatureHeader(signature, antom.keyVersion)}});
    }
    return requests;
}

// The three curl config files for one run's retrieves: GETs of one provider
// share one set of headers; each POST is a group of its own (--next).
std::optional<QList<std::pair<int, QString>>>
writeCurlConfigs(const QString &dir, const std::vector<Retrieve> &requests, QString *error)
{
    // The bodies go to stdout, one line each, to be checked (kAnswerMarks).
    const QByteArray writeOut = "write-out = \"\\n\"\n";
    std::array<QByteArray, 3> configs;
    for (const Retrieve &r : requests) {
        QByteArray &config = configs[std::size_t(r.provider)];
        const bool first = config.isEmpty();
        if (!r.body.isEmpty() && !first)
            config += "next\n";
        if (!r.body.isEmpty() || first) {
            for (const QByteArray &header : r.headers)
                config += "header = " + quoted(header) + '\n';
        }
        config += "url = " + quoted(r.url) + '\n';
        if (!r.body.isEmpty())
            config += "data-binary = " + quoted(r.body) + '\n';
        config += writeOut;
    }
    QList<std::pair<int, QString>> files;
    for (std::size_t p = 0; p < kProviders.size(); ++p) {
        if (configs[p].isEmpty())
            continue;
        const QString file = QDir(dir).filePath(u"curl-%1.conf"_s.arg(kProviders[p]));
        if (!writeFile(file, configs[p], true)) {
            *error = u"cannot write %1"_s.arg(file);
            return std::nullopt;
        }
        files.append({int(p), file});
    }
    return files;
}

// The same retrieves through one bare QNetworkAccessManager in this process,
// at most `concurrency` in flight per provider, as the CLI's HttpClient sends
// them: what Qt's HTTP client alone achieves, with nothing signed, verified,
// parsed or written. Timed from the first request to the last answer.
CurlRun runQtClient(const std::vector<Retrieve> &requests, int concurrency)
{
    CurlRun run;
    QNetworkAccessManager manager;
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    std::array<std::vector<const Retrieve *>, 3> queues;
    for (const Retrieve &r : requests)
        queues[std::size_t(r.provider)].push_back(&r);
    std::array<std::size_t, 3> next{};
    std::array<int, 3> active{};
    std::size_t answered = 0;
    QEventLoop loop;
    std::function<void(std::size_t)> send = [&](std::size_t p) {
        while (active[p] < concurrency && next[p] < queues[p].size()) {
            const Retrieve &r = *queues[p][next[p]++];
            QNetworkRequest request{QUrl::fromEncoded(r.url)};
            for (const QByteArray &header : r.headers) {
                const qsizetype colon = header.indexOf(':');
                request.setRawHeader(header.left(colon), header.mid(colon + 1).trimmed());
            }
            QNetworkReply *reply =
                r.body.isEmpty() ? manager.get(request) : manager.post(request, r.body);
            ++active[p];
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, p] {
                if (reply->error() == QNetworkReply::NoError
                    && reply->readAll().contains(kAnswerMarks[p]))
                    ++run.ok;
                reply->deleteLater();
                --active[p];
                if (++answered == requests.size())
                    loop.quit();
                else
                    send(p);
            });
        }
    };
    QElapsedTimer timer;
    timer.start();
    for (std::size_t p = 0; p < queues.size(); ++p)
        send(p);
    if (!requests.empty())
        loop.exec();
    run.ms = timer.elapsed();
    return run;
}

struct RefreshRun
{
    qint64 ms = -1;
    int done = 0;
    int failed = 0;
    QString error;
};

RefreshRun runRefresh(const QString &cli, const QStringList &common)
{
    RefreshRun run;
    const Bench::ToolRun tool =
        Bench::runTool(cli, common + QStringList{u"--json"_s, u"refresh"_s, u"--all"_s});
    const QJsonObject result = QJsonDocument::fromJson(tool.out).object();
    run.done = result.value("done"_L1).toInt();
    run.failed = result.value("failed"_L1).toInt();
    if (!tool.ok) {
        run.error = tool.error;
        return run;
    }
    run.ms = tool.ms;
    return run;
}

// fsync + fdatasync calls of one more refresh --all: counted by perf stat
// (kernel tracepoints, no slowdown) or else strace -f -c (which slows the run
// many times over, so the time-windowed batches come out smaller and the
// count higher than in a normal run). -1 when neither could count.
qint64 countSyncs(const QString &cli, const QStringList &common, const QString &dir, QString *how)
{
    const QString out = QDir(dir).filePath(u"syncs.txt"_s);
    const QStringList refresh =
        QStringList{cli} + common + QStringList{u"--json"_s, u"refresh"_s, u"--all"_s};
    if (const QString perf = Bench::findTool(u"perf"_s); !perf.isEmpty()) {
        const Bench::ToolRun run = Bench::runTool(
            perf, QStringList{u"stat"_s, u"-x,"_s, u"-o"_s, out, u"-e"_s,
                              u"syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync"_s, u"--"_s}
                      + refresh);
        QFile file(out);
        if (run.ok && file.open(QIODevice::ReadOnly)) {
            // "155,,syscalls:sys_enter_fdatasync,…": the count first.
            qint64 calls = 0;
            int rows = 0;
            for (const QByteArray &line : file.readAll().split('\n')) {
                const QList<QByteArray> cells = line.split(',');
                bool ok = false;
                const qint64 n = cells.first().toLongLong(&ok);
                if (cells.size() > 2 && cells.at(2).startsWith("syscalls:") && ok) {
                    calls += n;
                    ++rows;
                }
            }
            if (rows == 2) {
                *how = u"perf stat"_s;
                return calls;
            }
        }
    }
    const QString strace = Bench::findTool(u"strace"_s);
    if (strace.isEmpty()) {
        *how = u"neither perf nor strace could count"_s;
        return -1;
    }
    const Bench::ToolRun run = Bench::runTool(
        strace,
        QStringList{u"-f"_s, u"-c"_s, u"-e"_s, u"trace=fsync,fdatasync"_s, u"-o"_s, out} + refresh);
    QFile file(out);
    if (!run.ok || !file.open(QIODevice::ReadOnly)) {
        *how = run.ok ? u"no strace output"_s : run.error;
        return -1;
    }
    // "% time seconds usecs/call calls errors syscall": the calls column of each row.
    qint64 calls = 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> cells = line.simplified().split(' ');
        if (cells.size() >= 5 && (cells.last() == "fsync" || cells.last() == "fdatasync"))
            calls += cells.at(3).toLongLong();
    }
    *how = u"strace -f: slowed down, so an upper bound"_s;
    return calls;
}

QString perSecond(qint64 count, qint64 ms)
{
    return ms > 0 ? QString::number(double(count) * 1000.0 / double(ms), 'f', 0) : u"-"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Issue 15: canceldesk-cli refresh --all against canceldesk-sandbox beside curl "
        "--parallel at the same concurrency."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"orders"_s, u"Orders to refresh, spread over the three providers."_s, u"N"_s, u"10000"_s},
        {u"concurrency"_s, u"[network] concurrency: requests in flight per provider."_s, u"C"_s,
         QString::number(Services::WorkflowSettings{}.concurrency)},
        {u"runs"_s, u"Timed runs of each (curl, CancelDesk), alternating."_s, u"R"_s, u"2"_s},
        {u"no-syncs"_s, u"Do not count fsync/fdatasync calls (perf stat or strace)."_s},
        {u"cli"_s, u"canceldesk-cli to run."_s, u"PATH"_s, QStringLiteral(CANCELDESK_CLI_EXE)},
        {u"sandbox"_s, u"canceldesk-sandbox to run."_s, u"PATH"_s,
         QStringLiteral(CANCELDESK_SANDBOX_EXE)},
    });
    parser.process(app);
    bool ok = false;
    const int orders = parser.value(u"orders"_s).toInt(&ok);
    if (!ok || orders < 3 || orders > 3 * 100000) {
        std::fprintf(stderr, "--orders must be 3-300000\n");
        return 2;
    }
    const int concurrency = parser.value(u"concurrency"_s).toInt(&ok);
    if (!ok || concurrency < 1 || concurrency > 64) {
        std::fprintf(stderr, "--concurrency must be 1-64 (as [network] concurrency)\n");
        return 2;
    }
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());

    std::printf("bench_refresh: %s\n", qPrintable(Bench::machineLine()));
    const QString curl = Bench::findTool(u"curl"_s);
    if (curl.isEmpty()) {
        std::printf("curl missing (scripts/deps.sh curl installs it): no baseline, nothing "
                    "measured\n");
        return 0;
    }
    const QString cli = parser.value(u"cli"_s);
    const QString sandboxExe = parser.value(u"sandbox"_s);

    QTemporaryDir temp;
    if (!temp.isValid()) {
        std::fprintf(stderr, "no temporary folder\n");
        return 1;
    }
    const QDir dir(temp.path());
    // The CLI's own folders (config, data, runtime) stay inside the run.
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        const QString path = dir.filePath(QString::fromLatin1(name).toLower());
        QDir().mkpath(path);
        qputenv(name, QFile::encodeName(path));
    }
    qputenv("CANCELDESK_SANDBOX_ANNOUNCEMENT", QByteArray());

    // Orders per provider: as even as N allows.
    std::array<int, 3> counts{};
    for (int i = 0; i < 3; ++i)
        counts[std::size_t(i)] = orders / 3 + (i < orders % 3 ? 1 : 0);
    Sandbox sandbox;
    QString error;
    if (!sandbox.start(sandboxExe, dir.filePath(u"sandbox"_s), counts[0], &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const Providers::SandboxAnnouncement announcement =
        Providers::parseSandboxAnnouncement(sandbox.line.trimmed());
    const QJsonObject generated = sandbox.config.value("generated"_L1).toObject();
    if (!announcement.ok() || generated.value("count"_L1).toInt() < counts[0]) {
        std::fprintf(stderr, "the sandbox's announcement is not usable: %s\n",
                     qPrintable(announcement.error));
        return 1;
    }
    // The ids as a client learns them: prefix + n zero-padded to digits.
    std::array<QStringList, 3> ids;
    QByteArray csv = "provider,payment_id,amount,currency\n";
    for (std::size_t p = 0; p < kProviders.size(); ++p) {
        const QJsonObject pattern = generated.value(kProviders[p]).toObject();
        const QString prefix = pattern.value("prefix"_L1).toString();
        const int digits = pattern.value("digits"_L1).toInt();
        for (int n = 1; n <= counts[p]; ++n) {
            ids[p].append(prefix + QString::number(n).rightJustified(digits, u'0'));
            // A merchant export's keys; amount and status come from the refresh.
            csv += kProviders[p].toUtf8() + ',' + ids[p].constLast().toUtf8()
                   + (p == 2 ? ",1.00,BRL\n" : ",1.00,USD\n");
        }
    }
    const QString announcementFile = dir.filePath(u"announcement.json"_s);
    const QString configFile = dir.filePath(u"canceldesk.ini"_s);
    const QString csvFile = dir.filePath(u"orders.csv"_s);
    const QString store = dir.filePath(u"store.sqlite"_s);
    const QByteArray ini = "[general]\nenvironment = sandbox\nsandbox_announcement = "
                           + QFile::encodeName(announcementFile) + "\n\n[network]\nconcurrency = "
                           + QByteArray::number(concurrency) + "\n";
    if (!writeFile(announcementFile, sandbox.line, true) || !writeFile(configFile, ini)
        || !writeFile(csvFile, csv)) {
        std::fprintf(stderr, "cannot write into %s\n", qPrintable(dir.path()));
        return 1;
    }
    const QStringList common{u"--config"_s, configFile, u"--db"_s, store};
    const Bench::ToolRun import =
        Bench::runTool(cli, common + QStringList{u"orders"_s, u"import"_s, csvFile});
    if (!import.ok) {
        std::fprintf(stderr, "orders import: %s\n", qPrintable(import.error));
        return 1;
    }

    std::printf("%d orders (UQPAY %d, Antom %d, Liquido %d); concurrency %d per provider\n", orders,
                counts[0], counts[1], counts[2], concurrency);
    std::printf("CancelDesk: canceldesk-cli --json refresh --all, the whole process, [network] "
                "concurrency = %d\n",
                concurrency);
    std::printf("curl: one `curl --parallel --parallel-max %d` per provider, all three at once; "
                "Antom's signatures computed beforehand (not timed)\n",
                concurrency);
    std::printf("bare Qt client: the same requests as curl's through one QNetworkAccessManager in "
                "this process, at most %d in flight per provider; nothing signed, verified, "
                "parsed or stored\n",
                concurrency);
    std::printf("note: the sandbox serves all three providers on one port, and Qt's HTTP/1 opens "
                "at most 6 connections per host and port\n\n");
    std::fflush(stdout);

    qint64 bestCurl = -1;
    qint64 bestCli = -1;
    qint64 bestQt = -1;
    bool failed = false;
    for (int r = 1; r <= runs; ++r) {
        const std::optional<std::vector<Retrieve>> requests =
            retrieveRequests(curl, announcement.settings, ids, &error);
        const std::optional<QList<std::pair<int, QString>>> configs =
            requests ? writeCurlConfigs(dir.path(), *requests, &error) : std::nullopt;
        if (!configs) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const CurlRun c = runCurls(curl, *configs, concurrency);
        if (c.ms < 0 || !c.error.isEmpty() || c.ok != orders) {
            std::printf("run %d curl      FAILED: %d of %d answered with the payment %s\n", r, c.ok,
                        orders, qPrintable(c.error));
            failed = true;
        } else {
            std::printf("run %d curl       %7lld ms  %6s orders/s\n", r,
                        static_cast<long long>(c.ms), qPrintable(perSecond(orders, c.ms)));
            bestCurl = bestCurl < 0 ? c.ms : std::min(bestCurl, c.ms);
        }
        std::fflush(stdout);

        const CurlRun q = runQtClient(*requests, concurrency);
        if (q.ok != orders) {
            std::printf("run %d bare Qt     FAILED: %d of %d answered with the payment\n", r, q.ok,
                        orders);
            failed = true;
        } else {
            std::printf("run %d bare Qt    %7lld ms  %6s orders/s\n", r,
                        static_cast<long long>(q.ms), qPrintable(perSecond(orders, q.ms)));
            bestQt = bestQt < 0 ? q.ms : std::min(bestQt, q.ms);
        }
        std::fflush(stdout);

        const RefreshRun d = runRefresh(cli, common);
        if (d.ms < 0 || d.done != orders || d.failed != 0) {
            std::printf("run %d CancelDesk FAILED: %d done, %d failed %s\n", r, d.done, d.failed,
                        qPrintable(d.error.left(400)));
            failed = true;
        } else {
            std::printf("run %d CancelDesk %7lld ms  %6s orders/s\n", r,
                        static_cast<long long>(d.ms), qPrintable(perSecond(orders, d.ms)));
            bestCli = bestCli < 0 ? d.ms : std::min(bestCli, d.ms);
        }
        std::fflush(stdout);
    }

    Bench::Figure f;
    f.engine = u"SQLite"_s;
    f.what = u"refresh --all"_s;
    f.rows = orders;
    f.ms = bestCli;
    f.baseline = u"curl --parallel"_s;
    if (bestCurl >= 0)
        f.baselineMs = bestCurl;
    else
        f.baselineNote = u"(failed)"_s;
    f.goal = u"<= 1.25x"_s;
    f.note = bestCli < 0 ? u"every run failed"_s : u"best of %1"_s.arg(runs);
    // Qt's own HTTP client against the same baseline: the floor under
    // CancelDesk's figure, since its requests go through that client.
    Bench::Figure qt = f;
    qt.engine = u"-"_s;
    qt.what = u"bare Qt client"_s;
    qt.ms = bestQt;
    qt.goal.clear();
    qt.note = bestQt < 0 ? u"every run failed"_s : u"best of %1"_s.arg(runs);
    Bench::printTable({f, qt});
    if (bestCli > 0 && bestCurl > 0)
        std::printf("\nthroughput: CancelDesk %s orders/s, curl %s orders/s, ratio %.2fx "
                    "(goal >= 0.80x)\n",
                    qPrintable(perSecond(orders, bestCli)), qPrintable(perSecond(orders, bestCurl)),
                    double(bestCurl) / double(bestCli));
    if (bestQt > 0 && bestCurl > 0)
        std::printf("bare Qt client: %s orders/s, %.2fx curl; CancelDesk is %.2fx of it\n",
                    qPrintable(perSecond(orders, bestQt)), double(bestCurl) / double(bestQt),
                    bestCli > 0 ? double(bestQt) / double(bestCli) : 0.0);

    if (parser.isSet(u"no-syncs"_s)) {
        std::printf("fsync/fdatasync: not counted (--no-syncs)\n");
    } else {
        QString how;
        const qint64 syncs = countSyncs(cli, common, dir.path(), &how);
        if (syncs < 0)
            std::printf("fsync/fdatasync: not counted (%s)\n", qPrintable(how.left(300)));
        else
            std::printf("fsync/fdatasync calls in one more refresh --all of %d orders (%s, "
                        "untimed): %lld\n",
                        orders, qPrintable(how), static_cast<long long>(syncs));
    }
    std::fflush(stdout);
    return failed ? 1 : 0;
}
