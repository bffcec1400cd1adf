#!/usr/bin/env bash
# Renders the application icon (resources/canceldesk.svg) into the hicolor PNG
# sizes that are installed beside it and compiled into the console (its window
# icon needs no SVG plugin that way). Run after changing the SVG; the PNGs are
# committed. Needs rsvg-convert (scripts/deps.sh librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || scripts/deps.sh librsvg2-bin
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" --output "resources/icons/canceldesk-$size.png" \
        resources/canceldesk.svg
done
ls -l resources/icons
