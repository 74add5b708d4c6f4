#include "config.h"

#include "suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int same_char(char x, char y)
{
	return tolower((unsigned char)x) == tolower((unsigned char)y);
}

/* Optimal string alignment distance: Levenshtein plus swapping two
 * neighbouring letters as one edit, the most common typo ("naem"). */
size_t rk_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t w = lb + 1;
	size_t *m = malloc((la + 1) * w * sizeof(*m));
	if (!m)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		m[i * w] = i;
	for (size_t j = 0; j <= lb; j++)
		m[j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = same_char(a[i - 1], b[j - 1]) ? 0 : 1;
			size_t best = m[(i - 1) * w + j - 1] + cost;
			if (m[(i - 1) * w + j] + 1 < best)
				best = m[(i - 1) * w + j] + 1;
			if (m[i * w + j - 1] + 1 < best)
				best = m[i * w + j - 1] + 1;
			if (i > 1 && j > 1 && same_char(a[i - 1], b[j - 2]) &&
			    same_char(a[i - 2], b[j - 1]) &&
			    m[(i - 2) * w + j - 2] + 1 < best)
				best = m[(i - 2) * w + j - 2] + 1;
			m[i * w + j] = best;
		}
	}
	size_t d = m[la * w + lb];
	free(m);
	return d;
}

const char *rk_suggest(const char *word, const char *const *candidates,
		       size_t n)
{
	size_t len = strlen(word);
	size_t limit = len / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 2)
		limit = 2;
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		size_t d = rk_edit_distance(word, candidates[i]);
		if (d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	if (!best)
		return NULL;
	/* A difference of case only is always worth pointing out. */
	if (best_d == 0 || best_d <= limit)
		return best;
	return NULL;
}
