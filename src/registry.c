#include "registry.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Version numbers index each model's pos_of array, so they are bounded
 * (KIT_ERANGE past 16,777,215 versions of one model). */
#define REG_MAX_NUMBER ((int64_t)1 << 24)

/* --- memory -------------------------------------------------------------- */

static void *reg_default_realloc(void *ud, void *p, size_t size)
{
    (void)ud;
    if (size == 0) {
        free(p);
        return NULL;
    }
    return realloc(p, size);
}

static void reg_release(struct registry *r, void *p)
{
    if (p != NULL)
        r->realloc_fn(r->realloc_ud, p, 0);
}

/* Grows *p (of *cap elements of elem bytes) to hold at least need elements,
 * doubling.  On failure *p and *cap are unchanged. */
static enum kit_status reg_grow(struct registry *r, void **p, size_t *cap,
                                size_t need, size_t elem)
{
    if (need <= *cap)
        return KIT_OK;
    size_t n = *cap ? *cap : 4;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return KIT_ENOMEM;
        n *= 2;
    }
    if (n > SIZE_MAX / elem)
        return KIT_ENOMEM;
    void *q = r->realloc_fn(r->realloc_ud, *p, n * elem);
    if (q == NULL)
        return KIT_ENOMEM;
    *p = q;
    *cap = n;
    return KIT_OK;
}

static enum kit_status reg_list_reserve(struct registry *r,
                                        struct reg_list *l, size_t need)
{
    void *p = l->pos;
    enum kit_status st = reg_grow(r, &p, &l->cap, need, sizeof *l->pos);
    l->pos = p;
    return st;
}

static enum kit_status reg_oom(struct kit_error *err)
{
    return kit_error_set(err, KIT_ENOMEM, "out of memory");
}

/* --- lifetime ------------------------------------------------------------ */

static int64_t reg_realtime_ms(void *ud)
{
    (void)ud;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void reg_init_alloc(struct registry *r, reg_realloc_fn *realloc_fn, void *ud)
{
    assert(r != NULL && realloc_fn != NULL);
    memset(r, 0, sizeof *r);
    r->realloc_fn = realloc_fn;
    r->realloc_ud = ud;
    r->clock_fn = reg_realtime_ms;
}

void reg_init(struct registry *r)
{
    reg_init_alloc(r, reg_default_realloc, NULL);
}

static void reg_model_release(struct registry *r, struct reg_model *m)
{
    reg_release(r, m->name);
    reg_release(r, m->pos_of);
    reg_release(r, m->aliases);
    for (int s = 0; s < STAGE_COUNT; s++)
        reg_release(r, m->by_stage[s].pos);
}

void reg_free(struct registry *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nmodels; i++)
        reg_model_release(r, &r->models[i]);
    for (int s = 0; s < STAGE_COUNT; s++)
        reg_release(r, r->by_stage[s].pos);
    reg_release(r, r->models);
    reg_release(r, r->table);
    reg_release(r, r->versions);
    reg_release(r, r->history);
    for (size_t i = 0; i < r->alias_names_cap; i++)
        reg_release(r, r->alias_names[i]);
    reg_release(r, r->alias_names);
    reg_init_alloc(r, r->realloc_fn, r->realloc_ud);
}

void reg_set_clock(struct registry *r, reg_clock_fn *clock_fn, void *ud)
{
    r->clock_fn = clock_fn ? clock_fn : reg_realtime_ms;
    r->clock_ud = ud;
}

int64_t reg_now(const struct registry *r)
{
    return r->clock_fn(r->clock_ud);
}

void reg_set_one_per_stage(struct registry *r, bool on)
{
    r->one_per_stage = on;
}

bool reg_one_per_stage(const struct registry *r)
{
    return r->one_per_stage;
}

/* --- the model table ----------------------------------------------------- */

static uint64_t reg_hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The table slot holding name, or the empty slot where it would go. */
static size_t reg_slot(const struct registry *r, const char *name)
{
    size_t mask = r->table_cap - 1;
    size_t i = (size_t)reg_hash(name) & mask;
    while (r->table[i] != 0 &&
           strcmp(r->models[r->table[i] - 1].name, name) != 0)
        i = (i + 1) & mask;
    return i;
}

static bool reg_lookup(const struct registry *r, const char *name,
                       uint32_t *model)
{
    if (r->table_cap == 0)
        return false;
    uint32_t v = r->table[reg_slot(r, name)];
    if (v == 0)
        return false;
    *model = v - 1;
    return true;
}

/* Keeps the load factor at or below one half. */
static enum kit_status reg_table_reserve(struct registry *r, size_t nmodels)
{
    if (nmodels * 2 <= r->table_cap)
        return KIT_OK;
    size_t cap = r->table_cap ? r->table_cap * 2 : 16;
    uint32_t *t = r->realloc_fn(r->realloc_ud, NULL, cap * sizeof *t);
    if (t == NULL)
        return KIT_ENOMEM;
    memset(t, 0, cap * sizeof *t);
    reg_release(r, r->table);
    r->table = t;
    r->table_cap = cap;
    for (size_t m = 0; m < r->nmodels; m++)
        r->table[reg_slot(r, r->models[m].name)] = (uint32_t)m + 1;
    return KIT_OK;
}

static char *reg_strdup(struct registry *r, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = r->realloc_fn(r->realloc_ud, NULL, n);
    if (d != NULL)
        memcpy(d, s, n);
    return d;
}

enum kit_status reg_check_name(const char *name, struct kit_error *err)
{
    if (name == NULL || name[0] == '\0')
        return kit_error_set(err, KIT_EINVAL,
                             "Registered model name cannot be empty.");
    return KIT_OK;
}

enum kit_status reg_model_create(struct registry *r, const char *name,
                                 struct kit_error *err)
{
    uint32_t found;
    enum kit_status st = reg_check_name(name, err);
    if (st != KIT_OK)
        return st;
    if (reg_lookup(r, name, &found))
        return kit_error_set(err, KIT_EEXIST,
                             "Registered Model (name=%s) already exists.",
                             name);
    if (r->nmodels >= UINT32_MAX - 1)
        return kit_error_set(err, KIT_ERANGE, "too many registered models");
    void *models = r->models;
    if (reg_grow(r, &models, &r->models_cap, r->nmodels + 1,
                 sizeof *r->models) != KIT_OK)
        return reg_oom(err);
    r->models = models;
    if (reg_table_reserve(r, r->nmodels + 1) != KIT_OK)
        return reg_oom(err);
    char *copy = reg_strdup(r, name);
    if (copy == NULL)
        return reg_oom(err);
    struct reg_model *m = &r->models[r->nmodels];
    memset(m, 0, sizeof *m);
    m->name = copy;
    m->next_number = 1;
    r->table[reg_slot(r, name)] = (uint32_t)r->nmodels + 1;
    r->nmodels++;
    return KIT_OK;
}

enum kit_status reg_model_find(const struct registry *r, const char *name,
                               uint32_t *model, struct kit_error *err)
{
    enum kit_status st = reg_check_name(name, err);
    if (st != KIT_OK)
        return st;
    if (!reg_lookup(r, name, model))
        return kit_error_set(err, KIT_ENOTFOUND,
                             "Registered Model with name=%s not found", name);
    return KIT_OK;
}

size_t reg_model_count(const struct registry *r)
{
    return r->nmodels;
}

const char *reg_model_name(const struct registry *r, uint32_t model)
{
    return model < r->nmodels ? r->models[model].name : NULL;
}

int64_t reg_model_updated(const struct registry *r, uint32_t model)
{
    return model < r->nmodels ? r->models[model].updated_ms : 0;
}

int64_t reg_model_next_number(const struct registry *r, uint32_t model)
{
    return model < r->nmodels ? r->models[model].next_number : 0;
}

/* --- versions ------------------------------------------------------------ */

static size_t reg_model_live(const struct reg_model *m)
{
    size_t n = 0;
    for (int s = 0; s < STAGE_COUNT; s++)
        n += m->by_stage[s].count;
    return n;
}

/* Grows every array a new version of model m (numbered `number`) needs,
 * so that inserting it, and any later reg_set_stage(), cannot fail. */
static enum kit_status reg_reserve_version(struct registry *r,
                                           struct reg_model *m,
                                           int64_t number)
{
    size_t need = r->nversions + 1, mneed = reg_model_live(m) + 1;
    if (need >= UINT32_MAX)
        return KIT_ERANGE;
    void *p = r->versions;
    enum kit_status st =
        reg_grow(r, &p, &r->versions_cap, need, sizeof *r->versions);
    r->versions = p;
    for (int s = 0; st == KIT_OK && s < STAGE_COUNT; s++) {
        st = reg_list_reserve(r, &r->by_stage[s], need);
        if (st == KIT_OK)
            st = reg_list_reserve(r, &m->by_stage[s], mneed);
    }
    size_t old = m->pos_of_cap;
    p = m->pos_of;
    if (st == KIT_OK)
        st = reg_grow(r, &p, &m->pos_of_cap, (size_t)number + 1,
                      sizeof *m->pos_of);
    m->pos_of = p;
    for (size_t i = old; i < m->pos_of_cap; i++)
        m->pos_of[i] = REG_NOPOS;
    return st;
}

static void reg_list_push(struct reg_list *l, uint32_t pos, uint32_t *slot)
{
    assert(l->count < l->cap);
    *slot = (uint32_t)l->count;
    l->pos[l->count++] = pos;
}

/* Appends a version; every array has been reserved. */
static void reg_insert(struct registry *r, uint32_t model, int64_t number,
                       enum stage stage, int64_t updated_ms)
{
    struct reg_model *m = &r->models[model];
    uint32_t pos = (uint32_t)r->nversions++;
    struct reg_version *v = &r->versions[pos];
    v->model = model;
    v->number = number;
    v->stage = stage;
    v->updated_ms = updated_ms;
    reg_list_push(&r->by_stage[stage], pos, &v->stage_slot);
    reg_list_push(&m->by_stage[stage], pos, &v->model_slot);
    m->pos_of[number] = pos;
    if (number >= m->next_number)
        m->next_number = number + 1;
}

static enum kit_status reg_too_many(struct kit_error *err, const char *name)
{
    return kit_error_set(err, KIT_ERANGE,
                         "Registered Model (name=%s) cannot hold more versions",
                         name);
}

enum kit_status reg_version_create(struct registry *r, const char *name,
                                   int64_t *number, struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_model_find(r, name, &model, err);
    if (st != KIT_OK)
        return st;
    struct reg_model *m = &r->models[model];
    int64_t n = m->next_number;
    if (n >= REG_MAX_NUMBER)
        return reg_too_many(err, name);
    st = reg_reserve_version(r, m, n);
    if (st == KIT_ERANGE)
        return reg_too_many(err, name);
    if (st != KIT_OK)
        return reg_oom(err);
    reg_insert(r, model, n, STAGE_NONE, reg_now(r));
    if (number != NULL)
        *number = n;
    return KIT_OK;
}

enum kit_status reg_version_restore(struct registry *r, const char *name,
                                    int64_t number, enum stage stage,
                                    int64_t updated_ms, struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_model_find(r, name, &model, err);
    if (st != KIT_OK)
        return st;
    if (number < 1 || number >= REG_MAX_NUMBER || (int)stage < 0 ||
        stage >= STAGE_COUNT)
        return kit_error_set(err, KIT_ERANGE,
                             "cannot restore version %lld of model %s",
                             (long long)number, name);
    struct reg_model *m = &r->models[model];
    if (number < (int64_t)m->pos_of_cap && m->pos_of[number] != REG_NOPOS)
        return kit_error_set(err, KIT_EEXIST,
                             "Model Version (name=%s, version=%lld) already "
                             "exists",
                             name, (long long)number);
    st = reg_reserve_version(r, m, number);
    if (st == KIT_ERANGE)
        return reg_too_many(err, name);
    if (st != KIT_OK)
        return reg_oom(err);
    reg_insert(r, model, number, stage, updated_ms);
    return KIT_OK;
}

enum kit_status reg_model_bump_next(struct registry *r, const char *name,
                                    int64_t next_number,
                                    struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_model_find(r, name, &model, err);
    if (st != KIT_OK)
        return st;
    if (next_number < 1 || next_number > REG_MAX_NUMBER)
        return kit_error_set(err, KIT_ERANGE,
                             "next version %lld of model %s is out of range",
                             (long long)next_number, name);
    if (next_number > r->models[model].next_number)
        r->models[model].next_number = next_number;
    return KIT_OK;
}

static enum kit_status reg_version_missing(struct kit_error *err,
                                           const char *name, int64_t number)
{
    return kit_error_set(err, KIT_ENOTFOUND,
                         "Model Version (name=%s, version=%lld) not found",
                         name ? name : "", (long long)number);
}

enum kit_status reg_version_find(const struct registry *r, const char *name,
                                 int64_t number, uint32_t *pos,
                                 struct kit_error *err)
{
    uint32_t model = 0;
    if (name == NULL || !reg_lookup(r, name, &model))
        return reg_version_missing(err, name, number);
    const struct reg_model *m = &r->models[model];
    if (number < 1 || number >= (int64_t)m->pos_of_cap ||
        m->pos_of[number] == REG_NOPOS)
        return reg_version_missing(err, name, number);
    *pos = m->pos_of[number];
    return KIT_OK;
}

/* Removes the entry at slot from a list; the entry moved into its place is
 * returned (REG_NOPOS if none moved) so the caller can fix its slot. */
static uint32_t reg_list_remove(struct reg_list *l, uint32_t slot)
{
    assert(slot < l->count);
    uint32_t last = l->pos[--l->count];
    if (slot == l->count)
        return REG_NOPOS;
    l->pos[slot] = last;
    return last;
}

/* Takes the version at pos out of both stage indexes. */
static void reg_unindex(struct registry *r, uint32_t pos)
{
    struct reg_version *v = &r->versions[pos];
    uint32_t moved = reg_list_remove(&r->by_stage[v->stage], v->stage_slot);
    if (moved != REG_NOPOS)
        r->versions[moved].stage_slot = v->stage_slot;
    struct reg_model *m = &r->models[v->model];
    moved = reg_list_remove(&m->by_stage[v->stage], v->model_slot);
    if (moved != REG_NOPOS)
        r->versions[moved].model_slot = v->model_slot;
}

/* Moves the last version of the array to position `to` (now free). */
static void reg_move_last(struct registry *r, uint32_t to)
{
    uint32_t from = (uint32_t)--r->nversions;
    if (from == to)
        return;
    struct reg_version *v = &r->versions[to];
    *v = r->versions[from];
    r->by_stage[v->stage].pos[v->stage_slot] = to;
    r->models[v->model].by_stage[v->stage].pos[v->model_slot] = to;
    r->models[v->model].pos_of[v->number] = to;
}

static size_t reg_aliases_of(const struct reg_model *m, int64_t number)
{
    size_t k = 0;
    for (size_t i = 0; i < m->naliases; i++)
        k += m->aliases[i].number == number;
    return k;
}

static void reg_alias_drop_version(struct registry *r, uint32_t model,
                                   int64_t number);

enum kit_status reg_version_delete(struct registry *r, const char *name,
                                   int64_t number, struct kit_error *err)
{
    uint32_t pos = 0;
    enum kit_status st = reg_version_find(r, name, number, &pos, err);
    if (st != KIT_OK)
        return st;
    struct reg_version *v = &r->versions[pos];
    size_t k = reg_aliases_of(&r->models[v->model], number);
    if (k > 0 && reg_reserve_history(r, k) != KIT_OK)
        return reg_oom(err);
    if (k > 0)
        reg_alias_drop_version(r, v->model, number);
    reg_unindex(r, pos);
    r->models[v->model].pos_of[number] = REG_NOPOS;
    reg_move_last(r, pos);
    return KIT_OK;
}

const struct reg_version *reg_versions(const struct registry *r, size_t *n)
{
    *n = r->nversions;
    return r->versions;
}

const struct reg_version *reg_version_at(const struct registry *r,
                                         uint32_t pos)
{
    return pos < r->nversions ? &r->versions[pos] : NULL;
}

enum kit_status reg_parse_version(const char *raw, int64_t *out,
                                  struct kit_error *err)
{
    const char *digits = raw + (raw[0] == '+' || raw[0] == '-');
    size_t len = strlen(digits);
    if (len == 0 || strspn(digits, "0123456789") != len)
        return kit_error_set(err, KIT_EINVAL,
                             "Model version must be an integer, got '%s'",
                             raw);
    errno = 0;
    long long v = strtoll(raw, NULL, 10);
    if (errno == ERANGE || v < INT64_MIN || v > INT64_MAX)
        return kit_error_set(err, KIT_ERANGE,
                             "Model version must be an integer that fits in "
                             "64 bits, got '%s'",
                             raw);
    *out = (int64_t)v;
    return KIT_OK;
}

/* --- the stage index ----------------------------------------------------- */

static bool reg_stage_valid(enum stage s)
{
    return (int)s >= 0 && s < STAGE_COUNT;
}

size_t reg_stage_count(const struct registry *r, enum stage s)
{
    return reg_stage_valid(s) ? r->by_stage[s].count : 0;
}

static struct reg_view reg_view_of(const struct registry *r,
                                   const struct reg_list *l)
{
    struct reg_view view = {r->versions, l->pos, l->count};
    return view;
}

struct reg_view reg_stage_view(const struct registry *r, enum stage s)
{
    struct reg_view empty = {r->versions, NULL, 0};
    return reg_stage_valid(s) ? reg_view_of(r, &r->by_stage[s]) : empty;
}

struct reg_view reg_model_stage_view(const struct registry *r, uint32_t model,
                                     enum stage s)
{
    struct reg_view empty = {r->versions, NULL, 0};
    if (model >= r->nmodels || !reg_stage_valid(s))
        return empty;
    return reg_view_of(r, &r->models[model].by_stage[s]);
}

/* --- changing stages ----------------------------------------------------- */

enum kit_status reg_reserve_history(struct registry *r, size_t extra)
{
    if (extra > SIZE_MAX - r->nhistory)
        return KIT_ENOMEM;
    void *p = r->history;
    enum kit_status st = reg_grow(r, &p, &r->history_cap,
                                  r->nhistory + extra, sizeof *r->history);
    r->history = p;
    return st;
}

void reg_set_stage(struct registry *r, uint32_t pos, enum stage to,
                   int64_t at_ms, bool cascade)
{
    assert(pos < r->nversions && reg_stage_valid(to));
    assert(r->nhistory < r->history_cap);
    struct reg_version *v = &r->versions[pos];
    struct reg_model *m = &r->models[v->model];
    enum stage from = v->stage;
    if (from != to) {
        /* Capacity for every version in every list is reserved when a
         * version is created, so these pushes cannot fail. */
        reg_unindex(r, pos);
        reg_list_push(&r->by_stage[to], pos, &v->stage_slot);
        reg_list_push(&m->by_stage[to], pos, &v->model_slot);
        v->stage = to;
    }
    v->updated_ms = at_ms;
    m->updated_ms = at_ms;
    r->history[r->nhistory++] = (struct reg_history_entry){
        .model = v->model, .kind = REG_HISTORY_STAGE, .from = from, .to = to,
        .number = v->number, .at_ms = at_ms, .cascade = cascade};
}

enum kit_status reg_conflict(struct kit_error *err, const char *name,
                             int64_t number, enum stage to, int64_t holder)
{
    const char *stage = stage_name(to); /* may be a student's: guard NULL */
    if (stage == NULL)
        stage = "?";
    return kit_error_set(err, KIT_ECONFLICT,
                         "Model Version (name=%s, version=%lld) cannot move "
                         "to %s: version %lld is already in %s and this "
                         "registry allows one version per active stage. "
                         "Archive it first, or pass "
                         "archive_existing_versions.",
                         name, (long long)number, stage, (long long)holder,
                         stage);
}

/* --- aliases ------------------------------------------------------------ */

static bool reg_alias_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* "latest" in any case, without the locale's idea of case. */
static bool reg_is_latest(const char *s)
{
    static const char latest[] = "latest";
    for (size_t i = 0; i < sizeof latest; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)latest[i])
            return false;
    }
    return true;
}

/* v or V followed by one or more digits and nothing else. */
static bool reg_is_version_name(const char *s, size_t len)
{
    return (s[0] == 'v' || s[0] == 'V') && len > 1 &&
           strspn(s + 1, "0123456789") == len - 1;
}

enum kit_status reg_check_alias(const char *alias, struct kit_error *err)
{
    if (alias == NULL || alias[0] == '\0')
        return kit_error_set(err, KIT_EINVAL,
                             "Registered model alias name cannot be empty.");
    size_t len = 0;
    for (; alias[len] != '\0'; len++)
        if (!reg_alias_byte((unsigned char)alias[len]))
            return kit_error_set(
                err, KIT_EINVAL,
                "Invalid alias name: '%s'. Names may only contain "
                "alphanumerics, underscores (_), and dashes (-).",
                alias);
    if (len > REG_ALIAS_MAX)
        return kit_error_set(err, KIT_EINVAL,
                             "Registered model alias name '%.250s' had length "
                             "%zu, which exceeded length limit of %d",
                             alias, len, REG_ALIAS_MAX);
    if (reg_is_latest(alias))
        return kit_error_set(err, KIT_EINVAL,
                             "'latest' alias name (case insensitive) is "
                             "reserved.");
    if (reg_is_version_name(alias, len))
        return kit_error_set(err, KIT_EINVAL,
                             "Version alias name '%s' is reserved.", alias);
    return KIT_OK;
}

/* The name and alias checks every alias operation starts with. */
static enum kit_status reg_check_both(const char *name, const char *alias,
                                      struct kit_error *err)
{
    enum kit_status st = reg_check_name(name, err);
    return st == KIT_OK ? reg_check_alias(alias, err) : st;
}

/* The slot of the interned name s, or the empty slot where it would go. */
static size_t reg_name_slot(const struct registry *r, const char *s)
{
    size_t mask = r->alias_names_cap - 1;
    size_t i = (size_t)reg_hash(s) & mask;
    while (r->alias_names[i] != NULL && strcmp(r->alias_names[i], s) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Keeps the interned names' load factor at or below one half. */
static enum kit_status reg_names_reserve(struct registry *r, size_t n)
{
    if (n * 2 <= r->alias_names_cap)
        return KIT_OK;
    size_t cap = r->alias_names_cap ? r->alias_names_cap * 2 : 16;
    char **t = r->realloc_fn(r->realloc_ud, NULL, cap * sizeof *t);
    if (t == NULL)
        return KIT_ENOMEM;
    for (size_t i = 0; i < cap; i++)
        t[i] = NULL;
    char **old = r->alias_names;
    size_t old_cap = r->alias_names_cap;
    r->alias_names = t;
    r->alias_names_cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i] != NULL)
            t[reg_name_slot(r, old[i])] = old[i];
    reg_release(r, old);
    return KIT_OK;
}

/* The registry's one copy of alias name s, made on first use; NULL when
 * out of memory.  Copies live until reg_free(), so history entries can
 * point at them after the alias is gone. */
static const char *reg_intern(struct registry *r, const char *s)
{
    if (r->alias_names_cap > 0) {
        char *found = r->alias_names[reg_name_slot(r, s)];
        if (found != NULL)
            return found;
    }
    if (reg_names_reserve(r, r->nalias_names + 1) != KIT_OK)
        return NULL;
    char *copy = reg_strdup(r, s);
    if (copy == NULL)
        return NULL;
    r->alias_names[reg_name_slot(r, s)] = copy;
    r->nalias_names++;
    return copy;
}

/* The index of alias in m's map, or SIZE_MAX.  Names compare exactly. */
static size_t reg_alias_index(const struct reg_model *m, const char *alias)
{
    for (size_t i = 0; i < m->naliases; i++)
        if (strcmp(m->aliases[i].name, alias) == 0)
            return i;
    return SIZE_MAX;
}

/* Room for one more alias of m (interned as *interned) and `history`
 * history entries. */
static enum kit_status reg_alias_room(struct registry *r, struct reg_model *m,
                                      const char *alias, size_t history,
                                      const char **interned)
{
    void *p = m->aliases;
    enum kit_status st = reg_grow(r, &p, &m->aliases_cap, m->naliases + 1,
                                  sizeof *m->aliases);
    m->aliases = p;
    if (st == KIT_OK)
        st = reg_reserve_history(r, history);
    if (st == KIT_OK && (*interned = reg_intern(r, alias)) == NULL)
        st = KIT_ENOMEM;
    return st;
}

static void reg_alias_record(struct registry *r, uint32_t model,
                             enum reg_history_kind kind, const char *alias,
                             int64_t number, int64_t from_number,
                             int64_t at_ms, bool cascade)
{
    assert(r->nhistory < r->history_cap);
    r->history[r->nhistory++] = (struct reg_history_entry){
        .model = model, .kind = kind, .from = STAGE_NONE, .to = STAGE_NONE,
        .number = number, .from_number = from_number, .at_ms = at_ms,
        .cascade = cascade, .alias = alias};
}

/* The model of version `number` of `name`, for an alias to name it: the
 * names are checked first, then the version, in MLflow's order. */
static enum kit_status reg_alias_target(const struct registry *r,
                                        const char *name, const char *alias,
                                        int64_t number, uint32_t *model,
                                        struct kit_error *err)
{
    uint32_t pos = 0;
    enum kit_status st = reg_check_both(name, alias, err);
    if (st == KIT_OK)
        st = reg_version_find(r, name, number, &pos, err);
    if (st == KIT_OK)
        *model = r->versions[pos].model;
    return st;
}

enum kit_status reg_alias_set(struct registry *r, const char *name,
                              const char *alias, int64_t number,
                              struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_alias_target(r, name, alias, number, &model, err);
    if (st != KIT_OK)
        return st;
    struct reg_model *m = &r->models[model];
    size_t i = reg_alias_index(m, alias);
    if (i != SIZE_MAX && m->aliases[i].number == number)
        return KIT_OK; /* already there: nothing changes */
    const char *interned = NULL;
    if (reg_alias_room(r, m, alias, 1, &interned) != KIT_OK)
        return reg_oom(err);
    int64_t at = reg_now(r);
    if (i == SIZE_MAX) {
        m->aliases[m->naliases++] = (struct reg_alias){interned, number};
        reg_alias_record(r, model, REG_HISTORY_ALIAS_SET, interned, number, 0,
                         at, false);
        return KIT_OK;
    }
    int64_t old = m->aliases[i].number;
    m->aliases[i].number = number;
    reg_alias_record(r, model, REG_HISTORY_ALIAS_MOVE, interned, number, old,
                     at, false);
    return KIT_OK;
}

enum kit_status reg_alias_restore(struct registry *r, const char *name,
                                  const char *alias, int64_t number,
                                  struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_alias_target(r, name, alias, number, &model, err);
    if (st != KIT_OK)
        return st;
    struct reg_model *m = &r->models[model];
    if (reg_alias_index(m, alias) != SIZE_MAX)
        return kit_error_set(err, KIT_EEXIST,
                             "Registered model alias %s of %s is stored "
                             "twice", alias, name);
    const char *interned = NULL;
    if (reg_alias_room(r, m, alias, 0, &interned) != KIT_OK)
        return reg_oom(err);
    m->aliases[m->naliases++] = (struct reg_alias){interned, number};
    return KIT_OK;
}

/* Removes entry i of m's map, keeping the order of the others. */
static void reg_alias_remove(struct reg_model *m, size_t i)
{
    assert(i < m->naliases);
    memmove(&m->aliases[i], &m->aliases[i + 1],
            (m->naliases - i - 1) * sizeof *m->aliases);
    m->naliases--;
}

enum kit_status reg_alias_delete(struct registry *r, const char *name,
                                 const char *alias, struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_check_both(name, alias, err);
    if (st == KIT_OK)
        st = reg_model_find(r, name, &model, err);
    if (st != KIT_OK)
        return st;
    struct reg_model *m = &r->models[model];
    size_t i = reg_alias_index(m, alias);
    if (i == SIZE_MAX)
        return KIT_OK; /* MLflow: deleting a missing alias does nothing */
    if (reg_reserve_history(r, 1) != KIT_OK)
        return reg_oom(err);
    struct reg_alias gone = m->aliases[i];
    reg_alias_remove(m, i);
    reg_alias_record(r, model, REG_HISTORY_ALIAS_DELETE, gone.name,
                     gone.number, 0, reg_now(r), false);
    return KIT_OK;
}

/* Deletes every alias of version `number` at one instant; the history has
 * room for them all. */
static void reg_alias_drop_version(struct registry *r, uint32_t model,
                                   int64_t number)
{
    struct reg_model *m = &r->models[model];
    int64_t at = reg_now(r);
    size_t i = 0;
    while (i < m->naliases) {
        struct reg_alias a = m->aliases[i];
        if (a.number != number) {
            i++;
            continue;
        }
        reg_alias_remove(m, i);
        reg_alias_record(r, model, REG_HISTORY_ALIAS_DELETE, a.name, number,
                         0, at, true);
    }
}

enum kit_status reg_alias_get(const struct registry *r, const char *name,
                              const char *alias, int64_t *number,
                              struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_check_both(name, alias, err);
    if (st != KIT_OK)
        return st;
    size_t i = SIZE_MAX;
    if (reg_lookup(r, name, &model))
        i = reg_alias_index(&r->models[model], alias);
    if (i == SIZE_MAX)
        return kit_error_set(err, KIT_EINVAL,
                             "Registered model alias %s not found.", alias);
    *number = r->models[model].aliases[i].number;
    return KIT_OK;
}

enum kit_status reg_alias_reserve(struct registry *r, const char *name,
                                  const char *alias, size_t history,
                                  struct kit_error *err)
{
    uint32_t model = 0;
    enum kit_status st = reg_check_both(name, alias, err);
    if (st == KIT_OK)
        st = reg_model_find(r, name, &model, err);
    if (st != KIT_OK)
        return st;
    const char *interned = NULL;
    if (reg_alias_room(r, &r->models[model], alias, history, &interned) !=
        KIT_OK)
        return reg_oom(err);
    return KIT_OK;
}

const struct reg_alias *reg_alias_list(const struct registry *r,
                                       uint32_t model, size_t *n)
{
    if (model >= r->nmodels) {
        *n = 0;
        return NULL;
    }
    *n = r->models[model].naliases;
    return r->models[model].aliases;
}

size_t reg_version_aliases(const struct registry *r, uint32_t model,
                           int64_t number, const char **out, size_t cap)
{
    if (model >= r->nmodels)
        return 0;
    const struct reg_model *m = &r->models[model];
    size_t k = 0;
    for (size_t i = 0; i < m->naliases; i++) {
        if (m->aliases[i].number != number)
            continue;
        if (k < cap)
            out[k] = m->aliases[i].name;
        k++;
    }
    return k;
}

/* --- history ------------------------------------------------------------- */

const struct reg_history_entry *reg_history(const struct registry *r,
                                            size_t *n)
{
    *n = r->nhistory;
    return r->history;
}
