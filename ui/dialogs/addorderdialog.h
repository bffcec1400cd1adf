#pragma once

#include "domain/order.h"
#include "services/refreshservice.h"

#include <QDialog>
#include <QPointer>
#include <QString>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace CancelDesk::Storage {
class OrderStore;
}
namespace CancelDesk::Providers {
class ProviderRegistry;
}

namespace CancelDesk::Ui {

// F2 Add by ID: the operator picks a configured provider and pastes a payment
// id; the payment is retrieved from the provider (asynchronously, RefreshJob)
// and stored. Shows the order's amount and status, or why it failed.
class AddOrderDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddOrderDialog)

public:
    // refresh retrieves the payment and stores it; orders reads it back;
    // providers lists the configured ones.
    AddOrderDialog(Services::RefreshService &refresh, const Storage::OrderStore &orders,
                   const Providers::ProviderRegistry &providers, QWidget *parent = nullptr);
    ~AddOrderDialog() override;

    // The id as it will be sent: the edit's text without surrounding
    // whitespace (pasted ids often carry spaces or a line break).
    QString paymentId() const;

Q_SIGNALS:
    void orderAdded(const CancelDesk::Domain::OrderKey &order);

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    // Done: the order was added ("Add another" is offered). A failed add
    // goes back to Idle with its reason still shown.
    enum class State { Idle, Running, Done };

    void retranslateUi();
    void updateState();
    void updateResultText();
    void add();
    void addAgain();
    void onFinished(const Domain::OrderKey &key, const Services::RefreshSummary &summary);

    Services::RefreshService &m_refresh;
    const Storage::OrderStore &m_orders;
    State m_state = State::Idle;
    QPointer<Services::RefreshJob> m_job;
    // The last outcome, kept so that a language switch rewords it.
    std::optional<Domain::OrderKey> m_lastKey;
    Services::RefreshSummary m_lastSummary;

    QLabel *m_providerLabel = nullptr;
    QComboBox *m_providerCombo = nullptr;
    QLabel *m_idLabel = nullptr;
    QLineEdit *m_idEdit = nullptr;
    QLabel *m_noProvidersLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_resultLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_addAgainButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace CancelDesk::Ui
