#include "canceltest.h"

#include "domain/orderstatus.h"

#include <QProcess>
#include <QtTest>

#include <optional>

namespace CancelDesk::Test {

using Services::CancelReport;

CancelReport await(Services::CancelJob *job)
{
    std::optional<CancelReport> report;
    int deliveries = 0;
    QObject::connect(job, &Services::CancelJob::finished, job,
                     [&report, &deliveries](const CancelReport &r) {
                         report = r;
                         ++deliveries;
                     });
    if (!QTest::qWaitFor([&report] { return report.has_value(); }, 30000))
        qFatal("cancel job did not finish");
    QTest::qWait(20); // a second delivery would arrive now
    if (deliveries != 1)
        qFatal("cancel job delivered %d times", deliveries);
    return *report;
}

QList<CancelReport> await(Services::RecoveryJob *job)
{
    std::optional<QList<CancelReport>> reports;
    QObject::connect(job, &Services::RecoveryJob::finished, job,
                     [&reports](const QList<CancelReport> &r) { reports = r; });
    if (!QTest::qWaitFor([&reports] { return reports.has_value(); }, 60000))
        qFatal("recovery did not finish");
    return *reports;
}

Storage::CancelAttempt draftAttempt(const Domain::Order &order, const QString &operatorName)
{
    Storage::CancelAttempt a;
    a.provider = order.provider;
    a.paymentId = order.paymentId;
    a.merchantReference = order.merchantReference;
    a.amount = order.amount;
    a.paymentMethod = order.paymentMethod;
    a.operatorName = operatorName;
    a.environment = QStringLiteral("sandbox");
    a.statusBefore = Domain::statusKey(order.status);
    return a;
}

qint64 deadPid()
{
    QProcess p;
    p.start(QStringLiteral("true"), {});
    if (!p.waitForStarted())
        qFatal("cannot start true");
    const qint64 pid = p.processId();
    p.waitForFinished();
    return pid;
}

} // namespace CancelDesk::Test
