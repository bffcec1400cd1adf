// The console's main window against the in-process sandbox: banner, demo
// orders on first start, the Cancel action's eligibility and explanation,
// refresh with progress, filters, and the runtime language switch.

#include "appsession.h"
#include "canceltest.h"
#include "desktopnotifier.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "sandboxserver.h"
#include "scenario.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"
#include "uitestsession.h"
#include "views/statusview.h"
#include "views/userguidewindow.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Ui::OrderTableModel;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void firstStartLoadsTheSandboxDemo();
    void windowHasTheApplicationIcon();
    void aboutShowsVersionsAndTheStore();
    void userGuideFollowsTheLanguage();
    void notifiesClosingDeadlinesOnce();
    void notifiesWhenAnUnresolvedCancelSettles();
    void cancelActionFollowsEligibility();
    void cancelFromTheListUpdatesEverything();
    void refreshSelectedShowsProgress();
    void searchAndPresetFilterTheList();
    void languageMenuRetranslatesAtRuntime();
    void openCancelDialogAndListRetranslateAtRuntime();
    void startResumesCancelsOfADeadProcess();
    void quitClosesWindow();

private:
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }
    static QStringList menuTitles(const QMainWindow &w);

    I18n::Translations m_translations;
    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestMainWindow::init()
{
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    m_test = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
    m_window = std::make_unique<Ui::MainWindow>(m_translations, m_test->session());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // The store was empty: the window fetched the sandbox's demo payments.
    int demo = 0;
    for (const QStringList &ids : m_test->session().demoIds())
        demo += int(ids.size());
    QVERIFY(demo >= 30);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel().rowCount(), demo, 30000);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_test.reset();
}

QStringList TestMainWindow::menuTitles(const QMainWindow &w)
{
    QStringList titles;
    for (QAction *a : w.menuBar()->actions())
        titles << a->text();
    return titles;
}

void TestMainWindow::firstStartLoadsTheSandboxDemo()
{
    auto *banner = m_window->findChild<QLabel *>(u"environmentBanner"_s);
    QVERIFY(banner);
    QVERIFY(banner->text().startsWith(u"SANDBOX"_s));
    QCOMPARE(m_window->orderModel().rowCount(), int(m_test->session().orders().count({})));
    auto *counts = m_window->findChild<QLabel *>(u"orderCounts"_s);
    QTRY_VERIFY(counts->text().contains(QString::number(m_window->orderModel().rowCount())));
}

// Issue 16: the window icon is drawn on a desktop without Qt's SVG plugin
// (Debian's Depends do not bring it): every size from 16 to 256 pixels.
void TestMainWindow::windowHasTheApplicationIcon()
{
    const QIcon icon = m_window->windowIcon();
    const QList<QSize> sizes = icon.availableSizes();
    for (const int size : {16, 32, 48, 256}) {
        QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
        QCOMPARE(icon.pixmap(size).size(), QSize(size, size));
    }
}

// Issue 16: Help → About names CancelDesk's version, the libraries it runs on
// as loaded, the store and the settings file, and copies them for support;
// it follows the language.
void TestMainWindow::aboutShowsVersionsAndTheStore()
{
    action("aboutAction")->trigger();
    QDialog *about = nullptr;
    QTRY_VERIFY((about = m_window->findChild<QDialog *>(u"aboutDialog"_s)) != nullptr);
    QVERIFY(about->isVisible());
    const auto text = [about] {
        QStringList values;
        for (const QLabel *label : about->findChildren<QLabel *>())
            values.append(label->text());
        return values.join(u'\n');
    };
    QVERIFY2(text().contains(QString::fromLatin1(qVersion())), qPrintable(text()));
    QVERIFY(text().contains(u"OpenSSL"_s));
    QVERIFY(text().contains(u"SQLite"_s));
    QVERIFY(text().contains(u"PostgreSQL client (libpq)"_s));
    QVERIFY(text().contains(m_test->session().core().databasePath()));
    QVERIFY(!m_test->session().core().databasePath().isEmpty());

    auto *copy = about->findChild<QPushButton *>(u"copyDetailsButton"_s);
    QVERIFY(copy);
    QApplication::clipboard()->clear();
    copy->click();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(QRegularExpression(u"^CancelDesk \\d+\\.\\d+\\.\\d+\n"_s).match(copied).hasMatch(),
             qPrintable(copied));
    QVERIFY(copied.contains(u"Qt: "_s + QString::fromLatin1(qVersion())));
    QVERIFY(copied.contains(m_test->session().core().databasePath()));

    QVERIFY(m_translations.apply(u"zh_CN"_s));
    QTRY_VERIFY2(about->windowTitle() == u"关于取消台"_s, qPrintable(about->windowTitle()));
    QVERIFY2(text().contains(u"PostgreSQL 客户端库（libpq）"_s), qPrintable(text()));
    QVERIFY(m_translations.apply(u"en"_s));
    about->close();
}

// Issue 16: the guide of the console's language, English where there is no
// translation, and it switches with the language.
void TestMainWindow::userGuideFollowsTheLanguage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const QString &name, const QByteArray &text) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
    };
    QVERIFY(Ui::UserGuideWindow::guideFile(dir.path(), u"en"_s).isEmpty());
    QVERIFY(write(u"USER-GUIDE.md"_s, "# The English guide\n\nCancel a payment.\n"));
    QCOMPARE(Ui::UserGuideWindow::guideFile(dir.path(), u"zh_CN"_s),
             dir.filePath(u"USER-GUIDE.md"_s));
    QVERIFY(write(u"USER-GUIDE.zh_CN.md"_s, "# 中文指南\n\n取消一笔支付。\n"));

    Ui::UserGuideWindow guide(dir.path(), m_translations, m_window.get());
    auto *browser = guide.findChild<QTextBrowser *>(u"userGuideText"_s);
    QVERIFY(browser);
    QVERIFY2(browser->toPlainText().contains(u"The English guide"_s),
             qPrintable(browser->toPlainText()));
    QVERIFY(m_translations.apply(u"zh_CN"_s));
    QTRY_VERIFY2(browser->toPlainText().contains(u"中文指南"_s),
                 qPrintable(browser->toPlainText()));
    QCOMPARE(guide.currentFile(), dir.filePath(u"USER-GUIDE.zh_CN.md"_s));
    QVERIFY(m_translations.apply(u"en"_s));
    QTRY_VERIFY(browser->toPlainText().contains(u"The English guide"_s));
}

// Issue 16: an order that can be cancelled and is under 5 minutes from its
// deadline is announced once (the sandbox's demo has such orders).
void TestMainWindow::notifiesClosingDeadlinesOnce()
{
    OrderTableModel &model = m_window->orderModel();
    const QDateTime now = m_test->session().now();
    const QList<Domain::OrderKey> closing = model.closingSoon(now, std::chrono::minutes(5));
    QVERIFY2(!closing.isEmpty(), "the demo has no order closing within 5 minutes");
    for (const Domain::OrderKey &key : closing) {
        const auto facts = model.facts(key);
        QVERIFY(facts);
        const auto verdict = facts->checkAt(now, true).verdict;
        QVERIFY(verdict == Services::CancelCheck::Verdict::NewAttempt
                || verdict == Services::CancelCheck::Verdict::RetryUnresolved);
        QVERIFY(facts->deadline.isValid() && now.msecsTo(facts->deadline) <= 5 * 60 * 1000);
    }
    // Soonest first, and nothing beyond 5 minutes.
    for (qsizetype i = 1; i < closing.size(); ++i)
        QVERIFY(model.facts(closing.at(i - 1))->deadline <= model.facts(closing.at(i))->deadline);
    QVERIFY(model.closingSoon(now, std::chrono::minutes(0)).isEmpty());

    Ui::DesktopNotifier notifier(model, [this] { return m_test->session().now(); });
    QSignalSpy spy(&notifier, &Ui::DesktopNotifier::notified);
    notifier.checkDeadlines();
    QCOMPARE(spy.size(), 1);
    const QString message = spy.at(0).at(1).toString();
    QVERIFY2(message.contains(closing.first().paymentId), qPrintable(message));
    QVERIFY(spy.at(0).at(0).toString().contains(u"5 minutes"_s));
    notifier.checkDeadlines(); // the same orders: said once
    QCOMPARE(spy.size(), 1);
}

// Issue 16: when an order's unresolved cancel settles, the window says so.
void TestMainWindow::notifiesWhenAnUnresolvedCancelSettles()
{
    auto *notifier = m_window->findChild<Ui::DesktopNotifier *>(u"desktopNotifier"_s);
    QVERIFY(notifier);
    QSignalSpy spy(notifier, &Ui::DesktopNotifier::notified);
    OrderTableModel &model = m_window->orderModel();
    const Domain::OrderKey key = *model.keyAt(0);
    const auto order = m_test->session().orders().find(key.provider, key.paymentId);
    QVERIFY(order);

    Storage::CancelJournal &journal = m_test->session().journal();
    Storage::JournalResult a = journal.prepare(Test::draftAttempt(*order, u"Test"_s));
    QVERIFY(a.ok());
    a.attempt.state = Storage::AttemptState::Sent;
    a.attempt.tries = 1;
    a = journal.record(a.attempt);
    a.attempt.state = Storage::AttemptState::Unresolved;
    a = journal.record(a.attempt);
    QVERIFY(a.ok());
    QSignalSpy updated(&model, &OrderTableModel::ordersUpdated);
    model.updateOrders({key});
    QTRY_COMPARE(updated.size(), 1);
    QVERIFY(model.unresolvedOrders().contains(key));
    QVERIFY(spy.isEmpty()); // unresolved is not settled

    a = journal.reopen(a.attempt.id, a.attempt.owner(),
                       QDateTime::currentDateTimeUtc().addSecs(60));
    QVERIFY2(a.ok(), qPrintable(a.message));
    a.attempt.state = Storage::AttemptState::Succeeded;
    QVERIFY(journal.record(a.attempt).ok());
    model.updateOrders({key});
    QTRY_COMPARE(updated.size(), 2);
    QVERIFY(!model.unresolvedOrders().contains(key));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"A cancel has settled"_s);
    QVERIFY2(spy.at(0).at(1).toString().contains(key.paymentId),
             qPrintable(spy.at(0).at(1).toString()));
}

void TestMainWindow::cancelActionFollowsEligibility()
{
    QAction *cancel = action("cancelAction");
    QVERIFY(cancel);
    QVERIFY(!cancel->isEnabled()); // nothing selected

    // A cancelled UQPAY intent (demo 10): it says why (the action stays
    // enabled so that Del can say so too, tst_orderlist).
    const QString cancelled = m_test->session().demoIds().value(Provider::Uqpay).at(9);
    m_window->selectOrder({Provider::Uqpay, cancelled});
    QTRY_VERIFY2(cancel->toolTip().contains(u"already cancelled"_s), qPrintable(cancel->toolTip()));
    auto *explanation = m_window->findChild<QLabel *>(u"eligibilityText"_s);
    QVERIFY(explanation);
    QVERIFY(explanation->text().startsWith(u"Cannot be cancelled"_s));

    // An unpaid card intent (demo 1): enabled.
    const QString open = m_test->session().demoIds().value(Provider::Uqpay).first();
    m_window->selectOrder({Provider::Uqpay, open});
    QTRY_VERIFY(cancel->isEnabled());
    QTRY_COMPARE(cancel->toolTip(), u"Cancel the selected payment (Del)"_s);
    QCOMPARE(explanation->text(), u"Can be cancelled."_s);

    // Its window closes (30 min after creation): the action's tooltip says so
    // at the next tick and the status view names the provider's time.
    m_test->advance(40 * 60);
    QTRY_VERIFY_WITH_TIMEOUT(cancel->toolTip().startsWith(u"Cannot be cancelled"_s), 3000);
    QVERIFY2(explanation->text().contains(u"UTC+8"_s) || explanation->text().contains(u"closed"_s),
             qPrintable(explanation->text()));
}

void TestMainWindow::cancelFromTheListUpdatesEverything()
{
    // Del on an eligible Antom payment opens the cancel dialog; cancelling it
    // there updates the list, the status view and the action.
    const QString id = m_test->session().demoIds().value(Provider::Antom).at(4);
    const Domain::OrderKey key{Provider::Antom, id};
    QAction *cancel = action("cancelAction");
    QDialog *dialog = Test::cancelFromTheList(*m_window, key);
    QVERIFY(dialog);
    QCOMPARE(dialog->property("outcome").toString(), u"succeeded"_s);

    // The journal has the one attempt; the list and the status view show it.
    Storage::AttemptFilter filter;
    filter.paymentId = id;
    const QList<Storage::CancelAttempt> attempts = m_test->session().journal().list(filter);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().state, Storage::AttemptState::Succeeded);
    const int row = m_window->orderModel().rowOf(key);
    QTRY_COMPARE(m_window->orderModel().index(row, 0).data(OrderTableModel::StatusRole).toInt(),
                 int(Domain::NormStatus::Cancelled));
    auto *attemptsView = m_window->findChild<QTreeWidget *>(u"attempts"_s);
    QTRY_COMPARE(attemptsView->topLevelItemCount(), 1);
    // The provider's own fields from the last status retrieval (F6).
    auto *fields = m_window->findChild<QTreeWidget *>(u"providerFields"_s);
    QVERIFY(fields);
    QTRY_VERIFY(!fields->findItems(u"paymentStatus"_s, Qt::MatchExactly, 0).isEmpty());
    QCOMPARE(fields->findItems(u"paymentId"_s, Qt::MatchExactly, 0).value(0)->text(1), id);
    // The action's reason follows the outcome without waiting for a tick.
    QVERIFY2(cancel->toolTip().contains(u"already cancelled"_s), qPrintable(cancel->toolTip()));
    dialog->findChild<QPushButton *>(u"closeButton"_s)->click();
    QTRY_VERIFY(m_window->findChild<QDialog *>(u"cancelDialog"_s) == nullptr);
}

void TestMainWindow::refreshSelectedShowsProgress()
{
    const QList<QString> ids = m_test->session().demoIds().value(Provider::Antom);
    m_window->selectOrder({Provider::Antom, ids.first()});
    QAction *refresh = action("refreshAction");
    QTRY_VERIFY(refresh->isEnabled());
    auto *progress = m_window->findChild<QProgressBar *>(u"refreshProgress"_s);
    refresh->trigger();
    QVERIFY(progress->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!progress->isVisible(), 20000);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"Refreshed 1 of 1"_s));
}

void TestMainWindow::searchAndPresetFilterTheList()
{
    auto *search = m_window->findChild<QLineEdit *>(u"searchEdit"_s);
    action("findAction")->trigger();
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, u"so-1013"_s);
    QTRY_COMPARE(m_window->orderModel().rowCount(), 2);
    search->clear();
    QTRY_VERIFY(m_window->orderModel().rowCount() >= 30);

    auto *preset = m_window->findChild<QComboBox *>(u"presetCombo"_s);
    preset->setCurrentIndex(preset->findData(int(Ui::OrderFilter::Preset::CancellableNow)));
    Q_EMIT preset->activated(preset->currentIndex());
    QTRY_VERIFY(m_window->orderModel().filter().preset == Ui::OrderFilter::Preset::CancellableNow);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
    const int rows = m_window->orderModel().rowCount();
    QVERIFY(rows > 0 && rows < 30);
    for (int r = 0; r < rows; ++r)
        QVERIFY(m_window->orderModel().index(r, 0).data(OrderTableModel::EligibleRole).toBool());
}

void TestMainWindow::languageMenuRetranslatesAtRuntime()
{
    QCOMPARE(menuTitles(*m_window).first(), u"&File"_s);
    auto *chinese = action("chineseAction");
    auto *english = action("englishAction");
    QVERIFY(chinese && english);
    QVERIFY(english->isChecked());
    QSignalSpy chosen(m_window.get(), &Ui::MainWindow::languageChosen);

    chinese->trigger();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toString(), u"zh_CN"_s);
    // LanguageChange is posted: let the event loop deliver it.
    QTRY_COMPARE(menuTitles(*m_window).first(), u"文件(&F)"_s);
    QVERIFY(chinese->isChecked());
    const QAbstractItemModel *model = &m_window->orderModel();
    QCOMPARE(model->headerData(OrderTableModel::PaymentIdColumn, Qt::Horizontal).toString(),
             u"支付 ID"_s);
    QCOMPARE(model->headerData(OrderTableModel::CountdownColumn, Qt::Horizontal).toString(),
             u"剩余时间"_s);
    QVERIFY(m_window->findChild<QLabel *>(u"environmentBanner"_s)->text().startsWith(u"沙箱"_s));
    QCOMPARE(action("refreshAction")->text(), u"刷新"_s);

    english->trigger();
    QTRY_COMPARE(menuTitles(*m_window).first(), u"&File"_s);
    QCOMPARE(model->headerData(OrderTableModel::PaymentIdColumn, Qt::Horizontal).toString(),
             u"Payment ID"_s);
    QCOMPARE(action("refreshAction")->text(), u"Refresh"_s);
}

namespace {

// Every visible column's title fits its column.
QString clippedHeaders(const QTableView &view)
{
    QStringList clipped;
    const QHeaderView *h = view.horizontalHeader();
    for (int c = 0; c < h->count(); ++c) {
        if (!h->isSectionHidden(c) && h->sectionSize(c) < h->sectionSizeHint(c))
            clipped.append(view.model()->headerData(c, Qt::Horizontal).toString());
    }
    return clipped.join(u", "_s);
}

bool hasCjk(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

} // namespace

void TestMainWindow::openCancelDialogAndListRetranslateAtRuntime()
{
    // An operator switches language while a cancel dialog is open: the dialog,
    // the list's status badges and countdowns, and the action's tooltip all
    // follow at once, and back again.
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 0);
    m_window->selectOrder(key);
    QAction *cancel = action("cancelAction");
    QTRY_VERIFY(cancel->isEnabled());
    cancel->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(u"cancelDialog"_s)) != nullptr);
    auto *keep = dialog->findChild<QPushButton *>(u"keepButton"_s);
    auto *send = dialog->findChild<QPushButton *>(u"cancelButton"_s);
    auto *countdown = dialog->findChild<QLabel *>(u"countdownLabel"_s);
    auto *headline = dialog->findChild<QLabel *>(u"headlineLabel"_s);
    QVERIFY(keep && send && countdown && headline);
    QCOMPARE(keep->text(), u"&Keep payment"_s);
    const QString englishCountdown = countdown->text();
    QVERIFY(!hasCjk(englishCountdown));

    const int row = m_window->orderModel().rowOf(key);
    const QModelIndex status = m_window->orderModel().index(row, OrderTableModel::StatusColumn);
    const QModelIndex left = m_window->orderModel().index(row, OrderTableModel::CountdownColumn);
    const QString englishStatus = status.data().toString();
    QVERIFY(!hasCjk(englishStatus));

    action("chineseAction")->trigger();
    QTRY_COMPARE(dialog->windowTitle(), u"取消支付"_s);
    QCOMPARE(keep->text(), u"保留支付(&K)"_s);
    QCOMPARE(send->text(), u"取消支付(&C)"_s);
    QCOMPARE(headline->text(), u"取消此支付？"_s);
    QVERIFY2(hasCjk(countdown->text()), qPrintable(countdown->text()));
    QVERIFY2(hasCjk(status.data().toString()), qPrintable(status.data().toString()));
    QVERIFY2(hasCjk(left.data().toString()), qPrintable(left.data().toString()));
    QVERIFY2(hasCjk(left.data(Qt::ToolTipRole).toString()),
             qPrintable(left.data(Qt::ToolTipRole).toString()));
    QVERIFY2(hasCjk(cancel->toolTip()), qPrintable(cancel->toolTip()));
    QCOMPARE(clippedHeaders(m_window->orderView()), QString());

    action("englishAction")->trigger();
    QTRY_COMPARE(dialog->windowTitle(), u"Cancel payment"_s);
    QCOMPARE(keep->text(), u"&Keep payment"_s);
    QCOMPARE(status.data().toString(), englishStatus);
    QVERIFY(!hasCjk(countdown->text()));
    QVERIFY(!hasCjk(left.data().toString()));
    QVERIFY(!hasCjk(cancel->toolTip()));
    QCOMPARE(clippedHeaders(m_window->orderView()), QString());
    keep->click();
    QTRY_VERIFY(m_window->findChild<QDialog *>(u"cancelDialog"_s) == nullptr);
}

void TestMainWindow::startResumesCancelsOfADeadProcess()
{
    // Another CancelDesk crashed after journaling two cancels: the next
    // window to start resumes both with their own keys (F11). One is
    // confirmed; the provider no longer answers for the other, so the operator
    // is told, in a box that names it.
    m_window.reset();
    const Domain::OrderKey card = m_test->demo(Provider::Uqpay, 0);
    const Domain::OrderKey wallet = m_test->demo(Provider::Antom, 4);
    QVERIFY(!card.paymentId.isEmpty() && !wallet.paymentId.isEmpty());
    Sandbox::Scenario silent;
    silent.paymentId = wallet.paymentId;
    silent.kind = Sandbox::Scenario::Kind::Unknown;
    silent.times = -1;
    m_test->session().sandbox()->addScenario(silent);

    const qint64 dead = Test::deadPid();
    QHash<QString, QString> keys;
    for (const Domain::OrderKey &key : {card, wallet}) {
        const auto order = m_test->session().orders().find(key.provider, key.paymentId);
        QVERIFY(order);
        Storage::CancelAttempt a = Test::draftAttempt(*order, u"Crashed Operator"_s);
        a.ownerHost = QSysInfo::machineHostName();
        a.ownerPid = dead;
        const Storage::JournalResult r = m_test->session().journal().prepare(a);
        QVERIFY2(r.ok(), qPrintable(r.message));
        keys.insert(key.paymentId, r.attempt.idempotencyKey);
    }

    m_window = std::make_unique<Ui::MainWindow>(m_translations, m_test->session());
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->statusBar()->currentMessage().startsWith(u"Resumed 2 cancels"_s), 30000);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(u"1 succeeded"_s) && message.contains(u"1 outcome unknown"_s),
             qPrintable(message));

    // The same attempts, finished, with their own keys; no second attempt.
    const QList<Storage::CancelAttempt> cardAttempts = m_test->attempts(card);
    QCOMPARE(cardAttempts.size(), 1);
    QCOMPARE(cardAttempts.first().state, Storage::AttemptState::Succeeded);
    QCOMPARE(cardAttempts.first().idempotencyKey, keys.value(card.paymentId));
    const QList<Storage::CancelAttempt> walletAttempts = m_test->attempts(wallet);
    QCOMPARE(walletAttempts.size(), 1);
    QCOMPARE(walletAttempts.first().state, Storage::AttemptState::Unresolved);

    // The list follows; the unresolved one is named in the warning.
    const int row = m_window->orderModel().rowOf(card);
    QTRY_COMPARE(m_window->orderModel().index(row, 0).data(OrderTableModel::StatusRole).toInt(),
                 int(Domain::NormStatus::Cancelled));
    auto *box = m_window->findChild<QMessageBox *>(u"recoveryReport"_s);
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY2(box->detailedText().contains(wallet.paymentId), qPrintable(box->detailedText()));
    box->close();
}

void TestMainWindow::quitClosesWindow()
{
    action("quitAction")->trigger();
    QTRY_VERIFY(!m_window->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
