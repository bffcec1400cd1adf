#include "typedconfirmation.h"

#include "domain/currency.h"
#include "format.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
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

TypedConfirmationFields TypedConfirmationFields::addTo(QFormLayout *form, int maxLength)
{
    TypedConfirmationFields f;
    f.m_rule = new QLabel;
    f.m_rule->setObjectName(QStringLiteral("confirmRuleLabel"));
    f.m_rule->setWordWrap(true);
    form->addRow(f.m_rule);
    f.m_prompt = new QLabel;
    f.m_prompt->setObjectName(QStringLiteral("confirmLabel"));
    f.m_prompt->setWordWrap(true);
    f.m_edit = new QLineEdit;
    f.m_edit->setObjectName(QStringLiteral("confirmEdit"));
    f.m_edit->setMaxLength(maxLength);
    f.m_edit->setMaximumWidth(120);
    f.m_prompt->setBuddy(f.m_edit);
    form->addRow(f.m_prompt, f.m_edit);
    return f;
}

void TypedConfirmationFields::expectIdEnding(const QString &paymentId)
{
    m_expect = Expect::IdEnding;
    m_expected = paymentId.trimmed().right(4);
    // The prompts keep the contexts of the dialogs that first worded them, and
    // with them their translations.
    m_prompt->setText(
        QCoreApplication::translate("CancelDesk::Ui::CancelDialog",
                                    "Type the last 4 characters of the payment ID to confirm:"));
}

void TypedConfirmationFields::expectCount(int payments)
{
    m_expect = Expect::Count;
    m_count = payments;
    m_prompt->setText(
        QCoreApplication::translate("CancelDesk::Ui::BulkCancelDialog",
                                    "Type the number of payments to cancel (%1) to confirm:")
            .arg(payments));
}

void TypedConfirmationFields::update(bool required, bool editing, qint64 thresholdMajorUnits,
                                     const QStringList &currencies)
{
    m_required = required;
    m_rule->setText(
        typedConfirmationRuleText(thresholdMajorUnits, currencies, m_expect == Expect::Count));
    for (QWidget *w : {static_cast<QWidget *>(m_rule), static_cast<QWidget *>(m_prompt),
                       static_cast<QWidget *>(m_edit)})
        w->setVisible(editing && required);
    m_edit->setEnabled(editing);
}

bool TypedConfirmationFields::isConfirmed() const
{
    if (!m_required)
        return true;
    const QString typed = m_edit->text().trimmed();
    if (m_expect == Expect::Count) {
        bool ok = false;
        const int number = typed.toInt(&ok);
        return ok && number == m_count;
    }
    return !m_expected.isEmpty() && typed.compare(m_expected, Qt::CaseInsensitive) == 0;
}

} // namespace CancelDesk::Ui
