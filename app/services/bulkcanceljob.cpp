// BulkCancelJob: many orders with one reason (PRODUCT.md F13), one after another.
#include "cancelservice.h"

#include <QCoreApplication>

namespace CancelDesk::Services {

BulkCancelJob::BulkCancelJob(CancelService &service, QList<CancelOrderRequest> requests,
                             QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_requests(std::move(requests))
{
    QMetaObject::invokeMethod(this, &BulkCancelJob::next, Qt::QueuedConnection);
}

BulkCancelJob::~BulkCancelJob() = default;

void BulkCancelJob::stop()
{
    m_stopped = true;
    if (m_current)
        m_current->stop();
}

void BulkCancelJob::next()
{
    const int total = int(m_reports.size() + m_requests.size());
    if (m_stopped) {
        for (const CancelOrderRequest &request : std::as_const(m_requests)) {
            CancelReport report;
            report.order = request.order;
            report.message =
                QCoreApplication::translate("CancelService", "Stopped before anything was sent.");
            m_reports.append(report);
            Q_EMIT reported(report);
        }
        m_requests.clear();
    }
    if (m_requests.isEmpty()) {
        Q_EMIT progress(int(m_reports.size()), total);
        Q_EMIT finished(m_reports);
        deleteLater();
        return;
    }
    // One after another: a bulk cancel should not hit one provider in a burst,
    // and each one is journaled before it is sent anyway.
    m_current = m_service.cancel(m_requests.takeFirst());
    connect(m_current, &CancelJob::finished, this, [this, total](const CancelReport &report) {
        m_reports.append(report);
        Q_EMIT reported(report);
        Q_EMIT progress(int(m_reports.size()), total);
        next();
    });
}

BulkCancelJob *CancelService::cancelMany(const QList<Domain::OrderKey> &orders,
                                         Domain::CancelReason reason, const QString &note,
                                         const QString &operatorName, const QString &environment)
{
    QList<CancelOrderRequest> requests;
    requests.reserve(orders.size());
    for (const Domain::OrderKey &key : orders)
        requests.append({key, reason, note, operatorName, environment});
    return new BulkCancelJob(*this, std::move(requests), this);
}

} // namespace CancelDesk::Services
