/* The graded report as JSON (RFC 8259), through the kit's JSON writer. */

#include "quiz.h"

#include "json.h"

/* A letter as a one-letter JSON string. */
static void quiz_json_letter(struct json_writer *w, size_t choice)
{
    char s[2] = {quiz_letter(choice), '\0'};
    json_str(w, s);
}

static void quiz_json_result(struct json_writer *w,
                             const struct quiz_question *q, size_t i,
                             int choice)
{
    bool answered = choice != QUIZ_NO_ANSWER;
    json_begin_object(w);
    json_uint(json_key(w, "number"), i + 1);
    json_int(json_key(w, "line"), q->line);
    json_str(json_key(w, "title"), q->title);
    if (answered)
        quiz_json_letter(json_key(w, "answer"), (size_t)choice);
    else
        json_null(json_key(w, "answer"));
    quiz_json_letter(json_key(w, "key"), q->key);
    json_bool(json_key(w, "correct"), answered && (size_t)choice == q->key);
    json_str(json_key(w, "mistake"),
             answered ? q->option[choice].mistake : NULL);
    json_end_object(w);
}

enum kit_status quiz_write_json(FILE *out, const struct quiz_bank *b,
                                const int *choice, unsigned pass_percent,
                                const char *bank_name, bool shuffled,
                                uint64_t seed, struct kit_error *err)
{
    struct quiz_score s = quiz_grade(b, choice);
    struct json_writer w;
    json_init(&w, out, 2);
    json_begin_object(&w);
    json_str(json_key(&w, "bank"), bank_name);
    json_uint(json_key(&w, "questions"), s.total);
    json_uint(json_key(&w, "answered"), s.answered);
    json_uint(json_key(&w, "correct"), s.correct);
    json_uint(json_key(&w, "percent"), quiz_percent(&s));
    json_uint(json_key(&w, "pass_mark"), pass_percent);
    json_bool(json_key(&w, "passed"), quiz_passed(&s, pass_percent));
    json_bool(json_key(&w, "shuffled"), shuffled);
    if (shuffled)
        json_uint(json_key(&w, "seed"), seed);
    else
        json_null(json_key(&w, "seed"));
    json_begin_array(json_key(&w, "results"));
    for (size_t i = 0; i < b->count; i++)
        quiz_json_result(&w, &b->questions[i], i, choice[i]);
    json_end_array(&w);
    json_end_object(&w);
    return json_end(&w, err);
}
