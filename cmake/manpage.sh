#!/usr/bin/env bash
# Writes PROGRAM's man page, gzipped as Debian installs them, from its own
# --help and --version (help2man), with an optional include file for the
# sections --help cannot give. Run by the build (cmake/install.cmake).
# Usage: cmake/manpage.sh PROGRAM "NAME LINE" INCLUDE|- OUT.1.gz
set -euo pipefail
program=$1 name=$2 include=$3 out=$4
raw=$(mktemp)
# The first line of --version only: the rest names the libraries of the
# machine that built the page, not the reader's.
version=$(QT_QPA_PLATFORM=offscreen "$program" --version | head -n 1)
trap 'rm -f "$raw"' EXIT
args=(--no-info --section 1 --version-string "$version" --name "$name" --locale C.UTF-8 --output "$raw")
[ "$include" != - ] && args+=(--include "$include")
# The defaults --help prints are the reader's, not the builder's: HOME='~'
# makes them read ~/.config/… and ~/.local/share/…; English, no screen.
env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u LANGUAGE -u DISPLAY -u WAYLAND_DISPLAY \
    HOME='~' LC_ALL=C.UTF-8 LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    help2man "${args[@]}" "$program"
# --help's "Commands:" block is a list, one per line: keep its lines as they
# are (troff would fill them into one paragraph), and start the exit codes
# on a paragraph of their own.
sed -i -e '/^\.SS "Commands:"/,/^\.PP/{s/^\.IP$/.nf/;s/^\.PP$/.fi\n.PP/}' \
    -e 's/^Exit codes:/.PP\nExit codes:/' -e 's/…/\\[u2026]/g' -e 's/→/\\[->]/g' "$raw"
gzip -9n --stdout "$raw" > "$out"
