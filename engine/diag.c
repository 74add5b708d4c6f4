#include "config.h"

#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"

/* A message said once for several weeks (rk_diags_add_merged): its text
 * with "{}" where the list goes, and the list so far. With @shown, the
 * list is of cases (rk_diags_add_counted): "{}" takes their number and
 * the first @shown of them follow as examples. */
struct merge {
	char *text;
	const char *one;
	const char *many;
	char **items;
	size_t n;
	size_t shown;
};

struct rk_diags {
	struct rk_diag *items;
	struct merge *merges; /* parallel to items; text NULL: not merged */
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
		free(diags->merges[i].text);
		for (size_t k = 0; k < diags->merges[i].n; k++)
			free(diags->merges[i].items[k]);
		free(diags->merges[i].items);
	}
	free(diags->items);
	free(diags->merges);
	free(diags);
}

static void *heap_bytes(void *unused, size_t size)
{
	(void)unused;
	return malloc(size);
}

/* The message printed to the heap (the list frees it). */
static char *vformat(const char *fmt, va_list ap)
{
	return rk_arena_vprintf_with(heap_bytes, NULL, fmt, ap);
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
	struct merge *merges = realloc(diags->merges, cap * sizeof(*merges));
	if (!merges)
		return -1;
	diags->merges = merges;
	diags->cap = cap;
	return 0;
}

void rk_diags_add(struct rk_diags *diags, enum rk_severity severity,
		  const char *file, int line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rk_diags_vadd(diags, severity, file, line, column, fmt, ap);
	va_end(ap);
}

void rk_diags_vadd(struct rk_diags *diags, enum rk_severity severity,
		   const char *file, int line, int column, const char *fmt,
		   va_list ap)
{
	if (!diags)
		return;
	char *filecopy = file ? strdup(file) : NULL;
	char *message = vformat(fmt, ap);
	if (!message || (file && !filecopy) || grow(diags) < 0) {
		free(filecopy);
		free(message);
		diags->oom = 1;
		return;
	}
	/* A problem without a place (the planner's) is said once, however
	 * often it is found. */
	for (size_t i = 0; !file && i < diags->n; i++) {
		const struct rk_diag *d = &diags->items[i];
		if (!d->file && d->severity == severity &&
		    !diags->merges[i].text && !strcmp(d->message, message)) {
			free(message);
			return;
		}
	}
	diags->items[diags->n++] = (struct rk_diag){
		.file = filecopy,
		.line = line,
		.column = column,
		.severity = severity,
		.message = message,
	};
	diags->merges[diags->n - 1] = (struct merge){ 0 };
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
		struct merge m = diags->merges[i];
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
			diags->merges[j] = diags->merges[j - 1];
			rank[j] = rank[j - 1];
			j--;
		}
		diags->items[j] = d;
		diags->merges[j] = m;
		rank[j] = r;
	}
	free(rank);
}

int rk_diag_format(const struct rk_diag *d, char *buf, size_t size)
{
	const char *sev =
		d->severity == RK_SEV_ERROR ? _("error") : _("warning");
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

/* "week 3", "weeks 3 and 5", "weeks 3, 5 and 9"; counted: "12 sessions". */
static char *render_list(const struct merge *m)
{
	size_t len = strlen(_(m->many)) + strlen(_(m->one)) + 24;
	for (size_t i = 0; !m->shown && i < m->n; i++)
		len += strlen(m->items[i]) + strlen(_(" and ")) + 2;
	char *list = malloc(len);
	if (!list)
		return NULL;
	if (m->shown) {
		snprintf(list, len, "%zu %s", m->n,
			 m->n == 1 ? _(m->one) : _(m->many));
		return list;
	}
	size_t at = (size_t)snprintf(list, len, "%s ",
				     m->n == 1 ? _(m->one) : _(m->many));
	for (size_t i = 0; i < m->n; i++)
		at += (size_t)snprintf(list + at, len - at, "%s%s",
				       i == 0	       ? ""
				       : i + 1 == m->n ? _(" and ")
						       : ", ",
				       m->items[i]);
	return list;
}

/* The examples of a counted message: "; for example: A; B". */
static char *render_examples(const struct merge *m)
{
	size_t len = strlen(_("; for example: ")) + 1;
	for (size_t i = 0; i < m->shown && i < m->n; i++)
		len += strlen(m->items[i]) + 2;
	char *text = malloc(len);
	if (!text)
		return NULL;
	text[0] = '\0';
	size_t at = 0;
	for (size_t i = 0; i < m->shown && i < m->n; i++)
		at += (size_t)snprintf(text + at, len - at, "%s%s",
				       i ? "; " : _("; for example: "),
				       m->items[i]);
	return text;
}

static char *render(const struct merge *m)
{
	char *list = render_list(m);
	char *examples = m->shown ? render_examples(m) : strdup("");
	char *text = NULL;
	if (!list || !examples)
		goto out;
	const char *mark = strstr(m->text, "{}");
	size_t head = mark ? (size_t)(mark - m->text) : strlen(m->text);
	const char *tail = mark ? mark + 2 : "";
	size_t size = head + strlen(list) + strlen(tail) + strlen(examples) + 1;
	text = malloc(size);
	if (text)
		snprintf(text, size, "%.*s%s%s%s", (int)head, m->text, list,
			 tail, examples);
out:
	free(list);
	free(examples);
	return text;
}
static int add_item(struct merge *m, const char *item)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->items[i], item))
			return 0;
	char **items = realloc(m->items, (m->n + 1) * sizeof(*items));
	if (!items)
		return -1;
	m->items = items;
	m->items[m->n] = strdup(item);
	if (!m->items[m->n])
		return -1;
	m->n++;
	return 0;
}

/* Whether entry @i is the merged message @text at that place. */
static bool same_merge(const struct rk_diags *diags, size_t i,
		       enum rk_severity severity, const char *file, int line,
		       int column, size_t shown, const char *text)
{
	const struct rk_diag *d = &diags->items[i];
	const struct merge *m = &diags->merges[i];
	return m->text && d->severity == severity && m->shown == shown &&
	       (file ? d->file && !strcmp(d->file, file) : !d->file) &&
	       d->line == line && d->column == column && !strcmp(m->text, text);
}

/* rk_diags_add_merged and _counted: @text (handed over) at a place. */
static void add_merged(struct rk_diags *diags, enum rk_severity severity,
		       const char *file, int line, int column, const char *one,
		       const char *many, size_t shown, const char *item,
		       char *text)
{
	size_t i = 0;
	while (i < diags->n &&
	       !same_merge(diags, i, severity, file, line, column, shown, text))
		i++;
	if (i == diags->n) {
		rk_diags_add(diags, severity, file, line, column, "%s", text);
		if (diags->n != i) {
			diags->merges[i] = (struct merge){ text, one, many,
							   NULL, 0,   shown };
			text = NULL;
		}
	}
	free(text);
	struct merge *m = &diags->merges[i];
	char *message = NULL;
	if (i < diags->n && add_item(m, item) == 0)
		message = render(m);
	if (!message) {
		diags->oom = 1;
		return;
	}
	free((char *)diags->items[i].message);
	diags->items[i].message = message;
}

/* add_merged with the text formatted from @fmt and @ap. */
static void vadd_merged(struct rk_diags *diags, enum rk_severity severity,
			const char *file, int line, int column, const char *one,
			const char *many, size_t shown, const char *item,
			const char *fmt, va_list ap)
{
	if (!diags)
		return;
	char *text = vformat(fmt, ap);
	if (!text) {
		diags->oom = 1;
		return;
	}
	add_merged(diags, severity, file, line, column, one, many, shown, item,
		   text);
}

void rk_diags_add_merged(struct rk_diags *diags, enum rk_severity severity,
			 const char *one, const char *many, const char *item,
			 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd_merged(diags, severity, NULL, 0, 0, one, many, 0, item, fmt, ap);
	va_end(ap);
}

void rk_diags_add_merged_at(struct rk_diags *diags, enum rk_severity severity,
			    const char *file, int line, int column,
			    const char *one, const char *many, const char *item,
			    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd_merged(diags, severity, file, line, column, one, many, 0, item,
		    fmt, ap);
	va_end(ap);
}

void rk_diags_add_counted(struct rk_diags *diags, enum rk_severity severity,
			  const char *file, int line, int column,
			  const char *one, const char *many,
			  const char *example, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vadd_merged(diags, severity, file, line, column, one, many,
		    RK_DIAGS_EXAMPLES, example, fmt, ap);
	va_end(ap);
}

void rk_diags_append(struct rk_diags *dst, const struct rk_diags *src)
{
	if (!dst || !src)
		return;
	if (src->oom)
		dst->oom = 1;
	for (size_t i = 0; i < src->n; i++) {
		const struct rk_diag *d = &src->items[i];
		const struct merge *m = &src->merges[i];
		if (!m->text) {
			rk_diags_add(dst, d->severity, d->file, d->line,
				     d->column, "%s", d->message);
			continue;
		}
		for (size_t k = 0; k < m->n; k++) {
			char *text = strdup(m->text);
			if (!text) {
				dst->oom = 1;
				return;
			}
			add_merged(dst, d->severity, d->file, d->line,
				   d->column, m->one, m->many, m->shown,
				   m->items[k], text);
		}
	}
}
