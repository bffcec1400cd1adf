#include "statusbadgedelegate.h"

#include "format.h"
#include "models/ordertablemodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace CancelDesk::Ui {

namespace {

// The words about a cancel in progress beside the pill: in italics, since
// they are about the cancel, not the payment's status.
QFont noteFont(const QFont &font)
{
    QFont italic = font;
    italic.setItalic(true);
    return italic;
}

} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

StatusBadgeDelegate::~StatusBadgeDelegate() = default;

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    // The selection and focus background as usual, without the text.
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVariant status = index.data(OrderTableModel::StatusRole);
    if (!status.isValid() || text.isEmpty())
        return;
    const QColor colour = statusColor(Domain::NormStatus(status.toInt()));
    const QFontMetrics metrics(opt.font);
    const int pad = kPillPadding;
    QRect cell = opt.rect.adjusted(kCellMargin, kCellMargin, -kCellMargin, -kCellMargin);
    // The last refresh failed: a warning sign before the badge says the
    // status shown may be out of date (the tooltip has the error).
    if (index.data(OrderTableModel::SyncErrorRole).isValid()) {
        const int side = qMin(cell.height(), metrics.height());
        const QRect mark(cell.left(), cell.top() + (cell.height() - side) / 2, side, side);
        style->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, widget).paint(painter, mark);
        cell.setLeft(mark.right() + kCellMargin + 1);
    }
    // A cancel in progress (by whom, awaiting approval) is said beside the
    // pill, so that a narrow column elides those words, never the status.
    const QString note = index.data(OrderTableModel::ActiveAttemptRole).toString();
    const QString badge = note.isEmpty() ? text : index.data(OrderTableModel::BadgeRole).toString();
    const int width = qMin(cell.width(), metrics.horizontalAdvance(badge) + 2 * pad);
    const QRect pill(cell.left(), cell.top(), width, cell.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    QColor fill = colour;
    fill.setAlpha(38);
    // On a selected row the pill stays readable against the highlight.
    if (opt.state & QStyle::State_Selected)
        fill = QColor(255, 255, 255, 235);
    painter->fillPath(path, fill);
    painter->setPen(QPen(colour, 1));
    painter->drawPath(path);
    painter->setPen(colour.darker(115));
    painter->setFont(opt.font);
    painter->drawText(pill.adjusted(pad, 0, -pad, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(badge, Qt::ElideRight, pill.width() - 2 * pad));
    const QRect rest = cell.adjusted(width + kCellMargin, 0, 0, 0);
    if (!note.isEmpty() && rest.width() > 0) {
        // In the text colour of the row.
        const QFont italic = noteFont(opt.font);
        const QFontMetrics italicMetrics(italic);
        painter->setFont(italic);
        painter->setPen(opt.palette.color(
            opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
                          italicMetrics.elidedText(note, Qt::ElideRight, rest.width()));
    }
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    // Wide enough for the whole badge (and the warning sign), so that fitting
    // the column to its contents never elides it.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QFontMetrics metrics(opt.font);
    int width = metrics.horizontalAdvance(opt.text) + 2 * kPillPadding + 2 * kCellMargin + 2;
    if (const QString note = index.data(OrderTableModel::ActiveAttemptRole).toString();
        !note.isEmpty()) {
        width = metrics.horizontalAdvance(index.data(OrderTableModel::BadgeRole).toString())
                + QFontMetrics(noteFont(opt.font)).horizontalAdvance(note) + 2 * kPillPadding
                + 3 * kCellMargin + 2;
    }
    if (index.data(OrderTableModel::SyncErrorRole).isValid())
        width += metrics.height() + kCellMargin + 1;
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width(), width));
    return size;
}

} // namespace CancelDesk::Ui
