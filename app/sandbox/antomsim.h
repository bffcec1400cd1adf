#pragma once

#include "domain/cancelpolicy.h"
#include "domain/money.h"
#include "providersim.h"
#include "sandboxstate.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace CancelDesk::Sandbox {

// An Antom payment (PROVIDERS.md §2.4).
struct AntomPayment
{
    QString paymentId;        // Antom's
    QString paymentRequestId; // the merchant's
    Domain::Money amount;
    QString method = QStringLiteral("ALIPAY_CN"); // paymentMethodType
    // paymentStatus: PROCESSING, PENDING, SUCCESS, FAIL, CANCELLED
    QString status = QStringLiteral("PROCESSING");
    QDateTime created;    // UTC
    QDateTime paid;       // paymentTime (SUCCESS / PENDING)
    QDateTime authExpiry; // cards: authExpiryTime
    QDateTime cancelled;
    bool captured = false; // cards: a successful CAPTURE in transactions[]
    bool refunded = false;
    bool forceReject = false; // scenario window_exceeded
};

// Antom AMS v1: inquiryPayment and cancel under /ams/api and /ams/sandbox/api,
// RSA256 request verification and response signing, always HTTP 200 with a
// result envelope, cancel idempotent by payment id, per-method windows.
class AntomSim final : public ProviderSim
{
public:
    AntomSim(ClockFn clock, SandboxState state, Domain::CancelPolicy policy);

    bool handles(const SimRequest &request) const override;
    Target target(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request) override;
    SimResponse errorResponse(const SimRequest &request, int httpStatus) const override;
    SimResponse unknownResponse(const SimRequest &request) const override;
    void applyState(const Scenario &scenario, const QString &paymentId) override;
    void finish(const SimRequest &request, SimResponse &response, bool sign,
                bool forge) const override;
    QStringList demoIds() const override { return m_demoIds; }
    // What a restart keeps (persistence.cpp): payments, cancels, demo ids.
    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

    void addPayment(const AntomPayment &payment);
    const AntomPayment *payment(const QString &paymentId);
    QString newPaymentId();
    void seedDemo();
    // count more payments with generatedIds() ids, a deterministic mix of
    // methods, statuses and amounts, times relative to the clock (--demo-count).
    void seedGenerated(int count);
    static GeneratedIds generatedIds();

private:
    QDateTime now() const { return m_clock(); }
    AntomPayment *find(const QJsonObject &body);
    SimResponse result(const QString &code, const QString &status, const QString &message,
                       QJsonObject extra = {}) const;
    SimResponse inquiry(AntomPayment &payment) const;
    SimResponse cancel(AntomPayment &payment);
    void refresh(AntomPayment &payment) const;
    QString pathSuffix(const QString &path) const;

    ClockFn m_clock;
    SandboxState m_state;
    Domain::CancelPolicy m_policy;
    QHash<QString, AntomPayment> m_payments; // by paymentId
    QHash<QString, QString> m_byRequestId;   // paymentRequestId -> paymentId
    QStringList m_demoIds;
    qint64 m_idBase = 0;
    int m_idSeq = 0;
};

} // namespace CancelDesk::Sandbox
