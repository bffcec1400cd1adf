#pragma once

// What bench_import and bench_export share: the machine line, peak memory,
// running a plain tool (sqlite3, psql, sha256sum) as a timed child process,
// and the closing table of figures beside their baselines. Benchmarks print
// figures; they assert nothing.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;
class QTemporaryDir;

namespace CancelDesk::Bench {

// What both benches take besides their size: --engines (sqlite, or
// sqlite,postgresql) and --keep DIR.
void addCommonOptions(QCommandLineParser &parser, const QString &keepHelp);
// The --engines list; nullopt, with the reason printed, when one is unknown.
std::optional<QStringList> engines(const QCommandLineParser &parser);
// The folder to work in: --keep DIR (created when missing), else temp's;
// empty, with the reason printed, when it cannot be created.
QString workFolder(const QCommandLineParser &parser, const QTemporaryDir &temp);

// "CPU model, N cores, build type" for the header of a run.
QString machineLine();

// Peak resident memory of this process (VmHWM), in KiB; -1 when unknown.
long peakRssKiB();
// Resident memory now (VmRSS), in KiB; -1 when unknown.
long currentRssKiB();
// Starts a new peak (Linux: /proc/self/clear_refs "5"), so the next
// peakRssKiB() is the peak of what runs in between. False when the kernel
// refused; the peak then counts from the start of the process.
bool resetPeakRss();

// The first of these that is an executable file, or on PATH; empty when none.
QString findTool(const QString &name, const QStringList &extraDirs = {});

struct ToolRun
{
    bool ok = false;
    qint64 ms = 0;  // from start to exit of the whole process
    QString error;  // why it did not run or failed (with its stderr)
    QByteArray out; // its standard output, when not sent to a file
};

// Runs program with arguments, stdin fed from `input`, stdout into
// stdoutFile (when given) or captured. Timed from before the start to after
// the exit. ok only when it exited 0.
ToolRun runTool(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                const QString &stdoutFile = {});

// One line of the closing table.
struct Figure
{
    QString engine;  // "SQLite" | "PostgreSQL"
    QString what;    // "import CSV", "export CSV", …
    qint64 rows = 0; // rows or entries handled
    qint64 ms = -1;  // -1: it failed (note says why)
    // The process's peak resident memory during the step, and what it held
    // when the step began (the peak includes that: freed memory the allocator
    // keeps from earlier steps counts too).
    long peakKiB = -1;
    long startKiB = -1;
    QString baseline; // the plain tool, e.g. "sqlite3 .import"; empty: none
    std::optional<qint64> baselineMs;
    QString baselineNote; // why there is no baseline figure, e.g. "(sqlite3 not installed)"
    QString goal;         // e.g. "<= 3x"
    QString note;         // a failure, or what the figure includes
};

// Prints one figure as soon as it is taken (progress while a long run goes).
void printFigure(const Figure &f);
// The closing table: figure, baseline and ratio, aligned.
void printTable(const QList<Figure> &figures);

} // namespace CancelDesk::Bench
