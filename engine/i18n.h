/* i18n.h - marks the messages people read, for translation (po/).
 *
 * _() looks a message up in ritmiek's catalogue; N_() only marks a string
 * that is looked up later, where it is used (tables of texts); P_() looks
 * up the singular or the plural form of a message that says a count, as
 * the language wants it for @n. The engine and the adapters only look up:
 * the front end (cli/) alone chooses the language from the environment and
 * says where the catalogues are. Strings that are data (file formats,
 * plan.tsv, iCalendar, the Dutch feed texts) are not marked. Without NLS
 * (./configure --disable-nls) all are the identity, so the messages stay
 * English. */
#ifndef RK_I18N_H
#define RK_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(msgid)	     dgettext(PACKAGE, msgid)
#define P_(msgid, plural, n) dngettext(PACKAGE, msgid, plural, n)
#else
#define _(msgid)	     (msgid)
#define P_(msgid, plural, n) ((n) == 1 ? (msgid) : (plural))
#endif
#define N_(msgid) msgid

#endif
