#pragma once

#include <QFrame>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace CancelDesk::Ui {

// The short panel a first start shows above the order list: the operator's
// name (recorded with every cancel; prefilled with the OS user's full name or
// login) and the language. Nothing in it is required before a first sandbox
// cancel: the prefilled name is already used. "Start" saves the name to the
// settings file, shared with the CLI, and the panel is not shown again.
class FirstRunPanel final : public QFrame
{
    Q_OBJECT

public:
    FirstRunPanel(const QString &operatorName, const QString &language, QWidget *parent = nullptr);

    // Whether a first start still has to show it (QSettings ui/firstRunDone).
    static bool wanted();
    static void markDone();

    QString operatorName() const;
    // Shows the language in use ("en", "zh_CN") in the combo; it follows a
    // switch made elsewhere (the Language menu) by itself, on LanguageChange.
    void setLanguage(const QString &language);
    // Shows a problem under the fields (e.g. the settings file is not writable).
    void showError(const QString &message);

Q_SIGNALS:
    void languageChosen(const QString &language);
    // Start pressed with a non-empty name.
    void accepted(const QString &operatorName);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void start();

    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace CancelDesk::Ui
