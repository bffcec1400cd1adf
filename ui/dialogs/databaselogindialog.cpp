#include "databaselogindialog.h"

#include "ordersummary.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

namespace {

QString headlineText(DatabaseLoginDialog::Problem problem, const QString &login)
{
    switch (problem) {
    case DatabaseLoginDialog::Problem::PasswordNeeded:
        return DatabaseLoginDialog::tr("The team database needs the password of %1.").arg(login);
    case DatabaseLoginDialog::Problem::PasswordRefused:
        return DatabaseLoginDialog::tr("The team database did not accept the password of %1.")
            .arg(login);
    case DatabaseLoginDialog::Problem::SavedPasswordRefused:
        return DatabaseLoginDialog::tr(
                   "The team database did not accept the saved password of %1. It may have been "
                   "changed: type the new one.")
            .arg(login);
    case DatabaseLoginDialog::Problem::NoConnection:
        break;
    }
    return DatabaseLoginDialog::tr(
        "CancelDesk cannot reach the team database. Check the network and the server, then "
        "connect again. If the server wants a password, type it here.");
}

} // namespace

DatabaseLoginDialog::DatabaseLoginDialog(const Storage::DatabaseLocation &location,
                                         const QString &login, Problem problem,
                                         const QString &detail, const QString &storeDescription,
                                         QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"databaseLoginDialog"_s);
    setWindowTitle(tr("Team database login"));
    auto *layout = new QVBoxLayout(this);

    m_headline = new QLabel(headlineText(problem, login), this);
    m_headline->setObjectName(u"databaseLoginHeadline"_s);
    m_headline->setWordWrap(true);
    setLabelBold(m_headline);
    layout->addWidget(m_headline);

    auto *form = new QFormLayout;
    auto *database = new QLabel(location.displayName(), this);
    database->setObjectName(u"databaseLoginLocation"_s);
    database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Database:"), database);
    auto *user = new QLabel(login, this);
    user->setObjectName(u"databaseLoginUser"_s);
    form->addRow(tr("Login:"), user);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"databasePassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    // A password manager's or a screen reader's hint, never the value.
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData
                                    | Qt::ImhNoPredictiveText);
    form->addRow(tr("Password:"), m_password);
    layout->addLayout(form);

    m_remember = new QCheckBox(tr("Remember the password in %1").arg(storeDescription), this);
    m_remember->setObjectName(u"rememberPassword"_s);
    m_remember->setChecked(true);
    layout->addWidget(m_remember);

    if (!detail.isEmpty()) {
        // libpq indents its hints with tabs.
        QStringList lines = detail.split(u'\n');
        for (QString &line : lines)
            line = line.trimmed();
        auto *why = new QLabel(lines.join(u'\n'), this);
        why->setObjectName(u"databaseLoginDetail"_s);
        why->setWordWrap(true);
        why->setTextInteractionFlags(Qt::TextSelectableByMouse);
        why->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(why);
    }

    auto *buttons = new QDialogButtonBox(this);
    m_connect = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(u"connectButton"_s);
    m_connect->setDefault(true);
    QPushButton *quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(u"quitButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // Without a password there is nothing new to try, unless the server was
    // away: then Connect simply tries again.
    const auto update = [this, problem] {
        m_connect->setEnabled(problem == Problem::NoConnection || !m_password->text().isEmpty());
    };
    connect(m_password, &QLineEdit::textChanged, this, update);
    update();
    m_password->setFocus();
    setMinimumWidth(480);
}

QString DatabaseLoginDialog::password() const
{
    return m_password->text();
}

bool DatabaseLoginDialog::remember() const
{
    return m_remember->isChecked();
}

void DatabaseLoginDialog::setRememberAvailable(bool available)
{
    m_remember->setChecked(available);
    m_remember->setVisible(available);
}

} // namespace CancelDesk::Ui
