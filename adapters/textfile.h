/* textfile.h - reading input files and writing output files safely. */
#ifndef RK_TEXTFILE_H
#define RK_TEXTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

/* The most ritmiek reads of a file of the plan directory (plan.tsv, the
 * state files, tokens, the feeds push reads). A plan for 300 teachers is a
 * few MB; beyond this, reading and checking it would take seconds and
 * hundreds of MB. */
#define RK_TEXTFILE_MAX ((size_t)16 << 20)

/* The most read of a school file: it is parsed into a YAML document held
 * whole in memory, some hundred bytes per node. A real one is a few tens
 * of kB. */
#define RK_TEXTFILE_MAX_SCHOOL ((size_t)1 << 20)

/* The most read of a people file: some 9,000 people. Checking the people
 * takes time that grows faster than their number (16,000 took over a
 * second); a real school has a few hundred. */
#define RK_TEXTFILE_MAX_PEOPLE ((size_t)512 << 10)

/* The most read of a timetable file (any format) or a holiday calendar:
 * 8 MiB of iCalendar took a second and 140 MB (libical holds some sixteen
 * times the text), 60 MB of CSV lessons 4 s and 480 MB. A large school's
 * timetable is under 1 MB. */
#define RK_TEXTFILE_MAX_TIMETABLE ((size_t)4 << 20)

/* The width of @text (UTF-8) in a column of plain text: its characters,
 * not its bytes, so that "Één" is 3 wide. Names of Dutch schools have no
 * wide or combining characters, which this would count wrong. */
size_t rk_text_width(const char *text);
/* Writes @text to @f and spaces after it up to @width (as rk_text_width
 * counts): the one way report columns are padded (cli, summary.txt). */
void rk_text_put_padded(FILE *f, const char *text, int width);

/* Reads the whole file at @path into a NUL-terminated buffer the caller
 * frees; a UTF-8 byte-order mark is dropped. @len (may be NULL) receives the
 * length without the NUL. Only a regular file is read: a FIFO, a device, a
 * socket or a folder is refused without blocking, and so is a file of more
 * than RK_TEXTFILE_MAX bytes. RK_ERR_IO when the file cannot be read, with
 * errno telling why (EFBIG too large, ENODEV not a regular file, EISDIR, or
 * what open or read said): give it to rk_textfile_strerror. */
enum rk_status rk_textfile_read(const char *path, char **out, size_t *len);

/* rk_textfile_read with the limit @max instead of RK_TEXTFILE_MAX. */
enum rk_status rk_textfile_read_max(const char *path, size_t max, char **out,
				    size_t *len);

/* Reads at most @size bytes from the start of the regular file @path into
 * @buf (not NUL-terminated; *@len the count), refusing what rk_textfile_read
 * refuses except the size. For telling a format from a file's first
 * bytes. */
enum rk_status rk_textfile_head(const char *path, char *buf, size_t size,
				size_t *len);

/* Why a read failed with @err (errno after RK_ERR_IO from the functions
 * above), as a sentence that says what to do: for EFBIG it names the
 * limits, for ENODEV and EISDIR that a regular file is needed; else
 * strerror. Never NULL, never to be freed. */
const char *rk_textfile_strerror(int err);

/* @rel taken relative to the folder of the file @base (unless @rel is
 * absolute), as a new string the caller frees; NULL when out of memory. */
char *rk_path_relative_to(const char *base, const char *rel);

/* Writes @len bytes to @path atomically: to a temporary file in the same
 * folder, flushed to disk, then renamed over @path, so that a reader (or a
 * web server) sees the old or the new content, never half of it. */
enum rk_status rk_textfile_write_atomic(const char *path, const char *data,
					size_t len);

/* rk_textfile_write_atomic without the flush: for a file of a plan
 * directory's new generation (plandir.h), which nobody reads before
 * rk_plandir_commit syncs the whole generation at once. One fsync per file
 * cost more than writing the feeds. A new name is created and written
 * directly (nobody reads the generation before its commit); an existing
 * one, such as a file carried into the generation as a hard link to the
 * current one, is replaced by a temporary file renamed over it (never
 * written into), or kept as it is when it holds @data already.
 * Thread-safe. */
enum rk_status rk_textfile_write_staged(const char *path, const char *data,
					size_t len);

#endif
