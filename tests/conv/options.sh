#!/bin/sh
# Every program keeps the kit's conventions (src/prog.h, issue 13): a table
# of programs x {--help, --version, an unknown option, a near miss}.
#
#   tests/conv/options.sh BIN_DIR PROGRAMS_FILE PENDING_FILE [USAGE_TSV]
#
# --help: exit 0, text on stdout (nothing on stderr) that lists the exit
# statuses, out of memory (PROG_EXIT_NOMEM in include/prog.h) once, in
# prog_exits_help()'s words; --version: exit 0, the kit's version (KIT_VERSION in
# include/prog.h) on stdout; --bogus: exit 2, nothing on stdout, the
# option and a pointer to --help on stderr; --hepl: exit 2 and "Did you
# mean --help?".  Each run has stdin from /dev/null and a time limit, so a
# program that starts its real work instead (a benchmark, a watcher)
# fails instead of hanging.  RUNNER (valgrind) wraps each run.
set -u
. "$(dirname "$0")/../lib.sh"
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
bin=$(abs "$1") programs=$(abs "$2") pending=$(abs "$3")
usage=$(abs "${4:-/dev/null}")
[ -r "$programs" ] && [ -r "$pending" ] || { echo "options: cannot read $programs or $pending" >&2; exit 1; }
version=$(sed -n 's/^#define KIT_VERSION "\(.*\)"$/\1/p' include/prog.h)
[ -n "$version" ] || { echo "options: no KIT_VERSION in include/prog.h" >&2; exit 1; }
nomem=$(sed -n 's/^#define PROG_EXIT_NOMEM \([0-9]*\)$/\1/p' include/prog.h)
[ -n "$nomem" ] || { echo "options: no PROG_EXIT_NOMEM in include/prog.h" >&2; exit 1; }
tmp=$(mktemp -d /tmp/conv-options.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# The programs run in an empty directory: none may need the checkout.
cd "$tmp" || exit 1
failed=0 checks=0 skipped=

listed() { sed '/^#/d;/^$/d' "$1"; }

# run PROGRAM ARG: status in $rc, output in $tmp/out and $tmp/err.
run() {
    timeout 20 ${RUNNER:-} "$bin/$1" "$2" </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

fail() {
    failed=$((failed + 1))
    printf 'options: %s %s: %s (exit %s)\n' "$p" "$arg" "$1" "$rc" >&2
    sed 's/^/    stdout| /' "$tmp/out" | head -n 5 >&2
    sed 's/^/    stderr| /' "$tmp/err" | head -n 5 >&2
}

# expect WHAT CONDITION...: one check.
expect() {
    what=$1
    shift
    checks=$((checks + 1))
    "$@" || fail "$what"
}

has() { grep -q -i -- "$2" "$tmp/$1"; }
empty() { [ ! -s "$tmp/$1" ]; }

for p in $(listed "$programs"); do
    if listed "$pending" | grep -qx -- "$p"; then
        skipped="$skipped $p"
        continue
    fi
    checks=$((checks + 1))
    [ -x "$bin/$p" ] || { echo "options: $bin/$p is not built" >&2; failed=$((failed + 1)); continue; }

    arg=--help; run "$p" "$arg"
    expect "must exit 0" [ "$rc" = 0 ]
    expect "must print its help on stdout" has out "usage"
    expect "must list its exit statuses" has out "exit"
    expect "must list exit status $nomem, out of memory (prog_exits_help)" \
        grep -q -x -- "  $nomem out of memory" "$tmp/out"
    expect "must name out of memory once (prog_help adds it)" \
        [ "$(grep -c -i -- "out of memory" "$tmp/out")" = 1 ]
    expect "must print nothing on stderr" empty err

    arg=--version; run "$p" "$arg"
    expect "must exit 0" [ "$rc" = 0 ]
    expect "must print the kit's version $version on stdout" \
        grep -q -F -- " $version" "$tmp/out"
    expect "must print nothing on stderr" empty err

    arg=--bogus; run "$p" "$arg"
    expect "must exit 2 (a usage error)" [ "$rc" = 2 ]
    expect "must name the unknown option on stderr" has err "--bogus"
    expect "must point to --help on stderr" has err "$p --help"
    expect "must print nothing on stdout" empty out

    arg=--hepl; run "$p" "$arg"
    expect "must exit 2" [ "$rc" = 2 ]
    expect "must suggest --help" has err "Did you mean --help"
done

# The bad command lines of USAGE_TSV (program|arguments|status|message).
while IFS='|' read -r p args want msg; do
    case $p in ''|'#'*) continue ;; esac
    arg=$args
    # Word splitting of the arguments is meant: none holds a space.
    # shellcheck disable=SC2086
    timeout 20 ${RUNNER:-} "$bin/$p" $args </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect "must exit $want" [ "$rc" = "$want" ]
    expect "must say \"$msg\" on stderr" grep -q -F -e "$msg" "$tmp/err"
    expect "must print nothing on stdout" empty out
done <"$usage"

[ "$checks" -gt 0 ] || { echo "options: no program was checked" >&2; exit 1; }
if [ "$failed" -gt 0 ]; then
    echo "options: $failed of $checks checks FAILED" >&2
else
    echo "options: $checks checks passed${skipped:+; pending conversion (tests/conv/pending.txt):$skipped}"
fi
cases_of "$checks" "$failed"
