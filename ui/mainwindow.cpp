#include "mainwindow.h"

#include "i18n/language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

MainWindow::MainWindow(I18n::Translations &translations, SessionInfo info, QWidget *parent)
    : QMainWindow(parent)
    , m_translations(translations)
    , m_info(std::move(info))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/canceldesk.svg")));
    buildMenus();
    buildCentralWidget();
    retranslateUi();
    syncLanguageActions();
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

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
    m_aboutAction = m_helpMenu->addAction(QString());
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About CancelDesk"),
                           tr("<h3>CancelDesk %1</h3><p>Cancel payments at UQPAY, Antom and "
                              "Liquido, with a tamper-evident cancel log.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::buildCentralWidget()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(16);

    m_heading = new QLabel(central);
    m_heading->setObjectName(QStringLiteral("heading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    layout->addWidget(m_heading);

    m_summary = new QLabel(central);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto *form = new QFormLayout();
    form->setLabelAlignment(Qt::AlignRight);
    m_environmentCaption = new QLabel(central);
    m_environmentValue = new QLabel(central);
    m_environmentValue->setObjectName(QStringLiteral("environmentValue"));
    m_databaseCaption = new QLabel(central);
    m_databaseValue = new QLabel(central);
    m_databaseValue->setObjectName(QStringLiteral("databaseValue"));
    m_databaseValue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ordersCaption = new QLabel(central);
    m_ordersValue = new QLabel(central);
    m_ordersValue->setObjectName(QStringLiteral("ordersValue"));
    form->addRow(m_environmentCaption, m_environmentValue);
    form->addRow(m_databaseCaption, m_databaseValue);
    form->addRow(m_ordersCaption, m_ordersValue);
    layout->addLayout(form);
    layout->addStretch(1);

    setCentralWidget(central);
}

QString MainWindow::environmentLabel() const
{
    if (m_info.environment == u"production")
        return tr("Production");
    if (m_info.environment == u"test")
        return tr("Provider test");
    return tr("Sandbox (built-in simulator)");
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("CancelDesk — payment cancellation console"));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About CancelDesk"));

    m_heading->setText(tr("CancelDesk"));
    m_summary->setText(tr("One order list across UQPAY, Antom and Liquido: check whether a "
                          "payment can still be cancelled, cancel it safely, and keep a "
                          "tamper-evident log of every attempt."));
    m_environmentCaption->setText(tr("Environment:"));
    m_environmentValue->setText(environmentLabel());
    m_databaseCaption->setText(tr("Database:"));
    m_databaseValue->setText(tr("%1 (schema version %2)")
                                 .arg(QDir::toNativeSeparators(m_info.databasePath))
                                 .arg(m_info.schemaVersion));
    m_ordersCaption->setText(tr("Orders:"));
    m_ordersValue->setText(tr("%n order(s) in the local store", nullptr,
                              static_cast<int>(qMin<qint64>(m_info.orderCount, INT_MAX))));
    statusBar()->showMessage(tr("Ready"));
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
