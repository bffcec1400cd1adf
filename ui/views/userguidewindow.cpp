#include "userguidewindow.h"

#include "i18n/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

UserGuideWindow::UserGuideWindow(QString directory, I18n::Translations &translations,
                                 QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_directory(std::move(directory))
    , m_translations(translations)
{
    setObjectName(QStringLiteral("userGuideWindow"));
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("userGuideText"));
    // Links to the web open in the browser; links between the guides' pages here.
    m_browser->setOpenExternalLinks(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    connect(&m_translations, &I18n::Translations::languageChanged, this,
            &UserGuideWindow::showGuide);
    resize(900, 750);
    showGuide();
}

UserGuideWindow::~UserGuideWindow() = default;

QString UserGuideWindow::installedDirectory()
{
    return QDir(QCoreApplication::applicationDirPath())
        .absoluteFilePath(QStringLiteral("../share/canceldesk/doc"));
}

QString UserGuideWindow::guideFile(const QString &directory, const QString &language)
{
    const QDir dir(directory);
    const QString translated =
        dir.filePath(QStringLiteral("USER-GUIDE.%1.md").arg(I18n::normalizeLanguage(language)));
    if (language != u"en" && QFileInfo::exists(translated))
        return QDir::cleanPath(translated);
    const QString english = dir.filePath(QStringLiteral("USER-GUIDE.md"));
    return QFileInfo::exists(english) ? QDir::cleanPath(english) : QString();
}

void UserGuideWindow::showGuide()
{
    setWindowTitle(tr("CancelDesk user guide"));
    const QString file = guideFile(m_directory, m_translations.current());
    if (file.isEmpty() || file == m_file)
        return;
    m_file = file;
    // Relative images and links resolve against the guide's own folder.
    m_browser->setSource(QUrl::fromLocalFile(file), QTextDocument::MarkdownResource);
}

} // namespace CancelDesk::Ui
