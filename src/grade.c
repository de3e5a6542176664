/* The grader's engine: run a test binary with a timeout, parse its TAP. */
#include "grade.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Output beyond this is read and dropped, so a chatty test cannot block. */
#define GRADE_OUTPUT_MAX (1u << 20)

static const char *const grade_words[GRADE_STATUS_COUNT] = {
#define GRADE_WORD_(name, word) [GRADE_##name] = word,
    GRADE_STATUS_MAP(GRADE_WORD_)
#undef GRADE_WORD_
};

const char *grade_status_name(enum grade_status s)
{
    if ((int)s < 0 || s >= GRADE_STATUS_COUNT)
        return "unknown";
    return grade_words[s];
}

void grade_result_init(struct grade_result *out)
{
    memset(out, 0, sizeof *out);
    out->status = GRADE_FAIL;
}

void grade_result_free(struct grade_result *r)
{
    if (r == NULL)
        return;
    free(r->cases);
    grade_result_init(r);
}

/* --- parsing ------------------------------------------------------------- */

/* Appends src[0..len) to dst (a NUL-terminated buffer of size cap), with a
 * separator when dst is not empty; silently truncates, at a UTF-8
 * character boundary. */
static void grade_append(char *dst, size_t cap, const char *src, size_t len,
                         const char *sep)
{
    size_t used = strlen(dst);
    if (used > 0 && used + strlen(sep) < cap) {
        strcpy(dst + used, sep);
        used += strlen(sep);
    }
    if (used + 1 >= cap)
        return;
    size_t keep = utf8_fit(src, len, cap - 1 - used);
    memcpy(dst + used, src, keep);
    dst[used + keep] = '\0';
}

static bool grade_starts(const char *line, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(line, prefix, n) == 0;
}

/* "ok 3 - name" or "not ok 3 - name": the name's start and length. */
static void grade_case_name(const char *line, size_t len, size_t skip,
                            struct grade_case *c)
{
    size_t i = skip;
    while (i < len && (line[i] == ' ' || (line[i] >= '0' && line[i] <= '9')))
        i++;
    if (i + 1 < len && line[i] == '-' && line[i + 1] == ' ')
        i += 2;
    grade_append(c->name, sizeof c->name, line + i, len - i, "");
}

/* Room for one more case; the array doubles, so n cases cost O(n) copies. */
static enum reg_status grade_reserve_case(struct grade_result *out)
{
    if (out->ncases < out->cases_cap)
        return REG_OK;
    size_t cap = out->cases_cap ? out->cases_cap : 8;
    if (out->ncases > 0) {
        if (cap > SIZE_MAX / 2 / sizeof *out->cases)
            return REG_ENOMEM;
        cap *= 2;
    }
    struct grade_case *cases = realloc(out->cases, cap * sizeof *cases);
    if (cases == NULL)
        return REG_ENOMEM;
    out->cases = cases;
    out->cases_cap = cap;
    return REG_OK;
}

static enum reg_status grade_push_case(struct grade_result *out, bool ok,
                                       const char *line, size_t len)
{
    enum reg_status st = grade_reserve_case(out);
    if (st != REG_OK)
        return st;
    struct grade_case *c = &out->cases[out->ncases++];
    memset(c, 0, sizeof *c);
    c->ok = ok;
    grade_case_name(line, len, ok ? 2 : 6, c);
    if (ok)
        out->passed++;
    return REG_OK;
}

/* Messages seen since the last result line, waiting for their test. */
struct grade_pending {
    char text[GRADE_MSG_MAX];
    bool after_failure; /* "# " comments now belong to the last case */
};

static void grade_note(struct grade_pending *p, const char *line, size_t len)
{
    if (grade_starts(line, len, "ERROR: ")) {
        line += 7;
        len -= 7;
    }
    if (len > 0)
        grade_append(p->text, sizeof p->text, line, len, "\n");
}

/* A "# " comment after a "not ok": cmocka's own message for that test. */
static void grade_comment(struct grade_result *out, struct grade_pending *p,
                          const char *line, size_t len)
{
    if (!p->after_failure || out->ncases == 0 ||
        grade_starts(line, len, "# not ok - ") ||
        grade_starts(line, len, "# ok - "))
        return;
    struct grade_case *c = &out->cases[out->ncases - 1];
    grade_append(c->message, sizeof c->message, line + 2, len - 2, "\n");
}

/* A plan line, "1..N" with N in the line and in range: sets total and
 * planned and returns true.  Anything else is not a plan. */
static bool grade_plan(const char *line, size_t len, struct grade_result *out)
{
    if (!grade_starts(line, len, "1.."))
        return false;
    size_t i = 3;
    unsigned n = 0;
    for (; i < len && line[i] >= '0' && line[i] <= '9'; i++) {
        unsigned digit = (unsigned)(line[i] - '0');
        if (n > (UINT_MAX - digit) / 10)
            return false;
        n = n * 10 + digit;
    }
    if (i == 3 || (i < len && line[i] != ' ' && line[i] != '\t'))
        return false; /* no number, or "1..3x" */
    out->total = n;
    out->planned = true;
    return true;
}

static enum reg_status grade_line(struct grade_result *out,
                                  struct grade_pending *p, const char *line,
                                  size_t len)
{
    bool ok = grade_starts(line, len, "ok ");
    bool not_ok = grade_starts(line, len, "not ok ");
    if (ok || not_ok) {
        enum reg_status st = grade_push_case(out, ok, line, len);
        if (st != REG_OK)
            return st;
        struct grade_case *c = &out->cases[out->ncases - 1];
        if (not_ok)
            grade_append(c->message, sizeof c->message, p->text,
                         strlen(p->text), "");
        p->text[0] = '\0';
        /* cmocka's "# " comments only when the test said nothing itself. */
        p->after_failure = not_ok && c->message[0] == '\0';
    } else if (grade_plan(line, len, out)) {
        /* the plan: recorded */
    } else if (grade_starts(line, len, "# ")) {
        grade_comment(out, p, line, len);
    } else {
        grade_note(p, line, len);
    }
    return REG_OK;
}

enum reg_status grade_parse(const char *text, size_t len,
                            struct grade_result *out)
{
    struct grade_pending p = {"", false};
    size_t start = 0;
    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - start;
        if (n > 0 && text[start + n - 1] == '\r')
            n--;
        enum reg_status st = grade_line(out, &p, text + start, n);
        if (st != REG_OK)
            return st;
        start = end + 1;
    }
    if (!out->planned)
        out->total = (unsigned)out->ncases;
    return REG_OK;
}

/* --- classification ------------------------------------------------------ */

/* Where the output shows the markers the classification looks for (the
 * first of each), found in one pass over up to GRADE_OUTPUT_MAX bytes. */
struct grade_marks {
    const char *ubsan;  /* "file:line: runtime error: ..." */
    const char *asan;   /* "ERROR: AddressSanitizer: ..." (and LSan's) */
    const char *caught; /* cmocka's "Test failed with exception: ..." */
};

static void grade_scan(const char *text, size_t len, struct grade_marks *m)
{
    static const char *const words[] = {"runtime error:", "Sanitizer:",
                                        "Test failed with exception"};
    const char **found[] = {&m->ubsan, &m->asan, &m->caught};
    size_t missing = 3;
    m->ubsan = m->asan = m->caught = NULL;
    for (size_t i = 0; i < len && missing > 0; i++)
        for (size_t w = 0; w < 3; w++) {
            size_t n = strlen(words[w]);
            if (*found[w] == NULL && text[i] == words[w][0] &&
                len - i >= n && memcmp(text + i, words[w], n) == 0) {
                *found[w] = text + i;
                missing--;
            }
        }
}

/* The sanitizer's report: UBSan's line first, else ASan's or LSan's. */
static const char *grade_sanitizer_report(const struct grade_marks *m)
{
    return m->ubsan != NULL ? m->ubsan : m->asan;
}

/* The line of text that contains at. */
static void grade_copy_line(char *dst, size_t cap, const char *text,
                            const char *at, size_t len)
{
    const char *start = at;
    while (start > text && start[-1] != '\n')
        start--;
    const char *end = memchr(at, '\n', len - (size_t)(at - text));
    size_t n = end ? (size_t)(end - start) : len - (size_t)(start - text);
    dst[0] = '\0';
    grade_append(dst, cap, start, n, "");
}

/* Which test was running: the one after the last result line. */
static void grade_where(const struct grade_result *out, char *buf,
                        size_t cap)
{
    if (out->planned)
        snprintf(buf, cap, "in test %zu of %u", out->ncases + 1, out->total);
    else
        snprintf(buf, cap, "in test %zu", out->ncases + 1);
}

static void grade_first_failure(struct grade_result *out)
{
    for (size_t i = 0; i < out->ncases; i++) {
        const struct grade_case *c = &out->cases[i];
        if (c->ok)
            continue;
        const char *why = c->message[0] ? c->message : "failed";
        out->first_failure[0] = '\0';
        grade_append(out->first_failure, sizeof out->first_failure, c->name,
                     strlen(c->name), "");
        grade_append(out->first_failure, sizeof out->first_failure, why,
                     strlen(why), ": ");
        return;
    }
}

static enum grade_status grade_status_of(const struct grade_marks *m,
                                         bool timed_out,
                                         const struct grade_result *out)
{
    if (timed_out)
        return GRADE_TIMEOUT;
    if (out->exit_status == GRADE_SANITIZER_EXIT ||
        grade_sanitizer_report(m) != NULL)
        return GRADE_SANITIZER;
    /* A negative exit status without a signal: how it ended is unknown. */
    if (out->signal != 0 || out->exit_status < 0 || m->caught != NULL ||
        !out->planned || out->ncases < out->total)
        return GRADE_CRASH;
    if (out->exit_status == 0 && out->total > 0 && out->passed == out->total)
        return GRADE_PASS;
    return GRADE_FAIL;
}

/* The test whose messages mention cmocka's caught signal, or NULL. */
static const struct grade_case *grade_caught_case(const struct grade_result *r)
{
    for (size_t i = 0; i < r->ncases; i++)
        if (strstr(r->cases[i].message, "with exception") != NULL)
            return &r->cases[i];
    return NULL;
}

/* Why a run that did not end normally is not a pass. */
static void grade_explain_abnormal(const char *text, size_t len,
                                   const struct grade_marks *m,
                                   double timeout_s, const char *where,
                                   struct grade_result *out)
{
    char *msg = out->first_failure;
    size_t cap = sizeof out->first_failure;
    const char *report = grade_sanitizer_report(m);
    const char *caught = m->caught;
    if (out->status == GRADE_TIMEOUT) {
        snprintf(msg, cap, "still running after %g s %s, so it was "
                           "stopped: look for a loop that never ends",
                 timeout_s, where);
    } else if (out->status == GRADE_SANITIZER && report != NULL) {
        grade_copy_line(msg, cap, text, report, len);
        grade_append(msg, cap, where, strlen(where),
                     "\nthe sanitizer stopped the tests ");
    } else if (out->status == GRADE_SANITIZER) {
        snprintf(msg, cap, "a sanitizer stopped the tests %s", where);
    } else if (out->signal != 0) {
        snprintf(msg, cap, "crashed %s: %s (signal %d)", where,
                 strsignal(out->signal), out->signal);
    } else if (caught != NULL) {
        const char *end = memchr(caught, '\n', len - (size_t)(caught - text));
        msg[0] = '\0';
        grade_append(msg, cap, caught,
                     end ? (size_t)(end - caught)
                         : len - (size_t)(caught - text),
                     "");
        grade_append(msg, cap, where, strlen(where),
                     " (cmocka caught the signal) ");
    } else if (out->exit_status < 0) {
        snprintf(msg, cap, "the grader could not learn how the test program "
                           "ended (waitpid failed) %s",
                 where);
    } else {
        snprintf(msg, cap, "the test program ended early (exit status %d) "
                           "%s: does the code call exit()?",
                 out->exit_status, where);
    }
}

/* A test that failed before a crash is worth reading too: names the first
 * one (not the one cmocka caught a signal in) after the explanation. */
static void grade_add_earlier(struct grade_result *out)
{
    for (size_t i = 0; i < out->ncases; i++) {
        const struct grade_case *c = &out->cases[i];
        if (c->ok || strstr(c->message, "with exception") != NULL)
            continue;
        grade_append(out->first_failure, sizeof out->first_failure, c->name,
                     strlen(c->name), "\nan earlier test failed too: ");
        return;
    }
}

void grade_classify(const char *text, size_t len, bool timed_out,
                    double timeout_s, struct grade_result *out)
{
    char where[64];
    struct grade_marks m;
    grade_scan(text, len, &m);
    grade_where(out, where, sizeof where);
    out->status = grade_status_of(&m, timed_out, out);
    if (out->status == GRADE_PASS) {
        out->first_failure[0] = '\0';
        return;
    }
    if (out->status == GRADE_FAIL) {
        grade_first_failure(out);
        if (out->first_failure[0] == '\0')
            snprintf(out->first_failure, sizeof out->first_failure,
                     "exit status %d", out->exit_status);
        return;
    }
    const struct grade_case *caught = grade_caught_case(out);
    if (caught != NULL)
        snprintf(where, sizeof where, "in %.*s",
                 (int)utf8_fit(caught->name, strlen(caught->name), 50),
                 caught->name);
    grade_explain_abnormal(text, len, &m, timeout_s, where, out);
    utf8_trim(out->first_failure); /* snprintf may have cut it */
    grade_add_earlier(out);
}

/* --- running ------------------------------------------------------------- */

/* poll() does not wake on a blocked signal, so the reader sleeps at most
 * this long at a time before it looks for a stop signal (grade_collect). */
#define GRADE_SLICE_S 0.05

/* The signals that stop the grader (Ctrl-C, kill, a closed terminal).  The
 * test runs in its own process group, which they never reach: the grader
 * must stop the test itself before it goes. */
static const int grade_stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* One run of a test binary, as the parent sees it. */
struct grade_child {
    pid_t pid;
    int fd;          /* the read end of the output pipe */
    double deadline; /* on grade_clock() */
    sigset_t stop;   /* the stop signals held while the test runs */
    sigset_t old;    /* the caller's signal mask, restored afterwards */
    int wstatus;
    bool reaped;     /* wstatus is the child's (waitpid succeeded) */
    bool timed_out;
    int stop_sig;    /* the stop signal that arrived, or 0 */
};

static double grade_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct timespec grade_timespec(double s)
{
    struct timespec ts = {0, 0};
    if (s > 0) {
        ts.tv_sec = (time_t)s;
        ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
    }
    return ts;
}

/* Whether sig would end the process now: default action, not blocked.
 * (Those the caller ignores, handles or defers are left to the caller.) */
static bool grade_would_stop(int sig, const sigset_t *mask)
{
    struct sigaction sa;
    return sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL &&
           sigismember(mask, sig) == 0;
}

/* Blocks SIGCHLD and the stop signals that would end the process, so that
 * none is lost between two looks: sigtimedwait() takes them.  No handler,
 * so no global for one to write to. */
static void grade_hold_signals(struct grade_child *c)
{
    sigprocmask(SIG_SETMASK, NULL, &c->old);
    sigemptyset(&c->stop);
    size_t n = sizeof grade_stop_signals / sizeof grade_stop_signals[0];
    for (size_t i = 0; i < n; i++)
        if (grade_would_stop(grade_stop_signals[i], &c->old))
            sigaddset(&c->stop, grade_stop_signals[i]);
    sigset_t block = c->stop;
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, NULL);
}

/* A signal of set that is pending, or that arrives within wait_s seconds;
 * 0 when none does. */
static int grade_take_signal(const sigset_t *set, double wait_s)
{
    struct timespec ts = grade_timespec(wait_s);
    int sig = sigtimedwait(set, NULL, &ts);
    return sig > 0 ? sig : 0;
}

/* Ends the process by sig, as it would have ended had the signal not been
 * held: default action, the caller's mask back, sig unblocked. */
static void grade_reraise(int sig, const sigset_t *old)
{
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    signal(sig, SIG_DFL);
    raise(sig); /* pending: still blocked */
    sigprocmask(SIG_SETMASK, old, NULL);
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    _exit(128 + sig); /* not reached: the signal ends the process */
}

/* Adds key=value to an options variable such as ASAN_OPTIONS, after what
 * the user set: later options win, so ours is always last. */
static void grade_add_option(const char *var, const char *opt)
{
    const char *old = getenv(var);
    size_t n = old != NULL ? strlen(old) + 1 + strlen(opt) + 1 : 0;
    char *buf = n > 0 && old[0] != '\0' ? malloc(n) : NULL;
    if (buf == NULL) {
        setenv(var, opt, 1); /* nothing to keep, or no memory to keep it */
        return;
    }
    snprintf(buf, n, "%s:%s", old, opt);
    setenv(var, buf, 1);
    free(buf);
}

/* In the child: the caller's signal mask, the pipe and the environment,
 * then exec. */
static void grade_exec(const char *path, int out_fd, const sigset_t *mask)
{
    setpgid(0, 0);
    sigprocmask(SIG_SETMASK, mask, NULL);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
        dup2(null_fd, STDIN_FILENO);
        close(null_fd);
    }
    dup2(out_fd, STDOUT_FILENO);
    dup2(out_fd, STDERR_FILENO);
    close(out_fd);
    setenv("CMOCKA_MESSAGE_OUTPUT", "TAP", 1);
    unsetenv("CMOCKA_XML_FILE");
    grade_add_option("ASAN_OPTIONS", "exitcode=86");
    grade_add_option("UBSAN_OPTIONS", "exitcode=86:print_stacktrace=1");
    grade_add_option("LSAN_OPTIONS", "exitcode=86");
    char *const argv[] = {(char *)path, NULL};
    execv(path, argv);
    dprintf(STDERR_FILENO, "grade: cannot run %s: %s\n", path,
            strerror(errno));
    _exit(127);
}

struct grade_output {
    char *text;
    size_t len, cap;
};

/* Reads what is available; returns false at end of file. */
static bool grade_read(int fd, struct grade_output *o)
{
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN;
    if (n == 0)
        return false;
    size_t keep = (size_t)n;
    if (o->len + keep > GRADE_OUTPUT_MAX)
        keep = GRADE_OUTPUT_MAX - o->len;
    if (o->len + keep + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 8192;
        while (cap < o->len + keep + 1)
            cap *= 2;
        char *p = realloc(o->text, cap);
        if (p == NULL)
            return true; /* keep draining; what we have is enough */
        o->text = p;
        o->cap = cap;
    }
    memcpy(o->text + o->len, chunk, keep);
    o->len += keep;
    o->text[o->len] = '\0';
    return true;
}

/* Reads until end of file, the deadline or a stop signal. */
static void grade_collect(struct grade_child *c, struct grade_output *o)
{
    for (;;) {
        double left = c->deadline - grade_clock();
        if (left <= 0) {
            c->timed_out = true;
            return;
        }
        c->stop_sig = grade_take_signal(&c->stop, 0);
        if (c->stop_sig != 0)
            return;
        struct pollfd p = {c->fd, POLLIN, 0};
        double nap = left < GRADE_SLICE_S ? left : GRADE_SLICE_S;
        int r = poll(&p, 1, (int)(nap * 1000) + 1);
        if (r < 0 && errno != EINTR)
            return;
        if (r > 0 && !grade_read(c->fd, o))
            return;
    }
}

/* Waits for the child to end (SIGCHLD), the deadline or a stop signal;
 * looks again at least every GRADE_SLICE_S, in case SIGCHLD never comes
 * (it does not when the caller ignores it).  When waitpid fails, reaped
 * stays false: the run counts as a crash. */
static void grade_wait(struct grade_child *c)
{
    sigset_t wake = c->stop;
    sigaddset(&wake, SIGCHLD);
    for (;;) {
        pid_t r = waitpid(c->pid, &c->wstatus, WNOHANG);
        if (r == c->pid) {
            c->reaped = true;
            return;
        }
        if (r < 0 && errno != EINTR)
            return;
        double left = c->deadline - grade_clock();
        if (left <= 0) {
            c->timed_out = true;
            return;
        }
        double nap = left < GRADE_SLICE_S ? left : GRADE_SLICE_S;
        int sig = grade_take_signal(&wake, nap);
        if (sig != 0 && sig != SIGCHLD) {
            c->stop_sig = sig;
            return;
        }
    }
}

/* Kills the child's process group (the child included) and reaps the
 * child. */
static void grade_kill(struct grade_child *c)
{
    kill(-c->pid, SIGKILL);
    kill(c->pid, SIGKILL);
    while (waitpid(c->pid, &c->wstatus, 0) < 0 && errno == EINTR)
        ;
}

/* Runs the child with the stop signals held (grade_hold_signals). */
static enum reg_status grade_spawn(const char *path, double timeout_s,
                                   struct grade_output *o,
                                   struct grade_child *c,
                                   struct reg_error *err)
{
    int fds[2];
    if (pipe(fds) != 0)
        return reg_error_set(err, REG_ESYS, "pipe: %s", strerror(errno));
    fflush(NULL);
    c->pid = fork();
    if (c->pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        return reg_error_set(err, REG_ESYS, "fork: %s", strerror(e));
    }
    if (c->pid == 0) {
        close(fds[0]);
        grade_exec(path, fds[1], &c->old);
    }
    setpgid(c->pid, c->pid); /* also done by the child: whichever runs first */
    close(fds[1]);
    c->fd = fds[0];
    c->deadline = grade_clock() + timeout_s;
    grade_collect(c, o);
    if (!c->timed_out && c->stop_sig == 0)
        grade_wait(c);
    if (c->timed_out || c->stop_sig != 0)
        grade_kill(c);
    close(fds[0]);
    return REG_OK;
}

static void grade_exit_of(const struct grade_child *c,
                          struct grade_result *out)
{
    out->exit_status = -1;
    if (c->timed_out || !c->reaped)
        return;
    if (WIFEXITED(c->wstatus))
        out->exit_status = WEXITSTATUS(c->wstatus);
    else if (WIFSIGNALED(c->wstatus))
        out->signal = WTERMSIG(c->wstatus);
}

enum reg_status grade_run(const char *path, double timeout_s,
                          struct grade_result *out, struct reg_error *err)
{
    grade_result_init(out);
    if (!(timeout_s > 0))
        return reg_error_set(err, REG_EINVAL,
                             "the timeout must be a positive number of "
                             "seconds");
    if (access(path, X_OK) != 0) {
        out->status = GRADE_NOBUILD;
        snprintf(out->first_failure, sizeof out->first_failure,
                 "the tests were not built (%s: %s): fix the compiler "
                 "errors above",
                 path, strerror(errno));
        utf8_trim(out->first_failure);
        return REG_OK;
    }
    struct grade_output o = {NULL, 0, 0};
    struct grade_child c = {.pid = -1, .fd = -1};
    double start = grade_clock();
    grade_hold_signals(&c);
    enum reg_status st = grade_spawn(path, timeout_s, &o, &c, err);
    out->seconds = grade_clock() - start;
    if (c.stop_sig != 0) {
        free(o.text);
        grade_reraise(c.stop_sig, &c.old);
    }
    sigprocmask(SIG_SETMASK, &c.old, NULL);
    if (st == REG_OK) {
        grade_exit_of(&c, out);
        st = grade_parse(o.text ? o.text : "", o.len, out);
    }
    if (st == REG_OK)
        grade_classify(o.text ? o.text : "", o.len, c.timed_out, timeout_s,
                       out);
    else if (st == REG_ENOMEM)
        reg_error_set(err, st, "out of memory");
    free(o.text);
    return st;
}
