#include "handjournal.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Test {
namespace {

bool exec(const QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    *error = q.lastError().text();
    return false;
}

const QStringList kFormat1Keys{u"seq"_s,           u"attempt_id"_s,       u"recorded_at"_s,
                               u"provider"_s,      u"payment_id"_s,       u"merchant_reference"_s,
                               u"amount_minor"_s,  u"currency"_s,         u"payment_method"_s,
                               u"operator"_s,      u"environment"_s,      u"reason"_s,
                               u"note"_s,          u"idempotency_key"_s,  u"state"_s,
                               u"provider_code"_s, u"provider_message"_s, u"http_status"_s,
                               u"tries"_s,         u"requested_at"_s,     u"finished_at"_s,
                               u"latency_ms"_s,    u"status_before"_s,    u"status_after"_s};

QStringList format2Keys()
{
    return kFormat1Keys
           + QStringList{u"format"_s, u"owner_host"_s, u"owner_pid"_s, u"lease_until"_s};
}

// Format 3 (schema 5) adds the owner's process instance.
QStringList format3Keys()
{
    return format2Keys() + QStringList{u"owner_instance"_s};
}

// Format 4 (schema 6, team mode) adds the approval columns and who recorded
// the entry.
QStringList format4Keys()
{
    return format3Keys()
           + QStringList{u"approver"_s, u"decision_note"_s, u"approval_deadline"_s,
                         u"recorded_by"_s};
}

} // namespace

// The canonical content as documented in journalchain.cpp, written out by hand
// here (keys sorted by this test, values quoted by this test) so that the
// documented form, not just the implementation, is what the tests pin.
QString handCanonical(const QSqlRecord &row, const QStringList &keys)
{
    QStringList sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    QStringList members;
    for (const QString &key : std::as_const(sorted)) {
        const QVariant v = row.value(key);
        const QString value = row.isNull(key) ? u"null"_s : u"\""_s + v.toString() + u"\""_s;
        members.append(u"\""_s + key + u"\":"_s + value);
    }
    return u"{"_s + members.join(u","_s) + u"}"_s;
}

QString chainHash(const QString &prevHash, const QString &canonical)
{
    return QString::fromLatin1(QCryptographicHash::hash((prevHash + u"\n"_s + canonical).toUtf8(),
                                                        QCryptographicHash::Sha256)
                                   .toHex());
}

QStringList journalFormatKeys(int format)
{
    switch (format) {
    case 1:
        return kFormat1Keys;
    case 2:
        return format2Keys();
    case 3:
        return format3Keys();
    default:
        return format4Keys();
    }
}

// Attempt `id` and its one entry `seq` (SENT), written by hand the way a
// release writing journal format `format` (1: schema 2, 2: schema 3-4,
// 3: schema 5) left them; returns the entry's hash.
QString writeOldEntry(const QSqlDatabase &c, int seq, int id, int format, const QString &prevHash)
{
    const auto run = [&c](const QString &sql) {
        QString error;
        if (!exec(c, sql, &error))
            qWarning("%s: %s", qPrintable(sql), qPrintable(error));
        return error.isEmpty();
    };
    const QString values = u"'uqpay', 'PI_OLD%1', 'M-%1', 1234, 'USD', 'CARD', 'li.na', "
                           "'production', 'duplicate', '', 'key-old-%1', 'SENT', '', '', 0, 1, "
                           "1700000000000, NULL, -1, 'PENDING', ''"_s.arg(id);
    const QString columns = u"provider, payment_id, merchant_reference, amount_minor, currency, "
                            "payment_method, operator, environment, reason, note, "
                            "idempotency_key, state, provider_code, provider_message, "
                            "http_status, tries, requested_at, finished_at, latency_ms, "
                            "status_before, status_after"_s;
    if (!run(
            u"INSERT INTO cancel_attempts (id, %1, entry_seq, entry_hash) VALUES (%2, %3, %4, '')"_s
                .arg(columns)
                .arg(id)
                .arg(values)
                .arg(seq)))
        return {};
    const QString formatColumn = format >= 2 ? u", format"_s : QString();
    const QString formatValue = format >= 2 ? u", %1"_s.arg(format) : QString();
    if (!run(u"INSERT INTO journal_entries (seq, attempt_id, %1, recorded_at, prev_hash, "
             "entry_hash%2) VALUES (%3, %4, %5, %6, '%7', ''%8)"_s.arg(columns, formatColumn)
                 .arg(seq)
                 .arg(id)
                 .arg(values)
                 .arg(1700000000100LL + seq)
                 .arg(prevHash, formatValue)))
        return {};
    QSqlQuery q(c);
    if (!q.exec(u"SELECT * FROM journal_entries WHERE seq = %1"_s.arg(seq)) || !q.next())
        return {};
    const QString hash = chainHash(prevHash, handCanonical(q.record(), journalFormatKeys(format)));
    q.finish();
    // The hash is filled in afterwards only because this test computes it
    // from the stored row.
    if (!run(u"DROP TRIGGER IF EXISTS journal_entries_no_update"_s)
        || !run(u"UPDATE journal_entries SET entry_hash = '%1' WHERE seq = %2"_s.arg(hash).arg(seq))
        || !run(u"UPDATE cancel_attempts SET entry_hash = '%1' WHERE id = %2"_s.arg(hash).arg(id)))
        return {};
    return hash;
}

} // namespace CancelDesk::Test
