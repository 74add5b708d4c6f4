#include "config.h"

#include "arena.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Small requests are slices of chunks: at 2,000 teachers a school, a plan
 * and its feeds hold over a million short strings, and a calloc each cost
 * malloc's header and rounding, a pointer in blocks and malloc's time
 * (`ritmiek feeds` took 125 MB there, 32 MB of it strings and their
 * pointers). The chunks double from ARENA_FIRST to ARENA_CHUNK, so that
 * the many small arenas (a plan per team model, parallel.c) stay small. A
 * request above a quarter of the largest chunk gets a block of its own. */
#define ARENA_FIRST ((size_t)1024)
#define ARENA_CHUNK ((size_t)64 * 1024)

/* A zeroed block of @bytes, freed with the arena. */
static void *new_block(struct rk_arena *arena, size_t bytes)
{
	if (arena->n == arena->cap) {
		size_t cap = arena->cap ? arena->cap * 2 : 64;
		void **blocks = realloc(arena->blocks, cap * sizeof(*blocks));
		if (!blocks)
			return NULL;
		arena->blocks = blocks;
		arena->cap = cap;
	}
	void *block = calloc(bytes, 1);
	if (block)
		arena->blocks[arena->n++] = block;
	return block;
}

void *rk_arena_alloc(struct rk_arena *arena, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	/* Zero bytes still get one: NULL means no memory. */
	size_t bytes = count && size ? count * size : 1;
	if (!RK_ARENA_SLICES || bytes > ARENA_CHUNK / 4)
		return new_block(arena, bytes);
	/* Text (items of one byte) needs no alignment; anything else gets
	 * malloc's. */
	size_t align = size == 1 ? 1 : _Alignof(max_align_t);
	size_t pad = (align - (uintptr_t)arena->next % align) % align;
	if (!arena->next || pad + bytes > arena->left) {
		size_t grown = arena->chunk ? 2 * arena->chunk : ARENA_FIRST;
		grown = grown > ARENA_CHUNK ? ARENA_CHUNK : grown;
		grown = grown < bytes ? bytes : grown;
		char *chunk = new_block(arena, grown);
		if (!chunk)
			return NULL;
		arena->next = chunk;
		arena->left = grown;
		arena->chunk = grown;
		pad = 0;
	}
	void *slice = arena->next + pad;
	arena->next += pad + bytes;
	arena->left -= pad + bytes;
	return slice;
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
