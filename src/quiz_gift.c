/* Moodle GIFT export.  The escapes are those of Moodle's own GIFT exporter
 * (question/format/gift/format.php, repchar()): a backslash before each of
 * \ ~ = # { } : and a newline written as \n. */

#include "quiz.h"

#include <string.h>

static void gift_escape(FILE *out, const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s == '\n') {
            fputs("\\n", out);
            continue;
        }
        if (strchr("\\~=#{}:", *s) != NULL)
            fputc('\\', out);
        fputc(*s, out);
    }
}

void quiz_gift_text(FILE *out, const char *s)
{
    if (s[0] == '[' || s[0] == '%' || strncmp(s, "//", 2) == 0)
        fputs("[moodle]", out);
    gift_escape(out, s);
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
    fprintf(out, "// question %zu (", number);
    gift_comment(out, bank_name);
    fprintf(out, " line %ld)\n", q->line);
    if (q->title) {
        fputs("::", out);
        gift_escape(out, q->title);
        fputs("::", out);
    }
    quiz_gift_text(out, q->stem);
    fputs("{\n", out);
    for (size_t k = 0; k < q->noptions; k++) {
        fputs(k == q->key ? "\t=" : "\t~", out);
        quiz_gift_text(out, q->option[k].text);
        if (k != q->key) {
            fputc('#', out);
            quiz_gift_text(out, q->option[k].mistake);
        }
        fputc('\n', out);
    }
    fputs("\t####", out);
    quiz_gift_text(out, q->why);
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
          "(\"####\").\n\n", out);
    for (size_t i = 0; i < b->count; i++)
        gift_question(out, &b->questions[i], i + 1, bank_name);
}
