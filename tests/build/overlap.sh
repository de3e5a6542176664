#!/bin/sh
# make test builds the optimised and the sanitizer trees at once: no file
# may be written by both builds, except those made once before them.
#
#   tests/build/overlap.sh "PLAIN_ARGS" "SAN_ARGS" SHARED...
#
# PLAIN_ARGS and SAN_ARGS are each build's make arguments (variables and
# goals); SHARED are the files the builds may share.
set -u
. "$(dirname "$0")/../lib.sh"
make=${MAKE:-make}
dir=$(mktemp -d "${TMPDIR:-/tmp}/overlap.XXXXXX")
trap 'rm -rf "$dir"' EXIT
plain=$1 san=$2
shift 2

# written ARGS...: the files a complete build would write, one a line.
written() {
    # shellcheck disable=SC2086 # the arguments are words
    $make --no-print-directory -s -n -B V=1 $1 2>&1 |
        grep -o -- '-o [^ ]*\|rcs [^ ]*\|mv [^ ]* [^ ;]*\|touch [^ ;]*\|ln -sfn [^ ]* [^ ;]*' |
        awk '{ print $NF }' | sort -u
}
written "$plain" >"$dir/plain"
written "$san" >"$dir/san"
printf '%s\n' "$@" | sort -u >"$dir/shared"
comm -12 "$dir/plain" "$dir/san" | comm -23 - "$dir/shared" >"$dir/both"
passed=0 failed=0
if [ ! -s "$dir/plain" ] || [ ! -s "$dir/san" ]; then
    echo "overlap: a build writes nothing? $(wc -l <"$dir/plain") and $(wc -l <"$dir/san") files" >&2
    failed=1
elif [ -s "$dir/both" ]; then
    echo "overlap: both builds write (make them once, before the builds, in the Makefile's builds rule):" >&2
    sed 's/^/  /' "$dir/both" >&2
    failed=1
else
    passed=1
    echo "overlap: the two builds write $(wc -l <"$dir/plain") and $(wc -l <"$dir/san") files; only the $# shared ones in common"
fi
cases_line "$passed" "$failed"
[ "$failed" -eq 0 ]
