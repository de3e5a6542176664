/* The question bank parser: quiz/FORMAT.md is the grammar.  Every line is
 * checked (length, UTF-8, control bytes) before it is read, and every
 * question is checked when the next one starts; the first problem is
 * reported as "file:line: ..." and nothing is skipped. */

#include "quiz.h"

#include "utf8.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The parser's state: the bank being built, the line being read, and the
 * lines where the current question's parts were given (for messages). */
struct parser {
    const char *name;
    long line;
    struct quiz_bank bank;
    size_t cap;
    struct quiz_question *q; /* the question being read, or NULL */
    char **field;            /* the text a continuation line extends */
    long title_line, why_line, key_line; /* 0: not given yet */
    long opt_line[QUIZ_MAX_OPTIONS];
    long mistake_line[QUIZ_MAX_OPTIONS];
    struct kit_error *err;
};

enum field { FIELD_Q, FIELD_TITLE, FIELD_MISTAKE, FIELD_KEY, FIELD_WHY };

static const char *const field_names[] = {
    [FIELD_Q] = "Q",       [FIELD_TITLE] = "TITLE", [FIELD_MISTAKE] = "MISTAKE",
    [FIELD_KEY] = "KEY",   [FIELD_WHY] = "WHY",
};

#define FIELD_COUNT (sizeof field_names / sizeof field_names[0])

char quiz_letter(size_t i)
{
    return i < QUIZ_MAX_OPTIONS ? (char)('A' + i) : '?';
}

/* Records "name:line: <message>" in the parser's error and returns st. */
static enum kit_status fail_at(const struct parser *p, long line,
                               enum kit_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static enum kit_status fail_at(const struct parser *p, long line,
                               enum kit_status st, const char *fmt, ...)
{
    char detail[KIT_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return kit_error_set(p->err, st, "%s:%ld: %s", p->name, line, detail);
}

static char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool is_alpha(char c)
{
    char u = ascii_upper(c);
    return u >= 'A' && u <= 'Z';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Drops the spaces and tabs around s[0..*n): a line's, not its end. */
static void trim_spaces_tabs(const char **s, size_t *n)
{
    while (*n > 0 && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_space((*s)[*n - 1]))
        (*n)--;
}

/* ---- bytes ---- */

/* Refuses control bytes (tab aside) and invalid UTF-8 in one line. */
static enum kit_status check_bytes(const struct parser *p, const char *s,
                                   size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
            return fail_at(p, p->line, KIT_EINVAL,
                           "binary byte 0x%02X at column %zu: a bank is "
                           "plain UTF-8 text", u[i], i + 1);
        size_t len = utf8_seq_len(u + i, n - i);
        if (len == 0)
            return fail_at(p, p->line, KIT_EINVAL,
                           "invalid UTF-8 (byte 0x%02X) at column %zu: save "
                           "the bank as UTF-8", u[i], i + 1);
        i += len;
    }
    return KIT_OK;
}

/* ---- text fields ---- */

/* Appends s[0..n) to *slot (allocating it), after sep unless *slot is
 * empty. */
static enum kit_status append(const struct parser *p, char **slot, char sep,
                              const char *s, size_t n)
{
    size_t old = *slot ? strlen(*slot) : 0;
    size_t add = n + (old > 0 && sep != '\0');
    if (old + add > QUIZ_TEXT_MAX)
        return fail_at(p, p->line, KIT_EINVAL,
                       "the text grows past %d bytes: split it or shorten it",
                       QUIZ_TEXT_MAX);
    char *t = realloc(*slot, old + add + 1);
    if (t == NULL)
        return fail_at(p, p->line, KIT_ENOMEM, "out of memory");
    if (old > 0 && sep != '\0')
        t[old++] = sep;
    memcpy(t + old, s, n);
    t[old + n] = '\0';
    *slot = t;
    return KIT_OK;
}

/* Starts a text field with its first line; continuation lines extend it.
 * The caller has checked that *slot is not set yet. */
static enum kit_status start_text(struct parser *p, char **slot, long *line,
                                  const char *s, size_t n)
{
    assert(*slot == NULL);
    if (line)
        *line = p->line;
    p->field = slot;
    return append(p, slot, '\0', s, n);
}

/* TITLE: and WHY:, which a question has at most once. */
static enum kit_status start_once(struct parser *p, char **slot, long *line,
                                  const char *what, const char *s, size_t n)
{
    if (*line != 0)
        return fail_at(p, p->line, KIT_EINVAL,
                       "a second %s (the first is on line %ld): a question "
                       "has one", what, *line);
    return start_text(p, slot, line, s, n);
}

/* A line starting with white space (joined with a space) or '|' (a line
 * break, kept verbatim). */
static enum kit_status continue_text(struct parser *p, const char *s,
                                     size_t n)
{
    if (p->field == NULL)
        return fail_at(p, p->line, KIT_EINVAL,
                       "this line continues the text above, but there is "
                       "none to continue (a blank line or KEY: ends a text)");
    if (s[0] == '|') {
        size_t skip = n > 1 && s[1] == ' ' ? 2 : 1;
        s += skip;
        n -= skip;
        while (n > 0 && is_space(s[n - 1]))
            n--;
        if (**p->field == '\0')
            return append(p, p->field, '\0', s, n);
        return append(p, p->field, '\n', s, n);
    }
    trim_spaces_tabs(&s, &n);
    return append(p, p->field, ' ', s, n);
}

/* ---- questions ---- */

static void free_question(struct quiz_question *q)
{
    free(q->title);
    free(q->stem);
    free(q->why);
    for (size_t i = 0; i < QUIZ_MAX_OPTIONS; i++) {
        free(q->option[i].text);
        free(q->option[i].mistake);
    }
}

/* Every part of the question must be there and make sense together. */
static enum kit_status check_question(const struct parser *p)
{
    const struct quiz_question *q = p->q;
    if (q->noptions < QUIZ_MIN_OPTIONS)
        return fail_at(p, q->line, KIT_EINVAL,
                       "this question has %zu option%s; a question needs at "
                       "least %d (A: and B:)", q->noptions,
                       q->noptions == 1 ? "" : "s", QUIZ_MIN_OPTIONS);
    if (p->key_line == 0)
        return fail_at(p, q->line, KIT_EINVAL,
                       "this question has no key: add a line 'KEY: <letter>' "
                       "naming the right option");
    if (q->key >= q->noptions)
        return fail_at(p, p->key_line, KIT_EINVAL,
                       "KEY: %c names no option: this question's options "
                       "are A-%c", quiz_letter(q->key),
                       quiz_letter(q->noptions - 1));
    if (p->why_line == 0)
        return fail_at(p, q->line, KIT_EINVAL,
                       "this question has no explanation: add 'WHY: ...'");
    return KIT_OK;
}

/* The key carries no mistake; every wrong option carries one. */
static enum kit_status check_mistakes(const struct parser *p)
{
    const struct quiz_question *q = p->q;
    for (size_t i = 0; i < q->noptions; i++) {
        bool has = q->option[i].mistake != NULL;
        if (i == q->key && has)
            return fail_at(p, p->mistake_line[i], KIT_EINVAL,
                           "option %c is the key, so no mistake leads to it: "
                           "remove this MISTAKE: or change the KEY:",
                           quiz_letter(i));
        if (i != q->key && !has)
            return fail_at(p, p->opt_line[i], KIT_EINVAL,
                           "option %c is wrong but has no MISTAKE: line "
                           "saying which mistake leads a student to it",
                           quiz_letter(i));
    }
    return KIT_OK;
}

/* No text may be empty once its continuation lines are joined. */
static enum kit_status check_texts(const struct parser *p)
{
    const struct quiz_question *q = p->q;
    if (q->stem[0] == '\0')
        return fail_at(p, q->line, KIT_EINVAL, "Q: has no question text");
    if (q->title && q->title[0] == '\0')
        return fail_at(p, p->title_line, KIT_EINVAL, "TITLE: is empty");
    if (q->why && q->why[0] == '\0')
        return fail_at(p, p->why_line, KIT_EINVAL, "WHY: is empty");
    for (size_t i = 0; i < q->noptions; i++) {
        const struct quiz_option *o = &q->option[i];
        if (o->text[0] == '\0')
            return fail_at(p, p->opt_line[i], KIT_EINVAL,
                           "option %c has no text", quiz_letter(i));
        if (o->mistake && o->mistake[0] == '\0')
            return fail_at(p, p->mistake_line[i], KIT_EINVAL,
                           "the MISTAKE: of option %c is empty",
                           quiz_letter(i));
    }
    return KIT_OK;
}

static enum kit_status finish_question(struct parser *p)
{
    if (p->q == NULL)
        return KIT_OK;
    enum kit_status st = check_texts(p);
    if (st == KIT_OK)
        st = check_question(p);
    if (st == KIT_OK)
        st = check_mistakes(p);
    p->q = NULL;
    p->field = NULL;
    return st;
}

static enum kit_status start_question(struct parser *p, const char *s,
                                      size_t n)
{
    enum kit_status st = finish_question(p);
    if (st != KIT_OK)
        return st;
    if (p->bank.count == QUIZ_MAX_QUESTIONS)
        return fail_at(p, p->line, KIT_EINVAL,
                       "more than %d questions: split the bank",
                       QUIZ_MAX_QUESTIONS);
    if (p->bank.count == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        void *t = realloc(p->bank.questions, cap * sizeof *p->bank.questions);
        if (t == NULL)
            return fail_at(p, p->line, KIT_ENOMEM, "out of memory");
        p->bank.questions = t;
        p->cap = cap;
    }
    p->q = &p->bank.questions[p->bank.count++];
    memset(p->q, 0, sizeof *p->q);
    p->q->line = p->line;
    p->title_line = p->why_line = p->key_line = 0;
    memset(p->opt_line, 0, sizeof p->opt_line);
    memset(p->mistake_line, 0, sizeof p->mistake_line);
    return start_text(p, &p->q->stem, NULL, s, n);
}

static enum kit_status read_option(struct parser *p, size_t i, const char *s,
                                   size_t n)
{
    struct quiz_question *q = p->q;
    if (i < q->noptions)
        return fail_at(p, p->line, KIT_EINVAL,
                       "option %c appears twice (first on line %ld)",
                       quiz_letter(i), p->opt_line[i]);
    if (i > q->noptions)
        return fail_at(p, p->line, KIT_EINVAL,
                       "option %c comes before option %c: options go in "
                       "order A, B, C, D", quiz_letter(i),
                       quiz_letter(q->noptions));
    q->noptions++;
    return start_text(p, &q->option[i].text, &p->opt_line[i], s, n);
}

static enum kit_status read_mistake(struct parser *p, const char *s, size_t n)
{
    struct quiz_question *q = p->q;
    if (q->noptions == 0)
        return fail_at(p, p->line, KIT_EINVAL,
                       "MISTAKE: before any option: it explains the option "
                       "just above it");
    size_t i = q->noptions - 1;
    if (q->option[i].mistake != NULL)
        return fail_at(p, p->line, KIT_EINVAL,
                       "a second MISTAKE: for option %c (the first is on line "
                       "%ld): one mistake per option", quiz_letter(i),
                       p->mistake_line[i]);
    return start_text(p, &q->option[i].mistake, &p->mistake_line[i], s, n);
}

/* The number of one-letter words in s[0..n), and whether every word is one
 * letter ("A, B" has two; "AB" has none). */
static size_t single_letters(const char *s, size_t n, bool *all_single)
{
    size_t count = 0;
    *all_single = true;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && is_alpha(s[j]))
            j++;
        if (j - i == 1)
            count++;
        else if (j - i > 1)
            *all_single = false;
        i = j > i ? j : i + 1;
    }
    return count;
}

static enum kit_status read_key(struct parser *p, const char *s, size_t n)
{
    p->field = NULL;
    if (p->key_line)
        return fail_at(p, p->line, KIT_EINVAL,
                       "a second KEY: (the first is on line %ld): a question "
                       "has exactly one key", p->key_line);
    if (n == 1 && is_alpha(s[0])) {
        char c = ascii_upper(s[0]);
        if (c < 'A' || c > 'D')
            return fail_at(p, p->line, KIT_EINVAL,
                           "key letter '%c' is outside A-D", s[0]);
        p->q->key = (size_t)(c - 'A');
        p->key_line = p->line;
        return KIT_OK;
    }
    bool all_single;
    if (single_letters(s, n, &all_single) > 1 && all_single)
        return fail_at(p, p->line, KIT_EINVAL,
                       "two keys in 'KEY: %.*s': a question has exactly one "
                       "key", (int)(n > 40 ? 40 : n), s);
    return fail_at(p, p->line, KIT_EINVAL,
                   "KEY: expects the letter of the right option, A-D, not "
                   "'%.*s'", (int)(n > 40 ? 40 : n), s);
}

/* ---- lines ---- */

/* The field named by keyword s[0..n): an option index in *option (for a
 * letter A-D) or a field in *f.  An unknown keyword or a letter past D is
 * an error. */
static enum kit_status lookup_field(const struct parser *p, const char *s,
                                    size_t n, int *option, enum field *f)
{
    *option = -1;
    if (n == 1 && is_alpha(s[0]) && ascii_upper(s[0]) != 'Q') {
        char c = ascii_upper(s[0]);
        if (c > 'D')
            return fail_at(p, p->line, KIT_EINVAL,
                           "option letter '%c' is outside A-D", s[0]);
        *option = c - 'A';
        return KIT_OK;
    }
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        const char *name = field_names[i];
        size_t k = 0;
        while (k < n && name[k] && ascii_upper(s[k]) == name[k])
            k++;
        if (k == n && name[k] == '\0') {
            *f = (enum field)i;
            return KIT_OK;
        }
    }
    return fail_at(p, p->line, KIT_EINVAL,
                   "unknown field '%.*s:'; the fields are Q:, TITLE:, A: to "
                   "D:, MISTAKE:, KEY: and WHY: (indent a line to continue "
                   "the text above)", (int)(n > 30 ? 30 : n), s);
}

static enum kit_status read_field(struct parser *p, const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n);
    if (colon == NULL || colon == s)
        return fail_at(p, p->line, KIT_EINVAL,
                       "expected a field such as 'Q: text' or 'KEY: B' (a "
                       "line that continues the text above starts with a "
                       "space or '|')");
    size_t kn = (size_t)(colon - s);
    while (kn > 0 && is_space(s[kn - 1]))
        kn--;
    int option;
    enum field f = FIELD_Q;
    enum kit_status st = lookup_field(p, s, kn, &option, &f);
    if (st != KIT_OK)
        return st;
    const char *v = colon + 1;
    size_t vn = n - (size_t)(v - s);
    trim_spaces_tabs(&v, &vn);
    if (option < 0 && f == FIELD_Q)
        return start_question(p, v, vn);
    if (p->q == NULL)
        return fail_at(p, p->line, KIT_EINVAL,
                       "'%.*s:' outside a question: a question starts with "
                       "'Q:'", (int)(kn > 30 ? 30 : kn), s);
    if (option >= 0)
        return read_option(p, (size_t)option, v, vn);
    if (f == FIELD_TITLE)
        return start_once(p, &p->q->title, &p->title_line, "TITLE:", v, vn);
    if (f == FIELD_WHY)
        return start_once(p, &p->q->why, &p->why_line, "WHY:", v, vn);
    if (f == FIELD_MISTAKE)
        return read_mistake(p, v, vn);
    return read_key(p, v, vn);
}

static bool is_blank(const char *s, size_t n)
{
    trim_spaces_tabs(&s, &n);
    return n == 0;
}

static enum kit_status read_line(struct parser *p, const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '\r')
        n--;
    if (n > QUIZ_LINE_MAX)
        return fail_at(p, p->line, KIT_EINVAL,
                       "line is %zu bytes long; the limit is %d", n,
                       QUIZ_LINE_MAX);
    if (p->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3; /* a byte order mark */
        n -= 3;
    }
    enum kit_status st = check_bytes(p, s, n);
    if (st != KIT_OK)
        return st;
    if (is_blank(s, n)) {
        p->field = NULL;
        return KIT_OK;
    }
    if (s[0] == '#')
        return KIT_OK;
    if (is_space(s[0]) || s[0] == '|')
        return continue_text(p, s, n);
    return read_field(p, s, n);
}

static enum kit_status read_lines(struct parser *p, const char *data,
                                  size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        p->line++;
        enum kit_status st = read_line(p, s, n);
        if (st != KIT_OK)
            return st;
    }
    return finish_question(p);
}

static void free_questions(struct quiz_question *qs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free_question(&qs[i]);
    free(qs);
}

enum kit_status quiz_bank_parse(const char *data, size_t len, const char *name,
                                struct quiz_bank *out, struct kit_error *err)
{
    struct parser p = {.name = name ? name : "<bank>", .err = err};
    assert(out != NULL && (data != NULL || len == 0));
    enum kit_status st = read_lines(&p, data, len);
    if (st == KIT_OK && p.bank.count == 0)
        st = fail_at(&p, 1, KIT_EINVAL,
                     "empty bank: no question found (each question starts "
                     "with 'Q:')");
    if (st != KIT_OK) {
        free_questions(p.bank.questions, p.bank.count);
        return st;
    }
    *out = p.bank;
    kit_error_clear(err);
    return KIT_OK;
}

void quiz_bank_free(struct quiz_bank *b)
{
    if (b == NULL)
        return;
    free_questions(b->questions, b->count);
    b->questions = NULL;
    b->count = 0;
}

/* ---- files ---- */

enum kit_status quiz_read_stream(FILE *f, const char *name, size_t max,
                                 char **data, size_t *len,
                                 struct kit_error *err)
{
    size_t n = 0, cap = 0, got;
    char *buf = NULL;
    do {
        if (n == cap) {
            size_t want = cap ? 2 * cap : 4096;
            char *t = realloc(buf, want + 1);
            if (t == NULL) {
                free(buf);
                return kit_error_set(err, KIT_ENOMEM, "%s: out of memory",
                                     name);
            }
            buf = t;
            cap = want;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0 && n <= max);
    enum kit_status st = KIT_OK;
    if (n > max)
        st = kit_error_set(err, KIT_EINVAL, "%s: larger than %zu bytes", name,
                           max);
    else if (ferror(f))
        st = kit_error_set(err, KIT_EINVAL, "%s: %s", name, strerror(errno));
    if (st != KIT_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return KIT_OK;
}

enum kit_status quiz_read_file(const char *path, size_t max, char **data,
                               size_t *len, struct kit_error *err)
{
    FILE *f = fopen(path, "rb");
    int e = errno;
    if (f == NULL)
        return kit_error_set(err, e == ENOENT   ? KIT_ENOTFOUND
                                  : e == ENOMEM ? KIT_ENOMEM
                                                : KIT_EINVAL,
                             "%s: %s", path, kit_errno_text(e));
    enum kit_status st = quiz_read_stream(f, path, max, data, len, err);
    fclose(f);
    return st;
}

enum kit_status quiz_bank_load(const char *path, struct quiz_bank *out,
                               struct kit_error *err)
{
    char *data;
    size_t len;
    enum kit_status st = quiz_read_file(path, QUIZ_FILE_MAX, &data, &len, err);
    if (st != KIT_OK)
        return st;
    st = quiz_bank_parse(data, len, path, out, err);
    free(data);
    return st;
}
