#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace CancelDesk::Domain {

// The payment providers CancelDesk can cancel with. The key is the stable
// identifier used in the database, config files, exports and the CLI.
enum class Provider { Uqpay, Antom, Liquido };

QString providerKey(Provider provider);
std::optional<Provider> providerFromKey(QStringView key);
// Brand names are not translated.
QString providerDisplayName(Provider provider);
QList<Provider> allProviders();

} // namespace CancelDesk::Domain
