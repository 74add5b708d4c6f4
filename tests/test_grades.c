#include "config.h"

#include <stdio.h>
#include <string.h>

#include "grades.h"
#include "suites.h"

/* Every label a class name gives, joined by "|"; "" when none. */
static void labels(const char *name, enum rk_school_type type, char *out,
		   size_t size)
{
	struct rk_grade g;
	out[0] = '\0';
	if (!rk_grade_parse(name, type, &g))
		return;
	for (int y = g.year; y <= g.year_to; y++) {
		char one[64];
		rk_grade_label(&g, y, type, one, sizeof(one));
		if (out[0])
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, one, size - strlen(out) - 1);
	}
}

static const struct {
	const char *name;
	enum rk_school_type type;
	const char *want;
} cases[] = {
	{ "09a", RK_SCHOOL_VO, "9" },
	{ "4H2", RK_SCHOOL_VO, "4 havo" },
	{ "4h2", RK_SCHOOL_VO, "4 havo" },
	{ "3V1", RK_SCHOOL_VO, "3 vwo" },
	{ "2K1", RK_SCHOOL_VO, "2 vmbo-k" },
	{ "3B2", RK_SCHOOL_VO, "3 vmbo-b" },
	{ "4T1", RK_SCHOOL_VO, "4 vmbo-t" },
	{ "2M3", RK_SCHOOL_VO, "2 vmbo-t" },
	{ "5vwo", RK_SCHOOL_VO, "5 vwo" },
	{ "4 havo", RK_SCHOOL_VO, "4 havo" },
	{ "1hv2", RK_SCHOOL_VO, "1 havo/vwo" },
	{ "1A", RK_SCHOOL_VO, "1" },
	{ "1a", RK_SCHOOL_VO, "1" },
	{ "4H", RK_SCHOOL_VO, "4" }, /* a class letter H, no stream code */
	{ "Q1", RK_SCHOOL_VO, "" },
	{ "EF", RK_SCHOOL_VO, "" },
	{ "", RK_SCHOOL_VO, "" },
	{ "123", RK_SCHOOL_VO, "" },
	{ "14b", RK_SCHOOL_VO, "" },
	{ "groep 5", RK_SCHOOL_PO, "groep 5" },
	{ "Groep 8", RK_SCHOOL_PO, "groep 8" },
	{ "5", RK_SCHOOL_PO, "groep 5" },
	{ "G5", RK_SCHOOL_PO, "groep 5" },
	{ "gr. 3", RK_SCHOOL_PO, "groep 3" },
	{ "5/6", RK_SCHOOL_PO, "groep 5|groep 6" },
	{ "groep 1-2", RK_SCHOOL_PO, "groep 1|groep 2" },
	{ "6/5", RK_SCHOOL_PO, "" },
	{ "9", RK_SCHOOL_PO, "" },
	{ "gym", RK_SCHOOL_PO, "" },
};

START_TEST(test_grade_labels)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char got[128];
		labels(cases[i].name, cases[i].type, got, sizeof(got));
		ck_assert_msg(!strcmp(got, cases[i].want),
			      "'%s': got '%s', want '%s'", cases[i].name, got,
			      cases[i].want);
	}
}
END_TEST

Suite *suite_grades(void)
{
	Suite *s = suite_create("grades");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_grade_labels);
	suite_add_tcase(s, tc);
	return s;
}
