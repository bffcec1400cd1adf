// Antom's response parsers (app/providers/antom/antomparser.*): the input is
// the body of a 200 answer to inquiryPayment or cancel, also read as a time,
// a resultCode and a Retry-After header.

#include "fuzzcheck.h"
#include "providers/antom/antomparser.h"

#include <QJsonObject>
#include <QJsonValue>

#include <array>

using namespace CancelDesk;
using namespace CancelDesk::Providers;
using Domain::Provider;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body = Fuzz::bytes(data, size);
    const QString text = QString::fromUtf8(body);
    const bool jsonObject = Fuzz::isJsonObject(body);

    const ProviderResult inquiry = Antom::parseInquiryResponse(body);
    Fuzz::checkResult(inquiry, Provider::Antom);
    if (inquiry.ok()) {
        FUZZ_CHECK(jsonObject);
        FUZZ_CHECK(inquiry.order);
        // The same answer about the payment it names is still good; about
        // another payment it is never trusted.
        const QString id = inquiry.order->paymentId;
        FUZZ_CHECK(Antom::parseInquiryResponse(body, id).ok());
        const ProviderResult other = Antom::parseInquiryResponse(body, QString(id + u'x'));
        FUZZ_CHECK(!other.ok() && other.failure.kind == FailureKind::Protocol);
    }

    const ProviderResult cancel = Antom::parseCancelResponse(body);
    Fuzz::checkResult(cancel, Provider::Antom);
    if (cancel.outcome == CancelOutcome::Succeeded) {
        FUZZ_CHECK(jsonObject);
        // A confirmation that names a payment confirms only that payment.
        const QJsonValue named = QJsonDocument::fromJson(body).object().value(u"paymentId");
        if (named.isString() && !named.toString().isEmpty()) {
            const ProviderResult other =
                Antom::parseCancelResponse(body, QString(named.toString() + u'x'));
            FUZZ_CHECK(other.outcome != CancelOutcome::Succeeded);
        }
    }
    if (!jsonObject) {
        FUZZ_CHECK(!inquiry.ok() && inquiry.failure.kind == FailureKind::Protocol);
        FUZZ_CHECK(cancel.outcome == CancelOutcome::Unknown);
        FUZZ_CHECK(cancel.failure.kind == FailureKind::Protocol);
    }

    if (const std::optional<QDateTime> t = Antom::parseAntomTime(text))
        FUZZ_CHECK(t->isValid() && t->timeSpec() == Qt::UTC);
    (void)Antom::guidanceForResultCode(text);

    for (const int status : std::array{400, 404, 429, 500, 502}) {
        const ProviderResult r = Antom::resultForHttpStatus(status, body.left(64));
        Fuzz::checkResult(r, Provider::Antom);
        // A non-200 answer's body is never trusted.
        FUZZ_CHECK(!r.ok() && r.outcome == CancelOutcome::Unknown);
    }
    return 0;
}
