#include "config.h"

#include "tokens.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "csvread.h"
#include "feed_state.h"
#include "textfile.h"
#include "i18n.h"

struct token {
	char *person;
	char hex[RK_TOKEN_LEN + 1];
};

struct rk_tokens {
	struct rk_vec items; /* struct token */
};

struct rk_tokens *rk_tokens_new(void)
{
	return calloc(1, sizeof(struct rk_tokens));
}

void rk_tokens_free(struct rk_tokens *tokens)
{
	if (!tokens)
		return;
	for (size_t i = 0; i < tokens->items.n; i++) {
		struct token *t =
			rk_vec_at(&tokens->items, i, sizeof(struct token));
		free(t->person);
	}
	rk_vec_release(&tokens->items);
	free(tokens);
}

/* Where @person's token is (*@found) or would go: the tokens are kept in
 * the order of the people's ids, so that a school's thousands are found by
 * halving, not one by one for each (that was quadratic). */
static size_t position(const struct rk_tokens *tokens, const char *person,
		       bool *found)
{
	size_t lo = 0, hi = tokens->items.n;
	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct token *t =
			rk_vec_at(&tokens->items, mid, sizeof(*t));
		int cmp = strcmp(t->person, person);
		if (cmp == 0) {
			*found = true;
			return mid;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct token *find(const struct rk_tokens *tokens, const char *person)
{
	bool found;
	size_t i = position(tokens, person, &found);
	return found ? rk_vec_at(&tokens->items, i, sizeof(struct token))
		     : NULL;
}

/* The token of @person, added empty when there is none; NULL when out of
 * memory. */
static struct token *slot(struct rk_tokens *tokens, const char *person)
{
	bool found;
	size_t i = position(tokens, person, &found);
	if (found)
		return rk_vec_at(&tokens->items, i, sizeof(struct token));
	char *copy = strdup(person);
	if (!copy)
		return NULL;
	if (!rk_vec_push(&tokens->items, sizeof(struct token))) {
		free(copy);
		return NULL;
	}
	struct token *t = rk_vec_at(&tokens->items, i, sizeof(*t));
	memmove(t + 1, t, (tokens->items.n - 1 - i) * sizeof(*t));
	*t = (struct token){ copy, "" };
	return t;
}

static bool valid_token(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!strchr("0123456789abcdef", s[n]) || n >= RK_TOKEN_LEN)
			return false;
	return n == RK_TOKEN_LEN;
}

/* ------------------------------------------------------------------ */

struct reader {
	const char *path;
	struct rk_tokens *tokens;
	struct rk_diags *diags;
	struct rk_tokens *seen; /* the people of this file, for duplicates */
	bool header;
	bool errors;
	bool nomem;
};

static void bad(struct reader *r, const struct rk_csv_record *rec, int field,
		const char *what, const char *text)
{
	rk_diags_add(r->diags, RK_SEV_ERROR, r->path, rec->line, field + 1,
		     "%s%s%s%s", what, text ? " '" : "", text ? text : "",
		     text ? "'" : "");
	r->errors = true;
}

static int on_record(const struct rk_csv_record *rec, void *data)
{
	struct reader *r = data;
	if (!r->header) {
		r->header = true;
		if (rec->n == 2 && !strcmp(rec->fields[0], "person") &&
		    !strcmp(rec->fields[1], "token"))
			return 0;
		bad(r, rec, 0, _("expected the header 'person<TAB>token'"),
		    NULL);
		return 0;
	}
	if (rec->n != 2) {
		bad(r, rec, 0, _("expected a person and a token"), NULL);
		return 0;
	}
	const char *person = rec->fields[0], *hex = rec->fields[1];
	if (!valid_token(hex)) {
		bad(r, rec, 1, _("not a token of 32 hex digits:"), hex);
		return 0;
	}
	if (find(r->seen, person)) {
		bad(r, rec, 0, _("a second token for"), person);
		return 0;
	}
	struct token *seen = slot(r->seen, person);
	struct token *t = slot(r->tokens, person);
	if (!seen || !t) {
		r->nomem = true;
		return 1;
	}
	memcpy(t->hex, hex, RK_TOKEN_LEN + 1);
	return 0;
}

enum rk_status rk_tokens_read(struct rk_tokens *tokens, const char *path,
			      struct rk_diags *diags)
{
	char *text = NULL;
	size_t len = 0;
	enum rk_status status = rk_textfile_read(path, &text, &len);
	if (status == RK_ERR_IO && errno == ENOENT)
		return RK_OK;
	if (status == RK_ERR_IO)
		rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0,
			     _("cannot read the feed tokens: %s"),
			     rk_textfile_strerror(errno));
	if (status != RK_OK)
		return status;
	struct reader r = { path,  tokens, diags, rk_tokens_new(),
			    false, false,  false };
	if (!r.seen) {
		free(text);
		return RK_ERR_NOMEM;
	}
	status = rk_csv_read(path, text, len, '\t', on_record, &r, diags);
	if (r.nomem)
		status = RK_ERR_NOMEM;
	else if (status == RK_OK && r.errors)
		status = RK_ERR_INPUT;
	rk_tokens_free(r.seen);
	free(text);
	return status;
}

/* ------------------------------------------------------------------ */

const char *rk_tokens_get(const struct rk_tokens *tokens, const char *person)
{
	const struct token *t = find(tokens, person);
	return t && t->hex[0] ? t->hex : NULL;
}

/* 16 bytes from the kernel's random source, as hex. */
static enum rk_status fresh(char hex[RK_TOKEN_LEN + 1])
{
	unsigned char bytes[RK_TOKEN_LEN / 2];
	size_t got = 0;
	while (got < sizeof(bytes)) {
		ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return RK_ERR_IO;
		got += (size_t)n;
	}
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof(bytes); i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 0xf];
	}
	hex[RK_TOKEN_LEN] = '\0';
	return RK_OK;
}

enum rk_status rk_tokens_rotate(struct rk_tokens *tokens, const char *person,
				const char **token)
{
	struct token *t = slot(tokens, person);
	if (!t)
		return RK_ERR_NOMEM;
	char hex[RK_TOKEN_LEN + 1];
	enum rk_status status = fresh(hex);
	if (status != RK_OK)
		return status;
	memcpy(t->hex, hex, sizeof(hex));
	*token = t->hex;
	return RK_OK;
}

enum rk_status rk_tokens_ensure(struct rk_tokens *tokens, const char *person,
				const char **token)
{
	const char *have = rk_tokens_get(tokens, person);
	if (have) {
		*token = have;
		return RK_OK;
	}
	return rk_tokens_rotate(tokens, person, token);
}

static int cmp_person(const void *a, const void *b)
{
	const struct token *x = a, *y = b;
	return strcmp(x->person, y->person);
}

/* A file that already exists is made private too: one copied in, or left
 * by an older version with the umask's mode, would otherwise keep its wider
 * mode through every rewrite. O_NOFOLLOW: a symlink's target is not ours to
 * change; O_NONBLOCK: a FIFO cannot hang the open. */
enum rk_status rk_tokens_private_file(const char *path)
{
	int fd = open(path,
		      O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		      0600);
	if (fd < 0)
		return RK_ERR_IO;
	int rc = fchmod(fd, 0600);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc < 0 ? RK_ERR_IO : RK_OK;
}

enum rk_status rk_tokens_write(struct rk_tokens *tokens, const char *path)
{
	struct rk_tsv t = { 0 };
	if (tokens->items.n)
		qsort(tokens->items.items, tokens->items.n,
		      sizeof(struct token), cmp_person);
	rk_tsv_field(&t, "person");
	rk_tsv_field(&t, "token");
	rk_tsv_end_line(&t);
	for (size_t i = 0; i < tokens->items.n; i++) {
		const struct token *tok =
			rk_vec_at(&tokens->items, i, sizeof(struct token));
		if (!tok->hex[0])
			continue;
		rk_tsv_field(&t, tok->person);
		rk_tsv_field(&t, tok->hex);
		rk_tsv_end_line(&t);
	}
	enum rk_status status =
		t.nomem ? RK_ERR_NOMEM : rk_tokens_private_file(path);
	if (status == RK_OK)
		status = rk_textfile_write_staged(path, t.data, t.len);
	rk_tsv_release(&t);
	return status;
}
