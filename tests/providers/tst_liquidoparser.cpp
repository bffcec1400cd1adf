#include "providers/liquido/liquidoparser.h"
#include "testsupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Providers;
using namespace CancelDesk::Providers::Liquido;
using CancelDesk::Test::at;

namespace {

QByteArray fixture(const char *name)
{
    return Test::fixture(u"liquido/"_s + QLatin1String(name));
}

QByteArray seed()
{
    return fixture("cancel_seed002.json");
}

// The seed charge with one top-level field replaced by raw JSON text, or
// removed when raw is null.
QByteArray seedWith(const char *field, const QByteArray &raw)
{
    QJsonObject o = QJsonDocument::fromJson(seed()).object();
    if (raw.isNull()) {
        o.remove(QLatin1String(field));
        return QJsonDocument(o).toJson();
    }
    o.insert(QLatin1String(field), u"@@RAW@@"_s);
    return QJsonDocument(o).toJson().replace("\"@@RAW@@\"", raw);
}

// The seed charge with transferDetails replaced by raw JSON text.
QByteArray seedWithDetails(const QByteArray &raw)
{
    return seedWith("transferDetails", raw);
}

HttpResponse response(int status, const QByteArray &body, HeaderList headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

const QString kSeedKey = u"20220602-001"_s;

} // namespace

Q_DECLARE_METATYPE(CancelDesk::Domain::NormStatus)
Q_DECLARE_METATYPE(CancelDesk::Domain::StatusFlags)
Q_DECLARE_METATYPE(CancelDesk::Providers::CancelOutcome)
Q_DECLARE_METATYPE(CancelDesk::Providers::FailureKind)
Q_DECLARE_METATYPE(CancelDesk::Providers::Guidance)

class TestLiquidoParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void time_data();
    void time();
    void badTime_data();
    void badTime();
    void deadline_data();
    void deadline();

    void seedCancelResponse();
    void transferStatus_data();
    void transferStatus();
    void amount_data();
    void amount();
    void pixExpiration_data();
    void pixExpiration();
    void boletoDeadline_data();
    void boletoDeadline();
    void cardFixture();
    void badPayload_data();
    void badPayload();

    void retrieveInBandFailure();
    void retrieve_data();
    void retrieve();
    void cancel_data();
    void cancel();
    void truncatedNeverSucceeds();
    void mutatedNeverCrashes();

    void errorBody_data();
    void errorBody();
    void transportFailureKeepsHttpStatus();
    void token_data();
    void token();
    void tokenRequestBodyEncodes();
    void tokenReuse_data();
    void tokenReuse();
    void guidance_data();
    void guidance();
};

void TestLiquidoParser::time_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    // The doc examples.
    QTest::addRow("doc GMT+08:00")
        << u"2022-06-02 11:45:44 GMT+08:00"_s << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("doc UTC") << u"2023-09-22 11:01:27 UTC"_s << at(u"2023-09-22T11:01:27Z"_s);
    QTest::addRow("doc GMT-03:00")
        << u"2022-06-02 11:45:44 GMT-03:00"_s << at(u"2022-06-02T14:45:44Z"_s);
    QTest::addRow("GMT alone") << u"2022-06-02 11:45:44 GMT"_s << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("millis") << u"2022-06-02 11:45:44.123 GMT+08:00"_s
                            << at(u"2022-06-02T03:45:44.123Z"_s);
    QTest::addRow("one fraction digit")
        << u"2022-06-02 11:45:44.5 UTC"_s << at(u"2022-06-02T11:45:44.500Z"_s);
    QTest::addRow("comma fraction")
        << u"2022-06-02 11:45:44,25 UTC"_s << at(u"2022-06-02T11:45:44.250Z"_s);
    QTest::addRow("nanos truncated")
        << u"2022-06-02 11:45:44.123987654 UTC"_s << at(u"2022-06-02T11:45:44.123Z"_s);
    QTest::addRow("GMT+8") << u"2022-06-02 11:45:44 GMT+8"_s << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("GMT+0800") << u"2022-06-02 11:45:44 GMT+0800"_s << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("GMT space offset")
        << u"2022-06-02 11:45:44 GMT +08:00"_s << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("UTC+00:00") << u"2022-06-02 11:45:44 UTC+00:00"_s
                               << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("UTC-3") << u"2022-06-02 11:45:44 UTC-3"_s << at(u"2022-06-02T14:45:44Z"_s);
    QTest::addRow("lower case zone")
        << u"2022-06-02 11:45:44 gmt+08:00"_s << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("bare offset") << u"2022-06-02 11:45:44 +08:00"_s
                                 << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("bare negative offset")
        << u"2022-06-02 11:45:44 -0300"_s << at(u"2022-06-02T14:45:44Z"_s);
    QTest::addRow("half-hour offset")
        << u"2022-06-02 11:45:44 GMT+05:30"_s << at(u"2022-06-02T06:15:44Z"_s);
    QTest::addRow("max offset") << u"2022-06-02 11:45:44 GMT+14:00"_s
                                << at(u"2022-06-01T21:45:44Z"_s);
    QTest::addRow("min offset") << u"2022-06-02 11:45:44 GMT-12:00"_s
                                << at(u"2022-06-02T23:45:44Z"_s);
    QTest::addRow("ISO Z") << u"2022-06-02T11:45:44Z"_s << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("ISO z lower") << u"2022-06-02t11:45:44z"_s << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("ISO millis Z") << u"2022-06-02T11:45:44.250Z"_s
                                  << at(u"2022-06-02T11:45:44.250Z"_s);
    QTest::addRow("ISO offset") << u"2022-06-02T11:45:44+08:00"_s << at(u"2022-06-02T03:45:44Z"_s);
    QTest::addRow("ISO -03") << u"2022-06-02T11:45:44-03"_s << at(u"2022-06-02T14:45:44Z"_s);
    QTest::addRow("ISO no seconds") << u"2022-06-02T11:45Z"_s << at(u"2022-06-02T11:45:00Z"_s);
    QTest::addRow("java region") << u"2022-06-02T11:45:44.5-03:00[America/Sao_Paulo]"_s
                                 << at(u"2022-06-02T14:45:44.500Z"_s);
    QTest::addRow("surrounding spaces")
        << u"  2022-06-02 11:45:44 UTC \n"_s << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("inner spaces") << u"2022-06-02   11:45:44   UTC"_s
                                  << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("short fields") << u"2022-6-2 1:05:09 UTC"_s << at(u"2022-06-02T01:05:09Z"_s);
    QTest::addRow("slashes") << u"2022/06/02 11:45:44 UTC"_s << at(u"2022-06-02T11:45:44Z"_s);
    QTest::addRow("crosses to previous day")
        << u"2022-06-02 01:00:00 GMT+08:00"_s << at(u"2022-06-01T17:00:00Z"_s);
    QTest::addRow("crosses year") << u"2022-12-31 23:30:00 GMT-03:00"_s
                                  << at(u"2023-01-01T02:30:00Z"_s);
    QTest::addRow("leap day") << u"2024-02-29 12:00:00 UTC"_s << at(u"2024-02-29T12:00:00Z"_s);
    QTest::addRow("midnight") << u"2024-01-01 00:00:00 UTC"_s << at(u"2024-01-01T00:00:00Z"_s);
}

void TestLiquidoParser::time()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const TimeParse t = parseLiquidoTime(text);
    QVERIFY2(t.ok(), qPrintable(t.error));
    QVERIFY(t.error.isEmpty());
    QCOMPARE(t.utc.timeSpec(), Qt::UTC);
    QCOMPARE(t.utc, expected);
    QCOMPARE(t.utc.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestLiquidoParser::badTime_data()
{
    QTest::addColumn<QString>("text");

    QTest::addRow("empty") << QString();
    QTest::addRow("spaces") << u"   "_s;
    QTest::addRow("word") << u"garbage"_s;
    QTest::addRow("null text") << u"null"_s;
    QTest::addRow("epoch digits") << u"1654170344"_s;
    QTest::addRow("date only") << u"2022-06-02"_s;
    QTest::addRow("no zone") << u"2022-06-02 11:45:44"_s;
    QTest::addRow("no zone ISO") << u"2022-06-02T11:45:44.123"_s;
    QTest::addRow("time only") << u"11:45:44 UTC"_s;
    QTest::addRow("month 13") << u"2022-13-02 11:45:44 UTC"_s;
    QTest::addRow("month 0") << u"2022-00-02 11:45:44 UTC"_s;
    QTest::addRow("Feb 30") << u"2022-02-30 11:45:44 UTC"_s;
    QTest::addRow("Feb 29 non-leap") << u"2023-02-29 11:45:44 UTC"_s;
    QTest::addRow("hour 24") << u"2022-06-02 24:00:00 UTC"_s;
    QTest::addRow("minute 60") << u"2022-06-02 11:60:00 UTC"_s;
    QTest::addRow("second 60") << u"2022-06-02 11:45:60 UTC"_s;
    QTest::addRow("one-digit minute") << u"2022-06-02 11:4:44 UTC"_s;
    QTest::addRow("one-digit second") << u"2022-06-02 11:45:4 UTC"_s;
    QTest::addRow("three-digit hour") << u"2022-06-02 111:45:44 UTC"_s;
    QTest::addRow("named zone") << u"2022-06-02 11:45:44 PST"_s;
    QTest::addRow("BRT") << u"2022-06-02 11:45:44 BRT"_s;
    QTest::addRow("offset too big") << u"2022-06-02 11:45:44 GMT+15:00"_s;
    QTest::addRow("offset minutes 60") << u"2022-06-02 11:45:44 GMT+08:60"_s;
    QTest::addRow("dangling plus") << u"2022-06-02 11:45:44 GMT+"_s;
    QTest::addRow("short offset minutes") << u"2022-06-02 11:45:44 GMT+08:0"_s;
    QTest::addRow("three-digit offset") << u"2022-06-02 11:45:44 GMT+080"_s;
    QTest::addRow("trailing text") << u"2022-06-02 11:45:44 UTC extra"_s;
    QTest::addRow("two zones") << u"2022-06-02 11:45:44 GMT+08:00 GMT+08:00"_s;
    QTest::addRow("doubled word") << u"2022-06-02 11:45:44 UTCUTC"_s;
    QTest::addRow("dot without fraction") << u"2022-06-02 11:45:44. UTC"_s;
    QTest::addRow("ten fraction digits") << u"2022-06-02 11:45:44.1234567890 UTC"_s;
    QTest::addRow("unclosed region") << u"2022-06-02T11:45:44+08:00[Asia"_s;
    QTest::addRow("fullwidth digits") << u"２０２２-06-02 11:45:44 UTC"_s;
    QTest::addRow("arabic-indic digits") << u"٢٠٢٢-06-02 11:45:44 UTC"_s;
    QTest::addRow("glued date and time") << u"2022-06-0211:45:44 UTC"_s;
    QTest::addRow("tab separator") << u"2022-06-02\t11:45:44 UTC"_s;
    static constexpr char16_t withNul[] = u"2022-06-02 11:45\u0000:44 UTC";
    QTest::addRow("NUL inside") << QString::fromUtf16(withNul, qsizetype(std::size(withNul)) - 1);
    QTest::addRow("mixed separators") << u"2022-06/02 11:45:44 UTC"_s;
    QTest::addRow("five-digit year") << u"20222-06-02 11:45:44 UTC"_s;
    QTest::addRow("very long") << (u"2022-06-02 11:45:44 UTC"_s + QString(200, u' ') + u"x"_s);
    QTest::addRow("RFC 2822") << u"Thu, 02 Jun 2022 11:45:44 GMT"_s;
}

void TestLiquidoParser::badTime()
{
    QFETCH(QString, text);
    const TimeParse t = parseLiquidoTime(text);
    QVERIFY(!t.ok());
    QVERIFY(!t.utc.isValid());
    QVERIFY(!t.error.isEmpty());
}

void TestLiquidoParser::deadline_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid: must fail

    // A date alone ends at 23:59:59 Brasília time (-03:00).
    QTest::addRow("ISO date") << u"2024-05-10"_s << at(u"2024-05-10T23:59:59-03:00"_s);
    QTest::addRow("Brazilian date") << u"10/05/2024"_s << at(u"2024-05-10T23:59:59-03:00"_s);
    QTest::addRow("short Brazilian date") << u"1/5/2024"_s << at(u"2024-05-01T23:59:59-03:00"_s);
    QTest::addRow("full time") << u"2024-05-10 18:00:00 GMT-03:00"_s
                               << at(u"2024-05-10T21:00:00Z"_s);
    QTest::addRow("ISO time") << u"2024-05-10T18:00:00Z"_s << at(u"2024-05-10T18:00:00Z"_s);
    QTest::addRow("bad ISO date") << u"2024-02-30"_s << QDateTime();
    QTest::addRow("bad Brazilian date") << u"31/02/2024"_s << QDateTime();
    QTest::addRow("no year") << u"05/10"_s << QDateTime();
    QTest::addRow("date then garbage") << u"2024-05-10 garbage"_s << QDateTime();
    QTest::addRow("time without zone") << u"2024-05-10 18:00:00"_s << QDateTime();
    QTest::addRow("empty") << u""_s << QDateTime();
}

void TestLiquidoParser::deadline()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const TimeParse t = parseLiquidoDeadline(text);
    if (!expected.isValid()) {
        QVERIFY(!t.ok());
        QVERIFY(!t.error.isEmpty());
        return;
    }
    QVERIFY2(t.ok(), qPrintable(t.error));
    QCOMPARE(t.utc, expected);
    QCOMPARE(t.utc.timeSpec(), Qt::UTC);
}

void TestLiquidoParser::seedCancelResponse()
{
    const QByteArray body = seed();
    const ChargeParse charge = parseCharge(body);
    QVERIFY2(charge.ok(), qPrintable(charge.failure.message));
    QVERIFY(charge.hasTransferStatusCode);
    QCOMPARE(charge.transferStatusCode, 200);
    QVERIFY(!charge.reportsFailure());
    QVERIFY(charge.transferErrorMsg.isEmpty());

    const Domain::Order &o = charge.order;
    QCOMPARE(o.provider, Domain::Provider::Liquido);
    QCOMPARE(o.paymentId, kSeedKey);
    QCOMPARE(o.merchantReference, kSeedKey);
    QCOMPARE(o.paymentMethod, u"PIX_DYNAMIC_QR"_s);
    QCOMPARE(o.amount.minor, 100);
    QCOMPARE(o.amount.currency, u"BRL"_s);
    QCOMPARE(o.amount.toDecimalString(), u"1.00"_s);
    QCOMPARE(o.rawStatus, u"CANCELLED"_s);
    QCOMPARE(o.status, Domain::NormStatus::Cancelled);
    QCOMPARE(o.flags, Domain::StatusFlags());
    QCOMPARE(o.createdAt, at(u"2022-06-02T11:45:44+08:00"_s));
    QVERIFY(!o.paidAt.isValid()); // a cancelled charge was never paid
    QCOMPARE(o.methodDeadline, at(u"2023-09-22T11:01:27Z"_s));
    QCOMPARE(o.lastPayload, body);

    const ProviderResult r = parseCancelResponse(kSeedKey, response(200, body));
    QVERIFY2(r.ok(), qPrintable(failureText(r.failure)));
    QCOMPARE(r.outcome, CancelOutcome::Succeeded);
    QCOMPARE(r.guidance, Guidance::None);
    QCOMPARE(r.httpStatus, 200);
    QCOMPARE(r.providerCode, u"200"_s);
    QCOMPARE(r.cancelTime, at(u"2022-06-02T11:47:23+08:00"_s));
    QVERIFY(r.order.has_value());
    QCOMPARE(r.order->status, Domain::NormStatus::Cancelled);
    QCOMPARE(r.order->lastPayload, body);
}

void TestLiquidoParser::transferStatus_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<Domain::NormStatus>("status");
    QTest::addColumn<Domain::StatusFlags>("flags");
    QTest::addColumn<bool>("paid"); // finalStatusTime used as paidAt

    using Domain::NormStatus;
    using Domain::StatusFlag;
    QTest::addRow("INITIAL_STATUS")
        << u"INITIAL_STATUS"_s << NormStatus::Pending << Domain::StatusFlags() << false;
    QTest::addRow("IN_PROGRESS") << u"IN_PROGRESS"_s << NormStatus::Pending << Domain::StatusFlags()
                                 << false;
    QTest::addRow("AUTHORIZED") << u"AUTHORIZED"_s << NormStatus::Authorized
                                << Domain::StatusFlags() << true;
    QTest::addRow("SETTLED") << u"SETTLED"_s << NormStatus::Succeeded << Domain::StatusFlags()
                             << true;
    QTest::addRow("settled lower case")
        << u"settled"_s << NormStatus::Succeeded << Domain::StatusFlags() << true;
    QTest::addRow("FAILED") << u"FAILED"_s << NormStatus::Failed << Domain::StatusFlags() << false;
    QTest::addRow("CANCELLED") << u"CANCELLED"_s << NormStatus::Cancelled << Domain::StatusFlags()
                               << false;
    QTest::addRow("EXPIRED") << u"EXPIRED"_s << NormStatus::Failed << Domain::StatusFlags()
                             << false;
    QTest::addRow("REFUNDING") << u"REFUNDING"_s << NormStatus::Succeeded
                               << Domain::StatusFlags(StatusFlag::Refunded) << false;
    QTest::addRow("REFUNDED") << u"REFUNDED"_s << NormStatus::Succeeded
                              << Domain::StatusFlags(StatusFlag::Refunded) << false;
    QTest::addRow("CHARGED_BACK") << u"CHARGED_BACK"_s << NormStatus::Succeeded
                                  << Domain::StatusFlags(StatusFlag::ChargedBack) << false;
    QTest::addRow("unknown") << u"ON_HOLD"_s << NormStatus::Unknown << Domain::StatusFlags()
                             << false;
}

void TestLiquidoParser::transferStatus()
{
    QFETCH(QString, raw);
    QFETCH(Domain::NormStatus, status);
    QFETCH(Domain::StatusFlags, flags);
    QFETCH(bool, paid);

    const QByteArray body = seedWith("transferStatus", '"' + raw.toUtf8() + '"');
    const ChargeParse charge = parseCharge(body);
    QVERIFY2(charge.ok(), qPrintable(charge.failure.message));
    QCOMPARE(charge.order.rawStatus, raw); // kept as answered
    QCOMPARE(charge.order.status, status);
    QCOMPARE(charge.order.flags, flags);
    QCOMPARE(charge.order.paidAt.isValid(), paid);
    if (paid)
        QCOMPARE(charge.order.paidAt, at(u"2022-06-02T11:47:23+08:00"_s));

    // Retrieve returns the order whatever its status.
    const ProviderResult r = parseRetrieveResponse(kSeedKey, response(200, body));
    QVERIFY(r.ok());
    QVERIFY(r.order.has_value());
    QCOMPARE(r.order->status, status);
}

void TestLiquidoParser::amount_data()
{
    QTest::addColumn<QByteArray>("amount");
    QTest::addColumn<QByteArray>("currency");
    QTest::addColumn<qint64>("minor"); // -1: must fail

    QTest::addRow("100 = BRL 1.00") << QByteArray("100") << QByteArray("\"BRL\"") << qint64(100);
    QTest::addRow("zero") << QByteArray("0") << QByteArray("\"BRL\"") << qint64(0);
    QTest::addRow("one centavo") << QByteArray("1") << QByteArray("\"BRL\"") << qint64(1);
    QTest::addRow("large") << QByteArray("123456789012") << QByteArray("\"BRL\"")
                           << qint64(123456789012);
    QTest::addRow("numeric string")
        << QByteArray("\"100\"") << QByteArray("\"BRL\"") << qint64(100);
    QTest::addRow("numeric string spaces")
        << QByteArray("\" 2599 \"") << QByteArray("\"BRL\"") << qint64(2599);
    QTest::addRow("integral double") << QByteArray("100.0") << QByteArray("\"BRL\"") << qint64(100);
    QTest::addRow("lower-case currency")
        << QByteArray("100") << QByteArray("\"brl\"") << qint64(100);
    QTest::addRow("USD") << QByteArray("250") << QByteArray("\"USD\"") << qint64(250);

    QTest::addRow("fraction") << QByteArray("1.5") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("negative") << QByteArray("-100") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("negative string")
        << QByteArray("\"-100\"") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("fraction string")
        << QByteArray("\"1.5\"") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("decimal string")
        << QByteArray("\"1.00\"") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("empty string") << QByteArray("\"\"") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("word") << QByteArray("\"ten\"") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("bool") << QByteArray("true") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("null") << QByteArray("null") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("object") << QByteArray("{}") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("array") << QByteArray("[100]") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("huge") << QByteArray("1e300") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("too many digits")
        << QByteArray("\"1234567890123456789012\"") << QByteArray("\"BRL\"") << qint64(-1);
    QTest::addRow("unknown currency") << QByteArray("100") << QByteArray("\"XYZ\"") << qint64(-1);
    QTest::addRow("numeric currency") << QByteArray("100") << QByteArray("986") << qint64(-1);
    QTest::addRow("empty currency") << QByteArray("100") << QByteArray("\"\"") << qint64(-1);
    QTest::addRow("null currency") << QByteArray("100") << QByteArray("null") << qint64(-1);
}

void TestLiquidoParser::amount()
{
    QFETCH(QByteArray, amount);
    QFETCH(QByteArray, currency);
    QFETCH(qint64, minor);

    QJsonObject o = QJsonDocument::fromJson(seed()).object();
    o.insert("amount"_L1, u"@@A@@"_s);
    o.insert("currency"_L1, u"@@C@@"_s);
    const QByteArray body =
        QJsonDocument(o).toJson().replace("\"@@A@@\"", amount).replace("\"@@C@@\"", currency);

    const ChargeParse charge = parseCharge(body);
    if (minor < 0) {
        QVERIFY(!charge.ok());
        QCOMPARE(charge.failure.kind, FailureKind::Protocol);
        QVERIFY(!charge.failure.message.isEmpty());
        const ProviderResult r = parseCancelResponse(kSeedKey, response(200, body));
        QCOMPARE(r.failure.kind, FailureKind::Protocol);
        QCOMPARE(r.outcome, CancelOutcome::Unknown);
        return;
    }
    QVERIFY2(charge.ok(), qPrintable(charge.failure.message));
    QCOMPARE(charge.order.amount.minor, minor);
    QCOMPARE(charge.order.amount.currency, QString::fromUtf8(currency).remove(u'"').toUpper());
}

void TestLiquidoParser::pixExpiration_data()
{
    QTest::addColumn<QByteArray>("details");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<bool>("valid");

    QTest::addRow("UTC") << QByteArray(
        R"({"pix":{"qrCodeType":"DYNAMIC","expirationTime":"2023-09-22 11:01:27 UTC"}})")
                         << at(u"2023-09-22T11:01:27Z"_s) << true;
    QTest::addRow("GMT-03:00") << QByteArray(
        R"({"pix":{"expirationTime":"2024-01-15 09:00:00 GMT-03:00"}})")
                               << at(u"2024-01-15T12:00:00Z"_s) << true;
    QTest::addRow("null expiration")
        << QByteArray(R"({"pix":{"expirationTime":null}})") << QDateTime() << true;
    QTest::addRow("empty expiration")
        << QByteArray(R"({"pix":{"expirationTime":""}})") << QDateTime() << true;
    QTest::addRow("no pix") << QByteArray(R"({})") << QDateTime() << true;
    QTest::addRow("null details") << QByteArray("null") << QDateTime() << true;
    QTest::addRow("garbage expiration")
        << QByteArray(R"({"pix":{"expirationTime":"soon"}})") << QDateTime() << false;
    QTest::addRow("numeric expiration")
        << QByteArray(R"({"pix":{"expirationTime":1695380487}})") << QDateTime() << false;
    QTest::addRow("pix is a string") << QByteArray(R"({"pix":"x"})") << QDateTime() << false;
    QTest::addRow("details is an array") << QByteArray(R"([])") << QDateTime() << false;
}

void TestLiquidoParser::pixExpiration()
{
    QFETCH(QByteArray, details);
    QFETCH(QDateTime, deadline);
    QFETCH(bool, valid);
    const ChargeParse charge = parseCharge(seedWithDetails(details));
    QCOMPARE(charge.ok(), valid);
    if (!valid) {
        QCOMPARE(charge.failure.kind, FailureKind::Protocol);
        QVERIFY(!charge.failure.message.isEmpty());
        return;
    }
    QCOMPARE(charge.order.methodDeadline, deadline);
}

void TestLiquidoParser::boletoDeadline_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<bool>("valid");

    const QByteArray boleto = fixture("retrieve_boleto_in_progress.json");
    QTest::addRow("fixture dueDate") << boleto << at(u"2024-05-10T23:59:59-03:00"_s) << true;

    const auto withBoleto = [](const QByteArray &raw) { return seedWithDetails(raw); };
    QTest::addRow("expirationDate wins over dueDate")
        << withBoleto(R"({"boleto":{"dueDate":"2024-05-10","expirationDate":"2024-05-12"}})")
        << at(u"2024-05-12T23:59:59-03:00"_s) << true;
    QTest::addRow("expirationTime with zone") << withBoleto(
        R"({"boleto":{"dueDate":"2024-05-10","expirationTime":"2024-05-11 20:00:00 GMT-03:00"}})")
                                              << at(u"2024-05-11T23:00:00Z"_s) << true;
    QTest::addRow("Brazilian dueDate") << withBoleto(R"({"boleto":{"dueDate":"10/05/2024"}})")
                                       << at(u"2024-05-10T23:59:59-03:00"_s) << true;
    QTest::addRow("null dates") << withBoleto(
        R"({"boleto":{"dueDate":null,"expirationDate":null}})")
                                << QDateTime() << true;
    QTest::addRow("no dates") << withBoleto(R"({"boleto":{"digitalLine":"3419"}})") << QDateTime()
                              << true;
    QTest::addRow("garbage dueDate")
        << withBoleto(R"({"boleto":{"dueDate":"next week"}})") << QDateTime() << false;
    QTest::addRow("numeric dueDate")
        << withBoleto(R"({"boleto":{"dueDate":20240510}})") << QDateTime() << false;

    QJsonObject o = QJsonDocument::fromJson(seed()).object();
    o.remove("transferDetails"_L1);
    o.insert("paymentTerm"_L1, QJsonObject{{"paymentDeadline"_L1, 1715396399}});
    QTest::addRow("paymentTerm seconds")
        << QJsonDocument(o).toJson() << at(u"2024-05-11T02:59:59Z"_s) << true;
    o.insert("paymentTerm"_L1, QJsonObject{{"paymentDeadline"_L1, u"2024-05-10"_s}});
    QTest::addRow("paymentTerm date")
        << QJsonDocument(o).toJson() << at(u"2024-05-10T23:59:59-03:00"_s) << true;
    o.insert("paymentTerm"_L1, QJsonObject{{"paymentDeadline"_L1, -5}});
    QTest::addRow("paymentTerm negative") << QJsonDocument(o).toJson() << QDateTime() << false;
    o.insert("paymentTerm"_L1, QJsonObject{{"paymentDeadline"_L1, true}});
    QTest::addRow("paymentTerm bool") << QJsonDocument(o).toJson() << QDateTime() << false;
}

void TestLiquidoParser::boletoDeadline()
{
    QFETCH(QByteArray, body);
    QFETCH(QDateTime, deadline);
    QFETCH(bool, valid);
    const ChargeParse charge = parseCharge(body);
    QCOMPARE(charge.ok(), valid);
    if (!valid) {
        QCOMPARE(charge.failure.kind, FailureKind::Protocol);
        return;
    }
    QCOMPARE(charge.order.methodDeadline, deadline);
}

void TestLiquidoParser::cardFixture()
{
    const ChargeParse charge = parseCharge(fixture("retrieve_card_authorized.json"));
    QVERIFY2(charge.ok(), qPrintable(charge.failure.message));
    QCOMPARE(charge.order.paymentMethod, u"CREDIT_CARD"_s); // upper-cased
    QCOMPARE(charge.order.amount.minor, 1500);              // from a string
    QCOMPARE(charge.order.status, Domain::NormStatus::Authorized);
    QCOMPARE(charge.order.createdAt, at(u"2024-03-01T10:00:00Z"_s));
    QCOMPARE(charge.order.paidAt, at(u"2024-03-01T10:00:05.250Z"_s));
    QVERIFY(!charge.order.methodDeadline.isValid());

    const ChargeParse boleto = parseCharge(fixture("retrieve_boleto_in_progress.json"));
    QVERIFY2(boleto.ok(), qPrintable(boleto.failure.message));
    QCOMPARE(boleto.order.paymentMethod, u"BOLETO"_s);
    QCOMPARE(boleto.order.amount.toDecimalString(), u"259.90"_s);
    QCOMPARE(boleto.order.status, Domain::NormStatus::Pending);
    QCOMPARE(boleto.order.createdAt, at(u"2024-05-07T09:12:03.417-03:00"_s));
    QVERIFY(!boleto.order.paidAt.isValid());
}

void TestLiquidoParser::badPayload_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("whitespace") << QByteArray(" \n ");
    QTest::addRow("not JSON") << QByteArray("transferStatus=CANCELLED");
    QTest::addRow("HTML") << fixture("html_bad_gateway.html");
    QTest::addRow("truncated") << fixture("truncated.json");
    QTest::addRow("JSON null") << QByteArray("null");
    QTest::addRow("JSON array") << QByteArray("[{\"idempotencyKey\":\"x\"}]");
    QTest::addRow("JSON string") << QByteArray("\"CANCELLED\"");
    QTest::addRow("empty object") << QByteArray("{}");
    QTest::addRow("binary") << QByteArray("\x00\xff\xfe{\x01", 5);
    QTest::addRow("deep nesting") << (QByteArray(5000, '[') + QByteArray(5000, ']'));
    QTest::addRow("amount 1.5") << seedWith("amount", "1.5");
    QTest::addRow("negative amount") << seedWith("amount", "-100");
    QTest::addRow("missing amount") << seedWith("amount", QByteArray());
    QTest::addRow("missing currency") << seedWith("currency", QByteArray());
    QTest::addRow("missing idempotencyKey") << seedWith("idempotencyKey", QByteArray());
    QTest::addRow("empty idempotencyKey") << seedWith("idempotencyKey", "\"\"");
    QTest::addRow("numeric idempotencyKey") << seedWith("idempotencyKey", "20220602001");
    QTest::addRow("missing transferStatus") << seedWith("transferStatus", QByteArray());
    QTest::addRow("numeric transferStatus") << seedWith("transferStatus", "3");
    QTest::addRow("object transferStatus")
        << seedWith("transferStatus", "{\"name\":\"CANCELLED\"}");
    QTest::addRow("word transferStatusCode") << seedWith("transferStatusCode", "\"OK\"");
    QTest::addRow("object transferStatusCode") << seedWith("transferStatusCode", "{}");
    QTest::addRow("fractional transferStatusCode") << seedWith("transferStatusCode", "200.5");
    QTest::addRow("numeric transferErrorMsg") << seedWith("transferErrorMsg", "42");
    QTest::addRow("numeric referenceId") << seedWith("referenceId", "42");
    QTest::addRow("array paymentMethod") << seedWith("paymentMethod", "[\"PIX\"]");
    QTest::addRow("numeric createTime") << seedWith("createTime", "1654141544");
    QTest::addRow("garbage createTime") << seedWith("createTime", "\"yesterday\"");
    QTest::addRow("zoneless finalStatusTime")
        << seedWith("finalStatusTime", "\"2022-06-02 11:47:23\"");
    QTest::addRow("string transferDetails") << seedWith("transferDetails", "\"pix\"");
}

void TestLiquidoParser::badPayload()
{
    QFETCH(QByteArray, body);
    const ChargeParse charge = parseCharge(body);
    QVERIFY(!charge.ok());
    QCOMPARE(charge.failure.kind, FailureKind::Protocol);
    QVERIFY(!charge.failure.message.isEmpty());

    // Never a trusted answer, for either operation.
    const ProviderResult cancel = parseCancelResponse(kSeedKey, response(200, body));
    QCOMPARE(cancel.failure.kind, FailureKind::Protocol);
    QCOMPARE(cancel.outcome, CancelOutcome::Unknown);
    QVERIFY(!cancel.order.has_value());
    const ProviderResult retrieve = parseRetrieveResponse(kSeedKey, response(200, body));
    QCOMPARE(retrieve.failure.kind, FailureKind::Protocol);
    QVERIFY(!retrieve.order.has_value());
}

void TestLiquidoParser::retrieveInBandFailure()
{
    // A FAILED charge: transferStatusCode 2005 inside a 200; still an order.
    const QByteArray body = fixture("retrieve_failed_in200.json");
    const ProviderResult r = parseRetrieveResponse(u"pix-failed-01"_s, response(200, body));
    QVERIFY2(r.ok(), qPrintable(failureText(r.failure)));
    QVERIFY(r.order.has_value());
    QCOMPARE(r.order->status, Domain::NormStatus::Failed);
    QCOMPARE(r.order->rawStatus, u"FAILED"_s);
    QCOMPARE(r.providerCode, u"2005"_s);
    QCOMPARE(r.providerMessage, u"Payer document is invalid"_s);
    QVERIFY(!r.order->methodDeadline.isValid());
}

void TestLiquidoParser::retrieve_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::addRow("200 seed") << 200 << seed() << FailureKind::None << u"200"_s << QString();
    QTest::addRow("200 other payment") << 200 << seedWith("idempotencyKey", "\"someone-else\"")
                                       << FailureKind::Protocol << QString() << QString();
    QTest::addRow("200 bare in-band failure")
        << 200 << QByteArray(R"({"transferStatusCode":2404,"transferErrorMsg":"Charge not found"})")
        << FailureKind::Rejected << u"2404"_s << u"Charge not found"_s;
    QTest::addRow("404 JSON") << 404 << QByteArray(R"({"message":"Not Found"})")
                              << FailureKind::NotFound << QString() << u"Not Found"_s;
    QTest::addRow("404 empty") << 404 << QByteArray() << FailureKind::NotFound << QString()
                               << QString();
    QTest::addRow("404 HTML") << 404 << fixture("html_bad_gateway.html") << FailureKind::Protocol
                              << QString() << QString();
    QTest::addRow("400 JSON") << 400 << QByteArray(R"({"code":"E100","msg":"bad key"})")
                              << FailureKind::Rejected << u"E100"_s << u"bad key"_s;
    QTest::addRow("401") << 401 << QByteArray(R"({"message":"Unauthorized"})")
                         << FailureKind::Authentication << QString() << u"Unauthorized"_s;
    QTest::addRow("403") << 403 << QByteArray(R"({"message":"Forbidden"})")
                         << FailureKind::Authentication << QString() << u"Forbidden"_s;
    QTest::addRow("429") << 429 << QByteArray() << FailureKind::RateLimited << QString()
                         << QString();
    QTest::addRow("500 HTML") << 500 << fixture("html_bad_gateway.html") << FailureKind::ServerError
                              << QString() << QString();
    QTest::addRow("302") << 302 << QByteArray() << FailureKind::Protocol << QString() << QString();
}

void TestLiquidoParser::retrieve()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(FailureKind, kind);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const ProviderResult r = parseRetrieveResponse(kSeedKey, response(status, body));
    QCOMPARE(r.failure.kind, kind);
    QCOMPARE(r.httpStatus, status);
    QCOMPARE(r.order.has_value(), kind == FailureKind::None);
    if (kind == FailureKind::None) {
        QCOMPARE(r.providerCode, code);
        return;
    }
    if (kind != FailureKind::Protocol) {
        QCOMPARE(r.failure.code, code);
        QCOMPARE(r.failure.message, message);
    }
    QVERIFY(!failureText(r.failure).isEmpty());
}

void TestLiquidoParser::cancel_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<CancelOutcome>("outcome");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<Guidance>("guidance");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("hasOrder");

    const QByteArray none;
    QTest::addRow("200 CANCELLED")
        << 200 << seed() << none << CancelOutcome::Succeeded << FailureKind::None << Guidance::None
        << QString() << QString() << true;
    QTest::addRow("200 cancelled, lower case")
        << 200 << seedWith("transferStatus", "\"cancelled\"") << none << CancelOutcome::Succeeded
        << FailureKind::None << Guidance::None << QString() << QString() << true;

    // In-200 failures.
    QByteArray settled = fixture("cancel_rejected_settled.json");
    QTest::addRow("200 code 2011, SETTLED")
        << 200 << settled << none << CancelOutcome::Rejected << FailureKind::Rejected
        << Guidance::Refund << u"2011"_s << u"Payment status SETTLED does not allow cancel"_s
        << true;
    QTest::addRow("200 bare in-band failure")
        << 200 << QByteArray(R"({"transferStatusCode":2404,"transferErrorMsg":"Charge not found"})")
        << none << CancelOutcome::Rejected << FailureKind::Rejected << Guidance::CheckStatus
        << u"2404"_s << u"Charge not found"_s << false;
    QTest::addRow("200 code 200 but IN_PROGRESS")
        << 200 << seedWith("transferStatus", "\"IN_PROGRESS\"") << none << CancelOutcome::Rejected
        << FailureKind::Rejected << Guidance::CheckStatus << u"IN_PROGRESS"_s << QString() << true;
    QTest::addRow("200 code 200 but SETTLED")
        << 200 << seedWith("transferStatus", "\"SETTLED\"") << none << CancelOutcome::Rejected
        << FailureKind::Rejected << Guidance::Refund << u"SETTLED"_s << QString() << true;
    QTest::addRow("200 REFUNDED") << 200 << seedWith("transferStatus", "\"REFUNDED\"") << none
                                  << CancelOutcome::Rejected << FailureKind::Rejected
                                  << Guidance::AlreadyRefunded << u"REFUNDED"_s << QString()
                                  << true;
    QTest::addRow("200 no status code, AUTHORIZED") << 200 <<
        [] {
            QJsonObject o = QJsonDocument::fromJson(seed()).object();
            o.remove("transferStatusCode"_L1);
            o.insert("transferStatus"_L1, u"AUTHORIZED"_s);
            return QJsonDocument(o).toJson();
        }() << none << CancelOutcome::Rejected << FailureKind::Rejected
                                                    << Guidance::CheckStatus << u"AUTHORIZED"_s
                                                    << QString() << true;
    QTest::addRow("200 already cancelled, error code") << 200 <<
        [] {
            QJsonObject o = QJsonDocument::fromJson(seed()).object();
            o.insert("transferStatusCode"_L1, 2012);
            o.insert("transferErrorMsg"_L1, u"Payment already cancelled"_s);
            return QJsonDocument(o).toJson();
        }() << none << CancelOutcome::Succeeded << FailureKind::None
                                                       << Guidance::None << QString() << QString()
                                                       << true;

    // 4xx.
    QTest::addRow("404 message") << 404 << QByteArray(R"({"message":"Charge not found"})") << none
                                 << CancelOutcome::Rejected << FailureKind::NotFound
                                 << Guidance::CheckPaymentId << QString() << u"Charge not found"_s
                                 << false;
    QTest::addRow("400 OAuth shape")
        << 400 << QByteArray(R"({"error":"invalid_request","error_description":"cannot cancel"})")
        << none << CancelOutcome::Rejected << FailureKind::Rejected << Guidance::CheckStatus
        << u"invalid_request"_s << u"cannot cancel"_s << false;
    QTest::addRow("400 transfer shape")
        << 400 << QByteArray(R"({"transferStatusCode":2011,"transferErrorMsg":"not cancellable"})")
        << none << CancelOutcome::Rejected << FailureKind::Rejected << Guidance::CheckStatus
        << u"2011"_s << u"not cancellable"_s << false;
    QTest::addRow("409 Spring shape")
        << 409
        << QByteArray(
               R"({"timestamp":"2024-01-01T00:00:00Z","status":409,"error":"Conflict","message":"already final","path":"/v1"})")
        << none << CancelOutcome::Rejected << FailureKind::Rejected << Guidance::CheckStatus
        << QString() << u"already final"_s << false;
    QTest::addRow("400 errors array")
        << 400 << QByteArray(R"({"errors":[{"field":"x","message":"bad"}]})") << none
        << CancelOutcome::Rejected << FailureKind::Rejected << Guidance::CheckStatus << QString()
        << u"bad"_s << false;
    QTest::addRow("422 nested error")
        << 422 << QByteArray(R"({"error":{"code":"E7","message":"nope"}})") << none
        << CancelOutcome::Rejected << FailureKind::Rejected << Guidance::CheckStatus << u"E7"_s
        << u"nope"_s << false;
    QTest::addRow("400 empty body")
        << 400 << QByteArray() << none << CancelOutcome::Rejected << FailureKind::Rejected
        << Guidance::CheckStatus << QString() << QString() << false;
    QTest::addRow("400 with SETTLED charge")
        << 400 << settled << none << CancelOutcome::Rejected << FailureKind::Rejected
        << Guidance::Refund << u"2011"_s << u"Payment status SETTLED does not allow cancel"_s
        << true;
    QTest::addRow("400 HTML") << 400 << fixture("html_bad_gateway.html") << none
                              << CancelOutcome::Unknown << FailureKind::Protocol << Guidance::None
                              << QString() << QString() << false;
    QTest::addRow("401") << 401 << QByteArray() << none << CancelOutcome::Rejected
                         << FailureKind::Authentication << Guidance::FixConfiguration << QString()
                         << QString() << false;
    QTest::addRow("403 API key") << 403 << QByteArray(R"({"message":"Forbidden"})") << none
                                 << CancelOutcome::Rejected << FailureKind::Authentication
                                 << Guidance::FixConfiguration << QString() << u"Forbidden"_s
                                 << false;

    // Unknown: retry after reconciling.
    QTest::addRow("429 Retry-After")
        << 429 << QByteArray(R"({"message":"Too Many Requests"})") << QByteArray("7")
        << CancelOutcome::Unknown << FailureKind::RateLimited << Guidance::RetryLater << QString()
        << u"Too Many Requests"_s << false;
    QTest::addRow("500 HTML") << 500 << fixture("html_bad_gateway.html") << none
                              << CancelOutcome::Unknown << FailureKind::ServerError
                              << Guidance::None << QString() << QString() << false;
    QTest::addRow("503 JSON") << 503 << QByteArray(R"({"message":"Service Unavailable"})") << none
                              << CancelOutcome::Unknown << FailureKind::ServerError
                              << Guidance::None << QString() << u"Service Unavailable"_s << false;
    QTest::addRow("200 HTML") << 200 << fixture("html_bad_gateway.html") << none
                              << CancelOutcome::Unknown << FailureKind::Protocol << Guidance::None
                              << QString() << QString() << false;
    QTest::addRow("200 truncated")
        << 200 << fixture("truncated.json") << none << CancelOutcome::Unknown
        << FailureKind::Protocol << Guidance::None << QString() << QString() << false;
    QTest::addRow("200 other payment")
        << 200 << seedWith("idempotencyKey", "\"other\"") << none << CancelOutcome::Unknown
        << FailureKind::Protocol << Guidance::None << QString() << QString() << false;
    QTest::addRow("200 message only")
        << 200 << QByteArray(R"({"message":"ok"})") << none << CancelOutcome::Unknown
        << FailureKind::Protocol << Guidance::None << QString() << QString() << false;
    QTest::addRow("204 empty") << 204 << QByteArray() << none << CancelOutcome::Unknown
                               << FailureKind::Protocol << Guidance::None << QString() << QString()
                               << false;
}

void TestLiquidoParser::cancel()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(CancelOutcome, outcome);
    QFETCH(FailureKind, kind);
    QFETCH(Guidance, guidance);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(bool, hasOrder);

    HeaderList headers;
    if (!retryAfter.isEmpty())
        headers.append({QByteArray("retry-after"), retryAfter});
    const QString key = hasOrder && body == fixture("cancel_rejected_settled.json")
                            ? u"pix-settled-01"_s
                            : kSeedKey;
    const ProviderResult r = parseCancelResponse(key, response(status, body, headers));
    QCOMPARE(r.outcome, outcome);
    QCOMPARE(r.failure.kind, kind);
    QCOMPARE(r.guidance, guidance);
    QCOMPARE(r.httpStatus, status);
    QCOMPARE(r.order.has_value(), hasOrder);
    if (kind != FailureKind::None && kind != FailureKind::Protocol) {
        QCOMPARE(r.failure.code, code);
        if (message.isEmpty() && !code.isEmpty() && r.order
            && r.failure.code == r.order->rawStatus.toUpper())
            QVERIFY(r.failure.message.contains(code)); // our own sentence, naming the status
        else
            QCOMPARE(r.failure.message, message);
        QCOMPARE(r.failure.httpStatus, status);
    }
    if (kind == FailureKind::Protocol)
        QVERIFY(!r.failure.message.isEmpty());
    if (!retryAfter.isEmpty())
        QCOMPARE(r.failure.retryAfter, std::chrono::milliseconds(7000));
    if (outcome == CancelOutcome::Succeeded)
        QVERIFY(r.ok());
    else
        QVERIFY(!failureText(r.failure).isEmpty());
}

void TestLiquidoParser::truncatedNeverSucceeds()
{
    const QByteArray body = seed().trimmed();
    for (qsizetype n = 0; n < body.size(); ++n) {
        const ProviderResult r = parseCancelResponse(kSeedKey, response(200, body.left(n)));
        QVERIFY2(r.outcome != CancelOutcome::Succeeded, qPrintable(QString::number(n)));
        QCOMPARE(r.failure.kind, FailureKind::Protocol);
    }
    QCOMPARE(parseCancelResponse(kSeedKey, response(200, body)).outcome, CancelOutcome::Succeeded);
}

void TestLiquidoParser::mutatedNeverCrashes()
{
    // A cheap, deterministic fuzz: single-byte changes anywhere in the seed.
    // Whatever comes back, it must be a well-formed result.
    const QByteArray body = seed();
    const char replacements[] = {'"', '{', '}', ',', ':', '0', '-', '.', '\\', '\0', 'x', ' '};
    int succeeded = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        for (const char c : replacements) {
            QByteArray mutated = body;
            mutated[i] = c;
            const ProviderResult r = parseCancelResponse(kSeedKey, response(200, mutated));
            if (r.outcome == CancelOutcome::Succeeded) {
                ++succeeded;
                QVERIFY(r.ok());
                QVERIFY(r.order.has_value());
                QCOMPARE(r.order->paymentId, kSeedKey);
                QCOMPARE(r.order->status, Domain::NormStatus::Cancelled);
            } else {
                QVERIFY(r.failure.isFailure());
            }
            (void)parseRetrieveResponse(kSeedKey, response(200, mutated));
            (void)parseErrorBody(mutated);
            (void)parseTokenResponse(response(200, mutated));
        }
    }
    QVERIFY(succeeded > 0); // harmless changes (in the payer's name, say) still parse
}

void TestLiquidoParser::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::addRow("message") << QByteArray(R"({"message":"Forbidden"})") << true << QString()
                             << u"Forbidden"_s;
    QTest::addRow("OAuth") << QByteArray(
        R"({"error":"invalid_client","error_description":"Bad credentials"})")
                           << true << u"invalid_client"_s << u"Bad credentials"_s;
    QTest::addRow("OAuth code only")
        << QByteArray(R"({"error":"invalid_client"})") << true << u"invalid_client"_s << QString();
    QTest::addRow("transfer") << QByteArray(
        R"({"transferStatusCode":2001,"transferErrorMsg":"Invalid amount"})")
                              << true << u"2001"_s << u"Invalid amount"_s;
    QTest::addRow("code msg") << QByteArray(R"({"code":"E1","msg":"m"})") << true << u"E1"_s
                              << u"m"_s;
    QTest::addRow("Spring") << QByteArray(R"({"status":400,"error":"Bad Request","path":"/x"})")
                            << true << QString() << u"Bad Request"_s;
    QTest::addRow("errors strings")
        << QByteArray(R"({"errors":["first","second"]})") << true << QString() << u"first"_s;
    QTest::addRow("long message bounded")
        << (QByteArray(R"({"message":")") + QByteArray(5000, 'a') + "\"}") << true << QString()
        << QString(300, u'a') + u'…';
    QTest::addRow("HTML") << fixture("html_bad_gateway.html") << false << QString() << QString();
    QTest::addRow("array") << QByteArray("[1]") << false << QString() << QString();
    QTest::addRow("empty") << QByteArray() << false << QString() << QString();
    QTest::addRow("wrong types") << QByteArray(R"({"message":{"a":1},"code":[1]})") << true
                                 << QString() << QString();
}

void TestLiquidoParser::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, json);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const ErrorBody e = parseErrorBody(body);
    QCOMPARE(e.isJsonObject, json);
    QCOMPARE(e.code, code);
    QCOMPARE(e.message, message);
}

void TestLiquidoParser::transportFailureKeepsHttpStatus()
{
    // A redirect is refused below HTTP semantics, but Liquido did answer: the
    // status stays in the failure and in the result (the cancel log shows it).
    HttpResult http;
    http.error = TransportError::Redirect;
    http.detail = u"HTTP 302 redirect not followed"_s;
    http.response.status = 302;
    const ProviderFailure f = transportFailure(http);
    QCOMPARE(f.kind, FailureKind::Transport);
    QCOMPARE(f.transport, TransportError::Redirect);
    QCOMPARE(f.httpStatus, 302);
    QCOMPARE(failureResult(f, true).httpStatus, 302);
}

void TestLiquidoParser::token_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FailureKind>("kind");
    QTest::addColumn<qint64>("expiresIn");

    const QByteArray jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    QTest::addRow("documented") << 200
                                << QByteArray(R"({"access_token":")" + jwt
                                              + R"(","expires_in":3600,"token_type":"Bearer"})")
                                << FailureKind::None << qint64(3600);
    QTest::addRow("lower-case bearer, string ttl")
        << 200
        << QByteArray(R"({"access_token":")" + jwt
                      + R"(","expires_in":"300","token_type":"bearer"})")
        << FailureKind::None << qint64(300);
    QTest::addRow("no ttl") << 200 << QByteArray(R"({"access_token":")" + jwt + R"("})")
                            << FailureKind::None << qint64(-1);
    QTest::addRow("negative ttl") << 200
                                  << QByteArray(R"({"access_token":")" + jwt
                                                + R"(","expires_in":-5})")
                                  << FailureKind::Protocol << qint64(-1);
    QTest::addRow("fractional ttl")
        << 200 << QByteArray(R"({"access_token":")" + jwt + R"(","expires_in":1.5})")
        << FailureKind::Protocol << qint64(-1);
    QTest::addRow("not bearer") << 200
                                << QByteArray(R"({"access_token":")" + jwt
                                              + R"(","token_type":"mac"})")
                                << FailureKind::Protocol << qint64(-1);
    QTest::addRow("no token") << 200 << QByteArray(R"({"expires_in":3600})")
                              << FailureKind::Protocol << qint64(-1);
    QTest::addRow("numeric token")
        << 200 << QByteArray(R"({"access_token":12345})") << FailureKind::Protocol << qint64(-1);
    QTest::addRow("token with line break")
        << 200 << QByteArray(R"({"access_token":"abc\r\nX-Evil: 1"})") << FailureKind::Protocol
        << qint64(-1);
    QTest::addRow("HTML") << 200 << fixture("html_bad_gateway.html") << FailureKind::Protocol
                          << qint64(-1);
    QTest::addRow("400 invalid_client") << 400 << QByteArray(R"({"error":"invalid_client"})")
                                        << FailureKind::Authentication << qint64(-1);
    QTest::addRow("401") << 401 << QByteArray() << FailureKind::Authentication << qint64(-1);
    QTest::addRow("404") << 404 << QByteArray() << FailureKind::Configuration << qint64(-1);
    QTest::addRow("429") << 429 << QByteArray() << FailureKind::RateLimited << qint64(-1);
    QTest::addRow("502") << 502 << fixture("html_bad_gateway.html") << FailureKind::ServerError
                         << qint64(-1);
}

void TestLiquidoParser::token()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(FailureKind, kind);
    QFETCH(qint64, expiresIn);
    HttpResponse r = response(status, body);
    const TokenParse t = parseTokenResponse(r);
    QCOMPARE(t.failure.kind, kind);
    if (kind == FailureKind::None) {
        QCOMPARE(t.accessToken.reveal(), QByteArray("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
        QCOMPARE(t.expiresIn.count(), expiresIn);
        return;
    }
    QVERIFY(t.accessToken.isEmpty());
    // Whatever went wrong, the token text never reaches a message.
    QVERIFY(!t.failure.message.contains(u"eyJhbGci"_s));
    QVERIFY(!failureText(t.failure).contains(u"eyJhbGci"_s));
}

void TestLiquidoParser::tokenRequestBodyEncodes()
{
    const QByteArray body = tokenRequestBody(u"my client"_s, Secret("a&b=c+d %e/f~ç"));
    QCOMPARE(body, QByteArray("client_id=my%20client&client_secret=a%26b%3Dc%2Bd%20%25e%2Ff~%C3%A7"
                              "&grant_type=client_credentials"));
    // Decoding it as a form gives the secret back, byte for byte.
    const QList<QByteArray> fields = body.split('&');
    QCOMPARE(fields.size(), 3);
    QCOMPARE(QByteArray::fromPercentEncoding(fields[1].mid(fields[1].indexOf('=') + 1)),
             QByteArray("a&b=c+d %e/f~ç"));
}

void TestLiquidoParser::tokenReuse_data()
{
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<qint64>("reuseMs");
    QTest::addRow("an hour") << qint64(3600) << qint64(3540000);
    QTest::addRow("four minutes") << qint64(240) << qint64(180000);
    QTest::addRow("two minutes") << qint64(120) << qint64(90000);
    QTest::addRow("four seconds") << qint64(4) << qint64(3000);
    QTest::addRow("zero") << qint64(0) << qint64(0);
    QTest::addRow("negative") << qint64(-1) << qint64(0);
}

void TestLiquidoParser::tokenReuse()
{
    QFETCH(qint64, expiresIn);
    QFETCH(qint64, reuseMs);
    QCOMPARE(tokenReuseFor(std::chrono::seconds(expiresIn)).count(), reuseMs);
}

void TestLiquidoParser::guidance_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<Guidance>("guidance");
    QTest::addRow("SETTLED") << u"SETTLED"_s << Guidance::Refund;
    QTest::addRow("settled") << u" settled "_s << Guidance::Refund;
    QTest::addRow("REFUNDING") << u"REFUNDING"_s << Guidance::AlreadyRefunded;
    QTest::addRow("REFUNDED") << u"REFUNDED"_s << Guidance::AlreadyRefunded;
    QTest::addRow("CHARGED_BACK") << u"CHARGED_BACK"_s << Guidance::CheckStatus;
    QTest::addRow("IN_PROGRESS") << u"IN_PROGRESS"_s << Guidance::CheckStatus;
    QTest::addRow("EXPIRED") << u"EXPIRED"_s << Guidance::CheckStatus;
}

void TestLiquidoParser::guidance()
{
    QFETCH(QString, status);
    QFETCH(Guidance, guidance);
    QCOMPARE(guidanceForStatus(status), guidance);
}

QTEST_GUILESS_MAIN(TestLiquidoParser)
#include "tst_liquidoparser.moc"
