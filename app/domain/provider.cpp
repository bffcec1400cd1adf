#include "provider.h"

namespace CancelDesk::Domain {

QString providerKey(Provider provider)
{
    switch (provider) {
    case Provider::Uqpay:
        return QStringLiteral("uqpay");
    case Provider::Antom:
        return QStringLiteral("antom");
    case Provider::Liquido:
        return QStringLiteral("liquido");
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<Provider> providerFromKey(QStringView key)
{
    for (const Provider p : allProviders()) {
        if (key.compare(providerKey(p), Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QString providerDisplayName(Provider provider)
{
    switch (provider) {
    case Provider::Uqpay:
        return QStringLiteral("UQPAY");
    case Provider::Antom:
        return QStringLiteral("Antom");
    case Provider::Liquido:
        return QStringLiteral("Liquido");
    }
    Q_UNREACHABLE();
    return QString();
}

QList<Provider> allProviders()
{
    return {Provider::Uqpay, Provider::Antom, Provider::Liquido};
}

} // namespace CancelDesk::Domain
