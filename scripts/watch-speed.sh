#!/bin/sh
# make watch-speed: how long from saving a kata file to its grade on the
# screen, warm, as make watch does it; prints each run and the median.
#
#   scripts/watch-speed.sh WATCH_BINARY [FILE]
#
# The save renames an identical copy over the file (as many editors do),
# so the student's work is untouched.  RUNS (7) saves.
set -eu
watch=$1 file=${2:-kata/05_dispatch.c}
runs=${RUNS:-7}
out=$(mktemp /tmp/watch-speed.XXXXXX)
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out" "$file.speed"' EXIT
graded() { grep -c '^(graded in' "$out" || true; }
now() { date +%s.%N; }

"$watch" --count $((runs + 1)) >"$out" 2>&1 &
pid=$!
while [ "$(graded)" -lt 1 ]; do sleep 0.05; done # the first grade: warm-up
times=
for i in $(seq "$runs"); do
    before=$(graded)
    cp -p "$file" "$file.speed"
    touch "$file.speed"
    t0=$(now)
    mv "$file.speed" "$file"
    while [ "$(graded)" -le "$before" ]; do sleep 0.01; done
    t=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { print a - b }')
    times="$times $t"
    printf 'save %d: %.2f s\n' "$i" "$t"
done
wait "$pid" || true
median=$(printf '%s\n' $times | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
printf 'watch: from a save of %s to its grade, median of %d: %.2f s (%s, %s)\n' \
    "$file" "$runs" "$median" "$(uname -n)" "$(date -u +%Y-%m-%d)"
