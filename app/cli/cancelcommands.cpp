// cancel and recover, and the exit code a cancel ends with.
#include "cliformat.h"
#include "clisession.h"
#include "commands.h"
#include "commandset.h"
#include "domain/cancelreason.h"
#include "output.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

bool confirmOnTerminal(const Domain::Order &order)
{
    QTextStream err(stderr);
    err << QCoreApplication::translate("Cli",
                                       "Cancel payment %1 (%2 %3) at %4? Type yes to confirm: ")
               .arg(order.paymentId, order.amount.toDecimalString(), order.amount.currency,
                    Domain::providerDisplayName(order.provider))
        << Qt::flush;
    return answeredYes();
}

// --reason and --note as a request; an exit code in *code when they are
// wrong (else -1).
Services::CancelOrderRequest cancelRequest(Session &s, const QString &command, int *code)
{
    *code = -1;
    Services::CancelOrderRequest request;
    const auto reason = Domain::cancelReasonFromKey(s.parser().value(u"reason"_s).toLower());
    if (!reason) {
        QStringList keys;
        for (const Domain::CancelReason r : Domain::allCancelReasons())
            keys.append(Domain::cancelReasonKey(r));
        *code = s.out().finish(command, ExitUsage, {},
                               QCoreApplication::translate("Cli", "--reason must be one of: %1.")
                                   .arg(keys.join(u", "_s)));
        return request;
    }
    request.reason = *reason;
    request.note = s.parser().value(u"note"_s);
    if (const QString problem = Domain::validateCancelReason(*reason, request.note);
        !problem.isEmpty())
        *code = s.out().finish(command, ExitUsage, {}, problem);
    return request;
}

// The one stored order PAYMENT_ID (and --provider) names; an exit code in
// *code when there is none or more than one (else -1).
Domain::Order orderToCancel(Session &s, const QString &command, const QString &id, int *code)
{
    *code = -1;
    bool bad = false;
    const auto provider = providerOption(s, &bad);
    if (bad) {
        *code = s.out().finish(command, ExitUsage, {}, badProviderText());
        return {};
    }
    const QList<Domain::Order> found = s.ordersWithId(id, provider);
    if (found.isEmpty()) {
        *code = s.out().finish(command, ExitUsage, {}, notInStoreText(id));
        return {};
    }
    if (found.size() > 1) {
        QStringList names;
        for (const Domain::Order &o : found)
            names.append(Domain::providerKey(o.provider));
        *code = s.out().finish(command, ExitUsage, {},
                               QCoreApplication::translate(
                                   "Cli", "Payment %1 exists at several providers (%2); choose "
                                          "one with --provider.")
                                   .arg(id, names.join(u", "_s)));
        return {};
    }
    return found.first();
}

// Without --yes the operator confirms on the terminal. An exit code when not
// confirmed, else -1.
int confirm(Session &s, const QString &command, const Domain::Order &order)
{
    if (s.parser().isSet(u"yes"_s))
        return -1;
    if (!::isatty(STDIN_FILENO))
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Not cancelled: there is no terminal to confirm on. Pass "
                                         "--yes to cancel without asking."));
    if (!confirmOnTerminal(order))
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "Not cancelled."));
    return -1;
}

// Decides on the provider's status of now and on its clock (the Date of this
// answer corrects the local clock), as the console does.
void refreshBeforeCancel(Session &s, const Domain::Order &order)
{
    const Services::RefreshSummary fresh =
        s.wait(s.core().refresh().refresh({{order.provider, order.paymentId}}));
    for (const auto &[key, message] : fresh.errors)
        s.out().note(QCoreApplication::translate(
                         "Cli", "The status of %1 could not be refreshed (%2); deciding on the "
                                "stored status.")
                         .arg(key.paymentId, message));
}

Services::CancelReport runCancel(Session &s, const Services::CancelOrderRequest &request)
{
    Services::CancelReport report;
    QEventLoop loop;
    Services::CancelJob *job = s.core().cancels().cancel(request);
    QObject::connect(job, &Services::CancelJob::stateChanged, &loop,
                     [&s](Storage::AttemptState state) {
                         if (!s.out().json())
                             s.out().note(Storage::attemptStateLabel(state));
                     });
    QObject::connect(job, &Services::CancelJob::finished, &loop,
                     [&](const Services::CancelReport &r) {
                         report = r;
                         loop.quit();
                     });
    loop.exec();
    return report;
}

int recoverResultCode(const QList<Services::CancelReport> &reports)
{
    int code = ExitSuccess;
    for (const Services::CancelReport &r : reports) {
        const int c = exitCodeFor(r);
        // A recovered attempt that the provider rejected is resolved, not a failure.
        if (c == ExitUnresolved || c == ExitFailure)
            code = std::max(code, c);
    }
    return code;
}

} // namespace

int cancelCommand(Session &s, const QStringList &args)
{
    const QString command = u"cancel"_s;
    if (args.size() != 2 || !s.parser().isSet(u"reason"_s))
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Usage: cancel PAYMENT_ID --reason CODE [--note TEXT] "
                                         "[--provider P] [--yes]"));
    int code = -1;
    Services::CancelOrderRequest request = cancelRequest(s, command, &code);
    if (code >= 0)
        return code;
    const Domain::Order order = orderToCancel(s, command, args.at(1), &code);
    if (code >= 0)
        return code;
    if (const int refused = confirm(s, command, order); refused >= 0)
        return refused;
    if (const QString error = s.connect(); !error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    refreshBeforeCancel(s, order);

    request.order = {order.provider, order.paymentId};
    request.operatorName = s.operatorName();
    request.environment = s.config().environment;
    const Services::CancelReport report = runCancel(s, request);
    s.out().line(reportLine(report));
    return s.out().finish(command, exitCodeFor(report), reportJson(report));
}

int recoverCommand(Session &s, const QStringList &args)
{
    const QString command = u"recover"_s;
    if (args.size() != 1)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "recover takes no arguments."));
    if (!s.recoveryError().isEmpty())
        return s.out().finish(command, ExitFailure, {}, s.recoveryError());
    QJsonArray reports;
    for (const Services::CancelReport &r : s.recovered()) {
        reports.append(reportJson(r));
        s.out().line(reportLine(r));
    }
    s.out().line(QCoreApplication::translate("Cli", "%n unfinished attempt(s) resumed.", nullptr,
                                             int(s.recovered().size())));
    return s.out().finish(command, recoverResultCode(s.recovered()), {{u"recovered"_s, reports}});
}

int exitCodeFor(const Services::CancelReport &report)
{
    using R = Services::CancelReport::Refusal;
    using Providers::FailureKind;
    switch (report.refusal) {
    case R::None:
        break;
    case R::NotFound:
    case R::InvalidInput:
        return ExitUsage;
    case R::Ineligible:
    case R::ActiveAttempt:
        return ExitRefused;
    case R::Configuration:
    case R::Storage:
        return ExitFailure;
    case R::NotPermitted:
        return ExitNotPermitted;
    }
    const bool brokenSetup = report.lastFailure == FailureKind::Configuration
                             || report.lastFailure == FailureKind::Authentication
                             || report.lastFailure == FailureKind::Protocol;
    if (!report.state)
        return ExitFailure;
    switch (*report.state) {
    case Storage::AttemptState::Succeeded:
        return ExitSuccess;
    case Storage::AttemptState::Rejected:
        return brokenSetup ? ExitFailure : ExitRefused;
    case Storage::AttemptState::Unresolved:
        // Always 4: the cancel may have happened; a 5 would read as "nothing
        // happened" and invite a scripted retry.
        return ExitUnresolved;
    case Storage::AttemptState::Prepared:
    case Storage::AttemptState::Sent:
    case Storage::AttemptState::Confirming:
        // Stopped while still active: recovery will finish it.
        return ExitUnresolved;
    case Storage::AttemptState::AwaitingApproval:
        // Journaled, nothing sent: a second person decides (F23).
        return ExitAwaitingApproval;
    case Storage::AttemptState::Declined:
    case Storage::AttemptState::Expired:
        // Nothing was sent.
        return ExitRefused;
    }
    return ExitFailure;
}

} // namespace CancelDesk::Cli
