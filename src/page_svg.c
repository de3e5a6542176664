/* An SVG file as an inline <svg> element of the report (page_svg). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"

#define PAGE_ATTRS_MAX 32

/* One attribute of the <svg> start tag: spans into the file. */
struct page_attr {
    const char *name, *value; /* value: inside its quotes */
    size_t name_len, value_len;
    char quote;
};

struct page_svg_tag {
    struct page_attr attr[PAGE_ATTRS_MAX];
    size_t n;
    const char *end; /* just past the tag's '>' */
};

static bool page_fail(char *why, size_t cap, const char *msg)
{
    snprintf(why, cap, "%s", msg);
    return false;
}

/* The first "<svg" that starts a tag, or NULL. */
static const char *page_svg_start(const char *s, const char *end)
{
    for (const char *p = s; end - p > 4; p++)
        if (memcmp(p, "<svg", 4) == 0 &&
            (isspace((unsigned char)p[4]) || p[4] == '>' || p[4] == '/'))
            return p;
    return NULL;
}

static bool page_name_char(char c)
{
    return isalnum((unsigned char)c) || c == ':' || c == '-' || c == '_' ||
           c == '.';
}

/* Reads one attribute at *p; false (with why) when it is malformed. */
static bool page_attr_read(const char **p, const char *end,
                           struct page_attr *a, char *why, size_t cap)
{
    const char *s = *p;
    a->name = s;
    while (s < end && page_name_char(*s))
        s++;
    a->name_len = (size_t)(s - a->name);
    if (a->name_len == 0 || s + 1 >= end || *s != '=' ||
        (s[1] != '"' && s[1] != '\''))
        return page_fail(why, cap, "the <svg> tag has an attribute that is "
                                   "not name=\"value\"");
    a->quote = s[1];
    a->value = s + 2;
    const char *close = memchr(a->value, a->quote, (size_t)(end - a->value));
    if (close == NULL || memchr(a->value, '<', (size_t)(close - a->value)))
        return page_fail(why, cap, "the <svg> tag is cut short");
    a->value_len = (size_t)(close - a->value);
    *p = close + 1;
    return true;
}

/* Reads the start tag at s (at "<svg") into *t. */
static bool page_tag_read(const char *s, const char *end,
                          struct page_svg_tag *t, char *why, size_t cap)
{
    const char *p = s + 4;
    t->n = 0;
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p < end && *p == '>') {
            t->end = p + 1;
            return true;
        }
        if (p < end && *p == '/')
            return page_fail(why, cap, "the <svg> element is empty");
        if (p >= end)
            return page_fail(why, cap, "the <svg> tag is cut short");
        if (t->n == PAGE_ATTRS_MAX)
            return page_fail(why, cap, "the <svg> tag has too many "
                                       "attributes");
        if (!page_attr_read(&p, end, &t->attr[t->n++], why, cap))
            return false;
    }
}

static bool page_attr_is(const struct page_attr *a, const char *name)
{
    return a->name_len == strlen(name) &&
           memcmp(a->name, name, a->name_len) == 0;
}

static const struct page_attr *page_attr_find(const struct page_svg_tag *t,
                                              const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (page_attr_is(&t->attr[i], name))
            return &t->attr[i];
    return NULL;
}

/* A plain length such as "1280" or "1280px" as a number; false if not. */
static bool page_length(const struct page_attr *a, double *out)
{
    char buf[32];
    if (a == NULL || a->value_len == 0 || a->value_len >= sizeof buf)
        return false;
    memcpy(buf, a->value, a->value_len);
    buf[a->value_len] = '\0';
    char *rest;
    double v = strtod(buf, &rest);
    if (rest == buf || !(v > 0) || (*rest != '\0' && strcmp(rest, "px") != 0))
        return false;
    *out = v;
    return true;
}

/* The attributes the page sets itself, and the namespaces HTML implies. */
static bool page_attr_replaced(const struct page_attr *a)
{
    return page_attr_is(a, "width") || page_attr_is(a, "height") ||
           page_attr_is(a, "role") || page_attr_is(a, "xmlns") ||
           (a->name_len > 5 && memcmp(a->name, "xmlns:", 6) == 0) ||
           (a->name_len > 5 && memcmp(a->name, "aria-", 5) == 0);
}

/* Case-insensitive search for needle (lower case) in s[0..n). */
static bool page_contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[i + j]) == needle[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}

/* An event handler attribute: " on<letters>=" anywhere in s[0..n). */
static bool page_has_handler(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++) {
        if (!isspace((unsigned char)s[i]) || tolower((unsigned char)s[i + 1]) != 'o' ||
            tolower((unsigned char)s[i + 2]) != 'n')
            continue;
        size_t j = i + 3;
        while (j < n && isalpha((unsigned char)s[j]))
            j++;
        while (j < n && isspace((unsigned char)s[j]))
            j++;
        if (j > i + 3 && j < n && s[j] == '=')
            return true;
    }
    return false;
}

/* The content between the start tag and the last </svg>: *body_len, or
 * false (with why) when it cannot be embedded. */
static bool page_body(const char *body, const char *end, size_t *body_len,
                      char *why, size_t cap)
{
    const char *last = NULL;
    for (const char *p = body; end - p >= 6; p++)
        if (memcmp(p, "</svg>", 6) == 0)
            last = p;
    if (last == NULL)
        return page_fail(why, cap, "no </svg> end: the file is cut short");
    size_t n = (size_t)(last - body);
    if (memchr(body, '\0', n))
        return page_fail(why, cap, "a NUL byte: not an SVG text file");
    if (page_contains(body, n, "<script") ||
        page_contains(body, n, "<foreignobject") || page_has_handler(body, n))
        return page_fail(why, cap, "it holds a script or an event handler");
    if (page_contains(body, n, "<?") || page_contains(body, n, "<!doctype"))
        return page_fail(why, cap, "a prolog inside the image");
    *body_len = n + 6;
    return true;
}

static void page_start_tag(FILE *f, const struct page_svg_tag *t,
                           const char *id, double w, double h)
{
    fprintf(f, "<svg role=\"img\" aria-labelledby=\"%s-title\" "
               "aria-describedby=\"%s-desc\" width=\"100%%\"", id, id);
    if (page_attr_find(t, "viewBox") == NULL)
        fprintf(f, " viewBox=\"0 0 %g %g\"", w, h);
    for (size_t i = 0; i < t->n; i++) {
        const struct page_attr *a = &t->attr[i];
        if (page_attr_replaced(a))
            continue;
        if (page_attr_is(a, "id"))
            fprintf(f, " id=\"%s-", id);
        else
            fprintf(f, " %.*s=\"", (int)a->name_len, a->name);
        page_text(f, a->value, a->value_len);
        fputc('"', f);
    }
    fputs(">\n", f);
}

/* Where the body refers to an id: an id attribute's value, or '#' in an
 * href or url(); the length of the text before the point where the
 * prefix goes, or 0. */
static size_t page_id_ref(const char *s, size_t n)
{
    static const char *const refs[] = {
        " id='", " id=\"", "\tid='", "\tid=\"", "\nid='", "\nid=\"",
        "href='#", "href=\"#", "url(#",
    };
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        size_t k = strlen(refs[i]);
        if (k <= n && memcmp(s, refs[i], k) == 0)
            return k;
    }
    return 0;
}

static void page_body_write(FILE *f, const char *body, size_t n,
                            const char *id)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = page_id_ref(body + i, n - i);
        if (k == 0)
            continue;
        fwrite(body + from, 1, i + k - from, f);
        fprintf(f, "%s-", id);
        i += k - 1;
        from = i + 1;
    }
    fwrite(body + from, 1, n - from, f);
    fputc('\n', f);
}

int page_svg(FILE *f, const char *svg, size_t len, const char *id,
             const char *title, const char *alt, char *why, size_t cap)
{
    const char *end = svg + len;
    const char *start = page_svg_start(svg, end);
    struct page_svg_tag t;
    double w = 0, h = 0;
    size_t body_len;
    if (start == NULL)
        return page_fail(why, cap, "no <svg> element: not an SVG image"), -1;
    if (!page_tag_read(start, end, &t, why, cap))
        return -1;
    if (page_attr_find(&t, "viewBox") == NULL &&
        !(page_length(page_attr_find(&t, "width"), &w) &&
          page_length(page_attr_find(&t, "height"), &h)))
        return page_fail(why, cap, "no viewBox, and no width and height to "
                                   "make one: it would not scale"), -1;
    if (!page_body(t.end, end, &body_len, why, cap))
        return -1;
    page_start_tag(f, &t, id, w, h);
    fprintf(f, "<title id=\"%s-title\">", id);
    page_str(f, title);
    fprintf(f, "</title>\n<desc id=\"%s-desc\">", id);
    page_str(f, alt);
    fputs("</desc>\n", f);
    page_body_write(f, t.end, body_len, id);
    return 0;
}
