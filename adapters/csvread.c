#include "config.h"

#include "csvread.h"
#include "i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>

#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

/* CSV_REPALL_NL makes libcsv report every unquoted line end, empty lines
 * too; after a line has been fed, a record is still open exactly when its
 * newline was inside quotes. That is how records keep their first line. */
#define CSV_OPTIONS \
	(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_REPALL_NL)

struct reader {
	const char *file;
	int (*cb)(const struct rk_csv_record *rec, void *data);
	void *data;
	struct rk_diags *diags;
	char *bytes; /* the fields of the open record, each NUL-terminated */
	size_t len;
	size_t cap;
	size_t *starts; /* where each field begins in @bytes */
	const char **fields;
	int *columns; /* of each field, in characters */
	size_t n;
	size_t nfields_cap;
	const char *text; /* the whole text, to place the fields */
	size_t text_len;
	char sep;
	int line;	  /* the line being fed */
	size_t line_off;  /* its offset in the text */
	int start;	  /* the line the open record started on; 0: none */
	size_t start_off; /* its offset */
	bool stop;
	bool nomem;
	bool bad;	     /* malformed quoting or too many problems */
	size_t diags_before; /* in @diags when the reading began */
};

/* A file with more problems than this is not the file it should be (a
 * binary, the wrong export): the reader stops, instead of filling memory
 * and the terminal with millions of messages. */
#define MAX_PROBLEMS 1000

/* Stops the reading once this file gave more than MAX_PROBLEMS
 * diagnostics (the reader's own or the callback's), saying so once. */
static void check_problems(struct reader *r, int line)
{
	if (r->stop ||
	    rk_diags_count(r->diags) - r->diags_before <= MAX_PROBLEMS)
		return;
	rk_diags_add(r->diags, RK_SEV_ERROR, r->file, line, 0,
		     _("more than %d problems: stopped reading here; is this "
		       "the right file?"),
		     MAX_PROBLEMS);
	r->stop = true;
	r->bad = true;
}

static int grow_fields(struct reader *r)
{
	if (r->n < r->nfields_cap)
		return 0;
	size_t cap = r->nfields_cap ? r->nfields_cap * 2 : 16;
	size_t *starts = realloc(r->starts, cap * sizeof(*starts));
	if (!starts)
		return -1;
	r->starts = starts;
	const char **fields = realloc(r->fields, cap * sizeof(*fields));
	if (!fields)
		return -1;
	r->fields = fields;
	int *columns = realloc(r->columns, cap * sizeof(*columns));
	if (!columns)
		return -1;
	r->columns = columns;
	r->nfields_cap = cap;
	return 0;
}

static int grow_bytes(struct reader *r, size_t need)
{
	if (r->len + need <= r->cap)
		return 0;
	size_t cap = r->cap ? r->cap : 256;
	while (cap < r->len + need)
		cap *= 2;
	char *bytes = realloc(r->bytes, cap);
	if (!bytes)
		return -1;
	r->bytes = bytes;
	r->cap = cap;
	return 0;
}

/* libcsv reuses its buffer for the next field: keep a copy. */
static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->stop || r->nomem)
		return;
	if (!r->start) {
		r->start = r->line;
		r->start_off = r->line_off;
	}
	if (grow_fields(r) < 0 || grow_bytes(r, len + 1) < 0) {
		r->nomem = true;
		return;
	}
	r->starts[r->n++] = r->len;
	if (len)
		memcpy(r->bytes + r->len, s, len);
	r->bytes[r->len + len] = '\0';
	r->len += len + 1;
}

/* Spreadsheets export rows of empty cells (";;;;") for blank lines. */
static bool record_empty(const struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->fields[i][0] != '\0')
			return false;
	return true;
}

/* The character column of each field of the record that starts at @off:
 * libcsv gives the fields' text but not where they were. A field that
 * starts on a later line of a quoted multi-line cell counts from that
 * line's start. */
static void place_fields(struct reader *r, size_t off)
{
	const char *s = r->text + off, *end = r->text + r->text_len;
	bool quoted = false;
	int column = 1;
	size_t f = 0;
	if (r->n)
		r->columns[f++] = 1;
	for (; s < end && f < r->n; s++) {
		if (*s == '"')
			quoted = !quoted; /* "" inside quotes flips twice */
		else if (*s == '\n' && !quoted)
			break;
		if (*s == '\n') {
			column = 1;
			continue;
		}
		if (*s == r->sep && !quoted)
			r->columns[f++] = column + 1;
		/* UTF-8 continuation bytes are no new character. */
		if (s + 1 == end || (s[1] & 0xC0) != 0x80)
			column++;
	}
	for (; f < r->n; f++)
		r->columns[f] = column;
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	if (!r->stop && !r->nomem) {
		for (size_t i = 0; i < r->n; i++)
			r->fields[i] = r->bytes + r->starts[i];
		if (!record_empty(r)) {
			place_fields(r, r->start ? r->start_off : r->line_off);
			struct rk_csv_record rec = {
				.fields = r->fields,
				.n = r->n,
				.line = r->start ? r->start : r->line,
				.columns = r->columns,
			};
			if (r->cb(&rec, r->data) != 0)
				r->stop = true;
			check_problems(r, rec.line);
		}
	}
	r->n = 0;
	r->len = 0;
	r->start = 0;
}

static int parser_init(struct csv_parser *p, char sep)
{
	if (csv_init(p, CSV_OPTIONS) != 0)
		return -1;
	csv_set_delim(p, (unsigned char)sep);
	return 0;
}

/* Drops the open record after malformed quoting; parsing starts afresh. */
static int parser_reset(struct csv_parser *p, struct reader *r, char sep)
{
	csv_free(p);
	r->n = 0;
	r->len = 0;
	r->start = 0;
	return parser_init(p, sep);
}

/* Malformed quoting: most often a quote opened and never closed, which
 * swallows the lines after it into one field. So the problem is reported on
 * the line the record started on and reading goes on from the line after
 * that one, with a fresh parser. Returns that line's offset. */
static size_t malformed(struct csv_parser *p, struct reader *r,
			const char *text, size_t len, char sep)
{
	int first = r->start ? r->start : r->line;
	size_t from = r->start ? r->start_off : r->line_off;
	const char *nl = memchr(text + from, '\n', len - from);

	rk_diags_add(r->diags, RK_SEV_ERROR, r->file, first, 0,
		     _("malformed quoting"));
	r->bad = true;
	check_problems(r, first);
	if (parser_reset(p, r, sep) < 0)
		r->nomem = true;
	r->line = first;
	return nl ? (size_t)(nl - text) + 1 : len;
}

/* Feeds the lines of @text from @pos on, line by line so that each record
 * knows its line. Returns where to go on after malformed quoting, or @len
 * when done. */
static size_t feed(struct csv_parser *p, struct reader *r, const char *text,
		   size_t len, size_t pos, char sep)
{
	while (pos < len && !r->stop && !r->nomem) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		r->line++;
		r->line_off = pos;
		if (!r->start) {
			r->start = r->line;
			r->start_off = pos;
		}
		size_t used = csv_parse(p, text + pos, end - pos, on_field,
					on_record, r);
		if (used < end - pos && csv_error(p) != CSV_EPARSE)
			r->nomem = true; /* CSV_ENOMEM or CSV_ETOOBIG */
		else if (used < end - pos)
			return malformed(p, r, text, len, sep);
		pos = end;
	}
	if (r->stop || r->nomem)
		return len;
	if (csv_fini(p, on_field, on_record, r) != 0)
		return malformed(p, r, text, len, sep);
	return len;
}

enum rk_status rk_csv_read(const char *file, const char *text, size_t len,
			   char sep,
			   int (*cb)(const struct rk_csv_record *rec,
				     void *data),
			   void *data, struct rk_diags *diags)
{
	struct reader r = { .file = file,
			    .cb = cb,
			    .data = data,
			    .diags = diags,
			    .text = text,
			    .text_len = len,
			    .sep = sep,
			    .diags_before = rk_diags_count(diags) };
	struct csv_parser p;
	size_t pos = 0;

	if (!text || !cb)
		return RK_ERR_ARG;
	if (parser_init(&p, sep) < 0)
		return RK_ERR_NOMEM;
	while (pos < len)
		pos = feed(&p, &r, text, len, pos, sep);
	csv_free(&p);
	free(r.bytes);
	free(r.starts);
	free(r.fields);
	free(r.columns);
	if (r.nomem)
		return RK_ERR_NOMEM;
	return r.bad ? RK_ERR_INPUT : RK_OK;
}

char rk_csv_detect_separator(const char *text, size_t len)
{
	static const char seps[] = { ',', ';', '\t' };
	size_t count[3] = { 0, 0, 0 };
	bool quoted = false;

	for (size_t i = 0; text && i < len && text[i]; i++) {
		char c = text[i];
		if (c == '"')
			quoted = !quoted; /* "" inside quotes flips twice */
		else if (c == '\n' && !quoted)
			break;
		else if (!quoted)
			for (int k = 0; k < 3; k++)
				if (c == seps[k])
					count[k]++;
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return seps[best];
}

const char *rk_csv_trim(const char *s, size_t n, size_t *len)
{
	while (n > 0 && isspace((unsigned char)s[0])) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

enum rk_status rk_csv_file_open(struct rk_csv_file *f, size_t max,
				const char *what)
{
	enum rk_status status =
		rk_textfile_read_max(f->file, max, &f->text, &f->len);
	if (status == RK_ERR_IO) {
		int saved = errno;
		rk_diags_add(f->diags, RK_SEV_ERROR, f->file, 0, 0,
			     _("cannot read %s: %s"), _(what),
			     rk_textfile_strerror(saved));
		errno = saved;
	}
	return status;
}

void rk_csv_file_close(struct rk_csv_file *f)
{
	free(f->text);
	f->text = NULL;
}

void rk_csv_report(struct rk_csv_file *f, enum rk_severity sev, int line,
		   int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rk_diags_vadd(f->diags, sev, f->file, line, column, fmt, ap);
	va_end(ap);
	if (sev == RK_SEV_ERROR)
		f->errors++;
}
