/* Exercise 2: the `models transition-version` command line.
 *
 * Goal:  implement tvargs_parse() as include/tvargs.h describes it.
 * Quiz:  question 2, "Which command moves version 3 of my_model to
 *        production?"
 *            models transition-version --model-name my_model --version 3
 *                   --stage production
 *        and question 4, "`... transition-version --version 5 --stage
 *        production` fails: why?"  The --model-name flag is missing, and a
 *        good tool names it: "Missing option '--model-name'."
 * Read:  include/tvargs.h (every message, word for word), include/opts.h
 *        (opts_scan reads `--opt value` words for you; opts_no_such_command
 *        and opts_invalid word the errors as click does),
 *        include/registry.h (reg_check_name, reg_parse_version),
 *        include/stage.h (stage_parse).
 *
 * A true thing to know: MLflow has NO `mlflow models transition-version`
 * command (the seed quiz says it does).  Real MLflow does this with
 * MlflowClient().transition_model_version_stage(name, version, stage) or the
 * REST call POST /api/2.0/mlflow/model-versions/transition-stage.  The kit's
 * own CLI accepts the quiz's command line so that you can practise it.
 *
 * Click's rules, and where the kit's differ.  The messages are click's
 * words (docs/mlflow-messages.tsv names click's source for each), but
 * click itself (src/click/parser.py, core.py) keeps the LAST value of a
 * repeated option without a word, takes the next word as a value even
 * when it starts with "--", suggests "Did you mean" only for options (a
 * wrong command gets "No such command 'model'." and nothing more), and
 * processes the options given in the order typed before it reports a
 * missing one.  The kit's own rules, which the tests check: a repeated
 * option is refused ("was given more than once": the kit's words), a
 * "--" word is never a value, a wrong command gets a suggestion too, and
 * the first missing option is reported in the order --model-name,
 * --version, --stage before any value is checked.
 *
 * The mistakes the tests catch: `model` instead of `models` (and
 * `transition` or `transition-versions` instead of `transition-version`:
 * the whole word must match), `--model-version` instead of `--version`
 * (suggest the right word), a missing flag (name the first missing one, in
 * the order --model-name, --version, --stage), a flag without its value, a
 * flag given twice, a bad value, an extra argument.  A version is an
 * integer and nothing else: "", " 3", "3abc" and "0x3" are refused, and so
 * is a number past 64 bits, but 0 and -1 are valid syntax (they end in
 * "not found" later, in the transition).  err may be NULL.  *out is
 * written only on success.
 *
 * A plan (small functions):
 *   1. check that there are two words, then argv[0] == "models" and
 *      argv[1] == "transition-version";
 *   2. scan the options from argv[2] with opts_scan() and a table of the
 *      four flags (struct opts_spec): which ones take a value?  An unknown
 *      flag such as --model-version is then reported, with a suggestion;
 *   3. report the first missing option, then check the values;
 *   4. fill *out.
 *
 * Check your work:  make grade KATA=02     stuck?  make hint KATA=02
 */
#include <string.h>

#include "opts.h"
#include "registry.h"
#include "tvargs.h"

enum kit_status tvargs_parse(int argc, char *const argv[], struct tvargs *out,
                             struct kit_error *err)
{
    (void)argc;
    (void)argv;
    (void)out;
    /* TODO: step 1, the command words. */
    /* TODO: step 2, the options (opts_scan). */
    /* TODO: step 3, the first missing option, then the values. */
    /* TODO: step 4, *out. */
    return kit_error_set(err, KIT_ENOTIMPL, "tvargs_parse: not implemented");
}
