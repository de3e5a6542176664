#!/bin/sh
# The class view's bad input (tests/class/bad_input.tsv): each bad file is
# named with its reason and skipped, the view still comes out from the good
# files, nothing in the folder changes (checksums and stamps before and
# after), an output folder inside it is refused, and an empty folder, a
# missing one or one without a usable file give a clear message and exit 1
# (2 when it cannot be read).
#
#   tests/class/bad_input.sh GRADE WORKDIR
set -eu
grade=$1 work=$2
here=$(dirname "$0")
. "$here/../lib.sh"
fails=0
fail() { echo "class: $*" >&2; fails=$((fails + 1)); }
run() { $RUNNER "$grade" --class "$@"; }

rm -rf "$work"
mkdir -p "$work"
python3 "$here/gen.py" "$work/good" "$work/good.json" 2
G=$work/good/s000/grade.json Q=$work/good/s000/quiz.json
export G Q
in=$work/in
mkdir -p "$in"
cp -r "$work/good/s000" "$in/aaa"
cp -r "$work/good/s001" "$in/aab"
# A third student whose report holds markup and a terminal escape: they
# must come out as text, never as markup or an escape.
HOSTILE="<script>alert('x')</script> & \"q\" $(printf '\033')[31m"
export HOSTILE
mkdir -p "$in/aac"
python3 - "$G" "$in/aac/grade.json" <<'PY'
import json, os, sys
g = json.load(open(sys.argv[1]))
g["run_id"] += "-aac"
e = g["exercises"][0]
e["status"], e["first_failure"] = "fail", os.environ["HOSTILE"]
e["cases"][0] = {"name": os.environ["HOSTILE"], "status": "fail",
                 "message": os.environ["HOSTILE"]}
g["score"] = sum(x["status"] == "pass" for x in g["exercises"])
json.dump(g, open(sys.argv[2], "w"))
PY
rows=0
while IFS= read -r line; do
    case $line in '#'*|'') continue ;; esac
    file=${line%% | *} rest=${line#* | }
    cmd=${rest%% | *} reason=${rest#* | }
    mkdir -p "$(dirname "$in/$file")"
    sh -c "$cmd" >"$in/$file"
    rows=$((rows + 1))
done <"$here/bad_input.tsv"
mkfifo "$in/a-fifo.json"

snapshot() { (cd "$in" && find . -exec stat -c '%n %s %Y %i %a' {} + | sort &&
             find . -type f -exec sha1sum {} + | sort); }
snapshot >"$work/before"
one_check; run "$in" --out "$work/out" >"$work/stdout" 2>"$work/stderr" || fail "exit $? with two good students (want 0)"
snapshot >"$work/after"
one_check; cmp -s "$work/before" "$work/after" || fail "the class folder changed: $(diff "$work/before" "$work/after" | head -5)"

while IFS= read -r line; do
    case $line in '#'*|'') continue ;; esac
    file=${line%% | *} rest=${line#* | }
    reason=${rest#* | }
    [ "$file" = a/b/c/d/e/grade.json ] && file=a/b/c/d/e
    one_check; grep -F "skipped $in/$file: " "$work/stderr" | grep -qF -- "$reason" ||
        fail "$file: not named with '$reason'; stderr says: $(grep -F "$in/$file" "$work/stderr" || echo nothing)"
done <"$here/bad_input.tsv"
one_check; grep -qF "skipped $in/a-fifo.json: not a regular file" "$work/stderr" || fail "a fifo is not named as not a regular file"
named=$(grep -c '^class: skipped ' "$work/stderr" || true)
one_check; [ "$named" -eq $((rows + 1)) ] || fail "$named files named as skipped, want $((rows + 1)): $(cat "$work/stderr")"
one_check; grep -q '^class: .*: 3 students, 3 grade reports, 2 quiz reports' "$work/stdout" ||
    fail "the view is not from the three good students: $(head -1 "$work/stdout")"
one_check; ! grep -q "$(printf '\033')" "$work/stdout" || fail "a student's terminal escape reached the terminal"
one_check; python3 "$here/check_html.py" "$work/out/section.html" --text "${HOSTILE% *}" >/dev/null ||
    fail "section.html is not a valid fragment with the student's text escaped"
one_check; grep -qF '<script>' "$work/out/section.html" && fail "a student's <script> reached section.html unescaped"
for f in class.json class.svg class.png section.html; do
    one_check; [ -s "$work/out/$f" ] || fail "$f was not written"
done
one_check; python3 - "$work/out/class.json" "$rows" <<'PY' || fail "class.json does not list the skipped files"
import json, sys
c = json.load(open(sys.argv[1]))
sys.exit(0 if len(c["skipped"]) == int(sys.argv[2]) + 1 and c["students"] == 3 else 1)
PY

# The folder is only read: an output folder inside it is refused.
one_check; if run "$in" --out "$in/aaa/out" >/dev/null 2>"$work/inside"; then
    fail "an output folder inside the class folder was accepted"
fi
one_check; grep -q 'inside the class folder' "$work/inside" || fail "no clear message for --out inside DIR: $(cat "$work/inside")"
snapshot >"$work/after2"
one_check; cmp -s "$work/before" "$work/after2" || fail "the refused --out changed the class folder"

# Nothing usable: a clear message, exit 1, no view.
expect_exit() { # WANT DIR MESSAGE
    set +e; run "$2" --out "$work/none" >/dev/null 2>"$work/msg"; rc=$?; set -e
    one_check; [ "$rc" = "$1" ] || fail "$2: exit $rc, want $1"
    one_check; grep -qF -- "$3" "$work/msg" || fail "$2: no '$3' on stderr: $(cat "$work/msg")"
}
mkdir -p "$work/empty" "$work/junk"
cp "$in/foreign.json" "$in/empty.json" "$work/junk/"
expect_exit 1 "$work/empty" "is empty"
expect_exit 1 "$work/junk" "no usable report"
expect_exit 2 "$work/missing" "cannot read the folder"
one_check; [ ! -e "$work/none/class.json" ] || fail "a view was written without a usable report"
set +e; run >/dev/null 2>"$work/msg"; rc=$?; set -e
one_check; [ "$rc" = 2 ] || fail "--class without DIR: exit $rc, want 2"
set +e; run "$in" --colour x >/dev/null 2>"$work/msg"; rc=$?; set -e
one_check; [ "$rc" = 2 ] && grep -qi usage "$work/msg" || fail "an unknown option: exit $rc, want 2 with the usage"

[ "$fails" != 0 ] ||
    echo "class: $rows bad files and a fifo named and skipped, the view written from the rest, the folder unchanged; empty, unusable and missing folders refused"
cases_of "$checks" "$fails"
