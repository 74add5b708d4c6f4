/* textfile.h - reading input files and writing output files safely. */
#ifndef RK_TEXTFILE_H
#define RK_TEXTFILE_H

#include <stddef.h>

#include "status.h"

/* Reads the whole file at @path into a NUL-terminated buffer the caller
 * frees; a UTF-8 byte-order mark is dropped. @len (may be NULL) receives the
 * length without the NUL. RK_ERR_IO when the file cannot be read (errno is
 * kept for the caller's message). */
enum rk_status rk_textfile_read(const char *path, char **out, size_t *len);

/* @rel taken relative to the folder of the file @base (unless @rel is
 * absolute), as a new string the caller frees; NULL when out of memory. */
char *rk_path_relative_to(const char *base, const char *rel);

/* Writes @len bytes to @path atomically: to a temporary file in the same
 * folder, flushed to disk, then renamed over @path, so that a reader (or a
 * web server) sees the old or the new content, never half of it. */
enum rk_status rk_textfile_write_atomic(const char *path, const char *data,
					size_t len);

#endif
