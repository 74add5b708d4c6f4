#include "config.h"

#include "http.h"

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

struct rk_http {
	CURL *curl;
	struct rk_http_options o; /* the strings point at the copies below */
	char *user;
	char *password;
	char *cacert;
	struct rk_http_counts counts;
	char errbuf[CURL_ERROR_SIZE];
};

/* A response being received. */
struct sink {
	char *data;
	size_t len;
	size_t cap;
	bool too_big;
	char *etag;
	bool nomem;
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
	if (h->o.timeout_ms <= 0)
		h->o.timeout_ms = DEFAULT_TIMEOUT_MS;
	if (h->o.tries <= 0)
		h->o.tries = DEFAULT_TRIES;
	if (h->o.tries > MAX_TRIES)
		h->o.tries = MAX_TRIES;
	if (h->o.backoff_ms <= 0)
		h->o.backoff_ms = DEFAULT_BACKOFF_MS;
	if (nomem) {
		rk_http_free(h);
		return RK_ERR_NOMEM;
	}
	h->curl = curl_easy_init();
	if (!h->curl) {
		rk_http_free(h);
		return RK_ERR_NETWORK;
	}
	*out = h;
	return RK_OK;
}

void rk_http_free(struct rk_http *http)
{
	if (!http)
		return;
	if (http->curl)
		curl_easy_cleanup(http->curl);
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

static void set_security(struct rk_http *h)
{
	CURL *c = h->curl;
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

static void set_request(struct rk_http *h, const struct rk_http_request *r,
			struct curl_slist *headers, struct sink *sink)
{
	CURL *c = h->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->o.timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->o.timeout_ms);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ritmiek/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
	set_security(h);
	if (!strcmp(r->method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(r->method, "GET"))
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r->method);
	if (r->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)r->body_len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, sink);
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

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sink_reset(struct sink *s)
{
	free(s->data);
	free(s->etag);
	memset(s, 0, sizeof(*s));
}

/* One try. Returns libcurl's code; the status goes to *@status. */
static CURLcode try_once(struct rk_http *h, const struct rk_http_request *r,
			 struct curl_slist *headers, struct sink *sink,
			 long *status)
{
	sink_reset(sink);
	h->errbuf[0] = '\0';
	set_request(h, r, headers, sink);
	h->counts.requests++;
	if (is_write(r->method))
		h->counts.writes++;
	CURLcode rc = curl_easy_perform(h->curl);
	*status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, status);
	return rc;
}

static void fill_error(struct rk_http *h, CURLcode rc, const struct sink *s,
		       struct rk_http_response *resp)
{
	const char *why = h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc);
	if (s->too_big)
		why = "the answer is too large";
	snprintf(resp->error, sizeof(resp->error), "%s", why);
}

/* Hands the received body and ETag over to @resp. */
static enum rk_status take_over(struct sink *s, struct rk_http_response *resp)
{
	if (s->nomem)
		return RK_ERR_NOMEM;
	if (!s->data) {
		s->data = calloc(1, 1);
		if (!s->data)
			return RK_ERR_NOMEM;
	}
	resp->body = s->data;
	resp->body_len = s->len;
	resp->etag = s->etag;
	s->data = NULL;
	s->etag = NULL;
	return RK_OK;
}

static void trace(const struct rk_http *h, const struct rk_http_request *r,
		  const struct rk_http_response *resp, double start)
{
	if (!h->o.trace)
		return;
	struct rk_http_trace t = { r->method, r->url, resp->status, resp->tries,
				   now_seconds() - start };
	h->o.trace(h->o.trace_data, &t);
}

enum rk_status rk_http_send(struct rk_http *http,
			    const struct rk_http_request *request,
			    struct rk_http_response *response)
{
	memset(response, 0, sizeof(*response));
	char why[128];
	if (!request->method || !rk_http_url_ok(request->url, why, sizeof(why)))
		return RK_ERR_ARG;
	bool nomem = false;
	struct curl_slist *headers = header_list(request->headers, &nomem);
	struct sink sink = { 0 };
	enum rk_status status = RK_OK;
	CURLcode rc = CURLE_OK;
	double start = now_seconds();
	long pause = http->o.backoff_ms;
	for (int t = 1; !nomem && t <= http->o.tries; t++) {
		response->tries = t;
		rc = try_once(http, request, headers, &sink, &response->status);
		bool again = rc == CURLE_OK ? response->status >= 500
					    : retryable(rc) && !sink.nomem;
		if (!again || t == http->o.tries)
			break;
		http->counts.retries++;
		pause_ms(pause);
		pause *= 2;
	}
	if (nomem || sink.nomem)
		status = RK_ERR_NOMEM;
	else if (rc != CURLE_OK) {
		fill_error(http, rc, &sink, response);
		status = RK_ERR_NETWORK;
	}
	if (status != RK_ERR_NOMEM)
		status = take_over(&sink, response) == RK_OK ? status
							     : RK_ERR_NOMEM;
	sink_reset(&sink);
	curl_slist_free_all(headers);
	trace(http, request, response, start);
	return status;
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
		problem = "not an http:// or https:// URL";
	else if (!url_part(u, CURLUPART_HOST, &host) || !*host)
		problem = "no host in the URL";
	else if (url_part(u, CURLUPART_PASSWORD, &password))
		problem = "a password in the URL; use --password-file, "
			  "RITMIEK_PASSWORD or ~/.netrc instead";
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
