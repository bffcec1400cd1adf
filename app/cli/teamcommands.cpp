// team init | team grant | team threshold, and the approvals of four eyes
// (PRODUCT.md §10, §12: F21–F23).

#include "cliformat.h"
#include "clisession.h"
#include "commands.h"
#include "commandset.h"
#include "domain/money.h"
#include "output.h"
#include "services/cancelservice.h"
#include "storage/canceljournal.h"
#include "storage/database.h"
#include "storage/teamsetup.h"

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

// Where a refusal of the team database ends: 8 for its rules, 5 otherwise.
int exitFor(Storage::JournalError error)
{
    switch (error) {
    case Storage::JournalError::None:
        return ExitSuccess;
    case Storage::JournalError::NotPermitted:
        return ExitNotPermitted;
    case Storage::JournalError::NotFound:
    case Storage::JournalError::InvalidInput:
        return ExitUsage;
    case Storage::JournalError::ActiveAttemptExists:
    case Storage::JournalError::InvalidTransition:
        return ExitRefused;
    case Storage::JournalError::Database:
        return ExitFailure;
    }
    return ExitFailure;
}

// A setup step the database refused: 8 when its rules said no (not the owner,
// no CREATEROLE), else 5.
int setupFailure(Session &s, const QString &command, Storage::TeamSetupResult result,
                 const QString &error)
{
    return s.out().finish(
        command, result == Storage::TeamSetupResult::NotPermitted ? ExitNotPermitted : ExitFailure,
        {}, error);
}

QString moneyText(qint64 minor, const QString &currency)
{
    const Domain::MoneyResult m = Domain::fromMinorUnits(minor, currency);
    return m.ok() ? m.value.toDecimalString() + u' ' + currency
                  : QString::number(minor) + u' ' + currency;
}

QJsonObject attemptJson(const Storage::CancelAttempt &a)
{
    return {{u"attempt_id"_s, a.id},
            {u"provider"_s, Domain::providerKey(a.provider)},
            {u"payment_id"_s, a.paymentId},
            {u"amount_minor"_s, a.amount.minor},
            {u"currency"_s, a.amount.currency},
            {u"requested_by"_s, a.operatorName},
            {u"reason"_s, Domain::cancelReasonKey(a.reason)},
            {u"note"_s, a.note},
            {u"requested_at"_s, jsonTime(a.requestedAt)},
            {u"approval_deadline"_s, jsonTime(a.approvalDeadline)},
            {u"state"_s, Storage::attemptStateKey(a.state)},
            {u"approver"_s, a.approver},
            {u"decision_note"_s, a.decisionNote}};
}

// The attempt id of `approve ID`, `approvals approve ID`, `decline ID` …
// (the last word); 0 when it is not a positive number.
qint64 attemptIdArgument(const QStringList &args, int expectedWords)
{
    if (args.size() != expectedWords)
        return 0;
    bool ok = false;
    const qint64 id = args.last().toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

// `approve` and `approvals approve` are one command; so are the declines.
int wordsBefore(const QStringList &args)
{
    return args.value(0) == u"approvals" ? 2 : 1;
}

bool confirmApproval(const Storage::CancelAttempt &a)
{
    QTextStream err(stderr);
    err << QCoreApplication::translate("Cli", "Approve cancel attempt %1: payment %2 (%3) at %4, "
                                              "requested by %5? Type yes to confirm: ")
               .arg(QString::number(a.id), a.paymentId,
                    moneyText(a.amount.minor, a.amount.currency),
                    Domain::providerDisplayName(a.provider), a.operatorName)
        << Qt::flush;
    return answeredYes();
}

QString usageText(const QString &usage)
{
    return QCoreApplication::translate("Cli", "Usage: %1").arg(usage);
}

} // namespace

int teamInit(Session &s, const QStringList &args)
{
    const QString command = u"team init"_s;
    if (args.size() != 2)
        return s.out().finish(command, ExitUsage, {}, usageText(u"team init"_s));
    QString error;
    if (const auto r = Storage::initTeam(s.core().database(), &error);
        r != Storage::TeamSetupResult::Done)
        return setupFailure(s, command, r, error);
    s.out().line(QCoreApplication::translate(
        "Cli", "This database is now a team store. Give each person's login one role with: "
               "team grant LOGIN operator|approver|auditor"));
    return s.out().finish(command, ExitSuccess, {{u"team"_s, true}});
}

int teamGrant(Session &s, const QStringList &args)
{
    const QString command = u"team grant"_s;
    const auto role = Storage::teamRoleFromKey(args.value(3).toLower());
    if (args.size() != 4 || args.at(2).trimmed().isEmpty() || !role)
        return s.out().finish(command, ExitUsage, {},
                              usageText(u"team grant LOGIN operator|approver|auditor"_s));
    QString error;
    if (const auto r = Storage::grantTeamRole(s.core().database(), args.at(2), *role, &error);
        r != Storage::TeamSetupResult::Done)
        return setupFailure(s, command, r, error);
    s.out().line(QCoreApplication::translate("Cli", "%1 is now a CancelDesk %2.")
                     .arg(args.at(2), Storage::teamRoleKey(*role)));
    return s.out().finish(command, ExitSuccess,
                          {{u"login"_s, args.at(2)}, {u"role"_s, Storage::teamRoleKey(*role)}});
}

int teamThreshold(Session &s, const QStringList &args)
{
    const QString command = u"team threshold"_s;
    Storage::CancelJournal &journal = s.core().journal();
    if (args.size() == 2) { // the list
        QString error;
        const QList<Storage::Threshold> all = journal.thresholds(&error);
        if (!error.isEmpty())
            return s.out().finish(command, ExitFailure, {}, error);
        QJsonArray rows;
        for (const Storage::Threshold &t : all) {
            s.out().line(moneyText(t.amountMinor, t.currency));
            rows.append(
                QJsonObject{{u"currency"_s, t.currency}, {u"amount_minor"_s, t.amountMinor}});
        }
        if (all.isEmpty())
            s.out().line(QCoreApplication::translate(
                "Cli", "No approval thresholds: no cancel waits for a second person."));
        return s.out().finish(command, ExitSuccess, {{u"thresholds"_s, rows}});
    }
    if (args.size() != 4)
        return s.out().finish(command, ExitUsage, {},
                              usageText(u"team threshold [CURRENCY AMOUNT|none]"_s));
    const QString currency = args.at(2).trimmed().toUpper();
    std::optional<qint64> limit;
    if (args.at(3).toLower() != u"none") {
        const Domain::MoneyResult m = Domain::parseDecimalAmount(args.at(3), currency);
        if (!m.ok())
            return s.out().finish(command, ExitUsage, {},
                                  Domain::moneyErrorText(m.error, currency));
        limit = m.value.minor;
    }
    const Storage::JournalResult r = journal.setThreshold(currency, limit);
    if (!r.ok())
        return s.out().finish(command, exitFor(r.error), {}, r.message);
    s.out().line(limit
                     ? QCoreApplication::translate("Cli", "Cancels of %1 or more now need a second "
                                                          "person's approval.")
                           .arg(moneyText(*limit, currency))
                     : QCoreApplication::translate("Cli", "Cancels in %1 no longer need approval.")
                           .arg(currency));
    QJsonObject result{{u"currency"_s, currency}};
    result.insert(u"amount_minor"_s, limit ? QJsonValue(*limit) : QJsonValue(QJsonValue::Null));
    return s.out().finish(command, ExitSuccess, result);
}

int approvalsList(Session &s, const QStringList &args)
{
    const QString command = u"approvals list"_s;
    if (args.size() != 2)
        return s.out().finish(command, ExitUsage, {}, usageText(u"approvals list"_s));
    QString error;
    const QList<Storage::CancelAttempt> queue = s.core().journal().approvalQueue(&error);
    if (!error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    QJsonArray rows;
    for (const Storage::CancelAttempt &a : queue) {
        rows.append(attemptJson(a));
        s.out().line(QCoreApplication::translate(
                         "Cli", "#%1  %2 %3  %4  requested by %5 at %6, lapses at %7")
                         .arg(QString::number(a.id), Domain::providerKey(a.provider), a.paymentId,
                              moneyText(a.amount.minor, a.amount.currency), a.operatorName,
                              isoUtc(a.requestedAt), isoUtc(a.approvalDeadline)));
    }
    s.out().line(QCoreApplication::translate("Cli", "%n cancel(s) awaiting approval.", nullptr,
                                             int(queue.size())));
    return s.out().finish(command, ExitSuccess, {{u"approvals"_s, rows}});
}

int approveCommand(Session &s, const QStringList &args)
{
    const QString command = u"approve"_s;
    const qint64 id = attemptIdArgument(args, wordsBefore(args) + 1);
    if (id == 0)
        return s.out().finish(command, ExitUsage, {}, usageText(u"approve ATTEMPT_ID [--yes]"_s));
    const std::optional<Storage::CancelAttempt> attempt = s.core().journal().find(id);
    if (!attempt)
        return s.out().finish(
            command, ExitUsage, {},
            QCoreApplication::translate("Cli", "There is no cancel attempt %1.").arg(id));
    if (!s.parser().isSet(u"yes"_s)) {
        if (!::isatty(STDIN_FILENO))
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate(
                                      "Cli", "Not approved: there is no terminal to confirm on. "
                                             "Pass --yes to approve without asking."));
        if (!confirmApproval(*attempt))
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate("Cli", "Not approved."));
    }
    if (const QString error = s.connect(); !error.isEmpty())
        return s.out().finish(command, ExitFailure, {}, error);
    Services::CancelReport report;
    QEventLoop loop;
    Services::CancelJob *job = s.core().cancels().approve(id, s.operatorName());
    QObject::connect(job, &Services::CancelJob::finished, &loop,
                     [&](const Services::CancelReport &r) {
                         report = r;
                         loop.quit();
                     });
    loop.exec();
    if (report.refusal != Services::CancelReport::Refusal::None)
        return s.out().finish(command, exitCodeFor(report), reportJson(report), report.message);
    s.out().line(reportLine(report));
    return s.out().finish(command, exitCodeFor(report), reportJson(report));
}

int declineCommand(Session &s, const QStringList &args)
{
    const QString command = u"decline"_s;
    const qint64 id = attemptIdArgument(args, wordsBefore(args) + 1);
    const QString note = s.parser().value(u"note"_s).trimmed();
    if (id == 0 || note.isEmpty())
        return s.out().finish(command, ExitUsage, {},
                              usageText(u"decline ATTEMPT_ID --note TEXT"_s));
    // Nothing is sent: the journal alone, no provider connection.
    const Storage::JournalResult r = s.core().journal().decline(id, s.operatorName(), note);
    if (!r.ok())
        return s.out().finish(command, exitFor(r.error), {}, r.message);
    s.out().line(QCoreApplication::translate("Cli",
                                             "Declined cancel attempt %1 (payment %2). Nothing "
                                             "was sent.")
                     .arg(QString::number(id), r.attempt.paymentId));
    return s.out().finish(command, ExitSuccess, attemptJson(r.attempt));
}

} // namespace CancelDesk::Cli
