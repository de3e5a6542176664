#!/bin/sh
# The kit's suite, quietly: one line per step, then a summary; each step's
# whole output in LOGDIR/<step>.log (V=1: on the screen as well, one step
# at a time).  Every step runs, so one failure does not hide the next;
# exit 1 if any failed.  Steps run JOBS at a time (default: the number of
# cores), so each line comes when its step ends; make has built what they
# need first (make test does), so no two of them build the same file.
#
#   scripts/suite.sh VARIANT LOGDIR STEP...
#   scripts/suite.sh --one LOGDIR STEP       (one step; used by the above)
#   scripts/suite.sh --total NAME START LOGDIR...  (make test's last line)
#
# Cases are counted from each step's log: cmocka's "[  PASSED  ] N
# test(s)." and "[  FAILED  ] N test(s)", and the line every shell test
# prints last, "cases: P passed, F failed" (tests/lib.sh).  A step that
# reports none counts no case.  LOGDIR/summary keeps the figures for
# --total: steps, steps failed, cases passed, cases failed, steps
# without cases, seconds.
#
# Called by make (suite), with MAKE in the environment; the variables of
# the make command line reach each step through MAKEFLAGS.
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

# One step: its log, its line, and LOGDIR/STEP.rc and STEP.cases.
one() {
    logs=$1 step=$2 log=$1/$2.log
    t0=$(now)
    if [ "${V:-}" = 1 ]; then
        { ${MAKE:-make} --no-print-directory "$step" 2>&1; echo "rc=$?"; } | tee "$log"
        rc=$(sed -n 's/^rc=//p' "$log" | tail -n 1)
    else
        ${MAKE:-make} --no-print-directory "$step" >"$log" 2>&1
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
        printf '  ok    %-32s %s %6s s\n' "$step" "$c" "$t"
    else
        # One write, so that parallel steps' lines do not interleave.
        printf '  FAIL  %-32s %s %6s s   (log: %s)\n%s\n' "$step" "$c" "$t" \
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

case $1 in
--one)
    one "$2" "$3"
    exit 0 ;;
--total)
    shift
    total "$@"
    exit 0 ;;
esac
variant=$1 logs=$2
shift 2
mkdir -p "$logs"
rm -f "$logs"/*.rc "$logs"/*.cases "$logs/summary"
start=$(now)
jobs=${SUITE_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "${V:-}" = 1 ] && jobs=1
printf '%s\n' "$@" | xargs -P "$jobs" -I '{}' "$0" --one "$logs" '{}'
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
t=$(secs "$(now)" "$start")
nfailed=$(echo $failed | wc -w)
echo "$n $nfailed $passed_cases $failed_cases $none $t" >"$logs/summary"
cases="$passed_cases cases passed, $failed_cases failed"
[ "$none" -gt 0 ] && cases="$cases ($(steps "$none") without cases)"
if [ -z "$failed" ]; then
    echo "suite ($variant): $n steps passed, $cases; $t s, $jobs at a time; logs in $logs/"
else
    echo "suite ($variant): $nfailed of $n steps FAILED:$failed; $cases; $t s (logs in $logs/)"
    exit 1
fi
