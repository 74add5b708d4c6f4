#include "config.h"

#include "letters.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "textfile.h"

/* Only files this module writes (<id>.txt) are removed. */
static enum rk_status clear(const char *folder)
{
	DIR *d = opendir(folder);
	if (!d)
		return errno == ENOENT ? RK_OK : RK_ERR_IO;
	enum rk_status status = RK_OK;
	const struct dirent *e;
	while (status == RK_OK && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		char path[4096];
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", folder,
				     e->d_name) >= sizeof(path) ||
		    unlink(path) != 0)
			status = RK_ERR_IO;
	}
	closedir(d);
	return status;
}

enum rk_status rk_letters_write(const struct rk_school *school,
				const struct rk_changes *changes,
				const char *dir)
{
	char folder[4096], path[4096];
	if ((size_t)snprintf(folder, sizeof(folder), "%s/changes", dir) >=
	    sizeof(folder)) {
		errno = ENAMETOOLONG;
		return RK_ERR_IO;
	}
	if (mkdir(folder, 0755) != 0 && errno != EEXIST)
		return RK_ERR_IO;
	enum rk_status status = clear(folder);
	for (size_t i = 0; status == RK_OK && i < rk_changes_count(changes);
	     i++) {
		const struct rk_person *p = rk_school_get_person(
			school, (size_t)rk_changes_person(changes, i));
		const char *text = rk_changes_letter(changes, i);
		/* An id is a file name here: nothing that leaves the folder. */
		if (!p || !text || !p->id[0] || p->id[0] == '.' ||
		    strchr(p->id, '/'))
			return RK_ERR_ARG;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.txt", folder,
				     p->id) >= sizeof(path)) {
			errno = ENAMETOOLONG;
			return RK_ERR_IO;
		}
		status = rk_textfile_write_staged(path, text, strlen(text));
	}
	return status;
}
