#include "config.h"

#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *rk_arena_alloc(struct rk_arena *arena, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	if (arena->n == arena->cap) {
		size_t cap = arena->cap ? arena->cap * 2 : 64;
		void **blocks = realloc(arena->blocks, cap * sizeof(*blocks));
		if (!blocks)
			return NULL;
		arena->blocks = blocks;
		arena->cap = cap;
	}
	/* calloc(0) may return NULL; one byte keeps "NULL means no memory". */
	void *block = calloc(count ? count : 1, size ? size : 1);
	if (block)
		arena->blocks[arena->n++] = block;
	return block;
}

char *rk_arena_strndup(struct rk_arena *arena, const char *text, size_t len)
{
	if (!text)
		return NULL;
	char *copy = rk_arena_alloc(arena, len + 1, 1);
	if (copy)
		memcpy(copy, text, len);
	return copy;
}

char *rk_arena_vprintf_with(void *(*alloc)(void *data, size_t size), void *data,
			    const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		return NULL;
	char *text = alloc(data, (size_t)len + 1);
	if (text)
		vsnprintf(text, (size_t)len + 1, fmt, ap);
	return text;
}

static void *arena_bytes(void *arena, size_t size)
{
	return rk_arena_alloc(arena, size, 1);
}

char *rk_arena_vprintf(struct rk_arena *arena, const char *fmt, va_list ap)
{
	return rk_arena_vprintf_with(arena_bytes, arena, fmt, ap);
}

char *rk_arena_printf(struct rk_arena *arena, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = rk_arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return text;
}

void rk_arena_release(struct rk_arena *arena)
{
	for (size_t i = 0; i < arena->n; i++)
		free(arena->blocks[i]);
	free(arena->blocks);
	memset(arena, 0, sizeof(*arena));
}

void *rk_vec_push(struct rk_vec *vec, size_t size)
{
	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 16;
		if (cap > SIZE_MAX / size)
			return NULL;
		void *items = realloc(vec->items, cap * size);
		if (!items)
			return NULL;
		vec->items = items;
		vec->cap = cap;
	}
	void *slot = (char *)vec->items + vec->n * size;
	memset(slot, 0, size);
	vec->n++;
	return slot;
}

void *rk_vec_at(const struct rk_vec *vec, size_t i, size_t size)
{
	if (i >= vec->n)
		return NULL;
	return (char *)vec->items + i * size;
}

void rk_vec_release(struct rk_vec *vec)
{
	free(vec->items);
	memset(vec, 0, sizeof(*vec));
}
