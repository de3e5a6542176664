#ifndef JSON_H
#define JSON_H

#include <stdio.h>

/* Writes s to out as a JSON string (RFC 8259): quotes, backslashes and
 * control characters escaped, valid UTF-8 as is, and each byte that is not
 * UTF-8 as U+FFFD, so the output is always valid JSON.  s must not be
 * NULL.  Shared by every --json and .json writer of the kit. */
void json_string(FILE *out, const char *s);

#endif /* JSON_H */
