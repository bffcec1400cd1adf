// The cancel rules file (resources/rules/cancel_windows.json) and the
// per-merchant override: JSON parsing, validation and merging into the rules
// CancelPolicy evaluates.
#include "cancelpolicy.h"
#include "cancelpolicy_p.h"
#include "platform/trustedfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <utility>

namespace CancelDesk::Domain {

using namespace Qt::Literals::StringLiterals;
using namespace PolicyRules;

namespace {

constexpr int kRulesVersion = 1;
// Bounds that catch typos (a window of 7000 days, a cut-off 90 days out) rather
// than business limits.
constexpr qint64 kMaxDurationSeconds = qint64(400) * 24 * 3600;
constexpr int kMaxDayOffset = 31;
// Real UTC offsets lie within -12:00 … +14:00.
constexpr int kMaxOffsetSeconds = 14 * 3600;

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
        QString key = it.key();
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
        for (const auto &entry : blocked.toArray()) {
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
    for (const auto &entry : rules.toArray()) {
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
        for (const auto &entry : when.toArray()) {
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
    for (const auto &item : value.toArray()) {
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

} // namespace

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
