#pragma once

#include "domain/order.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace CancelDesk::Domain {
class CancelPolicy;
}
namespace CancelDesk::Storage {
class OrderStore;
}

namespace CancelDesk::Services {

// A row that was not imported. line is the line in the file where the row
// starts (1-based; the CSV header is line 1).
struct ImportIssue
{
    int line = 0;
    QString reason; // translated
};

struct ImportResult
{
    int rows = 0;      // data rows read (good and bad)
    int imported = 0;  // rows written (or, for a preview, that would be)
    int unchanged = 0; // good rows the store already holds exactly so
    QList<ImportIssue> issues;
    // A problem with the whole file (unreadable, unknown extension, a required
    // column missing, not JSON) or with the transaction: nothing was imported.
    QString error;
    // The good rows are in the store (also true when there was nothing to write).
    bool committed = false;
    // Stopped on request (ShouldStop) before the end: nothing was written.
    bool stopped = false;
    // The error is the database's (locked, read-only, full), not the file's:
    // the same file may import once the database can be written.
    bool storageFailed = false;

    bool ok() const { return error.isEmpty() && !stopped; }
};

// F2 import of a merchant export: CSV (RFC 4180, UTF-8 with or without BOM, a
// header row) or JSON (an array of objects, or {"orders": [...]}), with the
// columns / keys provider, payment_id, amount (decimal, major units), currency
// (required) and merchant_reference, payment_method, status (the provider's raw
// value), created_at, paid_at (ISO-8601 with an offset) (optional). Bad rows
// are reported by line and reason; the good rows are written in one
// transaction. CSV is read as a stream with a cap on a row's length.
// preview() and importFile() may run on any thread (the store opens a
// connection per thread); the GUI runs them as jobs (JobRunner).
class Importer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Importer)

public:
    // Asked every few hundred rows; true ends the run (nothing written).
    using ShouldStop = std::function<bool()>;

    // policy, when given, fills each order's cancel deadline (the store computes
    // it too when it has its own policy).
    explicit Importer(Storage::OrderStore &store, const Domain::CancelPolicy *policy = nullptr,
                      QObject *parent = nullptr);

    // Parses and validates only; writes nothing.
    ImportResult preview(const QString &path, const ShouldStop &stop = {}) const;
    ImportResult importFile(const QString &path, const ShouldStop &stop = {});

    // Longest CSV row accepted, in bytes; longer rows are reported, not read.
    static constexpr qsizetype kMaxRowBytes = 64 * 1024;
    // JSON is parsed as a whole, so it is capped.
    static constexpr qint64 kMaxJsonBytes = 64 * 1024 * 1024;

Q_SIGNALS:
    // Orders were written (count > 0): whoever shows orders reloads them.
    // Emitted on the thread that ran importFile(); connect with a context.
    void ordersImported(int count);

private:
    ImportResult run(const QString &path, bool write, const ShouldStop &stop) const;

    Storage::OrderStore &m_store;
    const Domain::CancelPolicy *m_policy = nullptr;
};

} // namespace CancelDesk::Services
