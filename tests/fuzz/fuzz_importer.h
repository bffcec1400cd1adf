#pragma once

// The F2 importer (app/services/importer.*) fed one file: the input bytes are
// written as import.<suffix> and previewed against an empty order store.

#include "fuzzcheck.h"
#include "services/importer.h"
#include "storage/database.h"
#include "storage/orderstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

namespace CancelDesk::Fuzz {

inline int importOne(const std::uint8_t *data, std::size_t size, const QString &suffix)
{
    // Set up once per process: the SQL driver is a plugin, found through the
    // application; the database is empty and stays so (preview writes nothing).
    struct Fixture
    {
        int argc = 1;
        char name[12] = "fuzz_import";
        char *argv[2] = {name, nullptr};
        QCoreApplication app{argc, argv};
        QTemporaryDir dir;
        std::unique_ptr<Storage::Database> db;
        std::unique_ptr<Storage::OrderStore> store;
        QString path;

        Fixture()
        {
            QStandardPaths::setTestModeEnabled(true);
            FUZZ_CHECK(dir.isValid());
            db = std::make_unique<Storage::Database>(dir.filePath(QStringLiteral("orders.sqlite")));
            QString error;
            FUZZ_CHECK(db->open(&error));
            store = std::make_unique<Storage::OrderStore>(*db);
        }
    };
    static Fixture f;
    const QString path = f.dir.filePath(QStringLiteral("import.") + suffix);
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        FUZZ_CHECK(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    }

    Services::Importer importer(*f.store);
    const Services::ImportResult r = importer.preview(path);
    FUZZ_CHECK(!r.committed);
    if (!r.ok())
        return 0;
    // Every row read is either good or reported, never both, never lost.
    FUZZ_CHECK(r.rows >= 0 && r.imported >= 0 && r.issues.size() <= r.rows);
    FUZZ_CHECK(r.unchanged == 0); // the store is empty
    FUZZ_CHECK(r.imported + r.unchanged + r.issues.size() == r.rows);
    int previousLine = 0;
    for (const Services::ImportIssue &issue : r.issues) {
        FUZZ_CHECK(issue.line >= 1);
        FUZZ_CHECK(!issue.reason.isEmpty());
        // Rows are reported in file order: a CSV record starts on a later line
        // than the one before; JSON entries may share a line.
        if (suffix == QStringLiteral("csv"))
            FUZZ_CHECK(issue.line > previousLine);
        else
            FUZZ_CHECK(issue.line >= previousLine);
        previousLine = issue.line;
    }
    return 0;
}

} // namespace CancelDesk::Fuzz
