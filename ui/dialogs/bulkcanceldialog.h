#pragma once

#include "cancelsources.h"
#include "domain/cancelpolicy.h"
#include "domain/money.h"
#include "domain/order.h"
#include "reasonfields.h"
#include "services/cancelcheck.h"
#include "services/cancelservice.h"
#include "typedconfirmation.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;
class QVBoxLayout;

namespace CancelDesk::Ui {

class OrderTableModel;
struct OrderFacts;

// Bulk cancel of the selected orders (PRODUCT.md F13), as safe as a single
// cancel: one reason, a table of what will and will not be sent with the totals
// per currency, the same typed confirmation as the cancel dialog when any order
// that will be sent reaches the threshold, then CancelService::cancelMany with
// progress and a Stop button. The "will it be sent?" column becomes each
// order's outcome as it arrives; the report can be copied or exported, and the
// unresolved cancels retried (the same attempts, with their keys).
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
        OutcomeColumn, // "will it be sent?", then the outcome
        ColumnCount
    };

    // The orders as the order list knows them: the checks every second read
    // its rows and follow its updates; nothing is read from the store.
    BulkCancelDialog(CancelSources sources, const OrderTableModel &list,
                     const QList<Domain::OrderKey> &orders, QWidget *parent = nullptr);
    // Without an order list: read from the store when the dialog opens and
    // when a service says an order changed (never on the tick).
    BulkCancelDialog(CancelSources sources, const QList<Domain::OrderKey> &orders,
                     QWidget *parent = nullptr);
    ~BulkCancelDialog() override;

    // How many of the orders would be sent now (or were sent).
    int sendableCount() const;
    bool isRunning() const { return m_phase == Phase::Running; }

    // The cancel dialog's rule (typedconfirmation.h): major units in each
    // payment's own currency; 0 = always. Default 1000.
    void setTypedConfirmationThreshold(qint64 majorUnits);
    // Whether any order that will be sent reaches the threshold.
    bool needsTypedConfirmation() const;
    // The amounts of the orders that will be sent (or were sent), one total per
    // currency, in the order the currencies first appear. Never added across
    // currencies.
    QList<Domain::Money> totals() const;

    // The report as a table: a header line, then one line per order (provider,
    // payment ID, amount, currency, status, outcome, cancel attempt).
    QList<QStringList> reportRows() const;
    // Export writes here instead of asking with a file dialog (tests).
    void setExportPathForTest(const QString &path) { m_exportPathForTest = path; }

    void reject() override;

Q_SIGNALS:
    // After each run (the first and every retry): one report per order, in the
    // order given: the ones not sent with refusal Ineligible (or NotFound) and
    // attemptId 0.
    void bulkFinished(const QList<CancelDesk::Services::CancelReport> &reports);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Phase { Reviewing, Running, Done };

    struct Row
    {
        Domain::OrderKey key;
        std::shared_ptr<const OrderFacts> facts; // what the list (or store) knows
        std::optional<Domain::Order> order;
        Services::CancelCheck check; // the core's rule (CancelService::check)
        bool send = false;           // decided when the run starts
        bool awaiting = false;       // handed to the running job, no report yet
        std::optional<Services::CancelReport> report;
    };

    BulkCancelDialog(CancelSources sources, const QList<Domain::OrderKey> &orders, QWidget *parent,
                     const OrderTableModel *list);
    void buildUi();
    void buildSummary(QVBoxLayout *layout);
    void buildTable(QVBoxLayout *layout);
    void buildInput(QVBoxLayout *layout);
    void buildProgress(QVBoxLayout *layout);
    void buildButtons(QVBoxLayout *layout);
    void retranslateUi();
    void readFacts(Row &row);
    void onOrdersChanged(const QList<Domain::OrderKey> &keys);
    void decideAll();
    void fillTable();
    void fillRow(int index);
    void updateControls();
    void updateTotals();
    void updateResultSummary();
    bool willSend(const Row &row) const;
    void start();
    void retryUnresolved();
    void runJob(const QList<int> &rows);
    void onReported(const Services::CancelReport &report);
    void onProgress(int done, int total);
    void onFinished(const QList<Services::CancelReport> &reports);
    void copyReport();
    void exportReport();
    QList<int> unresolvedRows() const;
    QString notSentText(const Row &row) const;
    // "Will be sent" / "Not sent: why" while reviewing, then the outcome.
    QString outcomeText(int index) const;
    QColor outcomeColor(const Row &row) const;
    QString exportError(const QString &path, const QString &problem) const;
    Domain::CancelReason currentReason() const;

    CancelSources m_sources;
    const OrderTableModel *m_list = nullptr;
    QList<Row> m_rows;
    Phase m_phase = Phase::Reviewing;
    qint64 m_threshold = kDefaultTypedConfirmationThreshold;
    QPointer<Services::BulkCancelJob> m_job;
    QList<int> m_runRows; // row indexes handed to the running job, in that order
    QString m_exportPathForTest;

    QTimer *m_ticker = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_environmentLabel = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QTableWidget *m_table = nullptr;
    ReasonFields m_reason;
    TypedConfirmationFields m_confirm;
    QProgressBar *m_progress = nullptr;
    QLabel *m_resultLabel = nullptr;
    QLabel *m_reportNoteLabel = nullptr; // copied / saved, or why not
    QPushButton *m_keepButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace CancelDesk::Ui
