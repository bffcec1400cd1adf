// Measures the order list at scale (PRODUCT.md F3: smooth at 1,000,000 orders).
// Prints figures; asserts nothing. Usage:
//   bench_orderlist [--orders N] [--db FILE] [--engines sqlite|sqlite,postgresql]
// The SQLite database is generated once (reused when --db names a file that
// holds enough orders). With postgresql, a PostgreSQL 15 server is started
// for the run (as the tests do), the orders are copied into it, the same
// figures are taken there, and the list's load times are compared (issue 14:
// at most 2x).

#include "appsession.h"
#include "models/ordertablemodel.h"
#include "pgserver.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "storage/storecopy.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

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

// The console's list over the store `session` opened: load, sort, filter,
// tick, scroll and update in place. Returns how long loading all rows took.
qint64 measureList(Ui::AppSession &session)
{
    Ui::OrderTableModel model(
        {session.orders(), session.journal(), session.policy(), session.clock()});
    QTableView view;
    view.setModel(&model);
    view.resize(1400, 900);
    view.show();

    const auto settle = [&model] {
        if (!QTest::qWaitFor([&model] { return !model.isBusy(); }, 600000))
            std::fprintf(stderr, "timed out\n");
    };
    QElapsedTimer t;
    t.start();
    QSignalSpy loaded(&model, &Ui::OrderTableModel::loaded);
    model.reload();
    loaded.wait(600000);
    settle();
    const qint64 loadMs = t.elapsed();
    report("load all rows (worker thread)", loadMs);

    const auto timed = [&](const char *what, const std::function<void()> &change) {
        t.start();
        change();
        const qint64 gui = t.elapsed(); // how long the GUI thread was busy
        settle();
        std::printf("  (GUI thread busy %lld ms)\n", static_cast<long long>(gui));
        report(what, t.elapsed());
    };
    timed("sort by amount",
          [&] { model.sort(Ui::OrderTableModel::AmountColumn, Qt::AscendingOrder); });
    timed("sort by payment id (text)",
          [&] { model.sort(Ui::OrderTableModel::PaymentIdColumn, Qt::DescendingOrder); });
    timed("filter: text search \"123\"", [&] {
        Ui::OrderFilter f;
        f.text = QStringLiteral("123");
        model.setFilter(f);
    });
    timed("preset: cancellable now (by deadline)", [&] {
        Ui::OrderFilter f;
        f.preset = Ui::OrderFilter::Preset::CancellableNow;
        model.setFilter(f);
    });
    timed("clear filter", [&] { model.setFilter({}); });

    // One countdown tick: repaint the visible rows.
    t.start();
    for (int i = 0; i < 10; ++i) {
        model.setNow(QDateTime::currentDateTimeUtc());
        view.viewport()->repaint();
    }
    report("10 ticks, visible viewport repainted", t.elapsed());

    t.start();
    view.scrollToBottom();
    view.viewport()->repaint();
    view.scrollToTop();
    view.viewport()->repaint();
    report("scroll to bottom and back, repainted", t.elapsed());

    t.start();
    QList<Domain::OrderKey> keys;
    for (int i = 0; i < 1000 && i < model.rowCount(); ++i)
        keys.append(*model.keyAt(i * (model.rowCount() / 1000)));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateOrders(keys);
    changed.wait(60000);
    settle();
    report("update 1,000 orders in place", t.elapsed());
    return loadMs;
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
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(QStringLiteral("orders")).toInt();
    const QStringList engines =
        parser.value(QStringLiteral("engines")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const bool postgres = engines.contains(QStringLiteral("postgresql"));

    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("db"))
                             ? parser.value(QStringLiteral("db"))
                             : dir.filePath(QStringLiteral("bench.sqlite"));
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
    std::printf("orders in the store: %lld\n", static_cast<long long>(session.orders().count({})));

    std::printf("-- SQLite\n");
    const qint64 sqliteLoad = measureList(session);
    if (!postgres)
        return 0;

    std::printf("-- PostgreSQL 15\n");
    const QString url = postgresCopyOf(session.database());
    if (url.isEmpty())
        return 1;
    Ui::AppSession team(sessionOn(url));
    if (!openSession(team))
        return 1;
    const qint64 postgresLoad = measureList(team);
    std::printf("load all rows, PostgreSQL / SQLite: %.2fx (issue 14 asks for at most 2x)\n",
                sqliteLoad > 0 ? double(postgresLoad) / double(sqliteLoad) : 0.0);
    return 0;
}
