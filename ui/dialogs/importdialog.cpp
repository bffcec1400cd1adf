#include "importdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStringList>
#include <QTableView>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

namespace {
const QString kPreviewJob = QStringLiteral("preview");
const QString kImportJob = QStringLiteral("import");
} // namespace

// ---------------------------------------------------------------------------
// ImportIssueModel

ImportIssueModel::ImportIssueModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ImportIssueModel::setIssues(QList<Services::ImportIssue> issues)
{
    beginResetModel();
    m_issues = std::move(issues);
    endResetModel();
}

void ImportIssueModel::clear()
{
    if (m_issues.isEmpty())
        return;
    beginResetModel();
    m_issues.clear();
    endResetModel();
}

void ImportIssueModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int ImportIssueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_issues.size());
}

int ImportIssueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportIssueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Services::ImportIssue &issue = m_issues.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == LineColumn ? QVariant(issue.line) : QVariant(issue.reason);
    case Qt::ToolTipRole:
        return index.column() == ReasonColumn ? QVariant(issue.reason) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn
                   ? QVariant(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case SortRole:
        return index.column() == LineColumn ? QVariant(issue.line) : QVariant(issue.reason);
    default:
        return {};
    }
}

QVariant ImportIssueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

// ---------------------------------------------------------------------------
// ImportDialog

ImportDialog::ImportDialog(Services::Importer &importer, QWidget *parent)
    : QDialog(parent)
    , m_importer(importer)
    , m_jobs(new Services::JobRunner(this))
    , m_issueModel(new ImportIssueModel(this))
{
    setObjectName(QStringLiteral("importDialog"));
    // Two, so that a newer preview does not queue behind an older one.
    m_jobs->setMaxThreadCount(2);

    auto *layout = new QVBoxLayout(this);
    buildPathRow(layout);
    buildPreview(layout);
    buildButtons(layout);

    retranslateUi();
    updateState();
    resize(720, 480);
}

// What the dialog does, and the file to import.
void ImportDialog::buildPathRow(QVBoxLayout *layout)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    auto *pathRow = new QHBoxLayout();
    m_pathLabel = new QLabel(this);
    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(QStringLiteral("pathEdit"));
    m_pathEdit->setMinimumWidth(420);
    m_pathLabel->setBuddy(m_pathEdit);
    m_browseButton = new QPushButton(this);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    m_browseButton->setAutoDefault(false);
    pathRow->addWidget(m_pathLabel);
    pathRow->addWidget(m_pathEdit, 1);
    pathRow->addWidget(m_browseButton);
    layout->addLayout(pathRow);
}

// The preview (or import) at work, its summary, the bad rows and the result.
void ImportDialog::buildPreview(QVBoxLayout *layout)
{
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    // The importer reports no progress; this says "working", the GUI stays live.
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::PlainText);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summaryLabel);

    m_issuesLabel = new QLabel(this);
    m_issuesLabel->setObjectName(QStringLiteral("issuesLabel"));
    layout->addWidget(m_issuesLabel);

    m_issuesView = new QTableView(this);
    m_issuesView->setObjectName(QStringLiteral("issuesTable"));
    m_issuesView->setModel(m_issueModel);
    m_issuesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_issuesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_issuesView->setWordWrap(false);
    m_issuesView->setAlternatingRowColors(true);
    m_issuesView->verticalHeader()->hide();
    // Fixed row heights: a file can have a very large number of bad rows.
    m_issuesView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_issuesView->horizontalHeader()->setSectionResizeMode(ImportIssueModel::LineColumn,
                                                           QHeaderView::ResizeToContents);
    m_issuesView->horizontalHeader()->setStretchLastSection(true);
    m_issuesView->setMinimumHeight(160);
    layout->addWidget(m_issuesView, 1);

    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextFormat(Qt::PlainText);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_resultLabel);
}

void ImportDialog::buildButtons(QVBoxLayout *layout)
{
    m_buttons = new QDialogButtonBox(this);
    m_importButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_closeButton = m_buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    // No default button: Return in the path edit previews, it must never import.
    for (QPushButton *b : {m_importButton, m_closeButton}) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    layout->addWidget(m_buttons);

    connect(m_browseButton, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_closeButton, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_pathEdit, &QLineEdit::returnPressed, this, &ImportDialog::startPreview);
    // A path edited by hand no longer matches the preview: no import until it
    // is previewed (Return).
    connect(m_pathEdit, &QLineEdit::textChanged, this, &ImportDialog::updateState);
}

ImportDialog::~ImportDialog()
{
    // Before the widgets the result callbacks would touch: the runner cancels
    // and joins its workers, delivering nothing.
    delete m_jobs;
}

QString ImportDialog::path() const
{
    return m_pathEdit->text().trimmed();
}

void ImportDialog::setPath(const QString &path)
{
    if (m_state == State::Importing)
        return;
    m_pathEdit->setText(QDir::toNativeSeparators(path));
    startPreview();
}

void ImportDialog::browse()
{
    const QString current = path();
    const QString start = current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath();
    const QString chosen = QFileDialog::getOpenFileName(this, tr("Choose a file of orders"), start,
                                                        tr("Orders (*.csv *.json);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ImportDialog::startPreview()
{
    if (m_state == State::Importing)
        return;
    m_preview.reset();
    m_result.reset();
    m_issueModel->clear();
    m_previewPath = path();
    // A newer preview (or none) makes an older one's result stale.
    m_jobs->cancelKind(kPreviewJob);
    if (m_previewPath.isEmpty()) {
        m_state = State::Empty;
    } else {
        Services::Importer *importer = &m_importer;
        const QString file = QDir::fromNativeSeparators(m_previewPath);
        // Only the importer runs there (it opens its own database connection
        // per thread); the result comes back to onPreviewFinished on this
        // thread, unless a newer preview superseded it.
        m_jobs->start(
            kPreviewJob, this,
            [importer, file](Services::JobControl &job) {
                return importer->preview(file, [&job] { return job.isCancelled(); });
            },
            [this](const Services::ImportResult &result) { onPreviewFinished(result); });
        m_state = State::Previewing;
    }
    updateState();
    updateTexts();
}

void ImportDialog::onPreviewFinished(const Services::ImportResult &result)
{
    if (m_state != State::Previewing)
        return;
    m_preview = result;
    m_issueModel->setIssues(m_preview->issues);
    m_state = State::Previewed;
    updateState();
    updateTexts();
}

bool ImportDialog::canImport() const
{
    const bool previewed = m_state == State::Previewed
                           // A failed import (the transaction) wrote nothing and may be retried.
                           || (m_state == State::Imported && m_result && !m_result->committed);
    return previewed && m_preview && m_preview->ok()
           && m_preview->rows - m_preview->issues.size() > 0 && path() == m_previewPath;
}

void ImportDialog::startImport()
{
    if (!canImport())
        return;
    Services::Importer *importer = &m_importer;
    const QString file = QDir::fromNativeSeparators(m_previewPath);
    // The importer announces the new orders itself (Importer::ordersImported).
    m_jobs->start(
        kImportJob, this,
        [importer, file](Services::JobControl &job) {
            return importer->importFile(file, [&job] { return job.isCancelled(); });
        },
        [this](const Services::ImportResult &result) { onImportFinished(result); });
    m_result.reset();
    m_state = State::Importing;
    updateState();
    updateTexts();
}

void ImportDialog::onImportFinished(const Services::ImportResult &result)
{
    if (m_state != State::Importing)
        return;
    m_result = result;
    m_state = State::Imported;
    if (m_result->committed) {
        // What the file holds now that it is in: the same rows as the preview
        // unless the file changed in between.
        m_issueModel->setIssues(m_result->issues);
    }
    updateState();
    updateTexts();
    if (m_result->committed)
        Q_EMIT imported(m_result->imported);
}

void ImportDialog::updateState()
{
    const bool busy = m_state == State::Previewing || m_state == State::Importing;
    m_progress->setVisible(busy);
    m_pathEdit->setReadOnly(m_state == State::Importing);
    m_browseButton->setEnabled(m_state != State::Importing);
    m_importButton->setEnabled(canImport());
    // An import runs to its end (one transaction); closing would hide its outcome.
    m_closeButton->setEnabled(m_state != State::Importing);
}

void ImportDialog::updateTexts()
{
    QPalette summaryPalette = palette();
    m_resultLabel->clear();
    switch (m_state) {
    case State::Empty:
        m_summaryLabel->setText(tr("Choose a CSV or JSON file to preview it."));
        break;
    case State::Previewing:
        m_summaryLabel->setText(tr("Reading %1…").arg(QFileInfo(m_previewPath).fileName()));
        break;
    case State::Previewed:
    case State::Importing:
    case State::Imported:
        if (!m_preview)
            break;
        if (!m_preview->ok()) {
            m_summaryLabel->setText(m_preview->error);
            summaryPalette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
            break;
        }
        {
            const int rows = m_preview->rows;
            const int bad = static_cast<int>(m_preview->issues.size());
            const int good = rows - bad;
            QString text = tr("%Ln row(s): %L1 good (%L2 unchanged), %L3 bad", nullptr, rows)
                               .arg(good)
                               .arg(m_preview->unchanged)
                               .arg(bad);
            if (m_state == State::Previewed)
                text += u'\n'
                        + (good > 0 ? tr("Nothing has been written yet. Import writes the good "
                                         "rows in one transaction; bad rows are skipped.")
                                    : tr("There is nothing to import."));
            m_summaryLabel->setText(text);
        }
        break;
    }
    m_summaryLabel->setPalette(summaryPalette);

    if (m_state == State::Importing) {
        m_resultLabel->setText(tr("Importing %1…").arg(QFileInfo(m_previewPath).fileName()));
    } else if (m_state == State::Imported && m_result) {
        if (!m_result->ok()) {
            m_resultLabel->setText(m_result->error);
        } else {
            const int written = m_result->imported;
            const int unchanged = m_result->unchanged;
            const int skipped = static_cast<int>(m_result->issues.size());
            QStringList sentences;
            sentences << tr("Imported: %Ln order(s) written.", nullptr, written);
            if (unchanged > 0)
                sentences << tr("%Ln order(s) were already up to date.", nullptr, unchanged);
            if (skipped > 0)
                sentences << tr("%Ln bad row(s) skipped.", nullptr, skipped);
            m_resultLabel->setText(sentences.join(u' '));
        }
    }

    const int issues = m_issueModel->rowCount();
    m_issuesLabel->setText(issues > 0 ? tr("Rows that will not be imported:") : tr("No bad rows."));
    m_issuesLabel->setVisible(m_preview && m_preview->ok());
}

void ImportDialog::retranslateUi()
{
    setWindowTitle(tr("Import orders"));
    m_issuesView->setAccessibleName(tr("Problems found in the file"));
    m_intro->setText(tr("Import a merchant export (CSV or JSON) with the columns provider, "
                        "payment_id, amount and currency. The file is checked first; nothing "
                        "is written until you press Import."));
    m_pathLabel->setText(tr("&File:"));
    m_pathEdit->setPlaceholderText(tr("Path of a .csv or .json file"));
    m_browseButton->setText(tr("&Browse…"));
    m_importButton->setText(tr("&Import"));
    m_closeButton->setText(tr("&Close"));
    m_issueModel->retranslate();
    updateTexts();
}

void ImportDialog::reject()
{
    if (m_state == State::Importing)
        return;
    QDialog::reject();
}

void ImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace CancelDesk::Ui
