#!/usr/bin/env bash
# Fails when a source string is missing from the zh_CN translation: updates a
# temporary copy of the committed .ts file from the sources and counts the
# entries lupdate leaves unfinished. Usage: check-translations.sh [LUPDATE]
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=${1:-/usr/lib/qt6/bin/lupdate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for ts in translations/canceldesk_zh_CN.ts translations/canceldesk_en.ts; do
    cp "$ts" "$tmp/check.ts"
    "$lupdate" -no-obsolete -locations none -extensions cpp,h,ui app ui -ts "$tmp/check.ts" >"$tmp/lupdate.log" 2>&1 || {
        cat "$tmp/lupdate.log"; exit 1; }
    total=$(grep -c '<message' "$tmp/check.ts" || true)
    case "$ts" in
    *zh_CN*)
        # Every message needs a finished Chinese translation.
        unfinished=$(grep -c 'type="unfinished"' "$tmp/check.ts" || true)
        if [ "$unfinished" -gt 0 ]; then
            echo "FAIL: $unfinished of $total strings are not translated in $ts:"
            grep -B3 'type="unfinished"' "$tmp/check.ts" | grep '<source>' | sed 's/^ */  /' | head -40
            status=1
        else
            echo "ok: all $total strings translated in $ts"
        fi ;;
    *)
        # English needs only the plural forms; a source change must still be in the file.
        plurals=$(awk '/<message numerus="yes"/{n=1} n && /type="unfinished"/{c++} /<\/message>/{n=0} END{print c+0}' "$tmp/check.ts")
        if ! diff -q <(grep '<source>' "$ts" | sed 's/^ *//' | sort) <(grep '<source>' "$tmp/check.ts" | sed 's/^ *//' | sort) >/dev/null; then
            echo "FAIL: $ts is out of date with the sources; run the update_translations target"
            status=1
        elif [ "$plurals" -gt 0 ]; then
            echo "FAIL: $plurals plural form(s) are not written out in $ts"
            status=1
        else
            echo "ok: $ts matches the sources ($total strings)"
        fi ;;
    esac
done
exit $status
