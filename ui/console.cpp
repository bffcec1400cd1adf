#include "console.h"

#include "appsession.h"
#include "config/appconfig.h"
#include "mainwindow.h"
#include "sandboxserver.h"
#include "settings/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

Console::Console(ConsoleOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

Console::~Console()
{
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
    const auto onSecrets = [this](const SecretValues &secrets) {
        QString error;
        if (build(secrets, &error))
            Q_EMIT started();
        else
            Q_EMIT failed(error);
    };
    if (m_options.secrets)
        m_options.secrets->readSecrets(providerSecretKeys(), this, onSecrets);
    else
        onSecrets({});
}

bool Console::build(const SecretValues &secrets, QString *error)
{
    const Config::ConfigLoad load = Config::loadConfig(
        m_options.configPath, [&secrets](const QString &key) { return secrets.values.value(key); });
    if (!load.ok()) {
        *error =
            QCoreApplication::translate("main", "The settings cannot be used:\n%1").arg(load.error);
        return false;
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
            return false;
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
    auto session = std::make_unique<AppSession>(options);
    QString openError;
    if (!session->open(&openError)) {
        *error = QCoreApplication::translate("main", "CancelDesk cannot start:\n%1").arg(openError);
        return false;
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
    return true;
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
