#pragma once

#include "canceljournal.h"

#include <QString>

#include <functional>

namespace CancelDesk::Storage {

class Database;

// How many rows of each table a copy wrote.
struct CopyCounts
{
    qint64 orders = 0;
    qint64 history = 0;
    qint64 attempts = 0;
    qint64 entries = 0;
    qint64 thresholds = 0;
};

struct CopyResult
{
    enum class Status {
        Copied,         // committed; the target verifies and its head is the source's
        TargetNotReady, // not the latest schema, or not empty: nothing written
        NotOwner,       // PostgreSQL: the login does not own the schema: nothing written
        Stopped,        // the progress callback said stop: rolled back
        Failed,         // a statement failed: rolled back, the target is as it was
        VerifyFailed    // committed, but the target's chain does not verify or its
                        // head is not the source's
    };
    Status status = Status::Failed;
    CopyCounts counts;
    JournalHead sourceHead;
    JournalHead targetHead;
    VerifyResult verify;
    QString error; // translated; empty when Copied
    bool ok() const { return status == Status::Copied; }
};

// PRODUCT.md F26 (`db copy --to URL`): copies a store — orders (ids kept),
// status history (ids kept), cancel attempts, the journal in seq order and the
// approval thresholds — into an empty store migrated to the latest schema,
// either engine to either engine. The source is read in one snapshot; the
// target is written in one write transaction (on PostgreSQL: with the
// journal lock, and as the schema owner with canceldesk.copying on, the only
// way the team rules let one login write rows that name others). A copy that
// fails is rolled back, so the target stays empty. Afterwards the target's
// chain is verified and its head compared with the source's.
//
// The target's approval thresholds need not be empty (`team threshold` may
// come first): a currency it already has keeps its threshold.
//
// Columns are those the target's table has and the source's has too: an
// older source leaves the newer columns at their defaults, as the migrations
// did for rows they found.
class StoreCopy final
{
public:
    // Told after every statement (a few dozen to a few hundred rows): rows
    // copied, rows to copy. Returning false stops the copy (rolled back).
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    StoreCopy(Database &source, Database &target);
    Q_DISABLE_COPY_MOVE(StoreCopy)

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    CopyResult run();

    // PostgreSQL: the sentence run() refuses with when the target's login
    // does not own the schema canceldesk; empty for SQLite, for the owner,
    // and when it cannot be told. Also for a target whose open() failed for
    // lack of rights (its connection is then still open), so that the
    // refusal says who may copy.
    static QString ownerProblem(const Database &target);

private:
    Database &m_source;
    Database &m_target;
    Progress m_progress;
};

} // namespace CancelDesk::Storage
