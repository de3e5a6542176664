/* The grader's engine: run a test binary with a timeout, parse its TAP. */
#include "grade.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
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
 * separator when dst is not empty; silently truncates. */
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
    if (len > cap - 1 - used)
        len = cap - 1 - used;
    memcpy(dst + used, src, len);
    dst[used + len] = '\0';
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

static enum reg_status grade_push_case(struct grade_result *out, bool ok,
                                       const char *line, size_t len)
{
    struct grade_case *cases =
        realloc(out->cases, (out->ncases + 1) * sizeof *cases);
    if (cases == NULL)
        return REG_ENOMEM;
    out->cases = cases;
    struct grade_case *c = &cases[out->ncases++];
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
    } else if (grade_starts(line, len, "1..")) {
        out->total = (unsigned)strtoul(line + 3, NULL, 10);
        out->planned = true;
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

static const char *grade_find(const char *text, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(text + i, word, n) == 0)
            return text + i;
    return NULL;
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

static const char *grade_sanitizer_report(const char *text, size_t len)
{
    /* UBSan's "file:line: runtime error: ..."; ASan's and LSan's
     * "ERROR: AddressSanitizer: ..." */
    const char *at = grade_find(text, len, "runtime error:");
    return at != NULL ? at : grade_find(text, len, "Sanitizer:");
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

static enum grade_status grade_status_of(const char *text, size_t len,
                                         bool timed_out,
                                         const struct grade_result *out)
{
    if (timed_out)
        return GRADE_TIMEOUT;
    if (out->exit_status == GRADE_SANITIZER_EXIT ||
        grade_sanitizer_report(text, len) != NULL)
        return GRADE_SANITIZER;
    if (out->signal != 0 ||
        grade_find(text, len, "Test failed with exception") != NULL ||
        !out->planned || out->ncases < out->total)
        return GRADE_CRASH;
    if (out->exit_status == 0 && out->total > 0 && out->passed == out->total)
        return GRADE_PASS;
    return GRADE_FAIL;
}

/* Why a run that did not end normally is not a pass. */
/* The test whose messages mention cmocka's caught signal, or NULL. */
static const struct grade_case *grade_caught_case(const struct grade_result *r)
{
    for (size_t i = 0; i < r->ncases; i++)
        if (strstr(r->cases[i].message, "with exception") != NULL)
            return &r->cases[i];
    return NULL;
}

static void grade_explain_abnormal(const char *text, size_t len,
                                   double timeout_s, const char *where,
                                   struct grade_result *out)
{
    char *msg = out->first_failure;
    size_t cap = sizeof out->first_failure;
    const char *report = grade_sanitizer_report(text, len);
    const char *caught = grade_find(text, len, "Test failed with exception");
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
    grade_where(out, where, sizeof where);
    out->status = grade_status_of(text, len, timed_out, out);
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
        snprintf(where, sizeof where, "in %.50s", caught->name);
    grade_explain_abnormal(text, len, timeout_s, where, out);
    grade_add_earlier(out);
}

/* --- running ------------------------------------------------------------- */

static double grade_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Adds key=value to an options variable such as ASAN_OPTIONS, after what
 * the user set (later options win). */
static void grade_add_option(const char *var, const char *opt)
{
    const char *old = getenv(var);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s%s%s", old ? old : "", old && *old ? ":" : "",
             opt);
    setenv(var, buf, 1);
}

/* In the child: wire the pipe and the environment, then exec. */
static void grade_exec(const char *path, int out_fd)
{
    setpgid(0, 0);
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

/* Reads until end of file or the deadline.  Returns true on timeout. */
static bool grade_collect(int fd, double deadline, struct grade_output *o)
{
    for (;;) {
        double left = deadline - grade_clock();
        if (left <= 0)
            return true;
        struct pollfd p = {fd, POLLIN, 0};
        int ms = left > 1.0 ? 1000 : (int)(left * 1000) + 1;
        int r = poll(&p, 1, ms);
        if (r < 0 && errno != EINTR)
            return false;
        if (r > 0 && !grade_read(fd, o))
            return false;
    }
}

/* Waits for the child until the deadline; returns true on timeout. */
static bool grade_wait(pid_t pid, double deadline, int *wstatus)
{
    for (;;) {
        pid_t r = waitpid(pid, wstatus, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return false;
        if (grade_clock() >= deadline)
            return true;
        struct timespec nap = {0, 5 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
}

static void grade_kill(pid_t pid, int *wstatus)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
        ;
}

static enum reg_status grade_spawn(const char *path, double timeout_s,
                                   struct grade_output *o, int *wstatus,
                                   bool *timed_out, struct reg_error *err)
{
    int fds[2];
    if (pipe(fds) != 0)
        return reg_error_set(err, REG_ESTORE, "pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return reg_error_set(err, REG_ESTORE, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        close(fds[0]);
        grade_exec(path, fds[1]);
    }
    setpgid(pid, pid); /* also done by the child: whichever runs first */
    close(fds[1]);
    double deadline = grade_clock() + timeout_s;
    *timed_out = grade_collect(fds[0], deadline, o);
    if (!*timed_out)
        *timed_out = grade_wait(pid, deadline, wstatus);
    if (*timed_out)
        grade_kill(pid, wstatus);
    close(fds[0]);
    return REG_OK;
}

static void grade_exit_of(int wstatus, bool timed_out,
                          struct grade_result *out)
{
    out->exit_status = -1;
    if (timed_out)
        return;
    if (WIFEXITED(wstatus))
        out->exit_status = WEXITSTATUS(wstatus);
    else if (WIFSIGNALED(wstatus))
        out->signal = WTERMSIG(wstatus);
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
        return REG_OK;
    }
    struct grade_output o = {NULL, 0, 0};
    int wstatus = 0;
    bool timed_out = false;
    double start = grade_clock();
    enum reg_status st = grade_spawn(path, timeout_s, &o, &wstatus,
                                     &timed_out, err);
    out->seconds = grade_clock() - start;
    if (st == REG_OK) {
        grade_exit_of(wstatus, timed_out, out);
        st = grade_parse(o.text ? o.text : "", o.len, out);
    }
    if (st == REG_OK)
        grade_classify(o.text ? o.text : "", o.len, timed_out, timeout_s, out);
    else if (st == REG_ENOMEM)
        reg_error_set(err, st, "out of memory");
    free(o.text);
    return st;
}
