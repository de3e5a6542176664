#!/bin/sh
# The maintainers' mutation check (make mutants): every mutant in
# tests/mutants/NN/*.patch must be caught by exercise NN's tests.
#
#   scripts/mutants.sh [--one] [NN | NN/mistake]...
#
# --one runs the first mutant of each exercise (the smoke run in make test).
# A mutant is caught when its graded run is anything but a pass.  Exit 0
# when every mutant run is caught, 1 when one survives, 2 on a broken patch.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/kata-san
MAKE=${MAKE:-make}
# make grade's compiler (mk/kata.mk passes it; clang unless told).
MAKE_VARS=${MAKE_VARS:-CC=clang CXX=clang++}
one=
[ "${1:-}" = --one ] && { one=1; shift; }
picks=${*:-$(cd tests/mutants && ls -d [0-9][0-9] 2>/dev/null)}

list() { # the patches a pick names
    case $1 in
    */*) echo "tests/mutants/$1.patch" ;;
    *) ls tests/mutants/"$1"/*.patch | { if [ -n "$one" ]; then head -n 1; else cat; fi; } ;;
    esac
}

# One graded run: through the grader, or (MUTANT_RUN=direct, while the
# grader is not built) the bare test binary under timeout(1).
run() {
    if [ "${MUTANT_RUN:-}" = direct ]; then
        timeout "${TIMEOUT:-20}" "$2"
    else
        "$OUT/bin/grade" --timeout "${TIMEOUT:-20}" --cases "$OUT/cases" "$1=$2"
    fi
}
[ "${MUTANT_RUN:-}" = direct ] ||
    $MAKE --no-print-directory -s IMPL=kata SAN=1 $MAKE_VARS "$OUT/bin/grade" \
        $(for t in tests/ex/test_*.c; do t=${t##*/test_}; echo "$OUT/cases/${t%.c}.cases"; done) >/dev/null

total=0 caught=0 survived=
for pick in $picks; do
    for p in $(list "$pick"); do
        nn=$(basename "$(dirname "$p")"); name=$(basename "$p" .patch)
        sol=$(ls solutions/"$nn"_*.c); ex=$(basename "$sol" .c)
        dir=$BUILD/mutants/$ex; mkdir -p "$dir"
        cp "$sol" "$dir/$name.c.tmp"
        if ! patch -s --no-backup-if-mismatch "$dir/$name.c.tmp" <"$p" >"$dir/$name.patch.log" 2>&1; then
            echo "mutants: $p does not apply to $sol (see $dir/$name.patch.log)" >&2
            exit 2
        fi
        cmp -s "$dir/$name.c.tmp" "$dir/$name.c" 2>/dev/null || mv "$dir/$name.c.tmp" "$dir/$name.c"
        rm -f "$dir/$name.c.tmp"
        bin=$OUT/mutants/$ex/$name
        if ! $MAKE --no-print-directory -s IMPL=kata SAN=1 $MAKE_VARS WERROR= "$bin" >"$dir/$name.build.log" 2>&1; then
            echo "mutants: $p does not build (see $dir/$name.build.log)" >&2
            exit 2
        fi
        total=$((total + 1))
        why=$(head -n 1 "$p" | sed 's/^# *//')
        if run "$ex" "$bin" >"$dir/$name.grade.log" 2>&1; then
            survived="$survived $nn/$name"
            echo "  SURVIVED $nn/$name: $why"
        else
            caught=$((caught + 1))
            echo "  caught   $nn/$name: $why"
        fi
    done
done
echo "mutants: $caught of $total caught${survived:+; survived:$survived}"
. tests/lib.sh
cases_line "$caught" $((total - caught))
[ -z "$survived" ]
