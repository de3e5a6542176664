#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* The length (1 to 4) of the valid UTF-8 sequence at s[0..n), or 0 when
 * it is not one: a stray continuation byte, a sequence cut short, an
 * overlong form, a surrogate or a code point past U+10FFFF.  n >= 1. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* How many of the bytes s[0..len) to keep so that at most max are kept
 * and no UTF-8 sequence is cut in two (bytes that are not UTF-8 may be
 * cut anywhere). */
size_t utf8_fit(const char *s, size_t len, size_t max);

/* Drops an incomplete UTF-8 sequence from the end of s: what a cut at a
 * byte limit (snprintf's, say) leaves behind. */
void utf8_trim(char *s);

#endif /* UTF8_H */
