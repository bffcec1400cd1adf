#pragma once

// canceldesk-cli and canceldesk-sandbox as subprocesses, for the tests that
// drive the command line end to end (tests/services/tst_cli.cpp,
// tests/e2e/tst_faults.cpp).

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace CancelDesk::Test {

// The paths of the two executables under test.
QString cliExecutable();
QString sandboxExecutable();

// One finished CLI run: the exit code (-1 when it crashed or hung) and its output.
struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// The one JSON object a --json run printed; empty when stdout is not one.
QJsonObject json(const Run &run);
// The objects of a JSON Lines file (`log export --format jsonl`), in order;
// empty when it cannot be read.
QList<QJsonObject> jsonLines(const QString &path);

// One running canceldesk-sandbox and the announcement file the CLI reads.
struct Sandbox
{
    QProcess process;
    QString announcementFile;
    QJsonObject announcement;

    // Starts it on a free port with its state in dir/state (kept keys and
    // credentials are reused) and writes dir/announcement.json (0600).
    bool start(const QString &dir, const QString &scenarioFile = {});
    // The same with the scenarios written to dir/scenarios.json first.
    bool startWith(const QString &dir, const QByteArray &scenarios);
    void stop();

    QString demo(const QString &provider, int index) const;
    // Every secret the sandbox announced, to check that no output carries one.
    QList<QByteArray> secrets() const;
};

// How runCli waits: blocking, or with this process's event loop running (the
// CLI talks to a sandbox served in this process).
enum class Wait { Blocking, ServingEvents };

// Runs canceldesk-cli once with --config config --db db before args, the
// sandbox's announcement, a private XDG home under home, and no terminal.
// A run still going after timeoutMs is killed (Run::code -1).
Run runCli(const QStringList &args, const QString &announcementFile, const QString &home,
           const QString &config, const QString &db, Wait wait = Wait::Blocking,
           int timeoutMs = 120000);

// Runs canceldesk-cli with a config, a database and a private XDG home, and
// keeps every output for the secret checks.
class CliRunner
{
public:
    // home holds the private XDG config and data directories.
    CliRunner(const QString &home, const QString &config, const QString &db);

    Run run(const QStringList &args, const Sandbox *sandbox, const QString &db = {});

    const QString &config() const { return m_config; }
    const QString &db() const { return m_db; }
    void setDb(const QString &db) { m_db = db; }
    // Every stdout and stderr so far.
    const QList<QByteArray> &seen() const { return m_seen; }
    QList<QByteArray> &seen() { return m_seen; }

private:
    QString m_home;
    QString m_config;
    QString m_db;
    QList<QByteArray> m_seen;
};

} // namespace CancelDesk::Test
