#include "storageworker.h"

#include <QCoreApplication>

namespace CancelDesk::Storage {

StorageWorker::StorageWorker(OrderStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    qRegisterMetaType<QList<OrderWritten>>();
    m_thread.setObjectName(QStringLiteral("CancelDesk storage"));
    m_writer = new QObject;
    m_writer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_thread.start();
}

StorageWorker::~StorageWorker()
{
    // Batches already queued are written: the thread's event loop runs them
    // before it sees quit(). Its connection closes when it finishes.
    QMetaObject::invokeMethod(
        m_writer, [thread = &m_thread] { thread->quit(); }, Qt::QueuedConnection);
    m_thread.wait();
}

quint64 StorageWorker::write(const QList<OrderWrite> &batch, StatusSource source,
                             const AfterWrite &afterWrite)
{
    const quint64 ticket = ++m_nextTicket;
    OrderStore *store = &m_store;
    QMetaObject::invokeMethod(
        m_writer,
        [this, store, batch, source, afterWrite, ticket] {
            const QList<OrderWritten> outcomes = writeBatch(*store, batch, source, afterWrite);
            // Back to the owner's thread; dropped if the owner is gone (it
            // waits for this thread first, so it is not).
            QMetaObject::invokeMethod(
                this, [this, ticket, outcomes] { Q_EMIT written(ticket, outcomes); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return ticket;
}

QList<OrderWritten> StorageWorker::writeBatch(OrderStore &store, const QList<OrderWrite> &batch,
                                              StatusSource source, const AfterWrite &afterWrite)
{
    QList<OrderWritten> outcomes;
    outcomes.reserve(batch.size());
    for (const OrderWrite &w : batch) {
        OrderWritten o;
        o.key = {w.order.provider, w.order.paymentId};
        o.syncErrorOnly = !w.syncError.isEmpty();
        outcomes.append(o);
    }
    // One transaction for the batch: one fsync instead of one per order.
    OrderBatch tx(store, source);
    QString error;
    if (!tx.begin(&error)) {
        for (OrderWritten &o : outcomes)
            o.error = error;
        return outcomes;
    }
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const OrderWrite &w = batch.at(i);
        OrderWritten &o = outcomes[i];
        if (o.syncErrorOnly) {
            o.ok = store.recordSyncError(w.order.provider, w.order.paymentId, w.syncErrorAt,
                                         w.syncError);
            continue;
        }
        const UpsertResult r = tx.upsert(w.order);
        o.ok = r.ok;
        o.conflict = r.conflict;
        o.error = r.error;
    }
    if (!tx.commit(&error)) {
        for (OrderWritten &o : outcomes) {
            o.ok = false;
            o.conflict = false;
            o.error = error;
        }
        return outcomes;
    }
    if (afterWrite) {
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (outcomes.at(i).ok && !outcomes.at(i).syncErrorOnly)
                afterWrite(batch.at(i).order, outcomes[i]);
        }
    }
    return outcomes;
}

} // namespace CancelDesk::Storage
