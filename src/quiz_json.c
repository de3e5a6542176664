/* The graded report as JSON (RFC 8259).  Bank texts are valid UTF-8, so
 * only quotes, backslashes and control characters need escaping. */

#include "quiz.h"

#include "json.h"

#include <inttypes.h>

/* s as a JSON string, or null. */
static void json_string_or_null(FILE *out, const char *s)
{
    if (s)
        json_string(out, s);
    else
        fputs("null", out);
}

static void json_letter(FILE *out, int choice)
{
    if (choice == QUIZ_NO_ANSWER)
        fputs("null", out);
    else
        fprintf(out, "\"%c\"", quiz_letter((size_t)choice));
}

static void json_result(FILE *out, const struct quiz_question *q, size_t i,
                        int choice)
{
    bool answered = choice != QUIZ_NO_ANSWER;
    bool right = answered && (size_t)choice == q->key;
    fprintf(out, "    {\"number\": %zu, \"line\": %ld, \"title\": ", i + 1,
            q->line);
    json_string_or_null(out, q->title);
    fputs(", \"answer\": ", out);
    json_letter(out, choice);
    fprintf(out, ", \"key\": \"%c\", \"correct\": %s, \"mistake\": ",
            quiz_letter(q->key), right ? "true" : "false");
    json_string_or_null(out, answered ? q->option[choice].mistake : NULL);
    fputc('}', out);
}

void quiz_write_json(FILE *out, const struct quiz_bank *b, const int *choice,
                     unsigned pass_percent, const char *bank_name,
                     bool shuffled, uint64_t seed)
{
    struct quiz_score s = quiz_grade(b, choice);
    fputs("{\n  \"bank\": ", out);
    json_string(out, bank_name);
    fprintf(out,
            ",\n  \"questions\": %zu,\n  \"answered\": %zu,\n"
            "  \"correct\": %zu,\n  \"percent\": %u,\n  \"pass_mark\": %u,\n"
            "  \"passed\": %s,\n  \"shuffled\": %s,\n  \"seed\": ",
            s.total, s.answered, s.correct, quiz_percent(&s), pass_percent,
            quiz_passed(&s, pass_percent) ? "true" : "false",
            shuffled ? "true" : "false");
    if (shuffled)
        fprintf(out, "%" PRIu64, seed);
    else
        fputs("null", out);
    fputs(",\n  \"results\": [\n", out);
    for (size_t i = 0; i < b->count; i++) {
        json_result(out, &b->questions[i], i, choice[i]);
        fputs(i + 1 < b->count ? ",\n" : "\n", out);
    }
    fputs("  ]\n}\n", out);
}
