#include "backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace CancelDesk::Services {

std::chrono::milliseconds backoffDelay(int retry, std::chrono::milliseconds retryBase,
                                       std::chrono::milliseconds cap,
                                       std::chrono::milliseconds retryAfter, double unitRandom)
{
    using std::chrono::milliseconds;
    const qint64 base = std::max<qint64>(0, retryBase.count());
    const qint64 limit = std::max<qint64>(0, cap.count());
    // Doubling stops at the cap, so a large retry number cannot overflow.
    qint64 delay = base;
    for (int i = 0; i < retry && delay < limit; ++i)
        delay *= 2;
    delay = std::min(delay, limit);
    const double spread = 0.75 + 0.5 * std::clamp(unitRandom, 0.0, 1.0);
    delay = std::min(limit, static_cast<qint64>(static_cast<double>(delay) * spread));
    return milliseconds(std::max<qint64>(delay, retryAfter.count()));
}

std::chrono::milliseconds jitteredBackoff(int retry, std::chrono::milliseconds retryBase,
                                          std::chrono::milliseconds cap,
                                          std::chrono::milliseconds retryAfter)
{
    return backoffDelay(retry, retryBase, cap, retryAfter,
                        QRandomGenerator::global()->generateDouble());
}

} // namespace CancelDesk::Services
