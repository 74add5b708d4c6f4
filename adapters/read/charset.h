/* charset.h - text files in UTF-8, whatever the exporting tool wrote.
 *
 * Timetable programs on Windows write UTF-8 (with or without a byte-order
 * mark) or Windows-1252. Valid UTF-8 is taken as it is; anything else is
 * taken as Windows-1252 and converted, so that "Müller" stays "Müller". */
#ifndef RK_CHARSET_H
#define RK_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

enum rk_charset { RK_CHARSET_UTF8, RK_CHARSET_CP1252 };

/* Whether the @len bytes at @text are valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
bool rk_charset_is_utf8(const char *text, size_t len);

/* The length of the valid UTF-8 sequence at @s (at most @left bytes; a NUL
 * ends it too, as it is no continuation byte): 1 for ASCII, 0 when it is
 * not valid. */
size_t rk_charset_sequence(const char *s, size_t left);

/* @len bytes of @text as UTF-8 in a new NUL-terminated buffer the caller
 * frees: a leading UTF-8 byte-order mark is dropped, valid UTF-8 is copied,
 * anything else converted from Windows-1252 (its five unassigned bytes
 * become U+FFFD). @was (may be NULL) tells which it was; @out_len (may be
 * NULL) gets the length. RK_ERR_NOMEM, or RK_ERR_BUG when the system's iconv
 * lacks Windows-1252. */
enum rk_status rk_charset_to_utf8(const char *text, size_t len, char **out,
				  size_t *out_len, enum rk_charset *was);

/* Reads the timetable file at @path (at most RK_TEXTFILE_MAX_TIMETABLE
 * bytes, see textfile.h) and converts it as rk_charset_to_utf8 does.
 * RK_ERR_IO when it cannot be read (errno kept for rk_textfile_strerror). */
enum rk_status rk_charset_read_file(const char *path, char **out,
				    size_t *out_len, enum rk_charset *was);

#endif
