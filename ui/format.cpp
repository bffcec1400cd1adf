#include "format.h"

#include "domain/cancelpolicy.h"
#include "domain/currency.h"

#include <QCoreApplication>

namespace CancelDesk::Ui {

namespace {

// The standard symbols of CLDR 42 (the data behind Qt 6.4's QLocale, which
// only knows each locale's own currency) for the currencies the providers
// settle in, except that English qualifies $ and ¥ as US$ and JP¥: a list
// that mixes SGD, HKD, USD, CNY and JPY must not leave a bare $ or ¥ to guess.
// A code missing here is shown as itself.
struct CurrencySymbols
{
    const char16_t *code;
    const char16_t *english;
    const char16_t *chinese;
};

constexpr CurrencySymbols kSymbols[] = {
    {u"AUD", u"A$", u"AU$"},  {u"BRL", u"R$", u"R$"},   {u"CAD", u"CA$", u"CA$"},
    {u"CNY", u"CN¥", u"¥"},   {u"EUR", u"€", u"€"},     {u"GBP", u"£", u"£"},
    {u"HKD", u"HK$", u"HK$"}, {u"INR", u"₹", u"₹"},     {u"JPY", u"JP¥", u"JP¥"},
    {u"KRW", u"₩", u"￦"},    {u"MXN", u"MX$", u"MX$"}, {u"NZD", u"NZ$", u"NZ$"},
    {u"PHP", u"₱", u"PHP"},   {u"TWD", u"NT$", u"NT$"}, {u"USD", u"US$", u"US$"},
    {u"VND", u"₫", u"₫"},
};

QString formatAmount(const Domain::Money &money, const QLocale &locale)
{
    const int exponent = Domain::currencyExponent(money.currency);
    qint64 divisor = 1;
    for (int i = 0; i < exponent; ++i)
        divisor *= 10;
    // Magnitude as unsigned, so that the most negative qint64 cannot overflow.
    const quint64 minor = money.minor < 0 ? 0 - quint64(money.minor) : quint64(money.minor);
    QString text = locale.toString(qulonglong(minor / quint64(divisor)));
    if (exponent > 0) {
        text += locale.decimalPoint();
        text += QStringLiteral("%1").arg(minor % quint64(divisor), exponent, 10, QLatin1Char('0'));
    }
    return text;
}

} // namespace

QString currencySymbol(const QString &code, const QLocale &locale)
{
    const bool chinese = locale.language() == QLocale::Chinese;
    for (const CurrencySymbols &s : kSymbols) {
        if (code == QStringView(s.code))
            return QString::fromUtf16(chinese ? s.chinese : s.english);
    }
    return code;
}

QString formatMoney(const Domain::Money &money, const QLocale &locale)
{
    // Both languages put the symbol first (CLDR "¤#,##0.00"), with a space
    // after a symbol that ends in a letter ("SGD 12.50", "PHP 1,500.00").
    QString symbol = currencySymbol(money.currency, locale);
    if (!symbol.isEmpty() && symbol.back().isLetter())
        symbol += QChar(0x00A0); // no-break: the code stays with its amount
    const QString text = symbol + formatAmount(money, locale);
    return money.minor < 0 ? locale.negativeSign() + text : text;
}

QString formatMoneyFull(const Domain::Money &money, const QLocale &locale)
{
    const QString text = formatMoney(money, locale);
    if (currencySymbol(money.currency, locale) == money.currency)
        return text;
    return text + QLatin1Char(' ') + money.currency;
}

QString formatMoneyWithCode(const Domain::Money &money, const QLocale &locale)
{
    const QString text = formatAmount(money, locale) + QLatin1Char(' ') + money.currency;
    return money.minor < 0 ? locale.negativeSign() + text : text;
}

QString formatLocalTime(const QDateTime &utc, const QLocale &locale)
{
    if (!utc.isValid())
        return {};
    // ISO order in both languages: unambiguous (no 12/05 vs 05/12), sortable,
    // and what the exports use; the locale supplies the digits.
    return locale.toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatProviderTime(const QDateTime &utc, const QTimeZone &providerZone,
                           const QLocale &locale)
{
    if (!utc.isValid() || !providerZone.isValid())
        return {};
    const QDateTime there = utc.toTimeZone(providerZone);
    const QDateTime here = utc.toLocalTime();
    const QString time = locale.toString(there, QStringLiteral("HH:mm"));
    const QString label = Domain::timeZoneLabel(providerZone);
    if (there.date() == here.date())
        return time + QLatin1Char(' ') + label;
    return locale.toString(there, QStringLiteral("yyyy-MM-dd ")) + time + QLatin1Char(' ') + label;
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
        c.text =
            QCoreApplication::translate("Format", "%1 min %2 s").arg(s / 60).arg(twoDigits(s % 60));
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

QString environmentText(const QString &environment, bool builtInSandbox)
{
    if (environment == u"production")
        return QCoreApplication::translate("Format", "Production — real payments");
    if (environment == u"test")
        return QCoreApplication::translate("Format", "Provider test — no real money");
    return builtInSandbox ? QCoreApplication::translate(
               "Format", "Sandbox — built-in simulator, no real money")
                          : QCoreApplication::translate("Format", "Sandbox — no real money");
}

QColor environmentColor(const QString &environment)
{
    if (environment == u"production")
        return QColor(0xB7, 0x1C, 0x1C);
    if (environment == u"test")
        return QColor(0x8D, 0x6E, 0x00);
    return QColor(0x15, 0x65, 0xC0);
}

} // namespace CancelDesk::Ui
