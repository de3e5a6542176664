#ifndef BENCH_SHIM_H
#define BENCH_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A C API over Google Benchmark 1.7.1 (bench/shim.cc implements it), so
 * that benchmark bodies are plain C:
 *
 *     static void body(struct bench_state *st, void *ctx)
 *     {
 *         size_t n = (size_t)bench_range(st, 0);
 *         ... set up here: the timer starts at the first keep-running ...
 *         while (bench_keep_running_batch(st, 64))
 *             for (int i = 0; i < 64; i++)
 *                 work(ctx, n);
 *         bench_set_complexity_n(st, (int64_t)n);
 *     }
 *
 * Registration is global inside Google Benchmark; the shim itself keeps no
 * state of its own.  Whatever ctx points to must outlive bench_run().
 */

/* One running benchmark (a benchmark::State).  Only the shim sees inside. */
struct bench_state;

typedef void bench_body(struct bench_state *st, void *ctx);

/* The complexity forms of Google Benchmark (benchmark::BigO). */
enum bench_big_o {
    BENCH_BIG_O_NONE,
    BENCH_BIG_O_1,
    BENCH_BIG_O_N,
    BENCH_BIG_O_N2,
    BENCH_BIG_O_N3,
    BENCH_BIG_O_LOGN,
    BENCH_BIG_O_NLOGN,
    BENCH_BIG_O_AUTO
};

/* A benchmark family: one body run for each of args[0..nargs). */
struct bench_spec {
    const char *name;       /* "dispatch/random"; copied */
    bench_body *body;
    void *ctx;              /* passed to body; not copied */
    const int64_t *args;    /* the range, read by bench_range(st, 0) */
    size_t nargs;           /* at least 1 */
    enum bench_big_o big_o; /* Google Benchmark's own fit over args */
    int repetitions;        /* 1 or more; aggregates are computed for > 1 */
    double min_time;        /* seconds per repetition; 0 for the default */
};

/* Registers a family (times in nanoseconds, CPU time; with repetitions
 * the results are every repetition and the aggregates mean, median,
 * stddev, cv and the shim's min, in the display and the JSON file).  Returns 0, or -1
 * for a NULL name/body, no args or repetitions < 1. */
int bench_register(const struct bench_spec *spec);

/* The classic loop: true while the body should run one more iteration.
 * An out-of-line call per iteration (about 1.3 ns) unless the shim and the
 * body are compiled with -flto; prefer the batched form. */
bool bench_keep_running(struct bench_state *st);

/* The batched loop: true while the body should run `batch` more
 * iterations (the last batch may overshoot; Google Benchmark counts the
 * overshoot, so times per iteration stay right).  batch >= 1. */
bool bench_keep_running_batch(struct bench_state *st, size_t batch);

/* Argument i of the current run (the range value). */
int64_t bench_range(const struct bench_state *st, int i);

/* Records n for Google Benchmark's BigO fit. */
void bench_set_complexity_n(struct bench_state *st, int64_t n);

/* Sets a user counter (a plain value: 1.7.1's JSON has no complexity_n,
 * so the kit records n and the actions as counters).  name is copied. */
void bench_counter(struct bench_state *st, const char *name, double value);

/* Stops the run with an error that the reporters show. */
void bench_skip_with_error(struct bench_state *st, const char *msg);

/* C's DoNotOptimize: the compiler must assume the memory p points to is
 * read here, so the work that produced it cannot be dropped. */
static inline void bench_do_not_optimize(const void *p)
{
    __asm__ volatile("" : : "r"(p) : "memory");
}

/* C's ClobberMemory: every pending store must be done before this point. */
static inline void bench_clobber_memory(void)
{
    __asm__ volatile("" : : : "memory");
}

/* --- running and results ------------------------------------------------ */

/* One line of results as the reporter sees it (aggregates and the BigO /
 * RMS lines).  Strings are valid only during the callback. */
struct bench_result {
    const char *family;    /* the registered name */
    const char *aggregate; /* "median", "mean", "min", "stddev", "cv",
                              "BigO", "RMS", or "" for one repetition */
    double value;    /* ns per iteration; the coefficient (ns) for BigO;
                        a fraction for cv and RMS */
    double arg;      /* the run's argument (0 for BigO and RMS lines) */
    double n, p;     /* the "n" and "p" counters (0 when absent, and on
                        the stddev and cv lines) */
    double actions;  /* the "actions" counter (0 when absent) */
    int64_t iterations;
    const char *big_o; /* "N", "lgN", ... for BigO and RMS lines, else "" */
    const char *error; /* NULL, or the message of bench_skip_with_error */
};

typedef void bench_result_fn(void *ud, const struct bench_result *r);

/* Called once a benchmark (one family at one argument) has run all its
 * repetitions, after its results. */
typedef void bench_done_fn(void *ud, const char *family, double arg);

/* Where results go.  Google Benchmark's own console display (every
 * repetition, its context lines and warnings) goes to console_log, a
 * file, or to stdout when console_log is NULL. */
struct bench_sink {
    bench_result_fn *on_result;
    bench_done_fn *on_done; /* may be NULL */
    void *ud;
    const char *console_log;
};

/* Runs every registered benchmark.  argv takes Google Benchmark's own
 * options (--benchmark_filter, --benchmark_out=FILE,
 * --benchmark_out_format=json, --benchmark_min_time=0.1 as a plain number
 * of seconds).  Returns the number of benchmarks run, or -1 for an
 * unrecognised option (after printing it) or a console_log that cannot be
 * written. */
long bench_run(int argc, char **argv, const struct bench_sink *sink);

/* The machine as one line: "AMD EPYC, 2 CPUs at 2596 MHz, L1d 32 KiB, L2
 * 1024 KiB, L3 32768 KiB" (cache sizes per instance).  Writes at most size
 * bytes (NUL-terminated) and returns buf. */
char *bench_machine(char *buf, size_t size);

/* The size in bytes of the data cache of a level (1, 2, 3), 0 if unknown. */
long bench_cache_size(int level);

#endif /* BENCH_SHIM_H */
