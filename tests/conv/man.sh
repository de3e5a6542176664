#!/bin/sh
# The man pages (man/*.1) render with `man -l` without a single groff
# warning, and stay in step with the programs: every option that
# `quiz --help` lists is in quiz(1); every command of `modelreg models
# --help`, and every option of each command's --help, is in modelreg(1);
# every page's EXIT STATUS lists out of memory.
#
#   tests/conv/man.sh BIN_DIR
set -u
. "$(dirname "$0")/../lib.sh"
bin=$1
tmp=$(mktemp -d /tmp/conv-man.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failed=0 checks=0
fail() { failed=$((failed + 1)); echo "man: $*" >&2; }

# The page as text, one long line per paragraph (no hyphenation: .nh).
render() { MANWIDTH=1000 man -l "$1" 2>"$tmp/man.err" | col -b; }

# Every --word of a help text (on stdin).
flags() { grep -o -- '--[a-z][a-z-]*' | sort -u; }

# in_page PAGE_TEXT WORD WHERE: one check that WORD is in the page.
in_page() {
    checks=$((checks + 1))
    grep -q -F -e "$2" "$1" || fail "$3: '$2' is not in the man page"
}

for page in man/*.1; do
    checks=$((checks + 1))
    groff -man -Tutf8 -ww -z "$page" 2>"$tmp/groff.err"
    [ -s "$tmp/groff.err" ] && fail "$page: groff warns: $(head -n 3 "$tmp/groff.err")"
    name=$(basename "$page" .1)
    render "$page" >"$tmp/$name.txt"
    checks=$((checks + 1))
    NAME=$(echo "$name" | tr a-z A-Z)
    grep -q "^$NAME(1)" "$tmp/$name.txt" && ! [ -s "$tmp/man.err" ] ||
        fail "$page: man -l does not render it: $(head -n 3 "$tmp/man.err")"
done

for f in $("$bin/quiz" --help | flags); do
    in_page "$tmp/quiz.txt" "$f" "quiz --help lists $f"
done

"$bin/modelreg" models --help >"$tmp/models.txt"
commands=$(sed -n '/^Commands:/,$ s/^  \([a-z][a-z-]*\)  .*/\1/p' "$tmp/models.txt")
checks=$((checks + 1))
[ -n "$commands" ] || fail "modelreg models --help lists no commands"
for f in $("$bin/modelreg" --help | flags); do
    in_page "$tmp/modelreg.txt" "$f" "modelreg --help lists $f"
done
"$bin/modelreg" --help >"$tmp/top.txt"
for c in $(sed -n '/^Commands:/,$ s/^  \([a-z][a-z-]*\)  .*/\1/p' "$tmp/top.txt"); do
    [ "$c" = models ] && continue
    in_page "$tmp/modelreg.txt" "$c" "modelreg --help lists $c"
    for f in $("$bin/modelreg" "$c" --help | flags); do
        in_page "$tmp/modelreg.txt" "$f" "modelreg $c --help lists $f"
    done
done
for c in $commands; do
    in_page "$tmp/modelreg.txt" "$c" "modelreg models --help lists $c"
    for f in $("$bin/modelreg" models "$c" --help | flags); do
        in_page "$tmp/modelreg.txt" "$f" "modelreg models $c --help lists $f"
    done
done

# Every page's EXIT STATUS lists out of memory (include/prog.h).
nomem=$(sed -n 's/^#define PROG_EXIT_NOMEM \([0-9]*\)$/\1/p' include/prog.h)
[ -n "$nomem" ] || fail "no PROG_EXIT_NOMEM in include/prog.h"
for page in man/*.1; do
    checks=$((checks + 1))
    sed -n '/^EXIT STATUS/,/^[A-Z]/p' "$tmp/$(basename "$page" .1).txt" |
        grep -q -E "^ +$nomem +Out of memory" ||
        fail "$page: EXIT STATUS does not list $nomem, out of memory"
done

if [ "$failed" -gt 0 ]; then
    echo "man: $failed of $checks checks FAILED" >&2
else
    echo "man: $checks checks passed (man/*.1 render without warnings; every option and command is documented)"
fi
cases_of "$checks" "$failed"
