#pragma once

#include "dialogs/databaselogindialog.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

namespace CancelDesk::I18n {
class Translations;
}
namespace CancelDesk::Sandbox {
class SandboxServer;
}

namespace CancelDesk::Ui {

class AppSession;
class MainWindow;
class SecretStore;
struct SecretValues;

struct ConsoleOptions
{
    QString configPath; // canceldesk.ini
    QString dataDir;    // the stores (one per environment) and sandbox/
    SecretStore *secrets = nullptr;
    I18n::Translations *translations = nullptr;
};

// The console as the operator runs it: the settings on disk → a session (the
// store of the configured environment, its providers or the built-in sandbox)
// → the main window; rebuilt when the settings are saved. The built-in sandbox
// lives here, not in the session, so that saving settings never restarts it:
// its payments are the ones the sandbox store's orders refer to. It keeps them
// in dataDir/sandbox across restarts too; resetSandbox() starts afresh on
// purpose. ui/main.cpp shows what this builds; tests drive it the same way.
class Console final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Console)

public:
    explicit Console(ConsoleOptions options, QObject *parent = nullptr);
    ~Console() override;

    // Reads the provider secrets (the store answers when it does: the
    // keychain over D-Bus), and the team database's password when the
    // settings name a team database, then (re)builds the session and the
    // window from the settings on disk and shows the window: started(), or
    // failed(). A cancel log window that was open is open again on the new
    // session.
    //
    // A team database that refuses the login (or wants a password), or does
    // not answer, brings up the login dialog (loginDialog()) instead: Connect
    // tries again with the password typed there, which is then kept in the
    // secret store when "remember" is ticked (replacing a saved one the
    // server refused); Quit is failed() with an empty error.
    void start();
    // Closes the window, drops the sandbox's payments and the sandbox store
    // (its orders and cancel log), and starts again: new demo payments.
    void resetSandbox();

    MainWindow *window() const { return m_window.get(); }
    // The team database's login dialog while it is shown, else null.
    DatabaseLoginDialog *loginDialog() const { return m_loginDialog; }
    AppSession *session() const { return m_session.get(); }
    QString sandboxStateDir() const;
    QString databasePath(const QString &environment) const;

Q_SIGNALS:
    void started();
    // Translated. The owner says so and quits. Empty: the operator chose to
    // quit (the login dialog); nothing more to say.
    void failed(const QString &error);

private:
    enum class Built { Started, Failed, AskingForLogin };

    // Adds the saved password of the team database the settings name, if
    // any, to the secrets, then finish().
    void readDatabasePassword(const SecretValues &secrets);
    void finish(const SecretValues &secrets);
    Built build(const SecretValues &secrets, QString *error);
    // After build() found the team database refusing or away: the login
    // dialog, whose Connect runs finish() again.
    void askForLogin(const SecretValues &secrets, const Storage::DatabaseLocation &location,
                     DatabaseLoginDialog::Problem problem, const QString &error);
    // Keeps (or forgets) the password typed into the login dialog once the
    // session has opened with it.
    void rememberTypedPassword(const SecretValues &secrets);
    bool removeSandbox(QString *error);

    ConsoleOptions m_options;
    std::shared_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QPointer<DatabaseLoginDialog> m_loginDialog;
    // The password typed into the login dialog, for the team database whose
    // secret key is m_typedFor; kept in memory while the console runs (a
    // settings change rebuilds the session with it).
    QString m_typedPassword;
    QString m_typedFor;
    // Whether the typed password is still to be saved (true) or the saved
    // one forgotten (false), once it has worked.
    std::optional<bool> m_typedRemember;
};

} // namespace CancelDesk::Ui
