#pragma once

#include <QObject>
#include <QString>

#include <memory>

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
    // keychain over D-Bus), then (re)builds the session and the window from
    // the settings on disk and shows the window: started(), or failed(). A
    // cancel log window that was open is open again on the new session.
    void start();
    // Closes the window, drops the sandbox's payments and the sandbox store
    // (its orders and cancel log), and starts again: new demo payments.
    void resetSandbox();

    MainWindow *window() const { return m_window.get(); }
    AppSession *session() const { return m_session.get(); }
    QString sandboxStateDir() const;
    QString databasePath(const QString &environment) const;

Q_SIGNALS:
    void started();
    // Translated. The owner says so and quits.
    void failed(const QString &error);

private:
    bool build(const SecretValues &secrets, QString *error);
    bool removeSandbox(QString *error);

    ConsoleOptions m_options;
    std::shared_ptr<Sandbox::SandboxServer> m_sandbox;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace CancelDesk::Ui
