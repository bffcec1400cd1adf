#include "reasonfields.h"

#include "format.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace CancelDesk::Ui {

ReasonFields ReasonFields::addTo(QFormLayout *form)
{
    ReasonFields f;
    f.reasonLabel = new QLabel;
    f.reason = new QComboBox;
    f.reason->setObjectName(QStringLiteral("reasonCombo"));
    for (Domain::CancelReason reason : Domain::allCancelReasons())
        f.reason->addItem(QString(), static_cast<int>(reason));
    f.reasonLabel->setBuddy(f.reason);
    form->addRow(f.reasonLabel, f.reason);
    f.noteLabel = new QLabel;
    f.note = new QLineEdit;
    f.note->setObjectName(QStringLiteral("noteEdit"));
    f.note->setMaxLength(500);
    f.noteLabel->setBuddy(f.note);
    form->addRow(f.noteLabel, f.note);
    f.problem = new QLabel;
    f.problem->setObjectName(QStringLiteral("reasonProblemLabel"));
    f.problem->setWordWrap(true);
    QPalette p = f.problem->palette();
    p.setColor(QPalette::WindowText, countdownColor(Countdown::Level::Red));
    f.problem->setPalette(p);
    form->addRow(QString(), f.problem);
    return f;
}

void ReasonFields::retranslate(const QString &reasonCaption) const
{
    reasonLabel->setText(reasonCaption);
    for (int i = 0; i < reason->count(); ++i)
        reason->setItemText(i, Domain::cancelReasonLabel(
                                   static_cast<Domain::CancelReason>(reason->itemData(i).toInt())));
    noteLabel->setText(QCoreApplication::translate("ReasonFields", "&Note:"));
    note->setPlaceholderText(
        QCoreApplication::translate("ReasonFields", "Optional; required for the reason Other"));
}

Domain::CancelReason ReasonFields::current() const
{
    return static_cast<Domain::CancelReason>(reason->currentData().toInt());
}

void ReasonFields::show(Domain::CancelReason r, const QString &text) const
{
    reason->setCurrentIndex(reason->findData(int(r)));
    note->setText(text);
}

QString ReasonFields::trimmedNote() const
{
    return note->text().trimmed();
}

QString ReasonFields::validate() const
{
    return Domain::validateCancelReason(current(), note->text());
}

QPushButton *addNonDefaultButton(QBoxLayout *row, const QString &objectName)
{
    auto *button = new QPushButton;
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    button->setDefault(false);
    row->addWidget(button);
    return button;
}

} // namespace CancelDesk::Ui
