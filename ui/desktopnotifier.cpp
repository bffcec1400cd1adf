#include "desktopnotifier.h"

#include "appicon.h"
#include "models/ordertablemodel.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QTimer>

namespace CancelDesk::Ui {

DesktopNotifier::DesktopNotifier(OrderTableModel &model, Services::Clock clock, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_clock(std::move(clock))
{
    setObjectName(QStringLiteral("desktopNotifier"));
    m_timer = new QTimer(this);
    m_timer->setInterval(kCheckEvery);
    connect(m_timer, &QTimer::timeout, this, &DesktopNotifier::checkDeadlines);
    m_timer->start();
    connect(&m_model, &OrderTableModel::loaded, this, [this] {
        checkUnresolved();
        checkDeadlines();
    });
    connect(&m_model, &OrderTableModel::ordersUpdated, this, &DesktopNotifier::checkUnresolved);
    if (trayAvailable()) {
        m_tray = new QSystemTrayIcon(applicationIcon(), this);
        m_tray->setToolTip(QStringLiteral("CancelDesk"));
        m_tray->show();
    }
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::trayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void DesktopNotifier::setEnabled(bool enabled)
{
    m_enabled = enabled;
}

QString DesktopNotifier::describe(const Domain::OrderKey &key) const
{
    QString text = Domain::providerDisplayName(key.provider) + u' ' + key.paymentId;
    if (const std::optional<OrderFacts> facts = m_model.facts(key);
        facts && !facts->order.merchantReference.isEmpty())
        text += QStringLiteral(" (%1)").arg(facts->order.merchantReference);
    return text;
}

void DesktopNotifier::checkDeadlines()
{
    const QDateTime now = m_clock();
    const QList<Domain::OrderKey> closing =
        m_model.closingSoon(now, std::chrono::milliseconds(kClosingWithin));
    // What was announced and is still closing stays announced; orders no
    // longer closing (cancelled, or past their deadline) are forgotten.
    QList<Domain::OrderKey> fresh;
    QSet<Domain::OrderKey> warned;
    warned.reserve(closing.size());
    for (const Domain::OrderKey &key : closing) {
        warned.insert(key);
        if (!m_warned.contains(key))
            fresh.append(key);
    }
    m_warned = std::move(warned);
    if (fresh.isEmpty())
        return;
    // The soonest three are named: the message is read at a glance.
    QStringList named;
    for (const Domain::OrderKey &key : fresh.mid(0, 3))
        named.append(describe(key));
    const int minutes = int(kClosingWithin.count());
    if (fresh.size() == 1) {
        notify(tr("Cancel deadline in under %n minute(s)", nullptr, minutes),
               tr("%1 can still be cancelled, for a few minutes more.").arg(named.first()));
    } else {
        notify(tr("Cancel deadline in under %n minute(s)", nullptr, minutes),
               tr("%n orders can still be cancelled, for a few minutes more: %1", nullptr,
                  int(fresh.size()))
                   .arg(named.join(QStringLiteral(", "))
                        + (fresh.size() > 3 ? QStringLiteral(", …") : QString())));
    }
}

void DesktopNotifier::checkUnresolved()
{
    const QList<Domain::OrderKey> now = m_model.unresolvedOrders();
    // The first load only learns what is unresolved: nothing settled yet.
    if (m_seenLoad) {
        for (const Domain::OrderKey &key : std::as_const(m_unresolved)) {
            if (now.contains(key))
                continue;
            const std::optional<OrderFacts> facts = m_model.facts(key);
            const QString status =
                facts ? Domain::statusLabel(facts->order.status) : tr("not in the list any more");
            notify(tr("A cancel has settled"),
                   tr("The unresolved cancel of %1 has settled: the payment is %2.")
                       .arg(describe(key), status));
        }
    }
    m_seenLoad = true;
    m_unresolved = now;
}

void DesktopNotifier::notify(const QString &title, const QString &message)
{
    Q_EMIT notified(title, message);
    if (m_enabled && m_tray)
        m_tray->showMessage(title, message, applicationIcon(), 15000);
}

} // namespace CancelDesk::Ui
