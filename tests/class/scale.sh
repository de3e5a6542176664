#!/bin/sh
# The class view at scale: N students (default 500) generated with a known
# distribution (tests/class/gen.py), aggregated by grade --class, and every
# figure compared with the generator's own tally (tests/class/compare.py).
# Then the fragment for the report is checked with an HTML parser
# (check_html.py), and the report with this section in it, as make report
# builds it after make class, must pass the report's own strict check
# (tests/report/validate.py).  Each checker prints its own cases line;
# this script counts its own checks.  Prints the time of the aggregation;
# the suite does not assert it (the issue's bound, 2 s for 500 students,
# is checked by reading it).
#
#   tests/class/scale.sh GRADE REPORT WORKDIR [N]
set -u
grade=$1 report=$2 work=$3 n=${4:-500}
here=$(dirname "$0")
. "$here/../lib.sh"
failed=0 checkers_failed=0 # the checkers count their own cases
fail() { echo "class: $*" >&2; failed=$((failed + 1)); }
rm -rf "$work"
mkdir -p "$work"
one_check; python3 "$here/gen.py" "$work/in" "$work/expected.json" "$n" ||
    fail "gen.py could not write $n students"
t0=$(date +%s.%N)
one_check
if ! ${RUNNER:-} "$grade" --class "$work/in" --out "$work/out" >"$work/stdout" 2>"$work/stderr"; then
    cat "$work/stderr" >&2
    fail "grade --class failed on $n students"
    cases_of "$checks" "$failed"
    exit 1
fi
t1=$(date +%s.%N)
python3 "$here/compare.py" "$work/out/class.json" "$work/expected.json" ||
    checkers_failed=$((checkers_failed + 1))
one_check; [ ! -s "$work/stderr" ] ||
    fail "unexpected messages: $(cat "$work/stderr")"
for f in class.svg class.png section.html; do
    one_check; [ -s "$work/out/$f" ] || fail "$f was not written"
done
[ "$failed" -eq 0 ] && [ "$checkers_failed" -eq 0 ] && awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {
    printf "class: %d students aggregated in %.2f s (the plot included); every figure matches the generator\n", n, b - a }'

python3 "$here/check_html.py" "$work/out/section.html" ||
    checkers_failed=$((checkers_failed + 1))
one_check
${RUNNER:-} "$report" --class "$work/out/section.html" --plots "$work/none" \
    --bench "$work/none" --output "$work/report.html" >/dev/null ||
    fail "report could not build a page with the class section"
/usr/bin/python3 tests/report/validate.py "$work/report.html" \
    --manifest plots/index.tsv --plots "$work/none" ||
    checkers_failed=$((checkers_failed + 1))
cases_of "$checks" "$failed" && [ "$checkers_failed" -eq 0 ]
