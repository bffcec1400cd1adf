// Four eyes in the console (PRODUCT.md F23): the approvals queue model, the
// dock and its count in the status bar, and the approve dialog, against the
// in-process sandbox over loopback HTTP. The real buttons are clicked; the
// journal is checked.

#include "appsession.h"
#include "canceltest.h"
#include "dialogs/approvedialog.h"
#include "format.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/approvalsmodel.h"
#include "models/ordertablemodel.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "storage/canceljournal.h"
#include "uitestsession.h"
#include "views/approvalsdock.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Storage::AttemptState;
using Ui::ApprovalsModel;

namespace {

constexpr int kOutcomeTimeoutMs = 30000;
// UQPAY demo 0: a card intent awaiting its method, 12.50 SGD, cancellable
// (app/sandbox/demodata.cpp). With a threshold of 10.00 SGD its cancel waits
// for a second person.
constexpr int kDemo = 0;
const Domain::Money kThreshold{1000, u"SGD"_s};

template<typename T> T *child(const QObject &parent, const char *name)
{
    auto *w = parent.findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// Clicks the link of a rich-text label (the status bar's count).
void clickLink(QLabel *label)
{
    const QString text = label->text().remove(QRegularExpression(u"<[^>]*>"_s));
    const int width = label->fontMetrics().horizontalAdvance(text);
    const QRect r = label->contentsRect();
    QTest::mouseClick(label, Qt::LeftButton, {}, QPoint(r.left() + width / 2, r.center().y()));
}

// A cancel as the operator asks for it, through the service (the tests that
// are not about the cancel dialog).
Services::CancelReport requestCancel(Ui::AppSession &session, const Domain::OrderKey &key,
                                     const QString &operatorName)
{
    session.setOperatorName(operatorName);
    Services::CancelOrderRequest request;
    request.order = key;
    request.reason = Domain::CancelReason::Duplicate;
    request.operatorName = operatorName;
    request.environment = session.environment();
    return Test::await(session.cancels().cancel(request));
}

} // namespace

class TestApprovals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void modelListsTheQueueAndTicksTheCountdown();
    void approveFromTheQueue();
    void declineNeedsANote();
    void requesterCannotDecideInTheDialog();
    void lapsedRequestCannotBeApproved();
    void requestDecidedMeanwhileIsRefusedInWords();

private:
    // The console over a fresh store with the sandbox's demo, a threshold of
    // 10.00 SGD, and the approvals dock.
    void openWindow();
    Ui::AppSession &session() { return m_test->session(); }
    Domain::OrderKey demo() const { return m_test->demo(Provider::Uqpay, kDemo); }
    Ui::ApprovalsDock &dock() const
    {
        return *child<Ui::ApprovalsDock>(*m_window, "approvalsDock");
    }
    QTableView &table() const { return *child<QTableView>(*m_window, "approvalsTable"); }
    // Clicks the row of the request in the queue.
    void clickRow(qint64 attemptId);
    // Clicks the dock's button and returns the approve dialog it opened.
    Ui::ApproveDialog *openFromDock(const char *button);

    I18n::Translations m_translations;
    std::unique_ptr<Test::UiTestSession> m_test;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestApprovals::initTestCase()
{
    qRegisterMetaType<Services::CancelReport>();
}

void TestApprovals::init()
{
    QSettings().clear();
    QVERIFY(m_translations.apply(u"en"_s));
    m_test = std::make_unique<Test::UiTestSession>();
    QString error;
    QVERIFY2(m_test->open(&error), qPrintable(error));
    QVERIFY(session().journal().setThreshold(kThreshold.currency, kThreshold.minor).ok());
}

void TestApprovals::cleanup()
{
    m_window.reset();
    m_test.reset();
}

void TestApprovals::openWindow()
{
    m_window = std::make_unique<Ui::MainWindow>(m_translations, session());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // The store was empty: the window fetches the sandbox's demo payments.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->orderModel().rowOf(demo()) >= 0, 30000);
    QTRY_VERIFY(!m_window->orderModel().isBusy());
}

void TestApprovals::clickRow(qint64 attemptId)
{
    const int row = dock().model().rowOf(attemptId);
    QVERIFY(row >= 0);
    const auto *proxy = table().model();
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QModelIndex index = proxy->index(r, ApprovalsModel::PaymentIdColumn);
        if (index.data(ApprovalsModel::AttemptIdRole).toLongLong() == attemptId) {
            QTest::mouseClick(table().viewport(), Qt::LeftButton, {},
                              table().visualRect(index).center());
            return;
        }
    }
    QFAIL("the request is not in the table");
}

Ui::ApproveDialog *TestApprovals::openFromDock(const char *button)
{
    auto *b = child<QPushButton>(dock(), button);
    if (!b->isEnabled()) {
        qWarning("%s is disabled: %s", button, qPrintable(b->toolTip()));
        return nullptr;
    }
    QTest::mouseClick(b, Qt::LeftButton);
    Ui::ApproveDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] {
            dialog = m_window->findChild<Ui::ApproveDialog *>(u"approveDialog"_s);
            return dialog && dialog->isVisible();
        }))
        return nullptr;
    return dialog;
}

void TestApprovals::modelListsTheQueueAndTicksTheCountdown()
{
    QVERIFY(m_test->loadDemo());
    ApprovalsModel model(session().journal(), session().clock());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(ApprovalsModel::ColumnCount));

    const Services::CancelReport report = requestCancel(session(), demo(), u"alice"_s);
    QCOMPARE(report.state, std::optional<AttemptState>(AttemptState::AwaitingApproval));
    QVERIFY(!report.sent);
    model.reload();
    QCOMPARE(model.rowCount(), 1);
    const Storage::CancelAttempt a = model.attemptAt(0);
    QCOMPARE(a.id, report.attemptId);
    QVERIFY(a.approvalDeadline.isValid());

    const auto cell = [&model](int column, int role = Qt::DisplayRole) {
        return model.index(0, column).data(role);
    };
    QCOMPARE(cell(ApprovalsModel::RequestedColumn).toString(), Ui::formatLocalTime(a.requestedAt));
    QCOMPARE(cell(ApprovalsModel::ProviderColumn).toString(),
             Domain::providerDisplayName(Provider::Uqpay));
    QCOMPARE(cell(ApprovalsModel::PaymentIdColumn).toString(), demo().paymentId);
    QCOMPARE(cell(ApprovalsModel::AmountColumn).toString(),
             Ui::formatMoney(Domain::Money{1250, u"SGD"_s}));
    QCOMPARE(cell(ApprovalsModel::AmountColumn, ApprovalsModel::SortRole).toLongLong(), 1250);
    QCOMPARE(cell(ApprovalsModel::AmountColumn, Qt::TextAlignmentRole).value<Qt::Alignment>(),
             Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(cell(ApprovalsModel::RequesterColumn).toString(), u"alice"_s);
    QCOMPARE(cell(ApprovalsModel::AttemptIdColumn).toLongLong(), a.id);
    const QString left = cell(ApprovalsModel::TimeLeftColumn).toString();
    QVERIFY2(!left.isEmpty() && left != u"lapsed"_s, qPrintable(left));
    QVERIFY(!cell(ApprovalsModel::TimeLeftColumn, ApprovalsModel::LapsedRole).toBool());

    // The tick repaints the countdown column alone and reads nothing.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelAboutToBeReset);
    m_test->advance(m_test->now().secsTo(a.approvalDeadline) + 1);
    model.tick();
    QCOMPARE(changed.count(), 1);
    const auto topLeft = changed.first().at(0).value<QModelIndex>();
    const auto bottomRight = changed.first().at(1).value<QModelIndex>();
    QCOMPARE(topLeft.column(), int(ApprovalsModel::TimeLeftColumn));
    QCOMPARE(bottomRight.column(), int(ApprovalsModel::TimeLeftColumn));
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 0);
    QCOMPARE(reset.count(), 0);
    // Past its deadline the request has lapsed.
    QCOMPARE(cell(ApprovalsModel::TimeLeftColumn).toString(), u"lapsed"_s);
    QVERIFY(cell(ApprovalsModel::TimeLeftColumn, ApprovalsModel::LapsedRole).toBool());
}

void TestApprovals::approveFromTheQueue()
{
    openWindow();
    const Domain::OrderKey key = demo();
    auto *count = child<QLabel>(*m_window, "approvalsCount");
    QTRY_VERIFY2(count->text().contains(u"Approvals waiting: 0"_s), qPrintable(count->text()));

    // alice cancels through the cancel dialog: it waits; nothing is sent.
    session().setOperatorName(u"alice"_s);
    QSignalSpy served(session().sandbox(), &Sandbox::SandboxServer::requestServed);
    QDialog *cancel = Test::cancelFromTheList(*m_window, key);
    QVERIFY(cancel);
    QCOMPARE(cancel->property("outcome").toString(), u"awaiting"_s);
    cancel->close();
    for (const QList<QVariant> &request : served)
        QVERIFY2(!request.at(1).toString().contains(u"cancel"_s),
                 qPrintable(request.at(1).toString()));
    QList<Storage::CancelAttempt> attempts = m_test->attempts(key);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().state, AttemptState::AwaitingApproval);
    QCOMPARE(attempts.first().tries, 0);
    const qint64 id = attempts.first().id;

    // The queue lists it; the status bar counts it and opens the queue.
    QTRY_COMPARE(table().model()->rowCount(), 1);
    QTRY_VERIFY2(count->text().contains(u"Approvals waiting: 1"_s), qPrintable(count->text()));
    dock().hide();
    clickLink(count);
    QTRY_VERIFY(dock().isVisible());

    // alice cannot approve her own request.
    clickRow(id);
    auto *approve = child<QPushButton>(dock(), "approveButton");
    auto *decline = child<QPushButton>(dock(), "declineButton");
    QVERIFY(!approve->isEnabled());
    QVERIFY(!decline->isEnabled());
    QCOMPARE(approve->toolTip(), u"You asked for this cancel: another person must approve it."_s);

    // bob can.
    session().setOperatorName(u"bob"_s);
    QTRY_VERIFY(approve->isEnabled());
    Ui::ApproveDialog *dialog = openFromDock("approveButton");
    QVERIFY(dialog);
    // What alice saw: the order, its countdown and eligibility; and who asked.
    QCOMPARE(child<QLabel>(*dialog, "paymentIdValue")->text(), key.paymentId);
    QCOMPARE(child<QLabel>(*dialog, "amountValue")->text(),
             Ui::formatMoneyFull(Domain::Money{1250, u"SGD"_s}));
    QVERIFY(child<QLabel>(*dialog, "countdownLabel")->isVisible());
    QVERIFY(!child<QLabel>(*dialog, "countdownLabel")->text().isEmpty());
    QCOMPARE(child<QLabel>(*dialog, "requesterValue")->text(), u"alice"_s);

    auto *send = child<QPushButton>(*dialog, "approveButton");
    QVERIFY2(send->isEnabled(), qPrintable(send->toolTip()));
    QTest::mouseClick(send, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = dialog->findChild<QMessageBox *>(u"approveConfirmation"_s))
                && confirm->isVisible());
    QTest::mouseClick(child<QPushButton>(*confirm, "confirmApproveButton"), Qt::LeftButton);
    // A cancel in flight is never dropped: the dialog does not close.
    QVERIFY(dialog->isSending());
    dialog->close();
    QVERIFY(dialog->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    QVERIFY(child<QLabel>(*dialog, "outcomeTitle")->text().contains(u"Cancelled"_s));

    attempts = m_test->attempts(key);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().state, AttemptState::Succeeded);
    QCOMPARE(attempts.first().operatorName, u"alice"_s);
    QCOMPARE(attempts.first().approver, u"bob"_s);
    QTRY_COMPARE(table().model()->rowCount(), 0);
    QTRY_VERIFY2(count->text().contains(u"Approvals waiting: 0"_s), qPrintable(count->text()));
    child<QPushButton>(*dialog, "closeButton")->click();
    QTRY_VERIFY(!m_window->findChild<Ui::ApproveDialog *>(u"approveDialog"_s));
}

void TestApprovals::declineNeedsANote()
{
    openWindow();
    const Domain::OrderKey key = demo();
    const Services::CancelReport report = requestCancel(session(), key, u"alice"_s);
    QCOMPARE(report.state, std::optional<AttemptState>(AttemptState::AwaitingApproval));
    session().setOperatorName(u"bob"_s);
    QTRY_COMPARE(table().model()->rowCount(), 1);
    clickRow(report.attemptId);
    Ui::ApproveDialog *dialog = openFromDock("declineButton");
    QVERIFY(dialog);
    auto *note = child<QLineEdit>(*dialog, "declineNoteEdit");
    QTRY_VERIFY(note->hasFocus());

    // Without a note: refused, nothing recorded.
    QTest::mouseClick(child<QPushButton>(*dialog, "declineButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>(*dialog, "declineProblemLabel")->isVisible());
    QVERIFY(dialog->property("outcome").toString().isEmpty());
    QCOMPARE(m_test->attempts(key).first().state, AttemptState::AwaitingApproval);

    QTest::keyClicks(note, u"Customer confirmed the order by phone"_s);
    QTest::mouseClick(child<QPushButton>(*dialog, "declineButton"), Qt::LeftButton);
    QCOMPARE(dialog->property("outcome").toString(), u"declined"_s);
    const Storage::CancelAttempt a = m_test->attempts(key).first();
    QCOMPARE(a.state, AttemptState::Declined);
    QCOMPARE(a.approver, u"bob"_s);
    QCOMPARE(a.decisionNote, u"Customer confirmed the order by phone"_s);
    QCOMPARE(a.tries, 0);
    QTRY_COMPARE(table().model()->rowCount(), 0);
}

void TestApprovals::requesterCannotDecideInTheDialog()
{
    QVERIFY(m_test->loadDemo());
    const Services::CancelReport report = requestCancel(session(), demo(), u"alice"_s);
    const std::optional<Storage::CancelAttempt> a = session().journal().find(report.attemptId);
    QVERIFY(a);
    Ui::ApproveDialog dialog(session().cancelSources(), *a);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!child<QPushButton>(dialog, "approveButton")->isEnabled());
    QVERIFY(!child<QPushButton>(dialog, "declineButton")->isEnabled());
    QCOMPARE(child<QLabel>(dialog, "eligibilityLabel")->text(),
             Ui::ApproveDialog::ownRequestText());
    QCOMPARE(session().journal().find(a->id)->state, AttemptState::AwaitingApproval);
}

void TestApprovals::lapsedRequestCannotBeApproved()
{
    openWindow();
    const Services::CancelReport report = requestCancel(session(), demo(), u"alice"_s);
    session().setOperatorName(u"bob"_s);
    const std::optional<Storage::CancelAttempt> a = session().journal().find(report.attemptId);
    QVERIFY(a && a->approvalDeadline.isValid());
    QTRY_COMPARE(table().model()->rowCount(), 1);
    clickRow(a->id);
    QTRY_VERIFY(child<QPushButton>(dock(), "approveButton")->isEnabled());

    m_test->advance(m_test->now().secsTo(a->approvalDeadline) + 1);
    QTRY_COMPARE(table().model()->index(0, ApprovalsModel::TimeLeftColumn).data().toString(),
                 u"lapsed"_s);
    auto *approve = child<QPushButton>(dock(), "approveButton");
    QTRY_VERIFY(!approve->isEnabled());
    QVERIFY2(approve->toolTip().contains(u"lapsed"_s), qPrintable(approve->toolTip()));

    // Opened anyway (a dialog left open while it lapsed): no approving.
    Ui::ApproveDialog dialog(session().cancelSources(), *a);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!child<QPushButton>(dialog, "approveButton")->isEnabled());
    QVERIFY(child<QLabel>(dialog, "approvalDeadlineValue")->text().contains(u"lapsed"_s));
    QVERIFY(child<QLabel>(dialog, "eligibilityLabel")->text().contains(u"lapsed"_s));
    QTest::mouseClick(child<QPushButton>(dialog, "approveButton"), Qt::LeftButton);
    QVERIFY(!dialog.findChild<QMessageBox *>(u"approveConfirmation"_s));
    QCOMPARE(session().journal().find(a->id)->state, AttemptState::AwaitingApproval);
}

void TestApprovals::requestDecidedMeanwhileIsRefusedInWords()
{
    QVERIFY(m_test->loadDemo());
    const Domain::OrderKey key = demo();
    const Services::CancelReport report = requestCancel(session(), key, u"alice"_s);
    const std::optional<Storage::CancelAttempt> a = session().journal().find(report.attemptId);
    QVERIFY(a);
    session().setOperatorName(u"bob"_s);
    Ui::ApproveDialog dialog(session().cancelSources(), *a);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // carol declines it on another console while bob looks at it.
    QVERIFY(session().cancels().decline(a->id, u"carol"_s, u"duplicate request"_s).ok());

    auto *send = child<QPushButton>(dialog, "approveButton");
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = dialog.findChild<QMessageBox *>(u"approveConfirmation"_s))
                && confirm->isVisible());
    QTest::mouseClick(child<QPushButton>(*confirm, "confirmApproveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"refused"_s,
                              kOutcomeTimeoutMs);
    QCOMPARE(child<QLabel>(dialog, "outcomeTitle")->text(), u"Not approved — nothing was sent"_s);
    const QString words = child<QLabel>(dialog, "outcomeLabel")->text();
    QVERIFY2(words.contains(u"is not awaiting approval"_s), qPrintable(words));
    const std::optional<Storage::CancelAttempt> after = session().journal().find(a->id);
    QCOMPARE(after->state, AttemptState::Declined);
    QCOMPARE(after->approver, u"carol"_s);
    QCOMPARE(after->tries, 0);
}

QTEST_MAIN(TestApprovals)
#include "tst_approvals.moc"
