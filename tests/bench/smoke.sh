#!/bin/sh
# make test's bench smoke: every benchmark runs at the smoke sizes and
# writes results.tsv and results.json; every benchmark in results.json
# records n and p (counters.py, which prints its own cases line), and jq
# parses it; transition-speed runs (--smoke); every plot is drawn from the
# smoke's results.  The programs' output goes to OUT/log.txt, shown on a failure.
#
#   RUNNER=... tests/bench/smoke.sh BENCH TRANSITION_SPEED IMPL OUT PLOT...
set -u
here=$(dirname "$0")
. "$here/../lib.sh"
bench=$1 speed=$2 impl=$3 out=$4
shift 4
failed=0 checkers_failed=0
fail() { echo "bench smoke: $*" >&2; failed=$((failed + 1)); }
rm -rf "$out" && mkdir -p "$out/plots"

one_check
${RUNNER:-} "$bench" --sizes=smoke --reps=3 --min-time=0.0001 \
    --impl="$impl" --out="$out" >"$out/log.txt" 2>&1 ||
    fail "the benchmarks failed"
one_check
if test -s "$out/results.tsv" && test -s "$out/results.json"; then
    /usr/bin/python3 "$here/counters.py" "$out/results.json" ||
        checkers_failed=$((checkers_failed + 1))
    # jq, as every --json output is checked (tests/json/check.sh).
    one_check
    jq -e '(.benchmarks | length) > 0 and
      all(.benchmarks[] | select(.run_type == "iteration");
      (.real_time | type == "number") and (.n | type == "number"))' \
        "$out/results.json" >/dev/null 2>>"$out/log.txt" ||
        fail "results.json is not JSON of its shape (jq)"
else
    fail "no results.tsv and results.json in $out"
fi
one_check
${RUNNER:-} "$speed" --smoke --out="$out" >>"$out/log.txt" 2>&1 ||
    fail "transition-speed --smoke failed"
for p; do
    one_check
    gnuplot -e "dir='$out'; out='$out/plots/$p'" "plots/$p.gp" \
        2>>"$out/log.txt" && test -s "$out/plots/$p.svg" || fail "plot $p failed"
done

if [ "$failed" -gt 0 ]; then
    cat "$out/log.txt" >&2
else
    echo "bench smoke: every benchmark ran with n and p, results correct," \
        "transition-speed ran, every plot drawn ($out/log.txt)"
fi
cases_of "$checks" "$failed" && [ "$checkers_failed" -eq 0 ]
