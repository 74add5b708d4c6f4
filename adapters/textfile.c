#include "config.h"

#include "textfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK 65536

/* Grows @buf so that @need more bytes and a NUL fit after @len. */
static int reserve(char **buf, size_t *cap, size_t len, size_t need)
{
	if (len + need + 1 <= *cap)
		return 0;
	size_t newcap = *cap ? *cap : READ_CHUNK;
	while (newcap < len + need + 1)
		newcap *= 2;
	char *p = realloc(*buf, newcap);
	if (!p)
		return -1;
	*buf = p;
	*cap = newcap;
	return 0;
}

/* Reading in chunks rather than by the size from fstat also works for
 * pipes and /dev/stdin. */
static enum rk_status read_all(FILE *f, char **out, size_t *outlen)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	enum rk_status status = RK_OK;

	for (;;) {
		if (reserve(&buf, &cap, len, READ_CHUNK) < 0) {
			status = RK_ERR_NOMEM;
			goto out;
		}
		size_t got = fread(buf + len, 1, READ_CHUNK, f);
		len += got;
		if (got < READ_CHUNK)
			break;
	}
	if (ferror(f)) {
		status = RK_ERR_IO;
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	buf = NULL;
out:
	free(buf);
	return status;
}

enum rk_status rk_textfile_read(const char *path, char **out, size_t *len)
{
	static const char bom[] = "\xef\xbb\xbf";
	char *text = NULL;
	size_t n = 0;

	if (!path || !out)
		return RK_ERR_ARG;
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return RK_ERR_IO;
	enum rk_status status = read_all(f, &text, &n);
	int saved = errno;
	fclose(f);
	errno = saved;
	if (status != RK_OK)
		return status;
	/* Spreadsheet programs on Windows write a byte-order mark; it is not
	 * part of the first field. */
	if (n >= 3 && !memcmp(text, bom, 3)) {
		memmove(text, text + 3, n - 3 + 1);
		n -= 3;
	}
	*out = text;
	if (len)
		*len = n;
	return RK_OK;
}

char *rk_path_relative_to(const char *base, const char *rel)
{
	if (!rel)
		return NULL;
	const char *slash = base ? strrchr(base, '/') : NULL;
	if (rel[0] == '/' || !slash)
		return strdup(rel);
	size_t dirlen = (size_t)(slash - base) + 1; /* keeps the '/' */
	size_t rellen = strlen(rel);
	char *path = malloc(dirlen + rellen + 1);
	if (!path)
		return NULL;
	memcpy(path, base, dirlen);
	memcpy(path + dirlen, rel, rellen + 1);
	return path;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* mkstemp creates the file with mode 0600; the result replaces a file that
 * others (a web server serving the feeds) may need to read, so it gets the
 * mode of the file it replaces, or 0644 when there is none. */
static int set_mode(int fd, const char *path)
{
	struct stat st;
	mode_t mode = 0644;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	return fchmod(fd, mode);
}

enum rk_status rk_textfile_write_atomic(const char *path, const char *data,
					size_t len)
{
	static const char suffix[] = ".XXXXXX";
	enum rk_status status = RK_ERR_IO;
	bool created = false;
	int fd = -1;
	int saved = 0;

	if (!path || (!data && len > 0))
		return RK_ERR_ARG;
	size_t plen = strlen(path);
	char *tmp = malloc(plen + sizeof(suffix));
	if (!tmp)
		return RK_ERR_NOMEM;
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, suffix, sizeof(suffix));
	fd = mkstemp(tmp);
	if (fd < 0) {
		saved = errno;
		goto out;
	}
	created = true;
	if (set_mode(fd, path) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0) {
		saved = errno;
		goto out;
	}
	/* close can report a delayed write error (NFS): check it too. */
	int rc = close(fd);
	fd = -1;
	if (rc < 0 || rename(tmp, path) < 0) {
		saved = errno;
		goto out;
	}
	status = RK_OK;
out:
	if (status != RK_OK) {
		if (fd >= 0)
			close(fd);
		if (created)
			unlink(tmp);
		errno = saved;
	}
	free(tmp);
	return status;
}
