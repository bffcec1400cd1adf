#include "rowcursor.h"

#include "database.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <libpq-fe.h>
#include <mutex>
#include <sqlite3.h>
#include <thread>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

namespace {

// The driver's own handle (QSqlDriver::handle()) when it is a T*, which the
// driver registers under one of typeNames; null for other engines.
template<typename T>
T *driverHandle(const QSqlDatabase &db, std::initializer_list<const char *> typeNames)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid())
        return nullptr;
    for (const char *name : typeNames) {
        if (std::strcmp(handle.typeName(), name) == 0)
            return *static_cast<T *const *>(handle.constData());
    }
    return nullptr;
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    return driverHandle<sqlite3>(db, {"sqlite3*"});
}

// In the words Qt's driver errors get (busy, damaged, full, … : Database::errorText).
QString sqliteError(sqlite3 *handle)
{
    return Database::errorText(
        QSqlError(u"Unable to fetch row"_s, QString::fromUtf8(sqlite3_errmsg(handle)),
                  QSqlError::StatementError, QString::number(sqlite3_extended_errcode(handle))));
}

// The connection's PGconn (QSqlDriver::handle() of Qt's PostgreSQL driver);
// null for other engines.
PGconn *pgHandle(const QSqlDatabase &db)
{
    // Qt's driver registers the type by its struct's name.
    return driverHandle<PGconn>(db, {"pg_conn*", "PGconn*"});
}

// The statement with libpq's $1, $2, … for the ? placeholders Qt takes,
// leaving quoted literals, quoted names and comments as they are.
QByteArray numberedPlaceholders(const QString &sql)
{
    const QByteArray in = sql.toUtf8();
    QByteArray out;
    out.reserve(in.size() + 16);
    int next = 0;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '\'' || c == '"') {
            const qsizetype end = in.indexOf(c, i + 1);
            const qsizetype to = end < 0 ? in.size() : end + 1;
            out.append(in.constData() + i, to - i);
            i = to - 1;
        } else if (c == '-' && i + 1 < in.size() && in.at(i + 1) == '-') {
            const qsizetype end = in.indexOf('\n', i);
            const qsizetype to = end < 0 ? in.size() : end;
            out.append(in.constData() + i, to - i);
            i = to - 1;
        } else if (c == '?') {
            out.append('$').append(QByteArray::number(++next));
        } else {
            out.append(c);
        }
    }
    return out;
}

// In the words Qt's PostgreSQL driver gives (Database::errorText reads the
// SQLSTATE).
QString pgError(const PGresult *result, PGconn *conn)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char *message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    return Database::errorText(QSqlError(u"Unable to fetch row"_s, QString::fromUtf8(message),
                                         QSqlError::StatementError,
                                         state ? QString::fromLatin1(state) : QString()));
}

// PostgreSQL's type OIDs (pg_type.h) that the rows are read as.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kBpcharOid = 1042;
constexpr Oid kVarcharOid = 1043;
constexpr Oid kNumericOid = 1700;

bool isPgText(Oid type)
{
    return type == kTextOid || type == kVarcharOid || type == kBpcharOid;
}

bool isPgInteger(Oid type)
{
    return type == kInt8Oid || type == kInt4Oid || type == kInt2Oid;
}

bool isAscii(const unsigned char *text, int size)
{
    for (int i = 0; i < size; ++i) {
        if (text[i] >= 0x80)
            return false;
    }
    return true;
}

// One column of the statement's current row: its type, and the integer, real
// or bytes it holds (the bytes are SQLite's, valid until the next step).
struct StatementValue
{
    int type = SQLITE_NULL;
    qint64 integer = 0; // sqlite3_column_int64(): 0 for NULL
    double real = 0;
    QByteArrayView bytes; // TEXT (UTF-8), BLOB
};

StatementValue columnOf(sqlite3_stmt *statement, int column)
{
    StatementValue v;
    v.type = sqlite3_column_type(statement, column);
    switch (v.type) {
    case SQLITE_INTEGER:
        v.integer = sqlite3_column_int64(statement, column);
        break;
    case SQLITE_FLOAT:
        v.real = sqlite3_column_double(statement, column);
        break;
    case SQLITE_TEXT:
        v.bytes =
            QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(statement, column)),
                           sqlite3_column_bytes(statement, column));
        break;
    case SQLITE_BLOB:
        v.bytes = QByteArrayView(static_cast<const char *>(sqlite3_column_blob(statement, column)),
                                 sqlite3_column_bytes(statement, column));
        break;
    default:
        break;
    }
    return v;
}

// One column of one row as sqlite3 gave it, copied by the read-ahead thread.
struct CopiedValue
{
    int type = SQLITE_NULL;
    bool plain = false; // TEXT: isPlainUtf8()
    qint64 integer = 0; // sqlite3_column_int64()
    double real = 0;    // FLOAT
    qsizetype at = 0;   // TEXT (UTF-8), BLOB: the bytes, in the batch
    int size = 0;
    qsizetype at16 = -1; // TEXT that is not plain: SQLite's UTF-16 of it
    int size16 = 0;      // in char16_t
};

// Rows copied in one go: the queue moves whole batches, not rows.
struct CopiedBatch
{
    std::vector<CopiedValue> values; // rows x columns
    QByteArray bytes;
    int rows = 0;
    bool end = false; // no rows after these
    QString error;    // the failed step that ended them, if one did
};

} // namespace

// The ReadAhead mode: a thread steps the statement and copies each row's
// values into batches; next() and the accessors read the copies.
class RowCursor::ReadAhead
{
public:
    explicit ReadAhead(sqlite3_stmt *statement)
        : m_statement(statement)
        , m_columns(sqlite3_column_count(statement))
        , m_thread([this] { run(); })
    {}

    ~ReadAhead()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_room.notify_all();
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(ReadAhead)

    bool next(QString *error)
    {
        if (m_current && ++m_row < m_current->rows)
            return true;
        if (m_current && m_current->end) {
            m_row = m_current->rows;
            if (!m_current->error.isEmpty())
                *error = m_current->error;
            return false;
        }
        {
            std::unique_lock lock(m_mutex);
            m_ready.wait(lock, [this] { return !m_queue.empty(); });
            m_current = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_room.notify_one();
        m_row = -1;
        return next(error);
    }

    const CopiedValue &value(int column) const
    {
        Q_ASSERT(m_current && m_row >= 0 && m_row < m_current->rows && column >= 0
                 && column < m_columns);
        return m_current->values[size_t(m_row) * size_t(m_columns) + size_t(column)];
    }

    QByteArrayView bytes(const CopiedValue &v) const
    {
        return QByteArrayView(m_current->bytes.constData() + v.at, v.size);
    }

    QString utf16(const CopiedValue &v) const
    {
        return QString::fromUtf16(
            reinterpret_cast<const char16_t *>(m_current->bytes.constData() + v.at16), v.size16);
    }

private:
    // A batch is this many rows, or fewer when their bytes reach kBatchBytes;
    // kQueued batches wait at most.
    static constexpr int kBatchRows = 512;
    static constexpr qsizetype kBatchBytes = 1 << 20;
    static constexpr size_t kQueued = 4;

    void run()
    {
        for (;;) {
            auto batch = std::make_unique<CopiedBatch>();
            batch->values.reserve(size_t(kBatchRows) * size_t(m_columns));
            while (batch->rows < kBatchRows && batch->bytes.size() < kBatchBytes) {
                const int rc = sqlite3_step(m_statement);
                if (rc == SQLITE_ROW) {
                    copyRow(*batch);
                    continue;
                }
                batch->end = true;
                if (rc != SQLITE_DONE)
                    batch->error = sqliteError(sqlite3_db_handle(m_statement));
                break;
            }
            const bool end = batch->end;
            {
                std::unique_lock lock(m_mutex);
                m_room.wait(lock, [this] { return m_stop || m_queue.size() < kQueued; });
                if (m_stop)
                    return;
                m_queue.push_back(std::move(batch));
            }
            m_ready.notify_one();
            if (end)
                return;
        }
    }

    void copyRow(CopiedBatch &batch)
    {
        for (int c = 0; c < m_columns; ++c) {
            const StatementValue read = columnOf(m_statement, c);
            CopiedValue v;
            v.type = read.type;
            v.integer = read.integer;
            v.real = read.real;
            if (read.type == SQLITE_TEXT || read.type == SQLITE_BLOB) {
                v.size = int(read.bytes.size());
                v.at = batch.bytes.size();
                batch.bytes.append(read.bytes);
            }
            if (read.type == SQLITE_TEXT) {
                v.plain = isPlainUtf8(bytes(batch, v));
                if (!v.plain) {
                    // Last: it converts the value, and read.bytes point no more.
                    const void *utf16 = sqlite3_column_text16(m_statement, c);
                    v.size16 = sqlite3_column_bytes16(m_statement, c) / 2;
                    if (batch.bytes.size() % 2 != 0)
                        batch.bytes.append('\0'); // char16_t alignment
                    v.at16 = batch.bytes.size();
                    batch.bytes.append(static_cast<const char *>(utf16), qsizetype(v.size16) * 2);
                }
            }
            batch.values.push_back(v);
        }
        ++batch.rows;
    }

    static QByteArrayView bytes(const CopiedBatch &batch, const CopiedValue &v)
    {
        return QByteArrayView(batch.bytes.constData() + v.at, v.size);
    }

    sqlite3_stmt *const m_statement;
    const int m_columns;
    std::mutex m_mutex;
    std::condition_variable m_ready; // a batch is queued
    std::condition_variable m_room;  // the queue has room, or stop
    std::deque<std::unique_ptr<CopiedBatch>> m_queue;
    bool m_stop = false;
    std::unique_ptr<CopiedBatch> m_current; // the caller's
    int m_row = -1;
    std::thread m_thread; // last: starts once the rest is set up
};

// PostgreSQL through libpq: the statement sent with its values, the rows read
// one at a time (single-row mode), each value as libpq's text.
class RowCursor::PgRows
{
public:
    PgRows(PGconn *conn, QByteArray sql)
        : m_conn(conn)
        , m_sql(std::move(sql))
    {}
    ~PgRows() { finish(); }
    Q_DISABLE_COPY_MOVE(PgRows)

    bool exec(const QVariantList &binds, QString *error)
    {
        finish();
        std::vector<QByteArray> values(size_t(binds.size()));
        std::vector<const char *> pointers(size_t(binds.size()), nullptr);
        std::vector<int> lengths(size_t(binds.size()), 0);
        std::vector<int> formats(size_t(binds.size()), 0);
        for (size_t i = 0; i < size_t(binds.size()); ++i) {
            const QVariant &v = binds.at(qsizetype(i));
            // As Qt's driver writes each value (NULL for a null QString or
            // QByteArray; bytes as they are, in binary).
            switch (v.typeId()) {
            case QMetaType::Bool:
                values[i] = v.toBool() ? "TRUE" : "FALSE";
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                values[i] = QByteArray::number(v.toLongLong());
                break;
            case QMetaType::Double:
                values[i] = QByteArray::number(v.toDouble(), 'g', 17);
                break;
            case QMetaType::QByteArray:
                values[i] = v.toByteArray();
                formats[i] = 1;
                break;
            default: {
                const QString text = v.isValid() ? v.toString() : QString();
                if (!text.isNull())
                    values[i] = text.toUtf8();
            }
            }
            if (!values[i].isNull()) {
                pointers[i] = values[i].constData();
                lengths[i] = int(values[i].size());
            }
        }
        // libpq runs one statement at a time: what is left of a forward-only
        // query of Qt's (it leaves the rest to read until its next statement)
        // goes first, as Qt's driver itself would drop it.
        if (PQtransactionStatus(m_conn) == PQTRANS_ACTIVE) {
            while (PGresult *pending = PQgetResult(m_conn))
                PQclear(pending);
        }
        if (PQsendQueryParams(m_conn, m_sql.constData(), int(binds.size()), nullptr,
                              pointers.data(), lengths.data(), formats.data(), 0)
            != 1) {
            *error = pgError(nullptr, m_conn);
            return false;
        }
        m_running = true;
        PQsetSingleRowMode(m_conn);
        return true;
    }

    bool next(QString *error)
    {
        clearRow();
        if (!m_running)
            return false;
        PGresult *result = PQgetResult(m_conn);
        if (!result) {
            // Only a statement of Qt's run meanwhile ends the results without
            // their last one: the rows read are not all there are.
            m_running = false;
            *error = QCoreApplication::translate("Database", "Database error: %1")
                         .arg(QCoreApplication::translate(
                             "Database", "the rows of a query were cut short by another "
                                         "statement on the same connection"));
            return false;
        }
        switch (PQresultStatus(result)) {
        case PGRES_SINGLE_TUPLE:
            m_row = result;
            return true;
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
            break;
        default:
            *error = pgError(result, m_conn);
            break;
        }
        PQclear(result);
        finish();
        return false;
    }

    // Reads what is left of the run: the connection then takes the next
    // statement. (A cancel would abort the transaction the walk reads in.)
    void finish()
    {
        clearRow();
        while (m_running) {
            PGresult *result = PQgetResult(m_conn);
            if (!result)
                m_running = false;
            PQclear(result);
        }
    }

    bool isNull(int column) const { return PQgetisnull(m_row, 0, column) != 0; }
    Oid type(int column) const { return PQftype(m_row, column); }
    QByteArrayView bytes(int column) const
    {
        return QByteArrayView(PQgetvalue(m_row, 0, column), PQgetlength(m_row, 0, column));
    }
    qint64 integer(int column) const { return isNull(column) ? 0 : bytes(column).toLongLong(); }

private:
    void clearRow()
    {
        PQclear(m_row);
        m_row = nullptr;
    }

    PGconn *const m_conn;
    const QByteArray m_sql;
    PGresult *m_row = nullptr;
    bool m_running = false; // results are still to be read
};

RowCursor::RowCursor(const QSqlDatabase &db, const QString &sql, const QVariantList &binds,
                     Mode mode)
    : m_db(db)
    , m_sql(sql)
    , m_binds(binds)
    , m_mode(mode)
{}

RowCursor::~RowCursor()
{
    m_ahead.reset(); // its thread steps m_statement
    if (m_statement)
        sqlite3_finalize(m_statement);
}

bool RowCursor::prepare()
{
    sqlite3 *handle = sqliteHandle(m_db);
    if (PGconn *conn = pgHandle(m_db)) {
        m_pg = std::make_unique<PgRows>(conn, numberedPlaceholders(m_sql));
        return true;
    }
    if (!handle) {
        m_query.emplace(m_db);
        m_query->setForwardOnly(true);
        if (!m_query->prepare(m_sql)) {
            m_error = Database::errorText(m_query->lastError());
            return false;
        }
        return true;
    }
    const QByteArray sql = m_sql.toUtf8();
    if (sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), &m_statement, nullptr)
        != SQLITE_OK) {
        m_error = sqliteError(handle);
        m_statement = nullptr;
        return false;
    }
    return true;
}

// As QSQLiteResult binds (a null QString or QByteArray is NULL; integers and
// booleans as integers, text through UTF-16 as Qt does, unless it is ASCII,
// which is the same bytes either way).
bool RowCursor::bindAll()
{
    if (m_query) {
        for (int i = 0; i < int(m_binds.size()); ++i)
            m_query->bindValue(i, m_binds.at(i));
        return true;
    }
    sqlite3_clear_bindings(m_statement);
    for (int i = 0; i < int(m_binds.size()); ++i) {
        const QVariant &v = m_binds.at(i);
        const int at = i + 1;
        int rc = SQLITE_OK;
        switch (v.typeId()) {
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(m_statement, at, v.toLongLong());
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(m_statement, at, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = v.toByteArray();
            rc = bytes.isNull() ? sqlite3_bind_null(m_statement, at)
                                : sqlite3_bind_blob(m_statement, at, bytes.constData(),
                                                    int(bytes.size()), SQLITE_TRANSIENT);
            break;
        }
        default: {
            const QString text = v.isValid() ? v.toString() : QString();
            if (text.isNull()) {
                rc = sqlite3_bind_null(m_statement, at);
            } else if (std::all_of(text.cbegin(), text.cend(),
                                   [](QChar c) { return c.unicode() < 0x80; })) {
                const QByteArray latin1 = text.toLatin1();
                rc = sqlite3_bind_text(m_statement, at, latin1.constData(), int(latin1.size()),
                                       SQLITE_TRANSIENT);
            } else {
                rc = sqlite3_bind_text16(m_statement, at, text.utf16(),
                                         int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
            }
        }
        }
        if (rc != SQLITE_OK) {
            m_error = sqliteError(sqlite3_db_handle(m_statement));
            return false;
        }
    }
    return true;
}

bool RowCursor::exec()
{
    m_error.clear();
    if (!m_statement && !m_query && !m_pg && !prepare())
        return false;
    if (m_pg)
        return m_pg->exec(m_binds, &m_error);
    if (!bindAll())
        return false;
    if (m_query && !m_query->exec()) {
        m_error = Database::errorText(m_query->lastError());
        return false;
    }
    m_ended = false;
    if (m_statement && m_mode == Mode::ReadAhead)
        m_ahead = std::make_unique<ReadAhead>(m_statement);
    return true;
}

bool RowCursor::exec(const QVariantList &binds)
{
    finish();
    m_binds = binds;
    return exec();
}

void RowCursor::finish()
{
    m_ahead.reset();
    if (m_pg)
        m_pg->finish();
    if (m_statement)
        sqlite3_reset(m_statement);
    else if (m_query)
        m_query->finish();
}

bool RowCursor::next()
{
    if (m_query) {
        if (m_query->next())
            return true;
        if (m_query->lastError().isValid())
            m_error = Database::errorText(m_query->lastError());
        return false;
    }
    if (m_ahead)
        return m_ahead->next(&m_error);
    if (m_pg)
        return m_pg->next(&m_error);
    // Stepping again after the end would run the statement again.
    if (!m_statement || m_ended)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = sqliteError(sqlite3_db_handle(m_statement));
    m_ended = true;
    return false;
}

bool isPlainUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p != end) {
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int more = 0;
        char32_t min = 0;
        char32_t u = 0;
        if ((c & 0xE0) == 0xC0) {
            more = 1;
            min = 0x80;
            u = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            more = 2;
            min = 0x800;
            u = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            more = 3;
            min = 0x10000;
            u = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= more)
            return false;
        for (int i = 1; i <= more; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            u = (u << 6) | (p[i] & 0x3F);
        }
        if (u < min || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF))
            return false;
        p += more + 1;
    }
    return true;
}

QByteArrayView RowCursor::utf8(int column) const
{
    if (const std::optional<QByteArrayView> plain = plainText(column))
        return *plain;
    if (isNull(column))
        return {};
    if (m_utf8.size() <= size_t(column))
        m_utf8.resize(size_t(column) + 1);
    QByteArray &bytes = m_utf8[size_t(column)];
    bytes = text(column).toUtf8();
    return bytes;
}

// One SQLite value: its type, and the integer, real or bytes it holds.
struct RowCursor::SqliteCell : StatementValue
{
};

int RowCursor::sqliteType(int column) const
{
    return m_ahead ? m_ahead->value(column).type : sqlite3_column_type(m_statement, column);
}

RowCursor::SqliteCell RowCursor::sqliteAt(int column) const
{
    if (!m_ahead)
        return {columnOf(m_statement, column)};
    SqliteCell c;
    const CopiedValue &v = m_ahead->value(column);
    c.type = v.type;
    c.integer = v.integer;
    c.real = v.real;
    if (v.type == SQLITE_TEXT || v.type == SQLITE_BLOB)
        c.bytes = m_ahead->bytes(v);
    return c;
}

QString RowCursor::sqliteUtf16(int column) const
{
    if (m_ahead) {
        // Plain text was not given a UTF-16 copy: the same characters.
        const CopiedValue &v = m_ahead->value(column);
        return v.plain ? QString::fromUtf8(m_ahead->bytes(v)) : m_ahead->utf16(v);
    }
    // SQLite's own conversion, as Qt's driver reads text: the same characters
    // for whatever bytes the file holds.
    const auto *utf16 = static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
    return QString::fromUtf16(utf16, sqlite3_column_bytes16(m_statement, column) / 2);
}

bool RowCursor::isNull(int column) const
{
    if (m_query)
        return m_query->isNull(column);
    if (m_pg)
        return m_pg->isNull(column);
    return sqliteType(column) == SQLITE_NULL;
}

qint64 RowCursor::int64(int column) const
{
    if (m_query)
        return m_query->value(column).toLongLong();
    // Other types as QVariant converts them (text "12x" is 0, not SQLite's 12).
    if (m_pg) {
        // As QVariant converts what Qt's driver gives (value()).
        const Oid type = m_pg->type(column);
        if (m_pg->isNull(column) || type == kBoolOid || type == kFloat4Oid || type == kFloat8Oid
            || type == kNumericOid)
            return value(column).toLongLong();
        return m_pg->integer(column);
    }
    const SqliteCell c = sqliteAt(column);
    if (c.type == SQLITE_INTEGER || c.type == SQLITE_NULL)
        return c.integer;
    return value(column).toLongLong();
}

QString RowCursor::text(int column) const
{
    if (m_query)
        return m_query->value(column).toString();
    if (m_pg) {
        if (m_pg->isNull(column) || !isPgText(m_pg->type(column)))
            return value(column).toString();
        return QString::fromUtf8(m_pg->bytes(column));
    }
    const SqliteCell c = sqliteAt(column);
    switch (c.type) {
    case SQLITE_NULL:
        return {};
    case SQLITE_TEXT:
        if (isAscii(reinterpret_cast<const unsigned char *>(c.bytes.data()), int(c.bytes.size())))
            return QString::fromLatin1(c.bytes);
        return sqliteUtf16(column);
    default:
        return value(column).toString();
    }
}

std::optional<QByteArrayView> RowCursor::storedText(int column) const
{
    if (m_pg) {
        if (m_pg->isNull(column) || !isPgText(m_pg->type(column)))
            return std::nullopt;
        return m_pg->bytes(column);
    }
    if (!m_statement)
        return std::nullopt;
    const SqliteCell c = sqliteAt(column);
    if (c.type != SQLITE_TEXT)
        return std::nullopt;
    return c.bytes;
}

std::optional<QByteArrayView> RowCursor::plainText(int column) const
{
    if (m_ahead) {
        const CopiedValue &v = m_ahead->value(column);
        if (v.type != SQLITE_TEXT || !v.plain)
            return std::nullopt;
        return m_ahead->bytes(v);
    }
    const std::optional<QByteArrayView> stored = storedText(column);
    if (!stored || !isPlainUtf8(*stored))
        return std::nullopt;
    return stored;
}

std::optional<qint64> RowCursor::storedInteger(int column) const
{
    if (m_pg) {
        if (m_pg->isNull(column) || !isPgInteger(m_pg->type(column)))
            return std::nullopt;
        return m_pg->integer(column);
    }
    if (!m_statement)
        return std::nullopt;
    const SqliteCell c = sqliteAt(column);
    if (c.type != SQLITE_INTEGER)
        return std::nullopt;
    return c.integer;
}

QVariant RowCursor::value(int column) const
{
    if (m_query)
        return m_query->value(column);
    if (m_pg)
        return pgValue(column);
    // As Qt's SQLite driver converts each type (QSQLiteResult): NULL as a
    // null QString.
    const SqliteCell c = sqliteAt(column);
    switch (c.type) {
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    case SQLITE_INTEGER:
        return QVariant(c.integer);
    case SQLITE_FLOAT:
        return QVariant(c.real);
    case SQLITE_BLOB:
        return QVariant(c.bytes.toByteArray());
    default:
        return QVariant(text(column));
    }
}

// As Qt's PostgreSQL driver converts each type (QPSQLResult::data): NULL as
// a null value of the column's type.
QVariant RowCursor::pgValue(int column) const
{
    const Oid type = m_pg->type(column);
    QMetaType qtType = QMetaType::fromType<QString>();
    switch (type) {
    case kBoolOid:
        qtType = QMetaType::fromType<bool>();
        break;
    case kInt8Oid:
        qtType = QMetaType::fromType<qlonglong>();
        break;
    case kInt2Oid:
    case kInt4Oid:
        qtType = QMetaType::fromType<int>();
        break;
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
        qtType = QMetaType::fromType<double>();
        break;
    case kByteaOid:
        qtType = QMetaType::fromType<QByteArray>();
        break;
    default:
        break;
    }
    if (m_pg->isNull(column))
        return QVariant(qtType);
    const QByteArrayView bytes = m_pg->bytes(column);
    switch (type) {
    case kBoolOid:
        return QVariant(bytes == "t");
    case kInt8Oid:
        return QVariant(qlonglong(bytes.toLongLong()));
    case kInt2Oid:
    case kInt4Oid:
        return QVariant(bytes.toInt());
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
        return QVariant(bytes.toDouble());
    case kByteaOid: {
        size_t size = 0;
        unsigned char *raw =
            PQunescapeBytea(reinterpret_cast<const unsigned char *>(bytes.data()), &size);
        const QByteArray data(reinterpret_cast<const char *>(raw), qsizetype(size));
        PQfreemem(raw);
        return QVariant(data);
    }
    default:
        return QVariant(QString::fromUtf8(bytes));
    }
}

} // namespace CancelDesk::Storage
