// The demo payments each simulated provider starts with, and the many more
// --demo-count generates. Times are relative to the sandbox clock's "now", so
// that cancel deadlines fall in the next minutes and hours whenever the
// sandbox starts.

#include "antomsim.h"
#include "domain/money.h"
#include "liquidosim.h"
#include "uqpaysim.h"

#include <algorithm>
#include <cstddef>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

Domain::Money money(qint64 minor, const QString &currency)
{
    return Domain::Money{minor, currency};
}

constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 24 * 3600;

// A well-spread hash of (n, salt): generated payment n always gets the same
// method, status, amount and age, without a random generator to seed.
quint32 mix(int n, quint32 salt)
{
    quint32 x = (quint32(n) * 2654435761U) ^ (salt * 40503U);
    x ^= x >> 15;
    x *= 2246822519U;
    x ^= x >> 13;
    x *= 3266489917U;
    x ^= x >> 16;
    return x;
}

// lo…hi inclusive, picked by h.
qint64 spread(quint32 h, qint64 lo, qint64 hi)
{
    return lo + qint64(h % quint32(hi - lo + 1));
}

// One kind of generated payment: method, status, currency, amount range in
// minor units, age range in seconds. Unpaid kinds are young enough not to
// expire at once (UQPAY 30 min, Antom 14 min).
struct GenKind
{
    const char16_t *method;
    const char16_t *status;
    const char16_t *currency;
    qint64 minMinor;
    qint64 maxMinor;
    qint64 minAgo;
    qint64 maxAgo;
};

template<std::size_t N> const GenKind &pick(const GenKind (&kinds)[N], int n)
{
    return kinds[mix(n, 1) % N];
}

} // namespace

void UqpaySim::seedDemo()
{
    const QDateTime t = now();
    struct Row
    {
        const char16_t *method;
        const char16_t *status;
        qint64 createdAgo;
        qint64 paidAgo; // -1: not paid
        qint64 minor;
        const char16_t *currency;
        const char16_t *orderId;
        const char16_t *description;
    };
    const Row rows[] = {
        {u"card", u"REQUIRES_PAYMENT_METHOD", 5 * kMinute, -1, 1250, u"SGD", u"SO-1001",
         u"Card, awaiting method"},
        {u"card", u"REQUIRES_CUSTOMER_ACTION", 22 * kMinute, -1, 9900, u"USD", u"SO-1002",
         u"Card, 3-D Secure pending"},
        {u"card", u"REQUIRES_CAPTURE", 2 * kHour, -1, 5000, u"JPY", u"SO-1003",
         u"Card, authorised"},
        {u"card", u"PENDING", 1 * kMinute, -1, 150000, u"PHP", u"SO-1004", u"Card, processing"},
        {u"card", u"SUCCEEDED", 1 * kHour, 55 * kMinute, 4500, u"SGD", u"SO-1005",
         u"Card, captured"},
        {u"wechatpay", u"REQUIRES_CUSTOMER_ACTION", 2 * kMinute, -1, 8880, u"CNY", u"SO-1006",
         u"WeChat Pay QR shown"},
        {u"alipaycn", u"REQUIRES_CUSTOMER_ACTION", 26 * kMinute, -1, 26800, u"CNY", u"SO-1007",
         u"Alipay QR shown"},
        {u"grabpay", u"SUCCEEDED", 40 * kMinute, 30 * kMinute, 2390, u"SGD", u"SO-1008",
         u"GrabPay paid today"},
        {u"paynow", u"SUCCEEDED", 26 * kHour, 26 * kHour, 1200, u"SGD", u"SO-1009",
         u"PayNow paid yesterday"},
        {u"wechatpay", u"CANCELLED", 3 * kHour, -1, 3300, u"CNY", u"SO-1010", u"Already cancelled"},
        {u"alipaycn", u"FAILED", 2 * kHour, -1, 990, u"CNY", u"SO-1011", u"Expired unpaid"},
        {u"gcash", u"REQUIRES_CUSTOMER_ACTION", 8 * kMinute, -1, 49900, u"PHP", u"SO-1012",
         u"GCash redirect"},
        // Two intents with one merchant_order_id: UQPAY does not enforce uniqueness.
        {u"card", u"REQUIRES_PAYMENT_METHOD", 3 * kMinute, -1, 2000, u"USD", u"SO-1013",
         u"Duplicate order (1)"},
        {u"card", u"REQUIRES_CUSTOMER_ACTION", 12 * kMinute, -1, 2000, u"USD", u"SO-1013",
         u"Duplicate order (2)"},
    };
    for (const Row &row : rows) {
        UqpayIntent intent;
        intent.id = newIntentId();
        intent.merchantOrderId = QString::fromUtf16(row.orderId);
        intent.amount = money(row.minor, QString::fromUtf16(row.currency));
        intent.methodType = QString::fromUtf16(row.method);
        intent.status = QString::fromUtf16(row.status);
        intent.created = t.addSecs(-row.createdAgo);
        if (row.paidAgo >= 0)
            intent.completed = t.addSecs(-row.paidAgo);
        if (intent.status == "CANCELLED"_L1) {
            intent.cancelled = intent.created.addSecs(5 * kMinute);
            intent.cancellationReason = u"requested_by_customer"_s;
        }
        if (intent.status == "FAILED"_L1) {
            intent.expired = true;
            intent.updated = intent.created.addSecs(30 * kMinute);
        } else if (intent.cancelled.isValid()) {
            intent.updated = intent.cancelled;
        }
        intent.description = QString::fromUtf16(row.description);
        addIntent(intent);
        m_demoIds.append(intent.id);
    }
}

void AntomSim::seedDemo()
{
    const QDateTime t = now();
    struct Row
    {
        const char16_t *method;
        const char16_t *status;
        qint64 createdAgo;
        qint64 paidAgo; // -1: not paid
        qint64 minor;
        const char16_t *currency;
        bool captured;
        bool refunded;
    };
    const Row rows[] = {
        {u"CARD", u"SUCCESS", 70 * kMinute, 69 * kMinute, 12000, u"USD", false, false},
        {u"CARD", u"SUCCESS", 3 * kHour, 3 * kHour, 3500, u"USD", true, false},
        {u"ALIPAY_CN", u"SUCCESS", 12 * kMinute, 10 * kMinute, 26800, u"CNY", false, false},
        {u"GCASH", u"SUCCESS", 2 * kHour, 2 * kHour, 99900, u"PHP", false, false},
        {u"ALIPAY_HK", u"PROCESSING", 3 * kMinute, -1, 15800, u"HKD", false, false},
        {u"KAKAOPAY", u"PENDING", 6 * kMinute, 5 * kMinute, 45000, u"KRW", false, false},
        {u"ONLINEBANKING_SCB", u"PROCESSING", 4 * kMinute, -1, 120000, u"THB", false, false},
        {u"MOBILEBANKING_KBANK", u"SUCCESS", 50 * kMinute, 48 * kMinute, 35000, u"THB", false,
         false},
        {u"MERCADOPAGO_BR", u"SUCCESS", 2 * kDay, 2 * kDay, 18990, u"BRL", false, false},
        {u"DANA", u"SUCCESS", 20 * kMinute, 19 * kMinute, 15000000, u"IDR", false, false},
        {u"ALIPAY_CN", u"SUCCESS", 5 * kHour, 5 * kHour, 8800, u"CNY", false, true},
        {u"TRUEMONEY", u"CANCELLED", 4 * kHour, -1, 9900, u"THB", false, false},
        {u"PAYPAY", u"SUCCESS", 30 * kMinute, 29 * kMinute, 3000, u"JPY", false, false},
        {u"JKOPAY", u"SUCCESS", 15 * kMinute, 14 * kMinute, 50000, u"TWD", false, false},
    };
    int n = 0;
    for (const Row &row : rows) {
        AntomPayment p;
        p.paymentId = newPaymentId();
        p.paymentRequestId = u"pay_sbx_%1_%2"_s.arg(m_idBase).arg(++n, 2, 10, QLatin1Char('0'));
        p.amount = money(row.minor, QString::fromUtf16(row.currency));
        p.method = QString::fromUtf16(row.method);
        p.status = QString::fromUtf16(row.status);
        p.created = t.addSecs(-row.createdAgo);
        if (row.paidAgo >= 0)
            p.paid = t.addSecs(-row.paidAgo);
        p.captured = row.captured;
        p.refunded = row.refunded;
        if (p.method == "CARD"_L1 && p.paid.isValid())
            p.authExpiry = p.paid.addSecs(7 * kDay);
        if (p.status == "CANCELLED"_L1)
            p.cancelled = p.created.addSecs(6 * kMinute);
        addPayment(p);
        m_demoIds.append(p.paymentId);
    }
}

void LiquidoSim::seedDemo()
{
    const QDateTime t = now();
    struct Row
    {
        const char16_t *method;
        const char16_t *status;
        qint64 createdAgo;
        qint64 expiresIn; // 0: no expiration
        qint64 amount;
        const char16_t *description;
    };
    const Row rows[] = {
        {u"PIX_DYNAMIC_QR", u"IN_PROGRESS", 5 * kMinute, 25 * kMinute, 15000,
         u"PIX awaiting payer"},
        {u"PIX_DYNAMIC_QR", u"IN_PROGRESS", 26 * kMinute, 4 * kMinute, 4990,
         u"PIX about to expire"},
        {u"BOLETO", u"IN_PROGRESS", 3 * kHour, 2 * kDay, 25000, u"Boleto issued"},
        {u"CREDIT_CARD", u"AUTHORIZED", 1 * kHour, 0, 79900, u"Card authorised"},
        {u"PIC_PAY", u"IN_PROGRESS", 10 * kMinute, 0, 3500, u"PicPay awaiting payer"},
        {u"PIX_DYNAMIC_QR", u"SETTLED", 2 * kHour, 0, 12000, u"PIX paid"},
        {u"CREDIT_CARD", u"SETTLED", 5 * kHour, 0, 45000, u"Card captured"},
        {u"BOLETO", u"CANCELLED", 1 * kDay, 0, 8000, u"Boleto cancelled"},
        {u"PIX_DYNAMIC_QR", u"REFUNDED", 1 * kDay, 0, 6000, u"PIX refunded"},
    };
    for (const Row &row : rows) {
        LiquidoCharge c;
        c.idempotencyKey = newKey();
        c.method = QString::fromUtf16(row.method);
        c.status = QString::fromUtf16(row.status);
        c.amount = row.amount;
        c.created = t.addSecs(-row.createdAgo);
        if (row.expiresIn > 0)
            c.expiration = t.addSecs(row.expiresIn);
        else if (c.method == "PIX_DYNAMIC_QR"_L1)
            c.expiration = c.created.addSecs(30 * kMinute);
        if (c.status != "IN_PROGRESS"_L1 && c.status != "AUTHORIZED"_L1)
            c.finalStatus = c.created.addSecs(3 * kMinute);
        c.description = QString::fromUtf16(row.description);
        addCharge(c);
        m_demoIds.append(c.idempotencyKey);
    }
}

GeneratedIds UqpaySim::generatedIds()
{
    // "PI" and 19 digits like newIntentId(), whose time-based ids start with PI0.
    return {u"PI9"_s, 18};
}

void UqpaySim::seedGenerated(int count)
{
    // Mostly cards and wallets in the states an operator meets, a few closed.
    static constexpr GenKind kinds[] = {
        {u"card", u"REQUIRES_PAYMENT_METHOD", u"SGD", 500, 50000, kMinute, 25 * kMinute},
        {u"card", u"REQUIRES_CUSTOMER_ACTION", u"USD", 500, 80000, kMinute, 25 * kMinute},
        {u"card", u"REQUIRES_CAPTURE", u"USD", 1000, 250000, 10 * kMinute, 2 * kDay},
        {u"card", u"PENDING", u"PHP", 10000, 500000, kMinute, 10 * kMinute},
        {u"card", u"SUCCEEDED", u"SGD", 500, 120000, 10 * kMinute, 3 * kDay},
        {u"card", u"SUCCEEDED", u"JPY", 300, 60000, 10 * kMinute, 3 * kDay},
        {u"wechatpay", u"REQUIRES_CUSTOMER_ACTION", u"CNY", 100, 200000, kMinute, 25 * kMinute},
        {u"alipaycn", u"SUCCEEDED", u"CNY", 100, 300000, 5 * kMinute, 2 * kDay},
        {u"grabpay", u"SUCCEEDED", u"SGD", 300, 40000, 5 * kMinute, 2 * kDay},
        {u"paynow", u"SUCCEEDED", u"SGD", 300, 90000, 5 * kMinute, 2 * kDay},
        {u"gcash", u"REQUIRES_CUSTOMER_ACTION", u"PHP", 5000, 900000, kMinute, 25 * kMinute},
        {u"wechatpay", u"CANCELLED", u"CNY", 100, 100000, kHour, 2 * kDay},
        {u"alipaycn", u"FAILED", u"CNY", 100, 100000, kHour, 2 * kDay},
    };
    const QDateTime t = now();
    const GeneratedIds ids = generatedIds();
    m_intents.reserve(m_intents.size() + count);
    for (int n = 1; n <= count; ++n) {
        const GenKind &kind = pick(kinds, n);
        UqpayIntent intent;
        intent.id = ids.id(n);
        intent.merchantOrderId = u"SO-G%1"_s.arg(n);
        intent.amount = money(spread(mix(n, 2), kind.minMinor, kind.maxMinor),
                              QString::fromUtf16(kind.currency));
        intent.methodType = QString::fromUtf16(kind.method);
        intent.status = QString::fromUtf16(kind.status);
        const qint64 ago = spread(mix(n, 3), kind.minAgo, kind.maxAgo);
        intent.created = t.addSecs(-ago);
        if (intent.status == "SUCCEEDED"_L1)
            intent.completed = intent.created.addSecs(std::min<qint64>(ago, 30 + n % 240));
        if (intent.status == "CANCELLED"_L1) {
            intent.cancelled = intent.created.addSecs(5 * kMinute);
            intent.cancellationReason = u"requested_by_customer"_s;
            intent.updated = intent.cancelled;
        }
        if (intent.status == "FAILED"_L1) {
            intent.expired = true;
            intent.updated = intent.created.addSecs(30 * kMinute);
        }
        intent.description = u"Generated order %1"_s.arg(n);
        addIntent(intent);
    }
}

GeneratedIds AntomSim::generatedIds()
{
    // 32 digits like newPaymentId(), whose time-based ids start with 2000.
    return {u"2099"_s, 28};
}

void AntomSim::seedGenerated(int count)
{
    static constexpr GenKind kinds[] = {
        {u"CARD", u"SUCCESS", u"USD", 500, 200000, 10 * kMinute, 3 * kDay},
        {u"CARD", u"SUCCESS", u"USD", 500, 200000, 10 * kMinute, 3 * kDay}, // captured
        {u"ALIPAY_CN", u"SUCCESS", u"CNY", 100, 300000, 5 * kMinute, 2 * kDay},
        {u"GCASH", u"SUCCESS", u"PHP", 5000, 900000, 5 * kMinute, 2 * kDay},
        {u"ALIPAY_HK", u"PROCESSING", u"HKD", 1000, 200000, kMinute, 12 * kMinute},
        {u"KAKAOPAY", u"PENDING", u"KRW", 1000, 500000, kMinute, 12 * kMinute},
        {u"ONLINEBANKING_SCB", u"PROCESSING", u"THB", 10000, 900000, kMinute, 12 * kMinute},
        {u"MOBILEBANKING_KBANK", u"SUCCESS", u"THB", 10000, 900000, 5 * kMinute, 2 * kDay},
        {u"DANA", u"SUCCESS", u"IDR", 1000000, 90000000, 5 * kMinute, 2 * kDay},
        {u"PAYPAY", u"SUCCESS", u"JPY", 300, 60000, 5 * kMinute, 2 * kDay},
        {u"TRUEMONEY", u"CANCELLED", u"THB", 5000, 200000, kHour, 2 * kDay},
        {u"ALIPAY_CN", u"FAIL", u"CNY", 100, 100000, kHour, 2 * kDay},
        {u"MERCADOPAGO_BR", u"SUCCESS", u"BRL", 1000, 300000, kHour, 6 * kDay},
        {u"JKOPAY", u"SUCCESS", u"TWD", 10000, 900000, 5 * kMinute, 2 * kDay},
        {u"ALIPAY_CN", u"SUCCESS", u"CNY", 100, 300000, kHour, 2 * kDay}, // refunded
    };
    const QDateTime t = now();
    const GeneratedIds ids = generatedIds();
    m_payments.reserve(m_payments.size() + count);
    m_byRequestId.reserve(m_byRequestId.size() + count);
    for (int n = 1; n <= count; ++n) {
        const GenKind &kind = pick(kinds, n);
        const std::size_t index = std::size_t(&kind - kinds);
        AntomPayment p;
        p.paymentId = ids.id(n);
        p.paymentRequestId = u"pay_gen_%1"_s.arg(n, 7, 10, QLatin1Char('0'));
        qint64 minor = spread(mix(n, 2), kind.minMinor, kind.maxMinor);
        if (QStringView(kind.method) == u"JKOPAY")
            minor -= minor % 100; // JKOPay TWD values are multiples of 100
        p.amount = money(minor, QString::fromUtf16(kind.currency));
        p.method = QString::fromUtf16(kind.method);
        p.status = QString::fromUtf16(kind.status);
        const qint64 ago = spread(mix(n, 3), kind.minAgo, kind.maxAgo);
        p.created = t.addSecs(-ago);
        if (p.status == "SUCCESS"_L1 || p.status == "PENDING"_L1)
            p.paid = p.created.addSecs(std::min<qint64>(ago, 30 + n % 240));
        p.captured = index == 1;
        p.refunded = index == 14;
        if (p.method == "CARD"_L1 && p.paid.isValid())
            p.authExpiry = p.paid.addSecs(7 * kDay);
        if (p.status == "CANCELLED"_L1)
            p.cancelled = p.created.addSecs(6 * kMinute);
        addPayment(p);
    }
}

GeneratedIds LiquidoSim::generatedIds()
{
    return {u"cd-sbx-gen-"_s, 6};
}

void LiquidoSim::seedGenerated(int count)
{
    static constexpr GenKind kinds[] = {
        {u"PIX_DYNAMIC_QR", u"IN_PROGRESS", u"BRL", 500, 200000, kMinute, 25 * kMinute},
        {u"BOLETO", u"IN_PROGRESS", u"BRL", 2000, 500000, kHour, 2 * kDay},
        {u"CREDIT_CARD", u"AUTHORIZED", u"BRL", 1000, 900000, 10 * kMinute, 2 * kDay},
        {u"PIC_PAY", u"IN_PROGRESS", u"BRL", 500, 100000, kMinute, 25 * kMinute},
        {u"PIX_DYNAMIC_QR", u"SETTLED", u"BRL", 500, 200000, 10 * kMinute, 3 * kDay},
        {u"CREDIT_CARD", u"SETTLED", u"BRL", 1000, 900000, kHour, 3 * kDay},
        {u"BOLETO", u"SETTLED", u"BRL", 2000, 500000, kDay, 5 * kDay},
        {u"BOLETO", u"CANCELLED", u"BRL", 2000, 500000, kDay, 5 * kDay},
        {u"PIX_DYNAMIC_QR", u"REFUNDED", u"BRL", 500, 200000, kDay, 5 * kDay},
        {u"PIX_DYNAMIC_QR", u"EXPIRED", u"BRL", 500, 200000, kHour, 2 * kDay},
    };
    const QDateTime t = now();
    const GeneratedIds ids = generatedIds();
    m_charges.reserve(m_charges.size() + count);
    for (int n = 1; n <= count; ++n) {
        const GenKind &kind = pick(kinds, n);
        LiquidoCharge c;
        c.idempotencyKey = ids.id(n);
        c.method = QString::fromUtf16(kind.method);
        c.status = QString::fromUtf16(kind.status);
        c.currency = QString::fromUtf16(kind.currency);
        c.amount = spread(mix(n, 2), kind.minMinor, kind.maxMinor);
        c.created = t.addSecs(-spread(mix(n, 3), kind.minAgo, kind.maxAgo));
        if (c.method == "PIX_DYNAMIC_QR"_L1)
            c.expiration = c.created.addSecs(30 * kMinute);
        else if (c.method == "BOLETO"_L1)
            c.expiration = c.created.addSecs(3 * kDay);
        if (c.status == "EXPIRED"_L1)
            c.finalStatus = c.expiration;
        else if (c.status != "IN_PROGRESS"_L1 && c.status != "AUTHORIZED"_L1)
            c.finalStatus = c.created.addSecs(3 * kMinute);
        c.description = u"Generated charge %1"_s.arg(n);
        addCharge(c);
    }
}

} // namespace CancelDesk::Sandbox
