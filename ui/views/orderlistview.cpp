#include "orderlistview.h"

#include "models/ordertablemodel.h"
#include "statusbadgedelegate.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>

namespace CancelDesk::Ui {

namespace {

// Columns whose cells are words in the operator's language: their width is
// checked against the cells too when the language changes.
constexpr int kTranslatedColumns[] = {
    OrderTableModel::StatusColumn, OrderTableModel::CountdownColumn, OrderTableModel::SyncedColumn};
// A column never grows past this to fit its cells (a long status with
// "· cancel unresolved" keeps its tooltip).
constexpr int kMaxFittedWidth = 280;

} // namespace

OrderListView::OrderListView(QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("orderView"));
    // Payment IDs and references differ at their ends (a common prefix, a
    // sequence number last): elide the middle, keep both ends readable. (The
    // status badge elides its own text.)
    setTextElideMode(Qt::ElideMiddle);
    m_copyAction = new QAction(this);
    m_copyAction->setObjectName(QStringLiteral("copyPaymentIdAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyAction, &QAction::triggered, this, &OrderListView::copyPaymentIds);
    addAction(m_copyAction);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    addAction(separator);
    retranslateUi();
}

OrderListView::~OrderListView() = default;

void OrderListView::setUpColumns()
{
    setItemDelegateForColumn(OrderTableModel::StatusColumn, new StatusBadgeDelegate(this));
    const int widths[OrderTableModel::ColumnCount] = {70,  170, 130, 125, 115,
                                                      130, 145, 145, 100, 95};
    for (int c = 0; c < OrderTableModel::ColumnCount; ++c)
        setColumnWidth(c, widths[c]);
    // What operators decide on comes first, so that at 1024 px beside the
    // status pane the status and the time left show without scrolling:
    // provider, payment ID, status, time left, amount, then the rest.
    QHeaderView *header = horizontalHeader();
    const int order[] = {OrderTableModel::ProviderColumn, OrderTableModel::PaymentIdColumn,
                         OrderTableModel::StatusColumn,   OrderTableModel::CountdownColumn,
                         OrderTableModel::AmountColumn,   OrderTableModel::ReferenceColumn,
                         OrderTableModel::MethodColumn,   OrderTableModel::CreatedColumn,
                         OrderTableModel::DeadlineColumn, OrderTableModel::SyncedColumn};
    for (int visual = 0; visual < OrderTableModel::ColumnCount; ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
    fitColumnsToText();
}

void OrderListView::fitColumnsToText()
{
    QHeaderView *header = horizontalHeader();
    if (!model())
        return;
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        int wanted = header->sectionSizeHint(c);
        if (std::find(std::begin(kTranslatedColumns), std::end(kTranslatedColumns), c)
            != std::end(kTranslatedColumns))
            // Only the rows in view are measured: cheap at a million rows.
            wanted = qMax(wanted, qMin(sizeHintForColumn(c), kMaxFittedWidth));
        if (header->sectionSize(c) < wanted)
            header->resizeSection(c, wanted);
    }
}

QStringList OrderListView::selectedPaymentIds() const
{
    QStringList ids;
    if (!model() || !selectionModel())
        return ids;
    const QModelIndex current = currentIndex();
    if (current.isValid() && selectionModel()->isRowSelected(current.row(), {}))
        ids.append(current.siblingAtColumn(0).data(OrderTableModel::PaymentIdRole).toString());
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &i : std::as_const(rows)) {
        if (i.row() != current.row())
            ids.append(i.data(OrderTableModel::PaymentIdRole).toString());
    }
    ids.removeAll(QString());
    return ids;
}

void OrderListView::copyPaymentIds()
{
    const QStringList ids = selectedPaymentIds();
    if (ids.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
    Q_EMIT paymentIdsCopied(ids);
}

void OrderListView::retranslateUi()
{
    m_copyAction->setText(tr("Copy payment ID"));
    m_copyAction->setToolTip(tr("Copy the payment IDs of the selected orders (Ctrl+C)"));
}

void OrderListView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        fitColumnsToText();
    }
    QTableView::changeEvent(event);
}

} // namespace CancelDesk::Ui
