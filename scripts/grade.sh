#!/bin/sh
# make grade and make test KATA=NN: builds the graded tree (the student's
# kata, ASan + UBSan), then runs the grader.  Called by mk/kata.mk:
#
#   scripts/grade.sh KATA_DIR TREE GRADER_OPTION... -- NAME=BINARY...
#
# with MAKE and GRADE_MAKE (the graded tree's make variables) in the
# environment.  Old reports go first, so a failed build leaves none.  Only
# what changed is rebuilt; a test binary that no longer builds is removed,
# so the grader reports it as no-build instead of grading the old one.
set -u
kata_dir=$1 tree=$2
shift 2
opts=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    opts="$opts $1"
    shift
done
shift
log=$kata_dir/build.log
mkdir -p "$kata_dir"
rm -f "$kata_dir/grade.json" "$kata_dir/grade.xml"
bins= names=
for pair in "$@"; do
    bins="$bins ${pair#*=}"
    names="$names ${pair%%=*}"
done
# What each kata file held when this grade began (make list and make hint
# tell a file changed since its grade by it: scripts/kata-stale.sh).
sums=$(for n in $names; do
    printf '%s\t%s\n' "$n" "$({ cksum <"kata/$n.c"; } 2>/dev/null)"
done)

# The graded tree's compiler, named: the sanitizer pass's (SAN_CC).
cc=cc
for v in $GRADE_MAKE; do
    case $v in CC=*) cc=${v#CC=} ;; esac
done
# A first build takes a while: say so, and count the files compiled (one
# line each: "  CC      file", or the command with V=1).
first=
[ -e "$tree/libengine.a" ] || first=1
[ -n "$first" ] &&
    echo "grade: first build of the graded tree ($cc, ASan + UBSan; up to a minute, less when the sanitizer pass has run); output in $log"
# The build in the foreground, so that Ctrl-C stops it (a background job
# of a script ignores SIGINT); the counter is what runs in the background.
if [ -n "$first" ] && [ -t 1 ]; then
    while :; do
        printf '\r  %d files compiled' "$(grep -c '^  CC \| -c ' "$log" 2>/dev/null)"
        sleep 1
    done &
    counter=$!
    trap 'kill $counter 2>/dev/null' EXIT
fi
{
    $MAKE --no-print-directory $GRADE_MAKE "$tree/bin/grade" \
        $(for n in $names; do echo "$tree/cases/$n.cases"; done) &&
        $MAKE --no-print-directory -k $GRADE_MAKE $bins
} >"$log" 2>&1
built=$?
if [ -n "${counter:-}" ]; then
    kill "$counter" 2>/dev/null
    printf '\n'
fi
if [ ! -x "$tree/bin/grade" ]; then
    echo "grade: the grader itself did not build (see $log)" >&2
    exit 2
fi
if [ "$built" != 0 ]; then
    for b in $bins; do
        $MAKE -q --no-print-directory $GRADE_MAKE "$b" 2>/dev/null || rm -f "$b"
    done
fi
# shellcheck disable=SC2086 # the options are words
"$tree/bin/grade" $opts --build-log "$log" "$@"
rc=$?
# The sums of this grade's exercises replace their old lines.
graded=$kata_dir/graded.tsv
{
    [ -f "$graded" ] && printf '%s\n' "$sums" |
        awk -F '\t' 'FNR == NR { now[$1] = 1; next } !($1 in now)' - "$graded"
    printf '%s\n' "$sums"
} >"$graded.tmp" && mv "$graded.tmp" "$graded"
exit $rc
