#!/bin/sh
# The grade command as make grade runs it: old reports go before anything
# runs (so a killed grader leaves none), grade.json names the run and the
# mode, and a test binary written by an earlier exercise's code is caught
# as tampered in fallback mode (the sandbox's read-only file system stops
# the write itself).
#
#   tests/grade/cli.sh GRADE_BINARY FIXTURE_BINARY
set -eu
grade=$1 fixture=$2
dir=$(mktemp -d /tmp/grade-cli.XXXXXX)
chmod 0755 "$dir" # so that even nobody reaches b.bin below
. "$(dirname "$0")/../lib.sh"
trap 'cases_at_exit $? "${checks:-0}"; rm -rf "$dir"' EXIT
printf 'first_passes\nmisbehaves\nthird_passes\n' >"$dir/a.cases"
cp "$dir/a.cases" "$dir/b.cases"
checks=0
fail() { echo "grade-cli: $*" >&2; exit 1; }
ok() { checks=$((checks + 1)); }

# A stale report claiming full marks is gone even when grading fails.
echo '{"score": 6, "max_score": 6}' >"$dir/grade.json"
if "$grade" --cases "$dir/none" --json "$dir/grade.json" a="$fixture" \
        >/dev/null 2>&1; then
    fail "a missing list of cases must be an error"
fi
[ ! -e "$dir/grade.json" ] || fail "the stale grade.json survived a failed run"
ok

# ... and when the grader is killed mid-run.
echo '{"score": 6, "max_score": 6}' >"$dir/grade.json"
# (Its work directory cannot be removed by a grader killed with SIGKILL:
# TMPDIR puts it under $dir, which the trap removes.)
mkdir "$dir/tmp"
FIXTURE=loop TMPDIR="$dir/tmp" "$grade" --timeout 30 --cases "$dir" \
    --json "$dir/grade.json" a="$fixture" >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ ! -e "$dir/grade.json" ] || fail "a killed grader left the old grade.json"
ok

# Two runs: each names its mode and has its own run id.
FIXTURE=pass "$grade" --cases "$dir" --json "$dir/1.json" a="$fixture" \
    >/dev/null 2>&1 || fail "the passing fixture did not pass"
FIXTURE=pass "$grade" --cases "$dir" --json "$dir/2.json" a="$fixture" \
    >/dev/null 2>&1 || fail "the passing fixture did not pass twice"
id1=$(sed -n 's/.*"run_id": "\([^"]*\)".*/\1/p' "$dir/1.json")
id2=$(sed -n 's/.*"run_id": "\([^"]*\)".*/\1/p' "$dir/2.json")
[ -n "$id1" ] && [ "$id1" != "$id2" ] || fail "run ids '$id1' and '$id2'"
grep -q '"mode": "\(sandbox\|fallback\)"' "$dir/1.json" || fail "no mode"
ok

# Exercise a's code rewrites exercise b's test binary (world-writable, so
# that even nobody could): in fallback mode b is tampered, in the sandbox
# the write fails and b passes.
for mode in sandbox fallback; do
    cp "$fixture" "$dir/b.bin" && chmod 0777 "$dir/b.bin"
    if ! FIXTURE=rewrite FIXTURE_TARGET="$dir/b.bin" "$grade" --mode "$mode" \
            --cases "$dir" --json "$dir/t.json" a="$fixture" b="$dir/b.bin" \
            >"$dir/t.out" 2>&1; then :; fi
    if grep -q 'sandbox is not available' "$dir/t.out"; then
        echo "grade-cli: no sandbox here, $mode case skipped"
        continue
    fi
    want=$([ "$mode" = sandbox ] && echo pass || echo tampered)
    grep -q "^b .* $want\$" "$dir/t.out" ||
        fail "$mode mode: b should be '$want':
$(cat "$dir/t.out")"
    ok
done
# grade.xml for CI readers, read by a real XML parser: each testcase has
# its time, and b, which did not build, carries the compiler's errors
# (escaped: they hold XML's special characters) in its system-err.
cat >"$dir/build.log" <<'LOG'
cc -Werror -c -o b.o kata/b.c
kata/b.c:3:9: error: expected ';' before '<&>' token
    3 |   x = 1 <&>
LOG
FIXTURE=fail "$grade" --cases "$dir" --build-log "$dir/build.log" \
    --junit "$dir/grade.xml" a="$fixture" b="$dir/missing" >/dev/null 2>&1 ||
    true
python3 "$(dirname "$0")/junit.py" "$dir/grade.xml" b \
    "kata/b.c:3:9: error: expected ';' before '<&>' token
    3 |   x = 1 <&>" >/dev/null || fail "grade.xml: see above"
ok
echo "grade-cli: $checks checks passed"
