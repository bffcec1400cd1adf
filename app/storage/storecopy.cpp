#include "storecopy.h"

#include "database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <algorithm>
#include <list>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {
namespace {

// The tables in the order their foreign keys need (attempts before the
// entries that name them) and the order their rows are copied in: the
// journal's in seq order, which its link trigger requires on PostgreSQL.
struct Table
{
    QString name;
    QString orderBy;
    qint64 CopyCounts::*count;
    // Rows the target already has are kept (thresholds a `team threshold`
    // set before the copy).
    QString onConflict;
};

QList<Table> tables()
{
    return {
        {u"orders"_s, u"id"_s, &CopyCounts::orders, {}},
        {u"status_history"_s, u"id"_s, &CopyCounts::history, {}},
        {u"cancel_attempts"_s, u"id"_s, &CopyCounts::attempts, {}},
        {u"journal_entries"_s, u"seq"_s, &CopyCounts::entries, {}},
        {u"approval_thresholds"_s, u"currency"_s, &CopyCounts::thresholds,
         u" ON CONFLICT (currency) DO NOTHING"_s},
    };
}

// The tables that must be empty in the target.
const QStringList kMustBeEmpty{u"orders"_s, u"status_history"_s, u"cancel_attempts"_s,
                               u"journal_entries"_s};

// Rows go in several to a statement (one round trip each on PostgreSQL),
// with at most this many values bound: below SQLite's old limit of 999.
constexpr int kMaxBoundValues = 900;

// The target's columns that the source has too, in the target's order.
QStringList sharedColumns(const QSqlRecord &target, const QSqlRecord &source)
{
    QStringList columns;
    for (int i = 0; i < target.count(); ++i) {
        if (source.contains(target.fieldName(i)))
            columns.append(target.fieldName(i));
    }
    return columns;
}

// A source value as the target column takes it: bytes for bytea/BLOB, 64-bit
// integers for every integer column (QPSQL gives int8 back as qlonglong or
// qulonglong, SQLite declares INTEGER as int), text for text; a NULL stays a
// NULL of the target's type.
QVariant bindable(const QVariant &value, QMetaType targetType)
{
    if (value.isNull())
        return QVariant(targetType);
    switch (targetType.id()) {
    case QMetaType::QByteArray:
        return value.toByteArray();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return value.toLongLong();
    case QMetaType::Double:
        return value.toDouble();
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::QString:
        return value.toString();
    default:
        return value;
    }
}

// Inserts the rows of one table into the target, as many per statement as
// kMaxBoundValues allows. The statements live in *statements, which the
// caller keeps until its transaction has ended.
class RowBatch final
{
public:
    RowBatch(const QSqlDatabase &db, const Table &table, const QStringList &columns,
             const QList<QMetaType> &types, std::list<QSqlQuery> *statements)
        : m_db(db)
        , m_table(table)
        , m_columns(columns)
        , m_types(types)
        , m_statements(statements)
        , m_perStatement(std::max(1, kMaxBoundValues / int(std::max<qsizetype>(1, columns.size()))))
    {}

    // Takes the current row of `read`. Returns how many rows it wrote now
    // (0 while the batch fills), or -1 with *error.
    qint64 add(const QSqlQuery &read, QString *error)
    {
        for (int i = 0; i < m_columns.size(); ++i)
            m_values.append(bindable(read.value(i), m_types.at(i)));
        ++m_rows;
        return m_rows == m_perStatement ? flush(error) : 0;
    }

    // Writes the rows taken and not yet written; how many, or -1 with *error.
    qint64 flush(QString *error)
    {
        if (m_rows == 0)
            return 0;
        QSqlQuery *insert = statementFor(m_rows, error);
        if (!insert)
            return -1;
        for (int i = 0; i < m_values.size(); ++i)
            insert->bindValue(i, m_values.at(i));
        if (!insert->exec()) {
            *error = Database::errorText(insert->lastError());
            return -1;
        }
        // Fewer than m_rows when a kept row (ON CONFLICT DO NOTHING) won.
        m_inserted += std::max(0, insert->numRowsAffected());
        const qint64 written = m_rows;
        m_rows = 0;
        m_values.clear();
        return written;
    }

    qint64 inserted() const { return m_inserted; }

private:
    // The statement for a full batch is prepared once; a shorter one is
    // needed only for a table's last rows.
    QSqlQuery *statementFor(int rows, QString *error)
    {
        if (rows == m_perStatement && m_full)
            return m_full;
        const QString row = u"("_s + QStringList(m_columns.size(), u"?"_s).join(u", "_s) + u")"_s;
        QSqlQuery &q = m_statements->emplace_back(m_db);
        if (!q.prepare(u"INSERT INTO %1 (%2) VALUES %3%4"_s.arg(
                m_table.name, m_columns.join(u", "_s), QStringList(rows, row).join(u", "_s),
                m_table.onConflict))) {
            *error = Database::errorText(q.lastError());
            return nullptr;
        }
        if (rows == m_perStatement)
            m_full = &q;
        return &q;
    }

    QSqlDatabase m_db;
    Table m_table;
    QStringList m_columns;
    QList<QMetaType> m_types;
    std::list<QSqlQuery> *m_statements;
    int m_perStatement;
    QSqlQuery *m_full = nullptr;
    QVariantList m_values;
    int m_rows = 0;
    qint64 m_inserted = 0;
};

QString failedText(const QString &detail)
{
    return QCoreApplication::translate("StoreCopy",
                                       "The copy failed and was undone: the store copied into "
                                       "is as it was. %1")
        .arg(detail);
}

QString notEmptyText()
{
    return QCoreApplication::translate(
        "StoreCopy", "The store to copy into is not empty (it holds orders, status history, "
                     "cancel attempts or journal entries): a store is only copied into an empty "
                     "one. Nothing was written.");
}

QString schemaText(int found, int needed)
{
    return QCoreApplication::translate(
               "StoreCopy", "The store to copy into has schema version %1 and needs version %2: "
                            "run canceldesk-cli team init on it as its owner first. Nothing was "
                            "written.")
        .arg(found)
        .arg(needed);
}

QString notOwnerText(const QString &login, const QString &owner)
{
    return QCoreApplication::translate(
               "StoreCopy", "Only the owner of the team database (%1) can copy a store into it: "
                            "the copy writes other people's cancels and journal entries. This "
                            "login is %2. Nothing was written.")
        .arg(owner, login);
}

QString stoppedText()
{
    return QCoreApplication::translate(
        "StoreCopy", "The copy was stopped and undone: the store copied into is as it was.");
}

QString headMismatchText(const JournalHead &source, const JournalHead &target)
{
    return QCoreApplication::translate(
               "StoreCopy", "The copied cancel log ends at %1, but the source's ends at %2.")
        .arg(target.toString(), source.toString());
}

bool exec(QSqlQuery &q, const QString &sql, QString *error)
{
    if (q.exec(sql))
        return true;
    *error = Database::errorText(q.lastError());
    return false;
}

// count(*) of a table; -1 with *error when it cannot be read.
qint64 rowCount(const QSqlDatabase &db, const QString &table, QString *error)
{
    QSqlQuery q(db);
    if (!exec(q, u"SELECT COUNT(*) FROM %1"_s.arg(table), error))
        return -1;
    if (!q.next()) {
        *error = Database::errorText(q.lastError());
        return -1;
    }
    return q.value(0).toLongLong();
}

// PostgreSQL: the login and the schema's owner, which copying() compares.
bool readOwner(const QSqlDatabase &db, QString *login, QString *owner, QString *error)
{
    QSqlQuery q(db);
    if (!exec(q,
              u"SELECT session_user::text, coalesce((SELECT nspowner::regrole::text "
              "FROM pg_namespace WHERE nspname = 'canceldesk'), '')"_s,
              error))
        return false;
    if (!q.next()) {
        *error = Database::errorText(q.lastError());
        return false;
    }
    *login = q.value(0).toString();
    *owner = q.value(1).toString();
    return true;
}

} // namespace

StoreCopy::StoreCopy(Database &source, Database &target)
    : m_source(source)
    , m_target(target)
{}

QString StoreCopy::ownerProblem(const Database &target)
{
    if (target.engine() != Engine::PostgreSql)
        return {};
    const QSqlDatabase db = target.connection();
    QString login;
    QString owner;
    QString ignored;
    if (!db.isOpen() || !readOwner(db, &login, &owner, &ignored) || owner.isEmpty()
        || login == owner)
        return {};
    return notOwnerText(login, owner);
}

CopyResult StoreCopy::run()
{
    CopyResult result;
    const QSqlDatabase src = m_source.connection();
    const QSqlDatabase dst = m_target.connection();
    const bool postgres = m_target.engine() == Engine::PostgreSql;
    QString error;

    const int version = m_target.schemaVersion();
    if (version != Database::latestSchemaVersion()) {
        result.status = CopyResult::Status::TargetNotReady;
        result.error = schemaText(version, Database::latestSchemaVersion());
        return result;
    }
    if (postgres) {
        QString login;
        QString owner;
        if (!readOwner(dst, &login, &owner, &error)) {
            result.error = error;
            return result;
        }
        if (login != owner) {
            result.status = CopyResult::Status::NotOwner;
            result.error = notOwnerText(login, owner);
            return result;
        }
    }

    // Declared before the transaction, so that they are deallocated after
    // its rollback: PostgreSQL refuses a DEALLOCATE inside an aborted one.
    std::list<QSqlQuery> inserts;
    WriteTransaction tx(dst);
    if (!tx.begin(&error)) {
        result.error = error;
        return result;
    }
    QSqlQuery setting(dst);
    if (postgres && !exec(setting, u"SET LOCAL canceldesk.copying = 'on'"_s, &error)) {
        result.error = error;
        return result;
    }
    // Looked at under the write lock, so nobody fills it meanwhile.
    for (const QString &table : kMustBeEmpty) {
        const qint64 n = rowCount(dst, table, &error);
        if (n < 0) {
            result.error = error;
            return result;
        }
        if (n > 0) {
            result.status = CopyResult::Status::TargetNotReady;
            result.error = notEmptyText();
            return result;
        }
    }

    {
        const ReadSnapshot snapshot(src);
        const std::optional<JournalHead> head = CancelJournal(m_source).head(&error);
        if (!head) {
            result.error = error;
            return result;
        }
        result.sourceHead = *head;

        qint64 total = 0;
        for (const Table &t : tables()) {
            const qint64 n = rowCount(src, t.name, &error);
            if (n < 0) {
                result.error = error;
                return result;
            }
            total += n;
        }

        qint64 done = 0;
        for (const Table &t : tables()) {
            const QSqlRecord targetRecord = dst.record(t.name);
            const QStringList columns = sharedColumns(targetRecord, src.record(t.name));
            QList<QMetaType> types;
            for (const QString &c : columns)
                types.append(targetRecord.field(c).metaType());

            RowBatch batch(dst, t, columns, types, &inserts);
            QSqlQuery read(src);
            read.setForwardOnly(true);
            if (!exec(read,
                      u"SELECT %1 FROM %2 ORDER BY %3"_s.arg(columns.join(u", "_s), t.name,
                                                             t.orderBy),
                      &error)) {
                result.error = failedText(error);
                return result;
            }
            while (read.next()) {
                const qint64 flushed = batch.add(read, &error);
                if (flushed < 0) {
                    result.error = failedText(error);
                    return result;
                }
                done += flushed;
                if (flushed > 0 && m_progress && !m_progress(done, total)) {
                    result.status = CopyResult::Status::Stopped;
                    result.error = stoppedText();
                    return result;
                }
            }
            const qint64 flushed = batch.flush(&error);
            if (flushed < 0) {
                result.error = failedText(error);
                return result;
            }
            done += flushed;
            result.counts.*t.count = batch.inserted();
            if (read.lastError().isValid()) {
                result.error = failedText(Database::errorText(read.lastError()));
                return result;
            }
        }
        if (m_progress && !m_progress(done, total)) {
            result.status = CopyResult::Status::Stopped;
            result.error = stoppedText();
            return result;
        }
    }

    if (postgres) {
        // The ids were copied, not drawn: the identities and the order
        // versions go on after the highest copied value.
        QSqlQuery q(dst);
        for (const QString &sql :
             {u"SELECT setval(pg_get_serial_sequence('orders', 'id'), "
              "coalesce(max(id), 0) + 1, false) FROM orders"_s,
              u"SELECT setval(pg_get_serial_sequence('status_history', 'id'), "
              "coalesce(max(id), 0) + 1, false) FROM status_history"_s,
              u"SELECT setval('order_version', coalesce(max(row_version), 0) + 1, false) "
              "FROM orders"_s}) {
            if (!exec(q, sql, &error)) {
                result.error = failedText(error);
                return result;
            }
        }
    }
    // The deferred checks (an attempt equals its newest entry) run here.
    if (!tx.commit(&error)) {
        result.error = failedText(error);
        return result;
    }
    if (postgres) {
        // Fresh statistics for the planner; the copy stands without them.
        QSqlQuery analyze(dst);
        analyze.exec(u"ANALYZE"_s);
    }

    const CancelJournal journal(m_target);
    result.verify = journal.verify();
    const std::optional<JournalHead> head = journal.head(&error);
    if (head)
        result.targetHead = *head;
    if (!result.verify.ok) {
        result.status = CopyResult::Status::VerifyFailed;
        result.error = result.verify.problem;
    } else if (!head) {
        result.status = CopyResult::Status::VerifyFailed;
        result.error = error;
    } else if (!(result.targetHead == result.sourceHead)) {
        result.status = CopyResult::Status::VerifyFailed;
        result.error = headMismatchText(result.sourceHead, result.targetHead);
    } else {
        result.status = CopyResult::Status::Copied;
    }
    return result;
}

} // namespace CancelDesk::Storage
