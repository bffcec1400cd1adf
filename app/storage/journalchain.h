#pragma once

// The journal's hash chain (PRODUCT.md F16): the snapshot columns, the canonical
// content of an entry and its hash, reading the head and appending an entry.
// Shared by the attempt store (canceljournal.cpp) and verify (journalverify.cpp);
// not part of the journal's interface.

#include "canceljournal.h"
#include "rowcursor.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <array>

class QSqlQuery;

namespace CancelDesk::Storage::JournalChain {

enum class Kind { Text, Int, Time };

struct Column
{
    const char16_t *name;
    Kind kind;
    int sinceFormat;
};

// The snapshot: every column an attempt row and its journal entries share, in
// this order (snapshotValues() and attemptFrom() in canceljournal.cpp follow it).
inline constexpr std::array<Column, 28> kColumns{{
    {u"provider", Kind::Text, 1},
    {u"payment_id", Kind::Text, 1},
    {u"merchant_reference", Kind::Text, 1},
    {u"amount_minor", Kind::Int, 1},
    {u"currency", Kind::Text, 1},
    {u"payment_method", Kind::Text, 1},
    {u"operator", Kind::Text, 1},
    {u"environment", Kind::Text, 1},
    {u"reason", Kind::Text, 1},
    {u"note", Kind::Text, 1},
    {u"idempotency_key", Kind::Text, 1},
    {u"state", Kind::Text, 1},
    {u"provider_code", Kind::Text, 1},
    {u"provider_message", Kind::Text, 1},
    {u"http_status", Kind::Int, 1},
    {u"tries", Kind::Int, 1},
    {u"requested_at", Kind::Time, 1},
    {u"finished_at", Kind::Time, 1},
    {u"latency_ms", Kind::Int, 1},
    {u"status_before", Kind::Text, 1},
    {u"status_after", Kind::Text, 1},
    {u"owner_host", Kind::Text, 2},
    {u"owner_pid", Kind::Int, 2},
    {u"lease_until", Kind::Time, 2},
    {u"owner_instance", Kind::Text, 3},
    {u"approver", Kind::Text, 4},
    {u"decision_note", Kind::Text, 4},
    {u"approval_deadline", Kind::Time, 4},
}};

// The format new entries are written in.
inline constexpr int kCurrentFormat = 4;
// From this format on, an entry's content also names who recorded it
// (recorded_by, an entry-own column like recorded_at, not in the snapshot).
inline constexpr int kRecordedBySince = 4;

// The prev_hash of the first entry: 64 '0'.
QString genesisHash();
// The snapshot column names, comma-separated, each with prefix.
QString columnList(const QString &prefix = {});
// "?, ?, …" for count values.
QString placeholders(qsizetype count);

// A value as stored: an invalid QVariant stands for SQL NULL.
QVariant valueAt(const QSqlQuery &q, int index);
QVariant valueAt(const RowCursor &q, int index);
// The snapshot columns of the current row, starting at column `first`.
QVariantList snapshotAt(const QSqlQuery &q, int first);
QVariantList snapshotAt(const RowCursor &q, int first);

// Whether two stored values have the same canonical value (both NULL, or the
// same text), without building it.
bool sameCanonical(const QVariant &a, const QVariant &b);
// The compact JSON an entry's hash covers (see journalchain.cpp); recordedBy
// counts only from kRecordedBySince on.
QByteArray canonicalContent(const QVariant &seq, const QVariant &attemptId,
                            const QVariant &recordedAt, const QVariant &recordedBy, int format,
                            const QVariantList &values);
// The same, of the row a RowCursor is on: the entry's columns at seq,
// attemptId, recordedAt and recordedBy, the snapshot from firstValue on.
// On SQLite, text that is valid UTF-8 is written from the stored bytes (what
// the QVariant path would give back, without the round trip).
struct EntryColumns
{
    int seq;
    int attemptId;
    int recordedAt;
    int recordedBy;
    int firstValue;
};
QByteArray canonicalContent(const RowCursor &q, const EntryColumns &columns, int format);
// sameCanonical() of two columns of the row a RowCursor is on.
bool sameCanonical(const RowCursor &q, int a, int b);
// lower-case hex SHA-256(prevHash + "\n" + content)
QString chainHash(const QString &prevHash, const QByteArray &content);
// The same hash as 64 lower-case hex digits, from the UTF-8 of the previous
// hash (verify's walk compares it with the stored bytes); nullopt when
// SHA-256 is not available.
using HashHex = std::array<char, 64>;
std::optional<HashHex> chainHashHex(QByteArrayView prevHash, QByteArrayView content);

// The newest entry's seq and hash (seq 0 and an empty hash when there is none);
// nullopt with *error set when it cannot be read.
std::optional<JournalHead> readHead(const QSqlDatabase &db, QString *error);

// One entry to append after the head: its hash is computed from `values`.
struct NewEntry
{
    qint64 seq = 0;
    qint64 attemptId = 0;
    qint64 recordedAt = 0; // epoch ms
    QString recordedBy;    // who wrote it: the login in team mode
    QString prevHash;
    QVariantList values; // the snapshot, as kColumns
    QString hash;        // filled by hashEntry()
};
void hashEntry(NewEntry &entry);
// Inserts the entry; false with *error set when it cannot be written. The
// caller holds the write transaction that also read the head.
bool insertEntry(const QSqlDatabase &db, const NewEntry &entry, QString *error);

} // namespace CancelDesk::Storage::JournalChain
