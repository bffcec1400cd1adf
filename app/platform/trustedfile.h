#pragma once

#include <QByteArray>
#include <QString>

namespace CancelDesk::Platform {

// How private a file we act on must be.
enum class FileTrust {
    // Decides what the program does (configuration, Antom's public key, cancel
    // rules): nobody but the current user may change it.
    Unwritable,
    // Holds a secret: private to the current user (0600), as ssh judges keys.
    Secret,
};

// The content of a file read only after it was found trustworthy. The checks
// are made on the opened file (fstat on its handle), so the file judged is
// the file read, whatever happens to the path meanwhile.
struct TrustedFileRead
{
    enum class Status {
        Ok,
        CannotOpen,       // missing, unreadable or not a regular file
        NotOwned,         // owned by another user
        WritableByOthers, // group or others may write it
        ReadableByOthers, // FileTrust::Secret only: group or others may read it
    };
    Status status = Status::CannotOpen;
    QByteArray data;
    // Translated; names the file and the fix (chmod, chown). For CannotOpen
    // it says only that the file cannot be read: callers may word it better.
    QString error;
    // The operating system's reason for CannotOpen.
    QString openError;
    // Whether group or others may read it (allowed for Unwritable files; a
    // configuration file that turns out to hold a secret is refused then).
    bool readableByOthers = false;

    bool ok() const { return status == Status::Ok; }
};

TrustedFileRead readTrustedFile(const QString &path, FileTrust trust);

// "The file … holds a secret but other users may read it. Run: chmod 600 …"
QString secretReadableError(const QString &path);

} // namespace CancelDesk::Platform
