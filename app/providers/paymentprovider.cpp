#include "paymentprovider.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace CancelDesk::Providers {

QString failureKindKey(FailureKind kind)
{
    switch (kind) {
    case FailureKind::None:
        return QStringLiteral("none");
    case FailureKind::Transport:
        return QStringLiteral("transport");
    case FailureKind::Configuration:
        return QStringLiteral("configuration");
    case FailureKind::Authentication:
        return QStringLiteral("authentication");
    case FailureKind::RateLimited:
        return QStringLiteral("rate_limited");
    case FailureKind::ServerError:
        return QStringLiteral("server_error");
    case FailureKind::Protocol:
        return QStringLiteral("protocol");
    case FailureKind::NotFound:
        return QStringLiteral("not_found");
    case FailureKind::Rejected:
        return QStringLiteral("rejected");
    case FailureKind::Unsupported:
        return QStringLiteral("unsupported");
    }
    Q_UNREACHABLE();
    return {};
}

QString failureText(const ProviderFailure &failure)
{
    QString sentence;
    switch (failure.kind) {
    case FailureKind::None:
        return {};
    case FailureKind::Transport:
        sentence = transportErrorText(failure.transport);
        break;
    case FailureKind::Configuration:
        sentence = QCoreApplication::translate(
            "ProviderFailure", "The provider connection is not configured correctly.");
        break;
    case FailureKind::Authentication:
        sentence =
            QCoreApplication::translate("ProviderFailure", "The provider refused the credentials.");
        break;
    case FailureKind::RateLimited:
        if (failure.retryAfter.count() >= 0) {
            const int seconds = int((failure.retryAfter.count() + 999) / 1000);
            sentence = QCoreApplication::translate(
                "ProviderFailure", "The provider is limiting requests; try again in %n second(s).",
                nullptr, seconds);
        } else {
            sentence = QCoreApplication::translate(
                "ProviderFailure", "The provider is limiting requests; try again shortly.");
        }
        break;
    case FailureKind::ServerError:
        sentence =
            QCoreApplication::translate("ProviderFailure", "The provider had an internal error.");
        break;
    case FailureKind::Protocol:
        sentence = QCoreApplication::translate(
            "ProviderFailure", "The provider's answer could not be trusted or understood.");
        break;
    case FailureKind::NotFound:
        sentence = QCoreApplication::translate("ProviderFailure",
                                               "The provider does not know this payment.");
        break;
    case FailureKind::Rejected:
        sentence =
            QCoreApplication::translate("ProviderFailure", "The provider refused the request.");
        break;
    case FailureKind::Unsupported:
        sentence = QCoreApplication::translate("ProviderFailure",
                                               "The provider does not offer this operation.");
        break;
    }
    if (!failure.code.isEmpty() && !failure.message.isEmpty())
        return QCoreApplication::translate("ProviderFailure", "%1 (%2: %3)")
            .arg(sentence, failure.code, failure.message);
    if (!failure.code.isEmpty() || !failure.message.isEmpty())
        return QCoreApplication::translate("ProviderFailure", "%1 (%2)")
            .arg(sentence, failure.code.isEmpty() ? failure.message : failure.code);
    return sentence;
}

namespace {

// "cdfail1:" + compact JSON. The prefix tells an encoded failure from the
// free text older versions stored.
constexpr QLatin1StringView kFailurePrefix("cdfail1:");

} // namespace

QString encodeFailure(const ProviderFailure &failure)
{
    if (!failure.isFailure())
        return {};
    QJsonObject o{{QStringLiteral("kind"), failureKindKey(failure.kind)}};
    if (failure.transport != TransportError::None)
        o.insert(QStringLiteral("transport"), transportErrorKey(failure.transport));
    if (failure.httpStatus != 0)
        o.insert(QStringLiteral("http"), failure.httpStatus);
    if (!failure.code.isEmpty())
        o.insert(QStringLiteral("code"), failure.code);
    if (!failure.message.isEmpty())
        o.insert(QStringLiteral("message"), failure.message);
    if (failure.retryAfter.count() >= 0)
        o.insert(QStringLiteral("retry_after_ms"), qint64(failure.retryAfter.count()));
    return kFailurePrefix + QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<ProviderFailure> decodeFailure(const QString &stored)
{
    if (!stored.startsWith(kFailurePrefix))
        return std::nullopt;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QStringView(stored).mid(kFailurePrefix.size()).toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    ProviderFailure f;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    for (FailureKind k :
         {FailureKind::Transport, FailureKind::Configuration, FailureKind::Authentication,
          FailureKind::RateLimited, FailureKind::ServerError, FailureKind::Protocol,
          FailureKind::NotFound, FailureKind::Rejected, FailureKind::Unsupported}) {
        if (failureKindKey(k) == kind)
            f.kind = k;
    }
    if (f.kind == FailureKind::None)
        return std::nullopt;
    const QString transport = o.value(QStringLiteral("transport")).toString();
    for (TransportError t :
         {TransportError::InsecureUrl, TransportError::Timeout, TransportError::ConnectionRefused,
          TransportError::HostNotFound, TransportError::Tls, TransportError::Network,
          TransportError::Redirect, TransportError::BodyTooLarge, TransportError::Aborted}) {
        if (transportErrorKey(t) == transport)
            f.transport = t;
    }
    f.httpStatus = o.value(QStringLiteral("http")).toInt();
    f.code = o.value(QStringLiteral("code")).toString();
    f.message = o.value(QStringLiteral("message")).toString();
    f.retryAfter =
        std::chrono::milliseconds(qint64(o.value(QStringLiteral("retry_after_ms")).toDouble(-1)));
    return f;
}

QString storedFailureText(const QString &stored)
{
    if (const std::optional<ProviderFailure> f = decodeFailure(stored))
        return failureText(*f);
    return stored;
}

QString cancelOutcomeKey(CancelOutcome outcome)
{
    switch (outcome) {
    case CancelOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case CancelOutcome::Confirming:
        return QStringLiteral("confirming");
    case CancelOutcome::Rejected:
        return QStringLiteral("rejected");
    case CancelOutcome::Unknown:
        return QStringLiteral("unknown");
    }
    Q_UNREACHABLE();
    return {};
}

namespace {

struct GuidanceInfo
{
    Guidance guidance;
    const char16_t *key;
    const char *text;
};

constexpr GuidanceInfo kGuidance[] = {
    {Guidance::None, u"none", ""},
    {Guidance::Refund, u"refund",
     QT_TRANSLATE_NOOP("Guidance", "The cancel window has passed: refund the payment instead.")},
    {Guidance::CheckPaymentId, u"check_payment_id",
     QT_TRANSLATE_NOOP(
         "Guidance", "Check the payment ID; the provider does not know it. Do not retry blindly.")},
    {Guidance::CheckStatus, u"check_status",
     QT_TRANSLATE_NOOP(
         "Guidance",
         "The payment's status does not allow a cancel: refresh it, check it, and contact "
         "the provider's support if it looks wrong.")},
    {Guidance::AlreadyRefunded, u"already_refunded",
     QT_TRANSLATE_NOOP(
         "Guidance",
         "The payment has already been (partly) refunded and can no longer be cancelled.")},
    {Guidance::FixConfiguration, u"fix_configuration",
     QT_TRANSLATE_NOOP(
         "Guidance", "The request was refused because of the connection settings (client ID, keys, "
                     "signature): fix the configuration.")},
    {Guidance::FundMerchantBalance, u"fund_merchant_balance",
     QT_TRANSLATE_NOOP("Guidance", "The merchant balance is too low: retry once it is funded.")},
    {Guidance::RetryLater, u"retry_later",
     QT_TRANSLATE_NOOP("Guidance", "The provider is busy: back off and try again later.")},
    {Guidance::ContactSupport, u"contact_support",
     QT_TRANSLATE_NOOP("Guidance",
                       "The outcome is still unknown: contact the provider's support.")},
};

} // namespace

QString guidanceKey(Guidance guidance)
{
    for (const GuidanceInfo &g : kGuidance) {
        if (g.guidance == guidance)
            return QString::fromUtf16(g.key);
    }
    return {};
}

QString guidanceText(Guidance guidance)
{
    if (guidance == Guidance::None)
        return {};
    for (const GuidanceInfo &g : kGuidance) {
        if (g.guidance == guidance)
            return QCoreApplication::translate("Guidance", g.text);
    }
    return {};
}

ProviderCall::ProviderCall(QObject *parent)
    : QObject(parent)
{}

ProviderCall::~ProviderCall() = default;

void ProviderCall::setCurrent(HttpCall *call)
{
    m_current = call;
}

ProviderFailure transportFailure(const HttpResult &result)
{
    ProviderFailure f;
    f.kind = result.error == TransportError::InsecureUrl ? FailureKind::Configuration
                                                         : FailureKind::Transport;
    f.transport = result.error;
    f.httpStatus = result.response.status;
    f.message = result.detail;
    return f;
}

void ProviderCall::abort()
{
    if (m_delivered || m_aborted)
        return;
    m_aborted = true;
    // Marked delivered before the HTTP call is aborted: aborting it delivers
    // its own Aborted result synchronously, and a backend that forwards that
    // through deliver() must find this call already finished.
    m_delivered = true;
    if (m_current)
        m_current->abort();
    ProviderFailure failure;
    failure.kind = FailureKind::Transport;
    failure.transport = TransportError::Aborted;
    ProviderResult result;
    result.failure = failure;
    // Delivered at once: the caller asked, and late HTTP answers are ignored.
    Q_EMIT finished(result);
    deleteLater();
}

void ProviderCall::deliver(ProviderResult result)
{
    if (m_delivered)
        return;
    m_delivered = true;
    // Always on the next turn of the event loop, so that a result known
    // before send() returned still reaches a receiver connected afterwards.
    QTimer::singleShot(0, this, [this, result = std::move(result)] {
        Q_EMIT finished(result);
        deleteLater();
    });
}

void ProviderCall::fail(ProviderFailure failure)
{
    ProviderResult result;
    result.failure = std::move(failure);
    deliver(std::move(result));
}

PaymentProvider::PaymentProvider(QObject *parent)
    : QObject(parent)
{}

PaymentProvider::~PaymentProvider() = default;

ProviderCall *PaymentProvider::list(const ListRequest &)
{
    auto *call = new ProviderCall(this);
    ProviderFailure failure;
    failure.kind = FailureKind::Unsupported;
    call->fail(failure);
    return call;
}

} // namespace CancelDesk::Providers
