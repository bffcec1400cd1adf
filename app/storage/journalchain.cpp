#include "journalchain.h"

#include "database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

// The journal (F16)
// -----------------
// Every change of an attempt appends one row to journal_entries holding a full
// snapshot of the attempt, in the same transaction that changes the
// cancel_attempts row. Entries are chained:
//
//   entry_hash = lower-case hex SHA-256( prev_hash + "\n" + canonical content )
//
// where prev_hash is the entry_hash of the entry before (64 '0' for the first)
// and the canonical content is the compact JSON (QJsonDocument::Compact, UTF-8,
// no spaces) of one object whose keys are the column names, in sorted order
// (QJsonObject keeps its keys sorted):
//   - "seq", "attempt_id", "recorded_at": the entry's own columns, so moving an
//     entry or giving it to another attempt breaks its hash; from format 4 on
//     also "recorded_by" (who wrote the entry);
//   - every snapshot column of kColumns (journalchain.h) that the entry's format has;
//   - "format" for format 2 and later (format 1 entries have no such key).
// Every value is a JSON string (integers and times as decimal text, times in
// epoch milliseconds UTC) except an SQL NULL (an unknown time), which is JSON
// null. Strings rather than numbers because JSON numbers are doubles and an
// amount of 16 digits would lose its last digit.
//
// Format 1 entries were written by schema version 2; format 2 (schema 3) adds
// the owner columns, format 3 (schema 5) the owner's process instance, format 4
// (schema 6, team mode) the approver, the approver's note, the approval
// deadline and recorded_by. All stay verifiable.

namespace CancelDesk::Storage {

namespace JournalChain {

QString genesisHash()
{
    return QString(64, u'0');
}

QString columnList(const QString &prefix)
{
    QStringList names;
    for (const Column &c : kColumns)
        names.append(prefix + QString::fromUtf16(c.name));
    return names.join(u", "_s);
}

QString placeholders(qsizetype count)
{
    QStringList marks(count, u"?"_s);
    return marks.join(u", "_s);
}

// A value as stored: an invalid QVariant stands for SQL NULL.
QVariant valueAt(const QSqlQuery &q, int index)
{
    return q.isNull(index) ? QVariant() : q.value(index);
}

QVariantList snapshotAt(const QSqlQuery &q, int first)
{
    QVariantList values;
    values.reserve(qsizetype(kColumns.size()));
    for (int i = 0; i < int(kColumns.size()); ++i)
        values.append(valueAt(q, first + i));
    return values;
}

QJsonValue canonicalValue(const QVariant &v)
{
    return v.isValid() ? QJsonValue(v.toString()) : QJsonValue(QJsonValue::Null);
}

QByteArray canonicalContent(const QVariant &seq, const QVariant &attemptId,
                            const QVariant &recordedAt, const QVariant &recordedBy, int format,
                            const QVariantList &values)
{
    QJsonObject o;
    o.insert(u"seq"_s, canonicalValue(seq));
    o.insert(u"attempt_id"_s, canonicalValue(attemptId));
    o.insert(u"recorded_at"_s, canonicalValue(recordedAt));
    if (format >= kRecordedBySince)
        o.insert(u"recorded_by"_s, canonicalValue(recordedBy));
    if (format >= 2)
        o.insert(u"format"_s, QString::number(format));
    for (qsizetype i = 0; i < qsizetype(kColumns.size()); ++i) {
        if (kColumns[size_t(i)].sinceFormat <= format)
            o.insert(QString::fromUtf16(kColumns[size_t(i)].name), canonicalValue(values.value(i)));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString chainHash(const QString &prevHash, const QByteArray &content)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(prevHash.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(content);
    return QString::fromLatin1(hash.result().toHex());
}

std::optional<JournalHead> readHead(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT seq, entry_hash FROM journal_entries ORDER BY seq DESC LIMIT 1"_s);
    if (!q.exec()) {
        if (error)
            *error = Database::errorText(q.lastError());
        return std::nullopt;
    }
    JournalHead head;
    if (q.next()) {
        head.seq = q.value(0).toLongLong();
        head.hash = q.value(1).toString();
    }
    return head;
}

void hashEntry(NewEntry &entry)
{
    entry.hash =
        chainHash(entry.prevHash, canonicalContent(entry.seq, entry.attemptId, entry.recordedAt,
                                                   entry.recordedBy, kCurrentFormat, entry.values));
}

bool insertEntry(const QSqlDatabase &db, const NewEntry &entry, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO journal_entries (seq, attempt_id, recorded_at, recorded_by, format, "_s
              + columnList() + u", prev_hash, entry_hash) VALUES ("_s
              + placeholders(qsizetype(kColumns.size()) + 7) + u")"_s);
    q.addBindValue(entry.seq);
    q.addBindValue(entry.attemptId);
    q.addBindValue(entry.recordedAt);
    q.addBindValue(entry.recordedBy.isNull() ? u""_s : entry.recordedBy);
    q.addBindValue(kCurrentFormat);
    for (const QVariant &v : entry.values)
        q.addBindValue(v);
    q.addBindValue(entry.prevHash);
    q.addBindValue(entry.hash);
    if (q.exec())
        return true;
    if (error)
        *error = Database::errorText(q.lastError());
    return false;
}

} // namespace JournalChain

QString JournalHead::toString() const
{
    return QString::number(seq) + u':' + hash;
}

std::optional<JournalHead> JournalHead::parse(QStringView text)
{
    text = text.trimmed();
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    const QStringView seqText = text.left(colon);
    const QStringView hash = text.mid(colon + 1);
    // Digits only: toLongLong() would also take a sign or spaces.
    for (const QChar c : seqText) {
        if (!c.isDigit() || c.unicode() > 0x7f)
            return std::nullopt;
    }
    bool ok = false;
    JournalHead head;
    head.seq = seqText.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    if (head.seq == 0)
        return hash.isEmpty() ? std::optional<JournalHead>(head) : std::nullopt;
    if (hash.size() != 64)
        return std::nullopt;
    for (const QChar c : hash) {
        const char16_t u = c.toLower().unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return std::nullopt;
    }
    head.hash = hash.toString().toLower();
    return head;
}

QJsonObject JournalHead::toJson() const
{
    return {{u"seq"_s, seq}, {u"hash"_s, hash}};
}

std::optional<JournalHead> JournalHead::fromJson(const QJsonObject &object)
{
    const QJsonValue seq = object.value(u"seq"_s);
    const QJsonValue hash = object.value(u"hash"_s);
    if (!seq.isDouble() || !hash.isString())
        return std::nullopt;
    return parse(QString(QString::number(seq.toInteger()) + u':' + hash.toString()));
}

std::optional<JournalHead> CancelJournal::head(QString *error) const
{
    return JournalChain::readHead(m_db.connection(), error);
}

} // namespace CancelDesk::Storage
