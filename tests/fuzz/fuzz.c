#include "config.h"

#include "fuzz.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "loader.h"
#include "school_yaml.h"

/* The harness is one process per target run by libFuzzer: a file-scope
 * folder name is the simplest correct state here (not library code). */
static char fuzz_dir[256];
static char fuzz_path[512];

static void remove_dir(void)
{
	static const char *const names[] = {
		"input",
		"people.csv",
		"rooster.csv",
		"untis.txt",
		"timetable.csv",
		"x.fet",
		"x_activities.xml",
		"x_data_and_timetable.fet",
		"timetable.ics",
		"plan.tsv",
		"feeds.state",
		"push.state",
		"tokens.tsv",
		"school.yaml",
		"calendar.ics",
	};
	char path[600];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir, names[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/ritmiek-fuzz-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fuzz_dir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(remove_dir);
}

const char *rk_fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	if (!fuzz_dir[0])
		make_dir();
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/%s", fuzz_dir, name);
	int fd =
		open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror("fuzz: open");
		abort();
	}
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n <= 0) {
			perror("fuzz: write");
			abort();
		}
		data += n;
		size -= (size_t)n;
	}
	close(fd);
	return fuzz_path;
}

static char *source_path(const char *rel)
{
	static char path[1024];
	snprintf(path, sizeof(path), "%s/tests/data/%s", RK_FUZZ_SRCDIR, rel);
	return path;
}

struct rk_school *rk_fuzz_school_yaml(const char *rel)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	if (!diags ||
	    rk_school_yaml_load(source_path(rel), &school, diags) != RK_OK) {
		fprintf(stderr, "fuzz: %s does not load\n", rel);
		abort();
	}
	rk_diags_free(diags);
	return school;
}

struct rk_school *rk_fuzz_school_loaded(const char *rel)
{
	struct rk_diags *diags = rk_diags_new();
	struct rk_school *school = NULL;
	if (!diags ||
	    rk_load_school(source_path(rel), NULL, &school, diags) != RK_OK) {
		fprintf(stderr, "fuzz: %s does not load\n", rel);
		abort();
	}
	rk_diags_free(diags);
	return school;
}
