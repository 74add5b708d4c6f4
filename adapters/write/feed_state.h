/* feed_state.h - what the feeds last published (feeds.state in the plan
 * directory), so that a re-plan can tell subscribers what changed.
 *
 * Calendar clients keep an event they have seen until the feed says
 * otherwise: an event that merely vanishes stays in their calendars, and a
 * changed one is only taken over when its SEQUENCE grows. So per UID the
 * state keeps the content hash, SEQUENCE and DTSTAMP last published, and the
 * event itself as published (its fields, not per-feed text), from which an
 * event that left the plan is published once more as cancelled.
 *
 * The file is TSV like plan.tsv (doc/plan-file.md); it also holds the small
 * TSV writer that feeds.state, tokens.tsv and index.tsv share. */
#ifndef RK_FEED_STATE_H
#define RK_FEED_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "plan.h"
#include "status.h"

/* The version of the feeds.state format. */
#define RK_FEED_STATE_VERSION 1

/* One published event. Strings are never NULL ("" when empty). */
struct rk_feed_entry {
	const char *uid;
	bool cancelled; /* published with STATUS:CANCELLED */
	uint64_t hash;	/* of the rendered content, without DTSTAMP/SEQUENCE */
	int sequence;
	long long dtstamp; /* seconds since 1970-01-01 UTC */
	enum rk_event_kind kind;
	int date;
	int start; /* minutes since midnight, -1 all day */
	int end;
	int opens;
	const char *team;	  /* team id, or "" */
	const char *participants; /* "ID:ROLE,ID:ROLE" as in plan.tsv */
	const char *former; /* "ID,ID": people it was published to before a
			      * change took them off; they still get it, as
			      * cancelled */
	const char *location;
	const char *group;
	const char *title;
	const char *description; /* the agenda as published */
};

struct rk_feed_state;

/* A new, empty state for the school @school_id (copied); NULL when out of
 * memory. */
struct rk_feed_state *rk_feed_state_new(const char *school_id);
/* Frees the state and its strings; NULL is a no-op. */
void rk_feed_state_free(struct rk_feed_state *state);

/* Reads the state file at @path. A file that does not exist is a state
 * without events for school "" (the first run): RK_OK. Every problem (bad
 * version, field count, date, number, kind, duplicate UID) goes to @diags
 * as path:line:field, and the result is RK_ERR_INPUT with *out NULL;
 * RK_ERR_IO (also in @diags) when it exists but cannot be read. */
enum rk_status rk_feed_state_read(const char *path, struct rk_feed_state **out,
				  struct rk_diags *diags);

/* The school the state was written for ("" for a missing file). */
const char *rk_feed_state_school(const struct rk_feed_state *state);

/* Adds a copy of @entry (its strings copied); RK_ERR_NOMEM. */
enum rk_status rk_feed_state_add(struct rk_feed_state *state,
				 const struct rk_feed_entry *entry);
size_t rk_feed_state_count(const struct rk_feed_state *state);
/* Entry @i in the order added (read), lent; NULL when out of range. */
const struct rk_feed_entry *rk_feed_state_get(const struct rk_feed_state *s,
					      size_t i);
/* The entry with @uid, lent; NULL when there is none. */
const struct rk_feed_entry *rk_feed_state_find(
	const struct rk_feed_state *state, const char *uid);

/* Writes the state to @path, entries in the order added, replacing the
 * file as rk_textfile_write_staged does: in a plan directory's new
 * generation, which its commit syncs. */
enum rk_status rk_feed_state_write(const struct rk_feed_state *state,
				   const char *path);

/* Text being built in memory. Running out of memory is remembered in
 * @nomem and makes later appends do nothing, so that callers check once. */
struct rk_tsv {
	char *data; /* NUL-terminated, NULL while empty */
	size_t len;
	size_t cap;
	bool nomem;
	bool mid_line; /* a field was put on the current line */
};

/* What each state file of a plan directory (feeds.state, push.state) keeps
 * besides its lines: the school it is for and an arena for its strings.
 * Zeroed, it is empty and ready. */
struct rk_state_head {
	char *school; /* NULL until set */
	struct rk_arena arena;
};

/* Sets the school to a copy of @school_id (NULL: ""); RK_ERR_NOMEM leaves
 * the old one. */
enum rk_status rk_state_head_set_school(struct rk_state_head *head,
					const char *school_id);
/* A copy of @text (NULL: "") in the arena, lent until the head is
 * released; NULL, with *@nomem set, when out of memory. */
const char *rk_state_head_keep(struct rk_state_head *head, const char *text,
			       bool *nomem);
/* Frees the school and the arena. */
void rk_state_head_release(struct rk_state_head *head);

/* Reads the text of a state file into @data; problems go to @diags. */
typedef enum rk_status rk_state_parse_fn(const char *path, const char *text,
					 size_t len, void *data,
					 struct rk_diags *diags);
/* Reads the state file @path and gives its text to @parse. A file that
 * does not exist is the first run: RK_OK, @parse not called. One that
 * cannot be read is RK_ERR_IO, reported in @diags as "@cannot_read: why".
 * Otherwise what @parse returns. */
enum rk_status rk_state_file_read(const char *path, const char *cannot_read,
				  rk_state_parse_fn *parse, void *data,
				  struct rk_diags *diags);

/* Appends @n bytes as they are. */
void rk_tsv_append(struct rk_tsv *t, const char *text, size_t n);
/* Appends the NUL-terminated @text as it is. */
void rk_tsv_put(struct rk_tsv *t, const char *text);
/* Appends a field of a TSV line (NULL: empty), a TAB before it unless it is
 * the line's first, quoted as in CSV when it holds a TAB, a line end or a
 * quote, or spaces at either end (which libcsv would trim). */
void rk_tsv_field(struct rk_tsv *t, const char *text);
/* @n fields, as rk_tsv_field puts each. */
void rk_tsv_fields(struct rk_tsv *t, const char *const *texts, size_t n);
/* Fields for a number, a date (YYYY-MM-DD) and a time (HH:MM; an empty
 * field for -1, all day), as rk_tsv_field puts them. */
void rk_tsv_int(struct rk_tsv *t, long long value);
void rk_tsv_date(struct rk_tsv *t, int date);
void rk_tsv_time(struct rk_tsv *t, int minutes);
/* Ends the line. */
void rk_tsv_end_line(struct rk_tsv *t);
/* Frees the text; the buffer is empty and usable again. */
void rk_tsv_release(struct rk_tsv *t);

/* The lines of a feeds.state, for a writer that has its entries at hand
 * and need not copy them into a state first (the feeds: at 2,000 teachers
 * the copy was 35 MB): the first line, for @school, then one line per
 * entry; the text as rk_feed_state_write writes it. */
void rk_feed_state_put_header(struct rk_tsv *t, const char *school);
void rk_feed_state_put_entry(struct rk_tsv *t, const struct rk_feed_entry *e);

#endif
