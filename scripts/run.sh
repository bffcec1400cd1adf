#!/usr/bin/env bash
# Builds CancelDesk and launches the console on the built-in Sandbox environment.
# Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset dev
cmake --build --preset dev --target canceldesk
exec build/dev/ui/canceldesk "$@"
