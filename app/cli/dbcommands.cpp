// db copy: moving a store into a team database (PRODUCT.md F26).
#include "clisession.h"
#include "commands.h"
#include "commandset.h"
#include "core/appcore.h"
#include "output.h"
#include "storage/database.h"
#include "storage/databaselocation.h"
#include "storage/storecopy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

QString usageText()
{
    return QCoreApplication::translate("Cli", "Usage: db copy --to URL (a postgresql:// URL of an "
                                              "empty team database, or a SQLite file)");
}

QString sameStoreText()
{
    return QCoreApplication::translate("Cli",
                                       "--to names the store being copied: give another one.");
}

QString targetOpenText(const QString &target, const QString &error)
{
    return QCoreApplication::translate("Cli", "The store to copy into (%1) cannot be opened: %2")
        .arg(target, error);
}

QString copiedText(const Storage::CopyResult &r)
{
    return QCoreApplication::translate(
               "Cli", "Copied %1 orders, %2 status changes, %3 cancel attempts, %4 journal "
                      "entries and %5 approval thresholds; the copied cancel log verifies and its "
                      "head %6 matches the source's.")
        .arg(r.counts.orders)
        .arg(r.counts.history)
        .arg(r.counts.attempts)
        .arg(r.counts.entries)
        .arg(r.counts.thresholds)
        .arg(r.targetHead.toString());
}

QJsonObject resultJson(const Storage::CopyResult &r, const QString &target)
{
    return {{u"target"_s, target},
            {u"orders"_s, r.counts.orders},
            {u"status_history"_s, r.counts.history},
            {u"cancel_attempts"_s, r.counts.attempts},
            {u"journal_entries"_s, r.counts.entries},
            {u"approval_thresholds"_s, r.counts.thresholds},
            {u"head"_s, r.targetHead.toJson()},
            {u"source_head"_s, r.sourceHead.toJson()},
            {u"intact"_s, r.verify.ok}};
}

int exitCodeOf(Storage::CopyResult::Status status)
{
    switch (status) {
    case Storage::CopyResult::Status::Copied:
        return ExitSuccess;
    case Storage::CopyResult::Status::VerifyFailed:
        return ExitVerifyFailed;
    case Storage::CopyResult::Status::NotOwner:
        return ExitNotPermitted;
    case Storage::CopyResult::Status::TargetNotReady:
    case Storage::CopyResult::Status::Stopped:
    case Storage::CopyResult::Status::Failed:
        break;
    }
    return ExitFailure;
}

} // namespace

int dbCopy(Session &s, const QStringList &args)
{
    const QString command = u"db copy"_s;
    if (args.size() != 2 || !s.parser().isSet(u"to"_s))
        return s.out().finish(command, ExitUsage, {}, usageText());
    // The parser refuses a URL with a password and never repeats the URL.
    const Storage::DatabaseLocationParse parsed =
        Storage::DatabaseLocation::parse(s.parser().value(u"to"_s));
    if (!parsed.ok())
        return s.out().finish(command, ExitUsage, {}, parsed.error);
    Storage::Database &source = s.core().database();
    if (parsed.location == source.location())
        return s.out().finish(command, ExitUsage, {}, sameStoreText());

    Storage::Database target(parsed.location);
    const QString targetName = target.path();
    QString error;
    if (!target.open(&error)) {
        // A login without rights on the schema fails here already: say who
        // may copy rather than which table it may not read.
        const QString notOwner = Storage::StoreCopy::ownerProblem(target);
        return s.out().finish(command, notOwner.isEmpty() ? ExitFailure : ExitNotPermitted,
                              {{u"target"_s, targetName}},
                              notOwner.isEmpty() ? targetOpenText(targetName, error) : notOwner);
    }
    Storage::StoreCopy copy(source, target);
    const Storage::CopyResult result = copy.run();
    const QJsonObject json = resultJson(result, targetName);
    if (!result.ok())
        return s.out().finish(command, exitCodeOf(result.status), json, result.error);
    s.out().line(copiedText(result));
    return s.out().finish(command, ExitSuccess, json);
}

} // namespace CancelDesk::Cli
