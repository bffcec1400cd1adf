#pragma once

#include "simtypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace CancelDesk::Sandbox {

// A scripted misbehaviour for one payment (format: app/sandbox/README.md).
struct Scenario
{
    enum class Kind {
        Unknown,          // Antom: result U (UNKNOWN_EXCEPTION); elsewhere HTTP 500; not applied
        Delay,            // answer after ms; the operation is applied
        Timeout,          // hold the answer ms (≤ 30 s), then drop the connection
        HttpError,        // HTTP status (default 500) with a provider-like error body; not applied
        RateLimit,        // HTTP 429 + Retry-After; not applied
        MalformedJson,    // applied; the body is not JSON
        TruncatedBody,    // applied; Content-Length promises more than is sent
        Html,             // applied; an HTML error page (text/html)
        WrongContentType, // applied; the real body labelled text/plain
        Oversized,        // applied; a JSON body of `bytes` (default 6 MiB)
        Unsigned,         // Antom: applied; no signature / response-time headers
        ForgedSignature,  // Antom: applied; signed with a key that is not Antom's
        AsyncCancelDelay, // UQPAY: wallet cancels flip after ms (state; always on)
        WindowExceeded,   // the provider refuses the cancel as too late (state; always on)
        AlreadyRefunded,  // the payment has a refund (state; always on)
        TokenExpired,     // 401 as for an expired token, which is revoked; not applied
    };

    enum class On { Any, Inquiry, Cancel };

    QString paymentId; // "*" = every payment
    Kind kind = Kind::Delay;
    On on = On::Any;
    // How many matching requests it affects; -1 = every one.
    int times = 1;
    int ms = 0;
    int status = 500;
    int retryAfterSeconds = 1;
    qint64 bytes = 6 * 1024 * 1024;
    // Timeout only: whether the operation still takes effect (the provider did
    // it, the answer was lost).
    bool apply = true;

    bool isState() const
    {
        return kind == Kind::AsyncCancelDelay || kind == Kind::WindowExceeded
               || kind == Kind::AlreadyRefunded;
    }
};

QString scenarioKindKey(Scenario::Kind kind);
std::optional<Scenario::Kind> scenarioKindFromKey(QStringView key);

struct ScenarioParseResult
{
    QList<Scenario> scenarios;
    QString error; // names the entry that is wrong; empty on success
    bool ok() const { return error.isEmpty(); }
};

// {"scenarios": [ {"payment": "PI…", "kind": "http_error", "status": 503, "times": 2}, … ]}
ScenarioParseResult parseScenarios(const QByteArray &json);

// The active scenarios and their remaining counts.
class ScenarioBook
{
public:
    void add(const Scenario &scenario);
    void clear();
    // The first transport/answer scenario that matches and still has uses;
    // consumes one use. State scenarios are never returned here.
    std::optional<Scenario> take(const Target &target);
    // The state scenarios for the target's payments (not consumed).
    QList<Scenario> states(const Target &target) const;
    int size() const { return static_cast<int>(m_scenarios.size()); }

private:
    static bool matches(const Scenario &scenario, const Target &target);
    QList<Scenario> m_scenarios;
};

} // namespace CancelDesk::Sandbox
