#pragma once

#include <QString>

namespace CancelDesk::Storage {

// Who handles an active cancel attempt (PRODUCT.md F11 recovery). A host name
// and a process id are not enough: after a reboot, or once the owner has died
// and the system handed its pid to another program, "is pid N alive?" answers
// yes about the wrong process and the attempt would wait forever. The instance
// names one run of one process: the machine's boot id and the process's start
// time, both from /proc.
struct ProcessOwner
{
    QString host;
    qint64 pid = 0;
    QString instance; // "BOOT_ID:START_TICKS"; empty when unknown (older entries)

    // This process.
    static const ProcessOwner &self();
    // Released: nobody handles the attempt (stopped, or a journal failure).
    bool isEmpty() const { return host.isEmpty() || pid <= 0; }
    friend bool operator==(const ProcessOwner &, const ProcessOwner &) = default;
};

// The id of the running boot (/proc/sys/kernel/random/boot_id); empty when
// unreadable.
QString currentBootId();
// "BOOT_ID:START_TICKS" of process pid on this machine, as it is now; empty
// when there is no such process or /proc cannot tell.
QString processInstance(qint64 pid);

// Whether the owner of an attempt is certainly gone, as far as this machine can
// tell: a released attempt, a process of an earlier boot of this host, a pid
// that is not running or now belongs to another process. Another host cannot be
// asked; for it, and for a live owner, the lease decides (leaseExpired).
bool ownerIsGone(const ProcessOwner &owner, bool leaseExpired);

} // namespace CancelDesk::Storage
