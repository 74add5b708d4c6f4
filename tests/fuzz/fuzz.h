/* fuzz.h - what the libFuzzer targets of tests/fuzz share.
 *
 * Most parsers read a path (that is how ritmiek uses them, through the
 * capped reader of textfile.c), so a target writes its input to a file in a
 * private temporary folder and hands the parser that path. */
#ifndef RK_FUZZ_H
#define RK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "school.h"

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes @size bytes of @data to the file @name in this process's temporary
 * folder (made on first use, removed at exit) and returns its path, valid
 * until the next call with the same @name. Aborts when the file cannot be
 * written: the harness is broken then, not the parser. */
const char *rk_fuzz_file(const char *name, const uint8_t *data, size_t size);

/* The school file tests/data/@rel of the source tree, read by the YAML
 * reader alone (no people file or timetable): a new school the caller
 * frees. Aborts when it does not load. */
struct rk_school *rk_fuzz_school_yaml(const char *rel);

/* The same school read and validated in full by rk_load_school (with its
 * people, timetable and holiday calendar). */
struct rk_school *rk_fuzz_school_loaded(const char *rel);

#endif
