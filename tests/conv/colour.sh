#!/bin/sh
# The grader colours by the shared rule (prog_color_wanted()): never on a
# pipe by itself, always with --color always (even with NO_COLOR set),
# never with --color never.  (The quiz's colour on a real terminal is
# tests/quiz/colour_on_tty.py; the rule itself is tests/conv/test_conv.c.)
#
#   tests/conv/colour.sh GRADE_BINARY FIXTURE_BINARY
set -u
. "$(dirname "$0")/../lib.sh"
grade=$1 fixture=$2
tmp=$(mktemp -d /tmp/conv-colour.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
printf 'first_passes\nmisbehaves\nthird_passes\n' >"$tmp/a.cases"
failed=0
# grade_with WANT(yes|no) WHAT ENV... -- ARGS...
grade_with() {
    want=$1 what=$2
    shift 2
    one_check
    env "$@" FIXTURE=pass "$grade" --cases "$tmp" --mode fallback \
        ${color:+--color "$color"} a="$fixture" >"$tmp/out" 2>&1
    rc=$?
    if grep -q "$(printf '\033')\[" "$tmp/out"; then got=yes; else got=no; fi
    if [ "$rc" != 0 ] || [ "$got" != "$want" ]; then
        failed=$((failed + 1))
        echo "colour: FAILED: $what (exit $rc, escape codes: $got)" >&2
        head -n 5 "$tmp/out" >&2
    fi
}
color= grade_with no "a pipe gets no colour" TERM=xterm
color=always grade_with yes "--color always colours a pipe, NO_COLOR=1 or not" NO_COLOR=1 TERM=xterm
color=never grade_with no "--color never" TERM=xterm
[ "$failed" != 0 ] ||
    echo "colour: grade --color always/never/auto on a pipe: $checks checks passed"
cases_of "$checks" "$failed"
