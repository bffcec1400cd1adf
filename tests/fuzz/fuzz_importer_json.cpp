// The JSON importer: see fuzz_importer.h.

#include "fuzz_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return CancelDesk::Fuzz::importOne(data, size, QStringLiteral("json"));
}
