#include "testsupport.h"

#include "pgserver.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace CancelDesk::Test {

QDateTime at(const QString &isoWithOffset)
{
    const QDateTime t = QDateTime::fromString(isoWithOffset, Qt::ISODate);
    if (!t.isValid())
        qFatal("bad test time: %s", qPrintable(isoWithOffset));
    return t.toUTC();
}

QByteArray fixture(const QString &relativePath)
{
    QFile file(QStringLiteral(CANCELDESK_TEST_DATA_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test fixture %s", qPrintable(relativePath));
    return file.readAll();
}

QString shotPath(const QString &fileName)
{
    QString dir = qEnvironmentVariable("CANCELDESK_SHOTS_DIR");
    if (dir.isEmpty())
        dir = QDir::temp().filePath(QStringLiteral("canceldesk-shots"));
    QDir().mkpath(dir);
    return QDir(dir).filePath(fileName);
}

QString engine()
{
    const QString name = qEnvironmentVariable("CANCELDESK_TEST_ENGINE");
    if (name.isEmpty() || name == QLatin1String("sqlite"))
        return QStringLiteral("sqlite");
    if (name == QLatin1String("postgresql"))
        return name;
    qFatal("CANCELDESK_TEST_ENGINE=%s: use sqlite or postgresql", qPrintable(name));
}

bool enginePostgres()
{
    return engine() == QLatin1String("postgresql");
}

QString storeLocation(const QTemporaryDir &dir, const QString &fileName)
{
    if (!enginePostgres())
        return dir.filePath(fileName);
    QString error;
    const QString url = PgServer::instance()->createDatabase(&error);
    if (url.isEmpty())
        qFatal("CANCELDESK_TEST_ENGINE=postgresql, but no test database: %s", qPrintable(error));
    return url;
}

} // namespace CancelDesk::Test
