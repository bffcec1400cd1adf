#!/usr/bin/env bash
# Takes the README screenshots: the main window in English and in Chinese, in a
# real X server (Xvfb) at the default window size. Needs imagemagick (import).
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default build/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
out=docs/screenshots
mkdir -p "$out"
command -v import >/dev/null || { echo "install imagemagick for 'import'" >&2; exit 1; }
export XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
for lang in en zh_CN; do
    home=$(mktemp -d)
    # A fresh settings and data folder per shot, with the language chosen.
    mkdir -p "$home/.config/CancelDesk"
    printf '[ui]\nlanguage=%s\n' "$lang" > "$home/.config/CancelDesk/CancelDesk.conf"
    HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
        xvfb-run -a -s "-screen 0 1280x800x24" sh -c \
        "\"$build/ui/canceldesk\" & pid=\$!; sleep 3; import -window root -crop 1100x700+0+0 +repage PNG24:\"$out/main-$lang.png\"; kill \$pid"
    rm -rf "$home"
    echo "wrote $out/main-$lang.png"
done
