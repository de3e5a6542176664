#!/bin/sh
# make list: every exercise, its quiz question and its status from the
# last make grade, without building anything.
#
#   scripts/list.sh EXERCISES_TSV STATUS_TSV
set -eu
table=$1 status=$2
[ -f "$status" ] || status=/dev/null
stale=
for name in $(scripts/kata-stale.sh "$(dirname "$status")"); do
    stale="$stale kata/$name.c"
done
awk -F '\t' -v stale="$stale" '
    FNR == NR { st[$1] = $2; pass[$1] = $3 "/" $4; next }
    /^#/ || NF < 2 { next }
    {
        s = ($1 in st) ? st[$1] : "not graded yet"
        t = ($1 in pass) ? pass[$1] : "-"
        mark = index(stale, "kata/" $1 ".c") ? "  (changed since)" : ""
        printf "%-15s %-32s %7s  %s%s\n", $1, $2, t, s, mark
        n++; done += (s == "pass" && !mark) # a changed pass may not be one
    }
    END { printf "\n%d of %d done\n", done, n }
' "$status" "$table"
if [ "$status" = /dev/null ]; then
    echo "(no grade yet: make grade, or make test KATA=NN for one exercise)"
elif [ -n "$stale" ]; then
    echo "(some files changed since the last grade: make grade)"
fi
