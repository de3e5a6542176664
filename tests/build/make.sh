#!/bin/sh
# make tells the truth (issue 13), after the build make test runs (the
# GOALs: all, and what the suite needs besides):
#   - make -q exits 0, and make -n lists nothing;
#   - every object is compiled from one source, with its dependency file;
#   - a header make is told is new rebuilds every object whose source
#     includes it, the fuzzers' objects too, and relinks what uses them.
# Told with -W, not touched: the other steps of the suite run meanwhile.
#
#   tests/build/make.sh GOAL...     (MAKE and MAKEFLAGS from make)
set -u
. "$(dirname "$0")/../lib.sh"
make=${MAKE:-make}
dir=$(mktemp -d "${TMPDIR:-/tmp}/make-truth.XXXXXX")
trap 'rm -rf "$dir"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    printf 'make-truth: %s\n' "$*" >&2
    failed=$((failed + 1))
}

# A line per command make would run, V=1 (the commands themselves), its
# continued lines joined.
plan() {
    $make --no-print-directory -s -n V=1 "$@" 2>&1 |
        sed -e ':a' -e '/\\$/N; s/\\\n//; ta'
}

if $make --no-print-directory -q "$@"; then ok; else
    bad "make -q exits $? after a complete build of $*"
fi
plan "$@" >"$dir/again"
if [ -s "$dir/again" ]; then
    bad "make -n lists commands after a complete build:
$(head -n 5 "$dir/again")"
else ok; fi

# What the goals are built from: "OBJECT SOURCE" for each compile, and
# each link's output.
plan -B "$@" >"$dir/all"
awk '/ -c / { for (i = 1; i < NF; i++) if ($i == "-o") print $(i + 1), $NF }' \
    "$dir/all" >"$dir/objects"
awk '!/ -c / { for (i = 1; i < NF; i++) if ($i == "-o") print $(i + 1) }' \
    "$dir/all" >"$dir/links"
for goal in "$@"; do
    [ "$goal" = all ] && continue
    # A fuzzer (or any goal besides all) that compiles its sources while
    # it links has no dependency files: its headers are listed by hand.
    if awk -v g="$goal" '$1 == g' "$dir/links" | grep -q . &&
        ! grep -q -- "-o $goal .*\.c\( \|$\)" "$dir/all"; then ok; else
        bad "$goal is not linked from objects"
    fi
done
if grep -- ' -c ' "$dir/all" | grep -qv -- '-MMD -MP'; then
    bad "compiled without -MMD -MP: $(grep -- ' -c ' "$dir/all" |
        grep -v -- '-MMD -MP' | head -n 1)"
else ok; fi

# Each header the sources include: its users' objects recompile, and
# something relinks.
for h in include/*.h; do
    name=${h#include/}
    awk '{ print $2 }' "$dir/objects" | sort -u |
        xargs grep -l -F "#include \"$name\"" 2>/dev/null >"$dir/users"
    [ -s "$dir/users" ] || continue
    plan -W "$h" "$@" >"$dir/plan"
    # The users' objects that the plan does not compile.
    missing=$(awk '
        FILENAME == ARGV[1] { user[$0] = 1; next }
        FILENAME == ARGV[2] { if ($2 in user) need[$1] = 1; next }
        / -c / { for (i = 1; i < NF; i++) if ($i == "-o") made[$(i + 1)] = 1 }
        END { for (o in need) if (!(o in made)) printf " %s", o }' \
        "$dir/users" "$dir/objects" "$dir/plan")
    if [ -n "$missing" ]; then
        bad "a newer $h does not rebuild:$missing"
    elif ! grep -v -- ' -c ' "$dir/plan" | grep -q -- ' -o '; then
        bad "a newer $h relinks nothing"
    else ok; fi
done

echo "make-truth: $passed checks passed, $failed failed"
cases_line "$passed" "$failed"
[ "$failed" -eq 0 ]
