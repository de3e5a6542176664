/* libFuzzer target for the quiz's parsers.  Every input is parsed as a
 * bank; a bank that parses must keep the parser's promises (checked here,
 * abort() otherwise), survive every output and a shuffle, and grade its own
 * keys as 100%.  The same bytes are also fed to the answers parser and to
 * an interactive session over a fixed small bank.  `make fuzz-quiz` runs
 * it long, the suite briefly (mk/quiz.mk). */

#include "quiz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char small_bank[] =
    "Q: first\nA: one\nMISTAKE: m\nB: two\nKEY: B\nWHY: w\n"
    "Q: second\nA: one\nB: two\nMISTAKE: m\nC: three\nMISTAKE: m\n"
    "KEY: A\nWHY: w\n";

static void require(bool ok)
{
    if (!ok)
        abort();
}

/* No control byte but tab (and newline where '|' lines may put one). */
static void check_text(const char *s, bool may_break)
{
    require(s != NULL && s[0] != '\0');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        require(c >= 0x20 || c == '\t' || (may_break && c == '\n'));
        require(c != 0x7F);
    }
}

static void check_question(const struct quiz_question *q)
{
    require(q->noptions >= QUIZ_MIN_OPTIONS && q->noptions <= QUIZ_MAX_OPTIONS);
    require(q->key < q->noptions && q->line > 0);
    check_text(q->stem, true);
    check_text(q->why, true);
    if (q->title)
        check_text(q->title, true);
    for (size_t k = 0; k < q->noptions; k++) {
        check_text(q->option[k].text, true);
        require((q->option[k].mistake == NULL) == (k == q->key));
        if (k != q->key)
            check_text(q->option[k].mistake, true);
    }
}

static void check_bank(const struct quiz_bank *b)
{
    require(b->count >= 1 && b->count <= QUIZ_MAX_QUESTIONS);
    for (size_t i = 0; i < b->count; i++)
        check_question(&b->questions[i]);
}

/* Every output, then the keys as answers must score 100%. */
static void use_bank(struct quiz_bank *b, FILE *sink, uint64_t seed)
{
    struct quiz_style st = {.color = true, .echo = true};
    int *choice = malloc(b->count * sizeof *choice);
    require(choice != NULL);
    quiz_bank_shuffle(b, seed);
    check_bank(b);
    for (size_t i = 0; i < b->count; i++)
        choice[i] = (int)b->questions[i].key;
    struct quiz_score s = quiz_grade(b, choice);
    require(s.correct == b->count && quiz_passed(&s, 100));
    quiz_print_review(sink, b, &st);
    quiz_print_report(sink, b, choice, 70, &st);
    /* A full sink is a write error; anything else is the writer's misuse. */
    enum kit_status js =
        quiz_write_json(sink, b, choice, 70, "fuzz", true, seed, NULL);
    require(js == KIT_OK || js == KIT_ESYS);
    quiz_write_gift(sink, b, "fuzz");
    free(choice);
}

/* The parser's error must name the place: "fuzz:<line>: ...". */
static void check_error(enum kit_status st, const struct kit_error *err)
{
    require(st == KIT_EINVAL || st == KIT_ENOMEM);
    require(strncmp(err->msg, "fuzz:", 5) == 0);
    const char *p = err->msg + 5;
    require(*p >= '1' && *p <= '9');
    while (*p >= '0' && *p <= '9')
        p++;
    require(p[0] == ':' && p[1] == ' ' && p[2] != '\0');
}

/* The same bytes as an answers list and as typed answers. */
static void use_as_answers(const uint8_t *data, size_t size, FILE *sink)
{
    struct quiz_bank b;
    struct kit_error err;
    require(quiz_bank_parse(small_bank, sizeof small_bank - 1, "small", &b,
                            &err) == KIT_OK);
    char *text = malloc(size + 1);
    require(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    int choice[2] = {7, 7};
    if (quiz_answers_parse(text, "fuzz", &b, choice, &err) == KIT_OK)
        require(choice[0] >= -1 && choice[0] < 2 && choice[1] >= -1 &&
                choice[1] < 3);
    else
        require(choice[0] == 7 && choice[1] == 7);
    FILE *in = size > 0 ? fmemopen(text, size, "r") : NULL;
    if (in != NULL) {
        struct quiz_style st = {.color = false, .echo = true};
        size_t answered;
        require(quiz_session_run(&b, in, sink, &st, choice, &answered) ==
                    KIT_OK &&
                answered <= b.count);
        quiz_print_summary(sink, &b, choice, 70, &st);
        fclose(in);
    }
    free(text);
    quiz_bank_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Output goes to memory: no system call per input.  Past the end of
     * the buffer writes fail quietly, which is all a sink needs. */
    char room[1 << 14];
    FILE *sink = fmemopen(room, sizeof room, "w");
    require(sink != NULL);
    struct quiz_bank b;
    struct kit_error err;
    enum kit_status st =
        quiz_bank_parse((const char *)data, size, "fuzz", &b, &err);
    if (st == KIT_OK) {
        check_bank(&b);
        use_bank(&b, sink, size);
        quiz_bank_free(&b);
    } else {
        check_error(st, &err);
    }
    use_as_answers(data, size, sink);
    fclose(sink);
    return 0;
}
