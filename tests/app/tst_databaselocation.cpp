// Where the store is (PRODUCT.md F20): a SQLite path or a PostgreSQL URL,
// parsed and checked once; a URL with a password is refused without ever
// being repeated.
#include "storage/databaselocation.h"

#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using CancelDesk::Storage::DatabaseLocation;
using Engine = CancelDesk::Storage::DatabaseLocation::Engine;

namespace {

DatabaseLocation postgres(const QString &host, int port, const QString &db, const QString &user)
{
    DatabaseLocation l;
    l.engine = Engine::PostgreSql;
    l.host = host;
    l.port = port;
    l.databaseName = db;
    l.userName = user;
    return l;
}

DatabaseLocation with(DatabaseLocation l, const std::function<void(DatabaseLocation &)> &change)
{
    change(l);
    return l;
}

} // namespace

Q_DECLARE_METATYPE(CancelDesk::Storage::DatabaseLocation)

class TestDatabaseLocation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sqlitePaths_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("relative") << u"orders.sqlite"_s;
        QTest::addRow("relative folder") << u"data/canceldesk.sqlite"_s;
        QTest::addRow("absolute") << u"/var/lib/canceldesk/canceldesk-production.sqlite"_s;
        QTest::addRow("spaces") << u"/home/a b/My Orders.sqlite"_s;
        QTest::addRow("leading space kept") << u" orders.sqlite"_s;
        QTest::addRow("another scheme") << u"mysql://host/db"_s;
        QTest::addRow("postgres-like name") << u"postgresql.sqlite"_s;
        QTest::addRow("question mark") << u"file.sqlite?mode=ro"_s;
    }

    void sqlitePaths()
    {
        QFETCH(QString, text);
        const auto parsed = DatabaseLocation::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.location.engine, Engine::Sqlite);
        QVERIFY(!parsed.location.isTeam());
        QCOMPARE(parsed.location.path, text);
        QCOMPARE(parsed.location.displayName(), text);
        QCOMPARE(parsed.location, DatabaseLocation::sqlite(text));
    }

    void emptyRefused()
    {
        QVERIFY(!DatabaseLocation::parse({}).ok());
        QVERIFY(!DatabaseLocation::parse(u"   "_s).ok());
    }

    void postgresUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<DatabaseLocation>("expected");

        QTest::addRow("full") << u"postgresql://alice@db.example.com:6543/canceldesk"_s
                              << postgres(u"db.example.com"_s, 6543, u"canceldesk"_s, u"alice"_s);
        QTest::addRow("postgres scheme")
            << u"postgres://alice@db.example.com/canceldesk"_s
            << postgres(u"db.example.com"_s, 5432, u"canceldesk"_s, u"alice"_s);
        QTest::addRow("uppercase scheme")
            << u"POSTGRESQL://alice@db.example.com/canceldesk"_s
            << postgres(u"db.example.com"_s, 5432, u"canceldesk"_s, u"alice"_s);
        QTest::addRow("mixed-case postgres scheme")
            << u"Postgres://db.example.com/canceldesk"_s
            << postgres(u"db.example.com"_s, 5432, u"canceldesk"_s, {});
        QTest::addRow("no user") << u"postgresql://db.example.com:5432/canceldesk"_s
                                 << postgres(u"db.example.com"_s, 5432, u"canceldesk"_s, {});
        QTest::addRow("no host") << u"postgresql:///canceldesk"_s
                                 << postgres({}, 5432, u"canceldesk"_s, {});
        QTest::addRow("user, no host")
            << u"postgresql://bob@/canceldesk"_s << postgres({}, 5432, u"canceldesk"_s, u"bob"_s);
        QTest::addRow("ipv4") << u"postgresql://127.0.0.1:5433/cd"_s
                              << postgres(u"127.0.0.1"_s, 5433, u"cd"_s, {});
        QTest::addRow("ipv6") << u"postgresql://carol@[::1]:5433/cd"_s
                              << postgres(u"::1"_s, 5433, u"cd"_s, u"carol"_s);
        QTest::addRow("ipv6 default port")
            << u"postgresql://[2001:db8::7]/cd"_s << postgres(u"2001:db8::7"_s, 5432, u"cd"_s, {});
        QTest::addRow("percent-encoded")
            << u"postgresql://o%27brien%40corp@db.example.com/my%20orders%2F2026"_s
            << postgres(u"db.example.com"_s, 5432, u"my orders/2026"_s, u"o'brien@corp"_s);
        QTest::addRow("utf-8 database name") << u"postgresql://db.example.com/%E8%AE%A2%E5%8D%95"_s
                                             << postgres(u"db.example.com"_s, 5432, u"订单"_s, {});
        QTest::addRow("socket host param")
            << u"postgresql://postgres@/dbname?host=/tmp/cdpg-x/sock&port=5433"_s
            << with(postgres({}, 5433, u"dbname"_s, u"postgres"_s),
                    [](DatabaseLocation &l) { l.socketDir = u"/tmp/cdpg-x/sock"_s; });
        QTest::addRow("socket encoded as host")
            << u"postgresql://%2Fvar%2Frun%2Fpostgresql/cd"_s
            << with(postgres({}, 5432, u"cd"_s, {}),
                    [](DatabaseLocation &l) { l.socketDir = u"/var/run/postgresql"_s; });
        QTest::addRow("every parameter")
            << u"postgresql://alice@db.example.com/cd?sslmode=verify-full"
               "&sslrootcert=/etc/ssl/team%20ca.pem&connect_timeout=12"
               "&application_name=CancelDesk%20desk%203&target_session_attrs=read-write"_s
            << with(postgres(u"db.example.com"_s, 5432, u"cd"_s, u"alice"_s),
                    [](DatabaseLocation &l) {
                        l.sslMode = u"verify-full"_s;
                        l.sslRootCert = u"/etc/ssl/team ca.pem"_s;
                        l.connectTimeoutSeconds = 12;
                        l.applicationName = u"CancelDesk desk 3"_s;
                        l.targetSessionAttrs = u"read-write"_s;
                    });
        for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca"}) {
            QTest::addRow("sslmode %s", mode)
                << u"postgresql://h/cd?sslmode="_s + QLatin1StringView(mode)
                << with(postgres(u"h"_s, 5432, u"cd"_s, {}),
                        [mode](DatabaseLocation &l) { l.sslMode = QLatin1StringView(mode); });
        }
        QTest::addRow("trailing ampersand")
            << u"postgresql://h/cd?sslmode=require&"_s
            << with(postgres(u"h"_s, 5432, u"cd"_s, {}),
                    [](DatabaseLocation &l) { l.sslMode = u"require"_s; });
        QTest::addRow("surrounding spaces")
            << u"  postgresql://h/cd  "_s << postgres(u"h"_s, 5432, u"cd"_s, {});
    }

    void postgresUrls()
    {
        QFETCH(QString, text);
        QFETCH(DatabaseLocation, expected);
        const auto parsed = DatabaseLocation::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.location.engine, Engine::PostgreSql);
        QVERIFY(parsed.location.isTeam());
        QCOMPARE(parsed.location.host, expected.host);
        QCOMPARE(parsed.location.socketDir, expected.socketDir);
        QCOMPARE(parsed.location.port, expected.port);
        QCOMPARE(parsed.location.databaseName, expected.databaseName);
        QCOMPARE(parsed.location.userName, expected.userName);
        QCOMPARE(parsed.location.sslMode, expected.sslMode);
        QCOMPARE(parsed.location.sslRootCert, expected.sslRootCert);
        QCOMPARE(parsed.location.connectTimeoutSeconds, expected.connectTimeoutSeconds);
        QCOMPARE(parsed.location.applicationName, expected.applicationName);
        QCOMPARE(parsed.location.targetSessionAttrs, expected.targetSessionAttrs);
        QCOMPARE(parsed.location, expected);
        // The display form reads back as the same place.
        const auto again = DatabaseLocation::parse(parsed.location.displayName());
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(again.location.host, expected.host);
        QCOMPARE(again.location.socketDir, expected.socketDir);
        QCOMPARE(again.location.port, expected.port);
        QCOMPARE(again.location.databaseName, expected.databaseName);
        QCOMPARE(again.location.userName, expected.userName);
        QCOMPARE(again.location.sslMode, expected.sslMode);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret"); // must not appear in the message
        QTest::addColumn<QString>("says");   // what the message must mention

        const QString where = u"PGPASSWORD"_s;
        QTest::addRow("password in userinfo")
            << u"postgresql://alice:Hunter2Secret@db.example.com/cd"_s << u"Hunter2Secret"_s
            << where;
        QTest::addRow("empty password")
            << u"postgresql://alice:@db.example.com/cd"_s << u"alice:@"_s << where;
        QTest::addRow("password with an at sign")
            << u"postgresql://alice:pa@ss@db.example.com/cd"_s << u"pa@ss"_s << where;
        QTest::addRow("encoded password")
            << u"postgresql://alice:s%65cr%65tXY@db.example.com/cd"_s << u"secretXY"_s << where;
        QTest::addRow("password parameter")
            << u"postgresql://alice@db.example.com/cd?password=Hunter2Secret"_s
            << u"Hunter2Secret"_s << where;
        QTest::addRow("password parameter, other case")
            << u"postgresql://db.example.com/cd?sslmode=require&PassWord=Hunter2Secret"_s
            << u"Hunter2Secret"_s << where;
        QTest::addRow("passfile parameter")
            << u"postgresql://db.example.com/cd?passfile=/home/a/secret-pass-file"_s
            << u"secret-pass-file"_s << where;
        QTest::addRow("unknown parameter") << u"postgresql://db.example.com/cd?sslcompression=1"_s
                                           << u"db.example.com"_s << u"sslcompression"_s;
        QTest::addRow("parameter without value")
            << u"postgresql://db.example.com/cd?Hunter2Secret"_s << u"Hunter2Secret"_s
            << u"name=value"_s;
        QTest::addRow("parameter twice")
            << u"postgresql://db.example.com/cd?sslmode=require&sslmode=disable"_s
            << u"db.example.com"_s << u"sslmode"_s;
        QTest::addRow("host twice") << u"postgresql://db.example.com/cd?host=/tmp/sock"_s
                                    << u"db.example.com"_s << u"host"_s;
        QTest::addRow("port twice") << u"postgresql://db.example.com:5433/cd?port=5434"_s
                                    << u"db.example.com"_s << u"port"_s;
        QTest::addRow("host param not a folder")
            << u"postgresql:///cd?host=db.example.com"_s << u"db.example.com"_s << u"host"_s;
        QTest::addRow("port text")
            << u"postgresql://db.example.com:pg/cd"_s << u"db.example.com"_s << u"65535"_s;
        QTest::addRow("port zero")
            << u"postgresql://db.example.com:0/cd"_s << u"db.example.com"_s << u"65535"_s;
        QTest::addRow("port too big")
            << u"postgresql://db.example.com:65536/cd"_s << u"db.example.com"_s << u"65535"_s;
        QTest::addRow("port empty")
            << u"postgresql://db.example.com:/cd"_s << u"db.example.com"_s << u"65535"_s;
        QTest::addRow("port param")
            << u"postgresql:///cd?host=/tmp/s&port=-1"_s << u"/tmp/s"_s << u"65535"_s;
        QTest::addRow("sslmode") << u"postgresql://db.example.com/cd?sslmode=on"_s
                                 << u"db.example.com"_s << u"verify-full"_s;
        QTest::addRow("sslmode case") << u"postgresql://db.example.com/cd?sslmode=Require"_s
                                      << u"db.example.com"_s << u"verify-full"_s;
        QTest::addRow("connect_timeout") << u"postgresql://db.example.com/cd?connect_timeout=soon"_s
                                         << u"db.example.com"_s << u"connect_timeout"_s;
        QTest::addRow("connect_timeout signed")
            << u"postgresql://db.example.com/cd?connect_timeout=%2B5"_s << u"db.example.com"_s
            << u"connect_timeout"_s;
        QTest::addRow("connect_timeout too long")
            << u"postgresql://db.example.com/cd?connect_timeout=3601"_s << u"db.example.com"_s
            << u"connect_timeout"_s;
        QTest::addRow("connect_timeout zero")
            << u"postgresql://db.example.com/cd?connect_timeout=0"_s << u"db.example.com"_s
            << u"connect_timeout"_s;
        QTest::addRow("target_session_attrs")
            << u"postgresql://db.example.com/cd?target_session_attrs=fast"_s << u"db.example.com"_s
            << u"target_session_attrs"_s;
        QTest::addRow("semicolon") << u"postgresql://h/cd?application_name=a%3Bpassword%3Dx"_s
                                   << u"password=x"_s << u"application_name"_s;
        QTest::addRow("no database")
            << u"postgresql://db.example.com"_s << u"db.example.com"_s << u"dbname"_s;
        QTest::addRow("no database, slash")
            << u"postgresql://alice@db.example.com:5432/"_s << u"db.example.com"_s << u"dbname"_s;
        QTest::addRow("no database, params") << u"postgresql://db.example.com/?sslmode=require"_s
                                             << u"db.example.com"_s << u"dbname"_s;
        QTest::addRow("two hosts")
            << u"postgresql://a.example.com,b.example.com/cd"_s << u"a.example.com"_s << u"host"_s;
        QTest::addRow("unclosed ipv6") << u"postgresql://[::1/cd"_s << u"::1"_s << u"host"_s;
        QTest::addRow("no slashes")
            << u"postgresql:db.example.com/cd"_s << u"db.example.com"_s << u"postgresql://"_s;
    }

    void refusals()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        QFETCH(QString, says);
        const auto parsed = DatabaseLocation::parse(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(says), qPrintable(parsed.error));
        QVERIFY2(!parsed.error.contains(secret), qPrintable(parsed.error));
        QVERIFY2(!parsed.error.contains(text.trimmed()), qPrintable(parsed.error));
        QCOMPARE(parsed.location, DatabaseLocation());
    }

    void displayName_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("display");
        QTest::addRow("full") << u"postgresql://alice@db.example.com:6543/cd"_s
                              << u"postgresql://alice@db.example.com:6543/cd"_s;
        QTest::addRow("scheme and port made plain")
            << u"POSTGRES://alice@db.example.com/cd"_s
            << u"postgresql://alice@db.example.com:5432/cd"_s;
        QTest::addRow("no user") << u"postgresql://db.example.com/cd"_s
                                 << u"postgresql://db.example.com:5432/cd"_s;
        QTest::addRow("ipv6") << u"postgresql://[::1]:5433/cd"_s << u"postgresql://[::1]:5433/cd"_s;
        QTest::addRow("sslmode kept, the rest left out")
            << u"postgresql://h/cd?application_name=x&sslmode=verify-full&connect_timeout=9"
               "&sslrootcert=/etc/ca.pem&target_session_attrs=any"_s
            << u"postgresql://h:5432/cd?sslmode=verify-full"_s;
        QTest::addRow("socket")
            << u"postgresql://postgres@/dbname?host=/tmp/cdpg-x/sock&port=5433"_s
            << u"postgresql://postgres@:5433/dbname?host=/tmp/cdpg-x/sock"_s;
        QTest::addRow("encoded again") << u"postgresql://o%27brien%40corp@h/my%20orders%2F26"_s
                                       << u"postgresql://o'brien%40corp@h:5432/my%20orders%2F26"_s;
        QTest::addRow("unicode readable")
            << u"postgresql://h/%E8%AE%A2%E5%8D%95"_s << u"postgresql://h:5432/订单"_s;
    }

    void displayName()
    {
        QFETCH(QString, text);
        QFETCH(QString, display);
        const auto parsed = DatabaseLocation::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.location.displayName(), display);
    }

    void connectOptions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("host"); // for setHostName
        QTest::addRow("defaults") << u"postgresql://db.example.com/cd"_s << u"connect_timeout=5"_s
                                  << u"db.example.com"_s;
        QTest::addRow("no sslmode unless given")
            << u"postgresql://db.example.com/cd?connect_timeout=30"_s << u"connect_timeout=30"_s
            << u"db.example.com"_s;
        QTest::addRow("every parameter")
            << u"postgresql://[::1]/cd?sslmode=verify-ca&sslrootcert=/etc/ssl/o'k%5Cca.pem"
               "&connect_timeout=12&application_name=CancelDesk%20desk%203"
               "&target_session_attrs=read-write"_s
            << u"sslmode=verify-ca;sslrootcert='/etc/ssl/o\\'k\\\\ca.pem';connect_timeout=12;"
               "application_name='CancelDesk desk 3';target_session_attrs=read-write"_s
            << u"::1"_s;
        QTest::addRow("socket") << u"postgresql://postgres@/dbname?host=/tmp/cdpg-x/sock"_s
                                << u"connect_timeout=5"_s << u"/tmp/cdpg-x/sock"_s;
        QTest::addRow("default socket")
            << u"postgresql:///dbname"_s << u"connect_timeout=5"_s << QString();
    }

    void connectOptions()
    {
        QFETCH(QString, text);
        QFETCH(QString, options);
        QFETCH(QString, host);
        const auto parsed = DatabaseLocation::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QCOMPARE(parsed.location.libpqConnectOptions(), options);
        QCOMPARE(parsed.location.connectHost(), host);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "tst_databaselocation.moc"
