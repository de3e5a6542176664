/* Exercise 7, reference solution: model URIs and the champion. */
#include "alias.h"

#include <stdlib.h>
#include <string.h>

#include "stage.h"

#define ALIAS_SCHEME "models:/"

static enum kit_status alias_improper(struct kit_error *err, const char *uri)
{
    return kit_error_set(
        err, KIT_EINVAL,
        "Not a proper models:/ URI: %s. Models URIs must be of the form "
        "'models:/model_name/suffix' or 'models:/model_name@alias' where "
        "suffix is a model version, stage, or the string 'latest' and where "
        "alias is a registered model alias. Only one of suffix or alias can "
        "be defined at a time.",
        uri ? uri : "");
}

/* Python's s.strip() == "": empty or white space only. */
static bool alias_blank(const char *s, size_t n)
{
    return strspn(s, " \t\n\v\f\r") >= n;
}

static bool alias_digits(const char *s)
{
    return s[0] != '\0' && s[strspn(s, "0123456789")] == '\0';
}

/* MLflow's _get_latest_model_version: the highest version number among
 * the model's versions in stage `raw` (NULL: in any stage). */
static enum kit_status alias_highest(const struct registry *r,
                                     const char *name, const char *raw,
                                     int64_t *number, struct kit_error *err)
{
    uint32_t model = 0;
    enum stage lo = STAGE_NONE, hi = STAGE_ARCHIVED;
    enum kit_status st = reg_model_find(r, name, &model, err);
    if (st == KIT_OK && raw != NULL && (st = stage_parse(raw, &lo, err)) == KIT_OK)
        hi = lo;
    if (st != KIT_OK)
        return st;
    int64_t best = 0;
    for (int s = (int)lo; s <= (int)hi; s++) {
        struct reg_view v = reg_model_stage_view(r, model, (enum stage)s);
        for (size_t i = 0; i < v.count; i++)
            if (v.versions[v.pos[i]].number > best)
                best = v.versions[v.pos[i]].number;
    }
    if (best == 0 && raw == NULL)
        return kit_error_set(err, KIT_ENOTFOUND,
                             "No versions of model with name '%s' found", name);
    if (best == 0)
        return kit_error_set(err, KIT_ENOTFOUND,
                             "No versions of model with name '%s' and stage "
                             "'%s' found",
                             name, raw);
    *number = best;
    return KIT_OK;
}

static bool alias_is_latest(const char *s)
{
    static const char latest[] = "latest";
    for (size_t i = 0; i < sizeof latest; i++)
        if ((s[i] | 0x20) != latest[i] && s[i] != latest[i])
            return false;
    return true;
}

/* models:/name/<suffix>: a version, 'latest' or a stage, in that order. */
static enum kit_status alias_by_suffix(const struct registry *r,
                                       const char *name, const char *suffix,
                                       int64_t *number, struct kit_error *err)
{
    if (!alias_digits(suffix))
        return alias_highest(r, name, alias_is_latest(suffix) ? NULL : suffix,
                             number, err);
    int64_t n = 0;
    uint32_t pos = 0;
    enum kit_status st = reg_parse_version(suffix, &n, err);
    if (st == KIT_OK)
        st = reg_version_find(r, name, n, &pos, err);
    if (st == KIT_OK)
        *number = n;
    return st;
}

enum kit_status alias_resolve(const struct registry *r, const char *uri,
                              int64_t *number, struct kit_error *err)
{
    size_t plen = strlen(ALIAS_SCHEME);
    if (uri == NULL || strncmp(uri, ALIAS_SCHEME, plen) != 0)
        return alias_improper(err, uri);
    const char *path = uri + plen, *end = strchr(path, '/');
    bool by_alias = end == NULL;
    if (by_alias)
        end = strrchr(path, '@');
    if (end == NULL || (!by_alias && strchr(end + 1, '/') != NULL) ||
        alias_blank(path, (size_t)(end - path)) ||
        alias_blank(end + 1, strlen(end + 1)))
        return alias_improper(err, uri);
    char *name = strndup(path, (size_t)(end - path));
    if (name == NULL)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    int64_t n = 0;
    enum kit_status st = by_alias
                             ? reg_alias_get(r, name, end + 1, &n, err)
                             : alias_by_suffix(r, name, end + 1, &n, err);
    free(name);
    if (st == KIT_OK)
        *number = n;
    return st;
}

enum kit_status alias_promote_challenger(struct registry *r, const char *name,
                                         int64_t *champion,
                                         struct kit_error *err)
{
    int64_t v = 0;
    enum kit_status st = reg_alias_get(r, name, ALIAS_CHALLENGER, &v, err);
    /* Room for the champion and both history entries now, so that neither
     * step can run out of memory once the first has been taken. */
    if (st == KIT_OK)
        st = reg_alias_reserve(r, name, ALIAS_CHAMPION, 2, err);
    if (st == KIT_OK)
        st = reg_alias_set(r, name, ALIAS_CHAMPION, v, err);
    if (st == KIT_OK)
        st = reg_alias_delete(r, name, ALIAS_CHALLENGER, err);
    if (st == KIT_OK && champion != NULL)
        *champion = v;
    return st;
}
