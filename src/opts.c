#include "opts.h"

#include <assert.h>
#include <string.h>

#include "suggest.h"

enum kit_status opts_no_such_option(struct kit_error *err, const char *arg,
                                    size_t len, const char *const flags[],
                                    size_t n)
{
    char word[128];
    if (len >= sizeof word)
        len = sizeof word - 1;
    memcpy(word, arg, len);
    word[len] = '\0';
    const char *hint = suggest_closest(word, flags, n);
    if (hint == NULL)
        return kit_error_set(err, KIT_EUSAGE, "No such option: %s", word);
    return kit_error_set(err, KIT_EUSAGE, "No such option: %s Did you mean %s?",
                         word, hint);
}

enum kit_status opts_no_such_command(struct kit_error *err, const char *word,
                                     const char *const names[], size_t n)
{
    const char *hint = suggest_closest(word, names, n);
    if (hint == NULL)
        return kit_error_set(err, KIT_EUSAGE, "No such command '%s'.", word);
    return kit_error_set(err, KIT_EUSAGE,
                         "No such command '%s'. Did you mean '%s'?", word,
                         hint);
}

enum kit_status opts_invalid(struct kit_error *err, const char *flag)
{
    struct kit_error inner = *err; /* a buffer cannot format into itself */
    enum kit_status st = inner.status;
    if (st == KIT_EINVAL || st == KIT_ERANGE)
        st = KIT_EUSAGE;
    return kit_error_set(err, st, "Invalid value for '%s': %s", flag,
                         inner.msg);
}

/* The allowed option named by the first len bytes of arg, or n. */
static size_t opts_lookup(const struct opts_spec spec[], size_t n,
                          unsigned allowed, const char *arg, size_t len)
{
    for (size_t o = 0; o < n; o++)
        if ((allowed >> o & 1u) && strlen(spec[o].flag) == len &&
            strncmp(arg, spec[o].flag, len) == 0)
            return o;
    return n;
}

static enum kit_status opts_unknown(const struct opts_spec spec[], size_t n,
                                    unsigned allowed, const char *arg,
                                    size_t len, struct kit_error *err)
{
    const char *flags[OPTS_MAX];
    size_t k = 0;
    for (size_t o = 0; o < n; o++)
        if (allowed >> o & 1u)
            flags[k++] = spec[o].flag;
    return opts_no_such_option(err, arg, len, flags, k);
}

/* Takes a word that is not an option: the one positional argument, if
 * the caller wants one and has none yet. */
static enum kit_status opts_positional(const char *arg, const char **slot,
                                       struct kit_error *err)
{
    if (slot == NULL || *slot != NULL)
        return kit_error_set(err, KIT_EUSAGE,
                             "Got unexpected extra argument (%s)", arg);
    *slot = arg;
    return KIT_OK;
}

/* Reads the option at argv[*i] (its row into *which), advancing *i to
 * its value, if it has one in the next word. */
static enum kit_status opts_scan_one(int argc, char *const argv[], int *i,
                                     const struct opts_spec spec[], size_t n,
                                     unsigned allowed, unsigned repeats,
                                     struct opts_seen *seen, size_t *which,
                                     struct kit_error *err)
{
    const char *arg = argv[*i];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    size_t o = opts_lookup(spec, n, allowed, arg, len);
    if (o == n)
        return opts_unknown(spec, n, allowed, arg, len, err);
    *which = o;
    const char *flag = spec[o].flag;
    if (seen->present[o] && !(repeats >> o & 1u))
        return kit_error_set(err, KIT_EUSAGE,
                             "Option '%s' was given more than once.", flag);
    seen->present[o] = true;
    if (!spec[o].takes_value)
        return eq ? kit_error_set(err, KIT_EUSAGE,
                                  "Option '%s' does not take a value.", flag)
                  : KIT_OK;
    if (eq != NULL)
        seen->value[o] = eq + 1;
    else if (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) != 0)
        seen->value[o] = argv[++*i];
    else
        return kit_error_set(err, KIT_EUSAGE,
                             "Option '%s' requires an argument.", flag);
    return KIT_OK;
}

bool opts_is_option(const char *arg)
{
    return arg[0] == '-' && arg[1] != '\0' && strcmp(arg, "--") != 0;
}

enum kit_status opts_scan_prefix(int argc, char *const argv[],
                                 const struct opts_spec spec[], size_t n,
                                 struct opts_seen *seen, int *next,
                                 struct kit_error *err)
{
    assert(n <= OPTS_MAX);
    memset(seen, 0, sizeof *seen);
    enum kit_status st = KIT_OK;
    size_t which;
    int i = 0;
    for (; st == KIT_OK && i < argc && opts_is_option(argv[i]); i++)
        st = opts_scan_one(argc, argv, &i, spec, n, OPTS_ALL, 0, seen,
                           &which, err);
    *next = i;
    return st;
}

enum kit_status opts_scan(int argc, char *const argv[],
                          const struct opts_spec spec[], size_t n,
                          unsigned allowed, struct opts_seen *seen,
                          const char **positional, struct kit_error *err)
{
    assert(n <= OPTS_MAX);
    memset(seen, 0, sizeof *seen);
    if (positional != NULL)
        *positional = NULL;
    enum kit_status st = KIT_OK;
    size_t which;
    bool options = true;
    for (int i = 0; st == KIT_OK && i < argc; i++) {
        const char *arg = argv[i];
        if (options && strcmp(arg, "--") == 0)
            options = false;
        else if (options && opts_is_option(arg))
            st = opts_scan_one(argc, argv, &i, spec, n, allowed, 0, seen,
                               &which, err);
        else
            st = opts_positional(arg, positional, err);
    }
    return st;
}

enum kit_status opts_scan_next(int argc, char *const argv[], int *i,
                               const struct opts_spec spec[], size_t n,
                               unsigned repeats, struct opts_seen *seen,
                               size_t *which, struct kit_error *err)
{
    assert(n <= OPTS_MAX && *i < argc && opts_is_option(argv[*i]));
    enum kit_status st =
        opts_scan_one(argc, argv, i, spec, n, OPTS_ALL, repeats, seen, which,
                      err);
    ++*i;
    return st;
}
