#pragma once

#include "domain/money.h"
#include "domain/orderstatus.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QTimeZone>

// How the console shows money, times, statuses and the cancel countdown. One
// place, so that the list, the status view and the cancel dialog agree.
namespace CancelDesk::Ui {

// "₱1,500.00", "CN¥88.00", "US$1.00", "SGD 12.50" in English; "PHP 1,500.00",
// "¥88.00", "JP¥5,000" in Chinese: exact (integer minor units, never a double), with the
// currency's own decimals, the locale's grouping and decimal separator, and the
// symbol that locale uses for that currency (CLDR), so that ¥ never means two
// currencies at once.
QString formatMoney(const Domain::Money &money, const QLocale &locale = QLocale());
// "1,500.00 PHP": the same amount with the ISO code after it, unambiguous in
// any language (tooltips, texts an operator may paste into a ticket).
QString formatMoneyWithCode(const Domain::Money &money, const QLocale &locale = QLocale());
// "₱1,500.00 PHP", "SGD 12.50": the symbol form with the ISO code added when the
// symbol is not the code itself; where an operator decides (cancel dialogs,
// status view), so that "$" can never be misread.
QString formatMoneyFull(const Domain::Money &money, const QLocale &locale = QLocale());
// The symbol locale uses for an ISO 4217 code; the code itself when the
// locale has no symbol of its own for it.
QString currencySymbol(const QString &code, const QLocale &locale = QLocale());

// A UTC instant in the operator's time zone: "2026-03-02 16:15:00". Empty for
// an invalid time.
QString formatLocalTime(const QDateTime &utc, const QLocale &locale = QLocale());
// The same instant as the provider words it: "00:15 UTC+8" (date added when it
// differs from the local date).
QString formatProviderTime(const QDateTime &utc, const QTimeZone &providerZone,
                           const QLocale &locale = QLocale());
// "5 min ago", "3 h ago", "never".
QString formatAge(const QDateTime &utc, const QDateTime &nowUtc);

// The live countdown of F9.
struct Countdown
{
    enum class Level {
        None,   // no deadline known
        Normal, // more than an hour left
        Amber,  // under 1 h
        Red,    // under 10 min
        Closed, // the window has closed
    };
    Level level = Level::None;
    qint64 secondsLeft = 0; // rounded down; 0 when closed or none
    QString text;           // "2 d 4 h", "1 h 05 min", "9 min 59 s", "closed", "—"
    QString tooltip;        // the deadline in local time and in the provider's zone
};
Countdown countdown(const QDateTime &deadlineUtc, const QTimeZone &providerZone,
                    const QDateTime &nowUtc);

// Colours that read on a light background and stay distinct for the common
// forms of colour blindness; the text always says the same thing.
QColor countdownColor(Countdown::Level level);
// The environment as confirmations and results name it, e.g. "Production —
// real payments" (environment: sandbox | test | production); and its colour
// (the banner's).
QString environmentText(const QString &environment, bool builtInSandbox);
QColor environmentColor(const QString &environment);
QColor statusColor(Domain::NormStatus status);

} // namespace CancelDesk::Ui
