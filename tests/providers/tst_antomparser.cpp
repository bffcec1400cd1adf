#include "providers/antom/antomparser.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace CancelDesk;
using namespace CancelDesk::Providers;
using namespace CancelDesk::Providers::Antom;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(CancelDesk::Providers::FailureKind)
Q_DECLARE_METATYPE(CancelDesk::Providers::CancelOutcome)
Q_DECLARE_METATYPE(CancelDesk::Providers::Guidance)
Q_DECLARE_METATYPE(CancelDesk::Domain::NormStatus)

namespace {

QByteArray fixture(const QString &name)
{
    return Test::fixture(u"antom/"_s + name);
}

QByteArray resultOnly(const char *code, const char *status, const QByteArray &extra = {})
{
    return "{\"result\":{\"resultCode\":\"" + QByteArray(code) + "\",\"resultStatus\":\""
           + QByteArray(status) + "\",\"resultMessage\":\"msg\"}" + extra + "}";
}

// A valid inquiry answer with one field replaced (or removed when value is
// undefined), for the wrong-type and bad-value rows.
QByteArray inquiryWith(const QString &path, const QJsonValue &value)
{
    QJsonObject root = QJsonDocument::fromJson(fixture(u"inquiry_wallet_success.json"_s)).object();
    const qsizetype dot = path.indexOf(u'.');
    if (dot < 0) {
        if (value.isUndefined())
            root.remove(path);
        else
            root.insert(path, value);
    } else {
        const QString outer = path.left(dot);
        QJsonObject inner = root.value(outer).toObject();
        if (value.isUndefined())
            inner.remove(path.mid(dot + 1));
        else
            inner.insert(path.mid(dot + 1), value);
        root.insert(outer, inner);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray inquiryStatus(const QString &status, const QString &method,
                         const QString &authExpiry = {}, const QJsonArray &transactions = {})
{
    QJsonObject root = QJsonDocument::fromJson(fixture(u"inquiry_wallet_success.json"_s)).object();
    root.insert("paymentStatus"_L1, status);
    root.insert("paymentMethodType"_L1, method);
    if (!authExpiry.isEmpty())
        root.insert("authExpiryTime"_L1, authExpiry);
    if (!transactions.isEmpty())
        root.insert("transactions"_L1, transactions);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject transaction(const char *type, const char *status)
{
    return QJsonObject{
        {"transactionType"_L1, QString::fromLatin1(type)},
        {"transactionStatus"_L1, QString::fromLatin1(status)},
        {"transactionAmount"_L1, QJsonObject{{"currency"_L1, u"HKD"_s}, {"value"_L1, u"100"_s}}}};
}

} // namespace

class TestAntomParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guidanceTable_data();
    void guidanceTable();
    void cancelSeedSuccess();
    void cancelResults_data();
    void cancelResults();
    void cancelBadPayload_data();
    void cancelBadPayload();
    void cancelTruncatedNeverSucceeds();
    void cancelOtherPayment();
    void inquirySample();
    void inquiryStatuses_data();
    void inquiryStatuses();
    void inquiryFailures_data();
    void inquiryFailures();
    void inquiryBadPayload_data();
    void inquiryBadPayload();
    void inquiryTruncatedNeverTrusted();
    void httpStatus_data();
    void httpStatus();
    void times_data();
    void times();
};

void TestAntomParser::guidanceTable_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<Guidance>("guidance");
    QTest::addRow("window") << u"CANCEL_WINDOW_EXCEED"_s << Guidance::Refund;
    QTest::addRow("not exist") << u"ORDER_NOT_EXIST"_s << Guidance::CheckPaymentId;
    QTest::addRow("status invalid") << u"ORDER_STATUS_INVALID"_s << Guidance::CheckStatus;
    QTest::addRow("process fail") << u"PROCESS_FAIL"_s << Guidance::AlreadyRefunded;
    for (const char *code : {"CLIENT_INVALID", "MEDIA_TYPE_NOT_ACCEPTABLE", "METHOD_NOT_SUPPORTED",
                             "INVALID_SIGNATURE", "KEY_NOT_FOUND", "ACCESS_DENIED", "PARAM_ILLEGAL",
                             "INVALID_API", "NO_INTERFACE_DEF"})
        QTest::addRow("%s", code) << QString::fromLatin1(code) << Guidance::FixConfiguration;
    QTest::addRow("balance") << u"MERCHANT_BALANCE_NOT_ENOUGH"_s << Guidance::FundMerchantBalance;
    QTest::addRow("traffic") << u"REQUEST_TRAFFIC_EXCEED_LIMIT"_s << Guidance::RetryLater;
    QTest::addRow("unknown") << u"SOMETHING_NEW"_s << Guidance::None;
    QTest::addRow("case matters") << u"cancel_window_exceed"_s << Guidance::None;
}

void TestAntomParser::guidanceTable()
{
    QFETCH(QString, code);
    QFETCH(Guidance, guidance);
    QCOMPARE(guidanceForResultCode(code), guidance);
}

void TestAntomParser::cancelSeedSuccess()
{
    const ProviderResult result = parseCancelResponse(fixture(u"cancel_success_seed001.json"_s),
                                                      u"2019061218401080010018882020035XXXX");
    QVERIFY(result.ok());
    QCOMPARE(result.outcome, CancelOutcome::Succeeded);
    QCOMPARE(result.cancelTime, Test::at(u"2019-06-12T19:07:11+08:00"_s));
    QCOMPARE(result.cancelTime.timeSpec(), Qt::UTC);
    QCOMPARE(result.providerCode, u"SUCCESS"_s);
    QCOMPARE(result.providerMessage, u"成功"_s);
    QCOMPARE(result.guidance, Guidance::None);
}

void TestAntomParser::cancelResults_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<CancelOutcome>("outcome");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Guidance>("guidance");

    QTest::addRow("seed 001 window exceeded")
        << fixture(u"cancel_window_exceed_seed001.json"_s) << CancelOutcome::Rejected
        << FailureKind::Rejected << u"CANCEL_WINDOW_EXCEED"_s << Guidance::Refund;
    QTest::addRow("seed 003 process fail")
        << fixture(u"cancel_process_fail_seed003.json"_s) << CancelOutcome::Rejected
        << FailureKind::Rejected << u"PROCESS_FAIL"_s << Guidance::AlreadyRefunded;
    QTest::addRow("unknown exception")
        << fixture(u"cancel_unknown.json"_s) << CancelOutcome::Unknown << FailureKind::ServerError
        << u"UNKNOWN_EXCEPTION"_s << Guidance::None;

    const struct
    {
        const char *code;
        Guidance guidance;
    } rejections[] = {
        {"ORDER_NOT_EXIST", Guidance::CheckPaymentId},
        {"ORDER_STATUS_INVALID", Guidance::CheckStatus},
        {"CLIENT_INVALID", Guidance::FixConfiguration},
        {"MEDIA_TYPE_NOT_ACCEPTABLE", Guidance::FixConfiguration},
        {"METHOD_NOT_SUPPORTED", Guidance::FixConfiguration},
        {"INVALID_SIGNATURE", Guidance::FixConfiguration},
        {"KEY_NOT_FOUND", Guidance::FixConfiguration},
        {"ACCESS_DENIED", Guidance::FixConfiguration},
        {"PARAM_ILLEGAL", Guidance::FixConfiguration},
        {"INVALID_API", Guidance::FixConfiguration},
        {"NO_INTERFACE_DEF", Guidance::FixConfiguration},
        {"MERCHANT_BALANCE_NOT_ENOUGH", Guidance::FundMerchantBalance},
        {"A_NEW_CODE", Guidance::None},
    };
    for (const auto &r : rejections)
        QTest::addRow("F %s", r.code)
            << resultOnly(r.code, "F") << CancelOutcome::Rejected << FailureKind::Rejected
            << QString::fromLatin1(r.code) << r.guidance;

    QTest::addRow("F traffic limit")
        << resultOnly("REQUEST_TRAFFIC_EXCEED_LIMIT", "F") << CancelOutcome::Unknown
        << FailureKind::RateLimited << u"REQUEST_TRAFFIC_EXCEED_LIMIT"_s << Guidance::RetryLater;
    QTest::addRow("U traffic limit")
        << resultOnly("REQUEST_TRAFFIC_EXCEED_LIMIT", "U") << CancelOutcome::Unknown
        << FailureKind::RateLimited << u"REQUEST_TRAFFIC_EXCEED_LIMIT"_s << Guidance::RetryLater;
    QTest::addRow("U any code") << resultOnly("SYSTEM_BUSY", "U") << CancelOutcome::Unknown
                                << FailureKind::ServerError << u"SYSTEM_BUSY"_s << Guidance::None;
    QTest::addRow("S without cancelTime")
        << resultOnly("SUCCESS", "S", ",\"paymentId\":\"2019061218401080010018882020035XXXX\"")
        << CancelOutcome::Succeeded << FailureKind::None << QString() << Guidance::None;
}

void TestAntomParser::cancelResults()
{
    QFETCH(QByteArray, body);
    QFETCH(CancelOutcome, outcome);
    QFETCH(FailureKind, kind);
    QFETCH(QString, code);
    QFETCH(Guidance, guidance);

    const ProviderResult result = parseCancelResponse(body, u"2019061218401080010018882020035XXXX");
    QCOMPARE(result.outcome, outcome);
    QCOMPARE(result.failure.kind, kind);
    QCOMPARE(result.failure.code, code);
    QCOMPARE(result.guidance, guidance);
    QVERIFY(!result.providerCode.isEmpty());
    if (outcome != CancelOutcome::Succeeded)
        QVERIFY(!result.cancelTime.isValid());
}

void TestAntomParser::cancelBadPayload_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");

    const QByteArray seed = fixture(u"cancel_success_seed001.json"_s);
    QTest::addRow("empty") << QByteArray() << u"invalid_json"_s;
    QTest::addRow("whitespace") << QByteArray(" \n") << u"invalid_json"_s;
    QTest::addRow("not json") << QByteArray("SUCCESS") << u"invalid_json"_s;
    QTest::addRow("html") << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>")
                          << u"invalid_json"_s;
    QTest::addRow("truncated seed") << seed.left(seed.size() / 2) << u"invalid_json"_s;
    QTest::addRow("array") << QByteArray("[{\"result\":{}}]") << u"not_an_object"_s;
    QTest::addRow("string") << QByteArray("\"S\"") << u"invalid_json"_s;
    QTest::addRow("missing result") << QByteArray("{\"paymentId\":\"P1\",\"cancelTime\":"
                                                  "\"2019-06-12T19:07:11+08:00\"}")
                                    << u"missing_result"_s;
    QTest::addRow("null result") << QByteArray("{\"result\":null}") << u"missing_result"_s;
    QTest::addRow("result is a string") << QByteArray("{\"result\":\"S\"}") << u"wrong_type"_s;
    QTest::addRow("status missing")
        << QByteArray("{\"result\":{\"resultCode\":\"SUCCESS\"}}") << u"missing_field"_s;
    QTest::addRow("code missing") << QByteArray("{\"result\":{\"resultStatus\":\"S\"}}")
                                  << u"missing_field"_s;
    QTest::addRow("status lower case") << resultOnly("SUCCESS", "s") << u"invalid_value"_s;
    QTest::addRow("status word") << resultOnly("SUCCESS", "SUCCESS") << u"invalid_value"_s;
    QTest::addRow("status number")
        << QByteArray("{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":1}}")
        << u"wrong_type"_s;
    QTest::addRow("status boolean")
        << QByteArray("{\"result\":{\"resultCode\":\"SUCCESS\",\"resultStatus\":true}}")
        << u"wrong_type"_s;
    QTest::addRow("message number") << QByteArray("{\"result\":{\"resultCode\":\"SUCCESS\","
                                                  "\"resultStatus\":\"S\",\"resultMessage\":0}}")
                                    << u"wrong_type"_s;
    QTest::addRow("paymentId number")
        << resultOnly("SUCCESS", "S", ",\"paymentId\":2019") << u"wrong_type"_s;
    QTest::addRow("cancelTime number")
        << resultOnly("SUCCESS", "S", ",\"cancelTime\":1560337631") << u"wrong_type"_s;
    QTest::addRow("cancelTime garbage")
        << resultOnly("SUCCESS", "S", ",\"cancelTime\":\"yesterday\"") << u"invalid_time"_s;
    QTest::addRow("cancelTime without offset")
        << resultOnly("SUCCESS", "S", ",\"cancelTime\":\"2019-06-12T19:07:11\"")
        << u"invalid_time"_s;
    // S that names no payment is not taken as our cancel succeeding.
    QTest::addRow("S without paymentId")
        << resultOnly("SUCCESS", "S", ",\"cancelTime\":\"2019-06-12T19:07:11+08:00\"")
        << u"missing_field"_s;
    QTest::addRow("S with empty paymentId")
        << resultOnly("SUCCESS", "S", ",\"paymentId\":\"\"") << u"missing_field"_s;
    QTest::addRow("S with only paymentRequestId")
        << resultOnly("SUCCESS", "S", ",\"paymentRequestId\":\"pay_1\"") << u"missing_field"_s;
    QTest::addRow("seed with cancelTime number")
        << QByteArray(seed).replace("\"2019-06-12T19:07:11+08:00\"", "20190612190711")
        << u"wrong_type"_s;
}

void TestAntomParser::cancelBadPayload()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const ProviderResult result = parseCancelResponse(body);
    QCOMPARE(result.failure.kind, FailureKind::Protocol);
    QCOMPARE(result.failure.code, code);
    QCOMPARE(result.outcome, CancelOutcome::Unknown);
    QVERIFY(!result.ok());
    QVERIFY(!result.cancelTime.isValid());
}

void TestAntomParser::cancelTruncatedNeverSucceeds()
{
    const QByteArray seed = fixture(u"cancel_success_seed001.json"_s).trimmed();
    QCOMPARE(parseCancelResponse(seed).outcome, CancelOutcome::Succeeded); // the control
    for (qsizetype n = 0; n < seed.size(); ++n) {
        const ProviderResult result = parseCancelResponse(seed.left(n));
        if (result.outcome == CancelOutcome::Succeeded)
            QFAIL(qPrintable(u"a %1-byte prefix was taken as a success"_s.arg(n)));
        QCOMPARE(result.failure.kind, FailureKind::Protocol);
    }
}

void TestAntomParser::cancelOtherPayment()
{
    const ProviderResult result =
        parseCancelResponse(fixture(u"cancel_success_seed001.json"_s), u"ANOTHER_PAYMENT");
    QCOMPARE(result.outcome, CancelOutcome::Unknown);
    QCOMPARE(result.failure.kind, FailureKind::Protocol);
    QCOMPARE(result.failure.code, u"payment_id_mismatch"_s);
}

void TestAntomParser::inquirySample()
{
    const QByteArray body = fixture(u"inquiry_card_authorized.json"_s);
    const ProviderResult result =
        parseInquiryResponse(body, u"20190608114010800100188820200350000");
    QVERIFY2(result.ok(), qPrintable(result.failure.code + u' ' + result.failure.message));
    QVERIFY(result.order);
    const Domain::Order &order = *result.order;
    QCOMPARE(order.provider, Domain::Provider::Antom);
    QCOMPARE(order.paymentId, u"20190608114010800100188820200350000"_s);
    QCOMPARE(order.merchantReference, u"pay_2089760038715669_20277574507XXXX"_s);
    QCOMPARE(order.amount, (Domain::Money{1000, u"USD"_s}));
    QCOMPARE(order.rawStatus, u"SUCCESS"_s);
    // A card with an authExpiryTime and no capture is only authorised.
    QCOMPARE(order.status, Domain::NormStatus::Authorized);
    QCOMPARE(order.flags, Domain::StatusFlags());
    QCOMPARE(order.paymentMethod, u"CARD"_s);
    QCOMPARE(order.createdAt, Test::at(u"2019-06-01T12:01:01+08:30"_s));
    QCOMPARE(order.paidAt, Test::at(u"2019-06-01T12:01:21+08:30"_s));
    QCOMPARE(order.authExpiresAt, Test::at(u"2019-06-08T12:01:21+08:30"_s));
    QCOMPARE(order.authExpiresAt.timeSpec(), Qt::UTC);
    QCOMPARE(order.lastPayload, body);
    QCOMPARE(result.providerCode, u"SUCCESS"_s);
}

void TestAntomParser::inquiryStatuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Domain::NormStatus>("status");
    QTest::addColumn<bool>("refunded");
    QTest::addColumn<QString>("method");

    const QString expiry = u"2019-06-19T18:41:02+08:00"_s;
    using Domain::NormStatus;
    QTest::addRow("wallet sample") << fixture(u"inquiry_wallet_success.json"_s)
                                   << NormStatus::Succeeded << false << u"ALIPAY_HK"_s;
    QTest::addRow("processing") << inquiryStatus(u"PROCESSING"_s, u"GCASH"_s) << NormStatus::Pending
                                << false << u"GCASH"_s;
    QTest::addRow("pending") << inquiryStatus(u"PENDING"_s, u"GCASH"_s) << NormStatus::Pending
                             << false << u"GCASH"_s;
    QTest::addRow("fail") << inquiryStatus(u"FAIL"_s, u"GCASH"_s) << NormStatus::Failed << false
                          << u"GCASH"_s;
    QTest::addRow("cancelled") << inquiryStatus(u"CANCELLED"_s, u"GCASH"_s) << NormStatus::Cancelled
                               << false << u"GCASH"_s;
    QTest::addRow("unknown status kept")
        << inquiryStatus(u"HALF_DONE"_s, u"GCASH"_s) << NormStatus::Unknown << false << u"GCASH"_s;
    QTest::addRow("method upper-cased") << inquiryStatus(u"SUCCESS"_s, u"alipay_cn"_s)
                                        << NormStatus::Succeeded << false << u"ALIPAY_CN"_s;
    QTest::addRow("card authorised") << inquiryStatus(u"SUCCESS"_s, u"CARD"_s, expiry)
                                     << NormStatus::Authorized << false << u"CARD"_s;
    QTest::addRow("card captured") << inquiryStatus(
        u"SUCCESS"_s, u"CARD"_s, expiry,
        {transaction("AUTHORIZATION", "SUCCESS"), transaction("CAPTURE", "SUCCESS")})
                                   << NormStatus::Succeeded << false << u"CARD"_s;
    QTest::addRow("card capture failed")
        << inquiryStatus(u"SUCCESS"_s, u"CARD"_s, expiry, {transaction("CAPTURE", "FAIL")})
        << NormStatus::Authorized << false << u"CARD"_s;
    QTest::addRow("card capture processing")
        << inquiryStatus(u"SUCCESS"_s, u"CARD"_s, expiry, {transaction("CAPTURE", "PROCESSING")})
        << NormStatus::Authorized << false << u"CARD"_s;
    QTest::addRow("card without auth expiry")
        << inquiryStatus(u"SUCCESS"_s, u"CARD"_s) << NormStatus::Succeeded << false << u"CARD"_s;
    QTest::addRow("wallet with auth expiry") << inquiryStatus(u"SUCCESS"_s, u"GCASH"_s, expiry)
                                             << NormStatus::Succeeded << false << u"GCASH"_s;
    QTest::addRow("refunded") << inquiryStatus(u"SUCCESS"_s, u"GCASH"_s, {},
                                               {transaction("REFUND", "SUCCESS")})
                              << NormStatus::Succeeded << true << u"GCASH"_s;
    QTest::addRow("refund processing")
        << inquiryStatus(u"SUCCESS"_s, u"GCASH"_s, {}, {transaction("REFUND", "PROCESSING")})
        << NormStatus::Succeeded << true << u"GCASH"_s;
    QTest::addRow("refund failed")
        << inquiryStatus(u"SUCCESS"_s, u"GCASH"_s, {}, {transaction("REFUND", "FAIL")})
        << NormStatus::Succeeded << false << u"GCASH"_s;
}

void TestAntomParser::inquiryStatuses()
{
    QFETCH(QByteArray, body);
    QFETCH(Domain::NormStatus, status);
    QFETCH(bool, refunded);
    QFETCH(QString, method);

    const ProviderResult result = parseInquiryResponse(body);
    QVERIFY2(result.ok(), qPrintable(result.failure.code + u' ' + result.failure.message));
    QVERIFY(result.order);
    QCOMPARE(result.order->status, status);
    QCOMPARE(result.order->flags.testFlag(Domain::StatusFlag::Refunded), refunded);
    QCOMPARE(result.order->paymentMethod, method);
    QVERIFY(!result.order->rawStatus.isEmpty());
    QCOMPARE(result.order->amount, (Domain::Money{12345, u"HKD"_s}));
}

void TestAntomParser::inquiryFailures_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<QString>("code");

    QTest::addRow("order not exist") << fixture(u"inquiry_order_not_exist.json"_s)
                                     << FailureKind::NotFound << u"ORDER_NOT_EXIST"_s;
    QTest::addRow("signature refused") << resultOnly("INVALID_SIGNATURE", "F")
                                       << FailureKind::Authentication << u"INVALID_SIGNATURE"_s;
    QTest::addRow("client invalid")
        << resultOnly("CLIENT_INVALID", "F") << FailureKind::Authentication << u"CLIENT_INVALID"_s;
    QTest::addRow("param illegal")
        << resultOnly("PARAM_ILLEGAL", "F") << FailureKind::Configuration << u"PARAM_ILLEGAL"_s;
    QTest::addRow("traffic") << resultOnly("REQUEST_TRAFFIC_EXCEED_LIMIT", "F")
                             << FailureKind::RateLimited << u"REQUEST_TRAFFIC_EXCEED_LIMIT"_s;
    QTest::addRow("other F") << resultOnly("SOMETHING_ELSE", "F") << FailureKind::Rejected
                             << u"SOMETHING_ELSE"_s;
    QTest::addRow("U") << resultOnly("UNKNOWN_EXCEPTION", "U") << FailureKind::ServerError
                       << u"UNKNOWN_EXCEPTION"_s;
    // F with a payment-looking body is still a failure.
    QTest::addRow("F with payload")
        << QByteArray(fixture(u"inquiry_wallet_success.json"_s))
               .replace("\"resultStatus\": \"S\"", "\"resultStatus\": \"F\"")
               .replace("\"resultCode\": \"SUCCESS\"", "\"resultCode\": \"ORDER_NOT_EXIST\"")
        << FailureKind::NotFound << u"ORDER_NOT_EXIST"_s;
}

void TestAntomParser::inquiryFailures()
{
    QFETCH(QByteArray, body);
    QFETCH(FailureKind, kind);
    QFETCH(QString, code);
    const ProviderResult result = parseInquiryResponse(body);
    QCOMPARE(result.failure.kind, kind);
    QCOMPARE(result.failure.code, code);
    QCOMPARE(result.providerCode, code);
    QVERIFY(!result.order);
}

void TestAntomParser::inquiryBadPayload_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    QTest::addRow("not json") << QByteArray("paymentStatus=SUCCESS") << u"invalid_json"_s
                              << u"body"_s;
    QTest::addRow("html") << QByteArray("<!DOCTYPE html><html><title>Login</title></html>")
                          << u"invalid_json"_s << u"body"_s;
    QTest::addRow("missing result")
        << inquiryWith(u"result"_s, QJsonValue::Undefined) << u"missing_result"_s << u"result"_s;
    QTest::addRow("value is a number") << inquiryWith(u"paymentAmount.value"_s, 12345)
                                       << u"wrong_type"_s << u"paymentAmount.value"_s;
    QTest::addRow("currency is a number") << inquiryWith(u"paymentAmount.currency"_s, 344)
                                          << u"wrong_type"_s << u"paymentAmount.currency"_s;
    QTest::addRow("value decimal") << inquiryWith(u"paymentAmount.value"_s, u"123.45"_s)
                                   << u"invalid_amount"_s << u"paymentAmount"_s;
    QTest::addRow("value negative") << inquiryWith(u"paymentAmount.value"_s, u"-1"_s)
                                    << u"invalid_amount"_s << u"paymentAmount"_s;
    QTest::addRow("value empty") << inquiryWith(u"paymentAmount.value"_s, u""_s)
                                 << u"missing_field"_s << u"paymentAmount.value"_s;
    QTest::addRow("value too long") << inquiryWith(u"paymentAmount.value"_s, u"12345678901234567"_s)
                                    << u"invalid_amount"_s << u"paymentAmount"_s;
    QTest::addRow("unknown currency") << inquiryWith(u"paymentAmount.currency"_s, u"ABC"_s)
                                      << u"invalid_amount"_s << u"paymentAmount"_s;
    QTest::addRow("amount missing") << inquiryWith(u"paymentAmount"_s, QJsonValue::Undefined)
                                    << u"missing_field"_s << u"paymentAmount"_s;
    QTest::addRow("amount is a string") << inquiryWith(u"paymentAmount"_s, u"HKD 123.45"_s)
                                        << u"wrong_type"_s << u"paymentAmount"_s;
    QTest::addRow("status missing") << inquiryWith(u"paymentStatus"_s, QJsonValue::Undefined)
                                    << u"missing_field"_s << u"paymentStatus"_s;
    QTest::addRow("status boolean")
        << inquiryWith(u"paymentStatus"_s, true) << u"wrong_type"_s << u"paymentStatus"_s;
    QTest::addRow("paymentId missing") << inquiryWith(u"paymentId"_s, QJsonValue::Undefined)
                                       << u"missing_field"_s << u"paymentId"_s;
    QTest::addRow("paymentId number")
        << inquiryWith(u"paymentId"_s, 2019061218) << u"wrong_type"_s << u"paymentId"_s;
    QTest::addRow("paymentRequestId object") << inquiryWith(u"paymentRequestId"_s, QJsonObject{})
                                             << u"wrong_type"_s << u"paymentRequestId"_s;
    QTest::addRow("method number")
        << inquiryWith(u"paymentMethodType"_s, 1) << u"wrong_type"_s << u"paymentMethodType"_s;
    QTest::addRow("time number") << inquiryWith(u"paymentTime"_s, 1560336062) << u"wrong_type"_s
                                 << u"paymentTime"_s;
    QTest::addRow("time garbage") << inquiryWith(u"paymentCreateTime"_s, u"12/06/2019"_s)
                                  << u"invalid_time"_s << u"paymentCreateTime"_s;
    QTest::addRow("time without offset")
        << inquiryWith(u"authExpiryTime"_s, u"2019-06-12T18:41:02"_s) << u"invalid_time"_s
        << u"authExpiryTime"_s;
    QTest::addRow("transactions object")
        << inquiryWith(u"transactions"_s, QJsonObject{}) << u"wrong_type"_s << u"transactions"_s;
    QTest::addRow("transaction string") << inquiryWith(u"transactions"_s, QJsonArray{u"CAPTURE"_s})
                                        << u"wrong_type"_s << u"transactions[0]"_s;
    QTest::addRow("transaction status boolean") << inquiryWith(
        u"transactions"_s,
        QJsonArray{transaction("REFUND", "FAIL"), QJsonObject{{"transactionType"_L1, u"CAPTURE"_s},
                                                              {"transactionStatus"_L1, true}}})
                                                << u"wrong_type"_s
                                                << u"transactions[1].transactionStatus"_s;
    QTest::addRow("result code number")
        << inquiryWith(u"result.resultCode"_s, 0) << u"wrong_type"_s << u"result.resultCode"_s;
}

void TestAntomParser::inquiryBadPayload()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const ProviderResult result = parseInquiryResponse(body);
    QCOMPARE(result.failure.kind, FailureKind::Protocol);
    QCOMPARE(result.failure.code, code);
    QCOMPARE(result.failure.message, field);
    QVERIFY(!result.order);
}

void TestAntomParser::inquiryTruncatedNeverTrusted()
{
    const QByteArray body = fixture(u"inquiry_card_authorized.json"_s).trimmed();
    QVERIFY(parseInquiryResponse(body).ok()); // the control
    for (qsizetype n = 0; n < body.size(); ++n) {
        const ProviderResult result = parseInquiryResponse(body.left(n));
        if (result.ok() || result.order)
            QFAIL(qPrintable(u"a %1-byte prefix was trusted"_s.arg(n)));
    }
    const ProviderResult mismatch =
        parseInquiryResponse(body, u"20190608114010800100188820200359999");
    QCOMPARE(mismatch.failure.kind, FailureKind::Protocol);
    QCOMPARE(mismatch.failure.code, u"payment_id_mismatch"_s);
    QVERIFY(!mismatch.order);
}

void TestAntomParser::httpStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<qint64>("retryAfterMs");

    QTest::addRow("429") << 429 << QByteArray() << FailureKind::RateLimited << qint64(-1);
    QTest::addRow("429 retry-after")
        << 429 << QByteArray("7") << FailureKind::RateLimited << qint64(7000);
    // An HTTP date (RFC 9110 §10.2.3) is honoured like delta-seconds; this one
    // has passed already: retry at once.
    QTest::addRow("429 retry-after past date") << 429 << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT")
                                               << FailureKind::RateLimited << qint64(0);
    QTest::addRow("429 retry-after absurd")
        << 429 << QByteArray("99999999") << FailureKind::RateLimited << qint64(-1);
    QTest::addRow("500") << 500 << QByteArray() << FailureKind::ServerError << qint64(-1);
    QTest::addRow("502") << 502 << QByteArray() << FailureKind::ServerError << qint64(-1);
    QTest::addRow("503") << 503 << QByteArray("5") << FailureKind::ServerError << qint64(-1);
    QTest::addRow("400") << 400 << QByteArray() << FailureKind::Protocol << qint64(-1);
    QTest::addRow("404") << 404 << QByteArray() << FailureKind::Protocol << qint64(-1);
    QTest::addRow("204") << 204 << QByteArray() << FailureKind::Protocol << qint64(-1);
}

void TestAntomParser::httpStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(FailureKind, kind);
    QFETCH(qint64, retryAfterMs);
    const ProviderResult result = resultForHttpStatus(status, retryAfter);
    QCOMPARE(result.failure.kind, kind);
    QCOMPARE(result.failure.httpStatus, status);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.outcome, CancelOutcome::Unknown);
    QCOMPARE(qint64(result.failure.retryAfter.count()), retryAfterMs);
    QCOMPARE(result.guidance, status == 429 ? Guidance::RetryLater : Guidance::None);
}

void TestAntomParser::times_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::addRow("+08:00") << u"2019-06-12T19:07:11+08:00"_s
                            << QDateTime(QDate(2019, 6, 12), QTime(11, 7, 11), Qt::UTC);
    QTest::addRow("Z") << u"2019-06-12T11:07:11Z"_s
                       << QDateTime(QDate(2019, 6, 12), QTime(11, 7, 11), Qt::UTC);
    QTest::addRow("-05:00") << u"2019-06-12T06:07:11-05:00"_s
                            << QDateTime(QDate(2019, 6, 12), QTime(11, 7, 11), Qt::UTC);
    QTest::addRow("milliseconds") << u"2019-06-12T19:07:11.250+08:00"_s
                                  << QDateTime(QDate(2019, 6, 12), QTime(11, 7, 11, 250), Qt::UTC);
    QTest::addRow("day boundary") << u"2019-06-13T00:15:00+08:00"_s
                                  << QDateTime(QDate(2019, 6, 12), QTime(16, 15), Qt::UTC);
    QTest::addRow("no offset") << u"2019-06-12T19:07:11"_s << QDateTime();
    QTest::addRow("date only") << u"2019-06-12"_s << QDateTime();
    QTest::addRow("space separator") << u"2019-06-12 19:07:11+08:00"_s << QDateTime();
    QTest::addRow("garbage") << u"not a time at all, really"_s << QDateTime();
    QTest::addRow("bad month") << u"2019-13-12T19:07:11+08:00"_s << QDateTime();
    QTest::addRow("empty") << QString() << QDateTime();
}

void TestAntomParser::times()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const std::optional<QDateTime> parsed = parseAntomTime(text);
    if (!expected.isValid()) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
}

QTEST_GUILESS_MAIN(TestAntomParser)
#include "tst_antomparser.moc"
