#!/bin/sh
# Before a graded kata is linked, three rules, so that a kata cannot
# replace a function of the harness or of cmocka (the executable's
# definition wins over a shared library's), run code before the tests
# start, or read files at compile time into the grade:
#
# 1. Its source, preprocessed (KATA_CPP, e.g. "clang -Iinclude -E"), may
#    include only the system's headers and the kit's (include/), and its
#    own lines may use no asm, no __attribute__ and no pragma: exercise
#    code needs none, and they are how code gets into .init, an ifunc
#    resolver or a constructor's section, or a file into the binary.
# 2. Its object defines, as globals, exactly what the reference solution
#    defines (the functions of the exercise's header), each of the same
#    kind: a helper must be static, and a misspelt function is named.
# 3. It registers no constructor or destructor but the sanitizers' own.
# 4. Its object has only the sections a compiler makes of C (code, data,
#    debug information, the sanitizers'), and no ifunc: rules 1 and 3 see
#    the usual ways to run code before main(), this one the rest (.init,
#    .preinit_array, a resolver), whatever the source did to hide them.
# 0. First of all, it is a file of its own: not a symbolic link (to
#    solutions/, say).
#
#   scripts/kata-check.sh KATA_OBJECT SOLUTION_OBJECT KATA_SOURCE
#
# Exit 0, or 1 with a compiler-style "file: error: ..." line per problem.
set -eu
obj=$1 sol=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

if [ -L "$src" ]; then
    echo "$src: error: it is a symbolic link: a kata must be a file of its own"
    exit 1
fi

# Where a preprocessor line marker's file really is: the system's headers
# and the kit's are trusted (no asm there); the kata itself, by any path,
# is the kata; anything else may not be included.
kind_of() {
    case $1 in '<'*) echo trusted; return ;; esac
    real=$(realpath -e -- "$1" 2>/dev/null) || { echo bad; return; }
    case $real in
    "$kata_real") echo kata ;;
    /usr/include/* | /usr/lib/gcc/* | /usr/lib/llvm-*/*) echo trusted ;;
    "$kit_include"/*) echo trusted ;;
    *) echo bad ;;
    esac
}

if [ -n "${KATA_CPP:-}" ]; then
    kata_real=$(realpath -e -- "$src")
    kit_include=$(realpath -e include)
    # A #line (or "# N file") would give the kata's lines a trusted name.
    # Spelt with a line splice, a digraph, a trigraph or a comment it gets
    # past this test, and rule 4 still sees what it was for.
    if sed -e ':a' -e '/\\$/{N;s/\\\n//;ba' -e '}' -e 's/%:/#/g; s/??=/#/g' \
        -e 's|/\*[^*]*\*/||g' "$src" |
        grep -qE '^[[:space:]]*#[[:space:]]*(line([^[:alnum:]_]|$)|[0-9])'; then
        echo "$src: error: #line directives are not allowed in a kata"
        bad=1
    fi
    # shellcheck disable=SC2086 # KATA_CPP is a command line
    $KATA_CPP "$src" >"$tmp/pre.i" 2>/dev/null || true
    sed -n 's/^# [0-9][0-9]* "\(.*\)".*/\1/p' "$tmp/pre.i" | sort -u >"$tmp/files"
    : >"$tmp/trusted"
    while IFS= read -r f; do
        case $(kind_of "$f") in
        trusted) printf '%s\n' "$f" >>"$tmp/trusted" ;;
        bad) echo "$src: error: it includes $f: a kata may include only the system's headers and the kit's (include/)"
             bad=1 ;;
        esac
    done <"$tmp/files"
    awk '
        FNR == NR { trusted[$0] = 1; next }
        /^# [0-9]+ "/ {
            file = $0; sub(/^# [0-9]+ "/, "", file); sub(/".*$/, "", file)
            next
        }
        !(file in trusted) && (/^[ \t]*#[ \t]*pragma/ ||
            /(^|[^A-Za-z0-9_])(asm|__asm|__asm__|__attribute__|__attribute|_Pragma)([^A-Za-z0-9_]|$)/) {
            if (!warned++)
                print "error"
        }
    ' "$tmp/trusted" "$tmp/pre.i" >"$tmp/source"
    if [ -s "$tmp/source" ]; then
        echo "$src: error: asm, __attribute__ and pragmas are not allowed in a kata: exercise code needs none"
        bad=1
    fi
fi

globals() { nm -g --defined-only "$1" | awk 'NF == 3 { print $3, $2 }' | sort; }
globals "$sol" >"$tmp/allowed"
globals "$obj" >"$tmp/kata"
comm -23 "$tmp/allowed" "$tmp/kata" >"$tmp/missing"
comm -23 "$tmp/kata" "$tmp/allowed" >"$tmp/extra"
# The globals it defines that the exercise does not, for the message of a
# missing one (the grade shows the first line only).
others=$(awk '{ printf "%s'\''%s'\''", (NR > 1 ? ", " : ""), $1 }' "$tmp/extra")
while read -r name kind; do
    grep -q "^$name " "$tmp/kata" && continue # there, of another kind: below
    if [ -n "$others" ]; then
        echo "$src: error: '$name' is missing: the exercise must define it (see its header in include/); it defines $others instead: a misspelt name?"
    else
        echo "$src: error: '$name' is missing: the exercise must define it (see its header in include/; a misspelt name?)"
    fi
    bad=1
done <"$tmp/missing"
while read -r name kind; do
    if grep -q "^$name " "$tmp/allowed"; then
        echo "$src: error: '$name' must be a plain function definition (nm kind T, not $kind)"
    else
        echo "$src: error: '$name' is global, but only the exercise's own functions may be: make it static (or, if it is one of them, check its spelling)"
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
# Rule 4: the sections, by name, and no symbol of type IFUNC.
readelf -SW "$obj" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\).*/\1/p' |
    sed 's/^\.rela\././' | while read -r sec; do
    case $sec in
    "" | .text | .text.* | .rodata | .rodata.* | .data | .data.* | .bss | .bss.* | \
        .init_array | .init_array.* | .fini_array | .fini_array.* | \
        .symtab | .strtab | .shstrtab | .comment | .eh_frame | .group | \
        .note.GNU-stack | .note.gnu.property | .debug_* | .llvm_addrsig | \
        asan_globals | .ARM.* | __llvm_prf_*) ;;
    *) echo "$src: error: its object has a section $sec, which C code does not make: code that runs outside the tests is not allowed in a kata"
       exit 1 ;;
    esac
done || bad=1
if readelf -sW "$obj" | awk '$4 == "IFUNC" { found = 1 } END { exit !found }'; then
    echo "$src: error: it defines an ifunc, whose resolver runs before main(): not allowed in a kata"
    bad=1
fi
exit $bad
