/* enospc.c - a full disk, for the tests: preloaded (LD_PRELOAD) into
 * ritmiek, write() to any file fails with ENOSPC once
 * $RITMIEK_TEST_ENOSPC_AFTER bytes have been written to files (standard
 * output and error aside), the last write cut short as a full disk does.
 * Test code only; never linked into ritmiek. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n)
{
	/* A preload shim has no context to keep this in. The feeds are
	 * written on several threads: the count is taken atomically. */
	static ssize_t (*real)(int, const void *, size_t);
	static long long left = -2;
	if (!__atomic_load_n(&real, __ATOMIC_ACQUIRE))
		__atomic_store_n(&real,
				 (ssize_t(*)(int, const void *, size_t))dlsym(
					 RTLD_NEXT, "write"),
				 __ATOMIC_RELEASE);
	long long have = __atomic_load_n(&left, __ATOMIC_ACQUIRE);
	if (have == -2) {
		const char *e = getenv("RITMIEK_TEST_ENOSPC_AFTER");
		long long start = e ? atoll(e) : -1;
		__atomic_compare_exchange_n(&left, &have, start, false,
					    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
		have = __atomic_load_n(&left, __ATOMIC_ACQUIRE);
	}
	while (fd > 2 && have >= 0) {
		if (have == 0) {
			errno = ENOSPC;
			return -1;
		}
		long long take = (long long)n > have ? have : (long long)n;
		if (__atomic_compare_exchange_n(&left, &have, have - take,
						false, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			n = (size_t)take;
			break;
		}
	}
	return __atomic_load_n(&real, __ATOMIC_ACQUIRE)(fd, buf, n);
}
