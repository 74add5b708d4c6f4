/* school_writer.h - a school file written from a draft (ritmiek init).
 *
 * libyaml's emitter cannot write comments, and the file ritmiek init writes
 * must tell the roosteraar in Dutch comments what was guessed, so the file
 * is written as text. Every scalar goes through one quoting rule (plain
 * when YAML reads it back as the same string, else double-quoted with
 * escapes), and the tests read every file back with the school reader. */
#ifndef RK_SCHOOL_WRITER_H
#define RK_SCHOOL_WRITER_H

#include <stddef.h>
#include <stdio.h>

#include "draft.h"
#include "status.h"

/* Writes @s as a YAML scalar to @out: plain when that reads back as the
 * same string (letters, digits and "_.-@/" and inner spaces, starting with
 * a letter, not a YAML 1.1 word like "no" or "on"), else double-quoted,
 * with \\, \", \n, \t and \xNN escapes and U+FFFD for bytes that are not
 * UTF-8. */
void rk_yaml_put_scalar(FILE *out, const char *s);

/* Writes the school of @draft as a school file to @out, with comments
 * beside what was guessed and, at the end, the list of
 * rk_school_writer_check. RK_ERR_IO when writing failed. */
enum rk_status rk_school_writer_write(FILE *out, const struct rk_draft *draft);

/* Item @i of what the roosteraar should check in the file @draft gives,
 * one line in Dutch, into @buf. False when there is no item @i. */
bool rk_school_writer_check(const struct rk_draft *draft, size_t i, char *buf,
			    size_t size);

#endif
