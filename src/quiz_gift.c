/* Moodle GIFT export.  The escapes are those of Moodle's own GIFT exporter
 * (question/format/gift/format.php, repchar()): a backslash before each of
 * \ ~ = # { } : and a newline written as \n.
 *
 * Moodle's default text format folds line breaks and runs of spaces, so
 * code loses its indentation.  A question with code (a line indented by
 * four spaces or a tab, the bank's "|     " lines) is therefore written in
 * the [html] format: code in <pre><code>, prose in <p>, HTML-escaped, then
 * GIFT-escaped.  Every other text of such a question names its format
 * ([moodle]) explicitly, because Moodle gives a question's unformatted
 * answers and feedback the format of its stem. */

#include "quiz.h"

#include <stdbool.h>
#include <string.h>

static void gift_escape_n(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            fputs("\\n", out);
            continue;
        }
        if (strchr("\\~=#{}:", s[i]) != NULL)
            fputc('\\', out);
        fputc(s[i], out);
    }
}

static void gift_escape(FILE *out, const char *s)
{
    gift_escape_n(out, s, strlen(s));
}

void quiz_gift_text(FILE *out, const char *s)
{
    if (s[0] == '[' || s[0] == '%' || strncmp(s, "//", 2) == 0)
        fputs("[moodle]", out);
    gift_escape(out, s);
}

/* Whether the line at s (up to a newline) is code: four spaces or a tab
 * first, and something after them. */
static bool gift_code_line(const char *s)
{
    size_t n = strcspn(s, "\n");
    size_t lead = s[0] == '\t' ? 1 : strncmp(s, "    ", 4) == 0 ? 4 : 0;
    return lead > 0 && strspn(s, " \t") < n;
}

static bool gift_has_code(const char *s)
{
    for (const char *line = s; line != NULL;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (gift_code_line(line))
            return true;
    return false;
}

static bool gift_question_has_code(const struct quiz_question *q)
{
    bool code = gift_has_code(q->stem) || gift_has_code(q->why);
    for (size_t k = 0; k < q->noptions && !code; k++)
        code = gift_has_code(q->option[k].text) ||
               (q->option[k].mistake && gift_has_code(q->option[k].mistake));
    return code;
}

/* s[0..n) as HTML text, then GIFT-escaped. */
static void gift_html_escape(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *ent = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;"
                          : s[i] == '>' ? "&gt;" : NULL;
        if (ent != NULL)
            fputs(ent, out);
        else
            gift_escape_n(out, s + i, 1);
    }
}

enum gift_block { GIFT_NONE, GIFT_PROSE, GIFT_CODE };

static void gift_close(FILE *out, enum gift_block b)
{
    fputs(b == GIFT_CODE ? "</code></pre>\\n" : b == GIFT_PROSE ? "</p>\\n"
                                                                : "", out);
}

/* s in the [html] format: each run of code lines a <pre><code> block
 * (the four spaces or tab that mark it removed, deeper indentation kept,
 * one line per line), each run of other lines a paragraph (its line
 * breaks as <br>); blank lines end a block. */
static void gift_html(FILE *out, const char *s)
{
    enum gift_block open = GIFT_NONE;
    fputs("[html]", out);
    for (const char *line = s; *line != '\0';) {
        size_t n = strcspn(line, "\n");
        enum gift_block kind = gift_code_line(line) ? GIFT_CODE
                               : strspn(line, " \t") == n ? GIFT_NONE
                                                          : GIFT_PROSE;
        if (kind != open)
            gift_close(out, open);
        if (kind == GIFT_CODE && open != GIFT_CODE)
            fputs("<pre><code>", out);
        else if (kind == GIFT_CODE)
            fputs("\\n", out);
        else if (kind == GIFT_PROSE && open != GIFT_PROSE)
            fputs("<p>", out);
        else if (kind == GIFT_PROSE)
            fputs("<br>\\n", out);
        size_t skip = kind != GIFT_CODE ? 0 : line[0] == '\t' ? 1 : 4;
        if (kind != GIFT_NONE)
            gift_html_escape(out, line + skip, n - skip);
        open = kind;
        line += n + (line[n] == '\n');
    }
    gift_close(out, open);
}

/* One text of a question; html: the question is written in [html]. */
static void gift_field(FILE *out, const char *s, bool html)
{
    if (html && gift_has_code(s)) {
        gift_html(out, s);
    } else if (html) {
        fputs("[moodle]", out);
        gift_escape(out, s);
    } else {
        quiz_gift_text(out, s);
    }
}

/* s inside a "//" comment line: no line breaks or control characters. */
static void gift_comment(FILE *out, const char *s)
{
    for (; *s != '\0'; s++)
        fputc((unsigned char)*s < 0x20 ? '?' : *s, out);
}

static void gift_question(FILE *out, const struct quiz_question *q,
                          size_t number, const char *bank_name)
{
    bool html = gift_question_has_code(q);
    fprintf(out, "// question %zu (", number);
    gift_comment(out, bank_name);
    fprintf(out, " line %ld)%s\n", q->line,
            html ? ", with code, in HTML" : "");
    if (q->title) {
        fputs("::", out);
        gift_escape(out, q->title);
        fputs("::", out);
    }
    if (html && !gift_has_code(q->stem))
        gift_html(out, q->stem); /* the stem sets the question's format */
    else
        gift_field(out, q->stem, html);
    fputs("{\n", out);
    for (size_t k = 0; k < q->noptions; k++) {
        fputs(k == q->key ? "\t=" : "\t~", out);
        gift_field(out, q->option[k].text, html);
        if (k != q->key) {
            fputc('#', out);
            gift_field(out, q->option[k].mistake, html);
        }
        fputc('\n', out);
    }
    fputs("\t####", out);
    gift_field(out, q->why, html);
    fputs("\n}\n\n", out);
}

void quiz_write_gift(FILE *out, const struct quiz_bank *b,
                     const char *bank_name)
{
    fputs("// stagekit quiz: ", out);
    gift_comment(out, bank_name);
    fprintf(out, ", %zu questions, exported by `quiz --export gift`.\n",
            b->count);
    fputs("// Import in Moodle: Question bank > Import > GIFT format.  The key "
          "is \"=\",\n// each wrong option \"~\" with the mistake behind it "
          "as its feedback,\n// and the explanation is the general feedback "
          "(\"####\").  Questions with code\n// are written in HTML, "
          "so that its indentation survives.\n\n", out);
    fputs("$CATEGORY: stagekit\n\n", out);
    for (size_t i = 0; i < b->count; i++)
        gift_question(out, &b->questions[i], i + 1, bank_name);
}
