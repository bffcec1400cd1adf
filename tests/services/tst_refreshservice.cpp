// RefreshService (PRODUCT.md F2 add by id / UQPAY sync, F5 refresh, F7 conflict)
// against the in-process sandbox over loopback HTTP.

#include "domain/orderstatus.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/reconcile.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"
#include "uqpaysim.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::NormStatus;
using Domain::OrderKey;
using Domain::Provider;
using Sandbox::Scenario;
using Services::RefreshJob;
using Services::RefreshSummary;

namespace {

const QDateTime kSyncedAt = QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);

struct Run
{
    RefreshSummary summary;
    int finishedCount = 0;
    QList<std::array<int, 3>> progress;
};

// Waits for the job's one finished(); also checks it never comes twice.
Run await(RefreshJob *job, int timeoutMs = 30000)
{
    auto run = std::make_shared<Run>();
    QObject::connect(job, &RefreshJob::progress, job, [run](int done, int total, int failed) {
        run->progress.append({done, total, failed});
    });
    QObject::connect(job, &RefreshJob::finished, job, [run](const RefreshSummary &s) {
        run->summary = s;
        ++run->finishedCount;
    });
    if (!QTest::qWaitFor([run] { return run->finishedCount > 0; }, timeoutMs))
        qFatal("refresh job did not finish");
    QTest::qWait(50); // a second finished() would show up here
    return *run;
}

Scenario scenario(const QString &paymentId, Scenario::Kind kind, int times = 1)
{
    Scenario s;
    s.paymentId = paymentId;
    s.kind = kind;
    s.times = times;
    s.on = Scenario::On::Inquiry;
    return s;
}

} // namespace

class TestRefreshService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void refreshesSelectedDemoOrders();
    void emptyRefreshFinishesOnce();
    void rateLimitIsRetriedAfterRetryAfter();
    void serverErrorForeverIsRecordedAsFailure();
    void stopAbortsAndFinishesOnce();
    void contradictedCancelIsAConflict();
    void reconciledOutcomeRules_data();
    void reconciledOutcomeRules();
    void refreshReconcilesUnresolvedAttempts();
    void addByIdForEachProvider_data();
    void addByIdForEachProvider();
    void addByUnknownIdFails();
    void refreshAllCoversTheStore();
    void answersOneByOneAreWrittenInBatches();
    void syncUqpayPagesThroughAllIntents();
    void autoRefreshRefreshesNonTerminalOrders();

private:
    QList<OrderKey> demo(Provider provider) const;
    QList<OrderKey> allDemo() const;
    int served(const QString &idPart, int status) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    std::unique_ptr<Providers::ProviderRegistry> m_registry;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::OrderStore> m_store;
    std::unique_ptr<Services::RefreshService> m_service;
    Providers::SandboxAnnouncement m_announcement;
    QList<std::pair<QString, int>> m_served; // path, status
    Services::WorkflowSettings m_settings;
};

void TestRefreshService::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRefreshService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<Sandbox::SandboxServer>();
    Sandbox::SandboxOptions options;
    options.stateDir = m_dir->filePath(u"sandbox"_s);
    QVERIFY2(m_server->start(options) != 0, qPrintable(m_server->errorString()));
    m_served.clear();
    connect(m_server.get(), &Sandbox::SandboxServer::requestServed, this,
            [this](const QString &, const QString &path, int status) {
                m_served.append({path, status});
            });
    m_announcement = Providers::parseSandboxAnnouncement(
        QJsonDocument(m_server->config()).toJson(QJsonDocument::Compact));
    QVERIFY2(m_announcement.ok(), qPrintable(m_announcement.error));
    Providers::ProviderSettings settings = m_announcement.settings;
    settings.http.timeout = std::chrono::milliseconds(5000);
    m_registry = std::make_unique<Providers::ProviderRegistry>(settings);

    m_db = std::make_unique<Storage::Database>(Test::storeLocation(*m_dir, u"orders.sqlite"_s));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_store = std::make_unique<Storage::OrderStore>(*m_db);

    m_settings = {};
    m_settings.maxRetries = 3;
    m_settings.retryBase = std::chrono::milliseconds(20);
    m_settings.concurrency = 2;
    m_service = std::make_unique<Services::RefreshService>(*m_store, *m_registry, m_settings,
                                                           [] { return kSyncedAt; });
}

void TestRefreshService::cleanup()
{
    m_service.reset();
    m_store.reset();
    m_db.reset();
    m_registry.reset();
    m_server.reset();
    m_dir.reset();
}

QList<OrderKey> TestRefreshService::demo(Provider provider) const
{
    QList<OrderKey> keys;
    for (const QString &id : m_announcement.demoIds.value(provider))
        keys.append({provider, id});
    return keys;
}

QList<OrderKey> TestRefreshService::allDemo() const
{
    return demo(Provider::Uqpay) + demo(Provider::Antom) + demo(Provider::Liquido);
}

int TestRefreshService::served(const QString &idPart, int status) const
{
    int n = 0;
    for (const auto &[path, s] : m_served) {
        if (path.contains(idPart) && s == status)
            ++n;
    }
    return n;
}

void TestRefreshService::refreshesSelectedDemoOrders()
{
    const QList<OrderKey> keys = allDemo();
    QVERIFY(keys.size() > 10);
    QSignalSpy updated(m_service.get(), &Services::RefreshService::orderUpdated);
    // The same order twice is refreshed once.
    const Run run = await(m_service->refresh(keys + QList<OrderKey>{keys.first()}));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(run.summary.total, keys.size());
    QCOMPARE(run.summary.done, keys.size());
    QCOMPARE(run.summary.failed, 0);
    QCOMPARE(run.summary.conflicts, 0);
    QVERIFY(!run.summary.stopped);
    QCOMPARE(updated.size(), keys.size());
    QVERIFY(!run.progress.isEmpty());
    QCOMPARE(run.progress.last(), (std::array<int, 3>{int(keys.size()), int(keys.size()), 0}));
    for (qsizetype i = 1; i < run.progress.size(); ++i)
        QVERIFY(run.progress.at(i)[0] >= run.progress.at(i - 1)[0]);

    for (const OrderKey &key : keys) {
        const auto order = m_store->find(key.provider, key.paymentId);
        QVERIFY2(order, qPrintable(key.paymentId));
        QCOMPARE(order->lastSyncedAt, kSyncedAt);
        QVERIFY(!order->rawStatus.isEmpty());
        QCOMPARE(m_store->history(key.provider, key.paymentId).first().source,
                 Storage::StatusSource::Refresh);
    }
}

void TestRefreshService::emptyRefreshFinishesOnce()
{
    const Run run = await(m_service->refresh({}));
    QCOMPARE(run.finishedCount, 1);
    QCOMPARE(run.summary.total, 0);
    QCOMPARE(run.summary.done, 0);
}

void TestRefreshService::rateLimitIsRetriedAfterRetryAfter()
{
    const OrderKey key = demo(Provider::Uqpay).first();
    Scenario s = scenario(key.paymentId, Scenario::Kind::RateLimit, 2);
    s.retryAfterSeconds = 1;
    m_server->addScenario(s);
    QElapsedTimer timer;
    timer.start();
    const Run run = await(m_service->refresh({key}));
    QCOMPARE(run.summary.failed, 0);
    QCOMPARE(run.summary.done, 1);
    QCOMPARE(served(key.paymentId, 429), 2);
    QCOMPARE(served(key.paymentId, 200), 1);
    // Retry-After (1 s, twice) was honoured rather than the 20 ms backoff.
    QVERIFY(timer.elapsed() >= 2000);
    QVERIFY(m_store->find(key.provider, key.paymentId));
}

void TestRefreshService::serverErrorForeverIsRecordedAsFailure()
{
    const OrderKey bad = demo(Provider::Uqpay).at(1);
    const OrderKey good = demo(Provider::Antom).first();
    QCOMPARE(await(m_service->addById(bad)).summary.failed, 0);

    Scenario s = scenario(bad.paymentId, Scenario::Kind::HttpError, -1);
    s.status = 503;
    m_server->addScenario(s);
    const Run run = await(m_service->refresh({bad, good}));
    QCOMPARE(run.summary.done, 2);
    QCOMPARE(run.summary.failed, 1);
    QCOMPARE(run.progress.last(), (std::array<int, 3>{2, 2, 1}));
    QCOMPARE(run.summary.errors.size(), 1);
    QCOMPARE(run.summary.errors.first().first, bad);
    QVERIFY(!run.summary.errors.first().second.isEmpty());
    // The first try and maxRetries retries.
    QCOMPARE(served(bad.paymentId, 503), m_settings.maxRetries + 1);

    const auto order = m_store->find(bad.provider, bad.paymentId);
    QVERIFY(order);
    // Stored as a kind, worded when read: in the language of the reader.
    QVERIFY(Providers::decodeFailure(order->lastSyncError).has_value());
    QCOMPARE(Providers::storedFailureText(order->lastSyncError), run.summary.errors.first().second);
    QCOMPARE(m_store->lastSyncErrorAt(bad.provider, bad.paymentId), kSyncedAt);
    QVERIFY(m_store->find(good.provider, good.paymentId));
}

void TestRefreshService::stopAbortsAndFinishesOnce()
{
    Scenario slow = scenario(u"*"_s, Scenario::Kind::Delay, -1);
    slow.ms = 3000;
    m_server->addScenario(slow);
    const QList<OrderKey> keys = allDemo();
    RefreshJob *job = m_service->refresh(keys);
    QPointer<RefreshJob> guard(job);
    QTimer::singleShot(300, job, [job] { job->stop(); });
    const Run run = await(job);
    QCOMPARE(run.finishedCount, 1);
    QVERIFY(run.summary.stopped);
    // Every answer was held 3 s; stopped after 0.3 s, the requests in flight
    // were aborted rather than waited for, and the queued ones never sent.
    QCOMPARE(run.summary.done, 0);
    QCOMPARE(run.summary.failed, 0); // stopped is not failed
    QTRY_VERIFY(guard.isNull());     // deleted after finishing
    QCOMPARE(m_store->count(Storage::OrderQuery{}), qint64(run.summary.done));
}

void TestRefreshService::contradictedCancelIsAConflict()
{
    // UQPAY demo intent 5 is a captured card payment (SUCCEEDED).
    const OrderKey key = demo(Provider::Uqpay).at(4);
    Domain::Order cancelled;
    cancelled.provider = key.provider;
    cancelled.paymentId = key.paymentId;
    cancelled.rawStatus = u"CANCELLED"_s;
    cancelled.status = NormStatus::Cancelled;
    QVERIFY(m_store->upsert(cancelled, Storage::StatusSource::Cancel).ok);

    const Run run = await(m_service->refresh({key, demo(Provider::Uqpay).first()}));
    QCOMPARE(run.summary.failed, 0);
    QCOMPARE(run.summary.conflicts, 1);
    const auto order = m_store->find(key.provider, key.paymentId);
    QVERIFY(order);
    QCOMPARE(order->status, NormStatus::Cancelled);
    QVERIFY(order->flags.testFlag(Domain::StatusFlag::Conflict));
}

void TestRefreshService::reconciledOutcomeRules_data()
{
    QTest::addColumn<NormStatus>("status");
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("deadlineOffsetS"); // from now; 0 = no deadline
    QTest::addColumn<int>("expected");        // AttemptState, or -1 = stays unresolved
    using S = Storage::AttemptState;
    const int stays = -1;
    QTest::newRow("cancelled") << NormStatus::Cancelled << 0 << 0 << int(S::Succeeded);
    QTest::newRow("cancelled, conflict")
        << NormStatus::Cancelled << int(Domain::StatusFlag::Conflict) << 0 << int(S::Succeeded);
    QTest::newRow("failed") << NormStatus::Failed << 0 << 0 << int(S::Rejected);
    QTest::newRow("refunded") << NormStatus::Succeeded << int(Domain::StatusFlag::Refunded) << 3600
                              << int(S::Rejected);
    QTest::newRow("charged back") << NormStatus::Succeeded << int(Domain::StatusFlag::ChargedBack)
                                  << 3600 << int(S::Rejected);
    QTest::newRow("paid, window closed") << NormStatus::Succeeded << 0 << -1 << int(S::Rejected);
    QTest::newRow("paid, no window") << NormStatus::Succeeded << 0 << 0 << int(S::Rejected);
    QTest::newRow("paid, window open") << NormStatus::Succeeded << 0 << 600 << stays;
    QTest::newRow("pending") << NormStatus::Pending << 0 << 0 << stays;
    QTest::newRow("authorised, window closed") << NormStatus::Authorized << 0 << -1 << stays;
    QTest::newRow("requires action") << NormStatus::RequiresAction << 0 << 600 << stays;
    QTest::newRow("unknown") << NormStatus::Unknown << 0 << 0 << stays;
}

void TestRefreshService::reconciledOutcomeRules()
{
    QFETCH(NormStatus, status);
    QFETCH(int, flags);
    QFETCH(int, deadlineOffsetS);
    QFETCH(int, expected);
    Domain::Order order;
    order.status = status;
    order.flags = Domain::StatusFlags::fromInt(flags);
    if (deadlineOffsetS != 0)
        order.cancelDeadline = kSyncedAt.addSecs(deadlineOffsetS);
    const auto outcome = Services::reconciledOutcome(order, kSyncedAt);
    QCOMPARE(outcome ? int(*outcome) : -1, expected);
}

void TestRefreshService::refreshReconcilesUnresolvedAttempts()
{
    // Two cancels whose outcome stayed unknown: the first did take effect at
    // UQPAY (demo intent 1, now CANCELLED there); the second did not, and its
    // intent (demo 2, awaiting the customer) is still open.
    Storage::CancelJournal journal(*m_db);
    const OrderKey done = demo(Provider::Uqpay).at(0);
    const OrderKey open = demo(Provider::Uqpay).at(1);
    QList<qint64> ids;
    for (const OrderKey &key : {done, open}) {
        Storage::CancelAttempt draft;
        draft.provider = key.provider;
        draft.paymentId = key.paymentId;
        draft.amount = Domain::Money{1250, u"SGD"_s};
        draft.operatorName = u"op"_s;
        draft.environment = u"sandbox"_s;
        const Storage::JournalResult prepared = journal.prepare(draft);
        QVERIFY2(prepared.ok(), qPrintable(prepared.message));
        Storage::CancelAttempt a = prepared.attempt;
        a.state = Storage::AttemptState::Unresolved;
        a.tries = 3;
        QVERIFY(journal.record(a).ok());
        ids.append(a.id);
    }
    Sandbox::UqpayIntent cancelled = *m_server->uqpay().intent(done.paymentId);
    cancelled.status = u"CANCELLED"_s;
    m_server->uqpay().addIntent(cancelled);

    const Run run = await(m_service->refresh({done, open}));
    QCOMPARE(run.summary.failed, 0);
    QCOMPARE(run.summary.reconciled, 1);
    const Storage::CancelAttempt settled = *journal.find(ids.at(0));
    QCOMPARE(settled.state, Storage::AttemptState::Succeeded);
    QCOMPARE(settled.providerCode, u"RECONCILED"_s);
    QCOMPARE(settled.statusAfter, u"CANCELLED"_s);
    QCOMPARE(settled.finishedAt, kSyncedAt);
    QCOMPARE(journal.find(ids.at(1))->state, Storage::AttemptState::Unresolved);
    QVERIFY(journal.verify().ok);

    // A second refresh finds nothing more to settle.
    QCOMPARE(await(m_service->refresh({done, open})).summary.reconciled, 0);
}

void TestRefreshService::addByIdForEachProvider_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addRow("uqpay") << Provider::Uqpay;
    QTest::addRow("antom") << Provider::Antom;
    QTest::addRow("liquido") << Provider::Liquido;
}

void TestRefreshService::addByIdForEachProvider()
{
    QFETCH(Provider, provider);
    const OrderKey key = demo(provider).first();
    const Run run = await(m_service->addById({provider, u"  "_s + key.paymentId + u"\n"_s}));
    QCOMPARE(run.summary.done, 1);
    QCOMPARE(run.summary.failed, 0);
    const auto order = m_store->find(provider, key.paymentId);
    QVERIFY(order);
    QVERIFY(order->amount.isValid());
    const QList<Storage::StatusChange> history = m_store->history(provider, key.paymentId);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().source, Storage::StatusSource::Manual);
}

void TestRefreshService::addByUnknownIdFails()
{
    for (const Provider p : Domain::allProviders()) {
        const OrderKey key{p, u"NO-SUCH-PAYMENT-1"_s};
        const Run run = await(m_service->addById(key));
        QCOMPARE(run.summary.failed, 1);
        QCOMPARE(run.summary.errors.size(), 1);
        QVERIFY(!run.summary.errors.first().second.isEmpty());
        QVERIFY(!m_store->find(p, key.paymentId));
    }
}

void TestRefreshService::refreshAllCoversTheStore()
{
    QCOMPARE(await(m_service->refresh(allDemo())).summary.failed, 0);
    m_served.clear();
    const Run run = await(m_service->refreshAll());
    QCOMPARE(run.summary.total, allDemo().size());
    QCOMPARE(run.summary.failed, 0);
}

// Answers come back one by one (a few requests in flight per provider), each
// in its own turn of the event loop; their status writes still share
// transactions: issue 15's "not one fsync per order".
void TestRefreshService::answersOneByOneAreWrittenInBatches()
{
    m_service.reset();
    m_registry.reset();
    m_server = std::make_unique<Sandbox::SandboxServer>();
    Sandbox::SandboxOptions options;
    options.stateDir = m_dir->filePath(u"generated"_s);
    options.seedDemo = false;
    options.generatedCount = 200;
    QVERIFY2(m_server->start(options) != 0, qPrintable(m_server->errorString()));
    m_announcement = Providers::parseSandboxAnnouncement(
        QJsonDocument(m_server->config()).toJson(QJsonDocument::Compact));
    QVERIFY2(m_announcement.ok(), qPrintable(m_announcement.error));
    m_registry = std::make_unique<Providers::ProviderRegistry>(m_announcement.settings);
    m_service = std::make_unique<Services::RefreshService>(*m_store, *m_registry, m_settings,
                                                           [] { return kSyncedAt; });

    const QJsonObject generated = m_server->config().value("generated"_L1).toObject();
    QList<OrderKey> keys;
    for (const Provider p : Domain::allProviders()) {
        const QJsonObject pattern = generated.value(Domain::providerKey(p)).toObject();
        for (int n = 1; n <= 200; ++n)
            keys.append({p, pattern.value("prefix"_L1).toString()
                                + QString::number(n).rightJustified(
                                    pattern.value("digits"_L1).toInt(), u'0')});
    }
    QSignalSpy updated(m_service.get(), &Services::RefreshService::orderUpdated);
    const Run run = await(m_service->refresh(keys), 120000);
    QCOMPARE(run.summary.done, keys.size());
    QCOMPARE(run.summary.failed, 0);
    QCOMPARE(updated.size(), keys.size());
    for (const OrderKey &key : {keys.first(), keys.last()})
        QCOMPARE(m_store->find(key.provider, key.paymentId)->lastSyncedAt, kSyncedAt);
    // One transaction per answer would be 600; a batch per event-loop turn
    // took 184 here (debug build), the time window a few dozen.
    QVERIFY2(run.summary.writeBatches >= 1 && run.summary.writeBatches <= keys.size() / 5,
             qPrintable(QString::number(run.summary.writeBatches)));
}

void TestRefreshService::syncUqpayPagesThroughAllIntents()
{
    // More than one page of 100.
    const QDateTime now = m_server->now();
    for (int i = 0; i < 130; ++i) {
        Sandbox::UqpayIntent intent;
        intent.id = m_server->uqpay().newIntentId();
        intent.merchantOrderId = u"BULK-%1"_s.arg(i);
        intent.amount = {100 + i, u"USD"_s};
        intent.status = u"SUCCEEDED"_s;
        intent.created = now.addSecs(-3600 - i);
        intent.completed = intent.created.addSecs(30);
        m_server->uqpay().addIntent(intent);
    }
    const int expected = int(m_announcement.demoIds.value(Provider::Uqpay).size()) + 130;
    const Run run = await(m_service->syncUqpay(now.addDays(-7), now.addSecs(60)));
    QCOMPARE(run.summary.failed, 0);
    QCOMPARE(run.summary.total, expected);
    QCOMPARE(run.summary.done, expected);
    Storage::OrderQuery q;
    q.provider = Provider::Uqpay;
    QCOMPARE(m_store->count(q), qint64(expected));
    QCOMPARE(m_store->find(Provider::Uqpay, demo(Provider::Uqpay).first().paymentId)->lastSyncedAt,
             kSyncedAt);
}

void TestRefreshService::autoRefreshRefreshesNonTerminalOrders()
{
    QCOMPARE(await(m_service->refresh(allDemo())).summary.failed, 0);
    const QList<OrderKey> open = m_service->nonTerminalOrders();
    QVERIFY(!open.isEmpty());
    QVERIFY(open.size() < allDemo().size()); // the demo has terminal orders too

    QSignalSpy rounds(m_service.get(), &Services::RefreshService::autoRefreshFinished);
    m_service->setAutoRefreshInterval(true, std::chrono::milliseconds(100));
    QVERIFY(m_service->autoRefreshEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(rounds.size() >= 2, 20000);
    m_service->setAutoRefresh(false, std::chrono::seconds(0));
    QVERIFY(!m_service->autoRefreshEnabled());
    const auto summary = rounds.first().first().value<RefreshSummary>();
    QCOMPARE(summary.total, open.size());
    QCOMPARE(summary.failed, 0);
}

QTEST_GUILESS_MAIN(TestRefreshService)
#include "tst_refreshservice.moc"
