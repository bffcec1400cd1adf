#include "mainwindow.h"

#include "appsession.h"
#include "dialogs/addorderdialog.h"
#include "dialogs/bulkcanceldialog.h"
#include "dialogs/canceldialog.h"
#include "dialogs/eligibility.h"
#include "dialogs/importdialog.h"
#include "dialogs/syncdialog.h"
#include "domain/cancelpolicy.h"
#include "format.h"
#include "i18n/language.h"
#include "models/ordertablemodel.h"
#include "sandboxserver.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "settings/secretstore.h"
#include "settings/settingsdialog.h"
#include "storage/canceljournal.h"
#include "storage/orderstore.h"
#include "views/cancellogview.h"
#include "views/firstrunpanel.h"
#include "views/orderlistview.h"
#include "views/providerstrip.h"
#include "views/statusview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

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
    setWindowIcon(QIcon(QStringLiteral(":/canceldesk.svg")));
    m_model = new OrderTableModel(session, this);
    buildActions();
    buildMenus();
    buildToolBar();
    buildCentralWidget();
    buildStatusBar();
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
        if (m_method->count() <= 1) {
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

void MainWindow::buildActions()
{
    const auto make = [this](const char *name, const QKeySequence &key = {}) {
        auto *a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        addAction(a);
        return a;
    };
    m_refreshAction = make("refreshAction", QKeySequence(Qt::Key_F5));
    connect(m_refreshAction, &QAction::triggered, this,
            [this] { refreshOrders(selectedOrders()); });
    m_refreshVisibleAction = make("refreshVisibleAction", QKeySequence(Qt::SHIFT | Qt::Key_F5));
    connect(m_refreshVisibleAction, &QAction::triggered, this,
            [this] { refreshOrders(m_model->visibleKeys()); });
    m_autoRefreshAction = make("autoRefreshAction");
    m_autoRefreshAction->setCheckable(true);
    connect(m_autoRefreshAction, &QAction::toggled, this, [this](bool on) {
        m_session.refresh().setAutoRefresh(on, std::chrono::minutes(m_autoInterval->value()));
    });
    m_cancelAction = make("cancelAction");
    m_cancelAction->setShortcuts(
        {QKeySequence(Qt::Key_Delete), QKeySequence(Qt::CTRL | Qt::Key_K)});
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::openCancelDialog);
    m_bulkCancelAction = make("bulkCancelAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    connect(m_bulkCancelAction, &QAction::triggered, this, &MainWindow::openBulkCancel);
    m_addAction = make("addOrderAction", QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_addAction, &QAction::triggered, this, &MainWindow::openAddOrder);
    m_importAction = make("importAction", QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::openImport);
    m_syncAction = make("syncAction");
    connect(m_syncAction, &QAction::triggered, this, &MainWindow::openSync);
    m_logAction = make("cancelLogAction", QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_logAction, &QAction::triggered, this, &MainWindow::openCancelLog);
    m_settingsAction = make("settingsAction", QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_resetSandboxAction = make("resetSandboxAction");
    m_resetSandboxAction->setVisible(m_session.usesBuiltInSandbox());
    connect(m_resetSandboxAction, &QAction::triggered, this, &MainWindow::confirmSandboxReset);
    m_findAction = make("findAction", QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    m_detailsAction = make("detailsAction");
    m_detailsAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_detailsAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_detailsAction, &QAction::triggered, this, [this] {
        m_statusDock->show();
        m_statusDock->raise();
    });
    m_quitAction = make("quitAction", QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction = make("aboutAction");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About CancelDesk"),
                           tr("<h3>CancelDesk %1</h3><p>Cancel payments at UQPAY, Antom and "
                              "Liquido, with a tamper-evident cancel log.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_importAction);
    m_fileMenu->addAction(m_logAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addAction(m_resetSandboxAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_ordersMenu = menuBar()->addMenu(QString());
    m_ordersMenu->addAction(m_refreshAction);
    m_ordersMenu->addAction(m_refreshVisibleAction);
    m_ordersMenu->addAction(m_autoRefreshAction);
    m_ordersMenu->addSeparator();
    m_ordersMenu->addAction(m_cancelAction);
    m_ordersMenu->addAction(m_bulkCancelAction);
    m_ordersMenu->addSeparator();
    m_ordersMenu->addAction(m_addAction);
    m_ordersMenu->addAction(m_syncAction);
    m_ordersMenu->addAction(m_findAction);

    m_viewMenu = menuBar()->addMenu(QString());

    // Language names are shown in their own language so that an operator who
    // cannot read the current one still finds theirs.
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_chineseAction = m_languageMenu->addAction(QStringLiteral("中文"));
    m_chineseAction->setObjectName(QStringLiteral("chineseAction"));
    m_englishAction = m_languageMenu->addAction(QStringLiteral("English"));
    m_englishAction->setObjectName(QStringLiteral("englishAction"));
    for (QAction *a : {m_chineseAction, m_englishAction}) {
        a->setCheckable(true);
        m_languageGroup->addAction(a);
    }
    connect(m_chineseAction, &QAction::triggered, this,
            [this] { chooseLanguage(QStringLiteral("zh_CN")); });
    connect(m_englishAction, &QAction::triggered, this,
            [this] { chooseLanguage(QStringLiteral("en")); });

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::buildToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_refreshAction);
    m_toolBar->addAction(m_refreshVisibleAction);
    m_toolBar->addAction(m_autoRefreshAction);
    m_autoInterval = new QSpinBox(m_toolBar);
    m_autoInterval->setObjectName(QStringLiteral("autoRefreshInterval"));
    m_autoInterval->setRange(1, 120);
    m_autoInterval->setValue(5);
    connect(m_autoInterval, &QSpinBox::valueChanged, this, [this](int minutes) {
        if (m_autoRefreshAction->isChecked())
            m_session.refresh().setAutoRefresh(true, std::chrono::minutes(minutes));
    });
    m_toolBar->addWidget(m_autoInterval);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_cancelAction);
    m_toolBar->addAction(m_bulkCancelAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_addAction);
    m_toolBar->addAction(m_importAction);
    m_toolBar->addAction(m_syncAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_logAction);
    m_toolBar->addAction(m_settingsAction);
}

void MainWindow::buildCentralWidget()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);

    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("environmentBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setMargin(6);
    QFont bannerFont = m_banner->font();
    bannerFont.setBold(true);
    m_banner->setFont(bannerFont);
    layout->addWidget(m_banner);
    buildFirstRunPanel(layout);

    auto *filters = new QHBoxLayout();
    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);
    auto *searchTimer = new QTimer(this);
    searchTimer->setSingleShot(true);
    searchTimer->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(searchTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    filters->addWidget(m_search, 2);
    m_presetLabel = new QLabel(central);
    filters->addWidget(m_presetLabel);
    m_preset = new QComboBox(central);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    filters->addWidget(m_preset, 1);
    m_provider = new QComboBox(central);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    filters->addWidget(m_provider, 1);
    m_status = new QComboBox(central);
    m_status->setObjectName(QStringLiteral("statusCombo"));
    filters->addWidget(m_status, 1);
    m_method = new QComboBox(central);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    filters->addWidget(m_method, 1);
    for (QComboBox *combo : {m_preset, m_provider, m_status, m_method}) {
        connect(combo, &QComboBox::activated, this, &MainWindow::applyFilter);
        // Narrow enough for 1024 px beside the status pane, in both languages.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(7);
    }
    layout->addLayout(filters);

    layout->addWidget(buildSearchHint(central));
    m_view = buildOrderList(central);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_statusView = new StatusView(m_session, this);
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

QWidget *MainWindow::buildSearchHint(QWidget *parent)
{
    m_searchHint = new QFrame(parent);
    m_searchHint->setObjectName(QStringLiteral("searchHint"));
    auto *row = new QHBoxLayout(m_searchHint);
    row->setContentsMargins(6, 2, 6, 2);
    m_searchHintText = new QLabel(m_searchHint);
    m_searchHintText->setObjectName(QStringLiteral("searchHintText"));
    m_searchHintText->setWordWrap(true);
    m_searchAll = new QPushButton(m_searchHint);
    m_searchAll->setObjectName(QStringLiteral("searchAllButton"));
    connect(m_searchAll, &QPushButton::clicked, this, &MainWindow::searchAllOrders);
    row->addWidget(m_searchHintText, 1);
    row->addWidget(m_searchAll);
    m_searchHint->setStyleSheet(
        QStringLiteral("#searchHint { background: #FFF8E1; border: 1px solid #FFE082; }"));
    m_searchHint->hide();
    return m_searchHint;
}

void MainWindow::updateSearchHint()
{
    const int matches = m_model->matchesInAllOrders();
    m_searchAll->setText(tr("Search all orders"));
    m_searchHint->setVisible(matches > 0 && m_model->rowCount() == 0);
    if (matches <= 0)
        return;
    const QString where =
        m_preset->currentIndex() > 0 ? m_preset->currentText() : tr("the current filters");
    m_searchHintText->setText(
        tr("No match in “%1” — %n order(s) match in all orders.", nullptr, matches).arg(where));
}

void MainWindow::searchAllOrders()
{
    for (QComboBox *combo : {m_preset, m_provider, m_status, m_method})
        combo->setCurrentIndex(0);
    applyFilter();
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

void MainWindow::explainCannotCancel(const Domain::OrderKey &order, const QString &why)
{
    statusBar()->showMessage(tr("Payment %1 cannot be cancelled: %2").arg(order.paymentId, why),
                             15000);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Cannot cancel"),
                                tr("Payment %1 cannot be cancelled.").arg(order.paymentId),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("cannotCancelBox"));
    box->setInformativeText(why);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
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
    m_providerStrip = new ProviderStrip(m_session, this);
    connect(m_providerStrip, &ProviderStrip::settingsRequested, this,
            &MainWindow::openSettingsPage);
    statusBar()->addPermanentWidget(m_providerStrip);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("CancelDesk — payment cancellation console"));
    m_fileMenu->setTitle(tr("&File"));
    m_ordersMenu->setTitle(tr("&Orders"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About CancelDesk"));
    m_refreshAction->setText(tr("Refresh"));
    m_refreshAction->setToolTip(tr("Retrieve the selected orders' status from the providers (F5)"));
    m_refreshVisibleAction->setText(tr("Refresh all visible"));
    m_refreshVisibleAction->setToolTip(
        tr("Retrieve the status of every order in the list (Shift+F5)"));
    m_autoRefreshAction->setText(tr("Auto-refresh"));
    m_autoRefreshAction->setToolTip(
        tr("Refresh every order that is not final at this interval (minutes)"));
    m_autoInterval->setSuffix(tr(" min"));
    m_cancelAction->setText(tr("Cancel payment…"));
    m_bulkCancelAction->setText(tr("Bulk cancel…"));
    m_bulkCancelAction->setToolTip(tr("Cancel the selected eligible orders with one reason"));
    m_addAction->setText(tr("Add by ID…"));
    m_addAction->setToolTip(tr("Retrieve a payment from its provider by its ID"));
    m_importAction->setText(tr("Import…"));
    m_importAction->setToolTip(tr("Import orders from a CSV or JSON file"));
    m_syncAction->setText(tr("Sync UQPAY…"));
    m_syncAction->setToolTip(tr("Fetch UQPAY's payment intents for a date range"));
    m_logAction->setText(tr("Cancel log"));
    m_logAction->setToolTip(tr("Every cancel attempt, with filters, export and verification"));
    m_settingsAction->setText(tr("Settings…"));
    m_resetSandboxAction->setText(tr("Reset sandbox…"));
    m_resetSandboxAction->setToolTip(
        tr("Start the built-in sandbox afresh: new demo payments, an empty sandbox cancel log"));
    m_findAction->setText(tr("Find"));
    m_detailsAction->setText(tr("Show details"));
    m_statusDock->setWindowTitle(tr("Status"));

    m_search->setPlaceholderText(tr("Search payment IDs and merchant references (Ctrl+F)"));
    m_presetLabel->setText(tr("Show:"));
    const int preset = qMax(0, m_preset->currentIndex());
    m_preset->clear();
    m_preset->addItem(tr("All orders"), int(OrderFilter::Preset::All));
    m_preset->addItem(tr("Cancellable now"), int(OrderFilter::Preset::CancellableNow));
    m_preset->addItem(tr("Expiring within 1 h"), int(OrderFilter::Preset::ExpiringWithinHour));
    m_preset->addItem(tr("Unresolved cancels"), int(OrderFilter::Preset::Unresolved));
    m_preset->addItem(tr("Conflicts"), int(OrderFilter::Preset::Conflicts));
    m_preset->setCurrentIndex(preset);
    const int provider = qMax(0, m_provider->currentIndex());
    m_provider->clear();
    m_provider->addItem(tr("All providers"), -1);
    for (Domain::Provider p : Domain::allProviders())
        m_provider->addItem(Domain::providerDisplayName(p), int(p));
    m_provider->setCurrentIndex(provider);
    const int status = qMax(0, m_status->currentIndex());
    m_status->clear();
    m_status->addItem(tr("All statuses"), -1);
    for (Domain::NormStatus s :
         {Domain::NormStatus::Pending, Domain::NormStatus::RequiresAction,
          Domain::NormStatus::Authorized, Domain::NormStatus::Succeeded,
          Domain::NormStatus::Cancelled, Domain::NormStatus::Failed, Domain::NormStatus::Unknown})
        m_status->addItem(Domain::statusLabel(s), int(s));
    m_status->setCurrentIndex(status);
    if (m_method->count() == 0)
        m_method->addItem(QString(), QString());
    m_method->setItemText(0, tr("All methods"));
    m_stop->setText(tr("Stop"));
    updateBanner();
    updateCounts();
    updateActions();
    // Headers and cell texts are read again when painted.
    Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, OrderTableModel::ColumnCount - 1);
    m_view->viewport()->update();
    // (The list re-fits its columns to the new words itself: OrderListView.)
    updateSearchHint();
}

void MainWindow::updateBanner()
{
    const QString env = m_session.environment();
    QString text;
    QString style;
    if (env == u"production") {
        text = tr("PRODUCTION — cancels affect real payments");
        style = QStringLiteral("background: #B71C1C; color: white;");
    } else if (env == u"test") {
        text = tr("PROVIDER TEST — the providers' test systems; no real money");
        style = QStringLiteral("background: #F9A825; color: black;");
    } else if (m_session.usesBuiltInSandbox()) {
        text = tr("SANDBOX — built-in simulator on 127.0.0.1:%1 with demo payments; no real "
                  "money")
                   .arg(m_session.sandbox()->port());
        style = QStringLiteral("background: #1565C0; color: white;");
    } else {
        text = tr("SANDBOX — no real money");
        style = QStringLiteral("background: #1565C0; color: white;");
    }
    if (m_session.providers().configured().isEmpty())
        text += u'\n'
                + tr("No provider is configured in this environment: nothing can be refreshed or "
                     "cancelled. Open Settings (Ctrl+,) to add a provider's credentials.");
    // What the settings allow but should not (e.g. Antom's answers unverified).
    for (const QString &warning : m_session.configWarnings())
        text += u'\n' + tr("Warning: %1").arg(warning);
    m_banner->setText(text);
    m_banner->setStyleSheet(style);
}

void MainWindow::updateCounts()
{
    m_counts->setText(tr("%1 of %n order(s) shown", nullptr, m_model->totalOrders())
                          .arg(QLocale().toString(m_model->rowCount())));
}

void MainWindow::applyFilter()
{
    OrderFilter f;
    f.text = m_search->text();
    f.preset = OrderFilter::Preset(m_preset->currentData().toInt());
    if (const int p = m_provider->currentData().toInt(); p >= 0)
        f.provider = Domain::Provider(p);
    if (const int s = m_status->currentData().toInt(); s >= 0)
        f.status = Domain::NormStatus(s);
    f.method = m_method->currentData().toString();
    if (f.preset == OrderFilter::Preset::CancellableNow)
        m_view->horizontalHeader()->setSortIndicator(OrderTableModel::DeadlineColumn,
                                                     Qt::AscendingOrder);
    m_model->setFilter(f);
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

void MainWindow::updateActions()
{
    const QList<Domain::OrderKey> selected = selectedOrders();
    const bool one = selected.size() == 1;
    m_refreshAction->setEnabled(!selected.isEmpty());
    m_bulkCancelAction->setEnabled(selected.size() > 1);
    QString why;
    bool eligible = false;
    bool retry = false;
    if (one) {
        // F8, F12 and §10: the core's one answer on what the list's row
        // knows (no store read: this runs every second).
        if (const std::optional<OrderFacts> facts = m_model->facts(selected.first())) {
            const Services::CancelCheck check = checkOf(*facts);
            eligible = check.mayCancel();
            retry = check.isRetry();
            why = check.verdict == Services::CancelCheck::Verdict::Ineligible
                      ? explainDecision(check.decision)
                      : Services::cancelCheckNote(check);
        }
    }
    // Enabled with one order selected even when it cannot be cancelled: Del
    // then says why (openCancelDialog) instead of doing nothing.
    m_cancelAction->setEnabled(one);
    m_cancelAction->setToolTip(
        !one        ? tr("Select one order to cancel it (Del)")
        : !eligible ? tr("Cannot be cancelled: %1").arg(why)
        : retry     ? tr("Retry the earlier cancel of the selected payment (Del). %1").arg(why)
                    : tr("Cancel the selected payment (Del)"));
    const bool uqpay = m_session.providers().provider(Domain::Provider::Uqpay) != nullptr;
    m_syncAction->setEnabled(uqpay);
    m_settingsAction->setEnabled(m_secrets != nullptr);
}

Services::CancelCheck MainWindow::checkOf(const OrderFacts &facts) const
{
    return facts.checkAt(m_session.now(),
                         m_session.providers().provider(facts.order.provider) != nullptr);
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

void MainWindow::openCancelDialog()
{
    const QList<Domain::OrderKey> selected = selectedOrders();
    if (selected.size() != 1)
        return;
    const Domain::OrderKey key = selected.first();
    const std::optional<OrderFacts> facts = m_model->facts(key);
    if (!facts)
        return;
    // F8, F12 and §10: the core's one answer, worded as in the tooltip.
    const Services::CancelCheck check = checkOf(*facts);
    if (!check.mayCancel()) {
        explainCannotCancel(key, check.verdict == Services::CancelCheck::Verdict::Ineligible
                                     ? explainDecision(check.decision)
                                     : Services::cancelCheckNote(check));
        return;
    }
    auto *dialog = new CancelDialog(m_session, *m_model, key, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTypedConfirmationThreshold(m_session.config().typedConfirmationAbove);
    // What the cancel writes reaches the list from CancelService (attemptChanged,
    // orderWritten) through the session, not from here.
    dialog->open();
}

const std::chrono::milliseconds MainWindow::kPeriodicRecovery{60000};

void MainWindow::recoverInterruptedCancels()
{
    Services::RecoveryJob *job = m_session.cancels().recover();
    connect(job, &Services::RecoveryJob::finished, this, &MainWindow::onRecoveryFinished);
    // And again every minute: an attempt given up after a busy database, or
    // left by a process that died meanwhile, does not wait for a restart.
    connect(&m_session.cancels(), &Services::CancelService::recovered, this,
            &MainWindow::onRecoveryFinished, Qt::UniqueConnection);
    m_session.cancels().startPeriodicRecovery(kPeriodicRecovery);
}

void MainWindow::onRecoveryFinished(const QList<Services::CancelReport> &reports)
{
    if (reports.isEmpty())
        return;
    int succeeded = 0;
    int rejected = 0;
    int unknown = 0;
    QStringList lines;
    for (const Services::CancelReport &r : reports) {
        if (r.state == Storage::AttemptState::Succeeded)
            ++succeeded;
        else if (r.state == Storage::AttemptState::Rejected)
            ++rejected;
        else
            ++unknown;
        lines.append(u"%1 %2: %3"_s.arg(Domain::providerDisplayName(r.order.provider),
                                        r.order.paymentId, r.message));
    }
    const int total = int(reports.size());
    const QString summary =
        tr("Resumed %n cancel(s) interrupted in an earlier session: %1 succeeded, %2 rejected, "
           "%3 outcome unknown.",
           nullptr, total)
            .arg(succeeded)
            .arg(rejected)
            .arg(unknown);
    statusBar()->showMessage(summary);
    // Anything but a confirmed cancel needs the operator's eye: say which.
    if (rejected + unknown > 0) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Interrupted cancels resumed"),
                                    summary, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("recoveryReport"));
        box->setDetailedText(lines.join(u'\n'));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    }
}

void MainWindow::openBulkCancel()
{
    const QList<Domain::OrderKey> selected = selectedOrders();
    if (selected.size() < 2)
        return;
    auto *dialog = new BulkCancelDialog(m_session, *m_model, selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTypedConfirmationThreshold(m_session.config().typedConfirmationAbove);
    dialog->open();
}

void MainWindow::openAddOrder()
{
    auto *dialog = new AddOrderDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // RefreshService said it wrote the order (AppSession::ordersChanged).
    connect(dialog, &AddOrderDialog::orderAdded, this, [this](const Domain::OrderKey &k) {
        QTimer::singleShot(300, this, [this, k] { selectOrder(k); });
    });
    dialog->open();
}

void MainWindow::openImport()
{
    auto *dialog = new ImportDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openSync()
{
    auto *dialog = new SyncDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::openCancelLog()
{
    if (!m_logWindow) {
        // Owned: it uses this window's session and must not outlive it (a
        // settings save rebuilds both; Console reopens it on the new one).
        auto *log = new CancelLogView(m_session, this);
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

void MainWindow::chooseLanguage(const QString &language)
{
    if (m_translations.apply(language))
        Q_EMIT languageChosen(language);
    syncLanguageActions();
}

void MainWindow::syncLanguageActions()
{
    m_chineseAction->setChecked(m_translations.current() == u"zh_CN");
    m_englishAction->setChecked(m_translations.current() != u"zh_CN");
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

namespace CancelDesk::Ui {

void MainWindow::buildFirstRunPanel(QBoxLayout *layout)
{
    if (!FirstRunPanel::wanted())
        return;
    m_firstRun = new FirstRunPanel(m_session.operatorName(), m_translations.current(),
                                   layout->parentWidget());
    connect(m_firstRun, &FirstRunPanel::languageChosen, this, &MainWindow::chooseLanguage);
    connect(m_firstRun, &FirstRunPanel::accepted, this, &MainWindow::finishFirstRun);
    layout->addWidget(m_firstRun);
}

void MainWindow::finishFirstRun(const QString &operatorName)
{
    const QString path =
        m_session.config().path.isEmpty() ? Config::defaultConfigPath() : m_session.config().path;
    QString error;
    // Saved where the CLI reads it too; this session uses it at once.
    if (operatorName != m_session.operatorName()
        && !SettingsDialog::writeOperatorName(path, operatorName, &error)) {
        m_firstRun->showError(error);
        return;
    }
    m_session.setOperatorName(operatorName);
    FirstRunPanel::markDone();
    m_firstRun->hide();
    m_firstRun->deleteLater();
    m_firstRun = nullptr;
    statusBar()->showMessage(tr("Cancels are recorded as made by %1.").arg(operatorName), 8000);
}

void MainWindow::confirmSandboxReset()
{
    QMessageBox box(QMessageBox::Warning, tr("Reset sandbox"),
                    tr("Start the built-in sandbox afresh?"), QMessageBox::NoButton, this);
    box.setObjectName(u"resetSandboxConfirm"_s);
    box.setInformativeText(
        tr("The sandbox's payments, the sandbox's order list and its cancel log are deleted and "
           "new demo payments are created. The provider test and production stores are not "
           "touched."));
    QPushButton *reset = box.addButton(tr("Reset sandbox"), QMessageBox::DestructiveRole);
    reset->setObjectName(u"resetSandboxButton"_s);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == reset)
        Q_EMIT sandboxResetRequested();
}

} // namespace CancelDesk::Ui
