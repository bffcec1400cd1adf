#include "money.h"

#include "currency.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace CancelDesk::Domain {
namespace {

// Antom documents value as at most 16 characters.
constexpr qsizetype kMaxMinorUnitDigits = 16;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Appends decimal digits to an accumulator, refusing overflow of qint64.
bool accumulate(qint64 &acc, QStringView digits)
{
    for (const QChar c : digits) {
        const int d = c.unicode() - u'0';
        if (acc > (std::numeric_limits<qint64>::max() - d) / 10)
            return false;
        acc = acc * 10 + d;
    }
    return true;
}

MoneyResult failure(MoneyError error, QStringView currency)
{
    return {Money{0, currency.toString()}, error};
}

} // namespace

int Money::exponent() const
{
    return currencyExponent(currency);
}

bool Money::isValid() const
{
    return minor >= 0 && exponent() >= 0;
}

QString Money::toDecimalString() const
{
    char buf[kMaxDecimalChars];
    return QString::fromLatin1(buf, writeDecimal(buf, minor, exponent()));
}

int Money::writeDecimal(char *out, qint64 minor, int exponent)
{
    Q_ASSERT(exponent <= kMaxExponent);
    const int exp = std::min(exponent, kMaxExponent);
    const bool negative = minor < 0;
    // Work on the magnitude as unsigned so that the minimum qint64 is exact.
    quint64 magnitude =
        negative ? quint64(0) - static_cast<quint64>(minor) : static_cast<quint64>(minor);
    // The digits from the right, with the point after exp of them and at
    // least one digit before it.
    char digits[kMaxDecimalChars];
    int n = 0;
    do {
        if (exp > 0 && n == exp)
            digits[n++] = '.';
        digits[n++] = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0 || (exp > 0 && n <= exp));
    int size = 0;
    if (negative)
        out[size++] = '-';
    while (n > 0)
        out[size++] = digits[--n];
    return size;
}

MoneyResult parseDecimalAmount(QStringView text, QStringView currency)
{
    const int exp = currencyExponent(currency);
    if (exp < 0)
        return failure(MoneyError::UnknownCurrency, currency);
    if (text.isEmpty())
        return failure(MoneyError::Empty, currency);
    if (text.front() == u'-')
        return failure(isDigit(text.size() > 1 ? text[1] : QChar()) ? MoneyError::Negative
                                                                    : MoneyError::NotANumber,
                       currency);

    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.first(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.sliced(dot + 1);
    // "5." and ".5" are refused: providers send neither, and a truncated value
    // must not be read as a different number.
    if (whole.isEmpty() || (dot >= 0 && fraction.isEmpty()))
        return failure(MoneyError::NotANumber, currency);
    for (const QChar c : whole) {
        if (!isDigit(c))
            return failure(MoneyError::NotANumber, currency);
    }
    for (const QChar c : fraction) {
        if (!isDigit(c))
            return failure(MoneyError::NotANumber, currency);
    }
    // Extra fraction digits are allowed only when they are zeros.
    QStringView kept = fraction;
    if (fraction.size() > exp) {
        for (const QChar c : fraction.sliced(exp)) {
            if (c != u'0')
                return failure(MoneyError::TooManyDecimals, currency);
        }
        kept = fraction.first(exp);
    }

    qint64 minor = 0;
    if (!accumulate(minor, whole) || !accumulate(minor, kept))
        return failure(MoneyError::Overflow, currency);
    for (qsizetype i = kept.size(); i < exp; ++i) {
        if (minor > std::numeric_limits<qint64>::max() / 10)
            return failure(MoneyError::Overflow, currency);
        minor *= 10;
    }
    return {Money{minor, currency.toString()}, MoneyError::None};
}

MoneyResult parseMinorUnitString(QStringView text, QStringView currency)
{
    if (currencyExponent(currency) < 0)
        return failure(MoneyError::UnknownCurrency, currency);
    if (text.isEmpty())
        return failure(MoneyError::Empty, currency);
    if (text.front() == u'-' && text.size() > 1 && isDigit(text[1]))
        return failure(MoneyError::Negative, currency);
    for (const QChar c : text) {
        if (!isDigit(c))
            return failure(MoneyError::NotANumber, currency);
    }
    if (text.size() > kMaxMinorUnitDigits)
        return failure(MoneyError::Overflow, currency);
    qint64 minor = 0;
    if (!accumulate(minor, text))
        return failure(MoneyError::Overflow, currency);
    return {Money{minor, currency.toString()}, MoneyError::None};
}

MoneyResult fromMinorUnits(qint64 minor, QStringView currency)
{
    if (currencyExponent(currency) < 0)
        return failure(MoneyError::UnknownCurrency, currency);
    if (minor < 0)
        return failure(MoneyError::Negative, currency);
    return {Money{minor, currency.toString()}, MoneyError::None};
}

QString moneyErrorText(MoneyError error, QStringView currency)
{
    switch (error) {
    case MoneyError::None:
        return {};
    case MoneyError::Empty:
        return QCoreApplication::translate("Money", "The amount is empty.");
    case MoneyError::UnknownCurrency:
        return QCoreApplication::translate("Money", "\"%1\" is not an ISO 4217 currency code.")
            .arg(currency);
    case MoneyError::NotANumber:
        return QCoreApplication::translate("Money", "The amount is not a number.");
    case MoneyError::Negative:
        return QCoreApplication::translate("Money", "The amount is negative.");
    case MoneyError::TooManyDecimals:
        return QCoreApplication::translate("Money", "The amount has more decimals than %1 allows.")
            .arg(currency);
    case MoneyError::Overflow:
        return QCoreApplication::translate("Money", "The amount is too large.");
    }
    Q_UNREACHABLE();
    return QString();
}

} // namespace CancelDesk::Domain
