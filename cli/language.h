/* language.h - the language of ritmiek's messages. */
#ifndef RK_LANGUAGE_H
#define RK_LANGUAGE_H

/* Chooses the language of the messages from the environment (LANGUAGE,
 * LC_ALL, LC_MESSAGES, LANG) and binds ritmiek's catalogues: those of
 * $RITMIEK_LOCALEDIR when set (the build tree, for the tests), else the
 * installed ones. Process-wide: main calls it once, first. Without NLS it
 * does nothing and the messages stay English. */
void rk_cli_language_init(void);

#endif
