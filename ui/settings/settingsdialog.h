#pragma once

#include "domain/provider.h"

#include <QDialog>
#include <QHash>
#include <QString>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;
class QTabWidget;
class QTemporaryFile;
class QVBoxLayout;

namespace CancelDesk::Config {
struct ConfigLoad;
}
namespace CancelDesk::Providers {
class ProviderRegistry;
}
namespace CancelDesk::Services {
struct ConnectionStatus;
}

namespace CancelDesk::Ui {

class SecretStore;

// F18: the settings of canceldesk.ini (PRODUCT.md §10, shared with the CLI)
// and the provider secrets, which go to the SecretStore, never to the INI.
// Save validates through Config::loadConfig on a temporary copy first and
// keeps the dialog open with the loader's message when it fails.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const QString &configPath, SecretStore &secrets, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Sets [general] operator in the file (created when missing) and nothing
    // else: the first-run panel. A translated error on failure.
    static bool writeOperatorName(const QString &configPath, const QString &name, QString *error);

    // Opens on a page: "general", "network", "uqpay", "antom" or "liquido".
    void showPage(const QString &page);

Q_SIGNALS:
    void settingsSaved(); // the main window rebuilds its session

protected:
    void changeEvent(QEvent *event) override;

private:
    // A password field: never shows the stored value.
    struct SecretField
    {
        QString key; // "uqpay/api_key" …
        QLineEdit *edit = nullptr;
        QLabel *status = nullptr;
        QPushButton *clear = nullptr;
        bool stored = false;  // the store (or the INI) has one
        bool cleared = false; // Clear was pressed
    };

    void buildUi();
    QWidget *buildGeneralPage();
    QWidget *buildNetworkPage();
    QWidget *buildUqpayPage();
    QWidget *buildAntomPage();
    QWidget *buildLiquidoPage();
    // Marks the required fields and adds the note that explains the mark.
    void addRequiredNotes(const QList<QWidget *> &providerPages);
    void buildButtons(QVBoxLayout *layout);
    void retranslateUi();
    void retranslateGeneralPage();
    void retranslateNetworkPage();
    void retranslateProviderPages();
    void retranslateSecrets();
    // The label of the field's form row, if it has one.
    void setFieldLabel(QWidget *field, const QString &text);
    void load();
    void save();
    // Writes the form to a candidate file beside the real one (false, with the
    // message shown, when it cannot).
    bool writeCandidate(QTemporaryFile &temp);
    using CandidateLoaded = std::function<void(const std::shared_ptr<QTemporaryFile> &candidate,
                                               const Config::ConfigLoad &loaded)>;
    // Writes the candidate and loads it as the console would, with the secrets
    // typed here and the others read (asynchronously) from the store; then
    // next(). Shows the loader's message instead when it is refused.
    void loadCandidate(const CandidateLoaded &next);
    void showLoadError(const QString &error, const QString &candidatePath);
    // Replaces the real file with the candidate, then settingsSaved().
    void commit(QTemporaryFile &candidate);
    void testConnection();
    void testWith(const Config::ConfigLoad &loaded);
    void markRequired();
    static QString testingText(Domain::Provider provider);
    static QString connectionLine(Domain::Provider provider,
                                  const Services::ConnectionStatus &status);
    void updateSecretStatus(SecretField &field);
    void environmentChosen(int index);
    bool checkCancelRules(QString *error);
    void writeTo(QSettings &settings) const;
    void showError(const QString &message);

    QLineEdit *lineEdit(const QString &objectName);
    QSpinBox *spinBox(const QString &objectName, int min, int max);
    QWidget *fileChooser(QLineEdit *edit, const QString &buttonName);
    void addRow(QFormLayout *form, QWidget *field, QWidget *labelFor = nullptr);
    SecretField &addSecret(QFormLayout *form, const QString &key, const QString &prefix);

    QString m_configPath;
    SecretStore &m_secrets;
    // Until the store's probe says otherwise: no note flashes while it answers.
    bool m_keychainAvailable = true;
    // Waiting for the store (a read or a write): Save and Test wait too.
    bool m_busy = false;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_keychainNote = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_connectionResult = nullptr;
    QPushButton *m_testButton = nullptr;
    std::unique_ptr<Providers::ProviderRegistry> m_testRegistry;
    QList<QLabel *> m_requiredNotes;
    QList<QWidget *> m_required; // fields a provider cannot do without
    QDialogButtonBox *m_buttons = nullptr;
    QHash<QWidget *, QLabel *> m_labels; // field -> its form label
    QList<QPushButton *> m_browseButtons;

    // General
    QComboBox *m_environment = nullptr;
    int m_environmentIndex = 0;
    QLineEdit *m_operator = nullptr;
    QSpinBox *m_typedConfirmation = nullptr;
    QLineEdit *m_cancelRules = nullptr;
    QLabel *m_cancelRulesStatus = nullptr;
    QLineEdit *m_databaseUrl = nullptr;
    QLabel *m_databaseNote = nullptr;
    // Network
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_maxRetries = nullptr;
    QSpinBox *m_retryBase = nullptr;
    QSpinBox *m_confirmTimeout = nullptr;
    QSpinBox *m_pollInterval = nullptr;
    QSpinBox *m_concurrency = nullptr;
    // UQPAY
    QLineEdit *m_uqpayBaseUrl = nullptr;
    QLineEdit *m_uqpayClientId = nullptr;
    QLineEdit *m_uqpayOnBehalfOf = nullptr;
    QLineEdit *m_uqpayTimezone = nullptr;
    // Antom
    QLineEdit *m_antomBaseUrl = nullptr;
    QLineEdit *m_antomClientId = nullptr;
    QCheckBox *m_antomSandbox = nullptr;
    QSpinBox *m_antomKeyVersion = nullptr;
    QLineEdit *m_antomPrivateKey = nullptr;
    QLineEdit *m_antomPublicKey = nullptr;
    // Liquido
    QLineEdit *m_liquidoBaseUrl = nullptr;
    QLineEdit *m_liquidoAuthUrl = nullptr;
    QLineEdit *m_liquidoClientId = nullptr;

    QList<SecretField> m_secretFields; // uqpay/api_key, liquido/client_secret, liquido/api_key
    // The keys the file had when the dialog opened (unset keys stay unset).
    QHash<QString, QString> m_original;
};

} // namespace CancelDesk::Ui
