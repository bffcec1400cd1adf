#pragma once

#include "services/refreshservice.h"

#include <QDateTime>
#include <QDialog>
#include <QPointer>

#include <optional>

class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace CancelDesk::Providers {
class ProviderRegistry;
}

namespace CancelDesk::Ui {

// F2 Sync: stores every UQPAY payment intent created in a time range, paging
// through UQPAY's list endpoint (RefreshService::syncUqpay, network-async: no
// thread of its own, nothing to wait for when the dialog closes). The operator
// enters the range in local time; it is sent in UTC. Antom and Liquido have no
// list API, so this is UQPAY only.
class SyncDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncDialog)

public:
    // providers: whether UQPAY is configured; now: the range offered first is
    // the day before it.
    SyncDialog(Services::RefreshService &refresh, const Providers::ProviderRegistry &providers,
               const QDateTime &now, QWidget *parent = nullptr);
    ~SyncDialog() override;

    // The range as it is sent (UTC).
    QDateTime fromUtc() const;
    QDateTime toUtc() const;
    void setRange(const QDateTime &from, const QDateTime &to);
    bool isRunning() const { return m_job != nullptr; }

Q_SIGNALS:
    // After every sync, also a stopped one: how many intents were stored.
    void synced(int count);

protected:
    void changeEvent(QEvent *event) override;
    void reject() override;

private:
    void buildRange(QVBoxLayout *layout);
    QDateTimeEdit *makeRangeEdit(const QString &name);
    void buildProgress(QVBoxLayout *layout);
    void buildButtons(QVBoxLayout *layout);
    void retranslateUi();
    void updateState();
    void updateTexts();
    void sync();
    void stop();
    void onProgress(int done, int total, int failed);
    void onFinished(const Services::RefreshSummary &summary);

    Services::RefreshService &m_refresh;
    const bool m_configured;
    QPointer<Services::RefreshJob> m_job;
    int m_done = 0;
    int m_total = 0;
    int m_failed = 0;
    std::optional<Services::RefreshSummary> m_summary;

    QLabel *m_intro = nullptr;
    QLabel *m_notConfiguredLabel = nullptr;
    QLabel *m_fromLabel = nullptr;
    QDateTimeEdit *m_fromEdit = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateTimeEdit *m_toEdit = nullptr;
    QLabel *m_boundsNote = nullptr;
    QLabel *m_utcRangeLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QLabel *m_resultLabel = nullptr;
    QPlainTextEdit *m_errorsText = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_syncButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace CancelDesk::Ui
