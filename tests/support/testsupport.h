#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace CancelDesk::Test {

// UTC instant from "2026-03-01T23:59:00+08:00"-style text; fails the test on bad text.
QDateTime at(const QString &isoWithOffset);

// The bytes of tests/data/<relativePath>; aborts the test program when the
// fixture is missing, so a renamed file cannot turn into an empty payload.
QByteArray fixture(const QString &relativePath);

// Where tests save review screenshots: $CANCELDESK_SHOTS_DIR, else
// <temp>/canceldesk-shots (created). Never a fixed path outside the temp folder.
QString shotPath(const QString &fileName);

} // namespace CancelDesk::Test
