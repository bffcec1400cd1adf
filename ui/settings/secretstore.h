#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace QKeychain {
class Job;
}

namespace CancelDesk::Ui {

// The provider secrets the console keeps in a SecretStore (PRODUCT.md §8):
// "uqpay/api_key", "liquido/client_secret", "liquido/api_key".
QStringList providerSecretKeys();
// The key of a team database's password (PRODUCT.md F20): "database/" and the
// database's URL without any secret (DatabaseLocation::displayName), so each
// login and database has its own.
QString databasePasswordKey(const QString &databaseDisplayName);

// What a read found. Absent keys are simply missing from values.
struct SecretValues
{
    QHash<QString, QByteArray> values;
    // Translated: why a key could not be read (not "absent"); empty when every
    // key was read or absent. Never contains a secret.
    QString error;
};

// One change for SecretStore::applyChanges: a value to store, or none to
// remove the key.
struct SecretChange
{
    QString key;
    std::optional<QByteArray> value;
};

// Where the console keeps the provider secrets (PRODUCT.md §8, F18). They
// never go into canceldesk.ini from the GUI. Error texts never contain a
// secret.
//
// Asynchronous: the OS keychain answers over D-Bus, possibly slowly, and the
// GUI thread never waits for it (no nested event loop). Each call answers
// exactly once through its callback, on the store's thread — or not at all if
// `context` is destroyed first. A local store (file, memory) may answer
// before the call returns; callers must not rely on either.
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using ReadDone = std::function<void(const SecretValues &values)>;
    // error: empty on success; else translated, naming the key.
    using ApplyDone = std::function<void(const QString &error)>;
    using ProbeDone = std::function<void(bool available)>;

    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    {}
    ~SecretStore() override = default;

    virtual void readSecrets(const QStringList &keys, const QObject *context, ReadDone done) = 0;
    // In order; stops at the first change that fails.
    virtual void applyChanges(const QList<SecretChange> &changes, const QObject *context,
                              ApplyDone done) = 0;
    // Whether the OS keychain is reachable (false for the file fallback).
    virtual void probe(const QObject *context, ProbeDone done) = 0;
    // Translated: "the system keychain" / "the file X (readable only by you)".
    virtual QString description() const = 0;
};

// The OS keychain through QtKeychain (service "CancelDesk"). Each QtKeychain
// job is given up after a timeout (a D-Bus service that hangs).
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QString service = QStringLiteral("CancelDesk"),
                                 QObject *parent = nullptr);

    void readSecrets(const QStringList &keys, const QObject *context, ReadDone done) override;
    void applyChanges(const QList<SecretChange> &changes, const QObject *context,
                      ApplyDone done) override;
    // QtKeychain 0.13 has no isAvailable(): a probe entry is written, read back
    // and deleted once; the answer is kept.
    void probe(const QObject *context, ProbeDone done) override;
    QString description() const override;

    // How long one QtKeychain job may take (tests shorten it).
    void setTimeout(int ms) { m_timeoutMs = ms; }

private:
    struct Reply
    {
        int error = 0; // QKeychain::Error
        QString errorString;
        QByteArray data;
        bool timedOut = false;
    };
    struct ReadRun;
    struct ApplyRun;
    // Starts one QtKeychain job; done is called once, when it finishes or
    // times out (a job that times out deletes itself when it ends).
    void runJob(QKeychain::Job *job, std::function<void(const Reply &)> done);
    void readNext(const std::shared_ptr<ReadRun> &run);
    void applyNext(const std::shared_ptr<ApplyRun> &run);
    // The texts, apart from the lambdas above (lupdate reads these).
    static QString noAnswerText();
    static QString readErrorText(const QString &why);
    static QString changeErrorText(const QString &key, const QString &why, bool removing);

    QString m_service;
    int m_timeoutMs = 5000;
    std::optional<bool> m_available;
};

// A store on this machine that answers at once (before the call returns).
// The synchronous calls are the store's own; the asynchronous interface is
// built on them.
class LocalSecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    virtual QByteArray read(const QString &key) = 0;
    virtual bool write(const QString &key, const QByteArray &value, QString *error) = 0;
    virtual bool remove(const QString &key, QString *error) = 0;
    virtual bool isAvailable() = 0;
    // The problem of the last read(); empty when it worked or found nothing.
    QString lastError() const { return m_lastError; }

    void readSecrets(const QStringList &keys, const QObject *context, ReadDone done) override;
    void applyChanges(const QList<SecretChange> &changes, const QObject *context,
                      ApplyDone done) override;
    void probe(const QObject *context, ProbeDone done) override;

protected:
    QString m_lastError;
};

// <AppConfigLocation>/canceldesk-secrets.ini, private to the user (0600). Like
// the config loader (and ssh), it refuses a file that others may read.
class FileSecretStore final : public LocalSecretStore
{
    Q_OBJECT

public:
    explicit FileSecretStore(QString path, QObject *parent = nullptr);

    QByteArray read(const QString &key) override;
    bool write(const QString &key, const QByteArray &value, QString *error) override;
    bool remove(const QString &key, QString *error) override;
    bool isAvailable() override { return false; }
    QString description() const override;
    QString path() const { return m_path; }
    // <AppConfigLocation>/canceldesk-secrets.ini
    static QString defaultPath();

private:
    QString permissionError() const;
    bool openToOthers() const;

    QString m_path;
};

// For tests.
class MemorySecretStore final : public LocalSecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr)
        : LocalSecretStore(parent)
    {}

    QByteArray read(const QString &key) override { return m_values.value(key); }
    bool write(const QString &key, const QByteArray &value, QString *) override
    {
        m_values.insert(key, value);
        return true;
    }
    bool remove(const QString &key, QString *) override
    {
        m_values.remove(key);
        return true;
    }
    bool isAvailable() override { return m_available; }
    void setAvailable(bool available) { m_available = available; }
    QString description() const override;
    bool contains(const QString &key) const { return m_values.contains(key); }

private:
    QHash<QString, QByteArray> m_values;
    bool m_available = true;
};

// The store to use, to done (on context's thread, once, unless context goes
// first): the keychain when a probe write/read/delete works, else the file
// fallbackFile.
void openSecretStore(const QString &fallbackFile, const QObject *context,
                     std::function<void(std::unique_ptr<SecretStore>)> done);

} // namespace CancelDesk::Ui
