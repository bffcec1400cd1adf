// Who owns an active cancel attempt (F11 recovery) and who may write it
// (issue 11): the owner's process instance, the lease in the compare-and-swap,
// record() refusing a writer that lost the attempt, retrying an UNRESOLVED
// attempt, and two processes creating one fresh database at once.

#include "canceltest.h"
#include "domain/order.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/orderstore.h"
#include "storage/processowner.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk;
using Storage::AttemptState;
using Storage::JournalError;
using Storage::ProcessOwner;

class TestAttemptOwner final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::OrderStore> m_orders;
    std::unique_ptr<Storage::CancelJournal> m_journal;

    Storage::CancelAttempt draft(const QString &id)
    {
        Domain::Order o;
        o.provider = Domain::Provider::Uqpay;
        o.paymentId = id;
        o.amount = {1000, u"USD"_s};
        o.status = Domain::NormStatus::Pending;
        o.rawStatus = u"REQUIRES_PAYMENT_METHOD"_s;
        o.createdAt = QDateTime::currentDateTimeUtc();
        if (!m_orders->upsert(o, Storage::StatusSource::Manual).ok)
            qFatal("cannot store the order");
        return Test::draftAttempt(o, u"alice"_s);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_db = std::make_unique<Storage::Database>(Test::storeLocation(*m_dir, u"owner.sqlite"_s));
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        m_orders = std::make_unique<Storage::OrderStore>(*m_db);
        m_journal = std::make_unique<Storage::CancelJournal>(*m_db);
    }

    void cleanup()
    {
        m_journal.reset();
        m_orders.reset();
        m_db.reset();
        m_dir.reset();
    }

    void selfHasAnInstance()
    {
        const ProcessOwner &me = ProcessOwner::self();
        QCOMPARE(me.pid, QCoreApplication::applicationPid());
        QVERIFY(!me.instance.isEmpty());
        QVERIFY(me.instance.startsWith(Storage::currentBootId() + u':'));
        QCOMPARE(Storage::processInstance(me.pid), me.instance);
        // prepare() records it.
        const Storage::JournalResult p = m_journal->prepare(draft(u"PI_1"_s));
        QVERIFY(p.ok());
        QCOMPARE(p.attempt.owner(), me);
        QCOMPARE(m_journal->find(p.attempt.id)->ownerInstance, me.instance);
        QVERIFY(m_journal->verify().ok);
    }

    // A live pid is not enough: a process of an earlier boot, or a pid the
    // system gave to another program, is gone.
    void reusedPidOrRebootMeansGone()
    {
        QProcess sleeper;
        sleeper.start(u"sleep"_s, {u"30"_s});
        QVERIFY(sleeper.waitForStarted());
        const qint64 pid = sleeper.processId();
        const QString host = QSysInfo::machineHostName();
        const QString live = Storage::processInstance(pid);
        QVERIFY(!live.isEmpty());
        QVERIFY(!Storage::ownerIsGone({host, pid, live}, false));
        // The same pid, another process start: reused.
        QVERIFY(Storage::ownerIsGone({host, pid, Storage::currentBootId() + u":1"_s}, false));
        // Written before this machine's last boot.
        QVERIFY(Storage::ownerIsGone(
            {host, pid, u"00000000-0000-0000-0000-000000000000:"_s + live.section(u':', 1)},
            false));
        // Older entries without an instance: the pid alone, as before.
        QVERIFY(!Storage::ownerIsGone({host, pid, QString()}, false));
        QVERIFY(Storage::ownerIsGone({host, Test::deadPid(), QString()}, false));
        // Another host: only its lease tells.
        QVERIFY(!Storage::ownerIsGone({u"elsewhere.invalid"_s, pid, live}, false));
        QVERIFY(Storage::ownerIsGone({u"elsewhere.invalid"_s, pid, live}, true));
        QVERIFY(Storage::ownerIsGone({}, false));
        sleeper.kill();
        sleeper.waitForFinished();
    }

    // The compare-and-swap of a takeover checks the lease too: an owner that
    // renewed its lease after the rescuer looked keeps the attempt.
    void takeoverChecksTheLease()
    {
        const Storage::JournalResult p = m_journal->prepare(draft(u"PI_2"_s));
        QVERIFY(p.ok());
        const Storage::CancelAttempt seen = *m_journal->find(p.attempt.id);
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(600);
        QVERIFY(m_journal->renewLease(p.attempt.id, later).ok());
        const ProcessOwner rescuer{u"rescuer.invalid"_s, 77, u"b:1"_s};
        const Storage::JournalResult stale =
            m_journal->setOwner(p.attempt.id, seen.owner(), seen.leaseUntil, rescuer, later);
        QCOMPARE(stale.error, JournalError::InvalidTransition);
        const Storage::CancelAttempt now = *m_journal->find(p.attempt.id);
        // Once the renewed lease has lapsed by the database's clock.
        QVERIFY(Test::moveDatabaseClock(m_db->connection(), 601'000));
        QVERIFY(
            m_journal->setOwner(p.attempt.id, now.owner(), now.leaseUntil, rescuer, later).ok());
        QCOMPARE(m_journal->find(p.attempt.id)->owner(), rescuer);
        // The first owner's lease renewal now fails: its job must stop.
        QCOMPARE(m_journal->renewLease(p.attempt.id, later).error, JournalError::InvalidTransition);
        QVERIFY(m_journal->verify().ok);
    }

    // record() refuses a writer that no longer owns the attempt.
    void recordRefusesAFormerOwner()
    {
        Storage::JournalResult p = m_journal->prepare(draft(u"PI_3"_s));
        QVERIFY(p.ok());
        const Storage::CancelAttempt mine = p.attempt;
        const ProcessOwner rescuer{u"rescuer.invalid"_s, 77, u"b:1"_s};
        // The rescuer saw the lease lapse (by the database's clock).
        QVERIFY(Test::moveDatabaseClock(m_db->connection(),
                                        (Storage::CancelJournal::kLeaseSeconds + 1) * 1000));
        QVERIFY(m_journal
                    ->setOwner(mine.id, mine.owner(), mine.leaseUntil, rescuer,
                               QDateTime::currentDateTimeUtc().addSecs(60))
                    .ok());
        Storage::CancelAttempt late = mine;
        late.state = AttemptState::Succeeded;
        QCOMPARE(m_journal->record(late).error, JournalError::InvalidTransition);
        QCOMPARE(m_journal->find(mine.id)->state, AttemptState::Prepared);
        // Released attempts are nobody's to write until taken over.
        QVERIFY(
            m_journal->setOwner(mine.id, rescuer, std::nullopt, {}, QDateTime::currentDateTimeUtc())
                .ok());
        QCOMPARE(m_journal->record(late).error, JournalError::InvalidTransition);
    }

    // §10: an UNRESOLVED attempt is retried as itself: back to SENT, with its
    // key; a new attempt for the order stays possible only once it is final.
    void unresolvedAttemptIsReopened()
    {
        Storage::JournalResult p = m_journal->prepare(draft(u"PI_4"_s));
        p.attempt.state = AttemptState::Sent;
        p.attempt.tries = 1;
        p = m_journal->record(p.attempt);
        p.attempt.state = AttemptState::Unresolved;
        p = m_journal->record(p.attempt);
        QVERIFY(p.ok());
        QCOMPARE(m_journal->unresolvedFor(Domain::Provider::Uqpay, u"PI_4"_s)->id, p.attempt.id);

        const Storage::JournalResult reopened = m_journal->reopen(
            p.attempt.id, ProcessOwner::self(), QDateTime::currentDateTimeUtc().addSecs(60));
        QVERIFY2(reopened.ok(), qPrintable(reopened.message));
        QCOMPARE(reopened.attempt.state, AttemptState::Sent);
        QCOMPARE(reopened.attempt.idempotencyKey, p.attempt.idempotencyKey);
        QCOMPARE(reopened.attempt.tries, 1);
        QVERIFY(!reopened.attempt.finishedAt.isValid());
        QCOMPARE(m_journal->activeFor(Domain::Provider::Uqpay, u"PI_4"_s)->id, p.attempt.id);
        // Only an UNRESOLVED attempt can be reopened.
        QCOMPARE(m_journal->reopen(p.attempt.id, ProcessOwner::self(), QDateTime()).error,
                 JournalError::InvalidTransition);
        Storage::CancelAttempt done = reopened.attempt;
        done.state = AttemptState::Succeeded;
        QVERIFY(m_journal->record(done).ok());
        QCOMPARE(m_journal->reopen(p.attempt.id, ProcessOwner::self(), QDateTime()).error,
                 JournalError::InvalidTransition);
        QVERIFY(m_journal->verify().ok);
    }

    // Two processes (here: threads with their own connections) opening the
    // same fresh database at once both succeed: the version check and the
    // migration are one write transaction.
    void concurrentFirstOpenBothSucceed()
    {
        for (int round = 0; round < 8; ++round) {
            const QString path = m_dir->filePath(u"fresh-%1.sqlite"_s.arg(round));
            std::atomic<int> ready{0};
            std::atomic<int> ok{0};
            QStringList errors;
            QMutex errorsMutex;
            std::vector<std::thread> threads;
            for (int t = 0; t < 3; ++t) {
                threads.emplace_back([&] {
                    Storage::Database db(path);
                    ++ready;
                    while (ready.load() < 3)
                        std::this_thread::yield();
                    QString error;
                    if (db.open(&error)) {
                        ++ok;
                    } else {
                        QMutexLocker lock(&errorsMutex);
                        errors.append(error);
                    }
                });
            }
            for (std::thread &t : threads)
                t.join();
            QVERIFY2(ok.load() == 3, qPrintable(errors.join(u"; "_s)));
        }
    }
};

QTEST_GUILESS_MAIN(TestAttemptOwner)
#include "tst_attemptowner.moc"
