#ifndef REGISTRY_H
#define REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stage.h"
#include "status.h"

/*
 * The in-memory model registry: the engine under every exercise.
 *
 * - Registered models live in a hash table keyed by name (O(1) lookups).
 * - Every live version of every model lives in ONE contiguous array,
 *   reg_versions(), which the dispatch loop walks.  Deleting a version moves
 *   the last element into the hole, so positions are not stable across a
 *   delete; version numbers are.
 * - A per-stage index (registry-wide and per model) is kept in sync by
 *   reg_set_stage(): counts are O(1), and iterating one stage costs
 *   O(versions in that stage).
 * - Every stage change, and every alias set, move and delete, is appended
 *   to a history.
 * - Aliases (MLflow 2.9 and later, /work/shared/MLFLOW_ALIASES.md): each
 *   model keeps a small map alias -> version number.  An alias names exactly
 *   one live version; a version may carry several.
 *
 * The registry is a value the caller owns: reg_init() on caller storage,
 * reg_free() to release.  There is no global state.  All functions that
 * take a struct kit_error accept NULL there.
 */

/* One model version.  32 bytes, so a scan touches two per cache line. */
struct reg_version {
    uint32_t model;      /* index of the model: reg_model_name(r, model) */
    uint32_t stage_slot; /* engine bookkeeping: place in the stage index */
    uint32_t model_slot; /* engine bookkeeping: place in the model's index */
    enum stage stage;
    int64_t number;     /* version number within its model, from 1 */
    int64_t updated_ms; /* last stage change (ms since the epoch) */
};

/* What a history entry records. */
enum reg_history_kind {
    REG_HISTORY_STAGE,        /* a stage transition (from -> to) */
    REG_HISTORY_ALIAS_SET,    /* a new alias now names `number` */
    REG_HISTORY_ALIAS_MOVE,   /* an alias moved from `from_number` to `number` */
    REG_HISTORY_ALIAS_DELETE, /* an alias that named `number` was deleted */
};

/* One line of the history: a stage transition or an alias change. */
struct reg_history_entry {
    uint32_t model;
    enum reg_history_kind kind;
    enum stage from, to; /* REG_HISTORY_STAGE only (STAGE_NONE otherwise) */
    int64_t number;      /* the version (see the kinds above) */
    int64_t from_number; /* REG_HISTORY_ALIAS_MOVE only (0 otherwise) */
    int64_t at_ms;
    /* A stage entry: archived by another version's archive_existing_versions.
     * An alias delete: removed together with its version. */
    bool cascade;
    /* Alias entries: the alias, owned by the registry and valid until
     * reg_free() (even after the alias is deleted).  NULL for stages. */
    const char *alias;
};

/* One alias of a model: the alias names version `number`. */
struct reg_alias {
    const char *name;
    int64_t number;
};

/* A read-only view of the versions in one stage: versions[pos[i]] for
 * i < count.  Valid until the registry is next modified. */
struct reg_view {
    const struct reg_version *versions;
    const uint32_t *pos;
    size_t count;
};

/* How memory is obtained (Lua's lua_Alloc): realloc(ud, p, 0) frees p and
 * returns NULL; otherwise it behaves as realloc() and may return NULL. */
typedef void *reg_realloc_fn(void *ud, void *p, size_t size);

/* Where timestamps come from: milliseconds since the epoch. */
typedef int64_t reg_clock_fn(void *ud);

struct reg_list {
    uint32_t *pos;
    size_t count, cap;
};

struct reg_model {
    char *name;
    int64_t next_number; /* highest number ever created + 1 */
    int64_t updated_ms;
    uint32_t *pos_of;    /* number -> position in versions, or REG_NOPOS */
    size_t pos_of_cap;
    struct reg_list by_stage[STAGE_COUNT];
    struct reg_alias *aliases; /* in the order they were first set */
    size_t naliases, aliases_cap;
};

/* The fields are visible so that the registry can live on the stack; treat
 * them as private and use the functions below. */
struct registry {
    struct reg_model *models;
    size_t nmodels, models_cap;
    uint32_t *table; /* open addressing: model index + 1, 0 = empty */
    size_t table_cap;
    struct reg_version *versions;
    size_t nversions, versions_cap;
    struct reg_list by_stage[STAGE_COUNT];
    struct reg_history_entry *history;
    size_t nhistory, history_cap;
    /* Every alias name ever set, once each (open addressing, NULL =
     * empty); aliases and history entries point into it. */
    char **alias_names;
    size_t nalias_names, alias_names_cap;
    bool one_per_stage;
    reg_realloc_fn *realloc_fn;
    void *realloc_ud;
    reg_clock_fn *clock_fn;
    void *clock_ud;
};

#define REG_NOPOS UINT32_MAX

/* Initialises an empty registry on caller storage, using the C library's
 * allocator and the real-time clock.  Cannot fail. */
void reg_init(struct registry *r);

/* As reg_init(), with a custom allocator (used by tests to simulate
 * out-of-memory).  realloc_fn must not be NULL. */
void reg_init_alloc(struct registry *r, reg_realloc_fn *realloc_fn, void *ud);

/* Releases everything the registry owns and leaves it empty and ready for
 * reuse, with the same allocator but the real-time clock and the policy
 * off again.  reg_free(NULL) is a no-op. */
void reg_free(struct registry *r);

/* Replaces the clock (tests use a fake one); NULL restores the real-time
 * clock. */
void reg_set_clock(struct registry *r, reg_clock_fn *clock_fn, void *ud);

/* The registry's current time in milliseconds, from its clock. */
int64_t reg_now(const struct registry *r);

/* The one-version-per-active-stage policy (off by default, as in MLflow).
 * When on, moving a version into Staging or Production while another
 * version of the same model is there is KIT_ECONFLICT, unless the
 * transition archives the existing versions.  reg_one_per_stage() tells
 * whether it is on. */
void reg_set_one_per_stage(struct registry *r, bool on);
bool reg_one_per_stage(const struct registry *r);

/* --- models ------------------------------------------------------------ */

/* Registers a model.  KIT_EINVAL for an empty name ("Registered model name
 * cannot be empty."), KIT_EEXIST if it exists ("Registered Model
 * (name=<name>) already exists."), KIT_ERANGE past 2^32 - 2 models,
 * KIT_ENOMEM.  On error nothing changes.  The name is copied. */
enum kit_status reg_model_create(struct registry *r, const char *name,
                                 struct kit_error *err);

/* KIT_OK for a usable model name; KIT_EINVAL "Registered model name cannot
 * be empty." for NULL or "". */
enum kit_status reg_check_name(const char *name, struct kit_error *err);

/* Finds a model by name in O(1) on average.  On success writes its index to
 * *model.  KIT_ENOTFOUND ("Registered Model with name=<name> not found") or
 * KIT_EINVAL for an empty name. */
enum kit_status reg_model_find(const struct registry *r, const char *name,
                               uint32_t *model, struct kit_error *err);

/* The number of registered models; their indexes are 0 .. count - 1. */
size_t reg_model_count(const struct registry *r);

/* The name of a model index; NULL outside the table.  Owned by the
 * registry; valid until the next call that changes the registry (today,
 * with no model deletion, until reg_free(); do not count on it). */
const char *reg_model_name(const struct registry *r, uint32_t model);

/* The model's last-updated time (ms), 0 until its first change. */
int64_t reg_model_updated(const struct registry *r, uint32_t model);

/* The number the model's next version will get (highest ever + 1). */
int64_t reg_model_next_number(const struct registry *r, uint32_t model);

/* --- versions ---------------------------------------------------------- */

/* Creates the next version of a model, in stage None, and writes its number
 * to *number (may be NULL).  Numbers start at 1 and are never reused.
 * KIT_ENOTFOUND for an unknown model, KIT_ERANGE past 16,777,215 versions
 * of one model or 2^32 - 2 versions in all,
 * KIT_ENOMEM.  On error nothing changes. */
enum kit_status reg_version_create(struct registry *r, const char *name,
                                   int64_t *number, struct kit_error *err);

/* Puts back a stored version with a given number, stage and time, without
 * a history entry (the SQLite store loads models this way).  The model's
 * next number becomes at least number + 1.  KIT_EEXIST if that number is
 * live, KIT_ERANGE for number < 1, KIT_ENOTFOUND, KIT_ENOMEM. */
enum kit_status reg_version_restore(struct registry *r, const char *name,
                                    int64_t number, enum stage stage,
                                    int64_t updated_ms, struct kit_error *err);

/* Raises a model's next number (a store that remembers deleted versions
 * uses this).  Never lowers it.  KIT_ENOTFOUND, KIT_ERANGE. */
enum kit_status reg_model_bump_next(struct registry *r, const char *name,
                                    int64_t next_number,
                                    struct kit_error *err);

/* Finds version `number` of model `name`; writes its position in
 * reg_versions() to *pos.  KIT_ENOTFOUND with MLflow's message "Model
 * Version (name=<name>, version=<number>) not found" (also when the model
 * does not exist). */
enum kit_status reg_version_find(const struct registry *r, const char *name,
                                 int64_t number, uint32_t *pos,
                                 struct kit_error *err);

/* Deletes a version.  Its number is never reused.  The last version of the
 * array moves into its place.  Its aliases are deleted with it (no
 * fallback to another version, as MLflow's PR #8459), each with a history
 * entry (REG_HISTORY_ALIAS_DELETE, cascade set) at one instant.
 * KIT_ENOTFOUND as reg_version_find(); KIT_ENOMEM only for a version that
 * carries aliases, when the history cannot grow.  On error nothing
 * changes.
 *
 * The registry has no model deletion, so MLflow's "deleting a model deletes
 * all its aliases" has nothing to apply to yet; reg_free() releases every
 * alias with its model. */
enum kit_status reg_version_delete(struct registry *r, const char *name,
                                   int64_t number, struct kit_error *err);

/* The contiguous array of live versions and its length (*n).  Owned by
 * the registry; valid until the next call that changes the registry (a
 * create can move the array, a delete moves the last version). */
const struct reg_version *reg_versions(const struct registry *r, size_t *n);

/* The version at a position; NULL outside the array.  Valid, and at that
 * position, until the next call that changes the registry. */
const struct reg_version *reg_version_at(const struct registry *r,
                                         uint32_t pos);

/* Parses a version argument: an integer with an optional sign and nothing
 * else (zero and negatives are valid syntax and later end in "not found").
 * Stricter than MLflow's Python int(), which also takes surrounding spaces
 * and underscores ("1_000"); the message is MLflow's.  raw must not be
 * NULL.  KIT_EINVAL "Model version must be an integer, got '<raw>'";
 * KIT_ERANGE when it does not fit in 64 bits.  *out is written only on
 * success. */
enum kit_status reg_parse_version(const char *raw, int64_t *out,
                                  struct kit_error *err);

/* --- the stage index ----------------------------------------------------- */

/* Versions in a stage across the registry, in O(1). 0 outside the enum. */
size_t reg_stage_count(const struct registry *r, enum stage s);

/* The versions in stage s across the registry (empty view outside the
 * enum).  Walking it costs O(count), not O(all versions). */
struct reg_view reg_stage_view(const struct registry *r, enum stage s);

/* The versions of one model in stage s (empty view for a bad model or
 * stage). */
struct reg_view reg_model_stage_view(const struct registry *r, uint32_t model,
                                     enum stage s);

/* --- changing stages (the transition exercise is built on these) -------- */

/* Makes room for `extra` more history entries, so that the next `extra`
 * calls to reg_set_stage() cannot fail.  Call it before the first change of
 * a transition: after it, nothing can go wrong half-way.  KIT_ENOMEM. */
enum kit_status reg_reserve_history(struct registry *r, size_t extra);

/* Moves the version at pos to stage `to` at time at_ms, keeping both stage
 * indexes in sync, stamping the version and its model with at_ms, and
 * appending a history entry (cascade marks a version archived by another's
 * archive_existing_versions).  Moving to the same stage is a no-op that
 * still counts as a transition.  Never fails: the caller must have called
 * reg_reserve_history() (asserted).  pos must be valid (asserted). */
void reg_set_stage(struct registry *r, uint32_t pos, enum stage to,
                   int64_t at_ms, bool cascade);

/* Sets err to the one-per-stage conflict: version `number` of `name` cannot
 * move into stage `to` because version `holder` is there.  Returns
 * KIT_ECONFLICT.  Shared by the transition and promote exercises so that
 * the wording lives in one place. */
enum kit_status reg_conflict(struct kit_error *err, const char *name,
                             int64_t number, enum stage to, int64_t holder);

/* --- aliases (MLflow 2.9 and later) ------------------------------------ */

/* The longest alias name (MLflow's limit, in bytes here). */
#define REG_ALIAS_MAX 255

/* Validates an alias name with MLflow's checks, in MLflow's order, all
 * KIT_EINVAL with MLflow's messages:
 *   1. NULL or "": "Registered model alias name cannot be empty."
 *   2. a byte other than an ASCII letter, digit, '_' or '-': "Invalid alias
 *      name: '<alias>'. Names may only contain alphanumerics, underscores
 *      (_), and dashes (-)."  (Python's \w also takes non-ASCII letters;
 *      the kit does not.)
 *   3. over 255 bytes: "Registered model alias name '<first 250>' had length
 *      <n>, which exceeded length limit of 255"
 *   4. "latest" in any case: "'latest' alias name (case insensitive) is
 *      reserved."
 *   5. v or V and digits only ("v1"): "Version alias name '<alias>' is
 *      reserved."
 * The kit follows MLflow 3.0-3.2: checks 4 and 5 run on set, get and
 * delete (from 3.3 they run on set only).  "2" is a legal alias. */
enum kit_status reg_check_alias(const char *alias, struct kit_error *err);

/* Points `alias` of model `name` at version `number` (an upsert): a new
 * alias is created, an existing one moves, with no error, and setting it to
 * the version it already names changes nothing and records nothing.  Checks
 * the model name, then the alias (reg_check_alias()), then that the version
 * exists: "Model Version (name=<name>, version=<number>) not found"
 * (KIT_ENOTFOUND, also for a missing model, as MLflow's SQL store).
 * Records a REG_HISTORY_ALIAS_SET or _MOVE entry, reading the clock once.
 * The model's last-updated time (stage changes) is not touched.
 * KIT_ENOMEM.  On error nothing changes.  The alias is copied. */
enum kit_status reg_alias_set(struct registry *r, const char *name,
                              const char *alias, int64_t number,
                              struct kit_error *err);

/* Deletes `alias` of model `name`.  Checks the name and the alias, then
 * requires the model: "Registered Model with name=<name> not found"
 * (KIT_ENOTFOUND).  An alias that does not exist is no error and records
 * nothing; otherwise a REG_HISTORY_ALIAS_DELETE entry, one clock reading.
 * KIT_ENOMEM when the history cannot grow.  On error nothing changes. */
enum kit_status reg_alias_delete(struct registry *r, const char *name,
                                 const char *alias, struct kit_error *err);

/* MLflow's get_model_version_by_alias: writes the version `alias` of model
 * `name` names to *number (only on success).  Checks the name and the
 * alias; an unknown alias is "Registered model alias <alias> not found."
 * with KIT_EINVAL (HTTP 400 in MLflow, not 404), even when the model does
 * not exist. */
enum kit_status reg_alias_get(const struct registry *r, const char *name,
                              const char *alias, int64_t *number,
                              struct kit_error *err);

/* Makes room so that one reg_alias_set() of `alias` on model `name` and
 * `history` alias changes in all (sets, moves, deletes) cannot fail for
 * lack of memory until the registry is next changed in another way: call
 * it before the first step of a change made of several.  Checks the name
 * and the alias (KIT_EINVAL), requires the model (KIT_ENOTFOUND as
 * reg_alias_delete()), KIT_ENOMEM.  Room is not a change: on error, and on
 * success, every alias and the history are as they were. */
enum kit_status reg_alias_reserve(struct registry *r, const char *name,
                                  const char *alias, size_t history,
                                  struct kit_error *err);

/* Puts back a stored alias without a history entry and without reading
 * the clock (the SQLite store loads aliases this way): `alias` of model
 * `name` names version `number`, which must be live.  The checks and
 * errors of reg_alias_set(), and KIT_EEXIST when the model has that alias
 * already.  On error nothing changes.  The alias is copied. */
enum kit_status reg_alias_restore(struct registry *r, const char *name,
                                  const char *alias, int64_t number,
                                  struct kit_error *err);

/* A model's aliases as a map alias -> version, in the order they were first
 * set, and their number (*n); empty for a bad model.  Valid until the
 * registry is next modified. */
const struct reg_alias *reg_alias_list(const struct registry *r,
                                       uint32_t model, size_t *n);

/* A version's aliases as a list: writes up to cap alias names of version
 * `number` of model `model` to out (in the model's order) and returns how
 * many it carries (0 for a bad model or version).  The names are valid
 * until reg_free(). */
size_t reg_version_aliases(const struct registry *r, uint32_t model,
                           int64_t number, const char **out, size_t cap);

/* --- history ------------------------------------------------------------- */

/* All history entries, stage transitions and alias changes interleaved,
 * oldest first, and their number (*n).  Owned by the registry; valid until
 * the next call that changes the registry (an entry's alias string lives
 * until reg_free()). */
const struct reg_history_entry *reg_history(const struct registry *r,
                                            size_t *n);

#endif /* REGISTRY_H */
