/* suggest.h - "did you mean ...?" for misspelt keys and ids. */
#ifndef RK_SUGGEST_H
#define RK_SUGGEST_H

#include <stddef.h>

/* The Levenshtein distance between @a and @b, ignoring ASCII case. */
size_t rk_edit_distance(const char *a, const char *b);

/* The candidate nearest to @word, if it is near enough to be a likely typo
 * (a third of the word's length in edits, at least 1 and at most 2; a swap
 * of two letters is one edit); NULL otherwise. Ties go to the first candidate.
 * The result is one of @candidates (borrowed). */
const char *rk_suggest(const char *word, const char *const *candidates,
		       size_t n);

#endif
