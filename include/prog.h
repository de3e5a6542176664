#ifndef PROG_H
#define PROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "opts.h"
#include "status.h"

/*
 * What every program of the kit does the same way (GNU's and click's
 * conventions): --help and --version print to stdout and exit 0; a usage
 * error prints the usage line, a pointer to --help and click's message
 * (with its suggestion) to stderr and exits 2; out of memory exits
 * PROG_EXIT_NOMEM, with "out of memory" in the message, whatever the
 * program was doing (prog_exit_status()); colour follows one rule.
 *
 * The pattern, in a program's main (src/cmd/demo.c is the smallest):
 *
 *     static const struct prog_info info = {.name = "demo", ...};
 *     enum { OPT_JSON = PROG_NOPTS, OPT_COUNT };
 *     static const struct opts_spec spec[OPT_COUNT] = {
 *         PROG_STD_SPECS, [OPT_JSON] = {"--json", false}};
 *     struct opts_seen seen;
 *     struct kit_error err;
 *     enum kit_status st = opts_scan(argc - 1, argv + 1, spec, OPT_COUNT,
 *                                    OPTS_ALL, &seen, NULL, &err);
 *     int rc = prog_options_done(&info, st, &seen, &err, stdout, stderr);
 *     if (rc != PROG_RUN)
 *         return rc;
 *
 * and the program's name goes into tests/conv/programs.txt, whose table
 * (tests/conv/options.sh) then checks it.  A program that passes options
 * on to a library (bench's --benchmark_*) takes them out of argv first.
 */

/* The kit's version: the one place it is written.  modelreg, quiz, grade
 * and the rest print it with --version (docs: README "Install"). */
#define KIT_VERSION "0.1.0"

/* The exit status of every usage error (click's). */
#define PROG_EXIT_USAGE 2

/* The exit status of every program when memory runs out (issue 13):
 * sysexits.h's EX_OSERR, "an operating system error ... such things as
 * cannot fork", of which an allocation the system refuses is one.  No
 * program uses it for anything else: 0 to 4 are the programs' own (1 a
 * verdict: a registry error, a failed check, a grade or quiz below the
 * mark; 2 a usage error, and for grade and watch a system error too; 3 and
 * 4 the quiz's bank and output), 126 and up the shell's.  Written here
 * rather than taken from <sysexits.h>, which is BSD's, not C's or
 * POSIX's. */
#define PROG_EXIT_NOMEM 71

/* The exit status for st, for the statuses every program treats alike:
 * 0 for KIT_OK, PROG_EXIT_USAGE for KIT_EUSAGE, PROG_EXIT_NOMEM for
 * KIT_ENOMEM; other, the program's own choice, for any other status
 * (other may be neither 0 nor PROG_EXIT_NOMEM: asserted). */
int prog_exit_status(enum kit_status st, int other);

/* prog_options_done(): the program goes on. */
#define PROG_RUN (-1)

/* --help and --version are the first two rows of every option table. */
enum { PROG_OPT_HELP, PROG_OPT_VERSION, PROG_NOPTS };
#define PROG_STD_SPECS                                                        \
    [PROG_OPT_HELP] = {"--help", false}, [PROG_OPT_VERSION] = {"--version", false}

/* What a program says about itself.  Every text but name and usage is a
 * block of whole lines, each ending in '\n'; env may be NULL. */
struct prog_info {
    const char *name;    /* "quiz" */
    const char *usage;   /* what follows the name: "[OPTIONS] [BANK]" */
    const char *about;   /* a paragraph or two, lines indented by 2 */
    const char *options; /* "  --json  ...\n": all but --help, --version */
    const char *env;     /* the environment variables it reads, or NULL */
    const char *exits;   /* "  0  ...\n" for every exit status but
                            PROG_EXIT_NOMEM (prog_help() adds it) */
    int output_error;    /* the exit status when stdout cannot be written */
};

/* Prints "Usage: NAME USAGE", the about text, "Options:" (p->options,
 * then --help and --version), "Environment:" when p->env is set and
 * "Exit status:" with p->exits and prog_exits_nomem()'s line (which
 * p->exits does not repeat).  Returns 0, or p->output_error when out
 * cannot be written (the message then goes to stderr). */
int prog_help(FILE *out, const struct prog_info *p);

/* Prints "Exit status:", exits (lines as struct prog_info's) and the line
 * of PROG_EXIT_NOMEM, for a help text that prog_help() does not print
 * (modelreg's, click-shaped). */
void prog_exits_help(FILE *out, const char *exits);

/* Prints "NAME (stagekit) KIT_VERSION".  Returns as prog_help(). */
int prog_version(FILE *out, const struct prog_info *p);

/* Prints "Usage: NAME USAGE", "Try 'NAME --help' for help." and
 * "Error: MSG" to errout, as click does.  Returns PROG_EXIT_USAGE. */
int prog_usage_error(FILE *errout, const struct prog_info *p,
                     const char *msg);

/* How a program's option scan ends.  st and err are what opts_scan() (or
 * opts_scan_next()) returned; seen's rows PROG_OPT_HELP and
 * PROG_OPT_VERSION are --help and --version.  A usage error wins over
 * both (prog_usage_error()), --help over --version.  Returns the status
 * for main to return, or PROG_RUN when none of them applies. */
int prog_options_done(const struct prog_info *p, enum kit_status st,
                      const struct opts_seen *seen,
                      const struct kit_error *err, FILE *out, FILE *errout);

/* --color's three settings. */
enum prog_color { PROG_COLOR_AUTO, PROG_COLOR_ALWAYS, PROG_COLOR_NEVER };

/* Reads --color's value: "auto", "always" or "never".  Anything else is
 * KIT_EUSAGE with click's "Invalid value for '--color': 'x' is not one of
 * 'auto', 'always', 'never'." in err; *out is then untouched. */
enum kit_status prog_color_parse(const char *word, enum prog_color *out,
                                 struct kit_error *err);

/* Whether to colour.  always: yes; never: no; auto: only when is_tty,
 * NO_COLOR is unset or empty (no-color.org: only a non-empty value
 * counts) and TERM is not "dumb".  no_color and term are the environment
 * values, NULL when unset. */
bool prog_color_wanted(enum prog_color setting, bool is_tty,
                       const char *no_color, const char *term);

/* The same for a program's stdout, from its environment. */
bool prog_color_stdout(enum prog_color setting);

/* The path of a file the kit installs beside its programs:
 * <dir>/../share/stagekit/<name>, where <dir> holds the running program
 * (/proc/self/exe).  So $(PREFIX)/bin/quiz finds
 * $(PREFIX)/share/stagekit/bank.txt, and build/<variant>/bin/quiz finds
 * the build's link to quiz/bank.txt, from any working directory.  Writes
 * buf[0..cap) and returns KIT_OK; KIT_EINVAL with the reason in err when
 * the program's path cannot be read or the result does not fit.  Whether
 * the file exists is not checked. */
enum kit_status prog_share_path(const char *name, char *buf, size_t cap,
                                struct kit_error *err);

/* As prog_share_path(), for the program at exe (an absolute path). */
enum kit_status prog_share_path_of(const char *exe, const char *name,
                                   char *buf, size_t cap,
                                   struct kit_error *err);

#endif /* PROG_H */
