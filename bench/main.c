/* make bench: the kit's benchmarks (bench/bodies.h) through the shim,
 * with the results table, the fitted complexity, Google Benchmark's JSON,
 * a TSV and gnuplot variables for the plots.
 *
 *   bench [--sizes=default|full|smoke|N,N,...] [--reps=N] [--min-time=S]
 *         [--out=DIR] [--impl=NAME] [--reference=DIR] [--check-only]
 *         [--benchmark_...]
 *
 * Every exercise's result is checked on every size before anything is
 * timed; a wrong result stops the run with the exercise to fix. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bodies.h"
#include "populate.h"
#include "report.h"
#include "shim.h"

#define MAIN_MAX_SIZES 32
#define MAIN_PATH_MAX 512
#define MAIN_MAX_GB_ARGS 16

struct main_opts {
    int64_t sizes[MAIN_MAX_SIZES];
    size_t nsizes;
    int reps;
    double min_time;
    const char *out;
    const char *impl;
    const char *reference;
    int check_only;
    char *gb_argv[MAIN_MAX_GB_ARGS + 4];
    int gb_argc;
};

static const struct {
    const char *name;
    int64_t sizes[MAIN_MAX_SIZES];
    size_t count;
} main_size_sets[] = {
    {"default", {10, 100, 1000}, 3},
    {"full", {10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000, 300000,
              1000000}, 11},
    {"smoke", {10, 100}, 2},
};

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
        return 0;
    }
    o->nsizes = 0;
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

/* One option; returns 0, or -1 for a bad one. */
static int main_parse_one(struct main_opts *o, char *arg)
{
    double v;
    if (strncmp(arg, "--sizes=", 8) == 0)
        return main_parse_sizes(o, arg + 8);
    if (strncmp(arg, "--reps=", 7) == 0) {
        if (main_parse_number(arg + 7, 1, 100, &v) != 0)
            return -1;
        o->reps = (int)v;
        return 0;
    }
    if (strncmp(arg, "--min-time=", 11) == 0)
        return main_parse_number(arg + 11, 1e-6, 60, &o->min_time);
    if (strncmp(arg, "--out=", 6) == 0)
        return (o->out = arg + 6), 0;
    if (strncmp(arg, "--impl=", 7) == 0)
        return (o->impl = arg + 7), 0;
    if (strncmp(arg, "--reference=", 12) == 0)
        return (o->reference = arg + 12), 0;
    if (strcmp(arg, "--check-only") == 0)
        return (o->check_only = 1), 0;
    if (strncmp(arg, "--benchmark_", 12) == 0 &&
        o->gb_argc < MAIN_MAX_GB_ARGS)
        return (o->gb_argv[o->gb_argc++] = arg), 0;
    return -1;
}

static int main_parse(struct main_opts *o, int argc, char **argv)
{
    *o = (struct main_opts){.reps = 5, .min_time = 0.05, .out = "build/bench",
                            .impl = "solutions"};
    main_parse_sizes(o, "default");
    o->gb_argv[o->gb_argc++] = argv[0];
    for (int i = 1; i < argc; i++) {
        if (main_parse_one(o, argv[i]) != 0) {
            fprintf(stderr, "bench: bad option '%s'\nusage: %s "
                    "[--sizes=default|full|smoke|N,N,...] [--reps=N] "
                    "[--min-time=S] [--out=DIR] [--impl=NAME] "
                    "[--reference=DIR] [--check-only] [--benchmark_...]\n",
                    argv[i], argv[0]);
            return -1;
        }
    }
    return 0;
}

/* Builds and checks the data of every size (not timed). */
static int main_build(const struct main_opts *o, struct fixture *fx)
{
    struct reg_error err;
    char msg[512];
    printf("bench: building and checking registries of");
    for (size_t i = 0; i < o->nsizes; i++) {
        printf(" %lld", (long long)o->sizes[i]);
        fflush(stdout);
        int bad = fixture_build(&fx[i], (size_t)o->sizes[i], &err) != REG_OK;
        if (bad)
            fprintf(stderr, "\nbench: %s\n", err.msg);
        else if ((bad = fixture_check(&fx[i], msg, sizeof msg) != 0))
            fprintf(stderr, "\nbench: %s\n", msg);
        if (bad) {
            for (size_t j = 0; j <= i; j++) /* fixture_free is idempotent */
                fixture_free(&fx[j]);
            return -1;
        }
    }
    printf(" versions: results correct\n");
    return 0;
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

/* The table to stdout and to DIR/table.txt, the TSV, the gnuplot file. */
static int main_write(const struct main_opts *o, const struct report *r,
                      const struct report_meta *m)
{
    char path[MAIN_PATH_MAX];
    struct report ref;
    report_init(&ref);
    int have_ref = 0;
    if (o->reference != NULL) {
        main_path(path, o->reference, "results.tsv");
        have_ref = report_read_tsv(&ref, path) == 0;
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
    if (rc != 0)
        fprintf(stderr, "bench: cannot write under %s: %s\n", o->out,
                strerror(errno));
    else
        printf("\nbench: results in %s/ (results.json, results.tsv, "
               "table.txt, meta.gp)\n", o->out);
    return rc;
}

/* Registers and runs the benchmarks, then writes the results. */
static int main_run(struct main_opts *o, struct fixture *fx)
{
    char out_arg[MAIN_PATH_MAX + 32], machine[256], date[64];
    struct bodies_suite suite = {fx, o->nsizes};
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
        return -1;
    }
    snprintf(out_arg, sizeof out_arg, "--benchmark_out=%s/results.json",
             o->out);
    o->gb_argv[o->gb_argc++] = out_arg;
    o->gb_argv[o->gb_argc++] = "--benchmark_out_format=json";
    o->gb_argv[o->gb_argc] = NULL;
    printf("bench: %zu sizes x %d repetitions, production fraction %.3f; "
           "each line appears when its benchmark is done\n",
           o->nsizes, o->reps, m.production_fraction);
    fflush(stdout);
    report_init(&r);
    struct bench_sink sink = {report_on_result, &r};
    long ran = bench_run(o->gb_argc, o->gb_argv, &sink);
    int rc = ran < 0 ? -1 : main_write(o, &r, &m);
    report_free(&r);
    return rc;
}

int main(int argc, char **argv)
{
    struct main_opts o;
    struct fixture fx[MAIN_MAX_SIZES];
    if (main_parse(&o, argc, argv) != 0)
        return 2;
    if (main_build(&o, fx) != 0)
        return 1;
    int rc = o.check_only ? 0 : main_run(&o, fx);
    for (size_t i = 0; i < o.nsizes; i++)
        fixture_free(&fx[i]);
    return rc == 0 ? 0 : 1;
}
