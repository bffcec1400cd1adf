#include "cliparser.h"

#include "config/appconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

QString description()
{
    return QCoreApplication::translate(
        "Cli",
        "CancelDesk on the command line: add, refresh and cancel payments at UQPAY, Antom and "
        "Liquido; export and verify the cancel log.\n"
        "\n"
        "Commands:\n"
        "  orders add --provider uqpay|antom|liquido --id PAYMENT_ID\n"
        "  orders import FILE                      (.csv or .json)\n"
        "  orders list [--provider P] [--status S] [--format table|csv|json]\n"
        "  refresh [PAYMENT_ID ...] [--all]\n"
        "  cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]\n"
        "  recover\n"
        "  log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
        "[--no-bom]\n"
        "  log verify [--expect-head SEQ:HASH | --expect-manifest FILE]\n"
        "  log head\n"
        "  team init\n"
        "  team grant LOGIN operator|approver|auditor\n"
        "  team threshold [CURRENCY AMOUNT|none]\n"
        "  approvals list\n"
        "  approve ATTEMPT_ID [--yes]\n"
        "  decline ATTEMPT_ID --note TEXT\n"
        "  db copy --to URL                        (this store into an empty team database)\n"
        "\n"
        "Every command first resumes unfinished cancel attempts; recover does only that.\n"
        "log head prints the cancel log's head as SEQ:HASH (with --json: {\"seq\": N, \"hash\": "
        "\"…\"}); every log export writes FILE.manifest.json beside FILE with that head, the row "
        "count and the file's SHA-256. Keep either: log verify --expect-head SEQ:HASH or "
        "--expect-manifest FILE fails (exit 6) unless that entry is still there with that hash "
        "and the whole log verifies.\n"
        "Exit codes: 0 success (cancel: confirmed), 2 usage error or bad input, 3 cancel refused "
        "(by the provider, or locally as ineligible: nothing sent), 4 outcome unknown "
        "(UNRESOLVED), 5 network, configuration, authentication or protocol error, 6 cancel log "
        "verification failed, 7 awaiting approval (team mode: recorded, nothing sent until a "
        "second person approves), 8 not permitted (the database role lacks the right, or four "
        "eyes forbid it).\n"
        "\n"
        "Sandbox: in the sandbox environment with no provider configured, the CLI talks to a "
        "running canceldesk-sandbox. Start it (canceldesk-sandbox --port 0 --state-dir DIR), save "
        "its first output line to a file readable only by you (chmod 600), and name that file in "
        "the environment variable CANCELDESK_SANDBOX_ANNOUNCEMENT or in [general] "
        "sandbox_announcement= of the config file.");
}

// Where the configuration, the store, the operator and the output come from.
QList<QCommandLineOption> generalOptions()
{
    return {
        {u"config"_s,
         QCoreApplication::translate("Cli", "Configuration file (default: %1).")
             .arg(Config::defaultConfigPath()),
         QCoreApplication::translate("Cli", "FILE")},
        {u"db"_s,
         QCoreApplication::translate(
             "Cli", "Order and cancel log store: a SQLite file (default: %1, one per "
                    "environment) or a team's postgresql://[user@]host[:port]/dbname URL.")
             .arg(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                      .filePath(u"canceldesk-ENVIRONMENT.sqlite"_s)),
         QCoreApplication::translate("Cli", "FILE|URL")},
        {u"operator"_s,
         QCoreApplication::translate("Cli", "Operator name recorded in the cancel log."),
         QCoreApplication::translate("Cli", "NAME")},
        {u"lang"_s, QCoreApplication::translate("Cli", "Language of messages: en or zh_CN."),
         QCoreApplication::translate("Cli", "LANG")},
        {u"json"_s,
         QCoreApplication::translate("Cli", "Print one JSON object per command result.")},
    };
}

// The options of the commands.
QList<QCommandLineOption> commandOptions()
{
    return {
        {u"provider"_s, QCoreApplication::translate("Cli", "Provider: uqpay, antom or liquido."),
         QCoreApplication::translate("Cli", "P")},
        {u"id"_s, QCoreApplication::translate("Cli", "Payment ID (orders add)."),
         QCoreApplication::translate("Cli", "PAYMENT_ID")},
        {u"status"_s, QCoreApplication::translate("Cli", "Normalised status filter (orders list)."),
         QCoreApplication::translate("Cli", "S")},
        {u"format"_s,
         QCoreApplication::translate(
             "Cli", "Output format: table|csv|json (orders list), csv|xlsx|jsonl (log export)."),
         QCoreApplication::translate("Cli", "FORMAT")},
        {u"all"_s, QCoreApplication::translate("Cli", "Refresh every order (refresh).")},
        {u"reason"_s,
         QCoreApplication::translate("Cli",
                                     "Cancel reason: requested_by_customer, duplicate, fraudulent, "
                                     "abandoned or other (other needs --note)."),
         QCoreApplication::translate("Cli", "CODE")},
        {u"note"_s, QCoreApplication::translate("Cli", "Note for the cancel log."),
         QCoreApplication::translate("Cli", "TEXT")},
        {u"yes"_s, QCoreApplication::translate("Cli", "Cancel without asking for confirmation.")},
        {u"out"_s, QCoreApplication::translate("Cli", "Export file (log export)."),
         QCoreApplication::translate("Cli", "FILE")},
        {u"from"_s,
         QCoreApplication::translate("Cli",
                                     "First day of the export, inclusive, in your time zone."),
         QCoreApplication::translate("Cli", "YYYY-MM-DD")},
        {u"to"_s,
         QCoreApplication::translate(
             "Cli", "Last day of the export, inclusive, in your time zone (log export); the "
                    "empty store to copy into, a postgresql:// URL or a SQLite file (db copy)."),
         QCoreApplication::translate("Cli", "YYYY-MM-DD|URL")},
        {u"no-bom"_s, QCoreApplication::translate(
                          "Cli", "Write the CSV export without a UTF-8 byte order mark.")},
        {u"expect-head"_s,
         QCoreApplication::translate(
             "Cli", "A head kept earlier (log head) that log verify must still find."),
         QCoreApplication::translate("Cli", "SEQ:HASH")},
        {u"expect-manifest"_s,
         QCoreApplication::translate("Cli",
                                     "An export manifest whose head log verify must still find."),
         QCoreApplication::translate("Cli", "FILE")},
    };
}

} // namespace

QString requestedLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--")
            break;
        if ((a == u"--lang" || a == u"-lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(u"--lang="))
            return a.mid(7);
    }
    return {};
}

QCommandLineOption setUpParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(description());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    // Handled by run() (with the components' versions, and as JSON with --json).
    parser.addVersionOption();
    parser.addOptions(generalOptions());
    parser.addOptions(commandOptions());
    parser.addPositionalArgument(
        u"command"_s, QCoreApplication::translate("Cli", "The command and its arguments."),
        QCoreApplication::translate("Cli", "COMMAND …"));
    return helpOption;
}

} // namespace CancelDesk::Cli
