/* event_words.h - how an event is put in words for the people in it.
 *
 * The calendar feeds and the overview pages both speak of an event: the
 * same title, from the reader's side ("Lesbezoek bij Yara Koster"), the
 * same names and dates. They share these functions so that a teacher reads
 * the same words in their calendar and on their page. Text is appended to
 * an struct rk_tsv (feed_state.h); running out of memory is remembered in
 * it. */
#ifndef RK_EVENT_WORDS_H
#define RK_EVENT_WORDS_H

#include <stddef.h>

#include "feed_state.h"
#include "plan.h"
#include "school.h"

/* The name of @kind for people ("Bordsessie", "Lesbezoek" ...), also the
 * feeds' CATEGORIES; "leerKRACHT" for an unknown kind. */
const char *rk_event_words_category(enum rk_event_kind kind);

/* The colour of @kind, a CSS3 colour name (the feeds' COLOR, RFC 7986);
 * "gray" for an unknown kind. */
const char *rk_event_words_color(enum rk_event_kind kind);

/* The plan's title of @ev, or else its category. */
const char *rk_event_words_title(const struct rk_event *ev);

/* The role of @person in @ev (enum rk_part_role), or -1 when not in it. */
int rk_event_words_role(const struct rk_event *ev, int person);

/* How many participants have @role (-1: any), not counting @skip. */
size_t rk_event_words_count(const struct rk_event *ev, int role, int skip);

/* "Piet", "Piet en Klaas", "Piet, Klaas en Anna": the participants with
 * @role (-1: any) but @skip (-1: nobody), by name. */
void rk_event_words_names(const struct rk_school *school, struct rk_tsv *t,
			  const struct rk_event *ev, int role, int skip);

/* " (4H2, lokaal 2.14)": the visited class and room, as far as known;
 * nothing when neither is. */
void rk_event_words_where(struct rk_tsv *t, const struct rk_event *ev);

/* "dinsdag 8 december 2026". */
void rk_event_words_date(struct rk_tsv *t, int date);

/* The group the visitor of lesbezoek @ev teaches meanwhile: the one its
 * cover person takes over; NULL when the timetable names none. */
const char *rk_event_words_covered_group(const struct rk_school *school,
					 const struct rk_event *ev);

/* The title as person @view (an index; -1: nobody in particular) sees it:
 * "Petra bezoekt je les (4H2, lokaal 12)" for the host of a lesbezoek,
 * "Lesbezoek bij Vera (4H2)" for its visitor; for nobody in particular a
 * duo session names both sides ("Lesbezoek: Petra bij Vera (4H2)");
 * the partner's name for the duo's other sessions, the plan's title for
 * everything else. This is the SUMMARY of the event in @view's feed. */
void rk_event_words_summary(const struct rk_school *school, struct rk_tsv *t,
			    const struct rk_event *ev, int view);

/* What a session of @kind is for and how to come prepared, in a few
 * Dutch sentences; NULL for a kind without such a text. Static. */
const char *rk_event_words_method(enum rk_event_kind kind);

/* The method's text for @ev, and for each team session its bordsessie
 * carries ("Retrospectief: ..."), paragraphs apart; nothing when it has
 * none. */
void rk_event_words_about(struct rk_tsv *t, const struct rk_event *ev);

#endif
