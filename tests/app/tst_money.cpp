#include "domain/currency.h"
#include "domain/money.h"

#include <QtTest>

#include <limits>

using namespace CancelDesk::Domain;

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exponents_data();
    void exponents();
    void decimalAmounts_data();
    void decimalAmounts();
    void minorUnitStrings_data();
    void minorUnitStrings();
    void liquidoIntegers_data();
    void liquidoIntegers();
    void toDecimalString_data();
    void toDecimalString();
    void roundTripEveryExponent();
    void errorTextsNameTheProblem();
};

void TestMoney::exponents_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("exponent");
    QTest::addRow("USD") << "USD" << 2;
    QTest::addRow("SGD") << "SGD" << 2;
    QTest::addRow("BRL") << "BRL" << 2;
    QTest::addRow("CNY") << "CNY" << 2;
    QTest::addRow("JPY") << "JPY" << 0;
    QTest::addRow("KRW") << "KRW" << 0;
    QTest::addRow("VND") << "VND" << 0;
    QTest::addRow("CLP") << "CLP" << 0;
    QTest::addRow("IDR is 2 as Antom documents") << "IDR" << 2;
    QTest::addRow("BHD") << "BHD" << 3;
    QTest::addRow("KWD") << "KWD" << 3;
    QTest::addRow("JOD") << "JOD" << 3;
    QTest::addRow("CLF") << "CLF" << 4;
    QTest::addRow("AAA first unknown") << "AAA" << -1;
    QTest::addRow("ZZZ last unknown") << "ZZZ" << -1;
    QTest::addRow("lower case") << "usd" << -1;
    QTest::addRow("too short") << "US" << -1;
    QTest::addRow("too long") << "USDX" << -1;
    QTest::addRow("empty") << "" << -1;
}

void TestMoney::exponents()
{
    QFETCH(QString, code);
    QFETCH(int, exponent);
    QCOMPARE(currencyExponent(code), exponent);
    QCOMPARE(isKnownCurrency(code), exponent >= 0);
}

void TestMoney::decimalAmounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("error");
    QTest::addColumn<qint64>("minor");
    const int ok = int(MoneyError::None);
    QTest::addRow("one cent") << "0.01"
                              << "SGD" << ok << qint64(1);
    QTest::addRow("seed example") << "8.88"
                                  << "SGD" << ok << qint64(888);
    QTest::addRow("two decimals") << "10.12"
                                  << "USD" << ok << qint64(1012);
    QTest::addRow("one decimal") << "10.1"
                                 << "USD" << ok << qint64(1010);
    QTest::addRow("integer") << "100"
                             << "USD" << ok << qint64(10000);
    QTest::addRow("zero") << "0"
                          << "USD" << ok << qint64(0);
    QTest::addRow("trailing zeros are exact") << "1.230"
                                              << "USD" << ok << qint64(123);
    QTest::addRow("JPY integer") << "1500"
                                 << "JPY" << ok << qint64(1500);
    QTest::addRow("JPY with .00") << "1500.00"
                                  << "JPY" << ok << qint64(1500);
    QTest::addRow("KWD three decimals") << "1.234"
                                        << "KWD" << ok << qint64(1234);
    QTest::addRow("leading zeros") << "007.50"
                                   << "USD" << ok << qint64(750);
    QTest::addRow("largest") << "92233720368547758.07"
                             << "USD" << ok << std::numeric_limits<qint64>::max();
    QTest::addRow("USD 1.234") << "1.234"
                               << "USD" << int(MoneyError::TooManyDecimals) << qint64(0);
    QTest::addRow("JPY 1.5") << "1.5"
                             << "JPY" << int(MoneyError::TooManyDecimals) << qint64(0);
    QTest::addRow("abc") << "abc"
                         << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("empty") << ""
                           << "USD" << int(MoneyError::Empty) << qint64(0);
    QTest::addRow("negative") << "-1.00"
                              << "USD" << int(MoneyError::Negative) << qint64(0);
    QTest::addRow("lone minus") << "-"
                                << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("plus sign") << "+1"
                               << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("comma decimal") << "1,50"
                                   << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("grouping") << "1,000.00"
                              << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("two dots") << "1.2.3"
                              << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("leading dot") << ".5"
                                 << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("trailing dot") << "5."
                                  << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("exponent") << "1e3"
                              << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("spaces") << " 1.00"
                            << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("arabic-indic digits")
        << QString::fromUtf8("١٢") << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("overflow") << "92233720368547758.08"
                              << "USD" << int(MoneyError::Overflow) << qint64(0);
    QTest::addRow("huge") << "99999999999999999999999"
                          << "JPY" << int(MoneyError::Overflow) << qint64(0);
    QTest::addRow("unknown currency") << "1.00"
                                      << "XYZ" << int(MoneyError::UnknownCurrency) << qint64(0);
}

void TestMoney::decimalAmounts()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(int, error);
    QFETCH(qint64, minor);
    const MoneyResult r = parseDecimalAmount(text, currency);
    QCOMPARE(int(r.error), error);
    QCOMPARE(r.ok(), error == int(MoneyError::None));
    if (r.ok()) {
        QCOMPARE(r.value.minor, minor);
        QCOMPARE(r.value.currency, currency);
    }
}

void TestMoney::minorUnitStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("error");
    QTest::addColumn<qint64>("minor");
    const int ok = int(MoneyError::None);
    QTest::addRow("USD 1.00") << "100"
                              << "USD" << ok << qint64(100);
    QTest::addRow("JPY") << "1000"
                         << "JPY" << ok << qint64(1000);
    QTest::addRow("IDR") << "1500000"
                         << "IDR" << ok << qint64(1500000);
    QTest::addRow("zero") << "0"
                          << "USD" << ok << qint64(0);
    QTest::addRow("16 digits") << "9999999999999999"
                               << "KRW" << ok << qint64(9999999999999999);
    QTest::addRow("17 digits") << "10000000000000000"
                               << "KRW" << int(MoneyError::Overflow) << qint64(0);
    QTest::addRow("decimal point") << "1.00"
                                   << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("negative") << "-100"
                              << "USD" << int(MoneyError::Negative) << qint64(0);
    QTest::addRow("empty") << ""
                           << "USD" << int(MoneyError::Empty) << qint64(0);
    QTest::addRow("letters") << "12a"
                             << "USD" << int(MoneyError::NotANumber) << qint64(0);
    QTest::addRow("bad currency") << "100"
                                  << "usd" << int(MoneyError::UnknownCurrency) << qint64(0);
}

void TestMoney::minorUnitStrings()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(int, error);
    QFETCH(qint64, minor);
    const MoneyResult r = parseMinorUnitString(text, currency);
    QCOMPARE(int(r.error), error);
    if (r.ok())
        QCOMPARE(r.value, (Money{minor, currency}));
}

void TestMoney::liquidoIntegers_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("error");
    QTest::addRow("BRL 1.00") << qint64(100) << "BRL" << int(MoneyError::None);
    QTest::addRow("one centavo") << qint64(1) << "BRL" << int(MoneyError::None);
    QTest::addRow("negative") << qint64(-5) << "BRL" << int(MoneyError::Negative);
    QTest::addRow("unknown currency") << qint64(5) << "BRX" << int(MoneyError::UnknownCurrency);
}

void TestMoney::liquidoIntegers()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(int, error);
    const MoneyResult r = fromMinorUnits(minor, currency);
    QCOMPARE(int(r.error), error);
    if (r.ok())
        QCOMPARE(r.value.minor, minor);
}

void TestMoney::toDecimalString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");
    QTest::addRow("USD") << qint64(1012) << "USD"
                         << "10.12";
    QTest::addRow("USD cent") << qint64(1) << "USD"
                              << "0.01";
    QTest::addRow("USD zero") << qint64(0) << "USD"
                              << "0.00";
    QTest::addRow("JPY") << qint64(500) << "JPY"
                         << "500";
    QTest::addRow("KWD") << qint64(1) << "KWD"
                         << "0.001";
    QTest::addRow("BHD") << qint64(12345) << "BHD"
                         << "12.345";
    QTest::addRow("negative") << qint64(-250) << "BRL"
                              << "-2.50";
    QTest::addRow("max") << std::numeric_limits<qint64>::max() << "USD"
                         << "92233720368547758.07";
    QTest::addRow("min") << std::numeric_limits<qint64>::min() << "USD"
                         << "-92233720368547758.08";
    QTest::addRow("CLF zero") << qint64(0) << "CLF"
                              << "0.0000";
    QTest::addRow("CLF") << qint64(-12) << "CLF"
                         << "-0.0012";
    QTest::addRow("min JPY") << std::numeric_limits<qint64>::min() << "JPY"
                             << "-9223372036854775808";
    QTest::addRow("unknown currency: digits") << qint64(-1234) << "ABC"
                                              << "-1234";
}

void TestMoney::toDecimalString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QCOMPARE((Money{minor, currency}).toDecimalString(), text);
}

void TestMoney::roundTripEveryExponent()
{
    // Parsing what we print gives back the same number for every exponent.
    const QStringList codes{QStringLiteral("JPY"), QStringLiteral("USD"), QStringLiteral("KWD"),
                            QStringLiteral("CLF")};
    const QList<qint64> values{0, 1, 9, 10, 99, 100, 101, 123456789, 9223372036854775807LL};
    for (const QString &code : codes) {
        for (const qint64 v : values) {
            const Money m{v, code};
            const MoneyResult back = parseDecimalAmount(m.toDecimalString(), code);
            QVERIFY2(back.ok(), qPrintable(m.toDecimalString()));
            QCOMPARE(back.value, m);
        }
    }
}

void TestMoney::errorTextsNameTheProblem()
{
    QVERIFY(moneyErrorText(MoneyError::None).isEmpty());
    QVERIFY(moneyErrorText(MoneyError::TooManyDecimals, u"USD").contains(u"USD"));
    QVERIFY(moneyErrorText(MoneyError::UnknownCurrency, u"XYZ").contains(u"XYZ"));
    for (const MoneyError e :
         {MoneyError::Empty, MoneyError::NotANumber, MoneyError::Negative, MoneyError::Overflow})
        QVERIFY(!moneyErrorText(e).isEmpty());
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
