// The order list and the status view beside it (issue 12): one eligibility
// verdict that never says "Can be cancelled" on a status it cannot trust, rows
// whose last sync failed marked in the list, Del explaining why an order
// cannot be cancelled, layouts that survive a language switch and a 1024 x 700
// window, copying payment IDs, a search that explains an empty result, and a
// status view that follows the visible selection.

#include "appsession.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "sandboxserver.h"
#include "scenario.h"
#include "storage/orderstore.h"
#include "uitestsession.h"
#include "views/statusview.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Ui::OrderTableModel;

namespace {

bool hasCjk(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

// An English word of three or more letters ("provider", "error"): a message
// left untranslated.
bool hasEnglishWord(const QString &text)
{
    return text.contains(QRegularExpression(u"[A-Za-z]{3,} [a-z]{3,}"_s));
}

} // namespace

class TestOrderList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void failedSyncNeverShowsCanBeCancelled();
    void staleStatusAsksForRefresh();
    void syncErrorFollowsTheLanguage();
    void deleteOnAnOrderThatCannotBeCancelledSaysWhy();
    void missingProviderOffersSettings();
    void columnsFitTheirWordsAfterALanguageSwitch();
    void statusAndTimeLeftVisibleAt1024x700_data();
    void statusAndTimeLeftVisibleAt1024x700();
    void copyPaymentId();
    void detailPaneCollapsesAndStaysCollapsed();
    void emptySearchExplainsItself();
    void statusViewFollowsTheVisibleSelection();

private:
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }
    template<typename T> T *child(const QString &name) const
    {
        T *w = m_window->findChild<T *>(name);
        if (!w)
            qWarning("no child %s", qPrintable(name));
        return w;
    }
    void makeWindow();
    // Refreshes the order through the status view's Refresh button while
    // the sandbox answers its inquiries with 503.
    void failRefreshOf(const Domain::OrderKey &key);
    void switchLanguage(const QString &language);

    I18n::Translations m_translations;
    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestOrderList::init()
{
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    m_test = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
    makeWindow();
    int demo = 0;
    for (const QStringList &ids : m_test->session().demoIds())
        demo += int(ids.size());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->orderModel().rowCount(), demo, 30000);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
}

void TestOrderList::makeWindow()
{
    m_window = std::make_unique<Ui::MainWindow>(m_translations, m_test->session());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestOrderList::cleanup()
{
    m_window.reset();
    m_test.reset();
    m_translations.apply(u"en"_s);
}

void TestOrderList::switchLanguage(const QString &language)
{
    action(language == u"zh_CN" ? "chineseAction" : "englishAction")->trigger();
    // LanguageChange is posted: let the event loop deliver it.
    QTRY_COMPARE(m_window->menuBar()->actions().first()->text(),
                 language == u"zh_CN" ? u"文件(&F)"_s : u"&File"_s);
}

void TestOrderList::failRefreshOf(const Domain::OrderKey &key)
{
    Sandbox::Scenario down;
    down.paymentId = key.paymentId;
    down.kind = Sandbox::Scenario::Kind::HttpError;
    down.on = Sandbox::Scenario::On::Inquiry;
    down.status = 503;
    down.times = -1;
    m_test->session().sandbox()->addScenario(down);
    m_window->selectOrder(key);
    QTRY_COMPARE(m_window->findChild<Ui::StatusView *>()->order(), std::optional(key));
    auto *refresh = child<QPushButton>(u"statusRefreshButton"_s);
    QVERIFY(refresh && refresh->isVisible());
    QTest::mouseClick(refresh, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_test->session().orders().find(key.provider, key.paymentId)->lastSyncError.isEmpty(),
        20000);
    QTRY_VERIFY(child<QLabel>(u"syncErrorText"_s)->isVisible());
    m_test->session().sandbox()->clearScenarios();
}

void TestOrderList::failedSyncNeverShowsCanBeCancelled()
{
    // An unpaid UQPAY card intent: cancellable, synced a moment ago.
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 0);
    m_window->selectOrder(key);
    auto *verdict = child<QLabel>(u"eligibilityText"_s);
    QTRY_COMPARE(verdict->text(), u"Can be cancelled."_s);

    failRefreshOf(key);
    // One verdict: not "Can be cancelled" beside "Last sync failed".
    QTRY_VERIFY2(verdict->text().startsWith(u"Status not confirmed — refresh first"_s),
                 qPrintable(verdict->text()));
    QVERIFY(!verdict->text().contains(u"Can be cancelled"_s));
    QVERIFY(child<QLabel>(u"syncErrorText"_s)->text().startsWith(u"Last sync failed: "_s));

    // The list marks the row, with the error in the tooltip, read from the
    // model (no query while painting).
    const int row = m_window->orderModel().rowOf(key);
    const QModelIndex status = m_window->orderModel().index(row, OrderTableModel::StatusColumn);
    QTRY_VERIFY(status.data(OrderTableModel::SyncErrorRole).isValid());
    QVERIFY2(status.data(Qt::ToolTipRole).toString().contains(u"Last sync failed: "_s),
             qPrintable(status.data(Qt::ToolTipRole).toString()));
    // Its neighbour, synced fine, is not marked.
    const QModelIndex other =
        m_window->orderModel().index(row == 0 ? 1 : 0, OrderTableModel::StatusColumn);
    QVERIFY(!other.data(OrderTableModel::SyncErrorRole).isValid());

    // The cancel itself re-reads the status before sending, so the action
    // stays available; a successful refresh restores the verdict.
    QVERIFY(action("cancelAction")->isEnabled());
    QTest::mouseClick(child<QPushButton>(u"statusRefreshButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(verdict->text(), u"Can be cancelled."_s, 20000);
    QTRY_VERIFY(!status.data(OrderTableModel::SyncErrorRole).isValid());
}

void TestOrderList::staleStatusAsksForRefresh()
{
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 0);
    m_window->selectOrder(key);
    auto *verdict = child<QLabel>(u"eligibilityText"_s);
    QTRY_COMPARE(verdict->text(), u"Can be cancelled."_s);
    // Older than the threshold, its window (30 min) still open.
    m_test->advance(Ui::StatusView::kStaleAfterSeconds + 60);
    QTRY_VERIFY_WITH_TIMEOUT(verdict->text().startsWith(u"Status not confirmed — refresh first"_s),
                             3000);
    QVERIFY2(verdict->text().contains(u"16 min"_s), qPrintable(verdict->text()));
    QTest::mouseClick(child<QPushButton>(u"statusRefreshButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(verdict->text(), u"Can be cancelled."_s, 20000);
}

void TestOrderList::syncErrorFollowsTheLanguage()
{
    // A sync error recorded in English reads in Chinese after the switch (and
    // back): it is kept as a kind, worded when shown.
    const Domain::OrderKey key = m_test->demo(Provider::Antom, 0);
    failRefreshOf(key);
    auto *error = child<QLabel>(u"syncErrorText"_s);
    QVERIFY2(hasEnglishWord(error->text()), qPrintable(error->text()));
    const int row = m_window->orderModel().rowOf(key);
    const QModelIndex status = m_window->orderModel().index(row, OrderTableModel::StatusColumn);
    QTRY_VERIFY(status.data(OrderTableModel::SyncErrorRole).isValid());

    switchLanguage(u"zh_CN"_s);
    QTRY_VERIFY2(hasCjk(error->text()), qPrintable(error->text()));
    QVERIFY2(!hasEnglishWord(error->text()), qPrintable(error->text()));
    const QString tip = status.data(OrderTableModel::SyncErrorRole).toString();
    QVERIFY2(hasCjk(tip) && !hasEnglishWord(tip), qPrintable(tip));

    switchLanguage(u"en"_s);
    QTRY_VERIFY2(!hasCjk(error->text()), qPrintable(error->text()));
    QVERIFY(!hasCjk(status.data(OrderTableModel::SyncErrorRole).toString()));
}

void TestOrderList::deleteOnAnOrderThatCannotBeCancelledSaysWhy()
{
    // A cancelled UQPAY intent (demo 10). Del and Ctrl+K used to do nothing.
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 9);
    m_window->selectOrder(key);
    QAction *cancel = action("cancelAction");
    QTRY_VERIFY2(cancel->toolTip().contains(u"already cancelled"_s), qPrintable(cancel->toolTip()));
    QVERIFY(cancel->isEnabled());
    for (const QKeyCombination shortcut :
         {QKeyCombination(Qt::Key_Delete), QKeyCombination(Qt::ControlModifier, Qt::Key_K)}) {
        // (Window shortcuts need the window active again after the box.)
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->orderView().setFocus();
        QTest::keyClick(&m_window->orderView(), shortcut.key(), shortcut.keyboardModifiers());
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"cannotCancelBox"_s)) != nullptr);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->informativeText().contains(u"already cancelled"_s),
                 qPrintable(box->informativeText()));
        QVERIFY(m_window->statusBar()->currentMessage().contains(u"already cancelled"_s));
        QVERIFY(m_window->findChild<QDialog *>(u"cancelDialog"_s) == nullptr);
        box->button(QMessageBox::Ok)->click();
        QTRY_VERIFY(m_window->findChild<QMessageBox *>(u"cannotCancelBox"_s) == nullptr);
    }
}

void TestOrderList::missingProviderOffersSettings()
{
    // A console in the test environment with no provider configured, holding
    // an imported Antom payment: the status view says what is missing and
    // opens the right settings page.
    m_window.reset();
    QTemporaryDir dir;
    Ui::SessionOptions options;
    options.config.environment = u"test"_s;
    options.config.operatorName = u"Test Operator"_s;
    options.databasePath = dir.filePath(u"db.sqlite"_s);
    Ui::AppSession session(std::move(options));
    QString error;
    QVERIFY2(session.open(&error), qPrintable(error));
    Domain::Order o;
    o.provider = Provider::Antom;
    o.paymentId = u"2026120611111111"_s;
    o.merchantReference = u"SO-1"_s;
    o.amount = {1250, u"USD"_s};
    o.rawStatus = u"PROCESSING"_s;
    o.status = Domain::NormStatus::Pending;
    o.createdAt = session.now().addSecs(-60);
    QVERIFY(session.orders().upsert(o, Storage::StatusSource::Import).ok);

    Ui::StatusView view(session.orderReads(), session.providers());
    view.resize(380, 700);
    view.show();
    view.showOrder(Domain::OrderKey{o.provider, o.paymentId});
    auto *verdict = view.findChild<QLabel *>(u"eligibilityText"_s);
    auto *open = view.findChild<QPushButton *>(u"statusOpenSettingsButton"_s);
    QVERIFY(verdict && open);
    QVERIFY2(verdict->text().contains(u"Antom is not configured"_s), qPrintable(verdict->text()));
    QVERIFY(open->isVisible());
    QCOMPARE(open->text(), u"Open Settings…"_s);
    QSignalSpy requested(&view, &Ui::StatusView::settingsRequested);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toString(), u"antom"_s);
}

void TestOrderList::columnsFitTheirWordsAfterALanguageSwitch()
{
    // An operator working in Chinese fits the columns to the Chinese words;
    // back in English the titles and the status badges are not cut
    // ("Pendi…", "Provide").
    switchLanguage(u"zh_CN"_s);
    // (sizeHintForColumn: the widest cell in view, public in the base class.)
    QAbstractItemView &view = m_window->orderView();
    QHeaderView *header = m_window->orderView().horizontalHeader();
    for (int c = 0; c < OrderTableModel::ColumnCount; ++c)
        header->resizeSection(c, qMax(header->sectionSizeHint(c), view.sizeHintForColumn(c)));
    switchLanguage(u"en"_s);
    QTRY_COMPARE(m_window->orderModel()
                     .headerData(OrderTableModel::ProviderColumn, Qt::Horizontal)
                     .toString(),
                 u"Provider"_s);
    QStringList cut;
    for (int c = 0; c < OrderTableModel::ColumnCount; ++c) {
        if (header->sectionSize(c) < header->sectionSizeHint(c))
            cut << view.model()->headerData(c, Qt::Horizontal).toString();
    }
    for (const int c : {OrderTableModel::StatusColumn, OrderTableModel::CountdownColumn}) {
        if (header->sectionSize(c) < view.sizeHintForColumn(c))
            cut << u"cells of "_s + view.model()->headerData(c, Qt::Horizontal).toString();
    }
    QCOMPARE(cut.join(u", "_s), QString());
}

void TestOrderList::statusAndTimeLeftVisibleAt1024x700_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("en") << u"en"_s;
    QTest::addRow("zh_CN") << u"zh_CN"_s;
}

void TestOrderList::statusAndTimeLeftVisibleAt1024x700()
{
    QFETCH(QString, language);
    if (language != u"en")
        switchLanguage(language);
    m_window->resize(1024, 700);
    QTRY_COMPARE(m_window->size(), QSize(1024, 700));
    QTableView &view = m_window->orderView();
    QTest::qWait(100);
    for (const int c : {OrderTableModel::StatusColumn, OrderTableModel::CountdownColumn}) {
        const int right = view.columnViewportPosition(c) + view.columnWidth(c);
        QVERIFY2(!view.isColumnHidden(c) && view.columnViewportPosition(c) >= 0
                     && right <= view.viewport()->width(),
                 qPrintable(u"%1 ends at %2 of %3"_s
                                .arg(view.model()->headerData(c, Qt::Horizontal).toString())
                                .arg(right)
                                .arg(view.viewport()->width())));
    }
    // The status pane's verdict and deadline wrap instead of being cut.
    m_window->selectOrder(m_test->demo(Provider::Antom, 4));
    for (const QString &name : {u"eligibilityText"_s, u"deadlineValue"_s, u"syncedText"_s}) {
        auto *label = child<QLabel>(name);
        QTRY_VERIFY(label->isVisible() && !label->text().isEmpty());
        // Wide enough for its longest word, tall enough for all its lines.
        QTRY_VERIFY2(label->width() >= label->minimumSizeHint().width()
                         && label->height() >= label->heightForWidth(label->width()),
                     qPrintable(name + u": "_s + label->text()));
    }
    // Payment IDs are elided in the middle: both ends stay readable.
    QCOMPARE(view.textElideMode(), Qt::ElideMiddle);
}

void TestOrderList::copyPaymentId()
{
    const Domain::OrderKey key = m_test->demo(Provider::Antom, 2);
    m_window->selectOrder(key);
    QGuiApplication::clipboard()->clear();
    QTableView &view = m_window->orderView();
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), key.paymentId);
    QVERIFY(m_window->statusBar()->currentMessage().contains(key.paymentId));

    // And from the context menu.
    QAction *copy = nullptr;
    for (QAction *a : view.actions()) {
        if (a->text() == u"Copy payment ID")
            copy = a;
    }
    QVERIFY(copy);
    QGuiApplication::clipboard()->clear();
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), key.paymentId);
}

void TestOrderList::detailPaneCollapsesAndStaysCollapsed()
{
    auto *dock = child<QDockWidget>(u"statusDock"_s);
    QVERIFY(dock->isVisible());
    QMenu *viewMenu = nullptr;
    for (QAction *a : m_window->menuBar()->actions()) {
        if (a->text() == u"&View")
            viewMenu = a->menu();
    }
    QVERIFY(viewMenu);
    QAction *toggle = nullptr;
    for (QAction *a : viewMenu->actions()) {
        if (a == dock->toggleViewAction())
            toggle = a;
    }
    QVERIFY(toggle);
    toggle->trigger();
    QTRY_VERIFY(!dock->isVisible());
    // Saved with the window state: the next window starts without it.
    m_window->close();
    makeWindow();
    QVERIFY(!m_window->findChild<QDockWidget *>(u"statusDock"_s)->isVisible());
    m_window->findChild<QDockWidget *>(u"statusDock"_s)->toggleViewAction()->trigger();
    QTRY_VERIFY(m_window->findChild<QDockWidget *>(u"statusDock"_s)->isVisible());
}

void TestOrderList::emptySearchExplainsItself()
{
    // "Cancellable now" holds no cancelled payment: searching for one finds
    // nothing there, and the line above the list says where it is.
    auto *preset = child<QComboBox>(u"presetCombo"_s);
    preset->setCurrentIndex(preset->findData(int(Ui::OrderFilter::Preset::CancellableNow)));
    Q_EMIT preset->activated(preset->currentIndex());
    QTRY_VERIFY(m_window->orderModel().filter().preset == Ui::OrderFilter::Preset::CancellableNow);
    auto *hint = child<QWidget>(u"searchHint"_s);
    QVERIFY(hint);
    QVERIFY(!hint->isVisible());
    const Domain::OrderKey cancelled = m_test->demo(Provider::Uqpay, 9);
    auto *search = child<QLineEdit>(u"searchEdit"_s);
    QTest::keyClicks(search, cancelled.paymentId);
    QTRY_VERIFY(m_window->orderModel().filter().text == cancelled.paymentId);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
    QCOMPARE(m_window->orderModel().rowCount(), 0);
    QTRY_VERIFY(hint->isVisible());
    const QString text = child<QLabel>(u"searchHintText"_s)->text();
    // (The English plural form comes from canceldesk_en.ts.)
    QVERIFY2(text.startsWith(u"No match in “Cancellable now” — 1 order"_s)
                 && text.endsWith(u"in all orders."_s),
             qPrintable(text));

    QTest::mouseClick(child<QPushButton>(u"searchAllButton"_s), Qt::LeftButton);
    QTRY_VERIFY(m_window->orderModel().filter().preset == Ui::OrderFilter::Preset::All);
    QTRY_COMPARE(m_window->orderModel().rowCount(), 1);
    QCOMPARE(m_window->orderModel().keyAt(0), std::optional(cancelled));
    QVERIFY(!hint->isVisible());
    QCOMPARE(search->text(), cancelled.paymentId);
}

void TestOrderList::statusViewFollowsTheVisibleSelection()
{
    const Domain::OrderKey shown = m_test->demo(Provider::Antom, 1);
    m_window->selectOrder(shown);
    auto *status = m_window->findChild<Ui::StatusView *>();
    QTRY_COMPARE(status->order(), std::optional(shown));
    // A search that hides it: the status view no longer shows it.
    const Domain::OrderKey other = m_test->demo(Provider::Uqpay, 2);
    QTest::keyClicks(child<QLineEdit>(u"searchEdit"_s), other.paymentId);
    QTRY_COMPARE(m_window->orderModel().rowCount(), 1);
    QTRY_VERIFY(status->order() != std::optional(shown));
    QVERIFY(!status->order() || m_window->orderModel().rowOf(*status->order()) >= 0);
    QVERIFY(child<QLabel>(u"statusEmpty"_s)->isVisible()
            || status->order() == std::optional(other));
    // Back to all: selecting it shows it again.
    child<QLineEdit>(u"searchEdit"_s)->clear();
    QTRY_VERIFY(m_window->orderModel().rowCount() > 1);
    m_window->selectOrder(shown);
    QTRY_COMPARE(status->order(), std::optional(shown));
}

QTEST_MAIN(TestOrderList)
#include "tst_orderlist.moc"
