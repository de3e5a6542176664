/* libFuzzer target: modelreg's argument parser.  The input is split into
 * argv at newlines (a NUL inside an argument ends it early, as in a real
 * argv).  cli_parse() -- and through it tvargs_parse() of the linked IMPL,
 * stage_parse(), reg_parse_version() and suggest_closest() -- must never
 * crash, and what it returns must be consistent.  No file is touched: the
 * help text goes to a memory stream. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define FUZZ_MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Splits a NUL-terminated copy of the input at '\n' into argv[1..]. */
static int fuzz_split(char *buf, char *argv[])
{
    int argc = 1;
    argv[0] = "modelreg";
    for (char *p = buf; argc < FUZZ_MAX_ARGS;) {
        argv[argc++] = p;
        char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    argv[argc] = NULL;
    return argc;
}

/* What a successful parse promises the rest of the program. */
static void fuzz_check_ok(const struct cli_args *a)
{
    if (a->action != CLI_RUN) {
        char *text = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);
        if (out == NULL)
            return;
        cli_print_help(out, a);
        fclose(out);
        if (len == 0)
            abort(); /* every help request prints something */
        free(text);
        return;
    }
    if ((int)a->command < 0 || a->command >= CLI_NCOMMANDS)
        abort();
    if (a->command == CLI_TRANSITION_VERSION &&
        (a->tv.model_name == NULL || a->tv.model_name[0] == '\0' ||
         a->tv.stage_raw == NULL || (int)a->tv.stage < 0 ||
         a->tv.stage >= STAGE_COUNT))
        abort();
    if (a->has_stage && ((int)a->stage < 0 || a->stage >= STAGE_COUNT))
        abort();
    if (a->model_name != NULL && a->model_name[0] == '\0')
        abort(); /* an empty name is a usage error */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *argv[FUZZ_MAX_ARGS + 1];
    char *buf = malloc(size + 1);
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    int argc = fuzz_split(buf, argv);
    struct cli_args a;
    struct cli_error e;
    enum kit_status st = cli_parse(argc, argv, &a, &e);
    if (st == KIT_OK)
        fuzz_check_ok(&a);
    else if (e.err.msg[0] == '\0' ||
             (st == KIT_EUSAGE && strncmp(e.usage, "Usage: ", 7) != 0) ||
             cli_exit_code(st) == 0)
        abort(); /* an error always says what and where */
    free(buf);
    return 0;
}
