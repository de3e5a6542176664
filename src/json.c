#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void json_string(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        size_t len = utf8_seq_len(u + i, n - i);
        if (len == 0)
            fputs("\\ufffd", out); /* not UTF-8: the replacement char */
        else if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fwrite(u + i, 1, len, out);
        i += len ? len : 1;
    }
    fputc('"', out);
}

/* --- the writer ---------------------------------------------------------- */

void json_init(struct json_writer *w, FILE *out, unsigned lines)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->lines = lines;
    w->status = KIT_OK;
    w->why = "";
}

/* Records the first error; returns false, for `return json_fail(...)`. */
static bool json_fail(struct json_writer *w, enum kit_status st,
                      const char *why)
{
    if (w->status == KIT_OK) {
        w->status = st;
        w->why = why;
    }
    return false;
}

/* Whether the writer may write: no error so far, and none on the stream
 * (checked before every token, so nothing follows a failed write). */
static bool json_ok(struct json_writer *w)
{
    if (w->status == KIT_OK && ferror(w->out))
        json_fail(w, KIT_ESYS, "the output reported a write error");
    return w->status == KIT_OK;
}

/* A line break and the indentation of depth d. */
static void json_newline(struct json_writer *w, unsigned d)
{
    fprintf(w->out, "\n%*s", (int)(2 * d), "");
}

/* What goes before the next member of the innermost container: a comma
 * after an earlier member, then a line break or a space. */
static void json_separate(struct json_writer *w)
{
    unsigned top = w->depth - 1;
    if (w->member[top])
        fputc(',', w->out);
    if (top < w->lines)
        json_newline(w, w->depth);
    else if (w->member[top])
        fputc(' ', w->out);
    w->member[top] = true;
}

/* Checks that a value may come now and writes what goes before it. */
static bool json_value(struct json_writer *w)
{
    if (!json_ok(w))
        return false;
    if (w->depth == 0 && w->done)
        return json_fail(w, KIT_EINVAL, "a second top-level value");
    if (w->depth == 0) {
        w->done = true; /* complete once its containers are closed */
        return true;
    }
    if (w->object[w->depth - 1] && !w->key)
        return json_fail(w, KIT_EINVAL,
                         "a value without a key inside an object");
    if (w->key)
        w->key = false;
    else
        json_separate(w);
    return true;
}

struct json_writer *json_key(struct json_writer *w, const char *key)
{
    if (!json_ok(w))
        return w;
    if (w->depth == 0 || !w->object[w->depth - 1])
        json_fail(w, KIT_EINVAL, "a key outside an object");
    else if (w->key)
        json_fail(w, KIT_EINVAL, "a key right after another key");
    if (w->status != KIT_OK)
        return w;
    json_separate(w);
    json_string(w->out, key);
    fputs(": ", w->out);
    w->key = true;
    return w;
}

static void json_begin(struct json_writer *w, bool object)
{
    if (w->status == KIT_OK && w->depth == JSON_DEPTH_MAX) {
        json_fail(w, KIT_ERANGE, "nesting deeper than JSON_DEPTH_MAX");
        return;
    }
    if (!json_value(w))
        return;
    fputc(object ? '{' : '[', w->out);
    w->object[w->depth] = object;
    w->member[w->depth] = false;
    w->depth++;
}

static void json_close(struct json_writer *w, bool object)
{
    if (!json_ok(w))
        return;
    if (w->depth == 0 || w->object[w->depth - 1] != object || w->key) {
        json_fail(w, KIT_EINVAL, w->key ? "a key without its value"
                                        : "an end that does not match its "
                                          "begin");
        return;
    }
    w->depth--;
    if (w->member[w->depth] && w->depth < w->lines)
        json_newline(w, w->depth);
    fputc(object ? '}' : ']', w->out);
}

void json_begin_object(struct json_writer *w)
{
    json_begin(w, true);
}

void json_end_object(struct json_writer *w)
{
    json_close(w, true);
}

void json_begin_array(struct json_writer *w)
{
    json_begin(w, false);
}

void json_end_array(struct json_writer *w)
{
    json_close(w, false);
}

void json_str(struct json_writer *w, const char *s)
{
    if (s == NULL)
        json_null(w);
    else if (json_value(w))
        json_string(w->out, s);
}

void json_int(struct json_writer *w, long long v)
{
    if (json_value(w))
        fprintf(w->out, "%lld", v);
}

void json_uint(struct json_writer *w, unsigned long long v)
{
    if (json_value(w))
        fprintf(w->out, "%llu", v);
}

/* v in the fewest significant digits (15 to 17) that read back as v. */
static void json_shortest(FILE *out, double v)
{
    char buf[40];
    for (int digits = 15; digits < 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) {
            fputs(buf, out);
            return;
        }
    }
    fprintf(out, "%.17g", v);
}

void json_double(struct json_writer *w, double v, int decimals)
{
    if (w->status == KIT_OK && !isfinite(v)) {
        json_fail(w, KIT_EINVAL, "a number that is not finite (NaN or "
                                 "infinity has no JSON form)");
        return;
    }
    if (!json_value(w))
        return;
    if (decimals >= 0)
        fprintf(w->out, "%.*f", decimals, v);
    else
        json_shortest(w->out, v);
}

void json_bool(struct json_writer *w, bool v)
{
    if (json_value(w))
        fputs(v ? "true" : "false", w->out);
}

void json_null(struct json_writer *w)
{
    if (json_value(w))
        fputs("null", w->out);
}

enum kit_status json_end(struct json_writer *w, struct kit_error *err)
{
    if (json_ok(w) && (w->depth > 0 || w->key))
        json_fail(w, KIT_EINVAL, "a container left open");
    else if (w->status == KIT_OK && !w->done)
        json_fail(w, KIT_EINVAL, "no value written");
    if (w->status == KIT_OK)
        fputc('\n', w->out);
    if (w->status == KIT_OK && (fflush(w->out) != 0 || ferror(w->out)))
        json_fail(w, KIT_ESYS, "the output reported a write error");
    enum kit_status st = w->status;
    if (st != KIT_OK)
        kit_error_set(err, st, "JSON output: %s", w->why);
    json_fail(w, KIT_EINVAL, "the writer was used after json_end()");
    return st;
}
