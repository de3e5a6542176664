/* make grade: runs each exercise's tests in a sandbox and reports.
 *
 *   grade --cases DIR [--timeout S] [--memory MB] [--json FILE]
 *         [--junit FILE] [--status FILE] [--hints DIR] [--exercises FILE]
 *         [--mode auto|sandbox|fallback] [--guard FILE]...
 *         [--build-log FILE] [--color auto|always|never] [--progress]
 *         NAME=TEST_BINARY...
 *
 * NAME is the exercise ("03_transition"); its tests are TEST_BINARY and
 * its cases are listed in DIR/NAME.cases.  Old reports are removed before
 * anything runs.  Exit status 0 only when every exercise passes, 1 when
 * one does not, 2 on a usage or system error, PROG_EXIT_NOMEM when memory
 * runs out.
 *
 *   grade --class DIR [--out OUTDIR] [--plot SCRIPT]
 *
 * The class view (docs/class.md): aggregates the grade.json and quiz
 * --json reports under DIR into tables on stdout and OUTDIR (default
 * build/class).  Exit status 0 when the view is written (skipped files
 * are named on stderr), 1 when DIR holds no usable report, 2 on a usage
 * or output error, PROG_EXIT_NOMEM when memory runs out. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "class.h"
#include "grade.h"
#include "opts.h"
#include "prog.h"

#define GRADE_GUARD_MAX 32

#define GRADE_HINT_MAX 4096

struct grade_opts {
    struct grade_limits limits;
    const char *json, *junit, *status, *hints, *cases, *build_log;
    const char *exercises;
    enum prog_color color;
    bool progress;
    enum grade_mode mode;
    const char *guard[GRADE_GUARD_MAX]; /* files no exercise may change */
    size_t nguard;
};

/* The quiz question of exercise from the table file (kata/exercises.tsv:
 * "name<TAB>question" lines, '#' comments) into buf; "-" when there is
 * none. */
static const char *grade_quiz(const char *table, const char *exercise,
                              char *buf, size_t cap)
{
    FILE *f = table != NULL ? fopen(table, "r") : NULL;
    char line[512];
    size_t n = strlen(exercise);
    snprintf(buf, cap, "-");
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, exercise, n) == 0 && line[n] == '\t') {
            snprintf(buf, cap, "%.*s", (int)strcspn(line + n + 1, "\r\n"),
                     line + n + 1);
            break;
        }
    if (f != NULL)
        fclose(f);
    return buf;
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

static const struct prog_info grade_info = {
    .name = "grade",
    .usage = "--cases DIR [OPTIONS] NAME=TEST_BINARY...\n"
             "       grade --class DIR [--out OUTDIR] [--plot SCRIPT]",
    .about = "  Runs each exercise's tests (TEST_BINARY) in a sandbox and prints the\n"
             "  graded table.  NAME is the exercise (\"03_transition\"); its cases\n"
             "  are listed in DIR/NAME.cases.  Old reports are removed before\n"
             "  anything runs.  make grade runs it (docs/kata.md).\n"
             "\n"
             "  With --class: the class view of every grade.json and quiz --json\n"
             "  report under DIR, as tables on stdout and files in OUTDIR\n"
             "  (default build/class; docs/class.md).  make class runs it.\n",
    .options = "  --cases DIR          The lists of cases, DIR/NAME.cases (required).\n"
               "  --timeout S          Seconds per exercise (default 10).\n"
               "  --memory MB          Memory per exercise, 16 and up.\n"
               "  --mode MODE          auto, sandbox or fallback (default auto).\n"
               "  --guard FILE         A file no exercise may change (repeatable).\n"
               "  --json FILE          A JSON report.\n"
               "  --junit FILE         A JUnit XML report.\n"
               "  --status FILE        The status file of make list and make watch.\n"
               "  --hints DIR          The hints (default kata/hints).\n"
               "  --exercises FILE     The table of exercises and their questions.\n"
               "  --build-log FILE     The build's log, shown for a no-build.\n"
               "  --color WHEN         auto, always or never (default auto).\n"
               "  --progress           One line of progress instead of the table.\n",
    .env = "  NO_COLOR             Non-empty: no colour (--color always wins).\n",
    .exits = "  0  every exercise passes (--class: the view is written)\n"
             "  1  an exercise does not pass (--class: DIR holds no usable\n"
             "     report)\n"
             "  2  usage error, or a system or output error (the message says\n"
             "     which)\n",
    .output_error = 2,
};

enum {
    GO_HELP = PROG_OPT_HELP,
    GO_VERSION = PROG_OPT_VERSION,
    GO_CASES = PROG_NOPTS,
    GO_TIMEOUT,
    GO_MEMORY,
    GO_MODE,
    GO_GUARD,
    GO_JSON,
    GO_JUNIT,
    GO_STATUS,
    GO_HINTS,
    GO_EXERCISES,
    GO_BUILD_LOG,
    GO_COLOR,
    GO_PROGRESS,
    GO_COUNT
};

static const struct opts_spec grade_spec[GO_COUNT] = {
    PROG_STD_SPECS,
    [GO_CASES] = {"--cases", true},
    [GO_TIMEOUT] = {"--timeout", true},
    [GO_MEMORY] = {"--memory", true},
    [GO_MODE] = {"--mode", true},
    [GO_GUARD] = {"--guard", true},
    [GO_JSON] = {"--json", true},
    [GO_JUNIT] = {"--junit", true},
    [GO_STATUS] = {"--status", true},
    [GO_HINTS] = {"--hints", true},
    [GO_EXERCISES] = {"--exercises", true},
    [GO_BUILD_LOG] = {"--build-log", true},
    [GO_COLOR] = {"--color", true},
    [GO_PROGRESS] = {"--progress", false},
};

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

static bool grade_parse_mode(const char *s, enum grade_mode *out)
{
    static const char *const words[] = {"auto", "sandbox", "fallback"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(s, words[i]) == 0) {
            *out = (enum grade_mode)i;
            return true;
        }
    return false;
}

static bool grade_parse_mb(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || errno != 0 || *end != '\0' || v < 16 ||
        v > 1u << 20)
        return false;
    *out = (unsigned)v;
    return true;
}

/* The numbers and words among the options, checked. */
static enum kit_status grade_values(struct grade_opts *o,
                                    const struct opts_seen *seen,
                                    struct kit_error *err)
{
    const char *const *v = seen->value;
    if (seen->present[GO_TIMEOUT] &&
        !grade_parse_timeout(v[GO_TIMEOUT], &o->limits.timeout_s))
        return kit_error_set(err, KIT_EUSAGE, "Invalid value for "
                             "'--timeout': '%s' is not a number of seconds "
                             "above 0 and up to 86400.", v[GO_TIMEOUT]);
    if (seen->present[GO_MEMORY] &&
        !grade_parse_mb(v[GO_MEMORY], &o->limits.memory_mb))
        return kit_error_set(err, KIT_EUSAGE, "Invalid value for "
                             "'--memory': '%s' is not a number of MB from 16 "
                             "to 1048576.", v[GO_MEMORY]);
    if (seen->present[GO_MODE] && !grade_parse_mode(v[GO_MODE], &o->mode))
        return kit_error_set(err, KIT_EUSAGE, "Invalid value for '--mode': "
                             "'%s' is not one of 'auto', 'sandbox', "
                             "'fallback'.", v[GO_MODE]);
    if (seen->present[GO_COLOR] &&
        prog_color_parse(v[GO_COLOR], &o->color, err) != KIT_OK)
        return err->status;
    const char **to[GO_COUNT] = {
        [GO_CASES] = &o->cases,         [GO_JSON] = &o->json,
        [GO_JUNIT] = &o->junit,         [GO_STATUS] = &o->status,
        [GO_HINTS] = &o->hints,         [GO_EXERCISES] = &o->exercises,
        [GO_BUILD_LOG] = &o->build_log,
    };
    for (size_t k = 0; k < GO_COUNT; k++)
        if (to[k] != NULL && seen->present[k])
            *to[k] = v[k];
    o->progress = seen->present[GO_PROGRESS];
    return KIT_OK;
}

/* Reads the options, up to the first NAME=BINARY (or past "--"), whose
 * index goes to *first. */
static enum kit_status grade_options(int argc, char **argv,
                                     struct grade_opts *o,
                                     struct opts_seen *seen, int *first,
                                     struct kit_error *err)
{
    memset(seen, 0, sizeof *seen);
    enum kit_status st = KIT_OK;
    int i = 1;
    while (st == KIT_OK && i < argc && opts_is_option(argv[i])) {
        size_t k;
        st = opts_scan_next(argc, argv, &i, grade_spec, GO_COUNT,
                            1u << GO_GUARD, seen, &k, err);
        if (st == KIT_OK && k == GO_GUARD && o->nguard == GRADE_GUARD_MAX)
            st = kit_error_set(err, KIT_EUSAGE, "Option '--guard' was given "
                               "more than %d times.", GRADE_GUARD_MAX);
        else if (st == KIT_OK && k == GO_GUARD)
            o->guard[o->nguard++] = seen->value[k];
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    *first = i;
    return st == KIT_OK ? grade_values(o, seen, err) : st;
}

/* The exercises, NAME=TEST_BINARY each, and --cases; a usage error's
 * message in err. */
static enum kit_status grade_check_args(const struct grade_opts *o,
                                        char **args, int n,
                                        struct kit_error *err)
{
    if (n == 0)
        return kit_error_set(err, KIT_EUSAGE, "Missing argument "
                             "'NAME=TEST_BINARY...'.");
    for (int i = 0; i < n; i++) {
        const char *eq = strchr(args[i], '=');
        if (eq == NULL || eq == args[i])
            return kit_error_set(err, KIT_EUSAGE, "Invalid value for "
                                 "'NAME=TEST_BINARY': '%s' has no NAME=.",
                                 args[i]);
    }
    if (o->cases == NULL)
        return kit_error_set(err, KIT_EUSAGE, "Missing option '--cases': "
                             "the lists of cases built from tests/ex/.");
    return KIT_OK;
}

/* What a report file is written from. */
struct grade_run {
    const struct grade_entry *e;
    size_t n;
    struct grade_run_info info;
    bool hinted; /* the table showed the first failing exercise's hint */
};

enum grade_report_kind { GRADE_JSON, GRADE_JUNIT, GRADE_STATUS };

/* Whether exercise is one of this run's. */
static bool grade_graded(const struct grade_entry *e, size_t n,
                         const char *exercise, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(e[i].exercise) == len &&
            strncmp(e[i].exercise, exercise, len) == 0)
            return true;
    return false;
}

/* The status file (make list, make hint, make watch): one line per
 * exercise, "name<TAB>status<TAB>passed<TAB>total<TAB>hint", where hint
 * is 1 for the exercise whose first hint the table showed.  Lines of
 * exercises this run did not grade are kept from the old file (old). */
static int grade_write_status(FILE *f, const struct grade_run *run, FILE *old)
{
    char line[512];
    while (old != NULL && fgets(line, sizeof line, old) != NULL)
        if (!grade_graded(run->e, run->n, line, strcspn(line, "\t\n")))
            fputs(line, f);
    bool hinted = run->hinted;
    for (size_t i = 0; i < run->n; i++) {
        const struct grade_result *r = &run->e[i].result;
        bool next = hinted && r->status != GRADE_PASS;
        hinted = hinted && !next;
        fprintf(f, "%s\t%s\t%u\t%u\t%d\n", run->e[i].exercise,
                grade_status_name(r->status), r->passed, r->total, next);
    }
    return 0;
}

/* Writes a report through a temporary file and a rename, so a reader
 * never sees half of one.  Returns KIT_OK, or (said on stderr) KIT_ENOMEM
 * when memory ran out, KIT_ESYS for any other failure. */
static enum kit_status grade_save(const char *path,
                                  const struct grade_run *run,
                                  enum grade_report_kind kind)
{
    char tmp[1024];
    int len = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (len < 0 || (size_t)len >= sizeof tmp) {
        fprintf(stderr, "grade: cannot write %s: the path is too long "
                        "(at most %zu bytes)\n",
                path, sizeof tmp - sizeof ".tmp");
        return KIT_ESYS;
    }
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        int e = errno;
        fprintf(stderr, "grade: cannot write %s: %s\n", tmp,
                kit_errno_text(e));
        return kit_errno_status(e);
    }
    errno = 0;
    FILE *old = kind == GRADE_STATUS ? fopen(path, "r") : NULL;
    /* The old status file cannot be read without memory: its lines must
     * not be lost. */
    bool nomem = old == NULL && errno == ENOMEM;
    int rc = nomem                ? -1
             : kind == GRADE_JUNIT ? grade_write_junit(f, run->e, run->n)
             : kind == GRADE_JSON  ? grade_write_json(f, run->e, run->n,
                                                      &run->info)
                                   : grade_write_status(f, run, old);
    /* A writer that fails for lack of memory leaves errno ENOMEM. */
    nomem = nomem || (rc != 0 && errno == ENOMEM);
    if (old != NULL)
        fclose(old);
    if (fclose(f) != 0 || rc != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "grade: cannot write %s%s\n", path,
                nomem ? ": out of memory" : "");
        remove(tmp);
        return nomem ? KIT_ENOMEM : KIT_ESYS;
    }
    return KIT_OK;
}

/* A file's identity and contents' stamp: any write changes one of them
 * (ctime cannot be set back by its owner). */
struct grade_stamp {
    bool exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
};

static struct grade_stamp grade_stamp_of(const char *path)
{
    struct stat st;
    struct grade_stamp s = {false, 0, 0, 0, {0, 0}, {0, 0}};
    if (stat(path, &st) == 0)
        s = (struct grade_stamp){true, st.st_dev, st.st_ino, st.st_size,
                                 st.st_mtim, st.st_ctim};
    return s;
}

static bool grade_stamp_same(const struct grade_stamp *a,
                             const struct grade_stamp *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
           a->size == b->size && a->mtime.tv_sec == b->mtime.tv_sec &&
           a->mtime.tv_nsec == b->mtime.tv_nsec &&
           a->ctime.tv_sec == b->ctime.tv_sec &&
           a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/* One exercise's storage: the entry, the strings it points to and the
 * stamp of its test binary when grading began. */
struct grade_slot {
    char name[GRADE_NAME_MAX];
    char hint[GRADE_HINT_MAX];
    char quiz[128];
    const char *binary;
    struct grade_stamp stamp;
};

/* Reads NAME=BINARY and the exercise's list of cases, before anything
 * runs.  Returns 0, or the exit status when the list cannot be read. */
static int grade_prepare(const char *arg, const struct grade_opts *o,
                         struct grade_entry *e, struct grade_slot *slot)
{
    const char *eq = strchr(arg, '=');
    size_t len = (size_t)(eq - arg);
    if (len >= sizeof slot->name)
        len = sizeof slot->name - 1;
    memcpy(slot->name, arg, len);
    slot->name[len] = '\0';
    slot->binary = eq + 1;
    slot->stamp = grade_stamp_of(slot->binary);
    e->exercise = slot->name;
    e->quiz = grade_quiz(o->exercises, slot->name, slot->quiz,
                         sizeof slot->quiz);
    e->hint = grade_hint(o->hints, slot->name, slot->hint, sizeof slot->hint);
    grade_result_init(&e->result);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.cases", o->cases, slot->name);
    struct kit_error err;
    enum kit_status st = grade_load_cases(path, &e->result, &err);
    if (st != KIT_OK)
        fprintf(stderr, "grade: %s: %s\n", slot->name, err.msg);
    return prog_exit_status(st, 2);
}

/* The first line of the build log about the exercise's file (any file
 * when exercise is "") that says what (e.g. "error"), into line; how many
 * such lines there are. */
static unsigned grade_log_lines(const char *log, const char *exercise,
                                const char *what, char *line, size_t cap)
{
    FILE *f = log != NULL ? fopen(log, "r") : NULL;
    if (f == NULL)
        return 0;
    char want[GRADE_NAME_MAX + 16], buf[1024];
    snprintf(want, sizeof want, exercise[0] ? "kata/%s.c:" : "%s", exercise);
    unsigned found = 0;
    while (fgets(buf, sizeof buf, f) != NULL)
        if (strstr(buf, want) != NULL && strstr(buf, what) != NULL &&
            found++ == 0)
            snprintf(line, cap, "%.*s", (int)strcspn(buf, "\n"), buf);
    fclose(f);
    return found;
}

/* A test binary that did not build: the compiler's first error about the
 * exercise's file, and where the rest is; one that built with warnings:
 * the first, as a note (they are not errors in student code). */
static void grade_build_messages(struct grade_result *r, const char *log,
                                 const char *exercise)
{
    char line[600];
    if (r->status == GRADE_NOBUILD &&
        (grade_log_lines(log, exercise, "error", line, sizeof line) > 0 ||
         grade_log_lines(log, "", "undefined reference", line,
                         sizeof line) > 0 ||
         grade_log_lines(log, "", " error: ", line, sizeof line) > 0)) {
        snprintf(r->first_failure, sizeof r->first_failure,
                 "%s\n(the compiler's whole output: %.120s)", line, log);
        return;
    }
    unsigned n = grade_log_lines(log, exercise, "warning:", line,
                                 sizeof line);
    if (n > 0 && r->note[0] == '\0')
        snprintf(r->note, sizeof r->note, "the compiler warns: %s%s (%.120s)",
                 line, n > 1 ? " and more" : "", log);
}

static void grade_tampered(struct grade_result *r, const char *what)
{
    r->status = GRADE_TAMPER;
    snprintf(r->first_failure, sizeof r->first_failure,
             "%s changed while the exercises were graded: code under test "
             "wrote to it, so this grade is void",
             what);
}

/* Runs one exercise; returns 0, or the exit status when the run itself
 * failed. */
static int grade_one(const struct grade_opts *o, enum grade_mode mode,
                     const struct grade_stamp *guards,
                     struct grade_entry *e, const struct grade_slot *slot)
{
    struct grade_stamp now = grade_stamp_of(slot->binary);
    if (!grade_stamp_same(&now, &slot->stamp)) {
        grade_tampered(&e->result, slot->binary);
        return 0;
    }
    struct kit_error err;
    enum kit_status st = grade_run(slot->binary, mode, &o->limits, &e->result,
                                   &err);
    if (st != KIT_OK) {
        fprintf(stderr, "grade: %s: %s\n", slot->name, err.msg);
        return prog_exit_status(st, 2);
    }
    grade_build_messages(&e->result, o->build_log, slot->name);
    if (e->result.status == GRADE_NOBUILD)
        e->build_errors = grade_build_errors(o->build_log, slot->name);
    for (size_t g = 0; g < o->nguard; g++) {
        now = grade_stamp_of(o->guard[g]);
        if (!grade_stamp_same(&now, &guards[g]))
            grade_tampered(&e->result, o->guard[g]);
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

/* The worse of two outcomes: out of memory over another failure. */
static enum kit_status grade_worse(enum kit_status a, enum kit_status b)
{
    return a == KIT_ENOMEM || b == KIT_OK ? a : b;
}

/* Prints and saves the reports; returns the exit status. */
static int grade_report(const struct grade_opts *o, const struct grade_run *run)
{
    enum kit_status bad = KIT_OK;
    if (o->progress)
        grade_print_progress(stdout, run->e, run->n);
    else
        grade_print_table(stdout, run->e, run->n, prog_color_stdout(o->color));
    if (o->json != NULL)
        bad = grade_worse(bad, grade_save(o->json, run, GRADE_JSON));
    if (o->junit != NULL)
        bad = grade_worse(bad, grade_save(o->junit, run, GRADE_JUNIT));
    if (o->status != NULL)
        bad = grade_worse(bad, grade_save(o->status, run, GRADE_STATUS));
    if (!o->progress && (o->json != NULL || o->junit != NULL))
        printf("\nreports (%s mode, run %s): %s%s%s\n",
               grade_mode_name(run->info.mode), run->info.run_id,
               o->json ? o->json : "", o->json && o->junit ? ", " : "",
               o->junit ? o->junit : "");
    if (bad != KIT_OK)
        return prog_exit_status(bad, 2);
    return grade_all_pass(run->e, run->n) ? 0 : 1;
}

/* A stale report must never be read as this run's: they go first.  (The
 * status file is not a report: it keeps the exercises not graded now.) */
static void grade_remove_reports(const struct grade_opts *o)
{
    const char *paths[] = {o->json, o->junit};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        if (paths[i] != NULL)
            remove(paths[i]);
}

/* The mode for every exercise of this run; says so loudly when it is not
 * the sandbox.  Returns false when the sandbox was required and is not
 * available. */
static bool grade_choose_mode(const struct grade_opts *o,
                              enum grade_mode *mode, char *why, size_t cap)
{
    why[0] = '\0';
    if (o->mode == GRADE_MODE_FALLBACK) {
        snprintf(why, cap, "--mode fallback was asked for");
    } else if (!grade_sandbox_available(why, cap)) {
        if (o->mode == GRADE_MODE_SANDBOX) {
            fprintf(stderr, "grade: the sandbox is not available here: %s\n",
                    why);
            return false;
        }
    } else {
        *mode = GRADE_MODE_SANDBOX;
        return true;
    }
    *mode = GRADE_MODE_FALLBACK;
    if (!o->progress)
        fprintf(stderr,
                "grade: WARNING: no sandbox (%s). Grading in FALLBACK mode: "
                "the tests run in their own session%s, but code under test "
                "%s (docs/kata.md, \"Threat model\").\n",
                why, geteuid() == 0 ? " as a uid of their own" : "",
                geteuid() == 0 ? "can still read files and use the network"
                               : "can still write your files, signal the "
                                 "grader and use the network");
    return true;
}

static void grade_run_id(char *buf, size_t cap)
{
    unsigned char raw[4] = {0, 0, 0, 0};
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
        raw[0] = (unsigned char)getpid();
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(buf, cap, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(buf + n, cap - n, "-%02x%02x%02x%02x", raw[0], raw[1], raw[2],
             raw[3]);
}

static int grade_all(const struct grade_opts *o, char **args, size_t n)
{
    struct grade_entry *e = calloc(n, sizeof *e);
    struct grade_slot *slots = calloc(n, sizeof *slots);
    struct grade_stamp guards[GRADE_GUARD_MAX];
    char id[64], why[256];
    struct grade_run run = {e, n, {id, GRADE_MODE_FALLBACK, why,
                                   o->limits.timeout_s}, !o->progress};
    int rc = 0;
    if (e == NULL || slots == NULL) {
        fprintf(stderr, "grade: out of memory\n");
        rc = prog_exit_status(KIT_ENOMEM, 2);
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = grade_prepare(args[i], o, &e[i], &slots[i]);
    for (size_t g = 0; g < o->nguard; g++)
        guards[g] = grade_stamp_of(o->guard[g]);
    if (rc == 0 && !grade_choose_mode(o, &run.info.mode, why, sizeof why))
        rc = 2;
    grade_run_id(id, sizeof id);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = grade_one(o, run.info.mode, guards, &e[i], &slots[i]);
    if (rc == 0)
        rc = grade_report(o, &run);
    for (size_t i = 0; e != NULL && i < n; i++) {
        grade_result_free(&e[i].result);
        free(e[i].build_errors);
    }
    free(e);
    free(slots);
    return rc;
}

/* grade --class DIR [--out OUTDIR] [--plot SCRIPT], in any order. */
static int grade_class(int argc, char **argv)
{
    enum { CO_CLASS, CO_OUT, CO_PLOT, CO_COUNT };
    static const struct opts_spec spec[CO_COUNT] = {
        [CO_CLASS] = {"--class", true},
        [CO_OUT] = {"--out", true},
        [CO_PLOT] = {"--plot", true},
    };
    struct opts_seen seen;
    struct kit_error err;
    if (opts_scan(argc - 1, argv + 1, spec, CO_COUNT, OPTS_ALL, &seen, NULL,
                  &err) != KIT_OK)
        return prog_usage_error(stderr, &grade_info, err.msg);
    const char *dir = seen.value[CO_CLASS];
    const char *out = seen.present[CO_OUT] ? seen.value[CO_OUT]
                                           : "build/class";
    const char *plot = seen.present[CO_PLOT] ? seen.value[CO_PLOT]
                                             : "plots/class.gp";
    struct class_report r;
    enum kit_status s = class_load(dir, stderr, &r, &err);
    if (s != KIT_OK) {
        fprintf(stderr, "grade: %s\n", err.msg);
        return s == KIT_EINVAL ? 1 : prog_exit_status(s, 2);
    }
    class_print_text(stdout, &r);
    s = class_write_all(&r, out, plot, &err);
    if (s != KIT_OK)
        fprintf(stderr, "grade: %s\n", err.msg);
    else
        printf("\nclass view: %s/class.json, class.svg, class.png, "
               "section.html\n", out);
    class_free(&r);
    return prog_exit_status(s, 2);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--class") == 0)
        return grade_class(argc, argv);
    /* grade_run() reaps each test itself: an inherited SIG_IGN would make
     * the kernel reap it first, and waitpid() fail. */
    signal(SIGCHLD, SIG_DFL);
    struct grade_opts o = {.limits = grade_limits_default(),
                           .hints = "kata/hints",
                           .color = PROG_COLOR_AUTO,
                           .mode = GRADE_MODE_AUTO};
    struct opts_seen seen;
    struct kit_error err;
    int first;
    enum kit_status st = grade_options(argc, argv, &o, &seen, &first, &err);
    int rc = prog_options_done(&grade_info, st, &seen, &err, stdout, stderr);
    if (rc != PROG_RUN)
        return rc;
    grade_remove_reports(&o);
    if (grade_check_args(&o, argv + first, argc - first, &err) != KIT_OK)
        return prog_usage_error(stderr, &grade_info, err.msg);
    size_t n = (size_t)(argc - first);
    return grade_all(&o, argv + first, n);
}
