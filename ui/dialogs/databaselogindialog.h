#pragma once

#include "storage/databaselocation.h"

#include <QDialog>
#include <QString>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace CancelDesk::Ui {

// Asked when the console cannot open its team database (PRODUCT.md F20): the
// login was refused or a password is wanted, or the server cannot be reached.
// It says which, names the database (its URL, never a password) and the
// login, shows the server's words, and takes the password, with "remember it"
// (the OS keychain, or the private file when there is none). Connect tries
// again; Quit ends the console.
class DatabaseLoginDialog final : public QDialog
{
    Q_OBJECT

public:
    // How the last try went, which chooses the headline.
    enum class Problem {
        PasswordNeeded,  // no password was given, and the server wants one
        PasswordRefused, // the password given (typed or saved) was refused
        SavedPasswordRefused,
        NoConnection, // the server did not answer (or said something else)
    };

    // login: the database login (the URL's user, else the OS login).
    // storeDescription: where "remember" keeps it (SecretStore::description()).
    DatabaseLoginDialog(const Storage::DatabaseLocation &location, const QString &login,
                        Problem problem, const QString &detail, const QString &storeDescription,
                        QWidget *parent = nullptr);

    QString password() const;
    bool remember() const;
    // Without a secret store there is nowhere to remember it: the choice is
    // hidden and remember() is false.
    void setRememberAvailable(bool available);

private:
    QLabel *m_headline = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QPushButton *m_connect = nullptr;
};

} // namespace CancelDesk::Ui
