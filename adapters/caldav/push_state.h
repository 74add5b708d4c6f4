/* push_state.h - what `ritmiek push` last put on CalDAV servers
 * (push.state in the plan directory).
 *
 * Per calendar collection and UID: the name of the resource in the
 * collection, the ETag the server gave it, and the hash of the content
 * ritmiek put there. A push sends nothing for an event whose hash is
 * unchanged, sends a changed one with If-Match: ETag, and deletes only the
 * resources listed here, which ritmiek made itself. The collections that are
 * known to exist are listed too. doc/plan-file.md describes the file. */
#ifndef RK_PUSH_STATE_H
#define RK_PUSH_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

/* The version of the push.state format. Version 1 hashed with an FNV-1a
 * offset basis a digit short; version 2 hashed the bytes put, which a
 * server that rewrites what it stores (Radicale) never gives back, so a
 * push could not tell its own last write from an edit. Version 3 hashes
 * the event's normal form (its property lines, sorted), which the server's
 * copy has too while no one changed it. Older files are still read (see
 * rk_push_state_older). */
#define RK_PUSH_STATE_VERSION 3

/* One resource. Strings are never NULL ("" when unknown). */
struct rk_push_entry {
	const char *collection; /* its URL, ending in '/' */
	const char *uid;
	const char *name; /* the resource's last path segment, URL-encoded */
	const char *etag; /* as the server sent it, quotes kept */
	const char *hash; /* of the event put (its normal form), 16 hex
			   * digits */
};

struct rk_push_state;

/* A new, empty state for school @school_id (copied); NULL when out of
 * memory. */
struct rk_push_state *rk_push_state_new(const char *school_id);
/* NULL is a no-op. */
void rk_push_state_free(struct rk_push_state *state);

/* Reads @path into *@out. A file that does not exist is an empty state for
 * school "" (RK_OK). Problems (version, field counts, a resource twice) go
 * to @diags as path:line:field and give RK_ERR_INPUT with *@out NULL;
 * RK_ERR_IO (in @diags too) when it exists but cannot be read. */
enum rk_status rk_push_state_read(const char *path, struct rk_push_state **out,
				  struct rk_diags *diags);

/* Whether the state was read from a file of an older version (1 or 2): its
 * ETags are kept, its hashes read as "" (unknown), so that each of its
 * events is put again once, with If-Match on its ETag, and then has a hash
 * of this version. */
bool rk_push_state_older(const struct rk_push_state *state);

/* The school the state is for ("" for a state read from no file). */
const char *rk_push_state_school(const struct rk_push_state *state);

/* Adds @entry, or replaces the one of the same collection and UID; the
 * strings are copied. RK_ERR_NOMEM. */
enum rk_status rk_push_state_set(struct rk_push_state *state,
				 const struct rk_push_entry *entry);
/* Removes the entry of @collection and @uid, if there is one. */
void rk_push_state_remove(struct rk_push_state *state, const char *collection,
			  const char *uid);
/* The entry of @collection and @uid, lent until the next change; NULL. */
const struct rk_push_entry *rk_push_state_find(const struct rk_push_state *s,
					       const char *collection,
					       const char *uid);

/* Slots in the order added; rk_push_state_get gives NULL for a slot whose
 * entry was removed (and for @i out of range). */
size_t rk_push_state_slots(const struct rk_push_state *state);
const struct rk_push_entry *rk_push_state_get(const struct rk_push_state *s,
					      size_t i);

/* Collections known to exist (made or found by an earlier push). */
bool rk_push_state_has_collection(const struct rk_push_state *state,
				  const char *url);
enum rk_status rk_push_state_add_collection(struct rk_push_state *state,
					    const char *url);

/* Writes the state to @path atomically (rk_textfile_write_atomic):
 * collections, then the live entries, each sorted (by URL, then UID), so
 * that the file depends on what was pushed, not on the order in which
 * parallel requests finished. */
enum rk_status rk_push_state_write(const struct rk_push_state *state,
				   const char *path);

#endif
