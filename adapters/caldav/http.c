#include "config.h"

#include "http.h"
#include "i18n.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* More than any calendar collection of a school: a bound, so that a
 * misbehaving server cannot fill the memory. */
#define MAX_BODY (64u * 1024 * 1024)

#define DEFAULT_TIMEOUT_MS 10000L
#define DEFAULT_TRIES	   3
#define DEFAULT_BACKOFF_MS 200L
#define MAX_TRIES	   10
#define MAX_JOBS	   16

/* A response being received. */
struct sink {
	char *data;
	size_t len;
	size_t cap;
	bool too_big;
	char *etag;
	bool nomem;
};

/* A queued request; everything it points at is its own. */
struct job {
	struct job *next;
	char *method;
	char *url;
	char *body;
	size_t body_len;
	struct curl_slist *headers;
	struct rk_http_done done;
	int tries;
	long pause_ms;
	double start;
};

/* One transfer at a time; the easy handle (and its connection) is reused
 * from request to request. A job waiting to be tried again keeps its slot,
 * so that @jobs bounds what the server sees. */
struct slot {
	CURL *curl;
	struct job *job;
	bool waiting;	  /* for @ready_at, not in the multi handle */
	double ready_at;  /* monotonic seconds */
	CURLcode last_rc; /* of the last try, while waiting */
	long last_status;
	struct sink sink;
	char errbuf[CURL_ERROR_SIZE];
};

struct rk_http {
	CURLM *multi;
	struct slot slots[MAX_JOBS];
	int jobs;
	struct job *head, *tail; /* the queue */
	bool running;		 /* inside rk_http_run */
	bool stopped;
	bool nomem;
	size_t finished; /* jobs reported, to see progress in a round */
	struct rk_http_options o; /* the strings point at the copies below */
	char *user;
	char *password;
	char *cacert;
	struct rk_http_counts counts;
};

void rk_http_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void rk_http_global_cleanup(void)
{
	curl_global_cleanup();
}

static char *dup_or_null(const char *text, bool *nomem)
{
	if (!text)
		return NULL;
	char *copy = strdup(text);
	if (!copy)
		*nomem = true;
	return copy;
}

static void wipe_free(char *secret)
{
	if (!secret)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}

static void apply_defaults(struct rk_http *h)
{
	if (h->o.timeout_ms <= 0)
		h->o.timeout_ms = DEFAULT_TIMEOUT_MS;
	if (h->o.tries <= 0)
		h->o.tries = DEFAULT_TRIES;
	if (h->o.tries > MAX_TRIES)
		h->o.tries = MAX_TRIES;
	if (h->o.backoff_ms <= 0)
		h->o.backoff_ms = DEFAULT_BACKOFF_MS;
	h->jobs = h->o.jobs <= 0	 ? 1
		  : h->o.jobs > MAX_JOBS ? MAX_JOBS
					 : h->o.jobs;
}

enum rk_status rk_http_new(const struct rk_http_options *options,
			   struct rk_http **out)
{
	*out = NULL;
	struct rk_http *h = calloc(1, sizeof(*h));
	if (!h)
		return RK_ERR_NOMEM;
	if (options)
		h->o = *options;
	bool nomem = false;
	h->user = dup_or_null(h->o.user, &nomem);
	h->password = dup_or_null(h->o.password, &nomem);
	h->cacert = dup_or_null(h->o.cacert, &nomem);
	h->o.user = h->user;
	h->o.password = h->password;
	h->o.cacert = h->cacert;
	apply_defaults(h);
	if (nomem) {
		rk_http_free(h);
		return RK_ERR_NOMEM;
	}
	h->multi = curl_multi_init();
	for (int i = 0; h->multi && i < h->jobs; i++) {
		h->slots[i].curl = curl_easy_init();
		if (!h->slots[i].curl) {
			rk_http_free(h);
			return RK_ERR_NETWORK;
		}
	}
	if (!h->multi) {
		rk_http_free(h);
		return RK_ERR_NETWORK;
	}
	/* One connection per slot, kept open between requests. */
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
			  (long)h->jobs);
	*out = h;
	return RK_OK;
}

static void job_free(struct job *j)
{
	if (!j)
		return;
	free(j->method);
	free(j->url);
	free(j->body);
	curl_slist_free_all(j->headers);
	free(j);
}

static void sink_reset(struct sink *s)
{
	free(s->data);
	free(s->etag);
	memset(s, 0, sizeof(*s));
}

void rk_http_free(struct rk_http *http)
{
	if (!http)
		return;
	for (struct job *j = http->head, *next; j; j = next) {
		next = j->next;
		job_free(j);
	}
	for (int i = 0; i < MAX_JOBS; i++) {
		struct slot *s = &http->slots[i];
		if (s->job && !s->waiting)
			curl_multi_remove_handle(http->multi, s->curl);
		job_free(s->job);
		sink_reset(&s->sink);
		if (s->curl)
			curl_easy_cleanup(s->curl);
	}
	if (http->multi)
		curl_multi_cleanup(http->multi);
	free(http->user);
	wipe_free(http->password);
	free(http->cacert);
	free(http);
}

void rk_http_response_release(struct rk_http_response *response)
{
	free(response->etag);
	free(response->body);
	memset(response, 0, sizeof(*response));
}

void rk_http_get_counts(const struct rk_http *http,
			struct rk_http_counts *counts)
{
	*counts = http->counts;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *data)
{
	struct sink *s = data;
	size_t n = size * nmemb;
	if (n > MAX_BODY || s->len + n > MAX_BODY) {
		s->too_big = true;
		return 0;
	}
	if (s->len + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < s->len + n + 1)
			cap *= 2;
		char *grown = realloc(s->data, cap);
		if (!grown) {
			s->nomem = true;
			return 0;
		}
		s->data = grown;
		s->cap = cap;
	}
	memcpy(s->data + s->len, ptr, n);
	s->len += n;
	s->data[s->len] = '\0';
	return n;
}

/* Keeps the ETag header; a header line is not NUL-terminated. */
static size_t on_header(char *ptr, size_t size, size_t nmemb, void *data)
{
	struct sink *s = data;
	size_t n = size * nmemb;
	static const char name[] = "etag:";
	if (n <= sizeof(name) - 1 || strncasecmp(ptr, name, sizeof(name) - 1))
		return n;
	const char *v = ptr + sizeof(name) - 1;
	const char *end = ptr + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
			   end[-1] == ' ' || end[-1] == '\t'))
		end--;
	free(s->etag);
	s->etag = strndup(v, (size_t)(end - v));
	if (!s->etag)
		s->nomem = true;
	return n;
}

static bool is_write(const char *method)
{
	static const char *const reads[] = { "GET", "HEAD", "OPTIONS",
					     "PROPFIND", "REPORT" };
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
		if (!strcmp(method, reads[i]))
			return false;
	return true;
}

/* Failures that another try may cure: the server is away, restarting or
 * slow. A refused certificate or a bad URL is not among them. */
static bool retryable(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static void set_protocols(CURL *c)
{
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS,
			 CURLPROTO_HTTP | CURLPROTO_HTTPS);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS,
			 CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
}

static void set_security(const struct rk_http *h, CURL *c)
{
	set_protocols(c);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	if (h->o.user)
		curl_easy_setopt(c, CURLOPT_USERNAME, h->o.user);
	if (h->o.password)
		curl_easy_setopt(c, CURLOPT_PASSWORD, h->o.password);
	if (h->o.netrc)
		curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	if (h->o.cacert)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->o.cacert);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, h->o.insecure ? 0L : 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, h->o.insecure ? 0L : 2L);
}

/* Sets up @s's handle for its job (curl_easy_reset keeps the connection). */
static void set_request(const struct rk_http *h, struct slot *s)
{
	CURL *c = s->curl;
	const struct job *j = s->job;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, j->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->o.timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->o.timeout_ms);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ritmiek/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	set_security(h, c);
	if (!strcmp(j->method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(j->method, "GET"))
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, j->method);
	if (j->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, j->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)j->body_len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, j->headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s->sink);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &s->sink);
}

static struct curl_slist *header_list(const char *const *headers, bool *nomem)
{
	struct curl_slist *list = NULL;
	/* No "Expect: 100-continue" round trip before a body. */
	const char *const fixed[] = { "Expect:", NULL };
	for (int pass = 0; pass < 2; pass++) {
		const char *const *h = pass ? headers : fixed;
		for (size_t i = 0; h && h[i]; i++) {
			struct curl_slist *next = curl_slist_append(list, h[i]);
			if (!next) {
				*nomem = true;
				return list;
			}
			list = next;
		}
	}
	return list;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum rk_status rk_http_queue(struct rk_http *http,
			     const struct rk_http_request *request,
			     const struct rk_http_done *done)
{
	char why[128];
	if (!request->method || !rk_http_url_ok(request->url, why, sizeof(why)))
		return RK_ERR_ARG;
	struct job *j = calloc(1, sizeof(*j));
	if (!j)
		return RK_ERR_NOMEM;
	bool nomem = false;
	j->method = strdup(request->method);
	j->url = strdup(request->url);
	if (request->body) {
		j->body = malloc(request->body_len + 1);
		if (j->body) {
			memcpy(j->body, request->body, request->body_len);
			j->body[request->body_len] = '\0';
		}
		j->body_len = request->body_len;
	}
	j->headers = header_list(request->headers, &nomem);
	j->done = *done;
	j->pause_ms = http->o.backoff_ms;
	if (nomem || !j->method || !j->url || (request->body && !j->body)) {
		job_free(j);
		return RK_ERR_NOMEM;
	}
	if (http->tail)
		http->tail->next = j;
	else
		http->head = j;
	http->tail = j;
	return RK_OK;
}

void rk_http_stop(struct rk_http *http)
{
	http->stopped = true;
}

/* Sends (again) the job of @s. */
static void try_slot(struct rk_http *h, struct slot *s)
{
	sink_reset(&s->sink);
	s->errbuf[0] = '\0';
	s->waiting = false;
	s->job->tries++;
	set_request(h, s);
	h->counts.requests++;
	if (is_write(s->job->method))
		h->counts.writes++;
	if (curl_multi_add_handle(h->multi, s->curl) != CURLM_OK)
		h->nomem = true;
}

static void fill_error(const struct slot *s, CURLcode rc,
		       struct rk_http_response *resp)
{
	const char *why = s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc);
	if (s->sink.too_big)
		why = _("the answer is too large");
	snprintf(resp->error, sizeof(resp->error), "%s", why);
}

static void trace(const struct rk_http *h, const struct job *j,
		  const struct rk_http_response *resp)
{
	if (!h->o.trace)
		return;
	struct rk_http_trace t = { j->method, j->url, resp->status, resp->tries,
				   now_seconds() - j->start };
	h->o.trace(h->o.trace_data, &t);
}

/* Reports the job of @s (after its last try, or never sent) and frees
 * the slot. */
static void finish(struct rk_http *h, struct slot *s, CURLcode rc, long status)
{
	struct job *j = s->job;
	struct rk_http_response resp = { 0 };
	enum rk_status st = RK_OK;
	resp.status = status;
	resp.tries = j->tries;
	if (s->sink.nomem) {
		st = RK_ERR_NOMEM;
	} else if (!j->tries) {
		snprintf(resp.error, sizeof(resp.error), _("not sent"));
		st = RK_ERR_NETWORK;
	} else if (rc != CURLE_OK) {
		fill_error(s, rc, &resp);
		st = RK_ERR_NETWORK;
	}
	if (st != RK_ERR_NOMEM) {
		resp.body = s->sink.data ? s->sink.data : calloc(1, 1);
		resp.body_len = s->sink.len;
		resp.etag = s->sink.etag;
		s->sink.data = NULL;
		s->sink.etag = NULL;
		if (!resp.body)
			st = RK_ERR_NOMEM;
	}
	sink_reset(&s->sink);
	s->job = NULL;
	s->waiting = false;
	h->finished++;
	if (j->tries)
		trace(h, j, &resp);
	if (st == RK_ERR_NOMEM)
		h->nomem = true;
	j->done.fn(j->done.data, st, &resp);
	rk_http_response_release(&resp);
	job_free(j);
}

/* A transfer of @s ended: try again after a pause, or report it. */
static void ended(struct rk_http *h, struct slot *s, CURLcode rc)
{
	long status = 0;
	curl_multi_remove_handle(h->multi, s->curl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
	bool again = rc == CURLE_OK ? status >= 500
				    : retryable(rc) && !s->sink.nomem;
	if (again && s->job->tries < h->o.tries && !h->stopped) {
		h->counts.retries++;
		s->last_rc = rc;
		s->last_status = status;
		s->waiting = true;
		s->ready_at = now_seconds() + (double)s->job->pause_ms / 1000.0;
		s->job->pause_ms *= 2;
		return;
	}
	finish(h, s, rc, status);
}

/* Gives free slots a job, from the queue or from @more. */
static void fill(struct rk_http *h, bool (*more)(void *), void *data)
{
	for (int i = 0; i < h->jobs && !h->nomem; i++) {
		struct slot *s = &h->slots[i];
		if (s->job)
			continue;
		if (!h->head && !h->stopped && more && !more(data))
			return;
		if (!h->head)
			return;
		s->job = h->head;
		h->head = s->job->next;
		if (!h->head)
			h->tail = NULL;
		s->job->next = NULL;
		if (h->stopped) {
			finish(h, s, CURLE_OK, 0);
			i--;
			continue;
		}
		s->job->start = now_seconds();
		try_slot(h, s);
	}
}

/* Starts the slots whose pause is over; the time to the next one, in ms
 * (1000 when none waits). */
static int wake(struct rk_http *h)
{
	double now = now_seconds(), next = now + 1.0;
	for (int i = 0; i < h->jobs; i++) {
		struct slot *s = &h->slots[i];
		if (!s->job || !s->waiting)
			continue;
		if (h->stopped)
			finish(h, s, s->last_rc, s->last_status);
		else if (s->ready_at <= now)
			try_slot(h, s);
		else if (s->ready_at < next)
			next = s->ready_at;
	}
	return (int)((next - now) * 1000.0) + 1;
}

static bool busy(const struct rk_http *h)
{
	for (int i = 0; i < h->jobs; i++)
		if (h->slots[i].job)
			return true;
	return h->head != NULL;
}

static void reap(struct rk_http *h)
{
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(h->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		CURLcode rc = msg->data.result;
		for (int i = 0; i < h->jobs; i++) {
			struct slot *s = &h->slots[i];
			if (s->job && !s->waiting &&
			    s->curl == msg->easy_handle)
				ended(h, s, rc);
		}
	}
}

enum rk_status rk_http_run(struct rk_http *http, bool (*more)(void *data),
			   void *data)
{
	if (http->running)
		return RK_ERR_ARG;
	http->running = true;
	http->stopped = false;
	while (!http->nomem) {
		fill(http, more, data);
		if (!busy(http))
			break;
		size_t finished = http->finished;
		int active = 0;
		curl_multi_perform(http->multi, &active);
		reap(http);
		int wait_ms = wake(http);
		/* Something ended: give its slot a new job before waiting. */
		if (http->finished != finished)
			continue;
		curl_multi_poll(http->multi, NULL, 0, wait_ms, NULL);
	}
	http->running = false;
	http->stopped = false;
	enum rk_status status = http->nomem ? RK_ERR_NOMEM : RK_OK;
	http->nomem = false;
	return status;
}

/* rk_http_send's callback: keeps the answer. */
struct one {
	enum rk_status status;
	struct rk_http_response *response;
	bool done;
};

static void on_one(void *data, enum rk_status status,
		   struct rk_http_response *response)
{
	struct one *o = data;
	o->status = status;
	o->done = true;
	*o->response = *response;
	memset(response, 0, sizeof(*response));
}

enum rk_status rk_http_send(struct rk_http *http,
			    const struct rk_http_request *request,
			    struct rk_http_response *response)
{
	memset(response, 0, sizeof(*response));
	if (http->running)
		return RK_ERR_ARG;
	struct one one = { RK_OK, response, false };
	struct rk_http_done done = { on_one, &one };
	enum rk_status status = rk_http_queue(http, request, &done);
	if (status != RK_OK)
		return status;
	status = rk_http_run(http, NULL, NULL);
	if (status != RK_OK && !one.done)
		return status;
	return one.status;
}

static bool url_part(CURLU *u, CURLUPart what, char **out)
{
	*out = NULL;
	return curl_url_get(u, what, out, 0) == CURLUE_OK && *out;
}

bool rk_http_url_ok(const char *url, char *why, size_t size)
{
	const char *problem = NULL;
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *password = NULL;
	if (!u || !url)
		problem = "no URL";
	else if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		problem = "not a valid URL";
	else if (!url_part(u, CURLUPART_SCHEME, &scheme) ||
		 (strcmp(scheme, "http") && strcmp(scheme, "https")))
		problem = _("not an http:// or https:// URL");
	else if (!url_part(u, CURLUPART_HOST, &host) || !*host)
		problem = _("no host in the URL");
	else if (url_part(u, CURLUPART_PASSWORD, &password))
		problem = _("a password in the URL; use --password-file, "
			    "RITMIEK_PASSWORD or ~/.netrc instead");
	if (problem && why && size)
		snprintf(why, size, "%s", problem);
	if (password)
		explicit_bzero(password, strlen(password));
	curl_free(scheme);
	curl_free(host);
	curl_free(password);
	curl_url_cleanup(u);
	return problem == NULL;
}

bool rk_http_url_is_local(const char *url)
{
	bool local = false;
	CURLU *u = curl_url();
	char *host = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    url_part(u, CURLUPART_HOST, &host))
		local = !strcasecmp(host, "localhost") ||
			!strncmp(host, "127.", 4) || !strcmp(host, "[::1]");
	curl_free(host);
	curl_url_cleanup(u);
	return local;
}
