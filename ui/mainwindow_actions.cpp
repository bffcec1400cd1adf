// MainWindow: its actions, menus and toolbar, their words, when they are
// enabled, and the language menu.

#include "appsession.h"
#include "desktopnotifier.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/eligibility.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "models/ordertablemodel.h"
#include "services/cancelservice.h"
#include "services/refreshservice.h"
#include "views/userguidewindow.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QToolBar>

namespace CancelDesk::Ui {

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
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    // Desktop notifications: on unless the operator switched them off.
    m_notifyAction = make("notificationsAction");
    m_notifyAction->setCheckable(true);
    m_notifyAction->setChecked(
        QSettings().value(QStringLiteral("ui/notifications"), true).toBool());
    m_notifier->setEnabled(m_notifyAction->isChecked());
    m_notifyAction->setEnabled(DesktopNotifier::trayAvailable());
    connect(m_notifyAction, &QAction::toggled, this, [this](bool on) {
        m_notifier->setEnabled(on);
        QSettings().setValue(QStringLiteral("ui/notifications"), on);
    });
    m_guideAction = make("userGuideAction", QKeySequence::HelpContents);
    connect(m_guideAction, &QAction::triggered, this, &MainWindow::showUserGuide);
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
    m_helpMenu->addAction(m_guideAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::showAbout()
{
    auto *dialog =
        new AboutDialog({m_session.core().databasePath(), m_session.config().path}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showUserGuide()
{
    if (!m_guideWindow) {
        const QString directory = UserGuideWindow::installedDirectory();
        if (UserGuideWindow::guideFile(directory, m_translations.current()).isEmpty()) {
            QMessageBox::warning(this, tr("User guide"),
                                 tr("The user guide is not installed. CancelDesk looked for it "
                                    "in %1.")
                                     .arg(QDir::toNativeSeparators(QDir::cleanPath(directory))));
            return;
        }
        // Owned by this window: it closes with it.
        m_guideWindow = new UserGuideWindow(directory, m_translations, this);
    }
    m_guideWindow->show();
    m_guideWindow->raise();
    m_guideWindow->activateWindow();
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

void MainWindow::retranslateActions()
{
    m_fileMenu->setTitle(tr("&File"));
    m_ordersMenu->setTitle(tr("&Orders"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About CancelDesk"));
    m_guideAction->setText(tr("&User guide"));
    m_notifyAction->setText(tr("Desktop &notifications"));
    m_notifyAction->setToolTip(
        DesktopNotifier::trayAvailable()
            ? tr("Tell me when an unresolved cancel settles, and when an order that can be "
                 "cancelled is under 5 minutes from its deadline")
            : tr("This desktop has no system tray to show notifications in"));
    m_refreshAction->setText(tr("Refresh"));
    m_refreshAction->setToolTip(tr("Retrieve the selected orders' status from the providers (F5)"));
    m_refreshVisibleAction->setText(tr("Refresh all visible"));
    m_refreshVisibleAction->setToolTip(
        tr("Retrieve the status of every order in the list (Shift+F5)"));
    m_autoRefreshAction->setText(tr("Auto-refresh"));
    m_autoRefreshAction->setToolTip(
        tr("Refresh every order that is not final at this interval (minutes)"));
    m_autoInterval->setSuffix(tr(" min"));
    m_autoInterval->setAccessibleName(tr("Auto-refresh interval"));
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
}

} // namespace CancelDesk::Ui
