#!/bin/sh
# Two processes each promote versions of one model to Production 200 times
# with --archive-existing-versions, at the same time.  Afterwards: exactly
# one Production version, every transition and every cascade in the
# history, the invariants hold, and no command failed ("database is
# locked" or anything else).
#   concurrency.sh MODELREG [PROMOTIONS_PER_PROCESS]
set -u
bin=$1
n=${2:-200}
. "$(dirname "$0")/lib.sh"

versions=7
mr models create --model-name m >/dev/null || exit 1
for i in $(seq $versions); do mr models create-version --model-name m >/dev/null; done
mr models transition-version --model-name m --version 1 --stage production \
    --archive-existing-versions >/dev/null || exit 1

# promoter NAME STEP: promotes v(k * STEP mod versions + 1) for k = 1..n.
promoter() {
    k=1 bad=0
    while [ $k -le "$n" ]; do
        v=$((k * $2 % versions + 1))
        mr models transition-version --model-name m --version $v \
            --stage Production --archive-existing-versions \
            >/dev/null 2>>"$dir/$1.err" || bad=$((bad + 1))
        k=$((k + 1))
    done
    echo $bad >"$dir/$1.failed"
}

start=$(date +%s.%N)
promoter a 1 &
promoter b 3 &
wait
end=$(date +%s.%N)

for p in a b; do
    [ "$(cat "$dir/$p.failed")" = 0 ] ||
        fail "process $p: $(cat "$dir/$p.failed") commands failed: $(head -3 "$dir/$p.err")"
    case_end
done
grep -l 'locked' "$dir"/*.err >/dev/null 2>&1 && fail "a command saw 'database is locked'"
case_end

production=$(sql "SELECT count(*) FROM versions WHERE stage = 2")
[ "$production" = 1 ] || fail "$production versions in Production, not exactly 1"
case_end

promotions=$(sql "SELECT count(*) FROM history WHERE NOT is_cascade")
[ "$promotions" = $((2 * n + 1)) ] ||
    fail "$promotions promotions in the history, not $((2 * n + 1))"
case_end

# Every promotion that took Production from another version has exactly
# one cascade just before it: that version archived, at the same instant,
# caused by the promoted version.  And there is no other cascade.
expected=$(sql "
SELECT count(*) FROM (
  SELECT seq, version, at_ms,
         lag(version) OVER (ORDER BY seq) AS holder
    FROM history WHERE NOT is_cascade AND to_stage = 2)
 WHERE holder IS NOT NULL AND holder <> version")
matched=$(sql "
SELECT count(*) FROM (
  SELECT seq, version, at_ms,
         lag(version) OVER (ORDER BY seq) AS holder
    FROM history WHERE NOT is_cascade AND to_stage = 2) p
  JOIN history c ON c.is_cascade AND c.seq = p.seq - 1
   AND c.version = p.holder AND c.cause = p.version AND c.at_ms = p.at_ms
   AND c.from_stage = 2 AND c.to_stage = 3")
cascades=$(sql "SELECT count(*) FROM history WHERE is_cascade")
[ "$matched" = "$expected" ] && [ "$cascades" = "$expected" ] ||
    fail "cascades: $cascades in the history, $matched matched, $expected expected"
case_end

bad=$(invariants "$reg" | head -5)
[ -z "$bad" ] || fail "invariants: $bad"
case_end

secs=$(echo "$end - $start" | bc 2>/dev/null || echo "?")
echo "concurrency: 2 x $n promotions in ${secs}s; 1 in Production," \
     "$promotions promotions and $cascades cascades in the history," \
     "$failures failures"
cases_report
[ "$failures" -eq 0 ]
