// CancelJournal::verify() and verifyAgainst(): the journal's hash chain and the
// attempt rows checked against it (PRODUCT.md F16, F16a).
#include "canceljournal.h"
#include "database.h"
#include "journalchain.h"
#include "rowcursor.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

using namespace JournalChain;

namespace {

VerifyResult readFailure(const RowCursor &q)
{
    VerifyResult r;
    r.ok = false;
    r.problem =
        QCoreApplication::translate("CancelJournal", "Cannot read the journal: %1").arg(q.error());
    return r;
}

// What an entry written before a column existed vouches for: its default.
QVariant columnDefault(const Column &column)
{
    switch (column.kind) {
    case Kind::Text:
        return QVariant(u""_s);
    case Kind::Int:
        return QVariant(qint64(0));
    case Kind::Time:
        break;
    }
    return {};
}

// One run of verify(): the checks in order, keeping the problem with the
// lowest entry seq. The hooks are called between rows, every kRowsPerCheck.
class JournalVerifier
{
public:
    JournalVerifier(const QSqlDatabase &db, const VerifyHooks &hooks)
        : m_db(db)
        , m_hooks(hooks)
    {}

    VerifyResult run()
    {
        countRows();
        // A read failure, or the walk stopped.
        if (std::optional<VerifyResult> ended = checkChain())
            return *ended;
        if (std::optional<VerifyResult> ended = checkAttempts())
            return *ended;
        checkOrphanEntries();
        if (m_hooks.progress && m_total > 0)
            m_hooks.progress(m_rowsDone, m_total);
        return m_result;
    }

private:
    struct Span
    {
        qint64 first = 0;
        qint64 latest = 0;
        bool seen = false; // the attempt has a row
    };
    static constexpr qint64 kNoSeq = std::numeric_limits<qint64>::max();
    static constexpr qint64 kRowsPerCheck = 256;

    // The rows the walk reads, for progress; only when progress is wanted. A
    // count that cannot be read leaves progress unreported (the walk itself
    // then reports the read failure).
    void countRows()
    {
        if (!m_hooks.progress)
            return;
        QSqlQuery q(m_db);
        if (q.exec(u"SELECT (SELECT COUNT(*) FROM journal_entries) "
                   "+ (SELECT COUNT(*) FROM cancel_attempts)"_s)
            && q.next())
            m_total = q.value(0).toLongLong();
    }

    // Before each row: every kRowsPerCheck rows, reports progress and asks
    // whether to stop. True when the walk is to stop here.
    bool stopHere()
    {
        const qint64 done = m_rowsDone++;
        if (done % kRowsPerCheck != 0)
            return false;
        if (m_hooks.progress && m_total > 0)
            m_hooks.progress(done, m_total);
        return m_hooks.shouldStop && m_hooks.shouldStop();
    }

    VerifyResult stopped() const
    {
        VerifyResult r;
        r.ok = false;
        r.stopped = true;
        r.entriesChecked = m_result.entriesChecked;
        return r;
    }

    void report(qint64 seq, qint64 attemptId, const QString &problem)
    {
        const qint64 rank = seq > 0 ? seq : kNoSeq;
        if (m_result.ok || rank < m_bestSeq) {
            m_result.ok = false;
            m_bestSeq = rank;
            m_result.firstBadEntry = seq;
            m_result.firstBadAttempt = attemptId;
            m_result.problem = problem;
        }
    }

    // 1. The entries by seq; records which entries each attempt has.
    std::optional<VerifyResult> checkChain()
    {
        RowCursor q(m_db,
                    u"SELECT seq, attempt_id, recorded_at, format, prev_hash, entry_hash, "_s
                        + columnList() + u", recorded_by FROM journal_entries ORDER BY seq"_s,
                    {}, RowCursor::Mode::ReadAhead);
        if (!q.exec())
            return readFailure(q);
        qint64 expectedSeq = 1;
        QByteArray prevHash = genesisHash().toLatin1();
        bool chainBroken = false;
        while (q.next()) {
            if (stopHere())
                return stopped();
            ++m_result.entriesChecked;
            const qint64 seq = q.int64(0);
            const qint64 attemptId = q.int64(1);
            Span &span = m_spans[attemptId];
            if (span.first == 0)
                span.first = seq;
            span.latest = seq;
            if (chainBroken)
                continue;
            chainBroken = !checkEntry(q, expectedSeq, prevHash);
            prevHash.resize(0); // keeps the capacity: no allocation per entry
            prevHash.append(q.utf8(5));
            expectedSeq = seq + 1;
        }
        // A read that failed part-way (a damaged page) is not an intact chain.
        if (!q.error().isEmpty())
            return readFailure(q);
        return std::nullopt;
    }

    // One entry of the chain query: its place, its link and its hash.
    bool checkEntry(const RowCursor &q, qint64 expectedSeq, QByteArrayView prevHash)
    {
        const qint64 seq = q.int64(0);
        const qint64 attemptId = q.int64(1);
        // The hashes as UTF-8 bytes, compared without a QString each.
        const QByteArrayView storedPrev = q.utf8(4);
        const QByteArrayView storedHash = q.utf8(5);
        if (seq != expectedSeq) {
            report(seq, attemptId,
                   QCoreApplication::translate("CancelJournal",
                                               "Entry %1 comes where entry %2 should be: "
                                               "entries are missing or out of order.")
                       .arg(seq)
                       .arg(expectedSeq));
            return false;
        }
        if (storedPrev != prevHash) {
            report(seq, attemptId,
                   QCoreApplication::translate("CancelJournal",
                                               "Entry %1 does not follow the entry before "
                                               "it: its previous hash does not match.")
                       .arg(seq));
            return false;
        }
        const int recordedBy = 6 + int(kColumns.size());
        const QByteArray content =
            canonicalContent(q, EntryColumns{0, 1, 2, recordedBy, 6}, int(q.int64(3)));
        const std::optional<HashHex> hash = chainHashHex(storedPrev, content);
        if (!hash || QByteArrayView(hash->data(), qsizetype(hash->size())) != storedHash) {
            report(seq, attemptId,
                   QCoreApplication::translate("CancelJournal",
                                               "Entry %1 was altered: its hash does not "
                                               "match its content.")
                       .arg(seq));
            return false;
        }
        if (const QString column = newerColumnSet(q); !column.isEmpty()) {
            report(seq, attemptId,
                   QCoreApplication::translate("CancelJournal",
                                               "Entry %1 was altered: it is older than its "
                                               "column %2, which holds a value.")
                       .arg(seq)
                       .arg(column));
            return false;
        }
        return true;
    }

    // The hash of an entry covers only the columns of its format; the newer
    // ones must hold their defaults (an approver written into a format-1
    // entry would otherwise go unnoticed). The first that does not, or empty.
    static QString newerColumnSet(const RowCursor &q)
    {
        const int format = int(q.int64(3));
        for (int i = 0; i < int(kColumns.size()); ++i) {
            const Column &column = kColumns[size_t(i)];
            if (column.sinceFormat > format
                && !sameCanonical(valueAt(q, 6 + i), columnDefault(column)))
                return QString::fromUtf16(column.name);
        }
        const int recordedBy = 6 + int(kColumns.size());
        if (format < kRecordedBySince && !q.value(recordedBy).toString().isEmpty())
            return u"recorded_by"_s;
        return {};
    }

    // 2. Each attempt row against its latest entry. One query joins each row
    // to the entry it points at: no statement may run while a forward-only
    // query still has rows (PostgreSQL's driver would drop them).
    std::optional<VerifyResult> checkAttempts()
    {
        RowCursor q(m_db,
                    u"SELECT a.id, "_s + columnList(u"a."_s)
                        + u", a.entry_seq, a.entry_hash, e.seq, e.format, e.entry_hash, "_s
                        + columnList(u"e."_s)
                        + u" FROM cancel_attempts a LEFT JOIN journal_entries e "
                          "ON e.seq = a.entry_seq ORDER BY a.id"_s,
                    {}, RowCursor::Mode::ReadAhead);
        if (!q.exec())
            return readFailure(q);
        while (q.next()) {
            if (stopHere())
                return stopped();
            checkAttemptRow(q);
        }
        if (!q.error().isEmpty())
            return readFailure(q);
        return std::nullopt;
    }

    // One row of checkAttempts()'s query: the attempt's columns, then those of
    // the entry its entry_seq names (NULL when there is none).
    void checkAttemptRow(const RowCursor &q)
    {
        const int seqColumn = int(kColumns.size()) + 1;
        const int entryColumn = seqColumn + 2;
        const qint64 id = q.int64(0);
        const qint64 entrySeq = q.int64(seqColumn);
        const bool entryExists = !q.isNull(entryColumn);
        const auto span = m_spans.find(id);
        if (span == m_spans.end()) {
            report(entrySeq, id,
                   QCoreApplication::translate("CancelJournal",
                                               "Cancel attempt %1 has no journal entry.")
                       .arg(id));
            return;
        }
        span->seen = true;
        const qint64 latest = span->latest;
        if (entrySeq > latest && !entryExists) {
            // The row is ahead of the journal: its latest entry may have been
            // deleted. Name that entry when it is gone.
            report(entrySeq, id,
                   QCoreApplication::translate("CancelJournal",
                                               "Journal entry %1, the latest of cancel "
                                               "attempt %2, is missing.")
                       .arg(entrySeq)
                       .arg(id));
            return;
        }
        if (entrySeq != latest) {
            report(latest, id,
                   QCoreApplication::translate("CancelJournal",
                                               "Cancel attempt %1 points to journal entry "
                                               "%2, but its latest entry is %3.")
                       .arg(id)
                       .arg(entrySeq)
                       .arg(latest));
            return;
        }
        // entry_seq is the latest entry, which the chain walk read: it exists.
        const int format = int(q.int64(entryColumn + 1));
        if (q.utf8(seqColumn + 1) != q.utf8(entryColumn + 2)) {
            report(latest, id,
                   QCoreApplication::translate("CancelJournal",
                                               "Cancel attempt %1 does not carry the hash "
                                               "of its latest journal entry %2.")
                       .arg(id)
                       .arg(latest));
            return;
        }
        compareSnapshot(q, id, latest, 1, entryColumn + 3, format);
    }

    // The attempt's columns (from rowFirst) against its entry's (from
    // entryFirst), on the row q is on.
    void compareSnapshot(const RowCursor &q, qint64 id, qint64 latest, int rowFirst, int entryFirst,
                         int format)
    {
        for (int i = 0; i < int(kColumns.size()); ++i) {
            const Column &column = kColumns[size_t(i)];
            // An entry older than a column vouches for its default value.
            const bool same = column.sinceFormat > format
                                  ? sameCanonical(valueAt(q, rowFirst + i), columnDefault(column))
                                  : sameCanonical(q, rowFirst + i, entryFirst + i);
            if (!same) {
                report(latest, id,
                       QCoreApplication::translate("CancelJournal",
                                                   "Cancel attempt %1 differs from its "
                                                   "latest journal entry %2 in %3.")
                           .arg(id)
                           .arg(latest)
                           .arg(QString::fromUtf16(column.name)));
                return;
            }
        }
    }

    // 3. Entries whose attempt does not exist.
    void checkOrphanEntries()
    {
        for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it) {
            if (!it->seen) {
                report(it->first, it.key(),
                       QCoreApplication::translate("CancelJournal",
                                                   "Entry %1 belongs to cancel attempt %2, which "
                                                   "does not exist.")
                           .arg(it->first)
                           .arg(it.key()));
            }
        }
    }

    const QSqlDatabase &m_db;
    const VerifyHooks &m_hooks;
    qint64 m_total = 0;    // rows to check; 0 when unknown
    qint64 m_rowsDone = 0; // rows read so far, entries and attempts
    VerifyResult m_result;
    qint64 m_bestSeq = kNoSeq;
    QHash<qint64, Span> m_spans; // attempt id -> its entries
};

} // namespace

// verify() checks, in this order of discovery:
//  1. the entries, by seq: numbered 1, 2, 3, … without gaps; each prev_hash is
//     the entry_hash before it; each entry_hash matches its content;
//  2. each attempt row points at its latest entry (entry_seq, entry_hash) and
//     equals that entry's snapshot, column by column;
//  3. every entry belongs to an attempt that exists.
// Of all problems found it reports the one with the lowest entry seq, so an
// edited attempt row is named by its latest entry. Ownership changes are
// journaled too, so there is no attempt column verify() cannot vouch for.
// hooks.shouldStop can end the walk between rows: the result is then
// "stopped", which vouches for nothing and accuses nothing.
VerifyResult CancelJournal::verify(const VerifyHooks &hooks) const
{
    const QSqlDatabase db = m_db.connection();
    // A read transaction: the chain and the attempts are checked as one snapshot
    // even if another process appends meanwhile.
    const ReadSnapshot snapshot(db);
    return JournalVerifier(db, hooks).run();
}

VerifyResult CancelJournal::verifyAgainst(const JournalHead &expected,
                                          const VerifyHooks &hooks) const
{
    // The chain first: a change before the head is named by its own entry. A
    // failed or stopped walk is returned as it is.
    VerifyResult result = verify(hooks);
    if (!result.ok || expected.seq == 0)
        return result;
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT attempt_id, entry_hash FROM journal_entries WHERE seq = ?"_s);
    q.addBindValue(expected.seq);
    if (!q.exec()) {
        result.ok = false;
        result.problem = QCoreApplication::translate("CancelJournal", "Cannot read the journal: %1")
                             .arg(Database::errorText(q.lastError()));
        return result;
    }
    result.firstBadEntry = expected.seq;
    if (!q.next()) {
        result.ok = false;
        result.problem =
            QCoreApplication::translate("CancelJournal",
                                        "Entry %1 is missing: the cancel log ends at entry %2, so "
                                        "entries were removed after the expected head was taken.")
                .arg(expected.seq)
                .arg(result.entriesChecked);
        return result;
    }
    // verify() passed, so entries are numbered 1…n and the whole chain up to
    // this entry is behind its hash: equal hashes mean an unchanged prefix.
    if (q.value(1).toString() != expected.hash) {
        result.ok = false;
        result.firstBadAttempt = q.value(0).toLongLong();
        result.problem = QCoreApplication::translate(
                             "CancelJournal",
                             "Entry %1's hash differs from the expected head: the cancel log was "
                             "rewritten up to or at this entry.")
                             .arg(expected.seq);
        return result;
    }
    result.firstBadEntry = 0;
    return result;
}

} // namespace CancelDesk::Storage
