#include "core/buildinfo.h"

#include "version.h"

#include <QStringList>

#include <libpq-fe.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::BuildInfo {

QString version()
{
    return QStringLiteral(CANCELDESK_VERSION);
}

QList<std::pair<QString, QString>> components()
{
    // OpenSSL_version(OPENSSL_VERSION) is "OpenSSL 3.0.17 1 Jul 2025": the
    // second word is the version.
    const QStringList openssl =
        QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)).split(u' ', Qt::SkipEmptyParts);
    // PQlibVersion(): major * 10000 + minor since PostgreSQL 10.
    const int pq = PQlibVersion();
    return {
        {u"Qt"_s, QString::fromLatin1(qVersion())},
        {u"OpenSSL"_s, openssl.value(1, openssl.value(0))},
        {u"SQLite"_s, QString::fromLatin1(sqlite3_libversion())},
        {u"libpq"_s, u"%1.%2"_s.arg(pq / 10000).arg(pq % 10000)},
    };
}

QString versionText(const QString &program)
{
    QStringList parts;
    for (const auto &[name, componentVersion] : components())
        parts.append(name + u' ' + componentVersion);
    return program + u' ' + version() + u'\n' + parts.join(u", "_s) + u'\n';
}

} // namespace CancelDesk::BuildInfo
