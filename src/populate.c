#include "populate.h"

#include <stdio.h>
#include <stdlib.h>

#include "rng.h"

/* Out of every 6 versions: 2 Production, 2 Staging, 1 None, 1 Archived. */
static const unsigned populate_mix[STAGE_COUNT] = {
    [STAGE_PRODUCTION] = 2, [STAGE_STAGING] = 2,
    [STAGE_NONE] = 1, [STAGE_ARCHIVED] = 1,
};
static const enum stage populate_sorted_order[STAGE_COUNT] = {
    STAGE_PRODUCTION, STAGE_STAGING, STAGE_NONE, STAGE_ARCHIVED,
};

/* The stage of the i-th version in the repeating mix. */
static enum stage populate_mix_at(size_t i)
{
    static const enum stage cycle[6] = {
        STAGE_PRODUCTION, STAGE_STAGING, STAGE_NONE,
        STAGE_PRODUCTION, STAGE_STAGING, STAGE_ARCHIVED,
    };
    return cycle[i % 6];
}

size_t populate_count(size_t n, enum stage s)
{
    size_t count = (n / 6) * ((int)s >= 0 && s < STAGE_COUNT
                                  ? populate_mix[s] : 0);
    for (size_t i = n - n % 6; i < n; i++)
        count += populate_mix_at(i) == s;
    return count;
}

static void populate_shuffle(enum stage *s, size_t n, uint64_t seed)
{
    struct rng rng;
    rng_seed(&rng, seed);
    for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
        size_t j = (size_t)rng_below(&rng, i);
        enum stage t = s[i - 1];
        s[i - 1] = s[j];
        s[j] = t;
    }
}

void populate_stages(enum stage *out, size_t n, enum populate_order order,
                     uint64_t seed)
{
    size_t k = 0;
    for (int j = 0; j < STAGE_COUNT; j++) {
        enum stage s = populate_sorted_order[j];
        for (size_t c = populate_count(n, s); c > 0; c--)
            out[k++] = s;
    }
    if (order == POPULATE_SHUFFLED)
        populate_shuffle(out, n, seed);
}

static enum kit_status populate_models(struct registry *r, size_t nmodels,
                                       struct kit_error *err)
{
    char name[32];
    uint32_t model;
    for (size_t k = 0; k < nmodels; k++) {
        snprintf(name, sizeof name, "model-%zu", k);
        if (reg_model_find(r, name, &model, NULL) == KIT_OK)
            continue;
        enum kit_status st = reg_model_create(r, name, err);
        if (st != KIT_OK)
            return st;
    }
    return KIT_OK;
}

static enum kit_status populate_one(struct registry *r, size_t i,
                                    size_t nmodels, enum stage s, int64_t now,
                                    struct kit_error *err)
{
    char name[32];
    int64_t number;
    uint32_t pos;
    snprintf(name, sizeof name, "model-%zu", i % nmodels);
    enum kit_status st = reg_version_create(r, name, &number, err);
    if (st == KIT_OK && s != STAGE_NONE)
        st = reg_reserve_history(r, 1);
    if (st != KIT_OK || s == STAGE_NONE)
        return st == KIT_ENOMEM ? kit_error_set(err, st, "out of memory") : st;
    reg_version_find(r, name, number, &pos, NULL);
    reg_set_stage(r, pos, s, now, false);
    return KIT_OK;
}

/* Adds the n versions whose stages are in stages[0..n). */
static enum kit_status populate_apply(struct registry *r,
                                      const enum stage *stages, size_t n,
                                      size_t nmodels, struct kit_error *err)
{
    if (nmodels == 0)
        return kit_error_set(err, KIT_EINVAL, "populate: no models");
    enum kit_status st = populate_models(r, nmodels, err);
    int64_t now = reg_now(r);
    for (size_t i = 0; st == KIT_OK && i < n; i++)
        st = populate_one(r, i, nmodels, stages[i], now, err);
    return st;
}

enum kit_status populate_registry(struct registry *r, size_t n,
                                  size_t nmodels, enum populate_order order,
                                  uint64_t seed, struct kit_error *err)
{
    enum stage *stages = malloc((n ? n : 1) * sizeof *stages);
    if (stages == NULL)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    populate_stages(stages, n, order, seed);
    enum kit_status st = populate_apply(r, stages, n, nmodels, err);
    free(stages);
    return st;
}

enum kit_status populate_production(struct registry *r, size_t n, size_t p,
                                    size_t windows, size_t nmodels,
                                    uint64_t seed, struct kit_error *err)
{
    static const enum stage others[3] = {STAGE_STAGING, STAGE_NONE,
                                         STAGE_ARCHIVED};
    if (p > n || windows == 0 || (n && windows > SIZE_MAX / n))
        return kit_error_set(err, KIT_EINVAL, "populate: %zu Production "
                             "versions of %zu, %zu times", p, n, windows);
    size_t total = windows * n;
    enum stage *stages = malloc((total ? total : 1) * sizeof *stages);
    if (stages == NULL)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    for (size_t w = 0; w < windows; w++) {
        enum stage *s = stages + w * n;
        for (size_t i = 0; i < n; i++)
            s[i] = i < p ? STAGE_PRODUCTION : others[(i - p) % 3];
        populate_shuffle(s, n, seed + w);
    }
    enum kit_status st = populate_apply(r, stages, total, nmodels, err);
    free(stages);
    return st;
}
