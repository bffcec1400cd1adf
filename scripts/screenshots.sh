#!/usr/bin/env bash
# Takes the README screenshots: the main window with an order selected and the
# cancel dialog, in English and in Chinese, against the built-in sandbox, at
# the default window size. Renders offscreen (fonts-noto-cjk for Chinese).
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default build/dev, built with tests)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
cmake --build "$build" --target canceldesk_screenshots
export XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
home=$(mktemp -d)
trap 'rm -rf "$home" "$XDG_RUNTIME_DIR"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
    QT_QPA_PLATFORM=offscreen "$build/tests/ui/canceldesk_screenshots" docs/screenshots
