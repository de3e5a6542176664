/* make modelreg-speed's yardstick: the least a process can do to make one
 * change durable in a SQLite registry the way modelreg does.  It opens the
 * file, keeps the log (SQLITE_FCNTL_PERSIST_WAL) and does not checkpoint it
 * at close (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE), asks for synchronous =
 * FULL, and in one BEGIN IMMEDIATE transaction updates one row of models,
 * then commits and closes.  No checks, no loading, no history: what is left
 * is SQLite's own fixed cost (opening, the log's index, the schema, the
 * sync), which no change to modelreg can remove.
 *   sqlite_floor REGISTRY MODEL
 * Exit 0 when the row was updated, 1 otherwise (with SQLite's message, or
 * "no model"), 2 on a bad command line. */
#include <sqlite3.h>
#include <stdio.h>

static const char floor_sql[] =
    "UPDATE models SET updated_ms = updated_ms + 1 WHERE name = ?1";

static int floor_update(sqlite3 *db, const char *model)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, floor_sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, model, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    sqlite3_finalize(st);
    if (rc == SQLITE_OK && sqlite3_changes(db) != 1) {
        fprintf(stderr, "sqlite_floor: no model '%s'\n", model);
        return SQLITE_NOTFOUND;
    }
    return rc;
}

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    int on = 1;
    if (argc != 3) {
        fprintf(stderr, "usage: sqlite_floor REGISTRY MODEL\n");
        return 2;
    }
    int rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
        sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        rc = sqlite3_exec(db, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE",
                          NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = floor_update(db, argv[2]);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND)
        fprintf(stderr, "sqlite_floor: %s: %s\n", argv[1],
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
