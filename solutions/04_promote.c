/* Exercise 4, reference solution: replace the Production version. */
#include "promote.h"

#include "transition.h"

/* Under the policy, a Production version other than old_version would make
 * the second step fail after the first has already archived old_version. */
static enum kit_status promote_check_policy(const struct registry *r,
                                            uint32_t model, const char *name,
                                            int64_t old_version,
                                            int64_t new_version,
                                            struct kit_error *err)
{
    if (!reg_one_per_stage(r))
        return KIT_OK;
    struct reg_view live = reg_model_stage_view(r, model, STAGE_PRODUCTION);
    for (size_t i = 0; i < live.count; i++) {
        int64_t n = live.versions[live.pos[i]].number;
        if (n != old_version && n != new_version)
            return reg_conflict(err, name, new_version, STAGE_PRODUCTION, n);
    }
    return KIT_OK;
}

enum kit_status promote_in_order(struct registry *r, const char *name,
                                 int64_t old_version, int64_t new_version,
                                 struct kit_error *err)
{
    uint32_t old_pos, new_pos;
    enum kit_status st = reg_version_find(r, name, old_version, &old_pos, err);
    if (st == KIT_OK)
        st = reg_version_find(r, name, new_version, &new_pos, err);
    if (st != KIT_OK)
        return st;
    uint32_t model = reg_version_at(r, old_pos)->model;
    st = promote_check_policy(r, model, name, old_version, new_version, err);
    if (st != KIT_OK)
        return st;
    /* Room for both history entries now, so step 2 cannot run out. */
    if (reg_reserve_history(r, 2) != KIT_OK)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    st = transition_apply(r, name, old_version, "Archived", false, err);
    if (st == KIT_OK)
        st = transition_apply(r, name, new_version, "Production", false, err);
    return st;
}

enum kit_status promote_atomic(struct registry *r, const char *name,
                               int64_t new_version, struct kit_error *err)
{
    return transition_apply(r, name, new_version, "Production", true, err);
}
