#!/usr/bin/env bash
# Builds the console optimised (preset "release": RelWithDebInfo, no tests)
# and launches it on the built-in Sandbox environment. The tests keep their
# Debug and ASan builds (scripts/test.sh). Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release
cmake --build --preset release --target canceldesk
exec build/release/ui/canceldesk "$@"
