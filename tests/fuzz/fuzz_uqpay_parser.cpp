// UQPAY's response parsers (app/providers/uqpay/uqpayparser.*): the input is a
// response body, given to every parser under the HTTP statuses that matter.

#include "fuzzcheck.h"
#include "providers/uqpay/uqpayparser.h"

#include <array>

using namespace CancelDesk;
using namespace CancelDesk::Providers;
using Domain::NormStatus;
using Domain::Provider;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body = Fuzz::bytes(data, size);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'775'000'000, Qt::UTC);
    const bool jsonObject = Fuzz::isJsonObject(body);

    const Uqpay::OrderResult intent = Uqpay::parsePaymentIntent(body);
    if (intent.ok()) {
        FUZZ_CHECK(jsonObject);
        Fuzz::checkOrder(intent.order, Provider::Uqpay);
        Fuzz::checkTime(intent.cancelTime);
    }
    Fuzz::checkTime(Uqpay::parseTime(QJsonValue(QString::fromUtf8(body))).utc);
    FUZZ_CHECK(Providers::parseRetryAfter(body, now).count() >= -1);

    for (const int status : std::array{200, 201, 400, 401, 404, 429, 500, 503}) {
        HttpResponse response;
        response.status = status;
        response.body = body;
        response.headers = {{"Retry-After", body.left(32)}};
        const bool success = status >= 200 && status < 300;

        const ProviderResult retrieve = Uqpay::parseRetrieveResponse(response, now);
        Fuzz::checkResult(retrieve, Provider::Uqpay);
        // Only a 2xx JSON object may be a retrieved payment.
        if (retrieve.ok()) {
            FUZZ_CHECK(success && jsonObject);
            FUZZ_CHECK(retrieve.order);
        }

        const ProviderResult list = Uqpay::parseListResponse(response, now);
        Fuzz::checkResult(list, Provider::Uqpay);
        if (list.ok()) {
            FUZZ_CHECK(success && jsonObject);
            FUZZ_CHECK(list.totalPages >= 0 && list.totalItems >= 0);
        }

        const ProviderResult cancel = Uqpay::parseCancelResponse(response, now);
        Fuzz::checkResult(cancel, Provider::Uqpay);
        // A cancel is confirmed only by a 2xx intent that shows CANCELLED.
        if (cancel.outcome == CancelOutcome::Succeeded) {
            FUZZ_CHECK(success && jsonObject);
            FUZZ_CHECK(cancel.order && cancel.order->status == NormStatus::Cancelled);
        }

        const ProviderFailure error = Uqpay::classifyError(response, now);
        FUZZ_CHECK(error.retryAfter.count() >= -1);

        const Uqpay::TokenResult token = Uqpay::parseTokenResponse(response, now);
        if (token.ok()) {
            FUZZ_CHECK(success && jsonObject);
            FUZZ_CHECK(!token.token.isEmpty());
            Fuzz::checkTime(token.expiresAtUtc);
        }
    }
    return 0;
}
