#include "format.h"

#include "domain/cancelpolicy.h"
#include "domain/currency.h"

#include <QCoreApplication>

namespace CancelDesk::Ui {

QString formatMoney(const Domain::Money &money, const QLocale &locale)
{
    const int exponent = Domain::currencyExponent(money.currency);
    qint64 divisor = 1;
    for (int i = 0; i < exponent; ++i)
        divisor *= 10;
    const qint64 minor = money.minor < 0 ? -money.minor : money.minor;
    QString text = locale.toString(qlonglong(minor / divisor));
    if (exponent > 0) {
        text += locale.decimalPoint();
        text += QStringLiteral("%1").arg(minor % divisor, exponent, 10, QLatin1Char('0'));
    }
    if (money.minor < 0)
        text.prepend(locale.negativeSign());
    return text + QLatin1Char(' ') + money.currency;
}

QString formatLocalTime(const QDateTime &utc, const QLocale &locale)
{
    if (!utc.isValid())
        return {};
    Q_UNUSED(locale) // ISO order reads the same in both languages and sorts.
    return utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatProviderTime(const QDateTime &utc, const QTimeZone &providerZone,
                           const QLocale &locale)
{
    Q_UNUSED(locale)
    if (!utc.isValid() || !providerZone.isValid())
        return {};
    const QDateTime there = utc.toTimeZone(providerZone);
    const QDateTime here = utc.toLocalTime();
    const QString time = there.toString(QStringLiteral("HH:mm"));
    const QString label = Domain::timeZoneLabel(providerZone);
    if (there.date() == here.date())
        return time + QLatin1Char(' ') + label;
    return there.toString(QStringLiteral("yyyy-MM-dd ")) + time + QLatin1Char(' ') + label;
}

QString formatAge(const QDateTime &utc, const QDateTime &nowUtc)
{
    if (!utc.isValid())
        return QCoreApplication::translate("Format", "never");
    const qint64 s = qMax<qint64>(0, utc.secsTo(nowUtc));
    if (s < 60)
        return QCoreApplication::translate("Format", "just now");
    // (lupdate 6.4 hangs on an expression like int(s / 60) as the plural
    // argument: pass plain variables.)
    const int minutes = int(s / 60);
    const int hours = int(s / 3600);
    const int days = int(s / 86400);
    if (s < 3600)
        return QCoreApplication::translate("Format", "%n min ago", nullptr, minutes);
    if (s < 86400)
        return QCoreApplication::translate("Format", "%n h ago", nullptr, hours);
    return QCoreApplication::translate("Format", "%n day(s) ago", nullptr, days);
}

namespace {

QString twoDigits(qint64 v)
{
    return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
}

} // namespace

Countdown countdown(const QDateTime &deadlineUtc, const QTimeZone &providerZone,
                    const QDateTime &nowUtc)
{
    Countdown c;
    if (!deadlineUtc.isValid()) {
        c.text = QStringLiteral("—");
        c.tooltip = QCoreApplication::translate("Format", "No cancel deadline is known.");
        return c;
    }
    const QString local = formatLocalTime(deadlineUtc);
    const QString provider = formatProviderTime(deadlineUtc, providerZone);
    c.tooltip =
        provider.isEmpty()
            ? QCoreApplication::translate("Format", "Cancel deadline: %1 (your time)").arg(local)
            : QCoreApplication::translate("Format", "Cancel deadline: %1 (your time)\n%2 "
                                                    "(provider's time)")
                  .arg(local, provider);
    const qint64 ms = nowUtc.msecsTo(deadlineUtc);
    if (ms <= 0) {
        c.level = Countdown::Level::Closed;
        c.text = QCoreApplication::translate("Format", "closed");
        return c;
    }
    const qint64 s = ms / 1000; // rounded down
    c.secondsLeft = s;
    c.level = s < 600    ? Countdown::Level::Red
              : s < 3600 ? Countdown::Level::Amber
                         : Countdown::Level::Normal;
    if (s >= 86400)
        c.text = QCoreApplication::translate("Format", "%1 d %2 h")
                     .arg(s / 86400)
                     .arg((s % 86400) / 3600);
    else if (s >= 3600)
        c.text = QCoreApplication::translate("Format", "%1 h %2 min")
                     .arg(s / 3600)
                     .arg(twoDigits((s % 3600) / 60));
    else
        c.text = QCoreApplication::translate("Format", "%1 min %2 s").arg(s / 60).arg(twoDigits(s % 60));
    return c;
}

QColor countdownColor(Countdown::Level level)
{
    switch (level) {
    case Countdown::Level::Amber:
        return QColor(0xB3, 0x6B, 0x00);
    case Countdown::Level::Red:
        return QColor(0xC6, 0x28, 0x28);
    case Countdown::Level::Closed:
        return QColor(0x75, 0x75, 0x75);
    case Countdown::Level::None:
    case Countdown::Level::Normal:
        break;
    }
    return QColor(0x1B, 0x5E, 0x20);
}

QColor statusColor(Domain::NormStatus status)
{
    using Domain::NormStatus;
    switch (status) {
    case NormStatus::Pending:
        return QColor(0x15, 0x65, 0xC0);
    case NormStatus::RequiresAction:
        return QColor(0x6A, 0x1B, 0x9A);
    case NormStatus::Authorized:
        return QColor(0x00, 0x69, 0x5C);
    case NormStatus::Succeeded:
        return QColor(0x2E, 0x7D, 0x32);
    case NormStatus::Cancelled:
        return QColor(0x61, 0x61, 0x61);
    case NormStatus::Failed:
        return QColor(0xC6, 0x28, 0x28);
    case NormStatus::Unknown:
        break;
    }
    return QColor(0xB3, 0x6B, 0x00);
}

} // namespace CancelDesk::Ui
