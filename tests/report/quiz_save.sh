#!/bin/sh
# The quiz keeps its last result for the report: quiz --save FILE writes
# the --json report when a graded or interactive quiz ends, and make quiz
# passes --save build/quiz/last.json.
#   sh tests/report/quiz_save.sh build/solutions/bin/quiz WORKDIR
# QUIZ_RUNNER may name a wrapper; MAKE is the make that runs the step.
set -u
. "$(dirname "$0")/../lib.sh"
QUIZ=$1
work=$2
RUNNER=${QUIZ_RUNNER:-}
MINI=tests/quiz/mini.txt
checks=0
failures=0
rm -rf "$work"
mkdir -p "$work"

check() {
    checks=$((checks + 1))
    if ! eval "$1"; then
        failures=$((failures + 1))
        echo "quiz save: FAILED: $2" >&2
        for f in "$work/out" "$work/err"; do
            [ -s "$f" ] && { echo "--- $f:" >&2; cat "$f" >&2; }
        done
    fi
}

quiz() {
    $RUNNER "$QUIZ" "$@" >"$work/out" 2>"$work/err"
    status=$?
}

json_field() {
    /usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

keys=$($RUNNER "$QUIZ" --keys "$MINI")

# 1. Graded: the saved file is the --json report; stdout is unchanged.
quiz --answers "$keys" --json "$MINI"
cp "$work/out" "$work/json"
quiz --answers "$keys" "$MINI"
cp "$work/out" "$work/plain"
quiz --answers "$keys" --save "$work/last.json" "$MINI"
check '[ $status -eq 0 ] && cmp -s "$work/out" "$work/plain"' \
    "--save changes neither the exit status nor the output"
check 'cmp -s "$work/last.json" "$work/json"' \
    "the saved result is the --json report"
check '[ ! -e "$work/last.json.tmp" ]' "no temporary file is left"

# 2. A second quiz replaces the first; a failed one is kept too (exit 1).
quiz --answers -,-,-,- --save "$work/last.json" "$MINI"
check '[ $status -eq 1 ] && [ "$(json_field "$work/last.json" answered)" = 0 ]' \
    "the last result replaces the one before"

# 3. Interactive, ended by Ctrl-D after one answer: saved with the score
#    so far.
first=$(printf '%s' "$keys" | cut -c1)
printf '%s\n' "$first" | $RUNNER "$QUIZ" --save "$work/live.json" "$MINI" \
    >"$work/out" 2>"$work/err"
status=$?
check '[ $status -eq 1 ] && [ "$(json_field "$work/live.json" correct)" = 1 ] &&
       [ "$(json_field "$work/live.json" answered)" = 1 ]' \
    "an interactive quiz ended early is saved with its score so far"

# 4. Errors: where --save makes no sense, and where it cannot write.
quiz --review --save "$work/x.json" "$MINI"
check '[ $status -eq 2 ] && grep -qF "Option '"'"'--save'"'"' works with the interactive quiz" "$work/err" &&
       [ ! -e "$work/x.json" ]' "--save with --review is a usage error"
quiz --answers "$keys" --save "$work/no/dir/last.json" "$MINI"
check '[ $status -eq 4 ] && grep -qF "quiz: cannot save the result to $work/no/dir/last.json: No such file or directory" "$work/err"' \
    "a folder that does not exist: exit 4 and why"
mkdir -p "$work/isdir"
quiz --answers "$keys" --save "$work/isdir" "$MINI"
check '[ $status -eq 4 ] && grep -qF "cannot save the result to $work/isdir" "$work/err" &&
       [ ! -e "$work/isdir.tmp" ]' "a folder in the way: exit 4, no temporary file left"

# 5. make quiz keeps the result where make report reads it.
printf '%s\n' "$first" | ${MAKE:-make} --no-print-directory quiz \
    QUIZ_BANK="$MINI" QUIZ_LAST="$work/make/last.json" >"$work/out" 2>"$work/err"
status=$?
check '[ $status -eq 0 ] && [ "$(json_field "$work/make/last.json" correct)" = 1 ]' \
    "make quiz saves its result in QUIZ_LAST (below the pass mark is not a make error)"

if [ "$failures" -ne 0 ]; then
    echo "quiz save: $failures of $checks checks failed (files in $work)" >&2
else
    echo "quiz save: $checks checks passed"
fi
cases_of "$checks" "$failures"
