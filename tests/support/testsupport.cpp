#include "testsupport.h"

#include <QtTest>

namespace CancelDesk::Test {

QDateTime at(const QString &isoWithOffset)
{
    const QDateTime t = QDateTime::fromString(isoWithOffset, Qt::ISODate);
    if (!t.isValid())
        qFatal("bad test time: %s", qPrintable(isoWithOffset));
    return t.toUTC();
}

} // namespace CancelDesk::Test
