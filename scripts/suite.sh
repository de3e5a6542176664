#!/bin/sh
# The kit's suite, quietly: one line per step, then a summary; each step's
# whole output in LOGDIR/<step>.log (V=1: on the screen as well, one step
# at a time).  Every step runs, so one failure does not hide the next;
# exit 1 if any failed.  Steps run JOBS at a time (SUITE_JOBS; default:
# one more than the cores, since some steps wait on timeouts, children
# and the disk), so each line comes when its step ends; make has built
# what they need first (make test does), so no two of them build the
# same file.
#
#   scripts/suite.sh VARIANT LOGDIR STEP...   (one pass: make suite)
#   scripts/suite.sh --pool VARIANT LOGDIR VARS STEPS [VARIANT LOGDIR VARS STEPS]...
#       several passes in one pool of JOBS (make test: the optimised and
#       the sanitizer pass at once).  VARS are the make variables of the
#       pass ("SAN=1 CC=clang ..."), STEPS its steps in one word list;
#       the passes' steps are taken in turns, so each pass's longest go
#       first.  Every pass keeps its own logs and summary line.
#   scripts/suite.sh --total NAME START LOGDIR...  (make test's last line)
#
# Cases are counted from each step's log: cmocka's "[  PASSED  ] N
# test(s)." and "[  FAILED  ] N test(s)", and the line every shell test
# prints last, "cases: P passed, F failed" (tests/lib.sh).  A step that
# reports none counts no case.  LOGDIR/summary keeps the figures for
# --total: steps, steps failed, cases passed, cases failed, steps
# without cases, seconds.
#
# Called by make (suite, suites), with MAKE in the environment; the
# variables of the make command line reach each step through MAKEFLAGS,
# and a pass's VARS come after them (so they win).
set -u
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
steps() { if [ "$1" = 1 ]; then echo "1 step"; else echo "$1 steps"; fi; }

# cases LOG: "PASSED FAILED", or nothing when the log reports no cases.
cases() {
    awk '
    /\[  PASSED  \] [0-9]+ test/ { sub(/.*\[  PASSED  \] /, ""); p += $1; n++ }
    /\[  FAILED  \] [0-9]+ test/ { sub(/.*\[  FAILED  \] /, ""); f += $1; n++ }
    /^cases: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4; n++ }
    END { if (n) print p + 0, f + 0 }' "$1"
}

# One step of pass K (SUITE_LOGS_K, SUITE_VARS_K, SUITE_TAG_K): its log,
# its line, and LOGDIR/STEP.rc and STEP.cases.
one() {
    eval "logs=\$SUITE_LOGS_$1 vars=\$SUITE_VARS_$1 tag=\$SUITE_TAG_$1"
    step=$2 log=$logs/$2.log
    t0=$(now)
    # shellcheck disable=SC2086 # vars: make's NAME=VALUE words
    if [ "${V:-}" = 1 ]; then
        { ${MAKE:-make} --no-print-directory $vars "$step" 2>&1; echo "rc=$?"; } | tee "$log"
        rc=$(sed -n 's/^rc=//p' "$log" | tail -n 1)
    else
        ${MAKE:-make} --no-print-directory $vars "$step" >"$log" 2>&1
        rc=$?
    fi
    echo "$rc" >"$logs/$step.rc"
    c=$(cases "$log")
    echo "$c" >"$logs/$step.cases"
    # shellcheck disable=SC2086 # two numbers, or none
    set -- $c
    if [ $# = 2 ] && [ "$2" -gt 0 ]; then
        c=$(printf '%5s failed' "$2/$(($1 + $2))")
    elif [ $# = 2 ]; then
        c=$(printf '%5d cases ' "$1")
    else
        c='   no cases '
    fi
    t=$(secs "$(now)" "$t0")
    if [ "$rc" = 0 ]; then
        printf '  ok    %-32s %-4s %s %6s s\n' "$step" "$tag" "$c" "$t"
    else
        # One write, so that parallel steps' lines do not interleave.
        printf '  FAIL  %-32s %-4s %s %6s s   (log: %s)\n%s\n' "$step" "$tag" "$c" "$t" \
            "$log" "$(tail -n 15 "$log" | sed 's/^/        | /')"
    fi
}

# The figures of the passes that ran, from their summaries.
total() {
    name=$1 start=$2
    shift 2
    for logs in "$@"; do
        cat "$logs/summary" 2>/dev/null
    done | awk -v name="$name" -v t="$(secs "$(now)" "$start")" '
    { n += $1; bad += $2; p += $3; f += $4; none += $5 }
    END {
        printf "%s: %d steps, %d failed; %d cases passed, %d failed", name, n, bad, p, f
        if (none) printf " (%d step%s without cases)", none, none == 1 ? "" : "s"
        printf "; %s s\n", t
    }'
}

# The summary of one pass: LOGDIR/summary and its line.
summarise() {
    variant=$1 logs=$2 t=$3
    shift 3
    n=$# failed= none=0 passed_cases=0 failed_cases=0
    for step in "$@"; do
        [ "$(cat "$logs/$step.rc" 2>/dev/null)" = 0 ] || failed="$failed $step"
        # shellcheck disable=SC2046 # two numbers, or none
        set -- $(cat "$logs/$step.cases" 2>/dev/null)
        if [ $# = 2 ]; then
            passed_cases=$((passed_cases + $1)) failed_cases=$((failed_cases + $2))
        else
            none=$((none + 1))
        fi
    done
    nfailed=$(echo $failed | wc -w)
    echo "$n $nfailed $passed_cases $failed_cases $none $t" >"$logs/summary"
    cases="$passed_cases cases passed, $failed_cases failed"
    [ "$none" -gt 0 ] && cases="$cases ($(steps "$none") without cases)"
    if [ -z "$failed" ]; then
        echo "suite ($variant): $n steps passed, $cases; logs in $logs/"
    else
        echo "suite ($variant): $nfailed of $n steps FAILED:$failed; $cases (logs in $logs/)"
        return 1
    fi
}

# The pool's work list, "K STEP" a line: the passes' steps in turns.
interleave() {
    k=1
    while [ "$k" -le "$npass" ]; do
        eval "printf '%s\n' \$SUITE_STEPS_$k" | awk -v k="$k" '{ print NR, k, $0 }'
        k=$((k + 1))
    done | sort -n -k1,1 -k2,2 | cut -d' ' -f2-
}

case $1 in
--one)
    one "$2" "$3"
    exit 0 ;;
--total)
    shift
    total "$@"
    exit 0 ;;
--pool)
    shift ;;
*)
    set -- "$1" "$2" "" "$(shift 2; echo "$@")" ;;
esac
[ $(($# % 4)) = 0 ] && [ $# -gt 0 ] ||
    { echo "usage: suite.sh VARIANT LOGDIR STEP... | --pool (VARIANT LOGDIR VARS STEPS)..." >&2; exit 2; }
npass=0 names=
while [ $# -gt 0 ]; do
    npass=$((npass + 1))
    tag=$(case $1 in *-san) echo san ;; esac)
    export "SUITE_NAME_$npass=$1" "SUITE_LOGS_$npass=$2" \
        "SUITE_VARS_$npass=$3" "SUITE_STEPS_$npass=$4" "SUITE_TAG_$npass=$tag"
    names="$names${names:+, }$1"
    mkdir -p "$2"
    rm -f "$2"/*.rc "$2"/*.cases "$2/summary"
    shift 4
done
start=$(now)
cores=$(nproc 2>/dev/null || echo 1)
jobs=${SUITE_JOBS:-$((cores + 1))}
[ "${V:-}" = 1 ] && jobs=1
# shellcheck disable=SC2016 # expanded by the inner shell
interleave | xargs -P "$jobs" -L 1 "$0" --one
t=$(secs "$(now)" "$start")
bad=0 k=1
while [ "$k" -le "$npass" ]; do
    # shellcheck disable=SC2046 # the pass's steps, one word each
    eval "summarise \"\$SUITE_NAME_$k\" \"\$SUITE_LOGS_$k\" $t \$SUITE_STEPS_$k" || bad=1
    k=$((k + 1))
done
echo "suite: $names: $t s, $jobs steps at a time"
exit $bad
