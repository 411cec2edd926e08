/*
 * HTML templates: a small mustache-like language, compiled once and rendered
 * against a jansson JSON context.
 *
 *     {{name}} {{a.b}}    the value, HTML-escaped (strings as they are,
 *                         integers and reals as numbers, true/false as
 *                         words; null, missing, objects and arrays as "")
 *     {{{name}}} {{&name}} the value unescaped: only for trusted HTML that
 *                         was itself rendered from a template
 *     {{#name}}…{{/name}} a section: an array repeats the body once per
 *                         element, with the element pushed on the context
 *                         stack; an object is pushed and the body rendered
 *                         once; any other true value (true, a non-zero
 *                         number, a non-empty string) renders the body once;
 *                         false, null, missing, 0, "" and [] skip it
 *     {{^name}}…{{/name}} inverted: the body only when the section would skip
 *     {{.}}               the top of the context stack (the current element)
 *     {{> name}}          the template called name from the same set
 *     {{! comment }}      nothing
 *     {{_ English text}}  the text looked up in the request's catalog
 *                         (web/i18n.h) and HTML-escaped; the msgid is the
 *                         text with its whitespace collapsed to single
 *                         spaces, so a long message may wrap over lines
 *
 * A name is looked up from the top of the context stack outwards; for a
 * dotted name the first part is looked up that way and the rest inside what
 * it found. A name that is found nowhere renders as empty (and as false in a
 * section). A section, inverted, partial or comment tag alone on its line
 * takes its line with it, so templates can be indented freely.
 *
 * A compiled set is immutable after loading, so any number of threads may
 * render from it at the same time; the context is only read.
 */
#ifndef SAWAT_TMPL_H
#define SAWAT_TMPL_H

#include <jansson.h>
#include "lib/buf.h"
#include "lib/err.h"
#include "web/i18n.h"

/* Sections and partials nest at most this deep (when compiling and rendering). */
#define TMPL_MAX_DEPTH 32
/* Default bound on the work of one render (tags and text runs evaluated). */
#define TMPL_DEFAULT_MAX_STEPS 50000000UL

struct tmpl_set;

/* A new, empty set; tmpl_set_add fills it. Never NULL. */
struct tmpl_set *tmpl_set_new(void);
/* Frees the set and every template in it; NULL is allowed. */
void tmpl_set_free(struct tmpl_set *set);

/*
 * Compiles text[0..len) as the template called name and adds it to the set
 * (the set copies what it needs). A syntax error (an unclosed tag or
 * section, a close that does not match, a bad name, nesting deeper than
 * TMPL_MAX_DEPTH) is an ERR_INVALID naming the template and the line; the
 * set is then unchanged. A name already in the set is an ERR_CONFLICT.
 * Must not be called while other threads render from the set.
 */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, size_t len,
		 struct err *e);

/*
 * Checks that every partial used in the set names a template in it:
 * ERR_INVALID naming the template, line and partial otherwise. (At render
 * time a missing partial renders as empty, as in mustache.)
 */
int tmpl_set_check(const struct tmpl_set *set, struct err *e);

/*
 * Bounds the work of each render to max_steps evaluated nodes (0: the
 * default). A render that passes it fails with ERR_TOO_LARGE, so a hostile
 * or broken template cannot keep a thread busy. Call before sharing the set.
 */
void tmpl_set_limit(struct tmpl_set *set, unsigned long max_steps);

/*
 * Compiles every embedded web/templates/NAME.html as the template NAME
 * ("layout", "login") into a new set and checks it (tmpl_set_check). The
 * caller owns *out (tmpl_set_free); on failure *out is NULL and e names the
 * template and line at fault.
 */
int tmpl_set_load(struct tmpl_set **out, struct err *e);

/* True when the set has a template called name. */
bool tmpl_set_has(const struct tmpl_set *set, const char *name);

/*
 * Renders the template called name against ctx (read, not kept; NULL is an
 * empty context), appending to out. {{_ …}} tags are translated with cat
 * (NULL means English). Fails with ERR_NOT_FOUND for an unknown template,
 * ERR_TOO_LARGE when out's cap or the step limit is passed, and
 * ERR_INTERNAL when partials recurse deeper than TMPL_MAX_DEPTH; on failure
 * out is truncated back to its length on entry.
 */
int tmpl_render(const struct tmpl_set *set, const char *name, json_t *ctx,
		const struct catalog *cat, struct buf *out, struct err *e);

/*
 * Renders a whole page: the template page against ctx, then the template
 * "layout" with the page's HTML as "content". Both see, below ctx (so ctx
 * can override them), "lang" set to the catalog's language ("th", "en") and
 * "lang_th" or "lang_en" set to true, which the layout uses for <html lang>
 * and the language switch. ctx is not changed. Fails as tmpl_render does.
 */
int tmpl_render_page(const struct tmpl_set *set, const char *page, json_t *ctx,
		     const struct catalog *cat, struct buf *out, struct err *e);

/*
 * Calls fn once for every {{_ …}} tag in the set, in template name order,
 * with the template's name, the tag's line and its msgid, e.g. to check that
 * a catalog translates them all or to write a .pot file.
 */
void tmpl_set_each_msgid(const struct tmpl_set *set,
			 void (*fn)(const char *tmpl, int line, const char *msgid, void *arg),
			 void *arg);

#endif
