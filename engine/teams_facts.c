/* teams_facts.c - teachers, sections, grades and free moments for the
 * lerarenteams model.
 *
 * A moment is [start, start + bordsessie) on a weekday, starting at a lesuur
 * boundary, a window start or a step of the bordsessie's length from the
 * start of the day's window, and lying inside a window for the bordsessie.
 * A person is free at it when they work that weekday and no lesson of theirs
 * overlaps it: a lesson of only A or only B weeks, or of part of the year,
 * still takes the moment in the weeks it is given, so any lesson makes the
 * moment unusable for a weekly session. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plan.h"
#include "planctx.h"
#include "schoolyear.h"
#include "sort.h"
#include "teams_facts.h"

/* Weight of a subject or grade the school file gives a person, against one
 * lesson of the timetable: what the school says comes first. */
#define DECLARED_WEIGHT 1000

static int label_index(struct rk_labels *l, const char *text)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcasecmp(l->items[i], text))
			return (int)i;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char **items = realloc(l->items, cap * sizeof(*items));
		if (!items)
			return -1;
		l->items = items;
		l->cap = cap;
	}
	char *copy = strdup(text);
	if (!copy)
		return -1;
	for (char *c = copy; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	l->items[l->n] = copy;
	return (int)l->n++;
}

static void labels_free(struct rk_labels *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
}

static const char *lookup(const struct rk_subject_section *table,
			  size_t n_table, const char *code)
{
	for (size_t i = 0; i < n_table; i++)
		if (table[i].subject && !strcmp(table[i].subject, code))
			return table[i].section;
	for (size_t i = 0; i < n_table; i++)
		if (table[i].subject && !strcasecmp(table[i].subject, code))
			return table[i].section;
	return NULL;
}

/* The section of subject @code: the table's for the code as written, in
 * any case, or without its course suffix ("M-LK1", "wi3" as "M", "wi");
 * else the code without its suffix, in @buf (a subject the table does not
 * know is its own section, and its courses are part of it). */
static const char *section_of(const struct rk_subject_section *table,
			      size_t n_table, const char *code, char *buf,
			      size_t size)
{
	const char *found = lookup(table, n_table, code);
	if (found)
		return found;
	size_t n = strcspn(code, "-_");
	if (n >= size)
		return code;
	memcpy(buf, code, n);
	while (n > 0 && isdigit((unsigned char)buf[n - 1]))
		n--;
	buf[n] = '\0';
	if (!n)
		return code;
	found = lookup(table, n_table, buf);
	return found ? found : buf;
}

/* The grade of a class or grade name: its first number ("3HB", "groep
 * 1/2", "09a"), in a primary school its bouw; without a number the word
 * itself ("onderbouw", "havo"). Writes into @buf. */
static const char *grade_of(enum rk_school_type type, const char *text,
			    char *buf, size_t size)
{
	const char *d = text;
	while (*d && !isdigit((unsigned char)*d))
		d++;
	if (!*d)
		return text;
	long n = strtol(d, NULL, 10);
	if (type == RK_SCHOOL_PO)
		return n <= 4	? "onderbouw"
		       : n <= 6 ? "middenbouw"
				: "bovenbouw";
	snprintf(buf, size, "%ld", n);
	return buf;
}

static int person_of(const struct rk_school *s, const struct rk_lesson *l)
{
	if (l->person.index >= 0)
		return l->person.index;
	return rk_school_find_person(s, l->person.id);
}

static int section_index(struct rk_teams_facts *f,
			 const struct rk_subject_section *table, size_t n_table,
			 const char *code)
{
	char buf[64];
	return label_index(&f->sections,
			   section_of(table, n_table, code, buf, sizeof(buf)));
}

static int grade_index(struct rk_teams_facts *f, const char *text)
{
	char buf[32];
	enum rk_school_type type = rk_school_get_info(f->school)->type;
	return label_index(&f->grades, grade_of(type, text, buf, sizeof(buf)));
}

/* Counts @weight for a label of person @p in @counts (when @counts is
 * NULL: the first pass, which only learns the labels). */
static int count(int *counts, size_t n_labels, int p, int label, int weight)
{
	if (label < 0)
		return -1;
	if (counts)
		counts[(size_t)p * n_labels + (size_t)label] += weight;
	return 0;
}

/* One pass over the people's subjects and grades and the lessons; with
 * @counting false it only collects the labels, so that the count tables
 * can be sized; with it true it counts them and learns who teaches. */
static enum rk_status label_pass(struct rk_teams_facts *f,
				 const struct rk_subject_section *table,
				 size_t n_table, bool counting)
{
	const struct rk_school *s = f->school;
	int *sc = counting ? f->section_count : NULL;
	int *gc = counting ? f->grade_count : NULL;
	size_t ns = f->sections.n, ng = f->grades.n;
	int bad = 0;
	for (size_t i = 0; i < f->n_people; i++) {
		const struct rk_person *p = rk_school_get_person(s, i);
		for (size_t k = 0; k < p->subjects.n; k++)
			bad |= count(sc, ns, (int)i,
				     section_index(f, table, n_table,
						   p->subjects.items[k]),
				     DECLARED_WEIGHT);
		for (size_t k = 0; k < p->grades.n; k++)
			bad |= count(gc, ng, (int)i,
				     grade_index(f, p->grades.items[k]),
				     DECLARED_WEIGHT);
	}
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		int p = person_of(s, l);
		if (p < 0 || (size_t)p >= f->n_people)
			continue;
		if (counting)
			f->teacher[p] = true;
		if (l->subject)
			bad |= count(
				sc, ns, p,
				section_index(f, table, n_table, l->subject),
				1);
		if (l->group)
			bad |= count(gc, ng, p, grade_index(f, l->group), 1);
	}
	return bad ? RK_ERR_NOMEM : RK_OK;
}

static int argmax(const int *counts, size_t n)
{
	int best = -1;
	for (size_t k = 0; k < n; k++)
		if (counts[k] > 0 && (best < 0 || counts[k] > counts[best]))
			best = (int)k;
	return best;
}

/* The second pass: counts, teachers, and each person's first labels. */
static void count_labels(struct rk_teams_facts *f,
			 const struct rk_subject_section *table, size_t n_table)
{
	for (size_t i = 0; i < f->n_people; i++)
		f->teacher[i] = (rk_school_get_person(f->school, i)->roles &
				 RK_ROLE_LERAAR) != 0;
	/* Every label was learnt in the first pass: nothing is added now,
	 * so nothing can fail. */
	(void)label_pass(f, table, n_table, true);
	size_t ns = f->sections.n, ng = f->grades.n;
	for (size_t i = 0; i < f->n_people; i++) {
		f->section[i] = argmax(f->section_count + i * ns, ns);
		f->grade[i] = argmax(f->grade_count + i * ng, ng);
	}
}

/* Start times of @weekday worth a moment, sorted, each once; into a new
 * array (caller frees), their number in *n. */
static int *day_starts(const struct rk_school *s, int weekday, int length,
		       size_t *n)
{
	const struct rk_settings *st = rk_school_get_settings(s);
	const struct rk_grid *g = rk_school_get_grid(s, weekday);
	size_t cap = 2 * (g ? g->n : 0) + st->n_windows + 1;
	cap += (size_t)((st->latest - st->earliest) / length + 1);
	for (size_t i = 0; i < st->n_windows; i++)
		cap += (size_t)((st->windows[i].end - st->windows[i].start) /
					length +
				1);
	int *out = malloc(cap * sizeof(*out));
	if (!out)
		return NULL;
	size_t m = rk_school_start_times(s, weekday, out, cap);
	for (int t = st->earliest; t + length <= st->latest && m < cap;
	     t += length)
		out[m++] = t;
	for (size_t i = 0; i < st->n_windows; i++) {
		const struct rk_window *w = &st->windows[i];
		if (!(w->days & (1u << weekday)))
			continue;
		for (int t = w->start; t + length <= w->end && m < cap;
		     t += length)
			out[m++] = t;
	}
	rk_sort_ints(out, m);
	size_t k = 0;
	for (size_t i = 0; i < m; i++)
		if (!k || out[k - 1] != out[i])
			out[k++] = out[i];
	*n = k;
	return out;
}

static enum rk_status build_slots(struct rk_teams_facts *f, int length)
{
	const struct rk_settings *st = rk_school_get_settings(f->school);
	size_t cap = 0;
	for (int d = 0; d < 5; d++) {
		size_t n;
		int *starts = day_starts(f->school, d, length, &n);
		if (!starts)
			return RK_ERR_NOMEM;
		for (size_t i = 0; i < n; i++) {
			int a = starts[i], b = starts[i] + length;
			if (!rk_settings_window_ok(st, RK_EV_BORDSESSIE, d, a,
						   b))
				continue;
			if (f->n_slots == cap) {
				cap = cap ? cap * 2 : 64;
				void *grown = realloc(f->slots,
						      cap * sizeof(*f->slots));
				if (!grown) {
					free(starts);
					return RK_ERR_NOMEM;
				}
				f->slots = grown;
			}
			f->slots[f->n_slots++] =
				(struct rk_free_moment){ d, a, b };
		}
		free(starts);
	}
	return RK_OK;
}

static void set_busy(struct rk_teams_facts *f, size_t p, size_t s)
{
	f->free[p * f->words + s / 64] &= ~((uint64_t)1 << (s % 64));
}

/* Everyone free everywhere, then every lesson and every day off work
 * takes its moments. */
static void mark_busy(struct rk_teams_facts *f)
{
	const struct rk_school *s = f->school;
	for (size_t p = 0; p < f->n_people; p++) {
		unsigned days = rk_school_get_person(s, p)->workdays;
		/* A person made in memory (ritmiek init, from a timetable
		 * alone) may have no workdays yet: they work every day, as
		 * the school file's default says. */
		if (days == 0)
			days = RK_WORKDAYS_DEFAULT;
		for (size_t k = 0; k < f->n_slots; k++) {
			f->free[p * f->words + k / 64] |= (uint64_t)1
							  << (k % 64);
			if (!(days & (1u << f->slots[k].weekday)))
				set_busy(f, p, k);
		}
	}
	for (size_t i = 0; i < rk_school_n_lesson(s); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, i);
		int p = person_of(s, l);
		if (p < 0 || (size_t)p >= f->n_people)
			continue;
		for (size_t k = 0; k < f->n_slots; k++) {
			const struct rk_free_moment *m = &f->slots[k];
			if (m->weekday == l->weekday && m->start < l->end &&
			    l->start < m->end)
				set_busy(f, (size_t)p, k);
		}
	}
}

static enum rk_status alloc_tables(struct rk_teams_facts *f)
{
	size_t np = f->n_people ? f->n_people : 1;
	f->teacher = calloc(np, sizeof(*f->teacher));
	f->section = calloc(np, sizeof(*f->section));
	f->grade = calloc(np, sizeof(*f->grade));
	f->section_count =
		calloc(np * (f->sections.n + 1), sizeof(*f->section_count));
	f->grade_count =
		calloc(np * (f->grades.n + 1), sizeof(*f->grade_count));
	f->words = f->n_slots / 64 + 1;
	f->free = calloc(np * f->words, sizeof(*f->free));
	if (!f->teacher || !f->section || !f->grade || !f->section_count ||
	    !f->grade_count || !f->free)
		return RK_ERR_NOMEM;
	return RK_OK;
}

/* The planning context of rk_teams_facts_can_visit. A school without a
 * school year (no calendar for it) has none: the problems of its year
 * are check's to report, not the proposal's. */
static enum rk_status visits_new(struct rk_teams_facts *f)
{
	f->ctx_diags = rk_diags_new();
	if (!f->ctx_diags)
		return RK_ERR_NOMEM;
	enum rk_status status =
		rk_schoolyear_new(f->school, &f->year, f->ctx_diags);
	if (status == RK_ERR_NOMEM)
		return status;
	if (status != RK_OK || !f->year) {
		rk_schoolyear_free(f->year);
		f->year = NULL;
		return RK_OK;
	}
	f->ctx = calloc(1, sizeof(*f->ctx));
	if (!f->ctx)
		return RK_ERR_NOMEM;
	status =
		rk_planctx_init(f->ctx, f->school, f->year, NULL, f->ctx_diags);
	return status == RK_OK ? RK_OK : RK_ERR_NOMEM;
}

bool rk_teams_facts_can_visit(const struct rk_teams_facts *f, int visitor,
			      int host)
{
	if (!f->ctx)
		return true;
	/* Every week of the year: rk_planctx_visit_chances counts those
	 * with sessions only. */
	struct rk_period year = {
		.first_week = 0,
		.last_week = (int)rk_schoolyear_n_weeks(f->year) - 1,
	};
	return rk_planctx_visit_chances(f->ctx, &year, visitor, host) > 0;
}

enum rk_status rk_teams_facts_new(const struct rk_school *school,
				  int bordsessie_minutes,
				  const struct rk_subject_section *table,
				  size_t n_table, struct rk_teams_facts **out)
{
	*out = NULL;
	if (bordsessie_minutes <= 0)
		return RK_ERR_ARG;
	struct rk_teams_facts *f = calloc(1, sizeof(*f));
	if (!f)
		return RK_ERR_NOMEM;
	f->school = school;
	f->n_people = rk_school_n_person(school);
	enum rk_status status = build_slots(f, bordsessie_minutes);
	if (status == RK_OK)
		status = label_pass(f, table, n_table, false);
	if (status == RK_OK)
		status = alloc_tables(f);
	if (status != RK_OK) {
		rk_teams_facts_free(f);
		return status;
	}
	count_labels(f, table, n_table);
	mark_busy(f);
	status = visits_new(f);
	if (status != RK_OK) {
		rk_teams_facts_free(f);
		return status;
	}
	*out = f;
	return RK_OK;
}

void rk_teams_facts_free(struct rk_teams_facts *f)
{
	if (!f)
		return;
	labels_free(&f->sections);
	labels_free(&f->grades);
	free(f->slots);
	free(f->free);
	free(f->teacher);
	free(f->section);
	free(f->grade);
	free(f->section_count);
	free(f->grade_count);
	if (f->ctx)
		rk_planctx_release(f->ctx);
	free(f->ctx);
	rk_schoolyear_free(f->year);
	rk_diags_free(f->ctx_diags);
	free(f);
}

bool rk_teams_facts_free_at(const struct rk_teams_facts *f, int person,
			    size_t slot)
{
	return (f->free[(size_t)person * f->words + slot / 64] >> (slot % 64)) &
	       1u;
}

bool rk_teams_facts_share_section(const struct rk_teams_facts *f, int a, int b)
{
	return f->section[a] >= 0 && f->section[a] == f->section[b];
}

size_t rk_teams_facts_common(const struct rk_teams_facts *f, const int *people,
			     size_t n, struct rk_free_moment *out)
{
	size_t count = 0;
	/* Slots are in order of weekday and start and all equally long:
	 * taking each one that starts after the last taken ends gives the
	 * most moments that do not overlap. */
	for (size_t k = 0; k < f->n_slots; k++) {
		bool all = true;
		for (size_t i = 0; i < n && all; i++)
			all = rk_teams_facts_free_at(f, people[i], k);
		if (!all)
			continue;
		const struct rk_free_moment *m = &f->slots[k];
		if (count && out[count - 1].weekday == m->weekday &&
		    out[count - 1].end > m->start)
			continue;
		out[count++] = *m;
	}
	return count;
}

static size_t pool_free_at(const struct rk_teams_facts *f, const uint64_t *pool,
			   size_t slot, const uint64_t *also)
{
	size_t pw = f->n_people / 64 + 1, count = 0;
	uint64_t bit = (uint64_t)1 << (slot % 64);
	for (size_t w = 0; w < pw; w++) {
		uint64_t set = pool[w] & (also ? also[w] : ~(uint64_t)0);
		for (size_t b = 0; b < 64 && set; b++, set >>= 1) {
			size_t q = w * 64 + b;
			if ((set & 1u) && q < f->n_people &&
			    (f->free[q * f->words + slot / 64] & bit))
				count++;
		}
	}
	return count;
}

/* The colleagues in @pool free at @slot, as a bit set into @out. */
static void pool_at(const struct rk_teams_facts *f, const uint64_t *pool,
		    size_t slot, uint64_t *out)
{
	size_t pw = f->n_people / 64 + 1;
	uint64_t bit = (uint64_t)1 << (slot % 64);
	memset(out, 0, pw * sizeof(*out));
	for (size_t q = 0; q < f->n_people; q++)
		if ((pool[q / 64] >> (q % 64) & 1u) &&
		    (f->free[q * f->words + slot / 64] & bit))
			out[q / 64] |= (uint64_t)1 << (q % 64);
}

static bool overlap(const struct rk_free_moment *a,
		    const struct rk_free_moment *b)
{
	return a->weekday == b->weekday && a->start < b->end &&
	       b->start < a->end;
}

/* Whether two moments apart exist at which the same @need colleagues of
 * @pool are free with @person. */
static bool together(const struct rk_teams_facts *f, const uint64_t *pool,
		     int person, size_t need)
{
	size_t pw = f->n_people / 64 + 1;
	uint64_t *at = malloc(pw * sizeof(*at));
	bool found = false;
	for (size_t a = 0; at && a < f->n_slots && !found; a++) {
		if (!rk_teams_facts_free_at(f, person, a))
			continue;
		pool_at(f, pool, a, at);
		for (size_t b = a + 1; b < f->n_slots && !found; b++)
			if (rk_teams_facts_free_at(f, person, b) &&
			    !overlap(&f->slots[a], &f->slots[b]))
				found = pool_free_at(f, pool, b, at) >= need;
	}
	/* Out of memory: say nothing rather than something wrong. */
	if (!at)
		found = true;
	free(at);
	return found;
}

void rk_teams_facts_pool_count(const struct rk_teams_facts *f,
			       const uint64_t *pool, size_t *count)
{
	for (size_t k = 0; k < f->n_slots; k++)
		count[k] = pool_free_at(f, pool, k, NULL);
}

enum rk_teams_place rk_teams_facts_placeable(const struct rk_teams_facts *f,
					     const uint64_t *pool,
					     const size_t *pool_count,
					     int person, int min_size,
					     int moments, size_t *found)
{
	/* @person is in @pool and counts themselves at every free slot. */
	size_t need = (size_t)min_size, count = 0;
	const struct rk_free_moment *last = NULL;
	for (size_t k = 0; k < f->n_slots; k++) {
		if (!rk_teams_facts_free_at(f, person, k) ||
		    pool_count[k] < need)
			continue;
		if (last && overlap(last, &f->slots[k]))
			continue;
		last = &f->slots[k];
		count++;
	}
	*found = count;
	if (count == 0)
		return RK_PLACE_NO_MOMENT;
	if (count < (size_t)moments)
		return RK_PLACE_TOO_FEW;
	if (moments >= 2 && !together(f, pool, person, need))
		return RK_PLACE_NOT_TOGETHER;
	return RK_PLACE_OK;
}
