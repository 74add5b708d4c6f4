#include "config.h"

#include "timetable_csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "date.h"
#include "textfile.h"
#include "i18n.h"

enum field {
	F_PERSON,
	F_WEEKDAY,
	F_START,
	F_END,
	F_WEEK,
	F_GROUP,
	F_ROOM,
	F_SUBJECT,
	N_FIELDS
};

#define N_REQUIRED 4

struct loader {
	struct rk_school *school;
	struct rk_csv_file in; /* its file is the school's copy of the path */
	bool seen_record;
	bool nomem;
};

/* One record's fields, trimmed: libcsv trims unquoted fields only. */
struct row {
	const char *text[N_FIELDS];
	size_t len[N_FIELDS];
	int column[N_FIELDS]; /* where each field starts, in characters */
	size_t n;
	int line;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The first line of @text that is neither blank nor a comment: its offset
 * (or @len when there is none) and its end in @end. */
static size_t content_line(const char *text, size_t len, size_t *end)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t stop = nl ? (size_t)(nl - text) : len;
		size_t i = pos;
		while (i < stop && is_blank(text[i]))
			i++;
		if (i < stop && text[i] != '#') {
			*end = stop;
			return pos;
		}
		pos = stop + 1;
	}
	*end = len;
	return len;
}

/* Comments are whole lines: blanked before the CSV parser sees them, a
 * quote in "# Jan's rooster, "definitief"" is no malformed quoting. The
 * newline stays, so do the line numbers. */
static void blank_comments(char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		char *nl = memchr(text + pos, '\n', len - pos);
		size_t stop = nl ? (size_t)(nl - text) : len;
		size_t i = pos;
		while (i < stop && is_blank(text[i]))
			i++;
		if (i < stop && text[i] == '#')
			memset(text + pos, ' ', stop - pos);
		pos = stop + 1;
	}
}

/* Copies a field into @buf as a C string; false when it does not fit, which
 * for a weekday or a time means it is not one. */
static bool copy_word(char *buf, size_t size, const char *s, size_t len)
{
	if (len >= size)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

static bool row_field_is(const struct row *row, enum field f, const char *word)
{
	return row->len[f] == strlen(word) &&
	       !strncasecmp(row->text[f], word, row->len[f]);
}

static int parse_weekday(struct loader *ld, const struct row *row)
{
	char word[16];
	int d = -1;

	if (copy_word(word, sizeof(word), row->text[F_WEEKDAY],
		      row->len[F_WEEKDAY]))
		d = rk_weekday_parse(word);
	if (d < 0)
		rk_csv_report(&ld->in, RK_SEV_ERROR, row->line,
			      row->column[F_WEEKDAY],
			      _("unknown weekday '%.*s'"),
			      (int)row->len[F_WEEKDAY], row->text[F_WEEKDAY]);
	return d;
}

static int parse_time(struct loader *ld, const struct row *row, enum field f)
{
	char word[8];
	int minutes;

	if (copy_word(word, sizeof(word), row->text[f], row->len[f]) &&
	    rk_time_parse(word, &minutes))
		return minutes;
	rk_csv_report(&ld->in, RK_SEV_ERROR, row->line, row->column[f],
		      _("bad time '%.*s': expected HH:MM"), (int)row->len[f],
		      row->text[f]);
	return -1;
}

static int parse_week(struct loader *ld, const struct row *row)
{
	if (row->len[F_WEEK] == 0)
		return RK_AB_BOTH;
	if (row_field_is(row, F_WEEK, "A"))
		return RK_AB_A;
	if (row_field_is(row, F_WEEK, "B"))
		return RK_AB_B;
	rk_csv_report(&ld->in, RK_SEV_ERROR, row->line, row->column[F_WEEK],
		      _("bad week '%.*s': expected A, B or empty"),
		      (int)row->len[F_WEEK], row->text[F_WEEK]);
	return -1;
}

/* An optional text field as the school's string; NULL when empty. */
static int set_text(struct loader *ld, const char **dst, const struct row *row,
		    enum field f)
{
	*dst = NULL;
	if (row->len[f] == 0)
		return 0;
	*dst = rk_school_strndup(ld->school, row->text[f], row->len[f]);
	return *dst ? 0 : -1;
}

/* Checks every field of @row, reporting each problem; adds the lesson only
 * when there was none. */
static int add_lesson(struct loader *ld, const struct row *row)
{
	struct rk_lesson lesson;
	size_t errors = ld->in.errors;

	rk_lesson_init(&lesson);
	if (row->len[F_PERSON] == 0)
		rk_csv_report(&ld->in, RK_SEV_ERROR, row->line,
			      row->column[F_PERSON], _("empty person"));
	lesson.weekday = parse_weekday(ld, row);
	lesson.start = parse_time(ld, row, F_START);
	lesson.end = parse_time(ld, row, F_END);
	int week = parse_week(ld, row);
	if (lesson.start >= 0 && lesson.end >= 0 &&
	    lesson.end <= lesson.start) {
		char start[RK_TIME_BUFSIZE], end[RK_TIME_BUFSIZE];
		rk_time_format(lesson.start, start);
		rk_time_format(lesson.end, end);
		rk_csv_report(&ld->in, RK_SEV_ERROR, row->line,
			      row->column[F_END],
			      _("end %s is not after start %s"), end, start);
	}
	if (ld->in.errors > errors)
		return 0;

	lesson.week = (enum rk_ab)week;
	lesson.loc = (struct rk_loc){ ld->in.file, row->line, 1 };
	lesson.person.loc = lesson.loc;
	if (set_text(ld, &lesson.person.id, row, F_PERSON) < 0 ||
	    set_text(ld, &lesson.group, row, F_GROUP) < 0 ||
	    set_text(ld, &lesson.room, row, F_ROOM) < 0 ||
	    set_text(ld, &lesson.subject, row, F_SUBJECT) < 0)
		return -1;
	struct rk_lesson *l = rk_school_add_lesson(ld->school);
	if (!l)
		return -1;
	*l = lesson;
	return 0;
}

/* Trailing separators are common in spreadsheet exports; only extra fields
 * with something in them are worth a warning. */
static void check_extra(struct loader *ld, const struct rk_csv_record *rec)
{
	for (size_t i = N_FIELDS; i < rec->n; i++) {
		size_t len;
		rk_csv_trim(rec->fields[i], strlen(rec->fields[i]), &len);
		if (len == 0)
			continue;
		rk_csv_report(
			&ld->in, RK_SEV_WARNING, rec->line, rec->columns[i],
			_("expected at most %d fields, found %zu (the rest is "
			  "ignored)"),
			N_FIELDS, rec->n);
		return;
	}
}

static void fill_row(struct row *row, const struct rk_csv_record *rec)
{
	row->n = rec->n;
	row->line = rec->line;
	for (size_t i = 0; i < N_FIELDS; i++) {
		const char *s = i < rec->n ? rec->fields[i] : "";
		row->text[i] = rk_csv_trim(s, strlen(s), &row->len[i]);
		/* A missing field is placed just after the last one. */
		row->column[i] = i < rec->n   ? rec->columns[i]
				 : rec->n > 0 ? rec->columns[rec->n - 1] + 1
					      : 1;
	}
}

static int on_record(const struct rk_csv_record *rec, void *data)
{
	struct loader *ld = data;
	struct row row;

	fill_row(&row, rec);
	if (row.len[F_PERSON] > 0 && row.text[F_PERSON][0] == '#')
		return 0;
	bool first = !ld->seen_record;
	ld->seen_record = true;
	if (first && row_field_is(&row, F_PERSON, "person"))
		return 0;
	if (rec->n < N_REQUIRED) {
		rk_csv_report(
			&ld->in, RK_SEV_ERROR, rec->line, 1,
			_("expected at least %d fields (person, weekday, start, "
			  "end), found %zu"),
			N_REQUIRED, rec->n);
		return 0;
	}
	check_extra(ld, rec);
	if (add_lesson(ld, &row) < 0) {
		ld->nomem = true;
		return 1;
	}
	return 0;
}

enum rk_status rk_timetable_csv_load(struct rk_school *school, const char *path,
				     struct rk_diags *diags)
{
	struct loader ld = { .school = school, .in.diags = diags };
	size_t end;

	if (!school || !path)
		return RK_ERR_ARG;
	ld.in.file = rk_school_strdup(school, path);
	if (!ld.in.file)
		return RK_ERR_NOMEM;
	enum rk_status status = rk_csv_file_open(
		&ld.in, RK_TEXTFILE_MAX_TIMETABLE, N_("timetable file"));
	if (status != RK_OK)
		return status;
	char *text = ld.in.text;
	size_t len = ld.in.len;
	size_t first = content_line(text, len, &end);
	char sep = rk_csv_detect_separator(text + first, end - first);
	blank_comments(text, len);
	status = rk_csv_read(ld.in.file, text, len, sep, on_record, &ld, diags);
	if (status == RK_ERR_NOMEM || ld.nomem)
		status = RK_ERR_NOMEM;
	else if (ld.in.errors || status == RK_ERR_INPUT)
		status = RK_ERR_INPUT;
	else
		status = RK_OK;
	rk_csv_file_close(&ld.in);
	return status;
}

struct probe_result {
	bool match;
};

static int probe_record(const struct rk_csv_record *rec, void *data)
{
	struct probe_result *res = data;
	struct row row;
	char word[16];

	fill_row(&row, rec);
	if (row_field_is(&row, F_PERSON, "person"))
		res->match = true;
	else if (rec->n >= N_REQUIRED &&
		 copy_word(word, sizeof(word), row.text[F_WEEKDAY],
			   row.len[F_WEEKDAY]))
		res->match = rk_weekday_parse(word) >= 0;
	return 1; /* the first record decides */
}

static bool has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	return n >= k && !strcasecmp(path + n - k, suffix);
}

static bool probe(const char *path, const char *head, size_t len)
{
	struct probe_result res = { false };
	size_t end;

	if (!path || !head ||
	    !(has_suffix(path, ".csv") || has_suffix(path, ".txt")))
		return false;
	if (len >= 3 && !memcmp(head, "\xef\xbb\xbf", 3)) {
		head += 3;
		len -= 3;
	}
	size_t first = content_line(head, len, &end);
	if (first == len)
		return false;
	char sep = rk_csv_detect_separator(head + first, end - first);
	rk_csv_read(NULL, head + first, end - first, sep, probe_record, &res,
		    NULL);
	return res.match;
}

const struct rk_importer rk_importer_csv = {
	.id = "csv",
	.description = N_(
		"simple CSV: person,weekday,start,end[,week,group,room,subject]"),
	.probe = probe,
	.load = rk_timetable_csv_load,
	.is_default = true,
};
