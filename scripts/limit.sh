#!/bin/sh
# Runs a command over a student's file with stdin from /dev/null, at most
# 60 s of wall time and 4 GiB of address space, so that an
# `#include "/dev/stdin"` or a macro that expands without end cannot hang
# the grader or exhaust the machine (kata-check.sh, the kata's compile).
#   scripts/limit.sh COMMAND [ARG]...
ulimit -v 4194304 2>/dev/null || true
timeout -k 5 60 "$@" </dev/null
rc=$?
[ $rc -ne 124 ] && [ $rc -ne 137 ] ||
    echo "error: $1 ran out of its 60 s on a kata: an #include that never ends, or a macro that expands without end?" >&2
exit $rc
