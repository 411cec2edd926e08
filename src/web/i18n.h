/*
 * Message catalogs: every user-facing string of the web UI comes from one.
 *
 * The msgid is the English text itself, exactly as the English UI shows it
 * (sentence case, single spaces), so English needs no catalog: looking a
 * msgid up in the English catalog gives the msgid back. Other languages come
 * from gettext .po files embedded from web/po/LANG.po (today only th.po),
 * because .po is what translators and their tools know.
 *
 * A catalog is immutable once parsed, so any number of threads may look
 * strings up in it at the same time.
 */
#ifndef SAWAT_I18N_H
#define SAWAT_I18N_H

#include "lib/err.h"

/* The language used when nothing in the request asks for another. */
#define I18N_DEFAULT_LANG "th"

struct catalog;
struct catalog_set;

/*
 * Parses the text of a .po file into a new catalog for lang ("th"). name is
 * used in error messages ("web/po/th.po"). Understands msgctxt, msgid,
 * msgid_plural, msgstr and msgstr[N] (only msgstr[0] is kept: Thai has one
 * plural form), strings continued over several lines, the escapes \n \t \r
 * \" \\, comments, and the "#, fuzzy" flag: fuzzy entries, obsolete entries
 * ("#~") and entries with an empty msgstr are left out, so lookups fall back
 * to English. A duplicate msgid, a bad escape, invalid UTF-8 or a header
 * whose charset is not UTF-8 is an ERR_INVALID naming the file and line.
 * The catalog copies what it needs from text. On failure *out is NULL.
 */
int catalog_parse(struct catalog **out, const char *lang, const char *name, const char *text,
		  size_t len, struct err *e);
/* Frees a catalog from catalog_parse; NULL is allowed. */
void catalog_free(struct catalog *cat);

/* The catalog's language code ("th", "en"). */
const char *catalog_lang(const struct catalog *cat);
/* Number of translated messages. */
size_t catalog_count(const struct catalog *cat);

/*
 * The translation of msgid, or msgid itself when the catalog has none (or
 * cat is NULL, which stands for English). The result is owned by the
 * catalog or is msgid, and lives as long as both.
 */
const char *catalog_tr(const struct catalog *cat, const char *msgid);
/* As catalog_tr, for an entry with a msgctxt; ctxt NULL means none. */
const char *catalog_tr_ctx(const struct catalog *cat, const char *ctxt, const char *msgid);
/* The translation of msgid, or NULL when the catalog has none. */
const char *catalog_find(const struct catalog *cat, const char *ctxt, const char *msgid);

/*
 * Loads every embedded web/po/LANG.po into a new set, plus the English
 * catalog (empty: English is the msgid). The set owns its catalogs; it is
 * immutable and shared by all request threads. On failure *out is NULL and
 * e names the file and line at fault.
 */
int catalog_set_load(struct catalog_set **out, struct err *e);
/* Frees the set and its catalogs; NULL is allowed. */
void catalog_set_free(struct catalog_set *set);
/*
 * The catalog for lang ("th", "en"). "en", and lang NULL, give the English
 * catalog; a language with no .po gives the default language's catalog
 * (I18N_DEFAULT_LANG). Never NULL; owned by the set.
 */
const struct catalog *catalog_get(const struct catalog_set *set, const char *lang);

/*
 * Picks the language of one request: "th" or "en" (static strings).
 * query is the ?lang= argument, cookie the value of the "lang" cookie,
 * accept the Accept-Language header; any may be NULL. The first of them
 * that names Thai or English wins, in that order (an explicit ?lang= beats
 * a remembered cookie, which beats the browser's setting). In
 * Accept-Language the acceptable language with the highest q wins ("*"
 * counts as Thai); otherwise the answer is Thai.
 */
const char *i18n_pick_lang(const char *query, const char *cookie, const char *accept);

#endif
