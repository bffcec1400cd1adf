#include "scenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <array>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Sandbox {

namespace {

using Kind = Scenario::Kind;

constexpr std::array<std::pair<Kind, QStringView>, 16> kKinds{{
    {Kind::Unknown, u"unknown"},
    {Kind::Delay, u"delay"},
    {Kind::Timeout, u"timeout"},
    {Kind::HttpError, u"http_error"},
    {Kind::RateLimit, u"rate_limit"},
    {Kind::MalformedJson, u"malformed_json"},
    {Kind::TruncatedBody, u"truncated_body"},
    {Kind::Html, u"html"},
    {Kind::WrongContentType, u"wrong_content_type"},
    {Kind::Oversized, u"oversized"},
    {Kind::Unsigned, u"unsigned"},
    {Kind::ForgedSignature, u"forged_signature"},
    {Kind::AsyncCancelDelay, u"async_cancel_delay"},
    {Kind::WindowExceeded, u"window_exceeded"},
    {Kind::AlreadyRefunded, u"already_refunded"},
    {Kind::TokenExpired, u"token_expired"},
}};

// The statuses QHttpServer 6.4 can write (its status-line table throws on
// anything else).
bool isWritableErrorStatus(int status)
{
    return (status >= 400 && status <= 418) || (status >= 421 && status <= 424) || status == 426
           || status == 428 || status == 429 || status == 431 || status == 451
           || (status >= 500 && status <= 508) || status == 510 || status == 511;
}

constexpr int kMaxHoldMs = 30000;
constexpr qint64 kMaxOversizedBytes = 64LL * 1024 * 1024;

} // namespace

QString scenarioKindKey(Scenario::Kind kind)
{
    for (const auto &[k, key] : kKinds) {
        if (k == kind)
            return key.toString();
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<Scenario::Kind> scenarioKindFromKey(QStringView key)
{
    for (const auto &[kind, k] : kKinds) {
        if (k == key)
            return kind;
    }
    return std::nullopt;
}

ScenarioParseResult parseScenarios(const QByteArray &json)
{
    ScenarioParseResult result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error =
            u"not JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    const QJsonValue list =
        document.isArray() ? QJsonValue(document.array()) : document.object().value("scenarios"_L1);
    if (!list.isArray()) {
        result.error = u"expected {\"scenarios\": [ … ]}"_s;
        return result;
    }
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        const auto fail = [&](const QString &why) {
            result.scenarios.clear();
            result.error = u"scenarios[%1]: %2"_s.arg(i).arg(why);
            return result;
        };
        Scenario scenario;
        scenario.paymentId = entry.value("payment"_L1).toString();
        if (scenario.paymentId.isEmpty())
            return fail(u"\"payment\" is missing"_s);
        const auto kind = scenarioKindFromKey(entry.value("kind"_L1).toString());
        if (!kind)
            return fail(u"unknown \"kind\" '%1'"_s.arg(entry.value("kind"_L1).toString()));
        scenario.kind = *kind;
        const QString on = entry.value("on"_L1).toString(u"any"_s);
        if (on == "any"_L1)
            scenario.on = Scenario::On::Any;
        else if (on == "inquiry"_L1)
            scenario.on = Scenario::On::Inquiry;
        else if (on == "cancel"_L1)
            scenario.on = Scenario::On::Cancel;
        else
            return fail(u"\"on\" must be any, inquiry or cancel"_s);
        scenario.times = entry.value("times"_L1).toInt(1);
        if (scenario.times == 0 || scenario.times < -1)
            return fail(u"\"times\" must be positive or -1 (always)"_s);
        const int defaultMs = scenario.kind == Kind::Timeout            ? kMaxHoldMs
                              : scenario.kind == Kind::AsyncCancelDelay ? 2000
                                                                        : 1000;
        scenario.ms = entry.value("ms"_L1).toInt(defaultMs);
        if (scenario.ms < 0 || scenario.ms > kMaxHoldMs)
            return fail(u"\"ms\" must be 0…30000"_s);
        scenario.status = entry.value("status"_L1).toInt(500);
        if (!isWritableErrorStatus(scenario.status))
            return fail(u"\"status\" must be a 4xx or 5xx HTTP status"_s);
        scenario.retryAfterSeconds = entry.value("retry_after"_L1).toInt(1);
        if (scenario.retryAfterSeconds < 0)
            return fail(u"\"retry_after\" must not be negative"_s);
        scenario.bytes = entry.value("bytes"_L1).toInteger(6 * 1024 * 1024);
        if (scenario.bytes < 1 || scenario.bytes > kMaxOversizedBytes)
            return fail(u"\"bytes\" must be 1…67108864"_s);
        scenario.apply = entry.value("apply"_L1).toBool(true);
        result.scenarios.append(scenario);
    }
    return result;
}

void ScenarioBook::add(const Scenario &scenario)
{
    m_scenarios.append(scenario);
}

void ScenarioBook::clear()
{
    m_scenarios.clear();
}

bool ScenarioBook::matches(const Scenario &scenario, const Target &target)
{
    switch (scenario.on) {
    case Scenario::On::Any:
        if (target.operation != Operation::Inquiry && target.operation != Operation::Cancel)
            return false;
        break;
    case Scenario::On::Inquiry:
        if (target.operation != Operation::Inquiry)
            return false;
        break;
    case Scenario::On::Cancel:
        if (target.operation != Operation::Cancel)
            return false;
        break;
    }
    return scenario.paymentId == "*"_L1 || target.paymentIds.contains(scenario.paymentId);
}

std::optional<Scenario> ScenarioBook::take(const Target &target)
{
    for (qsizetype i = 0; i < m_scenarios.size(); ++i) {
        Scenario &scenario = m_scenarios[i];
        if (scenario.isState() || !matches(scenario, target))
            continue;
        const Scenario taken = scenario;
        if (scenario.times > 0 && --scenario.times == 0)
            m_scenarios.removeAt(i);
        return taken;
    }
    return std::nullopt;
}

QList<Scenario> ScenarioBook::states(const Target &target) const
{
    QList<Scenario> found;
    for (const Scenario &scenario : m_scenarios) {
        if (!scenario.isState())
            continue;
        if (scenario.paymentId == "*"_L1 || target.paymentIds.contains(scenario.paymentId))
            found.append(scenario);
    }
    return found;
}

} // namespace CancelDesk::Sandbox
