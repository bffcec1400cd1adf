#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang-14, ASan + UBSan) and runs
# each for a bounded time on a copy of its seed corpus and regressions
# (tests/fuzz/corpus/<name>, tests/fuzz/regressions/<name>). Fails, naming the
# target and the crashing input, when any target crashes.
# Usage: scripts/fuzz.sh [--seconds N] [--only <name>]   (default 20 s each)
# Crashers go to build/fuzz/artifacts/<name>/; a real one is fixed and its
# input kept in tests/fuzz/regressions/<name>/ (see tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20
only=""
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--only <name>]" >&2; exit 2 ;;
    esac
done
case "$seconds" in '' | *[!0-9]*) echo "error: --seconds needs a whole number" >&2; exit 2 ;; esac

# clang and libFuzzer besides the build dependencies, only when missing.
scripts/deps.sh clang-14 libfuzzer-14-dev

export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cmake --preset fuzz
cmake --build --preset fuzz

build=build/fuzz
targets=()
for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    name=${name#fuzz_}
    [ -z "$only" ] || [ "$name" = "$only" ] && targets+=("$name")
done
[ ${#targets[@]} -gt 0 ] || { echo "error: no fuzz target named '$only'" >&2; exit 2; }

failed=()
printf '%-18s %10s %8s %8s %8s\n' target execs exec/s cov corpus
for name in "${targets[@]}"; do
    corpus=$build/corpus/$name        # grows across local runs; seeds copied in each time
    artifacts=$build/artifacts/$name/
    log=$build/logs/$name.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    find "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name" -type f ! -name '.*' \
        -exec cp {} "$corpus/" \;
    status=0
    # -max_len: the parsers read answers and files of a few kB; longer inputs
    # only slow the search. -timeout: one input taking 10 s is a hang.
    "$build/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -max_len=8192 \
        -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$artifacts" "$corpus" >"$log" 2>&1 || status=$?
    # A crash on the first input leaves some figures out: "-" then, not an exit.
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$( (grep -oE 'cov: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
    units=$( (grep -oE 'corp: [0-9]+' "$log" || true) | tail -1 | cut -d' ' -f2)
    printf '%-18s %10s %8s %8s %8s\n' "$name" "${execs:--}" "${rate:--}" "${cov:--}" "${units:--}"
    if [ "$status" -ne 0 ]; then
        artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        echo "FAIL: fuzz_$name crashed (exit $status); input: ${artifact:-none written}; log: $log" >&2
        grep -E 'ERROR: |runtime error|fuzz invariant violated|SUMMARY' "$log" | head -5 >&2 || true
        failed+=("$name")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "error: fuzz targets crashed: ${failed[*]}" >&2
    echo "Fix the parser, then keep the input in tests/fuzz/regressions/<name>/." >&2
    exit 1
fi
echo "All ${#targets[@]} fuzz targets ran ${seconds} s each without a crash."
