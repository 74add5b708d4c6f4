#include "config.h"

#include "draft.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "grades.h"

struct rk_draft *rk_draft_new(struct rk_school *school)
{
	struct rk_draft *d = calloc(1, sizeof(*d));
	if (!d) {
		rk_school_free(school);
		return NULL;
	}
	d->school = school;
	return d;
}

void rk_draft_free(struct rk_draft *draft)
{
	if (!draft)
		return;
	rk_school_free(draft->school);
	free(draft->guessed);
	free(draft);
}

/* --- The time grid -------------------------------------------------------- */

static void set_grid_all_days(struct rk_school *school, struct rk_lesuur *hours,
			      size_t n)
{
	for (int day = 0; day < 7; day++) {
		struct rk_grid *g = rk_school_grid(school, day);
		g->hours = hours;
		g->n = n;
	}
}

static enum rk_status usual_grid(struct rk_school *school, int n, int length)
{
	if (n < 1)
		return RK_ERR_ARG;
	struct rk_lesuur *hours =
		rk_school_alloc(school, (size_t)n, sizeof(*hours));
	if (!hours)
		return RK_ERR_NOMEM;
	int at = RK_DRAFT_DAY_START;
	for (int i = 0; i < n; i++) {
		/* The short break after the second lesuur, lunch after the
		 * fourth: the most common shape of a Dutch school day. */
		if (i == 2)
			at += 15;
		else if (i == 4)
			at += 30;
		hours[i] = (struct rk_lesuur){ .number = i + 1,
					       .start = at,
					       .end = at + length };
		at += length;
	}
	set_grid_all_days(school, hours, (size_t)n);
	return RK_OK;
}

enum rk_status rk_draft_usual_grid(struct rk_school *school, int n)
{
	return usual_grid(school, n, RK_DRAFT_LESSON_MINUTES);
}

static int last_lesuur(const struct rk_school *school)
{
	int last = 0;
	for (size_t i = 0; i < rk_school_n_lesson(school); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(school, i);
		if (l->lesuur > last)
			last = l->lesuur;
	}
	return last;
}

/* A lesson of a lesuur moves with it; one Untis shortened keeps its
 * length. */
static void retime(struct rk_school *school, const struct rk_grid *g)
{
	for (size_t i = 0; i < rk_school_n_lesson(school); i++) {
		struct rk_lesson *l = rk_school_lesson_at(school, i);
		if (l->lesuur < 1 || (size_t)l->lesuur > g->n)
			continue;
		const struct rk_lesuur *h = &g->hours[l->lesuur - 1];
		int length = l->end - l->start;
		l->start = h->start;
		l->end =
			length < h->end - h->start ? h->start + length : h->end;
	}
}

enum rk_status rk_draft_fit_grid(struct rk_school *school, int *length)
{
	int last = last_lesuur(school);
	*length = RK_DRAFT_LESSON_MINUTES;
	/* More lesuren than a day of 50-minute lessons holds before the
	 * planner's latest hour (17:30): the school's lessons are shorter. */
	if (last > RK_DRAFT_LONG_DAY)
		*length = RK_DRAFT_SHORT_LESSON_MINUTES;
	enum rk_status st = usual_grid(school, last > 0 ? last : 1, *length);
	if (st == RK_OK)
		retime(school, rk_school_get_grid(school, 0));
	return st;
}

/* How long a draagvlaksessie and a verbindingssessie last. */
#define WHOLE_SCHOOL_MINUTES 90

void rk_draft_late_lessons(struct rk_draft *d)
{
	int last = 0;
	for (int day = 0; day < 7; day++) {
		const struct rk_grid *g = rk_school_get_grid(d->school, day);
		if (g && g->n && g->hours[g->n - 1].end > last)
			last = g->hours[g->n - 1].end;
	}
	int latest = rk_school_get_settings(d->school)->latest;
	d->late_lessons_end = last + WHOLE_SCHOOL_MINUTES > latest ? last : 0;
}

#define MINUTES_A_DAY (24 * 60)

enum rk_status rk_draft_grid_from_times(struct rk_school *school)
{
	/* Minute by minute: a day has 1440, so two flags per minute are the
	 * simplest exact set of start times and boundaries. */
	bool starts[MINUTES_A_DAY + 1] = { false };
	bool bounds[MINUTES_A_DAY + 1] = { false };
	size_t n = 0;
	for (size_t i = 0; i < rk_school_n_lesson(school); i++) {
		const struct rk_lesson *l = rk_school_get_lesson(school, i);
		if (l->start < 0 || l->end > MINUTES_A_DAY ||
		    l->start >= l->end)
			continue;
		n += !starts[l->start];
		starts[l->start] = true;
		bounds[l->start] = true;
		bounds[l->end] = true;
	}
	if (n == 0)
		return RK_ERR_INPUT;
	struct rk_lesuur *hours = rk_school_alloc(school, n, sizeof(*hours));
	if (!hours)
		return RK_ERR_NOMEM;
	size_t k = 0;
	for (int m = 0; m < MINUTES_A_DAY && k < n; m++) {
		if (!starts[m])
			continue;
		int end = m + 1;
		while (!bounds[end])
			end++;
		hours[k] = (struct rk_lesuur){ .number = (int)k + 1,
					       .start = m,
					       .end = end };
		k++;
	}
	set_grid_all_days(school, hours, n);
	return RK_OK;
}

/* --- People --------------------------------------------------------------- */

/* A small set of words, kept in order of first use until sorted. */
struct words {
	char **v;
	size_t n;
	size_t cap;
	bool nomem;
};

static void words_add(struct words *w, const char *s, size_t len)
{
	while (len > 0 && s[0] == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0 || w->nomem)
		return;
	for (size_t i = 0; i < w->n; i++)
		if (strlen(w->v[i]) == len && !memcmp(w->v[i], s, len))
			return;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 8;
		char **more = realloc(w->v, cap * sizeof(*more));
		if (!more) {
			w->nomem = true;
			return;
		}
		w->v = more;
		w->cap = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy) {
		w->nomem = true;
		return;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	w->v[w->n++] = copy;
}

/* Every item of a list the importers joined ("05a, 05b"; FET "5a+5b"). */
static void words_add_list(struct words *w, const char *list)
{
	while (list && *list) {
		size_t len = strcspn(list, ",+");
		words_add(w, list, len);
		list += len;
		list += *list != '\0';
	}
}

static void words_clear(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	*w = (struct words){ 0 };
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Grades in the order of their year ("9" before "10"), then by name. */
static int cmp_grade(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	long nx = strtol(strncmp(x, "groep ", 6) ? x : x + 6, NULL, 10);
	long ny = strtol(strncmp(y, "groep ", 6) ? y : y + 6, NULL, 10);
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

/* The set as a list owned by the school, sorted by @cmp. */
static enum rk_status to_list(struct rk_school *school, struct words *w,
			      int (*cmp)(const void *, const void *),
			      struct rk_strlist *out)
{
	if (w->nomem)
		return RK_ERR_NOMEM;
	qsort(w->v, w->n, sizeof(*w->v), cmp);
	out->n = 0;
	out->items =
		w->n ? rk_school_alloc(school, w->n, sizeof(char *)) : NULL;
	if (w->n && !out->items)
		return RK_ERR_NOMEM;
	for (size_t i = 0; i < w->n; i++) {
		out->items[i] = rk_school_strdup(school, w->v[i]);
		if (!out->items[i])
			return RK_ERR_NOMEM;
	}
	out->n = w->n;
	return RK_OK;
}

static void add_grades(struct words *w, const char *groups,
		       enum rk_school_type type)
{
	struct words classes = { 0 };
	words_add_list(&classes, groups);
	for (size_t i = 0; i < classes.n; i++) {
		struct rk_grade g;
		if (!rk_grade_parse(classes.v[i], type, &g))
			continue;
		for (int y = g.year; y <= g.year_to; y++) {
			char label[64];
			int len = rk_grade_label(&g, y, type, label,
						 sizeof(label));
			words_add(w, label, (size_t)len);
		}
	}
	w->nomem |= classes.nomem;
	words_clear(&classes);
}

/* Lessons of one teacher: @idx[0..n) index lessons of the school. */
static enum rk_status fill_person(struct rk_draft *d, int person,
				  const size_t *idx, size_t n)
{
	struct rk_school *s = d->school;
	struct rk_person *p = rk_school_person_at(s, (size_t)person);
	struct words subjects = { 0 }, grades = { 0 };
	enum rk_school_type type = rk_school_get_info(s)->type;
	unsigned days = 0;
	for (size_t i = 0; i < n; i++) {
		const struct rk_lesson *l = rk_school_get_lesson(s, idx[i]);
		if (l->weekday >= 0 && l->weekday < 7)
			days |= 1u << l->weekday;
		words_add_list(&subjects, l->subject);
		add_grades(&grades, l->group, type);
	}
	enum rk_status st = RK_OK;
	/* Workdays a people file gave stay; ma-vr may be its default. */
	if (p->workdays == RK_WORKDAYS_DEFAULT && days && days != p->workdays) {
		p->workdays = days;
		d->guessed[person] |= RK_GUESS_WORKDAYS;
	}
	if (p->subjects.n == 0 && subjects.n) {
		st = to_list(s, &subjects, cmp_text, &p->subjects);
		d->guessed[person] |= RK_GUESS_SUBJECTS;
	}
	if (st == RK_OK && p->grades.n == 0 && grades.n) {
		st = to_list(s, &grades, cmp_grade, &p->grades);
		d->guessed[person] |= RK_GUESS_GRADES;
	}
	if (subjects.nomem || grades.nomem)
		st = RK_ERR_NOMEM;
	words_clear(&subjects);
	words_clear(&grades);
	return st;
}

/* A lesson by its teacher, for sorting without a global school. */
struct by_teacher {
	const char *id;
	size_t lesson;
};

static int cmp_by_teacher(const void *a, const void *b)
{
	const struct by_teacher *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->lesson < y->lesson ? -1 : x->lesson > y->lesson;
}

static enum rk_status add_teacher(struct rk_draft *d, const char *id,
				  int *index)
{
	*index = rk_school_find_person(d->school, id);
	if (*index >= 0)
		return RK_OK;
	struct rk_person *p = rk_school_add_person(d->school);
	if (!p)
		return RK_ERR_NOMEM;
	p->id = rk_school_strdup(d->school, id);
	p->name = p->id;
	p->roles = RK_ROLE_LERAAR;
	p->workdays = RK_WORKDAYS_DEFAULT;
	if (!p->id)
		return RK_ERR_NOMEM;
	*index = (int)rk_school_n_person(d->school) - 1;
	return RK_OK;
}

static enum rk_status grow_guessed(struct rk_draft *d)
{
	size_t n = rk_school_n_person(d->school);
	if (n <= d->n_guessed)
		return RK_OK;
	unsigned *more = realloc(d->guessed, n * sizeof(*more));
	if (!more)
		return RK_ERR_NOMEM;
	memset(more + d->n_guessed, 0, (n - d->n_guessed) * sizeof(*more));
	d->guessed = more;
	d->n_guessed = n;
	return RK_OK;
}

/* The lessons sorted by teacher, then each teacher's run of them. */
enum rk_status rk_draft_people(struct rk_draft *d)
{
	struct rk_school *s = d->school;
	size_t n = rk_school_n_lesson(s);
	struct by_teacher *order = calloc(n ? n : 1, sizeof(*order));
	size_t *idx = calloc(n ? n : 1, sizeof(*idx));
	enum rk_status st = order && idx ? grow_guessed(d) : RK_ERR_NOMEM;
	for (size_t i = 0; st == RK_OK && i < n; i++) {
		const char *id = rk_school_get_lesson(s, i)->person.id;
		order[i] = (struct by_teacher){ id ? id : "", i };
	}
	if (st == RK_OK)
		qsort(order, n, sizeof(*order), cmp_by_teacher);
	for (size_t i = 0, k; st == RK_OK && i < n; i = k) {
		int person;
		size_t before = rk_school_n_person(s);
		for (k = i; k < n && !strcmp(order[k].id, order[i].id); k++)
			idx[k - i] = order[k].lesson;
		if (!order[i].id[0])
			continue; /* the importer reported it */
		st = add_teacher(d, order[i].id, &person);
		if (st == RK_OK)
			st = grow_guessed(d);
		if (st == RK_OK && rk_school_n_person(s) > before)
			d->guessed[person] |= RK_GUESS_NAME | RK_GUESS_ROLE;
		if (st == RK_OK)
			st = fill_person(d, person, idx, k - i);
	}
	free(order);
	free(idx);
	return st;
}

void rk_draft_ab_weeks(struct rk_draft *d)
{
	struct rk_school *s = d->school;
	struct rk_ab_scheme *ab = rk_school_ab(s);
	for (size_t i = 0; i < rk_school_n_lesson(s); i++)
		if (rk_school_get_lesson(s, i)->week != RK_AB_BOTH) {
			/* The week of 1 September: the first school week in
			 * most regions and years. */
			int sep1 = rk_date_from_ymd(rk_school_get_info(s)->year,
						    9, 1);
			ab->enabled = true;
			ab->count_teaching = true;
			ab->first_a = sep1 - rk_date_weekday(sep1);
			return;
		}
}
