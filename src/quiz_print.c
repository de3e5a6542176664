/* Text output: questions, feedback, summaries, reports and the instructor
 * review.  Text is word-wrapped at WRAP_COLUMNS; a line of a text that
 * starts with white space (code, from a '|' line of the bank) is printed
 * as it is. */

#include "quiz.h"

#include <string.h>

#define WRAP_COLUMNS 78
#define TITLE_COLUMNS 60

enum paint { PAINT_BOLD, PAINT_GREEN, PAINT_RED, PAINT_RESET };

static const char *const paint_codes[] = {
    [PAINT_BOLD] = "\033[1m",
    [PAINT_GREEN] = "\033[32m",
    [PAINT_RED] = "\033[31m",
    [PAINT_RESET] = "\033[0m",
};

/* The escape sequence for p, or "" when the style has no colour. */
static const char *paint(const struct quiz_style *st, enum paint p)
{
    return st && st->color ? paint_codes[p] : "";
}

/* Terminal columns of s[0..n): one per UTF-8 character. */
static size_t columns(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* One line of a text (no newline in s[0..n)), word-wrapped after *prefix;
 * continuation lines start with rest.  *prefix becomes rest. */
static void put_line(FILE *out, const char **prefix, const char *rest,
                     const char *s, size_t n)
{
    size_t col = strlen(*prefix);
    fputs(*prefix, out);
    *prefix = rest;
    if (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
        fprintf(out, "%.*s\n", (int)n, s);
        return;
    }
    bool empty = true;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        size_t w = columns(s + i, j - i);
        if (!empty && col + 1 + w > WRAP_COLUMNS) {
            fprintf(out, "\n%s", rest);
            col = strlen(rest);
            empty = true;
        }
        if (!empty) {
            fputc(' ', out);
            col++;
        }
        fwrite(s + i, 1, j - i, out);
        col += w;
        empty = false;
        i = j;
    }
    fputc('\n', out);
}

/* Prints text after first (on its first line) and rest (on the others). */
static void put_wrapped(FILE *out, const char *first, const char *rest,
                        const char *text)
{
    const char *prefix = first;
    for (;;) {
        size_t n = strcspn(text, "\n");
        put_line(out, &prefix, rest, text, n);
        if (text[n] == '\0')
            return;
        text += n + 1;
    }
}

/* The question's title, or the start of its stem's first line. */
static void put_title(FILE *out, const struct quiz_question *q)
{
    if (q->title) {
        fputs(q->title, out);
        return;
    }
    size_t n = strcspn(q->stem, "\n"), i = 0, cols = 0;
    for (; i < n; i++) {
        bool starts_char = ((unsigned char)q->stem[i] & 0xC0) != 0x80;
        if (starts_char && cols++ == TITLE_COLUMNS)
            break;
    }
    fprintf(out, "%.*s%s", (int)i, q->stem, i < n ? "..." : "");
}

void quiz_print_question(FILE *out, const struct quiz_bank *b, size_t i,
                         const struct quiz_style *st)
{
    const struct quiz_question *q = &b->questions[i];
    fprintf(out, "\n%sQuestion %zu/%zu", paint(st, PAINT_BOLD), i + 1,
            b->count);
    if (q->title) {
        fputs(": ", out);
        put_title(out, q);
    }
    fprintf(out, "%s\n", paint(st, PAINT_RESET));
    put_wrapped(out, "", "", q->stem);
    fputc('\n', out);
    for (size_t k = 0; k < q->noptions; k++) {
        char first[8];
        snprintf(first, sizeof first, "  %c) ", quiz_letter(k));
        put_wrapped(out, first, "     ", q->option[k].text);
    }
}

void quiz_print_feedback(FILE *out, const struct quiz_question *q,
                         size_t chosen, const struct quiz_style *st)
{
    char why[16];
    snprintf(why, sizeof why, "  Why %c: ", quiz_letter(q->key));
    if (chosen == q->key) {
        fprintf(out, "%sRight%s: %c.\n", paint(st, PAINT_GREEN),
                paint(st, PAINT_RESET), quiz_letter(q->key));
        put_wrapped(out, why, "  ", q->why);
        return;
    }
    fprintf(out, "%sWrong%s: you chose %c; the answer is %c.\n",
            paint(st, PAINT_RED), paint(st, PAINT_RESET),
            quiz_letter(chosen), quiz_letter(q->key));
    char mistake[32];
    snprintf(mistake, sizeof mistake, "  The mistake behind %c: ",
             quiz_letter(chosen));
    put_wrapped(out, mistake, "  ", q->option[chosen].mistake);
    put_wrapped(out, why, "  ", q->why);
}

/* "  3. <title>" for every question answered wrongly. */
static void put_missed(FILE *out, const struct quiz_bank *b, const int *choice)
{
    for (size_t i = 0; i < b->count; i++) {
        const struct quiz_question *q = &b->questions[i];
        if (choice[i] == QUIZ_NO_ANSWER || (size_t)choice[i] == q->key)
            continue;
        fprintf(out, "  %zu. ", i + 1);
        put_title(out, q);
        fputc('\n', out);
    }
}

/* The unanswered questions as ranges: " 4, 6-11". */
static void put_unanswered(FILE *out, const struct quiz_bank *b,
                           const int *choice)
{
    const char *sep = " ";
    for (size_t i = 0; i < b->count; i++) {
        if (choice[i] != QUIZ_NO_ANSWER)
            continue;
        size_t j = i;
        while (j + 1 < b->count && choice[j + 1] == QUIZ_NO_ANSWER)
            j++;
        fprintf(out, "%s%zu", sep, i + 1);
        if (j > i)
            fprintf(out, "-%zu", j + 1);
        sep = ", ";
        i = j;
    }
}

void quiz_print_summary(FILE *out, const struct quiz_bank *b,
                        const int *choice, unsigned pass_percent,
                        const struct quiz_style *st)
{
    struct quiz_score s = quiz_grade(b, choice);
    bool passed = quiz_passed(&s, pass_percent);
    if (s.answered < s.total)
        fprintf(out, "Answered %zu of %zu questions.\n", s.answered, s.total);
    fprintf(out, "%sScore: %zu/%zu (%u%%)%s; pass mark %u%%: %s%s%s.\n",
            paint(st, PAINT_BOLD), s.correct, s.total, quiz_percent(&s),
            paint(st, PAINT_RESET), pass_percent,
            paint(st, passed ? PAINT_GREEN : PAINT_RED),
            passed ? "passed" : "not passed", paint(st, PAINT_RESET));
    if (s.answered > s.correct) {
        fputs("Missed:\n", out);
        put_missed(out, b, choice);
    }
    if (s.answered < s.total) {
        fputs("Not answered:", out);
        put_unanswered(out, b, choice);
        fputs(".\n", out);
    }
}

void quiz_print_report(FILE *out, const struct quiz_bank *b,
                       const int *choice, unsigned pass_percent,
                       const struct quiz_style *st)
{
    for (size_t i = 0; i < b->count; i++) {
        const struct quiz_question *q = &b->questions[i];
        int c = choice[i];
        bool right = c != QUIZ_NO_ANSWER && (size_t)c == q->key;
        const char *verdict = c == QUIZ_NO_ANSWER ? "skipped"
                              : right             ? "right"
                                                  : "wrong";
        fprintf(out, "%3zu. %c  %s%-7s%s  ", i + 1,
                c == QUIZ_NO_ANSWER ? '-' : quiz_letter((size_t)c),
                paint(st, right ? PAINT_GREEN : PAINT_RED), verdict,
                paint(st, PAINT_RESET));
        put_title(out, q);
        fputc('\n', out);
        if (right)
            continue;
        fprintf(out, "       The answer is %c.\n", quiz_letter(q->key));
        if (c != QUIZ_NO_ANSWER)
            put_wrapped(out, "       Your mistake: ", "       ",
                        q->option[c].mistake);
        put_wrapped(out, "       Why: ", "       ", q->why);
    }
    fputc('\n', out);
    quiz_print_summary(out, b, choice, pass_percent, st);
}

void quiz_print_review(FILE *out, const struct quiz_bank *b,
                       const struct quiz_style *st)
{
    for (size_t i = 0; i < b->count; i++) {
        const struct quiz_question *q = &b->questions[i];
        quiz_print_question(out, b, i, st);
        for (size_t k = 0; k < q->noptions; k++) {
            if (k == q->key)
                continue;
            char first[24];
            snprintf(first, sizeof first, "  Mistake behind %c: ",
                     quiz_letter(k));
            put_wrapped(out, first, "    ", q->option[k].mistake);
        }
        fprintf(out, "  %sKey: %c%s (bank line %ld)\n", paint(st, PAINT_GREEN),
                quiz_letter(q->key), paint(st, PAINT_RESET), q->line);
        put_wrapped(out, "  Why: ", "    ", q->why);
    }
}

void quiz_print_keys(FILE *out, const struct quiz_bank *b)
{
    for (size_t i = 0; i < b->count; i++)
        fprintf(out, "%s%c", i ? "," : "", quiz_letter(b->questions[i].key));
    fputc('\n', out);
}
