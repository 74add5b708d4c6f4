#include "config.h"

#include "push.h"

#include <errno.h>
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "caldav.h"
#include "csvread.h"
#include "hash.h"
#include "push_state.h"
#include "textfile.h"
#include "i18n.h"

#define PRODID	  "-//ritmiek//ritmiek " PACKAGE_VERSION "//NL"
#define PLAN_PROP "X-RITMIEK-PLAN"
#define UID_TAIL  "@ritmiek"

/* A feed of index.tsv. */
struct target {
	unsigned kind; /* RK_PUSH_* */
	const char *id;
	const char *name;
	const char *feed; /* path */
};

/* One event as it is to be on the server. */
struct resource {
	const char *uid;
	const char *name; /* URL-encoded "<uid>.ics" */
	const char *summary;
	char *body; /* from libical, freed with icalmemory_free_buffer */
	char hash[17];
};

/* A member of a collection as the server listed it at the start. */
struct remote {
	const char *name; /* URL-encoded, as push.state has it */
	const char *etag;
};

enum col_step {
	COL_WAITING, /* for its first answer(s) */
	COL_READY,   /* its events are being sent */
	COL_DONE,    /* every event has had its request */
	COL_FAILED   /* not usable: nothing more is sent to it */
};

struct collection {
	const char *url;
	const char *displayname;
	struct rk_vec feeds;	 /* const char * */
	struct rk_vec resources; /* struct resource */
	const char **uids;	 /* sorted, for the deletes */
	enum col_step step;
	bool checked;	       /* @remote is what the server has */
	struct remote *remote; /* sorted by name */
	size_t n_remote;
	size_t next_res;  /* the next resource to look at */
	size_t next_slot; /* the next state slot to look at for deletes */
};

struct ctx {
	const struct rk_push_options *o;
	struct rk_http *http;
	struct rk_push_report *report;
	struct rk_diags *diags;
	struct rk_arena arena;
	const char *school;
	const char *index_path;
	struct rk_vec targets; /* struct target */
	struct rk_vec cols;    /* struct collection */
	struct rk_push_state *state;
	const char *state_path;
	size_t done;
	size_t total;
	bool dirty;	    /* the state changed since it was last written */
	size_t unsaved;	    /* changes since then */
	struct rk_vec fups; /* struct followup, after the parallel part */
	bool nomem;
};

static const char *keep(struct ctx *c, const char *text)
{
	const char *copy = rk_arena_strndup(&c->arena, text, strlen(text));
	if (!copy)
		c->nomem = true;
	return copy;
}

static const char *keep_join(struct ctx *c, const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *text = rk_arena_alloc(&c->arena, na + nb + 1, 1);
	if (!text) {
		c->nomem = true;
		return NULL;
	}
	memcpy(text, a, na);
	memcpy(text + na, b, nb + 1);
	return text;
}

static void note(struct ctx *c, enum rk_push_what what, const char *col,
		 const struct resource *r, const char *uid, const char *message)
{
	if (!c->o->note)
		return;
	struct rk_push_note n = { what, c->o->dry_run, col,	NULL,	 uid,
				  NULL, message,       c->done, c->total };
	if (r) {
		n.name = r->name;
		n.uid = r->uid;
		n.summary = r->summary;
	}
	c->o->note(c->o->note_data, &n);
}

/* ---- index.tsv ---- */

struct index_reader {
	struct ctx *c;
	bool header;
	size_t errors;
};

static unsigned kind_of(const char *word)
{
	static const char *const words[] = { "school", "role", "team",
					     "person" };
	for (unsigned i = 0; i < 4; i++)
		if (!strcmp(word, words[i]))
			return 1u << i;
	return 0;
}

static int on_index(const struct rk_csv_record *rec, void *data)
{
	struct index_reader *r = data;
	struct ctx *c = r->c;
	const char *const *f = rec->fields;
	if (!r->header) {
		r->header = true;
		if (rec->n == 4 && !strcmp(f[0], "kind"))
			return 0;
	}
	unsigned kind = rec->n == 4 ? kind_of(f[0]) : 0;
	if (!kind || !*f[1] || !*f[3]) {
		rk_diags_add(c->diags, RK_SEV_ERROR, c->index_path, rec->line,
			     1,
			     _("expected kind (school, role, team or "
			       "person), id, name and feed file"));
		r->errors++;
		return 0;
	}
	struct target *t = rk_vec_push(&c->targets, sizeof(*t));
	if (!t) {
		c->nomem = true;
		return 1;
	}
	t->kind = kind;
	t->id = keep(c, f[1]);
	t->name = keep(c, *f[2] ? f[2] : f[1]);
	t->feed = f[3][0] == '/' ? keep(c, f[3])
				 : keep_join(c, c->o->plan_dir, "/");
	if (t->feed && f[3][0] != '/')
		t->feed = keep_join(c, t->feed, f[3]);
	if (kind == RK_PUSH_SCHOOL && !c->school)
		c->school = t->id;
	return c->nomem;
}

static enum rk_status read_index(struct ctx *c)
{
	char *text = NULL;
	size_t len = 0;
	c->index_path = keep_join(c, c->o->plan_dir, "/index.tsv");
	if (!c->index_path)
		return RK_ERR_NOMEM;
	if (rk_textfile_read(c->index_path, &text, &len) != RK_OK) {
		rk_diags_add(c->diags, RK_SEV_ERROR, c->index_path, 0, 0,
			     _("cannot read the feed index: %s (write the "
			       "feeds with 'ritmiek plan' or 'ritmiek feeds')"),
			     strerror(errno));
		return RK_ERR_INPUT;
	}
	struct index_reader r = { c, false, 0 };
	enum rk_status status = rk_csv_read(c->index_path, text, len, '\t',
					    on_index, &r, c->diags);
	free(text);
	if (c->nomem)
		return RK_ERR_NOMEM;
	if (status == RK_OK && r.errors)
		status = RK_ERR_INPUT;
	if (status == RK_OK && !c->school) {
		rk_diags_add(c->diags, RK_SEV_ERROR, c->index_path, 0, 0,
			     _("no 'school' line: which school is this?"));
		status = RK_ERR_INPUT;
	}
	return status;
}

/* ---- collections from the URL template ---- */

/* @url with @key replaced by the URL-encoded @value everywhere. */
static const char *replace(struct ctx *c, const char *url, const char *key,
			   const char *value)
{
	const char *at = url ? strstr(url, key) : NULL;
	if (!at)
		return url;
	char *enc = rk_caldav_encode_segment(value);
	if (!enc) {
		c->nomem = true;
		return NULL;
	}
	size_t head = (size_t)(at - url), n_enc = strlen(enc);
	const char *rest = at + strlen(key);
	char *text =
		rk_arena_alloc(&c->arena, head + n_enc + strlen(rest) + 1, 1);
	if (text) {
		memcpy(text, url, head);
		memcpy(text + head, enc, n_enc);
		memcpy(text + head + n_enc, rest, strlen(rest) + 1);
	} else {
		c->nomem = true;
	}
	free(enc);
	return text ? replace(c, text, key, value) : NULL;
}

static bool has_placeholder(const char *url)
{
	return strstr(url, "{id}") || strstr(url, "{email}");
}

/* The collection URL of @t, ending in '/'; NULL when it has none (a
 * warning or error in @diags says why; *@bad set for an error). */
static const char *url_of(struct ctx *c, const struct target *t, bool *bad)
{
	const char *url = replace(c, c->o->url, "{id}", t->id);
	if (url && strstr(url, "{email}")) {
		const char *email =
			t->kind == RK_PUSH_PERSON && c->o->email_of
				? c->o->email_of(c->o->email_data, t->id)
				: NULL;
		if (!email || !*email) {
			rk_diags_add(c->diags, RK_SEV_WARNING, NULL, 0, 0,
				     _("%s '%s' has no e-mail address for "
				       "{email} in the URL: not pushed"),
				     t->kind == RK_PUSH_PERSON ? "person"
							       : "feed",
				     t->id);
			return NULL;
		}
		url = replace(c, url, "{email}", email);
	}
	if (url && url[strlen(url) - 1] != '/')
		url = keep_join(c, url, "/");
	char why[160];
	if (url && !rk_http_url_ok(url, why, sizeof(why))) {
		rk_diags_add(c->diags, RK_SEV_ERROR, NULL, 0, 0, "%s: %s", url,
			     why);
		*bad = true;
		return NULL;
	}
	return url;
}

static struct collection *collection_for(struct ctx *c, const char *url,
					 const struct target *t)
{
	for (size_t i = 0; i < c->cols.n; i++) {
		struct collection *col =
			rk_vec_at(&c->cols, i, sizeof(struct collection));
		if (!strcmp(col->url, url))
			return col;
	}
	struct collection *col = rk_vec_push(&c->cols, sizeof(*col));
	if (!col) {
		c->nomem = true;
		return NULL;
	}
	col->url = url;
	/* Targets sharing a collection: the first one names it. */
	col->displayname = keep_join(c, "leerKRACHT: ", t->name);
	return col;
}

static enum rk_status group_targets(struct ctx *c)
{
	unsigned want = c->o->targets;
	if (!want)
		want = has_placeholder(c->o->url) ? RK_PUSH_PERSON
						  : RK_PUSH_SCHOOL;
	bool bad = false;
	for (size_t i = 0; i < c->targets.n && !c->nomem; i++) {
		const struct target *t = rk_vec_at(&c->targets, i, sizeof(*t));
		if (!(t->kind & want))
			continue;
		const char *url = url_of(c, t, &bad);
		struct collection *col = url ? collection_for(c, url, t) : NULL;
		const char **feed =
			col ? rk_vec_push(&col->feeds, sizeof(*feed)) : NULL;
		if (col && !feed)
			c->nomem = true;
		if (feed)
			*feed = t->feed;
	}
	c->report->collections = c->cols.n;
	if (c->nomem)
		return RK_ERR_NOMEM;
	return bad ? RK_ERR_INPUT : RK_OK;
}

/* ---- resources from the feeds ---- */

static void hash_hex(const char *data, char out[17])
{
	snprintf(out, 17, "%016llx",
		 (unsigned long long)rk_fnv1a(data, strlen(data)));
}

static enum rk_status content_hash(const char *text, char out[17]);

/* The time zones of a feed. (Collected before its events are walked:
 * libical's walk through the parts of a component is one per component.) */
#define MAX_ZONES 8
struct zones {
	icalcomponent *tz[MAX_ZONES];
	size_t n;
};

/* The calendar object of one event: @event with the time zones of its feed
 * and the plan marker, without the feed's METHOD (RFC 4791, 4.1). */
static char *resource_text(const struct ctx *c, const struct zones *zones,
			   icalcomponent *event)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	if (!cal)
		return NULL;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(PRODID));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	for (size_t i = 0; i < zones->n; i++)
		icalcomponent_add_component(
			cal, icalcomponent_new_clone(zones->tz[i]));
	icalcomponent *ev = icalcomponent_new_clone(event);
	icalproperty *mark = icalproperty_new_x(c->school);
	if (mark) {
		icalproperty_set_x_name(mark, PLAN_PROP);
		icalcomponent_add_property(ev, mark);
	}
	icalcomponent_add_component(cal, ev);
	char *text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return text;
}

static bool has_uid(const struct collection *col, const char *uid)
{
	for (size_t i = 0; i < col->resources.n; i++) {
		const struct resource *r =
			rk_vec_at(&col->resources, i, sizeof(*r));
		if (!strcmp(r->uid, uid))
			return true;
	}
	return false;
}

static enum rk_status add_event(struct ctx *c, struct collection *col,
				const struct zones *zones, icalcomponent *event)
{
	const char *uid = icalcomponent_get_uid(event);
	if (!uid || !*uid || has_uid(col, uid))
		return RK_OK;
	struct resource *r = rk_vec_push(&col->resources, sizeof(*r));
	if (!r)
		return RK_ERR_NOMEM;
	r->uid = keep(c, uid);
	const char *summary = icalcomponent_get_summary(event);
	r->summary = keep(c, summary ? summary : "");
	char *enc = rk_caldav_encode_segment(uid);
	r->name = enc ? keep_join(c, enc, ".ics") : NULL;
	free(enc);
	r->body = resource_text(c, zones, event);
	if (!r->uid || !r->summary || !r->name || !r->body)
		return RK_ERR_NOMEM;
	return content_hash(r->body, r->hash);
}

static enum rk_status load_feed(struct ctx *c, struct collection *col,
				const char *path)
{
	char *text = NULL;
	if (rk_textfile_read(path, &text, NULL) != RK_OK) {
		rk_diags_add(c->diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read the feed: %s"), strerror(errno));
		return RK_ERR_INPUT;
	}
	icalcomponent *feed = icalparser_parse_string(text);
	free(text);
	if (!feed || icalcomponent_isa(feed) != ICAL_VCALENDAR_COMPONENT) {
		rk_diags_add(c->diags, RK_SEV_ERROR, path, 0, 0,
			     _("not an iCalendar feed"));
		if (feed)
			icalcomponent_free(feed);
		return RK_ERR_INPUT;
	}
	enum rk_status status = RK_OK;
	struct zones zones = { { NULL }, 0 };
	for (icalcomponent *tz = icalcomponent_get_first_component(
		     feed, ICAL_VTIMEZONE_COMPONENT);
	     tz && zones.n < MAX_ZONES; tz = icalcomponent_get_next_component(
						feed, ICAL_VTIMEZONE_COMPONENT))
		zones.tz[zones.n++] = tz;
	for (icalcomponent *ev = icalcomponent_get_first_component(
		     feed, ICAL_VEVENT_COMPONENT);
	     ev && status == RK_OK;
	     ev = icalcomponent_get_next_component(feed, ICAL_VEVENT_COMPONENT))
		status = add_event(c, col, &zones, ev);
	icalcomponent_free(feed);
	return status;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum rk_status load_collection(struct ctx *c, struct collection *col)
{
	enum rk_status status = RK_OK;
	for (size_t i = 0; i < col->feeds.n; i++) {
		const char **feed = rk_vec_at(&col->feeds, i, sizeof(*feed));
		enum rk_status s = load_feed(c, col, *feed);
		if (s != RK_OK && status != RK_ERR_NOMEM)
			status = s;
	}
	size_t n = col->resources.n;
	col->uids = rk_arena_alloc(&c->arena, n ? n : 1, sizeof(*col->uids));
	if (!col->uids)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		col->uids[i] =
			((const struct resource *)rk_vec_at(
				 &col->resources, i, sizeof(struct resource)))
				->uid;
	qsort(col->uids, n, sizeof(*col->uids), cmp_str);
	c->total += n;
	return status;
}

/* ---- comparing with what the server holds ---- */

/* An event as the server has it. */
struct found {
	char *uid;
	char *plan;   /* the X-RITMIEK-PLAN value, or NULL */
	char *normal; /* see normal_form */
};

static void found_release(struct found *f)
{
	free(f->uid);
	free(f->plan);
	free(f->normal);
	memset(f, 0, sizeof(*f));
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the unfolded property lines of @comp and its parts to @lines. */
static void collect_lines(icalcomponent *comp, const char *path,
			  struct rk_vec *lines, bool *nomem)
{
	for (icalproperty *p =
		     icalcomponent_get_first_property(comp, ICAL_ANY_PROPERTY);
	     p && !*nomem;
	     p = icalcomponent_get_next_property(comp, ICAL_ANY_PROPERTY)) {
		if (icalproperty_isa(p) == ICAL_XLICERROR_PROPERTY)
			continue;
		char *text = icalproperty_as_ical_string_r(p);
		size_t n = text ? strlen(path) + strlen(text) + 2 : 0;
		char *line = text ? malloc(n) : NULL;
		char **slot = line ? rk_vec_push(lines, sizeof(*slot)) : NULL;
		if (!slot) {
			*nomem = true;
			free(line);
			icalmemory_free_buffer(text);
			return;
		}
		size_t k = (size_t)snprintf(line, n, "%s:", path);
		for (const char *s = text; *s; s++) {
			/* Unfold, and drop the line ends. */
			if (*s == '\r' ||
			    (*s == '\n' && (s[1] == ' ' || s[1] == '\t'))) {
				if (*s == '\n')
					s++;
				continue;
			}
			if (*s != '\n')
				line[k++] = *s;
		}
		line[k] = '\0';
		*slot = line;
		icalmemory_free_buffer(text);
	}
	for (icalcomponent *sub = icalcomponent_get_first_component(
		     comp, ICAL_ANY_COMPONENT);
	     sub && !*nomem;
	     sub = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
		collect_lines(
			sub,
			icalcomponent_kind_to_string(icalcomponent_isa(sub)),
			lines, nomem);
}

/* The event's property lines, sorted and joined: equal for two copies of
 * an event that differ only in the order of lines, in folding, or in what
 * a server puts around the event. */
static char *normal_form(icalcomponent *event)
{
	struct rk_vec lines = { 0 };
	bool nomem = false;
	collect_lines(event, "VEVENT", &lines, &nomem);
	char **items = lines.items;
	size_t total = 1;
	for (size_t i = 0; i < lines.n; i++)
		total += strlen(items[i]) + 1;
	char *text = nomem ? NULL : malloc(total);
	if (text) {
		qsort(items, lines.n, sizeof(*items), cmp_line);
		size_t k = 0;
		for (size_t i = 0; i < lines.n; i++) {
			size_t n = strlen(items[i]);
			memcpy(text + k, items[i], n);
			text[k + n] = '\n';
			k += n + 1;
		}
		text[k] = '\0';
	}
	for (size_t i = 0; i < lines.n; i++)
		free(items[i]);
	rk_vec_release(&lines);
	return text;
}

static char *plan_of(icalcomponent *event)
{
	for (icalproperty *p =
		     icalcomponent_get_first_property(event, ICAL_X_PROPERTY);
	     p; p = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)) {
		const char *name = icalproperty_get_x_name(p);
		const char *value = icalproperty_get_x(p);
		if (name && !strcmp(name, PLAN_PROP) && value)
			return strdup(value);
	}
	return NULL;
}

/* Reads the first event of the calendar object @text. RK_ERR_INPUT when
 * there is none. */
static enum rk_status read_found(const char *text, struct found *f)
{
	memset(f, 0, sizeof(*f));
	icalcomponent *cal = text ? icalparser_parse_string(text) : NULL;
	icalcomponent *ev = NULL;
	if (cal && icalcomponent_isa(cal) == ICAL_VEVENT_COMPONENT)
		ev = cal;
	else if (cal)
		ev = icalcomponent_get_first_component(cal,
						       ICAL_VEVENT_COMPONENT);
	const char *uid = ev ? icalcomponent_get_uid(ev) : NULL;
	enum rk_status status = RK_ERR_INPUT;
	if (uid) {
		f->uid = strdup(uid);
		f->plan = plan_of(ev);
		f->normal = normal_form(ev);
		status = f->uid && f->normal ? RK_OK : RK_ERR_NOMEM;
	}
	if (cal)
		icalcomponent_free(cal);
	if (status != RK_OK)
		found_release(f);
	return status;
}

/* The hash push.state keeps of the event in the calendar object @text:
 * of its normal form, so that the server's copy of what was put has the
 * same hash, however the server stored it. */
static enum rk_status content_hash(const char *text, char out[17])
{
	struct found f;
	enum rk_status status = read_found(text, &f);
	if (status == RK_OK)
		hash_hex(f.normal, out);
	else if (status == RK_ERR_INPUT)
		/* No event: its hash is no event's. */
		hash_hex(text ? text : "", out);
	found_release(&f);
	return status == RK_ERR_NOMEM ? status : RK_OK;
}

static bool ours(const struct ctx *c, const struct found *f)
{
	size_t n = strlen(f->uid), tail = strlen(UID_TAIL);
	return n > tail && !strcmp(f->uid + n - tail, UID_TAIL) && f->plan &&
	       !strcmp(f->plan, c->school);
}

/* Whether the server's copy @f is what we would put as @r. */
static bool same_event(const struct resource *r, const struct found *f)
{
	struct found mine;
	if (read_found(r->body, &mine) != RK_OK)
		return false;
	bool same = !strcmp(mine.normal, f->normal);
	found_release(&mine);
	return same;
}

/* Whether the server's copy @f is still the event ritmiek put last, whose
 * hash push.state has as @pushed (NULL or "" when unknown: never). */
static bool as_pushed(const char *pushed, const struct found *f)
{
	char hash[17];
	if (!pushed || !*pushed)
		return false;
	hash_hex(f->normal, hash);
	return !strcmp(hash, pushed);
}

/* ---- talking to the server ---- */

/* What became of one event. */
enum done {
	DONE_CREATED,
	DONE_UPDATED,
	DONE_DELETED,
	DONE_ADOPTED,
	DONE_RESTORED,
	DONE_UNCHANGED,
	DONE_CONFLICT,
	DONE_FAILED,
	DONE_STOPPED
};

static void stop(struct ctx *c, const char *url,
		 const struct rk_caldav_result *res, bool refused)
{
	struct rk_push_report *rep = c->report;
	if (!rep->stopped) {
		rep->stopped = true;
		rep->refused = refused;
		snprintf(rep->stop_url, sizeof(rep->stop_url), "%s", url);
		snprintf(rep->stop_reason, sizeof(rep->stop_reason), "%s",
			 res->message[0] ? res->message : _("no answer"));
	}
	rk_http_stop(c->http);
}

/* Whether the push must stop after this answer: out of memory, no answer
 * (after the retries), or an account the server refuses. */
static bool must_stop(struct ctx *c, enum rk_status status, const char *url,
		      const struct rk_caldav_result *res)
{
	if (status == RK_ERR_NOMEM)
		c->nomem = true;
	else if (status != RK_OK)
		stop(c, url, res, false);
	else if (res->outcome == RK_CALDAV_REFUSED)
		stop(c, url, res, true);
	return c->nomem || c->report->stopped;
}

static enum rk_status save(struct ctx *c)
{
	if (c->o->dry_run || !c->dirty)
		return RK_OK;
	enum rk_status status = rk_push_state_write(c->state, c->state_path);
	if (status != RK_OK)
		rk_diags_add(c->diags, RK_SEV_ERROR, c->state_path, 0, 0,
			     _("cannot write the push state: %s"),
			     strerror(errno));
	c->dirty = false;
	c->unsaved = 0;
	return status;
}

/* The state on disk follows the server closely: a push killed with it
 * loses at most this many entries, which the next push finds again. */
#define SAVE_EVERY 200

static void changed_state(struct ctx *c)
{
	c->dirty = true;
	/* A failure is in the diagnostics; the final save reports it. */
	if (++c->unsaved >= SAVE_EVERY)
		save(c);
}

static void remember(struct ctx *c, const struct collection *col,
		     const struct resource *r, const char *name,
		     const char *etag, const char *hash)
{
	struct rk_push_entry e = { col->url, r->uid, name, etag ? etag : "",
				   hash };
	if (rk_push_state_set(c->state, &e) != RK_OK)
		c->nomem = true;
	changed_state(c);
}

/* The ETag of @url when a PUT's answer did not carry one. */
static char *fetch_etag(struct ctx *c, const char *url)
{
	struct rk_caldav_result res;
	char *etag = NULL;
	if (rk_caldav_get(c->http, url, &res) == RK_OK &&
	    res.outcome == RK_CALDAV_OK && res.etag) {
		etag = res.etag;
		res.etag = NULL;
	}
	rk_caldav_result_release(&res);
	return etag;
}

/* A resource read without an ETag: a request with If-Match: * would
 * replace or delete whatever is there by then, also someone's edit. */
#define NO_ETAG                                                               \
	_("the server sent no ETag with it, so it cannot be changed safely; " \
	  "kept")

static enum done conflict(struct ctx *c, const struct collection *col,
			  const struct resource *r, const char *uid,
			  const char *why)
{
	note(c, RK_PUSH_CONFLICT, col->url, r, uid, why);
	return DONE_CONFLICT;
}

static enum done failed(struct ctx *c, const struct collection *col,
			const struct resource *r, const char *uid,
			const char *why)
{
	note(c, RK_PUSH_FAILED, col->url, r, uid, why);
	return DONE_FAILED;
}

/* One PUT, without looking further into a failed precondition. */
static enum done put_once(struct ctx *c, const struct collection *col,
			  const struct resource *r, const char *name,
			  const char *etag, enum rk_caldav_outcome *outcome)
{
	const char *url = keep_join(c, col->url, name);
	struct rk_caldav_result res;
	if (!url)
		return DONE_STOPPED;
	enum rk_status s = rk_caldav_put(c->http, url, r->body, strlen(r->body),
					 etag, &res);
	enum done d = DONE_FAILED;
	*outcome = res.outcome;
	if (must_stop(c, s, url, &res)) {
		d = DONE_STOPPED;
	} else if (res.outcome == RK_CALDAV_OK) {
		char *fetched = res.etag ? NULL : fetch_etag(c, url);
		remember(c, col, r, name, res.etag ? res.etag : fetched,
			 r->hash);
		free(fetched);
		d = etag ? DONE_UPDATED : DONE_CREATED;
	} else if (res.outcome == RK_CALDAV_UID_USED) {
		d = conflict(c, col, r, NULL,
			     _("the server has this UID under another name; "
			       "not put"));
	} else if (res.outcome != RK_CALDAV_CHANGED &&
		   !(res.outcome == RK_CALDAV_MISSING && etag)) {
		d = failed(c, col, r, NULL, res.message);
	}
	rk_caldav_result_release(&res);
	return d;
}

/* The second PUT after a failed precondition: another failed one means
 * someone is changing the event right now. */
static enum done put_again(struct ctx *c, const struct collection *col,
			   const struct resource *r, const char *name,
			   const char *etag)
{
	enum rk_caldav_outcome outcome = RK_CALDAV_OK;
	enum done d = put_once(c, col, r, name, etag, &outcome);
	if (d == DONE_CREATED)
		d = DONE_UPDATED;
	if (d == DONE_FAILED && (outcome == RK_CALDAV_CHANGED ||
				 (outcome == RK_CALDAV_MISSING && etag)))
		d = conflict(c, col, r, NULL,
			     _("changed on the server while pushing"));
	return d;
}

/* Replaces what the server has at @name, only while it still has @etag,
 * the ETag it was just read with: without one, a change made in between
 * could not be told from it, so it is kept. */
static enum done replace_read(struct ctx *c, const struct collection *col,
			      const struct resource *r, const char *name,
			      const char *etag)
{
	if (!etag || !*etag)
		return conflict(c, col, r, NULL, NO_ETAG);
	return put_again(c, col, r, name, etag);
}

/* After a failed precondition, an ETag that is not the one of the last
 * push, or none known: what is on the server at @name now? @update:
 * ritmiek put it there before; @same_plan: and the plan did not change it
 * since; @pushed: the hash of what was put (NULL or "": unknown). Only
 * what is provably ours as it was put is replaced (or with --force). */
static enum done resolve(struct ctx *c, const struct collection *col,
			 const struct resource *r, const char *name,
			 bool update, bool same_plan, const char *pushed)
{
	const char *url = keep_join(c, col->url, name);
	struct rk_caldav_result res;
	if (!url)
		return DONE_STOPPED;
	enum rk_status s = rk_caldav_get(c->http, url, &res);
	struct found f = { 0 };
	enum done d = DONE_CONFLICT;
	enum rk_caldav_outcome outcome = RK_CALDAV_OK;
	if (must_stop(c, s, url, &res))
		d = DONE_STOPPED;
	else if (res.outcome == RK_CALDAV_MISSING && update) {
		/* Ours, deleted on the server: put back. */
		d = put_once(c, col, r, name, NULL, &outcome);
		if (d == DONE_CREATED)
			d = DONE_RESTORED;
		else if (d == DONE_FAILED && outcome == RK_CALDAV_CHANGED)
			d = conflict(c, col, r, NULL,
				     _("changed on the server while pushing"));
	} else if (res.outcome == RK_CALDAV_MISSING)
		d = failed(c, col, r, NULL, _("changed while pushing"));
	else if (res.outcome != RK_CALDAV_OK)
		d = failed(c, col, r, NULL, res.message);
	else if (read_found(res.body, &f) != RK_OK || strcmp(f.uid, r->uid))
		d = conflict(c, col, r, NULL,
			     _("the name is taken by another event; never "
			       "overwritten"));
	else if (same_event(r, &f)) {
		/* Our own earlier write, whose answer was lost, or an ETag
		 * the server changed without changing the event. */
		remember(c, col, r, name, res.etag, r->hash);
		d = same_plan ? DONE_UNCHANGED
		    : update  ? DONE_UPDATED
			      : DONE_ADOPTED;
	} else if (as_pushed(pushed, &f) || (!update && ours(c, &f)) ||
		   c->o->force)
		d = replace_read(c, col, r, name, res.etag);
	else
		d = conflict(c, col, r, NULL,
			     _("changed on the server since the last push; "
			       "kept (--force overwrites)"));
	found_release(&f);
	rk_caldav_result_release(&res);
	return d;
}

/* DELETE after a look at the resource: when the ETag of the last push is
 * unknown (@pushed: the hash of what was put), or after a failed
 * precondition with --force. Only while the resource holds our UID, and
 * is as it was put (or --force), with If-Match on the ETag it was read
 * with. RK_CALDAV_FAILED with *@why when it is kept for lack of an ETag. */
static enum rk_caldav_outcome delete_checked(struct ctx *c, const char *url,
					     const char *uid,
					     const char *pushed,
					     const char **why)
{
	struct rk_caldav_result res, again = { 0 };
	struct found f = { 0 };
	enum rk_caldav_outcome outcome = RK_CALDAV_CHANGED;
	enum rk_status s = rk_caldav_get(c->http, url, &res);
	*why = NULL;
	if (must_stop(c, s, url, &res)) {
		outcome = RK_CALDAV_FAILED;
	} else if (res.outcome == RK_CALDAV_MISSING) {
		outcome = RK_CALDAV_MISSING;
	} else if (res.outcome == RK_CALDAV_OK &&
		   read_found(res.body, &f) == RK_OK && !strcmp(f.uid, uid) &&
		   (c->o->force || as_pushed(pushed, &f))) {
		if (!res.etag || !*res.etag) {
			*why = NO_ETAG;
			outcome = RK_CALDAV_FAILED;
		} else {
			s = rk_caldav_delete(c->http, url, res.etag, &again);
			if (!must_stop(c, s, url, &again))
				outcome = again.outcome;
		}
	}
	found_release(&f);
	rk_caldav_result_release(&again);
	rk_caldav_result_release(&res);
	return outcome;
}

static void count(struct ctx *c, const struct collection *col,
		  const struct resource *r, const char *uid, enum done d)
{
	struct rk_push_report *rep = c->report;
	static const enum rk_push_what what[] = {
		RK_PUSH_CREATED, RK_PUSH_UPDATED, RK_PUSH_DELETED,
		RK_PUSH_ADOPTED, RK_PUSH_RESTORED
	};
	switch (d) {
	case DONE_CREATED:
		rep->created++;
		break;
	case DONE_UPDATED:
		rep->updated++;
		break;
	case DONE_DELETED:
		rep->deleted++;
		break;
	case DONE_ADOPTED:
		rep->adopted++;
		break;
	case DONE_RESTORED:
		rep->restored++;
		break;
	case DONE_UNCHANGED:
		rep->unchanged++;
		return;
	case DONE_CONFLICT:
		rep->conflicts++;
		return;
	case DONE_FAILED:
		rep->failed++;
		return;
	case DONE_STOPPED:
		rep->not_done++;
		return;
	}
	note(c, what[d], col->url, r, uid, NULL);
}

static void progress(struct ctx *c)
{
	c->done++;
	note(c, RK_PUSH_PROGRESS, NULL, NULL, NULL, NULL);
}

static const struct resource *resource_at(const struct collection *col,
					  size_t i)
{
	return rk_vec_at(&col->resources, i, sizeof(struct resource));
}

static bool wanted(const struct collection *col, const char *uid)
{
	return col->resources.n && bsearch(&uid, col->uids, col->resources.n,
					   sizeof(*col->uids), cmp_str);
}

/* ---- what the server holds ---- */

static int cmp_remote(const void *a, const void *b)
{
	return strcmp(((const struct remote *)a)->name,
		      ((const struct remote *)b)->name);
}

/* Keeps the names and ETags of the resources in @ms as @col->remote. */
static void take_remote(struct ctx *c, struct collection *col,
			const struct rk_caldav_multistatus *ms)
{
	col->remote = rk_arena_alloc(&c->arena, ms->n ? ms->n : 1,
				     sizeof(*col->remote));
	col->n_remote = 0;
	for (size_t i = 0; col->remote && i < ms->n; i++) {
		const struct rk_caldav_item *it = &ms->items[i];
		if (!it->name || it->collection || it->status < 200 ||
		    it->status > 299)
			continue;
		char *name = rk_caldav_encode_segment(it->name);
		struct remote *rm = &col->remote[col->n_remote];
		rm->name = name ? keep(c, name) : NULL;
		rm->etag = keep(c, it->etag ? it->etag : "");
		free(name);
		if (!rm->name || !rm->etag)
			c->nomem = true;
		else
			col->n_remote++;
	}
	if (!col->remote)
		c->nomem = true;
	else
		qsort(col->remote, col->n_remote, sizeof(*col->remote),
		      cmp_remote);
	col->checked = !c->nomem;
}

static const struct remote *remote_find(const struct collection *col,
					const char *name)
{
	struct remote key = { name, NULL };
	return col->n_remote ? bsearch(&key, col->remote, col->n_remote,
				       sizeof(key), cmp_remote)
			     : NULL;
}

/* Takes our events of this school found in @ms into the state. */
static void adopt(struct ctx *c, const struct collection *col,
		  const struct rk_caldav_multistatus *ms)
{
	for (size_t i = 0; i < ms->n && !c->nomem; i++) {
		const struct rk_caldav_item *it = &ms->items[i];
		struct found f;
		if (!it->name || !it->calendar_data ||
		    read_found(it->calendar_data, &f) != RK_OK)
			continue;
		const struct resource *r = NULL;
		for (size_t k = 0; k < col->resources.n && !r; k++)
			if (!strcmp(resource_at(col, k)->uid, f.uid))
				r = resource_at(col, k);
		char *name = rk_caldav_encode_segment(it->name);
		if (ours(c, &f) && name &&
		    !rk_push_state_find(c->state, col->url, f.uid)) {
			/* Unchanged when the server has what we would put;
			 * else an update (or, gone from the plan, a delete)
			 * with If-Match follows. */
			bool same = r && same_event(r, &f);
			struct rk_push_entry e = { col->url, f.uid, name,
						   it->etag ? it->etag : "",
						   same ? r->hash : "" };
			if (rk_push_state_set(c->state, &e) != RK_OK)
				c->nomem = true;
			c->dirty = true;
			c->report->adopted++;
			note(c, RK_PUSH_ADOPTED, col->url, r, f.uid, NULL);
		}
		c->nomem |= !name;
		free(name);
		found_release(&f);
	}
}

/* What a server that answers 5xx to every try should be told: the one
 * cause seen in practice is Xandikos killed while writing, which leaves a
 * dulwich lock file (the git index, a loose object or a ref, each taken
 * with O_EXCL) that makes every later write to the calendar fail. */
#define SERVER_FAILS                                                            \
	_("; the server fails on this calendar (Xandikos killed while writing " \
	  "leaves lock files in the calendar's .git folder of its store, such " \
	  "as index.lock or objects/*/*.lock: stop the server, remove every "   \
	  "*.lock file there, start it again), then push again")

/* A collection that is not a calendar where one should be: Xandikos
 * killed during MKCALENDAR leaves its git repository without the
 * configuration that makes it a calendar. */
#define HALF_MADE                                                               \
	_("a collection, but not a calendar (if it is empty, a calendar the "   \
	  "server was making when it was killed, as Xandikos leaves one: "      \
	  "remove it on the server, for Xandikos its folder in the store, and " \
	  "push again)")

static void fail_collection(struct ctx *c, struct collection *col,
			    const char *why, bool server_error)
{
	char text[512];
	snprintf(text, sizeof(text), "%s%s", why,
		 server_error ? SERVER_FAILS : "");
	if (col->step != COL_FAILED)
		note(c, RK_PUSH_FAILED, col->url, NULL, NULL, text);
	col->step = COL_FAILED;
}

/* An answer that ends the handling of its request: never sent, no
 * answer, a refused account (the push stops), or a server error (its
 * collection fails). */
static bool cut_short(struct ctx *c, struct collection *col, const char *url,
		      const struct rk_caldav_answer *a)
{
	if (a->status == RK_ERR_NOMEM) {
		c->nomem = true;
		rk_http_stop(c->http);
		return true;
	}
	if (!a->sent)
		return true;
	if (a->status != RK_OK && a->res.status >= 500) {
		fail_collection(c, col, a->res.message, true);
		return true;
	}
	return must_stop(c, a->status, url, &a->res);
}

/* ---- the requests of one event, sent in parallel ---- */

enum op_kind { OP_CREATE, OP_RESTORE, OP_UPDATE, OP_DELETE };

/* A request in flight, for its callback. */
struct op {
	struct ctx *c;
	struct collection *col;
	enum op_kind kind;
	const struct resource *r; /* NULL for a delete */
	const char *name;
	const char *etag; /* the If-Match value, or NULL */
	const char *uid;
	bool same_plan;	    /* for a follow-up: the plan did not change it */
	const char *pushed; /* for a follow-up: the hash of what was put */
};

enum fup_kind {
	FUP_RESOLVE,
	FUP_FETCH_ETAG,
	FUP_FORCE_DELETE,
	FUP_CHECK_DELETE /* a delete whose ETag is unknown */
};

/* What needs a look after the parallel part, one request at a time. */
struct followup {
	enum fup_kind kind;
	struct op op;
};

static void follow_up(struct ctx *c, enum fup_kind kind, const struct op *op)
{
	struct followup *f = rk_vec_push(&c->fups, sizeof(*f));
	if (!f) {
		c->nomem = true;
		return;
	}
	f->kind = kind;
	f->op = *op;
}

static void on_put(void *data, struct rk_caldav_answer *a)
{
	struct op *op = data;
	struct ctx *c = op->c;
	struct rk_caldav_result *res = &a->res;
	enum done d = DONE_FAILED;
	const char *url = keep_join(c, op->col->url, op->name);
	if (!url || cut_short(c, op->col, url, a)) {
		d = op->col->step == COL_FAILED && a->sent ? DONE_FAILED
							   : DONE_STOPPED;
	} else if (res->outcome == RK_CALDAV_OK) {
		remember(c, op->col, op->r, op->name,
			 res->etag ? res->etag : "", op->r->hash);
		if (!res->etag)
			follow_up(c, FUP_FETCH_ETAG, op);
		d = op->kind == OP_UPDATE    ? DONE_UPDATED
		    : op->kind == OP_RESTORE ? DONE_RESTORED
					     : DONE_CREATED;
	} else if (res->outcome == RK_CALDAV_UID_USED) {
		d = conflict(c, op->col, op->r, NULL,
			     _("the server has this UID under another name; "
			       "not put"));
	} else if (res->outcome == RK_CALDAV_CHANGED ||
		   (res->outcome == RK_CALDAV_MISSING && op->etag)) {
		follow_up(c, FUP_RESOLVE, op);
		return;
	} else {
		d = failed(c, op->col, op->r, NULL, res->message);
	}
	count(c, op->col, op->r, NULL, d);
	progress(c);
}

static void on_delete(void *data, struct rk_caldav_answer *a)
{
	struct op *op = data;
	struct ctx *c = op->c;
	enum rk_caldav_outcome outcome = a->res.outcome;
	enum done d = DONE_FAILED;
	const char *url = keep_join(c, op->col->url, op->name);
	if (!url || cut_short(c, op->col, url, a)) {
		d = op->col->step == COL_FAILED && a->sent ? DONE_FAILED
							   : DONE_STOPPED;
	} else if (outcome == RK_CALDAV_CHANGED && c->o->force) {
		follow_up(c, FUP_FORCE_DELETE, op);
		return;
	} else if (outcome == RK_CALDAV_CHANGED) {
		d = conflict(c, op->col, NULL, op->uid,
			     _("changed on the server since the last push; "
			       "not deleted (--force deletes)"));
	} else if (outcome == RK_CALDAV_OK || outcome == RK_CALDAV_MISSING) {
		rk_push_state_remove(c->state, op->col->url, op->uid);
		changed_state(c);
		d = DONE_DELETED;
	} else {
		d = failed(c, op->col, NULL, op->uid, a->res.message);
	}
	count(c, op->col, NULL, op->uid, d);
}

static struct op *new_op(struct ctx *c, struct collection *col,
			 enum op_kind kind, const struct resource *r,
			 const char *name, const char *etag, const char *uid)
{
	struct op *op = rk_arena_alloc(&c->arena, 1, sizeof(*op));
	if (!op) {
		c->nomem = true;
		return NULL;
	}
	*op = (struct op){ c, col, kind, r, name, etag, uid, false, NULL };
	return op;
}

/* Queues the request of @op; false when none was queued. */
static bool send_op(struct ctx *c, struct op *op)
{
	const char *url = op ? keep_join(c, op->col->url, op->name) : NULL;
	if (!url)
		return false;
	enum rk_status s;
	if (op->kind == OP_DELETE) {
		struct rk_caldav_done done = { on_delete, op };
		s = rk_caldav_queue_delete(c->http, url, op->etag, &done);
	} else {
		struct rk_caldav_done done = { on_put, op };
		s = rk_caldav_queue_put(c->http, url, op->r->body,
					strlen(op->r->body), op->etag, &done);
	}
	if (s == RK_ERR_NOMEM)
		c->nomem = true;
	return s == RK_OK;
}

/* Decides about resource @r: queues its request (true), or settles it
 * without one. */
static bool next_resource(struct ctx *c, struct collection *col,
			  const struct resource *r)
{
	const struct rk_push_entry *e =
		rk_push_state_find(c->state, col->url, r->uid);
	const struct remote *rm =
		e && col->checked ? remote_find(col, e->name) : NULL;
	bool gone = e && col->checked && !rm;
	bool edited = rm && strcmp(rm->etag, e->etag);
	bool same = e && !strcmp(e->hash, r->hash);
	enum op_kind kind = !e ? OP_CREATE : gone ? OP_RESTORE : OP_UPDATE;
	if (kind == OP_UPDATE && !edited && !*e->hash &&
	    rk_push_state_older(c->state))
		c->report->older++;
	if (c->o->dry_run || (e && same && !gone && !edited)) {
		enum done d = same ? DONE_UNCHANGED : DONE_UPDATED;
		if (kind != OP_UPDATE)
			d = kind == OP_CREATE ? DONE_CREATED : DONE_RESTORED;
		else if (edited)
			d = conflict(c, col, r, NULL,
				     _("changed on the server since the last "
				       "push"));
		count(c, col, r, NULL, d);
		progress(c);
		return false;
	}
	/* The state's strings live in its arena: they outlast a change. */
	struct op *op =
		new_op(c, col, kind, r, e ? e->name : r->name,
		       kind == OP_UPDATE && *e->etag ? e->etag : NULL, r->uid);
	if (op && e)
		op->pushed = e->hash;
	/* Without the ETag of the last push, If-Match: * would overwrite
	 * whatever the server has: the resource is read first. */
	if (op && (edited || (kind == OP_UPDATE && !op->etag))) {
		op->same_plan = same;
		follow_up(c, FUP_RESOLVE, op);
		return false;
	}
	return send_op(c, op);
}

/* Decides about state entry @e of @col, gone from the plan. */
static bool next_delete(struct ctx *c, struct collection *col,
			const struct rk_push_entry *e)
{
	if (c->o->dry_run) {
		count(c, col, NULL, e->uid, DONE_DELETED);
		return false;
	}
	if (col->checked && !remote_find(col, e->name)) {
		/* Deleted on the server already. */
		const char *uid = e->uid;
		rk_push_state_remove(c->state, col->url, uid);
		changed_state(c);
		count(c, col, NULL, uid, DONE_DELETED);
		return false;
	}
	struct op *op = new_op(c, col, OP_DELETE, NULL, e->name,
			       *e->etag ? e->etag : NULL, e->uid);
	if (op && !op->etag) {
		/* No ETag to delete with: the resource is read first. */
		op->pushed = e->hash;
		follow_up(c, FUP_CHECK_DELETE, op);
		return false;
	}
	return send_op(c, op);
}

/* Queues the next request of @col; false when it has none left. */
static bool next_of(struct ctx *c, struct collection *col)
{
	while (col->next_res < col->resources.n && !c->nomem) {
		const struct resource *r = resource_at(col, col->next_res++);
		if (next_resource(c, col, r))
			return true;
	}
	while (col->next_slot < rk_push_state_slots(c->state) && !c->nomem) {
		const struct rk_push_entry *e =
			rk_push_state_get(c->state, col->next_slot++);
		if (!e || strcmp(e->collection, col->url) ||
		    wanted(col, e->uid))
			continue;
		if (next_delete(c, col, e))
			return true;
	}
	return false;
}

/* rk_http_run's source of requests: the next event of the first ready
 * collection. */
static bool more(void *data)
{
	struct ctx *c = data;
	for (size_t i = 0; i < c->cols.n && !c->nomem; i++) {
		struct collection *col =
			rk_vec_at(&c->cols, i, sizeof(struct collection));
		if (c->report->stopped)
			return false;
		if (col->step != COL_READY)
			continue;
		if (next_of(c, col))
			return true;
		if (col->step == COL_READY)
			col->step = COL_DONE;
	}
	return false;
}

/* ---- the collections ---- */

enum col_op { COL_PROBE, COL_MEMBERS, COL_MAKE, COL_LIST };

struct col_req {
	struct ctx *c;
	struct collection *col;
	enum col_op what;
};

static void on_collection(void *data, struct rk_caldav_answer *a);

static void queue_col(struct ctx *c, struct collection *col, enum col_op what)
{
	struct col_req *q = rk_arena_alloc(&c->arena, 1, sizeof(*q));
	if (!q) {
		c->nomem = true;
		return;
	}
	*q = (struct col_req){ c, col, what };
	struct rk_caldav_done done = { on_collection, q };
	enum rk_status s = RK_ERR_NOMEM;
	if (what == COL_PROBE)
		s = rk_caldav_queue_probe(c->http, col->url, &done);
	else if (what == COL_MEMBERS)
		s = rk_caldav_queue_members(c->http, col->url, &done);
	else if (what == COL_MAKE)
		s = rk_caldav_queue_make_calendar(c->http, col->url,
						  col->displayname, &done);
	else
		s = rk_caldav_queue_list(c->http, col->url, &done);
	if (s != RK_OK)
		c->nomem = true;
}

static void known(struct ctx *c, struct collection *col)
{
	if (!rk_push_state_has_collection(c->state, col->url)) {
		if (rk_push_state_add_collection(c->state, col->url) != RK_OK)
			c->nomem = true;
		c->dirty = true;
	}
}

/* Nothing at the collection's URL: made (or, in a dry run, would be). A
 * calendar the state knows was deleted on the server: its events are put
 * back. */
static void missing(struct ctx *c, struct collection *col)
{
	col->checked = true;
	col->n_remote = 0;
	if (!c->o->dry_run) {
		queue_col(c, col, COL_MAKE);
		return;
	}
	note(c, RK_PUSH_MADE, col->url, NULL, NULL, NULL);
	col->step = COL_READY;
}

static void on_collection(void *data, struct rk_caldav_answer *a)
{
	struct col_req *q = data;
	struct ctx *c = q->c;
	struct collection *col = q->col;
	if (cut_short(c, col, col->url, a))
		return;
	if (a->res.outcome != RK_CALDAV_OK) {
		fail_collection(c, col, a->res.message, false);
		return;
	}
	if (q->what == COL_MAKE) {
		c->report->made++;
		note(c, RK_PUSH_MADE, col->url, NULL, NULL, NULL);
		known(c, col);
		col->step = COL_READY;
	} else if (q->what == COL_LIST) {
		adopt(c, col, &a->ms);
		take_remote(c, col, &a->ms);
		known(c, col);
		col->step = COL_READY;
	} else if (a->kind == RK_CALDAV_NOTHING) {
		missing(c, col);
	} else if (a->kind == RK_CALDAV_COLLECTION) {
		fail_collection(c, col, HALF_MADE, false);
	} else if (a->kind != RK_CALDAV_CALENDAR) {
		fail_collection(c, col, _("not a calendar collection"), false);
	} else if (q->what == COL_PROBE) {
		queue_col(c, col, COL_LIST);
	} else {
		take_remote(c, col, &a->ms);
		col->step = COL_READY;
	}
}

/* ---- after the parallel part ---- */

static void run_followup(struct ctx *c, const struct followup *f)
{
	const struct op *op = &f->op;
	const char *url = keep_join(c, op->col->url, op->name);
	if (!url)
		return;
	if (f->kind == FUP_FETCH_ETAG) {
		char *etag = fetch_etag(c, url);
		if (etag)
			remember(c, op->col, op->r, op->name, etag,
				 op->r->hash);
		free(etag);
		return;
	}
	enum done d;
	if (f->kind == FUP_RESOLVE) {
		d = resolve(c, op->col, op->r, op->name, op->kind == OP_UPDATE,
			    op->same_plan, op->pushed);
		count(c, op->col, op->r, NULL, d);
		progress(c);
		return;
	}
	const char *why = NULL;
	enum rk_caldav_outcome outcome =
		delete_checked(c, url, op->uid, op->pushed, &why);
	if (c->report->stopped || c->nomem)
		d = DONE_STOPPED;
	else if (why)
		d = conflict(c, op->col, NULL, op->uid, why);
	else if (outcome == RK_CALDAV_CHANGED)
		d = conflict(c, op->col, NULL, op->uid,
			     _("changed on the server since the last push; "
			       "not deleted (--force deletes)"));
	else if (outcome != RK_CALDAV_OK && outcome != RK_CALDAV_MISSING)
		d = failed(c, op->col, NULL, op->uid, _("not deleted"));
	else {
		rk_push_state_remove(c->state, op->col->url, op->uid);
		changed_state(c);
		d = DONE_DELETED;
	}
	count(c, op->col, NULL, op->uid, d);
}

static void run_followups(struct ctx *c)
{
	for (size_t i = 0; i < c->fups.n && !c->nomem; i++) {
		const struct followup *f =
			rk_vec_at(&c->fups, i, sizeof(struct followup));
		if (f->op.col->step == COL_FAILED)
			c->report->failed += f->kind != FUP_FETCH_ETAG;
		else if (c->report->stopped)
			c->report->not_done += f->kind != FUP_FETCH_ETAG;
		else
			run_followup(c, f);
	}
}

/* How many events of @col still need a request: resources from @from_res
 * on, deletes from state slot @from_slot on. */
static size_t pending(struct ctx *c, const struct collection *col,
		      size_t from_res, size_t from_slot)
{
	size_t n = 0;
	for (size_t i = from_res; i < col->resources.n; i++) {
		const struct resource *r = resource_at(col, i);
		const struct rk_push_entry *e =
			rk_push_state_find(c->state, col->url, r->uid);
		n += !e || strcmp(e->hash, r->hash) ||
		     (col->checked && !remote_find(col, e->name));
	}
	for (size_t i = from_slot; i < rk_push_state_slots(c->state); i++) {
		const struct rk_push_entry *e = rk_push_state_get(c->state, i);
		n += e && !strcmp(e->collection, col->url) &&
		     !wanted(col, e->uid);
	}
	return n;
}

/* Counts what was left undone: not done after a stop, failed in a
 * collection that failed (what needed no request is unchanged). The
 * cursors of a collection that never got ready are at 0. */
static void tally(struct ctx *c)
{
	for (size_t i = 0; i < c->cols.n; i++) {
		struct collection *col =
			rk_vec_at(&c->cols, i, sizeof(struct collection));
		size_t from = col->next_res;
		size_t n = pending(c, col, from, col->next_slot);
		if (col->step == COL_FAILED) {
			size_t deletes = pending(c, col, col->resources.n,
						 col->next_slot);
			c->report->failed += n;
			c->report->unchanged +=
				col->resources.n - from - (n - deletes);
		} else if (col->step != COL_DONE) {
			c->report->not_done += n;
		}
	}
}

/* ---- the whole push ---- */

static enum rk_status read_state(struct ctx *c)
{
	c->state_path = keep_join(c, c->o->plan_dir, "/push.state");
	if (!c->state_path)
		return RK_ERR_NOMEM;
	enum rk_status status =
		rk_push_state_read(c->state_path, &c->state, c->diags);
	if (status != RK_OK)
		return status;
	const char *school = rk_push_state_school(c->state);
	if (!*school) {
		rk_push_state_free(c->state);
		c->state = rk_push_state_new(c->school);
		return c->state ? RK_OK : RK_ERR_NOMEM;
	}
	if (strcmp(school, c->school)) {
		rk_diags_add(c->diags, RK_SEV_ERROR, c->state_path, 1, 3,
			     _("the plan was pushed for school '%s', not '%s'; "
			       "remove the file to start afresh"),
			     school, c->school);
		return RK_ERR_INPUT;
	}
	return RK_OK;
}

static enum rk_status prepare(struct ctx *c)
{
	enum rk_status status = read_index(c);
	if (status == RK_OK)
		status = group_targets(c);
	for (size_t i = 0; status != RK_ERR_NOMEM && i < c->cols.n; i++) {
		enum rk_status s = load_collection(
			c, rk_vec_at(&c->cols, i, sizeof(struct collection)));
		if (s != RK_OK && status == RK_OK)
			status = s;
	}
	if (status == RK_OK)
		status = read_state(c);
	return c->nomem ? RK_ERR_NOMEM : status;
}

static void release(struct ctx *c)
{
	for (size_t i = 0; i < c->cols.n; i++) {
		struct collection *col =
			rk_vec_at(&c->cols, i, sizeof(struct collection));
		for (size_t k = 0; k < col->resources.n; k++) {
			struct resource *r =
				rk_vec_at(&col->resources, k, sizeof(*r));
			icalmemory_free_buffer(r->body);
		}
		rk_vec_release(&col->resources);
		rk_vec_release(&col->feeds);
	}
	rk_vec_release(&c->cols);
	rk_vec_release(&c->targets);
	rk_vec_release(&c->fups);
	rk_push_state_free(c->state);
	rk_arena_release(&c->arena);
}

/* Asks every collection what it holds (one request each), then sends the
 * events of each collection as soon as it is ready, @jobs at a time. A
 * request that completes is in the state at once; a failed precondition
 * is looked into afterwards, one at a time. */
static enum rk_status sync_all(struct ctx *c)
{
	for (size_t i = 0; i < c->cols.n && !c->nomem; i++) {
		struct collection *col =
			rk_vec_at(&c->cols, i, sizeof(struct collection));
		bool is_known =
			rk_push_state_has_collection(c->state, col->url);
		queue_col(c, col, is_known ? COL_MEMBERS : COL_PROBE);
	}
	enum rk_status status =
		c->nomem ? RK_ERR_NOMEM : rk_http_run(c->http, more, c);
	if (status == RK_OK && !c->nomem)
		run_followups(c);
	tally(c);
	enum rk_status saved = save(c);
	if (c->nomem || status == RK_ERR_NOMEM)
		return RK_ERR_NOMEM;
	if (status == RK_OK)
		status = saved;
	return status;
}

enum rk_status rk_push_run(struct rk_http *http,
			   const struct rk_push_options *options,
			   struct rk_push_report *report,
			   struct rk_diags *diags)
{
	memset(report, 0, sizeof(*report));
	if (!http || !options || !options->plan_dir || !options->url)
		return RK_ERR_ARG;
	struct ctx c = { .o = options, .http = http, .report = report };
	c.diags = diags;
	enum rk_status status = prepare(&c);
	if (status == RK_OK)
		status = sync_all(&c);
	if (status == RK_OK && report->stopped)
		status = RK_ERR_NETWORK;
	release(&c);
	return status;
}
