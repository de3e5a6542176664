#include "prog.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The column where an option's description starts in --help. */
#define PROG_HELP_COLUMN 23

/* Flushes out; on a write error says so on stderr. */
static int prog_flushed(FILE *out, const struct prog_info *p)
{
    if (fflush(out) == 0 && !ferror(out))
        return 0;
    fprintf(stderr, "%s: the output could not be written\n", p->name);
    return p->output_error;
}

int prog_help(FILE *out, const struct prog_info *p)
{
    fprintf(out, "Usage: %s %s\n\n%s\nOptions:\n%s", p->name, p->usage,
            p->about, p->options);
    fprintf(out, "  %-*s%s\n", PROG_HELP_COLUMN - 2, "--help",
            "Show this message and exit.");
    fprintf(out, "  %-*s%s\n", PROG_HELP_COLUMN - 2, "--version",
            "Show the version and exit.");
    if (p->env != NULL)
        fprintf(out, "\nEnvironment:\n%s", p->env);
    fputc('\n', out);
    prog_exits_help(out, p->exits);
    return prog_flushed(out, p);
}

void prog_exits_help(FILE *out, const char *exits)
{
    fprintf(out, "Exit status:\n%s  %-2d %s\n", exits, PROG_EXIT_NOMEM,
            kit_strerror(KIT_ENOMEM));
}

/* The statuses every program maps alike; the others are each program's. */
static const struct {
    enum kit_status status;
    int exit;
} prog_shared_exits[] = {
    {KIT_OK, 0},
    {KIT_EUSAGE, PROG_EXIT_USAGE},
    {KIT_ENOMEM, PROG_EXIT_NOMEM},
};

int prog_exit_status(enum kit_status st, int other)
{
    assert(other != 0 && other != PROG_EXIT_NOMEM);
    for (size_t i = 0; i < sizeof prog_shared_exits / sizeof *prog_shared_exits;
         i++)
        if (prog_shared_exits[i].status == st)
            return prog_shared_exits[i].exit;
    return other;
}

int prog_version(FILE *out, const struct prog_info *p)
{
    fprintf(out, "%s (stagekit) %s\n", p->name, KIT_VERSION);
    return prog_flushed(out, p);
}

int prog_usage_error(FILE *errout, const struct prog_info *p,
                     const char *msg)
{
    fprintf(errout, "Usage: %s %s\nTry '%s --help' for help.\n\nError: %s\n",
            p->name, p->usage, p->name, msg);
    return PROG_EXIT_USAGE;
}

int prog_options_done(const struct prog_info *p, enum kit_status st,
                      const struct opts_seen *seen,
                      const struct kit_error *err, FILE *out, FILE *errout)
{
    if (st != KIT_OK)
        return prog_usage_error(errout, p, err->msg);
    if (seen->present[PROG_OPT_HELP])
        return prog_help(out, p);
    if (seen->present[PROG_OPT_VERSION])
        return prog_version(out, p);
    return PROG_RUN;
}

static const char *const prog_color_words[] = {
    [PROG_COLOR_AUTO] = "auto",
    [PROG_COLOR_ALWAYS] = "always",
    [PROG_COLOR_NEVER] = "never",
};

enum kit_status prog_color_parse(const char *word, enum prog_color *out,
                                 struct kit_error *err)
{
    for (size_t i = 0; i < sizeof prog_color_words / sizeof *prog_color_words;
         i++)
        if (strcmp(word, prog_color_words[i]) == 0) {
            *out = (enum prog_color)i;
            return KIT_OK;
        }
    return kit_error_set(err, KIT_EUSAGE,
                         "Invalid value for '--color': '%s' is not one of "
                         "'auto', 'always', 'never'.", word);
}

bool prog_color_wanted(enum prog_color setting, bool is_tty,
                       const char *no_color, const char *term)
{
    if (setting != PROG_COLOR_AUTO)
        return setting == PROG_COLOR_ALWAYS;
    if (!is_tty || (no_color != NULL && no_color[0] != '\0'))
        return false;
    return term == NULL || strcmp(term, "dumb") != 0;
}

bool prog_color_stdout(enum prog_color setting)
{
    return prog_color_wanted(setting, isatty(STDOUT_FILENO),
                             getenv("NO_COLOR"), getenv("TERM"));
}

enum kit_status prog_share_path_of(const char *exe, const char *name,
                                   char *buf, size_t cap,
                                   struct kit_error *err)
{
    const char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return kit_error_set(err, KIT_EINVAL, "'%s' is not a path to a "
                             "program", exe);
    int len = snprintf(buf, cap, "%.*s/../share/stagekit/%s",
                       (int)(slash - exe), exe, name);
    if (len < 0 || (size_t)len >= cap)
        return kit_error_set(err, KIT_EINVAL, "the path of %s beside %s is "
                             "too long", name, exe);
    return KIT_OK;
}

enum kit_status prog_share_path(const char *name, char *buf, size_t cap,
                                struct kit_error *err)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n < 0)
        return kit_error_set(err, KIT_EINVAL, "cannot read /proc/self/exe "
                             "to find %s: %s", name, strerror(errno));
    if ((size_t)n == sizeof exe - 1)
        return kit_error_set(err, KIT_EINVAL, "the program's path is too "
                             "long to find %s beside it", name);
    exe[n] = '\0';
    return prog_share_path_of(exe, name, buf, cap, err);
}
