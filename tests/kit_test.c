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
    assert_int_equal(reg_model_create(r, name, NULL), REG_OK);
    for (int i = 0; i < versions; i++)
        assert_int_equal(reg_version_create(r, name, NULL, NULL), REG_OK);
}

enum stage kit_stage_of(const struct registry *r, const char *name,
                        int64_t number)
{
    uint32_t pos = 0;
    struct reg_error err;
    if (reg_version_find(r, name, number, &pos, &err) != REG_OK)
        fail_msg("expected %s v%lld to exist: %s", name, (long long)number,
                 err.msg);
    return reg_version_at(r, pos)->stage;
}
