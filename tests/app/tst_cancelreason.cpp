#include "domain/cancelreason.h"

#include <QtTest>

using namespace CancelDesk::Domain;

Q_DECLARE_METATYPE(CancelDesk::Domain::CancelReason)

class TestCancelReason : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keys_data();
    void keys();
    void validation_data();
    void validation();
    void unknownKeysAreRefused();
};

void TestCancelReason::keys_data()
{
    QTest::addColumn<CancelReason>("reason");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("needsNote");
    QTest::addRow("customer") << CancelReason::RequestedByCustomer << "requested_by_customer"
                              << false;
    QTest::addRow("duplicate") << CancelReason::Duplicate << "duplicate" << false;
    QTest::addRow("fraudulent") << CancelReason::Fraudulent << "fraudulent" << false;
    QTest::addRow("abandoned") << CancelReason::Abandoned << "abandoned" << false;
    QTest::addRow("other") << CancelReason::Other << "other" << true;
}

void TestCancelReason::keys()
{
    QFETCH(CancelReason, reason);
    QFETCH(QString, key);
    QFETCH(bool, needsNote);
    QCOMPARE(cancelReasonKey(reason), key);
    QCOMPARE(cancelReasonFromKey(key), std::optional<CancelReason>(reason));
    QCOMPARE(cancelReasonRequiresNote(reason), needsNote);
    QVERIFY(!cancelReasonLabel(reason).isEmpty());
    QVERIFY(allCancelReasons().contains(reason));
}

void TestCancelReason::validation_data()
{
    QTest::addColumn<CancelReason>("reason");
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("valid");
    QTest::addRow("customer, no note") << CancelReason::RequestedByCustomer << "" << true;
    QTest::addRow("duplicate with note") << CancelReason::Duplicate << "same as PI123" << true;
    QTest::addRow("other without note") << CancelReason::Other << "" << false;
    QTest::addRow("other with blank note") << CancelReason::Other << "   \t" << false;
    QTest::addRow("other with note") << CancelReason::Other << "merchant asked by phone" << true;
    QTest::addRow("note at the limit") << CancelReason::Other << QString(500, u'x') << true;
    QTest::addRow("note too long") << CancelReason::Abandoned << QString(501, u'x') << false;
}

void TestCancelReason::validation()
{
    QFETCH(CancelReason, reason);
    QFETCH(QString, note);
    QFETCH(bool, valid);
    QCOMPARE(validateCancelReason(reason, note).isEmpty(), valid);
}

void TestCancelReason::unknownKeysAreRefused()
{
    QVERIFY(!cancelReasonFromKey(u"Duplicate").has_value());
    QVERIFY(!cancelReasonFromKey(u"").has_value());
    QVERIFY(!cancelReasonFromKey(u"customer").has_value());
    QCOMPARE(allCancelReasons().size(), 5);
}

QTEST_GUILESS_MAIN(TestCancelReason)
#include "tst_cancelreason.moc"
