#!/usr/bin/env bash
# Builds the Debian package from the release preset and checks it:
# desktop-file-validate, appstreamcli validate --no-net and lintian (errors
# fail the script). Installs the Debian packages it needs. Safe to run again.
# Usage: scripts/package.sh [--install]
#   -> build/release/canceldesk_VERSION_ARCH.deb
#   --install  then installs it with apt-get and runs the installed programs:
#              --version, a CLI round trip against the installed sandbox
#              (add, refresh, a confirmed cancel, export, verify) and the
#              console offscreen for a few seconds (what CI does).
set -euo pipefail
cd "$(dirname "$0")/.."
install=no
case "${1-}" in
--install) install=yes ;;
"") ;;
*) echo "usage: $0 [--install]" >&2; exit 2 ;;
esac
scripts/deps.sh lintian
cmake --preset release
cmake --build --preset release
(cd build/release && cpack -G DEB)
deb=$(ls -t build/release/canceldesk_*.deb | head -n 1)

echo "== checks of $deb =="
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
dpkg-deb --extract "$deb" "$staging"
desktop-file-validate "$staging"/usr/share/applications/*.desktop
appstreamcli validate --no-net "$staging"/usr/share/metainfo/*.metainfo.xml
# Errors fail; warnings are printed for whoever reads the log. Running as
# root is fine for checking a built package.
lintian --fail-on error --allow-root --tag-display-limit 0 "$deb"
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends

[ "$install" = yes ] || exit 0

echo "== install $deb =="
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get install -y --reinstall --no-install-recommends "./$deb"
scripts/installed-check.sh
