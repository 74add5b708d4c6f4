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
