#include "config.h"

#include "timetable_fet.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "csvread.h"
#include "date.h"
#include "textfile.h"
#include "i18n.h"

struct fet {
	struct rk_school *school;
	struct rk_diags *diags;
	const struct rk_timetable_source *src; /* NULL: no maps */
	const char *file;		       /* the file being read */
	char **reported; /* names whose problem was reported already */
	size_t n_reported;
	bool nomem;
};

/* Where a day or hour was used, and what the lesson is about. */
struct use {
	int line;
	int day_column;
	int hour_column;
	const char *group;
	const char *subject;
	const char *room;
};

static void report(struct fet *f, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct fet *f, int line, int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rk_diags_vadd(f->diags, RK_SEV_ERROR, f->file, line, column, fmt, ap);
	va_end(ap);
}

/* A missing map entry would be reported on every row that uses the name;
 * once, at its first use, says it all. True when @key was reported. */
static bool reported_before(struct fet *f, const char *key)
{
	for (size_t i = 0; i < f->n_reported; i++)
		if (!strcmp(f->reported[i], key))
			return true;
	char **more = realloc(f->reported,
			      (f->n_reported + 1) * sizeof(*f->reported));
	char *copy = strdup(key);
	if (more)
		f->reported = more;
	if (!more || !copy) {
		free(copy);
		f->nomem = true;
		return true;
	}
	f->reported[f->n_reported++] = copy;
	return false;
}

/* The entry @name of the source's map @key (days or hours), or NULL. */
static const struct rk_option *find_name(const struct fet *f, const char *key,
					 const char *name)
{
	const struct rk_option *map = rk_importer_file_option(f->src, 0, key);
	return map ? rk_option_find(map->items, map->n_items, name) : NULL;
}

static int map_day(struct fet *f, const char *name, const struct use *use)
{
	const struct rk_option *m = find_name(f, "days", name);
	char key[160];
	if (m)
		return m->number;
	int d = rk_weekday_parse(name);
	if (d >= 0)
		return d;
	snprintf(key, sizeof(key), "day\x1f%s", name);
	if (!reported_before(f, key))
		report(f, use->line, use->day_column,
		       _("unknown day '%s': map FET's days to weekdays in the school file (days: {%s: ma, ...})"),
		       name, name);
	return -1;
}

/* "08:25", "8.25" or "9.30 - 11.00": the time the hour starts; -1. */
static int leading_time(const char *name)
{
	char word[6];
	size_t n = 0;
	int minutes;
	while (n < 5 && (isdigit((unsigned char)name[n]) || name[n] == ':' ||
			 name[n] == '.')) {
		word[n] = name[n] == '.' ? ':' : name[n];
		n++;
	}
	word[n] = '\0';
	if (isdigit((unsigned char)name[n]) || !rk_time_parse(word, &minutes))
		return -1;
	return minutes;
}

static int lesuur_number(struct fet *f, const char *name)
{
	const struct rk_option *m = find_name(f, "hours", name);
	int v = 0;
	if (m)
		return m->number;
	if (!name[0] || strspn(name, "0123456789") != strlen(name) ||
	    strlen(name) > 4)
		return -1;
	for (const char *p = name; *p; p++)
		v = v * 10 + (*p - '0');
	return v;
}

static void hour_problem(struct fet *f, const char *name, int weekday,
			 int number, const struct use *use)
{
	char key[200];
	snprintf(key, sizeof(key), "hour\x1f%s\x1f%d", name,
		 number < 0 && leading_time(name) < 0 ? -1 : weekday);
	if (reported_before(f, key))
		return;
	if (number >= 0)
		report(f, use->line, use->hour_column,
		       _("hour '%s' is lesuur %d, which the time grid does not have on %s"),
		       name, number, rk_weekday_name(weekday));
	else if (leading_time(name) >= 0)
		report(f, use->line, use->hour_column,
		       _("hour '%s' starts no lesuur of the time grid on %s"),
		       name, rk_weekday_name(weekday));
	else
		report(f, use->line, use->hour_column,
		       _("unknown hour '%s': map FET's hours to lesuren in the school file (hours: {\"%s\": 1, ...})"),
		       name, name);
}

/* The lesuur of an hour name on @weekday: by the map, by number, or by its
 * start time. */
static const struct rk_lesuur *map_hour(struct fet *f, const char *name,
					int weekday, const struct use *use)
{
	const struct rk_grid *g = rk_school_get_grid(f->school, weekday);
	int number = lesuur_number(f, name);
	int start = number < 0 ? leading_time(name) : -1;

	for (size_t i = 0; g && (number >= 0 || start >= 0) && i < g->n; i++)
		if (number >= 0 ? g->hours[i].number == number
				: g->hours[i].start == start)
			return &g->hours[i];
	hour_problem(f, name, weekday, number, use);
	return NULL;
}

static const char *keep_text(struct fet *f, const char *text, size_t len)
{
	const char *copy;
	if (!text || len == 0)
		return NULL;
	copy = rk_school_strndup(f->school, text, len);
	if (!copy)
		f->nomem = true;
	return copy;
}

/* One lesson per teacher of @teachers ("Joh+Chr"). */
static void add_lessons(struct fet *f, const char *teachers, int weekday,
			const struct rk_lesuur *hour, const struct use *use)
{
	const char *p = teachers;
	while (p && *p && !f->nomem) {
		size_t len = strcspn(p, "+");
		struct rk_lesson l;
		rk_lesson_init(&l);
		l.weekday = weekday;
		l.lesuur = hour->number;
		l.start = hour->start;
		l.end = hour->end;
		l.loc = (struct rk_loc){ f->file, use->line, 1 };
		l.person = (struct rk_ref){ .id = keep_text(f, p, len),
					    .loc = l.loc,
					    .index = -1 };
		l.group = keep_text(f, use->group, strlen(use->group));
		l.subject = keep_text(f, use->subject, strlen(use->subject));
		l.room = keep_text(f, use->room, strlen(use->room));
		struct rk_lesson *slot = rk_school_add_lesson(f->school);
		if (!slot || (len && !l.person.id)) {
			f->nomem = true;
			return;
		}
		*slot = l;
		p += len;
		p += *p == '+';
	}
}

/* Maps a day and hour and adds the lessons of @teachers then. */
static void place(struct fet *f, const char *day, const char *hour,
		  const char *teachers, const struct use *use)
{
	int weekday = map_day(f, day, use);
	const struct rk_lesuur *h =
		weekday >= 0 ? map_hour(f, hour, weekday, use) : NULL;
	if (h && teachers && teachers[0])
		add_lessons(f, teachers, weekday, h, use);
}

/* --- The CSV export ------------------------------------------------------- */

enum col { C_DAY, C_HOUR, C_STUDENTS, C_SUBJECT, C_TEACHERS, C_ROOM, N_COLS };

static const char *const col_names[N_COLS] = {
	"Day", "Hour", "Students Sets", "Subject", "Teachers", "Room",
};

/* FET may reorder or add columns one day: they are found by name. */
struct csv {
	struct fet *f;
	int cols[N_COLS]; /* 0-based; -1 when absent */
	bool header;
	bool stop;
};

static bool read_header(struct csv *c, const struct rk_csv_record *rec)
{
	for (int k = 0; k < N_COLS; k++) {
		c->cols[k] = -1;
		for (size_t i = 0; i < rec->n; i++)
			if (!strcmp(rec->fields[i], col_names[k]))
				c->cols[k] = (int)i;
	}
	for (int k = C_DAY; k <= C_TEACHERS; k++) {
		if (c->cols[k] >= 0 || k == C_STUDENTS || k == C_SUBJECT)
			continue;
		report(c->f, rec->line, 1,
		       _("not a FET timetable export: the header has no '%s' column"),
		       col_names[k]);
		return false;
	}
	return true;
}

static const char *cell(const struct csv *c, const struct rk_csv_record *rec,
			enum col k)
{
	int i = c->cols[k];
	return i >= 0 && (size_t)i < rec->n ? rec->fields[i] : "";
}

static int on_csv_record(const struct rk_csv_record *rec, void *data)
{
	struct csv *c = data;
	if (!c->header) {
		c->header = true;
		c->stop = !read_header(c, rec);
		return c->stop;
	}
	int need = c->cols[C_TEACHERS];
	if (c->cols[C_DAY] > need)
		need = c->cols[C_DAY];
	if (c->cols[C_HOUR] > need)
		need = c->cols[C_HOUR];
	if (rec->n <= (size_t)need) {
		report(c->f, rec->line, 1,
		       _("expected %d fields as in the header, found %zu"),
		       need + 1, rec->n);
		return 0;
	}
	struct use use = {
		.line = rec->line,
		.day_column = c->cols[C_DAY] + 1,
		.hour_column = c->cols[C_HOUR] + 1,
		.group = cell(c, rec, C_STUDENTS),
		.subject = cell(c, rec, C_SUBJECT),
		.room = cell(c, rec, C_ROOM),
	};
	place(c->f, cell(c, rec, C_DAY), cell(c, rec, C_HOUR),
	      cell(c, rec, C_TEACHERS), &use);
	return c->f->nomem;
}

static enum rk_status load_csv(struct fet *f, const char *path)
{
	struct csv c = { .f = f };
	char *text = NULL;
	size_t len;

	enum rk_status status = rk_textfile_read_max(
		path, RK_TEXTFILE_MAX_TIMETABLE, &text, &len);
	if (status == RK_ERR_IO)
		rk_diags_add(f->diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read timetable file: %s"),
			     rk_textfile_strerror(errno));
	if (status != RK_OK)
		return status;
	const char *nl = memchr(text, '\n', len);
	size_t first = nl ? (size_t)(nl - text) : len;
	status = rk_csv_read(f->file, text, len,
			     rk_csv_detect_separator(text, first),
			     on_csv_record, &c, f->diags);
	if (!c.header)
		report(f, 0, 0,
		       _("not a FET timetable export: the file is empty"));
	free(text);
	return status == RK_ERR_NOMEM || f->nomem ? RK_ERR_NOMEM : RK_OK;
}

/* --- The XML: NAME_activities.xml with the .fet file ---------------------- */

static bool is_element(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)node->name, name);
}

static xmlNode *child(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
		if (is_element(c, name))
			return c;
	return NULL;
}

/* The text of @node (trimmed) in @buf; "" when @node is NULL. */
static const char *text_of(const xmlNode *node, char *buf, size_t size)
{
	xmlChar *content = node ? xmlNodeGetContent(node) : NULL;
	const char *s = content ? (const char *)content : "";
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	snprintf(buf, size, "%.*s", (int)len, s);
	xmlFree(content);
	return buf;
}

static int line_of(const xmlNode *node)
{
	long line = xmlGetLineNo(node);
	return line > 0 && line < 1000000000 ? (int)line : 0;
}

/* The file is read by the capped reader (a FIFO or a huge file is refused
 * there), then parsed from memory. No XML_PARSE_NOENT (entities are not
 * substituted), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE (libxml2 keeps its
 * limits on text and nesting), no network. */
static xmlDoc *read_xml(struct fet *f, const char *path, const char *text,
			size_t len)
{
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		f->nomem = true;
		return NULL;
	}
	xmlDoc *doc = len > INT_MAX
			      ? NULL
			      : xmlCtxtReadMemory(
					ctxt, text, (int)len, path, NULL,
					XML_PARSE_NONET | XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[256];
		snprintf(msg, sizeof(msg), "%s",
			 e && e->message ? e->message
					 : _("cannot read the file"));
		msg[strcspn(msg, "\n")] = '\0';
		rk_diags_add(f->diags, RK_SEV_ERROR, f->file, e ? e->line : 0,
			     0, _("XML: %s"), msg);
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* What the .fet file defines: the hours in their order and the activities
 * with their teachers and durations. */
struct fet_data {
	xmlDoc *doc;
	const char *file;
	char **hours;
	size_t n_hours;
	xmlNode **acts;
	int *ids;
	size_t n_acts;
};

static int add_hour(struct fet_data *d, const xmlNode *node)
{
	char name[128];
	char **more = realloc(d->hours, (d->n_hours + 1) * sizeof(*d->hours));
	if (!more)
		return -1;
	d->hours = more;
	d->hours[d->n_hours] = strdup(text_of(node, name, sizeof(name)));
	return d->hours[d->n_hours++] ? 0 : -1;
}

/* FET 5 and later write <Hour><Name>1</Name></Hour>; older files wrote
 * the <Name> elements straight into the list. */
static int load_hours(struct fet_data *d, const xmlNode *root)
{
	const xmlNode *list = child(root, "Hours_List");
	for (xmlNode *c = list ? list->children : NULL; c; c = c->next) {
		const xmlNode *name = is_element(c, "Hour")   ? child(c, "Name")
				      : is_element(c, "Name") ? c
							      : NULL;
		if (name && add_hour(d, name) < 0)
			return -1;
	}
	return 0;
}

static int load_activities(struct fet_data *d, const xmlNode *root)
{
	const xmlNode *list = child(root, "Activities_List");
	size_t n = 0;
	char id[32];
	for (xmlNode *c = list ? list->children : NULL; c; c = c->next)
		n += is_element(c, "Activity");
	d->acts = calloc(n + 1, sizeof(*d->acts));
	d->ids = calloc(n + 1, sizeof(*d->ids));
	if (!d->acts || !d->ids)
		return -1;
	for (xmlNode *c = list ? list->children : NULL; c; c = c->next) {
		if (!is_element(c, "Activity"))
			continue;
		d->acts[d->n_acts] = c;
		d->ids[d->n_acts++] = (int)strtol(
			text_of(child(c, "Id"), id, sizeof(id)), NULL, 10);
	}
	return 0;
}

static void free_data(struct fet_data *d)
{
	for (size_t i = 0; i < d->n_hours; i++)
		free(d->hours[i]);
	free(d->hours);
	free(d->acts);
	free(d->ids);
	if (d->doc)
		xmlFreeDoc(d->doc);
}

/* The texts of every @name child of @node joined by '+', as FET's CSV
 * export joins them. */
static const char *joined(const xmlNode *node, const char *name, char *buf,
			  size_t size)
{
	char one[128];
	size_t len = 0;
	buf[0] = '\0';
	for (xmlNode *c = node->children; c; c = c->next) {
		if (!is_element(c, name))
			continue;
		int n = snprintf(buf + len, size - len, "%s%s", len ? "+" : "",
				 text_of(c, one, sizeof(one)));
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	return buf;
}

static size_t hour_index(const struct fet_data *d, const char *name)
{
	size_t i;
	for (i = 0; i < d->n_hours; i++)
		if (!strcmp(d->hours[i], name))
			break;
	return i;
}

static const xmlNode *find_activity(const struct fet_data *d, int id)
{
	for (size_t i = 0; i < d->n_acts; i++)
		if (d->ids[i] == id)
			return d->acts[i];
	return NULL;
}

/* One <Activity> of NAME_activities.xml: its start, spread over the hours
 * of its duration. */
static void place_activity(struct fet *f, const struct fet_data *d,
			   const xmlNode *a)
{
	char id[32], day[128], hour[128], room[128], buf[32];
	char teachers[1024], students[1024], subject[128];
	struct use use = { .line = line_of(a), .room = room };

	text_of(child(a, "Id"), id, sizeof(id));
	text_of(child(a, "Day"), day, sizeof(day));
	text_of(child(a, "Hour"), hour, sizeof(hour));
	text_of(child(a, "Room"), room, sizeof(room));
	const xmlNode *def = find_activity(d, (int)strtol(id, NULL, 10));
	if (!def) {
		report(f, use.line, 0, _("activity %s is not in %s"), id,
		       d->file);
		return;
	}
	if (!strcmp(text_of(child(def, "Active"), buf, sizeof(buf)), "false"))
		return;
	long duration = strtol(
		text_of(child(def, "Duration"), buf, sizeof(buf)), NULL, 10);
	use.group = joined(def, "Students", students, sizeof(students));
	use.subject = text_of(child(def, "Subject"), subject, sizeof(subject));
	joined(def, "Teacher", teachers, sizeof(teachers));
	size_t first = hour_index(d, hour);
	if (first == d->n_hours) {
		report(f, use.line, 0,
		       _("unknown hour '%s': %s has no such hour"), hour,
		       d->file);
		return;
	}
	for (long k = 0; k < (duration > 0 ? duration : 1) && !f->nomem; k++) {
		if (first + (size_t)k >= d->n_hours) {
			report(f, use.line, 0,
			       _("activity %s runs past the last hour of the day"),
			       id);
			return;
		}
		place(f, day, d->hours[first + (size_t)k], teachers, &use);
	}
}

static void load_placed(struct fet *f, const struct fet_data *d, xmlDoc *doc,
			const char *file)
{
	f->file = file;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *a = root->children; a && !f->nomem; a = a->next)
		if (is_element(a, "Activity"))
			place_activity(f, d, a);
}

/* FET writes NAME_data_and_timetable.fet beside NAME_activities.xml. */
static char *companion(const char *activities)
{
	static const char suffix[] = "_activities.xml";
	static const char fet[] = "_data_and_timetable.fet";
	size_t n = strlen(activities), k = sizeof(suffix) - 1;
	if (n < k || strcmp(activities + n - k, suffix))
		return NULL;
	char *path = malloc(n - k + sizeof(fet));
	if (path)
		snprintf(path, n - k + sizeof(fet), "%.*s%s", (int)(n - k),
			 activities, fet);
	return path;
}

/* The XML files of a source: placed activities and the .fet defining
 * them. */
struct xml_set {
	struct fet_data data;
	xmlDoc **docs;
	const char **files;
	size_t n;
};

static int keep_placed(struct xml_set *x, xmlDoc *doc, const char *file)
{
	xmlDoc **docs = realloc(x->docs, (x->n + 1) * sizeof(*docs));
	if (docs)
		x->docs = docs;
	const char **files = realloc(x->files, (x->n + 1) * sizeof(*files));
	if (files)
		x->files = files;
	if (!docs || !files)
		return -1;
	x->docs[x->n] = doc;
	x->files[x->n++] = file;
	return 0;
}

static int use_data(struct xml_set *x, xmlDoc *doc, const char *file)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	x->data.doc = doc;
	x->data.file = file;
	return load_hours(&x->data, root) < 0 ||
			       load_activities(&x->data, root) < 0
		       ? -1
		       : 0;
}

/* Reads an XML file of the source into @x, by its root element. */
static void read_xml_file(struct fet *f, struct xml_set *x, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	if (rk_textfile_read_max(path, RK_TEXTFILE_MAX_TIMETABLE, &text,
				 &len) != RK_OK) {
		rk_diags_add(f->diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read timetable file: %s"),
			     rk_textfile_strerror(errno));
		return;
	}
	f->file = rk_school_strdup(f->school, path);
	xmlDoc *doc = f->file ? read_xml(f, path, text, len) : NULL;
	free(text);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	int ok = 0;
	f->nomem = f->nomem || !f->file;
	if (!doc)
		return;
	if (is_element(root, "fet") && !x->data.doc)
		ok = use_data(x, doc, f->file);
	else if (is_element(root, "Activities_Timetable"))
		ok = keep_placed(x, doc, f->file);
	else {
		report(f, root ? line_of(root) : 0, 0,
		       _("not a FET file: the root element is <%s>"),
		       root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
	}
	if (ok < 0)
		f->nomem = true;
}

static void need_data(struct fet *f, struct xml_set *x)
{
	char *path = NULL;
	if (x->data.doc || x->n == 0)
		return;
	path = companion(x->files[0]);
	/* Only whether it is there: read_xml_file reads it (or says why it
	 * cannot). */
	if (path && access(path, F_OK) == 0) {
		read_xml_file(f, x, path);
	} else {
		f->file = x->files[0];
		report(f, 0, 0,
		       _("the activities need the .fet file that defines them: add %s to 'files'"),
		       path ? path : "the .fet file");
	}
	free(path);
}

static void load_xml(struct fet *f, struct xml_set *x)
{
	if (!f->nomem)
		need_data(f, x);
	for (size_t i = 0; x->data.doc && i < x->n && !f->nomem; i++)
		load_placed(f, &x->data, x->docs[i], x->files[i]);
	for (size_t i = 0; i < x->n; i++)
		xmlFreeDoc(x->docs[i]);
	free(x->docs);
	free(x->files);
	free_data(&x->data);
}

static bool has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	return n >= k && !strcasecmp(path + n - k, suffix);
}

static void load_file(struct fet *f, struct xml_set *x, const char *path)
{
	if (!has_suffix(path, ".csv")) {
		read_xml_file(f, x, path);
		return;
	}
	f->file = rk_school_strdup(f->school, path);
	if (!f->file || load_csv(f, path) == RK_ERR_NOMEM)
		f->nomem = true;
}

enum rk_status rk_timetable_fet_load(struct rk_school *school, const char *path,
				     struct rk_diags *diags)
{
	struct fet f = { .school = school, .diags = diags };
	struct xml_set x;

	memset(&x, 0, sizeof(x));

	if (!school || !path)
		return RK_ERR_ARG;
	size_t errors = rk_diags_errors(diags);
	f.src = rk_importer_source(school, path);
	size_t n = f.src && f.src->n_files ? f.src->n_files : 1;
	for (size_t i = 0; i < n && !f.nomem; i++)
		load_file(&f, &x,
			  f.src && f.src->n_files ? f.src->files[i].path
						  : path);
	load_xml(&f, &x);
	for (size_t i = 0; i < f.n_reported; i++)
		free(f.reported[i]);
	free(f.reported);
	if (f.nomem || rk_diags_oom(diags))
		return RK_ERR_NOMEM;
	return rk_diags_errors(diags) > errors ? RK_ERR_INPUT : RK_OK;
}

/* --- Probe ---------------------------------------------------------------- */

static bool probe(const char *path, const char *head, size_t len)
{
	static const char *const marks[] = { "\"Activity Id\",\"Day\",\"Hour\"",
					     "<Activities_Timetable>",
					     "<fet version=" };
	if (!path || !head)
		return false;
	if (len >= 3 && !memcmp(head, "\xef\xbb\xbf", 3)) {
		head += 3;
		len -= 3;
	}
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t k = strlen(marks[i]);
		for (size_t at = 0; at + k <= len && at < 512; at++)
			if (!memcmp(head + at, marks[i], k))
				return true;
	}
	return false;
}

/* FET names its days and hours as the school set it up; these map them
 * to weekdays and lesuren (doc/school-file.md). */
static const struct rk_importer_option options[] = {
	{ .key = "days",
	  .shape = RK_OPTION_MAP_WEEKDAY,
	  .where = RK_OPTION_SOURCE,
	  .description = N_("FET's day names to weekdays: {Montag: ma, ...}") },
	{ .key = "hours",
	  .shape = RK_OPTION_MAP_INT,
	  .where = RK_OPTION_SOURCE,
	  .noun = "lesuur",
	  .description =
		  N_("FET's hour names to lesuren: {\"08:25\": 1, ...}") },
	{ .key = NULL },
};

const struct rk_importer rk_importer_fet = {
	.id = "fet",
	.description = N_(
		"FET: NAME_timetable.csv, or NAME_activities.xml with its .fet file"),
	.probe = probe,
	.load = rk_timetable_fet_load,
	.options = options,
	.needs_grid = true,
};
