// Issue 13, lifetimes: every window has an owner. Saving settings rebuilds the
// console's session (Console::rebuild); a cancel log window open at that
// moment must not go on using the destroyed session — it follows the new one
// (or closes). Run it under the asan preset: a window left holding the old
// session is a heap-use-after-free the moment it reads the log.

#include "appsession.h"
#include "console.h"
#include "dialogs/exportdialog.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "uitestsession.h"
#include "views/cancellogview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kTimeoutMs = 30000;

// Every cancel log window there is, whoever owns it.
QList<Ui::CancelLogView *> logWindows()
{
    QList<Ui::CancelLogView *> found;
    for (QWidget *w : QApplication::allWidgets()) {
        if (auto *log = qobject_cast<Ui::CancelLogView *>(w); log && log->isWindow())
            found << log;
    }
    return found;
}

} // namespace

class TestWindowLifetime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void cancelLogSurvivesSettingsSave();
    void windowsHaveOwners();

private:
    std::unique_ptr<Ui::Console> startConsole();
    // Refresh (a quick range reloads it), Verify log and Export, as a person
    // would, in the window as it now is.
    void useCancelLog(Ui::CancelLogView *log, const QString &exportName);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<Ui::MemorySecretStore> m_secrets;
    I18n::Translations m_translations;
};

void TestWindowLifetime::init()
{
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    m_home = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<Ui::MemorySecretStore>();
}

void TestWindowLifetime::cleanup()
{
    m_secrets.reset();
    m_home.reset();
}

std::unique_ptr<Ui::Console> TestWindowLifetime::startConsole()
{
    return CancelDesk::Test::startConsoleIn(*m_home, m_secrets.get(), &m_translations);
}

void TestWindowLifetime::useCancelLog(Ui::CancelLogView *log, const QString &exportName)
{
    QVERIFY(log->isVisible());
    QTest::mouseClick(log->findChild<QPushButton *>(u"last7DaysButton"_s), Qt::LeftButton);
    auto *count = log->findChild<QLabel *>(u"countLabel"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().contains(u"shown"_s), qPrintable(count->text()),
                              kTimeoutMs);

    auto *verify = log->findChild<QPushButton *>(u"verifyButton"_s);
    QTest::mouseClick(verify, Qt::LeftButton);
    auto *verified = log->findChild<QLabel *>(u"verifyResult"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(verified->text().startsWith(u"Chain verified"_s),
                              qPrintable(verified->text()), kTimeoutMs);

    QTest::mouseClick(log->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
    Ui::ExportDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = log->findChild<Ui::ExportDialog *>()) != nullptr);
    const QString file = m_home->filePath(exportName);
    dialog->findChild<QLineEdit *>(u"pathEdit"_s)->setText(QDir::toNativeSeparators(file));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    auto *result = dialog->findChild<QLabel *>(u"resultLabel"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(!dialog->isRunning() && result->text().startsWith(u"Exported"_s),
                              qPrintable(result->text()), kTimeoutMs);
    QVERIFY(QFileInfo::exists(file));
    const QPointer<QDialog> guard(dialog);
    dialog->close();
    QTRY_VERIFY(guard.isNull());
}

void TestWindowLifetime::cancelLogSurvivesSettingsSave()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    Ui::MainWindow *window = console->window();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    window->findChild<QAction *>(u"cancelLogAction"_s)->trigger();
    QTRY_COMPARE(logWindows().size(), 1);
    const QPointer<Ui::CancelLogView> before = logWindows().constFirst();
    QVERIFY(QTest::qWaitForWindowExposed(before.data()));
    useCancelLog(before, u"before.csv"_s);
    if (QTest::currentTestFailed())
        return;

    // Save Settings: the console builds a new session and a new main window.
    window->findChild<QAction *>(u"settingsAction"_s)->trigger();
    Ui::SettingsDialog *settings = nullptr;
    QTRY_VERIFY((settings = window->findChild<Ui::SettingsDialog *>()) != nullptr);
    QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
    QVERIFY((window = Test::waitForNewWindow(*console, window)) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(window));

    // Whatever cancel log window is open now is used as before: one that
    // still held the old session would read freed memory here.
    const QList<Ui::CancelLogView *> open = logWindows();
    for (Ui::CancelLogView *log : open) {
        if (log->isVisible())
            useCancelLog(log, u"after-%1.csv"_s.arg(open.indexOf(log)));
        if (QTest::currentTestFailed())
            return;
    }
    // The old window went with the old session; the log stays open, now on
    // the new one, owned by the new main window.
    QVERIFY(before.isNull());
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.constFirst()->parentWidget(), window);
    QVERIFY(open.constFirst()->isVisible());

    // Closing the console closes it too.
    const QPointer<Ui::CancelLogView> after = open.constFirst();
    console.reset();
    QVERIFY(after.isNull());
}

void TestWindowLifetime::windowsHaveOwners()
{
    std::unique_ptr<Ui::Console> console = startConsole();
    QVERIFY(console);
    Ui::MainWindow *window = console->window();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    for (const char *action : {"cancelLogAction", "importAction", "syncAction", "settingsAction"}) {
        auto *a = window->findChild<QAction *>(QString::fromLatin1(action));
        QVERIFY2(a, action);
        if (a->isEnabled())
            a->trigger();
    }
    QCoreApplication::processEvents();
    // Every window but the main one has an owner (a parent widget).
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w == window || !w->isVisible() || w->parentWidget())
            continue;
        QVERIFY2(false, qPrintable(u"a window without an owner: "_s + w->objectName() + u" ("_s
                                   + QString::fromLatin1(w->metaObject()->className()) + u')'));
    }
}

QTEST_MAIN(TestWindowLifetime)
#include "tst_windowlifetime.moc"
