#include "config.h"

#include "timetable_untis.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "csvread.h"
#include "date.h"
#include "textfile.h"
#include "i18n.h"

/* Field numbers are 1-based, as in Untis's own documentation. */
enum {
	F1_LESSON = 1,
	F1_CLASS = 2,
	F1_TEACHER = 3,
	F1_SUBJECT = 4,
	F1_ROOM = 5,
	F1_DAY = 6,
	F1_PERIOD = 7,
	F1_LENGTH = 8,
	F2_LESSON = 1,
	F2_TEACHER = 6,
	F2_GROUP = 12,
	F2_FROM = 15,
	F2_TO = 16,
	F4_ID = 1,
	F4_LAST = 2,
	F4_FIRST = 29,
	F4_EMAIL = 33,
};

enum kind { GPU001, GPU002, GPU004 };

/* One file of the source, read and converted to UTF-8. */
struct file {
	const char *path; /* the school's copy, for locations */
	char *text;
	size_t len;
	enum kind kind;
};

/* What GPU002 says about a lesson: of one teacher, or of all of its
 * teachers when @teacher is empty. */
struct unterricht {
	char *lesson;
	char *teacher;
	enum rk_ab week;
	int from;
	int to;
};

/* A teacher of GPU004. */
struct teacher {
	char *id;
	char *name;
	char *email;
	const char *file;
	int line;
};

struct untis {
	struct rk_school *school;
	/* the file being read, where its problems go, and their count */
	struct rk_csv_file csv;
	bool nomem;
	size_t first_lesson; /* the school's lessons before this load */
	struct unterricht *unt;
	size_t n_unt;
	struct teacher *teachers;
	size_t n_teachers;
};

/* A field of a record, trimmed; "" when the record is shorter. */
struct text {
	const char *s;
	size_t len;
};

static struct text field(const struct rk_csv_record *rec, int number)
{
	struct text t = { "", 0 };
	if (number < 1 || (size_t)number > rec->n)
		return t;
	t.s = rec->fields[number - 1];
	t.len = strlen(t.s);
	while (t.len > 0 && isspace((unsigned char)t.s[0])) {
		t.s++;
		t.len--;
	}
	while (t.len > 0 && isspace((unsigned char)t.s[t.len - 1]))
		t.len--;
	return t;
}

/* Digits only, at most six of them: days, periods and lesson numbers. */
static bool parse_number(struct text t, int *out)
{
	int v = 0;
	if (t.len == 0 || t.len > 6)
		return false;
	for (size_t i = 0; i < t.len; i++) {
		if (!isdigit((unsigned char)t.s[i]))
			return false;
		v = v * 10 + (t.s[i] - '0');
	}
	*out = v;
	return true;
}

static char *dup_text(struct untis *u, struct text t)
{
	char *copy = malloc(t.len + 1);
	if (!copy) {
		u->nomem = true;
		return NULL;
	}
	memcpy(copy, t.s, t.len);
	copy[t.len] = '\0';
	return copy;
}

static void *grow(struct untis *u, void *array, size_t n, size_t size)
{
	/* Doubling: grow only when @n is 0 or a power of two. */
	if (n & (n - 1))
		return array;
	void *bigger = realloc(array, (n ? n * 2 : 8) * size);
	if (!bigger)
		u->nomem = true;
	return bigger;
}

/* --- GPU002: lesson groups (A/B weeks) and validity ----------------------- */

static bool strip_word(char *s, const char *word, bool prefix)
{
	size_t n = strlen(s), k = strlen(word);
	if (n <= k)
		return false;
	if (prefix && !strncmp(s, word, k)) {
		memmove(s, s + k, n - k + 1);
		return true;
	}
	if (!prefix && !strcmp(s + n - k, word)) {
		s[n - k] = '\0';
		return true;
	}
	return false;
}

/* Schools name their lesson groups for A/B weeks "A", "WA", "A-Woche",
 * "Woche B" ...: what is left after the word for week decides. -1 when it
 * is no A or B week. */
static int parse_group(struct text t)
{
	static const char *const weeks[] = { "woche", "week", "wo", "w" };
	char word[32];
	size_t n = 0;

	if (t.len == 0)
		return RK_AB_BOTH;
	for (size_t i = 0; i < t.len && n + 1 < sizeof(word); i++)
		if (isalnum((unsigned char)t.s[i]))
			word[n++] = (char)tolower((unsigned char)t.s[i]);
	word[n] = '\0';
	for (size_t i = 0; i < sizeof(weeks) / sizeof(weeks[0]); i++)
		if (strip_word(word, weeks[i], true) ||
		    strip_word(word, weeks[i], false))
			break;
	if (!strcmp(word, "a"))
		return RK_AB_A;
	if (!strcmp(word, "b"))
		return RK_AB_B;
	return -1;
}

/* Untis writes dates as YYYYMMDD; empty is "no limit". */
static bool parse_untis_date(struct text t, int *out)
{
	int v, y, m, d;
	if (t.len != 8 || !parse_number((struct text){ t.s, 4 }, &y) ||
	    !parse_number((struct text){ t.s + 4, 4 }, &v))
		return false;
	m = v / 100;
	d = v % 100;
	if (!rk_date_valid_ymd(y, m, d))
		return false;
	*out = rk_date_from_ymd(y, m, d);
	return true;
}

static bool get_date(struct untis *u, const struct rk_csv_record *rec,
		     int number, int none, int *out)
{
	struct text t = field(rec, number);
	*out = none;
	if (t.len == 0 || parse_untis_date(t, out))
		return true;
	rk_csv_report(&u->csv, RK_SEV_ERROR, rec->line, number,
		      _("bad date '%.*s': expected YYYYMMDD"), (int)t.len, t.s);
	return false;
}

static int on_gpu002(const struct rk_csv_record *rec, void *data)
{
	struct untis *u = data;
	struct unterricht un = { .week = RK_AB_BOTH };

	if (rec->n < F2_TEACHER) {
		rk_csv_report(
			&u->csv, RK_SEV_ERROR, rec->line, 1,
			_("expected at least %d fields (lesson number to teacher), found %zu"),
			F2_TEACHER, rec->n);
		return 0;
	}
	struct text group = field(rec, F2_GROUP);
	int week = parse_group(group);
	if (week < 0)
		rk_csv_report(
			&u->csv, RK_SEV_WARNING, rec->line, F2_GROUP,
			_("lesson group '%.*s' is no A or B week; lesson %s is taken as every week"),
			(int)group.len, group.s, field(rec, F2_LESSON).s);
	un.week = week < 0 ? RK_AB_BOTH : (enum rk_ab)week;
	bool ok = get_date(u, rec, F2_FROM, INT_MIN, &un.from);
	ok = get_date(u, rec, F2_TO, INT_MAX, &un.to) && ok;
	if (ok && un.to < un.from) {
		char a[RK_DATE_BUFSIZE], b[RK_DATE_BUFSIZE];
		rk_date_format(un.to, a);
		rk_date_format(un.from, b);
		rk_csv_report(&u->csv, RK_SEV_ERROR, rec->line, F2_TO,
			      _("date to %s is before date from %s"), a, b);
		ok = false;
	}
	if (!ok)
		return 0;
	u->unt = grow(u, u->unt, u->n_unt, sizeof(*u->unt));
	if (u->nomem)
		return 1;
	un.lesson = dup_text(u, field(rec, F2_LESSON));
	un.teacher = dup_text(u, field(rec, F2_TEACHER));
	u->unt[u->n_unt++] = un;
	return u->nomem;
}

/* The GPU002 row of @lesson taught by @teacher, else the one for all of
 * its teachers; NULL when GPU002 does not have it. */
static const struct unterricht *find_unterricht(const struct untis *u,
						const char *lesson,
						const char *teacher)
{
	const struct unterricht *any = NULL;
	for (size_t i = 0; i < u->n_unt; i++) {
		const struct unterricht *un = &u->unt[i];
		if (!un->lesson || strcmp(un->lesson, lesson))
			continue;
		if (un->teacher && !strcmp(un->teacher, teacher))
			return un;
		if (!any && (!un->teacher || !un->teacher[0]))
			any = un;
	}
	return any;
}

/* --- GPU004: teachers ----------------------------------------------------- */

static char *teacher_name(struct untis *u, const struct rk_csv_record *rec)
{
	struct text first = field(rec, F4_FIRST), last = field(rec, F4_LAST);
	size_t len = first.len + 1 + last.len + 1;
	char *name = malloc(len);
	if (!name) {
		u->nomem = true;
		return NULL;
	}
	snprintf(name, len, "%.*s%s%.*s", (int)first.len, first.s,
		 first.len && last.len ? " " : "", (int)last.len, last.s);
	return name;
}

static int on_gpu004(const struct rk_csv_record *rec, void *data)
{
	struct untis *u = data;
	struct text id = field(rec, F4_ID);

	if (id.len == 0)
		return 0;
	u->teachers = grow(u, u->teachers, u->n_teachers, sizeof(*u->teachers));
	if (u->nomem)
		return 1;
	struct teacher *t = &u->teachers[u->n_teachers++];
	struct text email = field(rec, F4_EMAIL);
	*t = (struct teacher){ .file = u->csv.file, .line = rec->line };
	t->id = dup_text(u, id);
	t->name = teacher_name(u, rec);
	t->email = email.len ? dup_text(u, email) : NULL;
	return u->nomem;
}

/* --- GPU001: the lessons -------------------------------------------------- */

/* One row of GPU001, checked. */
struct row {
	struct text lesson, cls, teacher, subject, room;
	int weekday;
	const struct rk_lesuur *hour;
	int length; /* minutes, or -1: the lesuur's own */
	int line;
};

static bool get_day(struct untis *u, const struct rk_csv_record *rec,
		    int *weekday)
{
	struct text t = field(rec, F1_DAY);
	int day;
	if (parse_number(t, &day) && day >= 1 && day <= 7) {
		*weekday = day - 1;
		return true;
	}
	rk_csv_report(
		&u->csv, RK_SEV_ERROR, rec->line, F1_DAY,
		_("day '%.*s' is out of range: expected 1 (Monday) to 7 (Sunday)"),
		(int)t.len, t.s);
	return false;
}

static void unknown_period(struct untis *u, int line, int period, int weekday,
			   const struct rk_grid *grid)
{
	if (!grid || grid->n == 0) {
		rk_csv_report(
			&u->csv, RK_SEV_ERROR, line, F1_PERIOD,
			_("unknown period %d on %s: the time grid has no lesuren that day"),
			period, rk_weekday_name(weekday));
		return;
	}
	rk_csv_report(
		&u->csv, RK_SEV_ERROR, line, F1_PERIOD,
		_("unknown period %d on %s: the time grid has lesuren %d-%d that day"),
		period, rk_weekday_name(weekday), grid->hours[0].number,
		grid->hours[grid->n - 1].number);
}

/* The lesuur of the period; periods are lesuur numbers of the grid. */
static const struct rk_lesuur *get_period(struct untis *u,
					  const struct rk_csv_record *rec,
					  int weekday)
{
	struct text t = field(rec, F1_PERIOD);
	int period;
	if (!parse_number(t, &period)) {
		rk_csv_report(&u->csv, RK_SEV_ERROR, rec->line, F1_PERIOD,
			      _("bad period '%.*s': expected a lesuur number"),
			      (int)t.len, t.s);
		return NULL;
	}
	if (weekday < 0)
		return NULL;
	const struct rk_grid *grid = rk_school_get_grid(u->school, weekday);
	for (size_t i = 0; grid && i < grid->n; i++)
		if (grid->hours[i].number == period)
			return &grid->hours[i];
	unknown_period(u, rec->line, period, weekday, grid);
	return NULL;
}

/* Field 8 holds the length (hh:mm) only when Untis plans in minutes. */
static bool get_length(struct untis *u, const struct rk_csv_record *rec,
		       int *minutes)
{
	struct text t = field(rec, F1_LENGTH);
	char word[8];
	*minutes = -1;
	if (t.len == 0)
		return true;
	if (t.len < sizeof(word)) {
		memcpy(word, t.s, t.len);
		word[t.len] = '\0';
		if (rk_time_parse(word, minutes) && *minutes > 0)
			return true;
	}
	rk_csv_report(&u->csv, RK_SEV_ERROR, rec->line, F1_LENGTH,
		      _("bad length '%.*s': expected hh:mm"), (int)t.len, t.s);
	return false;
}

static bool read_row(struct untis *u, const struct rk_csv_record *rec,
		     struct row *row)
{
	size_t errors = u->csv.errors;
	*row = (struct row){ .line = rec->line, .weekday = -1 };
	row->lesson = field(rec, F1_LESSON);
	row->cls = field(rec, F1_CLASS);
	row->teacher = field(rec, F1_TEACHER);
	row->subject = field(rec, F1_SUBJECT);
	row->room = field(rec, F1_ROOM);
	get_day(u, rec, &row->weekday);
	row->hour = get_period(u, rec, row->weekday);
	get_length(u, rec, &row->length);
	return u->csv.errors == errors;
}

/* Whether the list "05a, 05b" holds @t as a whole item (items may hold
 * commas themselves: "B1.04, lab"). */
static bool has_item(const char *list, struct text t)
{
	size_t n = strlen(list);
	for (size_t at = 0; at + t.len <= n; at++) {
		bool starts = at == 0 ||
			      (at >= 2 && !strncmp(list + at - 2, ", ", 2));
		const char *end = list + at + t.len;
		if (starts && !strncmp(list + at, t.s, t.len) &&
		    (!*end || !strncmp(end, ", ", 2)))
			return true;
	}
	return false;
}

/* "05a" and "05b" share a lesson: "05a, 05b". */
static int join_text(struct untis *u, const char **dst, struct text t)
{
	if (t.len == 0 || (*dst && has_item(*dst, t)))
		return 0;
	if (!*dst) {
		*dst = rk_school_strndup(u->school, t.s, t.len);
		return *dst ? 0 : -1;
	}
	size_t size = strlen(*dst) + 2 + t.len + 1;
	char *both = malloc(size);
	if (!both)
		return -1;
	snprintf(both, size, "%s, %.*s", *dst, (int)t.len, t.s);
	*dst = rk_school_strdup(u->school, both);
	free(both);
	return *dst ? 0 : -1;
}

/* The lesson of this load that @l is a further row of: same teacher, day,
 * lesuur, weeks and validity. */
static struct rk_lesson *same_slot(struct untis *u, const struct rk_lesson *l)
{
	size_t n = rk_school_n_lesson(u->school);
	for (size_t i = u->first_lesson; i < n; i++) {
		struct rk_lesson *o = rk_school_lesson_at(u->school, i);
		if (o->weekday == l->weekday && o->lesuur == l->lesuur &&
		    o->week == l->week && o->valid_from == l->valid_from &&
		    o->valid_to == l->valid_to &&
		    !strcmp(o->person.id, l->person.id))
			return o;
	}
	return NULL;
}

/* The lesson of @row, with what GPU002 says about it. */
static void make_lesson(struct untis *u, const struct row *row,
			struct rk_lesson *l, char *lesson_id, char *teacher)
{
	rk_lesson_init(l);
	l->weekday = row->weekday;
	l->lesuur = row->hour->number;
	l->start = row->hour->start;
	l->end = row->length > 0 ? row->hour->start + row->length
				 : row->hour->end;
	l->loc = (struct rk_loc){ u->csv.file, row->line, 1 };
	l->person =
		(struct rk_ref){ .id = teacher, .loc = l->loc, .index = -1 };
	const struct unterricht *un = find_unterricht(u, lesson_id, teacher);
	if (un) {
		l->week = un->week;
		l->valid_from = un->from;
		l->valid_to = un->to;
	}
}

static int add_row(struct untis *u, const struct row *row)
{
	struct rk_lesson l;
	char lesson_id[32], teacher[128];

	snprintf(lesson_id, sizeof(lesson_id), "%.*s", (int)row->lesson.len,
		 row->lesson.s);
	snprintf(teacher, sizeof(teacher), "%.*s", (int)row->teacher.len,
		 row->teacher.s);
	make_lesson(u, row, &l, lesson_id, teacher);
	struct rk_lesson *slot = same_slot(u, &l);
	if (!slot) {
		l.person.id = rk_school_strdup(u->school, teacher);
		slot = l.person.id ? rk_school_add_lesson(u->school) : NULL;
		if (!slot)
			return -1;
		*slot = l;
	}
	if (join_text(u, &slot->group, row->cls) < 0 ||
	    join_text(u, &slot->subject, row->subject) < 0 ||
	    join_text(u, &slot->room, row->room) < 0)
		return -1;
	return 0;
}

static int on_gpu001(const struct rk_csv_record *rec, void *data)
{
	struct untis *u = data;
	struct row row;

	if (rec->n < F1_PERIOD) {
		rk_csv_report(
			&u->csv, RK_SEV_ERROR, rec->line, 1,
			_("expected at least %d fields (lesson, class, teacher, subject, room, day, period), found %zu"),
			F1_PERIOD, rec->n);
		return 0;
	}
	if (!read_row(u, rec, &row))
		return 0;
	/* Lessons without a teacher (self-study, a class's free hour) keep
	 * no teacher busy. */
	if (row.teacher.len == 0)
		return 0;
	if (add_row(u, &row) < 0) {
		u->nomem = true;
		return 1;
	}
	return 0;
}

/* --- Files ---------------------------------------------------------------- */

/* Untis names its exports GPU001.TXT ...; renamed files are told apart by
 * their first record: GPU001 has 7 to 9 fields, GPU002 starts with two
 * numbers (lesson, hours), GPU004 with a teacher's short name. */
static int kind_by_name(const char *path)
{
	static const char *const names[] = { "gpu001", "gpu002", "gpu004" };
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (int k = 0; k < 3; k++)
		for (const char *p = base; *p; p++)
			if (!strncasecmp(p, names[k], 6))
				return k;
	return -1;
}

static int kind_record(const struct rk_csv_record *rec, void *data)
{
	int *kind = data, v;
	if (rec->n < 12)
		*kind = GPU001;
	else if (parse_number(field(rec, 1), &v) &&
		 parse_number(field(rec, 2), &v))
		*kind = GPU002;
	else
		*kind = GPU004;
	return 1;
}

static enum kind kind_of(const char *path, const char *text, size_t len)
{
	int kind = kind_by_name(path);
	if (kind >= 0)
		return (enum kind)kind;
	kind = GPU001;
	const char *nl = memchr(text, '\n', len);
	size_t first = nl ? (size_t)(nl - text) : len;
	rk_csv_read(NULL, text, first, rk_csv_detect_separator(text, first),
		    kind_record, &kind, NULL);
	return (enum kind)kind;
}

static enum rk_status read_file(struct untis *u, const char *path,
				struct file *f)
{
	enum rk_status status =
		rk_charset_read_file(path, &f->text, &f->len, NULL);
	if (status == RK_ERR_IO) {
		int saved = errno;
		rk_diags_add(u->csv.diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read timetable file: %s"),
			     rk_textfile_strerror(saved));
		u->csv.errors++;
	}
	if (status != RK_OK)
		return status;
	f->path = rk_school_strdup(u->school, path);
	if (!f->path)
		return RK_ERR_NOMEM;
	f->kind = kind_of(path, f->text, f->len);
	return RK_OK;
}

static enum rk_status parse_file(struct untis *u, const struct file *f)
{
	static int (*const on_record[])(const struct rk_csv_record *,
					void *) = { on_gpu001, on_gpu002,
						    on_gpu004 };
	const char *nl = memchr(f->text, '\n', f->len);
	size_t first = nl ? (size_t)(nl - f->text) : f->len;
	u->csv.file = f->path;
	enum rk_status status =
		rk_csv_read(f->path, f->text, f->len,
			    rk_csv_detect_separator(f->text, first),
			    on_record[f->kind], u, u->csv.diags);
	if (u->nomem)
		return RK_ERR_NOMEM;
	return status == RK_ERR_NOMEM ? status : RK_OK;
}

/* GPU004's name of a teacher the school file lacks, as a people entry to
 * paste: a suggestion only, the school file stays the authority. */
static void suggest_teachers(struct untis *u)
{
	if (rk_school_n_person(u->school) == 0)
		return;
	for (size_t i = 0; i < u->n_teachers; i++) {
		const struct teacher *t = &u->teachers[i];
		if (!t->id || rk_school_find_person(u->school, t->id) >= 0)
			continue;
		bool teaches = false;
		size_t n = rk_school_n_lesson(u->school);
		for (size_t k = u->first_lesson; k < n && !teaches; k++)
			teaches = !strcmp(
				rk_school_get_lesson(u->school, k)->person.id,
				t->id);
		if (!teaches)
			continue;
		rk_diags_add(
			u->csv.diags, RK_SEV_WARNING, t->file, t->line, 1,
			_("teacher '%s' is not in the school file; GPU004 suggests: {id: %s, name: %s%s%s}"),
			t->id, t->id, t->name ? t->name : t->id,
			t->email ? ", email: " : "", t->email ? t->email : "");
	}
}

static void free_untis(struct untis *u)
{
	for (size_t i = 0; i < u->n_unt; i++) {
		free(u->unt[i].lesson);
		free(u->unt[i].teacher);
	}
	free(u->unt);
	for (size_t i = 0; i < u->n_teachers; i++) {
		free(u->teachers[i].id);
		free(u->teachers[i].name);
		free(u->teachers[i].email);
	}
	free(u->teachers);
}

/* GPU002 and GPU004 first: the lessons of GPU001 need what they say. */
static enum rk_status parse_files(struct untis *u, struct file *files, size_t n)
{
	enum rk_status status = RK_OK;
	for (int pass = 0; pass < 2 && status == RK_OK; pass++)
		for (size_t i = 0; i < n && status == RK_OK; i++)
			if (files[i].text &&
			    (files[i].kind == GPU001) == (pass == 1))
				status = parse_file(u, &files[i]);
	return status;
}

enum rk_status rk_timetable_untis_load(struct rk_school *school,
				       const char *path, struct rk_diags *diags)
{
	struct untis u = { .school = school, .csv = { .diags = diags } };
	enum rk_status status = RK_OK;

	if (!school || !path)
		return RK_ERR_ARG;
	const struct rk_timetable_source *src =
		rk_importer_source(school, path);
	size_t n = src && src->n_files ? src->n_files : 1;
	size_t errors = rk_diags_errors(diags);
	struct file *files = calloc(n, sizeof(*files));
	if (!files)
		return RK_ERR_NOMEM;
	u.first_lesson = rk_school_n_lesson(school);
	for (size_t i = 0; i < n && status != RK_ERR_NOMEM; i++) {
		const char *p = src && src->n_files ? src->files[i].path : path;
		enum rk_status st = read_file(&u, p, &files[i]);
		if (st != RK_OK)
			status = st;
	}
	if (status != RK_ERR_NOMEM && parse_files(&u, files, n) != RK_OK)
		status = RK_ERR_NOMEM;
	if (status != RK_ERR_NOMEM)
		suggest_teachers(&u);
	if (status == RK_OK && rk_diags_errors(diags) > errors)
		status = RK_ERR_INPUT;
	for (size_t i = 0; i < n; i++)
		free(files[i].text);
	free(files);
	free_untis(&u);
	return status;
}

/* --- Probe ---------------------------------------------------------------- */

static int probe_record(const struct rk_csv_record *rec, void *data)
{
	bool *match = data;
	int v;
	*match = rec->n >= F1_PERIOD && rec->n < 12 &&
		 parse_number(field(rec, F1_DAY), &v) && v >= 1 && v <= 7 &&
		 parse_number(field(rec, F1_PERIOD), &v);
	return 1;
}

static bool probe(const char *path, const char *head, size_t len)
{
	bool match = false;

	if (!path || !head)
		return false;
	if (kind_by_name(path) >= 0)
		return true;
	if (len >= 3 && !memcmp(head, "\xef\xbb\xbf", 3)) {
		head += 3;
		len -= 3;
	}
	const char *nl = memchr(head, '\n', len);
	size_t first = nl ? (size_t)(nl - head) : len;
	rk_csv_read(NULL, head, first, rk_csv_detect_separator(head, first),
		    probe_record, &match, NULL);
	return match;
}

const struct rk_importer rk_importer_untis = {
	.id = "untis",
	.description = N_(
		"Untis GPU001.TXT (with GPU002.TXT for A/B weeks, GPU004.TXT for names)"),
	.probe = probe,
	.load = rk_timetable_untis_load,
	.needs_grid = true,
};
