#include "cancelpolicy.h"

#include "platform/trustedfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QTime>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <utility>

namespace CancelDesk::Domain {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kRulesVersion = 1;
// Bounds that catch typos (a window of 7000 days, a cut-off 90 days out) rather
// than business limits.
constexpr qint64 kMaxDurationSeconds = qint64(400) * 24 * 3600;
constexpr int kMaxDayOffset = 31;
// Real UTC offsets lie within -12:00 … +14:00.
constexpr int kMaxOffsetSeconds = 14 * 3600;

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

// --- the rules in memory --------------------------------------------------------

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

} // namespace

struct CancelPolicy::Data
{
    std::array<ProviderRules, 3> providers;

    ProviderRules &of(Provider p) { return providers.at(std::size_t(p)); }
    const ProviderRules &of(Provider p) const { return providers.at(std::size_t(p)); }
};

namespace {

// --- parsing -----------------------------------------------------------------

// Where a problem is, for the message.
struct Place
{
    QString document;
    QString provider;
    QString rule;
};

QString placed(const Place &place, const QString &problem)
{
    if (!place.rule.isEmpty())
        return QCoreApplication::translate("CancelPolicy",
                                           "Cancel rules (%1), provider \"%2\", rule \"%3\": %4")
            .arg(place.document, place.provider, place.rule, problem);
    if (!place.provider.isEmpty())
        return QCoreApplication::translate("CancelPolicy", "Cancel rules (%1), provider \"%2\": %3")
            .arg(place.document, place.provider, problem);
    return QCoreApplication::translate("CancelPolicy", "Cancel rules (%1): %2")
        .arg(place.document, problem);
}

const QString kComment = u"comment"_s;

// Unknown keys are refused: a misspelt "after_deadlin" must not silently fall
// back to a default in a file that decides whether money can be cancelled.
QString unknownKey(const QJsonObject &object, std::initializer_list<QStringView> allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == kComment)
            continue;
        bool known = false;
        for (QStringView a : allowed)
            known = known || key == a;
        if (!known)
            return key;
    }
    return {};
}

QString unknownKeyText(const QString &key)
{
    return QCoreApplication::translate("CancelPolicy", "unknown key \"%1\".").arg(key);
}

class Parser
{
public:
    Parser(QString document, bool isOverride)
        : m_isOverride(isOverride)
    {
        m_place.document = std::move(document);
    }

    QString error() const { return m_error; }

    // Fills data (defaults) or, for an override, each provider's parsed part and
    // whether it names a time zone.
    bool parse(const QByteArray &json, std::array<ProviderRules, 3> *out,
               std::array<bool, 3> *hasZone, std::array<bool, 3> *present);

private:
    bool fail(const QString &problem)
    {
        if (m_error.isEmpty())
            m_error = placed(m_place, problem);
        return false;
    }
    bool checkKeys(const QJsonObject &object, std::initializer_list<QStringView> allowed)
    {
        const QString key = unknownKey(object, allowed);
        return key.isEmpty() || fail(unknownKeyText(key));
    }

    bool parseProvider(const QJsonObject &object, ProviderRules *out, bool *hasZone);
    bool parseBlock(const QJsonObject &object, FlagBlock *out);
    bool parseRule(const QJsonObject &object, Rule *out);
    bool parseEntry(const QJsonObject &object, WindowEntry *out);
    bool parseDeadline(const QJsonValue &value, DeadlineSpec *out);
    bool parseDuration(const QJsonObject &object, qint64 *seconds);
    bool parseStringList(const QJsonValue &value, const QString &key, QStringList *out);
    bool parseReason(const QJsonValue &value, IneligibleReason *out);
    bool parseInstead(const QJsonValue &value, const QString &key, Instead *out);
    bool takeId(const QJsonObject &object, QString *out);

    Place m_place;
    bool m_isOverride = false;
    QStringList m_seenIds;
    QString m_error;
};

bool Parser::parse(const QByteArray &json, std::array<ProviderRules, 3> *out,
                   std::array<bool, 3> *hasZone, std::array<bool, 3> *present)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            QCoreApplication::translate("CancelPolicy", "not valid JSON at character %1: %2.")
                .arg(parseError.offset)
                .arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(
            QCoreApplication::translate("CancelPolicy", "the document must be a JSON object."));
    const QJsonObject root = doc.object();
    if (!checkKeys(root, {u"version", u"providers"}))
        return false;
    const QJsonValue version = root.value(u"version"_s);
    if (!version.isDouble() || version.toDouble() != kRulesVersion)
        return fail(QCoreApplication::translate("CancelPolicy", "\"version\" must be %1.")
                        .arg(kRulesVersion));
    const QJsonValue providers = root.value(u"providers"_s);
    if (!providers.isObject())
        return fail(
            QCoreApplication::translate("CancelPolicy", "\"providers\" must be an object."));
    const QJsonObject providerObject = providers.toObject();
    for (auto it = providerObject.begin(); it != providerObject.end(); ++it) {
        m_place.provider = it.key();
        const std::optional<Provider> provider = providerFromKey(it.key());
        if (!provider)
            return fail(QCoreApplication::translate("CancelPolicy", "unknown provider."));
        if (!it.value().isObject())
            return fail(QCoreApplication::translate("CancelPolicy", "must be an object."));
        const auto index = std::size_t(*provider);
        m_seenIds.clear();
        bool zone = false;
        if (!parseProvider(it.value().toObject(), &out->at(index), &zone))
            return false;
        hasZone->at(index) = zone;
        present->at(index) = true;
    }
    m_place.provider.clear();
    return true;
}

bool Parser::parseProvider(const QJsonObject &object, ProviderRules *out, bool *hasZone)
{
    if (!checkKeys(object, {u"timezone", u"blocked", u"rules"}))
        return false;
    const QJsonValue zone = object.value(u"timezone"_s);
    *hasZone = !zone.isUndefined();
    if (zone.isUndefined()) {
        // The defaults must say which zone the provider words its deadlines in;
        // an override may leave it as it is.
        if (!m_isOverride)
            return fail(QCoreApplication::translate("CancelPolicy", "\"timezone\" is missing."));
    } else {
        const std::optional<QTimeZone> parsed = parseTimeZone(zone.toString());
        if (!zone.isString() || !parsed)
            return fail(QCoreApplication::translate(
                            "CancelPolicy", "\"timezone\" is not a valid time zone: \"%1\".")
                            .arg(zone.toString()));
        out->zone = *parsed;
    }

    const QJsonValue blocked = object.value(u"blocked"_s);
    if (!blocked.isUndefined()) {
        if (!blocked.isArray())
            return fail(QCoreApplication::translate("CancelPolicy", "\"blocked\" must be a list."));
        for (const QJsonValue &entry : blocked.toArray()) {
            if (!entry.isObject())
                return fail(QCoreApplication::translate(
                    "CancelPolicy", "each entry of \"blocked\" must be an object."));
            FlagBlock block;
            if (!parseBlock(entry.toObject(), &block))
                return false;
            out->blocked.append(block);
        }
    }

    const QJsonValue rules = object.value(u"rules"_s);
    if (rules.isUndefined() && !m_isOverride)
        return fail(QCoreApplication::translate("CancelPolicy", "\"rules\" is missing."));
    if (!rules.isUndefined() && !rules.isArray())
        return fail(QCoreApplication::translate("CancelPolicy", "\"rules\" must be a list."));
    for (const QJsonValue &entry : rules.toArray()) {
        if (!entry.isObject())
            return fail(
                QCoreApplication::translate("CancelPolicy", "each rule must be an object."));
        Rule rule;
        if (!parseRule(entry.toObject(), &rule))
            return false;
        out->rules.append(rule);
    }
    return true;
}

bool Parser::takeId(const QJsonObject &object, QString *out)
{
    const QJsonValue id = object.value(u"id"_s);
    if (!id.isString() || id.toString().trimmed().isEmpty())
        return fail(QCoreApplication::translate("CancelPolicy", "a rule without an \"id\"."));
    *out = id.toString().trimmed();
    m_place.rule = *out;
    // Ids are how an override names the rule it replaces; a duplicate would make
    // that ambiguous.
    if (m_seenIds.contains(*out))
        return fail(QCoreApplication::translate("CancelPolicy", "the id is used twice."));
    m_seenIds.append(*out);
    return true;
}

bool Parser::parseBlock(const QJsonObject &object, FlagBlock *out)
{
    if (!takeId(object, &out->id))
        return false;
    if (!checkKeys(object, {u"id", u"flags", u"reason", u"instead"}))
        return false;
    QStringList flags;
    if (!parseStringList(object.value(u"flags"_s), u"flags"_s, &flags))
        return false;
    for (const QString &flag : std::as_const(flags)) {
        const StatusFlags parsed = flagsFromKey(flag);
        // flagsFromKey() reads comma lists and skips unknown parts; one exact key is wanted.
        if (!parsed || flagsKey(parsed) != flag)
            return fail(
                QCoreApplication::translate("CancelPolicy", "unknown flag \"%1\".").arg(flag));
        out->flags |= parsed;
    }
    if (!parseReason(object.value(u"reason"_s), &out->reason))
        return false;
    if (!parseInstead(object.value(u"instead"_s), u"instead"_s, &out->instead))
        return false;
    m_place.rule.clear();
    return true;
}

bool Parser::parseRule(const QJsonObject &object, Rule *out)
{
    if (!takeId(object, &out->id))
        return false;
    const QJsonValue never = object.value(u"never"_s);
    if (!never.isUndefined() && !never.isBool())
        return fail(
            QCoreApplication::translate("CancelPolicy", "\"never\" must be true or false."));
    out->never = never.toBool(false);
    if (out->never) {
        if (!checkKeys(object, {u"id", u"methods", u"never", u"reason", u"instead"}))
            return false;
    } else if (!checkKeys(object, {u"id", u"methods", u"never", u"when", u"otherwise"})) {
        return false;
    }

    QStringList methods;
    if (!parseStringList(object.value(u"methods"_s), u"methods"_s, &methods))
        return false;
    for (const QString &method : std::as_const(methods)) {
        if (method == u"*")
            out->anyMethod = true;
        else
            out->methods.append(method.trimmed().toUpper());
    }

    if (out->never) {
        if (!parseReason(object.value(u"reason"_s), &out->reason))
            return false;
        if (!parseInstead(object.value(u"instead"_s), u"instead"_s, &out->instead))
            return false;
    } else {
        const QJsonValue when = object.value(u"when"_s);
        if (!when.isArray())
            return fail(QCoreApplication::translate(
                "CancelPolicy", "\"when\" must be a list (or the rule must say \"never\": true)."));
        for (const QJsonValue &entry : when.toArray()) {
            if (!entry.isObject())
                return fail(QCoreApplication::translate(
                    "CancelPolicy", "each entry of \"when\" must be an object."));
            WindowEntry window;
            if (!parseEntry(entry.toObject(), &window))
                return false;
            out->when.append(window);
        }
        if (!parseInstead(object.value(u"otherwise"_s), u"otherwise"_s, &out->otherwise))
            return false;
    }
    m_place.rule.clear();
    return true;
}

bool Parser::parseEntry(const QJsonObject &object, WindowEntry *out)
{
    if (!checkKeys(object,
                   {u"statuses", u"raw_statuses", u"deadline", u"warning", u"after_deadline"}))
        return false;
    const QJsonValue statuses = object.value(u"statuses"_s);
    const QJsonValue raw = object.value(u"raw_statuses"_s);
    if (statuses.isUndefined() && raw.isUndefined())
        return fail(QCoreApplication::translate(
            "CancelPolicy", "an entry of \"when\" needs \"statuses\" or \"raw_statuses\"."));
    if (!statuses.isUndefined()) {
        QStringList keys;
        if (!parseStringList(statuses, u"statuses"_s, &keys))
            return false;
        for (const QString &key : std::as_const(keys)) {
            const std::optional<NormStatus> status = statusFromKey(key);
            if (!status)
                return fail(
                    QCoreApplication::translate("CancelPolicy", "unknown status \"%1\".").arg(key));
            out->statuses.append(*status);
        }
    }
    if (!raw.isUndefined()) {
        if (!parseStringList(raw, u"raw_statuses"_s, &out->rawStatuses))
            return false;
        for (QString &value : out->rawStatuses)
            value = value.trimmed().toUpper();
    }
    if (!parseDeadline(object.value(u"deadline"_s), &out->deadline))
        return false;
    const QJsonValue warning = object.value(u"warning"_s);
    if (!warning.isUndefined()) {
        const std::optional<PolicyWarning> parsed = policyWarningFromKey(warning.toString());
        if (!warning.isString() || !parsed)
            return fail(QCoreApplication::translate("CancelPolicy", "unknown warning \"%1\".")
                            .arg(warning.toString()));
        out->warning = *parsed;
    }
    return parseInstead(object.value(u"after_deadline"_s), u"after_deadline"_s,
                        &out->afterDeadline);
}

bool Parser::parseDeadline(const QJsonValue &value, DeadlineSpec *out)
{
    // Required, so that "no deadline" is always written down on purpose.
    if (!value.isObject())
        return fail(QCoreApplication::translate("CancelPolicy",
                                                "\"deadline\" is missing or not an object."));
    const QJsonObject object = value.toObject();
    const QString kind = object.value(u"kind"_s).toString();
    if (kind == u"none") {
        out->kind = DeadlineKind::None;
        return checkKeys(object, {u"kind"});
    }
    if (kind == u"method_deadline") {
        out->kind = DeadlineKind::MethodDeadline;
        return checkKeys(object, {u"kind"});
    }
    if (kind == u"after_creation") {
        out->kind = DeadlineKind::AfterCreation;
        return checkKeys(object, {u"kind", u"minutes", u"hours", u"days"})
               && parseDuration(object, &out->seconds);
    }
    if (kind == u"after_payment") {
        out->kind = DeadlineKind::AfterPayment;
        if (!checkKeys(object, {u"kind", u"minutes", u"hours", u"days", u"cap"})
            || !parseDuration(object, &out->seconds))
            return false;
        const QJsonValue cap = object.value(u"cap"_s);
        if (cap.isUndefined())
            return true;
        if (cap.toString() != u"auth_expiry")
            return fail(
                QCoreApplication::translate(
                    "CancelPolicy", "unknown \"cap\" \"%1\" (only \"auth_expiry\" is known).")
                    .arg(cap.toString()));
        out->capByAuthExpiry = true;
        return true;
    }
    if (kind == u"local_cutoff") {
        out->kind = DeadlineKind::LocalCutoff;
        if (!checkKeys(object, {u"kind", u"time", u"day_offset", u"zone"}))
            return false;
        static const QRegularExpression hhmm(u"^\\d{2}:\\d{2}$"_s);
        const QString time = object.value(u"time"_s).toString();
        out->cutoffTime = QTime::fromString(time, u"HH:mm"_s);
        if (!hhmm.match(time).hasMatch() || !out->cutoffTime.isValid())
            return fail(QCoreApplication::translate(
                            "CancelPolicy", "\"time\" must be a time of day as HH:MM, not \"%1\".")
                            .arg(time));
        const QJsonValue offset = object.value(u"day_offset"_s);
        if (!offset.isUndefined()) {
            const double days = offset.toDouble(-1);
            if (!offset.isDouble() || days != std::floor(days) || days < 0 || days > kMaxDayOffset)
                return fail(QCoreApplication::translate(
                                "CancelPolicy",
                                "\"day_offset\" must be a whole number of days from 0 to %1.")
                                .arg(kMaxDayOffset));
            out->dayOffset = int(days);
        }
        const QJsonValue zone = object.value(u"zone"_s);
        if (zone.isUndefined() || zone.toString() == u"provider")
            return true;
        out->zone = parseTimeZone(zone.toString());
        if (!zone.isString() || !out->zone)
            return fail(QCoreApplication::translate("CancelPolicy",
                                                    "\"zone\" is not a valid time zone: \"%1\".")
                            .arg(zone.toString()));
        return true;
    }
    return fail(QCoreApplication::translate(
                    "CancelPolicy",
                    "unknown deadline kind \"%1\" (known: none, after_creation, after_payment, "
                    "local_cutoff, method_deadline).")
                    .arg(kind));
}

bool Parser::parseDuration(const QJsonObject &object, qint64 *seconds)
{
    static constexpr std::array<std::pair<const char16_t *, qint64>, 3> units{{
        {u"minutes", 60},
        {u"hours", 3600},
        {u"days", 24 * 3600},
    }};
    int found = 0;
    for (const auto &[unit, factor] : units) {
        const QJsonValue value = object.value(QStringView(unit));
        if (value.isUndefined())
            continue;
        ++found;
        const double amount = value.toDouble(-1);
        if (!value.isDouble() || amount != std::floor(amount) || amount <= 0
            || amount * double(factor) > double(kMaxDurationSeconds))
            return fail(
                QCoreApplication::translate(
                    "CancelPolicy", "\"%1\" must be a whole number above 0 (and at most 400 days).")
                    .arg(QStringView(unit)));
        *seconds = qint64(amount) * factor;
    }
    if (found != 1)
        return fail(QCoreApplication::translate(
            "CancelPolicy",
            "a deadline after creation or payment needs exactly one of \"minutes\", "
            "\"hours\" or \"days\"."));
    return true;
}

bool Parser::parseStringList(const QJsonValue &value, const QString &key, QStringList *out)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return fail(
            QCoreApplication::translate("CancelPolicy", "\"%1\" must be a non-empty list of text.")
                .arg(key));
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString() || item.toString().trimmed().isEmpty())
            return fail(QCoreApplication::translate("CancelPolicy",
                                                    "\"%1\" must be a non-empty list of text.")
                            .arg(key));
        out->append(item.toString().trimmed());
    }
    return true;
}

bool Parser::parseReason(const QJsonValue &value, IneligibleReason *out)
{
    if (value.isUndefined())
        return true;
    const std::optional<IneligibleReason> reason = ineligibleReasonFromKey(value.toString());
    if (!value.isString() || !reason || *reason == IneligibleReason::None)
        return fail(QCoreApplication::translate("CancelPolicy", "unknown reason \"%1\".")
                        .arg(value.toString()));
    *out = *reason;
    return true;
}

bool Parser::parseInstead(const QJsonValue &value, const QString &key, Instead *out)
{
    if (value.isUndefined())
        return true;
    const std::optional<Instead> instead = insteadFromKey(value.toString());
    if (!value.isString() || !instead)
        return fail(QCoreApplication::translate("CancelPolicy", "\"%1\": unknown action \"%2\".")
                        .arg(key, value.toString()));
    *out = *instead;
    return true;
}

// Override semantics: a zone replaces the default; a rule or block with a known
// id replaces it in place; rules with new ids go before all defaults, in the
// override's order, because a merchant's contract terms are more specific than
// the provider's general windows.
void mergeOverride(ProviderRules &base, const ProviderRules &over, bool hasZone)
{
    if (hasZone)
        base.zone = over.zone;
    for (const FlagBlock &block : over.blocked) {
        auto it = std::find_if(base.blocked.begin(), base.blocked.end(),
                               [&](const FlagBlock &b) { return b.id == block.id; });
        if (it != base.blocked.end())
            *it = block;
        else
            base.blocked.append(block);
    }
    QList<Rule> added;
    for (const Rule &rule : over.rules) {
        auto it = std::find_if(base.rules.begin(), base.rules.end(),
                               [&](const Rule &r) { return r.id == rule.id; });
        if (it != base.rules.end())
            *it = rule;
        else
            added.append(rule);
    }
    base.rules = added + base.rules;
}

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

PolicyLoadResult CancelPolicy::fromJson(const QByteArray &rules, const QByteArray &overrides)
{
    PolicyLoadResult result;
    auto data = std::make_shared<Data>();
    std::array<bool, 3> hasZone{};
    std::array<bool, 3> present{};
    Parser defaults(QCoreApplication::translate("CancelPolicy", "defaults"), false);
    if (!defaults.parse(rules, &data->providers, &hasZone, &present)) {
        result.error = defaults.error();
        return result;
    }
    for (Provider provider : allProviders()) {
        if (!present.at(std::size_t(provider))) {
            result.error =
                placed({QCoreApplication::translate("CancelPolicy", "defaults"),
                        providerKey(provider),
                        {}},
                       QCoreApplication::translate("CancelPolicy", "the provider is missing."));
            return result;
        }
    }
    if (!overrides.isEmpty()) {
        std::array<ProviderRules, 3> over;
        hasZone = {};
        present = {};
        Parser parser(QCoreApplication::translate("CancelPolicy", "override"), true);
        if (!parser.parse(overrides, &over, &hasZone, &present)) {
            result.error = parser.error();
            return result;
        }
        for (std::size_t i = 0; i < over.size(); ++i) {
            if (present.at(i))
                mergeOverride(data->providers.at(i), over.at(i), hasZone.at(i));
        }
    }
    result.policy.m_data = std::move(data);
    return result;
}

PolicyLoadResult CancelPolicy::load(const QString &overrideFile)
{
    QFile shipped(u":/rules/cancel_windows.json"_s);
    if (!shipped.open(QIODevice::ReadOnly)) {
        PolicyLoadResult result;
        result.error = QCoreApplication::translate("CancelPolicy",
                                                   "The built-in cancel rules are missing (%1).")
                           .arg(shipped.fileName());
        return result;
    }
    QByteArray overrides;
    if (!overrideFile.isEmpty()) {
        // The override decides which cancels are allowed: nobody but the
        // user may change it.
        Platform::TrustedFileRead file =
            Platform::readTrustedFile(overrideFile, Platform::FileTrust::Unwritable);
        if (file.status == Platform::TrustedFileRead::Status::CannotOpen) {
            PolicyLoadResult result;
            result.error = QCoreApplication::translate(
                               "CancelPolicy", "Cannot read the cancel rules override file %1: %2")
                               .arg(overrideFile, file.openError);
            return result;
        }
        if (!file.ok()) {
            PolicyLoadResult result;
            result.error = file.error;
            return result;
        }
        overrides = std::move(file.data);
        // An empty file would otherwise silently mean "no override".
        if (overrides.trimmed().isEmpty()) {
            PolicyLoadResult result;
            result.error = QCoreApplication::translate(
                               "CancelPolicy", "The cancel rules override file %1 is empty.")
                               .arg(overrideFile);
            return result;
        }
    }
    PolicyLoadResult result = fromJson(shipped.readAll(), overrides);
    if (!result.ok() && !overrideFile.isEmpty())
        result.error = QCoreApplication::translate("CancelPolicy", "%1 (override file: %2)")
                           .arg(result.error, overrideFile);
    return result;
}

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

std::optional<QTimeZone> parseTimeZone(QStringView text)
{
    const QString trimmed = text.trimmed().toString();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (trimmed == u"UTC" || trimmed == u"Z")
        return QTimeZone(0);
    static const QRegularExpression offset(u"^([+-])(\\d{2}):(\\d{2})$"_s);
    const QRegularExpressionMatch m = offset.match(trimmed);
    if (m.hasMatch()) {
        const int hours = m.captured(2).toInt();
        const int minutes = m.captured(3).toInt();
        const int seconds = (hours * 3600 + minutes * 60) * (m.captured(1) == u"-" ? -1 : 1);
        if (minutes >= 60 || std::abs(seconds) > kMaxOffsetSeconds)
            return std::nullopt;
        return QTimeZone(seconds);
    }
    // IANA ids only: the offset-looking ids QTimeZone also accepts ("UTC+8")
    // are refused so that the file has one notation for offsets.
    if (trimmed.startsWith(u'+') || trimmed.startsWith(u'-') || trimmed.startsWith(u"UTC"))
        return std::nullopt;
    const QByteArray id = trimmed.toUtf8();
    if (!QTimeZone::isTimeZoneIdAvailable(id))
        return std::nullopt;
    return QTimeZone(id);
}

} // namespace CancelDesk::Domain
