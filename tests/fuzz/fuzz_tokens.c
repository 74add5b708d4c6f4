/* The feed tokens file tokens.tsv (rk_tokens_read). */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "tokens.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_tokens *tokens = rk_tokens_new();
	const char *path = rk_fuzz_file("tokens.tsv", data, size);
	(void)rk_tokens_read(tokens, path, diags);
	rk_tokens_free(tokens);
	rk_diags_free(diags);
	return 0;
}
