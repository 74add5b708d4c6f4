#include "config.h"

#include "ritmiek.h"

#include <stdio.h>
#include <string.h>

/* The eight weeks of each ritmiek, after DOMAIN.md. */
struct source_week {
	unsigned acts;
	const char *agenda;
};

static const struct source_week uitbouwen[8] = {
	{ RK_ACT_ARENA | RK_ACT_GL1,
	  "Leerlingarena over het thema van deze periode; gezamenlijk "
	  "lesontwerp in duo's; lesbezoeken afspreken." },
	{ RK_ACT_LB1, "Lesbezoek; feedbackgesprekken; werken aan de acties van "
		      "het bord." },
	{ 0, "Ruimte voor een ander teamoverleg (bouw- of sectieoverleg); de "
	     "bordsessie gaat door." },
	{ RK_ACT_VERDIEPING, "Inhoudelijke verdieping op het thema." },
	{ RK_ACT_GL2, "Gezamenlijk lesontwerp in duo's; werken aan acties; "
		      "lesbezoeken afspreken." },
	{ RK_ACT_LB2, "Lesbezoek met gewisselde rollen; feedbackgesprekken." },
	{ RK_ACT_RETRO, "Werken aan acties; retrospectief op de periode." },
	{ RK_ACT_VERBINDING, "Verbindingssessie met de andere teams." },
};

static const struct source_week aan_de_slag[8] = {
	{ RK_ACT_GL1, "Het verbeterbord introduceren; gezamenlijk lesontwerp "
		      "introduceren en in duo's doen rond het doel." },
	{ RK_ACT_LB1, "Lesbezoek introduceren; duo's vormen voor lesbezoek; "
		      "lesbezoek." },
	{ 0, "Feedbacktraining; feedbackgesprekken na het lesbezoek, in "
	     "duo's." },
	{ RK_ACT_VERDIEPING | RK_ACT_GL2,
	  "Inhoudelijke verdieping; doel en acties aanscherpen; gezamenlijk "
	  "lesontwerp in duo's." },
	{ RK_ACT_LB2, "Duo's vormen voor lesbezoek met gewisselde rollen; "
		      "lesbezoek." },
	{ 0, "Feedbackgesprekken in duo's; de ritmiek van de volgende periode "
	     "bespreken; werktijd." },
	{ RK_ACT_RETRO, "Retrospectief op de periode; de verbindingssessie "
			"voorbereiden." },
	{ RK_ACT_VERBINDING, "Verbindingssessie." },
};

/* Which of the eight source weeks make up each week of a shorter period,
 * as bit sets (bit i = source week i + 1). A week that is dropped holds no
 * activity; the verbindingssessie always closes the period. */
static const unsigned merge[9][8] = {
	[1] = { 0xf3 },
	[2] = { 0x13, 0xe4 },
	[3] = { 0x03, 0x38, 0xc0 },
	[4] = { 0x01, 0x0a, 0x30, 0xc0 },
	[5] = { 0x01, 0x02, 0x18, 0x20, 0xc0 },
	[6] = { 0x01, 0x02, 0x18, 0x20, 0x40, 0x80 },
	[7] = { 0x01, 0x02, 0x08, 0x10, 0x20, 0x40, 0x80 },
	[8] = { 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80 },
};

unsigned rk_ritmiek_week(int length, int week, bool first_year_start,
			 char *agenda, size_t size)
{
	const struct source_week *src =
		first_year_start ? aan_de_slag : uitbouwen;
	unsigned sources = 0;
	if (length >= 1 && week >= 1 && week <= length && week <= 8)
		sources = merge[length > 8 ? 8 : length][week - 1];
	/* A week without its own activities is a working week. */
	snprintf(agenda, size, "%s",
		 sources ? "" : "Werken aan de acties van het bord.");
	unsigned acts = 0;
	size_t len = strlen(agenda);
	for (int i = 0; i < 8; i++) {
		if (!(sources & (1u << i)))
			continue;
		acts |= src[i].acts;
		if (len < size)
			len += (size_t)snprintf(agenda + len, size - len,
						"%s%s", len ? " " : "",
						src[i].agenda);
	}
	return acts;
}
