/* letters.h - the rebalance's change report as one mail-ready text per
 * person in the plan directory. */
#ifndef RK_LETTERS_H
#define RK_LETTERS_H

#include "changes.h"
#include "school.h"
#include "status.h"

/* Writes @dir/changes/<person id>.txt for every person in @changes (the
 * folder is made when missing; texts of an earlier rebalance in it are
 * removed first, so the folder tells only this change). Each file is
 * written to a temporary file and renamed. RK_ERR_IO (errno set) or
 * RK_ERR_NOMEM on failure. */
enum rk_status rk_letters_write(const struct rk_school *school,
				const struct rk_changes *changes,
				const char *dir);

#endif
