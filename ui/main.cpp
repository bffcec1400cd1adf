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
#include <QTimer>

#include <memory>

using namespace CancelDesk;

namespace {

// The console cannot go on: say why (unless the operator chose to quit), then
// end the event loop.
void quitWith(const QString &error)
{
    if (!error.isEmpty())
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "CancelDesk"), error);
    QCoreApplication::exit(1);
}

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

    Ui::ConsoleOptions options;
    options.configPath = Config::defaultConfigPath();
    options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.translations = &translations;
    std::unique_ptr<Ui::SecretStore> secrets;
    std::unique_ptr<Ui::Console> console;
    // Inside the event loop: the keychain answers over D-Bus, and a failure
    // must be able to end it.
    QTimer::singleShot(0, &app, [&] {
        Ui::openSecretStore(
            Ui::FileSecretStore::defaultPath(), &app, [&](std::unique_ptr<Ui::SecretStore> store) {
                secrets = std::move(store);
                options.secrets = secrets.get();
                console = std::make_unique<Ui::Console>(options);
                QObject::connect(console.get(), &Ui::Console::failed, &app, &quitWith);
                console->start();
            });
    });
    const int status = app.exec();
    // The console's windows and session go before the secret store they use.
    console.reset();
    return status;
}
