#include "secretstore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {
namespace {

// A keychain that does not answer (a D-Bus service that hangs) must not hang
// the console: the job is given up after this long.
constexpr int kKeychainTimeoutMs = 5000;

struct JobResult
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString;
    QByteArray data;
};

// Runs a QtKeychain job to its end in a local event loop.
JobResult runJob(QKeychain::Job *job)
{
    JobResult result;
    job->setAutoDelete(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *) {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (finished) {
        result.error = job->error();
        result.errorString = job->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.data = read->binaryData();
    } else {
        result.errorString = KeychainSecretStore::tr("The system keychain did not answer.");
    }
    // The job may still be running (timeout): let it finish on its own.
    if (finished)
        delete job;
    else
        job->setAutoDelete(true);
    return result;
}

constexpr QFileDevice::Permissions kOpenToOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                   | QFileDevice::ReadOther
                                                   | QFileDevice::WriteOther;
constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

// ---- KeychainSecretStore ----------------------------------------------------

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{}

QByteArray KeychainSecretStore::read(const QString &key)
{
    m_lastError.clear();
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    const JobResult result = runJob(job);
    if (result.error == QKeychain::NoError)
        return result.data;
    if (result.error != QKeychain::EntryNotFound)
        m_lastError = tr("The system keychain could not be read: %1").arg(result.errorString);
    return {};
}

bool KeychainSecretStore::write(const QString &key, const QByteArray &value, QString *error)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setBinaryData(value);
    const JobResult result = runJob(job);
    if (result.error == QKeychain::NoError)
        return true;
    if (error)
        *error = tr("The secret %1 could not be stored in the system keychain: %2")
                     .arg(key, result.errorString);
    return false;
}

bool KeychainSecretStore::remove(const QString &key, QString *error)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    const JobResult result = runJob(job);
    if (result.error == QKeychain::NoError || result.error == QKeychain::EntryNotFound)
        return true;
    if (error)
        *error = tr("The secret %1 could not be removed from the system keychain: %2")
                     .arg(key, result.errorString);
    return false;
}

bool KeychainSecretStore::isAvailable()
{
    if (!m_available) {
        const QString probeKey = u"canceldesk-probe"_s;
        const QByteArray probeValue = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        bool ok = write(probeKey, probeValue, nullptr);
        ok = ok && read(probeKey) == probeValue;
        ok = ok && remove(probeKey, nullptr);
        m_lastError.clear();
        m_available = ok;
    }
    return *m_available;
}

QString KeychainSecretStore::description() const
{
    return tr("the system keychain");
}

// ---- FileSecretStore ---------------------------------------------------------

FileSecretStore::FileSecretStore(QString path, QObject *parent)
    : SecretStore(parent)
    , m_path(std::move(path))
{}

QString FileSecretStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + u"/canceldesk-secrets.ini"_s;
}

bool FileSecretStore::openToOthers() const
{
    return (QFile::permissions(m_path) & kOpenToOthers) != 0;
}

QString FileSecretStore::permissionError() const
{
    return tr("The file %1 holds secrets but other users may read it. Run: chmod 600 %1")
        .arg(QDir::toNativeSeparators(m_path));
}

QByteArray FileSecretStore::read(const QString &key)
{
    m_lastError.clear();
    if (!QFileInfo::exists(m_path))
        return {};
    if (openToOthers()) {
        m_lastError = permissionError();
        return {};
    }
    QSettings settings(m_path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        m_lastError = tr("The file %1 cannot be read.").arg(QDir::toNativeSeparators(m_path));
        return {};
    }
    return settings.value(key).toByteArray();
}

bool FileSecretStore::write(const QString &key, const QByteArray &value, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (QFileInfo::exists(m_path)) {
        // Secrets already in it may have been read by others: say so rather
        // than quietly adding one more.
        if (openToOthers())
            return fail(permissionError());
    } else {
        if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
            return fail(tr("The folder of %1 cannot be created.")
                            .arg(QDir::toNativeSeparators(m_path)));
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return fail(tr("The file %1 cannot be created.").arg(QDir::toNativeSeparators(m_path)));
        file.close();
    }
    // Private before the secret is in it.
    if (!QFile::setPermissions(m_path, kPrivate))
        return fail(tr("The file %1 cannot be made private.").arg(QDir::toNativeSeparators(m_path)));
    {
        QSettings settings(m_path, QSettings::IniFormat);
        settings.setValue(key, value);
        settings.sync();
        if (settings.status() != QSettings::NoError)
            return fail(tr("The file %1 cannot be written.").arg(QDir::toNativeSeparators(m_path)));
    }
    // QSettings replaces the file; keep it private.
    QFile::setPermissions(m_path, kPrivate);
    return true;
}

bool FileSecretStore::remove(const QString &key, QString *error)
{
    if (!QFileInfo::exists(m_path))
        return true;
    QSettings settings(m_path, QSettings::IniFormat);
    settings.remove(key);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        if (error)
            *error = tr("The file %1 cannot be written.").arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    return true;
}

QString FileSecretStore::description() const
{
    return tr("the file %1 (readable only by you)").arg(QDir::toNativeSeparators(m_path));
}

// ---- MemorySecretStore -------------------------------------------------------

QString MemorySecretStore::description() const
{
    return tr("memory (this session only)");
}

// ---- openSecretStore ---------------------------------------------------------

std::unique_ptr<SecretStore> openSecretStore(const QString &fallbackFile)
{
    auto keychain = std::make_unique<KeychainSecretStore>();
    if (keychain->isAvailable())
        return keychain;
    return std::make_unique<FileSecretStore>(fallbackFile);
}

} // namespace CancelDesk::Ui
