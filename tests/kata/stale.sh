#!/bin/sh
# scripts/kata-stale.sh: a kata file whose contents differ from those its
# last grade began with is stale (make list says "changed since", make
# hint regrades); the same contents with a new or an old mtime are not,
# and neither is an exercise never graded.
#
#   tests/kata/stale.sh
set -eu
stale=$PWD/scripts/kata-stale.sh
dir=$(mktemp -d /tmp/kata-stale.XXXXXX)
. "$(dirname "$0")/../lib.sh"
trap 'cases_at_exit $? "${checks:-0}"; rm -rf "$dir"' EXIT
checks=0
expect() { # WANT WHAT: kata-stale.sh prints WANT
    got=$(cd "$dir" && "$stale" k | tr '\n' ' ')
    [ "$got" = "$1" ] || { echo "kata-stale: $2: got '$got', expected '$1'" >&2; exit 1; }
    checks=$((checks + 1))
}
mkdir "$dir/kata" "$dir/k"
echo 'graded' >"$dir/kata/01_a.c"
echo 'never graded' >"$dir/kata/02_b.c"
expect "" "no grade yet"
printf '01_a\t%s\n' "$(cksum <"$dir/kata/01_a.c")" >"$dir/k/graded.tsv"
expect "" "as graded"
touch -d '2001-01-01' "$dir/kata/01_a.c"
expect "" "as graded, an old mtime"
echo 'changed' >"$dir/kata/01_a.c"
touch -d '2001-01-01' "$dir/kata/01_a.c"
expect "01_a " "changed, an old mtime (git checkout, cp -p)"
echo 'graded' >"$dir/kata/01_a.c"
expect "" "changed back"
rm "$dir/kata/01_a.c"
expect "01_a " "deleted"
echo "kata-stale: $checks checks passed"
