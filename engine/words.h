/* words.h - the Dutch words the engine puts into plans and explanations:
 * lists of names and kinds ("Piet, Jan en Marie"). */
#ifndef RK_WORDS_H
#define RK_WORDS_H

#include <stddef.h>

/* Appends @item, the @k-th (from 1) of @n, to the list in @buf (@size
 * bytes, *@len of them used): @first before the first item, ", " before
 * the next, " en " before the last. Once the buffer is full nothing more
 * is added (the text is cut, never overrun). */
void rk_words_list_add(char *buf, size_t size, size_t *len, size_t k, size_t n,
		       const char *first, const char *item);

#endif
