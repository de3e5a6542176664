/* Shuffling: a seeded generator that repeats itself, option orders that
 * keep every option with its mistake and the key with the right text, and
 * grading by the shuffled letters. */

#include "quiz/quiz_test.h"
#include "rng.h"

static void the_same_seed_gives_the_same_numbers(void **state)
{
    (void)state;
    struct rng a, b, c;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    rng_seed(&c, 43);
    bool differs = false;
    for (int i = 0; i < 100; i++) {
        uint64_t x = rng_next(&a);
        LESSON(x == rng_next(&b),
               "two generators seeded alike must agree at draw %d", i);
        differs |= x != rng_next(&c);
    }
    LESSON(differs, "seeds 42 and 43 must not give the same sequence");
}

static void the_sequence_is_fixed_across_platforms(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 0);
    /* splitmix64's published first output for seed 0. */
    LESSON(rng_next(&r) == UINT64_C(0xE220A8397B1DCDAF),
           "splitmix64 from seed 0 starts with 0xE220A8397B1DCDAF; any other "
           "value means --seed N would shuffle differently elsewhere");
}

static void below_stays_in_range_and_covers_it(void **state)
{
    (void)state;
    struct rng r;
    rng_seed(&r, 7);
    size_t seen[4] = {0};
    for (int i = 0; i < 4000; i++) {
        uint64_t x = rng_below(&r, 4);
        LESSON(x < 4, "rng_below(4) returned %llu", (unsigned long long)x);
        seen[x]++;
    }
    for (int k = 0; k < 4; k++)
        LESSON(seen[k] > 850 && seen[k] < 1150,
               "each of 0..3 should come about 1000 times in 4000 draws, "
               "%d came %zu times", k, seen[k]);
    LESSON(rng_below(&r, 1) == 0, "below(1) can only be 0");
}

/* The option texts of question q, in order, joined by '|'. */
static void order_of(const struct quiz_question *q, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t k = 0; k < q->noptions; k++) {
        strncat(buf, q->option[k].text, n - strlen(buf) - 1);
        strncat(buf, "|", n - strlen(buf) - 1);
    }
}

static void a_shuffle_keeps_options_mistakes_and_key(void **state)
{
    (void)state;
    for (uint64_t seed = 0; seed < 200; seed++) {
        struct quiz_bank b = parse_ok(TWO_QUESTIONS);
        quiz_bank_shuffle(&b, seed);
        const struct quiz_question *q = &b.questions[0];
        LESSON(strcmp(q->option[q->key].text, "two") == 0,
               "seed %llu: the key must follow the right text ('two'), "
               "not stay on a letter", (unsigned long long)seed);
        unsigned found = 0;
        for (size_t k = 0; k < q->noptions; k++) {
            const struct quiz_option *o = &q->option[k];
            static const char *const texts[] = {"one", "two", "three", "four"};
            for (unsigned t = 0; t < 4; t++)
                if (strcmp(o->text, texts[t]) == 0)
                    found |= 1u << t;
            LESSON((o->mistake == NULL) == (k == q->key),
                   "seed %llu: only the key lacks a mistake",
                   (unsigned long long)seed);
            if (o->mistake && strcmp(o->text, "one") == 0)
                assert_string_equal(o->mistake, "mistake one");
        }
        LESSON(found == 0xF, "seed %llu: every option must still be there "
               "exactly once", (unsigned long long)seed);
        quiz_bank_free(&b);
    }
}

static void the_same_seed_gives_the_same_order(void **state)
{
    (void)state;
    char first[128], again[128];
    struct quiz_bank a = parse_ok(TWO_QUESTIONS), b = parse_ok(TWO_QUESTIONS);
    quiz_bank_shuffle(&a, 2024);
    quiz_bank_shuffle(&b, 2024);
    order_of(&a.questions[0], first, sizeof first);
    order_of(&b.questions[0], again, sizeof again);
    LESSON(strcmp(first, again) == 0,
           "--seed 2024 twice must give one order: '%s' then '%s'", first,
           again);
    quiz_bank_free(&a);
    quiz_bank_free(&b);
}

static void seeds_give_every_order(void **state)
{
    (void)state;
    /* 4 options have 24 orders; 2000 seeds should reach them all. */
    char seen[24][64];
    size_t nseen = 0;
    for (uint64_t seed = 0; seed < 2000 && nseen < 24; seed++) {
        struct quiz_bank b = parse_ok(TWO_QUESTIONS);
        quiz_bank_shuffle(&b, seed);
        char order[64];
        order_of(&b.questions[0], order, sizeof order);
        bool known = false;
        for (size_t i = 0; i < nseen; i++)
            known |= strcmp(seen[i], order) == 0;
        if (!known)
            strcpy(seen[nseen++], order);
        quiz_bank_free(&b);
    }
    LESSON(nseen == 24, "a fair shuffle of 4 options reaches all 24 orders; "
           "2000 seeds reached only %zu", nseen);
}

static void the_key_lands_on_every_letter_evenly(void **state)
{
    (void)state;
    size_t at[4] = {0};
    for (uint64_t seed = 0; seed < 4000; seed++) {
        struct quiz_bank b = parse_ok(TWO_QUESTIONS);
        quiz_bank_shuffle(&b, seed);
        at[b.questions[0].key]++;
        quiz_bank_free(&b);
    }
    for (int k = 0; k < 4; k++)
        LESSON(at[k] > 850 && at[k] < 1150,
               "over 4000 seeds the key should be %c about 1000 times, not "
               "%zu: a biased shuffle gives the answer away", 'A' + k, at[k]);
}

static void two_option_questions_shuffle_too(void **state)
{
    (void)state;
    size_t key_b = 0;
    for (uint64_t seed = 0; seed < 100; seed++) {
        struct quiz_bank b = parse_ok(TWO_QUESTIONS);
        quiz_bank_shuffle(&b, seed);
        const struct quiz_question *q = &b.questions[1];
        assert_string_equal(q->option[q->key].text, "yes");
        key_b += q->key == 1;
        quiz_bank_free(&b);
    }
    LESSON(key_b > 25 && key_b < 75,
           "a two-option question swaps about half the time (%zu of 100)",
           key_b);
}

static void grading_follows_the_shuffled_letters(void **state)
{
    (void)state;
    bool moved = false;
    for (uint64_t seed = 0; seed < 20; seed++) {
        struct quiz_bank b = parse_ok(TWO_QUESTIONS);
        quiz_bank_shuffle(&b, seed);
        char keys[8];
        snprintf(keys, sizeof keys, "%c,%c", quiz_letter(b.questions[0].key),
                 quiz_letter(b.questions[1].key));
        int choice[2];
        struct kit_error err;
        assert_int_equal(quiz_answers_parse(keys, "--answers", &b, choice,
                                            &err), KIT_OK);
        struct quiz_score s = quiz_grade(&b, choice);
        LESSON(s.correct == 2, "seed %llu: the shuffled keys %s must score "
               "2 of 2", (unsigned long long)seed, keys);
        assert_int_equal(quiz_answers_parse("B,A", "--answers", &b, choice,
                                            &err), KIT_OK);
        moved |= quiz_grade(&b, choice).correct < 2;
        quiz_bank_free(&b);
    }
    LESSON(moved, "for some seed the unshuffled keys B,A must stop being "
           "right: grading follows the letters the student saw");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_seed_gives_the_same_numbers),
        cmocka_unit_test(the_sequence_is_fixed_across_platforms),
        cmocka_unit_test(below_stays_in_range_and_covers_it),
        cmocka_unit_test(a_shuffle_keeps_options_mistakes_and_key),
        cmocka_unit_test(the_same_seed_gives_the_same_order),
        cmocka_unit_test(seeds_give_every_order),
        cmocka_unit_test(the_key_lands_on_every_letter_evenly),
        cmocka_unit_test(two_option_questions_shuffle_too),
        cmocka_unit_test(grading_follows_the_shuffled_letters),
    };
    return cmocka_run_group_tests_name("quiz shuffling", tests, NULL, NULL);
}
