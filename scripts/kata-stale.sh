#!/bin/sh
# The exercises whose kata file changed since it was last graded, one name
# a line: its contents' sum is not the one scripts/grade.sh recorded when
# that grade began (an mtime cannot tell: git checkout and cp -p set old
# ones, and any later grade of another exercise is newer).  An exercise
# never graded is not stale, only "not graded yet".
#
#   scripts/kata-stale.sh KATA_DIR
set -eu
graded=$1/graded.tsv
[ -f "$graded" ] || exit 0
while IFS="$(printf '\t')" read -r name sum; do
    [ "$({ cksum <"kata/$name.c"; } 2>/dev/null)" = "$sum" ] || printf '%s\n' "$name"
done <"$graded"
