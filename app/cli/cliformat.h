#pragma once

#include "domain/order.h"
#include "domain/provider.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace CancelDesk::Services {
struct CancelReport;
struct RefreshSummary;
} // namespace CancelDesk::Services

namespace CancelDesk::Cli {

class Session;

// What several commands print (PRODUCT.md §10: the JSON keys are a contract).

QString isoUtc(const QDateTime &time);
QJsonValue jsonTime(const QDateTime &time);

QJsonObject orderJson(const Domain::Order &order);

QJsonObject reportJson(const Services::CancelReport &report);
// One line (two with guidance) for people.
QString reportLine(const Services::CancelReport &report);

QJsonObject summaryJson(const Services::RefreshSummary &summary);
int summaryCode(const Services::RefreshSummary &summary);

// --provider: nullopt when not given; *bad when given but unknown.
std::optional<Domain::Provider> providerOption(Session &s, bool *bad);
QString badProviderText();
// The error for a payment id that is not in the local store.
QString notInStoreText(const QString &paymentId);

// Reads the operator's answer to a confirmation prompt from stdin: yes, or the
// translated word, or 是.
bool answeredYes();

} // namespace CancelDesk::Cli
