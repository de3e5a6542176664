/* Exercise 1 (kata/01_stage.c): what each stage means, and parsing stage
 * names as MLflow does.  Quiz question 1: what is Staging for? */
#include <strings.h>

#include "lesson.h"
#include "stage.h"

static const char *const canonical[STAGE_COUNT] = {
    [STAGE_NONE] = "None",
    [STAGE_STAGING] = "Staging",
    [STAGE_PRODUCTION] = "Production",
    [STAGE_ARCHIVED] = "Archived",
};

static const char *const invalid_tail =
    ". Value must be one of None, Staging, Production, Archived.";

/* True when text contains word, ignoring case. */
static int mentions(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (; *text != '\0'; text++)
        if (strncasecmp(text, word, n) == 0)
            return 1;
    return 0;
}

static void expect_parses(const char *raw, enum stage want)
{
    enum stage got = STAGE_COUNT;
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = stage_parse(raw, &got, &err);
    lesson_expect(st == REG_OK,
                  "stage_parse(\"%s\") returned %s (%s); expected REG_OK: "
                  "stage names are matched case-insensitively, as MLflow "
                  "does",
                  raw, reg_status_name(st), err.msg);
    lesson_expect(got == want,
                  "stage_parse(\"%s\") wrote stage %d; expected %d (%s)",
                  raw, (int)got, (int)want, canonical[want]);
}

static void expect_invalid(const char *raw, const char *why)
{
    enum stage got = STAGE_COUNT;
    struct reg_error err = {REG_OK, ""};
    char want[REG_ERROR_MSG_MAX];
    snprintf(want, sizeof want, "Invalid Model Version stage: %s%s", raw,
             invalid_tail);
    enum reg_status st = stage_parse(raw, &got, &err);
    lesson_expect(st == REG_EINVAL,
                  "stage_parse(\"%s\") returned %s; expected REG_EINVAL: %s",
                  raw, reg_status_name(st), why);
    lesson_expect(strcmp(err.msg, want) == 0,
                  "stage_parse(\"%s\"): message \"%s\"; expected MLflow's "
                  "\"%s\"",
                  raw, err.msg, want);
    lesson_expect(got == STAGE_COUNT,
                  "stage_parse(\"%s\") failed but wrote *out anyway: on "
                  "error the output must be left untouched",
                  raw);
}

static void the_four_canonical_names_parse(void **state)
{
    (void)state;
    for (int s = 0; s < STAGE_COUNT; s++)
        expect_parses(canonical[s], (enum stage)s);
}

static void stage_names_are_matched_case_insensitively(void **state)
{
    (void)state;
    expect_parses("production", STAGE_PRODUCTION);
    expect_parses("PRODUCTION", STAGE_PRODUCTION);
    expect_parses("pROduction", STAGE_PRODUCTION);
    expect_parses("staging", STAGE_STAGING);
    expect_parses("NONE", STAGE_NONE);
    expect_parses("archived", STAGE_ARCHIVED);
}

static void archived_is_a_stage_deleted_is_not(void **state)
{
    (void)state;
    /* The seed's mistake: "thinking 'archived' means deletion". */
    expect_parses("archived", STAGE_ARCHIVED);
    expect_invalid("deleted", "there is no Deleted stage: deleting a "
                              "version is not a stage change, and archived "
                              "versions are kept");
}

static void abbreviations_and_white_space_are_invalid(void **state)
{
    (void)state;
    expect_invalid("prod", "stage names are not abbreviated");
    expect_invalid(" Production", "white space is not trimmed");
    expect_invalid("Production ", "white space is not trimmed");
    expect_invalid("Productions", "only the exact name, in any case, is a "
                                  "stage");
}

static void an_empty_stage_has_its_own_message(void **state)
{
    (void)state;
    enum stage got = STAGE_COUNT;
    struct reg_error err = {REG_OK, ""};
    enum reg_status st = stage_parse("", &got, &err);
    lesson_expect(st == REG_EINVAL && strcmp(err.msg, "The stage must not be "
                                                      "an empty string.") == 0,
                  "stage_parse(\"\") returned %s \"%s\"; expected REG_EINVAL "
                  "with MLflow's \"The stage must not be an empty string.\"",
                  reg_status_name(st), err.msg);
    lesson_expect(got == STAGE_COUNT, "stage_parse(\"\") wrote *out on error");
}

static void parse_accepts_a_null_error_struct(void **state)
{
    (void)state;
    enum stage got = STAGE_COUNT;
    lesson_expect(stage_parse("nope", &got, NULL) == REG_EINVAL,
                  "stage_parse(\"nope\", &s, NULL) must return REG_EINVAL: "
                  "err may be NULL (reg_error_set() accepts NULL)");
    lesson_expect(stage_parse("Staging", &got, NULL) == REG_OK &&
                      got == STAGE_STAGING,
                  "stage_parse(\"Staging\", &s, NULL) must succeed");
}

static void names_are_canonical(void **state)
{
    (void)state;
    for (int s = 0; s < STAGE_COUNT; s++) {
        const char *got = stage_name((enum stage)s);
        lesson_expect(got != NULL && strcmp(got, canonical[s]) == 0,
                      "stage_name(%d) returned \"%s\"; expected \"%s\": "
                      "names are written canonically, capitalised",
                      s, got ? got : "(null)", canonical[s]);
    }
}

static void names_outside_the_enum_are_unknown(void **state)
{
    (void)state;
    const char *got = stage_name(STAGE_COUNT);
    lesson_expect(got != NULL && strcmp(got, "unknown") == 0,
                  "stage_name(STAGE_COUNT) returned \"%s\"; expected "
                  "\"unknown\": check the bounds before indexing a table",
                  got ? got : "(null)");
    /* 7 still fits the enum's bits, so this is defined behaviour. */
    got = stage_name((enum stage)7);
    lesson_expect(got != NULL && strcmp(got, "unknown") == 0,
                  "stage_name(7) returned \"%s\"; expected \"unknown\"",
                  got ? got : "(null)");
    got = stage_purpose((enum stage)7);
    lesson_expect(got != NULL && strcmp(got, "unknown") == 0,
                  "stage_purpose(7) returned \"%s\"; expected \"unknown\"",
                  got ? got : "(null)");
}

static void every_name_parses_back_to_its_stage(void **state)
{
    (void)state;
    for (int s = 0; s < STAGE_COUNT; s++) {
        enum stage back = STAGE_COUNT;
        const char *name = stage_name((enum stage)s);
        lesson_expect(name != NULL &&
                          stage_parse(name, &back, NULL) == REG_OK &&
                          back == (enum stage)s,
                      "stage_parse(stage_name(%d)) must give back %d", s, s);
    }
}

static const char *purpose(enum stage s)
{
    const char *p = stage_purpose(s);
    lesson_expect(p != NULL && strlen(p) > 10 && !mentions(p, "TODO"),
                  "stage_purpose(%s) returned \"%s\"; expected one sentence "
                  "on what the stage is for",
                  canonical[s], p ? p : "(null)");
    return p;
}

static void staging_is_for_testing_before_going_live(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_STAGING);
    lesson_expect(mentions(p, "test") || mentions(p, "validat"),
                  "Staging's purpose is \"%s\"; quiz question 1: Staging is "
                  "where a version is tested and validated before it goes "
                  "live (say \"test\" or \"validate\")",
                  p);
    lesson_expect(!mentions(p, "delet"),
                  "Staging's purpose is \"%s\": staging is not for "
                  "deleting models, it is the testing phase",
                  p);
}

static void production_is_the_live_version(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_PRODUCTION);
    lesson_expect(mentions(p, "live") || mentions(p, "serv"),
                  "Production's purpose is \"%s\"; expected the version in "
                  "live use, serving real traffic (say \"live\" or "
                  "\"serves\"): do not confuse it with Staging",
                  p);
}

static void archived_means_kept_not_deleted(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_ARCHIVED);
    lesson_expect(mentions(p, "kept") || mentions(p, "not deleted"),
                  "Archived's purpose is \"%s\"; an archived version is "
                  "retired but kept (say \"kept\" or \"not deleted\"): it is "
                  "still listed and can move back to any stage",
                  p);
    lesson_expect(!mentions(p, "active use"),
                  "Archived's purpose is \"%s\": archived is not in active "
                  "use",
                  p);
}

static void none_is_where_new_versions_start(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_NONE);
    lesson_expect(mentions(p, "new") || mentions(p, "start") ||
                      mentions(p, "no role"),
                  "None's purpose is \"%s\"; expected that every new version "
                  "starts there, with no role yet",
                  p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_four_canonical_names_parse),
        cmocka_unit_test(stage_names_are_matched_case_insensitively),
        cmocka_unit_test(archived_is_a_stage_deleted_is_not),
        cmocka_unit_test(abbreviations_and_white_space_are_invalid),
        cmocka_unit_test(an_empty_stage_has_its_own_message),
        cmocka_unit_test(parse_accepts_a_null_error_struct),
        cmocka_unit_test(names_are_canonical),
        cmocka_unit_test(names_outside_the_enum_are_unknown),
        cmocka_unit_test(every_name_parses_back_to_its_stage),
        cmocka_unit_test(staging_is_for_testing_before_going_live),
        cmocka_unit_test(production_is_the_live_version),
        cmocka_unit_test(archived_means_kept_not_deleted),
        cmocka_unit_test(none_is_where_new_versions_start),
    };
    return lesson_run("01_stage", tests);
}
