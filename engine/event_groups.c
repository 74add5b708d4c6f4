#include "config.h"

#include "event_groups.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The groups of event @i: its team, or each of its people
 * once (@last: the last event each person was counted for), into @out;
 * their number. */
static size_t keys(const struct rk_event *ev, size_t i, bool by_person,
		   size_t n, size_t *last, size_t *out)
{
	size_t k = 0;
	if (!by_person) {
		if (ev->team >= 0 && (size_t)ev->team < n)
			out[k++] = (size_t)ev->team;
		return k;
	}
	for (size_t j = 0; j < ev->n_parts; j++) {
		int p = ev->parts[j].person;
		if (p < 0 || (size_t)p >= n || last[p] == i)
			continue;
		last[p] = i;
		out[k++] = (size_t)p;
	}
	return k;
}

static enum rk_status group(const struct rk_plan *plan, size_t n,
			    bool by_person, struct rk_event_groups *g)
{
	size_t n_events = rk_plan_n_events(plan), total = 0, widest = 1;
	for (size_t i = 0; i < n_events; i++) {
		size_t w = by_person ? rk_plan_event(plan, i)->n_parts : 1;
		total += w;
		if (w > widest)
			widest = w;
	}
	*g = (struct rk_event_groups){ .n = n };
	g->at = calloc(n + 2, sizeof(*g->at));
	g->ev = malloc((total + 1) * sizeof(*g->ev));
	size_t *fill = calloc(n + 1, sizeof(*fill));
	size_t *last = malloc((n + 1) * sizeof(*last));
	size_t *out = malloc(widest * sizeof(*out));
	enum rk_status status = RK_ERR_NOMEM;
	if (!g->at || !g->ev || !fill || !last || !out) {
		rk_event_groups_release(g);
		goto out;
	}
	/* Counted, then placed: stable, each group in the plan's order. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t p = 0; p < n; p++)
			last[p] = n_events;
		for (size_t i = 0; i < n_events; i++) {
			size_t k = keys(rk_plan_event(plan, i), i, by_person, n,
					last, out);
			for (size_t j = 0; j < k; j++) {
				if (pass)
					g->ev[g->at[out[j]] + fill[out[j]]] = i;
				fill[out[j]]++;
			}
		}
		if (!pass) {
			for (size_t p = 0; p < n; p++)
				g->at[p + 1] = g->at[p] + fill[p];
			memset(fill, 0, (n + 1) * sizeof(*fill));
		}
	}
	status = RK_OK;
out:
	free(fill);
	free(last);
	free(out);
	return status;
}

enum rk_status rk_event_groups_by_team(const struct rk_plan *plan,
				       size_t n_teams,
				       struct rk_event_groups *g)
{
	return group(plan, n_teams, false, g);
}

enum rk_status rk_event_groups_by_person(const struct rk_plan *plan,
					 size_t n_people,
					 struct rk_event_groups *g)
{
	return group(plan, n_people, true, g);
}

const size_t *rk_event_groups_of(const struct rk_event_groups *g, size_t i,
				 size_t *n)
{
	if (!g->at || i >= g->n) {
		*n = 0;
		return NULL;
	}
	*n = g->at[i + 1] - g->at[i];
	return g->ev + g->at[i];
}

void rk_event_groups_release(struct rk_event_groups *g)
{
	free(g->at);
	free(g->ev);
	*g = (struct rk_event_groups){ 0 };
}
