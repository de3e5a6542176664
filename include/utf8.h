#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* The length (1 to 4) of the valid UTF-8 sequence at s[0..n), or 0 when
 * it is not one: a stray continuation byte, a sequence cut short, an
 * overlong form, a surrogate or a code point past U+10FFFF.  n >= 1. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif /* UTF8_H */
