/* The SQLite store under modelreg: opening and checking the file, one
 * transaction per command, loading models into a struct registry and
 * writing back what a command changed. */
#include "store.h"

#include <assert.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct store {
    sqlite3 *db;
    const char *path; /* the caller's string */
    bool in_txn;
    int64_t schema; /* of the file, read inside the transaction */
    int wal_frames; /* in the write-ahead log after the last commit */
};

/* Schema version 1, exactly as modelreg 0.1.0 created it (the upgrade test
 * keeps a copy: tests/cli/schema_v1.sql).  A new file gets this, then every
 * upgrade after it, so a new file and an upgraded one are the same.  Stage
 * numbers are the enum's values; the stages table names them for anyone
 * reading the file with the sqlite3 shell. */
static const char store_schema_v1[] =
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

/* Version 1 to 2: aliases (MLflow 2.9).  A history line gains its kind
 * (enum reg_history_kind: 0 a stage transition, 1 an alias set, 2 moved, 3
 * deleted), the alias and, for a move, the version it left.  An alias line
 * keeps the version's stage of the time in from_stage and to_stage, so the
 * stage columns still tell each version's stage line by line.  Aliases
 * keep the order they were first set (rowid). */
static const char store_upgrade_v2[] =
    "ALTER TABLE history ADD COLUMN kind INTEGER NOT NULL DEFAULT 0\n"
    "  CHECK (kind BETWEEN 0 AND 3);\n"
    "ALTER TABLE history ADD COLUMN alias TEXT\n"
    "  CHECK ((kind = 0) = (alias IS NULL));\n"
    "ALTER TABLE history ADD COLUMN from_version INTEGER;\n"
    "CREATE TABLE aliases(\n"
    "  model TEXT NOT NULL,\n"
    "  alias TEXT NOT NULL CHECK (alias <> ''),\n"
    "  version INTEGER NOT NULL,\n"
    "  UNIQUE (model, alias),\n"
    "  FOREIGN KEY (model, version) REFERENCES versions(model, number));\n"
    "CREATE INDEX aliases_by_version ON aliases(model, version);\n"
    "PRAGMA user_version = 2;\n";

/* --- errors and statements ----------------------------------------------- */

/* What SQLite's error means for the user: a damaged file, a full disk, a
 * file or directory they cannot write; NULL for anything else. */
static const char *store_reason(int rc, int ext, int sys)
{
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return "the registry is damaged: run `modelreg check`";
    if (rc == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
        return "the disk is full (or over quota); nothing was written";
    if (sys == EFBIG || ext == SQLITE_IOERR_WRITE)
        return "a write failed (a file size limit, or the device); nothing "
               "was written";
    if (rc == SQLITE_READONLY || sys == EROFS)
        return "it cannot be written (a read-only file, directory or file "
               "system); nothing was written, and read commands still work";
    return NULL;
}

static enum kit_status store_fail(const struct store *s, struct kit_error *err,
                                  const char *what)
{
    int rc = sqlite3_errcode(s->db);
    const char *why = store_reason(rc, sqlite3_extended_errcode(s->db),
                                   sqlite3_system_errno(s->db));
    if (rc == SQLITE_NOMEM) /* not the file's fault: the exit says so */
        return kit_error_set(err, KIT_ENOMEM, "registry '%s': %s: out of "
                             "memory", s->path, what);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' is busy: another modelreg kept it "
                             "locked for more than %d s (%s)",
                             s->path, STORE_BUSY_MS / 1000,
                             sqlite3_errmsg(s->db));
    if (why != NULL)
        return kit_error_set(err, KIT_ESTORE, "registry '%s': %s (SQLite: %s)",
                             s->path, why, sqlite3_errmsg(s->db));
    return kit_error_set(err, KIT_ESTORE, "registry '%s': %s: %s", s->path,
                         what, sqlite3_errmsg(s->db));
}

static enum kit_status store_exec(struct store *s, const char *sql,
                                  struct kit_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, "cannot run the statement");
    return KIT_OK;
}

static enum kit_status store_prepare(struct store *s, const char *sql,
                                     sqlite3_stmt **st, struct kit_error *err)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return store_fail(s, err, "cannot read the registry");
    return KIT_OK;
}

/* Runs a statement that returns one integer (a PRAGMA, a count). */
static enum kit_status store_int(struct store *s, const char *sql,
                                 int64_t *out, struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs = store_prepare(s, sql, &st, err);
    if (rs != KIT_OK)
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
static enum kit_status store_done(struct store *s, sqlite3_stmt *st,
                                  struct kit_error *err)
{
    int rc = sqlite3_step(st);
    enum kit_status rs = KIT_OK;
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

static enum kit_status store_not_registry(const struct store *s,
                                          struct kit_error *err,
                                          const char *why)
{
    return kit_error_set(err, KIT_ESTORE,
                         "'%s' is not a modelreg registry (%s); it was left "
                         "untouched.  Pass --registry with another path.",
                         s->path, why);
}

/* A schema this modelreg can read: its own, or an older one that the first
 * write command upgrades. */
static enum kit_status store_check_schema(const struct store *s,
                                          int64_t schema,
                                          struct kit_error *err)
{
    if (schema > STORE_SCHEMA)
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' has schema version %lld, newer "
                             "than this modelreg's %d: a newer modelreg "
                             "wrote it.  It was left untouched; use that "
                             "modelreg.",
                             s->path, (long long)schema, STORE_SCHEMA);
    if (schema < STORE_SCHEMA_OLDEST)
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' has schema version %lld; this "
                             "modelreg reads versions %d to %d.  It was left "
                             "untouched.",
                             s->path, (long long)schema, STORE_SCHEMA_OLDEST,
                             STORE_SCHEMA);
    return KIT_OK;
}

/* Whether the file starts as every SQLite database does: a file that does
 * and still is no database is a damaged one. */
static bool store_sqlite_header(const struct store *s)
{
    static const char magic[16] = "SQLite format 3";
    char head[16];
    FILE *f = fopen(s->path, "rb");
    bool yes = f != NULL && fread(head, 1, sizeof head, f) == sizeof head &&
               memcmp(head, magic, sizeof head) == 0;
    if (f != NULL)
        fclose(f);
    return yes;
}

/* Checks the header of an existing file.  *fresh is true for an empty
 * file, which becomes a registry. */
static enum kit_status store_check(struct store *s, bool *fresh,
                                   struct kit_error *err)
{
    int64_t pages = 0, app = 0, schema = 0;
    enum kit_status rs = store_int(s, "PRAGMA page_count", &pages, err);
    if (rs != KIT_OK) {
        if (sqlite3_errcode(s->db) == SQLITE_NOTADB && !store_sqlite_header(s))
            return store_not_registry(s, err, "not an SQLite database");
        return rs;
    }
    *fresh = pages == 0;
    if (*fresh)
        return KIT_OK;
    rs = store_int(s, "PRAGMA application_id", &app, err);
    if (rs == KIT_OK)
        rs = store_int(s, "PRAGMA user_version", &schema, err);
    if (rs != KIT_OK)
        return rs;
    if (app != STORE_APP_ID)
        return store_not_registry(s, err, "an SQLite database of another "
                                          "program");
    return store_check_schema(s, schema, err);
}

/* Creates the schema in an empty file.  Two processes may race here: the
 * write lock serialises them and the second finds the work done. */
static enum kit_status store_create(struct store *s, struct kit_error *err)
{
    char pragmas[128];
    int64_t app = 0, objects = 0;
    enum kit_status rs = store_exec(s, "BEGIN IMMEDIATE", err);
    if (rs != KIT_OK)
        return rs;
    rs = store_int(s, "PRAGMA application_id", &app, err);
    if (rs == KIT_OK)
        rs = store_int(s, "SELECT count(*) FROM sqlite_schema", &objects, err);
    if (rs == KIT_OK && app != STORE_APP_ID && objects != 0)
        rs = store_not_registry(s, err, "an SQLite database of another "
                                        "program");
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA application_id = %d; PRAGMA user_version = 1;",
             STORE_APP_ID);
    if (rs == KIT_OK && app != STORE_APP_ID) {
        rs = store_exec(s, store_schema_v1, err);
        if (rs == KIT_OK)
            rs = store_exec(s, pragmas, err);
        if (rs == KIT_OK)
            rs = store_exec(s, store_upgrade_v2, err);
    }
    if (rs == KIT_OK)
        rs = store_exec(s, "COMMIT", err);
    if (rs != KIT_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rs;
}

/* Upgrades an older file inside the command's write transaction: the
 * command and the upgrade commit together or not at all, and another
 * writer, waiting for the lock, finds the file upgraded. */
static enum kit_status store_upgrade(struct store *s, struct kit_error *err)
{
    assert(s->schema == 1);
    enum kit_status rs = store_exec(s, store_upgrade_v2, err);
    if (rs == KIT_OK)
        s->schema = 2;
    return rs;
}

static enum kit_status store_begin(struct store *s, enum store_mode mode,
                                   struct kit_error *err)
{
    bool fresh = false;
    enum kit_status rs = store_check(s, &fresh, err);
    if (rs == KIT_OK && fresh && mode == STORE_READ)
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' is an empty file, not yet a "
                             "registry; a write command such as `models "
                             "create` makes it one",
                             s->path);
    if (rs == KIT_OK && fresh)
        rs = store_create(s, err);
    /* Write-ahead logging: readers never wait for the writer.  Only the
     * process that just created the file switches it (it is persistent). */
    if (rs == KIT_OK && fresh)
        sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    if (rs == KIT_OK)
        rs = store_exec(s, "PRAGMA foreign_keys = ON", err);
    if (rs == KIT_OK)
        rs = store_exec(s, mode == STORE_WRITE ? "BEGIN IMMEDIATE" : "BEGIN",
                        err);
    s->in_txn = rs == KIT_OK;
    if (rs == KIT_OK && mode == STORE_READ)
        rs = store_exec(s, "SELECT 1 FROM settings", err); /* the snapshot */
    if (rs == KIT_OK)
        rs = store_int(s, "PRAGMA user_version", &s->schema, err);
    if (rs == KIT_OK)
        rs = store_check_schema(s, s->schema, err);
    if (rs == KIT_OK && mode == STORE_WRITE && s->schema < STORE_SCHEMA)
        rs = store_upgrade(s, err);
    return rs;
}

/* --- opening: the path ---------------------------------------------------- */

/* The directory part of path ("." when it has none) into buf. */
static const char *store_parent(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return ".";
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), path);
    return buf;
}

/* A missing file: a read command creates nothing; a write command creates
 * it when its directory exists. */
static enum kit_status store_missing(const char *path, enum store_mode mode,
                                     struct kit_error *err)
{
    char buf[4096];
    struct stat st;
    const char *parent = store_parent(path, buf, sizeof buf);
    if (stat(parent, &st) != 0)
        return kit_error_set(err, KIT_ESTORE,
                             "cannot open registry '%s': its directory '%s' "
                             "does not exist; nothing was created",
                             path, parent);
    if (mode == STORE_READ)
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' does not exist; nothing was "
                             "created.  Check --registry (or "
                             "$MODELREG_REGISTRY); a write command such as "
                             "`models create` creates it.",
                             path);
    return KIT_OK;
}

/* What path is, before SQLite opens it: stat() never blocks, where opening
 * a FIFO would.  (A file swapped for a FIFO between the two calls is not
 * covered.)  *exists says whether there is a file. */
static enum kit_status store_check_path(const char *path, enum store_mode mode,
                                        bool *exists, struct kit_error *err)
{
    struct stat st;
    *exists = stat(path, &st) == 0;
    if (!*exists && errno == ENOENT)
        return store_missing(path, mode, err);
    if (!*exists)
        return kit_error_set(err, KIT_ESTORE, "cannot open registry '%s': %s",
                             path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' is a directory; --registry names "
                             "a file, such as '%s/registry.db'",
                             path, path);
    if (!S_ISREG(st.st_mode))
        return kit_error_set(err, KIT_ESTORE,
                             "registry '%s' is not a regular file (a FIFO, "
                             "device or socket); it was left untouched",
                             path);
    return KIT_OK;
}

/* "file:" + path with the characters a URI gives a meaning percent-encoded,
 * + "?immutable=1"; NULL when out of memory.  The caller frees it. */
static char *store_immutable_uri(const char *path)
{
    static const char suffix[] = "?immutable=1";
    size_t n = strlen(path);
    char *uri = malloc(5 + 3 * n + sizeof suffix), *p = uri;
    if (uri == NULL)
        return NULL;
    p += sprintf(p, "file:");
    for (const char *c = path; *c != '\0'; c++)
        p += strchr("%?#", *c) ? sprintf(p, "%%%02X", (unsigned char)*c)
                               : sprintf(p, "%c", *c);
    memcpy(p, suffix, sizeof suffix);
    return uri;
}

/* --- opening: the connection ----------------------------------------------- */

/* Each commit is made durable by one sync of the write-ahead log
 * (synchronous = FULL: it survives a power loss; NORMAL would not).  The
 * log persists between processes and is checkpointed when it grows
 * (STORE_WAL_FRAMES), not at every close: creating, checkpointing and
 * deleting it cost four more syncs per command.  A persistent log also
 * lets a reader who cannot write the directory open the file. */
static int store_wal_hook(void *ctx, sqlite3 *db, const char *name, int n)
{
    (void)db;
    (void)name;
    ((struct store *)ctx)->wal_frames = n;
    return SQLITE_OK;
}

/* A connection whose synchronous setting did not take for lack of memory
 * is not used: its commits would not be durable.  (Any other failure
 * shows again at the first statement, with its own message.) */
static enum kit_status store_tune(struct store *s, struct kit_error *err)
{
    int on = 1;
    sqlite3_wal_hook(s->db, store_wal_hook, s); /* replaces autocheckpoint */
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    if (sqlite3_exec(s->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) !=
            SQLITE_OK &&
        sqlite3_errcode(s->db) == SQLITE_NOMEM)
        return store_fail(s, err, "cannot set up the connection");
    return KIT_OK;
}

static enum kit_status store_connect(struct store *s, const char *name,
                                     int flags, struct kit_error *err)
{
    int rc = sqlite3_open_v2(name, &s->db, flags, NULL);
    if (rc == SQLITE_OK)
        return store_tune(s, err);
    if (rc == SQLITE_NOMEM)
        return kit_error_set(err, KIT_ENOMEM, "cannot open registry '%s': "
                             "out of memory", s->path);
    return kit_error_set(err, KIT_ESTORE, "cannot open registry '%s': %s",
                         s->path,
                         s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
}

/* A read command in a directory it cannot write, on a file with no
 * write-ahead log: SQLite cannot create the log's index (-shm) to read
 * it.  With no log there is nothing but the file to read, so it is read
 * as immutable. */
static bool store_try_immutable(const struct store *s, enum store_mode mode)
{
    char wal[4096];
    int rc = sqlite3_errcode(s->db);
    if (mode != STORE_READ || (rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN))
        return false;
    snprintf(wal, sizeof wal, "%s-wal", s->path);
    return access(wal, F_OK) != 0 && access(s->path, R_OK) == 0;
}

static enum kit_status store_reopen_immutable(struct store *s,
                                              enum store_mode mode,
                                              struct kit_error *err)
{
    char *uri = store_immutable_uri(s->path);
    if (uri == NULL)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    sqlite3_close(s->db);
    s->db = NULL;
    s->in_txn = false;
    enum kit_status rs = store_connect(
        s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
    free(uri);
    return rs == KIT_OK ? store_begin(s, mode, err) : rs;
}

enum kit_status store_open(const char *path, enum store_mode mode,
                           struct store **out, struct kit_error *err)
{
    bool exists;
    enum kit_status rs = store_check_path(path, mode, &exists, err);
    if (rs != KIT_OK)
        return rs;
    struct store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    s->path = path;
    int flags = mode == STORE_READ
                    ? SQLITE_OPEN_READONLY
                    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    rs = store_connect(s, path, flags, err);
    if (rs == KIT_OK)
        rs = store_begin(s, mode, err);
    if (rs != KIT_OK && s->db != NULL && store_try_immutable(s, mode))
        rs = store_reopen_immutable(s, mode, err);
    if (rs != KIT_OK) {
        store_close(s);
        return rs;
    }
    *out = s;
    return KIT_OK;
}

/* The least write that restarts a fully checkpointed log: the schema
 * version set to its own value, in a transaction of its own (one page; an
 * UPDATE that changes nothing writes no page, and restarts nothing).  Read
 * and written in one transaction, so a newer modelreg's upgrade in
 * between is never undone.  A failure leaves the log as it was. */
static void store_restart_wal(struct store *s)
{
    struct kit_error ignored; /* the command has committed: nothing to say */
    char sql[48];
    int64_t version = 0;
    enum kit_status rs = store_exec(s, "BEGIN IMMEDIATE", &ignored);
    if (rs != KIT_OK)
        return;
    rs = store_int(s, "PRAGMA user_version", &version, &ignored);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %lld",
             (long long)version);
    if (rs == KIT_OK)
        rs = store_exec(s, sql, &ignored);
    if (rs == KIT_OK)
        rs = store_exec(s, "COMMIT", &ignored);
    if (rs != KIT_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* After a commit (durable already): a long log is copied into the file
 * (a RESTART checkpoint, which syncs the file), then restarted by
 * store_restart_wal(), so that the next commits overwrite the log in
 * place from its start and each new process reads only what they wrote.
 * SQLite restarts a log itself only within one set of connections: the
 * next process rebuilds the index, forgets the checkpoint and would
 * append.  Overwriting beats truncating (what modelreg did before): a log
 * that grows changes its size at every commit, and fdatasync() must then
 * sync the size too (fdatasync(2)).  journal_size_limit cuts a log that
 * grew past STORE_WAL_LIMIT (a cascade, or checkpoints readers held off)
 * back at the restart.  It never waits: when a reader holds the log,
 * a later command does it. */
static void store_trim_wal(struct store *s)
{
    int log = 0, copied = -1;
    char sql[64];
    if (s->wal_frames < STORE_WAL_FRAMES)
        return;
    sqlite3_busy_timeout(s->db, 0);
    if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_RESTART,
                                  &log, &copied) == SQLITE_OK &&
        log == copied) {
        snprintf(sql, sizeof sql, "PRAGMA journal_size_limit = %d",
                 STORE_WAL_LIMIT);
        sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        store_restart_wal(s);
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
}

enum kit_status store_commit(struct store *s, struct kit_error *err)
{
    enum kit_status rs = store_exec(s, "COMMIT", err);
    if (rs == KIT_OK)
        s->in_txn = false;
    if (rs == KIT_OK)
        store_trim_wal(s);
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

enum kit_status store_load_settings(struct store *s, struct registry *r,
                                    struct kit_error *err)
{
    int64_t on = 0;
    enum kit_status rs = store_int(
        s, "SELECT one_per_stage FROM settings WHERE id = 1", &on, err);
    if (rs == KIT_OK)
        reg_set_one_per_stage(r, on != 0);
    return rs;
}

/* What the engine refused while loading: out of memory passes through as
 * itself (the file is not at fault); anything else is the file's. */
static enum kit_status store_inconsistent(const struct store *s,
                                          struct kit_error *err,
                                          const struct kit_error *why)
{
    if (why->status == KIT_ENOMEM)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    return kit_error_set(err, KIT_ESTORE,
                         "registry '%s' holds something the engine refuses: "
                         "%s",
                         s->path, why->msg);
}

/* Restores the version rows an open statement returns: (model, number,
 * stage, updated_ms). */
static enum kit_status store_restore_rows(struct store *s, sqlite3_stmt *st,
                                          struct registry *r,
                                          struct kit_error *err)
{
    struct kit_error why;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        int64_t stage = sqlite3_column_int64(st, 2);
        if (name == NULL || stage < 0 || stage >= STAGE_COUNT)
            return kit_error_set(err, KIT_ESTORE,
                                 "registry '%s' has a version row with a bad "
                                 "model or stage", s->path);
        if (reg_version_restore(r, name, sqlite3_column_int64(st, 1),
                                (enum stage)stage,
                                sqlite3_column_int64(st, 3),
                                &why) != KIT_OK)
            return store_inconsistent(s, err, &why);
    }
    return rc == SQLITE_DONE ? KIT_OK
                             : store_fail(s, err, "cannot read the versions");
}

/* Registers a stored model in r with its next version number. */
static enum kit_status store_add_model(struct store *s, struct registry *r,
                                       const char *name, int64_t next,
                                       struct kit_error *err)
{
    struct kit_error why;
    if (reg_model_create(r, name, &why) != KIT_OK ||
        reg_model_bump_next(r, name, next, &why) != KIT_OK)
        return store_inconsistent(s, err, &why);
    return KIT_OK;
}

/* Registers the models an open statement returns: (name, next_version). */
static enum kit_status store_add_models(struct store *s, sqlite3_stmt *st,
                                        struct registry *r, size_t *count,
                                        struct kit_error *err)
{
    int rc;
    *count = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (name == NULL)
            return kit_error_set(err, KIT_ESTORE,
                                 "registry '%s' has a model without a name",
                                 s->path);
        enum kit_status rs =
            store_add_model(s, r, name, sqlite3_column_int64(st, 1), err);
        if (rs != KIT_OK)
            return rs;
        ++*count;
    }
    return rc == SQLITE_DONE ? KIT_OK
                             : store_fail(s, err, "cannot read the models");
}

/* Runs a query with an optional model name bound to ?1 and hands its rows
 * to one of the two loaders above. */
static enum kit_status store_query(struct store *s, const char *sql,
                                   const char *name, struct registry *r,
                                   size_t *models, struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs = store_prepare(s, sql, &st, err);
    if (rs != KIT_OK)
        return rs;
    if (name != NULL)
        store_bind_text(st, 1, name);
    rs = models ? store_add_models(s, st, r, models, err)
                : store_restore_rows(s, st, r, err);
    sqlite3_finalize(st);
    return rs;
}

/* Loads the row of model `name` (no versions); *found says if it exists. */
static enum kit_status store_load_model_row(struct store *s,
                                            struct registry *r,
                                            const char *name, bool *found,
                                            struct kit_error *err)
{
    size_t n = 0;
    enum kit_status rs = store_query(
        s, "SELECT name, next_version FROM models WHERE name = ?1", name, r,
        &n, err);
    if (rs == KIT_OK)
        *found = n == 1;
    return rs;
}

enum kit_status store_load_model(struct store *s, struct registry *r,
                                 const char *name, bool *found,
                                 struct kit_error *err)
{
    enum kit_status rs = store_load_model_row(s, r, name, found, err);
    if (rs == KIT_OK && *found)
        rs = store_query(s,
                         "SELECT model, number, stage, updated_ms FROM "
                         "versions WHERE model = ?1 ORDER BY number",
                         name, r, NULL, err);
    return rs;
}

enum kit_status store_load_slice(struct store *s, struct registry *r,
                                 const char *name, int64_t number,
                                 enum stage in, bool *found,
                                 struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs = store_load_model_row(s, r, name, found, err);
    if (rs != KIT_OK || !*found)
        return rs;
    if (in == STAGE_COUNT) /* one lookup: a query of half the size */
        return store_load_version(s, r, name, number, err);
    rs = store_prepare(s,
                       "SELECT model, number, stage, updated_ms FROM versions "
                       "WHERE model = ?1 AND number = ?2 UNION ALL "
                       "SELECT model, number, stage, updated_ms FROM versions "
                       "WHERE model = ?1 AND stage = ?3 AND number <> ?2",
                       &st, err);
    if (rs != KIT_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, number);
    sqlite3_bind_int(st, 3, (int)in);
    rs = store_restore_rows(s, st, r, err);
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_load_version(struct store *s, struct registry *r,
                                   const char *name, int64_t number,
                                   struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs = store_prepare(
        s,
        "SELECT model, number, stage, updated_ms FROM versions "
        "WHERE model = ?1 AND number = ?2",
        &st, err);
    if (rs != KIT_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, number);
    rs = store_restore_rows(s, st, r, err);
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_alias_version(struct store *s, const char *name,
                                    const char *alias, int64_t *number,
                                    bool *found, struct kit_error *err)
{
    sqlite3_stmt *st;
    *found = false;
    if (s->schema < 2)
        return KIT_OK;
    enum kit_status rs = store_prepare(
        s, "SELECT version FROM aliases WHERE model = ?1 AND alias = ?2", &st,
        err);
    if (rs != KIT_OK)
        return rs;
    store_bind_text(st, 1, name);
    store_bind_text(st, 2, alias);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *number = sqlite3_column_int64(st, 0);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        *found = rc == SQLITE_ROW;
    else
        rs = store_fail(s, err, "cannot read the aliases");
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_load_all(struct store *s, struct registry *r,
                               struct kit_error *err)
{
    size_t n = 0;
    enum kit_status rs = store_query(
        s, "SELECT name, next_version FROM models ORDER BY name", NULL, r, &n,
        err);
    if (rs == KIT_OK)
        rs = store_query(s,
                         "SELECT model, number, stage, updated_ms FROM "
                         "versions ORDER BY model, number",
                         NULL, r, NULL, err);
    return rs;
}

enum kit_status store_count_in_stage(struct store *s, const char *name,
                                     enum stage in, int64_t max, int64_t *n,
                                     struct kit_error *err)
{
    sqlite3_stmt *st;
    int rc;
    /* Rows counted here, not count(*) over a subquery: the same plain
     * lookup as the loads, which a new process has run already, and
     * cheaper to prepare. */
    enum kit_status rs = store_prepare(
        s, "SELECT 1 FROM versions WHERE model = ?1 AND stage = ?2 LIMIT ?3",
        &st, err);
    if (rs != KIT_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int(st, 2, (int)in);
    sqlite3_bind_int64(st, 3, max);
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ++*n;
    if (rc != SQLITE_DONE)
        rs = store_fail(s, err, "cannot count the versions");
    sqlite3_finalize(st);
    return rs;
}

/* Restores the alias rows an open statement returns: (model, alias,
 * version). */
static enum kit_status store_restore_aliases(struct store *s, sqlite3_stmt *st,
                                             struct registry *r,
                                             struct kit_error *err)
{
    struct kit_error why;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *alias = (const char *)sqlite3_column_text(st, 1);
        if (reg_alias_restore(r, name, alias, sqlite3_column_int64(st, 2),
                              &why) != KIT_OK)
            return store_inconsistent(s, err, &why);
    }
    return rc == SQLITE_DONE ? KIT_OK
                             : store_fail(s, err, "cannot read the aliases");
}

enum kit_status store_load_aliases(struct store *s, struct registry *r,
                                   const char *name, const int64_t *number,
                                   struct kit_error *err)
{
    sqlite3_stmt *st;
    if (s->schema < 2)
        return KIT_OK;
    enum kit_status rs = store_prepare(
        s,
        "SELECT model, alias, version FROM aliases "
        "WHERE (?1 IS NULL OR model = ?1) AND (?2 IS NULL OR version = ?2) "
        "ORDER BY rowid",
        &st, err);
    if (rs != KIT_OK)
        return rs;
    if (name != NULL)
        store_bind_text(st, 1, name);
    if (number != NULL)
        sqlite3_bind_int64(st, 2, *number);
    rs = store_restore_aliases(s, st, r, err);
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_has_model(struct store *s, const char *name,
                                bool *found, struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs =
        store_prepare(s, "SELECT 1 FROM models WHERE name = ?1", &st, err);
    if (rs != KIT_OK)
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
    h->kind = (enum reg_history_kind)sqlite3_column_int64(st, 8);
    h->alias = (const char *)sqlite3_column_text(st, 9);
    h->from_version = sqlite3_column_int64(st, 10);
}

/* Schema 1 has no alias columns: its lines are all stage lines. */
static const char *store_history_sql(const struct store *s)
{
    if (s->schema < 2)
        return "SELECT seq, model, version, from_stage, to_stage, at_ms, "
               "is_cascade, cause, 0, NULL, 0 FROM history "
               "WHERE ?1 IS NULL OR model = ?1 ORDER BY seq";
    return "SELECT seq, model, version, from_stage, to_stage, at_ms, "
           "is_cascade, cause, kind, alias, from_version FROM history "
           "WHERE ?1 IS NULL OR model = ?1 ORDER BY seq";
}

/* The schema's CHECK constraints make a bad line unreachable. */
static bool store_history_ok(const struct store_history_row *h)
{
    bool alias = h->kind != REG_HISTORY_STAGE;
    return h->model != NULL && store_stage_ok(h->from) &&
           store_stage_ok(h->to) && (int)h->kind >= 0 &&
           h->kind <= REG_HISTORY_ALIAS_DELETE &&
           alias == (h->alias != NULL);
}

enum kit_status store_each_history(struct store *s, const char *name,
                                   store_history_fn *fn, void *ctx,
                                   struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs = store_prepare(s, store_history_sql(s), &st, err);
    if (rs != KIT_OK)
        return rs;
    if (name != NULL)
        store_bind_text(st, 1, name);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_history_row h;
        store_history_of(st, &h);
        if (store_history_ok(&h))
            fn(ctx, &h);
    }
    if (rc != SQLITE_DONE)
        rs = store_fail(s, err, "cannot read the history");
    sqlite3_finalize(st);
    return rs;
}

/* --- writing ------------------------------------------------------------- */

static enum kit_status store_bad_model(const struct store *s,
                                       struct kit_error *err)
{
    return kit_error_set(err, KIT_ESTORE,
                         "registry '%s': internal error: no such model in "
                         "memory", s->path);
}

/* Runs sql, an INSERT or UPDATE of one model row, bound to the model's
 * name (?1), next version number (?2) and last-updated time (?3).  *code
 * gets SQLite's extended result code of the statement. */
static enum kit_status store_write_model(struct store *s,
                                         const struct registry *r,
                                         uint32_t model, const char *sql,
                                         int *code, struct kit_error *err)
{
    const char *name = reg_model_name(r, model);
    sqlite3_stmt *st;
    *code = SQLITE_OK;
    if (name == NULL)
        return store_bad_model(s, err);
    enum kit_status rs = store_prepare(s, sql, &st, err);
    if (rs != KIT_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, reg_model_next_number(r, model));
    sqlite3_bind_int64(st, 3, reg_model_updated(r, model));
    rs = store_done(s, st, err);
    *code = sqlite3_extended_errcode(s->db);
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_insert_model(struct store *s, const struct registry *r,
                                   uint32_t model, struct kit_error *err)
{
    int code;
    enum kit_status rs = store_write_model(
        s, r, model, "INSERT INTO models VALUES (?1, ?2, ?3)", &code, err);
    if (rs != KIT_OK && code == SQLITE_CONSTRAINT_PRIMARYKEY)
        rs = kit_error_set(err, KIT_EEXIST,
                           "Registered Model (name=%s) already exists.",
                           reg_model_name(r, model));
    return rs;
}

enum kit_status store_insert_version(struct store *s, const struct registry *r,
                                     uint32_t pos, struct kit_error *err)
{
    const struct reg_version *v = reg_version_at(r, pos);
    const char *name = v ? reg_model_name(r, v->model) : NULL;
    sqlite3_stmt *st;
    if (name == NULL)
        return store_bad_model(s, err);
    enum kit_status rs = store_prepare(
        s, "INSERT INTO versions VALUES (?1, ?2, ?3, ?4)", &st, err);
    if (rs != KIT_OK)
        return rs;
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, v->number);
    sqlite3_bind_int(st, 3, (int)v->stage);
    sqlite3_bind_int64(st, 4, v->updated_ms);
    rs = store_done(s, st, err);
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_save_model(struct store *s, const struct registry *r,
                                 uint32_t model, struct kit_error *err)
{
    int code;
    return store_write_model(
        s, r, model,
        "UPDATE models SET next_version = max(next_version, ?2), "
        "updated_ms = max(updated_ms, ?3) WHERE name = ?1",
        &code, err);
}

enum kit_status store_delete_version(struct store *s, const char *name,
                                     int64_t number, struct kit_error *err)
{
    sqlite3_stmt *st;
    enum kit_status rs = store_prepare(
        s, "DELETE FROM versions WHERE model = ?1 AND number = ?2", &st, err);
    if (rs != KIT_OK)
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
/* The version whose transition archived entry i (0 when it is no
 * cascade): the batch's non-cascade stage entry of the same model and
 * time.  A transition's cascade entries come together and share their
 * cause, so the one found last is kept in *memo: a cascade of k versions
 * costs one scan, not k (the scan per entry made it O(k^2)). */
struct store_cause_memo {
    bool set;
    uint32_t model;
    int64_t at_ms, number;
};

static int64_t store_cause(const struct reg_history_entry *h, size_t first,
                           size_t n, size_t i, struct store_cause_memo *memo)
{
    if (!h[i].cascade)
        return 0;
    if (memo->set && memo->model == h[i].model && memo->at_ms == h[i].at_ms)
        return memo->number;
    int64_t number = 0;
    for (size_t j = first; j < n && number == 0; j++)
        if (h[j].kind == REG_HISTORY_STAGE && !h[j].cascade &&
            h[j].model == h[i].model && h[j].at_ms == h[i].at_ms)
            number = h[j].number;
    *memo = (struct store_cause_memo){true, h[i].model, h[i].at_ms, number};
    return number;
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
static enum kit_status store_write_version(struct store *s, sqlite3_stmt *st,
                                           const struct registry *r,
                                           const char *name, int64_t number,
                                           struct kit_error *err)
{
    uint32_t pos;
    if (reg_version_find(r, name, number, &pos, NULL) != KIT_OK)
        return KIT_OK; /* moved, then deleted in the same command */
    const struct reg_version *v = reg_version_at(r, pos);
    store_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, number);
    sqlite3_bind_int(st, 3, (int)v->stage);
    sqlite3_bind_int64(st, 4, v->updated_ms);
    return store_done(s, st, err);
}

/* The first stage entry at or after i, or n. */
static size_t store_next_stage(const struct reg_history_entry *h, size_t i,
                               size_t n)
{
    while (i < n && h[i].kind != REG_HISTORY_STAGE)
        i++;
    return i;
}

struct store_txn_stmts {
    sqlite3_stmt *history, *version;   /* stage entries */
    sqlite3_stmt *alias_line, *alias_set, *alias_delete;
    struct store_cause_memo cause;     /* store_cause()'s last answer */
};

static const char *const store_txn_sql[] = {
    "INSERT INTO history(model, version, from_stage, to_stage, at_ms, "
    "is_cascade, cause) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "UPDATE versions SET stage = ?3, updated_ms = ?4 "
    "WHERE model = ?1 AND number = ?2",
    /* An alias line records the version's stage of the time. */
    "INSERT INTO history(model, version, from_stage, to_stage, at_ms, "
    "is_cascade, kind, alias, from_version) VALUES (?1, ?2, "
    "coalesce((SELECT stage FROM versions WHERE model = ?1 AND number = ?2),"
    " 0), "
    "coalesce((SELECT stage FROM versions WHERE model = ?1 AND number = ?2),"
    " 0), ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO aliases(model, alias, version) VALUES (?1, ?2, ?3) "
    "ON CONFLICT(model, alias) DO UPDATE SET version = excluded.version",
    "DELETE FROM aliases WHERE model = ?1 AND alias = ?2",
};

static sqlite3_stmt **store_txn_slot(struct store_txn_stmts *st, size_t i)
{
    sqlite3_stmt **slots[] = {&st->history, &st->version, &st->alias_line,
                              &st->alias_set, &st->alias_delete};
    return slots[i];
}

#define STORE_TXN_STMTS (sizeof store_txn_sql / sizeof store_txn_sql[0])

/* store_txn_sql's statements, by index (store_txn_slot's order). */
enum { STORE_TXN_HISTORY, STORE_TXN_VERSION, STORE_TXN_ALIAS_LINE,
       STORE_TXN_ALIAS_SET, STORE_TXN_ALIAS_DELETE };

/* Prepares statement `first` and the `count - 1` after it, those not yet
 * prepared: on first use, because each prepare costs 15-60 us of a
 * command's fixed cost (a transition uses two of the five). */
static enum kit_status store_txn_need(struct store *s,
                                      struct store_txn_stmts *st, size_t first,
                                      size_t count, struct kit_error *err)
{
    enum kit_status rs = KIT_OK;
    for (size_t i = first; rs == KIT_OK && i < first + count; i++)
        if (*store_txn_slot(st, i) == NULL)
            rs = store_prepare(s, store_txn_sql[i], store_txn_slot(st, i),
                               err);
    return rs;
}

static void store_txn_finalize(struct store_txn_stmts *st)
{
    for (size_t i = 0; i < STORE_TXN_STMTS; i++)
        sqlite3_finalize(*store_txn_slot(st, i));
}

static enum kit_status store_save_entry(struct store *s,
                                        struct store_txn_stmts *st,
                                        const struct registry *r,
                                        const struct reg_history_entry *h,
                                        size_t first, size_t n, size_t i,
                                        struct kit_error *err)
{
    const char *name = reg_model_name(r, h[i].model);
    if (name == NULL || !store_stage_ok(h[i].from) || !store_stage_ok(h[i].to))
        return store_bad_model(s, err);
    enum kit_status rs = store_txn_need(s, st, STORE_TXN_HISTORY, 2, err);
    if (rs != KIT_OK)
        return rs;
    store_bind_entry(st->history, name, &h[i],
                     store_cause(h, first, n, i, &st->cause));
    rs = store_done(s, st->history, err);
    if (rs == KIT_OK)
        rs = store_write_version(s, st->version, r, name, h[i].number, err);
    /* A batch is one transition, usually of one model: save each model
     * once, after its last stage entry. */
    size_t next = store_next_stage(h, i + 1, n);
    if (rs == KIT_OK && (next == n || h[next].model != h[i].model))
        rs = store_save_model(s, r, h[i].model, err);
    return rs;
}

/* Sets, moves or deletes the stored alias an alias entry names. */
static enum kit_status store_write_alias(struct store *s,
                                         struct store_txn_stmts *st,
                                         const char *name,
                                         const struct reg_history_entry *e,
                                         struct kit_error *err)
{
    bool gone = e->kind == REG_HISTORY_ALIAS_DELETE;
    sqlite3_stmt *w = gone ? st->alias_delete : st->alias_set;
    store_bind_text(w, 1, name);
    store_bind_text(w, 2, e->alias);
    if (!gone)
        sqlite3_bind_int64(w, 3, e->number);
    return store_done(s, w, err);
}

static enum kit_status store_save_alias(struct store *s,
                                        struct store_txn_stmts *st,
                                        const struct registry *r,
                                        const struct reg_history_entry *e,
                                        struct kit_error *err)
{
    const char *name = reg_model_name(r, e->model);
    if (name == NULL || e->alias == NULL)
        return store_bad_model(s, err);
    enum kit_status rs = store_txn_need(s, st, STORE_TXN_ALIAS_LINE, 3, err);
    if (rs != KIT_OK)
        return rs;
    sqlite3_stmt *line = st->alias_line;
    store_bind_text(line, 1, name);
    sqlite3_bind_int64(line, 2, e->number);
    sqlite3_bind_int64(line, 3, e->at_ms);
    sqlite3_bind_int(line, 4, e->cascade ? 1 : 0);
    sqlite3_bind_int(line, 5, (int)e->kind);
    store_bind_text(line, 6, e->alias);
    if (e->kind == REG_HISTORY_ALIAS_MOVE)
        sqlite3_bind_int64(line, 7, e->from_number);
    rs = store_done(s, line, err);
    return rs == KIT_OK ? store_write_alias(s, st, name, e, err) : rs;
}

/* A schema-1 file has no alias columns: store_open() upgrades every file it
 * opens for writing, so this is an internal error. */
static enum kit_status store_no_alias_table(const struct store *s,
                                            struct kit_error *err)
{
    return kit_error_set(err, KIT_ESTORE,
                         "registry '%s': internal error: an alias change "
                         "for a file of schema %lld", s->path,
                         (long long)s->schema);
}

enum kit_status store_save_transitions(struct store *s,
                                       const struct registry *r, size_t first,
                                       struct kit_error *err)
{
    size_t n;
    const struct reg_history_entry *h = reg_history(r, &n);
    struct store_txn_stmts st = {0};
    if (s->schema < 2 && first < n)
        return store_no_alias_table(s, err);
    enum kit_status rs = KIT_OK;
    for (size_t i = first; rs == KIT_OK && i < n; i++)
        rs = h[i].kind == REG_HISTORY_STAGE
                 ? store_save_entry(s, &st, r, h, first, n, i, err)
                 : store_save_alias(s, &st, r, &h[i], err);
    store_txn_finalize(&st);
    return rs;
}

enum kit_status store_set_one_per_stage(struct store *s, bool on,
                                        struct kit_error *err)
{
    return store_exec(s,
                      on ? "UPDATE settings SET one_per_stage = 1"
                         : "UPDATE settings SET one_per_stage = 0",
                      err);
}

/* --- checking ------------------------------------------------------------ */

/* Each query returns one text column per problem found. */
static const char *const store_checks[] = {
    "SELECT 'integrity: ' || integrity_check FROM pragma_integrity_check "
    "WHERE integrity_check <> 'ok'",
    "SELECT 'foreign key: a row of ' || \"table\" || ' names a missing ' || "
    "parent FROM pragma_foreign_key_check",
    "SELECT 'version ' || model || ' v' || number || ': stage ' || stage || "
    "' is no stage' FROM versions WHERE stage NOT BETWEEN 0 AND 3",
    "SELECT 'version ' || v.model || ' v' || v.number || ' is not below its "
    "model''s next version number ' || m.next_version FROM versions v "
    "JOIN models m ON m.name = v.model WHERE v.number >= m.next_version",
    "SELECT 'history ' || h.seq || ': ' || h.model || ' v' || h.version || "
    "' is not below its model''s next version number' FROM history h "
    "JOIN models m ON m.name = h.model WHERE h.version >= m.next_version",
    "WITH last AS (SELECT model, version, to_stage, max(seq) FROM history "
    "GROUP BY model, version) SELECT 'version ' || v.model || ' v' || "
    "v.number || ': stage ' || v.stage || ' is not its last history "
    "line''s' FROM versions v LEFT JOIN last l ON l.model = v.model AND "
    "l.version = v.number WHERE v.stage <> coalesce(l.to_stage, 0)",
    "SELECT 'history ' || seq || ': from_stage ' || from_stage || ' is not "
    "the previous line''s to_stage ' || prev FROM (SELECT seq, from_stage, "
    "lag(to_stage, 1, 0) OVER (PARTITION BY model, version ORDER BY seq) "
    "AS prev FROM history) WHERE from_stage <> prev",
};

#define STORE_NCHECKS (sizeof store_checks / sizeof store_checks[0])

static enum kit_status store_run_check(struct store *s, const char *sql,
                                       store_problem_fn *fn, void *ctx,
                                       size_t *problems,
                                       struct kit_error *err)
{
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        if (sqlite3_errcode(s->db) == SQLITE_NOMEM) /* not the file's */
            return store_fail(s, err, "cannot check the registry");
        fn(ctx, sqlite3_errmsg(s->db)); /* a damaged schema */
        ++*problems;
        return KIT_OK;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        if (text == NULL && sqlite3_errcode(s->db) == SQLITE_NOMEM) {
            rc = SQLITE_NOMEM;
            break;
        }
        fn(ctx, text ? text : "?");
        ++*problems;
    }
    enum kit_status rs = KIT_OK;
    if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CORRUPT)
        rs = store_fail(s, err, "cannot check the registry");
    else if (rc != SQLITE_DONE) {
        fn(ctx, sqlite3_errmsg(s->db));
        ++*problems;
    }
    sqlite3_finalize(st);
    return rs;
}

enum kit_status store_verify(struct store *s, store_problem_fn *fn,
                             void *ctx, size_t *problems,
                             struct kit_error *err)
{
    enum kit_status rs = KIT_OK;
    *problems = 0;
    for (size_t i = 0; rs == KIT_OK && i < STORE_NCHECKS; i++)
        rs = store_run_check(s, store_checks[i], fn, ctx, problems, err);
    return rs;
}
