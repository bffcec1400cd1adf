// Measures `orders import` of a CSV (issue 15: at most 3x `sqlite3 .import`
// of the same file into a table with the same unique key) and prints each
// figure beside the plain tool's, run in the same process run. Asserts nothing.
// Usage:
//   bench_import [--rows N] [--engines sqlite|sqlite,postgresql] [--keep DIR]
// The CSV is generated once (deterministic; kept and reused with --keep). The
// import is Services::Importer::importFile in this process, as the CLI's
// `orders import` runs it, into a new store (a new SQLite file; on
// PostgreSQL a new database of a server started for the run, as the tests
// do). Opening and migrating the store is not timed; the import is, with every
// check it makes (parse, validate, duplicates, the store's current rows, one
// transaction).
// Baselines: the sqlite3 CLI creates a table of the same nine columns (text)
// with UNIQUE (provider, payment_id) and runs `.import --csv --skip 1`; on
// PostgreSQL psql `\copy … CSV HEADER` into the same table on the same
// server (the goal's baseline). A second, "same schema": the same tool loads
// the CSV into a temporary table and moves it with one INSERT … SELECT into
// a new store's own orders table (its indexes and triggers) and one into its
// status history, converting amounts, statuses and times in SQL, as a DBA
// would with the plain tool. The whole tool process is timed.

#include "benchtools.h"
#include "core/appcore.h"
#include "pgserver.h"
#include "services/importer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

const char *const kHeader = "provider,payment_id,amount,currency,merchant_reference,"
                            "payment_method,status,created_at,paid_at\n";

// The table the plain tools load: the importer's columns as text, with the
// store's unique key.
const QString kBaselineTable =
    u"CREATE TABLE orders (provider TEXT NOT NULL, payment_id TEXT NOT NULL, amount TEXT, "
    "currency TEXT, merchant_reference TEXT, payment_method TEXT, status TEXT, created_at TEXT, "
    "paid_at TEXT, UNIQUE (provider, payment_id));"_s;

// Raw statuses and methods each provider really sends (as bench_orderlist's
// tables): pending, paid, cancelled.
const char *const kProviders[] = {"uqpay", "antom", "liquido"};
const char *const kMethods[][3] = {{"CARD", "WECHATPAY", "ALIPAYCN"},
                                   {"ALIPAY_CN", "GCASH", "CARD"},
                                   {"PIX_DYNAMIC_QR", "BOLETO", "CREDIT_CARD"}};
const char *const kRaw[][3] = {{"REQUIRES_PAYMENT_METHOD", "SUCCEEDED", "CANCELLED"},
                               {"PROCESSING", "SUCCESS", "CANCELLED"},
                               {"IN_PROGRESS", "SETTLED", "CANCELLED"}};
// The offset each provider writes its times in: UQPAY +08:00, Antom UTC,
// Liquido Brazil.
const int kOffsetSeconds[] = {8 * 3600, 0, -3 * 3600};

QByteArray isoWithOffset(const QDateTime &utc, int offsetSeconds)
{
    return utc.toOffsetFromUtc(offsetSeconds).toString(Qt::ISODate).toLatin1();
}

// Deterministic: the same count always gives the same bytes. Amounts are
// decimal text made from integer minor units (USD for UQPAY and Antom, BRL
// for Liquido; both two decimals); some references need CSV quoting.
bool writeCsv(const QString &path, int rows, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = file.errorString();
        return false;
    }
    const QDateTime base(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
    QByteArray chunk = kHeader;
    for (int i = 0; i < rows; ++i) {
        const int p = i % 3;
        const int s = (i / 3) % 3;
        const qint64 minor = 1000 + (qint64(i) * 37) % 500000;
        QByteArray line;
        line += kProviders[p];
        line += ',';
        line +=
            "BENCH" + QByteArray::number(p) + '-' + QByteArray::number(i).rightJustified(9, '0');
        line += ',';
        line += QByteArray::number(minor / 100) + '.'
                + QByteArray::number(minor % 100).rightJustified(2, '0');
        line += p == 2 ? ",BRL," : ",USD,";
        if (i % 50 == 0)
            line += "\"SO-" + QByteArray::number(i / 2) + ", split\"";
        else if (i % 97 == 0)
            line += "\"REQ \"\"" + QByteArray::number(i / 2) + "\"\"\"";
        else
            line += "SO-" + QByteArray::number(i / 2); // pairs share one (F4)
        line += ',';
        line += kMethods[p][(i / 9) % 3];
        line += ',';
        line += kRaw[p][s];
        line += ',';
        const QDateTime created = base.addSecs(-(i % (30 * 86400)));
        line += isoWithOffset(created, kOffsetSeconds[p]);
        line += ',';
        if (s == 1)
            line += isoWithOffset(created.addSecs(60), kOffsetSeconds[p]);
        line += '\n';
        chunk += line;
        if (chunk.size() > (1 << 20)) {
            if (file.write(chunk) != chunk.size()) {
                *error = file.errorString();
                return false;
            }
            chunk.clear();
        }
    }
    if (file.write(chunk) != chunk.size() || !file.flush()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void removeSqlite(const QString &path)
{
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(path + suffix);
}

// Services::Importer::importFile into the store at `location`, opened (and
// migrated) first as the CLI opens it.
Bench::Figure measureImport(const QString &engine, const QString &location, const QString &csv,
                            int rows)
{
    Bench::Figure f;
    f.engine = engine;
    f.what = u"import CSV"_s;
    f.rows = rows;
    f.goal = u"<= 3x"_s;
    Core::AppCoreOptions options;
    options.config.environment = u"test"_s; // no sandbox, no providers
    options.databasePath = location;
    Core::AppCore core(options);
    QString error;
    if (!core.openStorage(&error)) {
        f.note = u"cannot open the store: "_s + error;
        return f;
    }
    if (!Bench::resetPeakRss())
        f.note = u"peak RSS since the start of the process"_s;
    f.startKiB = Bench::currentRssKiB();
    QElapsedTimer t;
    t.start();
    const Services::ImportResult r = core.importer().importFile(csv);
    const qint64 ms = t.elapsed();
    f.peakKiB = Bench::peakRssKiB();
    if (!r.ok() || !r.committed) {
        f.note = u"import failed: "_s + r.error;
        return f;
    }
    if (r.imported != rows || !r.issues.isEmpty()) {
        f.note = u"imported %1 of %2 rows, %3 issue(s)%4"_s.arg(r.imported)
                     .arg(rows)
                     .arg(r.issues.size())
                     .arg(r.issues.isEmpty() ? QString()
                                             : u"; line %1: %2"_s.arg(r.issues.first().line)
                                                   .arg(r.issues.first().reason));
        return f;
    }
    f.ms = ms;
    return f;
}

// Whether `query`, run by the tool (untimed), counts `expected` rows; if not,
// says so in the figure's baseline note.
bool countIs(Bench::Figure &f, const QString &tool, QStringList args, const QString &query,
             qint64 expected)
{
    args << query;
    const Bench::ToolRun count = Bench::runTool(tool, args);
    const qint64 loaded = count.ok ? count.out.trimmed().toLongLong() : -1;
    if (loaded == expected)
        return true;
    f.baselineNote =
        u"(%1 wrote %2 of %3 rows)"_s.arg(QFileInfo(tool).fileName()).arg(loaded).arg(expected);
    return false;
}

// The sqlite3 CLI, with no file left at dbPath; empty (the note says why)
// when it is not installed.
QString sqlite3For(Bench::Figure &f, const QString &dbPath)
{
    const QString sqlite3 = Bench::findTool(u"sqlite3"_s);
    if (sqlite3.isEmpty())
        f.baselineNote = u"(sqlite3 not installed)"_s;
    else
        removeSqlite(dbPath);
    return sqlite3;
}

// psql, a new database on the bench's server, and the CSV's path quoted for
// \copy; nullopt (the note says why) when one is missing.
struct Psql
{
    QString tool;
    QString url;
    QString csv;
};

std::optional<Psql> psqlFor(Bench::Figure &f, const QString &csv)
{
    Test::PgServer *server = Test::PgServer::instance();
    Psql p{Bench::findTool(u"psql"_s, {server->binDir()}), {}, csv};
    if (p.tool.isEmpty()) {
        f.baselineNote = u"(psql not installed)"_s;
        return std::nullopt;
    }
    QString error;
    p.url = server->createDatabase(&error);
    if (p.url.isEmpty()) {
        f.baselineNote = u"(failed: %1)"_s.arg(error);
        return std::nullopt;
    }
    p.csv.replace(u'\'', u"''"_s);
    return p;
}

// sqlite3 .import of the same file into a new database file.
void sqliteBaseline(Bench::Figure &f, const QString &csv, const QString &dbPath, int rows)
{
    f.baseline = u"sqlite3 .import"_s;
    const QString sqlite3 = sqlite3For(f, dbPath);
    if (sqlite3.isEmpty())
        return;
    const QByteArray script =
        (kBaselineTable + u"\n.import --csv --skip 1 \"%1\" orders\n"_s.arg(csv)).toUtf8();
    const Bench::ToolRun run = Bench::runTool(sqlite3, {u"-bail"_s, dbPath}, script);
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    // Not timed: that every row arrived.
    if (countIs(f, sqlite3, {dbPath}, u"SELECT count(*) FROM orders"_s, rows))
        f.baselineMs = run.ms;
}

// The CSV's columns in a temporary table, then into CancelDesk's own schema:
// the SQL both engines run after loading it (only the time conversion
// differs). Amounts have two decimals in the generated file (USD, BRL).
QString sameSchemaMove(const QString &epochMs)
{
    return u"INSERT INTO orders (provider, payment_id, merchant_reference, payment_method, "
           "amount_minor, currency, raw_status, status, created_at, paid_at, row_version) "
           "SELECT lower(provider), payment_id, coalesce(merchant_reference, ''), "
           "upper(coalesce(payment_method, '')), CAST(replace(amount, '.', '') AS BIGINT), "
           "upper(currency), coalesce(status, ''), CASE WHEN status = 'CANCELLED' THEN "
           "'CANCELLED' WHEN status IN ('SUCCEEDED', 'SUCCESS', 'SETTLED') THEN 'SUCCEEDED' "
           "ELSE 'PENDING' END, %1, %2, 1 FROM staging WHERE true ON CONFLICT (provider, "
           "payment_id) DO NOTHING;\n"
           "INSERT INTO status_history (order_id, at, raw_after, status_after, source) SELECT "
           "id, 1780000000000, raw_status, status, 'import' FROM orders;\n"_s.arg(
               epochMs.arg(u"created_at"_s),
               u"CASE WHEN coalesce(paid_at, '') = '' THEN NULL ELSE %1 END"_s.arg(
                   epochMs.arg(u"paid_at"_s)));
}

// The baseline table's columns as a temporary table without a key.
QString stagingTable()
{
    return QString(kBaselineTable)
        .replace(u"CREATE TABLE orders"_s, u"CREATE TEMP TABLE staging"_s)
        .replace(u", UNIQUE (provider, payment_id)"_s, QString());
}

// A new store of CancelDesk's schema at location (migrated as the CLI opens
// it); empty when it could be made, else why not.
QString newStore(const QString &location)
{
    Core::AppCoreOptions options;
    options.config.environment = u"test"_s;
    options.databasePath = location;
    Core::AppCore core(options);
    QString error;
    return core.openStorage(&error) ? QString() : error;
}

// sqlite3: .import into a temporary table, then into a new store's schema.
void sqliteSameSchema(Bench::Figure &f, const QString &csv, const QString &dbPath)
{
    f.baseline = u"sqlite3, same schema"_s;
    const QString sqlite3 = sqlite3For(f, dbPath);
    if (sqlite3.isEmpty())
        return;
    if (const QString error = newStore(dbPath); !error.isEmpty()) {
        f.baselineNote = u"(failed: %1)"_s.arg(error);
        return;
    }
    const QString staging = stagingTable();
    const QByteArray script =
        (staging + u"\n.import --csv --skip 1 \"%1\" staging\nBEGIN;\n"_s.arg(csv)
         + sameSchemaMove(u"unixepoch(%1) * 1000"_s) + u"COMMIT;\n"_s)
            .toUtf8();
    const Bench::ToolRun run = Bench::runTool(sqlite3, {u"-bail"_s, dbPath}, script);
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    // Not timed: that every row arrived, with its history row.
    if (countIs(f, sqlite3, {dbPath},
                u"SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM status_history)"_s,
                2 * f.rows))
        f.baselineMs = run.ms;
}

// psql: \copy into a temporary table, then into a new store's schema.
void postgresSameSchema(Bench::Figure &f, const QString &csv)
{
    f.baseline = u"psql, same schema"_s;
    const std::optional<Psql> psql = psqlFor(f, csv);
    if (!psql)
        return;
    if (const QString error = newStore(psql->url); !error.isEmpty()) {
        f.baselineNote = u"(failed: %1)"_s.arg(error);
        return;
    }
    const Bench::ToolRun run = Bench::runTool(
        psql->tool,
        {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s, psql->url, u"-c"_s,
         u"SET search_path TO canceldesk, public"_s, u"-c"_s, stagingTable(), u"-c"_s,
         u"\\copy staging FROM '%1' WITH (FORMAT csv, HEADER true)"_s.arg(psql->csv), u"-c"_s,
         u"BEGIN;\n"_s + sameSchemaMove(u"(extract(epoch FROM (%1)::timestamptz) * 1000)::bigint"_s)
             + u"COMMIT;"_s});
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    if (countIs(f, psql->tool, {u"-X"_s, u"-A"_s, u"-t"_s, u"-d"_s, psql->url, u"-c"_s},
                u"SELECT (SELECT count(*) FROM canceldesk.orders) + (SELECT count(*) FROM "
                "canceldesk.status_history)"_s,
                2 * f.rows))
        f.baselineMs = run.ms;
}

// psql \copy of the same file into a new database of the same server.
void postgresBaseline(Bench::Figure &f, const QString &csv, int rows)
{
    f.baseline = u"psql \\copy"_s;
    const std::optional<Psql> psql = psqlFor(f, csv);
    if (!psql)
        return;
    const Bench::ToolRun run = Bench::runTool(
        psql->tool, {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-d"_s, psql->url, u"-c"_s,
                     kBaselineTable, u"-c"_s,
                     u"\\copy orders FROM '%1' WITH (FORMAT csv, HEADER true)"_s.arg(psql->csv)});
    if (!run.ok) {
        f.baselineNote = u"(failed: %1)"_s.arg(run.error);
        return;
    }
    if (countIs(f, psql->tool, {u"-X"_s, u"-A"_s, u"-t"_s, u"-d"_s, psql->url, u"-c"_s},
                u"SELECT count(*) FROM orders"_s, rows))
        f.baselineMs = run.ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"orders import beside sqlite3 .import / psql \\copy"_s);
    parser.addOption({u"rows"_s, u"How many orders in the CSV."_s, u"N"_s, u"200000"_s});
    Bench::addCommonOptions(
        parser, u"Keep the CSV and the stores in DIR (an existing CSV of the same size is "
                "reused)."_s);
    parser.addHelpOption();
    parser.process(app);
    bool countOk = false;
    const int rows = parser.value(u"rows"_s).toInt(&countOk);
    if (!countOk || rows <= 0) {
        std::fprintf(stderr, "--rows must be a positive number\n");
        return 2;
    }
    const std::optional<QStringList> engines = Bench::engines(parser);
    if (!engines)
        return 2;
    QTemporaryDir temp;
    const QString dir = Bench::workFolder(parser, temp);
    if (dir.isEmpty())
        return 1;
    std::printf("bench_import: %d orders; %s\n", rows, qPrintable(Bench::machineLine()));

    const QString csv = QDir(dir).absoluteFilePath(u"orders-%1.csv"_s.arg(rows));
    if (!parser.isSet(u"keep"_s) || !QFileInfo::exists(csv)) {
        QElapsedTimer t;
        t.start();
        QString error;
        if (!writeCsv(csv, rows, &error)) {
            std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(csv), qPrintable(error));
            return 1;
        }
        std::printf("generated %s (%.1f MB) in %lld ms\n", qPrintable(csv),
                    double(QFileInfo(csv).size()) / 1e6, static_cast<long long>(t.elapsed()));
    } else {
        std::printf("reusing %s\n", qPrintable(csv));
    }
    std::fflush(stdout);

    QList<Bench::Figure> figures;
    bool failed = false;
    if (engines->contains(u"sqlite"_s)) {
        const QString store = QDir(dir).absoluteFilePath(u"import-%1.sqlite"_s.arg(rows));
        removeSqlite(store);
        Bench::Figure f = measureImport(u"SQLite"_s, store, csv, rows);
        sqliteBaseline(f, csv, QDir(dir).absoluteFilePath(u"sqlite3-import-%1.db"_s.arg(rows)),
                       rows);
        Bench::printFigure(f);
        failed = failed || f.ms < 0;
        figures.append(f);
        Bench::Figure same = f;
        same.baselineMs.reset();
        same.baselineNote.clear();
        same.goal = u"-"_s;
        sqliteSameSchema(same, csv,
                         QDir(dir).absoluteFilePath(u"sqlite3-schema-%1.sqlite"_s.arg(rows)));
        Bench::printFigure(same);
        figures.append(same);
    }
    if (engines->contains(u"postgresql"_s)) {
        Bench::Figure f;
        f.engine = u"PostgreSQL"_s;
        f.what = u"import CSV"_s;
        f.rows = rows;
        QString error;
        const QString url = Test::PgServer::instance()->createDatabase(&error);
        if (url.isEmpty())
            f.note = u"PostgreSQL: "_s + error;
        else
            f = measureImport(u"PostgreSQL"_s, url, csv, rows);
        postgresBaseline(f, csv, rows);
        Bench::printFigure(f);
        failed = failed || f.ms < 0;
        figures.append(f);
        Bench::Figure same = f;
        same.baselineMs.reset();
        same.baselineNote.clear();
        same.goal = u"-"_s;
        postgresSameSchema(same, csv);
        Bench::printFigure(same);
        figures.append(same);
    }
    Bench::printTable(figures);
    return failed ? 1 : 0;
}
