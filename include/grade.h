#ifndef GRADE_H
#define GRADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

/*
 * The grader's engine (`make grade`, src/cmd/grade.c): runs one exercise's
 * cmocka test binary in its own process with a timeout, reads its TAP
 * output (CMOCKA_MESSAGE_OUTPUT=TAP) and classifies the outcome.
 *
 * The child's stdout and stderr go to one pipe.  cmocka prints a test's
 * messages (print_error, fail_msg) on stderr before the test's "not ok"
 * line, so a test binary that line-buffers stdout keeps each message next
 * to its result (tests/ex/lesson.h does).
 */

/* X(name, word used in tables and JSON). */
#define GRADE_STATUS_MAP(X)                                                \
    X(PASS, "pass")           /* every test passed, exit status 0 */       \
    X(FAIL, "fail")           /* some tests failed */                      \
    X(CRASH, "crash")         /* signalled, ended early or unreadable */   \
    X(SANITIZER, "sanitizer") /* ASan, UBSan or LSan reported an error */  \
    X(TIMEOUT, "timeout")     /* still running at the deadline: killed */  \
    X(NOBUILD, "no-build")    /* no test binary: the kata did not build */

#define GRADE_STATUS_ENUM_(name, word) GRADE_##name,
enum grade_status { GRADE_STATUS_MAP(GRADE_STATUS_ENUM_) GRADE_STATUS_COUNT };
#undef GRADE_STATUS_ENUM_

#define GRADE_NAME_MAX 128
#define GRADE_MSG_MAX 768

/* The exit status the grader asks the sanitizers to use (ASAN_OPTIONS,
 * UBSAN_OPTIONS), so that a report is told apart from failed tests. */
#define GRADE_SANITIZER_EXIT 86

/* One test's TAP result line, with the messages printed just before it
 * (or the "# " comments just after it when there were none). */
struct grade_case {
    char name[GRADE_NAME_MAX];
    bool ok;
    char message[GRADE_MSG_MAX];
};

/* What one run of a test binary showed. */
struct grade_result {
    enum grade_status status;
    unsigned passed;   /* "ok" lines */
    unsigned total;    /* the TAP plan ("1..N"), else the result lines */
    bool planned;      /* a plan line was seen */
    struct grade_case *cases; /* results in order; owned, see below */
    size_t ncases;
    size_t cases_cap;  /* room allocated in cases (it grows by doubling) */
    int exit_status;   /* the process's exit status; -1 when signalled,
                          timed out or unknown (waitpid failed) */
    int signal;        /* the signal that ended it, or 0 */
    double seconds;    /* wall-clock time of the run */
    char first_failure[GRADE_MSG_MAX]; /* why it is not a pass; "" if it is */
};

/* The word for a status ("pass", "timeout", ...); "unknown" outside the
 * enum.  Never NULL. */
const char *grade_status_name(enum grade_status s);

/* Runs the binary at path with no arguments, CMOCKA_MESSAGE_OUTPUT=TAP and
 * the sanitizers' exit status set, stdin from /dev/null, in its own process
 * group; kills the group after timeout_s seconds.  Fills *out (release it
 * with grade_result_free()).  A missing or non-executable binary is a
 * result (GRADE_NOBUILD), not an error.  REG_EINVAL for timeout_s <= 0,
 * REG_ENOMEM, REG_ESYS when a pipe or fork fails (err says why).
 *
 * While the test runs, SIGCHLD and those of SIGINT, SIGTERM and SIGHUP
 * that would end the caller (default action, not blocked) are blocked; the
 * caller's mask is back on return, and the child runs with it.  If one of
 * those arrives, grade_run kills the test's process group, reaps the test
 * and raises the signal again with its default action: it does not
 * return, and the caller ends as it would have, leaving no test behind.
 * The caller must be single-threaded and must not ignore SIGCHLD (waitpid
 * must see the child; a run whose end cannot be read is a crash). */
enum reg_status grade_run(const char *path, double timeout_s,
                          struct grade_result *out, struct reg_error *err);

/* Parses text[0..len) (a TAP stream mixed with messages; it need not be
 * NUL-terminated, and nothing past len is read) into *out's counts, cases
 * and first_failure; the status is left to grade_classify().  A plan line
 * whose count is missing, malformed or above UINT_MAX is not a plan.
 * Names and messages too long for their buffers are cut at a UTF-8
 * character boundary.  *out must come from grade_result_init().
 * REG_ENOMEM. */
enum reg_status grade_parse(const char *text, size_t len,
                            struct grade_result *out);

/* Sets out->status from the parsed output and how the process ended
 * (exit_status and signal must be filled in already; a negative
 * exit_status without a signal is a crash), and first_failure:
 * "" for a pass, the first failing test and its message for a fail, else
 * why the run ended abnormally and in which test.  (NOBUILD is decided
 * by grade_run() before anything runs.) */
void grade_classify(const char *text, size_t len, bool timed_out,
                    double timeout_s, struct grade_result *out);

/* An empty result (status FAIL, no cases). */
void grade_result_init(struct grade_result *out);

/* Releases the cases; leaves an empty result.  NULL is a no-op. */
void grade_result_free(struct grade_result *r);

/* --- reports (src/grade_report.c) ---------------------------------------- */

/* One graded exercise: the name ("03_transition"), the quiz question it
 * answers, its first hint (may be NULL) and the result. */
struct grade_entry {
    const char *exercise;
    const char *quiz;
    const char *hint;
    struct grade_result result;
};

/* 1 for a passing exercise, 0 otherwise (each exercise is worth one
 * point). */
unsigned grade_points(const struct grade_entry *e);

/* The table: exercise, quiz question, tests passed/total, points, status;
 * then the score, and the first failing exercise with its first failure
 * and hint.  ANSI colour only when color is true. */
void grade_print_table(FILE *f, const struct grade_entry *e, size_t n,
                       bool color);

/* One line for the end of `make test`, e.g.
 * "kata: 2/6 done — next: kata/03_transition.c". */
void grade_print_progress(FILE *f, const struct grade_entry *e, size_t n);

/* grade.json: per exercise status, passed, total, points and the first
 * failure message; every string escaped.  Returns 0, or -1 when writing
 * fails or memory runs out. */
int grade_write_json(FILE *f, const struct grade_entry *e, size_t n,
                     double timeout_s);

/* JUnit XML: one testsuite per exercise, one testcase per test; a crash,
 * sanitizer report, timeout or missing build is an <error> testcase.
 * Names and messages are escaped.  Returns 0, or -1 when writing fails. */
int grade_write_junit(FILE *f, const struct grade_entry *e, size_t n);

#endif /* GRADE_H */
