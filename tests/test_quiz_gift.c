/* The Moodle GIFT export: read back with a small GIFT reader (the subset
 * quiz_write_gift() writes, read the way Moodle's qformat_gift reads it),
 * every question, option, key, mistake and explanation must come back
 * unchanged (an [html] text: every word, and every code line with its
 * indentation), and GIFT's special characters must be escaped.
 * make gift-check reads the export with the npm GIFT parser as well. */

#include "quiz/quiz_test.h"

/* ---- a small GIFT reader ---- */

/* The position of the first c in s[0..n) that is not escaped, or n. */
static size_t find_unescaped(const char *s, size_t n, char c)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] == c)
            return i;
    }
    return n;
}

/* s[0..n) without its escapes and without a leading [moodle] or [html]
 * format. */
static char *unescape(const char *s, size_t n)
{
    if (n >= 8 && strncmp(s, "[moodle]", 8) == 0) {
        s += 8;
        n -= 8;
    } else if (n >= 6 && strncmp(s, "[html]", 6) == 0) {
        s += 6;
        n -= 6;
    }
    char *out = malloc(n + 1), *o = out;
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char e = s[++i];
            LESSON(strchr("\\~=#{}:n", e) != NULL,
                   "'\\%c' is not a GIFT escape", e);
            *o++ = e == 'n' ? '\n' : e;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

/* One raw special character in a text is an escaping bug. */
static void no_raw_specials(const char *s, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        LESSON(strchr("~=#{}:\n", s[i]) == NULL,
               "the %s has an unescaped '%c', one of GIFT's special "
               "characters: Moodle would misread the question",
               what, s[i]);
    }
}

/* s with every run of white space as one space, trimmed (new string). */
static char *squeeze(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    assert_non_null(out);
    for (; *s != '\0'; s++)
        if (!strchr(" \t\n", *s))
            *o++ = *s;
        else if (o > out && o[-1] != ' ' && strspn(s, " \t\n") != strlen(s))
            *o++ = ' ';
    *o = '\0';
    return out;
}

/* An [html] text's words: its tags removed, its entities decoded. */
static char *html_words(const char *html)
{
    static const char *const tags[] = {"<pre><code>", "</code></pre>", "<p>",
                                       "</p>", "<br>"};
    static const char *const ents[][2] = {{"&lt;", "<"}, {"&gt;", ">"},
                                          {"&amp;", "&"}};
    char *out = malloc(strlen(html) + 1), *o = out;
    assert_non_null(out);
    while (*html != '\0') {
        size_t k = 0, len = 0;
        for (; k < 5 && strncmp(html, tags[k], len = strlen(tags[k])); k++)
            ;
        if (k < 5) {
            *o++ = ' ';
            html += len;
            continue;
        }
        for (k = 0; k < 3 && strncmp(html, ents[k][0], strlen(ents[k][0]));
             k++)
            ;
        LESSON(k < 3 || (*html != '<' && *html != '&'), "raw markup in an "
               "[html] text: '%.20s'", html);
        *o++ = k < 3 ? ents[k][1][0] : *html;
        html += k < 3 ? strlen(ents[k][0]) : 1;
    }
    *o = '\0';
    char *words = squeeze(out);
    free(out);
    return words;
}

/* Each code line of want (four spaces or a tab first) must be a whole
 * line of a <pre><code> block in html, with the rest of its indentation. */
static void code_lines_survive(const char *html, const char *want,
                               size_t number)
{
    for (const char *l = want; l != NULL;
         l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        size_t n = strcspn(l, "\n"), lead = l[0] == '\t' ? 1 : 4;
        if ((l[0] != '\t' && strncmp(l, "    ", 4) != 0) ||
            strspn(l, " \t") >= n)
            continue;
        char line[QUIZ_LINE_MAX + 16];
        snprintf(line, sizeof line, "%.*s", (int)(n - lead), l + lead);
        char *esc = malloc(3 * strlen(line) + 1), *e = esc;
        assert_non_null(esc);
        for (const char *c = line; *c; c++)
            e += sprintf(e, "%s", *c == '<' ? "&lt;" : *c == '>' ? "&gt;"
                                  : *c == '&' ? "&amp;" : (char[]){*c, 0});
        const char *at = strstr(html, esc);
        LESSON(at != NULL && (at[-1] == '\n' || at[-1] == '>') &&
                   (at[strlen(esc)] == '\n' || at[strlen(esc)] == '<'),
               "question %zu: the code line '%s' must come back whole, "
               "with its indentation, inside <pre><code>:\n%s", number,
               line, html);
        free(esc);
    }
}

/* Compares one read-back text with the bank's and frees it.  An [html]
 * text (raw starts with it) must keep every word and code line. */
static void same_text(char *got, const char *want, const char *what,
                      size_t number, const char *raw)
{
    if (strncmp(raw, "[html]", 6) == 0) {
        char *a = html_words(got), *b = squeeze(want);
        LESSON(strcmp(a, b) == 0, "question %zu: the %s's words came back "
               "as '%s' instead of '%s'", number, what, a, b);
        code_lines_survive(got, want, number);
        free(a);
        free(b);
    } else {
        LESSON(strcmp(got, want) == 0, "question %zu: the %s came back as "
               "'%s' instead of '%s'", number, what, got, want);
    }
    free(got);
}

/* Checks the option line "\t=text" or "\t~text#mistake" against option k. */
static void check_option(const char *line, size_t n,
                         const struct quiz_question *q, size_t k,
                         size_t number)
{
    LESSON(n > 2 && line[0] == '\t', "question %zu: option %zu must be on "
           "its own tab-indented line", number, k + 1);
    bool key = line[1] == '=';
    LESSON(key == (k == q->key), "question %zu: option %c must be marked %s",
           number, quiz_letter(k), k == q->key ? "'=' (the key)" : "'~'");
    const char *t = line + 2;
    size_t tn = n - 2, hash = find_unescaped(t, tn, '#');
    no_raw_specials(t, hash, "option");
    same_text(unescape(t, hash), q->option[k].text, "option", number, t);
    if (key) {
        LESSON(hash == tn, "question %zu: the key has no feedback", number);
        return;
    }
    LESSON(hash < tn, "question %zu: wrong option %c must carry its mistake "
           "as '#' feedback", number, quiz_letter(k));
    no_raw_specials(t + hash + 1, tn - hash - 1, "mistake");
    same_text(unescape(t + hash + 1, tn - hash - 1), q->option[k].mistake,
              "mistake", number, t + hash + 1);
}

/* Reads the question at *p (after comment lines) and checks it against q;
 * *p moves past it. */
static void check_question(const char **p, const struct quiz_question *q,
                           size_t number)
{
    while (strncmp(*p, "//", 2) == 0 || **p == '\n' ||
           strncmp(*p, "$CATEGORY:", 10) == 0)
        *p += strcspn(*p, "\n") + 1;
    const char *s = *p;
    size_t n = strcspn(s, "\n");
    if (q->title) {
        LESSON(strncmp(s, "::", 2) == 0, "question %zu: the title must come "
               "first, between '::'", number);
        size_t end = 2;
        while (end + 1 < n && !(s[end] == ':' && s[end + 1] == ':'))
            end += s[end] == '\\' ? 2 : 1;
        same_text(unescape(s + 2, end - 2), q->title, "title", number, "");
        s += end + 2;
        n -= end + 2;
    }
    size_t brace = find_unescaped(s, n, '{');
    LESSON(brace == n - 1, "question %zu: the stem must end at the first "
           "unescaped '{', at the end of its line", number);
    no_raw_specials(s, brace, "stem");
    same_text(unescape(s, brace), q->stem, "stem", number, s);
    s += n + 1;
    for (size_t k = 0; k < q->noptions; k++) {
        n = strcspn(s, "\n");
        check_option(s, n, q, k, number);
        s += n + 1;
    }
    n = strcspn(s, "\n");
    LESSON(strncmp(s, "\t####", 5) == 0, "question %zu: the explanation "
           "is the general feedback, '####'", number);
    same_text(unescape(s + 5, n - 5), q->why, "explanation", number, s + 5);
    s += n + 1;
    LESSON(strncmp(s, "}\n\n", 3) == 0, "question %zu must end with '}' and "
           "a blank line", number);
    *p = s + 3;
}

/* Exports b and reads every question back. */
static char *round_trip(const struct quiz_bank *b)
{
    struct capture c;
    quiz_write_gift(capture_start(&c), b, "t.txt");
    char *gift = capture_end(&c);
    const char *p = gift;
    for (size_t i = 0; i < b->count; i++)
        check_question(&p, &b->questions[i], i + 1);
    LESSON(*p == '\0', "nothing may follow the last question: '%.20s'", p);
    return gift;
}

static struct quiz_bank load(const char *path)
{
    struct quiz_bank b;
    struct kit_error err;
    LESSON(quiz_bank_load(path, &b, &err) == KIT_OK, "%s must load: %s", path,
           err.msg);
    return b;
}

/* ---- tests ---- */

static void every_special_character_is_escaped(void **state)
{
    (void)state;
    struct quiz_bank b = load("tests/quiz/special.txt");
    char *gift = round_trip(&b);
    LESSON(strstr(gift, "::Specials\\: \\~ \\= \\# \\{ \\} \\\\::") != NULL,
           "the title's ~ = # { } : and backslash must each get a "
           "backslash:\n%s", gift);
    LESSON(strstr(gift, "Is \\{x\\} \\= \\~y \\# z\\: a \\\\ b?{\n") != NULL,
           "the stem's specials must be escaped:\n%s", gift);
    LESSON(strstr(gift, "#[moodle]%50% looks like a weight") != NULL,
           "a text starting with %% gets [moodle] first, or Moodle reads "
           "'%%50%%' as a 50%% weight");
    LESSON(strstr(gift, "\t~[moodle][bracket] first") != NULL,
           "a text starting with '[' gets an explicit [moodle] format");
    LESSON(strstr(gift, "\t~[moodle]//") != NULL,
           "a text starting with // gets [moodle], or Moodle drops it as a "
           "comment");
    LESSON(strstr(gift, "\t####first line\\: \\{why\\}\\nsecond line \\~ "
                        "\\= \\#\n") != NULL,
           "a line break in a text is written as \\n: a raw newline would "
           "break GIFT's one-question-per-block layout");
    free(gift);
    quiz_bank_free(&b);
}

static void the_real_bank_survives_the_round_trip(void **state)
{
    (void)state;
    struct quiz_bank b = load("quiz/bank.txt");
    char *gift = round_trip(&b);
    LESSON(count_of(gift, "\n\t=") == b.count,
           "one key ('=') per question: %zu questions", b.count);
    free(gift);
    quiz_bank_free(&b);
}

static void a_shuffled_bank_exports_its_shuffled_order(void **state)
{
    (void)state;
    struct quiz_bank b = load("quiz/bank.txt");
    quiz_bank_shuffle(&b, 7);
    free(round_trip(&b));
    quiz_bank_free(&b);
}

static void the_header_says_where_it_comes_from(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    struct capture c;
    quiz_write_gift(capture_start(&c), &b, "my\nbank.txt");
    char *gift = capture_end(&c);
    LESSON(strncmp(gift, "// stagekit quiz: my?bank.txt, 2 questions", 42) == 0,
           "the first comment names the bank (control characters as '?', "
           "so the comment stays one line): '%.60s'", gift);
    LESSON(strstr(gift, "// question 2 (my?bank.txt line 13)\n") != NULL,
           "each question's comment gives its line in the bank");
    LESSON(strstr(gift, "\nFirst stem") == NULL &&
               strstr(gift, "::First::First stem{") != NULL,
           "a titled question starts with ::title::");
    LESSON(strstr(gift, "\nSecond stem{") != NULL,
           "a question without a title starts with its stem");
    free(gift);
    quiz_bank_free(&b);
}

static void gift_text_escapes_alone(void **state)
{
    (void)state;
    struct capture c;
    quiz_gift_text(capture_start(&c), "a:b=c~d#e{f}g\\h\ni");
    char *s = capture_end(&c);
    assert_string_equal(s, "a\\:b\\=c\\~d\\#e\\{f\\}g\\\\h\\ni");
    free(s);
}

#define CODE_QUESTION                                                      \
    "Q: Run this: {x}\n"                                                    \
    "|\n"                                                                   \
    "|     for m in ms:\n"                                                  \
    "|         if m < 1 && ok: deploy(m)\n"                                 \
    "| and then?\n"                                                         \
    "A: [one]\n"                                                            \
    "MISTAKE: mistake # one\n"                                              \
    "B: two\n"                                                              \
    "KEY: B\n"                                                              \
    "WHY: because\n"                                                        \
    "\n" TWO_QUESTIONS

static void code_keeps_its_indentation_in_html(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(CODE_QUESTION);
    char *gift = round_trip(&b);
    LESSON(strstr(gift, "\nRun this: {x}") == NULL &&
               strstr(gift, "[html]<p>Run this\\: \\{x\\}</p>\\n<pre><code>"
                            "for m in ms\\:\\n    if m &lt; 1 &amp;&amp; ok\\: "
                            "deploy(m)</code></pre>\\n<p>and then?</p>\\n{\n")
                   != NULL,
           "a stem with code is [html]: prose in <p>, the code in <pre><code> "
           "without its four-space marker but with its own indentation, "
           "HTML-escaped, then GIFT-escaped:\n%s", gift);
    LESSON(strstr(gift, "\t~[moodle][one]#[moodle]mistake \\# one\n") &&
               strstr(gift, "\t=[moodle]two\n") &&
               strstr(gift, "\t####[moodle]because\n"),
           "every other text of a question in [html] says [moodle], or "
           "Moodle reads it as HTML, the stem's format:\n%s", gift);
    LESSON(count_of(gift, "[html]") == 1 && strstr(gift, "First stem{") &&
               strstr(gift, "\t~one#mistake one\n"),
           "questions without code keep Moodle's own format, unmarked");
    free(gift);
    quiz_bank_free(&b);
}

static void the_real_banks_code_is_html(void **state)
{
    (void)state;
    struct quiz_bank b = load("quiz/bank.txt");
    struct capture c;
    quiz_write_gift(capture_start(&c), &b, "quiz/bank.txt");
    char *gift = capture_end(&c);
    LESSON(strstr(gift, "<pre><code>from mlflow import MlflowClient\\n"
                        "client \\= MlflowClient()\\n"
                        "client.transition_model_version_stage("
                        "\\n    name\\=\"my_model\", version\\=2, "
                        "stage\\=\"archived\")</code></pre>") != NULL,
           "question 3's code keeps its indentation in the export");
    LESSON(count_of(gift, "<pre><code>") >= 3,
           "the bank has at least three code blocks");
    free(gift);
    quiz_bank_free(&b);
}

static void the_category_comes_before_the_questions(void **state)
{
    (void)state;
    struct quiz_bank b = parse_ok(TWO_QUESTIONS);
    struct capture c;
    quiz_write_gift(capture_start(&c), &b, "t.txt");
    char *gift = capture_end(&c);
    const char *cat = strstr(gift, "\n$CATEGORY: stagekit\n\n");
    LESSON(cat != NULL && cat < strstr(gift, "::First::"),
           "a $CATEGORY line on its own, before the first question, puts "
           "the questions in Moodle's stagekit category:\n%s", gift);
    LESSON(count_of(gift, "$CATEGORY") == 1, "one category for the bank");
    free(gift);
    quiz_bank_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_special_character_is_escaped),
        cmocka_unit_test(the_real_bank_survives_the_round_trip),
        cmocka_unit_test(a_shuffled_bank_exports_its_shuffled_order),
        cmocka_unit_test(the_header_says_where_it_comes_from),
        cmocka_unit_test(gift_text_escapes_alone),
        cmocka_unit_test(code_keeps_its_indentation_in_html),
        cmocka_unit_test(the_real_banks_code_is_html),
        cmocka_unit_test(the_category_comes_before_the_questions),
    };
    return cmocka_run_group_tests_name("quiz GIFT export", tests, NULL, NULL);
}
