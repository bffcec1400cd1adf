#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace CancelDesk::I18n {

QStringList supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString languageForLocale(const QLocale &locale)
{
    return locale.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString normalizeLanguage(QStringView name)
{
    const QString n = name.trimmed().toString().replace(u'-', u'_').toLower();
    if (n == u"en" || n.startsWith(u"en_"))
        return QStringLiteral("en");
    if (n == u"zh" || n.startsWith(u"zh_"))
        return QStringLiteral("zh_CN");
    return {};
}

QLocale localeForLanguage(const QString &language)
{
    if (language == u"zh_CN")
        return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

Translations::Translations(QObject *parent)
    : QObject(parent)
{}

Translations::~Translations()
{
    removeInstalled();
}

void Translations::removeInstalled()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qtbase)
        QCoreApplication::removeTranslator(m_qtbase.get());
    m_app.reset();
    m_qtbase.reset();
}

bool Translations::apply(const QString &language)
{
    const QString lang = normalizeLanguage(language);
    if (lang.isEmpty())
        return false;

    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/i18n/canceldesk_%1.qm").arg(lang)))
        return false;
    // Qt's own strings (standard buttons, file dialogs). Missing on a machine
    // without qt6-translations-l10n: CancelDesk's own text still switches.
    auto qtbase = std::make_unique<QTranslator>();
    if (lang == u"en"
        || !qtbase->load(QStringLiteral("qtbase_") + lang,
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qtbase.reset();

    removeInstalled();
    m_app = std::move(app);
    m_qtbase = std::move(qtbase);
    QCoreApplication::installTranslator(m_app.get());
    if (m_qtbase)
        QCoreApplication::installTranslator(m_qtbase.get());
    QLocale::setDefault(localeForLanguage(lang));

    const bool changed = m_current != lang;
    m_current = lang;
    if (changed)
        Q_EMIT languageChanged(lang);
    return true;
}

} // namespace CancelDesk::I18n
