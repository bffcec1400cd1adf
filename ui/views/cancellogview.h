#pragma once

#include "services/exporter.h"
#include "services/jobrunner.h"
#include "services/workflowsettings.h"
#include "storage/canceljournal.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace CancelDesk::Ui {

class CancelLogModel;

// The cancel log (PRODUCT.md F14): every attempt, with filters by requested
// date range (inclusive on both days, in the operator's time zone; quick
// ranges Today / Last 7 days / This month), provider, operator, outcome and
// reason; the selected attempt's reason, note and answer in full below the
// table; Export (F15) of the filtered log; and
// "Verify log" (F16), which walks the hash chain off the GUI thread; the
// chain's head with Copy and "Verify against…" a head or export manifest kept
// earlier (F16a).
class CancelLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelLogView)

public:
    // journal: the attempts, the head and Verify; exporter: Export; clock:
    // the operator's today for the date filter (tests move it).
    CancelLogView(const Storage::CancelJournal &journal, Services::Exporter &exporter,
                  Services::Clock clock, QWidget *parent = nullptr);
    ~CancelLogView() override;

    CancelLogModel *model() const { return m_model; }
    // The filter the controls describe (range computed with exportRangeStart/End).
    Storage::AttemptFilter currentFilter() const;
    // What Export starts from: the same filter, with the dates as from/to.
    Services::ExportOptions exportPreset() const;

    // The quick ranges beside the date filter, in the operator's time zone.
    enum class QuickRange { Today, Last7Days, ThisMonth };
    // Turns the date filter on with that range (what the buttons do).
    void applyQuickRange(QuickRange range);

public Q_SLOTS:
    // Reads the journal again (the main window calls it on journalChanged).
    // Bursts are coalesced into one reload.
    void reload();
    void openExportDialog();
    void verifyLog();
    // Copies the head as SEQ:HASH.
    void copyHead();
    // Asks for a kept head or manifest, then verifies against it.
    void openVerifyAgainstDialog();

protected:
    void changeEvent(QEvent *event) override;

private:
    void createDateFilters();
    void createFieldFilters();
    void createTable();
    void createDetails();
    void createActions();
    void layOut();
    void connectControls();
    void retranslateUi();
    void fillCombos();
    // Columns to their contents, the free-text ones (message, note) capped so
    // that they do not push the others out of sight.
    void fitColumns();
    void applyFilter();
    void updateCount();
    void updateHead();
    // The selected attempt's reason, note and answer in full, below the table.
    void updateDetails();
    QString detailsText(const Storage::CancelAttempt &a) const;
    // verify(), or verifyAgainst(*expected), as a job of m_jobs.
    void startVerify(const std::optional<Storage::JournalHead> &expected);
    void onVerified(const Storage::VerifyResult &result,
                    const std::optional<Storage::JournalHead> &expected);
    void showVerifyProgress(qint64 done, qint64 total);
    void showVerifyResult(const Storage::VerifyResult &result);

    const Storage::CancelJournal &m_journal;
    Services::Exporter &m_exporter;
    Services::Clock m_clock;
    CancelLogModel *m_model = nullptr;
    QTimer *m_reloadTimer = nullptr;
    // Runs Verify; its destructor (with the view's) waits for a verify still
    // walking the chain, which reads the journal's database.
    Services::JobRunner *m_jobs = nullptr;
    bool m_verifying = false;
    Storage::VerifyResult m_lastVerify;
    std::optional<Storage::JournalHead> m_lastExpected; // of m_lastVerify
    std::optional<Storage::JournalHead> m_head;
    QString m_headError;
    bool m_verified = false;

    QCheckBox *m_dateCheck = nullptr;
    QLabel *m_fromLabel = nullptr;
    QDateEdit *m_fromDate = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateEdit *m_toDate = nullptr;
    QLabel *m_rangeNote = nullptr;
    QPushButton *m_todayButton = nullptr;
    QPushButton *m_last7Button = nullptr;
    QPushButton *m_monthButton = nullptr;
    QLabel *m_providerLabel = nullptr;
    QComboBox *m_providerCombo = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QLabel *m_outcomeLabel = nullptr;
    QComboBox *m_outcomeCombo = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QComboBox *m_reasonCombo = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_countLabel = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_verifyButton = nullptr;
    QLabel *m_verifyLabel = nullptr;
    QLabel *m_headLabel = nullptr;
    QPushButton *m_copyHeadButton = nullptr;
    QPushButton *m_verifyAgainstButton = nullptr;
};

} // namespace CancelDesk::Ui
