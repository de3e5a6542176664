#include "json.h"

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
