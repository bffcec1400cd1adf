#pragma once

#include <QList>
#include <QString>

#include <utility>

// What this build of CancelDesk is and what it runs on: the text of every
// program's --version and of the console's About dialog.
namespace CancelDesk::BuildInfo {

// The project's version, e.g. "0.1.0".
QString version();

// The libraries CancelDesk runs on, as loaded at run time (not as compiled
// against): {"Qt", "6.4.2"}, {"OpenSSL", "3.0.17"}, {"SQLite", "3.40.1"},
// {"libpq", "15.14"}.
QList<std::pair<QString, QString>> components();

// "PROGRAM VERSION" on the first line (help2man reads it), then one line
// naming the components: "Qt 6.4.2, OpenSSL 3.0.17, SQLite 3.40.1, libpq 15.14".
QString versionText(const QString &program);

} // namespace CancelDesk::BuildInfo
