#pragma once

#include <QTableView>

class QAction;

namespace CancelDesk::Ui {

// The order list's table (F3) over an OrderTableModel: its default columns
// (what operators decide on first, so that Status and Time left fit at
// 1024 px), long payment IDs elided in the middle, "Copy payment ID"
// (context menu and Ctrl+C), and columns re-fitted when the language changes
// so that no title or status badge ends up cut.
class OrderListView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderListView)

public:
    explicit OrderListView(QWidget *parent = nullptr);
    ~OrderListView() override;

    // Delegates, widths and order of the columns; call after setModel().
    void setUpColumns();
    // Widens (never narrows) every visible column whose title, or whose
    // translated cells in view, no longer fit.
    void fitColumnsToText();
    // The payment IDs of the selected rows, current first.
    QStringList selectedPaymentIds() const;
    QAction *copyPaymentIdAction() const { return m_copyAction; }

Q_SIGNALS:
    void paymentIdsCopied(const QStringList &ids);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void copyPaymentIds();

    QAction *m_copyAction = nullptr;
};

} // namespace CancelDesk::Ui
