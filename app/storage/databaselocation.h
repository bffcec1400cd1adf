#pragma once

#include <QString>

namespace CancelDesk::Storage {

struct DatabaseLocationParse;

// Why a store could not be opened, for a caller that can do something about
// it: the console asks for the password when the team database refused the
// login (or wanted a password), and offers to try again when it could not be
// reached. Other: anything else (the schema, a file, a permission); None: it
// opened.
enum class OpenFailure { None, NoConnection, LoginRefused, Other };

// Where the store is (PRODUCT.md F20): a SQLite file, the embedded default,
// or a PostgreSQL database (team mode) named by a libpq-style URL
//   postgresql://[user@][host][:port]/dbname[?name=value&...]
// (postgres:// too, the scheme in any case). Anything else is a SQLite file
// path, taken exactly as written. --db and [database] url are both read here.
//
// A URL never carries a password: libpq finds it in PGPASSWORD or ~/.pgpass,
// the console in the OS keychain. A URL with one (user:pw@, password=,
// passfile=) is refused, and no message ever repeats the URL.
struct DatabaseLocation
{
    enum class Engine { Sqlite, PostgreSql };

    static constexpr int kDefaultPort = 5432;
    // libpq waits forever by default; a console must not.
    static constexpr int kDefaultConnectTimeoutSeconds = 5;

    Engine engine = Engine::Sqlite;
    // SQLite: the file, as written.
    QString path;

    // PostgreSQL, percent-decoded. Empty text means libpq's own default.
    QString host;      // a name or an address (IPv6 without brackets); empty: the default socket
    QString socketDir; // ?host=/folder (or a percent-encoded /folder as the host): a Unix socket
    int port = kDefaultPort;
    QString databaseName;
    QString userName; // empty: libpq's default, the OS login
    QString sslMode;  // disable | allow | prefer | require | verify-ca | verify-full
    QString sslRootCert;
    int connectTimeoutSeconds = kDefaultConnectTimeoutSeconds;
    QString applicationName;
    QString targetSessionAttrs;

    // Reads --db or [database] url. The error is translated and holds neither
    // the text nor any part of a secret.
    static DatabaseLocationParse parse(const QString &text);
    static DatabaseLocation sqlite(const QString &path);

    bool isTeam() const { return engine == Engine::PostgreSql; }
    // The login libpq connects as: userName, else PGUSER, else the OS login.
    QString loginName() const;
    // For QSqlDatabase::setHostName: the socket folder, else the host.
    QString connectHost() const;
    // For messages, notes and keys: the SQLite path, or the URL without any
    // secret: postgresql://user@host:port/db (with ?host=… for a socket
    // folder and ?sslmode=… when given). Parsing it gives this location back
    // (less the options it leaves out).
    QString displayName() const;
    // For QSqlDatabase::setConnectOptions with QPSQL: "name=value" pairs
    // separated by ';' (the driver turns them into spaces), free text quoted
    // the libpq way. Host, port, database and user are not in it: they go
    // through setHostName, setPort, setDatabaseName and setUserName.
    QString libpqConnectOptions() const;

    friend bool operator==(const DatabaseLocation &, const DatabaseLocation &) = default;
};

struct DatabaseLocationParse
{
    DatabaseLocation location;
    QString error; // translated; empty on success
    bool ok() const { return error.isEmpty(); }
};

} // namespace CancelDesk::Storage
