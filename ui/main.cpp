// The composition root of the canceldesk GUI: reads the settings (secrets from
// the OS keychain), installs the language, opens the session (store, rules,
// providers or the built-in sandbox) and shows the main window.
#include "appicon.h"
#include "config/appconfig.h"
#include "console.h"
#include "core/buildinfo.h"
#include "i18n/language.h"
#include "settings/secretstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
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

// --help and --version are answered without a screen (they are read by
// help2man at build time): true when one of them was asked and answered.
bool answeredWithoutScreen(int &argc, char *argv[], int *status)
{
    bool asked = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView a(argv[i]);
        asked = asked || a == "--version" || a == "-v" || a == "--help" || a == "-h"
                || a == "--help-all";
    }
    if (!asked)
        return false;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("canceldesk"));
    I18n::Translations translations;
    translations.apply(I18n::languageForLocale(QLocale::system()));
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "CancelDesk: the console for cancelling payments by hand at UQPAY, Antom and "
                "Liquido. With no provider configured it runs against a built-in sandbox."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.parse(QCoreApplication::arguments()); // Qt's own options (-platform …) are not ours
    if (parser.isSet(QStringLiteral("help-all")))
        parser.process(app); // prints the help with Qt's options and exits
    if (parser.isSet(version)) {
        std::fputs(BuildInfo::versionText(QStringLiteral("canceldesk")).toUtf8().constData(),
                   stdout);
    } else if (parser.isSet(help)) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
    }
    *status = 0;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    if (int status = 0; answeredWithoutScreen(argc, argv, &status))
        return status;
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CancelDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("CancelDesk"));
    QCoreApplication::setApplicationVersion(BuildInfo::version());
    QApplication::setWindowIcon(Ui::applicationIcon());
    // The launcher entry the window belongs to (Wayland's app id, the X11 hint).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.canceldesk.CancelDesk"));

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
