#include "processowner.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

#include <cerrno>
#include <signal.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

namespace {

QByteArray readSmallFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(4096);
}

// Field 22 of /proc/PID/stat: the start time in clock ticks after boot. The
// command name (field 2) may hold spaces and parentheses, so fields are counted
// after its last ')'.
QString startTicks(qint64 pid)
{
    const QByteArray stat = readSmallFile(u"/proc/%1/stat"_s.arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 is fields[19].
    if (fields.size() < 20)
        return {};
    return QString::fromLatin1(fields.at(19));
}

} // namespace

QString currentBootId()
{
    static const QString id =
        QString::fromLatin1(readSmallFile(u"/proc/sys/kernel/random/boot_id"_s).trimmed());
    return id;
}

QString processInstance(qint64 pid)
{
    const QString boot = currentBootId();
    const QString ticks = pid > 0 ? startTicks(pid) : QString();
    if (boot.isEmpty() || ticks.isEmpty())
        return {};
    return boot + u':' + ticks;
}

const ProcessOwner &ProcessOwner::self()
{
    static const ProcessOwner me{QSysInfo::machineHostName(), QCoreApplication::applicationPid(),
                                 processInstance(QCoreApplication::applicationPid())};
    return me;
}

bool ownerIsGone(const ProcessOwner &owner, bool leaseExpired)
{
    if (owner.isEmpty())
        return true;
    const ProcessOwner &me = ProcessOwner::self();
    if (owner.host != me.host)
        return leaseExpired;
    if (owner == me)
        return false;
    if (!owner.instance.isEmpty()) {
        // Written in an earlier boot of this machine: that process is gone,
        // whatever runs under its pid today.
        const QString boot = owner.instance.section(u':', 0, 0);
        if (!me.instance.isEmpty() && boot != me.instance.section(u':', 0, 0))
            return true;
        const QString now = processInstance(owner.pid);
        if (!now.isEmpty())
            return now != owner.instance; // the pid was given to another process
    }
    // Signal 0 only asks whether the process exists; EPERM means it does
    // (another user's process).
    if (::kill(static_cast<pid_t>(owner.pid), 0) == 0)
        return false;
    return errno == ESRCH;
}

} // namespace CancelDesk::Storage
