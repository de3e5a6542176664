#ifndef GRADE_H
#define GRADE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

/*
 * The grader's engine (`make grade`, src/cmd/grade.c): runs one exercise's
 * test binary in a sandbox with a deadline and limits, and classifies the
 * outcome.  docs/kata.md states the threat model.
 *
 * Results never come from text the code under test prints: the test
 * binary's harness (tests/ex/lesson.c) reports each case's start, lesson
 * messages and result on a pipe of its own, announced per run with a
 * random token, and the grader knows the cases from a list built from
 * tests/ex/ (the "manifest"), not from the binary's output.  The text the
 * binary prints (its stdout and stderr, one pipe, cut at a cap) only
 * supplies messages for cases that failed without a lesson message, and
 * the text of a failed assert().  Sanitizer reports are recognised by
 * the sanitizer's exit status and its log file, never by scanning output.
 *
 * Sandbox mode (Linux user, PID, mount, network, IPC and UTS namespaces):
 * the whole file system is read-only but a private /tmp, no network, no
 * view of the grader's processes, and every process the test starts dies
 * with it.  Fallback mode, where namespaces are unavailable: the test's
 * own session; the grader is a child subreaper and kills every process
 * left over.  Under root, in both modes, each run's test has a uid of its
 * own that no account has (grade_box_run_uid()).  Either way the test
 * inherits no descriptor but its stdout, stderr and channel.
 */

/* X(name, word used in tables and JSON). */
#define GRADE_STATUS_MAP(X)                                                \
    X(PASS, "pass")           /* every case passed */                      \
    X(FAIL, "fail")           /* some cases failed */                      \
    X(CRASH, "crash")         /* killed, stopped early or out of a limit */\
    X(SANITIZER, "sanitizer") /* ASan, UBSan or LSan reported an error */  \
    X(TIMEOUT, "timeout")     /* still running at the deadline: killed */  \
    X(NOBUILD, "no-build")    /* no test binary: the kata did not build */ \
    X(TAMPER, "tampered")     /* the tests or their binary changed */

#define GRADE_STATUS_ENUM_(name, word) GRADE_##name,
enum grade_status { GRADE_STATUS_MAP(GRADE_STATUS_ENUM_) GRADE_STATUS_COUNT };
#undef GRADE_STATUS_ENUM_

/* How the test runs: see the top of this file. */
enum grade_mode { GRADE_MODE_AUTO, GRADE_MODE_SANDBOX, GRADE_MODE_FALLBACK };

#define GRADE_NAME_MAX 128
#define GRADE_MSG_MAX 768

/* The exit status the grader asks the sanitizers to use (ASAN_OPTIONS,
 * UBSAN_OPTIONS, LSAN_OPTIONS). */
#define GRADE_SANITIZER_EXIT 86

/* What a run may use.  Zero fields take the defaults in grade_limits_default(). */
struct grade_limits {
    double timeout_s;    /* wall time of the whole run */
    unsigned memory_mb;  /* RLIMIT_AS, or ASan's hard_rss_limit_mb */
    unsigned processes;  /* RLIMIT_NPROC (in sandbox mode, per sandbox) */
    size_t output_max;   /* bytes of output kept; the rest is read, dropped */
};

/* timeout 10 s, 2048 MiB, 64 processes, 1 MiB of output. */
struct grade_limits grade_limits_default(void);

/* One case of the manifest, and what the run said of it. */
struct grade_case {
    char name[GRADE_NAME_MAX];
    bool started;
    bool ok;             /* a "pass" result arrived on the channel */
    bool ended;          /* a result arrived */
    double started_at;   /* the reader's clock when its start arrived */
    double seconds;      /* from its start to its result, as the grader
                            read them; 0 when it never ended */
    char message[GRADE_MSG_MAX];
};

/* What one run of a test binary showed. */
struct grade_result {
    enum grade_status status;
    unsigned passed;     /* cases that passed */
    unsigned total;      /* cases in the manifest */
    struct grade_case *cases; /* total of them, in order; owned */
    size_t ncases;
    size_t cases_cap;    /* room allocated in cases */
    size_t stopped_in;   /* the case running when the run stopped, from 1;
                            0 when none was */
    bool finished;       /* the harness said every case ran */
    bool output_cut;     /* output went past limits.output_max */
    bool output_closed;  /* the harness saw stdout or stderr closed or
                            replaced after a case */
    bool sanitized;      /* the binary is built with AddressSanitizer */
    enum grade_mode mode;/* the mode that ran */
    int exit_status;     /* the test's exit status; -1 when signalled,
                            timed out or unknown */
    int signal;          /* the signal that ended it, or 0 */
    double seconds;      /* wall-clock time of the run */
    char first_failure[GRADE_MSG_MAX]; /* why it is not a pass; "" if it is */
    char note[GRADE_MSG_MAX]; /* said even of a pass: output cut or closed */
};

/* What the grader knows about the run besides the binary's own output. */
struct grade_evidence {
    bool timed_out;      /* the run's deadline passed */
    bool limited;        /* a case's lesson_limit() passed */
    char limit_why[GRADE_MSG_MAX]; /* that limit's message */
    const char *sanitizer_log; /* the sanitizer's log file text, or NULL */
    double timeout_s;
    size_t output_max;   /* the output limit, for the note on a cut */
    bool stopped;        /* the test stopped (SIGSTOP, traced): killed */
};

/* The lesson_limit() in force, as the channel tells it: the tightest one
 * the current case asked for (the test's own, even when code under test
 * asks for a looser one), until the case ends. */
struct grade_limit_state {
    double deadline;     /* on the clock the channel is read with; 0: none */
    char why[GRADE_MSG_MAX];
};

/* The word for a status ("pass", "timeout", ...); "unknown" outside the
 * enum.  Never NULL; a static string. */
const char *grade_status_name(enum grade_status s);

/* "sandbox" or "fallback" (AUTO: "auto"; "unknown" outside the enum).
 * Never NULL; a static string. */
const char *grade_mode_name(enum grade_mode m);

/* Whether this process can run a test in sandbox mode; when not, why
 * (e.g. "unshare: Operation not permitted") is written to why. */
bool grade_sandbox_available(char *why, size_t cap);

/* Reads a manifest: one case name per line (what the harness prints under
 * STAGEKIT_LIST_CASES).  Fills out->cases and out->total.  KIT_ENOTFOUND when
 * the file cannot be read, KIT_EINVAL for an empty list or a name too
 * long, KIT_ENOMEM; err says which. */
enum kit_status grade_load_cases(const char *path, struct grade_result *out,
                                 struct kit_error *err);

/* Runs the binary at path with no arguments in the given mode (AUTO: the
 * sandbox when available), under the limits, stdin from /dev/null; *out
 * must hold the manifest (grade_load_cases) and gets the result.  A
 * missing or non-executable binary is a result (GRADE_NOBUILD), not an
 * error.  KIT_EINVAL for a bad limit or an empty manifest, KIT_ESYS when
 * a pipe, fork or the sandbox's set-up fails (err says why), KIT_ENOMEM.
 *
 * While the test runs, SIGCHLD and those of SIGINT, SIGTERM and SIGHUP
 * that would end the caller are blocked; if one of the latter arrives,
 * grade_run kills the test with everything it started, and raises the
 * signal again: it does not return.  The caller must be single-threaded
 * and must not ignore SIGCHLD.  In fallback mode the calling process
 * becomes a child subreaper (prctl), and every child it has when the run
 * ends is killed: the caller must have no other children. */
enum kit_status grade_run(const char *path, enum grade_mode mode,
                          const struct grade_limits *limits,
                          struct grade_result *out, struct kit_error *err);

/* Reads records of the harness's channel, text[0..len) (lesson.c's lines
 * with this token; it may be read piecewise, whole lines at a time), into
 * out's cases and *ls; lines with another token, or malformed, are
 * ignored.  out holds the manifest.  now (seconds, any clock) is when the
 * text arrived: a case's time is its result's now less its start's. */
void grade_read_channel(const char *text, size_t len, const char *token,
                        double now, struct grade_result *out,
                        struct grade_limit_state *ls);

/* Adds the text output's messages (cmocka's TAP, text[0..len)) to the
 * failed cases that have none, matched by name. */
void grade_add_output_messages(const char *text, size_t len,
                               struct grade_result *out);

/* Sets out->status, first_failure and note from the channel's results,
 * how the process ended (exit_status and signal filled in), the evidence,
 * and text[0..len), the output (for an assertion's text). */
void grade_classify(const char *text, size_t len,
                    const struct grade_evidence *ev,
                    struct grade_result *out);

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
    char *build_errors;  /* a no-build's compiler errors
                            (grade_build_errors), or NULL; the filler's */
};

/* 1 for a passing exercise, 0 otherwise (each exercise is worth one
 * point). */
unsigned grade_points(const struct grade_entry *e);

/* The table: exercise, quiz question, tests passed/total, points, status,
 * and under a row its note; then the score, and the first failing
 * exercise with its first failure and hint.  ANSI colour only when color
 * is true.  A write error is left in f's error indicator (ferror()). */
void grade_print_table(FILE *f, const struct grade_entry *e, size_t n,
                       bool color);

/* The end of `make test`: the table's rows, then one line, e.g.
 * "kata: 2/6 done — next: kata/03_transition.c (make test KATA=03, or
 * make watch)".  A write error: ferror(f), as for the table. */
void grade_print_progress(FILE *f, const struct grade_entry *e, size_t n);

/* What a report says about the run as a whole. */
struct grade_run_info {
    const char *run_id;    /* unique per run of the grader */
    enum grade_mode mode;  /* the mode every exercise ran in */
    const char *mode_why;  /* why fallback was used, or "" */
    double timeout_s;
};

/* grade.json: the run id and mode, then per exercise status, passed,
 * total, points, the first failure message and the note; every string
 * escaped.  Returns 0, or -1 when writing fails or memory runs out. */
int grade_write_json(FILE *f, const struct grade_entry *e, size_t n,
                     const struct grade_run_info *info);

/* The most grade_build_errors() keeps, in bytes. */
#define GRADE_BUILD_ERRORS_MAX (16u << 10)

/* The compiler's and linker's diagnostics about one exercise in the build
 * log at path: each line that names the exercise ("03_transition.") and
 * says "error:", "warning:", "note:", "In function" or "undefined
 * reference", with the indented context lines after it; without any, the
 * log's lines that say "error:" or "undefined reference".  At most
 * GRADE_BUILD_ERRORS_MAX bytes, cut at a line, then a line that says so.
 * A new string the caller frees, or NULL when path is NULL, the log
 * cannot be read or holds none, or memory runs out. */
char *grade_build_errors(const char *path, const char *exercise);

/* JUnit XML: one testsuite per exercise, one testcase per test, each with
 * its time in seconds (grade_case.seconds); a crash, sanitizer report,
 * timeout or missing build is an <error> testcase, whose time is the
 * run's, and a missing build carries its build_errors in <system-err>.
 * Names and messages are escaped.  Returns 0, or -1 when writing fails. */
int grade_write_junit(FILE *f, const struct grade_entry *e, size_t n);

#endif /* GRADE_H */
