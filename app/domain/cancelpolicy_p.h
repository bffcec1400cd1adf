#pragma once

// The cancel rules in memory: what the rules-file parser (cancelrules.cpp)
// builds and evaluation (cancelpolicy.cpp) reads. Not part of the interface.

#include "cancelpolicy.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

#include <array>
#include <optional>

namespace CancelDesk::Domain {

namespace PolicyRules {

enum class DeadlineKind {
    None,           // eligible, no deadline known
    AfterCreation,  // createdAt + duration
    AfterPayment,   // (paidAt, else createdAt) + duration, optionally capped by authExpiresAt
    LocalCutoff,    // a wall-clock time N days after the payment day, in a zone
    MethodDeadline, // the order's own methodDeadline (PIX expiry, boleto due date)
};

struct DeadlineSpec
{
    DeadlineKind kind = DeadlineKind::None;
    qint64 seconds = 0;
    bool capByAuthExpiry = false;
    QTime cutoffTime;
    int dayOffset = 0;
    // nullopt: the provider's (merchant's) zone at decision time, so that
    // setProviderTimeZone() moves the cut-off with it.
    std::optional<QTimeZone> zone;
};

struct WindowEntry
{
    QList<NormStatus> statuses;
    QStringList rawStatuses;
    DeadlineSpec deadline;
    PolicyWarning warning = PolicyWarning::None;
    Instead afterDeadline = Instead::Refund;
};

struct Rule
{
    QString id;
    QStringList methods;
    bool anyMethod = false;
    bool never = false;
    IneligibleReason reason = IneligibleReason::MethodNeverCancellable;
    Instead instead = Instead::Refund;
    QList<WindowEntry> when;
    Instead otherwise = Instead::Refund;
};

// A flag that rules out a cancel whatever the method (Antom: any refund makes
// cancel answer PROCESS_FAIL). Checked before the method rules so an override
// rule cannot bypass it by accident.
struct FlagBlock
{
    QString id;
    StatusFlags flags;
    IneligibleReason reason = IneligibleReason::StatusNotCancellable;
    Instead instead = Instead::Refund;
};

struct ProviderRules
{
    QTimeZone zone = QTimeZone::utc();
    QList<FlagBlock> blocked;
    QList<Rule> rules;
};

} // namespace PolicyRules

struct CancelPolicy::Data
{
    std::array<PolicyRules::ProviderRules, 3> providers;

    PolicyRules::ProviderRules &of(Provider p) { return providers.at(std::size_t(p)); }
    const PolicyRules::ProviderRules &of(Provider p) const { return providers.at(std::size_t(p)); }
};

} // namespace CancelDesk::Domain
