/* make transition-speed: what "O(1)" costs.  A transition is a hash
 * lookup, an array index and O(1) index updates: its work does not grow
 * with the registry, but its time does, because the memory it touches
 * leaves the caches.  In the same run, a pointer chase over a random cycle
 * as large as the registry's heap measures the machine's dependent-load
 * latency at that working-set size, and the growth of a transition is
 * printed in those misses.  A benchmark program, not a test: it prints
 * figures and asserts nothing about them.
 *
 *   transition-speed [--out DIR] [--smoke]      (--help says more) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "populate.h"
#include "prog.h"
#include "rng.h"
#include "transition.h"

#define SPEED_MODELS 100
#define SPEED_ROUNDS 5
/* The goal at the largest size: at most this many dependent misses more
 * than at the smallest. */
#define SPEED_GOAL_MISSES 3.0
#define SPEED_PATH_MAX 512

#define SPEED_MAX_SIZES 4

static const struct prog_info speed_info = {
    .name = "transition-speed",
    .usage = "[OPTIONS]",
    .about = "  Times random transitions on registries of 10^3 to 10^6 versions\n"
             "  and, in the same run, the dependent-load latency of a pointer\n"
             "  chase as large as each registry's heap; prints the extra misses\n"
             "  a transition pays, and whether the goal (at most 3 at 10^6) is\n"
             "  met.  Figures only: nothing about them is asserted.\n",
    .options = "  --out DIR  also write DIR/transition.tsv and transition.txt\n"
               "  --smoke    two sizes and a tenth of the work (the suite's run)\n",
    .exits = "  0  the figures (whether or not the goal is met)\n"
             "  1  a transition failed (the message names the exercise), or\n"
             "     DIR could not be written\n"
             "  2  usage error\n",
    .output_error = 1,
};

enum { SPEED_OPT_OUT = PROG_NOPTS, SPEED_OPT_SMOKE, SPEED_NOPTS };

/* What one run does. */
struct speed_plan {
    size_t sizes[SPEED_MAX_SIZES];
    size_t nsizes;
    long transitions; /* per round */
    long loads;       /* per round of the chase */
};

static const struct speed_plan speed_full = {
    {1000, 10000, 100000, 1000000}, 4, 100000, 2000000};
static const struct speed_plan speed_smoke = {{1000, 10000}, 2, 10000,
                                              200000};

struct speed_row {
    size_t n;
    size_t heap;      /* the registry's live heap bytes */
    double ns;        /* median ns per transition */
    double latency;   /* median ns per dependent load, same working set */
};

static double speed_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int speed_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double speed_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, speed_cmp);
    return v[n / 2];
}

/* --- the registry's heap, counted by its allocator ---------------------- */

/* Each block carries its size in a 16-byte header (alignment kept), so
 * that the live total is exact. */
struct speed_heap {
    size_t live;
};

static void *speed_realloc(void *ud, void *p, size_t size)
{
    struct speed_heap *h = ud;
    unsigned char *block = p ? (unsigned char *)p - 16 : NULL;
    size_t old = 0;
    if (block != NULL)
        memcpy(&old, block, sizeof old);
    if (size == 0) {
        free(block);
        h->live -= old;
        return NULL;
    }
    if (size > SIZE_MAX - 16)
        return NULL;
    unsigned char *grown = realloc(block, size + 16);
    if (grown == NULL)
        return NULL;
    memcpy(grown, &size, sizeof size);
    h->live = h->live - old + size;
    return grown + 16;
}

/* --- transitions -------------------------------------------------------- */

/* Median ns per transition (random versions, random targets, no cascade)
 * over a registry of n versions into *ns; heap gets its size.  On error,
 * said on stderr: KIT_ENOMEM, or the exercise's status. */
static enum kit_status speed_transitions(size_t n, long transitions,
                                         size_t *heap, double *ns)
{
    static const char *const targets[] = {"Staging", "Production", "None",
                                          "Archived"};
    struct speed_heap h = {0};
    struct registry r;
    struct kit_error err;
    char names[SPEED_MODELS][32]; /* formatted once, outside the timing */
    double rounds[SPEED_ROUNDS];
    struct rng rng;
    rng_seed(&rng, 7);
    for (size_t k = 0; k < SPEED_MODELS; k++)
        snprintf(names[k], sizeof names[k], "model-%zu", k);
    reg_init_alloc(&r, speed_realloc, &h);
    enum kit_status st = populate_registry(&r, n, SPEED_MODELS,
                                           POPULATE_SHUFFLED, 1, &err);
    if (st != KIT_OK) {
        fprintf(stderr, "transition-speed: %s\n", err.msg);
        reg_free(&r);
        return st;
    }
    *heap = h.live;
    size_t per_model = n / SPEED_MODELS;
    for (int round = 0; round < SPEED_ROUNDS; round++) {
        double t0 = speed_now();
        for (long i = 0; i < transitions; i++) {
            uint64_t x = rng_next(&rng);
            const char *name = names[x % SPEED_MODELS];
            int64_t version = 1 + (int64_t)((x >> 16) % per_model);
            st = transition_apply(&r, name, version, targets[(x >> 40) % 4],
                                  false, &err);
            if (st != KIT_OK) {
                fprintf(stderr, "transition-speed: %s%s\n", err.msg,
                        st == KIT_ENOMEM ? "" : " (exercise 3)");
                reg_free(&r);
                return st;
            }
        }
        rounds[round] = (speed_now() - t0) * 1e9 / (double)transitions;
    }
    reg_free(&r);
    *ns = speed_median(rounds, SPEED_ROUNDS);
    return KIT_OK;
}

/* --- the pointer chase -------------------------------------------------- */

/* One node per cache line: each load depends on the one before. */
struct speed_node {
    struct speed_node *next;
    char pad[64 - sizeof(struct speed_node *)];
};

/* Median ns per load over a random cycle through bytes of memory
 * (Sattolo's shuffle: one cycle through every node, so no part of the
 * working set is skipped) into *ns.  KIT_ENOMEM, said on stderr. */
static enum kit_status speed_chase(size_t bytes, long loads, double *ns)
{
    size_t count = bytes / sizeof(struct speed_node);
    count = count < 2 ? 2 : count;
    struct speed_node *nodes = malloc(count * sizeof *nodes);
    size_t *order = malloc(count * sizeof *order);
    double rounds[SPEED_ROUNDS];
    if (nodes == NULL || order == NULL) {
        free(nodes);
        free(order);
        fprintf(stderr, "transition-speed: out of memory\n");
        return KIT_ENOMEM;
    }
    struct rng rng;
    rng_seed(&rng, 11);
    for (size_t i = 0; i < count; i++)
        order[i] = i;
    for (size_t i = count - 1; i > 0; i--) { /* Sattolo */
        size_t j = (size_t)rng_below(&rng, i);
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < count; i++)
        nodes[order[i]].next = &nodes[order[(i + 1) % count]];
    free(order);
    struct speed_node *volatile sink;
    struct speed_node *p = &nodes[0];
    for (size_t i = 0; i < count; i++) /* warm up: one lap */
        p = p->next;
    for (int round = 0; round < SPEED_ROUNDS; round++) {
        double t0 = speed_now();
        for (long i = 0; i < loads; i++)
            p = p->next;
        rounds[round] = (speed_now() - t0) * 1e9 / (double)loads;
    }
    sink = p;
    (void)sink;
    free(nodes);
    *ns = speed_median(rounds, SPEED_ROUNDS);
    return KIT_OK;
}

/* --- output ------------------------------------------------------------- */

/* Dependent misses a transition pays beyond the smallest registry's. */
static double speed_misses(const struct speed_row *row,
                           const struct speed_row *first)
{
    return (row->ns - first->ns) / row->latency;
}

static void speed_print(const struct speed_row *rows, size_t count,
                        FILE *out)
{
    fprintf(out, "%10s %11s %14s %16s %15s\n", "versions", "heap (MiB)",
            "ns/transition", "load latency ns", "extra misses");
    for (size_t i = 0; i < count; i++)
        fprintf(out, "%10zu %11.2f %14.1f %16.1f %15.2f\n", rows[i].n,
                (double)rows[i].heap / (1 << 20), rows[i].ns,
                rows[i].latency, speed_misses(&rows[i], &rows[0]));
    const struct speed_row *last = &rows[count - 1];
    double misses = speed_misses(last, &rows[0]);
    fprintf(out, "\nA transition's work is constant; from %zu to %zu versions "
            "its time grew %.2fx.\nThe growth, in dependent loads at each "
            "size's latency: %.2f misses at %zu versions\n(goal: at most "
            "%.0f): %s.\n", rows[0].n, last->n, last->ns / rows[0].ns,
            misses, last->n, SPEED_GOAL_MISSES,
            misses <= SPEED_GOAL_MISSES ? "goal met" : "goal NOT met");
}

static int speed_write_tsv(const struct speed_row *rows, size_t count,
                           const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "# versions\theap_bytes\tns_per_transition\tload_latency_ns"
               "\textra_misses\n");
    for (size_t i = 0; i < count; i++)
        fprintf(f, "%zu\t%zu\t%.3f\t%.3f\t%.3f\n", rows[i].n, rows[i].heap,
                rows[i].ns, rows[i].latency,
                speed_misses(&rows[i], &rows[0]));
    return fclose(f) == 0 ? 0 : -1;
}

static int speed_write_txt(const struct speed_row *rows, size_t count,
                           const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    speed_print(rows, count, f);
    return fclose(f) == 0 ? 0 : -1;
}

/* DIR/transition.tsv and DIR/transition.txt.  KIT_OK, or (said on
 * stderr) kit_errno_status() of the first that cannot be written. */
static enum kit_status speed_write(const struct speed_row *rows, size_t count,
                                   const char *dir)
{
    char tsv[SPEED_PATH_MAX], txt[SPEED_PATH_MAX];
    snprintf(tsv, sizeof tsv, "%s/transition.tsv", dir);
    snprintf(txt, sizeof txt, "%s/transition.txt", dir);
    const char *failed = speed_write_tsv(rows, count, tsv) != 0   ? tsv
                         : speed_write_txt(rows, count, txt) != 0 ? txt
                                                                  : NULL;
    if (failed != NULL) {
        int e = errno;
        fprintf(stderr, "transition-speed: cannot write %s: %s\n", failed,
                kit_errno_text(e));
        return kit_errno_status(e);
    }
    printf("transition-speed: results in %s/ (transition.tsv, "
           "transition.txt)\n", dir);
    return KIT_OK;
}

int main(int argc, char **argv)
{
    struct speed_row rows[SPEED_MAX_SIZES];
    const struct speed_plan *plan = &speed_full;
    static const struct opts_spec spec[SPEED_NOPTS] = {
        PROG_STD_SPECS, [SPEED_OPT_OUT] = {"--out", true},
        [SPEED_OPT_SMOKE] = {"--smoke", false}};
    struct opts_seen seen;
    struct kit_error err;
    enum kit_status st = opts_scan(argc - 1, argv + 1, spec, SPEED_NOPTS,
                                   OPTS_ALL, &seen, NULL, &err);
    int rc = prog_options_done(&speed_info, st, &seen, &err, stdout, stderr);
    if (rc != PROG_RUN)
        return rc;
    const char *out = seen.value[SPEED_OPT_OUT];
    if (seen.present[SPEED_OPT_SMOKE])
        plan = &speed_smoke;
    for (size_t i = 0; i < plan->nsizes; i++) {
        rows[i].n = plan->sizes[i];
        st = speed_transitions(rows[i].n, plan->transitions, &rows[i].heap,
                               &rows[i].ns);
        if (st == KIT_OK)
            st = speed_chase(rows[i].heap, plan->loads, &rows[i].latency);
        if (st != KIT_OK)
            return prog_exit_status(st, EXIT_FAILURE);
        printf("  %8zu versions: %6.1f ns per transition, %5.1f ns per "
               "dependent load\n", rows[i].n, rows[i].ns, rows[i].latency);
        fflush(stdout);
    }
    putchar('\n');
    speed_print(rows, plan->nsizes, stdout);
    if (out != NULL)
        st = speed_write(rows, plan->nsizes, out);
    return prog_exit_status(st, EXIT_FAILURE);
}
