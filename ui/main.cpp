// The composition root of the canceldesk GUI: reads the settings (secrets from
// the OS keychain), installs the language, opens the session (store, rules,
// providers or the built-in sandbox) and shows the main window.
#include "appsession.h"
#include "config/appconfig.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "settings/secretstore.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

using namespace CancelDesk;

namespace {

struct Console
{
    std::unique_ptr<Ui::AppSession> session;
    std::unique_ptr<Ui::MainWindow> window;
};

} // namespace

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

    const QString configPath = Config::defaultConfigPath();
    const std::unique_ptr<Ui::SecretStore> secrets =
        Ui::openSecretStore(Ui::FileSecretStore::defaultPath());

    Console console;
    // (Re)builds the session and the window from the settings on disk.
    std::function<bool()> start = [&]() -> bool {
        const Config::ConfigLoad load = Config::loadConfig(
            configPath, [&secrets](const QString &key) { return secrets->read(key); });
        if (!load.ok()) {
            QMessageBox::critical(
                nullptr, QCoreApplication::translate("main", "CancelDesk"),
                QCoreApplication::translate("main", "The settings cannot be used:\n%1")
                    .arg(load.error));
            return false;
        }
        Ui::SessionOptions options;
        options.config = load.config;
        options.configWarnings = load.warnings;
        options.databasePath = Config::defaultDatabasePath();
        options.sandboxStateDir =
            QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                .filePath(QStringLiteral("sandbox"));
        console.window.reset();
        console.session = std::make_unique<Ui::AppSession>(options);
        QString error;
        if (!console.session->open(&error)) {
            QMessageBox::critical(
                nullptr, QCoreApplication::translate("main", "CancelDesk"),
                QCoreApplication::translate("main", "CancelDesk cannot start:\n%1").arg(error));
            return false;
        }
        console.window = std::make_unique<Ui::MainWindow>(translations, *console.session);
        console.window->setSecretStore(secrets.get());
        QObject::connect(console.window.get(), &Ui::MainWindow::languageChosen,
                         console.window.get(), [&settings](const QString &language) {
                             settings.setValue(QStringLiteral("ui/language"), language);
                         });
        QObject::connect(
            console.window.get(), &Ui::MainWindow::settingsChanged, &app,
            [&start] {
                // After the dialog has closed: rebuild from the new settings.
                QMetaObject::invokeMethod(
                    qApp, [&start] { start(); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
        console.window->show();
        return true;
    };
    if (!start())
        return 1;
    const int code = app.exec();
    console.window.reset();
    console.session.reset();
    return code;
}
