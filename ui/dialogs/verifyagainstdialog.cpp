#include "verifyagainstdialog.h"

#include "services/exporter.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Ui {

VerifyAgainstDialog::VerifyAgainstDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"verifyAgainstDialog"_s);

    m_explanation = new QLabel(this);
    m_explanation->setObjectName(u"explanationLabel"_s);
    m_explanation->setWordWrap(true);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(u"expectedHeadEdit"_s);
    m_edit->setClearButtonEnabled(true);
    m_chooseButton = new QPushButton(this);
    m_chooseButton->setObjectName(u"chooseManifestButton"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"buttonBox"_s);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_edit, 1);
    inputRow->addWidget(m_chooseButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addLayout(inputRow);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_edit, &QLineEdit::textChanged, this, &VerifyAgainstDialog::readInput);
    connect(m_chooseButton, &QPushButton::clicked, this, &VerifyAgainstDialog::chooseManifest);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    retranslateUi();
    // Wide enough for a whole SEQ:HASH (64 hex digits).
    resize(sizeHint().expandedTo(QSize(700, 0)));
}

VerifyAgainstDialog::~VerifyAgainstDialog() = default;

void VerifyAgainstDialog::retranslateUi()
{
    setWindowTitle(tr("Verify against a kept head"));
    m_edit->setAccessibleName(tr("Kept head or manifest file"));
    m_explanation->setText(
        tr("Paste a head copied earlier (SEQ:HASH), or give the manifest an export wrote beside "
           "its file (FILE.manifest.json). The check fails unless that entry is still in the "
           "cancel log with the same hash and the whole log verifies."));
    m_edit->setPlaceholderText(tr("SEQ:HASH or the path of an export manifest"));
    m_chooseButton->setText(tr("&Choose manifest…"));
    readInput();
}

void VerifyAgainstDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void VerifyAgainstDialog::chooseManifest()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose an export manifest"), {},
                                                      tr("Export manifests (*.manifest.json)"));
    if (!path.isEmpty())
        m_edit->setText(path);
}

// A head as text first; anything else is taken for a manifest's path. Reading
// a small file here is fine: it happens as the operator types or chooses.
void VerifyAgainstDialog::readInput()
{
    const QString text = m_edit->text().trimmed();
    m_head = Storage::JournalHead::parse(text);
    QString status;
    if (!m_head && !text.isEmpty()) {
        if (QFileInfo(text).isFile()) {
            QString error;
            if (const auto manifest = Services::readManifest(text, &error)) {
                m_head = manifest->head;
                status =
                    tr("Export of %1 (%n row(s)), written %2 UTC; head %3.", "",
                       int(manifest->rows))
                        .arg(manifest->file, manifest->writtenAt.toString(u"yyyy-MM-dd HH:mm:ss"_s),
                             manifest->head.toString());
            } else {
                status = error;
            }
        } else {
            status = tr("Not a head (SEQ:HASH, the entry number and its 64 hex digit hash) nor "
                        "an export manifest.");
        }
    }
    m_status->setText(status);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_head.has_value());
}

} // namespace CancelDesk::Ui
