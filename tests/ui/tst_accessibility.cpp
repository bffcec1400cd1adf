// Issue 16: every control an operator can reach in every window and dialog
// has an accessible name (what a screen reader says, and what names it for
// keyboard users), in both languages. The windows are found the way an
// operator finds them: every action of every menu is triggered, and every
// window it opens is walked, then closed.
#include "appsession.h"
#include "canceltest.h"
#include "dialogs/approvedialog.h"
#include "dialogs/databaselogindialog.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "settings/secretstore.h"
#include "storage/databaselocation.h"
#include "storage/orderstore.h"
#include "uitestsession.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QtTest>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;

namespace {

// Where a widget is, for the failure message: its window's title, then the
// object names (or classes) from the window down.
QString pathOf(const QWidget *widget)
{
    QStringList parts;
    for (const QWidget *w = widget; w && !w->isWindow(); w = w->parentWidget())
        parts.prepend(w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                                : w->objectName());
    return u"[%1] %2"_s.arg(widget->window()->windowTitle(), parts.join(u'/'));
}

// A control the operator can reach: shown, takes focus, and is not a part of
// another control (a spin box's or combo box's line edit).
bool reachable(const QWidget *w)
{
    if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus || w->focusProxy())
        return false;
    // A label's name is its text: an empty one (a result not there yet) says nothing.
    if (const auto *label = qobject_cast<const QLabel *>(w); label && label->text().isEmpty())
        return false;
    for (const QWidget *p = w->parentWidget(); p && !p->isWindow(); p = p->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QComboBox *>(p))
            return false;
    }
    return true;
}

// Where Tab goes against the layout in window: a control Tab reaches after
// one that sits entirely below it (on the window), or on the same line and
// to its right. The chain is followed from the window itself, so it begins
// with the first control.
QStringList tabOrderJumps(QWidget *window)
{
    QList<QWidget *> chain;
    QWidget *w = window;
    for (int guard = 0; guard < 2000; ++guard) {
        w = w->nextInFocusChain();
        if (w == window)
            break;
        if (w->window() == window && reachable(w) && (w->focusPolicy() & Qt::TabFocus)
            && w->isEnabled())
            chain.append(w);
    }
    QStringList jumps;
    for (qsizetype i = 1; i < chain.size(); ++i) {
        const QRect a(chain[i - 1]->mapTo(window, QPoint(0, 0)), chain[i - 1]->size());
        const QRect b(chain[i]->mapTo(window, QPoint(0, 0)), chain[i]->size());
        const bool backUp = b.bottom() < a.top();
        const bool backLeft = b.top() < a.bottom() && a.top() < b.bottom() && b.right() < a.left();
        if (backUp || backLeft)
            jumps.append(pathOf(chain[i - 1]) + u" -> " + pathOf(chain[i]));
    }
    return jumps;
}

// The reachable controls of a window without an accessible name.
QStringList unnamed(QWidget *window)
{
    QStringList missing;
    QList<QWidget *> widgets = window->findChildren<QWidget *>();
    widgets.prepend(window);
    for (QWidget *w : std::as_const(widgets)) {
        if (w != window && w->window() != window)
            continue; // another window (its own walk)
        if (!reachable(w))
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        if (name.isEmpty())
            missing.append(pathOf(w) + u" (" + QString::fromLatin1(w->metaObject()->className())
                           + u')');
    }
    return missing;
}

QList<QAction *> menuActions(QMenuBar *bar)
{
    QList<QAction *> actions;
    QList<QMenu *> menus;
    for (QAction *a : bar->actions()) {
        if (a->menu())
            menus.append(a->menu());
    }
    while (!menus.isEmpty()) {
        QMenu *menu = menus.takeFirst();
        for (QAction *a : menu->actions()) {
            if (a->menu())
                menus.append(a->menu());
            else if (!a->isSeparator())
                actions.append(a);
        }
    }
    return actions;
}

} // namespace

class TestAccessibility final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QSettings().clear();
        m_test = std::make_unique<Test::UiTestSession>();
        QString error;
        QVERIFY2(m_test->open(&error), qPrintable(error));
        QVERIFY(m_translations.apply(u"en"_s));
        m_window = std::make_unique<Ui::MainWindow>(m_translations, m_test->session());
        m_window->setSecretStore(&m_secrets);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->orderModel().rowCount() > 0, 30000);
        QTRY_VERIFY(!m_window->orderModel().isBusy());
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void everyControlHasAName_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << u"en"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s;
    }
    void everyControlHasAName()
    {
        QFETCH(QString, language);
        QVERIFY(m_translations.apply(language));
        // An order the cancel actions apply to.
        QAction *cancel = m_window->findChild<QAction *>(u"cancelAction"_s);
        QVERIFY(cancel);
        for (int row = 0; row < m_window->orderModel().rowCount() && !cancel->isEnabled(); ++row)
            m_window->orderView().selectRow(row);
        QVERIFY(cancel->isEnabled());

        QStringList missing = unnamed(m_window.get());
        // The main window's regions (toolbar, list, docks, status bar) each
        // keep their order; Tab between docks is Qt's, so its dialogs and
        // windows are what is checked here.
        QStringList jumps;
        QStringList walked{m_window->windowTitle()};
        // Walks every window that open() shows, then closes it. Modal dialogs
        // run their own loop inside open(): the walk runs from a timer in that
        // loop; other windows are open when open() returns.
        const auto walk = [&](const std::function<void()> &open, bool keepOpen = false) {
            const QWidgetList before = QApplication::topLevelWidgets();
            QWidget *kept = nullptr;
            const auto inspect = [&] {
                for (QWidget *w : QApplication::topLevelWidgets()) {
                    if (before.contains(w) || !w->isVisible() || qobject_cast<QMenu *>(w)
                        || walked.contains(w->windowTitle() + u'\x1f'))
                        continue;
                    walked.append(w->windowTitle());
                    missing += unnamed(w);
                    jumps += tabOrderJumps(w);
                    // Every page of every tab widget (Settings' providers).
                    for (QTabWidget *tabs : w->findChildren<QTabWidget *>()) {
                        for (int i = 0; i < tabs->count(); ++i) {
                            tabs->setCurrentIndex(i);
                            QCoreApplication::processEvents();
                            missing += unnamed(w);
                        }
                    }
                    if (keepOpen && !qobject_cast<QDialog *>(w)) {
                        kept = w;
                        walked.last() += u'\x1f'; // walked once
                        continue;
                    }
                    if (auto *dialog = qobject_cast<QDialog *>(w))
                        dialog->reject();
                    else
                        w->close();
                }
            };
            QTimer::singleShot(300, this, inspect);
            open();
            QTest::qWait(400);
            inspect();
            return kept;
        };
        // Actions that end or reset the session, or only toggle, open nothing to walk.
        const QStringList skip{u"quitAction"_s, u"resetSandboxAction"_s, u"autoRefreshAction"_s,
                               u"refreshAction"_s, u"refreshVisibleAction"_s};
        for (QAction *action : menuActions(m_window->menuBar())) {
            if (!action->isEnabled() || skip.contains(action->objectName())
                || action->isCheckable())
                continue;
            walk([action] { action->trigger(); });
        }
        // Bulk cancel needs several orders selected.
        m_window->orderView().selectAll();
        if (QAction *bulk = m_window->findChild<QAction *>(u"bulkCancelAction"_s);
            bulk->isEnabled())
            walk([bulk] { bulk->trigger(); });
        // The cancel log's own dialogs.
        QWidget *log = walk([this] { m_window->openCancelLog(); }, true);
        QVERIFY(log);
        for (const char *button : {"exportButton", "verifyAgainstButton"}) {
            auto *b = log->findChild<QPushButton *>(QString::fromLatin1(button));
            QVERIFY2(b, button);
            walk([b] { b->click(); });
        }
        log->close();
        // The docks, shown (the approvals queue too, which team mode shows).
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
            dock->show();
        QCoreApplication::processEvents();
        missing += unnamed(m_window.get());
        // Team mode's dialogs, which the sandbox session does not open by
        // itself: the database login and a four-eyes approval.
        walk([] {
            Ui::DatabaseLoginDialog login(
                Storage::DatabaseLocation::parse(u"postgresql://alice@db.example/canceldesk"_s)
                    .location,
                u"alice"_s, Ui::DatabaseLoginDialog::Problem::PasswordNeeded, QString(),
                u"the test keychain"_s);
            login.exec();
        });
        const Domain::OrderKey key = *m_window->orderModel().keyAt(0);
        const auto order = m_test->session().orders().find(key.provider, key.paymentId);
        QVERIFY(order);
        const Storage::JournalResult request =
            m_test->session().journal().prepare(Test::draftAttempt(*order, u"Requester"_s));
        QVERIFY(request.ok());
        walk([&] {
            Ui::ApproveDialog approve(m_test->session().cancelSources(), request.attempt);
            approve.exec();
        });
        for (QString &title : walked)
            title.remove(u'\x1f');
        qInfo("%s: walked %lld windows: %s", qPrintable(language),
              static_cast<long long>(walked.size()), qPrintable(walked.join(u" | "_s)));
        QVERIFY2(walked.size() >= 13, qPrintable(walked.join(u" | "_s)));
        jumps.removeDuplicates();
        QVERIFY2(jumps.isEmpty(),
                 qPrintable(u"Tab goes against the layout:\n"_s + jumps.join(u'\n')));
        missing.removeDuplicates();
        for (const QString &m : std::as_const(missing))
            qWarning("unnamed: %s", qPrintable(m));
        QVERIFY2(
            missing.isEmpty(),
            qPrintable(u"%1 controls without an accessible name (above)"_s.arg(missing.size())));
    }

    // The tab order check sees a field Tab reaches before the one above it.
    void tabOrderCheckSeesAJump()
    {
        QDialog dialog;
        dialog.setWindowTitle(u"probe"_s);
        auto *layout = new QVBoxLayout(&dialog);
        auto *first = new QLineEdit(&dialog);
        auto *second = new QLineEdit(&dialog);
        auto *third = new QLineEdit(&dialog);
        for (QLineEdit *edit : {first, second, third})
            layout->addWidget(edit);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(tabOrderJumps(&dialog).isEmpty());
        QWidget::setTabOrder(third, second); // third, second, first: against the layout
        QWidget::setTabOrder(second, first);
        QWidget::setTabOrder(first, third);
        QVERIFY(!tabOrderJumps(&dialog).isEmpty());
    }

    // Every action is reachable without a mouse: each toolbar action is in a
    // menu, and every menu opens with Alt and a letter of its title.
    void everyActionIsInAMenu_data() { everyControlHasAName_data(); }
    void everyActionIsInAMenu()
    {
        QFETCH(QString, language);
        QVERIFY(m_translations.apply(language));
        QCoreApplication::processEvents();
        const QList<QAction *> inMenus = menuActions(m_window->menuBar());
        for (const QToolBar *bar : m_window->findChildren<QToolBar *>()) {
            for (QAction *action : bar->actions()) {
                if (action->isSeparator() || qobject_cast<QWidgetAction *>(action))
                    continue;
                QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
            }
        }
        for (QAction *menu : m_window->menuBar()->actions()) {
            QVERIFY2(QKeySequence::mnemonic(menu->text()) != QKeySequence(),
                     qPrintable(menu->text()));
        }
    }

private:
    I18n::Translations m_translations;
    Ui::MemorySecretStore m_secrets;
    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<Ui::MainWindow> m_window;
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
