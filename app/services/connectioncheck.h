#pragma once

#include "domain/provider.h"
#include "providers/paymentprovider.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

namespace CancelDesk::Services {

// What is known of the connection to one provider in this environment.
enum class ConnectionState {
    NotConfigured, // no credentials for it in this environment
    Untested,      // configured; not contacted yet
    Checking,
    Reachable,          // it answered, and accepted our credentials / signature
    CredentialsRefused, // it answered, and refused who we are
    Misconfigured,      // our own settings are unusable (unreadable key, bad URL)
    Unreachable,        // no trustworthy answer (network, 5xx, malformed, unsigned)
};

struct ConnectionStatus
{
    ConnectionState state = ConnectionState::Untested;
    QString detail; // translated; the failure, when there is one
    QDateTime checkedAtUtc;
};

// The state a read-only probe's answer shows. The probe retrieves a payment id
// that cannot exist: "not found" from the provider proves the way there, the
// credentials and (Antom) the signatures; nothing is changed anywhere.
ConnectionStatus connectionStatusOf(const Providers::ProviderResult &result,
                                    const QDateTime &checkedAtUtc);
QString connectionStateText(ConnectionState state); // translated, short

// One probe of one provider (Settings' Test connection, the main window's
// provider strip). Delivers finished() once and deletes itself.
class ConnectionCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionCheck)

public:
    // The payment id the probe asks for.
    static const QString kProbePaymentId;

    ConnectionCheck(Providers::PaymentProvider &provider, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    Domain::Provider provider() const { return m_kind; }
    void abort();

Q_SIGNALS:
    void finished(CancelDesk::Domain::Provider provider,
                  const CancelDesk::Services::ConnectionStatus &status);

private:
    Domain::Provider m_kind;
    QPointer<Providers::ProviderCall> m_call;
};

} // namespace CancelDesk::Services
