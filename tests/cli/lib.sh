# Shared by the modelreg shell tests.  Source it after setting `bin`.
#   RUNNER  a command that wraps modelreg (valgrind in `make memcheck`)

#   case_end      the checks since the last case_end are one case, which
#                 failed if any of them failed; cases_report prints the
#                 line scripts/suite.sh counts (tests/lib.sh)
. "$(dirname "$0")/../lib.sh"

runner=${RUNNER:-}
dir=$(mktemp -d "${TMPDIR:-/tmp}/modelreg-test.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
reg=$dir/reg.db
failures=0

# mr ARGS...: runs modelreg on the test's registry.
mr() {
    $runner "$bin" --registry "$reg" "$@"
}

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

cases_ok=0 cases_bad=0 case_mark=0
case_end() {
    if [ "$failures" -eq "$case_mark" ]; then
        cases_ok=$((cases_ok + 1))
    else
        cases_bad=$((cases_bad + 1))
    fi
    case_mark=$failures
}

# Failures after the last case_end count as one more failed case.
cases_report() {
    [ "$failures" -eq "$case_mark" ] || case_end
    cases_line "$cases_ok" "$cases_bad"
}

# sql QUERY: one answer from the registry, read with the sqlite3 shell.
sql() {
    sqlite3 -batch -cmd '.timeout 10000' "$reg" "$1"
}

# The invariants every committed state satisfies (crash and concurrency
# tests): prints one line per violation, nothing when all hold.
invariants() {
    sqlite3 -batch -cmd '.timeout 10000' "$1" "
SELECT 'integrity: ' || integrity_check FROM pragma_integrity_check
 WHERE integrity_check <> 'ok';
SELECT 'foreign key: ' || \"table\" FROM pragma_foreign_key_check;
SELECT 'version ' || model || ' v' || number || ' >= next_version'
  FROM versions JOIN models ON models.name = versions.model
 WHERE number >= next_version;
WITH last AS (SELECT model, version, to_stage, max(seq) FROM history
              GROUP BY model, version)
SELECT 'version ' || v.model || ' v' || v.number
       || ': stage differs from its last history line'
  FROM versions v LEFT JOIN last l
    ON l.model = v.model AND l.version = v.number
 WHERE v.stage <> coalesce(l.to_stage, 0);
SELECT 'history ' || seq || ': from_stage is not the previous to_stage'
  FROM (SELECT seq, from_stage, lag(to_stage, 1, 0) OVER
               (PARTITION BY model, version ORDER BY seq) AS prev
          FROM history)
 WHERE from_stage <> prev;
"
}
