#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rk_diags {
	struct rk_diag *items;
	size_t n;
	size_t cap;
	int oom;
};

struct rk_diags *rk_diags_new(void)
{
	return calloc(1, sizeof(struct rk_diags));
}

void rk_diags_free(struct rk_diags *diags)
{
	if (!diags)
		return;
	for (size_t i = 0; i < diags->n; i++) {
		free((char *)diags->items[i].file);
		free((char *)diags->items[i].message);
	}
	free(diags->items);
	free(diags);
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		return NULL;
	char *text = malloc((size_t)len + 1);
	if (text)
		vsnprintf(text, (size_t)len + 1, fmt, ap);
	return text;
}

static int grow(struct rk_diags *diags)
{
	if (diags->n < diags->cap)
		return 0;
	size_t cap = diags->cap ? diags->cap * 2 : 16;
	struct rk_diag *items = realloc(diags->items, cap * sizeof(*items));
	if (!items)
		return -1;
	diags->items = items;
	diags->cap = cap;
	return 0;
}

void rk_diags_add(struct rk_diags *diags, enum rk_severity severity,
		  const char *file, int line, int column, const char *fmt, ...)
{
	if (!diags)
		return;
	char *filecopy = file ? strdup(file) : NULL;
	va_list ap;
	va_start(ap, fmt);
	char *message = vformat(fmt, ap);
	va_end(ap);
	if (!message || (file && !filecopy) || grow(diags) < 0) {
		free(filecopy);
		free(message);
		diags->oom = 1;
		return;
	}
	diags->items[diags->n++] = (struct rk_diag){
		.file = filecopy,
		.line = line,
		.column = column,
		.severity = severity,
		.message = message,
	};
}

size_t rk_diags_count(const struct rk_diags *diags)
{
	return diags ? diags->n : 0;
}

static size_t count_severity(const struct rk_diags *diags,
			     enum rk_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; diags && i < diags->n; i++)
		if (diags->items[i].severity == severity)
			n++;
	return n;
}

size_t rk_diags_errors(const struct rk_diags *diags)
{
	return count_severity(diags, RK_SEV_ERROR);
}

size_t rk_diags_warnings(const struct rk_diags *diags)
{
	return count_severity(diags, RK_SEV_WARNING);
}

int rk_diags_oom(const struct rk_diags *diags)
{
	return diags ? diags->oom : 0;
}

const struct rk_diag *rk_diags_get(const struct rk_diags *diags, size_t i)
{
	if (!diags || i >= diags->n)
		return NULL;
	return &diags->items[i];
}

/* Files are ordered by their first appearance, so that the school file's
 * problems come before those of the timetable it names. */
static size_t file_rank(const struct rk_diags *diags, const char *file)
{
	if (!file)
		return 0;
	for (size_t i = 0; i < diags->n; i++)
		if (diags->items[i].file && !strcmp(diags->items[i].file, file))
			return i + 1;
	return diags->n + 1;
}

void rk_diags_sort(struct rk_diags *diags)
{
	if (!diags || diags->n < 2)
		return;
	size_t *rank = malloc(diags->n * sizeof(*rank));
	if (!rank) {
		diags->oom = 1;
		return;
	}
	for (size_t i = 0; i < diags->n; i++)
		rank[i] = file_rank(diags, diags->items[i].file);
	/* Insertion sort: stable, and the lists are short. */
	for (size_t i = 1; i < diags->n; i++) {
		struct rk_diag d = diags->items[i];
		size_t r = rank[i];
		size_t j = i;
		while (j > 0) {
			const struct rk_diag *p = &diags->items[j - 1];
			int later =
				rank[j - 1] > r ||
				(rank[j - 1] == r &&
				 (p->line > d.line ||
				  (p->line == d.line && p->column > d.column)));
			if (!later)
				break;
			diags->items[j] = diags->items[j - 1];
			rank[j] = rank[j - 1];
			j--;
		}
		diags->items[j] = d;
		rank[j] = r;
	}
	free(rank);
}

int rk_diag_format(const struct rk_diag *d, char *buf, size_t size)
{
	const char *sev = d->severity == RK_SEV_ERROR ? "error" : "warning";
	if (!d->file)
		return snprintf(buf, size, "%s: %s", sev, d->message);
	if (d->line <= 0)
		return snprintf(buf, size, "%s: %s: %s", d->file, sev,
				d->message);
	if (d->column <= 0)
		return snprintf(buf, size, "%s:%d: %s: %s", d->file, d->line,
				sev, d->message);
	return snprintf(buf, size, "%s:%d:%d: %s: %s", d->file, d->line,
			d->column, sev, d->message);
}
