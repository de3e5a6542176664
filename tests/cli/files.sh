#!/bin/sh
# The registry file and its surroundings: read commands on a registry the
# user cannot write (a read-only file, a read-only directory), a full disk,
# a damaged file, and `modelreg check`.  Permissions are tested as an
# unprivileged user (root bypasses them): as root through runuser or
# setpriv to nobody; without either, those cases are SKIPPED, and say so.
#   files.sh MODELREG
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$(dirname "$0")/lib.sh"
chmod 755 "$dir"

# as_user CMD...: runs CMD as a user without root's bypass of permissions.
as_user() {
    if [ "$(id -u)" != 0 ]; then "$@"
    elif command -v setpriv >/dev/null; then
        setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
    else runuser -u nobody -- "$@"; fi
}
can_drop() {
    [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null ||
        command -v runuser >/dev/null
}

# expect CODE TEXT CMD...: one case, that CMD exits CODE and TEXT is in
# what it printed.  Every other check below ends its case with case_end.
expect() {
    code=$1 text=$2
    shift 2
    "$@" >"$dir/out" 2>"$dir/err"
    rc=$?
    [ "$rc" = "$code" ] || fail "exit $rc, not $code: $* ($(cat "$dir/err"))"
    cat "$dir/out" "$dir/err" | grep -qF -- "$text" ||
        fail "\"$text\" not printed by: $*
$(cat "$dir/out" "$dir/err")"
    case_end
}

ro=$dir/ro
mkdir "$ro"
$runner "$bin" --registry "$ro/reg.db" models demo >/dev/null ||
    fail "cannot set up the registry"
case_end
if can_drop; then
    # A read-only file in a directory the user can write.
    chmod 777 "$ro"
    chmod 444 "$ro/reg.db"
    expect 0 "my_model" as_user $runner "$bin" --registry "$ro/reg.db" models list
    expect 1 "cannot be written" as_user $runner "$bin" --registry "$ro/reg.db" \
        models create --model-name x
    # A read-only directory, with the log the last writer left...
    chmod 555 "$ro"
    expect 0 "my_model" as_user $runner "$bin" --registry "$ro/reg.db" \
        models get-version --model-name my_model --version 3
    # ...and without it (a registry checkpointed by another program).
    chmod 755 "$ro"
    sqlite3 "$ro/reg.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    rm -f "$ro/reg.db-wal" "$ro/reg.db-shm"
    chmod 555 "$ro"
    expect 0 "my_model" as_user $runner "$bin" --registry "$ro/reg.db" models list
    expect 0 "ok:" as_user $runner "$bin" --registry "$ro/reg.db" check
    [ -e "$ro/reg.db-wal" ] && fail "a reader created a log in a read-only directory"
    case_end
    chmod 755 "$ro"
    chmod 644 "$ro/reg.db"
else
    echo "SKIPPED: read-only file and directory (root, and no setpriv or runuser to drop it)"
fi

# A full disk: a file size limit makes every write past it fail (EFBIG),
# as a full disk does (ENOSPC); a cascade of 3000 archives writes past it.
big=$dir/big.db
$runner "$bin" --registry "$big" models create --model-name m >/dev/null
sqlite3 "$big" "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 3000)
    INSERT INTO versions SELECT 'm', n, 2, 0 FROM k;
    UPDATE models SET next_version = 3002; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
sqlite3 "$big" .dump >"$dir/big.before"
size=$(( $(wc -c <"$big") / 512 + 8 ))
( trap '' XFSZ; ulimit -f "$size"
  exec $runner "$bin" --registry "$big" models transition-version --model-name m \
      --version 1 --stage Production --archive-existing-versions ) \
    >"$dir/out" 2>"$dir/err"
rc=$?
[ "$rc" = 1 ] || fail "a write past the size limit exited $rc: $(cat "$dir/err")"
grep -qF "a write failed (a file size limit" "$dir/err" ||
    fail "a write past the size limit says: $(cat "$dir/err")"
sqlite3 "$big" .dump >"$dir/big.after"
cmp -s "$dir/big.before" "$dir/big.after" || fail "a failed write changed the registry"
case_end

# A really full disk: a small tmpfs (root only).
full=$dir/full
mkdir "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=320k tmpfs "$full" 2>/dev/null; then
    trap 'umount "$full" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
    cp "$big" "$full/reg.db"
    expect 1 "the disk is full" $runner "$bin" --registry "$full/reg.db" \
        models transition-version --model-name m --version 1 \
        --stage Production --archive-existing-versions
    sqlite3 "$full/reg.db" .dump >"$dir/full.after" 2>&1
    cmp -s "$dir/big.before" "$dir/full.after" ||
        fail "a full disk changed the registry"
    case_end
    umount "$full"
else
    echo "SKIPPED: a full tmpfs (needs root and mount)"
fi

# A damaged file: its pages garbled after the header.
bad=$dir/bad.db
$runner "$bin" --registry "$bad" models demo >/dev/null
sqlite3 "$bad" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$bad-wal" "$bad-shm"
expect 0 "ok:" $runner "$bin" --registry "$bad" check
dd if=/dev/urandom of="$bad" bs=1024 seek=5 count=20 conv=notrunc 2>/dev/null
cp "$bad" "$dir/bad.orig"
expect 1 "the registry is damaged" $runner "$bin" --registry "$bad" check
expect 1 "run \`modelreg check\`" $runner "$bin" --registry "$bad" models list
expect 1 "run \`modelreg check\`" $runner "$bin" --registry "$bad" \
    models transition-version --model-name my_model --version 3 --stage None
cmp -s "$bad" "$dir/bad.orig" || fail "a command wrote to the damaged registry"
case_end
# A truncated file.
head -c 20000 "$dir/bad.orig" >"$bad"
expect 1 "damaged" $runner "$bin" --registry "$bad" check

# The kit's invariants: a stage that its history does not explain.
sqlite3 "$reg" 'SELECT 1' >/dev/null 2>&1
$runner "$bin" --registry "$reg" models demo >/dev/null
sql "UPDATE versions SET stage = 3 WHERE model = 'my_model' AND number = 3"
expect 1 "my_model v3: stage 3 is not its last history line's" \
    $runner "$bin" --registry "$reg" check
cases_report
[ "$failures" -eq 0 ]
