#include "config.h"

#include "event_words.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

static const char *const categories[RK_N_EVENT_KINDS] = {
	[RK_EV_DRAAGVLAKSESSIE] = "Draagvlaksessie",
	[RK_EV_STARTFASE] = "Startfase",
	[RK_EV_BOOTCAMP] = "Bootcamp",
	[RK_EV_STARTDAG] = "Startdag",
	[RK_EV_BORDSESSIE] = "Bordsessie",
	[RK_EV_LKTEAM] = "leerKRACHT-team",
	[RK_EV_GL] = "Gezamenlijk lesontwerp",
	[RK_EV_LB] = "Lesbezoek",
	[RK_EV_FB] = "Feedback",
	[RK_EV_VERDIEPING] = "Verdieping",
	[RK_EV_RETROSPECTIVE] = "Retrospectief",
	[RK_EV_LEERLINGARENA] = "Leerlingarena",
	[RK_EV_VERBINDING] = "Verbindingssessie",
	[RK_EV_FORUM] = "Forum",
	[RK_EV_BEDRIJFSBEZOEK] = "Bedrijfsbezoek",
	[RK_EV_WEBINAR] = "Webinar",
	[RK_EV_EXTERNAL] = "Extern",
	[RK_EV_METING] = "Meting",
};

/* RFC 7986 COLOR values (CSS3 colour names), near the overview's
 * colours for the same kinds, so that a calendar and the page agree. */
static const char *const colors[RK_N_EVENT_KINDS] = {
	[RK_EV_DRAAGVLAKSESSIE] = "slategray",
	[RK_EV_STARTFASE] = "purple",
	[RK_EV_BOOTCAMP] = "darkslategray",
	[RK_EV_STARTDAG] = "darkorange",
	[RK_EV_BORDSESSIE] = "lightskyblue",
	[RK_EV_LKTEAM] = "slateblue",
	[RK_EV_GL] = "royalblue",
	[RK_EV_LB] = "indianred",
	[RK_EV_FB] = "orange",
	[RK_EV_VERDIEPING] = "blueviolet",
	[RK_EV_RETROSPECTIVE] = "lightseagreen",
	[RK_EV_LEERLINGARENA] = "deeppink",
	[RK_EV_VERBINDING] = "mediumvioletred",
	[RK_EV_FORUM] = "mediumpurple",
	[RK_EV_BEDRIJFSBEZOEK] = "sienna",
	[RK_EV_WEBINAR] = "teal",
	[RK_EV_EXTERNAL] = "gray",
	[RK_EV_METING] = "chocolate",
};

const char *rk_event_words_category(enum rk_event_kind kind)
{
	return (int)kind >= 0 && kind < RK_N_EVENT_KINDS ? categories[kind]
							 : "leerKRACHT";
}

const char *rk_event_words_color(enum rk_event_kind kind)
{
	return (int)kind >= 0 && kind < RK_N_EVENT_KINDS ? colors[kind]
							 : "gray";
}

const char *rk_event_words_title(const struct rk_event *ev)
{
	if (ev->title && *ev->title)
		return ev->title;
	return rk_event_words_category(ev->kind);
}

int rk_event_words_role(const struct rk_event *ev, int person)
{
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].person == person)
			return (int)ev->parts[i].role;
	return -1;
}

/* Whether @p is one of the people picked: with @role (-1: any), not @skip. */
static bool picked(const struct rk_participant *p, int role, int skip)
{
	return p->person != skip && (role < 0 || (int)p->role == role);
}

size_t rk_event_words_count(const struct rk_event *ev, int role, int skip)
{
	size_t n = 0;
	for (size_t i = 0; i < ev->n_parts; i++)
		n += picked(&ev->parts[i], role, skip);
	return n;
}

static const char *person_name(const struct rk_school *school, int person)
{
	const struct rk_person *p =
		person >= 0 ? rk_school_get_person(school, (size_t)person)
			    : NULL;
	return p ? p->name : "?";
}

void rk_event_words_names(const struct rk_school *school, struct rk_tsv *t,
			  const struct rk_event *ev, int role, int skip)
{
	size_t n = rk_event_words_count(ev, role, skip), k = 0;
	for (size_t i = 0; i < ev->n_parts; i++) {
		if (!picked(&ev->parts[i], role, skip))
			continue;
		if (k++)
			rk_tsv_put(t, k == n ? " en " : ", ");
		rk_tsv_put(t, person_name(school, ev->parts[i].person));
	}
}

void rk_event_words_where(struct rk_tsv *t, const struct rk_event *ev)
{
	bool group = ev->group && *ev->group;
	bool room = ev->location && *ev->location;
	if (!group && !room)
		return;
	rk_tsv_put(t, " (");
	if (group)
		rk_tsv_put(t, ev->group);
	if (group && room)
		rk_tsv_put(t, ", ");
	if (room) {
		rk_tsv_put(t, "lokaal ");
		rk_tsv_put(t, ev->location);
	}
	rk_tsv_put(t, ")");
}

void rk_event_words_date(struct rk_tsv *t, int date)
{
	int y, m, d;
	char buf[64];
	rk_date_to_ymd(date, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%s %d %s %d",
		 rk_weekday_name(rk_date_weekday(date)), d, rk_month_name(m),
		 y);
	rk_tsv_put(t, buf);
}

const char *rk_event_words_covered_group(const struct rk_school *school,
					 const struct rk_event *ev)
{
	/* A school with cover capacity has few such events, so a scan of
	 * its lessons (A/B weeks aside: PO has none) is cheap. */
	int visitor = -1, weekday = rk_date_weekday(ev->date);
	for (size_t i = 0; i < ev->n_parts; i++)
		if (ev->parts[i].role == RK_PART_VISITOR)
			visitor = ev->parts[i].person;
	for (size_t i = 0; visitor >= 0 && i < rk_school_n_lesson(school);
	     i++) {
		const struct rk_lesson *l = rk_school_get_lesson(school, i);
		if (l->person.index == visitor && l->weekday == weekday &&
		    l->group && l->start < ev->end && ev->start < l->end &&
		    l->valid_from <= ev->date && ev->date <= l->valid_to)
			return l->group;
	}
	return NULL;
}

/* "Invallen in groep 5 (lesbezoek Bart Dijkstra bij Esther Postma)": the
 * lesbezoek as its cover person sees it. */
static void cover_summary(const struct rk_school *school, struct rk_tsv *t,
			  const struct rk_event *ev)
{
	const char *group = rk_event_words_covered_group(school, ev);
	rk_tsv_put(t, "Invallen");
	if (group) {
		rk_tsv_put(t, " in ");
		rk_tsv_put(t, group);
	} else {
		rk_tsv_put(t, " voor ");
		rk_event_words_names(school, t, ev, RK_PART_VISITOR, -1);
	}
	rk_tsv_put(t, " (lesbezoek ");
	rk_event_words_names(school, t, ev, RK_PART_VISITOR, -1);
	rk_tsv_put(t, " bij ");
	rk_event_words_names(school, t, ev, RK_PART_HOST, -1);
	rk_tsv_put(t, ")");
}

/* "Lesbezoek: Piet bij Klaas (4H2, lokaal 12)", "Feedbackgesprek: Piet en
 * Klaas": a duo session for someone who is not in it (a team or role
 * feed), naming both sides from the participants, whatever the plan's
 * title says. False when it is no duo session or lacks a side. */
static bool both_summary(const struct rk_school *school, struct rk_tsv *t,
			 const struct rk_event *ev, const char *prefix)
{
	size_t visitors = rk_event_words_count(ev, RK_PART_VISITOR, -1);
	size_t hosts = rk_event_words_count(ev, RK_PART_HOST, -1);
	if (ev->kind == RK_EV_LB && visitors && hosts) {
		rk_tsv_put(t, prefix);
		rk_tsv_put(t, "Lesbezoek: ");
		rk_event_words_names(school, t, ev, RK_PART_VISITOR, -1);
		rk_tsv_put(t, " bij ");
		rk_event_words_names(school, t, ev, RK_PART_HOST, -1);
		rk_event_words_where(t, ev);
		return true;
	}
	if ((ev->kind != RK_EV_FB && ev->kind != RK_EV_GL) || ev->n_parts < 2)
		return false;
	rk_tsv_put(t, prefix);
	rk_tsv_put(t, ev->kind == RK_EV_FB ? "Feedbackgesprek: "
					   : "Gezamenlijk lesontwerp: ");
	rk_event_words_names(school, t, ev, -1, -1);
	return true;
}

/* "Piet bezoekt je les (4H2, lokaal 12)": a lesbezoek as its host sees
 * it, the visitor doing, the reader addressed. */
static void host_summary(const struct rk_school *school, struct rk_tsv *t,
			 const struct rk_event *ev, int view)
{
	size_t visitors = rk_event_words_count(ev, RK_PART_VISITOR, view);
	rk_event_words_names(school, t, ev, RK_PART_VISITOR, view);
	rk_tsv_put(t, visitors > 1 ? " bezoeken je les" : " bezoekt je les");
	rk_event_words_where(t, ev);
}

void rk_event_words_summary(const struct rk_school *school, struct rk_tsv *t,
			    const struct rk_event *ev, int view)
{
	int role = view >= 0 ? rk_event_words_role(ev, view) : -1;
	int with = -1; /* whose names follow */
	const char *lead = NULL;
	/* A duo session without a place (--allow-violations) says so. */
	const char *unplaced =
		ev->violation && ev->start < 0 ? "NIET GEPLAND: " : "";
	if (role == RK_PART_COVER && ev->kind == RK_EV_LB) {
		cover_summary(school, t, ev);
		return;
	}
	if (role == RK_PART_HOST && ev->kind == RK_EV_LB &&
	    rk_event_words_count(ev, RK_PART_VISITOR, view)) {
		rk_tsv_put(t, unplaced);
		host_summary(school, t, ev, view);
		return;
	}
	if (role == RK_PART_VISITOR && ev->kind == RK_EV_LB) {
		lead = "Lesbezoek bij ";
		with = RK_PART_HOST;
	} else if (role >= 0 && ev->kind == RK_EV_FB) {
		lead = "Feedbackgesprek met ";
	} else if (role >= 0 && ev->kind == RK_EV_GL) {
		lead = "Gezamenlijk lesontwerp met ";
	}
	if (!lead || !rk_event_words_count(ev, with, view)) {
		if (role >= 0 || !both_summary(school, t, ev, unplaced))
			rk_tsv_put(t, rk_event_words_title(ev));
		return;
	}
	rk_tsv_put(t, unplaced);
	rk_tsv_put(t, lead);
	rk_event_words_names(school, t, ev, with, view);
	if (ev->kind == RK_EV_LB)
		rk_event_words_where(t, ev);
}

/* Short texts of our own about what each session of the method is for and
 * how to come prepared; they follow the method's instruments (the
 * verbeterbord's standard order, the lesontwerpformulier, the
 * feedbackmodel), not its wording. */
static const char *const methods[RK_N_EVENT_KINDS] = {
	[RK_EV_BORDSESSIE] =
		"Aan het bord, staand en kort, in de vaste volgorde: een "
		"check-in (hoe sta je erin?), de successen van de week, het "
		"programma van de periode (zijn de lesbezoeken gelukt?), de "
		"voortgang op onze doelen, de acties in de klas en de andere "
		"acties. Wat meer tijd vraagt, krijgt een eigen werksessie.",
	[RK_EV_GL] =
		"Neem het lesontwerpformulier mee en een les die je binnenkort "
		"geeft. Samen vullen jullie de bouwstenen in: het leerdoel "
		"(wat kennen en kunnen de leerlingen straks, en hoe maak je dat "
		"voor hen zichtbaar?), de activiteiten die alle leerlingen "
		"daar brengen, de check of het doel gehaald is, en het "
		"als-dan: wat je doet als de check meevalt of tegenvalt.",
	[RK_EV_LB] = "Kijk met de kijkvraag die jullie samen kozen en schrijf "
		     "op wat je ziet en hoort, zonder oordeel: dat is de stof "
		     "voor het feedbackgesprek.",
	[RK_EV_FB] =
		"Het feedbackmodel: vertel wat je zag, concreet en zonder "
		"oordeel (\"ik zag je ...\"), en welk effect dat had op de "
		"leerlingen. Houd dan stil en vraag wat de ander ervan vindt. "
		"Zoek samen uit wat het doel en de bedoeling waren en wat een "
		"volgende keer beter kan. Wie feedback krijgt, luistert zonder "
		"te onderbreken en vraagt door.",
	[RK_EV_VERDIEPING] =
		"Om samen dieper in ons thema te komen: ervaringen uitwisselen, "
		"nieuwe kennis binnenhalen (een artikel, een expert) en "
		"bespreken wat die voor onze lessen betekent.",
	[RK_EV_RETROSPECTIVE] =
		"Terugkijken op de periode: wat werkte in onze aanpak en "
		"samenwerking, wat niet, en wat nemen we mee naar de volgende "
		"periode? De uitkomst gaat mee naar de verbindingssessie.",
	[RK_EV_LEERLINGARENA] =
		"Leerlingen vertellen, de leraren luisteren en vragen door: "
		"wat merken zij van ons verbeterthema?",
};

const char *rk_event_words_method(enum rk_event_kind kind)
{
	return (int)kind >= 0 && kind < RK_N_EVENT_KINDS ? methods[kind] : NULL;
}

void rk_event_words_about(struct rk_tsv *t, const struct rk_event *ev)
{
	static const enum rk_event_kind carried[] = { RK_EV_VERDIEPING,
						      RK_EV_RETROSPECTIVE,
						      RK_EV_LEERLINGARENA };
	const char *own = rk_event_words_method(ev->kind);
	if (own)
		rk_tsv_put(t, own);
	for (size_t i = 0; i < sizeof(carried) / sizeof(carried[0]); i++) {
		if (!(ev->carries & (1u << carried[i])))
			continue;
		rk_tsv_put(t, t->len ? "\n\n" : "");
		rk_tsv_put(t, categories[carried[i]]);
		rk_tsv_put(t, ": ");
		rk_tsv_put(t, methods[carried[i]]);
	}
}
