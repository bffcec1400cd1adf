#pragma once

#include "domain/order.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace CancelDesk::Storage {

class Database;
class ChangeFeedWorker;

// The change feed (PRODUCT.md F24): tells this console, within 2 seconds,
// what other consoles (other connections) changed in the store.
//
// On PostgreSQL it runs on a thread of its own with that thread's own
// connection of `db` (Database::connection() is per thread), LISTENs on the
// channel canceldesk_changes and turns the NOTIFY payloads of schema 7
// (resources/migrations/postgresql/0007_changes.sql) into the signals below.
// When subscribing fails (SQLite always; PostgreSQL behind a pooler in
// transaction mode, for example) it polls instead, every kPollIntervalMs:
// max(orders.row_version), max(journal_entries.seq), the attempts whose
// entry_seq grew and the approval thresholds.
//
// A lost PostgreSQL connection is noticed by a check every
// kWatchdogIntervalMs (QPSQL's isOpen() is PQstatus == CONNECTION_OK); the
// feed then closes that connection at once, which also removes the driver's
// socket notifier (after the server went away it could fire in a loop), and
// on the next tick it connects again, subscribes again and emits
// ordersChangedSince(<a version at or below the last seen>) and
// journalChanged(<newest seq>) once, so nothing missed meanwhile is lost.
//
// Every signal is emitted in the thread that made the feed (queued from the
// feed's thread). Changes this console makes itself are reported too. The
// feed does not deduplicate against what the caller already knows.
//
// `db` must outlive the feed. start() and stop() are called from the thread
// that made the feed; stop() (also run by the destructor) returns once the
// feed's thread has ended and its connection is closed.
class ChangeFeed final : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        Stopped,
        Starting,  // started, not connected yet (or reconnecting)
        Listening, // PostgreSQL LISTEN/NOTIFY
        Polling,   // the fallback
    };

    static constexpr int kPollIntervalMs = 1000; // under the 2 s promise, query time included
    static constexpr int kWatchdogIntervalMs = 1000;
    // The channel of 0007_changes.sql (lower case: the driver quotes it).
    static constexpr const char *kChannel = "canceldesk_changes";

    explicit ChangeFeed(Database &db, QObject *parent = nullptr);
    ~ChangeFeed() override;
    Q_DISABLE_COPY_MOVE(ChangeFeed)

    void start();
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

    // Thread-safe snapshots, for status displays and tests.
    Mode mode() const { return Mode(m_mode.load()); }
    // PostgreSQL: the server process of the feed's connection (0 when not
    // connected, and on SQLite).
    qint64 backendPid() const { return m_backendPid.load(); }
    // How many times the feed connected again after losing its connection.
    int reconnects() const { return m_reconnects.load(); }

Q_SIGNALS:
    // These orders were inserted or updated, or an attempt to cancel one of
    // them was made or changed (its row says who is cancelling it). A few
    // hundred at most: beyond that, ordersChangedSince.
    void ordersChanged(const QList<CancelDesk::Domain::OrderKey> &keys);
    // More orders than ordersChanged names changed (a large transaction, or
    // many while the feed polled or was away): every order whose
    // row_version >= rowVersion may have changed, re-read them.
    void ordersChangedSince(qint64 rowVersion);
    // An attempt was created or changed; byLogin is its approver when it has
    // one, else its operator (who is cancelling the order).
    void attemptChanged(qint64 id, const QString &state, const QString &byLogin);
    // The journal's newest entry is now seq.
    void journalChanged(qint64 seq);
    // The approval thresholds changed.
    void thresholdsChanged();

private:
    friend class ChangeFeedWorker;

    Database &m_db;
    QThread *m_thread = nullptr;
    ChangeFeedWorker *m_worker = nullptr;
    std::atomic<int> m_mode{int(Mode::Stopped)};
    std::atomic<qint64> m_backendPid{0};
    std::atomic<int> m_reconnects{0};
};

} // namespace CancelDesk::Storage
