#include "domain/orderstatus.h"

#include <QtTest>

using namespace CancelDesk::Domain;

Q_DECLARE_METATYPE(CancelDesk::Domain::Provider)
Q_DECLARE_METATYPE(CancelDesk::Domain::NormStatus)

class TestOrderStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapping_data();
    void mapping();
    void antomCardHeuristic_data();
    void antomCardHeuristic();
    void uqpayAttemptStatus_data();
    void uqpayAttemptStatus();
    void keysRoundTrip();
    void terminalStates();
    void flagKeysRoundTrip();
};

void TestOrderStatus::mapping_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<NormStatus>("status");
    QTest::addColumn<int>("flags");

    const auto row = [](Provider p, const char *raw, NormStatus s, StatusFlags f = {}) {
        QTest::addRow("%s %s", qPrintable(providerKey(p)), raw)
            << p << QString::fromLatin1(raw) << s << int(f);
    };
    // UQPAY intent_status
    row(Provider::Uqpay, "REQUIRES_PAYMENT_METHOD", NormStatus::Pending);
    row(Provider::Uqpay, "PENDING", NormStatus::Pending);
    row(Provider::Uqpay, "REQUIRES_CUSTOMER_ACTION", NormStatus::RequiresAction);
    row(Provider::Uqpay, "REQUIRES_CAPTURE", NormStatus::Authorized);
    row(Provider::Uqpay, "SUCCEEDED", NormStatus::Succeeded);
    row(Provider::Uqpay, "CANCELLED", NormStatus::Cancelled);
    row(Provider::Uqpay, "CANCELED", NormStatus::Cancelled);
    row(Provider::Uqpay, "FAILED", NormStatus::Failed);
    row(Provider::Uqpay, "PROCESSING", NormStatus::Unknown);
    row(Provider::Uqpay, "SUCCESS", NormStatus::Unknown);
    // Antom paymentStatus
    row(Provider::Antom, "PROCESSING", NormStatus::Pending);
    row(Provider::Antom, "PENDING", NormStatus::Pending);
    row(Provider::Antom, "SUCCESS", NormStatus::Succeeded);
    row(Provider::Antom, "FAIL", NormStatus::Failed);
    row(Provider::Antom, "CANCELLED", NormStatus::Cancelled);
    row(Provider::Antom, "SUCCEEDED", NormStatus::Unknown);
    row(Provider::Antom, "FAILED", NormStatus::Unknown);
    // Liquido transferStatus
    row(Provider::Liquido, "INITIAL_STATUS", NormStatus::Pending);
    row(Provider::Liquido, "IN_PROGRESS", NormStatus::Pending);
    row(Provider::Liquido, "AUTHORIZED", NormStatus::Authorized);
    row(Provider::Liquido, "SETTLED", NormStatus::Succeeded);
    row(Provider::Liquido, "CANCELLED", NormStatus::Cancelled);
    row(Provider::Liquido, "FAILED", NormStatus::Failed);
    row(Provider::Liquido, "EXPIRED", NormStatus::Failed);
    row(Provider::Liquido, "REFUNDING", NormStatus::Succeeded, StatusFlag::Refunded);
    row(Provider::Liquido, "REFUNDED", NormStatus::Succeeded, StatusFlag::Refunded);
    row(Provider::Liquido, "CHARGED_BACK", NormStatus::Succeeded, StatusFlag::ChargedBack);
    row(Provider::Liquido, "PAID", NormStatus::Unknown);
    // Lenient about case and surrounding space, strict about the word.
    row(Provider::Uqpay, " succeeded ", NormStatus::Succeeded);
    row(Provider::Liquido, "in_progress", NormStatus::Pending);
    row(Provider::Antom, "", NormStatus::Unknown);
    row(Provider::Antom, "SUCCESS_", NormStatus::Unknown);
}

void TestOrderStatus::mapping()
{
    QFETCH(Provider, provider);
    QFETCH(QString, raw);
    QFETCH(NormStatus, status);
    QFETCH(int, flags);
    const MappedStatus m = mapProviderStatus(provider, raw);
    QCOMPARE(m.status, status);
    QCOMPARE(int(m.flags), flags);
}

void TestOrderStatus::antomCardHeuristic_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<bool>("isCard");
    QTest::addColumn<bool>("hasAuthExpiry");
    QTest::addColumn<bool>("captured");
    QTest::addColumn<NormStatus>("status");
    QTest::addRow("authorised card")
        << "SUCCESS" << true << true << false << NormStatus::Authorized;
    QTest::addRow("captured card") << "SUCCESS" << true << true << true << NormStatus::Succeeded;
    QTest::addRow("card without expiry")
        << "SUCCESS" << true << false << false << NormStatus::Succeeded;
    QTest::addRow("wallet with expiry")
        << "SUCCESS" << false << true << false << NormStatus::Succeeded;
    QTest::addRow("processing card")
        << "PROCESSING" << true << true << false << NormStatus::Pending;
}

void TestOrderStatus::antomCardHeuristic()
{
    QFETCH(QString, raw);
    QFETCH(bool, isCard);
    QFETCH(bool, hasAuthExpiry);
    QFETCH(bool, captured);
    QFETCH(NormStatus, status);
    QCOMPARE(mapProviderStatus(Provider::Antom, raw, {isCard, hasAuthExpiry, captured}).status,
             status);
    // The hint never changes the other providers' answers.
    QCOMPARE(
        mapProviderStatus(Provider::Uqpay, u"SUCCEEDED", {isCard, hasAuthExpiry, captured}).status,
        NormStatus::Succeeded);
}

void TestOrderStatus::uqpayAttemptStatus_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<NormStatus>("status");
    QTest::addRow("INITIATED") << "INITIATED" << NormStatus::Pending;
    QTest::addRow("PENDING_AUTHORIZATION") << "PENDING_AUTHORIZATION" << NormStatus::Pending;
    QTest::addRow("AUTHENTICATION_REDIRECTED")
        << "AUTHENTICATION_REDIRECTED" << NormStatus::RequiresAction;
    QTest::addRow("AUTHORIZED") << "AUTHORIZED" << NormStatus::Authorized;
    QTest::addRow("CAPTURE_REQUESTED") << "CAPTURE_REQUESTED" << NormStatus::Succeeded;
    QTest::addRow("SETTLED") << "SETTLED" << NormStatus::Succeeded;
    QTest::addRow("SUCCEEDED") << "SUCCEEDED" << NormStatus::Succeeded;
    QTest::addRow("CANCELLED") << "CANCELLED" << NormStatus::Cancelled;
    QTest::addRow("EXPIRED") << "EXPIRED" << NormStatus::Failed;
    QTest::addRow("FAILED") << "FAILED" << NormStatus::Failed;
    QTest::addRow("unknown") << "VOIDED" << NormStatus::Unknown;
}

void TestOrderStatus::uqpayAttemptStatus()
{
    QFETCH(QString, raw);
    QFETCH(NormStatus, status);
    QCOMPARE(mapUqpayAttemptStatus(raw), status);
}

void TestOrderStatus::keysRoundTrip()
{
    const QList<NormStatus> all{NormStatus::Pending,    NormStatus::RequiresAction,
                                NormStatus::Authorized, NormStatus::Succeeded,
                                NormStatus::Cancelled,  NormStatus::Failed,
                                NormStatus::Unknown};
    QSet<QString> keys;
    for (const NormStatus s : all) {
        const QString key = statusKey(s);
        QCOMPARE(statusFromKey(key), std::optional<NormStatus>(s));
        QVERIFY(!statusLabel(s).isEmpty());
        keys.insert(key);
    }
    QCOMPARE(keys.size(), all.size());
    QCOMPARE(statusKey(NormStatus::RequiresAction), QStringLiteral("REQUIRES_ACTION"));
    QVERIFY(!statusFromKey(u"pending").has_value());
    QVERIFY(!statusFromKey(u"").has_value());
}

void TestOrderStatus::terminalStates()
{
    QVERIFY(isTerminal(NormStatus::Succeeded));
    QVERIFY(isTerminal(NormStatus::Cancelled));
    QVERIFY(isTerminal(NormStatus::Failed));
    QVERIFY(!isTerminal(NormStatus::Pending));
    QVERIFY(!isTerminal(NormStatus::RequiresAction));
    QVERIFY(!isTerminal(NormStatus::Authorized));
    QVERIFY(!isTerminal(NormStatus::Unknown));
}

void TestOrderStatus::flagKeysRoundTrip()
{
    const StatusFlags all = StatusFlag::Refunded | StatusFlag::ChargedBack | StatusFlag::Conflict;
    QCOMPARE(flagsKey(all), QStringLiteral("refunded,charged_back,conflict"));
    QCOMPARE(flagsFromKey(flagsKey(all)), all);
    QCOMPARE(flagsKey({}), QString());
    QCOMPARE(flagsFromKey(u"conflict, bogus"), StatusFlags(StatusFlag::Conflict));
}

QTEST_GUILESS_MAIN(TestOrderStatus)
#include "tst_orderstatus.moc"
