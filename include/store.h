#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "registry.h"
#include "status.h"

/*
 * The registry on disk: one SQLite file (schema version STORE_SCHEMA,
 * PRAGMA user_version; PRAGMA application_id marks the file as a modelreg
 * registry).  Tables: models(name, next_version, updated_ms),
 * versions(model, number, stage, updated_ms), aliases(model, alias,
 * version), history(seq, model, version, from_stage, to_stage, at_ms,
 * is_cascade, cause, kind, alias, from_version), settings(one_per_stage),
 * and stages(id, name) naming the stage numbers for humans.
 *
 * Schema 1 (modelreg 0.1.0: no aliases) is still read: a read-only command
 * leaves such a file exactly as it is and sees no aliases; the first write
 * command upgrades it to STORE_SCHEMA inside its own transaction, so a
 * command that fails leaves the file at schema 1.  A newer schema is
 * refused and never written.
 *
 * A command opens the store, which begins ONE transaction, loads only the
 * models it needs into a struct registry, runs the engine or exercise
 * function there, writes back exactly what changed and commits.  Closing
 * without committing rolls everything back: nothing is ever half-done.
 * Every error is KIT_ESTORE with the path and SQLite's reason in err,
 * unless stated otherwise.
 */

#define STORE_SCHEMA 2
#define STORE_SCHEMA_OLDEST 1 /* the oldest schema read and upgraded */
#define STORE_APP_ID 0x4d524547 /* "MREG" */
#define STORE_BUSY_MS 30000

/* The write-ahead log.  Each process that opens the registry first reads
 * the log to rebuild its index (SQLite's recovery), so the log is kept
 * short: after a commit that leaves STORE_WAL_FRAMES frames or more,
 * store_commit() copies the log into the file and restarts it, so the
 * next commits overwrite it from its start; at a restart, a log file
 * longer than STORE_WAL_LIMIT bytes is cut back to it (a frame is a 4 KiB
 * page and its 24-byte header).  Between commands the log holds fewer
 * than STORE_WAL_FRAMES frames, unless another connection held off the
 * checkpoint (it never waits). */
#define STORE_WAL_FRAMES 64
#define STORE_WAL_LIMIT (2 * STORE_WAL_FRAMES * (4096 + 24))

struct store;

enum store_mode {
    STORE_READ, /* a read transaction: a consistent snapshot */
    STORE_WRITE /* BEGIN IMMEDIATE: the write lock, waiting up to
                   STORE_BUSY_MS for another writer */
};

/* Opens the registry at path, creating it when the file is missing or
 * empty, checks that it is a registry of a schema from STORE_SCHEMA_OLDEST
 * to STORE_SCHEMA, and begins the command's transaction; in STORE_WRITE
 * mode an older file is upgraded in that transaction.  A file that is not
 * a registry (not SQLite, another program's database, a newer schema) is
 * refused with a clear message and never written.  On success *out owns
 * the connection. */
enum kit_status store_open(const char *path, enum store_mode mode,
                           struct store **out, struct kit_error *err);

/* Commits the transaction.  On error nothing was written. */
enum kit_status store_commit(struct store *s, struct kit_error *err);

/* Rolls back whatever was not committed and closes.  NULL is a no-op. */
void store_close(struct store *s);

/* --- reading ------------------------------------------------------------- */

/* Sets r's one-per-stage policy from the stored setting. */
enum kit_status store_load_settings(struct store *s, struct registry *r,
                                    struct kit_error *err);

/* Loads model `name` and all its versions into r (which must not hold it
 * yet).  *found is false, and r unchanged, when the store has no such
 * model. */
enum kit_status store_load_model(struct store *s, struct registry *r,
                                 const char *name, bool *found,
                                 struct kit_error *err);

/* Loads the part of model `name` that a command about version `number`
 * can read or change: the model (with its next version number), that
 * version if it exists, and the model's other versions in stage `in`
 * (none when `in` is STAGE_COUNT).  A transition to stage S needs exactly
 * this with in = S: the policy check and archive_existing_versions look at
 * nothing else (transition.h).  Costs O(versions loaded), not O(model).
 * *found as store_load_model(). */
enum kit_status store_load_slice(struct store *s, struct registry *r,
                                 const char *name, int64_t number,
                                 enum stage in, bool *found,
                                 struct kit_error *err);

/* Loads version `number` of model `name` into r, whose model must be
 * loaded and must not hold that version yet; nothing when it is not
 * stored.  One index lookup. */
enum kit_status store_load_version(struct store *s, struct registry *r,
                                   const char *name, int64_t number,
                                   struct kit_error *err);

/* The version that `alias` of model `name` names, into *number; *found is
 * false (and *number unwritten) when there is no such alias (always, in a
 * schema-1 file).  One index lookup; nothing is loaded. */
enum kit_status store_alias_version(struct store *s, const char *name,
                                    const char *alias, int64_t *number,
                                    bool *found, struct kit_error *err);

/* Counts the stored versions of model `name` in stage `in`, up to max (an
 * index lookup of at most max entries: no version is loaded), into *n. */
enum kit_status store_count_in_stage(struct store *s, const char *name,
                                     enum stage in, int64_t max, int64_t *n,
                                     struct kit_error *err);

/* Loads every model and version, ordered by model name then number. */
enum kit_status store_load_all(struct store *s, struct registry *r,
                               struct kit_error *err);

/* Loads the stored aliases (in the order they were first set) of model
 * `name`, or of every model when name is NULL; only those that name
 * version *number when number is not NULL.  The versions they name must be
 * loaded in r already (KIT_ESTORE otherwise).  No history entry is added
 * (reg_alias_restore()).  A schema-1 file has no aliases: nothing is
 * loaded. */
enum kit_status store_load_aliases(struct store *s, struct registry *r,
                                   const char *name, const int64_t *number,
                                   struct kit_error *err);

/* Whether the store has model `name`. */
enum kit_status store_has_model(struct store *s, const char *name,
                                bool *found, struct kit_error *err);

/* One stored history line: a stage transition or an alias change.  model
 * and alias point into SQLite's memory and are valid only during the
 * callback. */
struct store_history_row {
    int64_t seq;
    const char *model;
    int64_t version;
    enum reg_history_kind kind;
    enum stage from, to; /* an alias line: the version's stage at the time */
    int64_t at_ms;
    bool cascade; /* a stage line: archived by archive_existing_versions; an
                     alias delete: deleted with its version */
    int64_t cause; /* the version whose archive_existing_versions archived
                      this one; 0 when unknown or not a cascade */
    const char *alias;    /* alias lines only, NULL otherwise */
    int64_t from_version; /* REG_HISTORY_ALIAS_MOVE: the version it left */
};

typedef void store_history_fn(void *ctx, const struct store_history_row *h);

/* Calls fn for every history line (of model `name` only, when not NULL),
 * oldest first. */
enum kit_status store_each_history(struct store *s, const char *name,
                                   store_history_fn *fn, void *ctx,
                                   struct kit_error *err);

/* --- writing (inside the open transaction) -------------------------------- */

/* Stores model `model` of r as a new row (KIT_EEXIST if the name is
 * taken). */
enum kit_status store_insert_model(struct store *s, const struct registry *r,
                                   uint32_t model, struct kit_error *err);

/* Stores the version at position pos of r as a new row. */
enum kit_status store_insert_version(struct store *s, const struct registry *r,
                                     uint32_t pos, struct kit_error *err);

/* Stores model `model`'s next version number and last-updated time (the
 * time never goes back). */
enum kit_status store_save_model(struct store *s, const struct registry *r,
                                 uint32_t model, struct kit_error *err);

/* Deletes the row of version `number` of `name`. */
enum kit_status store_delete_version(struct store *s, const char *name,
                                     int64_t number, struct kit_error *err);

/* Persists the changes recorded in r's history from index `first` on, in
 * order: appends them to the stored history (a cascade line records the
 * version whose transition archived it); for a stage change writes the
 * current stage and time of the version and model it names, for an alias
 * change sets, moves or deletes the stored alias.  Call it before
 * store_delete_version() when a delete removed aliases. */
enum kit_status store_save_transitions(struct store *s,
                                       const struct registry *r, size_t first,
                                       struct kit_error *err);

/* Stores the one-per-stage policy setting. */
enum kit_status store_set_one_per_stage(struct store *s, bool on,
                                        struct kit_error *err);

/* --- checking ------------------------------------------------------------ */

typedef void store_problem_fn(void *ctx, const char *problem);

/* `modelreg check`: runs SQLite's integrity check, the foreign key check
 * and the kit's invariants (stages in range, version numbers below the
 * model's next number, each version's stage its last history line's, each
 * history line starting where the previous one ended), calling fn with
 * each problem found (the text is valid only during the call), and counts
 * them into *problems.  Damage that stops a check is one more problem, not
 * an error; KIT_ESTORE only when the file cannot be read at all.  Reads
 * only. */
enum kit_status store_verify(struct store *s, store_problem_fn *fn,
                             void *ctx, size_t *problems,
                             struct kit_error *err);

#endif /* STORE_H */
