#pragma once

#include "provider.h"

#include <QFlags>
#include <QString>
#include <QStringView>

#include <optional>

namespace CancelDesk::Domain {

// The normalised status of PRODUCT.md §4. The provider's raw value is always
// kept beside it.
enum class NormStatus {
    Pending,
    RequiresAction,
    Authorized,
    Succeeded,
    Cancelled,
    Failed,
    Unknown,
};

enum class StatusFlag {
    Refunded = 0x1,
    ChargedBack = 0x2,
    // A refresh contradicted a confirmed cancel (F7): needs a person.
    Conflict = 0x4,
};
Q_DECLARE_FLAGS(StatusFlags, StatusFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(StatusFlags)

// Stable upper-case keys ("PENDING", "REQUIRES_ACTION", …) for storage and exports.
QString statusKey(NormStatus status);
std::optional<NormStatus> statusFromKey(QStringView key);
// Translated label for people.
QString statusLabel(NormStatus status);
bool isTerminal(NormStatus status);

// Stable keys for flags ("refunded", "charged_back", "conflict"), comma-separated.
QString flagsKey(StatusFlags flags);
StatusFlags flagsFromKey(QStringView key);

struct MappedStatus
{
    NormStatus status = NormStatus::Unknown;
    StatusFlags flags;

    friend bool operator==(const MappedStatus &, const MappedStatus &) = default;
};

// Facts beyond the raw status that the mapping needs. Antom reports an
// authorised-but-not-captured card payment as SUCCESS; the console shows it as
// AUTHORIZED when the method is a card, an authExpiryTime is set and no
// successful capture is listed in transactions[].
struct StatusHints
{
    bool isCard = false;
    bool hasAuthExpiry = false;
    bool captured = false;
};

// The mapping table of PRODUCT.md §4. Raw values are compared exactly after
// trimming and upper-casing; anything not in the table maps to UNKNOWN.
MappedStatus mapProviderStatus(Provider provider, QStringView raw, const StatusHints &hints = {});
// UQPAY payment-attempt status (detail view only), PROVIDERS.md §4.1.
NormStatus mapUqpayAttemptStatus(QStringView raw);

} // namespace CancelDesk::Domain
