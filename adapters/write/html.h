/* html.h - writing HTML5 pages as text: escaping and the page frame.
 *
 * Pages are built in a struct rk_tsv (feed_state.h) and are
 * self-contained: UTF-8, lang="nl", their CSS inline, no scripts, nothing
 * fetched from the network. Every text that comes from the school file or
 * the plan goes through rk_html_text, so a name with '<', '&' or quotes
 * stays a name. */
#ifndef RK_HTML_H
#define RK_HTML_H

#include "feed_state.h"

/* Appends @text as it is: markup the caller wrote. */
void rk_html_raw(struct rk_tsv *t, const char *text);

/* Appends @text (NULL: nothing) escaped for element content and for
 * attribute values in double quotes: & < > " and ' as character
 * references. */
void rk_html_text(struct rk_tsv *t, const char *text);

/* Appends markup made by the printf-style @fmt; the arguments are not
 * escaped, so they must be numbers or markup. */
void rk_html_printf(struct rk_tsv *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends the start of a page up to and including <body>: the doctype,
 * <html lang="nl">, the charset, a viewport for phones, @title (escaped)
 * and the style sheet @css (markup, in a <style> element). */
void rk_html_begin(struct rk_tsv *t, const char *title, const char *css);

/* Appends the end of the page. */
void rk_html_end(struct rk_tsv *t);

#endif
