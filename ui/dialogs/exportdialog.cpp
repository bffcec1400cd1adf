#include "exportdialog.h"

#include "domain/cancelpolicy.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

using Services::ExportFormat;

namespace {

QString extensionFor(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
        return u"csv"_s;
    case ExportFormat::Xlsx:
        return u"xlsx"_s;
    case ExportFormat::JsonLines:
        return u"jsonl"_s;
    }
    return u"csv"_s;
}

} // namespace

ExportDialog::ExportDialog(Services::Exporter &exporter, const Services::ExportOptions &preset,
                           QWidget *parent)
    : QDialog(parent)
    , m_exporter(exporter)
    , m_preset(preset)
{
    setObjectName(u"exportDialog"_s);

    m_rangeLabel = new QLabel(this);
    m_rangeLabel->setObjectName(u"rangeLabel"_s);
    m_rangeLabel->setWordWrap(true);

    m_formatCombo = new QComboBox(this);
    m_formatCombo->setObjectName(u"formatCombo"_s);
    for (ExportFormat f : {ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::JsonLines})
        m_formatCombo->addItem(QString(), int(f));
    m_formatCombo->setCurrentIndex(m_formatCombo->findData(int(preset.format)));
    m_formatLabel = new QLabel(this);
    m_formatLabel->setBuddy(m_formatCombo);

    m_bomCheck = new QCheckBox(this);
    m_bomCheck->setObjectName(u"bomCheck"_s);
    m_bomCheck->setChecked(preset.bom);
    m_headersCheck = new QCheckBox(this);
    m_headersCheck->setObjectName(u"localizedHeadersCheck"_s);
    m_headersCheck->setChecked(preset.localizedHeaders);

    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(u"pathEdit"_s);
    m_pathEdit->setText(QDir::home().filePath(u"cancel-log."_s + extensionFor(preset.format)));
    m_browseButton = new QPushButton(this);
    m_browseButton->setObjectName(u"browseButton"_s);
    m_pathLabel = new QLabel(this);
    m_pathLabel->setBuddy(m_pathEdit);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_pathEdit, 1);
    pathRow->addWidget(m_browseButton);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false); // until an export reports rows

    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(u"resultLabel"_s);
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(this);
    m_startButton = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_startButton->setObjectName(u"startButton"_s);
    m_startButton->setDefault(true);
    m_stopButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(u"stopButton"_s);
    QPushButton *close = m_buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(u"closeButton"_s);

    auto *form = new QFormLayout;
    form->addRow(m_formatLabel, m_formatCombo);
    form->addRow(QString(), m_bomCheck);
    form->addRow(QString(), m_headersCheck);
    form->addRow(m_pathLabel, pathRow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_rangeLabel);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_resultLabel);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_formatCombo, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_browseButton, &QPushButton::clicked, this, &ExportDialog::chooseFile);
    connect(m_startButton, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_stopButton, &QPushButton::clicked, this, &ExportDialog::stopExport);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    retranslateUi();
    updateControls();
    resize(sizeHint().expandedTo(QSize(520, 0)));
}

ExportDialog::~ExportDialog()
{
    // Deleting a running job cancels it: the Exporter's runner drops its
    // result, and the worker leaves no file.
    delete m_job.data();
}

ExportFormat ExportDialog::currentFormat() const
{
    return ExportFormat(m_formatCombo->currentData().toInt());
}

Services::ExportOptions ExportDialog::options() const
{
    Services::ExportOptions o = m_preset;
    o.format = currentFormat();
    o.bom = o.format == ExportFormat::Csv && m_bomCheck->isChecked();
    o.localizedHeaders = o.format != ExportFormat::JsonLines && m_headersCheck->isChecked();
    return o;
}

QString ExportDialog::rangeText() const
{
    if (m_preset.from && m_preset.to) {
        return tr("Attempts requested from %1 to %2, both days included (time zone %3), "
                  "matching the filters of the cancel log.")
            .arg(m_preset.from->toString(Qt::ISODate), m_preset.to->toString(Qt::ISODate),
                 Domain::timeZoneLabel(m_preset.operatorZone));
    }
    return tr("All dates, matching the filters of the cancel log.");
}

void ExportDialog::retranslateUi()
{
    setWindowTitle(tr("Export cancel log"));
    m_rangeLabel->setText(rangeText());
    m_formatLabel->setText(tr("&Format:"));
    m_formatCombo->setItemText(0, tr("CSV (comma-separated)"));
    m_formatCombo->setItemText(1, tr("Excel workbook (XLSX)"));
    m_formatCombo->setItemText(2, tr("JSON Lines"));
    m_bomCheck->setText(tr("Start with a byte order mark (lets Excel read Chinese correctly)"));
    m_headersCheck->setText(tr("Column titles in the current language instead of the keys"));
    m_headersCheck->setToolTip(
        tr("The header row names each column in the current language (\"Payment ID\") in "
           "place of its stable key (payment_id). Leave it off for files a script reads."));
    m_pathLabel->setText(tr("&Save to:"));
    m_browseButton->setText(tr("&Browse…"));
    m_startButton->setText(tr("&Export"));
    m_stopButton->setText(tr("&Stop"));
    if (m_job)
        m_resultLabel->setText(tr("Exporting…"));
    else if (m_lastResult)
        onFinished(*m_lastResult);
}

void ExportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ExportDialog::closeEvent(QCloseEvent *event)
{
    stopExport();
    QDialog::closeEvent(event);
}

void ExportDialog::updateControls()
{
    const bool running = m_job != nullptr;
    const ExportFormat format = currentFormat();
    m_formatCombo->setEnabled(!running);
    m_bomCheck->setEnabled(!running && format == ExportFormat::Csv);
    m_headersCheck->setEnabled(!running && format != ExportFormat::JsonLines);
    m_pathEdit->setEnabled(!running);
    m_browseButton->setEnabled(!running);
    m_startButton->setEnabled(!running);
    m_stopButton->setEnabled(running);
}

void ExportDialog::formatChanged()
{
    // Keep the file name's extension in step with the format.
    const QString path = m_pathEdit->text().trimmed();
    if (!path.isEmpty()) {
        const QFileInfo info(path);
        const QString suffix = info.suffix().toLower();
        if (suffix == u"csv" || suffix == u"xlsx" || suffix == u"jsonl" || suffix.isEmpty()) {
            const QString base =
                suffix.isEmpty() ? path : path.left(path.size() - suffix.size() - 1);
            m_pathEdit->setText(base + u'.' + extensionFor(currentFormat()));
        }
    }
    updateControls();
}

void ExportDialog::chooseFile()
{
    QString filter;
    switch (currentFormat()) {
    case ExportFormat::Csv:
        filter = tr("CSV files (*.csv)");
        break;
    case ExportFormat::Xlsx:
        filter = tr("Excel workbooks (*.xlsx)");
        break;
    case ExportFormat::JsonLines:
        filter = tr("JSON Lines files (*.jsonl)");
        break;
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export cancel log"), m_pathEdit->text(), filter);
    if (!path.isEmpty())
        m_pathEdit->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::startExport()
{
    if (m_job)
        return;
    const QString path = QDir::fromNativeSeparators(m_pathEdit->text().trimmed());
    m_lastResult.reset();
    m_resultLabel->setStyleSheet(QString());
    if (path.isEmpty()) {
        m_resultLabel->setStyleSheet(u"color: #b3261e;"_s);
        m_resultLabel->setText(tr("Choose the file to export to."));
        return;
    }
    m_runningPath = path;
    m_progress->setRange(0, 0); // busy until the first progress report
    m_progress->setValue(0);
    m_resultLabel->setText(tr("Exporting…"));
    m_job = m_exporter.start(path, options());
    connect(m_job, &Services::ExportJob::progress, this, &ExportDialog::onProgress);
    connect(m_job, &Services::ExportJob::finished, this,
            [this](const Services::ExportResult &result) {
                Services::ExportJob *job = m_job;
                m_job = nullptr;
                if (job)
                    job->deleteLater();
                m_lastPath = m_runningPath;
                onFinished(result);
            });
    updateControls();
}

void ExportDialog::stopExport()
{
    if (m_job)
        m_job->stop();
}

void ExportDialog::onProgress(qint64 rows, qint64 total)
{
    // QProgressBar takes int: scale when the log is very large.
    const qint64 scale = total > 1000000000 ? total / 1000000000 + 1 : 1;
    m_progress->setRange(0, int(qMax<qint64>(total, 1) / scale));
    m_progress->setValue(int(qMin(rows, qMax<qint64>(total, 1)) / scale));
    m_progress->setTextVisible(true);
    m_progress->setFormat(
        tr("%1 of %2 rows").arg(QLocale().toString(rows), QLocale().toString(total)));
}

void ExportDialog::onFinished(const Services::ExportResult &result)
{
    m_lastResult = result;
    const int rows = int(result.rows);
    if (result.stopped) {
        m_progress->setTextVisible(false);
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_resultLabel->setStyleSheet(QString());
        m_resultLabel->setText(tr("Export stopped; no file was written."));
    } else if (!result.error.isEmpty()) {
        m_progress->setTextVisible(false);
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_resultLabel->setStyleSheet(u"color: #b3261e;"_s);
        m_resultLabel->setText(tr("The export failed: %1").arg(result.error));
    } else {
        m_progress->setTextVisible(true);
        m_progress->setRange(0, qMax(rows, 1));
        m_progress->setValue(qMax(rows, 1));
        m_progress->setFormat(
            tr("%1 of %2 rows")
                .arg(QLocale().toString(result.rows), QLocale().toString(result.rows)));
        m_resultLabel->setStyleSheet(u"color: #1b7f3b;"_s);
        const QString path = QDir::toNativeSeparators(m_lastPath);
        QString text = rows == 1 ? tr("Exported 1 row to %1.").arg(path)
                                 : tr("Exported %n rows to %1.", "", rows).arg(path);
        // F16a: the manifest keeps the cancel log's head with the file.
        if (!result.manifestPath.isEmpty())
            text += u'\n'
                    + tr("Its manifest, with the cancel log's head: %1")
                          .arg(QDir::toNativeSeparators(result.manifestPath));
        m_resultLabel->setText(text);
    }
    updateControls();
}

} // namespace CancelDesk::Ui
