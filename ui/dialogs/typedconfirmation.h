#pragma once

#include "domain/money.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace CancelDesk::Ui {

// The typed-confirmation rule of the cancel dialogs (settings key
// general/typed_confirmation_above), in one place for the single and the bulk
// cancel: one threshold in major units, applied in each payment's own currency
// and never converted — 1000 means 1,000.00 USD, 1,000 JPY, 1,000.000 KWD.
inline constexpr qint64 kDefaultTypedConfirmationThreshold = 1000;

// The threshold as an amount of that currency ({100000, "USD"} for 1000);
// nullopt for an unknown currency or when it exceeds every amount (qint64).
std::optional<Domain::Money> typedConfirmationLimit(qint64 thresholdMajorUnits,
                                                    const QString &currency);

// Whether cancelling this amount needs a typed confirmation: a threshold of 0
// (or less) asks for every amount.
bool needsTypedConfirmation(const Domain::Money &amount, qint64 thresholdMajorUnits);

// The rule in words, naming the amount in the currencies concerned: "Typed
// confirmation is required for amounts of 1,000 or more in the payment's
// currency (here: 1,000.00 USD)." With several payments (bulk) it says "each
// payment's currency" and lists every currency given.
QString typedConfirmationRuleText(qint64 thresholdMajorUnits, const QStringList &currencies,
                                  bool severalPayments = false);

} // namespace CancelDesk::Ui
