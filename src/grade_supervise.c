/* The grader's second job, supervising the test's processes (grade.h):
 * the process tree, its pipes, deadlines, signals and the sweep of what
 * it leaves.  What the bytes it reads mean is src/grade_results.c's.
 *
 * Processes, in sandbox mode:
 *
 *   grader ── C (setsid; enters the namespaces; waits) ── I (PID 1) ── T
 *
 * T is the test binary.  I reaps everything, and when T ends it writes T's
 * wait status on the status pipe and exits, which kills whatever T left in
 * the namespace.  C and I die with their parent (PR_SET_PDEATHSIG), so a
 * killed grader leaves nothing behind.  In fallback mode C is T. */
#define _GNU_SOURCE /* pipe2, prctl's subreaper, memmem */
#include "grade.h"
#include "grade_box.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* poll() does not wake on a blocked signal, so the reader sleeps at most
 * this long at a time before it looks for a stop signal. */
#define GRADE_SLICE_S 0.05
/* After the test ends, how long what it left may keep its pipes open. */
#define GRADE_GRACE_S 0.3
/* The channel is small; past this a flood of it is dropped. */
#define GRADE_CHAN_MAX (1u << 20)
#define GRADE_LOG_MAX (64u << 10)

/* The signals that stop the grader (Ctrl-C, kill, a closed terminal). */
static const int grade_stop_signals[] = {SIGINT, SIGTERM, SIGHUP};

struct grade_buf {
    char *text;
    size_t len, cap, max, seen; /* seen: bytes read, kept or not */
    bool eof;
    bool nomem; /* bytes below max were dropped: memory ran out */
};

/* One run, as the grader sees it. */
struct grade_child {
    pid_t pid;            /* C */
    int out, chan, stat;  /* read ends; -1 once at end of file */
    struct grade_buf o, c, s;
    size_t chan_done;     /* channel bytes already read as records */
    double start, deadline, limit_deadline, ended_at;
    struct grade_limit_state limit;
    sigset_t stop, old;
    int wstatus;          /* T's, once known */
    bool reaped, have_status, timed_out, limited;
    bool stopped;         /* T stopped (SIGSTOP, traced) and was killed */
    uid_t uid;            /* T's (grade_box_run_uid) */
    int stop_sig;
    enum grade_mode mode;
    char **envp;          /* T's environment, built before the fork */
    char token[40];
    char workdir[PATH_MAX];
};

static double grade_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- signals (as before: no handler, so no global) -------------------------- */

static bool grade_would_stop(int sig, const sigset_t *mask)
{
    struct sigaction sa;
    return sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL &&
           sigismember(mask, sig) == 0;
}

static void grade_hold_signals(struct grade_child *c)
{
    sigprocmask(SIG_SETMASK, NULL, &c->old);
    sigemptyset(&c->stop);
    for (size_t i = 0; i < sizeof grade_stop_signals / sizeof(int); i++)
        if (grade_would_stop(grade_stop_signals[i], &c->old))
            sigaddset(&c->stop, grade_stop_signals[i]);
    sigset_t block = c->stop;
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, NULL);
}

static int grade_take_signal(const sigset_t *set)
{
    struct timespec zero = {0, 0};
    int sig = sigtimedwait(set, NULL, &zero);
    return sig > 0 ? sig : 0;
}

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

/* --- the child side ------------------------------------------------------------ */

/* The test's descriptors after grade_keep_only(): its output, the
 * channel, and the status pipe (close-on-exec, not the test's). */
enum { GRADE_FD_OUT = 3, GRADE_FD_CHAN = 4, GRADE_FD_STAT = 5 };

/* The variables the grader sets (or, with a NULL value, removes). */
enum {
    GRADE_ENV_FD, GRADE_ENV_TOKEN, GRADE_ENV_CMOCKA, GRADE_ENV_XML,
    GRADE_ENV_LIST, GRADE_ENV_TMPDIR, GRADE_ENV_UBSAN, GRADE_ENV_LSAN,
    GRADE_ENV_ASAN, GRADE_ENV_COUNT
};

static const char *const grade_env_names[GRADE_ENV_COUNT] = {
    [GRADE_ENV_FD] = "STAGEKIT_RESULT_FD",
    [GRADE_ENV_TOKEN] = "STAGEKIT_RESULT_TOKEN",
    [GRADE_ENV_CMOCKA] = "CMOCKA_MESSAGE_OUTPUT",
    [GRADE_ENV_XML] = "CMOCKA_XML_FILE",
    [GRADE_ENV_LIST] = "STAGEKIT_LIST_CASES",
    [GRADE_ENV_TMPDIR] = "TMPDIR",
    [GRADE_ENV_UBSAN] = "UBSAN_OPTIONS",
    [GRADE_ENV_LSAN] = "LSAN_OPTIONS",
    [GRADE_ENV_ASAN] = "ASAN_OPTIONS",
};

/* The test's environment, made in the parent before fork, so that the
 * child only calls execve (no malloc or setenv between fork and exec).
 * envp borrows the caller's environ entries and owns those in own[]. */
struct grade_env {
    char **envp;
    char *own[GRADE_ENV_COUNT];
};

/* "name=value", with what the user set first when append: for the
 * sanitizers' options later ones win, so ours are always last.  NULL
 * when memory runs out. */
static char *grade_env_var(const char *name, const char *value, bool append)
{
    const char *old = append ? getenv(name) : NULL;
    bool keep = old != NULL && old[0] != '\0';
    size_t n = strlen(name) + 1 + (keep ? strlen(old) + 1 : 0) +
               strlen(value) + 1;
    char *kv = malloc(n);
    if (kv != NULL)
        snprintf(kv, n, "%s=%s%s%s", name, keep ? old : "", keep ? ":" : "",
                 value);
    return kv;
}

static bool grade_env_ours(const char *kv)
{
    for (size_t i = 0; i < GRADE_ENV_COUNT; i++) {
        size_t n = strlen(grade_env_names[i]);
        if (strncmp(kv, grade_env_names[i], n) == 0 && kv[n] == '=')
            return true;
    }
    return false;
}

static void grade_env_free(struct grade_env *e)
{
    free(e->envp);
    for (size_t i = 0; i < GRADE_ENV_COUNT; i++)
        free(e->own[i]);
    memset(e, 0, sizeof *e);
}

/* own[] into envp, after every entry of environ the grader does not set. */
static enum kit_status grade_env_join(struct grade_env *e,
                                      struct kit_error *err)
{
    extern char **environ;
    size_t n = 0, k = 0;
    while (environ[n] != NULL)
        n++;
    e->envp = malloc((n + GRADE_ENV_COUNT + 1) * sizeof *e->envp);
    if (e->envp == NULL)
        return kit_error_set(err, KIT_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (!grade_env_ours(environ[i]))
            e->envp[k++] = environ[i];
    for (size_t i = 0; i < GRADE_ENV_COUNT; i++)
        if (e->own[i] != NULL)
            e->envp[k++] = e->own[i];
    e->envp[k] = NULL;
    return KIT_OK;
}

/* The environment of the test: the channel, cmocka's TAP, and sanitizers
 * that exit with GRADE_SANITIZER_EXIT, log to the work directory and keep
 * their own SEGV handler (so a stack overflow is named as one).
 * KIT_ENOMEM; on error *e holds nothing. */
static enum kit_status grade_env_make(struct grade_env *e,
                                      const struct grade_child *c,
                                      const struct grade_limits *l,
                                      bool sanitized, struct kit_error *err)
{
    bool box = c->mode == GRADE_MODE_SANDBOX;
    const char *dir = box ? GRADE_BOX_DIR : c->workdir;
    char fd[16], tmp[PATH_MAX + 8], opts[PATH_MAX + 128], ubsan[PATH_MAX + 160];
    snprintf(fd, sizeof fd, "%d", GRADE_FD_CHAN);
    snprintf(tmp, sizeof tmp, "%s%s", box ? "/tmp" : dir, box ? "" : "/tmp");
    snprintf(opts, sizeof opts, "exitcode=%d:log_path=%s/%ssanitizer:"
                                "allow_user_segv_handler=0",
             GRADE_SANITIZER_EXIT, dir, box ? "" : "log/");
    snprintf(ubsan, sizeof ubsan, "%s:print_stacktrace=1", opts);
    memset(e, 0, sizeof *e);
    e->own[GRADE_ENV_FD] = grade_env_var("STAGEKIT_RESULT_FD", fd, false);
    e->own[GRADE_ENV_TOKEN] = grade_env_var("STAGEKIT_RESULT_TOKEN",
                                            c->token, false);
    e->own[GRADE_ENV_CMOCKA] = grade_env_var("CMOCKA_MESSAGE_OUTPUT", "TAP",
                                             false);
    e->own[GRADE_ENV_TMPDIR] = grade_env_var("TMPDIR", tmp, false);
    e->own[GRADE_ENV_UBSAN] = grade_env_var("UBSAN_OPTIONS", ubsan, true);
    e->own[GRADE_ENV_LSAN] = grade_env_var("LSAN_OPTIONS", opts, true);
    if (sanitized)
        snprintf(opts + strlen(opts), sizeof opts - strlen(opts),
                 ":hard_rss_limit_mb=%u", l->memory_mb);
    e->own[GRADE_ENV_ASAN] = grade_env_var("ASAN_OPTIONS", opts, true);
    for (size_t i = 0; i < GRADE_ENV_COUNT; i++)
        if (e->own[i] == NULL && i != GRADE_ENV_XML && i != GRADE_ENV_LIST) {
            grade_env_free(e);
            return kit_error_set(err, KIT_ENOMEM, "out of memory");
        }
    enum kit_status st = grade_env_join(e, err);
    if (st != KIT_OK)
        grade_env_free(e);
    return st;
}

/* Says why the set-up failed on the status pipe ("E why") and exits. */
static void grade_child_fail(int stat_fd, const char *why)
{
    dprintf(stat_fd, "E %s\n", why);
    _exit(127);
}

/* T: the pipes as stdout, stderr and the channel, the limits, exec. */
static void grade_exec_test(const char *path, const struct grade_child *c,
                            int out_fd, int chan_fd, int stat_fd,
                            const struct grade_limits *l, bool sanitized)
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
    (void)chan_fd; /* already where c->envp says it is */
    char why[256];
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s/tmp", c->workdir);
    if (c->mode == GRADE_MODE_FALLBACK && chdir(tmp) != 0)
        grade_child_fail(stat_fd, "cannot enter the work directory");
    bool shared = c->mode == GRADE_MODE_FALLBACK && geteuid() != 0;
    if (grade_box_limits(l, sanitized, shared, why, sizeof why) != 0)
        grade_child_fail(stat_fd, why);
    char *const argv[] = {(char *)path, NULL};
    execve(path, argv, c->envp);
    snprintf(why, sizeof why, "cannot run %s: %s", path, strerror(errno));
    grade_child_fail(stat_fd, why);
}

/* C in sandbox mode: the namespaces, then I, which starts T and waits. */
static void grade_sandbox_child(const char *path, const struct grade_child *c,
                                int out_fd, int chan_fd, int stat_fd,
                                const struct grade_limits *l, bool sanitized)
{
    char why[256];
    if (grade_box_enter(c->workdir, why, sizeof why) != 0)
        grade_child_fail(stat_fd, why);
    pid_t init = fork();
    if (init < 0)
        grade_child_fail(stat_fd, "fork in the sandbox failed");
    if (init > 0) {
        close(out_fd);
        close(chan_fd);
        int st;
        while (waitpid(init, &st, 0) < 0 && errno == EINTR)
            ;
        _exit(0);
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    grade_box_init();
    pid_t test = fork();
    if (test < 0)
        grade_child_fail(stat_fd, "fork in the sandbox failed");
    if (test == 0)
        grade_exec_test(path, c, out_fd, chan_fd, stat_fd, l, sanitized);
    close(out_fd);
    close(chan_fd);
    bool stopped;
    int st = grade_box_wait(test, &stopped);
    dprintf(stat_fd, "W %d %d\n", st, stopped);
    _exit(0);
}

/* Only the three pipe ends stay open, as GRADE_FD_OUT, _CHAN and _STAT:
 * whatever else the grader inherited (from an IDE, a CI runner, a shell)
 * must not reach the test. */
static void grade_keep_only(int fds[3])
{
    int high[3];
    for (int i = 0; i < 3; i++)
        if ((high[i] = fcntl(fds[i], F_DUPFD, 100)) < 0)
            _exit(127); /* no descriptor to spare: the grader sees a crash */
    for (int i = 0; i < 3; i++) {
        dup2(high[i], GRADE_FD_OUT + i);
        fds[i] = GRADE_FD_OUT + i;
    }
    if (close_range(GRADE_FD_STAT + 1, ~0u, 0) != 0) { /* seccomp? */
        long max = sysconf(_SC_OPEN_MAX);
        for (long fd = GRADE_FD_STAT + 1; fd < (max > 0 ? max : 1024); fd++)
            close((int)fd);
    }
    fcntl(GRADE_FD_STAT, F_SETFD, FD_CLOEXEC); /* not the test's */
}

static void grade_child(const char *path, const struct grade_child *c,
                        int fds[3], const struct grade_limits *l,
                        bool sanitized, pid_t grader)
{
    setsid();
    grade_keep_only(fds);
    char why[256];
    if (grade_box_drop_root(c->uid, why, sizeof why) != 0)
        grade_child_fail(fds[2], why);
    /* After the drop: a change of credentials clears the death signal. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != grader)
        _exit(127); /* the grader is already gone */
    sigprocmask(SIG_SETMASK, &c->old, NULL);
    if (c->mode == GRADE_MODE_SANDBOX)
        grade_sandbox_child(path, c, fds[0], fds[1], fds[2], l, sanitized);
    grade_exec_test(path, c, fds[0], fds[1], fds[2], l, sanitized);
}

/* --- the grader's side ------------------------------------------------------------ */

static void grade_keep(struct grade_buf *b, const char *chunk, size_t n)
{
    b->seen += n;
    if (b->len + n > b->max)
        n = b->len < b->max ? b->max - b->len : 0;
    if (n == 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 8192;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->text, cap);
        if (p == NULL) { /* keep draining, but the grade is void */
            b->nomem = true;
            return;
        }
        b->text = p;
        b->cap = cap;
    }
    memcpy(b->text + b->len, chunk, n);
    b->len += n;
    b->text[b->len] = '\0';
}

/* Reads what is there; at end of file closes *fd and sets it to -1. */
static void grade_drain(int *fd, struct grade_buf *b)
{
    char chunk[65536];
    ssize_t n = read(*fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        close(*fd);
        *fd = -1;
        b->eof = true;
        return;
    }
    grade_keep(b, chunk, (size_t)n);
}

/* The channel's complete new lines, read as records; a lesson_limit()
 * sets the case's deadline, and the case's end clears it. */
static void grade_take_records(struct grade_child *c, struct grade_result *out)
{
    if (c->c.text == NULL)
        return; /* the channel stayed empty */
    const char *text = c->c.text + c->chan_done;
    const char *last = memrchr(text, '\n', c->c.len - c->chan_done);
    if (last == NULL)
        return;
    size_t n = (size_t)(last - text) + 1;
    grade_read_channel(text, n, c->token, grade_clock(), out, &c->limit);
    c->chan_done += n;
    c->limit_deadline = c->limit.deadline;
}

/* T's wait status from the status pipe ("W n"), or the set-up's failure
 * ("E why", into why). */
static void grade_read_status(struct grade_child *c, char *why, size_t cap)
{
    const char *t = c->s.text;
    if (t == NULL)
        return;
    int st, stopped;
    if (t[0] == 'W' && strchr(t, '\n') != NULL &&
        sscanf(t + 2, "%d %d", &st, &stopped) == 2) {
        c->wstatus = st;
        c->have_status = st >= 0;
        c->stopped = stopped != 0;
    } else if (t[0] == 'E') {
        snprintf(why, cap, "%.*s", (int)strcspn(t + 2, "\n"), t + 2);
    }
}

static void grade_reap(struct grade_child *c)
{
    int st;
    pid_t r = waitpid(c->pid, &st, WNOHANG | __WALL | WUNTRACED);
    if (r != c->pid)
        return;
    if (WIFSTOPPED(st)) { /* traced or stopped: it ends here */
        c->stopped = true;
        kill(c->pid, SIGKILL);
        return;
    }
    c->reaped = true;
    c->ended_at = grade_clock();
    if (c->mode == GRADE_MODE_FALLBACK) {
        c->wstatus = st;
        c->have_status = true;
    }
}

/* Whether the run is over: everything read and C reaped, or a deadline. */
static bool grade_over(struct grade_child *c, double now)
{
    if (now >= c->deadline) {
        c->timed_out = true;
        return true;
    }
    if (c->limit_deadline > 0 && now >= c->limit_deadline) {
        c->limited = true;
        return true;
    }
    if (!c->reaped)
        return false;
    return (c->out < 0 && c->chan < 0 && c->stat < 0) ||
           now - c->ended_at >= GRADE_GRACE_S;
}

static void grade_loop(struct grade_child *c, struct grade_result *out)
{
    for (;;) {
        c->stop_sig = grade_take_signal(&c->stop);
        if (c->stop_sig != 0)
            return;
        grade_reap(c);
        double now = grade_clock();
        if (grade_over(c, now))
            return;
        struct pollfd p[3] = {{c->chan, POLLIN, 0}, {c->out, POLLIN, 0},
                              {c->stat, POLLIN, 0}};
        double nap = c->deadline - now;
        if (nap > GRADE_SLICE_S)
            nap = GRADE_SLICE_S;
        if (poll(p, 3, (int)(nap * 1000) + 1) <= 0)
            continue;
        /* The channel first: a result written before stdout closed is
         * read before the close is seen. */
        if (p[0].revents)
            grade_drain(&c->chan, &c->c), grade_take_records(c, out);
        if (p[1].revents)
            grade_drain(&c->out, &c->o);
        if (p[2].revents)
            grade_drain(&c->stat, &c->s);
    }
}

/* Kills every child of this process, and what they leave, until none is
 * left or two seconds have passed (fallback mode: the grader is their
 * subreaper). */
static void grade_sweep(void)
{
    /* A fork loop could outrun the scan forever: two seconds at most. */
    double until = grade_clock() + 2;
    while (grade_clock() < until) {
        DIR *d = opendir("/proc");
        pid_t self = getpid();
        for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
            char path[300], buf[512];
            snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
            int fd = e->d_name[0] >= '1' && e->d_name[0] <= '9'
                         ? open(path, O_RDONLY | O_CLOEXEC)
                         : -1;
            ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
            if (fd >= 0)
                close(fd);
            const char *rp = n > 0 ? (buf[n] = '\0', strrchr(buf, ')')) : NULL;
            long ppid = 0;
            if (rp != NULL && sscanf(rp, ") %*c %ld", &ppid) == 1 &&
                ppid == (long)self)
                kill((pid_t)atol(e->d_name), SIGKILL);
        }
        if (d != NULL)
            closedir(d);
        int st;
        pid_t r;
        while ((r = waitpid(-1, &st, WNOHANG | __WALL)) > 0)
            ;
        if (r < 0 && errno == ECHILD)
            return;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
}

static void grade_kill(struct grade_child *c)
{
    kill(-c->pid, SIGKILL);
    kill(c->pid, SIGKILL);
    if (!c->reaped) {
        int st;
        while (waitpid(c->pid, &st, __WALL) < 0 && errno == EINTR)
            ;
        c->reaped = true;
    }
    if (c->mode == GRADE_MODE_FALLBACK)
        grade_sweep();
}

/* --- the work directory ------------------------------------------------------------ */

/* A directory or (dir false) an empty file owned by the run's uid. */
static int grade_owned(const char *path, bool dir, uid_t uid)
{
    int rc = dir ? mkdir(path, 0700)
                 : close(open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                              0600));
    if (rc != 0 || (geteuid() == 0 && chown(path, uid, (gid_t)uid) != 0))
        return -1;
    return 0;
}

/* The run's directory, the grader's: in the sandbox it appears read-only
 * at GRADE_BOX_DIR but for the sanitizer's log of PID 2 (the test itself:
 * its init is PID 1), bound alone, so the test cannot fill the disk; its
 * scratch space is the sandbox's private /tmp.  In fallback mode the test
 * gets tmp/ (its TMPDIR and working directory) and log/. */
static enum kit_status grade_workdir(struct grade_child *c,
                                     struct kit_error *err)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(c->workdir, sizeof c->workdir, "%s/stagekit-grade.XXXXXX",
             tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
    if (mkdtemp(c->workdir) == NULL || chmod(c->workdir, 0755) != 0)
        return kit_error_set(err, KIT_ESYS, "mkdtemp %s: %s", c->workdir,
                             strerror(errno));
    char path[PATH_MAX + 32];
    int rc;
    if (c->mode == GRADE_MODE_SANDBOX) {
        snprintf(path, sizeof path, "%s/sanitizer.2", c->workdir);
        rc = grade_owned(path, false, c->uid);
    } else {
        snprintf(path, sizeof path, "%s/tmp", c->workdir);
        rc = grade_owned(path, true, c->uid);
        snprintf(path, sizeof path, "%s/log", c->workdir);
        rc |= grade_owned(path, true, c->uid);
    }
    if (rc != 0)
        return kit_error_set(err, KIT_ESYS, "preparing %s: %s", path,
                             strerror(errno));
    return KIT_OK;
}

/* The test runs a copy in the work directory, made now from the binary
 * whose stamp the caller checked: under root its uid may not reach a build
 * tree in root's home, and in the sandbox the private /tmp hides a binary
 * that lives under /tmp.  Sets run to the path the test sees. */
static enum kit_status grade_place_binary(const struct grade_child *c,
                                          const char *abs, char *run,
                                          size_t cap, struct kit_error *err)
{
    char copy[PATH_MAX + 16];
    snprintf(copy, sizeof copy, "%s/test", c->workdir);
    FILE *in = fopen(abs, "rb");
    int fd = open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    char buf[65536];
    size_t n;
    bool ok = in != NULL && out != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    ok = ok && !ferror(in);
    if (in != NULL)
        fclose(in);
    if (out != NULL ? fclose(out) != 0 : (fd >= 0 && close(fd) != 0))
        ok = false;
    int e = errno;
    if (!ok)
        return kit_error_set(err, kit_errno_status(e), "copying %s into %s: "
                             "%s", abs, c->workdir, kit_errno_text(e));
    snprintf(run, cap, "%s/test",
             c->mode == GRADE_MODE_SANDBOX ? GRADE_BOX_DIR : c->workdir);
    return KIT_OK;
}

/* One sanitizer log: only a regular file of the run's uid, opened
 * without following a link or waiting on a FIFO (the test made the
 * directory's contents), at most GRADE_LOG_MAX bytes.  NULL for an empty
 * or unfit one. */
static char *grade_read_log(int dir, const char *name, uid_t uid)
{
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    char *text = NULL;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_uid == uid && st.st_size > 0)
        text = calloc(1, GRADE_LOG_MAX + 1);
    if (text != NULL && read(fd, text, GRADE_LOG_MAX) <= 0) {
        free(text);
        text = NULL;
    }
    if (fd >= 0)
        close(fd);
    return text;
}

/* The sanitizer's log (log_path=<dir>/sanitizer, written as
 * sanitizer.<pid>), the first there is. */
static char *grade_sanitizer_log(const struct grade_child *c)
{
    char path[PATH_MAX + 8];
    snprintf(path, sizeof path, c->mode == GRADE_MODE_SANDBOX ? "%s" : "%s/log",
             c->workdir);
    DIR *d = opendir(path);
    char *text = NULL;
    for (struct dirent *e; d != NULL && text == NULL &&
                           (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, "sanitizer.", 10) == 0)
            text = grade_read_log(dirfd(d), e->d_name, c->uid);
    if (d != NULL)
        closedir(d);
    return text;
}

/* --- putting it together ------------------------------------------------------------ */

/* Whether the binary carries AddressSanitizer (its runtime's entry). */
static bool grade_is_sanitized(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return false;
    static const char needle[] = "__asan_init";
    const size_t nl = sizeof needle - 1;
    char buf[65536 + sizeof needle];
    size_t keep = 0, n;
    bool found = false;
    while (!found && (n = fread(buf + keep, 1, 65536, f)) > 0) {
        size_t have = keep + n;
        found = memmem(buf, have, needle, nl) != NULL;
        keep = have < nl ? have : nl - 1; /* a needle cut by the chunk */
        memmove(buf, buf + have - keep, keep);
    }
    fclose(f);
    return found;
}

static void grade_token(char *buf, size_t cap)
{
    unsigned char raw[16];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        for (size_t i = 0; i < sizeof raw; i++)
            raw[i] = (unsigned char)(rand() ^ (int)grade_clock());
    for (size_t i = 0; i < sizeof raw && 2 * i + 2 < cap; i++)
        snprintf(buf + 2 * i, 3, "%02x", raw[i]);
}

static enum kit_status grade_pipes(int fds[3][2], struct kit_error *err)
{
    for (int i = 0; i < 3; i++)
        if (pipe2(fds[i], O_CLOEXEC) != 0) {
            int e = errno;
            for (int j = 0; j < i; j++)
                close(fds[j][0]), close(fds[j][1]);
            return kit_error_set(err, KIT_ESYS, "pipe: %s", strerror(e));
        }
    /* The test's ends of the output pipe and the channel survive exec. */
    fcntl(fds[0][1], F_SETFD, 0);
    fcntl(fds[1][1], F_SETFD, 0);
    return KIT_OK;
}

/* What is left in the pipes once the test is dead, for at most
 * GRADE_GRACE_S: a write end can outlive every process (a descriptor in
 * flight on a unix socket stays open until the kernel collects it), so
 * the reads never block and the time is bounded.  Then the pipes close. */
static void grade_drain_rest(struct grade_child *c)
{
    int *fd[3] = {&c->out, &c->chan, &c->stat};
    struct grade_buf *b[3] = {&c->o, &c->c, &c->s};
    double until = grade_clock() + GRADE_GRACE_S;
    while (c->stop_sig == 0 && grade_clock() < until &&
           (c->out >= 0 || c->chan >= 0 || c->stat >= 0)) {
        struct pollfd p[3];
        for (int i = 0; i < 3; i++)
            p[i] = (struct pollfd){*fd[i], POLLIN, 0};
        if (poll(p, 3, 20) > 0)
            for (int i = 0; i < 3; i++)
                if (p[i].revents)
                    grade_drain(fd[i], b[i]);
    }
    for (int i = 0; i < 3; i++)
        if (*fd[i] >= 0)
            close(*fd[i]);
}

static enum kit_status grade_spawn(const char *path,
                                   const struct grade_limits *l,
                                   bool sanitized, struct grade_child *c,
                                   int fds[3][2], struct grade_result *out,
                                   struct kit_error *err)
{
    struct grade_env env;
    enum kit_status st = grade_env_make(&env, c, l, sanitized, err);
    if (st != KIT_OK) {
        for (int i = 0; i < 3; i++)
            close(fds[i][0]), close(fds[i][1]);
        return st;
    }
    c->envp = env.envp;
    fflush(NULL);
    pid_t grader = getpid();
    /* fork, not posix_spawn: between fork and exec the child changes its
     * session, uid, death signal, rlimits and no_new_privs, and in sandbox
     * mode its namespaces and mounts (grade_box.c), none of which
     * posix_spawn can do.  The child allocates nothing: its environment
     * and paths come from here. */
    c->pid = fork();
    if (c->pid == 0) {
        for (int i = 0; i < 3; i++)
            close(fds[i][0]);
        int ends[3] = {fds[0][1], fds[1][1], fds[2][1]};
        grade_child(path, c, ends, l, sanitized, grader);
    }
    int e = errno;
    grade_env_free(&env);
    c->envp = NULL;
    for (int i = 0; i < 3; i++)
        close(fds[i][1]);
    c->out = fds[0][0], c->chan = fds[1][0], c->stat = fds[2][0];
    for (int i = 0; i < 3; i++) /* a read never waits: see grade_drain_rest */
        fcntl(fds[i][0], F_SETFL, O_NONBLOCK);
    if (c->pid < 0) {
        close(c->out), close(c->chan), close(c->stat);
        return kit_error_set(err, KIT_ESYS, "fork: %s", strerror(e));
    }
    c->start = grade_clock();
    c->deadline = c->start + l->timeout_s;
    grade_loop(c, out);
    if (c->stop_sig != 0 || !c->reaped || c->timed_out || c->limited ||
        c->mode == GRADE_MODE_FALLBACK)
        grade_kill(c);
    grade_drain_rest(c);
    grade_take_records(c, out);
    return KIT_OK;
}

static void grade_exit_of(const struct grade_child *c,
                          struct grade_result *out)
{
    out->exit_status = -1;
    out->signal = 0;
    if (c->timed_out || c->limited || !c->have_status)
        return;
    if (WIFEXITED(c->wstatus))
        out->exit_status = WEXITSTATUS(c->wstatus);
    else if (WIFSIGNALED(c->wstatus))
        out->signal = WTERMSIG(c->wstatus);
}

static enum kit_status grade_check(const char *path,
                                   const struct grade_limits *l,
                                   struct grade_result *out,
                                   struct kit_error *err)
{
    if (!(l->timeout_s > 0) || l->memory_mb == 0 || l->processes == 0 ||
        l->output_max == 0)
        return kit_error_set(err, KIT_EINVAL, "every limit must be positive");
    if (out->ncases == 0)
        return kit_error_set(err, KIT_EINVAL, "no list of cases to grade "
                                              "against");
    if (access(path, X_OK) != 0) {
        out->status = GRADE_NOBUILD;
        snprintf(out->first_failure, sizeof out->first_failure,
                 "the tests were not built (%s: %s): fix the compiler "
                 "errors above",
                 path, strerror(errno));
        utf8_trim(out->first_failure);
    }
    return KIT_OK;
}

static enum grade_mode grade_pick_mode(enum grade_mode mode)
{
    char why[256];
    if (mode == GRADE_MODE_AUTO)
        return grade_sandbox_available(why, sizeof why) ? GRADE_MODE_SANDBOX
                                                        : GRADE_MODE_FALLBACK;
    return mode;
}

static void grade_finish(const struct grade_child *c,
                         const struct grade_limits *l,
                         struct grade_result *out)
{
    char *log = grade_sanitizer_log(c);
    struct grade_evidence ev = {c->timed_out, c->limited, "", log,
                                l->timeout_s, l->output_max, c->stopped};
    snprintf(ev.limit_why, sizeof ev.limit_why, "%s", c->limit.why);
    out->output_cut = c->o.seen > c->o.len;
    grade_exit_of(c, out);
    const char *text = c->o.text ? c->o.text : "";
    grade_add_output_messages(text, c->o.len, out);
    grade_classify(text, c->o.len, &ev, out);
    free(log);
}

enum kit_status grade_run(const char *path, enum grade_mode mode,
                          const struct grade_limits *limits,
                          struct grade_result *out, struct kit_error *err)
{
    enum kit_status st = grade_check(path, limits, out, err);
    if (st != KIT_OK || out->status == GRADE_NOBUILD)
        return st;
    char abs[PATH_MAX];
    if (realpath(path, abs) == NULL) {
        int e = errno;
        return kit_error_set(err, kit_errno_status(e), "%s: %s", path,
                             kit_errno_text(e));
    }
    struct grade_child c = {.pid = -1, .out = -1, .chan = -1, .stat = -1};
    c.mode = out->mode = grade_pick_mode(mode);
    c.o.max = limits->output_max;
    c.uid = grade_box_run_uid();
    c.c.max = GRADE_CHAN_MAX;
    c.s.max = 4096;
    grade_token(c.token, sizeof c.token);
    if (c.mode == GRADE_MODE_FALLBACK)
        prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    /* The pipes first: without descriptors to spare, nothing is made that
     * would then be hard to remove. */
    int fds[3][2];
    st = grade_pipes(fds, err);
    if (st != KIT_OK)
        return st;
    st = grade_workdir(&c, err);
    char run[PATH_MAX + 16];
    if (st == KIT_OK)
        st = grade_place_binary(&c, abs, run, sizeof run, err);
    out->sanitized = grade_is_sanitized(abs);
    grade_hold_signals(&c);
    if (st == KIT_OK)
        st = grade_spawn(run, limits, out->sanitized, &c, fds, out, err);
    else
        for (int i = 0; i < 3; i++)
            close(fds[i][0]), close(fds[i][1]);
    out->seconds = c.start > 0 ? grade_clock() - c.start : 0;
    if (c.stop_sig != 0) {
        grade_box_rm_tree(c.workdir);
        grade_reraise(c.stop_sig, &c.old);
    }
    sigprocmask(SIG_SETMASK, &c.old, NULL);
    char why[256] = "";
    grade_read_status(&c, why, sizeof why);
    if (st == KIT_OK && why[0] != '\0')
        st = kit_error_set(err, KIT_ESYS, "the %s could not start the "
                                          "tests: %s",
                           grade_mode_name(c.mode), why);
    /* A result or a message lost is no grade: not the student's fault. */
    if (st == KIT_OK && (c.o.nomem || c.c.nomem || c.s.nomem))
        st = kit_error_set(err, KIT_ENOMEM, "out of memory while reading "
                                            "what the tests reported");
    if (st == KIT_OK)
        grade_finish(&c, limits, out);
    grade_box_rm_tree(c.workdir);
    if (c.mode == GRADE_MODE_FALLBACK)
        grade_box_sweep_files(c.uid);
    free(c.o.text), free(c.c.text), free(c.s.text);
    return st;
}

/* --- can this machine sandbox? ------------------------------------------------------ */

bool grade_sandbox_available(char *why, size_t cap)
{
    /* The run's own set-up, in a work directory of its own. */
    struct grade_child probe = {.mode = GRADE_MODE_SANDBOX,
                                .uid = grade_box_run_uid()};
    struct kit_error err;
    if (grade_workdir(&probe, &err) != KIT_OK) {
        snprintf(why, cap, "%s", err.msg);
        grade_box_rm_tree(probe.workdir);
        return false;
    }
    const char *dir = probe.workdir;
    uid_t uid = probe.uid;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(why, cap, "pipe: %s", strerror(errno));
        grade_box_rm_tree(probe.workdir);
        return false;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char msg[256];
        if (grade_box_drop_root(uid, msg, sizeof msg) != 0 ||
            grade_box_enter(dir, msg, sizeof msg) != 0) {
            dprintf(fds[1], "%s", msg);
            _exit(1);
        }
        pid_t init = fork(); /* the PID namespace takes a first process */
        if (init == 0)
            _exit(0);
        int st;
        _exit(init > 0 && waitpid(init, &st, 0) == init ? 0 : 1);
    }
    close(fds[1]);
    char msg[256] = "";
    ssize_t n = pid > 0 ? read(fds[0], msg, sizeof msg - 1) : -1;
    close(fds[0]);
    int st = 1;
    if (pid > 0)
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
    grade_box_rm_tree(probe.workdir);
    bool ok = pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
    if (!ok)
        snprintf(why, cap, "%s", n > 0 ? (msg[n] = '\0', msg)
                                       : "the namespaces could not be made");
    return ok;
}
