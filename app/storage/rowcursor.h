#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <memory>
#include <optional>
#include <vector>

struct sqlite3_stmt;

namespace CancelDesk::Storage {

// Reads the rows of one statement, forward only, for the walks over a whole
// store (the order list's load, verify, export) and the importer's batches.
// It reads the engine's own rows through the connection's handle: sqlite3's,
// or libpq's (one row at a time) on PostgreSQL. Qt's drivers turn every value
// of every row into a QVariant, and SQLite's every text into UTF-16 first,
// which was half of those walks' time (issue 15). Values come out as
// QSqlQuery gives them (text as QString, integers as qint64 or int, NULL as a
// null QString on SQLite); where neither handle is there, it is a QSqlQuery.
//
// On PostgreSQL, as with Qt's forward-only queries, the connection serves no
// other statement until the rows are read or finish() (RowCursor reads the
// rest then).
class RowCursor final
{
public:
    // ReadAhead (SQLite only; elsewhere Direct): a thread of the cursor's
    // steps the statement and copies the rows while the caller works on the
    // ones before, so a walk uses both cores (verify, issue 15). While it
    // runs, nothing else may use the connection: from exec() until next()
    // returns false or finish().
    enum class Mode { Direct, ReadAhead };
    RowCursor(const QSqlDatabase &db, const QString &sql, const QVariantList &binds = {},
              Mode mode = Mode::Direct);
    ~RowCursor();
    Q_DISABLE_COPY_MOVE(RowCursor)

    // Runs the statement; false with error() when it cannot.
    bool exec();
    // Runs it again with these values (prepared once, on the first run); the
    // rows of the last run are dropped first. Values are bound as Qt's
    // drivers bind them (a null QString or QByteArray as NULL).
    bool exec(const QVariantList &binds);
    // Ends the current run (its locks and rows) without reading further.
    void finish();
    // The next row; false at the end, and on a failed step (error() then
    // says why: a damaged page must not pass for the end).
    bool next();
    bool isNull(int column) const;
    QVariant value(int column) const;
    qint64 int64(int column) const;
    QString text(int column) const;
    // The column's text() as UTF-8, valid until next() or the next utf8() of
    // the same column; empty for NULL. On SQLite, text stored as plain UTF-8
    // (isPlainUtf8) is SQLite's own bytes, not copied.
    QByteArrayView utf8(int column) const;
    // The column's text as stored, UTF-8 bytes valid until next(), when the
    // column is TEXT (SQLite's type; PostgreSQL's text types); else, and on a
    // QSqlQuery, nullopt. For the walks that write the bytes out again
    // (verify's canonical content).
    std::optional<QByteArrayView> storedText(int column) const;
    // storedText() when it is plain UTF-8 (isPlainUtf8), else nullopt.
    std::optional<QByteArrayView> plainText(int column) const;
    // The column's integer when it is one (SQLite's INTEGER; PostgreSQL's
    // integer types); else, and on a QSqlQuery, nullopt.
    std::optional<qint64> storedInteger(int column) const;
    // What went wrong, in Database::errorText()'s words; empty when nothing.
    QString error() const { return m_error; }

private:
    class ReadAhead;
    class PgRows;
    struct SqliteCell;

    bool prepare();
    bool bindAll();
    QVariant pgValue(int column) const;
    // A SQLite column of the current row, from the statement or from the
    // read-ahead copy of it (the same values either way).
    int sqliteType(int column) const;
    SqliteCell sqliteAt(int column) const;
    // A non-ASCII TEXT column as Qt's driver reads it (SQLite's UTF-16).
    QString sqliteUtf16(int column) const;

    QSqlDatabase m_db;
    QString m_sql;
    QVariantList m_binds;
    sqlite3_stmt *m_statement = nullptr; // SQLite
    std::unique_ptr<PgRows> m_pg;        // PostgreSQL through libpq
    std::optional<QSqlQuery> m_query;    // else
    QString m_error;
    mutable std::vector<QByteArray> m_utf8; // utf8() of converted text, by column
    Mode m_mode;
    bool m_ended = false;               // the run's rows are all read (SQLite, Direct)
    std::unique_ptr<ReadAhead> m_ahead; // while a ReadAhead run is on
};

// Whether bytes are UTF-8 that SQLite and Qt read back as the same characters:
// well-formed, no surrogates, no overlong forms, nothing past U+10FFFF. Such
// text may be written out as stored; any other goes through QString.
bool isPlainUtf8(QByteArrayView bytes);

} // namespace CancelDesk::Storage
