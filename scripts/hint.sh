#!/bin/sh
# make hint [KATA=NN] [LEVEL=n], make solution KATA=NN: the hint ladder.
#
#   scripts/hint.sh KATA_DIR [NN] [LEVEL]
#   scripts/hint.sh --solution NN
#
# Hints are kata/hints/NN-L.txt, level L from 1.  make grade shows level 1
# of the exercise it names next, so the first make hint goes on from
# level 2.  Without NN the exercise is worked out afresh: the first one
# that does not pass, regrading first when a kata file changed since the
# last grade.  The level reached is kept in KATA_DIR/hint-NN.
set -eu
if [ "${1:-}" = --solution ]; then
    nn=${2:-}
    f=$(ls solutions/"$nn"_*.c 2>/dev/null | head -n 1)
    [ -n "$nn" ] && [ -n "$f" ] || { echo "usage: make solution KATA=NN" >&2; exit 2; }
    if [ ! -t 0 ]; then
        echo "solution: not without a terminal to ask on" >&2
        exit 2
    fi
    printf 'Show the reference solution of exercise %s? You learn more by finishing it: try make hint first. [y/N] ' "$nn"
    read -r answer || answer=
    case $answer in y|Y|yes) cat "$f" ;; *) echo "solution: not shown" ;; esac
    exit 0
fi
kata_dir=$1 nn=${2:-} level=${3:-}
status=$kata_dir/status.tsv

# The first exercise that does not pass, from a status file that no kata
# file changed since (regrading when one did: scripts/kata-stale.sh).
current() {
    fresh=1
    [ -f "$status" ] || fresh=
    [ -n "$fresh" ] && [ -n "$(scripts/kata-stale.sh "$kata_dir")" ] && fresh=
    if [ -z "$fresh" ]; then
        echo "hint: grading first, to find where you are (make grade)..." >&2
        ${MAKE:-make} --no-print-directory -s grade >/dev/null 2>&1 || true
    fi
    awk -F '\t' 'FNR == NR { st[$1] = $2; next }
                 /^#/ || NF < 2 { next }
                 st[$1] != "pass" { print substr($1, 1, 2); exit }' \
        "$status" kata/exercises.tsv 2>/dev/null
}

if [ -z "$nn" ]; then
    nn=$(current)
    if [ -z "$nn" ]; then
        echo "hint: every exercise passes; nothing to hint at."
        exit 0
    fi
fi
if [ ! -f "kata/hints/$nn-1.txt" ]; then
    echo "hint: no hints for exercise $nn (make list shows them all)" >&2
    exit 2
fi
last=$(ls kata/hints/"$nn"-*.txt | wc -l)
state=$kata_dir/hint-$nn
mkdir -p "$kata_dir"
if [ -z "$level" ]; then
    seen=$(cat "$state" 2>/dev/null || echo 0)
    # make grade printed level 1 for this exercise: go on from there.
    shown=$(awk -F '\t' -v e="$nn" 'substr($1, 1, 2) == e { print $5 }' "$status" 2>/dev/null)
    [ "$seen" -lt 1 ] && [ "${shown:-0}" = 1 ] && seen=1
    level=$((seen + 1))
fi
case $level in ''|*[!0-9]*) level=1 ;; esac
[ "$level" -ge 1 ] || level=1
[ "$level" -le "$last" ] || level=$last
echo "hint $level of $last for kata/$nn:"
echo
sed 's/^/  /' "kata/hints/$nn-$level.txt"
echo
if [ "$level" -lt "$last" ]; then
    echo "(make hint KATA=$nn shows the next level)"
else
    echo "(that was the last level; make hint KATA=$nn LEVEL=1 starts again)"
fi
echo "$level" >"$state"
