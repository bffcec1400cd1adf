// canceldesk-sandbox [--port N] [--state-dir DIR] [--scenario FILE] [--demo-count N]
//
// Runs the provider simulator (PRODUCT.md F19) on 127.0.0.1. The first line on
// stdout is one JSON object a client can configure itself from (with
// --demo-count: "generated" gives the count and the id pattern, the demo ids
// stay the normal ones); a request log
// (method, path, status — never headers or bodies) goes to stderr. Serves until
// SIGINT or SIGTERM.

#include "core/buildinfo.h"
#include "i18n/language.h"
#include "sandboxserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QUrl>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

int g_signalFds[2] = {-1, -1};

// Async-signal-safe: only write(2). The event loop reads the pipe and quits.
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
}

bool installSignalHandlers(QCoreApplication *app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return false;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const ssize_t got = ::read(g_signalFds[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0
           && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

// The options of canceldesk-sandbox, added to the parser with its description.
struct Options
{
    QCommandLineOption port;
    QCommandLineOption stateDir;
    QCommandLineOption scenario;
    QCommandLineOption webhook;
    QCommandLineOption asyncCancel;
    QCommandLineOption quiet;
    QCommandLineOption demoCount;
};

Options setUpParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "SandboxMain",
        "Simulates the UQPAY, Antom and Liquido APIs on 127.0.0.1 for CancelDesk and for "
        "testing provider integrations. The first line on stdout is a JSON object with the "
        "port, credentials, key files and demo payment ids."));
    parser.addHelpOption();
    // Answered in main() with the components' versions.
    parser.addVersionOption();
    Options o{
        {u"port"_s,
         QCoreApplication::translate("SandboxMain", "Port to listen on (0 = any free port)."),
         u"N"_s, u"0"_s},
        {u"state-dir"_s,
         QCoreApplication::translate("SandboxMain",
                                     "Directory that keeps keys and credentials between runs "
                                     "(default: a temporary directory)."),
         u"DIR"_s},
        {u"scenario"_s,
         QCoreApplication::translate("SandboxMain",
                                     "JSON file with scripted scenarios per payment."),
         u"FILE"_s},
        {u"uqpay-webhook"_s,
         QCoreApplication::translate("SandboxMain",
                                     "Loopback URL that receives signed UQPAY cancel webhooks."),
         u"URL"_s},
        {u"async-cancel-ms"_s,
         QCoreApplication::translate("SandboxMain",
                                     "Delay before an accepted UQPAY wallet cancel becomes final."),
         u"MS"_s, u"2000"_s},
        {u"quiet"_s, QCoreApplication::translate("SandboxMain", "Do not log requests to stderr.")},
        {u"demo-count"_s,
         QCoreApplication::translate(
             "SandboxMain",
             "Payments each provider generates besides the demo ones, with deterministic ids "
             "(the first line gives their count and id pattern)."),
         u"N"_s, u"0"_s},
    };
    parser.addOptions(
        {o.port, o.stateDir, o.scenario, o.webhook, o.asyncCancel, o.quiet, o.demoCount});
    return o;
}

void printError(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
}

// The simulator's options from the command line; false (after saying why)
// when a value is wrong.
bool readOptions(const QCommandLineParser &parser, const Options &o,
                 CancelDesk::Sandbox::SandboxOptions *options)
{
    bool ok = false;
    const uint port = parser.value(o.port).toUInt(&ok);
    if (!ok || port > 65535) {
        printError(QCoreApplication::translate("SandboxMain", "--port must be a number 0-65535."));
        return false;
    }
    const int asyncMs = parser.value(o.asyncCancel).toInt(&ok);
    if (!ok || asyncMs < 0) {
        printError(QCoreApplication::translate("SandboxMain",
                                               "--async-cancel-ms must be a non-negative number."));
        return false;
    }
    const int demoCount = parser.value(o.demoCount).toInt(&ok);
    if (!ok || demoCount < 0 || demoCount > CancelDesk::Sandbox::kMaxGeneratedPerProvider) {
        printError(QCoreApplication::translate("SandboxMain", "--demo-count must be a number 0-%1.")
                       .arg(CancelDesk::Sandbox::kMaxGeneratedPerProvider));
        return false;
    }
    options->port = static_cast<quint16>(port);
    options->generatedCount = demoCount;
    options->stateDir = parser.value(o.stateDir);
    options->scenarioFile = parser.value(o.scenario);
    options->asyncCancelDelayMs = asyncMs;
    if (parser.isSet(o.webhook))
        options->uqpayWebhookUrl = QUrl(parser.value(o.webhook), QUrl::StrictMode);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"canceldesk-sandbox"_s);
    QCoreApplication::setApplicationVersion(CancelDesk::BuildInfo::version());
    // Help and error messages follow the system locale, like the rest of CancelDesk.
    CancelDesk::I18n::Translations translations;
    translations.apply(CancelDesk::I18n::languageForLocale(QLocale::system()));

    QCommandLineParser parser;
    const Options cli = setUpParser(parser);
    // process() would answer --version with the version alone.
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(u"version"_s)) {
        std::fputs(qPrintable(CancelDesk::BuildInfo::versionText(u"canceldesk-sandbox"_s)), stdout);
        return 0;
    }
    parser.process(app);
    CancelDesk::Sandbox::SandboxOptions options;
    if (!readOptions(parser, cli, &options))
        return 2;

    if (!installSignalHandlers(&app)) {
        std::fprintf(stderr, "cannot install signal handlers\n");
        return 1;
    }

    CancelDesk::Sandbox::SandboxServer server;
    if (server.start(options) == 0) {
        printError(QCoreApplication::translate("SandboxMain", "The sandbox could not start: %1")
                       .arg(server.errorString()));
        return 1;
    }
    if (!parser.isSet(cli.quiet)) {
        QObject::connect(&server, &CancelDesk::Sandbox::SandboxServer::requestServed, &app,
                         [](const QString &method, const QString &path, int status) {
                             std::fprintf(stderr, "%s %s -> %d\n", qPrintable(method),
                                          qPrintable(path), status);
                         });
    }

    const QByteArray line = QJsonDocument(server.config()).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);

    return app.exec();
}
