// Replays the stored inputs of one fuzz target (its seed corpus and the
// crashers found so far) through LLVMFuzzerTestOneInput, so that every normal
// build (dev and asan) runs them as a ctest test without libFuzzer.
// Usage: fuzz_replay_<name> <dir or file>...   Fails when no input was found.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

// Hidden files (.gitkeep) and READMEs are not inputs.
bool isInput(const std::filesystem::path &path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name.front() != '.' && name.rfind("README", 0) != 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_regular_file(arg)) {
            inputs.push_back(arg);
            continue;
        }
        if (!std::filesystem::is_directory(arg)) {
            std::fprintf(stderr, "replay: %s does not exist\n", argv[i]);
            return 1;
        }
        for (const auto &entry : std::filesystem::recursive_directory_iterator(arg)) {
            if (entry.is_regular_file() && isInput(entry.path()))
                inputs.push_back(entry.path());
        }
    }
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) {
        std::fprintf(stderr, "replay: no inputs found\n");
        return 1;
    }
    for (const std::filesystem::path &path : inputs) {
        // Named before it runs, so that a crash points at its input.
        std::fprintf(stderr, "replay: %s\n", path.c_str());
        std::ifstream in(path, std::ios::binary);
        const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                      std::istreambuf_iterator<char>()};
        if (!in.eof() && in.fail()) {
            std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
            return 1;
        }
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    }
    std::fprintf(stderr, "replay: %zu inputs passed\n", inputs.size());
    return 0;
}
