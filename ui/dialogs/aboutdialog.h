#pragma once

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace CancelDesk::Ui {

// What the About dialog tells about this console besides the build: where
// its orders and cancel log are and which settings it read.
struct AboutContext
{
    QString store;      // the SQLite file, or the team's postgresql:// URL (never a password)
    QString configFile; // the INI file the settings came from
};

// Help → About: CancelDesk's version and the versions of the libraries it
// runs on (BuildInfo: Qt, OpenSSL, SQLite, PostgreSQL's client library), the
// store and the configuration file, every value selectable, and "Copy
// details" for a support request.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(AboutContext context, QWidget *parent = nullptr);
    ~AboutDialog() override;

    // The details as plain text, one "label: value" per line, in the current
    // language (what Copy details puts on the clipboard).
    QString detailsText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QList<std::pair<QString, QString>> rows() const;

    AboutContext m_context;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_copyButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace CancelDesk::Ui
