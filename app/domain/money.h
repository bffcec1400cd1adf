#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace CancelDesk::Domain {

// An amount of money: integer minor units of an ISO-4217 currency. Never a
// floating-point number; formatting for people happens only in the UI.
struct Money
{
    qint64 minor = 0;
    QString currency;

    // Exact decimal string in major units, no grouping, '.' as separator:
    // {1012, "USD"} -> "10.12", {500, "JPY"} -> "500", {1, "KWD"} -> "0.001".
    // Used by exports and provider requests, never shown as is.
    QString toDecimalString() const;
    int exponent() const;
    // toDecimalString() of minor units in a currency of that exponent (at most
    // kMaxExponent; below 0, as for an unknown currency, digits alone) into
    // out, which holds kMaxDecimalChars; the number of characters written. For
    // the walks that write a million amounts (export).
    static constexpr int kMaxExponent = 8;
    static constexpr int kMaxDecimalChars = 1 + 20 + 1 + kMaxExponent;
    static int writeDecimal(char *out, qint64 minor, int exponent);
    bool isValid() const;

    friend bool operator==(const Money &, const Money &) = default;
};

enum class MoneyError {
    None,
    Empty,
    UnknownCurrency,
    NotANumber,
    Negative,
    TooManyDecimals,
    Overflow,
};

struct MoneyResult
{
    Money value;
    MoneyError error = MoneyError::None;

    bool ok() const { return error == MoneyError::None; }
};

// UQPAY: a decimal string in major units ("10.12", "0.01", "100"). Digits beyond
// the currency's exponent are refused unless they are zeros ("1.230" USD is 123
// minor units, "1.234" USD is an error).
MoneyResult parseDecimalAmount(QStringView text, QStringView currency);
// Antom: a string holding a non-negative integer in minor units ("1000"), at most
// 16 digits as its API documents.
MoneyResult parseMinorUnitString(QStringView text, QStringView currency);
// Liquido: an integer in minor units, as received in JSON.
MoneyResult fromMinorUnits(qint64 minor, QStringView currency);

// A short explanation for people, translated ("amount has more decimals than
// USD allows").
QString moneyErrorText(MoneyError error, QStringView currency = {});

} // namespace CancelDesk::Domain
