/* The runner's command line and modes.  Usage errors are worded as in
 * click, which MLflow's own command line uses. */

#include "quiz.h"

#include "opts.h"
#include "prog.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct prog_info quiz_info = {
    .name = "quiz",
    .usage = "[OPTIONS] [BANK]",
    .about =
        "  Takes the stagekit quiz from BANK (by default the bank installed\n"
        "  with the program; see Environment).  Without options it asks one\n"
        "  question at a time: answer with a letter; Ctrl-D stops and prints\n"
        "  the score so far.\n",
    .options =
        "  --answers LIST       Grade LIST without asking, e.g. B,A,A,D,C or BAADC\n"
        "                       ('-' skips a question).\n"
        "  --answers-file FILE  The same, answers read from FILE (commas or one\n"
        "                       per line, '#' comments; '-' reads stdin).\n"
        "  --json               With --answers or --answers-file: a JSON report.\n"
        "  --save FILE          When the quiz ends (interactive or graded), also\n"
        "                       write its JSON report to FILE (make quiz keeps\n"
        "                       build/quiz/last.json for make report).\n"
        "  --pass PERCENT       The pass mark, 0 to 100 (default 70).\n"
        "  --shuffle            Shuffle the options of every question; answers\n"
        "                       are graded by the shuffled letters.\n"
        "  --seed N             The seed of --shuffle (required except when\n"
        "                       interactive; the same seed, the same order).\n"
        "  --review             Instructor mode: every question with its key,\n"
        "                       the mistake behind each wrong option and the\n"
        "                       explanation.\n"
        "  --keys               Print the key letters, e.g. B,A,A,D,C,...\n"
        "  --export gift        Print the bank in Moodle GIFT format.\n"
        "  --color WHEN         auto (colour on a terminal), always or never.\n"
        "  -h                   The same as --help.\n",
    .env =
        "  STAGEKIT_QUIZ_BANK   The bank when no BANK is given (if non-empty);\n"
        "                       otherwise ../share/stagekit/bank.txt beside\n"
        "                       the program (installed, or in the build).\n"
        "  NO_COLOR             Non-empty: no colour (--color always wins).\n",
    .exits =
        "  0  pass mark reached (or --review, --keys, --export, --help done)\n"
        "  1  graded below the pass mark (an early Ctrl-D counts the rest\n"
        "     as not answered)\n"
        "  2  usage error: bad option, value or answers list\n"
        "  3  the bank cannot be found, read or is malformed (file:line on\n"
        "     stderr)\n"
        "  4  the output could not be written\n",
    .output_error = QUIZ_EXIT_OUTPUT,
};

enum opt {
    OPT_HELP = PROG_OPT_HELP,
    OPT_VERSION = PROG_OPT_VERSION,
    OPT_ANSWERS = PROG_NOPTS,
    OPT_ANSWERS_FILE,
    OPT_JSON,
    OPT_SAVE,
    OPT_PASS,
    OPT_SHUFFLE,
    OPT_SEED,
    OPT_REVIEW,
    OPT_KEYS,
    OPT_EXPORT,
    OPT_COLOR,
    OPT_HELP_SHORT,
    OPT_COUNT
};

static const struct opts_spec options[OPT_COUNT] = {
    PROG_STD_SPECS,
    [OPT_ANSWERS] = {"--answers", true},
    [OPT_ANSWERS_FILE] = {"--answers-file", true},
    [OPT_JSON] = {"--json", false},
    [OPT_SAVE] = {"--save", true},
    [OPT_PASS] = {"--pass", true},
    [OPT_SHUFFLE] = {"--shuffle", false},
    [OPT_SEED] = {"--seed", true},
    [OPT_REVIEW] = {"--review", false},
    [OPT_KEYS] = {"--keys", false},
    [OPT_EXPORT] = {"--export", true},
    [OPT_COLOR] = {"--color", true},
    [OPT_HELP_SHORT] = {"-h", false},
};

/* The options that pick a mode, and the mode each picks. */
static const struct {
    enum opt opt;
    enum quiz_mode mode;
} mode_options[] = {
    {OPT_ANSWERS, QUIZ_MODE_ANSWERS}, {OPT_ANSWERS_FILE, QUIZ_MODE_ANSWERS_FILE},
    {OPT_REVIEW, QUIZ_MODE_REVIEW},   {OPT_KEYS, QUIZ_MODE_KEYS},
    {OPT_EXPORT, QUIZ_MODE_GIFT},
};

#define MODE_OPTIONS (sizeof mode_options / sizeof mode_options[0])

/* The command line as given, before its meaning is checked. */
struct args {
    struct opts_seen opts;
    const char *bank;
};

/* The options (opts.h's click-style scan) and at most one bank path. */
static enum kit_status read_args(struct args *a, int argc, char *const argv[],
                                 struct kit_error *err)
{
    return opts_scan(argc - 1, argv + 1, options, OPT_COUNT, OPTS_ALL,
                     &a->opts, &a->bank, err);
}

/* A whole number in [min, max], digits only: strtoll with range checks. */
static bool parse_number(const char *s, long long min, long long max,
                         long long *out)
{
    if (s[0] < '0' || s[0] > '9')
        return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static enum kit_status pick_mode(const struct args *a, struct quiz_opts *o,
                                 struct kit_error *err)
{
    const char *first = NULL;
    o->mode = QUIZ_MODE_INTERACTIVE;
    for (size_t i = 0; i < MODE_OPTIONS; i++) {
        enum opt k = mode_options[i].opt;
        if (!a->opts.present[k])
            continue;
        if (first)
            return kit_error_set(err, KIT_EUSAGE, "Options '%s' and '%s' cannot be used together.",
                         first, options[k].flag);
        first = options[k].flag;
        o->mode = mode_options[i].mode;
    }
    if (a->opts.present[OPT_EXPORT] && strcmp(a->opts.value[OPT_EXPORT], "gift") != 0)
        return kit_error_set(err, KIT_EUSAGE, "Invalid value for '--export': '%s' is not 'gift' "
                          "(the one format there is).", a->opts.value[OPT_EXPORT]);
    o->answers = a->opts.present[OPT_ANSWERS] ? a->opts.value[OPT_ANSWERS]
                                      : a->opts.value[OPT_ANSWERS_FILE];
    return KIT_OK;
}

static enum kit_status read_numbers(const struct args *a, struct quiz_opts *o,
                                    struct kit_error *err)
{
    long long v;
    o->pass_percent = QUIZ_DEFAULT_PASS;
    if (a->opts.present[OPT_PASS]) {
        if (!parse_number(a->opts.value[OPT_PASS], 0, 100, &v))
            return kit_error_set(err, KIT_EUSAGE, "Invalid value for '--pass': '%s' is not a "
                              "whole number from 0 to 100.", a->opts.value[OPT_PASS]);
        o->pass_percent = (unsigned)v;
    }
    o->seed = 0;
    if (a->opts.present[OPT_SEED]) {
        if (!parse_number(a->opts.value[OPT_SEED], 0, INT64_MAX, &v))
            return kit_error_set(err, KIT_EUSAGE, "Invalid value for '--seed': '%s' is not a "
                              "whole number from 0 to %" PRId64 ".",
                         a->opts.value[OPT_SEED], INT64_MAX);
        o->seed = (uint64_t)v;
    }
    return KIT_OK;
}

/* Options that only make sense together. */
static enum kit_status check_pairs(const struct quiz_opts *o,
                                   struct kit_error *err)
{
    bool graded = o->mode == QUIZ_MODE_ANSWERS ||
                  o->mode == QUIZ_MODE_ANSWERS_FILE;
    if (o->json && !graded)
        return kit_error_set(err, KIT_EUSAGE, "Option '--json' works with '--answers' or "
                          "'--answers-file'.");
    if (o->save && !graded && o->mode != QUIZ_MODE_INTERACTIVE)
        return kit_error_set(err, KIT_EUSAGE, "Option '--save' works with "
                          "the interactive quiz, '--answers' or "
                          "'--answers-file'.");
    if (o->seed_given && !o->shuffle)
        return kit_error_set(err, KIT_EUSAGE, "Option '--seed' needs '--shuffle'.");
    if (o->shuffle && !o->seed_given && o->mode != QUIZ_MODE_INTERACTIVE)
        return kit_error_set(err, KIT_EUSAGE, "Option '--shuffle' needs '--seed N' here: answers "
                          "and keys must refer to an option order that can "
                          "be repeated.");
    return KIT_OK;
}

enum kit_status quiz_cli_parse(int argc, char *const argv[],
                               struct quiz_opts *out, struct kit_error *err)
{
    struct args a = {0};
    struct quiz_opts o = {0};
    enum kit_status st = read_args(&a, argc, argv, err);
    bool help = a.opts.present[OPT_HELP] || a.opts.present[OPT_HELP_SHORT];
    bool version = a.opts.present[OPT_VERSION];
    o.color = PROG_COLOR_AUTO;
    if (st == KIT_OK && a.opts.present[OPT_COLOR])
        st = prog_color_parse(a.opts.value[OPT_COLOR], &o.color, err);
    if (st == KIT_OK && !help && !version) {
        st = pick_mode(&a, &o, err);
        if (st == KIT_OK)
            st = read_numbers(&a, &o, err);
        o.json = a.opts.present[OPT_JSON];
        o.save = a.opts.value[OPT_SAVE];
        o.shuffle = a.opts.present[OPT_SHUFFLE];
        o.seed_given = a.opts.present[OPT_SEED];
        if (st == KIT_OK)
            st = check_pairs(&o, err);
    }
    if (st != KIT_OK)
        return st;
    o.help = help;
    o.version = version;
    o.bank = a.bank;
    *out = o;
    kit_error_clear(err);
    return KIT_OK;
}

/* ---- modes ---- */

/* --save: the JSON report to o->save through a temporary file, so that a
 * reader never sees half of it.  Returns 0 or an errno value. */
static int write_saved(const struct quiz_opts *o, const struct quiz_bank *b,
                       const int *choice)
{
    size_t n = strlen(o->save) + sizeof ".tmp";
    char *tmp = malloc(n);
    if (tmp == NULL)
        return ENOMEM;
    snprintf(tmp, n, "%s.tmp", o->save);
    int e = 0;
    FILE *f = fopen(tmp, "w");
    if (f == NULL) {
        e = errno;
    } else {
        if (quiz_write_json(f, b, choice, o->pass_percent, o->bank,
                            o->shuffle, o->seed, NULL) != KIT_OK)
            e = errno ? errno : EIO;
        if (fclose(f) != 0 && e == 0)
            e = errno;
        if (e == 0 && rename(tmp, o->save) != 0)
            e = errno;
        if (e != 0)
            remove(tmp);
    }
    free(tmp);
    return e;
}

/* status, unless --save was asked for and failed (said on errout). */
static int save_result(const struct quiz_opts *o, const struct quiz_bank *b,
                       const int *choice, FILE *errout, int status)
{
    int e = o->save ? write_saved(o, b, choice) : 0;
    if (e == 0)
        return status;
    fprintf(errout, "quiz: cannot save the result to %s: %s\n", o->save,
            kit_errno_text(e));
    return prog_exit_status(kit_errno_status(e), QUIZ_EXIT_OUTPUT);
}

/* The answers text of --answers, or the contents of --answers-file. */
static enum kit_status answers_text(const struct quiz_opts *o, FILE *in,
                                    char **text, const char **name,
                                    struct kit_error *err)
{
    size_t len;
    enum kit_status st;
    if (o->mode == QUIZ_MODE_ANSWERS) {
        *name = "--answers";
        *text = strdup(o->answers);
        return *text ? KIT_OK
                     : kit_error_set(err, KIT_ENOMEM, "out of memory");
    }
    bool from_stdin = strcmp(o->answers, "-") == 0;
    *name = from_stdin ? "<stdin>" : o->answers;
    if (from_stdin)
        st = quiz_read_stream(in, *name, QUIZ_FILE_MAX, text, &len, err);
    else
        st = quiz_read_file(o->answers, QUIZ_FILE_MAX, text, &len, err);
    if (st == KIT_OK && strlen(*text) != len) {
        free(*text);
        st = kit_error_set(err, KIT_EINVAL, "%s: a NUL byte: answers are "
                                            "plain text", *name);
    }
    return st;
}

static int run_graded(const struct quiz_opts *o, const struct quiz_bank *b,
                      FILE *in, FILE *out, FILE *errout,
                      const struct quiz_style *st)
{
    struct kit_error err;
    char *text = NULL;
    const char *name = "--answers";
    int *choice = malloc(b->count * sizeof *choice);
    enum kit_status s = choice ? answers_text(o, in, &text, &name, &err)
                               : kit_error_set(&err, KIT_ENOMEM, "out of memory");
    if (s == KIT_OK) {
        s = quiz_answers_parse(text, name, b, choice, &err);
        free(text);
    }
    if (s != KIT_OK) {
        fprintf(errout, "Error: %s\n", err.msg);
        free(choice);
        return prog_exit_status(s, QUIZ_EXIT_USAGE);
    }
    if (o->json) {
        /* A write error is finish()'s to report; anything else is a bug. */
        s = quiz_write_json(out, b, choice, o->pass_percent, o->bank,
                            o->shuffle, o->seed, &err);
        if (s != KIT_OK && s != KIT_ESYS) {
            fprintf(errout, "quiz: %s\n", err.msg);
            free(choice);
            return QUIZ_EXIT_OUTPUT;
        }
    } else {
        fprintf(out, "Answers graded against %s", o->bank);
        if (o->shuffle)
            fprintf(out, " (options shuffled with seed %" PRIu64 ")", o->seed);
        fputs(":\n\n", out);
        quiz_print_report(out, b, choice, o->pass_percent, st);
    }
    struct quiz_score score = quiz_grade(b, choice);
    int status = save_result(o, b, choice, errout,
                             quiz_passed(&score, o->pass_percent)
                                 ? QUIZ_EXIT_PASS : QUIZ_EXIT_FAIL);
    free(choice);
    return status;
}

static int run_interactive(const struct quiz_opts *o,
                           const struct quiz_bank *b, uint64_t seed, FILE *in,
                           FILE *out, FILE *errout,
                           const struct quiz_style *st)
{
    int *choice = malloc(b->count * sizeof *choice);
    if (choice == NULL) {
        fputs("quiz: out of memory\n", errout);
        return prog_exit_status(KIT_ENOMEM, QUIZ_EXIT_OUTPUT);
    }
    fprintf(out, "stagekit quiz: %zu questions from %s; pass mark %u%%.\n"
                 "Answer with a letter (any case); Ctrl-D stops with the "
                 "score so far.\n", b->count, o->bank, o->pass_percent);
    if (o->shuffle)
        fprintf(out, "Options shuffled with seed %" PRIu64 ": --shuffle "
                     "--seed %" PRIu64 " gives this order again.\n",
                seed, seed);
    size_t answered;
    if (quiz_session_run(b, in, out, st, choice, &answered) != KIT_OK) {
        fputs("\nquiz: out of memory reading the answers: the quiz is not "
              "graded\n", errout);
        free(choice);
        return prog_exit_status(KIT_ENOMEM, QUIZ_EXIT_OUTPUT);
    }
    fputc('\n', out);
    quiz_print_summary(out, b, choice, o->pass_percent, st);
    struct quiz_score score = quiz_grade(b, choice);
    int status = save_result(o, b, choice, errout,
                             quiz_passed(&score, o->pass_percent)
                                 ? QUIZ_EXIT_PASS : QUIZ_EXIT_FAIL);
    free(choice);
    return status;
}

static int run_mode(const struct quiz_opts *o, const struct quiz_bank *b,
                    uint64_t seed, FILE *in, FILE *out, FILE *errout,
                    const struct quiz_style *st)
{
    switch (o->mode) {
    case QUIZ_MODE_ANSWERS:
    case QUIZ_MODE_ANSWERS_FILE:
        return run_graded(o, b, in, out, errout, st);
    case QUIZ_MODE_REVIEW:
        fprintf(out, "Review of %s: %zu questions", o->bank, b->count);
        if (o->shuffle)
            fprintf(out, ", options shuffled with seed %" PRIu64, seed);
        fputs(".\n", out);
        quiz_print_review(out, b, st);
        return QUIZ_EXIT_PASS;
    case QUIZ_MODE_KEYS:
        quiz_print_keys(out, b);
        return QUIZ_EXIT_PASS;
    case QUIZ_MODE_GIFT:
        quiz_write_gift(out, b, o->bank);
        return QUIZ_EXIT_PASS;
    case QUIZ_MODE_INTERACTIVE:
        break;
    }
    return run_interactive(o, b, seed, in, out, errout, st);
}

/* The status, unless the output could not be written. */
static int finish(FILE *out, FILE *errout, int status)
{
    if (fflush(out) == 0 && !ferror(out))
        return status;
    fputs("quiz: the output could not be written\n", errout);
    return QUIZ_EXIT_OUTPUT;
}

enum kit_status quiz_default_bank(const char *env_bank, const char *share,
                                  const char **bank, struct kit_error *err)
{
    if (env_bank != NULL && env_bank[0] != '\0')
        *bank = env_bank;
    else if (share != NULL)
        *bank = share;
    else
        return kit_error_set(err, KIT_EINVAL, "quiz: no BANK given, "
                             "STAGEKIT_QUIZ_BANK is not set, and no bank is "
                             "installed beside the program");
    return KIT_OK;
}

int quiz_main(int argc, char *const argv[], FILE *in, FILE *out, FILE *errout,
              const struct quiz_env *env)
{
    struct quiz_opts o;
    struct kit_error err;
    if (quiz_cli_parse(argc, argv, &o, &err) != KIT_OK)
        return prog_usage_error(errout, &quiz_info, err.msg);
    if (o.help)
        return prog_help(out, &quiz_info);
    if (o.version)
        return prog_version(out, &quiz_info);
    if (o.bank == NULL &&
        quiz_default_bank(env->env_bank, env->share_bank, &o.bank, &err) !=
            KIT_OK) {
        fprintf(errout, "%s\n", err.msg);
        return QUIZ_EXIT_BANK;
    }
    struct quiz_bank b;
    enum kit_status loaded = quiz_bank_load(o.bank, &b, &err);
    if (loaded != KIT_OK) {
        fprintf(errout, "%s\n", err.msg);
        return prog_exit_status(loaded, QUIZ_EXIT_BANK);
    }
    uint64_t seed = o.seed_given ? o.seed : env->clock_seed;
    if (o.shuffle)
        quiz_bank_shuffle(&b, seed);
    struct quiz_style st = {
        .color = prog_color_wanted(o.color, env->tty, env->no_color,
                                   env->term),
        .echo = env->echo,
    };
    int status = run_mode(&o, &b, seed, in, out, errout, &st);
    quiz_bank_free(&b);
    return finish(out, errout, status);
}
