// The composition root of the canceldesk GUI: reads settings, installs the
// language, opens the store and shows the main window.
#include "i18n/language.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/orderstore.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

using namespace CancelDesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CancelDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("CancelDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CANCELDESK_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/canceldesk.svg")));

    QSettings settings;
    I18n::Translations translations;
    // The first start follows the system locale; a choice from the menu is remembered.
    const QString remembered =
        I18n::normalizeLanguage(settings.value(QStringLiteral("ui/language")).toString());
    translations.apply(remembered.isEmpty() ? I18n::languageForLocale(QLocale::system())
                                            : remembered);

    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    Storage::Database database(QDir(dataDir).filePath(QStringLiteral("canceldesk.sqlite")));
    QString error;
    if (!database.open(&error)) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("main", "CancelDesk"),
            QCoreApplication::translate("main", "The order database cannot be opened:\n%1")
                .arg(error));
        return 1;
    }
    const Storage::OrderStore orders(database);

    Ui::SessionInfo info;
    info.environment = QStringLiteral("sandbox");
    info.databasePath = database.path();
    info.schemaVersion = database.schemaVersion();
    info.orderCount = orders.count({});

    Ui::MainWindow window(translations, info);
    QObject::connect(&window, &Ui::MainWindow::languageChosen, &window,
                     [&settings](const QString &language) {
                         settings.setValue(QStringLiteral("ui/language"), language);
                     });
    window.show();
    return app.exec();
}
