// MainWindow: the approvals queue of four eyes (PRODUCT.md F23), docked below
// the list, and the count of waiting cancels in the status bar.

#include "mainwindow.h"
#include "views/approvalsdock.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTableView>

namespace CancelDesk::Ui {

void MainWindow::buildApprovals()
{
    m_approvalsDock = new ApprovalsDock(m_session, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_approvalsDock);
    // Out of the way until there is something to approve (restoreState()
    // brings it back where the operator left it).
    m_approvalsDock->setVisible(m_approvalsDock->waitingCount() > 0);
    m_viewMenu->addAction(m_approvalsDock->toggleViewAction());

    // A link, so that a click or the keyboard opens the queue.
    m_approvalsCount = new QLabel(this);
    m_approvalsCount->setObjectName(QStringLiteral("approvalsCount"));
    m_approvalsCount->setTextFormat(Qt::RichText);
    m_approvalsCount->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                              | Qt::LinksAccessibleByKeyboard);
    connect(m_approvalsCount, &QLabel::linkActivated, this, &MainWindow::showApprovals);
    statusBar()->addPermanentWidget(m_approvalsCount);
    connect(m_approvalsDock, &ApprovalsDock::countChanged, this, &MainWindow::updateApprovalsCount);
    updateApprovalsCount();
}

void MainWindow::updateApprovalsCount()
{
    const int waiting = m_approvalsDock->waitingCount();
    // Bold while someone waits for a second person.
    const QString text = tr("Approvals waiting: %n", nullptr, waiting).toHtmlEscaped();
    m_approvalsCount->setText(QStringLiteral("<a href=\"#approvals\">%1</a>")
                                  .arg(waiting > 0 ? QStringLiteral("<b>%1</b>").arg(text) : text));
    m_approvalsCount->setToolTip(tr("Show the approvals queue"));
}

void MainWindow::showApprovals()
{
    m_approvalsDock->show();
    m_approvalsDock->raise();
    m_approvalsDock->table().setFocus();
}

} // namespace CancelDesk::Ui
