#ifndef TVARGS_H
#define TVARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "stage.h"
#include "status.h"

/*
 * The `models transition-version` command line (exercise 2; see
 * kata/02_tvargs.c).  This is the kit's command, modelled on MLflow's
 * MlflowClient.transition_model_version_stage(); MLflow itself has no such
 * CLI command.
 */

struct tvargs {
    const char *model_name; /* points into argv */
    const char *stage_raw;  /* the stage as typed, for MLflow's messages */
    enum stage stage;       /* the same, canonicalised */
    int64_t version;
    bool archive_existing;  /* --archive-existing-versions */
};

/* Exercise 2.  Parses argv[0..argc) = `models transition-version
 * --model-name N --version V --stage S [--archive-existing-versions]`.
 * Options come in any order, as `--opt value` or `--opt=value`.
 * On success fills *out and returns KIT_OK.  Every error is KIT_EUSAGE,
 * with a message in err (the CLI prints it after "Error: "), in click's
 * words unless marked as the kit's:
 *   "Missing command."                 (fewer than two words)
 *   "No such command 'model'. Did you mean 'models'?"
 *                                     (the suggestion is the kit's: click
 *                                      suggests only for options)
 *   "No such option: --model-version Did you mean --version?"
 *   "Missing option '--model-name'."  (the kit's order: the first missing
 *                                      in the order --model-name,
 *                                      --version, --stage, before any
 *                                      value is checked; click processes
 *                                      the options given, in the order
 *                                      typed, before it reports a missing
 *                                      one)
 *   "Option '--version' requires an argument."
 *                                     (also for a value that starts with
 *                                      "--": the kit's rule; click takes
 *                                      that word as the value)
 *   "Option '--stage' was given more than once."
 *                                     (the kit's rule and words: click
 *                                      keeps the last value)
 *   "Invalid value for '--model-name': Registered model name cannot be empty."
 *   "Invalid value for '--version': <reg_parse_version()'s message>"
 *                                     (0 and negatives are valid here)
 *   "Invalid value for '--stage': <stage_parse()'s message>"
 *                                     (values in the order --model-name,
 *                                      --version, --stage: the kit's order)
 *   "Got unexpected extra argument (<arg>)"
 * *out is written only on success.  err may be NULL. */
enum kit_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct kit_error *err);

#endif /* TVARGS_H */
