#include "config.h"

#include "people_csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "date.h"
#include "textfile.h"
#include "i18n.h"

enum column {
	COL_ID,
	COL_NAME,
	COL_EMAIL,
	COL_SUBJECTS,
	COL_GRADES,
	COL_ROLES,
	COL_WORKDAYS,
	N_COLUMNS
};

static const char *const column_names[N_COLUMNS] = {
	"id", "name", "email", "subjects", "grades", "roles", "workdays"
};

struct loader {
	struct rk_school *school;
	struct rk_csv_file in; /* its file is the school's copy of the path */
	int col[N_COLUMNS];    /* field index of each column; -1 when absent */
	size_t n_header;
	bool seen_header;
	bool header_ok;
	bool nomem;
};

/* The next |-separated item of a cell, trimmed (possibly empty); NULL when
 * the cell is used up. */
static const char *next_item(const char **pos, size_t *len)
{
	const char *s = *pos;
	if (!s)
		return NULL;
	const char *bar = strchr(s, '|');
	size_t n = bar ? (size_t)(bar - s) : strlen(s);
	*pos = bar ? bar + 1 : NULL;
	return rk_csv_trim(s, n, len);
}

/* The column called @name (@len bytes, any case), or N_COLUMNS. */
static int column_find(const char *name, size_t len)
{
	for (int c = 0; c < N_COLUMNS; c++)
		if (strlen(column_names[c]) == len &&
		    !strncasecmp(name, column_names[c], len))
			return c;
	return N_COLUMNS;
}

/* Maps the header's names to columns: any order, any case. */
static void read_header(struct loader *ld, const struct rk_csv_record *rec)
{
	ld->n_header = rec->n;
	for (size_t i = 0; i < rec->n; i++) {
		size_t len;
		const char *s = rec->fields[i];
		const char *name = rk_csv_trim(s, strlen(s), &len);
		int c = column_find(name, len);
		int column = rec->columns[i];
		if (len == 0)
			continue; /* a spreadsheet's trailing separator */
		if (c == N_COLUMNS)
			rk_csv_report(&ld->in, RK_SEV_WARNING, rec->line,
				      column,
				      _("unknown column '%.*s' (ignored)"),
				      (int)len, name);
		else if (ld->col[c] >= 0)
			rk_csv_report(&ld->in, RK_SEV_ERROR, rec->line, column,
				      _("duplicate column '%s'"),
				      column_names[c]);
		else
			ld->col[c] = (int)i;
	}
	ld->header_ok = true;
	for (int c = COL_ID; c <= COL_NAME; c++) {
		if (ld->col[c] >= 0)
			continue;
		rk_csv_report(&ld->in, RK_SEV_ERROR, rec->line, 0,
			      _("missing column '%s' in the header"),
			      column_names[c]);
		ld->header_ok = false;
	}
}

/* The trimmed cell of column @c, "" when the file has no such column. */
static const char *cell(const struct loader *ld,
			const struct rk_csv_record *rec, enum column c,
			size_t *len)
{
	if (ld->col[c] < 0) {
		*len = 0;
		return "";
	}
	const char *s = rec->fields[ld->col[c]];
	return rk_csv_trim(s, strlen(s), len);
}

/* Where the cell of column @c starts in @rec, in characters. */
static int column_of(const struct loader *ld, const struct rk_csv_record *rec,
		     enum column c)
{
	if (ld->col[c] < 0 || (size_t)ld->col[c] >= rec->n)
		return ld->col[c] + 1;
	return rec->columns[ld->col[c]];
}

static int set_text(struct loader *ld, const char **dst, const char *s,
		    size_t len)
{
	*dst = NULL;
	if (len == 0)
		return 0;
	*dst = rk_school_strndup(ld->school, s, len);
	return *dst ? 0 : -1;
}

/* Splits a cell like "wiskunde | natuurkunde" into a list the school owns. */
static int set_list(struct loader *ld, struct rk_strlist *list,
		    const struct rk_csv_record *rec, enum column c)
{
	size_t celllen, len, n = 0;
	const char *pos = cell(ld, rec, c, &celllen);

	while (next_item(&pos, &len))
		n += len > 0;
	list->items = NULL;
	list->n = 0;
	if (n == 0)
		return 0;
	list->items = rk_school_alloc(ld->school, n, sizeof(*list->items));
	if (!list->items)
		return -1;
	pos = cell(ld, rec, c, &celllen);
	const char *item;
	while ((item = next_item(&pos, &len))) {
		if (len == 0)
			continue;
		list->items[list->n] = rk_school_strndup(ld->school, item, len);
		if (!list->items[list->n++])
			return -1;
	}
	return 0;
}

/* Calls @parse on each item of the cell of column @c and ORs the bits it
 * returns; an item @parse does not know (0) is reported as an unknown
 * @what. An empty cell, or one with nothing known, gives @dflt. */
static unsigned parse_bits(struct loader *ld, const struct rk_csv_record *rec,
			   enum column c, unsigned (*parse)(const char *),
			   const char *what, unsigned dflt)
{
	size_t len;
	unsigned bits = 0;
	const char *pos = cell(ld, rec, c, &len);
	const char *item;

	while ((item = next_item(&pos, &len))) {
		char word[32];
		unsigned bit = 0;
		if (len == 0)
			continue;
		if (len < sizeof(word)) {
			memcpy(word, item, len);
			word[len] = '\0';
			bit = parse(word);
		}
		if (!bit)
			rk_csv_report(&ld->in, RK_SEV_ERROR, rec->line,
				      column_of(ld, rec, c),
				      _("unknown %s '%.*s'"), what, (int)len,
				      item);
		bits |= bit;
	}
	return bits ? bits : dflt;
}

static unsigned weekday_bit(const char *text)
{
	int d = rk_weekday_parse(text);
	return d < 0 ? 0 : 1u << d;
}

/* Adds the person even when some cells have problems, as long as there is
 * an id: teams that name it then do not fail a second time. */
static int add_person(struct loader *ld, const struct rk_csv_record *rec)
{
	size_t idlen, namelen, emaillen;
	const char *id = cell(ld, rec, COL_ID, &idlen);
	const char *name = cell(ld, rec, COL_NAME, &namelen);
	const char *email = cell(ld, rec, COL_EMAIL, &emaillen);

	if (idlen == 0)
		rk_csv_report(&ld->in, RK_SEV_ERROR, rec->line,
			      column_of(ld, rec, COL_ID), _("empty id"));
	if (namelen == 0)
		rk_csv_report(&ld->in, RK_SEV_ERROR, rec->line,
			      column_of(ld, rec, COL_NAME), _("empty name"));
	unsigned roles = parse_bits(ld, rec, COL_ROLES, rk_role_parse,
				    _("role"), RK_ROLE_LERAAR);
	unsigned days = parse_bits(ld, rec, COL_WORKDAYS, weekday_bit,
				   _("weekday"), RK_WORKDAYS_DEFAULT);
	if (idlen == 0)
		return 0;

	struct rk_person *p = rk_school_add_person(ld->school);
	if (!p)
		return -1;
	p->roles = roles;
	p->workdays = days;
	p->loc = (struct rk_loc){ ld->in.file, rec->line, 1 };
	if (set_text(ld, &p->id, id, idlen) < 0 ||
	    set_text(ld, &p->email, email, emaillen) < 0 ||
	    set_list(ld, &p->subjects, rec, COL_SUBJECTS) < 0 ||
	    set_list(ld, &p->grades, rec, COL_GRADES) < 0)
		return -1;
	/* The model wants a name; "" keeps later code simple after the
	 * error above. */
	if (namelen == 0)
		p->name = rk_school_strdup(ld->school, "");
	else
		set_text(ld, &p->name, name, namelen);
	return p->name ? 0 : -1;
}

static int on_record(const struct rk_csv_record *rec, void *data)
{
	struct loader *ld = data;

	if (!ld->seen_header) {
		ld->seen_header = true;
		read_header(ld, rec);
		return 0;
	}
	/* Without id and name the rows cannot be read: the header error
	 * says it all. */
	if (!ld->header_ok)
		return 0;
	if (rec->n != ld->n_header) {
		rk_csv_report(&ld->in, RK_SEV_ERROR, rec->line, 1,
			      _("expected %zu fields, found %zu"), ld->n_header,
			      rec->n);
		return 0;
	}
	if (add_person(ld, rec) < 0) {
		ld->nomem = true;
		return 1;
	}
	return 0;
}

enum rk_status rk_people_csv_load(struct rk_school *school, const char *path,
				  struct rk_diags *diags)
{
	struct loader ld = { .school = school, .in.diags = diags };

	if (!school || !path)
		return RK_ERR_ARG;
	for (int c = 0; c < N_COLUMNS; c++)
		ld.col[c] = -1;
	ld.in.file = rk_school_strdup(school, path);
	if (!ld.in.file)
		return RK_ERR_NOMEM;
	enum rk_status status = rk_csv_file_open(&ld.in, RK_TEXTFILE_MAX_PEOPLE,
						 N_("people file"));
	if (status != RK_OK)
		return status;
	status = rk_csv_read(ld.in.file, ld.in.text, ld.in.len,
			     rk_csv_detect_separator(ld.in.text, ld.in.len),
			     on_record, &ld, diags);
	if (status == RK_ERR_NOMEM || ld.nomem) {
		status = RK_ERR_NOMEM;
		goto out;
	}
	if (!ld.seen_header)
		rk_csv_report(
			&ld.in, RK_SEV_ERROR, 0, 0,
			_("empty file: expected a header with the columns "
			  "id and name"));
	status = ld.in.errors || status == RK_ERR_INPUT ? RK_ERR_INPUT : RK_OK;
out:
	rk_csv_file_close(&ld.in);
	return status;
}
