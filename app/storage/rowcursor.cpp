#include "rowcursor.h"

#include "database.h"

#include <QSqlDriver>
#include <QSqlError>

#include <algorithm>
#include <cstring>
#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {

namespace {

// The connection's sqlite3 handle (QSqlDriver::handle()); null for other engines.
sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || std::strcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// In the words Qt's driver errors get (busy, damaged, full, … : Database::errorText).
QString sqliteError(sqlite3 *handle)
{
    return Database::errorText(
        QSqlError(u"Unable to fetch row"_s, QString::fromUtf8(sqlite3_errmsg(handle)),
                  QSqlError::StatementError, QString::number(sqlite3_extended_errcode(handle))));
}

bool isAscii(const unsigned char *text, int size)
{
    for (int i = 0; i < size; ++i) {
        if (text[i] >= 0x80)
            return false;
    }
    return true;
}

} // namespace

RowCursor::RowCursor(const QSqlDatabase &db, const QString &sql, const QVariantList &binds)
    : m_db(db)
    , m_sql(sql)
    , m_binds(binds)
{}

RowCursor::~RowCursor()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

bool RowCursor::prepare()
{
    sqlite3 *handle = sqliteHandle(m_db);
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
    if (!m_statement && !m_query && !prepare())
        return false;
    if (!bindAll())
        return false;
    if (m_query && !m_query->exec()) {
        m_error = Database::errorText(m_query->lastError());
        return false;
    }
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
    if (!m_statement)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = sqliteError(sqlite3_db_handle(m_statement));
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
    if (const std::optional<QByteArrayView> stored = storedText(column);
        stored && isPlainUtf8(*stored))
        return *stored;
    if (isNull(column))
        return {};
    if (m_utf8.size() <= size_t(column))
        m_utf8.resize(size_t(column) + 1);
    QByteArray &bytes = m_utf8[size_t(column)];
    bytes = text(column).toUtf8();
    return bytes;
}

bool RowCursor::isNull(int column) const
{
    if (m_query)
        return m_query->isNull(column);
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 RowCursor::int64(int column) const
{
    if (m_query)
        return m_query->value(column).toLongLong();
    return sqlite3_column_int64(m_statement, column);
}

QString RowCursor::text(int column) const
{
    if (m_query)
        return m_query->value(column).toString();
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_NULL:
        return {};
    case SQLITE_TEXT: {
        const auto *utf8 = sqlite3_column_text(m_statement, column);
        const int size = sqlite3_column_bytes(m_statement, column);
        if (isAscii(utf8, size))
            return QString::fromLatin1(reinterpret_cast<const char *>(utf8), size);
        // SQLite's own conversion, as Qt's driver reads text: the same
        // characters for whatever bytes the file holds.
        const auto *utf16 =
            static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
        return QString::fromUtf16(utf16, sqlite3_column_bytes16(m_statement, column) / 2);
    }
    default:
        return value(column).toString();
    }
}

std::optional<QByteArrayView> RowCursor::storedText(int column) const
{
    if (!m_statement || sqlite3_column_type(m_statement, column) != SQLITE_TEXT)
        return std::nullopt;
    const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QByteArrayView(utf8, sqlite3_column_bytes(m_statement, column));
}

std::optional<qint64> RowCursor::storedInteger(int column) const
{
    if (!m_statement || sqlite3_column_type(m_statement, column) != SQLITE_INTEGER)
        return std::nullopt;
    return qint64(sqlite3_column_int64(m_statement, column));
}

QVariant RowCursor::value(int column) const
{
    if (m_query)
        return m_query->value(column);
    // As Qt's SQLite driver converts each type (QSQLiteResult): NULL as a
    // null QString.
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_BLOB:
        return QVariant(
            QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement, column)),
                       sqlite3_column_bytes(m_statement, column)));
    default:
        return QVariant(text(column));
    }
}

} // namespace CancelDesk::Storage
