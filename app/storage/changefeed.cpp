#include "changefeed.h"

#include "database.h"
#include "domain/provider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QPointer>
#include <QSet>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

namespace {

// NOTIFY payloads arriving close together (one transaction's) are reported
// together.
constexpr int kCoalesceMs = 50;
// On PostgreSQL a sequence hands out versions in call order, not commit
// order: after a reconnect or a poll, re-read this far below the highest
// version seen.
constexpr qint64 kPostgresVersionMargin = 1000;
// While listening, the highest version is read again every this many
// watchdog ticks.
constexpr int kBaselineTicks = 10;
// Up to this many orders changed since a version are named one by one;
// beyond it the feed says "reload from" (ChangeFeed::ordersChangedSince).
constexpr int kMostNamedOrders = 200;

qint64 scalar(const QSqlDatabase &db, const QString &sql, bool *ok)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql) || !q.next()) {
        *ok = false;
        return 0;
    }
    return q.value(0).toLongLong();
}

QString byLoginOf(const QString &op, const QString &approver)
{
    return approver.isEmpty() ? op : approver;
}

} // namespace

// Lives on the feed's thread; everything it does happens there.
class ChangeFeedWorker final : public QObject
{
    Q_OBJECT

public:
    ChangeFeedWorker(ChangeFeed &feed, Database &db)
        : m_feed(feed)
        , m_db(db)
        , m_postgres(db.engine() == Engine::PostgreSql)
    {}

    void begin()
    {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &ChangeFeedWorker::tick);
        m_flush = new QTimer(this);
        m_flush->setSingleShot(true);
        m_flush->setInterval(kCoalesceMs);
        connect(m_flush, &QTimer::timeout, this, &ChangeFeedWorker::flush);
        tick();
        m_timer->start(m_polling ? ChangeFeed::kPollIntervalMs : ChangeFeed::kWatchdogIntervalMs);
    }

    void end()
    {
        if (m_timer)
            m_timer->stop();
        if (m_flush)
            m_flush->stop();
        if (m_driver) {
            disconnect(m_driver, nullptr, this, nullptr);
            if (m_driver->isOpen())
                m_driver->unsubscribeFromNotification(QString::fromLatin1(ChangeFeed::kChannel));
        }
        m_driver = nullptr;
        m_feed.m_mode.store(int(ChangeFeed::Mode::Stopped));
        m_feed.m_backendPid.store(0);
    }

Q_SIGNALS:
    void ordersChanged(const QList<CancelDesk::Domain::OrderKey> &keys);
    void ordersChangedSince(qint64 rowVersion);
    void attemptChanged(qint64 id, const QString &state, const QString &byLogin);
    void journalChanged(qint64 seq);
    void thresholdsChanged();

private:
    void tick()
    {
        if (m_connected && !m_polling && (!m_driver || !m_driver->isOpen()))
            lose();
        if (!m_connected && !connect_())
            return;
        if (m_polling) {
            poll();
        } else if (++m_ticks % kBaselineTicks == 0) {
            // Keeps the version a reconnect reloads from recent.
            bool ok = true;
            const qint64 version = scalar(
                m_db.connection(), u"SELECT coalesce(max(row_version), 0) FROM orders"_s, &ok);
            if (ok)
                m_lastVersion = qMax(m_lastVersion, version);
        }
    }

    // (Re)connects: Database::connection() replaces a connection that is no
    // longer open. False when the database cannot be reached now.
    bool connect_()
    {
        QSqlDatabase db = m_db.connection();
        if (!db.isOpen()) {
            m_feed.m_mode.store(int(ChangeFeed::Mode::Starting));
            return false;
        }
        bool ok = true;
        const qint64 version =
            scalar(db, u"SELECT coalesce(max(row_version), 0) FROM orders"_s, &ok);
        const qint64 seq = scalar(db, u"SELECT coalesce(max(seq), 0) FROM journal_entries"_s, &ok);
        const qint64 pid = m_postgres ? scalar(db, u"SELECT pg_backend_pid()"_s, &ok) : 0;
        const QString thresholds = thresholdsSignature(db, &ok);
        if (!ok)
            return false;

        const bool again = m_everConnected;
        if (again) {
            // Whatever happened while the feed was away.
            reportOrdersSince(reloadFrom(), {});
            Q_EMIT journalChanged(seq);
            if (thresholds != m_thresholds)
                Q_EMIT thresholdsChanged();
            m_feed.m_reconnects.fetch_add(1);
        }
        m_everConnected = true;
        m_connected = true;
        m_lastVersion = version;
        m_lastSeq = seq;
        m_thresholds = thresholds;
        m_feed.m_backendPid.store(pid);

        const bool wasPolling = m_polling;
        m_polling = !m_postgres || !subscribe(db);
        m_feed.m_mode.store(
            int(m_polling ? ChangeFeed::Mode::Polling : ChangeFeed::Mode::Listening));
        if (m_timer && m_polling != wasPolling)
            m_timer->setInterval(m_polling ? ChangeFeed::kPollIntervalMs
                                           : ChangeFeed::kWatchdogIntervalMs);
        return true;
    }

    bool subscribe(const QSqlDatabase &db)
    {
        QSqlDriver *driver = db.driver();
        if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications))
            return false;
        const QString channel = QString::fromLatin1(ChangeFeed::kChannel);
        if (!driver->subscribedToNotifications().contains(channel)
            && !driver->subscribeToNotification(channel))
            return false;
        m_driver = driver;
        connect(driver, &QSqlDriver::notification, this, &ChangeFeedWorker::notified,
                Qt::UniqueConnection);
        return true;
    }

    // The connection is gone. Closing the driver deletes its socket
    // notifier: QPSQL's notifier has no parent to find it by, and after the
    // server went away it can fire again and again (EOF stays readable, or
    // the socket number is reused). The next tick connects again.
    void lose()
    {
        if (m_driver) {
            disconnect(m_driver, nullptr, this, nullptr);
            m_driver->close();
        }
        m_driver = nullptr;
        m_connected = false;
        m_feed.m_backendPid.store(0);
        m_feed.m_mode.store(int(ChangeFeed::Mode::Starting));
    }

    qint64 reloadFrom() const
    {
        const qint64 from = m_postgres ? m_lastVersion - kPostgresVersionMargin : m_lastVersion + 1;
        return qMax<qint64>(from, 0);
    }

    static QString thresholdsSignature(const QSqlDatabase &db, bool *ok)
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(
                u"SELECT currency, amount_minor FROM approval_thresholds ORDER BY currency"_s)) {
            *ok = false;
            return {};
        }
        QString signature;
        while (q.next())
            signature += q.value(0).toString() + u'=' + q.value(1).toString() + u';';
        return signature;
    }

    void poll()
    {
        QSqlDatabase db = m_db.connection();
        if (!db.isOpen()) {
            lose();
            return;
        }
        bool ok = true;
        const qint64 version =
            scalar(db, u"SELECT coalesce(max(row_version), 0) FROM orders"_s, &ok);
        const qint64 seq = scalar(db, u"SELECT coalesce(max(seq), 0) FROM journal_entries"_s, &ok);
        const QString thresholds = thresholdsSignature(db, &ok);
        if (!ok)
            return; // tried again on the next tick
        if (version > m_lastVersion) {
            reportOrdersSince(reloadFrom(), {});
            m_lastVersion = version;
        }
        if (seq > m_lastSeq) {
            // Attempts whose newest entry is new, up to the seq read above so
            // that an entry committed meanwhile is not skipped next time.
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(u"SELECT id, state, operator, approver, provider, payment_id "
                      "FROM cancel_attempts "
                      "WHERE entry_seq > ? AND entry_seq <= ? ORDER BY entry_seq"_s);
            q.addBindValue(m_lastSeq);
            q.addBindValue(seq);
            if (!q.exec())
                return;
            struct Change
            {
                qint64 id;
                QString state;
                QString by;
            };
            QList<Change> changes;
            QList<Domain::OrderKey> orders; // whose rows now say who cancels them
            while (q.next()) {
                changes.append({q.value(0).toLongLong(), q.value(1).toString(),
                                byLoginOf(q.value(2).toString(), q.value(3).toString())});
                if (const auto provider = Domain::providerFromKey(q.value(4).toString()))
                    orders.append({*provider, q.value(5).toString()});
            }
            q.finish();
            for (const Change &c : std::as_const(changes))
                Q_EMIT attemptChanged(c.id, c.state, c.by);
            if (!orders.isEmpty())
                Q_EMIT ordersChanged(orders);
            Q_EMIT journalChanged(seq);
            m_lastSeq = seq;
        }
        if (thresholds != m_thresholds) {
            m_thresholds = thresholds;
            Q_EMIT thresholdsChanged();
        }
    }

    void notified(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
    {
        if (name != QLatin1StringView(ChangeFeed::kChannel))
            return;
        const QJsonObject o = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
        const QString kind = o.value(u"k"_s).toString();
        if (kind == u"o") {
            if (o.contains(u"from"_s)) {
                const qint64 from = o.value(u"from"_s).toInteger();
                m_pendingFrom = m_pendingFrom < 0 ? from : qMin(m_pendingFrom, from);
            } else {
                const QJsonArray keys = o.value(u"keys"_s).toArray();
                for (const QJsonValue &key : keys) {
                    const QJsonArray pair = key.toArray();
                    const auto provider = Domain::providerFromKey(pair.at(0).toString());
                    if (provider && pair.size() == 2)
                        addKey({*provider, pair.at(1).toString()});
                }
            }
        } else if (kind == u"a") {
            // The order's row says who is cancelling it (or, now, nobody).
            const auto provider = Domain::providerFromKey(o.value(u"p"_s).toString());
            if (provider && o.contains(u"pay"_s))
                addKey({*provider, o.value(u"pay"_s).toString()});
            Q_EMIT attemptChanged(
                o.value(u"id"_s).toInteger(), o.value(u"s"_s).toString(),
                byLoginOf(o.value(u"op"_s).toString(), o.value(u"ap"_s).toString()));
        } else if (kind == u"j") {
            m_pendingSeq = qMax(m_pendingSeq, o.value(u"seq"_s).toInteger());
        } else if (kind == u"t") {
            m_pendingThresholds = true;
        } else {
            return;
        }
        if (!m_flush->isActive())
            m_flush->start();
    }

    // The orders written at or after `from`, with `alsoChanged`: named when
    // they are few, else "reload from" the lower of `from` and the versions
    // of `alsoChanged` (which are not known here: from 0 then).
    void reportOrdersSince(qint64 from, QList<Domain::OrderKey> alsoChanged)
    {
        const qint64 reloadFrom = alsoChanged.isEmpty() ? from : 0;
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        // orders_row_version serves the range and the order.
        q.prepare(u"SELECT provider, payment_id FROM orders WHERE row_version >= ? "
                  "ORDER BY row_version LIMIT ?"_s);
        q.addBindValue(from);
        q.addBindValue(kMostNamedOrders + 1);
        bool few = q.exec();
        QSet<QString> seen;
        for (const Domain::OrderKey &key : std::as_const(alsoChanged))
            seen.insert(Domain::providerKey(key.provider) + u'\n' + key.paymentId);
        while (few && q.next()) {
            const auto provider = Domain::providerFromKey(q.value(0).toString());
            const QString paymentId = q.value(1).toString();
            if (provider && !seen.contains(q.value(0).toString() + u'\n' + paymentId))
                alsoChanged.append({*provider, paymentId});
            few = alsoChanged.size() <= kMostNamedOrders;
        }
        if (!few)
            Q_EMIT ordersChangedSince(reloadFrom);
        else if (!alsoChanged.isEmpty())
            Q_EMIT ordersChanged(alsoChanged);
    }

    void addKey(const Domain::OrderKey &key)
    {
        const QString id = Domain::providerKey(key.provider) + u'\n' + key.paymentId;
        if (!m_pendingKeyIds.contains(id)) {
            m_pendingKeyIds.insert(id);
            m_pendingKeys.append(key);
        }
    }

    void flush()
    {
        if (m_pendingFrom >= 0) {
            reportOrdersSince(m_pendingFrom, m_pendingKeys);
        } else if (!m_pendingKeys.isEmpty()) {
            Q_EMIT ordersChanged(m_pendingKeys);
        }
        if (m_pendingSeq > m_lastSeq) {
            m_lastSeq = m_pendingSeq;
            Q_EMIT journalChanged(m_pendingSeq);
        }
        if (m_pendingThresholds)
            Q_EMIT thresholdsChanged();
        m_pendingFrom = -1;
        m_pendingKeys.clear();
        m_pendingKeyIds.clear();
        m_pendingSeq = 0;
        m_pendingThresholds = false;
    }

    ChangeFeed &m_feed;
    Database &m_db;
    const bool m_postgres;
    QTimer *m_timer = nullptr;
    QTimer *m_flush = nullptr;
    QPointer<QSqlDriver> m_driver;
    bool m_connected = false;
    int m_ticks = 0;
    bool m_everConnected = false;
    bool m_polling = true;
    qint64 m_lastVersion = 0;
    qint64 m_lastSeq = 0;
    QString m_thresholds;

    qint64 m_pendingFrom = -1;
    QList<Domain::OrderKey> m_pendingKeys;
    QSet<QString> m_pendingKeyIds;
    qint64 m_pendingSeq = 0;
    bool m_pendingThresholds = false;
};

ChangeFeed::ChangeFeed(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    qRegisterMetaType<QList<Domain::OrderKey>>();
}

ChangeFeed::~ChangeFeed()
{
    stop();
}

void ChangeFeed::start()
{
    if (m_thread)
        return;
    m_mode.store(int(Mode::Starting));
    m_thread = new QThread;
    m_thread->setObjectName(u"CancelDesk change feed"_s);
    m_worker = new ChangeFeedWorker(*this, m_db);
    m_worker->moveToThread(m_thread);
    connect(m_worker, &ChangeFeedWorker::ordersChanged, this, &ChangeFeed::ordersChanged);
    connect(m_worker, &ChangeFeedWorker::ordersChangedSince, this, &ChangeFeed::ordersChangedSince);
    connect(m_worker, &ChangeFeedWorker::attemptChanged, this, &ChangeFeed::attemptChanged);
    connect(m_worker, &ChangeFeedWorker::journalChanged, this, &ChangeFeed::journalChanged);
    connect(m_worker, &ChangeFeedWorker::thresholdsChanged, this, &ChangeFeed::thresholdsChanged);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, &ChangeFeedWorker::begin, Qt::QueuedConnection);
}

void ChangeFeed::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, &ChangeFeedWorker::end, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait(); // its connection is closed as the thread finishes
    // The worker's thread has ended and its timers are stopped: nothing else
    // can touch it.
    delete m_worker;
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
    m_mode.store(int(Mode::Stopped));
    m_backendPid.store(0);
}

} // namespace CancelDesk::Storage

#include "changefeed.moc"
