// CancelJob: one cancel attempt through PRODUCT.md F11 (journal first, send,
// confirm, settle), started fresh, as a retry of an UNRESOLVED attempt, or
// resumed by recovery.
#include "backoff.h"
#include "cancelservice.h"
#include "cancelservice_p.h"
#include "providers/providerregistry.h"
#include "storage/orderstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QTimer>

#include <signal.h>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Services {

using Domain::NormStatus;
using Providers::CancelOutcome;
using Providers::FailureKind;
using Providers::ProviderResult;
using Storage::AttemptState;
using Storage::ProcessOwner;
using Refusal = CancelReport::Refusal;

namespace {

// Backoff never waits longer than this between two tries of one cancel, unless
// the provider's Retry-After asks for more.
constexpr std::chrono::milliseconds kMaxBackoff{30000};

// The provider code of an attempt that ended before anything could be sent
// because the provider is not (properly) configured.
const QString kLocalConfiguration = u"LOCAL_CONFIGURATION"_s;
// The provider code of an attempt the operator stopped before it was sent.
const QString kLocalStopped = u"LOCAL_STOPPED"_s;

#ifdef CANCELDESK_TEST_FAULT_HOOKS
// Test builds only: CANCELDESK_BUILD_TESTS defines CANCELDESK_TEST_FAULT_HOOKS
// for this file, the release preset does not, so this code is not in a shipped
// program. With CANCELDESK_TEST_STOP_AT=prepared|sent|confirming in the
// environment, the process stops itself (SIGSTOP) right after that state is
// committed to the journal, before anything else happens (for sent: before the
// request leaves). The crash tests then SIGKILL it at exactly that point of F11
// and check that recovery resumes the attempt; the concurrency tests let it go
// on with SIGCONT.
void testStopPoint(AttemptState state)
{
    static const QString stopAt = qEnvironmentVariable("CANCELDESK_TEST_STOP_AT").toUpper();
    if (!stopAt.isEmpty() && stopAt == Storage::attemptStateKey(state))
        ::raise(SIGSTOP);
}
#else
void testStopPoint(AttemptState) {}
#endif

// Failures that are not the provider's word on a cancel: they say nothing
// about whether an earlier try arrived.
bool isUntrustedFailure(FailureKind kind)
{
    switch (kind) {
    case FailureKind::Transport:
    case FailureKind::Configuration:
    case FailureKind::Authentication:
    case FailureKind::RateLimited:
    case FailureKind::ServerError:
    case FailureKind::Protocol:
    case FailureKind::Unsupported:
        return true;
    case FailureKind::None:
    case FailureKind::NotFound:
    case FailureKind::Rejected:
        break;
    }
    return false;
}

QString ineligibleMessage(const Domain::OrderKey &key, const Domain::PolicyDecision &decision)
{
    return QCoreApplication::translate("CancelService", "Payment %1 cannot be cancelled: %2 %3")
        .arg(key.paymentId, Domain::ineligibleReasonText(decision.reason),
             Domain::insteadText(decision.instead))
        .trimmed();
}

QString finalMessage(const CancelReport &report)
{
    const QString id = report.order.paymentId;
    switch (*report.state) {
    case AttemptState::Succeeded:
        return QCoreApplication::translate("CancelService", "Payment %1 is cancelled.").arg(id);
    case AttemptState::Rejected: {
        if (report.refusal == Refusal::Configuration)
            return QCoreApplication::translate("CancelService",
                                               "%1 is not configured correctly, so payment %2 "
                                               "was not cancelled and nothing was sent. Check "
                                               "the provider settings.")
                .arg(Domain::providerDisplayName(report.order.provider), id);
        if (report.providerCode == kLocalStopped)
            return QCoreApplication::translate(
                       "CancelService", "The cancel of payment %1 was stopped before it was sent.")
                .arg(id);
        QString text =
            QCoreApplication::translate("CancelService", "%1 refused to cancel payment %2 (%3).")
                .arg(Domain::providerDisplayName(report.order.provider), id,
                     report.providerCode.isEmpty() ? report.providerMessage : report.providerCode);
        if (report.guidance != Providers::Guidance::None)
            text += u' ' + Providers::guidanceText(report.guidance);
        return text;
    }
    case AttemptState::Unresolved:
        return QCoreApplication::translate("CancelService",
                                           "The outcome of cancelling payment %1 is unknown. Do "
                                           "not cancel it again; it will be reconciled.")
            .arg(id);
    case AttemptState::AwaitingApproval:
        return QCoreApplication::translate("CancelService",
                                           "The cancel of payment %1 waits for a second person "
                                           "to approve it. Nothing was sent.")
            .arg(id);
    case AttemptState::Declined:
        return QCoreApplication::translate(
                   "CancelService", "The cancel of payment %1 was declined. Nothing was sent.")
            .arg(id);
    case AttemptState::Expired:
        return QCoreApplication::translate("CancelService",
                                           "The cancel of payment %1 was not approved in time. "
                                           "Nothing was sent.")
            .arg(id);
    case AttemptState::Prepared:
    case AttemptState::Sent:
    case AttemptState::Confirming:
        break;
    }
    return QCoreApplication::translate("CancelService",
                                       "The cancel of payment %1 was interrupted; it will be "
                                       "resumed with the same key when CancelDesk starts again.")
        .arg(id);
}

// What is wrong with a cancel request before anything is looked up, or empty.
QString inputProblem(const CancelOrderRequest &request)
{
    if (request.order.paymentId.trimmed().isEmpty())
        return QCoreApplication::translate("CancelService", "The payment ID is missing.");
    if (request.operatorName.trimmed().isEmpty())
        return QCoreApplication::translate("CancelService", "The operator's name is missing.");
    return Domain::validateCancelReason(request.reason, request.note);
}

// The attempt journaled before anything is sent (F11 step 2).
Storage::CancelAttempt draftAttempt(const Domain::Order &order, const CancelOrderRequest &input,
                                    const QDateTime &requestedAt)
{
    Storage::CancelAttempt draft;
    draft.provider = order.provider;
    draft.paymentId = order.paymentId;
    draft.merchantReference = order.merchantReference;
    draft.amount = order.amount;
    draft.paymentMethod = order.paymentMethod;
    draft.operatorName = input.operatorName;
    draft.environment = input.environment;
    draft.reason = input.reason;
    draft.note = input.note;
    draft.requestedAt = requestedAt;
    draft.statusBefore = Domain::statusKey(order.status);
    // Should it need a second person (F23), the request lapses when the
    // cancel window closes.
    draft.approvalDeadline = order.cancelDeadline;
    return draft;
}

// Why an approval was not given: the team's rules (NotPermitted), the
// journal, a request no longer waiting (decided or lapsed), or bad input.
CancelReport::Refusal approvalRefusal(Storage::JournalError error)
{
    using Refusal = CancelReport::Refusal;
    switch (error) {
    case Storage::JournalError::NotPermitted:
        return Refusal::NotPermitted;
    case Storage::JournalError::Database:
        return Refusal::Storage;
    case Storage::JournalError::InvalidTransition:
    case Storage::JournalError::ActiveAttemptExists:
        return Refusal::Ineligible;
    case Storage::JournalError::None:
    case Storage::JournalError::NotFound:
    case Storage::JournalError::InvalidInput:
        break;
    }
    return Refusal::InvalidInput;
}

// The request as journaled: every try of an attempt sends the same key and body.
Providers::CancelRequest journaledRequest(const Storage::CancelAttempt &attempt)
{
    Providers::CancelRequest request;
    request.paymentId = attempt.paymentId;
    request.merchantReference = attempt.merchantReference;
    request.idempotencyKey = attempt.idempotencyKey;
    request.reason = attempt.reason;
    return request;
}

} // namespace

CancelJob::CancelJob(CancelService &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_databasePath(service.m_journal.databasePath())
    , m_leaseTimer(new QTimer(this))
    , m_waitTimer(new QTimer(this))
{
    m_leaseTimer->setInterval(service.m_settings.leaseRenewal);
    connect(m_leaseTimer, &QTimer::timeout, this, &CancelJob::renewLease);
    m_waitTimer->setSingleShot(true);
    connect(m_waitTimer, &QTimer::timeout, this, [this] {
        switch (m_afterWait) {
        case AfterWait::Nothing:
            break;
        case AfterWait::Send:
            send();
            break;
        case AfterWait::ReconcileThenSend:
            reconcileThenSend();
            break;
        case AfterWait::Poll:
            poll();
            break;
        }
    });
}

CancelJob::~CancelJob()
{
    haltNetwork();
}

void CancelJob::haltNetwork()
{
    m_waitTimer->stop();
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->abort();
        m_call = nullptr;
    }
}

void CancelJob::startFresh(const CancelOrderRequest &request)
{
    m_input = request;
    m_report.order = request.order;
    // Queued: the caller connects to finished() first, even for a refusal.
    QMetaObject::invokeMethod(this, &CancelJob::begin, Qt::QueuedConnection);
}

void CancelJob::startRecovered(const Storage::CancelAttempt &attempt)
{
    m_attempt = attempt;
    m_report.order = {attempt.provider, attempt.paymentId};
    m_report.attemptId = attempt.id;
    GivenUpAttempts::set(m_databasePath, attempt.id, false);
    QMetaObject::invokeMethod(this, &CancelJob::resume, Qt::QueuedConnection);
}

void CancelJob::startApproved(qint64 attemptId, const QString &approver)
{
    m_report.attemptId = attemptId;
    // On a later turn, like every start: finished() never comes before the
    // caller has connected to it.
    QMetaObject::invokeMethod(
        this,
        [this, attemptId, approver] {
            const Storage::JournalResult approved =
                m_service.m_journal.approve(attemptId, approver, ProcessOwner::self());
            if (!approved.ok()) {
                if (const auto stored = m_service.m_journal.find(attemptId)) {
                    m_attempt = *stored;
                    m_report.order = {stored->provider, stored->paymentId};
                } else {
                    m_report.attemptId = 0;
                }
                return refuse(approvalRefusal(approved.error), approved.message);
            }
            Q_EMIT m_service.attemptChanged(
                {approved.attempt.provider, approved.attempt.paymentId});
            // From here on it is the approved attempt, sent like a recovered one.
            m_attempt = approved.attempt;
            m_report.order = {m_attempt.provider, m_attempt.paymentId};
            GivenUpAttempts::set(m_databasePath, attemptId, false);
            resume();
        },
        Qt::QueuedConnection);
}

void CancelJob::begin()
{
    if (m_done)
        return;
    if (const QString problem = inputProblem(m_input); !problem.isEmpty())
        return refuse(Refusal::InvalidInput, problem);

    // 1. The order and its eligibility (F8); nothing is journaled for a refusal.
    m_orderBefore = m_service.m_orders.find(m_input.order.provider, m_input.order.paymentId);
    if (!m_orderBefore)
        return refuse(Refusal::NotFound,
                      QCoreApplication::translate("CancelService",
                                                  "Payment %1 is not in the order list. Add or "
                                                  "refresh it first.")
                          .arg(m_input.order.paymentId));
    // F8, F12 and §10, decided in one place (CancelService::check).
    const CancelCheck check = m_service.check(*m_orderBefore);
    m_report.decision = check.decision;
    switch (check.verdict) {
    case CancelCheck::Verdict::Ineligible:
        return refuse(Refusal::Ineligible, ineligibleMessage(m_input.order, m_report.decision));
    case CancelCheck::Verdict::ActiveAttempt:
        return refuse(Refusal::ActiveAttempt, cancelCheckNote(check));
    case CancelCheck::Verdict::NotConfigured:
        m_report.guidance = Providers::Guidance::FixConfiguration;
        return refuse(Refusal::Configuration, cancelCheckNote(check));
    case CancelCheck::Verdict::RetryUnresolved:
        return retryUnresolved(check.attemptId);
    case CancelCheck::Verdict::NewAttempt:
        break;
    }

    // 2. Journal first: committed before any network I/O. The store refuses a
    // second active attempt for the order, whichever process holds it (F12).
    const Storage::JournalResult prepared =
        m_service.m_journal.prepare(draftAttempt(*m_orderBefore, m_input, m_service.m_clock()));
    if (!prepared.ok()) {
        switch (prepared.error) {
        case Storage::JournalError::ActiveAttemptExists:
            return refuse(Refusal::ActiveAttempt, prepared.message);
        case Storage::JournalError::InvalidInput:
            return refuse(Refusal::InvalidInput, prepared.message);
        case Storage::JournalError::NotPermitted:
            return refuse(Refusal::NotPermitted, notWrittenMessage(prepared.message));
        default:
            return refuse(Refusal::Storage, notWrittenMessage(prepared.message));
        }
    }
    m_attempt = prepared.attempt;
    m_report.attemptId = m_attempt.id;
    if (m_attempt.state == AttemptState::AwaitingApproval) {
        // Four eyes: journaled, nothing sent; another person approves it.
        Q_EMIT m_service.attemptChanged({m_attempt.provider, m_attempt.paymentId});
        m_report.state = m_attempt.state;
        m_report.message = finalMessage(fillReport());
        return deliver();
    }
    Q_EMIT stateChanged(AttemptState::Prepared);
    Q_EMIT m_service.attemptChanged({m_attempt.provider, m_attempt.paymentId});
    testStopPoint(AttemptState::Prepared);

    m_provider = m_service.m_providers.provider(m_attempt.provider);
    if (!m_provider) {
        m_report.refusal = Refusal::Configuration;
        m_report.lastFailure = FailureKind::Configuration;
        m_report.guidance = Providers::Guidance::FixConfiguration;
        m_attempt.providerCode = kLocalConfiguration;
        m_attempt.providerMessage =
            QCoreApplication::translate("CancelService", "%1 is not configured.")
                .arg(Domain::providerDisplayName(m_attempt.provider));
        return complete(AttemptState::Rejected, std::nullopt);
    }
    m_request = journaledRequest(m_attempt);
    m_leaseTimer->start();
    send();
}

void CancelJob::retryUnresolved(qint64 attemptId)
{
    m_provider = m_service.m_providers.provider(m_input.order.provider);
    if (!m_provider)
        return refuse(
            Refusal::Configuration,
            QCoreApplication::translate("CancelService",
                                        "%1 is not configured, so the earlier cancel of "
                                        "payment %2 cannot be retried. Nothing was sent.")
                .arg(Domain::providerDisplayName(m_input.order.provider), m_input.order.paymentId));
    const Storage::JournalResult reopened = m_service.m_journal.reopen(
        attemptId, ProcessOwner::self(), leaseFromNow(m_service.m_journal));
    if (!reopened.ok()) {
        switch (reopened.error) {
        case Storage::JournalError::ActiveAttemptExists:
        case Storage::JournalError::InvalidTransition: // settled or retried meanwhile
            return refuse(Refusal::ActiveAttempt, reopened.message);
        default:
            return refuse(Refusal::Storage, notWrittenMessage(reopened.message));
        }
    }
    m_attempt = reopened.attempt;
    m_report.attemptId = m_attempt.id;
    m_report.retried = true;
    m_report.sent = true; // an earlier try may have arrived
    m_mayHaveArrived = true;
    Q_EMIT stateChanged(AttemptState::Sent);
    Q_EMIT m_service.attemptChanged({m_attempt.provider, m_attempt.paymentId});
    // The journaled request, unchanged: its key, reason and body.
    m_request = journaledRequest(m_attempt);
    m_leaseTimer->start();
    m_sinceFirstSend.start();
    // Ask first: the earlier try may have cancelled it already.
    reconcileThenSend();
}

void CancelJob::resume()
{
    if (m_done)
        return;
    m_orderBefore = m_service.m_orders.find(m_attempt.provider, m_attempt.paymentId);
    m_provider = m_service.m_providers.provider(m_attempt.provider);
    if (!m_provider) {
        // Not ours to decide: without the provider the outcome cannot be
        // learned. Give the attempt back so a configured process resumes it.
        m_report.lastFailure = FailureKind::Configuration;
        m_report.guidance = Providers::Guidance::FixConfiguration;
        releaseToRecovery();
        return refuse(
            Refusal::Configuration,
            QCoreApplication::translate("CancelService", "%1 is not configured, so the interrupted "
                                                         "cancel of payment %2 cannot be resumed.")
                .arg(Domain::providerDisplayName(m_attempt.provider), m_attempt.paymentId));
    }
    // The journaled request, unchanged: the same key and the same body.
    m_request = journaledRequest(m_attempt);
    m_report.sent = m_attempt.state != AttemptState::Prepared;
    m_mayHaveArrived = m_report.sent;
    m_leaseTimer->start();
    switch (m_attempt.state) {
    case AttemptState::Prepared:
        return send();
    case AttemptState::Sent:
        // It may have arrived: ask first, resend the identical request if not.
        m_sinceFirstSend.start();
        return reconcileThenSend();
    case AttemptState::Confirming:
        m_sinceFirstSend.start();
        return startPolling();
    case AttemptState::Succeeded:
    case AttemptState::Rejected:
    case AttemptState::Unresolved:
    // Not in flight: recovery never hands these over (unfinished()).
    case AttemptState::AwaitingApproval:
    case AttemptState::Declined:
    case AttemptState::Expired:
        break;
    }
    deliver();
}

void CancelJob::send()
{
    // 3. SENT (with the try counted) is journaled before the request leaves, so
    // recovery knows it may have arrived.
    ++m_attempt.tries;
    if (!recordState(AttemptState::Sent)) {
        --m_attempt.tries;
        return;
    }
    if (!m_sinceFirstSend.isValid())
        m_sinceFirstSend.start();
    watch(m_provider->cancel(m_request), &CancelJob::onCancelResult);
}

void CancelJob::onCancelResult(const ProviderResult &result)
{
    takeAnswer(result);
    const bool earlierMayHaveArrived = m_mayHaveArrived;
    if (result.failure.kind != FailureKind::Configuration)
        m_mayHaveArrived = true;
    if (earlierMayHaveArrived && isUntrustedFailure(result.failure.kind)
        && result.outcome == CancelOutcome::Rejected)
        // Not the provider's word: an earlier try may have cancelled it.
        return keepOpen();
    if (result.failure.kind == FailureKind::Configuration) {
        if (earlierMayHaveArrived)
            return keepOpen();
        // Refused by our own backend before anything left (unreadable key, bad
        // URL) on the first try; nothing to retry.
        m_report.refusal = Refusal::Configuration;
        m_report.guidance = Providers::Guidance::FixConfiguration;
        m_attempt.providerCode = kLocalConfiguration;
        m_attempt.providerMessage = Providers::failureText(result.failure);
        return complete(AttemptState::Rejected, std::nullopt);
    }
    m_report.sent = true;
    switch (result.outcome) {
    case CancelOutcome::Succeeded:
        return complete(AttemptState::Succeeded, result.order);
    case CancelOutcome::Rejected:
        return complete(AttemptState::Rejected, result.order);
    case CancelOutcome::Confirming:
        if (!recordState(AttemptState::Confirming))
            return;
        return startPolling();
    case CancelOutcome::Unknown:
        if (m_retries < m_service.m_settings.maxRetries) {
            // A provider asking to wait longer than this cancel may still take
            // to confirm gets no sleeping process: the outcome is unknown now
            // and reconciliation or a retry of this attempt settles it.
            const auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    m_service.m_settings.confirmTimeout)
                                - std::chrono::milliseconds(m_sinceFirstSend.elapsed());
            if (result.failure.retryAfter.count() < 0 || result.failure.retryAfter <= budget)
                return scheduleRetry(result.failure.retryAfter);
            m_report.guidance = Providers::Guidance::RetryLater;
        }
        if (m_report.guidance == Providers::Guidance::None)
            m_report.guidance = Providers::Guidance::ContactSupport;
        return complete(AttemptState::Unresolved, std::nullopt);
    }
}

void CancelJob::keepOpen()
{
    releaseToRecovery();
    m_report.sent = true;
    m_report.state = m_attempt.state;
    m_report.message =
        QCoreApplication::translate(
            "CancelService",
            "The cancel of payment %1 may already have reached %2, but its outcome could not be "
            "learned: %3 The attempt stays open and will be resumed with the same key; do not "
            "cancel it again.")
            .arg(m_attempt.paymentId, Domain::providerDisplayName(m_attempt.provider),
                 m_attempt.providerMessage);
    fillReport();
    deliver();
}

void CancelJob::scheduleRetry(std::chrono::milliseconds retryAfter)
{
    const auto delay =
        jitteredBackoff(m_retries, m_service.m_settings.retryBase, kMaxBackoff, retryAfter);
    ++m_retries;
    // Liquido: GET the charge to reconcile before POSTing again (PROVIDERS.md §4.3).
    m_afterWait = m_attempt.provider == Domain::Provider::Liquido ? AfterWait::ReconcileThenSend
                                                                  : AfterWait::Send;
    m_waitTimer->start(delay);
}

void CancelJob::reconcileThenSend()
{
    watch(m_provider->retrieve(m_attempt.paymentId), &CancelJob::onReconcileResult);
}

void CancelJob::onReconcileResult(const ProviderResult &result)
{
    if (result.ok() && result.order && result.order->status == NormStatus::Cancelled)
        return complete(AttemptState::Succeeded, result.order);
    // Not cancelled or not known: the identical request again is safe.
    send();
}

void CancelJob::startPolling()
{
    m_confirming.start();
    m_afterWait = AfterWait::Poll;
    m_waitTimer->start(m_service.m_settings.pollInterval);
}

void CancelJob::poll()
{
    if (m_confirming.elapsed() >= std::chrono::duration_cast<std::chrono::milliseconds>(
                                      m_service.m_settings.confirmTimeout)
                                      .count()) {
        if (m_report.guidance == Providers::Guidance::None)
            m_report.guidance = Providers::Guidance::ContactSupport;
        return complete(AttemptState::Unresolved, m_lastPolled);
    }
    watch(m_provider->retrieve(m_attempt.paymentId), &CancelJob::onPollResult);
}

void CancelJob::onPollResult(const ProviderResult &result)
{
    if (result.ok() && result.order) {
        m_lastPolled = result.order;
        const NormStatus status = result.order->status;
        const bool wasSucceeded = m_orderBefore && m_orderBefore->status == NormStatus::Succeeded;
        if (status == NormStatus::Cancelled)
            return complete(AttemptState::Succeeded, result.order);
        // A same-day paid wallet stays SUCCEEDED until the cancel flips it; a
        // payment that failed or got paid meanwhile will not be cancelled.
        if (status == NormStatus::Failed || (status == NormStatus::Succeeded && !wasSucceeded)) {
            // The provider gave no code for this: the payment's status is in
            // the message and in status_after, not in provider_code.
            m_attempt.providerMessage =
                QCoreApplication::translate("CancelService",
                                            "The payment became %1 instead of cancelled.")
                    .arg(result.order->rawStatus);
            m_report.guidance = Providers::Guidance::CheckStatus;
            return complete(AttemptState::Rejected, result.order);
        }
    }
    m_afterWait = AfterWait::Poll;
    m_waitTimer->start(m_service.m_settings.pollInterval);
}

void CancelJob::renewLease()
{
    if (m_report.attemptId == 0 || m_done)
        return;
    const Storage::JournalResult renewed =
        m_service.m_journal.renewLease(m_attempt.id, leaseFromNow(m_service.m_journal));
    if (renewed.ok())
        return;
    // Without a lease another process may take the attempt over: stop here,
    // send nothing more.
    haltNetwork();
    if (renewed.error == Storage::JournalError::InvalidTransition) {
        // Taken over, or settled, by someone else: theirs now.
        m_report.state = m_attempt.state;
        m_report.message =
            QCoreApplication::translate("CancelService",
                                        "This process stopped handling the cancel of payment %1: "
                                        "%2")
                .arg(m_attempt.paymentId, renewed.message);
        fillReport();
        return deliver();
    }
    releaseToRecovery();
    refuse(Refusal::Storage, journalStopMessage(renewed.message));
}

bool CancelJob::recordState(AttemptState state)
{
    const AttemptState previous = m_attempt.state;
    m_attempt.state = state;
    const Storage::JournalResult r = m_service.m_journal.record(m_attempt);
    if (!r.ok()) {
        m_attempt.state = previous;
        // Without the journal nothing more may be sent; leave the attempt to
        // recovery, which resumes it with the same key.
        releaseToRecovery();
        refuse(Refusal::Storage, journalStopMessage(r.message));
        return false;
    }
    m_attempt = r.attempt;
    Q_EMIT stateChanged(state);
    Q_EMIT m_service.attemptChanged({m_attempt.provider, m_attempt.paymentId});
    testStopPoint(state);
    return true;
}

void CancelJob::takeAnswer(const ProviderResult &result)
{
    m_attempt.providerCode =
        result.providerCode.isEmpty() ? result.failure.code : result.providerCode;
    m_attempt.providerMessage =
        result.providerMessage.isEmpty() ? result.failure.message : result.providerMessage;
    m_attempt.httpStatus = result.httpStatus != 0 ? result.httpStatus : result.failure.httpStatus;
    m_report.lastFailure = result.failure.kind;
    m_report.guidance = result.guidance;
}

void CancelJob::complete(AttemptState state, const std::optional<Domain::Order> &order)
{
    // 6. The final state and what led to it, and the order's new status, in
    // one transaction: the order as the provider returned it or, confirmed
    // without the payment in the answer (Antom), the order as stored at this
    // moment (not the copy read when the cancel began), marked cancelled.
    const bool confirmedWithoutOrder =
        state == AttemptState::Succeeded && (!order || order->status != NormStatus::Cancelled);
    const std::optional<Domain::Order> current =
        m_service.m_orders.find(m_attempt.provider, m_attempt.paymentId);
    const AttemptState previous = m_attempt.state;
    m_attempt.state = state;
    m_attempt.latencyMs = m_sinceFirstSend.isValid() ? m_sinceFirstSend.elapsed() : 0;
    if (confirmedWithoutOrder)
        m_attempt.statusAfter = Domain::statusKey(NormStatus::Cancelled);
    else if (order)
        m_attempt.statusAfter = Domain::statusKey(order->status);
    else if (current)
        m_attempt.statusAfter = Domain::statusKey(current->status);
    m_attempt.finishedAt = m_service.m_clock();
    const auto writeOrder = [&]() -> QString {
        std::optional<Domain::Order> after = order;
        if (confirmedWithoutOrder) {
            // Read again inside the transaction: a refresh may have stored it
            // after `current` was read.
            after = m_service.m_orders.find(m_attempt.provider, m_attempt.paymentId);
            if (!after)
                return {};
            after->rawStatus = u"CANCELLED"_s;
            after->status = NormStatus::Cancelled;
            after->lastSyncedAt = m_service.m_clock();
        }
        if (!after)
            return {};
        if (!after->lastSyncedAt.isValid() || order)
            after->lastSyncedAt = m_service.m_clock();
        const Storage::UpsertResult stored =
            m_service.m_orders.upsertInTransaction(*after, Storage::StatusSource::Cancel);
        return stored.ok ? QString() : stored.error;
    };
    const Storage::JournalResult r = m_service.m_journal.record(m_attempt, writeOrder);
    if (!r.ok()) {
        m_attempt.state = previous;
        if (r.error == Storage::JournalError::InvalidTransition) {
            // No longer ours (taken over or released): the owner decides.
            m_report.state = previous;
            m_report.message = r.message;
            fillReport();
            return deliver();
        }
        releaseToRecovery();
        return refuse(Refusal::Storage, journalStopMessage(r.message));
    }
    m_attempt = r.attempt;
    Q_EMIT stateChanged(state);
    Q_EMIT m_service.attemptChanged({m_attempt.provider, m_attempt.paymentId});
    if (order || confirmedWithoutOrder)
        Q_EMIT m_service.orderWritten({m_attempt.provider, m_attempt.paymentId});
    m_report.state = state;
    m_report.message = finalMessage(fillReport());
    deliver();
}

CancelReport &CancelJob::fillReport()
{
    m_report.providerCode = m_attempt.providerCode;
    m_report.providerMessage = m_attempt.providerMessage;
    m_report.httpStatus = m_attempt.httpStatus;
    m_report.tries = m_attempt.tries;
    return m_report;
}

void CancelJob::refuse(Refusal refusal, const QString &message)
{
    m_report.refusal = refusal;
    if (m_report.attemptId != 0)
        m_report.state = m_attempt.state;
    m_report.message = message;
    fillReport();
    deliver();
}

void CancelJob::stop()
{
    if (m_done)
        return;
    haltNetwork();
    if (m_report.attemptId == 0) {
        // Nothing journaled yet (begin() has not run, or a recovered attempt
        // not yet resumed stays with recovery).
        m_report.message =
            QCoreApplication::translate("CancelService", "Stopped before anything was sent.");
        return deliver();
    }
    if (m_attempt.state == AttemptState::Prepared && !m_report.sent) {
        m_attempt.providerCode = kLocalStopped;
        m_attempt.providerMessage =
            QCoreApplication::translate("CancelService", "Stopped before it was sent.");
        return complete(AttemptState::Rejected, std::nullopt);
    }
    // It may have arrived: recovery resumes it with the same key.
    releaseToRecovery();
    m_report.state = m_attempt.state;
    m_report.message = finalMessage(fillReport());
    deliver();
}

QString CancelJob::notWrittenMessage(const QString &problem) const
{
    return QCoreApplication::translate("CancelService",
                                       "Payment %1 was not cancelled and nothing was sent: the "
                                       "cancel log in %2 cannot be written. %3")
        .arg(m_input.order.paymentId, QDir::toNativeSeparators(m_databasePath), problem);
}

QString CancelJob::journalStopMessage(const QString &problem) const
{
    return QCoreApplication::translate("CancelService",
                                       "The cancel log in %1 cannot be written, so the cancel of "
                                       "payment %2 was stopped; it will be resumed with the same "
                                       "key. %3")
        .arg(QDir::toNativeSeparators(m_databasePath), m_attempt.paymentId, problem);
}

void CancelJob::releaseToRecovery()
{
    const Storage::JournalResult released =
        m_service.m_journal.setOwner(m_attempt.id, m_attempt.owner(), std::nullopt, ProcessOwner(),
                                     QDateTime::currentDateTimeUtc());
    if (released.ok())
        m_attempt = released.attempt;
    else if (released.error != Storage::JournalError::InvalidTransition)
        GivenUpAttempts::set(m_databasePath, m_attempt.id, true);
}

void CancelJob::deliver()
{
    if (m_done)
        return;
    m_done = true;
    m_leaseTimer->stop();
    m_waitTimer->stop();
    Q_EMIT finished(m_report);
    deleteLater();
}

void CancelJob::watch(Providers::ProviderCall *call,
                      void (CancelJob::*handler)(const Providers::ProviderResult &))
{
    m_call = call;
    connect(call, &Providers::ProviderCall::finished, this,
            [this, handler](const ProviderResult &result) {
                m_call = nullptr;
                if (!m_done)
                    (this->*handler)(result);
            });
}

} // namespace CancelDesk::Services
