/* make watch: regrades the exercise whose file was saved (rustlings'
 * watch mode).
 *
 *   watch [--dir DIR] [--command CMD] [--status FILE] [--exercises FILE]
 *         [--count N] [--help] [--version]
 *
 * DIR (kata) is watched with inotify: a write, or an editor's rename of a
 * new file over the old one, of DIR/NN_x.c runs CMD with every "%s"
 * replaced by NN (default: make -s --no-print-directory grade KATA=%s),
 * and shows its output, a progress bar from FILE (the grader's status
 * file) and the next step.  When the exercise passes, the next one that
 * does not is graded at once.  The screen is cleared only on a terminal.
 * q (on a terminal) or Ctrl-C ends it; --count N ends it after N grades.
 * Exit status 0, or 2 for a usage error or when DIR cannot be watched. */
#define _GNU_SOURCE /* signalfd, inotify, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "opts.h"
#include "prog.h"

#define WATCH_OUT_MAX (256u << 10)
#define WATCH_EX_MAX 32

struct watch {
    const char *dir, *command, *status, *exercises;
    long count;          /* grades left before ending; -1: no end */
    bool tty;            /* stdin and stdout are a terminal */
    struct termios saved;
    int inotify, sig;
    char names[WATCH_EX_MAX][64]; /* the exercises, in order */
    bool stale[WATCH_EX_MAX]; /* its file changed since its status */
    size_t n;
    char *out;           /* the grading command's output, WATCH_OUT_MAX */
};

static double watch_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The exercises of the table file ("name<TAB>question" lines).  Returns
 * false when memory runs out (a missing table is no exercises). */
static bool watch_load(struct watch *w)
{
    FILE *f = fopen(w->exercises, "r");
    if (f == NULL)
        return errno != ENOMEM;
    char line[512];
    while (w->n < WATCH_EX_MAX && fgets(line, sizeof line, f))
        if (line[0] != '#' && strchr(line, '\t') != NULL)
            snprintf(w->names[w->n++], sizeof w->names[0], "%.*s",
                     (int)strcspn(line, "\t"), line);
    fclose(f);
    return true;
}

/* The status of exercise i in the status file, into buf ("" if none;
 * "changed" when its file changed since: an old pass is no pass). */
static void watch_status_of(const struct watch *w, size_t i, char *buf,
                            size_t cap)
{
    if (w->stale[i]) {
        snprintf(buf, cap, "changed");
        return;
    }
    FILE *f = fopen(w->status, "r");
    char line[512];
    size_t n = strlen(w->names[i]);
    buf[0] = '\0';
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, w->names[i], n) == 0 && line[n] == '\t')
            snprintf(buf, cap, "%.*s", (int)strcspn(line + n + 1, "\t\n"),
                     line + n + 1);
    if (f != NULL)
        fclose(f);
}

/* The first exercise that does not pass, or w->n when all do. */
static size_t watch_next_open(const struct watch *w)
{
    char st[32];
    for (size_t i = 0; i < w->n; i++) {
        watch_status_of(w, i, st, sizeof st);
        if (strcmp(st, "pass") != 0)
            return i;
    }
    return w->n;
}

static void watch_progress(const struct watch *w)
{
    size_t done = 0;
    char st[32];
    for (size_t i = 0; i < w->n; i++) {
        watch_status_of(w, i, st, sizeof st);
        done += strcmp(st, "pass") == 0;
    }
    printf("\nprogress [");
    for (size_t i = 0; i < w->n; i++)
        fputs(i < done ? "#" : "-", stdout);
    printf("] %zu of %zu done\n", done, w->n);
}

/* CMD with each "%s" replaced by the exercise's number. */
static void watch_command(const struct watch *w, size_t i, char *buf,
                          size_t cap)
{
    size_t o = 0;
    for (const char *p = w->command; *p != '\0' && o + 3 < cap; p++) {
        if (p[0] == '%' && p[1] == 's') {
            buf[o++] = w->names[i][0];
            buf[o++] = w->names[i][1];
            p++;
        } else {
            buf[o++] = *p;
        }
    }
    buf[o] = '\0';
}

/* Runs argv (a path, not looked up); its output (stdout and stderr) into
 * out.  Returns its wait status, -1 if it could not start. */
static int watch_exec(char *const argv[], char *out, size_t cap)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL); /* Ctrl-C stops make too */
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t n;
    char sink[4096];
    /* Once out is full, the rest is read into sink and dropped: the
     * command must never block, or die of SIGPIPE, on a full pipe. */
    while (pid > 0 &&
           (n = len + 1 < cap ? read(fds[0], out + len, cap - 1 - len)
                              : read(fds[0], sink, sizeof sink)) != 0) {
        if (n > 0 && len + 1 < cap)
            len += (size_t)n;
        else if (n < 0 && errno != EINTR)
            break;
    }
    out[len] = '\0';
    close(fds[0]);
    int st = -1;
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return st;
}

/* Runs CMD for exercise i; its output (stdout and stderr) into out. */
static int watch_run(const struct watch *w, size_t i, char *out, size_t cap)
{
    char cmd[1024];
    watch_command(w, i, cmd, sizeof cmd);
    char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    return watch_exec(argv, out, cap);
}

/* Which exercises' files changed since their status was written, from
 * scripts/kata-stale.sh over the status file's directory (as make list
 * tells them).  Without the script, none. */
static void watch_refresh_stale(struct watch *w)
{
    char dir[1024], names[4096];
    snprintf(dir, sizeof dir, "%s", w->status);
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    char *argv[] = {"scripts/kata-stale.sh", dir, NULL};
    if (watch_exec(argv, names, sizeof names) != 0)
        names[0] = '\0';
    for (size_t i = 0; i < w->n; i++)
        w->stale[i] = false;
    char *save = NULL;
    for (char *line = strtok_r(names, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save))
        for (size_t i = 0; i < w->n; i++)
            w->stale[i] = w->stale[i] || strcmp(line, w->names[i]) == 0;
}

/* Grades exercise i and shows the result; returns whether it passes. */
static bool watch_grade(struct watch *w, size_t i)
{
    char *out = w->out;
    double t0 = watch_clock();
    watch_run(w, i, out, WATCH_OUT_MAX);
    double took = watch_clock() - t0;
    if (w->tty)
        fputs("\033[H\033[2J", stdout);
    printf("== kata/%s.c ==\n%s", w->names[i], out);
    watch_refresh_stale(w);
    char st[32];
    watch_status_of(w, i, st, sizeof st);
    watch_progress(w);
    printf("(graded in %.2f s)\n", took);
    if (w->count > 0)
        w->count--;
    return strcmp(st, "pass") == 0;
}

/* Grades exercise i, then, while it passes, the next one that does not;
 * says what to do next. */
static void watch_turn(struct watch *w, size_t i)
{
    while (watch_grade(w, i) && w->count != 0) {
        size_t next = watch_next_open(w);
        if (next == w->n) {
            printf("\nEvery exercise passes. Well done! (q ends watch)\n");
            fflush(stdout);
            return;
        }
        printf("\nkata/%s.c passes: on to kata/%s.c\n", w->names[i],
               w->names[next]);
        i = next;
    }
    printf("\nnext: edit kata/%s.c and save it; make hint KATA=%.2s for a "
           "hint; %s\n",
           w->names[i], w->names[i], w->tty ? "q ends watch" : "Ctrl-C ends");
    fflush(stdout);
}

/* The exercise a file name belongs to ("05_dispatch.c"), or w->n. */
static size_t watch_exercise_of(const struct watch *w, const char *file)
{
    for (size_t i = 0; i < w->n; i++) {
        size_t n = strlen(w->names[i]);
        if (strncmp(file, w->names[i], n) == 0 && strcmp(file + n, ".c") == 0)
            return i;
    }
    return w->n;
}

/* The exercise of the last event in the inotify buffer, or w->n.  An
 * editor's save is often several events (write, rename): any one names
 * the file. */
static size_t watch_events(const struct watch *w)
{
    _Alignas(struct inotify_event) char buf[8192];
    size_t found = w->n;
    ssize_t n = read(w->inotify, buf, sizeof buf);
    for (char *p = buf; n > 0 && p < buf + n;) {
        struct inotify_event *ev = (struct inotify_event *)p;
        if (ev->len > 0 && watch_exercise_of(w, ev->name) < w->n)
            found = watch_exercise_of(w, ev->name);
        p += sizeof *ev + ev->len;
    }
    return found;
}

/* Waits 50 ms for the rest of a save's events, so one save grades once. */
static size_t watch_settle(const struct watch *w, size_t i)
{
    struct pollfd p = {w->inotify, POLLIN, 0};
    while (poll(&p, 1, 50) > 0) {
        size_t more = watch_events(w);
        if (more < w->n)
            i = more;
    }
    return i;
}

/* On a terminal: keys without Enter and no echo; Ctrl-C stays a signal. */
static void watch_keys(struct watch *w, bool on)
{
    if (!w->tty)
        return;
    if (!on) {
        tcsetattr(STDIN_FILENO, TCSANOW, &w->saved);
        return;
    }
    struct termios raw = w->saved;
    raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
}

static int watch_loop(struct watch *w)
{
    watch_refresh_stale(w);
    size_t start = watch_next_open(w);
    watch_turn(w, start < w->n ? start : 0);
    while (w->count != 0) {
        struct pollfd p[3] = {{w->inotify, POLLIN, 0}, {w->sig, POLLIN, 0},
                              {w->tty ? STDIN_FILENO : -1, POLLIN, 0}};
        if (poll(p, 3, -1) < 0 && errno != EINTR)
            return 2;
        if (p[1].revents)
            return 0; /* Ctrl-C, or a polite kill */
        char key;
        if (p[2].revents && (read(STDIN_FILENO, &key, 1) != 1 || key == 'q'))
            return 0;
        if (p[0].revents) {
            size_t i = watch_events(w);
            if (i < w->n)
                watch_turn(w, watch_settle(w, i));
        }
    }
    return 0;
}

static const struct prog_info watch_info = {
    .name = "watch",
    .usage = "[OPTIONS]",
    .about = "  Regrades the exercise whose file in DIR (kata) is saved, and shows\n"
             "  every failing case, a progress bar and the next step.  CMD (with\n"
             "  %s for the exercise number) grades one exercise; FILE is the\n"
             "  grader's status file.  q or Ctrl-C ends it; --count N after N\n"
             "  grades.\n",
    .options = "  --dir DIR            The exercises' directory (default kata).\n"
               "  --command CMD        How one exercise is graded (default\n"
               "                       make -s --no-print-directory grade KATA=%s).\n"
               "  --status FILE        The grader's status file (default\n"
               "                       build/kata/status.tsv).\n"
               "  --exercises FILE     The table of exercises (default\n"
               "                       kata/exercises.tsv).\n"
               "  --count N            End after N grades.\n",
    .exits = "  0  ended (q, Ctrl-C or --count)\n"
             "  2  usage error, or DIR cannot be watched\n",
    .output_error = 2,
};

enum {
    WATCH_HELP = PROG_OPT_HELP,
    WATCH_VERSION = PROG_OPT_VERSION,
    WATCH_DIR = PROG_NOPTS,
    WATCH_COMMAND,
    WATCH_STATUS,
    WATCH_EXERCISES,
    WATCH_COUNT,
    WATCH_NOPTS
};

/* The options into *w; PROG_RUN, or the status main returns. */
static int watch_options(int argc, char **argv, struct watch *w)
{
    static const struct opts_spec spec[WATCH_NOPTS] = {
        PROG_STD_SPECS,
        [WATCH_DIR] = {"--dir", true},
        [WATCH_COMMAND] = {"--command", true},
        [WATCH_STATUS] = {"--status", true},
        [WATCH_EXERCISES] = {"--exercises", true},
        [WATCH_COUNT] = {"--count", true},
    };
    struct opts_seen seen;
    struct kit_error err;
    enum kit_status st = opts_scan(argc - 1, argv + 1, spec, WATCH_NOPTS,
                                   OPTS_ALL, &seen, NULL, &err);
    int rc = prog_options_done(&watch_info, st, &seen, &err, stdout, stderr);
    if (rc != PROG_RUN)
        return rc;
    const char **to[] = {&w->dir, &w->command, &w->status, &w->exercises};
    for (size_t i = 0; i < 4; i++)
        if (seen.present[WATCH_DIR + i])
            *to[i] = seen.value[WATCH_DIR + i];
    if (seen.present[WATCH_COUNT]) {
        const char *v = seen.value[WATCH_COUNT];
        char *end;
        errno = 0;
        w->count = strtol(v, &end, 10);
        if (errno != 0 || end == v || *end != '\0' || w->count < 1) {
            kit_error_set(&err, KIT_EUSAGE, "Invalid value for '--count': "
                          "'%s' is not a positive number.", v);
            return prog_usage_error(stderr, &watch_info, err.msg);
        }
    }
    return PROG_RUN;
}

int main(int argc, char **argv)
{
    struct watch w = {"kata", "make -s --no-print-directory grade KATA=%s",
                      "build/kata/status.tsv", "kata/exercises.tsv", -1,
                      false, {0}, -1, -1, {{0}}, {0}, 0, NULL};
    int rc = watch_options(argc, argv, &w);
    if (rc != PROG_RUN)
        return rc;
    bool loaded = watch_load(&w);
    w.out = malloc(WATCH_OUT_MAX);
    if (!loaded || w.out == NULL) {
        fprintf(stderr, "watch: out of memory\n");
        free(w.out);
        return prog_exit_status(KIT_ENOMEM, 2);
    }
    w.inotify = inotify_init1(IN_CLOEXEC);
    if (w.n == 0 || w.inotify < 0 ||
        inotify_add_watch(w.inotify, w.dir, IN_CLOSE_WRITE | IN_MOVED_TO) <
            0) {
        fprintf(stderr, "watch: cannot watch %s for the exercises of %s: %s\n",
                w.dir, w.exercises, w.n == 0 ? "no exercises" : strerror(errno));
        free(w.out);
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    w.sig = signalfd(-1, &stop, SFD_CLOEXEC);
    w.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
            tcgetattr(STDIN_FILENO, &w.saved) == 0;
    watch_keys(&w, true);
    rc = watch_loop(&w);
    watch_keys(&w, false);
    printf("watch: ended\n");
    free(w.out);
    return rc;
}
