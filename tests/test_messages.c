/* The kit's MLflow (and click) messages against the one table that records
 * them, docs/mlflow-messages.tsv.  Each row's message is made here by the
 * kit's real code (the engine and the linked exercise functions), and must
 * be the row's "kit" string with its placeholders filled in.  A row marked
 * "same" must quote upstream word for word; a row marked "kit" is the kit's
 * own and has no upstream string.  Change a message and this test names
 * the row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_test.h"
#include "alias.h"
#include "cli.h"
#include "opts.h"
#include "transition.h"
#include "tvargs.h"

#define TABLE "docs/mlflow-messages.tsv"
#define ROWS_MAX 64
#define ARGS_MAX 6

enum column { ID, KIT, UPSTREAM, FILE_, FUNCTION, CHECKED, RELATION, NOTE,
              NCOLUMNS };

struct row {
    char *field[NCOLUMNS];
};

struct table {
    struct row rows[ROWS_MAX];
    size_t count;
    char *lines[ROWS_MAX];
};

/* What a producer made: the message and the values the kit filled in. */
struct made {
    struct kit_error err;
    const char *args[ARGS_MAX];
};

typedef void make_fn(struct registry *r, struct made *m);

/* --- reading the table --------------------------------------------------- */

static int split_row(char *line, struct row *row)
{
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < NCOLUMNS; n++) {
        row->field[n] = p;
        char *tab = strchr(p, '\t');
        if (tab == NULL)
            return n + 1 == NCOLUMNS ? 0 : -1;
        *tab = '\0';
        p = tab + 1;
    }
    return -1; /* more than NCOLUMNS fields */
}

static bool is_data_line(const char *line)
{
    return line[0] != '#' && line[0] != '\n' && line[0] != '\0' &&
           strncmp(line, "id\t", 3) != 0;
}

static void read_rows(FILE *f, struct table *t)
{
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        if (!is_data_line(line))
            continue;
        assert_true(t->count < ROWS_MAX);
        t->lines[t->count] = line;
        if (split_row(line, &t->rows[t->count]) != 0)
            fail_msg(TABLE ": row %zu does not have %d tab-separated fields",
                     t->count + 1, NCOLUMNS);
        t->count++;
        line = NULL;
        cap = 0;
    }
    free(line);
}

static int setup(void **state)
{
    struct table *t = calloc(1, sizeof *t);
    FILE *f = fopen(TABLE, "r");
    if (t == NULL || f == NULL) {
        fprintf(stderr, TABLE " must be readable from the top of the tree\n");
        free(t);
        if (f != NULL)
            fclose(f);
        return -1;
    }
    read_rows(f, t);
    fclose(f);
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    struct table *t = *state;
    for (size_t i = 0; i < t->count; i++)
        free(t->lines[i]);
    free(t);
    return 0;
}

/* --- filling in placeholders --------------------------------------------- */

/* The length of the placeholder at p ("%s" or "%lld"), 0 if none. */
static size_t placeholder(const char *p)
{
    if (strncmp(p, "%s", 2) == 0)
        return 2;
    if (strncmp(p, "%lld", 4) == 0)
        return 4;
    return 0;
}

/* fmt with each placeholder replaced by the next of args, into out.
 * Returns the number of placeholders, or -1 when args run out. */
static int fill(const char *fmt, const char *const args[], char *out,
                size_t size)
{
    size_t used = 0;
    int n = 0;
    out[0] = '\0';
    for (const char *p = fmt; *p != '\0';) {
        size_t len = placeholder(p);
        const char *piece = len ? args[n] : p;
        size_t plen = len ? (piece ? strlen(piece) : 0) : 1;
        if (len && (n >= ARGS_MAX || piece == NULL))
            return -1;
        assert_true(used + plen < size);
        memcpy(out + used, piece, plen);
        out[used += plen] = '\0';
        n += len != 0;
        p += len ? len : 1;
    }
    return n;
}

/* The string with "%lld" written as "%s", for comparing with upstream. */
static void as_upstream(const char *fmt, char *out, size_t size)
{
    static const char *const s[ARGS_MAX] = {"%s", "%s", "%s", "%s", "%s",
                                            "%s"};
    assert_true(fill(fmt, s, out, size) >= 0);
}

/* --- the producers: each message from the kit's real code ---------------- */

static void make_stage_empty(struct registry *r, struct made *m)
{
    enum stage s;
    (void)r;
    assert_int_equal(stage_parse("", &s, &m->err), KIT_EINVAL);
}

static void make_stage_invalid(struct registry *r, struct made *m)
{
    enum stage s;
    (void)r;
    m->args[0] = "prod";
    assert_int_equal(stage_parse("prod", &s, &m->err), KIT_EINVAL);
}

static void make_not_active(struct registry *r, struct made *m)
{
    kit_model_with_versions(r, "m", 1);
    m->args[0] = "None";
    assert_int_equal(transition_apply(r, "m", 1, "None", true, &m->err),
                     KIT_EINVAL);
}

static void make_version_not_found(struct registry *r, struct made *m)
{
    kit_model_with_versions(r, "m", 1);
    m->args[0] = "m";
    m->args[1] = "99";
    assert_int_equal(transition_apply(r, "m", 99, "Staging", false, &m->err),
                     KIT_ENOTFOUND);
}

static void make_model_not_found(struct registry *r, struct made *m)
{
    uint32_t model;
    m->args[0] = "nope";
    assert_int_equal(reg_model_find(r, "nope", &model, &m->err),
                     KIT_ENOTFOUND);
}

static void make_model_exists(struct registry *r, struct made *m)
{
    kit_model_with_versions(r, "m", 0);
    m->args[0] = "m";
    assert_int_equal(reg_model_create(r, "m", &m->err), KIT_EEXIST);
}

static void make_name_empty(struct registry *r, struct made *m)
{
    (void)r;
    assert_int_equal(reg_check_name("", &m->err), KIT_EINVAL);
}

static void make_version_not_integer(struct registry *r, struct made *m)
{
    int64_t v;
    (void)r;
    m->args[0] = "3abc";
    assert_int_equal(reg_parse_version("3abc", &v, &m->err), KIT_EINVAL);
}

static void make_version_range(struct registry *r, struct made *m)
{
    int64_t v;
    static const char big[] = "99999999999999999999";
    (void)r;
    m->args[0] = big;
    assert_int_equal(reg_parse_version(big, &v, &m->err), KIT_ERANGE);
}

static void make_one_per_stage(struct registry *r, struct made *m)
{
    static const enum stage s[] = {STAGE_PRODUCTION, STAGE_STAGING};
    kit_model_in_stages(r, "m", s, 2);
    reg_set_one_per_stage(r, true);
    static const char *const args[] = {"m", "2", "Production", "1",
                                       "Production"};
    memcpy(m->args, args, sizeof args);
    assert_int_equal(
        transition_apply(r, "m", 2, "Production", false, &m->err),
        KIT_ECONFLICT);
}

/* opts_scan() over words with the spec of transition-version. */
static void scan(struct made *m, int argc, char *argv[])
{
    static const struct opts_spec spec[] = {
        {"--version", true}, {"--stage", true}, {"--json", false}};
    struct opts_seen seen;
    assert_int_equal(opts_scan(argc, argv, spec, 3, OPTS_ALL, &seen, NULL,
                               &m->err),
                     KIT_EUSAGE);
}

static void make_no_such_option(struct registry *r, struct made *m)
{
    char *argv[] = {"--qqqqqqqqqqqq"};
    (void)r;
    m->args[0] = argv[0];
    scan(m, 1, argv);
}

static void make_no_such_option_hint(struct registry *r, struct made *m)
{
    char *argv[] = {"--model-version", "3"};
    (void)r;
    m->args[0] = "--model-version";
    m->args[1] = "--version";
    scan(m, 2, argv);
}

static void make_requires_argument(struct registry *r, struct made *m)
{
    char *argv[] = {"--version"};
    (void)r;
    m->args[0] = "--version";
    scan(m, 1, argv);
}

static void make_no_value_taken(struct registry *r, struct made *m)
{
    char *argv[] = {"--json=yes"};
    (void)r;
    m->args[0] = "--json";
    scan(m, 1, argv);
}

static void make_extra_argument(struct registry *r, struct made *m)
{
    char *argv[] = {"--version", "3", "extra"};
    (void)r;
    m->args[0] = "extra";
    scan(m, 3, argv);
}

static void make_given_more_than_once(struct registry *r, struct made *m)
{
    char *argv[] = {"--version", "1", "--version", "2"};
    (void)r;
    m->args[0] = "--version";
    scan(m, 4, argv);
}

/* tvargs_parse() (exercise 2) over a command line. */
static void parse(struct made *m, int argc, char *argv[])
{
    struct tvargs tv;
    assert_int_equal(tvargs_parse(argc, argv, &tv, &m->err), KIT_EUSAGE);
}

static void make_missing_option(struct registry *r, struct made *m)
{
    char *argv[] = {"models", "transition-version", "--version", "3",
                    "--stage", "production"};
    (void)r;
    m->args[0] = "--model-name";
    parse(m, 6, argv);
}

static void make_invalid_value(struct registry *r, struct made *m)
{
    char *argv[] = {"models", "transition-version", "--model-name", "m",
                    "--version", "abc", "--stage", "production"};
    (void)r;
    m->args[0] = "--version";
    m->args[1] = "Model version must be an integer, got 'abc'";
    parse(m, 8, argv);
}

static void make_missing_command(struct registry *r, struct made *m)
{
    char *argv[] = {"models"};
    (void)r;
    parse(m, 1, argv);
}

static void make_no_such_command(struct registry *r, struct made *m)
{
    static const char *const names[] = {"models"};
    (void)r;
    m->args[0] = "zzzzzzzz";
    opts_no_such_command(&m->err, "zzzzzzzz", names, 1);
}

static void make_no_such_command_hint(struct registry *r, struct made *m)
{
    static const char *const names[] = {"models"};
    (void)r;
    m->args[0] = "model";
    m->args[1] = "models";
    opts_no_such_command(&m->err, "model", names, 1);
}

/* --- aliases (issue 11) ------------------------------------------------- */

static void make_alias_empty(struct registry *r, struct made *m)
{
    (void)r;
    assert_int_equal(reg_check_alias("", &m->err), KIT_EINVAL);
}

static void make_alias_invalid(struct registry *r, struct made *m)
{
    (void)r;
    m->args[0] = "a b";
    assert_int_equal(reg_check_alias("a b", &m->err), KIT_EINVAL);
}

static void make_alias_too_long(struct registry *r, struct made *m)
{
    static char name[257], first[251];
    (void)r;
    memset(name, 'a', 256);
    memset(first, 'a', 250);
    m->args[0] = first;
    m->args[1] = "256";
    assert_int_equal(reg_check_alias(name, &m->err), KIT_EINVAL);
}

static void make_alias_latest(struct registry *r, struct made *m)
{
    (void)r;
    assert_int_equal(reg_check_alias("LATEST", &m->err), KIT_EINVAL);
}

static void make_alias_version(struct registry *r, struct made *m)
{
    (void)r;
    m->args[0] = "V1";
    assert_int_equal(reg_check_alias("V1", &m->err), KIT_EINVAL);
}

static void make_alias_not_found(struct registry *r, struct made *m)
{
    int64_t n;
    m->args[0] = "champion";
    assert_int_equal(reg_alias_get(r, "nope", "champion", &n, &m->err),
                     KIT_EINVAL);
}

static void make_uri_improper(struct registry *r, struct made *m)
{
    int64_t n;
    m->args[0] = "models:/m";
    assert_int_equal(alias_resolve(r, "models:/m", &n, &m->err), KIT_EINVAL);
}

static void make_no_versions_stage(struct registry *r, struct made *m)
{
    int64_t n;
    kit_model_with_versions(r, "m", 1);
    m->args[0] = "m";
    m->args[1] = "production";
    assert_int_equal(alias_resolve(r, "models:/m/production", &n, &m->err),
                     KIT_ENOTFOUND);
}

/* cli_parse() over a command line that must be a usage error. */
static void cli_usage(struct made *m, int argc, char *argv[])
{
    struct cli_args a;
    struct cli_error e;
    assert_int_equal(cli_parse(argc, argv, &a, &e), KIT_EUSAGE);
    m->err = e.err;
}

static void make_missing_argument(struct registry *r, struct made *m)
{
    char *argv[] = {"modelreg", "models", "resolve"};
    (void)r;
    m->args[0] = "URI";
    cli_usage(m, 3, argv);
}

static void make_one_of_missing(struct registry *r, struct made *m)
{
    char *argv[] = {"modelreg", "models", "get-version", "--model-name", "m"};
    (void)r;
    m->args[0] = "--version";
    m->args[1] = "--alias";
    cli_usage(m, 5, argv);
}

static void make_one_of_both(struct registry *r, struct made *m)
{
    char *argv[] = {"modelreg", "models", "get-version", "--model-name", "m",
                    "--alias", "a", "--version", "1"};
    (void)r;
    m->args[0] = "--version";
    m->args[1] = "--alias";
    cli_usage(m, 9, argv);
}

static const struct {
    const char *id;
    make_fn *make;
} producers[] = {
    {"stage_empty", make_stage_empty},
    {"stage_invalid", make_stage_invalid},
    {"not_active", make_not_active},
    {"version_not_found", make_version_not_found},
    {"model_not_found", make_model_not_found},
    {"model_exists", make_model_exists},
    {"name_empty", make_name_empty},
    {"version_not_integer", make_version_not_integer},
    {"version_range", make_version_range},
    {"one_per_stage", make_one_per_stage},
    {"no_such_option", make_no_such_option},
    {"no_such_option_hint", make_no_such_option_hint},
    {"requires_argument", make_requires_argument},
    {"no_value_taken", make_no_value_taken},
    {"extra_argument", make_extra_argument},
    {"missing_option", make_missing_option},
    {"invalid_value", make_invalid_value},
    {"no_such_command", make_no_such_command},
    {"no_such_command_hint", make_no_such_command_hint},
    {"given_more_than_once", make_given_more_than_once},
    {"missing_command", make_missing_command},
    {"alias_empty", make_alias_empty},
    {"alias_invalid", make_alias_invalid},
    {"alias_too_long", make_alias_too_long},
    {"alias_latest", make_alias_latest},
    {"alias_version", make_alias_version},
    {"alias_not_found", make_alias_not_found},
    {"uri_improper", make_uri_improper},
    {"no_versions_stage", make_no_versions_stage},
    {"missing_argument", make_missing_argument},
    {"one_of_missing", make_one_of_missing},
    {"one_of_both", make_one_of_both},
};

#define NPRODUCERS (sizeof producers / sizeof producers[0])

static make_fn *producer_of(const char *id)
{
    for (size_t i = 0; i < NPRODUCERS; i++)
        if (strcmp(producers[i].id, id) == 0)
            return producers[i].make;
    return NULL;
}

static const struct row *row_of(const struct table *t, const char *id)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->rows[i].field[ID], id) == 0)
            return &t->rows[i];
    return NULL;
}

/* --- the tests ------------------------------------------------------------ */

/* Runs one row's producer on a fresh registry and compares. */
static void check_row(const struct row *row, make_fn *make)
{
    struct registry r;
    struct made m = {.args = {NULL}};
    char want[KIT_ERROR_MSG_MAX * 2];
    reg_init(&r);
    make(&r, &m);
    reg_free(&r);
    if (fill(row->field[KIT], m.args, want, sizeof want) < 0)
        fail_msg("%s: the table's string has more placeholders than the "
                 "test fills in: \"%s\"", row->field[ID], row->field[KIT]);
    if (strcmp(m.err.msg, want) != 0)
        fail_msg("%s: the kit's code says\n  \"%s\"\nbut " TABLE " records\n"
                 "  \"%s\"\nChange one of them, and check the upstream column "
                 "again.", row->field[ID], m.err.msg, want);
}

static void every_row_is_the_kits_real_message(void **state)
{
    const struct table *t = *state;
    assert_true(t->count > 0);
    for (size_t i = 0; i < t->count; i++) {
        make_fn *make = producer_of(t->rows[i].field[ID]);
        if (make == NULL)
            fail_msg("%s: a row of " TABLE " that tests/test_messages.c does "
                     "not make: add a producer", t->rows[i].field[ID]);
        check_row(&t->rows[i], make);
    }
}

static void every_producer_has_its_row(void **state)
{
    for (size_t i = 0; i < NPRODUCERS; i++)
        if (row_of(*state, producers[i].id) == NULL)
            fail_msg("%s: tests/test_messages.c makes it, but " TABLE " has "
                     "no such row", producers[i].id);
}

static void same_rows_quote_upstream_word_for_word(void **state)
{
    const struct table *t = *state;
    char kit[1024];
    for (size_t i = 0; i < t->count; i++) {
        const struct row *row = &t->rows[i];
        if (strcmp(row->field[RELATION], "same") != 0)
            continue;
        as_upstream(row->field[KIT], kit, sizeof kit);
        if (strcmp(kit, row->field[UPSTREAM]) != 0)
            fail_msg("%s is marked \"same\", but the kit's string\n  \"%s\"\n"
                     "is not upstream's\n  \"%s\"", row->field[ID], kit,
                     row->field[UPSTREAM]);
    }
}

static void kit_rows_say_they_are_the_kits(void **state)
{
    const struct table *t = *state;
    for (size_t i = 0; i < t->count; i++) {
        const struct row *row = &t->rows[i];
        const char *rel = row->field[RELATION];
        if (strcmp(rel, "same") != 0 && strcmp(rel, "kit") != 0)
            fail_msg("%s: relation \"%s\"; it must be same or kit",
                     row->field[ID], rel);
        if (strcmp(rel, "kit") == 0 &&
            (strcmp(row->field[UPSTREAM], "-") != 0 ||
             strstr(row->field[NOTE], "The kit's own") == NULL))
            fail_msg("%s is the kit's own: its upstream column must be \"-\" "
                     "and its note must begin \"The kit's own\"",
                     row->field[ID]);
    }
}

static void every_row_names_its_source(void **state)
{
    const struct table *t = *state;
    for (size_t i = 0; i < t->count; i++) {
        const struct row *row = &t->rows[i];
        bool same = strcmp(row->field[RELATION], "same") == 0;
        if (same && (strcmp(row->field[FILE_], "-") == 0 ||
                     strcmp(row->field[FUNCTION], "-") == 0 ||
                     row->field[CHECKED][0] == '\0'))
            fail_msg("%s quotes upstream: name the file, the function and "
                     "the copy checked", row->field[ID]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_row_is_the_kits_real_message),
        cmocka_unit_test(every_producer_has_its_row),
        cmocka_unit_test(same_rows_quote_upstream_word_for_word),
        cmocka_unit_test(kit_rows_say_they_are_the_kits),
        cmocka_unit_test(every_row_names_its_source),
    };
    return cmocka_run_group_tests_name("docs/mlflow-messages.tsv", tests,
                                       setup, teardown);
}
