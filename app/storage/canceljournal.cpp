#include "canceljournal.h"

#include "database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>
#include <QVariant>

#include <array>
#include <limits>

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
//     entry or giving it to another attempt breaks its hash;
//   - every snapshot column of kColumns below that the entry's format has;
//   - "format" for format 2 and later (format 1 entries have no such key).
// Every value is a JSON string (integers and times as decimal text, times in
// epoch milliseconds UTC) except an SQL NULL (an unknown time), which is JSON
// null. Strings rather than numbers because JSON numbers are doubles and an
// amount of 16 digits would lose its last digit.
//
// Format 1 entries were written by schema version 2; format 2 (schema 3) adds
// the owner columns, format 3 (schema 5) the owner's process instance. All stay
// verifiable.

namespace CancelDesk::Storage {

using Domain::CancelReason;
using Domain::Provider;

namespace {

enum class Kind { Text, Int, Time };

struct Column
{
    const char16_t *name;
    Kind kind;
    int sinceFormat;
};

// The snapshot: every column an attempt row and its journal entries share.
constexpr std::array<Column, 25> kColumns{{
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
}};

constexpr int kCurrentFormat = 3;

struct StateName
{
    AttemptState state;
    const char16_t *key;
    const char *label;
};

constexpr std::array<StateName, 6> kStateNames{{
    {AttemptState::Prepared, u"PREPARED", QT_TRANSLATE_NOOP("CancelJournal", "Prepared")},
    {AttemptState::Sent, u"SENT", QT_TRANSLATE_NOOP("CancelJournal", "Sent")},
    {AttemptState::Confirming, u"CONFIRMING", QT_TRANSLATE_NOOP("CancelJournal", "Confirming")},
    {AttemptState::Succeeded, u"SUCCEEDED", QT_TRANSLATE_NOOP("CancelJournal", "Succeeded")},
    {AttemptState::Rejected, u"REJECTED", QT_TRANSLATE_NOOP("CancelJournal", "Rejected")},
    {AttemptState::Unresolved, u"UNRESOLVED",
     QT_TRANSLATE_NOOP("CancelJournal", "Unresolved (outcome unknown)")},
}};

const QString kActiveStates = u"('PREPARED', 'SENT', 'CONFIRMING')"_s;

QString genesisHash()
{
    return QString(64, u'0');
}

QString columnList(const QString &prefix = {})
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

// Qt binds a null QString as SQL NULL; text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant();
}

QDateTime timeFrom(const QVariant &v)
{
    return v.isValid() ? QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC) : QDateTime();
}

// A value as stored: an invalid QVariant stands for SQL NULL.
QVariant valueAt(const QSqlQuery &q, int index)
{
    return q.isNull(index) ? QVariant() : q.value(index);
}

QVariantList snapshotValues(const CancelAttempt &a)
{
    return {
        Domain::providerKey(a.provider),
        text(a.paymentId),
        text(a.merchantReference),
        a.amount.minor,
        text(a.amount.currency),
        text(a.paymentMethod),
        text(a.operatorName),
        text(a.environment),
        Domain::cancelReasonKey(a.reason),
        text(a.note),
        text(a.idempotencyKey),
        attemptStateKey(a.state),
        text(a.providerCode),
        text(a.providerMessage),
        qint64(a.httpStatus),
        qint64(a.tries),
        msOrNull(a.requestedAt),
        msOrNull(a.finishedAt),
        a.latencyMs,
        text(a.statusBefore),
        text(a.statusAfter),
        text(a.ownerHost),
        a.ownerPid,
        msOrNull(a.leaseUntil),
        text(a.ownerInstance),
    };
}

QVariantList snapshotAt(const QSqlQuery &q, int first)
{
    QVariantList values;
    values.reserve(qsizetype(kColumns.size()));
    for (int i = 0; i < int(kColumns.size()); ++i)
        values.append(valueAt(q, first + i));
    return values;
}

CancelAttempt attemptFrom(qint64 id, const QVariantList &v, const QString &entryHash)
{
    CancelAttempt a;
    a.id = id;
    a.provider = Domain::providerFromKey(v.at(0).toString()).value_or(Provider::Uqpay);
    a.paymentId = v.at(1).toString();
    a.merchantReference = v.at(2).toString();
    a.amount = {v.at(3).toLongLong(), v.at(4).toString()};
    a.paymentMethod = v.at(5).toString();
    a.operatorName = v.at(6).toString();
    a.environment = v.at(7).toString();
    a.reason = Domain::cancelReasonFromKey(v.at(8).toString()).value_or(CancelReason::Other);
    a.note = v.at(9).toString();
    a.idempotencyKey = v.at(10).toString();
    a.state = attemptStateFromKey(v.at(11).toString()).value_or(AttemptState::Unresolved);
    a.providerCode = v.at(12).toString();
    a.providerMessage = v.at(13).toString();
    a.httpStatus = v.at(14).toInt();
    a.tries = v.at(15).toInt();
    a.requestedAt = timeFrom(v.at(16));
    a.finishedAt = timeFrom(v.at(17));
    a.latencyMs = v.at(18).toLongLong();
    a.statusBefore = v.at(19).toString();
    a.statusAfter = v.at(20).toString();
    a.ownerHost = v.at(21).toString();
    a.ownerPid = v.at(22).toLongLong();
    a.leaseUntil = timeFrom(v.at(23));
    a.ownerInstance = v.at(24).toString();
    a.entryHash = entryHash;
    return a;
}

QJsonValue canonicalValue(const QVariant &v)
{
    return v.isValid() ? QJsonValue(v.toString()) : QJsonValue(QJsonValue::Null);
}

QByteArray canonicalContent(const QVariant &seq, const QVariant &attemptId,
                            const QVariant &recordedAt, int format, const QVariantList &values)
{
    QJsonObject o;
    o.insert(u"seq"_s, canonicalValue(seq));
    o.insert(u"attempt_id"_s, canonicalValue(attemptId));
    o.insert(u"recorded_at"_s, canonicalValue(recordedAt));
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

JournalResult failed(JournalError error, const QString &message)
{
    JournalResult r;
    r.error = error;
    r.message = message;
    return r;
}

JournalResult dbFailure(const QSqlQuery &q)
{
    return failed(JournalError::Database, Database::errorText(q.lastError()));
}

QString selectAttemptSql()
{
    return u"SELECT id, "_s + columnList() + u", entry_hash FROM cancel_attempts"_s;
}

CancelAttempt attemptFromRow(const QSqlQuery &q)
{
    return attemptFrom(q.value(0).toLongLong(), snapshotAt(q, 1),
                       q.value(int(kColumns.size()) + 1).toString());
}

std::optional<CancelAttempt> loadAttempt(const QSqlDatabase &db, qint64 id, QString *error)
{
    QSqlQuery q(db);
    q.prepare(selectAttemptSql() + u" WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        if (error)
            *error = Database::errorText(q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return attemptFromRow(q);
}

std::optional<CancelAttempt> loadActive(const QSqlDatabase &db, Provider provider,
                                        const QString &paymentId)
{
    QSqlQuery q(db);
    // Spelled like the partial index's WHERE so SQLite can use it.
    q.prepare(selectAttemptSql() + u" WHERE provider = ? AND payment_id = ? AND state IN "_s
              + kActiveStates);
    q.addBindValue(Domain::providerKey(provider));
    q.addBindValue(text(paymentId));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return attemptFromRow(q);
}

JournalResult activeAttemptExists(const CancelAttempt &active)
{
    return failed(JournalError::ActiveAttemptExists,
                  QCoreApplication::translate("CancelJournal",
                                              "Payment %1 already has a cancel in progress "
                                              "(attempt %2, %3). It was not sent again.")
                      .arg(active.paymentId)
                      .arg(active.id)
                      .arg(attemptStateKey(active.state)));
}

// Appends the entry for attempt `a` (whose id is set) and writes the attempt row
// to match it: inserted when isNew, updated otherwise. The caller holds a write
// transaction, which makes reading the chain head and appending atomic even
// across processes.
// Begins the write transaction and reads the attempt; *failure says why not.
std::optional<CancelAttempt> beginAndLoad(WriteTransaction &tx, const QSqlDatabase &db,
                                          qint64 attemptId, JournalResult *failure)
{
    QString error;
    if (!tx.begin(&error)) {
        *failure = failed(JournalError::Database, error);
        return std::nullopt;
    }
    std::optional<CancelAttempt> stored = loadAttempt(db, attemptId, &error);
    if (!stored) {
        *failure = !error.isEmpty() ? failed(JournalError::Database, error)
                                    : failed(JournalError::NotFound,
                                             QCoreApplication::translate(
                                                 "CancelJournal", "Cancel attempt %1 not found.")
                                                 .arg(attemptId));
    }
    return stored;
}

JournalResult appendAndStore(const QSqlDatabase &db, CancelAttempt a, bool isNew)
{
    qint64 headSeq = 0;
    QString headHash = genesisHash();
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT seq, entry_hash FROM journal_entries ORDER BY seq DESC LIMIT 1"_s);
        if (!q.exec())
            return dbFailure(q);
        if (q.next()) {
            headSeq = q.value(0).toLongLong();
            headHash = q.value(1).toString();
        }
    }
    const qint64 seq = headSeq + 1;
    const qint64 recordedAt = QDateTime::currentMSecsSinceEpoch();
    const QVariantList values = snapshotValues(a);
    const QString hash =
        chainHash(headHash, canonicalContent(seq, a.id, recordedAt, kCurrentFormat, values));

    {
        QSqlQuery q(db);
        if (isNew) {
            q.prepare(u"INSERT INTO cancel_attempts (id, "_s + columnList()
                      + u", entry_seq, entry_hash) VALUES ("_s
                      + placeholders(qsizetype(kColumns.size()) + 3) + u")"_s);
            q.addBindValue(a.id);
        } else {
            QStringList sets;
            for (const Column &c : kColumns)
                sets.append(QString::fromUtf16(c.name) + u" = ?"_s);
            q.prepare(u"UPDATE cancel_attempts SET "_s + sets.join(u", "_s)
                      + u", entry_seq = ?, entry_hash = ? WHERE id = ?"_s);
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        q.addBindValue(seq);
        q.addBindValue(hash);
        if (!isNew)
            q.addBindValue(a.id);
        if (!q.exec()) {
            JournalResult r = dbFailure(q);
            if (isNew) {
                // The partial unique index refused a second active attempt for
                // the order, whichever process wrote the first.
                if (const auto active = loadActive(db, a.provider, a.paymentId))
                    return activeAttemptExists(*active);
                QSqlQuery key(db);
                key.prepare(u"SELECT 1 FROM cancel_attempts WHERE idempotency_key = ?"_s);
                key.addBindValue(a.idempotencyKey);
                if (key.exec() && key.next()) {
                    return failed(JournalError::InvalidInput,
                                  QCoreApplication::translate(
                                      "CancelJournal",
                                      "The idempotency key is already used by another attempt."));
                }
            }
            return r;
        }
    }
    {
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO journal_entries (seq, attempt_id, recorded_at, format, "_s
                  + columnList() + u", prev_hash, entry_hash) VALUES ("_s
                  + placeholders(qsizetype(kColumns.size()) + 6) + u")"_s);
        q.addBindValue(seq);
        q.addBindValue(a.id);
        q.addBindValue(recordedAt);
        q.addBindValue(kCurrentFormat);
        for (const QVariant &v : values)
            q.addBindValue(v);
        q.addBindValue(headHash);
        q.addBindValue(hash);
        if (!q.exec())
            return dbFailure(q);
    }
    a.entryHash = hash;
    JournalResult r;
    r.attempt = a;
    return r;
}

JournalResult finalAttempt(const CancelAttempt &stored)
{
    return failed(JournalError::InvalidTransition,
                  QCoreApplication::translate("CancelJournal",
                                              "Cancel attempt %1 is final (%2) and cannot change.")
                      .arg(stored.id)
                      .arg(attemptStateKey(stored.state)));
}

JournalResult ownedElsewhere(const CancelAttempt &stored)
{
    if (stored.owner().isEmpty())
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Cancel attempt %1 was handed over to recovery; "
                                                  "this process no longer handles it.")
                          .arg(stored.id));
    return failed(JournalError::InvalidTransition,
                  QCoreApplication::translate("CancelJournal",
                                              "Cancel attempt %1 is handled by another process "
                                              "(%2, process %3).")
                      .arg(stored.id)
                      .arg(stored.ownerHost)
                      .arg(stored.ownerPid));
}

// Filters of list() and forEach(), as SQL with positional values.
QString filterSql(const AttemptFilter &filter, QVariantList *binds)
{
    QStringList terms;
    if (filter.requestedFrom.isValid()) {
        terms.append(u"requested_at >= ?"_s);
        binds->append(filter.requestedFrom.toMSecsSinceEpoch());
    }
    if (filter.requestedTo.isValid()) {
        terms.append(u"requested_at < ?"_s);
        binds->append(filter.requestedTo.toMSecsSinceEpoch());
    }
    if (filter.provider) {
        terms.append(u"provider = ?"_s);
        binds->append(Domain::providerKey(*filter.provider));
    }
    if (!filter.operatorName.isEmpty()) {
        terms.append(u"operator = ?"_s);
        binds->append(filter.operatorName);
    }
    if (filter.state) {
        terms.append(u"state = ?"_s);
        binds->append(attemptStateKey(*filter.state));
    }
    if (filter.reason) {
        terms.append(u"reason = ?"_s);
        binds->append(Domain::cancelReasonKey(*filter.reason));
    }
    if (!filter.paymentId.isEmpty()) {
        terms.append(u"payment_id = ?"_s);
        binds->append(filter.paymentId);
    }
    if (filter.afterId > 0) {
        terms.append(u"id > ?"_s);
        binds->append(filter.afterId);
    }
    return terms.isEmpty() ? QString() : u" WHERE "_s + terms.join(u" AND "_s);
}

JournalResult commitOrFail(WriteTransaction &tx, JournalResult r)
{
    QString error;
    if (r.ok() && !tx.commit(&error))
        return failed(JournalError::Database, error);
    return r;
}

} // namespace

QString attemptStateKey(AttemptState state)
{
    for (const StateName &s : kStateNames) {
        if (s.state == state)
            return QString::fromUtf16(s.key);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<AttemptState> attemptStateFromKey(QStringView key)
{
    for (const StateName &s : kStateNames) {
        if (key == QStringView(s.key))
            return s.state;
    }
    return std::nullopt;
}

QString attemptStateLabel(AttemptState state)
{
    for (const StateName &s : kStateNames) {
        if (s.state == state)
            return QCoreApplication::translate("CancelJournal", s.label);
    }
    Q_UNREACHABLE();
    return {};
}

bool isActive(AttemptState state)
{
    return state == AttemptState::Prepared || state == AttemptState::Sent
           || state == AttemptState::Confirming;
}

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

CancelJournal::CancelJournal(Database &db)
    : m_db(db)
{}

QString CancelJournal::databasePath() const
{
    return QFileInfo(m_db.path()).absoluteFilePath();
}

JournalResult CancelJournal::prepare(CancelAttempt draft)
{
    if (draft.paymentId.trimmed().isEmpty())
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal", "The payment ID is missing."));
    if (draft.operatorName.trimmed().isEmpty())
        return failed(
            JournalError::InvalidInput,
            QCoreApplication::translate("CancelJournal", "The operator's name is missing."));
    if (draft.amount.currency.isEmpty() || !draft.amount.isValid())
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal", "The amount is not valid."));
    static const QStringList environments{u"sandbox"_s, u"test"_s, u"production"_s};
    if (!environments.contains(draft.environment))
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal", "Unknown environment \"%1\".")
                          .arg(draft.environment));
    if (const QString problem = Domain::validateCancelReason(draft.reason, draft.note);
        !problem.isEmpty())
        return failed(JournalError::InvalidInput, problem);
    if (draft.state != AttemptState::Prepared)
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal",
                                                  "A new cancel attempt must start as PREPARED."));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (draft.idempotencyKey.isEmpty())
        draft.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!draft.requestedAt.isValid())
        draft.requestedAt = now;
    draft.requestedAt = draft.requestedAt.toUTC();
    if (draft.ownerHost.isEmpty() && draft.ownerPid == 0)
        draft.setOwner(ProcessOwner::self());
    if (!draft.leaseUntil.isValid())
        draft.leaseUntil = now.addSecs(kLeaseSeconds);
    draft.finishedAt = {};
    draft.entryHash.clear();

    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    QString error;
    if (!tx.begin(&error))
        return failed(JournalError::Database, error);
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT COALESCE(MAX(id), 0) + 1 FROM cancel_attempts"_s);
        if (!q.exec() || !q.next())
            return dbFailure(q);
        draft.id = q.value(0).toLongLong();
    }
    return commitOrFail(tx, appendAndStore(db, draft, true));
}

JournalResult CancelJournal::record(const CancelAttempt &attempt,
                                    const std::function<QString()> &alsoWrite)
{
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    JournalResult failure;
    const std::optional<CancelAttempt> stored = beginAndLoad(tx, db, attempt.id, &failure);
    if (!stored)
        return failure;
    if (!isActive(stored->state))
        return finalAttempt(*stored);
    if (stored->owner() != attempt.owner())
        return ownedElsewhere(*stored);

    // What identifies the attempt is fixed when it is prepared: a retry must
    // send the same key for the same order.
    const struct
    {
        bool same;
        const char16_t *field;
    } identity[] = {
        {attempt.idempotencyKey == stored->idempotencyKey, u"idempotency_key"},
        {attempt.provider == stored->provider, u"provider"},
        {attempt.paymentId == stored->paymentId, u"payment_id"},
        {attempt.merchantReference == stored->merchantReference, u"merchant_reference"},
        {attempt.amount == stored->amount, u"amount"},
        {attempt.paymentMethod == stored->paymentMethod, u"payment_method"},
        {attempt.reason == stored->reason, u"reason"},
        {attempt.note == stored->note, u"note"},
        {attempt.operatorName == stored->operatorName, u"operator"},
        {attempt.environment == stored->environment, u"environment"},
        {attempt.requestedAt == stored->requestedAt, u"requested_at"},
    };
    for (const auto &field : identity) {
        if (!field.same)
            return failed(JournalError::InvalidInput,
                          QCoreApplication::translate("CancelJournal",
                                                      "The %1 of cancel attempt %2 cannot change.")
                              .arg(QString::fromUtf16(field.field))
                              .arg(attempt.id));
    }
    // Once a request may have left, the attempt never claims again that
    // nothing was sent.
    if (attempt.state == AttemptState::Prepared && stored->state != AttemptState::Prepared)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Cancel attempt %1 was already sent; it cannot "
                                                  "go back to PREPARED.")
                          .arg(attempt.id));

    CancelAttempt next = *stored;
    next.state = attempt.state;
    next.providerCode = attempt.providerCode;
    next.providerMessage = attempt.providerMessage;
    next.httpStatus = attempt.httpStatus;
    next.tries = attempt.tries;
    next.latencyMs = attempt.latencyMs;
    next.statusBefore = attempt.statusBefore;
    next.statusAfter = attempt.statusAfter;
    if (isActive(next.state))
        next.finishedAt = {};
    else
        next.finishedAt = attempt.finishedAt.isValid() ? attempt.finishedAt.toUTC()
                                                       : QDateTime::currentDateTimeUtc();
    JournalResult r = appendAndStore(db, next, false);
    if (r.ok() && alsoWrite) {
        if (const QString problem = alsoWrite(); !problem.isEmpty())
            return failed(JournalError::Database, problem); // tx rolls back
    }
    return commitOrFail(tx, std::move(r));
}

JournalResult CancelJournal::renewLease(qint64 attemptId, const QDateTime &leaseUntil)
{
    return setOwner(attemptId, ProcessOwner::self(), std::nullopt, ProcessOwner::self(),
                    leaseUntil);
}

JournalResult CancelJournal::setOwner(qint64 attemptId, const ProcessOwner &expected,
                                      const std::optional<QDateTime> &expectedLease,
                                      const ProcessOwner &next, const QDateTime &leaseUntil)
{
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    JournalResult failure;
    const std::optional<CancelAttempt> stored = beginAndLoad(tx, db, attemptId, &failure);
    if (!stored)
        return failure;
    if (!isActive(stored->state))
        return finalAttempt(*stored);
    if (stored->owner() != expected)
        return ownedElsewhere(*stored);
    if (expectedLease && stored->leaseUntil != expectedLease->toUTC())
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Cancel attempt %1 is still being handled: its "
                                                  "owner renewed its lease.")
                          .arg(attemptId));
    CancelAttempt changed = *stored;
    changed.setOwner(next);
    changed.leaseUntil = leaseUntil.toUTC();
    return commitOrFail(tx, appendAndStore(db, changed, false));
}

JournalResult CancelJournal::reopen(qint64 attemptId, const ProcessOwner &owner,
                                    const QDateTime &leaseUntil)
{
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    JournalResult failure;
    const std::optional<CancelAttempt> stored = beginAndLoad(tx, db, attemptId, &failure);
    if (!stored)
        return failure;
    if (stored->state != AttemptState::Unresolved)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Only an unresolved cancel attempt can be "
                                                  "retried; attempt %1 is %2.")
                          .arg(attemptId)
                          .arg(attemptStateKey(stored->state)));
    CancelAttempt next = *stored;
    // It may have arrived before: SENT, never PREPARED again.
    next.state = AttemptState::Sent;
    next.finishedAt = {};
    next.setOwner(owner);
    next.leaseUntil = leaseUntil.toUTC();
    JournalResult r = appendAndStore(db, next, false);
    if (!r.ok()) {
        if (const auto active = loadActive(db, stored->provider, stored->paymentId))
            return activeAttemptExists(*active);
    }
    return commitOrFail(tx, std::move(r));
}

std::optional<CancelAttempt> CancelJournal::unresolvedFor(Domain::Provider provider,
                                                          const QString &paymentId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(selectAttemptSql()
              + u" WHERE provider = ? AND payment_id = ? AND state = 'UNRESOLVED' "
                "ORDER BY id DESC LIMIT 1"_s);
    q.addBindValue(Domain::providerKey(provider));
    q.addBindValue(text(paymentId));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return attemptFromRow(q);
}

bool CancelJournal::wasAccepted(qint64 attemptId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT 1 FROM journal_entries WHERE attempt_id = ? AND state = 'CONFIRMING' "
              "LIMIT 1"_s);
    q.addBindValue(attemptId);
    return q.exec() && q.next();
}

void CancelAttempt::setOwner(const ProcessOwner &owner)
{
    ownerHost = owner.host;
    ownerPid = owner.pid;
    ownerInstance = owner.instance;
}

JournalResult CancelJournal::reconcile(qint64 attemptId, AttemptState outcome,
                                       const QString &statusAfter, const QString &providerStatus,
                                       const QDateTime &at)
{
    if (outcome != AttemptState::Succeeded && outcome != AttemptState::Rejected)
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal",
                                                  "A reconciled cancel attempt ends SUCCEEDED or "
                                                  "REJECTED, not %1.")
                          .arg(attemptStateKey(outcome)));
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    JournalResult failure;
    const std::optional<CancelAttempt> stored = beginAndLoad(tx, db, attemptId, &failure);
    if (!stored)
        return failure;
    if (stored->state != AttemptState::Unresolved)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Only an unresolved cancel attempt can be "
                                                  "reconciled; attempt %1 is %2.")
                          .arg(attemptId)
                          .arg(attemptStateKey(stored->state)));
    CancelAttempt next = *stored;
    next.state = outcome;
    // Stable, untranslated text: the log is read by auditors in either language.
    next.providerCode = u"RECONCILED"_s;
    next.providerMessage = u"provider status "_s + providerStatus;
    next.statusAfter = statusAfter;
    next.finishedAt = at.isValid() ? at.toUTC() : QDateTime::currentDateTimeUtc();
    return commitOrFail(tx, appendAndStore(db, next, false));
}

std::optional<CancelAttempt> CancelJournal::find(qint64 attemptId) const
{
    return loadAttempt(m_db.connection(), attemptId, nullptr);
}

std::optional<CancelAttempt> CancelJournal::activeFor(Provider provider,
                                                      const QString &paymentId) const
{
    return loadActive(m_db.connection(), provider, paymentId);
}

QList<CancelAttempt> CancelJournal::unfinished(QString *error) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(selectAttemptSql() + u" WHERE state IN "_s + kActiveStates + u" ORDER BY id"_s);
    QList<CancelAttempt> attempts;
    if (q.exec()) {
        while (q.next())
            attempts.append(attemptFromRow(q));
    }
    // A failed read must not look like "nothing to resume".
    if (q.lastError().isValid()) {
        if (error)
            *error = Database::errorText(q.lastError());
        return {};
    }
    return attempts;
}

QList<CancelAttempt> CancelJournal::list(const AttemptFilter &filter) const
{
    QList<CancelAttempt> attempts;
    forEach(filter, [&attempts](const CancelAttempt &a) {
        attempts.append(a);
        return true;
    });
    return attempts;
}

qint64 CancelJournal::count(const AttemptFilter &filter) const
{
    QVariantList binds;
    const QString where = filterSql(filter, &binds);
    QSqlQuery q(m_db.connection());
    q.prepare(u"SELECT COUNT(*) FROM cancel_attempts"_s + where);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool CancelJournal::forEach(const AttemptFilter &filter,
                            const std::function<bool(const CancelAttempt &)> &visit,
                            QString *error) const
{
    QVariantList binds;
    const QString where = filterSql(filter, &binds);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(selectAttemptSql() + where + u" ORDER BY id"_s);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = Database::errorText(q.lastError());
        return false;
    }
    while (q.next()) {
        if (!visit(attemptFromRow(q)))
            return true;
    }
    // next() also ends the rows on a failed step (a damaged page).
    if (q.lastError().isValid()) {
        if (error)
            *error = Database::errorText(q.lastError());
        return false;
    }
    return true;
}

// verify() checks, in this order of discovery:
//  1. the entries, by seq: numbered 1, 2, 3, … without gaps; each prev_hash is
//     the entry_hash before it; each entry_hash matches its content;
//  2. each attempt row points at its latest entry (entry_seq, entry_hash) and
//     equals that entry's snapshot, column by column;
//  3. every entry belongs to an attempt that exists.
// Of all problems found it reports the one with the lowest entry seq, so an
// edited attempt row is named by its latest entry. Ownership changes are
// journaled too, so there is no attempt column verify() cannot vouch for.
VerifyResult CancelJournal::verify() const
{
    VerifyResult result;
    const QSqlDatabase db = m_db.connection();
    constexpr qint64 kNoSeq = std::numeric_limits<qint64>::max();
    qint64 bestSeq = kNoSeq;
    const auto report = [&](qint64 seq, qint64 attemptId, const QString &problem) {
        const qint64 rank = seq > 0 ? seq : kNoSeq;
        if (result.ok || rank < bestSeq) {
            result.ok = false;
            bestSeq = rank;
            result.firstBadEntry = seq;
            result.firstBadAttempt = attemptId;
            result.problem = problem;
        }
    };
    const auto readFailure = [&](const QSqlQuery &q) {
        VerifyResult r;
        r.ok = false;
        r.problem = QCoreApplication::translate("CancelJournal", "Cannot read the journal: %1")
                        .arg(Database::errorText(q.lastError()));
        return r;
    };

    struct Span
    {
        qint64 first = 0;
        qint64 latest = 0;
    };
    QHash<qint64, Span> spans; // attempt id -> its entries

    // A read transaction: the chain and the attempts are checked as one snapshot
    // even if another process appends meanwhile.
    const bool reading = QSqlQuery(db).exec(u"BEGIN"_s);
    const auto endRead = qScopeGuard([&db, reading] {
        if (reading)
            QSqlQuery(db).exec(u"COMMIT"_s);
    });

    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT seq, attempt_id, recorded_at, format, prev_hash, entry_hash, "_s
                  + columnList() + u" FROM journal_entries ORDER BY seq"_s);
        if (!q.exec())
            return readFailure(q);
        qint64 expectedSeq = 1;
        QString prevHash = genesisHash();
        bool chainBroken = false;
        while (q.next()) {
            ++result.entriesChecked;
            const qint64 seq = q.value(0).toLongLong();
            const qint64 attemptId = q.value(1).toLongLong();
            Span &span = spans[attemptId];
            if (span.first == 0)
                span.first = seq;
            span.latest = seq;
            if (chainBroken)
                continue;
            const QString storedPrev = q.value(4).toString();
            const QString storedHash = q.value(5).toString();
            if (seq != expectedSeq) {
                chainBroken = true;
                report(seq, attemptId,
                       QCoreApplication::translate("CancelJournal",
                                                   "Entry %1 comes where entry %2 should be: "
                                                   "entries are missing or out of order.")
                           .arg(seq)
                           .arg(expectedSeq));
            } else if (storedPrev != prevHash) {
                chainBroken = true;
                report(seq, attemptId,
                       QCoreApplication::translate("CancelJournal",
                                                   "Entry %1 does not follow the entry before "
                                                   "it: its previous hash does not match.")
                           .arg(seq));
            } else {
                const QByteArray content =
                    canonicalContent(valueAt(q, 0), valueAt(q, 1), valueAt(q, 2),
                                     q.value(3).toInt(), snapshotAt(q, 6));
                if (chainHash(storedPrev, content) != storedHash) {
                    chainBroken = true;
                    report(seq, attemptId,
                           QCoreApplication::translate("CancelJournal",
                                                       "Entry %1 was altered: its hash does not "
                                                       "match its content.")
                               .arg(seq));
                }
            }
            prevHash = storedHash;
            expectedSeq = seq + 1;
        }
        // A read that failed part-way (a damaged page) is not an intact chain.
        if (q.lastError().isValid())
            return readFailure(q);
    }

    QSqlQuery entry(db);
    entry.prepare(u"SELECT format, entry_hash, "_s + columnList()
                  + u" FROM journal_entries WHERE seq = ?"_s);
    QHash<qint64, bool> seen;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT id, "_s + columnList()
                  + u", entry_seq, entry_hash FROM cancel_attempts ORDER BY id"_s);
        if (!q.exec())
            return readFailure(q);
        const int seqColumn = int(kColumns.size()) + 1;
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            const qint64 entrySeq = q.value(seqColumn).toLongLong();
            const auto span = spans.constFind(id);
            if (span == spans.cend()) {
                report(entrySeq, id,
                       QCoreApplication::translate("CancelJournal",
                                                   "Cancel attempt %1 has no journal entry.")
                           .arg(id));
                continue;
            }
            seen.insert(id, true);
            const qint64 latest = span->latest;
            if (entrySeq > latest) {
                // The row is ahead of the journal: its latest entry may have
                // been deleted. Name that entry when it is gone.
                entry.addBindValue(entrySeq);
                const bool exists = entry.exec() && entry.next();
                entry.finish();
                if (!exists) {
                    report(entrySeq, id,
                           QCoreApplication::translate("CancelJournal",
                                                       "Journal entry %1, the latest of cancel "
                                                       "attempt %2, is missing.")
                               .arg(entrySeq)
                               .arg(id));
                    continue;
                }
            }
            if (entrySeq != latest) {
                report(latest, id,
                       QCoreApplication::translate("CancelJournal",
                                                   "Cancel attempt %1 points to journal entry "
                                                   "%2, but its latest entry is %3.")
                           .arg(id)
                           .arg(entrySeq)
                           .arg(latest));
                continue;
            }
            entry.addBindValue(latest);
            if (!entry.exec() || !entry.next())
                return readFailure(entry);
            const QString journaledHash = entry.value(1).toString();
            const int format = entry.value(0).toInt();
            const QVariantList journaled = snapshotAt(entry, 2);
            entry.finish();
            if (q.value(seqColumn + 1).toString() != journaledHash) {
                report(latest, id,
                       QCoreApplication::translate("CancelJournal",
                                                   "Cancel attempt %1 does not carry the hash "
                                                   "of its latest journal entry %2.")
                           .arg(id)
                           .arg(latest));
                continue;
            }
            const QVariantList row = snapshotAt(q, 1);
            for (qsizetype i = 0; i < qsizetype(kColumns.size()); ++i) {
                const Column &column = kColumns[size_t(i)];
                // An entry older than a column vouches for its default value.
                QVariant expected = journaled.at(i);
                if (column.sinceFormat > format) {
                    expected = column.kind == Kind::Text  ? QVariant(u""_s)
                               : column.kind == Kind::Int ? QVariant(qint64(0))
                                                          : QVariant();
                }
                if (canonicalValue(row.at(i)) != canonicalValue(expected)) {
                    report(latest, id,
                           QCoreApplication::translate("CancelJournal",
                                                       "Cancel attempt %1 differs from its "
                                                       "latest journal entry %2 in %3.")
                               .arg(id)
                               .arg(latest)
                               .arg(QString::fromUtf16(column.name)));
                    break;
                }
            }
        }
        if (q.lastError().isValid())
            return readFailure(q);
    }
    for (auto it = spans.cbegin(); it != spans.cend(); ++it) {
        if (!seen.contains(it.key())) {
            report(it->first, it.key(),
                   QCoreApplication::translate("CancelJournal",
                                               "Entry %1 belongs to cancel attempt %2, which "
                                               "does not exist.")
                       .arg(it->first)
                       .arg(it.key()));
        }
    }
    return result;
}

std::optional<JournalHead> CancelJournal::head(QString *error) const
{
    QSqlQuery q(m_db.connection());
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

VerifyResult CancelJournal::verifyAgainst(const JournalHead &expected) const
{
    // The chain first: a change before the head is named by its own entry.
    VerifyResult result = verify();
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
