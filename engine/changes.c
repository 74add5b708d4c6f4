#include "config.h"

#include "changes.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "words.h"

struct entry {
	int person;
	char *text;
	char *letter;
};

struct rk_changes {
	struct entry *items;
	size_t n;
};

/* A growing text, one person's report; @list gets the same clauses one
 * per line, for the letter. */
struct text {
	char *buf;
	size_t len;
	size_t cap;
	bool oom;
	struct text *list;
};

static void add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || t->oom)
		return;
	if (t->len + (size_t)n + 1 > t->cap) {
		size_t cap = (t->len + (size_t)n + 1) * 2;
		char *buf = realloc(t->buf, cap);
		if (!buf) {
			t->oom = true;
			return;
		}
		t->buf = buf;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* Clauses are joined by "; " and the whole ends with a full stop. */
static void clause(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void clause(struct text *t, const char *fmt, ...)
{
	char part[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(part, sizeof(part), fmt, ap);
	va_end(ap);
	add(t, "%s%s", t->len ? "; " : "", part);
	if (t->list) {
		char first = part[0] >= 'a' && part[0] <= 'z'
				     ? (char)(part[0] - 'a' + 'A')
				     : part[0];
		add(t->list, "- %c%s.\n", first, part + 1);
		t->oom |= t->list->oom;
	}
}

void rk_changes_date(int date, char *buf, size_t size)
{
	int y, m, d;
	rk_date_to_ymd(date, &y, &m, &d);
	snprintf(buf, size, "%s %d %s", rk_weekday_name(rk_date_weekday(date)),
		 d, rk_month_name(m));
}

static const char *name_of(const struct rk_school *s, int person)
{
	const struct rk_person *p = rk_school_get_person(s, (size_t)person);
	return p && p->name ? p->name : p ? p->id : "?";
}

static int role_of(const struct rk_event *ev, int person)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == person)
			return (int)ev->parts[i].role;
	return -1;
}

/* The others in a duo event, "Piet Jansen" or "Piet Jansen en Klaas Smit". */
static void others(const struct rk_school *s, const struct rk_event *ev,
		   int person, char *buf, size_t size)
{
	size_t len = 0;
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < ev->n_parts; i++)
		n += ev->parts[i].person != person;
	size_t k = 0;
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person != person)
			rk_words_list_add(buf, size, &len, ++k, n, "",
					  name_of(s, ev->parts[i].person));
}

/* "lesbezoek bij Piet Jansen", "feedbackgesprek met Piet Jansen" ... */
static void phrase(const struct rk_school *s, const struct rk_event *ev,
		   int person, char *buf, size_t size)
{
	char who[512];
	others(s, ev, person, who, sizeof(who));
	switch (ev->kind) {
	case RK_EV_LB:
		snprintf(buf, size, "lesbezoek %s %s",
			 role_of(ev, person) == RK_PART_HOST ? "van" : "bij",
			 who);
		break;
	case RK_EV_FB:
		snprintf(buf, size, "feedbackgesprek met %s", who);
		break;
	case RK_EV_GL:
		snprintf(buf, size, "gezamenlijk lesontwerp met %s", who);
		break;
	case RK_EV_VERDIEPING:
		snprintf(buf, size, "inhoudelijke verdieping");
		break;
	default:
		snprintf(buf, size, "%s", rk_event_kind_name(ev->kind));
		break;
	}
}

/* "di 9 feb" */
static void short_date(int date, char *buf, size_t size)
{
	int y, m, d;
	rk_date_to_ymd(date, &y, &m, &d);
	snprintf(buf, size, "%.2s %d %s",
		 rk_weekday_name(rk_date_weekday(date)), d, rk_month_abbr(m));
}

/* "di 9 feb 3e uur" when the session starts a lesuur, else "di 9 feb
 * 14:20"; the room after it when @room. */
static void when(const struct rk_school *s, const struct rk_event *ev,
		 bool room, char *buf, size_t size)
{
	char date[64], at[RK_TIME_BUFSIZE];
	short_date(ev->date, date, sizeof(date));
	const struct rk_grid *g =
		rk_school_get_grid(s, rk_date_weekday(ev->date));
	int lesuur = 0;
	for (size_t i = 0; g && i < g->n; i++)
		if (g->hours[i].start == ev->start)
			lesuur = g->hours[i].number;
	rk_time_format(ev->start, at);
	const char *where = room && ev->location ? ev->location : NULL;
	if (ev->start < 0)
		snprintf(buf, size, "%s", date);
	else if (lesuur > 0)
		snprintf(buf, size, "%s %de uur%s%s", date, lesuur,
			 where ? ", lokaal " : "", where ? where : "");
	else
		snprintf(buf, size, "%s %s%s%s", date, at,
			 where ? ", lokaal " : "", where ? where : "");
}

/* Everyone's events from @from on (metingen aside), each person's ordered
 * by id: built once, so that describing a change is linear in the plan,
 * not people times events. */
struct by_person {
	size_t *start; /* person p's events: ev[start[p] .. start[p + 1]) */
	const struct rk_event **ev;
};

static int cmp_event_id(const void *a, const void *b)
{
	const struct rk_event *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

static bool counted(const struct rk_event *ev, int from)
{
	return ev->date >= from && ev->kind != RK_EV_METING;
}

static bool index_people(const struct rk_plan *plan, size_t n_people, int from,
			 struct by_person *bp)
{
	size_t total = 0;
	bp->start = calloc(n_people + 2, sizeof(*bp->start));
	for (size_t i = 0; bp->start && i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		for (size_t k = 0; counted(ev, from) && k < ev->n_parts; k++)
			if ((size_t)ev->parts[k].person < n_people) {
				bp->start[ev->parts[k].person + 2]++;
				total++;
			}
	}
	bp->ev = malloc((total + 1) * sizeof(*bp->ev));
	if (!bp->start || !bp->ev)
		return false;
	for (size_t p = 2; p < n_people + 2; p++)
		bp->start[p] += bp->start[p - 1];
	/* start[p + 1] is the fill position of p, and ends as p + 1's start. */
	for (size_t i = 0; i < rk_plan_n_events(plan); i++) {
		const struct rk_event *ev = rk_plan_event(plan, i);
		for (size_t k = 0; counted(ev, from) && k < ev->n_parts; k++)
			if ((size_t)ev->parts[k].person < n_people)
				bp->ev[bp->start[ev->parts[k].person + 1]++] =
					ev;
	}
	for (size_t p = 0; p < n_people; p++)
		if (bp->start[p + 1] - bp->start[p] > 1)
			qsort(bp->ev + bp->start[p],
			      bp->start[p + 1] - bp->start[p], sizeof(*bp->ev),
			      cmp_event_id);
	return true;
}

static void release_people(struct by_person *bp)
{
	free(bp->start);
	free(bp->ev);
}

/* The one or two partners of every person in @period, -1 for none, into
 * @out (two per person, @n_people of them): each person's first duo of
 * the period in plan order. Once per plan, not once per person: a scan of
 * the duos for each of 2,000 people was a fifth of a rebalance's report. */
static void partners(const struct rk_plan *plan, int period, size_t n_people,
		     int (*out)[2])
{
	for (size_t p = 0; p < n_people; p++)
		out[p][0] = out[p][1] = -1;
	for (size_t i = 0; i < rk_plan_n_duos(plan); i++) {
		const struct rk_duo *d = rk_plan_duo(plan, i);
		int members[3] = { d->a, d->b, d->c };
		for (int m = 0; d->period == period && m < 3; m++)
			if (members[m] >= 0 && (size_t)members[m] < n_people &&
			    out[members[m]][0] < 0)
				rk_duo_partners(d, members[m], out[members[m]]);
	}
}

static bool in_pair(const int set[2], int p)
{
	return p >= 0 && (set[0] == p || set[1] == p);
}

/* @was and @now: the person's partners before and after (partners). */
static void partner_clause(const struct rk_school *s, const int was[2],
			   const int now[2], int from, struct text *t)
{
	bool lost = (was[0] >= 0 && !in_pair(now, was[0])) ||
		    (was[1] >= 0 && !in_pair(now, was[1]));
	if (!lost || now[0] < 0)
		return;
	char date[64], gone[256] = "", fresh[256] = "";
	rk_changes_date(from, date, sizeof(date));
	for (int k = 0; k < 2; k++) {
		if (was[k] >= 0 && !in_pair(now, was[k]))
			snprintf(gone + strlen(gone),
				 sizeof(gone) - strlen(gone), "%s%s",
				 gone[0] ? " en " : "", name_of(s, was[k]));
		if (now[k] >= 0)
			snprintf(fresh + strlen(fresh),
				 sizeof(fresh) - strlen(fresh), "%s%s",
				 fresh[0] ? " en " : "", name_of(s, now[k]));
	}
	clause(t, "Vanaf %s %s %s je duo-partner%s in plaats van %s", date,
	       now[1] >= 0 ? "zijn" : "is", fresh, now[1] >= 0 ? "s" : "",
	       gone);
}

/* Bordsessies come weekly: they are told in one clause, not one each. */
struct weekly {
	int cancelled;
	int first;
	int last;
	const struct rk_event *moved_to;
};

/* One change, told in date order. */
struct told {
	int date;
	char text[900];
};

struct told_list {
	struct told *items;
	size_t n;
	size_t cap;
	bool oom;
};

static void tell(struct told_list *l, int date, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tell(struct told_list *l, int date, const char *fmt, ...)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct told *items = realloc(l->items, cap * sizeof(*items));
		if (!items) {
			l->oom = true;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	struct told *t = &l->items[l->n++];
	t->date = date;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->text, sizeof(t->text), fmt, ap);
	va_end(ap);
}

/* Whether @ev is at a moment its group has only since the rebalance (a
 * moment of @next with a first date): then it is the first of a new
 * series, not a single session moved (a holiday, an absence). */
static bool at_new_moment(const struct rk_plan *next, const struct rk_event *ev)
{
	for (size_t i = 0; i < rk_plan_n_moments(next); i++) {
		const struct rk_moment *m = rk_plan_moment(next, i);
		if (m->team == ev->team && m->from > 0 && m->from <= ev->date &&
		    m->weekday == rk_date_weekday(ev->date) &&
		    m->start == ev->start)
			return true;
	}
	return false;
}

static void event_clauses(const struct rk_school *s, const struct rk_plan *next,
			  const struct rk_event *a, const struct rk_event *b,
			  int person, struct told_list *l, struct weekly *wk)
{
	char what[640], at[160], was[160];
	const struct rk_event *ev = a ? a : b;
	bool weekly = ev->kind == RK_EV_BORDSESSIE || ev->kind == RK_EV_LKTEAM;
	if (a && b && a->date == b->date && a->start == b->start)
		return;
	if (weekly && a && !b) {
		wk->cancelled++;
		wk->first = wk->first < 0 ? a->date : wk->first;
		wk->last = a->date;
		return;
	}
	if (weekly && at_new_moment(next, b)) {
		if (!wk->moved_to)
			wk->moved_to = b;
		return;
	}
	/* A weekly session moved on its own (the new moment aside) is told
	 * as any other: "voortaan" would promise a series that is not. */
	if (weekly)
		snprintf(what, sizeof(what), "bordsessie");
	else
		phrase(s, ev, person, what, sizeof(what));
	if (a && !b) {
		when(s, a, false, was, sizeof(was));
		tell(l, a->date, "je %s van %s vervalt", what, was);
	} else if (!a) {
		when(s, b, true, at, sizeof(at));
		tell(l, b->date, "nieuw: %s op %s", what, at);
	} else {
		when(s, a, false, was, sizeof(was));
		when(s, b, true, at, sizeof(at));
		tell(l, a->date, "je %s is verplaatst van %s naar %s", what,
		     was, at);
	}
}

static void weekly_clause(const struct weekly *wk, struct told_list *l)
{
	char first[64], last[64], at[RK_TIME_BUFSIZE];
	if (wk->moved_to) {
		rk_time_format(wk->moved_to->start, at);
		short_date(wk->moved_to->date, first, sizeof(first));
		tell(l, wk->moved_to->date,
		     "je bordsessie is voortaan op %s om %s (voor het eerst %s)",
		     rk_weekday_name(rk_date_weekday(wk->moved_to->date)), at,
		     first);
	}
	if (wk->cancelled == 1) {
		short_date(wk->first, first, sizeof(first));
		tell(l, wk->first, "je bordsessie van %s vervalt", first);
	} else if (wk->cancelled > 1) {
		short_date(wk->first, first, sizeof(first));
		short_date(wk->last, last, sizeof(last));
		tell(l, wk->first,
		     "je %d bordsessies van %s tot en met %s vervallen",
		     wk->cancelled, first, last);
	}
}

static int cmp_told(const void *x, const void *y)
{
	const struct told *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return strcmp(a->text, b->text);
}

static void person_text(const struct rk_school *s, const struct rk_plan *next,
			int from, int person, const struct by_person *pa,
			const struct by_person *pb, const int (*was)[2],
			const int (*now)[2], struct text *t)
{
	const struct rk_event *const *ea = pa->ev + pa->start[person];
	const struct rk_event *const *eb = pb->ev + pb->start[person];
	size_t na = pa->start[person + 1] - pa->start[person];
	size_t nb = pb->start[person + 1] - pb->start[person];
	char date[64];
	/* Someone who is no longer in the plan hears it in one line. */
	if (na && !nb) {
		rk_changes_date(from, date, sizeof(date));
		clause(t,
		       "Vanaf %s sta je niet meer in de planning: %zu "
		       "afspraken vervallen",
		       date, na);
		return;
	}
	partner_clause(s, was[person], now[person], from, t);
	struct weekly wk = { 0, -1, -1, NULL };
	struct told_list l = { 0 };
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		int c = i == na	  ? 1
			: j == nb ? -1
				  : strcmp(ea[i]->id, eb[j]->id);
		event_clauses(s, next, c <= 0 ? ea[i] : NULL,
			      c >= 0 ? eb[j] : NULL, person, &l, &wk);
		i += c <= 0;
		j += c >= 0;
	}
	weekly_clause(&wk, &l);
	if (l.n)
		qsort(l.items, l.n, sizeof(*l.items), cmp_told);
	for (size_t k = 0; k < l.n; k++)
		clause(t, "%s", l.items[k].text);
	t->oom |= l.oom;
	free(l.items);
}

/* The mail-ready block for one person: a greeting, what changes for them
 * line by line, and that their calendar follows by itself. */
static char *make_letter(const struct rk_school *s, int person, int from,
			 const struct text *list)
{
	const struct rk_person *p = rk_school_get_person(s, (size_t)person);
	const char *name = p && p->name ? p->name : p ? p->id : "?";
	size_t first = strcspn(name, " ");
	char date[64];
	rk_changes_date(from, date, sizeof(date));
	struct text t = { 0 };
	add(&t,
	    "Beste %.*s,\n\n"
	    "Vanaf %s verandert er iets in je leerKRACHT-planning:\n\n"
	    "%s\n"
	    "Je agenda volgt dit vanzelf als je op je ritmiek-agenda bent "
	    "geabonneerd.\n",
	    (int)first, name, date, list->buf ? list->buf : "");
	if (t.oom) {
		free(t.buf);
		return NULL;
	}
	return t.buf;
}

/* The period holding @from in @plan (its verbindingssessie is still to
 * come), or the first after it. */
static int period_at(const struct rk_plan *plan, int from)
{
	for (size_t i = 0; i < rk_plan_n_periods(plan); i++) {
		const struct rk_period *p = rk_plan_period(plan, i);
		if (p->verbinding_date >= from || p->verbinding_date == 0)
			return p->number;
	}
	return 0;
}

enum rk_status rk_changes_describe(const struct rk_school *school,
				   const struct rk_plan *old,
				   const struct rk_plan *next, int from,
				   struct rk_changes **out)
{
	size_t n_people = rk_school_n_person(school);
	struct rk_changes *c = calloc(1, sizeof(*c));
	struct by_person pa = { 0 }, pb = { 0 };
	int(*was)[2] = NULL, (*now)[2] = NULL;
	enum rk_status status = RK_ERR_NOMEM;
	*out = NULL;
	if (!c || !index_people(old, n_people, from, &pa) ||
	    !index_people(next, n_people, from, &pb) ||
	    !(c->items = calloc(n_people + 1, sizeof(*c->items))))
		goto out;
	int period = period_at(old, from);
	was = malloc((n_people + 1) * sizeof(*was));
	now = malloc((n_people + 1) * sizeof(*now));
	if (!was || !now)
		goto out;
	partners(old, period, n_people, was);
	partners(next, period, n_people, now);
	for (size_t p = 0; p < n_people; p++) {
		struct text list = { 0 };
		struct text t = { .list = &list };
		person_text(school, next, from, (int)p, &pa, &pb,
			    (const int(*)[2])was, (const int(*)[2])now, &t);
		add(&t, "%s", t.len ? "." : "");
		char *letter =
			t.len ? make_letter(school, (int)p, from, &list) : NULL;
		free(list.buf);
		if (t.oom || (t.len && !letter)) {
			free(t.buf);
			free(letter);
			goto out;
		}
		if (!t.len) {
			free(t.buf);
			continue;
		}
		if (t.buf[0] >= 'a' && t.buf[0] <= 'z')
			t.buf[0] = (char)(t.buf[0] - 'a' + 'A');
		c->items[c->n++] = (struct entry){ (int)p, t.buf, letter };
	}
	*out = c;
	c = NULL;
	status = RK_OK;
out:
	rk_changes_free(c);
	release_people(&pa);
	release_people(&pb);
	free(was);
	free(now);
	return status;
}

void rk_changes_free(struct rk_changes *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].text);
		free(c->items[i].letter);
	}
	free(c->items);
	free(c);
}

size_t rk_changes_count(const struct rk_changes *c)
{
	return c->n;
}

int rk_changes_person(const struct rk_changes *c, size_t i)
{
	return i < c->n ? c->items[i].person : -1;
}

const char *rk_changes_text(const struct rk_changes *c, size_t i)
{
	return i < c->n ? c->items[i].text : NULL;
}

const char *rk_changes_letter(const struct rk_changes *c, size_t i)
{
	return i < c->n ? c->items[i].letter : NULL;
}
