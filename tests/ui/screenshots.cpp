// Takes the README screenshots (scripts/screenshots.sh runs it): the main
// window with an order selected, the cancel dialog, the approvals queue and
// the approve dialog, in English and in
// Chinese, against the in-process sandbox. Usage: canceldesk_screenshots OUTDIR [--all]
// --all adds every other dialog and view (for reviewing both languages for
// clipped labels; not used in the README).

#include "appsession.h"
#include "dialogs/addorderdialog.h"
#include "dialogs/approvedialog.h"
#include "dialogs/bulkcanceldialog.h"
#include "dialogs/canceldialog.h"
#include "dialogs/exportdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/syncdialog.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "sandboxserver.h"
#include "scenario.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "storage/orderstore.h"
#include "uitestsession.h"
#include "views/approvalsdock.h"
#include "views/cancellogview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace CancelDesk;

namespace {

bool save(QWidget *w, const QString &path)
{
    if (!w->grab().save(path)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("wrote %s\n", qPrintable(path));
    return true;
}

// The order list's states of issue 12 at 1024 x 700: an order whose last
// sync failed (the mark in the list, the verdict asking for a refresh), and a
// search that finds nothing under the preset.
bool shootListStates(Test::UiTestSession &test, Ui::MainWindow &window, const QString &language,
                     const QString &outDir)
{
    const Domain::OrderKey key = test.demo(Domain::Provider::Uqpay, 1);
    Sandbox::Scenario down;
    down.paymentId = key.paymentId;
    down.kind = Sandbox::Scenario::Kind::HttpError;
    down.on = Sandbox::Scenario::On::Inquiry;
    down.status = 503;
    down.times = -1;
    test.session().sandbox()->addScenario(down);
    window.resize(1024, 700);
    window.selectOrder(key);
    QTest::qWait(300);
    auto *refresh = window.findChild<QPushButton *>(QStringLiteral("statusRefreshButton"));
    if (!refresh)
        return false;
    refresh->click();
    if (!QTest::qWaitFor(
            [&] {
                return !test.session()
                            .orders()
                            .find(key.provider, key.paymentId)
                            ->lastSyncError.isEmpty();
            },
            20000))
        return false;
    QTest::qWait(1200);
    test.session().sandbox()->clearScenarios();
    if (!save(&window,
              QDir(outDir).filePath(QStringLiteral("main-syncfailed-%1.png").arg(language))))
        return false;

    auto *preset = window.findChild<QComboBox *>(QStringLiteral("presetCombo"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    preset->setCurrentIndex(1); // Cancellable now
    Q_EMIT preset->activated(1);
    search->setText(test.demo(Domain::Provider::Uqpay, 9).paymentId); // a cancelled one
    QTest::qWait(1500);
    const bool ok =
        save(&window, QDir(outDir).filePath(QStringLiteral("main-nomatch-%1.png").arg(language)));
    search->clear();
    preset->setCurrentIndex(0);
    Q_EMIT preset->activated(0);
    QTest::qWait(600);
    if (!ok)
        return false;

    // Del on a cancelled payment: the box that says why.
    window.selectOrder(test.demo(Domain::Provider::Uqpay, 9));
    QTest::qWait(300);
    if (auto *cancel = window.findChild<QAction *>(QStringLiteral("cancelAction")))
        cancel->trigger();
    QTest::qWait(600);
    auto *box = window.findChild<QWidget *>(QStringLiteral("cannotCancelBox"));
    if (!box
        || !save(box, QDir(outDir).filePath(QStringLiteral("cannotcancel-%1.png").arg(language))))
        return false;
    box->close();
    QTest::qWait(300);
    return true;
}

// Every other window, shown at its own default size.
bool shootAll(Test::UiTestSession &test, Ui::MainWindow &window, const QString &language,
              const QString &outDir)
{
    const auto path = [&](const char *name) {
        return QDir(outDir).filePath(
            QStringLiteral("%1-%2.png").arg(QLatin1String(name), language));
    };
    const auto shot = [&](QWidget &w, const char *name) {
        w.show();
        QTest::qWait(600);
        return save(&w, path(name));
    };
    const QList<QString> antom = test.session().demoIds().value(Domain::Provider::Antom);
    if (!shootListStates(test, window, language, outDir))
        return false;
    {
        // With UQPAY demo 3 (1,500.00 PHP): the typed confirmation and its rule.
        const QList<Domain::OrderKey> orders = {
            {Domain::Provider::Antom, antom.at(0)},  {Domain::Provider::Antom, antom.at(4)},
            test.demo(Domain::Provider::Uqpay, 0),   test.demo(Domain::Provider::Uqpay, 3),
            test.demo(Domain::Provider::Liquido, 0), test.demo(Domain::Provider::Uqpay, 9)};
        Ui::BulkCancelDialog d(test.session().cancelSources(), orders, &window);
        if (!shot(d, "bulk"))
            return false;
        // After sending, one of them unresolved (Antom answers "unknown"): the
        // outcomes, the report buttons and "Retry unresolved".
        Sandbox::Scenario unknown;
        unknown.paymentId = antom.at(4);
        unknown.kind = Sandbox::Scenario::Kind::Unknown;
        unknown.on = Sandbox::Scenario::On::Cancel;
        unknown.times = -1;
        test.session().sandbox()->addScenario(unknown);
        if (auto *confirm = d.findChild<QLineEdit *>(QStringLiteral("confirmEdit")))
            confirm->setText(QString::number(d.sendableCount()));
        if (auto *cancel = d.findChild<QPushButton *>(QStringLiteral("cancelButton")))
            cancel->click();
        if (!QTest::qWaitFor([&] { return !d.isRunning(); }, 60000))
            return false;
        test.session().sandbox()->clearScenarios();
        if (!shot(d, "bulk-done"))
            return false;
    }
    {
        Ui::AddOrderDialog d(test.session().refresh(), test.session().orders(),
                             test.session().providers(), &window);
        if (!shot(d, "add"))
            return false;
    }
    {
        Ui::ImportDialog d(test.session().importer(), &window);
        if (!shot(d, "import"))
            return false;
    }
    {
        Ui::SyncDialog d(test.session().refresh(), test.session().providers(), test.session().now(),
                         &window);
        if (!shot(d, "sync"))
            return false;
    }
    {
        Ui::ExportDialog d(test.session().exporter(), Services::ExportOptions{}, &window);
        if (!shot(d, "export"))
            return false;
    }
    {
        Ui::CancelLogView v(test.session().journal(), test.session().exporter(),
                            test.session().clock());
        v.resize(1200, 600);
        if (!shot(v, "log"))
            return false;
    }
    {
        Ui::MemorySecretStore secrets;
        Ui::SettingsDialog d(QDir(outDir).filePath(QStringLiteral("review.ini")), secrets, &window);
        if (!shot(d, "settings"))
            return false;
        QFile::remove(QDir(outDir).filePath(QStringLiteral("review.ini")));
    }
    return true;
}

// Four eyes (F23): "alice" asks to cancel UQPAY demo 1 (99.00 USD) over a
// threshold of 50.00 USD; the window's operator sees it in the approvals
// queue, with the count in the status bar, and opens the approve dialog.
// The threshold is removed again so that the other shots are as before.
bool shootApprovals(Test::UiTestSession &test, Ui::MainWindow &window, const QString &language,
                    const QString &outDir)
{
    Ui::AppSession &session = test.session();
    const QString currency = QStringLiteral("USD");
    if (!session.journal().setThreshold(currency, 5000).ok())
        return false;
    Services::CancelOrderRequest request;
    request.order = test.demo(Domain::Provider::Uqpay, 1);
    request.reason = Domain::CancelReason::RequestedByCustomer;
    request.operatorName = QStringLiteral("alice");
    request.environment = session.environment();
    Services::CancelReport report;
    QEventLoop loop;
    Services::CancelJob *job = session.cancels().cancel(request);
    QObject::connect(job, &Services::CancelJob::finished, &loop,
                     [&](const Services::CancelReport &r) {
                         report = r;
                         loop.quit();
                     });
    loop.exec();
    session.journal().setThreshold(currency, std::nullopt);
    const std::optional<Storage::CancelAttempt> attempt = session.journal().find(report.attemptId);
    if (!attempt || attempt->state != Storage::AttemptState::AwaitingApproval) {
        std::fprintf(stderr, "the approval request was not made: %s\n", qPrintable(report.message));
        return false;
    }
    auto *dock = window.findChild<Ui::ApprovalsDock *>(QStringLiteral("approvalsDock"));
    if (!dock || !QTest::qWaitFor([dock] { return dock->waitingCount() == 1; }))
        return false;
    dock->show();
    dock->selectAttempt(attempt->id);
    QTest::qWait(1200); // a countdown tick
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("approvals-%1.png").arg(language))))
        return false;
    Ui::ApproveDialog dialog(session.cancelSources(), *attempt, &window);
    dialog.show();
    QTest::qWait(1200);
    if (!save(&dialog, QDir(outDir).filePath(QStringLiteral("approve-%1.png").arg(language))))
        return false;
    dialog.hide();
    dock->hide();
    return true;
}

bool shoot(const QString &language, const QString &outDir, bool all)
{
    I18n::Translations translations;
    if (!translations.apply(language))
        return false;
    QCoreApplication::processEvents();
    Test::UiTestSession test;
    QString error;
    if (!test.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    Ui::MainWindow window(translations, test.session());
    window.resize(1500, 820);
    window.show();
    int demo = 0;
    for (const QStringList &ids : test.session().demoIds())
        demo += int(ids.size());
    if (!QTest::qWaitFor([&] { return window.orderModel().rowCount() == demo; }, 30000)
        || !QTest::qWaitFor([&] { return !window.orderModel().isBusy(); }, 30000))
        return false;
    // An Antom payment whose window is open: the status view shows it all.
    const QString id = test.session().demoIds().value(Domain::Provider::Antom).at(4);
    window.selectOrder({Domain::Provider::Antom, id});
    QTest::qWait(1200); // a countdown tick
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("main-%1.png").arg(language))))
        return false;
    // The smallest supported window: status and time left without scrolling.
    window.resize(1024, 700);
    QTest::qWait(600);
    if (!save(&window, QDir(outDir).filePath(QStringLiteral("main-1024-%1.png").arg(language))))
        return false;
    window.resize(1500, 820);
    Ui::CancelDialog dialog(test.session().cancelSources(), {Domain::Provider::Antom, id}, &window);
    dialog.setTypedConfirmationThreshold(0);
    dialog.show();
    QTest::qWait(1200);
    if (!save(&dialog, QDir(outDir).filePath(QStringLiteral("cancel-%1.png").arg(language))))
        return false;
    dialog.hide();
    if (!shootApprovals(test, window, language, outDir))
        return false;
    return !all || shootAll(test, window, language, outDir);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const QStringList args = app.arguments();
    const QString outDir = args.size() > 1 ? args.at(1) : QStringLiteral(".");
    const bool all = args.contains(QStringLiteral("--all"));
    QDir().mkpath(outDir);
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        if (!shoot(language, outDir, all))
            return 1;
    }
    return 0;
}
