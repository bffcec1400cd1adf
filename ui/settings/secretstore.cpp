#include "secretstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <qt6keychain/keychain.h>
#include <QTimer>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {
namespace {

constexpr QFileDevice::Permissions kOpenToOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                   | QFileDevice::ReadOther
                                                   | QFileDevice::WriteOther;
constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

QStringList providerSecretKeys()
{
    return {u"uqpay/api_key"_s, u"liquido/client_secret"_s, u"liquido/api_key"_s};
}

QString databasePasswordKey(const QString &databaseDisplayName)
{
    return u"database/"_s + databaseDisplayName;
}

// ---- KeychainSecretStore ----------------------------------------------------

struct KeychainSecretStore::ReadRun
{
    QStringList keys;
    qsizetype next = 0;
    QPointer<const QObject> context;
    ReadDone done;
    SecretValues result;
};

struct KeychainSecretStore::ApplyRun
{
    QList<SecretChange> changes;
    qsizetype next = 0;
    QPointer<const QObject> context;
    ApplyDone done;
};

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{}

void KeychainSecretStore::runJob(QKeychain::Job *job, std::function<void(const Reply &)> done)
{
    // A job lives until it finishes, whatever happens to this store: libsecret
    // holds the job's address until its D-Bus call returns, and a job deleted
    // before that (a store dropped after its probe timed out on a keyring
    // prompt, which the operator dismissed later) crashed the console when the
    // answer came. So jobs have no parent and delete themselves when they end.
    Q_ASSERT(!job->parent());
    job->setAutoDelete(false);
    connect(job, &QKeychain::Job::finished, job, &QObject::deleteLater);
    auto answered = std::make_shared<bool>(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    connect(job, &QKeychain::Job::finished, this, [job, answered, done](QKeychain::Job *) {
        if (std::exchange(*answered, true))
            return; // it had timed out: already answered
        Reply reply;
        reply.error = job->error();
        reply.errorString = job->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            reply.data = read->binaryData();
        done(reply);
    });
    connect(timer, &QTimer::timeout, this, [answered, done] {
        if (std::exchange(*answered, true))
            return;
        Reply reply;
        reply.error = QKeychain::OtherError;
        reply.errorString = noAnswerText();
        reply.timedOut = true;
        // The job goes on; it is deleted when it ends (finished above).
        done(reply);
    });
    timer->start(m_timeoutMs);
    job->start();
}

void KeychainSecretStore::readSecrets(const QStringList &keys, const QObject *context,
                                      ReadDone done)
{
    auto run = std::make_shared<ReadRun>();
    run->keys = keys;
    run->context = context;
    run->done = std::move(done);
    readNext(run);
}

void KeychainSecretStore::readNext(const std::shared_ptr<ReadRun> &run)
{
    if (!run->context)
        return;
    if (run->next == run->keys.size()) {
        run->done(run->result);
        return;
    }
    const QString key = run->keys.at(run->next++);
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    runJob(job, [this, run, key](const Reply &reply) {
        if (reply.error == QKeychain::NoError) {
            run->result.values.insert(key, reply.data);
        } else if (reply.error != QKeychain::EntryNotFound) {
            if (run->result.error.isEmpty())
                run->result.error = readErrorText(reply.errorString);
            // A keychain that does not answer would not answer the next key either.
            if (reply.timedOut)
                run->next = run->keys.size();
        }
        readNext(run);
    });
}

void KeychainSecretStore::applyChanges(const QList<SecretChange> &changes, const QObject *context,
                                       ApplyDone done)
{
    auto run = std::make_shared<ApplyRun>();
    run->changes = changes;
    run->context = context;
    run->done = std::move(done);
    applyNext(run);
}

void KeychainSecretStore::applyNext(const std::shared_ptr<ApplyRun> &run)
{
    if (!run->context)
        return;
    if (run->next == run->changes.size()) {
        run->done(QString());
        return;
    }
    const SecretChange change = run->changes.at(run->next++);
    QKeychain::Job *job = nullptr;
    if (change.value) {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setKey(change.key);
        write->setBinaryData(*change.value);
        job = write;
    } else {
        auto *remove = new QKeychain::DeletePasswordJob(m_service);
        remove->setKey(change.key);
        job = remove;
    }
    const bool removing = !change.value;
    runJob(job, [this, run, key = change.key, removing](const Reply &reply) {
        if (reply.error == QKeychain::NoError
            || (removing && reply.error == QKeychain::EntryNotFound)) {
            applyNext(run);
            return;
        }
        if (!run->context)
            return;
        run->done(changeErrorText(key, reply.errorString, removing));
    });
}

void KeychainSecretStore::probe(const QObject *context, ProbeDone done)
{
    const QPointer<const QObject> guard(context);
    if (m_available) {
        // Still an answer after the call, as the keychain's own would be.
        QTimer::singleShot(0, this, [guard, done, available = *m_available] {
            if (guard)
                done(available);
        });
        return;
    }
    const QString probeKey = u"canceldesk-probe"_s;
    const QByteArray probeValue = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const auto answer = [this, guard, done](bool available) {
        m_available = available;
        if (guard)
            done(available);
    };
    // Write, read back, delete: each step with this store as context, so the
    // answer is kept even when the asker has gone.
    applyChanges({{probeKey, probeValue}}, this,
                 [this, answer, probeKey, probeValue](const QString &writeError) {
                     if (!writeError.isEmpty())
                         return answer(false);
                     readSecrets({probeKey}, this,
                                 [this, answer, probeKey, probeValue](const SecretValues &read) {
                                     if (read.values.value(probeKey) != probeValue)
                                         return answer(false);
                                     applyChanges({{probeKey, std::nullopt}}, this,
                                                  [answer](const QString &removeError) {
                                                      answer(removeError.isEmpty());
                                                  });
                                 });
                 });
}

QString KeychainSecretStore::noAnswerText()
{
    return tr("The system keychain did not answer.");
}

QString KeychainSecretStore::readErrorText(const QString &why)
{
    return tr("The system keychain could not be read: %1").arg(why);
}

QString KeychainSecretStore::changeErrorText(const QString &key, const QString &why, bool removing)
{
    if (removing)
        return tr("The secret %1 could not be removed from the system keychain: %2").arg(key, why);
    return tr("The secret %1 could not be stored in the system keychain: %2").arg(key, why);
}

QString KeychainSecretStore::description() const
{
    return tr("the system keychain");
}

// ---- LocalSecretStore -------------------------------------------------------

void LocalSecretStore::readSecrets(const QStringList &keys, const QObject *context, ReadDone done)
{
    Q_UNUSED(context); // answered before the call returns: the caller is there
    SecretValues result;
    for (const QString &key : keys) {
        const QByteArray value = read(key);
        if (!value.isEmpty())
            result.values.insert(key, value);
        else if (result.error.isEmpty())
            result.error = lastError(); // e.g. the file is open to others
    }
    done(result);
}

void LocalSecretStore::applyChanges(const QList<SecretChange> &changes, const QObject *context,
                                    ApplyDone done)
{
    Q_UNUSED(context);
    QString error;
    for (const SecretChange &change : changes) {
        const bool ok =
            change.value ? write(change.key, *change.value, &error) : remove(change.key, &error);
        if (!ok)
            return done(error.isEmpty() ? tr("The secret %1 could not be stored.").arg(change.key)
                                        : error);
    }
    done(QString());
}

void LocalSecretStore::probe(const QObject *context, ProbeDone done)
{
    Q_UNUSED(context);
    done(isAvailable());
}

// ---- FileSecretStore ---------------------------------------------------------

FileSecretStore::FileSecretStore(QString path, QObject *parent)
    : LocalSecretStore(parent)
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
            return fail(
                tr("The folder of %1 cannot be created.").arg(QDir::toNativeSeparators(m_path)));
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return fail(tr("The file %1 cannot be created.").arg(QDir::toNativeSeparators(m_path)));
        file.close();
    }
    // Private before the secret is in it.
    if (!QFile::setPermissions(m_path, kPrivate))
        return fail(
            tr("The file %1 cannot be made private.").arg(QDir::toNativeSeparators(m_path)));
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

void openSecretStore(const QString &fallbackFile, const QObject *context,
                     std::function<void(std::unique_ptr<SecretStore>)> done)
{
    // Owned by the probe until it answers; gone with context if that goes first.
    auto *keychain = new KeychainSecretStore();
    QObject::connect(context, &QObject::destroyed, keychain, &QObject::deleteLater);
    keychain->probe(context, [context, keychain, fallbackFile, done](bool available) {
        QObject::disconnect(context, nullptr, keychain, nullptr);
        if (available)
            return done(std::unique_ptr<SecretStore>(keychain));
        // Called from one of its own jobs: not deleted under it.
        keychain->deleteLater();
        done(std::make_unique<FileSecretStore>(fallbackFile));
    });
}

} // namespace CancelDesk::Ui
