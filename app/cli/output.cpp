#include "output.h"

#include "commands.h"

#include <QJsonDocument>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Cli {

Output::Output(bool json)
    : m_json(json)
    , m_out(stdout)
    , m_err(stderr)
{}

void Output::line(const QString &message)
{
    if (!m_json)
        m_out << message << '\n' << Qt::flush;
}

void Output::raw(const QString &content)
{
    m_out << content << Qt::flush;
}

void Output::note(const QString &message)
{
    m_err << message << '\n' << Qt::flush;
}

int Output::finish(const QString &command, int code, QJsonObject result, const QString &error)
{
    if (m_json) {
        result.insert(u"command"_s, command);
        result.insert(u"exit_code"_s, code);
        result.insert(u"ok"_s, code == ExitSuccess);
        if (!error.isEmpty())
            result.insert(u"error"_s, error);
        m_out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) << '\n'
              << Qt::flush;
    } else if (!error.isEmpty()) {
        m_err << error << '\n' << Qt::flush;
    }
    return code;
}

} // namespace CancelDesk::Cli
