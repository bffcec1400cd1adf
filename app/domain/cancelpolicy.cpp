#include "cancelpolicy.h"

#include "cancelpolicy_p.h"

#include <QCoreApplication>
#include <QTime>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

namespace CancelDesk::Domain {

using namespace Qt::Literals::StringLiterals;
using namespace PolicyRules;

namespace {

// For the QT_TRANSLATE_NOOP tables; literals are written out in full
// QCoreApplication::translate() calls so that lupdate finds them.
QString translated(const char *text)
{
    return QCoreApplication::translate("CancelPolicy", text);
}

// --- keys and texts ----------------------------------------------------------

struct ReasonInfo
{
    IneligibleReason reason;
    const char16_t *key;
    const char *text;
};

constexpr std::array<ReasonInfo, 10> kReasons{{
    {IneligibleReason::None, u"none", nullptr},
    {IneligibleReason::AlreadyCancelled, u"already_cancelled",
     QT_TRANSLATE_NOOP("CancelPolicy", "The payment is already cancelled.")},
    {IneligibleReason::PaymentFailed, u"payment_failed",
     QT_TRANSLATE_NOOP("CancelPolicy", "The payment failed, so there is nothing to cancel.")},
    {IneligibleReason::StatusUnknown, u"status_unknown",
     QT_TRANSLATE_NOOP(
         "CancelPolicy",
         "The payment's status is not known, so the cancel window cannot be checked.")},
    {IneligibleReason::Conflict, u"conflict",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "The provider reported a status that contradicts a confirmed cancel.")},
    {IneligibleReason::MethodNeverCancellable, u"method_never_cancellable",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "The provider does not allow cancelling payments made with this method.")},
    {IneligibleReason::StatusNotCancellable, u"status_not_cancellable",
     QT_TRANSLATE_NOOP("CancelPolicy", "The payment cannot be cancelled in its current status.")},
    {IneligibleReason::WindowClosed, u"window_closed",
     QT_TRANSLATE_NOOP("CancelPolicy", "The cancel window has closed.")},
    {IneligibleReason::Refunded, u"refunded",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "A refund has already been made, and the provider refuses to cancel a "
                       "refunded payment.")},
    {IneligibleReason::ChargedBack, u"charged_back",
     QT_TRANSLATE_NOOP("CancelPolicy", "The payment has been charged back by the payer's bank.")},
}};

struct InsteadInfo
{
    Instead instead;
    const char16_t *key;
    const char *text;
};

constexpr std::array<InsteadInfo, 6> kInsteads{{
    {Instead::Nothing, u"nothing", QT_TRANSLATE_NOOP("CancelPolicy", "Nothing more needs doing.")},
    {Instead::Refund, u"refund", QT_TRANSLATE_NOOP("CancelPolicy", "Refund the payment instead.")},
    {Instead::RefreshStatus, u"refresh",
     QT_TRANSLATE_NOOP("CancelPolicy", "Refresh the status from the provider, then decide again.")},
    {Instead::ContactSupport, u"contact_support",
     QT_TRANSLATE_NOOP("CancelPolicy", "Contact the provider's support.")},
    {Instead::ReviewConflict, u"review_conflict",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "Review the conflict and the provider's records before doing anything "
                       "else.")},
    {Instead::WaitForFinalStatus, u"wait",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "Wait for the provider's final result, then refresh the status.")},
}};

struct WarningInfo
{
    PolicyWarning warning;
    const char16_t *key;
    const char *text;
};

constexpr std::array<WarningInfo, 3> kWarnings{{
    {PolicyWarning::None, u"none", nullptr},
    {PolicyWarning::ChannelDependent, u"channel_dependent",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "The payment has already succeeded. Whether it can still be cancelled "
                       "today depends on the payment channel; the provider may refuse.")},
    {PolicyWarning::FinalResultAwaited, u"final_result_awaited",
     QT_TRANSLATE_NOOP("CancelPolicy",
                       "The payer has paid but the provider's final result is still awaited; "
                       "the provider may refuse the cancel.")},
}};

// --- deciding ----------------------------------------------------------------

QDateTime computeDeadline(const DeadlineSpec &spec, const Order &order, const QTimeZone &zone)
{
    // Payment never precedes creation, so falling back to createdAt when the
    // payment time is unknown can only make the window end earlier — the safe side.
    const QDateTime paidOrCreated = order.paidAt.isValid() ? order.paidAt : order.createdAt;
    switch (spec.kind) {
    case DeadlineKind::None:
        return {};
    case DeadlineKind::AfterCreation:
        if (!order.createdAt.isValid())
            return {};
        return order.createdAt.toUTC().addSecs(spec.seconds);
    case DeadlineKind::AfterPayment: {
        if (!paidOrCreated.isValid())
            return {};
        QDateTime end = paidOrCreated.toUTC().addSecs(spec.seconds);
        if (spec.capByAuthExpiry && order.authExpiresAt.isValid() && order.authExpiresAt < end)
            end = order.authExpiresAt.toUTC();
        return end;
    }
    case DeadlineKind::LocalCutoff: {
        if (!paidOrCreated.isValid())
            return {};
        const QTimeZone &in = spec.zone ? *spec.zone : zone;
        const QDate day = paidOrCreated.toTimeZone(in).date().addDays(spec.dayOffset);
        return QDateTime(day, spec.cutoffTime, in).toUTC();
    }
    case DeadlineKind::MethodDeadline:
        return order.methodDeadline.isValid() ? order.methodDeadline.toUTC() : QDateTime();
    }
    return {};
}

struct Evaluation
{
    PolicyDecision decision;
    Instead afterDeadline = Instead::Refund;
};

PolicyDecision notEligible(IneligibleReason reason, Instead instead, const QTimeZone &zone,
                           const QString &ruleId = {})
{
    PolicyDecision d;
    d.eligibility = Eligibility::NotEligible;
    d.reason = reason;
    d.instead = instead;
    d.providerZone = zone;
    d.ruleId = ruleId;
    return d;
}

bool entryMatches(const WindowEntry &entry, const Order &order, const QString &raw)
{
    return entry.statuses.contains(order.status) || entry.rawStatuses.contains(raw);
}

// Everything decide() does except comparing with the clock.
Evaluation evaluate(const CancelPolicy::Data &data, const Order &order)
{
    const ProviderRules &rules = data.of(order.provider);
    const QTimeZone &zone = rules.zone;

    // The same for every provider, before any rule. A conflict comes first: the
    // order may also look cancelled, but a person has to look at it.
    if (order.flags.testFlag(StatusFlag::Conflict))
        return {notEligible(IneligibleReason::Conflict, Instead::ReviewConflict, zone)};
    if (order.flags.testFlag(StatusFlag::ChargedBack))
        return {notEligible(IneligibleReason::ChargedBack, Instead::ContactSupport, zone)};
    switch (order.status) {
    case NormStatus::Cancelled:
        return {notEligible(IneligibleReason::AlreadyCancelled, Instead::Nothing, zone)};
    case NormStatus::Failed:
        return {notEligible(IneligibleReason::PaymentFailed, Instead::Nothing, zone)};
    case NormStatus::Unknown:
        return {notEligible(IneligibleReason::StatusUnknown, Instead::RefreshStatus, zone)};
    default:
        break;
    }

    for (const FlagBlock &block : rules.blocked) {
        if (order.flags & block.flags)
            return {notEligible(block.reason, block.instead, zone, block.id)};
    }

    const QString method = order.paymentMethod.trimmed().toUpper();
    const QString raw = order.rawStatus.trimmed().toUpper();
    for (const Rule &rule : rules.rules) {
        if (!rule.anyMethod && !rule.methods.contains(method))
            continue;
        if (rule.never)
            return {notEligible(rule.reason, rule.instead, zone, rule.id)};
        for (const WindowEntry &entry : rule.when) {
            if (!entryMatches(entry, order, raw))
                continue;
            Evaluation e;
            PolicyDecision &d = e.decision;
            d.eligibility = entry.warning == PolicyWarning::None ? Eligibility::Eligible
                                                                 : Eligibility::EligibleWithWarning;
            d.warning = entry.warning;
            d.ruleId = rule.id;
            // A cut-off in a fixed zone ("00:15 UTC+8") is shown in that zone.
            d.providerZone = entry.deadline.kind == DeadlineKind::LocalCutoff && entry.deadline.zone
                                 ? *entry.deadline.zone
                                 : zone;
            d.deadlineUtc = computeDeadline(entry.deadline, order, zone);
            e.afterDeadline = entry.afterDeadline;
            return e;
        }
        return {notEligible(IneligibleReason::StatusNotCancellable, rule.otherwise, zone, rule.id)};
    }
    // No rule covers the method: the console cannot vouch for a cancel, and a
    // refund is the way that always exists.
    return {notEligible(IneligibleReason::StatusNotCancellable, Instead::Refund, zone)};
}

const CancelPolicy::Data &emptyData()
{
    static const CancelPolicy::Data empty;
    return empty;
}

QString fixedOffsetLabel(int seconds)
{
    if (seconds == 0)
        return u"UTC"_s;
    const QChar sign = seconds < 0 ? u'-' : u'+';
    const int absolute = std::abs(seconds);
    const int hours = absolute / 3600;
    const int minutes = (absolute % 3600) / 60;
    if (minutes == 0)
        return u"UTC%1%2"_s.arg(sign).arg(hours);
    return u"UTC%1%2:%3"_s.arg(sign).arg(hours).arg(minutes, 2, 10, QChar(u'0'));
}

} // namespace

// --- CancelPolicy ----------------------------------------------------------------

PolicyDecision CancelPolicy::decide(const Order &order, const QDateTime &nowUtc) const
{
    Q_ASSERT(nowUtc.isValid());
    Evaluation e = evaluate(m_data ? *m_data : emptyData(), order);
    PolicyDecision &d = e.decision;
    // Cancellable strictly before the deadline: at the deadline itself the
    // provider already answers CANCEL_WINDOW_EXCEED.
    if (d.isEligible() && d.deadlineUtc.isValid() && nowUtc >= d.deadlineUtc) {
        d.eligibility = Eligibility::NotEligible;
        d.reason = IneligibleReason::WindowClosed;
        d.instead = e.afterDeadline;
        d.warning = PolicyWarning::None;
    }
    return d;
}

QDateTime CancelPolicy::deadline(const Order &order) const
{
    return evaluate(m_data ? *m_data : emptyData(), order).decision.deadlineUtc;
}

QTimeZone CancelPolicy::providerTimeZone(Provider provider) const
{
    return (m_data ? *m_data : emptyData()).of(provider).zone;
}

void CancelPolicy::setProviderTimeZone(Provider provider, const QTimeZone &zone)
{
    if (!zone.isValid())
        return;
    // Copy on write: other copies of this policy (other threads) keep theirs.
    auto data = std::make_shared<Data>(m_data ? *m_data : emptyData());
    data->of(provider).zone = zone;
    m_data = std::move(data);
}

QStringList CancelPolicy::ruleIds(Provider provider) const
{
    QStringList ids;
    for (const Rule &rule : (m_data ? *m_data : emptyData()).of(provider).rules)
        ids.append(rule.id);
    return ids;
}

// --- keys and texts --------------------------------------------------------------

QString ineligibleReasonKey(IneligibleReason reason)
{
    for (const ReasonInfo &r : kReasons) {
        if (r.reason == reason)
            return QString::fromUtf16(r.key);
    }
    return {};
}

QString insteadKey(Instead instead)
{
    for (const InsteadInfo &i : kInsteads) {
        if (i.instead == instead)
            return QString::fromUtf16(i.key);
    }
    return {};
}

QString policyWarningKey(PolicyWarning warning)
{
    for (const WarningInfo &w : kWarnings) {
        if (w.warning == warning)
            return QString::fromUtf16(w.key);
    }
    return {};
}

std::optional<IneligibleReason> ineligibleReasonFromKey(QStringView key)
{
    for (const ReasonInfo &r : kReasons) {
        if (key == QStringView(r.key))
            return r.reason;
    }
    return std::nullopt;
}

std::optional<Instead> insteadFromKey(QStringView key)
{
    for (const InsteadInfo &i : kInsteads) {
        if (key == QStringView(i.key))
            return i.instead;
    }
    return std::nullopt;
}

std::optional<PolicyWarning> policyWarningFromKey(QStringView key)
{
    for (const WarningInfo &w : kWarnings) {
        if (key == QStringView(w.key))
            return w.warning;
    }
    return std::nullopt;
}

QString ineligibleReasonText(IneligibleReason reason)
{
    for (const ReasonInfo &r : kReasons) {
        if (r.reason == reason && r.text)
            return translated(r.text);
    }
    return {};
}

QString insteadText(Instead instead)
{
    for (const InsteadInfo &i : kInsteads) {
        if (i.instead == instead)
            return translated(i.text);
    }
    return {};
}

QString policyWarningText(PolicyWarning warning)
{
    for (const WarningInfo &w : kWarnings) {
        if (w.warning == warning && w.text)
            return translated(w.text);
    }
    return {};
}

QString timeZoneLabel(const QTimeZone &zone)
{
    if (!zone.isValid())
        return {};
    const QByteArray id = zone.id();
    // Fixed offsets carry ids "UTC", "UTC+08", "UTC+05:30"; anything else is a
    // named (IANA) zone whose offset changes with the date.
    const bool fixed = id == "UTC" || id.startsWith("UTC+") || id.startsWith("UTC-");
    if (!fixed)
        return QString::fromUtf8(id);
    return fixedOffsetLabel(zone.offsetFromUtc(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC)));
}

} // namespace CancelDesk::Domain
