// Services::JobRunner: progress, cancel, stale results dropped, an owner or
// the runner itself going away while a worker runs.
#include "services/jobrunner.h"

#include <QCoreApplication>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace CancelDesk::Services;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kTimeoutMs = 10000;

// A worker that holds until the test releases it, then says whether it saw
// its cancellation.
struct Gate
{
    QSemaphore entered;
    QSemaphore release;
};

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private slots:
    void deliversResultOnRunnerThread();
    void reportsProgress();
    void cancelDropsResult();
    void newerJobOfSameKindWins();
    void otherKindsAndOwnersAreNotStale();
    void ownerDestroyedWhileWorkerRuns();
    void runnerDestroyedWhileWorkerRuns();
};

void TestJobRunner::deliversResultOnRunnerThread()
{
    JobRunner runner;
    QObject owner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    QThread *workerThread = nullptr;
    int delivered = 0;
    QThread *deliveryThread = nullptr;
    const JobId id = runner.start(
        u"sum"_s, &owner,
        [&workerThread](JobControl &) {
            workerThread = QThread::currentThread();
            return 6 * 7;
        },
        [&](int result) {
            delivered = result;
            deliveryThread = QThread::currentThread();
        });
    QVERIFY(id != 0);
    QVERIFY(runner.isRunning(id));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QCOMPARE(finished.first().at(0).value<JobId>(), id);
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(delivered, 42);
    QCOMPARE(deliveryThread, QThread::currentThread());
    QVERIFY(workerThread != QThread::currentThread());
    QVERIFY(!runner.isRunning(id));
    QCOMPARE(runner.runningCount(), 0);
}

void TestJobRunner::reportsProgress()
{
    JobRunner runner;
    QObject owner;
    QSignalSpy progress(&runner, &JobRunner::progress);
    QSignalSpy finished(&runner, &JobRunner::finished);
    QList<qint64> seen;
    const JobId id = runner.start(
        u"count"_s, &owner,
        [](JobControl &control) {
            for (qint64 i = 1; i <= 3; ++i)
                control.reportProgress(i, 3);
            return QStringLiteral("done");
        },
        [](const QString &) {}, [&seen](qint64 done, qint64) { seen << done; });
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    // Progress is queued before the result: all of it arrives first, in order.
    QCOMPARE(seen, (QList<qint64>{1, 2, 3}));
    QCOMPARE(progress.count(), 3);
    QCOMPARE(progress.last().at(0).value<JobId>(), id);
    QCOMPARE(progress.last().at(1).toLongLong(), 3);
    QCOMPARE(progress.last().at(2).toLongLong(), 3);
}

void TestJobRunner::cancelDropsResult()
{
    JobRunner runner;
    QObject owner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    auto gate = std::make_shared<Gate>();
    auto sawCancel = std::make_shared<std::atomic_bool>(false);
    bool delivered = false;
    const JobId id = runner.start(
        u"slow"_s, &owner,
        [gate, sawCancel](JobControl &control) {
            gate->entered.release();
            // Polls, as a worker walking rows does.
            while (!control.isCancelled())
                QThread::msleep(1);
            *sawCancel = true;
            return 1;
        },
        [&delivered](int) { delivered = true; });
    QVERIFY(gate->entered.tryAcquire(1, kTimeoutMs));
    QVERIFY(runner.isCurrent(id));
    runner.cancel(id);
    QVERIFY(!runner.isCurrent(id));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QVERIFY(*sawCancel);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QVERIFY(!delivered);
}

void TestJobRunner::newerJobOfSameKindWins()
{
    JobRunner runner;
    QObject owner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    auto gate = std::make_shared<Gate>();
    auto olderSawCancel = std::make_shared<std::atomic_bool>(false);
    QStringList delivered;
    // The older one finishes its work (it does not poll) after the newer began.
    const JobId older = runner.start(
        u"preview"_s, &owner,
        [gate, olderSawCancel](JobControl &control) {
            gate->entered.release();
            gate->release.acquire();
            *olderSawCancel = control.isCancelled();
            return QStringLiteral("old file");
        },
        [&delivered](const QString &r) { delivered << r; });
    QVERIFY(gate->entered.tryAcquire(1, kTimeoutMs));
    const JobId newer = runner.start(
        u"preview"_s, &owner, [](JobControl &) { return QStringLiteral("new file"); },
        [&delivered](const QString &r) { delivered << r; });
    QVERIFY(!runner.isCurrent(older));
    QVERIFY(runner.isCurrent(newer) || delivered == QStringList{u"new file"_s});
    QTRY_COMPARE_WITH_TIMEOUT(delivered, QStringList{u"new file"_s}, kTimeoutMs);
    gate->release.release();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kTimeoutMs);
    QVERIFY(*olderSawCancel);
    QCOMPARE(delivered, QStringList{u"new file"_s});
    for (const QList<QVariant> &f : std::as_const(finished))
        QCOMPARE(f.at(1).toBool(), f.at(0).value<JobId>() == newer);
}

void TestJobRunner::otherKindsAndOwnersAreNotStale()
{
    JobRunner runner;
    runner.setMaxThreadCount(4);
    QObject a;
    QObject b;
    QSignalSpy finished(&runner, &JobRunner::finished);
    QStringList delivered;
    const auto add = [&delivered](const QString &r) { delivered << r; };
    runner.start(
        u"export"_s, &a, [](JobControl &) { return u"a export"_s; }, add);
    runner.start(
        u"verify"_s, &a, [](JobControl &) { return u"a verify"_s; }, add);
    runner.start(
        u"export"_s, &b, [](JobControl &) { return u"b export"_s; }, add);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kTimeoutMs);
    delivered.sort();
    QCOMPARE(delivered, (QStringList{u"a export"_s, u"a verify"_s, u"b export"_s}));
}

void TestJobRunner::ownerDestroyedWhileWorkerRuns()
{
    JobRunner runner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    QSignalSpy progress(&runner, &JobRunner::progress);
    auto gate = std::make_shared<Gate>();
    auto sawCancel = std::make_shared<std::atomic_bool>(false);
    auto *owner = new QObject;
    // The callbacks touch the owner: called after it is gone, ASan would say so.
    auto *label = new QObject(owner);
    const JobId id = runner.start(
        u"verify"_s, owner,
        [gate, sawCancel](JobControl &control) {
            gate->entered.release();
            gate->release.acquire();
            control.reportProgress(1, 1);
            *sawCancel = control.isCancelled();
            return 1;
        },
        [label](int) { label->setObjectName(u"delivered"_s); },
        [label](qint64, qint64) { label->setObjectName(u"progress"_s); });
    QVERIFY(gate->entered.tryAcquire(1, kTimeoutMs));
    delete owner;
    QVERIFY(!runner.isCurrent(id));
    gate->release.release();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
    QVERIFY(*sawCancel);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(progress.count(), 0);
}

void TestJobRunner::runnerDestroyedWhileWorkerRuns()
{
    auto gate = std::make_shared<Gate>();
    auto sawCancel = std::make_shared<std::atomic_bool>(false);
    auto finishedWork = std::make_shared<std::atomic_bool>(false);
    QObject owner;
    bool delivered = false;
    {
        auto runner = std::make_unique<JobRunner>();
        runner->start(
            u"export"_s, &owner,
            [gate, sawCancel, finishedWork](JobControl &control) {
                gate->entered.release();
                while (!control.isCancelled())
                    QThread::msleep(1);
                control.reportProgress(1, 1); // to a runner being destroyed: dropped
                *sawCancel = true;
                *finishedWork = true;
                return 1;
            },
            [&delivered](int) { delivered = true; });
        QVERIFY(gate->entered.tryAcquire(1, kTimeoutMs));
        // Cancels and waits for the worker: what it used may go right after.
        runner.reset();
        QVERIFY(*finishedWork);
    }
    QCoreApplication::processEvents();
    QVERIFY(*sawCancel);
    QVERIFY(!delivered);
}

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
