#include "config.h"

#include "feed_state.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csvread.h"
#include "date.h"
#include "textfile.h"
#include "i18n.h"

struct rk_feed_state {
	struct rk_state_head head; /* the school, the entries' strings */
	struct rk_vec entries;	   /* struct rk_feed_entry */
	/* Entries by UID for rk_feed_state_find, built after reading; NULL
	 * after an add, then find searches linearly. */
	const struct rk_feed_entry **by_uid;
};

/* ------------------------------------------------------------------ */

void rk_tsv_append(struct rk_tsv *t, const char *text, size_t n)
{
	if (t->nomem)
		return;
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *data = realloc(t->data, cap);
		if (!data) {
			t->nomem = true;
			return;
		}
		t->data = data;
		t->cap = cap;
	}
	memcpy(t->data + t->len, text, n);
	t->len += n;
	t->data[t->len] = '\0';
}

void rk_tsv_put(struct rk_tsv *t, const char *text)
{
	rk_tsv_append(t, text, strlen(text));
}

static bool needs_quotes(const char *s)
{
	size_t n = strlen(s);
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		return true;
	return strpbrk(s, "\t\n\r\"") != NULL;
}

void rk_tsv_field(struct rk_tsv *t, const char *text)
{
	if (t->mid_line)
		rk_tsv_append(t, "\t", 1);
	t->mid_line = true;
	if (!text)
		return;
	if (!needs_quotes(text)) {
		rk_tsv_append(t, text, strlen(text));
		return;
	}
	rk_tsv_append(t, "\"", 1);
	const char *q = strchr(text, '"');
	while (q) {
		rk_tsv_append(t, text, (size_t)(q - text) + 1); /* doubled */
		rk_tsv_append(t, "\"", 1);
		text = q + 1;
		q = strchr(text, '"');
	}
	rk_tsv_append(t, text, strlen(text));
	rk_tsv_append(t, "\"", 1);
}

void rk_tsv_fields(struct rk_tsv *t, const char *const *texts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rk_tsv_field(t, texts[i]);
}

void rk_tsv_end_line(struct rk_tsv *t)
{
	rk_tsv_append(t, "\n", 1);
	t->mid_line = false;
}

void rk_tsv_release(struct rk_tsv *t)
{
	free(t->data);
	*t = (struct rk_tsv){ 0 };
}

/* ------------------------------------------------------------------ */

enum rk_status rk_state_head_set_school(struct rk_state_head *head,
					const char *school_id)
{
	char *school = strdup(school_id ? school_id : "");
	if (!school)
		return RK_ERR_NOMEM;
	free(head->school);
	head->school = school;
	return RK_OK;
}

const char *rk_state_head_keep(struct rk_state_head *head, const char *text,
			       bool *nomem)
{
	if (!text)
		text = "";
	const char *copy = rk_arena_strndup(&head->arena, text, strlen(text));
	if (!copy)
		*nomem = true;
	return copy;
}

void rk_state_head_release(struct rk_state_head *head)
{
	free(head->school);
	rk_arena_release(&head->arena);
	*head = (struct rk_state_head){ 0 };
}

/* ------------------------------------------------------------------ */

struct rk_feed_state *rk_feed_state_new(const char *school_id)
{
	struct rk_feed_state *state = calloc(1, sizeof(*state));
	if (state && rk_state_head_set_school(&state->head, school_id)) {
		free(state);
		return NULL;
	}
	return state;
}

void rk_feed_state_free(struct rk_feed_state *state)
{
	if (!state)
		return;
	rk_state_head_release(&state->head);
	free(state->by_uid);
	rk_vec_release(&state->entries);
	free(state);
}

const char *rk_feed_state_school(const struct rk_feed_state *state)
{
	return state->head.school;
}

static const char *keep(struct rk_feed_state *state, const char *text,
			bool *nomem)
{
	return rk_state_head_keep(&state->head, text, nomem);
}

enum rk_status rk_feed_state_add(struct rk_feed_state *state,
				 const struct rk_feed_entry *entry)
{
	struct rk_feed_entry copy = *entry;
	bool nomem = false;
	copy.uid = keep(state, entry->uid, &nomem);
	copy.team = keep(state, entry->team, &nomem);
	copy.participants = keep(state, entry->participants, &nomem);
	copy.former = keep(state, entry->former, &nomem);
	copy.location = keep(state, entry->location, &nomem);
	copy.group = keep(state, entry->group, &nomem);
	copy.title = keep(state, entry->title, &nomem);
	copy.description = keep(state, entry->description, &nomem);
	if (nomem)
		return RK_ERR_NOMEM;
	struct rk_feed_entry *slot = rk_vec_push(&state->entries, sizeof(copy));
	if (!slot)
		return RK_ERR_NOMEM;
	*slot = copy;
	free(state->by_uid);
	state->by_uid = NULL;
	return RK_OK;
}

size_t rk_feed_state_count(const struct rk_feed_state *state)
{
	return state->entries.n;
}

const struct rk_feed_entry *rk_feed_state_get(const struct rk_feed_state *s,
					      size_t i)
{
	return rk_vec_at(&s->entries, i, sizeof(struct rk_feed_entry));
}

static int cmp_uid(const void *a, const void *b)
{
	const struct rk_feed_entry *const *x = a, *const *y = b;
	return strcmp((*x)->uid, (*y)->uid);
}

static int cmp_key(const void *key, const void *elem)
{
	const struct rk_feed_entry *const *e = elem;
	return strcmp(key, (*e)->uid);
}

const struct rk_feed_entry *rk_feed_state_find(
	const struct rk_feed_state *state, const char *uid)
{
	size_t n = state->entries.n;
	if (state->by_uid) {
		const struct rk_feed_entry **hit =
			bsearch(uid, state->by_uid, n, sizeof(*hit), cmp_key);
		return hit ? *hit : NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const struct rk_feed_entry *e = rk_feed_state_get(state, i);
		if (!strcmp(e->uid, uid))
			return e;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Writing */

void rk_tsv_int(struct rk_tsv *t, long long value)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", value);
	rk_tsv_field(t, buf);
}

void rk_tsv_time(struct rk_tsv *t, int minutes)
{
	char buf[RK_TIME_BUFSIZE];
	if (minutes < 0) {
		rk_tsv_field(t, NULL);
		return;
	}
	rk_time_format(minutes, buf);
	rk_tsv_field(t, buf);
}

void rk_tsv_date(struct rk_tsv *t, int date)
{
	char buf[RK_DATE_BUFSIZE];
	rk_date_format(date, buf);
	rk_tsv_field(t, buf);
}

/* As in iCalendar, "20260901T120000Z": readable, and exact. */
static void put_stamp(struct rk_tsv *t, long long stamp)
{
	long long days =
		stamp >= 0 ? stamp / 86400 : -((-stamp + 86399) / 86400);
	long long secs = stamp - days * 86400;
	int y, m, d;
	rk_date_to_ymd((int)days, &y, &m, &d);
	char buf[40];
	snprintf(buf, sizeof(buf), "%04d%02d%02dT%02d%02d%02dZ", y, m, d,
		 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	rk_tsv_field(t, buf);
}

void rk_feed_state_put_entry(struct rk_tsv *t, const struct rk_feed_entry *e)
{
	char hash[17];
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)e->hash);
	rk_tsv_field(t, "event");
	rk_tsv_field(t, e->uid);
	rk_tsv_field(t, e->cancelled ? "cancelled" : "confirmed");
	rk_tsv_field(t, hash);
	rk_tsv_int(t, e->sequence);
	put_stamp(t, e->dtstamp);
	rk_tsv_field(t, rk_event_kind_name(e->kind));
	rk_tsv_date(t, e->date);
	rk_tsv_time(t, e->start);
	rk_tsv_time(t, e->start < 0 ? -1 : e->end);
	rk_tsv_date(t, e->opens);
	const char *texts[] = { e->team,       e->participants, e->former,
				e->location,   e->group,	e->title,
				e->description };
	rk_tsv_fields(t, texts, sizeof(texts) / sizeof(*texts));
	rk_tsv_end_line(t);
}

void rk_feed_state_put_header(struct rk_tsv *t, const char *school)
{
	rk_tsv_field(t, "state");
	rk_tsv_int(t, RK_FEED_STATE_VERSION);
	rk_tsv_field(t, school);
	rk_tsv_end_line(t);
}

enum rk_status rk_feed_state_write(const struct rk_feed_state *state,
				   const char *path)
{
	struct rk_tsv t = { 0 };
	rk_feed_state_put_header(&t, state->head.school);
	for (size_t i = 0; i < state->entries.n; i++)
		rk_feed_state_put_entry(&t, rk_feed_state_get(state, i));
	enum rk_status status = RK_ERR_NOMEM;
	if (!t.nomem)
		status = rk_textfile_write_staged(path, t.data, t.len);
	rk_tsv_release(&t);
	return status;
}

/* ------------------------------------------------------------------ */
/* Reading */

enum {
	F_TAG,
	F_UID,
	F_STATUS,
	F_HASH,
	F_SEQ,
	F_STAMP,
	F_KIND,
	F_DATE,
	F_START,
	F_END,
	F_OPENS,
	F_TEAM,
	F_PARTS,
	F_FORMER,
	F_LOCATION,
	F_GROUP,
	F_TITLE,
	F_DESCRIPTION,
	N_FIELDS
};

struct reader {
	const char *path;
	struct rk_feed_state *state;
	struct rk_diags *diags;
	const struct rk_csv_record *rec;
	bool header; /* the state line was read */
	bool errors;
	bool nomem;
	int *lines; /* [entry]: its line, for a UID given twice */
	size_t cap_lines;
};

static void report(struct reader *r, int field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An error in field @field (0-based) of the record being read. */
static void report(struct reader *r, int field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rk_diags_add(r->diags, RK_SEV_ERROR, r->path, r->rec->line, field + 1,
		     "%s", msg);
	r->errors = true;
}

/* A decimal number without sign, as the writer writes it. */
static bool parse_number(const char *s, long long max, long long *out)
{
	long long value = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		value = value * 10 + (*s - '0');
		if (value > max)
			return false;
	}
	*out = value;
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static bool parse_hash(const char *s, uint64_t *out)
{
	uint64_t value = 0;
	size_t n = 0;
	for (; s[n]; n++) {
		int d = hex_digit(s[n]);
		if (d < 0 || n >= 16)
			return false;
		value = value << 4 | (uint64_t)d;
	}
	*out = value;
	return n == 16;
}

/* @n decimal digits of @s. */
static bool digits(const char *s, int n, int *out)
{
	int value = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		value = value * 10 + (s[i] - '0');
	}
	*out = value;
	return true;
}

/* "20260901T120000Z" */
static bool parse_stamp(const char *s, long long *out)
{
	int y, mo, d, h, mi, sec;
	if (strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z' ||
	    !digits(s, 4, &y) || !digits(s + 4, 2, &mo) ||
	    !digits(s + 6, 2, &d) || !digits(s + 9, 2, &h) ||
	    !digits(s + 11, 2, &mi) || !digits(s + 13, 2, &sec))
		return false;
	if (!rk_date_valid_ymd(y, mo, d) || h > 23 || mi > 59 || sec > 60)
		return false;
	*out = (long long)rk_date_from_ymd(y, mo, d) * 86400 + h * 3600 +
	       mi * 60 + sec;
	return true;
}

/* Each get_ and read_ function reports what it cannot read; reporting
 * marks the reader, which then adds no more entries. */
static void get_time(struct reader *r, int field, int *out)
{
	const char *s = r->rec->fields[field];
	*out = -1;
	if (*s && !rk_time_parse(s, out))
		report(r, field, _("bad time '%s'"), s);
}

static void get_date(struct reader *r, int field, int *out)
{
	const char *s = r->rec->fields[field];
	if (!rk_date_parse(s, out))
		report(r, field, _("bad date '%s'"), s);
}

/* The fields that say how the event was published. */
static void read_publication(struct reader *r, struct rk_feed_entry *e)
{
	const char *const *f = r->rec->fields;
	long long seq = 0;
	e->cancelled = !strcmp(f[F_STATUS], "cancelled");
	if (!e->cancelled && strcmp(f[F_STATUS], "confirmed"))
		report(r, F_STATUS, _("bad status '%s'"), f[F_STATUS]);
	if (!parse_hash(f[F_HASH], &e->hash))
		report(r, F_HASH, _("bad hash '%s'"), f[F_HASH]);
	if (!parse_number(f[F_SEQ], 1000000, &seq))
		report(r, F_SEQ, _("bad sequence '%s'"), f[F_SEQ]);
	e->sequence = (int)seq;
	if (!parse_stamp(f[F_STAMP], &e->dtstamp))
		report(r, F_STAMP, _("bad time stamp '%s'"), f[F_STAMP]);
}

static void read_event_fields(struct reader *r, struct rk_feed_entry *e)
{
	const char *const *f = r->rec->fields;
	read_publication(r, e);
	int kind = rk_event_kind_parse(f[F_KIND]);
	if (kind < 0)
		report(r, F_KIND, _("unknown event kind '%s'"), f[F_KIND]);
	e->kind = kind < 0 ? RK_EV_EXTERNAL : (enum rk_event_kind)kind;
	get_date(r, F_DATE, &e->date);
	get_time(r, F_START, &e->start);
	get_time(r, F_END, &e->end);
	get_date(r, F_OPENS, &e->opens);
	/* A UID given twice is found once all are read (sorted), not by a
	 * search per line: a large school's state has 40,000 lines. */
	if (!*f[F_UID])
		report(r, F_UID, _("empty UID"));
	e->uid = f[F_UID];
	e->team = f[F_TEAM];
	e->participants = f[F_PARTS];
	e->former = f[F_FORMER];
	e->location = f[F_LOCATION];
	e->group = f[F_GROUP];
	e->title = f[F_TITLE];
	e->description = f[F_DESCRIPTION];
}

static void read_header(struct reader *r)
{
	const struct rk_csv_record *rec = r->rec;
	long long version;
	r->header = true;
	if (rec->n != 3 || strcmp(rec->fields[0], "state")) {
		report(r, 0, _("expected 'state', version, school"));
		return;
	}
	if (!parse_number(rec->fields[1], 1000, &version) ||
	    version != RK_FEED_STATE_VERSION) {
		report(r, 1, _("version '%s'; this ritmiek reads version %d"),
		       rec->fields[1], RK_FEED_STATE_VERSION);
		return;
	}
	if (rk_state_head_set_school(&r->state->head, rec->fields[2]))
		r->nomem = true;
}

static int on_record(const struct rk_csv_record *rec, void *data)
{
	struct reader *r = data;
	r->rec = rec;
	if (!r->header) {
		read_header(r);
		return r->nomem;
	}
	if (rec->n != N_FIELDS || strcmp(rec->fields[0], "event")) {
		report(r, 0,
		       _("expected an 'event' line of %d fields, got %zu"),
		       N_FIELDS, rec->n);
		return 0;
	}
	struct rk_feed_entry e = { 0 };
	read_event_fields(r, &e);
	if (!r->errors && rk_feed_state_add(r->state, &e) != RK_OK)
		r->nomem = true;
	size_t n = r->state->entries.n;
	if (!r->errors && !r->nomem && n > r->cap_lines) {
		size_t cap = r->cap_lines ? r->cap_lines * 2 : 1024;
		int *lines = realloc(r->lines, cap * sizeof(*lines));
		r->nomem = !lines;
		r->lines = lines ? lines : r->lines;
		r->cap_lines = lines ? cap : r->cap_lines;
	}
	if (!r->errors && !r->nomem)
		r->lines[n - 1] = rec->line;
	return r->nomem;
}

static enum rk_status index_by_uid(struct rk_feed_state *state)
{
	size_t n = state->entries.n;
	const struct rk_feed_entry **by_uid =
		calloc(n ? n : 1, sizeof(*by_uid));
	if (!by_uid)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		by_uid[i] = rk_feed_state_get(state, i);
	qsort(by_uid, n, sizeof(*by_uid), cmp_uid);
	state->by_uid = by_uid;
	return RK_OK;
}

/* With the index sorted, a UID given twice sits next to itself. */
static enum rk_status check_twice(struct reader *r)
{
	const struct rk_feed_state *state = r->state;
	const struct rk_feed_entry *base = rk_feed_state_get(state, 0);
	for (size_t i = 1; i < state->entries.n; i++) {
		const struct rk_feed_entry *a = state->by_uid[i - 1];
		const struct rk_feed_entry *b = state->by_uid[i];
		if (strcmp(a->uid, b->uid))
			continue;
		/* Report the later line, as a reader would meet it. */
		size_t ia = (size_t)(a - base), ib = (size_t)(b - base);
		rk_diags_add(r->diags, RK_SEV_ERROR, r->path,
			     r->lines[ia > ib ? ia : ib], F_UID + 1,
			     _("UID '%s' twice"), b->uid);
		r->errors = true;
	}
	return r->errors ? RK_ERR_INPUT : RK_OK;
}

static enum rk_status parse_text(const char *path, const char *text, size_t len,
				 void *data, struct rk_diags *diags)
{
	struct rk_feed_state *state = data;
	struct reader r = { .path = path, .state = state, .diags = diags };
	enum rk_status status =
		rk_csv_read(path, text, len, '\t', on_record, &r, diags);
	if (r.nomem)
		return RK_ERR_NOMEM;
	if (status == RK_OK && !r.header && len > 0)
		status = RK_ERR_INPUT;
	if (status == RK_OK && r.errors)
		status = RK_ERR_INPUT;
	if (status == RK_OK)
		status = index_by_uid(state);
	if (status == RK_OK)
		status = check_twice(&r);
	free(r.lines);
	return status;
}

enum rk_status rk_state_file_read(const char *path, const char *cannot_read,
				  rk_state_parse_fn *parse, void *data,
				  struct rk_diags *diags)
{
	char *text = NULL;
	size_t len = 0;
	enum rk_status status = rk_textfile_read(path, &text, &len);
	if (status == RK_ERR_IO && errno == ENOENT)
		return RK_OK; /* the first run: nothing was published yet */
	if (status == RK_ERR_IO)
		rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0, "%s: %s",
			     cannot_read, rk_textfile_strerror(errno));
	if (status == RK_OK)
		status = parse(path, text, len, data, diags);
	free(text);
	return status;
}

enum rk_status rk_feed_state_read(const char *path, struct rk_feed_state **out,
				  struct rk_diags *diags)
{
	struct rk_feed_state *state = rk_feed_state_new("");
	enum rk_status status =
		state ? rk_state_file_read(path,
					   _("cannot read the feed state"),
					   parse_text, state, diags)
		      : RK_ERR_NOMEM;
	if (status != RK_OK) {
		rk_feed_state_free(state);
		state = NULL;
	}
	*out = state;
	return status;
}
