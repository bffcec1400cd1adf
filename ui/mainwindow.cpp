#include "mainwindow.h"

#include "appicon.h"
#include "appsession.h"
#include "desktopnotifier.h"
#include "dialogs/addorderdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/syncdialog.h"
#include "domain/cancelpolicy.h"
#include "format.h"
#include "i18n/language.h"
#include "models/ordertablemodel.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "storage/orderstore.h"
#include "views/cancellogview.h"
#include "views/orderlistview.h"
#include "views/providerstrip.h"
#include "views/statusview.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace CancelDesk::Ui {

namespace {

const QString kStateKey = QStringLiteral("ui/mainWindowState");
const QString kGeometryKey = QStringLiteral("ui/mainWindowGeometry");
const QString kHeaderKey = QStringLiteral("ui/orderListHeader");
const QString kPresetKey = QStringLiteral("ui/orderListPreset");
const QString kProviderKey = QStringLiteral("ui/orderListProvider");
const QString kStatusKey = QStringLiteral("ui/orderListStatus");
const QString kAutoIntervalKey = QStringLiteral("ui/autoRefreshMinutes");

} // namespace

MainWindow::MainWindow(I18n::Translations &translations, AppSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_translations(translations)
    , m_session(session)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(applicationIcon());
    m_model = new OrderTableModel(session.orderReads(), this);
    m_notifier = new DesktopNotifier(*m_model, session.clock(), this);
    buildActions();
    buildMenus();
    buildToolBar();
    buildCentralWidget();
    buildStatusBar();
    buildApprovals();
    retranslateUi();
    syncLanguageActions();
    // A first start fits the screen (1680 x 900 where there is room).
    const QSize room = screen() ? screen()->availableGeometry().size() * 0.92 : QSize(1680, 900);
    resize(QSize(1680, 900).boundedTo(room));
    restoreState();

    // The services say what they wrote (through the session); the list reads
    // those rows on a worker thread and says when they are in.
    connect(&session, &AppSession::ordersChanged, this, [this](const QList<Domain::OrderKey> &k) {
        m_model->updateOrders(k);
        if (m_detailsOrder && k.contains(*m_detailsOrder))
            reloadDetails();
    });
    connect(m_model, &OrderTableModel::ordersUpdated, this,
            [this](const QList<Domain::OrderKey> &k) {
                // The Cancel action and its reason follow at once, not at the next tick;
                // only when a selected order changed (a refresh reports every order).
                const QList<Domain::OrderKey> selected = selectedOrders();
                if (std::any_of(selected.cbegin(), selected.cend(),
                                [&k](const Domain::OrderKey &key) { return k.contains(key); }))
                    updateActions();
            });
    connect(&session, &AppSession::ordersReset, m_model, &OrderTableModel::reload);
    connect(&session, &AppSession::journalChanged, this, [this] { reloadDetails(); });
    connect(m_model, &OrderTableModel::loaded, this, [this] { updateCounts(); });
    connect(m_model, &OrderTableModel::viewChanged, this, [this] {
        updateCounts();
        if (!m_model->isLoading() && m_method->count() <= 1) {
            for (const QString &method : m_model->methods())
                m_method->addItem(method, method);
        }
        followVisibleSelection();
        updateSearchHint();
        updateActions();
    });
    connect(m_model, &OrderTableModel::loadFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("The orders could not be read: %1").arg(error));
    });

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &MainWindow::tick);
    m_tick->start();

    m_model->reload();
    // First start on the built-in sandbox: its demo payments, fetched over HTTP.
    if (session.usesBuiltInSandbox() && session.orders().count({}) == 0) {
        if (Services::RefreshJob *job = session.loadDemoOrders())
            trackRefresh(job);
    }
    // F11: cancels a crashed or killed CancelDesk (GUI or CLI) left unfinished
    // are resumed with the same key or body before anything else is sent.
    recoverInterruptedCancels();
}

MainWindow::~MainWindow() = default;

QTableView &MainWindow::orderView() const
{
    return *m_view;
}

void MainWindow::setSecretStore(SecretStore *store)
{
    m_secrets = store;
    updateActions();
}

void MainWindow::buildCentralWidget()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);

    layout->addWidget(buildBanner(central));
    buildFirstRunPanel(layout);

    layout->addLayout(buildFilterBar(central));

    layout->addWidget(buildSearchHint(central));
    m_view = buildOrderList(central);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_statusView = new StatusView(m_session.orderReads(), m_session.providers(), this);
    connect(m_statusView, &StatusView::refreshRequested, this,
            [this](const Domain::OrderKey &k) { refreshOrders({k}); });
    connect(m_statusView, &StatusView::settingsRequested, this, &MainWindow::openSettingsPage);
    m_statusDock = new QDockWidget(this);
    m_statusDock->setObjectName(QStringLiteral("statusDock"));
    m_statusDock->setWidget(m_statusView);
    m_statusDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, m_statusDock);
    resizeDocks({m_statusDock}, {380}, Qt::Horizontal);
    connect(m_statusDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_detailsStale)
            reloadDetails();
    });
    m_viewMenu->addAction(m_statusDock->toggleViewAction());
    m_viewMenu->addAction(m_notifyAction);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                showDetails(m_model->keyAt(current.row()));
                updateActions();
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateActions(); });
}

OrderListView *MainWindow::buildOrderList(QWidget *parent)
{
    auto *view = new OrderListView(parent);
    view->setModel(m_model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setSortingEnabled(true);
    view->sortByColumn(OrderTableModel::CreatedColumn, Qt::DescendingOrder);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->addAction(m_refreshAction);
    view->addAction(m_cancelAction);
    view->addAction(m_bulkCancelAction);
    view->addAction(m_detailsAction);
    // Uniform rows: no per-row size hints at a million rows.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionsMovable(true);
    view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &MainWindow::showColumnMenu);
    view->setUpColumns();
    connect(view, &OrderListView::paymentIdsCopied, this,
            [this](const QStringList &ids) { statusBar()->showMessage(copiedText(ids), 5000); });
    return view;
}

QString MainWindow::copiedText(const QStringList &ids)
{
    return ids.size() == 1 ? tr("Copied payment ID %1").arg(ids.first())
                           : tr("Copied %n payment ID(s)", nullptr, int(ids.size()));
}

void MainWindow::followVisibleSelection()
{
    // Sorts and filters move the selection with its orders (the model's
    // layoutChanged); an order the filter hid has left it, so the details
    // follow what is current now.
    const QModelIndex current = m_view->currentIndex();
    const std::optional<Domain::OrderKey> shown =
        current.isValid() ? m_model->keyAt(current.row()) : std::nullopt;
    if (shown != m_detailsOrder)
        showDetails(shown);
}

void MainWindow::showDetails(const std::optional<Domain::OrderKey> &order)
{
    m_detailsOrder = order;
    m_detailsStale = true;
    reloadDetails();
}

void MainWindow::reloadDetails()
{
    // The status pane reads the order's payload, history and attempts from
    // the store: only when it is shown (a closed pane costs no I/O).
    m_detailsStale = true;
    if (!m_statusDock->isVisible())
        return;
    m_detailsStale = false;
    if (m_statusView->order() == m_detailsOrder)
        m_statusView->reload();
    else
        m_statusView->showOrder(m_detailsOrder);
}

void MainWindow::buildStatusBar()
{
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("orderCounts"));
    statusBar()->addPermanentWidget(m_counts);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("refreshProgress"));
    m_progress->setMaximumWidth(320);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->hide();
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_refreshJob)
            m_refreshJob->stop();
    });
    statusBar()->addPermanentWidget(m_stop);
    m_providerStrip = new ProviderStrip(m_session.providers(), m_session.environment(), this);
    connect(m_providerStrip, &ProviderStrip::settingsRequested, this,
            &MainWindow::openSettingsPage);
    statusBar()->addPermanentWidget(m_providerStrip);
    buildLiveStatus();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("CancelDesk — payment cancellation console"));
    retranslateActions();
    m_statusDock->setWindowTitle(tr("Status"));

    retranslateFilters();
    m_stop->setText(tr("Stop"));
    updateBanner();
    updateCounts();
    updateApprovalsCount();
    updateActions();
    updateLiveStatus();
    // Headers and cell texts are read again when painted.
    Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, OrderTableModel::ColumnCount - 1);
    m_view->viewport()->update();
    // (The list re-fits its columns to the new words itself: OrderListView.)
    updateSearchHint();
}

void MainWindow::updateCounts()
{
    // A large store shows its newest orders while the rest are read.
    if (const qint64 expected = m_model->expectedOrders(); expected >= 0) {
        m_counts->setText(tr("Newest %1 shown; reading all %Ln order(s)…", nullptr, int(expected))
                              .arg(QLocale().toString(m_model->rowCount())));
        return;
    }
    m_counts->setText(tr("%1 of %Ln order(s) shown", nullptr, m_model->totalOrders())
                          .arg(QLocale().toString(m_model->rowCount())));
}

QList<Domain::OrderKey> MainWindow::selectedOrders() const
{
    QList<Domain::OrderKey> keys;
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), {})) {
        if (auto k = m_model->keyAt(current.row()))
            keys.append(*k);
    }
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows()) {
        if (i.row() == current.row())
            continue;
        if (auto k = m_model->keyAt(i.row()))
            keys.append(*k);
    }
    return keys;
}

void MainWindow::selectOrder(const Domain::OrderKey &order)
{
    const int row = m_model->rowOf(order);
    if (row < 0)
        return;
    m_view->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(m_model->index(row, 0));
}

void MainWindow::tick()
{
    const QDateTime now = m_session.now();
    m_model->setNow(now);
    // Only the countdown column of the visible rows is repainted.
    const int x = m_view->columnViewportPosition(OrderTableModel::CountdownColumn);
    if (x >= 0 && !m_view->isColumnHidden(OrderTableModel::CountdownColumn))
        m_view->viewport()->update(QRect(x, 0,
                                         m_view->columnWidth(OrderTableModel::CountdownColumn),
                                         m_view->viewport()->height()));
    m_statusView->tick();
    updateActions();
    updateLiveStatus();
}

void MainWindow::showColumnMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (int c = 0; c < OrderTableModel::ColumnCount; ++c) {
        QAction *a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_view->isColumnHidden(c));
        // The payment ID always stays: without it a row cannot be identified.
        a->setEnabled(c != OrderTableModel::PaymentIdColumn);
        connect(a, &QAction::toggled, this,
                [this, c](bool on) { m_view->setColumnHidden(c, !on); });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
}

void MainWindow::restoreState()
{
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    QMainWindow::restoreState(settings.value(kStateKey).toByteArray());
    m_view->horizontalHeader()->restoreState(settings.value(kHeaderKey).toByteArray());
    m_preset->setCurrentIndex(
        qBound(0, settings.value(kPresetKey, 0).toInt(), m_preset->count() - 1));
    m_provider->setCurrentIndex(
        qBound(0, settings.value(kProviderKey, 0).toInt(), m_provider->count() - 1));
    m_status->setCurrentIndex(
        qBound(0, settings.value(kStatusKey, 0).toInt(), m_status->count() - 1));
    m_autoInterval->setValue(settings.value(kAutoIntervalKey, 5).toInt());
    applyFilter();
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, QMainWindow::saveState());
    settings.setValue(kHeaderKey, m_view->horizontalHeader()->saveState());
    settings.setValue(kPresetKey, m_preset->currentIndex());
    settings.setValue(kProviderKey, m_provider->currentIndex());
    settings.setValue(kStatusKey, m_status->currentIndex());
    settings.setValue(kAutoIntervalKey, m_autoInterval->value());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    if (m_logWindow)
        m_logWindow->close();
    QMainWindow::closeEvent(event);
}

void MainWindow::refreshOrders(const QList<Domain::OrderKey> &orders)
{
    if (orders.isEmpty())
        return;
    trackRefresh(m_session.refresh().refresh(orders));
}

void MainWindow::trackRefresh(Services::RefreshJob *job)
{
    m_refreshJob = job;
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_progress->show();
    m_stop->show();
    connect(job, &Services::RefreshJob::progress, this,
            [this, job](int done, int total, int failed) {
                if (job != m_refreshJob)
                    return;
                m_progress->setRange(0, total);
                m_progress->setValue(done);
                m_progress->setFormat(
                    tr("%1 / %2 refreshed, %3 failed").arg(done).arg(total).arg(failed));
            });
    connect(job, &Services::RefreshJob::finished, this,
            [this, job](const Services::RefreshSummary &summary) {
                if (job == m_refreshJob)
                    onRefreshFinished(summary);
            });
}

void MainWindow::onRefreshFinished(const Services::RefreshSummary &summary)
{
    m_progress->hide();
    m_stop->hide();
    const int total = summary.total;
    QString text = summary.stopped
                       ? tr("Refresh stopped: %1 of %n order(s) done, %2 failed.", nullptr, total)
                       : tr("Refreshed %1 of %n order(s); %2 failed.", nullptr, total);
    text = text.arg(summary.done - summary.failed).arg(summary.failed);
    if (summary.conflicts > 0)
        text +=
            u' '
            + tr("%n conflict(s) with a confirmed cancel need review.", nullptr, summary.conflicts);
    if (summary.reconciled > 0)
        text += u' ' + tr("%n unresolved cancel(s) settled.", nullptr, summary.reconciled);
    statusBar()->showMessage(text, 15000);
    reloadDetails();
}

void MainWindow::openAddOrder()
{
    auto *dialog =
        new AddOrderDialog(m_session.refresh(), m_session.orders(), m_session.providers(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // RefreshService said it wrote the order (AppSession::ordersChanged).
    connect(dialog, &AddOrderDialog::orderAdded, this, [this](const Domain::OrderKey &k) {
        QTimer::singleShot(300, this, [this, k] { selectOrder(k); });
    });
    dialog->open();
}

void MainWindow::openImport()
{
    auto *dialog = new ImportDialog(m_session.importer(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openSync()
{
    auto *dialog =
        new SyncDialog(m_session.refresh(), m_session.providers(), m_session.now(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openCancelLog()
{
    if (!m_logWindow) {
        // Owned: it uses this window's session and must not outlive it (a
        // settings save rebuilds both; Console reopens it on the new one).
        auto *log =
            new CancelLogView(m_session.journal(), m_session.exporter(), m_session.clock(), this);
        log->setAttribute(Qt::WA_DeleteOnClose);
        log->setWindowFlag(Qt::Window);
        log->setWindowTitle(tr("Cancel log — CancelDesk"));
        log->resize(1200, 700);
        connect(&m_session, &AppSession::journalChanged, log, &CancelLogView::reload);
        m_logWindow = log;
    }
    m_logWindow->show();
    m_logWindow->raise();
    m_logWindow->activateWindow();
}

bool MainWindow::isCancelLogOpen() const
{
    return m_logWindow && m_logWindow->isVisible();
}

void MainWindow::openSettings()
{
    openSettingsPage(QString());
}

void MainWindow::openSettingsPage(const QString &page)
{
    if (!m_secrets)
        return;
    const QString path =
        m_session.config().path.isEmpty() ? Config::defaultConfigPath() : m_session.config().path;
    auto *dialog = new SettingsDialog(path, *m_secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showPage(page);
    connect(dialog, &SettingsDialog::settingsSaved, this, &MainWindow::settingsChanged);
    dialog->open();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        syncLanguageActions();
    }
    QMainWindow::changeEvent(event);
}

} // namespace CancelDesk::Ui
