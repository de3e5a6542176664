/* The report's page engine (src/page*.c): escaping, meta.gp, the SVG
 * embedding, and the grade and quiz sections from canned JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "page.h"

/* What a writer put in a memory stream. */
struct out {
    char *buf;
    size_t len;
    FILE *f;
};

static void out_open(struct out *o)
{
    o->buf = NULL;
    o->f = open_memstream(&o->buf, &o->len);
    assert_non_null(o->f);
}

/* Closes the stream; the text stays in o->buf (freed by out_free). */
static const char *out_text(struct out *o)
{
    assert_int_equal(fclose(o->f), 0);
    o->f = NULL;
    return o->buf;
}

static void out_free(struct out *o)
{
    free(o->buf);
}

static void expect_text(const char *in, size_t len, const char *want)
{
    struct out o;
    out_open(&o);
    page_text(o.f, in, len);
    assert_string_equal(out_text(&o), want);
    out_free(&o);
}

#define FFFD "\xEF\xBF\xBD"

static void test_markup_is_escaped(void **state)
{
    (void)state;
    const char *hostile = "</pre><script>alert(\"x\" & 'y')</script>";
    expect_text(hostile, strlen(hostile),
                "&lt;/pre&gt;&lt;script&gt;alert(&quot;x&quot; &amp; "
                "&#39;y&#39;)&lt;/script&gt;");
    expect_text("a\tb\nc", 5, "a\tb\nc");
    expect_text("caf\xC3\xA9", 5, "caf\xC3\xA9");
}

static void test_bad_bytes_become_replacement_characters(void **state)
{
    (void)state;
    expect_text("a\xFF" "b", 3, "a" FFFD "b");        /* not UTF-8 */
    expect_text("a\0b", 3, "a" FFFD "b");             /* NUL */
    expect_text("\x01\x1b\x7f", 3, FFFD FFFD FFFD);   /* controls */
    expect_text("a\r\nb", 4, "a\r\nb");              /* CR LF is a line */
    expect_text("a\fb", 3, "a\fb");                  /* FF is whitespace */
    expect_text("a\vb", 3, "a" FFFD "b");             /* VT is not */
    expect_text("\xC2\x85", 2, FFFD);                 /* C1 control */
    expect_text("\xEF\xBF\xBE", 3, FFFD);             /* U+FFFE */
    expect_text("\xEF\xB7\x90", 3, FFFD);             /* U+FDD0 */
    expect_text("\xF0\x9F\xBF\xBF", 4, FFFD);         /* U+1FFFF */
    expect_text("\xE2\x82", 2, FFFD FFFD);            /* cut short */
}

static const char meta[] =
    "# Written by bench/report.c\n"
    "machine_cores = 'not this one'\n"
    "machine = 'AMD EPYC, it''s 2 CPUs'\n"
    "  date = \"2026-12-02 \\\"13:25\\\" UTC\"\n"
    "impl = 'cut short\n";

static void test_meta_values_are_unquoted(void **state)
{
    (void)state;
    char v[64] = "untouched";
    assert_true(page_gp_string(meta, "machine", v, sizeof v));
    assert_string_equal(v, "AMD EPYC, it's 2 CPUs");
    assert_true(page_gp_string(meta, "date", v, sizeof v));
    assert_string_equal(v, "2026-12-02 \"13:25\" UTC");
    strcpy(v, "untouched");
    assert_false(page_gp_string(meta, "impl", v, sizeof v));
    assert_false(page_gp_string(meta, "frac", v, sizeof v));
    assert_string_equal(v, "untouched");
    char small[8];
    assert_true(page_gp_string(meta, "machine", small, sizeof small));
    assert_string_equal(small, "AMD EPY");
}

/* The start of a gnuplot 5.4 SVG file, shortened. */
static const char gnuplot_svg[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
    "<svg \n width=\"1280\" height=\"720\"\n viewBox=\"0 0 1280 720\"\n"
    " xmlns=\"http://www.w3.org/2000/svg\"\n"
    " xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n"
    "<title>Gnuplot</title>\n<g id=\"gnuplot_canvas\">\n"
    "<defs><circle id='gpDot' r='0.5'/><clipPath id='c1'/></defs>\n"
    "<use xlink:href='#gpDot' x='1' clip-path='url(#c1)'/>\n"
    "<text>t &lt; 2</text></g>\n</svg>\n";

/* page_svg() of svg into *o; returns its status, why in why. */
static int embed(struct out *o, const char *svg, char *why, size_t cap)
{
    out_open(o);
    why[0] = '\0';
    return page_svg(o->f, svg, strlen(svg), "p3", "Time <&> n", "alt \"x\"",
                    why, cap);
}

static void test_svg_is_inlined_with_a_title(void **state)
{
    (void)state;
    struct out o;
    char why[128];
    assert_int_equal(embed(&o, gnuplot_svg, why, sizeof why), 0);
    const char *t = out_text(&o);
    assert_true(strncmp(t, "<svg role=\"img\" aria-labelledby=\"p3-title\" "
                           "aria-describedby=\"p3-desc\" width=\"100%\" "
                           "viewBox=\"0 0 1280 720\">\n"
                           "<title id=\"p3-title\">Time &lt;&amp;&gt; n"
                           "</title>\n<desc id=\"p3-desc\">alt &quot;x&quot;"
                           "</desc>\n",
                    strlen("<svg role=\"img\" aria-labelledby=\"p3-title\" "
                           "aria-describedby=\"p3-desc\" width=\"100%\" "
                           "viewBox=\"0 0 1280 720\">\n"
                           "<title id=\"p3-title\">Time &lt;&amp;&gt; n"
                           "</title>\n<desc id=\"p3-desc\">alt &quot;x&quot;"
                           "</desc>\n")) == 0);
    assert_null(strstr(t, "<?xml"));
    assert_null(strstr(t, "DOCTYPE"));
    assert_null(strstr(t, "http:"));
    assert_null(strstr(t, "height=\"720\""));
    assert_non_null(strstr(t, "<g id=\"p3-gnuplot_canvas\">"));
    assert_non_null(strstr(t, "<circle id='p3-gpDot'"));
    assert_non_null(strstr(t, "<clipPath id='p3-c1'/>"));
    assert_non_null(strstr(t, "xlink:href='#p3-gpDot'"));
    assert_non_null(strstr(t, "clip-path='url(#p3-c1)'"));
    assert_non_null(strstr(t, "<text>t &lt; 2</text>"));
    size_t n = strlen(t);
    assert_true(n > 7 && strcmp(t + n - 7, "</svg>\n") == 0);
    out_free(&o);
}

static void test_svg_without_viewbox_gets_one(void **state)
{
    (void)state;
    struct out o;
    char why[128];
    assert_int_equal(embed(&o, "<svg width='640px' height=\"480\" "
                               "class=\"a&amp;b\"><g/></svg>", why,
                           sizeof why), 0);
    const char *t = out_text(&o);
    assert_non_null(strstr(t, " viewBox=\"0 0 640 480\""));
    assert_non_null(strstr(t, " class=\"a&amp;amp;b\""));
    assert_null(strstr(t, "640px"));
    out_free(&o);
}

/* Each file is refused with a reason and nothing written. */
static void test_broken_svgs_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *svg, *why;
    } cases[] = {
        {"", "no <svg> element"},
        {"<?xml version='1.0'?><svgx/>", "no <svg> element"},
        {"<svg viewBox='0 0 1 1'><g>", "no </svg> end"},
        {"<svg viewBox='0 0 1 1' width=", "not name=\"value\""},
        {"<svg viewBox='0 0 1 1' width='1", "cut short"},
        {"<svg viewBox='0 0 1 1' disabled></svg>", "not name=\"value\""},
        {"<svg viewBox='0 0 1 1'/>", "empty"},
        {"<svg width='100%' height='100%'><g/></svg>", "no viewBox"},
        {"<svg viewBox='0 0 1 1'><script>x()</script></svg>", "script"},
        {"<svg viewBox='0 0 1 1'><SCRIPT>x()</SCRIPT></svg>", "script"},
        {"<svg viewBox='0 0 1 1'><g onload = 'x()'/></svg>", "event handler"},
        {"<svg viewBox='0 0 1 1'><foreignObject/></svg>", "script"},
        {"<svg viewBox='0 0 1 1'><?pi x?></svg>", "prolog"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct out o;
        char why[128];
        if (embed(&o, cases[i].svg, why, sizeof why) != -1)
            fail_msg("case %zu (%s) was embedded", i, cases[i].svg);
        if (strstr(why, cases[i].why) == NULL)
            fail_msg("case %zu: why is \"%s\", not about \"%s\"", i, why,
                     cases[i].why);
        assert_string_equal(out_text(&o), "");
        out_free(&o);
    }
}

static const char grade_json[] =
    "{\"run_id\": \"r1\", \"mode\": \"sandbox\", \"mode_reason\": null,\n"
    " \"score\": 1, \"max_score\": 2, \"timeout_seconds\": 10,\n"
    " \"exercises\": [\n"
    "  {\"exercise\": \"01_stage\", \"quiz\": \"Q1\", \"status\": \"pass\","
    "   \"passed\": 5, \"total\": 5, \"first_failure\": null},\n"
    "  {\"exercise\": \"02_<b>\", \"quiz\": \"Q2\", \"status\": \"evil\\\" x\","
    "   \"passed\": 1, \"total\": 4,"
    "   \"first_failure\": \"</td></table><script>alert(1)</script>\"}]}";

static void test_grade_table_from_json(void **state)
{
    (void)state;
    struct out o;
    char why[128];
    out_open(&o);
    assert_int_equal(page_grade(o.f, grade_json, why, sizeof why), 0);
    const char *t = out_text(&o);
    assert_non_null(strstr(t, "Score: 1 of 2 exercises (the tests ran in "
                              "sandbox mode)."));
    assert_non_null(strstr(t, "<tr><td><code>01_stage</code></td><td>Q1</td>"
                              "<td class=\"num\">5/5</td><td><span class=\""
                              "badge pass\">pass</span></td><td></td></tr>"));
    /* An unknown status gets the neutral class, never its own text. */
    assert_non_null(strstr(t, "<code>02_&lt;b&gt;</code>"));
    assert_non_null(strstr(t, "<span class=\"badge other\">evil&quot; x"));
    assert_non_null(strstr(t, "&lt;/td&gt;&lt;/table&gt;&lt;script&gt;"));
    assert_null(strstr(t, "<script"));
    assert_non_null(strstr(t, "</tbody>\n</table>\n"));
    out_free(&o);
}

static void test_bad_json_is_refused(void **state)
{
    (void)state;
    static const struct {
        const char *json, *why;
    } cases[] = {
        {"{\"exercises\": [", "not valid JSON"},
        {"[1, 2]", "valid JSON, but no list of exercises"},
        {"{\"exercises\": {\"a\": 1}}",
         "valid JSON, but no list of exercises"},
        {"", "not valid JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct out o;
        char why[128] = "";
        out_open(&o);
        assert_int_equal(page_grade(o.f, cases[i].json, why, sizeof why), -1);
        assert_string_equal(why, cases[i].why);
        assert_string_equal(out_text(&o), "");
        out_free(&o);
        out_open(&o);
        assert_int_equal(page_quiz(o.f, cases[i].json, why, sizeof why), -1);
        assert_string_equal(out_text(&o), "");
        out_free(&o);
    }
}

static const char quiz_json[] =
    "{\"bank\": \"quiz/bank.txt\", \"questions\": 3, \"answered\": 2,\n"
    " \"correct\": 1, \"percent\": 33, \"pass_mark\": 70, \"passed\": false,\n"
    " \"results\": [\n"
    "  {\"number\": 1, \"title\": \"Live stage\", \"answer\": \"B\","
    "   \"key\": \"B\", \"correct\": true, \"mistake\": null},\n"
    "  {\"number\": 2, \"title\": \"<i>Archived</i>\", \"answer\": \"A\","
    "   \"key\": \"C\", \"correct\": false, \"mistake\": \"deleted & gone\"},\n"
    "  {\"number\": 3, \"title\": \"Aliases\", \"answer\": null,"
    "   \"key\": \"D\", \"correct\": false, \"mistake\": null}]}";

static void test_quiz_score_and_misses(void **state)
{
    (void)state;
    struct out o;
    char why[128];
    out_open(&o);
    assert_int_equal(page_quiz(o.f, quiz_json, why, sizeof why), 0);
    const char *t = out_text(&o);
    assert_non_null(strstr(t, "Score: 1 of 3 (33%); pass mark 70%: <span "
                              "class=\"badge fail\">not passed</span>. 2 "
                              "answered; bank <code>quiz/bank.txt</code>."));
    assert_null(strstr(t, "Live stage"));
    assert_non_null(strstr(t, "<tr><td class=\"num\">2</td><td>&lt;i&gt;"
                              "Archived&lt;/i&gt;</td><td>A</td><td>C</td>"
                              "<td>deleted &amp; gone</td></tr>"));
    assert_null(strstr(t, "<td>Aliases</td>"));
    assert_non_null(strstr(t, "</table>\n<p>Not answered: 3.</p>\n"));
    out_free(&o);
}

static void test_a_perfect_quiz_misses_nothing(void **state)
{
    (void)state;
    struct out o;
    char why[128];
    out_open(&o);
    assert_int_equal(page_quiz(o.f, "{\"questions\": 1, \"correct\": 1, "
                                    "\"percent\": 100, \"pass_mark\": 70, "
                                    "\"passed\": true, \"results\": [{"
                                    "\"number\": 1, \"answer\": \"B\", \"correct\": true}]}",
                               why, sizeof why), 0);
    const char *t = out_text(&o);
    assert_non_null(strstr(t, "<span class=\"badge pass\">passed</span>"));
    assert_non_null(strstr(t, "<p>No wrong answer.</p>"));
    assert_null(strstr(t, "Not answered"));
    assert_null(strstr(t, "<table>"));
    out_free(&o);
}

static void test_read_says_what_it_found(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_page.XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    char *text = (char *)"untouched";
    size_t len = 99;
    snprintf(path, sizeof path, "%s/none", dir);
    assert_int_equal(page_read(path, 10, &text, &len), PAGE_READ_MISSING);
    snprintf(path, sizeof path, "%s/f", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(page_read(path, 10, &text, &len), PAGE_READ_EMPTY);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("0123456789", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(page_read(path, 9, &text, &len), PAGE_READ_ERROR);
    assert_string_equal(text, "untouched");
    assert_int_equal(len, 99);
    assert_int_equal(page_read(path, 10, &text, &len), PAGE_READ_OK);
    assert_string_equal(text, "0123456789");
    assert_int_equal(len, 10);
    free(text);
    assert_int_equal(page_read(dir, 10, &text, &len), PAGE_READ_ERROR);
    unlink(path);
    rmdir(dir);
}

/* A page written to a full device fails; one from nothing at all is a
 * page of notes. */
static void test_page_write_fails_on_a_full_disk(void **state)
{
    (void)state;
    struct page_inputs in = {"/nonexistent/index.tsv", "/nonexistent",
                             "/nonexistent", "/nonexistent/g.json",
                             "/nonexistent/q.json", "/nonexistent/c.html", 0};
    struct page_summary sum;
    FILE *f = fopen("/dev/full", "w");
    assert_non_null(f);
    assert_int_equal(page_write(f, &in, &sum), -1);
    fclose(f);
    struct out o;
    out_open(&o);
    assert_int_equal(page_write(o.f, &in, &sum), 0);
    const char *t = out_text(&o);
    assert_int_equal(sum.plots, 0);
    assert_int_equal(sum.missing, 7); /* meta, manifest, table, transition,
                                         grade, quiz, class */
    assert_non_null(strstr(t, "Page generated 1970-01-01 00:00 UTC."));
    assert_non_null(strstr(t, "<code>/nonexistent/table.txt</code> does not "
                              "exist. Make it with <code>make bench</code>"));
    assert_true(strlen(t) > 8 && strcmp(t + strlen(t) - 8, "</html>\n") == 0);
    out_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup_is_escaped),
        cmocka_unit_test(test_bad_bytes_become_replacement_characters),
        cmocka_unit_test(test_meta_values_are_unquoted),
        cmocka_unit_test(test_svg_is_inlined_with_a_title),
        cmocka_unit_test(test_svg_without_viewbox_gets_one),
        cmocka_unit_test(test_broken_svgs_are_refused),
        cmocka_unit_test(test_grade_table_from_json),
        cmocka_unit_test(test_bad_json_is_refused),
        cmocka_unit_test(test_quiz_score_and_misses),
        cmocka_unit_test(test_a_perfect_quiz_misses_nothing),
        cmocka_unit_test(test_read_says_what_it_found),
        cmocka_unit_test(test_page_write_fails_on_a_full_disk),
    };
    return cmocka_run_group_tests_name("report page", tests, NULL, NULL);
}
