/* push.h - publishing a plan's feeds to CalDAV calendar collections.
 *
 * Reads PLANDIR/index.tsv and the feeds it lists (feeds.h), and keeps one
 * calendar collection per target in step with them: one resource per event
 * (<UID>.ics, the event with its VTIMEZONE and X-RITMIEK-PLAN:<school id>).
 * A new event is put with If-None-Match: *, a changed one with If-Match: the
 * ETag of the last push, an event that left the feeds is deleted with
 * If-Match. Never with If-Match: *: when the ETag of the last push is
 * unknown, the resource is read first, and changed or deleted (If-Match on
 * the ETag just read) only when it is still what was put (the hash in
 * push.state); else it is a conflict, kept. What was put is remembered in
 * PLANDIR/push.state (push_state.h).
 * Every push first asks each known collection for the names and ETags of
 * what it holds (one PROPFIND each): an event of ours deleted on the server
 * is put back, one whose ETag changed is looked at (a conflict when it
 * really differs); unchanged events cost no further request. Requests go
 * out as many at a time as @http allows (rk_http_options.jobs); each one
 * that completes is in the state at once. A collection the state does not know is
 * made (MKCALENDAR) when missing, or searched for ritmiek's own events of
 * this school (a lost state), which are taken over rather than duplicated.
 * Nothing that ritmiek did not put there is ever changed or deleted.
 *
 * An event someone changed on the server is a conflict: reported per event,
 * not overwritten, unless @force. A refused account or a server that stays
 * unreachable stops the push; the state then holds what was done, and a
 * later push does the rest without duplicates. A collection whose requests
 * keep getting 5xx answers fails on its own (its events counted as failed,
 * with what to do about it); the other collections go on. */
#ifndef RK_PUSH_H
#define RK_PUSH_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "http.h"
#include "status.h"

/* Which feeds of index.tsv to push (bits). */
enum rk_push_targets {
	RK_PUSH_SCHOOL = 1,
	RK_PUSH_ROLE = 2,
	RK_PUSH_TEAM = 4,
	RK_PUSH_PERSON = 8
};

enum rk_push_what {
	RK_PUSH_CREATED,
	RK_PUSH_UPDATED,
	RK_PUSH_DELETED,
	RK_PUSH_CONFLICT, /* not overwritten (or not deleted) */
	RK_PUSH_FAILED,	  /* the server refused this event */
	RK_PUSH_MADE,	  /* a collection was made */
	RK_PUSH_ADOPTED,  /* found on the server and taken into the state */
	RK_PUSH_RESTORED, /* deleted on the server, put back */
	RK_PUSH_PROGRESS
};

/* What the push tells as it goes. Strings are lent for the call. */
struct rk_push_note {
	enum rk_push_what what;
	bool dry_run;		/* would be done */
	const char *collection; /* its URL */
	const char *name;	/* the resource's name, or NULL */
	const char *uid;	/* or NULL */
	const char *summary;	/* the event's SUMMARY, or NULL */
	const char *message;	/* why: conflicts, failures; or NULL */
	size_t done;		/* PROGRESS: events handled */
	size_t total;		/* PROGRESS: events in all collections */
};

struct rk_push_options {
	const char *plan_dir;
	/* The collection URL; "{id}" and "{email}" in it are replaced by each
	 * target's id or (people only) e-mail address. Targets that come out
	 * at the same URL share one collection (an event in several of their
	 * feeds is put once, as the first feed in index.tsv has it). */
	const char *url;
	unsigned targets; /* RK_PUSH_* bits; 0: people when the URL holds a
			   * placeholder, else the school feed */
	/* The e-mail address of a person id for "{email}" (NULL: none). */
	const char *(*email_of)(void *data, const char *person);
	void *email_data;
	bool dry_run; /* read, but change nothing, not even push.state */
	bool force;   /* overwrite (and delete) events changed on the server */
	void (*note)(void *data, const struct rk_push_note *note);
	void *note_data;
};

struct rk_push_report {
	size_t collections; /* targeted */
	size_t made;	    /* collections made */
	size_t created;
	size_t updated;
	size_t deleted;
	size_t unchanged;
	size_t adopted;	  /* found on the server (state lost), kept */
	size_t restored;  /* deleted on the server, put back */
	size_t older;	  /* of an older push.state (hash unknown), put
			   * again once with If-Match on its ETag */
	size_t conflicts; /* changed on the server, not overwritten */
	size_t failed;	  /* refused by the server (this event only) */
	size_t not_done;  /* left undone because the push stopped */
	bool stopped;	  /* stopped: refused account or no answer */
	bool refused;	  /* stopped on 401/403 */
	char stop_url[512];
	char stop_reason[256]; /* the server's status or libcurl's reason */
};

/* Pushes the feeds of @options->plan_dir through @http (which carries the
 * credentials and TLS settings) and fills @report. RK_OK when every request
 * got an answer (conflicts and failed events are counted in @report);
 * RK_ERR_NETWORK when the push stopped (@report says where and why);
 * RK_ERR_INPUT for problems in index.tsv, a feed or push.state, or a URL
 * template that does not fit (all in @diags, nothing sent); RK_ERR_IO when
 * push.state cannot be written (in @diags); RK_ERR_NOMEM. */
enum rk_status rk_push_run(struct rk_http *http,
			   const struct rk_push_options *options,
			   struct rk_push_report *report,
			   struct rk_diags *diags);

#endif
