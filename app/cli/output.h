#pragma once

#include <QJsonObject>
#include <QString>
#include <QTextStream>

namespace CancelDesk::Cli {

// Writes results: text for people, or exactly one JSON object per command for
// scripts (--json). Errors go to stderr in text mode and into the object in JSON
// mode, so stdout always holds one parseable object.
class Output final
{
    Q_DISABLE_COPY_MOVE(Output)

public:
    explicit Output(bool json);

    bool json() const { return m_json; }
    // A result line for people (nothing in JSON mode).
    void line(const QString &message);
    void raw(const QString &content);
    // Progress and side notes: stderr in both modes.
    void note(const QString &message);

    // Ends the command: the JSON object (with command, exit_code, ok and error)
    // or the error on stderr. Returns code.
    int finish(const QString &command, int code, QJsonObject result = {},
               const QString &error = {});

private:
    bool m_json = false;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace CancelDesk::Cli
