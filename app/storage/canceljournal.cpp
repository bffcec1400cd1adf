#include "canceljournal.h"

#include "database.h"
#include "enginesql.h"
#include "journalchain.h"
#include "keybatch.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <array>
#include <string_view>

using namespace Qt::Literals::StringLiterals;

// The attempt store: cancel_attempts rows and the journal entry each change
// appends (the chain itself: journalchain.cpp; verify: journalverify.cpp).

namespace CancelDesk::Storage {

using Domain::CancelReason;
using Domain::Provider;
using namespace JournalChain;

namespace {

struct StateName
{
    AttemptState state;
    const char16_t *key;
    const char *label;
};

constexpr std::array<StateName, 9> kStateNames{{
    {AttemptState::Prepared, u"PREPARED", QT_TRANSLATE_NOOP("CancelJournal", "Prepared")},
    {AttemptState::Sent, u"SENT", QT_TRANSLATE_NOOP("CancelJournal", "Sent")},
    {AttemptState::Confirming, u"CONFIRMING", QT_TRANSLATE_NOOP("CancelJournal", "Confirming")},
    {AttemptState::Succeeded, u"SUCCEEDED", QT_TRANSLATE_NOOP("CancelJournal", "Succeeded")},
    {AttemptState::Rejected, u"REJECTED", QT_TRANSLATE_NOOP("CancelJournal", "Rejected")},
    {AttemptState::Unresolved, u"UNRESOLVED",
     QT_TRANSLATE_NOOP("CancelJournal", "Unresolved (outcome unknown)")},
    {AttemptState::AwaitingApproval, u"AWAITING_APPROVAL",
     QT_TRANSLATE_NOOP("CancelJournal", "Awaiting approval")},
    {AttemptState::Declined, u"DECLINED", QT_TRANSLATE_NOOP("CancelJournal", "Declined")},
    {AttemptState::Expired, u"EXPIRED",
     QT_TRANSLATE_NOOP("CancelJournal", "Expired (not approved in time)")},
}};

// holdsOrder(), spelled like the WHERE of the partial unique index
// cancel_attempts_one_active so that SQLite can use it.
const QString kHoldingStates = u"('PREPARED', 'SENT', 'CONFIRMING', 'AWAITING_APPROVAL')"_s;
// inFlight()
const QString kInFlightStates = u"('PREPARED', 'SENT', 'CONFIRMING')"_s;

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
        text(a.approver),
        text(a.decisionNote),
        msOrNull(a.approvalDeadline),
    };
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
    a.approver = v.at(25).toString();
    a.decisionNote = v.at(26).toString();
    a.approvalDeadline = timeFrom(v.at(27));
    a.entryHash = entryHash;
    return a;
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
    // A team store's rules (a role, four eyes, a lease) refuse with 42501.
    const bool refused = EngineSql::sqlState(q.lastError()) == u"42501";
    return failed(refused ? JournalError::NotPermitted : JournalError::Database,
                  Database::errorText(q.lastError()));
}

// The approval threshold of a currency (F23), when it has one.
std::optional<qint64> thresholdIn(const QSqlDatabase &db, const QString &currency, QString *error)
{
    error->clear();
    QSqlQuery q(db);
    q.prepare(u"SELECT amount_minor FROM approval_thresholds WHERE currency = ?"_s);
    q.addBindValue(currency);
    if (!q.exec()) {
        *error = Database::errorText(q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

QString selectAttemptSql()
{
    return u"SELECT id, "_s + columnList() + u", entry_hash FROM cancel_attempts"_s;
}

template<typename Row> CancelAttempt attemptFromRow(const Row &q)
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
              + kHoldingStates);
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

// Why inserting a new attempt row failed: a second active attempt for the
// order (the partial unique index, whichever process wrote the first) or a
// reused key; otherwise the database error itself.
JournalResult insertRefusal(const QSqlDatabase &db, const CancelAttempt &a, const QSqlQuery &q)
{
    if (const auto active = loadActive(db, a.provider, a.paymentId))
        return activeAttemptExists(*active);
    QSqlQuery key(db);
    key.prepare(u"SELECT 1 FROM cancel_attempts WHERE idempotency_key = ?"_s);
    key.addBindValue(a.idempotencyKey);
    if (key.exec() && key.next()) {
        return failed(
            JournalError::InvalidInput,
            QCoreApplication::translate("CancelJournal",
                                        "The idempotency key is already used by another attempt."));
    }
    return dbFailure(q);
}

// Writes the attempt row to match its new entry: inserted when isNew, updated
// otherwise.
JournalResult storeAttemptRow(const QSqlDatabase &db, const CancelAttempt &a, bool isNew,
                              const NewEntry &entry)
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
    for (const QVariant &v : entry.values)
        q.addBindValue(v);
    q.addBindValue(entry.seq);
    q.addBindValue(entry.hash);
    if (!isNew)
        q.addBindValue(a.id);
    // A refused write (the one-active-attempt index) is explained by reads in
    // the same transaction, which must go on after the failed statement.
    Savepoint step(db);
    if (!q.exec()) {
        step.rollback();
        return isNew ? insertRefusal(db, a, q) : dbFailure(q);
    }
    return {};
}

// Appends the entry for attempt `a` (whose id is set) and writes the attempt row
// to match it: inserted when isNew, updated otherwise. The caller holds a write
// transaction, which makes reading the chain head and appending atomic even
// across processes.
JournalResult appendAndStore(const QSqlDatabase &db, CancelAttempt a, bool isNew,
                             const QString &teamLogin)
{
    QString error;
    const std::optional<JournalHead> head = readHead(db, &error);
    if (!head)
        return failed(JournalError::Database, error);
    NewEntry entry;
    entry.seq = head->seq + 1;
    entry.attemptId = a.id;
    entry.recordedAt = QDateTime::currentMSecsSinceEpoch();
    // Who writes it: the login in a team store (F21), else the operator the
    // attempt names.
    entry.recordedBy = teamLogin.isEmpty() ? a.operatorName : teamLogin;
    entry.prevHash = head->seq == 0 ? genesisHash() : head->hash;
    entry.values = snapshotValues(a);
    hashEntry(entry);
    if (JournalResult stored = storeAttemptRow(db, a, isNew, entry); !stored.ok())
        return stored;
    if (!insertEntry(db, entry, &error))
        return failed(JournalError::Database, error);
    a.entryHash = entry.hash;
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

JournalResult awaitingApproval(const CancelAttempt &stored)
{
    return failed(JournalError::InvalidTransition,
                  QCoreApplication::translate("CancelJournal",
                                              "Cancel attempt %1 is awaiting approval: nothing "
                                              "was sent, and it can only be approved, declined "
                                              "or lapse.")
                      .arg(stored.id));
}

// Why an attempt that is not in flight cannot be sent, owned or leased.
JournalResult notInFlight(const CancelAttempt &stored)
{
    return stored.state == AttemptState::AwaitingApproval ? awaitingApproval(stored)
                                                          : finalAttempt(stored);
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

// The first identifying column that `attempt` changes against `stored`, or null.
const char16_t *changedIdentity(const CancelAttempt &attempt, const CancelAttempt &stored)
{
    const struct
    {
        bool same;
        const char16_t *field;
    } identity[] = {
        {attempt.idempotencyKey == stored.idempotencyKey, u"idempotency_key"},
        {attempt.provider == stored.provider, u"provider"},
        {attempt.paymentId == stored.paymentId, u"payment_id"},
        {attempt.merchantReference == stored.merchantReference, u"merchant_reference"},
        {attempt.amount == stored.amount, u"amount"},
        {attempt.paymentMethod == stored.paymentMethod, u"payment_method"},
        {attempt.reason == stored.reason, u"reason"},
        {attempt.note == stored.note, u"note"},
        {attempt.operatorName == stored.operatorName, u"operator"},
        {attempt.environment == stored.environment, u"environment"},
        {attempt.requestedAt == stored.requestedAt, u"requested_at"},
    };
    for (const auto &field : identity) {
        if (!field.same)
            return field.field;
    }
    return nullptr;
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

bool inFlight(AttemptState state)
{
    return state == AttemptState::Prepared || state == AttemptState::Sent
           || state == AttemptState::Confirming;
}

bool holdsOrder(AttemptState state)
{
    return inFlight(state) || state == AttemptState::AwaitingApproval;
}

CancelJournal::CancelJournal(Database &db)
    : m_db(db)
{}

QString CancelJournal::databasePath() const
{
    if (m_db.engine() != Engine::Sqlite)
        return m_db.path();
    return QFileInfo(m_db.path()).absoluteFilePath();
}

QDateTime CancelJournal::clockNow() const
{
    return m_db.clockNow();
}

JournalResult CancelJournal::prepare(CancelAttempt draft)
{
    if (draft.paymentId.trimmed().isEmpty())
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal", "The payment ID is missing."));
    // In a team store the requester is the login (F21); the database refuses
    // any other name.
    if (const QString login = m_db.teamLogin(); !login.isEmpty())
        draft.operatorName = login;
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

    // The database's clock: another machine of the team judges the lease by it.
    const QDateTime now = m_db.clockNow();
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
    // Nobody has approved a new attempt (approve() and decline() set these).
    draft.approver.clear();
    draft.decisionNote.clear();
    const QDateTime approvalDeadline =
        draft.approvalDeadline.isValid() && draft.approvalDeadline.toUTC() < now.addDays(1)
            ? draft.approvalDeadline.toUTC()
            : now.addDays(1);
    draft.approvalDeadline = {};
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
    // Four eyes (F23), decided in the same transaction as the write: at or
    // above its currency's threshold the attempt waits for a second person,
    // with nothing sent and nobody owning it.
    const std::optional<qint64> limit = thresholdIn(db, draft.amount.currency, &error);
    if (!error.isEmpty())
        return failed(JournalError::Database, error);
    if (limit && draft.amount.minor >= *limit) {
        draft.state = AttemptState::AwaitingApproval;
        draft.setOwner({});
        draft.leaseUntil = {};
        draft.approvalDeadline = approvalDeadline;
    }
    return commitOrFail(tx, appendAndStore(db, draft, true, m_db.teamLogin()));
}

std::optional<qint64> CancelJournal::threshold(const QString &currency, QString *error) const
{
    QString problem;
    const std::optional<qint64> limit = thresholdIn(m_db.connection(), currency, &problem);
    if (error)
        *error = problem;
    return limit;
}

QList<Threshold> CancelJournal::thresholds(QString *error) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QList<Threshold> all;
    if (!q.exec(u"SELECT currency, amount_minor FROM approval_thresholds ORDER BY currency"_s)) {
        if (error)
            *error = Database::errorText(q.lastError());
        return {};
    }
    while (q.next())
        all.append({q.value(0).toString(), q.value(1).toLongLong()});
    return all;
}

JournalResult CancelJournal::setThreshold(const QString &currency,
                                          const std::optional<qint64> &amountMinor)
{
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    QString error;
    if (!tx.begin(&error))
        return failed(JournalError::Database, error);
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM approval_thresholds WHERE currency = ?"_s);
    q.addBindValue(currency);
    if (!q.exec())
        return dbFailure(q);
    if (amountMinor) {
        q.prepare(u"INSERT INTO approval_thresholds (currency, amount_minor) VALUES (?, ?)"_s);
        q.addBindValue(currency);
        q.addBindValue(*amountMinor);
        if (!q.exec())
            return dbFailure(q);
    }
    return commitOrFail(tx, {});
}

JournalResult CancelJournal::approve(qint64 attemptId, const QString &approver,
                                     const ProcessOwner &owner)
{
    return decide(attemptId, AttemptState::Prepared, approver, {}, owner);
}

JournalResult CancelJournal::decline(qint64 attemptId, const QString &approver, const QString &note)
{
    if (note.trimmed().isEmpty())
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal",
                                                  "Declining a cancel needs a note for the "
                                                  "requester."));
    return decide(attemptId, AttemptState::Declined, approver, note.trimmed(), {});
}

JournalResult CancelJournal::decide(qint64 attemptId, AttemptState outcome,
                                    const QString &approverName, const QString &note,
                                    const ProcessOwner &owner)
{
    // In a team store the approver is the login, whatever name was given.
    const QString login = m_db.teamLogin();
    const QString approver = login.isEmpty() ? approverName.trimmed() : login;
    if (approver.isEmpty())
        return failed(
            JournalError::InvalidInput,
            QCoreApplication::translate("CancelJournal", "The approver's name is missing."));
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    JournalResult failure;
    const std::optional<CancelAttempt> stored = beginAndLoad(tx, db, attemptId, &failure);
    if (!stored)
        return failure;
    if (stored->state != AttemptState::AwaitingApproval)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Cancel attempt %1 is not awaiting approval "
                                                  "(it is %2).")
                          .arg(attemptId)
                          .arg(attemptStateLabel(stored->state)));
    // Four eyes: never the requester. The team database refuses it as well.
    if (approver == stored->operatorName)
        return failed(JournalError::NotPermitted,
                      QCoreApplication::translate("CancelJournal",
                                                  "%1 requested this cancel and cannot approve or "
                                                  "decline it: another person must.")
                          .arg(approver));
    const QDateTime now = m_db.clockNow();
    if (stored->approvalDeadline.isValid() && now >= stored->approvalDeadline)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "The approval request for cancel attempt %1 "
                                                  "has lapsed.")
                          .arg(attemptId));
    CancelAttempt next = *stored;
    next.state = outcome;
    next.approver = approver;
    next.decisionNote = note;
    if (outcome == AttemptState::Prepared) {
        // The approver's process sends it, under a lease like any new attempt.
        next.setOwner(owner);
        next.leaseUntil = now.addSecs(kLeaseSeconds);
    } else {
        next.finishedAt = now;
    }
    return commitOrFail(tx, appendAndStore(db, next, false, login));
}

JournalResult CancelJournal::expire(qint64 attemptId)
{
    const QSqlDatabase db = m_db.connection();
    WriteTransaction tx(db);
    JournalResult failure;
    const std::optional<CancelAttempt> stored = beginAndLoad(tx, db, attemptId, &failure);
    if (!stored)
        return failure;
    const QDateTime now = m_db.clockNow();
    if (stored->state != AttemptState::AwaitingApproval || !stored->approvalDeadline.isValid()
        || now < stored->approvalDeadline)
        return failed(
            JournalError::InvalidTransition,
            QCoreApplication::translate("CancelJournal", "Cancel attempt %1 has not lapsed.")
                .arg(attemptId));
    CancelAttempt next = *stored;
    next.state = AttemptState::Expired;
    next.finishedAt = now;
    return commitOrFail(tx, appendAndStore(db, next, false, m_db.teamLogin()));
}

QList<CancelAttempt> CancelJournal::expireLapsed(QString *error)
{
    QString problem;
    const QList<CancelAttempt> queue = approvalQueue(&problem);
    const QDateTime now = m_db.clockNow();
    QList<CancelAttempt> expired;
    for (const CancelAttempt &a : queue) {
        if (!a.approvalDeadline.isValid() || a.approvalDeadline > now)
            break; // the queue is in deadline order
        // Someone else may have decided or expired it meanwhile: not an error.
        if (JournalResult r = expire(a.id); r.ok())
            expired.append(r.attempt);
        else if (r.error == JournalError::Database && problem.isEmpty())
            problem = r.message;
    }
    if (error)
        *error = problem;
    return expired;
}

QList<CancelAttempt> CancelJournal::approvalQueue(QString *error) const
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QList<CancelAttempt> all;
    if (!q.exec(selectAttemptSql()
                + u" WHERE state = 'AWAITING_APPROVAL' ORDER BY approval_deadline, id"_s)) {
        if (error)
            *error = Database::errorText(q.lastError());
        return {};
    }
    while (q.next())
        all.append(attemptFromRow(q));
    return all;
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
    if (!inFlight(stored->state))
        return notInFlight(*stored);
    if (stored->owner() != attempt.owner())
        return ownedElsewhere(*stored);

    // What identifies the attempt is fixed when it is prepared: a retry must
    // send the same key for the same order.
    if (const char16_t *field = changedIdentity(attempt, *stored))
        return failed(JournalError::InvalidInput,
                      QCoreApplication::translate("CancelJournal",
                                                  "The %1 of cancel attempt %2 cannot change.")
                          .arg(QString::fromUtf16(field))
                          .arg(attempt.id));
    // Once a request may have left, the attempt never claims again that
    // nothing was sent.
    if (attempt.state == AttemptState::Prepared && stored->state != AttemptState::Prepared)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Cancel attempt %1 was already sent; it cannot "
                                                  "go back to PREPARED.")
                          .arg(attempt.id));

    // record() writes what sending brought; approving, declining and lapsing
    // are not its business.
    if (!inFlight(attempt.state) && attempt.state != AttemptState::Succeeded
        && attempt.state != AttemptState::Rejected && attempt.state != AttemptState::Unresolved)
        return failed(JournalError::InvalidTransition,
                      QCoreApplication::translate("CancelJournal",
                                                  "Cancel attempt %1 cannot be recorded as %2.")
                          .arg(attempt.id)
                          .arg(attemptStateKey(attempt.state)));

    CancelAttempt next = *stored;
    next.state = attempt.state;
    next.providerCode = attempt.providerCode;
    next.providerMessage = attempt.providerMessage;
    next.httpStatus = attempt.httpStatus;
    next.tries = attempt.tries;
    next.latencyMs = attempt.latencyMs;
    next.statusBefore = attempt.statusBefore;
    next.statusAfter = attempt.statusAfter;
    if (inFlight(next.state))
        next.finishedAt = {};
    else
        next.finishedAt = attempt.finishedAt.isValid() ? attempt.finishedAt.toUTC()
                                                       : QDateTime::currentDateTimeUtc();
    JournalResult r = appendAndStore(db, next, false, m_db.teamLogin());
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
    if (!inFlight(stored->state))
        return notInFlight(*stored);
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
    return commitOrFail(tx, appendAndStore(db, changed, false, m_db.teamLogin()));
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
    JournalResult r = appendAndStore(db, next, false, m_db.teamLogin());
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

QList<CancelAttempt> CancelJournal::openAttemptsOf(const QList<Domain::OrderKey> &orders,
                                                   QString *error) const
{
    QList<CancelAttempt> attempts;
    const bool ok = selectByKeys(
        m_db.connection(), selectAttemptSql(),
        u" AND (state IN "_s + kHoldingStates + u" OR state = 'UNRESOLVED')"_s, orders,
        [&attempts](const QSqlQuery &q) { attempts.append(attemptFromRow(q)); }, error);
    if (!ok)
        return {};
    std::sort(attempts.begin(), attempts.end(),
              [](const CancelAttempt &a, const CancelAttempt &b) { return a.id < b.id; });
    return attempts;
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
    return commitOrFail(tx, appendAndStore(db, next, false, m_db.teamLogin()));
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
    q.prepare(selectAttemptSql() + u" WHERE state IN "_s + kInFlightStates + u" ORDER BY id"_s);
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
    return walk(
        filter, [&visit](const RowCursor &q) { return visit(attemptFromRow(q)); }, error);
}

bool CancelJournal::forEachRow(const AttemptFilter &filter,
                               const std::function<bool(const AttemptRow &)> &visit,
                               QString *error) const
{
    return walk(
        filter, [&visit](const RowCursor &q) { return visit(AttemptRow(q)); }, error);
}

bool CancelJournal::walk(const AttemptFilter &filter,
                         const std::function<bool(const RowCursor &)> &visit, QString *error) const
{
    QVariantList binds;
    const QString where = filterSql(filter, &binds);
    // The export reads every attempt: sqlite3's own rows (RowCursor).
    RowCursor q(m_db.connection(), selectAttemptSql() + where + u" ORDER BY id"_s, binds);
    if (!q.exec()) {
        if (error)
            *error = q.error();
        return false;
    }
    while (q.next()) {
        if (!visit(q))
            return true;
    }
    // next() also ends the rows on a failed step (a damaged page).
    if (!q.error().isEmpty()) {
        if (error)
            *error = q.error();
        return false;
    }
    return true;
}

// The snapshot's columns follow the id (selectAttemptSql()).
static_assert(int(AttemptColumn::ApprovalDeadline) + 1 == int(kColumns.size()));
static_assert(std::u16string_view(kColumns[int(AttemptColumn::LatencyMs)].name) == u"latency_ms");
static_assert(std::u16string_view(kColumns[int(AttemptColumn::StatusAfter)].name)
              == u"status_after");

qint64 AttemptRow::id() const
{
    return m_row.int64(0);
}

bool AttemptRow::isNull(AttemptColumn column) const
{
    return m_row.isNull(int(column) + 1);
}

qint64 AttemptRow::integer(AttemptColumn column) const
{
    return m_row.int64(int(column) + 1);
}

QByteArrayView AttemptRow::utf8(AttemptColumn column) const
{
    return m_row.utf8(int(column) + 1);
}

QByteArrayView AttemptRow::entryHash() const
{
    return m_row.utf8(int(kColumns.size()) + 1);
}

} // namespace CancelDesk::Storage
