#!/bin/sh
# make help stays true: every target that mk/targets.tsv names exists in
# make's database, every .PHONY target is in the table (run-* and
# stub-fails-* are the suite's steps), and make help prints one line for
# each shown target.
#
#   MAKE=make tests/conv/help.sh mk/targets.tsv
set -u
. "$(dirname "$0")/../lib.sh"
table=$1
tmp=$(mktemp -d /tmp/conv-help.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { failed=$((failed + 1)); echo "help: $*" >&2; }

# make's database, without running anything (-q: nothing is built).
${MAKE:-make} --no-print-directory -pq >"$tmp/db" 2>/dev/null
sed -n 's/^\([A-Za-z][A-Za-z0-9_-]*\):.*/\1/p' "$tmp/db" | sort -u >"$tmp/targets"
sed -n 's/^\.PHONY: //p' "$tmp/db" | tr ' ' '\n' | sed '/^$/d' |
    grep -v -e '^run-' -e '^stub-fails-' | sort -u >"$tmp/phony"
awk -F'\t' '!/^#/ && NF == 2 { print $1 }' "$table" | sort >"$tmp/listed"
one_check; [ -s "$tmp/phony" ] && [ -s "$tmp/listed" ] || fail "no targets found"

for t in $(cat "$tmp/listed"); do
    one_check; grep -qx -- "$t" "$tmp/targets" || fail "$table names '$t', which make does not know"
done
for t in $(cat "$tmp/phony"); do
    one_check; grep -qx -- "$t" "$tmp/listed" ||
        fail "'$t' is a target but not in $table: add it (a '-' description hides it)"
done
dups=$(uniq -d "$tmp/listed")
one_check; [ -z "$dups" ] || fail "$table names these twice: $dups"

one_check; ${MAKE:-make} --no-print-directory help >"$tmp/help" 2>&1 || fail "make help failed"
shown=$(awk -F'\t' '!/^#/ && NF == 2 && $2 != "-"' "$table" | wc -l)
lines=$(grep -c '^  [a-z]' "$tmp/help")
one_check; [ "$shown" -gt 0 ] && [ "$shown" = "$lines" ] ||
    fail "make help printed $lines target lines for the $shown the table shows"

[ "$failed" -gt 0 ] ||
    echo "help: make help lists $shown targets; $table and the makefiles agree"
cases_of "$checks" "$failed"
