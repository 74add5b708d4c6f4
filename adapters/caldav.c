#include "config.h"

#include "caldav.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_DAV	  "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"

#define XML_TYPE "Content-Type: application/xml; charset=utf-8"

static const char propfind_body[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:getetag/>"
	"</d:prop></d:propfind>\n";

static const char query_body[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<c:calendar-query xmlns:d=\"DAV:\" "
	"xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
	"<d:prop><d:getetag/><c:calendar-data/></d:prop>"
	"<c:filter><c:comp-filter name=\"VCALENDAR\">"
	"<c:comp-filter name=\"VEVENT\"/></c:comp-filter></c:filter>"
	"</c:calendar-query>\n";

void rk_caldav_global_init(void)
{
	xmlInitParser();
}

void rk_caldav_global_cleanup(void)
{
	xmlCleanupParser();
}

void rk_caldav_result_release(struct rk_caldav_result *res)
{
	free(res->etag);
	free(res->body);
	memset(res, 0, sizeof(*res));
}

/* ---- multistatus ---- */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char *percent_decode(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int hi = i + 2 < n ? hex_value(text[i + 1]) : -1;
		int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
		if (text[i] == '%' && hi >= 0 && lo >= 0) {
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
			continue;
		}
		out[k++] = text[i];
	}
	out[k] = '\0';
	return out;
}

/* The last non-empty segment of the path @href. */
static char *last_segment(const char *href)
{
	size_t end = strlen(href);
	while (end > 0 && href[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && href[start - 1] != '/')
		start--;
	return strndup(href + start, end - start);
}

/* "HTTP/1.1 404 Not Found" -> 404; 0 when it is not a status line. */
static long status_of(const char *line)
{
	const char *sp = line ? strchr(line, ' ') : NULL;
	if (!sp)
		return 0;
	long code = 0;
	for (int i = 1; i <= 3; i++) {
		if (sp[i] < '0' || sp[i] > '9')
			return 0;
		code = code * 10 + (sp[i] - '0');
	}
	return code;
}

/* The string value of the XPath @expr at @node, as a new string; NULL when
 * it is empty (or out of memory: *@nomem). */
static char *xstring(xmlXPathContextPtr ctx, xmlNodePtr node, const char *expr,
		     bool *nomem)
{
	xmlXPathObjectPtr obj = xmlXPathNodeEval(node, BAD_CAST expr, ctx);
	char *text = NULL;
	if (!obj) {
		*nomem = true;
		return NULL;
	}
	if (obj->type == XPATH_STRING && obj->stringval && obj->stringval[0]) {
		text = strdup((const char *)obj->stringval);
		if (!text)
			*nomem = true;
	}
	xmlXPathFreeObject(obj);
	return text;
}

static bool xbool(xmlXPathContextPtr ctx, xmlNodePtr node, const char *expr)
{
	xmlXPathObjectPtr obj = xmlXPathNodeEval(node, BAD_CAST expr, ctx);
	bool value = obj && obj->type == XPATH_BOOLEAN && obj->boolval;
	xmlXPathFreeObject(obj);
	return value;
}

/* The properties of the successful propstat of @propstat into @it. */
static void read_propstat(xmlXPathContextPtr ctx, xmlNodePtr propstat,
			  struct rk_caldav_item *it, bool *nomem)
{
	char *line = xstring(ctx, propstat, "string(d:status)", nomem);
	long status = status_of(line);
	free(line);
	if (status < 200 || status > 299)
		return;
	if (!it->status)
		it->status = status;
	if (!it->etag)
		it->etag = xstring(ctx, propstat, "string(d:prop/d:getetag)",
				   nomem);
	if (!it->calendar_data)
		it->calendar_data = xstring(
			ctx, propstat, "string(d:prop/c:calendar-data)", nomem);
	it->collection |= xbool(ctx, propstat,
				"boolean(d:prop/d:resourcetype/"
				"d:collection)");
	it->calendar |= xbool(ctx, propstat,
			      "boolean(d:prop/d:resourcetype/c:calendar)");
}

static void read_response(xmlXPathContextPtr ctx, xmlNodePtr response,
			  struct rk_caldav_item *it, bool *nomem)
{
	char *href = xstring(ctx, response, "normalize-space(d:href)", nomem);
	if (href) {
		it->href = percent_decode(href);
		it->name = it->href ? last_segment(it->href) : NULL;
		if (!it->href || !it->name)
			*nomem = true;
		free(href);
	}
	char *line = xstring(ctx, response, "string(d:status)", nomem);
	it->status = status_of(line);
	free(line);
	it->uid_conflict =
		xbool(ctx, response, "boolean(d:error/c:no-uid-conflict)");
	xmlXPathObjectPtr ps =
		xmlXPathNodeEval(response, BAD_CAST "d:propstat", ctx);
	if (!ps) {
		*nomem = true;
		return;
	}
	for (int i = 0; ps->nodesetval && i < ps->nodesetval->nodeNr; i++)
		read_propstat(ctx, ps->nodesetval->nodeTab[i], it, nomem);
	xmlXPathFreeObject(ps);
}

static xmlDocPtr read_xml(const char *body, size_t len)
{
	/* No network, no entity substitution, no noise on stderr. */
	int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	if (!body || len > (size_t)0x7fffffff)
		return NULL;
	return xmlReadMemory(body, (int)len, "response.xml", NULL, options);
}

static xmlXPathContextPtr new_context(xmlDocPtr doc)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	if (ctx &&
	    (xmlXPathRegisterNs(ctx, BAD_CAST "d", BAD_CAST NS_DAV) ||
	     xmlXPathRegisterNs(ctx, BAD_CAST "c", BAD_CAST NS_CALDAV))) {
		xmlXPathFreeContext(ctx);
		ctx = NULL;
	}
	return ctx;
}

void rk_caldav_multistatus_release(struct rk_caldav_multistatus *ms)
{
	for (size_t i = 0; ms->items && i < ms->n; i++) {
		struct rk_caldav_item *it = &ms->items[i];
		free(it->href);
		free(it->name);
		free(it->etag);
		free(it->calendar_data);
	}
	free(ms->items);
	ms->items = NULL;
	ms->n = 0;
}

enum rk_status rk_caldav_multistatus_parse(const char *body, size_t len,
					   struct rk_caldav_multistatus *out)
{
	memset(out, 0, sizeof(*out));
	xmlDocPtr doc = read_xml(body, len);
	if (!doc)
		return RK_ERR_INPUT;
	enum rk_status status = RK_ERR_NOMEM;
	xmlXPathObjectPtr rs = NULL;
	xmlXPathContextPtr ctx = new_context(doc);
	if (!ctx)
		goto out;
	status = RK_ERR_INPUT;
	if (!xbool(ctx, xmlDocGetRootElement(doc), "boolean(/d:multistatus)"))
		goto out;
	status = RK_ERR_NOMEM;
	rs = xmlXPathEvalExpression(BAD_CAST "/d:multistatus/d:response", ctx);
	if (!rs)
		goto out;
	size_t n = rs->nodesetval ? (size_t)rs->nodesetval->nodeNr : 0;
	out->items = calloc(n ? n : 1, sizeof(*out->items));
	if (!out->items)
		goto out;
	out->n = n;
	bool nomem = false;
	for (size_t i = 0; i < n; i++)
		read_response(ctx, rs->nodesetval->nodeTab[i], &out->items[i],
			      &nomem);
	status = nomem ? RK_ERR_NOMEM : RK_OK;
out:
	xmlXPathFreeObject(rs);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return status;
}

void rk_caldav_error_name(const char *body, size_t len, char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	xmlDocPtr doc = read_xml(body, len);
	if (!doc)
		return;
	xmlXPathContextPtr ctx = new_context(doc);
	bool nomem = false;
	char *name = ctx ? xstring(ctx, xmlDocGetRootElement(doc),
				   "local-name(/d:error/*[1])", &nomem)
			 : NULL;
	if (name && size)
		snprintf(buf, size, "%s", name);
	free(name);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

/* ---- requests ---- */

/* Sends one request; RK_ERR_NETWORK also for a 5xx after the retries. */
static enum rk_status request(struct rk_http *http, const char *method,
			      const char *url, const char *const *headers,
			      const char *body, size_t len,
			      struct rk_http_response *resp,
			      struct rk_caldav_result *res)
{
	memset(res, 0, sizeof(*res));
	struct rk_http_request req = { method, url, headers, body, len };
	enum rk_status status = rk_http_send(http, &req, resp);
	res->status = resp->status;
	if (status == RK_ERR_NETWORK)
		snprintf(res->message, sizeof(res->message), "%s", resp->error);
	else if (status == RK_ERR_ARG)
		snprintf(res->message, sizeof(res->message), "bad URL");
	else if (status == RK_OK && resp->status >= 500) {
		snprintf(res->message, sizeof(res->message),
			 "HTTP %ld from the server", resp->status);
		status = RK_ERR_NETWORK;
	}
	return status;
}

/* The outcome of a status that is not special to the request. */
static void classify(const struct rk_http_response *resp,
		     struct rk_caldav_result *res)
{
	long s = resp->status;
	char pre[96];
	rk_caldav_error_name(resp->body, resp->body_len, pre, sizeof(pre));
	if (s >= 200 && s <= 299)
		res->outcome = RK_CALDAV_OK;
	else if (s == 404 || s == 410)
		res->outcome = RK_CALDAV_MISSING;
	else if (!strcmp(pre, "no-uid-conflict"))
		res->outcome = RK_CALDAV_UID_USED;
	else if (s == 412)
		res->outcome = RK_CALDAV_CHANGED;
	else if ((s == 401 || s == 403) && !*pre)
		res->outcome = RK_CALDAV_REFUSED;
	else
		res->outcome = RK_CALDAV_FAILED;
	if (res->outcome != RK_CALDAV_OK)
		snprintf(res->message, sizeof(res->message),
			 *pre ? "HTTP %ld (%s)" : "HTTP %ld", s, pre);
}

enum rk_status rk_caldav_probe(struct rk_http *http, const char *url,
			       enum rk_caldav_kind *kind,
			       struct rk_caldav_result *res)
{
	static const char *const headers[] = { XML_TYPE, "Depth: 0", NULL };
	struct rk_http_response resp = { 0 };
	*kind = RK_CALDAV_NOTHING;
	enum rk_status status =
		request(http, "PROPFIND", url, headers, propfind_body,
			sizeof(propfind_body) - 1, &resp, res);
	if (status != RK_OK)
		goto out;
	classify(&resp, res);
	if (res->outcome == RK_CALDAV_MISSING)
		res->outcome = RK_CALDAV_OK;
	if (resp.status != 207)
		goto out;
	struct rk_caldav_multistatus ms;
	status = rk_caldav_multistatus_parse(resp.body, resp.body_len, &ms);
	if (status == RK_OK && ms.n > 0) {
		const struct rk_caldav_item *it = &ms.items[0];
		/* Xandikos answers a missing collection with a 207 holding
		 * a 404. */
		if (it->status >= 200 && it->status <= 299)
			*kind = it->calendar	 ? RK_CALDAV_CALENDAR
				: it->collection ? RK_CALDAV_COLLECTION
						 : RK_CALDAV_RESOURCE;
	} else if (status == RK_ERR_INPUT) {
		res->outcome = RK_CALDAV_FAILED;
		snprintf(res->message, sizeof(res->message),
			 "HTTP 207 with a body that is no multistatus");
		status = RK_OK;
	}
	rk_caldav_multistatus_release(&ms);
out:
	rk_http_response_release(&resp);
	return status;
}

/* @head, the XML-escaped @name, then @tail, as a new string. */
static char *with_name(const char *head, const char *name, const char *tail)
{
	xmlChar *escaped =
		xmlEncodeSpecialChars(NULL, BAD_CAST(name ? name : ""));
	if (!escaped)
		return NULL;
	const char *mid = (const char *)escaped;
	size_t nh = strlen(head), nm = strlen(mid), nt = strlen(tail);
	char *text = malloc(nh + nm + nt + 1);
	if (text) {
		memcpy(text, head, nh);
		memcpy(text + nh, mid, nm);
		memcpy(text + nh + nm, tail, nt + 1);
	}
	xmlFree(escaped);
	return text;
}

static enum rk_status make(struct rk_http *http, const char *method,
			   const char *url, const char *const parts[2],
			   const char *name, struct rk_caldav_result *res)
{
	static const char *const headers[] = { XML_TYPE, NULL };
	struct rk_http_response resp = { 0 };
	char *body = with_name(parts[0], name, parts[1]);
	if (!body)
		return RK_ERR_NOMEM;
	enum rk_status status = request(http, method, url, headers, body,
					strlen(body), &resp, res);
	if (status == RK_OK)
		classify(&resp, res);
	rk_http_response_release(&resp);
	free(body);
	return status;
}

enum rk_status rk_caldav_make_calendar(struct rk_http *http, const char *url,
				       const char *displayname,
				       struct rk_caldav_result *res)
{
	static const char *const mkcalendar[2] = {
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<c:mkcalendar xmlns:d=\"DAV:\" "
		"xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop>"
		"<d:displayname>",
		"</d:displayname></d:prop></d:set></c:mkcalendar>\n"
	};
	static const char *const mkcol[2] = {
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<d:mkcol xmlns:d=\"DAV:\" "
		"xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop>"
		"<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
		"<d:displayname>",
		"</d:displayname></d:prop></d:set></d:mkcol>\n"
	};
	enum rk_status status =
		make(http, "MKCALENDAR", url, mkcalendar, displayname, res);
	/* A server without MKCALENDAR says so with 405 or 501 (or 400). */
	if (status == RK_OK && res->outcome == RK_CALDAV_FAILED &&
	    (res->status == 405 || res->status == 501 || res->status == 400)) {
		rk_caldav_result_release(res);
		status = make(http, "MKCOL", url, mkcol, displayname, res);
	}
	return status;
}

enum rk_status rk_caldav_list(struct rk_http *http, const char *url,
			      struct rk_caldav_multistatus *out,
			      struct rk_caldav_result *res)
{
	static const char *const headers[] = { XML_TYPE, "Depth: 1", NULL };
	struct rk_http_response resp = { 0 };
	memset(out, 0, sizeof(*out));
	enum rk_status status =
		request(http, "REPORT", url, headers, query_body,
			sizeof(query_body) - 1, &resp, res);
	if (status != RK_OK)
		goto out;
	classify(&resp, res);
	if (res->outcome != RK_CALDAV_OK)
		goto out;
	status = rk_caldav_multistatus_parse(resp.body, resp.body_len, out);
	if (status == RK_ERR_INPUT) {
		res->outcome = RK_CALDAV_FAILED;
		snprintf(res->message, sizeof(res->message),
			 "HTTP %ld with a body that is no multistatus",
			 resp.status);
		status = RK_OK;
	}
out:
	rk_http_response_release(&resp);
	return status;
}

/* A 207 to a PUT: Xandikos reports a failed precondition so. */
static void put_multistatus(const struct rk_http_response *resp,
			    struct rk_caldav_result *res)
{
	struct rk_caldav_multistatus ms;
	long inner = 0;
	bool uid = false;
	if (rk_caldav_multistatus_parse(resp->body, resp->body_len, &ms) ==
	    RK_OK) {
		for (size_t i = 0; i < ms.n; i++) {
			if (ms.items[i].status && !inner)
				inner = ms.items[i].status;
			uid |= ms.items[i].uid_conflict;
		}
	}
	rk_caldav_multistatus_release(&ms);
	res->outcome = uid	      ? RK_CALDAV_UID_USED
		       : inner == 412 ? RK_CALDAV_CHANGED
				      : RK_CALDAV_FAILED;
	snprintf(res->message, sizeof(res->message), "HTTP 207 holding %ld%s",
		 inner, uid ? " (no-uid-conflict)" : "");
}

enum rk_status rk_caldav_put(struct rk_http *http, const char *url,
			     const char *body, size_t len, const char *etag,
			     struct rk_caldav_result *res)
{
	char cond[512];
	if (etag)
		snprintf(cond, sizeof(cond), "If-Match: %s", etag);
	else
		snprintf(cond, sizeof(cond), "If-None-Match: *");
	const char *const headers[] = {
		"Content-Type: text/calendar; charset=utf-8", cond, NULL
	};
	struct rk_http_response resp = { 0 };
	enum rk_status status =
		request(http, "PUT", url, headers, body, len, &resp, res);
	if (status != RK_OK)
		goto out;
	if (resp.status == 207)
		put_multistatus(&resp, res);
	else
		classify(&resp, res);
	if (res->outcome == RK_CALDAV_OK) {
		res->etag = resp.etag;
		resp.etag = NULL;
	}
out:
	rk_http_response_release(&resp);
	return status;
}

enum rk_status rk_caldav_delete(struct rk_http *http, const char *url,
				const char *etag, struct rk_caldav_result *res)
{
	char cond[512];
	snprintf(cond, sizeof(cond), "If-Match: %s", etag ? etag : "*");
	const char *const headers[] = { cond, NULL };
	struct rk_http_response resp = { 0 };
	enum rk_status status =
		request(http, "DELETE", url, headers, NULL, 0, &resp, res);
	if (status == RK_OK) {
		classify(&resp, res);
		/* Xandikos reports a failed DELETE inside a 207. */
		if (resp.status == 207)
			put_multistatus(&resp, res);
	}
	rk_http_response_release(&resp);
	return status;
}

enum rk_status rk_caldav_get(struct rk_http *http, const char *url,
			     struct rk_caldav_result *res)
{
	struct rk_http_response resp = { 0 };
	enum rk_status status =
		request(http, "GET", url, NULL, NULL, 0, &resp, res);
	if (status == RK_OK) {
		classify(&resp, res);
		if (res->outcome == RK_CALDAV_OK) {
			res->etag = resp.etag;
			res->body = resp.body;
			resp.etag = NULL;
			resp.body = NULL;
		}
	}
	rk_http_response_release(&resp);
	return status;
}

char *rk_caldav_encode_segment(const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(text);
	char *out = malloc(3 * n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			     (c >= '0' && c <= '9') || strchr("-._~@", c);
		if (plain && c) {
			out[k++] = (char)c;
			continue;
		}
		out[k++] = '%';
		out[k++] = hex[c >> 4];
		out[k++] = hex[c & 15];
	}
	out[k] = '\0';
	return out;
}
