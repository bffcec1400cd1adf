#pragma once

// The cancel log's canonical content and hash as documented in
// app/storage/journalchain.cpp, written out by hand so that tests pin the
// documented form and not only the implementation; and entries written the
// way older releases left them (journal formats 1-3), for upgrade and copy
// tests.

#include <QSqlDatabase>
#include <QSqlRecord>
#include <QString>
#include <QStringList>

namespace CancelDesk::Test {

// {"key":"value",…} over keys sorted, every value quoted, NULL as null.
QString handCanonical(const QSqlRecord &row, const QStringList &keys);
// hex SHA-256 of prevHash + "\n" + canonical.
QString chainHash(const QString &prevHash, const QString &canonical);
// The columns an entry of journal format 1-4 covers.
QStringList journalFormatKeys(int format);

// Attempt `id` and its one entry `seq` (SENT), written by hand the way a
// release writing journal format `format` (1: schema 2, 2: schema 3-4,
// 3: schema 5) left them, in a store at that schema; returns the entry's
// hash (empty when a statement failed, with a warning).
QString writeOldEntry(const QSqlDatabase &c, int seq, int id, int format, const QString &prevHash);

} // namespace CancelDesk::Test
