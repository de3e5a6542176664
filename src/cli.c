/* modelreg: runs a parsed command line against the SQLite store.
 *
 * Every command follows one pattern: open the store (one transaction), load
 * only the models it needs into a struct registry, call the engine or the
 * exercise function (linked by IMPL), write back what changed, commit.
 * Output is buffered and printed only after the commit, so a failed
 * command prints an error and nothing else. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alias.h"
#include "dispatch.h"
#include "json.h"
#include "prog.h"
#include "registry.h"
#include "store.h"
#include "transition.h"
#include "utf8.h"

struct cli_run {
    const struct cli_args *a;
    struct registry r;
    struct store *s;
    FILE *out; /* the buffer (open_memstream), printed after the commit */
    char *buf; /* out's bytes, once cli_output_close() has closed it */
    size_t len;
    struct json_writer json; /* on out, with --json */
    struct kit_error err;
    const char *note; /* printed after an error: whose code it is */
    char *detail;     /* owned; printed after an error: check's problems */
};

typedef enum kit_status cli_cmd_fn(struct cli_run *run);

/* --- output helpers ------------------------------------------------------ */

/* A stage's name from exercise 1, guarded: a student's stage_name() may
 * return NULL. */
static const char *cli_stage(enum stage s)
{
    const char *name = stage_name(s);
    return name ? name : "?";
}

/* "2026-11-26 04:40:00.123" (UTC). */
static const char *cli_time(char *buf, size_t size, int64_t ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (ms < 0 || gmtime_r(&t, &tm) == NULL ||
        strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0) {
        snprintf(buf, size, "%lld ms", (long long)ms);
        return buf;
    }
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, ".%03d", (int)(ms % 1000));
    return buf;
}

/* The most aliases a version shows. */
#define CLI_ALIASES_MAX 64

/* One version's aliases, as MLflow's ModelVersion.aliases. */
static void cli_json_aliases(struct json_writer *w, const struct registry *r,
                             const struct reg_version *v)
{
    const char *names[CLI_ALIASES_MAX];
    size_t n = reg_version_aliases(r, v->model, v->number, names,
                                   CLI_ALIASES_MAX);
    json_begin_array(json_key(w, "aliases"));
    for (size_t i = 0; i < n && i < CLI_ALIASES_MAX; i++)
        json_str(w, names[i]);
    json_end_array(w);
}

/* One version as a JSON object, with MLflow's field names; with its
 * aliases when r is not NULL (a command that loaded them). */
static void cli_json_version(struct json_writer *w, const struct registry *r,
                             const char *name, const struct reg_version *v)
{
    json_begin_object(w);
    json_str(json_key(w, "name"), name);
    json_int(json_key(w, "version"), v->number);
    json_str(json_key(w, "current_stage"), cli_stage(v->stage));
    json_int(json_key(w, "last_updated_timestamp"), v->updated_ms);
    if (r != NULL)
        cli_json_aliases(w, r, v);
    json_end_object(w);
}

/* One version's aliases as text: "champion, challenger" ("" for none). */
static void cli_text_aliases(FILE *out, const struct registry *r,
                             const struct reg_version *v)
{
    const char *names[CLI_ALIASES_MAX];
    size_t n = reg_version_aliases(r, v->model, v->number, names,
                                   CLI_ALIASES_MAX);
    for (size_t i = 0; i < n && i < CLI_ALIASES_MAX; i++)
        fprintf(out, "%s%s", i ? ", " : "", names[i]);
}

static const char *cli_policy_name(const struct registry *r)
{
    return reg_one_per_stage(r) ? "one-per-stage" : "mlflow";
}

static const char *cli_policy_text(const struct registry *r)
{
    return reg_one_per_stage(r)
               ? "one version per active stage (Staging, Production)"
               : "mlflow (several versions may share a stage)";
}

/* --- loading ------------------------------------------------------------- */

/* Loads model `name` (if stored) with version `number` (if any): all a
 * command about one version needs. */
static enum kit_status cli_load(struct cli_run *run, const char *name,
                                int64_t number)
{
    bool found;
    return store_load_slice(run->s, &run->r, name, number, STAGE_COUNT,
                            &found, &run->err);
}

/* Loads what an alias command about `alias` of model `name` can read or
 * change (number: the version it is to name, 0 for a delete): the model,
 * that version and the one the alias names now, with their aliases.
 * Index lookups: the cost does not grow with the model. */
static enum kit_status cli_load_alias_slice(struct cli_run *run,
                                            const char *name,
                                            const char *alias, int64_t number)
{
    int64_t now = 0;
    bool named = false;
    uint32_t model, pos;
    enum kit_status st = cli_load(run, name, number);
    if (st != KIT_OK || reg_model_find(&run->r, name, &model, NULL) != KIT_OK)
        return st;
    if (number != 0)
        st = store_load_aliases(run->s, &run->r, name, &number, &run->err);
    if (st == KIT_OK)
        st = store_alias_version(run->s, name, alias, &now, &named, &run->err);
    if (st != KIT_OK || !named || now == number)
        return st;
    if (reg_version_find(&run->r, name, now, &pos, NULL) != KIT_OK)
        st = store_load_version(run->s, &run->r, name, now, &run->err);
    if (st == KIT_OK)
        st = store_load_aliases(run->s, &run->r, name, &now, &run->err);
    return st;
}

/* Loads model `name` (if stored) with every version and alias. */
static enum kit_status cli_load_aliased(struct cli_run *run, const char *name)
{
    bool found;
    enum kit_status st =
        store_load_model(run->s, &run->r, name, &found, &run->err);
    if (st == KIT_OK && found)
        st = store_load_aliases(run->s, &run->r, name, NULL, &run->err);
    return st;
}

/* Loads everything, aliases too. */
static enum kit_status cli_load_everything(struct cli_run *run)
{
    enum kit_status st = store_load_all(run->s, &run->r, &run->err);
    if (st == KIT_OK)
        st = store_load_aliases(run->s, &run->r, NULL, NULL, &run->err);
    return st;
}

/* Loads one model, or everything when name is NULL; a missing model is
 * MLflow's "Registered Model with name=<name> not found". */
static enum kit_status cli_load_existing(struct cli_run *run, const char *name)
{
    uint32_t model;
    if (name == NULL)
        return cli_load_everything(run);
    enum kit_status st = cli_load_aliased(run, name);
    if (st == KIT_OK)
        st = reg_model_find(&run->r, name, &model, &run->err);
    return st;
}

/* The position of the version just found or created. */
static uint32_t cli_pos(const struct registry *r, const char *name,
                        int64_t number)
{
    uint32_t pos = REG_NOPOS;
    reg_version_find(r, name, number, &pos, NULL);
    return pos;
}

/* --- create, create-version, delete-version, set-policy ------------------ */

static enum kit_status cli_create(struct cli_run *run)
{
    const char *name = run->a->model_name;
    uint32_t model;
    enum kit_status st = cli_load(run, name, 0);
    if (st == KIT_OK)
        st = reg_model_create(&run->r, name, &run->err);
    if (st == KIT_OK)
        st = reg_model_find(&run->r, name, &model, &run->err);
    if (st == KIT_OK)
        st = store_insert_model(run->s, &run->r, model, &run->err);
    if (st == KIT_OK)
        fprintf(run->out, "Registered model '%s' created.\n", name);
    return st;
}

static enum kit_status cli_create_version(struct cli_run *run)
{
    const char *name = run->a->model_name;
    int64_t number = 0;
    uint32_t model;
    enum kit_status st = cli_load(run, name, 0);
    if (st == KIT_OK)
        st = reg_version_create(&run->r, name, &number, &run->err);
    if (st == KIT_OK)
        st = store_insert_version(run->s, &run->r,
                                  cli_pos(&run->r, name, number), &run->err);
    if (st == KIT_OK)
        st = reg_model_find(&run->r, name, &model, &run->err);
    if (st == KIT_OK)
        st = store_save_model(run->s, &run->r, model, &run->err);
    if (st == KIT_OK)
        fprintf(run->out, "%lld\n", (long long)number);
    return st;
}

/* The aliases deleted with a version (entries from `before` on). */
static void cli_print_dropped(FILE *out, const struct registry *r,
                              size_t before)
{
    size_t n;
    const struct reg_history_entry *h = reg_history(r, &n);
    for (size_t i = before; i < n; i++)
        if (h[i].kind == REG_HISTORY_ALIAS_DELETE)
            fprintf(out, "Its alias %s was deleted with it (MLflow moves no "
                         "alias to another version).\n", h[i].alias);
}

static enum kit_status cli_delete_version(struct cli_run *run)
{
    const char *name = run->a->model_name;
    int64_t number = run->a->version;
    size_t before;
    enum kit_status st = cli_load(run, name, number);
    if (st == KIT_OK)
        st = store_load_aliases(run->s, &run->r, name, &number, &run->err);
    reg_history(&run->r, &before);
    if (st == KIT_OK)
        st = reg_version_delete(&run->r, name, number, &run->err);
    if (st == KIT_OK) /* the aliases first: they refer to the version */
        st = store_save_transitions(run->s, &run->r, before, &run->err);
    if (st == KIT_OK)
        st = store_delete_version(run->s, name, number, &run->err);
    if (st != KIT_OK)
        return st;
    fprintf(run->out,
            "Deleted version %lld of model '%s'; its number will not be "
            "reused.\n",
            (long long)number, name);
    cli_print_dropped(run->out, &run->r, before);
    return KIT_OK;
}

static enum kit_status cli_set_policy(struct cli_run *run)
{
    enum kit_status st =
        store_set_one_per_stage(run->s, run->a->one_per_stage, &run->err);
    reg_set_one_per_stage(&run->r, run->a->one_per_stage);
    if (st == KIT_OK)
        fprintf(run->out, "Policy: %s.\n", cli_policy_text(&run->r));
    if (st == KIT_OK && run->a->one_per_stage)
        fputs("It applies to the next transitions; versions that already "
              "share a stage stay as they are.\n",
              run->out);
    return st;
}

/* --- transition-version -------------------------------------------------- */

static void cli_print_move(FILE *out, const struct registry *r,
                           const struct reg_history_entry *e)
{
    const char *name = reg_model_name(r, e->model);
    fprintf(out, "%s v%lld: %s -> %s%s\n", name ? name : "?",
            (long long)e->number, cli_stage(e->from), cli_stage(e->to),
            e->cascade ? "  (archived by --archive-existing-versions)" : "");
}

/* The note counts this many at most: its cost must not grow with the
 * stage. */
#define CLI_NOTE_MAX 100

/* MLflow allows two versions in Production; say so when it happens.  A
 * count that fails fails the command: SQLite may have rolled the
 * transaction back (it does when memory runs out). */
static enum kit_status cli_note_shared(struct cli_run *run,
                                       const struct tvargs *tv)
{
    enum stage to;
    int64_t n = 0;
    if (stage_parse(tv->stage_raw, &to, NULL) != KIT_OK ||
        !stage_is_active(to))
        return KIT_OK;
    enum kit_status st = store_count_in_stage(run->s, tv->model_name, to,
                                              CLI_NOTE_MAX, &n, &run->err);
    if (st == KIT_OK && n > 1)
        fprintf(run->out,
                "Note: %lld%s versions of %s are now in %s.  MLflow allows "
                "this; --archive-existing-versions keeps only one.\n",
                (long long)n, n == CLI_NOTE_MAX ? " or more" : "",
                tv->model_name, cli_stage(to));
    return st;
}

/* Loads only what the transition can touch (store.h): the version, and
 * the other versions in the target stage only when the policy check or
 * archive_existing_versions will look at them (a third of a big model can
 * sit in Production).  The target stage comes from exercise 1's
 * stage_parse(), as transition_apply() parses it; an invalid stage loads
 * the version alone and transition_apply() reports it. */
static enum kit_status cli_load_transition(struct cli_run *run)
{
    const struct tvargs *tv = &run->a->tv;
    enum stage to = STAGE_COUNT;
    bool found;
    if (stage_parse(tv->stage_raw, &to, NULL) != KIT_OK ||
        !(tv->archive_existing || reg_one_per_stage(&run->r)))
        to = STAGE_COUNT; /* matches no row */
    return store_load_slice(run->s, &run->r, tv->model_name, tv->version, to,
                            &found, &run->err);
}

/* Exercise 3's transition_apply(), checked: a success must have recorded
 * at least one transition in the history. */
static enum kit_status cli_apply(struct cli_run *run, const char *name,
                                 int64_t version, const char *stage,
                                 bool archive)
{
    size_t before, after;
    reg_history(&run->r, &before);
    enum kit_status st =
        transition_apply(&run->r, name, version, stage, archive, &run->err);
    reg_history(&run->r, &after);
    if (st == KIT_OK && after == before)
        st = kit_error_set(&run->err, KIT_ENOTIMPL,
                           "transition_apply() reported success but recorded "
                           "no transition: see exercise 3, "
                           "kata/03_transition.c");
    return st;
}

/* Which error codes of a failed transition are the kit's and not MLflow's
 * (docs/mlflow-messages.tsv, rows not_active and one_per_stage). */
static const char *cli_code_note(enum kit_status st, const struct tvargs *tv)
{
    if (st == KIT_ECONFLICT)
        return "Note: this conflict is the kit's one-per-stage policy "
               "(set-policy), not MLflow's, which lets several versions "
               "share a stage; INVALID_STATE is the kit's choice of code.";
    if (st == KIT_EINVAL && tv->archive_existing && !stage_is_active(tv->stage))
        return "Note: MLflow raises this error without an error code, so its "
               "client reports INTERNAL_ERROR (HTTP 500); "
               "INVALID_PARAMETER_VALUE is the kit's code.";
    return NULL;
}

static enum kit_status cli_transition(struct cli_run *run)
{
    const struct tvargs *tv = &run->a->tv;
    size_t before, after;
    enum kit_status st = cli_load_transition(run);
    reg_history(&run->r, &before);
    if (st == KIT_OK)
        st = cli_apply(run, tv->model_name, tv->version, tv->stage_raw,
                       tv->archive_existing);
    const struct reg_history_entry *h = reg_history(&run->r, &after);
    if (st == KIT_OK)
        st = store_save_transitions(run->s, &run->r, before, &run->err);
    for (size_t i = before; st == KIT_OK && i < after; i++)
        if (!h[i].cascade)
            cli_print_move(run->out, &run->r, &h[i]);
    for (size_t i = before; st == KIT_OK && i < after; i++)
        if (h[i].cascade)
            cli_print_move(run->out, &run->r, &h[i]);
    if (st == KIT_OK)
        st = cli_note_shared(run, tv);
    else
        run->note = cli_code_note(st, tv);
    return st;
}

/* --- get-version, list --------------------------------------------------- */

/* Prints one version, as get-version and resolve show it. */
static void cli_show_version(struct cli_run *run, const char *name,
                             const struct reg_version *v)
{
    char when[48];
    if (run->a->json) {
        cli_json_version(&run->json, &run->r, name, v);
        return;
    }
    fprintf(run->out, "name:          %s\nversion:       %lld\n"
                      "current_stage: %s\naliases:",
            name, (long long)v->number, cli_stage(v->stage));
    if (reg_version_aliases(&run->r, v->model, v->number, NULL, 0) > 0) {
        fputs("       ", run->out);
        cli_text_aliases(run->out, &run->r, v);
    }
    fprintf(run->out, "\nlast_updated:  %s UTC\n",
            cli_time(when, sizeof when, v->updated_ms));
}

/* get-version --version V: the model, that version and its aliases. */
static enum kit_status cli_load_numbered(struct cli_run *run, int64_t *number)
{
    const char *name = run->a->model_name;
    enum kit_status st = cli_load(run, name, run->a->version);
    if (st == KIT_OK)
        st = store_load_aliases(run->s, &run->r, name, &run->a->version,
                                &run->err);
    if (st == KIT_OK)
        *number = run->a->version;
    return st;
}

/* get-version --alias A: MLflow's get_model_version_by_alias. */
static enum kit_status cli_load_by_alias(struct cli_run *run, int64_t *number)
{
    const char *name = run->a->model_name;
    enum kit_status st =
        cli_load_alias_slice(run, name, run->a->alias, 0);
    if (st == KIT_OK)
        st = reg_alias_get(&run->r, name, run->a->alias, number, &run->err);
    return st;
}

static enum kit_status cli_get_version(struct cli_run *run)
{
    const char *name = run->a->model_name;
    uint32_t pos = 0;
    int64_t number = 0;
    enum kit_status st = run->a->alias ? cli_load_by_alias(run, &number)
                                       : cli_load_numbered(run, &number);
    if (st == KIT_OK)
        st = reg_version_find(&run->r, name, number, &pos, &run->err);
    if (st == KIT_OK)
        cli_show_version(run, name, reg_version_at(&run->r, pos));
    return st;
}

struct cli_table {
    int name_width;
    size_t rows;
};

static bool cli_listed(const struct cli_args *a, const struct reg_version *v)
{
    return !a->has_stage || v->stage == a->stage;
}

static void cli_list_row(struct cli_run *run, const struct cli_table *t,
                         const struct reg_version *v)
{
    const char *name = reg_model_name(&run->r, v->model);
    char when[48];
    if (run->a->json) {
        cli_json_version(&run->json, &run->r, name, v);
        return;
    }
    fprintf(run->out, "%-*s  %7lld  %-10s  %s", t->name_width, name,
            (long long)v->number, cli_stage(v->stage),
            cli_time(when, sizeof when, v->updated_ms));
    if (reg_version_aliases(&run->r, v->model, v->number, NULL, 0) > 0) {
        fputs("  ", run->out);
        cli_text_aliases(run->out, &run->r, v);
    }
    fputc('\n', run->out);
}

static void cli_list_header(struct cli_run *run, struct cli_table *t,
                            const struct reg_version *v, size_t n)
{
    t->name_width = 5;
    t->rows = 0;
    for (size_t i = 0; i < n; i++) {
        int w = (int)strlen(reg_model_name(&run->r, v[i].model));
        if (cli_listed(run->a, &v[i]) && w > t->name_width && w < 60)
            t->name_width = w;
    }
    if (run->a->json) {
        json_begin_object(&run->json);
        json_str(json_key(&run->json, "policy"), cli_policy_name(&run->r));
        json_begin_array(json_key(&run->json, "versions"));
        return;
    }
    fprintf(run->out, "Policy: %s\n", cli_policy_text(&run->r));
    fprintf(run->out, "%-*s  %7s  %-10s  %-23s  %s\n", t->name_width,
            "MODEL", "VERSION", "STAGE", "LAST UPDATED (UTC)", "ALIASES");
}

static enum kit_status cli_list(struct cli_run *run)
{
    struct cli_table t;
    size_t n;
    enum kit_status st = cli_load_existing(run, run->a->model_name);
    if (st != KIT_OK)
        return st;
    const struct reg_version *v = reg_versions(&run->r, &n);
    cli_list_header(run, &t, v, n);
    for (size_t i = 0; i < n; i++) {
        if (cli_listed(run->a, &v[i])) {
            cli_list_row(run, &t, &v[i]);
            t.rows++;
        }
    }
    if (run->a->json) {
        json_end_array(&run->json);
        json_end_object(&run->json);
    } else if (t.rows == 0) {
        fputs("(no versions)\n", run->out);
    }
    return KIT_OK;
}

/* --- history ------------------------------------------------------------- */

struct cli_history {
    FILE *out;
    struct json_writer *json; /* NULL for text */
    size_t rows;
};

/* The members every history row starts with. */
static void cli_history_head(struct json_writer *w,
                             const struct store_history_row *h)
{
    json_begin_object(w);
    json_int(json_key(w, "seq"), h->seq);
    json_str(json_key(w, "name"), h->model);
    json_int(json_key(w, "version"), h->version);
}

static void cli_history_json(struct json_writer *w,
                             const struct store_history_row *h)
{
    cli_history_head(w, h);
    json_str(json_key(w, "from"), cli_stage(h->from));
    json_str(json_key(w, "to"), cli_stage(h->to));
    json_int(json_key(w, "at_ms"), h->at_ms);
    json_bool(json_key(w, "cascade"), h->cascade);
    if (h->cause != 0)
        json_int(json_key(w, "archived_by_version"), h->cause);
    json_end_object(w);
}

/* What an alias line says happened, by kind (JSON "event"). */
static const char *const cli_alias_events[] = {
    [REG_HISTORY_ALIAS_SET] = "set",
    [REG_HISTORY_ALIAS_MOVE] = "moved",
    [REG_HISTORY_ALIAS_DELETE] = "deleted",
};

static void cli_history_alias_json(struct json_writer *w,
                                   const struct store_history_row *h)
{
    cli_history_head(w, h);
    json_str(json_key(w, "alias"), h->alias);
    json_str(json_key(w, "event"), cli_alias_events[h->kind]);
    if (h->kind == REG_HISTORY_ALIAS_MOVE)
        json_int(json_key(w, "from_version"), h->from_version);
    json_int(json_key(w, "at_ms"), h->at_ms);
    json_bool(json_key(w, "cascade"), h->cascade);
    json_end_object(w);
}

/* The CHANGE column: "None -> Staging  cascade (archived by v3)", or
 * "alias champion moved from v2". */
static void cli_history_change(char *buf, size_t size,
                               const struct store_history_row *h)
{
    if (h->kind == REG_HISTORY_ALIAS_MOVE)
        snprintf(buf, size, "alias %s moved from v%lld", h->alias,
                 (long long)h->from_version);
    else if (h->kind != REG_HISTORY_STAGE)
        snprintf(buf, size, "alias %s %s%s", h->alias,
                 cli_alias_events[h->kind],
                 h->cascade ? " with its version" : "");
    else if (h->cascade && h->cause != 0)
        snprintf(buf, size, "%s -> %s  cascade (archived by v%lld)",
                 cli_stage(h->from), cli_stage(h->to), (long long)h->cause);
    else
        snprintf(buf, size, "%s -> %s%s", cli_stage(h->from),
                 cli_stage(h->to), h->cascade ? "  cascade" : "");
}

static void cli_history_row(void *ctx, const struct store_history_row *h)
{
    struct cli_history *c = ctx;
    char when[48], who[96], change[REG_ALIAS_MAX + 64];
    if (c->json && h->kind != REG_HISTORY_STAGE) {
        cli_history_alias_json(c->json, h);
    } else if (c->json) {
        cli_history_json(c->json, h);
    } else {
        snprintf(who, sizeof who, "%s v%lld", h->model, (long long)h->version);
        cli_history_change(change, sizeof change, h);
        fprintf(c->out, "%5lld  %s  %-20s  %s\n", (long long)h->seq,
                cli_time(when, sizeof when, h->at_ms), who, change);
    }
    c->rows++;
}

static enum kit_status cli_history_cmd(struct cli_run *run)
{
    const char *name = run->a->model_name;
    struct cli_history c = {run->out, run->a->json ? &run->json : NULL, 0};
    bool found = true;
    enum kit_status st = KIT_OK;
    if (name != NULL)
        st = store_has_model(run->s, name, &found, &run->err);
    if (st == KIT_OK && !found)
        return kit_error_set(&run->err, KIT_ENOTFOUND,
                             "Registered Model with name=%s not found", name);
    if (st == KIT_OK && !c.json)
        fprintf(run->out, "%5s  %-23s  %-20s  %s\n", "SEQ", "WHEN (UTC)",
                "VERSION", "CHANGE");
    if (st == KIT_OK && c.json)
        json_begin_array(c.json);
    if (st == KIT_OK)
        st = store_each_history(run->s, name, cli_history_row, &c, &run->err);
    if (st == KIT_OK && c.json)
        json_end_array(c.json);
    else if (st == KIT_OK && c.rows == 0)
        fputs("(no changes yet)\n", run->out);
    return st;
}

/* --- aliases: set-alias, delete-alias, resolve, migrate-stages ---------- */

/* One alias change, as "my_model@champion -> v3 (moved from v2)". */
static void cli_print_alias(FILE *out, const struct registry *r,
                            const struct reg_history_entry *e, bool would)
{
    const char *name = reg_model_name(r, e->model);
    fprintf(out, "%s%s@%s", would ? "would: " : "", name ? name : "?",
            e->alias);
    if (e->kind == REG_HISTORY_ALIAS_DELETE)
        fprintf(out, " deleted (it named v%lld)\n", (long long)e->number);
    else if (e->kind == REG_HISTORY_ALIAS_MOVE)
        fprintf(out, " -> v%lld (moved from v%lld)\n", (long long)e->number,
                (long long)e->from_number);
    else
        fprintf(out, " -> v%lld (set)\n", (long long)e->number);
}

/* Saves the alias changes recorded from `before` on and prints them;
 * *changed says whether there were any. */
static enum kit_status cli_save_aliases(struct cli_run *run, size_t before,
                                        bool *changed)
{
    size_t n;
    const struct reg_history_entry *h = reg_history(&run->r, &n);
    enum kit_status st =
        store_save_transitions(run->s, &run->r, before, &run->err);
    for (size_t i = before; st == KIT_OK && i < n; i++)
        cli_print_alias(run->out, &run->r, &h[i], false);
    *changed = n > before;
    return st;
}

/* Loads the model, sets (or deletes) the alias of the command line, then
 * saves and prints what the registry recorded; *changed is false when
 * nothing was. */
static enum kit_status cli_alias_change(struct cli_run *run, bool set,
                                        bool *changed)
{
    const struct cli_args *a = run->a;
    size_t before;
    *changed = false;
    enum kit_status st = cli_load_alias_slice(run, a->model_name, a->alias,
                                              set ? a->version : 0);
    reg_history(&run->r, &before);
    if (st == KIT_OK)
        st = set ? reg_alias_set(&run->r, a->model_name, a->alias, a->version,
                                 &run->err)
                 : reg_alias_delete(&run->r, a->model_name, a->alias,
                                    &run->err);
    if (st == KIT_OK)
        st = cli_save_aliases(run, before, changed);
    return st;
}

static enum kit_status cli_set_alias(struct cli_run *run)
{
    const struct cli_args *a = run->a;
    bool changed;
    enum kit_status st = cli_alias_change(run, true, &changed);
    if (st == KIT_OK && !changed)
        fprintf(run->out, "%s@%s already names v%lld; nothing changed.\n",
                a->model_name, a->alias, (long long)a->version);
    return st;
}

static enum kit_status cli_delete_alias(struct cli_run *run)
{
    const struct cli_args *a = run->a;
    bool changed;
    enum kit_status st = cli_alias_change(run, false, &changed);
    if (st == KIT_OK && !changed)
        fprintf(run->out, "%s has no alias %s; nothing changed (as in "
                          "MLflow, this is no error).\n",
                a->model_name, a->alias);
    return st;
}

/* The model a resolved URI named, for showing its version: the text after
 * "models:/" up to the last '@' or the first '/', whichever names a model
 * that has version `number`.  The URI itself was read by the exercise's
 * alias_resolve(); this only finds the row to print.  *pos is REG_NOPOS
 * when neither does.  KIT_ENOMEM when a name cannot be copied. */
static enum kit_status cli_resolved_pos(const struct registry *r,
                                        const char *uri, int64_t number,
                                        uint32_t *pos)
{
    static const char prefix[] = "models:/";
    *pos = REG_NOPOS;
    if (strncmp(uri, prefix, sizeof prefix - 1) != 0)
        return KIT_OK;
    const char *rest = uri + sizeof prefix - 1;
    const char *ends[] = {strrchr(rest, '@'), strchr(rest, '/')};
    for (size_t i = 0; i < 2 && *pos == REG_NOPOS; i++) {
        if (ends[i] == NULL || ends[i] == rest)
            continue;
        char *name = strndup(rest, (size_t)(ends[i] - rest));
        if (name == NULL)
            return KIT_ENOMEM;
        if (reg_version_find(r, name, number, pos, NULL) != KIT_OK)
            *pos = REG_NOPOS;
        free(name);
    }
    return KIT_OK;
}

/* The URI errors that MLflow raises without an error code
 * (mlflow/store/artifact/utils/models.py), so that its client reports
 * INTERNAL_ERROR: the codes printed are the kit's
 * (docs/mlflow-messages.tsv, rows uri_improper and no_versions_stage). */
static const char *cli_uri_note(enum kit_status st,
                                const struct kit_error *err)
{
    if ((st == KIT_EINVAL &&
         strncmp(err->msg, "Not a proper models:/ URI", 25) == 0) ||
        (st == KIT_ENOTFOUND &&
         strncmp(err->msg, "No versions of model", 20) == 0))
        return "Note: MLflow raises this error without an error code, so its "
               "client reports INTERNAL_ERROR; the code above is the kit's.";
    return NULL;
}

static enum kit_status cli_resolve(struct cli_run *run)
{
    int64_t number = 0;
    enum kit_status st = cli_load_everything(run);
    if (st == KIT_OK)
        st = alias_resolve(&run->r, run->a->uri, &number, &run->err);
    if (st != KIT_OK) {
        run->note = cli_uri_note(st, &run->err);
        return st;
    }
    uint32_t pos;
    if (cli_resolved_pos(&run->r, run->a->uri, number, &pos) != KIT_OK)
        return kit_error_set(&run->err, KIT_ENOMEM, "out of memory");
    const struct reg_version *v = reg_version_at(&run->r, pos);
    if (v == NULL)
        return kit_error_set(&run->err, KIT_ENOTIMPL,
                             "alias_resolve() reported success with version "
                             "%lld, which the URI's model does not have: see "
                             "exercise 7, kata/07_alias.c",
                             (long long)number);
    cli_show_version(run, reg_model_name(&run->r, v->model), v);
    return KIT_OK;
}

/* The highest version number of a model in a stage (get_latest_versions'
 * answer), 0 when the stage is empty. */
static int64_t cli_highest_in(const struct registry *r, uint32_t model,
                              enum stage s)
{
    struct reg_view view = reg_model_stage_view(r, model, s);
    int64_t best = 0;
    for (size_t i = 0; i < view.count; i++) {
        int64_t n = view.versions[view.pos[i]].number;
        best = n > best ? n : best;
    }
    return best;
}

struct cli_migration {
    const char *alias;
    enum stage from;
};

static const struct cli_migration cli_migrations[] = {
    {ALIAS_CHAMPION, STAGE_PRODUCTION}, /* MLflow's guide */
    {ALIAS_CHALLENGER, STAGE_STAGING},  /* a common convention */
};

/* Points one alias of model m at the highest version in its stage, and
 * says so; *count counts the aliases that changed. */
static enum kit_status cli_migrate_one(struct cli_run *run, uint32_t m,
                                       const struct cli_migration *g,
                                       size_t *count)
{
    const char *name = reg_model_name(&run->r, m);
    int64_t number = cli_highest_in(&run->r, m, g->from), old = 0;
    size_t before, after;
    if (number == 0)
        return KIT_OK;
    reg_history(&run->r, &before);
    enum kit_status st =
        reg_alias_set(&run->r, name, g->alias, number, &run->err);
    const struct reg_history_entry *h = reg_history(&run->r, &after);
    if (st != KIT_OK)
        return st;
    if (after == before) {
        fprintf(run->out, "%s@%s -> v%lld (the highest version in %s; "
                          "already there)\n",
                name, g->alias, (long long)number, cli_stage(g->from));
        return KIT_OK;
    }
    old = h[before].from_number;
    fprintf(run->out, "%s%s@%s -> v%lld (the highest version in %s",
            run->a->dry_run ? "would: " : "", name, g->alias,
            (long long)number, cli_stage(g->from));
    if (old != 0)
        fprintf(run->out, "; moved from v%lld", (long long)old);
    fputs(")\n", run->out);
    ++*count;
    return KIT_OK;
}

static void cli_migrate_summary(struct cli_run *run, size_t count)
{
    if (run->a->dry_run)
        fprintf(run->out, "Dry run: %zu alias%s would change; nothing was "
                          "written.\n", count, count == 1 ? "" : "es");
    else
        fprintf(run->out, "%zu alias%s changed.  Load models:/<name>@%s "
                          "instead of models:/<name>/Production.\n",
                count, count == 1 ? "" : "es", ALIAS_CHAMPION);
    fputs("Note: champion is the example of MLflow's migration guide; "
          "challenger (an A/B test's candidate) is a common convention, not "
          "MLflow's guide.\n", run->out);
}

static enum kit_status cli_migrate_stages(struct cli_run *run)
{
    size_t count = 0, before;
    enum kit_status st = cli_load_everything(run);
    reg_history(&run->r, &before);
    for (uint32_t m = 0; st == KIT_OK && m < reg_model_count(&run->r); m++)
        for (size_t g = 0; st == KIT_OK && g < 2; g++)
            st = cli_migrate_one(run, m, &cli_migrations[g], &count);
    if (st == KIT_OK && !run->a->dry_run)
        st = store_save_transitions(run->s, &run->r, before, &run->err);
    if (st == KIT_OK)
        cli_migrate_summary(run, count);
    return st;
}

/* --- dispatch: the seed's loop, exercise 5 ------------------------------- */

struct cli_dispatch {
    struct cli_run *run;
    const struct reg_version *first;
    size_t n, calls, bad;
};

/* True when v points at one of the d->n versions.  Compared as integers:
 * relational operators on pointers into different objects are undefined,
 * and this check exists for pointers a broken loop made up. */
static bool cli_dispatch_owns(const struct cli_dispatch *d,
                              const struct reg_version *v)
{
    uintptr_t base = (uintptr_t)d->first, at = (uintptr_t)v;
    return v != NULL && at >= base && (at - base) % sizeof *v == 0 &&
           (at - base) / sizeof *v < d->n;
}

/* A student's loop may hand us any pointer: check before reading. */
static void cli_dispatch_one(struct cli_dispatch *d, const struct reg_version *v,
                             enum dispatch_action act)
{
    d->calls++;
    if (!cli_dispatch_owns(d, v)) {
        d->bad++;
        return;
    }
    const char *name = reg_model_name(&d->run->r, v->model);
    FILE *out = d->run->out;
    if (d->run->a->json) {
        struct json_writer *w = &d->run->json;
        json_begin_object(w);
        json_str(json_key(w, "action"), dispatch_action_name(act));
        cli_json_version(json_key(w, "version"), NULL, name, v);
        json_end_object(w);
        return;
    }
    char who[96];
    snprintf(who, sizeof who, "%s v%lld", name ? name : "?",
             (long long)v->number);
    fprintf(out, "%-7s  %-20s  (%s)\n", dispatch_action_name(act), who,
            cli_stage(v->stage));
}

static void cli_on_deploy(void *ctx, const struct reg_version *v)
{
    cli_dispatch_one(ctx, v, DISPATCH_DEPLOY);
}

static void cli_on_test(void *ctx, const struct reg_version *v)
{
    cli_dispatch_one(ctx, v, DISPATCH_TEST);
}

static void cli_on_archive(void *ctx, const struct reg_version *v)
{
    cli_dispatch_one(ctx, v, DISPATCH_ARCHIVE);
}

static void cli_dispatch_counts(struct cli_run *run,
                                const struct dispatch_counts *c, size_t n)
{
    size_t d = c->count[DISPATCH_DEPLOY], t = c->count[DISPATCH_TEST],
           a = c->count[DISPATCH_ARCHIVE];
    struct json_writer *w = &run->json;
    if (run->a->json) {
        json_end_array(w);
        json_begin_object(json_key(w, "counts"));
        json_uint(json_key(w, "deploy"), d);
        json_uint(json_key(w, "test"), t);
        json_uint(json_key(w, "archive"), a);
        json_uint(json_key(w, "versions"), n);
        json_end_object(w);
        json_end_object(w);
        return;
    }
    fprintf(run->out, "%zu versions: %zu deploy, %zu test, %zu archive.  One "
                 "action per version: O(n).\n",
            n, d, t, a);
}

static enum kit_status cli_dispatch(struct cli_run *run)
{
    size_t n;
    enum kit_status st = store_load_all(run->s, &run->r, &run->err);
    if (st != KIT_OK)
        return st;
    const struct reg_version *v = reg_versions(&run->r, &n);
    struct cli_dispatch d = {run, v, n, 0, 0};
    struct dispatch_actions acts = {
        {cli_on_deploy, cli_on_test, cli_on_archive}, &d};
    struct dispatch_counts c = {{0}};
    if (run->a->json) {
        json_begin_object(&run->json);
        json_begin_array(json_key(&run->json, "actions"));
    }
    dispatch_all(v, n, &acts, &c);
    size_t sum = c.count[0] + c.count[1] + c.count[2];
    if (d.calls != n || sum != n || d.bad != 0)
        return kit_error_set(&run->err, KIT_ENOTIMPL,
                             "dispatch_all() made %zu calls (%zu to versions "
                             "outside the array) and counted %zu for %zu "
                             "versions; it must visit each version once: see "
                             "exercise 5, kata/05_dispatch.c",
                             d.calls, d.bad, sum, n);
    cli_dispatch_counts(run, &c, n);
    return KIT_OK;
}

/* --- demo: the quiz's scenario ------------------------------------------- */

struct cli_demo_version {
    const char *model;
    const char *stage; /* through transition_apply(), as a student types */
};

static const struct cli_demo_version cli_demo_versions[] = {
    {"fraud_detector", "Production"}, {"fraud_detector", "Staging"},
    {"my_model", "Archived"},         {"my_model", "Production"},
    {"my_model", "Staging"},
};

static const char *const cli_demo_models[] = {"fraud_detector", "my_model"};

#define CLI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static enum kit_status cli_demo_build(struct cli_run *run)
{
    enum kit_status st = KIT_OK;
    for (size_t i = 0; st == KIT_OK && i < CLI_COUNT(cli_demo_models); i++) {
        st = cli_load(run, cli_demo_models[i], 0);
        if (st == KIT_OK)
            st = reg_model_create(&run->r, cli_demo_models[i], &run->err);
    }
    for (size_t i = 0; st == KIT_OK && i < CLI_COUNT(cli_demo_versions); i++) {
        const struct cli_demo_version *d = &cli_demo_versions[i];
        int64_t number = 0;
        st = reg_version_create(&run->r, d->model, &number, &run->err);
        if (st == KIT_OK)
            st = cli_apply(run, d->model, number, d->stage, false);
    }
    return st;
}

static enum kit_status cli_demo_save(struct cli_run *run)
{
    size_t n;
    enum kit_status st = KIT_OK;
    reg_versions(&run->r, &n);
    for (uint32_t m = 0; st == KIT_OK && m < reg_model_count(&run->r); m++)
        st = store_insert_model(run->s, &run->r, m, &run->err);
    for (uint32_t pos = 0; st == KIT_OK && pos < n; pos++)
        st = store_insert_version(run->s, &run->r, pos, &run->err);
    if (st == KIT_OK)
        st = store_save_transitions(run->s, &run->r, 0, &run->err);
    return st;
}

/* Whether a model of the scenario is in the registry already (loaded). */
static bool cli_demo_loaded(struct cli_run *run, enum kit_status *st)
{
    for (size_t i = 0; *st == KIT_OK && i < CLI_COUNT(cli_demo_models); i++) {
        uint32_t model;
        *st = cli_load(run, cli_demo_models[i], 0);
        if (*st == KIT_OK &&
            reg_model_find(&run->r, cli_demo_models[i], &model, NULL) == KIT_OK)
            return true;
    }
    return false;
}

/* A second demo changes nothing and says why: running the README's
 * session twice is no error. */
static enum kit_status cli_demo(struct cli_run *run)
{
    enum kit_status st = KIT_OK;
    if (cli_demo_loaded(run, &st)) {
        fprintf(run->out, "The quiz's scenario is already in this registry "
                          "(fraud_detector or my_model exists); nothing "
                          "changed.\nTo start again, use a new file: "
                          "modelreg --registry fresh.db models demo\n");
        return KIT_OK;
    }
    if (st == KIT_OK)
        st = cli_demo_build(run);
    if (st == KIT_OK)
        st = cli_demo_save(run);
    if (st != KIT_OK)
        return st;
    fputs("Loaded the quiz's scenario:\n", run->out);
    size_t n;
    const struct reg_version *v = reg_versions(&run->r, &n);
    for (size_t i = 0; i < n; i++)
        fprintf(run->out, "  %-14s v%lld  %s\n",
                reg_model_name(&run->r, v[i].model), (long long)v[i].number,
                cli_stage(v[i].stage));
    fputs("Try the quiz's command:\n  modelreg models transition-version "
          "--model-name my_model --version 3 --stage production\n",
          run->out);
    return KIT_OK;
}

/* --- check --------------------------------------------------------------- */

struct cli_problems {
    FILE *list; /* NULL when out of memory: only counted */
};

static void cli_problem(void *ctx, const char *problem)
{
    struct cli_problems *p = ctx;
    if (p->list != NULL)
        fprintf(p->list, "  %s\n", problem);
}

/* The problems go to stderr after the error line (run->detail). */
static enum kit_status cli_check(struct cli_run *run)
{
    size_t n = 0, len = 0;
    struct cli_problems p = {open_memstream(&run->detail, &len)};
    enum kit_status st = store_verify(run->s, cli_problem, &p, &n, &run->err);
    if (p.list != NULL)
        fclose(p.list);
    if (st == KIT_OK && n == 0)
        fputs("ok: the registry passed SQLite's integrity check and the "
              "kit's invariants\n", run->out);
    else if (st == KIT_OK)
        st = kit_error_set(&run->err, KIT_ESTORE,
                           "the registry is damaged: %zu problem%s found",
                           n, n == 1 ? "" : "s");
    return st;
}

/* --- running ------------------------------------------------------------- */

struct cli_command_run {
    cli_cmd_fn *fn;
    enum store_mode mode;
    unsigned json_lines; /* with --json: json_init()'s layout */
};

/* With --json (the reading commands), a version is one line, as MLflow's
 * client prints it, and a list one line per version. */
static const struct cli_command_run cli_runs[CLI_NCOMMANDS] = {
    [CLI_CREATE] = {cli_create, STORE_WRITE, 0},
    [CLI_CREATE_VERSION] = {cli_create_version, STORE_WRITE, 0},
    [CLI_TRANSITION_VERSION] = {cli_transition, STORE_WRITE, 0},
    [CLI_GET_VERSION] = {cli_get_version, STORE_READ, 0},
    [CLI_LIST] = {cli_list, STORE_READ, 2},
    [CLI_DELETE_VERSION] = {cli_delete_version, STORE_WRITE, 0},
    [CLI_HISTORY] = {cli_history_cmd, STORE_READ, 1},
    [CLI_DISPATCH] = {cli_dispatch, STORE_READ, 2},
    [CLI_DEMO] = {cli_demo, STORE_WRITE, 0},
    [CLI_SET_POLICY] = {cli_set_policy, STORE_WRITE, 0},
    [CLI_SET_ALIAS] = {cli_set_alias, STORE_WRITE, 0},
    [CLI_DELETE_ALIAS] = {cli_delete_alias, STORE_WRITE, 0},
    [CLI_RESOLVE] = {cli_resolve, STORE_READ, 0},
    [CLI_MIGRATE_STAGES] = {cli_migrate_stages, STORE_WRITE, 0},
    [CLI_CHECK] = {cli_check, STORE_READ, 0},
};

/* The error code printed before a registry error's message: MLflow's code
 * for the same error, except where a note (cli_code_note) says the code is
 * the kit's choice. */
static const char *cli_mlflow_code(enum kit_status st)
{
    static const char *const codes[KIT_STATUS_COUNT] = {
        [KIT_EINVAL] = "INVALID_PARAMETER_VALUE",
        [KIT_ERANGE] = "INVALID_PARAMETER_VALUE",
        [KIT_ENOTFOUND] = "RESOURCE_DOES_NOT_EXIST",
        [KIT_EEXIST] = "RESOURCE_ALREADY_EXISTS",
        [KIT_ECONFLICT] = "INVALID_STATE",
        [KIT_ENOMEM] = "INTERNAL_ERROR",
    };
    if ((int)st < 0 || st >= KIT_STATUS_COUNT)
        return NULL;
    return codes[st];
}

static void cli_write_tty(FILE *out, const char *buf, size_t n);
static void cli_say(FILE *errout, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Writes a message to errout escaped as output for a terminal is
 * (cli_write_tty), whatever errout is: a message can quote a model name
 * from the command line or from the registry (stored before names were
 * checked, or by sqlite3 directly), and must not drive the terminal.
 * Every message modelreg writes to stderr goes through here. */
static void cli_say(FILE *errout, const char *fmt, ...)
{
    char small[512], *buf = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small && (buf = malloc((size_t)n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (buf == NULL) /* out of memory: the message cut to what fitted */
        buf = small;
    cli_write_tty(errout, buf, strlen(buf));
    if (buf != small)
        free(buf);
}

static void cli_report(FILE *errout, enum kit_status st,
                       const struct kit_error *err)
{
    const char *code = cli_mlflow_code(st);
    const char *msg = err->msg[0] ? err->msg : kit_strerror(st);
    if (st == KIT_ENOTIMPL)
        cli_say(errout, "Error: exercise not finished: %s\n(This modelreg "
                        "runs the exercise functions it was built with: "
                        "finish them in kata/, see `make grade`.)\n", msg);
    else if (code != NULL)
        cli_say(errout, "Error: %s: %s\n", code, msg);
    else
        cli_say(errout, "Error: %s\n", msg);
}

static const char *cli_path(const struct cli_args *a, const char *env)
{
    if (a->registry != NULL)
        return a->registry;
    return env != NULL && env[0] != '\0' ? env : "registry.db";
}

/* The end of the JSON output.  Its stream is a memory buffer, which fails
 * only when memory runs out. */
static enum kit_status cli_json_end(struct cli_run *run)
{
    enum kit_status st = json_end(&run->json, &run->err);
    if (st == KIT_ESYS)
        st = kit_error_set(&run->err, KIT_ENOMEM, "out of memory");
    return st;
}

/* Closes the output buffer.  A write the buffer could not grow for is
 * KIT_ENOMEM, and so is a failed final copy, which glibc's fclose() of a
 * memory stream reports by leaving run->buf NULL while returning 0. */
static enum kit_status cli_output_close(struct cli_run *run)
{
    bool bad = ferror(run->out) != 0;
    bad = fclose(run->out) != 0 || bad;
    run->out = NULL;
    if (bad || run->buf == NULL)
        return kit_error_set(&run->err, KIT_ENOMEM, "out of memory");
    return KIT_OK;
}

/* Runs one command in one transaction; output goes to run->out, which is
 * closed before the commit: a change is committed only when what the
 * command says about it can be printed. */
static enum kit_status cli_execute(struct cli_run *run, const char *path)
{
    const struct cli_command_run *c = &cli_runs[run->a->command];
    /* A dry run writes nothing, and so does not upgrade an old file. */
    enum store_mode mode = run->a->dry_run ? STORE_READ : c->mode;
    enum kit_status st = store_open(path, mode, &run->s, &run->err);
    if (st == KIT_OK)
        st = store_load_settings(run->s, &run->r, &run->err);
    if (run->a->json)
        json_init(&run->json, run->out, c->json_lines);
    if (st == KIT_OK)
        st = c->fn(run);
    if (st == KIT_OK && run->a->json)
        st = cli_json_end(run);
    if (st == KIT_OK)
        st = cli_output_close(run);
    if (st == KIT_OK)
        st = store_commit(run->s, &run->err);
    store_close(run->s);
    run->s = NULL;
    return st;
}

/* Writes the output for a terminal: a control character (a model name
 * stored before names were checked may hold an escape sequence) becomes
 * \\u00XX, which is also valid inside a JSON string, and a byte that is
 * not UTF-8 (never in JSON output: json_string() replaces it) \\xNN. */
static void cli_write_tty(FILE *out, const char *buf, size_t n)
{
    const unsigned char *u = (const unsigned char *)buf;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq_len(u + i, n - i);
        unsigned cp = len == 2 ? (u[i] & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu)
                               : u[i];
        if (len == 0)
            fprintf(out, "\\x%02x", u[i]);
        else if ((len == 1 && (cp < 0x20 || cp == 0x7F) && cp != '\n' &&
                  cp != '\t') ||
                 (len == 2 && cp < 0xA0))
            fprintf(out, "\\u%04x", cp);
        else
            fwrite(u + i, 1, len, out);
        i += len ? len : 1;
    }
}

static int cli_run_command(const struct cli_args *a, const char *path,
                           FILE *out, FILE *errout)
{
    struct cli_run run = {.a = a, .s = NULL, .note = NULL, .detail = NULL,
                          .buf = NULL, .len = 0};
    reg_init(&run.r);
    kit_error_clear(&run.err);
    run.out = open_memstream(&run.buf, &run.len);
    enum kit_status st = run.out ? cli_execute(&run, path)
                                 : kit_error_set(&run.err, KIT_ENOMEM,
                                                 "out of memory");
    if (run.out != NULL) /* the command failed before its output was done */
        fclose(run.out);
    if (st == KIT_OK && isatty(fileno(out)))
        cli_write_tty(out, run.buf, run.len);
    else if (st == KIT_OK)
        fwrite(run.buf, 1, run.len, out);
    else
        cli_report(errout, st, &run.err);
    if (st != KIT_OK && run.note != NULL)
        cli_say(errout, "%s\n", run.note);
    if (st != KIT_OK && run.detail != NULL)
        cli_say(errout, "%s", run.detail);
    free(run.detail);
    free(run.buf);
    reg_free(&run.r);
    return cli_exit_code(st);
}

int cli_main(int argc, char *argv[], const char *env_registry, FILE *out,
             FILE *errout)
{
    struct cli_args a;
    struct cli_error e;
    enum kit_status st = cli_parse(argc, argv, &a, &e);
    if (st == KIT_EUSAGE) {
        cli_say(errout, "%s\n\nError: %s\n", e.usage, e.err.msg);
        return cli_exit_code(st);
    }
    if (st != KIT_OK) {
        cli_report(errout, st, &e.err);
        return cli_exit_code(st);
    }
    if (a.action == CLI_NO_ARGS) {
        cli_print_help(errout, &a);
        return PROG_EXIT_USAGE;
    }
    if (a.action != CLI_RUN) {
        cli_print_help(out, &a);
        return 0;
    }
    return cli_run_command(&a, cli_path(&a, env_registry), out, errout);
}
