#include "databaselocation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <array>
#include <optional>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Storage {
namespace {

constexpr std::array kSslModes = {u"disable", u"allow",     u"prefer",
                                  u"require", u"verify-ca", u"verify-full"};
constexpr std::array kSessionAttrs = {u"any",     u"read-write", u"read-only",
                                      u"primary", u"standby",    u"prefer-standby"};
constexpr int kMaxConnectTimeoutSeconds = 3600;

// The messages. None of them takes the URL or a value from it: a URL may hold
// a password, and a value in the wrong place may be one.
QString passwordRefusedText()
{
    return QCoreApplication::translate(
        "DatabaseLocation",
        "A database URL must not hold a password. Give it in the PGPASSWORD environment "
        "variable, in ~/.pgpass (mode 0600) or in the OS keychain.");
}

QString emptyText()
{
    return QCoreApplication::translate("DatabaseLocation", "No database is given.");
}

QString schemeText()
{
    return QCoreApplication::translate("DatabaseLocation",
                                       "A database URL starts with postgresql:// or postgres://.");
}

QString noDatabaseText()
{
    return QCoreApplication::translate(
        "DatabaseLocation",
        "The database URL names no database: write postgresql://[user@]host[:port]/dbname.");
}

QString badHostText()
{
    return QCoreApplication::translate("DatabaseLocation",
                                       "The host in the database URL is not valid: give one host "
                                       "name, IPv4 address or [IPv6] address.");
}

QString badPortText()
{
    return QCoreApplication::translate(
        "DatabaseLocation", "The port in the database URL must be a number from 1 to 65535.");
}

QString hostParameterText()
{
    return QCoreApplication::translate(
        "DatabaseLocation",
        "host= in the database URL must be a socket folder (an absolute path); write a host "
        "name as postgresql://host/dbname instead.");
}

QString malformedParameterText()
{
    return QCoreApplication::translate(
        "DatabaseLocation", "Each parameter of the database URL must be written name=value.");
}

QString unknownParameterText(const QString &name)
{
    return QCoreApplication::translate(
               "DatabaseLocation",
               "The database URL has an unknown parameter %1. Known parameters: sslmode, "
               "sslrootcert, host, port, connect_timeout, application_name, "
               "target_session_attrs.")
        .arg(name);
}

QString twiceText(const QString &name)
{
    return QCoreApplication::translate("DatabaseLocation", "The database URL gives %1 twice.")
        .arg(name);
}

QString sslModeText()
{
    return QCoreApplication::translate("DatabaseLocation",
                                       "sslmode in the database URL must be one of disable, "
                                       "allow, prefer, require, verify-ca, verify-full.");
}

QString sessionAttrsText()
{
    return QCoreApplication::translate(
        "DatabaseLocation",
        "target_session_attrs in the database URL must be one of any, read-write, read-only, "
        "primary, standby, prefer-standby.");
}

QString connectTimeoutText()
{
    return QCoreApplication::translate("DatabaseLocation",
                                       "connect_timeout in the database URL must be a whole "
                                       "number of seconds from 1 to %1.")
        .arg(kMaxConnectTimeoutSeconds);
}

QString semicolonText(const QString &name)
{
    return QCoreApplication::translate("DatabaseLocation",
                                       "%1 in the database URL must not contain a semicolon.")
        .arg(name);
}

QString decoded(QStringView text)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text.toUtf8()));
}

template<size_t N> bool oneOf(const QString &value, const std::array<const char16_t *, N> &set)
{
    for (const char16_t *item : set) {
        if (value == QStringView(item))
            return true;
    }
    return false;
}

// Digits only, from min to max (toInt would take "+5" and " 5").
std::optional<int> wholeNumber(const QString &text, int min, int max)
{
    static const QRegularExpression digits(u"^[0-9]{1,9}$"_s);
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    const int number = text.toInt();
    if (number < min || number > max)
        return std::nullopt;
    return number;
}

std::optional<int> portNumber(const QString &text)
{
    return wholeNumber(text, 1, 65535);
}

// The display form: only the characters that would change how it parses
// back (or hide in a terminal) are encoded; any other letter stays readable.
QString encoded(const QString &text, QStringView keep = {})
{
    static const QString special = u"%@:/?#&=[]; "_s;
    QString out;
    for (const QChar c : text) {
        if ((special.contains(c) && !keep.contains(c)) || c.unicode() < 0x20
            || c.unicode() == 0x7f) {
            for (const char byte : QString(c).toUtf8())
                out += u"%%1"_s.arg(uint(static_cast<uchar>(byte)), 2, 16, QChar(u'0')).toUpper();
        } else {
            out += c;
        }
    }
    return out;
}

// A value for a libpq conninfo string: single-quoted, \ and ' escaped.
QString quoted(QString value)
{
    value.replace(u'\\', u"\\\\"_s);
    value.replace(u'\'', u"\\'"_s);
    return u'\'' + value + u'\'';
}

class UrlParser
{
public:
    explicit UrlParser(DatabaseLocation &location)
        : m_l(location)
    {}

    // text without the scheme and "//". Returns the first problem.
    QString parse(QStringView text)
    {
        QStringView rest = text;
        QStringView query;
        if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
            query = rest.mid(q + 1);
            rest = rest.left(q);
        }
        QStringView authority = rest;
        QStringView path;
        if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
            authority = rest.left(slash);
            path = rest.mid(slash + 1);
        }
        // The last @: a password holding an unencoded @ is still seen as one.
        if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
            const QStringView userInfo = authority.left(at);
            if (userInfo.contains(u':'))
                return passwordRefusedText();
            m_l.userName = decoded(userInfo);
            authority = authority.mid(at + 1);
        }
        // The parameters first: a password among them is the refusal to give,
        // whatever else is wrong.
        if (QString error = parseQuery(query); !error.isEmpty())
            return error;
        if (QString error = parseHostPort(authority); !error.isEmpty())
            return error;
        m_l.databaseName = decoded(path);
        if (m_l.databaseName.isEmpty())
            return noDatabaseText();
        return {};
    }

private:
    QString parseHostPort(QStringView authority)
    {
        QStringView host = authority;
        QStringView port;
        bool hasPort = false;
        if (authority.startsWith(u'[')) {
            const qsizetype close = authority.indexOf(u']');
            if (close < 0)
                return badHostText();
            host = authority.mid(1, close - 1);
            const QStringView after = authority.mid(close + 1);
            if (!after.isEmpty() && !after.startsWith(u':'))
                return badHostText();
            hasPort = !after.isEmpty();
            port = after.mid(1);
            static const QRegularExpression ipv6(u"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$"_s);
            if (!ipv6.match(host).hasMatch())
                return badHostText();
        } else if (const qsizetype colon = authority.indexOf(u':'); colon >= 0) {
            host = authority.left(colon);
            port = authority.mid(colon + 1);
            hasPort = true;
        }
        if (hasPort) {
            if (m_portGiven)
                return twiceText(u"port"_s);
            const auto number = portNumber(port.toString());
            if (!number)
                return badPortText();
            m_l.port = *number;
        }
        const QString name = decoded(host);
        if (name.startsWith(u'/')) { // libpq: a percent-encoded socket folder
            if (!m_l.socketDir.isEmpty())
                return twiceText(u"host"_s);
            m_l.socketDir = name;
            return {};
        }
        static const QRegularExpression hostName(u"^[A-Za-z0-9._-]*$"_s);
        if (!authority.startsWith(u'[') && !hostName.match(name).hasMatch())
            return badHostText();
        if (!name.isEmpty() && !m_l.socketDir.isEmpty())
            return twiceText(u"host"_s);
        m_l.host = name;
        return {};
    }

    QString parseQuery(QStringView query)
    {
        QStringList seen;
        for (const QStringView item : query.split(u'&')) {
            if (item.isEmpty())
                continue;
            const qsizetype eq = item.indexOf(u'=');
            if (eq < 0) // a bare word may be a password typed in the wrong place
                return malformedParameterText();
            const QString name = decoded(item.left(eq));
            const QString value = decoded(item.mid(eq + 1));
            if (name.compare(u"password"_s, Qt::CaseInsensitive) == 0
                || name.compare(u"passfile"_s, Qt::CaseInsensitive) == 0)
                return passwordRefusedText();
            if (seen.contains(name))
                return twiceText(name);
            seen.append(name);
            if (QString error = parameter(name, value); !error.isEmpty())
                return error;
        }
        return {};
    }

    QString parameter(const QString &name, const QString &value)
    {
        if (name == u"host") {
            if (!value.startsWith(u'/'))
                return hostParameterText();
            m_l.socketDir = value;
        } else if (name == u"port") {
            const auto number = portNumber(value);
            if (!number)
                return badPortText();
            m_l.port = *number;
            m_portGiven = true;
        } else if (name == u"sslmode") {
            if (!oneOf(value, kSslModes))
                return sslModeText();
            m_l.sslMode = value;
        } else if (name == u"target_session_attrs") {
            if (!oneOf(value, kSessionAttrs))
                return sessionAttrsText();
            m_l.targetSessionAttrs = value;
        } else if (name == u"connect_timeout") {
            const auto seconds = wholeNumber(value, 1, kMaxConnectTimeoutSeconds);
            if (!seconds)
                return connectTimeoutText();
            m_l.connectTimeoutSeconds = *seconds;
        } else if (name == u"sslrootcert" || name == u"application_name") {
            // QPSQL turns every ';' of the options into a space.
            if (value.contains(u';'))
                return semicolonText(name);
            (name == u"sslrootcert" ? m_l.sslRootCert : m_l.applicationName) = value;
        } else {
            return unknownParameterText(name);
        }
        return {};
    }

    DatabaseLocation &m_l;
    bool m_portGiven = false;
};

} // namespace

DatabaseLocationParse DatabaseLocation::parse(const QString &text)
{
    DatabaseLocationParse result;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.error = emptyText();
        return result;
    }
    static const QRegularExpression scheme(u"^postgres(?:ql)?:"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = scheme.match(trimmed);
    if (!match.hasMatch()) {
        result.location = sqlite(text);
        return result;
    }
    const QStringView rest = QStringView(trimmed).mid(match.capturedLength());
    if (!rest.startsWith(u"//")) {
        result.error = schemeText();
        return result;
    }
    DatabaseLocation location;
    location.engine = Engine::PostgreSql;
    result.error = UrlParser(location).parse(rest.mid(2));
    if (result.ok())
        result.location = std::move(location);
    return result;
}

DatabaseLocation DatabaseLocation::sqlite(const QString &path)
{
    DatabaseLocation location;
    location.path = path;
    return location;
}

QString DatabaseLocation::loginName() const
{
    if (!userName.isEmpty())
        return userName;
    if (QString user = qEnvironmentVariable("PGUSER"); !user.isEmpty())
        return user;
    if (const passwd *entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER");
}

QString DatabaseLocation::connectHost() const
{
    return socketDir.isEmpty() ? host : socketDir;
}

QString DatabaseLocation::displayName() const
{
    if (!isTeam())
        return path;
    QString text = u"postgresql://"_s;
    if (!userName.isEmpty())
        text += encoded(userName) + u'@';
    text += host.contains(u':') ? u'[' + host + u']' : host;
    text += u':' + QString::number(port) + u'/' + encoded(databaseName);
    QStringList query;
    if (!socketDir.isEmpty())
        query << u"host="_s + encoded(socketDir, u"/");
    if (!sslMode.isEmpty())
        query << u"sslmode="_s + sslMode;
    if (!query.isEmpty())
        text += u'?' + query.join(u'&');
    return text;
}

QString DatabaseLocation::libpqConnectOptions() const
{
    if (!isTeam())
        return {};
    QStringList options;
    if (!sslMode.isEmpty())
        options << u"sslmode="_s + sslMode;
    if (!sslRootCert.isEmpty())
        options << u"sslrootcert="_s + quoted(sslRootCert);
    options << u"connect_timeout="_s + QString::number(connectTimeoutSeconds);
    if (!applicationName.isEmpty())
        options << u"application_name="_s + quoted(applicationName);
    if (!targetSessionAttrs.isEmpty())
        options << u"target_session_attrs="_s + targetSessionAttrs;
    return options.join(u';');
}

} // namespace CancelDesk::Storage
