#!/bin/sh
# The real quiz binary, driven the way students and instructors drive it:
# piped answers with invalid entries and an early end of input, every
# documented exit status, JSON that parses, a GIFT export, colour only on
# a terminal (tests/quiz/colour_on_tty.py) and a full disk.
#   sh tests/quiz/session.sh build/solutions/bin/quiz
# QUIZ_RUNNER may name a wrapper (make memcheck sets valgrind).
set -u
QUIZ=$1
RUNNER=${QUIZ_RUNNER:-}
MINI=tests/quiz/mini.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"
checks=0
failures=0

# The runner is deliberately unquoted: it may be several words.
run() { $RUNNER "$QUIZ" "$@"; }

check() {
    checks=$((checks + 1))
    if ! eval "$1"; then
        failures=$((failures + 1))
        echo "quiz session: FAILED: $2" >&2
        echo "--- stdout:" >&2; cat "$tmp/out" >&2
        echo "--- stderr:" >&2; cat "$tmp/err" >&2
    fi
}

has() { grep -qF -- "$1" "$tmp/out"; }
count() { grep -cF -- "$1" "$tmp/out"; }

# quiz ARGS... < INPUT, keeping the status in $status.
quiz_with() {
    input=$1
    shift
    printf "$input" | run "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
}

# 1. A student pipes answers in: B (right), then 'x' and an empty line (both
#    asked again), then A (right), then the input ends at question 3.
quiz_with 'b\nx\n\nA\n' "$MINI"
check '[ $status -eq 1 ]' "2 of 4 is below the pass mark: exit 1, not $status"
check 'has "Question 1/4: Live stage"' "questions are numbered i/N"
check 'has "Your answer (A-D): b"' "piped answers are echoed"
check 'has "Right: B."' "a right answer is confirmed"
check '[ "$(count "Please type one letter, A-B")" -eq 2 ]' \
    "'x' and the empty line are each asked again"
check 'has "End of input: stopping at question 3 of 4."' \
    "end of input stops the quiz cleanly"
check 'has "Score: 2/4 (50%); pass mark 70%: not passed."' "partial score"
check 'has "Not answered: 3-4."' "unanswered questions are listed"
check '! grep -q "$(printf "\033")" "$tmp/out"' \
    "no colour escape codes when stdout is not a terminal"
check '[ ! -s "$tmp/err" ]' "nothing on stderr in a normal session"

# 2. A wrong answer names the mistake behind it.
quiz_with 'a\nb\nc\nd\n' "$MINI"
check '[ $status -eq 1 ]' "1 of 4 fails"
check 'has "The mistake behind A: Confusing staging with production."' \
    "the mistake behind the chosen option is shown"
check 'has "Missed:"' "missed questions are listed"

# 3. Everything right passes: exit 0.
quiz_with 'B\nA\nC\nD\n' "$MINI"
check '[ $status -eq 0 ]' "4 of 4 passes: exit 0, not $status"

# 4. Graded without a prompt, and the documented exit statuses.
quiz_with '' "$MINI" --answers B,A,C,D
check '[ $status -eq 0 ] && has "Score: 4/4 (100%)"' "--answers, all right"
quiz_with '' "$MINI" --answers B,A
check '[ $status -eq 1 ]' "--answers below the pass mark exits 1"
quiz_with '' "$MINI" --answers B,E
check '[ $status -eq 2 ] && grep -q "answer 2 is .E." "$tmp/err"' \
    "a bad answers list exits 2"
quiz_with '' "$MINI" --no-such-option
check '[ $status -eq 2 ] && grep -q "No such option" "$tmp/err"' \
    "an unknown option exits 2"
quiz_with '' tests/quiz/bad_no_key.txt
check '[ $status -eq 3 ] && grep -q "^tests/quiz/bad_no_key.txt:1: " "$tmp/err"' \
    "a malformed bank exits 3 with file:line"
quiz_with '' tests/quiz/missing.txt
check '[ $status -eq 3 ]' "a missing bank exits 3"
quiz_with '' --help
check '[ $status -eq 0 ] && has "Exit status:"' "--help exits 0"
quiz_with 'B,A\nC\n' "$MINI" --answers-file - --pass 100 --json
check '[ $status -eq 1 ]' "3 of 4 does not reach --pass 100"
if command -v python3 >/dev/null 2>&1; then
    check 'python3 -c "import json,sys; r=json.load(open(sys.argv[1])); \
assert r[\"correct\"] == 3 and len(r[\"results\"]) == 4 \
and r[\"results\"][3][\"answer\"] is None" "$tmp/out"' \
        "--json output is valid JSON with every result"
fi
run "$MINI" --keys >/dev/full 2>"$tmp/err"
status=$?
check '[ $status -eq 4 ]' "output to a full disk exits 4, not $status"

# 5. Shuffled keys grade as shuffled.
keys=$(run "$MINI" --keys --shuffle --seed 5)
quiz_with '' "$MINI" --shuffle --seed 5 --answers "$keys"
check '[ $status -eq 0 ]' "the keys printed for seed 5 score 100% with seed 5"

# 6. The real bank: reviewable, exportable, seed letters first.
quiz_with '' quiz/bank.txt --keys
check 'grep -q "^B,A,A,D,C," "$tmp/out"' "quiz/bank.txt keeps the seed's keys"
n=$(tr ',' '\n' <"$tmp/out" | grep -c .)
quiz_with '' quiz/bank.txt --export gift
check '[ $status -eq 0 ] && [ "$(grep -c "^}$" "$tmp/out")" -eq "$n" ]' \
    "the GIFT export has all $n questions"
quiz_with '' quiz/bank.txt --review
check '[ $status -eq 0 ] && [ "$(count "  Key: ")" -eq "$n" ]' \
    "--review shows every key"

# 7. Colour on a terminal, and never with NO_COLOR.
if command -v python3 >/dev/null 2>&1; then
    check 'QUIZ_RUNNER="$RUNNER" python3 tests/quiz/colour_on_tty.py "$QUIZ" "$MINI" \
>"$tmp/out" 2>"$tmp/err"' "colour on a terminal only, and never with NO_COLOR"
else
    echo "quiz session: python3 missing, terminal colour not checked" >&2
fi

cases_line $((checks - failures)) $failures
if [ $failures -ne 0 ]; then
    echo "quiz: session: $failures of $checks checks FAILED" >&2
    exit 1
fi
echo "quiz: session: $checks checks passed"
