#include "orderstatus.h"

#include <QCoreApplication>
#include <QStringList>

#include <array>
#include <utility>

namespace CancelDesk::Domain {
namespace {

struct StatusName
{
    NormStatus status;
    const char16_t *key;
    const char *label;
};

constexpr std::array<StatusName, 7> kStatusNames{{
    {NormStatus::Pending, u"PENDING", QT_TRANSLATE_NOOP("OrderStatus", "Pending")},
    {NormStatus::RequiresAction, u"REQUIRES_ACTION",
     QT_TRANSLATE_NOOP("OrderStatus", "Requires action")},
    {NormStatus::Authorized, u"AUTHORIZED", QT_TRANSLATE_NOOP("OrderStatus", "Authorised")},
    {NormStatus::Succeeded, u"SUCCEEDED", QT_TRANSLATE_NOOP("OrderStatus", "Succeeded")},
    {NormStatus::Cancelled, u"CANCELLED", QT_TRANSLATE_NOOP("OrderStatus", "Cancelled")},
    {NormStatus::Failed, u"FAILED", QT_TRANSLATE_NOOP("OrderStatus", "Failed")},
    {NormStatus::Unknown, u"UNKNOWN", QT_TRANSLATE_NOOP("OrderStatus", "Unknown")},
}};

struct RawMapping
{
    const char16_t *raw;
    NormStatus status;
    StatusFlags flags;
};

const std::array<RawMapping, 8> kUqpayIntent{{
    {u"REQUIRES_PAYMENT_METHOD", NormStatus::Pending, {}},
    {u"PENDING", NormStatus::Pending, {}},
    {u"REQUIRES_CUSTOMER_ACTION", NormStatus::RequiresAction, {}},
    {u"REQUIRES_CAPTURE", NormStatus::Authorized, {}},
    {u"SUCCEEDED", NormStatus::Succeeded, {}},
    {u"CANCELLED", NormStatus::Cancelled, {}},
    // The Go SDK's webhook constants spell it the American way.
    {u"CANCELED", NormStatus::Cancelled, {}},
    {u"FAILED", NormStatus::Failed, {}},
}};

const std::array<RawMapping, 5> kAntomPayment{{
    {u"PROCESSING", NormStatus::Pending, {}},
    // Antom's PENDING: the user has paid, the final result is awaited.
    {u"PENDING", NormStatus::Pending, {}},
    {u"SUCCESS", NormStatus::Succeeded, {}},
    {u"FAIL", NormStatus::Failed, {}},
    {u"CANCELLED", NormStatus::Cancelled, {}},
}};

const std::array<RawMapping, 10> kLiquidoTransfer{{
    {u"INITIAL_STATUS", NormStatus::Pending, {}},
    {u"IN_PROGRESS", NormStatus::Pending, {}},
    {u"AUTHORIZED", NormStatus::Authorized, {}},
    {u"SETTLED", NormStatus::Succeeded, {}},
    {u"CANCELLED", NormStatus::Cancelled, {}},
    {u"FAILED", NormStatus::Failed, {}},
    {u"EXPIRED", NormStatus::Failed, {}},
    {u"REFUNDING", NormStatus::Succeeded, StatusFlag::Refunded},
    {u"REFUNDED", NormStatus::Succeeded, StatusFlag::Refunded},
    {u"CHARGED_BACK", NormStatus::Succeeded, StatusFlag::ChargedBack},
}};

const std::array<std::pair<const char16_t *, NormStatus>, 10> kUqpayAttempt{{
    {u"INITIATED", NormStatus::Pending},
    {u"PENDING_AUTHORIZATION", NormStatus::Pending},
    {u"AUTHENTICATION_REDIRECTED", NormStatus::RequiresAction},
    {u"AUTHORIZED", NormStatus::Authorized},
    {u"CAPTURE_REQUESTED", NormStatus::Succeeded},
    {u"SETTLED", NormStatus::Succeeded},
    {u"SUCCEEDED", NormStatus::Succeeded},
    {u"CANCELLED", NormStatus::Cancelled},
    {u"EXPIRED", NormStatus::Failed},
    {u"FAILED", NormStatus::Failed},
}};

template<std::size_t N>
MappedStatus lookup(const std::array<RawMapping, N> &table, const QString &raw)
{
    for (const RawMapping &m : table) {
        if (raw == QStringView(m.raw))
            return {m.status, m.flags};
    }
    return {NormStatus::Unknown, {}};
}

struct FlagName
{
    StatusFlag flag;
    const char16_t *key;
};

constexpr std::array<FlagName, 3> kFlagNames{{
    {StatusFlag::Refunded, u"refunded"},
    {StatusFlag::ChargedBack, u"charged_back"},
    {StatusFlag::Conflict, u"conflict"},
}};

} // namespace

QString statusKey(NormStatus status)
{
    for (const StatusName &n : kStatusNames) {
        if (n.status == status)
            return QString::fromUtf16(n.key);
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<NormStatus> statusFromKey(QStringView key)
{
    for (const StatusName &n : kStatusNames) {
        if (key == QStringView(n.key))
            return n.status;
    }
    return std::nullopt;
}

QString statusLabel(NormStatus status)
{
    for (const StatusName &n : kStatusNames) {
        if (n.status == status)
            return QCoreApplication::translate("OrderStatus", n.label);
    }
    Q_UNREACHABLE();
    return QString();
}

bool isTerminal(NormStatus status)
{
    return status == NormStatus::Succeeded || status == NormStatus::Cancelled
           || status == NormStatus::Failed;
}

QString flagsKey(StatusFlags flags)
{
    QStringList keys;
    for (const FlagName &f : kFlagNames) {
        if (flags.testFlag(f.flag))
            keys.append(QString::fromUtf16(f.key));
    }
    return keys.join(u',');
}

StatusFlags flagsFromKey(QStringView key)
{
    StatusFlags flags;
    for (const QStringView part : key.split(u',', Qt::SkipEmptyParts)) {
        for (const FlagName &f : kFlagNames) {
            if (part.trimmed() == QStringView(f.key))
                flags |= f.flag;
        }
    }
    return flags;
}

MappedStatus mapProviderStatus(Provider provider, QStringView raw, const StatusHints &hints)
{
    const QString value = raw.trimmed().toString().toUpper();
    switch (provider) {
    case Provider::Uqpay:
        return lookup(kUqpayIntent, value);
    case Provider::Antom: {
        MappedStatus mapped = lookup(kAntomPayment, value);
        if (mapped.status == NormStatus::Succeeded && hints.isCard && hints.hasAuthExpiry
            && !hints.captured)
            mapped.status = NormStatus::Authorized;
        return mapped;
    }
    case Provider::Liquido:
        return lookup(kLiquidoTransfer, value);
    }
    Q_UNREACHABLE();
    return MappedStatus();
}

NormStatus mapUqpayAttemptStatus(QStringView raw)
{
    const QString value = raw.trimmed().toString().toUpper();
    for (const auto &[name, status] : kUqpayAttempt) {
        if (value == QStringView(name))
            return status;
    }
    return NormStatus::Unknown;
}

} // namespace CancelDesk::Domain
