#pragma once

#include <QDateTime>
#include <QString>

namespace CancelDesk::Test {

// UTC instant from "2026-03-01T23:59:00+08:00"-style text; fails the test on bad text.
QDateTime at(const QString &isoWithOffset);

} // namespace CancelDesk::Test
