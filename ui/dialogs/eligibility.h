#pragma once

#include "domain/cancelpolicy.h"

#include <QString>

namespace CancelDesk::Ui {

// One or two sentences for a cancel decision (PRODUCT.md F8), shared by the
// Cancel action's tooltip, the status view and the cancel dialogs.
// Not eligible: why not — with the deadline as the provider words it when the
// window closed ("The cancel window closed at 00:15 UTC+8.") — and what to do
// instead ("Refund the payment instead.").
// Eligible: the policy's warning when there is one, else empty.
QString explainDecision(const Domain::PolicyDecision &decision);

// The "why not" sentence alone (empty for an eligible decision).
QString decisionReasonText(const Domain::PolicyDecision &decision);

} // namespace CancelDesk::Ui
