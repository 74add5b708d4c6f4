/* sections.c - reads the subject-to-section table. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "sections.h"
#include "textfile.h"

struct rk_sections {
	struct rk_subject_section *rows;
	size_t n, cap;
	char *text; /* the file, cut into the strings the rows point to */
};

void rk_sections_free(struct rk_sections *t)
{
	if (!t)
		return;
	free(t->rows);
	free(t->text);
	free(t);
}

const struct rk_subject_section *rk_sections_items(const struct rk_sections *t,
						   size_t *n)
{
	*n = t ? t->n : 0;
	return t ? t->rows : NULL;
}

static enum rk_status push(struct rk_sections *t, const char *subject,
			   const char *section)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 128;
		struct rk_subject_section *rows =
			realloc(t->rows, cap * sizeof(*rows));
		if (!rows)
			return RK_ERR_NOMEM;
		t->rows = rows;
		t->cap = cap;
	}
	t->rows[t->n++] = (struct rk_subject_section){ subject, section };
	return RK_OK;
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static bool known(const struct rk_sections *t, size_t upto, const char *subject)
{
	for (size_t i = 0; i < upto; i++)
		if (!strcmp(t->rows[i].subject, subject))
			return true;
	return false;
}

/* One line: NULL subject for a comment or a blank line. */
static enum rk_status read_line(struct rk_sections *t, char *line,
				const char *path, int lineno,
				struct rk_diags *diags)
{
	char *text = trim(line);
	if (!*text || *text == '#')
		return RK_OK;
	char *tab = strchr(text, '\t');
	if (!tab) {
		rk_diags_add(diags, RK_SEV_ERROR, path, lineno, 1,
			     _("expected a subject, a TAB and its section"));
		return RK_ERR_INPUT;
	}
	*tab = '\0';
	char *subject = trim(text), *section = trim(tab + 1);
	if (!*subject || !*section || strchr(section, '\t')) {
		rk_diags_add(diags, RK_SEV_ERROR, path, lineno, 1,
			     _("expected a subject, a TAB and its section"));
		return RK_ERR_INPUT;
	}
	if (known(t, t->n, subject)) {
		rk_diags_add(diags, RK_SEV_ERROR, path, lineno, 1,
			     _("subject '%s' is in the table twice"), subject);
		return RK_ERR_INPUT;
	}
	return push(t, subject, section);
}

static enum rk_status read_rows(struct rk_sections *t, const char *path,
				struct rk_diags *diags)
{
	enum rk_status result = RK_OK;
	char *line = t->text;
	for (int lineno = 1; line; lineno++) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		enum rk_status st = read_line(t, line, path, lineno, diags);
		if (st == RK_ERR_NOMEM)
			return st;
		if (st != RK_OK)
			result = st;
		line = next;
	}
	return result;
}

enum rk_status rk_sections_read(const char *path, struct rk_sections **out,
				struct rk_diags *diags)
{
	*out = NULL;
	struct rk_sections *t = calloc(1, sizeof(*t));
	if (!t)
		return RK_ERR_NOMEM;
	enum rk_status st = rk_textfile_read(path, &t->text, NULL);
	if (st == RK_ERR_IO)
		rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read file: %s"),
			     rk_textfile_strerror(errno));
	if (st == RK_OK)
		st = read_rows(t, path, diags);
	if (st != RK_OK) {
		rk_sections_free(t);
		return st;
	}
	*out = t;
	return RK_OK;
}

/* The table asked for, else $RITMIEK_SECTIONS, else the installed one,
 * else the one in the source tree (an uninstalled build just works). */
static const char *table_path(const char *path)
{
	const char *env = getenv("RITMIEK_SECTIONS");
	if (path)
		return path;
	if (env && *env)
		return env;
	if (access(RK_SECTIONS_FILE, R_OK) == 0)
		return RK_SECTIONS_FILE;
	return RK_SOURCE_SECTIONS_FILE;
}

/* The school file's rows go first: the lookup takes the first match. */
static enum rk_status add_school_rows(struct rk_sections *t,
				      const struct rk_school *school)
{
	size_t n = rk_school_n_section_override(school);
	if (n == 0)
		return RK_OK;
	struct rk_subject_section *rows =
		realloc(t->rows, (t->n + n) * sizeof(*rows));
	if (!rows)
		return RK_ERR_NOMEM;
	memmove(rows + n, rows, t->n * sizeof(*rows));
	for (size_t i = 0; i < n; i++) {
		const struct rk_section_override *o =
			rk_school_get_section_override(school, i);
		rows[i] = (struct rk_subject_section){ o->subject, o->section };
	}
	t->rows = rows;
	t->n += n;
	t->cap = t->n;
	return RK_OK;
}

enum rk_status rk_sections_load(const char *path,
				const struct rk_school *school,
				struct rk_sections **out,
				struct rk_diags *diags)
{
	enum rk_status st = rk_sections_read(table_path(path), out, diags);
	if (st == RK_OK && school)
		st = add_school_rows(*out, school);
	if (st != RK_OK) {
		rk_sections_free(*out);
		*out = NULL;
	}
	return st;
}
