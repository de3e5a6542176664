#!/bin/bash
# make modelreg-speed: the wall time of ONE command (a whole process:
# start, open, load what it needs, change, commit) on registries of 10 and
# of 10^5 versions, and the ratios the issue sets as goals (measured in this
# one run): a transition-version, set-alias or get-version on 10^5 versions
# (1 model, and 100 x 1000) at most 1.3x the same on 10 versions; a
# transition on 10 versions at most 2x `modelreg --version`; and the
# cascade of --archive-existing-versions over k versions in the target
# stage, at two sizes, whose ratio tells linear from quadratic.  With
# SQLITE_FLOOR (tests/cli/sqlite_floor.c) it also times the least one
# durable SQLite change costs a process, the yardstick of the fixed cost.
# A benchmark, not a test: it prints figures and asserts none of them (it
# fails only when a command fails).  bash, for its clock ($EPOCHREALTIME): a clock read with date(1) costs a fork and an exec,
# about 1.8 ms here, which would be timed with every command and make each
# ratio look nearer 1 than it is.
#   speed.sh MODELREG [VERSIONS] [RUNS] [SQLITE_FLOOR]
# Exit 1 when a timed command failed (its line on stderr says which).
set -u
bin=$1
total=${2:-100000}
runs=${3:-21}
floor=${4:-}
. "$(dirname "$0")/lib.sh"

# fill MODELS TOTAL: spreads TOTAL versions over MODELS models with the
# kit's fixed stage mix (populate.h: a third in Production, a third in
# Staging), straight into the tables.
fill() {
    rm -f "$reg" "$reg-wal" "$reg-shm"
    mr models create --model-name model-0 >/dev/null # creates the schema
    sql "DELETE FROM models;
         WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k
                                 WHERE n < $2 - 1)
         INSERT INTO versions
         SELECT 'model-' || (n % $1), n / $1 + 1,
                CASE n % 6 WHEN 0 THEN 2 WHEN 1 THEN 2 WHEN 2 THEN 1 WHEN 3 THEN 1 WHEN 4 THEN 0 ELSE 3 END, 0
           FROM k;
         INSERT INTO models
         SELECT model, max(number) + 1, 0 FROM versions GROUP BY model;"
    mr models set-alias --model-name model-0 --alias champion --version 1 \
        >/dev/null
}


# middle FILE: the median of the numbers in FILE, one a line.
middle() {
    sort -n "$1" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# time_one FILE CMD...: runs the command once and appends its wall time in
# microseconds to FILE.
time_one() {
    local file=$1
    shift
    local status=0
    t0=${EPOCHREALTIME/[.,]/} # microseconds
    eval "$@" >/dev/null || status=$?
    t1=${EPOCHREALTIME/[.,]/}
    echo $((t1 - t0)) >>"$file"
    # Counted in files, outside the timed interval: time_one runs in $(...)
    # subshells too.
    echo >>"$dir/ran"
    [ $status = 0 ] || { echo "failed: $*" >&2; echo >>"$dir/failed"; }
}

# median CMD...: the median wall time in microseconds of $runs runs; the
# command line may use $k (the run's number, from 0).  $before, when set,
# runs before each run and is not timed.
median() {
    : >"$dir/times"
    k=0
    while [ $k -lt "$runs" ]; do
        eval "${before:-:}" || return 1
        time_one "$dir/times" "$@"
        k=$((k + 1))
    done
    middle "$dir/times"
}

# The three commands; versions 1..10 exist in every registry.
TRANSITION='mr models transition-version --model-name model-0 --version $((k % 10 + 1)) --stage Production'
ARCHIVE="$TRANSITION --archive-existing-versions"
ALIAS='mr models set-alias --model-name model-0 --alias champion --version $((k % 10 + 1))'
GET='mr models get-version --model-name model-0 --version $((k % 10 + 1))'

# measure_all: each command on the three registries, taken in turn run
# after run (a host that slows down mid-way slows all three alike), and its
# ratios.
measure_all() {
    for cmd in TRANSITION ARCHIVE ALIAS GET; do
        eval "c=\$$cmd"
        reg=$dir/small.db fill 1 10
        reg=$dir/one.db fill 1 "$total"
        reg=$dir/many.db fill 100 "$total"
        : >"$dir/small"; : >"$dir/one"; : >"$dir/many"
        k=0
        while [ $k -lt "$runs" ]; do
            for size in small one many; do
                reg=$dir/$size.db time_one "$dir/$size" "$c"
            done
            k=$((k + 1))
        done
        small=$(middle "$dir/small") one=$(middle "$dir/one")
        many=$(middle "$dir/many")
        awk -v n="$cmd" -v s="$small" -v o="$one" -v m="$many" 'BEGIN {
            printf "  %-10s %7.2f ms %9.2f ms %9.2f ms    %4.2fx  %4.2fx  %s\n",
                   tolower(n), s / 1000, o / 1000, m / 1000, o / s, m / s,
                   (o / s <= 1.3 && m / s <= 1.3) ? "ok" : "over 1.3x" }'
    done
}

echo "modelreg: median wall time of one command ($runs runs each)"
echo "  command    10 versions   1 x $total   100 x $((total / 100))   ratios to 10 (goal <= 1.3x)"
measure_all
# The fixed cost, on one registry of 10 versions: the process alone
# (--version), a transition, and SQLite alone (one durable UPDATE), taken
# in turn, run after run, so that a host that slows down mid-way slows all
# three alike; 3 x $runs runs.
fixed_cost() {
    : >"$dir/version"; : >"$dir/transition"; : >"$dir/floor"
    k=0
    while [ $k -lt $((3 * runs)) ]; do
        time_one "$dir/version" '$runner "$bin" --version'
        time_one "$dir/transition" "$TRANSITION"
        [ -z "$floor" ] || time_one "$dir/floor" '"$floor" "$reg" model-0'
        k=$((k + 1))
    done
}
fill 1 10
fixed_cost
version=$(middle "$dir/version") small=$(middle "$dir/transition")
awk -v t="$small" -v v="$version" 'BEGIN {
    printf "fixed cost: a transition on 10 versions %.2f ms, modelreg --version %.2f ms: %.2fx (goal <= 2x) %s\n",
           t / 1000, v / 1000, t / v, t / v <= 2 ? "ok" : "over 2x" }'
[ -z "$floor" ] ||
    awk -v t="$small" -v v="$version" -v f="$(middle "$dir/floor")" 'BEGIN {
        printf "  sqlite floor: one durable UPDATE alone %.2f ms, %.2fx --version; a transition is %.2fx the floor, %.2f ms above it\n",
               f / 1000, f / v, t / f, (t - f) / 1000 }'

# cascade K: the median time of one transition whose cascade archives the
# K - 1 other versions of a model, all of them in Staging before each run
# (the reset is not timed).
cascade() {
    fill 1 "$1"
    before='sql "UPDATE versions SET stage = 1"' runs_all=$runs runs=5
    median mr models transition-version --model-name model-0 --version 1 \
        --stage Staging --archive-existing-versions
    before= runs=$runs_all
}
# 2,000 and 20,000 versions at the default size.
small=$(cascade $((total / 50))) big=$(cascade $((total / 5)))
awk -v s="$small" -v b="$big" -v k="$((total / 50 - 1))" \
    -v K="$((total / 5 - 1))" 'BEGIN {
    printf "cascade: archiving %d versions in one transition %.1f ms, %d versions %.1f ms: %.1fx for 10x the versions (linear: about 10x)\n",
           k, s / 1000, K, b / 1000, b / s }'
# Every timed command is a case: one that failed fails the run (the
# suite's smoke run).
touch "$dir/ran" "$dir/failed"
cases_of $(wc -l <"$dir/ran") $(wc -l <"$dir/failed")
