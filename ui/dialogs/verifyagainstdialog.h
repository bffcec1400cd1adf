#pragma once

#include "storage/canceljournal.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace CancelDesk::Ui {

// "Verify against…" (PRODUCT.md F16a): asks for a cancel log head kept
// earlier, pasted as SEQ:HASH, or for an export manifest (its path typed or
// chosen), and offers OK only once it reads as one. The cancel log view runs
// the check.
class VerifyAgainstDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyAgainstDialog)

public:
    explicit VerifyAgainstDialog(QWidget *parent = nullptr);
    ~VerifyAgainstDialog() override;

    // The head to verify against; nullopt while the input is not one.
    std::optional<Storage::JournalHead> expectedHead() const { return m_head; }

public Q_SLOTS:
    void chooseManifest();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void readInput();

    std::optional<Storage::JournalHead> m_head;
    QString m_problem; // why the input is not a head, translated

    QLabel *m_explanation = nullptr;
    QLineEdit *m_edit = nullptr;
    QPushButton *m_chooseButton = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace CancelDesk::Ui
