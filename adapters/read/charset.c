#include "config.h"

#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfile.h"

size_t rk_charset_sequence(const char *text, size_t left)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n;
	uint32_t cp, min;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1fu;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0fu;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07u;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

bool rk_charset_is_utf8(const char *text, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		size_t n = rk_charset_sequence(text + pos, len - pos);
		if (n == 0)
			return false;
		pos += n;
	}
	return true;
}

static enum rk_status copy_text(const char *text, size_t len, char **out,
				size_t *out_len)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return RK_ERR_NOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	*out = copy;
	if (out_len)
		*out_len = len;
	return RK_OK;
}

/* Windows-1252 leaves 0x81, 0x8d, 0x8f, 0x90 and 0x9d unassigned and glibc
 * refuses them; a stray one should not lose the whole file. */
static int put_replacement(char **dst, size_t *room)
{
	static const char fffd[] = "\xef\xbf\xbd";
	if (*room < 3)
		return -1;
	memcpy(*dst, fffd, 3);
	*dst += 3;
	*room -= 3;
	return 0;
}

/* Every Windows-1252 byte becomes at most three UTF-8 bytes. */
static enum rk_status convert_cp1252(const char *text, size_t len, char **out,
				     size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		return RK_ERR_BUG;
	size_t cap = len * 3 + 1, room = cap - 1;
	char *buf = malloc(cap), *dst = buf;
	char *src = (char *)text;
	size_t left = len;
	enum rk_status status = RK_ERR_NOMEM;
	if (!buf)
		goto out;
	status = RK_ERR_BUG;
	while (left > 0) {
		if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
			continue;
		if ((errno != EILSEQ && errno != EINVAL) ||
		    put_replacement(&dst, &room) < 0)
			goto out;
		src++;
		left--;
	}
	*dst = '\0';
	*out = buf;
	if (out_len)
		*out_len = (size_t)(dst - buf);
	buf = NULL;
	status = RK_OK;
out:
	free(buf);
	iconv_close(cd);
	return status;
}

enum rk_status rk_charset_to_utf8(const char *text, size_t len, char **out,
				  size_t *out_len, enum rk_charset *was)
{
	if (!text || !out)
		return RK_ERR_ARG;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	bool utf8 = rk_charset_is_utf8(text, len);
	if (was)
		*was = utf8 ? RK_CHARSET_UTF8 : RK_CHARSET_CP1252;
	if (utf8)
		return copy_text(text, len, out, out_len);
	return convert_cp1252(text, len, out, out_len);
}

enum rk_status rk_charset_read_file(const char *path, char **out,
				    size_t *out_len, enum rk_charset *was)
{
	char *raw = NULL;
	size_t len = 0;

	enum rk_status status = rk_textfile_read_max(
		path, RK_TEXTFILE_MAX_TIMETABLE, &raw, &len);
	if (status != RK_OK)
		return status;
	status = rk_charset_to_utf8(raw, len, out, out_len, was);
	free(raw);
	return status;
}
