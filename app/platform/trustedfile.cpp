#include "trustedfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace CancelDesk::Platform {
namespace {

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

QString secretReadableError(const QString &path)
{
    return QCoreApplication::translate(
               "Config",
               "The file %1 holds a secret but other users may read it. Run: chmod 600 %1")
        .arg(shown(path));
}

TrustedFileRead readTrustedFile(const QString &path, FileTrust trust)
{
    using Status = TrustedFileRead::Status;
    TrustedFileRead result;
    const auto cannotRead = [&result, &path](const QString &reason) {
        result.status = Status::CannotOpen;
        result.openError = reason;
        result.error = QCoreApplication::translate("Config", "The file %1 cannot be read: %2")
                           .arg(shown(path), reason);
        return result;
    };

    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return cannotRead(file.errorString());
    // Judged on the handle: a path stat before (or after) opening could be
    // about another file than the one read.
    struct stat st
    {
    };
    if (::fstat(file.handle(), &st) != 0)
        return cannotRead(QString::fromLocal8Bit(strerror(errno)));
    if (!S_ISREG(st.st_mode))
        return cannotRead(QCoreApplication::translate("Config", "it is not a regular file"));

    result.readableByOthers = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
    if (st.st_uid != ::geteuid()) {
        result.status = Status::NotOwned;
        result.error =
            QCoreApplication::translate(
                "Config",
                "The file %1 belongs to another user, who could change what CancelDesk does. "
                "Use a file of your own (copy it, or run: chown $USER %1).")
                .arg(shown(path));
        return result;
    }
    if (trust == FileTrust::Secret && (st.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) != 0) {
        result.status = Status::ReadableByOthers;
        result.error = secretReadableError(path);
        return result;
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        result.status = Status::WritableByOthers;
        result.error =
            QCoreApplication::translate(
                "Config", "The file %1 may be changed by other users, and it decides what "
                          "CancelDesk does (such as where keys are sent). Run: chmod go-w %1")
                .arg(shown(path));
        return result;
    }
    result.data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return cannotRead(file.errorString());
    result.status = Status::Ok;
    return result;
}

} // namespace CancelDesk::Platform
