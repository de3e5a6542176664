#!/bin/sh
# The kit's suite, quietly: one line per step, then a summary; each step's
# whole output in LOGDIR/<step>.log (V=1: on the screen as well).  Every
# step runs, so one failure does not hide the next; exit 1 if any failed.
#
#   scripts/suite.sh VARIANT LOGDIR STEP...
#
# Called by make (suite), with MAKE in the environment; the variables of
# the make command line reach each step through MAKEFLAGS.
set -u
variant=$1 logs=$2
shift 2
mkdir -p "$logs"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
start=$(now) passed=0 failed=
for step in "$@"; do
    log=$logs/$step.log
    t0=$(now)
    if [ "${V:-}" = 1 ]; then
        { ${MAKE:-make} --no-print-directory "$step" 2>&1; echo "rc=$?"; } | tee "$log"
        rc=$(sed -n 's/^rc=//p' "$log" | tail -n 1)
    else
        ${MAKE:-make} --no-print-directory "$step" >"$log" 2>&1
        rc=$?
    fi
    if [ "$rc" = 0 ]; then
        passed=$((passed + 1))
        printf '  ok    %-32s %5s s\n' "$step" "$(secs "$(now)" "$t0")"
    else
        failed="$failed $step"
        printf '  FAIL  %-32s %5s s   (log: %s)\n' "$step" "$(secs "$(now)" "$t0")" "$log"
        tail -n 15 "$log" | sed 's/^/        | /'
    fi
done
n=$#
if [ -z "$failed" ]; then
    echo "suite ($variant): $n steps passed in $(secs "$(now)" "$start") s; logs in $logs/"
else
    echo "suite ($variant): $passed of $n steps passed, failed:$failed ($(secs "$(now)" "$start") s; logs in $logs/)"
    exit 1
fi
