// Database faults (issue 7): a locked database, a read-only file or folder, a
// full disk and a damaged file. Each must give a clear error, lose nothing,
// not crash, and a cancel must never be sent without its journal row (F11).
// The cancels run against the in-process sandbox, whose requestServed signal
// counts what reached the "provider".

#include "canceltest.h"
#include "domain/cancelpolicy.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "services/importer.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace std::chrono_literals;
using Domain::Provider;
using Services::CancelReport;
using Storage::AttemptState;
using Refusal = CancelReport::Refusal;

namespace {

using Test::await;

QByteArray sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Makes a file or folder unwritable, also for root: chmod, and where that does
// not bind (root) the immutable attribute. False when neither works here.
bool makeReadOnly(const QString &path)
{
    const QFileInfo info(path);
    QFile::setPermissions(path, info.isDir() ? QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                             : QFileDevice::ReadOwner);
    const auto writable = [&path, &info] {
        if (info.isDir()) {
            QFile probe(path + u"/.probe"_s);
            const bool ok = probe.open(QIODevice::WriteOnly);
            if (ok)
                probe.remove();
            return ok;
        }
        QFile probe(path);
        return probe.open(QIODevice::Append);
    };
    if (!writable())
        return true;
    QProcess::execute(u"chattr"_s, {u"+i"_s, path});
    return !writable();
}

constexpr qint64 kPage = 4096;

// Random bytes over [from, from + length) of an open file.
void scribble(QFile &file, qint64 from, qint64 length)
{
    QByteArray junk(length + 3, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(junk.data()),
                                          junk.size() / 4);
    file.seek(from);
    file.write(junk.constData(), length);
}

void makeWritable(const QString &path)
{
    QProcess::execute(u"chattr"_s, {u"-i"_s, path});
    const bool dir = QFileInfo(path).isDir();
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                    | (dir ? QFileDevice::ExeOwner : QFileDevice::Permissions()));
}

// A second connection to the file (another CancelDesk, a backup tool) that can
// hold SQLite's write lock.
class Locker final
{
public:
    explicit Locker(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        db.setDatabaseName(path);
        db.open();
    }
    ~Locker() { QSqlDatabase::removeDatabase(u"locker"_s); }
    Q_DISABLE_COPY_MOVE(Locker)

    bool exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(u"locker"_s, false));
        return q.exec(sql);
    }
};

} // namespace

class TestDatabaseFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void lockedDatabaseStopsACancelBeforeTheNetwork();
    void lockedBeforeSentSendsNothingAndRecoveryResumes();
    void fullDiskAtPrepareSendsNothing();
    void fullDiskAtSentSendsNothingAndRecoveryResumes();
    void fullDiskDuringImportWritesNothing();
    void readOnlyFileReadsButRefusesWrites();
    void readOnlyFolder();
    void damagedFileIsRefusedAndKept_data();
    void damagedFileIsRefusedAndKept();
    void damagedDataIsReportedAndKept_data();
    void damagedDataIsReportedAndKept();

private:
    QString dbPath() const { return m_dir->filePath(u"canceldesk.sqlite"_s); }
    Services::CancelService &service();
    Services::CancelOrderRequest request() const;
    int cancelRequests() const;
    int orderCount() const;
    // Lets the database grow no more on this thread's connection (the one the
    // service and the stores use), then fills it with journal entries of the
    // same size as the real one until one no longer fits: the next journal
    // write fails with SQLITE_FULL, as on a full disk.
    void fillUp();
    void unlimit();
    // Closes the file (the last connection checkpoints and removes the WAL).
    void closeDatabase();

    std::unique_ptr<QTemporaryDir> m_sandboxState;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    std::unique_ptr<Providers::ProviderRegistry> m_registry;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::OrderStore> m_orders;
    std::unique_ptr<Storage::CancelJournal> m_journal;
    std::unique_ptr<Services::CancelService> m_service;
    Domain::CancelPolicy m_policy;
    QString m_paymentId; // a pending UQPAY card intent, cancellable
    QStringList m_cancels;
    int m_fillers = 0;
};

void TestDatabaseFaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const Domain::PolicyLoadResult loaded = Domain::CancelPolicy::load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    m_policy = loaded.policy;
    m_sandboxState = std::make_unique<QTemporaryDir>();
    QVERIFY(m_sandboxState->isValid());
}

void TestDatabaseFaults::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<Sandbox::SandboxServer>();
    Sandbox::SandboxOptions options;
    options.stateDir = m_sandboxState->path();
    QVERIFY2(m_server->start(options) != 0, qPrintable(m_server->errorString()));
    const Providers::SandboxAnnouncement announcement = Providers::parseSandboxAnnouncement(
        QJsonDocument(m_server->config()).toJson(QJsonDocument::Compact));
    QVERIFY2(announcement.ok(), qPrintable(announcement.error));
    m_registry = std::make_unique<Providers::ProviderRegistry>(announcement.settings);

    m_db = std::make_unique<Storage::Database>(dbPath());
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_orders = std::make_unique<Storage::OrderStore>(*m_db, &m_policy);
    m_journal = std::make_unique<Storage::CancelJournal>(*m_db);

    m_paymentId = announcement.demoIds.value(Provider::Uqpay).value(0);
    std::optional<Providers::ProviderResult> retrieved;
    Providers::ProviderCall *call = m_registry->provider(Provider::Uqpay)->retrieve(m_paymentId);
    connect(call, &Providers::ProviderCall::finished, this,
            [&retrieved](const Providers::ProviderResult &r) { retrieved = r; });
    QVERIFY(QTest::qWaitFor([&retrieved] { return retrieved.has_value(); }, 20000));
    QVERIFY(retrieved->ok() && retrieved->order);
    QVERIFY(m_orders->upsert(*retrieved->order, Storage::StatusSource::Refresh).ok);

    m_cancels.clear();
    m_fillers = 0;
    connect(m_server.get(), &Sandbox::SandboxServer::requestServed, this,
            [this](const QString &, const QString &path, int status) {
                if (path.contains(u"cancel"_s))
                    m_cancels.append(path + u' ' + QString::number(status));
            });
}

void TestDatabaseFaults::closeDatabase()
{
    m_service.reset();
    m_journal.reset();
    m_orders.reset();
    m_db.reset();
}

void TestDatabaseFaults::cleanup()
{
    closeDatabase();
    m_registry.reset();
    m_server.reset();
    m_dir.reset();
}

Services::CancelService &TestDatabaseFaults::service()
{
    if (!m_service) {
        Services::WorkflowSettings settings;
        settings.timeout = 5000ms;
        settings.retryBase = 20ms;
        settings.pollInterval = 50ms;
        m_service = std::make_unique<Services::CancelService>(
            *m_orders, *m_journal, *m_registry, m_policy, settings, Services::systemClock());
    }
    return *m_service;
}

Services::CancelOrderRequest TestDatabaseFaults::request() const
{
    // The longest note: a journal write of the real cancel is at least as big
    // as fillUp()'s.
    return {{Provider::Uqpay, m_paymentId},
            Domain::CancelReason::Other,
            QString(500, u'n'),
            u"alice"_s,
            u"sandbox"_s};
}

int TestDatabaseFaults::cancelRequests() const
{
    return int(m_cancels.size());
}

int TestDatabaseFaults::orderCount() const
{
    Storage::OrderQuery q;
    q.limit = 0;
    return int(m_orders->count(q));
}

void TestDatabaseFaults::fillUp()
{
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"PRAGMA page_count"_s) && q.next());
    const qint64 pages = q.value(0).toLongLong();
    QVERIFY(q.exec(u"PRAGMA max_page_count = %1"_s.arg(pages)));
    const auto order = m_orders->find(Provider::Uqpay, m_paymentId);
    QVERIFY(order);
    for (int i = 0; i < 1000; ++i) {
        Storage::CancelAttempt filler;
        filler.provider = Provider::Antom;
        filler.paymentId = u"F%1"_s.arg(++m_fillers);
        filler.amount = order->amount;
        filler.operatorName = u"f"_s;
        filler.environment = u"sandbox"_s;
        filler.reason = Domain::CancelReason::Other;
        filler.note = QString(500, u'n');
        // Owned by a live process elsewhere: recovery leaves them alone.
        filler.ownerHost = u"elsewhere.invalid"_s;
        filler.ownerPid = 1;
        filler.leaseUntil = QDateTime::currentDateTimeUtc().addDays(1);
        const Storage::JournalResult r = m_journal->prepare(filler);
        if (!r.ok()) {
            QVERIFY2(r.message.contains(u"full"_s), qPrintable(r.message));
            return;
        }
    }
    QFAIL("the database never filled up");
}

void TestDatabaseFaults::unlimit()
{
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"PRAGMA max_page_count = 1073741823"_s));
}

void TestDatabaseFaults::lockedDatabaseStopsACancelBeforeTheNetwork()
{
    // Another connection (another CancelDesk, a backup tool) holds the write
    // lock longer than the busy timeout.
    Locker lock(dbPath());
    QVERIFY(lock.exec(u"BEGIN EXCLUSIVE"_s));

    const CancelReport report = await(service().cancel(request()));
    QCOMPARE(report.refusal, Refusal::Storage);
    QVERIFY(!report.sent);
    QCOMPARE(report.attemptId, 0);
    QVERIFY2(report.message.contains(u"busy"_s), qPrintable(report.message));
    QVERIFY2(report.message.contains(QDir::toNativeSeparators(dbPath())),
             qPrintable(report.message));
    QCOMPARE(cancelRequests(), 0);

    QVERIFY(lock.exec(u"ROLLBACK"_s));
    QCOMPARE(m_journal->list({}).size(), 0);
    // Once the lock is gone the same cancel goes through.
    QCOMPARE(await(service().cancel(request())).state, AttemptState::Succeeded);
    QCOMPARE(cancelRequests(), 1);
}

void TestDatabaseFaults::lockedBeforeSentSendsNothingAndRecoveryResumes()
{
    // The lock is taken between PREPARED and SENT: SENT cannot be journaled, so
    // the request must not leave.
    Locker lock(dbPath());
    Services::CancelJob *job = service().cancel(request());
    connect(job, &Services::CancelJob::stateChanged, this, [&lock](AttemptState s) {
        if (s == AttemptState::Prepared)
            lock.exec(u"BEGIN EXCLUSIVE"_s);
    });
    const CancelReport report = await(job);
    QCOMPARE(report.refusal, Refusal::Storage);
    QVERIFY(!report.sent);
    QCOMPARE(report.state, AttemptState::Prepared);
    QVERIFY2(report.message.contains(u"busy"_s), qPrintable(report.message));
    QCOMPARE(cancelRequests(), 0);
    QVERIFY(lock.exec(u"ROLLBACK"_s));

    // Still PREPARED, nothing lost; recovery resumes it with its key.
    const auto active = m_journal->activeFor(Provider::Uqpay, m_paymentId);
    QVERIFY(active);
    QCOMPARE(active->state, AttemptState::Prepared);
    const QList<CancelReport> recovered = await(service().recover());
    QCOMPARE(recovered.size(), 1);
    QCOMPARE(recovered.first().attemptId, active->id);
    QCOMPARE(recovered.first().state, AttemptState::Succeeded);
    QCOMPARE(m_journal->find(active->id)->idempotencyKey, active->idempotencyKey);
    QCOMPARE(cancelRequests(), 1);
    QVERIFY(m_journal->verify().ok);
}

void TestDatabaseFaults::fullDiskAtPrepareSendsNothing()
{
    const qint64 fillersBefore = m_journal->count({});
    fillUp();
    const CancelReport report = await(service().cancel(request()));
    QCOMPARE(report.refusal, Refusal::Storage);
    QVERIFY(!report.sent);
    QCOMPARE(report.attemptId, 0);
    QVERIFY2(report.message.contains(u"full"_s), qPrintable(report.message));
    QVERIFY2(report.message.contains(QDir::toNativeSeparators(dbPath())),
             qPrintable(report.message));
    QCOMPARE(cancelRequests(), 0);
    QVERIFY(!m_journal->activeFor(Provider::Uqpay, m_paymentId));
    // What was written before is intact.
    QVERIFY(m_journal->verify().ok);
    QCOMPARE(m_journal->count({}), fillersBefore + m_fillers - 1);

    unlimit();
    QCOMPARE(await(service().cancel(request())).state, AttemptState::Succeeded);
    QCOMPARE(cancelRequests(), 1);
}

void TestDatabaseFaults::fullDiskAtSentSendsNothingAndRecoveryResumes()
{
    Services::CancelJob *job = service().cancel(request());
    connect(job, &Services::CancelJob::stateChanged, this, [this](AttemptState s) {
        if (s == AttemptState::Prepared)
            fillUp();
    });
    const CancelReport report = await(job);
    QCOMPARE(report.refusal, Refusal::Storage);
    QVERIFY(!report.sent);
    QCOMPARE(report.state, AttemptState::Prepared);
    QVERIFY2(report.message.contains(u"full"_s), qPrintable(report.message));
    QCOMPARE(cancelRequests(), 0);
    QVERIFY(m_journal->verify().ok);

    unlimit();
    const auto active = m_journal->activeFor(Provider::Uqpay, m_paymentId);
    QVERIFY(active);
    QCOMPARE(active->state, AttemptState::Prepared);
    const QList<CancelReport> recovered = await(service().recover());
    QCOMPARE(recovered.size(), 1);
    QCOMPARE(recovered.first().attemptId, active->id);
    QCOMPARE(recovered.first().state, AttemptState::Succeeded);
    QCOMPARE(cancelRequests(), 1);
}

void TestDatabaseFaults::fullDiskDuringImportWritesNothing()
{
    const QString csv = m_dir->filePath(u"many.csv"_s);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("provider,payment_id,amount,currency,merchant_reference\r\n");
    for (int i = 0; i < 3000; ++i)
        file.write(u"uqpay,PI-FULL-%1,12.50,SGD,SO-%1\r\n"_s.arg(i).toUtf8());
    file.close();
    const int before = orderCount();

    // Room for a few pages, not for 3000 orders.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"PRAGMA page_count"_s) && q.next());
    QVERIFY(q.exec(u"PRAGMA max_page_count = %1"_s.arg(q.value(0).toLongLong() + 4)));

    Services::Importer importer(*m_orders, &m_policy);
    const Services::ImportResult result = importer.importFile(csv);
    QVERIFY(!result.ok());
    QVERIFY(!result.committed);
    QVERIFY(result.storageFailed);
    QVERIFY2(result.error.contains(u"full"_s), qPrintable(result.error));
    QCOMPARE(orderCount(), before);
    QVERIFY(!m_orders->find(Provider::Uqpay, u"PI-FULL-0"_s));

    unlimit();
    QVERIFY(importer.importFile(csv).ok());
    QCOMPARE(orderCount(), before + 3000);
}

void TestDatabaseFaults::readOnlyFileReadsButRefusesWrites()
{
    // The file is closed before it becomes read-only.
    const QString path = dbPath();
    closeDatabase();
    if (!makeReadOnly(path))
        QSKIP("cannot make a file read-only here");
    const auto restore = qScopeGuard([&path] { makeWritable(path); });
    const QByteArray digest = sha256Of(path);

    Storage::Database db(path);
    QString error;
    const bool opened = db.open(&error);
    if (!opened) {
        // Acceptable only as a clear refusal that names the file.
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY2(error.contains(u"read-only"_s), qPrintable(error));
    } else {
        Storage::OrderStore orders(db, &m_policy);
        QVERIFY(orders.find(Provider::Uqpay, m_paymentId));
        Domain::Order o = *orders.find(Provider::Uqpay, m_paymentId);
        o.merchantReference = u"changed"_s;
        const Storage::UpsertResult r = orders.upsert(o, Storage::StatusSource::Refresh);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"read-only"_s), qPrintable(r.error));
        Storage::CancelJournal journal(db);
        Storage::CancelAttempt a;
        a.provider = Provider::Uqpay;
        a.paymentId = m_paymentId;
        a.amount = o.amount;
        a.operatorName = u"alice"_s;
        a.environment = u"sandbox"_s;
        const Storage::JournalResult p = journal.prepare(a);
        QVERIFY(!p.ok());
        QVERIFY2(p.message.contains(u"read-only"_s), qPrintable(p.message));
    }
    QCOMPARE(sha256Of(path), digest);
}

void TestDatabaseFaults::readOnlyFolder()
{
    const QString folder = m_dir->filePath(u"shared"_s);
    QVERIFY(QDir().mkpath(folder));
    const QString path = folder + u"/canceldesk.sqlite"_s;
    {
        Storage::Database db(path);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
    }
    if (!makeReadOnly(folder))
        QSKIP("cannot make a folder read-only here");
    const auto restore = qScopeGuard([&folder] { makeWritable(folder); });
    const QByteArray digest = sha256Of(path);

    Storage::Database db(path);
    QString error;
    if (!db.open(&error)) {
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY2(error.contains(u"read-only"_s), qPrintable(error));
    } else {
        Storage::OrderStore orders(db, &m_policy);
        Storage::OrderQuery q;
        q.limit = 0;
        QString readError;
        orders.query(q, &readError);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        Domain::Order o;
        o.provider = Provider::Uqpay;
        o.paymentId = u"PI-RO-1"_s;
        o.amount = {100, u"SGD"_s};
        o.rawStatus = u"REQUIRES_PAYMENT_METHOD"_s;
        const Storage::UpsertResult r = orders.upsert(o, Storage::StatusSource::Import);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"read-only"_s), qPrintable(r.error));
    }
    QCOMPARE(sha256Of(path), digest);
}

void TestDatabaseFaults::damagedFileIsRefusedAndKept_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addRow("random bytes over the pages after the first") << u"pages"_s;
    QTest::addRow("random bytes over the schema page") << u"schema"_s;
    QTest::addRow("truncated to half") << u"half"_s;
    QTest::addRow("truncated inside the header") << u"header"_s;
}

void TestDatabaseFaults::damagedFileIsRefusedAndKept()
{
    QFETCH(QString, damage);
    // Some history to damage, then the file closed (checkpointed).
    const CancelReport done = await(service().cancel(request()));
    QCOMPARE(done.state, AttemptState::Succeeded);
    const QString path = dbPath();
    closeDatabase();
    QVERIFY(!QFile::exists(path + u"-wal"_s));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size >= 4 * kPage);
    if (damage == u"pages") {
        for (qint64 page = 1; page < size / kPage; ++page)
            scribble(file, page * kPage, kPage);
    } else if (damage == u"schema") {
        scribble(file, 100, kPage - 100); // keeps SQLite's 100-byte file header
    } else if (damage == u"half") {
        QVERIFY(file.resize(size / 2));
    } else {
        QVERIFY(file.resize(60));
    }
    file.close();
    const QByteArray digest = sha256Of(path);
    const qint64 damagedSize = QFileInfo(path).size();

    {
        Storage::Database db(path);
        QString error;
        QVERIFY2(!db.open(&error), "a damaged database was opened as if it were fine");
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY2(error.contains(u"damaged"_s), qPrintable(error));
    }
    // Not repaired nor replaced behind the operator's back.
    QCOMPARE(QFileInfo(path).size(), damagedSize);
    QCOMPARE(sha256Of(path), digest);
}

void TestDatabaseFaults::damagedDataIsReportedAndKept_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addRow("random bytes over the second half") << u"tail"_s;
    QTest::addRow("truncated to half") << u"half"_s;
}

void TestDatabaseFaults::damagedDataIsReportedAndKept()
{
    // Damage among thousands of orders, past the schema: SQLite notices it when
    // the pages are read, so open() may succeed (a full check at every start
    // would cost seconds on a large file); reading them must then fail clearly,
    // without a crash, and the file stays as it is.
    QFETCH(QString, damage);
    QList<Domain::Order> many;
    for (int i = 0; i < 3000; ++i) {
        Domain::Order o;
        o.provider = Provider::Liquido;
        o.paymentId = u"lq-damaged-%1"_s.arg(i);
        o.merchantReference = u"SO-%1"_s.arg(i);
        o.paymentMethod = u"PIX_DYNAMIC_QR"_s;
        o.amount = {1000 + i, u"BRL"_s};
        o.rawStatus = u"IN_PROGRESS"_s;
        o.createdAt = QDateTime::currentDateTimeUtc().addSecs(-i);
        many.append(o);
    }
    QString error;
    QVERIFY2(m_orders->upsertMany(many, Storage::StatusSource::Import, &error), qPrintable(error));
    const QString path = dbPath();
    closeDatabase();

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size >= 40 * kPage);
    if (damage == u"tail") {
        for (qint64 page = size / kPage / 2; page < size / kPage; ++page)
            scribble(file, page * kPage, kPage);
    } else {
        QVERIFY(file.resize(size / 2 / kPage * kPage));
    }
    file.close();
    const QByteArray digest = sha256Of(path);

    {
        Storage::Database db(path);
        if (!db.open(&error)) {
            QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
            QVERIFY2(error.contains(u"damaged"_s), qPrintable(error));
        } else {
            Storage::OrderStore orders(db, &m_policy);
            Storage::OrderQuery all;
            all.limit = 0;
            QString readError;
            orders.query(all, &readError);
            QVERIFY2(readError.contains(u"damaged"_s), qPrintable(readError));
        }
    }
    QCOMPARE(sha256Of(path), digest);
}

QTEST_GUILESS_MAIN(TestDatabaseFaults)
#include "tst_databasefaults.moc"
