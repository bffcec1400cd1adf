// canceldesk-cli's dispatch: the language, the options, the command's name,
// the session and the recovery every command starts with, then the command.
#include "commands.h"

#include "cliformat.h"
#include "cliparser.h"
#include "clisession.h"
#include "commandset.h"
#include "core/buildinfo.h"
#include "i18n/language.h"
#include "output.h"
#include "services/cancelservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>

#include <iterator>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {
namespace {

struct Command
{
    QStringView name;
    CommandFunction function;
};

constexpr Command kCommands[] = {
    {u"orders add", ordersAdd},
    {u"orders import", ordersImport},
    {u"orders list", ordersList},
    {u"refresh", refreshCommand},
    {u"cancel", cancelCommand},
    {u"recover", recoverCommand},
    {u"log export", logExport},
    {u"log verify", logVerify},
    {u"log head", logHead},
    {u"team init", teamInit},
    {u"team grant", teamGrant},
    {u"team threshold", teamThreshold},
    {u"approvals list", approvalsList},
    {u"approvals approve", approveCommand},
    {u"approve", approveCommand},
    {u"approvals decline", declineCommand},
    {u"decline", declineCommand},
    {u"db copy", dbCopy},
};

const Command *findCommand(const QString &name)
{
    const auto it = std::find_if(std::begin(kCommands), std::end(kCommands),
                                 [&name](const Command &c) { return c.name == name; });
    return it == std::end(kCommands) ? nullptr : it;
}

// "orders add", "log verify", "refresh" …: the first word, and the second for
// the groups.
QString commandName(const QStringList &args)
{
    const QString group = args.value(0);
    if (group == u"orders" || group == u"log" || group == u"team" || group == u"approvals"
        || group == u"db")
        return group + u' ' + args.value(1);
    return group;
}

QString helpHint()
{
    return QCoreApplication::translate("Cli", "Run canceldesk-cli --help for the commands.");
}

// Installs the language of --lang (else the system's). False when --lang
// names none CancelDesk has.
bool applyLanguage(const QStringList &arguments, I18n::Translations &translations)
{
    const QString lang = requestedLanguage(arguments);
    const QString language =
        lang.isEmpty() ? I18n::languageForLocale(QLocale::system()) : I18n::normalizeLanguage(lang);
    if (language.isEmpty())
        return false;
    translations.apply(language);
    return true;
}

// What the recovery every command starts with did, as side notes (the recover
// command reports it as its result instead).
void noteRecovery(Session &session)
{
    if (!session.recoveryError().isEmpty())
        session.out().note(QCoreApplication::translate(
                               "Cli", "Unfinished cancel attempts could not be resumed: %1")
                               .arg(session.recoveryError()));
    for (const Services::CancelReport &r : session.recovered())
        session.out().note(QCoreApplication::translate("Cli", "Resumed: %1").arg(reportLine(r)));
}

int runCommand(Output &out, QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    const QString name = commandName(args);
    const Command *command = findCommand(name);
    if (!command)
        return out.finish(
            name, ExitUsage, {},
            (args.isEmpty() || args.first().isEmpty()
                 ? QCoreApplication::translate("Cli", "No command given.")
                 : QCoreApplication::translate("Cli", "Unknown command: %1").arg(name))
                + u'\n' + helpHint());
    Session session(out, parser);
    if (const int code = session.open(name); code >= 0)
        return code;
    // F11 recovery before anything else.
    session.recover();
    if (command->function != recoverCommand)
        noteRecovery(session);
    return command->function(session, args);
}

} // namespace

int run(const QStringList &arguments)
{
    // The language comes first: every message and the help text are translated.
    I18n::Translations translations;
    const bool jsonRequested = arguments.contains(u"--json"_s);
    if (!applyLanguage(arguments, translations)) {
        Output out(jsonRequested);
        return out.finish({}, ExitUsage, {},
                          QCoreApplication::translate("Cli", "--lang must be en or zh_CN."));
    }
    QCommandLineParser parser;
    const QCommandLineOption helpOption = setUpParser(parser);
    if (!parser.parse(arguments)) {
        Output out(jsonRequested);
        return out.finish({}, ExitUsage, {}, parser.errorText() + u'\n' + helpHint());
    }
    Output out(parser.isSet(u"json"_s));
    if (parser.isSet(helpOption)) {
        out.raw(parser.helpText());
        return ExitSuccess;
    }
    if (parser.isSet(u"version"_s)) {
        if (!parser.isSet(u"json"_s)) {
            out.raw(BuildInfo::versionText(u"canceldesk-cli"_s));
            return ExitSuccess;
        }
        QJsonObject components;
        for (const auto &[name, version] : BuildInfo::components())
            components.insert(name, version);
        return out.finish(u"version"_s, ExitSuccess,
                          {{u"version"_s, BuildInfo::version()}, {u"components"_s, components}});
    }
    return runCommand(out, parser);
}

} // namespace CancelDesk::Cli
