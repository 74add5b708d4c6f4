#include "config.h"

#include "words.h"

#include <stdio.h>

void rk_words_list_add(char *buf, size_t size, size_t *len, size_t k, size_t n,
		       const char *first, const char *item)
{
	if (*len >= size)
		return;
	*len += (size_t)snprintf(buf + *len, size - *len, "%s%s",
				 k == 1	  ? first
				 : k == n ? " en "
					  : ", ",
				 item);
}

void rk_words_join(char *buf, size_t size, const char *const *words, size_t n,
		   const char *last)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && at < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? last : ", ";
		int k = snprintf(buf + at, size - at, "%s%s", sep, words[i]);
		at += k > 0 ? (size_t)k : 0;
	}
}
