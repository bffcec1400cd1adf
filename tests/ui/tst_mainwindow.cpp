#include "i18n/language.h"
#include "mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QtTest>

using namespace CancelDesk;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsSession();
    void languageMenuRetranslatesAtRuntime();
    void quitClosesWindow();

private:
    static QStringList menuTitles(const QMainWindow &w);
};

QStringList TestMainWindow::menuTitles(const QMainWindow &w)
{
    QStringList titles;
    for (QAction *a : w.menuBar()->actions())
        titles << a->text();
    return titles;
}

void TestMainWindow::showsSession()
{
    I18n::Translations translations;
    QVERIFY(translations.apply(QStringLiteral("en")));
    Ui::MainWindow w(translations,
                     {QStringLiteral("sandbox"), QStringLiteral("/tmp/x.sqlite"), 3, 2});
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *env = w.findChild<QLabel *>(QStringLiteral("environmentValue"));
    auto *db = w.findChild<QLabel *>(QStringLiteral("databaseValue"));
    auto *orders = w.findChild<QLabel *>(QStringLiteral("ordersValue"));
    QVERIFY(env && db && orders);
    QVERIFY(env->text().contains(u"Sandbox"));
    QVERIFY(db->text().contains(u"x.sqlite"));
    QVERIFY(db->text().contains(u"3"));
    QCOMPARE(orders->text(), QStringLiteral("2 orders in the local store"));
}

void TestMainWindow::languageMenuRetranslatesAtRuntime()
{
    I18n::Translations translations;
    QVERIFY(translations.apply(QStringLiteral("en")));
    Ui::MainWindow w(translations,
                     {QStringLiteral("production"), QStringLiteral("/tmp/y.sqlite"), 3, 1});
    QSignalSpy chosen(&w, &Ui::MainWindow::languageChosen);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(menuTitles(w).first(), QStringLiteral("&File"));

    auto *chinese = w.findChild<QAction *>(QStringLiteral("chineseAction"));
    auto *english = w.findChild<QAction *>(QStringLiteral("englishAction"));
    QVERIFY(chinese && english);
    QVERIFY(english->isChecked());

    chinese->trigger();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toString(), QStringLiteral("zh_CN"));
    // LanguageChange is posted: let the event loop deliver it.
    QTRY_COMPARE(menuTitles(w).first(), QStringLiteral("文件(&F)"));
    QVERIFY(chinese->isChecked());
    auto *env = w.findChild<QLabel *>(QStringLiteral("environmentValue"));
    QCOMPARE(env->text(), QStringLiteral("生产环境"));
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("ordersValue"))->text(),
             QStringLiteral("本地存储中有 1 笔订单"));

    english->trigger();
    QTRY_COMPARE(menuTitles(w).first(), QStringLiteral("&File"));
    QCOMPARE(env->text(), QStringLiteral("Production"));
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("ordersValue"))->text(),
             QStringLiteral("1 order in the local store"));
}

void TestMainWindow::quitClosesWindow()
{
    I18n::Translations translations;
    QVERIFY(translations.apply(QStringLiteral("en")));
    Ui::MainWindow w(translations, {});
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.findChild<QAction *>(QStringLiteral("quitAction"))->trigger();
    QTRY_VERIFY(!w.isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
