/* make grade: runs each exercise's tests in its own process and reports.
 *
 *   grade [--timeout S] [--json FILE] [--junit FILE] [--next FILE]
 *         [--hints DIR] [--color auto|always|never] [--progress]
 *         NAME=TEST_BINARY...
 *
 * NAME is the exercise ("03_transition"); its tests are TEST_BINARY.
 * Exit status 0 only when every exercise passes; 2 on a usage error. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grade.h"

#define GRADE_HINT_MAX 4096

struct grade_opts {
    double timeout_s;
    const char *json, *junit, *next, *hints;
    int color; /* -1 auto, 0 never, 1 always */
    bool progress;
};

/* The quiz question each exercise answers (see docs/kata.md). */
static const char *grade_quiz(const char *exercise)
{
    static const struct {
        const char *prefix, *quiz;
    } table[] = {
        {"01", "Q1 what Staging is for"},
        {"02", "Q2+Q4 the transition command"},
        {"03", "Q3 version 2 -> archived"},
        {"04", "Q5 archive v1, promote v2"},
        {"05", "O(n): n versions -> n actions"},
        {"06", "follow-up: production only"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strncmp(exercise, table[i].prefix, 2) == 0)
            return table[i].quiz;
    return "-";
}

/* Reads <dir>/<NN>-1.txt into buf; NULL when there is none (or when the
 * path does not fit: a hint is a help, never worth failing the grade). */
static const char *grade_hint(const char *dir, const char *exercise,
                              char *buf, size_t cap)
{
    char path[4096];
    int len = snprintf(path, sizeof path, "%s/%.2s-1.txt", dir, exercise);
    if (len < 0 || (size_t)len >= sizeof path)
        return NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        n--;
    buf[n] = '\0';
    return n > 0 ? buf : NULL;
}

static int grade_usage(const char *why)
{
    fprintf(stderr, "grade: %s\nusage: grade [--timeout S] [--json FILE] "
                    "[--junit FILE] [--next FILE] [--hints DIR] "
                    "[--color auto|always|never] [--progress] "
                    "NAME=TEST_BINARY...\n",
            why);
    return 2;
}

static bool grade_parse_timeout(const char *s, double *out)
{
    char *end;
    errno = 0;
    double t = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(t > 0) || t > 86400)
        return false;
    *out = t;
    return true;
}

static bool grade_parse_color(const char *s, int *out)
{
    static const char *const words[] = {"never", "always", "auto"};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, words[i]) == 0) {
            *out = i == 2 ? -1 : i;
            return true;
        }
    return false;
}

/* Reads the options; returns the index of the first NAME=BINARY, or -1. */
static int grade_options(int argc, char **argv, struct grade_opts *o)
{
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--progress") == 0) {
            o->progress = true;
            continue;
        }
        if (i + 1 >= argc)
            return -1;
        const char *val = argv[++i];
        if (strcmp(opt, "--timeout") == 0) {
            if (!grade_parse_timeout(val, &o->timeout_s))
                return -1;
        } else if (strcmp(opt, "--color") == 0) {
            if (!grade_parse_color(val, &o->color))
                return -1;
        } else if (strcmp(opt, "--json") == 0) {
            o->json = val;
        } else if (strcmp(opt, "--junit") == 0) {
            o->junit = val;
        } else if (strcmp(opt, "--next") == 0) {
            o->next = val;
        } else if (strcmp(opt, "--hints") == 0) {
            o->hints = val;
        } else {
            return -1;
        }
    }
    return i < argc ? i : -1;
}

/* Colour on a terminal, never when NO_COLOR is set, even to "" (the
 * quiz's rule, quiz_color_wanted()). */
static bool grade_use_color(int setting)
{
    if (getenv("NO_COLOR") != NULL)
        return false;
    return setting == 1 || (setting == -1 && isatty(STDOUT_FILENO));
}

/* Writes a report through a temporary file and a rename, so a reader
 * never sees half of one. */
static int grade_save(const char *path, const struct grade_entry *e,
                      size_t n, double timeout_s, bool junit)
{
    char tmp[1024];
    int len = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (len < 0 || (size_t)len >= sizeof tmp) {
        fprintf(stderr, "grade: cannot write %s: the path is too long "
                        "(at most %zu bytes)\n",
                path, sizeof tmp - sizeof ".tmp");
        return -1;
    }
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        fprintf(stderr, "grade: cannot write %s: %s\n", tmp, strerror(errno));
        return -1;
    }
    int rc = junit ? grade_write_junit(f, e, n)
                   : grade_write_json(f, e, n, timeout_s);
    if (fclose(f) != 0 || rc != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "grade: cannot write %s\n", path);
        remove(tmp);
        return -1;
    }
    return 0;
}

/* The exercise number of the first that does not pass ("" when all do),
 * for `make hint` without KATA=. */
static int grade_save_next(const char *path, const struct grade_entry *e,
                           size_t n)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (e[i].result.status != GRADE_PASS) {
            fprintf(f, "%.2s\n", e[i].exercise);
            break;
        }
    return fclose(f) == 0 ? 0 : -1;
}

/* One exercise's storage: the entry and the strings it points to. */
struct grade_slot {
    char name[GRADE_NAME_MAX];
    char hint[GRADE_HINT_MAX];
};

/* Runs NAME=BINARY into *e.  Returns 0, or 1 when the run itself failed. */
static int grade_one(const char *arg, const struct grade_opts *o,
                     struct grade_entry *e, struct grade_slot *slot)
{
    const char *eq = strchr(arg, '=');
    size_t len = (size_t)(eq - arg);
    if (len >= sizeof slot->name)
        len = sizeof slot->name - 1;
    memcpy(slot->name, arg, len);
    slot->name[len] = '\0';
    e->exercise = slot->name;
    e->quiz = grade_quiz(slot->name);
    e->hint = grade_hint(o->hints, slot->name, slot->hint, sizeof slot->hint);
    struct reg_error err;
    if (grade_run(eq + 1, o->timeout_s, &e->result, &err) != REG_OK) {
        fprintf(stderr, "grade: %s: %s\n", slot->name, err.msg);
        return 1;
    }
    return 0;
}

static bool grade_all_pass(const struct grade_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (e[i].result.status != GRADE_PASS)
            return false;
    return true;
}

/* Prints and saves the reports; returns the exit status. */
static int grade_report(const struct grade_opts *o,
                        const struct grade_entry *e, size_t n)
{
    int bad = 0;
    if (o->progress)
        grade_print_progress(stdout, e, n);
    else
        grade_print_table(stdout, e, n, grade_use_color(o->color));
    if (o->json != NULL)
        bad |= grade_save(o->json, e, n, o->timeout_s, false);
    if (o->junit != NULL)
        bad |= grade_save(o->junit, e, n, o->timeout_s, true);
    if (o->next != NULL)
        bad |= grade_save_next(o->next, e, n);
    if (!o->progress && (o->json != NULL || o->junit != NULL))
        printf("\nreports: %s%s%s\n", o->json ? o->json : "",
               o->json && o->junit ? ", " : "", o->junit ? o->junit : "");
    return bad ? 1 : grade_all_pass(e, n) ? 0 : 1;
}

int main(int argc, char **argv)
{
    /* grade_run() reaps each test itself: an inherited SIG_IGN would make
     * the kernel reap it first, and waitpid() fail. */
    signal(SIGCHLD, SIG_DFL);
    struct grade_opts o = {10.0, NULL, NULL, NULL, "kata/hints", -1, false};
    int first = grade_options(argc, argv, &o);
    if (first < 0)
        return grade_usage(argc > 1 ? "bad options" : "no exercise to grade");
    size_t n = (size_t)(argc - first);
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(argv[first + (int)i], '=');
        if (eq == NULL || eq == argv[first + (int)i])
            return grade_usage("each exercise is NAME=TEST_BINARY");
    }
    struct grade_entry *e = calloc(n, sizeof *e);
    struct grade_slot *slots = calloc(n, sizeof *slots);
    int rc = e == NULL || slots == NULL;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = grade_one(argv[first + (int)i], &o, &e[i], &slots[i]);
    if (rc == 0)
        rc = grade_report(&o, e, n);
    else
        rc = 2;
    for (size_t i = 0; e != NULL && i < n; i++)
        grade_result_free(&e[i].result);
    free(e);
    free(slots);
    return rc;
}
