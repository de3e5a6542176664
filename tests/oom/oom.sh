#!/bin/sh
# Out of memory in real processes (issue 13): every program, run again and
# again with tests/oom/failmalloc.so preloaded so that its Nth allocation
# fails: in one pass that one and every later one (memory stays
# exhausted), in the other that one only (a passing pressure: what the
# program does after it shows).  Each run must either end as the run
# without a failure did (glibc and SQLite absorb some failures: a stream
# without a buffer, a smaller page cache) or exit PROG_EXIT_NOMEM
# (include/prog.h) with "out of memory" on stderr; for modelreg the
# registry (file and write-ahead log) must then be byte for byte what it
# was, and for a read command always.  Any other exit status, or other
# output, is an allocation failure turned into something else.  Each
# scenario is one case, and must reach that exit at least once.
#
#   tests/oom/oom.sh BIN_DIR SHIM GRADE_FIXTURE
#
# N runs over the whole count of a scenario's allocations in OOM_SAMPLES
# steps (default 12), and over its last 8, where the output is finished
# and the registry committed (over every one when there are at most
# OOM_EVERY, default 100; OOM_TAIL sets the 8).  OOM_SAMPLES=0 tries every N (an hour);
# OOM_MODES="stay once" (the default) picks the passes; OOM_ONLY=PATTERN
# (a shell pattern) runs only the scenarios it matches.  The runs are
# deterministic: one N, one allocation, every time.  A plain build only
# (make run-oom skips the sanitizer pass): ASan and valgrind bring their
# own malloc.
set -u
. "$(dirname "$0")/../lib.sh"
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") shim=$(abs "$2") fixture=$(abs "$3")
samples=${OOM_SAMPLES:-12}
every=${OOM_EVERY:-100}
modes=${OOM_MODES:-stay once}
only=${OOM_ONLY:-*}
src=$PWD
want=$(sed -n 's/^#define PROG_EXIT_NOMEM \([0-9]*\)$/\1/p' include/prog.h)
[ -n "$want" ] || { echo "oom: no PROG_EXIT_NOMEM in include/prog.h" >&2; exit 1; }
[ -r "$shim" ] || { echo "oom: $shim is not built" >&2; exit 1; }
tmp=$(mktemp -d /tmp/oom.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
passed=0 failed=0 runs=0 nomem=0 recovered=0

# The points of a scenario with total allocations: samples spread over
# them, and the last $tail; every one of $every or fewer.
points() {
    if [ "$samples" = 0 ] || [ "$1" -le "$every" ]; then
        seq 0 $(($1 - 1))
        return
    fi
    step=$(($1 / samples))
    [ "$step" -gt 0 ] || step=1
    { seq 0 "$step" $(($1 - 1))
      seq $(($1 > tail ? $1 - tail : 0)) $(($1 - 1)); } | sort -n -u
}

# Hooks of a scenario, set before each sweep: reset (before every run, in
# $tmp), check (after it: its argument is "nomem" or "ok"; false fails the
# run, check_failed says why), filter (stdin to stdout: what of the output
# is compared); where the command runs.
nothing() { :; }
always() { :; }
same() { cat; }

bad() {
    printf 'oom: %s: %s\n' "$name" "$*" >&2
    bad_runs=$((bad_runs + 1))
}

# try COMMAND...: one run with allocation $n failing ($once: only it),
# judged against the reference run.
try() {
    $reset
    (cd "$where" && FAILMALLOC_AT=$n FAILMALLOC_ONCE=$once \
        LD_PRELOAD=$shim exec "$@") <"$tmp/stdin" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    runs=$((runs + 1))
    at="allocation $n of $total ($mode)"
    if [ "$rc" = "$want" ]; then
        hits=$((hits + 1))
        grep -q "out of memory" "$tmp/err" ||
            bad "$at: exit $want, but stderr does not say \"out of" \
                "memory\": $(head -c 200 "$tmp/err")"
        $check nomem || bad "$at: $check_failed"
    elif [ "$rc" = "$ref" ]; then
        recovered=$((recovered + 1))
        $filter <"$tmp/out" | cmp -s - "$tmp/ref.cmp" ||
            bad "$at: exit $rc as without a failure, but the output" \
                "differs: $(head -c 200 "$tmp/err")"
        $check ok || bad "$at: $check_failed"
    else
        bad "$at: exit $rc, not $want: $(head -c 300 "$tmp/err")"
    fi
}

# sweep NAME COMMAND...: the scenario's runs; one case.
sweep() {
    name=$1
    shift
    # shellcheck disable=SC2254 # the pattern is meant
    case $name in $only) ;; *) return 0 ;; esac
    bad_runs=0 hits=0
    $reset
    (cd "$where" && FAILMALLOC_COUNT=$tmp/count LD_PRELOAD=$shim exec "$@") \
        <"$tmp/stdin" >"$tmp/ref.out" 2>"$tmp/ref.err"
    ref=$?
    total=$(cat "$tmp/count" 2>/dev/null || echo 0)
    [ "$ref" != "$want" ] || bad "exits $want without a failed allocation"
    [ "$total" -gt 0 ] || bad "made no allocation that could fail"
    $filter <"$tmp/ref.out" >"$tmp/ref.cmp"
    for mode in $modes; do
        once=0
        [ "$mode" = once ] && once=1
        for n in $(points "$total"); do
            try "$@"
        done
    done
    nomem=$((nomem + hits))
    [ "$hits" -gt 0 ] || bad "no failed allocation reached exit $want"
    if [ "$bad_runs" = 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    printf '  %-44s %5d allocations, %3d exits %s\n' "$name" "$total" \
        "$hits" "$want"
}

: >"$tmp/stdin"

reset=nothing check=always filter=same where=$tmp tail=${OOM_TAIL:-8}

# --- modelreg: every command, on a registry whose log holds commits -------

mr() { "$bin/modelreg" --registry "$tmp/pristine.db" "$@" >/dev/null; }
mr models create --model-name m && mr models create --model-name other &&
    for v in 1 2 3 4; do mr models create-version --model-name m || exit 1; done &&
    mr models transition-version --model-name m --version 2 --stage Production &&
    mr models transition-version --model-name m --version 3 --stage Staging &&
    mr models set-alias --model-name m --alias champion --version 2 ||
    { echo "oom: cannot make the registry" >&2; exit 1; }
[ -s "$tmp/pristine.db-wal" ] || { echo "oom: the registry has no log" >&2; exit 1; }
cp "$tmp/pristine.db-wal" "$tmp/pristine.wal"

registry_reset() {
    rm -f reg.db reg.db-wal reg.db-shm
    cp pristine.db reg.db && cp pristine.wal reg.db-wal
}
# The registry is what it was, byte for byte (for a write, after an exit
# on out of memory; for a read, always).
check_failed=
registry_same() {
    cmp -s reg.db pristine.db && cmp -s reg.db-wal pristine.wal && return 0
    check_failed="the registry changed"
    return 1
}
registry_read() { registry_same; }
registry_write() { [ "$1" = ok ] || registry_same; }

reset=registry_reset check=registry_read
for cmd in "models list" "models list --json" \
    "models get-version --model-name m --version 2" \
    "models history --model-name m" "models dispatch" \
    "models resolve models:/m@champion" "check" \
    "models migrate-stages --dry-run"; do
    # shellcheck disable=SC2086 # the words of the command
    sweep "modelreg $cmd" "$bin/modelreg" --registry reg.db $cmd
done
check=registry_write
for cmd in "models create --model-name fresh" \
    "models create-version --model-name m" \
    "models transition-version --model-name m --version 3 --stage Production --archive-existing-versions" \
    "models delete-version --model-name m --version 4" \
    "models set-alias --model-name m --alias challenger --version 3" \
    "models delete-alias --model-name m --alias champion" \
    "models set-policy --one-per-stage on" "models migrate-stages" \
    "models demo"; do
    # shellcheck disable=SC2086
    sweep "modelreg $cmd" "$bin/modelreg" --registry reg.db $cmd
done
# A registry the command creates: after out of memory there is none, an
# empty file, or one without the model (the schema is its own commit).
fresh_reset() { rm -f new.db new.db-wal new.db-shm; }
fresh_check() {
    [ "$1" = ok ] || [ ! -s new.db ] && return 0
    [ "$(sqlite3 new.db 'SELECT count(*) FROM models' 2>&1)" = 0 ] && return 0
    check_failed="the new registry holds a model"
    return 1
}
reset=fresh_reset check=fresh_check
sweep "modelreg models create (a new registry)" "$bin/modelreg" --registry \
    new.db models create --model-name m
reset=nothing check=always

# --- quiz -------------------------------------------------------------------

bank=$src/quiz/bank.txt
keys=$("$bin/quiz" --keys "$bank") || { echo "oom: quiz --keys failed" >&2; exit 1; }
printf '%s\n' "$keys" | tr ',' '\n' >"$tmp/answers"
saved_reset() { rm -f saved.json saved.json.tmp; }
# Saved whole or not at all (and never a temporary file left behind).
saved_whole() {
    [ ! -e saved.json.tmp ] || { check_failed="saved.json.tmp was left"; return 1; }
    [ "$1" = nomem ] || [ -s saved.json ] || { check_failed="nothing saved"; return 1; }
    [ ! -e saved.json ] || jq empty saved.json 2>/dev/null ||
        { check_failed="saved.json is not JSON"; return 1; }
}
sweep "quiz --answers --json" "$bin/quiz" --answers "$keys" --json "$bank"
sweep "quiz --review" "$bin/quiz" --review --color never "$bank"
sweep "quiz --export gift" "$bin/quiz" --export gift "$bank"
cp "$tmp/answers" "$tmp/stdin"
sweep "quiz --answers-file -" "$bin/quiz" --answers-file - "$bank"
reset=saved_reset check=saved_whole
sweep "quiz (interactive) --save" "$bin/quiz" --color never --save saved.json \
    "$bank"
reset=nothing check=always
: >"$tmp/stdin"

# --- grade, grade --class, report -------------------------------------------

mkdir -p cases class/alice
printf 'first_passes\nmisbehaves\nthird_passes\n' >cases/a.cases
# The table's times and the reports' run ids change from run to run.
grade_filter() { sed -e 's/[0-9][0-9]*\.[0-9][0-9]* s/T s/g' -e 's/run [0-9A-Z-]*[0-9a-f]*)/run ID)/'; }
reports_reset() { rm -f grade.json grade.xml status.tsv; }
filter=grade_filter reset=reports_reset
export FIXTURE=pass
sweep "grade --json --junit --status" "$bin/grade" --cases cases \
    --mode fallback --json grade.json --junit grade.xml --status status.tsv \
    --color never a="$fixture"
"$bin/grade" --cases cases --mode fallback --color never \
    --json class/alice/grade.json a="$fixture" >/dev/null 2>&1 &&
    "$bin/quiz" --answers "$keys" --json "$bank" >class/alice/quiz.json ||
    { echo "oom: cannot make the class folder" >&2; exit 1; }
unset FIXTURE
# plots/class.gp loads plots/common.gp: from the checkout.
filter=same reset=nothing where=$src
sweep "grade --class" "$bin/grade" --class "$tmp/class" --out "$tmp/class-out" \
    --plot plots/class.gp
where=$tmp
mkdir -p bench plots
page_filter() { grep -v -e '^<p>Page generated' -e '^report: '; }
# After out of memory no page is left; otherwise it is the page.
page_reset() { rm -f page.html; }
page_check() {
    if [ "$1" = nomem ]; then
        [ ! -e page.html ] && return 0
        check_failed="a page was left after out of memory"
        return 1
    fi
    page_filter <page.html | cmp -s - page.ref && return 0
    check_failed="the page differs"
    return 1
}
"$bin/report" --output page.html --manifest "$src/plots/index.tsv" \
    --plots plots --bench bench --grade class/alice/grade.json \
    --quiz class/alice/quiz.json --class class-out/section.html >/dev/null &&
    page_filter <page.html >page.ref || { echo "oom: report failed" >&2; exit 1; }
reset=page_reset check=page_check
sweep "report" "$bin/report" --output page.html --manifest \
    "$src/plots/index.tsv" --plots plots --bench bench --grade \
    class/alice/grade.json --quiz class/alice/quiz.json --class \
    class-out/section.html
check=always

# --- the rest -------------------------------------------------------------------

sweep "demo" "$bin/demo"
# Its figures are timings: only the shape of its output is compared.
speed_filter() { sed -e 's/[0-9][0-9.]*/N/g' -e 's/goal NOT met/goal met/'; }
filter=speed_filter
sweep "transition-speed --smoke" "$bin/transition-speed" --smoke
filter=same
printf '01_stage\tq1\n02_tvargs\tq2\n' >exercises.tsv
mkdir -p kata
watch_filter() { sed 's/(graded in [0-9.]* s)/(graded)/'; }
filter=watch_filter
sweep "watch --count 1" "$bin/watch" --dir kata --command 'echo graded %s' \
    --status status.tsv --exercises exercises.tsv --count 1
filter=same
sweep "bench --check-only" "$bin/bench" --check-only --sizes smoke

echo "oom: $runs runs, $nomem exits $want on out of memory, $recovered" \
    "recovered as if nothing had failed"
cases_line "$passed" "$failed"
[ "$failed" = 0 ]
