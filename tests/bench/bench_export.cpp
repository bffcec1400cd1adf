// Measures `log export` (CSV, XLSX, JSON Lines) and `log verify` of a large
// cancel log (issue 15: CSV at most 1.5x `sqlite3 -csv` of the same rows;
// verify at most 3x `sha256sum` of the same bytes) and prints each figure
// beside the plain tool's, run in the same run. Asserts nothing. Usage:
//   bench_export [--entries N] [--engines sqlite|sqlite,postgresql] [--keep DIR]
//
// The store: N cancel attempts, each with one journal entry (its final
// state), so N export rows and an N-entry chain. They are written in one
// transaction with the product's own chain code (JournalChain: canonical
// content, SHA-256, prev_hash) because CancelJournal has no batch path
// (prepare() and record() commit one transaction each); the verify measured
// below is the proof that the chain is real. With --keep DIR the store and
// the chain's bytes are kept and reused by the next run of the same size.
// On PostgreSQL the store is copied into a new database of a server started
// for the run with Storage::StoreCopy (`db copy`), then measured there.
//
// Baselines:
//  - export: `sqlite3 -csv -header` (psql `\copy (SELECT …) TO … CSV HEADER`)
//    of the same 26 columns in the same order, from the same store, to a file.
//    The plain tool writes the stored values (amounts in minor units, times
//    as epoch ms, reason keys twice); the export formats them.
//  - verify: `sha256sum` of the bytes verify hashes, written to one file:
//    for each entry prev_hash + "\n" + its canonical content. Verify also
//    reads every attempt row and compares it with its latest entry.

#include "benchtools.h"
#include "core/appcore.h"
#include "pgserver.h"
#include "services/exporter.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/journalchain.h"
#include "storage/storecopy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

// The export's 26 columns (Services::exportColumns()) as stored.
const QString kBaselineColumns =
    u"id, provider, payment_id, merchant_reference, amount_minor, currency, payment_method, "
    "reason, reason, note, operator, environment, idempotency_key, state, provider_code, "
    "provider_message, http_status, tries, requested_at, requested_at, finished_at, finished_at, "
    "latency_ms, status_before, status_after, entry_hash"_s;

const char *const kProviders[] = {"uqpay", "antom", "liquido"};
const char *const kMethods[][3] = {{"CARD", "WECHATPAY", "ALIPAYCN"},
                                   {"ALIPAY_CN", "GCASH", "CARD"},
                                   {"PIX_DYNAMIC_QR", "BOLETO", "CREDIT_CARD"}};
const char *const kOperators[] = {"li.na", "wang.wei", "chen.jing", "Ana Souza"};
const char *const kReasons[] = {"requested_by_customer", "duplicate", "fraudulent", "abandoned",
                                "other"};

Core::AppCoreOptions storeOptions(const QString &location)
{
    Core::AppCoreOptions options;
    options.config.environment = u"test"_s; // no sandbox, no providers
    options.databasePath = location;
    return options;
}

// Attempt i's snapshot, in JournalChain::kColumns order. Deterministic: 80 %
// succeeded, 15 % rejected, 5 % unresolved; some notes and references need
// CSV quoting.
QVariantList attemptValues(qint64 i, qint64 requestedAt)
{
    const int p = int(i % 3);
    const int outcome = int(i % 20);
    const bool succeeded = outcome < 16;
    const bool rejected = outcome >= 16 && outcome < 19;
    const qint64 latency = 200 + i % 800;
    const QString reason = QString::fromLatin1(kReasons[i % 5]);
    const QVariant finishedAt =
        succeeded || rejected ? QVariant(requestedAt + latency) : QVariant();
    return {
        QString::fromLatin1(kProviders[p]),
        u"BENCH%1-%2"_s.arg(p).arg(i, 9, 10, QLatin1Char('0')),
        i % 50 == 0 ? u"SO-%1, split"_s.arg(i) : u"SO-%1"_s.arg(i),
        qint64(1000 + (i * 37) % 500000),
        p == 2 ? u"BRL"_s : u"USD"_s,
        QString::fromLatin1(kMethods[p][(i / 9) % 3]),
        QString::fromLatin1(kOperators[i % 4]),
        u"production"_s,
        reason,
        reason == u"other" ? u"customer called twice, \"cancel it\""_s : QString(u""_s),
        QUuid::createUuidV5(QUuid(u"6f1c2a54-8a7e-4d0b-9a57-3c1f0b7e2d11"_s), QByteArray::number(i))
            .toString(QUuid::WithoutBraces),
        succeeded  ? u"SUCCEEDED"_s
        : rejected ? u"REJECTED"_s
                   : u"UNRESOLVED"_s,
        rejected ? u"PAYMENT_ALREADY_PAID"_s : QString(u""_s),
        rejected    ? u"The payment has already been captured."_s
        : succeeded ? QString(u""_s)
                    : u"timed out after 3 tries"_s,
        qint64(succeeded || rejected ? 200 : 0),
        qint64(succeeded || rejected ? 1 : 3),
        requestedAt,
        finishedAt,
        succeeded || rejected ? latency : qint64(-1),
        u"PENDING"_s,
        succeeded  ? u"CANCELLED"_s
        : rejected ? u"SUCCEEDED"_s
                   : QString(u""_s),
        u"bench-host"_s,
        qint64(4242),
        QVariant(), // lease_until: a final attempt is owned by nobody
        u""_s,
        u""_s,
        u""_s,
        QVariant(),
    };
}

// N attempts with one entry each, in one write transaction; the chain's
// hashed bytes (prev_hash "\n" content, per entry) go to chainPath.
bool generate(Storage::Database &db, qint64 count, const QString &chainPath, QString *error)
{
    using namespace Storage::JournalChain;
    QFile chain(chainPath);
    if (!chain.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = chain.errorString();
        return false;
    }
    const QSqlDatabase connection = db.connection();
    Storage::WriteTransaction tx(connection);
    if (!tx.begin(error))
        return false;
    const qsizetype n = qsizetype(kColumns.size());
    QSqlQuery attempt(connection);
    QSqlQuery entry(connection);
    if (!attempt.prepare(u"INSERT INTO cancel_attempts (id, "_s + columnList()
                         + u", entry_seq, entry_hash) VALUES ("_s + placeholders(n + 3) + u")"_s)
        || !entry.prepare(
            u"INSERT INTO journal_entries (seq, attempt_id, recorded_at, recorded_by, format, "_s
            + columnList() + u", prev_hash, entry_hash) VALUES ("_s + placeholders(n + 7)
            + u")"_s)) {
        *error = attempt.lastError().text() + u' ' + entry.lastError().text();
        return false;
    }
    const qint64 base = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QString prevHash = genesisHash();
    QByteArray bytes;
    for (qint64 i = 0; i < count; ++i) {
        const qint64 id = i + 1;
        const qint64 requestedAt = base + i * 15000;
        const QVariantList values = attemptValues(i, requestedAt);
        const qint64 recordedAt = requestedAt + 1000;
        const QString recordedBy = values.at(6).toString(); // the operator
        const QByteArray content =
            canonicalContent(id, id, recordedAt, recordedBy, kCurrentFormat, values);
        const QString hash = chainHash(prevHash, content);

        attempt.bindValue(0, id);
        for (qsizetype c = 0; c < n; ++c)
            attempt.bindValue(int(c + 1), values.at(c));
        attempt.bindValue(int(n + 1), id);
        attempt.bindValue(int(n + 2), hash);
        if (!attempt.exec()) {
            *error = attempt.lastError().text();
            return false;
        }
        entry.bindValue(0, id);
        entry.bindValue(1, id);
        entry.bindValue(2, recordedAt);
        entry.bindValue(3, recordedBy);
        entry.bindValue(4, kCurrentFormat);
        for (qsizetype c = 0; c < n; ++c)
            entry.bindValue(int(c + 5), values.at(c));
        entry.bindValue(int(n + 5), prevHash);
        entry.bindValue(int(n + 6), hash);
        if (!entry.exec()) {
            *error = entry.lastError().text();
            return false;
        }
        bytes += prevHash.toUtf8();
        bytes += '\n';
        bytes += content;
        if (bytes.size() > (1 << 20)) {
            if (chain.write(bytes) != bytes.size()) {
                *error = chain.errorString();
                return false;
            }
            bytes.clear();
        }
        prevHash = hash;
    }
    if (chain.write(bytes) != bytes.size() || !chain.flush()) {
        *error = chain.errorString();
        return false;
    }
    return tx.commit(error);
}

void removeSqlite(const QString &path)
{
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(path + suffix);
}

// Whether the kept store at path holds exactly `count` attempts and entries.
bool keptStoreFits(Core::AppCore &core, qint64 count)
{
    QString error;
    const std::optional<Storage::JournalHead> head = core.journal().head(&error);
    return head && head->seq == count && core.journal().count({}) == count;
}

Bench::Figure measureExport(Core::AppCore &core, const QString &engine,
                            Services::ExportFormat format, const QString &path, qint64 count)
{
    Bench::Figure f;
    f.engine = engine;
    f.what = u"export "_s + Services::exportFormatKey(format).toUpper();
    f.rows = count;
    Services::ExportOptions options; // what `log export --format …` passes
    options.format = format;
    QFile::remove(path);
    if (!Bench::resetPeakRss())
        f.note = u"peak RSS since the start of the process"_s;
    f.startKiB = Bench::currentRssKiB();
    QElapsedTimer t;
    t.start();
    const Services::ExportResult r = core.exporter().exportNow(path, options);
    const qint64 ms = t.elapsed();
    f.peakKiB = Bench::peakRssKiB();
    if (!r.ok()) {
        f.note = u"export failed: "_s + r.error;
        return f;
    }
    if (r.rows != count) {
        f.note = u"exported %1 of %2 rows"_s.arg(r.rows).arg(count);
        return f;
    }
    f.ms = ms;
    return f;
}

Bench::Figure measureVerify(Core::AppCore &core, const QString &engine, qint64 count)
{
    Bench::Figure f;
    f.engine = engine;
    f.what = u"verify chain"_s;
    f.rows = count;
    f.goal = u"<= 3x"_s;
    if (!Bench::resetPeakRss())
        f.note = u"peak RSS since the start of the process"_s;
    f.startKiB = Bench::currentRssKiB();
    QElapsedTimer t;
    t.start();
    const Storage::VerifyResult r = core.journal().verify();
    const qint64 ms = t.elapsed();
    f.peakKiB = Bench::peakRssKiB();
    if (!r.ok) {
        f.note = u"verify failed at entry %1: %2"_s.arg(r.firstBadEntry).arg(r.problem);
        return f;
    }
    if (r.entriesChecked != count) {
        f.note = u"verify checked %1 of %2 entries"_s.arg(r.entriesChecked).arg(count);
        return f;
    }
    f.ms = ms;
    return f;
}

void sha256Baseline(Bench::Figure &f, const QString &chainPath)
{
    f.baseline = u"sha256sum"_s;
    const QString tool = Bench::findTool(u"sha256sum"_s);
    if (tool.isEmpty()) {
        f.baselineNote = u"(sha256sum not installed)"_s;
        return;
    }
    const Bench::ToolRun run = Bench::runTool(tool, {chainPath});
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    f.baselineMs = run.ms;
}

// The rows in a CSV the tool wrote (header not counted), for a sanity check.
qint64 csvRecords(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // Quoted fields in this data hold no line breaks: one line per record.
    qint64 lines = 0;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        lines += chunk.count('\n');
    }
    return lines - 1;
}

void sqliteCsvBaseline(Bench::Figure &f, const QString &store, const QString &out, qint64 count)
{
    f.baseline = u"sqlite3 -csv"_s;
    f.goal = u"<= 1.5x"_s;
    const QString sqlite3 = Bench::findTool(u"sqlite3"_s);
    if (sqlite3.isEmpty()) {
        f.baselineNote = u"(sqlite3 not installed)"_s;
        return;
    }
    const Bench::ToolRun run =
        Bench::runTool(sqlite3,
                       {u"-bail"_s, u"-csv"_s, u"-header"_s, store,
                        u"SELECT "_s + kBaselineColumns + u" FROM cancel_attempts ORDER BY id"_s},
                       {}, out);
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    if (const qint64 rows = csvRecords(out); rows != count) {
        f.baselineNote = u"(sqlite3 wrote %1 of %2 rows)"_s.arg(rows).arg(count);
        return;
    }
    f.baselineMs = run.ms;
}

void postgresCsvBaseline(Bench::Figure &f, const QString &url, const QString &out, qint64 count)
{
    f.baseline = u"psql \\copy TO"_s;
    f.goal = u"<= 1.5x"_s;
    const QString psql = Bench::findTool(u"psql"_s, {Test::PgServer::instance()->binDir()});
    if (psql.isEmpty()) {
        f.baselineNote = u"(psql not installed)"_s;
        return;
    }
    QString quoted = out;
    quoted.replace(u'\'', u"''"_s);
    const Bench::ToolRun run = Bench::runTool(
        psql, {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s, url, u"-c"_s,
               u"\\copy (SELECT "_s + kBaselineColumns
                   + u" FROM canceldesk.cancel_attempts ORDER BY id) TO '%1' WITH (FORMAT csv, "
                     "HEADER true)"_s.arg(quoted)});
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    if (const qint64 rows = csvRecords(out); rows != count) {
        f.baselineNote = u"(psql wrote %1 of %2 rows)"_s.arg(rows).arg(count);
        return;
    }
    f.baselineMs = run.ms;
}

// The exports and the verify of one store, with their baselines.
QList<Bench::Figure>
measureStore(Core::AppCore &core, const QString &engine, const QString &dir, qint64 count,
             const QString &chainPath,
             const std::function<void(Bench::Figure &, const QString &)> &csvBaseline)
{
    QList<Bench::Figure> figures;
    const QString prefix = engine.toLower();
    for (const Services::ExportFormat format :
         {Services::ExportFormat::Csv, Services::ExportFormat::Xlsx,
          Services::ExportFormat::JsonLines}) {
        const QString path = QDir(dir).absoluteFilePath(
            u"%1-log.%2"_s.arg(prefix, Services::exportFormatKey(format)));
        Bench::Figure f = measureExport(core, engine, format, path, count);
        if (format == Services::ExportFormat::Csv)
            csvBaseline(f, QDir(dir).absoluteFilePath(u"%1-baseline.csv"_s.arg(prefix)));
        Bench::printFigure(f);
        figures.append(f);
    }
    Bench::Figure verify = measureVerify(core, engine, count);
    sha256Baseline(verify, chainPath);
    Bench::printFigure(verify);
    figures.append(verify);
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"log export / log verify beside sqlite3 -csv, psql \\copy and sha256sum"_s);
    parser.addOption({u"entries"_s, u"Cancel attempts in the log (one journal entry each)."_s,
                      u"N"_s, u"1000000"_s});
    Bench::addCommonOptions(parser, u"Keep the store, the chain's bytes and the exports in DIR; a "
                                    "kept store of the same size is reused."_s);
    parser.addHelpOption();
    parser.process(app);
    bool countOk = false;
    const qint64 count = parser.value(u"entries"_s).toLongLong(&countOk);
    if (!countOk || count <= 0) {
        std::fprintf(stderr, "--entries must be a positive number\n");
        return 2;
    }
    const std::optional<QStringList> engines = Bench::engines(parser);
    if (!engines)
        return 2;
    QTemporaryDir temp;
    const QString dir = Bench::workFolder(parser, temp);
    if (dir.isEmpty())
        return 1;
    std::printf("bench_export: %lld cancel attempts, one journal entry each; %s\n",
                static_cast<long long>(count), qPrintable(Bench::machineLine()));

    const QString store = QDir(dir).absoluteFilePath(u"log-%1.sqlite"_s.arg(count));
    const QString chainPath = QDir(dir).absoluteFilePath(u"log-%1.chain"_s.arg(count));
    auto core = std::make_unique<Core::AppCore>(storeOptions(store));
    QString error;
    if (!core->openStorage(&error)) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(store), qPrintable(error));
        return 1;
    }
    if (parser.isSet(u"keep"_s) && QFileInfo::exists(chainPath) && keptStoreFits(*core, count)) {
        std::printf("reusing %s\n", qPrintable(store));
    } else {
        core.reset();
        removeSqlite(store);
        core = std::make_unique<Core::AppCore>(storeOptions(store));
        if (!core->openStorage(&error)) {
            std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(store), qPrintable(error));
            return 1;
        }
        QElapsedTimer t;
        t.start();
        if (!generate(core->database(), count, chainPath, &error)) {
            std::fprintf(stderr, "cannot generate the log: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("generated %lld attempts and entries in %lld ms (one transaction)\n",
                    static_cast<long long>(count), static_cast<long long>(t.elapsed()));
    }
    std::printf("store %.1f MB, chain bytes %.1f MB\n", double(QFileInfo(store).size()) / 1e6,
                double(QFileInfo(chainPath).size()) / 1e6);
    std::fflush(stdout);

    QList<Bench::Figure> figures;
    if (engines->contains(u"sqlite"_s)) {
        figures += measureStore(
            *core, u"SQLite"_s, dir, count, chainPath,
            [&](Bench::Figure &f, const QString &out) { sqliteCsvBaseline(f, store, out, count); });
    }
    if (engines->contains(u"postgresql"_s)) {
        QString url = Test::PgServer::instance()->createDatabase(&error);
        if (!url.isEmpty()) {
            Storage::Database target(url);
            QElapsedTimer t;
            t.start();
            if (target.open(&error)) {
                Storage::StoreCopy copy(core->database(), target);
                const Storage::CopyResult r = copy.run();
                if (r.ok()) {
                    std::printf("copied into PostgreSQL (db copy: one transaction, then its "
                                "verify) in %lld ms\n",
                                static_cast<long long>(t.elapsed()));
                } else {
                    error = r.error;
                    url.clear();
                }
            } else {
                url.clear();
            }
        }
        if (url.isEmpty()) {
            Bench::Figure f;
            f.engine = u"PostgreSQL"_s;
            f.what = u"copy the store"_s;
            f.rows = count;
            f.note = error;
            Bench::printFigure(f);
            figures.append(f);
        } else {
            Core::AppCore team(storeOptions(url));
            if (!team.openStorage(&error)) {
                std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(url), qPrintable(error));
                return 1;
            }
            figures += measureStore(team, u"PostgreSQL"_s, dir, count, chainPath,
                                    [&](Bench::Figure &f, const QString &out) {
                                        postgresCsvBaseline(f, url, out, count);
                                    });
        }
    }
    Bench::printTable(figures);
    for (const Bench::Figure &f : std::as_const(figures)) {
        if (f.ms < 0)
            return 1;
    }
    return 0;
}
