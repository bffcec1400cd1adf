// canceldesk-cli: the command-line face of CancelDesk (PRODUCT.md §10).
#include "commands.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the GUI, so that both find the same config and database.
    QCoreApplication::setOrganizationName(QStringLiteral("CancelDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("CancelDesk"));

    int code = CancelDesk::Cli::ExitFailure;
    // The services are asynchronous: the command runs inside the event loop.
    QTimer::singleShot(0, &app, [&code] {
        code = CancelDesk::Cli::run(QCoreApplication::arguments());
        QCoreApplication::exit(code);
    });
    app.exec();
    return code;
}
