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
#
# Called by make (suite), with MAKE in the environment; the variables of
# the make command line reach each step through MAKEFLAGS.
set -u
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }

# One step: its log, its line, and LOGDIR/STEP.rc.
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
    t=$(secs "$(now)" "$t0")
    if [ "$rc" = 0 ]; then
        printf '  ok    %-32s %5s s\n' "$step" "$t"
    else
        # One write, so that parallel steps' lines do not interleave.
        printf '  FAIL  %-32s %5s s   (log: %s)\n%s\n' "$step" "$t" "$log" \
            "$(tail -n 15 "$log" | sed 's/^/        | /')"
    fi
}

if [ "$1" = --one ]; then
    one "$2" "$3"
    exit 0
fi
variant=$1 logs=$2
shift 2
mkdir -p "$logs"
rm -f "$logs"/*.rc
start=$(now)
jobs=${SUITE_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "${V:-}" = 1 ] && jobs=1
printf '%s\n' "$@" | xargs -P "$jobs" -I '{}' "$0" --one "$logs" '{}'
failed=
for step in "$@"; do
    [ "$(cat "$logs/$step.rc" 2>/dev/null)" = 0 ] || failed="$failed $step"
done
n=$# t=$(secs "$(now)" "$start")
if [ -z "$failed" ]; then
    echo "suite ($variant): $n steps passed in $t s, $jobs at a time; logs in $logs/"
else
    echo "suite ($variant): $(( n - $(echo $failed | wc -w) )) of $n steps passed in $t s; failed:$failed (logs in $logs/)"
    exit 1
fi
