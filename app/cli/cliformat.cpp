#include "cliformat.h"

#include "clisession.h"
#include "commands.h"
#include "domain/orderstatus.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

QString reportOutcome(const Services::CancelReport &report)
{
    return report.state ? Storage::attemptStateKey(*report.state) : QString();
}

QString refusalKey(Services::CancelReport::Refusal refusal)
{
    using R = Services::CancelReport::Refusal;
    switch (refusal) {
    case R::None:
        return {};
    case R::NotFound:
        return u"not_found"_s;
    case R::Ineligible:
        return u"ineligible"_s;
    case R::ActiveAttempt:
        return u"active_attempt"_s;
    case R::InvalidInput:
        return u"invalid_input"_s;
    case R::Configuration:
        return u"configuration"_s;
    case R::Storage:
        return u"storage"_s;
    case R::NotPermitted:
        return u"not_permitted"_s;
    }
    return {};
}

} // namespace

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue jsonTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoUtc(time)) : QJsonValue(QJsonValue::Null);
}

QJsonObject orderJson(const Domain::Order &o)
{
    return QJsonObject{
        {u"provider"_s, Domain::providerKey(o.provider)},
        {u"payment_id"_s, o.paymentId},
        {u"merchant_reference"_s, o.merchantReference},
        {u"payment_method"_s, o.paymentMethod},
        {u"amount"_s, o.amount.toDecimalString()},
        {u"currency"_s, o.amount.currency},
        {u"status"_s, Domain::statusKey(o.status)},
        {u"raw_status"_s, o.rawStatus},
        {u"flags"_s, Domain::flagsKey(o.flags)},
        {u"created_at_utc"_s, jsonTime(o.createdAt)},
        {u"cancel_deadline_utc"_s, jsonTime(o.cancelDeadline)},
        {u"last_synced_at_utc"_s, jsonTime(o.lastSyncedAt)},
        {u"last_sync_error"_s, Providers::storedFailureText(o.lastSyncError)},
    };
}

QJsonObject reportJson(const Services::CancelReport &report)
{
    QJsonObject o{
        {u"provider"_s, Domain::providerKey(report.order.provider)},
        {u"payment_id"_s, report.order.paymentId},
        {u"attempt_id"_s, report.attemptId},
        {u"outcome"_s,
         report.state ? QJsonValue(reportOutcome(report)) : QJsonValue(QJsonValue::Null)},
        {u"sent"_s, report.sent},
        {u"provider_code"_s, report.providerCode},
        {u"provider_message"_s, report.providerMessage},
        {u"http_status"_s, report.httpStatus},
        {u"tries"_s, report.tries},
        {u"retried"_s, report.retried},
        {u"message"_s, report.message},
    };
    if (report.refusal != Services::CancelReport::Refusal::None)
        o.insert(u"refusal"_s, refusalKey(report.refusal));
    if (report.guidance != Providers::Guidance::None) {
        o.insert(u"guidance"_s, Providers::guidanceKey(report.guidance));
        o.insert(u"guidance_text"_s, Providers::guidanceText(report.guidance));
    }
    if (report.lastFailure != Providers::FailureKind::None)
        o.insert(u"failure"_s, Providers::failureKindKey(report.lastFailure));
    return o;
}

QString reportLine(const Services::CancelReport &report)
{
    QString line =
        QCoreApplication::translate("Cli", "%1 %2: %3")
            .arg(Domain::providerDisplayName(report.order.provider), report.order.paymentId,
                 report.state ? reportOutcome(report)
                              : QCoreApplication::translate("Cli", "not sent"));
    if (!report.message.isEmpty())
        line += u" — "_s + report.message;
    if (!report.providerCode.isEmpty())
        line += u" ["_s + report.providerCode + u']';
    if (report.guidance != Providers::Guidance::None)
        line += u'\n' + Providers::guidanceText(report.guidance);
    return line;
}

QJsonObject summaryJson(const Services::RefreshSummary &summary)
{
    QJsonArray errors;
    for (const auto &[key, message] : summary.errors)
        errors.append(QJsonObject{{u"provider"_s, Domain::providerKey(key.provider)},
                                  {u"payment_id"_s, key.paymentId},
                                  {u"error"_s, message}});
    return QJsonObject{{u"total"_s, summary.total},           {u"done"_s, summary.done},
                       {u"failed"_s, summary.failed},         {u"conflicts"_s, summary.conflicts},
                       {u"reconciled"_s, summary.reconciled}, {u"errors"_s, errors}};
}

int summaryCode(const Services::RefreshSummary &summary)
{
    return summary.failed > 0 ? ExitFailure : ExitSuccess;
}

std::optional<Domain::Provider> providerOption(Session &s, bool *bad)
{
    *bad = false;
    if (!s.parser().isSet(u"provider"_s))
        return std::nullopt;
    const auto provider = Domain::providerFromKey(s.parser().value(u"provider"_s).toLower());
    *bad = !provider;
    return provider;
}

QString badProviderText()
{
    return QCoreApplication::translate("Cli", "--provider must be uqpay, antom or liquido.");
}

QString notInStoreText(const QString &paymentId)
{
    return QCoreApplication::translate(
               "Cli", "Payment %1 is not in the local store; add it first with \"orders add\".")
        .arg(paymentId);
}

bool answeredYes()
{
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    // Both languages: the prompt says "yes"; a Chinese operator may type 是.
    return answer == u"yes" || answer == QCoreApplication::translate("Cli", "yes").toLower()
           || answer == u"是";
}

} // namespace CancelDesk::Cli
