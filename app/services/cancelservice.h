#pragma once

#include "cancelcheck.h"
#include "domain/cancelpolicy.h"
#include "domain/cancelreason.h"
#include "domain/order.h"
#include "providers/paymentprovider.h"
#include "storage/canceljournal.h"
#include "workflowsettings.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QTimer;

namespace CancelDesk::Storage {
class OrderStore;
}
namespace CancelDesk::Providers {
class ProviderRegistry;
}

namespace CancelDesk::Services {

struct CancelOrderRequest
{
    Domain::OrderKey order;
    Domain::CancelReason reason = Domain::CancelReason::RequestedByCustomer;
    QString note;
    QString operatorName;
    QString environment; // "sandbox" | "test" | "production"
};

// What became of one cancel (PRODUCT.md F11), for the GUI, the CLI and bulk reports.
struct CancelReport
{
    Domain::OrderKey order;
    qint64 attemptId = 0; // 0 when refused before journaling
    // The attempt's state when the job ended: final, or still active when the
    // job was stopped (recovery resumes it); nullopt when refused locally.
    std::optional<Storage::AttemptState> state;
    bool sent = false; // whether any request reached the network
    // The cancel retried an earlier attempt whose outcome was unknown
    // (UNRESOLVED), with its key and body, instead of making a new one.
    bool retried = false;
    enum class Refusal {
        None,
        NotFound,      // the order is not in the store
        Ineligible,    // CancelPolicy said no; see decision
        ActiveAttempt, // another attempt for the order is in progress (F12)
        InvalidInput,  // reason/note/operator/environment
        Configuration, // provider not configured: attempt REJECTED as LOCAL_CONFIGURATION
        Storage,       // the journal could not be written; nothing was sent after that
        NotPermitted,  // the team database's rules: a role, or four eyes (F22, F23)
    };
    Refusal refusal = Refusal::None;
    Domain::PolicyDecision decision; // for Ineligible
    Providers::FailureKind lastFailure = Providers::FailureKind::None;
    Providers::Guidance guidance = Providers::Guidance::None;
    QString providerCode;
    QString providerMessage;
    int httpStatus = 0;
    int tries = 0;
    QString message; // translated, one or two sentences for the operator
};

class CancelService;

// One cancel attempt being carried out. Delivers finished() exactly once (always
// on a later event-loop turn than the call that created it), then deletes itself.
class CancelJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelJob)

public:
    ~CancelJob() override;

    Domain::OrderKey order() const { return m_report.order; }
    // Stops waiting: aborts the request in flight and hands an attempt that may
    // have been sent over to recovery (its lease is released), so it is never
    // lost nor sent under a new key. Delivers finished() with the state as it is.
    void stop();

Q_SIGNALS:
    void stateChanged(CancelDesk::Storage::AttemptState state);
    void finished(const CancelDesk::Services::CancelReport &report);

private:
    friend class CancelService;
    friend class RecoveryJob;

    CancelJob(CancelService &service, QObject *parent);
    void startFresh(const CancelOrderRequest &request);
    void retryUnresolved(qint64 attemptId);
    // An answer that is not the provider's word on the cancel (credentials,
    // configuration, token, transport) after the request may have arrived
    // already: the attempt is not closed; it stays open for recovery.
    void keepOpen();
    // Stops waiting and aborts the request in flight, delivering nothing.
    void haltNetwork();
    void startRecovered(const Storage::CancelAttempt &attempt);
    void startApproved(qint64 attemptId, const QString &approver);

    void begin();
    void resume();
    void send();
    void onCancelResult(const Providers::ProviderResult &result);
    void scheduleRetry(std::chrono::milliseconds retryAfter);
    void reconcileThenSend();
    void onReconcileResult(const Providers::ProviderResult &result);
    void startPolling();
    void poll();
    void onPollResult(const Providers::ProviderResult &result);
    void renewLease();

    bool recordState(Storage::AttemptState state);
    void takeAnswer(const Providers::ProviderResult &result);
    CancelReport &fillReport();
    void complete(Storage::AttemptState state, const std::optional<Domain::Order> &order);
    void refuse(CancelReport::Refusal refusal, const QString &message);
    void deliver();
    // Why nothing was sent when the journal refused the attempt's first write.
    QString notWrittenMessage(const QString &problem) const;
    // Why the job stopped when a journal write failed; problem says what failed.
    QString journalStopMessage(const QString &problem) const;
    // Hands the attempt to recovery: releases its owner in the journal or, when
    // even that cannot be written, lists it as given up (see GivenUpAttempts).
    void releaseToRecovery();
    void watch(Providers::ProviderCall *call,
               void (CancelJob::*handler)(const Providers::ProviderResult &));

    CancelService &m_service;
    QString m_databasePath; // of the journal, for GivenUpAttempts
    CancelOrderRequest m_input;
    CancelReport m_report;
    Storage::CancelAttempt m_attempt;
    Providers::PaymentProvider *m_provider = nullptr;
    Providers::CancelRequest m_request;
    std::optional<Domain::Order> m_orderBefore;
    std::optional<Domain::Order> m_lastPolled;
    QPointer<Providers::ProviderCall> m_call;
    QTimer *m_leaseTimer = nullptr;
    QTimer *m_waitTimer = nullptr; // backoff and poll interval
    // What the wait timer does when it fires.
    enum class AfterWait { Nothing, Send, ReconcileThenSend, Poll };
    AfterWait m_afterWait = AfterWait::Nothing;
    QElapsedTimer m_sinceFirstSend;
    QElapsedTimer m_confirming;
    int m_retries = 0;
    // An earlier try of this attempt may have reached the provider (resumed
    // from SENT or CONFIRMING, a retried UNRESOLVED attempt, or any try after
    // the first): only a business answer or a retrieved status may close it.
    bool m_mayHaveArrived = false;
    bool m_done = false;
};

// Cancels many orders with one reason (F13): ineligible ones are reported and
// not sent; the others are cancelled one after another.
class BulkCancelJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkCancelJob)

public:
    ~BulkCancelJob() override;
    // Stops the current cancel (see CancelJob::stop) and does not start the rest;
    // those are reported as not sent.
    void stop();

Q_SIGNALS:
    // One order's report as soon as it is known, in the order given (those not
    // started after stop() too), so that a view can show each outcome as it
    // arrives; then progress().
    void reported(const CancelDesk::Services::CancelReport &report);
    void progress(int done, int total);
    void finished(const QList<CancelDesk::Services::CancelReport> &reports);

private:
    friend class CancelService;
    BulkCancelJob(CancelService &service, QList<CancelOrderRequest> requests, QObject *parent);
    void next();

    CancelService &m_service;
    QList<CancelOrderRequest> m_requests;
    QList<CancelReport> m_reports;
    QPointer<CancelJob> m_current;
    bool m_stopped = false;
};

// Resumes attempts whose owning process is gone (F11 recovery), and those this
// process gave up after a journal failure, one after another; finished() lists
// what became of each one taken over.
class RecoveryJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoveryJob)

public:
    ~RecoveryJob() override;

Q_SIGNALS:
    void finished(const QList<CancelDesk::Services::CancelReport> &reports);

private:
    friend class CancelService;
    RecoveryJob(CancelService &service, QObject *parent);
    void next();

    CancelService &m_service;
    QList<Storage::CancelAttempt> m_pending;
    QList<CancelReport> m_reports;
};

// The cancel workflow of PRODUCT.md F11–F13 and its crash recovery.
class CancelService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CancelService)

public:
    CancelService(Storage::OrderStore &orders, Storage::CancelJournal &journal,
                  Providers::ProviderRegistry &providers, Domain::CancelPolicy policy,
                  WorkflowSettings settings, Clock clock, QObject *parent = nullptr);
    ~CancelService() override;

    CancelJob *cancel(const CancelOrderRequest &request);
    BulkCancelJob *cancelMany(const QList<Domain::OrderKey> &orders, Domain::CancelReason reason,
                              const QString &note, const QString &operatorName,
                              const QString &environment);
    RecoveryJob *recover();
    // Four eyes (F23). A cancel at or above its currency's threshold ends
    // AWAITING_APPROVAL with nothing sent. approve() makes another person's
    // approval the go-ahead: this process then sends that same attempt, with
    // its key, like any other (the job's report is the cancel's outcome).
    // decline() ends it with a note; nothing is sent. In a team store the
    // approver is the database login; the requester is refused (NotPermitted).
    CancelJob *approve(qint64 attemptId, const QString &approver);
    Storage::JournalResult decline(qint64 attemptId, const QString &approver, const QString &note);
    // Runs recover() every interval while no recovery is running (the console:
    // an attempt given up after a busy database, or left by a process that died
    // meanwhile, does not wait for a restart). recovered() reports what it did.
    void startPeriodicRecovery(std::chrono::milliseconds interval);

    // PRODUCT.md F8/F11/F12/§10 for one stored order, on the service's clock.
    CancelCheck check(const Domain::Order &order) const;
    // The order's active and unresolved attempts, from the journal.
    AttemptFlags attemptFlags(Domain::Provider provider, const QString &paymentId) const;
    const Domain::CancelPolicy &policy() const { return m_policy; }
    QDateTime now() const { return m_clock(); }

    // Whether the process that owns an active attempt is gone: same host and no
    // such process, or its lease has run out (another host cannot be asked).
    // The current process is never considered gone.
    static bool ownerIsGone(const Storage::CancelAttempt &attempt, const QDateTime &nowUtc);

    const WorkflowSettings &settings() const { return m_settings; }

Q_SIGNALS:
    // Periodic recovery took over and finished these attempts.
    void recovered(const QList<CancelDesk::Services::CancelReport> &reports);
    // An attempt of the order was journaled: prepared, retried, moved on or
    // finished. Its active and unresolved attempts may have changed.
    void attemptChanged(const CancelDesk::Domain::OrderKey &order);
    // A finished cancel stored the order's new status.
    void orderWritten(const CancelDesk::Domain::OrderKey &order);

private:
    friend class CancelJob;
    friend class RecoveryJob;

    Storage::OrderStore &m_orders;
    Storage::CancelJournal &m_journal;
    Providers::ProviderRegistry &m_providers;
    Domain::CancelPolicy m_policy;
    WorkflowSettings m_settings;
    Clock m_clock;
    QTimer *m_recoveryTimer = nullptr;
    QPointer<RecoveryJob> m_periodicRecovery;
};

} // namespace CancelDesk::Services

Q_DECLARE_METATYPE(CancelDesk::Services::CancelReport)
