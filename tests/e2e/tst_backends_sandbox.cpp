// Each provider backend against canceldesk_sandbox over real loopback HTTP:
// configured only from the sandbox's F19 announcement, as any client would be.

#include "providers/paymentprovider.h"
#include "providers/providerregistry.h"
#include "sandboxserver.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::NormStatus;
using Domain::Provider;
using Providers::CancelOutcome;
using Providers::FailureKind;
using Providers::Guidance;
using Providers::ProviderResult;
using Sandbox::Scenario;

namespace {

// Waits for the one delivery of a provider call.
ProviderResult await(Providers::ProviderCall *call, int timeoutMs = 20000)
{
    std::optional<ProviderResult> result;
    QObject::connect(call, &Providers::ProviderCall::finished, call,
                     [&result](const ProviderResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        qFatal("provider call did not finish");
    return *result;
}

Scenario scenario(const QString &paymentId, Scenario::Kind kind, int times = 1)
{
    Scenario s;
    s.paymentId = paymentId;
    s.kind = kind;
    s.times = times;
    return s;
}

} // namespace

class TestBackendsSandbox final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void retrievesEveryDemoPayment_data();
    void retrievesEveryDemoPayment();
    void unknownPaymentIsNotFound_data();
    void unknownPaymentIsNotFound();
    void uqpayListsPagesForADateRange();

    void uqpayCardCancelSucceeds();
    void uqpayWalletCancelIsConfirmedByPolling();
    void uqpayIneligibleCancelIsRejected();
    void uqpayServerErrorIsUnknownAndRetrySucceedsWithSameKey();
    void uqpayRateLimitCarriesRetryAfter();

    void antomCancelSucceedsAndIsIdempotent();
    void antomRejections_data();
    void antomRejections();
    void antomUnknownThenSucceeds();
    void antomUntrustedResponsesAreNeverSuccess_data();
    void antomUntrustedResponsesAreNeverSuccess();

    void liquidoCancelSucceeds();
    void liquidoIneligibleCancelIsRejected();
    void liquidoMalformedAnswerIsProtocolFailure();

    void timeoutIsUnknown();

private:
    // Retrieves every demo payment of a provider and returns the first whose
    // method and raw status match.
    QString findDemo(Provider provider, const QString &method, const QString &rawStatus);
    Providers::PaymentProvider &backend(Provider p) { return *m_registry->provider(p); }
    Providers::CancelRequest request(const QString &paymentId) const;

    std::unique_ptr<QTemporaryDir> m_stateDir;
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    std::unique_ptr<Providers::ProviderRegistry> m_registry;
    Providers::SandboxAnnouncement m_announcement;
};

void TestBackendsSandbox::initTestCase()
{
    qRegisterMetaType<ProviderResult>();
}

void TestBackendsSandbox::init()
{
    m_stateDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_stateDir->isValid());
    m_server = std::make_unique<Sandbox::SandboxServer>();
    Sandbox::SandboxOptions options;
    options.stateDir = m_stateDir->path();
    options.asyncCancelDelayMs = 300;
    QVERIFY2(m_server->start(options) != 0, qPrintable(m_server->errorString()));

    // Exactly what a client reads from canceldesk-sandbox's first line.
    const QByteArray line = QJsonDocument(m_server->config()).toJson(QJsonDocument::Compact);
    m_announcement = Providers::parseSandboxAnnouncement(line);
    QVERIFY2(m_announcement.ok(), qPrintable(m_announcement.error));
    Providers::ProviderSettings settings = m_announcement.settings;
    settings.http.timeout = std::chrono::milliseconds(5000);
    m_registry = std::make_unique<Providers::ProviderRegistry>(settings);
    QCOMPARE(m_registry->configured().size(), 3);
}

void TestBackendsSandbox::cleanup()
{
    m_registry.reset();
    m_server.reset();
    m_stateDir.reset();
}

Providers::CancelRequest TestBackendsSandbox::request(const QString &paymentId) const
{
    Providers::CancelRequest r;
    r.paymentId = paymentId;
    r.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.reason = Domain::CancelReason::RequestedByCustomer;
    return r;
}

QString TestBackendsSandbox::findDemo(Provider provider, const QString &method,
                                      const QString &rawStatus)
{
    for (const QString &id : m_announcement.demoIds.value(provider)) {
        const ProviderResult r = await(backend(provider).retrieve(id));
        if (r.ok() && r.order && r.order->paymentMethod.compare(method, Qt::CaseInsensitive) == 0
            && r.order->rawStatus == rawStatus)
            return id;
    }
    return {};
}

void TestBackendsSandbox::retrievesEveryDemoPayment_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addRow("uqpay") << Provider::Uqpay;
    QTest::addRow("antom") << Provider::Antom;
    QTest::addRow("liquido") << Provider::Liquido;
}

void TestBackendsSandbox::retrievesEveryDemoPayment()
{
    QFETCH(Provider, provider);
    const QStringList ids = m_announcement.demoIds.value(provider);
    QVERIFY(ids.size() >= 5);
    QSet<NormStatus> seen;
    for (const QString &id : ids) {
        const ProviderResult r = await(backend(provider).retrieve(id));
        QVERIFY2(r.ok(), qPrintable(id + u": "_s + Providers::failureText(r.failure)));
        QVERIFY(r.order.has_value());
        QCOMPARE(r.order->provider, provider);
        QCOMPARE(r.order->paymentId, id);
        QVERIFY2(r.order->status != NormStatus::Unknown, qPrintable(r.order->rawStatus));
        QVERIFY(r.order->amount.isValid());
        QVERIFY(r.order->amount.minor > 0);
        QVERIFY(r.order->createdAt.isValid());
        QCOMPARE(r.order->createdAt.timeSpec(), Qt::UTC);
        seen.insert(r.order->status);
    }
    // The demo data spans open and final states.
    QVERIFY(seen.contains(NormStatus::Cancelled));
    QVERIFY(seen.contains(NormStatus::Succeeded));
    QVERIFY(seen.size() >= 3);
}

void TestBackendsSandbox::unknownPaymentIsNotFound_data()
{
    retrievesEveryDemoPayment_data();
}

void TestBackendsSandbox::unknownPaymentIsNotFound()
{
    QFETCH(Provider, provider);
    const ProviderResult r = await(backend(provider).retrieve(u"NO-SUCH-PAYMENT-42"_s));
    QCOMPARE(r.failure.kind, FailureKind::NotFound);
    QVERIFY(!r.order.has_value());
}

void TestBackendsSandbox::uqpayListsPagesForADateRange()
{
    auto &uqpay = backend(Provider::Uqpay);
    QVERIFY(uqpay.supportsListing());
    QVERIFY(!backend(Provider::Antom).supportsListing());

    Providers::ListRequest list;
    list.fromUtc = m_server->now().addDays(-3);
    list.toUtc = m_server->now().addSecs(60);
    list.pageSize = 5;
    const int demoCount = int(m_announcement.demoIds.value(Provider::Uqpay).size());
    QSet<QString> ids;
    int totalPages = 0;
    for (int page = 1; page <= 10; ++page) {
        list.page = page;
        const ProviderResult r = await(uqpay.list(list));
        QVERIFY2(r.ok(), qPrintable(Providers::failureText(r.failure)));
        QCOMPARE(r.totalItems, qint64(demoCount));
        totalPages = r.totalPages;
        QVERIFY(r.orders.size() <= 5);
        for (const Domain::Order &o : r.orders)
            ids.insert(o.paymentId);
        if (page >= r.totalPages)
            break;
    }
    QCOMPARE(totalPages, (demoCount + 4) / 5);
    QCOMPARE(ids.size(), demoCount);

    // A range before every payment is empty.
    list.page = 1;
    list.fromUtc = m_server->now().addDays(-30);
    list.toUtc = m_server->now().addDays(-20);
    const ProviderResult empty = await(uqpay.list(list));
    QVERIFY(empty.ok());
    QCOMPARE(empty.orders.size(), 0);
}

void TestBackendsSandbox::uqpayCardCancelSucceeds()
{
    // (An intent still awaiting its payment method has no attempt, hence no
    // method; a card intent in PENDING has one.)
    const QString id = findDemo(Provider::Uqpay, u"CARD"_s, u"PENDING"_s);
    QVERIFY(!id.isEmpty());
    const ProviderResult r = await(backend(Provider::Uqpay).cancel(request(id)));
    QVERIFY2(r.ok(), qPrintable(Providers::failureText(r.failure)));
    QCOMPARE(r.outcome, CancelOutcome::Succeeded);
    QCOMPARE(r.httpStatus, 200);
    QVERIFY(r.order && r.order->status == NormStatus::Cancelled);

    const ProviderResult after = await(backend(Provider::Uqpay).retrieve(id));
    QCOMPARE(after.order->status, NormStatus::Cancelled);
}

void TestBackendsSandbox::uqpayWalletCancelIsConfirmedByPolling()
{
    const QString id = findDemo(Provider::Uqpay, u"WECHATPAY"_s, u"REQUIRES_CUSTOMER_ACTION"_s);
    QVERIFY(!id.isEmpty());
    const ProviderResult r = await(backend(Provider::Uqpay).cancel(request(id)));
    QVERIFY2(r.ok(), qPrintable(Providers::failureText(r.failure)));
    // Accepted, not confirmed: the intent is not CANCELLED yet (seed 000).
    QCOMPARE(r.outcome, CancelOutcome::Confirming);
    QVERIFY(r.order && r.order->status != NormStatus::Cancelled);

    // Polling retrieve sees the asynchronous flip.
    bool cancelled = false;
    for (int i = 0; i < 40 && !cancelled; ++i) {
        QTest::qWait(100);
        const ProviderResult poll = await(backend(Provider::Uqpay).retrieve(id));
        QVERIFY(poll.ok());
        cancelled = poll.order->status == NormStatus::Cancelled;
    }
    QVERIFY(cancelled);
}

void TestBackendsSandbox::uqpayIneligibleCancelIsRejected()
{
    const QString id = findDemo(Provider::Uqpay, u"CARD"_s, u"SUCCEEDED"_s);
    QVERIFY(!id.isEmpty());
    const ProviderResult r = await(backend(Provider::Uqpay).cancel(request(id)));
    QCOMPARE(r.outcome, CancelOutcome::Rejected);
    QCOMPARE(r.failure.kind, FailureKind::Rejected);
    QCOMPARE(r.httpStatus, 400);
    QVERIFY(!r.providerCode.isEmpty());
    QVERIFY(r.guidance != Guidance::None);
}

void TestBackendsSandbox::uqpayServerErrorIsUnknownAndRetrySucceedsWithSameKey()
{
    const QString id = findDemo(Provider::Uqpay, u"CARD"_s, u"REQUIRES_CUSTOMER_ACTION"_s);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, Scenario::Kind::HttpError);
    s.on = Scenario::On::Cancel;
    s.status = 500;
    m_server->addScenario(s);

    const Providers::CancelRequest req = request(id);
    const ProviderResult first = await(backend(Provider::Uqpay).cancel(req));
    QCOMPARE(first.outcome, CancelOutcome::Unknown);
    QCOMPARE(first.failure.kind, FailureKind::ServerError);

    // The retry with the same idempotency key is the one that cancels.
    const ProviderResult retry = await(backend(Provider::Uqpay).cancel(req));
    QCOMPARE(retry.outcome, CancelOutcome::Succeeded);
    // And a replay of the same key returns the cached first answer, not a new cancel.
    const ProviderResult replay = await(backend(Provider::Uqpay).cancel(req));
    QCOMPARE(replay.outcome, CancelOutcome::Succeeded);
    QCOMPARE(replay.order->paymentId, id);
}

void TestBackendsSandbox::uqpayRateLimitCarriesRetryAfter()
{
    const QString id = findDemo(Provider::Uqpay, u"CARD"_s, u"PENDING"_s);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, Scenario::Kind::RateLimit);
    s.on = Scenario::On::Cancel;
    s.retryAfterSeconds = 7;
    m_server->addScenario(s);
    const ProviderResult r = await(backend(Provider::Uqpay).cancel(request(id)));
    QCOMPARE(r.outcome, CancelOutcome::Unknown);
    QCOMPARE(r.failure.kind, FailureKind::RateLimited);
    QCOMPARE(r.failure.retryAfter, std::chrono::milliseconds(7000));
}

void TestBackendsSandbox::antomCancelSucceedsAndIsIdempotent()
{
    const QString id = findDemo(Provider::Antom, u"ALIPAY_HK"_s, u"PROCESSING"_s);
    QVERIFY(!id.isEmpty());
    const Providers::CancelRequest req = request(id);
    const ProviderResult r = await(backend(Provider::Antom).cancel(req));
    QVERIFY2(r.ok(), qPrintable(Providers::failureText(r.failure)));
    QCOMPARE(r.outcome, CancelOutcome::Succeeded);
    QCOMPARE(r.providerCode, u"SUCCESS"_s);
    QVERIFY(r.cancelTime.isValid());

    // Resending the identical request is safe and answers the same cancelTime.
    const ProviderResult again = await(backend(Provider::Antom).cancel(req));
    QCOMPARE(again.outcome, CancelOutcome::Succeeded);
    QCOMPARE(again.cancelTime, r.cancelTime);

    const ProviderResult after = await(backend(Provider::Antom).retrieve(id));
    QCOMPARE(after.order->status, NormStatus::Cancelled);
}

void TestBackendsSandbox::antomRejections_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Guidance>("guidance");
    QTest::addRow("never-cancellable method")
        << u"DANA"_s << u"SUCCESS"_s << u"CANCEL_WINDOW_EXCEED"_s << Guidance::Refund;
    QTest::addRow("captured card")
        << u"CARD"_s << u"SUCCESS"_s << u"ORDER_STATUS_INVALID"_s << Guidance::CheckStatus;
}

void TestBackendsSandbox::antomRejections()
{
    QFETCH(QString, method);
    QFETCH(QString, raw);
    QFETCH(QString, code);
    QFETCH(Guidance, guidance);
    QString id;
    // A captured card maps to SUCCEEDED; an authorised one to AUTHORIZED: pick
    // the demo payment whose normalised status matches the row.
    for (const QString &candidate : m_announcement.demoIds.value(Provider::Antom)) {
        const ProviderResult r = await(backend(Provider::Antom).retrieve(candidate));
        if (r.ok() && r.order->paymentMethod == method && r.order->rawStatus == raw
            && r.order->status == NormStatus::Succeeded && !r.order->flags) {
            id = candidate;
            break;
        }
    }
    QVERIFY(!id.isEmpty());
    const ProviderResult r = await(backend(Provider::Antom).cancel(request(id)));
    QCOMPARE(r.outcome, CancelOutcome::Rejected);
    QCOMPARE(r.failure.kind, FailureKind::Rejected);
    QCOMPARE(r.providerCode, code);
    QCOMPARE(r.guidance, guidance);
}

void TestBackendsSandbox::antomUnknownThenSucceeds()
{
    const QString id = findDemo(Provider::Antom, u"ONLINEBANKING_SCB"_s, u"PROCESSING"_s);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, Scenario::Kind::Unknown, 2);
    s.on = Scenario::On::Cancel;
    m_server->addScenario(s);
    const Providers::CancelRequest req = request(id);
    for (int i = 0; i < 2; ++i) {
        const ProviderResult u = await(backend(Provider::Antom).cancel(req));
        QCOMPARE(u.outcome, CancelOutcome::Unknown);
        QCOMPARE(u.providerCode, u"UNKNOWN_EXCEPTION"_s);
    }
    const ProviderResult s3 = await(backend(Provider::Antom).cancel(req));
    QCOMPARE(s3.outcome, CancelOutcome::Succeeded);
}

void TestBackendsSandbox::antomUntrustedResponsesAreNeverSuccess_data()
{
    QTest::addColumn<Scenario::Kind>("kind");
    QTest::addRow("unsigned") << Scenario::Kind::Unsigned;
    QTest::addRow("forged signature") << Scenario::Kind::ForgedSignature;
    QTest::addRow("malformed JSON") << Scenario::Kind::MalformedJson;
    QTest::addRow("HTML page") << Scenario::Kind::Html;
    QTest::addRow("truncated body") << Scenario::Kind::TruncatedBody;
}

void TestBackendsSandbox::antomUntrustedResponsesAreNeverSuccess()
{
    QFETCH(Scenario::Kind, kind);
    const QString id = findDemo(Provider::Antom, u"ALIPAY_HK"_s, u"PROCESSING"_s);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, kind);
    s.on = Scenario::On::Cancel;
    m_server->addScenario(s);
    // The sandbox did cancel; the answer cannot be trusted, so the outcome
    // stays unknown and a later identical request finds out.
    const ProviderResult r = await(backend(Provider::Antom).cancel(request(id)));
    QCOMPARE(r.outcome, CancelOutcome::Unknown);
    QVERIFY(r.failure.kind == FailureKind::Protocol || r.failure.kind == FailureKind::Transport);
    const ProviderResult again = await(backend(Provider::Antom).cancel(request(id)));
    QCOMPARE(again.outcome, CancelOutcome::Succeeded);
}

void TestBackendsSandbox::liquidoCancelSucceeds()
{
    const QString id = findDemo(Provider::Liquido, u"PIX_DYNAMIC_QR"_s, u"IN_PROGRESS"_s);
    QVERIFY(!id.isEmpty());
    const ProviderResult r = await(backend(Provider::Liquido).cancel(request(id)));
    QVERIFY2(r.ok(), qPrintable(Providers::failureText(r.failure)));
    QCOMPARE(r.outcome, CancelOutcome::Succeeded);
    QVERIFY(r.order && r.order->status == NormStatus::Cancelled);
    QCOMPARE(await(backend(Provider::Liquido).retrieve(id)).order->status, NormStatus::Cancelled);
}

void TestBackendsSandbox::liquidoIneligibleCancelIsRejected()
{
    const QString id = findDemo(Provider::Liquido, u"CREDIT_CARD"_s, u"SETTLED"_s);
    QVERIFY(!id.isEmpty());
    const ProviderResult r = await(backend(Provider::Liquido).cancel(request(id)));
    QCOMPARE(r.outcome, CancelOutcome::Rejected);
    QCOMPARE(r.failure.kind, FailureKind::Rejected);
    QVERIFY(r.httpStatus >= 400 && r.httpStatus < 500);
    QCOMPARE(await(backend(Provider::Liquido).retrieve(id)).order->status, NormStatus::Succeeded);
}

void TestBackendsSandbox::liquidoMalformedAnswerIsProtocolFailure()
{
    const QString id = findDemo(Provider::Liquido, u"PIC_PAY"_s, u"IN_PROGRESS"_s);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, Scenario::Kind::MalformedJson);
    s.on = Scenario::On::Inquiry;
    m_server->addScenario(s);
    const ProviderResult r = await(backend(Provider::Liquido).retrieve(id));
    QCOMPARE(r.failure.kind, FailureKind::Protocol);
    QVERIFY(!r.order.has_value());
}

void TestBackendsSandbox::timeoutIsUnknown()
{
    // A short client timeout against an answer held longer.
    Providers::ProviderSettings settings = m_announcement.settings;
    settings.http.timeout = std::chrono::milliseconds(400);
    Providers::ProviderRegistry impatient(settings);
    const QString id = findDemo(Provider::Uqpay, u"CARD"_s, u"REQUIRES_CAPTURE"_s);
    QVERIFY(!id.isEmpty());
    Scenario s = scenario(id, Scenario::Kind::Timeout);
    s.on = Scenario::On::Cancel;
    s.ms = 3000;
    s.apply = false;
    m_server->addScenario(s);
    const ProviderResult r = await(impatient.provider(Provider::Uqpay)->cancel(request(id)));
    QCOMPARE(r.outcome, CancelOutcome::Unknown);
    QCOMPARE(r.failure.kind, FailureKind::Transport);
    QCOMPARE(r.failure.transport, Providers::TransportError::Timeout);
}

QTEST_GUILESS_MAIN(TestBackendsSandbox)
#include "tst_backends_sandbox.moc"
