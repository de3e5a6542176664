#!/bin/sh
# make watch, scripted: a watch over a scratch directory of two fake
# exercises, graded by a fake command, must regrade on an editor's
# rename-save and on an in-place save, move on when an exercise passes,
# and end by itself after --count grades.
#
#   tests/kata/watch.sh WATCH_BINARY
set -eu
watch=$1
dir=$(mktemp -d /tmp/watch-test.XXXXXX)
. "$(dirname "$0")/../lib.sh"
checks=0
trap 'cases_at_exit $? $checks; kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
mkdir "$dir/kata"
printf '01_a\tQ1\n02_b\tQ2\n' >"$dir/exercises.tsv"
echo 'int a;' >"$dir/kata/01_a.c"
echo 'int b;' >"$dir/kata/02_b.c"
# The fake grader: an exercise passes once its pass-NN file exists.
cat >"$dir/grade.sh" <<'FAKE'
d=$(dirname "$0")
for e in 01_a 02_b; do
    s=fail; [ -e "$d/pass-${e%%_*}" ] && s=pass
    printf '%s\t%s\t0\t1\t0\n' "$e" "$s"
done >"$d/status.tsv"
echo "graded exercise $1"
FAKE
"$watch" --dir "$dir/kata" --exercises "$dir/exercises.tsv" \
    --status "$dir/status.tsv" --command "sh $dir/grade.sh %s" --count 4 \
    >"$dir/out" 2>&1 </dev/null &
pid=$!
grades() { grep -c '^(graded in' "$dir/out" || true; }
wait_for() { # N: until N grades are on the screen, or 10 s
    for _ in $(seq 200); do
        [ "$(grades)" -ge "$1" ] && { checks=$((checks + 1)); return 0; }
        sleep 0.05
    done
    echo "watch test: waited 10 s for grade $1; the screen:" >&2
    cat "$dir/out" >&2
    exit 1
}
wait_for 1 # at start: the first exercise that does not pass
echo 'int b = 2;' >"$dir/kata/02_b.c.new"
mv "$dir/kata/02_b.c.new" "$dir/kata/02_b.c" # an editor's rename-save
wait_for 2
touch "$dir/pass-01"
echo 'int a = 1;' >"$dir/kata/01_a.c" # an in-place save that passes
wait_for 4
wait "$pid"
want='== kata/01_a.c ==
== kata/02_b.c ==
== kata/01_a.c ==
kata/01_a.c passes: on to kata/02_b.c
== kata/02_b.c ==
watch: ended'
got=$(grep -E '^(== |kata/.* passes|watch: ended)' "$dir/out")
[ "$got" = "$want" ] || {
    printf 'watch test: expected\n%s\ngot\n%s\n' "$want" "$got" >&2
    exit 1
}
checks=$((checks + 1))
grep -q 'progress \[#-\] 1 of 2 done' "$dir/out" ||
    { echo "watch test: no progress bar" >&2; exit 1; }
checks=$((checks + 1))
grep -q "$(printf '\033')" "$dir/out" &&
    { echo "watch test: escape codes without a terminal" >&2; exit 1; }
checks=$((checks + 1))
echo "watch: regrades on save, moves on, ends: $checks checks passed"
