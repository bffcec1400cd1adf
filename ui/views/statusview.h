#pragma once

#include "domain/order.h"
#include "models/orderreads.h"
#include "services/cancelcheck.h"
#include "services/workflowsettings.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;
class QFormLayout;
class QVBoxLayout;

namespace CancelDesk::Providers {
class ProviderRegistry;
}

namespace CancelDesk::Ui {

// F6 status-refresh view, docked beside the order list: the selected order's
// live provider fields, the timeline of its status changes, how fresh it is,
// the last sync error in words, whether it can be cancelled (and if not, why
// and what to do instead), and its cancel attempts.
class StatusView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusView)

public:
    // providers: which ones are configured (a refresh needs one).
    StatusView(OrderReads reads, const Providers::ProviderRegistry &providers,
               QWidget *parent = nullptr);
    ~StatusView() override;

    void showOrder(const std::optional<Domain::OrderKey> &order);
    std::optional<Domain::OrderKey> order() const { return m_order; }
    // Re-reads the order (after a refresh or a cancel).
    void reload();
    // Updates the countdown and the "N min ago" texts (called every second).
    void tick();

    // After this long without a successful sync the status is marked stale,
    // and the view no longer says "Can be cancelled" on it: the verdict asks
    // for a refresh first. (A cancel itself re-reads the status from the
    // provider before sending, so the Cancel action stays available.)
    static constexpr int kStaleAfterSeconds = 15 * 60;

Q_SIGNALS:
    void refreshRequested(const CancelDesk::Domain::OrderKey &order);
    // Something needed to cancel is missing; page: "general", "uqpay",
    // "antom" or "liquido".
    void settingsRequested(const QString &page);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    QLabel *addTable(QVBoxLayout *body, const QString &objectName, int columns,
                     QTreeWidget **table);
    void retranslateUi();
    void fill();
    void updateVerdict(const Services::CancelCheck &check, const QString &explanation);
    // What is missing to cancel the loaded order here, and the settings page
    // that supplies it; empty when nothing is.
    QString missingForCancel(QString *page) const;

    OrderReads m_reads;
    const Providers::ProviderRegistry &m_providers;
    // The loaded order's attempts, for the core's cancel rule in tick().
    Services::AttemptFlags m_attemptFlags;
    std::optional<Domain::OrderKey> m_order;
    std::optional<Domain::Order> m_loaded;

    QLabel *m_title = nullptr;
    QWidget *m_scroll = nullptr; // the scrolling body (named for screen readers)
    QLabel *m_empty = nullptr;
    QWidget *m_body = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_labels[10] = {};
    QLabel *m_values[10] = {};
    QLabel *m_eligibility = nullptr;
    QPushButton *m_openSettings = nullptr;
    QString m_settingsPage;
    QLabel *m_synced = nullptr;
    QLabel *m_syncError = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_fieldsTitle = nullptr;
    QTreeWidget *m_fields = nullptr;
    QLabel *m_timelineTitle = nullptr;
    QTreeWidget *m_timeline = nullptr;
    QLabel *m_attemptsTitle = nullptr;
    QTreeWidget *m_attempts = nullptr;
};

} // namespace CancelDesk::Ui
