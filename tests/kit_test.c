#include "kit_test.h"

#include <stdlib.h>

int64_t kit_clock_read(void *ud)
{
    struct kit_clock *c = ud;
    int64_t t = c->now;
    c->now += c->step;
    c->reads++;
    return t;
}

static int fixture_new(void **state, struct kit_clock clock)
{
    struct kit_fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    reg_init(&f->r);
    f->clock = clock;
    reg_set_clock(&f->r, kit_clock_read, &f->clock);
    *state = f;
    return 0;
}

int kit_fixture_setup(void **state)
{
    return fixture_new(state, (struct kit_clock){1000, 10, 0});
}

int kit_fixture_setup_ticking(void **state)
{
    return fixture_new(state, (struct kit_clock){1001, 1, 0});
}

int kit_fixture_teardown(void **state)
{
    struct kit_fixture *f = *state;
    reg_free(&f->r);
    free(f);
    return 0;
}

void *kit_alloc_realloc(void *ud, void *p, size_t size)
{
    struct kit_alloc *a = ud;
    if (size == 0) {
        free(p);
        return NULL;
    }
    if (a->budget >= 0 && a->made >= a->budget)
        return NULL;
    a->made++;
    return realloc(p, size);
}

void kit_model_with_versions(struct registry *r, const char *name,
                             int versions)
{
    assert_int_equal(reg_model_create(r, name, NULL), KIT_OK);
    for (int i = 0; i < versions; i++)
        assert_int_equal(reg_version_create(r, name, NULL, NULL), KIT_OK);
}

enum stage kit_stage_of(const struct registry *r, const char *name,
                        int64_t number)
{
    uint32_t pos = 0;
    struct kit_error err;
    if (reg_version_find(r, name, number, &pos, &err) != KIT_OK)
        fail_msg("expected %s v%lld to exist: %s", name, (long long)number,
                 err.msg);
    return reg_version_at(r, pos)->stage;
}

void kit_model_in_stages(struct registry *r, const char *name,
                         const enum stage *s, int n)
{
    assert_int_equal(reg_model_create(r, name, NULL), KIT_OK);
    for (int k = 0; k < n; k++) {
        uint32_t pos;
        int64_t number;
        assert_int_equal(reg_version_create(r, name, &number, NULL), KIT_OK);
        assert_int_equal(reg_version_find(r, name, number, &pos, NULL), KIT_OK);
        assert_int_equal(reg_reserve_history(r, 1), KIT_OK);
        reg_set_stage(r, pos, s[k], 1, false);
    }
}

const char *kit_stage_label(enum stage s)
{
    static const char *const names[] = {"None", "Staging", "Production",
                                        "Archived"};
    return (int)s >= 0 && s < STAGE_COUNT ? names[s] : "?";
}

size_t kit_history_len(const struct registry *r)
{
    size_t n;
    reg_history(r, &n);
    return n;
}
