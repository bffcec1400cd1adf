#include "benchtools.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Bench {

namespace {

long statusKiB(const QByteArray &key)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLong();
    }
    return -1;
}

QString mib(long kib)
{
    return kib < 0 ? u"?"_s : QString::number(double(kib) / 1024.0, 'f', 0) + u" MiB"_s;
}

// "75 MiB (from 70)": the peak, and the resident memory the step began with.
QString peak(long peakKiB, long startKiB)
{
    if (startKiB < 0)
        return mib(peakKiB);
    return mib(peakKiB) + u" (from %1)"_s.arg(double(startKiB) / 1024.0, 0, 'f', 0);
}

QString rate(qint64 rows, qint64 ms)
{
    if (ms <= 0 || rows <= 0)
        return u"-"_s;
    return QString::number(qint64(double(rows) * 1000.0 / double(ms)));
}

} // namespace

QString machineLine()
{
    QString model;
    QFile cpuinfo(u"/proc/cpuinfo"_s);
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                model = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
#ifdef NDEBUG
    const QString build = u"optimised build (NDEBUG)"_s;
#else
    const QString build = u"DEBUG build: figures are not the release's"_s;
#endif
    return u"%1, %2 cores (nproc), %3"_s.arg(model.isEmpty() ? u"unknown CPU"_s : model)
        .arg(QThread::idealThreadCount())
        .arg(build);
}

long peakRssKiB()
{
    return statusKiB("VmHWM:");
}

long currentRssKiB()
{
    return statusKiB("VmRSS:");
}

bool resetPeakRss()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

QString findTool(const QString &name, const QStringList &extraDirs)
{
    for (const QString &dir : extraDirs) {
        const QString path = QDir(dir).filePath(name);
        if (QFileInfo(path).isExecutable())
            return path;
    }
    return QStandardPaths::findExecutable(name);
}

ToolRun runTool(const QString &program, const QStringList &arguments, const QByteArray &input,
                const QString &stdoutFile)
{
    ToolRun run;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"LC_ALL"_s, u"C"_s);
    process.setProcessEnvironment(env);
    if (!stdoutFile.isEmpty())
        process.setStandardOutputFile(stdoutFile, QIODevice::Truncate);
    if (input.isEmpty())
        process.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        run.error = u"%1 did not start: %2"_s.arg(program, process.errorString());
        return run;
    }
    if (!input.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(-1)) {
        run.error = u"%1: %2"_s.arg(program, process.errorString());
        return run;
    }
    run.ms = timer.elapsed();
    if (stdoutFile.isEmpty())
        run.out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        run.error = u"%1 failed (exit %2): %3"_s.arg(QFileInfo(program).fileName())
                        .arg(process.exitCode())
                        .arg(QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
        return run;
    }
    run.ok = true;
    return run;
}

void printFigure(const Figure &f)
{
    if (f.ms < 0) {
        std::printf("%-10s %-24s FAILED: %s\n", qPrintable(f.engine), qPrintable(f.what),
                    qPrintable(f.note));
    } else {
        std::printf("%-10s %-24s %9lld rows %9lld ms %9s rows/s  peak RSS %s%s\n",
                    qPrintable(f.engine), qPrintable(f.what), static_cast<long long>(f.rows),
                    static_cast<long long>(f.ms), qPrintable(rate(f.rows, f.ms)),
                    qPrintable(peak(f.peakKiB, f.startKiB)),
                    f.note.isEmpty() ? "" : qPrintable(u"  ("_s + f.note + u')'));
    }
    if (!f.baseline.isEmpty()) {
        if (f.baselineMs)
            std::printf("%-10s   baseline %-15s %9lld ms\n", "", qPrintable(f.baseline),
                        static_cast<long long>(*f.baselineMs));
        else
            std::printf("%-10s   baseline %-15s %s\n", "", qPrintable(f.baseline),
                        qPrintable(f.baselineNote));
    }
    std::fflush(stdout);
}

void printTable(const QList<Figure> &figures)
{
    const QStringList header{u"engine"_s, u"measure"_s,  u"rows"_s,     u"ms"_s,
                             u"rows/s"_s, u"peak RSS"_s, u"baseline"_s, u"baseline ms"_s,
                             u"ratio"_s,  u"goal"_s};
    QList<QStringList> lines{header};
    for (const Figure &f : figures) {
        QString baselineMs = f.baselineNote;
        QString ratio = u"-"_s;
        if (f.baselineMs) {
            baselineMs = QString::number(*f.baselineMs);
            if (f.ms >= 0 && *f.baselineMs > 0)
                ratio = QString::number(double(f.ms) / double(*f.baselineMs), 'f', 2) + u'x';
        }
        lines.append({f.engine, f.what, QString::number(f.rows),
                      f.ms < 0 ? u"FAILED"_s : QString::number(f.ms), rate(f.rows, f.ms),
                      peak(f.peakKiB, f.startKiB), f.baseline.isEmpty() ? u"-"_s : f.baseline,
                      baselineMs.isEmpty() ? u"-"_s : baselineMs, ratio,
                      f.goal.isEmpty() ? u"-"_s : f.goal});
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &line : std::as_const(lines)) {
        for (qsizetype i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], line.at(i).size());
    }
    std::printf("\n");
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString text;
        for (qsizetype i = 0; i < lines.at(n).size(); ++i) {
            // Text columns to the left, numbers to the right.
            const bool left = i < 2 || i == 6 || i == 9;
            const QString cell = lines.at(n).at(i);
            text += (left ? cell.leftJustified(widths.at(i)) : cell.rightJustified(widths.at(i)));
            text += u"  "_s;
        }
        std::printf("%s\n", qPrintable(text.trimmed()));
        if (n == 0) {
            QString rule;
            for (const qsizetype w : std::as_const(widths))
                rule += QString(w, u'-') + u"  "_s;
            std::printf("%s\n", qPrintable(rule.trimmed()));
        }
    }
    for (const Figure &f : figures) {
        if (f.ms < 0)
            std::printf("FAILED: %s %s: %s\n", qPrintable(f.engine), qPrintable(f.what),
                        qPrintable(f.note));
    }
    std::fflush(stdout);
}

void addCommonOptions(QCommandLineParser &parser, const QString &keepHelp)
{
    parser.addOption({QStringLiteral("engines"),
                      QStringLiteral("sqlite, or sqlite,postgresql (a PostgreSQL server started "
                                     "for the run)."),
                      QStringLiteral("LIST"), QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("keep"), keepHelp, QStringLiteral("DIR")});
}

std::optional<QStringList> engines(const QCommandLineParser &parser)
{
    const QStringList list =
        parser.value(QStringLiteral("engines")).split(u',', Qt::SkipEmptyParts);
    for (const QString &engine : list) {
        if (engine != u"sqlite" && engine != u"postgresql") {
            std::fprintf(stderr, "unknown engine %s (sqlite, postgresql)\n", qPrintable(engine));
            return std::nullopt;
        }
    }
    return list;
}

QString workFolder(const QCommandLineParser &parser, const QTemporaryDir &temp)
{
    const QString dir =
        parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temp.path();
    if (!QDir().mkpath(dir)) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(dir));
        return {};
    }
    return dir;
}

} // namespace CancelDesk::Bench
