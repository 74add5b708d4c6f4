/* words.h - lists of words for people to read ("Piet, Jan en Marie",
 * "csv, untis, fet or ical"): in the plans and explanations the engine
 * writes, and in messages. */
#ifndef RK_WORDS_H
#define RK_WORDS_H

#include <stddef.h>

/* Appends @item, the @k-th (from 1) of @n, to the list in @buf (@size
 * bytes, *@len of them used): @first before the first item, ", " before
 * the next, " en " before the last. Once the buffer is full nothing more
 * is added (the text is cut, never overrun). */
void rk_words_list_add(char *buf, size_t size, size_t *len, size_t k, size_t n,
		       const char *first, const char *item);

/* The @n @words joined into @buf (@size bytes) for a message: ", "
 * between them and @last before the final one ("csv, untis, fet or
 * ical"). A list longer than @buf is cut, never overrun. */
void rk_words_join(char *buf, size_t size, const char *const *words, size_t n,
		   const char *last);

#endif
