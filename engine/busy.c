#include "config.h"

#include "busy.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS_PER_DAY (24 * 60 / RK_SLOT_MINUTES)
#define WORDS	      ((SLOTS_PER_DAY + 63) / 64)

/* A leftover piece of a free period shorter than this is lost time. */
#define USEFUL_GAP 45
#define MAX_WAIT   120

struct rk_busy {
	const struct rk_school *school;
	const struct rk_schoolyear *year;
	size_t n_people;
	size_t n_days; /* school days: the only days with rows below */
	int first;
	/* [date - first]: the row of a school day, -1 for any other day.
	 * Lessons and sessions fall on school days only, and a row for every
	 * day of the year (weekends, holidays) nearly doubled the largest
	 * tables of a run. */
	int *row;
	size_t n_dates;
	unsigned char *weekday; /* [school day] */
	unsigned *workdays; /* [person]: bit per weekday, as in the school */
	uint64_t *teach;    /* [person][school day][WORDS] */
	uint64_t *book;
	unsigned char *sessions; /* [person][day] */
	int **lessons;		 /* [person] -> lesson indices */
	size_t *n_lessons;
	int *away_from; /* [person]: absence, INT_MAX when none */
	int *away_until;
	/* The absences after a person's first, rare: rk_busy_absent is asked
	 * for every candidate moment, and reads these only when there are. */
	struct absence {
		int person;
		int from;
		int until;
	} * more;
	size_t n_more, cap_more;
};

static uint64_t *bits(uint64_t *base, const struct rk_busy *b, int person,
		      size_t day)
{
	return base + ((size_t)person * b->n_days + day) * WORDS;
}

static void set_range(uint64_t *w, int start, int end)
{
	int lo = start / RK_SLOT_MINUTES;
	int hi = (end + RK_SLOT_MINUTES - 1) / RK_SLOT_MINUTES;
	for (int s = lo < 0 ? 0 : lo; s < hi && s < SLOTS_PER_DAY; s++)
		w[s / 64] |= (uint64_t)1 << (s % 64);
}

/* The bits of word @w that lie in slots [@lo, @hi); callers keep
 * 0 <= lo < hi <= SLOTS_PER_DAY. */
static uint64_t word_mask(int w, int lo, int hi)
{
	uint64_t mask = ~(uint64_t)0;
	if (w == lo / 64)
		mask &= ~(uint64_t)0 << (lo % 64);
	if (w == (hi - 1) / 64)
		mask &= ~(uint64_t)0 >> (63 - (hi - 1) % 64);
	return mask;
}

/* A word at a time: the planner asks this for every person of every
 * candidate moment, and a loop per five-minute slot was a tenth of a
 * run's instructions. */
static bool any_in_range(const uint64_t *w, const uint64_t *v, int start,
			 int end)
{
	int lo = start / RK_SLOT_MINUTES;
	int hi = (end + RK_SLOT_MINUTES - 1) / RK_SLOT_MINUTES;
	if (lo < 0)
		lo = 0;
	if (hi > SLOTS_PER_DAY)
		hi = SLOTS_PER_DAY;
	if (lo >= hi)
		return false;
	int first = lo / 64, last = (hi - 1) / 64;
	uint64_t head = ~(uint64_t)0 << (lo % 64);
	uint64_t tail = ~(uint64_t)0 >> (63 - (hi - 1) % 64);
	/* A session rarely spans more than two words: the ends' masks
	 * once, the words between them whole. */
	if (first == last)
		return (w[first] | (v ? v[first] : 0)) & head & tail;
	if ((w[first] | (v ? v[first] : 0)) & head ||
	    (w[last] | (v ? v[last] : 0)) & tail)
		return true;
	for (int i = first + 1; i < last; i++)
		if (w[i] | (v ? v[i] : 0))
			return true;
	return false;
}

static int day_index(const struct rk_busy *b, int date)
{
	int d = date - b->first;
	return d >= 0 && (size_t)d < b->n_dates ? b->row[d] : -1;
}

static enum rk_status index_lessons(struct rk_busy *b)
{
	size_t n = rk_school_n_lesson(b->school);
	for (size_t i = 0; i < n; i++) {
		int p = rk_school_get_lesson(b->school, i)->person.index;
		if (p >= 0 && (size_t)p < b->n_people)
			b->n_lessons[p]++;
	}
	for (size_t p = 0; p < b->n_people; p++) {
		b->lessons[p] = malloc((b->n_lessons[p] + 1) * sizeof(int));
		if (!b->lessons[p])
			return RK_ERR_NOMEM;
		b->n_lessons[p] = 0;
	}
	for (size_t i = 0; i < n; i++) {
		int p = rk_school_get_lesson(b->school, i)->person.index;
		if (p >= 0 && (size_t)p < b->n_people)
			b->lessons[p][b->n_lessons[p]++] = (int)i;
	}
	return RK_OK;
}

/* Every lesson on every date it takes place: a date looks only at the
 * lessons of its weekday (@by_day, from @at[weekday] to @at[weekday + 1]),
 * not at everyone's whole week. */
static void lay_days(struct rk_busy *b, const int *by_day, const size_t *at)
{
	for (size_t i = 0; i < b->n_dates; i++) {
		int date = b->first + (int)i;
		int d = b->row[i];
		if (d < 0)
			continue;
		int wd = b->weekday[d];
		for (size_t k = at[wd]; k < at[wd + 1]; k++) {
			const struct rk_lesson *l = rk_school_get_lesson(
				b->school, (size_t)by_day[k]);
			int start, end;
			if (rk_schoolyear_lesson_times(b->year, l, date, &start,
						       &end))
				set_range(bits(b->teach, b, l->person.index,
					       (size_t)d),
					  start, end);
		}
	}
}

/* The lessons of people in the school, by weekday. */
static enum rk_status lay_lessons(struct rk_busy *b)
{
	size_t n = rk_school_n_lesson(b->school), at[8] = { 0 };
	int *by_day = malloc((n + 1) * sizeof(int));
	if (!by_day)
		return RK_ERR_NOMEM;
	for (int pass = 0; pass < 2; pass++) {
		size_t fill[7] = { 0 };
		for (size_t i = 0; i < n; i++) {
			const struct rk_lesson *l =
				rk_school_get_lesson(b->school, i);
			int p = l->person.index;
			if (p < 0 || (size_t)p >= b->n_people ||
			    l->weekday < 0 || l->weekday > 6)
				continue;
			if (pass == 0)
				at[l->weekday + 1]++;
			else
				by_day[at[l->weekday] + fill[l->weekday]++] =
					(int)i;
		}
		for (int wd = 0; pass == 0 && wd < 7; wd++)
			at[wd + 1] += at[wd];
	}
	lay_days(b, by_day, at);
	free(by_day);
	return RK_OK;
}

enum rk_status rk_busy_new(const struct rk_school *school,
			   const struct rk_schoolyear *year,
			   struct rk_busy **out)
{
	*out = NULL;
	struct rk_busy *b = calloc(1, sizeof(*b));
	if (!b)
		return RK_ERR_NOMEM;
	b->school = school;
	b->year = year;
	b->n_people = rk_school_n_person(school);
	b->first = rk_schoolyear_first(year);
	b->n_dates = (size_t)(rk_schoolyear_last(year) - b->first + 1);
	b->row = malloc((b->n_dates + 1) * sizeof(int));
	b->weekday = malloc(b->n_dates + 1);
	b->workdays = malloc((b->n_people + 1) * sizeof(unsigned));
	if (!b->row || !b->weekday || !b->workdays) {
		rk_busy_free(b);
		return RK_ERR_NOMEM;
	}
	for (size_t i = 0; i < b->n_dates; i++) {
		const struct rk_day *day =
			rk_schoolyear_day(year, b->first + (int)i);
		if (day && day->school_day)
			b->weekday[b->n_days] = (unsigned char)day->weekday;
		b->row[i] = day && day->school_day ? (int)b->n_days++ : -1;
	}
	for (size_t p = 0; p < b->n_people; p++)
		b->workdays[p] = rk_school_get_person(school, p)->workdays;
	size_t cells =
		(b->n_people ? b->n_people : 1) * (b->n_days ? b->n_days : 1);
	b->teach = calloc(cells * WORDS, sizeof(uint64_t));
	b->book = calloc(cells * WORDS, sizeof(uint64_t));
	b->sessions = calloc(cells, 1);
	b->lessons = calloc(b->n_people + 1, sizeof(int *));
	b->n_lessons = calloc(b->n_people + 1, sizeof(size_t));
	b->away_from = malloc((b->n_people + 1) * sizeof(int));
	b->away_until = malloc((b->n_people + 1) * sizeof(int));
	if (!b->teach || !b->book || !b->sessions || !b->lessons ||
	    !b->n_lessons || !b->away_from || !b->away_until ||
	    index_lessons(b) != RK_OK) {
		rk_busy_free(b);
		return RK_ERR_NOMEM;
	}
	for (size_t p = 0; p < b->n_people; p++) {
		b->away_from[p] = INT_MAX;
		b->away_until[p] = INT_MIN;
	}
	if (lay_lessons(b) != RK_OK) {
		rk_busy_free(b);
		return RK_ERR_NOMEM;
	}
	*out = b;
	return RK_OK;
}

void rk_busy_free(struct rk_busy *b)
{
	if (!b)
		return;
	for (size_t p = 0; b->lessons && p < b->n_people; p++)
		free(b->lessons[p]);
	free(b->lessons);
	free(b->n_lessons);
	free(b->away_from);
	free(b->away_until);
	free(b->more);
	free(b->teach);
	free(b->book);
	free(b->sessions);
	free(b->row);
	free(b->weekday);
	free(b->workdays);
	free(b);
}

enum rk_status rk_busy_add_absent(struct rk_busy *b, int person, int from,
				  int until)
{
	if (person < 0 || (size_t)person >= b->n_people)
		return RK_OK;
	if (b->away_from[person] == INT_MAX) {
		b->away_from[person] = from;
		b->away_until[person] = until;
		return RK_OK;
	}
	if (b->n_more == b->cap_more) {
		size_t cap = b->cap_more ? b->cap_more * 2 : 8;
		struct absence *more = realloc(b->more, cap * sizeof(*more));
		if (!more)
			return RK_ERR_NOMEM;
		b->more = more;
		b->cap_more = cap;
	}
	b->more[b->n_more++] = (struct absence){ person, from, until };
	return RK_OK;
}

bool rk_busy_absent(const struct rk_busy *b, int person, int date)
{
	if (person < 0 || (size_t)person >= b->n_people)
		return false;
	if (date >= b->away_from[person] && date <= b->away_until[person])
		return true;
	for (size_t i = 0; i < b->n_more; i++)
		if (b->more[i].person == person && date >= b->more[i].from &&
		    date <= b->more[i].until)
			return true;
	return false;
}

/* rk_schoolyear_works from the tables above: the planner asks it for
 * every person of every candidate moment. */
bool rk_busy_works(const struct rk_busy *b, int person, int date)
{
	int d = day_index(b, date);
	if (d < 0 || person < 0 || (size_t)person >= b->n_people)
		return false;
	return (b->workdays[person] & (1u << b->weekday[d])) &&
	       !rk_busy_absent(b, person, date);
}

bool rk_busy_teaching(const struct rk_busy *b, int person, int date, int start,
		      int end)
{
	int d = day_index(b, date);
	if (d < 0 || person < 0 || (size_t)person >= b->n_people)
		return false;
	return any_in_range(bits(b->teach, b, person, (size_t)d), NULL, start,
			    end);
}

bool rk_busy_booked(const struct rk_busy *b, int person, int date, int start,
		    int end)
{
	int d = day_index(b, date);
	if (d < 0 || person < 0 || (size_t)person >= b->n_people)
		return false;
	return any_in_range(bits(b->book, b, person, (size_t)d), NULL, start,
			    end);
}

void rk_busy_day_of(const struct rk_busy *b, int person, int date,
		    struct rk_busy_day *day)
{
	day->date = date;
	day->teach = day->book = NULL;
	if (!rk_busy_works(b, person, date))
		return;
	size_t d = (size_t)day_index(b, date);
	day->teach = bits(b->teach, b, person, d);
	day->book = bits(b->book, b, person, d);
}

bool rk_busy_day_free(const struct rk_busy_day *day, int start, int end)
{
	return day->teach && !any_in_range(day->teach, day->book, start, end);
}

bool rk_busy_is_free(const struct rk_busy *b, int person, int date, int start,
		     int end)
{
	struct rk_busy_day day;
	rk_busy_day_of(b, person, date, &day);
	return rk_busy_day_free(&day, start, end);
}

void rk_busy_book(struct rk_busy *b, int person, int date, int start, int end)
{
	int d = day_index(b, date);
	if (d < 0 || person < 0 || (size_t)person >= b->n_people)
		return;
	set_range(bits(b->book, b, person, (size_t)d), start, end);
	unsigned char *n = &b->sessions[(size_t)person * b->n_days + (size_t)d];
	if (*n < 255)
		(*n)++;
}

int rk_busy_sessions(const struct rk_busy *b, int person, int date)
{
	int d = day_index(b, date);
	if (d < 0 || person < 0 || (size_t)person >= b->n_people)
		return 0;
	return b->sessions[(size_t)person * b->n_days + (size_t)d];
}

/* The last slot before @lo that @t or @k marks, or -1. */
static int last_busy_before(const uint64_t *t, const uint64_t *k, int lo)
{
	if (lo > SLOTS_PER_DAY)
		lo = SLOTS_PER_DAY;
	for (int i = (lo - 1) / 64; lo > 0 && i >= 0; i--) {
		uint64_t w = (t[i] | k[i]) & word_mask(i, i * 64, lo);
		if (w)
			return i * 64 + 63 - __builtin_clzll(w);
		lo = i * 64;
	}
	return -1;
}

/* The first slot from @hi on that @t or @k marks, or -1. */
static int first_busy_from(const uint64_t *t, const uint64_t *k, int hi)
{
	if (hi < 0)
		hi = 0;
	for (int i = hi / 64; hi < SLOTS_PER_DAY && i < WORDS; i++) {
		uint64_t w = (t[i] | k[i]) & word_mask(i, hi, SLOTS_PER_DAY);
		if (w)
			return i * 64 + __builtin_ctzll(w);
		hi = (i + 1) * 64;
	}
	return -1;
}

static int piece_cost(int gap)
{
	return gap > 0 && gap < USEFUL_GAP ? gap : 0;
}

/* rk_busy_idle_cost from the day's words. */
static int idle_on(const uint64_t *t, const uint64_t *k, int start, int end,
		   int alone_cost)
{
	int lo = start / RK_SLOT_MINUTES;
	int hi = (end + RK_SLOT_MINUTES - 1) / RK_SLOT_MINUTES;
	int last = last_busy_before(t, k, lo), next = first_busy_from(t, k, hi);
	int before = last < 0 ? -1 : (lo - 1 - last) * RK_SLOT_MINUTES;
	int after = next < 0 ? -1 : (next - hi) * RK_SLOT_MINUTES;
	if (before < 0 && after < 0)
		return alone_cost;
	if (before < 0)
		return after < MAX_WAIT ? after : MAX_WAIT;
	if (after < 0)
		return before < MAX_WAIT ? before : MAX_WAIT;
	return piece_cost(before) + piece_cost(after);
}

int rk_busy_idle_cost(const struct rk_busy *b, int person, int date, int start,
		      int end, int alone_cost)
{
	int d = day_index(b, date);
	if (d < 0 || person < 0 || (size_t)person >= b->n_people)
		return alone_cost;
	return idle_on(bits(b->teach, b, person, (size_t)d),
		       bits(b->book, b, person, (size_t)d), start, end,
		       alone_cost);
}

int rk_busy_day_idle_cost(const struct rk_busy_day *day, int start, int end,
			  int alone_cost)
{
	return day->teach
		       ? idle_on(day->teach, day->book, start, end, alone_cost)
		       : alone_cost;
}

const int *rk_busy_lessons(const struct rk_busy *b, int person, size_t *n)
{
	if (person < 0 || (size_t)person >= b->n_people) {
		*n = 0;
		return NULL;
	}
	*n = b->n_lessons[person];
	return b->lessons[person];
}

void rk_busy_clear_bookings(struct rk_busy *b)
{
	memset(b->book, 0, b->n_people * b->n_days * WORDS * sizeof(uint64_t));
	memset(b->sessions, 0, b->n_people * b->n_days);
}
