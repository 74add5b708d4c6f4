#include "config.h"

#include "feeds.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libical/ical.h>

#include "arena.h"
#include "date.h"
#include "event_words.h"
#include "feed_links.h"
#include "feed_state.h"
#include "hash.h"
#include "plandir.h"
#include "ritmiek.h"
#include "textfile.h"
#include "tokens.h"
#include "i18n.h"

/* Part of every content hash: changing how an event is rendered changes
 * every hash, so that every client takes the new form over. */
#define RENDER_VERSION "ritmiek-feeds-3"
/* More participants than this are counted in a description, not named. */
#define MANY_PEOPLE 12
#define PRODID	    "-//ritmiek//ritmiek " PACKAGE_VERSION "//NL"

#define KIND(k) (1u << (k))
/* school.ics: what the whole school is invited to or must fill in. */
static const unsigned school_kinds =
	KIND(RK_EV_DRAAGVLAKSESSIE) | KIND(RK_EV_STARTDAG) |
	KIND(RK_EV_VERBINDING) | KIND(RK_EV_FORUM) | KIND(RK_EV_BOOTCAMP) |
	KIND(RK_EV_METING);
/* leerkracht-team.ics: its own sessions, the support programme of the
 * foundation, and the school-wide events it prepares. */
static const unsigned lkteam_kinds =
	KIND(RK_EV_LKTEAM) | KIND(RK_EV_STARTFASE) | KIND(RK_EV_WEBINAR) |
	KIND(RK_EV_BEDRIJFSBEZOEK) | KIND(RK_EV_EXTERNAL) | school_kinds;
/* schoolleiding.ics: the same, and every team's bordsessie, so that the
 * school leader can drop in on any team. */
static const unsigned leiding_kinds = lkteam_kinds | KIND(RK_EV_BORDSESSIE);

enum feed_kind { FEED_SCHOOL, FEED_ROLE, FEED_TEAM, FEED_PERSON };

struct feed {
	enum feed_kind kind;
	unsigned kinds; /* FEED_SCHOOL, FEED_ROLE: the event kinds it holds */
	int index;	/* FEED_TEAM, FEED_PERSON: the team or person */
	const char *id;
	const char *name;
	const char *file;    /* "feeds/NAME.ics" */
	struct rk_vec shows; /* size_t: its variants, in the items' order */
};

/* An item as some readers see it: its VEVENT rendered once by libical,
 * shared by every feed that shows it so. The SUMMARY is the reader's side
 * ("X bezoekt je les", "Lesbezoek bij Y"), "Vervallen: " when cancelled;
 * everything else is the item's. Rendered by the first feed that needs it
 * and freed after the last: holding every variant at once took 80 MB at
 * 2,000 teachers. */
struct variant {
	size_t item;
	const char *summary;
	bool cancelled;
	/* The VEVENT as libical writes it (render); NULL until rendered and
	 * after its last use. Rendered under c->locks[index % N_LOCKS]. */
	char *text;
	size_t len;
	atomic_size_t users; /* the feeds that have yet to use it */
};

/* What every variant of an item shares, as libical writes it: the
 * properties before the SUMMARY (UID to DTEND) and those after it
 * (DESCRIPTION to ORGANIZER), without the component's BEGIN and END lines.
 * An item has three variants on average (every participant's SUMMARY
 * differs), so rendering these once per item and only the SUMMARY, STATUS,
 * TRANSP and reminders per variant took a third of libical's time off
 * (bench/README). Rendered by the first variant that needs them and freed
 * after the last, under c->item_locks[item % N_LOCKS]. */
struct shared {
	char *head, *body;
	size_t head_len, body_len;
	size_t pending; /* its variants not yet rendered */
};

/* The lines of a variant's tail that are the same for every reader, as
 * libical writes them (make_lines): the STATUS and TRANSP lines, and a
 * reminder's VALARM but for its DESCRIPTION. A variant renders only its
 * SUMMARY and its reminder's DESCRIPTION: a VALARM of its own for each of
 * the 12,796 variants of vo:300:2 was a quarter of libical's time. */
struct lines {
	char *status[2]; /* confirmed, cancelled */
	char *transp[2]; /* opaque, transparent */
	char *alarm_begin, *alarm_end;
	char *action;
	char *trigger[2]; /* a session's reminder, a meting's */
	/* Per event kind, the end of every item's body: its CATEGORIES and
	 * COLOR lines and the school's ORGANIZER line. Rendered once each:
	 * for every one of vo:300:2's 4,000 items they were three of the
	 * body's five properties. */
	char *kind_tail[RK_N_EVENT_KINDS];
	size_t kind_tail_len[RK_N_EVENT_KINDS];
};

/* Locks for rendering the variants: one per variant would be thousands;
 * one for all would keep the threads waiting for each other. */
#define N_LOCKS 64

/* How a feed's file came out, filled by whichever thread wrote it. */
struct outcome {
	enum rk_status status;
	int err; /* errno on RK_ERR_IO */
	size_t bytes;
};

/* An event to publish: a plan's event, or one of the state that left the
 * plan, rebuilt from what was published. */
struct item {
	struct rk_event ev;
	const char *uid;
	const char *description; /* the agenda as published */
	const char *team_id;	 /* "" when none */
	const char *participants;
	const char *former; /* ids of people who get it as cancelled */
	int *former_people;
	size_t n_former;
	uint64_t hash;
	int sequence;
	long long dtstamp;
	bool cancelled;
};

struct ctx {
	const struct rk_school *school;
	const struct rk_plan *plan;
	const char *dir;
	const char *tzid;
	long long now;
	int today; /* in the school's time zone */
	struct rk_diags *diags;
	struct rk_feed_state *old;
	struct rk_tokens *tokens;
	struct rk_arena arena;	/* strings and arrays of the run */
	struct rk_vec items;	/* struct item */
	const char **plan_uids; /* sorted, for finding what left the plan */
	struct rk_vec feeds;	/* struct feed, in the order of index.tsv */
	icalcomponent *vtimezone;
	char *vtimezone_text;	/* as libical writes it, once for every feed */
	unsigned jobs;		/* threads that render and write; 0 is 1 */
	struct rk_vec variants; /* struct variant, each item's together */
	struct outcome *outcomes; /* per feed */
	struct outcome state;	  /* feeds.state's, written beside them */
	const char *state_path;
	pthread_mutex_t locks[N_LOCKS];
	struct shared *shared; /* per item */
	size_t *order;	       /* the feeds in the order they are written */
	/* The feed of each person and of each team (place_items). */
	size_t *person_feed, *team_feed;
	pthread_mutex_t item_locks[N_LOCKS];
	/* An empty VEVENT's BEGIN line and END line as libical writes them
	 * (what a piece rendered in a VEVENT of its own is cut from). */
	size_t begin_len, end_len;
	char *empty_vevent;
	struct lines lines;
	const char *organizer;	    /* a mailto: URI */
	const char *organizer_name; /* whose address it is */
	const char *base_url;	    /* feeds.base_url, or NULL */
	struct rk_feeds_report report;
};

long long rk_feeds_now(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		char *end;
		errno = 0;
		long long value = strtoll(env, &end, 10);
		if (!errno && !*end && value >= 0)
			return value;
	}
	return (long long)time(NULL);
}

/* ------------------------------------------------------------------ */
/* Small helpers */

static void put(struct rk_tsv *t, const char *text)
{
	rk_tsv_append(t, text, strlen(text));
}

/* Empties @t for the next text, keeping its memory. */
static void clear(struct rk_tsv *t)
{
	t->len = 0;
	t->nomem = false;
	if (t->data)
		t->data[0] = '\0';
}

static const char *keep(struct ctx *c, const char *text)
{
	return rk_arena_strndup(&c->arena, text ? text : "",
				text ? strlen(text) : 0);
}

static const char *keepf(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *keepf(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *text = rk_arena_vprintf(&c->arena, fmt, ap);
	va_end(ap);
	return text;
}

static enum rk_status io_error(struct ctx *c, const char *path,
			       const char *what)
{
	rk_diags_add(c->diags, RK_SEV_ERROR, path, 0, 0, _("cannot %s: %s"),
		     what, strerror(errno));
	return RK_ERR_IO;
}

static const char *person_name(const struct ctx *c, int person)
{
	const struct rk_person *p =
		person >= 0 ? rk_school_get_person(c->school, (size_t)person)
			    : NULL;
	return p ? p->name : "?";
}

static const char *person_id(const struct ctx *c, int person)
{
	const struct rk_person *p =
		person >= 0 ? rk_school_get_person(c->school, (size_t)person)
			    : NULL;
	return p ? p->id : "?";
}

/* An item of a list "ID:ROLE,ID:ROLE" or "ID,ID", not NUL-terminated. */
struct list_item {
	const char *id;
	size_t len;
	const char *role; /* after the ':', "" when none */
	size_t role_len;
};

/* The next item of the list at @*cursor; false at its end. */
static bool list_next(const char **cursor, struct list_item *item)
{
	const char *s = *cursor;
	if (!*s)
		return false;
	const char *comma = strchr(s, ',');
	size_t n = comma ? (size_t)(comma - s) : strlen(s);
	const char *colon = memchr(s, ':', n);
	item->id = s;
	item->len = colon ? (size_t)(colon - s) : n;
	item->role = colon ? colon + 1 : "";
	item->role_len = colon ? n - item->len - 1 : 0;
	*cursor = comma ? comma + 1 : s + n;
	return true;
}

static bool list_has(const char *list, const struct list_item *want)
{
	struct list_item item;
	while (list_next(&list, &item))
		if (item.len == want->len &&
		    !memcmp(item.id, want->id, want->len))
			return true;
	return false;
}

static size_t list_count(const char *list)
{
	struct list_item item;
	size_t n = 0;
	while (list_next(&list, &item))
		n++;
	return n;
}

/* The index of the person whose id is the @len bytes at @id, or -1. */
static int find_person(const struct ctx *c, const char *id, size_t len)
{
	size_t n = rk_school_n_person(c->school);
	for (size_t i = 0; i < n; i++) {
		const char *pid = rk_school_get_person(c->school, i)->id;
		if (strlen(pid) == len && !memcmp(pid, id, len))
			return (int)i;
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Words */

/* Who takes part, for the description. */
static void put_who(const struct ctx *c, struct rk_tsv *t,
		    const struct rk_event *ev)
{
	size_t visitors = rk_event_words_count(ev, RK_PART_VISITOR, -1);
	if (ev->kind == RK_EV_LB && visitors &&
	    rk_event_words_count(ev, RK_PART_HOST, -1)) {
		rk_event_words_names(c->school, t, ev, RK_PART_VISITOR, -1);
		put(t, visitors > 1 ? " bezoeken de les van "
				    : " bezoekt de les van ");
		rk_event_words_names(c->school, t, ev, RK_PART_HOST, -1);
		rk_event_words_where(t, ev);
		put(t, ".");
		if (rk_event_words_count(ev, RK_PART_COVER, -1)) {
			const char *group =
				rk_event_words_covered_group(c->school, ev);
			put(t, " ");
			rk_event_words_names(c->school, t, ev, RK_PART_COVER,
					     -1);
			put(t, " neemt intussen ");
			put(t, group ? group : "de groep");
			put(t, " over.");
		}
		return;
	}
	if (ev->n_parts > MANY_PEOPLE) {
		char buf[64];
		snprintf(buf, sizeof(buf), "Deelnemers: %zu personen.",
			 ev->n_parts);
		put(t, buf);
		return;
	}
	put(t, "Deelnemers: ");
	rk_event_words_names(c->school, t, ev, -1, -1);
	put(t, ".");
}

static void put_description(const struct ctx *c, struct rk_tsv *t,
			    const struct item *it)
{
	const struct rk_event *ev = &it->ev;
	struct rk_tsv about = { 0 };
	put(t, it->description);
	rk_event_words_about(&about, ev);
	if (about.len) {
		put(t, t->len ? "\n\n" : "");
		put(t, about.data);
	}
	t->nomem |= about.nomem;
	rk_tsv_release(&about);
	if (ev->kind == RK_EV_METING) {
		put(t, t->len ? "\n\n" : "");
		if (ev->opens < ev->date) {
			put(t, "Invullen vanaf ");
			rk_event_words_date(t, ev->opens);
			put(t, ", uiterlijk ");
		} else {
			put(t, "Invullen uiterlijk ");
		}
		rk_event_words_date(t, ev->date);
		put(t, ".");
	}
	if (ev->n_parts) {
		put(t, t->len ? "\n\n" : "");
		put_who(c, t, ev);
	}
}

/* The agenda of the event, or else what its week of the period is about. */
static const char *description_of(struct ctx *c, const struct rk_event *ev)
{
	if (ev->agenda && *ev->agenda)
		return keep(c, ev->agenda);
	const struct rk_period *p = NULL;
	for (size_t i = 0; i < rk_plan_n_periods(c->plan); i++)
		if (rk_plan_period(c->plan, i)->number == ev->period)
			p = rk_plan_period(c->plan, i);
	if (!p || ev->week_in_period <= 0)
		return keep(c, "");
	char agenda[600];
	rk_ritmiek_week(p->weeks, ev->week_in_period,
			p->phase && !strcmp(p->phase, "aan de slag"), agenda,
			sizeof(agenda));
	return keepf(c, "Week %d van periode %d. %s", ev->week_in_period,
		     p->number, agenda);
}

/* ------------------------------------------------------------------ */
/* The events to publish and what changed */

static const char *team_id_of(const struct ctx *c, int team)
{
	const struct rk_team *t =
		team >= 0 ? rk_school_get_team(c->school, (size_t)team) : NULL;
	return t ? t->id : "";
}

/* "P01:visitor,P02:host", as in plan.tsv. */
static const char *participants_text(struct ctx *c, const struct rk_event *ev)
{
	struct rk_tsv t = { 0 };
	put(&t, "");
	for (size_t i = 0; i < ev->n_parts; i++) {
		put(&t, i ? "," : "");
		put(&t, person_id(c, ev->parts[i].person));
		put(&t, ":");
		put(&t, rk_part_role_name(ev->parts[i].role));
	}
	const char *text = t.nomem ? NULL : keep(c, t.data);
	rk_tsv_release(&t);
	return text;
}

/* Of everything that is rendered, all but DTSTAMP and SEQUENCE. */
static enum rk_status content_hash(struct ctx *c, struct item *it)
{
	const struct rk_event *ev = &it->ev;
	const struct rk_settings *s = rk_school_get_settings(c->school);
	char numbers[128];
	snprintf(numbers, sizeof(numbers), "%d %d %d %d %d %d",
		 s->reminder_minutes, (int)ev->kind, ev->date, ev->start,
		 ev->end, ev->opens);
	struct rk_tsv t = { 0 };
	rk_tsv_field(&t, RENDER_VERSION);
	rk_tsv_field(&t, c->tzid);
	rk_tsv_field(&t, c->organizer);
	rk_tsv_field(&t, c->organizer_name);
	rk_tsv_field(&t, rk_school_get_info(c->school)->name);
	rk_tsv_field(&t, numbers);
	rk_tsv_field(&t, it->team_id);
	rk_tsv_field(&t, it->participants);
	for (size_t i = 0; i < ev->n_parts; i++)
		rk_tsv_field(&t, person_name(c, ev->parts[i].person));
	rk_tsv_field(&t, ev->location);
	rk_tsv_field(&t, ev->group);
	rk_tsv_field(&t, ev->title);
	rk_tsv_field(&t, it->description);
	enum rk_status status = t.nomem ? RK_ERR_NOMEM : RK_OK;
	if (status == RK_OK)
		it->hash = rk_fnv1a(t.data, t.len);
	rk_tsv_release(&t);
	return status;
}

/* The people who had @old and no longer have @it: they get it once more,
 * as cancelled, until its day has passed. */
static const char *former_of(struct ctx *c, const struct item *it,
			     const struct rk_feed_entry *old)
{
	if (it->ev.date < c->today)
		return "";
	struct rk_tsv t = { 0 };
	const char *lists[2] = { old->former, old->participants };
	put(&t, "");
	for (int l = 0; l < 2; l++) {
		const char *cursor = lists[l];
		struct list_item item;
		while (list_next(&cursor, &item)) {
			if (list_has(it->participants, &item) ||
			    list_has(t.data ? t.data : "", &item))
				continue;
			put(&t, t.len ? "," : "");
			rk_tsv_append(&t, item.id, item.len);
		}
	}
	const char *text = t.nomem ? NULL : keep(c, t.data);
	rk_tsv_release(&t);
	return text;
}

/* SEQUENCE and DTSTAMP: kept while the content is, renewed on a change. */
static const char *publish(struct ctx *c, struct item *it)
{
	const struct rk_feed_entry *old = rk_feed_state_find(c->old, it->uid);
	if (!old) {
		it->sequence = 0;
		it->dtstamp = c->now;
		c->report.added++;
		return "";
	}
	if (!old->cancelled && old->hash == it->hash) {
		it->sequence = old->sequence;
		it->dtstamp = old->dtstamp;
		c->report.unchanged++;
		return it->ev.date < c->today ? "" : keep(c, old->former);
	}
	it->sequence = old->sequence + 1;
	it->dtstamp = c->now;
	c->report.changed++;
	return former_of(c, it, old);
}

/* The people of the list @ids that the school still has. */
static enum rk_status resolve_former(struct ctx *c, struct item *it)
{
	const char *cursor = it->former;
	struct list_item item;
	it->former_people =
		rk_arena_alloc(&c->arena, list_count(cursor), sizeof(int));
	if (!it->former_people)
		return RK_ERR_NOMEM;
	it->n_former = 0;
	while (list_next(&cursor, &item)) {
		int p = find_person(c, item.id, item.len);
		if (p >= 0)
			it->former_people[it->n_former++] = p;
	}
	return RK_OK;
}

/* Sessions held at school that are not one team's: in the school's room. */
static const unsigned at_school_kinds =
	KIND(RK_EV_DRAAGVLAKSESSIE) | KIND(RK_EV_STARTDAG) |
	KIND(RK_EV_VERBINDING) | KIND(RK_EV_LKTEAM);

/* Where @ev is held: its own place (a lesbezoek's lesson room), else its
 * team's room, else the school's room for a school-wide session; NULL
 * when nothing names one. A lesbezoek is in a classroom, not the team's
 * room; webinars, forums and deadlines are not at school at all. */
static const char *room_of(const struct ctx *c, const struct rk_event *ev)
{
	if ((ev->location && *ev->location) || ev->kind == RK_EV_LB)
		return ev->location;
	const struct rk_team *t =
		ev->team >= 0 ? rk_school_get_team(c->school, (size_t)ev->team)
			      : NULL;
	const char *room = t ? t->room : NULL;
	if (!t && (unsigned)ev->kind < RK_N_EVENT_KINDS &&
	    (at_school_kinds & KIND(ev->kind)))
		room = rk_school_get_info(c->school)->room;
	return room && *room ? room : ev->location;
}

static enum rk_status add_plan_item(struct ctx *c, const struct rk_event *ev)
{
	struct item *it = rk_vec_push(&c->items, sizeof(*it));
	if (!it)
		return RK_ERR_NOMEM;
	it->ev = *ev;
	it->ev.location = room_of(c, ev);
	it->uid = keepf(c, "%s@ritmiek", ev->id);
	it->description = description_of(c, ev);
	it->team_id = team_id_of(c, ev->team);
	it->participants = participants_text(c, ev);
	if (!it->uid || !it->description || !it->participants)
		return RK_ERR_NOMEM;
	enum rk_status status = content_hash(c, it);
	if (status != RK_OK)
		return status;
	it->former = publish(c, it);
	return it->former ? resolve_former(c, it) : RK_ERR_NOMEM;
}

/* The participants of a published event, of the people the school still
 * has. */
static enum rk_status parts_from(struct ctx *c, struct rk_event *ev,
				 const char *list)
{
	const char *cursor = list;
	struct list_item item;
	ev->parts =
		rk_arena_alloc(&c->arena, list_count(list), sizeof(*ev->parts));
	if (!ev->parts)
		return RK_ERR_NOMEM;
	while (list_next(&cursor, &item)) {
		int p = find_person(c, item.id, item.len);
		char word[16] = "";
		if (item.role_len < sizeof(word))
			memcpy(word, item.role, item.role_len);
		int role = rk_part_role_parse(word);
		if (p < 0)
			continue;
		ev->parts[ev->n_parts].person = p;
		ev->parts[ev->n_parts].role =
			role < 0 ? RK_PART_ATTENDEE : (enum rk_part_role)role;
		ev->n_parts++;
	}
	return RK_OK;
}

/* An event of the state that left the plan, published as cancelled. */
static enum rk_status add_cancelled(struct ctx *c,
				    const struct rk_feed_entry *e)
{
	struct item *it = rk_vec_push(&c->items, sizeof(*it));
	if (!it)
		return RK_ERR_NOMEM;
	*it = (struct item){
		.ev = { .id = e->uid,
			.kind = e->kind,
			.date = e->date,
			.start = e->start,
			.end = e->end,
			.opens = e->opens,
			.team = rk_school_find_team(c->school, e->team),
			.title = e->title,
			.location = e->location,
			.group = e->group },
		.uid = e->uid,
		.description = e->description,
		.team_id = e->team,
		.participants = e->participants,
		.former = e->former,
		.hash = e->hash,
		.cancelled = true,
		.sequence = e->cancelled ? e->sequence : e->sequence + 1,
		.dtstamp = e->cancelled ? e->dtstamp : c->now,
	};
	c->report.cancelled++;
	enum rk_status status = parts_from(c, &it->ev, e->participants);
	return status == RK_OK ? resolve_former(c, it) : status;
}

static int cmp_str(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	return strcmp(*x, *y);
}

static int cmp_key(const void *key, const void *elem)
{
	const char *const *e = elem;
	return strcmp(key, *e);
}

static struct item *item_at(const struct ctx *c, size_t i)
{
	return rk_vec_at(&c->items, i, sizeof(struct item));
}

/* The plan's events in its order, then those that left it, in the order
 * they were published in. */
static enum rk_status collect_items(struct ctx *c)
{
	enum rk_status status = RK_OK;
	size_t n = rk_plan_n_events(c->plan);
	for (size_t i = 0; i < n && status == RK_OK; i++)
		status = add_plan_item(c, rk_plan_event(c->plan, i));
	if (status != RK_OK)
		return status;
	c->plan_uids = rk_arena_alloc(&c->arena, n, sizeof(char *));
	if (!c->plan_uids)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		c->plan_uids[i] = item_at(c, i)->uid;
	qsort(c->plan_uids, n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < rk_feed_state_count(c->old); i++) {
		const struct rk_feed_entry *e = rk_feed_state_get(c->old, i);
		if (bsearch(e->uid, c->plan_uids, n, sizeof(char *), cmp_key))
			continue;
		if (e->date < c->today) {
			c->report.dropped++;
			continue;
		}
		status = add_cancelled(c, e);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

/* ------------------------------------------------------------------ */
/* The feeds */

static enum rk_status add_feed(struct ctx *c, enum feed_kind kind,
			       unsigned kinds, int index, const char *id,
			       const char *name, const char *file)
{
	if (!file)
		return RK_ERR_NOMEM;
	struct feed *f = rk_vec_push(&c->feeds, sizeof(*f));
	if (!f)
		return RK_ERR_NOMEM;
	*f = (struct feed){ kind, kinds, index, id, name ? name : id,
			    file, { 0 } };
	return RK_OK;
}

struct keyed {
	const char *id;
	int index;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	return strcmp(x->id, y->id);
}

/* The teams' or people's ids with their indices, sorted by id. */
static struct keyed *sorted(struct ctx *c, bool teams, size_t *n)
{
	*n = teams ? rk_school_n_team(c->school)
		   : rk_school_n_person(c->school);
	struct keyed *keys = rk_arena_alloc(&c->arena, *n, sizeof(*keys));
	if (!keys)
		return NULL;
	for (size_t i = 0; i < *n; i++) {
		keys[i].id = teams ? rk_school_get_team(c->school, i)->id
				   : rk_school_get_person(c->school, i)->id;
		keys[i].index = (int)i;
	}
	if (*n)
		qsort(keys, *n, sizeof(*keys), cmp_keyed);
	return keys;
}

static enum rk_status add_people(struct ctx *c)
{
	size_t n;
	struct keyed *people = sorted(c, false, &n);
	if (!people)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct rk_person *p = rk_school_get_person(
			c->school, (size_t)people[i].index);
		const char *token;
		enum rk_status status =
			rk_tokens_ensure(c->tokens, p->id, &token);
		if (status == RK_ERR_IO)
			rk_diags_add(c->diags, RK_SEV_ERROR, NULL, 0, 0,
				     _("cannot read random bytes for a feed "
				       "token: %s"),
				     strerror(errno));
		if (status == RK_OK)
			status = add_feed(c, FEED_PERSON, 0, people[i].index,
					  p->id, p->name,
					  keepf(c, "feeds/%s.ics", token));
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

/* In the order of index.tsv: the school, the roles, the teams and the
 * people, each by id. */
static enum rk_status collect_feeds(struct ctx *c)
{
	const struct rk_school_info *info = rk_school_get_info(c->school);
	enum rk_status status =
		add_feed(c, FEED_SCHOOL, school_kinds, -1, info->id, info->name,
			 "feeds/school.ics");
	if (status == RK_OK)
		status = add_feed(c, FEED_ROLE, lkteam_kinds, -1,
				  "leerkracht-team", "leerKRACHT-team",
				  "feeds/leerkracht-team.ics");
	if (status == RK_OK)
		status = add_feed(c, FEED_ROLE, leiding_kinds, -1,
				  "schoolleiding", "Schoolleiding",
				  "feeds/schoolleiding.ics");
	size_t n;
	struct keyed *teams = status == RK_OK ? sorted(c, true, &n) : NULL;
	if (!teams)
		return status == RK_OK ? RK_ERR_NOMEM : status;
	char **names = rk_team_names_new(c->school);
	if (!names)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < n && status == RK_OK; i++) {
		const struct rk_team *t =
			rk_school_get_team(c->school, (size_t)teams[i].index);
		status = add_feed(
			c, FEED_TEAM, 0, teams[i].index, t->id, t->name,
			keepf(c, "feeds/%s.ics", names[teams[i].index]));
	}
	rk_team_names_free(names, n);
	return status == RK_OK ? add_people(c) : status;
}

/* Whether the last item feed @f shows is @item. */
static bool shows_last(const struct ctx *c, const struct feed *f, size_t item)
{
	if (!f->shows.n)
		return false;
	const size_t *v = rk_vec_at(&f->shows, f->shows.n - 1, sizeof(*v));
	const struct variant *var = rk_vec_at(&c->variants, *v, sizeof(*var));
	return var->item == item;
}

/* Puts item @i into feed @f as person @view (-1: nobody in particular)
 * sees it, as one of its variants: an existing one (from @first on) with
 * the same SUMMARY, else a new one. @buf is for the SUMMARY. */
static enum rk_status show(struct ctx *c, struct rk_tsv *buf, size_t i,
			   size_t first, struct feed *f, int view,
			   bool cancelled)
{
	const struct item *it = item_at(c, i);
	size_t v = first;
	clear(buf);
	/* Clients that show cancelled events rather than drop them. */
	put(buf, cancelled ? "Vervallen: " : "");
	rk_event_words_summary(c->school, buf, &it->ev, view);
	if (buf->nomem)
		return RK_ERR_NOMEM;
	for (; v < c->variants.n; v++) {
		const struct variant *var =
			rk_vec_at(&c->variants, v, sizeof(*var));
		if (var->cancelled == cancelled &&
		    !strcmp(var->summary, buf->data))
			break;
	}
	if (v == c->variants.n) {
		struct variant *var = rk_vec_push(&c->variants, sizeof(*var));
		if (!var)
			return RK_ERR_NOMEM;
		var->item = i;
		var->summary = keep(c, buf->data);
		var->cancelled = cancelled;
		atomic_init(&var->users, 0);
		if (!var->summary)
			return RK_ERR_NOMEM;
	}
	struct variant *var = rk_vec_at(&c->variants, v, sizeof(*var));
	atomic_fetch_add(&var->users, 1);
	size_t *at = rk_vec_push(&f->shows, sizeof(*at));
	if (!at)
		return RK_ERR_NOMEM;
	*at = v;
	return RK_OK;
}

/* Item @i in every feed that shows it: the school's and the roles' by its
 * kind, its team's, and the person feeds of its participants and (as
 * cancelled) of the people who left it. @person_feed and @team_feed give
 * the feed of each person and team. */
static enum rk_status place(struct ctx *c, struct rk_tsv *buf, size_t i,
			    const size_t *person_feed, const size_t *team_feed)
{
	const struct item *it = item_at(c, i);
	const struct rk_event *ev = &it->ev;
	size_t first = c->variants.n;
	enum rk_status status = RK_OK;
	for (size_t k = 0; k < c->feeds.n && status == RK_OK; k++) {
		struct feed *f = rk_vec_at(&c->feeds, k, sizeof(*f));
		if (f->kind == FEED_TEAM || f->kind == FEED_PERSON)
			break; /* the school's and the roles' come first */
		if ((unsigned)ev->kind < RK_N_EVENT_KINDS &&
		    (f->kinds & KIND(ev->kind)))
			status = show(c, buf, i, first, f, -1, it->cancelled);
	}
	if (status == RK_OK && ev->team >= 0 &&
	    (size_t)ev->team < rk_school_n_team(c->school))
		status = show(c, buf, i, first,
			      rk_vec_at(&c->feeds, team_feed[ev->team],
					sizeof(struct feed)),
			      -1, it->cancelled);
	size_t n = ev->n_parts + it->n_former;
	for (size_t k = 0; k < n && status == RK_OK; k++) {
		bool former = k >= ev->n_parts;
		int p = former ? it->former_people[k - ev->n_parts]
			       : ev->parts[k].person;
		if (p < 0 || (size_t)p >= rk_school_n_person(c->school))
			continue;
		struct feed *f = rk_vec_at(&c->feeds, person_feed[p],
					   sizeof(struct feed));
		/* Once per feed: someone named twice, or in it and former. */
		if (!shows_last(c, f, i))
			status = show(c, buf, i, first, f, p,
				      former || it->cancelled);
	}
	return status;
}

/* Which variants of which items each feed shows, in the items' order. */
static enum rk_status place_items(struct ctx *c)
{
	size_t people = rk_school_n_person(c->school);
	size_t teams = rk_school_n_team(c->school);
	c->person_feed = rk_arena_alloc(&c->arena, people, sizeof(size_t));
	c->team_feed = rk_arena_alloc(&c->arena, teams, sizeof(size_t));
	if (!c->person_feed || !c->team_feed)
		return RK_ERR_NOMEM;
	for (size_t k = 0; k < c->feeds.n; k++) {
		const struct feed *f = rk_vec_at(&c->feeds, k, sizeof(*f));
		if (f->kind == FEED_PERSON)
			c->person_feed[f->index] = k;
		else if (f->kind == FEED_TEAM)
			c->team_feed[f->index] = k;
	}
	struct rk_tsv buf = { 0 };
	enum rk_status status = RK_OK;
	for (size_t i = 0; i < c->items.n && status == RK_OK; i++)
		status = place(c, &buf, i, c->person_feed, c->team_feed);
	rk_tsv_release(&buf);
	return status;
}

/* ------------------------------------------------------------------ */
/* iCalendar, through libical */

static void add_prop(icalcomponent *comp, icalproperty *prop)
{
	if (prop)
		icalcomponent_add_property(comp, prop);
}

/* libical reports freeing NULL as an error. */
static void free_comp(icalcomponent *comp)
{
	if (comp)
		icalcomponent_free(comp);
}

static icalproperty *x_prop(const char *name, const char *value)
{
	icalproperty *prop = icalproperty_new_x(value);
	if (prop)
		icalproperty_set_x_name(prop, name);
	return prop;
}

/* A date (@minutes -1), or a local time of day, which may be 24:00. */
static struct icaltimetype local_time(int date, int minutes)
{
	if (minutes >= 24 * 60) {
		date += minutes / (24 * 60);
		minutes %= 24 * 60;
	}
	struct icaltimetype t =
		minutes < 0 ? icaltime_null_date() : icaltime_null_time();
	rk_date_to_ymd(date, &t.year, &t.month, &t.day);
	if (minutes >= 0) {
		t.hour = minutes / 60;
		t.minute = minutes % 60;
	}
	return t;
}

static struct icaltimetype utc_time(long long seconds)
{
	return icaltime_from_timet_with_zone((time_t)seconds, 0,
					     icaltimezone_get_utc_timezone());
}

/* @prop (a DTSTART or DTEND) with the school's TZID. */
static void add_local(const struct ctx *c, icalcomponent *e, icalproperty *prop)
{
	if (prop)
		icalproperty_add_parameter(prop,
					   icalparameter_new_tzid(c->tzid));
	add_prop(e, prop);
}

/* Timed events in the school's local time with its TZID, all-day events as
 * dates (DTEND the day after, as RFC 5545 wants). */
static void add_times(const struct ctx *c, icalcomponent *e,
		      const struct rk_event *ev)
{
	if (ev->start < 0) {
		add_prop(e, icalproperty_new_dtstart(local_time(ev->date, -1)));
		add_prop(e,
			 icalproperty_new_dtend(local_time(ev->date + 1, -1)));
		return;
	}
	add_local(c, e,
		  icalproperty_new_dtstart(local_time(ev->date, ev->start)));
	if (ev->end > ev->start)
		add_local(
			c, e,
			icalproperty_new_dtend(local_time(ev->date, ev->end)));
}

/* The reminder a reader who sees @summary gets of @ev: its text into @t
 * and whether it is a meting's (false: a session's). False when there is
 * none. Sessions: the school's reminder_minutes before (0: none).
 * Metingen: at 09:00 two days before the deadline (make_lines). */
static bool reminder_text(const struct ctx *c, const struct rk_event *ev,
			  const char *summary, struct rk_tsv *t, bool *meting)
{
	*meting = ev->kind == RK_EV_METING;
	if (*meting) {
		put(t, "Uiterlijk ");
		rk_event_words_date(t, ev->date);
		put(t, " invullen: ");
		put(t, summary);
		return true;
	}
	if (ev->start < 0 ||
	    rk_school_get_settings(c->school)->reminder_minutes <= 0)
		return false;
	put(t, summary);
	return true;
}

static void add_organizer(const struct ctx *c, icalcomponent *e)
{
	icalproperty *prop = icalproperty_new_organizer(c->organizer);
	if (prop)
		icalproperty_add_parameter(
			prop, icalparameter_new_cn(c->organizer_name));
	add_prop(e, prop);
}

/* A VEVENT's properties come in this order: the item's head (UID to
 * DTEND), the variant's SUMMARY, the item's body (DESCRIPTION to
 * ORGANIZER), the variant's STATUS and TRANSP; then its reminders. */
static void add_head(const struct ctx *c, icalcomponent *e,
		     const struct item *it)
{
	add_prop(e, icalproperty_new_uid(it->uid));
	add_prop(e, icalproperty_new_dtstamp(utc_time(it->dtstamp)));
	add_prop(e, icalproperty_new_sequence(it->sequence));
	add_times(c, e, &it->ev);
}

static void add_body(icalcomponent *e, const struct item *it,
		     const struct rk_tsv *description)
{
	const struct rk_event *ev = &it->ev;
	if (description->len)
		add_prop(e, icalproperty_new_description(description->data));
	if (ev->location && *ev->location)
		add_prop(e, icalproperty_new_location(ev->location));
	/* Then the kind's tail (struct lines), the same for every item. */
}

/* @e as libical writes it without its BEGIN and END lines, into *@text
 * (malloc'd) and *@len; frees @e. NULL @e: out of memory. */
static enum rk_status inner_text(const struct ctx *c, icalcomponent *e,
				 char **text, size_t *len)
{
	*text = NULL;
	char *all = e ? icalcomponent_as_ical_string_r(e) : NULL;
	free_comp(e);
	if (!all)
		return RK_ERR_NOMEM;
	size_t n = strlen(all);
	enum rk_status status = RK_OK;
	/* Every VEVENT starts and ends as the empty one does. */
	if (n < c->begin_len + c->end_len ||
	    memcmp(all, c->empty_vevent, c->begin_len) != 0 ||
	    memcmp(all + n - c->end_len, c->empty_vevent + c->begin_len,
		   c->end_len) != 0)
		status = RK_ERR_BUG;
	else if ((*text = malloc(n - c->begin_len - c->end_len + 1)))
		*len = n - c->begin_len - c->end_len;
	else
		status = RK_ERR_NOMEM;
	if (*text) {
		memcpy(*text, all + c->begin_len, *len);
		(*text)[*len] = '\0';
	}
	icalmemory_free_buffer(all);
	return status;
}

/* Appends the lines every item of @kind ends its body with (struct
 * lines) to *@text, *@len long. */
static enum rk_status append_tail(const struct ctx *c, enum rk_event_kind kind,
				  char **text, size_t *len)
{
	size_t n = c->lines.kind_tail_len[kind];
	char *grown = realloc(*text, *len + n + 1);
	if (!grown)
		return RK_ERR_NOMEM;
	memcpy(grown + *len, c->lines.kind_tail[kind], n + 1);
	*text = grown;
	*len += n;
	return RK_OK;
}

/* The head and body of item @i (struct shared), rendered unless they
 * are; the caller holds its item lock. */
static enum rk_status render_shared(const struct ctx *c, size_t i)
{
	struct shared *sh = &c->shared[i];
	if (sh->head)
		return RK_OK;
	const struct item *it = item_at(c, i);
	struct rk_tsv description = { 0 };
	put_description(c, &description, it);
	icalcomponent *head = icalcomponent_new_vevent();
	icalcomponent *body =
		description.nomem ? NULL : icalcomponent_new_vevent();
	if (head)
		add_head(c, head, it);
	if (body)
		add_body(body, it, &description);
	rk_tsv_release(&description);
	enum rk_status status = inner_text(c, head, &sh->head, &sh->head_len);
	enum rk_status second = inner_text(c, body, &sh->body, &sh->body_len);
	if (second == RK_OK)
		second = append_tail(c, it->ev.kind, &sh->body, &sh->body_len);
	if (status == RK_OK)
		status = second;
	if (status != RK_OK) {
		free(sh->head);
		free(sh->body);
		sh->head = sh->body = NULL;
	}
	return status;
}

/* Item @i's shared pieces, rendered unless they are. */
static enum rk_status shared_of(struct ctx *c, size_t i)
{
	pthread_mutex_t *lock = &c->item_locks[i % N_LOCKS];
	pthread_mutex_lock(lock);
	enum rk_status status = render_shared(c, i);
	pthread_mutex_unlock(lock);
	return status;
}

/* One more variant of item @i is rendered: the last frees its pieces. */
static void shared_done(struct ctx *c, size_t i)
{
	pthread_mutex_t *lock = &c->item_locks[i % N_LOCKS];
	pthread_mutex_lock(lock);
	struct shared *sh = &c->shared[i];
	if (--sh->pending == 0) {
		free(sh->head);
		free(sh->body);
		sh->head = sh->body = NULL;
	}
	pthread_mutex_unlock(lock);
}

/* @prop as libical writes it (freed), or NULL. */
static char *prop_text(icalproperty *prop)
{
	char *text = prop ? icalproperty_as_ical_string_r(prop) : NULL;
	if (prop)
		icalproperty_free(prop);
	return text;
}

/* The VEVENT of variant @v as text: its item's shared head and body
 * around the variant's own SUMMARY, then its STATUS and TRANSP lines and
 * its reminder with its own DESCRIPTION, each piece as libical writes it.
 * Runs in the worker threads: it only reads the context but for the
 * item's pieces (under its lock), and libical keeps its error number and
 * temporary buffers per thread. */
static enum rk_status render(struct ctx *c, struct variant *v)
{
	const struct item *it = item_at(c, v->item);
	enum rk_status status = shared_of(c, v->item);
	if (status != RK_OK)
		return status;
	const struct shared *sh = &c->shared[v->item];
	const struct lines *ln = &c->lines;
	char *summary = prop_text(icalproperty_new_summary(v->summary));
	char *alarm = NULL;
	struct rk_tsv text = { 0 };
	bool meting = false,
	     has_alarm = !v->cancelled &&
			 reminder_text(c, &it->ev, v->summary, &text, &meting);
	if (has_alarm && !text.nomem)
		alarm = prop_text(icalproperty_new_description(text.data));
	rk_tsv_release(&text);
	/* A meting is a deadline: it keeps nobody from other appointments;
	 * nor does a cancelled event, which stays in view beside its
	 * replacement until its day has passed (the TRANSP line). */
	bool transparent = it->ev.kind == RK_EV_METING || v->cancelled;
	/* After the head: SUMMARY to TRANSP, then the reminder's lines when
	 * there is one; the END line last. */
	const char *pieces[] = {
		summary,
		sh->body,
		ln->status[v->cancelled],
		ln->transp[transparent],
		ln->alarm_begin,
		ln->action,
		alarm,
		ln->trigger[meting],
		ln->alarm_end,
	};
	size_t n = has_alarm ? sizeof(pieces) / sizeof(pieces[0]) : 4,
	       lens[sizeof(pieces) / sizeof(pieces[0])];
	v->len = c->begin_len + sh->head_len + c->end_len;
	status = summary && (!has_alarm || alarm) ? RK_OK : RK_ERR_NOMEM;
	for (size_t k = 0; status == RK_OK && k < n; k++)
		v->len += lens[k] = k == 1 ? sh->body_len : strlen(pieces[k]);
	v->text = status == RK_OK ? malloc(v->len + 1) : NULL;
	if (v->text) {
		char *at = v->text;
		memcpy(at, c->empty_vevent, c->begin_len);
		at += c->begin_len;
		memcpy(at, sh->head, sh->head_len);
		at += sh->head_len;
		for (size_t k = 0; k < n; k++) {
			memcpy(at, pieces[k], lens[k]);
			at += lens[k];
		}
		memcpy(at, c->empty_vevent + c->begin_len, c->end_len + 1);
	} else if (status == RK_OK) {
		status = RK_ERR_NOMEM;
	}
	if (summary)
		icalmemory_free_buffer(summary);
	if (alarm)
		icalmemory_free_buffer(alarm);
	if (status == RK_OK)
		shared_done(c, v->item);
	return status;
}

static icalcomponent *tz_part(icalcomponent_kind kind, const char *name,
			      int from, int to, int month, int day, int hour,
			      const char *rule)
{
	icalcomponent *part = icalcomponent_new(kind);
	if (!part)
		return NULL;
	struct icaltimetype start = icaltime_null_time();
	start.year = 1970;
	start.month = month;
	start.day = day;
	start.hour = hour;
	add_prop(part, icalproperty_new_tzname(name));
	add_prop(part, icalproperty_new_tzoffsetfrom(from));
	add_prop(part, icalproperty_new_tzoffsetto(to));
	add_prop(part, icalproperty_new_dtstart(start));
	add_prop(part,
		 icalproperty_new_rrule(icalrecurrencetype_from_string(rule)));
	return part;
}

/* Europe/Amsterdam with one STANDARD and one DAYLIGHT part and yearly rules
 * (the EU rules, since 1996): Outlook misplaces events under a zone given
 * as a list of dates. */
static icalcomponent *amsterdam(void)
{
	icalcomponent *tz = icalcomponent_new_vtimezone();
	icalcomponent *std =
		tz_part(ICAL_XSTANDARD_COMPONENT, "CET", 7200, 3600, 10, 25, 3,
			"FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
	icalcomponent *dst =
		tz_part(ICAL_XDAYLIGHT_COMPONENT, "CEST", 3600, 7200, 3, 29, 2,
			"FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
	if (!tz || !std || !dst) {
		free_comp(tz);
		free_comp(std);
		free_comp(dst);
		return NULL;
	}
	add_prop(tz, icalproperty_new_tzid("Europe/Amsterdam"));
	icalcomponent_add_component(tz, std);
	icalcomponent_add_component(tz, dst);
	return tz;
}

/* Other zones as libical knows them, under the plain name the events use
 * (libical's own TZID may carry a prefix). */
static icalcomponent *vtimezone_of(const char *tzid)
{
	if (!strcmp(tzid, "Europe/Amsterdam"))
		return amsterdam();
	icaltimezone *zone = icaltimezone_get_builtin_timezone(tzid);
	icalcomponent *comp = zone ? icaltimezone_get_component(zone) : NULL;
	if (!comp)
		return NULL;
	comp = icalcomponent_new_clone(comp);
	icalproperty *prop = comp ? icalcomponent_get_first_property(
					    comp, ICAL_TZID_PROPERTY)
				  : NULL;
	if (prop)
		icalproperty_set_tzid(prop, tzid);
	return comp;
}

/* What the calendar holds, for a client's subscription dialog. */
static void calendar_description(const struct ctx *c, const struct feed *f,
				 char *buf, size_t size)
{
	const char *school = rk_school_get_info(c->school)->name;
	switch (f->kind) {
	case FEED_SCHOOL:
		snprintf(buf, size,
			 "De leerKRACHT-bijeenkomsten voor heel %s en de "
			 "metingen.",
			 school);
		break;
	case FEED_ROLE:
		snprintf(buf, size,
			 "De sessies van het leerKRACHT-team van %s, het "
			 "ondersteuningsprogramma en de schoolbrede "
			 "bijeenkomsten%s.",
			 school,
			 f->kinds & KIND(RK_EV_BORDSESSIE)
				 ? ", met de bordsessies van alle teams"
				 : "");
		break;
	case FEED_TEAM:
		snprintf(buf, size,
			 "Alle leerKRACHT-sessies van %s (%s): bordsessies, "
			 "lesontwerp, lesbezoeken en feedbackgesprekken.",
			 f->name, school);
		break;
	default:
		snprintf(buf, size,
			 "De leerKRACHT-sessies van %s (%s). Persoonlijk: "
			 "deel deze link niet.",
			 f->name, school);
		break;
	}
}

/* The VCALENDAR of @f without its components: its properties, which name
 * the feed; the VTIMEZONE and the events go before its END line. */
static icalcomponent *new_calendar(const struct ctx *c, const struct feed *f)
{
	int hours = rk_school_get_settings(c->school)->feed_ttl_hours;
	struct icaldurationtype ttl = icaldurationtype_null_duration();
	char name[512], about[1024], ttl_text[32];
	icalcomponent *cal = icalcomponent_new_vcalendar();
	if (!cal)
		return NULL;
	ttl.hours = (unsigned)hours;
	snprintf(name, sizeof(name), RK_FEED_NAME_PREFIX "%s", f->name);
	snprintf(ttl_text, sizeof(ttl_text), "PT%dH", hours);
	add_prop(cal, icalproperty_new_version("2.0"));
	add_prop(cal, icalproperty_new_prodid(PRODID));
	add_prop(cal, icalproperty_new_calscale("GREGORIAN"));
	add_prop(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	calendar_description(c, f, about, sizeof(about));
	add_prop(cal, icalproperty_new_name(name)); /* RFC 7986 */
	add_prop(cal, x_prop("X-WR-CALNAME", name));
	add_prop(cal, x_prop("X-WR-CALDESC", about));
	add_prop(cal, x_prop("X-WR-TIMEZONE", c->tzid));
	add_prop(cal, icalproperty_new_refreshinterval(ttl));
	add_prop(cal, x_prop("X-PUBLISHED-TTL", ttl_text));
	return cal;
}

/* ------------------------------------------------------------------ */
/* Writing */

static const char *in_dir(struct ctx *c, const char *name)
{
	return keepf(c, "%s/%s", c->dir, name);
}

static enum rk_status write_text(struct ctx *c, const char *path,
				 const char *text, size_t len)
{
	if (!path)
		return RK_ERR_NOMEM;
	enum rk_status status = rk_textfile_write_staged(path, text, len);
	if (status == RK_ERR_IO)
		return io_error(c, path, _("write"));
	return status;
}

/* Work shared out over the threads: task @i for each @i below @n, taken
 * in turns, so the order the tasks run in varies but not what they make.
 * After a failure no new task starts. */
struct work {
	struct ctx *c;
	size_t n;
	atomic_size_t next;
	atomic_bool failed;
	enum rk_status (*task)(struct ctx *c, size_t i, struct rk_tsv *buf);
};

struct worker {
	struct work *work;
	struct rk_tsv buf; /* the thread's own, reused task after task */
	bool own_thread;
};

static void *work_loop(void *arg)
{
	struct worker *w = arg;
	struct work *work = w->work;
	while (!atomic_load(&work->failed)) {
		size_t i = atomic_fetch_add(&work->next, 1);
		if (i >= work->n)
			break;
		if (work->task(work->c, i, &w->buf) != RK_OK)
			atomic_store(&work->failed, true);
	}
	rk_tsv_release(&w->buf);
	/* libical's temporary buffers are per thread. */
	if (w->own_thread)
		icalmemory_free_ring();
	return NULL;
}

/* Runs the tasks on c->jobs threads, this one among them; a thread that
 * cannot be started leaves its share to the others. False when a task
 * failed (it says how in its own result). */
static bool run_work(struct ctx *c, size_t n,
		     enum rk_status (*task)(struct ctx *, size_t,
					    struct rk_tsv *))
{
	struct work work = { .c = c, .n = n, .task = task };
	size_t threads = c->jobs > 1 ? c->jobs : 1;
	if (threads > n)
		threads = n ? n : 1;
	atomic_init(&work.next, 0);
	atomic_init(&work.failed, false);
	struct worker *workers = calloc(threads, sizeof(*workers));
	pthread_t *ids = calloc(threads, sizeof(*ids));
	size_t started = 1;
	if (!workers || !ids)
		threads = 0; /* no room even for the list: this thread alone */
	for (; started < threads; started++) {
		workers[started] = (struct worker){ &work, { 0 }, true };
		if (pthread_create(&ids[started], NULL, work_loop,
				   &workers[started]) != 0)
			break;
	}
	struct worker self = { &work, { 0 }, false };
	work_loop(&self);
	for (size_t i = 1; i < started && i < threads; i++)
		pthread_join(ids[i], NULL);
	free(ids);
	free(workers);
	return !atomic_load(&work.failed);
}

/* Variant @v, rendered by this thread unless another did it first. */
static const struct variant *rendered(struct ctx *c, size_t v)
{
	struct variant *var = rk_vec_at(&c->variants, v, sizeof(*var));
	pthread_mutex_t *lock = &c->locks[v % N_LOCKS];
	pthread_mutex_lock(lock);
	enum rk_status status = var->text ? RK_OK : render(c, var);
	pthread_mutex_unlock(lock);
	return status == RK_OK ? var : NULL;
}

/* The feed is done with variant @v: the last one frees it. */
static void used(struct ctx *c, size_t v)
{
	struct variant *var = rk_vec_at(&c->variants, v, sizeof(*var));
	if (atomic_fetch_sub(&var->users, 1) == 1) {
		free(var->text);
		var->text = NULL;
	}
}

/* Feed @i from the rendered variants: the calendar's properties, the
 * VTIMEZONE, the events and the END line, exactly as libical writes the
 * whole calendar (a component is its BEGIN line, its properties, its
 * components and its END line). In a worker thread: the result goes to
 * c->outcomes. */
static enum rk_status write_task(struct ctx *c, size_t i, struct rk_tsv *buf)
{
	const struct feed *f = rk_vec_at(&c->feeds, i, sizeof(*f));
	struct outcome *out = &c->outcomes[i];
	char path[4096];
	icalcomponent *cal = new_calendar(c, f);
	char *head = cal ? icalcomponent_as_ical_string_r(cal) : NULL;
	free_comp(cal);
	if (!head)
		return out->status = RK_ERR_NOMEM;
	size_t len = strlen(head);
	size_t end = len > 2 ? len - 2 : 0; /* the END line's start */
	while (end > 0 && head[end - 1] != '\n')
		end--;
	clear(buf);
	rk_tsv_append(buf, head, end);
	put(buf, c->vtimezone_text);
	bool nomem = false;
	for (size_t k = 0; k < f->shows.n && !nomem; k++) {
		const size_t *v = rk_vec_at(&f->shows, k, sizeof(*v));
		const struct variant *var = rendered(c, *v);
		if (var)
			rk_tsv_append(buf, var->text, var->len);
		nomem = !var;
	}
	rk_tsv_append(buf, head + end, len - end);
	icalmemory_free_buffer(head);
	if (buf->nomem || nomem)
		return out->status = RK_ERR_NOMEM;
	for (size_t k = 0; k < f->shows.n; k++)
		used(c,
		     *(const size_t *)rk_vec_at(&f->shows, k, sizeof(size_t)));
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", c->dir, f->file) >=
	    sizeof(path)) {
		out->err = ENAMETOOLONG;
		return out->status = RK_ERR_IO;
	}
	out->status = rk_textfile_write_staged(path, buf->data, buf->len);
	out->err = errno;
	out->bytes = buf->len;
	return out->status;
}

/* The tail's lines for every reader (struct lines): each as libical
 * writes it alone, which is how it writes it in a VEVENT; a VALARM's
 * BEGIN and END lines cut from an empty one. A meting's reminder comes
 * at 09:00 two days before the deadline: an all-day event starts at
 * midnight, so 1 day and 15 hours before its start. */
static enum rk_status make_lines(struct ctx *c)
{
	struct lines *ln = &c->lines;
	struct icaldurationtype before[2] = {
		icaldurationtype_null_duration(),
		icaldurationtype_null_duration()
	};
	before[0].is_neg = before[1].is_neg = 1;
	before[0].minutes =
		(unsigned)rk_school_get_settings(c->school)->reminder_minutes;
	before[1].days = 1;
	before[1].hours = 15;
	ln->status[0] =
		prop_text(icalproperty_new_status(ICAL_STATUS_CONFIRMED));
	ln->status[1] =
		prop_text(icalproperty_new_status(ICAL_STATUS_CANCELLED));
	ln->transp[0] = prop_text(icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
	ln->transp[1] =
		prop_text(icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	ln->action = prop_text(icalproperty_new_action(ICAL_ACTION_DISPLAY));
	for (int k = 0; k < 2; k++) {
		struct icaltriggertype trigger = { icaltime_null_time(),
						   before[k] };
		ln->trigger[k] = prop_text(icalproperty_new_trigger(trigger));
	}
	icalcomponent *alarm = icalcomponent_new_valarm();
	ln->alarm_begin = alarm ? icalcomponent_as_ical_string_r(alarm) : NULL;
	free_comp(alarm);
	if (!ln->status[0] || !ln->status[1] || !ln->transp[0] ||
	    !ln->transp[1] || !ln->action || !ln->trigger[0] ||
	    !ln->trigger[1] || !ln->alarm_begin)
		return RK_ERR_NOMEM;
	char *end = strchr(ln->alarm_begin, '\n');
	if (!end)
		return RK_ERR_BUG;
	ln->alarm_end = strdup(end + 1);
	end[1] = '\0';
	return ln->alarm_end ? RK_OK : RK_ERR_NOMEM;
}

static void free_lines(struct lines *ln)
{
	char *all[] = { ln->status[0],	ln->status[1],	ln->transp[0],
			ln->transp[1],	ln->action,	ln->trigger[0],
			ln->trigger[1], ln->alarm_begin };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (all[i])
			icalmemory_free_buffer(all[i]);
	free(ln->alarm_end);
	for (int k = 0; k < RK_N_EVENT_KINDS; k++)
		free(ln->kind_tail[k]);
}

/* The kinds' tails (struct lines), cut as inner_text cuts a VEVENT. */
static enum rk_status make_tails(struct ctx *c)
{
	struct lines *ln = &c->lines;
	for (int k = 0; k < RK_N_EVENT_KINDS; k++) {
		icalcomponent *e = icalcomponent_new_vevent();
		if (e) {
			add_prop(e, icalproperty_new_categories(
					    rk_event_words_category(k)));
			add_prop(e, icalproperty_new_color(
					    rk_event_words_color(k)));
			add_organizer(c, e);
		}
		enum rk_status status = inner_text(c, e, &ln->kind_tail[k],
						   &ln->kind_tail_len[k]);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

/* The empty VEVENT (its BEGIN and END lines), the tail's lines and, per
 * item, how many of its variants are to be rendered. */
static enum rk_status prepare_shared(struct ctx *c)
{
	enum rk_status status = make_lines(c);
	if (status != RK_OK)
		return status;
	icalcomponent *e = icalcomponent_new_vevent();
	c->empty_vevent = e ? icalcomponent_as_ical_string_r(e) : NULL;
	free_comp(e);
	c->shared = calloc(c->items.n + 1, sizeof(*c->shared));
	if (!c->empty_vevent || !c->shared)
		return RK_ERR_NOMEM;
	const char *end = strchr(c->empty_vevent, '\n');
	if (!end)
		return RK_ERR_BUG;
	c->begin_len = (size_t)(end + 1 - c->empty_vevent);
	c->end_len = strlen(c->empty_vevent) - c->begin_len;
	status = make_tails(c);
	if (status != RK_OK)
		return status;
	for (size_t v = 0; v < c->variants.n; v++) {
		const struct variant *var =
			rk_vec_at(&c->variants, v, sizeof(*var));
		c->shared[var->item].pending++;
	}
	return RK_OK;
}

/* The order the feeds are written in (files and report are the same in
 * any order): the school's and the roles', then each team's followed by
 * its members' own. An item's shared pieces (struct shared) then live
 * from its team's feed to its people's, not until the person feeds at the
 * end: in the order of index.tsv they held 21 MB at 2,000 teachers. */
static enum rk_status work_order(struct ctx *c)
{
	size_t n = c->feeds.n, people = rk_school_n_person(c->school);
	c->order = malloc((n + 1) * sizeof(*c->order));
	bool *taken = calloc(n + 1, sizeof(*taken));
	if (!c->order || !taken) {
		free(taken);
		return RK_ERR_NOMEM;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct feed *f = rk_vec_at(&c->feeds, i, sizeof(*f));
		if (f->kind == FEED_PERSON)
			continue;
		c->order[k++] = i;
		taken[i] = true;
		if (f->kind != FEED_TEAM)
			continue;
		const struct rk_team *t =
			rk_school_get_team(c->school, (size_t)f->index);
		for (size_t m = 0; m < t->n_members; m++) {
			int who = t->members[m].index;
			size_t pf = who >= 0 && (size_t)who < people
					    ? c->person_feed[who]
					    : n;
			if (pf < n && !taken[pf]) {
				c->order[k++] = pf;
				taken[pf] = true;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!taken[i])
			c->order[k++] = i;
	free(taken);
	return RK_OK;
}

/* The state straight from the items: a copy of them all in an
 * rk_feed_state first was 35 MB at 2,000 teachers, at the run's peak.
 * A task of write_feeds (a worker thread: its outcome in c->state, the
 * error said afterwards). */
static enum rk_status write_state(struct ctx *c)
{
	struct rk_tsv t = { 0 };
	rk_feed_state_put_header(&t, rk_school_get_info(c->school)->id);
	for (size_t i = 0; i < c->items.n && !t.nomem; i++) {
		const struct item *it = item_at(c, i);
		const struct rk_event *ev = &it->ev;
		struct rk_feed_entry e = {
			it->uid,	 it->cancelled,
			it->hash,	 it->sequence,
			it->dtstamp,	 ev->kind,
			ev->date,	 ev->start,
			ev->end,	 ev->opens,
			it->team_id,	 it->participants,
			it->former,	 ev->location,
			ev->group,	 rk_event_words_title(ev),
			it->description,
		};
		rk_feed_state_put_entry(&t, &e);
	}
	c->state.status = t.nomem ? RK_ERR_NOMEM
				  : rk_textfile_write_staged(c->state_path,
							     t.data, t.len);
	c->state.err = errno;
	rk_tsv_release(&t);
	return c->state.status;
}

/* Task 0 is the state (taken first: one thread writes it while the
 * other starts on the feeds; after them it was 3.8 ms at vo:300:2 on one
 * thread), then write_task for each feed of c->order. */
static enum rk_status write_in_order(struct ctx *c, size_t i,
				     struct rk_tsv *buf)
{
	return i == 0 ? write_state(c) : write_task(c, c->order[i - 1], buf);
}

/* Every feed written on c->jobs threads, each rendering the variants it
 * is the first to need, and the state beside them; the report and the
 * first failure (in the order of the feeds, then the state's)
 * afterwards, in this thread. */
static enum rk_status write_feeds(struct ctx *c)
{
	c->outcomes = calloc(c->feeds.n + 1, sizeof(*c->outcomes));
	if (!c->outcomes)
		return RK_ERR_NOMEM;
	c->vtimezone_text = icalcomponent_as_ical_string_r(c->vtimezone);
	c->state_path = in_dir(c, "feeds.state");
	if (!c->vtimezone_text || !c->state_path)
		return RK_ERR_NOMEM;
	enum rk_status status = prepare_shared(c);
	if (status == RK_OK)
		status = work_order(c);
	if (status != RK_OK)
		return status;
	for (size_t i = 0; i < N_LOCKS; i++) {
		pthread_mutex_init(&c->locks[i], NULL);
		pthread_mutex_init(&c->item_locks[i], NULL);
	}
	c->state.status = RK_ERR_BUG; /* until its task says otherwise */
	bool ok = run_work(c, c->feeds.n + 1, write_in_order);
	for (size_t i = 0; i < N_LOCKS; i++) {
		pthread_mutex_destroy(&c->locks[i]);
		pthread_mutex_destroy(&c->item_locks[i]);
	}
	for (size_t i = 0; i < c->feeds.n; i++) {
		const struct outcome *out = &c->outcomes[i];
		const struct feed *f = rk_vec_at(&c->feeds, i, sizeof(*f));
		if (out->status == RK_ERR_IO) {
			const char *path = in_dir(c, f->file);
			errno = out->err;
			status = path ? io_error(c, path, _("write"))
				      : RK_ERR_NOMEM;
			break;
		}
		if (out->status != RK_OK) {
			status = out->status;
			break;
		}
		c->report.feeds++;
		c->report.bytes += out->bytes;
	}
	if (status == RK_OK && c->state.status == RK_ERR_IO) {
		errno = c->state.err;
		status = io_error(c, c->state_path, _("write"));
	} else if (status == RK_OK) {
		status = c->state.status;
	}
	/* Each task that failed said how; the tasks after it never ran. */
	if (status == RK_OK && !ok)
		status = RK_ERR_BUG;
	/* A feed is missing: the state must not say it was published. */
	if (status != RK_OK && c->state.status == RK_OK) {
		int saved = errno;
		unlink(c->state_path);
		errno = saved;
	}
	return status;
}

/* A field of the address of @f by @kind (only with a base_url). */
static void link_field(const struct ctx *c, struct rk_tsv *t,
		       const struct feed *f, enum rk_feed_link kind, bool csv)
{
	struct rk_tsv link = { 0 };
	rk_feed_link(&link, kind, c->base_url, f->file, f->name);
	if (link.nomem)
		t->nomem = true;
	else if (csv)
		rk_csv_field(t, link.data);
	else
		rk_tsv_field(t, link.data);
	rk_tsv_release(&link);
}

/* Whoever reads it can read every feed, like tokens.tsv. */
/* Writes @t as file @name, readable by the owner alone, and releases @t. */
static enum rk_status write_private(struct ctx *c, const char *name,
				    struct rk_tsv *t)
{
	const char *path = in_dir(c, name);
	enum rk_status status = RK_OK;
	if (t->nomem || !path)
		status = RK_ERR_NOMEM;
	else if (rk_tokens_private_file(path) != RK_OK)
		status = io_error(c, path, _("create"));
	else
		status = write_text(c, path, t->data, t->len);
	rk_tsv_release(t);
	return status;
}

/* With a base_url, each feed's https and webcal address too. */
static enum rk_status write_index(struct ctx *c)
{
	static const char *const kinds[] = { "school", "role", "team",
					     "person" };
	struct rk_tsv t = { 0 };
	rk_tsv_field(&t, "kind");
	rk_tsv_field(&t, "id");
	rk_tsv_field(&t, "name");
	rk_tsv_field(&t, "feed");
	if (c->base_url) {
		rk_tsv_field(&t, "https");
		rk_tsv_field(&t, "webcal");
	}
	rk_tsv_end_line(&t);
	for (size_t i = 0; i < c->feeds.n; i++) {
		const struct feed *f = rk_vec_at(&c->feeds, i, sizeof(*f));
		const char *texts[] = { kinds[f->kind], f->id, f->name,
					f->file };
		rk_tsv_fields(&t, texts, sizeof(texts) / sizeof(*texts));
		if (c->base_url) {
			link_field(c, &t, f, RK_LINK_HTTPS, false);
			link_field(c, &t, f, RK_LINK_WEBCAL, false);
		}
		rk_tsv_end_line(&t);
	}
	return write_private(c, "index.tsv", &t);
}

/* links.csv, for a mail merge: per person their links to subscribe. Only
 * with a base_url; without, an old links.csv would point to addresses
 * the school no longer gives, so it goes. */
static enum rk_status write_links(struct ctx *c)
{
	static const char *const header[] = { "id",	"name",	 "email",
					      "webcal", "https", "google",
					      "outlook" };
	/* In the order of the header's last four. */
	static const enum rk_feed_link links[] = {
		RK_LINK_WEBCAL, RK_LINK_HTTPS, RK_LINK_GOOGLE, RK_LINK_OUTLOOK
	};
	if (!c->base_url) {
		const char *path = in_dir(c, "links.csv");
		if (!path)
			return RK_ERR_NOMEM;
		if (unlink(path) != 0 && errno != ENOENT)
			return io_error(c, path, _("remove"));
		return RK_OK;
	}
	struct rk_tsv t = { 0 };
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		rk_csv_field(&t, header[i]);
	rk_csv_end_line(&t);
	for (size_t i = 0; i < c->feeds.n; i++) {
		const struct feed *f = rk_vec_at(&c->feeds, i, sizeof(*f));
		if (f->kind != FEED_PERSON)
			continue;
		const struct rk_person *p =
			rk_school_get_person(c->school, (size_t)f->index);
		rk_csv_field(&t, p->id);
		rk_csv_field(&t, p->name);
		rk_csv_field(&t, p->email);
		for (size_t k = 0; k < sizeof(links) / sizeof(*links); k++)
			link_field(c, &t, f, links[k], true);
		rk_csv_end_line(&t);
	}
	return write_private(c, "links.csv", &t);
}

/* A feed file name ritmiek makes for a person or a team, or a person's
 * overview page beside their feed (overview.h). */
static bool ours(const char *name)
{
	size_t n = strlen(name);
	bool ics = n >= 5 && !strcmp(name + n - 4, ".ics");
	bool html = n == RK_TOKEN_LEN + 5 && !strcmp(name + n - 5, ".html");
	if (ics && !strncmp(name, "team-", 5))
		return true;
	if (!(ics && n == RK_TOKEN_LEN + 4) && !html)
		return false;
	for (size_t i = 0; i < RK_TOKEN_LEN; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		      (name[i] >= 'a' && name[i] <= 'f')))
			return false;
	return true;
}

/* The names of the feeds written now in feeds/, sorted, for written(). */
static const char **written_names(struct ctx *c)
{
	const char **names =
		rk_arena_alloc(&c->arena, c->feeds.n, sizeof(*names));
	for (size_t i = 0; names && i < c->feeds.n; i++) {
		const struct feed *f = rk_vec_at(&c->feeds, i, sizeof(*f));
		names[i] = f->file + strlen("feeds/");
	}
	if (names && c->feeds.n)
		qsort(names, c->feeds.n, sizeof(*names), cmp_str);
	return names;
}

/* Whether @name is a feed written now (of the sorted @names), or the page
 * of one: the same name up to its extension. */
static bool written(const struct ctx *c, const char **names, const char *name)
{
	char ics[RK_TOKEN_LEN + 8];
	size_t stem = strcspn(name, ".");
	if (bsearch(name, names, c->feeds.n, sizeof(*names), cmp_key))
		return true;
	if (strcmp(name + stem, ".html") || stem >= sizeof(ics) - 4)
		return false;
	memcpy(ics, name, stem);
	memcpy(ics + stem, ".ics", 5);
	return bsearch(ics, names, c->feeds.n, sizeof(*names), cmp_key);
}

struct stale {
	const struct ctx *c;
	const char **names; /* written_names */
};

/* A rotated token's old feed and page, a person or team no longer in the
 * school. */
static bool is_stale(const char *name, void *data)
{
	const struct stale *st = data;
	return ours(name) && !written(st->c, st->names, name);
}

static enum rk_status remove_stale(struct ctx *c, const char *folder)
{
	struct stale st = { c, written_names(c) };
	if (!st.names)
		return RK_ERR_NOMEM;
	return rk_plandir_remove_stale(folder, is_stale, &st,
				       &c->report.removed, c->diags);
}

/* tokens.tsv first, so that no feed is out whose token is not kept; the
 * state beside the feeds, and gone again when one of them failed, so that
 * it only says what was published. */
static enum rk_status write_all(struct ctx *c)
{
	const char *tokens = in_dir(c, "tokens.tsv");
	const char *folder = in_dir(c, "feeds");
	if (!tokens || !folder)
		return RK_ERR_NOMEM;
	enum rk_status status = rk_tokens_write(c->tokens, tokens);
	if (status == RK_ERR_IO)
		return io_error(c, tokens, _("write"));
	if (status != RK_OK)
		return status;
	if (mkdir(folder, 0755) != 0 && errno != EEXIST)
		return io_error(c, folder, _("make the folder"));
	status = place_items(c);
	if (status == RK_OK)
		status = write_feeds(c);
	if (status == RK_OK)
		status = write_index(c);
	if (status == RK_OK)
		status = write_links(c);
	if (status == RK_OK)
		status = remove_stale(c, folder);
	return status;
}

/* ------------------------------------------------------------------ */

/* iTIP wants an ORGANIZER on published events (libical checks it): the
 * first school leader with an e-mail address, under their own name, so
 * that the name says whom a reply reaches. Without one, an address that
 * says there is none (.invalid, RFC 2606) under the name of the school's
 * leerKRACHT-team, not a person's name over an address that is not
 * theirs. */
static enum rk_status organizer_of(struct ctx *c)
{
	size_t n = rk_school_n_person(c->school);
	const struct rk_school_info *info = rk_school_get_info(c->school);
	for (size_t i = 0; i < n; i++) {
		const struct rk_person *p = rk_school_get_person(c->school, i);
		if (!(p->roles & RK_ROLE_SCHOOLLEIDER) || !p->email ||
		    !*p->email)
			continue;
		c->organizer = keepf(c, "mailto:%s", p->email);
		c->organizer_name = keep(c, p->name ? p->name : p->id);
		return c->organizer && c->organizer_name ? RK_OK : RK_ERR_NOMEM;
	}
	char safe[64];
	const char *id = info->id;
	size_t k = 0;
	for (; id && k < sizeof(safe) - 1 && id[k]; k++) {
		char ch = id[k];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		safe[k] = ok ? ch : (ch >= 'A' && ch <= 'Z' ? ch + 32 : '-');
	}
	safe[k] = '\0';
	c->organizer =
		keepf(c, "mailto:leerkracht@%s.invalid", k ? safe : "school");
	c->organizer_name =
		keepf(c, "leerKRACHT-team %s", info->name ? info->name : "");
	return c->organizer && c->organizer_name ? RK_OK : RK_ERR_NOMEM;
}

static int today_in(const char *tzid, long long now)
{
	icaltimezone *zone = icaltimezone_get_builtin_timezone(tzid);
	struct icaltimetype t = icaltime_from_timet_with_zone(
		(time_t)now, 0, zone ? zone : icaltimezone_get_utc_timezone());
	return rk_date_from_ymd(t.year, t.month, t.day);
}

static const char *tzid_of(const struct rk_school *school)
{
	const struct rk_school_info *info = rk_school_get_info(school);
	return info->timezone && *info->timezone ? info->timezone
						 : "Europe/Amsterdam";
}

int rk_feeds_today(const struct rk_school *school, long long now)
{
	return today_in(tzid_of(school), now);
}

static enum rk_status setup(struct ctx *c)
{
	const struct rk_school_info *info = rk_school_get_info(c->school);
	c->tzid = tzid_of(c->school);
	c->vtimezone = vtimezone_of(c->tzid);
	if (!c->vtimezone) {
		rk_diags_add(c->diags, RK_SEV_ERROR, info->source_file, 0, 0,
			     _("time zone '%s' is unknown to libical"),
			     c->tzid);
		return RK_ERR_INPUT;
	}
	c->today = today_in(c->tzid, c->now);
	c->base_url = rk_school_get_settings(c->school)->feeds_base_url;
	return organizer_of(c);
}

static enum rk_status load_previous(struct ctx *c, const char *previous)
{
	const char *state =
		keepf(c, "%s/feeds.state", previous ? previous : c->dir);
	const char *old_tokens =
		previous ? keepf(c, "%s/tokens.tsv", previous) : "";
	const char *tokens = in_dir(c, "tokens.tsv");
	c->tokens = rk_tokens_new();
	if (!state || !old_tokens || !tokens || !c->tokens)
		return RK_ERR_NOMEM;
	enum rk_status status = rk_feed_state_read(state, &c->old, c->diags);
	const char *school = rk_school_get_info(c->school)->id;
	if (status == RK_OK && *rk_feed_state_school(c->old) &&
	    strcmp(rk_feed_state_school(c->old), school)) {
		rk_diags_add(c->diags, RK_SEV_ERROR, state, 1, 3,
			     _("the feeds were published for school '%s', not "
			       "'%s'; remove the file to start afresh"),
			     rk_feed_state_school(c->old), school);
		status = RK_ERR_INPUT;
	}
	/* The plan directory's own tokens win over the previous ones. */
	if (status == RK_OK && previous)
		status = rk_tokens_read(c->tokens, old_tokens, c->diags);
	if (status == RK_OK)
		status = rk_tokens_read(c->tokens, tokens, c->diags);
	return status;
}

static void release_output(struct ctx *c)
{
	for (size_t i = 0; i < c->variants.n; i++) {
		struct variant *v = rk_vec_at(&c->variants, i, sizeof(*v));
		free(v->text);
	}
	for (size_t i = 0; i < c->feeds.n; i++)
		rk_vec_release(&((struct feed *)rk_vec_at(&c->feeds, i,
							  sizeof(struct feed)))
					->shows);
	if (c->vtimezone_text)
		icalmemory_free_buffer(c->vtimezone_text);
	for (size_t i = 0; c->shared && i < c->items.n; i++) {
		free(c->shared[i].head);
		free(c->shared[i].body);
	}
	free(c->shared);
	free(c->order);
	if (c->empty_vevent)
		icalmemory_free_buffer(c->empty_vevent);
	free_lines(&c->lines);
	rk_vec_release(&c->variants);
	free(c->outcomes);
}

enum rk_status rk_feeds_write(const struct rk_school *school,
			      const struct rk_plan *plan, const char *dir,
			      const struct rk_feeds_options *options,
			      struct rk_feeds_report *report,
			      struct rk_diags *diags)
{
	return rk_feeds_write_jobs(school, plan, dir, options, 1, report,
				   diags);
}

enum rk_status rk_feeds_write_jobs(const struct rk_school *school,
				   const struct rk_plan *plan, const char *dir,
				   const struct rk_feeds_options *options,
				   unsigned jobs,
				   struct rk_feeds_report *report,
				   struct rk_diags *diags)
{
	struct ctx c = { .school = school, .plan = plan, .dir = dir };
	c.diags = diags;
	c.now = options && options->now ? options->now : rk_feeds_now();
	c.jobs = jobs;
	if (!school || !plan || !dir)
		return RK_ERR_ARG;
	enum rk_status status = setup(&c);
	if (status == RK_OK)
		status = load_previous(&c, options ? options->previous : NULL);
	if (status == RK_OK)
		status = collect_items(&c);
	if (status == RK_OK)
		status = collect_feeds(&c);
	if (status == RK_OK)
		status = write_all(&c);
	if (status == RK_OK && report)
		*report = c.report;
	free_comp(c.vtimezone);
	release_output(&c);
	rk_feed_state_free(c.old);
	rk_tokens_free(c.tokens);
	rk_vec_release(&c.items);
	rk_vec_release(&c.feeds);
	rk_arena_release(&c.arena);
	return status;
}
