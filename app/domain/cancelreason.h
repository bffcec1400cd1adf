#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace CancelDesk::Domain {

// Why the operator cancels. The keys are UQPAY's documented
// cancellation_reason values plus "other", which needs a note.
enum class CancelReason {
    RequestedByCustomer,
    Duplicate,
    Fraudulent,
    Abandoned,
    Other,
};

QList<CancelReason> allCancelReasons();
QString cancelReasonKey(CancelReason reason);
std::optional<CancelReason> cancelReasonFromKey(QStringView key);
// Translated label ("Requested by customer" / "客户要求").
QString cancelReasonLabel(CancelReason reason);
bool cancelReasonRequiresNote(CancelReason reason);

// Empty when the reason and note may be used together; otherwise a translated
// explanation ("A note is required for the reason Other.").
QString validateCancelReason(CancelReason reason, QStringView note);

} // namespace CancelDesk::Domain
