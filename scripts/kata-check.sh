#!/bin/sh
# Before a graded kata is linked, these rules, so that a kata cannot
# replace a function of the harness or of cmocka (the executable's
# definition wins over a shared library's), run code before the tests
# start, reach the harness or the sanitizers, or read files at compile
# time into the grade:
#
# 0. It is a file of its own: not a symbolic link (to solutions/, say).
# 1. Its source, preprocessed (KATA_CPP: the compiler and every flag of
#    the kata's compile, with -E, so that the check sees what the compile
#    sees, `#if __has_feature(address_sanitizer)` included), may include
#    only the system's headers and the kit's (include/), and its own
#    lines may use no asm, no __attribute__ and no pragma: exercise code
#    needs none.  Its lines are found by the line markers, and a marker
#    of its own (a #line however spelt) is refused; with gcc, whose -dI
#    marks nothing, a forged "enter a header" marker is not seen.  A
#    teaching check: the rules below see what these are for in what was
#    compiled, however the source hid them.
# 2. Its object defines, as globals, exactly what the reference solution
#    defines (the functions of the exercise's header), each of the same
#    kind: a helper must be static, and a misspelt function is named.
# 3. It registers no constructor or destructor but the sanitizers' own,
#    and nothing but the sanitizers' functions sits in their sections.
# 4. Its object has only the sections a compiler makes of C (code, data,
#    debug information, the sanitizers') and no ifunc; and its code, as
#    the compiler makes it (KATA_CC with -S -emit-llvm), holds no asm,
#    in a function or at file scope (.init code, .incbin), and no frame
#    intrinsic (clang only: gcc writes assembly, where #APP marks asm).
# 5. It calls only what exercise code needs: the kit's functions (those
#    the objects in KATA_ALLOW_OBJS define), the reference solution's
#    calls, the C library's string, character, memory, number and
#    printing functions, and the sanitizers' instrumentation.  Not the
#    harness (lesson_limit), cmocka (_skip), the sanitizers' controls
#    (__lsan_disable), processes, descriptors, signals, jumps, atexit or
#    the unwinder.
#
#   scripts/kata-check.sh KATA_OBJECT SOLUTION_OBJECT KATA_SOURCE
#
# KATA_CPP, KATA_CC and KATA_ALLOW_OBJS come from the environment (rules
# 1, 4 and 5 are skipped without them: tests/kata/check.sh sets them).
# Every compiler run has stdin from /dev/null, 60 s and 4 GiB
# (scripts/limit.sh).  Exit 0, or 1 with a compiler-style
# "file: error: ..." line per problem.
set -eu
asm= frames= line_bad=
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
    # -dI: clang writes each #include it follows as a line ending in a
    # comment, which no text of the kata can print (-E drops comments).
    # shellcheck disable=SC2086 # KATA_CPP is a command line
    scripts/limit.sh $KATA_CPP -dI "$src" >"$tmp/pre.i" 2>/dev/null || true
    # The same test on what the preprocessor made of it, however spelt: a
    # line marker that names another file without entering it (flag 1,
    # right after an #include clang followed) or returning to its parent
    # (flag 2, the file below on the stack) is a #line of the kata's.
    # shellcheck disable=SC2086 # KATA_CPP is a command line
    clang=$(scripts/limit.sh $KATA_CPP -dM -x c /dev/null 2>/dev/null | grep -c '__clang__' || :)
    awk -v clang="$clang" '
        /^#(include|import|include_next) .*\/\* clang -E -dI \*\/$/ { incl = 1; next }
        /^# [0-9]+ "/ {
            f = $0; sub(/^# [0-9]+ "/, "", f); sub(/".*$/, "", f)
            flags = $0; sub(/^# [0-9]+ "[^"]*"/, "", flags)
            if (n == 0) { main = f; stack[++n] = f; pre = 1; next }
            # The compiler'"'"'s preamble: <built-in>, <command line> (gcc
            # enters stdc-predef.h there), until it names the kata again.
            if (pre) {
                if (f == main && seen) { pre = 0; n = 1; stack[1] = main }
                seen = seen || f ~ /^</
                next
            }
            if (flags ~ /(^| )1( |$)/) {
                if (clang > 0 && !incl && f !~ /^<(built-in|command line)>$/) bad = 1
                stack[++n] = f
            } else if (flags ~ /(^| )2( |$)/) {
                if (n < 2 || stack[n - 1] != f) bad = 1
                else n--
            } else if (f != stack[n]) bad = 1
            incl = incl && flags !~ /1/ # the marker after #include: same file
            next
        }
        NF { incl = 0 }
        END { exit !bad }
    ' "$tmp/pre.i" && line_bad=1
    if [ -n "$line_bad" ]; then
        echo "$src: error: #line directives are not allowed in a kata"
        bad=1
    fi
    # (gcc with -g names the working directory in a marker: "dir//".)
    sed -n 's/^# [0-9][0-9]* "\(.*\)".*/\1/p' "$tmp/pre.i" | grep -v '//$' |
        sort -u >"$tmp/files" || :
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
        # Words in string and character literals are text, not code; asm
        # is a word of C11 (a variable may be called so) unless it starts
        # a statement.
        {
            code = ""; rest = $0 # the leftmost literal first, either kind
            while (match(rest, /"([^"\\]|\\.)*"|'"'"'([^'"'"'\\]|\\.)*'"'"'/)) {
                code = code substr(rest, 1, RSTART - 1) "0"
                rest = substr(rest, RSTART + RLENGTH)
            }
            code = code rest
        }
        !(file in trusted) && (code ~ /^[ \t]*#[ \t]*pragma/ ||
            code ~ /(^|[^A-Za-z0-9_])(__attribute__|__attribute|_Pragma)([^A-Za-z0-9_]|$)/ ||
            code ~ /(^|[^A-Za-z0-9_])(asm|__asm|__asm__)[ \t]*(\(|volatile|__volatile|goto|inline)/) {
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
# A relocation against a section (gcc's ".text + 857") names the function
# at that offset in it.
readelf -SW "$obj" | sed -n 's/^ *\[ *\([0-9]*\)\] \([^ ]*\).*/\1 \2/p' >"$tmp/secs"
readelf -sW "$obj" | awk '$4 == "FUNC" && $7 ~ /^[0-9]+$/ { print $7, $2, $8 }' >"$tmp/funcs"
readelf -rW "$obj" | awk '
    FILENAME == ARGV[1] { sec[$1] = $2; next }
    FILENAME == ARGV[2] { v = $2; sub(/^0+/, "", v); if (v == "") v = "0"
                          at[sec[$1] " " v] = $3; next }
    /^Relocation section/ { in_ctor = ($3 ~ /(init|fini|preinit)_array|ctors|dtors/) ; next }
    in_ctor && NF >= 5 && $1 ~ /^[0-9a-f]+$/ {
        key = $5 " " (NF >= 7 && $6 == "+" ? $7 : "")
        print (key in at) ? at[key] : $5
    }
' "$tmp/secs" "$tmp/funcs" - | while read -r target; do
    case $target in
    .text.asan.module_ctor | .text.asan.module_dtor | asan.module_ctor | asan.module_dtor) ;;
    _sub_I_00099_* | _sub_D_00099_* | _GLOBAL__sub_I_00099_* | _GLOBAL__sub_D_00099_*) ;;
    *) echo "$src: error: it registers a constructor or destructor ($target): code that runs outside the tests is not allowed in a kata"
       exit 1 ;;
    esac
done || bad=1
# Rule 3, the sections: the sanitizers' constructor sections hold the
# sanitizers' functions only (a kata's own function placed there would
# pass the relocation test above).
awk 'FNR == NR { name[$1] = $2; next }
     name[$1] ~ /asan\.module_|_sub_I_00099|_sub_D_00099/ &&
     $3 !~ /^(asan\.module_(ctor|dtor)|_GLOBAL__sub_[ID]_00099_.*|_sub_[ID]_00099_.*)$/ {
         print $3; exit }' "$tmp/secs" "$tmp/funcs" >"$tmp/intruder"
# gcc names its sanitizer constructor and destructor as a C function may
# be named (_sub_I_00099_1): one of each per object, no more.
awk '$3 ~ /^(_GLOBAL_)?_sub_I_00099_/ { i++ } $3 ~ /^(_GLOBAL_)?_sub_D_00099_/ { d++ }
     END { if (i > 1 || d > 1) print "a second _sub_I_/_sub_D_ function" }' \
    "$tmp/funcs" >>"$tmp/intruder"
if [ -s "$tmp/intruder" ]; then
    echo "$src: error: its function $(head -n 1 "$tmp/intruder") sits in (or is named like) a sanitizer's constructor: code that runs outside the tests is not allowed in a kata"
    bad=1
fi

# Rule 4: the sections, by name, and no symbol of type IFUNC.
awk '{ print $2 }' "$tmp/secs" | sed 's/^\.rela\././' | while read -r sec; do
    case $sec in
    "" | .text | .text.* | .rodata | .rodata.* | .data | .data.* | .bss | .bss.* | \
        .tbss | .tbss.* | .tdata | .tdata.* | \
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
# Rule 4, the code: asm in the compiler's own rendering of it.
if [ -n "${KATA_CC:-}" ]; then
    # shellcheck disable=SC2086 # KATA_CC is a command line
    scripts/limit.sh $KATA_CC -S -emit-llvm -o "$tmp/k.ll" "$src" 2>/dev/null || :
    if head -n 1 "$tmp/k.ll" 2>/dev/null | grep -q '^; ModuleID'; then
        # LLVM IR (clang).  A call's callee comes before any string
        # constant on its line.
        grep -qE '^module asm |(^|[^"a-z_])(call|invoke|callbr)[^"]* asm ' "$tmp/k.ll" && asm=1
        # Frames read or changed by hand: __builtin_frame_address and its
        # kin let a kata return from the test as if it had run.
        grep -qE '@llvm\.(frameaddress|returnaddress|addressofreturnaddress|sponentry|eh\.sjlj\.)' \
            "$tmp/k.ll" && frames=1
    else # gcc reads -emit-llvm as "-e mit-llvm" and writes assembly, which
        # marks asm with #APP; frames leave no mark there
        grep -q '^[[:space:]]*#APP' "$tmp/k.ll" 2>/dev/null && asm=1
    fi
    if [ -n "$asm" ]; then
        echo "$src: error: its code holds asm (in a function or at file scope), however the source spells it: exercise code needs none"
        bad=1
    fi
    if [ -n "$frames" ]; then
        echo "$src: error: its code reads or changes stack frames (__builtin_frame_address, __builtin_return_address, __builtin_setjmp): exercise code needs none"
        bad=1
    fi
fi

# Rule 5, the calls.
if [ -n "${KATA_ALLOW_OBJS:-}" ]; then
    # shellcheck disable=SC2086 # a list of files
    { nm -g --defined-only $KATA_ALLOW_OBJS 2>/dev/null | awk 'NF == 3 { print $3 }'
      nm -u "$sol" | awk '{ print $2 }'
      tr -s ' \n' '\n\n' <<'LIBC'
memchr memcmp bcmp memcpy memmove memset memrchr strcat strchr strcmp strcoll
strcpy strcspn strdup strlen strncat strncmp strncpy strndup strnlen
strpbrk strrchr strspn strstr strtok strtok_r strcasecmp strncasecmp
strerror stpcpy stpncpy strsep strcasestr memmem mempcpy strchrnul
rawmemchr strverscmp asprintf vasprintf getopt getopt_long optind optarg
opterr optopt
isalnum isalpha isblank iscntrl isdigit isgraph islower isprint ispunct
isspace isupper isxdigit tolower toupper __ctype_b_loc __ctype_tolower_loc
__ctype_toupper_loc
malloc calloc realloc reallocarray free abs labs llabs div ldiv lldiv qsort
bsearch strtol strtoll strtoul strtoull strtod strtof strtold strtoimax
strtoumax atoi atol atoll atof abort exit rand srand
printf fprintf sprintf snprintf vprintf vfprintf vsprintf vsnprintf puts
fputs putchar fputc putc fwrite fflush perror stdout stderr sscanf
__isoc99_sscanf __printf_chk __fprintf_chk __sprintf_chk __snprintf_chk
__vsnprintf_chk __vfprintf_chk __memcpy_chk __memmove_chk __memset_chk
__strcpy_chk __strncpy_chk __strcat_chk __strncat_chk __stpcpy_chk
__errno_location __assert_fail __stack_chk_fail _GLOBAL_OFFSET_TABLE_ __tls_get_addr
fabs floor ceil sqrt pow log log2 exp fmin fmax round lround
time clock clock_gettime
LIBC
    } | sort -u >"$tmp/callable"
    nm -u "$obj" | awk '{ print $2 }' | sort -u |
        comm -23 - "$tmp/callable" |
        grep -vE '^__(asan_(report_|load|store|init$|version_mismatch_check_|register_|unregister_|option_detect_stack_use_after_return$|stack_malloc_|stack_free_|mem(cpy|move|set)$|handle_no_return$|shadow_memory_dynamic_address$|set_shadow_|alloca_poison$|allocas_unpoison$|before_dynamic_init$|after_dynamic_init$)|ubsan_handle_)' \
        >"$tmp/uncallable" || true
    libc=$(ldd "$(command -v ls)" 2>/dev/null | awk '/libc\.so/ { print $3 }')
    while read -r name; do
        if [ -n "$libc" ] && nm -D --defined-only "$libc" 2>/dev/null | awk '{ sub(/@.*/, "", $3); print $3 }' | grep -qx -- "$name"; then
            echo "$src: error: it calls '$name', which is not on the list of what a kata may call (the kit's functions, and the C library's string, character, memory, number and printing functions listed in scripts/kata-check.sh)"
        else
            echo "$src: error: it calls '$name', which is defined nowhere: a misspelt name (see the headers in include/), or a helper declared but not defined (a C99 inline function needs static inline)"
        fi
        bad=1
    done <"$tmp/uncallable"
fi
exit $bad
