#pragma once

#include <QMainWindow>
#include <QString>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;

namespace CancelDesk::I18n {
class Translations;
}

namespace CancelDesk::Ui {

// What the main window shows about where it runs; filled by main.cpp.
struct SessionInfo
{
    QString environment; // "sandbox" | "test" | "production"
    QString databasePath;
    int schemaVersion = 0;
    qint64 orderCount = 0;
};

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(I18n::Translations &translations, SessionInfo info,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

Q_SIGNALS:
    // The operator picked a language from the menu (already applied).
    void languageChosen(const QString &language);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void buildCentralWidget();
    void retranslateUi();
    void chooseLanguage(const QString &language);
    void syncLanguageActions();
    QString environmentLabel() const;

    I18n::Translations &m_translations;
    SessionInfo m_info;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_chineseAction = nullptr;
    QAction *m_englishAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;

    QLabel *m_heading = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_environmentCaption = nullptr;
    QLabel *m_environmentValue = nullptr;
    QLabel *m_databaseCaption = nullptr;
    QLabel *m_databaseValue = nullptr;
    QLabel *m_ordersCaption = nullptr;
    QLabel *m_ordersValue = nullptr;
};

} // namespace CancelDesk::Ui
