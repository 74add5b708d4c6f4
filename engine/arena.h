/* arena.h - memory that lives as long as its owner (a school, a plan).
 *
 * An arena frees every block it handed out at once; a vec is a growable
 * array of value structs. Both are small structs embedded in their owner,
 * zeroed to start. */
#ifndef RK_ARENA_H
#define RK_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/* Under AddressSanitizer every request is a block of its own (ASan sees a
 * write past the end of a block, not past the end of a slice); otherwise
 * small requests are slices of shared chunks (arena.c). */
#if defined(__SANITIZE_ADDRESS__)
#define RK_ARENA_SLICES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RK_ARENA_SLICES 0
#endif
#endif
#ifndef RK_ARENA_SLICES
#define RK_ARENA_SLICES 1
#endif

struct rk_arena {
	void **blocks;
	size_t n;
	size_t cap;
	char *next;   /* the unused rest of the last chunk */
	size_t left;  /* its size */
	size_t chunk; /* the last chunk's size */
};

/* Zeroed memory for @count items of @size bytes; NULL when out of memory
 * or on overflow. Never NULL for a zero size. */
void *rk_arena_alloc(struct rk_arena *arena, size_t count, size_t size);
/* A copy of @len bytes of @text plus a NUL; NULL for NULL @text. */
char *rk_arena_strndup(struct rk_arena *arena, const char *text, size_t len);
/* The text printf would give for @fmt, in the arena; NULL when out of
 * memory or for a format vsnprintf refuses. */
char *rk_arena_printf(struct rk_arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *rk_arena_vprintf(struct rk_arena *arena, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* As rk_arena_vprintf, into memory from @alloc(@data, size) (NULL when
 * out of memory): the one place a printf is sized before it is printed,
 * for a caller whose text outlives no arena (diag.c: malloc). */
char *rk_arena_vprintf_with(void *(*alloc)(void *data, size_t size), void *data,
			    const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Frees every block; the arena is empty and usable again. */
void rk_arena_release(struct rk_arena *arena);

struct rk_vec {
	void *items;
	size_t n;
	size_t cap;
};

/* Appends a zeroed item of @size bytes; NULL when out of memory. Earlier
 * pointers into the vec are invalid after a push. */
void *rk_vec_push(struct rk_vec *vec, size_t size);
/* Item @i, or NULL when out of range. */
void *rk_vec_at(const struct rk_vec *vec, size_t i, size_t size);
void rk_vec_release(struct rk_vec *vec);

#endif
