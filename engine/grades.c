#include "config.h"

#include "grades.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The streams of Dutch secondary schools as class names write them, after
 * the year: the words first, then the one-letter codes, which count only
 * when a class number follows ("4H2"), since "1A" is class A of year 1. */
static const struct stream {
	const char *code;
	const char *stream;
	bool needs_digit;
} streams[] = {
	{ "gymnasium", "vwo", false }, { "atheneum", "vwo", false },
	{ "havo", "havo", false },     { "mavo", "vmbo-t", false },
	{ "vmbo", "vmbo", false },     { "gym", "vwo", false },
	{ "vwo", "vwo", false },       { "hv", "havo/vwo", false },
	{ "mh", "mavo/havo", false },  { "tl", "vmbo-t", false },
	{ "gt", "vmbo-t", false },     { "kb", "vmbo-k", false },
	{ "bb", "vmbo-b", false },     { "h", "havo", true },
	{ "v", "vwo", true },	       { "a", "vwo", true },
	{ "g", "vwo", true },	       { "m", "vmbo-t", true },
	{ "t", "vmbo-t", true },       { "k", "vmbo-k", true },
	{ "b", "vmbo-b", true },
};

/* Words a primary school puts before the group's number. */
static const char *const po_prefixes[] = { "groep", "gr.", "gr", "g" };

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '.')
		s++;
	return s;
}

/* One or two digits; leading zeros as in "09a". */
static const char *read_year(const char *s, int *year)
{
	int v = 0, n = 0;
	while (isdigit((unsigned char)s[n]) && n < 3)
		v = v * 10 + (s[n++] - '0');
	if (n == 0 || isdigit((unsigned char)s[n]))
		return NULL;
	*year = v;
	return s + n;
}

static bool has_prefix_ci(const char *s, const char *prefix)
{
	return !strncasecmp(s, prefix, strlen(prefix));
}

static const char *stream_of(const char *rest)
{
	for (size_t i = 0; i < N_OF(streams); i++) {
		size_t n = strlen(streams[i].code);
		if (!has_prefix_ci(rest, streams[i].code))
			continue;
		if (!streams[i].needs_digit || isdigit((unsigned char)rest[n]))
			return streams[i].stream;
	}
	return NULL;
}

static bool parse_po(const char *s, struct rk_grade *out)
{
	for (size_t i = 0; i < N_OF(po_prefixes); i++)
		if (has_prefix_ci(s, po_prefixes[i]) &&
		    isdigit((unsigned char)*skip_space(
			    s + strlen(po_prefixes[i])))) {
			s = skip_space(s + strlen(po_prefixes[i]));
			break;
		}
	const char *rest = read_year(s, &out->year);
	if (!rest || out->year < 1 || out->year > 8)
		return false;
	out->year_to = out->year;
	if (*rest == '/' || *rest == '-') {
		const char *end = read_year(rest + 1, &out->year_to);
		if (!end || out->year_to <= out->year || out->year_to > 8)
			return false;
	}
	return true;
}

bool rk_grade_parse(const char *name, enum rk_school_type type,
		    struct rk_grade *out)
{
	struct rk_grade g = { 0, 0, NULL };
	if (!name || !out)
		return false;
	const char *s = skip_space(name);
	if (type == RK_SCHOOL_PO) {
		if (!parse_po(s, &g))
			return false;
		*out = g;
		return true;
	}
	const char *rest = read_year(s, &g.year);
	/* Years 1 to 6 in Dutch VO, up to 13 in German exports. */
	if (!rest || g.year < 1 || g.year > 13)
		return false;
	g.year_to = g.year;
	g.stream = stream_of(skip_space(rest));
	*out = g;
	return true;
}

int rk_grade_label(const struct rk_grade *g, int year, enum rk_school_type type,
		   char *buf, size_t size)
{
	if (type == RK_SCHOOL_PO)
		return snprintf(buf, size, "groep %d", year);
	if (g->stream)
		return snprintf(buf, size, "%d %s", year, g->stream);
	return snprintf(buf, size, "%d", year);
}
