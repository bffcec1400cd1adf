#pragma once

#include <QString>
#include <QStringView>

namespace CancelDesk::Domain {

// ISO-4217 minor-unit exponent of an active currency code ("USD" -> 2,
// "JPY" -> 0, "KWD" -> 3), or -1 when the code is not an active ISO-4217
// currency. Codes are matched exactly: upper-case, three letters.
int currencyExponent(QStringView code);
bool isKnownCurrency(QStringView code);

} // namespace CancelDesk::Domain
