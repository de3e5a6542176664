/* The SQLite store under modelreg: opening and checking the file, one
 * transaction per command, loading models into a struct registry and
 * writing back what a command changed. */
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store {
    sqlite3 *db;
    const char *path; /* the caller's string */
    bool in_txn;
};

/* Stage numbers are the enum's values; the stages table names them for
 * anyone reading the file with the sqlite3 shell. */
static const char store_schema[] =
    "CREATE TABLE stages(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE);\n"
    "INSERT INTO stages VALUES (0, 'None'), (1, 'Staging'),\n"
    "  (2, 'Production'), (3, 'Archived');\n"
    "CREATE TABLE settings(\n"
    "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "  one_per_stage INTEGER NOT NULL CHECK (one_per_stage IN (0, 1)));\n"
    "INSERT INTO settings VALUES (1, 0);\n"
    "CREATE TABLE models(\n"
    "  name TEXT PRIMARY KEY CHECK (name <> ''),\n"
    "  next_version INTEGER NOT NULL CHECK (next_version >= 1),\n"
    "  updated_ms INTEGER NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE versions(\n"
    "  model TEXT NOT NULL REFERENCES models(name),\n"
    "  number INTEGER NOT NULL CHECK (number >= 1),\n"
    "  stage INTEGER NOT NULL REFERENCES stages(id),\n"
    "  updated_ms INTEGER NOT NULL,\n"
    "  PRIMARY KEY (model, number)) WITHOUT ROWID;\n"
    "CREATE TABLE history(\n"
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  model TEXT NOT NULL REFERENCES models(name),\n"
    "  version INTEGER NOT NULL,\n"
    "  from_stage INTEGER NOT NULL REFERENCES stages(id),\n"
    "  to_stage INTEGER NOT NULL REFERENCES stages(id),\n"
    "  at_ms INTEGER NOT NULL,\n"
    "  is_cascade INTEGER NOT NULL CHECK (is_cascade IN (0, 1)),\n"
    "  cause INTEGER);\n"
    "CREATE INDEX versions_by_stage ON versions(model, stage, updated_ms);\n"
    "CREATE INDEX history_by_model ON history(model, seq);\n";

/* --- errors and statements ----------------------------------------------- */

static enum reg_status store_fail(const struct store *s, struct reg_error *err,
                                  const char *what)
{
    int rc = sqlite3_errcode(s->db);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return reg_error_set(err, REG_ESTORE,
                             "registry '%s' is busy: another modelreg kept it "
                             "locked for more than %d s (%s)",
                             s->path, STORE_BUSY_MS / 1000,
                             sqlite3_errmsg(s->db));
    return reg_error_set(err, REG_ESTORE, "registry '%s': %s: %s", s->path,
                         what, sqlite3_errmsg(s->db));
}

static enum reg_status store_exec(struct store *s, const char *sql,
                                  struct reg_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, "cannot run the statement");
    return REG_OK;
}

static enum reg_status store_prepare(struct store *s, const char *sql,
                                     sqlite3_stmt **st, struct reg_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return store_fail(s, err, "cannot read the registry");
    return REG_OK;
}

/* Runs a statement that returns one integer (a PRAGMA, a count). */
static enum reg_status store_int(struct store *s, const char *sql,
                                 int64_t *out, struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs = store_prepare(s, sql, &st, err);
    if (rs != REG_OK)
        return rs;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rs = store_fail(s, err, "cannot read the registry");
    sqlite3_finalize(st);
    return rs;
}

/* Steps a write statement to completion and resets it for the next row. */
static enum reg_status store_done(struct store *s, sqlite3_stmt *st,
                                  struct reg_error *err)
{
    int rc = sqlite3_step(st);
    enum reg_status rs = REG_OK;
    if (rc != SQLITE_DONE)
        rs = store_fail(s, err, "cannot write the registry");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rs;
}

static void store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
}

/* --- opening: is this a registry? ----------------------------------------- */

static enum reg_status store_not_registry(const struct store *s,
                                          struct reg_error *err,
                                          const char *why)
{
    return reg_error_set(err, REG_ESTORE,
                         "'%s' is not a modelreg registry (%s); it was left "
                         "untouched.  Pass --registry with another path.",
                         s->path, why);
}

/* Checks the header of an existing file.  *fresh is true for an empty
 * file, which becomes a registry. */
static enum reg_status store_check(struct store *s, bool *fresh,
                                   struct reg_error *err)
{
    int64_t pages = 0, app = 0, schema = 0;
    if (store_int(s, "PRAGMA page_count", &pages, err) != REG_OK) {
        if (sqlite3_errcode(s->db) == SQLITE_NOTADB)
            return store_not_registry(s, err, "not an SQLite database");
        return REG_ESTORE;
    }
    *fresh = pages == 0;
    if (*fresh)
        return REG_OK;
    if (store_int(s, "PRAGMA application_id", &app, err) != REG_OK ||
        store_int(s, "PRAGMA user_version", &schema, err) != REG_OK)
        return REG_ESTORE;
    if (app != STORE_APP_ID)
        return store_not_registry(s, err, "an SQLite database of another "
                                          "program");
    if (schema != STORE_SCHEMA)
        return reg_error_set(err, REG_ESTORE,
                             "registry '%s' has schema version %lld; this "
                             "modelreg reads version %d.  It was left "
                             "untouched.",
                             s->path, (long long)schema, STORE_SCHEMA);
    return REG_OK;
}

/* Creates the schema in an empty file.  Two processes may race here: the
 * write lock serialises them and the second finds the work done. */
static enum reg_status store_create(struct store *s, struct reg_error *err)
{
    char pragmas[128];
    int64_t app = 0, objects = 0;
    if (store_exec(s, "BEGIN IMMEDIATE", err) != REG_OK)
        return REG_ESTORE;
    enum reg_status rs = store_int(s, "PRAGMA application_id", &app, err);
    if (rs == REG_OK)
        rs = store_int(s, "SELECT count(*) FROM sqlite_schema", &objects, err);
    if (rs == REG_OK && app != STORE_APP_ID && objects != 0)
        rs = store_not_registry(s, err, "an SQLite database of another "
                                        "program");
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             STORE_APP_ID, STORE_SCHEMA);
    if (rs == REG_OK && app != STORE_APP_ID) {
        rs = store_exec(s, store_schema, err);
        if (rs == REG_OK)
            rs = store_exec(s, pragmas, err);
    }
    if (rs == REG_OK)
        rs = store_exec(s, "COMMIT", err);
    if (rs != REG_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rs;
}

static enum reg_status store_begin(struct store *s, enum store_mode mode,
                                   struct reg_error *err)
{
    bool fresh = false;
    enum reg_status rs = store_check(s, &fresh, err);
    if (rs == REG_OK && fresh)
        rs = store_create(s, err);
    /* Write-ahead logging: readers never wait for the writer.  Only the
     * process that just created the file switches it (it is persistent). */
    if (rs == REG_OK && fresh)
        sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    if (rs == REG_OK)
        rs = store_exec(s, "PRAGMA foreign_keys = ON", err);
    if (rs == REG_OK)
        rs = store_exec(s, mode == STORE_WRITE ? "BEGIN IMMEDIATE" : "BEGIN",
                        err);
    if (rs == REG_OK && mode == STORE_READ)
        rs = store_exec(s, "SELECT 1 FROM settings", err); /* the snapshot */
    s->in_txn = rs == REG_OK;
    return rs;
}

enum reg_status store_open(const char *path, enum store_mode mode,
                           struct store **out, struct reg_error *err)
{
    struct store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return reg_error_set(err, REG_ENOMEM, "out of memory");
    s->path = path;
    int rc = sqlite3_open_v2(path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        reg_error_set(err, REG_ESTORE, "cannot open registry '%s': %s", path,
                      s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        store_close(s);
        return REG_ESTORE;
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    enum reg_status rs = store_begin(s, mode, err);
    if (rs != REG_OK) {
        store_close(s);
        return rs;
    }
    *out = s;
    return REG_OK;
}

enum reg_status store_commit(struct store *s, struct reg_error *err)
{
    enum reg_status rs = store_exec(s, "COMMIT", err);
    if (rs == REG_OK)
        s->in_txn = false;
    return rs;
}

void store_close(struct store *s)
{
    if (s == NULL)
        return;
    if (s->in_txn)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    free(s);
}

/* --- reading ------------------------------------------------------------- */

enum reg_status store_load_settings(struct store *s, struct registry *r,
                                    struct reg_error *err)
{
    int64_t on = 0;
    enum reg_status rs = store_int(
        s, "SELECT one_per_stage FROM settings WHERE id = 1", &on, err);
    if (rs == REG_OK)
        reg_set_one_per_stage(r, on != 0);
    return rs;
}

static enum reg_status store_inconsistent(const struct store *s,
                                          struct reg_error *err,
                                          const struct reg_error *why)
{
    return reg_error_set(err, REG_ESTORE,
                         "registry '%s' holds something the engine refuses: "
                         "%s",
                         s->path, why->msg);
}

/* Restores the version rows an open statement returns: (model, number,
 * stage, updated_ms). */
static enum reg_status store_restore_rows(struct store *s, sqlite3_stmt *st,
                                          struct registry *r,
                                          struct reg_error *err)
{
    struct reg_error why;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        int64_t stage = sqlite3_column_int64(st, 2);
        if (name == NULL || stage < 0 || stage >= STAGE_COUNT)
            return reg_error_set(err, REG_ESTORE,
                                 "registry '%s' has a version row with a bad "
                                 "model or stage", s->path);
        if (reg_version_restore(r, name, sqlite3_column_int64(st, 1),
                                (enum stage)stage,
                                sqlite3_column_int64(st, 3),
                                &why) != REG_OK)
            return store_inconsistent(s, err, &why);
    }
    return rc == SQLITE_DONE ? REG_OK
                             : store_fail(s, err, "cannot read the versions");
}

/* Registers a stored model in r with its next version number. */
static enum reg_status store_add_model(struct store *s, struct registry *r,
                                       const char *name, int64_t next,
                                       struct reg_error *err)
{
    struct reg_error why;
    if (reg_model_create(r, name, &why) != REG_OK ||
        reg_model_bump_next(r, name, next, &why) != REG_OK)
        return store_inconsistent(s, err, &why);
    return REG_OK;
}

/* Registers the models an open statement returns: (name, next_version). */
static enum reg_status store_add_models(struct store *s, sqlite3_stmt *st,
                                        struct registry *r, size_t *count,
                                        struct reg_error *err)
{
    int rc;
    *count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (name == NULL)
            return reg_error_set(err, REG_ESTORE,
                                 "registry '%s' has a model without a name",
                                 s->path);
        enum reg_status rs =
            store_add_model(s, r, name, sqlite3_column_int64(st, 1), err);
        if (rs != REG_OK)
            return rs;
        ++*count;
    }
    return rc == SQLITE_DONE ? REG_OK
                             : store_fail(s, err, "cannot read the models");
}

/* Runs a query with an optional model name bound to ?1 and hands its rows
 * to one of the two loaders above. */
static enum reg_status store_query(struct store *s, const char *sql,
                                   const char *name, struct registry *r,
                                   size_t *models, struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs = store_prepare(s, sql, &st, err);
    if (rs != REG_OK)
        return rs;
    if (name != NULL)
        store_bind_text(st, 1, name);
    rs = models ? store_add_models(s, st, r, models, err)
                : store_restore_rows(s, st, r, err);
    sqlite3_finalize(st);
    return rs;
}

/* Loads the row of model `name` (no versions); *found says if it exists. */
static enum reg_status store_load_model_row(struct store *s,
                                            struct registry *r,
                                            const char *name, bool *found,
                                            struct reg_error *err)
{
    size_t n = 0;
    enum reg_status rs = store_query(
        s, "SELECT name, next_version FROM models WHERE name = ?1", name, r,
        &n, err);
    if (rs == REG_OK)
        *found = n == 1;
    return rs;
}

enum reg_status store_load_model(struct store *s, struct registry *r,
                                 const char *name, bool *found,
                                 struct reg_error *err)
{
    enum reg_status rs = store_load_model_row(s, r, name, found, err);
    if (rs == REG_OK && *found)
        rs = store_query(s,
                         "SELECT model, number, stage, updated_ms FROM "
                         "versions WHERE model = ?1 ORDER BY number",
                         name, r, NULL, err);
    return rs;
}

enum reg_status store_load_slice(struct store *s, struct registry *r,
                                 const char *name, int64_t number,
                                 enum stage in, bool *found,
                                 struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs = store_load_model_row(s, r, name, found, err);
    if (rs != REG_OK || !*found)
        return rs;
    rs = store_prepare(s,
                       "SELECT model, number, stage, updated_ms FROM versions "
                       "WHERE model = ?1 AND number = ?2 UNION ALL "
                       "SELECT model, number, stage, updated_ms FROM versions "
                       "WHERE model = ?1 AND stage = ?3 AND number <> ?2",
                       &st, err);
    if (rs != REG_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, number);
    sqlite3_bind_int(st, 3, (int)in);
    rs = store_restore_rows(s, st, r, err);
    sqlite3_finalize(st);
    return rs;
}

enum reg_status store_load_all(struct store *s, struct registry *r,
                               struct reg_error *err)
{
    size_t n = 0;
    enum reg_status rs = store_query(
        s, "SELECT name, next_version FROM models ORDER BY name", NULL, r, &n,
        err);
    if (rs == REG_OK)
        rs = store_query(s,
                         "SELECT model, number, stage, updated_ms FROM "
                         "versions ORDER BY model, number",
                         NULL, r, NULL, err);
    return rs;
}

enum reg_status store_count_in_stage(struct store *s, const char *name,
                                     enum stage in, int64_t *n,
                                     struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs = store_prepare(
        s, "SELECT count(*) FROM versions WHERE model = ?1 AND stage = ?2",
        &st, err);
    if (rs != REG_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int(st, 2, (int)in);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rs = store_fail(s, err, "cannot count the versions");
    sqlite3_finalize(st);
    return rs;
}

enum reg_status store_has_model(struct store *s, const char *name,
                                bool *found, struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs =
        store_prepare(s, "SELECT 1 FROM models WHERE name = ?1", &st, err);
    if (rs != REG_OK)
        return rs;
    store_bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        *found = rc == SQLITE_ROW;
    else
        rs = store_fail(s, err, "cannot read the models");
    sqlite3_finalize(st);
    return rs;
}

static bool store_stage_ok(int64_t s)
{
    return s >= 0 && s < STAGE_COUNT;
}

static void store_history_of(sqlite3_stmt *st, struct store_history_row *h)
{
    h->seq = sqlite3_column_int64(st, 0);
    h->model = (const char *)sqlite3_column_text(st, 1);
    h->version = sqlite3_column_int64(st, 2);
    h->from = (enum stage)sqlite3_column_int64(st, 3);
    h->to = (enum stage)sqlite3_column_int64(st, 4);
    h->at_ms = sqlite3_column_int64(st, 5);
    h->cascade = sqlite3_column_int64(st, 6) != 0;
    h->cause = sqlite3_column_int64(st, 7); /* NULL reads as 0 */
}

enum reg_status store_each_history(struct store *s, const char *name,
                                   store_history_fn *fn, void *ctx,
                                   struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs = store_prepare(
        s,
        "SELECT seq, model, version, from_stage, to_stage, at_ms, "
        "is_cascade, cause FROM history "
        "WHERE ?1 IS NULL OR model = ?1 ORDER BY seq",
        &st, err);
    if (rs != REG_OK)
        return rs;
    if (name != NULL)
        store_bind_text(st, 1, name);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_history_row h;
        store_history_of(st, &h);
        if (h.model == NULL || !store_stage_ok(h.from) || !store_stage_ok(h.to))
            continue; /* the schema's constraints make this unreachable */
        fn(ctx, &h);
    }
    if (rc != SQLITE_DONE)
        rs = store_fail(s, err, "cannot read the history");
    sqlite3_finalize(st);
    return rs;
}

/* --- writing ------------------------------------------------------------- */

static enum reg_status store_bad_model(const struct store *s,
                                       struct reg_error *err)
{
    return reg_error_set(err, REG_ESTORE,
                         "registry '%s': internal error: no such model in "
                         "memory", s->path);
}

/* Runs sql, an INSERT or UPDATE of one model row, bound to the model's
 * name (?1), next version number (?2) and last-updated time (?3).  *code
 * gets SQLite's extended result code of the statement. */
static enum reg_status store_write_model(struct store *s,
                                         const struct registry *r,
                                         uint32_t model, const char *sql,
                                         int *code, struct reg_error *err)
{
    const char *name = reg_model_name(r, model);
    sqlite3_stmt *st;
    *code = SQLITE_OK;
    if (name == NULL)
        return store_bad_model(s, err);
    enum reg_status rs = store_prepare(s, sql, &st, err);
    if (rs != REG_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, reg_model_next_number(r, model));
    sqlite3_bind_int64(st, 3, reg_model_updated(r, model));
    rs = store_done(s, st, err);
    *code = sqlite3_extended_errcode(s->db);
    sqlite3_finalize(st);
    return rs;
}

enum reg_status store_insert_model(struct store *s, const struct registry *r,
                                   uint32_t model, struct reg_error *err)
{
    int code;
    enum reg_status rs = store_write_model(
        s, r, model, "INSERT INTO models VALUES (?1, ?2, ?3)", &code, err);
    if (rs != REG_OK && code == SQLITE_CONSTRAINT_PRIMARYKEY)
        rs = reg_error_set(err, REG_EEXIST,
                           "Registered Model (name=%s) already exists.",
                           reg_model_name(r, model));
    return rs;
}

enum reg_status store_insert_version(struct store *s, const struct registry *r,
                                     uint32_t pos, struct reg_error *err)
{
    const struct reg_version *v = reg_version_at(r, pos);
    const char *name = v ? reg_model_name(r, v->model) : NULL;
    sqlite3_stmt *st;
    if (name == NULL)
        return store_bad_model(s, err);
    enum reg_status rs = store_prepare(
        s, "INSERT INTO versions VALUES (?1, ?2, ?3, ?4)", &st, err);
    if (rs != REG_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, v->number);
    sqlite3_bind_int(st, 3, (int)v->stage);
    sqlite3_bind_int64(st, 4, v->updated_ms);
    rs = store_done(s, st, err);
    sqlite3_finalize(st);
    return rs;
}

enum reg_status store_save_model(struct store *s, const struct registry *r,
                                 uint32_t model, struct reg_error *err)
{
    int code;
    return store_write_model(
        s, r, model,
        "UPDATE models SET next_version = max(next_version, ?2), "
        "updated_ms = max(updated_ms, ?3) WHERE name = ?1",
        &code, err);
}

enum reg_status store_delete_version(struct store *s, const char *name,
                                     int64_t number, struct reg_error *err)
{
    sqlite3_stmt *st;
    enum reg_status rs = store_prepare(
        s, "DELETE FROM versions WHERE model = ?1 AND number = ?2", &st, err);
    if (rs != REG_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, number);
    rs = store_done(s, st, err);
    sqlite3_finalize(st);
    return rs;
}

/* The version whose transition archived history entry i (a cascade): the
 * entry of the same batch, model and instant that is not a cascade.  0
 * when there is none. */
static int64_t store_cause(const struct reg_history_entry *h, size_t first,
                           size_t n, size_t i)
{
    if (!h[i].cascade)
        return 0;
    for (size_t j = first; j < n; j++)
        if (h[j].kind == REG_HISTORY_STAGE && !h[j].cascade &&
            h[j].model == h[i].model &&
            h[j].at_ms == h[i].at_ms)
            return h[j].number;
    return 0;
}

static void store_bind_entry(sqlite3_stmt *st, const char *name,
                             const struct reg_history_entry *e, int64_t cause)
{
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, e->number);
    sqlite3_bind_int(st, 3, (int)e->from);
    sqlite3_bind_int(st, 4, (int)e->to);
    sqlite3_bind_int64(st, 5, e->at_ms);
    sqlite3_bind_int(st, 6, e->cascade ? 1 : 0);
    if (cause != 0)
        sqlite3_bind_int64(st, 7, cause);
}

/* Writes the current stage and time of the version an entry names. */
static enum reg_status store_write_version(struct store *s, sqlite3_stmt *st,
                                           const struct registry *r,
                                           const char *name, int64_t number,
                                           struct reg_error *err)
{
    uint32_t pos;
    if (reg_version_find(r, name, number, &pos, NULL) != REG_OK)
        return REG_OK; /* moved, then deleted in the same command */
    const struct reg_version *v = reg_version_at(r, pos);
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, number);
    sqlite3_bind_int(st, 3, (int)v->stage);
    sqlite3_bind_int64(st, 4, v->updated_ms);
    return store_done(s, st, err);
}

/* The store persists stage transitions only: alias entries
 * (REG_HISTORY_ALIAS_*) have no table yet, because the CLI's alias commands
 * come later (issue 11), so they are skipped, on purpose, here.  The first
 * stage entry at or after i, or n. */
static size_t store_next_stage(const struct reg_history_entry *h, size_t i,
                               size_t n)
{
    while (i < n && h[i].kind != REG_HISTORY_STAGE)
        i++;
    return i;
}

struct store_txn_stmts {
    sqlite3_stmt *history, *version;
};

static enum reg_status store_save_entry(struct store *s,
                                        struct store_txn_stmts *st,
                                        const struct registry *r,
                                        const struct reg_history_entry *h,
                                        size_t first, size_t n, size_t i,
                                        struct reg_error *err)
{
    const char *name = reg_model_name(r, h[i].model);
    if (name == NULL || !store_stage_ok(h[i].from) || !store_stage_ok(h[i].to))
        return store_bad_model(s, err);
    store_bind_entry(st->history, name, &h[i], store_cause(h, first, n, i));
    enum reg_status rs = store_done(s, st->history, err);
    if (rs == REG_OK)
        rs = store_write_version(s, st->version, r, name, h[i].number, err);
    /* A batch is one transition, usually of one model: save each model
     * once, after its last stage entry. */
    size_t next = store_next_stage(h, i + 1, n);
    if (rs == REG_OK && (next == n || h[next].model != h[i].model))
        rs = store_save_model(s, r, h[i].model, err);
    return rs;
}

enum reg_status store_save_transitions(struct store *s,
                                       const struct registry *r, size_t first,
                                       struct reg_error *err)
{
    size_t n;
    const struct reg_history_entry *h = reg_history(r, &n);
    struct store_txn_stmts st = {NULL, NULL};
    enum reg_status rs = store_prepare(
        s,
        "INSERT INTO history(model, version, from_stage, to_stage, at_ms, "
        "is_cascade, cause) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &st.history, err);
    if (rs == REG_OK)
        rs = store_prepare(s,
                           "UPDATE versions SET stage = ?3, updated_ms = ?4 "
                           "WHERE model = ?1 AND number = ?2",
                           &st.version, err);
    for (size_t i = store_next_stage(h, first, n); rs == REG_OK && i < n;
         i = store_next_stage(h, i + 1, n))
        rs = store_save_entry(s, &st, r, h, first, n, i, err);
    sqlite3_finalize(st.history);
    sqlite3_finalize(st.version);
    return rs;
}

enum reg_status store_set_one_per_stage(struct store *s, bool on,
                                        struct reg_error *err)
{
    return store_exec(s,
                      on ? "UPDATE settings SET one_per_stage = 1"
                         : "UPDATE settings SET one_per_stage = 0",
                      err);
}
