/* enospc.c - a full disk, for the tests: preloaded (LD_PRELOAD) into
 * ritmiek, write() to any file fails with ENOSPC once
 * $RITMIEK_TEST_ENOSPC_AFTER bytes have been written to files (standard
 * output and error aside), the last write cut short as a full disk does.
 * Test code only; never linked into ritmiek. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n)
{
	/* A preload shim has no context to keep this in. */
	static ssize_t (*real)(int, const void *, size_t);
	static long long left = -2;
	if (!real)
		real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT,
								    "write");
	if (left == -2) {
		const char *e = getenv("RITMIEK_TEST_ENOSPC_AFTER");
		left = e ? atoll(e) : -1;
	}
	if (fd > 2 && left >= 0) {
		if (left == 0) {
			errno = ENOSPC;
			return -1;
		}
		if ((long long)n > left)
			n = (size_t)left;
		left -= (long long)n;
	}
	return real(fd, buf, n);
}
