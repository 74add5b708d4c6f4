/* feed_links.h - the addresses of published feeds, and the links that
 * subscribe a calendar to one in one click.
 *
 * With the school file's feeds.base_url (where the folder feeds/ is
 * served, ending in '/'), the feed feeds/NAME.ics is at BASE_URLNAME.ics
 * over https, and at the same address with webcal:// (which opens the
 * calendar app). Google Calendar and Outlook on the web take an address
 * to subscribe to in a link of their own. Text is appended to a struct
 * rk_tsv (feed_state.h). */
#ifndef RK_FEED_LINKS_H
#define RK_FEED_LINKS_H

#include <stddef.h>

#include "feed_state.h"
#include "school.h"

/* What a feed's calendar is called (X-WR-CALNAME): this, then the name of
 * its person, team or role. */
#define RK_FEED_NAME_PREFIX "leerKRACHT: "

enum rk_feed_link {
	RK_LINK_HTTPS,	/* https://www.school.nl/ritmiek/NAME.ics */
	RK_LINK_WEBCAL, /* webcal://www.school.nl/ritmiek/NAME.ics */
	/* https://calendar.google.com/calendar/r?cid=<webcal address> */
	RK_LINK_GOOGLE,
	/* https://outlook.live.com/calendar/0/addfromweb?url=<https
	 * address>&name=<calendar name> */
	RK_LINK_OUTLOOK
};
#define RK_N_FEED_LINKS 4

/* Appends link @kind of the feed @file ("feeds/NAME.ics", as index.tsv
 * names it; the folder is dropped) published under @base_url, whose
 * calendar is called RK_FEED_NAME_PREFIX @name. */
void rk_feed_link(struct rk_tsv *t, enum rk_feed_link kind,
		  const char *base_url, const char *file, const char *name);

/* Appends @text percent-encoded for a URL's query: every byte but
 * RFC 3986's unreserved ones (letters, digits, "-._~"). */
void rk_url_encode(struct rk_tsv *t, const char *text);

/* Appends a CSV field (RFC 4180: separated by commas, always in double
 * quotes, a quote doubled), by libcsv. NULL is an empty field. */
void rk_csv_field(struct rk_tsv *t, const char *text);
/* Ends a CSV line with CR LF, as RFC 4180 has it. */
void rk_csv_end_line(struct rk_tsv *t);

/* The name of each team's feed (feeds/NAME.ics) and overview page
 * (overview/NAME.html) without its extension, by team index: "team-" and
 * the id reduced to what is safe in a file name and a URL (A-Za-z0-9_-;
 * others become '-'), numbered "-2", "-3" ... when two ids reduce to the
 * same, in the order of the ids. A new array of rk_school_n_team(@school)
 * strings the caller frees with rk_team_names_free; NULL when out of
 * memory. */
char **rk_team_names_new(const struct rk_school *school);
void rk_team_names_free(char **names, size_t n);

#endif
