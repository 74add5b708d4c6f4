/* board_people.c - the people of several schools of a board: their events
 * from every school in one plan, and the check that none is at two
 * schools at once. */
#include "config.h"

#include "board_people.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"

/* Where an event of the gathered plan came from, for the messages. */
struct origin {
	const char *school; /* the school's id */
	const char *title;  /* the event's title in that school */
};

struct rk_board_people {
	struct rk_school *school; /* the board, its people the shared ones */
	struct rk_plan *plan;
	const char **keys; /* per person of @school */
	size_t cap_keys;
	struct origin *origins; /* per event of @plan */
	size_t cap_origins;
};

struct rk_board_people *rk_board_people_new(const char *id, const char *name)
{
	struct rk_board_people *bp = calloc(1, sizeof(*bp));
	if (!bp)
		return NULL;
	bp->school = rk_school_new();
	bp->plan = rk_plan_new();
	if (!bp->school || !bp->plan) {
		rk_board_people_free(bp);
		return NULL;
	}
	struct rk_school_info *info = rk_school_info(bp->school);
	info->id = rk_school_strdup(bp->school, id);
	info->name = rk_school_strdup(bp->school, name);
	info->source_file = info->id;
	if (!info->id || !info->name) {
		rk_board_people_free(bp);
		return NULL;
	}
	return bp;
}

void rk_board_people_free(struct rk_board_people *bp)
{
	if (!bp)
		return;
	rk_plan_free(bp->plan);
	rk_school_free(bp->school);
	free(bp->keys);
	free(bp->origins);
	free(bp);
}

bool rk_board_person_key(const struct rk_school *school, int person, char *buf,
			 size_t size)
{
	const struct rk_person *p =
		rk_school_get_person(school, (size_t)person);
	const char *own = rk_school_get_info(school)->source_file;
	if (p->email && *p->email) {
		int n = snprintf(buf, size, "mail:%s", p->email);
		for (int i = 5; i < n && (size_t)i < size; i++)
			buf[i] = (char)tolower((unsigned char)buf[i]);
		return n > 0 && (size_t)n < size;
	}
	/* The same entry of one included file, reached from school files
	 * in other folders: compare the file itself, not its name. */
	if (!p->loc.file || !own || !strcmp(p->loc.file, own))
		return false;
	char *real = realpath(p->loc.file, NULL);
	int n = snprintf(buf, size, "file:%s:%s", real ? real : p->loc.file,
			 p->id);
	free(real);
	return n > 0 && (size_t)n < size;
}

/* The person of the board known by @key, added when new; -1 when out of
 * memory. */
static int person_of(struct rk_board_people *bp, const struct rk_person *p,
		     const char *key)
{
	size_t n = rk_school_n_person(bp->school);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(bp->keys[i], key))
			return (int)i;
	if (n == bp->cap_keys) {
		size_t cap = n ? 2 * n : 8;
		const char **keys = realloc(bp->keys, cap * sizeof(*keys));
		if (!keys)
			return -1;
		bp->keys = keys;
		bp->cap_keys = cap;
	}
	/* Two people of the board may share an id (JDV at two schools):
	 * the feed writer wants ids unique. */
	const char *id = rk_school_strdup(bp->school, p->id);
	for (int k = 2; id && rk_school_find_person(bp->school, id) >= 0; k++) {
		char buf[256];
		snprintf(buf, sizeof(buf), "%s-%d", p->id, k);
		id = rk_school_strdup(bp->school, buf);
	}
	bp->keys[n] = rk_school_strdup(bp->school, key);
	struct rk_person *q = rk_school_add_person(bp->school);
	if (!id || !bp->keys[n] || !q)
		return -1;
	*q = (struct rk_person){
		.id = id,
		.name = rk_school_strdup(bp->school, p->name),
		.email = p->email ? rk_school_strdup(bp->school, p->email)
				  : NULL,
		.roles = p->roles,
		.workdays = p->workdays,
		.loc = p->loc,
	};
	return q->name ? (int)n : -1;
}

/* Dates from outside the school that several schools name alike. */
static bool shared_kind(enum rk_event_kind kind)
{
	return kind == RK_EV_FORUM || kind == RK_EV_WEBINAR ||
	       kind == RK_EV_BEDRIJFSBEZOEK || kind == RK_EV_EXTERNAL;
}

static bool same_outside(const struct rk_event *a, const struct rk_event *b,
			 const char *b_title)
{
	return shared_kind(a->kind) && a->kind == b->kind &&
	       a->date == b->date && a->start == b->start && a->end == b->end &&
	       a->title && b_title && !strcmp(a->title, b_title);
}

/* The event of the gathered plan that @ev (of another school or the same)
 * is, or -1. */
static long find_event(const struct rk_board_people *bp,
		       const struct rk_event *ev)
{
	size_t n = rk_plan_n_events(bp->plan);
	for (size_t i = 0; i < n; i++) {
		const struct rk_event *e = rk_plan_event(bp->plan, i);
		if (!strcmp(e->id, ev->id) || same_outside(e, ev, ev->title))
			return (long)i;
	}
	return -1;
}

static enum rk_status add_part(struct rk_board_people *bp, size_t i, int person,
			       enum rk_part_role role)
{
	struct rk_event *e = rk_plan_event_at(bp->plan, i);
	for (size_t k = 0; k < e->n_parts; k++)
		if (e->parts[k].person == person)
			return RK_OK;
	return rk_event_add_part(bp->plan, e, person, role) < 0 ? RK_ERR_NOMEM
								: RK_OK;
}

static enum rk_status add_event(struct rk_board_people *bp,
				const struct rk_school *school,
				const struct rk_event *ev, int person,
				enum rk_part_role role)
{
	struct rk_plan *plan = bp->plan;
	size_t n = rk_plan_n_events(plan);
	if (n == bp->cap_origins) {
		size_t cap = n ? 2 * n : 64;
		struct origin *o = realloc(bp->origins, cap * sizeof(*o));
		if (!o)
			return RK_ERR_NOMEM;
		bp->origins = o;
		bp->cap_origins = cap;
	}
	const struct rk_school_info *info = rk_school_get_info(school);
	struct rk_event *e = rk_plan_add_event(plan);
	if (!e)
		return RK_ERR_NOMEM;
	*e = (struct rk_event){
		.id = rk_plan_strdup(plan, ev->id),
		.kind = ev->kind,
		.date = ev->date,
		.start = ev->start,
		.end = ev->end,
		.opens = ev->opens,
		.team = -1,
		/* A date from outside is the board's; a session is the
		 * school's, and its title says which. */
		.title = shared_kind(ev->kind)
				 ? rk_plan_strdup(plan, ev->title)
				 : rk_plan_printf(plan, "%s (%s)", ev->title,
						  info->name ? info->name
							     : info->id),
		.agenda = ev->agenda ? rk_plan_strdup(plan, ev->agenda) : NULL,
		.location = ev->location ? rk_plan_strdup(plan, ev->location)
					 : NULL,
		.group = ev->group ? rk_plan_strdup(plan, ev->group) : NULL,
	};
	bp->origins[n] = (struct origin){ rk_plan_strdup(plan, info->id),
					  rk_plan_strdup(plan, ev->title) };
	if (!e->id || !e->title || !bp->origins[n].school ||
	    !bp->origins[n].title)
		return RK_ERR_NOMEM;
	return add_part(bp, n, person, role);
}

enum rk_status rk_board_people_add(struct rk_board_people *bp,
				   const struct rk_school *school,
				   const struct rk_plan *plan, int person,
				   const char *key)
{
	int who = person_of(bp, rk_school_get_person(school, (size_t)person),
			    key);
	if (who < 0)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		int k = 0;
		while ((size_t)k < ev->n_parts && ev->parts[k].person != person)
			k++;
		if ((size_t)k == ev->n_parts)
			continue;
		long at = find_event(bp, ev);
		enum rk_status status = at >= 0 ? add_part(bp, (size_t)at, who,
							   ev->parts[k].role)
						: add_event(bp, school, ev, who,
							    ev->parts[k].role);
		if (status != RK_OK)
			return status;
	}
	return RK_OK;
}

static bool takes_part(const struct rk_event *e, int person)
{
	for (size_t k = 0; k < e->n_parts; k++)
		if (e->parts[k].person == person)
			return true;
	return false;
}

/* A timed event of one person, for the sweep through their year. */
struct slot {
	int date;
	int start;
	int end;
	size_t event;
};

static int by_time(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->event < b->event ? -1 : a->event > b->event;
}

static void clash(const struct rk_board_people *bp, int person,
		  const struct slot *a, const struct slot *b,
		  struct rk_diags *diags)
{
	const struct rk_person *p =
		rk_school_get_person(bp->school, (size_t)person);
	const struct origin *oa = &bp->origins[a->event];
	const struct origin *ob = &bp->origins[b->event];
	char day[RK_DATE_BUFSIZE], t[4][RK_TIME_BUFSIZE];
	rk_date_format(a->date, day);
	rk_time_format(a->start, t[0]);
	rk_time_format(a->end, t[1]);
	rk_time_format(b->start, t[2]);
	rk_time_format(b->end, t[3]);
	rk_diags_add(diags, RK_SEV_ERROR, NULL, 0, 0,
		     _("%s (%s) is at two schools at once on %s: %s %s-%s at "
		       "school '%s' and %s %s-%s at school '%s'"),
		     p->name, p->id, day, oa->title, t[0], t[1], oa->school,
		     ob->title, t[2], t[3], ob->school);
}

/* Sorted by time, an event clashes with each later one of the same day
 * that starts before it ends. */
static size_t check_person(const struct rk_board_people *bp, int person,
			   struct slot *slots, struct rk_diags *diags)
{
	size_t n = 0, clashes = 0;
	for (size_t i = 0; i < rk_plan_n_events(bp->plan); i++) {
		const struct rk_event *e = rk_plan_event(bp->plan, i);
		if (e->start >= 0 && e->kind != RK_EV_METING &&
		    takes_part(e, person))
			slots[n++] =
				(struct slot){ e->date, e->start, e->end, i };
	}
	qsort(slots, n, sizeof(*slots), by_time);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1;
		     j < n && slots[j].date == slots[i].date &&
		     slots[j].start < slots[i].end;
		     j++)
			if (strcmp(bp->origins[slots[i].event].school,
				   bp->origins[slots[j].event].school)) {
				clash(bp, person, &slots[i], &slots[j], diags);
				clashes++;
			}
	return clashes;
}

size_t rk_board_people_check(const struct rk_board_people *bp,
			     struct rk_diags *diags)
{
	size_t n = rk_plan_n_events(bp->plan), clashes = 0;
	struct slot *slots = malloc((n ? n : 1) * sizeof(*slots));
	if (!slots) {
		rk_diags_add(
			diags, RK_SEV_ERROR, NULL, 0, 0,
			_("out of memory while checking the shared people"));
		return 1;
	}
	for (size_t p = 0; p < rk_school_n_person(bp->school); p++)
		clashes += check_person(bp, (int)p, slots, diags);
	free(slots);
	return clashes;
}

const struct rk_school *rk_board_people_school(const struct rk_board_people *bp)
{
	return bp->school;
}

const struct rk_plan *rk_board_people_plan(const struct rk_board_people *bp)
{
	return bp->plan;
}
