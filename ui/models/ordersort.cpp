#include "models/ordersort.h"

#include <algorithm>
#include <numeric>
#include <string_view>

namespace CancelDesk::Ui {

namespace {

using Row = OrderSnapshot::Row;

struct Keyed
{
    quint64 key;
    quint32 row;
};

bool keyedLess(const Keyed &a, const Keyed &b)
{
    return a.key != b.key ? a.key < b.key : a.row < b.row;
}

void sortKeyed(std::vector<Keyed>::iterator first, std::vector<Keyed>::iterator last)
{
    if (!std::is_sorted(first, last, keyedLess))
        std::sort(first, last, keyedLess);
}

// A signed value as an unsigned key in the same order.
quint64 ordered(qint64 v)
{
    return quint64(v) ^ (quint64(1) << 63);
}

// The key of a column's value, ascending.
quint64 numericKey(const Row &r, int column, const std::vector<quint32> &methodRank)
{
    switch (column) {
    case OrderTableModel::ProviderColumn:
        return r.provider;
    case OrderTableModel::MethodColumn:
        return r.method < methodRank.size() ? methodRank[r.method] : 0;
    case OrderTableModel::AmountColumn:
        return ordered(r.amountMinor);
    case OrderTableModel::StatusColumn:
        return r.status;
    case OrderTableModel::CreatedColumn:
        return ordered(r.createdMs);
    case OrderTableModel::DeadlineColumn:
    case OrderTableModel::CountdownColumn:
        return ordered(r.deadlineMs);
    case OrderTableModel::SyncedColumn:
        return ordered(r.syncedMs);
    default:
        return 0;
    }
}

// Every interned string's place in text order (the methods' sort).
std::vector<quint32> ranksOf(const QStringList &strings)
{
    std::vector<quint32> byText(size_t(strings.size()));
    std::iota(byText.begin(), byText.end(), 0U);
    std::sort(byText.begin(), byText.end(), [&strings](quint32 a, quint32 b) {
        return strings.at(qsizetype(a)).compare(strings.at(qsizetype(b))) < 0;
    });
    std::vector<quint32> rank(byText.size());
    for (size_t i = 0; i < byText.size(); ++i) {
        // Equal strings (never interned twice) would share a rank.
        rank[byText[i]] = quint32(i);
    }
    return rank;
}

struct Text
{
    const char *data;
    size_t size;
};

Text textOf(const OrderSnapshot &s, const Row &r, bool reference)
{
    const quint32 offset = reference ? r.refOffset : r.idOffset;
    const quint16 length = reference ? r.refLength : r.idLength;
    return {s.arena.constData() + offset, length};
}

// Bytes [depth, depth + 8) big-endian, zero past the end: compares as memcmp
// does for text without NUL bytes.
quint64 chunkAt(Text t, size_t depth)
{
    quint64 k = 0;
    for (size_t i = 0; i < 8; ++i)
        k = (k << 8) | (depth + i < t.size ? quint8(t.data[depth + i]) : 0U);
    return k;
}

// Sorts [first, last) by the text from byte `depth` on: by its next 8 bytes,
// then each run that ties there by the bytes after it.
void sortText(const OrderSnapshot &s, std::vector<Keyed>::iterator first,
              std::vector<Keyed>::iterator last, size_t depth, bool reference, bool descending)
{
    bool longer = false;
    for (auto it = first; it != last; ++it) {
        const Text t = textOf(s, s.rows[it->row], reference);
        it->key = descending ? ~chunkAt(t, depth) : chunkAt(t, depth);
        longer = longer || t.size > depth + 8;
    }
    sortKeyed(first, last);
    for (auto run = first; run != last;) {
        auto end = std::find_if(run, last, [run](const Keyed &k) { return k.key != run->key; });
        if (end - run > 1) {
            if (longer) {
                sortText(s, run, end, depth + 8, reference, descending);
            } else {
                // All end within these 8 bytes and tie on them: the same
                // text, unless NUL bytes padded a shorter one.
                for (auto it = run; it != end; ++it) {
                    const size_t size = textOf(s, s.rows[it->row], reference).size;
                    it->key = descending ? ~quint64(size) : size;
                }
                sortKeyed(run, end);
            }
        }
        run = end;
    }
}

} // namespace

void sortSnapshotRows(const OrderSnapshot &s, std::vector<quint32> &rows, int column,
                      Qt::SortOrder order)
{
    const bool descending = order == Qt::DescendingOrder;
    std::vector<Keyed> keyed(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        keyed[i].row = rows[i];
    if (column == OrderTableModel::PaymentIdColumn || column == OrderTableModel::ReferenceColumn) {
        sortText(s, keyed.begin(), keyed.end(), 0, column == OrderTableModel::ReferenceColumn,
                 descending);
    } else {
        const std::vector<quint32> methodRank =
            column == OrderTableModel::MethodColumn ? ranksOf(s.strings) : std::vector<quint32>();
        const bool byDeadline =
            column == OrderTableModel::DeadlineColumn || column == OrderTableModel::CountdownColumn;
        for (Keyed &k : keyed) {
            const Row &r = s.rows[k.row];
            if (byDeadline && r.deadlineMs == OrderSnapshot::kNoTime) {
                k.key = ~quint64(0); // known deadlines first, whatever the direction
                continue;
            }
            const quint64 key = numericKey(r, column, methodRank);
            k.key = descending ? ~key : key;
            // ~0 is taken by the unknown deadlines; a real key never reaches it.
            if (byDeadline && k.key == ~quint64(0))
                k.key = ~quint64(0) - 1;
        }
        sortKeyed(keyed.begin(), keyed.end());
    }
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = keyed[i].row;
}

bool sortValueChanged(const OrderSnapshot &s, const OrderSnapshot::Row &before,
                      const OrderSnapshot::Row &after, int column)
{
    if (column == OrderTableModel::PaymentIdColumn || column == OrderTableModel::ReferenceColumn) {
        const bool reference = column == OrderTableModel::ReferenceColumn;
        const Text a = textOf(s, before, reference);
        const Text b = textOf(s, after, reference);
        return std::string_view(a.data, a.size) != std::string_view(b.data, b.size);
    }
    if (column == OrderTableModel::MethodColumn)
        return before.method != after.method;
    return numericKey(before, column, {}) != numericKey(after, column, {});
}

} // namespace CancelDesk::Ui
