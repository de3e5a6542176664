#ifndef QUIZ_H
#define QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "prog.h"
#include "status.h"

/*
 * The quiz: a question bank in a plain text file (quiz/FORMAT.md), a parser
 * that refuses anything malformed with "file:line: ...", scoring, seeded
 * shuffling, an interactive session, reports (text and JSON), an instructor
 * review and a Moodle GIFT export.  The runner's main is src/cmd/quiz.c.
 *
 * A bank is a value the caller owns: quiz_bank_parse() or quiz_bank_load()
 * fill it, quiz_bank_free() releases it.  There is no global state.  Every
 * function that takes a struct kit_error accepts NULL there.
 *
 * Answers are kept as one int per question: the index of the chosen option
 * (0 for A) or QUIZ_NO_ANSWER.
 */

#define QUIZ_MIN_OPTIONS 2
#define QUIZ_MAX_OPTIONS 4          /* letters A-D */
#define QUIZ_LINE_MAX 1024          /* bytes in one bank line, newline excluded */
#define QUIZ_TEXT_MAX 8192          /* bytes in one field, continuations joined */
#define QUIZ_MAX_QUESTIONS 1000
#define QUIZ_FILE_MAX (1L << 20)    /* bytes in a bank or answers file */
#define QUIZ_NO_ANSWER (-1)
#define QUIZ_DEFAULT_PASS 70        /* percent */

/* One option.  mistake is NULL exactly for the key. */
struct quiz_option {
    char *text;
    char *mistake;
};

/* One question.  All strings are valid UTF-8 without control characters
 * other than tab and the newlines of '|' lines; title may be NULL. */
struct quiz_question {
    char *title;
    char *stem;
    char *why;
    struct quiz_option option[QUIZ_MAX_OPTIONS];
    size_t noptions; /* QUIZ_MIN_OPTIONS .. QUIZ_MAX_OPTIONS */
    size_t key;      /* index of the right option, < noptions */
    long line;       /* line of the question's Q: in the bank */
};

/* A parsed bank: count >= 1 questions. */
struct quiz_bank {
    struct quiz_question *questions;
    size_t count;
};

/* ---- parsing (src/quiz_bank.c) ---- */

/* Parses data[0..len) (which need not be NUL-terminated) as a bank; name is
 * used in messages ("bank.txt:12: ...").  On success fills *out, which the
 * caller releases with quiz_bank_free(), and returns KIT_OK.  A malformed
 * bank gives KIT_EINVAL, out of memory KIT_ENOMEM; *out is then untouched. */
enum kit_status quiz_bank_parse(const char *data, size_t len, const char *name,
                                struct quiz_bank *out, struct kit_error *err);

/* Reads the file at path (at most QUIZ_FILE_MAX bytes) and parses it as
 * quiz_bank_parse() does.  A missing file gives KIT_ENOTFOUND, another open
 * or read failure, an oversized file or a malformed bank KIT_EINVAL, out
 * of memory KIT_ENOMEM, each with the path in err; *out is then
 * untouched. */
enum kit_status quiz_bank_load(const char *path, struct quiz_bank *out,
                               struct kit_error *err);

/* Releases everything the bank owns and leaves it empty.  NULL is a no-op. */
void quiz_bank_free(struct quiz_bank *b);

/* The letter of option index i: 'A' for 0; '?' outside 0..3. */
char quiz_letter(size_t i);

/* Reads all of f (at most max bytes) into a new NUL-terminated buffer
 * (*data, caller frees; *len excludes the NUL).  name is the file's name
 * in messages.  A read error or more than max bytes gives KIT_EINVAL,
 * out of memory KIT_ENOMEM; *data and *len are written only on success. */
enum kit_status quiz_read_stream(FILE *f, const char *name, size_t max,
                                 char **data, size_t *len,
                                 struct kit_error *err);

/* Opens path and reads it as quiz_read_stream() does; a missing file gives
 * KIT_ENOTFOUND, another open failure (a directory, no permission)
 * KIT_EINVAL, with strerror's words in err. */
enum kit_status quiz_read_file(const char *path, size_t max, char **data,
                               size_t *len, struct kit_error *err);

/* ---- shuffling (src/quiz_shuffle.c) ---- */

/* Shuffles the options of every question in place (Fisher-Yates, one rng.h
 * stream seeded with seed, in question order); each option keeps its
 * mistake and key follows the right option.  Question order is unchanged.
 * The same seed gives the same order on every machine. */
void quiz_bank_shuffle(struct quiz_bank *b, uint64_t seed);

/* ---- answers and scoring (src/quiz_score.c) ---- */

/* Parses answers for the bank's questions: letters A-D (any case) or '-' to
 * skip, separated by commas or newlines, or written together ("BAADC");
 * blank lines and '#' comments are ignored.  Fewer answers than questions
 * leave the rest QUIZ_NO_ANSWER.
 * On success writes choice[0..b->count) and returns KIT_OK; on error
 * returns KIT_EINVAL ("<name>: answer 3 is 'E': ...") and leaves choice
 * untouched.  KIT_ENOMEM if memory runs out. */
enum kit_status quiz_answers_parse(const char *text, const char *name,
                                   const struct quiz_bank *b, int *choice,
                                   struct kit_error *err);

/* The option index of an answer typed at the prompt: one letter within the
 * question's options, any case, white space around it ignored.  Returns
 * QUIZ_NO_ANSWER for anything else (the session then asks again). */
int quiz_answer_letter(const char *line, const struct quiz_question *q);

struct quiz_score {
    size_t total;    /* questions in the bank */
    size_t answered; /* choices other than QUIZ_NO_ANSWER */
    size_t correct;
};

/* Grades choice[0..b->count) against the keys.  An unanswered question
 * counts as not correct. */
struct quiz_score quiz_grade(const struct quiz_bank *b, const int *choice);

/* The score in whole percent, rounded down: 2 of 3 is 66. */
unsigned quiz_percent(const struct quiz_score *s);

/* True when correct / total reaches pass_percent (compared exactly, in
 * integers: 2 of 3 does not reach 67). */
bool quiz_passed(const struct quiz_score *s, unsigned pass_percent);

/* ---- text output (src/quiz_print.c) ---- */

/* The printers and writers below return nothing: they allocate nothing, and
 * a write error is left in out's error indicator, which the caller checks
 * with ferror() after fflush() (quiz_main() then exits QUIZ_EXIT_OUTPUT).
 * Pointers they are given are only read during the call. */

/* How output looks.  color: ANSI colours (only ever on a terminal).
 * echo: the session repeats each answer it reads, so that a transcript of
 * piped answers reads as if typed. */
struct quiz_style {
    bool color;
    bool echo;
};

/* Prints "Question i/N", the stem and the options of question index i. */
void quiz_print_question(FILE *out, const struct quiz_bank *b, size_t i,
                         const struct quiz_style *st);

/* Prints the feedback for choosing option `chosen` of q: right or wrong,
 * the mistake behind a wrong option, and the explanation. */
void quiz_print_feedback(FILE *out, const struct quiz_question *q,
                         size_t chosen, const struct quiz_style *st);

/* Prints the score, pass or fail against pass_percent, the missed
 * questions (number and title) and those not answered. */
void quiz_print_summary(FILE *out, const struct quiz_bank *b,
                        const int *choice, unsigned pass_percent,
                        const struct quiz_style *st);

/* The graded report for non-interactive answers: one line per question
 * (answer, right or wrong, title), with the key, the mistake and the
 * explanation under each wrong answer; then the summary. */
void quiz_print_report(FILE *out, const struct quiz_bank *b,
                       const int *choice, unsigned pass_percent,
                       const struct quiz_style *st);

/* Instructor mode: every question with its options, the key marked, the
 * mistake behind each wrong option, and the explanation. */
void quiz_print_review(FILE *out, const struct quiz_bank *b,
                       const struct quiz_style *st);

/* The key letters, comma-separated, then a newline: "B,A,A,D,C". */
void quiz_print_keys(FILE *out, const struct quiz_bank *b);

/* ---- machine-readable output (src/quiz_json.c, src/quiz_gift.c) ---- */

/* The graded report as one JSON object (docs/quiz.md lists its fields),
 * then a newline; out is flushed.  seed is recorded when shuffled is true.
 * bank_name is the bank's path.  Returns KIT_OK, or json_end()'s error
 * (KIT_ESYS when out reports a write error), with a message in err (may
 * be NULL). */
enum kit_status quiz_write_json(FILE *out, const struct quiz_bank *b,
                                const int *choice, unsigned pass_percent,
                                const char *bank_name, bool shuffled,
                                uint64_t seed, struct kit_error *err);

/* The bank in Moodle GIFT: one multiple-choice question per question, the
 * key as "=", the others as "~" with their mistake as feedback, the
 * explanation as general feedback.  Special characters ~ = # { } : and the
 * backslash are escaped with a backslash, newlines written as \n.  A write
 * error: ferror(out), as for the printers above. */
void quiz_write_gift(FILE *out, const struct quiz_bank *b,
                     const char *bank_name);

/* Writes s with GIFT's escapes, as quiz_write_gift() does for every text.
 * A text starting with '[', '%' or "//" gets an explicit "[moodle]" format
 * first, so that Moodle reads it neither as a format, a weight nor a
 * comment. */
void quiz_gift_text(FILE *out, const char *s);

/* ---- the interactive session (src/quiz_session.c) ---- */

/* Asks every question in order on out, reading answers from in; re-asks on
 * anything that is not one of the question's letters; gives feedback after
 * each answer.  Stops early at end of input.  Writes choice[0..b->count)
 * (QUIZ_NO_ANSWER for questions not reached) and how many were answered
 * to *answered.  Does not print the summary.  Returns KIT_OK; KIT_ENOMEM
 * when memory for a line runs out (it stops there: the answers so far are
 * not the student's whole quiz).  A read error on in ends it as end of
 * input does (ferror(in) tells them apart); write errors: ferror(out). */
enum kit_status quiz_session_run(const struct quiz_bank *b, FILE *in,
                                 FILE *out, const struct quiz_style *st,
                                 int *choice, size_t *answered);

/* ---- the runner (src/quiz_cli.c) ---- */

/* The runner's exit statuses; out of memory is every program's
 * PROG_EXIT_NOMEM (include/prog.h). */
enum quiz_exit {
    QUIZ_EXIT_PASS = 0,   /* pass mark reached, or review/keys/export done */
    QUIZ_EXIT_FAIL = 1,   /* graded below the pass mark */
    QUIZ_EXIT_USAGE = 2,  /* bad command line or answers */
    QUIZ_EXIT_BANK = 3,   /* bank unreadable or malformed */
    QUIZ_EXIT_OUTPUT = 4  /* output could not be written */
};

enum quiz_mode {
    QUIZ_MODE_INTERACTIVE,
    QUIZ_MODE_ANSWERS,      /* --answers LIST */
    QUIZ_MODE_ANSWERS_FILE, /* --answers-file FILE */
    QUIZ_MODE_REVIEW,
    QUIZ_MODE_KEYS,
    QUIZ_MODE_GIFT
};

/* The parsed command line.  Strings point into argv. */
struct quiz_opts {
    enum quiz_mode mode;
    const char *bank;    /* NULL when none is named: quiz_default_bank() */
    const char *answers; /* the list, or the answers file's path */
    const char *save;    /* --save: where the --json report goes, or NULL */
    bool json, shuffle, seed_given, help, version;
    enum prog_color color; /* --color, for prog_color_wanted() */
    uint64_t seed;
    unsigned pass_percent;
};

/* Parses argv[1..argc) (argv[0] is the program).  Options may be written
 * "--opt value" or "--opt=value".  On success fills *out and returns
 * KIT_OK; otherwise KIT_EUSAGE with a click-style message in err ("No such
 * option: --x", "Option '--seed' requires an argument.") and *out untouched. */
enum kit_status quiz_cli_parse(int argc, char *const argv[],
                               struct quiz_opts *out, struct kit_error *err);

/* What main() knows about its surroundings. */
struct quiz_env {
    bool tty;             /* stdout is a terminal */
    const char *no_color; /* $NO_COLOR, NULL when unset */
    const char *term;     /* $TERM, NULL when unset */
    bool echo;            /* stdin is not a terminal */
    uint64_t clock_seed;  /* for --shuffle without --seed */
    const char *env_bank; /* $STAGEKIT_QUIZ_BANK, NULL when unset */
    const char *share_bank; /* prog_share_path("bank.txt"), or NULL */
};

/* The bank to read when the command line names none, in this order:
 * env_bank when it is set and not empty, else share_bank (the bank
 * installed beside the program).  Sets *bank to one of them and returns
 * KIT_OK; KIT_EINVAL, with a message saying what to do, when both are
 * missing. */
enum kit_status quiz_default_bank(const char *env_bank, const char *share,
                                  const char **bank, struct kit_error *err);

/* The whole runner: parses argv, loads the bank and runs the mode, with
 * in/out/errout as stdin/stdout/stderr.  Returns an enum quiz_exit, or
 * PROG_EXIT_NOMEM (include/prog.h) when memory runs out. */
int quiz_main(int argc, char *const argv[], FILE *in, FILE *out, FILE *errout,
              const struct quiz_env *env);

#endif /* QUIZ_H */
