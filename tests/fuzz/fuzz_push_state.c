/* The push's state file push.state (rk_push_state_read). */
#include "config.h"

#include "fuzz.h"

#include "diag.h"
#include "push_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_push_state *state = NULL;
	const char *path = rk_fuzz_file("push.state", data, size);
	(void)rk_push_state_read(path, &state, diags);
	rk_push_state_free(state);
	rk_diags_free(diags);
	return 0;
}
