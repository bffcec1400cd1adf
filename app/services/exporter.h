#pragma once

#include "services/jobrunner.h"
#include "storage/canceljournal.h"

#include <QDate>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QTimeZone>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace CancelDesk::Storage {
class Database;
}

namespace CancelDesk::Services {

// The export formats of PRODUCT.md F15. The keys are the CLI's --format values.
enum class ExportFormat { Csv, Xlsx, JsonLines };
QString exportFormatKey(ExportFormat format);
std::optional<ExportFormat> exportFormatFromKey(QStringView key); // "csv" | "xlsx" | "jsonl"

struct ExportOptions
{
    ExportFormat format = ExportFormat::Csv;
    bool bom = true; // CSV only; --no-bom turns it off
    // CSV/XLSX: the header row holds the translated column titles instead of
    // the stable keys (the default, and the CLI's, is the keys).
    bool localizedHeaders = false;
    QTimeZone operatorZone = QTimeZone::systemTimeZone(); // *_local columns and from/to
    // Dates in operatorZone, inclusive on both days. When set they replace
    // filter.requestedFrom / filter.requestedTo.
    std::optional<QDate> from;
    std::optional<QDate> to;
    Storage::AttemptFilter filter;
};

struct ExportResult
{
    qint64 rows = 0;
    QString manifestPath; // written beside the file when the export succeeded
    QString error;        // translated; empty when the export succeeded or was stopped
    bool stopped = false;
    bool ok() const { return error.isEmpty() && !stopped; }
};

// F16a: every export writes FILE.manifest.json beside FILE once FILE is
// complete, so that whoever keeps the export keeps the cancel log's head too:
//   {"file": "log.csv", "format": "csv", "rows": 3, "sha256": "<hex of FILE>",
//    "head": {"seq": 17, "hash": "<entry_hash>"}, "written_at_utc": "…Z"}
// The head is the whole log's (read in the same snapshot as the rows), whatever
// filter chose the rows; `log verify --expect-manifest` checks against it.
struct ExportManifest
{
    QString file; // the export's file name, without its folder
    ExportFormat format = ExportFormat::Csv;
    qint64 rows = 0;
    QString sha256; // of the export file, lower-case hex
    Storage::JournalHead head;
    QDateTime writtenAt; // UTC
};
QString manifestPath(const QString &exportPath);
// Reads a manifest; nullopt with *error (translated, naming the file) when it
// cannot be read or is not one.
std::optional<ExportManifest> readManifest(const QString &path, QString *error = nullptr);

// The UTC half-open range [start of `from`, start of the day after `to`) in
// `zone`. Days that begin in a DST gap start at their first existing instant.
QDateTime exportRangeStart(QDate from, const QTimeZone &zone);
QDateTime exportRangeEnd(QDate to, const QTimeZone &zone);
// options.filter with the requested range computed from options.from/to.
Storage::AttemptFilter exportFilter(const ExportOptions &options);

// A cancel reason as the log and its exports word it: the reason picker's
// label without what it asks of the operator ("Other", not "Other (note
// required)"). Translated.
QString loggedReasonLabel(Domain::CancelReason reason);

// The stable column keys of PRODUCT.md F15, in their order.
QStringList exportColumns();
// One CSV field as RFC 4180 writes it (quoted when it holds a comma, quote, CR
// or LF; inner quotes doubled), with a leading = + - @ tab or CR made inert so
// that a spreadsheet never runs it as a formula. For every CSV CancelDesk writes.
QString csvField(const QString &text);
// The translated title of a column key; the key itself when unknown.
QString exportColumnTitle(const QString &key);

// One background export started by Exporter::start(), a job of the Exporter's
// JobRunner. It lives in the thread that started it; progress() and
// finished() arrive there, finished() exactly once. Deleting the job cancels
// the export (no file is left, nothing is delivered).
class ExportJob final : public QObject
{
    Q_OBJECT

public:
    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    // Thread-safe. The export ends at the next row with result.stopped set and
    // leaves no file behind (an existing file at the path stays as it was).
    void stop();
    bool isFinished() const { return m_delivered; }

signals:
    // total is the number of matching attempts when the export began.
    void progress(qint64 rows, qint64 total);
    void finished(const CancelDesk::Services::ExportResult &result);

private:
    friend class Exporter;
    void deliver(const ExportResult &result);

    // Stop (a result with stopped set) differs from cancel (no result).
    std::shared_ptr<std::atomic_bool> m_stop = std::make_shared<std::atomic_bool>(false);
    JobId m_id = 0;
    bool m_delivered = false;
};

// Writes the cancel log (PRODUCT.md F15) as CSV, XLSX or JSON Lines. Rows are
// streamed from the journal, never all loaded, with no row cap; the file is
// written beside its destination and renamed into place only when complete,
// so a stopped or failed export leaves no partial file.
class Exporter final : public QObject
{
    Q_OBJECT

public:
    explicit Exporter(Storage::Database &db, QObject *parent = nullptr);
    ~Exporter() override;
    Q_DISABLE_COPY_MOVE(Exporter)

    // Runs on a worker thread of the Exporter's runner, with its own database
    // connection; progress and the result come back queued (so connecting to
    // the job right after start() misses nothing). The job is a child of the
    // Exporter; the caller may delete it once finished, or earlier to cancel
    // and abandon it.
    ExportJob *start(const QString &path, const ExportOptions &options);
    // The same export, synchronously on the calling thread (CLI). progress, when
    // given, is called every few hundred rows and at the end.
    ExportResult exportNow(const QString &path, const ExportOptions &options,
                           const std::function<void(qint64 rows, qint64 total)> &progress = {});

private:
    Storage::Database &m_db;
    // Destroyed with the Exporter, before the Database: it joins its workers.
    JobRunner *m_jobs = nullptr;
};

} // namespace CancelDesk::Services
