/* modelreg's --help texts, as data. */
#include "cli.h"

#include "prog.h"

struct cli_help_text {
    const char *summary; /* one line, for the command list */
    const char *body;    /* what it does, and its options */
};

static const struct cli_help_text cli_help_texts[CLI_NCOMMANDS] = {
    [CLI_CREATE] = {
        "Register a new model.",
        "  Register a new model with no versions.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --help             Show this message and exit.\n"},
    [CLI_CREATE_VERSION] = {
        "Create the next version of a model (prints its number).",
        "  Create the next version of a model, in stage None, and print its\n"
        "  number.  Numbers start at 1 and are never reused, even after a\n"
        "  delete.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --help             Show this message and exit.\n"},
    [CLI_TRANSITION_VERSION] = {
        "Move a version to a stage (the quiz's command).",
        "  Move a model version to a stage: None, Staging, Production or\n"
        "  Archived (any case).  The kit's command, modelled on MLflow's\n"
        "  MlflowClient.transition_model_version_stage(); MLflow itself has\n"
        "  no `mlflow models transition-version` CLI command.\n"
        "\n"
        "  Without --archive-existing-versions several versions may share a\n"
        "  stage, as in MLflow (unless the registry's one-per-stage policy\n"
        "  is on: see set-policy).  With it, every other version of the\n"
        "  model in the target stage is archived at the same instant.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT              The model's name.  [required]\n"
        "  --version INTEGER              The version number.  [required]\n"
        "  --stage TEXT                   The target stage.  [required]\n"
        "  --archive-existing-versions    Archive the other versions in an\n"
        "                                 active target stage (Staging or\n"
        "                                 Production).\n"
        "  --help                         Show this message and exit.\n"},
    [CLI_GET_VERSION] = {
        "Show one version, by number or by alias.",
        "  Show one version: its stage, its aliases and when its stage last\n"
        "  changed.  Give exactly one of --version and --alias.  With\n"
        "  --alias it is MLflow's MlflowClient.get_model_version_by_alias();\n"
        "  an unknown alias is \"Registered model alias <alias> not found.\"\n"
        "  (INVALID_PARAMETER_VALUE), even when the model does not exist.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --version INTEGER  The version number.\n"
        "  --alias TEXT       The alias that names the version.\n"
        "  --json             Print JSON.\n"
        "  --help             Show this message and exit.\n"},
    [CLI_LIST] = {
        "List versions and the registry's policy.",
        "  List every version (of one model, in one stage) with its aliases,\n"
        "  and the registry's stage policy.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  Only this model.\n"
        "  --stage TEXT       Only this stage.\n"
        "  --json             Print JSON.\n"
        "  --help             Show this message and exit.\n"},
    [CLI_DELETE_VERSION] = {
        "Delete a version (its number is never reused).",
        "  Delete a version.  Archived is not deleted: this removes it.  Its\n"
        "  number is never given to another version.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --version INTEGER  The version number.  [required]\n"
        "  --help             Show this message and exit.\n"},
    [CLI_HISTORY] = {
        "Show every stage transition and alias change, cascades marked.",
        "  Show every stage transition and every alias set, move and\n"
        "  delete, oldest first.  A cascade is a version archived by another\n"
        "  version's --archive-existing-versions, or an alias deleted with\n"
        "  its version.  (MLflow keeps only a last-updated time; this history\n"
        "  is the kit's addition.)\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  Only this model.\n"
        "  --json             Print JSON.\n"
        "  --help             Show this message and exit.\n"},
    [CLI_DISPATCH] = {
        "Run the seed's loop: deploy / test / archive each version.",
        "  Run the seed's loop over every stored version:\n"
        "      production -> deploy, staging -> test, otherwise -> archive\n"
        "  and print the action for each version and the counts.  One\n"
        "  action per version: the work grows as O(n).\n"
        "\n"
        "Options:\n"
        "  --json  Print JSON.\n"
        "  --help  Show this message and exit.\n"},
    [CLI_DEMO] = {
        "Load the quiz's scenario.",
        "  Load the quiz's scenario: fraud_detector (v1 Production, v2\n"
        "  Staging) and my_model (v1 Archived, v2 Production, v3 Staging).\n"
        "  Fails, changing nothing, if either model exists.\n"
        "\n"
        "Options:\n"
        "  --help  Show this message and exit.\n"},
    [CLI_SET_POLICY] = {
        "Switch the one-version-per-active-stage policy on or off.",
        "  Switch the registry's policy.  off (the default) is MLflow's\n"
        "  behaviour: several versions may share a stage.  on: a second\n"
        "  version moving into Staging or Production is a conflict error,\n"
        "  unless the transition archives the existing ones.  The setting\n"
        "  is stored in the registry; `list` shows it.\n"
        "\n"
        "Options:\n"
        "  --one-per-stage [on|off]  The policy.  [required]\n"
        "  --help                    Show this message and exit.\n"},
    [CLI_SET_ALIAS] = {
        "Point an alias at a version (it moves if it exists).",
        "  Point an alias of a model at a version.  An alias that exists\n"
        "  moves to the new version, with no error; setting it again on the\n"
        "  same version changes nothing.  A version may carry several\n"
        "  aliases; an alias names one version.  The kit's command, modelled\n"
        "  on MLflow's MlflowClient.set_registered_model_alias(): MLflow's\n"
        "  CLI has no alias command (`mlflow models alias set` does not\n"
        "  exist).\n"
        "\n"
        "  Alias names: letters, digits, _ and -, at most 255 characters;\n"
        "  `latest` (any case) and v<digits> are reserved.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --alias TEXT       The alias.  [required]\n"
        "  --version INTEGER  The version it names.  [required]\n"
        "  --help             Show this message and exit.\n"},
    [CLI_DELETE_ALIAS] = {
        "Delete an alias (the version stays).",
        "  Delete an alias of a model; the version it named stays.  Deleting\n"
        "  an alias that does not exist changes nothing and is no error, as\n"
        "  in MLflow.  The kit's command, modelled on MLflow's\n"
        "  MlflowClient.delete_registered_model_alias(): MLflow's CLI has no\n"
        "  alias command.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --alias TEXT       The alias.  [required]\n"
        "  --help             Show this message and exit.\n"},
    [CLI_RESOLVE] = {
        "Show the version a models:/ URI loads (exercise 7).",
        "  Resolve a model URI as mlflow.pyfunc.load_model() would, with\n"
        "  exercise 7's alias_resolve():\n"
        "      models:/NAME@ALIAS   the version the alias names\n"
        "      models:/NAME/3       version 3\n"
        "      models:/NAME/latest  the highest version number\n"
        "      models:/NAME/STAGE   the HIGHEST version number in the stage,\n"
        "                           not the one moved there last\n"
        "  The kit's command: MLflow has no CLI command for this.\n"
        "\n"
        "Options:\n"
        "  --json  Print JSON.\n"
        "  --help  Show this message and exit.\n"},
    [CLI_MIGRATE_STAGES] = {
        "Give each model's stages aliases: champion, challenger.",
        "  Migrate from stages to aliases, as MLflow's \"Migrating from\n"
        "  Stages\" guide says: for each model, `champion` names the highest\n"
        "  version number in Production (get_latest_versions' answer), and\n"
        "  `challenger` the highest in Staging.  champion is the guide's\n"
        "  example; challenger (the candidate of an A/B test) is a common\n"
        "  convention, not MLflow's guide.  An alias that exists moves.\n"
        "  Stages are left as they are.  Then load models:/NAME@champion\n"
        "  instead of models:/NAME/Production.\n"
        "\n"
        "Options:\n"
        "  --dry-run  Print what it would do and change nothing.\n"
        "  --help     Show this message and exit.\n"},
    [CLI_CHECK] = {
        "Check the registry file (modelreg check).",
        "  Check the registry: SQLite's integrity check (pages, and every\n"
        "  index against its table), its foreign keys, and the kit's\n"
        "  invariants: each version's number is below its model's next\n"
        "  number, its stage is its last history line's, and each history\n"
        "  line starts where the previous one of that version ended.  Prints\n"
        "  \"ok\" and exits 0, or lists the problems and exits 1.  Reads\n"
        "  only; changes nothing.\n"
        "\n"
        "Options:\n"
        "  --help  Show this message and exit.\n"},
};

static void cli_help_top(FILE *out)
{
    fputs("Usage: modelreg [OPTIONS] COMMAND [ARGS]...\n"
          "\n"
          "  The stagekit model registry: MLflow's model-version stages\n"
          "  (None, Staging, Production, Archived) and aliases in a local\n"
          "  SQLite file.\n"
          "\n"
          "  This is the kit's own command, modelled on MLflow's\n"
          "  MlflowClient.transition_model_version_stage() and REST API.  It\n"
          "  is not an MLflow CLI command: real MLflow has no\n"
          "  `mlflow models transition-version`, and no alias command either\n"
          "  (set-alias, delete-alias and get-version --alias are modelled\n"
          "  on MlflowClient's alias methods).\n"
          "\n"
          "Options:\n"
          "  --registry PATH  The registry file (default: $MODELREG_REGISTRY,\n"
          "                   else ./registry.db).  Created by the first\n"
          "                   write command; a read command on a\n"
          "                   missing file fails and creates nothing.\n"
          "  --version        Show the version and exit.\n"
          "  --help           Show this message and exit.\n"
          "\n"
          "Commands:\n"
          "  models  Registered models and their versions.\n"
          "  check   Check the registry file for damage.\n"
          "\n",
          out);
    prog_exits_help(out, "  0  success\n"
                         "  1  registry or store error\n"
                         "  2  usage error\n");
}

static void cli_help_group(FILE *out)
{
    fputs("Usage: modelreg models [OPTIONS] COMMAND [ARGS]...\n"
          "\n"
          "  Registered models and their versions.  (The kit's commands,\n"
          "  modelled on MLflow's model registry API.)\n"
          "\n"
          "Options:\n"
          "  --help  Show this message and exit.\n"
          "\n"
          "Commands:\n",
          out);
    for (int c = 0; c < CLI_CHECK; c++)
        fprintf(out, "  %-18s  %s\n", cli_command_name((enum cli_command)c),
                cli_help_texts[c].summary);
}

static void cli_help_command(FILE *out, enum cli_command c)
{
    if ((int)c < 0 || c >= CLI_NCOMMANDS)
        return;
    fprintf(out, "Usage: modelreg %s%s [OPTIONS]%s\n\n%s",
            c == CLI_CHECK ? "" : "models ", cli_command_name(c), c == CLI_RESOLVE ? " URI" : "",
            cli_help_texts[c].body);
}

void cli_print_help(FILE *out, const struct cli_args *a)
{
    switch (a->action) {
    case CLI_SHOW_VERSION:
        fprintf(out, "modelreg, version %s (stagekit; not an MLflow "
                     "command)\n", CLI_VERSION);
        break;
    case CLI_HELP_GROUP:
        cli_help_group(out);
        break;
    case CLI_HELP_COMMAND:
        cli_help_command(out, a->command);
        break;
    case CLI_HELP_TOP:
    case CLI_NO_ARGS:
    case CLI_RUN:
        cli_help_top(out);
        break;
    }
}
