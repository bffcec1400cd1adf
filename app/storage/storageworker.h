#pragma once

#include "domain/order.h"
#include "orderstore.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace CancelDesk::Storage {

// One order learned from a provider, to be written: its new status or, when
// syncError is set, only why it could not be retrieved (the status stays).
struct OrderWrite
{
    Domain::Order order;
    QString syncError; // stored form (Providers::encodeFailure); empty: write the order
    QDateTime syncErrorAt;
};

// What became of one OrderWrite.
struct OrderWritten
{
    Domain::OrderKey key;
    bool syncErrorOnly = false;
    bool ok = false;
    bool conflict = false; // see UpsertResult::conflict
    QString error;         // translated, when !ok
    // Filled by the caller's afterWrite (e.g. unresolved cancels settled).
    int settled = 0;
    QString settleError;
};

// Runs on the storage thread after a batch committed, once per order written
// (not for sync errors): what the caller does next with the stored order
// (the refresh settles UNRESOLVED cancel attempts, F11 step 5).
using AfterWrite = std::function<void(const Domain::Order &order, OrderWritten &written)>;

// Writes refreshed orders on a thread of its own, so that the GUI thread never
// waits on the disk (STYLE.md §9; qBittorrent's resume-data storage is the
// pattern). The thread uses its own named connection to the same SQLite file
// (Database::connection()), and writes each batch in one transaction instead
// of one synchronous=FULL transaction per order. written() comes back, in the
// thread that owns this object, with the outcome of every order of the batch.
//
// The cancel path does not come here: an attempt is journaled before the
// network is touched, synchronously (CancelService).
class StorageWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StorageWorker)

public:
    explicit StorageWorker(OrderStore &store, QObject *parent = nullptr);
    // Writes what was handed over already, then stops the thread. Must go
    // before the Database.
    ~StorageWorker() override;

    // Queues a batch; returns its ticket, which written() repeats.
    quint64 write(const QList<OrderWrite> &batch, StatusSource source,
                  const AfterWrite &afterWrite = {});

Q_SIGNALS:
    void written(quint64 ticket, const QList<CancelDesk::Storage::OrderWritten> &outcomes);

private:
    static QList<OrderWritten> writeBatch(OrderStore &store, const QList<OrderWrite> &batch,
                                          StatusSource source, const AfterWrite &afterWrite);

    OrderStore &m_store;
    QThread m_thread;
    QObject *m_writer = nullptr; // lives in m_thread
    quint64 m_nextTicket = 0;
};

} // namespace CancelDesk::Storage

Q_DECLARE_METATYPE(CancelDesk::Storage::OrderWritten)
