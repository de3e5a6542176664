#!/bin/sh
# The class view at scale: N students (default 500) generated with a known
# distribution (tests/class/gen.py), aggregated by grade --class, and every
# figure compared with the generator's own tally (tests/class/compare.py).
# Prints the time of the aggregation; the suite does not assert it (the
# issue's bound, 2 s for 500 students, is checked by reading it).
#
#   tests/class/scale.sh GRADE WORKDIR [N]
set -eu
grade=$1 work=$2 n=${3:-500}
here=$(dirname "$0")
rm -rf "$work"
mkdir -p "$work"
python3 "$here/gen.py" "$work/in" "$work/expected.json" "$n"
t0=$(date +%s.%N)
$RUNNER "$grade" --class "$work/in" --out "$work/out" >"$work/stdout" 2>"$work/stderr" || {
    cat "$work/stderr"; echo "class: grade --class failed on $n students" >&2; exit 1; }
t1=$(date +%s.%N)
python3 "$here/compare.py" "$work/out/class.json" "$work/expected.json"
[ ! -s "$work/stderr" ] || { cat "$work/stderr"; echo "class: unexpected messages" >&2; exit 1; }
for f in class.svg class.png section.html; do
    [ -s "$work/out/$f" ] || { echo "class: $f was not written" >&2; exit 1; }
done
awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {
    printf "class: %d students aggregated in %.2f s (the plot included); every figure matches the generator\n", n, b - a }'
