/* make bench: the kit's benchmarks (bench/bodies.h) through the shim,
 * with the results table, the fitted complexity, Google Benchmark's JSON,
 * a TSV and gnuplot variables for the plots.
 *
 *   bench [OPTIONS] [--benchmark_...]            (--help lists them)
 *
 * Every exercise's result is checked on every size before anything is
 * timed; a wrong result stops the run with the exercise to fix.  Google
 * Benchmark's own display goes to FILE (default OUT/console.log; - for
 * stdout); the screen gets one line per family, then the table. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bodies.h"
#include "populate.h"
#include "prog.h"
#include "report.h"
#include "shim.h"

#define MAIN_MAX_SIZES 32
#define MAIN_PATH_MAX 512
#define MAIN_MAX_GB_ARGS 16
/* The fixed-p series keeps this many versions in Production. */
#define MAIN_FIXED_P 5

struct main_opts {
    int64_t sizes[MAIN_MAX_SIZES];
    size_t nsizes;
    int reps;
    double min_time;
    const char *out;
    const char *impl;
    const char *reference;
    const char *console; /* NULL: OUT/console.log; "-": stdout */
    int check_only;
    int64_t fixed_n;              /* the fixed-n series' n */
    int64_t ps[MAIN_MAX_SIZES];   /* and its values of p */
    size_t nps;
    size_t pool_min;              /* the random pools' size (fixture.h) */
    char *gb_argv[MAIN_MAX_GB_ARGS + 4];
    int gb_argc;
};

/* Each set also fixes the fixed-n series, its n and its values of p, and
 * the size of the pools the random benchmarks rotate through (a list of
 * sizes takes the default set's).  The smoke set, whose figures are not
 * measurements, rotates through a small pool: building 2^17 versions per
 * point is most of what a smoke run would cost. */
static const struct main_size_set {
    const char *name;
    int64_t sizes[MAIN_MAX_SIZES];
    size_t count;
    int64_t fixed_n;
    int64_t ps[MAIN_MAX_SIZES];
    size_t nps;
    size_t pool_min;
} main_size_sets[] = {
    {"default", {10, 100, 1000}, 3,
     100000, {1, 10, 100, 1000, 10000, 100000}, 6, FIXTURE_POOL_MIN},
    {"full", {10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000, 300000,
              1000000}, 11,
     100000, {1, 3, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000}, 11,
     FIXTURE_POOL_MIN},
    {"smoke", {10, 100}, 2, 1000, {1, 10, 100, 1000}, 4, 4096},
};

static void main_series_of(struct main_opts *o,
                           const struct main_size_set *set)
{
    o->fixed_n = set->fixed_n;
    o->nps = set->nps;
    o->pool_min = set->pool_min;
    memcpy(o->ps, set->ps, sizeof o->ps);
}

/* A comma-separated list of at most MAIN_MAX_SIZES sizes, or the name of
 * a set; a longer list is refused, not cut short. */
static int main_parse_sizes(struct main_opts *o, const char *arg)
{
    for (size_t i = 0; i < sizeof main_size_sets / sizeof main_size_sets[0];
         i++) {
        if (strcmp(arg, main_size_sets[i].name) != 0)
            continue;
        o->nsizes = main_size_sets[i].count;
        memcpy(o->sizes, main_size_sets[i].sizes, sizeof o->sizes);
        main_series_of(o, &main_size_sets[i]);
        return 0;
    }
    o->nsizes = 0;
    main_series_of(o, &main_size_sets[0]);
    for (const char *p = arg; *p;) {
        char *end;
        if (o->nsizes == MAIN_MAX_SIZES) {
            fprintf(stderr, "bench: --sizes lists more than %d sizes, "
                    "the most one run takes\n", MAIN_MAX_SIZES);
            return -1;
        }
        errno = 0;
        long long v = strtoll(p, &end, 10);
        if (errno || end == p || v < 1 || v > 100000000 ||
            (*end != ',' && *end != '\0'))
            return -1;
        o->sizes[o->nsizes++] = v;
        p = *end ? end + 1 : end;
    }
    return o->nsizes > 0 ? 0 : -1;
}

static int main_parse_number(const char *arg, double lo, double hi,
                             double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static const struct prog_info main_info = {
    .name = "bench",
    .usage = "[OPTIONS] [--benchmark_...]",
    .about = "  Checks every exercise it times, runs the kit's benchmarks through\n"
             "  Google Benchmark (one line per family; its own output goes to\n"
             "  OUT/console.log), then prints the table with each family's\n"
             "  verdict and 95% interval, and the ratios.  Options that start\n"
             "  with --benchmark_ go to Google Benchmark.\n",
    .options =
        "  --sizes SET      default (10, 100, 1000), full (10 .. 10^6), smoke,\n"
        "                   or a list N,N,... [default]\n"
        "  --reps N         repetitions of each benchmark, 1 to 100 [5]\n"
        "  --min-time S     seconds per repetition [0.05]\n"
        "  --out DIR        results.json, results.tsv, table.txt, meta.gp\n"
        "                   [build/bench]\n"
        "  --impl NAME      the name the table gives the code [solutions]\n"
        "  --reference DIR  another run's results.tsv, shown beside\n"
        "  --check-only     the exercises' checks, no timing\n"
        "  --console FILE   Google Benchmark's output [OUT/console.log]; -\n"
        "                   for the screen\n",
    .exits = "  0  the checks passed and the benchmarks ran\n"
             "  1  a check failed (the message names the exercise to fix),\n"
             "     or OUT could not be written\n"
             "  2  usage error\n",
    .output_error = 1,
};

enum {
    MAIN_OPT_SIZES = PROG_NOPTS, MAIN_OPT_REPS, MAIN_OPT_MIN_TIME,
    MAIN_OPT_OUT, MAIN_OPT_IMPL, MAIN_OPT_REFERENCE, MAIN_OPT_CHECK_ONLY,
    MAIN_OPT_CONSOLE, MAIN_NOPTS
};

static const struct opts_spec main_spec[MAIN_NOPTS] = {
    PROG_STD_SPECS,
    [MAIN_OPT_SIZES] = {"--sizes", true},
    [MAIN_OPT_REPS] = {"--reps", true},
    [MAIN_OPT_MIN_TIME] = {"--min-time", true},
    [MAIN_OPT_OUT] = {"--out", true},
    [MAIN_OPT_IMPL] = {"--impl", true},
    [MAIN_OPT_REFERENCE] = {"--reference", true},
    [MAIN_OPT_CHECK_ONLY] = {"--check-only", false},
    [MAIN_OPT_CONSOLE] = {"--console", true},
};

/* The values of the options that take numbers or sizes; a usage error
 * (with click's words) in err. */
static enum kit_status main_values(struct main_opts *o,
                                   const struct opts_seen *seen,
                                   struct kit_error *err)
{
    double v;
    const char *x = seen->value[MAIN_OPT_SIZES];
    if (x != NULL && main_parse_sizes(o, x) != 0)
        return kit_error_set(err, KIT_EUSAGE, "Invalid value for '--sizes': "
                             "'%s' is not default, full, smoke or a list of "
                             "at most %d sizes from 1 to 10^8.", x,
                             MAIN_MAX_SIZES);
    if ((x = seen->value[MAIN_OPT_REPS]) != NULL) {
        if (main_parse_number(x, 1, 100, &v) != 0 || v != (int)v)
            return kit_error_set(err, KIT_EUSAGE, "Invalid value for "
                                 "'--reps': '%s' is not a whole number from "
                                 "1 to 100.", x);
        o->reps = (int)v;
    }
    x = seen->value[MAIN_OPT_MIN_TIME];
    if (x != NULL && main_parse_number(x, 1e-6, 60, &o->min_time) != 0)
        return kit_error_set(err, KIT_EUSAGE, "Invalid value for "
                             "'--min-time': '%s' is not a number of seconds "
                             "from 0.000001 to 60.", x);
    return KIT_OK;
}

/* The command line: the --benchmark_ options go to Google Benchmark, the
 * rest through opts_scan.  Returns PROG_RUN to go on, or main's status. */
static int main_parse(struct main_opts *o, int argc, char **argv)
{
    char *kit[MAIN_MAX_GB_ARGS + 64];
    int nkit = 0;
    *o = (struct main_opts){.reps = 5, .min_time = 0.05, .out = "build/bench",
                            .impl = "solutions"};
    main_parse_sizes(o, "default");
    o->gb_argv[o->gb_argc++] = argv[0];
    for (int i = 1; i < argc; i++) {
        bool gb = strncmp(argv[i], "--benchmark_", 12) == 0;
        if (gb ? o->gb_argc == MAIN_MAX_GB_ARGS
               : nkit == (int)(sizeof kit / sizeof kit[0]))
            return prog_usage_error(stderr, &main_info, "Too many options.");
        if (gb)
            o->gb_argv[o->gb_argc++] = argv[i];
        else
            kit[nkit++] = argv[i];
    }
    struct opts_seen seen;
    struct kit_error err;
    enum kit_status st = opts_scan(nkit, kit, main_spec, MAIN_NOPTS, OPTS_ALL,
                                   &seen, NULL, &err);
    if (st == KIT_OK && !seen.present[PROG_OPT_HELP] &&
        !seen.present[PROG_OPT_VERSION])
        st = main_values(o, &seen, &err);
    int rc = prog_options_done(&main_info, st, &seen, &err, stdout, stderr);
    if (rc != PROG_RUN)
        return rc;
    if (seen.value[MAIN_OPT_OUT] != NULL)
        o->out = seen.value[MAIN_OPT_OUT];
    if (seen.value[MAIN_OPT_IMPL] != NULL)
        o->impl = seen.value[MAIN_OPT_IMPL];
    o->reference = seen.value[MAIN_OPT_REFERENCE];
    o->console = seen.value[MAIN_OPT_CONSOLE];
    o->check_only = seen.present[MAIN_OPT_CHECK_ONLY];
    return PROG_RUN;
}

/* Everything the benchmarks run over, built and checked before any of
 * them is timed. */
struct main_data {
    struct fixture fx[MAIN_MAX_SIZES];
    size_t nfx;
    struct fixture_np fixed_p[MAIN_MAX_SIZES], fixed_n[MAIN_MAX_SIZES];
    int64_t fixed_p_args[MAIN_MAX_SIZES], fixed_n_args[MAIN_MAX_SIZES];
    size_t nfixed_p, nfixed_n;
};

static void main_data_free(struct main_data *d)
{
    for (size_t i = 0; i < d->nfx; i++)
        fixture_free(&d->fx[i]);
    for (size_t i = 0; i < d->nfixed_p; i++)
        fixture_np_free(&d->fixed_p[i]);
    for (size_t i = 0; i < d->nfixed_n; i++)
        fixture_np_free(&d->fixed_n[i]);
}

/* The pools the benchmarks rotate through are for timing: a check alone
 * builds one window of each size (bench/fixture.h). */
static size_t main_pool_min(const struct main_opts *o)
{
    return o->check_only ? 0 : o->pool_min;
}

/* One point of a series, built and checked; its argument is arg.  On
 * error, said on stderr: fixture_np_build()'s status, or KIT_ENOTIMPL
 * for a check that fails (the message names the exercise). */
static enum kit_status main_build_np(struct fixture_np *f, int64_t *args,
                                     size_t *count, size_t n, size_t p,
                                     int64_t arg, size_t pool_min)
{
    struct kit_error err;
    char msg[512];
    enum kit_status st = fixture_np_build(&f[*count], n, p, pool_min, &err);
    if (st != KIT_OK) {
        fprintf(stderr, "\nbench: %s\n", err.msg);
        return st;
    }
    args[*count] = arg;
    ++*count;
    if (fixture_np_check(&f[*count - 1], msg, sizeof msg) != 0) {
        fprintf(stderr, "\nbench: %s\n", msg);
        return KIT_ENOTIMPL;
    }
    return KIT_OK;
}

/* The two series: n grows with p = MAIN_FIXED_P (sizes below it are left
 * out), and n = fixed_n with p growing (values above it are left out). */
static enum kit_status main_build_series(const struct main_opts *o,
                                         struct main_data *d)
{
    enum kit_status st = KIT_OK;
    for (size_t i = 0; st == KIT_OK && i < o->nsizes; i++) {
        size_t n = (size_t)o->sizes[i];
        if (n >= MAIN_FIXED_P)
            st = main_build_np(d->fixed_p, d->fixed_p_args, &d->nfixed_p, n,
                               MAIN_FIXED_P, o->sizes[i], main_pool_min(o));
    }
    for (size_t i = 0; st == KIT_OK && i < o->nps; i++) {
        if (o->ps[i] <= o->fixed_n)
            st = main_build_np(d->fixed_n, d->fixed_n_args, &d->nfixed_n,
                               (size_t)o->fixed_n, (size_t)o->ps[i],
                               o->ps[i], main_pool_min(o));
    }
    return st;
}

/* Builds and checks the data of every size (not timed).  On error, said
 * on stderr and with everything released: fixture_build()'s status, or
 * KIT_ENOTIMPL for a check that fails. */
static enum kit_status main_build(const struct main_opts *o,
                                  struct main_data *d)
{
    struct kit_error err;
    char msg[512];
    memset(d, 0, sizeof *d);
    printf("bench: building and checking registries of");
    for (size_t i = 0; i < o->nsizes; i++) {
        printf(" %lld", (long long)o->sizes[i]);
        fflush(stdout);
        enum kit_status st = fixture_build(&d->fx[i], (size_t)o->sizes[i],
                                           main_pool_min(o), &err);
        if (st != KIT_OK) {
            fprintf(stderr, "\nbench: %s\n", err.msg);
        } else {
            d->nfx++;
            if (fixture_check(&d->fx[i], msg, sizeof msg) != 0) {
                fprintf(stderr, "\nbench: %s\n", msg);
                st = KIT_ENOTIMPL;
            }
        }
        if (st != KIT_OK) {
            main_data_free(d);
            return st;
        }
    }
    printf(" versions, and the n-and-p series (p = %d; n = %lld)",
           MAIN_FIXED_P, (long long)o->fixed_n);
    fflush(stdout);
    enum kit_status st = main_build_series(o, d);
    if (st != KIT_OK) {
        main_data_free(d);
        return st;
    }
    printf(": results correct\n");
    return KIT_OK;
}

static void main_date(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm);
}

static void main_path(char *buf, const char *dir, const char *file)
{
    snprintf(buf, MAIN_PATH_MAX, "%s/%s", dir, file);
}

/* The table to stdout and to DIR/table.txt, the TSV, the gnuplot file.
 * Returns KIT_OK, KIT_ENOMEM or KIT_ESYS, said on stderr. */
static enum kit_status main_write(const struct main_opts *o,
                                  const struct report *r,
                                  const struct report_meta *m)
{
    char path[MAIN_PATH_MAX];
    struct report ref;
    report_init(&ref);
    int have_ref = 0;
    if (o->reference != NULL) {
        main_path(path, o->reference, "results.tsv");
        have_ref = report_read_tsv(&ref, path) == 0;
        if (!have_ref && errno == ENOMEM) {
            report_free(&ref);
            fprintf(stderr, "bench: out of memory reading %s\n", path);
            return KIT_ENOMEM;
        }
        if (!have_ref)
            fprintf(stderr, "bench: no reference figures in %s\n", path);
    }
    report_print(r, have_ref ? &ref : NULL, m, stdout);
    main_path(path, o->out, "table.txt");
    FILE *f = fopen(path, "w");
    int rc = f == NULL ? -1 : 0;
    if (f != NULL) {
        report_print(r, have_ref ? &ref : NULL, m, f);
        rc = fclose(f);
    }
    report_free(&ref);
    main_path(path, o->out, "results.tsv");
    rc |= report_write_tsv(r, path);
    main_path(path, o->out, "meta.gp");
    rc |= report_write_gnuplot(r, m, path);
    int e = errno;
    if (rc != 0) {
        fprintf(stderr, "bench: cannot write under %s: %s\n", o->out,
                kit_errno_text(e));
        return kit_errno_status(e);
    }
    printf("\nbench: results in %s/ (results.json, results.tsv, "
           "table.txt, meta.gp)\n", o->out);
    return KIT_OK;
}

/* The progress of the run: one line per family, when its last
 * benchmark is done. */
struct main_progress {
    struct report *report;
    const struct main_opts *o;
    const struct main_data *d;
    double start;
    size_t done; /* benchmarks of the current family done */
};

static double main_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* How many benchmarks (arguments) a family runs. */
static size_t main_family_size(const struct main_progress *g,
                               const char *family)
{
    if (strncmp(family, "fixed-p/", 8) == 0)
        return g->d->nfixed_p;
    if (strncmp(family, "fixed-n/", 8) == 0)
        return g->d->nfixed_n;
    if (strncmp(family, "overhead/", 9) == 0)
        return 1;
    return g->o->nsizes;
}

static void main_on_done(void *ud, const char *family, double arg)
{
    struct main_progress *g = ud;
    (void)arg;
    if (++g->done < main_family_size(g, family))
        return;
    double now = main_now();
    const char *what = strncmp(family, "fixed-n/", 8) == 0 ? "values of p"
                       : g->done == 1 ? "size" : "sizes";
    printf("  %-24s %2zu %-11s %6.1f s\n", family, g->done, what,
           now - g->start);
    fflush(stdout);
    g->done = 0;
    g->start = now;
}

static void main_on_result(void *ud, const struct bench_result *res)
{
    report_on_result(((struct main_progress *)ud)->report, res);
}

/* Debian's libbenchmark is built without NDEBUG and says so in the
 * console log; the table explains what that costs. */
static void main_explain_debug(const char *log)
{
    char line[256];
    FILE *f = fopen(log, "r");
    int seen = 0;
    while (f != NULL && !seen && fgets(line, sizeof line, f) != NULL)
        seen = strstr(line, "Library was built as DEBUG") != NULL;
    if (f != NULL)
        fclose(f);
    if (seen)
        printf("bench: the log's \"***WARNING*** Library was built as DEBUG\" "
               "is Debian's libbenchmark, compiled\n       with its checks on: "
               "they cost the harness, not the timed loops, and the\n       "
               "shim / native ratios below measure that harness (see "
               "docs/bench.md)\n");
}

/* Registers and runs the benchmarks, then writes the results.  Returns
 * KIT_OK; KIT_ENOMEM when a result was lost for lack of memory (nothing
 * is written then); KIT_ESYS when the benchmarks could not run or the
 * results could not be written. */
static enum kit_status main_run(struct main_opts *o, const struct main_data *d)
{
    char out_arg[MAIN_PATH_MAX + 32], machine[256], date[64];
    char log[MAIN_PATH_MAX];
    struct bodies_suite suite = {
        d->fx, o->nsizes,
        {d->fixed_p, d->fixed_p_args, d->nfixed_p},
        {d->fixed_n, d->fixed_n_args, d->nfixed_n},
    };
    struct report r;
    struct report_meta m = {
        .impl = o->impl, .machine = bench_machine(machine, sizeof machine),
        .date = date, .repetitions = o->reps,
        .production_fraction =
            (double)populate_count(600, STAGE_PRODUCTION) / 600.0,
        .cache = {0, bench_cache_size(1), bench_cache_size(2),
                  bench_cache_size(3)},
    };
    main_date(date, sizeof date);
    if (bodies_register(&suite, o->sizes, o->nsizes, o->reps,
                        o->min_time) != 0) {
        fprintf(stderr, "bench: the shim refused a benchmark\n");
        return KIT_ESYS;
    }
    snprintf(out_arg, sizeof out_arg, "--benchmark_out=%s/results.json",
             o->out);
    o->gb_argv[o->gb_argc++] = out_arg;
    o->gb_argv[o->gb_argc++] = "--benchmark_out_format=json";
    o->gb_argv[o->gb_argc] = NULL;
    if (o->console == NULL)
        main_path(log, o->out, "console.log");
    else
        snprintf(log, sizeof log, "%s", o->console);
    bool to_log = strcmp(log, "-") != 0;
    printf("bench: %zu sizes x %d repetitions, production fraction %.3f; "
           "one line per family as it ends%s%s%s\n", o->nsizes, o->reps,
           m.production_fraction, to_log ? " (Google Benchmark's output: " : "",
           to_log ? log : "", to_log ? ")" : "");
    fflush(stdout);
    report_init(&r);
    struct main_progress g = {&r, o, d, main_now(), 0};
    struct bench_sink sink = {main_on_result, main_on_done, &g,
                              to_log ? log : NULL};
    long ran = bench_run(o->gb_argc, o->gb_argv, &sink);
    if (ran >= 0 && to_log)
        main_explain_debug(log);
    enum kit_status st = ran < 0 ? KIT_ESYS : KIT_OK;
    if (st == KIT_OK && r.oom) {
        fprintf(stderr, "bench: out of memory: some results were lost, so "
                        "nothing was written under %s\n", o->out);
        st = KIT_ENOMEM;
    }
    if (st == KIT_OK)
        st = main_write(o, &r, &m);
    report_free(&r);
    return st;
}

int main(int argc, char **argv)
{
    struct main_opts o;
    static struct main_data d; /* large: the fixtures of 32 sizes */
    int parsed = main_parse(&o, argc, argv);
    if (parsed != PROG_RUN)
        return parsed;
    enum kit_status st = main_build(&o, &d);
    if (st != KIT_OK)
        return prog_exit_status(st, 1);
    if (!o.check_only)
        st = main_run(&o, &d);
    main_data_free(&d);
    return prog_exit_status(st, 1);
}
