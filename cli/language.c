/* language.c - messages in the user's language, files in one. */
#include "config.h"

#include "language.h"

#include <locale.h>
#include <stdlib.h>

#include "i18n.h"

void rk_cli_language_init(void)
{
#ifdef ENABLE_NLS
	/* Only the messages follow the locale. Numbers, character classes
	 * and dates stay "C", so that the files ritmiek writes and reads are
	 * the same whatever the language: no decimal comma in plan.tsv. */
	setlocale(LC_MESSAGES, "");
	const char *dir = getenv("RITMIEK_LOCALEDIR");
	bindtextdomain(PACKAGE, dir && *dir ? dir : RK_LOCALEDIR);
	/* With LC_CTYPE "C" gettext would convert to ASCII and lose the
	 * accents of "geëxporteerd"; the terminal is taken to be UTF-8, as the
	 * names from the school file already are. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
}
