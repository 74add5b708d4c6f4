#include "config.h"

#include "push_state.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csvread.h"
#include "feed_state.h"
#include "hash.h"
#include "index.h"
#include "textfile.h"
#include "i18n.h"

#define MAGIC "ritmiek-push"

struct slot {
	struct rk_push_entry e;
	bool live;
};

struct rk_push_state {
	struct rk_state_head head; /* the school, the strings */
	struct rk_vec slots;	   /* struct slot */
	struct rk_vec collections; /* const char * */
	struct rk_index index;	   /* the slots by collection and UID */
	bool older;		   /* read from a file of version 1 or 2 */
};

struct rk_push_state *rk_push_state_new(const char *school_id)
{
	struct rk_push_state *s = calloc(1, sizeof(*s));
	if (s && rk_state_head_set_school(&s->head, school_id)) {
		free(s);
		return NULL;
	}
	return s;
}

void rk_push_state_free(struct rk_push_state *state)
{
	if (!state)
		return;
	rk_state_head_release(&state->head);
	rk_index_release(&state->index);
	rk_vec_release(&state->slots);
	rk_vec_release(&state->collections);
	free(state);
}

bool rk_push_state_older(const struct rk_push_state *state)
{
	return state->older;
}

const char *rk_push_state_school(const struct rk_push_state *state)
{
	return state->head.school;
}

/* The two parts with a byte between them that neither holds. */
static uint64_t key_hash(const char *collection, const char *uid)
{
	uint64_t h = rk_fnv1a(collection, strlen(collection));
	h = rk_fnv1a_add(h, "\xff", 1);
	return rk_fnv1a_add(h, uid, strlen(uid));
}

static struct slot *slot_at(const struct rk_push_state *s, size_t i)
{
	return rk_vec_at(&s->slots, i, sizeof(struct slot));
}

/* A slot's key, as rk_index_find looks for it. */
struct slot_key {
	const char *collection, *uid;
};

static uint64_t slot_hash(const void *data, size_t i)
{
	const struct slot *sl = slot_at(data, i);
	return key_hash(sl->e.collection, sl->e.uid);
}

static bool slot_is(const void *data, size_t i, const void *key)
{
	const struct slot *sl = slot_at(data, i);
	const struct slot_key *k = key;
	return !strcmp(sl->e.collection, k->collection) &&
	       !strcmp(sl->e.uid, k->uid);
}

/* The slot of the key, or NULL. */
static struct slot *slot_of(const struct rk_push_state *s,
			    const char *collection, const char *uid)
{
	struct slot_key key = { collection, uid };
	struct rk_index_keys keys = { s, slot_hash, slot_is };
	size_t i = rk_index_find(&s->index, &keys, key_hash(collection, uid),
				 &key);
	return i == SIZE_MAX ? NULL : slot_at(s, i);
}

static const char *keep(struct rk_push_state *s, const char *text, bool *nomem)
{
	return rk_state_head_keep(&s->head, text, nomem);
}

enum rk_status rk_push_state_set(struct rk_push_state *state,
				 const struct rk_push_entry *entry)
{
	if (!entry->collection || !entry->uid)
		return RK_ERR_ARG;
	bool nomem = false;
	struct rk_push_entry e = {
		keep(state, entry->collection, &nomem),
		keep(state, entry->uid, &nomem),
		keep(state, entry->name, &nomem),
		keep(state, entry->etag, &nomem),
		keep(state, entry->hash, &nomem),
	};
	if (nomem)
		return RK_ERR_NOMEM;
	struct slot *sl = slot_of(state, e.collection, e.uid);
	if (sl) {
		sl->e = e;
		sl->live = true;
		return RK_OK;
	}
	sl = rk_vec_push(&state->slots, sizeof(*sl));
	if (!sl)
		return RK_ERR_NOMEM;
	sl->e = e;
	sl->live = true;
	struct rk_index_keys keys = { state, slot_hash, slot_is };
	enum rk_status status = rk_index_add(&state->index, &keys,
					     key_hash(e.collection, e.uid));
	if (status != RK_OK)
		state->slots.n--; /* no slot the index cannot find */
	return status;
}

static struct slot *find_slot(const struct rk_push_state *s,
			      const char *collection, const char *uid)
{
	struct slot *sl = slot_of(s, collection, uid);
	return sl && sl->live ? sl : NULL;
}

void rk_push_state_remove(struct rk_push_state *state, const char *collection,
			  const char *uid)
{
	struct slot *sl = find_slot(state, collection, uid);
	if (sl)
		sl->live = false;
}

const struct rk_push_entry *rk_push_state_find(const struct rk_push_state *s,
					       const char *collection,
					       const char *uid)
{
	const struct slot *sl = find_slot(s, collection, uid);
	return sl ? &sl->e : NULL;
}

size_t rk_push_state_slots(const struct rk_push_state *state)
{
	return state->slots.n;
}

const struct rk_push_entry *rk_push_state_get(const struct rk_push_state *s,
					      size_t i)
{
	const struct slot *sl = slot_at(s, i);
	return sl && sl->live ? &sl->e : NULL;
}

bool rk_push_state_has_collection(const struct rk_push_state *state,
				  const char *url)
{
	for (size_t i = 0; i < state->collections.n; i++) {
		const char **c = rk_vec_at(&state->collections, i, sizeof(*c));
		if (!strcmp(*c, url))
			return true;
	}
	return false;
}

enum rk_status rk_push_state_add_collection(struct rk_push_state *state,
					    const char *url)
{
	if (rk_push_state_has_collection(state, url))
		return RK_OK;
	bool nomem = false;
	const char *copy = keep(state, url, &nomem);
	const char **c =
		nomem ? NULL : rk_vec_push(&state->collections, sizeof(*c));
	if (!c)
		return RK_ERR_NOMEM;
	*c = copy;
	return RK_OK;
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct rk_push_entry *x = *(const struct rk_push_entry *const *)a;
	const struct rk_push_entry *y = *(const struct rk_push_entry *const *)b;
	int d = strcmp(x->collection, y->collection);
	return d ? d : strcmp(x->uid, y->uid);
}

static void write_entry(struct rk_tsv *t, const struct rk_push_entry *e)
{
	const char *fields[] = { "resource", e->collection, e->uid,
				 e->name,    e->etag,	    e->hash };
	rk_tsv_fields(t, fields, sizeof(fields) / sizeof(*fields));
	rk_tsv_end_line(t);
}

enum rk_status rk_push_state_write(const struct rk_push_state *state,
				   const char *path)
{
	struct rk_tsv t = { 0 };
	char version[16];
	size_t nc = state->collections.n, ne = 0;
	const char **cols = malloc((nc ? nc : 1) * sizeof(*cols));
	const struct rk_push_entry **entries = malloc(
		(state->slots.n ? state->slots.n : 1) * sizeof(*entries));
	if (!cols || !entries) {
		free(cols);
		free(entries);
		return RK_ERR_NOMEM;
	}
	/* Sorted: the same server content gives the same file, however the
	 * requests of the push happened to finish. */
	for (size_t i = 0; i < nc; i++)
		cols[i] = *(const char **)rk_vec_at(&state->collections, i,
						    sizeof(*cols));
	qsort(cols, nc, sizeof(*cols), cmp_text);
	for (size_t i = 0; i < state->slots.n; i++) {
		const struct rk_push_entry *e = rk_push_state_get(state, i);
		if (e)
			entries[ne++] = e;
	}
	qsort(entries, ne, sizeof(*entries), cmp_entry);
	snprintf(version, sizeof(version), "%d", RK_PUSH_STATE_VERSION);
	rk_tsv_field(&t, MAGIC);
	rk_tsv_field(&t, version);
	rk_tsv_field(&t, state->head.school);
	rk_tsv_end_line(&t);
	for (size_t i = 0; i < nc; i++) {
		rk_tsv_field(&t, "collection");
		rk_tsv_field(&t, cols[i]);
		rk_tsv_end_line(&t);
	}
	for (size_t i = 0; i < ne; i++)
		write_entry(&t, entries[i]);
	free(cols);
	free(entries);
	enum rk_status status =
		t.nomem ? RK_ERR_NOMEM
			: rk_textfile_write_atomic(path, t.data ? t.data : "",
						   t.len);
	rk_tsv_release(&t);
	return status;
}

/* ---- reading ---- */

struct reader {
	const char *path;
	struct rk_push_state *state;
	struct rk_diags *diags;
	bool header;
	size_t errors;
	bool nomem;
};

static void bad(struct reader *r, const struct rk_csv_record *rec, int field,
		const char *what)
{
	rk_diags_add(r->diags, RK_SEV_ERROR, r->path, rec->line, field, "%s",
		     what);
	r->errors++;
}

static void read_header(struct reader *r, const struct rk_csv_record *rec)
{
	r->header = true;
	char want[16];
	snprintf(want, sizeof(want), "%d", RK_PUSH_STATE_VERSION);
	if (rec->n != 3 || strcmp(rec->fields[0], MAGIC)) {
		bad(r, rec, 1,
		    _("not a push state: expected 'ritmiek-push', "
		      "a version and a school id"));
		return;
	}
	r->state->older =
		!strcmp(rec->fields[1], "1") || !strcmp(rec->fields[1], "2");
	if (strcmp(rec->fields[1], want) && !r->state->older) {
		rk_diags_add(r->diags, RK_SEV_ERROR, r->path, rec->line, 2,
			     _("push state version '%s' is not %s; remove the "
			       "file to start afresh"),
			     rec->fields[1], want);
		r->errors++;
		return;
	}
	if (rk_state_head_set_school(&r->state->head, rec->fields[2]))
		r->nomem = true;
}

static void read_resource(struct reader *r, const struct rk_csv_record *rec)
{
	const char *const *f = rec->fields;
	if (rec->n != 6) {
		bad(r, rec, 1, _("a 'resource' line has 6 fields"));
		return;
	}
	if (!*f[1] || !*f[2] || !*f[3]) {
		bad(r, rec,
		    !*f[1]   ? 2
		    : !*f[2] ? 3
			     : 4,
		    _("empty collection, UID or name"));
		return;
	}
	if (rk_push_state_find(r->state, f[1], f[2])) {
		bad(r, rec, 3,
		    _("the UID is listed twice for this collection"));
		return;
	}
	/* An older hash was of something else: unknown now. */
	struct rk_push_entry e = { f[1], f[2], f[3], f[4],
				   r->state->older ? "" : f[5] };
	if (rk_push_state_set(r->state, &e) != RK_OK)
		r->nomem = true;
}

static int on_record(const struct rk_csv_record *rec, void *data)
{
	struct reader *r = data;
	if (!r->header) {
		read_header(r, rec);
		/* Lines of another format or version mean nothing. */
		return r->nomem || r->errors;
	}
	if (!strcmp(rec->fields[0], "collection") && rec->n == 2 &&
	    *rec->fields[1]) {
		if (rk_push_state_add_collection(r->state, rec->fields[1]))
			r->nomem = true;
	} else if (!strcmp(rec->fields[0], "resource")) {
		read_resource(r, rec);
	} else {
		bad(r, rec, 1, _("expected a 'collection' or 'resource' line"));
	}
	return r->nomem;
}

static enum rk_status parse_text(const char *path, const char *text, size_t len,
				 void *data, struct rk_diags *diags)
{
	struct reader r = { .path = path, .state = data, .diags = diags };
	enum rk_status status =
		rk_csv_read(path, text, len, '\t', on_record, &r, diags);
	if (r.nomem)
		return RK_ERR_NOMEM;
	if (status == RK_OK && (r.errors || (!r.header && len > 0)))
		status = RK_ERR_INPUT;
	return status;
}

enum rk_status rk_push_state_read(const char *path, struct rk_push_state **out,
				  struct rk_diags *diags)
{
	struct rk_push_state *state = rk_push_state_new("");
	enum rk_status status =
		state ? rk_state_file_read(path,
					   _("cannot read the push state"),
					   parse_text, state, diags)
		      : RK_ERR_NOMEM;
	if (status != RK_OK) {
		rk_push_state_free(state);
		state = NULL;
	}
	*out = state;
	return status;
}
