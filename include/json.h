#ifndef JSON_H
#define JSON_H

/*
 * JSON (RFC 8259) output: one string escaper, and a writer that places
 * every comma, colon, brace and bracket itself.  Every --json output and
 * every .json file of the kit goes through it.
 *
 *     struct json_writer w;
 *     json_init(&w, out, 1);
 *     json_begin_object(&w);
 *     json_str(json_key(&w, "name"), "my_model");
 *     json_int(json_key(&w, "version"), 3);
 *     json_end_object(&w);
 *     enum kit_status st = json_end(&w, &err);
 *
 * Misuse (a value without a key inside an object, a key inside an array,
 * an end that does not match its begin, a second top-level value, nesting
 * deeper than JSON_DEPTH_MAX, a number that is not finite) and write
 * errors are recorded, the first one only; from then on the writer writes
 * nothing more, and json_end() reports it.  So a bug in a caller gives a
 * truncated document and an error status, never a document that parses
 * but says something else.
 */

#include <stdbool.h>
#include <stdio.h>

#include "status.h"

/* Writes s to out as a JSON string (RFC 8259): quotes, backslashes and
 * control characters escaped, valid UTF-8 as is, and each byte that is not
 * UTF-8 as U+FFFD, so the output is always valid JSON.  s must not be
 * NULL.  A write error is left in ferror(out). */
void json_string(FILE *out, const char *s);

/* The deepest nesting a writer accepts: containers open at once. */
#define JSON_DEPTH_MAX 16

/* A writer's state.  The caller owns it (on its stack, usually); it holds
 * no memory of its own, so there is nothing to free.  Its fields are
 * private: use the functions below. */
struct json_writer {
    FILE *out;
    unsigned lines; /* the levels whose members go on lines of their own */
    unsigned depth; /* containers open now */
    bool object[JSON_DEPTH_MAX]; /* per open container: object or array */
    bool member[JSON_DEPTH_MAX]; /* per open container: has a member yet */
    bool key;                    /* a key was written, its value not yet */
    bool done;                   /* the top-level value is complete */
    enum kit_status status;      /* the first error, or KIT_OK */
    const char *why;             /* what it was, a static string */
};

/* Starts a writer on out, which the caller keeps open until json_end().
 * Layout: the members of a container opened at depth d (0 for the
 * top-level value) go on lines of their own, indented two spaces per
 * level, when d < lines; deeper containers stay on one line, as
 * {"a": 1, "b": [1, 2]}.  lines = 0 writes the whole value on one line.
 * An empty container is always {} or []. */
void json_init(struct json_writer *w, FILE *out, unsigned lines);

/* Containers.  A begin is a value: inside an object it needs its key
 * first.  An end must match the innermost open begin, with no key
 * waiting for its value. */
void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);

/* Writes the key of the next member of the innermost object (escaped as
 * json_string() does) and returns w, so that a member is one line:
 * json_int(json_key(w, "version"), 3).  Misuse outside an object or
 * right after another key.  key must not be NULL. */
struct json_writer *json_key(struct json_writer *w, const char *key);

/* Values.  json_str() writes s escaped as json_string() does, or null
 * when s is NULL.  json_double() writes a finite v with `decimals` digits
 * after the point ("%.*f"), or, with decimals < 0, in the fewest digits
 * that read back as the same double ("%.15g" to "%.17g"); NaN and the
 * infinities are refused as misuse (KIT_EINVAL), never written as null:
 * a reader that wants a number must not get something else silently. */
void json_str(struct json_writer *w, const char *s);
void json_int(struct json_writer *w, long long v);
void json_uint(struct json_writer *w, unsigned long long v);
void json_double(struct json_writer *w, double v, int decimals);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);

/* Ends the document: a line break after the top-level value, then a flush
 * of out.  Returns KIT_OK, or the first error: KIT_EINVAL for misuse
 * (including containers left open and no value at all), KIT_ERANGE for
 * nesting deeper than JSON_DEPTH_MAX, KIT_ESYS when out reports a write
 * error (ferror).  err (may be NULL) gets a message naming it.  The
 * writer is spent afterwards: json_init() it again to reuse it. */
enum kit_status json_end(struct json_writer *w, struct kit_error *err);

#endif /* JSON_H */
