#pragma once

#include "domain/order.h"

#include <QMainWindow>
#include <QPointer>
#include <QString>

#include <chrono>
#include <optional>

class QAction;
class QActionGroup;
class QBoxLayout;
class QComboBox;
class QDockWidget;
class QLabel;
class QLayout;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;
class QToolBar;

namespace CancelDesk::I18n {
class Translations;
}
namespace CancelDesk::Services {
struct CancelCheck;
struct CancelReport;
class RefreshJob;
struct RefreshSummary;
} // namespace CancelDesk::Services

namespace CancelDesk::Ui {

class AppSession;
class ApprovalsDock;
class DesktopNotifier;
class FirstRunPanel;
class OrderListView;
class OrderTableModel;
struct OrderFacts;
class ProviderStrip;
class StatusView;
class SecretStore;

// The console: environment banner, the order list with search, filters and
// presets, the status view docked beside it, refresh with progress and stop,
// and the entry points to cancel, bulk cancel, add, import, sync, the cancel
// log and the settings. Everything long runs off the GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(I18n::Translations &translations, AppSession &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    OrderTableModel &orderModel() const { return *m_model; }
    QTableView &orderView() const;
    // The selected orders, current first.
    QList<Domain::OrderKey> selectedOrders() const;
    void selectOrder(const Domain::OrderKey &order);
    // Where Settings keeps secrets; without one the Settings action is disabled.
    void setSecretStore(SecretStore *store);
    // The cancel log window, owned by this window (it closes with it).
    void openCancelLog();
    bool isCancelLogOpen() const;

Q_SIGNALS:
    // The operator picked a language from the menu (already applied).
    void languageChosen(const QString &language);
    // The settings were saved; the owner rebuilds the session.
    void settingsChanged();
    // The operator confirmed "Reset sandbox…": the owner drops the sandbox's
    // payments and store and starts again.
    void sandboxResetRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

    // How often the console resumes attempts of dead owners (F11 recovery).
    static const std::chrono::milliseconds kPeriodicRecovery;

private:
    // mainwindow_actions.cpp: the actions, menus and toolbar.
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void retranslateActions();
    void updateActions();
    // The core's cancel rule on what the order list knows, now.
    Services::CancelCheck checkOf(const OrderFacts &facts) const;
    void chooseLanguage(const QString &language);
    void syncLanguageActions();
    // Help → About (AboutDialog) and Help → User guide (UserGuideWindow).
    void showAbout();
    void showUserGuide();

    // mainwindow_filters.cpp: the filter bar and the line below it that
    // explains an empty search (issue 12).
    QLayout *buildFilterBar(QWidget *parent);
    void retranslateFilters();
    void applyFilter();
    QWidget *buildSearchHint(QWidget *parent);
    void updateSearchHint();
    void searchAllOrders();

    // mainwindow_cancel.cpp: cancel, bulk cancel and F11 recovery.
    // What the cancel dialogs work with, from this window's session.
    void openCancelDialog();
    void openBulkCancel();
    // Del / Ctrl+K on an order that cannot be cancelled: say why.
    void explainCannotCancel(const Domain::OrderKey &order, const QString &why);
    void recoverInterruptedCancels();
    void onRecoveryFinished(const QList<Services::CancelReport> &reports);

    // mainwindow_environment.cpp: the environment banner, the first-run
    // panel and resetting the sandbox.
    QLabel *buildBanner(QWidget *parent);
    void updateBanner();
    QString teamBannerLine() const;
    void buildLiveStatus();
    void updateLiveStatus();
    void buildFirstRunPanel(QBoxLayout *layout);
    void finishFirstRun(const QString &operatorName);
    void confirmSandboxReset();

    // mainwindow_approvals.cpp: the approvals queue of four eyes (F23) and
    // its count in the status bar.
    void buildApprovals();
    void updateApprovalsCount();
    void showApprovals();

    // mainwindow.cpp: the rest of the window.
    void buildCentralWidget();
    void buildStatusBar();
    void retranslateUi();
    void updateCounts();
    void tick();
    void showColumnMenu(const QPoint &pos);
    OrderListView *buildOrderList(QWidget *parent);
    // The status view shows the selected order while it is visible, else none.
    void followVisibleSelection();
    // The order the status pane is for; it reads it when shown.
    void showDetails(const std::optional<Domain::OrderKey> &order);
    void reloadDetails();
    static QString copiedText(const QStringList &ids);
    void restoreState();
    void saveState() const;

    void refreshOrders(const QList<Domain::OrderKey> &orders);
    void trackRefresh(Services::RefreshJob *job);
    void onRefreshFinished(const Services::RefreshSummary &summary);
    void openAddOrder();
    void openImport();
    void openSync();
    void openSettings();
    // page: "general", "network", "uqpay", "antom" or "liquido"; empty: the first.
    void openSettingsPage(const QString &page);

    I18n::Translations &m_translations;
    AppSession &m_session;
    OrderTableModel *m_model = nullptr;
    OrderListView *m_view = nullptr;
    StatusView *m_statusView = nullptr;
    QDockWidget *m_statusDock = nullptr;
    QTimer *m_tick = nullptr;
    std::optional<Domain::OrderKey> m_detailsOrder;
    bool m_detailsStale = false;

    QLabel *m_banner = nullptr;
    FirstRunPanel *m_firstRun = nullptr;
    ProviderStrip *m_providerStrip = nullptr;
    QAction *m_resetSandboxAction = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_presetLabel = nullptr;
    QComboBox *m_preset = nullptr;
    QComboBox *m_provider = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_method = nullptr;
    QWidget *m_searchHint = nullptr;
    QLabel *m_searchHintText = nullptr;
    QPushButton *m_searchAll = nullptr;
    QToolBar *m_toolBar = nullptr;

    QLabel *m_counts = nullptr;
    ApprovalsDock *m_approvalsDock = nullptr;
    QLabel *m_approvalsCount = nullptr;
    QLabel *m_live = nullptr; // F24: following other consoles, or reconnecting
    bool m_liveWasUp = false; // the feed was connected once (a loss is a loss)
    QProgressBar *m_progress = nullptr;
    QPushButton *m_stop = nullptr;
    QSpinBox *m_autoInterval = nullptr;
    QPointer<Services::RefreshJob> m_refreshJob;
    QPointer<QWidget> m_logWindow;
    SecretStore *m_secrets = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_ordersMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_refreshVisibleAction = nullptr;
    QAction *m_autoRefreshAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_bulkCancelAction = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_logAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_guideAction = nullptr;
    QAction *m_notifyAction = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    QPointer<QWidget> m_guideWindow;
    QAction *m_chineseAction = nullptr;
    QAction *m_englishAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
};

} // namespace CancelDesk::Ui
