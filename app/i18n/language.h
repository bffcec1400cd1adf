#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <vector>

class QTranslator;

namespace CancelDesk::I18n {

// The languages CancelDesk ships: "en" and "zh_CN".
QStringList supportedLanguages();
// zh, zh_CN, zh_SG, zh_TW … -> "zh_CN"; everything else -> "en".
QString languageForLocale(const QLocale &locale);
// Accepts "en", "zh_CN", "zh-CN", "zh" (case-insensitive); empty when unsupported.
QString normalizeLanguage(QStringView name);
// The QLocale used to format dates, numbers and money for a language.
QLocale localeForLanguage(const QString &language);

// Owns the installed translators (CancelDesk's own, built into the program as
// :/i18n/canceldesk_<lang>.qm, and Qt's qtbase_<lang>.qm) and swaps them at
// runtime. Installing posts QEvent::LanguageChange to every widget.
class Translations final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Translations)

public:
    explicit Translations(QObject *parent = nullptr);
    ~Translations() override;

    // Installs the language; false (and nothing changed) when it is unsupported
    // or its catalogue cannot be loaded.
    bool apply(const QString &language);
    QString current() const { return m_current; }
    // Whether Qt's own catalogue (qtbase) was found for the current language.
    bool hasQtCatalogue() const { return m_qtbase != nullptr; }

Q_SIGNALS:
    void languageChanged(const QString &language);

private:
    void removeInstalled();

    QString m_current;
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qtbase;
};

} // namespace CancelDesk::I18n
