#pragma once

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace CancelDesk::Storage {
struct CancelAttempt;
}

namespace CancelDesk::Ui {

class AppSession;
class ApprovalsModel;
class ApproveDialog;

// The approvals queue of four eyes (PRODUCT.md F23): the cancels waiting for
// a second person, with the time each has left, and Approve… / Decline…,
// which open the ApproveDialog for the selected request. The requester's own
// request and a lapsed one cannot be decided here (the buttons say why).
// Reads the queue again whenever the session says the journal changed.
class ApprovalsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalsDock)

public:
    explicit ApprovalsDock(AppSession &session, QWidget *parent = nullptr);
    ~ApprovalsDock() override;

    ApprovalsModel &model() const { return *m_model; }
    QTableView &table() const { return *m_table; }
    // How many cancels are waiting.
    int waitingCount() const;
    // Selects a request of the queue (false when it is not there).
    bool selectAttempt(qint64 attemptId);
    // The approve dialog open now, or null.
    ApproveDialog *openDialog() const;
    // A few rows high below the order list, not half the window.
    QSize sizeHint() const override;

Q_SIGNALS:
    // The queue was read again: count requests wait.
    void countChanged(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void reload();
    void updateEmptyLabel();
    void tick();
    void updateButtons();
    // The selected request, or null.
    const Storage::CancelAttempt *selectedAttempt() const;
    // Why the selected request cannot be decided here; empty when it can.
    QString blocker() const;
    void openSelected(bool decline);

    AppSession &m_session;
    ApprovalsModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QPushButton *m_approveButton = nullptr;
    QPushButton *m_declineButton = nullptr;
    QTimer *m_ticker = nullptr;
    // A burst of journal changes (a cancel moving through its states) is
    // read once.
    QTimer *m_reloadSoon = nullptr;
    QPointer<ApproveDialog> m_dialog;
};

} // namespace CancelDesk::Ui
