#!/usr/bin/env bash
# Installs the Debian 12 packages CancelDesk needs (docs: ../shared/design/TOOLCHAIN.md),
# only those that are missing; through sudo when not root. Safe to run again.
# Usage: scripts/deps.sh [extra-package...]   (scripts/fuzz.sh adds clang and libFuzzer)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n libqt6sql6-sqlite libqt6sql6-psql postgresql
    qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev
    libssl-dev libsqlite3-dev libpq-dev libgl-dev libxkbcommon-dev libxlsxwriter-dev
    fonts-noto-cjk xvfb xauth
    help2man desktop-file-utils appstream bash-completion groff-base bsdextrautils dbus-daemon gnome-keyring
    "$@"
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
