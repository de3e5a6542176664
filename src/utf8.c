#include "utf8.h"

#include <stdbool.h>
#include <string.h>

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : lo;
        hi = c == 0xED ? 0x9F : hi;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : lo;
        hi = c == 0xF4 ? 0x8F : hi;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* A UTF-8 continuation byte (10xxxxxx): not the start of a character. */
static bool utf8_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* The length of the UTF-8 sequence that starts with byte b: 1 for ASCII
 * (and for a stray continuation byte, which is left as it is). */
static size_t utf8_width(unsigned char b)
{
    return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

void utf8_trim(char *s)
{
    size_t n = strlen(s), lead = n;
    while (lead > 0 && n - lead < 3 && utf8_cont(s[lead - 1]))
        lead--;
    if (lead > 0 &&
        n - (lead - 1) < utf8_width((unsigned char)s[lead - 1]))
        s[lead - 1] = '\0';
}

size_t utf8_fit(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max; /* s[n] is the first byte left out */
    for (int k = 0; k < 3 && n > 0 && utf8_cont(s[n]); k++)
        n--;
    return utf8_cont(s[n]) ? max : n; /* not UTF-8: cut anywhere */
}
