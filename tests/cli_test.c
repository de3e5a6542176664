#include "cli_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_ARGS 32

int cli_test_setup(void **state, const char *tmpl)
{
    struct cli_test *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "%s", tmpl);
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/reg.db", f->dir);
    *state = f;
    return 0;
}

int cli_test_teardown(void **state)
{
    struct cli_test *f = *state;
    char file[512];
    DIR *d = opendir(f->dir);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(file, sizeof file, "%s/%s", f->dir, e->d_name);
        unlink(file);
    }
    if (d)
        closedir(d);
    rmdir(f->dir);
    free(f->out);
    free(f->err);
    free(f);
    return 0;
}

int cli_test_run_on(struct cli_test *f, const char *path, const char *line)
{
    char buf[512];
    char *argv[MAX_ARGS + 1] = {"modelreg", "--registry", (char *)path};
    int argc = 3;
    size_t nout = 0, nerr = 0;
    snprintf(buf, sizeof buf, "%s", line);
    for (char *t = strtok(buf, " "); t && argc < MAX_ARGS;
         t = strtok(NULL, " "))
        argv[argc++] = t;
    argv[argc] = NULL;
    free(f->out);
    free(f->err);
    FILE *out = open_memstream(&f->out, &nout);
    FILE *err = open_memstream(&f->err, &nerr);
    assert_true(out != NULL && err != NULL);
    int rc = cli_main(argc, argv, NULL, out, err);
    fclose(out);
    fclose(err);
    return rc;
}

int cli_test_run(struct cli_test *f, const char *line)
{
    return cli_test_run_on(f, f->path, line);
}
