#!/usr/bin/env bash
# Runs a test inside a private D-Bus session (dbus-run-session) with a Secret
# Service of its own: a gnome-keyring-daemon whose "login" keyring is created
# and unlocked with a throwaway password, in a throwaway HOME. Nothing of the
# user's keychain, home, screen or session bus is in reach (issue 16).
#
# Usage: keychain_session.sh [--no-secret-service] EXE [RUN...]
#   Each RUN is one run of EXE in the same session, its arguments as one word
#   ("testA testB"): a later run reads what an earlier one wrote, as a
#   restarted console would. Without RUN, EXE runs once without arguments.
#   --no-secret-service: a private session bus on which nothing provides, or
#   can start, org.freedesktop.secrets (the console falls back to its file).
# The runs see CANCELDESK_KEYCHAIN_SESSION=secret-service|no-secret-service
# and CANCELDESK_KEYCHAIN_SERVICE, a keychain service name private to this
# session.
# Exit status: that of the first run that fails, 1 when the Secret Service
# cannot be started, 77 (CTest SKIP_RETURN_CODE) when dbus-run-session or
# gnome-keyring-daemon is not installed
# (scripts/deps.sh dbus dbus-bin gnome-keyring installs them).
set -euo pipefail

mode=secret-service
if [ "${1:-}" = "--no-secret-service" ]; then
    mode=no-secret-service
    shift
fi
[ $# -ge 1 ] || { echo "usage: $0 [--no-secret-service] EXE [RUN...]" >&2; exit 2; }

# ---- inside the session -----------------------------------------------------
if [ -n "${_CANCELDESK_KEYCHAIN_INSIDE:-}" ]; then
    unset _CANCELDESK_KEYCHAIN_INSIDE
    name_has_owner() {
        dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
    }
    if [ "$mode" = secret-service ]; then
        # Creates the "login" keyring (the default collection) and unlocks it.
        printf '%s' "canceldesk-test-password" \
            | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        for _ in $(seq 100); do
            name_has_owner org.freedesktop.secrets && break
            sleep 0.1
        done
        if ! name_has_owner org.freedesktop.secrets; then
            echo "keychain_session.sh: gnome-keyring-daemon did not take org.freedesktop.secrets" >&2
            exit 1
        fi
        # The default collection ("login") is there and unlocked: no prompt.
        locked=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.secrets \
            /org/freedesktop/secrets/aliases/default org.freedesktop.DBus.Properties.Get \
            string:org.freedesktop.Secret.Collection string:Locked 2>&1 || true)
        if ! grep -q "boolean false" <<<"$locked"; then
            echo "keychain_session.sh: the login keyring is not unlocked: $locked" >&2
            exit 1
        fi
        keyring_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets \
            | awk '{print $2}')
        # It would end with the bus; not later than this script, in any case
        # (stopped by a test or not).
        trap 'kill -CONT "$keyring_pid" 2>/dev/null; kill "$keyring_pid" 2>/dev/null || true' EXIT
        echo "keychain_session.sh: Secret Service: gnome-keyring-daemon (pid $keyring_pid)," \
            "login keyring unlocked in $HOME"
    else
        echo "keychain_session.sh: a session bus without a Secret Service"
    fi
    exe=$1
    shift
    [ $# -ge 1 ] || set -- ""
    number=0
    for run in "$@"; do
        number=$((number + 1))
        read -ra args <<<"$run"
        echo "keychain_session.sh: run $number of $#: $(basename "$exe") ${args[*]:-}"
        "$exe" "${args[@]}" || exit $?
    done
    exit 0
fi

# ---- outside: the private home and bus ---------------------------------------
needed=(dbus-run-session dbus-daemon dbus-send)
[ "$mode" = secret-service ] && needed+=(gnome-keyring-daemon)
for tool in "${needed[@]}"; do
    if ! command -v "$tool" >/dev/null; then
        echo "keychain_session.sh: $tool is not installed, the keychain test cannot run" \
            "(scripts/deps.sh dbus dbus-bin gnome-keyring)" >&2
        exit 77
    fi
done

root=$(mktemp -d "${TMPDIR:-/tmp}/canceldesk-keychain.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -m 700 "$root/home" "$root/run" "$root/tmp"

# Set before the bus starts: the services it starts (the keyring, a prompter)
# inherit its environment. No display, so no prompt can open on a real screen;
# no desktop, so QtKeychain takes the Secret Service (libsecret), not KWallet.
export HOME="$root/home" XDG_RUNTIME_DIR="$root/run" TMPDIR="$root/tmp"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
unset DISPLAY WAYLAND_DISPLAY XDG_CURRENT_DESKTOP XDG_SESSION_DESKTOP DESKTOP_SESSION \
    GNOME_DESKTOP_SESSION_ID GNOME_KEYRING_CONTROL KDE_FULL_SESSION KDE_SESSION_VERSION \
    DBUS_SESSION_BUS_ADDRESS
export CANCELDESK_KEYCHAIN_SESSION=$mode
export CANCELDESK_KEYCHAIN_SERVICE="CancelDesk-test-$$"
export _CANCELDESK_KEYCHAIN_INSIDE=1

bus=()
if [ "$mode" = no-secret-service ]; then
    # No service directories: nothing can be started on demand.
    cat >"$root/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$root/run</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <!-- as in the standard session.conf -->
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
    bus=(--config-file="$root/bus.conf")
    set -- --no-secret-service "$@"
fi

status=0
# (dbus-daemon may say it "Failed to set fd limit": harmless.)
dbus-run-session "${bus[@]}" -- bash "$0" "$@" || status=$?
exit $status
