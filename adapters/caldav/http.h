/* http.h - HTTP requests through libcurl, for the CalDAV push.
 *
 * The one place in ritmiek that talks to the network. A client sends up to
 * @jobs requests at a time over connections it keeps open from request to
 * request (libcurl's multi interface); every request has a time limit,
 * and a request that gets no answer or a 5xx answer is tried again a
 * bounded number of times with a growing pause. TLS certificates are always
 * verified unless the caller asks otherwise. The password is handed to
 * libcurl and never appears in a message, a trace or a URL. */
#ifndef RK_HTTP_H
#define RK_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* Sets up and frees libcurl's process-wide state; for main() alone. */
void rk_http_global_init(void);
void rk_http_global_cleanup(void);

/* One request as the trace callback sees it, after its last try. */
struct rk_http_trace {
	const char *method;
	const char *url;
	long status;	/* 0: no answer */
	int tries;	/* 1 unless it was tried again */
	double seconds; /* all tries and pauses */
};

struct rk_http_options {
	const char *user;     /* NULL: none, or the one ~/.netrc gives */
	const char *password; /* NULL: from ~/.netrc when @netrc */
	bool netrc;	      /* look up missing credentials in ~/.netrc */
	const char *cacert;   /* a CA bundle (PEM) for a private CA, or NULL */
	bool insecure;	      /* do not verify the server's certificate */
	long timeout_ms;      /* per try; 0: 10000 */
	int tries;	      /* per request; 0: 3 */
	long backoff_ms;      /* first pause, doubled each time; 0: 200 */
	int jobs;	      /* requests at a time; 0: 1, at most 16 */
	/* Called once per request (may be NULL), e.g. for --verbose. */
	void (*trace)(void *data, const struct rk_http_trace *trace);
	void *trace_data;
};

struct rk_http_request {
	const char *method; /* "GET", "PUT", "PROPFIND", ... */
	const char *url;
	const char *const
		*headers; /* "Name: value", NULL-terminated; or NULL */
	const char *body; /* NULL: none */
	size_t body_len;
};

/* What came back. The strings are the caller's, to be freed with
 * rk_http_response_release. */
struct rk_http_response {
	long status;	 /* the HTTP status; 0 when no answer came */
	char *etag;	 /* the ETag header as sent, quotes kept; or NULL */
	char *body;	 /* NUL-terminated; never NULL after rk_http_send */
	size_t body_len; /* without the NUL */
	int tries;	 /* how often it was sent */
	char error[256]; /* why no answer came (libcurl's words), or "" */
};

/* Counts since the client was made. A request tried three times counts
 * three times. Writing requests are all but GET, HEAD, OPTIONS, PROPFIND
 * and REPORT. */
struct rk_http_counts {
	size_t requests;
	size_t writes;
	size_t retries;
};

struct rk_http;

/* A new client with a copy of @options (strings copied); RK_ERR_NOMEM,
 * RK_ERR_NETWORK when libcurl cannot be set up. *out to rk_http_free. */
enum rk_status rk_http_new(const struct rk_http_options *options,
			   struct rk_http **out);
/* Frees the client and wipes its copy of the password; NULL is a no-op. */
void rk_http_free(struct rk_http *http);

/* Sends @request and fills @response (released first by the caller, or
 * zeroed). RK_OK when an answer came, whatever its status (a 5xx only after
 * the last try); RK_ERR_NETWORK when none came after the last try (or the
 * certificate was refused, which is not tried again), @response->error says
 * why; RK_ERR_ARG for a URL that is not http(s) or carries a password, or
 * when called from a callback of rk_http_run; RK_ERR_NOMEM. Redirects are
 * not followed. */
enum rk_status rk_http_send(struct rk_http *http,
			    const struct rk_http_request *request,
			    struct rk_http_response *response);

/* Frees the strings of @response and zeroes it. */
void rk_http_response_release(struct rk_http_response *response);

/* Called once for a queued request, from rk_http_run: @status as
 * rk_http_send would return it, or RK_ERR_NETWORK with @response->tries 0
 * when it was never sent (rk_http_stop). @response is lent for the call;
 * the callee may take its strings (setting them NULL). It may queue more
 * requests. */
struct rk_http_done {
	void (*fn)(void *data, enum rk_status status,
		   struct rk_http_response *response);
	void *data;
};

/* Queues @request (everything copied, the body too) for rk_http_run.
 * RK_ERR_ARG for a bad URL or method (@done is not called), RK_ERR_NOMEM. */
enum rk_status rk_http_queue(struct rk_http *http,
			     const struct rk_http_request *request,
			     const struct rk_http_done *done);

/* Sends the queued requests, up to @jobs at a time, in the order queued,
 * each tried again on its own slot as rk_http_send does, until none is
 * left. When a slot is free and nothing is queued, @more (may be NULL) is
 * called; it queues the next request(s) and returns false when there are
 * none for now. RK_OK, RK_ERR_NOMEM, or RK_ERR_ARG when called from a
 * callback of a run. */
enum rk_status rk_http_run(struct rk_http *http, bool (*more)(void *data),
			   void *data);

/* From a callback of rk_http_run: start nothing new. The requests already
 * sent finish (and are reported), the queued ones are reported as never
 * sent, and @more is not called again during this run. */
void rk_http_stop(struct rk_http *http);

/* The counts so far. */
void rk_http_get_counts(const struct rk_http *http,
			struct rk_http_counts *counts);

/* Whether @url is one rk_http_send takes: http:// or https://, a host, and
 * no password in it. On false, @why (of @size bytes) says what is wrong. */
bool rk_http_url_ok(const char *url, char *why, size_t size);

/* Whether @url goes to this machine (localhost, 127.0.0.0/8, ::1). */
bool rk_http_url_is_local(const char *url);

#endif
