#include "syncdialog.h"

#include "domain/provider.h"
#include "providers/providerregistry.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStringList>
#include <QTime>
#include <QVBoxLayout>

namespace CancelDesk::Ui {

namespace {

// "UTC+08:00", "UTC−03:00", "UTC".
QString utcOffsetText(int offsetSeconds)
{
    if (offsetSeconds == 0)
        return QStringLiteral("UTC");
    const int minutes = qAbs(offsetSeconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(offsetSeconds < 0 ? QChar(u'\u2212') : QChar(u'+'))
        .arg(minutes / 60, 2, 10, QChar(u'0'))
        .arg(minutes % 60, 2, 10, QChar(u'0'));
}

QDateTime toMinute(const QDateTime &t)
{
    return QDateTime(t.date(), QTime(t.time().hour(), t.time().minute()), t.timeSpec());
}

const QString kEditFormat = QStringLiteral("yyyy-MM-dd HH:mm");

} // namespace

SyncDialog::SyncDialog(Services::RefreshService &refresh,
                       const Providers::ProviderRegistry &providers, const QDateTime &now,
                       QWidget *parent)
    : QDialog(parent)
    , m_refresh(refresh)
    , m_configured(providers.provider(Domain::Provider::Uqpay) != nullptr)
{
    setObjectName(QStringLiteral("syncDialog"));

    auto *layout = new QVBoxLayout(this);
    buildRange(layout);
    buildProgress(layout);
    buildButtons(layout);

    // The last day up to the next whole minute: the upper bound is exclusive,
    // so "now" has to be inside it.
    const QDateTime to = toMinute(now.toLocalTime()).addSecs(60);
    setRange(to.addDays(-1), to);

    retranslateUi();
    updateState();
    resize(560, sizeHint().height());
}

// What is synced (UQPAY only) and the time range, in local time and in UTC.
void SyncDialog::buildRange(QVBoxLayout *layout)
{
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_notConfiguredLabel = new QLabel(this);
    m_notConfiguredLabel->setObjectName(QStringLiteral("notConfiguredLabel"));
    m_notConfiguredLabel->setWordWrap(true);
    m_notConfiguredLabel->setVisible(!m_configured);
    layout->addWidget(m_notConfiguredLabel);

    auto *form = new QFormLayout();
    m_fromLabel = new QLabel(this);
    m_fromEdit = makeRangeEdit(QStringLiteral("fromEdit"));
    m_fromLabel->setBuddy(m_fromEdit);
    m_toLabel = new QLabel(this);
    m_toEdit = makeRangeEdit(QStringLiteral("toEdit"));
    m_toLabel->setBuddy(m_toEdit);
    form->addRow(m_fromLabel, m_fromEdit);
    form->addRow(m_toLabel, m_toEdit);
    layout->addLayout(form);

    m_boundsNote = new QLabel(this);
    m_boundsNote->setObjectName(QStringLiteral("boundsNote"));
    m_boundsNote->setWordWrap(true);
    layout->addWidget(m_boundsNote);
    m_utcRangeLabel = new QLabel(this);
    m_utcRangeLabel->setObjectName(QStringLiteral("utcRangeLabel"));
    m_utcRangeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_utcRangeLabel);
}

QDateTimeEdit *SyncDialog::makeRangeEdit(const QString &name)
{
    auto *edit = new QDateTimeEdit(this);
    edit->setObjectName(name);
    edit->setTimeSpec(Qt::LocalTime);
    edit->setDisplayFormat(kEditFormat);
    edit->setCalendarPopup(true);
    connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
        updateState();
        updateTexts();
    });
    return edit;
}

// The progress of a sync, its result and the orders that failed.
void SyncDialog::buildProgress(QVBoxLayout *layout)
{
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    layout->addWidget(m_progressLabel);

    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("resultLabel"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextFormat(Qt::PlainText);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_resultLabel);

    m_errorsText = new QPlainTextEdit(this);
    m_errorsText->setObjectName(QStringLiteral("errorsText"));
    m_errorsText->setReadOnly(true);
    m_errorsText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_errorsText->setVisible(false);
    layout->addWidget(m_errorsText, 1);
    layout->addStretch();
}

void SyncDialog::buildButtons(QVBoxLayout *layout)
{
    m_buttons = new QDialogButtonBox(this);
    m_syncButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_syncButton->setObjectName(QStringLiteral("syncButton"));
    m_syncButton->setDefault(true);
    m_stopButton = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setAutoDefault(false);
    m_closeButton = m_buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    m_closeButton->setAutoDefault(false);
    layout->addWidget(m_buttons);

    connect(m_syncButton, &QPushButton::clicked, this, &SyncDialog::sync);
    connect(m_stopButton, &QPushButton::clicked, this, &SyncDialog::stop);
    connect(m_closeButton, &QPushButton::clicked, this, &SyncDialog::reject);
}

SyncDialog::~SyncDialog()
{
    // finished() is connected with this as context; no one would see the rest.
    if (m_job)
        m_job->stop();
}

QDateTime SyncDialog::fromUtc() const
{
    return m_fromEdit->dateTime().toUTC();
}

QDateTime SyncDialog::toUtc() const
{
    return m_toEdit->dateTime().toUTC();
}

void SyncDialog::setRange(const QDateTime &from, const QDateTime &to)
{
    m_fromEdit->setDateTime(toMinute(from.toLocalTime()));
    m_toEdit->setDateTime(toMinute(to.toLocalTime()));
}

void SyncDialog::sync()
{
    if (m_job || !m_configured || fromUtc() >= toUtc())
        return;
    m_done = m_total = m_failed = 0;
    m_summary.reset();
    m_errorsText->clear();
    m_errorsText->setVisible(false);
    m_progress->setRange(0, 0); // the total is known after the first page
    m_job = m_refresh.syncUqpay(fromUtc(), toUtc());
    // The job starts on the next turn of the event loop: connected in time.
    connect(m_job, &Services::RefreshJob::progress, this, &SyncDialog::onProgress);
    connect(m_job, &Services::RefreshJob::finished, this, &SyncDialog::onFinished);
    updateState();
    updateTexts();
}

void SyncDialog::stop()
{
    if (m_job)
        m_job->stop(); // finished() follows, with stopped set
}

void SyncDialog::onProgress(int done, int total, int failed)
{
    m_done = done;
    m_total = total;
    m_failed = failed;
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    }
    updateTexts();
}

void SyncDialog::onFinished(const Services::RefreshSummary &summary)
{
    m_job.clear();
    m_summary = summary;
    m_done = summary.done;
    m_total = summary.total;
    m_failed = summary.failed;
    m_progress->setRange(0, qMax(1, summary.total));
    m_progress->setValue(summary.total > 0 ? summary.done : 0);

    QStringList lines;
    for (const auto &[key, text] : summary.errors)
        lines << (key.paymentId.isEmpty() ? text : tr("%1: %2").arg(key.paymentId, text));
    m_errorsText->setPlainText(lines.join(u'\n'));
    m_errorsText->setVisible(!lines.isEmpty());

    updateState();
    updateTexts();
    // The service announced every stored intent as it went
    // (RefreshService::orderUpdated, forwarded by the session): views have them.
    Q_EMIT synced(qMax(0, summary.done - summary.failed));
}

void SyncDialog::updateState()
{
    const bool running = m_job != nullptr;
    m_fromEdit->setEnabled(m_configured && !running);
    m_toEdit->setEnabled(m_configured && !running);
    m_syncButton->setEnabled(m_configured && !running && fromUtc() < toUtc());
    m_stopButton->setEnabled(running);
    m_progress->setVisible(m_configured);
}

void SyncDialog::updateTexts()
{
    const QLocale locale;
    const QDateTime from = fromUtc();
    const QDateTime to = toUtc();
    if (from >= to) {
        m_utcRangeLabel->setText(tr("The start must be before the end."));
    } else {
        m_utcRangeLabel->setText(
            tr("Sent to UQPAY as %1 to %2 UTC")
                .arg(locale.toString(from, kEditFormat), locale.toString(to, kEditFormat)));
    }

    if (m_job) {
        m_progressLabel->setText(m_total > 0 ? tr("%L1 of %L2 payment intents done, %L3 failed")
                                                   .arg(m_done)
                                                   .arg(m_total)
                                                   .arg(m_failed)
                                             : tr("Asking UQPAY for the first page…"));
        m_resultLabel->clear();
        return;
    }
    m_progressLabel->clear();
    if (!m_summary) {
        m_resultLabel->clear();
        return;
    }
    const int stored = qMax(0, m_summary->done - m_summary->failed);
    const int failed = m_summary->failed;
    const int total = m_summary->total;
    QStringList sentences;
    if (m_summary->stopped && total == 0)
        sentences << tr("Stopped before UQPAY answered: nothing was stored.");
    else if (m_summary->stopped)
        sentences << tr("Stopped: %Ln payment intent(s) stored.", nullptr, stored);
    else
        sentences << tr("Sync finished: %Ln payment intent(s) stored.", nullptr, stored);
    if (failed > 0)
        sentences << tr("%Ln payment intent(s) could not be stored (see below).", nullptr, failed);
    if (m_summary->conflicts > 0)
        sentences << tr("%Ln order(s) contradict a confirmed cancel and need review.", nullptr,
                        m_summary->conflicts);
    m_resultLabel->setText(sentences.join(u' '));
}

void SyncDialog::retranslateUi()
{
    setWindowTitle(tr("Sync UQPAY payment intents"));
    m_intro->setText(tr("Stores every UQPAY payment intent created in the range. Antom and "
                        "Liquido have no list API: add their payments by ID or import them."));
    m_notConfiguredLabel->setText(
        tr("UQPAY is not configured. Add its credentials in the settings first."));
    m_fromLabel->setText(tr("Created &after:"));
    m_toLabel->setText(tr("Created &before:"));
    const int offset = m_fromEdit->dateTime().offsetFromUtc();
    m_boundsNote->setText(tr("Times are in your local time (%1). Both bounds are exclusive, as "
                             "UQPAY documents: an intent created exactly at the start or the end "
                             "is not included.")
                              .arg(utcOffsetText(offset)));
    m_syncButton->setText(tr("&Sync"));
    m_stopButton->setText(tr("S&top"));
    m_closeButton->setText(tr("&Close"));
    updateTexts();
}

void SyncDialog::reject()
{
    stop();
    QDialog::reject();
}

void SyncDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace CancelDesk::Ui
