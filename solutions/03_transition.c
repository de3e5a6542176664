/* Exercise 3, reference solution: MLflow's transition rules. */
#include "transition.h"

/* Under the one-per-stage policy, another version of the model already in
 * an active target stage is a conflict (unless it is about to be archived
 * by archive_existing). */
static enum kit_status transition_check_policy(const struct registry *r,
                                               const struct reg_version *v,
                                               enum stage to, bool archive,
                                               const char *name,
                                               struct kit_error *err)
{
    if (!reg_one_per_stage(r) || archive || !stage_is_active(to))
        return KIT_OK;
    struct reg_view held = reg_model_stage_view(r, v->model, to);
    for (size_t i = 0; i < held.count; i++) {
        const struct reg_version *other = &held.versions[held.pos[i]];
        if (other->number != v->number)
            return reg_conflict(err, name, v->number, to, other->number);
    }
    return KIT_OK;
}

/* Archives every version of the model in stage `to` except `keep`.  Walks
 * the model's index backwards: reg_set_stage() fills the hole it leaves
 * with the list's last entry, which has then already been visited. */
static void transition_archive_others(struct registry *r, uint32_t model,
                                      enum stage to, int64_t keep,
                                      int64_t now)
{
    struct reg_view held = reg_model_stage_view(r, model, to);
    for (size_t i = held.count; i-- > 0;) {
        uint32_t pos = held.pos[i];
        if (held.versions[pos].number != keep)
            reg_set_stage(r, pos, STAGE_ARCHIVED, now, true);
    }
}

enum kit_status transition_apply(struct registry *r, const char *name,
                                 int64_t version, const char *stage,
                                 bool archive_existing, struct kit_error *err)
{
    enum stage to;
    enum kit_status st = stage_parse(stage, &to, err);
    if (st != KIT_OK)
        return st;
    if (archive_existing && !stage_is_active(to))
        return kit_error_set(err, KIT_EINVAL,
                             "Model version transition cannot archive "
                             "existing model versions because '%s' is not an "
                             "Active stage. Valid stages are ['Staging', "
                             "'Production']",
                             stage);
    int64_t now = reg_now(r);
    uint32_t pos;
    st = reg_version_find(r, name, version, &pos, err);
    if (st != KIT_OK)
        return st;
    const struct reg_version *v = reg_version_at(r, pos);
    st = transition_check_policy(r, v, to, archive_existing, name, err);
    if (st != KIT_OK)
        return st;
    size_t cascade = archive_existing
                         ? reg_model_stage_view(r, v->model, to).count
                         : 0;
    if (reg_reserve_history(r, cascade + 1) != KIT_OK)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    if (archive_existing)
        transition_archive_others(r, v->model, to, version, now);
    reg_set_stage(r, pos, to, now, false);
    return KIT_OK;
}
