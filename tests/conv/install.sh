#!/bin/sh
# make install and make uninstall, as a packager runs them:
#
#   make install DESTDIR=$tmp PREFIX=/usr, the installed programs run (and
#   the quiz finds the installed bank from any directory, never the
#   working directory's), then make uninstall leaves no file behind.
#
# And the build tree's quiz finds its bank from any directory too.
#
#   MAKE=make tests/conv/install.sh BIN_DIR
set -u
. "$(dirname "$0")/../lib.sh"
bin=$(cd "$1" && pwd)
version=$(sed -n 's/^#define KIT_VERSION "\(.*\)"$/\1/p' include/prog.h)
tmp=$(mktemp -d /tmp/conv-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest root=$tmp/dest/usr elsewhere=$tmp/elsewhere
mkdir -p "$dest" "$elsewhere/quiz"
failed=0 checks=0
check() {
    what=$1
    shift
    checks=$((checks + 1))
    "$@" || { failed=$((failed + 1)); echo "install: FAILED: $what" >&2; }
}
m() { ${MAKE:-make} --no-print-directory "$@"; }
# run PROGRAM ARG...: from $elsewhere, without STAGEKIT_QUIZ_BANK.
run() (
    cd "$elsewhere" && env -u STAGEKIT_QUIZ_BANK ${RUNNER:-} "$@" \
        </dev/null >"$tmp/out" 2>"$tmp/err"
)
out_has() { grep -q -F -e "$1" "$tmp/out"; }
err_has() { grep -q -F -e "$1" "$tmp/err"; }

# A decoy: a bank in the working directory that must never be read.
printf 'not a bank\n' >"$elsewhere/quiz/bank.txt"
cp "$elsewhere/quiz/bank.txt" "$elsewhere/bank.txt"

# --- the build tree ----------------------------------------------------------
run "$bin/quiz" --keys
check "the build's quiz finds quiz/bank.txt from another directory" \
    grep -q '^[A-D]\(,[A-D]\)*$' "$tmp/out"

# --- install -------------------------------------------------------------------
check "make install DESTDIR PREFIX=/usr succeeds" \
    sh -c "${MAKE:-make} --no-print-directory install DESTDIR='$dest' PREFIX=/usr >'$tmp/install.log' 2>&1"
for f in bin/modelreg bin/quiz; do
    check "$f is installed, executable" test -x "$root/$f"
done
for f in share/stagekit/bank.txt share/man/man1/modelreg.1 share/man/man1/quiz.1; do
    check "$f is installed, not executable" \
        sh -c "test -f '$root/$f' && ! test -x '$root/$f'"
done
check "the installed bank is quiz/bank.txt" cmp -s quiz/bank.txt "$root/share/stagekit/bank.txt"
check "nothing is installed outside DESTDIR/usr" \
    sh -c "[ -z \"\$(find '$dest' -mindepth 1 -maxdepth 1 ! -name usr)\" ]"

for p in modelreg quiz; do
    run "$root/bin/$p" --version
    check "the installed $p --version prints $version" out_has " $version"
done
run "$root/bin/modelreg" --registry "$tmp/r.db" models create --model-name m
check "the installed modelreg creates a model" test -s "$tmp/r.db"

run "$root/bin/quiz" --review
check "the installed quiz reads the installed bank, from another directory" \
    out_has "Review of $root/bin/../share/stagekit/bank.txt"
run "$root/bin/quiz" --keys
cp "$tmp/out" "$tmp/keys.installed"
STAGEKIT_QUIZ_BANK=$elsewhere/bank.txt
export STAGEKIT_QUIZ_BANK
(cd "$elsewhere" && ${RUNNER:-} "$root/bin/quiz" --keys </dev/null >"$tmp/out" 2>"$tmp/err")
rc=$?
check "STAGEKIT_QUIZ_BANK names the bank (exit 3 for this non-bank)" [ "$rc" = 3 ]
check "STAGEKIT_QUIZ_BANK's bank is the one read" err_has "$elsewhere/bank.txt"
STAGEKIT_QUIZ_BANK=
(cd "$elsewhere" && ${RUNNER:-} "$root/bin/quiz" --keys </dev/null >"$tmp/out" 2>"$tmp/err")
check "an empty STAGEKIT_QUIZ_BANK counts as unset" cmp -s "$tmp/out" "$tmp/keys.installed"
unset STAGEKIT_QUIZ_BANK

mv "$root/share/stagekit/bank.txt" "$tmp/bank.moved"
run "$root/bin/quiz" --keys
rc=$?
check "without its installed bank the quiz exits 3, not reading ./quiz/bank.txt" [ "$rc" = 3 ]
check "... and says which bank is missing" err_has "$root/bin/../share/stagekit/bank.txt"
mv "$tmp/bank.moved" "$root/share/stagekit/bank.txt"

check "the installed man page renders" \
    sh -c "MANWIDTH=80 man -l '$root/share/man/man1/quiz.1' 2>/dev/null | grep -q '^QUIZ(1)'"

# --- uninstall -------------------------------------------------------------------
check "make uninstall succeeds" \
    sh -c "${MAKE:-make} --no-print-directory uninstall DESTDIR='$dest' PREFIX=/usr >'$tmp/uninstall.log' 2>&1"
left=$(find "$dest" ! -type d)
check "make uninstall leaves no file (left: $left)" [ -z "$left" ]
check "make uninstall removes share/stagekit" test ! -e "$root/share/stagekit"
check "a second make uninstall is no error" \
    sh -c "${MAKE:-make} --no-print-directory uninstall DESTDIR='$dest' PREFIX=/usr >/dev/null 2>&1"

# --- the default PREFIX ------------------------------------------------------------
m -n install DESTDIR="$dest" >"$tmp/dry" 2>&1
check "PREFIX defaults to /usr/local" grep -q -F "$dest/usr/local/bin" "$tmp/dry"

if [ "$failed" -gt 0 ]; then
    echo "install: $failed of $checks checks FAILED (logs: make install/uninstall output above)" >&2
    cat "$tmp/install.log" >&2 2>/dev/null
else
    echo "install: $checks checks passed (DESTDIR, PREFIX=/usr, the installed quiz finds its bank, uninstall leaves no file)"
fi
cases_of "$checks" "$failed"
