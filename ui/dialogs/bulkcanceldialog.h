#pragma once

#include "domain/cancelpolicy.h"
#include "domain/order.h"
#include "reasonfields.h"
#include "services/cancelcheck.h"
#include "services/cancelservice.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace CancelDesk::Ui {

class AppSession;

// Bulk cancel of the selected orders (PRODUCT.md F13): one reason, a table of
// what will and will not be sent, then CancelService::cancelMany with progress,
// a Stop button and the per-order result in the same table.
//
// While the bulk cancel runs the dialog refuses to close (Stop first); the job
// is parented to the CancelService, so nothing is lost if it is destroyed.
class BulkCancelDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkCancelDialog)

public:
    enum Column {
        ProviderColumn,
        PaymentIdColumn,
        AmountColumn,
        StatusColumn,
        PlanColumn,
        ResultColumn,
        ColumnCount
    };

    explicit BulkCancelDialog(AppSession &session, const QList<Domain::OrderKey> &orders,
                              QWidget *parent = nullptr);
    ~BulkCancelDialog() override;

    // How many of the orders would be sent now.
    int sendableCount() const;
    bool isRunning() const { return m_phase == Phase::Running; }

    void reject() override;

Q_SIGNALS:
    // One report per order, in the order given: the ones not sent with
    // refusal Ineligible (or NotFound) and attemptId 0.
    void bulkFinished(const QList<CancelDesk::Services::CancelReport> &reports);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Phase { Reviewing, Running, Done };

    struct Row
    {
        Domain::OrderKey key;
        std::optional<Domain::Order> order;
        Services::CancelCheck check; // the core's rule (CancelService::check)
        bool send = false;           // decided when the run starts
        std::optional<Services::CancelReport> report;
    };

    void buildUi();
    void retranslateUi();
    void decideAll();
    void fillTable();
    void updateControls();
    void start();
    void onProgress(int done, int total);
    void onFinished(const QList<Services::CancelReport> &reports);
    QString planText(const Row &row) const;
    QString resultText(const Row &row) const;
    QColor resultColor(const Row &row) const;
    Domain::CancelReason currentReason() const;

    AppSession &m_session;
    QList<Row> m_rows;
    Phase m_phase = Phase::Reviewing;
    QPointer<Services::BulkCancelJob> m_job;
    QList<int> m_sentRows; // row indexes in the order they were handed to the job
    int m_done = 0;

    QTimer *m_ticker = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QTableWidget *m_table = nullptr;
    ReasonFields m_reason;
    QProgressBar *m_progress = nullptr;
    QLabel *m_resultLabel = nullptr;
    QPushButton *m_keepButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace CancelDesk::Ui
