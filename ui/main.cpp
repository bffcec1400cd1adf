// The composition root of the canceldesk GUI: reads the settings (secrets from
// the OS keychain), installs the language, opens the session (store, rules,
// providers or the built-in sandbox) and shows the main window.
#include "config/appconfig.h"
#include "console.h"
#include "i18n/language.h"
#include "settings/secretstore.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

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

    const std::unique_ptr<Ui::SecretStore> secrets =
        Ui::openSecretStore(Ui::FileSecretStore::defaultPath());

    Ui::ConsoleOptions options;
    options.configPath = Config::defaultConfigPath();
    options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.secrets = secrets.get();
    options.translations = &translations;
    Ui::Console console(options);
    QObject::connect(&console, &Ui::Console::failed, &app, [](const QString &error) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "CancelDesk"), error);
        QCoreApplication::exit(1);
    });
    QString error;
    if (!console.start(&error)) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "CancelDesk"), error);
        return 1;
    }
    return app.exec();
}
