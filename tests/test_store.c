/* modelreg end to end: commands run against a real SQLite registry in a
 * scratch directory.  What is stored, what MLflow would say, and that a
 * failed command leaves nothing behind. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "cli.h"
#include "cli_test.h"
#include "store.h"

static int setup(void **state)
{
    return cli_test_setup(state, "/tmp/test_store.XXXXXX");
}

/* Runs a command that must succeed. */
static void ok(struct cli_test *f, const char *line)
{
    int rc = cli_test_run(f, line);
    if (rc != 0)
        fail_msg("`modelreg %s` failed (%d): %s", line, rc, f->err);
}

/* One integer from the registry file, read with SQLite directly. */
static int64_t query(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t v = -1;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The stage number stored for a version, -1 if absent. */
static int64_t stored_stage(struct cli_test *f, const char *model, int version)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT stage FROM versions WHERE model = '%s' AND number = %d",
             model, version);
    return query(f->path, sql);
}

/* Everything the registry holds, as one number that changes when anything
 * does. */
static int64_t fingerprint(struct cli_test *f)
{
    return query(f->path,
                 "SELECT (SELECT total(length(name) * next_version + updated_ms) "
                 "FROM models) + (SELECT total(number * 7 + stage * 13 + "
                 "updated_ms) FROM versions) + (SELECT total(seq + version + "
                 "to_stage) FROM history) + (SELECT count(*) FROM versions) "
                 "+ (SELECT total(length(alias) * version) FROM aliases) "
                 "+ (SELECT one_per_stage FROM settings)");
}

/* --- the file ------------------------------------------------------------ */

static void a_new_path_becomes_a_registry_with_a_schema_version(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models create --model-name m");
    assert_int_equal(query(f->path, "PRAGMA user_version"), STORE_SCHEMA);
    assert_int_equal(query(f->path, "PRAGMA application_id"), STORE_APP_ID);
    ok(f, "models list");
    assert_non_null(strstr(f->out, "(no versions)"));
}

/* Whether path exists (a file of any kind). */
static bool exists(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (fp != NULL)
        fclose(fp);
    return fp != NULL;
}

static void a_read_command_creates_nothing(void **state)
{
    struct cli_test *f = *state;
    static const char *const reads[] = {
        "models list", "models get-version --model-name m --version 1",
        "models history", "models dispatch", "models resolve models:/m/1",
        "models migrate-stages --dry-run", "check"};
    char side[160];
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
        assert_int_equal(cli_test_run(f, reads[i]), 1);
        if (strstr(f->err, "does not exist; nothing was created") == NULL)
            fail_msg("`%s` on a missing registry: %s", reads[i], f->err);
        assert_false(exists(f->path));
        snprintf(side, sizeof side, "%s-wal", f->path);
        assert_false(exists(side));
        snprintf(side, sizeof side, "%s-shm", f->path);
        assert_false(exists(side));
    }
    /* An empty file is not a registry yet, and a read leaves it empty. */
    FILE *fp = fopen(f->path, "w");
    assert_non_null(fp);
    fclose(fp);
    assert_int_equal(cli_test_run(f, "models list"), 1);
    assert_non_null(strstr(f->err, "is an empty file, not yet a registry"));
    ok(f, "models create --model-name m");
}

static void a_text_file_is_refused_and_left_untouched(void **state)
{
    struct cli_test *f = *state;
    const char text[] = "shopping list: milk, eggs\n";
    char back[64] = "";
    FILE *fp = fopen(f->path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(cli_test_run(f, "models create --model-name m"), 1);
    assert_non_null(strstr(f->err, "is not a modelreg registry (not an SQLite "
                                   "database)"));
    fp = fopen(f->path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(back, sizeof back, fp));
    fclose(fp);
    assert_string_equal(back, text);
}

static void another_programs_database_is_refused(void **state)
{
    struct cli_test *f = *state;
    exec_sql(f->path, "CREATE TABLE notes(x); INSERT INTO notes VALUES (42);");
    assert_int_equal(cli_test_run(f, "models demo"), 1);
    assert_non_null(strstr(f->err, "an SQLite database of another program"));
    assert_int_equal(query(f->path, "SELECT count(*) FROM sqlite_schema"), 1);
    assert_int_equal(query(f->path, "SELECT x FROM notes"), 42);
}

static void a_newer_schema_is_refused(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    exec_sql(f->path, "PRAGMA user_version = 99");
    assert_int_equal(cli_test_run(f, "models list"), 1);
    assert_non_null(strstr(f->err, "has schema version 99, newer than this "
                                   "modelreg's 2"));
}

static void the_environment_names_the_registry(void **state)
{
    struct cli_test *f = *state;
    char *argv[] = {"modelreg", "models", "create", "--model-name", "env",
                    NULL};
    FILE *devnull = tmpfile();
    assert_non_null(devnull);
    assert_int_equal(cli_main(5, argv, f->path, devnull, devnull), 0);
    fclose(devnull);
    assert_int_equal(query(f->path, "SELECT count(*) FROM models WHERE name = "
                                    "'env'"),
                     1);
}

/* --- the quiz's scenario ------------------------------------------------- */

static void the_demo_loads_the_quizs_scenario(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    assert_int_equal(stored_stage(f, "fraud_detector", 1), STAGE_PRODUCTION);
    assert_int_equal(stored_stage(f, "fraud_detector", 2), STAGE_STAGING);
    assert_int_equal(stored_stage(f, "my_model", 3), STAGE_STAGING);
    /* ...and a second demo says so, without changing anything. */
    int64_t before = fingerprint(f);
    assert_int_equal(cli_test_run(f, "models demo"), 0);
    assert_non_null(strstr(f->out, "already in this registry"));
    assert_true(fingerprint(f) == before);
}

static void the_seeds_command_leaves_two_versions_in_production(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models transition-version --model-name my_model --version 3 "
          "--stage production");
    assert_non_null(strstr(f->out, "my_model v3: Staging -> Production"));
    assert_non_null(strstr(f->out, "MLflow allows this"));
    /* MLflow does not archive v2 without archive_existing_versions. */
    assert_int_equal(stored_stage(f, "my_model", 2), STAGE_PRODUCTION);
    assert_int_equal(stored_stage(f, "my_model", 3), STAGE_PRODUCTION);
}

static void archive_existing_versions_is_recorded_as_a_cascade(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models transition-version --model-name my_model --version 3 "
          "--stage Production --archive-existing-versions");
    assert_int_equal(stored_stage(f, "my_model", 2), STAGE_ARCHIVED);
    assert_int_equal(query(f->path, "SELECT count(*) FROM history WHERE "
                                    "is_cascade AND version = 2 AND cause = 3"),
                     1);
    ok(f, "models history --model-name my_model");
    assert_non_null(strstr(f->out, "my_model v2           Production -> "
                                   "Archived  cascade (archived by v3)"));
    /* The cascade and the promotion share one instant. */
    assert_int_equal(query(f->path, "SELECT count(DISTINCT at_ms) FROM history "
                                    "WHERE seq >= (SELECT max(seq) - 1 FROM "
                                    "history)"),
                     1);
}

static void the_policy_is_stored_and_makes_a_conflict(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models set-policy --one-per-stage on");
    ok(f, "models list");
    assert_non_null(strstr(f->out, "Policy: one version per active stage"));
    int64_t before = fingerprint(f);
    assert_int_equal(cli_test_run(f, "models transition-version "
                                     "--model-name my_model --version 3 "
                                     "--stage production"),
                     1);
    assert_non_null(strstr(f->err, "INVALID_STATE: Model Version "
                                   "(name=my_model, version=3) cannot move to "
                                   "Production: version 2 is already in "
                                   "Production"));
    assert_true(fingerprint(f) == before);
    /* The atomic one-call form is allowed under the policy. */
    ok(f, "models transition-version --model-name my_model --version 3 "
          "--stage production --archive-existing-versions");
    ok(f, "models list --json");
    assert_non_null(strstr(f->out, "{\n  \"policy\": \"one-per-stage\",\n"));
}

static void numbers_are_never_reused_after_a_delete(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models create --model-name m");
    for (int i = 1; i <= 3; i++) {
        char want[8];
        snprintf(want, sizeof want, "%d\n", i);
        ok(f, "models create-version --model-name m");
        assert_string_equal(f->out, want);
    }
    ok(f, "models delete-version --model-name m --version 1");
    ok(f, "models delete-version --model-name m --version 3");
    ok(f, "models create-version --model-name m");
    assert_string_equal(f->out, "4\n");
    assert_int_equal(
        cli_test_run(f, "models get-version --model-name m --version 3"), 1);
    assert_string_equal(f->err, "Error: RESOURCE_DOES_NOT_EXIST: Model Version "
                                "(name=m, version=3) not found\n");
}

static void get_version_speaks_mlflows_field_names(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models get-version --model-name fraud_detector --version 2 --json");
    const char *want = "{\"name\": \"fraud_detector\", \"version\": 2, "
                       "\"current_stage\": \"Staging\", "
                       "\"last_updated_timestamp\": ";
    assert_true(strncmp(f->out, want, strlen(want)) == 0);
}

static void dispatch_runs_the_seeds_loop_over_the_store(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models dispatch");
    assert_non_null(strstr(f->out, "deploy   fraud_detector v1     "
                                   "(Production)"));
    assert_non_null(strstr(f->out, "test     my_model v3           "
                                   "(Staging)"));
    assert_non_null(strstr(f->out, "5 versions: 2 deploy, 2 test, 1 "
                                   "archive."));
    ok(f, "models dispatch --json");
    assert_non_null(strstr(f->out, "\"counts\": {\n    \"deploy\": 2,\n"
                                   "    \"test\": 2,\n    \"archive\": 1,\n"
                                   "    \"versions\": 5\n  }\n}\n"));
}

static void history_is_persisted_in_order(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models transition-version --model-name fraud_detector --version 1 "
          "--stage archived");
    ok(f, "models history --json");
    assert_non_null(strstr(f->out, "{\"seq\": 6, \"name\": \"fraud_detector\", "
                                   "\"version\": 1, \"from\": \"Production\", "
                                   "\"to\": \"Archived\""));
    assert_int_equal(query(f->path, "SELECT count(*) FROM history"), 6);
    assert_int_equal(cli_test_run(f, "models history --model-name nope"), 1);
    assert_string_equal(f->err, "Error: RESOURCE_DOES_NOT_EXIST: Registered "
                                "Model with name=nope not found\n");
}

/* --- aliases (issue 11) -------------------------------------------------- */

static void an_alias_is_stored_moved_and_deleted(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models set-alias --model-name my_model --alias champion "
          "--version 2");
    assert_string_equal(f->out, "my_model@champion -> v2 (set)\n");
    ok(f, "models set-alias --model-name my_model --alias champion "
          "--version 3");
    assert_string_equal(f->out, "my_model@champion -> v3 (moved from v2)\n");
    assert_int_equal(query(f->path, "SELECT version FROM aliases WHERE "
                                    "model = 'my_model' AND alias = "
                                    "'champion'"),
                     3);
    int64_t before = fingerprint(f);
    ok(f, "models set-alias --model-name my_model --alias champion "
          "--version 3");
    assert_non_null(strstr(f->out, "already names v3; nothing changed"));
    assert_true(fingerprint(f) == before);
    ok(f, "models delete-alias --model-name my_model --alias champion");
    assert_int_equal(query(f->path, "SELECT count(*) FROM aliases"), 0);
    ok(f, "models delete-alias --model-name my_model --alias champion");
    assert_non_null(strstr(f->out, "nothing changed"));
}

static void aliases_compare_exactly_and_a_version_carries_several(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models set-alias --model-name my_model --alias champion "
          "--version 2");
    ok(f, "models set-alias --model-name my_model --alias Champion "
          "--version 2");
    ok(f, "models get-version --model-name my_model --alias Champion --json");
    assert_non_null(strstr(f->out, "\"version\": 2"));
    assert_non_null(strstr(f->out, "\"aliases\": [\"champion\", "
                                   "\"Champion\"]"));
    ok(f, "models list --model-name my_model");
    assert_non_null(strstr(f->out, "  champion, Champion\n"));
}

static void get_by_alias_is_mlflows_400_even_without_the_model(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    assert_int_equal(cli_test_run(f, "models get-version --model-name nope "
                                     "--alias a"),
                     1);
    assert_string_equal(f->err, "Error: INVALID_PARAMETER_VALUE: Registered "
                                "model alias a not found.\n");
}

static void deleting_a_version_deletes_its_aliases(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models set-alias --model-name my_model --alias test_alias "
          "--version 2");
    ok(f, "models set-alias --model-name my_model --alias keep --version 3");
    ok(f, "models delete-version --model-name my_model --version 2");
    assert_non_null(strstr(f->out, "Its alias test_alias was deleted with "
                                   "it"));
    assert_int_equal(query(f->path, "SELECT count(*) FROM aliases"), 1);
    assert_int_equal(cli_test_run(f, "models resolve "
                                     "models:/my_model@test_alias"),
                     1);
    assert_non_null(strstr(f->err, "Registered model alias test_alias not "
                                   "found."));
    ok(f, "models history --model-name my_model");
    assert_non_null(strstr(f->out, "my_model v2           alias test_alias "
                                   "deleted with its version\n"));
}

static void resolve_reads_each_uri_form(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models transition-version --model-name my_model --version 3 "
          "--stage production");
    ok(f, "models set-alias --model-name my_model --alias 2 --version 1");
    /* v2 and v3 in Production: the highest number, not the last moved. */
    ok(f, "models resolve models:/my_model/production");
    assert_non_null(strstr(f->out, "version:       3\n"));
    ok(f, "models delete-version --model-name my_model --version 3");
    ok(f, "models resolve models:/my_model/Production --json");
    assert_non_null(strstr(f->out, "\"version\": 2"));
    ok(f, "models resolve models:/my_model/1");
    assert_non_null(strstr(f->out, "current_stage: Archived\n"));
    ok(f, "models resolve models:/my_model@2");
    assert_non_null(strstr(f->out, "version:       1\n"));
    ok(f, "models resolve models:/my_model/LATEST");
    assert_non_null(strstr(f->out, "version:       2\n"));
}

static void the_history_shows_alias_changes_beside_transitions(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models set-alias --model-name fraud_detector --alias champion "
          "--version 1");
    ok(f, "models set-alias --model-name fraud_detector --alias champion "
          "--version 2");
    ok(f, "models delete-alias --model-name fraud_detector --alias champion");
    ok(f, "models history --model-name fraud_detector");
    assert_non_null(strstr(f->out, "fraud_detector v1     None -> "
                                   "Production\n"));
    assert_non_null(strstr(f->out, "fraud_detector v1     alias champion "
                                   "set\n"));
    assert_non_null(strstr(f->out, "fraud_detector v2     alias champion "
                                   "moved from v1\n"));
    assert_non_null(strstr(f->out, "fraud_detector v2     alias champion "
                                   "deleted\n"));
    ok(f, "models history --json");
    assert_non_null(strstr(f->out, "{\"seq\": 7, \"name\": "
                                   "\"fraud_detector\", \"version\": 2, "
                                   "\"alias\": \"champion\", \"event\": "
                                   "\"moved\", \"from_version\": 1"));
    /* An alias line keeps the version's stage (Staging) in both columns. */
    assert_int_equal(query(f->path, "SELECT from_stage * 10 + to_stage FROM "
                                    "history WHERE seq = 7"),
                     11);
}

static void migrate_stages_maps_production_and_staging(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models demo");
    ok(f, "models transition-version --model-name my_model --version 3 "
          "--stage production");
    int64_t before = fingerprint(f);
    ok(f, "models migrate-stages --dry-run");
    assert_non_null(strstr(f->out, "would: my_model@champion -> v3"));
    assert_non_null(strstr(f->out, "nothing was written"));
    assert_non_null(strstr(f->out, "common convention"));
    assert_true(fingerprint(f) == before);
    assert_int_equal(query(f->path, "SELECT count(*) FROM aliases"), 0);
    ok(f, "models migrate-stages");
    /* v2 and v3 in Production: champion is the highest, v3;  my_model has
     * nothing in Staging, so no challenger. */
    assert_int_equal(query(f->path, "SELECT version FROM aliases WHERE model "
                                    "= 'my_model' AND alias = 'champion'"),
                     3);
    assert_int_equal(query(f->path, "SELECT count(*) FROM aliases WHERE "
                                    "model = 'my_model'"),
                     1);
    assert_int_equal(query(f->path, "SELECT version FROM aliases WHERE model "
                                    "= 'fraud_detector' AND alias = "
                                    "'challenger'"),
                     2);
    ok(f, "models migrate-stages");
    assert_non_null(strstr(f->out, "already there"));
    assert_non_null(strstr(f->out, "0 aliases changed"));
}

/* --- the store's own promises -------------------------------------------- */

static void closing_without_commit_rolls_everything_back(void **state)
{
    struct cli_test *f = *state;
    struct store *s;
    struct registry r;
    struct kit_error err;
    uint32_t model;
    ok(f, "models create --model-name m"); /* creates the file */
    reg_init(&r);
    assert_int_equal(store_open(f->path, STORE_WRITE, &s, &err), KIT_OK);
    assert_int_equal(reg_model_create(&r, "ghost", &err), KIT_OK);
    assert_int_equal(reg_model_find(&r, "ghost", &model, &err), KIT_OK);
    assert_int_equal(store_insert_model(s, &r, model, &err), KIT_OK);
    store_close(s); /* no store_commit(): as if the command had failed */
    reg_free(&r);
    assert_int_equal(query(f->path, "SELECT count(*) FROM models"), 1);
}

static void a_transition_loads_only_what_it_can_touch(void **state)
{
    struct cli_test *f = *state;
    struct store *s;
    struct registry r;
    struct kit_error err;
    bool found = false;
    size_t n;
    ok(f, "models demo");
    reg_init(&r);
    assert_int_equal(store_open(f->path, STORE_READ, &s, &err), KIT_OK);
    /* my_model: v1 Archived, v2 Production, v3 Staging.  Moving v3 to
     * Production reads v3 and the Production versions, not v1. */
    assert_int_equal(store_load_slice(s, &r, "my_model", 3, STAGE_PRODUCTION,
                                      &found, &err),
                     KIT_OK);
    assert_true(found);
    reg_versions(&r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(reg_model_next_number(&r, 0), 4);
    store_close(s);
    reg_free(&r);
}

/* The size of the registry's write-ahead log file, -1 if there is none. */
static long long wal_bytes(const struct cli_test *f)
{
    char wal[160];
    struct stat st;
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    return stat(wal, &st) == 0 ? (long long)st.st_size : -1;
}

/* The frames a new connection finds in the log (SQLite's recovery): the
 * log column of a PASSIVE checkpoint. */
static int wal_frames(const struct cli_test *f)
{
    sqlite3 *db;
    int log = -1, copied = -1;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_wal_checkpoint_v2(db, NULL,
                                               SQLITE_CHECKPOINT_PASSIVE,
                                               &log, &copied),
                     SQLITE_OK);
    sqlite3_close(db);
    return log;
}

/* 150 transitions write about 900 frames: the log is restarted in
 * place, so the file stays near STORE_WAL_FRAMES frames, a new process
 * finds fewer than that, and nothing a restart wrote changed the data. */
static void the_log_is_restarted_and_stays_short(void **state)
{
    struct cli_test *f = *state;
    char line[128];
    ok(f, "models demo");
    for (int i = 0; i < 150; i++) {
        snprintf(line, sizeof line,
                 "models transition-version --model-name my_model "
                 "--version %d --stage %s",
                 i % 3 + 1, i % 2 ? "Staging" : "Production");
        ok(f, line);
        long long size = wal_bytes(f);
        if (size > STORE_WAL_LIMIT)
            fail_msg("after %d transitions the log is %lld bytes (limit "
                     "%d)", i + 1, size, STORE_WAL_LIMIT);
    }
    assert_true(wal_frames(f) < STORE_WAL_FRAMES);
    assert_int_equal(query(f->path, "SELECT count(*) FROM history WHERE "
                                    "kind = 0 AND NOT is_cascade"),
                     150 + 5); /* the demo's own five */
    assert_int_equal(query(f->path, "PRAGMA user_version"), STORE_SCHEMA);
    assert_int_equal(stored_stage(f, "my_model", 3), STAGE_STAGING);
}

/* A cascade over 12,000 versions writes a log far past the limit; the
 * restart after it cuts the file back. */
static void a_long_log_is_cut_back_at_the_restart(void **state)
{
    struct cli_test *f = *state;
    ok(f, "models create --model-name big");
    exec_sql(f->path,
             "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k "
             "WHERE n < 12000) INSERT INTO versions SELECT 'big', n, 1, 0 "
             "FROM k; UPDATE models SET next_version = 12001;");
    ok(f, "models transition-version --model-name big --version 1 --stage "
          "Staging --archive-existing-versions");
    assert_int_equal(query(f->path, "SELECT count(*) FROM versions WHERE "
                                    "stage = 3"),
                     11999);
    long long size = wal_bytes(f);
    if (size < 0 || size > STORE_WAL_LIMIT)
        fail_msg("after the cascade the log is %lld bytes (limit %d)", size,
                 STORE_WAL_LIMIT);
}

/* An allocator that refuses everything: the engine's out-of-memory. */
static void *refuse_alloc(void *ud, void *p, size_t size)
{
    (void)ud;
    if (size == 0)
        free(p);
    return NULL;
}

/* Out of memory while loading is the machine's fault, not the file's:
 * it must not read as "holds something the engine refuses". */
static void out_of_memory_while_loading_is_not_blamed_on_the_file(
    void **state)
{
    struct cli_test *f = *state;
    struct store *s;
    struct registry r;
    struct kit_error err;
    ok(f, "models demo");
    assert_int_equal(store_open(f->path, STORE_READ, &s, &err), KIT_OK);
    reg_init_alloc(&r, refuse_alloc, NULL);
    enum kit_status st = store_load_all(s, &r, &err);
    store_close(s);
    reg_free(&r);
    if (st != KIT_ENOMEM)
        fail_msg("loading with no memory gave %s: %s", kit_status_name(st),
                 err.msg);
    assert_null(strstr(err.msg, "engine refuses"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, cli_test_teardown)
    const struct CMUnitTest tests[] = {
        T(a_new_path_becomes_a_registry_with_a_schema_version),
        T(a_read_command_creates_nothing),
        T(out_of_memory_while_loading_is_not_blamed_on_the_file),
        T(a_text_file_is_refused_and_left_untouched),
        T(another_programs_database_is_refused),
        T(a_newer_schema_is_refused),
        T(the_environment_names_the_registry),
        T(the_demo_loads_the_quizs_scenario),
        T(the_seeds_command_leaves_two_versions_in_production),
        T(archive_existing_versions_is_recorded_as_a_cascade),
        T(the_policy_is_stored_and_makes_a_conflict),
        T(numbers_are_never_reused_after_a_delete),
        T(get_version_speaks_mlflows_field_names),
        T(dispatch_runs_the_seeds_loop_over_the_store),
        T(history_is_persisted_in_order),
        T(closing_without_commit_rolls_everything_back),
        T(a_transition_loads_only_what_it_can_touch),
        T(the_log_is_restarted_and_stays_short),
        T(a_long_log_is_cut_back_at_the_restart),
        T(an_alias_is_stored_moved_and_deleted),
        T(aliases_compare_exactly_and_a_version_carries_several),
        T(get_by_alias_is_mlflows_400_even_without_the_model),
        T(deleting_a_version_deletes_its_aliases),
        T(resolve_reads_each_uri_form),
        T(the_history_shows_alias_changes_beside_transitions),
        T(migrate_stages_maps_production_and_staging),
    };
#undef T
    return cmocka_run_group_tests_name("modelreg and its SQLite store", tests,
                                       NULL, NULL);
}
