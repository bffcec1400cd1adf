#include "clirunner.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Test {

QString cliExecutable()
{
    return QStringLiteral(CANCELDESK_CLI_EXE);
}

QString sandboxExecutable()
{
    return QStringLiteral(CANCELDESK_SANDBOX_EXE);
}

QJsonObject json(const Run &run)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

QList<QJsonObject> jsonLines(const QString &path)
{
    QFile f(path);
    QList<QJsonObject> rows;
    if (!f.open(QIODevice::ReadOnly))
        return rows;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            rows.append(QJsonDocument::fromJson(line).object());
    }
    return rows;
}

bool Sandbox::start(const QString &dir, const QString &scenarioFile)
{
    QStringList args{u"--port"_s, u"0"_s, u"--state-dir"_s, dir + u"/state"_s, u"--quiet"_s};
    if (!scenarioFile.isEmpty())
        args << u"--scenario"_s << scenarioFile;
    process.start(sandboxExecutable(), args);
    if (!process.waitForStarted(10000))
        return false;
    QByteArray line;
    for (int i = 0; i < 100 && !line.contains('\n'); ++i) {
        process.waitForReadyRead(200);
        line += process.readAllStandardOutput();
    }
    line = line.left(line.indexOf('\n') + 1);
    announcement = QJsonDocument::fromJson(line).object();
    announcementFile = dir + u"/announcement.json"_s;
    QFile file(announcementFile);
    if (announcement.isEmpty() || !file.open(QIODevice::WriteOnly))
        return false;
    file.write(line);
    file.close();
    // It carries the sandbox's credentials: the CLI wants it private.
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

bool Sandbox::startWith(const QString &dir, const QByteArray &scenarios)
{
    if (!QDir().mkpath(dir))
        return false;
    const QString path = dir + u"/scenarios.json"_s;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(scenarios) != scenarios.size())
        return false;
    file.close();
    return start(dir, path);
}

void Sandbox::stop()
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(10000))
        process.kill();
}

QString Sandbox::demo(const QString &provider, int index) const
{
    return announcement.value(u"demo"_s).toObject().value(provider).toArray().at(index).toString();
}

QList<QByteArray> Sandbox::secrets() const
{
    return {
        announcement.value(u"uqpay"_s).toObject().value(u"api_key"_s).toString().toUtf8(),
        announcement.value(u"liquido"_s).toObject().value(u"client_secret"_s).toString().toUtf8(),
        announcement.value(u"liquido"_s).toObject().value(u"api_key"_s).toString().toUtf8()};
}

Run runCli(const QStringList &args, const QString &announcementFile, const QString &home,
           const QString &config, const QString &db, Wait wait, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CANCELDESK_SANDBOX_ANNOUNCEMENT"_s, announcementFile);
    // Keep the default config and database of the test user out of it.
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/xdg-config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/xdg-data"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    p.setProcessEnvironment(env);
    // No terminal: stdin is not a tty.
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(cliExecutable(), QStringList{u"--config"_s, config, u"--db"_s, db} + args);
    Run run;
    bool finished = false;
    if (wait == Wait::Blocking) {
        finished = p.waitForFinished(timeoutMs);
    } else if (p.waitForStarted()) {
        // This process's event loop keeps serving (an in-process sandbox).
        QEventLoop loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        loop.exec();
        finished = p.state() == QProcess::NotRunning;
    }
    if (!finished) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

CliRunner::CliRunner(const QString &home, const QString &config, const QString &db)
    : m_home(home)
    , m_config(config)
    , m_db(db)
{}

Run CliRunner::run(const QStringList &args, const Sandbox *sandbox, const QString &db)
{
    const Run result = runCli(args, sandbox ? sandbox->announcementFile : QString(), m_home,
                              m_config, db.isEmpty() ? m_db : db);
    m_seen << result.out << result.err;
    return result;
}

} // namespace CancelDesk::Test
