/* test_board_file.c - the board file (doc/board.md): its schools, and
 * every problem with its place. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board_file.h"
#include "suites.h"
#include "testutil.h"

START_TEST(test_board_file_schools)
{
	char path[1024];
	rk_test_path_in(path, sizeof(path), "tests/data/board/board.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_board *board = NULL;
	ck_assert(rk_board_file_is(path));
	ck_assert_int_eq(rk_board_read(path, &board, diags), RK_OK);
	ck_assert_str_eq(board->name, "Stichting Test");
	ck_assert_uint_eq(board->n_schools, 2);
	/* Relative to the board file's folder. */
	char want[1024];
	rk_test_path_in(want, sizeof(want), "tests/data/board/b/school.yaml");
	ck_assert_str_eq(board->schools[1], want);
	ck_assert_uint_eq(rk_diags_count(diags), 0);
	rk_board_free(board);
	rk_diags_free(diags);
}
END_TEST

/* The board file @rel is refused, with @want as its only problems, and
 * is not taken for a board file. */
static void assert_refused(const char *rel, const char *want)
{
	char path[1024];
	struct rk_diags *diags = rk_diags_new();
	struct rk_board *board = NULL;
	rk_test_path_in(path, sizeof(path), rel);
	ck_assert_int_eq(rk_board_read(path, &board, diags), RK_ERR_INPUT);
	ck_assert_ptr_null(board);
	char *text = rk_test_diags_text(diags);
	ck_assert_str_eq(text, want);
	ck_assert(!rk_board_file_is(path));
	free(text);
	rk_diags_free(diags);
}

START_TEST(test_board_file_problems)
{
	char path[1024];
	rk_test_path_in(path, sizeof(path), "tests/data/board/bad-board.yaml");
	struct rk_diags *diags = rk_diags_new();
	struct rk_board *board = NULL;
	ck_assert_int_eq(rk_board_read(path, &board, diags), RK_ERR_INPUT);
	ck_assert_ptr_null(board);
	rk_diags_sort(diags);
	char *text = rk_test_diags_text(diags);
	ck_assert_str_eq(
		text,
		"tests/data/board/bad-board.yaml:3:7: error: 'name' must be a "
		"text\n"
		"tests/data/board/bad-board.yaml:4:1: error: unknown key "
		"'scholen' in the board file: expected name or schools\n"
		"tests/data/board/bad-board.yaml:7:5: error: a school must be "
		"the name of a school file\n");
	free(text);
	rk_diags_free(diags);
	assert_refused("tests/data/board/deep-board.yaml",
		       "tests/data/board/deep-board.yaml:3:41: error: the YAML "
		       "nests more than 32 levels deep here (a board file "
		       "needs two)\n");
	/* The school file's alias guard holds for a board file too. */
	assert_refused(
		"tests/data/board/alias-board.yaml",
		"tests/data/board/alias-board.yaml:2:14: error: the alias "
		"*a is inside the node it names: the board file would "
		"never end\n");
	/* A school file is no board file. */
	rk_test_path_in(path, sizeof(path), "tests/data/board/a/school.yaml");
	ck_assert(!rk_board_file_is(path));
}
END_TEST

Suite *suite_board_file(void)
{
	Suite *s = suite_create("board_file");
	TCase *tc = tcase_create("board_file");
	tcase_add_test(tc, test_board_file_schools);
	tcase_add_test(tc, test_board_file_problems);
	suite_add_tcase(s, tc);
	return s;
}
