// Issue 13: the GUI thread does not wait on the disk. The one-second tick, the
// Cancel action's enabling, the cancel dialog's countdown, the bulk cancel
// dialog and the model's in-place updates read the order model's rows, never
// the database. Storage::Database counts every use of the main thread's
// connection; each phase below must leave that count unchanged.

#include "appsession.h"
#include "canceltest.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "uitestsession.h"

#include <QAction>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Ui::OrderTableModel;

class TestGuiThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void ticksAndSelectionReadTheModel();
    void cancelDialogCountdownReadsTheModel();
    void bulkCancelDialogReadsTheModel();
    void updatesInPlaceLoadOffTheGuiThread();

private:
    quint64 uses() const { return m_test->session().database().mainThreadUses(); }
    QAction *action(const char *name) const
    {
        return m_window->findChild<QAction *>(QString::fromLatin1(name));
    }
    // Lets the real one-second tick run `seconds` times while the test clock
    // moves on by a minute each time.
    void tickFor(int seconds);
    // Makes the order's earlier cancel UNRESOLVED (a retry is offered).
    void leaveUnresolved(const Domain::OrderKey &key);

    I18n::Translations m_translations;
    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestGuiThread::init()
{
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    m_test = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
    QVERIFY(m_test->loadDemo());
    // One payment whose earlier cancel is unresolved: the action offers a retry.
    leaveUnresolved(m_test->demo(Provider::Antom, 4));
    m_window = std::make_unique<Ui::MainWindow>(m_translations, m_test->session());
    // The status pane shows an order's history and payload, read when an order
    // is picked: closed, so that what is measured is the list, the actions and
    // the dialogs.
    m_window->findChild<QDockWidget *>(u"statusDock"_s)->close();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->orderModel().rowCount() >= 30, 30000);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
    // Start-up (recovery of dead owners' cancels) is done.
    QTest::qWait(200);
}

void TestGuiThread::cleanup()
{
    m_window.reset();
    m_test.reset();
}

void TestGuiThread::tickFor(int seconds)
{
    for (int i = 0; i < seconds; ++i) {
        m_test->advance(60);
        QTest::qWait(1050);
    }
}

void TestGuiThread::leaveUnresolved(const Domain::OrderKey &key)
{
    const auto order = m_test->session().orders().find(key.provider, key.paymentId);
    QVERIFY(order);
    Storage::CancelAttempt draft = Test::draftAttempt(*order, u"Li Na"_s);
    Storage::JournalResult a = m_test->session().journal().prepare(draft);
    QVERIFY(a.ok());
    a.attempt.state = Storage::AttemptState::Sent;
    a.attempt.tries = 1;
    a = m_test->session().journal().record(a.attempt);
    QVERIFY(a.ok());
    a.attempt.state = Storage::AttemptState::Unresolved;
    QVERIFY(m_test->session().journal().record(a.attempt).ok());
}

void TestGuiThread::ticksAndSelectionReadTheModel()
{
    QAction *cancel = action("cancelAction");
    const quint64 before = uses();

    // The tick, with nothing selected and then with orders selected.
    tickFor(2);
    QCOMPARE(uses(), before);

    const Domain::OrderKey open = m_test->demo(Provider::Uqpay, 0);
    const Domain::OrderKey cancelled = m_test->demo(Provider::Uqpay, 9);
    const Domain::OrderKey unresolved = m_test->demo(Provider::Antom, 4);
    m_window->selectOrder(cancelled);
    QTRY_VERIFY2(cancel->toolTip().contains(u"already cancelled"_s), qPrintable(cancel->toolTip()));
    m_window->selectOrder(unresolved);
    QTRY_VERIFY2(cancel->toolTip().startsWith(u"Retry the earlier cancel"_s),
                 qPrintable(cancel->toolTip()));
    m_window->selectOrder(open);
    QTRY_COMPARE(cancel->toolTip(), u"Cancel the selected payment (Del)"_s);
    QVERIFY(cancel->isEnabled());
    // Two rows: the action is for one order.
    QTableView &view = m_window->orderView();
    view.selectionModel()->select(
        m_window->orderModel().index(m_window->orderModel().rowOf(cancelled), 0),
        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QTRY_VERIFY(!cancel->isEnabled());
    m_window->selectOrder(open);
    QTRY_VERIFY(cancel->isEnabled());
    QCOMPARE(uses(), before);

    // Its window (30 minutes after creation) closes while the ticks run.
    m_test->advance(40 * 60);
    tickFor(2);
    QTRY_VERIFY2(cancel->toolTip().startsWith(u"Cannot be cancelled"_s),
                 qPrintable(cancel->toolTip()));
    QCOMPARE(uses(), before);
}

void TestGuiThread::cancelDialogCountdownReadsTheModel()
{
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 0); // a 30-minute window
    m_window->selectOrder(key);
    QAction *cancel = action("cancelAction");
    QTRY_VERIFY(cancel->isEnabled());
    QTRY_COMPARE(cancel->toolTip(), u"Cancel the selected payment (Del)"_s);

    const quint64 before = uses();
    cancel->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(u"cancelDialog"_s)) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    auto *countdown = dialog->findChild<QLabel *>(u"countdownLabel"_s);
    QVERIFY(countdown);
    const QString first = countdown->text();
    QVERIFY(!first.isEmpty());
    m_test->advance(60);
    QTRY_VERIFY_WITH_TIMEOUT(countdown->text() != first, 3000);
    QCOMPARE(dialog->findChild<QLabel *>(u"paymentIdValue"_s)->text(), key.paymentId);
    QCOMPARE(uses(), before);
    dialog->reject();
}

void TestGuiThread::bulkCancelDialogReadsTheModel()
{
    const QList<Domain::OrderKey> keys = {m_test->demo(Provider::Uqpay, 0),
                                          m_test->demo(Provider::Antom, 0),
                                          m_test->demo(Provider::Uqpay, 9)};
    m_window->selectOrder(keys.first());
    QTableView &view = m_window->orderView();
    for (const Domain::OrderKey &key : keys.mid(1))
        view.selectionModel()->select(
            m_window->orderModel().index(m_window->orderModel().rowOf(key), 0),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QAction *bulk = action("bulkCancelAction");
    QTRY_VERIFY(bulk->isEnabled());

    const quint64 before = uses();
    bulk->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(u"bulkCancelDialog"_s)) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    auto *start = dialog->findChild<QPushButton *>(u"cancelButton"_s);
    QVERIFY(start);
    tickFor(2);
    QCOMPARE(uses(), before);
    dialog->reject();
}

void TestGuiThread::updatesInPlaceLoadOffTheGuiThread()
{
    OrderTableModel &model = m_window->orderModel();
    const Domain::OrderKey key = m_test->demo(Provider::Liquido, 0);
    const int row = model.rowOf(key);
    QVERIFY(row >= 0);
    const quint64 before = uses();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.updateOrders({key});
    QTRY_VERIFY(!changed.isEmpty());
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(uses(), before);
}

QTEST_MAIN(TestGuiThread)
#include "tst_guithread.moc"
