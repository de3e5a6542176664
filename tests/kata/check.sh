#!/bin/sh
# scripts/kata-check.sh against objects built here: the reference solution
# passes; a kata that replaces a cmocka function, exports a helper,
# registers a constructor or turns an exercise function into an ifunc is
# refused, each with its own message.
#
#   tests/kata/check.sh CC
set -eu
cc=$1
dir=$(mktemp -d /tmp/kata-check.XXXXXX)
trap 'rm -rf "$dir"' EXIT
flags="-Iinclude -D_POSIX_C_SOURCE=200809L -std=c11 -fsanitize=address,undefined -c"
$cc $flags -o "$dir/sol.o" solutions/05_dispatch.c
scripts/kata-check.sh "$dir/sol.o" "$dir/sol.o" kata/05_dispatch.c ||
    { echo "kata-check: the reference solution was refused" >&2; exit 1; }
checks=1
refused() { # NAME SOURCE WANT: SOURCE, appended to the solution, is refused
    cat solutions/05_dispatch.c >"$dir/$1.c"
    printf '%s\n' "$2" >>"$dir/$1.c"
    $cc $flags -o "$dir/$1.o" "$dir/$1.c" 2>"$dir/$1.cc" ||
        { echo "kata-check: $1 does not compile: $(cat "$dir/$1.cc")" >&2; exit 1; }
    if scripts/kata-check.sh "$dir/$1.o" "$dir/sol.o" kata/05_dispatch.c >"$dir/$1.out"; then
        echo "kata-check: $1 was not refused" >&2
        exit 1
    fi
    grep -q -- "$3" "$dir/$1.out" ||
        { echo "kata-check: $1: expected '$3' in: $(cat "$dir/$1.out")" >&2; exit 1; }
    checks=$((checks + 1))
}
refused interpose '#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
int _cmocka_run_group_tests(const char *g, const struct CMUnitTest *const t,
    const size_t n, CMFixtureFunction s, CMFixtureFunction d)
{ (void)g; (void)t; (void)n; (void)s; (void)d; return 0; }' \
    "'_cmocka_run_group_tests' is global"
refused helper 'int helper(int x); int helper(int x) { return x; }' \
    "'helper' is global, but only the exercise's own functions may be: make it static"
refused ctor '__attribute__((constructor)) static void early(void) {}' \
    "registers a constructor or destructor"
echo "kata-check: $checks checks passed"
