#!/usr/bin/env bash
# bash completion of canceldesk-cli (resources/linux/canceldesk-cli.bash-completion):
# what it offers at each place, and that it knows every option and command
# group the CLI's own --help names.
# Usage: completion.sh COMPLETION_FILE CANCELDESK_CLI
set -uo pipefail
completion=$1 cli=$2
# shellcheck disable=SC1091
source /usr/share/bash-completion/bash_completion || exit 1
# shellcheck disable=SC1090
source "$completion" || exit 1
failures=0

# The words offered for a command line typed up to its end ("" = a new word).
offered() {
    local line=$1
    read -r -a COMP_WORDS <<< "$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _canceldesk_cli canceldesk-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
expect() {
    local line=$1 want=$2 got
    got=$(offered "$line")
    if [ "$got" != "$want " ]; then
        echo "FAIL: '$line' offered '$got', expected '$want '"
        failures=$((failures + 1))
    fi
}
contains() {
    local line=$1 word=$2 got
    got=" $(offered "$line")"
    if [[ $got != *" $word "* ]]; then
        echo "FAIL: '$line' does not offer $word (offered:$got)"
        failures=$((failures + 1))
    fi
}

expect "canceldesk-cli " "approvals approve cancel db decline log orders recover refresh team"
expect "canceldesk-cli orders " "add import list"
expect "canceldesk-cli --json log " "export head verify"
expect "canceldesk-cli team " "grant init threshold"
expect "canceldesk-cli team grant alice " "approver auditor operator"
expect "canceldesk-cli --provider " "antom liquido uqpay"
expect "canceldesk-cli orders add --provider u" "uqpay"
expect "canceldesk-cli cancel PI1 --reason " \
    "abandoned duplicate fraudulent other requested_by_customer"
expect "canceldesk-cli orders list --format " "csv json table"
expect "canceldesk-cli log export --out x.csv --format " "csv jsonl xlsx"
expect "canceldesk-cli --lang " "en zh_CN"
expect "canceldesk-cli cancel PI1 --note " ""
contains "canceldesk-cli cancel PI1 --" "--yes"
contains "canceldesk-cli refresh --" "--all"
contains "canceldesk-cli --" "--version"

# Every long option of --help is offered after the command it belongs to
# (the union over the commands); every command group of --help is offered.
all=""
for command in "" "orders " "refresh " "cancel " "log " "approve " "decline " "db "; do
    all+=" $(offered "canceldesk-cli $command--")"
done
for option in $("$cli" --help | grep -oE '^  (-[a-z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
    [ "$option" = --help-all ] && continue
    if [[ " $all " != *" $option "* ]]; then
        echo "FAIL: --help names $option, the completion never offers it"
        failures=$((failures + 1))
    fi
done
first=" $(offered "canceldesk-cli ")"
for group in $("$cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/^Commands:/ {print $1}' | sort -u); do
    if [[ $first != *" $group "* ]]; then
        echo "FAIL: --help names the command $group, the completion does not offer it"
        failures=$((failures + 1))
    fi
done

[ "$failures" -eq 0 ] && echo "completion: all good"
exit "$failures"
