#pragma once

#include "order.h"
#include "provider.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace CancelDesk::Domain {

enum class Eligibility { Eligible, EligibleWithWarning, NotEligible };

// Why an order cannot be cancelled. Stable keys appear in the rules file.
enum class IneligibleReason {
    None,
    AlreadyCancelled,       // "already_cancelled"
    PaymentFailed,          // "payment_failed"
    StatusUnknown,          // "status_unknown"
    Conflict,               // "conflict"
    MethodNeverCancellable, // "method_never_cancellable"
    StatusNotCancellable,   // "status_not_cancellable"
    WindowClosed,           // "window_closed"
    Refunded,               // "refunded"
    ChargedBack,            // "charged_back"
};

// What the operator should do instead. Stable keys appear in the rules file.
enum class Instead {
    Nothing,            // "nothing"
    Refund,             // "refund"
    RefreshStatus,      // "refresh"
    ContactSupport,     // "contact_support"
    ReviewConflict,     // "review_conflict"
    WaitForFinalStatus, // "wait"
};

enum class PolicyWarning {
    None,
    ChannelDependent,   // "channel_dependent": UQPAY same-day SUCCEEDED wallets
    FinalResultAwaited, // "final_result_awaited": Antom PENDING (paid, not final)
};

struct PolicyDecision
{
    Eligibility eligibility = Eligibility::NotEligible;
    // The end of the cancel window in UTC; invalid when no deadline is known.
    // Cancellable strictly before this instant.
    QDateTime deadlineUtc;
    // The provider's (or merchant's) time zone, for showing the deadline the way
    // the provider words it ("00:15 UTC+8").
    QTimeZone providerZone;
    IneligibleReason reason = IneligibleReason::None;
    Instead instead = Instead::Nothing;
    PolicyWarning warning = PolicyWarning::None;
    // The rule that decided, e.g. "antom.other"; empty for the generic checks.
    QString ruleId;

    bool isEligible() const { return eligibility != Eligibility::NotEligible; }
};

struct PolicyLoadResult;

// Cancel windows and eligibility (PRODUCT.md §5), loaded from data: the rules file
// shipped in resources/ plus an optional per-merchant override file (contract
// terms). Immutable once loaded; cheap to copy; safe to share between threads.
class CancelPolicy
{
public:
    // Parses rules and, when not empty, an override document on top of them
    // (format and override semantics: resources/rules/cancel_windows.json). On
    // failure the result holds an empty policy under which nothing is eligible,
    // never half of the rules.
    static PolicyLoadResult fromJson(const QByteArray &rules, const QByteArray &overrides = {});
    // The rules shipped as :/rules/cancel_windows.json, with an optional override file.
    static PolicyLoadResult load(const QString &overrideFile = {});

    PolicyDecision decide(const Order &order, const QDateTime &nowUtc) const;
    // The deadline alone (what decide() would answer for a time before it).
    QDateTime deadline(const Order &order) const;
    QTimeZone providerTimeZone(Provider provider) const;
    // The merchant time zone that config ([uqpay] timezone) may set. Calendar
    // cut-offs written against "provider" follow it. An invalid zone is ignored.
    void setProviderTimeZone(Provider provider, const QTimeZone &zone);
    // The ids of a provider's rules in the order they are tried, overrides first.
    QStringList ruleIds(Provider provider) const;

    struct Data;

private:
    std::shared_ptr<const Data> m_data;
};

struct PolicyLoadResult
{
    CancelPolicy policy;
    // Translated, names the file part that is wrong; empty on success.
    QString error;
    bool ok() const { return error.isEmpty(); }
};

QString ineligibleReasonKey(IneligibleReason reason);
QString insteadKey(Instead instead);
QString policyWarningKey(PolicyWarning warning);
std::optional<IneligibleReason> ineligibleReasonFromKey(QStringView key);
std::optional<Instead> insteadFromKey(QStringView key);
std::optional<PolicyWarning> policyWarningFromKey(QStringView key);
// Translated sentences for the UI and the CLI.
QString ineligibleReasonText(IneligibleReason reason);
QString insteadText(Instead instead);
QString policyWarningText(PolicyWarning warning);
// "UTC+8", "UTC-3", "UTC", or the IANA id for named zones.
QString timeZoneLabel(const QTimeZone &zone);
// The zone notation of the rules file and the config: "UTC", a fixed offset
// "+08:00" / "-03:00", or an IANA id ("Asia/Shanghai"). nullopt when not valid.
std::optional<QTimeZone> parseTimeZone(QStringView text);

} // namespace CancelDesk::Domain
