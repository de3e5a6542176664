#ifndef OPTS_H
#define OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/*
 * Click-style command lines: click's words for usage errors (the words
 * students meet in MLflow's click-based CLI), with a few rules that are
 * the kit's own and are marked so below.  modelreg parses every command
 * with it, and exercise 2 (tvargs_parse) uses it for the options of
 * transition-version.  Each message, with click's source, is a row of
 * docs/mlflow-messages.tsv.
 */

#define OPTS_MAX 24
#define OPTS_ALL (~0u)

struct opts_spec {
    const char *flag; /* "--model-name" */
    bool takes_value; /* false for a switch such as "--json" */
};

/* What a scan found: whether spec[i] was given, and its value (NULL for a
 * switch).  Values point into argv. */
/* What a scan found: value[i] points into argv (lives as long as argv),
 * NULL for a flag or an option not given. */
struct opts_seen {
    const char *value[OPTS_MAX];
    bool present[OPTS_MAX];
};

/* Scans argv[0..argc) as options of spec[0..n) (n <= OPTS_MAX); spec[i]
 * counts only when bit i of allowed is set (OPTS_ALL for all of them).
 * An option is a word that starts with '-' (other than "-" itself), as
 * `--opt value` or `--opt=value`.  "--" ends the options.  With positional
 * non-NULL, one other word is allowed and stored there (NULL when none);
 * with NULL, none is.  *seen is cleared, then filled.  Every error is
 * KIT_EUSAGE.  In click's words: "No such option: --x" (with " Did you
 * mean --y?" when an allowed flag is close), "Option '--x' does not take a
 * value.", "Option '--x' requires an argument.", "Got unexpected extra
 * argument (x)".  Two rules are the kit's, not click's: an option given
 * twice is refused with the kit's "Option '--x' was given more than
 * once." (click keeps the last value), and a word that starts with "--"
 * is never taken as a value, so `--stage --version` reports --stage's
 * value missing (click would take "--version" as the stage). */
enum kit_status opts_scan(int argc, char *const argv[],
                          const struct opts_spec spec[], size_t n,
                          unsigned allowed, struct opts_seen *seen,
                          const char **positional, struct kit_error *err);

/* As opts_scan(), but only the options before the first word that is not
 * one (a command word): *next gets that word's index, or argc when there
 * is none.  How `prog [global options] command ...` is read. */
enum kit_status opts_scan_prefix(int argc, char *const argv[],
                                 const struct opts_spec spec[], size_t n,
                                 struct opts_seen *seen, int *next,
                                 struct kit_error *err);

/* True for a word that names an option: "-x", "--x", but not "-" or
 * "--". */
bool opts_is_option(const char *arg);

/* One option at a time, for options that repeat (grade's --guard FILE...)
 * and for command lines read in a loop: reads the option at argv[*i]
 * (opts_is_option() must hold for it) as opts_scan() reads one, sets
 * *which to its row of spec[0..n) (all allowed) and moves *i past it and
 * its value.  spec[o] may come again when bit o of repeats is set;
 * seen->value[o] then holds the latest.  Clear *seen before the first
 * call.  Every error is KIT_EUSAGE, in opts_scan()'s words. */
enum kit_status opts_scan_next(int argc, char *const argv[], int *i,
                               const struct opts_spec spec[], size_t n,
                               unsigned repeats, struct opts_seen *seen,
                               size_t *which, struct kit_error *err);

/* "No such option: <the first len bytes of arg>", with " Did you mean
 * <flag>?" when one of flags[0..n) is close.  Returns KIT_EUSAGE. */
enum kit_status opts_no_such_option(struct kit_error *err, const char *arg,
                                    size_t len, const char *const flags[],
                                    size_t n);

/* "No such command '<word>'." (click's words), with the kit's own
 * " Did you mean '<name>'?" when one of names[0..n) is close: click
 * suggests only for options, never for commands.  Returns KIT_EUSAGE. */
enum kit_status opts_no_such_command(struct kit_error *err, const char *word,
                                     const char *const names[], size_t n);

/* Rewrites the message in err as click's "Invalid value for '<flag>':
 * <message>".  KIT_EINVAL and KIT_ERANGE become KIT_EUSAGE; any other
 * status (an unfinished exercise, say) is kept.  Returns the status.  err
 * must not be NULL. */
enum kit_status opts_invalid(struct kit_error *err, const char *flag);

#endif /* OPTS_H */
