#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

/* The candidate closest to word by difflib's similarity ratio
 * (2 * common subsequence / total length), if that ratio is at least 0.6;
 * NULL otherwise.  "model" suggests "models", "--model-version" suggests
 * "--version".  Ties go to the earlier candidate. */
const char *suggest_closest(const char *word, const char *const candidates[],
                            size_t n);

#endif /* SUGGEST_H */
