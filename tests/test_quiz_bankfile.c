/* The kit's own question bank, quiz/bank.txt: the questions the issue asks
 * for, the seed's answer letters, the seed's mistakes behind the wrong
 * options, explanations that say where the seed and MLflow differ, the
 * questions on aliases and model URIs (13 on), and balanced key letters.
 * Also: the example in quiz/FORMAT.md must be a bank that parses. */

#include "quiz/quiz_test.h"

static int setup(void **state)
{
    struct quiz_bank *b = malloc(sizeof *b);
    struct kit_error err;
    if (b == NULL || quiz_bank_load("quiz/bank.txt", b, &err) != KIT_OK) {
        fprintf(stderr, "quiz/bank.txt must load: %s\n", err.msg);
        free(b);
        return -1;
    }
    *state = b;
    return 0;
}

static const struct quiz_question *question(void **state, size_t number)
{
    const struct quiz_bank *b = *state;
    LESSON(number <= b->count, "the bank has no question %zu", number);
    return &b->questions[number - 1];
}

/* Whether any wrong option of q has a mistake containing text. */
static bool has_mistake(const struct quiz_question *q, const char *text)
{
    for (size_t k = 0; k < q->noptions; k++)
        if (q->option[k].mistake && strstr(q->option[k].mistake, text))
            return true;
    return false;
}

static void explains(void **state, size_t number, const char *text)
{
    const struct quiz_question *q = question(state, number);
    LESSON(strstr(q->why, text) != NULL,
           "the explanation of question %zu must say '%s'", number, text);
}

static void key_says(void **state, size_t number, const char *text)
{
    const struct quiz_question *q = question(state, number);
    LESSON(strstr(q->option[q->key].text, text) != NULL,
           "the right answer to question %zu must say '%s', it says '%s'",
           number, text, q->option[q->key].text);
}

static void at_least_sixteen_complete_questions(void **state)
{
    const struct quiz_bank *b = *state;
    LESSON(b->count >= 16, "the issues ask for at least 10 questions, then "
           "at least four more on aliases: 16, not %zu", b->count);
    for (size_t i = 0; i < b->count; i++)
        LESSON(b->questions[i].noptions == 4 && b->questions[i].title,
               "question %zu needs 4 options (A-D) and a title", i + 1);
}

static void the_first_five_keep_the_seeds_letters(void **state)
{
    static const char seed_keys[] = "BAADC";
    for (size_t i = 0; i < 5; i++) {
        char got = quiz_letter(question(state, i + 1)->key);
        LESSON(got == seed_keys[i], "the seed's question %zu has key %c; the "
               "bank says %c", i + 1, seed_keys[i], got);
    }
}

static void the_seeds_mistakes_are_behind_the_wrong_options(void **state)
{
    static const struct {
        size_t number;
        const char *mistake;
    } seed[] = {
        {1, "Confusing staging with production"},
        {1, "Thinking archived means active use"},
        {1, "Assuming staging is for deleting models"},
        {2, "Using 'model' instead of 'models'"},
        {2, "Mixing up --model-version and --version"},
        {2, "Incorrect command order"},
        {3, "Assuming a default stage"},
        {3, "Confusing the method with another"},
        {3, "Thinking 'archived' means deleted"},
        {4, "Assuming stage names are abbreviated"},
        {4, "Using singular 'model'"},
        {4, "both are accepted"},
        {5, "Promoting the new version before archiving the old"},
        {5, "Archiving the staging version instead"},
        {5, "Reassigning stages incorrectly"},
    };
    for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++)
        LESSON(has_mistake(question(state, seed[i].number), seed[i].mistake),
               "question %zu must keep the seed's mistake '%s'",
               seed[i].number, seed[i].mistake);
}

static void the_seeds_right_answers(void **state)
{
    key_says(state, 1, "Testing and validating");
    key_says(state, 2, "models transition-version --model-name my_model "
                       "--version 3 --stage production");
    key_says(state, 3, "Archived");
    key_says(state, 4, "--model-name flag is missing");
    key_says(state, 5, "Archive v1, then promote v2");
}

static void the_cli_question_says_mlflow_has_no_such_command(void **state)
{
    explains(state, 2, "kit's own command line");
    explains(state, 2, "transition_model_version_stage");
    explains(state, 2, "MLflow itself has no such CLI command");
    explains(state, 4, "MLflow has no");
}

static void the_order_question_says_what_mlflow_really_does(void **state)
{
    explains(state, 5, "highest version number");
    explains(state, 5, "never left without a");
    explains(state, 5, "no version is in");
    explains(state, 5, "true only under such a policy");
    explains(state, 5, "one-per-stage policy");
    explains(state, 5, "archive_existing_versions=True");
    explains(state, 5, "SQL store");
}

static void the_complexity_questions(void **state)
{
    key_says(state, 6, "O(n)");
    key_says(state, 7, "checks every model one by one");
    key_says(state, 8, "10, 100 and 1000");
    key_says(state, 9, "O(n) if we scan");
    key_says(state, 9, "O(p) if a");
}

static void the_mlflow_questions(void **state)
{
    key_says(state, 10, "both in Production");
    explains(state, 10, "no one-per-stage rule");
    key_says(state, 11, "deprecated since MLflow 2.9");
    explains(state, 11, "aliases");
    key_says(state, 12, "archived, like every other version");
    explains(state, 12, "canonical");
    explains(state, 12, "archives every model");
}

static void the_alias_questions(void **state)
{
    /* Aliases and model URIs (MLFLOW_ALIASES.md), after the first 12. */
    key_says(state, 13, "exactly one version");
    explains(state, 13, "compare exactly");
    key_says(state, 14, "moves to version 2, with no error");
    explains(state, 14, "upsert");
    key_says(state, 15, "highest version number");
    explains(state, 15, "not to the one moved there last");
    key_says(state, 16, "models:/my_model@2 loads version 3");
    LESSON(has_mistake(question(state, 16), "digit-only name such as 2 is a "
                                            "legal alias"),
           "question 16 must say that '2' is a legal alias");
    key_says(state, 17, "Registered model alias champion not found.");
    explains(state, 17, "no fallback to another version");
    key_says(state, 18, "v2");
    explains(state, 18, "from 3.3 on set only");
    explains(state, 18, "The kit follows 3.0-3.2");
    key_says(state, 19, "one atomic upsert");
    explains(state, 19, "atomic only in MLflow's SQL store");
    key_says(state, 20, "models:/name@champion");
    key_says(state, 20, "separate registered");
    explains(state, 20, "common convention, not part of the guide");
}

static void the_keys_are_balanced(void **state)
{
    /* Every letter is the key of about a quarter of the questions (here
     * between 15% and 35%): answering one letter throughout scores little. */
    const struct quiz_bank *b = *state;
    size_t count[4] = {0};
    for (size_t i = 0; i < b->count; i++)
        count[b->questions[i].key]++;
    for (size_t k = 0; k < 4; k++)
        LESSON(count[k] * 100 >= 15 * b->count
                   && count[k] * 100 <= 35 * b->count,
               "key %c is the answer to %zu of %zu questions: balance the "
               "letters", quiz_letter(k), count[k], b->count);
}

static void nothing_claims_the_mlflow_command_exists(void **state)
{
    const struct quiz_bank *b = *state;
    for (size_t i = 0; i < b->count; i++) {
        const struct quiz_question *q = &b->questions[i];
        const char *texts[] = {q->stem, q->why, q->option[q->key].text};
        for (size_t t = 0; t < 3; t++)
            LESSON(strstr(texts[t], "mlflow models transition-version") == NULL
                       || strstr(texts[t], "does not exist") != NULL,
                   "question %zu presents 'mlflow models transition-version' "
                   "as real: MLflow has no such command", i + 1);
    }
}

static void the_format_example_parses(void **state)
{
    (void)state;
    char *doc;
    size_t len;
    struct kit_error err;
    assert_int_equal(quiz_read_file("quiz/FORMAT.md", QUIZ_FILE_MAX, &doc, &len,
                                    &err), KIT_OK);
    char *start = strstr(doc, "```text\n");
    LESSON(start != NULL, "quiz/FORMAT.md must have a ```text example");
    start += 8;
    char *end = strstr(start, "```");
    assert_non_null(end);
    struct quiz_bank b;
    enum kit_status st = quiz_bank_parse(start, (size_t)(end - start),
                                         "FORMAT.md example", &b, &err);
    LESSON(st == KIT_OK, "the documented example must be a valid bank: %s",
           err.msg);
    LESSON(b.count >= 2, "the example shows at least two questions");
    quiz_bank_free(&b);
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(at_least_sixteen_complete_questions),
        cmocka_unit_test(the_first_five_keep_the_seeds_letters),
        cmocka_unit_test(the_seeds_mistakes_are_behind_the_wrong_options),
        cmocka_unit_test(the_seeds_right_answers),
        cmocka_unit_test(the_cli_question_says_mlflow_has_no_such_command),
        cmocka_unit_test(the_order_question_says_what_mlflow_really_does),
        cmocka_unit_test(the_complexity_questions),
        cmocka_unit_test(the_mlflow_questions),
        cmocka_unit_test(the_alias_questions),
        cmocka_unit_test(the_keys_are_balanced),
        cmocka_unit_test(nothing_claims_the_mlflow_command_exists),
        cmocka_unit_test(the_format_example_parses),
    };
    return cmocka_run_group_tests_name("quiz/bank.txt", tests, setup,
                                       bank_teardown);
}
