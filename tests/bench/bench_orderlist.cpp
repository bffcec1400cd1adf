// Measures the order list at scale (PRODUCT.md F3: smooth at 1,000,000 orders;
// issue 15's goals). Prints figures; asserts nothing. Usage:
//   bench_orderlist [--orders N] [--db FILE] [--engines sqlite|sqlite,postgresql]
//                   [--no-baseline]
// Each figure comes with the longest stretch the GUI thread was busy, and
// beside the baseline a Qt developer writes first (QStandardItemModel behind
// a QSortFilterProxyModel, filled on the GUI thread), run in a child process.
// The SQLite database is generated once (reused when --db names a file that
// holds enough orders). With postgresql, a PostgreSQL 15 server is started
// for the run (as the tests do), the orders are copied into it, the same
// figures are taken there, and the list's load times are compared (issue 14:
// at most 2x).

#include "appsession.h"
#include "benchtools.h"
#include "models/ordertablemodel.h"
#include "pgserver.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "storage/storecopy.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace CancelDesk;

namespace {

long residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

void report(const char *what, qint64 ms)
{
    std::printf("%-48s %8lld ms   RSS %ld MiB\n", what, static_cast<long long>(ms),
                residentKiB() / 1024);
    std::fflush(stdout);
}

bool generate(Storage::OrderStore &store, int count)
{
    const Domain::Provider providers[] = {Domain::Provider::Uqpay, Domain::Provider::Antom,
                                          Domain::Provider::Liquido};
    const char *methods[][3] = {{"CARD", "WECHATPAY", "ALIPAYCN"},
                                {"ALIPAY_CN", "GCASH", "CARD"},
                                {"PIX_DYNAMIC_QR", "BOLETO", "CREDIT_CARD"}};
    const char *raw[][3] = {{"REQUIRES_PAYMENT_METHOD", "SUCCEEDED", "CANCELLED"},
                            {"PROCESSING", "SUCCESS", "CANCELLED"},
                            {"IN_PROGRESS", "SETTLED", "CANCELLED"}};
    const QDateTime base = QDateTime::currentDateTimeUtc();
    Storage::OrderBatch batch(store, Storage::StatusSource::Import);
    QString error;
    if (!batch.begin(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    for (int i = 0; i < count; ++i) {
        const int p = i % 3;
        const int s = (i / 3) % 3;
        Domain::Order o;
        o.provider = providers[p];
        o.paymentId = QStringLiteral("BENCH%1-%2").arg(p).arg(i, 9, 10, QLatin1Char('0'));
        o.merchantReference = QStringLiteral("SO-%1").arg(i / 2); // pairs share one (F4)
        o.paymentMethod = QString::fromLatin1(methods[p][(i / 9) % 3]);
        o.amount = {1000 + (i * 37) % 500000,
                    p == 2 ? QStringLiteral("BRL") : QStringLiteral("USD")};
        o.rawStatus = QString::fromLatin1(raw[p][s]);
        o.status = Domain::mapProviderStatus(o.provider, o.rawStatus).status;
        o.createdAt = base.addSecs(-(i % 86400));
        if (s == 1)
            o.paidAt = o.createdAt.addSecs(60);
        const Storage::UpsertResult r = batch.upsert(o);
        if (!r.ok) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
            return false;
        }
    }
    return batch.commit(&error);
}

// Runs the event loop until `done` holds, with a 1 ms precise timer whose
// gaps show how long the GUI thread was busy at a stretch. Returns that
// longest stretch; `elapsed` gets the time until done.
qint64 runUntil(const std::function<bool()> &done, qint64 *elapsed, const QElapsedTimer &since,
                int timeoutMs = 600000)
{
    QEventLoop loop;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(1);
    QElapsedTimer gap;
    qint64 worst = 0;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        worst = std::max(worst, gap.restart());
        if (done() || since.elapsed() > timeoutMs)
            loop.quit();
    });
    gap.start();
    timer.start();
    if (!done())
        loop.exec();
    worst = std::max(worst, gap.elapsed());
    *elapsed = since.elapsed();
    return worst;
}

// What one engine's list measured, for the closing table.
struct ListFigures
{
    QList<Bench::Figure> figures;
    qint64 loadMs = -1;
};

Bench::Figure figure(const QString &engine, const QString &what, qint64 rows, qint64 ms,
                     qint64 busyMs, const QString &goal)
{
    Bench::Figure f;
    f.engine = engine;
    f.what = what;
    f.rows = rows;
    f.ms = ms;
    f.startKiB = -1;
    f.peakKiB = residentKiB();
    f.goal = goal;
    if (busyMs >= 0)
        f.note = QStringLiteral("GUI thread busy at most %1 ms").arg(busyMs);
    std::printf("%-10s %-44s %8lld ms   GUI busy <= %4lld ms   RSS %ld MiB\n", qPrintable(engine),
                qPrintable(what), static_cast<long long>(ms), static_cast<long long>(busyMs),
                residentKiB() / 1024);
    std::fflush(stdout);
    return f;
}

// The countdown column's part of the viewport: what the console repaints
// each second (MainWindow::tick).
QRect countdownRect(const QTableView &view, int column)
{
    return QRect(view.columnViewportPosition(column), 0, view.columnWidth(column),
                 view.viewport()->height());
}

// The console's list over the store `session` opened: first rows, load,
// sort, filter, tick, scroll and update in place, each with the longest
// stretch the GUI thread was busy.
ListFigures measureList(Ui::AppSession &session, const QString &engine)
{
    ListFigures out;
    Ui::OrderTableModel model(
        {session.orders(), session.journal(), session.policy(), session.clock()});
    QTableView view;
    view.setModel(&model);
    view.resize(1400, 900);
    view.show();

    QElapsedTimer t;
    qint64 firstMs = 0;
    qint64 loadMs = 0;
    t.start();
    model.reload();
    const qint64 firstBusy = runUntil([&model] { return model.rowCount() > 0; }, &firstMs, t);
    view.viewport()->repaint();
    firstMs = t.elapsed();
    out.figures.append(figure(engine, QStringLiteral("first rows on screen"), model.rowCount(),
                              firstMs, firstBusy, QStringLiteral("<= 300 ms")));
    const qint64 loadBusy = runUntil([&model] { return !model.isBusy(); }, &loadMs, t);
    out.loadMs = loadMs;
    out.figures.append(figure(engine, QStringLiteral("all rows in the model"), model.rowCount(),
                              loadMs, std::max(firstBusy, loadBusy), QStringLiteral("<= 1500 ms")));

    const auto timed = [&](const QString &what, const QString &goal,
                           const std::function<void()> &change) {
        t.start();
        change();
        qint64 ms = 0;
        const qint64 busy = runUntil([&model] { return !model.isBusy(); }, &ms, t);
        view.viewport()->repaint();
        out.figures.append(figure(engine, what, model.rowCount(), t.elapsed(),
                                  std::max(busy, t.elapsed() - ms), goal));
    };
    timed(QStringLiteral("sort by amount"), QStringLiteral("<= 300 ms"),
          [&] { model.sort(Ui::OrderTableModel::AmountColumn, Qt::AscendingOrder); });
    timed(QStringLiteral("sort by payment id (text)"), QStringLiteral("<= 400 ms"),
          [&] { model.sort(Ui::OrderTableModel::PaymentIdColumn, Qt::DescendingOrder); });
    timed(QStringLiteral("filter: text search \"123\""), QStringLiteral("<= 100 ms"), [&] {
        Ui::OrderFilter f;
        f.text = QStringLiteral("123");
        model.setFilter(f);
    });
    timed(QStringLiteral("preset: cancellable now"), QStringLiteral("<= 100 ms"), [&] {
        Ui::OrderFilter f;
        f.preset = Ui::OrderFilter::Preset::CancellableNow;
        model.setFilter(f);
    });
    timed(QStringLiteral("clear the filter"), QStringLiteral("<= 100 ms"),
          [&] { model.setFilter({}); });
    timed(QStringLiteral("sort by created (newest first)"), QStringLiteral("<= 300 ms"),
          [&] { model.sort(Ui::OrderTableModel::CreatedColumn, Qt::DescendingOrder); });

    // One countdown tick as the console does it: the clock moves and the
    // countdown column of the visible rows is repainted. Then the same with
    // the whole viewport repainted.
    constexpr int kTicks = 20;
    t.start();
    for (int i = 0; i < kTicks; ++i) {
        model.setNow(QDateTime::currentDateTimeUtc());
        view.viewport()->repaint(countdownRect(view, Ui::OrderTableModel::CountdownColumn));
    }
    const qint64 ticks = t.elapsed();
    out.figures.append(figure(engine, QStringLiteral("20 ticks (countdown column repainted)"),
                              model.rowCount(), ticks, ticks,
                              QStringLiteral("<= 40 ms (2 a tick)")));
    t.start();
    for (int i = 0; i < kTicks; ++i) {
        model.setNow(QDateTime::currentDateTimeUtc());
        view.viewport()->repaint();
    }
    const qint64 full = t.elapsed();
    out.figures.append(figure(engine, QStringLiteral("20 ticks, whole viewport repainted"),
                              model.rowCount(), full, full, {}));

    t.start();
    view.scrollToBottom();
    view.viewport()->repaint();
    view.scrollToTop();
    view.viewport()->repaint();
    out.figures.append(figure(engine, QStringLiteral("scroll to the end and back"),
                              model.rowCount(), t.elapsed(), t.elapsed(), {}));

    QList<Domain::OrderKey> keys;
    for (int i = 0; i < 1000 && i < model.rowCount(); ++i)
        keys.append(*model.keyAt(i * (model.rowCount() / 1000)));
    timed(QStringLiteral("update 1,000 orders in place"), QStringLiteral("<= 50 ms"),
          [&] { model.updateOrders(keys); });
    // The "ms" of this line is MiB; no rows/s.
    out.figures.append(figure(engine, QStringLiteral("resident memory (MiB)"), 0,
                              residentKiB() / 1024, -1, QStringLiteral("<= 400 MiB")));
    return out;
}

// The baseline the issue names: the loader a Qt developer writes first, a
// QStandardItemModel filled from one query on the GUI thread, behind a
// QSortFilterProxyModel. Run in a child process (--baseline) so that its
// memory is its own; prints one "figure" line per measure.
int runBaseline(const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("b"));
    db.setDatabaseName(path);
    if (!db.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(db.lastError().text()));
        return 1;
    }
    QStandardItemModel source;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&source);
    proxy.setSortRole(Qt::UserRole);
    proxy.setFilterKeyColumn(1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QTableView view;
    view.setModel(&proxy);
    view.resize(1400, 900);
    view.show();
    const auto print = [](const char *what, qint64 ms, qint64 busy) {
        std::printf("figure\t%s\t%lld\t%lld\t%ld\n", what, static_cast<long long>(ms),
                    static_cast<long long>(busy), residentKiB());
        std::fflush(stdout);
    };
    QElapsedTimer t;
    t.start();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT provider, payment_id, merchant_reference, payment_method, amount_minor, "
            "currency, status, created_at, cancel_deadline, last_synced_at FROM orders "
            "ORDER BY created_at DESC"))) {
        std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
        return 1;
    }
    const QLocale locale;
    while (q.next()) {
        QList<QStandardItem *> items;
        for (int c = 0; c < 10; ++c) {
            const QVariant v = q.value(c);
            auto *item = new QStandardItem;
            if (c == 4)
                item->setText(locale.toString(double(v.toLongLong()) / 100.0, 'f', 2));
            else if (c >= 7)
                item->setText(v.isNull() ? QString()
                                         : QDateTime::fromMSecsSinceEpoch(v.toLongLong())
                                               .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
            else
                item->setText(v.toString());
            item->setData(v, Qt::UserRole);
            items.append(item);
        }
        source.appendRow(items);
    }
    view.viewport()->repaint();
    // Nothing shows until the loop ends: the GUI thread was busy all along.
    print("first rows on screen", t.elapsed(), t.elapsed());
    print("all rows in the model", t.elapsed(), t.elapsed());
    const auto timed = [&](const char *what, const std::function<void()> &change) {
        t.start();
        change();
        view.viewport()->repaint();
        print(what, t.elapsed(), t.elapsed());
    };
    timed("sort by amount", [&] { proxy.sort(4, Qt::AscendingOrder); });
    timed("sort by payment id (text)", [&] { proxy.sort(1, Qt::DescendingOrder); });
    timed("filter: text search \"123\"",
          [&] { proxy.setFilterFixedString(QStringLiteral("123")); });
    timed("clear the filter", [&] { proxy.setFilterFixedString({}); });
    timed("sort by created (newest first)", [&] { proxy.sort(7, Qt::DescendingOrder); });
    timed("update 1,000 orders in place", [&] {
        const int step = std::max(1, source.rowCount() / 1000);
        for (int i = 0; i < 1000 && i * step < source.rowCount(); ++i)
            source.item(i * step, 6)->setText(QStringLiteral("cancelled"));
    });
    print("resident memory (MiB)", residentKiB() / 1024, -1);
    return 0;
}

// Runs this program again with --baseline on the same file; the baseline's
// milliseconds by measure (empty when it could not run).
QHash<QString, qint64> baselineFigures(const QString &path)
{
    QHash<QString, qint64> figures;
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("--baseline"), QStringLiteral("--db"), path});
    if (!child.waitForFinished(-1) || child.exitCode() != 0) {
        std::fprintf(stderr, "the baseline did not run\n");
        return figures;
    }
    for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() == 5 && parts.at(0) == "figure") {
            figures.insert(QString::fromUtf8(parts.at(1)), parts.at(2).toLongLong());
            std::printf("baseline   %-44s %8s ms   RSS %ld MiB\n", parts.at(1).constData(),
                        parts.at(2).constData(), parts.at(4).toLong() / 1024);
        }
    }
    std::fflush(stdout);
    return figures;
}

bool openSession(Ui::AppSession &session)
{
    QString error;
    if (!session.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    return true;
}

Ui::SessionOptions sessionOn(const QString &location)
{
    Ui::SessionOptions options;
    options.config.environment = QStringLiteral("test"); // no sandbox, no providers
    options.databasePath = location;
    options.liveFeed = false; // what is measured is the list
    return options;
}

// A PostgreSQL server of this process (tests/support/pgserver.h) with a new
// database holding a copy of `source` (Storage::StoreCopy, as `db copy`
// does); its URL, or empty.
QString postgresCopyOf(Storage::Database &source)
{
    Test::PgServer *server = Test::PgServer::instance();
    QString error;
    const QString url = server->createDatabase(&error);
    if (url.isEmpty()) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(error));
        return {};
    }
    Storage::Database target(url);
    if (!target.open(&error)) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(error));
        return {};
    }
    QElapsedTimer t;
    t.start();
    Storage::StoreCopy copy(source, target);
    const Storage::CopyResult r = copy.run();
    if (!r.ok()) {
        std::fprintf(stderr, "copy into PostgreSQL: %s\n", qPrintable(r.error));
        return {};
    }
    report("copy into PostgreSQL (db copy, one transaction)", t.elapsed());
    return url;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("orders"), QStringLiteral("How many orders."),
                      QStringLiteral("N"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("SQLite database file to use or create."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("engines"),
                      QStringLiteral("sqlite, or sqlite,postgresql: the same orders copied into "
                                     "a PostgreSQL server started for the run, measured there "
                                     "too, and the load times compared."),
                      QStringLiteral("LIST"), QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("no-baseline"),
                      QStringLiteral("Skip the QStandardItemModel + QSortFilterProxyModel "
                                     "baseline (it holds every cell as an item: gigabytes at "
                                     "1,000,000 orders).")});
    parser.addOption(
        {QStringLiteral("baseline"), QStringLiteral("Internal: run only the baseline on --db.")});
    parser.addHelpOption();
    parser.process(app);
    if (parser.isSet(QStringLiteral("baseline")))
        return runBaseline(parser.value(QStringLiteral("db")));
    const int count = parser.value(QStringLiteral("orders")).toInt();
    const QStringList engines =
        parser.value(QStringLiteral("engines")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const bool postgres = engines.contains(QStringLiteral("postgresql"));

    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("db"))
                             ? parser.value(QStringLiteral("db"))
                             : dir.filePath(QStringLiteral("bench.sqlite"));
    std::printf("%s\n", qPrintable(Bench::machineLine()));
    QList<Bench::Figure> figures;
    {
        Ui::AppSession session(sessionOn(path));
        if (!openSession(session))
            return 1;
        if (session.orders().count({}) < count) {
            QElapsedTimer t;
            t.start();
            if (!generate(session.orders(), count))
                return 1;
            report("generate + store (one transaction)", t.elapsed());
        }
        std::printf("orders in the store: %lld\n",
                    static_cast<long long>(session.orders().count({})));

        const ListFigures sqlite = measureList(session, QStringLiteral("SQLite"));
        figures += sqlite.figures;
        if (postgres) {
            const QString url = postgresCopyOf(session.database());
            if (url.isEmpty())
                return 1;
            Ui::AppSession team(sessionOn(url));
            if (!openSession(team))
                return 1;
            const ListFigures pg = measureList(team, QStringLiteral("PostgreSQL"));
            figures += pg.figures;
            std::printf("all rows in the model, PostgreSQL / SQLite: %.2fx (issue 14: at most "
                        "2x)\n",
                        sqlite.loadMs > 0 ? double(pg.loadMs) / double(sqlite.loadMs) : 0.0);
        }
    }
    if (!parser.isSet(QStringLiteral("no-baseline"))) {
        const QHash<QString, qint64> baseline = baselineFigures(path);
        for (Bench::Figure &f : figures) {
            if (f.engine != QStringLiteral("SQLite"))
                continue;
            f.baseline = QStringLiteral("QStandardItemModel");
            if (baseline.contains(f.what))
                f.baselineMs = baseline.value(f.what);
            else
                f.baselineNote = QStringLiteral("-");
        }
    }
    // The table's "ms" column is milliseconds, except for memory (MiB).
    for (Bench::Figure &f : figures)
        f.peakKiB = -1;
    Bench::printTable(figures);
    return 0;
}
