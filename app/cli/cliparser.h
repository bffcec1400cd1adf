#pragma once

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace CancelDesk::Cli {

// --lang from the raw arguments: the language must be installed before the
// parser builds its (translated) help texts.
QString requestedLanguage(const QStringList &arguments);

// The description, the options and the positional arguments of
// canceldesk-cli (PRODUCT.md §10). Returns the help option.
QCommandLineOption setUpParser(QCommandLineParser &parser);

} // namespace CancelDesk::Cli
