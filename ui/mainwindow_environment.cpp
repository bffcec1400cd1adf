// MainWindow: where it runs — the environment banner, the first-run panel
// and resetting the built-in sandbox.

#include "appsession.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "sandboxserver.h"
#include "settings/settingsdialog.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/teamsetup.h"
#include "views/firstrunpanel.h"

#include <QBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

QLabel *MainWindow::buildBanner(QWidget *parent)
{
    m_banner = new QLabel(parent);
    m_banner->setObjectName(QStringLiteral("environmentBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setMargin(6);
    QFont bannerFont = m_banner->font();
    bannerFont.setBold(true);
    m_banner->setFont(bannerFont);
    return m_banner;
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
    if (const QString team = teamBannerLine(); !team.isEmpty())
        text += u'\n' + team;
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

QString MainWindow::teamBannerLine() const
{
    const QString login = m_session.teamLogin();
    if (login.isEmpty())
        return {};
    QStringList roles;
    for (const Storage::TeamRole role : m_session.teamRoles())
        roles.append(Storage::teamRoleLabel(role));
    return roles.isEmpty()
               ? tr("Team store %1 — signed in as %2, who holds no CancelDesk role: ask the "
                    "store's owner for one (canceldesk-cli team grant).")
                     .arg(m_session.database().path(), login)
               : tr("Team store %1 — signed in as %2 (%3)")
                     .arg(m_session.database().path(), login, QLocale().createSeparatedList(roles));
}

// The status bar says whether this console follows what others change
// (F24), and says it loudly when the feed lost its connection: the list may
// be out of date until it is back. Read from the feed's state every tick (an
// atomic, no store read).
void MainWindow::buildLiveStatus()
{
    m_live = new QLabel(this);
    m_live->setObjectName(u"liveStatus"_s);
    statusBar()->addPermanentWidget(m_live);
    updateLiveStatus();
}

void MainWindow::updateLiveStatus()
{
    if (!m_live)
        return;
    const Storage::ChangeFeed *feed = m_session.changeFeed();
    if (!feed) {
        m_live->hide();
        return;
    }
    QString text;
    QString tip;
    QString style;
    switch (feed->mode()) {
    case Storage::ChangeFeed::Mode::Listening:
        text = tr("Live");
        tip = tr("Changes made at other consoles show here within 2 seconds.");
        break;
    case Storage::ChangeFeed::Mode::Polling:
        text = tr("Live (polling)");
        tip = tr("Changes made at other consoles and by the CLI are checked for every second.");
        break;
    case Storage::ChangeFeed::Mode::Starting:
        text = feed->reconnects() > 0 || m_liveWasUp ? tr("Connection lost — reconnecting…")
                                                     : tr("Connecting…");
        tip = tr("The store cannot be reached: the list may be out of date, and nothing you do "
                 "now can be saved until the connection is back. CancelDesk keeps trying.");
        style = u"color: white; background: #C62828; padding: 0 6px; font-weight: bold;"_s;
        break;
    case Storage::ChangeFeed::Mode::Stopped:
        text = tr("Not following other consoles");
        break;
    }
    const auto mode = feed->mode();
    m_liveWasUp = mode == Storage::ChangeFeed::Mode::Listening
                  || mode == Storage::ChangeFeed::Mode::Polling
                  || (m_liveWasUp && mode == Storage::ChangeFeed::Mode::Starting);
    m_live->setText(text);
    m_live->setToolTip(tip);
    m_live->setStyleSheet(style);
    m_live->show();
}

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
