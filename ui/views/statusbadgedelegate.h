#pragma once

#include <QStyledItemDelegate>

namespace CancelDesk::Ui {

// Paints the order list's status cell as a coloured badge (PRODUCT.md F3): a
// rounded pill in the status colour with the status text, the provider's raw
// value staying in the tooltip. Reads OrderTableModel::StatusRole; a warning
// sign precedes the badge when the order's last refresh failed (SyncErrorRole).
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    explicit StatusBadgeDelegate(QObject *parent = nullptr);
    ~StatusBadgeDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static constexpr int kPillPadding = 6;
    static constexpr int kCellMargin = 3;
};

} // namespace CancelDesk::Ui
