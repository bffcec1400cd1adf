// Bulk cancel (PRODUCT.md F13) against the in-process sandbox over loopback
// HTTP: what will and will not be sent, then the per-order results.

#include "dialogs/bulkcanceldialog.h"
#include "format.h"
#include "i18n/language.h"
#include "sandboxserver.h"
#include "scenario.h"
#include "storage/canceljournal.h"
#include "uitestsession.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
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
    Ui::CancelSources sources() { return test->session().cancelSources(); }
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
    void typedConfirmationWhenAnySentOrderIsLarge();
    void largeOrderNotSentNeedsNoTypedConfirmation();
    void totalsPerCurrency();
    void outcomesArriveRowByRowThenReport();
    void retryUnresolvedReusesTheAttempt();
    void stoppedRetryKeepsTheRestUnresolved();
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
    Ui::BulkCancelDialog dialog(f.sources(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.objectName(), u"bulkCancelDialog"_s);

    auto *table = child<QTableWidget>(dialog, "ordersTable");
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(cellText(dialog, 0, Column::PaymentIdColumn), keys.at(0).paymentId);
    QCOMPARE(cellText(dialog, 0, Column::ProviderColumn), u"UQPAY"_s);
    QVERIFY(cellText(dialog, 0, Column::OutcomeColumn).startsWith(u"Will be sent"_s));
    QVERIFY2(cellText(dialog, 1, Column::OutcomeColumn).startsWith(u"Not sent: "_s),
             qPrintable(cellText(dialog, 1, Column::OutcomeColumn)));
    QVERIFY(cellText(dialog, 1, Column::OutcomeColumn).contains(u"already cancelled"_s));
    QVERIFY(cellText(dialog, 2, Column::OutcomeColumn).startsWith(u"Will be sent"_s));
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

    QCOMPARE(cellText(dialog, 0, Column::OutcomeColumn),
             Storage::attemptStateLabel(AttemptState::Succeeded));
    QVERIFY(cellText(dialog, 1, Column::OutcomeColumn).startsWith(u"Not sent: "_s));
    QVERIFY(cellText(dialog, 1, Column::OutcomeColumn).contains(u"already cancelled"_s));
    QCOMPARE(cellText(dialog, 0, Column::StatusColumn),
             Domain::statusLabel(Domain::NormStatus::Cancelled));
    QCOMPARE(cellText(dialog, 2, Column::OutcomeColumn),
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
    Ui::BulkCancelDialog dialog(f.sources(), {f.demo(Provider::Uqpay, 0)});
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
    Ui::BulkCancelDialog dialog(f.sources(),
                                {f.demo(Provider::Antom, 13), f.demo(Provider::Liquido, 5)});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.sendableCount(), 0);
    QVERIFY(!child<QPushButton>(dialog, "cancelButton")->isEnabled());
    QVERIFY(cellText(dialog, 0, Column::OutcomeColumn).contains(u"Refund"_s));
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

    Ui::BulkCancelDialog dialog(f.sources(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_VERIFY(cellText(dialog, 0, Column::OutcomeColumn).contains(u"Sending"_s));
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

void TestBulkCancel::typedConfirmationWhenAnySentOrderIsLarge()
{
    Fixture f;
    QVERIFY(f.ok);
    // UQPAY demo 0: 12.50 SGD; demo 3: card PENDING, 1,500.00 PHP — at or above
    // the default threshold of 1,000 in its own currency, as in the cancel dialog.
    const QList<Domain::OrderKey> keys = {f.demo(Provider::Uqpay, 0), f.demo(Provider::Uqpay, 3)};
    Ui::BulkCancelDialog dialog(f.sources(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.sendableCount(), 2);
    QVERIFY(dialog.needsTypedConfirmation());
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    auto *confirm = child<QLineEdit>(dialog, "confirmEdit");
    auto *rule = child<QLabel>(dialog, "confirmRuleLabel");
    QVERIFY(confirm->isVisible());
    QVERIFY(rule->isVisible());
    QVERIFY(!cancel->isEnabled());
    // The rule names the amount in the currency concerned, not in the others.
    const QString phpLimit = Ui::formatMoneyWithCode({100000, u"PHP"_s});
    QVERIFY2(rule->text().contains(phpLimit), qPrintable(rule->text()));
    QVERIFY2(!rule->text().contains(u"SGD"_s), qPrintable(rule->text()));
    QVERIFY2(child<QLabel>(dialog, "confirmLabel")->text().contains(u"(2)"_s),
             qPrintable(child<QLabel>(dialog, "confirmLabel")->text()));
    shoot(dialog, u"typed-en"_s);

    QTest::keyClicks(confirm, u"1"_s);
    QVERIFY(!cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!dialog.isRunning());
    confirm->clear();
    QTest::keyClicks(confirm, u"2"_s);
    QVERIFY(cancel->isEnabled());

    // A threshold above every amount: no typed confirmation, as in the cancel dialog.
    dialog.setTypedConfirmationThreshold(1000000);
    QVERIFY(!dialog.needsTypedConfirmation());
    QVERIFY(!confirm->isVisible());
    dialog.setTypedConfirmationThreshold(0); // 0: always
    QVERIFY(dialog.needsTypedConfirmation());
    QVERIFY(confirm->isVisible());

    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(kTimeoutMs) || finished.count() == 1);
    QCOMPARE(f.attempts(keys.at(1)), 1);
}

void TestBulkCancel::largeOrderNotSentNeedsNoTypedConfirmation()
{
    Fixture f;
    QVERIFY(f.ok);
    // Antom demo 9: DANA, 150,000.00 IDR, never cancellable: it is not sent, so
    // it asks for nothing.
    Ui::BulkCancelDialog dialog(f.sources(),
                                {f.demo(Provider::Uqpay, 0), f.demo(Provider::Antom, 9)});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.sendableCount(), 1);
    QVERIFY(!dialog.needsTypedConfirmation());
    QVERIFY(!child<QLineEdit>(dialog, "confirmEdit")->isVisible());
    QVERIFY(child<QPushButton>(dialog, "cancelButton")->isEnabled());
}

void TestBulkCancel::totalsPerCurrency()
{
    Fixture f;
    QVERIFY(f.ok);
    // 12.50 SGD, 20.00 USD, 20.00 USD, and 33.00 CNY already cancelled (not sent).
    Ui::BulkCancelDialog dialog(f.sources(),
                                {f.demo(Provider::Uqpay, 0), f.demo(Provider::Uqpay, 12),
                                 f.demo(Provider::Uqpay, 13), f.demo(Provider::Uqpay, 9)});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.sendableCount(), 3);
    const QList<Domain::Money> expected = {{1250, u"SGD"_s}, {4000, u"USD"_s}};
    QCOMPARE(dialog.totals(), expected);
    const QString text = child<QLabel>(dialog, "totalsLabel")->text();
    QVERIFY2(text.contains(Ui::formatMoneyFull({1250, u"SGD"_s})), qPrintable(text));
    QVERIFY2(text.contains(Ui::formatMoneyFull({4000, u"USD"_s})), qPrintable(text));
    QVERIFY2(!text.contains(u"CNY"_s), qPrintable(text));
}

void TestBulkCancel::outcomesArriveRowByRowThenReport()
{
    Fixture f;
    QVERIFY(f.ok);
    const QList<Domain::OrderKey> keys = {f.demo(Provider::Uqpay, 0), f.demo(Provider::Liquido, 0),
                                          f.demo(Provider::Uqpay, 9)};
    // Hold the second answer: the first outcome must show while it waits.
    Sandbox::Scenario hold;
    hold.paymentId = keys.at(1).paymentId;
    hold.kind = Sandbox::Scenario::Kind::Delay;
    hold.on = Sandbox::Scenario::On::Cancel;
    hold.ms = 2000;
    f.session().sandbox()->addScenario(hold);

    Ui::BulkCancelDialog dialog(f.sources(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *table = child<QTableWidget>(dialog, "ordersTable");
    QCOMPARE(table->horizontalHeaderItem(Column::OutcomeColumn)->text(), u"Will it be sent?"_s);
    child<QPushButton>(dialog, "cancelButton")->click();
    const QString succeeded = Storage::attemptStateLabel(AttemptState::Succeeded);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(dialog, 0, Column::OutcomeColumn), succeeded, kTimeoutMs);
    QVERIFY(dialog.isRunning());
    QCOMPARE(cellText(dialog, 1, Column::OutcomeColumn), u"Sending…"_s);
    QCOMPARE(table->horizontalHeaderItem(Column::OutcomeColumn)->text(), u"Outcome"_s);
    QVERIFY(!child<QPushButton>(dialog, "copyReportButton")->isVisible());
    QVERIFY(finished.wait(kTimeoutMs) || finished.count() == 1);
    QCOMPARE(cellText(dialog, 1, Column::OutcomeColumn), succeeded);
    QVERIFY(cellText(dialog, 2, Column::OutcomeColumn).startsWith(u"Not sent: "_s));

    // Copy: tab-separated, a header and one line per order.
    auto *copy = child<QPushButton>(dialog, "copyReportButton");
    QVERIFY(copy->isVisible());
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(copy, Qt::LeftButton);
    const QStringList lines = QGuiApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0).split(u'\t').size(), 7);
    const QStringList first = lines.at(1).split(u'\t');
    QCOMPARE(first.size(), 7);
    QCOMPARE(first.at(1), keys.at(0).paymentId);
    QCOMPARE(first.at(2), u"12.50"_s);
    QCOMPARE(first.at(3), u"SGD"_s);
    QCOMPARE(first.at(5), succeeded);
    QVERIFY(first.at(6).toLongLong() > 0); // the cancel attempt
    QVERIFY(lines.at(3).split(u'\t').at(5).startsWith(u"Not sent: "_s));
    QVERIFY(lines.at(3).split(u'\t').at(6).isEmpty());

    // Export: CSV (UTF-8 with a BOM) to the path a file dialog would give.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"bulk.csv"_s);
    dialog.setExportPathForTest(path);
    QTest::mouseClick(child<QPushButton>(dialog, "exportReportButton"), Qt::LeftButton);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList rows = QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 4);
    QVERIFY2(rows.at(1).startsWith(u"UQPAY,"_s + keys.at(0).paymentId + u",12.50,SGD,"_s),
             qPrintable(rows.at(1)));
    QVERIFY2(child<QLabel>(dialog, "reportNoteLabel")->text().contains(u"bulk.csv"_s),
             qPrintable(child<QLabel>(dialog, "reportNoteLabel")->text()));
    shoot(dialog, u"report-en"_s);
}

void TestBulkCancel::retryUnresolvedReusesTheAttempt()
{
    Fixture f;
    QVERIFY(f.ok);
    const QList<Domain::OrderKey> keys = {f.demo(Provider::Antom, 4), f.demo(Provider::Uqpay, 0)};
    // Antom answers "unknown" to every cancel of the first one: it ends UNRESOLVED.
    Sandbox::Scenario unknown;
    unknown.paymentId = keys.at(0).paymentId;
    unknown.kind = Sandbox::Scenario::Kind::Unknown;
    unknown.on = Sandbox::Scenario::On::Cancel;
    unknown.times = -1;
    f.session().sandbox()->addScenario(unknown);

    Ui::BulkCancelDialog dialog(f.sources(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *retry = child<QPushButton>(dialog, "retryButton");
    QVERIFY(!retry->isVisible());
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QVERIFY2(cellText(dialog, 0, Column::OutcomeColumn)
                 .startsWith(Storage::attemptStateLabel(AttemptState::Unresolved)),
             qPrintable(cellText(dialog, 0, Column::OutcomeColumn)));
    QCOMPARE(cellText(dialog, 1, Column::OutcomeColumn),
             Storage::attemptStateLabel(AttemptState::Succeeded));
    const auto before = f.test->attempts(keys.at(0));
    QCOMPARE(before.size(), 1);
    QCOMPARE(before.first().state, AttemptState::Unresolved);
    QVERIFY(retry->isVisible());
    QVERIFY2(retry->text().contains(u"(1)"_s), qPrintable(retry->text()));
    shoot(dialog, u"unresolved-en"_s);

    // Antom answers now. The retry goes through CancelService (Verdict::
    // RetryUnresolved): the same attempt, the same idempotency key.
    f.session().sandbox()->clearScenarios();
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);
    const auto after = f.test->attempts(keys.at(0));
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().id, before.first().id);
    QCOMPARE(after.first().idempotencyKey, before.first().idempotencyKey);
    QCOMPARE(after.first().state, AttemptState::Succeeded);
    const auto report = finished.last().first().value<QList<CancelReport>>().first();
    QVERIFY(report.retried);
    QCOMPARE(report.attemptId, before.first().id);
    QCOMPARE(cellText(dialog, 0, Column::OutcomeColumn),
             Storage::attemptStateLabel(AttemptState::Succeeded));
    // The order that had succeeded was not sent again.
    QCOMPARE(f.attempts(keys.at(1)), 1);
    QVERIFY(!retry->isVisible());
    QVERIFY(child<QLabel>(dialog, "resultLabel")->text().contains(u"Succeeded: 2"_s));
}

void TestBulkCancel::stoppedRetryKeepsTheRestUnresolved()
{
    Fixture f;
    QVERIFY(f.ok);
    const QList<Domain::OrderKey> keys = {f.demo(Provider::Antom, 4), f.demo(Provider::Liquido, 0)};
    for (const Domain::OrderKey &key : keys) {
        Sandbox::Scenario unknown;
        unknown.paymentId = key.paymentId;
        unknown.kind = Sandbox::Scenario::Kind::Unknown;
        unknown.on = Sandbox::Scenario::On::Cancel;
        unknown.times = -1;
        f.session().sandbox()->addScenario(unknown);
    }
    Ui::BulkCancelDialog dialog(f.sources(), keys);
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    auto *retry = child<QPushButton>(dialog, "retryButton");
    QVERIFY2(retry->text().contains(u"(2)"_s), qPrintable(retry->text()));

    // Retry both, and stop while the first one is still being asked about.
    f.session().sandbox()->clearScenarios();
    Sandbox::Scenario hold;
    hold.paymentId = keys.at(0).paymentId;
    hold.kind = Sandbox::Scenario::Kind::Delay;
    hold.ms = 3000;
    hold.times = -1;
    f.session().sandbox()->addScenario(hold);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY(cellText(dialog, 0, Column::OutcomeColumn).contains(u"Sending"_s));
    QCOMPARE(cellText(dialog, 1, Column::OutcomeColumn), u"Waiting"_s);
    child<QPushButton>(dialog, "stopButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);

    // Nothing was sent for the second one: its cancel is still unresolved, as
    // the dialog keeps saying, and it can still be retried here.
    QCOMPARE(f.test->attempts(keys.at(1)).first().state, AttemptState::Unresolved);
    QVERIFY2(cellText(dialog, 1, Column::OutcomeColumn)
                 .startsWith(Storage::attemptStateLabel(AttemptState::Unresolved)),
             qPrintable(cellText(dialog, 1, Column::OutcomeColumn)));
    QVERIFY(retry->isVisible());
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
    // With UQPAY demo 3 (1,500.00 PHP): the typed confirmation in Chinese too.
    Ui::BulkCancelDialog dialog(f.sources(),
                                {f.demo(Provider::Antom, 4), f.demo(Provider::Antom, 13),
                                 f.demo(Provider::Liquido, 4), f.demo(Provider::Uqpay, 3)});
    QSignalSpy finished(&dialog, &Ui::BulkCancelDialog::bulkFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(child<QLineEdit>(dialog, "confirmEdit")->isVisible());
    shoot(dialog, u"before-zh"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"),
                     QString::number(dialog.sendableCount()));
    child<QPushButton>(dialog, "cancelButton")->click();
    QVERIFY(finished.wait(kTimeoutMs) || finished.count() == 1);
    shoot(dialog, u"done-zh"_s);
    QCoreApplication::removeTranslator(&extra);
    QVERIFY(translations.apply(u"en"_s));
    QTRY_COMPARE(child<QPushButton>(dialog, "closeButton")->text(), u"Close"_s);
}

QTEST_MAIN(TestBulkCancel)
#include "tst_bulkcancel.moc"
