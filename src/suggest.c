#include "suggest.h"

#include <string.h>

/* Suggestions only ever compare short words (commands, option names);
 * longer input is not worth a guess. */
#define SUGGEST_MAX_LEN 64

/* Length of the longest common subsequence, in O(|a|·|b|) time and
 * O(|b|) space. */
static size_t suggest_lcs(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[SUGGEST_MAX_LEN + 1] = {0};
    for (size_t i = 0; i < la; i++) {
        size_t diag = 0;
        for (size_t j = 0; j < lb; j++) {
            size_t up = row[j + 1];
            row[j + 1] = a[i] == b[j] ? diag + 1
                         : (row[j] > up ? row[j] : up);
            diag = up;
        }
    }
    return row[lb];
}

const char *suggest_closest(const char *word, const char *const candidates[],
                            size_t n)
{
    size_t lw = strlen(word);
    const char *best = NULL;
    size_t best_num = 0, best_den = 1;
    if (lw > SUGGEST_MAX_LEN)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t lc = strlen(candidates[i]);
        if (lc > SUGGEST_MAX_LEN || lw + lc == 0)
            continue;
        size_t num = 2 * suggest_lcs(word, lw, candidates[i], lc);
        size_t den = lw + lc;
        /* ratio >= 0.6, and better than the best so far (cross-multiplied) */
        if (num * 5 >= den * 3 && num * best_den > best_num * den) {
            best = candidates[i];
            best_num = num;
            best_den = den;
        }
    }
    return best;
}
