/* The conventions every program shares (src/prog.c): --help, --version and
 * usage errors, the colour rule of no-color.org, the path of an installed
 * file; opts_scan_next() for repeated options; the order in which the
 * quiz looks for its bank.  Runs from the top of the checkout (it reads
 * tests/quiz/mini.txt). */
#define _GNU_SOURCE /* open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "opts.h"
#include "prog.h"
#include "quiz.h"

#define LESSON(cond, ...)                                                  \
    do {                                                                   \
        if (!(cond))                                                       \
            fail_msg(__VA_ARGS__);                                         \
    } while (0)

#define MINI_BANK "tests/quiz/mini.txt"

/* ---- colour ---- */

static void colour_follows_no_color_org(void **state)
{
    (void)state;
    static const struct {
        enum prog_color setting;
        bool tty;
        const char *no_color, *term;
        bool want;
        const char *why;
    } rows[] = {
        {PROG_COLOR_AUTO, true, NULL, "xterm", true,
         "auto on a terminal colours"},
        {PROG_COLOR_AUTO, false, NULL, "xterm", false,
         "auto never colours a pipe or a file"},
        {PROG_COLOR_AUTO, true, "1", "xterm", false,
         "a non-empty NO_COLOR turns colour off"},
        {PROG_COLOR_AUTO, true, "0", "xterm", false,
         "NO_COLOR=0 is non-empty: colour off, whatever the value"},
        {PROG_COLOR_AUTO, true, "", "xterm", true,
         "an empty NO_COLOR counts as unset (no-color.org)"},
        {PROG_COLOR_AUTO, true, NULL, "dumb", false,
         "TERM=dumb cannot show colour"},
        {PROG_COLOR_AUTO, true, NULL, NULL, true, "no TERM is not 'dumb'"},
        {PROG_COLOR_ALWAYS, false, "1", "dumb", true,
         "--color always wins over NO_COLOR, a pipe and TERM=dumb"},
        {PROG_COLOR_NEVER, true, NULL, "xterm", false,
         "--color never wins over a terminal"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        LESSON(prog_color_wanted(rows[i].setting, rows[i].tty,
                                 rows[i].no_color, rows[i].term) ==
                   rows[i].want,
               "%s", rows[i].why);
}

static void color_takes_three_words(void **state)
{
    (void)state;
    static const char *const words[] = {"auto", "always", "never"};
    static const enum prog_color want[] = {
        PROG_COLOR_AUTO, PROG_COLOR_ALWAYS, PROG_COLOR_NEVER};
    struct kit_error err;
    for (size_t i = 0; i < 3; i++) {
        enum prog_color c = (enum prog_color)-1;
        assert_int_equal(prog_color_parse(words[i], &c, &err), KIT_OK);
        LESSON(c == want[i], "--color %s read as %d", words[i], (int)c);
    }
    static const char *const bad[] = {"", "Always", "yes", "auto "};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        enum prog_color c = PROG_COLOR_NEVER;
        assert_int_equal(prog_color_parse(bad[i], &c, &err), KIT_EUSAGE);
        LESSON(c == PROG_COLOR_NEVER, "a refused --color leaves *out alone");
        LESSON(strstr(err.msg, "Invalid value for '--color'") != NULL &&
                   strstr(err.msg, "'auto', 'always', 'never'") != NULL,
               "click's words, with the choices: %s", err.msg);
    }
}

/* ---- --help, --version, usage errors ---- */

static const struct prog_info info = {
    .name = "tool",
    .usage = "[OPTIONS] FILE",
    .about = "  Does one thing.\n",
    .options = "  --json               Print JSON.\n",
    .env = "  TOOL_HOME            Where it lives.\n",
    .exits = "  0  done\n  2  usage error\n",
    .output_error = 7,
};

struct streams {
    char *out, *err;
    size_t nout, nerr;
    FILE *fout, *ferr;
};

static void streams_open(struct streams *s)
{
    memset(s, 0, sizeof *s);
    s->fout = open_memstream(&s->out, &s->nout);
    s->ferr = open_memstream(&s->err, &s->nerr);
    assert_non_null(s->fout);
    assert_non_null(s->ferr);
}

static void streams_close(struct streams *s)
{
    fclose(s->fout);
    fclose(s->ferr);
}

static void streams_free(struct streams *s)
{
    free(s->out);
    free(s->err);
}

/* prog_options_done() after a scan of argv (without argv[0]). */
static int done(struct streams *s, int argc, char *argv[])
{
    static const struct opts_spec spec[] = {PROG_STD_SPECS,
                                            [PROG_NOPTS] = {"--json", false}};
    struct opts_seen seen;
    struct kit_error err;
    enum kit_status st =
        opts_scan(argc, argv, spec, PROG_NOPTS + 1, OPTS_ALL, &seen, NULL,
                  &err);
    streams_open(s);
    int rc = prog_options_done(&info, st, &seen, &err, s->fout, s->ferr);
    streams_close(s);
    return rc;
}

#define DONE(s, ...)                                                       \
    done(s, (int)(sizeof((char *[]){__VA_ARGS__}) / sizeof(char *)),       \
         (char *[]){__VA_ARGS__})

static void help_prints_every_part_to_stdout(void **state)
{
    (void)state;
    struct streams s;
    assert_int_equal(DONE(&s, "--help"), 0);
    static const char *const parts[] = {
        "Usage: tool [OPTIONS] FILE\n", "Does one thing.",
        "Options:\n  --json ", "  --help ", "  --version ",
        "Environment:\n  TOOL_HOME",
        "Exit status:\n  0  done\n  2  usage error\n  71 out of memory\n"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        LESSON(strstr(s.out, parts[i]) != NULL, "--help lacks '%s':\n%s",
               parts[i], s.out);
    LESSON(strncmp(s.out, "Usage:", 6) == 0, "--help starts with its usage");
    LESSON(s.nerr == 0, "--help writes nothing to stderr: %s", s.err);
    streams_free(&s);
}

static void version_prints_the_kit_version(void **state)
{
    (void)state;
    struct streams s;
    assert_int_equal(DONE(&s, "--version"), 0);
    assert_string_equal(s.out, "tool (stagekit) " KIT_VERSION "\n");
    LESSON(s.nerr == 0, "--version writes nothing to stderr");
    streams_free(&s);
    assert_int_equal(DONE(&s, "--version", "--help"), 0);
    LESSON(strncmp(s.out, "Usage:", 6) == 0, "--help wins over --version");
    streams_free(&s);
}

static void a_usage_error_wins_and_exits_2(void **state)
{
    (void)state;
    struct streams s;
    assert_int_equal(DONE(&s, "--help", "--jsno"), PROG_EXIT_USAGE);
    assert_string_equal(s.err, "Usage: tool [OPTIONS] FILE\n"
                               "Try 'tool --help' for help.\n\n"
                               "Error: No such option: --jsno Did you mean "
                               "--json?\n");
    LESSON(s.nout == 0, "a usage error writes nothing to stdout");
    streams_free(&s);
    assert_int_equal(DONE(&s, "--json"), PROG_RUN);
    LESSON(s.nout == 0 && s.nerr == 0,
           "without --help or --version nothing is printed");
    streams_free(&s);
}

static void an_unwritable_stdout_is_the_programs_output_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL)
        skip();
    LESSON(prog_help(full, &info) == 7,
           "help that cannot be written exits with output_error");
    clearerr(full);
    LESSON(prog_version(full, &info) == 7,
           "a version that cannot be written exits with output_error");
    fclose(full);
}

/* ---- installed files ---- */

static void the_share_path_is_beside_the_programs_directory(void **state)
{
    (void)state;
    char buf[64];
    struct kit_error err;
    assert_int_equal(prog_share_path_of("/usr/bin/quiz", "bank.txt", buf,
                                        sizeof buf, &err),
                     KIT_OK);
    assert_string_equal(buf, "/usr/bin/../share/stagekit/bank.txt");
    LESSON(prog_share_path_of("quiz", "bank.txt", buf, sizeof buf, &err) ==
               KIT_EINVAL,
           "a program name without a directory is refused");
    LESSON(prog_share_path_of("/usr/bin/quiz", "bank.txt", buf, 20, &err) ==
               KIT_EINVAL,
           "a path that does not fit is refused, not cut short");

    char exe[4096], want[4200];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    assert_true(n > 0);
    exe[n] = '\0';
    snprintf(want, sizeof want, "%.*s/../share/stagekit/x.txt",
             (int)(strrchr(exe, '/') - exe), exe);
    char got[4200];
    assert_int_equal(prog_share_path("x.txt", got, sizeof got, &err), KIT_OK);
    assert_string_equal(got, want);
}

/* ---- opts_scan_next ---- */

static void repeated_options_are_read_one_at_a_time(void **state)
{
    (void)state;
    static const struct opts_spec spec[] = {{"--guard", true},
                                            {"--mode", true},
                                            {"--quiet", false}};
    char *argv[] = {"--guard", "a", "--guard=b", "--quiet", "--mode", "x",
                    "--mode", "y"};
    struct opts_seen seen = {0};
    struct kit_error err;
    const char *guards[2];
    size_t ng = 0, which = 99;
    int i = 0;
    for (int k = 0; k < 4; k++) {
        assert_int_equal(opts_scan_next(8, argv, &i, spec, 3, 1u << 0, &seen,
                                        &which, &err),
                         KIT_OK);
        if (which == 0)
            guards[ng++] = seen.value[0];
    }
    LESSON(ng == 2 && strcmp(guards[0], "a") == 0 &&
               strcmp(guards[1], "b") == 0,
           "a repeatable option gives each of its values in turn");
    LESSON(i == 6 && which == 1 && strcmp(seen.value[1], "x") == 0,
           "*i moves past each option and its value (at %d)", i);
    assert_int_equal(opts_scan_next(8, argv, &i, spec, 3, 1u << 0, &seen,
                                    &which, &err),
                     KIT_EUSAGE);
    assert_string_equal(err.msg, "Option '--mode' was given more than once.");
}

/* ---- the quiz's bank and colour ---- */

static void the_bank_comes_from_the_env_then_beside_the_program(void **state)
{
    (void)state;
    const char *bank = "untouched";
    struct kit_error err;
    assert_int_equal(quiz_default_bank("/e.txt", "/s.txt", &bank, &err),
                     KIT_OK);
    assert_string_equal(bank, "/e.txt");
    assert_int_equal(quiz_default_bank("", "/s.txt", &bank, &err), KIT_OK);
    LESSON(strcmp(bank, "/s.txt") == 0, "an empty variable counts as unset");
    assert_int_equal(quiz_default_bank(NULL, "/s.txt", &bank, &err), KIT_OK);
    assert_string_equal(bank, "/s.txt");
    bank = "untouched";
    assert_int_equal(quiz_default_bank(NULL, NULL, &bank, &err), KIT_EINVAL);
    LESSON(strcmp(bank, "untouched") == 0 &&
               strstr(err.msg, "STAGEKIT_QUIZ_BANK") != NULL,
           "with no bank anywhere the message says how to give one: %s",
           err.msg);
}

/* quiz_main() --review with env; its stdout (to free). */
static char *quiz_review(const struct quiz_env *env, const char *color,
                         const char *bank, int *rc)
{
    char *argv[5] = {"quiz", "--review"};
    int argc = 2;
    if (color != NULL) {
        argv[argc++] = "--color";
        argv[argc++] = (char *)color;
    }
    if (bank != NULL)
        argv[argc++] = (char *)bank;
    struct streams s;
    streams_open(&s);
    FILE *in = fopen("/dev/null", "r");
    assert_non_null(in);
    *rc = quiz_main(argc, argv, in, s.fout, s.ferr, env);
    fclose(in);
    streams_close(&s);
    free(s.err);
    return s.out;
}

static void the_quiz_colours_by_the_shared_rule(void **state)
{
    (void)state;
    struct quiz_env tty = {.tty = true, .term = "xterm",
                           .share_bank = MINI_BANK};
    struct quiz_env no_color = tty;
    no_color.no_color = "1";
    int rc;
    char *out = quiz_review(&tty, NULL, NULL, &rc);
    LESSON(rc == 0 && strstr(out, "\033[") != NULL,
           "a terminal gets colour (exit %d)", rc);
    free(out);
    out = quiz_review(&no_color, NULL, NULL, &rc);
    LESSON(rc == 0 && strstr(out, "\033[") == NULL, "NO_COLOR=1: none");
    free(out);
    out = quiz_review(&no_color, "always", NULL, &rc);
    LESSON(rc == 0 && strstr(out, "\033[") != NULL,
           "--color always wins over NO_COLOR");
    free(out);
    out = quiz_review(&tty, "never", NULL, &rc);
    LESSON(rc == 0 && strstr(out, "\033[") == NULL, "--color never: none");
    free(out);
    out = quiz_review(&tty, "sometimes", NULL, &rc);
    LESSON(rc == QUIZ_EXIT_USAGE, "--color sometimes is a usage error");
    free(out);
}

static void the_quiz_reads_the_bank_in_its_order(void **state)
{
    (void)state;
    struct quiz_env env = {.env_bank = MINI_BANK, .share_bank = "/nonexistent"};
    int rc;
    char *out = quiz_review(&env, NULL, NULL, &rc);
    LESSON(rc == 0 && strstr(out, "Review of " MINI_BANK) != NULL,
           "STAGEKIT_QUIZ_BANK comes before the installed bank (exit %d)",
           rc);
    free(out);
    env = (struct quiz_env){.env_bank = "/nonexistent",
                            .share_bank = "/nonexistent"};
    out = quiz_review(&env, NULL, MINI_BANK, &rc);
    LESSON(rc == 0 && strstr(out, "Review of " MINI_BANK) != NULL,
           "BANK on the command line comes first");
    free(out);
    env = (struct quiz_env){0};
    out = quiz_review(&env, NULL, NULL, &rc);
    LESSON(rc == QUIZ_EXIT_BANK, "no bank anywhere: exit 3, not a guess");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(colour_follows_no_color_org),
        cmocka_unit_test(color_takes_three_words),
        cmocka_unit_test(help_prints_every_part_to_stdout),
        cmocka_unit_test(version_prints_the_kit_version),
        cmocka_unit_test(a_usage_error_wins_and_exits_2),
        cmocka_unit_test(an_unwritable_stdout_is_the_programs_output_error),
        cmocka_unit_test(the_share_path_is_beside_the_programs_directory),
        cmocka_unit_test(repeated_options_are_read_one_at_a_time),
        cmocka_unit_test(the_bank_comes_from_the_env_then_beside_the_program),
        cmocka_unit_test(the_quiz_colours_by_the_shared_rule),
        cmocka_unit_test(the_quiz_reads_the_bank_in_its_order),
    };
    return cmocka_run_group_tests_name("conventions", tests, NULL, NULL);
}
