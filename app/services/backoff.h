#pragma once

#include <chrono>

namespace CancelDesk::Services {

// Jittered exponential backoff (PRODUCT.md F5, F11): the delay before retry
// number `retry` (0 for the first retry) is retryBase·2^retry, capped at `cap`,
// spread by ±25 % so that many clients retrying together do not hit the
// provider in lock-step. A Retry-After the provider gave wins when it is
// longer (-1 ms: not given). `unitRandom` is a number in [0, 1) supplied by the
// caller, which keeps this a pure function that tests can pin down.
std::chrono::milliseconds backoffDelay(int retry, std::chrono::milliseconds retryBase,
                                       std::chrono::milliseconds cap,
                                       std::chrono::milliseconds retryAfter, double unitRandom);

// backoffDelay() with a random draw from QRandomGenerator::global().
std::chrono::milliseconds jitteredBackoff(int retry, std::chrono::milliseconds retryBase,
                                          std::chrono::milliseconds cap,
                                          std::chrono::milliseconds retryAfter);

} // namespace CancelDesk::Services
