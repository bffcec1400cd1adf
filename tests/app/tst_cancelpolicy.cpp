#include "domain/cancelpolicy.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace CancelDesk::Domain;
using namespace Qt::Literals::StringLiterals;

namespace {

QDateTime t(const char *iso)
{
    return CancelDesk::Test::at(QString::fromLatin1(iso));
}

// Builds test orders; everything not set stays "unknown" (invalid time, no flags).
struct OrderBuilder
{
    Order o;

    OrderBuilder(Provider provider, const char *method, const char *raw, NormStatus status)
    {
        o.provider = provider;
        o.paymentId = u"P-1"_s;
        o.paymentMethod = QString::fromLatin1(method);
        o.rawStatus = QString::fromLatin1(raw);
        o.status = status;
    }
    OrderBuilder &created(const char *iso)
    {
        o.createdAt = t(iso);
        return *this;
    }
    OrderBuilder &paid(const char *iso)
    {
        o.paidAt = t(iso);
        return *this;
    }
    OrderBuilder &authExpires(const char *iso)
    {
        o.authExpiresAt = t(iso);
        return *this;
    }
    OrderBuilder &methodDeadline(const char *iso)
    {
        o.methodDeadline = t(iso);
        return *this;
    }
    OrderBuilder &flags(StatusFlags f)
    {
        o.flags = f;
        return *this;
    }
    operator Order() const { return o; }
};

OrderBuilder uqpay(const char *method, const char *raw, NormStatus status)
{
    return {Provider::Uqpay, method, raw, status};
}
OrderBuilder antom(const char *method, const char *raw, NormStatus status)
{
    return {Provider::Antom, method, raw, status};
}
OrderBuilder liquido(const char *method, const char *raw, NormStatus status)
{
    return {Provider::Liquido, method, raw, status};
}

QString eligibilityKey(Eligibility e)
{
    switch (e) {
    case Eligibility::Eligible:
        return u"yes"_s;
    case Eligibility::EligibleWithWarning:
        return u"warn"_s;
    case Eligibility::NotEligible:
        return u"no"_s;
    }
    return {};
}

CancelPolicy shippedPolicy()
{
    const PolicyLoadResult loaded = CancelPolicy::load();
    if (!loaded.ok())
        qFatal("shipped rules do not load: %s", qPrintable(loaded.error));
    return loaded.policy;
}

// A small valid rules document; tests splice parts into it.
QByteArray rulesDoc(const QByteArray &uqpayProvider)
{
    return R"({"version": 1, "providers": {
        "uqpay": )"
           + uqpayProvider + R"(,
        "antom": {"timezone": "+08:00", "rules": []},
        "liquido": {"timezone": "-03:00", "rules": []}}})";
}

QByteArray uqpayWithRule(const QByteArray &rule)
{
    return rulesDoc(R"({"timezone": "+08:00", "rules": [)" + rule + "]}");
}

QByteArray uqpayWithEntry(const QByteArray &entry)
{
    return uqpayWithRule(R"({"id": "uqpay.test", "methods": ["*"], "when": [)" + entry + "]}");
}

QByteArray shippedJson()
{
    QFile file(u":/rules/cancel_windows.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("shipped rules not in resources");
    return file.readAll();
}

} // namespace

class TestCancelPolicy : public QObject
{
    Q_OBJECT

private slots:
    void shippedRulesLoad();
    void defaults_data();
    void defaults();
    void windowEdges_data();
    void windowEdges();
    void genericChecks_data();
    void genericChecks();
    void antomCutoff_data();
    void antomCutoff();
    void uqpayWalletCutoff_data();
    void uqpayWalletCutoff();
    void merchantZoneOverride();
    void antomCardAuthExpiryCap_data();
    void antomCardAuthExpiryCap();
    void methodMatching_data();
    void methodMatching();
    void overrides();
    void overrideAddsRuleFirst();
    void overrideBlockedAndZone();
    void noMatchingRule();
    void loadErrors_data();
    void loadErrors();
    void loadOverrideFile();
    void defaultConstructedIsSafe();
    void timeZoneLabels_data();
    void timeZoneLabels();
    void parseTimeZones_data();
    void parseTimeZones();
    void keysRoundTrip();
    void textsAreSentences();
};

void TestCancelPolicy::shippedRulesLoad()
{
    const PolicyLoadResult loaded = CancelPolicy::load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.policy.ruleIds(Provider::Uqpay),
             (QStringList{u"uqpay.card"_s, u"uqpay.wallet"_s}));
    QCOMPARE(loaded.policy.ruleIds(Provider::Antom),
             (QStringList{u"antom.never"_s, u"antom.thai_banking"_s, u"antom.card"_s,
                          u"antom.mercadopago"_s, u"antom.other"_s}));
    QCOMPARE(loaded.policy.ruleIds(Provider::Liquido),
             (QStringList{u"liquido.pix"_s, u"liquido.boleto"_s, u"liquido.card"_s,
                          u"liquido.picpay"_s, u"liquido.other"_s}));
    QCOMPARE(
        loaded.policy.providerTimeZone(Provider::Uqpay).offsetFromUtc(t("2026-01-01T00:00:00Z")),
        8 * 3600);
    QCOMPARE(
        loaded.policy.providerTimeZone(Provider::Antom).offsetFromUtc(t("2026-01-01T00:00:00Z")),
        8 * 3600);
    QCOMPARE(
        loaded.policy.providerTimeZone(Provider::Liquido).offsetFromUtc(t("2026-01-01T00:00:00Z")),
        -3 * 3600);
    // fromJson on the same bytes agrees with load().
    const PolicyLoadResult direct = CancelPolicy::fromJson(shippedJson());
    QVERIFY2(direct.ok(), qPrintable(direct.error));
}

// Every row of PRODUCT.md §5 as shipped: eligibility, reason, instead, warning,
// deadline and the deciding rule, at a time when the window (if any) is open.
void TestCancelPolicy::defaults_data()
{
    QTest::addColumn<Order>("order");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QString>("eligible");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("instead");
    QTest::addColumn<QString>("warning");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<QString>("rule");

    const QDateTime none;
    const StatusFlags refunded = StatusFlag::Refunded;

    // UQPAY cards
    QTest::addRow("uqpay card unpaid")
        << Order(uqpay("CARD", "REQUIRES_PAYMENT_METHOD", NormStatus::Pending)
                     .created("2026-03-01T10:00:00+08:00"))
        << t("2026-03-01T10:10:00+08:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-01T10:30:00+08:00") << u"uqpay.card"_s;
    QTest::addRow("uqpay visa requires action")
        << Order(uqpay("VISA", "REQUIRES_CUSTOMER_ACTION", NormStatus::RequiresAction)
                     .created("2026-03-01T23:50:00+08:00"))
        << t("2026-03-01T23:55:00+08:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-02T00:20:00+08:00") << u"uqpay.card"_s;
    QTest::addRow("uqpay card authorised has no deadline")
        << Order(uqpay("MASTERCARD", "REQUIRES_CAPTURE", NormStatus::Authorized)
                     .created("2026-03-01T10:00:00+08:00")
                     .paid("2026-03-01T10:01:00+08:00"))
        << t("2026-04-01T10:00:00+08:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << none << u"uqpay.card"_s;
    QTest::addRow("uqpay card succeeded: refund")
        << Order(uqpay("UNIONPAY", "SUCCEEDED", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00+08:00")
                     .paid("2026-03-01T10:01:00+08:00"))
        << t("2026-03-01T10:02:00+08:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"uqpay.card"_s;

    // UQPAY wallets
    QTest::addRow("uqpay wechat unpaid") << Order(
        uqpay("WECHATPAY", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00+08:00"))
                                         << t("2026-03-01T10:29:59+08:00") << u"yes"_s << u"none"_s
                                         << u"nothing"_s << u"none"_s
                                         << t("2026-03-01T10:30:00+08:00") << u"uqpay.wallet"_s;
    QTest::addRow("uqpay alipayhk requires action")
        << Order(uqpay("ALIPAYHK", "REQUIRES_CUSTOMER_ACTION", NormStatus::RequiresAction)
                     .created("2026-03-01T10:00:00+08:00"))
        << t("2026-03-01T10:00:00+08:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-01T10:30:00+08:00") << u"uqpay.wallet"_s;
    QTest::addRow("uqpay grabpay succeeded same day, warned")
        << Order(uqpay("GRABPAY", "SUCCEEDED", NormStatus::Succeeded)
                     .created("2026-03-01T22:29:00+08:00")
                     .paid("2026-03-01T22:30:00+08:00"))
        << t("2026-03-01T22:40:00+08:00") << u"warn"_s << u"none"_s << u"nothing"_s
        << u"channel_dependent"_s << t("2026-03-01T23:00:00+08:00") << u"uqpay.wallet"_s;
    QTest::addRow("uqpay paynow succeeded after 23:00: closed")
        << Order(uqpay("PAYNOW", "SUCCEEDED", NormStatus::Succeeded)
                     .created("2026-03-01T23:29:00+08:00")
                     .paid("2026-03-01T23:30:00+08:00"))
        << t("2026-03-01T23:31:00+08:00") << u"no"_s << u"window_closed"_s << u"refund"_s
        << u"none"_s << t("2026-03-01T23:00:00+08:00") << u"uqpay.wallet"_s;
    QTest::addRow("uqpay wallet succeeded, paid time unknown: creation day")
        << Order(uqpay("ALIPAYCN", "SUCCEEDED", NormStatus::Succeeded)
                     .created("2026-03-01T09:00:00+08:00"))
        << t("2026-03-01T12:00:00+08:00") << u"warn"_s << u"none"_s << u"nothing"_s
        << u"channel_dependent"_s << t("2026-03-01T23:00:00+08:00") << u"uqpay.wallet"_s;
    QTest::addRow("uqpay wallet refunded")
        << Order(uqpay("WECHATPAY", "SUCCEEDED", NormStatus::Succeeded)
                     .created("2026-03-01T09:00:00+08:00")
                     .paid("2026-03-01T09:01:00+08:00")
                     .flags(refunded))
        << t("2026-03-01T09:05:00+08:00") << u"no"_s << u"refunded"_s << u"refund"_s << u"none"_s
        << none << u"uqpay.refunded"_s;

    // Antom: never
    QTest::addRow("antom dana never") << Order(
        antom("DANA", "PROCESSING", NormStatus::Pending).created("2026-03-01T10:00:00+08:00"))
                                      << t("2026-03-01T10:01:00+08:00") << u"no"_s
                                      << u"method_never_cancellable"_s << u"refund"_s << u"none"_s
                                      << none << u"antom.never"_s;
    QTest::addRow("antom jkopay paid never")
        << Order(antom("JKOPAY", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00+08:00")
                     .paid("2026-03-01T10:01:00+08:00"))
        << t("2026-03-01T10:02:00+08:00") << u"no"_s << u"method_never_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"antom.never"_s;
    QTest::addRow("antom qris never")
        << Order(
               antom("QRIS", "SUCCESS", NormStatus::Succeeded).created("2026-03-01T10:00:00+08:00"))
        << t("2026-03-01T10:02:00+08:00") << u"no"_s << u"method_never_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"antom.never"_s;

    // Antom: Thai banking
    QTest::addRow("antom thai online banking unpaid")
        << Order(antom("ONLINEBANKING_SCB", "PROCESSING", NormStatus::Pending)
                     .created("2026-03-01T10:00:00+07:00"))
        << t("2026-03-01T10:05:00+07:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-01T10:14:00+07:00") << u"antom.thai_banking"_s;
    QTest::addRow("antom thai mobile banking paid: refund")
        << Order(antom("MOBILEBANKING_KBANK", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00+07:00")
                     .paid("2026-03-01T10:02:00+07:00"))
        << t("2026-03-01T10:05:00+07:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"antom.thai_banking"_s;
    QTest::addRow("antom promptpay paid awaiting final: refund")
        << Order(antom("BANKTRANSFER_PROMPTPAY", "PENDING", NormStatus::Pending)
                     .created("2026-03-01T10:00:00+07:00"))
        << t("2026-03-01T10:05:00+07:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"antom.thai_banking"_s;

    // Antom: cards
    QTest::addRow("antom card authorised")
        << Order(antom("CARD", "SUCCESS", NormStatus::Authorized)
                     .created("2026-03-01T09:59:00+08:00")
                     .paid("2026-03-01T10:00:00+08:00"))
        << t("2026-03-05T10:00:00+08:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-08T10:00:00+08:00") << u"antom.card"_s;
    QTest::addRow("antom card captured: refund")
        << Order(antom("CARD", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T09:59:00+08:00")
                     .paid("2026-03-01T10:00:00+08:00"))
        << t("2026-03-01T10:01:00+08:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"antom.card"_s;
    QTest::addRow("antom card unpaid") << Order(
        antom("CARD", "PROCESSING", NormStatus::Pending).created("2026-03-01T09:59:00+08:00"))
                                       << t("2026-03-01T10:01:00+08:00") << u"yes"_s << u"none"_s
                                       << u"nothing"_s << u"none"_s
                                       << t("2026-03-01T10:13:00+08:00") << u"antom.card"_s;
    QTest::addRow("antom card authorised but refunded")
        << Order(antom("CARD", "SUCCESS", NormStatus::Authorized)
                     .created("2026-03-01T09:59:00+08:00")
                     .paid("2026-03-01T10:00:00+08:00")
                     .flags(refunded))
        << t("2026-03-01T10:01:00+08:00") << u"no"_s << u"refunded"_s << u"refund"_s << u"none"_s
        << none << u"antom.refunded"_s;

    // Antom: Mercado Pago
    QTest::addRow("antom mercadopago unpaid")
        << Order(antom("MERCADOPAGO_BR", "PROCESSING", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-07T10:00:00-03:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-08T10:00:00-03:00") << u"antom.mercadopago"_s;
    QTest::addRow("antom mercadopago paid")
        << Order(antom("MERCADOPAGO_MX", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00-06:00")
                     .paid("2026-03-02T12:00:00-06:00"))
        << t("2026-03-08T12:00:00-06:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-09T12:00:00-06:00") << u"antom.mercadopago"_s;
    QTest::addRow("antom mercadopago paid awaiting final")
        << Order(antom("MERCADOPAGO_PE", "PENDING", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-05:00")
                     .paid("2026-03-02T12:00:00-05:00"))
        << t("2026-03-02T13:00:00-05:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-09T12:00:00-05:00") << u"antom.mercadopago"_s;
    QTest::addRow("antom mercadopago paid time unknown: from creation")
        << Order(antom("MERCADOPAGO_CL", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-02T13:00:00-03:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-08T10:00:00-03:00") << u"antom.mercadopago"_s;

    // Antom: all other methods
    QTest::addRow("antom other unpaid") << Order(
        antom("ALIPAY_CN", "PROCESSING", NormStatus::Pending).created("2026-03-01T10:00:00+08:00"))
                                        << t("2026-03-01T10:13:59+08:00") << u"yes"_s << u"none"_s
                                        << u"nothing"_s << u"none"_s
                                        << t("2026-03-01T10:14:00+08:00") << u"antom.other"_s;
    QTest::addRow("antom other paid at 23:59")
        << Order(antom("GCASH", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T23:58:00+08:00")
                     .paid("2026-03-01T23:59:00+08:00"))
        << t("2026-03-02T00:14:00+08:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-02T00:15:00+08:00") << u"antom.other"_s;
    QTest::addRow("antom other paid awaiting final, warned")
        << Order(antom("KAKAOPAY", "PENDING", NormStatus::Pending)
                     .created("2026-03-01T11:00:00+08:00")
                     .paid("2026-03-01T11:01:00+08:00"))
        << t("2026-03-01T12:00:00+08:00") << u"warn"_s << u"none"_s << u"nothing"_s
        << u"final_result_awaited"_s << t("2026-03-02T00:15:00+08:00") << u"antom.other"_s;
    QTest::addRow("antom other awaiting final, paid time unknown") << Order(
        antom("TRUEMONEY", "PENDING", NormStatus::Pending).created("2026-03-01T00:10:00+08:00"))
                                                                   << t("2026-03-01T12:00:00+08:00")
                                                                   << u"warn"_s << u"none"_s
                                                                   << u"nothing"_s
                                                                   << u"final_result_awaited"_s
                                                                   << t("2026-03-02T00:15:00+08:00")
                                                                   << u"antom.other"_s;
    QTest::addRow("antom other refunded never")
        << Order(antom("GCASH", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00+08:00")
                     .paid("2026-03-01T10:00:00+08:00")
                     .flags(refunded))
        << t("2026-03-01T10:05:00+08:00") << u"no"_s << u"refunded"_s << u"refund"_s << u"none"_s
        << none << u"antom.refunded"_s;
    QTest::addRow("antom refunded wins over never-method")
        << Order(antom("DANA", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00+08:00")
                     .flags(refunded))
        << t("2026-03-01T10:05:00+08:00") << u"no"_s << u"refunded"_s << u"refund"_s << u"none"_s
        << none << u"antom.refunded"_s;

    // Liquido
    QTest::addRow("liquido pix in progress")
        << Order(liquido("PIX_DYNAMIC_QR", "IN_PROGRESS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00")
                     .methodDeadline("2026-03-01T11:00:00-03:00"))
        << t("2026-03-01T10:30:00-03:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-01T11:00:00-03:00") << u"liquido.pix"_s;
    QTest::addRow("liquido pix without expiry: no deadline")
        << Order(liquido("PIX_DYNAMIC_QR", "IN_PROGRESS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-09T10:30:00-03:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << none << u"liquido.pix"_s;
    QTest::addRow("liquido pix initial status: refund")
        << Order(liquido("PIX_DYNAMIC_QR", "INITIAL_STATUS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00")
                     .methodDeadline("2026-03-01T11:00:00-03:00"))
        << t("2026-03-01T10:30:00-03:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"liquido.pix"_s;
    QTest::addRow("liquido pix settled: refund")
        << Order(liquido("PIX_DYNAMIC_QR", "SETTLED", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-01T10:30:00-03:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"liquido.pix"_s;
    QTest::addRow("liquido boleto with due date")
        << Order(liquido("BOLETO", "IN_PROGRESS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00")
                     .methodDeadline("2026-03-04T23:59:59-03:00"))
        << t("2026-03-02T10:30:00-03:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-04T23:59:59-03:00") << u"liquido.boleto"_s;
    QTest::addRow("liquido boleto without due date") << Order(
        liquido("BOLETO", "IN_PROGRESS", NormStatus::Pending).created("2026-03-01T10:00:00-03:00"))
                                                     << t("2026-05-02T10:30:00-03:00") << u"yes"_s
                                                     << u"none"_s << u"nothing"_s << u"none"_s
                                                     << none << u"liquido.boleto"_s;
    QTest::addRow("liquido credit card authorised")
        << Order(liquido("CREDIT_CARD", "AUTHORIZED", NormStatus::Authorized)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-07T10:00:00-03:00") << u"yes"_s << u"none"_s << u"nothing"_s << u"none"_s
        << t("2026-03-08T10:00:00-03:00") << u"liquido.card"_s;
    QTest::addRow("liquido card (doc spelling) authorised") << Order(
        liquido("CARD", "AUTHORIZED", NormStatus::Authorized).created("2026-03-01T10:00:00-03:00"))
                                                            << t("2026-03-01T10:00:01-03:00")
                                                            << u"yes"_s << u"none"_s << u"nothing"_s
                                                            << u"none"_s
                                                            << t("2026-03-08T10:00:00-03:00")
                                                            << u"liquido.card"_s;
    QTest::addRow("liquido card settled: refund")
        << Order(liquido("CREDIT_CARD", "SETTLED", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-01T10:00:01-03:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"liquido.card"_s;
    QTest::addRow("liquido picpay in progress: no deadline") << Order(
        liquido("PIC_PAY", "IN_PROGRESS", NormStatus::Pending).created("2026-03-01T10:00:00-03:00"))
                                                             << t("2026-06-01T10:00:00-03:00")
                                                             << u"yes"_s << u"none"_s
                                                             << u"nothing"_s << u"none"_s << none
                                                             << u"liquido.picpay"_s;
    QTest::addRow("liquido picpay initial: refund")
        << Order(liquido("PIC_PAY", "INITIAL_STATUS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-01T10:00:01-03:00") << u"no"_s << u"status_not_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"liquido.picpay"_s;
    QTest::addRow("liquido pix static never")
        << Order(liquido("PIX_STATIC_QR", "IN_PROGRESS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-01T10:00:01-03:00") << u"no"_s << u"method_never_cancellable"_s << u"refund"_s
        << u"none"_s << none << u"liquido.other"_s;
    QTest::addRow("liquido ame never") << Order(
        liquido("AME_QR", "IN_PROGRESS", NormStatus::Pending).created("2026-03-01T10:00:00-03:00"))
                                       << t("2026-03-01T10:00:01-03:00") << u"no"_s
                                       << u"method_never_cancellable"_s << u"refund"_s << u"none"_s
                                       << none << u"liquido.other"_s;
    QTest::addRow("liquido refunded")
        << Order(liquido("CREDIT_CARD", "REFUNDED", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00-03:00")
                     .flags(refunded))
        << t("2026-03-01T10:00:01-03:00") << u"no"_s << u"refunded"_s << u"refund"_s << u"none"_s
        << none << u"liquido.refunded"_s;
}

void TestCancelPolicy::defaults()
{
    QFETCH(Order, order);
    QFETCH(QDateTime, now);
    QFETCH(QString, eligible);
    QFETCH(QString, reason);
    QFETCH(QString, instead);
    QFETCH(QString, warning);
    QFETCH(QDateTime, deadline);
    QFETCH(QString, rule);

    const CancelPolicy policy = shippedPolicy();
    const PolicyDecision d = policy.decide(order, now);
    QCOMPARE(eligibilityKey(d.eligibility), eligible);
    QCOMPARE(ineligibleReasonKey(d.reason), reason);
    QCOMPARE(insteadKey(d.instead), instead);
    QCOMPARE(policyWarningKey(d.warning), warning);
    QCOMPARE(d.deadlineUtc, deadline);
    if (deadline.isValid())
        QCOMPARE(d.deadlineUtc.timeSpec(), Qt::UTC);
    QCOMPARE(d.ruleId, rule);
    QVERIFY(d.providerZone.isValid());
    QCOMPARE(d.isEligible(), eligible != u"no");
    // deadline() answers the same, independent of the clock — except that a
    // rule-level "no" has no window at all.
    QCOMPARE(policy.deadline(order), deadline);
}

// For each kind of deadline: eligible one second before, closed at and after,
// and the closed decision keeps the deadline and names what to do instead.
void TestCancelPolicy::windowEdges_data()
{
    QTest::addColumn<Order>("order");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<QString>("afterDeadline");

    QTest::addRow("uqpay card created+30min")
        << Order(uqpay("CARD", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << t("2026-03-01T10:30:00Z") << u"refresh"_s;
    QTest::addRow("uqpay wallet created+30min")
        << Order(uqpay("GRABPAY", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << t("2026-03-01T10:30:00Z") << u"refresh"_s;
    QTest::addRow("uqpay wallet 23:00 cut-off")
        << Order(uqpay("WECHATPAY", "SUCCEEDED", NormStatus::Succeeded)
                     .created("2026-03-01T08:00:00+08:00")
                     .paid("2026-03-01T08:01:00+08:00"))
        << t("2026-03-01T23:00:00+08:00") << u"refund"_s;
    QTest::addRow("antom thai created+14min")
        << Order(antom("ONLINEBANKING_KTB", "PROCESSING", NormStatus::Pending)
                     .created("2026-03-01T10:00:00Z"))
        << t("2026-03-01T10:14:00Z") << u"refresh"_s;
    QTest::addRow("antom card paid+7d") << Order(antom("CARD", "SUCCESS", NormStatus::Authorized)
                                                     .created("2026-03-01T09:00:00Z")
                                                     .paid("2026-03-01T10:00:00Z"))
                                        << t("2026-03-08T10:00:00Z") << u"refund"_s;
    QTest::addRow("antom card authExpiry cap")
        << Order(antom("CARD", "SUCCESS", NormStatus::Authorized)
                     .created("2026-03-01T09:00:00Z")
                     .paid("2026-03-01T10:00:00Z")
                     .authExpires("2026-03-04T06:30:00Z"))
        << t("2026-03-04T06:30:00Z") << u"refund"_s;
    QTest::addRow("antom mercadopago created+7d") << Order(
        antom("MERCADOPAGO_BR", "PROCESSING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
                                                  << t("2026-03-08T10:00:00Z") << u"refresh"_s;
    QTest::addRow("antom mercadopago paid+7d")
        << Order(antom("MERCADOPAGO_BR", "SUCCESS", NormStatus::Succeeded)
                     .created("2026-03-01T10:00:00Z")
                     .paid("2026-03-01T11:00:00Z"))
        << t("2026-03-08T11:00:00Z") << u"refund"_s;
    QTest::addRow("antom other created+14min") << Order(
        antom("ALIPAY_HK", "PROCESSING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
                                               << t("2026-03-01T10:14:00Z") << u"refresh"_s;
    QTest::addRow("antom other T+1 00:15") << Order(antom("GCASH", "SUCCESS", NormStatus::Succeeded)
                                                        .created("2026-03-01T12:00:00+08:00")
                                                        .paid("2026-03-01T12:00:00+08:00"))
                                           << t("2026-03-02T00:15:00+08:00") << u"refund"_s;
    QTest::addRow("antom other pending T+1 00:15")
        << Order(antom("GCASH", "PENDING", NormStatus::Pending)
                     .created("2026-03-01T12:00:00+08:00")
                     .paid("2026-03-01T12:00:00+08:00"))
        << t("2026-03-02T00:15:00+08:00") << u"refund"_s;
    QTest::addRow("liquido pix expiry")
        << Order(liquido("PIX_DYNAMIC_QR", "IN_PROGRESS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00")
                     .methodDeadline("2026-03-01T10:30:00-03:00"))
        << t("2026-03-01T10:30:00-03:00") << u"refresh"_s;
    QTest::addRow("liquido boleto due")
        << Order(liquido("BOLETO", "IN_PROGRESS", NormStatus::Pending)
                     .created("2026-03-01T10:00:00-03:00")
                     .methodDeadline("2026-03-03T00:00:00-03:00"))
        << t("2026-03-03T00:00:00-03:00") << u"refresh"_s;
    QTest::addRow("liquido card created+7d")
        << Order(liquido("CREDIT_CARD", "AUTHORIZED", NormStatus::Authorized)
                     .created("2026-03-01T10:00:00-03:00"))
        << t("2026-03-08T10:00:00-03:00") << u"refresh"_s;
}

void TestCancelPolicy::windowEdges()
{
    QFETCH(Order, order);
    QFETCH(QDateTime, deadline);
    QFETCH(QString, afterDeadline);

    const CancelPolicy policy = shippedPolicy();
    QCOMPARE(policy.deadline(order), deadline);

    const PolicyDecision before = policy.decide(order, deadline.addSecs(-1));
    QVERIFY(before.isEligible());
    QCOMPARE(before.deadlineUtc, deadline);
    QCOMPARE(before.reason, IneligibleReason::None);

    for (const qint64 offset : {qint64(0), qint64(1), qint64(86400 * 30)}) {
        const PolicyDecision after = policy.decide(order, deadline.addSecs(offset));
        QVERIFY2(!after.isEligible(), qPrintable(u"%1 s after the deadline"_s.arg(offset)));
        QCOMPARE(after.reason, IneligibleReason::WindowClosed);
        QCOMPARE(insteadKey(after.instead), afterDeadline);
        QCOMPARE(after.warning, PolicyWarning::None);
        QCOMPARE(after.deadlineUtc, deadline);
        QVERIFY(after.providerZone.isValid());
        QCOMPARE(after.ruleId, before.ruleId);
    }
}

void TestCancelPolicy::genericChecks_data()
{
    QTest::addColumn<Order>("order");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("instead");

    const StatusFlags conflict = StatusFlag::Conflict;
    const StatusFlags chargedBack = StatusFlag::ChargedBack;
    const StatusFlags refundedConflict = StatusFlag::Refunded | StatusFlag::Conflict;

    for (Provider p : allProviders()) {
        const QByteArray name = providerKey(p).toLatin1();
        auto make = [p](const char *raw, NormStatus s) {
            OrderBuilder b(p, "CARD", raw, s);
            b.created("2026-03-01T10:00:00Z");
            return b;
        };
        QTest::addRow("%s cancelled", name.constData())
            << Order(make("CANCELLED", NormStatus::Cancelled)) << u"already_cancelled"_s
            << u"nothing"_s;
        QTest::addRow("%s failed", name.constData())
            << Order(make("FAILED", NormStatus::Failed)) << u"payment_failed"_s << u"nothing"_s;
        QTest::addRow("%s unknown", name.constData())
            << Order(make("WHATEVER", NormStatus::Unknown)) << u"status_unknown"_s << u"refresh"_s;
        QTest::addRow("%s conflict on a pending order", name.constData())
            << Order(make("PENDING", NormStatus::Pending).flags(conflict)) << u"conflict"_s
            << u"review_conflict"_s;
        QTest::addRow("%s conflict wins over cancelled", name.constData())
            << Order(make("CANCELLED", NormStatus::Cancelled).flags(conflict)) << u"conflict"_s
            << u"review_conflict"_s;
        QTest::addRow("%s conflict wins over refunded", name.constData())
            << Order(make("SUCCESS", NormStatus::Succeeded).flags(refundedConflict))
            << u"conflict"_s << u"review_conflict"_s;
        QTest::addRow("%s charged back", name.constData())
            << Order(make("CHARGED_BACK", NormStatus::Succeeded).flags(chargedBack))
            << u"charged_back"_s << u"contact_support"_s;
    }
}

void TestCancelPolicy::genericChecks()
{
    QFETCH(Order, order);
    QFETCH(QString, reason);
    QFETCH(QString, instead);

    const CancelPolicy policy = shippedPolicy();
    const PolicyDecision d = policy.decide(order, t("2026-03-01T10:01:00Z"));
    QCOMPARE(d.eligibility, Eligibility::NotEligible);
    QCOMPARE(ineligibleReasonKey(d.reason), reason);
    QCOMPARE(insteadKey(d.instead), instead);
    QVERIFY(d.ruleId.isEmpty());
    QVERIFY(!d.deadlineUtc.isValid());
    QCOMPARE(d.providerZone, policy.providerTimeZone(order.provider));
}

// Antom's T+1 00:15 UTC+8 cut-off, by payment time.
void TestCancelPolicy::antomCutoff_data()
{
    QTest::addColumn<QDateTime>("paid");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<qint64>("windowSeconds");

    QTest::addRow("23:59 UTC+8: 16 minutes")
        << t("2026-03-01T23:59:00+08:00") << t("2026-03-02T00:15:00+08:00") << qint64(16 * 60);
    QTest::addRow("00:10 UTC+8: 24h05m")
        << t("2026-03-01T00:10:00+08:00") << t("2026-03-02T00:15:00+08:00")
        << qint64(24 * 3600 + 5 * 60);
    QTest::addRow("00:15 UTC+8: a whole day")
        << t("2026-03-01T00:15:00+08:00") << t("2026-03-02T00:15:00+08:00") << qint64(24 * 3600);
    QTest::addRow("00:00 UTC+8") << t("2026-03-01T00:00:00+08:00") << t("2026-03-02T00:15:00+08:00")
                                 << qint64(24 * 3600 + 15 * 60);
    QTest::addRow("16:30 UTC is already the next day in UTC+8")
        << t("2026-03-01T16:30:00Z") << t("2026-03-03T00:15:00+08:00")
        << qint64(23 * 3600 + 45 * 60);
    QTest::addRow("month end") << t("2026-02-28T21:00:00+08:00") << t("2026-03-01T00:15:00+08:00")
                               << qint64(3 * 3600 + 15 * 60);
    QTest::addRow("year end") << t("2026-12-31T23:59:59+08:00") << t("2027-01-01T00:15:00+08:00")
                              << qint64(15 * 60 + 1);
}

void TestCancelPolicy::antomCutoff()
{
    QFETCH(QDateTime, paid);
    QFETCH(QDateTime, deadline);
    QFETCH(qint64, windowSeconds);

    Order order = antom("ALIPAY_CN", "SUCCESS", NormStatus::Succeeded);
    order.createdAt = paid.addSecs(-30);
    order.paidAt = paid;
    const CancelPolicy policy = shippedPolicy();
    const PolicyDecision d = policy.decide(order, paid);
    QVERIFY(d.isEligible());
    QCOMPARE(d.deadlineUtc, deadline);
    QCOMPARE(paid.secsTo(d.deadlineUtc), windowSeconds);
    QCOMPARE(timeZoneLabel(d.providerZone), u"UTC+8"_s);
    QCOMPARE(d.deadlineUtc.toTimeZone(d.providerZone).time(), QTime(0, 15));

    // Antom's clock, not the merchant's: a different Antom zone in config does
    // not move the cut-off.
    CancelPolicy moved = policy;
    moved.setProviderTimeZone(Provider::Antom, QTimeZone(-5 * 3600));
    QCOMPARE(moved.deadline(order), deadline);
}

// UQPAY SUCCEEDED wallets: 23:00 of the transaction day in the merchant zone.
void TestCancelPolicy::uqpayWalletCutoff_data()
{
    QTest::addColumn<QDateTime>("paid");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<bool>("open");

    QTest::addRow("22:30 -> 23:00 same day")
        << t("2026-03-01T22:30:00+08:00") << t("2026-03-01T22:30:00+08:00")
        << t("2026-03-01T23:00:00+08:00") << true;
    QTest::addRow("22:59:59 one second left")
        << t("2026-03-01T22:50:00+08:00") << t("2026-03-01T22:59:59+08:00")
        << t("2026-03-01T23:00:00+08:00") << true;
    QTest::addRow("paid 23:30: already closed")
        << t("2026-03-01T23:30:00+08:00") << t("2026-03-01T23:30:00+08:00")
        << t("2026-03-01T23:00:00+08:00") << false;
    QTest::addRow("paid 00:05: the whole day")
        << t("2026-03-02T00:05:00+08:00") << t("2026-03-02T12:00:00+08:00")
        << t("2026-03-02T23:00:00+08:00") << true;
    QTest::addRow("paid 15:30 UTC is 23:30 UTC+8: closed")
        << t("2026-03-01T15:30:00Z") << t("2026-03-01T15:31:00Z") << t("2026-03-01T15:00:00Z")
        << false;
}

void TestCancelPolicy::uqpayWalletCutoff()
{
    QFETCH(QDateTime, paid);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, deadline);
    QFETCH(bool, open);

    Order order = uqpay("WECHATPAY", "SUCCEEDED", NormStatus::Succeeded);
    order.createdAt = paid.addSecs(-60);
    order.paidAt = paid;
    const PolicyDecision d = shippedPolicy().decide(order, now);
    QCOMPARE(d.deadlineUtc, deadline);
    QCOMPARE(d.isEligible(), open);
    QCOMPARE(d.eligibility, open ? Eligibility::EligibleWithWarning : Eligibility::NotEligible);
    QCOMPARE(d.warning, open ? PolicyWarning::ChannelDependent : PolicyWarning::None);
    QCOMPARE(d.reason, open ? IneligibleReason::None : IneligibleReason::WindowClosed);
    QCOMPARE(timeZoneLabel(d.providerZone), u"UTC+8"_s);
}

void TestCancelPolicy::merchantZoneOverride()
{
    Order order = uqpay("WECHATPAY", "SUCCEEDED", NormStatus::Succeeded);
    order.createdAt = t("2026-03-01T23:29:00+08:00");
    order.paidAt = t("2026-03-01T23:30:00+08:00"); // 22:30 in UTC+7

    const CancelPolicy shipped = shippedPolicy();
    QVERIFY(!shipped.decide(order, order.paidAt).isEligible());

    CancelPolicy bangkok = shipped;
    bangkok.setProviderTimeZone(Provider::Uqpay, QTimeZone(7 * 3600));
    const PolicyDecision d = bangkok.decide(order, order.paidAt);
    QCOMPARE(d.eligibility, Eligibility::EligibleWithWarning);
    QCOMPARE(d.deadlineUtc, t("2026-03-01T23:00:00+07:00"));
    QCOMPARE(timeZoneLabel(d.providerZone), u"UTC+7"_s);
    QCOMPARE(timeZoneLabel(bangkok.providerTimeZone(Provider::Uqpay)), u"UTC+7"_s);

    // Copy on write: the original, and the other providers, are untouched.
    QCOMPARE(shipped.deadline(order), t("2026-03-01T23:00:00+08:00"));
    QCOMPARE(timeZoneLabel(shipped.providerTimeZone(Provider::Uqpay)), u"UTC+8"_s);
    QCOMPARE(timeZoneLabel(bangkok.providerTimeZone(Provider::Liquido)), u"UTC-3"_s);

    // An invalid zone is ignored rather than breaking every cut-off.
    CancelPolicy unchanged = bangkok;
    unchanged.setProviderTimeZone(Provider::Uqpay, QTimeZone());
    QCOMPARE(unchanged.deadline(order), t("2026-03-01T23:00:00+07:00"));

    // Unpaid windows do not depend on the zone.
    Order unpaid = uqpay("WECHATPAY", "PENDING", NormStatus::Pending);
    unpaid.createdAt = t("2026-03-01T10:00:00Z");
    QCOMPARE(bangkok.deadline(unpaid), shipped.deadline(unpaid));
}

void TestCancelPolicy::antomCardAuthExpiryCap_data()
{
    QTest::addColumn<QDateTime>("created");
    QTest::addColumn<QDateTime>("paid");
    QTest::addColumn<QDateTime>("authExpires");
    QTest::addColumn<QDateTime>("deadline");

    const QDateTime none;
    QTest::addRow("no auth expiry: paid+7d")
        << t("2026-03-01T09:00:00Z") << t("2026-03-01T10:00:00Z") << none
        << t("2026-03-08T10:00:00Z");
    QTest::addRow("earlier auth expiry wins")
        << t("2026-03-01T09:00:00Z") << t("2026-03-01T10:00:00Z") << t("2026-03-06T08:00:00Z")
        << t("2026-03-06T08:00:00Z");
    QTest::addRow("later auth expiry ignored")
        << t("2026-03-01T09:00:00Z") << t("2026-03-01T10:00:00Z") << t("2026-03-09T08:00:00Z")
        << t("2026-03-08T10:00:00Z");
    QTest::addRow("auth expiry equal") << t("2026-03-01T09:00:00Z") << t("2026-03-01T10:00:00Z")
                                       << t("2026-03-08T10:00:00Z") << t("2026-03-08T10:00:00Z");
    QTest::addRow("paid unknown: created+7d")
        << t("2026-03-01T09:00:00Z") << none << none << t("2026-03-08T09:00:00Z");
    QTest::addRow("paid unknown, auth expiry earlier")
        << t("2026-03-01T09:00:00Z") << none << t("2026-03-02T09:00:00+08:00")
        << t("2026-03-02T01:00:00Z");
}

void TestCancelPolicy::antomCardAuthExpiryCap()
{
    QFETCH(QDateTime, created);
    QFETCH(QDateTime, paid);
    QFETCH(QDateTime, authExpires);
    QFETCH(QDateTime, deadline);

    Order order = antom("CARD", "SUCCESS", NormStatus::Authorized);
    order.createdAt = created;
    order.paidAt = paid;
    order.authExpiresAt = authExpires;
    const CancelPolicy policy = shippedPolicy();
    QCOMPARE(policy.deadline(order), deadline);
    QVERIFY(policy.decide(order, deadline.addSecs(-1)).isEligible());
    QCOMPARE(policy.decide(order, deadline).reason, IneligibleReason::WindowClosed);
}

void TestCancelPolicy::methodMatching_data()
{
    QTest::addColumn<Order>("order");
    QTest::addColumn<QString>("rule");

    QTest::addRow("lower-case card code")
        << Order(uqpay("visa", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << u"uqpay.card"_s;
    QTest::addRow("padded code") << Order(
        uqpay(" Jcb ", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
                                 << u"uqpay.card"_s;
    QTest::addRow("prefix is not a match")
        << Order(uqpay("CARDX", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << u"uqpay.wallet"_s;
    QTest::addRow("empty method falls to *")
        << Order(uqpay("", "PENDING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << u"uqpay.wallet"_s;
    QTest::addRow("antom lower-case ovo")
        << Order(antom("ovo", "PROCESSING", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << u"antom.never"_s;
    QTest::addRow("antom raw status lower-case")
        << Order(antom("GCASH", "processing", NormStatus::Pending).created("2026-03-01T10:00:00Z"))
        << u"antom.other"_s;
    QTest::addRow("liquido credit_card lower-case")
        << Order(liquido("credit_card", "AUTHORIZED", NormStatus::Authorized)
                     .created("2026-03-01T10:00:00Z"))
        << u"liquido.card"_s;
}

void TestCancelPolicy::methodMatching()
{
    QFETCH(Order, order);
    QFETCH(QString, rule);
    const PolicyDecision d = shippedPolicy().decide(order, t("2026-03-01T10:01:00Z"));
    QCOMPARE(d.ruleId, rule);
}

void TestCancelPolicy::overrides()
{
    // A contract that gives Liquido cards 3 days and makes UQPAY wallets
    // same-day cancellable without the 23:00 cut-off being a warning.
    const QByteArray override = R"({"version": 1, "providers": {
        "liquido": {"rules": [
            {"id": "liquido.card", "methods": ["CREDIT_CARD", "CARD"], "when": [
                {"statuses": ["AUTHORIZED"], "deadline": {"kind": "after_creation", "days": 3},
                 "after_deadline": "contact_support"}]}]},
        "uqpay": {"rules": [
            {"id": "uqpay.wallet", "methods": ["*"], "when": [
                {"statuses": ["SUCCEEDED"],
                 "deadline": {"kind": "local_cutoff", "time": "23:30", "zone": "provider"}}],
             "otherwise": "contact_support"}]}}})";
    const PolicyLoadResult loaded = CancelPolicy::fromJson(shippedJson(), override);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    const CancelPolicy &policy = loaded.policy;

    // Replaced in place: order and ids unchanged.
    QCOMPARE(policy.ruleIds(Provider::Liquido), shippedPolicy().ruleIds(Provider::Liquido));
    QCOMPARE(policy.ruleIds(Provider::Uqpay), shippedPolicy().ruleIds(Provider::Uqpay));

    Order card = liquido("CREDIT_CARD", "AUTHORIZED", NormStatus::Authorized);
    card.createdAt = t("2026-03-01T10:00:00-03:00");
    QCOMPARE(policy.deadline(card), t("2026-03-04T10:00:00-03:00"));
    const PolicyDecision closed = policy.decide(card, t("2026-03-05T10:00:00-03:00"));
    QCOMPARE(closed.reason, IneligibleReason::WindowClosed);
    QCOMPARE(closed.instead, Instead::ContactSupport);

    Order wallet = uqpay("WECHATPAY", "SUCCEEDED", NormStatus::Succeeded);
    wallet.createdAt = t("2026-03-01T23:10:00+08:00");
    wallet.paidAt = t("2026-03-01T23:10:00+08:00");
    const PolicyDecision d = policy.decide(wallet, wallet.paidAt);
    QCOMPARE(d.eligibility, Eligibility::Eligible);
    QCOMPARE(d.deadlineUtc, t("2026-03-01T23:30:00+08:00"));

    // The replaced rule no longer knows unpaid wallets: its "otherwise" applies.
    Order unpaid = uqpay("WECHATPAY", "PENDING", NormStatus::Pending);
    unpaid.createdAt = t("2026-03-01T10:00:00Z");
    const PolicyDecision u = policy.decide(unpaid, t("2026-03-01T10:01:00Z"));
    QCOMPARE(u.reason, IneligibleReason::StatusNotCancellable);
    QCOMPARE(u.instead, Instead::ContactSupport);
    QCOMPARE(u.ruleId, u"uqpay.wallet"_s);

    // Untouched providers keep their defaults.
    Order gcash = antom("GCASH", "SUCCESS", NormStatus::Succeeded);
    gcash.paidAt = t("2026-03-01T23:59:00+08:00");
    QCOMPARE(policy.deadline(gcash), t("2026-03-02T00:15:00+08:00"));
}

void TestCancelPolicy::overrideAddsRuleFirst()
{
    // A contract term for one Antom method, and a second new rule: both go
    // before the defaults, in the file's order, so they win over antom.other.
    const QByteArray override = R"({"version": 1, "providers": {"antom": {"rules": [
        {"id": "contract.gcash", "methods": ["GCASH"], "when": [
            {"raw_statuses": ["SUCCESS"], "deadline": {"kind": "after_payment", "hours": 2}}]},
        {"id": "contract.dana", "methods": ["DANA"], "when": [
            {"raw_statuses": ["PROCESSING"], "deadline": {"kind": "after_creation", "minutes": 5}}]}
    ]}}})";
    const PolicyLoadResult loaded = CancelPolicy::fromJson(shippedJson(), override);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    const QStringList ids = loaded.policy.ruleIds(Provider::Antom);
    QCOMPARE(ids.mid(0, 2), (QStringList{u"contract.gcash"_s, u"contract.dana"_s}));
    QCOMPARE(ids.mid(2), shippedPolicy().ruleIds(Provider::Antom));

    Order gcash = antom("GCASH", "SUCCESS", NormStatus::Succeeded);
    gcash.createdAt = t("2026-03-01T09:00:00Z");
    gcash.paidAt = t("2026-03-01T10:00:00Z");
    const PolicyDecision d = loaded.policy.decide(gcash, t("2026-03-01T11:00:00Z"));
    QCOMPARE(d.ruleId, u"contract.gcash"_s);
    QCOMPARE(d.deadlineUtc, t("2026-03-01T12:00:00Z"));

    // A contract may even allow what the defaults never do…
    Order dana = antom("DANA", "PROCESSING", NormStatus::Pending);
    dana.createdAt = t("2026-03-01T09:00:00Z");
    QCOMPARE(loaded.policy.decide(dana, t("2026-03-01T09:04:59Z")).ruleId, u"contract.dana"_s);
    QVERIFY(loaded.policy.decide(dana, t("2026-03-01T09:04:59Z")).isEligible());
    // …but the refunded block still comes first.
    dana.flags = StatusFlag::Refunded;
    QCOMPARE(loaded.policy.decide(dana, t("2026-03-01T09:04:59Z")).reason,
             IneligibleReason::Refunded);
    // Other methods still reach the defaults.
    Order other = antom("KAKAOPAY", "SUCCESS", NormStatus::Succeeded);
    other.paidAt = t("2026-03-01T10:00:00+08:00");
    QCOMPARE(loaded.policy.decide(other, other.paidAt).ruleId, u"antom.other"_s);
}

void TestCancelPolicy::overrideBlockedAndZone()
{
    const QByteArray override = R"({"version": 1, "providers": {
        "uqpay": {"timezone": "+07:00"},
        "liquido": {"timezone": "America/Sao_Paulo"},
        "antom": {"blocked": [{"id": "antom.refunded", "flags": ["refunded"],
                               "reason": "refunded", "instead": "contact_support"}]}}})";
    const PolicyLoadResult loaded = CancelPolicy::fromJson(shippedJson(), override);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(timeZoneLabel(loaded.policy.providerTimeZone(Provider::Uqpay)), u"UTC+7"_s);
    QCOMPARE(timeZoneLabel(loaded.policy.providerTimeZone(Provider::Liquido)),
             u"America/Sao_Paulo"_s);
    QCOMPARE(timeZoneLabel(loaded.policy.providerTimeZone(Provider::Antom)), u"UTC+8"_s);

    Order wallet = uqpay("GRABPAY", "SUCCEEDED", NormStatus::Succeeded);
    wallet.paidAt = t("2026-03-01T12:00:00Z");
    QCOMPARE(loaded.policy.deadline(wallet), t("2026-03-01T23:00:00+07:00"));

    Order refunded = antom("GCASH", "SUCCESS", NormStatus::Succeeded);
    refunded.paidAt = t("2026-03-01T12:00:00Z");
    refunded.flags = StatusFlag::Refunded;
    const PolicyDecision d = loaded.policy.decide(refunded, refunded.paidAt);
    QCOMPARE(d.reason, IneligibleReason::Refunded);
    QCOMPARE(d.instead, Instead::ContactSupport);
    // No rules given: the defaults stay.
    QCOMPARE(loaded.policy.ruleIds(Provider::Uqpay), shippedPolicy().ruleIds(Provider::Uqpay));
}

void TestCancelPolicy::noMatchingRule()
{
    const QByteArray rules = uqpayWithRule(R"({"id": "uqpay.card", "methods": ["CARD"], "when": [
        {"statuses": ["PENDING"], "deadline": {"kind": "after_creation", "minutes": 30}}]})");
    const PolicyLoadResult loaded = CancelPolicy::fromJson(rules);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));

    Order wallet = uqpay("WECHATPAY", "PENDING", NormStatus::Pending);
    wallet.createdAt = t("2026-03-01T10:00:00Z");
    const PolicyDecision d = loaded.policy.decide(wallet, t("2026-03-01T10:01:00Z"));
    QCOMPARE(d.eligibility, Eligibility::NotEligible);
    QCOMPARE(d.reason, IneligibleReason::StatusNotCancellable);
    QCOMPARE(d.instead, Instead::Refund);
    QVERIFY(d.ruleId.isEmpty());

    // A provider with an empty rule list decides nothing either.
    Order antomOrder = antom("GCASH", "PROCESSING", NormStatus::Pending);
    antomOrder.createdAt = t("2026-03-01T10:00:00Z");
    QVERIFY(!loaded.policy.decide(antomOrder, t("2026-03-01T10:01:00Z")).isEligible());

    // The rule that matches still works; "otherwise" defaults to refund.
    Order card = uqpay("CARD", "PENDING", NormStatus::Pending);
    card.createdAt = t("2026-03-01T10:00:00Z");
    QVERIFY(loaded.policy.decide(card, t("2026-03-01T10:01:00Z")).isEligible());
    card.status = NormStatus::Authorized;
    QCOMPARE(loaded.policy.decide(card, t("2026-03-01T10:01:00Z")).instead, Instead::Refund);
}

void TestCancelPolicy::loadErrors_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QByteArray>("override");
    // Text the message must contain (the part of the file that is wrong).
    QTest::addColumn<QString>("mentions");

    const QByteArray valid = shippedJson();
    const QByteArray okEntry = R"({"statuses": ["PENDING"], "deadline": {"kind": "none"}})";

    QTest::addRow("bad json") << QByteArray("{\"version\": 1,") << QByteArray() << u"JSON"_s;
    QTest::addRow("not an object") << QByteArray("[1, 2]") << QByteArray() << u"object"_s;
    QTest::addRow("empty document") << QByteArray() << QByteArray() << u"JSON"_s;
    QTest::addRow("wrong version")
        << QByteArray(R"({"version": 2, "providers": {}})") << QByteArray() << u"version"_s;
    QTest::addRow("missing version")
        << QByteArray(R"({"providers": {}})") << QByteArray() << u"version"_s;
    QTest::addRow("unknown top-level key")
        << QByteArray(R"({"version": 1, "providers": {}, "provders": 1})") << QByteArray()
        << u"provders"_s;
    QTest::addRow("unknown provider") << QByteArray(
        R"({"version": 1, "providers": {"stripe": {"timezone": "UTC", "rules": []}}})")
                                      << QByteArray() << u"stripe"_s;
    QTest::addRow("provider missing") << QByteArray(R"({"version": 1, "providers": {
            "uqpay": {"timezone": "UTC", "rules": []}, "antom": {"timezone": "UTC", "rules": []}}})")
                                      << QByteArray() << u"liquido"_s;
    QTest::addRow("missing timezone")
        << rulesDoc(R"({"rules": []})") << QByteArray() << u"timezone"_s;
    QTest::addRow("bad zone") << rulesDoc(R"({"timezone": "+25:00", "rules": []})") << QByteArray()
                              << u"+25:00"_s;
    QTest::addRow("bad named zone") << rulesDoc(R"({"timezone": "Mars/Olympus_Mons", "rules": []})")
                                    << QByteArray() << u"uqpay"_s;
    QTest::addRow("zone not text")
        << rulesDoc(R"({"timezone": 8, "rules": []})") << QByteArray() << u"timezone"_s;
    QTest::addRow("rule without id")
        << uqpayWithRule(R"({"methods": ["*"], "when": []})") << QByteArray() << u"id"_s;
    QTest::addRow("duplicate id") << uqpayWithRule(R"({"id": "x", "methods": ["*"], "when": []},
                            {"id": "x", "methods": ["CARD"], "when": []})")
                                  << QByteArray() << u"\"x\""_s;
    QTest::addRow("methods missing")
        << uqpayWithRule(R"({"id": "uqpay.test", "when": []})") << QByteArray() << u"methods"_s;
    QTest::addRow("methods empty")
        << uqpayWithRule(R"({"id": "uqpay.test", "methods": [], "when": []})") << QByteArray()
        << u"methods"_s;
    QTest::addRow("when missing") << uqpayWithRule(R"({"id": "uqpay.test", "methods": ["*"]})")
                                  << QByteArray() << u"uqpay.test"_s;
    QTest::addRow("never with when")
        << uqpayWithRule(R"({"id": "uqpay.test", "methods": ["*"], "never": true, "when": []})")
        << QByteArray() << u"when"_s;
    QTest::addRow("unknown reason") << uqpayWithRule(
        R"({"id": "uqpay.test", "methods": ["*"], "never": true, "reason": "because"})")
                                    << QByteArray() << u"because"_s;
    QTest::addRow("reason none") << uqpayWithRule(
        R"({"id": "uqpay.test", "methods": ["*"], "never": true, "reason": "none"})")
                                 << QByteArray() << u"uqpay.test"_s;
    QTest::addRow("unknown instead") << uqpayWithRule(
        R"({"id": "uqpay.test", "methods": ["*"], "never": true, "instead": "pray"})")
                                     << QByteArray() << u"pray"_s;
    QTest::addRow("unknown otherwise")
        << uqpayWithRule(R"({"id": "uqpay.test", "methods": ["*"], "when": [], "otherwise": "x"})")
        << QByteArray() << u"otherwise"_s;
    QTest::addRow("unknown rule key") << uqpayWithRule(
        R"({"id": "uqpay.test", "methods": ["*"], "when": [], "otherwse": "refund"})")
                                      << QByteArray() << u"otherwse"_s;
    QTest::addRow("entry without statuses")
        << uqpayWithEntry(R"({"deadline": {"kind": "none"}})") << QByteArray() << u"statuses"_s;
    QTest::addRow("unknown status")
        << uqpayWithEntry(R"({"statuses": ["PAID"], "deadline": {"kind": "none"}})") << QByteArray()
        << u"PAID"_s;
    QTest::addRow("unknown warning") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "none"}, "warning": "careful"})")
                                     << QByteArray() << u"careful"_s;
    QTest::addRow("unknown after_deadline") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "none"}, "after_deadline": "x"})")
                                            << QByteArray() << u"after_deadline"_s;
    QTest::addRow("misspelt entry key") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "none"}, "after_deadlin": "refund"})")
                                        << QByteArray() << u"after_deadlin"_s;
    QTest::addRow("deadline missing")
        << uqpayWithEntry(R"({"statuses": ["PENDING"]})") << QByteArray() << u"deadline"_s;
    QTest::addRow("unknown deadline kind")
        << uqpayWithEntry(R"({"statuses": ["PENDING"], "deadline": {"kind": "eventually"}})")
        << QByteArray() << u"eventually"_s;
    QTest::addRow("deadline kind missing")
        << uqpayWithEntry(R"({"statuses": ["PENDING"], "deadline": {"minutes": 5}})")
        << QByteArray() << u"uqpay.test"_s;
    QTest::addRow("duration zero") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "after_creation", "minutes": 0}})")
                                   << QByteArray() << u"minutes"_s;
    QTest::addRow("duration negative") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "after_creation", "days": -1}})")
                                       << QByteArray() << u"days"_s;
    QTest::addRow("duration fraction") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "after_payment", "hours": 1.5}})")
                                       << QByteArray() << u"hours"_s;
    QTest::addRow("duration as text") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "after_creation", "minutes": "30"}})")
                                      << QByteArray() << u"minutes"_s;
    QTest::addRow("duration huge") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "after_creation", "days": 7000}})")
                                   << QByteArray() << u"days"_s;
    QTest::addRow("two units") << uqpayWithEntry(R"({"statuses": ["PENDING"],
               "deadline": {"kind": "after_creation", "minutes": 30, "days": 1}})")
                               << QByteArray() << u"uqpay.test"_s;
    QTest::addRow("no unit") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "after_creation"}})")
                             << QByteArray() << u"uqpay.test"_s;
    QTest::addRow("unknown cap") << uqpayWithEntry(R"({"statuses": ["PENDING"],
               "deadline": {"kind": "after_payment", "days": 7, "cap": "moon"}})")
                                 << QByteArray() << u"moon"_s;
    QTest::addRow("bad time 25:00") << uqpayWithEntry(
        R"({"statuses": ["SUCCEEDED"], "deadline": {"kind": "local_cutoff", "time": "25:00"}})")
                                    << QByteArray() << u"25:00"_s;
    QTest::addRow("bad time 9:00") << uqpayWithEntry(
        R"({"statuses": ["SUCCEEDED"], "deadline": {"kind": "local_cutoff", "time": "9:00"}})")
                                   << QByteArray() << u"9:00"_s;
    QTest::addRow("time missing") << uqpayWithEntry(
        R"({"statuses": ["SUCCEEDED"], "deadline": {"kind": "local_cutoff"}})")
                                  << QByteArray() << u"time"_s;
    QTest::addRow("bad day offset") << uqpayWithEntry(R"({"statuses": ["SUCCEEDED"],
               "deadline": {"kind": "local_cutoff", "time": "23:00", "day_offset": -1}})")
                                    << QByteArray() << u"day_offset"_s;
    QTest::addRow("bad cutoff zone") << uqpayWithEntry(R"({"statuses": ["SUCCEEDED"],
               "deadline": {"kind": "local_cutoff", "time": "23:00", "zone": "UTC+8"}})")
                                     << QByteArray() << u"UTC+8"_s;
    QTest::addRow("key of another kind") << uqpayWithEntry(
        R"({"statuses": ["PENDING"], "deadline": {"kind": "method_deadline", "days": 7}})")
                                         << QByteArray() << u"days"_s;
    QTest::addRow("unknown flag") << rulesDoc(R"({"timezone": "UTC", "rules": [], "blocked": [
               {"id": "b", "flags": ["stolen"], "reason": "refunded"}]})")
                                  << QByteArray() << u"stolen"_s;

    // Errors in an override are reported as such, the defaults being fine.
    QTest::addRow("override bad json") << valid << QByteArray("{") << u"override"_s;
    QTest::addRow("override unknown deadline kind")
        << valid << QByteArray(R"({"version": 1, "providers": {"antom": {"rules": [
               {"id": "contract.x", "methods": ["*"], "when": [
                   {"statuses": ["PENDING"], "deadline": {"kind": "soon"}}]}]}}})")
        << u"contract.x"_s;
    QTest::addRow("override bad zone")
        << valid << QByteArray(R"({"version": 1, "providers": {"uqpay": {"timezone": "+8"}}})")
        << u"override"_s;
    QTest::addRow("override duplicate id")
        << valid
        << QByteArray(R"({"version": 1, "providers": {"antom": {"rules": [
               {"id": "dup", "methods": ["*"], "when": [)"
                      + okEntry + R"(]},
               {"id": "dup", "methods": ["*"], "when": []}]}}})")
        << u"dup"_s;
    QTest::addRow("override wrong version")
        << valid << QByteArray(R"({"providers": {}})") << u"version"_s;
}

void TestCancelPolicy::loadErrors()
{
    QFETCH(QByteArray, rules);
    QFETCH(QByteArray, override);
    QFETCH(QString, mentions);

    const PolicyLoadResult loaded = CancelPolicy::fromJson(rules, override);
    QVERIFY(!loaded.ok());
    QVERIFY(!loaded.error.isEmpty());
    QVERIFY2(loaded.error.contains(mentions), qPrintable(loaded.error));
    // A failed load leaves nothing eligible rather than half the rules.
    Order order = uqpay("WECHATPAY", "PENDING", NormStatus::Pending);
    order.createdAt = t("2026-03-01T10:00:00Z");
    QVERIFY(!loaded.policy.decide(order, t("2026-03-01T10:01:00Z")).isEligible());
    QVERIFY(loaded.policy.ruleIds(Provider::Uqpay).isEmpty());
}

void TestCancelPolicy::loadOverrideFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const QString good = dir.filePath(u"good.json"_s);
    {
        QFile file(good);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "providers": {"uqpay": {"timezone": "+07:00"}}})");
    }
    const PolicyLoadResult loaded = CancelPolicy::load(good);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(timeZoneLabel(loaded.policy.providerTimeZone(Provider::Uqpay)), u"UTC+7"_s);

    const QString missing = dir.filePath(u"missing.json"_s);
    const PolicyLoadResult absent = CancelPolicy::load(missing);
    QVERIFY(!absent.ok());
    QVERIFY2(absent.error.contains(missing), qPrintable(absent.error));

    const QString empty = dir.filePath(u"empty.json"_s);
    {
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("  \n");
    }
    QVERIFY(!CancelPolicy::load(empty).ok());

    const QString broken = dir.filePath(u"broken.json"_s);
    {
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1, "providers": {"uqpay": {"timezone": "+99:00"}}})");
    }
    const PolicyLoadResult bad = CancelPolicy::load(broken);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error.contains(broken), qPrintable(bad.error));
    QVERIFY2(bad.error.contains(u"uqpay"_s), qPrintable(bad.error));
}

void TestCancelPolicy::defaultConstructedIsSafe()
{
    const CancelPolicy empty;
    Order order = uqpay("CARD", "PENDING", NormStatus::Pending);
    order.createdAt = t("2026-03-01T10:00:00Z");
    const PolicyDecision d = empty.decide(order, t("2026-03-01T10:01:00Z"));
    QCOMPARE(d.eligibility, Eligibility::NotEligible);
    QCOMPARE(d.instead, Instead::Refund);
    QVERIFY(!empty.deadline(order).isValid());
    QVERIFY(empty.providerTimeZone(Provider::Antom).isValid());

    CancelPolicy zoned;
    zoned.setProviderTimeZone(Provider::Antom, QTimeZone(3600));
    QCOMPARE(timeZoneLabel(zoned.providerTimeZone(Provider::Antom)), u"UTC+1"_s);
}

void TestCancelPolicy::timeZoneLabels_data()
{
    QTest::addColumn<QTimeZone>("zone");
    QTest::addColumn<QString>("label");

    QTest::addRow("+8") << QTimeZone(8 * 3600) << u"UTC+8"_s;
    QTest::addRow("+7") << QTimeZone(7 * 3600) << u"UTC+7"_s;
    QTest::addRow("-3") << QTimeZone(-3 * 3600) << u"UTC-3"_s;
    QTest::addRow("+5:30") << QTimeZone(5 * 3600 + 30 * 60) << u"UTC+5:30"_s;
    QTest::addRow("+5:45") << QTimeZone(5 * 3600 + 45 * 60) << u"UTC+5:45"_s;
    QTest::addRow("-9:30") << QTimeZone(-(9 * 3600 + 30 * 60)) << u"UTC-9:30"_s;
    QTest::addRow("+14") << QTimeZone(14 * 3600) << u"UTC+14"_s;
    QTest::addRow("zero offset") << QTimeZone(0) << u"UTC"_s;
    QTest::addRow("utc()") << QTimeZone::utc() << u"UTC"_s;
    QTest::addRow("named") << QTimeZone("Asia/Shanghai") << u"Asia/Shanghai"_s;
    QTest::addRow("named Sao Paulo") << QTimeZone("America/Sao_Paulo") << u"America/Sao_Paulo"_s;
    QTest::addRow("invalid") << QTimeZone() << QString();
}

void TestCancelPolicy::timeZoneLabels()
{
    QFETCH(QTimeZone, zone);
    QFETCH(QString, label);
    QCOMPARE(timeZoneLabel(zone), label);
}

void TestCancelPolicy::parseTimeZones_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("label");

    QTest::addRow("+08:00") << u"+08:00"_s << true << u"UTC+8"_s;
    QTest::addRow("-03:00") << u"-03:00"_s << true << u"UTC-3"_s;
    QTest::addRow("+05:30") << u"+05:30"_s << true << u"UTC+5:30"_s;
    QTest::addRow("padded") << u" +07:00 "_s << true << u"UTC+7"_s;
    QTest::addRow("UTC") << u"UTC"_s << true << u"UTC"_s;
    QTest::addRow("Z") << u"Z"_s << true << u"UTC"_s;
    QTest::addRow("+00:00") << u"+00:00"_s << true << u"UTC"_s;
    QTest::addRow("IANA") << u"Asia/Bangkok"_s << true << u"Asia/Bangkok"_s;
    QTest::addRow("+14:00 is the limit") << u"+14:00"_s << true << u"UTC+14"_s;
    QTest::addRow("+14:01") << u"+14:01"_s << false << QString();
    QTest::addRow("+25:00") << u"+25:00"_s << false << QString();
    QTest::addRow("+08:60") << u"+08:60"_s << false << QString();
    QTest::addRow("+8") << u"+8"_s << false << QString();
    QTest::addRow("08:00 without sign") << u"08:00"_s << false << QString();
    QTest::addRow("UTC+8 notation") << u"UTC+8"_s << false << QString();
    QTest::addRow("unknown name") << u"Mars/Olympus_Mons"_s << false << QString();
    QTest::addRow("empty") << QString() << false << QString();
}

void TestCancelPolicy::parseTimeZones()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, label);

    const std::optional<QTimeZone> zone = parseTimeZone(text);
    QCOMPARE(zone.has_value(), valid);
    if (zone) {
        QVERIFY(zone->isValid());
        QCOMPARE(timeZoneLabel(*zone), label);
    }
}

void TestCancelPolicy::keysRoundTrip()
{
    const QList<IneligibleReason> reasons{
        IneligibleReason::None,
        IneligibleReason::AlreadyCancelled,
        IneligibleReason::PaymentFailed,
        IneligibleReason::StatusUnknown,
        IneligibleReason::Conflict,
        IneligibleReason::MethodNeverCancellable,
        IneligibleReason::StatusNotCancellable,
        IneligibleReason::WindowClosed,
        IneligibleReason::Refunded,
        IneligibleReason::ChargedBack,
    };
    QStringList keys;
    for (IneligibleReason r : reasons) {
        const QString key = ineligibleReasonKey(r);
        QVERIFY(!key.isEmpty());
        QCOMPARE(ineligibleReasonFromKey(key), std::optional(r));
        keys.append(key);
    }
    keys.removeDuplicates();
    QCOMPARE(keys.size(), reasons.size());
    QCOMPARE(ineligibleReasonKey(IneligibleReason::WindowClosed), u"window_closed"_s);

    const QList<Instead> insteads{Instead::Nothing,        Instead::Refund,
                                  Instead::RefreshStatus,  Instead::ContactSupport,
                                  Instead::ReviewConflict, Instead::WaitForFinalStatus};
    for (Instead i : insteads)
        QCOMPARE(insteadFromKey(insteadKey(i)), std::optional(i));
    QCOMPARE(insteadKey(Instead::RefreshStatus), u"refresh"_s);
    QCOMPARE(insteadKey(Instead::WaitForFinalStatus), u"wait"_s);

    for (PolicyWarning w :
         {PolicyWarning::None, PolicyWarning::ChannelDependent, PolicyWarning::FinalResultAwaited})
        QCOMPARE(policyWarningFromKey(policyWarningKey(w)), std::optional(w));
    QCOMPARE(policyWarningKey(PolicyWarning::ChannelDependent), u"channel_dependent"_s);

    QVERIFY(!ineligibleReasonFromKey(u"Window_Closed").has_value());
    QVERIFY(!insteadFromKey(u"").has_value());
    QVERIFY(!policyWarningFromKey(u"careful").has_value());
}

void TestCancelPolicy::textsAreSentences()
{
    QStringList texts;
    for (IneligibleReason r :
         {IneligibleReason::AlreadyCancelled, IneligibleReason::PaymentFailed,
          IneligibleReason::StatusUnknown, IneligibleReason::Conflict,
          IneligibleReason::MethodNeverCancellable, IneligibleReason::StatusNotCancellable,
          IneligibleReason::WindowClosed, IneligibleReason::Refunded,
          IneligibleReason::ChargedBack})
        texts.append(ineligibleReasonText(r));
    for (Instead i :
         {Instead::Nothing, Instead::Refund, Instead::RefreshStatus, Instead::ContactSupport,
          Instead::ReviewConflict, Instead::WaitForFinalStatus})
        texts.append(insteadText(i));
    texts.append(policyWarningText(PolicyWarning::ChannelDependent));
    texts.append(policyWarningText(PolicyWarning::FinalResultAwaited));

    for (const QString &text : std::as_const(texts)) {
        QVERIFY2(text.size() > 10, qPrintable(text));
        QVERIFY2(text.at(0).isUpper(), qPrintable(text));
        QVERIFY2(text.endsWith(u'.'), qPrintable(text));
    }
    const qsizetype count = texts.size();
    texts.removeDuplicates();
    QCOMPARE(texts.size(), count);

    QCOMPARE(ineligibleReasonText(IneligibleReason::WindowClosed),
             u"The cancel window has closed."_s);
    QCOMPARE(insteadText(Instead::Refund), u"Refund the payment instead."_s);
    QVERIFY(ineligibleReasonText(IneligibleReason::None).isEmpty());
    QVERIFY(policyWarningText(PolicyWarning::None).isEmpty());
}

QTEST_GUILESS_MAIN(TestCancelPolicy)
#include "tst_cancelpolicy.moc"
