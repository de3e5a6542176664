#ifndef JSON_H
#define JSON_H

#include <stdio.h>

/* Writes s to out as a JSON string (RFC 8259): quotes, backslashes and
 * control characters escaped, everything else (UTF-8 included) as is.
 * s must not be NULL.  Shared by every --json and .json writer of the kit. */
void json_string(FILE *out, const char *s);

#endif /* JSON_H */
