#!/bin/sh
# Installs the Debian packages stagekit needs.
#   scripts/deps.sh              install whatever is missing
#   scripts/deps.sh --if-missing same, but silent when nothing is missing
#   scripts/deps.sh --list       print the package list
# As root it runs apt-get; otherwise sudo (non-interactively); otherwise it
# prints the exact command to run and fails.
set -eu

PACKAGES="make gcc g++ pkg-config clang libclang-rt-14-dev \
libcmocka-dev libbenchmark-dev libsqlite3-dev sqlite3 gnuplot-nox \
valgrind python3 python3-html5lib man-db groff-base bsdextrautils jq"

missing() {
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
            grep -q 'install ok installed' || printf '%s ' "$p"
    done
}

case "${1:-}" in
--list) echo $PACKAGES; exit 0 ;;
--if-missing) quiet=1 ;;
"") quiet= ;;
*) echo "usage: $0 [--if-missing|--list]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps: this is not a Debian system; install the equivalents of: $PACKAGES" >&2
    exit 1
fi

todo=$(missing)
if [ -z "$todo" ]; then
    [ -n "$quiet" ] || echo "deps: all packages are installed"
    exit 0
fi

# apt-get's own output goes to a log (V=1: on the screen); one line here.
log=${DEPS_LOG:-$(dirname "$0")/../build/logs/deps.log}
mkdir -p "$(dirname "$log")"
if [ "${V:-}" = 1 ]; then echo "deps: installing $todo"
else echo "deps: installing $todo(apt-get's output in $log)"; fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "deps: missing packages and no root rights; run:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y $todo" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt() {
    if [ "${V:-}" = 1 ]; then $as_root apt-get "$@"
    else $as_root apt-get "$@" >>"$log" 2>&1; fi
}
: >"$log"
# A fresh machine may have empty package lists: update only when needed.
if ! apt install -y --no-install-recommends $todo; then
    apt update
    apt install -y --no-install-recommends $todo
fi
todo=$(missing)
if [ -n "$todo" ]; then
    tail -n 20 "$log" >&2
    echo "deps: still missing after apt-get: $todo (the whole log: $log)" >&2
    exit 1
fi
