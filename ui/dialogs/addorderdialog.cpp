#include "addorderdialog.h"

#include "domain/orderstatus.h"
#include "domain/provider.h"
#include "format.h"
#include "providers/providerregistry.h"
#include "storage/orderstore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStringList>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

AddOrderDialog::AddOrderDialog(Services::RefreshService &refresh, const Storage::OrderStore &orders,
                               const Providers::ProviderRegistry &providers, QWidget *parent)
    : QDialog(parent)
    , m_refresh(refresh)
    , m_orders(orders)
{
    setObjectName(QStringLiteral("addOrderDialog"));

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout();
    m_providerLabel = new QLabel(this);
    m_providerCombo = new QComboBox(this);
    m_providerCombo->setObjectName(QStringLiteral("providerCombo"));
    // Only providers with credentials: the others could not answer.
    for (const Domain::Provider p : providers.configured())
        m_providerCombo->addItem(Domain::providerDisplayName(p), static_cast<int>(p));
    m_providerLabel->setBuddy(m_providerCombo);
    form->addRow(m_providerLabel, m_providerCombo);

    m_idLabel = new QLabel(this);
    m_idEdit = new QLineEdit(this);
    m_idEdit->setObjectName(QStringLiteral("paymentIdEdit"));
    m_idEdit->setClearButtonEnabled(true);
    m_idEdit->setMinimumWidth(320);
    m_idLabel->setBuddy(m_idEdit);
    form->addRow(m_idLabel, m_idEdit);
    layout->addLayout(form);

    m_noProvidersLabel = new QLabel(this);
    m_noProvidersLabel->setObjectName(QStringLiteral("noProvidersLabel"));
    m_noProvidersLabel->setWordWrap(true);
    m_noProvidersLabel->setVisible(m_providerCombo->count() == 0);
    layout->addWidget(m_noProvidersLabel);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 0); // busy: one request, no meaningful fraction
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);

    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextFormat(Qt::PlainText);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_resultLabel->setMinimumHeight(m_resultLabel->fontMetrics().lineSpacing() * 3);
    m_resultLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_resultLabel, 1);

    m_buttons = new QDialogButtonBox(this);
    m_addButton = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName(QStringLiteral("addButton"));
    m_addAgainButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_addAgainButton->setObjectName(QStringLiteral("addAgainButton"));
    m_closeButton = m_buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    layout->addWidget(m_buttons);

    // The box's accepted() would close the dialog; Add starts the work instead.
    connect(m_addButton, &QPushButton::clicked, this, &AddOrderDialog::add);
    connect(m_addAgainButton, &QPushButton::clicked, this, &AddOrderDialog::addAgain);
    connect(m_closeButton, &QPushButton::clicked, this, &AddOrderDialog::reject);
    connect(m_idEdit, &QLineEdit::textChanged, this, &AddOrderDialog::updateState);
    // Return in the edit presses the default button (Add, or Add another).

    retranslateUi();
    updateState();
    m_idEdit->setFocus();
}

AddOrderDialog::~AddOrderDialog()
{
    // Its finished() is connected with this as context; stopping it only saves
    // the provider a request nobody waits for.
    if (m_job)
        m_job->stop();
}

QString AddOrderDialog::paymentId() const
{
    return m_idEdit->text().trimmed();
}

void AddOrderDialog::retranslateUi()
{
    setWindowTitle(tr("Add order by payment ID"));
    m_providerLabel->setText(tr("&Provider:"));
    m_idLabel->setText(tr("Payment &ID:"));
    m_idEdit->setPlaceholderText(tr("Paste the payment ID from the provider"));
    m_noProvidersLabel->setText(
        tr("No provider is configured. Add credentials in the settings first."));
    m_addButton->setText(tr("&Add"));
    m_addAgainButton->setText(tr("Add a&nother"));
    m_closeButton->setText(tr("&Close"));
    updateResultText();
}

void AddOrderDialog::updateState()
{
    const bool running = m_state == State::Running;
    const bool done = m_state == State::Done;
    m_providerCombo->setEnabled(m_state == State::Idle);
    m_idEdit->setReadOnly(m_state != State::Idle);
    m_addButton->setVisible(!done);
    m_addButton->setEnabled(m_state == State::Idle && m_providerCombo->count() > 0
                            && !paymentId().isEmpty());
    m_addButton->setDefault(!done);
    m_addAgainButton->setVisible(done);
    m_addAgainButton->setDefault(done);
    m_progress->setVisible(running);
}

void AddOrderDialog::updateResultText()
{
    if (m_state == State::Running) {
        m_resultLabel->setText(
            tr("Retrieving %1 from %2…").arg(paymentId(), m_providerCombo->currentText()));
        return;
    }
    // After a failure the dialog is ready for another try, the reason still shown.
    if (!m_lastKey) {
        m_resultLabel->clear();
        return;
    }
    const Domain::OrderKey &key = *m_lastKey;
    const QString provider = Domain::providerDisplayName(key.provider);
    if (m_lastSummary.stopped) {
        m_resultLabel->setText(tr("Stopped: payment %1 was not added.").arg(key.paymentId));
        return;
    }
    const std::optional<Domain::Order> order =
        m_lastSummary.failed == 0 ? m_orders.find(key.provider, key.paymentId) : std::nullopt;
    if (order) {
        m_resultLabel->setText(tr("Added %1 payment %2: %3, status %4 (%5).")
                                   .arg(provider, order->paymentId,
                                        formatMoneyWithCode(order->amount),
                                        Domain::statusLabel(order->status), order->rawStatus));
        return;
    }
    QStringList reasons;
    for (const auto &[failedKey, text] : m_lastSummary.errors)
        reasons.append(text);
    if (reasons.isEmpty())
        reasons.append(tr("The provider did not return the payment."));
    m_resultLabel->setText(tr("%1 payment %2 could not be added: %3")
                               .arg(provider, key.paymentId, reasons.join(u'\n')));
}

void AddOrderDialog::add()
{
    const QString id = paymentId();
    if (m_state != State::Idle || id.isEmpty() || m_providerCombo->currentIndex() < 0)
        return;
    const Domain::OrderKey key{
        static_cast<Domain::Provider>(m_providerCombo->currentData().toInt()), id};
    // Show the id exactly as it is sent.
    m_idEdit->setText(id);
    m_lastKey.reset();
    m_lastSummary = {};
    m_state = State::Running;

    m_job = m_refresh.addById(key);
    connect(m_job, &Services::RefreshJob::finished, this,
            [this, key](const Services::RefreshSummary &summary) { onFinished(key, summary); });
    updateState();
    updateResultText();
}

void AddOrderDialog::onFinished(const Domain::OrderKey &key,
                                const Services::RefreshSummary &summary)
{
    m_job.clear();
    m_lastKey = key;
    m_lastSummary = summary;
    const bool added =
        !summary.stopped && summary.failed == 0 && m_orders.find(key.provider, key.paymentId);
    // "Add another" only after a success; after a failure the same id stays
    // editable with Add, so that a typo can be fixed and tried again.
    m_state = added ? State::Done : State::Idle;
    updateState();
    updateResultText();
    if (added) {
        m_addAgainButton->setFocus();
        Q_EMIT orderAdded(key);
    } else {
        m_idEdit->setFocus();
        m_idEdit->selectAll();
    }
}

void AddOrderDialog::addAgain()
{
    // Offered only after a success (Done): start afresh with an empty id.
    if (m_state != State::Done)
        return;
    m_state = State::Idle;
    m_lastKey.reset();
    m_lastSummary = {};
    m_idEdit->clear();
    updateState();
    updateResultText();
    m_idEdit->setFocus();
    m_idEdit->selectAll();
}

void AddOrderDialog::reject()
{
    if (m_job)
        m_job->stop();
    QDialog::reject();
}

void AddOrderDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace CancelDesk::Ui
