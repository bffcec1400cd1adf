#pragma once

#include "providersim.h"
#include "sandboxstate.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace CancelDesk::Sandbox {

// A Liquido BR pay-in charge (PROVIDERS.md §3.2).
struct LiquidoCharge
{
    QString idempotencyKey; // = referenceId
    QString method = QStringLiteral("PIX_DYNAMIC_QR");
    // INITIAL_STATUS, IN_PROGRESS, AUTHORIZED, SETTLED, FAILED, CANCELLED,
    // EXPIRED, REFUNDING, REFUNDED, CHARGED_BACK
    QString status = QStringLiteral("IN_PROGRESS");
    qint64 amount = 0; // minor units (centavos)
    QString currency = QStringLiteral("BRL");
    QDateTime created;     // UTC
    QDateTime finalStatus; // when it reached a final status
    QDateTime expiration;  // PIX expirationTime / boleto due time
    QString description;
    bool forceReject = false; // scenario window_exceeded
};

// Liquido BR: form-encoded OAuth, Bearer + x-api-key on every call, retrieve
// and cancel for the method/status pairs of §3.3.
class LiquidoSim final : public ProviderSim
{
public:
    LiquidoSim(ClockFn clock, SandboxCredentials credentials);

    bool handles(const SimRequest &request) const override;
    Target target(const SimRequest &request) const override;
    SimResponse handle(const SimRequest &request) override;
    SimResponse errorResponse(const SimRequest &request, int httpStatus) const override;
    SimResponse expiredTokenResponse(const SimRequest &request) override;
    void applyState(const Scenario &scenario, const QString &paymentId) override;
    QStringList demoIds() const override { return m_demoIds; }
    // What a restart keeps (persistence.cpp): payments, cancels, demo ids.
    QJsonObject saveState() const;
    void restoreState(const QJsonObject &state);

    void addCharge(const LiquidoCharge &charge);
    const LiquidoCharge *charge(const QString &key);
    QString newKey();
    void seedDemo();
    // count more payments with generatedIds() ids, a deterministic mix of
    // methods, statuses and amounts, times relative to the clock (--demo-count).
    void seedGenerated(int count);
    static GeneratedIds generatedIds();

    // "2022-06-02 11:45:44 GMT-03:00": Liquido's non-ISO time strings.
    static QString liquidoTime(const QDateTime &utc);

private:
    QDateTime now() const { return m_clock(); }
    SimResponse issueToken(const SimRequest &request);
    std::optional<SimResponse> checkAuth(const SimRequest &request) const;
    SimResponse cancel(LiquidoCharge &charge);
    void refresh(LiquidoCharge &charge) const;
    QJsonObject toJson(const LiquidoCharge &charge) const;
    static SimResponse error(int status, const QString &message, const QJsonObject &extra = {});

    ClockFn m_clock;
    SandboxCredentials m_credentials;
    QHash<QString, LiquidoCharge> m_charges;
    QHash<QByteArray, QDateTime> m_tokens; // access token -> expiry
    QStringList m_demoIds;
    qint64 m_idBase = 0;
    int m_idSeq = 0;
};

} // namespace CancelDesk::Sandbox
