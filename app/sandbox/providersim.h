#pragma once

#include "scenario.h"
#include "simtypes.h"

#include <QStringList>

namespace CancelDesk::Sandbox {

// One simulated provider: pure request → response logic over in-memory
// payments, without sockets, so the server can wrap it in scenarios.
class ProviderSim
{
public:
    virtual ~ProviderSim() = default;

    // Whether the request's path belongs to this provider.
    virtual bool handles(const SimRequest &request) const = 0;
    virtual Target target(const SimRequest &request) const = 0;
    virtual SimResponse handle(const SimRequest &request) = 0;

    // The provider's own answer to a scripted server error (scenario http_error /
    // rate_limit / unknown): an error envelope in its style.
    virtual SimResponse errorResponse(const SimRequest &request, int httpStatus) const = 0;
    // Antom answers U; the others have no such thing and answer HTTP 500.
    virtual SimResponse unknownResponse(const SimRequest &request) const
    {
        return errorResponse(request, 500);
    }
    // Scenario token_expired: the provider's 401 for an expired access token,
    // and that token stops working, so only a client that fetches a new one
    // gets past it. Providers without access tokens (Antom signs every
    // request) answer normally.
    virtual SimResponse expiredTokenResponse(const SimRequest &request) { return handle(request); }
    // A state scenario (async_cancel_delay, window_exceeded, already_refunded).
    virtual void applyState(const Scenario &scenario, const QString &paymentId) = 0;
    // Last touch on what is delivered, after any scenario changed the body
    // (Antom signs here). sign=false leaves it unsigned, forge=true signs wrongly.
    virtual void finish(const SimRequest &request, SimResponse &response, bool sign,
                        bool forge) const
    {
        Q_UNUSED(request);
        Q_UNUSED(response);
        Q_UNUSED(sign);
        Q_UNUSED(forge);
    }
    // The seeded demo payment ids, in seeding order.
    virtual QStringList demoIds() const = 0;
};

} // namespace CancelDesk::Sandbox
