#pragma once

#include <QWidget>

class QTextBrowser;

namespace CancelDesk::I18n {
class Translations;
}

namespace CancelDesk::Ui {

// Help → User guide: docs/USER-GUIDE.md, or USER-GUIDE.zh_CN.md in Chinese,
// shown with its screenshots and links in a window of its own. It follows the
// language the console switches to.
class UserGuideWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuideWindow)

public:
    UserGuideWindow(QString directory, I18n::Translations &translations, QWidget *parent = nullptr);
    ~UserGuideWindow() override;

    // Where the guides are: share/canceldesk/doc beside the program's bin/
    // (installed, or copied there by the build).
    static QString installedDirectory();
    // The guide of this language in directory; empty when it is not there.
    static QString guideFile(const QString &directory, const QString &language);

    // The file shown now.
    QString currentFile() const { return m_file; }

private:
    void showGuide();

    QString m_directory;
    I18n::Translations &m_translations;
    QTextBrowser *m_browser = nullptr;
    QString m_file;
};

} // namespace CancelDesk::Ui
