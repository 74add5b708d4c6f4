/* Orderings (engine/sort.c), disjoint sets (engine/sets.c) and the index
 * of items by key (engine/index.c). */
#include "config.h"

#include <limits.h>

#include "index.h"
#include "sets.h"
#include "sort.h"
#include "suites.h"

/* Ascending, also at the ends of int (a subtraction would overflow). */
START_TEST(test_sort_ints)
{
	int v[] = { 3, INT_MIN, 7, -1, INT_MAX, 3, 0 };
	static const int want[] = { INT_MIN, -1, 0, 3, 3, 7, INT_MAX };
	rk_sort_ints(v, sizeof(v) / sizeof(v[0]));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		ck_assert_int_eq(v[i], want[i]);
	rk_sort_ints(v, 0);
}
END_TEST

/* Joined in any order, a set is known by its smallest member; sets never
 * joined stay apart. */
START_TEST(test_sets_smallest_member)
{
	size_t parent[8];
	rk_sets_init(parent, 8);
	rk_sets_join(parent, 6, 3);
	rk_sets_join(parent, 7, 6);
	rk_sets_join(parent, 5, 1);
	rk_sets_join(parent, 3, 5);
	rk_sets_join(parent, 3, 7); /* already one set */
	static const size_t want[] = { 0, 1, 2, 1, 4, 1, 1, 1 };
	for (size_t i = 0; i < 8; i++)
		ck_assert_uint_eq(rk_sets_find(parent, i), want[i]);
}
END_TEST

/* Keys with a hash of their own: k / 4, so that four keys share every
 * hash and their probe paths run into each other's. */
static uint64_t key_hash_of(int key)
{
	return (uint64_t)key / 4;
}

static uint64_t item_hash(const void *data, size_t i)
{
	return key_hash_of(((const int *)data)[i]);
}

static bool item_is(const void *data, size_t i, const void *key)
{
	return ((const int *)data)[i] == *(const int *)key;
}

/* Every item filed is found again, across the table's doublings and
 * through shared hashes; a key never filed is not. */
START_TEST(test_index_finds_every_item)
{
	enum { N = 1000 };
	static int items[N];
	struct rk_index ix = { 0 };
	struct rk_index_keys keys = { items, item_hash, item_is };
	int missing = 7;
	ck_assert_uint_eq(rk_index_find(&ix, &keys, 1, &missing), SIZE_MAX);
	for (size_t i = 0; i < N; i++) {
		items[i] = (int)(i * 7 % N) * 3; /* multiples of 3, shuffled */
		ck_assert_int_eq(
			rk_index_add(&ix, &keys, key_hash_of(items[i])), RK_OK);
		ck_assert_uint_eq(ix.n, i + 1);
	}
	ck_assert_uint_ge(ix.size, 2 * N);
	for (size_t i = 0; i < N; i++)
		ck_assert_uint_eq(rk_index_find(&ix, &keys,
						key_hash_of(items[i]),
						&items[i]),
				  i);
	for (int key = 1; key < 3 * N; key += 3)
		ck_assert_uint_eq(
			rk_index_find(&ix, &keys, key_hash_of(key), &key),
			SIZE_MAX);
	rk_index_release(&ix);
	ck_assert_ptr_null(ix.slots);
}
END_TEST

Suite *suite_sort(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_sort_ints);
	tcase_add_test(tc, test_sets_smallest_member);
	tcase_add_test(tc, test_index_finds_every_item);
	suite_add_tcase(s, tc);
	return s;
}
