#include "testsupport.h"

#include <QDir>
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

} // namespace CancelDesk::Test
