#pragma once

#include "domain/order.h"
#include "services/workflowsettings.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <chrono>

class QSystemTrayIcon;
class QTimer;

namespace CancelDesk::Ui {

class OrderTableModel;

// Desktop notifications (issue 16), through the system tray where the
// desktop has one: when an unresolved cancel settles, and when an order that
// can be cancelled now is under 5 minutes from its cancel deadline (once per
// order). The operator can switch them off (View menu); on by default.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    // How close to its deadline an order is announced.
    static constexpr std::chrono::minutes kClosingWithin{5};
    // How often the deadlines are looked at.
    static constexpr std::chrono::seconds kCheckEvery{30};

    DesktopNotifier(OrderTableModel &model, Services::Clock clock, QObject *parent = nullptr);
    ~DesktopNotifier() override;

    // Whether a system tray exists to show them in.
    static bool trayAvailable();
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    // Looks for orders newly under kClosingWithin (the timer calls it too).
    void checkDeadlines();

Q_SIGNALS:
    // Every notification, shown or not (no tray, or switched off: not shown).
    void notified(const QString &title, const QString &message);

private:
    void checkUnresolved();
    void notify(const QString &title, const QString &message);
    QString describe(const Domain::OrderKey &key) const;

    OrderTableModel &m_model;
    Services::Clock m_clock;
    bool m_enabled = true;
    QTimer *m_timer = nullptr;
    QPointer<QSystemTrayIcon> m_tray;
    QSet<Domain::OrderKey> m_warned;      // announced, and still closing
    QList<Domain::OrderKey> m_unresolved; // unresolved at the last look
    bool m_seenLoad = false;
};

} // namespace CancelDesk::Ui
