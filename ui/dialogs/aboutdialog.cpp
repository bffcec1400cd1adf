#include "aboutdialog.h"

#include "appicon.h"
#include "core/buildinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

AboutDialog::AboutDialog(AboutContext context, QWidget *parent)
    : QDialog(parent)
    , m_context(std::move(context))
{
    setObjectName(QStringLiteral("aboutDialog"));
    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(64));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("aboutTitle"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    auto *heading = new QVBoxLayout;
    heading->addWidget(m_title);
    heading->addWidget(m_summary);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(heading, 1);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // Created in the order they sit (Tab follows creation): Copy details, Close.
    m_buttons = new QDialogButtonBox(this);
    m_copyButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_buttons->addButton(QDialogButtonBox::Close);
    m_copyButton->setObjectName(QStringLiteral("copyDetailsButton"));
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(detailsText()); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(m_form);
    // Room a word-wrapped label asks for beyond its text goes here, not between rows.
    layout->addStretch();
    layout->addWidget(m_buttons);
    retranslateUi();
    setMinimumWidth(520);
}

AboutDialog::~AboutDialog() = default;

QList<std::pair<QString, QString>> AboutDialog::rows() const
{
    QList<std::pair<QString, QString>> rows{{tr("Version"), BuildInfo::version()}};
    for (const auto &[name, version] : BuildInfo::components()) {
        // libpq is named for what it is to an operator.
        rows.append({name == u"libpq" ? tr("PostgreSQL client (libpq)") : name, version});
    }
    rows.append({tr("Store"), m_context.store.isEmpty() ? tr("(none open)") : m_context.store});
    rows.append({tr("Settings file"), m_context.configFile});
    return rows;
}

QString AboutDialog::detailsText() const
{
    QString text = tr("CancelDesk %1").arg(BuildInfo::version()) + u'\n';
    for (const auto &[label, value] : rows())
        text += tr("%1:").arg(label) + u' ' + value + u'\n';
    return text;
}

void AboutDialog::retranslateUi()
{
    setWindowTitle(tr("About CancelDesk"));
    m_title->setText(
        QStringLiteral("<h3>%1</h3>").arg(tr("CancelDesk %1").arg(BuildInfo::version())));
    m_summary->setText(tr("Cancel payments at UQPAY, Antom and Liquido, with a tamper-evident "
                          "cancel log."));
    m_copyButton->setText(tr("&Copy details"));
    m_copyButton->setToolTip(tr("Copies the versions, the store and the settings file, for a "
                                "support request."));
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    int index = 0;
    for (const auto &[label, value] : rows()) {
        auto *field = new QLabel(value, this);
        field->setObjectName(QStringLiteral("aboutValue%1").arg(index++));
        field->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        field->setWordWrap(true);
        field->setAccessibleName(label);
        //: A form's label, e.g. "Version:"; Chinese takes a full-width colon.
        m_form->addRow(tr("%1:").arg(label), field);
    }
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace CancelDesk::Ui
