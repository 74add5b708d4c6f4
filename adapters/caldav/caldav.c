#include "config.h"

#include "caldav.h"
#include "i18n.h"

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

enum op_kind {
	OP_PROBE,
	OP_MEMBERS,
	OP_MKCALENDAR,
	OP_MKCOL,
	OP_LIST,
	OP_PUT,
	OP_DELETE,
	OP_GET
};

/* A queued request, until its answer is read. */
struct op {
	enum op_kind kind;
	struct rk_http *http;
	char *url;
	char *displayname; /* MKCALENDAR, for a second try with MKCOL */
	struct rk_caldav_done done;
};

static void op_free(struct op *op)
{
	if (!op)
		return;
	free(op->url);
	free(op->displayname);
	free(op);
}

/* The outcome of sending: RK_ERR_NETWORK also for a 5xx after the
 * retries. */
static enum rk_status transport(enum rk_status status,
				const struct rk_http_response *resp,
				struct rk_caldav_result *res)
{
	res->status = resp->status;
	if (status == RK_ERR_NETWORK)
		snprintf(res->message, sizeof(res->message), "%s", resp->error);
	else if (status == RK_OK && resp->status >= 500) {
		snprintf(res->message, sizeof(res->message),
			 _("HTTP %ld from the server"), resp->status);
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

static enum rk_caldav_kind kind_of_item(const struct rk_caldav_item *it)
{
	/* Xandikos answers a missing collection with a 207 holding a 404. */
	if (it->status < 200 || it->status > 299)
		return RK_CALDAV_NOTHING;
	return it->calendar	? RK_CALDAV_CALENDAR
	       : it->collection ? RK_CALDAV_COLLECTION
				: RK_CALDAV_RESOURCE;
}

/* A 207 that should hold a multistatus: parsed into @ms, or the outcome
 * RK_CALDAV_FAILED. */
static enum rk_status read_multistatus(const struct rk_http_response *resp,
				       struct rk_caldav_answer *a)
{
	enum rk_status status =
		rk_caldav_multistatus_parse(resp->body, resp->body_len, &a->ms);
	if (status == RK_ERR_INPUT) {
		a->res.outcome = RK_CALDAV_FAILED;
		snprintf(a->res.message, sizeof(a->res.message),
			 _("HTTP %ld with a body that is no multistatus"),
			 resp->status);
		status = RK_OK;
	}
	return status;
}

static enum rk_status read_probe(const struct rk_http_response *resp,
				 struct rk_caldav_answer *a)
{
	a->kind = RK_CALDAV_NOTHING;
	classify(resp, &a->res);
	if (a->res.outcome == RK_CALDAV_MISSING) {
		a->res.outcome = RK_CALDAV_OK;
		a->res.message[0] = '\0';
	}
	if (resp->status != 207)
		return RK_OK;
	enum rk_status status = read_multistatus(resp, a);
	if (status == RK_OK && a->ms.n > 0)
		a->kind = kind_of_item(&a->ms.items[0]);
	rk_caldav_multistatus_release(&a->ms);
	return status;
}

/* Whether the path of @href is the path of the URL @url. */
static bool same_path(const char *href, const char *url)
{
	const char *path = strstr(url, "://");
	path = path ? strchr(path + 3, '/') : NULL;
	const char *h = strstr(href, "://");
	h = h ? strchr(h + 3, '/') : href;
	if (!path || !h)
		return false;
	size_t n = strlen(path), m = strlen(h);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (m > 1 && h[m - 1] == '/')
		m--;
	return n == m && !strncmp(path, h, n);
}

/* The members of a collection: the collection's own response gives its
 * kind and is left out. */
static enum rk_status read_members(const char *url,
				   const struct rk_http_response *resp,
				   struct rk_caldav_answer *a)
{
	a->kind = RK_CALDAV_NOTHING;
	enum rk_status status = read_probe(resp, a);
	if (status != RK_OK || a->res.outcome != RK_CALDAV_OK ||
	    resp->status != 207)
		return status;
	status = read_multistatus(resp, a);
	size_t k = 0;
	for (size_t i = 0; status == RK_OK && i < a->ms.n; i++) {
		struct rk_caldav_item *it = &a->ms.items[i];
		if (it->href && same_path(it->href, url)) {
			a->kind = kind_of_item(it);
			free(it->href);
			free(it->name);
			free(it->etag);
			free(it->calendar_data);
			continue;
		}
		a->ms.items[k++] = *it;
	}
	if (status == RK_OK)
		a->ms.n = k;
	return status;
}

/* A 207 to a PUT or DELETE: Xandikos reports a failed precondition so. */
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

static enum rk_status read_answer(const struct op *op,
				  struct rk_http_response *resp,
				  struct rk_caldav_answer *a)
{
	struct rk_caldav_result *res = &a->res;
	switch (op->kind) {
	case OP_PROBE:
		return read_probe(resp, a);
	case OP_MEMBERS:
		return read_members(op->url, resp, a);
	case OP_LIST:
		classify(resp, res);
		return res->outcome == RK_CALDAV_OK ? read_multistatus(resp, a)
						    : RK_OK;
	case OP_PUT:
	case OP_DELETE:
		if (op->kind == OP_PUT && resp->status == 207)
			put_multistatus(resp, res);
		else
			classify(resp, res);
		/* Xandikos reports a failed DELETE inside a 207. */
		if (op->kind == OP_DELETE && resp->status == 207)
			put_multistatus(resp, res);
		break;
	case OP_GET:
		classify(resp, res);
		if (res->outcome == RK_CALDAV_OK) {
			res->body = resp->body;
			resp->body = NULL;
		}
		break;
	case OP_MKCALENDAR:
	case OP_MKCOL:
		classify(resp, res);
		break;
	}
	if ((op->kind == OP_PUT || op->kind == OP_GET) &&
	    res->outcome == RK_CALDAV_OK) {
		res->etag = resp->etag;
		resp->etag = NULL;
	}
	return RK_OK;
}

static enum rk_status queue_op(struct rk_http *http, enum op_kind kind,
			       const struct rk_http_request *req,
			       const char *displayname,
			       const struct rk_caldav_done *done);

static const char *const mkcalendar_parts[2] = {
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<c:mkcalendar xmlns:d=\"DAV:\" "
	"xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop>"
	"<d:displayname>",
	"</d:displayname></d:prop></d:set></c:mkcalendar>\n"
};

static const char *const mkcol_parts[2] = {
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<d:mkcol xmlns:d=\"DAV:\" "
	"xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop>"
	"<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
	"<d:displayname>",
	"</d:displayname></d:prop></d:set></d:mkcol>\n"
};

static enum rk_status queue_make(struct rk_http *http, enum op_kind kind,
				 const char *url, const char *displayname,
				 const struct rk_caldav_done *done);

/* A server without MKCALENDAR says so with 405 or 501 (or 400): the
 * request is made again as an extended MKCOL (RFC 5689). */
static bool try_mkcol(struct op *op, const struct rk_caldav_answer *a)
{
	if (op->kind != OP_MKCALENDAR || a->status != RK_OK ||
	    a->res.outcome != RK_CALDAV_FAILED ||
	    (a->res.status != 405 && a->res.status != 501 &&
	     a->res.status != 400))
		return false;
	return queue_make(op->http, OP_MKCOL, op->url, op->displayname,
			  &op->done) == RK_OK;
}

static void on_answer(void *data, enum rk_status status,
		      struct rk_http_response *resp)
{
	struct op *op = data;
	struct rk_caldav_answer a = { 0 };
	a.sent = resp->tries > 0;
	a.status = transport(status, resp, &a.res);
	if (a.status == RK_OK)
		a.status = read_answer(op, resp, &a);
	if (!try_mkcol(op, &a))
		op->done.fn(op->done.data, &a);
	rk_caldav_multistatus_release(&a.ms);
	rk_caldav_result_release(&a.res);
	op_free(op);
}

static enum rk_status queue_op(struct rk_http *http, enum op_kind kind,
			       const struct rk_http_request *req,
			       const char *displayname,
			       const struct rk_caldav_done *done)
{
	struct op *op = calloc(1, sizeof(*op));
	if (!op)
		return RK_ERR_NOMEM;
	op->kind = kind;
	op->http = http;
	op->url = strdup(req->url ? req->url : "");
	op->displayname = displayname ? strdup(displayname) : NULL;
	op->done = *done;
	if (!op->url || (displayname && !op->displayname)) {
		op_free(op);
		return RK_ERR_NOMEM;
	}
	struct rk_http_done hd = { on_answer, op };
	enum rk_status status = rk_http_queue(http, req, &hd);
	if (status != RK_OK)
		op_free(op);
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

static enum rk_status queue_make(struct rk_http *http, enum op_kind kind,
				 const char *url, const char *displayname,
				 const struct rk_caldav_done *done)
{
	static const char *const headers[] = { XML_TYPE, NULL };
	const char *const *parts =
		kind == OP_MKCOL ? mkcol_parts : mkcalendar_parts;
	char *body = with_name(parts[0], displayname, parts[1]);
	if (!body)
		return RK_ERR_NOMEM;
	struct rk_http_request req = { kind == OP_MKCOL ? "MKCOL"
							: "MKCALENDAR",
				       url, headers, body, strlen(body) };
	enum rk_status status = queue_op(http, kind, &req, displayname, done);
	free(body);
	return status;
}

enum rk_status rk_caldav_queue_probe(struct rk_http *http, const char *url,
				     const struct rk_caldav_done *done)
{
	static const char *const headers[] = { XML_TYPE, "Depth: 0", NULL };
	struct rk_http_request req = { "PROPFIND", url, headers, propfind_body,
				       sizeof(propfind_body) - 1 };
	return queue_op(http, OP_PROBE, &req, NULL, done);
}

enum rk_status rk_caldav_queue_members(struct rk_http *http, const char *url,
				       const struct rk_caldav_done *done)
{
	static const char *const headers[] = { XML_TYPE, "Depth: 1", NULL };
	struct rk_http_request req = { "PROPFIND", url, headers, propfind_body,
				       sizeof(propfind_body) - 1 };
	return queue_op(http, OP_MEMBERS, &req, NULL, done);
}

enum rk_status rk_caldav_queue_make_calendar(struct rk_http *http,
					     const char *url,
					     const char *displayname,
					     const struct rk_caldav_done *done)
{
	return queue_make(http, OP_MKCALENDAR, url, displayname, done);
}

enum rk_status rk_caldav_queue_list(struct rk_http *http, const char *url,
				    const struct rk_caldav_done *done)
{
	static const char *const headers[] = { XML_TYPE, "Depth: 1", NULL };
	struct rk_http_request req = { "REPORT", url, headers, query_body,
				       sizeof(query_body) - 1 };
	return queue_op(http, OP_LIST, &req, NULL, done);
}

enum rk_status rk_caldav_queue_put(struct rk_http *http, const char *url,
				   const char *body, size_t len,
				   const char *etag,
				   const struct rk_caldav_done *done)
{
	char cond[512];
	/* An empty If-Match is no precondition at all (libcurl drops the
	 * header): the PUT would overwrite whatever is there. */
	if (etag && !*etag)
		return RK_ERR_ARG;
	if (etag)
		snprintf(cond, sizeof(cond), "If-Match: %s", etag);
	else
		snprintf(cond, sizeof(cond), "If-None-Match: *");
	const char *const headers[] = {
		"Content-Type: text/calendar; charset=utf-8", cond, NULL
	};
	struct rk_http_request req = { "PUT", url, headers, body, len };
	return queue_op(http, OP_PUT, &req, NULL, done);
}

enum rk_status rk_caldav_queue_delete(struct rk_http *http, const char *url,
				      const char *etag,
				      const struct rk_caldav_done *done)
{
	char cond[512];
	/* Never If-Match: *, which deletes whatever is there now, also an
	 * event someone changed since it was read. */
	if (!etag || !*etag)
		return RK_ERR_ARG;
	snprintf(cond, sizeof(cond), "If-Match: %s", etag);
	const char *const headers[] = { cond, NULL };
	struct rk_http_request req = { "DELETE", url, headers, NULL, 0 };
	return queue_op(http, OP_DELETE, &req, NULL, done);
}

static enum rk_status queue_get(struct rk_http *http, const char *url,
				const struct rk_caldav_done *done)
{
	struct rk_http_request req = { "GET", url, NULL, NULL, 0 };
	return queue_op(http, OP_GET, &req, NULL, done);
}

/* ---- the blocking requests: one queued request, sent at once ---- */

struct kept {
	struct rk_caldav_answer a;
	bool done;
};

static void on_kept(void *data, struct rk_caldav_answer *answer)
{
	struct kept *k = data;
	k->a = *answer;
	k->done = true;
	memset(answer, 0, sizeof(*answer));
}

/* Runs the request just queued (@queued: how queuing went) and hands its
 * answer over. */
static enum rk_status wait_for(struct rk_http *http, enum rk_status queued,
			       struct kept *k, struct rk_caldav_result *res)
{
	if (queued == RK_OK)
		queued = rk_http_run(http, NULL, NULL);
	if (!k->done && queued == RK_ERR_ARG)
		snprintf(k->a.res.message, sizeof(k->a.res.message), "bad URL");
	*res = k->a.res;
	memset(&k->a.res, 0, sizeof(k->a.res));
	return k->done ? k->a.status : queued;
}

enum rk_status rk_caldav_probe(struct rk_http *http, const char *url,
			       enum rk_caldav_kind *kind,
			       struct rk_caldav_result *res)
{
	struct kept k = { 0 };
	struct rk_caldav_done done = { on_kept, &k };
	enum rk_status status = wait_for(
		http, rk_caldav_queue_probe(http, url, &done), &k, res);
	*kind = k.a.kind;
	return status;
}

enum rk_status rk_caldav_make_calendar(struct rk_http *http, const char *url,
				       const char *displayname,
				       struct rk_caldav_result *res)
{
	struct kept k = { 0 };
	struct rk_caldav_done done = { on_kept, &k };
	return wait_for(
		http,
		rk_caldav_queue_make_calendar(http, url, displayname, &done),
		&k, res);
}

enum rk_status rk_caldav_list(struct rk_http *http, const char *url,
			      struct rk_caldav_multistatus *out,
			      struct rk_caldav_result *res)
{
	struct kept k = { 0 };
	struct rk_caldav_done done = { on_kept, &k };
	enum rk_status status =
		wait_for(http, rk_caldav_queue_list(http, url, &done), &k, res);
	*out = k.a.ms;
	return status;
}

enum rk_status rk_caldav_put(struct rk_http *http, const char *url,
			     const char *body, size_t len, const char *etag,
			     struct rk_caldav_result *res)
{
	struct kept k = { 0 };
	struct rk_caldav_done done = { on_kept, &k };
	return wait_for(http,
			rk_caldav_queue_put(http, url, body, len, etag, &done),
			&k, res);
}

enum rk_status rk_caldav_delete(struct rk_http *http, const char *url,
				const char *etag, struct rk_caldav_result *res)
{
	struct kept k = { 0 };
	struct rk_caldav_done done = { on_kept, &k };
	return wait_for(http, rk_caldav_queue_delete(http, url, etag, &done),
			&k, res);
}

enum rk_status rk_caldav_get(struct rk_http *http, const char *url,
			     struct rk_caldav_result *res)
{
	struct kept k = { 0 };
	struct rk_caldav_done done = { on_kept, &k };
	return wait_for(http, queue_get(http, url, &done), &k, res);
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
