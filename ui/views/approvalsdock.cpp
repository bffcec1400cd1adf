#include "approvalsdock.h"

#include "appsession.h"
#include "dialogs/approvedialog.h"
#include "models/approvalsmodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

ApprovalsDock::ApprovalsDock(AppSession &session, QWidget *parent)
    : QDockWidget(parent)
    , m_session(session)
    , m_model(new ApprovalsModel(session.journal(), session.clock(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_ticker(new QTimer(this))
    , m_reloadSoon(new QTimer(this))
{
    setObjectName(QStringLiteral("approvalsDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);

    m_emptyLabel = new QLabel(content);
    m_emptyLabel->setObjectName(QStringLiteral("approvalsEmptyLabel"));
    m_emptyLabel->setWordWrap(true);
    layout->addWidget(m_emptyLabel);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ApprovalsModel::SortRole);
    m_table = new QTableView(content);
    m_table->setObjectName(QStringLiteral("approvalsTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ApprovalsModel::TimeLeftColumn, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_declineButton = new QPushButton(content);
    m_declineButton->setObjectName(QStringLiteral("declineButton"));
    m_approveButton = new QPushButton(content);
    m_approveButton->setObjectName(QStringLiteral("approveButton"));
    buttons->addWidget(m_declineButton);
    buttons->addWidget(m_approveButton);
    layout->addLayout(buttons);
    setWidget(content);

    connect(m_approveButton, &QPushButton::clicked, this, [this] { openSelected(false); });
    connect(m_declineButton, &QPushButton::clicked, this, [this] { openSelected(true); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { openSelected(false); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ApprovalsDock::updateButtons);
    // Every change of an attempt, here or (in team mode) on another console.
    m_reloadSoon->setSingleShot(true);
    m_reloadSoon->setInterval(0);
    connect(m_reloadSoon, &QTimer::timeout, this, &ApprovalsDock::reload);
    connect(&session, &AppSession::journalChanged, m_reloadSoon, qOverload<>(&QTimer::start));

    retranslateUi();
    reload();
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ApprovalsDock::tick);
    m_ticker->start();
}

ApprovalsDock::~ApprovalsDock() = default;

void ApprovalsDock::retranslateUi()
{
    setWindowTitle(tr("Approvals queue"));
    m_table->setAccessibleName(tr("Cancels waiting for approval"));
    updateEmptyLabel();
    m_approveButton->setText(tr("&Approve…"));
    m_declineButton->setText(tr("&Decline…"));
    m_model->retranslate();
    m_table->resizeColumnsToContents();
    updateButtons();
}

void ApprovalsDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDockWidget::changeEvent(event);
}

QSize ApprovalsDock::sizeHint() const
{
    const int rows = 4;
    const int height = m_table->horizontalHeader()->sizeHint().height()
                       + rows * m_table->verticalHeader()->defaultSectionSize()
                       + m_approveButton->sizeHint().height() + 40;
    return {QDockWidget::sizeHint().width(), height};
}

ApproveDialog *ApprovalsDock::openDialog() const
{
    return m_dialog.data();
}

int ApprovalsDock::waitingCount() const
{
    return m_model->rowCount();
}

void ApprovalsDock::reload()
{
    // Keep the selected request selected across the reset.
    const Storage::CancelAttempt *selected = selectedAttempt();
    const qint64 keep = selected ? selected->id : 0;
    m_model->reload();
    if (keep != 0)
        selectAttempt(keep);
    updateEmptyLabel();
    m_table->resizeColumnsToContents();
    updateButtons();
    Q_EMIT countChanged(m_model->rowCount());
}

void ApprovalsDock::updateEmptyLabel()
{
    const QString error = m_model->errorString();
    m_emptyLabel->setText(error.isEmpty()
                              ? tr("No cancel is waiting for approval.")
                              : tr("The approvals queue could not be read: %1").arg(error));
    m_emptyLabel->setVisible(m_model->rowCount() == 0 || !error.isEmpty());
}

void ApprovalsDock::tick()
{
    // Only the countdown column; the queue itself comes by journalChanged.
    m_model->tick();
    updateButtons();
}

bool ApprovalsDock::selectAttempt(qint64 attemptId)
{
    const int row = m_model->rowOf(attemptId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

const Storage::CancelAttempt *ApprovalsDock::selectedAttempt() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    if (!source.isValid() || source.row() >= m_model->rowCount())
        return nullptr;
    return &m_model->attemptAt(source.row());
}

QString ApprovalsDock::blocker() const
{
    const Storage::CancelAttempt *a = selectedAttempt();
    if (!a)
        return tr("Select a cancel waiting for approval.");
    if (a->operatorName == m_session.operatorName().trimmed())
        return ApproveDialog::ownRequestText();
    if (m_model->isLapsed(*a))
        return tr("This request has lapsed: it can no longer be approved or declined.");
    return {};
}

void ApprovalsDock::updateButtons()
{
    const QString why = blocker();
    for (QPushButton *button : {m_approveButton, m_declineButton}) {
        button->setEnabled(why.isEmpty());
        button->setToolTip(why);
    }
}

void ApprovalsDock::openSelected(bool decline)
{
    const Storage::CancelAttempt *a = selectedAttempt();
    if (!a || !blocker().isEmpty())
        return;
    if (m_dialog && m_dialog->attemptId() != a->id && !m_dialog->isSending())
        m_dialog->close();
    if (!m_dialog) {
        // The approver is this session's operator now (the login in team mode).
        m_dialog = new ApproveDialog(m_session.cancelSources(), *a, this);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->open();
    }
    m_dialog->raise();
    m_dialog->activateWindow();
    if (decline)
        m_dialog->focusDeclineNote();
}

} // namespace CancelDesk::Ui
