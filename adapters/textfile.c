#include "config.h"

#include "textfile.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK 65536

/* Opens @path for reading if it is a regular file. O_NONBLOCK keeps the
 * open of a FIFO from waiting for a writer (it would hang forever); fstat
 * on the open descriptor, not stat on the name, so that what is checked is
 * what is read. -1 with errno set otherwise. */
static int open_regular(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int err = 0;
	if (fstat(fd, st) < 0)
		err = errno;
	else if (S_ISDIR(st->st_mode))
		err = EISDIR;
	else if (!S_ISREG(st->st_mode))
		err = ENODEV;
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* Reads into @buf up to @size bytes; the count, or -1 on a read error. */
static ssize_t read_some(int fd, char *buf, size_t size)
{
	size_t got = 0;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Reads all of @fd, at most @max bytes (EFBIG beyond). The buffer starts at
 * the size fstat gave, one byte more to see the end and one for the NUL,
 * and grows in chunks, for a file that grows while it is read or that
 * reports no size (/proc). */
static enum rk_status read_all(int fd, size_t size, size_t max, char **out,
			       size_t *outlen)
{
	size_t cap = (size < max ? size : max) + 2, len = 0;
	char *buf = malloc(cap);

	for (;;) {
		if (!buf)
			return RK_ERR_NOMEM;
		ssize_t n = read_some(fd, buf + len, cap - 1 - len);
		if (n < 0)
			goto fail;
		len += (size_t)n;
		if (len < cap - 1)
			break;
		/* Full: one byte more tells whether there is more than @max. */
		if (cap - 1 >= max + 1) {
			errno = EFBIG;
			goto fail;
		}
		size_t more = cap - 1 + READ_CHUNK;
		cap = (more < max + 1 ? more : max + 1) + 1;
		char *p = realloc(buf, cap);
		if (!p)
			free(buf);
		buf = p;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return RK_OK;
fail:
	free(buf);
	return RK_ERR_IO;
}

enum rk_status rk_textfile_read_max(const char *path, size_t max, char **out,
				    size_t *len)
{
	static const char bom[] = "\xef\xbb\xbf";
	struct stat st;
	char *text = NULL;
	size_t n = 0;

	if (!path || !out)
		return RK_ERR_ARG;
	*out = NULL;
	int fd = open_regular(path, &st);
	if (fd < 0)
		return RK_ERR_IO;
	enum rk_status status = RK_ERR_IO;
	if (st.st_size < 0 || (uintmax_t)st.st_size > max)
		errno = EFBIG;
	else
		status = read_all(fd, (size_t)st.st_size, max, &text, &n);
	int saved = errno;
	close(fd);
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

enum rk_status rk_textfile_read(const char *path, char **out, size_t *len)
{
	return rk_textfile_read_max(path, RK_TEXTFILE_MAX, out, len);
}

enum rk_status rk_textfile_head(const char *path, char *buf, size_t size,
				size_t *len)
{
	struct stat st;
	if (!path || !buf || !len)
		return RK_ERR_ARG;
	*len = 0;
	int fd = open_regular(path, &st);
	if (fd < 0)
		return RK_ERR_IO;
	ssize_t n = read_some(fd, buf, size);
	int saved = errno;
	close(fd);
	errno = saved;
	if (n < 0)
		return RK_ERR_IO;
	*len = (size_t)n;
	return RK_OK;
}

const char *rk_textfile_strerror(int err)
{
	switch (err) {
	case EFBIG:
		return _("the file is larger than ritmiek reads (1 MiB for a "
			 "school file, 512 KiB for a people file, 4 MiB for a "
			 "timetable or calendar, 16 MiB for any other): is it "
			 "the right file?");
	case ENODEV:
		return _("not a regular file (a FIFO, device or socket is not "
			 "read): give the path of a file");
	case EISDIR:
		return _("it is a folder: give the path of a file");
	default:
		return strerror(err);
	}
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

/* @sync: flush the file before the rename; without, the caller syncs (a
 * plan directory's generation is synced once, at its commit). */
static enum rk_status write_replacing(const char *path, const char *data,
				      size_t len, bool sync)
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
	    (sync && fsync(fd) < 0)) {
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

enum rk_status rk_textfile_write_atomic(const char *path, const char *data,
					size_t len)
{
	return write_replacing(path, data, len, true);
}

/* Whether the regular file @path holds exactly @data: then a carried link
 * already is the new generation's file. */
static bool holds(const char *path, const char *data, size_t len)
{
	struct stat st;
	int fd = open_regular(path, &st);
	if (fd < 0)
		return false;
	bool same = (size_t)st.st_size == len;
	char buf[16384];
	for (size_t at = 0; same && at < len;) {
		size_t want = len - at < sizeof(buf) ? len - at : sizeof(buf);
		ssize_t n = read_some(fd, buf, want);
		same = n == (ssize_t)want && memcmp(buf, data + at, want) == 0;
		at += want;
	}
	close(fd);
	return same;
}

/* A file new to the generation is written under its own name at once: the
 * generation is a folder nobody reads before its commit, so a temporary
 * name and a rename (and the stat for the mode of a file it replaces)
 * would buy nothing; at vo:300 they were a fifth of the feeds' system
 * calls, each rename holding the folder's lock. Only a name that exists (a
 * link carried from the current generation) is replaced, and only when
 * its bytes differ: a run that changes little (a feeds re-run, a plan
 * after a small fix) keeps the carried links of what it did not change,
 * with no new file and nothing more to sync. */
enum rk_status rk_textfile_write_staged(const char *path, const char *data,
					size_t len)
{
	if (!path || (!data && len > 0))
		return RK_ERR_ARG;
	int fd =
		open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		     0644);
	if (fd < 0 && errno == EEXIST)
		return holds(path, data, len)
			       ? RK_OK
			       : write_replacing(path, data, len, false);
	if (fd < 0)
		return RK_ERR_IO;
	/* The mode is 0644 whatever the umask, as write_replacing gives a
	 * file that replaces none. */
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0) {
		int saved = errno;
		close(fd);
		unlink(path);
		errno = saved;
		return RK_ERR_IO;
	}
#ifdef SYNC_FILE_RANGE_WRITE
	/* The generation is synced once, at its commit (plandir.c); asking
	 * the kernel to start writing this file back now lets the disk work
	 * while the next files are made, so that the commit waits less. Only
	 * a hint: what it cannot do now, the commit's sync still does. At
	 * vo:300:2, plan with feeds 0.376 -> 0.309 s (bench/feeds). */
	(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	/* close can report a delayed write error (NFS): check it too. */
	if (close(fd) < 0) {
		int saved = errno;
		unlink(path);
		errno = saved;
		return RK_ERR_IO;
	}
	return RK_OK;
}

size_t rk_text_width(const char *text)
{
	size_t chars = 0;
	for (const char *c = text; *c; c++)
		chars += ((unsigned char)*c & 0xc0) != 0x80;
	return chars;
}

void rk_text_put_padded(FILE *f, const char *text, int width)
{
	fputs(text, f);
	for (int i = (int)rk_text_width(text); i < width; i++)
		fputc(' ', f);
}
