/* Exercise 1 (kata/01_stage.c): what each stage means, and parsing stage
 * names as MLflow does.  Quiz question 1: what is Staging for? */
#include <ctype.h>
#include <stdbool.h>
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

/* What *out holds before a call: not a stage, and not STAGE_COUNT either,
 * which a loop that counts in *out would leave behind. */
#define UNTOUCHED ((enum stage)5)

/* --- reading a purpose ---------------------------------------------------
 * A purpose is checked for the ideas it must say and the claims it must
 * not make.  A word counts where it starts a word ("preserved" does not
 * say "serves"), and a claim counts as denied when one of the two words
 * before it negates it ("not kept", "is never deleted", "isn't live"). */

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '\'';
}

static bool is_negation(const char *word, size_t len)
{
    static const char *const negations[] = {"not", "never", "no",
                                            "without", "nor", "nothing"};
    for (size_t i = 0; i < sizeof negations / sizeof negations[0]; i++)
        if (strlen(negations[i]) == len &&
            strncasecmp(word, negations[i], len) == 0)
            return true;
    return len > 3 && strncasecmp(word + len - 3, "n't", 3) == 0;
}

/* True when one of the two words before text[at] is a negation. */
static bool negated(const char *text, size_t at)
{
    size_t end = at;
    for (int words = 0; words < 2; words++) {
        while (end > 0 && !is_word_char(text[end - 1]))
            end--;
        size_t start = end;
        while (start > 0 && is_word_char(text[start - 1]))
            start--;
        if (start == end)
            return false;
        if (is_negation(text + start, end - start))
            return true;
        end = start;
    }
    return false;
}

/* Whether text says one of stems[] (a NULL-terminated list) plainly
 * (said) or only negated (denied). */
struct claim {
    bool said, denied;
};

static struct claim claims(const char *text, const char *const stems[])
{
    struct claim c = {false, false};
    for (size_t at = 0; text[at] != '\0'; at++) {
        if (at > 0 && is_word_char(text[at - 1]))
            continue;
        for (size_t i = 0; stems[i] != NULL; i++) {
            if (strncasecmp(text + at, stems[i], strlen(stems[i])) != 0)
                continue;
            if (negated(text, at))
                c.denied = true;
            else
                c.said = true;
        }
    }
    return c;
}

static const char *const deleting[] = {
    "delet",  "destroy", "discard", "eras", "purg", "wipe", "gone",
    "removed for good", "removed permanently", "permanently removed",
    "removed from the registry", NULL};
static const char *const keeping[] = {"kept", "keep", "preserv", "retain",
                                      "remain", "stays", "still", "restor",
                                      NULL};
static const char *const testing[] = {"test", "validat", "evaluat", "check",
                                      "verif", "trial", "try", "qa",
                                      "quality", NULL};
static const char *const serving[] = {"live", "serv", "deploy", "traffic",
                                      "real user", "in use", NULL};
static const char *const starting[] = {"new", "start", "no role", "register",
                                       "initial", "default", "fresh",
                                       "begin", "first", "not yet",
                                       "unassigned", NULL};

/* --- parsing ------------------------------------------------------------- */

static void expect_parses(const char *raw, enum stage want)
{
    enum stage got = UNTOUCHED;
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = stage_parse(raw, &got, &err);
    LESSON(st == KIT_OK,
           "stage_parse(\"%s\") returned %s (%s); expected KIT_OK: "
           "stage names are matched case-insensitively, as MLflow "
           "does",
           raw, kit_status_name(st), err.msg);
    LESSON(got != UNTOUCHED,
           "stage_parse(\"%s\") returned KIT_OK but left *out as it was; "
           "expected it to write %d (%s)",
           raw, (int)want, canonical[want]);
    LESSON(got == want,
           "stage_parse(\"%s\") wrote stage %d; expected %d (%s)",
           raw, (int)got, (int)want, canonical[want]);
}

/* shown is raw as the message prints it (a control character is hard to
 * read in a failure message). */
static void expect_invalid_shown(const char *raw, const char *shown,
                                 const char *why)
{
    enum stage got = UNTOUCHED;
    struct kit_error err = {KIT_OK, ""};
    char want[KIT_ERROR_MSG_MAX];
    snprintf(want, sizeof want, "Invalid Model Version stage: %s%s", raw,
             invalid_tail);
    enum kit_status st = stage_parse(raw, &got, &err);
    LESSON(st == KIT_EINVAL,
           "stage_parse(\"%s\") returned %s; expected KIT_EINVAL: %s",
           shown, kit_status_name(st), why);
    LESSON(strcmp(err.msg, want) == 0,
           "stage_parse(\"%s\"): message \"%s\"; expected MLflow's "
           "\"Invalid Model Version stage: %s%s\" (the input as "
           "given, untrimmed)",
           shown, err.msg, shown, invalid_tail);
    LESSON(got == UNTOUCHED,
           "stage_parse(\"%s\") failed but wrote *out anyway: on "
           "error the output must be left untouched",
           shown);
}

static void expect_invalid(const char *raw, const char *why)
{
    expect_invalid_shown(raw, raw, why);
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

static void a_prefix_of_a_name_is_not_the_name(void **state)
{
    (void)state;
    /* What a comparison of only strlen(raw) characters accepts. */
    static const char *const prefixes[] = {"Stag", "Productio", "Archive",
                                           "Non", "N", "s"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        expect_invalid(prefixes[i], "a prefix of a stage name is not the "
                                    "name: compare the whole of raw with "
                                    "the whole name, not just the first "
                                    "strlen(raw) characters");
}

static void nothing_may_follow_the_name(void **state)
{
    (void)state;
    /* What a comparison of only strlen(name) characters accepts. */
    expect_invalid("Productionx", "\"Production\" followed by more is not "
                                  "Production: the whole of raw must match, "
                                  "not just its first strlen(name) "
                                  "characters");
    expect_invalid("None1", "nothing may follow the name");
    expect_invalid("StagingProduction", "one name, not two");
}

static void line_ends_and_tabs_are_not_trimmed(void **state)
{
    (void)state;
    /* A stage read with fgets() still ends in "\n": the caller strips it,
     * not stage_parse(). */
    expect_invalid_shown("Staging\n", "Staging\\n",
                         "a trailing newline is part of the input: "
                         "stage_parse() trims nothing, not even a line end");
    expect_invalid_shown("Staging\r\n", "Staging\\r\\n",
                         "a Windows line end is not trimmed either");
    expect_invalid_shown("Archived\t", "Archived\\t", "a tab is white space: "
                                                      "it is not trimmed");
    expect_invalid_shown("\tNone", "\\tNone", "leading white space is not "
                                              "trimmed");
}

static void an_empty_stage_has_its_own_message(void **state)
{
    (void)state;
    enum stage got = UNTOUCHED;
    struct kit_error err = {KIT_OK, ""};
    enum kit_status st = stage_parse("", &got, &err);
    LESSON(st == KIT_EINVAL && strcmp(err.msg, "The stage must not be "
                                               "an empty string.") == 0,
           "stage_parse(\"\") returned %s \"%s\"; expected KIT_EINVAL "
           "with the message of MLflow's client, \"The stage must not "
           "be an empty string.\" (the kit's rule for \"\" only)",
           kit_status_name(st), err.msg);
    LESSON(got == UNTOUCHED, "stage_parse(\"\") wrote *out on error");
}

static void white_space_alone_is_invalid_not_empty(void **state)
{
    (void)state;
    expect_invalid("   ", "\"   \" is not empty in the kit: only \"\" gets "
                          "the empty-string message of MLflow's client; "
                          "anything else that is no stage, \"   \" too, "
                          "gets the invalid-stage message of MLflow's store "
                          "(MLflow's client strips first, so it would say "
                          "\"empty\" here)");
}

static void parse_accepts_a_null_error_struct(void **state)
{
    (void)state;
    enum stage got = UNTOUCHED;
    LESSON(stage_parse("nope", &got, NULL) == KIT_EINVAL,
           "stage_parse(\"nope\", &s, NULL) must return KIT_EINVAL: "
           "err may be NULL (kit_error_set() accepts NULL)");
    LESSON(stage_parse("", &got, NULL) == KIT_EINVAL,
           "stage_parse(\"\", &s, NULL) must return KIT_EINVAL");
    enum kit_status st = stage_parse("Staging", &got, NULL);
    LESSON(st == KIT_OK && got == STAGE_STAGING,
           "stage_parse(\"Staging\", &s, NULL) returned %s and wrote %d; "
           "expected KIT_OK and %d (Staging)",
           kit_status_name(st), (int)got, (int)STAGE_STAGING);
}

/* --- names ----------------------------------------------------------------- */

static void names_are_canonical(void **state)
{
    (void)state;
    for (int s = 0; s < STAGE_COUNT; s++) {
        const char *got = stage_name((enum stage)s);
        LESSON(got != NULL && strcmp(got, canonical[s]) == 0,
               "stage_name(%d) returned \"%s\"; expected \"%s\": "
               "names are written canonically, capitalised",
               s, got ? got : "(null)", canonical[s]);
    }
}

static void names_outside_the_enum_are_unknown(void **state)
{
    (void)state;
    static const int outside[] = {STAGE_COUNT, 7};
    for (size_t i = 0; i < 2; i++) {
        enum stage s = (enum stage)outside[i];
        const char *got = stage_name(s);
        LESSON(got != NULL && strcmp(got, "unknown") == 0,
               "stage_name(%d) returned \"%s\"; expected \"unknown\": "
               "check the bounds before indexing a table",
               outside[i], got ? got : "(null)");
        got = stage_purpose(s);
        LESSON(got != NULL && strcmp(got, "unknown") == 0,
               "stage_purpose(%d) returned \"%s\"; expected "
               "\"unknown\": check the bounds before indexing a table",
               outside[i], got ? got : "(null)");
    }
}

static void every_name_parses_back_to_its_stage(void **state)
{
    (void)state;
    for (int s = 0; s < STAGE_COUNT; s++) {
        enum stage back = UNTOUCHED;
        const char *name = stage_name((enum stage)s);
        LESSON(name != NULL &&
                   stage_parse(name, &back, NULL) == KIT_OK &&
                   back == (enum stage)s,
               "stage_parse(stage_name(%d)) must give back %d", s, s);
    }
}

/* --- purposes, in words ------------------------------------------------------ */

static const char *purpose(enum stage s)
{
    const char *p = stage_purpose(s);
    LESSON(p != NULL && strlen(p) > 10 && strstr(p, "TODO") == NULL,
           "stage_purpose(%s) returned \"%s\"; expected one sentence "
           "on what the stage is for",
           canonical[s], p ? p : "(null)");
    return p;
}

/* A purpose must not say the version is deleted, nor deny it is kept. */
static void expect_no_deletion(enum stage s, const char *p)
{
    LESSON(!claims(p, deleting).said,
           "%s's purpose is \"%s\": it says the version is deleted, "
           "but no stage deletes a version (archived is kept, not "
           "deleted)",
           canonical[s], p);
    LESSON(!claims(p, keeping).denied,
           "%s's purpose is \"%s\": it says the version is not kept, "
           "but every stage keeps it",
           canonical[s], p);
}

static void staging_is_for_testing_before_going_live(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_STAGING);
    struct claim c = claims(p, testing);
    LESSON(c.said && !c.denied,
           "Staging's purpose is \"%s\"; quiz question 1: Staging is "
           "where a version is tested and validated before it goes "
           "live (say so: \"test\", \"validate\", \"evaluate\", "
           "\"check\"...)",
           p);
    expect_no_deletion(STAGE_STAGING, p);
}

static void production_is_the_live_version(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_PRODUCTION);
    struct claim c = claims(p, serving);
    LESSON(c.said,
           "Production's purpose is \"%s\"; expected the version in "
           "live use, serving real traffic (say \"live\", \"serves\" "
           "or \"deployed\"): do not confuse it with Staging",
           p);
    LESSON(!c.denied,
           "Production's purpose is \"%s\": it says the version is "
           "not live, but Production is the live stage (Staging is "
           "the one before going live)",
           p);
    expect_no_deletion(STAGE_PRODUCTION, p);
}

static void archived_means_kept_not_deleted(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_ARCHIVED);
    LESSON(!claims(p, deleting).said,
           "Archived's purpose is \"%s\": archived is not deleted, "
           "the version is kept and still listed (the seed's "
           "mistake is thinking that archiving deletes)",
           p);
    LESSON(!claims(p, keeping).denied,
           "Archived's purpose is \"%s\": it says the version is not "
           "kept, but archiving keeps it: it can move back to any "
           "stage",
           p);
    LESSON(claims(p, keeping).said || claims(p, deleting).denied,
           "Archived's purpose is \"%s\"; an archived version is "
           "retired but kept (say \"kept\", \"preserved\", \"not "
           "deleted\"...): it is still listed and can move back to "
           "any stage",
           p);
}

static void none_is_where_new_versions_start(void **state)
{
    (void)state;
    const char *p = purpose(STAGE_NONE);
    LESSON(claims(p, starting).said,
           "None's purpose is \"%s\"; expected that every new version "
           "starts there, with no role yet (say \"new\", \"starts\" "
           "or \"no role\")",
           p);
    expect_no_deletion(STAGE_NONE, p);
}

static void each_stage_has_its_own_purpose(void **state)
{
    (void)state;
    for (int a = 0; a < STAGE_COUNT; a++)
        for (int b = a + 1; b < STAGE_COUNT; b++)
            LESSON(strcmp(purpose((enum stage)a),
                          purpose((enum stage)b)) != 0,
                   "%s and %s have the same purpose, \"%s\": each "
                   "stage is for something else (a copied line or "
                   "a table entry in the wrong slot?)",
                   canonical[a], canonical[b],
                   purpose((enum stage)a));
}

/* --- purposes, in code -------------------------------------------------------- */

/* Checks a predicate on the four stages and outside the enum. */
static void expect_predicate(bool (*pred)(enum stage), const char *name,
                             const bool want[STAGE_COUNT],
                             const char *const why[STAGE_COUNT])
{
    for (int s = 0; s < STAGE_COUNT; s++)
        LESSON(pred((enum stage)s) == want[s],
               "%s(%s) returned %s; expected %s: %s", name,
               canonical[s], pred((enum stage)s) ? "true" : "false",
               want[s] ? "true" : "false", why[s]);
    static const int outside[] = {STAGE_COUNT, 7};
    for (size_t i = 0; i < 2; i++)
        LESSON(!pred((enum stage)outside[i]),
               "%s(%d) returned true; expected false: a value "
               "outside the enum is no stage at all",
               name, outside[i]);
}

static void only_production_is_live(void **state)
{
    (void)state;
    static const bool want[STAGE_COUNT] = {[STAGE_PRODUCTION] = true};
    static const char *const why[STAGE_COUNT] = {
        [STAGE_NONE] = "a new version serves nothing yet",
        [STAGE_STAGING] = "Staging is active but not live: it is where a "
                          "version is tested BEFORE it goes live",
        [STAGE_PRODUCTION] = "Production is the version that serves real "
                             "traffic",
        [STAGE_ARCHIVED] = "an archived version is retired: kept, but it "
                           "serves nothing",
    };
    expect_predicate(stage_is_live, "stage_is_live", want, why);
}

static void every_stage_keeps_the_version(void **state)
{
    (void)state;
    static const bool want[STAGE_COUNT] = {true, true, true, true};
    static const char *const why[STAGE_COUNT] = {
        [STAGE_NONE] = "a version in None is registered and listed",
        [STAGE_STAGING] = "a version in Staging is kept while it is tested",
        [STAGE_PRODUCTION] = "a version in Production is kept",
        [STAGE_ARCHIVED] = ("archived is not deleted: an archived version "
                            "is still listed and can move back to any "
                            "stage"),
    };
    expect_predicate(stage_keeps_version, "stage_keeps_version", want, why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_four_canonical_names_parse),
        cmocka_unit_test(stage_names_are_matched_case_insensitively),
        cmocka_unit_test(archived_is_a_stage_deleted_is_not),
        cmocka_unit_test(abbreviations_and_white_space_are_invalid),
        cmocka_unit_test(a_prefix_of_a_name_is_not_the_name),
        cmocka_unit_test(nothing_may_follow_the_name),
        cmocka_unit_test(line_ends_and_tabs_are_not_trimmed),
        cmocka_unit_test(an_empty_stage_has_its_own_message),
        cmocka_unit_test(white_space_alone_is_invalid_not_empty),
        cmocka_unit_test(parse_accepts_a_null_error_struct),
        cmocka_unit_test(names_are_canonical),
        cmocka_unit_test(names_outside_the_enum_are_unknown),
        cmocka_unit_test(every_name_parses_back_to_its_stage),
        cmocka_unit_test(staging_is_for_testing_before_going_live),
        cmocka_unit_test(production_is_the_live_version),
        cmocka_unit_test(archived_means_kept_not_deleted),
        cmocka_unit_test(none_is_where_new_versions_start),
        cmocka_unit_test(each_stage_has_its_own_purpose),
        cmocka_unit_test(only_production_is_live),
        cmocka_unit_test(every_stage_keeps_the_version),
    };
    return lesson_run("01_stage", tests);
}
