#pragma once

#include "domain/cancelreason.h"

#include <QString>

class QBoxLayout;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace CancelDesk::Ui {

// The cancel reason picker and the note (PRODUCT.md F10), shared by the cancel
// and the bulk cancel dialogs: a combo of the five reasons (objectName
// reasonCombo), the note (noteEdit) and a line that says what is wrong with
// them (reasonProblemLabel).
struct ReasonFields
{
    QLabel *reasonLabel = nullptr;
    QComboBox *reason = nullptr;
    QLabel *noteLabel = nullptr;
    QLineEdit *note = nullptr;
    QLabel *problem = nullptr;

    // Creates the fields as three rows of form.
    static ReasonFields addTo(QFormLayout *form);
    // Sets the texts in the current language; reasonCaption is the dialog's
    // own label for the reason ("Cancel &reason:").
    void retranslate(const QString &reasonCaption) const;
    Domain::CancelReason current() const;
    // Shows a reason and note already decided (a retried attempt's).
    void show(Domain::CancelReason r, const QString &text) const;
    QString trimmedNote() const;
    // Domain::validateCancelReason() of the current input: empty when valid.
    QString validate() const;
};

// A button of the cancel dialogs' button row that is never the default:
// Enter must never cancel a payment (a QDialogButtonBox would make its first
// accept button the default on show).
QPushButton *addNonDefaultButton(QBoxLayout *row, const QString &objectName);

} // namespace CancelDesk::Ui
