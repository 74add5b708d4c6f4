#include "config.h"

#include "school.h"

#include "arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct rk_school {
	struct rk_school_info info;
	struct rk_settings settings;
	struct rk_ab_scheme ab;
	struct rk_grid grid[7];
	struct rk_team lkteam;
#define RK_SCHOOL_FIELD(type, name) struct rk_vec name;
	RK_SCHOOL_COLLECTIONS(RK_SCHOOL_FIELD)
#undef RK_SCHOOL_FIELD
	struct rk_arena arena;
};

struct rk_school *rk_school_new(void)
{
	struct rk_school *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->info.programme_year = 1;
	s->info.region = RK_REGION_MIDDEN;
	s->info.type = RK_SCHOOL_VO;
	s->settings = (struct rk_settings){
		.bordsessie_minutes = 30,
		.gl_minutes = 45,
		.fb_minutes = 30,
		.period_weeks_min = 4,
		.period_weeks_max = 8,
		.avoid_toetsweken = true,
		.allow_multi_team = false,
		.reminder_minutes = 10,
		.feed_ttl_hours = 12,
		.earliest = 8 * 60,
		.latest = 17 * 60 + 30,
	};
	s->ab.count_teaching = true;
	s->lkteam.coach.index = -1;
	s->lkteam.cohort = 1;
	s->info.timezone = rk_school_strdup(s, "Europe/Amsterdam");
	if (!s->info.timezone) {
		rk_school_free(s);
		return NULL;
	}
	return s;
}

void rk_school_free(struct rk_school *s)
{
	if (!s)
		return;
	rk_arena_release(&s->arena);
#define RK_SCHOOL_RELEASE(type, name) rk_vec_release(&s->name);
	RK_SCHOOL_COLLECTIONS(RK_SCHOOL_RELEASE)
#undef RK_SCHOOL_RELEASE
	free(s);
}

void *rk_school_alloc(struct rk_school *s, size_t count, size_t size)
{
	return rk_arena_alloc(&s->arena, count, size);
}

const char *rk_school_strndup(struct rk_school *s, const char *text, size_t len)
{
	return rk_arena_strndup(&s->arena, text, len);
}

const char *rk_school_strdup(struct rk_school *s, const char *text)
{
	return text ? rk_school_strndup(s, text, strlen(text)) : NULL;
}

struct rk_school_info *rk_school_info(struct rk_school *s)
{
	return &s->info;
}

const struct rk_school_info *rk_school_get_info(const struct rk_school *s)
{
	return &s->info;
}

struct rk_settings *rk_school_settings(struct rk_school *s)
{
	return &s->settings;
}

const struct rk_settings *rk_school_get_settings(const struct rk_school *s)
{
	return &s->settings;
}

struct rk_ab_scheme *rk_school_ab(struct rk_school *s)
{
	return &s->ab;
}

const struct rk_ab_scheme *rk_school_get_ab(const struct rk_school *s)
{
	return &s->ab;
}

struct rk_grid *rk_school_grid(struct rk_school *s, int weekday)
{
	return weekday >= 0 && weekday < 7 ? &s->grid[weekday] : NULL;
}

const struct rk_grid *rk_school_get_grid(const struct rk_school *s, int weekday)
{
	return weekday >= 0 && weekday < 7 ? &s->grid[weekday] : NULL;
}

struct rk_team *rk_school_lkteam(struct rk_school *s)
{
	return &s->lkteam;
}

const struct rk_team *rk_school_get_lkteam(const struct rk_school *s)
{
	return &s->lkteam;
}

#define RK_SCHOOL_COLLECTION(type, name)                                   \
	struct type *rk_school_add_##name(struct rk_school *s)             \
	{                                                                  \
		return rk_vec_push(&s->name, sizeof(struct type));         \
	}                                                                  \
	size_t rk_school_n_##name(const struct rk_school *s)               \
	{                                                                  \
		return s->name.n;                                          \
	}                                                                  \
	const struct type *rk_school_get_##name(const struct rk_school *s, \
						size_t i)                  \
	{                                                                  \
		return rk_vec_at(&s->name, i, sizeof(struct type));        \
	}                                                                  \
	struct type *rk_school_##name##_at(struct rk_school *s, size_t i)  \
	{                                                                  \
		return rk_vec_at(&s->name, i, sizeof(struct type));        \
	}

RK_SCHOOL_COLLECTIONS(RK_SCHOOL_COLLECTION)

int rk_school_startfase_sessions(const struct rk_school *s)
{
	size_t teachers = 0;
	for (size_t i = 0; i < rk_school_n_person(s); i++)
		teachers += (rk_school_get_person(s, i)->roles &
			     RK_ROLE_LERAAR) != 0;
	return teachers <= 20 ? 3 : teachers <= 60 ? 4 : 5;
}

bool rk_settings_window_ok(const struct rk_settings *st, int kind, int weekday,
			   int start, int end)
{
	if (kind < 0 || kind >= 32 || !(RK_WINDOW_KINDS & (1u << kind)))
		return true;
	bool applies = false;
	for (size_t i = 0; i < st->n_windows; i++) {
		const struct rk_window *w = &st->windows[i];
		if (w->kinds && !(w->kinds & (1u << kind)))
			continue;
		applies = true;
		if ((w->days & (1u << weekday)) && w->start <= start &&
		    end <= w->end)
			return true;
	}
	return !applies && st->earliest <= start && end <= st->latest;
}

const struct rk_loc *rk_settings_window_loc(const struct rk_settings *st,
					    int kind)
{
	if (kind < 0 || kind >= 32 || !(RK_WINDOW_KINDS & (1u << kind)))
		return NULL;
	for (size_t i = 0; i < st->n_windows; i++) {
		unsigned kinds = st->windows[i].kinds;
		if (!kinds || kinds & (1u << kind))
			return &st->windows[i].loc;
	}
	return NULL;
}

int rk_school_find_person(const struct rk_school *s, const char *id)
{
	const struct rk_person *p = s->person.items;
	for (size_t i = 0; id && i < s->person.n; i++)
		if (p[i].id && !strcmp(p[i].id, id))
			return (int)i;
	return -1;
}

int rk_school_find_team(const struct rk_school *s, const char *id)
{
	const struct rk_team *t = s->team.items;
	for (size_t i = 0; id && i < s->team.n; i++)
		if (t[i].id && !strcmp(t[i].id, id))
			return (int)i;
	return -1;
}

static void remove_member(struct rk_team *t, int person)
{
	size_t kept = 0;
	for (size_t m = 0; m < t->n_members; m++)
		if (t->members[m].index != person)
			t->members[kept++] = t->members[m];
	t->n_members = kept;
}

enum rk_status rk_school_move_person(struct rk_school *s, int person, int team)
{
	if (person < 0 || (size_t)person >= s->person.n || team < 0 ||
	    (size_t)team >= s->team.n)
		return RK_ERR_ARG;
	for (size_t t = 0; t < s->team.n; t++)
		remove_member(rk_school_team_at(s, t), person);
	struct rk_team *t = rk_school_team_at(s, (size_t)team);
	struct rk_ref *members =
		rk_school_alloc(s, t->n_members + 1, sizeof(*members));
	if (!members)
		return RK_ERR_NOMEM;
	if (t->n_members)
		memcpy(members, t->members, t->n_members * sizeof(*members));
	const struct rk_person *p = rk_school_get_person(s, (size_t)person);
	members[t->n_members++] = (struct rk_ref){ p->id, p->loc, person };
	t->members = members;
	return RK_OK;
}

void rk_lesson_init(struct rk_lesson *lesson)
{
	memset(lesson, 0, sizeof(*lesson));
	lesson->week = RK_AB_BOTH;
	lesson->valid_from = INT_MIN;
	lesson->valid_to = INT_MAX;
	lesson->person.index = -1;
}

/* Name tables: index = enum value (or bit number for roles). */
static const char *const region_names[] = { "noord", "midden", "zuid" };
static const char *const type_names[] = { "po", "vo", "mbo" };
static const char *const role_names[] = { "leraar",	  "schoolcoach",
					  "schoolleider", "expertcoach",
					  "mt",		  "oop",
					  "teamleider" };
static const char *const external_names[] = { "forum",		"bootcamp",
					      "bedrijfsbezoek", "webinar",
					      "pizzasessie",	"other" };
static const char *const meting_names[] = { "cultuursurvey_start",
					    "cultuursurvey_eind", "thermometer",
					    "360_feedback", "barometer" };
static const char *const dayoff_names[] = { "vakantie", "feestdag", "studiedag",
					    "vrije dag" };

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int lookup(const char *const *names, int n, const char *text)
{
	for (int i = 0; text && i < n; i++)
		if (!strcasecmp(names[i], text))
			return i;
	return -1;
}

const char *rk_region_name(enum rk_region r)
{
	return (int)r >= 0 && (int)r < N_OF(region_names) ? region_names[r]
							  : "?";
}

int rk_region_parse(const char *text)
{
	return lookup(region_names, N_OF(region_names), text);
}

const char *rk_school_type_name(enum rk_school_type t)
{
	return (int)t >= 0 && (int)t < N_OF(type_names) ? type_names[t] : "?";
}

int rk_school_type_parse(const char *text)
{
	return lookup(type_names, N_OF(type_names), text);
}

const char *rk_role_name(enum rk_role role)
{
	for (int i = 0; i < N_OF(role_names); i++)
		if ((unsigned)role == 1u << i)
			return role_names[i];
	return "?";
}

unsigned rk_role_parse(const char *text)
{
	int i = lookup(role_names, N_OF(role_names), text);
	return i < 0 ? 0 : 1u << i;
}

const char *rk_external_kind_name(enum rk_external_kind k)
{
	return (int)k >= 0 && (int)k < N_OF(external_names) ? external_names[k]
							    : "?";
}

int rk_external_kind_parse(const char *text)
{
	return lookup(external_names, N_OF(external_names), text);
}

const char *rk_meting_name(enum rk_meting_kind k)
{
	return (int)k >= 0 && (int)k < N_OF(meting_names) ? meting_names[k]
							  : "?";
}

int rk_meting_parse(const char *text)
{
	return lookup(meting_names, N_OF(meting_names), text);
}

const char *rk_dayoff_kind_name(enum rk_dayoff_kind k)
{
	return (int)k >= 0 && (int)k < N_OF(dayoff_names) ? dayoff_names[k]
							  : "?";
}

size_t rk_school_start_times(const struct rk_school *s, int weekday, int *out,
			     size_t cap)
{
	size_t n = 0;
	const struct rk_grid *g = rk_school_get_grid(s, weekday);
	const struct rk_settings *st = rk_school_get_settings(s);
	for (size_t i = 0; g && i < g->n && n + 2 <= cap; i++) {
		out[n++] = g->hours[i].start;
		out[n++] = g->hours[i].end;
	}
	/* Window starts (and the default window's) are where a session that
	 * opens the day goes; lesson ends are where one right after the
	 * lessons goes. */
	for (size_t i = 0; i < st->n_windows && n < cap; i++)
		if (st->windows[i].days & (1u << weekday))
			out[n++] = st->windows[i].start;
	if (n < cap)
		out[n++] = st->earliest;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
			int t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}
