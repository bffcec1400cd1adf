#pragma once

#include <QStringList>

namespace CancelDesk::Cli {

class Session;

// The commands, one group per file. Each gets the positional arguments (the
// command's words first) and returns the exit code after writing its result.
using CommandFunction = int (*)(Session &session, const QStringList &args);

// orderscommands.cpp
int ordersAdd(Session &s, const QStringList &args);
int ordersImport(Session &s, const QStringList &args);
int ordersList(Session &s, const QStringList &args);
int refreshCommand(Session &s, const QStringList &args);
// cancelcommands.cpp
int cancelCommand(Session &s, const QStringList &args);
// Reports what the recovery every command starts with did (Session::recover()).
int recoverCommand(Session &s, const QStringList &args);
// logcommands.cpp
int logExport(Session &s, const QStringList &args);
int logVerify(Session &s, const QStringList &args);
int logHead(Session &s, const QStringList &args);
// teamcommands.cpp
int teamInit(Session &s, const QStringList &args);
int teamGrant(Session &s, const QStringList &args);
int teamThreshold(Session &s, const QStringList &args);
int approvalsList(Session &s, const QStringList &args);
int approveCommand(Session &s, const QStringList &args);
int declineCommand(Session &s, const QStringList &args);
// dbcommands.cpp
int dbCopy(Session &s, const QStringList &args);

} // namespace CancelDesk::Cli
