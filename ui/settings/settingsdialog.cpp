#include "settingsdialog.h"

#include "config/appconfig.h"
#include "domain/cancelpolicy.h"
#include "providers/providerregistry.h"
#include "secretstore.h"
#include "services/connectioncheck.h"
#include "services/workflowsettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryFile>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {
namespace {

constexpr int kTypedConfirmationDefault = int(Config::AppConfig::kTypedConfirmationDefault);

const QString kEnvSandbox = u"sandbox"_s;
const QString kEnvTest = u"test"_s;
const QString kEnvProduction = u"production"_s;

// The value of key as the config loader reads it: QSettings turns "a,b" into
// a list, and an INI [General] section (any case) holds top-level keys.
std::optional<QString> iniValue(const QSettings &settings, const QString &key)
{
    QString resolved = key;
    if (key.startsWith(u"general/"_s) && !settings.contains(key))
        resolved = key.mid(8);
    if (!settings.contains(resolved))
        return std::nullopt;
    const QVariant value = settings.value(resolved);
    if (value.metaType().id() == QMetaType::QStringList)
        return value.toStringList().join(u',').trimmed();
    return value.toString().trimmed();
}

// The §10 keys the dialog edits (secrets only to remove inline copies).
const QStringList &editedKeys()
{
    static const QStringList keys = {
        u"general/environment"_s,
        u"general/operator"_s,
        u"general/typed_confirmation_above"_s,
        u"general/cancel_rules"_s,
        u"database/url"_s,
        u"network/timeout_ms"_s,
        u"network/max_retries"_s,
        u"network/retry_base_ms"_s,
        u"network/confirm_timeout_s"_s,
        u"network/poll_interval_ms"_s,
        u"network/concurrency"_s,
        u"uqpay/base_url"_s,
        u"uqpay/client_id"_s,
        u"uqpay/api_key"_s,
        u"uqpay/on_behalf_of"_s,
        u"uqpay/timezone"_s,
        u"antom/base_url"_s,
        u"antom/client_id"_s,
        u"antom/sandbox"_s,
        u"antom/key_version"_s,
        u"antom/private_key_file"_s,
        u"antom/antom_public_key_file"_s,
        u"liquido/base_url"_s,
        u"liquido/auth_url"_s,
        u"liquido/client_id"_s,
        u"liquido/client_secret"_s,
        u"liquido/api_key"_s,
    };
    return keys;
}

} // namespace

SettingsDialog::SettingsDialog(const QString &configPath, SecretStore &secrets, QWidget *parent)
    : QDialog(parent)
    , m_configPath(QFileInfo(configPath).absoluteFilePath())
    , m_secrets(secrets)
{
    setObjectName(u"settingsDialog"_s);
    buildUi();
    load();
    retranslateUi();
    // The keychain answers when it does (D-Bus); the note appears then.
    m_secrets.probe(this, [this](bool available) {
        m_keychainAvailable = available;
        m_keychainNote->setVisible(!available);
    });
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::showPage(const QString &page)
{
    const QStringList pages = {u"general"_s, u"network"_s, u"uqpay"_s, u"antom"_s, u"liquido"_s};
    m_tabs->setCurrentIndex(qMax(0, int(pages.indexOf(page))));
}

bool SettingsDialog::writeOperatorName(const QString &configPath, const QString &name,
                                       QString *error)
{
    const QFileInfo info(configPath);
    const QString shownPath = QDir::toNativeSeparators(configPath);
    QTemporaryFile temp(info.absolutePath() + u"/.canceldesk-XXXXXX.ini"_s);
    if (!QDir().mkpath(info.absolutePath()) || !temp.open()) {
        *error = tr("The configuration file %1 cannot be written.").arg(shownPath);
        return false;
    }
    if (info.exists()) {
        QFile original(configPath);
        if (!original.open(QIODevice::ReadOnly)) {
            *error = tr("The configuration file %1 cannot be read.").arg(shownPath);
            return false;
        }
        temp.write(original.readAll());
    }
    temp.close();
    {
        QSettings settings(temp.fileName(), QSettings::IniFormat);
        // QSettings keeps [general] keys at the top level (as writeTo does).
        settings.remove(u"general/operator"_s);
        settings.setValue(u"operator"_s, name.trimmed());
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            *error = tr("The configuration file %1 cannot be written.").arg(shownPath);
            return false;
        }
    }
    QFile candidate(temp.fileName());
    QSaveFile target(configPath);
    if (!candidate.open(QIODevice::ReadOnly) || !target.open(QIODevice::WriteOnly)
        || target.write(candidate.readAll()) < 0 || !target.commit()) {
        *error = tr("The configuration file %1 cannot be written.").arg(shownPath);
        return false;
    }
    return true;
}

// ---- building ----------------------------------------------------------------

QLineEdit *SettingsDialog::lineEdit(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setMinimumWidth(320);
    return edit;
}

QSpinBox *SettingsDialog::spinBox(const QString &objectName, int min, int max)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setGroupSeparatorShown(false);
    return spin;
}

QWidget *SettingsDialog::fileChooser(QLineEdit *edit, const QString &buttonName)
{
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    auto *browse = new QPushButton(box);
    browse->setObjectName(buttonName);
    row->addWidget(browse);
    m_browseButtons.append(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit] {
        const QString start =
            edit->text().isEmpty() ? QFileInfo(m_configPath).absolutePath() : edit->text();
        const QString file = QFileDialog::getOpenFileName(this, QString(), start);
        if (file.isEmpty())
            return;
        edit->setText(QDir::toNativeSeparators(file));
        Q_EMIT edit->editingFinished();
    });
    return box;
}

void SettingsDialog::addRow(QFormLayout *form, QWidget *field, QWidget *labelFor)
{
    auto *label = new QLabel(this);
    label->setBuddy(labelFor ? labelFor : field);
    m_labels.insert(labelFor ? labelFor : field, label);
    form->addRow(label, field);
}

SettingsDialog::SecretField &SettingsDialog::addSecret(QFormLayout *form, const QString &key,
                                                       const QString &prefix)
{
    SecretField field;
    field.key = key;
    field.edit = lineEdit(prefix + u"Edit"_s);
    field.edit->setEchoMode(QLineEdit::Password);
    field.status = new QLabel(this);
    field.status->setObjectName(prefix + u"Status"_s);
    field.status->setWordWrap(true);
    field.clear = new QPushButton(this);
    field.clear->setObjectName(prefix + u"Clear"_s);

    auto *box = new QWidget(this);
    auto *grid = new QVBoxLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(field.edit, 1);
    row->addWidget(field.clear);
    grid->addLayout(row);
    grid->addWidget(field.status);
    addRow(form, box, field.edit);

    m_secretFields.append(field);
    const qsizetype index = m_secretFields.size() - 1;
    connect(field.clear, &QPushButton::clicked, this, [this, index] {
        SecretField &f = m_secretFields[index];
        f.cleared = true;
        f.edit->clear();
        updateSecretStatus(f);
    });
    connect(field.edit, &QLineEdit::textChanged, this,
            [this, index] { updateSecretStatus(m_secretFields[index]); });
    return m_secretFields[index];
}

void SettingsDialog::buildUi()
{
    m_secretFields.reserve(3);
    auto *layout = new QVBoxLayout(this);

    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(u"keychainNote"_s);
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setFrameShape(QFrame::StyledPanel);
    m_keychainNote->setMargin(6);
    m_keychainNote->setVisible(!m_keychainAvailable);
    layout->addWidget(m_keychainNote);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"settingsTabs"_s);
    layout->addWidget(m_tabs, 1);
    m_tabs->addTab(buildGeneralPage(), QString());
    m_tabs->addTab(buildNetworkPage(), QString());
    QWidget *uqpay = buildUqpayPage();
    m_tabs->addTab(uqpay, QString());
    QWidget *antom = buildAntomPage();
    m_tabs->addTab(antom, QString());
    QWidget *liquido = buildLiquidoPage();
    m_tabs->addTab(liquido, QString());

    m_error = new QLabel(this);
    m_error->setObjectName(u"settingsError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();
    layout->addWidget(m_error);

    m_connectionResult = new QLabel(this);
    m_connectionResult->setObjectName(u"connectionResult"_s);
    m_connectionResult->setWordWrap(true);
    m_connectionResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connectionResult->hide();
    layout->addWidget(m_connectionResult);

    addRequiredNotes({uqpay, antom, liquido});
    buildButtons(layout);
}

QWidget *SettingsDialog::buildGeneralPage()
{
    auto *general = new QWidget(this);
    general->setObjectName(u"generalPage"_s);
    auto *generalForm = new QFormLayout(general);
    m_environment = new QComboBox(this);
    m_environment->setObjectName(u"environmentCombo"_s);
    m_environment->addItem(QString(), kEnvSandbox);
    m_environment->addItem(QString(), kEnvTest);
    m_environment->addItem(QString(), kEnvProduction);
    addRow(generalForm, m_environment);
    m_operator = lineEdit(u"operatorEdit"_s);
    addRow(generalForm, m_operator);
    m_typedConfirmation = spinBox(u"typedConfirmationSpin"_s, 0, 1000000000);
    m_typedConfirmation->setValue(kTypedConfirmationDefault);
    addRow(generalForm, m_typedConfirmation);
    m_cancelRules = lineEdit(u"cancelRulesEdit"_s);
    addRow(generalForm, fileChooser(m_cancelRules, u"cancelRulesBrowse"_s), m_cancelRules);
    m_cancelRulesStatus = new QLabel(this);
    m_cancelRulesStatus->setObjectName(u"cancelRulesStatus"_s);
    m_cancelRulesStatus->setWordWrap(true);
    generalForm->addRow(QString(), m_cancelRulesStatus);
    connect(m_cancelRules, &QLineEdit::editingFinished, this, [this] {
        QString error;
        checkCancelRules(&error);
    });
    // F20: a team's PostgreSQL database instead of this computer's file. Its
    // password is never typed here: the console asks for it when it connects
    // and keeps it in the secret store.
    m_databaseUrl = lineEdit(u"databaseUrlEdit"_s);
    m_databaseUrl->setPlaceholderText(u"postgresql://user@host:5432/canceldesk"_s);
    addRow(generalForm, m_databaseUrl);
    m_databaseNote = new QLabel(this);
    m_databaseNote->setObjectName(u"databaseUrlNote"_s);
    m_databaseNote->setWordWrap(true);
    m_databaseNote->setForegroundRole(QPalette::PlaceholderText);
    generalForm->addRow(QString(), m_databaseNote);
    connect(m_environment, &QComboBox::currentIndexChanged, this,
            &SettingsDialog::environmentChosen);
    return general;
}

// §10 ranges, as the loader checks them.
QWidget *SettingsDialog::buildNetworkPage()
{
    auto *network = new QWidget(this);
    network->setObjectName(u"networkPage"_s);
    auto *networkForm = new QFormLayout(network);
    m_timeout = spinBox(u"timeoutSpin"_s, 100, 600000);
    m_maxRetries = spinBox(u"maxRetriesSpin"_s, 0, 20);
    m_retryBase = spinBox(u"retryBaseSpin"_s, 1, 600000);
    m_confirmTimeout = spinBox(u"confirmTimeoutSpin"_s, 1, 86400);
    m_pollInterval = spinBox(u"pollIntervalSpin"_s, 10, 3600000);
    m_concurrency = spinBox(u"concurrencySpin"_s, 1, 64);
    for (QSpinBox *spin :
         {m_timeout, m_maxRetries, m_retryBase, m_confirmTimeout, m_pollInterval, m_concurrency})
        addRow(networkForm, spin);
    return network;
}

QWidget *SettingsDialog::buildUqpayPage()
{
    auto *uqpay = new QWidget(this);
    uqpay->setObjectName(u"uqpayPage"_s);
    auto *uqpayForm = new QFormLayout(uqpay);
    m_uqpayBaseUrl = lineEdit(u"uqpayBaseUrlEdit"_s);
    m_uqpayBaseUrl->setPlaceholderText(u"https://api-sandbox.uqpaytech.com"_s);
    m_uqpayClientId = lineEdit(u"uqpayClientIdEdit"_s);
    m_uqpayOnBehalfOf = lineEdit(u"uqpayOnBehalfOfEdit"_s);
    m_uqpayTimezone = lineEdit(u"uqpayTimezoneEdit"_s);
    m_uqpayTimezone->setPlaceholderText(u"+08:00"_s);
    for (QWidget *w : {m_uqpayBaseUrl, m_uqpayClientId})
        addRow(uqpayForm, w);
    addSecret(uqpayForm, u"uqpay/api_key"_s, u"uqpayApiKey"_s);
    for (QWidget *w : {m_uqpayOnBehalfOf, m_uqpayTimezone})
        addRow(uqpayForm, w);
    return uqpay;
}

QWidget *SettingsDialog::buildAntomPage()
{
    auto *antom = new QWidget(this);
    antom->setObjectName(u"antomPage"_s);
    auto *antomForm = new QFormLayout(antom);
    m_antomBaseUrl = lineEdit(u"antomBaseUrlEdit"_s);
    m_antomBaseUrl->setPlaceholderText(u"https://open-sea-global.alipay.com"_s);
    m_antomClientId = lineEdit(u"antomClientIdEdit"_s);
    m_antomSandbox = new QCheckBox(this);
    m_antomSandbox->setObjectName(u"antomSandboxCheck"_s);
    m_antomKeyVersion = spinBox(u"antomKeyVersionSpin"_s, 1, 1000000);
    m_antomPrivateKey = lineEdit(u"antomPrivateKeyEdit"_s);
    m_antomPublicKey = lineEdit(u"antomPublicKeyEdit"_s);
    for (QWidget *w :
         {static_cast<QWidget *>(m_antomBaseUrl), static_cast<QWidget *>(m_antomClientId),
          static_cast<QWidget *>(m_antomSandbox), static_cast<QWidget *>(m_antomKeyVersion)})
        addRow(antomForm, w);
    addRow(antomForm, fileChooser(m_antomPrivateKey, u"antomPrivateKeyBrowse"_s),
           m_antomPrivateKey);
    addRow(antomForm, fileChooser(m_antomPublicKey, u"antomPublicKeyBrowse"_s), m_antomPublicKey);
    return antom;
}

QWidget *SettingsDialog::buildLiquidoPage()
{
    auto *liquido = new QWidget(this);
    liquido->setObjectName(u"liquidoPage"_s);
    auto *liquidoForm = new QFormLayout(liquido);
    m_liquidoBaseUrl = lineEdit(u"liquidoBaseUrlEdit"_s);
    m_liquidoBaseUrl->setPlaceholderText(u"https://api-qa.liquido.com"_s);
    m_liquidoAuthUrl = lineEdit(u"liquidoAuthUrlEdit"_s);
    m_liquidoAuthUrl->setPlaceholderText(u"https://auth-dev.liquido.com/oauth2/token"_s);
    m_liquidoClientId = lineEdit(u"liquidoClientIdEdit"_s);
    for (QWidget *w : {m_liquidoBaseUrl, m_liquidoAuthUrl, m_liquidoClientId})
        addRow(liquidoForm, w);
    addSecret(liquidoForm, u"liquido/client_secret"_s, u"liquidoClientSecret"_s);
    addSecret(liquidoForm, u"liquido/api_key"_s, u"liquidoApiKey"_s);
    return liquido;
}

void SettingsDialog::addRequiredNotes(const QList<QWidget *> &providerPages)
{
    // What a provider cannot do without (PRODUCT.md §10); marked with * and a
    // note on each provider page.
    m_required = {m_uqpayClientId, m_antomClientId, m_antomPrivateKey, m_liquidoClientId};
    for (const SecretField &field : std::as_const(m_secretFields))
        m_required.append(field.edit);
    for (QWidget *page : providerPages) {
        auto *note = new QLabel(page);
        note->setObjectName(page->objectName() + u"RequiredNote"_s);
        note->setWordWrap(true);
        static_cast<QFormLayout *>(page->layout())->addRow(note);
        m_requiredNotes.append(note);
    }
}

void SettingsDialog::buildButtons(QVBoxLayout *layout)
{
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_testButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(u"testConnectionButton"_s);
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveButton"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_keychainNote->setText(
        tr("The system keychain is not available on this computer. Secrets are stored in %1 "
           "instead; the file is refused if other users can read it.")
            .arg(m_secrets.description()));
    m_tabs->setTabText(0, tr("General"));
    m_tabs->setTabText(1, tr("Network"));
    m_tabs->setTabText(2, tr("UQPAY"));
    m_tabs->setTabText(3, tr("Antom"));
    m_tabs->setTabText(4, tr("Liquido"));
    retranslateGeneralPage();
    retranslateNetworkPage();
    retranslateProviderPages();
    retranslateSecrets();
    markRequired();
    m_operator->setPlaceholderText(tr("%1 (from your computer account)").arg(Config::osUserName()));
    m_operator->setToolTip(tr("Recorded with every cancel. Empty: the name of your computer "
                              "account is used, as shown."));
    m_testButton->setText(tr("&Test connection"));
    m_testButton->setToolTip(
        tr("Asks each configured provider for the status of a payment that does not exist, with "
           "the settings as entered (not yet saved). Nothing is changed at the provider."));
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("Save"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    QString ignored;
    checkCancelRules(&ignored);
}

// A label's text as a name: without its mnemonic ("&Window", "窗口(&W)") and
// its closing colon.
static QString plainLabelText(QString text)
{
    static const QRegularExpression mnemonic(QStringLiteral("\\(&.\\)|&(?=.)"));
    text.remove(mnemonic);
    while (text.endsWith(u':') || text.endsWith(u'\uff1a'))
        text.chop(1);
    return text.trimmed();
}

void SettingsDialog::setFieldLabel(QWidget *field, const QString &text)
{
    if (QLabel *l = m_labels.value(field)) {
        l->setText(text);
        // A screen reader finds a label's buddy only among the label's
        // siblings; a field inside a file chooser is not one, so it is named.
        if (field->parentWidget() != l->parentWidget())
            field->setAccessibleName(plainLabelText(text));
    }
}

void SettingsDialog::retranslateGeneralPage()
{
    m_environment->setItemText(0, tr("Sandbox"));
    m_environment->setItemText(1, tr("Provider test"));
    m_environment->setItemText(2, tr("Production"));
    setFieldLabel(m_environment, tr("&Environment:"));
    setFieldLabel(m_operator, tr("&Operator name:"));
    setFieldLabel(m_typedConfirmation,
                  tr("Typed confirmation from this &amount, in each payment's own "
                     "currency:"));
    m_typedConfirmation->setToolTip(
        tr("1000 means 1,000.00 USD, 1,000 JPY, 1,000.000 KWD; amounts are never converted. 0 "
           "asks for every cancel."));
    setFieldLabel(m_cancelRules, tr("Cancel &window overrides:"));
    m_cancelRules->setPlaceholderText(tr("none (the built-in cancel windows)"));
    setFieldLabel(m_databaseUrl, tr("Team &database:"));
    m_databaseNote->setText(
        tr("Empty: the orders and the cancel log are kept in a file on this computer. A "
           "postgresql:// address (without a password) shares them with your team; CancelDesk "
           "asks for the password when it connects and keeps it in the keychain."));
}

void SettingsDialog::retranslateNetworkPage()
{
    setFieldLabel(m_timeout, tr("Request &timeout (ms):"));
    setFieldLabel(m_maxRetries, tr("Maximum &retries:"));
    setFieldLabel(m_retryBase, tr("Retry &backoff base (ms):"));
    setFieldLabel(m_confirmTimeout, tr("&Confirmation timeout (s):"));
    m_confirmTimeout->setToolTip(
        tr("How long a sent cancel is polled before it is marked unresolved."));
    setFieldLabel(m_pollInterval, tr("&Poll interval (ms):"));
    setFieldLabel(m_concurrency, tr("Requests at once per provider:"));
}

void SettingsDialog::retranslateProviderPages()
{
    setFieldLabel(m_uqpayBaseUrl, tr("Base URL:"));
    setFieldLabel(m_uqpayClientId, tr("Client ID:"));
    setFieldLabel(m_uqpayOnBehalfOf, tr("On behalf of (account ID):"));
    setFieldLabel(m_uqpayTimezone, tr("Merchant time zone:"));
    m_uqpayTimezone->setToolTip(
        tr("UTC, an offset like +08:00, or a zone name like Asia/Shanghai."));

    setFieldLabel(m_antomBaseUrl, tr("Base URL:"));
    setFieldLabel(m_antomClientId, tr("Client ID:"));
    m_antomSandbox->setText(tr("Use Antom's sandbox paths (/ams/sandbox/api)"));
    setFieldLabel(m_antomSandbox, tr("Sandbox:"));
    setFieldLabel(m_antomKeyVersion, tr("Key version:"));
    setFieldLabel(m_antomPrivateKey, tr("Merchant private key (PEM):"));
    setFieldLabel(m_antomPublicKey, tr("Antom public key (PEM):"));
    m_antomPrivateKey->setToolTip(tr("The file must be readable only by you (chmod 600)."));
    m_antomPublicKey->setPlaceholderText(tr("optional: verifies response signatures"));

    setFieldLabel(m_liquidoBaseUrl, tr("Base URL:"));
    setFieldLabel(m_liquidoAuthUrl, tr("Token URL:"));
    setFieldLabel(m_liquidoClientId, tr("Client ID:"));
}

void SettingsDialog::retranslateSecrets()
{
    for (SecretField &field : m_secretFields) {
        if (field.key == u"uqpay/api_key")
            setFieldLabel(field.edit, tr("API key:"));
        else if (field.key == u"liquido/client_secret")
            setFieldLabel(field.edit, tr("Client secret:"));
        else
            setFieldLabel(field.edit, tr("API key:"));
        field.clear->setText(tr("Clear"));
        updateSecretStatus(field);
    }
    for (QPushButton *browse : std::as_const(m_browseButtons))
        browse->setText(tr("Browse…"));
}

void SettingsDialog::updateSecretStatus(SecretField &field)
{
    const QString placeholder = tr("•••••• (unchanged)");
    if (!field.edit->text().isEmpty())
        field.status->setText(
            tr("will be stored in %1 when you save").arg(m_secrets.description()));
    else if (field.cleared && field.stored)
        field.status->setText(tr("will be removed when you save"));
    else if (field.stored && m_original.value(field.key).isEmpty())
        field.status->setText(tr("stored in %1").arg(m_secrets.description()));
    else if (field.stored)
        field.status->setText(tr("written in the configuration file (new secrets go to %1)")
                                  .arg(m_secrets.description()));
    else
        field.status->setText(tr("not set"));
    field.edit->setPlaceholderText(field.stored && !field.cleared ? placeholder : QString());
    field.clear->setEnabled(field.stored && !field.cleared);
}

// ---- loading -----------------------------------------------------------------

void SettingsDialog::load()
{
    m_original.clear();
    if (QFileInfo::exists(m_configPath)) {
        const QSettings settings(m_configPath, QSettings::IniFormat);
        for (const QString &key : editedKeys()) {
            if (const auto value = iniValue(settings, key))
                m_original.insert(key, *value);
        }
    }
    const auto text = [this](const QString &key) { return m_original.value(key); };
    const auto number = [this](const QString &key, qint64 fallback) {
        bool ok = false;
        const qint64 value = m_original.value(key).toLongLong(&ok);
        return static_cast<int>(ok ? value : fallback);
    };

    {
        const QSignalBlocker blocker(m_environment);
        const int index = m_environment->findData(text(u"general/environment"_s).toLower());
        m_environment->setCurrentIndex(index < 0 ? 0 : index);
        m_environmentIndex = m_environment->currentIndex();
    }
    m_operator->setText(text(u"general/operator"_s));
    m_typedConfirmation->setValue(
        number(u"general/typed_confirmation_above"_s, kTypedConfirmationDefault));
    m_cancelRules->setText(text(u"general/cancel_rules"_s));
    m_databaseUrl->setText(text(u"database/url"_s));

    const Services::WorkflowSettings defaults;
    m_timeout->setValue(number(u"network/timeout_ms"_s, defaults.timeout.count()));
    m_maxRetries->setValue(number(u"network/max_retries"_s, defaults.maxRetries));
    m_retryBase->setValue(number(u"network/retry_base_ms"_s, defaults.retryBase.count()));
    m_confirmTimeout->setValue(
        number(u"network/confirm_timeout_s"_s, defaults.confirmTimeout.count()));
    m_pollInterval->setValue(number(u"network/poll_interval_ms"_s, defaults.pollInterval.count()));
    m_concurrency->setValue(number(u"network/concurrency"_s, defaults.concurrency));

    m_uqpayBaseUrl->setText(text(u"uqpay/base_url"_s));
    m_uqpayClientId->setText(text(u"uqpay/client_id"_s));
    m_uqpayOnBehalfOf->setText(text(u"uqpay/on_behalf_of"_s));
    m_uqpayTimezone->setText(text(u"uqpay/timezone"_s));

    m_antomBaseUrl->setText(text(u"antom/base_url"_s));
    m_antomClientId->setText(text(u"antom/client_id"_s));
    const QString sandbox = text(u"antom/sandbox"_s).toLower();
    m_antomSandbox->setChecked(sandbox == u"true" || sandbox == u"1" || sandbox == u"yes");
    m_antomKeyVersion->setValue(number(u"antom/key_version"_s, 1));
    m_antomPrivateKey->setText(text(u"antom/private_key_file"_s));
    m_antomPublicKey->setText(text(u"antom/antom_public_key_file"_s));

    m_liquidoBaseUrl->setText(text(u"liquido/base_url"_s));
    m_liquidoAuthUrl->setText(text(u"liquido/auth_url"_s));
    m_liquidoClientId->setText(text(u"liquido/client_id"_s));

    // Only whether a secret exists is kept, never its value. The store
    // answers when it does (the keychain over D-Bus).
    QStringList keys;
    for (SecretField &field : m_secretFields) {
        field.stored = !m_original.value(field.key).isEmpty();
        field.cleared = false;
        field.edit->clear();
        updateSecretStatus(field);
        keys << field.key;
    }
    m_secrets.readSecrets(keys, this, [this](const SecretValues &found) {
        for (SecretField &field : m_secretFields) {
            if (!found.values.value(field.key).isEmpty()) {
                field.stored = true;
                updateSecretStatus(field);
            }
        }
        if (!found.error.isEmpty())
            showError(found.error); // e.g. the file is open to others
    });
}

// ---- validation and saving ---------------------------------------------------

void SettingsDialog::environmentChosen(int index)
{
    const bool toProduction = m_environment->itemData(index).toString() == kEnvProduction;
    const bool fromProduction =
        m_environment->itemData(m_environmentIndex).toString() == kEnvProduction;
    if (!toProduction || fromProduction) {
        m_environmentIndex = index;
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Production"),
                                tr("Switch to Production? Cancels will be sent to real payments."),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"productionConfirmBox"_s);
    box->button(QMessageBox::Yes)->setText(tr("Switch to Production"));
    box->button(QMessageBox::Yes)->setObjectName(u"productionConfirmYes"_s);
    box->button(QMessageBox::No)->setText(tr("Stay"));
    box->button(QMessageBox::No)->setObjectName(u"productionConfirmNo"_s);
    box->setDefaultButton(QMessageBox::No);
    box->setEscapeButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, index](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes)) {
            m_environmentIndex = index;
        } else {
            const QSignalBlocker blocker(m_environment);
            m_environment->setCurrentIndex(m_environmentIndex);
        }
    });
    box->open();
}

bool SettingsDialog::checkCancelRules(QString *error)
{
    const QString file = m_cancelRules->text().trimmed();
    if (file.isEmpty()) {
        m_cancelRulesStatus->setText(tr("The built-in cancel windows apply."));
        return true;
    }
    const QString path =
        QFileInfo(QFileInfo(m_configPath).absoluteDir(), QDir::fromNativeSeparators(file))
            .absoluteFilePath();
    const Domain::PolicyLoadResult loaded = Domain::CancelPolicy::load(path);
    if (!loaded.ok()) {
        *error = tr("Cancel window overrides: %1").arg(loaded.error);
        m_cancelRulesStatus->setText(*error);
        return false;
    }
    m_cancelRulesStatus->setText(tr("The override file is valid."));
    return true;
}

void SettingsDialog::writeTo(QSettings &settings) const
{
    // Keys not in the file stay unset while they hold the default, so that the
    // file keeps only what the operator chose.
    // QSettings reads and writes an INI [general] section (any case) as
    // top-level keys: "general/x" would become a [%General] section.
    const auto put = [&](const QString &key, const QString &value, const QString &fallback) {
        QString target = key;
        if (key.startsWith(u"general/"_s)) {
            settings.remove(key);
            target = key.mid(8);
        }
        if (value.isEmpty() || (value == fallback && !m_original.contains(key)))
            settings.remove(target);
        else
            settings.setValue(target, value);
    };
    const auto num = [](qint64 n) { return QString::number(n); };

    put(u"general/environment"_s, m_environment->currentData().toString(), QString());
    put(u"general/operator"_s, m_operator->text().trimmed(), QString());
    put(u"general/typed_confirmation_above"_s, num(m_typedConfirmation->value()),
        num(kTypedConfirmationDefault));
    put(u"general/cancel_rules"_s, m_cancelRules->text().trimmed(), QString());
    put(u"database/url"_s, m_databaseUrl->text().trimmed(), QString());

    const Services::WorkflowSettings d;
    put(u"network/timeout_ms"_s, num(m_timeout->value()), num(d.timeout.count()));
    put(u"network/max_retries"_s, num(m_maxRetries->value()), num(d.maxRetries));
    put(u"network/retry_base_ms"_s, num(m_retryBase->value()), num(d.retryBase.count()));
    put(u"network/confirm_timeout_s"_s, num(m_confirmTimeout->value()),
        num(d.confirmTimeout.count()));
    put(u"network/poll_interval_ms"_s, num(m_pollInterval->value()), num(d.pollInterval.count()));
    put(u"network/concurrency"_s, num(m_concurrency->value()), num(d.concurrency));

    put(u"uqpay/base_url"_s, m_uqpayBaseUrl->text().trimmed(), QString());
    put(u"uqpay/client_id"_s, m_uqpayClientId->text().trimmed(), QString());
    put(u"uqpay/on_behalf_of"_s, m_uqpayOnBehalfOf->text().trimmed(), QString());
    put(u"uqpay/timezone"_s, m_uqpayTimezone->text().trimmed(), QString());

    put(u"antom/base_url"_s, m_antomBaseUrl->text().trimmed(), QString());
    put(u"antom/client_id"_s, m_antomClientId->text().trimmed(), QString());
    put(u"antom/sandbox"_s, m_antomSandbox->isChecked() ? u"true"_s : u"false"_s, u"false"_s);
    put(u"antom/key_version"_s, num(m_antomKeyVersion->value()), num(1));
    put(u"antom/private_key_file"_s, m_antomPrivateKey->text().trimmed(), QString());
    put(u"antom/antom_public_key_file"_s, m_antomPublicKey->text().trimmed(), QString());

    put(u"liquido/base_url"_s, m_liquidoBaseUrl->text().trimmed(), QString());
    put(u"liquido/auth_url"_s, m_liquidoAuthUrl->text().trimmed(), QString());
    put(u"liquido/client_id"_s, m_liquidoClientId->text().trimmed(), QString());

    // A secret replaced or cleared here no longer lives in the file (the CLI
    // may have written it there); the GUI never writes one into it.
    for (const SecretField &field : m_secretFields) {
        if (!field.edit->text().isEmpty() || field.cleared)
            settings.remove(field.key);
    }
}

void SettingsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

bool SettingsDialog::writeCandidate(QTemporaryFile &temp)
{
    m_error->hide();
    QString error;
    if (!checkCancelRules(&error)) {
        m_tabs->setCurrentIndex(0);
        showError(error);
        return false;
    }

    const QFileInfo info(m_configPath);
    const QString shownPath = QDir::toNativeSeparators(m_configPath);
    if (!QDir().mkpath(info.absolutePath())) {
        showError(tr("The folder of %1 cannot be created.").arg(shownPath));
        return false;
    }
    // The candidate goes next to the real file (relative key paths resolve the
    // same way); QTemporaryFile makes it 0600, as an inline secret needs.
    temp.setFileTemplate(info.absolutePath() + u"/.canceldesk-XXXXXX.ini"_s);
    if (!temp.open()) {
        showError(tr("The configuration file %1 cannot be written.").arg(shownPath));
        return false;
    }
    if (info.exists()) {
        QFile original(m_configPath);
        if (!original.open(QIODevice::ReadOnly)) {
            showError(tr("The configuration file %1 cannot be read.").arg(shownPath));
            return false;
        }
        temp.write(original.readAll());
    }
    temp.close();
    const QString tempPath = QFileInfo(temp.fileName()).absoluteFilePath();
    {
        QSettings settings(tempPath, QSettings::IniFormat);
        writeTo(settings);
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            showError(tr("The configuration file %1 cannot be written.").arg(shownPath));
            return false;
        }
    }

    return true;
}

void SettingsDialog::loadCandidate(const CandidateLoaded &next)
{
    if (m_busy)
        return;
    auto temp = std::make_shared<QTemporaryFile>();
    if (!writeCandidate(*temp))
        return;
    const QString tempPath = QFileInfo(temp->fileName()).absoluteFilePath();
    // Secrets typed (or cleared) here count as they are; the others are read
    // from the store, asynchronously.
    QHash<QString, QByteArray> typed;
    QStringList stored;
    for (const SecretField &field : std::as_const(m_secretFields)) {
        if (!field.edit->text().isEmpty())
            typed.insert(field.key, field.edit->text().toUtf8());
        else if (field.cleared)
            typed.insert(field.key, QByteArray());
        else
            stored << field.key;
    }
    m_busy = true;
    m_secrets.readSecrets(
        stored, this, [this, temp, tempPath, typed, next](const SecretValues &found) {
            m_busy = false;
            const auto lookup = [&typed, &found](const QString &key) -> QByteArray {
                return typed.contains(key) ? typed.value(key) : found.values.value(key);
            };
            const Config::ConfigLoad loaded = Config::loadConfig(tempPath, lookup);
            if (!loaded.ok()) {
                showLoadError(loaded.error, tempPath);
                return;
            }
            next(temp, loaded);
        });
}

void SettingsDialog::showLoadError(const QString &error, const QString &candidatePath)
{
    QString message = error;
    message.replace(QDir::toNativeSeparators(candidatePath),
                    QDir::toNativeSeparators(m_configPath));
    // Show the page of the section the loader names ("[uqpay] base_url …").
    const QStringList sections = {u"[general]"_s, u"[network]"_s, u"[uqpay]"_s, u"[antom]"_s,
                                  u"[liquido]"_s};
    for (qsizetype i = 0; i < sections.size(); ++i) {
        if (message.contains(sections.at(i)))
            m_tabs->setCurrentIndex(static_cast<int>(i));
    }
    showError(message);
}

void SettingsDialog::markRequired()
{
    for (QWidget *field : std::as_const(m_required)) {
        if (QLabel *l = m_labels.value(field); l && !l->text().endsWith(u" *"_s))
            l->setText(l->text() + u" *"_s);
    }
    for (QLabel *note : std::as_const(m_requiredNotes))
        note->setText(tr("* Required to use this provider. Leave every field empty to not use "
                         "it in this environment."));
}

void SettingsDialog::testConnection()
{
    m_connectionResult->hide();
    loadCandidate([this](const std::shared_ptr<QTemporaryFile> &,
                         const Config::ConfigLoad &loaded) { testWith(loaded); });
}

void SettingsDialog::testWith(const Config::ConfigLoad &loaded)
{
    m_testRegistry.reset(); // aborts (and forgets) an earlier test
    if (!loaded.config.hasProviders()) {
        m_connectionResult->setText(
            loaded.config.environment == u"sandbox"
                ? tr("No provider is configured: the console uses its built-in sandbox.")
                : tr("No provider is configured for this environment: there is nothing to test."));
        m_connectionResult->show();
        return;
    }
    m_testRegistry = std::make_unique<Providers::ProviderRegistry>(loaded.config.providers);
    auto results = std::make_shared<QMap<int, QString>>();
    const QList<Domain::Provider> configured = m_testRegistry->configured();
    const auto show = [this, results, configured] {
        QStringList lines;
        for (Domain::Provider p : configured)
            lines << results->value(int(p), testingText(p));
        m_connectionResult->setText(lines.join(u'\n'));
        m_connectionResult->show();
    };
    m_testButton->setEnabled(false);
    for (Domain::Provider p : configured) {
        auto *probe =
            new Services::ConnectionCheck(*m_testRegistry->provider(p), m_testRegistry.get());
        connect(probe, &Services::ConnectionCheck::finished, this,
                [this, results, show, configured](Domain::Provider provider,
                                                  const Services::ConnectionStatus &status) {
                    results->insert(int(provider), connectionLine(provider, status));
                    show();
                    if (results->size() == configured.size())
                        m_testButton->setEnabled(true);
                });
    }
    show();
}

QString SettingsDialog::testingText(Domain::Provider provider)
{
    return tr("%1: checking…").arg(Domain::providerDisplayName(provider));
}

QString SettingsDialog::connectionLine(Domain::Provider provider,
                                       const Services::ConnectionStatus &status)
{
    QString line = tr("%1: %2").arg(Domain::providerDisplayName(provider),
                                    Services::connectionStateText(status.state));
    if (!status.detail.isEmpty())
        line += u" — "_s + status.detail;
    return line;
}

void SettingsDialog::save()
{
    loadCandidate(
        [this](const std::shared_ptr<QTemporaryFile> &candidate, const Config::ConfigLoad &) {
            QList<SecretChange> changes;
            for (const SecretField &field : std::as_const(m_secretFields)) {
                if (!field.edit->text().isEmpty())
                    changes.append({field.key, field.edit->text().toUtf8()});
                else if (field.cleared)
                    changes.append({field.key, std::nullopt});
            }
            // The secrets first: a failure leaves the file as it was.
            m_busy = true;
            m_secrets.applyChanges(changes, this, [this, candidate](const QString &error) {
                m_busy = false;
                if (!error.isEmpty()) {
                    showError(error);
                    return;
                }
                commit(*candidate);
            });
        });
}

void SettingsDialog::commit(QTemporaryFile &candidateFile)
{
    const QString shownPath = QDir::toNativeSeparators(m_configPath);
    QFile candidate(QFileInfo(candidateFile.fileName()).absoluteFilePath());
    QSaveFile target(m_configPath);
    if (!candidate.open(QIODevice::ReadOnly) || !target.open(QIODevice::WriteOnly)
        || target.write(candidate.readAll()) < 0 || !target.commit()) {
        showError(tr("The configuration file %1 cannot be written.").arg(shownPath));
        return;
    }

    load();
    Q_EMIT settingsSaved();
    accept();
}

} // namespace CancelDesk::Ui
