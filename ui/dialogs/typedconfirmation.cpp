#include "typedconfirmation.h"

#include "domain/currency.h"
#include "format.h"

#include <QCoreApplication>
#include <QLocale>

#include <limits>

namespace CancelDesk::Ui {

std::optional<Domain::Money> typedConfirmationLimit(qint64 thresholdMajorUnits,
                                                    const QString &currency)
{
    const int exponent = Domain::currencyExponent(currency);
    if (exponent < 0)
        return std::nullopt;
    qint64 limit = qMax<qint64>(0, thresholdMajorUnits);
    for (int i = 0; i < exponent; ++i) {
        if (limit > std::numeric_limits<qint64>::max() / 10)
            return std::nullopt; // beyond any amount
        limit *= 10;
    }
    return Domain::Money{limit, currency};
}

bool needsTypedConfirmation(const Domain::Money &amount, qint64 thresholdMajorUnits)
{
    if (thresholdMajorUnits <= 0)
        return true;
    const std::optional<Domain::Money> limit =
        typedConfirmationLimit(thresholdMajorUnits, amount.currency);
    // An amount in a currency we cannot scale is confirmed too: asking once too
    // often is the safe side.
    if (!limit)
        return Domain::currencyExponent(amount.currency) < 0;
    return amount.minor >= limit->minor;
}

QString typedConfirmationRuleText(qint64 thresholdMajorUnits, const QStringList &currencies,
                                  bool severalPayments)
{
    if (thresholdMajorUnits <= 0)
        return QCoreApplication::translate("CancelDesk::Ui::TypedConfirmation",
                                           "Typed confirmation is required for every cancel.");
    QStringList amounts;
    for (const QString &currency : currencies) {
        if (const auto limit = typedConfirmationLimit(thresholdMajorUnits, currency)) {
            const QString text = formatMoneyWithCode(*limit);
            if (!amounts.contains(text))
                amounts.append(text);
        }
    }
    const QString number = QLocale().toString(thresholdMajorUnits);
    if (amounts.isEmpty())
        return severalPayments
                   ? QCoreApplication::translate(
                         "CancelDesk::Ui::TypedConfirmation",
                         "Typed confirmation is required for amounts of %1 or more in each "
                         "payment's own currency.")
                         .arg(number)
                   : QCoreApplication::translate(
                         "CancelDesk::Ui::TypedConfirmation",
                         "Typed confirmation is required for amounts of %1 or more in the "
                         "payment's currency.")
                         .arg(number);
    const QString list = amounts.join(QCoreApplication::translate(
        "CancelDesk::Ui::TypedConfirmation", "; ", "separator of a list of amounts"));
    // %1 the threshold as a plain number, %2 that amount in the currencies concerned.
    return severalPayments ? QCoreApplication::translate(
                                 "CancelDesk::Ui::TypedConfirmation",
                                 "Typed confirmation is required for amounts of %1 or more in each "
                                 "payment's own currency (here: %2).")
                                 .arg(number, list)
                           : QCoreApplication::translate(
                                 "CancelDesk::Ui::TypedConfirmation",
                                 "Typed confirmation is required for amounts of %1 or more in the "
                                 "payment's currency (here: %2).")
                                 .arg(number, list);
}

} // namespace CancelDesk::Ui
