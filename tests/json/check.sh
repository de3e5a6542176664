#!/bin/sh
# Every JSON output of the kit through a real JSON parser, jq (issue 13):
# modelreg's --json for each command that has it (and its errors, which
# are text on stderr with nothing on stdout), quiz --json and --save,
# grade --json for a passing, a failing and an unbuilt exercise, grade
# --class's class.json.  bench's results.json is checked where the suite
# runs bench anyway, by tests/bench/smoke.sh.
# Each output must parse (jq -e .) and have its shape (a jq filter: counts
# are numbers, lists are as long as their counts say).  The outputs stay
# in WORKDIR/out/, one file each.
#
#   tests/json/check.sh BINDIR GRADE_FIXTURE WORKDIR
set -u
bin=$1 fixture=$2 work=$3
here=$(dirname "$0")
. "$here/../lib.sh"
if ! command -v jq >/dev/null 2>&1; then
    echo "json-check: jq is missing; install it with: apt-get install -y jq" \
        "(or make deps)" >&2
    cases_line 0 1
    exit 1
fi
rm -rf "$work"
mkdir -p "$work/out"
out=$work/out
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "json-check: $*" >&2
}

# run NAME WANT_STATUS CMD...: CMD's stdout to out/NAME.json (out/NAME.txt
# when STDOUT=txt: the command writes the JSON file itself), its status
# checked.  A program runs under $RUNNER (valgrind in `make memcheck`); a
# shell function, which a RUNNER cannot start (`command -v` gives no path),
# applies it itself.
run() {
    name=$1 want=$2
    shift 2
    case $(command -v "$1") in
    /*) runner=$RUNNER ;;
    *) runner= ;;
    esac
    $runner "$@" >"$out/$name.${STDOUT:-json}" 2>"$out/$name.err"
    status=$?
    [ "$status" = "$want" ] || bad "$name: exit status $status, not $want:" \
        "$(cat "$out/$name.err")"
}

# shape NAME FILTER: the file parses and FILTER is true of it.
shape() {
    if ! jq -e . "$out/$1.json" >/dev/null 2>"$out/$1.jq"; then
        bad "$1.json is not JSON: $(cat "$out/$1.jq")"
    elif ! jq -e "$2" "$out/$1.json" >/dev/null 2>>"$out/$1.jq"; then
        bad "$1.json does not have its shape: $2"
    else
        ok
    fi
}

# none NAME: an error printed nothing on stdout, not half a document.
none() {
    if [ -s "$out/$1.json" ]; then bad "$1: an error wrote to stdout"; else ok; fi
}

# --- modelreg ---------------------------------------------------------------
reg=$work/reg.db
m() { $RUNNER "$bin/modelreg" --registry "$reg" models "$@"; }
# The version object of MLflow's ModelVersion, as get-version prints it.
version='(keys == ["aliases", "current_stage", "last_updated_timestamp",
  "name", "version"]) and (.version | type == "number") and
  (.last_updated_timestamp | type == "number") and
  (.aliases | type == "array") and (.current_stage | type == "string")'

m create --model-name empty >/dev/null || bad "could not create a model"
run list-empty 0 m list --json
shape list-empty '.versions == [] and .policy == "mlflow"'
run history-empty 0 m history --json
shape history-empty '. == []'
run dispatch-empty 0 m dispatch --json
shape dispatch-empty '.actions == [] and .counts.versions == 0'
m demo >/dev/null && m set-alias --model-name my_model --alias champion \
    --version 3 >/dev/null && m create --model-name 'q"uote\back é' \
    >/dev/null && m create-version --model-name 'q"uote\back é' >/dev/null ||
    bad "could not set up the registry"
run get-version 0 m get-version --model-name my_model --version 3 --json
shape get-version "$version"' and .aliases == ["champion"] and .version == 3'
run get-alias 0 m get-version --model-name my_model --alias champion --json
shape get-alias "$version"' and .version == 3'
run get-quoted 0 m get-version --model-name 'q"uote\back é' --version 1 --json
shape get-quoted "$version"' and .name == "q\"uote\\back é"'
run list 0 m list --json
shape list '(.versions | length) == 6 and
  all(.versions[]; '"$version"')'
run list-stage 0 m list --json --stage production
shape list-stage '[.versions[].current_stage] == ["Production", "Production"]'
run history 0 m history --json
shape history 'length > 5 and all(.[]; (.seq | type == "number") and
  (.cascade | type == "boolean") and (.at_ms | type == "number"))
  and any(.[]; .event == "set" and .alias == "champion")'
run history-model 0 m history --json --model-name my_model
shape history-model 'all(.[]; .name == "my_model")'
run dispatch 0 m dispatch --json
shape dispatch '(.actions | length) == .counts.versions and
  .counts.versions == 6 and
  .counts.deploy + .counts.test + .counts.archive == .counts.versions and
  all(.actions[]; (.action | type == "string") and
  (.version.version | type == "number"))'
run resolve 0 m resolve 'models:/my_model@champion' --json
shape resolve "$version"' and .version == 3'
run resolve-stage 0 m resolve 'models:/fraud_detector/Production' --json
shape resolve-stage "$version"' and .current_stage == "Production"'
run list-missing 1 m list --model-name nope --json
none list-missing
run get-missing 1 m get-version --model-name my_model --version 99 --json
none get-missing
run resolve-bad 1 m resolve 'models:/nope@champion' --json
none resolve-bad
run history-missing 1 m history --model-name nope --json
none history-missing

# --- quiz -------------------------------------------------------------------
bank=$here/../quiz/mini.txt
quiz='(.questions | type == "number") and (.results | length) == .questions
  and (.correct | type == "number") and (.percent | type == "number") and
  (.passed | type == "boolean") and
  all(.results[]; (.number | type == "number") and
  (.correct | type == "boolean"))'
run quiz-pass 0 "$bin/quiz" --answers B,A,C,D --json "$bank"
shape quiz-pass "$quiz"' and .correct == 4 and .passed and .seed == null'
run quiz-blank 1 "$bin/quiz" --answers -,B,-,- --json "$bank"
shape quiz-blank "$quiz"' and .answered == 1 and .results[0].answer == null
  and (.results[1].mistake | type == "string")'
run quiz-shuffled 1 "$bin/quiz" --answers A,-,-,- --shuffle --seed 7 \
    --json "$bank"
shape quiz-shuffled "$quiz"' and .shuffled and .seed == 7 and .answered == 1'
STDOUT=txt run quiz-save 0 "$bin/quiz" --answers B,A,C,A \
    --save "$out/quiz-save.json" "$bank"
shape quiz-save "$quiz"' and .correct == 3'

# --- grade ------------------------------------------------------------------
printf 'first_passes\nmisbehaves\nthird_passes\n' >"$work/a.cases"
cp "$work/a.cases" "$work/b.cases"
grade='(.score | type == "number") and .max_score == (.exercises | length)
  and .score <= .max_score and (.run_id | type == "string") and
  all(.exercises[]; (.passed | type == "number") and
  (.total | type == "number") and (.seconds | type == "number") and
  (.cases | type == "array") and (.points | type == "number"))'
FIXTURE=pass STDOUT=txt run grade-pass 0 "$bin/grade" --cases "$work" \
    --color never --json "$out/grade-pass.json" a="$fixture"
shape grade-pass "$grade"' and .score == 1 and .exercises[0].hint == null'
FIXTURE=fail STDOUT=txt run grade-fail 1 "$bin/grade" --cases "$work" \
    --color never --json "$out/grade-fail.json" a="$fixture" b="$work/missing"
shape grade-fail "$grade"' and .score == 0 and
  [.exercises[].status] == ["fail", "no-build"] and
  (.exercises[0].first_failure | type == "string") and
  [.exercises[0].cases[].status] == ["pass", "fail", "pass"]'

# --- grade --class ----------------------------------------------------------
python3 "$here/../class/gen.py" "$work/class" "$work/expected.json" 6 ||
    bad "gen.py failed"
cp "$out/grade-fail.json" "$work/class/s000/grade2.json" # a second report
printf 'not json' >"$work/class/junk.json"
$RUNNER "$bin/grade" --class "$work/class" --out "$work/class-out" \
    --plot "$here/../../plots/class.gp" >/dev/null 2>"$work/class.err" ||
    bad "grade --class failed: $(cat "$work/class.err")"
cp "$work/class-out/class.json" "$out/class.json" 2>/dev/null
shape class '.students == 6 and .grade_reports == 6 and
  (.exercises | length) == 7 and (.questions | length) == 20 and
  all(.exercises[]; (.pass_rate | type == "number") and
  .passed <= .reports) and (.quiz_histogram | length) == 10 and
  (.score_histogram.reports | length) == .score_histogram.max_score + 1 and
  (.skipped | length) == 2 and all(.skipped[]; .path and .reason)'

echo "json-check: $passed outputs parsed with jq and had their shape," \
    "$failed did not ($out)"
cases_line "$passed" "$failed"
[ "$failed" = 0 ]
