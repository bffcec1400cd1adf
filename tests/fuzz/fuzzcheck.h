#pragma once

// Invariants shared by the fuzz targets. A violated invariant abort()s, which
// libFuzzer reports as a crash and the replay tests as a failure.

#include "domain/currency.h"
#include "domain/order.h"
#include "domain/orderstatus.h"
#include "providers/paymentprovider.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: fuzz invariant violated: %s\n", __FILE__, __LINE__,       \
                         #condition);                                                              \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace CancelDesk::Fuzz {

// libFuzzer's input as bytes. A copy, so that a parser may keep it.
inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Whether the bytes are a JSON object at all: a parser that reports success
// for anything else trusted a malformed answer.
inline bool isJsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError && doc.isObject();
}

inline bool isNormStatus(Domain::NormStatus status)
{
    const std::optional<Domain::NormStatus> back = Domain::statusFromKey(Domain::statusKey(status));
    return back && *back == status;
}

// A time a parser hands out is either "not known" or UTC.
inline void checkTime(const QDateTime &time)
{
    FUZZ_CHECK(!time.isValid() || time.timeSpec() == Qt::UTC);
}

// An order that a parser accepted: money in a known currency and non-negative
// minor units, a status that is one of the NormStatus values.
inline void checkOrder(const Domain::Order &order, Domain::Provider provider)
{
    FUZZ_CHECK(order.provider == provider);
    FUZZ_CHECK(!order.paymentId.isEmpty());
    FUZZ_CHECK(Domain::isKnownCurrency(order.amount.currency));
    FUZZ_CHECK(order.amount.minor >= 0);
    FUZZ_CHECK(order.amount.isValid());
    FUZZ_CHECK(isNormStatus(order.status));
    checkTime(order.createdAt);
    checkTime(order.paidAt);
    checkTime(order.authExpiresAt);
    checkTime(order.methodDeadline);
}

// What holds for every ProviderResult, whatever the call.
inline void checkResult(const Providers::ProviderResult &result, Domain::Provider provider)
{
    using Providers::CancelOutcome;
    FUZZ_CHECK(result.ok() == (result.failure.kind == Providers::FailureKind::None));
    FUZZ_CHECK(result.failure.retryAfter.count() >= -1);
    // A success is never reported together with a failure.
    if (result.outcome == CancelOutcome::Succeeded)
        FUZZ_CHECK(result.ok());
    if (result.order)
        checkOrder(*result.order, provider);
    for (const Domain::Order &order : result.orders)
        checkOrder(order, provider);
    checkTime(result.cancelTime);
}

} // namespace CancelDesk::Fuzz
