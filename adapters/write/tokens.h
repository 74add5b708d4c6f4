/* tokens.h - the unguessable feed names of people (tokens.tsv).
 *
 * A person's feed is published as feeds/<token>.ics, the token 32 lower-case
 * hex digits (128 bits) from the kernel's random source, so that nobody can
 * find a colleague's feed by guessing. Tokens are kept in tokens.tsv in the
 * plan directory (a header line "person<TAB>token", then one line per
 * person, by id) and stay the same from run to run: a teacher subscribes
 * once. Rotating a token gives the person a new address and takes the old
 * one down. */
#ifndef RK_TOKENS_H
#define RK_TOKENS_H

#include "diag.h"
#include "status.h"

#define RK_TOKEN_LEN 32 /* hex digits */

struct rk_tokens;

/* A new, empty set; NULL when out of memory. */
struct rk_tokens *rk_tokens_new(void);
/* NULL is a no-op. */
void rk_tokens_free(struct rk_tokens *tokens);

/* Adds the tokens of the file @path to @tokens, replacing those of the same
 * person. A missing file adds nothing (RK_OK). A bad line (not 32 hex
 * digits, a person twice, wrong field count) is an error in @diags as
 * path:line:field and the result RK_ERR_INPUT; RK_ERR_IO (in @diags too)
 * when the file exists but cannot be read. */
enum rk_status rk_tokens_read(struct rk_tokens *tokens, const char *path,
			      struct rk_diags *diags);

/* The token of @person, lent until the next change; NULL when none. */
const char *rk_tokens_get(const struct rk_tokens *tokens, const char *person);

/* The token of @person into *@token (lent until the next change), made
 * when the person has none yet. RK_ERR_IO when the random source fails. */
enum rk_status rk_tokens_ensure(struct rk_tokens *tokens, const char *person,
				const char **token);

/* Gives @person a new token (also when they had none) into *@token. */
enum rk_status rk_tokens_rotate(struct rk_tokens *tokens, const char *person,
				const char **token);

/* Writes the set to @path, people in the order of their ids, replacing the
 * file as rk_textfile_write_staged does (in a plan directory's new
 * generation, which its commit syncs). A
 * new file is made readable by its owner only (rk_tokens_private_file):
 * whoever has it can read everyone's feed. */
enum rk_status rk_tokens_write(struct rk_tokens *tokens, const char *path);

/* Makes @path a file only its owner may read and write: an empty one when
 * it does not exist, else the existing one gets mode 0600 (also when it had
 * a wider mode); rk_textfile_write_staged keeps that mode when it replaces
 * the file. For tokens.tsv and index.tsv, which give away every feed's
 * address. RK_ERR_IO (errno set) when it cannot be made or is a symlink. */
enum rk_status rk_tokens_private_file(const char *path);

#endif
