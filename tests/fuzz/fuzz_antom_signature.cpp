// The Antom Signature header (app/providers/antom/antomsignature.*): the input
// is a header value, as an attacker-controlled response could carry it.

#include "fuzzcheck.h"
#include "providers/antom/antomsignature.h"

using namespace CancelDesk::Providers::Antom;

namespace {

// A key made once per process; verifying is cheap, generating is not.
const RsaKey &key()
{
    static const std::shared_ptr<const RsaKey> k = RsaKey::generate();
    FUZZ_CHECK(k);
    return *k;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray header = CancelDesk::Fuzz::bytes(data, size);

    if (const std::optional<SignatureHeader> parsed = parseSignatureHeader(header)) {
        FUZZ_CHECK(!parsed->signature.isEmpty());
        FUZZ_CHECK(parsed->keyVersion >= 0);
        // What we format, we read back unchanged.
        const std::optional<SignatureHeader> again =
            parseSignatureHeader(formatSignatureHeader(parsed->signature, parsed->keyVersion));
        FUZZ_CHECK(again);
        FUZZ_CHECK(again->signature == parsed->signature);
        FUZZ_CHECK(again->keyVersion == parsed->keyVersion);
        FUZZ_CHECK(again->algorithm == "RSA256");
        // Nobody forges an RSA signature over content we chose.
        const QByteArray content = signingContent("POST", "/ams/api/v1/payments/cancel",
                                                  "fuzz-client", "1775000000000", "{}");
        FUZZ_CHECK(!key().verify(content, parsed->signature));
    }

    if (const std::optional<QByteArray> raw = decodeSignatureValue(header)) {
        FUZZ_CHECK(!raw->isEmpty());
        const std::optional<QByteArray> again = decodeSignatureValue(encodeSignatureValue(*raw));
        FUZZ_CHECK(again && *again == *raw);
    }
    return 0;
}
