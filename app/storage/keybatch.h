#pragma once

#include "domain/order.h"

#include <QList>
#include <QString>

#include <functional>

class QSqlDatabase;
class QSqlQuery;

namespace CancelDesk::Storage {

// Reads many orders' rows at once: runs
//   select + " WHERE provider = ? AND payment_id IN (?, …)" + tail
// for the keys grouped by provider, at most kKeyBatch keys a statement, and
// calls row() for each row read. So a list update reads a thousand orders in
// a few statements instead of a thousand. False with *error set when a
// statement fails (row() may have seen some rows by then).
inline constexpr qsizetype kKeyBatch = 500;

bool selectByKeys(const QSqlDatabase &db, const QString &select, const QString &tail,
                  const QList<Domain::OrderKey> &keys,
                  const std::function<void(const QSqlQuery &)> &row, QString *error);

} // namespace CancelDesk::Storage
