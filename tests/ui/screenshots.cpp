// Takes the README screenshots (scripts/screenshots.sh runs it): the main
// window with an order selected, and the cancel dialog, in English and in
// Chinese, against the in-process sandbox. Usage: canceldesk_screenshots OUTDIR

#include "appsession.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "uitestsession.h"

#include "dialogs/canceldialog.h"

#include <QAction>
#include <QApplication>
#include <QDir>
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

bool shoot(const QString &language, const QString &outDir)
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
    Ui::CancelDialog dialog(test.session(), {Domain::Provider::Antom, id}, &window);
    dialog.setTypedConfirmationThreshold(0);
    dialog.show();
    QTest::qWait(1200);
    if (!save(&dialog, QDir(outDir).filePath(QStringLiteral("cancel-%1.png").arg(language))))
        return false;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(outDir);
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        if (!shoot(language, outDir))
            return 1;
    }
    return 0;
}
