#include "config.h"

#include "plandir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

#define PATH_CAP 4096

struct rk_plandir {
	int parent;	     /* the folder that holds the plan directory */
	int lock;	     /* ".NAME.lock" in it, flocked */
	char name[256];	     /* the plan directory's own name */
	char stage[300];     /* ".NAME.new-XXXXXX", the new generation */
	char path[PATH_CAP]; /* parent/stage, for rk_plandir_stage */
	bool exists;	     /* a current generation exists */
};

/* Splits @dir into its parent folder and last name ("plan/" -> ".",
 * "plan"). */
static bool split(const char *dir, char *parent, char *name)
{
	char copy[PATH_CAP];
	size_t n = strlen(dir);
	if (n == 0 || n >= sizeof(copy))
		return false;
	memcpy(copy, dir, n + 1);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	char *slash = strrchr(copy, '/');
	const char *base = slash ? slash + 1 : copy;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") ||
	    strlen(base) >= 200)
		return false;
	strcpy(name, base);
	if (!slash)
		strcpy(parent, ".");
	else if (slash == copy)
		strcpy(parent, "/");
	else {
		*slash = '\0';
		strcpy(parent, copy);
	}
	return true;
}

/* Removes @name in folder @at with everything below it. */
static int remove_tree(int at, const char *name)
{
	int fd = openat(at, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : unlinkat(at, name, 0);
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	int rc = 0;
	const struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (unlinkat(fd, e->d_name, 0) == 0)
			continue;
		rc = (errno == EISDIR || errno == EPERM)
			     ? remove_tree(fd, e->d_name)
			     : -1;
	}
	closedir(d);
	return rc == 0 ? unlinkat(at, name, AT_REMOVEDIR) : rc;
}

/* Copies file @name from @from to @to (when a hard link cannot be made:
 * another file system). */
static int copy_file(int from, int to, const char *name, mode_t mode)
{
	int in = openat(from, name, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			 mode & 07777);
	char buf[65536];
	ssize_t n = 0;
	while (out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0) {
				n = -1;
				break;
			}
			done += w;
		}
	int saved = errno;
	close(in);
	if (out < 0 || close(out) != 0 || n < 0) {
		errno = saved ? saved : EIO;
		return -1;
	}
	return 0;
}

/* Fills folder @to with hard links to everything in @from, folders made
 * anew with their modes. */
static int link_tree(int from, int to)
{
	DIR *d = fdopendir(dup(from));
	if (!d)
		return -1;
	int rc = 0;
	const struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		struct stat st;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fstatat(from, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = -1;
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			int a = -1, b = -1;
			rc = mkdirat(to, e->d_name, st.st_mode & 07777);
			if (rc == 0) {
				a = openat(from, e->d_name,
					   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				b = openat(to, e->d_name,
					   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				rc = a < 0 || b < 0 ? -1 : link_tree(a, b);
			}
			if (a >= 0)
				close(a);
			if (b >= 0)
				close(b);
		} else if (S_ISREG(st.st_mode)) {
			rc = linkat(from, e->d_name, to, e->d_name, 0);
			if (rc != 0 && (errno == EXDEV || errno == EPERM ||
					errno == EMLINK))
				rc = copy_file(from, to, e->d_name, st.st_mode);
		}
		/* Anything else (a socket, a link) is no output of ours. */
	}
	closedir(d);
	return rc;
}

/* What a run that died before its commit (or after the swap, before the
 * old generation was removed) left beside the plan directory. */
static int clear_leftovers(struct rk_plandir *pd)
{
	char new_prefix[300], old_prefix[300];
	snprintf(new_prefix, sizeof(new_prefix), ".%s.new-", pd->name);
	snprintf(old_prefix, sizeof(old_prefix), ".%s.old-", pd->name);
	DIR *d = fdopendir(dup(pd->parent));
	if (!d)
		return -1;
	int rc = 0;
	const struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL)
		if (!strncmp(e->d_name, new_prefix, strlen(new_prefix)) ||
		    !strncmp(e->d_name, old_prefix, strlen(old_prefix)))
			rc = remove_tree(pd->parent, e->d_name);
	closedir(d);
	return rc;
}

static void release(struct rk_plandir *pd)
{
	if (pd->lock >= 0)
		close(pd->lock); /* also drops the flock */
	if (pd->parent >= 0)
		close(pd->parent);
	free(pd);
}

static enum rk_status make_stage(struct rk_plandir *pd, const char *parent)
{
	struct stat st;
	pd->exists = fstatat(pd->parent, pd->name, &st, 0) == 0;
	if (pd->exists && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return RK_ERR_IO;
	}
	char path[PATH_CAP];
	if ((size_t)snprintf(path, sizeof(path), "%s/.%s.new-XXXXXX", parent,
			     pd->name) >= sizeof(path) ||
	    !mkdtemp(path)) {
		errno = errno ? errno : ENAMETOOLONG;
		return RK_ERR_IO;
	}
	strcpy(pd->path, path);
	snprintf(pd->stage, sizeof(pd->stage), "%s", strrchr(path, '/') + 1);
	int stage = openat(pd->parent, pd->stage,
			   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int old = pd->exists ? openat(pd->parent, pd->name,
				      O_RDONLY | O_DIRECTORY | O_CLOEXEC)
			     : -1;
	int rc = stage < 0 || (pd->exists && old < 0) ? -1 : 0;
	if (rc == 0)
		rc = fchmod(stage, pd->exists ? st.st_mode & 07777 : 0755);
	if (rc == 0 && pd->exists)
		rc = link_tree(old, stage);
	int saved = errno;
	if (stage >= 0)
		close(stage);
	if (old >= 0)
		close(old);
	errno = saved;
	return rc == 0 ? RK_OK : RK_ERR_IO;
}

enum rk_status rk_plandir_begin(const char *dir, struct rk_plandir **out)
{
	char parent[PATH_CAP], lockname[300];
	*out = NULL;
	struct rk_plandir *pd = calloc(1, sizeof(*pd));
	if (!pd)
		return RK_ERR_NOMEM;
	pd->parent = pd->lock = -1;
	if (!dir || !split(dir, parent, pd->name)) {
		free(pd);
		errno = EINVAL;
		return RK_ERR_IO;
	}
	snprintf(lockname, sizeof(lockname), ".%s.lock", pd->name);
	pd->parent = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pd->parent >= 0)
		pd->lock = openat(pd->parent, lockname,
				  O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (pd->lock < 0) {
		int saved = errno;
		release(pd);
		errno = saved;
		return RK_ERR_IO;
	}
	if (flock(pd->lock, LOCK_EX | LOCK_NB) != 0) {
		enum rk_status status =
			errno == EWOULDBLOCK ? RK_ERR_BUSY : RK_ERR_IO;
		release(pd);
		return status;
	}
	enum rk_status status = clear_leftovers(pd) == 0 ? RK_OK : RK_ERR_IO;
	if (status == RK_OK)
		status = make_stage(pd, parent);
	if (status != RK_OK) {
		int saved = errno;
		rk_plandir_abort(pd);
		errno = saved;
		return status;
	}
	*out = pd;
	return RK_OK;
}

const char *rk_plandir_stage(const struct rk_plandir *pd)
{
	return pd->path;
}

bool rk_plandir_file(const struct rk_plandir *pd, const char *name, char *buf,
		     size_t size)
{
	return (size_t)snprintf(buf, size, "%s/%s", pd->path, name) < size;
}

/* Makes the folders of @path below the stage ("feeds/" of "feeds/x"). */
static int make_parents(const struct rk_plandir *pd, const char *path)
{
	char buf[PATH_CAP];
	size_t skip = strlen(pd->path) + 1;
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + skip; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

enum rk_status rk_plandir_put(struct rk_plandir *pd, const char *name,
			      const char *data, size_t len, bool private)
{
	char path[PATH_CAP];
	mode_t mode = private ? 0600 : 0644;
	if (!rk_plandir_file(pd, name, path, sizeof(path))) {
		errno = ENAMETOOLONG;
		return RK_ERR_IO;
	}
	/* Never write into a carried file: its inode is the current
	 * generation's too. */
	if (make_parents(pd, path) != 0 ||
	    (unlink(path) != 0 && errno != ENOENT))
		return RK_ERR_IO;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return RK_ERR_IO;
	int rc = fchmod(fd, mode); /* the umask does not decide privacy */
	for (size_t done = 0; rc == 0 && done < len;) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = -1;
		else
			done += (size_t)n;
	}
	int saved = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	errno = saved;
	return rc == 0 ? RK_OK : RK_ERR_IO;
}

enum rk_status rk_plandir_drop(struct rk_plandir *pd, const char *name)
{
	char path[PATH_CAP];
	if (!rk_plandir_file(pd, name, path, sizeof(path))) {
		errno = ENAMETOOLONG;
		return RK_ERR_IO;
	}
	return unlink(path) == 0 || errno == ENOENT ? RK_OK : RK_ERR_IO;
}

/* The swap: one rename that exchanges the two folders. Where the file
 * system cannot exchange, the current generation is moved aside first (a
 * moment without a plan directory, never a mix). */
static int swap(struct rk_plandir *pd)
{
	if (!pd->exists)
		return renameat(pd->parent, pd->stage, pd->parent, pd->name);
	if (renameat2(pd->parent, pd->stage, pd->parent, pd->name,
		      RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	char old[300];
	snprintf(old, sizeof(old), ".%s.old-%s", pd->name,
		 pd->stage + strlen(pd->name) + 6);
	if (renameat(pd->parent, pd->name, pd->parent, old) != 0)
		return -1;
	if (renameat(pd->parent, pd->stage, pd->parent, pd->name) != 0) {
		int saved = errno;
		renameat(pd->parent, old, pd->parent, pd->name);
		errno = saved;
		return -1;
	}
	snprintf(pd->stage, sizeof(pd->stage), "%s", old);
	return 0;
}

enum rk_status rk_plandir_commit(struct rk_plandir *pd)
{
	int stage = openat(pd->parent, pd->stage,
			   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* One sync for the whole generation instead of one per file. */
	int rc = stage < 0 ? -1 : syncfs(stage);
	if (stage >= 0)
		close(stage);
	if (rc == 0)
		rc = swap(pd);
	if (rc == 0)
		rc = fsync(pd->parent);
	int saved = errno;
	if (rc != 0 && !pd->exists) {
		/* The swap did not happen: the stage is still the new one. */
		rk_plandir_abort(pd);
		errno = saved;
		return RK_ERR_IO;
	}
	if (rc != 0) {
		rk_plandir_abort(pd);
		errno = saved;
		return RK_ERR_IO;
	}
	/* The stage name now holds the old generation (or nothing). */
	if (pd->exists)
		remove_tree(pd->parent, pd->stage);
	release(pd);
	return RK_OK;
}

void rk_plandir_abort(struct rk_plandir *pd)
{
	if (!pd)
		return;
	if (pd->parent >= 0 && pd->stage[0])
		remove_tree(pd->parent, pd->stage);
	release(pd);
}

static enum rk_status cannot(struct rk_diags *diags, const char *path,
			     const char *what)
{
	rk_diags_add(diags, RK_SEV_ERROR, path, 0, 0, _("cannot %s: %s"), what,
		     strerror(errno));
	return RK_ERR_IO;
}

enum rk_status rk_plandir_remove_stale(
	const char *folder, bool (*stale)(const char *name, void *data),
	void *data, size_t *removed, struct rk_diags *diags)
{
	DIR *d = opendir(folder);
	if (!d)
		return errno == ENOENT
			       ? RK_OK
			       : cannot(diags, folder, _("read the folder"));
	enum rk_status status = RK_OK;
	for (struct dirent *de = readdir(d); de && status == RK_OK;
	     de = readdir(d)) {
		char path[PATH_CAP];
		if (!stale(de->d_name, data))
			continue;
		int n = snprintf(path, sizeof(path), "%s/%s", folder,
				 de->d_name);
		if (n < 0 || (size_t)n >= sizeof(path)) {
			errno = ENAMETOOLONG;
			status = cannot(diags, folder, _("remove"));
		} else if (unlink(path) != 0 && errno != ENOENT) {
			status = cannot(diags, path, _("remove"));
		} else {
			(*removed)++;
		}
	}
	closedir(d);
	return status;
}
