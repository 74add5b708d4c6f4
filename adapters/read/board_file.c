/* board_file.c - the board file (doc/board.md) and the quick reading of a
 * board's schools before they are planned. */
#include "config.h"

#include "board_file.h"

#include <stdlib.h>

#include "people_csv.h"
#include "school_yaml.h"

/* The YAML is read by school_yaml.c: one parser, one depth and alias
 * guard for every YAML file ritmiek reads. */
bool rk_board_file_is(const char *path)
{
	return rk_school_yaml_is_board(path);
}

void rk_board_free(struct rk_board *board)
{
	if (!board)
		return;
	for (size_t i = 0; i < board->n_schools; i++)
		free(board->schools[i]);
	free(board->schools);
	free((char *)board->name);
	free(board);
}

enum rk_status rk_board_read(const char *path, struct rk_board **out,
			     struct rk_diags *diags)
{
	*out = NULL;
	struct rk_board *b = calloc(1, sizeof(*b));
	enum rk_status status =
		b ? rk_school_yaml_board(path, b, diags) : RK_ERR_NOMEM;
	if (status == RK_OK)
		*out = b;
	else
		rk_board_free(b);
	return status;
}

enum rk_status rk_board_school_read(const char *path, struct rk_school **out,
				    struct rk_diags *diags)
{
	enum rk_status status = rk_school_yaml_load(path, out, diags);
	if (status != RK_OK) {
		rk_school_free(*out);
		*out = NULL;
		return status;
	}
	const struct rk_school_info *info = rk_school_get_info(*out);
	if (info->people_file)
		status = rk_people_csv_load(*out, info->people_file, diags);
	if (status != RK_OK) {
		rk_school_free(*out);
		*out = NULL;
	}
	return status;
}
