// MainWindow: where it runs — the environment banner, the first-run panel
// and resetting the built-in sandbox.

#include "appsession.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "sandboxserver.h"
#include "settings/settingsdialog.h"
#include "views/firstrunpanel.h"

#include <QBoxLayout>
#include <QLabel>
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
