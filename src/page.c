/* The report's text helpers: HTML escaping, reading a file, meta.gp. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "utf8.h"

/* The code point of the valid sequence s[0..len). */
static unsigned long page_code_point(const unsigned char *s, size_t len)
{
    static const unsigned char lead_mask[] = {0, 0x7f, 0x1f, 0x0f, 0x07};
    unsigned long cp = s[0] & lead_mask[len];
    for (size_t i = 1; i < len; i++)
        cp = cp << 6 | (s[i] & 0x3f);
    return cp;
}

/* Code points that are a parse error in HTML text (WHATWG, "Preprocessing
 * the input stream": controls other than ASCII whitespace, and
 * noncharacters).  ASCII whitespace keeps tab, newline, form feed and
 * carriage return (a parser reads CR LF as LF); NUL is a parse error too. */
static bool page_forbidden(unsigned long cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r')
        return false;
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
           (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

static const char *page_entity(unsigned char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

void page_text(FILE *f, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq_len(u + i, len - i);
        const char *entity = page_entity(u[i]);
        if (n == 0 || page_forbidden(page_code_point(u + i, n)))
            fputs("\xEF\xBF\xBD", f); /* U+FFFD */
        else if (entity != NULL)
            fputs(entity, f);
        else
            fwrite(u + i, 1, n, f);
        i += n ? n : 1;
    }
}

void page_str(FILE *f, const char *s)
{
    page_text(f, s, strlen(s));
}

enum page_read_status page_read(const char *path, size_t max, char **text,
                                size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return errno == ENOENT || errno == ENOTDIR ? PAGE_READ_MISSING
               : errno == ENOMEM                   ? PAGE_READ_NOMEM
                                                   : PAGE_READ_ERROR;
    char *buf = malloc(max + 2);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    enum page_read_status bad = buf == NULL             ? PAGE_READ_NOMEM
                                : ferror(f) || n > max ? PAGE_READ_ERROR
                                                       : PAGE_READ_OK;
    fclose(f);
    if (bad != PAGE_READ_OK) {
        free(buf);
        return bad;
    }
    if (n == 0) {
        free(buf);
        return PAGE_READ_EMPTY;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return PAGE_READ_OK;
}

/* Copies the quoted value at q (q[0] is the quote) to out, unquoting it;
 * false when the closing quote is missing. */
static bool page_gp_unquote(const char *q, char *out, size_t cap)
{
    char quote = *q++, tmp[1024];
    size_t n = 0;
    for (; *q != '\0' && *q != '\n'; q++) {
        if (*q == quote && quote == '\'' && q[1] == '\'')
            q++;
        else if (*q == '\\' && quote == '"' && q[1] != '\0' && q[1] != '\n')
            q++;
        else if (*q == quote)
            break;
        if (n + 1 < sizeof tmp)
            tmp[n++] = *q;
    }
    if (*q != quote)
        return false;
    tmp[n] = '\0';
    snprintf(out, cap, "%s", tmp);
    utf8_trim(out);
    return true;
}

bool page_gp_string(const char *text, const char *key, char *out,
                    size_t cap)
{
    size_t klen = strlen(key);
    for (const char *line = text; line != NULL && *line != '\0';) {
        const char *p = line + strspn(line, " \t");
        if (strncmp(p, key, klen) == 0) {
            p += klen;
            p += strspn(p, " \t");
            if (*p == '=') {
                p++;
                p += strspn(p, " \t");
                if ((*p == '\'' || *p == '"') && page_gp_unquote(p, out, cap))
                    return true;
            }
        }
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    return false;
}
