/* report: writes the instructor's page (make report; include/page.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "opts.h"
#include "page.h"

#include "prog.h"

enum { EXIT_WRITE = 1 };

static const struct prog_info report_info = {
    .name = "report",
    .usage = "[OPTIONS]",
    .about = "  Writes the instructor's report, one HTML page that works offline,\n"
             "  from whatever results exist; each missing one is named on the page\n"
             "  with the command that makes it.\n",
    .options = "  --output FILE    the page [build/report/index.html]\n"
               "  --manifest FILE  the plots: name, title, text alternative "
               "[plots/index.tsv]\n"
               "  --plots DIR      where <name>.svg are [build/plots]\n"
               "  --bench DIR      table.txt, meta.gp, transition.txt "
               "[build/bench]\n"
               "  --grade FILE     the grader's report [build/kata/grade.json]\n"
               "  --quiz FILE      the last quiz's --json report "
               "[build/quiz/last.json]\n"
               "  --class FILE     the class view's fragment "
               "[build/class/section.html]\n"
               "  -h               the same as --help\n",
    .exits = "  0  the page is written (missing inputs too)\n"
             "  1  it could not be written\n"
             "  2  usage error\n",
    .output_error = EXIT_WRITE,
};

enum opt {
    OPT_OUTPUT = PROG_NOPTS, OPT_MANIFEST, OPT_PLOTS, OPT_BENCH, OPT_GRADE,
    OPT_QUIZ, OPT_CLASS, OPT_HELP_SHORT, OPT_COUNT
};

static const struct opts_spec options[OPT_COUNT] = {
    PROG_STD_SPECS,
    [OPT_OUTPUT] = {"--output", true},   [OPT_MANIFEST] = {"--manifest", true},
    [OPT_PLOTS] = {"--plots", true},     [OPT_BENCH] = {"--bench", true},
    [OPT_GRADE] = {"--grade", true},     [OPT_QUIZ] = {"--quiz", true},
    [OPT_CLASS] = {"--class", true},     [OPT_HELP_SHORT] = {"-h", false},
};

static const char *defaults[OPT_COUNT] = {
    [OPT_OUTPUT] = "build/report/index.html",
    [OPT_MANIFEST] = "plots/index.tsv",
    [OPT_PLOTS] = "build/plots",
    [OPT_BENCH] = "build/bench",
    [OPT_GRADE] = "build/kata/grade.json",
    [OPT_QUIZ] = "build/quiz/last.json",
    [OPT_CLASS] = "build/class/section.html",
};

static const char *report_opt(const struct opts_seen *s, enum opt o)
{
    return s->present[o] ? s->value[o] : defaults[o];
}

/* Writes the page to path; a failed page is removed, not left half
 * written.  Returns KIT_OK, KIT_ENOMEM or KIT_ESYS, said on stderr. */
static enum kit_status report_write(const char *path,
                                    const struct page_inputs *in,
                                    struct page_summary *sum)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        int e = errno;
        fprintf(stderr, "report: cannot write %s: %s\n", path,
                kit_errno_text(e));
        return kit_errno_status(e);
    }
    int st = page_write(f, in, sum);
    int saved = errno;
    if (fclose(f) != 0 && st == 0) {
        st = -1;
        saved = errno;
    }
    if (st == 0)
        return KIT_OK;
    if (st == PAGE_NOMEM)
        fprintf(stderr, "report: out of memory while writing %s: no page "
                        "written\n", path);
    else
        fprintf(stderr, "report: writing %s failed: %s\n", path,
                strerror(saved ? saved : EIO));
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        unlink(path);
    return st == PAGE_NOMEM ? KIT_ENOMEM : KIT_ESYS;
}

int main(int argc, char *argv[])
{
    struct opts_seen seen;
    struct kit_error err;
    enum kit_status scan = opts_scan(argc - 1, argv + 1, options, OPT_COUNT,
                                     OPTS_ALL, &seen, NULL, &err);
    if (scan == KIT_OK && seen.present[OPT_HELP_SHORT])
        seen.present[PROG_OPT_HELP] = true;
    int rc = prog_options_done(&report_info, scan, &seen, &err, stdout,
                               stderr);
    if (rc != PROG_RUN)
        return rc;
    struct page_inputs in = {
        .manifest = report_opt(&seen, OPT_MANIFEST),
        .plots_dir = report_opt(&seen, OPT_PLOTS),
        .bench_dir = report_opt(&seen, OPT_BENCH),
        .grade_json = report_opt(&seen, OPT_GRADE),
        .quiz_json = report_opt(&seen, OPT_QUIZ),
        .class_html = report_opt(&seen, OPT_CLASS),
        .now = time(NULL),
    };
    const char *out = report_opt(&seen, OPT_OUTPUT);
    struct page_summary sum;
    enum kit_status st = report_write(out, &in, &sum);
    if (st == KIT_OK)
        printf("report: %s (%u of %u plots; %u missing %s, named on the "
               "page)\n", out, sum.plots, sum.plots_listed, sum.missing,
               sum.missing == 1 ? "input" : "inputs");
    return prog_exit_status(st, EXIT_WRITE);
}
