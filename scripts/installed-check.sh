#!/usr/bin/env bash
# Runs the installed CancelDesk (/usr/bin, from the package) the way an
# operator would, in a throw-away home: every program's --version, the man
# pages and bash completion, a CLI round trip against the installed sandbox
# (add, refresh, a confirmed cancel, export, verify against the manifest) and
# the console offscreen for a few seconds. Exits non-zero at the first thing
# that is not right. Used by scripts/package.sh --install.
set -euo pipefail
home=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
    rm -rf "$home"
}
trap cleanup EXIT
chmod 700 "$home"
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
export XDG_RUNTIME_DIR=$home/run LC_ALL=C.UTF-8
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset CANCELDESK_SANDBOX_ANNOUNCEMENT DISPLAY WAYLAND_DISPLAY
fail() { echo "installed-check: $*" >&2; exit 1; }

echo "-- versions"
for program in canceldesk canceldesk-cli canceldesk-sandbox; do
    [ "$(command -v $program)" = /usr/bin/$program ] || fail "$program is not /usr/bin/$program"
    $program --version | head -n 1 | grep -Eq "^$program [0-9]+\\.[0-9]+\\.[0-9]+$" ||
        fail "$program --version"
done
canceldesk-cli --version

echo "-- man pages, completion, launcher"
for program in canceldesk canceldesk-cli canceldesk-sandbox; do
    [ -s /usr/share/man/man1/$program.1.gz ] || fail "no man page for $program"
    zcat /usr/share/man/man1/$program.1.gz | grep -q "^\\.TH ${program^^} \"1\"" ||
        fail "$program.1.gz is not a section 1 page"
done
[ -s /usr/share/bash-completion/completions/canceldesk-cli ] || fail "no bash completion"
[ -s /usr/share/applications/org.canceldesk.CancelDesk.desktop ] || fail "no launcher entry"
[ -s /usr/share/icons/hicolor/256x256/apps/org.canceldesk.CancelDesk.png ] || fail "no icon"

echo "-- the CLI against the installed sandbox"
canceldesk-sandbox --port 0 --state-dir "$home/sandbox" --quiet > "$home/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 100); do
    [ -s "$home/sandbox.out" ] && break
    sleep 0.1
done
head -n 1 "$home/sandbox.out" > "$home/announcement.json"
chmod 600 "$home/announcement.json"
export CANCELDESK_SANDBOX_ANNOUNCEMENT=$home/announcement.json
# The first UQPAY demo payment waits for its payment method: cancellable.
id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["demo"]["uqpay"][0])' \
    < "$home/announcement.json")
cli() { canceldesk-cli --operator "Package Check" "$@"; }
cli orders add --provider uqpay --id "$id"
cli refresh --all
cli cancel "$id" --reason duplicate --yes || fail "the cancel of $id was not confirmed (exit $?)"
cli --json orders list | grep -q '"CANCELLED"' || fail "the order is not CANCELLED after its cancel"
cli log export --out "$home/log.csv"
cli log verify --expect-manifest "$home/log.csv.manifest.json"
grep -q "$id" "$home/log.csv" || fail "the export does not hold the cancel"

echo "-- the console, offscreen, for 5 seconds"
status=0
QT_QPA_PLATFORM=offscreen timeout 5 canceldesk > "$home/console.log" 2>&1 || status=$?
[ "$status" -eq 124 ] || { cat "$home/console.log"; fail "the console exited with $status"; }
echo "installed-check: all good"
