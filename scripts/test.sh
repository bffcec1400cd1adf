#!/usr/bin/env bash
# Builds CancelDesk and runs every test (offscreen, loopback only).
# Usage: scripts/test.sh [--preset dev|asan]   (CANCELDESK_WERROR=ON makes warnings errors)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=dev
while [ $# -gt 0 ]; do
    case "$1" in
    --preset) preset=$2; shift 2 ;;
    *) echo "usage: $0 [--preset dev|asan]" >&2; exit 2 ;;
    esac
done

scripts/deps.sh
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
chmod 700 "$XDG_RUNTIME_DIR"
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset" -j2
