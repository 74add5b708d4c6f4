/* Dutch lists (engine/words.c). */
#include "config.h"

#include <string.h>

#include "suites.h"
#include "words.h"

static void list(const char *const *items, size_t n, const char *first,
		 char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < n; k++)
		rk_words_list_add(buf, size, &len, k + 1, n, first, items[k]);
}

START_TEST(test_list_joins)
{
	static const char *const names[] = { "Piet", "Jan", "Marie" };
	char buf[64];
	list(names, 1, "", buf, sizeof(buf));
	ck_assert_str_eq(buf, "Piet");
	list(names, 2, "", buf, sizeof(buf));
	ck_assert_str_eq(buf, "Piet en Jan");
	list(names, 3, "", buf, sizeof(buf));
	ck_assert_str_eq(buf, "Piet, Jan en Marie");
	list(names, 2, " met ", buf, sizeof(buf));
	ck_assert_str_eq(buf, " met Piet en Jan");
}
END_TEST

/* A full buffer cuts the text and takes nothing more. */
START_TEST(test_list_cut)
{
	static const char *const names[] = { "Piet", "Jan", "Marie" };
	char buf[8];
	list(names, 3, "", buf, sizeof(buf));
	ck_assert_str_eq(buf, "Piet, J");
}
END_TEST

/* Words joined for a message: ", " between, the given word before the
 * last, one word alone, and a buffer too small cut, not overrun. */
START_TEST(test_join)
{
	static const char *const ids[] = { "csv", "untis", "fet", "ical" };
	char buf[64];
	rk_words_join(buf, sizeof(buf), ids, 4, " or ");
	ck_assert_str_eq(buf, "csv, untis, fet or ical");
	rk_words_join(buf, sizeof(buf), ids + 1, 2, " of ");
	ck_assert_str_eq(buf, "untis of fet");
	rk_words_join(buf, sizeof(buf), ids, 1, " or ");
	ck_assert_str_eq(buf, "csv");
	rk_words_join(buf, sizeof(buf), ids, 0, " or ");
	ck_assert_str_eq(buf, "");
	char small[9];
	rk_words_join(small, sizeof(small), ids, 4, " or ");
	ck_assert_str_eq(small, "csv, unt");
}
END_TEST

Suite *suite_words(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_list_joins);
	tcase_add_test(tc, test_list_cut);
	tcase_add_test(tc, test_join);
	suite_add_tcase(s, tc);
	return s;
}
