#include "handjournal.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using namespace CancelDesk::Storage;
using Domain::CancelReason;
using Domain::OrderKey;
using Domain::Provider;

Q_DECLARE_METATYPE(CancelDesk::Storage::AttemptState)
Q_DECLARE_METATYPE(CancelDesk::Storage::JournalError)
Q_DECLARE_METATYPE(CancelDesk::Storage::AttemptFilter)

namespace {

const QDateTime kT0 = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC); // 2026-01-01

CancelAttempt draft(Provider provider, const QString &paymentId)
{
    CancelAttempt a;
    a.provider = provider;
    a.paymentId = paymentId;
    a.merchantReference = u"REF-"_s + paymentId;
    a.amount = {1999, u"USD"_s};
    a.paymentMethod = u"CARD"_s;
    a.operatorName = u"li.na"_s;
    a.environment = u"sandbox"_s;
    a.reason = CancelReason::Duplicate;
    a.note = u"customer paid twice"_s;
    a.statusBefore = u"PENDING"_s;
    return a;
}

bool exec(const QSqlDatabase &db, const QString &sql, QString *error = nullptr)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

bool onPostgres(const QSqlDatabase &db)
{
    return Storage::engineOf(db) == Storage::Engine::PostgreSql;
}

QStringList tableColumns(const QSqlDatabase &db, const QString &table)
{
    const QSqlRecord record = db.record(table);
    QStringList names;
    for (int i = 0; i < record.count(); ++i)
        names.append(record.fieldName(i));
    std::sort(names.begin(), names.end());
    return names;
}

// An expression that changes column's value, whatever its type: NULL becomes
// 1, a number grows by one, text gets an "x".
QString changed(const QSqlDatabase &db, const QString &table, const QString &column)
{
    if (!onPostgres(db)) {
        return u"CASE WHEN %1 IS NULL THEN 1 WHEN typeof(%1) = 'integer' THEN %1 + 1 "
               "ELSE %1 || 'x' END"_s.arg(column);
    }
    const QMetaType type = db.record(table).field(column).metaType();
    if (type.id() == QMetaType::QString)
        return u"COALESCE(%1, '') || 'x'"_s.arg(column);
    return u"COALESCE(%1, 0) + 1"_s.arg(column);
}

// What an attacker with the file (or a superuser's login) does first: the
// triggers and foreign keys go. PostgreSQL: the session stops firing
// triggers, foreign keys' included.
void disarm(const QSqlDatabase &db)
{
    QString error;
    QVERIFY2(Test::disarmStore(db, &error), qPrintable(error));
}

// Every column of the two tables, each edited by one row of the tamper tests.
QStringList entryColumns()
{
    return QStringList{u"seq"_s,
                       u"attempt_id"_s,
                       u"provider"_s,
                       u"payment_id"_s,
                       u"merchant_reference"_s,
                       u"amount_minor"_s,
                       u"currency"_s,
                       u"payment_method"_s,
                       u"operator"_s,
                       u"environment"_s,
                       u"reason"_s,
                       u"note"_s,
                       u"idempotency_key"_s,
                       u"state"_s,
                       u"provider_code"_s,
                       u"provider_message"_s,
                       u"http_status"_s,
                       u"tries"_s,
                       u"requested_at"_s,
                       u"finished_at"_s,
                       u"latency_ms"_s,
                       u"status_before"_s,
                       u"status_after"_s,
                       u"recorded_at"_s,
                       u"prev_hash"_s,
                       u"entry_hash"_s,
                       u"format"_s,
                       u"owner_host"_s,
                       u"owner_pid"_s,
                       u"lease_until"_s,
                       u"owner_instance"_s,
                       u"approver"_s,
                       u"decision_note"_s,
                       u"approval_deadline"_s,
                       u"recorded_by"_s};
}

QStringList attemptColumns()
{
    return QStringList{u"id"_s,
                       u"provider"_s,
                       u"payment_id"_s,
                       u"merchant_reference"_s,
                       u"amount_minor"_s,
                       u"currency"_s,
                       u"payment_method"_s,
                       u"operator"_s,
                       u"environment"_s,
                       u"reason"_s,
                       u"note"_s,
                       u"idempotency_key"_s,
                       u"state"_s,
                       u"provider_code"_s,
                       u"provider_message"_s,
                       u"http_status"_s,
                       u"tries"_s,
                       u"requested_at"_s,
                       u"finished_at"_s,
                       u"latency_ms"_s,
                       u"status_before"_s,
                       u"status_after"_s,
                       u"entry_seq"_s,
                       u"entry_hash"_s,
                       u"owner_host"_s,
                       u"owner_pid"_s,
                       u"lease_until"_s,
                       u"owner_instance"_s,
                       u"approver"_s,
                       u"decision_note"_s,
                       u"approval_deadline"_s};
}

} // namespace

class TestCancelJournal final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void stateKeys();
    void prepareFillsTheDefaults();
    void prepareKeepsAGivenKeyAndTime();
    void prepareValidates_data();
    void prepareValidates();
    void preparedAttemptSurvivesReopen();
    void secondActiveAttemptIsRefused();
    void secondActiveAttemptIsRefusedFromAnotherProcess();
    void uniqueIndexRefusesEvenRawSql();
    void racingWritersPrepareOnlyOnce();
    void newAttemptAllowedAfterFinal_data();
    void newAttemptAllowedAfterFinal();
    void recordTransitions_data();
    void recordTransitions();
    void finalAttemptIsImmutable_data();
    void finalAttemptIsImmutable();
    void identityNeverChanges_data();
    void identityNeverChanges();
    void finishedAtFollowsTheState();
    void recordUnknownAttempt();
    void leaseAndTakeOver();
    void reconcileSettlesUnresolvedOnce_data();
    void reconcileSettlesUnresolvedOnce();
    void reconcileRefusesEverythingElse();
    void triggerLetsUnresolvedOnlySettle();
    void unfinishedAndActiveFor();
    void openAttemptsOfManyOrders();
    void listFilters_data();
    void listFilters();
    void forEachCanStop();
    void verifyCleanChain();
    void entryHashFollowsTheDocumentedForm();
    void schema2JournalStaysVerifiable();
    void schema5StoreWithOldFormatsUpgrades();
    void oldEntryCannotGainNewerColumns_data();
    void oldEntryCannotGainNewerColumns();
    void tamperedFormat4Approver();
    void awaitingApprovalHoldsTheOrder();
    void awaitingApprovalIsNotInFlight();
    void declinedAndExpiredNeverChange();
    void orderRowVersionGrows();
    void thresholdMakesTheCancelWait();
    void approvalPreparesTheSameAttempt();
    void requesterCannotDecide();
    void declineNeedsANoteAndIsFinal();
    void lapsedRequestExpires();
    void triggersRefuseEdits();
    void tamperColumnListsAreComplete();
    void tamperedEntryColumn_data();
    void tamperedEntryColumn();
    void tamperedAttemptColumn_data();
    void tamperedAttemptColumn();
    void deletedEntry_data();
    void deletedEntry();
    void reorderedEntries();
    void verifyDetectsRawStateEdit();
    void headOfEmptyAndGrowingJournal();
    void headTextRoundTrip_data();
    void headTextRoundTrip();
    void verifyAgainstHeadAfterTruncation();
    void verifyAgainstHeadAfterEditBeforeIt();
    void verifyAgainstHeadAfterTailRewrite();
    void verifyAgainstHeadWithLaterEntries();
    void verifyCanBeStopped();
    void verifyAgainstCanBeStopped();
    void verifyReportsProgress();

private:
    // Attempts 1 (final, entries 1-3), 2 (active, entries 4, 5, 8) and
    // 3 (final, entries 6-7).
    void buildJournal();
    // buildJournal(), keeps its head, then disarms the database as an attacker would.
    JournalHead buildKeepHeadAndDisarm();
    JournalResult recordState(qint64 id, AttemptState state);
    // `attempts` attempts of three entries each (PREPARED, SENT, SUCCEEDED).
    void buildLongJournal(int attempts);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CancelJournal> m_journal;
};

void TestCancelJournal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCancelJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = std::make_unique<Database>(Test::storeLocation(*m_dir, u"journal.sqlite"_s));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_journal = std::make_unique<CancelJournal>(*m_db);
}

void TestCancelJournal::cleanup()
{
    m_journal.reset();
    m_db.reset();
    m_dir.reset();
}

JournalResult TestCancelJournal::recordState(qint64 id, AttemptState state)
{
    CancelAttempt a = *m_journal->find(id);
    a.state = state;
    a.tries += 1;
    return m_journal->record(a);
}

void TestCancelJournal::buildJournal()
{
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_A"_s)).ok());   // 1
    QVERIFY(recordState(1, AttemptState::Sent).ok());                      // 2
    QVERIFY(recordState(1, AttemptState::Succeeded).ok());                 // 3
    QVERIFY(m_journal->prepare(draft(Provider::Antom, u"2026X"_s)).ok());  // 4
    QVERIFY(recordState(2, AttemptState::Sent).ok());                      // 5
    QVERIFY(m_journal->prepare(draft(Provider::Liquido, u"LQ-1"_s)).ok()); // 6
    QVERIFY(recordState(3, AttemptState::Rejected).ok());                  // 7
    QVERIFY(recordState(2, AttemptState::Confirming).ok());                // 8
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, 8);
}

void TestCancelJournal::buildLongJournal(int attempts)
{
    // Thousands of commits: the walk is under test here, not their durability.
    if (!onPostgres(m_db->connection()))
        QVERIFY(exec(m_db->connection(), u"PRAGMA synchronous = OFF"_s));
    for (int i = 1; i <= attempts; ++i) {
        QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_%1"_s.arg(i))).ok());
        QVERIFY(recordState(i, AttemptState::Sent).ok());
        QVERIFY(recordState(i, AttemptState::Succeeded).ok());
    }
}

JournalHead TestCancelJournal::buildKeepHeadAndDisarm()
{
    buildJournal();
    const JournalHead kept = *m_journal->head();
    disarm(m_db->connection());
    return kept;
}

void TestCancelJournal::stateKeys()
{
    const QList<std::pair<AttemptState, QString>> keys{
        {AttemptState::Prepared, u"PREPARED"_s},
        {AttemptState::Sent, u"SENT"_s},
        {AttemptState::Confirming, u"CONFIRMING"_s},
        {AttemptState::Succeeded, u"SUCCEEDED"_s},
        {AttemptState::Rejected, u"REJECTED"_s},
        {AttemptState::Unresolved, u"UNRESOLVED"_s},
        {AttemptState::AwaitingApproval, u"AWAITING_APPROVAL"_s},
        {AttemptState::Declined, u"DECLINED"_s},
        {AttemptState::Expired, u"EXPIRED"_s}};
    QStringList labels;
    for (const auto &[state, key] : keys) {
        QCOMPARE(attemptStateKey(state), key);
        QCOMPARE(attemptStateFromKey(key), std::optional<AttemptState>(state));
        QVERIFY(!attemptStateLabel(state).isEmpty());
        labels.append(attemptStateLabel(state));
        const bool sending = state == AttemptState::Prepared || state == AttemptState::Sent
                             || state == AttemptState::Confirming;
        QCOMPARE(inFlight(state), sending);
        QCOMPARE(holdsOrder(state), sending || state == AttemptState::AwaitingApproval);
    }
    labels.removeDuplicates();
    QCOMPARE(labels.size(), keys.size());
    QVERIFY(!attemptStateFromKey(u"prepared"));
    QVERIFY(!attemptStateFromKey(u"AWAITING"));
}

void TestCancelJournal::prepareFillsTheDefaults()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const JournalResult r = m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s));
    QVERIFY2(r.ok(), qPrintable(r.message));
    const CancelAttempt &a = r.attempt;
    QCOMPARE(a.id, 1);
    QCOMPARE(a.state, AttemptState::Prepared);
    QVERIFY(!QUuid::fromString(a.idempotencyKey).isNull());
    QVERIFY(a.requestedAt.isValid());
    QCOMPARE(a.requestedAt.timeSpec(), Qt::UTC);
    QVERIFY(a.requestedAt >= before.addMSecs(-1));
    QVERIFY(a.requestedAt <= QDateTime::currentDateTimeUtc());
    QCOMPARE(a.ownerHost, QSysInfo::machineHostName());
    QCOMPARE(a.ownerPid, QCoreApplication::applicationPid());
    QVERIFY(qAbs(a.requestedAt.secsTo(a.leaseUntil) - CancelJournal::kLeaseSeconds) <= 1);
    QVERIFY(!a.finishedAt.isValid());
    QCOMPARE(a.entryHash.size(), 64);

    // What was committed is what came back.
    const auto stored = m_journal->find(a.id);
    QVERIFY(stored);
    QCOMPARE(stored->idempotencyKey, a.idempotencyKey);
    QCOMPARE(stored->requestedAt, a.requestedAt);
    QCOMPARE(stored->leaseUntil, a.leaseUntil);
    QCOMPARE(stored->entryHash, a.entryHash);
    QCOMPARE(stored->amount, a.amount);
    QCOMPARE(stored->note, a.note);

    // Keys are unique per attempt.
    const JournalResult second = m_journal->prepare(draft(Provider::Uqpay, u"PI_2"_s));
    QVERIFY(second.ok());
    QCOMPARE(second.attempt.id, 2);
    QVERIFY(second.attempt.idempotencyKey != a.idempotencyKey);
}

void TestCancelJournal::prepareKeepsAGivenKeyAndTime()
{
    CancelAttempt d = draft(Provider::Antom, u"2026A"_s);
    d.idempotencyKey = u"my-key-1"_s;
    d.requestedAt = kT0;
    d.ownerHost = u"ops-7"_s;
    d.ownerPid = 4242;
    const JournalResult r = m_journal->prepare(d);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.attempt.idempotencyKey, u"my-key-1"_s);
    QCOMPARE(r.attempt.requestedAt, kT0);
    QCOMPARE(m_journal->find(1)->ownerHost, u"ops-7"_s);
    QCOMPARE(m_journal->find(1)->ownerPid, 4242);

    // A key is never reused, not even for another order.
    CancelAttempt again = draft(Provider::Antom, u"2026B"_s);
    again.idempotencyKey = u"my-key-1"_s;
    const JournalResult dup = m_journal->prepare(again);
    QCOMPARE(dup.error, JournalError::InvalidInput);
    QVERIFY(!dup.message.isEmpty());
    QCOMPARE(m_journal->list({}).size(), 1);
}

void TestCancelJournal::prepareValidates_data()
{
    QTest::addColumn<int>("fault");
    QTest::addRow("other without note") << 0;
    QTest::addRow("no payment id") << 1;
    QTest::addRow("no operator") << 2;
    QTest::addRow("unknown environment") << 3;
    QTest::addRow("not prepared") << 4;
    QTest::addRow("invalid amount") << 5;
    QTest::addRow("note too long") << 6;
}

void TestCancelJournal::prepareValidates()
{
    QFETCH(int, fault);
    CancelAttempt d = draft(Provider::Uqpay, u"PI"_s);
    switch (fault) {
    case 0:
        d.reason = CancelReason::Other;
        d.note = u"   "_s;
        break;
    case 1:
        d.paymentId.clear();
        break;
    case 2:
        d.operatorName.clear();
        break;
    case 3:
        d.environment = u"staging"_s;
        break;
    case 4:
        d.state = AttemptState::Sent;
        break;
    case 5:
        d.amount = {-5, u"USD"_s};
        break;
    case 6:
        d.note = QString(501, u'x');
        break;
    }
    const JournalResult r = m_journal->prepare(d);
    QCOMPARE(r.error, JournalError::InvalidInput);
    QVERIFY(!r.message.isEmpty());
    QVERIFY(m_journal->list({}).isEmpty());
    QCOMPARE(scalar(m_db->connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt(), 0);
}

void TestCancelJournal::preparedAttemptSurvivesReopen()
{
    const JournalResult r = m_journal->prepare(draft(Provider::Liquido, u"LQ-9"_s));
    QVERIFY(r.ok());
    const QString path = m_db->path();
    m_journal.reset();
    m_db.reset();

    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    CancelJournal journal(db);
    const QList<CancelAttempt> open = journal.unfinished();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().state, AttemptState::Prepared);
    QCOMPARE(open.first().idempotencyKey, r.attempt.idempotencyKey);
    QCOMPARE(open.first().paymentId, u"LQ-9"_s);
    QCOMPARE(open.first().entryHash, r.attempt.entryHash);
    QVERIFY(journal.verify().ok);
}

void TestCancelJournal::secondActiveAttemptIsRefused()
{
    const JournalResult first = m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s));
    QVERIFY(first.ok());
    const JournalResult second = m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s));
    QCOMPARE(second.error, JournalError::ActiveAttemptExists);
    QVERIFY2(second.message.contains(u"PI_1"_s), qPrintable(second.message));
    // Still refused once sent.
    QVERIFY(recordState(1, AttemptState::Sent).ok());
    QCOMPARE(m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s)).error,
             JournalError::ActiveAttemptExists);
    // Nothing of the refused attempts was written.
    QCOMPARE(m_journal->list({}).size(), 1);
    QCOMPARE(scalar(m_db->connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt(), 2);
    // Other orders, and the same id at another provider, are other orders.
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_2"_s)).ok());
    QVERIFY(m_journal->prepare(draft(Provider::Antom, u"PI_1"_s)).ok());
    QVERIFY(m_journal->verify().ok);
}

void TestCancelJournal::secondActiveAttemptIsRefusedFromAnotherProcess()
{
    QVERIFY(m_journal->prepare(draft(Provider::Antom, u"2026P"_s)).ok());
    Database other(m_db->path());
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    CancelJournal otherJournal(other);
    const JournalResult r = otherJournal.prepare(draft(Provider::Antom, u"2026P"_s));
    QCOMPARE(r.error, JournalError::ActiveAttemptExists);
    QCOMPARE(otherJournal.activeFor(Provider::Antom, u"2026P"_s)->id, 1);
}

void TestCancelJournal::uniqueIndexRefusesEvenRawSql()
{
    const JournalResult first = m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s));
    QVERIFY(first.ok());
    QVERIFY(Test::letRawSqlWriteAttempts(m_db->connection()));
    QString error;
    const QString insert = u"INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, "
                           "currency, operator, environment, reason, idempotency_key, state, "
                           "requested_at, entry_seq, entry_hash) VALUES (%1, 'uqpay', 'PI_1', 1, "
                           "'USD', 'x', 'sandbox', 'duplicate', 'k%1', '%2', 0, 0, '')"_s;
    QVERIFY(!exec(m_db->connection(), insert.arg(7).arg(u"CONFIRMING"_s), &error));
    QVERIFY2(error.contains(u"UNIQUE"_s) || error.contains(u"unique constraint"_s),
             qPrintable(error));
    // A final attempt beside the active one is fine for the index.
    QVERIFY(exec(m_db->connection(), insert.arg(8).arg(u"REJECTED"_s), &error));
}

void TestCancelJournal::racingWritersPrepareOnlyOnce()
{
    // Two threads with their own Database objects stand in for two processes.
    constexpr int kOrders = 15;
    std::atomic<int> succeeded{0};
    std::atomic<int> refused{0};
    std::atomic<int> other{0};
    const QString path = m_db->path();
    const auto race = [&] {
        Database db(path);
        QString error;
        if (!db.open(&error)) {
            ++other;
            return;
        }
        CancelJournal journal(db);
        for (int i = 0; i < kOrders; ++i) {
            const JournalResult r = journal.prepare(draft(Provider::Uqpay, u"RACE-%1"_s.arg(i)));
            if (r.ok())
                ++succeeded;
            else if (r.error == JournalError::ActiveAttemptExists)
                ++refused;
            else
                ++other;
        }
    };
    std::unique_ptr<QThread> a(QThread::create(race));
    std::unique_ptr<QThread> b(QThread::create(race));
    a->start();
    b->start();
    QVERIFY(a->wait(60000));
    QVERIFY(b->wait(60000));
    QCOMPARE(other.load(), 0);
    QCOMPARE(succeeded.load(), kOrders);
    QCOMPARE(refused.load(), kOrders);
    QCOMPARE(m_journal->unfinished().size(), kOrders);
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, kOrders);
}

void TestCancelJournal::newAttemptAllowedAfterFinal_data()
{
    QTest::addColumn<AttemptState>("final");
    QTest::addRow("succeeded") << AttemptState::Succeeded;
    QTest::addRow("rejected") << AttemptState::Rejected;
    QTest::addRow("unresolved") << AttemptState::Unresolved;
}

void TestCancelJournal::newAttemptAllowedAfterFinal()
{
    QFETCH(AttemptState, final);
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI"_s)).ok());
    QVERIFY(recordState(1, final).ok());
    QVERIFY(!m_journal->activeFor(Provider::Uqpay, u"PI"_s));
    const JournalResult again = m_journal->prepare(draft(Provider::Uqpay, u"PI"_s));
    QVERIFY2(again.ok(), qPrintable(again.message));
    QCOMPARE(m_journal->activeFor(Provider::Uqpay, u"PI"_s)->id, again.attempt.id);
}

void TestCancelJournal::recordTransitions_data()
{
    QTest::addColumn<QList<AttemptState>>("steps");
    QTest::addColumn<JournalError>("lastError");
    using S = AttemptState;
    QTest::addRow("sent, confirming, succeeded")
        << QList<S>{S::Sent, S::Confirming, S::Succeeded} << JournalError::None;
    QTest::addRow("rejected at once") << QList<S>{S::Rejected} << JournalError::None;
    QTest::addRow("retries stay sent")
        << QList<S>{S::Sent, S::Sent, S::Unresolved} << JournalError::None;
    QTest::addRow("confirming, sent again")
        << QList<S>{S::Confirming, S::Sent, S::Succeeded} << JournalError::None;
    QTest::addRow("prepared, still prepared")
        << QList<S>{S::Prepared, S::Sent} << JournalError::None;
    QTest::addRow("sent cannot go back")
        << QList<S>{S::Sent, S::Prepared} << JournalError::InvalidTransition;
    QTest::addRow("confirming cannot go back")
        << QList<S>{S::Confirming, S::Prepared} << JournalError::InvalidTransition;
    QTest::addRow("nothing after succeeded")
        << QList<S>{S::Succeeded, S::Sent} << JournalError::InvalidTransition;
    QTest::addRow("nothing after unresolved")
        << QList<S>{S::Unresolved, S::Succeeded} << JournalError::InvalidTransition;
}

void TestCancelJournal::recordTransitions()
{
    QFETCH(QList<AttemptState>, steps);
    QFETCH(JournalError, lastError);
    QVERIFY(m_journal->prepare(draft(Provider::Antom, u"2026T"_s)).ok());
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const AttemptState before = m_journal->find(1)->state;
        const JournalResult r = recordState(1, steps.at(i));
        if (i + 1 < steps.size() || lastError == JournalError::None) {
            QVERIFY2(r.ok(), qPrintable(r.message));
            QCOMPARE(r.attempt.state, steps.at(i));
            QCOMPARE(m_journal->find(1)->state, steps.at(i));
            QCOMPARE(m_journal->find(1)->entryHash, r.attempt.entryHash);
        } else {
            QCOMPARE(r.error, lastError);
            QVERIFY(!r.message.isEmpty());
            QCOMPARE(m_journal->find(1)->state, before);
        }
    }
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    const qsizetype written = lastError == JournalError::None ? steps.size() : steps.size() - 1;
    QCOMPARE(v.entriesChecked, 1 + written);
}

void TestCancelJournal::finalAttemptIsImmutable_data()
{
    QTest::addColumn<AttemptState>("final");
    QTest::addRow("succeeded") << AttemptState::Succeeded;
    QTest::addRow("rejected") << AttemptState::Rejected;
    QTest::addRow("unresolved") << AttemptState::Unresolved;
}

void TestCancelJournal::finalAttemptIsImmutable()
{
    QFETCH(AttemptState, final);
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI"_s)).ok());
    QVERIFY(recordState(1, final).ok());
    const CancelAttempt done = *m_journal->find(1);

    CancelAttempt change = done;
    change.providerMessage = u"changed my mind"_s;
    QCOMPARE(m_journal->record(change).error, JournalError::InvalidTransition);
    change = done; // even an identical record appends nothing
    QCOMPARE(m_journal->record(change).error, JournalError::InvalidTransition);
    QCOMPARE(m_journal->renewLease(1, kT0).error, JournalError::InvalidTransition);

    const CancelAttempt after = *m_journal->find(1);
    QCOMPARE(after.providerMessage, done.providerMessage);
    QCOMPARE(after.entryHash, done.entryHash);
    QCOMPARE(scalar(m_db->connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt(), 2);
}

void TestCancelJournal::identityNeverChanges_data()
{
    QTest::addColumn<int>("field");
    const char *names[] = {
        "idempotency key", "provider", "payment id",         "reason",     "note", "operator",
        "requested at",    "amount",   "merchant reference", "environment"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::addRow("%s", names[i]) << i;
}

void TestCancelJournal::identityNeverChanges()
{
    QFETCH(int, field);
    const JournalResult prepared = m_journal->prepare(draft(Provider::Uqpay, u"PI"_s));
    QVERIFY(prepared.ok());
    CancelAttempt a = prepared.attempt;
    a.state = AttemptState::Sent;
    switch (field) {
    case 0:
        a.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        break;
    case 1:
        a.provider = Provider::Antom;
        break;
    case 2:
        a.paymentId = u"PI_OTHER"_s;
        break;
    case 3:
        a.reason = CancelReason::Fraudulent;
        break;
    case 4:
        a.note = u"another note"_s;
        break;
    case 5:
        a.operatorName = u"someone.else"_s;
        break;
    case 6:
        a.requestedAt = a.requestedAt.addSecs(-60);
        break;
    case 7:
        a.amount.minor += 1;
        break;
    case 8:
        a.merchantReference = u"REF-2"_s;
        break;
    case 9:
        a.environment = u"production"_s;
        break;
    }
    const JournalResult r = m_journal->record(a);
    QCOMPARE(r.error, JournalError::InvalidInput);
    QVERIFY(!r.message.isEmpty());
    const CancelAttempt stored = *m_journal->find(1);
    QCOMPARE(stored.state, AttemptState::Prepared);
    QCOMPARE(stored.idempotencyKey, prepared.attempt.idempotencyKey);
    QCOMPARE(stored.entryHash, prepared.attempt.entryHash);
}

void TestCancelJournal::finishedAtFollowsTheState()
{
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s)).ok());
    CancelAttempt a = *m_journal->find(1);
    a.state = AttemptState::Sent;
    a.finishedAt = kT0; // meaningless while active
    QVERIFY(m_journal->record(a).ok());
    QVERIFY(!m_journal->find(1)->finishedAt.isValid());

    const QDateTime before = QDateTime::currentDateTimeUtc();
    a.state = AttemptState::Succeeded;
    a.finishedAt = {};
    a.providerCode = u"SUCCESS"_s;
    a.httpStatus = 200;
    a.latencyMs = 321;
    a.statusAfter = u"CANCELLED"_s;
    QVERIFY(m_journal->record(a).ok());
    const CancelAttempt done = *m_journal->find(1);
    QVERIFY(done.finishedAt >= before.addMSecs(-1));
    QCOMPARE(done.providerCode, u"SUCCESS"_s);
    QCOMPARE(done.httpStatus, 200);
    QCOMPARE(done.latencyMs, 321);
    QCOMPARE(done.statusAfter, u"CANCELLED"_s);

    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_2"_s)).ok());
    CancelAttempt b = *m_journal->find(2);
    b.state = AttemptState::Rejected;
    b.finishedAt = kT0.addSecs(5);
    QVERIFY(m_journal->record(b).ok());
    QCOMPARE(m_journal->find(2)->finishedAt, kT0.addSecs(5));
}

void TestCancelJournal::recordUnknownAttempt()
{
    CancelAttempt a = draft(Provider::Uqpay, u"PI"_s);
    a.id = 99;
    QCOMPARE(m_journal->record(a).error, JournalError::NotFound);
    QCOMPARE(m_journal->setOwner(99, {}, std::nullopt, {u"h"_s, 1, {}}, kT0).error,
             JournalError::NotFound);
    QVERIFY(!m_journal->find(99));
}

void TestCancelJournal::leaseAndTakeOver()
{
    const JournalResult r = m_journal->prepare(draft(Provider::Antom, u"2026L"_s));
    QVERIFY(r.ok());
    const QString host = QSysInfo::machineHostName();
    const qint64 pid = QCoreApplication::applicationPid();

    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(600);
    const JournalResult renewed = m_journal->renewLease(1, later);
    QVERIFY2(renewed.ok(), qPrintable(renewed.message));
    QCOMPARE(m_journal->find(1)->leaseUntil,
             QDateTime::fromMSecsSinceEpoch(later.toMSecsSinceEpoch(), Qt::UTC));

    // record() does not move ownership, and refuses a writer that names
    // another owner than the journal's (a stale view); setOwner() moves it.
    CancelAttempt a = *m_journal->find(1);
    a.ownerHost = u"intruder"_s;
    a.state = AttemptState::Sent;
    QCOMPARE(m_journal->record(a).error, JournalError::InvalidTransition);
    a.ownerHost = host;
    QVERIFY(m_journal->record(a).ok());
    QCOMPARE(m_journal->find(1)->ownerHost, host);

    // Compare-and-swap: a stale view of the owner loses.
    const Storage::ProcessOwner me = Storage::ProcessOwner::self();
    const Storage::ProcessOwner rescuer{u"rescuer"_s, 77, {}};
    QCOMPARE(
        m_journal->setOwner(1, {u"other-host"_s, pid, me.instance}, std::nullopt, rescuer, later)
            .error,
        JournalError::InvalidTransition);
    QCOMPARE(
        m_journal->setOwner(1, {host, pid + 1, me.instance}, std::nullopt, rescuer, later).error,
        JournalError::InvalidTransition);
    // The rescuer takes over once the lease has lapsed by the database's clock.
    QVERIFY(Test::moveDatabaseClock(m_db->connection(), 601'000));
    const JournalResult taken = m_journal->setOwner(1, me, std::nullopt, rescuer, later);
    QVERIFY2(taken.ok(), qPrintable(taken.message));
    QCOMPARE(m_journal->find(1)->ownerHost, u"rescuer"_s);
    QCOMPARE(m_journal->find(1)->ownerPid, 77);
    QCOMPARE(m_journal->setOwner(1, me, std::nullopt, {u"late"_s, 78, {}}, later).error,
             JournalError::InvalidTransition);
    // The former owner can no longer renew.
    QCOMPARE(m_journal->renewLease(1, later).error, JournalError::InvalidTransition);

    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, 4); // prepare, renew, sent, take-over
}

void TestCancelJournal::unfinishedAndActiveFor()
{
    buildJournal();
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_B"_s)).ok()); // 4
    const QList<CancelAttempt> open = m_journal->unfinished();
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.at(0).id, 2);
    QCOMPARE(open.at(0).state, AttemptState::Confirming);
    QCOMPARE(open.at(1).id, 4);
    QCOMPARE(m_journal->activeFor(Provider::Antom, u"2026X"_s)->id, 2);
    QVERIFY(!m_journal->activeFor(Provider::Uqpay, u"PI_A"_s));  // final
    QVERIFY(!m_journal->activeFor(Provider::Uqpay, u"2026X"_s)); // other provider
}

// The order list reads the open attempts of a thousand orders at once: the
// same attempts activeFor() and unresolvedFor() give one order at a time,
// oldest first, across providers and more keys than one statement takes.
void TestCancelJournal::openAttemptsOfManyOrders()
{
    buildJournal(); // 1 PI_A succeeded, 2 2026X confirming, 3 LQ-1 rejected
    QList<OrderKey> keys{{Provider::Uqpay, u"PI_A"_s},
                         {Provider::Antom, u"2026X"_s},
                         {Provider::Liquido, u"LQ-1"_s},
                         {Provider::Uqpay, u"2026X"_s}}; // other provider: none
    for (int i = 0; i < 1100; ++i) {
        const CancelAttempt a = draft(Provider::Uqpay, u"PI%1"_s.arg(i));
        const JournalResult r = m_journal->prepare(a);
        QVERIFY(r.ok());
        if (i % 100 == 0) { // left UNRESOLVED: no answer came
            QVERIFY(recordState(r.attempt.id, AttemptState::Sent).ok());
            QVERIFY(recordState(r.attempt.id, AttemptState::Unresolved).ok());
        }
        keys.append({Provider::Uqpay, u"PI%1"_s.arg(i)});
    }
    keys.append({Provider::Uqpay, u"NOPE"_s});

    QList<qint64> expected;
    for (const OrderKey &k : std::as_const(keys)) {
        if (const auto a = m_journal->activeFor(k.provider, k.paymentId))
            expected.append(a->id);
        if (const auto u = m_journal->unresolvedFor(k.provider, k.paymentId))
            expected.append(u->id);
    }
    std::sort(expected.begin(), expected.end());
    QCOMPARE(expected.size(), 1101); // 2026X, and the 1100 new ones
    QString error;
    const QList<CancelAttempt> open = m_journal->openAttemptsOf(keys, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QList<qint64> ids;
    for (const CancelAttempt &a : open)
        ids.append(a.id);
    QCOMPARE(ids, expected);
    QCOMPARE(open.at(1).state, AttemptState::Unresolved); // PI0, after 2026X
    QCOMPARE(open.at(1).paymentId, u"PI0"_s);
    QVERIFY(m_journal->openAttemptsOf({}).isEmpty());
}

void TestCancelJournal::listFilters_data()
{
    QTest::addColumn<AttemptFilter>("filter");
    QTest::addColumn<QList<qint64>>("expected");
    const auto with = [](auto change) {
        AttemptFilter f;
        change(f);
        return f;
    };
    QTest::addRow("all") << AttemptFilter{} << QList<qint64>{1, 2, 3, 4};
    QTest::addRow("from is inclusive")
        << with([](AttemptFilter &f) { f.requestedFrom = kT0.addSecs(3600); })
        << QList<qint64>{2, 3, 4};
    QTest::addRow("to is exclusive")
        << with([](AttemptFilter &f) { f.requestedTo = kT0.addSecs(3600); }) << QList<qint64>{1};
    QTest::addRow("one day") << with([](AttemptFilter &f) {
        f.requestedFrom = kT0;
        f.requestedTo = kT0.addDays(1);
    }) << QList<qint64>{1, 2, 3};
    QTest::addRow("provider") << with([](AttemptFilter &f) { f.provider = Provider::Uqpay; })
                              << QList<qint64>{1, 4};
    QTest::addRow("operator") << with([](AttemptFilter &f) { f.operatorName = u"li.na"_s; })
                              << QList<qint64>{1, 3};
    QTest::addRow("outcome") << with([](AttemptFilter &f) { f.state = AttemptState::Rejected; })
                             << QList<qint64>{3};
    QTest::addRow("reason") << with([](AttemptFilter &f) { f.reason = CancelReason::Fraudulent; })
                            << QList<qint64>{2};
    QTest::addRow("payment id") << with([](AttemptFilter &f) { f.paymentId = u"PI_D"_s; })
                                << QList<qint64>{4};
    QTest::addRow("after id") << with([](AttemptFilter &f) { f.afterId = 2; })
                              << QList<qint64>{3, 4};
    QTest::addRow("after id, provider") << with([](AttemptFilter &f) {
        f.afterId = 1;
        f.provider = Provider::Uqpay;
    }) << QList<qint64>{4};
    QTest::addRow("combined") << with([](AttemptFilter &f) {
        f.operatorName = u"wang"_s;
        f.requestedFrom = kT0.addSecs(7200);
    }) << QList<qint64>{4};
    QTest::addRow("none") << with([](AttemptFilter &f) { f.operatorName = u"nobody"_s; })
                          << QList<qint64>{};
}

void TestCancelJournal::listFilters()
{
    QFETCH(AttemptFilter, filter);
    QFETCH(QList<qint64>, expected);
    const struct
    {
        Provider provider;
        const char16_t *id;
        const char16_t *op;
        int offsetSecs;
        CancelReason reason;
        AttemptState state;
    } rows[] = {
        {Provider::Uqpay, u"PI_A", u"li.na", 0, CancelReason::Duplicate, AttemptState::Succeeded},
        {Provider::Antom, u"2026B", u"wang", 3600, CancelReason::Fraudulent,
         AttemptState::Prepared},
        {Provider::Liquido, u"LQ-C", u"li.na", 7200, CancelReason::RequestedByCustomer,
         AttemptState::Rejected},
        {Provider::Uqpay, u"PI_D", u"wang", 86400, CancelReason::Abandoned,
         AttemptState::Unresolved},
    };
    for (const auto &row : rows) {
        CancelAttempt d = draft(row.provider, QString::fromUtf16(row.id));
        d.operatorName = QString::fromUtf16(row.op);
        d.requestedAt = kT0.addSecs(row.offsetSecs);
        d.reason = row.reason;
        const JournalResult r = m_journal->prepare(d);
        QVERIFY2(r.ok(), qPrintable(r.message));
        if (row.state != AttemptState::Prepared)
            QVERIFY(recordState(r.attempt.id, row.state).ok());
    }
    QList<qint64> actual;
    for (const CancelAttempt &a : m_journal->list(filter))
        actual.append(a.id);
    QCOMPARE(actual, expected);
}

void TestCancelJournal::forEachCanStop()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_%1"_s.arg(i))).ok());
    QList<qint64> seen;
    QString error;
    QVERIFY(m_journal->forEach(
        {},
        [&seen](const CancelAttempt &a) {
            seen.append(a.id);
            return seen.size() < 2;
        },
        &error));
    QCOMPARE(seen, (QList<qint64>{1, 2}));
    seen.clear();
    QVERIFY(m_journal->forEach({}, [&seen](const CancelAttempt &a) {
        seen.append(a.id);
        return true;
    }));
    QCOMPARE(seen, (QList<qint64>{1, 2, 3, 4, 5}));
}

void TestCancelJournal::verifyCleanChain()
{
    VerifyResult empty = m_journal->verify();
    QVERIFY(empty.ok);
    QCOMPARE(empty.entriesChecked, 0);
    QCOMPARE(empty.firstBadEntry, 0);
    buildJournal();
    const VerifyResult v = m_journal->verify();
    QVERIFY(v.ok);
    QCOMPARE(v.firstBadEntry, 0);
    QVERIFY(v.problem.isEmpty());
    // Each attempt carries the hash of its latest entry.
    QCOMPARE(m_journal->find(2)->entryHash,
             scalar(m_db->connection(), u"SELECT entry_hash FROM journal_entries WHERE seq = 8"_s)
                 .toString());
}

void TestCancelJournal::entryHashFollowsTheDocumentedForm()
{
    CancelAttempt d = draft(Provider::Uqpay, u"PI_H"_s);
    d.note = u"plain note"_s; // the hand-written JSON below does not escape
    QVERIFY(m_journal->prepare(d).ok());
    QVERIFY(recordState(1, AttemptState::Sent).ok());
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(u"SELECT * FROM journal_entries ORDER BY seq"_s));
    QString prev = QString(64, u'0');
    int rows = 0;
    while (q.next()) {
        ++rows;
        const QSqlRecord row = q.record();
        QCOMPARE(row.value(u"format"_s).toInt(), 4);
        // Until the store knows its login: the attempt's operator.
        QCOMPARE(row.value(u"recorded_by"_s).toString(), u"li.na"_s);
        QCOMPARE(row.value(u"prev_hash"_s).toString(), prev);
        const QString canonical = Test::handCanonical(row, Test::journalFormatKeys(4));
        QCOMPARE(row.value(u"entry_hash"_s).toString(), Test::chainHash(prev, canonical));
        prev = row.value(u"entry_hash"_s).toString();
    }
    QCOMPARE(rows, 2);
}

void TestCancelJournal::schema2JournalStaysVerifiable()
{
    const QString path = m_dir->filePath(u"old.sqlite"_s);
    QString error;
    {
        Database old(path);
        QVERIFY2(old.openAtVersion(2, &error), qPrintable(error));
        const QSqlDatabase c = old.connection();
        QVERIFY2(exec(c,
                      u"INSERT INTO cancel_attempts (id, provider, payment_id, "
                      "merchant_reference, amount_minor, currency, payment_method, operator, "
                      "environment, reason, note, idempotency_key, state, provider_code, "
                      "provider_message, http_status, tries, requested_at, finished_at, "
                      "latency_ms, status_before, status_after, entry_seq, entry_hash) VALUES "
                      "(1, 'uqpay', 'PI_OLD', 'M-1', 1234, 'USD', 'CARD', 'li.na', "
                      "'production', 'duplicate', '', 'key-old', 'SENT', '', '', 0, 1, "
                      "1700000000000, NULL, -1, 'PENDING', '', 1, '')"_s,
                      &error),
                 qPrintable(error));
        QVERIFY2(exec(c,
                      u"INSERT INTO journal_entries (seq, attempt_id, provider, payment_id, "
                      "merchant_reference, amount_minor, currency, payment_method, operator, "
                      "environment, reason, note, idempotency_key, state, provider_code, "
                      "provider_message, http_status, tries, requested_at, finished_at, "
                      "latency_ms, status_before, status_after, recorded_at, prev_hash, "
                      "entry_hash) VALUES (1, 1, 'uqpay', 'PI_OLD', 'M-1', 1234, 'USD', 'CARD', "
                      "'li.na', 'production', 'duplicate', '', 'key-old', 'SENT', '', '', 0, 1, "
                      "1700000000000, NULL, -1, 'PENDING', '', 1700000000100, '', '')"_s,
                      &error),
                 qPrintable(error));
        QSqlQuery q(c);
        QVERIFY(q.exec(u"SELECT * FROM journal_entries"_s) && q.next());
        const QString hash = Test::chainHash(
            QString(64, u'0'), Test::handCanonical(q.record(), Test::journalFormatKeys(1)));
        q.finish();
        // The hash is filled in afterwards only because this test computes it
        // from the stored row.
        QVERIFY(exec(c, u"DROP TRIGGER journal_entries_no_update"_s));
        QVERIFY(exec(c, u"UPDATE journal_entries SET prev_hash = '%1', entry_hash = '%2'"_s.arg(
                            QString(64, u'0'), hash)));
        QVERIFY(exec(c, u"UPDATE cancel_attempts SET entry_hash = '%1'"_s.arg(hash)));
    }
    Database db(path);
    QVERIFY2(db.open(&error), qPrintable(error));
    CancelJournal journal(db);
    VerifyResult v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));

    // The attempt left SENT by the old release is finished by the new one.
    CancelAttempt a = *journal.find(1);
    QCOMPARE(a.idempotencyKey, u"key-old"_s);
    a.state = AttemptState::Succeeded;
    const JournalResult r = journal.record(a);
    QVERIFY2(r.ok(), qPrintable(r.message));
    v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, 2);
    QCOMPARE(scalar(db.connection(), u"SELECT format FROM journal_entries WHERE seq = 2"_s).toInt(),
             4);

    // And the old entry is still protected.
    disarm(db.connection());
    QVERIFY(exec(db.connection(), u"UPDATE journal_entries SET tries = 2 WHERE seq = 1"_s));
    v = journal.verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 1);
}

// A store an earlier release left at schema 5, holding entries of formats 1,
// 2 and 3 (each written when its schema was current), is rebuilt by
// migration 6 without touching a hash: it verifies, new entries are format 4,
// and the mixed chain verifies as a whole.
void TestCancelJournal::schema5StoreWithOldFormatsUpgrades()
{
    const QString path = m_dir->filePath(u"old5.sqlite"_s);
    QString error;
    QString prev = QString(64, u'0');
    for (const auto &[version, format] : {std::pair{2, 1}, std::pair{3, 2}, std::pair{5, 3}}) {
        Database old(path);
        QVERIFY2(old.openAtVersion(version, &error), qPrintable(error));
        prev = Test::writeOldEntry(old.connection(), format, format, format, prev);
        QVERIFY(!prev.isEmpty());
    }
    {
        Database old(path);
        QVERIFY2(old.openAtVersion(5, &error), qPrintable(error));
        QCOMPARE(scalar(old.connection(), u"PRAGMA user_version"_s).toInt(), 5);
        QCOMPARE(scalar(old.connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt(), 3);
    }

    Database db(path);
    QVERIFY2(db.open(&error), qPrintable(error));
    const QSqlDatabase c = db.connection();
    QCOMPARE(scalar(c, u"PRAGMA user_version"_s).toInt(), Database::latestSchemaVersion());
    // The rebuilt tables keep every foreign key and every row.
    QSqlQuery fk(c);
    QVERIFY(fk.exec(u"PRAGMA foreign_key_check"_s));
    QVERIFY(!fk.next());
    fk.finish();
    QCOMPARE(scalar(c, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(c, u"SELECT group_concat(format) FROM journal_entries"_s).toString(),
             u"1,2,3"_s);
    CancelJournal journal(db);
    VerifyResult v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, 3);
    const CancelAttempt migrated = *journal.find(2);
    QVERIFY(migrated.approver.isEmpty());
    QVERIFY(!migrated.approvalDeadline.isValid());

    // The old attempts are finished by the new release (format 4), a new
    // attempt starts beside them; the chain of formats 1-4 verifies.
    for (qint64 id : {1, 3}) {
        CancelAttempt a = *journal.find(id);
        a.state = AttemptState::Succeeded;
        const JournalResult r = journal.record(a);
        QVERIFY2(r.ok(), qPrintable(r.message));
    }
    QVERIFY(journal.prepare(draft(Provider::Antom, u"2026NEW"_s)).ok());
    v = journal.verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, 6);
    QCOMPARE(scalar(c, u"SELECT group_concat(format) FROM journal_entries"_s).toString(),
             u"1,2,3,4,4,4"_s);
    QCOMPARE(scalar(c, u"SELECT group_concat(recorded_by) FROM journal_entries WHERE format = 4"_s)
                 .toString(),
             u"li.na,li.na,li.na"_s);
    // The triggers came back with the rebuilt tables.
    QVERIFY(!exec(c, u"UPDATE journal_entries SET note = 'x' WHERE seq = 1"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(!exec(c, u"DELETE FROM cancel_attempts WHERE id = 2"_s, &error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET provider_message = 'x' WHERE id = 1"_s, &error));
    QVERIFY2(error.contains(u"final"_s), qPrintable(error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET amount_minor = 1 WHERE id = 2"_s, &error));
    QVERIFY2(error.contains(u"identity"_s), qPrintable(error));
    QVERIFY(!exec(c, u"INSERT INTO journal_entries (seq, attempt_id) VALUES (99, 77)"_s, &error));

    // The old entries are still protected by their hashes.
    disarm(c);
    QVERIFY(exec(c, u"UPDATE journal_entries SET tries = 2 WHERE seq = 2"_s));
    v = journal.verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 2);
}

void TestCancelJournal::oldEntryCannotGainNewerColumns_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value");
    // Columns a format-1 entry's hash does not cover: an entry older than a
    // column vouches for its default, like an attempt row does.
    QTest::addRow("approver") << u"approver"_s << u"'mallory'"_s;
    QTest::addRow("decision_note") << u"decision_note"_s << u"'ok'"_s;
    QTest::addRow("approval_deadline") << u"approval_deadline"_s << u"1"_s;
    QTest::addRow("recorded_by") << u"recorded_by"_s << u"'mallory'"_s;
    QTest::addRow("owner_instance") << u"owner_instance"_s << u"'x'"_s;
    QTest::addRow("owner_host") << u"owner_host"_s << u"'x'"_s;
}

void TestCancelJournal::oldEntryCannotGainNewerColumns()
{
    QFETCH(QString, column);
    QFETCH(QString, value);
    const QString path = m_dir->filePath(u"old1.sqlite"_s);
    QString error;
    {
        Database old(path);
        QVERIFY2(old.openAtVersion(2, &error), qPrintable(error));
        QVERIFY(!Test::writeOldEntry(old.connection(), 1, 1, 1, QString(64, u'0')).isEmpty());
    }
    Database db(path);
    QVERIFY2(db.open(&error), qPrintable(error));
    CancelJournal journal(db);
    QVERIFY(journal.verify().ok);
    disarm(db.connection());
    QVERIFY(exec(db.connection(),
                 u"UPDATE journal_entries SET %1 = %2 WHERE seq = 1"_s.arg(column, value)));
    const VerifyResult v = journal.verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 1);
    QCOMPARE(v.firstBadAttempt, 1);
}

void TestCancelJournal::tamperedFormat4Approver()
{
    buildJournal();
    const QSqlDatabase c = m_db->connection();
    QCOMPARE(scalar(c, u"SELECT format FROM journal_entries WHERE seq = 5"_s).toInt(), 4);
    disarm(c);
    // Someone names an approver the attempt never had: in the entry ...
    QVERIFY(exec(c, u"UPDATE journal_entries SET approver = 'mallory' WHERE seq = 5"_s));
    VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 5);
    QCOMPARE(v.firstBadAttempt, 2);
    QVERIFY(exec(c, u"UPDATE journal_entries SET approver = '' WHERE seq = 5"_s));
    QVERIFY(m_journal->verify().ok);
    // ... or in the attempt row.
    QVERIFY(exec(c, u"UPDATE cancel_attempts SET approver = 'mallory' WHERE id = 2"_s));
    v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 8);
    QCOMPARE(v.firstBadAttempt, 2);
    QVERIFY2(v.problem.contains(u"approver"_s), qPrintable(v.problem));
}

// An attempt awaiting approval holds its order like an active one (the
// unique index), so no second cancel of the order can start meanwhile.
void TestCancelJournal::awaitingApprovalHoldsTheOrder()
{
    const QSqlDatabase c = m_db->connection();
    QString error;
    QVERIFY2(Test::letRawSqlWriteAttempts(c, &error), qPrintable(error));
    const QString insert = u"INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, "
                           "currency, operator, environment, reason, idempotency_key, state, "
                           "requested_at, entry_seq, entry_hash) VALUES (%1, 'uqpay', 'PI_1', 1, "
                           "'USD', 'x', 'sandbox', 'duplicate', 'k%1', '%2', 0, 0, '')"_s;
    QVERIFY2(exec(c, insert.arg(1).arg(u"AWAITING_APPROVAL"_s), &error), qPrintable(error));
    QVERIFY(!exec(c, insert.arg(2).arg(u"PREPARED"_s), &error));
    QVERIFY2(error.contains(u"unique"_s, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!exec(c, insert.arg(3).arg(u"AWAITING_APPROVAL"_s), &error));
    QVERIFY2(error.contains(u"unique"_s, Qt::CaseInsensitive), qPrintable(error));
    // Final ones beside it are fine for the index.
    int id = 4;
    for (const QString &state : {u"DECLINED"_s, u"EXPIRED"_s, u"REJECTED"_s})
        QVERIFY2(exec(c, insert.arg(id++).arg(state), &error), qPrintable(error));

    const JournalResult second = m_journal->prepare(draft(Provider::Uqpay, u"PI_1"_s));
    QCOMPARE(second.error, JournalError::ActiveAttemptExists);
    QVERIFY2(second.message.contains(u"AWAITING_APPROVAL"_s), qPrintable(second.message));
    QCOMPARE(m_journal->activeFor(Provider::Uqpay, u"PI_1"_s)->id, 1);
    const QList<CancelAttempt> open = m_journal->openAttemptsOf({{Provider::Uqpay, u"PI_1"_s}});
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).state, AttemptState::AwaitingApproval);
}

// Nothing was sent for an attempt awaiting approval and nobody owns it:
// recovery does not resume it, and sending, owning and leasing refuse it.
void TestCancelJournal::awaitingApprovalIsNotInFlight()
{
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_SENT"_s)).ok()); // 1
    const QSqlDatabase c = m_db->connection();
    QVERIFY(Test::letRawSqlWriteAttempts(c));
    QVERIFY(exec(c, u"INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, "
                    "currency, operator, environment, reason, idempotency_key, state, "
                    "requested_at, entry_seq, entry_hash, approval_deadline) VALUES (2, 'uqpay', "
                    "'PI_WAIT', 1, 'USD', 'x', 'sandbox', 'duplicate', 'k2', "
                    "'AWAITING_APPROVAL', 0, 0, '', 1767229200000)"_s));
    QString error;
    const QList<CancelAttempt> unfinished = m_journal->unfinished(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(unfinished.size(), 1);
    QCOMPARE(unfinished.at(0).id, 1);

    const CancelAttempt waiting = *m_journal->find(2);
    QCOMPARE(waiting.state, AttemptState::AwaitingApproval);
    QCOMPARE(waiting.approvalDeadline, QDateTime::fromMSecsSinceEpoch(1767229200000, Qt::UTC));
    CancelAttempt sent = waiting;
    sent.state = AttemptState::Sent;
    JournalResult r = m_journal->record(sent);
    QCOMPARE(r.error, JournalError::InvalidTransition);
    QVERIFY2(r.message.contains(u"awaiting approval"_s), qPrintable(r.message));
    r = m_journal->setOwner(2, {}, std::nullopt, ProcessOwner::self(), kT0);
    QCOMPARE(r.error, JournalError::InvalidTransition);
    // record() writes what sending brought, never a decision.
    CancelAttempt declined = *m_journal->find(1);
    declined.state = AttemptState::Declined;
    r = m_journal->record(declined);
    QCOMPARE(r.error, JournalError::InvalidTransition);
    QCOMPARE(m_journal->find(1)->state, AttemptState::Prepared);
}

void TestCancelJournal::declinedAndExpiredNeverChange()
{
    const QSqlDatabase c = m_db->connection();
    QVERIFY(Test::letRawSqlWriteAttempts(c));
    const QString insert = u"INSERT INTO cancel_attempts (id, provider, payment_id, amount_minor, "
                           "currency, operator, environment, reason, idempotency_key, state, "
                           "requested_at, entry_seq, entry_hash, approver) VALUES (%1, 'uqpay', "
                           "'PI_%1', 1, 'USD', 'x', 'sandbox', 'duplicate', 'k%1', '%2', 0, 0, "
                           "'', '%3')"_s;
    QVERIFY(exec(c, insert.arg(1).arg(u"DECLINED"_s, u"bob"_s)));
    QVERIFY(exec(c, insert.arg(2).arg(u"EXPIRED"_s, QString())));
    QVERIFY(exec(c, insert.arg(3).arg(u"AWAITING_APPROVAL"_s, QString())));
    QString error;
    for (const QString &change : {u"state = 'PREPARED'"_s, u"decision_note = 'x'"_s}) {
        for (int id : {1, 2}) {
            QVERIFY(!exec(c, u"UPDATE cancel_attempts SET %1 WHERE id = %2"_s.arg(change).arg(id),
                          &error));
            QVERIFY2(error.contains(u"final"_s), qPrintable(error));
        }
    }
    // The approver, once named, is part of the attempt's identity; so is the
    // deadline.
    QVERIFY(exec(c, u"UPDATE cancel_attempts SET approver = 'bob' WHERE id = 3"_s, &error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET approver = 'eve' WHERE id = 3"_s, &error));
    QVERIFY2(error.contains(u"identity"_s), qPrintable(error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET approval_deadline = 5 WHERE id = 3"_s, &error));
    QVERIFY2(error.contains(u"identity"_s), qPrintable(error));
}

// orders.row_version grows with every insert and update (the live view's
// polling fallback reads "row_version > the last seen").
void TestCancelJournal::orderRowVersionGrows()
{
    const QSqlDatabase c = m_db->connection();
    const QString insert = u"INSERT INTO orders (provider, payment_id, amount_minor, currency, "
                           "status, created_at) VALUES ('uqpay', '%1', 1, 'USD', 'PENDING', 0)"_s;
    QVERIFY(exec(c, insert.arg(u"A"_s)));
    QVERIFY(exec(c, insert.arg(u"B"_s)));
    const auto version = [&c](const QString &id) {
        return scalar(c, u"SELECT row_version FROM orders WHERE payment_id = '%1'"_s.arg(id))
            .toLongLong();
    };
    const qint64 a = version(u"A"_s);
    const qint64 b = version(u"B"_s);
    QVERIFY(a > 0);
    QVERIFY(b > a);
    QVERIFY(exec(c, u"UPDATE orders SET status = 'CANCELLED' WHERE payment_id = 'A'"_s));
    QVERIFY(version(u"A"_s) > b);
    QCOMPARE(version(u"B"_s), b);
    QVERIFY(Test::hasIndex(c, u"orders_row_version"_s));
}

void TestCancelJournal::reconcileSettlesUnresolvedOnce_data()
{
    QTest::addColumn<AttemptState>("outcome");
    QTest::addColumn<QString>("status");
    QTest::newRow("cancelled") << AttemptState::Succeeded << u"CANCELLED"_s;
    QTest::newRow("failed") << AttemptState::Rejected << u"FAILED"_s;
}

void TestCancelJournal::reconcileSettlesUnresolvedOnce()
{
    QFETCH(AttemptState, outcome);
    QFETCH(QString, status);
    QVERIFY(m_journal->prepare(draft(Provider::Antom, u"2026U"_s)).ok());
    QVERIFY(recordState(1, AttemptState::Sent).ok());
    QVERIFY(recordState(1, AttemptState::Unresolved).ok());
    const CancelAttempt unresolved = *m_journal->find(1);

    const QDateTime at = kT0.addSecs(3600);
    const JournalResult r = m_journal->reconcile(1, outcome, status, status, at);
    QVERIFY2(r.ok(), qPrintable(r.message));
    const CancelAttempt settled = *m_journal->find(1);
    QCOMPARE(settled.state, outcome);
    QCOMPARE(settled.providerCode, u"RECONCILED"_s);
    QCOMPARE(settled.providerMessage, u"provider status "_s + status);
    QCOMPARE(settled.statusAfter, status);
    QCOMPARE(settled.finishedAt, at);
    // Same attempt, same key; one more entry in the chain, which still verifies.
    QCOMPARE(settled.idempotencyKey, unresolved.idempotencyKey);
    QVERIFY(settled.entryHash != unresolved.entryHash);
    QCOMPARE(scalar(m_db->connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt(), 4);
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));

    // Settled is final: no second reconciliation, no other change.
    QCOMPARE(m_journal->reconcile(1, AttemptState::Succeeded, status, status, at).error,
             JournalError::InvalidTransition);
    CancelAttempt change = settled;
    change.providerMessage = u"again"_s;
    QCOMPARE(m_journal->record(change).error, JournalError::InvalidTransition);
    QCOMPARE(m_journal->find(1)->entryHash, settled.entryHash);
}

void TestCancelJournal::reconcileRefusesEverythingElse()
{
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_ACTIVE"_s)).ok()); // 1, active
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_DONE"_s)).ok());   // 2
    QVERIFY(recordState(2, AttemptState::Rejected).ok());
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_U"_s)).ok()); // 3
    QVERIFY(recordState(3, AttemptState::Unresolved).ok());
    const int entries =
        scalar(m_db->connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt();

    const QString c = u"CANCELLED"_s;
    QCOMPARE(m_journal->reconcile(1, AttemptState::Succeeded, c, c, kT0).error,
             JournalError::InvalidTransition);
    QCOMPARE(m_journal->reconcile(2, AttemptState::Succeeded, c, c, kT0).error,
             JournalError::InvalidTransition);
    QCOMPARE(m_journal->reconcile(99, AttemptState::Succeeded, c, c, kT0).error,
             JournalError::NotFound);
    for (AttemptState s : {AttemptState::Prepared, AttemptState::Sent, AttemptState::Confirming,
                           AttemptState::Unresolved})
        QCOMPARE(m_journal->reconcile(3, s, c, c, kT0).error, JournalError::InvalidInput);
    QCOMPARE(m_journal->find(3)->state, AttemptState::Unresolved);
    QCOMPARE(scalar(m_db->connection(), u"SELECT COUNT(*) FROM journal_entries"_s).toInt(),
             entries);
}

void TestCancelJournal::triggerLetsUnresolvedOnlySettle()
{
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_U"_s)).ok());
    QVERIFY(recordState(1, AttemptState::Unresolved).ok());
    const QSqlDatabase c = m_db->connection();
    QString error;
    QVERIFY2(Test::letRawSqlWriteAttempts(c, &error), qPrintable(error));
    // Back to PREPARED or CONFIRMING, or edited in place: refused by the
    // database itself. (Back to SENT is the retry of the same attempt,
    // CancelJournal::reopen(), schema version 5.)
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET state = 'CONFIRMING' WHERE id = 1"_s, &error));
    QVERIFY2(error.contains(u"final"_s), qPrintable(error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET state = 'PREPARED' WHERE id = 1"_s, &error));
    QVERIFY2(error.contains(u"final"_s), qPrintable(error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET provider_message = 'x' WHERE id = 1"_s, &error));
    QVERIFY2(error.contains(u"final"_s), qPrintable(error));
    // Settling it behind the journal's back gets past the trigger, not past verify.
    QVERIFY2(exec(c, u"UPDATE cancel_attempts SET state = 'SUCCEEDED' WHERE id = 1"_s, &error),
             qPrintable(error));
    const VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadAttempt, 1);
    QVERIFY2(v.problem.contains(u"state"_s), qPrintable(v.problem));
}

void TestCancelJournal::triggersRefuseEdits()
{
    buildJournal();
    const QSqlDatabase c = m_db->connection();
    QString error;
    QVERIFY(!exec(c, u"UPDATE journal_entries SET note = 'x' WHERE seq = 1"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(!exec(c, u"DELETE FROM journal_entries WHERE seq = 8"_s, &error));
    QVERIFY2(error.contains(u"append-only"_s), qPrintable(error));
    QVERIFY(!exec(c, u"DELETE FROM cancel_attempts WHERE id = 2"_s, &error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET provider_message = 'x' WHERE id = 1"_s, &error));
    QVERIFY2(error.contains(u"final"_s), qPrintable(error));
    QVERIFY(!exec(c, u"UPDATE cancel_attempts SET idempotency_key = 'k' WHERE id = 2"_s, &error));
    QVERIFY2(error.contains(u"identity"_s), qPrintable(error));
    QCOMPARE(scalar(c, u"SELECT COUNT(*) FROM journal_entries"_s).toInt(), 8);
    QVERIFY(m_journal->verify().ok);
}

void TestCancelJournal::tamperColumnListsAreComplete()
{
    // The tamper tests below must cover every column: a new column has to join
    // them (and the journal's snapshot), or this fails.
    const QSqlDatabase c = m_db->connection();
    QStringList entries = entryColumns();
    QStringList attempts = attemptColumns();
    std::sort(entries.begin(), entries.end());
    std::sort(attempts.begin(), attempts.end());
    QCOMPARE(entries, tableColumns(c, u"journal_entries"_s));
    QCOMPARE(attempts, tableColumns(c, u"cancel_attempts"_s));
}

void TestCancelJournal::tamperedEntryColumn_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<int>("targetSeq");
    QTest::addColumn<int>("expectedSeq");
    QTest::addColumn<int>("expectedAttempt");
    const QStringList columns = entryColumns();
    for (const QString &column : columns) {
        if (column == u"seq") // renumber the last entry: a gap before it
            QTest::addRow("%s", qPrintable(column)) << column << 8 << 9 << 2;
        else if (column == u"attempt_id") // entry 5 given to attempt 3
            QTest::addRow("%s", qPrintable(column)) << column << 5 << 5 << 3;
        else
            QTest::addRow("%s", qPrintable(column)) << column << 5 << 5 << 2;
    }
}

void TestCancelJournal::tamperedEntryColumn()
{
    QFETCH(QString, column);
    QFETCH(int, targetSeq);
    QFETCH(int, expectedSeq);
    QFETCH(int, expectedAttempt);
    buildJournal();
    const QSqlDatabase c = m_db->connection();
    disarm(c);
    QString error;
    QVERIFY2(exec(c,
                  u"UPDATE journal_entries SET %1 = %2 WHERE seq = %3"_s
                      .arg(column, changed(c, u"journal_entries"_s, column))
                      .arg(targetSeq),
                  &error),
             qPrintable(error));
    const VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, expectedSeq);
    QCOMPARE(v.firstBadAttempt, expectedAttempt);
    QVERIFY2(v.problem.contains(QString::number(expectedSeq)), qPrintable(v.problem));
}

void TestCancelJournal::tamperedAttemptColumn_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("newValue");
    QTest::addColumn<int>("expectedSeq");
    const QStringList columns = attemptColumns();
    for (const QString &column : columns) {
        QString value;       // changed(), once the store exists
        int expectedSeq = 3; // attempt 1's latest entry
        if (column == u"id") {
            value = u"id + 100"_s; // its entries now belong to nobody
            expectedSeq = 1;
        } else if (column == u"state") {
            value = u"'REJECTED'"_s; // a valid state, to get past the CHECK constraint
        }
        QTest::addRow("%s", qPrintable(column)) << column << value << expectedSeq;
    }
}

void TestCancelJournal::tamperedAttemptColumn()
{
    QFETCH(QString, column);
    QFETCH(QString, newValue);
    QFETCH(int, expectedSeq);
    buildJournal();
    const QSqlDatabase c = m_db->connection();
    disarm(c);
    if (newValue.isEmpty())
        newValue = changed(c, u"cancel_attempts"_s, column);
    QString error;
    QVERIFY2(
        exec(c, u"UPDATE cancel_attempts SET %1 = %2 WHERE id = 1"_s.arg(column, newValue), &error),
        qPrintable(error));
    const VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, expectedSeq);
    QCOMPARE(v.firstBadAttempt, 1);
    QVERIFY(!v.problem.isEmpty());
}

void TestCancelJournal::deletedEntry_data()
{
    QTest::addColumn<int>("seq");
    QTest::addColumn<int>("expectedSeq");
    QTest::addColumn<int>("expectedAttempt");
    QTest::addRow("first") << 1 << 2 << 1;  // entry 2 no longer follows the start
    QTest::addRow("middle") << 5 << 6 << 3; // a gap before entry 6
    QTest::addRow("last") << 8 << 8 << 2;   // attempt 2 points at the missing entry
    QTest::addRow("an attempt's last") << 7 << 7 << 3;
}

void TestCancelJournal::deletedEntry()
{
    QFETCH(int, seq);
    QFETCH(int, expectedSeq);
    QFETCH(int, expectedAttempt);
    buildJournal();
    const QSqlDatabase c = m_db->connection();
    disarm(c);
    QVERIFY(exec(c, u"DELETE FROM journal_entries WHERE seq = %1"_s.arg(seq)));
    const VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, expectedSeq);
    QCOMPARE(v.firstBadAttempt, expectedAttempt);
    QCOMPARE(v.entriesChecked, 7);
    QVERIFY2(v.problem.contains(u"missing"_s), qPrintable(v.problem));
}

void TestCancelJournal::reorderedEntries()
{
    buildJournal();
    const QSqlDatabase c = m_db->connection();
    disarm(c);
    QVERIFY(exec(c, u"UPDATE journal_entries SET seq = -4 WHERE seq = 4"_s));
    QVERIFY(exec(c, u"UPDATE journal_entries SET seq = 4 WHERE seq = 5"_s));
    QVERIFY(exec(c, u"UPDATE journal_entries SET seq = 5 WHERE seq = -4"_s));
    const VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 4);
    QCOMPARE(v.firstBadAttempt, 2);
}

void TestCancelJournal::verifyDetectsRawStateEdit()
{
    // Editing an active attempt is allowed by the triggers (the program does
    // it); doing it behind the journal's back is still caught.
    buildJournal();
    QVERIFY(Test::letRawSqlWriteAttempts(m_db->connection()));
    QVERIFY(
        exec(m_db->connection(), u"UPDATE cancel_attempts SET state = 'SUCCEEDED' WHERE id = 2"_s));
    const VerifyResult v = m_journal->verify();
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 8);
    QCOMPARE(v.firstBadAttempt, 2);
    QVERIFY2(v.problem.contains(u"state"_s), qPrintable(v.problem));
}

void TestCancelJournal::headOfEmptyAndGrowingJournal()
{
    // An empty journal has a defined head: seq 0, no hash.
    const std::optional<JournalHead> empty = m_journal->head();
    QVERIFY(empty);
    QCOMPARE(empty->seq, 0);
    QVERIFY(empty->hash.isEmpty());
    QCOMPARE(empty->toString(), u"0:"_s);
    buildJournal();
    const std::optional<JournalHead> head = m_journal->head();
    QVERIFY(head);
    QCOMPARE(head->seq, 8);
    QCOMPARE(head->hash,
             scalar(m_db->connection(), u"SELECT entry_hash FROM journal_entries WHERE seq = 8"_s)
                 .toString());
    QCOMPARE(head->toString(), u"8:"_s + head->hash);
    QVERIFY(m_journal->verifyAgainst(*head).ok);
    QVERIFY(m_journal->verifyAgainst(*empty).ok);
}

void TestCancelJournal::headTextRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    const QString hash = QString(64, u'a');
    QTest::addRow("head") << u"17:"_s + hash << true;
    QTest::addRow("upper case hash") << u"17:"_s + hash.toUpper() << true;
    QTest::addRow("spaces around") << u"  17:"_s + hash + u"\n"_s << true;
    QTest::addRow("empty journal") << u"0:"_s << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("no colon") << u"17"_s + hash << false;
    QTest::addRow("no seq") << u":"_s + hash << false;
    QTest::addRow("negative seq") << u"-1:"_s + hash << false;
    QTest::addRow("seq not a number") << u"x7:"_s + hash << false;
    QTest::addRow("short hash") << u"17:"_s + hash.left(63) << false;
    QTest::addRow("long hash") << u"17:"_s + hash + u"a"_s << false;
    QTest::addRow("not hex") << u"17:"_s + hash.left(63) + u"g"_s << false;
    QTest::addRow("seq without hash") << u"17:"_s << false;
    QTest::addRow("zero with a hash") << u"0:"_s + hash << false;
}

void TestCancelJournal::headTextRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const std::optional<JournalHead> head = JournalHead::parse(text);
    QCOMPARE(bool(head), valid);
    if (head)
        QCOMPARE(head->toString(), text.trimmed().toLower());
}

void TestCancelJournal::verifyAgainstHeadAfterTruncation()
{
    buildJournal();
    // A newest attempt whose entries are the tail of the chain: 9 and 10.
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_Z"_s)).ok());
    QVERIFY(recordState(4, AttemptState::Rejected).ok());
    const JournalHead kept = *m_journal->head();
    QCOMPARE(kept.seq, 10);
    QVERIFY(m_journal->verifyAgainst(kept).ok);

    // Someone with the file removes that attempt whole.
    const QSqlDatabase c = m_db->connection();
    disarm(c);
    QVERIFY(exec(c, u"DELETE FROM journal_entries WHERE attempt_id = 4"_s));
    QVERIFY(exec(c, u"DELETE FROM cancel_attempts WHERE id = 4"_s));
    // The chain inside the database cannot tell.
    const VerifyResult plain = m_journal->verify();
    QVERIFY2(plain.ok, qPrintable(plain.problem));
    QCOMPARE(m_journal->head()->seq, 8);
    // The head kept outside can.
    const VerifyResult anchored = m_journal->verifyAgainst(kept);
    QVERIFY(!anchored.ok);
    QCOMPARE(anchored.firstBadEntry, 10);
    QCOMPARE(anchored.firstBadAttempt, 0); // nobody owns a missing entry
    QVERIFY2(anchored.problem.contains(u"Entry 10 is missing"_s), qPrintable(anchored.problem));
    // An older head is still proved.
    QVERIFY(m_journal->verifyAgainst({8, m_journal->head()->hash}).ok);
}

void TestCancelJournal::verifyAgainstHeadAfterEditBeforeIt()
{
    const JournalHead kept = buildKeepHeadAndDisarm();
    QVERIFY(
        exec(m_db->connection(), u"UPDATE journal_entries SET note = 'edited' WHERE seq = 3"_s));
    const VerifyResult v = m_journal->verifyAgainst(kept);
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 3);
    QCOMPARE(v.firstBadAttempt, 1);
}

void TestCancelJournal::verifyAgainstHeadAfterTailRewrite()
{
    // Someone edits the newest entry and computes its hash again, and the
    // attempt row with it: the chain inside verifies, the kept head does not.
    const JournalHead kept = buildKeepHeadAndDisarm();
    const QSqlDatabase c = m_db->connection();
    QVERIFY(exec(c, u"UPDATE journal_entries SET note = 'rewritten' WHERE seq = 8"_s));
    QSqlQuery q(c);
    QVERIFY(q.exec(u"SELECT * FROM journal_entries WHERE seq = 8"_s));
    QVERIFY(q.next());
    const QSqlRecord row = q.record();
    const QString hash = Test::chainHash(row.value(u"prev_hash"_s).toString(),
                                         Test::handCanonical(row, Test::journalFormatKeys(4)));
    q.finish();
    QVERIFY(exec(c, u"UPDATE journal_entries SET entry_hash = '%1' WHERE seq = 8"_s.arg(hash)));
    QVERIFY(exec(c, u"UPDATE cancel_attempts SET note = 'rewritten', entry_hash = '%1' "
                    "WHERE id = 2"_s.arg(hash)));
    const VerifyResult plain = m_journal->verify();
    QVERIFY2(plain.ok, qPrintable(plain.problem));
    const VerifyResult v = m_journal->verifyAgainst(kept);
    QVERIFY(!v.ok);
    QCOMPARE(v.firstBadEntry, 8);
    QCOMPARE(v.firstBadAttempt, 2);
    QVERIFY2(v.problem.contains(u"Entry 8's hash differs from the expected head"_s),
             qPrintable(v.problem));
}

void TestCancelJournal::verifyAgainstHeadWithLaterEntries()
{
    buildJournal();
    const JournalHead kept = *m_journal->head();
    QVERIFY(m_journal->prepare(draft(Provider::Uqpay, u"PI_LATER"_s)).ok());
    QVERIFY(recordState(4, AttemptState::Succeeded).ok());
    const VerifyResult v = m_journal->verifyAgainst(kept);
    QVERIFY2(v.ok, qPrintable(v.problem));
    QCOMPARE(v.entriesChecked, 10);
    // The same seq with another hash, or a seq never written, fails.
    QVERIFY(!m_journal->verifyAgainst({8, QString(64, u'f')}).ok);
    const VerifyResult beyond = m_journal->verifyAgainst({11, kept.hash});
    QVERIFY(!beyond.ok);
    QVERIFY2(beyond.problem.contains(u"Entry 11 is missing"_s), qPrintable(beyond.problem));
    // A later edit after the head is still caught: the chain must keep verifying.
    const QSqlDatabase c = m_db->connection();
    disarm(c);
    QVERIFY(exec(c, u"UPDATE journal_entries SET note = 'edited' WHERE seq = 9"_s));
    const VerifyResult after = m_journal->verifyAgainst(kept);
    QVERIFY(!after.ok);
    QCOMPARE(after.firstBadEntry, 9);
}

void TestCancelJournal::verifyCanBeStopped()
{
    buildLongJournal(1000); // 3000 entries, 1000 attempt rows
    int asked = 0;
    const VerifyResult whole = m_journal->verify({.shouldStop = [&asked] {
        ++asked;
        return false;
    }});
    QVERIFY2(whole.ok, qPrintable(whole.problem));
    QVERIFY(!whole.stopped);
    QCOMPARE(whole.entriesChecked, 3000);
    // Asked every few hundred of the 4000 rows: neither per row nor never.
    QVERIFY2(asked >= 4 && asked <= 40, qPrintable(QString::number(asked)));
    // Stopping at any of those checks, early in the chain or late among the
    // attempts, ends the walk there: stopped, neither intact nor altered.
    for (int stopAt = 1; stopAt <= asked; ++stopAt) {
        int n = 0;
        const VerifyResult r =
            m_journal->verify({.shouldStop = [&n, stopAt] { return ++n >= stopAt; }});
        QVERIFY2(r.stopped, qPrintable(QString::number(stopAt)));
        QVERIFY(!r.ok);
        QCOMPARE(n, stopAt);
        QCOMPARE(r.firstBadEntry, 0);
        QCOMPARE(r.firstBadAttempt, 0);
        QVERIFY(r.problem.isEmpty());
        QVERIFY(r.entriesChecked <= 3000);
        // The first check comes before any entry, the last among the attempts.
        if (stopAt == 1)
            QCOMPARE(r.entriesChecked, 0);
        if (stopAt == asked)
            QCOMPARE(r.entriesChecked, 3000);
    }
    // Without a stop function the same journal verifies.
    const VerifyResult plain = m_journal->verify();
    QVERIFY2(plain.ok, qPrintable(plain.problem));
    QVERIFY(!plain.stopped);
    QCOMPARE(plain.entriesChecked, 3000);
}

void TestCancelJournal::verifyAgainstCanBeStopped()
{
    buildLongJournal(700);
    const JournalHead head = *m_journal->head();
    // A stopped walk never gets to the head: it vouches for nothing.
    int n = 0;
    const VerifyResult r =
        m_journal->verifyAgainst(head, {.shouldStop = [&n] { return ++n >= 3; }});
    QVERIFY(r.stopped);
    QVERIFY(!r.ok);
    QCOMPARE(r.firstBadEntry, 0);
    QVERIFY(r.problem.isEmpty());
    // Even against a head that is not there: stopped is not "altered".
    const VerifyResult missing =
        m_journal->verifyAgainst({head.seq + 5, head.hash}, {.shouldStop = [] { return true; }});
    QVERIFY(missing.stopped);
    QVERIFY(missing.problem.isEmpty());
    const VerifyResult whole = m_journal->verifyAgainst(head, {.shouldStop = [] { return false; }});
    QVERIFY2(whole.ok, qPrintable(whole.problem));
    QVERIFY(!whole.stopped);
    QCOMPARE(whole.entriesChecked, 2100);
}

void TestCancelJournal::verifyReportsProgress()
{
    buildLongJournal(700); // 2100 entries + 700 attempt rows
    QList<std::pair<qint64, qint64>> reports;
    const VerifyResult r = m_journal->verify({.progress = [&reports](qint64 done, qint64 total) {
        reports.append({done, total});
    }});
    QVERIFY2(r.ok, qPrintable(r.problem));
    QVERIFY(reports.size() >= 3);
    qint64 last = -1;
    for (const auto &[done, total] : std::as_const(reports)) {
        QCOMPARE(total, 2800);
        QVERIFY(done >= last);
        QVERIFY(done <= total);
        last = done;
    }
    QCOMPARE(reports.constLast().first, 2800);
}

QTEST_GUILESS_MAIN(TestCancelJournal)
#include "tst_canceljournal.moc"

// ------------------------------------------------------------ four eyes (F23)

void TestCancelJournal::thresholdMakesTheCancelWait()
{
    QVERIFY(m_journal->setThreshold(u"USD"_s, 1999).ok());
    QCOMPARE(m_journal->threshold(u"USD"_s), std::optional<qint64>(1999));
    QCOMPARE(m_journal->threshold(u"EUR"_s), std::nullopt);
    CancelAttempt atLimit = draft(Provider::Uqpay, u"PI_BIG"_s);
    const QDateTime deadline = QDateTime::currentDateTimeUtc().addSecs(3600);
    atLimit.approvalDeadline = deadline;
    const JournalResult waiting = m_journal->prepare(atLimit);
    QVERIFY2(waiting.ok(), qPrintable(waiting.message));
    QCOMPARE(waiting.attempt.state, AttemptState::AwaitingApproval);
    QCOMPARE(waiting.attempt.owner(), ProcessOwner{});
    QVERIFY(!waiting.attempt.leaseUntil.isValid());
    QCOMPARE(waiting.attempt.approvalDeadline.toMSecsSinceEpoch(), deadline.toMSecsSinceEpoch());
    // It holds the order, and recovery leaves it alone.
    QCOMPARE(m_journal->prepare(draft(Provider::Uqpay, u"PI_BIG"_s)).error,
             JournalError::ActiveAttemptExists);
    QVERIFY(m_journal->unfinished().isEmpty());
    QCOMPARE(m_journal->approvalQueue().size(), 1);

    CancelAttempt below = draft(Provider::Uqpay, u"PI_SMALL"_s);
    below.amount = {1998, u"USD"_s};
    QCOMPARE(m_journal->prepare(below).attempt.state, AttemptState::Prepared);
    CancelAttempt otherCurrency = draft(Provider::Uqpay, u"PI_EUR"_s);
    otherCurrency.amount = {999999, u"EUR"_s};
    QCOMPARE(m_journal->prepare(otherCurrency).attempt.state, AttemptState::Prepared);
    // Removed: no more waiting.
    QVERIFY(m_journal->setThreshold(u"USD"_s, std::nullopt).ok());
    QCOMPARE(m_journal->prepare(draft(Provider::Uqpay, u"PI_NEXT"_s)).attempt.state,
             AttemptState::Prepared);
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
}

void TestCancelJournal::approvalPreparesTheSameAttempt()
{
    QVERIFY(m_journal->setThreshold(u"USD"_s, 1000).ok());
    const JournalResult waiting = m_journal->prepare(draft(Provider::Antom, u"2026A"_s));
    QCOMPARE(waiting.attempt.state, AttemptState::AwaitingApproval);
    const ProcessOwner me = ProcessOwner::self();
    const JournalResult approved = m_journal->approve(waiting.attempt.id, u"wang.fang"_s, me);
    QVERIFY2(approved.ok(), qPrintable(approved.message));
    QCOMPARE(approved.attempt.id, waiting.attempt.id);
    QCOMPARE(approved.attempt.state, AttemptState::Prepared);
    QCOMPARE(approved.attempt.idempotencyKey, waiting.attempt.idempotencyKey);
    QCOMPARE(approved.attempt.operatorName, u"li.na"_s);
    QCOMPARE(approved.attempt.approver, u"wang.fang"_s);
    QCOMPARE(approved.attempt.owner(), me);
    QVERIFY(approved.attempt.leaseUntil > QDateTime::currentDateTimeUtc());
    // Now it is an attempt like any other: its owner sends it.
    CancelAttempt sent = approved.attempt;
    sent.state = AttemptState::Sent;
    sent.tries = 1;
    QVERIFY(m_journal->record(sent).ok());
    QCOMPARE(m_journal->find(waiting.attempt.id)->approver, u"wang.fang"_s);
    QCOMPARE(m_journal->approve(waiting.attempt.id, u"zhao.lei"_s, me).error,
             JournalError::InvalidTransition);
    QVERIFY(m_journal->approvalQueue().isEmpty());
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
}

void TestCancelJournal::requesterCannotDecide()
{
    QVERIFY(m_journal->setThreshold(u"USD"_s, 1000).ok());
    const qint64 id = m_journal->prepare(draft(Provider::Uqpay, u"PI_OWN"_s)).attempt.id;
    JournalResult r = m_journal->approve(id, u"li.na"_s, ProcessOwner::self());
    QCOMPARE(r.error, JournalError::NotPermitted);
    r = m_journal->decline(id, u"li.na"_s, u"changed my mind"_s);
    QCOMPARE(r.error, JournalError::NotPermitted);
    QCOMPARE(m_journal->approve(id, u"  "_s, ProcessOwner::self()).error,
             JournalError::InvalidInput);
    QCOMPARE(m_journal->find(id)->state, AttemptState::AwaitingApproval);
}

void TestCancelJournal::declineNeedsANoteAndIsFinal()
{
    QVERIFY(m_journal->setThreshold(u"USD"_s, 1000).ok());
    const qint64 id = m_journal->prepare(draft(Provider::Liquido, u"LQ_D"_s)).attempt.id;
    QCOMPARE(m_journal->decline(id, u"wang.fang"_s, u"  "_s).error, JournalError::InvalidInput);
    const JournalResult declined = m_journal->decline(id, u"wang.fang"_s, u"refund it instead"_s);
    QVERIFY2(declined.ok(), qPrintable(declined.message));
    QCOMPARE(declined.attempt.state, AttemptState::Declined);
    QCOMPARE(declined.attempt.decisionNote, u"refund it instead"_s);
    QVERIFY(declined.attempt.finishedAt.isValid());
    QCOMPARE(m_journal->approve(id, u"zhao.lei"_s, ProcessOwner::self()).error,
             JournalError::InvalidTransition);
    // The order is free again.
    QVERIFY(m_journal->prepare(draft(Provider::Liquido, u"LQ_D"_s)).ok());
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
}

void TestCancelJournal::lapsedRequestExpires()
{
    QVERIFY(m_journal->setThreshold(u"USD"_s, 1000).ok());
    CancelAttempt d = draft(Provider::Uqpay, u"PI_LATE"_s);
    d.approvalDeadline = QDateTime::currentDateTimeUtc().addSecs(60);
    const qint64 late = m_journal->prepare(d).attempt.id;
    QCOMPARE(m_journal->expire(late).error, JournalError::InvalidTransition); // not yet
    // A request whose cancel window has already closed.
    d = draft(Provider::Uqpay, u"PI_GONE"_s);
    d.approvalDeadline = QDateTime::currentDateTimeUtc().addSecs(-1);
    const qint64 gone = m_journal->prepare(d).attempt.id;
    JournalResult r = m_journal->approve(gone, u"wang.fang"_s, ProcessOwner::self());
    QCOMPARE(r.error, JournalError::InvalidTransition);
    QVERIFY2(r.message.contains(u"lapsed"_s), qPrintable(r.message));
    r = m_journal->expire(gone);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.attempt.state, AttemptState::Expired);
    QCOMPARE(r.attempt.approver, QString());
    QCOMPARE(m_journal->expire(gone).error, JournalError::InvalidTransition);
    if (Test::enginePostgres()) {
        // A minute later by the database's clock, whatever this machine's says.
        QVERIFY(Test::moveDatabaseClock(m_db->connection(), 61'000));
        QVERIFY(m_journal->expire(late).ok());
    }
    const VerifyResult v = m_journal->verify();
    QVERIFY2(v.ok, qPrintable(v.problem));
}
