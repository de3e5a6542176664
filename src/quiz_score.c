/* Answers and scores: the answers list of --answers and --answers-file,
 * the letter typed at the prompt, and the grade. */

#include "quiz.h"

#include <stdlib.h>
#include <string.h>

static bool is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Drops the white space around s[0..*n), line endings too: an answer as
 * typed or read from a file. */
static void trim_whitespace(const char **s, size_t *n)
{
    while (*n > 0 && is_blank_char(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_blank_char((*s)[*n - 1]))
        (*n)--;
}

/* The option index of letter c (any case), or -1 if c is not A-D. */
static int letter_index(char c)
{
    if (c >= 'a' && c <= 'd')
        return c - 'a';
    if (c >= 'A' && c <= 'D')
        return c - 'A';
    return -1;
}

int quiz_answer_letter(const char *line, const struct quiz_question *q)
{
    size_t n = strlen(line);
    trim_whitespace(&line, &n);
    int i = n == 1 ? letter_index(line[0]) : -1;
    return i >= 0 && (size_t)i < q->noptions ? i : QUIZ_NO_ANSWER;
}

/* Where the answers parser is. */
struct answers {
    const char *name;
    const struct quiz_bank *bank;
    int *choice;
    size_t count; /* answers read so far */
    struct kit_error *err;
};

/* One entry between commas, already trimmed. */
static enum kit_status read_entry(struct answers *a, const char *s, size_t n)
{
    size_t number = a->count + 1;
    if (a->count == a->bank->count)
        return kit_error_set(a->err, KIT_EINVAL,
                             "%s: more answers than the bank's %zu questions",
                             a->name, a->bank->count);
    if (n == 0)
        return kit_error_set(a->err, KIT_EINVAL,
                             "%s: answer %zu is empty (two commas in a row?); "
                             "write '-' to skip a question", a->name, number);
    int i = n == 1 ? letter_index(s[0]) : -1;
    if (n == 1 && s[0] == '-')
        i = QUIZ_NO_ANSWER;
    else if (i < 0)
        return kit_error_set(a->err, KIT_EINVAL,
                             "%s: answer %zu is '%.*s': expected one letter "
                             "A-D, or '-' to skip", a->name, number,
                             (int)(n > 20 ? 20 : n), s);
    const struct quiz_question *q = &a->bank->questions[a->count];
    if (i >= 0 && (size_t)i >= q->noptions)
        return kit_error_set(a->err, KIT_EINVAL,
                             "%s: answer %zu is '%c', but question %zu has "
                             "only options A-%c", a->name, number, s[0],
                             number, quiz_letter(q->noptions - 1));
    a->choice[a->count++] = i;
    return KIT_OK;
}

/* Whether s[0..n) is a run of answers without commas ("BAADC", "B-C"):
 * letters A-D and '-' only. */
static bool answer_run(const char *s, size_t n)
{
    if (n < 2)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '-' && strchr("ABCDabcd", s[i]) == NULL)
            return false;
    return true;
}

/* One entry, or each letter of a run of them. */
static enum kit_status read_entries(struct answers *a, const char *s,
                                    size_t n)
{
    if (!answer_run(s, n))
        return read_entry(a, s, n);
    enum kit_status st = KIT_OK;
    for (size_t i = 0; st == KIT_OK && i < n; i++)
        st = read_entry(a, s + i, 1);
    return st;
}

/* One line: comma-separated entries up to an optional '#' comment. */
static enum kit_status read_answer_line(struct answers *a, const char *s,
                                        size_t n)
{
    const char *hash = memchr(s, '#', n);
    if (hash)
        n = (size_t)(hash - s);
    trim_whitespace(&s, &n);
    while (n > 0) {
        const char *comma = memchr(s, ',', n);
        size_t len = comma ? (size_t)(comma - s) : n;
        const char *e = s;
        size_t en = len;
        trim_whitespace(&e, &en);
        enum kit_status st = read_entries(a, e, en);
        if (st != KIT_OK)
            return st;
        if (comma == NULL)
            break;
        s = comma + 1;
        n -= len + 1;
        if (n == 0) /* a trailing comma: "B,A," */
            return read_entry(a, s, 0);
    }
    return KIT_OK;
}

enum kit_status quiz_answers_parse(const char *text, const char *name,
                                   const struct quiz_bank *b, int *choice,
                                   struct kit_error *err)
{
    struct answers a = {.name = name, .bank = b, .err = err};
    a.choice = malloc(b->count * sizeof *a.choice);
    if (a.choice == NULL)
        return kit_error_set(err, KIT_ENOMEM, "%s: out of memory", name);
    enum kit_status st = KIT_OK;
    for (const char *s = text; st == KIT_OK && *s != '\0';) {
        size_t n = strcspn(s, "\n");
        st = read_answer_line(&a, s, n);
        s += n + (s[n] == '\n');
    }
    if (st == KIT_OK && a.count == 0)
        st = kit_error_set(err, KIT_EINVAL,
                           "%s: no answers given (expected e.g. B,A,A,D,C)",
                           name);
    if (st == KIT_OK) {
        for (size_t i = a.count; i < b->count; i++)
            a.choice[i] = QUIZ_NO_ANSWER;
        memcpy(choice, a.choice, b->count * sizeof *choice);
        kit_error_clear(err);
    }
    free(a.choice);
    return st;
}

struct quiz_score quiz_grade(const struct quiz_bank *b, const int *choice)
{
    struct quiz_score s = {.total = b->count};
    for (size_t i = 0; i < b->count; i++) {
        if (choice[i] == QUIZ_NO_ANSWER)
            continue;
        s.answered++;
        s.correct += (size_t)choice[i] == b->questions[i].key;
    }
    return s;
}

unsigned quiz_percent(const struct quiz_score *s)
{
    return s->total ? (unsigned)(s->correct * 100 / s->total) : 0;
}

bool quiz_passed(const struct quiz_score *s, unsigned pass_percent)
{
    return s->correct * 100 >= (size_t)pass_percent * s->total;
}
