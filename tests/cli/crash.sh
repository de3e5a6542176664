#!/bin/sh
# Crash safety: modelreg is killed with SIGKILL in the middle of a command,
# again and again.  After every kill the registry must pass
# PRAGMA integrity_check and the invariants (lib.sh), hold at most one
# Production version (every promotion archives the others), and keep
# working.
#   crash.sh MODELREG [KILLS] [VERSIONS]
set -u
bin=$1
kills=${2:-25}
size=${3:-10000}
. "$(dirname "$0")/lib.sh"

# A big model whose versions are all in Staging: promoting one of them to
# Staging with --archive-existing-versions archives all the others in ONE
# transaction (about 170 ms for 10,000 here), so a kill within size/50 ms
# often lands in the middle of its writes.  The size is also what every
# check after a kill reads: 10,000 keeps those at about 0.1 s.  The small commands are killed at start-up, while
# loading or while committing.
mr models create --model-name m >/dev/null || exit 1
sql "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k
                             WHERE n < $size)
     INSERT INTO versions SELECT 'm', n, 1, 0 FROM k;
     INSERT INTO history(model, version, from_stage, to_stage, at_ms,
                         is_cascade)
     SELECT model, number, 0, 1, 0, 0 FROM versions;
     UPDATE models SET next_version = $size + 1;" || exit 1

rand() { # a number in [0, $1)
    echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 ))
}

# Starts one command picked at random in the background, as modelreg
# itself (not a subshell), so that the SIGKILL reaches it; sets pid and
# delay (ms before the kill).
start_command() {
    v=$(( $(rand "$size") + 1 ))
    delay=$(rand 3) big=0
    case $(rand 5) in
    0) set -- transition-version --model-name m --version $v \
           --stage staging --archive-existing-versions
       delay=$(rand $((size / 50))) big=1 ;;
    1 | 2) set -- transition-version --model-name m --version $v \
               --stage production --archive-existing-versions ;;
    3) set -- create-version --model-name m ;;
    4) set -- delete-version --model-name m --version $v ;;
    esac
    $runner "$bin" --registry "$reg" models "$@" >/dev/null 2>&1 &
    pid=$!
}

# Runs until $kills commands were killed before they finished (a kill that
# comes too late still counts as an attempt), at most 4 x $kills attempts.
interrupted=0 i=0 cascades_cut=0
while [ $interrupted -lt "$kills" ] && [ $i -lt $((4 * kills)) ]; do
    start_command
    sleep "$(printf '0.%03d' "$delay")"
    if kill -KILL $pid 2>/dev/null; then
        wait $pid 2>/dev/null
        if [ $? -eq 137 ]; then
            interrupted=$((interrupted + 1))
            cascades_cut=$((cascades_cut + big))
        fi
    else
        wait $pid 2>/dev/null
    fi
    bad=$(invariants "$reg" | head -5)
    [ -z "$bad" ] || fail "after kill $((i + 1)): $bad"
    p=$(sql "SELECT count(*) FROM versions WHERE stage = 2")
    [ "$p" -le 1 ] || fail "after kill $((i + 1)): $p versions in Production"
    s=$(sql "SELECT count(*) FROM versions WHERE stage = 1")
    [ "$s" = 1 ] || [ "$s" -ge $((size / 2)) ] ||
        fail "after kill $((i + 1)): $s versions in Staging: half a cascade"
    mr models get-version --model-name m --version 1 >/dev/null ||
        fail "after kill $((i + 1)): the registry no longer works"
    case_end
    i=$((i + 1))
done
moves=$(sql "SELECT count(*) - $size FROM history") # minus the set-up
[ $interrupted -ge "$kills" ] ||
    fail "only $interrupted of $i commands were killed before they finished"
echo "crash: $i SIGKILLs, $interrupted mid-command ($cascades_cut during a" \
     "$size-version cascade); $moves transitions committed; integrity and" \
     "invariants checked after each: $failures failures"
cases_report
[ "$failures" -eq 0 ]
