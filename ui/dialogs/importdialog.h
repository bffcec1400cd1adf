#pragma once

#include "services/importer.h"
#include "services/jobrunner.h"

#include <QAbstractTableModel>
#include <QDialog>
#include <QList>
#include <QString>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QVBoxLayout;

namespace CancelDesk::Ui {

// The rows of an import that were not (or would not be) imported: line and
// reason. A file can have a million bad rows, so this is a model over the
// importer's list rather than a widget per cell.
class ImportIssueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportIssueModel)

public:
    enum Column { LineColumn, ReasonColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole };

    explicit ImportIssueModel(QObject *parent = nullptr);

    void setIssues(QList<Services::ImportIssue> issues);
    void clear();
    // Header labels follow the language (headerDataChanged).
    void retranslate();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Services::ImportIssue> m_issues;
};

// F2 Import: choose a CSV or JSON merchant export; it is previewed on a worker
// thread (nothing written) with its bad rows listed by line and reason; Import
// then writes the good rows in one transaction, also off the GUI thread.
class ImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    explicit ImportDialog(Services::Importer &importer, QWidget *parent = nullptr);
    // Its job runner cancels a preview or import still running (an import
    // rolls back) and waits for it: they use the importer's store.
    ~ImportDialog() override;

    // Also what Browse does; starts the preview. A newer path wins over a
    // preview still running for an older one.
    void setPath(const QString &path);
    QString path() const;

    ImportIssueModel *issueModel() const { return m_issueModel; }

Q_SIGNALS:
    void imported(int count);

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    enum class State { Empty, Previewing, Previewed, Importing, Imported };

    void buildPathRow(QVBoxLayout *layout);
    void buildPreview(QVBoxLayout *layout);
    void buildButtons(QVBoxLayout *layout);
    void retranslateUi();
    void updateState();
    void updateTexts();
    void browse();
    void startPreview();
    void onPreviewFinished(const Services::ImportResult &result);
    void startImport();
    void onImportFinished(const Services::ImportResult &result);
    bool canImport() const;

    Services::Importer &m_importer;
    State m_state = State::Empty;
    // The path the shown preview (or import) belongs to.
    QString m_previewPath;
    std::optional<Services::ImportResult> m_preview;
    std::optional<Services::ImportResult> m_result;
    // The dialog's jobs (kinds "preview" and "import"); a newer preview drops
    // an older one's result. Its threads end with the dialog, and with them
    // the database connection each opened (Storage::Database drops a
    // thread's connection when the thread finishes, in that thread).
    Services::JobRunner *m_jobs = nullptr;
    ImportIssueModel *m_issueModel = nullptr;

    QLabel *m_intro = nullptr;
    QLabel *m_pathLabel = nullptr;
    QLineEdit *m_pathEdit = nullptr;
    QPushButton *m_browseButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_issuesLabel = nullptr;
    QTableView *m_issuesView = nullptr;
    QLabel *m_resultLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace CancelDesk::Ui
