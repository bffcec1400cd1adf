#pragma once

#include "domain/cancelreason.h"
#include "domain/money.h"
#include "domain/order.h"
#include "domain/provider.h"
#include "processowner.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace CancelDesk::Storage {

class Database;
class RowCursor;

// The states of a cancel attempt (PRODUCT.md F11, F23). PREPARED, SENT and
// CONFIRMING are in flight; AWAITING_APPROVAL waits for a second person
// (nothing sent, no owner); SUCCEEDED, REJECTED, UNRESOLVED, DECLINED and
// EXPIRED are final (UNRESOLVED may still be retried or reconciled).
enum class AttemptState {
    Prepared,
    Sent,
    Confirming,
    Succeeded,
    Rejected,
    Unresolved,
    AwaitingApproval,
    Declined,
    Expired
};
QString attemptStateKey(AttemptState state);
std::optional<AttemptState> attemptStateFromKey(QStringView key);
QString attemptStateLabel(AttemptState state); // translated
// The attempt holds its order: no second attempt for the order may start
// (the in-flight states and AWAITING_APPROVAL; the partial unique index
// cancel_attempts_one_active).
bool holdsOrder(AttemptState state);
// A request may be on its way or being confirmed: PREPARED, SENT, CONFIRMING,
// what recovery resumes and what an owner and a lease belong to.
bool inFlight(AttemptState state);

struct CancelAttempt
{
    qint64 id = 0; // attempt_id, assigned by prepare()
    Domain::Provider provider = Domain::Provider::Uqpay;
    QString paymentId;
    QString merchantReference;
    Domain::Money amount;
    QString paymentMethod;
    QString operatorName;
    QString environment; // "sandbox" | "test" | "production"
    Domain::CancelReason reason = Domain::CancelReason::RequestedByCustomer;
    QString note;
    // UQPAY x-idempotency-key; also identifies the attempt for Antom/Liquido
    // retries. Generated (UUID) by prepare() when empty; never changes.
    QString idempotencyKey;
    AttemptState state = AttemptState::Prepared;
    QString providerCode;
    QString providerMessage;
    int httpStatus = 0;
    int tries = 0;
    QDateTime requestedAt; // UTC
    QDateTime finishedAt;  // UTC, set on a final state
    qint64 latencyMs = -1;
    QString statusBefore; // normalised status keys
    QString statusAfter;
    // Which process handles the attempt, for crash recovery (F11).
    QString ownerHost;
    qint64 ownerPid = 0;
    QString ownerInstance; // see ProcessOwner
    QDateTime leaseUntil;  // UTC
    // Four-eyes approval (F23, journal format 4): who approved or declined
    // (empty until then), their note, and when the request lapses (UTC;
    // invalid when the attempt never awaited approval).
    QString approver;
    QString decisionNote;
    QDateTime approvalDeadline;
    // Hash of this attempt's latest journal entry (export column entry_hash).
    QString entryHash;

    ProcessOwner owner() const { return {ownerHost, ownerPid, ownerInstance}; }
    void setOwner(const ProcessOwner &owner);
};

enum class JournalError {
    None,
    ActiveAttemptExists,
    NotFound,
    InvalidTransition,
    InvalidInput,
    NotPermitted, // the team database's rules (role, four eyes, lease) refused it
    Database
};

// A currency's approval threshold (F23): cancels of at least amountMinor wait
// for a second person.
struct Threshold
{
    QString currency;
    qint64 amountMinor = 0;
};

struct JournalResult
{
    CancelAttempt attempt;
    JournalError error = JournalError::None;
    QString message; // translated, when error != None
    bool ok() const { return error == JournalError::None; }
};

struct AttemptFilter
{
    QDateTime requestedFrom; // inclusive, UTC; invalid = open
    QDateTime requestedTo;   // exclusive, UTC; invalid = open
    std::optional<Domain::Provider> provider;
    QString operatorName;
    std::optional<AttemptState> state;
    std::optional<Domain::CancelReason> reason;
    QString paymentId;
    // Only attempts with a larger id (paging through the log in id order).
    qint64 afterId = 0;
};

struct VerifyResult
{
    // The whole walk finished and found nothing wrong.
    bool ok = true;
    // VerifyHooks::shouldStop ended the walk before it finished: nothing was
    // verified and nothing found wrong (ok is false, problem empty). Neither
    // intact nor altered; a caller says "stopped".
    bool stopped = false;
    qint64 entriesChecked = 0;
    qint64 firstBadEntry = 0;   // journal entry sequence number, 0 when ok
    qint64 firstBadAttempt = 0; // attempt id of that entry
    QString problem;            // translated
};

// Optional hooks into verify(), which reads every entry and attempt: a
// background job's stop request and progress.
struct VerifyHooks
{
    // Asked every few hundred rows; true ends the walk, stopped.
    std::function<bool()> shouldStop = {};
    // Told every few hundred rows: rows checked, rows to check (entries and
    // attempts).
    std::function<void(qint64 done, qint64 total)> progress = {};
};

// The head of the journal's hash chain (PRODUCT.md F16a): the newest entry's
// seq and entry_hash. Kept outside the database (printed, copied, written into
// export manifests), it lets verifyAgainst() prove that nothing up to it was
// removed or changed. An empty journal's head is seq 0 with an empty hash,
// written "0:".
struct JournalHead
{
    qint64 seq = 0;
    QString hash; // lower-case hex SHA-256; empty when seq is 0

    // "SEQ:HASH", e.g. "17:3f9a…" (64 hex digits), or "0:".
    QString toString() const;
    // Reads "SEQ:HASH" (surrounding spaces allowed, hex in either case);
    // nullopt when it is not one.
    static std::optional<JournalHead> parse(QStringView text);
    // {"seq": N, "hash": "…"}: `log head --json` and the export manifests.
    QJsonObject toJson() const;
    static std::optional<JournalHead> fromJson(const QJsonObject &object);
    friend bool operator==(const JournalHead &, const JournalHead &) = default;
};

// A stored attempt's columns, as the cancel_attempts table holds them (the
// chain's snapshot, kColumns in journalchain.h, in that order).
enum class AttemptColumn {
    Provider,
    PaymentId,
    MerchantReference,
    AmountMinor,
    Currency,
    PaymentMethod,
    Operator,
    Environment,
    Reason,
    Note,
    IdempotencyKey,
    State,
    ProviderCode,
    ProviderMessage,
    HttpStatus,
    Tries,
    RequestedAt,
    FinishedAt,
    LatencyMs,
    StatusBefore,
    StatusAfter,
    OwnerHost,
    OwnerPid,
    LeaseUntil,
    OwnerInstance,
    Approver,
    DecisionNote,
    ApprovalDeadline,
};

// One attempt of CancelJournal::forEachRow(), read from the row in place: the
// values a CancelAttempt is built from, without building one. Valid only
// inside the callback.
class AttemptRow
{
public:
    explicit AttemptRow(const RowCursor &row)
        : m_row(row)
    {}
    qint64 id() const;
    bool isNull(AttemptColumn column) const;
    // The column's integer (times: milliseconds since the epoch, UTC); 0 for
    // NULL, as CancelAttempt reads it.
    qint64 integer(AttemptColumn column) const;
    // The column's text as UTF-8, valid until the callback returns; empty for
    // NULL.
    QByteArrayView utf8(AttemptColumn column) const;
    QByteArrayView entryHash() const;

private:
    const RowCursor &m_row;
};

// The cancel log. Every change of an attempt appends an entry to an append-only,
// hash-chained journal (F16): entry_hash = SHA-256(previous entry_hash + canonical
// content). The current state of each attempt lives beside it; a partial unique
// index allows at most one active attempt per order, across processes (F12).
class CancelJournal final
{
public:
    explicit CancelJournal(Database &db);
    Q_DISABLE_COPY_MOVE(CancelJournal)

    // Writes and commits a PREPARED attempt (journal first: before any network
    // I/O). Refused with ActiveAttemptExists while another attempt holds the
    // same order (PREPARED, SENT, CONFIRMING or AWAITING_APPROVAL), whichever
    // process wrote it.
    JournalResult prepare(CancelAttempt draft);
    // Stores a new state/outcome of an existing attempt and appends an entry.
    // A final attempt cannot change any more (InvalidTransition); the
    // idempotency key, order and reason can never change. The write is refused
    // (InvalidTransition) unless the attempt is still owned by the owner that
    // `attempt` names: a process that lost the attempt to recovery, or let go
    // of it, cannot write over the new owner's work.
    // alsoWrite, when given, runs inside the same write transaction after the
    // entry is appended (the order's new status, F11 step 6); a non-empty
    // answer is an error that rolls both back.
    JournalResult record(const CancelAttempt &attempt,
                         const std::function<QString()> &alsoWrite = {});
    // Retries an UNRESOLVED attempt (PRODUCT.md §10: never a new attempt or a
    // new key for such an order): moves it back to SENT, owned by `owner`,
    // with the same key and body. Refused with ActiveAttemptExists while the
    // order has an active attempt, InvalidTransition unless it is UNRESOLVED.
    JournalResult reopen(qint64 attemptId, const ProcessOwner &owner, const QDateTime &leaseUntil);
    // Whether the provider accepted the attempt at some point (a journal entry
    // in CONFIRMING: accepted, not final yet).
    bool wasAccepted(qint64 attemptId) const;
    // The newest UNRESOLVED attempt of an order, if any.
    std::optional<CancelAttempt> unresolvedFor(Domain::Provider provider,
                                               const QString &paymentId) const;

    // The attempts holding these orders and the UNRESOLVED ones, in id order, read
    // in a few statements (one per provider and batch of keys). Empty with
    // *error set when they cannot be read.
    QList<CancelAttempt> openAttemptsOf(const QList<Domain::OrderKey> &orders,
                                        QString *error = nullptr) const;

    std::optional<CancelAttempt> find(qint64 attemptId) const;
    // The attempt holding the order (holdsOrder()), if any.
    std::optional<CancelAttempt> activeFor(Domain::Provider provider,
                                           const QString &paymentId) const;
    // The attempts in flight (inFlight(): what recovery resumes; never one
    // AWAITING_APPROVAL); empty with *error set when they cannot be read.
    QList<CancelAttempt> unfinished(QString *error = nullptr) const;
    QList<CancelAttempt> list(const AttemptFilter &filter) const;
    // Streams attempts in id order without loading them all (exports); stop by
    // returning false from the callback.
    bool forEach(const AttemptFilter &filter,
                 const std::function<bool(const CancelAttempt &)> &visit,
                 QString *error = nullptr) const;
    // The same walk, each attempt read in place (AttemptRow) rather than as a
    // CancelAttempt: for the export, which writes a million of them out.
    bool forEachRow(const AttemptFilter &filter,
                    const std::function<bool(const AttemptRow &)> &visit,
                    QString *error = nullptr) const;

    // Extends the lease of an active attempt this process owns (a heartbeat while
    // it is being handled). Journaled like every change. InvalidTransition when
    // the attempt is no longer this process's.
    JournalResult renewLease(qint64 attemptId, const QDateTime &leaseUntil);
    // Takes over (F11 recovery) or releases an active attempt if, and only if,
    // it is still owned by `expected` and, when expectedLease is given, still
    // under exactly that lease: of two processes that both saw a dead owner,
    // one wins; an owner that renewed its lease meanwhile keeps the attempt.
    // The loser gets InvalidTransition.
    JournalResult setOwner(qint64 attemptId, const ProcessOwner &expected,
                           const std::optional<QDateTime> &expectedLease, const ProcessOwner &next,
                           const QDateTime &leaseUntil);

    // F11 step 5: a later status retrieval settled an UNRESOLVED attempt. Moves
    // it, once, to SUCCEEDED (the provider shows the payment cancelled) or
    // REJECTED (the payment can no longer be cancelled), with provider code
    // RECONCILED and the provider's raw status in the message; journaled like
    // every change. Any other attempt gives InvalidTransition.
    JournalResult reconcile(qint64 attemptId, AttemptState outcome, const QString &statusAfter,
                            const QString &providerStatus, const QDateTime &at);

    // How many attempts match; -1 when the journal cannot be read.
    qint64 count(const AttemptFilter &filter) const;

    // Walks the whole journal (F16); see journalverify.cpp for what is checked.
    VerifyResult verify(const VerifyHooks &hooks = {}) const;
    // The chain head now; nullopt with *error set when the journal cannot be read.
    std::optional<JournalHead> head(QString *error = nullptr) const;
    // verify(), and also fails unless the entry expected.seq still exists with
    // exactly expected.hash (F16a): a head kept outside the database reveals
    // entries cut off the end, or a chain rewritten from some entry on. Entries
    // after the expected head are allowed and verified like the rest.
    // A stopped walk is returned as it is: the head is not looked at.
    VerifyResult verifyAgainst(const JournalHead &expected, const VerifyHooks &hooks = {}) const;

    // Four eyes (F23). prepare() writes a cancel at or above its currency's
    // threshold as AWAITING_APPROVAL: nothing is sent, nobody owns it, and it
    // lapses at the draft's approvalDeadline (the order's cancel deadline;
    // at most a day from now). Another person approves it, which makes it
    // PREPARED and owned by `owner` (who then sends it with its key), or
    // declines it with a note (DECLINED); once its deadline has passed by the
    // database's clock expire() records that it lapsed (EXPIRED). In a team
    // store the approver is the login; the requester never approves or
    // declines (NotPermitted). Thresholds: setThreshold(currency, nullopt)
    // removes one; only the owner of a team store may change them.
    JournalResult approve(qint64 attemptId, const QString &approver, const ProcessOwner &owner);
    JournalResult decline(qint64 attemptId, const QString &approver, const QString &note);
    JournalResult expire(qint64 attemptId);
    // Expires every request whose deadline has passed (recovery does, on
    // start-up and with every CLI command); the attempts it expired.
    QList<CancelAttempt> expireLapsed(QString *error = nullptr);
    QList<CancelAttempt> approvalQueue(QString *error = nullptr) const; // by deadline
    std::optional<qint64> threshold(const QString &currency, QString *error = nullptr) const;
    QList<Threshold> thresholds(QString *error = nullptr) const;
    JournalResult setThreshold(const QString &currency, const std::optional<qint64> &amountMinor);

    // The database file behind the journal, as an absolute path: what
    // identifies the journal across the objects of one process.
    QString databasePath() const;

    // The clock leases are judged by: the database's (Database::clockNow()).
    QDateTime clockNow() const;

    // How long prepare() leases a new attempt to this process.
    static constexpr int kLeaseSeconds = 120;

private:
    JournalResult decide(qint64 attemptId, AttemptState outcome, const QString &approver,
                         const QString &note, const ProcessOwner &owner);
    // forEach() and forEachRow(): the rows of the filter, in id order.
    bool walk(const AttemptFilter &filter, const std::function<bool(const RowCursor &)> &visit,
              QString *error) const;

    Database &m_db;
};

} // namespace CancelDesk::Storage
