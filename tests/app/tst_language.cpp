#include "domain/cancelreason.h"
#include "domain/orderstatus.h"
#include "i18n/language.h"

#include <QtTest>

using namespace CancelDesk;

class TestLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalize_data();
    void normalize();
    void followsSystemLocale_data();
    void followsSystemLocale();
    void switchesCatalogueAtRuntime();
    void refusesUnsupportedLanguage();
    void setsFormattingLocale();
};

void TestLanguage::normalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("en") << "en"
                        << "en";
    QTest::addRow("en_US") << "en_US"
                           << "en";
    QTest::addRow("zh_CN") << "zh_CN"
                           << "zh_CN";
    QTest::addRow("zh-cn") << "zh-cn"
                           << "zh_CN";
    QTest::addRow("zh") << "zh"
                        << "zh_CN";
    QTest::addRow("spaces") << " en "
                            << "en";
    QTest::addRow("fr") << "fr"
                        << "";
    QTest::addRow("empty") << ""
                           << "";
}

void TestLanguage::normalize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(I18n::normalizeLanguage(input), expected);
}

void TestLanguage::followsSystemLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("language");
    QTest::addRow("zh_CN") << "zh_CN"
                           << "zh_CN";
    QTest::addRow("zh_SG") << "zh_SG"
                           << "zh_CN";
    QTest::addRow("zh_TW") << "zh_TW"
                           << "zh_CN";
    QTest::addRow("en_GB") << "en_GB"
                           << "en";
    QTest::addRow("pt_BR") << "pt_BR"
                           << "en";
    QTest::addRow("C") << "C"
                       << "en";
}

void TestLanguage::followsSystemLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, language);
    QCOMPARE(I18n::languageForLocale(QLocale(locale)), language);
}

void TestLanguage::switchesCatalogueAtRuntime()
{
    I18n::Translations translations;
    QSignalSpy changed(&translations, &I18n::Translations::languageChanged);

    QVERIFY(translations.apply(QStringLiteral("zh_CN")));
    QCOMPARE(translations.current(), QStringLiteral("zh_CN"));
    // The embedded catalogue is really used: the labels come out in Chinese.
    QCOMPARE(Domain::cancelReasonLabel(Domain::CancelReason::RequestedByCustomer),
             QStringLiteral("客户要求取消"));
    QCOMPARE(Domain::statusLabel(Domain::NormStatus::Cancelled), QStringLiteral("已取消"));
    // Qt's own dialogs follow (qtbase_zh_CN from qt6-translations-l10n): the
    // standard buttons of a QMessageBox or QFileDialog.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));

    QVERIFY(translations.apply(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    QCOMPARE(Domain::cancelReasonLabel(Domain::CancelReason::RequestedByCustomer),
             QStringLiteral("Requested by customer"));
    QCOMPARE(changed.count(), 2);

    // Applying the current language again is not a change.
    QVERIFY(translations.apply(QStringLiteral("en")));
    QCOMPARE(changed.count(), 2);
}

void TestLanguage::refusesUnsupportedLanguage()
{
    I18n::Translations translations;
    QVERIFY(translations.apply(QStringLiteral("zh_CN")));
    QVERIFY(!translations.apply(QStringLiteral("fr")));
    QCOMPARE(translations.current(), QStringLiteral("zh_CN"));
    QCOMPARE(Domain::statusLabel(Domain::NormStatus::Failed), QStringLiteral("失败"));
}

void TestLanguage::setsFormattingLocale()
{
    I18n::Translations translations;
    QVERIFY(translations.apply(QStringLiteral("zh_CN")));
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    QVERIFY(translations.apply(QStringLiteral("en")));
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(QLocale().toString(1234567), QStringLiteral("1,234,567"));
}

QTEST_GUILESS_MAIN(TestLanguage)
#include "tst_language.moc"
