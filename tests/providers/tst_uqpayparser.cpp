#include "providers/uqpay/uqpayparser.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QtTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using namespace CancelDesk;
using namespace CancelDesk::Providers;
using namespace CancelDesk::Providers::Uqpay;
using CancelDesk::Test::at;

namespace {

QByteArray fixture(const QString &name)
{
    return Test::fixture(u"uqpay/"_s + name);
}

// A minimal valid PaymentIntent with some fields replaced (`changes`, where
// QJsonValue::Null sends a JSON null) or removed (`remove`).
QByteArray intent(const QJsonObject &changes = {}, const QStringList &remove = {})
{
    QJsonObject o{
        {u"payment_intent_id"_s, u"PI1"_s},
        {u"merchant_order_id"_s, u"M-1"_s},
        {u"amount"_s, u"10.12"_s},
        {u"currency"_s, u"USD"_s},
        {u"intent_status"_s, u"REQUIRES_PAYMENT_METHOD"_s},
        {u"create_time"_s, u"2026-04-13T10:00:00+08:00"_s},
        {u"complete_time"_s, u""_s},
        {u"cancel_time"_s, u""_s},
    };
    for (auto it = changes.begin(); it != changes.end(); ++it)
        o.insert(it.key(), it.value());
    for (const QString &key : remove)
        o.remove(key);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpResponse response(int status, const QByteArray &body, const HeaderList &headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = headers;
    return r;
}

const QDateTime kNow = QDateTime(QDate(2026, 4, 13), QTime(10, 0, 0), Qt::UTC);

} // namespace

class TestUqpayParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedCancelExample()
    {
        const QByteArray body = fixture(u"seed000_cancel_response.json"_s);
        const OrderResult r = parsePaymentIntent(body);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const Domain::Order &o = r.order;
        QCOMPARE(o.provider, Domain::Provider::Uqpay);
        QCOMPARE(o.paymentId, u"PI1961262700944166912"_s);
        QCOMPARE(o.merchantReference, u"04007403-a2f6-4531-97df-cdc8102f6713"_s);
        QCOMPARE(o.amount.minor, 1);
        QCOMPARE(o.amount.currency, u"SGD"_s);
        QCOMPARE(o.rawStatus, u"REQUIRES_CUSTOMER_ACTION"_s);
        QCOMPARE(o.status, Domain::NormStatus::RequiresAction);
        QCOMPARE(o.createdAt, at(u"2025-08-29T11:00:41+08:00"_s));
        QCOMPARE(o.createdAt.timeSpec(), Qt::UTC);
        QVERIFY(!o.paidAt.isValid());
        QVERIFY(!r.cancelTime.isValid());
        // The seed names no payment method; the parser does not guess one.
        QCOMPARE(o.paymentMethod, QString());
        QVERIFY(!o.flags.testFlag(Domain::StatusFlag::Refunded));
        QCOMPARE(o.lastPayload, body);

        // As a cancel answer: accepted, not yet cancelled (PROVIDERS.md §1.3).
        const ProviderResult cancel = parseCancelResponse(response(200, body), kNow);
        QVERIFY(cancel.ok());
        QCOMPARE(cancel.outcome, CancelOutcome::Confirming);
        QCOMPARE(cancel.providerCode, QString()); // the intent's status is no code
        QCOMPARE(cancel.httpStatus, 200);
        QVERIFY(cancel.order.has_value());
        QCOMPARE(cancel.order->lastSyncedAt, kNow);
        QVERIFY(!cancel.cancelTime.isValid());
    }

    void cancelledCardExample()
    {
        const QByteArray body = fixture(u"cancelled_card.json"_s);
        const ProviderResult r = parseCancelResponse(response(200, body), kNow);
        QVERIFY2(r.ok(), qPrintable(r.failure.message));
        QCOMPARE(r.outcome, CancelOutcome::Succeeded);
        QCOMPARE(r.guidance, Guidance::None);
        QCOMPARE(r.cancelTime, at(u"2026-04-13T18:06:35+08:00"_s));
        QCOMPARE(r.providerCode, QString()); // UQPAY's 200 carries no code
        QVERIFY(r.order.has_value());
        QCOMPARE(r.order->paymentMethod, u"CARD"_s);
        QCOMPARE(r.order->amount.minor, 1500);
        QCOMPARE(r.order->amount.currency, u"JPY"_s);
        QCOMPARE(r.order->status, Domain::NormStatus::Cancelled);
        QCOMPARE(r.order->createdAt, QDateTime(QDate(2026, 4, 13), QTime(9, 58, 2, 123), Qt::UTC));
    }

    void intentStatus_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<Domain::NormStatus>("status");
        QTest::addColumn<CancelOutcome>("cancelOutcome");
        using S = Domain::NormStatus;
        QTest::addRow("REQUIRES_PAYMENT_METHOD")
            << u"REQUIRES_PAYMENT_METHOD"_s << S::Pending << CancelOutcome::Confirming;
        QTest::addRow("REQUIRES_CUSTOMER_ACTION")
            << u"REQUIRES_CUSTOMER_ACTION"_s << S::RequiresAction << CancelOutcome::Confirming;
        QTest::addRow("REQUIRES_CAPTURE")
            << u"REQUIRES_CAPTURE"_s << S::Authorized << CancelOutcome::Confirming;
        QTest::addRow("PENDING") << u"PENDING"_s << S::Pending << CancelOutcome::Confirming;
        QTest::addRow("SUCCEEDED") << u"SUCCEEDED"_s << S::Succeeded << CancelOutcome::Confirming;
        QTest::addRow("CANCELLED") << u"CANCELLED"_s << S::Cancelled << CancelOutcome::Succeeded;
        QTest::addRow("CANCELED") << u"CANCELED"_s << S::Cancelled << CancelOutcome::Succeeded;
        QTest::addRow("FAILED") << u"FAILED"_s << S::Failed << CancelOutcome::Confirming;
        QTest::addRow("unknown") << u"SOMETHING_NEW"_s << S::Unknown << CancelOutcome::Confirming;
    }

    void intentStatus()
    {
        QFETCH(QString, raw);
        QFETCH(Domain::NormStatus, status);
        QFETCH(CancelOutcome, cancelOutcome);
        const QByteArray body = intent({{u"intent_status"_s, raw}});
        const ProviderResult r = parseRetrieveResponse(response(200, body), kNow);
        QVERIFY2(r.ok(), qPrintable(r.failure.message));
        QCOMPARE(r.order->rawStatus, raw);
        QCOMPARE(r.order->status, status);
        QCOMPARE(r.providerCode, raw);
        QCOMPARE(parseCancelResponse(response(200, body), kNow).outcome, cancelOutcome);
    }

    void goodIntents_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("merchantRef");
        QTest::addColumn<QString>("method");
        QTest::addColumn<QDateTime>("created");
        QTest::addColumn<QDateTime>("paid");
        QTest::addColumn<bool>("refunded");

        const QDateTime created = at(u"2026-04-13T10:00:00+08:00"_s);
        QTest::addRow("basic") << intent() << qint64(1012) << u"USD"_s << u"M-1"_s << QString()
                               << created << QDateTime() << false;
        QTest::addRow("0.01 SGD") << intent({{u"amount"_s, u"0.01"_s}, {u"currency"_s, u"SGD"_s}})
                                  << qint64(1) << u"SGD"_s << u"M-1"_s << QString() << created
                                  << QDateTime() << false;
        QTest::addRow("1500 JPY") << intent({{u"amount"_s, u"1500"_s}, {u"currency"_s, u"JPY"_s}})
                                  << qint64(1500) << u"JPY"_s << u"M-1"_s << QString() << created
                                  << QDateTime() << false;
        QTest::addRow("trailing zero")
            << intent({{u"amount"_s, u"1.230"_s}}) << qint64(123) << u"USD"_s << u"M-1"_s
            << QString() << created << QDateTime() << false;
        QTest::addRow("lower-case currency")
            << intent({{u"currency"_s, u"usd"_s}}) << qint64(1012) << u"USD"_s << u"M-1"_s
            << QString() << created << QDateTime() << false;
        QTest::addRow("optional fields missing") << intent(
            {}, {u"merchant_order_id"_s, u"create_time"_s, u"complete_time"_s, u"cancel_time"_s})
                                                 << qint64(1012) << u"USD"_s << QString()
                                                 << QString() << QDateTime() << QDateTime()
                                                 << false;
        QTest::addRow("nulls (webhook style)")
            << intent({{u"merchant_order_id"_s, QJsonValue::Null},
                       {u"create_time"_s, QJsonValue::Null},
                       {u"complete_time"_s, QJsonValue::Null}})
            << qint64(1012) << u"USD"_s << QString() << QString() << QDateTime() << QDateTime()
            << false;
        QTest::addRow("paid, Z and millis")
            << intent({{u"intent_status"_s, u"SUCCEEDED"_s},
                       {u"complete_time"_s, u"2026-04-13T02:05:06.789Z"_s}})
            << qint64(1012) << u"USD"_s << u"M-1"_s << QString() << created
            << QDateTime(QDate(2026, 4, 13), QTime(2, 5, 6, 789), Qt::UTC) << false;
        QTest::addRow("method object")
            << intent({{u"payment_method"_s, QJsonObject{{u"type"_s, u"card"_s}}}}) << qint64(1012)
            << u"USD"_s << u"M-1"_s << u"CARD"_s << created << QDateTime() << false;
        QTest::addRow("method string")
            << intent({{u"payment_method"_s, u"wechatpay"_s}}) << qint64(1012) << u"USD"_s
            << u"M-1"_s << u"WECHATPAY"_s << created << QDateTime() << false;
        QTest::addRow("method type field")
            << intent({{u"payment_method_type"_s, u"alipaycn"_s}}) << qint64(1012) << u"USD"_s
            << u"M-1"_s << u"ALIPAYCN"_s << created << QDateTime() << false;
        QTest::addRow("method from attempt") << intent(
            {{u"latest_payment_attempt"_s,
              QJsonObject{{u"payment_method"_s, QJsonObject{{u"type"_s, u"wechatpay"_s}}}}}})
                                             << qint64(1012) << u"USD"_s << u"M-1"_s
                                             << u"WECHATPAY"_s << created << QDateTime() << false;
        QTest::addRow("method of odd type ignored")
            << intent({{u"payment_method"_s, 42}}) << qint64(1012) << u"USD"_s << u"M-1"_s
            << QString() << created << QDateTime() << false;
        QTest::addRow("refunded attempt")
            << intent(
                   {{u"intent_status"_s, u"SUCCEEDED"_s},
                    {u"latest_payment_attempt"_s, QJsonObject{{u"refunded_amount"_s, u"1.00"_s}}}})
            << qint64(1012) << u"USD"_s << u"M-1"_s << QString() << created << QDateTime() << true;
        QTest::addRow("unknown extra fields")
            << intent({{u"brand_new_field"_s, QJsonObject{{u"x"_s, 1}}}}) << qint64(1012)
            << u"USD"_s << u"M-1"_s << QString() << created << QDateTime() << false;
    }

    void goodIntents()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, merchantRef);
        QFETCH(QString, method);
        QFETCH(QDateTime, created);
        QFETCH(QDateTime, paid);
        QFETCH(bool, refunded);

        const ProviderResult r = parseRetrieveResponse(response(200, body), kNow);
        QVERIFY2(r.ok(), qPrintable(r.failure.message));
        QVERIFY(r.order.has_value());
        const Domain::Order &o = *r.order;
        QCOMPARE(o.paymentId, u"PI1"_s);
        QCOMPARE(o.amount.minor, minor);
        QCOMPARE(o.amount.currency, currency);
        QCOMPARE(o.merchantReference, merchantRef);
        QCOMPARE(o.paymentMethod, method);
        QCOMPARE(o.createdAt, created);
        QCOMPARE(o.paidAt, paid);
        QCOMPARE(o.flags.testFlag(Domain::StatusFlag::Refunded), refunded);
        QCOMPARE(o.lastPayload, body);
        QCOMPARE(o.lastSyncedAt, kNow);
    }

    void badIntents_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray seed = fixture(u"seed000_cancel_response.json"_s);
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("not JSON") << QByteArray("hello");
        QTest::addRow("HTML page")
            << QByteArray("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                          "<body><h1>Bad Gateway</h1></body></html>");
        QTest::addRow("truncated seed") << seed.left(seed.size() / 2);
        QTest::addRow("truncated by one") << seed.left(seed.lastIndexOf('}'));
        QTest::addRow("JSON array") << QByteArray("[" + intent() + "]");
        QTest::addRow("JSON null") << QByteArray("null");
        QTest::addRow("JSON string") << QByteArray(R"("PI1")");
        QTest::addRow("amount 1.234 USD") << intent({{u"amount"_s, u"1.234"_s}});
        QTest::addRow("amount as number") << intent({{u"amount"_s, 10.12}});
        QTest::addRow("amount negative") << intent({{u"amount"_s, u"-1.00"_s}});
        QTest::addRow("amount empty") << intent({{u"amount"_s, u""_s}});
        QTest::addRow("amount text") << intent({{u"amount"_s, u"ten"_s}});
        QTest::addRow("amount with comma") << intent({{u"amount"_s, u"1,000.00"_s}});
        QTest::addRow("amount missing") << intent({}, {u"amount"_s});
        QTest::addRow("currency missing") << intent({}, {u"currency"_s});
        QTest::addRow("currency unknown") << intent({{u"currency"_s, u"ABC"_s}});
        QTest::addRow("currency as number") << intent({{u"currency"_s, 840}});
        QTest::addRow("id missing") << intent({}, {u"payment_intent_id"_s});
        QTest::addRow("id empty") << intent({{u"payment_intent_id"_s, u""_s}});
        QTest::addRow("id as number") << intent({{u"payment_intent_id"_s, 1961262700944166912.0}});
        QTest::addRow("status missing") << intent({}, {u"intent_status"_s});
        QTest::addRow("status as number") << intent({{u"intent_status"_s, 3}});
        QTest::addRow("status as object") << intent({{u"intent_status"_s, QJsonObject()}});
        QTest::addRow("merchant ref as number") << intent({{u"merchant_order_id"_s, 7}});
        QTest::addRow("create_time without offset")
            << intent({{u"create_time"_s, u"2026-04-13T10:00:00"_s}});
        QTest::addRow("create_time as number") << intent({{u"create_time"_s, 1757449854}});
        QTest::addRow("complete_time garbage") << intent({{u"complete_time"_s, u"soon"_s}});
        QTest::addRow("cancel_time garbage") << intent({{u"cancel_time"_s, u"2026-13-45"_s}});
    }

    void badIntents()
    {
        QFETCH(QByteArray, body);
        const ProviderResult retrieve = parseRetrieveResponse(response(200, body), kNow);
        QCOMPARE(retrieve.failure.kind, FailureKind::Protocol);
        QVERIFY(!retrieve.order.has_value());
        QVERIFY(!retrieve.failure.message.isEmpty());

        // Never a trusted cancel outcome either.
        const ProviderResult cancel = parseCancelResponse(response(200, body), kNow);
        QCOMPARE(cancel.failure.kind, FailureKind::Protocol);
        QCOMPARE(cancel.outcome, CancelOutcome::Unknown);
        QVERIFY(!cancel.order.has_value());
    }

    void everyTruncationIsProtocol()
    {
        const QByteArray body = fixture(u"cancelled_card.json"_s).trimmed();
        for (qsizetype n = 0; n < body.size(); ++n) {
            const ProviderResult r = parseCancelResponse(response(200, body.left(n)), kNow);
            if (r.failure.kind != FailureKind::Protocol || r.outcome != CancelOutcome::Unknown)
                QFAIL(qPrintable(u"prefix of %1 bytes was accepted"_s.arg(n)));
        }
        QCOMPARE(parseCancelResponse(response(200, body), kNow).outcome, CancelOutcome::Succeeded);
    }

    void errors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<FailureKind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("retryAfterMs");
        QTest::addColumn<CancelOutcome>("outcome");
        QTest::addColumn<Guidance>("guidance");

        using K = FailureKind;
        using O = CancelOutcome;
        using G = Guidance;
        const QByteArray none;
        QTest::addRow("not_found is 400")
            << 400
            << QByteArray(
                   R"({"type":"not_found","code":"resource_not_found","message":"PI not found"})")
            << none << K::NotFound << u"resource_not_found"_s << qint64(-1) << O::Rejected
            << G::CheckPaymentId;
        QTest::addRow("not_found without code")
            << 400 << QByteArray(R"({"type":"not_found","message":"no"})") << none << K::NotFound
            << u"not_found"_s << qint64(-1) << O::Rejected << G::CheckPaymentId;
        QTest::addRow("payment_error")
            << 400
            << QByteArray(
                   R"({"type":"payment_error","code":"cancel_payment_intent_failed","message":"status not allowed"})")
            << none << K::Rejected << u"cancel_payment_intent_failed"_s << qint64(-1) << O::Rejected
            << G::Refund;
        QTest::addRow("invalid_request_error")
            << 400
            << QByteArray(
                   R"({"type":"invalid_request_error","code":"invalid_parameter","message":"cancellation_reason"})")
            << none << K::Rejected << u"invalid_parameter"_s << qint64(-1) << O::Rejected
            << G::FixConfiguration;
        QTest::addRow("idempotency_error")
            << 400
            << QByteArray(
                   R"({"type":"idempotency_error","code":"idempotency_key_mismatch","message":"m"})")
            << none << K::Rejected << u"idempotency_key_mismatch"_s << qint64(-1) << O::Rejected
            << G::FixConfiguration;
        QTest::addRow("customer_error")
            << 400 << QByteArray(R"({"type":"customer_error","code":"c","message":"m"})") << none
            << K::Rejected << u"c"_s << qint64(-1) << O::Rejected << G::CheckStatus;
        QTest::addRow("untyped 400")
            << 400 << QByteArray(R"({"code":"weird","message":"m"})") << none << K::Rejected
            << u"weird"_s << qint64(-1) << O::Rejected << G::ContactSupport;
        QTest::addRow("unauthorized")
            << 401
            << QByteArray(
                   R"({"type":"unauthorized_error","code":"unauthorized","message":"invalid auth token format"})")
            << none << K::Authentication << u"unauthorized"_s << qint64(-1) << O::Rejected
            << G::FixConfiguration;
        QTest::addRow("401 HTML") << 401 << QByteArray("<html>no</html>") << none
                                  << K::Authentication << QString() << qint64(-1) << O::Rejected
                                  << G::FixConfiguration;
        QTest::addRow("429 velocity seconds")
            << 429
            << QByteArray(
                   R"({"type":"api_error","code":"velocity_limit_exceeded","message":"slow down"})")
            << QByteArray("30") << K::RateLimited << u"velocity_limit_exceeded"_s << qint64(30000)
            << O::Unknown << G::RetryLater;
        QTest::addRow("429 too_many_requests date")
            << 429 << QByteArray(R"({"code":"too_many_requests","message":"limit"})")
            << QLocale::c()
                   .toString(kNow.addSecs(60), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s)
                   .toLatin1()
            << K::RateLimited << u"too_many_requests"_s << qint64(60000) << O::Unknown
            << G::RetryLater;
        QTest::addRow("429 date in the past")
            << 429 << QByteArray(R"({"code":"too_many_requests","message":"limit"})")
            << QByteArray("Mon, 13 Apr 2026 09:00:00 GMT") << K::RateLimited
            << u"too_many_requests"_s << qint64(0) << O::Unknown << G::RetryLater;
        QTest::addRow("429 no JSON, no header")
            << 429 << QByteArray("Too Many Requests") << none << K::RateLimited << QString()
            << qint64(-1) << O::Unknown << G::RetryLater;
        QTest::addRow("429 unreadable header")
            << 429 << QByteArray("{}") << QByteArray("soon") << K::RateLimited << QString()
            << qint64(-1) << O::Unknown << G::RetryLater;
        QTest::addRow("500 api_error")
            << 500 << QByteArray(R"({"type":"api_error","code":"api_error","message":"oops"})")
            << none << K::ServerError << u"api_error"_s << qint64(-1) << O::Unknown << G::None;
        QTest::addRow("502 HTML") << 502 << QByteArray("<html><body>Bad Gateway</body></html>")
                                  << none << K::ServerError << QString() << qint64(-1) << O::Unknown
                                  << G::None;
        QTest::addRow("503 empty") << 503 << QByteArray() << none << K::ServerError << QString()
                                   << qint64(-1) << O::Unknown << G::None;
        QTest::addRow("legacy envelope B")
            << 400 << QByteArray(R"({"code":100001,"message":"request is processing"})") << none
            << K::RateLimited << u"100001"_s << qint64(-1) << O::Unknown << G::RetryLater;
        QTest::addRow("404 HTML route")
            << 404 << QByteArray("<html><body>404 page not found</body></html>") << none
            << K::Protocol << QString() << qint64(-1) << O::Unknown << G::None;
        QTest::addRow("400 garbage") << 400 << QByteArray("nope") << none << K::Protocol
                                     << QString() << qint64(-1) << O::Unknown << G::None;
        QTest::addRow("400 truncated")
            << 400 << QByteArray("{\"type\":\"payment_error\",\"code\":\"x") << none << K::Protocol
            << QString() << qint64(-1) << O::Unknown << G::None;
        QTest::addRow("400 empty object") << 400 << QByteArray("{}") << none << K::Protocol
                                          << QString() << qint64(-1) << O::Unknown << G::None;
        QTest::addRow("400 wrong types")
            << 400 << QByteArray(R"({"type":5,"code":[],"message":{}})") << none << K::Protocol
            << QString() << qint64(-1) << O::Unknown << G::None;
    }

    void errors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, retryAfter);
        QFETCH(FailureKind, kind);
        QFETCH(QString, code);
        QFETCH(qint64, retryAfterMs);
        QFETCH(CancelOutcome, outcome);
        QFETCH(Guidance, guidance);

        HeaderList headers;
        if (!retryAfter.isEmpty())
            headers.append({"Retry-After", retryAfter});
        const HttpResponse r = response(status, body, headers);

        const ProviderFailure f = classifyError(r, kNow);
        QCOMPARE(f.kind, kind);
        QCOMPARE(f.code, code);
        QCOMPARE(f.httpStatus, status);
        QCOMPARE(f.retryAfter.count(), retryAfterMs);

        const ProviderResult retrieve = parseRetrieveResponse(r, kNow);
        QCOMPARE(retrieve.failure.kind, kind);
        QVERIFY(!retrieve.order.has_value());

        const ProviderResult cancel = parseCancelResponse(r, kNow);
        QCOMPARE(cancel.failure.kind, kind);
        QCOMPARE(cancel.outcome, outcome);
        QCOMPARE(cancel.guidance, guidance);
        QCOMPARE(cancel.httpStatus, status);
        QCOMPARE(cancel.providerCode, code);
        QVERIFY(!cancel.order.has_value());
        QVERIFY(!failureText(cancel.failure).isEmpty());
    }

    void errorMessageIsKept()
    {
        const ProviderResult r = parseCancelResponse(
            response(
                400,
                R"({"type":"payment_error","code":"c","message":"Payment intent is SUCCEEDED"})"),
            kNow);
        QCOMPARE(r.providerMessage, u"Payment intent is SUCCEEDED"_s);
        QCOMPARE(r.failure.message, u"Payment intent is SUCCEEDED"_s);
        QVERIFY(failureText(r.failure).contains(u"Payment intent is SUCCEEDED"_s));

        const QString huge(5000, u'x');
        const ProviderFailure f =
            classifyError(response(400, QJsonDocument(QJsonObject{{u"type"_s, u"payment_error"_s},
                                                                  {u"message"_s, huge}})
                                            .toJson()),
                          kNow);
        QVERIFY(f.message.size() < 1000);
    }

    void transportFailures_data()
    {
        QTest::addColumn<TransportError>("error");
        QTest::addColumn<FailureKind>("kind");
        QTest::addColumn<CancelOutcome>("outcome");
        QTest::addRow("timeout") << TransportError::Timeout << FailureKind::Transport
                                 << CancelOutcome::Unknown;
        QTest::addRow("refused") << TransportError::ConnectionRefused << FailureKind::Transport
                                 << CancelOutcome::Unknown;
        QTest::addRow("network") << TransportError::Network << FailureKind::Transport
                                 << CancelOutcome::Unknown;
        QTest::addRow("tls") << TransportError::Tls << FailureKind::Transport
                             << CancelOutcome::Unknown;
        QTest::addRow("too large")
            << TransportError::BodyTooLarge << FailureKind::Transport << CancelOutcome::Unknown;
        QTest::addRow("insecure url")
            << TransportError::InsecureUrl << FailureKind::Configuration << CancelOutcome::Rejected;
    }

    void transportFailures()
    {
        QFETCH(TransportError, error);
        QFETCH(FailureKind, kind);
        QFETCH(CancelOutcome, outcome);
        HttpResult http;
        http.error = error;
        http.detail = u"detail"_s;
        const ProviderFailure f = transportFailure(http);
        QCOMPARE(f.kind, kind);
        QCOMPARE(f.transport, error);
        QCOMPARE(cancelFailure(f).outcome, outcome);
    }

    void listPage()
    {
        const QByteArray body = fixture(u"list_page.json"_s);
        const ProviderResult r = parseListResponse(response(200, body), kNow);
        QVERIFY2(r.ok(), qPrintable(r.failure.message));
        QCOMPARE(r.totalPages, 3);
        QCOMPARE(r.totalItems, 5);
        QCOMPARE(r.orders.size(), 2);
        const Domain::Order &a = r.orders.at(0);
        QCOMPARE(a.paymentId, u"PI3000000000000000001"_s);
        QCOMPARE(a.amount.minor, 1012);
        QCOMPARE(a.status, Domain::NormStatus::Succeeded);
        QCOMPARE(a.paymentMethod, u"WECHATPAY"_s);
        QCOMPARE(a.paidAt, at(u"2026-04-13T09:15:00Z"_s));
        QVERIFY(a.flags.testFlag(Domain::StatusFlag::Refunded));
        // Each row keeps its own JSON, parseable on its own.
        QVERIFY(parsePaymentIntent(a.lastPayload).ok());
        QCOMPARE(parsePaymentIntent(a.lastPayload).order.paymentId, a.paymentId);
        const Domain::Order &b = r.orders.at(1);
        QCOMPARE(b.paymentId, u"PI3000000000000000002"_s);
        QCOMPARE(b.amount.minor, 1);
        QCOMPARE(b.merchantReference, QString());
        QCOMPARE(b.status, Domain::NormStatus::Pending);
        QVERIFY(!b.paidAt.isValid());
    }

    void listVariants_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("count");
        QTest::addRow("empty page")
            << QByteArray(R"({"total_pages":0,"total_items":0,"data":[]})") << true << 0;
        QTest::addRow("null data")
            << QByteArray(R"({"total_pages":0,"total_items":0,"data":null})") << true << 0;
        QTest::addRow("string totals")
            << QByteArray(R"({"total_pages":"1","total_items":"1","data":[)" + intent() + "]}")
            << true << 1;
        QTest::addRow("missing totals") << QByteArray(R"({"data":[]})") << false << 0;
        QTest::addRow("negative totals")
            << QByteArray(R"({"total_pages":-1,"total_items":0,"data":[]})") << false << 0;
        QTest::addRow("fractional totals")
            << QByteArray(R"({"total_pages":1.5,"total_items":0,"data":[]})") << false << 0;
        QTest::addRow("missing data")
            << QByteArray(R"({"total_pages":1,"total_items":0})") << false << 0;
        QTest::addRow("data object")
            << QByteArray(R"({"total_pages":1,"total_items":1,"data":{}})") << false << 0;
        QTest::addRow("element not object")
            << QByteArray(R"({"total_pages":1,"total_items":1,"data":["PI1"]})") << false << 0;
        QTest::addRow("one bad element")
            << QByteArray(R"({"total_pages":1,"total_items":2,"data":[)" + intent() + ","
                          + intent({{u"amount"_s, 5}}) + "]}")
            << false << 0;
        QTest::addRow("HTML") << QByteArray("<html></html>") << false << 0;
        QTest::addRow("array") << QByteArray("[]") << false << 0;
    }

    void listVariants()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, ok);
        QFETCH(int, count);
        const ProviderResult r = parseListResponse(response(200, body), kNow);
        QCOMPARE(r.ok(), ok);
        if (!ok)
            QCOMPARE(r.failure.kind, FailureKind::Protocol);
        QCOMPARE(r.orders.size(), count);
    }

    void listError()
    {
        const ProviderResult r = parseListResponse(
            response(401, R"({"type":"unauthorized_error","code":"unauthorized","message":"m"})"),
            kNow);
        QCOMPARE(r.failure.kind, FailureKind::Authentication);
        QVERIFY(r.orders.isEmpty());
    }

    void token_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<FailureKind>("kind");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QDateTime>("expires");

        const QDateTime expiry =
            QDateTime::fromSecsSinceEpoch(kNow.toSecsSinceEpoch() + 1800, Qt::UTC);
        const QByteArray seconds = QByteArray::number(expiry.toSecsSinceEpoch());
        QTest::addRow("seconds") << 200
                                 << QByteArray(R"({"auth_token":"tok-1","expired_at":)" + seconds
                                               + "}")
                                 << FailureKind::None << QByteArray("tok-1") << expiry;
        QTest::addRow("milliseconds")
            << 200 << QByteArray(R"({"auth_token":"tok-1","expired_at":)" + seconds + "000}")
            << FailureKind::None << QByteArray("tok-1") << expiry;
        QTest::addRow("string seconds")
            << 200 << QByteArray("{\"auth_token\":\"tok-1\",\"expired_at\":\"" + seconds + "\"}")
            << FailureKind::None << QByteArray("tok-1") << expiry;
        QTest::addRow("no expiry") << 200 << QByteArray(R"({"auth_token":"tok-1"})")
                                   << FailureKind::None << QByteArray("tok-1") << QDateTime();
        QTest::addRow("absurd expiry")
            << 200 << QByteArray(R"({"auth_token":"tok-1","expired_at":99999999999})")
            << FailureKind::None << QByteArray("tok-1")
            << QDateTime::fromSecsSinceEpoch(kNow.toSecsSinceEpoch() + 24 * 3600, Qt::UTC);
        QTest::addRow("no token") << 200 << QByteArray(R"({"expired_at":1})")
                                  << FailureKind::Protocol << QByteArray() << QDateTime();
        QTest::addRow("token number") << 200 << QByteArray(R"({"auth_token":5,"expired_at":1})")
                                      << FailureKind::Protocol << QByteArray() << QDateTime();
        QTest::addRow("expiry garbage")
            << 200 << QByteArray(R"({"auth_token":"t","expired_at":"soon"})")
            << FailureKind::Protocol << QByteArray() << QDateTime();
        QTest::addRow("HTML 200") << 200 << QByteArray("<html/>") << FailureKind::Protocol
                                  << QByteArray() << QDateTime();
        QTest::addRow("401")
            << 401 << QByteArray(R"({"type":"unauthorized_error","code":"u","message":"bad key"})")
            << FailureKind::Authentication << QByteArray() << QDateTime();
        QTest::addRow("400")
            << 400
            << QByteArray(
                   R"({"type":"invalid_request_error","code":"invalid_parameter","message":"x-api-key"})")
            << FailureKind::Authentication << QByteArray() << QDateTime();
        QTest::addRow("404") << 404 << QByteArray("<html/>") << FailureKind::Configuration
                             << QByteArray() << QDateTime();
        QTest::addRow("429") << 429 << QByteArray(R"({"code":"too_many_requests","message":"m"})")
                             << FailureKind::RateLimited << QByteArray() << QDateTime();
        QTest::addRow("500") << 500 << QByteArray("{}") << FailureKind::ServerError << QByteArray()
                             << QDateTime();
    }

    void token()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(FailureKind, kind);
        QFETCH(QByteArray, token);
        QFETCH(QDateTime, expires);
        const TokenResult r = parseTokenResponse(response(status, body), kNow);
        QCOMPARE(r.failure.kind, kind);
        QCOMPARE(r.token, token);
        QCOMPARE(r.expiresAtUtc, expires);
        // The token never leaks into a failure.
        QVERIFY(!r.failure.message.contains(u"tok-1"_s));
    }

    void urls()
    {
        const QUrl base(u"https://api-sandbox.uqpaytech.com"_s);
        QCOMPARE(tokenUrl(base).toString(),
                 u"https://api-sandbox.uqpaytech.com/api/v1/connect/token"_s);
        QCOMPARE(tokenUrl(QUrl(u"https://api-sandbox.uqpaytech.com/api/"_s)).toString(),
                 u"https://api-sandbox.uqpaytech.com/api/v1/connect/token"_s);
        QCOMPARE(
            paymentIntentUrl(base, u"PI1961262700944166912").toString(),
            u"https://api-sandbox.uqpaytech.com/api/v2/payment_intents/PI1961262700944166912"_s);
        QCOMPARE(paymentIntentUrl(base, u"PI1", u"/cancel").toString(),
                 u"https://api-sandbox.uqpaytech.com/api/v2/payment_intents/PI1/cancel"_s);
        // An id cannot walk to another route or add a query.
        const QUrl odd = paymentIntentUrl(base, u"../x/y?z=1#f", u"/cancel");
        QCOMPARE(odd.toEncoded(),
                 QByteArray("https://api-sandbox.uqpaytech.com/api/v2/payment_intents/"
                            "..%2Fx%2Fy%3Fz%3D1%23f/cancel"));
        QVERIFY(!odd.hasQuery());
        QVERIFY(!odd.hasFragment());
        QCOMPARE(paymentIntentUrl(QUrl(u"http://127.0.0.1:8080"_s), u"PI 1").toEncoded(),
                 QByteArray("http://127.0.0.1:8080/api/v2/payment_intents/PI%201"));
    }

    void listQuery()
    {
        ListRequest request;
        request.page = 2;
        request.pageSize = 50;
        request.fromUtc = at(u"2026-04-13T10:06:35+08:00"_s);
        request.toUtc = at(u"2026-04-14T00:00:00Z"_s);
        const QUrl url = listUrl(QUrl(u"https://api.uqpay.com"_s), request);
        QCOMPARE(url.path(), u"/api/v2/payment_intents"_s);
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(u"page_size"_s), u"50"_s);
        QCOMPARE(query.queryItemValue(u"page_number"_s), u"2"_s);
        QCOMPARE(query.queryItemValue(u"start_time"_s, QUrl::FullyDecoded),
                 u"2026-04-13T02:06:35+00:00"_s);
        QCOMPARE(query.queryItemValue(u"end_time"_s, QUrl::FullyDecoded),
                 u"2026-04-14T00:00:00+00:00"_s);
        // '+' travels encoded, never as a bare '+' (a space to form decoders).
        QVERIFY(url.toEncoded().contains("%2B00%3A00"));

        ListRequest clamped;
        clamped.page = 0;
        clamped.pageSize = 1000;
        const QUrlQuery q2(listUrl(QUrl(u"https://api.uqpay.com"_s), clamped));
        QCOMPARE(q2.queryItemValue(u"page_size"_s), u"100"_s);
        QCOMPARE(q2.queryItemValue(u"page_number"_s), u"1"_s);
        QVERIFY(!q2.hasQueryItem(u"start_time"_s));
    }

    void cancelBodyIsDeterministic()
    {
        QCOMPARE(cancelBody(Domain::CancelReason::RequestedByCustomer),
                 QByteArray(R"({"cancellation_reason":"requested_by_customer"})"));
        QCOMPARE(cancelBody(Domain::CancelReason::Duplicate),
                 QByteArray(R"({"cancellation_reason":"duplicate"})"));
        for (Domain::CancelReason reason : Domain::allCancelReasons()) {
            QCOMPARE(cancelBody(reason), cancelBody(reason));
            QCOMPARE(QJsonDocument::fromJson(cancelBody(reason))
                         .object()
                         .value(u"cancellation_reason"_s)
                         .toString(),
                     Domain::cancelReasonKey(reason));
        }
    }

    void parseTimeVariants_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QDateTime>("utc");
        QTest::addRow("offset") << QJsonValue(u"2025-08-29T11:00:41+08:00"_s) << true
                                << at(u"2025-08-29T03:00:41Z"_s);
        QTest::addRow("Z") << QJsonValue(u"2025-08-29T03:00:41Z"_s) << true
                           << at(u"2025-08-29T03:00:41Z"_s);
        QTest::addRow("negative offset")
            << QJsonValue(u"2025-08-28T22:00:41-05:00"_s) << true << at(u"2025-08-29T03:00:41Z"_s);
        QTest::addRow("empty") << QJsonValue(u""_s) << true << QDateTime();
        QTest::addRow("null") << QJsonValue(QJsonValue::Null) << true << QDateTime();
        QTest::addRow("undefined") << QJsonValue(QJsonValue::Undefined) << true << QDateTime();
        QTest::addRow("no offset") << QJsonValue(u"2025-08-29T11:00:41"_s) << false << QDateTime();
        QTest::addRow("date only") << QJsonValue(u"2025-08-29"_s) << false << QDateTime();
        QTest::addRow("number") << QJsonValue(1756436441) << false << QDateTime();
        QTest::addRow("bool") << QJsonValue(true) << false << QDateTime();
    }

    void parseTimeVariants()
    {
        QFETCH(QJsonValue, value);
        QFETCH(bool, valid);
        QFETCH(QDateTime, utc);
        const TimeResult r = parseTime(value);
        QCOMPARE(r.valid, valid);
        QCOMPARE(r.utc, utc);
    }
};

QTEST_GUILESS_MAIN(TestUqpayParser)
#include "tst_uqpayparser.moc"
