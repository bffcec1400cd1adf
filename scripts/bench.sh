#!/usr/bin/env bash
# Issue 15's figures: builds the release configuration with the benchmarks
# (preset "bench": RelWithDebInfo, build/bench) and runs bench_orderlist,
# bench_import and bench_export at their default sizes on both engines, and
# bench_refresh against canceldesk-sandbox, each figure printed beside the
# plain tool's (sqlite3, psql, sha256sum, curl) and the ratio. The output is
# also written to build/bench/bench-results.txt.
# Usage: scripts/bench.sh [--orders N] [--rows N] [--entries N] [--refresh N]
#                         [--engines sqlite|sqlite,postgresql] [--keep DIR]
#   --orders   bench_orderlist's orders       (default 1000000)
#   --rows     bench_import's CSV rows        (default 200000)
#   --entries  bench_export's log entries     (default 1000000)
#   --refresh  bench_refresh's orders         (default 10000; SQLite, curl baseline)
#   --keep     keep the generated data in DIR and reuse it on the next run
# Figures vary from run to run; nothing here passes or fails on time. The
# exit status is 1 when a benchmark could not take one of its figures.
set -euo pipefail
cd "$(dirname "$0")/.."

orders=1000000
rows=200000
entries=1000000
refresh=10000
engines=sqlite,postgresql
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
    --orders) orders="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --entries) entries="$2"; shift 2 ;;
    --refresh) refresh="$2"; shift 2 ;;
    --engines) engines="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
    esac
done

# The baselines' tools: sqlite3 and curl (sha256sum is coreutils; psql comes with postgresql).
scripts/deps.sh sqlite3 curl
cmake --preset bench
cmake --build --preset bench

bin=build/bench/tests/bench
out=build/bench/bench-results.txt
: >"$out"
failed=0
run() {
    echo "== $*" | tee -a "$out"
    "$@" 2>&1 | tee -a "$out" || failed=1
    echo | tee -a "$out"
}

{
    echo "scripts/bench.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "machine: $(nproc) cores (nproc),$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}')"
    echo "tools: $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 | sed 's/^/sqlite3 /' || echo 'sqlite3 missing'); $(psql --version 2>/dev/null || echo 'psql missing'); $(sha256sum --version 2>/dev/null | head -1 || echo 'sha256sum missing'); $(curl --version 2>/dev/null | head -1 | cut -d' ' -f1,2 || echo 'curl missing')"
    echo
} | tee -a "$out"

keep_args=()
orderlist_db=()
if [ -n "$keep" ]; then
    mkdir -p "$keep"
    keep_args=(--keep "$keep")
    orderlist_db=(--db "$keep/orderlist-$orders.sqlite")
fi

export QT_QPA_PLATFORM=offscreen
# bench_orderlist's widgets want a private runtime folder (else Qt warns).
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    XDG_RUNTIME_DIR=$(mktemp -d)
    export XDG_RUNTIME_DIR
    trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
fi
run "$bin/bench_orderlist" --orders "$orders" --engines "$engines" "${orderlist_db[@]}"
run "$bin/bench_import" --rows "$rows" --engines "$engines" "${keep_args[@]}"
run "$bin/bench_export" --entries "$entries" --engines "$engines" "${keep_args[@]}"
run "$bin/bench_refresh" --orders "$refresh"

echo "written to $out"
exit "$failed"
