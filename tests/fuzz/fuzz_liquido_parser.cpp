// Liquido's response parsers (app/providers/liquido/liquidoparser.*): the input
// is a response body, given to every parser under the HTTP statuses that
// matter, and also read as a time, a deadline and a Retry-After value.

#include "fuzzcheck.h"
#include "providers/liquido/liquidoparser.h"

#include <array>

using namespace CancelDesk;
using namespace Qt::Literals::StringLiterals;
using namespace CancelDesk::Providers;
using Domain::NormStatus;
using Domain::Provider;

namespace {

void checkTimeParse(const Liquido::TimeParse &t)
{
    if (t.ok())
        FUZZ_CHECK(t.utc.timeSpec() == Qt::UTC);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body = Fuzz::bytes(data, size);
    const QString text = QString::fromUtf8(body);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'775'000'000, Qt::UTC);
    const bool jsonObject = Fuzz::isJsonObject(body);

    checkTimeParse(Liquido::parseLiquidoTime(text));
    checkTimeParse(Liquido::parseLiquidoDeadline(text));
    FUZZ_CHECK(Providers::parseRetryAfter(body, now).count() >= -1);
    (void)Liquido::guidanceForStatus(text);

    const Liquido::ErrorBody error = Liquido::parseErrorBody(body);
    if (error.isJsonObject)
        FUZZ_CHECK(jsonObject);

    const Liquido::ChargeParse charge = Liquido::parseCharge(body);
    QString id = u"fuzz-payment"_s;
    if (charge.ok()) {
        FUZZ_CHECK(jsonObject);
        Fuzz::checkOrder(charge.order, Provider::Liquido);
        id = charge.order.paymentId;
    }

    for (const int status : std::array{200, 201, 400, 401, 404, 409, 429, 500}) {
        HttpResponse response;
        response.status = status;
        response.body = body;
        response.headers = {{"Retry-After", body.left(32)}};

        const ProviderResult retrieve = Liquido::parseRetrieveResponse(id, response, now);
        Fuzz::checkResult(retrieve, Provider::Liquido);
        if (retrieve.ok()) {
            FUZZ_CHECK(jsonObject && charge.ok());
            FUZZ_CHECK(retrieve.order && retrieve.order->paymentId == id);
        }
        // An answer about another payment is never trusted.
        FUZZ_CHECK(!Liquido::parseRetrieveResponse(QString(id + u'x'), response, now).ok());

        const ProviderResult cancel = Liquido::parseCancelResponse(id, response, now);
        Fuzz::checkResult(cancel, Provider::Liquido);
        if (cancel.outcome == CancelOutcome::Succeeded) {
            FUZZ_CHECK(jsonObject && charge.ok());
            FUZZ_CHECK(cancel.order && cancel.order->status == NormStatus::Cancelled);
            FUZZ_CHECK(cancel.order->paymentId == id);
        }
        const ProviderResult other =
            Liquido::parseCancelResponse(QString(id + u'x'), response, now);
        FUZZ_CHECK(other.outcome != CancelOutcome::Succeeded);

        const Liquido::TokenParse token = Liquido::parseTokenResponse(response, now);
        if (token.ok()) {
            FUZZ_CHECK(jsonObject);
            FUZZ_CHECK(token.expiresIn.count() >= -1);
        }
    }
    return 0;
}
