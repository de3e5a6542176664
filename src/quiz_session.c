/* The interactive session: one question at a time, feedback after each
 * answer, a clean stop at end of input. */

#include "quiz.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define ECHO_MAX 40

/* Repeats what was read (without its newline), control bytes as '?'. */
static void echo_line(FILE *out, const char *line)
{
    size_t n = strcspn(line, "\r\n");
    for (size_t i = 0; i < n && i < ECHO_MAX; i++)
        fputc((unsigned char)line[i] < 0x20 || line[i] == 0x7F ? '?' : line[i],
              out);
    fputs(n > ECHO_MAX ? "...\n" : "\n", out);
}

/* What ask() returns when the line cannot be read for lack of memory. */
#define ASK_NOMEM (QUIZ_NO_ANSWER - 1)

/* Prompts until a valid letter comes; QUIZ_NO_ANSWER at end of input (or
 * a read error), ASK_NOMEM when memory runs out. */
static int ask(FILE *in, FILE *out, const struct quiz_question *q,
               const struct quiz_style *st, char **line, size_t *cap)
{
    char last = quiz_letter(q->noptions - 1);
    for (;;) {
        fprintf(out, "Your answer (A-%c): ", last);
        fflush(out);
        ssize_t n = getline(line, cap, in);
        /* getline() sets neither flag when its buffer cannot grow. */
        if (n < 0)
            return feof(in) || ferror(in) ? QUIZ_NO_ANSWER : ASK_NOMEM;
        if (st->echo)
            echo_line(out, *line);
        /* A NUL byte inside the line makes it no answer at all. */
        int c = strlen(*line) == (size_t)n ? quiz_answer_letter(*line, q)
                                            : QUIZ_NO_ANSWER;
        if (c != QUIZ_NO_ANSWER)
            return c;
        fprintf(out, "  Please type one letter, A-%c (Ctrl-D stops the "
                     "quiz).\n", last);
    }
}

enum kit_status quiz_session_run(const struct quiz_bank *b, FILE *in,
                                 FILE *out, const struct quiz_style *st,
                                 int *choice, size_t *answered)
{
    char *line = NULL;
    size_t cap = 0;
    enum kit_status status = KIT_OK;
    *answered = 0;
    for (size_t i = 0; i < b->count; i++)
        choice[i] = QUIZ_NO_ANSWER;
    for (size_t i = 0; i < b->count; i++) {
        const struct quiz_question *q = &b->questions[i];
        quiz_print_question(out, b, i, st);
        int c = ask(in, out, q, st, &line, &cap);
        if (c == ASK_NOMEM) {
            status = KIT_ENOMEM;
            break;
        }
        if (c == QUIZ_NO_ANSWER) {
            fprintf(out, "\nEnd of input: stopping at question %zu of %zu.\n",
                    i + 1, b->count);
            break;
        }
        choice[i] = c;
        ++*answered;
        quiz_print_feedback(out, q, (size_t)c, st);
    }
    free(line);
    return status;
}
