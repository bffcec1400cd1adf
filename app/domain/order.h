#pragma once

#include "money.h"
#include "orderstatus.h"
#include "provider.h"

#include <QByteArray>
#include <QDateTime>
#include <QHashFunctions>
#include <QString>

namespace CancelDesk::Domain {

// One payment at one provider, keyed by (provider, paymentId): UQPAY
// payment_intent_id, Antom paymentId, Liquido idempotencyKey. All times are UTC;
// an invalid QDateTime means "not known / not applicable".
struct Order
{
    Provider provider = Provider::Uqpay;
    QString paymentId;
    // UQPAY merchant_order_id (not unique!), Antom paymentRequestId, Liquido referenceId.
    QString merchantReference;
    // The provider's method code, upper-case: "CARD", "WECHATPAY", "PIX_DYNAMIC_QR", …
    QString paymentMethod;
    Money amount;
    QString rawStatus;
    NormStatus status = NormStatus::Unknown;
    StatusFlags flags;

    QDateTime createdAt;
    // When the payer paid (UQPAY complete_time, Antom paymentTime).
    QDateTime paidAt;
    // Antom authExpiryTime for card authorisations.
    QDateTime authExpiresAt;
    // A deadline the provider gives for the method itself: PIX expirationTime,
    // boleto due date.
    QDateTime methodDeadline;
    // Derived by CancelPolicy when the order is stored; invalid when none is known.
    QDateTime cancelDeadline;

    QByteArray lastPayload;
    QDateTime lastSyncedAt;
    QString lastSyncError;

    friend bool operator==(const Order &, const Order &) = default;
};

// Identifies an order across providers.
struct OrderKey
{
    Provider provider = Provider::Uqpay;
    QString paymentId;

    friend bool operator==(const OrderKey &, const OrderKey &) = default;
    friend size_t qHash(const OrderKey &key, size_t seed = 0) noexcept
    {
        return qHashMulti(seed, int(key.provider), key.paymentId);
    }
};

} // namespace CancelDesk::Domain
