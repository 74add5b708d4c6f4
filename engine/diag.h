/* diag.h - diagnostics about user input: file, line, column, message.
 *
 * Parsers and validators add every problem they find to a list the caller
 * owns; only the command-line front end prints them. */
#ifndef RK_DIAG_H
#define RK_DIAG_H

#include <stdarg.h>
#include <stddef.h>

enum rk_severity { RK_SEV_WARNING = 1, RK_SEV_ERROR = 2 };

/* One problem. @file may be NULL (a problem with no place, e.g. a missing
 * file argument); @line and @column are 1-based, 0 when unknown. */
struct rk_diag {
	const char *file;
	int line;
	int column;
	enum rk_severity severity;
	const char *message;
};

struct rk_diags;

/* A new, empty list; NULL when out of memory. */
struct rk_diags *rk_diags_new(void);
/* Frees the list and every message in it; NULL is a no-op. */
void rk_diags_free(struct rk_diags *diags);

/* Adds a problem. @file and the formatted message are copied. Running out of
 * memory is remembered (rk_diags_oom) rather than returned, so that parsers
 * can report freely. A problem without a place (@file NULL) that is already
 * in the list with the same severity and text is not added again. */
void rk_diags_add(struct rk_diags *diags, enum rk_severity severity,
		  const char *file, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* rk_diags_add with the arguments in @ap. */
void rk_diags_vadd(struct rk_diags *diags, enum rk_severity severity,
		   const char *file, int line, int column, const char *fmt,
		   va_list ap) __attribute__((format(printf, 6, 0)));

/* Adds a problem without a place that is said once for several weeks (or
 * periods): @fmt's text has "{}" where the list goes. When an entry of
 * @severity with the same text was added this way before, @item joins its
 * list ("weeks 3, 5 and 9"); else a new entry says "week 3". @one and
 * @many ("week", "weeks") must outlive the list; @item is copied. */
void rk_diags_add_merged(struct rk_diags *diags, enum rk_severity severity,
			 const char *one, const char *many, const char *item,
			 const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* rk_diags_add_merged at a place (@file NULL: none): entries are one
 * when their place, severity and text are. */
void rk_diags_add_merged_at(struct rk_diags *diags, enum rk_severity severity,
			    const char *file, int line, int column,
			    const char *one, const char *many, const char *item,
			    const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));

/* How many cases a counted message shows. */
#define RK_DIAGS_EXAMPLES 3

/* Adds one case of a problem that many cases share, so that one cause is
 * one message, not one per case: entries are one when their place,
 * severity and text are. "{}" in @fmt's text becomes their number with
 * @one or @many ("1 session", "164 sessions"), and the first
 * RK_DIAGS_EXAMPLES cases' @example follow the text ("; for example: A;
 * B; C"). A case whose @example was added before is not counted again.
 * @one and @many must outlive the list; @example is copied. */
void rk_diags_add_counted(struct rk_diags *diags, enum rk_severity severity,
			  const char *file, int line, int column,
			  const char *one, const char *many,
			  const char *example, const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));

/* Adds every entry of @src to @dst, in order, as if the calls that made
 * @src had been made on @dst: a merged entry's items join @dst's entry of
 * the same text, a repeated problem without a place is said once. The
 * planner's workers (parallel.c) report into lists of their own, appended
 * in a fixed order. Running out of memory is remembered in @dst. */
void rk_diags_append(struct rk_diags *dst, const struct rk_diags *src);

size_t rk_diags_count(const struct rk_diags *diags);
size_t rk_diags_errors(const struct rk_diags *diags);
size_t rk_diags_warnings(const struct rk_diags *diags);
int rk_diags_oom(const struct rk_diags *diags);

/* Borrowed pointer to entry @i (0-based), valid until the list changes. */
const struct rk_diag *rk_diags_get(const struct rk_diags *diags, size_t i);

/* Orders the list by file (in order of first appearance), line, column;
 * entries at the same place keep the order they were added in. */
void rk_diags_sort(struct rk_diags *diags);

/* Formats @d as "file:line:column: error: message" (fields that are unknown
 * are left out) into @buf of @size bytes; returns what snprintf returns. */
int rk_diag_format(const struct rk_diag *d, char *buf, size_t size);

#endif
