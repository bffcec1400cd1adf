#!/usr/bin/env bash
# The generated man pages (cmake/manpage.sh) render without a groff warning,
# name their program and hold the sections written for them.
# Usage: manpages.sh MAN_DIR
set -uo pipefail
dir=$1
failures=0
for program in canceldesk canceldesk-cli canceldesk-sandbox; do
    page=$dir/$program.1.gz
    if ! zcat "$page" > /dev/null 2>&1; then
        echo "FAIL: $page is missing or not gzip"
        failures=$((failures + 1))
        continue
    fi
    warnings=$(zcat "$page" | groff -man -ww -z -Tutf8 2>&1)
    if [ -n "$warnings" ]; then
        echo "FAIL: groff warns about $page: $warnings"
        failures=$((failures + 1))
    fi
    text=$(zcat "$page" | groff -man -Tascii 2>/dev/null | col -b | tr -s ' \t' ' ')
    for want in "NAME" "$program - " "SYNOPSIS" "OPTIONS" "--version" "SEE ALSO"; do
        if [[ $text != *"$want"* ]]; then
            echo "FAIL: $program.1 lacks '$want'"
            failures=$((failures + 1))
        fi
    done
    # The builder's home must not be in a reader's page.
    if [[ $text == *"$HOME/"* && $HOME != "~" ]]; then
        echo "FAIL: $program.1 names the builder's home $HOME"
        failures=$((failures + 1))
    fi
done
cli=$(zcat "$dir/canceldesk-cli.1.gz" | groff -man -Tascii 2>/dev/null | col -b | tr -s ' \t' ' ')
for want in "team grant LOGIN" "db copy --to URL" "Exit codes: 0 success" "FILES" "~/.config/CancelDesk"; do
    if [[ $cli != *"$want"* ]]; then
        echo "FAIL: canceldesk-cli.1 lacks '$want'"
        failures=$((failures + 1))
    fi
done
[ "$failures" -eq 0 ] && echo "manpages: all good"
exit "$failures"
