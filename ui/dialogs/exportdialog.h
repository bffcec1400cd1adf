#pragma once

#include "services/exporter.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace CancelDesk::Ui {

// Export of the cancel log (PRODUCT.md F15): format (CSV, XLSX, JSON Lines),
// the BOM for CSV, localised headers, the file; the export runs in the
// background (Exporter::start) with a progress bar and a Stop button, and
// ends with the file and row count or the error in words. The filter and
// dates come from the cancel log view (preset).
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    ExportDialog(Services::Exporter &exporter, const Services::ExportOptions &preset,
                 QWidget *parent = nullptr);
    ~ExportDialog() override;

    // The options the controls describe (the preset's filter and dates).
    Services::ExportOptions options() const;
    bool isRunning() const { return m_job != nullptr; }

public Q_SLOTS:
    void startExport();
    void stopExport();
    void chooseFile();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void retranslateUi();
    void updateControls();
    void formatChanged();
    void onProgress(qint64 rows, qint64 total);
    void onFinished(const Services::ExportResult &result);
    QString rangeText() const;
    Services::ExportFormat currentFormat() const;

    Services::Exporter &m_exporter;
    Services::ExportOptions m_preset;
    QPointer<Services::ExportJob> m_job;
    QString m_runningPath;
    std::optional<Services::ExportResult> m_lastResult;
    QString m_lastPath;

    QLabel *m_rangeLabel = nullptr;
    QLabel *m_formatLabel = nullptr;
    QComboBox *m_formatCombo = nullptr;
    QCheckBox *m_bomCheck = nullptr;
    QCheckBox *m_headersCheck = nullptr;
    QLabel *m_pathLabel = nullptr;
    QLineEdit *m_pathEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_resultLabel = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace CancelDesk::Ui
