#pragma once

#include "domain/cancelpolicy.h"
#include "domain/money.h"
#include "providersim.h"
#include "sandboxstate.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace CancelDesk::Sandbox {

// A UQPAY PaymentIntent (PROVIDERS.md §1.2).
struct UqpayIntent
{
    QString id; // "PI…"
    QString merchantOrderId;
    Domain::Money amount;
    // payment_method.type of the latest attempt: "card", "wechatpay", "alipaycn",
    // "grabpay", "paynow", …
    QString methodType = QStringLiteral("card");
    QString status = QStringLiteral("REQUIRES_PAYMENT_METHOD");
    QDateTime created;   // UTC
    QDateTime completed; // when SUCCEEDED
    QDateTime cancelled;
    QDateTime updated;
    QString cancellationReason;
    QString description;
    bool refunded = false;
    bool forceReject = false; // scenario window_exceeded
    int asyncDelayMs = -1;    // scenario async_cancel_delay; -1 = the server default
    bool cancelPending = false;
    bool expired = false;
};

// UQPAY Global Acquiring v1.6: token (one active at a time), retrieve, list,
// cancel with 24-h idempotent replay, asynchronous wallet cancels.
class UqpaySim final : public ProviderSim
{
public:
    UqpaySim(ClockFn clock, SandboxCredentials credentials, Domain::CancelPolicy policy);

    bool handles(const SimRequest &request) const override;
    Target target(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request) override;
    SimResponse errorResponse(const SimRequest &request, int httpStatus) const override;
    SimResponse expiredTokenResponse(const SimRequest &request) override;
    void applyState(const Scenario &scenario, const QString &paymentId) override;
    QStringList demoIds() const override { return m_demoIds; }

    void addIntent(const UqpayIntent &intent);
    const UqpayIntent *intent(const QString &id);
    QString newIntentId();
    void seedDemo();
    // count more payments with generatedIds() ids, a deterministic mix of
    // methods, statuses and amounts, times relative to the clock (--demo-count).
    void seedGenerated(int count);
    static GeneratedIds generatedIds();
    // What a restart keeps (persistence.cpp): payments, cancels, demo ids.
    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

    void setDefaultAsyncDelayMs(int ms) { m_defaultAsyncDelayMs = ms; }

    struct Flip
    {
        QString id;
        int delayMs = 0;
    };
    // Wallet cancels accepted since the last call; the server flips them later.
    QList<Flip> takeScheduledFlips();
    // Makes a pending cancel final; returns the acquiring.cancel.succeeded
    // webhook body (empty when nothing was pending).
    QByteArray completeCancel(const QString &id);

    static QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body,
                                       const QByteArray &timestamp);

private:
    struct IdempotentEntry
    {
        QByteArray fingerprint;
        QDateTime storedAt;
        SimResponse response;
    };

    QDateTime now() const { return m_clock(); }
    SimResponse issueToken(const SimRequest &request);
    std::optional<SimResponse> checkAuth(const SimRequest &request) const;
    SimResponse retrieve(const QString &id);
    SimResponse list(const SimRequest &request);
    SimResponse cancel(const SimRequest &request, const QString &id);
    SimResponse doCancel(const QString &id, const QByteArray &body);
    void refresh(UqpayIntent &intent) const;
    QJsonObject toJson(const UqpayIntent &intent) const;
    static SimResponse error(int status, const QString &type, const QString &code,
                             const QString &message);

    ClockFn m_clock;
    SandboxCredentials m_credentials;
    Domain::CancelPolicy m_policy;
    QHash<QString, UqpayIntent> m_intents;
    QHash<QByteArray, IdempotentEntry> m_idempotency;
    QByteArray m_token;
    QDateTime m_tokenExpiry;
    QList<Flip> m_flips;
    QStringList m_demoIds;
    int m_defaultAsyncDelayMs = 2000;
    qint64 m_idBase = 0;
    int m_idSeq = 0;
};

} // namespace CancelDesk::Sandbox
