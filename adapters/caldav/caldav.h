/* caldav.h - the CalDAV requests of the push, and their answers.
 *
 * Calendar collections (RFC 4791) over WebDAV (RFC 4918): finding out
 * whether a collection exists, making one, listing its events, and putting
 * and deleting one event resource with preconditions (If-None-Match: * for a
 * new resource, If-Match for a known one), so that ritmiek never overwrites
 * a change it has not seen. Multistatus answers are read with libxml2,
 * namespace-aware (servers choose their own prefixes).
 *
 * Every request function returns RK_OK when the server answered (the
 * outcome in @res, whatever it was), RK_ERR_NETWORK when it did not answer,
 * or kept answering 5xx, after the retries of http.h (@res->message says
 * why), RK_ERR_NOMEM. @res is filled by the call and released by the
 * caller with rk_caldav_result_release. */
#ifndef RK_CALDAV_H
#define RK_CALDAV_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"
#include "status.h"

/* Sets up and frees libxml2's process-wide state; for main() alone. */
void rk_caldav_global_init(void);
void rk_caldav_global_cleanup(void);

enum rk_caldav_outcome {
	RK_CALDAV_OK,	    /* done: any 2xx (but a 207 to a PUT) */
	RK_CALDAV_MISSING,  /* 404 or 410: no such resource or collection */
	RK_CALDAV_CHANGED,  /* 412: the ETag no longer matches, or the
			     * resource exists after all */
	RK_CALDAV_UID_USED, /* the UID is in the collection under another
			     * name (no-uid-conflict) */
	RK_CALDAV_REFUSED,  /* 401 or 403: the account may not do this */
	RK_CALDAV_FAILED    /* any other answer */
};

struct rk_caldav_result {
	enum rk_caldav_outcome outcome;
	long status;	   /* the HTTP status; 0 without an answer */
	char *etag;	   /* the resource's ETag after a PUT or GET, or NULL */
	char *body;	   /* GET: the resource; NULL otherwise */
	char message[256]; /* a failure in words ("HTTP 400 (valid-calendar-
			    * data)", libcurl's reason), or "" */
};

/* Frees the strings of @res and zeroes it. */
void rk_caldav_result_release(struct rk_caldav_result *res);

/* One <response> of a multistatus. Strings are NULL when absent. */
struct rk_caldav_item {
	char *href;  /* percent-decoded */
	char *name;  /* its last path segment, percent-decoded */
	long status; /* of the response, or of its successful propstat */
	char *etag;
	char *calendar_data;
	bool collection;
	bool calendar;
	bool uid_conflict; /* a CalDAV no-uid-conflict error */
};

struct rk_caldav_multistatus {
	struct rk_caldav_item *items;
	size_t n;
};

/* Parses a 207 body. RK_ERR_INPUT when it is not XML or not a DAV:
 * multistatus; RK_ERR_NOMEM. @out is zeroed first and released with
 * rk_caldav_multistatus_release (also after a failure). */
enum rk_status rk_caldav_multistatus_parse(const char *body, size_t len,
					   struct rk_caldav_multistatus *out);
void rk_caldav_multistatus_release(struct rk_caldav_multistatus *ms);

/* The local name of the first element in a DAV:error body (a precondition
 * such as "no-uid-conflict") into @buf, or "" when the body is not one. */
void rk_caldav_error_name(const char *body, size_t len, char *buf, size_t size);

/* What is at a URL. */
enum rk_caldav_kind {
	RK_CALDAV_NOTHING,    /* nothing (404) */
	RK_CALDAV_CALENDAR,   /* a calendar collection */
	RK_CALDAV_COLLECTION, /* a collection that is not a calendar */
	RK_CALDAV_RESOURCE    /* something else */
};

/* PROPFIND Depth 0 on the collection @url: what is there, into *@kind
 * (outcome RK_CALDAV_OK, or RK_CALDAV_REFUSED/FAILED). */
enum rk_status rk_caldav_probe(struct rk_http *http, const char *url,
			       enum rk_caldav_kind *kind,
			       struct rk_caldav_result *res);

/* Makes the calendar collection @url named @displayname: MKCALENDAR, or
 * an extended MKCOL (RFC 5689) on a server that does not know it. */
enum rk_status rk_caldav_make_calendar(struct rk_http *http, const char *url,
				       const char *displayname,
				       struct rk_caldav_result *res);

/* The event resources of the collection @url with their ETags and data
 * (REPORT calendar-query) into @out, released by the caller. */
enum rk_status rk_caldav_list(struct rk_http *http, const char *url,
			      struct rk_caldav_multistatus *out,
			      struct rk_caldav_result *res);

/* PUTs @body (an iCalendar object) to @url: only when nothing is there
 * (If-None-Match: *) when @etag is NULL, else only when the resource still
 * has @etag (If-Match). On RK_CALDAV_OK @res->etag is the new ETag when the
 * server sent one. An empty @etag is RK_ERR_ARG (nothing sent): it would
 * be no precondition at all. */
enum rk_status rk_caldav_put(struct rk_http *http, const char *url,
			     const char *body, size_t len, const char *etag,
			     struct rk_caldav_result *res);

/* DELETEs @url if it still has @etag (If-Match). Without an ETag (NULL
 * or "") nothing is sent: RK_ERR_ARG. There is no unconditional delete
 * (If-Match: *): it would remove an edit made since the resource was read;
 * read it first (rk_caldav_get) for its ETag. */
enum rk_status rk_caldav_delete(struct rk_http *http, const char *url,
				const char *etag, struct rk_caldav_result *res);

/* GETs @url: @res->body and @res->etag. */
enum rk_status rk_caldav_get(struct rk_http *http, const char *url,
			     struct rk_caldav_result *res);

/* ---- the same requests, queued on @http and sent by rk_http_run ---- */

/* The answer to a queued request, lent to the callback for the call (it may
 * take the strings, setting them NULL). */
struct rk_caldav_answer {
	enum rk_status status; /* what the blocking function would return */
	bool sent;	       /* false: never sent (rk_http_stop) */
	struct rk_caldav_result res;
	enum rk_caldav_kind kind;	 /* probe */
	struct rk_caldav_multistatus ms; /* list and members */
};

struct rk_caldav_done {
	void (*fn)(void *data, struct rk_caldav_answer *answer);
	void *data;
};

/* Each queues the request of its blocking namesake; the callback is
 * called once from rk_http_run (unless the call fails: RK_ERR_NOMEM, or
 * RK_ERR_ARG for a bad URL or a missing ETag). */
enum rk_status rk_caldav_queue_probe(struct rk_http *http, const char *url,
				     const struct rk_caldav_done *done);
enum rk_status rk_caldav_queue_make_calendar(struct rk_http *http,
					     const char *url,
					     const char *displayname,
					     const struct rk_caldav_done *done);
enum rk_status rk_caldav_queue_list(struct rk_http *http, const char *url,
				    const struct rk_caldav_done *done);
enum rk_status rk_caldav_queue_put(struct rk_http *http, const char *url,
				   const char *body, size_t len,
				   const char *etag,
				   const struct rk_caldav_done *done);
enum rk_status rk_caldav_queue_delete(struct rk_http *http, const char *url,
				      const char *etag,
				      const struct rk_caldav_done *done);

/* What the collection @url holds, cheaply: PROPFIND Depth 1 for the
 * resource type and ETag of the collection and of each member, no
 * calendar data (one request, however many events). @answer->kind is
 * what @url is (RK_CALDAV_NOTHING when it is gone), @answer->ms its
 * members (the collection itself left out). */
enum rk_status rk_caldav_queue_members(struct rk_http *http, const char *url,
				       const struct rk_caldav_done *done);

/* @text with every byte outside A-Z a-z 0-9 - . _ ~ @ percent-encoded, as
 * a new string (caller frees); NULL when out of memory. For path segments:
 * resource names and the values put into a URL template. */
char *rk_caldav_encode_segment(const char *text);

#endif
