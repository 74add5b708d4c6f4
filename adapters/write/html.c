#include "config.h"

#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rk_html_raw(struct rk_tsv *t, const char *text)
{
	rk_tsv_append(t, text, strlen(text));
}

void rk_html_text(struct rk_tsv *t, const char *text)
{
	if (!text)
		return;
	const char *run = text; /* bytes that need no escaping */
	for (const char *p = text; *p; p++) {
		const char *ref = *p == '&'    ? "&amp;"
				  : *p == '<'  ? "&lt;"
				  : *p == '>'  ? "&gt;"
				  : *p == '"'  ? "&quot;"
				  : *p == '\'' ? "&#39;"
					       : NULL;
		if (!ref)
			continue;
		rk_tsv_append(t, run, (size_t)(p - run));
		rk_html_raw(t, ref);
		run = p + 1;
	}
	rk_html_raw(t, run);
}

void rk_html_printf(struct rk_tsv *t, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->nomem = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		rk_tsv_append(t, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		t->nomem = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	rk_tsv_append(t, big, (size_t)n);
	free(big);
}

void rk_html_begin(struct rk_tsv *t, const char *title, const char *css)
{
	rk_html_raw(t, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n"
		       "<meta name=\"generator\" content=\"ritmiek\">\n"
		       "<title>");
	rk_html_text(t, title);
	rk_html_raw(t, "</title>\n<style>\n");
	rk_html_raw(t, css);
	rk_html_raw(t, "</style>\n</head>\n<body>\n");
}

void rk_html_end(struct rk_tsv *t)
{
	rk_html_raw(t, "</body>\n</html>\n");
}
