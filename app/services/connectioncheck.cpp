#include "connectioncheck.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace CancelDesk::Services {

using Providers::FailureKind;

const QString ConnectionCheck::kProbePaymentId = u"CANCELDESK-CONNECTION-TEST-0"_s;

ConnectionStatus connectionStatusOf(const Providers::ProviderResult &result,
                                    const QDateTime &checkedAtUtc)
{
    ConnectionStatus status;
    status.checkedAtUtc = checkedAtUtc;
    switch (result.failure.kind) {
    case FailureKind::None:     // it knows the id after all
    case FailureKind::NotFound: // the expected answer
    case FailureKind::Rejected:
    case FailureKind::Unsupported:
        status.state = ConnectionState::Reachable;
        return status;
    case FailureKind::Authentication:
        status.state = ConnectionState::CredentialsRefused;
        break;
    case FailureKind::Configuration:
        status.state = ConnectionState::Misconfigured;
        break;
    case FailureKind::Transport:
    case FailureKind::RateLimited:
    case FailureKind::ServerError:
    case FailureKind::Protocol:
        status.state = ConnectionState::Unreachable;
        break;
    }
    status.detail = Providers::failureText(result.failure);
    return status;
}

QString connectionStateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::NotConfigured:
        return QCoreApplication::translate("ConnectionCheck", "not configured");
    case ConnectionState::Untested:
        return QCoreApplication::translate("ConnectionCheck", "configured, not contacted yet");
    case ConnectionState::Checking:
        return QCoreApplication::translate("ConnectionCheck", "checking…");
    case ConnectionState::Reachable:
        return QCoreApplication::translate("ConnectionCheck", "reachable");
    case ConnectionState::CredentialsRefused:
        return QCoreApplication::translate("ConnectionCheck", "credentials refused");
    case ConnectionState::Misconfigured:
        return QCoreApplication::translate("ConnectionCheck", "settings unusable");
    case ConnectionState::Unreachable:
        return QCoreApplication::translate("ConnectionCheck", "not reachable");
    }
    return {};
}

ConnectionCheck::ConnectionCheck(Providers::PaymentProvider &provider, QObject *parent)
    : QObject(parent)
    , m_kind(provider.kind())
{
    m_call = provider.retrieve(kProbePaymentId);
    connect(m_call, &Providers::ProviderCall::finished, this,
            [this](const Providers::ProviderResult &result) {
                m_call = nullptr;
                Q_EMIT finished(m_kind,
                                connectionStatusOf(result, QDateTime::currentDateTimeUtc()));
                deleteLater();
            });
}

ConnectionCheck::~ConnectionCheck()
{
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr); // no delivery into a dying object
        m_call->abort();
    }
}

void ConnectionCheck::abort()
{
    if (m_call)
        m_call->abort();
}

} // namespace CancelDesk::Services
