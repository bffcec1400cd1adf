// CancelService (PRODUCT.md F11–F13 and recovery) against the in-process
// sandbox over loopback HTTP, with a real database.

#include "canceltest.h"
#include "domain/cancelpolicy.h"
#include "providers/paymentprovider.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"
#include "services/backoff.h"
#include "services/cancelservice.h"
#include "services/reconcile.h"
#include "services/refreshservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"
#include "uqpaysim.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace std::chrono_literals;
using Domain::NormStatus;
using Domain::Provider;
using Providers::CancelOutcome;
using Providers::Guidance;
using Providers::ProviderResult;
using Sandbox::Scenario;
using Services::CancelReport;
using Storage::AttemptState;
using Refusal = CancelReport::Refusal;

Q_DECLARE_METATYPE(Scenario::Kind)

namespace {

ProviderResult await(Providers::ProviderCall *call)
{
    std::optional<ProviderResult> result;
    QObject::connect(call, &Providers::ProviderCall::finished, call,
                     [&result](const ProviderResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        qFatal("provider call did not finish");
    return *result;
}

using Test::await;
using Test::deadPid;

QList<CancelReport> awaitList(QObject *job, const char *what)
{
    std::optional<QList<CancelReport>> reports;
    if (auto *bulk = qobject_cast<Services::BulkCancelJob *>(job))
        QObject::connect(bulk, &Services::BulkCancelJob::finished, job,
                         [&reports](const QList<CancelReport> &r) { reports = r; });
    else
        QObject::connect(qobject_cast<Services::RecoveryJob *>(job),
                         &Services::RecoveryJob::finished, job,
                         [&reports](const QList<CancelReport> &r) { reports = r; });
    if (!QTest::qWaitFor([&reports] { return reports.has_value(); }, 60000))
        qFatal("%s did not finish", what);
    return *reports;
}

Scenario scenario(const QString &paymentId, Scenario::Kind kind, int times = 1)
{
    Scenario s;
    s.paymentId = paymentId;
    s.kind = kind;
    s.times = times;
    s.on = Scenario::On::Cancel;
    return s;
}

bool isCancelPath(const QString &path)
{
    return path.contains(u"cancel"_s);
}

} // namespace

class TestCancelService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void backoffIsExponentialJitteredCappedAndHonoursRetryAfter();

    void succeedsAtEachProvider_data();
    void succeedsAtEachProvider();
    void providerRejectionIsFinal_data();
    void providerRejectionIsFinal();
    void liquidoIneligibleIsRefusedLocally();
    void unknownOrderIsRefused();
    void antomUnknownTwiceThenSucceeds();
    void unknownForeverIsUnresolved_data();
    void unknownForeverIsUnresolved();
    void uqpayWalletIsConfirmedByPolling();
    void confirmTimeoutIsUnresolved();
    void serverErrorThenSuccessReusesTheKey();
    void journalIsWrittenBeforeTheNetwork();
    void concurrentCancelIsRefused();
    void unconfiguredProviderIsNotSentAndNotLogged();
    void recoveryResumesDeadOwnersWithTheSameKey();
    void bulkCancelListsIneligibleOrders();
    void stoppedCancelIsHandedToRecovery();

    // Issue 11: cancel safety, round 2.
    void unresolvedOrderIsRetriedNeverCancelledAnew();
    void bulkCancelRetriesTheUnresolvedAttempt();
    void checkIsTheOneRule();
    void checkNamesWhoAwaitsApproval();
    void recoveryWithWrongCredentialsKeepsTheAttemptOpen();
    void laterTryConfigurationFailureKeepsTheAttemptOpen();
    void reconcileUsesTheFreshAnswerNotTheStoredStatus();
    void conflictedOrderIsNotReconciled();
    void acceptedAsyncCancelIsNotRejectedWhenLate();
    void finalStateAndOrderCommitTogether();
    void confirmedCancelKeepsTheOrderAsStoredNow();
    void staleOwnerCannotWriteTheAttempt();
    void failedLeaseRenewalStopsTheJob();
    void longRetryAfterEndsUnknownInsteadOfSleeping();
    void periodicRecoveryResumesWithoutRestart();

private:
    Services::CancelService &service();
    QString findOrder(Provider provider, const QString &method, NormStatus status,
                      const QString &raw = {}) const;
    Services::CancelOrderRequest request(Provider provider, const QString &id) const;
    int cancelRequests() const;
    Storage::CancelAttempt draftFor(Provider provider, const QString &id) const;
    // Cancels an Antom order whose answer is delayed by answerMs; once SENT is
    // journaled, `rescuer` takes the attempt over (*attemptId names it).
    CancelReport cancelTakenOverOnceSent(int answerMs, const Storage::ProcessOwner &rescuer,
                                         qint64 *attemptId);

    std::unique_ptr<QTemporaryDir> m_sandboxState;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    std::unique_ptr<Providers::ProviderRegistry> m_registry;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::OrderStore> m_orders;
    std::unique_ptr<Storage::CancelJournal> m_journal;
    std::unique_ptr<Services::CancelService> m_service;
    Domain::CancelPolicy m_policy;
    Providers::SandboxAnnouncement m_announcement;
    Services::WorkflowSettings m_settings;
    QStringList m_served; // "METHOD path status"
};

void TestCancelService::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<ProviderResult>();
    const Domain::PolicyLoadResult loaded = Domain::CancelPolicy::load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    m_policy = loaded.policy;
    // Generated keys are kept between tests: creating them is the slow part.
    m_sandboxState = std::make_unique<QTemporaryDir>();
    QVERIFY(m_sandboxState->isValid());
}

void TestCancelService::cleanupTestCase()
{
    m_sandboxState.reset();
}

void TestCancelService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<Sandbox::SandboxServer>();
    Sandbox::SandboxOptions options;
    options.stateDir = m_sandboxState->path();
    options.asyncCancelDelayMs = 300;
    QVERIFY2(m_server->start(options) != 0, qPrintable(m_server->errorString()));
    m_announcement = Providers::parseSandboxAnnouncement(
        QJsonDocument(m_server->config()).toJson(QJsonDocument::Compact));
    QVERIFY2(m_announcement.ok(), qPrintable(m_announcement.error));
    Providers::ProviderSettings settings = m_announcement.settings;
    settings.http.timeout = 5000ms;
    m_registry = std::make_unique<Providers::ProviderRegistry>(settings);

    m_db = std::make_unique<Storage::Database>(Test::storeLocation(*m_dir, u"canceldesk.sqlite"_s));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_orders = std::make_unique<Storage::OrderStore>(*m_db, &m_policy);
    m_journal = std::make_unique<Storage::CancelJournal>(*m_db);

    // The orders as an operator would have them: retrieved from the provider.
    for (Provider p : Domain::allProviders()) {
        for (const QString &id : m_announcement.demoIds.value(p)) {
            const ProviderResult r = await(m_registry->provider(p)->retrieve(id));
            QVERIFY2(r.ok() && r.order, qPrintable(id));
            QVERIFY(m_orders->upsert(*r.order, Storage::StatusSource::Refresh).ok);
        }
    }

    m_settings = {};
    m_settings.timeout = 5000ms;
    m_settings.maxRetries = 3;
    m_settings.retryBase = 20ms;
    m_settings.pollInterval = 50ms;
    m_settings.confirmTimeout = 2s;
    m_served.clear();
    connect(m_server.get(), &Sandbox::SandboxServer::requestServed, this,
            [this](const QString &method, const QString &path, int status) {
                m_served.append(method + u' ' + path + u' ' + QString::number(status));
            });
}

void TestCancelService::cleanup()
{
    m_service.reset();
    m_journal.reset();
    m_orders.reset();
    m_db.reset();
    m_registry.reset();
    m_server.reset();
    m_dir.reset();
}

Services::CancelService &TestCancelService::service()
{
    if (!m_service)
        m_service = std::make_unique<Services::CancelService>(
            *m_orders, *m_journal, *m_registry, m_policy, m_settings, Services::systemClock());
    return *m_service;
}

QString TestCancelService::findOrder(Provider provider, const QString &method, NormStatus status,
                                     const QString &raw) const
{
    Storage::OrderQuery q;
    q.provider = provider;
    q.status = status;
    q.method = method;
    q.limit = 0;
    for (const Domain::Order &o : m_orders->query(q)) {
        if ((raw.isEmpty() || o.rawStatus == raw) && !o.flags)
            return o.paymentId;
    }
    return {};
}

Services::CancelOrderRequest TestCancelService::request(Provider provider, const QString &id) const
{
    return {{provider, id},
            Domain::CancelReason::RequestedByCustomer,
            u"test"_s,
            u"alice"_s,
            u"sandbox"_s};
}

int TestCancelService::cancelRequests() const
{
    int n = 0;
    for (const QString &line : m_served)
        n += isCancelPath(line) ? 1 : 0;
    return n;
}

Storage::CancelAttempt TestCancelService::draftFor(Provider provider, const QString &id) const
{
    return Test::draftAttempt(*m_orders->find(provider, id), u"alice"_s);
}

void TestCancelService::backoffIsExponentialJitteredCappedAndHonoursRetryAfter()
{
    using Services::backoffDelay;
    const auto none = -1ms;
    // Middle of the jitter range: exactly base·2^n.
    QCOMPARE(backoffDelay(0, 100ms, 10s, none, 0.5), 100ms);
    QCOMPARE(backoffDelay(1, 100ms, 10s, none, 0.5), 200ms);
    QCOMPARE(backoffDelay(3, 100ms, 10s, none, 0.5), 800ms);
    // ±25 %.
    QCOMPARE(backoffDelay(2, 100ms, 10s, none, 0.0), 300ms);
    QCOMPARE(backoffDelay(2, 100ms, 10s, none, 0.999999), 499ms);
    // Capped, even for absurd retry numbers.
    QCOMPARE(backoffDelay(40, 100ms, 10s, none, 0.5), 10s);
    QCOMPARE(backoffDelay(1000, 100ms, 10s, none, 0.999), 10s);
    // Retry-After wins when longer, not when shorter.
    QCOMPARE(backoffDelay(0, 100ms, 10s, 7000ms, 0.5), 7000ms);
    QCOMPARE(backoffDelay(3, 100ms, 10s, 50ms, 0.5), 800ms);
    for (int i = 0; i < 50; ++i) {
        const auto d = Services::jitteredBackoff(1, 100ms, 10s, none);
        QVERIFY(d >= 150ms && d <= 250ms);
    }
}

void TestCancelService::succeedsAtEachProvider_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("method");
    QTest::addColumn<NormStatus>("status");
    QTest::addRow("uqpay card") << Provider::Uqpay << u"CARD"_s << NormStatus::Pending;
    QTest::addRow("antom alipay hk") << Provider::Antom << u"ALIPAY_HK"_s << NormStatus::Pending;
    QTest::addRow("liquido pix") << Provider::Liquido << u"PIX_DYNAMIC_QR"_s << NormStatus::Pending;
    QTest::addRow("liquido card") << Provider::Liquido << u"CREDIT_CARD"_s
                                  << NormStatus::Authorized;
}

void TestCancelService::succeedsAtEachProvider()
{
    QFETCH(Provider, provider);
    QFETCH(QString, method);
    QFETCH(NormStatus, status);
    const QString id = findOrder(provider, method, status);
    QVERIFY(!id.isEmpty());

    QList<AttemptState> states;
    Services::CancelJob *job = service().cancel(request(provider, id));
    connect(job, &Services::CancelJob::stateChanged, this,
            [&states](AttemptState s) { states.append(s); });
    const CancelReport report = await(job);

    QVERIFY2(report.state == AttemptState::Succeeded, qPrintable(report.message));
    QCOMPARE(report.refusal, Refusal::None);
    QVERIFY(report.sent);
    QCOMPARE(report.tries, 1);
    QVERIFY(report.attemptId > 0);
    QVERIFY(!report.message.isEmpty());
    QCOMPARE(states.first(), AttemptState::Prepared);
    QCOMPARE(states.last(), AttemptState::Succeeded);
    QCOMPARE(cancelRequests(), 1);

    const auto attempt = m_journal->find(report.attemptId);
    QVERIFY(attempt);
    QCOMPARE(attempt->state, AttemptState::Succeeded);
    QCOMPARE(attempt->tries, 1);
    QCOMPARE(attempt->statusBefore, Domain::statusKey(status));
    QCOMPARE(attempt->statusAfter, u"CANCELLED"_s);
    QVERIFY(attempt->finishedAt.isValid());
    QVERIFY(attempt->latencyMs >= 0);
    QVERIFY(attempt->httpStatus == 200);
    QCOMPARE(m_orders->find(provider, id)->status, NormStatus::Cancelled);
    const auto history = m_orders->history(provider, id);
    QCOMPARE(history.last().source, Storage::StatusSource::Cancel);
    QVERIFY(m_journal->verify().ok);
}

void TestCancelService::providerRejectionIsFinal_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("method");
    QTest::addColumn<NormStatus>("status");
    QTest::addColumn<int>("kind"); // 0: stale local status, else Scenario::Kind
    QTest::addColumn<QString>("code");
    QTest::addColumn<Guidance>("guidance");
    QTest::addColumn<int>("httpStatus");
    QTest::addRow("antom window exceeded")
        << Provider::Antom << u"ALIPAY_HK"_s << NormStatus::Pending
        << int(Scenario::Kind::WindowExceeded) << u"CANCEL_WINDOW_EXCEED"_s << Guidance::Refund
        << 200;
    QTest::addRow("antom status invalid (captured card stored as authorised)")
        << Provider::Antom << u"CARD"_s << NormStatus::Succeeded << 0 << u"ORDER_STATUS_INVALID"_s
        << Guidance::CheckStatus << 200;
    QTest::addRow("antom already refunded")
        << Provider::Antom << u"ALIPAY_HK"_s << NormStatus::Pending
        << int(Scenario::Kind::AlreadyRefunded) << u"PROCESS_FAIL"_s << Guidance::AlreadyRefunded
        << 200;
    QTest::addRow("uqpay ineligible 400")
        << Provider::Uqpay << u"CARD"_s << NormStatus::Pending
        << int(Scenario::Kind::WindowExceeded) << QString() << Guidance::None << 400;
    QTest::addRow("liquido refused 400")
        << Provider::Liquido << u"PIX_DYNAMIC_QR"_s << NormStatus::Pending
        << int(Scenario::Kind::WindowExceeded) << QString() << Guidance::None << 400;
}

void TestCancelService::providerRejectionIsFinal()
{
    QFETCH(Provider, provider);
    QFETCH(QString, method);
    QFETCH(NormStatus, status);
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(Guidance, guidance);
    QFETCH(int, httpStatus);
    const QString id = findOrder(provider, method, status);
    QVERIFY(!id.isEmpty());
    if (kind == 0) {
        // Our copy is stale: it still says authorised, the provider knows better.
        Domain::Order order = *m_orders->find(provider, id);
        order.status = NormStatus::Authorized;
        QVERIFY(m_orders->upsert(order, Storage::StatusSource::Manual).ok);
    } else {
        m_server->addScenario(scenario(id, Scenario::Kind(kind), -1));
    }

    const CancelReport report = await(service().cancel(request(provider, id)));
    QVERIFY2(report.state == AttemptState::Rejected, qPrintable(report.message));
    QCOMPARE(report.refusal, Refusal::None);
    QCOMPARE(report.lastFailure, Providers::FailureKind::Rejected);
    QVERIFY(report.sent);
    QCOMPARE(report.tries, 1); // never retried
    QCOMPARE(cancelRequests(), 1);
    QCOMPARE(report.httpStatus, httpStatus);
    QVERIFY(!report.providerCode.isEmpty());
    if (!code.isEmpty())
        QCOMPARE(report.providerCode, code);
    if (guidance != Guidance::None)
        QCOMPARE(report.guidance, guidance);
    QVERIFY(report.message.contains(report.providerCode));
    const auto attempt = m_journal->find(report.attemptId);
    QCOMPARE(attempt->state, AttemptState::Rejected);
    QCOMPARE(attempt->providerCode, report.providerCode);
    QCOMPARE(attempt->httpStatus, httpStatus);
    QVERIFY(m_orders->find(provider, id)->status != NormStatus::Cancelled);
}

void TestCancelService::liquidoIneligibleIsRefusedLocally()
{
    const QString id = findOrder(Provider::Liquido, u"PIX_DYNAMIC_QR"_s, NormStatus::Succeeded);
    QVERIFY(!id.isEmpty());
    const CancelReport report = await(service().cancel(request(Provider::Liquido, id)));
    QCOMPARE(report.refusal, Refusal::Ineligible);
    QVERIFY(!report.state.has_value());
    QCOMPARE(report.attemptId, 0);
    QVERIFY(!report.sent);
    QVERIFY(!report.decision.isEligible());
    QVERIFY(report.decision.reason != Domain::IneligibleReason::None);
    QVERIFY(report.message.contains(id));
    QTest::qWait(100);
    QCOMPARE(cancelRequests(), 0);
    QVERIFY(m_journal->list({}).isEmpty());
}

void TestCancelService::unknownOrderIsRefused()
{
    const CancelReport report =
        await(service().cancel(request(Provider::Uqpay, u"PI_NOT_IN_STORE"_s)));
    QCOMPARE(report.refusal, Refusal::NotFound);
    QVERIFY(!report.sent);
    QVERIFY(m_journal->list({}).isEmpty());

    auto bad = request(Provider::Uqpay, findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending));
    bad.reason = Domain::CancelReason::Other; // needs a note
    bad.note.clear();
    QCOMPARE(await(service().cancel(bad)).refusal, Refusal::InvalidInput);
    QVERIFY(m_journal->list({}).isEmpty());
    QCOMPARE(cancelRequests(), 0);
}

void TestCancelService::antomUnknownTwiceThenSucceeds()
{
    const QString id = findOrder(Provider::Antom, u"ONLINEBANKING_SCB"_s, NormStatus::Pending);
    QVERIFY(!id.isEmpty());
    m_server->addScenario(scenario(id, Scenario::Kind::Unknown, 2));
    QList<AttemptState> states;
    Services::CancelJob *job = service().cancel(request(Provider::Antom, id));
    connect(job, &Services::CancelJob::stateChanged, this,
            [&states](AttemptState s) { states.append(s); });
    const CancelReport report = await(job);
    QVERIFY2(report.state == AttemptState::Succeeded, qPrintable(report.message));
    QCOMPARE(report.tries, 3);
    QCOMPARE(cancelRequests(), 3);
    QCOMPARE(states.count(AttemptState::Sent), 3);
    Storage::AttemptFilter f;
    f.paymentId = id;
    QCOMPARE(m_journal->list(f).size(), 1); // one attempt, three tries
}

void TestCancelService::unknownForeverIsUnresolved_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("method");
    QTest::addColumn<NormStatus>("status");
    QTest::addRow("antom U") << Provider::Antom << u"ALIPAY_HK"_s << NormStatus::Pending;
    QTest::addRow("uqpay 500") << Provider::Uqpay << u"CARD"_s << NormStatus::Pending;
    QTest::addRow("liquido 500") << Provider::Liquido << u"PIC_PAY"_s << NormStatus::Pending;
}

void TestCancelService::unknownForeverIsUnresolved()
{
    QFETCH(Provider, provider);
    QFETCH(QString, method);
    QFETCH(NormStatus, status);
    const QString id = findOrder(provider, method, status);
    QVERIFY(!id.isEmpty());
    m_server->addScenario(scenario(id, Scenario::Kind::Unknown, -1));
    const CancelReport report = await(service().cancel(request(provider, id)));
    QVERIFY2(report.state == AttemptState::Unresolved, qPrintable(report.message));
    QCOMPARE(report.tries, m_settings.maxRetries + 1);
    QCOMPARE(cancelRequests(), m_settings.maxRetries + 1);
    QVERIFY(report.sent);
    QVERIFY(report.guidance != Guidance::None);
    QCOMPARE(m_journal->find(report.attemptId)->state, AttemptState::Unresolved);
    if (provider == Provider::Liquido) {
        // Reconciled by GET before every re-POST (PROVIDERS.md §4.3).
        int gets = 0;
        for (const QString &line : std::as_const(m_served))
            gets += line.startsWith(u"GET /v1/payments/charges/"_s) ? 1 : 0;
        QCOMPARE(gets, m_settings.maxRetries);
    }
    // Nothing was cancelled, and the order is left as it was.
    QCOMPARE(m_orders->find(provider, id)->status, status);
}

void TestCancelService::uqpayWalletIsConfirmedByPolling()
{
    const QString id = findOrder(Provider::Uqpay, u"WECHATPAY"_s, NormStatus::RequiresAction);
    QVERIFY(!id.isEmpty());
    QList<AttemptState> states;
    Services::CancelJob *job = service().cancel(request(Provider::Uqpay, id));
    connect(job, &Services::CancelJob::stateChanged, this,
            [&states](AttemptState s) { states.append(s); });
    const CancelReport report = await(job);
    QVERIFY2(report.state == AttemptState::Succeeded, qPrintable(report.message));
    QVERIFY(states.contains(AttemptState::Confirming));
    QCOMPARE(report.tries, 1);
    QCOMPARE(cancelRequests(), 1); // confirmed by GET, never re-sent
    QCOMPARE(m_orders->find(Provider::Uqpay, id)->status, NormStatus::Cancelled);
}

void TestCancelService::confirmTimeoutIsUnresolved()
{
    const QString id = findOrder(Provider::Uqpay, u"ALIPAYCN"_s, NormStatus::RequiresAction);
    QVERIFY(!id.isEmpty());
    Scenario slow = scenario(id, Scenario::Kind::AsyncCancelDelay, -1);
    slow.ms = 20000;
    m_server->addScenario(slow);
    m_settings.confirmTimeout = 1s;
    const CancelReport report = await(service().cancel(request(Provider::Uqpay, id)));
    QVERIFY2(report.state == AttemptState::Unresolved, qPrintable(report.message));
    QCOMPARE(cancelRequests(), 1);
}

void TestCancelService::serverErrorThenSuccessReusesTheKey()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::RequiresAction);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, Scenario::Kind::HttpError);
    s.status = 503;
    m_server->addScenario(s);
    const CancelReport report = await(service().cancel(request(Provider::Uqpay, id)));
    QVERIFY2(report.state == AttemptState::Succeeded, qPrintable(report.message));
    QCOMPARE(report.tries, 2);
    QCOMPARE(cancelRequests(), 2);

    // The successful cancel was made under the journaled key: UQPAY replays its
    // answer for that key, while any other key now meets a cancelled intent.
    const auto attempt = m_journal->find(report.attemptId);
    Providers::CancelRequest replay;
    replay.paymentId = id;
    replay.merchantReference = attempt->merchantReference;
    replay.idempotencyKey = attempt->idempotencyKey;
    replay.reason = attempt->reason;
    QCOMPARE(await(m_registry->provider(Provider::Uqpay)->cancel(replay)).outcome,
             CancelOutcome::Succeeded);
    replay.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(await(m_registry->provider(Provider::Uqpay)->cancel(replay)).outcome,
             CancelOutcome::Rejected);
}

void TestCancelService::journalIsWrittenBeforeTheNetwork()
{
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    QVERIFY(!id.isEmpty());
    m_server->addScenario(scenario(id, Scenario::Kind::Unknown, 1));
    int checked = 0;
    QStringList problems;
    connect(m_server.get(), &Sandbox::SandboxServer::requestServed, this,
            [&, id](const QString &, const QString &path, int) {
                if (!isCancelPath(path))
                    return;
                ++checked;
                const auto active = m_journal->activeFor(Provider::Antom, id);
                if (!active)
                    problems.append(u"no active attempt while the request was served"_s);
                else if (active->state != AttemptState::Sent || active->tries != checked)
                    problems.append(
                        u"state %1 tries %2"_s.arg(Storage::attemptStateKey(active->state))
                            .arg(active->tries));
            });
    const CancelReport report = await(service().cancel(request(Provider::Antom, id)));
    QCOMPARE(report.state, AttemptState::Succeeded);
    QCOMPARE(checked, 2);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
}

void TestCancelService::concurrentCancelIsRefused()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    QVERIFY(!id.isEmpty());
    Services::CancelJob *first = service().cancel(request(Provider::Uqpay, id));
    Services::CancelJob *second = service().cancel(request(Provider::Uqpay, id));
    std::optional<CancelReport> a, b;
    connect(first, &Services::CancelJob::finished, this, [&a](const CancelReport &r) { a = r; });
    connect(second, &Services::CancelJob::finished, this, [&b](const CancelReport &r) { b = r; });
    QTRY_VERIFY_WITH_TIMEOUT(a && b, 20000);
    QCOMPARE(a->state, AttemptState::Succeeded);
    QCOMPARE(b->refusal, Refusal::ActiveAttempt);
    QVERIFY(!b->sent);
    QCOMPARE(b->attemptId, 0);
    QVERIFY(!b->message.isEmpty());
    QCOMPARE(cancelRequests(), 1);
    Storage::AttemptFilter f;
    f.paymentId = id;
    QCOMPARE(m_journal->list(f).size(), 1);
}

void TestCancelService::unconfiguredProviderIsNotSentAndNotLogged()
{
    // Issue 12: a cancel for a provider this environment has no credentials
    // for is refused before anything is journaled ("Not sent"), never logged
    // as a provider's rejection.
    Providers::ProviderSettings onlyUqpay = m_announcement.settings;
    onlyUqpay.antom.reset();
    Providers::ProviderRegistry registry(onlyUqpay);
    Services::CancelService svc(*m_orders, *m_journal, registry, m_policy, m_settings,
                                Services::systemClock());
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    const std::optional<Domain::Order> order = m_orders->find(Provider::Antom, id);
    QVERIFY(order);
    const Services::CancelCheck check = svc.check(*order);
    QCOMPARE(check.verdict, Services::CancelCheck::Verdict::NotConfigured);
    QVERIFY(!check.mayCancel());
    QVERIFY(Services::cancelCheckNote(check).contains(u"Antom"_s));

    const CancelReport report = await(svc.cancel(request(Provider::Antom, id)));
    QCOMPARE(report.refusal, Refusal::Configuration);
    QVERIFY(!report.state);
    QCOMPARE(report.attemptId, 0);
    QVERIFY(!report.sent);
    QVERIFY(report.message.contains(u"Antom"_s));
    QCOMPARE(cancelRequests(), 0);
    Storage::AttemptFilter f;
    f.paymentId = id;
    QVERIFY(m_journal->list(f).isEmpty());
}

void TestCancelService::recoveryResumesDeadOwnersWithTheSameKey()
{
    const qint64 dead = deadPid();
    QVERIFY(dead > 0);
    const QString host = QSysInfo::machineHostName();

    // A crash after journaling, before sending.
    const QString uqpayId = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    Storage::CancelAttempt prepared = draftFor(Provider::Uqpay, uqpayId);
    prepared.ownerHost = host;
    prepared.ownerPid = dead;
    const Storage::JournalResult p = m_journal->prepare(prepared);
    QVERIFY2(p.ok(), qPrintable(p.message));

    // A crash after sending: the provider did cancel, the answer was lost.
    const QString antomId = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    Storage::CancelAttempt sent = draftFor(Provider::Antom, antomId);
    sent.ownerHost = host;
    sent.ownerPid = dead;
    Storage::JournalResult s = m_journal->prepare(sent);
    QVERIFY(s.ok());
    s.attempt.state = AttemptState::Sent;
    s.attempt.tries = 1;
    s = m_journal->record(s.attempt);
    QVERIFY(s.ok());
    Providers::CancelRequest lost;
    lost.paymentId = antomId;
    lost.idempotencyKey = s.attempt.idempotencyKey;
    QCOMPARE(await(m_registry->provider(Provider::Antom)->cancel(lost)).outcome,
             CancelOutcome::Succeeded);

    // A SENT attempt of another order, still handled by this (live) process.
    const QString liveId = findOrder(Provider::Liquido, u"PIC_PAY"_s, NormStatus::Pending);
    Storage::JournalResult live = m_journal->prepare(draftFor(Provider::Liquido, liveId));
    QVERIFY(live.ok());
    QCOMPARE(live.attempt.ownerPid, QCoreApplication::applicationPid());

    QVERIFY(!Services::CancelService::ownerIsGone(live.attempt, QDateTime::currentDateTimeUtc()));
    QVERIFY(Services::CancelService::ownerIsGone(p.attempt, QDateTime::currentDateTimeUtc()));
    Storage::CancelAttempt remote = live.attempt;
    remote.ownerHost = u"another-host.invalid"_s;
    QVERIFY(!Services::CancelService::ownerIsGone(remote, QDateTime::currentDateTimeUtc()));
    QVERIFY(Services::CancelService::ownerIsGone(
        remote,
        QDateTime::currentDateTimeUtc().addSecs(Storage::CancelJournal::kLeaseSeconds + 1)));

    m_served.clear();
    const QList<CancelReport> reports = awaitList(service().recover(), "recovery");
    QCOMPARE(reports.size(), 2);
    for (const CancelReport &r : reports)
        QVERIFY2(r.state == AttemptState::Succeeded, qPrintable(r.message));
    QCOMPARE(reports.at(0).attemptId, p.attempt.id);
    QCOMPARE(reports.at(1).attemptId, s.attempt.id);
    // Only the PREPARED one was sent; the SENT one was confirmed by inquiry.
    QCOMPARE(cancelRequests(), 1);
    QCOMPARE(reports.at(0).tries, 1);
    QCOMPARE(reports.at(1).tries, 1);

    for (const auto &[provider, id, key] :
         {std::tuple{Provider::Uqpay, uqpayId, p.attempt.idempotencyKey},
          std::tuple{Provider::Antom, antomId, s.attempt.idempotencyKey}}) {
        Storage::AttemptFilter f;
        f.paymentId = id;
        const auto attempts = m_journal->list(f);
        QCOMPARE(attempts.size(), 1); // never a second attempt
        QCOMPARE(attempts.first().idempotencyKey, key);
        QCOMPARE(attempts.first().ownerPid, QCoreApplication::applicationPid());
        QCOMPARE(m_orders->find(provider, id)->status, NormStatus::Cancelled);
    }
    // The UQPAY cancel went out under the journaled key.
    Providers::CancelRequest replay;
    replay.paymentId = uqpayId;
    replay.merchantReference = p.attempt.merchantReference;
    replay.idempotencyKey = p.attempt.idempotencyKey;
    QCOMPARE(await(m_registry->provider(Provider::Uqpay)->cancel(replay)).outcome,
             CancelOutcome::Succeeded);

    // The live process's attempt was left alone.
    const auto untouched = m_journal->find(live.attempt.id);
    QCOMPARE(untouched->state, AttemptState::Prepared);
    QCOMPARE(untouched->entryHash, live.attempt.entryHash);
    QVERIFY(m_journal->verify().ok);

    // Nothing left to recover: an empty report, still delivered.
    QVERIFY(awaitList(service().recover(), "second recovery").isEmpty());
}

void TestCancelService::bulkCancelListsIneligibleOrders()
{
    const QList<Domain::OrderKey> keys{
        {Provider::Uqpay, findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending)},
        {Provider::Liquido,
         findOrder(Provider::Liquido, u"PIX_DYNAMIC_QR"_s, NormStatus::Succeeded)},
        {Provider::Antom, findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending)},
        {Provider::Antom, findOrder(Provider::Antom, u"DANA"_s, NormStatus::Succeeded)},
    };
    for (const auto &k : keys)
        QVERIFY(!k.paymentId.isEmpty());
    Services::BulkCancelJob *job = service().cancelMany(keys, Domain::CancelReason::Duplicate,
                                                        QString(), u"alice"_s, u"sandbox"_s);
    QSignalSpy progress(job, &Services::BulkCancelJob::progress);
    QSignalSpy reported(job, &Services::BulkCancelJob::reported);
    const QList<CancelReport> reports = awaitList(job, "bulk cancel");
    QCOMPARE(reports.size(), 4);
    // Each report was also delivered on its own as it became known.
    QCOMPARE(reported.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(reports.at(i).order, keys.at(i));
        QCOMPARE(reported.at(i).first().value<CancelReport>().order, keys.at(i));
    }
    QCOMPARE(reports.at(0).state, AttemptState::Succeeded);
    QCOMPARE(reports.at(2).state, AttemptState::Succeeded);
    for (int i : {1, 3}) {
        QCOMPARE(reports.at(i).refusal, Refusal::Ineligible);
        QVERIFY(!reports.at(i).sent);
        QVERIFY(!reports.at(i).message.isEmpty());
        QVERIFY(reports.at(i).decision.reason != Domain::IneligibleReason::None);
    }
    QCOMPARE(cancelRequests(), 2);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 4);
    QCOMPARE(progress.last().at(1).toInt(), 4);
    QCOMPARE(m_journal->list({}).size(), 2);
}

void TestCancelService::stoppedCancelIsHandedToRecovery()
{
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    QVERIFY(!id.isEmpty());
    Scenario hold = scenario(id, Scenario::Kind::Timeout);
    hold.ms = 3000; // the provider cancels, the answer is late
    m_server->addScenario(hold);
    Services::CancelJob *job = service().cancel(request(Provider::Antom, id));
    std::optional<CancelReport> report;
    connect(job, &Services::CancelJob::finished, this,
            [&report](const CancelReport &r) { report = r; });
    connect(job, &Services::CancelJob::stateChanged, job, [job](AttemptState s) {
        if (s == AttemptState::Sent)
            QTimer::singleShot(100, job, &Services::CancelJob::stop);
    });
    QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 10000);
    QCOMPARE(report->state, AttemptState::Sent); // may have arrived: not final
    const auto released = m_journal->find(report->attemptId);
    QCOMPARE(released->state, AttemptState::Sent);
    QCOMPARE(released->ownerPid, 0);
    QVERIFY(Services::CancelService::ownerIsGone(*released, QDateTime::currentDateTimeUtc()));

    // A new cancel of the order is still refused: the first one is not over.
    QCOMPARE(await(service().cancel(request(Provider::Antom, id))).refusal, Refusal::ActiveAttempt);

    QTest::qWait(3200); // the held answer is dropped; the provider did cancel
    const QList<CancelReport> recovered = awaitList(service().recover(), "recovery");
    QCOMPARE(recovered.size(), 1);
    QCOMPARE(recovered.first().attemptId, report->attemptId);
    QCOMPARE(recovered.first().state, AttemptState::Succeeded);
    QCOMPARE(recovered.first().tries, 1); // confirmed by inquiry, not re-sent
}

// ------------------------------------------------------------ issue 11

CancelReport TestCancelService::cancelTakenOverOnceSent(int answerMs,
                                                        const Storage::ProcessOwner &rescuer,
                                                        qint64 *attemptId)
{
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    Scenario slow = scenario(id, Scenario::Kind::Delay);
    slow.ms = answerMs;
    m_server->addScenario(slow);
    Services::CancelJob *job = service().cancel(request(Provider::Antom, id));
    *attemptId = 0;
    connect(job, &Services::CancelJob::stateChanged, this, [=, this](AttemptState s) {
        if (s != AttemptState::Sent || *attemptId != 0)
            return;
        const auto a = m_journal->activeFor(Provider::Antom, id);
        *attemptId = a->id;
        // As if this process had stalled past its lease (by the database's clock).
        QVERIFY(Test::moveDatabaseClock(m_db->connection(),
                                        (Storage::CancelJournal::kLeaseSeconds + 1) * 1000));
        QVERIFY(m_journal
                    ->setOwner(a->id, a->owner(), a->leaseUntil, rescuer,
                               QDateTime::currentDateTimeUtc().addSecs(120))
                    .ok());
    });
    return await(job);
}

namespace {

Services::RefreshSummary awaitRefresh(Services::RefreshJob *job)
{
    std::optional<Services::RefreshSummary> summary;
    QObject::connect(job, &Services::RefreshJob::finished, job,
                     [&summary](const Services::RefreshSummary &s) { summary = s; });
    if (!QTest::qWaitFor([&summary] { return summary.has_value(); }, 30000))
        qFatal("refresh did not finish");
    return *summary;
}

} // namespace

// PRODUCT.md §10: an order whose last cancel ended UNRESOLVED is never
// cancelled with a new attempt or a new key. Cancelling it again retries that
// same attempt (journaled back to SENT), asking the provider first.
void TestCancelService::unresolvedOrderIsRetriedNeverCancelledAnew()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    QVERIFY(!id.isEmpty());
    m_server->addScenario(scenario(id, Scenario::Kind::Unknown, m_settings.maxRetries + 1));
    const CancelReport first = await(service().cancel(request(Provider::Uqpay, id)));
    QCOMPARE(first.state, AttemptState::Unresolved);
    const QString key = m_journal->find(first.attemptId)->idempotencyKey;

    Services::CancelOrderRequest again = request(Provider::Uqpay, id);
    again.reason = Domain::CancelReason::Duplicate; // the journaled reason is kept
    again.note = u"second try"_s;
    const CancelReport second = await(service().cancel(again));
    QVERIFY2(second.state == AttemptState::Succeeded, qPrintable(second.message));
    QVERIFY(second.retried);
    QCOMPARE(second.attemptId, first.attemptId);

    Storage::AttemptFilter f;
    f.paymentId = id;
    const QList<Storage::CancelAttempt> attempts = m_journal->list(f);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().idempotencyKey, key);
    QCOMPARE(attempts.first().reason, Domain::CancelReason::RequestedByCustomer);
    QCOMPARE(attempts.first().note, u"test"_s);
    QVERIFY(m_journal->verify().ok);
    QCOMPARE(m_orders->find(Provider::Uqpay, id)->status, NormStatus::Cancelled);
}

void TestCancelService::bulkCancelRetriesTheUnresolvedAttempt()
{
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    QVERIFY(!id.isEmpty());
    m_server->addScenario(scenario(id, Scenario::Kind::Unknown, m_settings.maxRetries + 1));
    const CancelReport first = await(service().cancel(request(Provider::Antom, id)));
    QCOMPARE(first.state, AttemptState::Unresolved);

    const QList<CancelReport> reports =
        awaitList(service().cancelMany({{Provider::Antom, id}}, Domain::CancelReason::Duplicate,
                                       QString(), u"bob"_s, u"sandbox"_s),
                  "bulk cancel");
    QCOMPARE(reports.size(), 1);
    QVERIFY2(reports.first().state == AttemptState::Succeeded, qPrintable(reports.first().message));
    QVERIFY(reports.first().retried);
    QCOMPARE(reports.first().attemptId, first.attemptId);
    Storage::AttemptFilter f;
    f.paymentId = id;
    QCOMPARE(m_journal->list(f).size(), 1);
}

// The one rule (Services::checkCancel) for every verdict, as the dialogs,
// the main window, bulk cancel and the CLI see it through CancelService::check.
void TestCancelService::checkIsTheOneRule()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    const Domain::Order order = *m_orders->find(Provider::Uqpay, id);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    using V = Services::CancelCheck::Verdict;
    Services::AttemptFlags unresolved; // attempt 7's outcome is unknown
    unresolved.unresolvedAttemptId = 7;
    Services::AttemptFlags busy = unresolved; // and attempt 5 is out
    busy.activeAttemptId = 5;
    QCOMPARE(Services::checkCancel(order, m_policy, now, {}).verdict, V::NewAttempt);
    QCOMPARE(Services::checkCancel(order, m_policy, now, unresolved).verdict, V::RetryUnresolved);
    QCOMPARE(Services::checkCancel(order, m_policy, now, unresolved).attemptId, 7);
    QCOMPARE(Services::checkCancel(order, m_policy, now, busy).verdict, V::ActiveAttempt);
    QVERIFY(!Services::cancelCheckNote(Services::checkCancel(order, m_policy, now, unresolved))
                 .isEmpty());
    Domain::Order paid = order;
    paid.status = NormStatus::Failed;
    paid.rawStatus = u"FAILED"_s;
    QCOMPARE(Services::checkCancel(paid, m_policy, now, unresolved).verdict, V::Ineligible);

    // The service answers from the journal.
    QCOMPARE(service().check(order).verdict, V::NewAttempt);
    const Storage::JournalResult p = m_journal->prepare(draftFor(Provider::Uqpay, id));
    QVERIFY(p.ok());
    const Services::CancelCheck active = service().check(order);
    QCOMPARE(active.verdict, V::ActiveAttempt);
    QCOMPARE(active.attemptId, p.attempt.id);
    // Who is cancelling it (F24: possibly at another console), in the note
    // every view shows.
    QCOMPARE(active.attemptBy, p.attempt.operatorName);
    QVERIFY(!active.attemptBy.isEmpty());
    QVERIFY(!active.awaitingApproval);
    QVERIFY2(Services::cancelCheckNote(active).contains(active.attemptBy),
             qPrintable(Services::cancelCheckNote(active)));
}

// A request awaiting approval holds its order; the note says it waits for a
// second person and who asked.
void TestCancelService::checkNamesWhoAwaitsApproval()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    const Domain::Order order = *m_orders->find(Provider::Uqpay, id);
    QVERIFY(m_journal->setThreshold(order.amount.currency, order.amount.minor).ok());
    Storage::CancelAttempt draft = draftFor(Provider::Uqpay, id);
    draft.operatorName = u"alice"_s;
    draft.approvalDeadline = m_journal->clockNow().addSecs(3600);
    const Storage::JournalResult p = m_journal->prepare(draft);
    QVERIFY2(p.ok(), qPrintable(p.message));
    QCOMPARE(p.attempt.state, Storage::AttemptState::AwaitingApproval);
    const Services::CancelCheck check = service().check(order);
    QCOMPARE(check.verdict, Services::CancelCheck::Verdict::ActiveAttempt);
    QCOMPARE(check.attemptId, p.attempt.id);
    QVERIFY(check.awaitingApproval);
    QCOMPARE(check.attemptBy, u"alice"_s);
    const QString note = Services::cancelCheckNote(check);
    QVERIFY2(note.contains(u"alice"_s) && note.contains(u"approval"_s), qPrintable(note));
}

// The example of the review: killed after the UQPAY cancel arrived, the
// provider cancelled; recovery then runs with a rotated (wrong) API key. The
// attempt is not closed REJECTED "fix configuration": it stays open, and a
// later recovery with the right key confirms it.
void TestCancelService::recoveryWithWrongCredentialsKeepsTheAttemptOpen()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    Storage::CancelAttempt draft = draftFor(Provider::Uqpay, id);
    draft.ownerHost = QSysInfo::machineHostName();
    draft.ownerPid = deadPid();
    Storage::JournalResult sent = m_journal->prepare(draft);
    QVERIFY(sent.ok());
    sent.attempt.state = AttemptState::Sent;
    sent.attempt.tries = 1;
    sent = m_journal->record(sent.attempt);
    QVERIFY2(sent.ok(), qPrintable(sent.message));
    Providers::CancelRequest arrived;
    arrived.paymentId = id;
    arrived.idempotencyKey = sent.attempt.idempotencyKey;
    QCOMPARE(await(m_registry->provider(Provider::Uqpay)->cancel(arrived)).outcome,
             CancelOutcome::Succeeded);

    Providers::ProviderSettings rotated = m_announcement.settings;
    rotated.http.timeout = 5000ms;
    rotated.uqpay->apiKey = Providers::Secret("rotated-and-wrong");
    Providers::ProviderRegistry wrongRegistry(rotated);
    {
        Services::CancelService wrong(*m_orders, *m_journal, wrongRegistry, m_policy, m_settings,
                                      Services::systemClock());
        const QList<CancelReport> reports = awaitList(wrong.recover(), "recovery, wrong key");
        QCOMPARE(reports.size(), 1);
        QVERIFY2(reports.first().state && Storage::inFlight(*reports.first().state),
                 qPrintable(reports.first().message));
        QVERIFY(!reports.first().message.contains(u"nothing was sent"_s, Qt::CaseInsensitive));
        const auto kept = m_journal->find(sent.attempt.id);
        QCOMPARE(kept->state, AttemptState::Sent);
        QVERIFY(kept->owner().isEmpty()); // handed back to recovery
    }
    const QList<CancelReport> reports = awaitList(service().recover(), "recovery, right key");
    QCOMPARE(reports.size(), 1);
    QVERIFY2(reports.first().state == AttemptState::Succeeded, qPrintable(reports.first().message));
    QCOMPARE(m_journal->find(sent.attempt.id)->state, AttemptState::Succeeded);
}

// A configuration failure on a try after the first (the key file became
// unreadable, the URL was edited) does not close an attempt whose earlier try
// may have arrived.
void TestCancelService::laterTryConfigurationFailureKeepsTheAttemptOpen()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    Storage::CancelAttempt draft = draftFor(Provider::Uqpay, id);
    draft.ownerHost = QSysInfo::machineHostName();
    draft.ownerPid = deadPid();
    Storage::JournalResult sent = m_journal->prepare(draft);
    sent.attempt.state = AttemptState::Sent;
    sent.attempt.tries = 1;
    sent = m_journal->record(sent.attempt);
    QVERIFY(sent.ok());

    Providers::ProviderSettings broken = m_announcement.settings;
    broken.uqpay->apiKey = Providers::Secret();
    Providers::ProviderRegistry brokenRegistry(broken);
    Services::CancelService service(*m_orders, *m_journal, brokenRegistry, m_policy, m_settings,
                                    Services::systemClock());
    const QList<CancelReport> reports = awaitList(service.recover(), "recovery");
    QCOMPARE(reports.size(), 1);
    QVERIFY(reports.first().state && Storage::inFlight(*reports.first().state));
    QCOMPARE(m_journal->find(sent.attempt.id)->state, AttemptState::Sent);
    QCOMPARE(cancelRequests(), 0);
}

// An imported CANCELLED, contradicted by the provider (F7 keeps it and flags
// a conflict), must not turn an UNRESOLVED attempt into SUCCEEDED: the
// provider's fresh answer decides, and a conflicted order waits for review.
void TestCancelService::reconcileUsesTheFreshAnswerNotTheStoredStatus()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    m_server->addScenario(scenario(id, Scenario::Kind::Unknown, m_settings.maxRetries + 1));
    const CancelReport unresolved = await(service().cancel(request(Provider::Uqpay, id)));
    QCOMPARE(unresolved.state, AttemptState::Unresolved);
    QVERIFY(m_server->uqpay().intent(id)->status != u"CANCELLED"_s);

    // Someone imports a file that says it is cancelled.
    Domain::Order imported = *m_orders->find(Provider::Uqpay, id);
    imported.status = NormStatus::Cancelled;
    imported.rawStatus = u"CANCELLED"_s;
    QVERIFY(m_orders->upsert(imported, Storage::StatusSource::Import).ok);

    Services::RefreshService refresh(*m_orders, *m_registry, m_settings, Services::systemClock());
    const Services::RefreshSummary summary = awaitRefresh(refresh.refresh({{Provider::Uqpay, id}}));
    QCOMPARE(summary.reconciled, 0);
    QCOMPARE(m_journal->find(unresolved.attemptId)->state, AttemptState::Unresolved);
}

void TestCancelService::conflictedOrderIsNotReconciled()
{
    Storage::CancelJournal &journal = *m_journal;
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    Storage::JournalResult a = journal.prepare(draftFor(Provider::Uqpay, id));
    a.attempt.state = AttemptState::Unresolved;
    a = journal.record(a.attempt);
    QVERIFY(a.ok());
    Domain::Order fresh = *m_orders->find(Provider::Uqpay, id);
    fresh.status = NormStatus::Cancelled;
    fresh.rawStatus = u"CANCELLED"_s;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(Services::reconcileUnresolved(journal, fresh, true, now), 0);
    fresh.flags |= Domain::StatusFlag::Conflict;
    QCOMPARE(Services::reconcileUnresolved(journal, fresh, false, now), 0);
    QCOMPARE(journal.find(a.attempt.id)->state, AttemptState::Unresolved);
    fresh.flags = {};
    QCOMPARE(Services::reconcileUnresolved(journal, fresh, false, now), 1);
    QCOMPARE(journal.find(a.attempt.id)->state, AttemptState::Succeeded);
}

// UQPAY's asynchronous wallet cancel, accepted in time (CONFIRMING), then
// UNRESOLVED when the poll ran out: a later SUCCEEDED past the deadline may
// still flip to CANCELLED, so it is not closed REJECTED. One never accepted is.
void TestCancelService::acceptedAsyncCancelIsNotRejectedWhenLate()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    const auto unresolvedAttempt = [&](bool accepted) {
        Storage::JournalResult a = m_journal->prepare(draftFor(Provider::Uqpay, id));
        a.attempt.state = AttemptState::Sent;
        a = m_journal->record(a.attempt);
        if (accepted) {
            a.attempt.state = AttemptState::Confirming;
            a = m_journal->record(a.attempt);
        }
        a.attempt.state = AttemptState::Unresolved;
        return m_journal->record(a.attempt);
    };
    Domain::Order late = *m_orders->find(Provider::Uqpay, id);
    late.status = NormStatus::Succeeded;
    late.rawStatus = u"SUCCEEDED"_s;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    late.cancelDeadline = now.addSecs(-60);

    const Storage::JournalResult accepted = unresolvedAttempt(true);
    QVERIFY(accepted.ok());
    QCOMPARE(Services::reconcileUnresolved(*m_journal, late, false, now), 0);
    QCOMPARE(m_journal->find(accepted.attempt.id)->state, AttemptState::Unresolved);
    QVERIFY(m_journal->wasAccepted(accepted.attempt.id));
    // Once it does flip, it settles as SUCCEEDED.
    Domain::Order flipped = late;
    flipped.status = NormStatus::Cancelled;
    flipped.rawStatus = u"CANCELLED"_s;
    QCOMPARE(Services::reconcileUnresolved(*m_journal, flipped, false, now), 1);
    QCOMPARE(m_journal->find(accepted.attempt.id)->state, AttemptState::Succeeded);

    const Storage::JournalResult never = unresolvedAttempt(false);
    QVERIFY(never.ok());
    QCOMPARE(Services::reconcileUnresolved(*m_journal, late, false, now), 1);
    QCOMPARE(m_journal->find(never.attempt.id)->state, AttemptState::Rejected);
}

// F11 step 6: the attempt's final state and the order's status commit in one
// transaction. When the order cannot be written, the attempt is not closed
// either (it stays open for recovery), so the log never says SUCCEEDED for an
// order the list still shows PENDING.
void TestCancelService::finalStateAndOrderCommitTogether()
{
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    QString error;
    QVERIFY2(Test::addRefusingTrigger(m_db->connection(), u"orders_refuse"_s, u"UPDATE"_s,
                                      u"orders"_s, {}, u"disk trouble"_s, &error),
             qPrintable(error));
    const CancelReport report = await(service().cancel(request(Provider::Antom, id)));
    QCOMPARE(report.refusal, Refusal::Storage);
    const auto attempt = m_journal->find(report.attemptId);
    QVERIFY(Storage::inFlight(attempt->state));
    QCOMPARE(m_orders->find(Provider::Antom, id)->status, NormStatus::Pending);
    QVERIFY(m_journal->verify().ok);

    QVERIFY(Test::dropRefusingTrigger(m_db->connection(), u"orders_refuse"_s, u"orders"_s));
    const QList<CancelReport> recovered = awaitList(service().recover(), "recovery");
    QCOMPARE(recovered.size(), 1);
    QCOMPARE(recovered.first().state, AttemptState::Succeeded);
    QCOMPARE(m_orders->find(Provider::Antom, id)->status, NormStatus::Cancelled);
}

// Antom confirms a cancel without the payment in its answer: the order is
// stored as it is now (a refresh may have changed it during the cancel),
// marked cancelled — never the copy read when the cancel began.
void TestCancelService::confirmedCancelKeepsTheOrderAsStoredNow()
{
    const QString id = findOrder(Provider::Antom, u"ALIPAY_HK"_s, NormStatus::Pending);
    Scenario slow = scenario(id, Scenario::Kind::Delay);
    slow.ms = 600;
    m_server->addScenario(slow);
    Services::CancelJob *job = service().cancel(request(Provider::Antom, id));
    connect(job, &Services::CancelJob::stateChanged, this, [this, id](AttemptState s) {
        if (s != AttemptState::Sent)
            return;
        Domain::Order changed = *m_orders->find(Provider::Antom, id);
        changed.merchantReference = u"REF-CHANGED-DURING-CANCEL"_s;
        QVERIFY(m_orders->upsert(changed, Storage::StatusSource::Refresh).ok);
    });
    const CancelReport report = await(job);
    QCOMPARE(report.state, AttemptState::Succeeded);
    const Domain::Order stored = *m_orders->find(Provider::Antom, id);
    QCOMPARE(stored.status, NormStatus::Cancelled);
    QCOMPARE(stored.merchantReference, u"REF-CHANGED-DURING-CANCEL"_s);
}

// A process that lost its attempt (recovery elsewhere took it over after its
// lease) cannot write over the new owner's work when its late answer arrives.
void TestCancelService::staleOwnerCannotWriteTheAttempt()
{
    const Storage::ProcessOwner rescuer{u"rescuer.invalid"_s, 4242, u"boot:1"_s};
    qint64 attemptId = 0;
    const CancelReport report = cancelTakenOverOnceSent(600, rescuer, &attemptId);
    QVERIFY(report.state && Storage::inFlight(*report.state));
    const auto attempt = m_journal->find(attemptId);
    QCOMPARE(attempt->state, AttemptState::Sent);
    QCOMPARE(attempt->owner(), rescuer);
    QVERIFY(m_journal->verify().ok);
}

// A job whose lease renewal fails (the attempt was taken over) stops at once:
// it sends nothing more and writes nothing over the new owner's attempt.
void TestCancelService::failedLeaseRenewalStopsTheJob()
{
    m_settings.leaseRenewal = 100ms;
    const Storage::ProcessOwner rescuer{u"rescuer.invalid"_s, 4243, u"boot:2"_s};
    qint64 attemptId = 0;
    // The answer comes long after the renewal.
    const CancelReport report = cancelTakenOverOnceSent(3000, rescuer, &attemptId);
    // Delivered before the provider answered: it stopped, it did not wait.
    QCOMPARE(cancelRequests(), 0);
    QVERIFY(report.state && Storage::inFlight(*report.state));
    QVERIFY2(report.message.contains(u"stopped handling"_s), qPrintable(report.message));
    // Nothing more was sent (the one request in flight was aborted), nothing
    // written after the takeover.
    QTest::qWait(3500);
    QVERIFY(cancelRequests() <= 1);
    const auto attempt = m_journal->find(attemptId);
    QCOMPARE(attempt->state, AttemptState::Sent);
    QCOMPARE(attempt->owner(), rescuer);
    QVERIFY(m_journal->verify().ok);
}

// A 429 whose Retry-After is longer than the time this cancel may still take
// to confirm ends the try as unknown at once, instead of sleeping for hours.
void TestCancelService::longRetryAfterEndsUnknownInsteadOfSleeping()
{
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    Scenario limited = scenario(id, Scenario::Kind::RateLimit);
    limited.retryAfterSeconds = 3600;
    m_server->addScenario(limited);
    // A job that slept for the hour would not deliver within await()'s wait.
    const CancelReport report = await(service().cancel(request(Provider::Uqpay, id)));
    QCOMPARE(report.state, AttemptState::Unresolved);
    QCOMPARE(report.tries, 1);
    QCOMPARE(report.guidance, Guidance::RetryLater);
}

// The console recovers periodically: an attempt whose owner died after
// start-up is resumed without a restart.
void TestCancelService::periodicRecoveryResumesWithoutRestart()
{
    QSignalSpy recovered(&service(), &Services::CancelService::recovered);
    service().startPeriodicRecovery(100ms);
    QTest::qWait(250);
    QCOMPARE(recovered.size(), 0);
    const QString id = findOrder(Provider::Uqpay, u"CARD"_s, NormStatus::Pending);
    Storage::CancelAttempt draft = draftFor(Provider::Uqpay, id);
    draft.ownerHost = QSysInfo::machineHostName();
    draft.ownerPid = deadPid();
    const Storage::JournalResult p = m_journal->prepare(draft);
    QVERIFY(p.ok());
    QTRY_COMPARE_WITH_TIMEOUT(recovered.size(), 1, 10000);
    const auto reports = recovered.first().first().value<QList<CancelReport>>();
    QCOMPARE(reports.size(), 1);
    QCOMPARE(reports.first().attemptId, p.attempt.id);
    QCOMPARE(reports.first().state, AttemptState::Succeeded);
}

QTEST_GUILESS_MAIN(TestCancelService)
#include "tst_cancelservice.moc"
