#!/bin/sh
# Before a graded kata is linked: the student's object may define, as
# globals, only what the reference solution defines (the functions of the
# exercise's header), each of the same kind, and may register no
# constructor or destructor of its own.  Otherwise a kata could replace a
# function of the harness or of cmocka (the executable's definition wins
# over a shared library's) or run code before the tests start.
#
#   scripts/kata-check.sh KATA_OBJECT SOLUTION_OBJECT KATA_SOURCE
#
# Exit 0, or 1 with a compiler-style "file: error: ..." line per problem.
set -eu
obj=$1 sol=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
globals() { nm -g --defined-only "$1" | awk 'NF == 3 { print $3, $2 }' | sort; }
globals "$sol" >"$tmp/allowed"
globals "$obj" >"$tmp/kata"
bad=0
comm -23 "$tmp/kata" "$tmp/allowed" >"$tmp/extra"
while read -r name kind; do
    if grep -q "^$name " "$tmp/allowed"; then
        echo "$src: error: '$name' must be a plain function definition (nm kind T, not $kind)"
    else
        echo "$src: error: '$name' is global, but only the exercise's own functions may be: make it static"
    fi
    bad=1
done <"$tmp/extra"
# The sanitizers' module constructors are the only ones allowed (clang's
# asan.module_ctor/dtor, gcc's _sub_I_00099_0/_sub_D_00099_0).
readelf -rW "$obj" | awk '
    /^Relocation section/ { in_ctor = ($3 ~ /(init|fini|preinit)_array|ctors|dtors/) ; next }
    in_ctor && NF >= 5 && $1 ~ /^[0-9a-f]+$/ { print $5 }
' | while read -r target; do
    case $target in
    .text.asan.module_ctor | .text.asan.module_dtor | asan.module_ctor | asan.module_dtor) ;;
    _sub_I_00099_* | _sub_D_00099_* | _GLOBAL__sub_I_00099_* | _GLOBAL__sub_D_00099_*) ;;
    *) echo "$src: error: it registers a constructor or destructor ($target): code that runs outside the tests is not allowed in a kata"
       exit 1 ;;
    esac
done || bad=1
exit $bad
