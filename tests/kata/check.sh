#!/bin/sh
# scripts/kata-check.sh against objects built here: the reference solution
# passes; a kata that replaces a cmocka function, exports a helper,
# misspells an exercise function, registers a constructor (even in a
# section named like the sanitizer's), puts code in .init with asm, adds
# an ifunc resolver (also behind a line directive the source test misses),
# puts its own function in the sanitizer's constructor section or asm in
# its code (hidden behind #if or a trigraph splice), names a file with a
# line marker however spelt, walks stack frames, calls cmocka's
# _skip(), the sanitizers' controls or longjmp, includes a file that is
# not a header of the system or the kit, or is a symbolic link is refused,
# each with its own message.
#
#   tests/kata/check.sh CC ENGINE_LIB
set -eu
cc=$1
export KATA_ALLOW_OBJS="$2"
dir=$(mktemp -d /tmp/kata-check.XXXXXX)
. "$(dirname "$0")/../lib.sh"
trap 'cases_at_exit $? "${checks:-0}"; rm -rf "$dir"' EXIT
flags="-Iinclude -D_POSIX_C_SOURCE=200809L -std=c11 -g -fsanitize=address,undefined -c"
export KATA_CC="$cc -Iinclude -D_POSIX_C_SOURCE=200809L -std=c11 -g -fsanitize=address,undefined"
export KATA_CPP="$KATA_CC -E"
$cc $flags -o "$dir/sol.o" solutions/05_dispatch.c
scripts/kata-check.sh "$dir/sol.o" "$dir/sol.o" kata/05_dispatch.c ||
    { echo "kata-check: the reference solution was refused" >&2; exit 1; }
checks=1
# accepted NAME SOURCE: SOURCE, put before the solution, whose
# dispatch_action_for() then calls SOURCE's honest(), passes (its code is
# really compiled, not dropped as unused): words in strings, a variable
# called asm, a comment of "# 1." lines, thread-local data.
accepted() {
    printf '%s\n' "$2" >"$dir/$1.c"
    sed 's/^    return dispatch_table\[s\];/    return (void)honest(), dispatch_table[s];/' \
        solutions/05_dispatch.c >>"$dir/$1.c"
    grep -q 'honest()' "$dir/$1.c" ||
        { echo "kata-check: accepted: the solution no longer has its return line" >&2; exit 1; }
    $cc $flags -o "$dir/$1.o" "$dir/$1.c"
    nm "$dir/$1.o" | grep -q ' [bBdD] calls$' ||
        { echo "kata-check: accepted: $1's thread-local data was not compiled" >&2; exit 1; }
    scripts/kata-check.sh "$dir/$1.o" "$dir/sol.o" "$dir/$1.c" >"$dir/$1.out" ||
        { echo "kata-check: honest code ($1) was refused: $(cat "$dir/$1.out")" >&2; exit 1; }
    checks=$((checks + 1))
}
# check_refused NAME OBJECT SOURCE WANT: kata-check refuses SOURCE, whose
# object is OBJECT, with WANT in its message.
check_refused() {
    if scripts/kata-check.sh "$2" "$dir/sol.o" "$3" >"$dir/$1.out"; then
        echo "kata-check: $1 was not refused" >&2
        exit 1
    fi
    grep -q -- "$4" "$dir/$1.out" ||
        { echo "kata-check: $1: expected '$4' in: $(cat "$dir/$1.out")" >&2; exit 1; }
    checks=$((checks + 1))
}
refused() { # NAME SOURCE WANT: SOURCE, appended to the solution, is refused
    cat solutions/05_dispatch.c >"$dir/$1.c"
    printf '%s\n' "$2" >>"$dir/$1.c"
    $cc $flags -o "$dir/$1.o" "$dir/$1.c" 2>"$dir/$1.cc" ||
        { echo "kata-check: $1 does not compile: $(cat "$dir/$1.cc")" >&2; exit 1; }
    check_refused "$1" "$dir/$1.o" "$dir/$1.c" "$3"
}
accepted honest 'static const char *say(void) { return "no asm here, no __attribute__, _Pragma"; }
/*
# Plan
# 1. the empty string first
*/
static int count(void) { int asm = 3; return asm + (say()[0] == 0); }
static _Thread_local int calls;
static int honest(void) { return ++calls + count(); }'
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
    "asm, __attribute__ and pragmas are not allowed"
refused asan_section '__attribute__((constructor, section(".text.asan.module_ctor")))
static void early(void) {}' "asm, __attribute__ and pragmas are not allowed"
refused init_asm '#define EARLY __asm__(".section .init\n call early\n .previous")
static void early(void) {} EARLY;' "asm, __attribute__ and pragmas are not allowed"
refused ifunc 'static void *pick(void) { return 0; }
void fast(void) __attribute__((ifunc("pick")));' \
    "asm, __attribute__ and pragmas are not allowed"
echo 'static const char secret[] = "copied at compile time"; static const char *keep(void) { return secret; }' >"$dir/other.h"
refused include "#include \"$dir/other.h\"" "it includes $dir/other.h"
refused via_system_path '#include "/usr/include/../../proc/self/cwd/solutions/06_production.c"' \
    "it includes /usr/include/../../proc/self/cwd/solutions/06_production.c"
refused line_directive '#line 1 "include/stage.h"
static int renamed;' "#line directives are not allowed"
# Directives the line test above misses (a splice, a comment, ...) name
# the lines after them "<x>", trusted like the compiler's own: the object
# still shows .init, or the ifunc.
refused hidden_init '#/**/line 1 "<x>"
static void early(void) {}
__asm__(".pushsection .init,\"ax\",@progbits\n\tcall early\n\t.popsection");' \
    "its object has a section .init"
refused hidden_ifunc '# /* */ 1 "<x>"
static void fast(void);
static void (*pick(void))(void) { return 0; }
__attribute__((used)) static void fast(void) __attribute__((ifunc("pick")));' \
    "it defines an ifunc"
refused spliced_line '#\
line 1 "include/stage.h"
static int renamed;' "#line directives are not allowed"
# Hidden from the source test behind #if (true only under the sanitizer,
# as the compile runs) or a trigraph splice, the object or the code still
# shows it.
refused asan_named_ctor '#ifdef __has_feature
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(UNDER_ASAN) || defined(__SANITIZE_ADDRESS__)
__attribute__((constructor, section(".text.asan.module_ctor")))
static void early(void) {}
#endif' "its function early sits in (or is named like) a sanitizer's constructor"
refused hidden_incbin '#??/
line 1 "<x>"
__asm__(".section .rodata\nsecret: .incbin \"/etc/hostname\"\n.byte 0\n.text");' \
    "its code holds asm"
refused calls_skip 'void _skip(const char *const file, const int line);
static void give_up(void) { _skip("x", 1); }
void (*keep_give_up)(void) = give_up;' "it calls '_skip'"
refused calls_lsan 'void __lsan_disable(void);
static void hide(void) { __lsan_disable(); }
void (*keep_hide)(void) = hide;' "it calls '__lsan_disable'"
refused calls_unwinder '#include <setjmp.h>
static jmp_buf back;
static void jump(void) { longjmp(back, 1); }
void (*keep_jump)(void) = jump;' "it calls 'longjmp', which is not on the list"
refused comment_star_line '#/*x*y*/line 1 "/usr/include/stdio.h"
static int renamed;' "#line directives are not allowed"
# clang only (the grader's compiler): its -dI output tells a followed
# #include, and its IR shows frame intrinsics.
if $cc --version | grep -q clang; then
    refused flagged_marker '#??/
 3 "/usr/include/stdio.h" 1 3
static int renamed;' "#line directives are not allowed"
    refused multiline_marker '#/*
*/ 3 "/usr/include/stdio.h" 1 3
static int renamed;' "#line directives are not allowed"
    refused frame_walk 'static void *up(void) { return __builtin_frame_address(0); }
void *(*keep_up)(void) = up;' "reads or changes stack frames"
else # gcc names its sanitizer constructor as C may name a function
    refused second_sub_ctor 'static void _sub_I_00099_9(void) {}' \
        "named like) a sanitizer's constructor"
fi
ln -s "$PWD/solutions/05_dispatch.c" "$dir/linked.c"
check_refused linked "$dir/sol.o" "$dir/linked.c" "it is a symbolic link"
sed 's/^void dispatch_all(/void dispatch_al(/' solutions/05_dispatch.c >"$dir/misspelt.c"
$cc $flags -o "$dir/misspelt.o" "$dir/misspelt.c"
check_refused misspelt "$dir/misspelt.o" "$dir/misspelt.c" \
    "'dispatch_all' is missing: .* it defines 'dispatch_al' instead"
echo "kata-check: $checks checks passed"
