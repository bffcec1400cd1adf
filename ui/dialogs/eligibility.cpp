#include "eligibility.h"

#include "format.h"

#include <QCoreApplication>

namespace CancelDesk::Ui {

QString decisionReasonText(const Domain::PolicyDecision &decision)
{
    if (decision.isEligible())
        return {};
    if (decision.reason == Domain::IneligibleReason::WindowClosed
        && decision.deadlineUtc.isValid()) {
        // The provider's own wording of the deadline (its time zone), which is
        // what its support and its contract use.
        const QTimeZone zone =
            decision.providerZone.isValid() ? decision.providerZone : QTimeZone::utc();
        return QCoreApplication::translate("CancelDesk::Ui::Eligibility",
                                           "The cancel window closed at %1.")
            .arg(formatProviderTime(decision.deadlineUtc, zone));
    }
    QString why = Domain::ineligibleReasonText(decision.reason);
    if (why.isEmpty())
        why = QCoreApplication::translate("CancelDesk::Ui::Eligibility",
                                          "The payment cannot be cancelled.");
    return why;
}

QString explainDecision(const Domain::PolicyDecision &decision)
{
    if (decision.isEligible())
        return Domain::policyWarningText(decision.warning);
    const QString why = decisionReasonText(decision);
    const QString instead = Domain::insteadText(decision.instead);
    if (instead.isEmpty())
        return why;
    //: %1 why the payment cannot be cancelled, %2 what to do instead (two sentences)
    return QCoreApplication::translate("CancelDesk::Ui::Eligibility", "%1 %2").arg(why, instead);
}

} // namespace CancelDesk::Ui
