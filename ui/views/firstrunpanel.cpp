#include "firstrunpanel.h"

#include "i18n/language.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

namespace {
const QString kDoneKey = u"ui/firstRunDone"_s;
}

FirstRunPanel::FirstRunPanel(const QString &operatorName, const QString &language, QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"firstRunPanel"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xE3, 0xF2, 0xFD));
    p.setColor(QPalette::WindowText, QColor(0x0D, 0x47, 0xA1));
    setPalette(p);

    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_nameLabel = new QLabel(this);
    m_name = new QLineEdit(operatorName, this);
    m_name->setObjectName(u"firstRunOperator"_s);
    m_name->setMinimumWidth(220);
    m_nameLabel->setBuddy(m_name);
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(u"firstRunLanguage"_s);
    // Each language in its own words, so that either reader finds theirs.
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"中文"_s, u"zh_CN"_s);
    setLanguage(language);
    m_languageLabel->setBuddy(m_language);
    m_start = new QPushButton(this);
    m_start->setObjectName(u"firstRunStart"_s);
    m_start->setDefault(true);
    m_error = new QLabel(this);
    m_error->setObjectName(u"firstRunError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #B71C1C;"_s);
    m_error->hide();

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_title, 0, 0, 1, 6);
    grid->addWidget(m_text, 1, 0, 1, 6);
    grid->addWidget(m_nameLabel, 2, 0);
    grid->addWidget(m_name, 2, 1);
    grid->addWidget(m_languageLabel, 2, 2);
    grid->addWidget(m_language, 2, 3);
    grid->addWidget(m_start, 2, 4);
    grid->setColumnStretch(5, 1);
    grid->addWidget(m_error, 3, 0, 1, 6);

    connect(m_language, &QComboBox::activated, this,
            [this] { Q_EMIT languageChosen(m_language->currentData().toString()); });
    connect(m_start, &QPushButton::clicked, this, &FirstRunPanel::start);
    connect(m_name, &QLineEdit::returnPressed, this, &FirstRunPanel::start);
    connect(m_name, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_start->setEnabled(!text.trimmed().isEmpty()); });
    m_start->setEnabled(!operatorName.trimmed().isEmpty());
    retranslateUi();
}

bool FirstRunPanel::wanted()
{
    return !QSettings().value(kDoneKey, false).toBool();
}

void FirstRunPanel::markDone()
{
    QSettings().setValue(kDoneKey, true);
}

QString FirstRunPanel::operatorName() const
{
    return m_name->text().trimmed();
}

void FirstRunPanel::setLanguage(const QString &language)
{
    // setCurrentIndex does not emit activated(): no languageChosen back.
    m_language->setCurrentIndex(qMax(0, m_language->findData(language)));
}

void FirstRunPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void FirstRunPanel::start()
{
    if (operatorName().isEmpty())
        return;
    Q_EMIT accepted(operatorName());
}

void FirstRunPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Whoever switched (this combo, the Language menu), the translations
        // set the default locale with the catalogue: it names the language in use.
        setLanguage(I18n::languageForLocale(QLocale()));
        retranslateUi();
    }
    QFrame::changeEvent(event);
}

void FirstRunPanel::retranslateUi()
{
    m_title->setText(tr("Welcome to CancelDesk"));
    m_text->setText(tr("Your name is recorded with every cancel in the cancel log. It is filled "
                       "in from your computer account; change it if the log should show "
                       "another name. You can cancel a sandbox order right away."));
    m_nameLabel->setText(tr("&Operator name:"));
    m_languageLabel->setText(tr("&Language:"));
    m_start->setText(tr("&Start"));
}

} // namespace CancelDesk::Ui
