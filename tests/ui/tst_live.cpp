// F24 in the console: what another console (or the CLI) writes to the same
// store shows in this one's order list and status view without a refresh —
// a status change, and a cancel in progress "by" whom, until it ends.
// The other console is a second Database on the same store with its own
// OrderStore and CancelJournal, as another process would have. On SQLite the
// console polls; on PostgreSQL it listens (tst_live_pg), and the banner and
// status bar say so.

#include "canceltest.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "testsupport.h"
#include "uitestsession.h"

#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Ui::OrderTableModel;

namespace {

// Well inside the feed's 2 s promise on a quiet machine; generous for a
// loaded one. Without the feed nothing arrives at all.
constexpr int kArrivesMs = 10000;

} // namespace

class TestLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusWrittenElsewhereShowsInTheList();
    void cancelElsewhereSaysByWhomUntilItEnds();

private:
    QString statusText(const Domain::OrderKey &key) const;
    QString verdictText() const;

    I18n::Translations m_translations;
    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<Ui::MainWindow> m_window;
    // The other console.
    std::unique_ptr<Storage::Database> m_other;
    std::unique_ptr<Storage::OrderStore> m_otherOrders;
    std::unique_ptr<Storage::CancelJournal> m_otherJournal;
};

void TestLive::init()
{
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    m_test = std::make_unique<Test::UiTestSession>();
    m_test->setLiveFeed(true);
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
    QVERIFY(m_test->loadDemo());
    QVERIFY(m_test->session().changeFeed());
    m_window = std::make_unique<Ui::MainWindow>(m_translations, m_test->session());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->orderModel().rowCount() >= 30, 30000);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
    // The status bar says the list follows the others: by NOTIFY on
    // PostgreSQL, by polling on SQLite.
    const QString live = Test::enginePostgres() ? u"Live"_s : u"Live (polling)"_s;
    QTRY_COMPARE(m_window->findChild<QLabel *>(u"liveStatus"_s)->text(), live);

    m_other = std::make_unique<Storage::Database>(m_test->storeLocation());
    QVERIFY2(m_other->open(&error), qPrintable(error));
    m_otherOrders = std::make_unique<Storage::OrderStore>(*m_other);
    m_otherJournal = std::make_unique<Storage::CancelJournal>(*m_other);
}

void TestLive::cleanup()
{
    m_window.reset();
    m_test.reset();
    m_otherJournal.reset();
    m_otherOrders.reset();
    m_other.reset();
}

QString TestLive::statusText(const Domain::OrderKey &key) const
{
    const OrderTableModel &model = m_window->orderModel();
    const int row = model.rowOf(key);
    return row < 0 ? QString() : model.index(row, OrderTableModel::StatusColumn).data().toString();
}

QString TestLive::verdictText() const
{
    return m_window->findChild<QLabel *>(u"eligibilityText"_s)->text();
}

void TestLive::statusWrittenElsewhereShowsInTheList()
{
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 0);
    const auto order = m_otherOrders->find(key.provider, key.paymentId);
    QVERIFY(order);
    QVERIFY(order->status != Domain::NormStatus::Failed);
    Domain::Order failed = *order;
    failed.status = Domain::NormStatus::Failed;
    failed.rawStatus = u"FAILED"_s;
    QVERIFY(m_otherOrders->upsert(failed, Storage::StatusSource::Manual).ok);
    const QString label = Domain::statusLabel(Domain::NormStatus::Failed);
    QTRY_VERIFY_WITH_TIMEOUT(statusText(key).startsWith(label), kArrivesMs);
}

void TestLive::cancelElsewhereSaysByWhomUntilItEnds()
{
    const Domain::OrderKey key = m_test->demo(Provider::Uqpay, 0);
    m_window->selectOrder(key);
    QTRY_VERIFY(verdictText().startsWith(u"Can be cancelled"_s));

    // Bob, at another console, starts cancelling it.
    const auto order = m_otherOrders->find(key.provider, key.paymentId);
    QVERIFY(order);
    Storage::JournalResult a = m_otherJournal->prepare(Test::draftAttempt(*order, u"bob"_s));
    QVERIFY2(a.ok(), qPrintable(a.message));
    QTRY_VERIFY_WITH_TIMEOUT(statusText(key).contains(u"being cancelled by bob"_s), kArrivesMs);
    // The badge keeps the status in its pill and says who beside it, so a
    // narrow column elides the name, never the status.
    const OrderTableModel &model = m_window->orderModel();
    const QModelIndex status = model.index(model.rowOf(key), OrderTableModel::StatusColumn);
    QCOMPARE(status.data(OrderTableModel::ActiveAttemptRole).toString(),
             u"being cancelled by bob"_s);
    QCOMPARE(status.data(OrderTableModel::BadgeRole).toString(),
             Domain::statusLabel(order->status));
    QCOMPARE(statusText(key), Domain::statusLabel(order->status) + u" · being cancelled by bob"_s);
    // The status view says so, and the Cancel action says why there is no
    // second cancel (Del explains instead of cancelling).
    QTRY_VERIFY(verdictText().contains(u"bob"_s));
    QAction *cancel = m_window->findChild<QAction *>(u"cancelAction"_s);
    QTRY_VERIFY2(cancel->toolTip().contains(u"by bob is in progress"_s),
                 qPrintable(cancel->toolTip()));

    // His cancel is refused by the provider: the order is free again.
    a.attempt.state = Storage::AttemptState::Sent;
    a.attempt.tries = 1;
    a = m_otherJournal->record(a.attempt);
    QVERIFY2(a.ok(), qPrintable(a.message));
    a.attempt.state = Storage::AttemptState::Rejected;
    a.attempt.finishedAt = m_otherJournal->clockNow();
    a.attempt.providerCode = u"ORDER_STATUS_INVALID"_s;
    a = m_otherJournal->record(a.attempt);
    QVERIFY2(a.ok(), qPrintable(a.message));
    QTRY_VERIFY_WITH_TIMEOUT(!statusText(key).contains(u"being cancelled"_s), kArrivesMs);
    QVERIFY(!model.index(model.rowOf(key), OrderTableModel::StatusColumn)
                 .data(OrderTableModel::ActiveAttemptRole)
                 .isValid());
    QTRY_VERIFY(!verdictText().contains(u"bob"_s));
    QTRY_COMPARE(cancel->toolTip(), u"Cancel the selected payment (Del)"_s);
}

QTEST_MAIN(TestLive)
#include "tst_live.moc"
