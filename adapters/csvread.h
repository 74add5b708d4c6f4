/* csvread.h - CSV records with their line numbers, read through libcsv. */
#ifndef RK_CSVREAD_H
#define RK_CSVREAD_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

/* One record. @fields are NUL-terminated and only lent for the callback;
 * @line is the 1-based line on which the record starts; @columns holds the
 * 1-based character (not byte) column at which each field starts in its
 * line, for messages that point at a cell as an editor does. */
struct rk_csv_record {
	const char *const *fields;
	size_t n;
	int line;
	const int *columns;
};

/* The text of the @n bytes at @s without surrounding white space: its
 * start, and its length in @len. libcsv trims unquoted fields only. */
const char *rk_csv_trim(const char *s, size_t n, size_t *len);

/* Guesses the separator from the first line of @text: the most frequent of
 * ',', ';' and TAB outside quotes (',' when none occurs). */
char rk_csv_detect_separator(const char *text, size_t len);

/* Parses @text (UTF-8, LF or CRLF) with separator @sep and calls @cb for each
 * record that is not empty; @cb returns 0 to go on, non-zero to stop.
 * Malformed quoting is reported in @diags as "@file:line: malformed quoting"
 * and parsing goes on with the next line; the result is then RK_ERR_INPUT.
 * When @diags grew by more than 1000 diagnostics during the reading (its
 * own or @cb's), reading stops with one more error saying so, and the
 * result is RK_ERR_INPUT: a file that wrong is not the one meant. */
enum rk_status rk_csv_read(const char *file, const char *text, size_t len,
			   char sep,
			   int (*cb)(const struct rk_csv_record *rec,
				     void *data),
			   void *data, struct rk_diags *diags);

/* A CSV file as a loader reads it: its text, and where its problems go. */
struct rk_csv_file {
	const char *file; /* the path for locations; the loader keeps it */
	struct rk_diags *diags;
	size_t errors; /* errors reported through rk_csv_report so far */
	char *text;
	size_t len;
};

/* Reads the file at @f->file, at most @max bytes, into @f->text (freed by
 * rk_csv_file_close). When it cannot be read, reports "cannot read @what:
 * why" to @f->diags and returns RK_ERR_IO with errno telling why; @what is
 * an N_() noun such as "people file". */
enum rk_status rk_csv_file_open(struct rk_csv_file *f, size_t max,
				const char *what);

/* Frees the text of @f; safe on a file that was never opened. */
void rk_csv_file_close(struct rk_csv_file *f);

/* Reports a problem of @f at @line:@column, counting the errors. */
void rk_csv_report(struct rk_csv_file *f, enum rk_severity sev, int line,
		   int column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
