/* modelreg's --help texts, as data. */
#include "cli.h"

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
        "Show one version.",
        "  Show one version: its stage and when it last changed.\n"
        "\n"
        "Options:\n"
        "  --model-name TEXT  The model's name.  [required]\n"
        "  --version INTEGER  The version number.  [required]\n"
        "  --json             Print JSON.\n"
        "  --help             Show this message and exit.\n"},
    [CLI_LIST] = {
        "List versions and the registry's policy.",
        "  List every version (of one model, in one stage) and the\n"
        "  registry's stage policy.\n"
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
        "Show every stage transition, cascades marked.",
        "  Show every stage transition, oldest first.  A cascade is a\n"
        "  version archived by another version's\n"
        "  --archive-existing-versions.  (MLflow keeps only a last-updated\n"
        "  time; this history is the kit's addition.)\n"
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
};

static void cli_help_top(FILE *out)
{
    fputs("Usage: modelreg [OPTIONS] COMMAND [ARGS]...\n"
          "\n"
          "  The stagekit model registry: MLflow's model-version stages\n"
          "  (None, Staging, Production, Archived) in a local SQLite file.\n"
          "\n"
          "  This is the kit's own command, modelled on MLflow's\n"
          "  MlflowClient.transition_model_version_stage() and REST API.  It\n"
          "  is not an MLflow CLI command: real MLflow has no\n"
          "  `mlflow models transition-version`.\n"
          "\n"
          "Options:\n"
          "  --registry PATH  The registry file (default: $MODELREG_REGISTRY,\n"
          "                   else ./registry.db).  Created on first use.\n"
          "  --version        Show the version and exit.\n"
          "  --help           Show this message and exit.\n"
          "\n"
          "Commands:\n"
          "  models  Registered models and their versions.\n"
          "\n"
          "Exit status: 0 success, 1 registry error, 2 usage error.\n",
          out);
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
    for (int c = 0; c < CLI_NCOMMANDS; c++)
        fprintf(out, "  %-18s  %s\n", cli_command_name((enum cli_command)c),
                cli_help_texts[c].summary);
}

static void cli_help_command(FILE *out, enum cli_command c)
{
    if ((int)c < 0 || c >= CLI_NCOMMANDS)
        return;
    fprintf(out, "Usage: modelreg models %s [OPTIONS]\n\n%s",
            cli_command_name(c), cli_help_texts[c].body);
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
    case CLI_RUN:
        cli_help_top(out);
        break;
    }
}
