/* Arenas and vecs (engine/arena.c). */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "suites.h"

/* Whether @n bytes at @p are all @byte. */
static bool all(const unsigned char *p, size_t n, unsigned char byte)
{
	for (size_t k = 0; k < n; k++)
		if (p[k] != byte)
			return false;
	return true;
}

/* Thousands of requests of mixed sizes (text and structs, small and above
 * a chunk): each zeroed, aligned for any struct unless it is text, and
 * apart from every other (a pattern written into each is intact after
 * all were handed out). */
START_TEST(test_arena_slices_apart)
{
	enum { N = 5000 };
	static unsigned char *got[N];
	static size_t len[N];
	struct rk_arena arena = { 0 };
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < N; i++) {
			size_t size = i % 3 ? 1 : 24;
			size_t count = i % 997 == 0 ? 40000 : 1 + i % 61;
			got[i] = rk_arena_alloc(&arena, count, size);
			ck_assert_ptr_nonnull(got[i]);
			len[i] = count * size;
			if (size > 1)
				ck_assert_uint_eq((uintptr_t)got[i] %
							  _Alignof(max_align_t),
						  0);
			ck_assert(all(got[i], len[i], 0));
			memset(got[i], (int)(i % 251) + 1, len[i]);
		}
		for (size_t i = 0; i < N; i++)
			ck_assert(all(got[i], len[i],
				      (unsigned char)(i % 251 + 1)));
		/* Released, the arena is empty and usable again. */
		rk_arena_release(&arena);
		ck_assert_ptr_null(arena.blocks);
	}
}
END_TEST

/* Small requests share blocks (a calloc each cost 40 bytes per short
 * string at 2,000 teachers); the first blocks are small, so that an arena
 * holding little stays small. */
START_TEST(test_arena_few_blocks)
{
	if (!RK_ARENA_SLICES)
		return; /* AddressSanitizer: a block each (arena.h) */
	struct rk_arena arena = { 0 };
	rk_arena_alloc(&arena, 10, 1);
	ck_assert_uint_eq(arena.n, 1);
	ck_assert_uint_le(arena.chunk, 1024);
	for (int i = 0; i < 10000; i++)
		ck_assert_ptr_nonnull(rk_arena_strndup(&arena, "lesbezoek", 9));
	ck_assert_uint_lt(arena.n, 10);
	rk_arena_release(&arena);
}
END_TEST

/* Nothing asked is still not NULL; an overflowing size is NULL. */
START_TEST(test_arena_edges)
{
	struct rk_arena arena = { 0 };
	ck_assert_ptr_nonnull(rk_arena_alloc(&arena, 0, 8));
	ck_assert_ptr_nonnull(rk_arena_alloc(&arena, 3, 0));
	ck_assert_ptr_null(rk_arena_alloc(&arena, SIZE_MAX / 2, 4));
	char *text = rk_arena_strndup(&arena, "bordsessie", 4);
	ck_assert_str_eq(text, "bord");
	ck_assert_str_eq(rk_arena_printf(&arena, "%s-%d", "team", 7), "team-7");
	ck_assert_ptr_null(rk_arena_strndup(&arena, NULL, 3));
	rk_arena_release(&arena);
}
END_TEST

Suite *suite_arena(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_arena_slices_apart);
	tcase_add_test(tc, test_arena_few_blocks);
	tcase_add_test(tc, test_arena_edges);
	suite_add_tcase(s, tc);
	return s;
}
