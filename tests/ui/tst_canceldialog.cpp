// The cancel dialog (PRODUCT.md F8–F12) against the in-process sandbox over
// loopback HTTP: the real buttons are clicked, the journal is checked.

#include "canceltest.h"
#include "dialogs/canceldialog.h"
#include "dialogs/eligibility.h"
#include "format.h"
#include "i18n/language.h"
#include "providers/paymentprovider.h"
#include "sandboxserver.h"
#include "scenario.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"
#include "uitestsession.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Domain::Provider;
using Storage::AttemptState;

namespace {

constexpr int kOutcomeTimeoutMs = 30000;

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
    QList<Storage::CancelAttempt> attempts(const Domain::OrderKey &key)
    {
        return test->attempts(key);
    }
};

template<typename T> T *child(QWidget &dialog, const char *name)
{
    auto *w = dialog.findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

void pickReason(QWidget &dialog, Domain::CancelReason reason)
{
    auto *combo = child<QComboBox>(dialog, "reasonCombo");
    const int index = combo->findData(static_cast<int>(reason));
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

QString outcomeText(QWidget &dialog)
{
    return child<QLabel>(dialog, "outcomeTitle")->text() + u'\n'
           + child<QLabel>(dialog, "outcomeLabel")->text();
}

// Screenshots for people to look at, only when asked for.
void shoot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("CANCELDESK_SHOTS_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    w.grab().save(dir + u"/cancel-"_s + name + u".png"_s);
}

} // namespace

class TestCancelDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void explainDecision_data();
    void explainDecision();
    void cancelsEachProvider_data();
    void cancelsEachProvider();
    void otherNeedsNote();
    void typedConfirmation();
    void defaultThresholdAsksForLargeAmounts();
    void thresholdNamesItsCurrency_data();
    void thresholdNamesItsCurrency();
    void countdownFollowsClock();
    void rejectedShowsCodeAndGuidance();
    void unknownForeverIsUnresolved();
    void doubleClickSendsOnce();
    void secondWindowCannotSendAgain();
    void ineligibleOrderCannotBeSent();
    void staysOpenWhileSending();
    void chineseScreenshots();
};

void TestCancelDialog::initTestCase()
{
    qRegisterMetaType<Services::CancelReport>();
}

void TestCancelDialog::explainDecision_data()
{
    QTest::addColumn<int>("eligibility");
    QTest::addColumn<int>("reason");
    QTest::addColumn<int>("instead");
    QTest::addColumn<int>("warning");
    QTest::addColumn<QDateTime>("deadline");
    QTest::addColumn<QStringList>("expected");

    using namespace Domain;
    const QDateTime closedAt(QDate(2026, 3, 2), QTime(16, 15), Qt::UTC); // 00:15 UTC+8
    QTest::addRow("window closed")
        << int(Eligibility::NotEligible) << int(IneligibleReason::WindowClosed)
        << int(Instead::Refund) << int(PolicyWarning::None) << closedAt
        << QStringList{u"The cancel window closed at"_s, u"00:15 UTC+8."_s,
                       insteadText(Instead::Refund)};
    QTest::addRow("window closed, no deadline")
        << int(Eligibility::NotEligible) << int(IneligibleReason::WindowClosed)
        << int(Instead::Refund) << int(PolicyWarning::None) << QDateTime()
        << QStringList{ineligibleReasonText(IneligibleReason::WindowClosed),
                       insteadText(Instead::Refund)};
    QTest::addRow("method never cancellable")
        << int(Eligibility::NotEligible) << int(IneligibleReason::MethodNeverCancellable)
        << int(Instead::Refund) << int(PolicyWarning::None) << QDateTime()
        << QStringList{ineligibleReasonText(IneligibleReason::MethodNeverCancellable),
                       insteadText(Instead::Refund)};
    QTest::addRow("already cancelled")
        << int(Eligibility::NotEligible) << int(IneligibleReason::AlreadyCancelled)
        << int(Instead::Nothing) << int(PolicyWarning::None) << QDateTime()
        << QStringList{ineligibleReasonText(IneligibleReason::AlreadyCancelled)};
    QTest::addRow("eligible with warning")
        << int(Eligibility::EligibleWithWarning) << int(IneligibleReason::None)
        << int(Instead::Nothing) << int(PolicyWarning::ChannelDependent) << closedAt
        << QStringList{policyWarningText(PolicyWarning::ChannelDependent)};
    QTest::addRow("eligible") << int(Eligibility::Eligible) << int(IneligibleReason::None)
                              << int(Instead::Nothing) << int(PolicyWarning::None) << closedAt
                              << QStringList{};
}

void TestCancelDialog::explainDecision()
{
    QFETCH(int, eligibility);
    QFETCH(int, reason);
    QFETCH(int, instead);
    QFETCH(int, warning);
    QFETCH(QDateTime, deadline);
    QFETCH(QStringList, expected);

    Domain::PolicyDecision d;
    d.eligibility = static_cast<Domain::Eligibility>(eligibility);
    d.reason = static_cast<Domain::IneligibleReason>(reason);
    d.instead = static_cast<Domain::Instead>(instead);
    d.warning = static_cast<Domain::PolicyWarning>(warning);
    d.deadlineUtc = deadline;
    d.providerZone = QTimeZone(8 * 3600);
    const QString text = Ui::explainDecision(d);
    if (expected.isEmpty())
        QVERIFY2(text.isEmpty(), qPrintable(text));
    for (const QString &part : expected)
        QVERIFY2(text.contains(part), qPrintable(text + u" lacks "_s + part));
}

void TestCancelDialog::cancelsEachProvider_data()
{
    QTest::addColumn<int>("provider");
    QTest::addColumn<int>("index");
    // Eligible demo payments (app/sandbox/demodata.cpp), all below the default
    // typed-confirmation threshold.
    QTest::addRow("uqpay card REQUIRES_PAYMENT_METHOD") << int(Provider::Uqpay) << 0;
    QTest::addRow("antom ALIPAY_HK PROCESSING") << int(Provider::Antom) << 4;
    QTest::addRow("liquido PIX IN_PROGRESS") << int(Provider::Liquido) << 0;
}

void TestCancelDialog::cancelsEachProvider()
{
    QFETCH(int, provider);
    QFETCH(int, index);
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(static_cast<Provider>(provider), index);
    QVERIFY(!key.paymentId.isEmpty());

    Ui::CancelDialog dialog(f.sources(), key);
    QSignalSpy finished(&dialog, &Ui::CancelDialog::cancelFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.objectName(), u"cancelDialog"_s);
    QCOMPARE(child<QLabel>(dialog, "paymentIdValue")->text(), key.paymentId);
    QVERIFY(!child<QLineEdit>(dialog, "confirmEdit")->isVisible());
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    QVERIFY(cancel->isEnabled());
    pickReason(dialog, Domain::CancelReason::Duplicate);
    if (provider == int(Provider::Uqpay))
        shoot(dialog, u"before-en"_s);

    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(child<QProgressBar>(dialog, "progressBar")->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    QVERIFY(outcomeText(dialog).contains(u"Cancelled"_s));
    QVERIFY(child<QPushButton>(dialog, "closeButton")->isVisible());
    QVERIFY(!cancel->isVisible());
    QVERIFY(!child<QPushButton>(dialog, "keepButton")->isVisible());
    QCOMPARE(finished.count(), 1);
    const auto report = finished.first().first().value<Services::CancelReport>();
    QCOMPARE(report.state, std::optional<AttemptState>(AttemptState::Succeeded));
    if (provider == int(Provider::Uqpay))
        shoot(dialog, u"succeeded-en"_s);

    const QList<Storage::CancelAttempt> attempts = f.attempts(key);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().state, AttemptState::Succeeded);
    QCOMPARE(attempts.first().reason, Domain::CancelReason::Duplicate);
    QCOMPARE(attempts.first().operatorName, u"Test Operator"_s);

    child<QPushButton>(dialog, "closeButton")->click();
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestCancelDialog::otherNeedsNote()
{
    Fixture f;
    QVERIFY(f.ok);
    Ui::CancelDialog dialog(f.sources(), f.demo(Provider::Uqpay, 0));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    QVERIFY(cancel->isEnabled());
    pickReason(dialog, Domain::CancelReason::Other);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(child<QLabel>(dialog, "reasonProblemLabel")->isVisible());
    auto *note = child<QLineEdit>(dialog, "noteEdit");
    QTest::keyClicks(note, u"   "_s);
    QVERIFY(!cancel->isEnabled());
    QTest::keyClicks(note, u"customer called twice"_s);
    QVERIFY(cancel->isEnabled());
    QVERIFY(!child<QLabel>(dialog, "reasonProblemLabel")->isVisible());
    note->clear();
    QVERIFY(!cancel->isEnabled());
    pickReason(dialog, Domain::CancelReason::Fraudulent);
    QVERIFY(cancel->isEnabled());
    // Enter never cancels a payment: no button is the default.
    QVERIFY(!cancel->isDefault());
    QTest::keyClick(note, Qt::Key_Return);
    QVERIFY(!dialog.isSending());
    QVERIFY(dialog.isVisible());
    QVERIFY(f.attempts(f.demo(Provider::Uqpay, 0)).isEmpty());
}

void TestCancelDialog::typedConfirmation()
{
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(Provider::Antom, 4);
    Ui::CancelDialog dialog(f.sources(), key);
    dialog.setTypedConfirmationThreshold(0);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    auto *confirm = child<QLineEdit>(dialog, "confirmEdit");
    QVERIFY(confirm->isVisible());
    QVERIFY(!cancel->isEnabled());

    const QString last4 = key.paymentId.right(4);
    QString wrong = last4;
    wrong[0] = wrong.at(0) == u'0' ? u'1' : u'0';
    QTest::keyClicks(confirm, wrong);
    QVERIFY(!cancel->isEnabled());
    confirm->clear();
    QTest::keyClicks(confirm, last4.left(3));
    QVERIFY(!cancel->isEnabled());
    QTest::keyClicks(confirm, last4.right(1).toLower());
    QVERIFY(cancel->isEnabled());

    // A threshold above the amount hides it again.
    dialog.setTypedConfirmationThreshold(1000000);
    QVERIFY(!confirm->isVisible());
    QVERIFY(cancel->isEnabled());
}

void TestCancelDialog::defaultThresholdAsksForLargeAmounts()
{
    Fixture f;
    QVERIFY(f.ok);
    // Liquido demo 3: card authorised, 799.00 BRL (below 1000); UQPAY demo 3:
    // card PENDING, 1,500.00 PHP (above).
    Ui::CancelDialog below(f.sources(), f.demo(Provider::Liquido, 3));
    QVERIFY(!below.needsTypedConfirmation());
    Ui::CancelDialog above(f.sources(), f.demo(Provider::Uqpay, 3));
    QVERIFY(above.needsTypedConfirmation());
    above.show();
    QVERIFY(QTest::qWaitForWindowExposed(&above));
    QVERIFY(child<QLineEdit>(above, "confirmEdit")->isVisible());
}

void TestCancelDialog::thresholdNamesItsCurrency_data()
{
    QTest::addColumn<int>("demo");
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    // UQPAY demo 3: 1,500.00 PHP; demo 2: 5,000 JPY (no minor unit). The one
    // threshold of 1,000 is applied in each payment's own currency.
    QTest::addRow("PHP") << 3 << qint64(100000) << u"PHP"_s;
    QTest::addRow("JPY") << 2 << qint64(1000) << u"JPY"_s;
}

void TestCancelDialog::thresholdNamesItsCurrency()
{
    QFETCH(int, demo);
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    const Domain::Money limit{minor, currency};
    Fixture f;
    QVERIFY(f.ok);
    Ui::CancelDialog dialog(f.sources(), f.demo(Provider::Uqpay, demo));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.needsTypedConfirmation());
    auto *rule = child<QLabel>(dialog, "confirmRuleLabel");
    QVERIFY(rule->isVisible());
    const QString text = rule->text();
    QVERIFY2(text.contains(QLocale().toString(qint64(1000))), qPrintable(text));
    QVERIFY2(text.contains(u"payment's currency"_s), qPrintable(text));
    QVERIFY2(text.contains(u"(here: "_s + Ui::formatMoneyWithCode(limit) + u")"_s),
             qPrintable(text));
    shoot(dialog, u"typed-rule-"_s + limit.currency.toLower() + u"-en"_s);
}

void TestCancelDialog::countdownFollowsClock()
{
    Fixture f;
    QVERIFY(f.ok);
    // Liquido demo 0: PIX that expires 25 minutes after the sandbox started.
    Ui::CancelDialog dialog(f.sources(), f.demo(Provider::Liquido, 0));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *label = child<QLabel>(dialog, "countdownLabel");
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    auto *eligibility = child<QLabel>(dialog, "eligibilityLabel");
    auto colour = [label] { return label->palette().color(QPalette::WindowText); };
    using Level = Ui::Countdown::Level;

    QCOMPARE(colour(), Ui::countdownColor(Level::Amber));
    QVERIFY2(label->text().contains(u"min"_s), qPrintable(label->text()));
    QVERIFY(cancel->isEnabled());

    f.test->advance(20 * 60);
    QTRY_COMPARE(colour(), Ui::countdownColor(Level::Red));
    QVERIFY(cancel->isEnabled());

    f.test->advance(6 * 60);
    QTRY_COMPARE(colour(), Ui::countdownColor(Level::Closed));
    QCOMPARE(label->text(), u"closed"_s);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(eligibility->isVisible());
    QVERIFY2(eligibility->text().contains(u"no longer be cancelled"_s),
             qPrintable(eligibility->text()));
    QVERIFY2(eligibility->text().contains(u"closed"_s), qPrintable(eligibility->text()));
    shoot(dialog, u"closed-en"_s);
    // A click now does nothing.
    cancel->click();
    QTest::qWait(50);
    QVERIFY(f.attempts(f.demo(Provider::Liquido, 0)).isEmpty());
}

void TestCancelDialog::rejectedShowsCodeAndGuidance()
{
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(Provider::Antom, 4);
    Sandbox::Scenario scenario;
    scenario.paymentId = key.paymentId;
    scenario.kind = Sandbox::Scenario::Kind::WindowExceeded;
    f.session().sandbox()->addScenario(scenario);

    Ui::CancelDialog dialog(f.sources(), key);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"rejected"_s,
                              kOutcomeTimeoutMs);
    const QString text = outcomeText(dialog);
    QVERIFY2(text.contains(u"CANCEL_WINDOW_EXCEED"_s), qPrintable(text));
    QVERIFY2(text.contains(Providers::guidanceText(Providers::Guidance::Refund)), qPrintable(text));
    QVERIFY(text.contains(u"refund"_s));
    shoot(dialog, u"rejected-en"_s);
    const auto attempts = f.attempts(key);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().state, AttemptState::Rejected);
}

void TestCancelDialog::unknownForeverIsUnresolved()
{
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(Provider::Antom, 4);
    Sandbox::Scenario scenario;
    scenario.paymentId = key.paymentId;
    scenario.kind = Sandbox::Scenario::Kind::Unknown;
    scenario.on = Sandbox::Scenario::On::Cancel;
    scenario.times = -1;
    f.session().sandbox()->addScenario(scenario);

    Ui::CancelDialog dialog(f.sources(), key);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"unresolved"_s,
                              kOutcomeTimeoutMs);
    const QString text = outcomeText(dialog);
    QVERIFY2(text.contains(u"do not make a new cancel"_s), qPrintable(text));
    QCOMPARE(child<QLabel>(dialog, "outcomeTitle")->palette().color(QPalette::WindowText),
             Ui::countdownColor(Ui::Countdown::Level::Amber));
    shoot(dialog, u"unresolved-en"_s);
    const auto attempts = f.attempts(key);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().state, AttemptState::Unresolved);

    // A new dialog for the same payment says that it retries that same
    // attempt (PRODUCT.md §10), and does: the provider answers this time.
    f.session().sandbox()->clearScenarios();
    Ui::CancelDialog again(f.sources(), key);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    const QString note = child<QLabel>(again, "eligibilityLabel")->text();
    QVERIFY2(note.contains(u"retries that same attempt"_s), qPrintable(note));
    QVERIFY(!child<QComboBox>(again, "reasonCombo")->isEnabled());
    shoot(again, u"retry-unresolved-en"_s);
    QPushButton *retry = child<QPushButton>(again, "cancelButton");
    QVERIFY(retry->isEnabled());
    retry->click();
    QTRY_COMPARE_WITH_TIMEOUT(again.property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    const auto after = f.attempts(key);
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().id, attempts.first().id);
    QCOMPARE(after.first().idempotencyKey, attempts.first().idempotencyKey);
    QCOMPARE(after.first().state, AttemptState::Succeeded);
}

void TestCancelDialog::doubleClickSendsOnce()
{
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(Provider::Uqpay, 0);
    Ui::CancelDialog dialog(f.sources(), key);
    QSignalSpy finished(&dialog, &Ui::CancelDialog::cancelFinished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *cancel = child<QPushButton>(dialog, "cancelButton");
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTest::mouseDClick(cancel, Qt::LeftButton);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(f.attempts(key).size(), 1);
}

void TestCancelDialog::secondWindowCannotSendAgain()
{
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(Provider::Liquido, 0);
    Ui::CancelDialog first(f.sources(), key);
    Ui::CancelDialog second(f.sources(), key);
    first.show();
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    // Both clicked before either job has started (jobs begin on a later turn).
    child<QPushButton>(first, "cancelButton")->click();
    child<QPushButton>(second, "cancelButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(first.property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(second.property("outcome").toString(), u"refused"_s,
                              kOutcomeTimeoutMs);
    QVERIFY2(outcomeText(second).contains(u"Another cancel of this payment is in progress"_s),
             qPrintable(outcomeText(second)));
    QCOMPARE(f.attempts(key).size(), 1);

    // A third window, opened afterwards, sees the payment cancelled.
    Ui::CancelDialog third(f.sources(), key);
    third.show();
    QVERIFY(QTest::qWaitForWindowExposed(&third));
    QVERIFY(!child<QPushButton>(third, "cancelButton")->isEnabled());
    QVERIFY(child<QLabel>(third, "eligibilityLabel")->isVisible());
}

void TestCancelDialog::ineligibleOrderCannotBeSent()
{
    Fixture f;
    QVERIFY(f.ok);
    // Antom demo 13: JKOPay, never cancellable.
    const Domain::OrderKey key = f.demo(Provider::Antom, 13);
    Ui::CancelDialog dialog(f.sources(), key);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!child<QPushButton>(dialog, "cancelButton")->isEnabled());
    const QString text = child<QLabel>(dialog, "eligibilityLabel")->text();
    QVERIFY2(text.contains(Domain::insteadText(Domain::Instead::Refund)), qPrintable(text));
    child<QPushButton>(dialog, "keepButton")->click();
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
}

void TestCancelDialog::staysOpenWhileSending()
{
    Fixture f;
    QVERIFY(f.ok);
    const Domain::OrderKey key = f.demo(Provider::Antom, 4);
    // Hold the answer so the dialog is certainly still sending.
    Sandbox::Scenario scenario;
    scenario.paymentId = key.paymentId;
    scenario.kind = Sandbox::Scenario::Kind::Delay;
    scenario.on = Sandbox::Scenario::On::Cancel;
    scenario.ms = 1500;
    f.session().sandbox()->addScenario(scenario);

    Ui::CancelDialog dialog(f.sources(), key);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    child<QPushButton>(dialog, "cancelButton")->click();
    QVERIFY(dialog.isSending());
    QTRY_VERIFY(child<QLabel>(dialog, "stateLabel")->text().contains(u"Sent"_s));
    dialog.reject();
    QTest::keyClick(&dialog, Qt::Key_Escape);
    dialog.close();
    if (dialog.isSending()) // the answer may be back already on a slow machine
        QVERIFY(dialog.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    QVERIFY(dialog.isVisible());
}

void TestCancelDialog::chineseScreenshots()
{
    Fixture f;
    QVERIFY(f.ok);
    I18n::Translations translations;
    QVERIFY(translations.apply(u"zh_CN"_s));
    // Translations not merged into the .ts files yet can be looked at from a
    // .qm built out of tree.
    QTranslator extra;
    if (const QString qm = qEnvironmentVariable("CANCELDESK_EXTRA_QM"); !qm.isEmpty()) {
        QVERIFY(extra.load(qm));
        QCoreApplication::installTranslator(&extra);
    }
    QCoreApplication::processEvents();

    // An order whose earlier cancel is unresolved: the dialog says, in
    // Chinese, that it retries that same attempt.
    {
        const Domain::OrderKey earlier = f.demo(Provider::Antom, 4);
        const auto order = f.session().orders().find(earlier.provider, earlier.paymentId);
        QVERIFY(order);
        Storage::CancelAttempt draft = Test::draftAttempt(*order, u"李娜"_s);
        draft.reason = Domain::CancelReason::Duplicate;
        draft.note = u"重复下单"_s;
        Storage::JournalResult a = f.session().journal().prepare(draft);
        a.attempt.state = AttemptState::Sent;
        a.attempt.tries = 1;
        a = f.session().journal().record(a.attempt);
        a.attempt.state = AttemptState::Unresolved;
        QVERIFY(f.session().journal().record(a.attempt).ok());
        Ui::CancelDialog retry(f.sources(), earlier);
        retry.show();
        QVERIFY(QTest::qWaitForWindowExposed(&retry));
        QVERIFY(child<QLabel>(retry, "eligibilityLabel")->text().contains(u"重试"_s));
        // The fields show what will be sent: the attempt's own reason and note.
        QCOMPARE(child<QComboBox>(retry, "reasonCombo")->currentData().toInt(),
                 int(Domain::CancelReason::Duplicate));
        QCOMPARE(child<QLineEdit>(retry, "noteEdit")->text(), u"重复下单"_s);
        shoot(retry, u"retry-unresolved-zh"_s);
    }

    const Domain::OrderKey key = f.demo(Provider::Uqpay, 3); // 1,500.00 PHP: typed confirmation
    Ui::CancelDialog dialog(f.sources(), key);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(child<QLineEdit>(dialog, "confirmEdit")->isVisible());
    shoot(dialog, u"before-zh"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), key.paymentId.right(4));
    child<QPushButton>(dialog, "cancelButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.property("outcome").toString(), u"succeeded"_s,
                              kOutcomeTimeoutMs);
    shoot(dialog, u"succeeded-zh"_s);

    // Switching the language at runtime retranslates the open dialog.
    QCoreApplication::removeTranslator(&extra);
    QVERIFY(translations.apply(u"en"_s));
    QTRY_COMPARE(child<QPushButton>(dialog, "closeButton")->text(), u"Close"_s);
    QTRY_COMPARE(child<QComboBox>(dialog, "reasonCombo")->itemText(0),
                 Domain::cancelReasonLabel(Domain::CancelReason::RequestedByCustomer));
}

QTEST_MAIN(TestCancelDialog)
#include "tst_canceldialog.moc"
