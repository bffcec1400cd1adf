#pragma once

#include "models/ordertablemodel.h"

#include <vector>

namespace CancelDesk::Ui {

// Puts snapshot row indices in the order of one column's raw values
// (OrderTableModel::Column): numbers and times as numbers, ids and references
// by their UTF-8 bytes (the store's index order for ASCII ids), methods by
// their text. Ties keep row order (newest created first in a loaded
// snapshot) in both directions; an unknown deadline sorts last in both.
//
// Each row gets an 8-byte key once and the (key, row) pairs are sorted
// in place, so a million rows sort without a comparison reaching back into
// the rows; text is sorted 8 bytes at a time, longer keys only where the
// first bytes tie. Rows already in order (the newest-first default) cost one
// pass.
void sortSnapshotRows(const OrderSnapshot &s, std::vector<quint32> &rows, int column,
                      Qt::SortOrder order);

// Whether an update of one row (before, after: rows of s) changed its value in
// that column, so that rows sorted by it may be out of order.
bool sortValueChanged(const OrderSnapshot &s, const OrderSnapshot::Row &before,
                      const OrderSnapshot::Row &after, int column);

} // namespace CancelDesk::Ui
