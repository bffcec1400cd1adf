#pragma once

#include "services/exporter.h"
#include "storage/canceljournal.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QThread;
class QTimer;

namespace CancelDesk::Ui {

class AppSession;
class CancelLogModel;

// The cancel log (PRODUCT.md F14): every attempt, with filters by requested
// date range (inclusive on both days, in the operator's time zone), provider,
// operator, outcome and reason; Export (F15) of the filtered log; and
// "Verify log" (F16), which walks the hash chain off the GUI thread.
class CancelLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelLogView)

public:
    explicit CancelLogView(AppSession &session, QWidget *parent = nullptr);
    ~CancelLogView() override;

    CancelLogModel *model() const { return m_model; }
    // The filter the controls describe (range computed with exportRangeStart/End).
    Storage::AttemptFilter currentFilter() const;
    // What Export starts from: the same filter, with the dates as from/to.
    Services::ExportOptions exportPreset() const;

public Q_SLOTS:
    // Reads the journal again (the main window calls it on journalChanged).
    // Bursts are coalesced into one reload.
    void reload();
    void openExportDialog();
    void verifyLog();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillCombos();
    void applyFilter();
    void updateCount();
    void showVerifyResult(const Storage::VerifyResult &result);

    AppSession &m_session;
    CancelLogModel *m_model = nullptr;
    QTimer *m_reloadTimer = nullptr;
    QThread *m_verifyThread = nullptr;
    Storage::VerifyResult m_lastVerify;
    bool m_verified = false;

    QCheckBox *m_dateCheck = nullptr;
    QLabel *m_fromLabel = nullptr;
    QDateEdit *m_fromDate = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateEdit *m_toDate = nullptr;
    QLabel *m_rangeNote = nullptr;
    QLabel *m_providerLabel = nullptr;
    QComboBox *m_providerCombo = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QLabel *m_outcomeLabel = nullptr;
    QComboBox *m_outcomeCombo = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QComboBox *m_reasonCombo = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_countLabel = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_verifyButton = nullptr;
    QLabel *m_verifyLabel = nullptr;
};

} // namespace CancelDesk::Ui
