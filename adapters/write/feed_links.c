#include "config.h"

#include "feed_links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

void rk_url_encode(struct rk_tsv *t, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') ||
			     (*p >= 'A' && *p <= 'Z') ||
			     (*p >= '0' && *p <= '9') || strchr("-._~", *p);
		char buf[3] = { '%', hex[*p >> 4], hex[*p & 15] };
		if (plain)
			rk_tsv_append(t, (const char *)p, 1);
		else
			rk_tsv_append(t, buf, 3);
	}
}

/* The address over @scheme ("https", "webcal"): the base's scheme
 * replaced, the file name after it. */
static void address(struct rk_tsv *t, const char *scheme, const char *base,
		    const char *file)
{
	const char *rest = strstr(base, "://");
	const char *slash = strrchr(file, '/');
	rk_tsv_put(t, scheme);
	rk_tsv_put(t, rest ? rest : "://");
	rk_tsv_put(t, slash ? slash + 1 : file);
}

void rk_feed_link(struct rk_tsv *t, enum rk_feed_link kind,
		  const char *base_url, const char *file, const char *name)
{
	struct rk_tsv inner = { 0 };
	switch (kind) {
	case RK_LINK_HTTPS:
		address(t, "https", base_url, file);
		return;
	case RK_LINK_WEBCAL:
		address(t, "webcal", base_url, file);
		return;
	case RK_LINK_GOOGLE:
		rk_tsv_put(t, "https://calendar.google.com/calendar/r?cid=");
		address(&inner, "webcal", base_url, file);
		break;
	case RK_LINK_OUTLOOK:
		rk_tsv_put(
			t,
			"https://outlook.live.com/calendar/0/addfromweb?url=");
		address(&inner, "https", base_url, file);
		break;
	}
	if (inner.nomem)
		t->nomem = true;
	else
		rk_url_encode(t, inner.data ? inner.data : "");
	rk_tsv_release(&inner);
	if (kind != RK_LINK_OUTLOOK)
		return;
	rk_tsv_put(t, "&name=");
	rk_tsv_put(&inner, RK_FEED_NAME_PREFIX);
	rk_tsv_put(&inner, name ? name : "");
	if (inner.nomem)
		t->nomem = true;
	else
		rk_url_encode(t, inner.data);
	rk_tsv_release(&inner);
}

void rk_csv_field(struct rk_tsv *t, const char *text)
{
	if (t->mid_line)
		rk_tsv_append(t, ",", 1);
	t->mid_line = true;
	size_t len = text ? strlen(text) : 0;
	/* libcsv tells the size it needs when given too little room. */
	size_t need = csv_write(NULL, 0, text ? text : "", len);
	char *buf = malloc(need);
	if (!buf) {
		t->nomem = true;
		return;
	}
	size_t n = csv_write(buf, need, text ? text : "", len);
	rk_tsv_append(t, buf, n);
	free(buf);
}

void rk_csv_end_line(struct rk_tsv *t)
{
	rk_tsv_append(t, "\r\n", 2);
	t->mid_line = false;
}

struct keyed {
	const char *id;
	size_t index;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	return strcmp(x->id, y->id);
}

static bool name_taken(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return true;
	return false;
}

/* "team-" and @id made safe, numbered when taken. */
static char *team_name(char *const *names, size_t n, const char *id)
{
	char safe[101], name[128];
	size_t k = 0;
	for (; k < sizeof(safe) - 1 && id[k]; k++) {
		char ch = id[k];
		bool ok = (ch >= 'a' && ch <= 'z') ||
			  (ch >= 'A' && ch <= 'Z') ||
			  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
		safe[k] = ok ? ch : '-';
	}
	safe[k] = '\0';
	snprintf(name, sizeof(name), "team-%s", safe);
	for (int i = 2; name_taken(names, n, name); i++)
		snprintf(name, sizeof(name), "team-%s-%d", safe, i);
	return strdup(name);
}

char **rk_team_names_new(const struct rk_school *school)
{
	size_t n = rk_school_n_team(school);
	char **names = calloc(n ? n : 1, sizeof(*names));
	struct keyed *keys = calloc(n ? n : 1, sizeof(*keys));
	bool ok = names && keys;
	for (size_t i = 0; ok && i < n; i++)
		keys[i] =
			(struct keyed){ rk_school_get_team(school, i)->id, i };
	if (ok && n)
		qsort(keys, n, sizeof(*keys), cmp_keyed);
	for (size_t i = 0; ok && i < n; i++) {
		names[keys[i].index] = team_name(names, n, keys[i].id);
		ok = names[keys[i].index] != NULL;
	}
	free(keys);
	if (!ok) {
		rk_team_names_free(names, n);
		return NULL;
	}
	return names;
}

void rk_team_names_free(char **names, size_t n)
{
	if (!names)
		return;
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
