#!/bin/sh
# make modelreg-speed: the wall time of ONE `transition-version` (a whole
# process: start, open, load the model, transition, commit) on a registry
# of 10^5 versions.  A benchmark, not a test: it prints figures and
# asserts nothing.  The goal is 20 ms or less.
#   speed.sh MODELREG [VERSIONS] [RUNS]
set -u
bin=$1
total=${2:-100000}
runs=${3:-21}
. "$(dirname "$0")/lib.sh"

# fill MODELS: spreads $total versions over MODELS models with the kit's
# fixed stage mix (populate.h: a third in Production, a third in Staging),
# straight into the tables.
fill() {
    rm -f "$reg" "$reg-wal" "$reg-shm"
    mr models list >/dev/null # creates the schema
    sql "WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k
                                 WHERE n < $total - 1)
         INSERT INTO versions
         SELECT 'model-' || (n % $1), n / $1 + 1,
                CASE n % 6 WHEN 0 THEN 2 WHEN 1 THEN 2 WHEN 2 THEN 1 WHEN 3 THEN 1 WHEN 4 THEN 0 ELSE 3 END, 0
           FROM k;
         INSERT INTO models
         SELECT model, max(number) + 1, 0 FROM versions GROUP BY model;"
}

now_us() { echo $(($(date +%s%N) / 1000)); }

# measure MODELS FLAGS...: the median and best of $runs transitions.
measure() {
    models=$1
    shift
    fill "$models"
    : >"$dir/times"
    k=0
    while [ $k -lt "$runs" ]; do
        v=$((k % (total / models) + 1))
        t0=$(now_us)
        mr models transition-version --model-name model-0 --version $v \
            --stage Production "$@" >/dev/null || echo "transition failed" >&2
        t1=$(now_us)
        echo $((t1 - t0)) >>"$dir/times"
        k=$((k + 1))
    done
    sort -n "$dir/times" | awk -v m="$models" -v per=$((total / models)) \
        -v flags="$*" '
        { t[NR] = $1 }
        END { printf "  %3d model(s) x %6d versions %-29s median %6.2f ms, best %6.2f, worst %7.2f\n",
                     m, per, flags == "" ? "(no flag)" : flags,
                     t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000 }'
}

echo "modelreg transition-version on a registry of $total versions ($runs runs each;"
echo "the first --archive-existing-versions run archives every other Production"
echo "version of model-0 at once, hence its worst time):"
measure 100
measure 100 --archive-existing-versions
measure 1
measure 1 --archive-existing-versions
t0=$(now_us); mr --version >/dev/null; t1=$(now_us)
echo "  (for scale: starting modelreg --version alone takes $(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) ms)"
