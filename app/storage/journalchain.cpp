#include "journalchain.h"

#include "database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <memory>
#include <openssl/evp.h>
#include <vector>

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

QVariant valueAt(const RowCursor &q, int index)
{
    return q.isNull(index) ? QVariant() : q.value(index);
}

namespace {

template<typename Row> QVariantList snapshotOf(const Row &q, int first)
{
    QVariantList values;
    values.reserve(qsizetype(kColumns.size()));
    for (int i = 0; i < int(kColumns.size()); ++i)
        values.append(valueAt(q, first + i));
    return values;
}

} // namespace

QVariantList snapshotAt(const QSqlQuery &q, int first)
{
    return snapshotOf(q, first);
}

QVariantList snapshotAt(const RowCursor &q, int first)
{
    return snapshotOf(q, first);
}

bool sameCanonical(const QVariant &a, const QVariant &b)
{
    if (a.isValid() != b.isValid())
        return false;
    if (!a.isValid())
        return true;
    if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong)
        return a.toLongLong() == b.toLongLong();
    return a.toString() == b.toString();
}

namespace {

// Where each key of an entry's content comes from.
enum class Source { Seq, AttemptId, RecordedAt, RecordedBy, Format, Snapshot };

struct Key
{
    QByteArray name; // ASCII
    Source source;
    qsizetype column = -1; // Snapshot: index into kColumns
};

// The keys of one format's content in the order QJsonObject keeps them
// (sorted; the names are ASCII, so byte order).
std::vector<Key> keysOf(int format)
{
    std::vector<Key> keys{{"seq", Source::Seq},
                          {"attempt_id", Source::AttemptId},
                          {"recorded_at", Source::RecordedAt}};
    if (format >= kRecordedBySince)
        keys.push_back({"recorded_by", Source::RecordedBy});
    if (format >= 2)
        keys.push_back({"format", Source::Format});
    for (qsizetype i = 0; i < qsizetype(kColumns.size()); ++i) {
        if (kColumns[size_t(i)].sinceFormat <= format)
            keys.push_back(
                {QString::fromUtf16(kColumns[size_t(i)].name).toLatin1(), Source::Snapshot, i});
    }
    std::sort(keys.begin(), keys.end(), [](const Key &x, const Key &y) { return x.name < y.name; });
    return keys;
}

const std::vector<Key> &keysFor(int format)
{
    // Formats 1..kCurrentFormat; a later one (a newer program's entry) is
    // written with the keys it would have here.
    static const std::array<std::vector<Key>, kCurrentFormat + 1> byFormat = [] {
        std::array<std::vector<Key>, kCurrentFormat + 1> all;
        for (int f = 0; f <= kCurrentFormat; ++f)
            all[size_t(f)] = keysOf(f);
        return all;
    }();
    if (format < 0 || format > kCurrentFormat) {
        thread_local std::vector<Key> other;
        other = keysOf(format);
        return other;
    }
    return byFormat[size_t(format)];
}

char hexDigit(uint v)
{
    return char(v < 10 ? '0' + v : 'a' + v - 10);
}

void appendEscapedUnit(QByteArray &out, char16_t u)
{
    out.append("\\u");
    out.append(hexDigit((u >> 12) & 0xF));
    out.append(hexDigit((u >> 8) & 0xF));
    out.append(hexDigit((u >> 4) & 0xF));
    out.append(hexDigit(u & 0xF));
}

// One ASCII character of a JSON string as QJsonDocument writes it: ", \ and
// control characters escaped (\b \f \n \r \t, else \u00xx), the rest as is.
void appendAscii(QByteArray &out, char c)
{
    switch (c) {
    case '"':
        out.append("\\\"");
        break;
    case '\\':
        out.append("\\\\");
        break;
    case '\b':
        out.append("\\b");
        break;
    case '\f':
        out.append("\\f");
        break;
    case '\n':
        out.append("\\n");
        break;
    case '\r':
        out.append("\\r");
        break;
    case '\t':
        out.append("\\t");
        break;
    default:
        if (uchar(c) < 0x20)
            appendEscapedUnit(out, char16_t(uchar(c)));
        else
            out.append(c);
    }
}

// A JSON string as QJsonDocument::toJson writes it: ", \ and control
// characters escaped (\b \f \n \r \t, else \u00xx), other text as UTF-8, a
// lone surrogate as \uxxxx.
void appendString(QByteArray &out, QStringView s)
{
    out.append('"');
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            appendAscii(out, char(u));
        } else if (u < 0x800) {
            out.append(char(0xC0 | (u >> 6)));
            out.append(char(0x80 | (u & 0x3F)));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            out.append(char(0xF0 | (c >> 18)));
            out.append(char(0x80 | ((c >> 12) & 0x3F)));
            out.append(char(0x80 | ((c >> 6) & 0x3F)));
            out.append(char(0x80 | (c & 0x3F)));
        } else if (QChar::isSurrogate(u)) {
            appendEscapedUnit(out, u);
        } else {
            out.append(char(0xE0 | (u >> 12)));
            out.append(char(0x80 | ((u >> 6) & 0x3F)));
            out.append(char(0x80 | (u & 0x3F)));
        }
    }
    out.append('"');
}

// Digits and a sign, without a QByteArray of their own.
void appendInteger(QByteArray &out, qint64 n)
{
    char digits[24];
    const char *end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end - digits);
}

void appendValue(QByteArray &out, const QVariant &v)
{
    if (!v.isValid()) {
        out.append("null");
    } else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int) {
        // Digits and a sign need no escaping.
        out.append('"');
        appendInteger(out, v.toLongLong());
        out.append('"');
    } else {
        appendString(out, v.toString());
    }
}

// appendString() of text given as plain UTF-8: the same escapes of ASCII, the
// other bytes as they are.
void appendUtf8String(QByteArray &out, QByteArrayView s)
{
    out.append('"');
    for (const char ch : s) {
        if (uchar(ch) < 0x80)
            appendAscii(out, ch);
        else
            out.append(ch);
    }
    out.append('"');
}

// The content of an entry, keys in QJsonObject's order; appendKey(out, key)
// writes one key's value.
template<typename AppendKey> QByteArray writeContent(int format, AppendKey appendKey)
{
    QByteArray out;
    out.reserve(1024);
    out.append('{');
    bool first = true;
    for (const Key &key : keysFor(format)) {
        if (!first)
            out.append(',');
        first = false;
        out.append('"');
        out.append(key.name);
        out.append("\":");
        appendKey(out, key);
    }
    out.append('}');
    return out;
}

// A value of the cursor's row as appendValue(valueAt(q, column)) writes it.
void appendColumn(QByteArray &out, const RowCursor &q, int column)
{
    // Text first, the kind most columns hold (a value is one kind only).
    if (const std::optional<QByteArrayView> text = q.plainText(column)) {
        appendUtf8String(out, *text);
    } else if (q.isNull(column)) {
        out.append("null");
    } else if (const std::optional<qint64> n = q.storedInteger(column)) {
        out.append('"');
        appendInteger(out, *n);
        out.append('"');
    } else {
        appendValue(out, valueAt(q, column));
    }
}

} // namespace

// Written directly rather than through QJsonObject + QJsonDocument (most of a
// verify's time at a million entries), byte for byte the same: the keys in
// QJsonObject's order, QJsonDocument's escaping (tst_journalchain compares
// the two).
QByteArray canonicalContent(const QVariant &seq, const QVariant &attemptId,
                            const QVariant &recordedAt, const QVariant &recordedBy, int format,
                            const QVariantList &values)
{
    return writeContent(format, [&](QByteArray &out, const Key &key) {
        switch (key.source) {
        case Source::Seq:
            return appendValue(out, seq);
        case Source::AttemptId:
            return appendValue(out, attemptId);
        case Source::RecordedAt:
            return appendValue(out, recordedAt);
        case Source::RecordedBy:
            return appendValue(out, recordedBy);
        case Source::Format:
            return appendValue(out, QVariant(qint64(format)));
        case Source::Snapshot:
            return appendValue(out, values.value(key.column));
        }
    });
}

QByteArray canonicalContent(const RowCursor &q, const EntryColumns &columns, int format)
{
    return writeContent(format, [&](QByteArray &out, const Key &key) {
        switch (key.source) {
        case Source::Seq:
            return appendColumn(out, q, columns.seq);
        case Source::AttemptId:
            return appendColumn(out, q, columns.attemptId);
        case Source::RecordedAt:
            return appendColumn(out, q, columns.recordedAt);
        case Source::RecordedBy:
            return appendColumn(out, q, columns.recordedBy);
        case Source::Format:
            return appendValue(out, QVariant(qint64(format)));
        case Source::Snapshot:
            return appendColumn(out, q, columns.firstValue + int(key.column));
        }
    });
}

bool sameCanonical(const RowCursor &q, int a, int b)
{
    // Text first, the kind most columns hold (a value is one kind only).
    // (A column's bytes stay where they are while another column is read.)
    const std::optional<QByteArrayView> ta = q.plainText(a);
    const std::optional<QByteArrayView> tb = q.plainText(b);
    if (ta && tb)
        return *ta == *tb;
    if (q.isNull(a) && q.isNull(b))
        return true;
    const std::optional<qint64> na = q.storedInteger(a);
    const std::optional<qint64> nb = q.storedInteger(b);
    if (na && nb)
        return *na == *nb;
    return sameCanonical(valueAt(q, a), valueAt(q, b));
}

std::optional<HashHex> chainHashHex(QByteArrayView prevHash, QByteArrayView content)
{
    // OpenSSL's SHA-256 (the CPU's SHA instructions where there are some),
    // one context per thread.
    thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX *)> ctx(EVP_MD_CTX_new(),
                                                                               EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // The digest is looked up (under OpenSSL's locks) on the context's first
    // use only; afterwards a null type keeps it.
    if (!ctx
        || EVP_DigestInit_ex(ctx.get(), EVP_MD_CTX_get0_md(ctx.get()) ? nullptr : EVP_sha256(),
                             nullptr)
               != 1
        || EVP_DigestUpdate(ctx.get(), prevHash.data(), size_t(prevHash.size())) != 1
        || EVP_DigestUpdate(ctx.get(), "\n", 1) != 1
        || EVP_DigestUpdate(ctx.get(), content.data(), size_t(content.size())) != 1
        || EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1 || length != 32)
        return std::nullopt;
    HashHex hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex[2 * i] = hexDigit(digest[i] >> 4);
        hex[2 * i + 1] = hexDigit(digest[i] & 0xF);
    }
    return hex;
}

QString chainHash(const QString &prevHash, const QByteArray &content)
{
    const std::optional<HashHex> hex = chainHashHex(prevHash.toUtf8(), content);
    if (!hex)
        return {}; // matches no stored hash: verify reports the entry
    return QString::fromLatin1(hex->data(), qsizetype(hex->size()));
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
