#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

/* The candidate closest to word by a difflib-like similarity ratio,
 * 2 * longest common subsequence / total length, if it is at least 0.6 (the
 * cut-off of difflib.get_close_matches, which click uses); NULL otherwise.
 * difflib counts matching blocks, which can find fewer matches, so this
 * suggests a little more readily than click.  "model" suggests "models",
 * "--model-version" suggests "--version".  Ties go to the earlier
 * candidate.  The result is one of candidates[] itself (not a copy), so it
 * lives as long as the caller's array; nothing is allocated. */
const char *suggest_closest(const char *word, const char *const candidates[],
                            size_t n);

#endif /* SUGGEST_H */
