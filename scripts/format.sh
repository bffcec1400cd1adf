#!/usr/bin/env bash
# Formats every tracked C++ file with the checked-in .clang-format (clang-format 14,
# the version Debian 12 ships, so that everyone's output is the same).
# Usage: scripts/format.sh            rewrite the files in place
#        scripts/format.sh --check    change nothing; fail naming each unformatted file (CI)
#        scripts/format.sh FILE...    only these files
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
files=()
for arg in "$@"; do
    case "$arg" in
    --check) check=1 ;;
    -*) echo "usage: $0 [--check] [FILE...]" >&2; exit 2 ;;
    *) files+=("$arg") ;;
    esac
done
scripts/deps.sh clang-format-14
if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(git ls-files '*.cpp' '*.h')
fi
if [ "$check" -eq 1 ]; then
    # One run over all files; each unformatted spot is a "file:line:col: error" line.
    bad=$(clang-format-14 --dry-run -Werror "${files[@]}" 2>&1 | grep -oE '^[^:]+:[0-9]+:[0-9]+: error' |
        cut -d: -f1 | sort -u || true)
    if [ -n "$bad" ]; then
        echo "not formatted (run scripts/format.sh):" >&2
        echo "$bad" >&2
        exit 1
    fi
    echo "all ${#files[@]} C++ files formatted"
else
    clang-format-14 -i "${files[@]}"
fi
