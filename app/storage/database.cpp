#include "database.h"

#include "enginesql.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {
namespace {

// The store holds payments and the cancel log: what CancelDesk creates is
// private to the user (folders 0700, the file 0600; SQLite gives the -wal and
// -shm files the database file's mode), whatever the umask.
bool makePrivateFolder(const QString &path)
{
    const QString absolute = QDir::cleanPath(QDir(path).absolutePath());
    if (QFileInfo(absolute).isDir())
        return true;
    const QString parent = QFileInfo(absolute).path();
    if (parent != absolute && !makePrivateFolder(parent))
        return false;
    const QByteArray native = QFile::encodeName(absolute);
    if (::mkdir(native.constData(), S_IRWXU) != 0)
        return errno == EEXIST && QFileInfo(absolute).isDir();
    return ::chmod(native.constData(), S_IRWXU) == 0;
}

// Creates the database file 0600 when it does not exist yet; an existing
// file is left as it is.
bool createPrivateFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd =
        ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return errno == EEXIST;
    const bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    ::close(fd);
    return ok;
}

// SQLite primary result codes (Qt reports them as the native error code).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADb = 26;

struct Migration
{
    int version = 0;
    QString resource;
};

struct MigrationSet
{
    QList<Migration> migrations; // sorted, versions 1..N without gaps
    QString error;               // untranslated programming error, empty when fine
};

// The scripts are compiled into the program, one folder per engine with the
// same versions (tst_schemaparity compares them); they are read once.
MigrationSet readMigrationSet(const QString &folder)
{
    MigrationSet s;
    static const QRegularExpression name(u"^(\\d{4})_[a-z0-9_]+\\.sql$"_s);
    const QDir dir(folder);
    const QStringList files = dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QRegularExpressionMatch m = name.match(file);
        if (!m.hasMatch()) {
            s.error = u"migration file with a malformed name: "_s + file;
            continue;
        }
        s.migrations.append({m.captured(1).toInt(), dir.filePath(file)});
    }
    std::sort(s.migrations.begin(), s.migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (qsizetype i = 0; i < s.migrations.size(); ++i) {
        if (s.migrations.at(i).version != i + 1) {
            s.error = u"migrations are not numbered 1..N without gaps"_s;
            s.migrations.resize(i);
            break;
        }
    }
    return s;
}

const MigrationSet &migrationSet(Engine engine)
{
    static const MigrationSet sqlite = readMigrationSet(u":/migrations/sqlite"_s);
    static const MigrationSet postgres = readMigrationSet(u":/migrations/postgresql"_s);
    return engine == Engine::Sqlite ? sqlite : postgres;
}

bool execute(QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    *error = q.lastError();
    return false;
}

// The schema version the store is at; false with *error set when it cannot
// be read.
bool readSchemaVersion(const QSqlDatabase &db, const QString &name, int *version, QString *error)
{
    QSqlError sqlError;
    if (EngineSql::readVersion(db, version, &sqlError))
        return true;
    *error = QCoreApplication::translate("Database", "Cannot read the database %1: %2")
                 .arg(QDir::toNativeSeparators(name), Database::errorText(sqlError));
    return false;
}

// libpq only warns about a password file that others can read, and then
// ignores it; CancelDesk refuses to go on with one (PRODUCT.md F20). Empty
// when there is no such file or it is private.
QString unsafePasswordFileText()
{
    QString file = qEnvironmentVariable("PGPASSFILE");
    if (file.isEmpty())
        file = QDir::home().filePath(u".pgpass"_s);
    struct stat st = {};
    if (::stat(QFile::encodeName(file).constData(), &st) != 0)
        return {};
    if (S_ISREG(st.st_mode) && (st.st_mode & (S_IRWXG | S_IRWXO)) == 0)
        return {};
    return QCoreApplication::translate(
               "Database", "The password file %1 is not a private file (it must have mode 0600): "
                           "CancelDesk does not use it. Run: chmod 600 %1")
        .arg(QDir::toNativeSeparators(file));
}

// A statement journal (what undoes one statement inside a longer
// transaction) spills to a temporary file past 64 KiB, and once spilled every
// later statement of the transaction writes its pages there: an import of
// 200,000 orders made 3.9 million pwrite() calls to /var/tmp (issue 15).
// Up to 4 MiB a statement now stays in memory. (SQLite allocates the
// threshold as one chunk per statement: 64 MiB made every insert map and
// unmap 64 MiB, slower than the file.) Process-wide, and only possible
// before SQLite's first connection: CancelDesk's are all opened here (a
// later call is refused by SQLite and changes nothing).
void keepStatementJournalsInMemory()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 * 1024 * 1024); });
}

int nativeCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    // Extended result codes carry the primary code in the low byte.
    return ok ? (code & 0xff) : -1;
}

// SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock.
bool isBusy(const QSqlError &error)
{
    const int code = nativeCode(error);
    return code == 5 || code == 6;
}

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

// Past the comment that starts at i (-- to the end of the line, or /* */),
// or i itself when none starts there.
qsizetype skipComment(QStringView script, qsizetype i)
{
    const qsizetype n = script.size();
    const QStringView rest = script.sliced(i);
    if (rest.startsWith(u"--")) {
        while (i < n && script.at(i) != u'\n')
            ++i;
        return i;
    }
    if (rest.startsWith(u"/*")) {
        i += 2;
        while (i < n && !(script.at(i) == u'*' && i + 1 < n && script.at(i + 1) == u'/'))
            ++i;
        return std::min(n, i + 2);
    }
    return i;
}

bool isQuote(QChar c)
{
    return c == u'\'' || c == u'"' || c == u'`' || c == u'[';
}

// Past the string or quoted name that opens at i. A doubled quote inside
// quotes stands for the quote itself; the splitter reads it as a close
// immediately followed by an open.
qsizetype skipQuoted(QStringView script, qsizetype i)
{
    const QChar close = script.at(i) == u'[' ? QChar(u']') : script.at(i);
    ++i;
    while (i < script.size() && script.at(i) != close)
        ++i;
    return i + 1;
}

// Past the PostgreSQL dollar-quoted string ($$ … $$ or $tag$ … $tag$, a
// function body) that opens at i, or i itself when none opens there ($1 is a
// parameter, not a quote).
qsizetype skipDollarQuoted(QStringView script, qsizetype i)
{
    const qsizetype n = script.size();
    qsizetype tagEnd = i + 1;
    if (tagEnd < n && isWordStart(script.at(tagEnd))) {
        while (tagEnd < n && script.at(tagEnd) != u'$' && isWordChar(script.at(tagEnd)))
            ++tagEnd;
    }
    if (tagEnd >= n || script.at(tagEnd) != u'$')
        return i;
    const QStringView tag = script.sliced(i, tagEnd - i + 1);
    const qsizetype close = script.indexOf(tag, tagEnd + 1);
    return close < 0 ? n : close + tag.size();
}

qsizetype skipWord(QStringView script, qsizetype i)
{
    while (i < script.size() && isWordChar(script.at(i)))
        ++i;
    return i;
}

// What the splitter knows of the statement it is in: whether it holds a token
// other than whitespace and comments, and for CREATE [TEMP] TRIGGER whether
// the BEGIN … END body (whose semicolons do not end it) has closed.
struct StatementState
{
    bool hasContent = false;
    QStringList leadingWords; // the first three words
    bool isTrigger = false;
    int bodyDepth = 0; // BEGIN and CASE open, END closes
    bool bodyClosed = false;

    bool endsAtSemicolon() const { return !isTrigger || bodyClosed; }

    void addWord(const QString &upperWord)
    {
        hasContent = true;
        if (leadingWords.size() < 3) {
            leadingWords.append(upperWord);
            if (leadingWords.size() >= 2 && leadingWords.at(0) == u"CREATE") {
                const QString &second = leadingWords.at(1);
                isTrigger =
                    second == u"TRIGGER"
                    || (leadingWords.size() == 3 && (second == u"TEMP" || second == u"TEMPORARY")
                        && leadingWords.at(2) == u"TRIGGER");
            }
        }
        if (!isTrigger || bodyClosed)
            return;
        if (bodyDepth == 0 && upperWord == u"EXECUTE") {
            // PostgreSQL: CREATE TRIGGER … EXECUTE FUNCTION f(); has no body.
            bodyClosed = true;
            return;
        }
        if (upperWord == u"BEGIN" || (bodyDepth > 0 && upperWord == u"CASE")) {
            ++bodyDepth;
        } else if (bodyDepth > 0 && upperWord == u"END") {
            --bodyDepth;
            bodyClosed = bodyDepth == 0;
        }
    }
};

} // namespace

QStringList splitSqlScript(QStringView script)
{
    QStringList statements;
    const qsizetype n = script.size();
    qsizetype start = 0;
    StatementState statement;
    const auto finish = [&](qsizetype end) {
        if (statement.hasContent)
            statements.append(script.sliced(start, end - start).trimmed().toString());
        statement = {};
    };

    qsizetype i = 0;
    while (i < n) {
        const QChar c = script.at(i);
        if (const qsizetype past = skipComment(script, i); past != i) {
            i = past;
        } else if (isQuote(c)) {
            i = skipQuoted(script, i);
            statement.hasContent = true;
        } else if (const qsizetype body = c == u'$' ? skipDollarQuoted(script, i) : i; body != i) {
            i = body;
            statement.hasContent = true;
        } else if (isWordStart(c)) {
            const qsizetype wordStart = i;
            i = skipWord(script, i);
            statement.addWord(script.sliced(wordStart, i - wordStart).toString().toUpper());
        } else if (c.isDigit()) {
            // Numbers such as 1e5 must not be read as the word "e5".
            i = skipWord(script, i);
            statement.hasContent = true;
        } else {
            if (c == u';' && statement.endsAtSemicolon()) {
                finish(i);
                start = i + 1;
            } else if (c != u';' && !c.isSpace()) {
                statement.hasContent = true;
            }
            ++i;
        }
    }
    finish(n);
    return statements;
}

Database::Database(const QString &location)
    : Database(DatabaseLocation::sqlite(location))
{
    const DatabaseLocationParse parsed = DatabaseLocation::parse(location);
    if (parsed.ok())
        m_location = parsed.location;
    else
        m_locationError = parsed.error;
}

Database::Database(const DatabaseLocation &location)
    : m_location(location)
{
    // Connection names must be unique per Database object: two objects on the
    // same file (tests, or a CLI command beside the GUI's store) must not share one.
    static QAtomicInteger<quint64> counter;
    m_connectionPrefix = u"canceldesk-db-%1-"_s.arg(counter.fetchAndAddRelaxed(1));
}

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    for (const QMetaObject::Connection &watch : std::as_const(m_threadWatches))
        QObject::disconnect(watch);
    m_threadWatches.clear();
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        // A connection may only be touched from its own thread; one of a pool
        // thread that is still alive is just unregistered (closed with it).
        if (it.key() == QThread::currentThread()) {
            QSqlDatabase db = QSqlDatabase::database(it.value(), false);
            db.close();
        }
        QSqlDatabase::removeDatabase(it.value());
    }
    m_connections.clear();
}

void Database::setPassword(const QString &password)
{
    QMutexLocker lock(&m_mutex);
    m_password = password;
}

bool Database::open(QString *error)
{
    return migrate(latestSchemaVersion(), error);
}

bool Database::openAtVersion(int targetVersion, QString *error)
{
    if (targetVersion < 0 || targetVersion > latestSchemaVersion()) {
        if (error)
            *error = QCoreApplication::translate("Database", "Unknown database schema version %1.")
                         .arg(targetVersion);
        return false;
    }
    return migrate(targetVersion, error);
}

int Database::latestSchemaVersion()
{
    return int(migrationSet(Engine::Sqlite).migrations.size());
}

int Database::schemaVersion() const
{
    const QSqlDatabase db = connection();
    int version = -1;
    QString ignored;
    if (!db.isOpen() || !readSchemaVersion(db, path(), &version, &ignored))
        return -1;
    return version;
}

QSqlDatabase Database::connection() const
{
    if (const QCoreApplication *app = QCoreApplication::instance();
        app && QThread::currentThread() == app->thread())
        m_mainThreadUses.fetch_add(1, std::memory_order_relaxed);
    return openConnection(nullptr);
}

QString Database::errorText(const QSqlError &error)
{
    if (!EngineSql::sqlState(error).isEmpty()) {
        if (QString text = EngineSql::postgresErrorText(error); !text.isEmpty())
            return text;
        return QCoreApplication::translate("Database", "Database error: %1")
            .arg(error.databaseText().trimmed());
    }
    switch (nativeCode(error)) {
    case kSqliteBusy:
    case kSqliteLocked:
        return QCoreApplication::translate(
            "Database", "The database is busy: another CancelDesk window or command is writing "
                        "to it. Try again in a moment.");
    case kSqliteNotADb:
    case kSqliteCorrupt:
        return QCoreApplication::translate(
            "Database", "The file is not a CancelDesk database, or it is damaged.");
    case kSqliteReadOnly:
        return QCoreApplication::translate(
            "Database", "The database is read-only: CancelDesk cannot write to it. Check the "
                        "permissions of the file and of its folder.");
    case kSqliteFull:
        return QCoreApplication::translate(
            "Database", "The disk is full: the database cannot grow, so nothing was written. Free "
                        "some space and try again.");
    case kSqliteCantOpen:
        return QCoreApplication::translate(
            "Database", "The database file cannot be opened. Check that it and its folder exist "
                        "and are writable (a read-only folder cannot hold the database's -wal and "
                        "-shm files).");
    default:
        break;
    }
    QString detail = error.databaseText();
    if (detail.isEmpty())
        detail = error.driverText();
    return QCoreApplication::translate("Database", "Database error: %1").arg(detail);
}

QSqlDatabase Database::openConnection(QString *error) const
{
    QThread *const thread = QThread::currentThread();
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_connections.constFind(thread); it != m_connections.cend()) {
        QSqlDatabase db = QSqlDatabase::database(it.value(), false);
        if (db.isOpen())
            return db;
        // A connection whose set-up failed earlier is tried again from scratch.
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(it.value());
        m_connections.erase(it);
    }

    const QString name =
        m_connectionPrefix + QString::number(reinterpret_cast<quintptr>(thread), 16);
    QSqlDatabase db = addConnection(name, error);
    if (!db.isValid())
        return db;
    m_connections.insert(thread, name);
    if (!m_threadWatches.contains(thread)) {
        // finished is emitted in the finishing thread itself, the one place
        // where its connection may still be closed.
        m_threadWatches.insert(thread, QObject::connect(
                                           thread, &QThread::finished, thread,
                                           [this, thread] { dropConnection(thread); },
                                           Qt::DirectConnection));
    }

    if (!db.open()) {
        m_connectError = db.lastError();
        if (error) {
            QString why = errorText(m_connectError);
            if (m_location.engine == Engine::PostgreSql
                && EngineSql::isLoginRefused(m_connectError)) {
                why = QCoreApplication::translate("Database",
                                                  "The team database refused the login of %1: %2")
                          .arg(m_location.loginName(), m_connectError.databaseText().trimmed());
            }
            *error = QCoreApplication::translate("Database", "Cannot open the database %1: %2")
                         .arg(QDir::toNativeSeparators(path()), why);
        }
        return db;
    }
    QString configureError;
    if (!configure(db, &configureError)) {
        db.close();
        if (error)
            *error = configureError;
    }
    return db;
}

QSqlDatabase Database::addConnection(const QString &name, QString *error) const
{
    if (m_location.engine == Engine::Sqlite) {
        keepStatementJournalsInMemory();
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_location.path);
        return db;
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        if (error)
            *error = QCoreApplication::translate(
                "Database", "Team mode needs Qt's PostgreSQL driver, which is not installed "
                            "(Debian: libqt6sql6-psql).");
        return {};
    }
    if (QString unsafe = unsafePasswordFileText(); !unsafe.isEmpty()) {
        if (error)
            *error = unsafe;
        return {};
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    // Without one, libpq reads PGPASSWORD or the password file itself.
    if (!m_password.isEmpty())
        db.setPassword(m_password);
    db.setHostName(m_location.connectHost());
    db.setPort(m_location.port);
    db.setDatabaseName(m_location.databaseName);
    db.setUserName(m_location.userName);
    db.setConnectOptions(m_location.libpqConnectOptions());
    return db;
}

bool Database::configure(QSqlDatabase &db, QString *error) const
{
    // Settings are constants of ours, never bound values.
    const QStringList settings = EngineSql::connectionSettings(m_location.engine);
    for (const QString &setting : settings) {
        QSqlQuery q(db);
        // Switching a fresh SQLite file to WAL takes an exclusive lock, and
        // SQLite does not wait for it through busy_timeout: another process
        // opening the same new file at this moment makes it BUSY. Wait as a
        // write would.
        QDeadlineTimer patience{std::chrono::milliseconds(EngineSql::kLockWaitMs)};
        bool done = q.exec(setting);
        while (!done && m_location.engine == Engine::Sqlite && isBusy(q.lastError())
               && !patience.hasExpired()) {
            QThread::msleep(20);
            done = q.exec(setting);
        }
        if (!done) {
            if (error)
                *error = QCoreApplication::translate("Database", "Cannot open the database %1: %2")
                             .arg(QDir::toNativeSeparators(path()), errorText(q.lastError()));
            return false;
        }
        if (setting.contains(u"journal_mode") && q.next()
            && q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0) {
            // Some file systems (network shares) cannot do WAL; SQLite then keeps
            // its rollback journal, which is slower but still safe.
            qWarning("CancelDesk: the database could not switch to WAL mode");
        }
    }
    return true;
}

void Database::dropConnection(QThread *thread) const
{
    QMutexLocker lock(&m_mutex);
    const QString name = m_connections.take(thread);
    if (const auto watch = m_threadWatches.constFind(thread); watch != m_threadWatches.cend()) {
        QObject::disconnect(watch.value());
        m_threadWatches.erase(watch);
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

namespace {

QString brokenMigrationsText(const QString &detail)
{
    return QCoreApplication::translate("Database",
                                       "The program's database migrations are broken (%1).")
        .arg(detail);
}

// The database's folder (0700) and file (0600), unless they exist.
bool createPrivateStore(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!makePrivateFolder(info.absolutePath())) {
        *error = QCoreApplication::translate("Database", "Cannot create the folder %1.")
                     .arg(QDir::toNativeSeparators(info.absolutePath()));
        return false;
    }
    if (!createPrivateFile(path)) {
        *error = QCoreApplication::translate("Database", "Cannot open the database %1: %2")
                     .arg(QDir::toNativeSeparators(path), QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    return true;
}

// Whether a file at schema version `current` can be taken to `target`: not
// one written by a newer program, nor one already past the target.
bool canMigrate(const QString &path, int current, int target, QString *error)
{
    if (current > Database::latestSchemaVersion()) {
        *error = QCoreApplication::translate(
                     "Database",
                     "The database %1 was written by a newer CancelDesk (schema version %2; this "
                     "program knows up to %3). Use a newer CancelDesk, or another database file.")
                     .arg(QDir::toNativeSeparators(path))
                     .arg(current)
                     .arg(Database::latestSchemaVersion());
        return false;
    }
    if (current > target) {
        *error = QCoreApplication::translate(
                     "Database", "The database %1 is already at schema version %2, past %3.")
                     .arg(QDir::toNativeSeparators(path))
                     .arg(current)
                     .arg(target);
        return false;
    }
    return true;
}

// One migration in one transaction, user_version included: a crash leaves the
// file at the previous version, never half-migrated. The version is read again
// inside the write transaction: another process opening the same fresh file at
// the same moment may have migrated it meanwhile.
bool applyMigration(QSqlDatabase &db, const QString &path, const Migration &migration,
                    QString *error)
{
    QFile file(migration.resource);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = brokenMigrationsText(migration.resource);
        return false;
    }
    const QString script = QString::fromUtf8(file.readAll());

    const Engine engine = engineOf(db);
    WriteTransaction tx(db);
    if (!tx.begin(error))
        return false;
    int current = 0;
    if (migration.version == 1) {
        // A fresh PostgreSQL database gets its schema and version table first.
        const QStringList bootstrap = EngineSql::versionBootstrap(engine);
        for (const QString &statement : bootstrap) {
            QSqlError sqlError;
            if (!execute(db, statement, &sqlError)) {
                *error =
                    QCoreApplication::translate("Database", "Cannot create the schema in %1: %2")
                        .arg(QDir::toNativeSeparators(path), Database::errorText(sqlError));
                return false;
            }
        }
    }
    if (!readSchemaVersion(db, path, &current, error))
        return false;
    if (current >= migration.version)
        return true; // done by the other process; tx rolls back nothing
    QStringList statements = splitSqlScript(script);
    statements.append(EngineSql::writeVersion(engine, migration.version));
    for (const QString &statement : std::as_const(statements)) {
        QSqlError sqlError;
        if (!execute(db, statement, &sqlError)) {
            *error = QCoreApplication::translate(
                         "Database", "Cannot upgrade the database %1 to schema version %2: %3")
                         .arg(QDir::toNativeSeparators(path))
                         .arg(migration.version)
                         .arg(Database::errorText(sqlError));
            return false;
        }
    }
    return tx.commit(error);
}

} // namespace

bool Database::migrate(int targetVersion, QString *error)
{
    QString ignored;
    QString *const err = error ? error : &ignored;
    m_openFailure = OpenFailure::Other; // until it has worked
    {
        QMutexLocker lock(&m_mutex);
        m_connectError = QSqlError();
    }

    if (!m_locationError.isEmpty()) {
        *err = m_locationError;
        return false;
    }
    const MigrationSet &set = migrationSet(m_location.engine);
    if (!set.error.isEmpty() || set.migrations.size() != latestSchemaVersion()) {
        // A build problem, not the operator's: say it plainly but do not go on.
        *err = brokenMigrationsText(
            set.error.isEmpty() ? u"the engines' migrations differ in number"_s : set.error);
        return false;
    }
    if (m_location.engine == Engine::Sqlite && !createPrivateStore(m_location.path, err))
        return false;
    QSqlDatabase db = openConnection(err);
    if (!db.isOpen()) {
        QMutexLocker lock(&m_mutex);
        if (m_connectError.type() == QSqlError::ConnectionError) {
            m_openFailure = EngineSql::isLoginRefused(m_connectError) ? OpenFailure::LoginRefused
                                                                      : OpenFailure::NoConnection;
        }
        return false;
    }
    int current = 0;
    if (!readSchemaVersion(db, path(), &current, err)
        || !canMigrate(path(), current, targetVersion, err))
        return false;
    for (const Migration &migration : set.migrations) {
        if (migration.version > current && migration.version <= targetVersion
            && !applyMigration(db, path(), migration, err))
            return false;
    }
    m_serverClock.store(m_location.engine == Engine::PostgreSql
                            && targetVersion >= kServerClockVersion,
                        std::memory_order_relaxed);
    if (!refreshTeamLogin(err))
        return false;
    m_openFailure = OpenFailure::None;
    return true;
}

QString Database::teamLogin() const
{
    QMutexLocker lock(&m_mutex);
    return m_teamLogin;
}

bool Database::refreshTeamLogin(QString *error)
{
    QString login;
    if (m_serverClock.load(std::memory_order_relaxed)) {
        QSqlError sqlError;
        if (!EngineSql::readTeamLogin(connection(), &login, &sqlError)) {
            if (error)
                *error = QCoreApplication::translate("Database",
                                                     "Cannot read who this team database's login "
                                                     "is: %1")
                             .arg(errorText(sqlError));
            return false;
        }
    }
    QMutexLocker lock(&m_mutex);
    m_teamLogin = login;
    return true;
}

QDateTime Database::clockNow() const
{
    qint64 ms = 0;
    if (m_serverClock.load(std::memory_order_relaxed)
        && EngineSql::serverClockMs(connection(), &ms))
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return QDateTime::currentDateTimeUtc();
}

Engine engineOf(const QSqlDatabase &db)
{
    return db.driverName() == u"QPSQL" ? Engine::PostgreSql : Engine::Sqlite;
}

namespace {

// The advisory lock every CancelDesk writer of a PostgreSQL database takes
// first ("CDWL"). Advisory locks belong to one database, so two team
// databases on one server do not share it.
constexpr qint64 kWriteLockKey = 0x4344574C;

void run(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    q.exec(sql);
}

} // namespace

WriteTransaction::WriteTransaction(const QSqlDatabase &db)
    : m_db(db)
{}

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        run(m_db, u"ROLLBACK"_s);
}

bool WriteTransaction::begin(QString *error)
{
    Q_ASSERT(!m_active);
    const bool postgres = engineOf(m_db) == Engine::PostgreSql;
    QSqlQuery q(m_db);
    if (!q.exec(postgres ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s)) {
        if (error)
            *error = Database::errorText(q.lastError());
        return false;
    }
    m_active = true;
    if (postgres && !q.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kWriteLockKey))) {
        if (error)
            *error = Database::errorText(q.lastError());
        run(m_db, u"ROLLBACK"_s);
        m_active = false;
        return false;
    }
    return true;
}

bool WriteTransaction::commit(QString *error)
{
    Q_ASSERT(m_active);
    QSqlQuery q(m_db);
    if (!q.exec(u"COMMIT"_s)) {
        // Still active (e.g. SQLITE_BUSY on commit): the destructor rolls back.
        if (error)
            *error = Database::errorText(q.lastError());
        return false;
    }
    m_active = false;
    return true;
}

ReadSnapshot::ReadSnapshot(const QSqlDatabase &db)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_active = q.exec(engineOf(m_db) == Engine::PostgreSql
                          ? u"BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"_s
                          : u"BEGIN"_s);
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_active)
        run(m_db, u"COMMIT"_s);
}

Savepoint::Savepoint(const QSqlDatabase &db)
    : m_db(db)
{
    QSqlQuery q(m_db);
    m_active = q.exec(u"SAVEPOINT canceldesk_step"_s);
}

Savepoint::~Savepoint()
{
    if (m_active)
        run(m_db, u"RELEASE SAVEPOINT canceldesk_step"_s);
}

void Savepoint::rollback()
{
    if (m_active)
        run(m_db, u"ROLLBACK TO SAVEPOINT canceldesk_step"_s);
}

} // namespace CancelDesk::Storage
