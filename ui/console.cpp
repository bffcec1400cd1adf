#include "console.h"

#include "appsession.h"
#include "config/appconfig.h"
#include "dialogs/databaselogindialog.h"
#include "mainwindow.h"
#include "sandboxserver.h"
#include "settings/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

Console::Console(ConsoleOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

namespace {

// The team database the settings name, if they name one that can be used.
std::optional<Storage::DatabaseLocation> teamDatabase(const Config::AppConfig &config,
                                                      const QString &dataDir)
{
    const Storage::DatabaseLocationParse parsed =
        Storage::DatabaseLocation::parse(Config::chooseDatabase(config, {}, dataDir));
    if (!parsed.ok() || !parsed.location.isTeam())
        return std::nullopt;
    return parsed.location;
}

} // namespace

Console::~Console()
{
    delete m_loginDialog;
    // The window and the jobs of the session use the sandbox.
    m_window.reset();
    m_session.reset();
    m_sandbox.reset();
}

QString Console::sandboxStateDir() const
{
    return QDir(m_options.dataDir).filePath(u"sandbox"_s);
}

QString Console::databasePath(const QString &environment) const
{
    return Config::databasePathIn(m_options.dataDir, environment);
}

void Console::start()
{
    if (m_options.secrets) {
        m_options.secrets->readSecrets(
            providerSecretKeys(), this,
            [this](const SecretValues &secrets) { readDatabasePassword(secrets); });
    } else {
        finish({});
    }
}

void Console::readDatabasePassword(const SecretValues &secrets)
{
    const Config::ConfigLoad load = Config::loadConfig(
        m_options.configPath, [&secrets](const QString &key) { return secrets.values.value(key); });
    const std::optional<Storage::DatabaseLocation> team =
        load.ok() ? teamDatabase(load.config, m_options.dataDir) : std::nullopt;
    if (!team) {
        finish(secrets);
        return;
    }
    const QString key = databasePasswordKey(team->displayName());
    // A keychain that cannot be read is no reason to stop: libpq may find
    // the password itself, and the login dialog asks otherwise.
    m_options.secrets->readSecrets({key}, this, [this, secrets, key](const SecretValues &found) {
        SecretValues all = secrets;
        if (const auto it = found.values.constFind(key); it != found.values.cend())
            all.values.insert(key, it.value());
        finish(all);
    });
}

void Console::finish(const SecretValues &secrets)
{
    QString error;
    switch (build(secrets, &error)) {
    case Built::Started:
        rememberTypedPassword(secrets);
        Q_EMIT started();
        break;
    case Built::Failed:
        Q_EMIT failed(error);
        break;
    case Built::AskingForLogin:
        break;
    }
}

Console::Built Console::build(const SecretValues &secrets, QString *error)
{
    const Config::ConfigLoad load = Config::loadConfig(
        m_options.configPath, [&secrets](const QString &key) { return secrets.values.value(key); });
    if (!load.ok()) {
        *error =
            QCoreApplication::translate("main", "The settings cannot be used:\n%1").arg(load.error);
        return Built::Failed;
    }
    // The windows that follow the session onto the new one.
    const bool logOpen = m_window && m_window->isCancelLogOpen();
    // The old window (and every window it owns) and session go first: they
    // use the store and the sandbox.
    m_window.reset();
    m_session.reset();

    const bool builtInSandbox =
        load.config.environment == u"sandbox" && !load.config.hasProviders();
    if (!builtInSandbox) {
        m_sandbox.reset();
    } else if (!m_sandbox) {
        QDir().mkpath(m_options.dataDir);
        m_sandbox = AppSession::startBuiltInSandbox(sandboxStateDir(), {}, error);
        if (!m_sandbox)
            return Built::Failed;
    }

    QDir().mkpath(m_options.dataDir);
    SessionOptions options;
    options.config = load.config;
    if (options.config.path.isEmpty()) // no file yet: Settings creates this one
        options.config.path = m_options.configPath;
    options.configWarnings = load.warnings;
    options.databasePath = Config::chooseDatabase(load.config, {}, m_options.dataDir);
    options.sandbox = m_sandbox;
    options.sandboxStateDir = sandboxStateDir();
    // The team database's password: the one typed this run, else the saved
    // one, else none (libpq's PGPASSWORD or ~/.pgpass).
    const std::optional<Storage::DatabaseLocation> team =
        teamDatabase(load.config, m_options.dataDir);
    const QString passwordKey = team ? databasePasswordKey(team->displayName()) : QString();
    const bool typed = team && m_typedFor == passwordKey && !m_typedPassword.isEmpty();
    const QByteArray saved = team ? secrets.values.value(passwordKey) : QByteArray();
    options.databasePassword = typed ? m_typedPassword : QString::fromUtf8(saved);
    auto session = std::make_unique<AppSession>(options);
    QString openError;
    if (!session->open(&openError)) {
        const Storage::OpenFailure failure = session->openFailure();
        if (team
            && (failure == Storage::OpenFailure::LoginRefused
                || failure == Storage::OpenFailure::NoConnection)) {
            using Problem = DatabaseLoginDialog::Problem;
            const Problem problem = failure == Storage::OpenFailure::NoConnection
                                        ? Problem::NoConnection
                                    : typed            ? Problem::PasswordRefused
                                    : !saved.isEmpty() ? Problem::SavedPasswordRefused
                                                       : Problem::PasswordNeeded;
            askForLogin(secrets, *team, problem, openError);
            return Built::AskingForLogin;
        }
        *error = QCoreApplication::translate("main", "CancelDesk cannot start:\n%1").arg(openError);
        return Built::Failed;
    }
    m_session = std::move(session);
    m_window = std::make_unique<MainWindow>(*m_options.translations, *m_session);
    m_window->setSecretStore(m_options.secrets);
    connect(m_window.get(), &MainWindow::languageChosen, this,
            [](const QString &language) { QSettings().setValue(u"ui/language"_s, language); });
    // After the dialog has closed: rebuild from the new settings.
    connect(m_window.get(), &MainWindow::settingsChanged, this, &Console::start,
            Qt::QueuedConnection);
    connect(m_window.get(), &MainWindow::sandboxResetRequested, this, &Console::resetSandbox,
            Qt::QueuedConnection);
    m_window->show();
    if (logOpen)
        m_window->openCancelLog();
    return Built::Started;
}

void Console::askForLogin(const SecretValues &secrets, const Storage::DatabaseLocation &location,
                          DatabaseLoginDialog::Problem problem, const QString &error)
{
    const QString key = databasePasswordKey(location.displayName());
    const QString store = m_options.secrets ? m_options.secrets->description() : QString();
    delete m_loginDialog;
    m_loginDialog = new DatabaseLoginDialog(location, location.loginName(), problem, error, store);
    m_loginDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_loginDialog->setRememberAvailable(m_options.secrets != nullptr);
    connect(m_loginDialog, &QDialog::accepted, this, [this, secrets, key] {
        if (!m_loginDialog->password().isEmpty()) {
            m_typedPassword = m_loginDialog->password();
            m_typedFor = key;
            m_typedRemember = m_loginDialog->remember();
        }
        // After the dialog has closed.
        QMetaObject::invokeMethod(
            this, [this, secrets] { finish(secrets); }, Qt::QueuedConnection);
    });
    connect(m_loginDialog, &QDialog::rejected, this, [this] { Q_EMIT failed({}); });
    m_loginDialog->open();
}

void Console::rememberTypedPassword(const SecretValues &secrets)
{
    if (!m_typedRemember || !m_options.secrets || m_typedFor.isEmpty())
        return;
    const bool remember = *m_typedRemember;
    m_typedRemember.reset();
    QList<SecretChange> changes;
    if (remember)
        changes.append({m_typedFor, m_typedPassword.toUtf8()});
    else if (secrets.values.contains(m_typedFor)) // the saved one did not work: gone
        changes.append({m_typedFor, std::nullopt});
    if (changes.isEmpty())
        return;
    m_options.secrets->applyChanges(changes, this, [this](const QString &error) {
        if (error.isEmpty() || !m_window)
            return;
        QMessageBox::warning(
            m_window.get(), QCoreApplication::translate("main", "CancelDesk"),
            QCoreApplication::translate("main", "The password could not be saved: %1\nCancelDesk "
                                                "will ask for it again next time.")
                .arg(error));
    });
}

void Console::resetSandbox()
{
    QString error;
    if (!removeSandbox(&error)) {
        Q_EMIT failed(error);
        return;
    }
    start();
}

bool Console::removeSandbox(QString *error)
{
    m_window.reset();
    m_session.reset();
    m_sandbox.reset();
    // The store's orders are the old payments: it goes with them. Its cancel
    // log held sandbox attempts only.
    const QString store = databasePath(u"sandbox"_s);
    for (const QString &file :
         QStringList{store, store + u"-wal"_s, store + u"-shm"_s, store + u"-journal"_s}) {
        if (QFile::exists(file) && !QFile::remove(file)) {
            *error = QCoreApplication::translate("main", "The sandbox store %1 cannot be removed.")
                         .arg(QDir::toNativeSeparators(file));
            return false;
        }
    }
    QDir state(sandboxStateDir());
    if (state.exists() && !state.removeRecursively()) {
        *error = QCoreApplication::translate("main", "The sandbox folder %1 cannot be removed.")
                     .arg(QDir::toNativeSeparators(state.path()));
        return false;
    }
    return true;
}

} // namespace CancelDesk::Ui
