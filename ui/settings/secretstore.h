#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace CancelDesk::Ui {

// Where the console keeps the provider secrets (PRODUCT.md §8, F18):
// "uqpay/api_key", "liquido/client_secret", "liquido/api_key". They never go
// into canceldesk.ini from the GUI. Error texts never contain a secret.
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    explicit SecretStore(QObject *parent = nullptr)
        : QObject(parent)
    {}
    ~SecretStore() override = default;

    // Synchronous read for start-up (the config loader's lookup): may block
    // briefly with a local event loop; empty when absent or unavailable
    // (lastError() then says why, if it is not simply absent).
    virtual QByteArray read(const QString &key) = 0;
    virtual bool write(const QString &key, const QByteArray &value, QString *error) = 0;
    virtual bool remove(const QString &key, QString *error) = 0;
    // Whether the OS keychain is reachable (false for the file fallback).
    virtual bool isAvailable() = 0;
    // Translated: "the system keychain" / "the file X (readable only by you)".
    virtual QString description() const = 0;
    // The problem of the last read(); empty when it worked or found nothing.
    QString lastError() const { return m_lastError; }

protected:
    QString m_lastError;
};

// The OS keychain through QtKeychain (service "CancelDesk").
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QString service = QStringLiteral("CancelDesk"),
                                 QObject *parent = nullptr);

    QByteArray read(const QString &key) override;
    bool write(const QString &key, const QByteArray &value, QString *error) override;
    bool remove(const QString &key, QString *error) override;
    // QtKeychain 0.13 has no isAvailable(): a probe entry is written, read back
    // and deleted once; the answer is kept.
    bool isAvailable() override;
    QString description() const override;

private:
    QString m_service;
    std::optional<bool> m_available;
};

// <AppConfigLocation>/canceldesk-secrets.ini, private to the user (0600). Like
// the config loader (and ssh), it refuses a file that others may read.
class FileSecretStore final : public SecretStore
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
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr)
        : SecretStore(parent)
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

// The store to use: the keychain when a probe write/read/delete works, else
// the file fallbackFile.
std::unique_ptr<SecretStore> openSecretStore(const QString &fallbackFile);

} // namespace CancelDesk::Ui
