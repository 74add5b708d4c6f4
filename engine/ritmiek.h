/* ritmiek.h - the week-by-week ritmiek of a period (DOMAIN.md), stretched
 * or compressed to the period's length. */
#ifndef RK_RITMIEK_H
#define RK_RITMIEK_H

#include <stdbool.h>
#include <stddef.h>

/* What a week of a period holds, as bits. */
enum rk_activity {
	RK_ACT_ARENA = 1u << 0,	     /* leerlingarena (team) */
	RK_ACT_GL1 = 1u << 1,	     /* gezamenlijk lesontwerp, first round */
	RK_ACT_LB1 = 1u << 2,	     /* lesbezoek + feedback, first round */
	RK_ACT_VERDIEPING = 1u << 3, /* inhoudelijke verdieping (team) */
	RK_ACT_GL2 = 1u << 4,
	RK_ACT_LB2 = 1u << 5,	    /* the roles swapped */
	RK_ACT_RETRO = 1u << 6,	    /* retrospectief (team) */
	RK_ACT_VERBINDING = 1u << 7 /* verbindingssessie (school) */
};

/* The activities of week @week (1-based) of a period of @length weeks, the
 * first period of year 1 ("aan de slag") or a later one ("uitbouwen"); the
 * agenda of that week in Dutch is written to @agenda (@size bytes). Weeks
 * beyond the template hold nothing but the bordsessie. */
unsigned rk_ritmiek_week(int length, int week, bool aan_de_slag, char *agenda,
			 size_t size);

#endif
