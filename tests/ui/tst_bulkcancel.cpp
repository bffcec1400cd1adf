// Bulk cancel (PRODUCT.md F13) against the in-process sandbox over loopback
// HTTP: what will and will not be sent, then the per-order results.

#include "dialogs/bulkcanceldialog.h"
#include "i18n/language.h"
#include "sandboxserver.h"
#include "scenario.h"
#include "storage/canceljournal.h"
#include "uitestsession.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTranslator>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Services::CancelReport;
using Storage::AttemptState;
using Column = Ui::BulkCancelDialog::Column;

namespace {

constexpr int kTimeoutMs = 60000;

struct Fixture
{
    std::unique_ptr<Test::UiTestSession> test = std::make_unique<Test::UiTestSession>();
    bool ok = false;
    Fixture()
    {
        QString error;
        ok = test->open(&error) && test->loadDemo();
        if (!ok)
            qWarning("session: %s", qPrintable(error));
    }
    Ui::AppSession &session() { return test->session(); }
    Domain::OrderKey demo(Provider provider, int index) { return test->demo(provider, index); }
    qint64 attempts(const Domain::OrderKey &key) { return test->attempts(key).size(); }
};

template<typename T> T *child(QWidget &dialog, const char *name)
{
    auto *w = dialog.findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

QString cellText(QWidget &dialog, int row, int column)
{
    return child<QTableWidget>(dialog, "ordersTable")->item(row, column)->text();
}

void shoot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("CANCELDESK_SHOTS_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    w.grab().save(dir + u"/cancel-bulk-"_s + name + u".png"_s);
}

} // namespace

class TestBulkCancel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<CancelReport>>(); }
    void listsAndCancels();
    void otherNeedsNote();
    void nothingToSend();
    void stopReportsTheRestAsNotSent();
    void chineseScreenshot();
};

void TestBulkCancel::listsAndCancels()
{
    Fixture f;
    QVERIFY(f.ok);
    const QList<Domain::OrderKey> keys = {
        f.demo(Provider::Uqpay, 0),   // card, REQUIRES_PAYMENT_METHOD: eligible
        f.demo(Provider::Uqpay, 9),   // already CANCELLED: not sent
        f.demo(Provider::Liquido, 0), // PIX IN_PROGRESS: eligible
    };
    Ui::BulkCancelDialog dialog(f.session(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.objectName(), u"bulkCancelDialog"_s);

    auto *table = child<QTableWidget>(dialog, "ordersTable");
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(cellText(dialog, 0, Column::PaymentIdColumn), keys.at(0).paymentId);
    QCOMPARE(cellText(dialog, 0, Column::ProviderColumn), u"UQPAY"_s);
    QVERIFY(cellText(dialog, 0, Column::PlanColumn).startsWith(u"Will be sent"_s));
    QVERIFY2(cellText(dialog, 1, Column::PlanColumn).startsWith(u"Not sent: "_s),
             qPrintable(cellText(dialog, 1, Column::PlanColumn)));
    QVERIFY(cellText(dialog, 1, Column::PlanColumn).contains(u"already cancelled"_s));
    QVERIFY(cellText(dialog, 2, Column::PlanColumn).startsWith(u"Will be sent"_s));
    QCOMPARE(dialog.sendableCount(), 2);
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    QVERIFY2(cancel->text().contains(u"Cancel 2 payment"_s), qPrintable(cancel->text()));
    QVERIFY(cancel->isEnabled());
    auto *combo = child<QComboBox>(dialog, "reasonCombo");
    combo->setCurrentIndex(combo->findData(int(Domain::CancelReason::Abandoned)));
    shoot(dialog, u"before-en"_s);

    QTest::mouseClick(cancel, Qt::LeftButton);
    QTest::mouseClick(cancel, Qt::LeftButton); // hidden by now: nothing happens
    QVERIFY(dialog.isRunning());
    QVERIFY(child<QPushButton>(dialog, "stopButton")->isVisible());
    QVERIFY(child<QProgressBar>(dialog, "progressBar")->isVisible());
    dialog.reject(); // refused while running
    QVERIFY(dialog.isVisible() || !dialog.isRunning());

    QVERIFY(finished.wait(kTimeoutMs) || finished.count() == 1);
    QCOMPARE(finished.count(), 1);
    const auto reports = finished.first().first().value<QList<CancelReport>>();
    QCOMPARE(reports.size(), 3);
    QCOMPARE(reports.at(0).order, keys.at(0));
    QCOMPARE(reports.at(0).state, std::optional<AttemptState>(AttemptState::Succeeded));
    QCOMPARE(reports.at(1).order, keys.at(1));
    QVERIFY(!reports.at(1).state);
    QVERIFY(!reports.at(1).sent);
    QCOMPARE(reports.at(1).attemptId, 0);
    QCOMPARE(reports.at(1).refusal, CancelReport::Refusal::Ineligible);
    QCOMPARE(reports.at(2).state, std::optional<AttemptState>(AttemptState::Succeeded));

    QCOMPARE(cellText(dialog, 0, Column::ResultColumn),
             Storage::attemptStateLabel(AttemptState::Succeeded));
    QCOMPARE(cellText(dialog, 1, Column::ResultColumn), u"Not sent"_s);
    QCOMPARE(cellText(dialog, 0, Column::StatusColumn),
             Domain::statusLabel(Domain::NormStatus::Cancelled));
    QCOMPARE(cellText(dialog, 2, Column::ResultColumn),
             Storage::attemptStateLabel(AttemptState::Succeeded));
    QVERIFY(child<QLabel>(dialog, "resultLabel")->text().contains(u"Succeeded: 2"_s));
    QVERIFY(child<QLabel>(dialog, "resultLabel")->text().contains(u"Not sent: 1"_s));
    QCOMPARE(f.attempts(keys.at(0)), 1);
    QCOMPARE(f.attempts(keys.at(1)), 0);
    QCOMPARE(f.attempts(keys.at(2)), 1);
    Storage::AttemptFilter all;
    for (const auto &a : f.session().journal().list(all))
        QCOMPARE(a.reason, Domain::CancelReason::Abandoned);
    shoot(dialog, u"done-en"_s);

    auto *close = child<QPushButton>(dialog, "closeButton");
    QVERIFY(close->isVisible());
    close->click();
    QVERIFY(!dialog.isVisible());
}

void TestBulkCancel::otherNeedsNote()
{
    Fixture f;
    QVERIFY(f.ok);
    Ui::BulkCancelDialog dialog(f.session(), {f.demo(Provider::Uqpay, 0)});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    auto *combo = child<QComboBox>(dialog, "reasonCombo");
    combo->setCurrentIndex(combo->findData(int(Domain::CancelReason::Other)));
    QVERIFY(!cancel->isEnabled());
    QTest::keyClicks(child<QLineEdit>(dialog, "noteEdit"), u"test batch"_s);
    QVERIFY(cancel->isEnabled());
    // Enter never starts a bulk cancel: no button is the default.
    QVERIFY(!cancel->isDefault());
    QTest::keyClick(child<QLineEdit>(dialog, "noteEdit"), Qt::Key_Return);
    QVERIFY(!dialog.isRunning());
    QVERIFY(dialog.isVisible());
}

void TestBulkCancel::nothingToSend()
{
    Fixture f;
    QVERIFY(f.ok);
    // Antom demo 13 (JKOPay, never) and Liquido demo 5 (PIX settled).
    Ui::BulkCancelDialog dialog(f.session(),
                                {f.demo(Provider::Antom, 13), f.demo(Provider::Liquido, 5)});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.sendableCount(), 0);
    QVERIFY(!child<QPushButton>(dialog, "cancelButton")->isEnabled());
    QVERIFY(cellText(dialog, 0, Column::PlanColumn).contains(u"Refund"_s));
    child<QPushButton>(dialog, "keepButton")->click();
    QVERIFY(!dialog.isVisible());
}

void TestBulkCancel::stopReportsTheRestAsNotSent()
{
    Fixture f;
    QVERIFY(f.ok);
    const QList<Domain::OrderKey> keys = {f.demo(Provider::Antom, 4), f.demo(Provider::Uqpay, 0),
                                          f.demo(Provider::Liquido, 0)};
    // Hold the first answer so that Stop certainly comes while it is in flight.
    Sandbox::Scenario hold;
    hold.paymentId = keys.at(0).paymentId;
    hold.kind = Sandbox::Scenario::Kind::Delay;
    hold.on = Sandbox::Scenario::On::Cancel;
    hold.ms = 3000;
    f.session().sandbox()->addScenario(hold);

    Ui::BulkCancelDialog dialog(f.session(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_VERIFY(cellText(dialog, 0, Column::ResultColumn).contains(u"Sending"_s));
    child<QPushButton>(dialog, "stopButton")->click();
    QVERIFY(finished.wait(kTimeoutMs) || finished.count() == 1);
    const auto reports = finished.first().first().value<QList<CancelReport>>();
    QCOMPARE(reports.size(), 3);
    // The rest were never started.
    QCOMPARE(f.attempts(keys.at(1)), 0);
    QCOMPARE(f.attempts(keys.at(2)), 0);
    QVERIFY(!reports.at(1).sent);
    QVERIFY(!reports.at(2).sent);
    QVERIFY(!dialog.isRunning());
    QVERIFY(child<QPushButton>(dialog, "closeButton")->isVisible());
}

void TestBulkCancel::chineseScreenshot()
{
    Fixture f;
    QVERIFY(f.ok);
    I18n::Translations translations;
    QVERIFY(translations.apply(u"zh_CN"_s));
    QTranslator extra; // see tst_canceldialog
    if (const QString qm = qEnvironmentVariable("CANCELDESK_EXTRA_QM"); !qm.isEmpty()) {
        QVERIFY(extra.load(qm));
        QCoreApplication::installTranslator(&extra);
    }
    QCoreApplication::processEvents();
    Ui::BulkCancelDialog dialog(
        f.session(),
        {f.demo(Provider::Antom, 4), f.demo(Provider::Antom, 13), f.demo(Provider::Liquido, 4)});
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    shoot(dialog, u"before-zh"_s);
    child<QPushButton>(dialog, "cancelButton")->click();
    QVERIFY(finished.wait(kTimeoutMs) || finished.count() == 1);
    shoot(dialog, u"done-zh"_s);
    QCoreApplication::removeTranslator(&extra);
    QVERIFY(translations.apply(u"en"_s));
    QTRY_COMPARE(child<QPushButton>(dialog, "closeButton")->text(), u"Close"_s);
}

QTEST_MAIN(TestBulkCancel)
#include "tst_bulkcancel.moc"
