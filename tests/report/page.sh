#!/bin/sh
# The report command end to end: pages from fixture inputs (hostile text,
# broken and missing plots, bad JSON), from nothing, and from whatever this
# tree has, each parsed strictly by html5lib (tests/report/validate.py);
# write errors and usage errors; and the validator itself shown to fail
# on broken pages.
#   sh tests/report/page.sh build/solutions/bin/report WORKDIR
# REPORT_RUNNER may name a wrapper (make memcheck sets valgrind);
# REPORT_PYTHON the python3 with html5lib (default /usr/bin/python3).
set -u
. "$(dirname "$0")/../lib.sh"
REPORT=$1
work=$2
RUNNER=${REPORT_RUNNER:-}
PY=${REPORT_PYTHON:-/usr/bin/python3}
checks=0
failures=0

if ! "$PY" -c 'import html5lib' 2>/dev/null; then
    echo "report page: $PY has no html5lib; install it with" \
        "apt-get install python3-html5lib (make deps)" >&2
    exit 1
fi
rm -rf "$work"
mkdir -p "$work"

check() {
    checks=$((checks + 1))
    if ! eval "$1"; then
        failures=$((failures + 1))
        echo "report page: FAILED: $2" >&2
        for f in "$work/out" "$work/err" "$work/validate"; do
            [ -s "$f" ] && { echo "--- $f:" >&2; cat "$f" >&2; }
        done
    fi
}

# report ARGS...: the status in $status, output in $work/out and err.
report() {
    $RUNNER "$REPORT" "$@" >"$work/out" 2>"$work/err"
    status=$?
}

# valid PAGE PLOTS_DIR MANIFEST [validate.py options]: one check here, so
# the validator's own cases line is not printed (the broken pages below
# must fail it).
valid() {
    page=$1 plots=$2 manifest=$3
    shift 3
    "$PY" tests/report/validate.py "$page" --plots "$plots" \
        --manifest "$manifest" "$@" >/dev/null 2>"$work/validate"
}

page_has() { grep -qF -- "$1" "$work/page.html"; }

# --- fixtures -------------------------------------------------------------
fx=$work/fixture
mkdir -p "$fx/plots" "$fx/bench"
gnuplot -e "set terminal svg size 640,400; set output '$fx/plots/good.svg';
            set title 'a real <gnuplot> plot'; plot x title 'x & y'" 2>/dev/null
cp "$fx/plots/good.svg" "$fx/plots/good2.svg"
: >"$fx/plots/empty.svg"
head -c 600 "$fx/plots/good.svg" >"$fx/plots/cut.svg"
printf '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>\n' \
    >"$fx/plots/script.svg"
tab=$(printf '\t')
{
    echo "# name${tab}title${tab}alt"
    echo "good${tab}Good <b>plot</b> & \"quotes\"${tab}A line, rising: y = x & more"
    echo "good2${tab}The same plot again${tab}Its ids must not clash"
    echo "empty${tab}An empty image${tab}gnuplot failed"
    echo "cut${tab}A cut image${tab}cut short"
    echo "script${tab}A script${tab}not embedded"
    echo "absent${tab}Not made yet${tab}no file"
    echo "../../etc/passwd${tab}Escape${tab}a path"
    echo "two fields${tab}only"
} >"$fx/index.tsv"
printf '  benchmark   n   time\n  </pre><script>alert("x")</script> & \001 bad \377 byte\n' \
    >"$fx/bench/table.txt"
printf 'transition at 10^6: 3.1x the time at 10^3 <ok>\n' \
    >"$fx/bench/transition.txt"
printf "machine = 'Box <i>it''s</i> & co'\ndate = '2026-01-02 03:04 UTC'\n" \
    >"$fx/bench/meta.gp"
cat >"$fx/grade.json" <<'EOF'
{"run_id": "x", "mode": "fallback", "mode_reason": "no namespaces",
 "score": 0, "max_score": 1, "timeout_seconds": 10,
 "exercises": [{"exercise": "03_transition", "quiz": "Q3",
   "status": "fail", "passed": 2, "total": 5,
   "first_failure": "expected </td><script>1</script> got \"x\""}]}
EOF
cat >"$fx/quiz.json" <<'EOF'
{"bank": "quiz/bank.txt", "questions": 2, "answered": 2, "correct": 1,
 "percent": 50, "pass_mark": 70, "passed": false, "shuffled": false,
 "seed": null, "results": [
  {"number": 1, "line": 3, "title": "Live stage", "answer": "B",
   "key": "B", "correct": true, "mistake": null},
  {"number": 2, "line": 9, "title": "Archived <versions>", "answer": "A",
   "key": "C", "correct": false, "mistake": "archived is not deleted"}]}
EOF
printf '<h2>The class</h2>\n<p>Fixture class of 3</p>\n' >"$fx/class.html"

fixture_args="--manifest $fx/index.tsv --plots $fx/plots --bench $fx/bench \
    --grade $fx/grade.json --quiz $fx/quiz.json --class $fx/class.html"

# 1. Every input, some hostile or broken: a valid page, nothing executable.
report --output "$work/page.html" $fixture_args
check '[ $status -eq 0 ]' "a page from fixtures: exit 0, not $status"
check 'grep -qF "report: $work/page.html (2 of 8 plots; " "$work/out"' \
    "one line: the page and how many of the plots it holds"
check 'valid "$work/page.html" "$fx/plots" "$fx/index.tsv" --refused cut \
    --refused script --text "</pre><script>alert(\"x\")</script> &" \
    --text "Box <i>it'"'"'s</i> & co" --text "2026-01-02 03:04 UTC" \
    --text "expected </td><script>1</script> got \"x\"" \
    --text "3.1x the time at 10^3 <ok>" --text "archived is not deleted" \
    --text "Fixture class of 3"' \
    "the fixture page parses strictly, embeds the good plots and shows every input as text"
check '[ "$(grep -c "<script" "$work/page.html")" -eq 0 ]' \
    "no <script> reaches the page"
check 'page_has "$fx/plots/empty.svg</code> is empty"' "an empty plot is named"
check 'page_has "$fx/plots/cut.svg</code> is not embedded: no &lt;/svg&gt; end"' \
    "a cut plot is named with the reason"
check 'page_has "$fx/plots/script.svg</code> is not embedded: it holds a script"' \
    "a plot with a script is refused"
check 'page_has "$fx/plots/absent.svg</code> does not exist. Make it with <code>make bench plots</code>"' \
    "a plot not made yet is named with its command"
check 'page_has "line 8 is not name, title and text alternative"' \
    "a path in the manifest is refused"
check 'page_has "line 9 is not name, title and text alternative"' \
    "a short manifest row is named"
check '! page_has "passwd.svg"' "no file outside the plots folder is read"
check '[ "$(grep -c "id=\"plot1-gnuplot_canvas\"" "$work/page.html")" -eq 1 ] &&
       [ "$(grep -c "id=\"plot2-gnuplot_canvas\"" "$work/page.html")" -eq 1 ]' \
    "two copies of one plot get ids of their own"
check '! page_has "<?xml"' "the SVG prolog is dropped"
check 'page_has "<span class=\"badge fail\">fail</span>"' "the grade's status"
check 'page_has "Score: 1 of 2 (50%)"' "the quiz's score"

# 2. Nothing exists: still a page (exit 0) that says what to run.
none=$work/none
report --output "$work/page.html" --manifest "$none/index.tsv" \
    --plots "$none" --bench "$none" --grade "$none/g.json" \
    --quiz "$none/q.json" --class "$none/c.html"
check '[ $status -eq 0 ]' "a page from nothing: exit 0, not $status"
check 'grep -qF "(0 of 0 plots; 7 missing inputs" "$work/out"' \
    "the line counts the missing inputs"
check 'valid "$work/page.html" "$none" "$none/index.tsv" \
    --text "$none/index.tsv does not exist" \
    --text "$none/table.txt does not exist. Make it with make bench" \
    --text "$none/meta.gp does not exist. Make it with make bench" \
    --text "$none/g.json does not exist. Make it with make grade" \
    --text "$none/q.json does not exist. Make it with make quiz" \
    --text "$none/transition.txt does not exist. Make it with make transition-speed" \
    --text "Make it with make class DIR="' \
    "the empty page parses and names every missing input with its command"

# 3. Bad JSON and a fragment with a script are named, not shown.
printf '{"exercises": [' >"$work/bad.json"
printf '<p>x</p><script>alert(1)</script>' >"$work/bad.html"
report --output "$work/page.html" --manifest "$fx/index.tsv" \
    --plots "$fx/plots" --bench "$fx/bench" --grade "$work/bad.json" \
    --quiz "$fx/grade.json" --class "$work/bad.html"
check '[ $status -eq 0 ] && page_has "bad.json</code> is not usable: not valid JSON"' \
    "a truncated grade.json is named"
check 'page_has "grade.json</code> is not usable: valid JSON, but no list of results"' \
    "a grade report given as the quiz is named"
check 'page_has "bad.html</code> is not an HTML fragment without scripts" &&
       ! page_has "<script"' "a class fragment with a script is refused"
check 'valid "$work/page.html" "$fx/plots" "$fx/index.tsv" --refused cut --refused script' \
    "that page parses strictly too"

# 4. Whatever this tree has (make bench plots grade quiz class).
report --output "$work/tree.html"
check '[ $status -eq 0 ] && valid "$work/tree.html" build/plots plots/index.tsv' \
    "the page from this tree's results parses and embeds every plot there is"

# 5. Errors: the page cannot be written; usage.
report --output /dev/full $fixture_args
check '[ $status -eq 1 ] && grep -qF "report: writing /dev/full failed: No space left on device" "$work/err"' \
    "a full disk: exit 1 and why"
report --output "$work/no/such/dir/page.html"
check '[ $status -eq 1 ] && grep -qF "report: cannot write $work/no/such/dir/page.html: No such file or directory" "$work/err"' \
    "a missing folder: exit 1 and why"
report --outptu x.html
check '[ $status -eq 2 ] && grep -qF "Error: No such option: --outptu Did you mean --output?" "$work/err"' \
    "a misspelt option: exit 2, click's words"
report extra
check '[ $status -eq 2 ] && grep -qF "Got unexpected extra argument (extra)" "$work/err"' \
    "an extra argument: exit 2"
report --help
check '[ $status -eq 0 ] && grep -qF "Usage: report [OPTIONS]" "$work/out"' "--help"

# 6. The validator fails on broken pages (else its passes mean nothing).
report --output "$work/page.html" $fixture_args
v() { valid "$1" "$fx/plots" "$fx/index.tsv" --refused cut --refused script; }
sed 's|</pre>||' "$work/page.html" >"$work/m1.html"
check '! v "$work/m1.html"' "validator: a missing </pre> is a parse error"
sed 's|<title id="plot1-title">|<title id="x">|' "$work/page.html" >"$work/m2.html"
check '! v "$work/m2.html"' "validator: a plot without its title"
sed 's|<p>Page generated|<p><img src="x.png" alt="">Page generated|' \
    "$work/page.html" >"$work/m3.html"
check '! v "$work/m3.html"' "validator: a reference to a file"
sed 's|<a href="#plots">|<a href="https://example.org/">|' "$work/page.html" >"$work/m4.html"
check '! v "$work/m4.html"' "validator: a link out of the page"
sed 's|role="img" aria-labelledby="plot2-title"|role="img" aria-labelledby="plot1-title"|' \
    "$work/page.html" >"$work/m5.html"
check '! v "$work/m5.html"' "validator: one plot missing (two labelled alike)"
sed 's|<p class="missing"><strong>Missing:</strong> <code>[^<]*absent.svg</code>[^<]*<code>[^<]*</code>.</p>||' \
    "$work/page.html" >"$work/m6.html"
check '! cmp -s "$work/page.html" "$work/m6.html" && ! v "$work/m6.html"' \
    "validator: a missing plot that is not named"

if [ "$failures" -ne 0 ]; then
    echo "report page: $failures of $checks checks failed (files in $work)" >&2
else
    echo "report page: $checks checks passed (pages parsed by html5lib, strict)"
fi
cases_of "$checks" "$failures"
