// log export, log verify and log head: the cancel log (F14–F16).
#include "clisession.h"
#include "commands.h"
#include "commandset.h"
#include "output.h"
#include "services/exporter.h"
#include "storage/canceljournal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileInfo>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

// --format, --no-bom, --from and --to of log export; an exit code in *code
// when they are wrong (else -1).
Services::ExportOptions exportOptions(Session &s, const QString &command, int *code)
{
    *code = -1;
    Services::ExportOptions options;
    if (s.parser().isSet(u"format"_s)) {
        const auto format = Services::exportFormatFromKey(s.parser().value(u"format"_s).toLower());
        if (!format) {
            *code =
                s.out().finish(command, ExitUsage, {},
                               QCoreApplication::translate(
                                   "Cli", "--format must be csv, xlsx or jsonl for log export."));
            return options;
        }
        options.format = *format;
    }
    options.bom = !s.parser().isSet(u"no-bom"_s);
    for (const QString &name : {u"from"_s, u"to"_s}) {
        if (!s.parser().isSet(name))
            continue;
        const QDate date = QDate::fromString(s.parser().value(name), Qt::ISODate);
        if (!date.isValid()) {
            *code = s.out().finish(
                command, ExitUsage, {},
                QCoreApplication::translate("Cli", "--%1 must be a date written YYYY-MM-DD.")
                    .arg(name));
            return options;
        }
        (name == u"from" ? options.from : options.to) = date;
    }
    if (options.from && options.to && *options.from > *options.to)
        *code = s.out().finish(command, ExitUsage, {},
                               QCoreApplication::translate("Cli", "--from is after --to."));
    return options;
}

// The head log verify is to check against: from --expect-head or from the
// manifest named by --expect-manifest. Returns an exit code, or -1 to go on.
int expectedHead(Session &s, const QString &command, std::optional<Storage::JournalHead> *head)
{
    const bool fromText = s.parser().isSet(u"expect-head"_s);
    const bool fromManifest = s.parser().isSet(u"expect-manifest"_s);
    if (fromText && fromManifest)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Give --expect-head or --expect-manifest, not both."));
    if (fromText) {
        *head = Storage::JournalHead::parse(s.parser().value(u"expect-head"_s));
        if (!*head)
            return s.out().finish(command, ExitUsage, {},
                                  QCoreApplication::translate(
                                      "Cli", "--expect-head %1 is not SEQ:HASH: the entry number "
                                             "and its 64 hex digit hash, as log head prints it.")
                                      .arg(s.parser().value(u"expect-head"_s)));
    } else if (fromManifest) {
        QString error;
        const auto manifest =
            Services::readManifest(s.parser().value(u"expect-manifest"_s), &error);
        if (!manifest)
            return s.out().finish(command, ExitUsage, {}, error);
        *head = manifest->head;
    }
    return -1;
}

QString verifyStoppedText()
{
    return QCoreApplication::translate(
        "Cli", "The cancel log check was stopped before it finished: nothing was verified.");
}

} // namespace

int logExport(Session &s, const QStringList &args)
{
    const QString command = u"log export"_s;
    const QString out = s.parser().value(u"out"_s);
    if (args.size() != 2 || out.isEmpty())
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate(
                                  "Cli", "Usage: log export --out FILE [--format csv|xlsx|jsonl] "
                                         "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]"));
    int code = -1;
    const Services::ExportOptions options = exportOptions(s, command, &code);
    if (code >= 0)
        return code;
    const Services::ExportResult result = s.core().exporter().exportNow(out, options);
    QJsonObject json{{u"file"_s, QFileInfo(out).absoluteFilePath()},
                     {u"format"_s, Services::exportFormatKey(options.format)},
                     {u"rows"_s, result.rows}};
    if (!result.manifestPath.isEmpty())
        json.insert(u"manifest"_s, QFileInfo(result.manifestPath).absoluteFilePath());
    if (!result.ok())
        return s.out().finish(command, ExitFailure, json,
                              result.error.isEmpty()
                                  ? QCoreApplication::translate("Cli", "The export was stopped.")
                                  : result.error);
    s.out().line(QCoreApplication::translate("Cli", "Exported %n cancel log entry(ies) to %1.",
                                             nullptr, int(result.rows))
                     .arg(QDir::toNativeSeparators(out)));
    s.out().line(QCoreApplication::translate("Cli", "Manifest with the cancel log's head: %1")
                     .arg(QDir::toNativeSeparators(result.manifestPath)));
    return s.out().finish(command, ExitSuccess, json);
}

int logHead(Session &s, const QStringList &args)
{
    const QString command = u"log head"_s;
    if (args.size() != 2)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "log head takes no arguments."));
    QString error;
    const std::optional<Storage::JournalHead> head = s.core().journal().head(&error);
    if (!head)
        return s.out().finish(command, ExitFailure, {}, error);
    // PRODUCT.md §10: exactly {"seq": N, "hash": "…"} with --json, written as
    // the contract spells it (QJsonDocument would sort the keys; the hash is
    // hex and needs no escaping), and SEQ:HASH alone otherwise, so either can
    // be kept or passed to log verify --expect-head as it is.
    s.out().raw((s.out().json()
                     ? u"{\"seq\": %1, \"hash\": \"%2\"}"_s.arg(head->seq).arg(head->hash)
                     : head->toString())
                + u'\n');
    return ExitSuccess;
}

int logVerify(Session &s, const QStringList &args)
{
    const QString command = u"log verify"_s;
    if (args.size() != 2)
        return s.out().finish(command, ExitUsage, {},
                              QCoreApplication::translate("Cli", "log verify takes no arguments."));
    std::optional<Storage::JournalHead> expected;
    if (const int code = expectedHead(s, command, &expected); code >= 0)
        return code;
    const Storage::CancelJournal &journal = s.core().journal();
    const Storage::VerifyResult result =
        expected ? journal.verifyAgainst(*expected) : journal.verify();
    QJsonObject json{{u"entries_checked"_s, result.entriesChecked}, {u"intact"_s, result.ok}};
    if (expected)
        json.insert(u"expected_head"_s, expected->toJson());
    if (result.stopped) {
        // Nothing stops this walk today; should something, a stopped walk is
        // neither intact nor altered.
        json.insert(u"stopped"_s, true);
        return s.out().finish(command, ExitFailure, json, verifyStoppedText());
    }
    if (result.ok) {
        s.out().line(QCoreApplication::translate("Cli",
                                                 "The cancel log is intact: %n entry(ies) checked.",
                                                 nullptr, int(result.entriesChecked)));
        if (expected && expected->seq > 0)
            s.out().line(QCoreApplication::translate(
                             "Cli", "Entry %1 is still there with the expected hash.")
                             .arg(expected->seq));
        return s.out().finish(command, ExitSuccess, json);
    }
    json.insert(u"first_bad_entry"_s, result.firstBadEntry);
    json.insert(u"first_bad_attempt"_s, result.firstBadAttempt);
    json.insert(u"problem"_s, result.problem);
    return s.out().finish(command, ExitVerifyFailed, json,
                          QCoreApplication::translate(
                              "Cli", "The cancel log has been altered: entry %1 (attempt %2): %3")
                              .arg(result.firstBadEntry)
                              .arg(result.firstBadAttempt)
                              .arg(result.problem));
}

} // namespace CancelDesk::Cli
