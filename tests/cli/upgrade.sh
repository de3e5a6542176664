#!/bin/sh
# A registry of schema 1 (modelreg 0.1.0, before aliases), made with the DDL
# that release ran (schema_v1.sql) and rows as it wrote them.  Read-only
# commands leave it exactly as it is and see no aliases; a failing write
# leaves it as it is; the first write command upgrades it in place, in its
# own transaction, and every row survives.
#   upgrade.sh MODELREG
set -u
bin=$1
here=$(dirname "$0")
. "$here/lib.sh"

{
    cat "$here/schema_v1.sql"
    cat <<'SQL'
INSERT INTO models VALUES ('fraud_detector', 3, 1700000000100),
  ('my_model', 4, 1700000000000);
INSERT INTO versions VALUES ('fraud_detector', 1, 3, 1700000000100),
  ('fraud_detector', 2, 2, 1700000000100), ('my_model', 1, 3, 1700000000000),
  ('my_model', 2, 2, 1700000000000), ('my_model', 3, 1, 1700000000000);
INSERT INTO history(model, version, from_stage, to_stage, at_ms, is_cascade,
                    cause) VALUES
  ('fraud_detector', 1, 0, 2, 1700000000000, 0, NULL),
  ('fraud_detector', 2, 0, 1, 1700000000000, 0, NULL),
  ('my_model', 1, 0, 3, 1700000000000, 0, NULL),
  ('my_model', 2, 0, 2, 1700000000000, 0, NULL),
  ('my_model', 3, 0, 1, 1700000000000, 0, NULL),
  ('fraud_detector', 1, 2, 3, 1700000000100, 1, 2),
  ('fraud_detector', 2, 1, 2, 1700000000100, 0, NULL);
SQL
} | sqlite3 -batch "$reg" >/dev/null || { echo "upgrade: no fixture" >&2; exit 1; }

rows() {
    sql "SELECT * FROM models; SELECT * FROM versions;
         SELECT seq, model, version, from_stage, to_stage, at_ms, is_cascade,
                cause FROM history WHERE seq <= 7 ORDER BY seq;"
}
sqlite3 "$reg" .dump >"$dir/v1.sql"
cp "$reg" "$dir/v1.db"
rows >"$dir/rows.v1"

# expect CODE ARGS...: runs modelreg on the registry; the exit status must
# be CODE.
expect() {
    want=$1
    shift
    mr "$@" >"$dir/out" 2>"$dir/err"
    rc=$?
    [ "$rc" = "$want" ] || fail "exit $rc, not $want: modelreg $* ($(cat "$dir/err"))"
    case_end
}

unchanged() {
    sqlite3 "$reg" .dump >"$dir/now.sql"
    cmp -s "$dir/v1.sql" "$dir/now.sql" || fail "the .dump changed: $1"
    cmp -s "$dir/v1.db" "$reg" || fail "the file changed: $1"
    [ "$(sql 'PRAGMA user_version')" = 1 ] || fail "upgraded by: $1"
    case_end
}

# Read-only commands work, see no aliases and write nothing.
for args in "models list" "models list --json" "models history" \
    "models history --json --model-name my_model" "models dispatch" \
    "models get-version --model-name my_model --version 2" \
    "models resolve models:/my_model/Production" \
    "models migrate-stages --dry-run"; do
    # shellcheck disable=SC2086
    expect 0 $args
    unchanged "$args"
done
mr models list >"$dir/list.v1"
mr models history >"$dir/history.v1"
grep -q "my_model              2  Production  2023-11-14 22:13:20.000$" \
    "$dir/list.v1" || fail "list of a schema-1 file: $(cat "$dir/list.v1")"
case_end
expect 1 models get-version --model-name my_model --alias champion
grep -q "Registered model alias champion not found." "$dir/err" ||
    fail "a schema-1 file has aliases? $(cat "$dir/err")"
case_end
unchanged "get-version --alias"
mr models migrate-stages --dry-run >"$dir/out" 2>&1
grep -q "would: my_model@champion -> v2" "$dir/out" ||
    fail "migrate-stages --dry-run on schema 1: $(cat "$dir/out")"
case_end

# A failing write command leaves schema 1 behind: the upgrade is part of
# the command's transaction.
expect 1 models set-alias --model-name my_model --alias champion --version 9
unchanged "a failing set-alias"
expect 1 models create --model-name my_model
unchanged "a failing create"
expect 2 models set-alias --model-name my_model --alias latest --version 2
unchanged "a usage error"

# The first write command upgrades, and every row survives.
expect 0 models set-alias --model-name my_model --alias champion --version 2
[ "$(sql 'PRAGMA user_version')" = 2 ] || fail "set-alias did not upgrade"
case_end
rows >"$dir/rows.v2"
cmp -s "$dir/rows.v1" "$dir/rows.v2" ||
    fail "rows changed in the upgrade: $(diff "$dir/rows.v1" "$dir/rows.v2")"
case_end
mr models list >"$dir/list.v2"
sed 's/^\(my_model              2  Production  .*\)$/\1  champion/' \
    "$dir/list.v1" >"$dir/list.want"
cmp -s "$dir/list.want" "$dir/list.v2" ||
    fail "list after the upgrade: $(diff "$dir/list.want" "$dir/list.v2")"
case_end
mr models history >"$dir/history.v2"
head -n 8 "$dir/history.v2" | cmp -s "$dir/history.v1" - ||
    fail "the old history is not the upgraded one's first lines"
case_end
grep -q "^    8  .*my_model v2           alias champion set$" \
    "$dir/history.v2" || fail "no alias line 8: $(cat "$dir/history.v2")"
case_end

# An upgraded file has the schema of a new one.
# (a write command creates the file; a read command would not)
$runner "$bin" --registry "$dir/fresh.db" models set-policy --one-per-stage off \
    >/dev/null
sqlite3 "$reg" .schema >"$dir/schema.upgraded"
sqlite3 "$dir/fresh.db" .schema >"$dir/schema.fresh"
cmp -s "$dir/schema.upgraded" "$dir/schema.fresh" ||
    fail "upgraded and new schemas differ:
$(diff "$dir/schema.upgraded" "$dir/schema.fresh")"
case_end
[ "$(sql 'PRAGMA journal_mode')" = wal ] || fail "no longer WAL"
case_end

# ...and goes on working: migration, a move, a delete with its version.
expect 0 models migrate-stages
expect 0 models transition-version --model-name my_model --version 3 \
    --stage production --archive-existing-versions
expect 0 models set-alias --model-name my_model --alias champion --version 3
expect 0 models delete-version --model-name my_model --version 3
[ "$(sql "SELECT count(*) FROM aliases WHERE model = 'my_model'")" = 0 ] ||
    fail "the aliases of a deleted version are still stored"
case_end
bad=$(invariants "$reg")
[ -z "$bad" ] || fail "invariants after the upgrade: $bad"
case_end

echo "upgrade from schema 1: $failures failures"
cases_report
[ "$failures" -eq 0 ]
