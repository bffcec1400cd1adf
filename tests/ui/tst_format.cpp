// How the console words money and times in each language (F17): exact
// amounts with the currency's own decimals, the locale's separators and the
// symbol that language uses for the currency.
#include "format.h"
#include "i18n/language.h"

#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;

class TestFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void money_data();
    void money();
    void moneyWithCode_data();
    void moneyWithCode();
    void fullFormAddsTheCodeOnlyToASymbol();
    void unknownCurrencyShowsItsCode();
    void extremeAmountsStayExact();
};

namespace {

const QString kNbsp = QString(QChar(0x00A0));

} // namespace

void TestFormat::money_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");

    QTest::newRow("en SGD") << u"en"_s << qint64(1250) << u"SGD"_s << u"SGD"_s + kNbsp + u"12.50"_s;
    QTest::newRow("en PHP") << u"en"_s << qint64(150000) << u"PHP"_s << u"₱1,500.00"_s;
    QTest::newRow("en BRL") << u"en"_s << qint64(123456789) << u"BRL"_s << u"R$1,234,567.89"_s;
    QTest::newRow("en CNY") << u"en"_s << qint64(8800) << u"CNY"_s << u"CN¥88.00"_s;
    QTest::newRow("en JPY no decimals") << u"en"_s << qint64(5000) << u"JPY"_s << u"JP¥5,000"_s;
    QTest::newRow("en USD cents") << u"en"_s << qint64(7) << u"USD"_s << u"US$0.07"_s;
    QTest::newRow("en negative") << u"en"_s << qint64(-150000) << u"PHP"_s << u"-₱1,500.00"_s;
    QTest::newRow("zh SGD") << u"zh_CN"_s << qint64(1250) << u"SGD"_s
                            << u"SGD"_s + kNbsp + u"12.50"_s;
    QTest::newRow("zh PHP") << u"zh_CN"_s << qint64(150000) << u"PHP"_s
                            << u"PHP"_s + kNbsp + u"1,500.00"_s;
    QTest::newRow("zh BRL") << u"zh_CN"_s << qint64(123456789) << u"BRL"_s << u"R$1,234,567.89"_s;
    QTest::newRow("zh CNY") << u"zh_CN"_s << qint64(8800) << u"CNY"_s << u"¥88.00"_s;
    QTest::newRow("zh JPY") << u"zh_CN"_s << qint64(5000) << u"JPY"_s << u"JP¥5,000"_s;
    QTest::newRow("zh USD") << u"zh_CN"_s << qint64(100) << u"USD"_s << u"US$1.00"_s;
}

void TestFormat::money()
{
    QFETCH(QString, language);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Ui::formatMoney({minor, currency}, I18n::localeForLanguage(language)), expected);
}

void TestFormat::moneyWithCode_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en PHP") << u"en"_s << qint64(150000) << u"PHP"_s << u"1,500.00 PHP"_s;
    QTest::newRow("zh JPY") << u"zh_CN"_s << qint64(5000) << u"JPY"_s << u"5,000 JPY"_s;
    QTest::newRow("en negative BRL") << u"en"_s << qint64(-1) << u"BRL"_s << u"-0.01 BRL"_s;
}

void TestFormat::moneyWithCode()
{
    QFETCH(QString, language);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Ui::formatMoneyWithCode({minor, currency}, I18n::localeForLanguage(language)),
             expected);
}

void TestFormat::fullFormAddsTheCodeOnlyToASymbol()
{
    const QLocale en = I18n::localeForLanguage(u"en"_s);
    const QLocale zh = I18n::localeForLanguage(u"zh_CN"_s);
    QCOMPARE(Ui::formatMoneyFull({150000, u"PHP"_s}, en), u"₱1,500.00 PHP"_s);
    QCOMPARE(Ui::formatMoneyFull({150000, u"PHP"_s}, zh), u"PHP"_s + kNbsp + u"1,500.00"_s);
    QCOMPARE(Ui::formatMoneyFull({100, u"USD"_s}, en), u"US$1.00 USD"_s);
}

void TestFormat::unknownCurrencyShowsItsCode()
{
    const QLocale en = I18n::localeForLanguage(u"en"_s);
    QCOMPARE(Ui::currencySymbol(u"XTS"_s, en), u"XTS"_s);
    QCOMPARE(Ui::formatMoney({1234, u"IDR"_s}, en), u"IDR"_s + kNbsp + u"12.34"_s);
}

void TestFormat::extremeAmountsStayExact()
{
    // No double anywhere: the last digit of the largest amount survives.
    const QLocale en = I18n::localeForLanguage(u"en"_s);
    QCOMPARE(Ui::formatMoneyWithCode({std::numeric_limits<qint64>::max(), u"BRL"_s}, en),
             u"92,233,720,368,547,758.07 BRL"_s);
    QCOMPARE(Ui::formatMoneyWithCode({std::numeric_limits<qint64>::min(), u"BRL"_s}, en),
             u"-92,233,720,368,547,758.08 BRL"_s);
}

QTEST_GUILESS_MAIN(TestFormat)
#include "tst_format.moc"
