#pragma once

#include "domain/money.h"

#include <QString>
#include <QStringList>

#include <optional>

class QFormLayout;
class QLabel;
class QLineEdit;

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

// The typed-confirmation rows of the cancel and the bulk cancel dialogs: the
// rule in words (objectName confirmRuleLabel), the prompt (confirmLabel) and
// the field (confirmEdit). The dialog says what has to be typed and when the
// rows apply; isConfirmed() is what enables its Cancel button.
class TypedConfirmationFields
{
public:
    // Adds the rows to the form; at most maxLength characters can be typed.
    static TypedConfirmationFields addTo(QFormLayout *form, int maxLength);

    // One payment: the last 4 characters of its ID, in any case.
    void expectIdEnding(const QString &paymentId);
    // Several payments: their number.
    void expectCount(int payments);
    // Shows the rows when a confirmation is required and the dialog still
    // takes input (editing); the rule names the threshold in these currencies.
    // The prompt and the rule are set in the current language.
    void update(bool required, bool editing, qint64 thresholdMajorUnits,
                const QStringList &currencies);
    // Not required, or what is typed matches.
    bool isConfirmed() const;
    QLineEdit *edit() const { return m_edit; }

private:
    enum class Expect { IdEnding, Count };

    QLabel *m_rule = nullptr;
    QLabel *m_prompt = nullptr;
    QLineEdit *m_edit = nullptr;
    Expect m_expect = Expect::IdEnding;
    QString m_expected; // the ID's last 4 characters
    int m_count = 0;    // how many payments
    bool m_required = false;
};

} // namespace CancelDesk::Ui
